//! Every field of the article page, from the demo backend and from the stub:
//! dates as <time datetime>, reading time, views (and their absence), lead,
//! image, byline, source, groups, news code, comment count, the share
//! control; the head (title, description, canonical, Open Graph, Twitter
//! card, NewsArticle JSON-LD); the print layout; and view counting against
//! the stub (one POST per article per browser session).
//!
//! Expectations come from src/api/demo/content.json, the stub's own
//! articles (e2e/stub-server.mjs), the English catalogue (src/i18n/en.json),
//! and ports of the app's word count (src/model/reading.rs) and meta
//! description (src/model/seo.rs).

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  DEMO,
  STUB_API,
  STUB_SITE,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  stubRequests,
} from '../lib/browser.mjs';
import { closePages, demoArticle, demoContent, exactly, openPage, waitForStubRequests } from '../lib/app.mjs';

const FULL = '50866'; // updated_at, image with caption and size, author, source, views, 4 comments, 3 groups
const NO_VIEWS = '50849'; // no views, no image, no updated_at
const LEAD_IS_TITLE = '50844'; // its lead equals its title
const TIME_ZONE = 'Asia/Tehran'; // config.json default (site.time_zone)

// The stub's own articles (e2e/stub-server.mjs STUB_ARTICLES).
const STUB_90001 = {
  code: '90001',
  title: 'Served by the stub backend',
  lead: 'This article exists only in the end-to-end stub, never in the embedded demo.',
  published_at: '2024-02-10T09:00:00+03:30',
  views: 1234,
  groups: [{ slug: 'stub-wire', name: 'Wire Service' }],
  comments: 2,
};
const STUB_90003_TITLE = 'A third wire story, views not counted';
const VIEWS_PATH = (code) => `/api/articles/${code}/views`;

// ---------------------------------------------------------------- ports of the app's rules

/** src/model/reading.rs text_of_html: tags become spaces, an entity one character. */
function textOfHtml(html) {
  const chars = [...html];
  let out = '';
  let inTag = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '<') {
      inTag = true;
      out += ' ';
    } else if (c === '>' && inTag) {
      inTag = false;
    } else if (c === '&' && !inTag) {
      let entity = '';
      while (i + 1 < chars.length) {
        const n = chars[++i];
        if (n === ';' || entity.length > 10) break;
        entity += n;
      }
      out += entity === 'nbsp' ? ' ' : 'x';
    } else if (!inTag) {
      out += c;
    }
  }
  return out;
}

/** src/model/reading.rs word_count. */
function wordCount(text) {
  let count = 0;
  let inWord = false;
  for (const c of text) {
    const alnum = /[\p{Alphabetic}\p{N}]/u.test(c);
    const mark = /[\u0300-\u036F\u064B-\u065F\u0670\u06D6-\u06ED]/u.test(c);
    const wordChar =
      alnum || c === '\u200C' || c === '\u200D' || mark || (inWord && (c === "'" || c === '\u2019' || c === '-'));
    if (wordChar && !inWord && alnum) {
      count += 1;
      inWord = true;
    } else if (!wordChar) {
      inWord = false;
    }
  }
  return count;
}

const wordsOf = (a) => wordCount(textOfHtml(a.body_html));
/** reading_minutes, or 200 words a minute, at least one. */
const minutesOf = (a) => a.reading_minutes ?? Math.max(1, Math.ceil(wordsOf(a) / 200));

/** src/model/seo.rs description: whitespace collapsed, cut at a word near `max`. */
function description(text, max) {
  const collapsed = text.split(/\s+/u).filter(Boolean).join(' ');
  const chars = [...collapsed];
  if (chars.length <= max) return collapsed;
  const cut = chars.slice(0, max).join('');
  const i = cut.lastIndexOf(' ');
  const atWord = i >= 0 ? cut.slice(0, i) : cut;
  return `${atWord.replace(/[,;:.،؛]+$/u, '')}…`;
}

const number = (n) => new Intl.NumberFormat('en').format(n);
const plural = (n, one, other) => (n === 1 ? one : other).replace('{n}', number(n));
const viewsText = (n) => plural(n, '{n} view', '{n} views');
const readingText = (n) => plural(n, '{n} minute to read', '{n} minutes to read');
const commentsText = (n) => (n === 0 ? 'No comments yet' : plural(n, '{n} comment', '{n} comments'));

// ---------------------------------------------------------------- page helpers

/** The article itself (comments below it are <article>s too): the one with the h1. */
const theArticle = (page) =>
  page.getByRole('main').getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });
/** The meta line: the paragraph with the publication <time>. */
const metaLine = (page) => theArticle(page).getByRole('paragraph').filter({ has: page.getByRole('time') });
const articleGroups = (page) => page.getByRole('list', { name: 'News groups', exact: true });

/** The article's visible text without its title and body (which may say anything). */
function outsideBody(page) {
  return theArticle(page).evaluate((el) => {
    let text = el.innerText;
    for (const part of el.querySelectorAll('h1, .article-body')) text = text.replace(part.innerText, ' ');
    return text.replace(/\s+/g, ' ');
  });
}

async function expectH1(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), text);
}

/** What the page shows for an instant: the date and time in the site's zone, by the browser's Intl. */
function shownDateTime(page, iso) {
  return page.evaluate(
    ({ iso, zone }) => {
      const d = new Date(iso);
      const date = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: zone });
      const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
      return `${date.format(d)}, ${time.format(d)}`;
    },
    { iso, zone: TIME_ZONE },
  );
}

/** Checks the <time> elements of the meta line: publication, then the update if `updatedAt`. */
async function expectTimes(page, publishedAt, updatedAt) {
  const meta = metaLine(page);
  const times = meta.getByRole('time');
  await times.first().waitFor();
  assert.equal(await times.count(), updatedAt ? 2 : 1, 'time elements in the meta line');
  const check = async (i, label, iso) => {
    const time = times.nth(i);
    const datetime = await time.getAttribute('datetime');
    assert.equal(Date.parse(datetime), Date.parse(iso), `${label} datetime="${datetime}" is ${iso}`);
    assert.equal((await time.textContent()).trim(), await shownDateTime(page, iso), `${label} shown`);
    const labelled = await time.evaluate((t) => t.parentElement.textContent);
    assert.equal(labelled.replace(/\s+/g, ' ').trim(), `${label} ${await shownDateTime(page, iso)}`);
  };
  await check(0, 'Published', publishedAt);
  if (updatedAt) await check(1, 'Updated', updatedAt);
}

/** Head tags as a plain object: title, description, canonical, og:*, twitter:*, article:*, JSON-LD. */
function headOf(page) {
  return page.evaluate(() => {
    const all = (sel) => [...document.head.querySelectorAll(sel)];
    const metas = {};
    for (const m of all('meta[name], meta[property]')) {
      const key = m.getAttribute('property') || m.getAttribute('name');
      (metas[key] ||= []).push(m.getAttribute('content'));
    }
    return {
      title: document.title,
      metas,
      canonical: all('link[rel="canonical"]').map((l) => l.getAttribute('href')),
      jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
    };
  });
}

/** Fails unless each `key` appears exactly once in the head with `value`. */
function expectMetas(head, expected) {
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) {
      assert.equal(head.metas[key], undefined, `no ${key} meta`);
    } else {
      assert.deepEqual(head.metas[key], [value], `meta ${key}`);
    }
  }
}

function parseJsonLd(head) {
  assert.equal(head.jsonLd.length, 1, 'one application/ld+json script');
  return JSON.parse(head.jsonLd[0]);
}

/** The page's answer to the view POST for `code` (set up before it is sent). */
function viewPost(page, code) {
  return page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === VIEWS_PATH(code),
  );
}

const posts = (log) => log.filter((r) => r.method === 'POST');

// ---------------------------------------------------------------- demo

describe('article page from the demo backend', () => {
  before(launchBrowser);
  after(closeBrowser);
  afterEach(closePages);

  it(`${FULL}: published and updated <time datetime>, reading time, views, lead, image with size and caption, byline, source, groups, code, comment count`, async () => {
    const a = demoArticle(FULL);
    assert.ok(a.updated_at && a.image && a.views && a.author && a.source, `content.json: ${FULL} has every optional field`);
    const page = await openPage(DEMO, `/news/${FULL}`);
    await expectH1(page, a.title);
    const article = theArticle(page);
    await expectTimes(page, a.published_at, a.updated_at);
    const meta = metaLine(page);
    await meta.getByText(viewsText(a.views), { exact: true }).waitFor();
    assert.equal(viewsText(a.views), '3,402 views');
    await meta.getByText(readingText(minutesOf(a)), { exact: true }).waitFor();
    assert.ok(minutesOf(a) > 1, `a long article: ${minutesOf(a)} minutes`);

    // The lead differs from the title, so it is shown once, under the h1.
    await article.getByRole('paragraph').filter({ hasText: exactly(a.lead) }).waitFor();
    assert.equal(await article.getByRole('paragraph').filter({ hasText: exactly(a.lead) }).count(), 1);

    const figure = article.getByRole('figure', { name: a.image.caption, exact: true });
    await figure.waitFor();
    const img = figure.getByRole('img', { name: a.image.alt, exact: true });
    assert.equal(await img.getAttribute('alt'), a.image.alt);
    assert.equal(await img.getAttribute('width'), String(a.image.width));
    assert.equal(await img.getAttribute('height'), String(a.image.height));
    assert.equal(await img.evaluate((i) => i.src), `${DEMO}/${a.image.url}`);
    await page.waitForFunction((el) => el.complete, await img.elementHandle());
    assert.ok((await img.evaluate((i) => i.naturalWidth)) > 0, 'the image loaded');
    assert.equal((await figure.locator('figcaption').textContent()).trim(), a.image.caption);

    await article.getByRole('paragraph').filter({ hasText: exactly(`By ${a.author}`) }).waitFor();
    await article.getByRole('paragraph').filter({ hasText: exactly(`Source: ${a.source}`) }).waitFor();

    const links = articleGroups(page).getByRole('listitem').getByRole('link');
    assert.equal(await links.count(), a.groups.length, 'group links');
    for (const [i, g] of a.groups.entries()) {
      assert.equal((await links.nth(i).textContent()).trim(), g.name, `group link ${i + 1} text`);
      assert.equal(await links.nth(i).getAttribute('href'), `/group/${g.slug}`, `group link ${i + 1} target`);
    }
    await article.getByRole('paragraph').filter({ hasText: exactly(`News code ${FULL}`) }).waitFor();
    assert.equal(await article.locator('data').getAttribute('value'), FULL);
    const comments = (demoContent().comments[FULL] || []).length;
    assert.equal(comments, 4);
    await article.getByRole('paragraph').filter({ hasText: exactly(commentsText(comments)) }).waitFor();
    await article.getByRole('button', { name: 'Share', exact: true }).waitFor();

    await checkA11y(page, `demo article ${FULL}`);
    assertNoConsoleErrors(page);
  });

  it(`${FULL} head: title, description, canonical, Open Graph, Twitter card and NewsArticle JSON-LD`, async () => {
    const a = demoArticle(FULL);
    const page = await openPage(DEMO, `/news/${FULL}`);
    await expectH1(page, a.title);
    const canonical = `${DEMO}/news/${FULL}`;
    const image = `${DEMO}/${a.image.url}`;
    const desc = description(a.lead, 200);
    await page.waitForFunction((t) => document.title === t, `${a.title} · Newsfront Demo`);
    const head = await headOf(page);
    assert.equal(head.title, `${a.title} · Newsfront Demo`);
    assert.deepEqual(head.canonical, [canonical], 'link rel=canonical');
    expectMetas(head, {
      description: desc,
      'og:type': 'article',
      'og:title': a.title,
      'og:description': desc,
      'og:url': canonical,
      'og:image': image,
      'twitter:card': 'summary_large_image',
      'twitter:title': a.title,
      'twitter:description': desc,
      'twitter:image': image,
    });
    assert.equal(Date.parse(head.metas['article:published_time'][0]), Date.parse(a.published_at));
    assert.equal(Date.parse(head.metas['article:modified_time'][0]), Date.parse(a.updated_at));

    const ld = parseJsonLd(head);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, a.title);
    assert.equal(ld.url, canonical);
    assert.equal(ld.mainEntityOfPage, canonical);
    assert.equal(ld.identifier, FULL);
    assert.equal(Date.parse(ld.datePublished), Date.parse(a.published_at), 'datePublished');
    assert.equal(Date.parse(ld.dateModified), Date.parse(a.updated_at), 'dateModified');
    assert.equal(ld.wordCount, wordsOf(a));
    assert.ok(ld.wordCount > 0);
    assert.match(ld.timeRequired, /^PT\d+M$/);
    assert.equal(ld.timeRequired, `PT${minutesOf(a)}M`);
    assert.deepEqual(ld.articleSection, a.groups.map((g) => g.name));
    assert.equal(ld.interactionStatistic?.userInteractionCount, a.views);
    assert.equal(ld.interactionStatistic?.['@type'], 'InteractionCounter');
    assert.equal(ld.image, image);
    assert.deepEqual(ld.author, { '@type': 'Person', name: a.author });
    assert.equal(ld.commentCount, 4);
    assert.equal(ld.inLanguage, 'en');
    assert.equal(ld.description, description(a.lead, 300));
    assertNoConsoleErrors(page);
  });

  it(`${NO_VIEWS} without views: no view count anywhere (page, JSON-LD), no image, one <time>`, async () => {
    const a = demoArticle(NO_VIEWS);
    assert.equal(a.views, undefined, `content.json: ${NO_VIEWS} has no views`);
    const page = await openPage(DEMO, `/news/${NO_VIEWS}`);
    await expectH1(page, a.title);
    await expectTimes(page, a.published_at, null);
    const meta = metaLine(page);
    await meta.getByText(readingText(minutesOf(a)), { exact: true }).waitFor();
    await theArticle(page).getByRole('paragraph').filter({ hasText: exactly(`News code ${NO_VIEWS}`) }).waitFor();
    const text = await outsideBody(page);
    assert.doesNotMatch(text, /\bviews?\b/i, `no "views" text on the page: "${text}"`);
    assert.equal(await theArticle(page).getByRole('figure').count(), 0, 'no figure');
    const head = await headOf(page);
    const ld = parseJsonLd(head);
    assert.equal(ld.interactionStatistic, undefined, 'no interactionStatistic');
    assert.equal(ld.image, undefined);
    expectMetas(head, { 'twitter:card': 'summary', 'og:image': undefined, 'article:modified_time': undefined });
    await checkA11y(page, `demo article ${NO_VIEWS} (no views)`);
    assertNoConsoleErrors(page);
  });

  it(`${LEAD_IS_TITLE} whose lead equals its title: the lead is not repeated under the h1`, async () => {
    const a = demoArticle(LEAD_IS_TITLE);
    assert.equal(a.lead, a.title, `content.json: ${LEAD_IS_TITLE}'s lead is its title`);
    const page = await openPage(DEMO, `/news/${LEAD_IS_TITLE}`);
    await expectH1(page, a.title);
    await theArticle(page).getByRole('paragraph').filter({ hasText: exactly(`News code ${LEAD_IS_TITLE}`) }).waitFor();
    assert.equal(await theArticle(page).getByText(a.title, { exact: true }).count(), 1, 'the title shows once (the h1)');
    const head = await headOf(page);
    expectMetas(head, { description: description(a.title, 200) });
    await checkA11y(page, `demo article ${LEAD_IS_TITLE}`);
    assertNoConsoleErrors(page);
  });

  it('share without navigator.share: "Share" copies the canonical URL to the clipboard and says so', async () => {
    const page = await openPage(DEMO);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: DEMO });
    await page.addInitScript(() => {
      delete Navigator.prototype.share;
      delete Navigator.prototype.canShare;
    });
    await page.goto(`/news/${FULL}`);
    await expectH1(page, demoArticle(FULL).title);
    assert.equal(await page.evaluate(() => typeof navigator.share), 'undefined');
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    const article = theArticle(page);
    await article.getByRole('button', { name: 'Share', exact: true }).click();
    await article.getByRole('status').filter({ hasText: exactly('Link copied to the clipboard.') }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${DEMO}/news/${FULL}`);
    await checkA11y(page, `demo article ${FULL} after sharing`);
    assertNoConsoleErrors(page);
  });

  it('print: the site header, group navigation and share button are hidden, the article is not', async () => {
    const a = demoArticle(FULL);
    const page = await openPage(DEMO, `/news/${FULL}`);
    await expectH1(page, a.title);
    const share = theArticle(page).getByRole('button', { name: 'Share', exact: true });
    const nav = page.getByRole('navigation', { name: 'News groups', exact: true });
    const header = page.getByRole('banner');
    await nav.waitFor();
    assert.ok(await header.isVisible(), 'header visible on screen');
    assert.ok(await share.isVisible(), 'share visible on screen');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.site-header').isHidden(), 'site header hidden in print');
    assert.ok(await nav.isHidden(), 'group navigation hidden in print');
    assert.ok(await share.isHidden(), 'share button hidden in print');
    assert.ok(await page.getByRole('heading', { level: 1, name: a.title, exact: true }).isVisible(), 'h1 printed');
    assert.ok(await metaLine(page).isVisible(), 'meta line printed');
    assert.ok(await theArticle(page).locator('.article-body').isVisible(), 'body printed');
    await checkA11y(page, `demo article ${FULL} in print`);
    await page.emulateMedia({ media: 'screen' });
    assert.ok(await share.isVisible(), 'share visible again on screen');
    assertNoConsoleErrors(page);
  });
});

// ---------------------------------------------------------------- stub

describe('article page from the stub backend', () => {
  before(launchBrowser);
  after(closeBrowser);
  beforeEach(resetStub);
  afterEach(closePages);

  it('90001: time, reading time, counted views, lead, group, code, comments and head tags over HTTP', async () => {
    const a = STUB_90001;
    const page = await openPage(STUB_SITE);
    const counted = viewPost(page, a.code);
    await page.goto(`/news/${a.code}`);
    await expectH1(page, a.title);
    await expectTimes(page, a.published_at, null);
    const answer = await (await counted).json();
    assert.deepEqual(answer, { views: a.views + 1 }, 'the stub counts one view');
    const meta = metaLine(page);
    await meta.getByText(viewsText(answer.views), { exact: true }).waitFor();
    const body = await (await fetch(`${STUB_API}/api/articles/${a.code}`)).json(); // for its body_html
    await meta.getByText(readingText(minutesOf(body)), { exact: true }).waitFor();
    const article = theArticle(page);
    await article.getByRole('paragraph').filter({ hasText: exactly(a.lead) }).waitFor();
    const links = articleGroups(page).getByRole('link');
    assert.deepEqual((await links.allTextContents()).map((t) => t.trim()), a.groups.map((g) => g.name));
    assert.equal(await links.first().getAttribute('href'), `/group/${a.groups[0].slug}`);
    await article.getByRole('paragraph').filter({ hasText: exactly(`News code ${a.code}`) }).waitFor();
    await article.getByRole('paragraph').filter({ hasText: exactly(commentsText(a.comments)) }).waitFor();
    assert.equal(await article.getByRole('figure').count(), 0, 'no image');

    const canonical = `${STUB_SITE}/news/${a.code}`;
    const head = await headOf(page);
    assert.equal(head.title, `${a.title} · Newsfront Stub`);
    assert.deepEqual(head.canonical, [canonical]);
    expectMetas(head, {
      description: description(a.lead, 200),
      'og:type': 'article',
      'og:title': a.title,
      'og:url': canonical,
      'twitter:card': 'summary',
      'og:image': undefined,
    });
    const ld = parseJsonLd(head);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, a.title);
    assert.equal(ld.identifier, a.code, 'identifier is the string form of the numeric code');
    assert.equal(Date.parse(ld.datePublished), Date.parse(a.published_at));
    assert.equal(ld.wordCount, wordsOf(body));
    assert.ok(ld.wordCount > 0);
    assert.equal(ld.timeRequired, `PT${minutesOf(body)}M`);
    assert.deepEqual(ld.articleSection, ['Wire Service']);
    assert.equal(ld.interactionStatistic?.userInteractionCount, a.views, 'the views the article came with');
    assert.equal(ld.commentCount, a.comments);
    await checkA11y(page, 'stub article 90001');
    assertNoConsoleErrors(page);
  });

  it("view counting on 90001: the backend's count first, then exactly one POST whose answer is shown; none on reload; one more in a new context", async () => {
    const code = STUB_90001.code;
    await resetStubRequests();
    const page = await openPage(STUB_SITE);
    // Hold the view POST in the browser until the first count has been seen.
    let release;
    const gate = new Promise((r) => (release = r));
    let held;
    const heldPost = new Promise((r) => (held = r));
    await page.route(`**${VIEWS_PATH(code)}`, async (route) => {
      held(route.request().method());
      await gate;
      await route.continue();
    });
    await page.goto(`/news/${code}`);
    await expectH1(page, STUB_90001.title);
    const meta = metaLine(page);
    await meta.getByText('1,234 views', { exact: true }).waitFor();
    assert.equal(await heldPost, 'POST', 'the page sent its view POST');
    assert.deepEqual(posts(await stubRequests()), [], 'the held POST has not reached the stub');
    const counted = viewPost(page, code);
    release();
    const answer = await (await counted).json();
    assert.deepEqual(answer, { views: 1235 });
    await meta.getByText('1,235 views', { exact: true }).waitFor();
    let log = await waitForStubRequests((l) => posts(l).some((r) => r.status !== null), 'the view POST answered');
    assert.deepEqual(
      posts(log).map((r) => [r.path, r.status]),
      [[VIEWS_PATH(code), 200]],
      'exactly one POST, to the views of 90001',
    );
    await checkA11y(page, 'stub article 90001 after counting');

    // Same tab (same session): the reload shows the new count and counts nothing.
    await page.unroute(`**${VIEWS_PATH(code)}`);
    await page.reload();
    await expectH1(page, STUB_90001.title);
    await meta.getByText('1,235 views', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    log = await stubRequests();
    assert.equal(log.filter((r) => r.method === 'GET' && r.path === `/api/articles/${code}`).length, 2, 'two article GETs');
    assert.equal(posts(log).length, 1, 'no second POST after a reload in the same session');
    assert.ok(await meta.getByText('1,235 views', { exact: true }).isVisible(), 'count unchanged');
    assertNoConsoleErrors(page);

    // A new context is a new session: one more view.
    const other = await openPage(STUB_SITE);
    const counted2 = viewPost(other, code);
    await other.goto(`/news/${code}`);
    assert.deepEqual(await (await counted2).json(), { views: 1236 });
    await metaLine(other).getByText('1,236 views', { exact: true }).waitFor();
    log = await waitForStubRequests((l) => posts(l).length >= 2 && posts(l).every((r) => r.status !== null), 'a second view POST');
    assert.deepEqual(posts(log).map((r) => [r.path, r.status]), [[VIEWS_PATH(code), 200], [VIEWS_PATH(code), 200]]);
    assertNoConsoleErrors(other);
  });

  it('90003 without views: no view POST, no views text, no interactionStatistic, no lead', async () => {
    await resetStubRequests();
    const page = await openPage(STUB_SITE, '/news/90003');
    await expectH1(page, STUB_90003_TITLE);
    await theArticle(page).getByRole('paragraph').filter({ hasText: exactly('News code 90003') }).waitFor();
    await theArticle(page)
      .getByRole('paragraph')
      .filter({ hasText: /^This item has no lead and no view count/ })
      .waitFor();
    await page.waitForLoadState('networkidle');
    const log = await stubRequests();
    assert.equal(log.filter((r) => r.method === 'GET' && r.path === '/api/articles/90003').length, 1);
    assert.deepEqual(posts(log), [], 'no POST at all');
    const meta = (await metaLine(page).innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(meta, /\bviews?\b/i, `meta line "${meta}"`);
    // (The title says "views not counted", the body "no view count".)
    const text = await outsideBody(page);
    assert.doesNotMatch(text, /\bviews?\b/i, `no "views" text on the page: "${text}"`);
    assert.equal(await theArticle(page).locator('.article-lead').count(), 0, 'no lead paragraph');
    const ld = parseJsonLd(await headOf(page));
    assert.equal(ld.interactionStatistic, undefined);
    assert.equal(ld.identifier, '90003');
    await checkA11y(page, 'stub article 90003 (no views)');
    assertNoConsoleErrors(page);
  });
});
