#!/usr/bin/env node
// Writes prerendered pages into a built bundle: the home page, the first page
// of every news group and the articles (newest first), each as
// <path>/index.html (/news/50844 -> news/50844/index.html; "/" -> index.html),
// so deploy/nginx/spa.conf and any static host serve it at its own address.
//
//   node scripts/prerender.mjs <bundle> --url https://news.example.org/ [--limit N] [--jobs N] [--since <ISO date>]
//   (scripts/prerender.sh does the same after installing what it needs)
//
// Each page is what the app itself renders for that address: headless
// Chromium opens it at the site's public address (--url, where the bundle
// is deployed), the bundle's files answered from the folder and everything
// else (the backend) from the network, in the site's default language, so
// canonical and image addresses come out as readers will use them; the app, told it is prerendering, counts no views, records the
// backend answers the page read, and says when the page has settled
// (src/prerender.rs). The page written is shell.html (the bundle's own
// index.html, with its Content-Security-Policy) with the app's head tags,
// those answers (so the app takes the page over without asking again) and
// the app's view in <div id="prerendered">. Every backend kind works the
// same way, since the app does the asking.
//
// With --since, the home and group pages are rendered as always, but an
// article only when it changed since that time (its updated_at, else its
// published_at, as the app's listing reads it) or has no page yet: a run
// after each publish touches only what the publish changed. A run that read
// the whole listing (--since, or no --limit) removes the pages of articles
// the backend no longer lists (deleted or unpublished).
//
// A page that fails is reported and the run goes on; the exit status is 0
// only if every page was written. Files are replaced atomically (written
// beside, then renamed), with their .br and .gz, and only when they changed.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { prerenderedShell } from './page-parts.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

// ---------------------------------------------------------------- arguments

function usage(why) {
  process.stderr.write(`prerender: ${why}\nusage: prerender.mjs <bundle folder> --url <the site's public address> [--limit N] [--jobs N] [--since <ISO date>]\n`);
  process.exit(2);
}
const args = process.argv.slice(2);
const options = { limit: Infinity, jobs: 2 };
let bundle = null;
for (let i = 0; i < args.length; i += 1) {
  const a = args[i];
  if (a === '--limit' || a === '--jobs') {
    const n = Number(args[(i += 1)]);
    if (!Number.isInteger(n) || n < (a === '--limit' ? 0 : 1)) usage(`${a} takes a whole number`);
    options[a.slice(2)] = n;
  } else if (a === '--url') {
    try {
      options.url = new URL(args[(i += 1)]);
    } catch {
      usage('--url takes the absolute address the bundle is served at');
    }
  } else if (a === '--since') {
    const text = args[(i += 1)] ?? '';
    // A date alone is midnight UTC; a date and time needs its offset.
    const when = /^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$)/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(when)) usage('--since takes an ISO 8601 date (2026-12-06) or date and time with its offset (2026-12-06T09:30:00Z)');
    options.since = when;
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (bundle === null) bundle = resolve(a);
  else usage(`one bundle folder, not ${a}`);
}
if (!bundle) usage('no bundle folder');
if (!options.url) usage('no --url: the address readers reach the bundle at');
if (!existsSync(join(bundle, 'index.html'))) usage(`no index.html in ${bundle}`);

// The shell: the app with no prerendered view. A bundle built before shells
// existed gets one from its index.html, unless that is already a prerendered page.
const shellPath = join(bundle, 'shell.html');
if (!existsSync(shellPath)) {
  if (readFileSync(join(bundle, 'index.html'), 'utf8').includes('data-prerendered=')) {
    usage(`${bundle} has no shell.html and its index.html is a prerendered page: rebuild it`);
  }
  copyFileSync(join(bundle, 'index.html'), shellPath);
}
// What every written page starts from: the shell with its stylesheet inlined
// and the app started only once the page has painted (scripts/page-parts.mjs).
const shell = prerenderedShell(readFileSync(shellPath, 'utf8'), bundle);
let config = {};
try {
  config = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
} catch {
  // The app runs its demo then; so does the prerenderer.
}
const locale = config?.site?.default_locale === 'fa' ? 'fa-IR' : 'en-US';

// ---------------------------------------------------------------- the bundle at its address

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.txt': 'text/plain',
};

/**
 * Answers a request to the site's address from the bundle: a file as it is,
 * any other address the shell (never a prerendered page, so each render is
 * the app's own). The backend's requests, even on the same origin, go to the
 * network.
 */
function fromBundle(route, backendRoot) {
  const url = new URL(route.request().url());
  if (backendRoot && url.href.startsWith(backendRoot)) return route.continue();
  const path = decodeURIComponent(url.pathname);
  const file = normalize(join(bundle, path.slice(sitePath.length - 1)));
  const isFile = file.startsWith(bundle + sep) && extname(file) && existsSync(file) && statSync(file).isFile();
  const target = isFile && !file.endsWith(`${sep}index.html`) ? file : shellPath;
  return route.fulfill({
    status: 200,
    contentType: TYPES[extname(target)] ?? 'application/octet-stream',
    body: readFileSync(target),
  });
}

// ---------------------------------------------------------------- one page

const HEAD_TAGS = [
  'meta[name="description"]', 'meta[property]', 'meta[name^="twitter:"]',
  'link[rel="canonical"]', 'script[type="application/ld+json"]',
].map((s) => `head > ${s}`).join(', ');

/** Opens `path` in `page` and returns what the app rendered, once it has settled. */
async function render(page, origin, path) {
  await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.wasmBindings?.prerenderSnapshot?.() != null, null, {
    timeout: 30_000,
    polling: 20,
  });
  return page.evaluate((headTags) => {
    const main = document.querySelector('main');
    const failed = main?.querySelector('.error-view');
    const missing = main?.querySelector('.not-found');
    const view = document.createElement('div');
    for (const n of document.body.childNodes) if (n.nodeName !== 'NOSCRIPT') view.append(n.cloneNode(true));
    const head = [...document.querySelectorAll(headTags)].map((e) => {
      const c = e.cloneNode(true);
      c.setAttribute('data-prerendered', '');
      // A script's text alone: the app's markers in it would become part of
      // the JSON when the file is parsed.
      if (c.nodeName === 'SCRIPT') c.textContent = e.textContent;
      return c.outerHTML;
    });
    const links = (selector) => [...document.querySelectorAll(selector)].map((a) => new URL(a.href).pathname);
    const snapshot = JSON.parse(window.wasmBindings.prerenderSnapshot());
    return {
      answers: snapshot.answers,
      // The articles the page's listing shows, and when each last changed.
      listed: snapshot.listed,
      more: snapshot.more,
      failure: failed ? failed.textContent.replace(/\s+/g, ' ').trim() : missing ? 'not found' : null,
      path: location.pathname,
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      head,
      view: view.innerHTML,
      groups: links('#group-nav a[href]'),
    };
  }, HEAD_TAGS);
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The page's file: the shell with the app's head tags, answers and view. */
function pageHtml(r) {
  // In a fixed order (they were recorded as they arrived), so an unchanged
  // page gives an unchanged file.
  const answers = [...r.answers].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const carried = JSON.stringify(answers).replace(/</g, '\\u003c');
  return shell
    .replace(/<html[^>]*>/i, `<html lang="${escapeHtml(r.lang)}" dir="${escapeHtml(r.dir)}" data-prerendered="${escapeHtml(r.path)}">`)
    .replace(/<title>[\s\S]*?<\/title>/i, `<title>${escapeHtml(r.title)}</title>`)
    // The first paint waits until the whole view has been read: a browser
    // paints a page while still reading it, and a header or list drawn half
    // read would move when the rest arrived (a layout shift).
    .replace(/<\/head>/i, `<link rel="expect" href="#prerendered-end" blocking="render">${r.head.join('')}<script type="application/json" id="newsfront-page">${carried}</script></head>`)
    .replace(/<\/body>/i, `<div id="prerendered">${r.view}<span id="prerendered-end"></span></div></body>`);
}

/** Writes `text` to `file` and its .br/.gz, each atomically; false when unchanged. */
function writePage(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(dirname(file), { recursive: true });
  const raw = Buffer.from(text);
  const copies = [
    [file, raw],
    [`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
    [`${file}.gz`, gzipSync(raw, { level: 9 })],
  ];
  // Compressed copies first: while the page is swapped, a reader gets the old
  // or the new whole file, never a part.
  for (const [name, bytes] of copies.reverse()) {
    const tmp = `${name}.tmp-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, name);
  }
  return true;
}

const fileFor = (path) =>
  join(bundle, ...decodeURIComponent(path.slice(sitePath.length - 1)).split('/').filter(Boolean), 'index.html');

// ---------------------------------------------------------------- the run

const sitePath = options.url.pathname.endsWith('/') ? options.url.pathname : `${options.url.pathname}/`;
const origin = options.url.origin;
const siteRoot = origin + sitePath;
const backendBase = config?.backend?.kind && config.backend.kind !== 'demo' ? config.backend.base_url : null;
const backendRoot = backendBase ? new URL(backendBase, siteRoot).href : null;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    // Pages answered from the folder have no address of their own, so
    // Chromium would treat a backend on a private or loopback address (an
    // intranet CMS, the tests' backend) as out of their reach.
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests'],
});
const context = await browser.newContext({ locale, serviceWorkers: 'block' });
await context.addInitScript(() => {
  window.__NEWSFRONT_PRERENDER = true;
});
await context.route(`${siteRoot}**`, (route) => fromBundle(route, backendRoot));

const started = Date.now();
let done = 0;
let failed = 0;
let written = 0;
const queue = [];
const seen = new Set();
const results = new Map(); // path -> rendered page, for the listings the crawl reads

function report(path, what) {
  const secs = (Date.now() - started) / 1000;
  const rate = done / Math.max(secs, 0.001);
  const total = done + queue.length;
  const left = rate > 0 ? Math.ceil(queue.length / rate) : 0;
  process.stdout.write(`[${done}/${total}] ${path} ${what} · ${rate.toFixed(1)} pages/s · ~${left} s left\n`);
}

/** Renders and writes one page; `keep` also remembers it for the crawl. */
async function prerender(page, path, { write = true, keep = false } = {}) {
  try {
    const r = await render(page, origin, path);
    if (r.failure) throw new Error(r.failure);
    if (keep) results.set(path, r);
    done += 1;
    if (!write) return report(path, 'read');
    const changed = writePage(fileFor(path), pageHtml(r));
    if (changed) written += 1;
    report(path, changed ? 'written' : 'unchanged');
  } catch (e) {
    done += 1;
    failed += 1;
    report(path, `FAILED: ${String(e.message).split('\n')[0]}`);
  }
}

async function worker() {
  const page = await context.newPage();
  while (queue.length) {
    const job = queue.shift();
    await prerender(page, job.path, job);
  }
  await page.close();
}

const add = (path, job = {}) => {
  if (seen.has(path)) return;
  seen.add(path);
  queue.push({ path, ...job });
};

// The home page first: its menu names the groups, its listing the newest articles.
const base = sitePath;
add(base, { keep: true });
await worker();
const home = results.get(base);
if (!home) {
  process.stderr.write('prerender: the home page could not be rendered; nothing else was tried\n');
  process.exit(1);
}
/** Every article listed so far: address -> when it last changed (ms). */
const articles = new Map();
const note = (listed) => {
  let fresh = 0;
  for (const { path, changed } of listed) {
    if (!articles.has(path)) fresh += 1;
    articles.set(path, Math.max(articles.get(path) ?? 0, Date.parse(changed)));
  }
  return fresh;
};
note(home.listed);
let wholeListing = !home.more;
// Further listing pages only to find more articles (they are not written):
// as far as --limit needs, or to the end, for --since (an old article may
// have changed) and to find pages of articles no longer listed.
const toTheEnd = options.since !== undefined || options.limit === Infinity;
for (let n = 2; !wholeListing && (toTheEnd || articles.size < options.limit); n += 1) {
  const path = `${base}?page=${n}`;
  add(path, { write: false, keep: true });
  await worker();
  const page = results.get(path);
  if (!page) break; // failed, and reported: the listing is incomplete
  results.delete(path);
  const fresh = note(page.listed);
  if (!page.more) wholeListing = true;
  // Nothing new on a page that is not the last: the listing moved under us.
  else if (!fresh) break;
}
for (const g of home.groups) add(g);
let skipped = 0;
for (const path of [...articles.keys()].slice(0, options.limit)) {
  if (options.since !== undefined && articles.get(path) < options.since && existsSync(fileFor(path))) {
    skipped += 1;
    continue;
  }
  add(path);
}
await Promise.all(Array.from({ length: options.jobs }, worker));

// Pages of articles the backend no longer lists: gone, when the whole listing was read.
let removed = 0;
if (wholeListing) {
  const kept = new Set([...articles.keys()].map(fileFor));
  const folders = new Set([...articles.keys()].map((p) => dirname(dirname(fileFor(p)))));
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = join(folder, entry.name, 'index.html');
      if (!entry.isDirectory() || kept.has(file) || !existsSync(file)) continue;
      // Only pages this script wrote: a prerendered article's own file.
      if (!/data-prerendered="[^"]*"/.test(readFileSync(file, 'utf8').slice(0, 4096))) continue;
      for (const f of [`${file}.br`, `${file}.gz`, file]) rmSync(f, { force: true });
      try {
        rmdirSync(join(folder, entry.name));
      } catch {
        // Something else is in it: left as it is.
      }
      removed += 1;
      process.stdout.write(`${relative(bundle, file)} removed: no longer listed\n`);
    }
  }
}

await browser.close();
const secs = ((Date.now() - started) / 1000).toFixed(1);
const extra = [
  options.since !== undefined ? `${skipped} articles unchanged since ${new Date(options.since).toISOString()} not rendered` : '',
  removed ? `${removed} no longer listed removed` : '',
].filter(Boolean);
process.stdout.write(`prerendered ${done - failed} of ${done} pages (${written} changed${extra.map((e) => `, ${e}`).join('')}) in ${secs} s${failed ? `; ${failed} failed` : ''}\n`);
process.exit(failed ? 1 : 0);
