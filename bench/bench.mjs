// The performance benchmark (run it with bench/run, which builds the bundle
// and serves it first). Against the sites scripts/e2e.sh serves (nginx with
// deploy/nginx/spa.conf, precompressed brotli/gzip, immutable hashed assets;
// the stub backend on 18090), it measures:
//
//   1. bytes over the wire for a first article view, by kind;
//   2. Lighthouse (mobile and desktop presets) for the home, a group and an
//      article page, and for a static HTML copy of the same article served by
//      the same nginx: the reference for what a page can physically do;
//   3. render times in headless Chromium: an article with 10, 100 and 1,000
//      comments, and listings of 10 and 100 cards (median of several runs);
//   4. the main thread's work on a cold article view with the CPU slowed 4x
//      (the mobile preset's factor), from a browser trace: long tasks, and
//      how much of them is the browser compiling wasm functions on first call.
//
// and writes the report to docs/performance.md (and the raw figures to
// bench/results.json). Options (environment):
//   BENCH_RUNS=3          Lighthouse runs per page and preset (median kept)
//   BENCH_RENDER_RUNS=9   render-time runs per case (median kept)
//   BENCH_SKIP_LIGHTHOUSE=1  only bytes, render times and the main-thread trace
//                            (which also takes BENCH_RENDER_RUNS runs)
//   BENCH_ONLY_RENDER=1   only the render times, printed; no report written
//   BENCH_REPORT_ONLY=1   docs/performance.md again from bench/results.json (node bench/bench.mjs)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit, launchChrome, score } from './lighthouse.mjs';
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';
import { stubCall as stub } from '../e2e/lib/browser.mjs';
import { brotli, precompress } from '../scripts/precompress.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN = join(ROOT, 'e2e/.run');
const SITE = 'http://127.0.0.1:18081'; // native backend on the stub
const WIDE = 'http://127.0.0.1:18085'; // the same, 100 cards a page
const STUB = 'http://127.0.0.1:18090'; // its controls go through e2e/lib's stubCall
const CODE = '50844';
const PRERENDERED = 'http://127.0.0.1:18088'; // the stub site with prerendered pages
const PRERENDERED_CODE = '50870'; // prerendered by scripts/e2e.sh (the newest), with an image
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
const LH_RUNS = Number(process.env.BENCH_RUNS || 3);
const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS || 9);
const WAIT_MS = 20_000;

const br = (buf) => brotli(buf).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// ------------------------------------------------------------------ 1. bytes

/** Kind of a response, for the byte table. */
function kindOf(url, type, mime) {
  if (/\.wasm$/.test(new URL(url).pathname) || mime === 'application/wasm') return 'wasm';
  if (type === 'Document') return 'HTML';
  if (type === 'Script') return 'JS';
  if (type === 'Stylesheet') return 'CSS';
  if (type === 'Fetch' || type === 'XHR') return 'JSON';
  if (type === 'Image') return 'images';
  return 'other';
}

/**
 * Loads `path` in a fresh context with the cache off and sums what crossed
 * the wire (headers included) by kind, until the article and its comment form
 * are on screen. JSON from the stub is sent uncompressed, so its brotli size
 * (what a production backend sends) is computed from the body as well.
 */
async function firstView(browser, base, path) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const seen = new Map();
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, {
      url: e.response.url,
      kind: kindOf(e.response.url, e.type, e.response.mimeType),
      encoding: (e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || 'none'),
      status: e.response.status,
    });
  });
  const done = [];
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) done.push({ ...r, requestId: e.requestId, wire: e.encodedDataLength });
  });
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: WAIT_MS });
  await page.getByRole('img', { name: 'Security image with distorted characters' }).waitFor({ timeout: WAIT_MS });
  // Every response that started must have finished before it is counted.
  const deadline = Date.now() + WAIT_MS;
  while (done.length < seen.size && Date.now() < deadline) await page.waitForTimeout(20);
  const rows = [];
  for (const r of done) {
    let brotli = r.wire;
    if (r.kind === 'JSON' && r.encoding === 'none') {
      const { body, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId: r.requestId });
      brotli = br(Buffer.from(body, base64Encoded ? 'base64' : 'utf8'));
    }
    rows.push({ url: r.url.replace(base, '').replace(STUB, 'stub:'), kind: r.kind, encoding: r.encoding, wire: r.wire, brotli });
  }
  await context.close();
  const byKind = {};
  for (const r of rows) {
    byKind[r.kind] ??= { wire: 0, brotli: 0, count: 0 };
    byKind[r.kind].wire += r.wire;
    byKind[r.kind].brotli += r.brotli;
    byKind[r.kind].count += 1;
  }
  const total = rows.reduce((s, r) => s + r.brotli, 0);
  return { path, rows, byKind, total, wire: rows.reduce((s, r) => s + r.wire, 0) };
}

// ------------------------------------------------------------- 2. Lighthouse

/** A static HTML page of the article, styled by the bundle's own stylesheet. */
function writeStaticReference(siteDir) {
  const content = JSON.parse(readFileSync(join(ROOT, 'src/api/demo/content.json'), 'utf8'));
  const a = content.articles.find((x) => String(x.code) === CODE);
  const css = readdirSync(siteDir).find((n) => /^main-[0-9a-f]+\.css$/.test(n));
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const html = `<!doctype html>
<html lang="${a.language}" dir="${a.language === 'fa' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(a.title)}</title>
<meta name="description" content="${esc(a.lead || a.title)}">
<link rel="stylesheet" href="/${css}">
</head>
<body>
<header class="site-header"><a class="site-name" href="/">Newsfront</a></header>
<main id="main">
<article class="article">
<h1>${esc(a.title)}</h1>
${a.lead && a.lead !== a.title ? `<p class="lead">${esc(a.lead)}</p>` : ''}
<p class="article-meta"><time datetime="${esc(a.published_at)}">${esc(a.published_at)}</time></p>
<div class="article-body">${a.body_html}</div>
</article>
</main>
</body>
</html>
`;
  writeFileSync(join(siteDir, `static-${CODE}.html`), html);
  precompress(siteDir, [`static-${CODE}.html`]);
  return `/static-${CODE}.html`;
}

/**
 * The prerendered article as plain HTML: its own file with every script
 * taken out (the app's loader, the data it carries), so the same markup and
 * styles reach the screen and nothing else runs. What a page can do at best.
 */
function writePrerenderedReference(siteDir, code) {
  const page = readFileSync(join(siteDir, 'news', code, 'index.html'), 'utf8');
  const html = page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => (/application\/ld\+json/.test(tag) ? tag : ''));
  if (!html.includes('<h1')) throw new Error(`news/${code}/index.html is not a prerendered article`);
  writeFileSync(join(siteDir, `static-${code}.html`), html);
  precompress(siteDir, [`static-${code}.html`]);
  return `/static-${code}.html`;
}

/**
 * Lighthouse on each page, mobile and desktop presets, LH_RUNS times. The
 * runs interleave the pages (run 1 of every page, then run 2 …), so drift in
 * the machine's load falls on all of them alike. Besides the usual figures,
 * each run keeps the main thread's total work and its script evaluation
 * (simulated CPU), which is what a takeover costs over the static page.
 */
async function lighthouseRuns(pages) {
  const chrome = await launchChrome();
  const out = [];
  try {
    for (const preset of ['mobile', 'desktop']) {
      const runs = pages.map(() => []);
      const retries = pages.map(() => 0);
      for (let i = 0; i < LH_RUNS; i++) {
        for (const [k, p] of pages.entries()) {
          const onRetry = (code) => process.stderr.write(`[bench] lighthouse ${preset} ${p.path}: ${code}, run again\n`);
          const result = await audit(chrome, `${p.site ?? SITE}${p.path}`, { desktop: preset === 'desktop', onRetry });
          retries[k] += result.retries;
          const { lhr } = result;
          const v = (id) => lhr.audits[id].numericValue;
          const work = lhr.audits['mainthread-work-breakdown'].details.items;
          runs[k].push({
            score: score(lhr),
            fcp: v('first-contentful-paint'),
            lcp: v('largest-contentful-paint'),
            tbt: v('total-blocking-time'),
            cls: v('cumulative-layout-shift'),
            si: v('speed-index'),
            mainThread: v('mainthread-work-breakdown'),
            scriptMs: work.filter((w) => w.group === 'scriptEvaluation').reduce((t, w) => t + w.duration, 0),
          });
        }
      }
      for (const [k, p] of pages.entries()) {
        const m = (key) => median(runs[k].map((r) => r[key]));
        const keys = ['score', 'fcp', 'lcp', 'tbt', 'cls', 'si', 'mainThread', 'scriptMs'];
        out.push({ preset, name: p.name, path: p.path, site: p.site ?? SITE, set: p.set ?? 'pages', ...Object.fromEntries(keys.map((key) => [key, m(key)])), runs: runs[k], retries: retries[k] });
        process.stderr.write(`[bench] lighthouse ${preset} ${p.path}: ${m('score')}, LCP ${fmt(m('lcp'))} ms\n`);
      }
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

// ----------------------------------------------------------- 3. render times

/**
 * In the page: clicks a link to `want.path` and resolves, with the
 * milliseconds from the click, once the frame after that page's own content
 * appeared has been painted. The content is the new page's: the address is
 * `want.path`, `main h1` reads `want.heading`, at least `want.count` elements
 * match `want.selector`, and (for a listing) the first card of the listing is
 * titled `want.first`. None of this may be true of the page being left
 * (whose card count can be the same): that is checked before the click.
 */
async function clickAndWait(page, want) {
  return page.evaluate(
    async ({ want, limit }) => {
      const shown = () => window.__benchShows(want);
      // A condition the page being left already meets would time nothing.
      if (shown()) throw new Error(`${location.pathname} already shows what ${want.path} should: ${JSON.stringify(want)}`);
      const a = document.createElement('a');
      a.href = want.path;
      a.textContent = 'bench';
      document.body.append(a);
      const t0 = performance.now();
      a.click();
      a.remove();
      await new Promise((resolve, reject) => {
        const check = () => {
          if (shown()) resolve();
          else if (performance.now() - t0 > limit) reject(new Error(`${want.path} did not show its own content: ${JSON.stringify(want)}`));
          else requestAnimationFrame(check);
        };
        check();
      });
      // Until the frame with the new content has been painted.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    { want, limit: WAIT_MS },
  );
}

/**
 * Defines, in every document `page` loads, `window.__benchShows(want)`:
 * whether the page `want` describes shows its own content (see `clickAndWait`).
 */
async function defineShows(page) {
  await page.addInitScript(() => {
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    window.__benchShows = (want) =>
      location.pathname + location.search === want.path &&
      text(document.querySelector('main h1')) === want.heading &&
      document.querySelectorAll(want.selector).length >= want.count &&
      (want.first === undefined || text(document.querySelector('main ol.card-list > li .card-title')) === want.first);
  });
}

/**
 * Milliseconds from a click on a link until the page `want` describes shows
 * its own content (`clickAndWait`), median of RENDER_RUNS runs. The data is
 * already in the app's cache (a warm-up visit first), so this is the cost of
 * building the page, not of the network. Between runs the page goes back to
 * `home` and waits for the home page's own content, so each run builds the
 * page anew from a settled home page.
 */
async function renderTime(page, want, home) {
  const times = [];
  for (let i = 0; i <= RENDER_RUNS; i++) {
    const ms = await clickAndWait(page, want);
    if (i > 0) times.push(ms); // the first visit fetches; the rest render from the cache
    await clickAndWait(page, home);
  }
  return { median: median(times), runs: times };
}

/** The title of the first article the stub lists for `query` (the content a listing must show first). */
async function firstTitle(query) {
  const { items } = await stub('GET', `/api/articles?page=1&per_page=1${query}`);
  return items[0].title;
}

async function renderTimes(browser) {
  await stub('POST', '/__reset');
  const cases = [];
  const comment = (code, i) => ({
    id: `b${code}-${i}`,
    author_name: `Reader ${i}`,
    body: `Comment number ${i} on the benchmark article, long enough to wrap onto a second line on a phone screen.`,
    created_at: new Date(Date.UTC(2024, 2, 1, 9) + i * 60_000).toISOString(),
    ...(i % 5 === 4 ? { parent_id: `b${code}-${i - 1}` } : {}),
  });
  for (const n of [10, 100, 1000]) {
    const code = String(91000 + n);
    const title = `Benchmark article with ${n} comments`;
    await stub('POST', '/__articles', {
      code,
      title,
      lead: 'Made by bench/bench.mjs.',
      published_at: '2024-03-01T08:00:00+03:30',
      groups: [{ slug: 'news', name: 'NEWS' }],
      language: 'en',
      body_html: '<p>The body of the benchmark article.</p>'.repeat(12),
      comments_open: true,
      comments: Array.from({ length: n }, (_, i) => comment(code, i)),
    });
    cases.push({
      what: `article, ${fmt(n)} comments`,
      site: SITE,
      want: { path: `/news/${code}`, heading: title, selector: 'li.comment', count: Math.min(n, 50) },
    });
  }
  await stub('POST', '/__generate', { group: { slug: 'bench', name: 'Bench' }, count: 100 });
  // The home page lists the built-in articles first (generated ones are
  // older), so the group's first card is one the home page never starts with.
  const benchFirst = await firstTitle('&group=bench');
  const homeFirst = await firstTitle('');
  if (benchFirst === homeFirst) throw new Error(`the bench group and the home page both start with "${homeFirst}"`);
  const listing = (count) => ({ path: '/group/bench', heading: 'Bench', selector: 'main ol.card-list > li article.card', count, first: benchFirst });
  cases.push({ what: 'listing, 10 cards', site: SITE, want: listing(10) });
  cases.push({ what: 'listing, 100 cards', site: WIDE, want: listing(100) });
  // The home page's own content: its heading and its own first card.
  const home = { path: '/', heading: 'Latest news', selector: 'main ol.card-list > li article.card', count: 1, first: homeFirst };

  const results = [];
  for (const c of cases) {
    const context = await browser.newContext({ baseURL: c.site });
    const page = await context.newPage();
    await defineShows(page);
    await page.goto('/');
    await page.waitForFunction((want) => window.__benchShows(want), home, { timeout: WAIT_MS });
    const r = await renderTime(page, c.want, home);
    results.push({ what: c.what, site: c.site, href: c.want.path, selector: c.want.selector, count: c.want.count, ...r });
    process.stderr.write(`[bench] render ${c.what}: ${r.median.toFixed(1)} ms\n`);
    await context.close();
  }
  await stub('POST', '/__reset');
  return results;
}

// ------------------------------------------------------------------ report

function report({ bytes, demoBytes, lh, render, main, meta }) {
  const L = [];
  L.push('# Performance');
  L.push('');
  L.push(`Measured by \`bench/run\` on ${meta.date} (${meta.machine}; Chromium ${meta.chromium}; Lighthouse ${meta.lighthouse}).`);
  L.push('Rerun with `bench/run` (builds the release bundle, serves it with nginx as deployed, writes this file).');
  L.push(`Lighthouse figures are medians of ${lh[0]?.runs.length ?? LH_RUNS} runs; render times medians of ${render[0]?.runs.length ?? RENDER_RUNS} runs.`);
  L.push('');
  // The issue's targets, each against the figure measured above.
  const pages = lh.filter((r) => r.name !== 'static HTML article' && r.set === 'pages');
  const mobile = pages.filter((r) => r.preset === 'mobile');
  const thousand = render.find((r) => r.what.includes('1,000 comments'));
  const targets = [
    ['first article view, brotli bytes', '≤ 150,000', fmt(bytes.total), bytes.total <= 150_000],
  ];
  if (mobile.length) {
    const worst = (k, f) => mobile.reduce((a, r) => f(a, r[k]), mobile[0][k]);
    targets.push(
      ['Lighthouse mobile score, lowest of the three pages', '≥ 98', String(worst('score', Math.min)), worst('score', Math.min) >= 98],
      ['LCP, mobile preset, slowest page', '≤ 1.5 s', `${(worst('lcp', Math.max) / 1000).toFixed(2)} s`, worst('lcp', Math.max) <= 1500],
      ['TBT, mobile preset, highest', '≤ 50 ms', `${fmt(worst('tbt', Math.max))} ms`, worst('tbt', Math.max) <= 50],
      ['CLS, any page and preset', '0', Math.max(...pages.map((r) => r.cls)).toFixed(3), Math.max(...pages.map((r) => r.cls)) === 0],
    );
  }
  const three = (preset) => {
    const rows = lh.filter((r) => r.set === 'prerender' && r.preset === preset);
    const [pre, csr, plain] = ['prerendered article', 'client-rendered article', 'the same page as static HTML'].map((n) => rows.find((r) => r.name === n));
    return pre && csr && plain ? { pre, csr, plain } : null;
  };
  const pm = three('mobile');
  if (pm) {
    targets.push(
      ['prerendered article: LCP over the same page as static HTML, mobile', '≤ 1.3', (pm.pre.lcp / pm.plain.lcp).toFixed(2), pm.pre.lcp <= 1.3 * pm.plain.lcp],
      ['prerendered article: CLS, mobile', '0', pm.pre.cls.toFixed(3), pm.pre.cls === 0],
      ['prerendered article: Lighthouse mobile score', '≥ 97', String(pm.pre.score), pm.pre.score >= 97],
    );
  }
  targets.push(['1,000 comments rendered (paged)', 'well under 1 s', `${thousand.median.toFixed(0)} ms`, thousand.median < 500]);
  L.push('## Targets');
  L.push('');
  L.push('| target | wanted | measured | met |');
  L.push('|---|---|---:|---|');
  for (const [what, want, got, ok] of targets) L.push(`| ${what} | ${want} | ${got} | ${ok ? 'yes' : '**no**'} |`);
  L.push('');
  L.push('## Bytes over the wire: first article view');
  L.push('');
  L.push(`\`/news/${CODE}\` in a fresh browser with the cache off, on a native backend, until the article and its comment form are on screen.`);
  L.push('Static files come from nginx as precompressed brotli (headers included); the JSON column is what a backend');
  L.push('sending brotli would put on the wire (the test backend sends it uncompressed).');
  L.push('');
  L.push('| kind | requests | brotli bytes |');
  L.push('|---|---:|---:|');
  for (const [k, v] of Object.entries(bytes.byKind).sort((a, b) => b[1].brotli - a[1].brotli)) {
    L.push(`| ${k} | ${v.count} | ${fmt(v.brotli)} |`);
  }
  L.push(`| **total** | ${bytes.rows.length} | **${fmt(bytes.total)}** |`);
  L.push('');
  L.push(`Target: at most 150,000 bytes. The same view on the demo backend, whose content comes as one JSON file (${kb(demoBytes.byKind.JSON?.brotli ?? 0)} of JSON in all), totals ${fmt(demoBytes.total)} bytes.`);
  L.push('');
  if (lh.length) {
    L.push('## Lighthouse');
    L.push('');
    L.push('Performance score, First Contentful Paint, Largest Contentful Paint, Total Blocking Time and Cumulative Layout Shift,');
    L.push('with the simulated throttling of each preset. The static page is the same article as plain HTML with the same');
    L.push('stylesheet, from the same server: the ratio column is LCP over the static page\'s LCP.');
    L.push('');
    for (const preset of ['mobile', 'desktop']) {
      const rows = lh.filter((r) => r.preset === preset && r.set === 'pages');
      const ref = rows.find((r) => r.name === 'static HTML article');
      L.push(`### ${preset}`);
      L.push('');
      L.push('| page | score | FCP | LCP | TBT | CLS | LCP ratio to static |');
      L.push('|---|---:|---:|---:|---:|---:|---:|');
      for (const r of rows) {
        L.push(`| ${r.name} (\`${r.path}\`) | ${r.score} | ${(r.fcp / 1000).toFixed(2)} s | ${(r.lcp / 1000).toFixed(2)} s | ${fmt(r.tbt)} ms | ${r.cls.toFixed(3)} | ${(r.lcp / ref.lcp).toFixed(2)} |`);
      }
      L.push('');
    }
  }
  if (pm) {
    L.push('## One article three ways: prerendered, client-rendered, static');
    L.push('');
    L.push(`\`/news/${PRERENDERED_CODE}\` (with its image), in the same interleaved Lighthouse run: as a prerendered page the app`);
    L.push('takes over (scripts/prerender.sh), as the client-rendered app draws it, and as its prerendered markup with every');
    L.push('script taken out (what plain HTML does at best). Main-thread work is Lighthouse\'s total for the load (simulated');
    L.push('CPU); over the static page\'s, it is what the app and its takeover cost.');
    L.push('');
    for (const preset of ['mobile', 'desktop']) {
      const t = three(preset);
      L.push(`### ${preset}`);
      L.push('');
      L.push('| page | score | FCP | LCP | TBT | CLS | LCP ratio to static | main-thread work | of it script evaluation |');
      L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const r of [t.pre, t.csr, t.plain]) {
        L.push(`| ${r.name} | ${r.score} | ${(r.fcp / 1000).toFixed(2)} s | ${(r.lcp / 1000).toFixed(2)} s | ${fmt(r.tbt)} ms | ${r.cls.toFixed(3)} | ${(r.lcp / t.plain.lcp).toFixed(2)} | ${fmt(r.mainThread)} ms | ${fmt(r.scriptMs)} ms |`);
      }
      L.push('');
      L.push(`LCP of each run, in run order: ${[t.pre, t.plain].map((r) => `${r.name} ${r.runs.map((x) => fmt(x.lcp)).join(', ')} ms`).join('; ')}. Lantern's simulated LCP takes a few discrete values, so two pages that paint the same way can differ by a step in their medians.`);
      L.push('');
      L.push(`The takeover costs ${fmt(t.pre.mainThread - t.plain.mainThread)} ms of main-thread work over the static page (${fmt(t.pre.scriptMs - t.plain.scriptMs)} ms of it script evaluation), all of it after the page has painted: the app starts once the page has loaded and its images are painted (scripts/page-parts.mjs).`);
      L.push('');
    }
  }
  L.push('## Render time');
  L.push('');
  L.push('From a click on a link to the frame that shows the new page\'s own content (its address, its heading, its first');
  L.push('card or its comments: nothing the page being left also shows), with the data already in the app\'s cache (so this is');
  L.push('the cost of building the page), in headless Chromium. Comments are paged (50 a page), so the first page of a');
  L.push('1,000-comment thread costs about what a 100-comment one does.');
  L.push('');
  L.push('| case | median | ratio to the smallest case |');
  L.push('|---|---:|---:|');
  const articleBase = render.find((r) => r.what.startsWith('article')).median;
  const listBase = render.find((r) => r.what.startsWith('listing')).median;
  for (const r of render) {
    const base = r.what.startsWith('article') ? articleBase : listBase;
    L.push(`| ${r.what} | ${r.median.toFixed(1)} ms | ${(r.median / base).toFixed(2)} |`);
  }
  L.push('');
  if (main) {
    L.push('## Main thread: first article view');
    L.push('');
    L.push(`A cold load of \`/news/${CODE}\` until the article and its comment form are on screen, traced with the CPU`);
    L.push(`slowed 4x (the mobile preset's factor), network unthrottled; medians of ${main.runs} runs. \`wasm.CompileLazy\` is V8`);
    L.push('compiling a wasm function the first time it is called, which it does on the main thread, inside the task');
    L.push('that calls it: the more code a first view runs, the longer its tasks.');
    L.push('');
    L.push('| measure | median |');
    L.push('|---|---:|');
    L.push(`| tasks over 50 ms | ${main.longTasks} |`);
    L.push(`| their total time | ${fmt(main.longMs)} ms |`);
    L.push(`| their time over 50 ms each (TBT's rule, here over the whole load rather than FCP to TTI) | ${fmt(main.blockingMs)} ms |`);
    const share = main.longMs > 0 ? ` (${Math.round((100 * main.compileLazyMs) / main.longMs)} % of the long tasks)` : '';
    L.push(`| of which compiling wasm on first call | ${fmt(main.compileLazyMs)} ms${share} |`);
    L.push('');
  }
  L.push('## Reading the figures');
  L.push('');
  L.push(`The wasm is ${Math.round((100 * (bytes.byKind.wasm?.brotli ?? 0)) / bytes.total)} % of a first view, and until it has loaded, compiled and`);
  L.push('run, the page shows nothing of the article: on the mobile preset\'s simulated 1.6 Mbit/s link that alone puts the');
  L.push('LCP seconds behind the static page. What the wasm holds, by crate and by module of the app, is in');
  L.push('[wasm-profile.md](wasm-profile.md), written by `node bench/profile.mjs` after `trunk build --release` (it reads the');
  L.push('function names the build keeps before wasm-opt; no tool to install).');
  L.push('');
  L.push('The reactive runtime and renderer (reactive_graph, tachys, leptos, leptos_router), the standard library and');
  L.push('their generic instances are most of it; the app\'s own code is a fifth, and the comment form, the HTTP layer and');
  L.push('the WordPress adapter are its largest pieces. Getting a first view under 150 KB needs the wasm split so that an');
  L.push('article page loads only what it draws (Leptos has `#[lazy]` routes for this, but Trunk cannot split a wasm yet:');
  L.push('trunk-rs/trunk#1022), or the first view drawn as HTML before the wasm arrives. `bench/bounds/run` measures');
  L.push('how far a split could go: see [size-bounds.md](size-bounds.md).');
  L.push('');
  return L.join('\n');
}

// ------------------------------------------------------------ 4. main thread

/**
 * One cold load of `path` traced with the CPU slowed 4x: the renderer main
 * thread's tasks over 50 ms (their total, and the part over 50 ms that counts
 * as blocking), and the time they spend in `wasm.CompileLazy` (V8 compiling
 * a wasm function on its first call, on the main thread), until `selector` shows.
 */
async function traceStartup(browser, path, selector) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm', transferMode: 'ReportEvents' });
    await page.goto(`${SITE}${path}`);
    await page.locator(selector).first().waitFor({ timeout: WAIT_MS });
    // The frame that shows it, then stop.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    await cdp.send('Tracing.end');
    await complete;
    // The page's main thread: of the renderers' main threads (named in the
    // trace's metadata), the one with the most task time.
    const key = (e) => `${e.pid}:${e.tid}`;
    const renderers = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(key));
    const busy = new Map();
    for (const e of events) {
      if (e.name === 'RunTask' && e.ph === 'X' && renderers.has(key(e))) busy.set(key(e), (busy.get(key(e)) || 0) + e.dur);
    }
    const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!main) throw new Error(`no renderer main-thread tasks in the trace of ${path}`);
    const onMain = (e) => key(e) === main && e.ph === 'X';
    // Top-level tasks only: a task run inside another (a nested loop) is part of it.
    const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask');
    const nested = (e) => tasks.some((t) => t !== e && t.ts <= e.ts && e.ts + e.dur <= t.ts + t.dur);
    const longTasks = tasks.filter((e) => e.dur > 50_000 && !nested(e));
    const long = longTasks.map((e) => e.dur / 1000);
    const inLong = (e) => longTasks.some((t) => e.ts >= t.ts && e.ts < t.ts + t.dur);
    const compileLazy = events
      .filter((e) => onMain(e) && e.name === 'wasm.CompileLazy' && inLong(e))
      .reduce((t, e) => t + e.dur / 1000, 0);
    return {
      longTasks: long.length,
      longMs: long.reduce((t, d) => t + d, 0),
      blockingMs: long.reduce((t, d) => t + d - 50, 0),
      compileLazyMs: compileLazy,
    };
  } finally {
    await context.close();
  }
}

/** Medians of `traceStartup` over RENDER_RUNS cold loads of the article. */
async function mainThread(browser) {
  const runs = [];
  for (let i = 0; i < RENDER_RUNS; i += 1) {
    await stub('POST', '/__reset');
    runs.push(await traceStartup(browser, `/news/${CODE}`, 'img.captcha-image'));
  }
  const m = (k) => median(runs.map((r) => r[k]));
  process.stderr.write(`[bench] main thread: ${fmt(m('longMs'))} ms in long tasks, ${fmt(m('compileLazyMs'))} ms compiling wasm\n`);
  return { runs: runs.length, longTasks: m('longTasks'), longMs: m('longMs'), blockingMs: m('blockingMs'), compileLazyMs: m('compileLazyMs') };
}

// ------------------------------------------------------------------- main

if (process.env.BENCH_REPORT_ONLY === '1') {
  // The report again from bench/results.json, measuring nothing.
  const saved = JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8'));
  writeFileSync(join(ROOT, 'docs/performance.md'), `${report(saved)}\n`);
  process.exit(0);
}

if (process.env.BENCH_ONLY_RENDER === '1') {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const render = await renderTimes(browser);
    for (const r of render) process.stdout.write(`${r.what}: median ${r.median.toFixed(1)} ms, runs ${r.runs.map((t) => t.toFixed(1)).join(' ')}\n`);
  } finally {
    await browser.close();
  }
  process.exit(0);
}

const chromiumVersion = execFileSync(CHROMIUM, ['--version']).toString().trim().replace(/^Chromium /, '');
const lighthouseVersion = JSON.parse(readFileSync(join(ROOT, 'bench/node_modules/lighthouse/package.json'), 'utf8')).version;
const staticPath = writeStaticReference(join(RUN, 'site-stub'));
const prerenderedStaticPath = writePrerenderedReference(join(RUN, 'site-prerendered'), PRERENDERED_CODE);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let bytes;
let demoBytes;
let render;
let main;
try {
  await stub('POST', '/__reset');
  bytes = await firstView(browser, SITE, `/news/${CODE}`);
  demoBytes = await firstView(browser, 'http://127.0.0.1:18080', `/news/${CODE}`);
  process.stderr.write(`[bench] first view: ${fmt(bytes.total)} B (demo ${fmt(demoBytes.total)} B)\n`);
  render = await renderTimes(browser);
  main = await mainThread(browser);
} finally {
  await browser.close();
}

let lh = [];
if (process.env.BENCH_SKIP_LIGHTHOUSE !== '1') {
  await stub('POST', '/__reset');
  lh = await lighthouseRuns([
    { name: 'home', path: '/' },
    { name: 'group', path: '/group/news' },
    { name: 'article', path: `/news/${CODE}` },
    { name: 'static HTML article', path: staticPath },
    // One article three ways, from the same nginx: prerendered and taken
    // over, client-rendered, and its prerendered markup with no scripts.
    { name: 'prerendered article', site: PRERENDERED, path: `/news/${PRERENDERED_CODE}`, set: 'prerender' },
    { name: 'client-rendered article', site: SITE, path: `/news/${PRERENDERED_CODE}`, set: 'prerender' },
    { name: 'the same page as static HTML', site: PRERENDERED, path: prerenderedStaticPath, set: 'prerender' },
  ]);
}

const meta = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${execFileSync('nproc').toString().trim()} cores`,
  chromium: chromiumVersion,
  lighthouse: lighthouseVersion,
};
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify({ meta, bytes, demoBytes, lh, render, main }, null, 2)}\n`);
const md = report({ bytes, demoBytes, lh, render, main, meta });
writeFileSync(join(ROOT, 'docs/performance.md'), `${md}\n`);
process.stdout.write(`${md}\n`);
