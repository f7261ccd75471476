//! The fault-injection suite: every way the backend can fail on the stub
//! site while an article loads (the article and the group menu fail
//! together, as they do when the backend is down), each shown as one message
//! in the reader's words with one working "Try again" that brings back both
//! (500/502/503 and 401/403 with a JSON error body, with an HTML page and
//! with nothing; HTML instead of JSON, garbage, 1 MiB of garbage, truncated,
//! empty and mistyped JSON; no answer, a body that never ends, a reset
//! connection, a redirect loop, missing CORS headers; 429 with Retry-After);
//! a redirect chain that is followed; 404 and 410 with and without JSON; a
//! listing's failures; one outage on the home and group pages and in
//! Persian; a backend that refuses connections until one appears; and
//! config.json that is not JSON, that never arrives, that the web server
//! fails or that cannot be downloaded. The comment form's side of the matrix
//! (send failures, a slow CAPTCHA) is in comments.test.mjs.
//!
//! Each case is one test with steps as subtests, so a failing step (say, an
//! axe violation on the error view) is reported by name while the later steps
//! (the retry) still run and report on their own. No beforeEach/afterEach
//! hooks here: node:test runs them around every subtest too, which would
//! reset the stub and close the page between steps. `scenario` does the
//! set-up and clean-up once per case instead.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  BROKEN,
  REFUSED,
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
import { closePages, demoArticle, demoContent, exactly, getsOf, newestFirst, openPage, waitForStubRequests } from '../lib/app.mjs';

const CODE = '50844';
const ARTICLE_PATH = `/api/articles/${CODE}`;
const TITLE = demoArticle(CODE).title;
const UNTIL_CLEARED = 1000; // fault uses: every request to the path fails until "none"
const REFUSED_PORT = 18099;
const STUB_PORT = 18090;

const DECODE = 'The news server sent data this site cannot read.';
const NETWORK = 'The news server could not be reached. Check your connection, then try again.';
const CASES = [
  { fault: '500', message: 'The news server ran into a problem (error 500).', console: /status of 500\b/ },
  { fault: '502-html', message: 'The news server ran into a problem (error 502).', console: /status of 502\b/ },
  { fault: 'html', message: 'The news server answered with a web page instead of news data.' },
  { fault: 'garbage', message: DECODE },
  { fault: 'truncated', message: DECODE },
  { fault: 'types', message: DECODE },
  // backend.timeout_ms is 2500 on the stub site: the reader is told whole seconds.
  { fault: 'slow', message: 'The news server did not answer within 3 seconds.' },
  // Not the stub's default of 5, so the number must come from Retry-After.
  {
    fault: '429',
    extra: { retry_after: 7 },
    message: 'The news server is busy. Please wait 7 seconds, then try again.',
    console: /status of 429\b/,
  },
  // A 429 from a proxy: an HTML page and no Retry-After, so no number to give.
  {
    fault: 'status-html',
    extra: { status: 429 },
    label: '429 with HTML, no Retry-After',
    message: 'The news server is busy. Please wait a moment, then try again.',
    console: /status of 429\b/,
  },
  // A body that starts and never finishes: the same deadline covers the body.
  { fault: 'endless', message: 'The news server did not answer within 3 seconds.' },
  { fault: 'big-garbage', message: DECODE },
  { fault: 'empty', message: DECODE },
  { fault: 'reset', message: NETWORK, console: /net::ERR_/ },
  { fault: 'redirect-loop', message: NETWORK, console: /net::ERR_TOO_MANY_REDIRECTS/ },
  { fault: 'no-cors', message: NETWORK, console: /CORS|net::ERR_FAILED/ },
  // Error statuses, each with the contract's JSON error body and without one
  // (a proxy's HTML page, or nothing at all).
  ...[401, 403, 500, 502, 503].flatMap((status) => {
    const message =
      status >= 500
        ? `The news server ran into a problem (error ${status}).`
        : `The news server refused this request (error ${status}).`;
    const console = new RegExp(`status of ${status}\\b`);
    return [
      { fault: 'error', extra: { status, code: 'injected' }, label: `${status} with JSON`, message, console },
      { fault: 'status-html', extra: { status }, label: `${status} with HTML`, message, console },
      { fault: 'status-empty', extra: { status }, label: `${status} empty`, message, console },
    ];
  }),
];

const errorAlert = (page) => page.getByRole('alert', { name: 'This could not be loaded', exact: true });
const NAV_FAILED = 'The news groups could not be loaded.';
const GROUPS_PATH = '/api/groups';

/** The group menu, once its request has ended (shown, failed, or kept quiet). */
async function menuSettled(page, name = 'News groups') {
  const nav = page.getByRole('navigation', { name, exact: true });
  await nav.and(page.locator('[aria-busy="false"]')).waitFor();
  return nav;
}

/**
 * One outage, one message: once the page's error and the menu have both
 * settled, the page has exactly one alert and one retry button, and the
 * menu's own failure is not shown beside them.
 */
async function assertOneMessage(page, { retry = 'Try again', navFailed = NAV_FAILED, menu } = {}) {
  await menuSettled(page, menu);
  assert.equal(await page.getByRole('alert').count(), 1, 'one alert on the page');
  assert.equal(await page.getByRole('button', { name: retry, exact: true }).count(), 1, 'one retry button');
  assert.equal(await page.getByText(navFailed).count(), 0, 'the menu does not add its own failure');
}

/** After recovery: the menu lists the groups and no error is left anywhere. */
async function assertRecovered(page, { navFailed = NAV_FAILED, menu } = {}) {
  const nav = await menuSettled(page, menu);
  await nav.getByRole('link').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no alert left');
  assert.equal(await page.getByText(navFailed).count(), 0, 'no menu failure left');
}

/** Waits for the error view with `message`; returns the alert locator. */
async function expectErrorView(page, message) {
  const alert = errorAlert(page);
  await alert.waitFor();
  await alert.getByRole('heading', { level: 1, name: 'This could not be loaded', exact: true }).waitFor();
  await alert.getByRole('paragraph').filter({ hasText: exactly(message) }).waitFor();
  await alert.getByRole('button', { name: 'Try again', exact: true }).waitFor();
  return alert;
}

/**
 * Waits for article 50844 in place of the error view, showing the count the
 * stub answers to the view the page counts on arrival: 73 + 1 (the stub is
 * reset for each case, and the failed load counted nothing).
 */
async function expectArticle(page) {
  await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
  await page.getByRole('main').getByRole('article').getByText('74 views', { exact: true }).waitFor();
  await errorAlert(page).waitFor({ state: 'detached' });
}

/**
 * A stand-in backend on 127.0.0.1:18099 that forwards every request (OPTIONS
 * preflights included) to the stub and copies back status, headers and body.
 */
async function startForwarder() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = http.request(
      { host: '127.0.0.1', port: STUB_PORT, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode, up.statusMessage, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (res.headersSent) {
        res.destroy(e);
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(`forwarder: ${e.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(REFUSED_PORT, '127.0.0.1', resolve);
  });
  return {
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

before(launchBrowser);
after(closeBrowser);

/** One case: a reset stub before, every page it opened closed after. */
function scenario(name, fn) {
  it(name, async (t) => {
    await resetStub();
    try {
      await fn(t);
    } finally {
      await closePages();
    }
  });
}

describe('failures on the stub site: the article request', () => {
  for (const c of CASES) {
    scenario(`fault "${c.label ?? c.fault}" shows "${c.message}", and Try again refetches`, async (t) => {
      // Every GET: the article and the group menu fail together.
      await setFault(c.fault, UNTIL_CLEARED, { method: 'GET', ...c.extra });
      const page = await openPage(STUB_SITE);
      if (c.console) allowConsole(page, c.console);
      await page.goto(`/news/${CODE}`);

      await t.test('the alert "This could not be loaded" shows the exact message and a Try again button', async () => {
        await expectErrorView(page, c.message);
        await waitForStubRequests((l) => getsOf(l, GROUPS_PATH).length >= 1, `GET ${GROUPS_PATH}`);
        await assertOneMessage(page);
        const log = await waitForStubRequests(
          (l) => getsOf(l, ARTICLE_PATH).length >= 1,
          `GET ${ARTICLE_PATH}`,
        );
        // A redirect loop's hops are logged under the same path; they are not new requests.
        const gets = getsOf(log, ARTICLE_PATH).filter((r) => !String(r.fault).startsWith('redirect hop'));
        // Chromium resends once, by itself, a request whose reused connection was reset.
        if (c.fault === 'reset') assert.ok(gets.length >= 1 && gets.length <= 2, `${gets.length} requests`);
        else assert.equal(gets.length, 1, 'the article was requested once');
        assert.equal(gets[0].fault, c.fault, 'the request met the armed fault');
      });

      await t.test('the error view passes axe', async () => {
        await checkA11y(page, `error view (fault ${c.label ?? c.fault})`);
      });

      await t.test('with the fault cleared, the one Try again brings back the article and the menu', async () => {
        await setFault('none');
        await resetStubRequests();
        await errorAlert(page).getByRole('button', { name: 'Try again', exact: true }).click();
        await expectArticle(page);
        await assertRecovered(page);
        const log = await waitForStubRequests(
          (l) =>
            getsOf(l, ARTICLE_PATH).some((r) => r.status === 200) &&
            getsOf(l, GROUPS_PATH).some((r) => r.status === 200),
          `retried GETs of ${ARTICLE_PATH} and ${GROUPS_PATH} answered 200`,
        );
        const gets = getsOf(log, ARTICLE_PATH);
        assert.equal(gets.length, 1, 'one retry request');
        assert.equal(gets[0].fault, null, 'the retry was not faulted');
        assert.equal(getsOf(log, GROUPS_PATH).length, 1, 'the menu asked again, once');
      });

      await t.test('no console errors beyond the failed request', () => {
        assertNoConsoleErrors(page);
      });
    });
  }
});

describe('failures on the stub site: redirects', () => {
  scenario('a chain of three redirects is followed to the article, with no error', async () => {
    await setFault('redirect', 1, { method: 'GET', path: ARTICLE_PATH, hops: 3 });
    const page = await openPage(STUB_SITE);
    await page.goto(`/news/${CODE}`);
    await expectArticle(page);
    const log = await waitForStubRequests(
      (l) => getsOf(l, ARTICLE_PATH).some((r) => r.status === 200),
      `GET ${ARTICLE_PATH} answered at the end of the chain`,
    );
    assert.deepEqual(
      getsOf(log, ARTICLE_PATH).map((r) => [r.fault, r.status]),
      [['redirect', 302], ['redirect hop 1', 302], ['redirect hop 2', 302], ['redirect hop 3', 200]],
    );
    assertNoConsoleErrors(page);
  });
});

describe('failures on the stub site: gone and missing', () => {
  // 404 and 410 mean the article is not there: the not-found page (with the
  // site's navigation and latest articles) rather than an error; once the
  // article is back, loading the address again shows it.
  for (const status of [404, 410]) {
    for (const [label, fault, extra] of [
      ['with JSON', 'error', { status, code: 'not_found' }],
      ['with HTML', 'status-html', { status }],
    ]) {
      scenario(`${status} ${label}: the not-found page names the news code; a reload shows the article once it is back`, async () => {
        await setFault(fault, UNTIL_CLEARED, { method: 'GET', path: ARTICLE_PATH, ...extra });
        const page = await openPage(STUB_SITE);
        allowConsole(page, new RegExp(`status of ${status}\\b`));
        await page.goto(`/news/${CODE}`);
        await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
        await page.getByText(`There is no article with news code ${CODE}.`, { exact: true }).waitFor();
        await page.getByRole('link', { name: 'Go to the latest news', exact: true }).waitFor();
        await checkA11y(page, `not-found page (${status} ${label})`);
        await setFault('none');
        await page.reload();
        await expectArticle(page);
        assertNoConsoleErrors(page);
      });
    }
  }
});

describe('failures on the stub site: a listing', () => {
  const GROUP = 'stub-wire';
  for (const [label, fault, extra, message] of [
    ['503 with HTML', 'status-html', { status: 503 }, 'The news server ran into a problem (error 503).'],
    ['1 MiB of garbage', 'big-garbage', {}, DECODE],
    ['a body that never ends', 'endless', {}, 'The news server did not answer within 3 seconds.'],
  ]) {
    scenario(`the group page meets ${label}: "${message}", and Try again lists the group`, async () => {
      await setFault(fault, UNTIL_CLEARED, { method: 'GET', path: '/api/articles', match: `group=${GROUP}`, ...extra });
      const page = await openPage(STUB_SITE);
      if (extra.status) allowConsole(page, new RegExp(`status of ${extra.status}\\b`));
      await page.goto(`/group/${GROUP}`);
      const alert = await expectErrorView(page, message);
      await setFault('none');
      await alert.getByRole('button', { name: 'Try again', exact: true }).click();
      await page
        .getByRole('list', { name: 'Articles', exact: true })
        .getByRole('heading', { level: 2, name: 'Served by the stub backend', exact: true })
        .waitFor();
      await errorAlert(page).waitFor({ state: 'detached' });
      assertNoConsoleErrors(page);
    });
  }
});

describe('one outage, one message: the home and group pages, and in Persian', () => {
  const FA = JSON.parse(readFileSync(new URL('../../src/i18n/fa.json', import.meta.url), 'utf8'));
  const PAGES = [
    {
      label: 'the home page',
      path: '/',
      ready: (page) => page.getByRole('list', { name: 'Articles', exact: true }).getByRole('listitem').first(),
    },
    {
      // The group page's own data is the group list the menu shows too.
      label: 'a group page',
      path: '/group/stub-wire',
      ready: (page) =>
        page
          .getByRole('list', { name: 'Articles', exact: true })
          .getByRole('heading', { level: 2, name: 'Served by the stub backend', exact: true }),
    },
  ];
  for (const p of PAGES) {
    scenario(`${p.label}: backend down shows one error; its Try again brings back the page and the menu`, async () => {
      await setFault('500', UNTIL_CLEARED, { method: 'GET' });
      const page = await openPage(STUB_SITE);
      allowConsole(page, /status of 500\b/);
      await page.goto(p.path);
      await expectErrorView(page, 'The news server ran into a problem (error 500).');
      await assertOneMessage(page);
      await setFault('none');
      await errorAlert(page).getByRole('button', { name: 'Try again', exact: true }).click();
      await p.ready(page).waitFor();
      await assertRecovered(page);
      assertNoConsoleErrors(page);
    });
  }

  scenario('in Persian: one error in Persian words, one «تلاش دوباره», and everything back after it', async () => {
    await setFault('500', UNTIL_CLEARED, { method: 'GET' });
    const page = await openPage(STUB_SITE, undefined, { locale: 'fa-IR' });
    allowConsole(page, /status of 500\b/);
    await page.goto(`/news/${CODE}`);
    const words = { retry: FA['error.retry'], navFailed: FA['nav.failed'], menu: FA['nav.label'] };
    const alert = page.getByRole('alert', { name: FA['error.title'], exact: true });
    await alert.getByText(FA['error.server'].replace('{status}', '۵۰۰'), { exact: true }).waitFor();
    await assertOneMessage(page, words);
    await setFault('none');
    await alert.getByRole('button', { name: FA['error.retry'], exact: true }).click();
    await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    await assertRecovered(page, words);
    assertNoConsoleErrors(page);
  });
});

describe('failures: a backend that refuses connections', () => {
  scenario('says the server could not be reached; Try again works once a backend listens', async (t) => {
    const page = await openPage(REFUSED);
    allowConsole(page, /net::ERR_CONNECTION_REFUSED/);
    await page.goto(`/news/${CODE}`);

    await t.test('the alert shows the network message and a Try again button', async () => {
      await expectErrorView(
        page,
        'The news server could not be reached. Check your connection, then try again.',
      );
    });

    await t.test('the error view passes axe', async () => {
      await checkA11y(page, 'error view (connection refused)');
    });

    await t.test('with a backend on the port, Try again shows the article', async () => {
      const forwarder = await startForwarder();
      try {
        await errorAlert(page).getByRole('button', { name: 'Try again', exact: true }).click();
        await expectArticle(page);
        assert.ok(
          forwarder.seen.includes(`GET ${ARTICLE_PATH}`),
          `the retry went to the backend: ${JSON.stringify(forwarder.seen)}`,
        );
        await waitForStubRequests(
          (l) => getsOf(l, ARTICLE_PATH).some((r) => r.status === 200),
          `GET ${ARTICLE_PATH} (forwarded) answered 200`,
        );
      } finally {
        await forwarder.close();
      }
    });

    await t.test('no console errors beyond the refused connections', () => {
      assertNoConsoleErrors(page);
    });
  });
});

describe('failures: config.json that is not JSON', () => {
  scenario('says config.json could not be used, lists the JSON problem, and shows the demo', async (t) => {
    const page = await openPage(BROKEN, '/');
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'config.json could not be used, so the built-in demo content is shown.' });

    await t.test('the status notice names the problem', async () => {
      await notice.waitFor();
      await notice
        .getByText('config.json could not be used, so the built-in demo content is shown.', { exact: true })
        .waitFor();
      const problems = notice.getByRole('list').getByRole('listitem');
      assert.equal(await problems.count(), 1, 'one problem listed');
      assert.match(
        (await problems.first().textContent()).trim(),
        /^It is not valid JSON: EOF while parsing an object at line \d+ column \d+\.$/,
      );
    });

    await t.test('the demo home still renders under the default site name', async () => {
      await page.getByRole('heading', { level: 1, name: 'Latest news', exact: true }).waitFor();
      const newest = newestFirst(demoContent().articles)[0];
      await page
        .getByRole('list', { name: 'Articles', exact: true })
        .getByRole('heading', { level: 2, name: newest.title, exact: true })
        .waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Newsfront', exact: true }).waitFor();
    });

    await t.test('the page with the notice passes axe', async () => {
      await checkA11y(page, 'broken-config home');
    });

    await t.test('no console errors', () => {
      assertNoConsoleErrors(page);
    });
  });
});

describe('failures: config.json that does not arrive', () => {
  // The web server that holds the bundle cannot be made to hang or fail one
  // file on demand; the browser's request interception stands in for it.
  const SETTINGS = 'The site’s settings (config.json)';
  const CASES = [
    {
      label: 'never answers',
      message: `${SETTINGS} did not arrive within 10 seconds.`,
      // Held until the app gives up: its 10 s deadline runs on the page's
      // clock, which the test moves forward instead of waiting.
      arm: async (page) => {
        await page.clock.install();
        await page.route('**/config.json', () => {});
      },
      // The request seen first may be the page's preload, before the app
      // has armed its timer: move the clock on until the app gives up
      // (bounded: 20 jumps of 11 s).
      after: async (page) => {
        const alert = errorAlert(page);
        for (let i = 0; i < 20 && !(await alert.isVisible()); i += 1) {
          await page.clock.fastForward(11_000);
          await alert.waitFor({ timeout: 500 }).catch(() => {});
        }
      },
    },
    {
      label: 'is answered with 503',
      message: 'The web server could not send the site’s settings (config.json, error 503).',
      console: /status of 503\b/,
      arm: (page) =>
        page.route('**/config.json', (route) =>
          route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }),
        ),
    },
    {
      label: 'cannot be downloaded',
      message: `${SETTINGS} could not be downloaded. Check your connection, then try again.`,
      console: /net::ERR_CONNECTION_REFUSED/,
      arm: (page) => page.route('**/config.json', (route) => route.abort('connectionrefused')),
    },
  ];
  for (const c of CASES) {
    scenario(`config.json ${c.label}: "${c.message}", no demo content, and Try again starts the site`, async () => {
      const page = await openPage(STUB_SITE);
      if (c.console) allowConsole(page, c.console);
      await c.arm(page);
      const asked = page.waitForRequest('**/config.json');
      await page.goto(`/news/${CODE}`);
      await asked;
      if (c.after) await c.after(page);
      const alert = await expectErrorView(page, c.message);
      // A deployed site never shows the demo in place of its own backend.
      assert.equal(await page.getByRole('banner').count(), 0, 'no site header without settings');
      await checkA11y(page, `config.json ${c.label}`);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await alert.getByRole('button', { name: 'Try again', exact: true }).click();
      await expectArticle(page);
      await page.getByRole('banner').getByRole('link', { name: 'Newsfront Stub', exact: true }).waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, 'no alert left');
      assertNoConsoleErrors(page);
    });
  }
});
