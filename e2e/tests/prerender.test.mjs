//! Prerendered pages (scripts/prerender.mjs, run by scripts/e2e.sh on the
//! site at :18088 over the stub backend, the newest 12 articles).
//!
//! Without JavaScript, as a link-preview bot reads it: an article's own
//! address answers 200 with no redirect, its headline in the h1, its body's
//! text, the date in a <time datetime>, its groups as links, the Open Graph
//! tags (image as an absolute URL), canonical and the JSON-LD; the home and
//! a group page list their articles as links; an address with no page gets
//! the shell (no canonical, no content of another page). A second run over
//! an unchanged backend rewrites no file; one with --since renders only the
//! articles changed since; one that reads the whole listing removes the page
//! of an article no longer listed.
//!
//! In Chromium: the app takes the page over with no layout shift, no
//! loading state and no blank moment, asks for the article's JSON not at all
//! before and once after, counts the view once, lists the comments, passes
//! axe and switches to Persian; an article changed since shows its new
//! title, a deleted one the not-found page; a page served for another
//! address (the group file for ?page=2) never shows.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  PRERENDERED,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  deleteStubArticle,
  launchBrowser,
  putStubArticle,
  resetStub,
  setFault,
  stubCall,
} from '../lib/browser.mjs';
import { asBot as botGet, assertAppAfterLoad, assertSeamless, meta, openTakenOver as openAt, requestsAround, textOf } from '../lib/prerender.mjs';
import { bodyParagraphs, closePages, demoArticle, newestFirst, demoContent, openPage, waitForStubRequests } from '../lib/app.mjs';

const CODE = '50870'; // the newest article: prerendered, with an image
const ARTICLE = demoArticle(CODE);
const API = `/api/articles/${CODE}`;
const NOT_PRERENDERED = newestFirst(demoContent().articles)[14].code;

const asBot = (path) => botGet(PRERENDERED, path);

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

  it('the first paint needs nothing but the page: its stylesheet inline, nothing preloaded', async () => {
    const { html } = await asBot(`/news/${CODE}`);
    assert.doesNotMatch(html, /<link[^>]*rel=["']?(stylesheet|preload|modulepreload)\b/, 'no render-blocking or competing request');
    const css = /href=\/?(main-[0-9a-f]+\.css)/.exec((await asBot('/no-such-page')).html)?.[1];
    assert.ok(css, 'the shell links the stylesheet');
    const sheet = await (await fetch(`${PRERENDERED}/${css}`)).text();
    assert.ok(html.includes(`<style>${sheet}</style>`), 'the whole stylesheet, inline');
    // No paint of a half-read view, whose header would move as the rest arrived.
    assert.match(html, /<link rel="expect" href="#prerendered-end" blocking="render">/);
    assert.match(html, /<span id="prerendered-end"><\/span><\/div><\/body>/, 'the marker closes the view');
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

const site = () => `${process.env.E2E_RUN_DIR}/site-prerendered`;
const pageFile = (code) => `${site()}/news/${code}/index.html`;

/** Runs scripts/prerender.mjs over the prerendered site again; its output. */
async function prerenderRun(...args) {
  const script = new URL('../../scripts/prerender.mjs', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)('node', [script, site(), '--url', `${PRERENDERED}/`, ...args]);
  return stdout;
}

describe('prerendering again', () => {
  it('over an unchanged backend rewrites no file', async () => {
    await resetStub();
    const page = pageFile(CODE);
    const before = statSync(page).mtimeMs;
    const stdout = await prerenderRun('--limit', '12');
    assert.match(stdout, /^prerendered (\d+) of \1 pages \(0 changed\)/m, stdout.split('\n').slice(-2).join('\n'));
    assert.equal(statSync(page).mtimeMs, before, 'the article page was not touched');
  });

  it('scripts/csp.mjs run after the prerenderer changes no page: either order gives the same pages', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'newsfront-csp-'));
    try {
      cpSync(site(), copy, { recursive: true });
      const pages = readdirSync(copy, { recursive: true }).filter((f) => f.endsWith('.html')).sort();
      assert.ok(pages.includes(join('news', CODE, 'index.html')), 'an article page among them');
      const before = pages.map((f) => readFileSync(join(copy, f), 'utf8'));
      await promisify(execFile)('node', [new URL('../../scripts/csp.mjs', import.meta.url).pathname, copy]);
      pages.forEach((f, i) => assert.equal(readFileSync(join(copy, f), 'utf8'), before[i], f));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('with --since renders again only the articles changed since (and the home and group pages)', async () => {
    await resetStub();
    const changed = newestFirst(demoContent().articles)[3].code;
    const since = new Date().toISOString();
    const untouched = statSync(pageFile(CODE)).mtimeMs;
    await putStubArticle({ ...demoArticle(changed), title: 'A revised headline', updated_at: new Date(Date.now() + 1000).toISOString() });
    const out = await prerenderRun('--since', since, '--limit', '12');
    assert.match(out, new RegExp(`/news/${changed} written`), out);
    assert.doesNotMatch(out, new RegExp(`/news/${CODE} `), 'an unchanged article is not rendered');
    // Written: the article, and the listings that show its title (the home
    // page and its groups' first pages); nothing else.
    const written = [...out.matchAll(/^\[\d+\/\d+\] (\S+) written/gm)].map((m) => m[1]);
    const may = new Set([`/news/${changed}`, '/', ...demoArticle(changed).groups.map((g) => `/group/${g.slug}`)]);
    assert.ok(written.includes('/'), `the home page lists the new headline: ${written}`);
    assert.deepEqual(written.filter((p) => !may.has(p)), [], 'nothing else written');
    assert.match(out, /, 11 articles unchanged since /, out.split('\n').at(-2));
    assert.match(readFileSync(pageFile(changed), 'utf8'), /<h1[^>]*>A revised headline</);
    assert.equal(statSync(pageFile(CODE)).mtimeMs, untouched, 'the unchanged article page was not touched');
    await resetStub();
    await prerenderRun('--limit', '12'); // back as it was, for the tests below
    assert.doesNotMatch(readFileSync(pageFile(changed), 'utf8'), /A revised headline/);
  });

  it('a run that reads the whole listing removes the page of an article no longer listed', async () => {
    await resetStub();
    const gone = newestFirst(demoContent().articles)[5].code;
    await deleteStubArticle(gone);
    const out = await prerenderRun('--since', new Date().toISOString(), '--limit', '12');
    assert.match(out, new RegExp(`news/${gone}/index.html removed: no longer listed`), out);
    assert.ok(!existsSync(pageFile(gone)), 'its page is gone');
    assert.ok(!existsSync(`${pageFile(gone)}.br`), 'and its compressed copies');
    const fallback = await asBot(`/news/${gone}`);
    assert.doesNotMatch(fallback.html, /data-prerendered=/, 'its address gets the shell');
    await resetStub();
    // An article with no page yet is rendered whatever --since says.
    const back = await prerenderRun('--since', new Date().toISOString(), '--limit', '12');
    assert.match(back, new RegExp(`/news/${gone} written`), back);
  });
});

const openTakenOver = (path, contextOptions) => openAt(PRERENDERED, path, contextOptions);

/** Resource timings of the article's own JSON, split at the takeover. */
const articleRequests = (page) => requestsAround(page, (u) => u.pathname === API);

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
    await assertSeamless(page);
    // What the first paint needs comes first: the app's files are asked for
    // only once the page has loaded (its image included).
    await assertAppAfterLoad(page);
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
    await assertSeamless(page);
    const early = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\/api\/(articles|groups)/.test(e.name) && e.startTime < window.__takeover).length,
    );
    assert.equal(early, 0, 'no listing or group request before takeover');
    assertNoConsoleErrors(page);
  });

  it('the home page with a new article published since: the fresh listing, never a loading state', async () => {
    const newest = newestFirst(demoContent().articles)[0];
    await putStubArticle({ ...newest, code: '59999', title: 'Published after the prerender', published_at: new Date().toISOString() });
    const page = await openTakenOver('/');
    await page.getByRole('heading', { level: 2, name: 'Published after the prerender', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await assertSeamless(page, { shifts: false });
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
