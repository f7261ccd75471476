//! Getting around the site: a long journey through the header navigation,
//! the pager, cards and an article's group links with back, forward and
//! reloads; answers cached so that going back fetches nothing again; links
//! prefetched on hover; scroll positions kept across back and reload; the
//! header search; a group of 10,000 articles paged one page at a time; the
//! phone menu; and the header on not-found pages.
//!
//! Expectations come from src/api/demo/content.json (which the stub serves
//! too), the stub's own articles (e2e/stub-server.mjs) and src/i18n/en.json.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  DEMO,
  STUB_API,
  STUB_SITE,
  WIDE,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  setFault,
  stubRequests,
} from '../lib/browser.mjs';
import {
  WAIT_MS,
  assertSameDocument,
  bodyParagraphs,
  closePages,
  demoArticle,
  demoContent,
  demoGroup,
  exactly,
  getsOf,
  markDocument,
  newestFirst,
  openPage,
  pageOf,
  waitForStubRequests,
} from '../lib/app.mjs';

const NEWS = 'news'; // 15 articles: two pages of 10
const PAGE2_ARTICLE = '50801'; // on page 2 of "news"; also in "strategic-technology"
const OTHER_GROUP = 'strategic-technology';
const LONG_ARTICLE = '50866'; // 1,977 words
const PHONE = { width: 375, height: 800 };

// The stub serves the demo content plus three articles of its own in group
// "stub-wire" (e2e/stub-server.mjs, STUB_ARTICLES).
const STUB_WIRE = { slug: 'stub-wire', name: 'Wire Service' };
const STUB_WIRE_TITLES = ['Served by the stub backend', 'A second wire story', 'A third wire story, views not counted'];

// ---------------------------------------------------------------- locators

const mainHeading = (page) => page.getByRole('heading', { level: 1 });
const headerNav = (page) => page.getByRole('navigation', { name: 'News groups', exact: true });
const articleList = (page) => page.getByRole('list', { name: 'Articles', exact: true });
const pager = (page) => page.getByRole('navigation', { name: 'Pages', exact: true });
const searchBox = (page) => page.getByRole('search').getByRole('searchbox', { name: 'Search news', exact: true });
const searchButton = (page) => page.getByRole('search').getByRole('button', { name: 'Search', exact: true });
/** The article's own group links (the header's list has no name). */
const articleGroups = (page) => page.getByRole('main').getByRole('list', { name: 'News groups', exact: true });

// ---------------------------------------------------------------- expectations

/** Waits for the h1 to read exactly `text` (the strict locator also fails on a second h1). */
async function expectH1(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  assert.equal((await mainHeading(page).textContent()).trim(), text);
}

/** Waits until the URL is exactly `url` (a bounded condition wait), then checks it. */
async function expectURL(page, url) {
  await page.waitForURL(url);
  assert.equal(page.url(), url);
}

/**
 * Waits until the listing shows exactly `cards` ({code, title}), in order:
 * one card per list item, each with a level-2 heading linking to /news/CODE.
 */
async function expectCards(page, cards) {
  const list = articleList(page);
  await list.getByRole('heading', { level: 2, name: cards[0].title, exact: true }).waitFor();
  await list.getByRole('heading', { level: 2, name: cards.at(-1).title, exact: true }).waitFor();
  const items = list.getByRole('listitem');
  assert.equal(await items.count(), cards.length, 'number of cards');
  const headings = (await list.getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim());
  assert.deepEqual(headings, cards.map((c) => c.title), 'card titles, in order');
  for (const [i, c] of cards.entries()) {
    const link = items.nth(i).getByRole('heading', { level: 2 }).getByRole('link');
    assert.equal(await link.getAttribute('href'), `/news/${c.code}`, `card ${i + 1} link target`);
  }
}

/** Waits for the article page of `a`: its h1, first body paragraph and news code. */
async function expectArticle(page, a) {
  await expectH1(page, a.title);
  const article = page.getByRole('main').getByRole('article').filter({ has: mainHeading(page) });
  await article.getByRole('paragraph').filter({ hasText: exactly(bodyParagraphs(a.body_html)[0]) }).waitFor();
  await article.getByRole('paragraph').filter({ hasText: exactly(`News code ${a.code}`) }).waitFor();
  return article;
}

/** Waits until the header marks exactly the link named `name` as the current page. */
async function expectCurrentGroup(page, name) {
  const nav = headerNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  await link.and(page.locator('[aria-current="page"]')).waitFor();
  assert.equal(await nav.locator('[aria-current]').count(), 1, 'one group link marked current');
}

/** Page `n` of group `slug` (or of all demo articles), newest first. */
const listing = (slug, n) => pageOf(newestFirst(demoContent().articles, slug), n);

/** A group page: h1, cards of page `n`, the NEWS-style "Page n of m" line, the current link. */
async function expectGroupPage(page, slug, n) {
  const g = demoGroup(slug);
  await expectH1(page, g.name);
  await expectCards(page, listing(slug, n));
  const pages = Math.ceil(newestFirst(demoContent().articles, slug).length / 10);
  if (pages > 1) await pager(page).getByText(`Page ${n} of ${pages}`, { exact: true }).waitFor();
  await expectCurrentGroup(page, g.name);
}

/** Waits for the home page's "News by group" highlights, each group with its latest article. */
async function expectGroupHighlights(page, groups) {
  const region = page.getByRole('region', { name: 'News by group', exact: true });
  for (const g of groups) {
    await region.getByRole('heading', { level: 3, name: g.name, exact: true }).waitFor();
    await region.getByRole('link', { name: g.newest, exact: true }).first().waitFor();
  }
  assert.equal(await region.getByRole('heading', { level: 3 }).count(), groups.length, 'one highlight per group');
}

/** The demo groups, each with the title of its newest article. */
const demoHighlights = () =>
  demoContent().groups.map((g) => ({ name: g.name, newest: newestFirst(demoContent().articles, g.slug)[0].title }));

// ---------------------------------------------------------------- scrolling

/** Scrolls the window to `y` and resolves once the scroll event has been dispatched. */
async function scrollWindowTo(page, y) {
  await page.evaluate(
    (top) =>
      new Promise((resolve) => {
        if (Math.round(window.scrollY) === top) return resolve();
        window.addEventListener('scroll', () => resolve(), { once: true });
        window.scrollTo(0, top);
      }),
    y,
  );
  assert.equal(Math.round(await page.evaluate(() => window.scrollY)), y, `scrolled to y=${y}`);
}

/** Waits (bounded) until scrollY is within 2 px of `y`; fails showing where it stayed. */
async function expectScrollY(page, y, what) {
  try {
    await page.waitForFunction((top) => Math.abs(window.scrollY - top) <= 2, y, { timeout: WAIT_MS });
  } catch {
    assert.fail(`${what}: scrollY is ${await page.evaluate(() => window.scrollY)}, expected about ${y}`);
  }
}

/**
 * On the demo home page (already open), once its cards and highlights are
 * in, scrolls so that the last card sits mid-window. Returns that card's
 * link, its article and the y scrolled to.
 */
async function scrollHomeToLastCard(page) {
  await expectH1(page, 'Latest news');
  await expectCards(page, listing(null, 1));
  await expectGroupHighlights(page, demoHighlights());
  const target = listing(null, 1).at(-1);
  const link = articleList(page).getByRole('link', { name: target.title, exact: true });
  const { y, room } = await link.evaluate((el) => ({
    y: Math.round(el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2),
    room: document.documentElement.scrollHeight - window.innerHeight,
  }));
  assert.ok(y >= 400 && y <= room, `the home page is long enough to scroll to y=${y} (room ${room})`);
  await scrollWindowTo(page, y);
  return { link, target, y };
}

// ---------------------------------------------------------------- the stub

/** POST /__generate: `count` articles in a new group (see the stub's header). */
async function generateArticles(body) {
  const res = await fetch(`${STUB_API}/__generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `POST /__generate answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** Logged requests, shortly, for a failure message. */
const showRequests = (rs) => JSON.stringify(rs.map((r) => ({ seq: r.seq, query: r.query, status: r.status })));

/** The logged GETs of /api/articles for page `n` of group `slug`. */
const listingGets = (log, slug, n) =>
  getsOf(log, '/api/articles').filter((r) => r.query.group === slug && r.query.page === String(n));

// ---------------------------------------------------------------- tests

describe('navigation', () => {
  before(launchBrowser);
  after(closeBrowser);
  beforeEach(resetStub);
  afterEach(closePages);

  it('journey on the stub site: header nav → group → page 2 → card → article group link, then back ×3, forward and two reloads', async () => {
    const a = demoArticle(PAGE2_ARTICLE);
    assert.ok(listing(NEWS, 2).some((x) => String(x.code) === PAGE2_ARTICLE), `${PAGE2_ARTICLE} is on page 2 of ${NEWS}`);
    const other = demoGroup(OTHER_GROUP);
    assert.ok(a.groups.some((g) => g.slug === OTHER_GROUP), `${PAGE2_ARTICLE} is in ${OTHER_GROUP}`);
    const at = (path) => `${STUB_SITE}${path}`;

    // 1. Home, with the groups' highlights (the stub adds "Wire Service").
    const page = await openPage(STUB_SITE, '/');
    await expectH1(page, 'Latest news');
    await expectGroupHighlights(page, [...demoHighlights(), { name: STUB_WIRE.name, newest: STUB_WIRE_TITLES[0] }]);
    assert.equal(await headerNav(page).locator('[aria-current]').count(), 0, 'no group is current on the home page');
    await checkA11y(page, 'stub home with the group highlights');
    let mark = await markDocument(page);

    // 2. A group link in the header nav.
    await headerNav(page).getByRole('link', { name: demoGroup(NEWS).name, exact: true }).click();
    await expectURL(page, at(`/group/${NEWS}`));
    await expectGroupPage(page, NEWS, 1);

    // 3. The pager's page 2.
    await pager(page).getByRole('link', { name: 'Page 2', exact: true }).click();
    await expectURL(page, at(`/group/${NEWS}?page=2`));
    await expectGroupPage(page, NEWS, 2);
    await assertSameDocument(page, mark, 'header nav and pager');

    // 4. Reload (first of two): the same page.
    await page.reload();
    await expectURL(page, at(`/group/${NEWS}?page=2`));
    await expectGroupPage(page, NEWS, 2);
    mark = await markDocument(page);

    // 5. A card.
    await articleList(page).getByRole('link', { name: a.title, exact: true }).click();
    await expectURL(page, at(`/news/${PAGE2_ARTICLE}`));
    await expectArticle(page, a);
    assert.equal(await headerNav(page).locator('[aria-current]').count(), 0, 'no group is current on an article');

    // 6. Another group, through the article's own group links.
    await articleGroups(page).getByRole('link', { name: other.name, exact: true }).click();
    await expectURL(page, at(`/group/${OTHER_GROUP}`));
    await expectGroupPage(page, OTHER_GROUP, 1);
    await assertSameDocument(page, mark, 'card and article group link');

    // 7. Back: the article.
    await page.goBack();
    await expectURL(page, at(`/news/${PAGE2_ARTICLE}`));
    await expectArticle(page, a);
    await assertSameDocument(page, mark, 'back to the article');

    // 8. Reload (second of two): the same article.
    await page.reload();
    await expectURL(page, at(`/news/${PAGE2_ARTICLE}`));
    await expectArticle(page, a);

    // 9. Back: page 2 of the group.
    await page.goBack();
    await expectURL(page, at(`/group/${NEWS}?page=2`));
    await expectGroupPage(page, NEWS, 2);

    // 10. Back: page 1 of the group.
    await page.goBack();
    await expectURL(page, at(`/group/${NEWS}`));
    await expectGroupPage(page, NEWS, 1);

    // 11. Forward: page 2 again.
    await page.goForward();
    await expectURL(page, at(`/group/${NEWS}?page=2`));
    await expectGroupPage(page, NEWS, 2);

    assertNoConsoleErrors(page);
  });

  it('a link to a page whose data is slow: the current page stays, with the progress bar, until the next one can be shown', async () => {
    const a = demoArticle(PAGE2_ARTICLE);
    const page = await openPage(STUB_SITE, `/group/${NEWS}?page=2`);
    await expectGroupPage(page, NEWS, 2);
    const mark = await markDocument(page);
    const bar = page.getByRole('progressbar', { name: 'Loading the page', includeHidden: true });
    assert.equal(await bar.getAttribute('aria-hidden'), 'true', 'no progress before the click');
    // The article's answer comes 2 s late (then the real one; the site's timeout is 2.5 s).
    await setFault('slow', 1, { method: 'GET', path: `/api/articles/${PAGE2_ARTICLE}`, slow_ms: 2000 });
    await articleList(page).getByRole('link', { name: a.title, exact: true }).click();
    await page.locator('.progress.active[aria-hidden="false"]').waitFor();
    // While the article is on its way: still the group's page (the address
    // bar already names the article), and nothing that says "Loading".
    await expectH1(page, demoGroup(NEWS).name);
    await expectCards(page, listing(NEWS, 2));
    assert.equal(await page.getByRole('main').locator('.loading').count(), 0, 'no loading notice in place of the page');
    await expectArticle(page, a);
    await page.locator('.progress:not(.active)[aria-hidden="true"]').waitFor();
    await expectURL(page, `${STUB_SITE}/news/${PAGE2_ARTICLE}`);
    await assertSameDocument(page, mark, 'the card link');
    assertNoConsoleErrors(page);
  });

  it('nothing is fetched twice: back to page 2 and page 1 of a group asks the stub for neither again', async () => {
    const a = demoArticle(PAGE2_ARTICLE);
    const page = await openPage(STUB_SITE, `/group/${NEWS}`);
    await expectGroupPage(page, NEWS, 1);
    await pager(page).getByRole('link', { name: 'Page 2', exact: true }).click();
    await expectURL(page, `${STUB_SITE}/group/${NEWS}?page=2`);
    await expectGroupPage(page, NEWS, 2);
    await articleList(page).getByRole('link', { name: a.title, exact: true }).click();
    await expectURL(page, `${STUB_SITE}/news/${PAGE2_ARTICLE}`);
    await expectArticle(page, a);
    const before = await stubRequests();
    for (const n of [1, 2]) {
      assert.ok(listingGets(before, NEWS, n).length >= 1, `page ${n} of "${NEWS}" was fetched on the way`);
    }

    await page.goBack();
    await expectURL(page, `${STUB_SITE}/group/${NEWS}?page=2`);
    await expectGroupPage(page, NEWS, 2);
    await page.goBack();
    await expectURL(page, `${STUB_SITE}/group/${NEWS}`);
    await expectGroupPage(page, NEWS, 1);

    // Going back asked for nothing that was already there.
    const log = await stubRequests();
    const last = Math.max(0, ...before.map((r) => r.seq));
    const since = log.filter((r) => r.seq > last);
    for (const n of [1, 2]) {
      const again = listingGets(since, NEWS, n);
      assert.equal(again.length, 0, `back to page ${n} of "${NEWS}" fetched it again: ${showRequests(again)}`);
    }
    assert.equal(getsOf(log, '/api/groups').length, 1, 'one GET of the groups in all');
    assertNoConsoleErrors(page);
  });

  it('one click on a link is one request: its prefetch (on hover and focus) and the page it opens share it', async () => {
    const a = demoArticle(PAGE2_ARTICLE);
    const page = await openPage(STUB_SITE, `/group/${NEWS}`);
    await expectGroupPage(page, NEWS, 1);
    await resetStubRequests();

    await pager(page).getByRole('link', { name: 'Page 2', exact: true }).click();
    await expectURL(page, `${STUB_SITE}/group/${NEWS}?page=2`);
    await expectGroupPage(page, NEWS, 2);
    const page2 = listingGets(await stubRequests(), NEWS, 2);
    assert.equal(page2.length, 1, `one GET of page 2 of "${NEWS}" for one click, saw ${showRequests(page2)}`);

    await articleList(page).getByRole('link', { name: a.title, exact: true }).click();
    await expectURL(page, `${STUB_SITE}/news/${PAGE2_ARTICLE}`);
    await expectArticle(page, a);
    const article = getsOf(await stubRequests(), `/api/articles/${PAGE2_ARTICLE}`);
    assert.equal(article.length, 1, `one GET of article ${PAGE2_ARTICLE} for one click, saw ${showRequests(article)}`);
    assertNoConsoleErrors(page);
  });

  it('hovering a card prefetches its article; the click then asks the stub for nothing new', async () => {
    const a = demoArticle(PAGE2_ARTICLE);
    const path = `/api/articles/${PAGE2_ARTICLE}`;
    const page = await openPage(STUB_SITE, `/group/${NEWS}?page=2`);
    await expectGroupPage(page, NEWS, 2);
    await resetStubRequests();
    const link = articleList(page).getByRole('link', { name: a.title, exact: true });

    const fetched = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === path);
    await link.hover();
    const log = await waitForStubRequests(
      (l) => getsOf(l, path).some((r) => r.status === 200),
      `GET ${path} answered 200 after the hover, before any click`,
    );
    assert.equal(getsOf(log, path).length, 1, 'the hover asked once');
    assert.equal(page.url(), `${STUB_SITE}/group/${NEWS}?page=2`, 'still on the listing: no click yet');
    // Let the app take the answer in: its body read, then two frames.
    await (await fetched).finished();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    await link.click();
    await expectURL(page, `${STUB_SITE}/news/${PAGE2_ARTICLE}`);
    await expectArticle(page, a);
    const after = await stubRequests();
    assert.equal(
      getsOf(after, path).length,
      1,
      `the click asked for article ${PAGE2_ARTICLE} again: ${JSON.stringify(getsOf(after, path))}`,
    );
    assertNoConsoleErrors(page);
  });

  it('scroll position: a link starts the next page at the top; back returns to where the reader was', async () => {
    const page = await openPage(DEMO, '/');
    const { link, target, y } = await scrollHomeToLastCard(page);
    await link.click();
    await expectURL(page, `${DEMO}/news/${target.code}`);
    await expectArticle(page, target);
    await expectScrollY(page, 0, 'the article opened from a link');

    await page.goBack();
    await expectURL(page, `${DEMO}/`);
    await expectCards(page, listing(null, 1));
    await expectScrollY(page, y, 'back on the home page');
    assertNoConsoleErrors(page);
  });

  it('scroll position: a reload returns to where the reader was, on the home page and on a long article', async () => {
    const page = await openPage(DEMO, '/');
    const { y } = await scrollHomeToLastCard(page);
    await page.reload();
    await expectURL(page, `${DEMO}/`);
    await expectCards(page, listing(null, 1));
    await expectScrollY(page, y, 'the home page reloaded');

    // The long article (1,977 words).
    const long = demoArticle(LONG_ARTICLE);
    await page.goto(`/news/${LONG_ARTICLE}`);
    await expectArticle(page, long);
    await expectScrollY(page, 0, 'the long article, opened');
    const deep = 3000;
    assert.ok(
      (await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)) >= deep,
      `article ${LONG_ARTICLE} is longer than ${deep} px below the fold`,
    );
    await scrollWindowTo(page, deep);
    await page.reload();
    await expectURL(page, `${DEMO}/news/${LONG_ARTICLE}`);
    await expectArticle(page, long);
    await expectScrollY(page, deep, `article ${LONG_ARTICLE} reloaded`);
    assertNoConsoleErrors(page);
  });

  it('search on the demo site: the header box, results, Persian, no results, and the empty search page', async () => {
    const search = (q) => {
      const n = q.toLowerCase();
      return newestFirst(demoContent().articles).filter((a) =>
        [a.title, a.lead || '', a.body_html.replace(/<[^>]*>/g, ' ')].some((t) => t.toLowerCase().includes(n)),
      );
    };
    const page = await openPage(DEMO, '/search');
    await expectH1(page, 'Search');
    await page.getByRole('main').getByText('Type a word or two into the search box to find articles.', { exact: true }).waitFor();
    await checkA11y(page, 'search page without a query');

    // English: type and press Enter.
    const satellite = search('satellite');
    assert.ok(satellite.length > 0, 'content.json has an article about a satellite');
    const mark = await markDocument(page);
    await searchBox(page).fill('satellite');
    await searchBox(page).press('Enter');
    await expectURL(page, `${DEMO}/search?q=satellite`);
    await expectH1(page, 'Search results for “satellite”');
    await expectCards(page, satellite);
    assert.equal(await searchBox(page).inputValue(), 'satellite', 'the box keeps the search');
    await assertSameDocument(page, mark, 'search from the header');
    await checkA11y(page, 'search results for "satellite"');

    // Persian: a word from a Persian article's title.
    const fa = demoArticle('50858');
    assert.equal(fa.language, 'fa');
    const word = 'کوانتومی';
    assert.ok(fa.title.includes(word), `"${word}" is in the title of ${fa.code}`);
    await searchBox(page).fill(word);
    await searchButton(page).click();
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === word);
    await expectH1(page, `Search results for “${word}”`);
    await expectCards(page, search(word));
    assert.ok(search(word).some((x) => x.code === fa.code), `the results include ${fa.code}`);

    // Nonsense: nothing found, said in words.
    const nonsense = 'qzxvjwplk';
    assert.equal(search(nonsense).length, 0);
    await searchBox(page).fill(nonsense);
    await searchBox(page).press('Enter');
    await expectURL(page, `${DEMO}/search?q=${nonsense}`);
    await expectH1(page, `Search results for “${nonsense}”`);
    await page.getByRole('main').getByText('No articles match this search. Try other words.', { exact: true }).waitFor();
    assert.equal(await articleList(page).getByRole('listitem').count(), 0, 'no cards');
    await checkA11y(page, 'empty search result');

    // /search without q: the prompt again.
    await page.goto('/search');
    await expectH1(page, 'Search');
    await page.getByRole('main').getByText('Type a word or two into the search box to find articles.', { exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('search on the stub site sends q to GET /api/articles', async () => {
    const page = await openPage(STUB_SITE, '/');
    await expectH1(page, 'Latest news');
    await resetStubRequests();
    for (const q of ['satellite', 'کوانتومی']) {
      await searchBox(page).fill(q);
      await searchBox(page).press('Enter');
      await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === q);
      await expectH1(page, `Search results for “${q}”`);
      const log = await waitForStubRequests(
        (l) => getsOf(l, '/api/articles').some((r) => r.query.q === q && r.status === 200),
        `GET /api/articles?q=${q} answered 200`,
      );
      const sent = getsOf(log, '/api/articles').filter((r) => r.query.q === q);
      assert.equal(sent.length, 1, `one search request for "${q}"`);
      assert.deepEqual(sent[0].query, { page: '1', per_page: '10', q }, 'the search request asks for page 1 of 10');
    }
    await articleList(page).getByRole('heading', { level: 2, name: demoArticle('50858').title, exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('a group of 10,000 articles: "10,000 articles", "Page 1 of 1,000", and each page fetched alone', async () => {
    const made = await generateArticles({ group: { slug: 'bulk', name: 'Bulk' }, count: 10_000 });
    assert.equal(made.count, 10_000);
    const first = made.first_code;
    // Article i (1 = oldest) has code first + i - 1 and title "Bulk article i".
    const cardsFrom = (newest) =>
      Array.from({ length: 10 }, (_, k) => ({ code: first + newest - k - 1, title: `Bulk article ${newest - k}` }));
    await resetStubRequests();

    const page = await openPage(STUB_SITE, '/group/bulk');
    await expectH1(page, 'Bulk');
    await page.getByRole('main').getByText('10,000 articles', { exact: true }).waitFor();
    await expectCards(page, cardsFrom(10_000));
    await pager(page).getByText('Page 1 of 1,000', { exact: true }).waitFor();
    const last = pager(page).getByRole('link', { name: 'Page 1,000', exact: true });
    assert.equal(await last.getAttribute('href'), '/group/bulk?page=1000');
    await expectCurrentGroup(page, 'Bulk');

    await page.goto('/group/bulk?page=1000');
    await expectH1(page, 'Bulk');
    await expectCards(page, cardsFrom(10));
    await pager(page).getByText('Page 1,000 of 1,000', { exact: true }).waitFor();
    assert.equal(await pager(page).getByRole('link', { name: 'Next page', exact: true }).count(), 0, 'no next page after the last');

    await page.goto('/group/bulk?page=500');
    await expectH1(page, 'Bulk');
    await expectCards(page, cardsFrom(5_010));
    await pager(page).getByText('Page 500 of 1,000', { exact: true }).waitFor();

    const bulk = getsOf(await stubRequests(), '/api/articles').filter((r) => r.query.group === 'bulk');
    assert.deepEqual(
      bulk.map((r) => r.query),
      ['1', '1000', '500'].map((n) => ({ page: n, per_page: '10', group: 'bulk' })),
      'one request per visit, each for its one page of 10',
    );
    assertNoConsoleErrors(page);
  });

  it('articles.per_page 100 in config.json: 100 cards a page, asked for as per_page=100, and the pager counts pages of 100', async () => {
    const made = await generateArticles({ group: { slug: 'wide', name: 'Wide' }, count: 250 });
    const first = made.first_code;
    const cardsFrom = (newest, n) =>
      Array.from({ length: n }, (_, k) => ({ code: first + newest - k - 1, title: `Wide article ${newest - k}` }));
    await resetStubRequests();
    const page = await openPage(WIDE, '/group/wide');
    await expectH1(page, 'Wide');
    await expectCards(page, cardsFrom(250, 100));
    await pager(page).getByText('Page 1 of 3', { exact: true }).waitFor();
    await page.goto('/group/wide?page=3');
    await expectCards(page, cardsFrom(50, 50));
    const sent = getsOf(await stubRequests(), '/api/articles').filter((r) => r.query.group === 'wide');
    assert.deepEqual(
      sent.map((r) => r.query),
      ['1', '3'].map((n) => ({ page: n, per_page: '100', group: 'wide' })),
    );
    assertNoConsoleErrors(page);
  });

  it('phone (375×800): the groups fold behind "News groups", which opens and closes again after a group link', async () => {
    const page = await openPage(DEMO, '/', { viewport: PHONE });
    await expectH1(page, 'Latest news');
    const button = page.getByRole('button', { name: 'News groups', exact: true });
    await button.waitFor();
    const nav = page.getByRole('navigation', { name: 'News groups', exact: true, includeHidden: true });
    const space = demoGroup('space');
    const link = nav.getByRole('link', { name: space.name, exact: true, includeHidden: true });
    await link.waitFor({ state: 'attached' });
    assert.equal(await nav.isHidden(), true, 'the group nav is hidden');
    assert.equal(await link.isHidden(), true, 'its links are hidden');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await button.getAttribute('aria-controls'), await nav.getAttribute('id'), 'the button controls the nav');

    await button.click();
    await nav.waitFor({ state: 'visible' });
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    for (const g of demoContent().groups) {
      assert.equal(await nav.getByRole('link', { name: g.name, exact: true }).isVisible(), true, `link "${g.name}" visible`);
    }
    await checkA11y(page, 'phone, group menu open');

    await link.click();
    await expectURL(page, `${DEMO}/group/space`);
    await expectH1(page, space.name);
    await nav.waitFor({ state: 'hidden' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false', 'closed after following a group link');
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assertNoConsoleErrors(page);
  });

  it('on a wide screen the menu button is not shown and the group nav is', async () => {
    const page = await openPage(DEMO, '/');
    await expectH1(page, 'Latest news');
    await headerNav(page).getByRole('link', { name: demoGroup(NEWS).name, exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'News groups', exact: true, includeHidden: true }).isHidden(), true);
    assertNoConsoleErrors(page);
  });

  for (const [site, base] of [['stub', STUB_SITE], ['demo', DEMO]]) {
    it(`${site} site: the not-found page for an unknown group and an unknown article keeps the header's group links`, async () => {
      const groups = [...demoContent().groups, ...(site === 'stub' ? [STUB_WIRE] : [])];
      const page = await openPage(base);
      // The unknown article's 404 answer is logged by Chromium itself.
      if (site === 'stub') allowConsole(page, /status of 404\b/);
      for (const [path, detail] of [
        ['/group/no-such-group', 'There is no news group called “no-such-group”.'],
        ['/news/99999999', 'There is no article with news code 99999999.'],
      ]) {
        await page.goto(path);
        await expectH1(page, 'Page not found');
        await page.getByRole('main').getByText(detail, { exact: true }).waitFor();
        const nav = headerNav(page);
        for (const g of groups) {
          const link = nav.getByRole('link', { name: g.name, exact: true });
          await link.waitFor();
          assert.equal(await link.getAttribute('href'), `/group/${encodeURIComponent(g.slug)}`, `${path}: link to ${g.slug}`);
        }
        assert.equal(await nav.getByRole('link').count(), groups.length, `${path}: every group in the header`);
        await searchBox(page).waitFor();
      }
      // And the header still works from there.
      await headerNav(page).getByRole('link', { name: 'Space & Astronomy', exact: true }).click();
      await expectURL(page, `${base}/group/space`);
      await expectGroupPage(page, 'space', 1);
      assertNoConsoleErrors(page);
    });
  }
});
