#!/usr/bin/env node
// Writes prerendered pages into a built bundle: the home page, the first page
// of every news group and the articles (newest first), each as
// <path>/index.html (/news/50844 -> news/50844/index.html; "/" -> index.html),
// so deploy/nginx/spa.conf and any static host serve it at its own address.
//
//   node scripts/prerender.mjs <bundle> --url https://news.example.org/ [--limit N] [--jobs N]
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
// A page that fails is reported and the run goes on; the exit status is 0
// only if every page was written. Files are replaced atomically (written
// beside, then renamed), with their .br and .gz, and only when they changed.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

// ---------------------------------------------------------------- arguments

function usage(why) {
  process.stderr.write(`prerender: ${why}\nusage: prerender.mjs <bundle folder> --url <the site's public address> [--limit N] [--jobs N]\n`);
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
const shell = readFileSync(shellPath, 'utf8');
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
    return {
      answers: window.wasmBindings.prerenderSnapshot(),
      failure: failed ? failed.textContent.replace(/\s+/g, ' ').trim() : missing ? 'not found' : null,
      path: location.pathname,
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      head,
      view: view.innerHTML,
      groups: links('#group-nav a[href]'),
      articles: links('main .card-list .card-title a[href]'),
    };
  }, HEAD_TAGS);
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The page's file: the shell with the app's head tags, answers and view. */
function pageHtml(r) {
  // In a fixed order (they were recorded as they arrived), so an unchanged
  // page gives an unchanged file.
  const answers = JSON.parse(r.answers).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const carried = JSON.stringify(answers).replace(/</g, '\\u003c');
  return shell
    .replace(/<html[^>]*>/i, `<html lang="${escapeHtml(r.lang)}" dir="${escapeHtml(r.dir)}" data-prerendered="${escapeHtml(r.path)}">`)
    .replace(/<title>[\s\S]*?<\/title>/i, `<title>${escapeHtml(r.title)}</title>`)
    .replace(/<\/head>/i, `${r.head.join('')}<script type="application/json" id="newsfront-page">${carried}</script></head>`)
    .replace(/<\/body>/i, `<div id="prerendered">${r.view}</div></body>`);
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
const articles = [...new Set(home.articles)];
// Further listing pages only to find more articles (they are not written).
for (let n = 2; articles.length < options.limit; n += 1) {
  const path = `${base}?page=${n}`;
  add(path, { write: false, keep: true });
  await worker();
  const more = results.get(path)?.articles ?? [];
  const fresh = more.filter((a) => !articles.includes(a));
  if (!fresh.length) break;
  articles.push(...fresh);
}
for (const g of home.groups) add(g);
for (const a of articles.slice(0, options.limit)) add(a);
await Promise.all(Array.from({ length: options.jobs }, worker));

await browser.close();
const secs = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`prerendered ${done - failed} of ${done} pages (${written} changed) in ${secs} s${failed ? `; ${failed} failed` : ''}\n`);
process.exit(failed ? 1 : 0);
