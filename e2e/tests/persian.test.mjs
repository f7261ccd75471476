//! The Persian interface: the language chosen on a first visit from the
//! browser's list, the switch (same page, remembered, and back), Persian
//! digits, plurals and the Solar Hijri calendar, content that keeps its own
//! language and direction inside either interface, the main journey in
//! Persian, axe on every page type in Persian (the error view on the stub
//! site), and a stylesheet written in logical properties only.
//! Words come from the catalogues (src/i18n/fa.json, src/i18n/en.json) and
//! content from src/api/demo/content.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  DEMO,
  STUB_SITE,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  setFault,
} from '../lib/browser.mjs';
import {
  assertSameDocument,
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

// ---------------------------------------------------------------- catalogues

const catalogue = (code) => JSON.parse(readFileSync(new URL(`../../src/i18n/${code}.json`, import.meta.url), 'utf8'));
const FA = catalogue('fa');
const EN = catalogue('en');

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
/** `s` with every ASCII digit replaced by the Persian (Extended Arabic-Indic) one. */
const faDigits = (s) => String(s).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);
const ASCII_DIGIT = /[0-9]/;
/** Any letter of the Arabic script (Persian text). */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

function fill(template, args) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

/** The catalogue's text for `key`, placeholders filled. */
function t(cat, key, args = {}) {
  const entry = cat[key];
  assert.equal(typeof entry, 'string', `catalogue entry ${key} is a plain text`);
  return fill(entry, args);
}

/**
 * The catalogue's plural form of `key` for `n` (an exact "0"/"1"... form
 * first, then the CLDR category: English "one" for 1; Persian "one" for
 * 0 and 1), with `{n}` in the language's digits.
 */
function tn(cat, key, n) {
  const forms = cat[key];
  assert.equal(typeof forms, 'object', `catalogue entry ${key} has plural forms`);
  const persian = cat === FA;
  const category = n === 1 || (persian && n === 0) ? 'one' : 'other';
  const form = forms[String(n)] ?? forms[category] ?? forms.other;
  return fill(form, { n: persian ? faDigits(n) : String(n) });
}

// ---------------------------------------------------------------- fixtures

const FA_IR = { locale: 'fa-IR' };
const EN_US = { locale: 'en-US' };
const LOCALE_KEY = 'newsfront.locale';

const SOURCE = '50844'; // English, 2020-05-06T14:30+04:30 (Tehran), 73 views, 8 groups
const NEWS = 'news'; // 15 articles: two pages of 10
const PERSIAN_GROUP = 'deputies-and-centers';

const listing = (slug, n) => pageOf(newestFirst(demoContent().articles, slug), n);

// ---------------------------------------------------------------- page helpers

const mainHeading = (page) => page.getByRole('heading', { level: 1 });
const langSwitch = (page, cat) => page.getByRole('group', { name: t(cat, 'lang.switch'), exact: true });
const articleList = (page, cat) => page.getByRole('list', { name: t(cat, 'list.title'), exact: true });
const pager = (page, cat) => page.getByRole('navigation', { name: t(cat, 'pager.label'), exact: true });
const groupNav = (page, cat) => page.getByRole('navigation', { name: t(cat, 'nav.label'), exact: true });
const articleGroups = (page, cat) => page.getByRole('list', { name: t(cat, 'article.groups'), exact: true });
const theArticle = (page) => page.getByRole('main').getByRole('article');
/** The article's meta line: the paragraph with its publication <time>. */
const metaLine = (page) => theArticle(page).getByRole('paragraph').filter({ has: page.getByRole('time') });

/** Waits for the h1 to read exactly `text` (and for it to be the only h1). */
async function expectH1(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  assert.equal((await mainHeading(page).textContent()).trim(), text);
}

/** Waits until <html> carries `lang` and `dir`, then checks both. */
async function expectDocumentLanguage(page, lang, dir) {
  await page.locator(`html[lang="${lang}"][dir="${dir}"]`).waitFor({ state: 'attached' });
  const got = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    direction: getComputedStyle(document.documentElement).direction,
  }));
  assert.deepEqual(got, { lang, dir, direction: dir }, '<html> lang, dir and computed direction');
}

/** Waits until the switch marks `current` pressed, and checks every button's state and language. */
async function expectSwitch(page, cat, current) {
  const group = langSwitch(page, cat);
  const names = { en: t(EN, 'lang.name'), fa: t(FA, 'lang.name') };
  await group.getByRole('button', { name: names[current], exact: true, pressed: true }).waitFor();
  assert.equal(await group.getByRole('button').count(), 2, 'one button per language');
  for (const [code, name] of Object.entries(names)) {
    const button = group.getByRole('button', { name, exact: true });
    assert.equal(await button.getAttribute('aria-pressed'), String(code === current), `"${name}" aria-pressed`);
    assert.equal(await button.getAttribute('lang'), code, `"${name}" is marked as ${code}`);
  }
}

const savedLocale = (page) => page.evaluate((key) => localStorage.getItem(key), LOCALE_KEY);

/**
 * Waits until the listing shows exactly `articles`, in order, each card a
 * level-2 heading with one link to /news/CODE.
 */
async function expectCards(page, cat, articles) {
  const list = articleList(page, cat);
  await list.getByRole('heading', { level: 2, name: articles[0].title, exact: true }).waitFor();
  await list.getByRole('heading', { level: 2, name: articles.at(-1).title, exact: true }).waitFor();
  const items = list.getByRole('listitem');
  assert.equal(await items.count(), articles.length, 'number of cards');
  for (const [i, a] of articles.entries()) {
    const link = items.nth(i).getByRole('heading', { level: 2 }).getByRole('link');
    assert.equal((await link.textContent()).trim(), a.title, `card ${i + 1} title`);
    assert.equal(await link.getAttribute('href'), `/news/${a.code}`, `card ${i + 1} target`);
  }
}

/**
 * For the element showing a group name (`locator`): whether it is isolated
 * (dir="auto", or a <bdi>, itself or a descendant holding exactly the name),
 * and its computed direction.
 */
async function isolation(locator, name) {
  return locator.evaluate((el, text) => {
    const candidates = [el, ...el.querySelectorAll('bdi, [dir="auto"]')];
    const iso = candidates.find(
      (e) => (e.tagName === 'BDI' || e.getAttribute('dir') === 'auto') && e.textContent.trim() === text,
    );
    const target = iso ?? el;
    return {
      isolated: Boolean(iso),
      how: iso ? (iso.tagName === 'BDI' ? '<bdi>' : `<${iso.tagName.toLowerCase()} dir="auto">`) : 'none',
      direction: getComputedStyle(target).direction,
    };
  }, name);
}

/** Every group name in `list` is isolated and runs in its own script's direction. */
async function expectGroupNamesIsolated(list, groups, where) {
  assert.ok(groups.some((g) => ARABIC_SCRIPT.test(g.name)), `${where}: a Persian group name is among those checked`);
  assert.ok(groups.some((g) => g.name === 'NEWS'), `${where}: "NEWS" is among those checked`);
  for (const g of groups) {
    const link = list.getByRole('link', { name: g.name, exact: true });
    await link.waitFor();
    const got = await isolation(link, g.name);
    const want = ARABIC_SCRIPT.test(g.name) ? 'rtl' : 'ltr';
    assert.ok(got.isolated, `${where}: "${g.name}" is in an element with dir="auto" or a <bdi> (found ${got.how})`);
    assert.equal(got.direction, want, `${where}: computed direction of "${g.name}"`);
  }
}

// ---------------------------------------------------------------- the tests

before(launchBrowser);
after(closeBrowser);

describe('Persian interface on the demo site', () => {
  afterEach(closePages);

  it('a first visit with browser locale fa-IR shows the Persian interface: lang="fa" dir="rtl", its h1, «فارسی» pressed', async () => {
    const page = await openPage(DEMO, '/', FA_IR);
    await expectH1(page, t(FA, 'home.title'));
    await expectDocumentLanguage(page, 'fa', 'rtl');
    await expectSwitch(page, FA, 'fa');
    await articleList(page, FA).getByRole('listitem').first().waitFor();
    assert.equal(await savedLocale(page), null, 'a first visit saves no choice: only the reader choosing does');
    await checkA11y(page, 'Persian home');
    assertNoConsoleErrors(page);
  });

  it('a first visit with browser locale en-US shows the English interface: lang="en" dir="ltr", "English" pressed', async () => {
    const page = await openPage(DEMO, '/', EN_US);
    await expectH1(page, t(EN, 'home.title'));
    await expectSwitch(page, EN, 'en');
    await expectDocumentLanguage(page, 'en', 'ltr');
    assert.equal(await savedLocale(page), null, 'a first visit saves no choice');
    assertNoConsoleErrors(page);
  });

  it('the switch keeps the reader on /news/50844: Persian digits, Solar Hijri date, remembered over a reload, and back to English', async () => {
    const a = demoArticle(SOURCE);
    const page = await openPage(DEMO, `/news/${SOURCE}`, EN_US);
    const url = `${DEMO}/news/${SOURCE}`;
    await expectH1(page, a.title);
    await metaLine(page).filter({ hasText: t(EN, 'date.datetime', { date: 'May 6, 2020', time: '14:30' }) }).waitFor();
    await expectSwitch(page, EN, 'en');
    const mark = await markDocument(page);

    // English -> Persian
    await langSwitch(page, EN).getByRole('button', { name: t(FA, 'lang.name'), exact: true }).click();
    await expectSwitch(page, FA, 'fa');
    await expectDocumentLanguage(page, 'fa', 'rtl');
    assert.equal(page.url(), url, 'the URL is unchanged');
    await assertSameDocument(page, mark, 'language switch');
    await expectH1(page, a.title);
    assert.equal(await savedLocale(page), 'fa', `the choice is saved in localStorage "${LOCALE_KEY}"`);

    const expectPersianArticle = async (when) => {
      const date = '۱۷ اردیبهشت ۱۳۹۹';
      const time = '۱۴:۳۰';
      const views = tn(FA, 'article.views', a.views);
      assert.equal(views, '۷۳ بازدید', 'fa.json article.views for 73');
      const meta = metaLine(page);
      await meta.filter({ hasText: date }).waitFor();
      const text = (await meta.textContent()).replace(/\s+/g, ' ').trim();
      assert.ok(text.includes(date), `${when}: meta line "${text}" has the Solar Hijri date ${date}`);
      assert.ok(text.includes(time), `${when}: meta line "${text}" has the time ${time}`);
      assert.ok(text.includes(views), `${when}: meta line "${text}" has "${views}"`);
      assert.doesNotMatch(text, ASCII_DIGIT, `${when}: meta line "${text}" has no ASCII digits`);
      const datetime = await meta.getByRole('time').first().getAttribute('datetime');
      assert.equal(Date.parse(datetime), Date.parse(a.published_at), `${when}: <time datetime> keeps the machine-readable instant`);

      const code = theArticle(page).getByRole('paragraph').filter({ hasText: t(FA, 'article.code') });
      await code.waitFor();
      assert.equal(
        (await code.textContent()).replace(/\s+/g, ' ').trim(),
        `${t(FA, 'article.code')} ${faDigits(SOURCE)}`,
        `${when}: the news code line`,
      );
      assert.equal(faDigits(SOURCE), '۵۰۸۴۴');
      const data = code.locator(`data[value="${SOURCE}"]`);
      assert.equal(await data.count(), 1, `${when}: a <data value="${SOURCE}"> keeps the Latin form`);
      assert.equal((await data.textContent()).trim(), '۵۰۸۴۴', `${when}: the shown code`);
    };
    await expectPersianArticle('after the switch');
    await checkA11y(page, 'Persian article 50844 (after the switch)');

    // Reload: still Persian.
    await page.reload();
    assert.equal(page.url(), url, 'the URL after the reload');
    await expectH1(page, a.title);
    await expectSwitch(page, FA, 'fa');
    await expectDocumentLanguage(page, 'fa', 'rtl');
    await expectPersianArticle('after a reload');

    // Persian -> English.
    await langSwitch(page, FA).getByRole('button', { name: t(EN, 'lang.name'), exact: true }).click();
    await expectSwitch(page, EN, 'en');
    await expectDocumentLanguage(page, 'en', 'ltr');
    assert.equal(page.url(), url, 'the URL is unchanged');
    const meta = metaLine(page);
    await meta.filter({ hasText: 'May 6, 2020, 14:30' }).waitFor();
    await meta.getByText(tn(EN, 'article.views', a.views), { exact: true }).waitFor();
    assert.equal(tn(EN, 'article.views', a.views), '73 views');
    await theArticle(page).getByRole('paragraph').filter({ hasText: exactly(`${t(EN, 'article.code')} ${SOURCE}`) }).waitFor();
    assert.equal(await savedLocale(page), 'en', 'switching back is saved too');
    assertNoConsoleErrors(page);
  });

  it('an English article keeps lang="en" dir="ltr" in the Persian interface, a Persian one lang="fa" dir="rtl" in the English interface', async (t_) => {
    const en = demoArticle(SOURCE);
    const fa = newestFirst(demoContent().articles).find((x) => x.language === 'fa');
    assert.ok(fa, 'content.json has a Persian article');
    const cases = [
      { ui: FA_IR, cat: FA, uiLang: 'fa', uiDir: 'rtl', a: en, lang: 'en', dir: 'ltr' },
      { ui: EN_US, cat: EN, uiLang: 'en', uiDir: 'ltr', a: fa, lang: 'fa', dir: 'rtl' },
    ];
    for (const c of cases) {
      await t_.test(`article ${c.a.code} (${c.lang}) in the ${c.uiLang} interface`, async () => {
        const page = await openPage(DEMO, `/news/${c.a.code}`, c.ui);
        await expectH1(page, c.a.title);
        await expectDocumentLanguage(page, c.uiLang, c.uiDir);
        const article = theArticle(page);
        assert.equal(await article.getAttribute('lang'), c.lang, '<article lang>');
        assert.equal(await article.getAttribute('dir'), c.dir, '<article dir>');
        assert.equal(await article.evaluate((el) => getComputedStyle(el).direction), c.dir, '<article> computed direction');
        const firstBodyParagraph = article.locator('.article-body').getByRole('paragraph').first();
        await firstBodyParagraph.waitFor();
        assert.equal(
          await firstBodyParagraph.evaluate((el) => getComputedStyle(el).direction),
          c.dir,
          'the body runs in the content direction',
        );
        // The interface's own words inside the article (meta line, footer) are in the interface language.
        const meta = metaLine(page);
        assert.equal(await meta.getAttribute('lang'), c.uiLang, 'meta line lang');
        assert.equal(await meta.getAttribute('dir'), c.uiDir, 'meta line dir');
        await checkA11y(page, `${c.lang} article ${c.a.code} in the ${c.uiLang} interface`);
        assertNoConsoleErrors(page);
        await page.close();
      });
    }
  });

  it('group names in the header navigation and the article group list are isolated: rtl for a Persian name, ltr for "NEWS", in both interfaces', async (t_) => {
    const a = demoArticle(SOURCE);
    const all = demoContent().groups;
    for (const [ui, cat, uiLang] of [
      [FA_IR, FA, 'fa'],
      [EN_US, EN, 'en'],
    ]) {
      await t_.test(`${uiLang} interface`, async () => {
        const page = await openPage(DEMO, `/news/${SOURCE}`, ui);
        await expectH1(page, a.title);
        await expectDocumentLanguage(page, uiLang, uiLang === 'fa' ? 'rtl' : 'ltr');
        await expectGroupNamesIsolated(groupNav(page, cat), all, `header navigation (${uiLang})`);
        await expectGroupNamesIsolated(articleGroups(page, cat), a.groups, `article group list (${uiLang})`);

        // A Persian group's own page names it in an isolated, right-to-left h1.
        const g = demoGroup(PERSIAN_GROUP);
        await groupNav(page, cat).getByRole('link', { name: g.name, exact: true }).click();
        await page.waitForURL(`${DEMO}/group/${PERSIAN_GROUP}`);
        await expectH1(page, g.name);
        const h1 = await isolation(mainHeading(page), g.name);
        assert.ok(h1.isolated, `group h1 "${g.name}" is isolated (found ${h1.how})`);
        assert.equal(h1.direction, 'rtl', `group h1 "${g.name}" computed direction`);
        assertNoConsoleErrors(page);
        await page.close();
      });
    }
  });

  it('the main journey in Persian: home → article → group → page ۲ → back → forward', async () => {
    const home = listing(null, 1);
    const pick = home.find((x) => x.language === 'fa' && x.groups.some((g) => g.slug === NEWS));
    assert.ok(pick, `content.json: a Persian article in group ${NEWS} on the first home page`);
    const news = demoGroup(NEWS);
    const page = await openPage(DEMO, '/', FA_IR);

    // Home
    await expectH1(page, t(FA, 'home.title'));
    await expectCards(page, FA, home);
    await expectDocumentLanguage(page, 'fa', 'rtl');
    const mark = await markDocument(page);

    // -> article
    await articleList(page, FA).getByRole('link', { name: pick.title, exact: true }).click();
    await page.waitForURL(`${DEMO}/news/${pick.code}`);
    await expectH1(page, pick.title);
    await theArticle(page).getByRole('paragraph').filter({ hasText: exactly(`${t(FA, 'article.code')} ${faDigits(pick.code)}`) }).waitFor();
    await checkA11y(page, `Persian article ${pick.code}`);

    // -> group
    await articleGroups(page, FA).getByRole('link', { name: news.name, exact: true }).click();
    await page.waitForURL(`${DEMO}/group/${NEWS}`);
    await expectH1(page, news.name);
    await expectCards(page, FA, listing(NEWS, 1));
    await pager(page, FA).getByText(t(FA, 'pager.position', { page: '۱', pages: '۲' }), { exact: true }).waitFor();
    await checkA11y(page, `Persian group ${NEWS}, page 1`);

    // -> page ۲
    const two = pager(page, FA).getByRole('link', { name: t(FA, 'pager.page_label', { n: '۲' }), exact: true });
    assert.equal((await two.textContent()).trim(), '۲', 'the pager link shows «۲»');
    await two.click();
    await page.waitForURL((u) => u.pathname === `/group/${NEWS}` && u.searchParams.get('page') === '2');
    assert.equal(page.url(), `${DEMO}/group/${NEWS}?page=2`);
    await expectH1(page, news.name);
    await expectCards(page, FA, listing(NEWS, 2));
    await pager(page, FA).getByText(t(FA, 'pager.position', { page: '۲', pages: '۲' }), { exact: true }).waitFor();
    assert.equal(await two.getAttribute('aria-current'), 'page', 'page ۲ is marked current');
    await checkA11y(page, `Persian group ${NEWS}, page 2`);

    // back: page 1, then the article
    await page.goBack();
    await page.waitForURL(`${DEMO}/group/${NEWS}`);
    await expectH1(page, news.name);
    await expectCards(page, FA, listing(NEWS, 1));
    await page.goBack();
    await page.waitForURL(`${DEMO}/news/${pick.code}`);
    await expectH1(page, pick.title);

    // forward: page 1, then page 2
    await page.goForward();
    await page.waitForURL(`${DEMO}/group/${NEWS}`);
    await expectH1(page, news.name);
    await expectCards(page, FA, listing(NEWS, 1));
    await page.goForward();
    await page.waitForURL(`${DEMO}/group/${NEWS}?page=2`);
    await expectH1(page, news.name);
    await expectCards(page, FA, listing(NEWS, 2));

    await assertSameDocument(page, mark, 'the Persian journey');
    await expectDocumentLanguage(page, 'fa', 'rtl');
    assertNoConsoleErrors(page);
  });

  it('the group page counts its articles and places the pager in Persian words and digits, with no ASCII digits', async () => {
    const total = newestFirst(demoContent().articles, NEWS).length;
    assert.equal(total, 15, 'content.json: the news group has 15 articles');
    const page = await openPage(DEMO, `/group/${NEWS}`, FA_IR);
    await expectH1(page, demoGroup(NEWS).name);

    const count = tn(FA, 'group.count', total);
    assert.equal(count, '۱۵ خبر', 'fa.json group.count for 15');
    const shownCount = page.getByRole('main').getByText(count, { exact: true });
    await shownCount.waitFor();
    assert.doesNotMatch(await shownCount.textContent(), ASCII_DIGIT, 'the article count');

    const position = pager(page, FA).getByRole('paragraph');
    await position.filter({ hasText: t(FA, 'pager.position', { page: '۱', pages: '۲' }) }).waitFor();
    const positionText = (await position.textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(positionText, 'صفحهٔ ۱ از ۲', 'pager position');
    assert.doesNotMatch(positionText, ASCII_DIGIT, 'the pager position');

    // Every label and number in the pager, and every card's date and counts.
    for (const link of await pager(page, FA).getByRole('link').all()) {
      const text = (await link.textContent()).trim();
      const label = (await link.getAttribute('aria-label')) ?? '';
      assert.doesNotMatch(`${text} ${label}`, ASCII_DIGIT, `pager link "${text}" (${label})`);
    }
    for (const meta of await articleList(page, FA).getByRole('paragraph').filter({ has: page.getByRole('time') }).all()) {
      const text = (await meta.textContent()).trim();
      assert.doesNotMatch(text, ASCII_DIGIT, `card meta "${text}"`);
    }

    // Beyond the last page, the notice's numbers are Persian too.
    await page.goto(`/group/${NEWS}?page=99`);
    const beyond = t(FA, 'pager.beyond', { page: faDigits(99), pages: faDigits(2) });
    const notice = page.getByRole('status').filter({ hasText: beyond });
    await notice.waitFor();
    assert.equal(
      (await notice.textContent()).replace(/\s+/g, ' ').trim(),
      `${beyond} ${t(FA, 'pager.to_last')}`,
      'the beyond-the-end notice',
    );
    assertNoConsoleErrors(page);
  });

  it('the not-found page in Persian: its words, a way home, and axe', async () => {
    const page = await openPage(DEMO, '/no/such/page', FA_IR);
    await expectH1(page, t(FA, 'notfound.title'));
    await expectDocumentLanguage(page, 'fa', 'rtl');
    await page.getByRole('main').getByText(t(FA, 'notfound.body'), { exact: true }).waitFor();
    const home = page.getByRole('main').getByRole('link', { name: t(FA, 'notfound.home'), exact: true });
    assert.equal(await home.getAttribute('href'), '/');
    await checkA11y(page, 'Persian not-found page (unknown path)');

    await page.goto('/news/99999999');
    await expectH1(page, t(FA, 'notfound.title'));
    await checkA11y(page, 'Persian not-found page (unknown article)');
    assertNoConsoleErrors(page);
  });
});

// No beforeEach/afterEach here: node:test would run them around each subtest
// (see failures.test.mjs). `scenario` resets the stub and closes the pages.
describe('Persian error view on the stub site', () => {
  const CODE = SOURCE;
  const ARTICLE_PATH = `/api/articles/${CODE}`;
  const UNTIL_CLEARED = 1000;

  it('fault "500" on the article: the Persian alert, axe, and «تلاش دوباره» brings the article', async (t_) => {
    await resetStub();
    try {
      await setFault('500', UNTIL_CLEARED, { method: 'GET', path: ARTICLE_PATH });
      const page = await openPage(STUB_SITE, undefined, FA_IR);
      allowConsole(page, /status of 500\b/);
      await page.goto(`/news/${CODE}`);
      const title = t(FA, 'error.title');
      const alert = page.getByRole('alert', { name: title, exact: true });
      const retry = alert.getByRole('button', { name: t(FA, 'error.retry'), exact: true });

      await t_.test('the alert «بارگذاری ممکن نشد» has a Persian heading and a «تلاش دوباره» button, in an rtl document', async () => {
        await alert.waitFor();
        await alert.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
        await retry.waitFor();
        await expectDocumentLanguage(page, 'fa', 'rtl');
        await waitForStubRequests((l) => getsOf(l, ARTICLE_PATH).length >= 1, `GET ${ARTICLE_PATH}`);
      });

      await t_.test('the message is fa.json error.server with the status in Persian digits', async () => {
        const message = alert.getByRole('paragraph').first();
        await message.waitFor();
        const shown = (await message.textContent()).trim();
        assert.equal(shown, t(FA, 'error.server', { status: faDigits(500) }));
        assert.doesNotMatch(shown, ASCII_DIGIT, 'no ASCII digits in the Persian message');
      });

      await t_.test('the Persian error view passes axe', async () => {
        await checkA11y(page, 'Persian error view (fault 500)');
      });

      await t_.test('with the fault cleared, «تلاش دوباره» shows the article in Persian', async () => {
        await setFault('none');
        await resetStubRequests();
        await retry.click();
        const a = demoArticle(CODE);
        await expectH1(page, a.title);
        // The native backend counts this view, so the figure may be one more than content.json's.
        const views = new RegExp(`^${FA['article.views'].other.replace('{n}', `[${PERSIAN_DIGITS}]+`)}$`);
        await metaLine(page).getByText(views).waitFor();
        await theArticle(page).getByRole('paragraph').filter({ hasText: exactly(`${t(FA, 'article.code')} ${faDigits(CODE)}`) }).waitFor();
        await alert.waitFor({ state: 'detached' });
        await waitForStubRequests(
          (l) => getsOf(l, ARTICLE_PATH).some((r) => r.status === 200),
          `a retried GET ${ARTICLE_PATH} answered 200`,
        );
      });

      await t_.test('no console errors beyond the failed request', () => {
        assertNoConsoleErrors(page);
      });
    } finally {
      await closePages();
      await resetStub();
    }
  });
});

describe('stylesheet', () => {
  const CSS_FILE = new URL('../../style/main.css', import.meta.url);

  /** The stylesheet with comments blanked out (line numbers kept): prose may say "right-to-left". */
  function cssCode() {
    return readFileSync(CSS_FILE, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  }

  it('style/main.css uses no physical direction words (left/right): the layout mirrors through logical properties', () => {
    const lines = cssCode().split('\n');
    const found = [];
    lines.forEach((line, i) => {
      if (/\b(left|right)\b/i.test(line)) found.push(`  ${i + 1}: ${line.trim()}`);
    });
    assert.deepEqual(found, [], `physical left/right in style/main.css:\n${found.join('\n')}`);
  });

  it('style/main.css has no margin-left/padding-right-like properties, nor shorthands that differ between the two sides', () => {
    const code = cssCode();
    const found = [];
    const lineOf = (index) => code.slice(0, index).split('\n').length;
    for (const m of code.matchAll(/(?<![\w-])((?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)[\w-]*|border-(?:top|bottom)-(?:left|right)-radius|left|right)\s*:/gi)) {
      found.push(`  ${lineOf(m.index)}: physical property ${m[1]}`);
    }
    // margin: a b c d sets left to d and right to b: the sides differ unless b = d.
    const FOUR_SIDED = /(?<![\w-])(margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)\s*:\s*([^;}]+)/gi;
    for (const m of code.matchAll(FOUR_SIDED)) {
      const v = m[2].replace(/!important/i, '').trim().split(/\s+/);
      if (v.length === 4 && v[1] !== v[3]) found.push(`  ${lineOf(m.index)}: ${m[1]}: ${m[2].trim()} (right ${v[1]}, left ${v[3]})`);
    }
    // border-radius with more than one value rounds left and right corners differently.
    for (const m of code.matchAll(/(?<![\w-])border-radius\s*:\s*([^;}]+)/gi)) {
      const v = new Set(m[1].replace(/!important/i, '').replace('/', ' ').trim().split(/\s+/));
      if (v.size > 1) found.push(`  ${lineOf(m.index)}: border-radius: ${m[1].trim()}`);
    }
    assert.deepEqual(found, [], `physical (non-mirroring) declarations in style/main.css:\n${found.join('\n')}`);
  });
});
