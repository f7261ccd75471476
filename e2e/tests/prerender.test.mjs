//! Prerendered pages (scripts/prerender.mjs, run by scripts/e2e.sh on the
//! site at :18088 over the stub backend, the newest 12 articles).
//!
//! Without JavaScript, as a link-preview bot reads it: an article's own
//! address answers 200 with no redirect, its headline in the h1, its body's
//! text, the date in a <time datetime>, its groups as links, the Open Graph
//! tags (image as an absolute URL), canonical and the JSON-LD; the home and
//! a group page list their articles as links; an address with no page gets
//! the shell (no canonical, no content of another page). A second run over
//! an unchanged backend rewrites no file.
//!
//! In Chromium: the app takes the page over with no layout shift, no
//! loading state and no blank moment, asks for the article's JSON not at all
//! before and once after, counts the view once, lists the comments, passes
//! axe and switches to Persian; an article changed since shows its new
//! title, a deleted one the not-found page; a page served for another
//! address (the group file for ?page=2) never shows.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  PRERENDERED,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  putStubArticle,
  resetStub,
  setFault,
  stubCall,
} from '../lib/browser.mjs';
import { bodyParagraphs, closePages, demoArticle, newestFirst, demoContent, openPage, waitForStubRequests } from '../lib/app.mjs';

const CODE = '50870'; // the newest article: prerendered, with an image
const ARTICLE = demoArticle(CODE);
const API = `/api/articles/${CODE}`;
const NOT_PRERENDERED = newestFirst(demoContent().articles)[14].code;

const decode = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The text of `html` as a reader would see it, tags dropped. */
const textOf = (html) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/** GETs `path` as a bot would: no JavaScript, no redirects followed. */
async function asBot(path) {
  const res = await fetch(PRERENDERED + path, { redirect: 'manual', headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
  return { status: res.status, html: await res.text() };
}

const meta = (html, attr, name) =>
  decode(html.match(new RegExp(`<meta[^>]*${attr}="${name}"[^>]*content="([^"]*)"`))?.[1] ??
    html.match(new RegExp(`<meta[^>]*content="([^"]*)"[^>]*${attr}="${name}"`))?.[1] ?? '');

describe('prerendered pages, as a bot without JavaScript reads them', () => {
  it('an article: 200 at its own address, the headline, body, date, groups, Open Graph, canonical and JSON-LD', async () => {
    const { status, html } = await asBot(`/news/${CODE}`);
    assert.equal(status, 200);
    const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1];
    assert.equal(textOf(h1 ?? ''), ARTICLE.title);
    const text = textOf(html);
    for (const p of bodyParagraphs(ARTICLE.body_html)) assert.ok(text.includes(p), `body text: ${p.slice(0, 40)}…`);
    assert.match(html, new RegExp(`<time datetime="${ARTICLE.published_at.slice(0, 16)}`));
    for (const g of ARTICLE.groups) assert.match(html, new RegExp(`<a href="/group/${g.slug}"`), `group link ${g.slug}`);
    assert.equal(meta(html, 'property', 'og:title'), ARTICLE.title);
    assert.ok(meta(html, 'property', 'og:description').length > 20, 'og:description');
    assert.equal(meta(html, 'property', 'og:image'), `${PRERENDERED}/${ARTICLE.image.url}`);
    assert.match(html, new RegExp(`<link href="${PRERENDERED}/news/${CODE}" rel="canonical"`));
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/)[1]);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, ARTICLE.title);
    assert.match(html, /<html lang="en" dir="ltr" data-prerendered="\/news\/50870">/);
  });

  it('the same article with a trailing slash: 200, no redirect', async () => {
    assert.equal((await asBot(`/news/${CODE}/`)).status, 200);
  });

  it('the home page and a group page list their articles as links', async () => {
    const home = await asBot('/');
    assert.equal(home.status, 200);
    for (const a of newestFirst(demoContent().articles).slice(0, 10)) {
      assert.match(home.html, new RegExp(`href="/news/${a.code}"`), `home links ${a.code}`);
    }
    const group = await asBot('/group/news');
    assert.equal(group.status, 200);
    for (const a of newestFirst(demoContent().articles, 'news').slice(0, 10)) {
      assert.match(group.html, new RegExp(`href="/news/${a.code}"`), `group links ${a.code}`);
    }
    assert.match(group.html, new RegExp(`<link href="${PRERENDERED}/group/news" rel="canonical"`));
  });

  it("an address with no page gets the shell: no canonical, no other page's content", async () => {
    const { status, html } = await asBot(`/news/${NOT_PRERENDERED}`);
    assert.equal(status, 200);
    assert.doesNotMatch(html, /rel="canonical"|data-prerendered=|id="prerendered"/);
  });
});

describe('prerendering again', () => {
  it('over an unchanged backend rewrites no file', async () => {
    await resetStub();
    const site = `${process.env.E2E_RUN_DIR}/site-prerendered`;
    const page = `${site}/news/${CODE}/index.html`;
    const before = statSync(page).mtimeMs;
    const script = new URL('../../scripts/prerender.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)('node', [script, site, '--url', `${PRERENDERED}/`, '--limit', '12']);
    assert.match(stdout, /^prerendered (\d+) of \1 pages \(0 changed\)/m, stdout.split('\n').slice(-2).join('\n'));
    assert.equal(statSync(page).mtimeMs, before, 'the article page was not touched');
  });
});

/** In the page, before anything else runs: what a takeover could get wrong. */
function watchTakeover() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
  window.__seen = { loading: [], blank: 0 };
  const check = () => {
    const loading = document.querySelector('.loading, .boot');
    if (loading) window.__seen.loading.push(`${loading.parentElement?.className}: ${loading.outerHTML} (${window.__takeover === undefined ? 'before' : 'after'} takeover)`);
    // Once the headline has been on screen, it must never leave it.
    const h1 = document.querySelector('main h1');
    if (h1) window.__seen.headline = true;
    else if (window.__seen.headline) window.__seen.blank += 1;
    if (window.__takeover === undefined && document.body && !document.getElementById('prerendered') && document.querySelector('main h1')) {
      window.__takeover = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** Opens `path` on the prerendered site and waits for the app to take it over. */
async function openTakenOver(path, contextOptions) {
  const page = await openPage(PRERENDERED, undefined, contextOptions);
  await page.addInitScript(watchTakeover);
  await page.goto(path);
  await page.waitForFunction(() => window.__takeover !== undefined);
  return page;
}

/** Resource timings of the article's own JSON, split at the takeover. */
async function articleRequests(page) {
  return page.evaluate((api) => {
    const hits = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === api);
    return {
      before: hits.filter((e) => e.startTime < window.__takeover).length,
      after: hits.filter((e) => e.startTime >= window.__takeover).length,
    };
  }, API);
}

before(launchBrowser);
after(closeBrowser);

describe('prerendered pages in Chromium: the takeover', () => {
  beforeEach(resetStub);
  afterEach(closePages);

  it('an article: no shift, no loading state, no blank moment; its JSON once, after; one view; the comments; axe; Persian', async () => {
    const page = await openTakenOver(`/news/${CODE}`);
    // The refreshed article and thread arrive after the takeover.
    await waitForStubRequests(
      (l) => l.some((r) => r.method === 'GET' && r.path === `${API}/comments`),
      'the thread asked for after takeover',
    );
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: ARTICLE.title, exact: true }).waitFor();
    const seen = await page.evaluate(() => ({ shifts: window.__shifts, ...window.__seen }));
    assert.equal(seen.shifts.reduce((a, b) => a + b, 0), 0, `layout shifts ${JSON.stringify(seen.shifts)}`);
    assert.deepEqual(seen.loading, [], 'no loading state was ever on the page');
    assert.equal(seen.blank, 0, 'the headline never left the page');
    const asked = await articleRequests(page);
    assert.deepEqual(asked, { before: 0, after: 1 }, 'the article JSON: none before takeover, one after');
    const log = await stubCall('GET', '/__requests');
    assert.equal(log.filter((r) => r.method === 'POST' && r.path === `${API}/views`).length, 1, 'one view counted');
    await page.getByRole('heading', { level: 2, name: 'Comments', exact: true }).waitFor();
    await checkA11y(page, 'a prerendered article after takeover');
    await page.getByRole('button', { name: 'فارسی', exact: true }).click();
    await page.locator('html[lang="fa"][dir="rtl"]').waitFor();
    await page.getByRole('navigation', { name: 'گروه‌های خبری', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: ARTICLE.title, exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('the home page: taken over without a shift, its listing carried (no request for it before takeover)', async () => {
    const page = await openTakenOver('/');
    await page.waitForLoadState('networkidle');
    const seen = await page.evaluate(() => ({ shifts: window.__shifts, ...window.__seen }));
    assert.equal(seen.shifts.reduce((a, b) => a + b, 0), 0, `layout shifts ${JSON.stringify(seen.shifts)}`);
    assert.deepEqual(seen.loading, [], 'no loading state');
    const early = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\/api\/(articles|groups)/.test(e.name) && e.startTime < window.__takeover).length,
    );
    assert.equal(early, 0, 'no listing or group request before takeover');
    assertNoConsoleErrors(page);
  });

  it('an article changed since it was prerendered shows its current title after takeover', async () => {
    await putStubArticle({ ...ARTICLE, title: 'Battery trial: the second phase, revised' });
    const page = await openTakenOver(`/news/${CODE}`);
    await page.getByRole('heading', { level: 1, name: 'Battery trial: the second phase, revised', exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('an article deleted since it was prerendered gives the not-found page after takeover', async () => {
    await setFault('404', 1000, { method: 'GET', path: API });
    const page = await openTakenOver(`/news/${CODE}`);
    allowConsole(page, /status of 404\b/);
    await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it("a group's file served for ?page=2 never shows; the app shows page 2", async () => {
    const page = await openPage(PRERENDERED);
    // Hold the wasm back, so what the browser shows before the app is seen alone.
    let release;
    const held = new Promise((r) => (release = r));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/group/news?page=2', { waitUntil: 'domcontentloaded' });
    const shown = await page.evaluate(() => {
      const v = document.getElementById('prerendered');
      return { display: v && getComputedStyle(v).display, elsewhere: document.documentElement.hasAttribute('data-prerendered-elsewhere') };
    });
    assert.deepEqual(shown, { display: 'none', elsewhere: true });
    release();
    const second = newestFirst(demoContent().articles, 'news')[10];
    await page.getByRole('heading', { level: 2, name: second.title, exact: true }).waitFor();
    assert.equal(await page.locator('#prerendered').count(), 0, 'the app removed the other page');
    assertNoConsoleErrors(page);
  });
});
