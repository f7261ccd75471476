//! A cold first visit sends the page's own requests as soon as config.json is
//! read, before the site (header, routes, footer) is built: on a slow phone
//! building the site is the longest piece of work, and the answers travel
//! meanwhile. The page then joins those requests instead of making its own,
//! so each is made once. Checked on the stub site for an article, the home
//! page and a group (whose listing waits for the groups, so that an unknown
//! group asks for no articles), and on the demo site for its one content
//! download.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  DEMO,
  STUB_SITE,
  assertNoConsoleErrors,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  stubRequests,
} from '../lib/browser.mjs';
import { closePages, getsOf, openPage } from '../lib/app.mjs';

/**
 * Records every fetch() the app makes, with whether the site header was in
 * the document at that moment. Runs before any of the page's scripts.
 */
function recordFetches() {
  window.__fetches = [];
  const original = window.fetch;
  window.fetch = function recordedFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof Request ? input.url : String(input);
    window.__fetches.push({ url, siteBuilt: document.querySelector('header.site-header') !== null });
    return original.call(this, input, init);
  };
}

/** The recorded fetches whose URL path is `path` (query ignored). */
function fetchesOf(fetches, path) {
  return fetches.filter((f) => new URL(f.url, 'http://x/').pathname === path);
}

const firstCard = (page) => page.getByRole('list', { name: 'Articles', exact: true }).getByRole('listitem').first();

// `early`: the page's own request leaves before the site is built (a group's
// listing waits for the groups instead).
const PAGES = [
  { path: '/news/50844', request: '/api/articles/50844', early: true, ready: (page) => page.getByRole('heading', { level: 1 }) },
  { path: '/?page=2', request: '/api/articles', early: true, ready: firstCard },
  { path: '/group/news', request: '/api/articles', early: false, ready: firstCard },
];

before(launchBrowser);
after(closeBrowser);

describe('first requests leave before the site is built', () => {
  beforeEach(async () => {
    await resetStub();
    await resetStubRequests();
  });
  afterEach(closePages);

  for (const p of PAGES) {
    it(`${p.path}: the page's data and the groups are asked for early, and once`, async () => {
      const page = await openPage(STUB_SITE);
      await page.addInitScript(recordFetches);
      await page.goto(p.path);
      await p.ready(page).waitFor();
      const fetches = await page.evaluate(() => window.__fetches);

      // The home page's group highlights (3 a group) come later, on purpose.
      const own = (list) => list.filter((f) => !new URL(f.url, 'http://x/').search.includes('per_page=3'));
      assert.equal(fetchesOf(fetches, '/config.json').length, 1, `config.json fetched once: ${JSON.stringify(fetches)}`);
      for (const [path, early] of [['/api/groups', true], [p.request, p.early]]) {
        const sent = own(fetchesOf(fetches, path));
        // The page joined the early request: one fetch, not two.
        assert.equal(sent.length, 1, `${path} fetched once: ${JSON.stringify(fetches)}`);
        if (early) assert.equal(sent[0].siteBuilt, false, `${path} left before the site header existed: ${JSON.stringify(fetches)}`);
      }
      if (p.path === '/?page=2') assert.ok(own(fetchesOf(fetches, p.request))[0].url.includes('page=2'), 'the page asked for is the one fetched');
      const log = await stubRequests();
      assert.equal(getsOf(log, '/api/groups').length, 1, 'the backend saw the groups asked for once');
      assert.equal(getsOf(log, p.request).filter((r) => r.query.per_page !== '3').length, 1, `the backend saw ${p.request} once`);
      assertNoConsoleErrors(page);
    });
  }

  it('an unknown group asks for the groups and no articles', async () => {
    const page = await openPage(STUB_SITE);
    await page.addInitScript(recordFetches);
    await page.goto('/group/no-such-group');
    await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    const fetches = await page.evaluate(() => window.__fetches);
    assert.equal(fetchesOf(fetches, '/api/groups').length, 1, `groups fetched once: ${JSON.stringify(fetches)}`);
    // The not-found page's own "latest articles" (5 of them) is all there is.
    const listings = fetchesOf(fetches, '/api/articles').filter((f) => !f.url.includes('per_page=5'));
    assert.deepEqual(listings, [], 'no listing asked for an unknown group');
    assertNoConsoleErrors(page);
  });

  it('demo site: the content download leaves before the site is built, once', async () => {
    const page = await openPage(DEMO);
    await page.addInitScript(recordFetches);
    await page.goto('/news/50844');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const fetches = await page.evaluate(() => window.__fetches);
    const content = fetches.filter((f) => f.url.includes('demo/content.json'));
    assert.equal(content.length, 1, `one content download: ${JSON.stringify(fetches)}`);
    assert.equal(content[0].siteBuilt, false, `it left before the site header existed: ${JSON.stringify(fetches)}`);
    assertNoConsoleErrors(page);
  });
});
