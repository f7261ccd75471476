//! Helpers for the prerendered-page tests (prerender.test.mjs over the stub,
//! prerender-wordpress.test.mjs over the real WordPress): a page read as a
//! link-preview bot reads it, and a page opened in Chromium with everything a
//! takeover could get wrong watched from the first moment.

import assert from 'node:assert/strict';
import { openPage } from './app.mjs';
import { decodeEntities as decode, textOf } from './wordpress.mjs';

export { textOf };

/** GETs `site + path` as a bot would: no JavaScript, no redirects followed. */
export async function asBot(site, path) {
  const res = await fetch(site + path, { redirect: 'manual', headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
  return { status: res.status, html: await res.text() };
}

/** The content of the head's `<meta {attr}="{name}">`, decoded ('' if none). */
export const meta = (html, attr, name) =>
  decode(html.match(new RegExp(`<meta[^>]*${attr}="${name}"[^>]*content="([^"]*)"`))?.[1] ??
    html.match(new RegExp(`<meta[^>]*content="([^"]*)"[^>]*${attr}="${name}"`))?.[1] ?? '');

/** The text of the page's h1. */
export const headlineOf = (html) => textOf(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '');

/** The page's NewsArticle JSON-LD, parsed. */
export function jsonLdOf(html) {
  const m = html.match(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/);
  assert.ok(m, 'the page carries JSON-LD');
  return JSON.parse(m[1]);
}

/** The `datetime` of every `<time>` on the page. */
export const timesOf = (html) => [...html.matchAll(/<time[^>]*datetime="([^"]+)"/g)].map((m) => m[1]);

/** In the page, before anything else runs: what a takeover could get wrong. */
function watchTakeover() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
  window.__seen = { loading: [], blank: 0, violations: [] };
  document.addEventListener('securitypolicyviolation', (e) => window.__seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
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

/** Opens `path` on `site` and waits for the app to take the prerendered page over. */
export async function openTakenOver(site, path, contextOptions) {
  const page = await openPage(site, undefined, contextOptions);
  await page.addInitScript(watchTakeover);
  await page.goto(path);
  await page.waitForFunction(() => window.__takeover !== undefined);
  return page;
}

/**
 * Asserts what a takeover must not do, as seen so far: shift the layout,
 * show a loading state, leave a moment without the headline, break the CSP.
 * `{ shifts: false }` leaves out the layout shifts, for a page whose data
 * changed since it was prerendered (the fresh content moves what follows it).
 */
export async function assertSeamless(page, { shifts = true } = {}) {
  const seen = await page.evaluate(() => ({ shifts: window.__shifts, ...window.__seen }));
  if (shifts) assert.equal(seen.shifts.reduce((a, b) => a + b, 0), 0, `layout shifts ${JSON.stringify(seen.shifts)}`);
  assert.deepEqual(seen.loading, [], 'no loading state was ever on the page');
  assert.equal(seen.blank, 0, 'the headline never left the page');
  assert.deepEqual(seen.violations, [], 'no Content-Security-Policy violation');
}

/** Resource timings whose address `matches`, split at the takeover. */
export async function requestsAround(page, matches) {
  const names = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, early: e.startTime < window.__takeover })),
  );
  const hits = names.filter((e) => matches(new URL(e.name)));
  return { before: hits.filter((e) => e.early).length, after: hits.filter((e) => !e.early).length };
}

/**
 * Asserts that the app's files (its JS and wasm) were asked for only once
 * the page had loaded: the first paint shares the network with nothing.
 */
export async function assertAppAfterLoad(page) {
  const order = await page.evaluate(() => {
    const loaded = performance.getEntriesByType('navigation')[0].loadEventStart;
    const app = performance.getEntriesByType('resource').filter((e) => /\.(wasm|js)$/.test(new URL(e.name).pathname));
    return { app: app.length, early: app.filter((e) => e.startTime < loaded).map((e) => e.name) };
  });
  assert.equal(order.app, 2, 'the app: its JS and its wasm');
  assert.deepEqual(order.early, [], 'nothing of the app before the page has loaded');
}
