//! A cold first visit sends the page's own requests as soon as config.json is
//! read, before the site (header, routes, footer) is built: on a slow phone
//! building the site is the longest piece of work, and the answers travel
//! meanwhile. The page then joins those requests instead of making its own,
//! so each is made once. Checked on the stub site for an article, the home
//! page and a group (whose listing waits for the groups, so that an unknown
//! group asks for no articles), and on the demo site for its one content
//! download.
//!
//! A repeat visit goes further: index.html's loader sends the GETs the app
//! sent the last time the address was opened while the document is still
//! being parsed, before the wasm has even downloaded, and the app takes them
//! over (src/api/early.rs).

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  DEMO,
  STUB_SITE,
  allowConsole,
  assertNoConsoleErrors,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  setFault,
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
    window.__fetches.push({
      url,
      siteBuilt: document.querySelector('header.site-header') !== null,
      // 'loading': sent by an inline script while the document is parsed,
      // before any module (the app) can run.
      readyState: document.readyState,
    });
    return original.call(this, input, init);
  };
}

/** Records when each <img> first enters the document, by its address. */
function recordImages() {
  window.__images = {};
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        for (const img of [node, ...node.querySelectorAll('img')]) {
          if (img.tagName === 'IMG' && img.src) window.__images[img.src] ??= performance.now();
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
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

describe('a repeat visit sends the last visit\'s requests before the wasm', () => {
  // An article with an image at the top: the page's largest paint.
  const ARTICLE = '/news/50870';
  const heading = (page) => page.getByRole('heading', { level: 1 });
  /** Waits until the app has remembered what `path` asked for. */
  const learned = (page, path) =>
    page.waitForFunction((p) => {
      const plans = JSON.parse(localStorage.getItem('newsfront.early') || '[]');
      return plans.some(([address, sent]) => address === p && sent.length > 0);
    }, path);

  beforeEach(async () => {
    await resetStub();
    await resetStubRequests();
  });
  afterEach(closePages);

  it('the article and the groups leave while the document is parsed, and are fetched once', async () => {
    const page = await openPage(STUB_SITE);
    await page.addInitScript(recordFetches);
    await page.goto(ARTICLE);
    const title = await heading(page).textContent();
    await learned(page, ARTICLE);
    const first = await page.evaluate(() => window.__fetches);
    assert.ok(
      fetchesOf(first, '/api/articles/50870').every((f) => f.readyState !== 'loading'),
      `a first visit has nothing to send early: ${JSON.stringify(first)}`,
    );

    await resetStubRequests();
    await page.addInitScript(recordImages);
    await page.reload();
    await heading(page).filter({ hasText: title }).waitFor();
    const fetches = await page.evaluate(() => window.__fetches);
    for (const path of ['/api/groups', '/api/articles/50870']) {
      const sent = fetchesOf(fetches, path);
      assert.equal(sent.length, 1, `${path} fetched once (the app took the early request over): ${JSON.stringify(fetches)}`);
      assert.equal(sent[0].readyState, 'loading', `${path} left while the document was parsed: ${JSON.stringify(fetches)}`);
    }
    const log = await stubRequests();
    assert.equal(getsOf(log, '/api/articles/50870').length, 1, 'the backend saw the article asked for once');
    assert.equal(getsOf(log, '/api/groups').length, 1, 'the backend saw the groups asked for once');
    // The article's image, in the window last time, was preloaded by the
    // loader: its download began before the app put the <img> in the page.
    const image = await page.getByRole('article').getByRole('img').first().evaluate(async (img) => {
      await img.decode();
      return {
        src: img.currentSrc,
        preloads: [...document.querySelectorAll('link[rel=preload][as=image]')].map((l) => l.href),
        fetchedAt: Math.min(...performance.getEntriesByName(img.currentSrc).map((e) => e.startTime)),
        insertedAt: window.__images[img.currentSrc],
      };
    });
    assert.deepEqual(image.preloads, [image.src], `the image in view is preloaded: ${JSON.stringify(image)}`);
    assert.ok(image.fetchedAt < image.insertedAt, `the image was on its way before its <img> existed: ${JSON.stringify(image)}`);
    assertNoConsoleErrors(page);
  });

  it('a stale plan costs one unused request and is replaced', async () => {
    const page = await openPage(STUB_SITE);
    await page.goto(ARTICLE);
    await learned(page, ARTICLE);
    // What a plan from before a redeployment looks like: a request this
    // version never makes.
    await page.evaluate((address) => {
      const stale = `${location.origin}/api/articles/50870?from=an-older-version`;
      const h = JSON.stringify([['Accept', 'application/json']]);
      localStorage.setItem('newsfront.early', JSON.stringify([[address, [{ u: stale, h }]]]));
    }, ARTICLE);
    await page.addInitScript(recordFetches);
    await page.reload();
    await heading(page).waitFor();
    await learned(page, ARTICLE);
    const plans = await page.evaluate(() => JSON.parse(localStorage.getItem('newsfront.early')));
    const urls = plans.find(([a]) => a === ARTICLE)[1].map((r) => new URL(r.u).pathname + new URL(r.u).search);
    assert.ok(urls.includes('/api/articles/50870'), `the plan now names the article as asked: ${JSON.stringify(urls)}`);
    assert.ok(!urls.some((u) => u.includes('older-version')), `the stale request is forgotten: ${JSON.stringify(urls)}`);
    const fetches = await page.evaluate(() => window.__fetches);
    assert.equal(fetchesOf(fetches, '/api/articles/50870').filter((f) => f.readyState !== 'loading').length, 1, 'the app asked for its own article');
    assertNoConsoleErrors(page);
  });

  it('an early request that fails is the page\'s failure, with a working retry', async () => {
    const page = await openPage(STUB_SITE);
    allowConsole(page, /status of 500\b/);
    await page.goto(ARTICLE);
    const title = await heading(page).textContent();
    await learned(page, ARTICLE);
    await page.addInitScript(recordFetches);
    await setFault('500', 1000000, { method: 'GET', path: '/api/articles/50870' });
    await page.reload();
    const alert = page.getByRole('alert');
    await alert.getByText('The news server ran into a problem (error 500).', { exact: true }).waitFor();
    const fetches = await page.evaluate(() => window.__fetches);
    const sent = fetchesOf(fetches, '/api/articles/50870');
    assert.deepEqual(sent.map((f) => f.readyState), ['loading'], `the failed answer was the early request's: ${JSON.stringify(fetches)}`);
    await setFault('none');
    await alert.getByRole('button', { name: 'Try again', exact: true }).click();
    await heading(page).filter({ hasText: title }).waitFor();
    assertNoConsoleErrors(page);
  });
});
