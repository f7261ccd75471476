//! Prerendered pages over the real WordPress (scripts/prerender.mjs, run by
//! scripts/e2e.sh on the site at :18089 over 127.0.0.1:18070/wp-json/, the
//! newest 12 posts). The app's side is the same for every backend; what this
//! adds is WordPress's own answers carried in the page (entities, categories
//! as groups, the featured image from _embed, paging headers) and taken over.
//!
//! Without JavaScript, as a link-preview bot reads it: a post's page has its
//! decoded title in the h1, its body's text, its date in a <time datetime>
//! (from date_gmt), its categories as links, the Open Graph tags with the
//! featured image, canonical and the JSON-LD; the home page and a category's
//! page list their posts as links.
//!
//! In Chromium: no layout shift, no loading state, no blank moment across the
//! takeover; the post's JSON asked for not at all before and once after; the
//! comments listed; axe; switching to Persian. WordPress counts no views:
//! nothing is POSTed.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { WORDPRESS_PRERENDERED as SITE, assertNoConsoleErrors, checkA11y, closeBrowser, launchBrowser } from '../lib/browser.mjs';
import { closePages } from '../lib/app.mjs';
import {
  asBot,
  assertAppAfterLoad,
  assertSeamless,
  headlineOf,
  jsonLdOf,
  meta,
  openTakenOver,
  requestsAround,
  textOf,
  timesOf,
} from '../lib/prerender.mjs';
import { resetWordPress, seed, seededPost, wpGet } from '../lib/wordpress.mjs';

const restPost = async (id) => (await wpGet(`wp/v2/posts/${id}`)).body;
/** The newest posts as WordPress lists them (optionally one category's). */
const newest = async (category) => (await wpGet(`wp/v2/posts?per_page=10${category ? `&categories=${category}` : ''}`)).body;
/** A post's paragraphs as a reader reads them. */
const paragraphs = (html) => [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1])).filter(Boolean);

describe('prerendered WordPress pages, as a bot without JavaScript reads them', () => {
  it('a post: 200, the decoded title, body, date, categories, Open Graph with the featured image, canonical, JSON-LD', async () => {
    const seeded = seededPost('export');
    const rest = await restPost(seeded.id);
    const { status, html } = await asBot(SITE, `/news/${seeded.id}`);
    assert.equal(status, 200);
    const title = textOf(rest.title.rendered);
    assert.equal(headlineOf(html), title);
    const text = textOf(html);
    const body = paragraphs(rest.content.rendered);
    assert.ok(body.length >= 3, 'the post has paragraphs');
    for (const p of body) assert.ok(text.includes(p), `body text: ${p.slice(0, 40)}…`);
    assert.ok(timesOf(html).some((t) => Date.parse(t) === Date.parse(`${rest.date_gmt}Z`)), `a <time datetime> of ${rest.date_gmt}Z in ${timesOf(html)}`);
    for (const slug of ['news', 'science-technology']) assert.match(html, new RegExp(`<a href="/group/${slug}"`), `category link ${slug}`);
    assert.equal(meta(html, 'property', 'og:title'), title);
    assert.ok(meta(html, 'property', 'og:description').length > 20, 'og:description');
    assert.equal(meta(html, 'property', 'og:image'), seed().image.url);
    assert.match(html, new RegExp(`<link href="${SITE}/news/${seeded.id}" rel="canonical"`));
    const ld = jsonLdOf(html);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, title);
    assert.equal(Date.parse(ld.dateModified), Date.parse(`${rest.modified_gmt}Z`), 'dateModified from modified_gmt');
    assert.match(html, new RegExp(`<html lang="en" dir="ltr" data-prerendered="/news/${seeded.id}">`));
  });

  it('the home page and a category page list their posts as links', async () => {
    const home = await asBot(SITE, '/');
    assert.equal(home.status, 200);
    for (const p of await newest()) assert.match(home.html, new RegExp(`href="/news/${p.id}"`), `home links ${p.id}`);
    const group = await asBot(SITE, '/group/news');
    assert.equal(group.status, 200);
    for (const p of await newest(seed().categories.news.id)) assert.match(group.html, new RegExp(`href="/news/${p.id}"`), `group links ${p.id}`);
    assert.match(group.html, new RegExp(`<link href="${SITE}/group/news" rel="canonical"`));
  });
});

before(launchBrowser);
after(closeBrowser);

describe('prerendered WordPress pages in Chromium: the takeover', () => {
  beforeEach(resetWordPress);
  afterEach(closePages);

  it('a post with comments: seamless, its JSON once and after, nothing POSTed, the comments, axe, Persian', async () => {
    const seeded = seededPost('thread');
    const rest = await restPost(seeded.id);
    const title = textOf(rest.title.rendered);
    const page = await openTakenOver(SITE, `/news/${seeded.id}`);
    const posts = [];
    page.on('request', (r) => posts.push(r.method()));
    await page.getByRole('heading', { level: 2, name: 'Comments', exact: true }).waitFor();
    const first = (await wpGet(`wp/v2/comments?post=${seeded.id}&order=asc&orderby=date_gmt&per_page=1&parent=0`)).body[0];
    await page.getByText(textOf(first.content.rendered), { exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    await assertSeamless(page);
    await assertAppAfterLoad(page);
    const asked = await requestsAround(page, (u) => u.pathname === `/wp-json/wp/v2/posts/${seeded.id}`);
    assert.deepEqual(asked, { before: 0, after: 1 }, 'the post: none before takeover, one after');
    assert.deepEqual(posts.filter((m) => m === 'POST'), [], 'nothing POSTed: WordPress counts no views');
    await checkA11y(page, 'a prerendered WordPress post after takeover');
    await page.getByRole('button', { name: 'فارسی', exact: true }).click();
    await page.locator('html[lang="fa"][dir="rtl"]').waitFor();
    await page.getByRole('navigation', { name: 'گروه‌های خبری', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('the home page: seamless, its listing and categories carried (none asked for before takeover)', async () => {
    const page = await openTakenOver(SITE, '/');
    await page.waitForLoadState('networkidle');
    await assertSeamless(page);
    const early = await requestsAround(page, (u) => u.pathname.startsWith('/wp-json/'));
    assert.equal(early.before, 0, 'no WordPress request before takeover');
    assertNoConsoleErrors(page);
  });
});
