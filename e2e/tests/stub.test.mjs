//! The native backend against the stub server with its normal data: what the
//! pages show really comes over HTTP (the stub adds content the embedded demo
//! does not have: group "stub-wire", articles 9000x with numeric codes).

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  STUB_SITE,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
} from '../lib/browser.mjs';
import { closePages, demoArticle, exactly, getsOf, openPage, waitForStubRequests } from '../lib/app.mjs';

const STUB_TITLE = 'Served by the stub backend';

/** The article (comments below it are <article>s too): the one with the h1. */
const theArticle = (page) =>
  page.getByRole('main').getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });

/** The answer to the page's view POST for `code`; call before navigating. */
const viewPost = (page, code) =>
  page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/articles/${code}/views`);

async function expectH1(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), text);
}

describe('stub site (native backend, normal data)', () => {
  before(launchBrowser);
  after(closeBrowser);
  beforeEach(resetStub);
  afterEach(closePages);

  it('home lists "Served by the stub backend", fetched from the stub', async () => {
    const page = await openPage(STUB_SITE, '/');
    await page.getByRole('heading', { level: 1, name: 'Latest news', exact: true }).waitFor();
    const list = page.getByRole('list', { name: 'Articles', exact: true });
    const link = list.getByRole('heading', { level: 2 }).getByRole('link', { name: STUB_TITLE, exact: true });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), '/news/90001');
    await waitForStubRequests(
      (log) => getsOf(log, '/api/articles').some((r) => r.query.page === '1' && r.status === 200),
      'GET /api/articles?page=1 answered 200',
    );
    await checkA11y(page, 'stub home');
    assertNoConsoleErrors(page);
  });

  it('article 90001 (numeric code and views) counts its view and shows the stub\'s new count "1,235 views", its body and its group', async () => {
    const page = await openPage(STUB_SITE);
    const counted = viewPost(page, '90001');
    await page.goto('/news/90001');
    await expectH1(page, STUB_TITLE);
    const article = theArticle(page);
    // The page counts one view on arrival (POST .../views) and shows the count it answers.
    assert.deepEqual(await (await counted).json(), { views: 1235 }, 'the stub counts 1,234 + 1');
    await article.getByText('1,235 views', { exact: true }).waitFor();
    await article
      .getByRole('paragraph')
      .filter({ hasText: /^If you can read this paragraph, the app fetched it over HTTP from the stub backend/ })
      .waitFor();
    await article.getByRole('paragraph').filter({ hasText: exactly('News code 90001') }).waitFor();
    const group = page
      .getByRole('list', { name: 'News groups', exact: true })
      .getByRole('link', { name: 'Wire Service', exact: true });
    assert.equal(await group.getAttribute('href'), '/group/stub-wire');
    await checkA11y(page, 'stub article 90001');
    assertNoConsoleErrors(page);
  });

  it('group page /group/stub-wire is named "Wire Service" and lists its three articles', async () => {
    const page = await openPage(STUB_SITE, '/group/stub-wire');
    await expectH1(page, 'Wire Service');
    const list = page.getByRole('list', { name: 'Articles', exact: true });
    await list.getByRole('heading', { level: 2, name: STUB_TITLE, exact: true }).waitFor();
    assert.deepEqual(
      (await list.getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim()),
      [STUB_TITLE, 'A second wire story', 'A third wire story, views not counted'],
    );
    await waitForStubRequests(
      (log) => getsOf(log, '/api/articles').some((r) => r.query.group === 'stub-wire' && r.status === 200),
      'GET /api/articles?group=stub-wire answered 200',
    );
    await checkA11y(page, 'stub group stub-wire');
    assertNoConsoleErrors(page);
  });

  it('article 50844 (demo content served by the stub) shows through the native backend', async () => {
    const a = demoArticle('50844');
    const page = await openPage(STUB_SITE);
    const counted = viewPost(page, '50844');
    await page.goto('/news/50844');
    await expectH1(page, a.title);
    const article = theArticle(page);
    assert.deepEqual(await (await counted).json(), { views: a.views + 1 }, 'the stub counts 73 + 1');
    await article.getByText('74 views', { exact: true }).waitFor();
    await article.getByRole('paragraph').filter({ hasText: exactly('News code 50844') }).waitFor();
    assert.equal(
      await page.getByRole('list', { name: 'News groups', exact: true }).getByRole('listitem').count(),
      8,
      'its 8 groups',
    );
    await waitForStubRequests(
      (log) => getsOf(log, '/api/articles/50844').some((r) => r.status === 200),
      'GET /api/articles/50844 answered 200',
    );
    await checkA11y(page, 'stub article 50844');
    assertNoConsoleErrors(page);
  });
});
