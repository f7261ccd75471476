//! A cold first visit sends the page's own requests as soon as config.json is
//! read, before the site (header, routes, footer) is built: on a slow phone
//! building the site is the longest piece of work, and the answers travel
//! meanwhile. The page then joins those requests instead of making its own,
//! so each is made once. Checked on the stub site for an article, a group
//! and the home page, and on the demo site for its one content download.

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

const PAGES = [
  {
    path: '/news/50844',
    request: '/api/articles/50844',
    ready: (page) => page.getByRole('heading', { level: 1 }),
  },
  {
    path: '/group/news',
    request: '/api/articles',
    ready: (page) => page.getByRole('list', { name: 'Articles', exact: true }).getByRole('listitem').first(),
  },
  {
    path: '/',
    request: '/api/articles',
    ready: (page) => page.getByRole('list', { name: 'Articles', exact: true }).getByRole('listitem').first(),
  },
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

      const config = fetchesOf(fetches, '/config.json');
      assert.equal(config.length, 1, `config.json fetched once: ${JSON.stringify(fetches)}`);
      for (const path of [p.request, '/api/groups']) {
        const sent = fetchesOf(fetches, path);
        assert.ok(sent.length >= 1, `${path} was fetched: ${JSON.stringify(fetches)}`);
        assert.equal(sent[0].siteBuilt, false, `${path} left before the site header existed: ${JSON.stringify(fetches)}`);
      }
      // The page joined the early requests: the backend saw each once.
      const log = await stubRequests();
      assert.equal(getsOf(log, '/api/groups').length, 1, 'groups asked for once');
      const own = getsOf(log, p.request).filter((r) => p.request !== '/api/articles' || r.query.per_page !== '3');
      assert.equal(own.length, 1, `${p.request} asked for once: ${JSON.stringify(own)}`);
      assertNoConsoleErrors(page);
    });
  }

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
