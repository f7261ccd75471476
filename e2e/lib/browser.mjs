//! Shared e2e helpers: Debian's Chromium via playwright-core, pages that
//! record console errors, an axe-core accessibility check, the site URLs that
//! scripts/e2e.sh serves, and control of the stub backend.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

/** Demo backend (embedded content). */
export const DEMO = 'http://127.0.0.1:18080';
/** Native backend pointed at the stub server. */
export const STUB_SITE = 'http://127.0.0.1:18081';
/** config.json that is not valid JSON (and would be wrong if it were). */
export const BROKEN = 'http://127.0.0.1:18082';
/** Native backend pointed at a port where nothing listens. */
export const REFUSED = 'http://127.0.0.1:18083';
/** WordPress backend pointed at the real WordPress that scripts/wordpress.sh runs (127.0.0.1:18070/wp-json/). */
export const WORDPRESS = 'http://127.0.0.1:18084';
/** WordPress backend pointed at the stub's WordPress mode: a proxy in front of that WordPress that fails on demand. */
export const WORDPRESS_PROXY = 'http://127.0.0.1:18087';
/** Native backend on the stub, with config.json's articles.per_page at 100. */
export const WIDE = 'http://127.0.0.1:18085';
/** The stub site with prerendered pages (scripts/prerender.mjs, the newest 12 articles). */
export const PRERENDERED = 'http://127.0.0.1:18088';
export const WORDPRESS_PRERENDERED = 'http://127.0.0.1:18089';
/** The stub server's origin: its API is under /api/, its controls under /__. */
export const STUB_API = 'http://127.0.0.1:18090';
/** Mapped backends (docs/mapping.md) over the stub's other APIs (scripts/e2e.sh). */
export const GHOST = 'http://127.0.0.1:18091';
export const JSONFEED = 'http://127.0.0.1:18092';
export const GHOST_BADKEY = 'http://127.0.0.1:18093';
export const BESPOKE = 'http://127.0.0.1:18094';
export const MAPPED_BROKEN = 'http://127.0.0.1:18095';
export const STRAPI = 'http://127.0.0.1:18096';
export const DIRECTUS = 'http://127.0.0.1:18097';
export const DRUPAL = 'http://127.0.0.1:18098';
export const PAYLOAD = 'http://127.0.0.1:18100';
export const STRAPI_FORBIDDEN = 'http://127.0.0.1:18101';
export const STRAPI_MARKDOWN = 'http://127.0.0.1:18102';
export const OFFLINE_UPDATE = 'http://127.0.0.1:18103';
export const BESPOKE_CURSOR = 'http://127.0.0.1:18104';

const CHROMIUM_ARGS = [
  '--no-sandbox', // the suite runs as root in CI, where the sandbox cannot start
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// node --test runs each test file in its own process: this is that file's
// one browser.
let current = null;

/**
 * Launches headless Debian Chromium for this test file (call it in
 * `before`); `newPage` opens pages in it. Returns the Browser.
 */
export async function launchBrowser() {
  if (current) throw new Error('launchBrowser() twice: one browser per test file');
  current = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return current;
}

/** Closes this file's browser and every page in it (call it in `after`). */
export async function closeBrowser() {
  const browser = current;
  current = null;
  await browser?.close();
}

/** page -> { errors: [{kind, text, url}], allowed: [RegExp] } */
const records = new WeakMap();

/**
 * Opens a page in a fresh context (own storage, en-US, UTC) whose relative
 * `goto` paths resolve against `baseURL`; every console error and uncaught
 * page error is recorded for `assertNoConsoleErrors`. `contextOptions` go to
 * Playwright's `browser.newContext` (e.g. `{ locale: 'fa-IR' }`).
 */
export async function newPage(baseURL, contextOptions = {}) {
  if (!current) throw new Error('newPage() before launchBrowser()');
  const context = await current.newContext({
    baseURL,
    locale: 'en-US',
    timezoneId: 'UTC',
    ...contextOptions,
  });
  const page = await context.newPage();
  const record = { errors: [], allowed: [] };
  records.set(page, record);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      record.errors.push({ kind: 'console', text: msg.text(), url: msg.location().url || '' });
    }
  });
  page.on('pageerror', (err) => {
    record.errors.push({ kind: 'pageerror', text: err.stack || String(err), url: '' });
  });
  page.on('close', () => context.close().catch(() => {}));
  return page;
}

/**
 * Declares console errors this test expects, such as Chromium's own lines
 * for failed requests ("Failed to load resource: net::ERR_CONNECTION_REFUSED",
 * "... status of 500 ..."). A message is allowed when `pattern` matches its
 * text or the URL it was logged for. Uncaught page errors are never allowed.
 */
export function allowConsole(page, pattern) {
  recordOf(page).allowed.push(pattern);
}

/** Every console error and page error recorded on `page` so far. */
export function consoleErrors(page) {
  return [...recordOf(page).errors];
}

/**
 * Throws, listing them, if `page` logged any console error not allowed by
 * `allowConsole`, or any uncaught page error (a panic, an exception).
 */
export function assertNoConsoleErrors(page) {
  const { errors, allowed } = recordOf(page);
  const unexpected = errors.filter(
    (e) => e.kind === 'pageerror' || !allowed.some((re) => re.test(e.text) || re.test(e.url)),
  );
  if (unexpected.length > 0) {
    const lines = unexpected.map((e) => `  - [${e.kind}] ${e.text}${e.url ? ` (${e.url})` : ''}`);
    throw new Error(`${unexpected.length} console error(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

function recordOf(page) {
  const record = records.get(page);
  if (!record) throw new Error('page was not opened with newPage()');
  return record;
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Runs axe-core with its default rules (WCAG 2.x A and AA, best practices)
 * over the whole document as it is now, so call it once the content under
 * test is on screen. Throws with a readable list of the violations found;
 * `label` names the state checked ("demo home", "comment form with errors").
 */
export async function checkA11y(page, label) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated through the debugging protocol, not as a <script> element:
    // the bundle runs under a strict CSP that refuses inline scripts.
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
  });
  if (violations.length > 0) {
    const lines = violations.map((v) => {
      const more = v.nodes > v.targets.length ? `\n      ... and ${v.nodes - v.targets.length} more` : '';
      const summary = v.summary ? `\n      ${v.summary.split('\n').join('\n      ')}` : '';
      return (
        `  - [${v.impact}] ${v.id}: ${v.help} (${v.nodes} node(s))\n` +
        v.targets.map((t) => `      at ${t}`).join('\n') +
        more +
        summary +
        `\n      ${v.helpUrl}`
      );
    });
    throw new Error(
      `${violations.length} accessibility violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`,
    );
  }
}

/** One request to the stub (API or controls): its status and parsed JSON body (null if empty). */
export async function stubFetch(method, path, body) {
  const res = await fetch(`${STUB_API}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, ok: res.ok, body: text ? JSON.parse(text) : null, text };
}

/** A stub request that must succeed; its parsed body. */
export async function stubCall(method, path, body) {
  const r = await stubFetch(method, path, body);
  if (!r.ok) throw new Error(`stub ${method} ${path} answered ${r.status}: ${r.text}`);
  return r.body;
}

/**
 * Makes the stub's next `count` API requests fail with `fault` ("500",
 * "502-html", "html", "garbage", "truncated", "types", "slow", "404", ...);
 * "none" disarms it. `extra` narrows or tunes it as the stub allows
 * (`{ method, path, match, status, code, slow_ms }`). Returns the stub's view.
 */
export function setFault(fault, count = 1, extra = {}) {
  return stubCall('POST', '/__control', { fault, count, ...extra });
}

/**
 * The API requests the stub saw since the last reset, oldest first: each
 * `{seq, method, path, query, fault, status}`, plus `idempotency_key` when
 * the request sent an Idempotency-Key header.
 */
export function stubRequests() {
  return stubCall('GET', '/__requests');
}

/** Forgets the requests the stub saw. */
export function resetStubRequests() {
  return stubCall('POST', '/__requests/reset');
}

/** Puts the stub back as it started: no fault, its content, no requests. */
export function resetStub() {
  return stubCall('POST', '/__reset');
}

/**
 * Adds `article` (a whole contract Article, docs/api.md) to the stub's data,
 * or replaces the one with its code, until the next `resetStub`. A
 * test-only `comments` array (contract Comments) becomes its published
 * comments. Returns `{ code, replaced }`.
 */
export function putStubArticle(article) {
  return stubCall('POST', '/__articles', article);
}

/** Takes an article away from the stub backend (until the next reset). */
export function deleteStubArticle(code) {
  return stubCall('DELETE', `/__articles/${encodeURIComponent(code)}`);
}
