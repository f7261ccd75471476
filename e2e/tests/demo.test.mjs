//! The demo site (embedded content, no server): home, article, group and
//! not-found pages, client-side routing, paging, deep links, reloads and
//! history. Expectations come from src/api/demo/content.json and the English
//! catalogue (src/i18n/en.json).

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEMO, allowConsole, assertNoConsoleErrors, checkA11y, closeBrowser, launchBrowser } from '../lib/browser.mjs';
import {
  assertSameDocument,
  bodyParagraphs,
  closePages,
  demoArticle,
  demoContent,
  demoGroup,
  exactly,
  markDocument,
  newestFirst,
  openPage,
  pageOf,
} from '../lib/app.mjs';

const SOURCE_ARTICLE = '50844'; // 73 views, 8 groups, no comments
const NEWS = 'news'; // 15 articles: two pages of 10

const mainHeading = (page) => page.getByRole('heading', { level: 1 });
const articleList = (page) => page.getByRole('list', { name: 'Articles', exact: true });
const pager = (page) => page.getByRole('navigation', { name: 'Pages', exact: true });

/** Waits for the h1 to read exactly `text` (the strict locator also fails on a second h1). */
async function expectH1(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  assert.equal((await mainHeading(page).textContent()).trim(), text);
}

/**
 * Waits until the listing shows exactly `articles`, in order: one card per
 * list item, each with a level-2 heading holding one link to /news/CODE.
 */
async function expectCards(page, articles) {
  const list = articleList(page);
  const titles = articles.map((a) => a.title);
  // The listing renders in one piece: once its first and last expected
  // titles are there, the whole page of results is.
  await list.getByRole('heading', { level: 2, name: titles[0], exact: true }).waitFor();
  await list.getByRole('heading', { level: 2, name: titles.at(-1), exact: true }).waitFor();
  const items = list.getByRole('listitem');
  assert.equal(await items.count(), articles.length, 'number of cards');
  for (const [i, a] of articles.entries()) {
    const heading = items.nth(i).getByRole('article').getByRole('heading', { level: 2 });
    assert.equal((await heading.textContent()).trim(), a.title, `card ${i + 1} heading`);
    const link = heading.getByRole('link');
    assert.equal(await link.count(), 1, `card ${i + 1}: one link in the heading`);
    assert.equal((await link.textContent()).trim(), a.title, `card ${i + 1} link text`);
    assert.equal(await link.getAttribute('href'), `/news/${a.code}`, `card ${i + 1} link target`);
  }
}

/**
 * Waits for the article page of `a` and checks what every article shows:
 * the h1, a <time> for its publication, its body and its news code.
 * Returns the <article> locator.
 */
async function expectArticle(page, a) {
  await expectH1(page, a.title);
  const article = page.getByRole('main').getByRole('article');
  assert.equal(await article.count(), 1, 'one <article> in main');

  const time = article.getByRole('time').first();
  const datetime = await time.getAttribute('datetime');
  assert.ok(datetime, '<time> has a datetime attribute');
  assert.equal(Date.parse(datetime), Date.parse(a.published_at), `datetime ${datetime} is the publication instant`);
  const shown = (await time.textContent()).trim();
  assert.match(shown, new RegExp(String(new Date(a.published_at).getUTCFullYear())), `shown date "${shown}"`);

  const paragraphs = bodyParagraphs(a.body_html);
  assert.ok(paragraphs.length > 0, `article ${a.code} has body paragraphs in content.json`);
  for (const text of paragraphs) {
    // The body is sanitised into place after the article mounts: wait for it.
    await article.getByRole('paragraph').filter({ hasText: exactly(text) }).waitFor();
  }

  await article.getByRole('paragraph').filter({ hasText: exactly(`News code ${a.code}`) }).waitFor();
  return article;
}

/** The titles of page `n` of group `slug` (or of all articles). */
const listing = (slug, n) => pageOf(newestFirst(demoContent().articles, slug), n);

describe('demo site', () => {
  before(launchBrowser);
  after(closeBrowser);
  afterEach(closePages);

  it('home shows "Latest news" and the ten newest articles as cards with linked level-2 headings', async () => {
    const page = await openPage(DEMO, '/');
    await expectH1(page, 'Latest news');
    await expectCards(page, listing(null, 1));
    await checkA11y(page, 'demo home');
    assertNoConsoleErrors(page);
  });

  it("clicking a card's title navigates client-side to the article with its date, body and news code", async () => {
    const page = await openPage(DEMO, '/');
    const [first] = listing(null, 1);
    await expectCards(page, listing(null, 1));
    const mark = await markDocument(page);
    await articleList(page).getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(`${DEMO}/news/${first.code}`);
    await expectArticle(page, first);
    await assertSameDocument(page, mark, 'card link');
    await checkA11y(page, `article ${first.code}`);
    assertNoConsoleErrors(page);
  });

  it('article 50844 shows "73 views", "1 minute to read" and its 8 news groups as a named list of links', async () => {
    const a = demoArticle(SOURCE_ARTICLE);
    const page = await openPage(DEMO, `/news/${SOURCE_ARTICLE}`);
    const article = await expectArticle(page, a);
    await article.getByText('73 views', { exact: true }).waitFor();
    await article.getByText('1 minute to read', { exact: true }).waitFor();
    await article.getByText('No comments yet', { exact: true }).waitFor();

    const groups = page.getByRole('list', { name: 'News groups', exact: true });
    const links = groups.getByRole('listitem').getByRole('link');
    assert.equal(a.groups.length, 8, 'content.json: article 50844 has 8 groups');
    assert.equal(await groups.getByRole('listitem').count(), 8, 'group list items');
    for (const [i, g] of a.groups.entries()) {
      assert.equal((await links.nth(i).textContent()).trim(), g.name, `group link ${i + 1} text`);
      assert.equal(await links.nth(i).getAttribute('href'), `/group/${g.slug}`, `group link ${i + 1} target`);
    }
    await checkA11y(page, 'article 50844');
    assertNoConsoleErrors(page);
  });

  it("clicking one of an article's group links routes client-side to that group, named in the h1", async () => {
    const slug = 'communication-information-center';
    const group = demoGroup(slug);
    const page = await openPage(DEMO, `/news/${SOURCE_ARTICLE}`);
    await expectArticle(page, demoArticle(SOURCE_ARTICLE));
    const mark = await markDocument(page);
    await page
      .getByRole('list', { name: 'News groups', exact: true })
      .getByRole('link', { name: group.name, exact: true })
      .click();
    await page.waitForURL(`${DEMO}/group/${slug}`);
    await expectH1(page, group.name);
    await expectCards(page, listing(slug, 1));
    await assertSameDocument(page, mark, 'group link');
    await checkA11y(page, `group ${slug}`);
    assertNoConsoleErrors(page);
  });

  it('the "news" group pages with a "Pages" nav: following page 2 sets ?page=2 and shows the other articles', async () => {
    const page = await openPage(DEMO, `/group/${NEWS}`);
    await expectH1(page, demoGroup(NEWS).name);
    const page1 = listing(NEWS, 1);
    const page2 = listing(NEWS, 2);
    assert.equal(page1.length + page2.length, 15, 'content.json: the news group has 15 articles');
    await expectCards(page, page1);
    await pager(page).getByText('Page 1 of 2', { exact: true }).waitFor();
    const current = pager(page).getByRole('link', { name: 'Page 1', exact: true });
    assert.equal(await current.getAttribute('aria-current'), 'page', 'page 1 is marked current');

    const mark = await markDocument(page);
    await pager(page).getByRole('link', { name: 'Page 2', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/group/${NEWS}` && u.searchParams.get('page') === '2');
    await expectCards(page, page2);
    for (const a of page1) {
      assert.equal(
        await articleList(page).getByRole('heading', { name: a.title, exact: true }).count(),
        0,
        `page 1 article "${a.title}" is gone from page 2`,
      );
    }
    await pager(page).getByText('Page 2 of 2', { exact: true }).waitFor();
    const now = pager(page).getByRole('link', { name: 'Page 2', exact: true });
    assert.equal(await now.getAttribute('aria-current'), 'page', 'page 2 is marked current');
    await assertSameDocument(page, mark, 'pager link');
    await checkA11y(page, 'group news, page 2');
    assertNoConsoleErrors(page);
  });

  it('deep links and reloads land on the same content: /news/50844', async () => {
    const a = demoArticle(SOURCE_ARTICLE);
    const page = await openPage(DEMO, `/news/${SOURCE_ARTICLE}`);
    const article = await expectArticle(page, a);
    await article.getByText('73 views', { exact: true }).waitFor();
    await page.reload();
    assert.equal(page.url(), `${DEMO}/news/${SOURCE_ARTICLE}`);
    const again = await expectArticle(page, a);
    await again.getByText('73 views', { exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('deep links and reloads land on the same content: /group/news?page=2', async () => {
    const page = await openPage(DEMO, `/group/${NEWS}?page=2`);
    await expectH1(page, demoGroup(NEWS).name);
    await expectCards(page, listing(NEWS, 2));
    await page.reload();
    assert.equal(page.url(), `${DEMO}/group/${NEWS}?page=2`);
    await expectH1(page, demoGroup(NEWS).name);
    await expectCards(page, listing(NEWS, 2));
    await pager(page).getByText('Page 2 of 2', { exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('back and forward after client-side navigation restore the URL and the content', async () => {
    const home = listing(null, 1);
    const [first] = home;
    const page = await openPage(DEMO, '/');
    await expectCards(page, home);
    const mark = await markDocument(page);

    await articleList(page).getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(`${DEMO}/news/${first.code}`);
    await expectArticle(page, first);

    await page.goBack();
    await page.waitForURL(`${DEMO}/`);
    await expectH1(page, 'Latest news');
    await expectCards(page, home);

    await page.goForward();
    await page.waitForURL(`${DEMO}/news/${first.code}`);
    await expectArticle(page, first);

    // Paging is history too: back from ?page=2 is page 1 again.
    await page.getByRole('list', { name: 'News groups', exact: true }).getByRole('link', { name: 'NEWS', exact: true }).click();
    await page.waitForURL(`${DEMO}/group/${NEWS}`);
    await expectCards(page, listing(NEWS, 1));
    await pager(page).getByRole('link', { name: 'Page 2', exact: true }).click();
    await page.waitForURL(`${DEMO}/group/${NEWS}?page=2`);
    await expectCards(page, listing(NEWS, 2));

    await page.goBack();
    await page.waitForURL(`${DEMO}/group/${NEWS}`);
    await expectCards(page, listing(NEWS, 1));
    await page.goForward();
    await page.waitForURL(`${DEMO}/group/${NEWS}?page=2`);
    await expectCards(page, listing(NEWS, 2));

    await assertSameDocument(page, mark, 'history navigation');
    assertNoConsoleErrors(page);
  });

  it('an unknown path shows "Page not found" with a way home', async () => {
    const page = await openPage(DEMO, '/no/such/page');
    await expectH1(page, 'Page not found');
    await page
      .getByRole('main')
      .getByText(
        'There is nothing at this address. The link may be mistyped, or the page may have moved.',
        { exact: true },
      )
      .waitFor();
    const home = page.getByRole('main').getByRole('link', { name: 'Go to the latest news', exact: true });
    assert.equal(await home.getAttribute('href'), '/');
    await checkA11y(page, 'not-found page (unknown path)');
    assertNoConsoleErrors(page);
  });

  it('an unknown news code says there is no such article', async () => {
    const page = await openPage(DEMO, '/news/99999999');
    await expectH1(page, 'Page not found');
    await page.getByRole('main').getByText('There is no article with news code 99999999.', { exact: true }).waitFor();
    await checkA11y(page, 'not-found page (unknown article)');
    assertNoConsoleErrors(page);
  });

  it('an unknown group slug says there is no such group', async () => {
    const page = await openPage(DEMO, '/group/no-such');
    await expectH1(page, 'Page not found');
    await page.getByRole('main').getByText('There is no news group called “no-such”.', { exact: true }).waitFor();
    await checkA11y(page, 'not-found page (unknown group)');
    assertNoConsoleErrors(page);
  });

  it('?page=abc says it is not a page number and shows page 1', async () => {
    const page = await openPage(DEMO, `/group/${NEWS}?page=abc`);
    await expectH1(page, demoGroup(NEWS).name);
    await page
      .getByRole('status')
      .filter({ hasText: exactly('“abc” is not a page number, so the first page is shown.') })
      .waitFor();
    await expectCards(page, listing(NEWS, 1));
    const current = pager(page).getByRole('link', { name: 'Page 1', exact: true });
    assert.equal(await current.getAttribute('aria-current'), 'page', 'page 1 is marked current');
    await checkA11y(page, 'group news, invalid page number');
    assertNoConsoleErrors(page);
  });

  it('?page=99 says there is no such page and links to the last page', async () => {
    const page = await openPage(DEMO, `/group/${NEWS}?page=99`);
    await expectH1(page, demoGroup(NEWS).name);
    const notice = page.getByRole('status').filter({ hasText: 'There is no page 99: this listing has 2.' });
    await notice.waitFor();
    assert.equal(
      (await notice.textContent()).replace(/\s+/g, ' ').trim(),
      'There is no page 99: this listing has 2. Go to the last page',
    );
    assert.equal(await articleList(page).getByRole('listitem').count(), 0, 'no cards beyond the last page');
    const toLast = notice.getByRole('link', { name: 'Go to the last page', exact: true });
    assert.equal(await toLast.getAttribute('href'), `/group/${NEWS}?page=2`);
    await checkA11y(page, 'group news, page beyond the end');

    await toLast.click();
    await page.waitForURL(`${DEMO}/group/${NEWS}?page=2`);
    await expectCards(page, listing(NEWS, 2));
    await notice.waitFor({ state: 'detached' });
    assertNoConsoleErrors(page);
  });

  it('a Persian article keeps lang="fa" and dir="rtl" on its <article>, after routing and after a reload', async () => {
    const fa = listing(null, 1).find((a) => a.language === 'fa');
    assert.ok(fa, 'content.json: a Persian article on the first home page');
    const page = await openPage(DEMO, '/');
    await articleList(page).getByRole('link', { name: fa.title, exact: true }).click();
    await page.waitForURL(`${DEMO}/news/${fa.code}`);
    for (const how of ['client-side routing', 'reload']) {
      if (how === 'reload') await page.reload();
      const article = await expectArticle(page, fa);
      assert.equal(await article.getAttribute('lang'), 'fa', `lang after ${how}`);
      assert.equal(await article.getAttribute('dir'), 'rtl', `dir after ${how}`);
    }
    await checkA11y(page, `Persian article ${fa.code}`);
    assertNoConsoleErrors(page);
  });

  it('the demo content is one download: the home page (list, groups, highlights) and a visit to an article fetch demo/content.json once', async () => {
    const page = await openPage(DEMO);
    const fetched = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/demo/content.json') fetched.push(r.url());
    });
    await page.goto('/');
    await expectCards(page, listing(null, 1));
    // Each group's highlights are one more backend call each, all answered from the one download.
    await page.getByRole('region', { name: 'News by group', exact: true }).getByRole('list').first().waitFor();
    const a = listing(null, 1)[0];
    await articleList(page).getByRole('link', { name: a.title, exact: true }).click();
    await expectArticle(page, a);
    assert.deepEqual(fetched, [`${DEMO}/demo/content.json`], 'one request for the demo content');
    assertNoConsoleErrors(page);
  });

  for (const [status, message] of [
    [503, 'The news server ran into a problem (error 503).'],
    // A bundle missing its demo file is broken, not a missing article: no "Page not found".
    [404, 'The news server could not be reached. Check your connection, then try again.'],
  ]) {
    it(`a ${status} for demo/content.json: "${message}" with Try again, which loads it and shows the article`, async () => {
      const page = await openPage(DEMO);
      allowConsole(page, new RegExp(`status of ${status}\\b`));
      let failures = 0;
      await page.route('**/demo/content.json', async (route) => {
        if (failures === 0) {
          failures += 1;
          await route.fulfill({ status, contentType: 'text/html', body: `<h1>${status}</h1>` });
        } else {
          await route.continue();
        }
      });
      await page.goto(`/news/${SOURCE_ARTICLE}`);
      const alert = page.getByRole('alert', { name: 'This could not be loaded', exact: true });
      await alert.getByRole('paragraph').filter({ hasText: exactly(message) }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Page not found' }).count(), 0);
      await alert.getByRole('button', { name: 'Try again', exact: true }).click();
      await expectArticle(page, demoArticle(SOURCE_ARTICLE));
      assert.equal(failures, 1);
      assertNoConsoleErrors(page);
    });
  }
});

