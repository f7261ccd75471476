//! Helpers for the app's end-to-end tests that sit on top of browser.mjs:
//! expectations computed from the demo content, a check that navigation stayed
//! client-side, bounded condition waits on the stub's request log, and a page
//! opener that the test files close after each test.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { newPage, stubRequests } from './browser.mjs';

/** How long a locator wait may take before the test fails (ms). */
export const WAIT_MS = 10_000;

const CONTENT_FILE = new URL('../../src/api/demo/content.json', import.meta.url);
let content;

/** The embedded demo content (src/api/demo/content.json), parsed once. */
export function demoContent() {
  content ??= JSON.parse(readFileSync(CONTENT_FILE, 'utf8'));
  return content;
}

/** One demo article by its news code. */
export function demoArticle(code) {
  const a = demoContent().articles.find((x) => String(x.code) === String(code));
  assert.ok(a, `demo content has no article ${code}`);
  return a;
}

/** One demo group by its slug. */
export function demoGroup(slug) {
  const g = demoContent().groups.find((x) => x.slug === slug);
  assert.ok(g, `demo content has no group ${slug}`);
  return g;
}

/** Articles newest first (by instant, as the app orders them), optionally of one group. */
export function newestFirst(articles, groupSlug) {
  return articles
    .filter((a) => !groupSlug || (a.groups || []).some((g) => g.slug === groupSlug))
    .slice()
    .sort((x, y) => Date.parse(y.published_at) - Date.parse(x.published_at));
}

/** Page `n` (1-based) of a list at `perPage` entries a page. */
export function pageOf(list, n, perPage = 10) {
  return list.slice((n - 1) * perPage, n * perPage);
}

/** The plain text of each <p> of an article body, as a reader sees it. */
export function bodyParagraphs(html) {
  return [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** A regex matching exactly `text` (whitespace-normalised), for `hasText` filters. */
export function exactly(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\s*$`);
}

// ---------------------------------------------------------------- pages

const opened = [];

/**
 * Opens a fresh page on `baseURL` (browser.mjs `newPage`) with a bounded
 * default wait, and remembers it for `closePages`. Navigates to `path` if given.
 */
export async function openPage(baseURL, path, contextOptions) {
  const page = await newPage(baseURL, contextOptions);
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  opened.push(page);
  if (path !== undefined) await page.goto(path);
  return page;
}

/** Closes every page `openPage` opened (call it in `afterEach`). */
export async function closePages() {
  await Promise.all(opened.splice(0).map((p) => p.close().catch(() => {})));
}

// ---------------------------------------------------------------- client-side navigation

/**
 * Tags the current document and starts counting full document loads, so that
 * `assertSameDocument` can tell client-side routing from a page load.
 */
export async function markDocument(page) {
  const tag = `doc-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((t) => {
    window.__e2eDocumentTag = t;
  }, tag);
  const loads = [];
  const onRequest = (req) => {
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) loads.push(req.url());
  };
  page.on('request', onRequest);
  return { tag, loads, stop: () => page.off('request', onRequest) };
}

/** Fails if the document was replaced (a full load) since `markDocument`. */
export async function assertSameDocument(page, mark, what) {
  const tag = await page.evaluate(() => window.__e2eDocumentTag);
  assert.equal(tag, mark.tag, `${what}: the document was reloaded instead of routed client-side`);
  assert.deepEqual(mark.loads, [], `${what}: the browser requested a new document`);
}

// ---------------------------------------------------------------- the stub's request log

/**
 * Waits (bounded) until `predicate(requests)` holds for the stub's request
 * log, then returns the log. On time-out, fails showing the log and `what`.
 */
export async function waitForStubRequests(predicate, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let log = await stubRequests();
  while (!predicate(log)) {
    if (Date.now() > deadline) {
      assert.fail(`stub request log never showed ${what}:\n${JSON.stringify(log, null, 2)}`);
    }
    await delay(50); // the poll interval of a condition wait, not a fixed wait
    log = await stubRequests();
  }
  return log;
}

/** The stub's logged GET requests for `path`. */
export function getsOf(log, path) {
  return log.filter((r) => r.method === 'GET' && r.path === path);
}
