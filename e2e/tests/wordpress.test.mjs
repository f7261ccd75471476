//! The WordPress backend, end to end: the site on :18084 reads the stub's
//! WordPress mode (/wp-json/ on :18090), which serves recorded WordPress 6.x
//! REST answers (e2e/fixtures/wordpress/) with WordPress's own paging
//! headers, error codes, comment rules and CORS headers
//! (e2e/stub-wordpress.mjs).
//!
//! Journeys: the home page newest first with titles decoded from WordPress's
//! entities, paging (page 2, a page past the end), categories as groups (one
//! with a percent-encoded Persian slug), an article (decoded title, featured
//! image with alt text and caption, the date from date_gmt in the site's
//! zone, no view count, a reading time, groups from categories only), a
//! password-protected post, the comment thread by parent, anonymous comments
//! without a CAPTCHA (held for a first-time author, published for one with an
//! approved comment), every WordPress error code the form translates, a
//! closed post, and the header search box. Every page type is checked with
//! axe, and every test ends by asserting no console errors beyond the failed
//! requests it provoked on purpose.
//!
//! Words come from src/i18n/en.json; content from the fixtures.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  WORDPRESS,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
  setFault,
  stubRequests,
  stubFetch,
} from '../lib/browser.mjs';
import {
  WAIT_MS,
  assertSameDocument,
  closePages,
  exactly,
  getsOf,
  markDocument,
  openPage,
  waitForStubRequests,
} from '../lib/app.mjs';

// ---------------------------------------------------------------- the recording

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/wordpress/${name}`, import.meta.url), 'utf8'));
const POSTS = fixture('posts.json');
const CATEGORIES = fixture('categories.json');
const COMMENTS = fixture('comments.json');

/** HTML character references as a browser decodes them (the few WordPress writes, and numeric ones). */
function decode(s) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return named[e] ?? all;
  });
}
const text = (html) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

const post = (id) => {
  const p = POSTS.find((x) => x.id === id);
  assert.ok(p, `the recording has post ${id}`);
  return p;
};
const titleOf = (id) => decode(post(id).title.rendered);
const category = (id) => CATEGORIES.find((c) => c.id === id);
/** Posts newest first by date_gmt, as WordPress lists them, optionally of one category. */
const newestFirst = (catId) =>
  POSTS.filter((p) => catId === undefined || p.categories.includes(catId)).sort((a, b) => b.date_gmt.localeCompare(a.date_gmt));

const PERSIAN = 'فناوری';
const PERSIAN_SLUG_WP = '%d9%81%d9%86%d8%a7%d9%88%d8%b1%db%8c'; // as WordPress stores it
const RAW_ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

// Posts with a role in the tests.
const EXPORTS = 412; // 2020, date_gmt 10:00 (14:30 in Tehran, then +04:30), image with caption, tags, 4 comments + 1 held
const PROTECTED = 1266; // password-protected
const CLOSED = 1259; // comment_status "closed", 3 comments
const BAZAAR = 1254; // open, one comment by Farid Jalali (an approved author)
const FARID = { name: 'Farid Jalali', email: 'farid.j@example.org' };

// ---------------------------------------------------------------- words (src/i18n/en.json)

const T = {
  latest: 'Latest news',
  region: 'Comments',
  formTitle: 'Leave a comment',
  name: 'Name',
  email: 'Email',
  body: 'Comment',
  send: 'Send comment',
  moderated: 'Comments are read by the editors before they appear.',
  published: 'Thank you. Your comment is published.',
  pending: 'Thank you. Your comment will appear after review.',
  awaiting: 'Awaiting moderation',
  fix: 'Please correct the marked fields.',
  loginRequired: 'This site accepts comments only from signed-in readers, so comments cannot be sent from here.',
  duplicate: 'This comment has already been posted.',
  rateLimited: /^Too many attempts\. You can send again in \d+ seconds\.$/,
  closed: 'Comments are closed for this article.',
  kept: 'What you wrote is kept; send it again when you are ready.',
  notFound: 'This could not be found.',
  protectedNotice: 'This article is protected by a password on its own site, so it cannot be shown here.',
  loadFailed: 'The comments could not be loaded.',
  beyond: (page, pages) => `There is no page ${page}: this listing has ${pages}.`,
  toLast: 'Go to the last page',
  position: (page, pages) => `Page ${page} of ${pages}`,
  count: (n) => (n === 0 ? 'No comments yet' : n === 1 ? '1 comment' : `${n} comments`),
  serverPrefix: 'The server did not accept this',
};

// ---------------------------------------------------------------- the stub's WordPress mode

const COMMENTS_PATH = '/wp-json/wp/v2/comments';
const POSTS_PATH = '/wp-json/wp/v2/posts';

/** A stub request: {status, body}. */
const stub = stubFetch;

/** Sets WordPress switches of the stub (POST /__control {"wordpress": ...}). */
async function wordpress(settings) {
  const r = await stub('POST', '/__control', { wordpress: settings });
  assert.equal(r.status, 200, `WordPress switches ${JSON.stringify(settings)}: ${JSON.stringify(r.body)}`);
}

/** Every comment the stub's WordPress holds for `postId`, held ones included (context=edit). */
async function storedComments(postId) {
  const r = await stub('GET', `/__wordpress/comments?post=${postId}`);
  assert.equal(r.status, 200);
  return r.body;
}

const postsOf = (log) => log.filter((r) => r.method === 'POST' && r.path === COMMENTS_PATH);

// ---------------------------------------------------------------- the page

const main = (page) => page.getByRole('main');
const cardList = (page) => main(page).getByRole('list', { name: 'Articles', exact: true });
const cardTitles = async (page) =>
  (await cardList(page).getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim());
/** The article itself (comments below it are <article>s too): the one with the h1. */
const theArticle = (page) => main(page).getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });
const metaLine = (page) => theArticle(page).getByRole('paragraph').filter({ has: page.getByRole('time') });
const region = (page) => page.getByRole('region', { name: T.region, exact: true });
const commentForm = (page) => region(page).getByRole('form', { name: T.formTitle, exact: true });
const field = (page, name) => commentForm(page).getByRole('textbox', { name, exact: true });
const sendButton = (page) => commentForm(page).getByRole('button', { name: T.send, exact: true });
const countLine = (page, n) => region(page).getByRole('paragraph').filter({ hasText: exactly(T.count(n)) });
const commentItem = (page, body) => region(page).getByRole('listitem').filter({ hasText: body });

async function expectH1(page, title) {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), title);
}

/** Fails if the visible text of the main region shows an HTML character reference. */
async function expectNoRawEntities(page, what) {
  const shown = await main(page).innerText();
  const m = RAW_ENTITY.exec(shown);
  assert.equal(m, null, `${what}: "${m?.[0]}" is shown undecoded in: …${m ? shown.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…`);
}

/** Waits (bounded) for the form's status line to say something, and returns it. */
async function outcomeText(page) {
  const status = commentForm(page).getByRole('status');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const t = ((await status.textContent()) || '').replace(/\s+/g, ' ').trim();
    if (t) return t;
    if (Date.now() > deadline) assert.fail('the comment form never said how the sending went');
    await delay(50); // the poll interval of a condition wait
  }
}

/** The texts of the elements `locator`'s aria-describedby points at. */
function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
  );
}

/** Waits until `box` is aria-invalid with an error message tied to it; returns that message. */
async function fieldError(box, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const invalid = await box.getAttribute('aria-invalid');
    const errors = (await describedBy(box)).filter((t) => t.startsWith(T.serverPrefix) || /required|error/i.test(t));
    if (invalid === 'true' && errors.length) return errors[0];
    if (Date.now() > deadline) {
      assert.fail(`${what}: expected aria-invalid="true" and an error via aria-describedby; got aria-invalid=${invalid}, described by ${JSON.stringify(await describedBy(box))}`);
    }
    await delay(50); // the poll interval of a condition wait
  }
}

async function expectNoFieldError(box, what) {
  assert.notEqual(await box.getAttribute('aria-invalid'), 'true', `${what} is not marked invalid`);
}

/** Opens `/news/<id>` and waits for the thread and a ready form. */
async function openArticle(id, comments) {
  const page = await openPage(WORDPRESS, `/news/${id}`);
  await region(page).waitFor();
  if (comments !== undefined) await countLine(page, comments).waitFor();
  await field(page, T.name).waitFor();
  return page;
}

async function fillForm(page, { name, email, body }) {
  if (name !== undefined) await field(page, T.name).fill(name);
  if (email !== undefined) await field(page, T.email).fill(email);
  if (body !== undefined) await field(page, T.body).fill(body);
}

// ---------------------------------------------------------------- tests

before(launchBrowser);
after(closeBrowser);

describe('WordPress site: reading', () => {
  beforeEach(resetStub);
  afterEach(closePages);

  it('home lists the posts newest first with decoded titles (no raw entities), 10 a page, from GET wp/v2/posts?_embed', async () => {
    const page = await openPage(WORDPRESS, '/');
    await page.getByRole('heading', { level: 1, name: T.latest, exact: true }).waitFor();
    const expected = newestFirst().slice(0, 10).map((p) => decode(p.title.rendered));
    await cardList(page).getByRole('heading', { level: 2, name: expected[0], exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), expected, 'page 1: the ten newest posts, by date_gmt');
    assert.ok(expected.includes('Rooftop solar & the grid: who pays when the sun sets?'), '&#038; decodes to &');
    assert.ok(expected.includes('Metro Line 10 opens its first four stations – and a “quiet car” trial'), '&#8211; &#8220; &#8221;');
    await expectNoRawEntities(page, 'home');

    // A card names its categories (decoded), never its tags.
    const solar = cardList(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: titleOf(1281), exact: true }) });
    const tags = (await solar.locator('.card-groups bdi').allTextContents()).map((t) => t.trim());
    assert.deepEqual(tags.sort(), ['Editors’ Picks', 'Science & Technology'], 'the card of 1281 names its two categories, not its tag "energy"');
    // No view counts: WordPress counts none.
    assert.doesNotMatch(await cardList(page).innerText(), /\bviews?\b/, 'no view counts on the cards');

    const log = await waitForStubRequests(
      (l) => getsOf(l, POSTS_PATH).some((r) => r.query.page === '1' && r.query.per_page === '10' && r.status === 200),
      'GET wp/v2/posts?page=1&per_page=10 answered 200',
    );
    const first = getsOf(log, POSTS_PATH).find((r) => r.query.page === '1' && r.query.per_page === '10');
    assert.ok('_embed' in first.query, 'the listing asks for _embed');
    await checkA11y(page, 'WordPress home');
    assertNoConsoleErrors(page);
  });

  it('pager: "Next" shows page 2 (the 6 oldest, client-side); ?page=3 says "There is no page 3" and links to the last page', async () => {
    const page = await openPage(WORDPRESS, '/');
    const all = newestFirst();
    assert.equal(all.length, 16, 'the recording has 16 posts: two pages of 10');
    await cardList(page).getByRole('heading', { level: 2, name: decode(all[0].title.rendered), exact: true }).waitFor();
    const pager = main(page).getByRole('navigation', { name: 'Pages', exact: true });
    await pager.getByText(T.position(1, 2), { exact: true }).waitFor();
    const mark = await markDocument(page);
    await pager.getByRole('link', { name: 'Next page', exact: true }).click();
    await page.waitForURL((u) => u.search === '?page=2');
    const second = all.slice(10).map((p) => decode(p.title.rendered));
    await cardList(page).getByRole('heading', { level: 2, name: second[0], exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), second, 'page 2: the six oldest');
    await pager.getByText(T.position(2, 2), { exact: true }).waitFor();
    await assertSameDocument(page, mark, 'Next');
    await expectNoRawEntities(page, 'home page 2');
    await checkA11y(page, 'WordPress home, page 2');
    assertNoConsoleErrors(page);

    // Past the end: WordPress answers 400 rest_post_invalid_page_number.
    const beyond = await openPage(WORDPRESS);
    allowConsole(beyond, /status of 400\b/);
    await beyond.goto('/?page=3');
    const notice = main(beyond).getByRole('status').filter({ hasText: T.beyond(3, 2) });
    await notice.waitFor();
    assert.equal((await notice.innerText()).replace(/\s+/g, ' ').trim(), `${T.beyond(3, 2)} ${T.toLast}`);
    const toLast = notice.getByRole('link', { name: T.toLast, exact: true });
    assert.equal(await toLast.getAttribute('href'), '/?page=2');
    assert.equal(await cardList(beyond).getByRole('listitem').count(), 0, 'no cards past the end');
    const log = await waitForStubRequests(
      (l) => getsOf(l, POSTS_PATH).some((r) => r.query.page === '3' && r.status === 400),
      'GET wp/v2/posts?page=3 answered 400',
    );
    assert.ok(getsOf(log, POSTS_PATH).some((r) => r.query.page === '3'), 'page 3 was asked for');
    await checkA11y(beyond, 'WordPress home, page past the end');
    await toLast.click();
    await beyond.waitForURL((u) => u.search === '?page=2');
    await cardList(beyond).getByRole('heading', { level: 2, name: second[0], exact: true }).waitFor();
    assertNoConsoleErrors(beyond);
  });

  it('a category is a group: /group/city-life and /group/science-technology (name "Science & Technology" decoded), their posts only', async () => {
    const page = await openPage(WORDPRESS, '/group/city-life');
    const city = category(10);
    await expectH1(page, 'City Life');
    await main(page).getByText(city.description, { exact: true }).waitFor();
    await main(page).getByText(`${city.count} articles`, { exact: true }).waitFor();
    const expected = newestFirst(10).map((p) => decode(p.title.rendered));
    await cardList(page).getByRole('heading', { level: 2, name: expected[0], exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), expected, 'the City Life posts, newest first');
    await waitForStubRequests(
      (l) => getsOf(l, POSTS_PATH).some((r) => r.query.categories === '10' && r.status === 200),
      'GET wp/v2/posts?categories=10',
    );
    await expectNoRawEntities(page, 'group city-life');
    await checkA11y(page, 'WordPress group City Life');
    assertNoConsoleErrors(page);

    const sci = await openPage(WORDPRESS, '/group/science-technology');
    await expectH1(sci, 'Science & Technology');
    await main(sci).getByText('Research, gadgets & the people who build them.', { exact: true }).waitFor();
    const sciExpected = newestFirst(4).map((p) => decode(p.title.rendered));
    await cardList(sci).getByRole('heading', { level: 2, name: sciExpected[0], exact: true }).waitFor();
    assert.deepEqual(await cardTitles(sci), sciExpected);
    await expectNoRawEntities(sci, 'group science-technology');
    assertNoConsoleErrors(sci);
  });

  it(`the Persian category (slug ${PERSIAN_SLUG_WP}): reached from the menu at /group/<percent-encoded ${PERSIAN}>, named "${PERSIAN}", and by WordPress's lowercase form too`, async () => {
    const page = await openPage(WORDPRESS, '/');
    const nav = page.getByRole('navigation', { name: 'News groups', exact: true });
    const link = nav.getByRole('link', { name: PERSIAN, exact: true });
    await link.waitFor();
    const mark = await markDocument(page);
    await link.click();
    await expectH1(page, PERSIAN);
    const { pathname } = new URL(page.url());
    assert.match(pathname, /^\/group\/(%[0-9A-Fa-f]{2})+$/, `the address is percent-encoded (${pathname})`);
    assert.equal(decodeURIComponent(pathname), `/group/${PERSIAN}`);
    await assertSameDocument(page, mark, 'the Persian group link');
    const persian = category(6);
    assert.equal(persian.slug, PERSIAN_SLUG_WP, 'the recording keeps WordPress\'s lowercase percent-encoded slug');
    await main(page).getByText(persian.description, { exact: true }).waitFor();
    const expected = newestFirst(6).map((p) => decode(p.title.rendered));
    await cardList(page).getByRole('heading', { level: 2, name: expected[0], exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), expected);
    await waitForStubRequests(
      (l) => getsOf(l, POSTS_PATH).some((r) => r.query.categories === '6' && r.status === 200),
      'GET wp/v2/posts?categories=6',
    );
    await checkA11y(page, 'WordPress Persian group');
    assertNoConsoleErrors(page);

    // The address as WordPress itself writes it (lowercase hex) names the same group.
    const lower = await openPage(WORDPRESS, `/group/${PERSIAN_SLUG_WP}`);
    await expectH1(lower, PERSIAN);
    await cardList(lower).getByRole('heading', { level: 2, name: expected[0], exact: true }).waitFor();
    assertNoConsoleErrors(lower);
  });

  it('article 412: decoded title, featured image with alt and caption, "Published May 6, 2020, 14:30" (date_gmt in Asia/Tehran), no views, "3 minutes to read", groups from categories only', async () => {
    const p = post(EXPORTS);
    const media = p._embedded['wp:featuredmedia'][0];
    const page = await openPage(WORDPRESS, `/news/${EXPORTS}`);
    const title = 'Export support for “knowledge-based” firms – what changed & who qualifies';
    assert.equal(titleOf(EXPORTS), title);
    await expectH1(page, title);
    const article = theArticle(page);

    // The image: its file, alt text and caption (entities decoded).
    const img = article.locator('figure img');
    await img.waitFor();
    assert.equal(await img.getAttribute('alt'), media.alt_text);
    assert.equal(new URL(await img.getAttribute('src')).pathname, new URL(media.source_url).pathname);
    assert.equal(await img.getAttribute('width'), String(media.media_details.width));
    assert.equal(await img.getAttribute('height'), String(media.media_details.height));
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: WAIT_MS });
    assert.equal(
      (await article.locator('figure figcaption').innerText()).trim(),
      'Assembly at a Pardis Technology Park firm – one of 40 on the new list',
    );

    // The meta line: date_gmt 2020-05-06T10:00:00 is 14:30 in Tehran (then +04:30); "date" (local) is not read as UTC.
    assert.equal(p.date_gmt, '2020-05-06T10:00:00');
    const meta = metaLine(page);
    await meta.waitFor();
    const parts = (await meta.locator(':scope > span').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    const metaText = parts.join(' | ');
    const times = meta.getByRole('time');
    assert.equal((await times.nth(0).innerText()).trim(), 'May 6, 2020, 14:30', 'published, in the site zone');
    assert.equal(Date.parse(await times.nth(0).getAttribute('datetime')), Date.parse('2020-05-06T10:00:00Z'));
    assert.equal((await times.nth(1).innerText()).trim(), 'May 7, 2020, 12:30', 'updated (modified_gmt 08:00)');
    assert.equal(parts[0], 'Published May 6, 2020, 14:30');
    assert.equal(parts[1], 'Updated May 7, 2020, 12:30');
    assert.ok(parts.includes('3 minutes to read'), `a reading time from the body's ~470 words (${metaText})`);
    assert.doesNotMatch(metaText, /\bviews?\b/i, 'no view count');
    assert.equal(await article.locator('.views').count(), 0, 'no views element');

    // Groups: the post's categories (wp:term[0]), never its tags (wp:term[1]).
    const groups = page.getByRole('list', { name: 'News groups', exact: true });
    const links = groups.getByRole('link');
    await links.first().waitFor();
    const shown = [];
    for (const l of await links.all()) shown.push([(await l.innerText()).trim(), await l.getAttribute('href')]);
    assert.deepEqual(shown.sort(), [['News', '/group/news'], ['Science & Technology', '/group/science-technology']]);
    const outside = await article.evaluate((el) => {
      let t = el.innerText;
      const body = el.querySelector('.article-body');
      if (body) t = t.replace(body.innerText, ' ');
      return t;
    });
    for (const tag of p._embedded['wp:term'][1].map((t) => t.name)) {
      assert.doesNotMatch(outside, new RegExp(`\\b${tag}\\b`), `the tag "${tag}" is not shown as a group`);
    }
    await article.getByRole('paragraph').filter({ hasText: exactly('By Leila Ahmadi') }).waitFor();
    await article.getByRole('paragraph').filter({ hasText: exactly(`News code ${EXPORTS}`) }).waitFor();
    await expectNoRawEntities(page, 'article 412');

    const log = await waitForStubRequests(
      (l) => getsOf(l, `${POSTS_PATH}/${EXPORTS}`).some((r) => r.status === 200),
      `GET wp/v2/posts/${EXPORTS} answered 200`,
    );
    assert.ok('_embed' in getsOf(log, `${POSTS_PATH}/${EXPORTS}`)[0].query, 'the article asks for _embed');
    assert.deepEqual(log.filter((r) => r.method === 'POST'), [], 'nothing is POSTed (no view counting on WordPress)');
    await checkA11y(page, 'WordPress article 412');
    assertNoConsoleErrors(page);
  });

  it('a password-protected post (1266) shows the protected notice instead of a body, and no lead', async () => {
    const p = post(PROTECTED);
    assert.equal(p.content.protected, true);
    assert.equal(p.content.rendered, '');
    const page = await openPage(WORDPRESS);
    allowConsole(page, /status of 401\b/); // judged in the next test
    await page.goto(`/news/${PROTECTED}`);
    await expectH1(page, 'Members’ briefing: the budget figures before the council vote');
    const article = theArticle(page);
    await article.getByText(T.protectedNotice, { exact: true }).waitFor();
    assert.equal(await article.locator('.article-body').count(), 0, 'no body');
    assert.equal(await article.locator('.article-lead').count(), 0, 'no lead');
    await checkA11y(page, 'WordPress protected post');
    assertNoConsoleErrors(page);
  });

  it('a password-protected post does not offer comments WordPress refuses to show or take (GET comments?post= answers 401 rest_cannot_read_post)', async () => {
    const page = await openPage(WORDPRESS, `/news/${PROTECTED}`);
    await theArticle(page).getByText(T.protectedNotice, { exact: true }).waitFor();
    // Until no request is left in flight (and none starts for half a second):
    // a comments request, if the page made one, has then been logged.
    await page.waitForLoadState('networkidle');
    const log = await stubRequests();
    const asked = getsOf(log, COMMENTS_PATH).filter((r) => r.query.post === String(PROTECTED));
    const failed = await main(page).getByText(T.loadFailed, { exact: true }).count();
    const forms = await main(page).getByRole('form', { name: T.formTitle, exact: true }).count();
    assert.ok(
      asked.length === 0 && failed === 0 && forms === 0,
      `the protected post's page asked for its comments ${asked.length} time(s) (answers ${JSON.stringify(asked.map((r) => r.status))}), ` +
        `shows "${T.loadFailed}" ${failed} time(s) and offers ${forms} comment form(s); WordPress answers 401 rest_cannot_read_post ` +
        'to both reading and posting comments on a password-protected post',
    );
    assertNoConsoleErrors(page);
  });

  it('an unknown post id: GET wp/v2/posts/99999 is 404 rest_post_invalid_id, the page says there is no such article', async () => {
    const page = await openPage(WORDPRESS);
    allowConsole(page, /status of 404\b/);
    await page.goto('/news/99999');
    await expectH1(page, 'Page not found');
    await main(page).getByText('There is no article with news code 99999.', { exact: true }).waitFor();
    await waitForStubRequests((l) => getsOf(l, `${POSTS_PATH}/99999`).some((r) => r.status === 404), 'GET wp/v2/posts/99999 answered 404');
    await checkA11y(page, 'WordPress unknown post');
    assertNoConsoleErrors(page);
  });

  it('comments of 412 are threaded by parent, oldest first, names and text decoded; the held comment is not listed', async () => {
    const page = await openArticle(EXPORTS, 4);
    const approved = COMMENTS.filter((c) => c.post === EXPORTS && c.status === 'approved');
    assert.equal(approved.length, 4);
    const items = region(page).locator('ol.comment-list:not(.pending-list) > li');
    await items.nth(3).waitFor();
    const got = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        depth: li.getAttribute('data-depth'),
        author: li.querySelector('.comment-author')?.textContent.trim(),
        body: li.querySelector('.comment-body')?.textContent.trim(),
      })),
    );
    const byId = Object.fromEntries(COMMENTS.map((c) => [c.id, c]));
    const want = [
      [801, '0'],
      [805, '1'],
      [812, '2'],
      [809, '0'],
    ].map(([id, depth]) => ({ depth, author: decode(byId[id].author_name), body: text(byId[id].content.rendered) }));
    assert.deepEqual(got, want, 'each reply right under its parent (805 under 801, 812 under 805), then 809');
    assert.ok(got.some((c) => c.author === 'Hamid & Nazanin'), 'author_name "Hamid &amp; Nazanin" decoded');
    assert.equal(await region(page).getByText('Quick Loans 4U').count(), 0, 'the held comment is not shown');
    const log = await waitForStubRequests((l) => getsOf(l, COMMENTS_PATH).some((r) => r.status === 200), 'GET wp/v2/comments');
    const q = getsOf(log, COMMENTS_PATH)[0].query;
    assert.deepEqual([q.post, q.order, q.orderby, q.page], [String(EXPORTS), 'asc', 'date_gmt', '1']);
    await expectNoRawEntities(page, 'comments of 412');
    await checkA11y(page, 'WordPress comment thread');
    assertNoConsoleErrors(page);
  });

  it('a closed post (1259, comment_status "closed"): no form, the closed notice, its comments threaded, no Reply buttons', async () => {
    const page = await openPage(WORDPRESS, `/news/${CLOSED}`);
    await countLine(page, 3).waitFor();
    await region(page).getByText(T.closed, { exact: true }).waitFor();
    assert.equal(await region(page).getByRole('form').count(), 0, 'no form');
    assert.equal(await region(page).getByRole('textbox').count(), 0, 'no fields');
    assert.equal(await region(page).getByRole('button', { name: /^Reply to / }).count(), 0, 'no Reply buttons');
    const depths = await region(page).locator('li.comment').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-depth')));
    assert.deepEqual(depths, ['0', '1', '0'], 'the editor\'s answer (832) under 830');
    await checkA11y(page, 'WordPress closed post');
    assertNoConsoleErrors(page);
  });

  it('the header search box sends search= to wp/v2/posts; "budget" finds 1287 and 412 (not the protected post), "اینترنت" finds 1276', async () => {
    const page = await openPage(WORDPRESS, '/');
    await cardList(page).getByRole('listitem').first().waitFor();
    const box = page.getByRole('search').getByRole('searchbox', { name: 'Search news', exact: true });
    await box.fill('budget');
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'budget');
    await expectH1(page, 'Search results for “budget”');
    await cardList(page).getByRole('heading', { level: 2, name: titleOf(1287), exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), [titleOf(1287), titleOf(EXPORTS)]);
    const log = await waitForStubRequests(
      (l) => getsOf(l, POSTS_PATH).some((r) => r.query.search === 'budget' && r.status === 200),
      'GET wp/v2/posts?search=budget',
    );
    const req = getsOf(log, POSTS_PATH).find((r) => r.query.search === 'budget');
    assert.equal(req.query.page, '1');
    assert.equal(req.query.per_page, '10');
    await checkA11y(page, 'WordPress search results');

    await box.fill('اینترنت');
    await box.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === 'اینترنت');
    await cardList(page).getByRole('heading', { level: 2, name: titleOf(1276), exact: true }).waitFor();
    assert.deepEqual(await cardTitles(page), [titleOf(1276)]);
    await waitForStubRequests((l) => getsOf(l, POSTS_PATH).some((r) => r.query.search === 'اینترنت'), 'GET wp/v2/posts?search=اینترنت');
    assertNoConsoleErrors(page);
  });
});

describe('WordPress site: comments on a stock WordPress (anonymous comments allowed, default CORS headers)', () => {
  beforeEach(resetStub);
  afterEach(closePages);

  it('a first-time author, no CAPTCHA: the moderation hint, "…will appear after review.", the comment shown "Awaiting moderation", held by WordPress', async () => {
    const page = await openArticle(BAZAAR, 1);
    await commentForm(page).getByText(T.moderated, { exact: true }).waitFor();
    assert.equal(await commentForm(page).getByRole('img').count(), 0, 'no CAPTCHA image');
    assert.equal(await commentForm(page).getByRole('textbox').count(), 3, 'Name, Email and Comment only');
    await checkA11y(page, 'WordPress comment form');
    const values = { name: 'Parisa Nouri', email: 'parisa.n@example.org', body: 'Does the pilot cover the gold market too?' };
    await fillForm(page, values);
    await sendButton(page).click();
    const said = await outcomeText(page);
    const log = await stubRequests();
    const preflights = log.filter((r) => r.method === 'OPTIONS' && r.path === COMMENTS_PATH);
    assert.equal(
      said,
      T.pending,
      `the form said "${said}". Preflights asked for headers ${JSON.stringify(preflights.map((r) => r.preflight_headers))}; ` +
        'a stock WordPress allows only Authorization, X-WP-Nonce, Content-Disposition, Content-MD5 and Content-Type ' +
        '(Access-Control-Allow-Headers), so a POST sending any other header fails its preflight',
    );
    const item = commentItem(page, values.body);
    await item.getByText(T.awaiting, { exact: true }).waitFor();
    const stored = (await storedComments(BAZAAR)).filter((c) => c.content.raw === values.body);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].status, 'hold');
    assertNoConsoleErrors(page);
  });
});

// The rest of the comment behaviour, with the Idempotency-Key header the app
// sends allowed by the site (a rest_allowed_cors_headers filter), so that
// each WordPress answer is judged on its own; the test above judges a stock
// WordPress's CORS.
describe('WordPress site: comment answers (the site also allows the Idempotency-Key header)', () => {
  beforeEach(async () => {
    await resetStub();
    await wordpress({ cors_allow_headers: ['Idempotency-Key'] });
  });
  afterEach(closePages);

  it('first-time author: 201 status "hold" → "Thank you. Your comment will appear after review." and "Awaiting moderation"; the count stays', async () => {
    const page = await openArticle(BAZAAR, 1);
    await commentForm(page).getByText(T.moderated, { exact: true }).waitFor();
    const values = { name: 'Parisa Nouri', email: 'parisa.n@example.org', body: 'Does the pilot cover the gold market too?' };
    await fillForm(page, values);
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.pending);
    const item = commentItem(page, values.body);
    await item.getByText(T.awaiting, { exact: true }).waitFor();
    await item.getByText(values.name, { exact: true }).waitFor();
    await countLine(page, 1).waitFor();
    assert.equal(await field(page, T.body).inputValue(), '', 'the comment field is cleared');
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [201]);
    const stored = (await storedComments(BAZAAR)).filter((c) => c.content.raw === values.body);
    assert.equal(stored.length, 1, 'WordPress stored it once');
    assert.deepEqual([stored[0].status, stored[0].author_name, stored[0].author_email, stored[0].parent], ['hold', values.name, values.email, 0]);
    await checkA11y(page, 'WordPress comment form, held');
    assertNoConsoleErrors(page);
  });

  it('an author with an approved comment: 201 status "approved" → "Thank you. Your comment is published.", listed, "2 comments"', async () => {
    const page = await openArticle(BAZAAR, 1);
    const body = 'Update: the banks now settle within a day.';
    await fillForm(page, { ...FARID, body });
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.published);
    const item = commentItem(page, body);
    await item.waitFor();
    assert.equal(await item.getByText(T.awaiting, { exact: true }).count(), 0, 'not awaiting moderation');
    await countLine(page, 2).waitFor();
    const stored = (await storedComments(BAZAAR)).filter((c) => c.content.raw === body);
    assert.equal(stored[0].status, 'approved');
    await checkA11y(page, 'WordPress comment form, published');
    assertNoConsoleErrors(page);
  });

  it('a reply goes to WordPress with "parent" and shows under its parent', async () => {
    const page = await openArticle(BAZAAR, 1);
    await region(page).getByRole('button', { name: `Reply to ${FARID.name}`, exact: true }).click();
    const body = 'Thanks for the detail about your uncle\'s shop.';
    await fillForm(page, { ...FARID, body });
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.published);
    const stored = (await storedComments(BAZAAR)).filter((c) => c.content.raw === body);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].parent, 850, 'sent with parent 850');
    const depths = await region(page).locator('ol.comment-list:not(.pending-list) > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-depth')));
    assert.deepEqual(depths, ['0', '1']);
    assertNoConsoleErrors(page);
  });

  it('rest_comment_login_required (anonymous comments off, 401): "This site accepts comments only from signed-in readers…", text kept', async () => {
    await wordpress({ anonymous_comments: false });
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 401\b/);
    const values = { name: 'Parisa Nouri', email: 'parisa.n@example.org', body: 'Will this get through?' };
    await fillForm(page, values);
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.loginRequired);
    assert.equal(await field(page, T.body).inputValue(), values.body, 'the text is kept');
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [401]);
    await checkA11y(page, 'WordPress comment form, login required');
    assertNoConsoleErrors(page);
  });

  it('rest_comment_closed (403; comments closed on posts older than 14 days while the post still says "open"): the closed notice replaces the form', async () => {
    // 412 is from 2020: older than 14 days whatever the clock says.
    const page = await openArticle(EXPORTS, 4);
    allowConsole(page, /status of 403\b/);
    assert.equal(post(EXPORTS).comment_status, 'open');
    await wordpress({ close_comments_days_old: 14 });
    await fillForm(page, { name: 'Late Reader', email: 'late@example.org', body: 'Is this still open?' });
    await sendButton(page).click();
    await region(page).getByText(T.closed, { exact: true }).waitFor();
    assert.equal(await region(page).getByRole('form').count(), 0, 'the form is gone');
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [403]);
    await checkA11y(page, 'WordPress comments closed on send');
    assertNoConsoleErrors(page);
  });

  it('comment_duplicate (409; the same author and text as an existing comment): "This comment has already been posted."', async () => {
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 409\b/);
    const existing = COMMENTS.find((c) => c.id === 850);
    await fillForm(page, { ...FARID, body: existing.content.raw });
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.duplicate);
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [409]);
    await countLine(page, 1).waitFor();
    await checkA11y(page, 'WordPress comment form, duplicate');
    assertNoConsoleErrors(page);
  });

  it('comment_flood (400, a second comment within 15 seconds): the rate-limited message, text kept', async () => {
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 400\b/);
    await fillForm(page, { name: 'Quick Typist', email: 'quick@example.org', body: 'First thought.' });
    await sendButton(page).click();
    assert.equal(await outcomeText(page), T.pending);
    await fillForm(page, { body: 'Second thought, straight after.' });
    await sendButton(page).click();
    await commentForm(page).getByRole('status').filter({ hasText: T.rateLimited }).waitFor();
    const said = await outcomeText(page);
    assert.match(said, T.rateLimited);
    assert.equal(await field(page, T.body).inputValue(), 'Second thought, straight after.', 'the text is kept');
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [201, 400]);
    await checkA11y(page, 'WordPress comment form, flood');
    assertNoConsoleErrors(page);
  });

  it('rest_comment_invalid_post_id (403, the post deleted meanwhile): "This could not be found." and the text kept; reloaded, rest_post_invalid_id gives the not-found page', async () => {
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 40[34]\b/);
    await wordpress({ deleted_posts: [BAZAAR] });
    const body = 'Posting to a post that is gone.';
    await fillForm(page, { name: 'Parisa Nouri', email: 'parisa.n@example.org', body });
    await sendButton(page).click();
    assert.equal(await outcomeText(page), `${T.notFound} ${T.kept}`);
    assert.equal(await field(page, T.body).inputValue(), body);
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [403]);
    await checkA11y(page, 'WordPress comment form, post gone');
    await page.reload();
    await expectH1(page, 'Page not found');
    await main(page).getByText(`There is no article with news code ${BAZAAR}.`, { exact: true }).waitFor();
    assertNoConsoleErrors(page);
  });

  it('rest_comment_content_invalid (400): the Comment field is marked with an error that says what is wrong; Name and Email are not', async () => {
    await setFault('error', 1, { method: 'POST', path: COMMENTS_PATH, status: 400, code: 'rest_comment_content_invalid', message: 'Invalid comment content.' });
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 400\b/);
    await fillForm(page, { name: 'Parisa Nouri', email: 'parisa.n@example.org', body: 'Rejected by a filter.' });
    await sendButton(page).click();
    const message = await fieldError(field(page, T.body), 'Comment');
    await expectNoFieldError(field(page, T.name), 'Name');
    await expectNoFieldError(field(page, T.email), 'Email');
    assert.equal(await outcomeText(page), T.fix);
    await checkA11y(page, 'WordPress comment form, content invalid');
    assertNoConsoleErrors(page);
    assert.doesNotMatch(message, /:\s*$/, `the Comment field's error says what is wrong, not just "${message}"`);
  });

  it('rest_comment_author_data_required (400; no email while WordPress requires name and email): Name and Email are marked, the Comment is not', async () => {
    const page = await openArticle(BAZAAR, 1);
    allowConsole(page, /status of 400\b/);
    // The form itself takes an empty email: this site's config.json does not set comments.require_email.
    await fillForm(page, { name: 'Parisa Nouri', body: 'No email given.' });
    await sendButton(page).click();
    const nameMessage = await fieldError(field(page, T.name), 'Name');
    const emailMessage = await fieldError(field(page, T.email), 'Email');
    await expectNoFieldError(field(page, T.body), 'Comment');
    assert.equal(await outcomeText(page), T.fix);
    const log = await stubRequests();
    assert.deepEqual(postsOf(log).map((r) => r.status), [400]);
    await checkA11y(page, 'WordPress comment form, author data required');
    assertNoConsoleErrors(page);
    for (const [what, m] of [['Name', nameMessage], ['Email', emailMessage]]) {
      assert.doesNotMatch(m, /:\s*$/, `the ${what} field's error says what is wrong, not just "${m}"`);
    }
  });
});
