//! The installable, offline reader (docs/offline.md), in Chromium, on the stub
//! site (:18081) and a copy of it that the test redeploys (:18103):
//!
//! - installable: the manifest's fields (name from config.json, icons of 192
//!   and 512 px that load, start_url and scope "./"), a service worker that
//!   controls the page, and the CSP allowing it;
//! - offline (the browser's offline mode): an article opened before and
//!   reloaded shows with "You are offline — saved on …"; an article never
//!   opened says it was not saved, and its retry works once back online; a
//!   listing opened before shows; the comment form says it is offline and
//!   keeps what was typed; axe on each offline state;
//! - back online: the notice goes and the page shows the backend's fresh data;
//! - a new deployment (a new sw.js and shell): the open page offers "A new
//!   version is ready", and its Reload runs the new version.
//!
//! Words from src/i18n/en.json; the article from the stub's content.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  OFFLINE_UPDATE,
  STUB_SITE,
  allowConsole,
  checkA11y,
  closeBrowser,
  launchBrowser,
  putStubArticle,
  resetStub,
} from '../lib/browser.mjs';
import { closePages, demoArticle, openPage } from '../lib/app.mjs';

const T = {
  savedOn: /^You are offline — saved on .+\.$/,
  notSaved: 'You are offline, and this was not saved for reading offline. Try again once you are back online.',
  retry: 'Try again',
  update: 'A new version is ready.',
  reload: 'Reload',
  formOffline:
    'You are offline, so your comment was not sent. What you wrote is kept; send it again when you are ready.',
  send: 'Send comment',
};

const OPENED = demoArticle(50866);
const NEVER = demoArticle(50844);
const main = (page) => page.getByRole('main');
const status = (page) => page.locator('.offline-status');

/** Waits until the service worker controls `page`. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 10_000 });
}

/** Opens the home, waits for the worker, then the article by its card's link (a client-side step). */
async function readHomeThenArticle(site) {
  const page = await openPage(site, '/');
  // Offline, the requests nothing kept fail in the console: that is the point.
  allowConsole(page, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to load resource/);
  await main(page).getByRole('heading', { level: 1 }).waitFor();
  await controlled(page);
  await main(page).getByRole('link', { name: OPENED.title, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: OPENED.title, exact: true }).waitFor();
  return page;
}

/** Waits (bounded) until the worker has kept an answer whose address contains `part`. */
async function kept(page, part) {
  await page.waitForFunction(
    async (p) => {
      const cache = await caches.open('newsfront-reading');
      return (await cache.keys()).some((r) => r.url.includes(p));
    },
    part,
    { timeout: 10_000, polling: 100 },
  );
}

before(async () => {
  await launchBrowser();
  await resetStub();
});
after(closeBrowser);
afterEach(async () => {
  await closePages();
  await resetStub();
});

describe('installable', () => {
  it('a manifest with the site name, icons that load, start_url and scope "./"; a controlling worker; the CSP allows it', async () => {
    const page = await openPage(STUB_SITE, '/');
    await main(page).getByRole('heading', { level: 1 }).waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
    assert.equal(manifest.name, 'Newsfront Stub');
    assert.ok([...manifest.short_name].length <= 12, manifest.short_name);
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
      assert.ok(icon, `a ${size} px PNG icon`);
      const dims = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, icon.src);
      assert.deepEqual(dims, [size, size], `${icon.src} is ${size} px square`);
    }
    await controlled(page);
    const script = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    assert.equal(script, `${STUB_SITE}/sw.js`);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /(^|;\s*)worker-src 'self'(;|$)/, csp);
  });
});

describe('offline', () => {
  it('an article opened before shows offline with when it was saved; passes axe', async () => {
    const page = await readHomeThenArticle(STUB_SITE);
    await kept(page, `/api/articles/${OPENED.code}`);
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: OPENED.title, exact: true }).waitFor();
    await status(page).getByText(T.savedOn).waitFor();
    assert.equal(await status(page).getAttribute('role'), 'status');
    await checkA11y(page, 'offline article');
  });

  it('an article never opened says it was not saved; back online it loads by itself', async () => {
    const page = await readHomeThenArticle(STUB_SITE);
    await kept(page, `/api/articles/${OPENED.code}`);
    await page.context().setOffline(true);
    await page.goto(`/news/${NEVER.code}`);
    const alert = main(page).getByRole('alert');
    await alert.getByText(T.notSaved, { exact: true }).waitFor();
    await checkA11y(page, 'offline, not saved');
    await alert.getByRole('button', { name: T.retry, exact: true }).waitFor();
    await page.context().setOffline(false);
    // Back online the page asks again by itself (no click): the `online` event.
    await page.getByRole('heading', { level: 1, name: NEVER.title, exact: true }).waitFor();
  });

  it('a listing opened before shows offline; back online the notice goes and fresh data shows', async () => {
    const page = await readHomeThenArticle(STUB_SITE);
    await kept(page, '/api/articles?page=1');
    await page.context().setOffline(true);
    await page.goto('/');
    await main(page).getByRole('heading', { level: 2, name: OPENED.title, exact: true }).first().waitFor();
    await status(page).getByText(T.savedOn).waitFor();
    await checkA11y(page, 'offline listing');
    // Meanwhile the backend changed a headline.
    const changed = `${OPENED.title} (updated)`;
    await putStubArticle({ ...OPENED, title: changed });
    await page.context().setOffline(false);
    await main(page).getByRole('heading', { level: 2, name: changed, exact: true }).first().waitFor();
    await status(page).getByText(T.savedOn).waitFor({ state: 'detached' });
  });

  it('the comment form says it is offline and keeps what was typed', async () => {
    const page = await readHomeThenArticle(STUB_SITE);
    const form = page.getByRole('form', { name: 'Leave a comment', exact: true });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Offline Reader');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Written on a train.');
    await form.getByRole('textbox', { name: 'Enter the text inside the security image', exact: true }).fill('ABCDE');
    await page.context().setOffline(true);
    await form.getByRole('button', { name: T.send, exact: true }).click();
    await form.getByRole('status').getByText(T.formOffline, { exact: true }).waitFor();
    assert.equal(await form.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), 'Written on a train.');
    assert.equal(await form.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Offline Reader');
    await checkA11y(page, 'offline comment form');
  });
});

describe('a new deployment', () => {
  const dir = join(process.env.E2E_RUN_DIR ?? 'e2e/.run', 'site-offline-update');
  const write = (file, text) => {
    writeFileSync(join(dir, file), text);
    // nginx would serve a stale precompressed copy in its place.
    for (const ext of ['.br', '.gz']) if (existsSync(join(dir, file + ext))) rmSync(join(dir, file + ext));
  };

  it('the open page offers "A new version is ready", and Reload runs the new version', async () => {
    const page = await openPage(OFFLINE_UPDATE, '/');
    await main(page).getByRole('heading', { level: 1 }).waitFor();
    await controlled(page);
    // Deploy: a new shell (marked) and a worker of a new version naming it.
    const shell = readFileSync(join(dir, 'shell.html'), 'utf8');
    const marked = shell.replace(/<meta charset=[^>]*>/i, (m) => `${m}<meta name="newsfront-e2e-deploy" content="2">`);
    assert.notEqual(marked, shell, 'the shell has a charset to mark after');
    write('shell.html', marked);
    write('index.html', marked);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    write('sw.js', sw.replace(/const VERSION = "[0-9a-f]+";/, 'const VERSION = "e2e0000000000002";'));
    // The browser looks for a new worker when a page loads.
    await page.reload();
    await main(page).getByRole('heading', { level: 1 }).waitFor();
    const offer = status(page);
    await offer.getByText(T.update).waitFor();
    await checkA11y(page, 'update offered');
    await page.evaluate(() => {
      window.__e2eBeforeUpdate = true;
    });
    await offer.getByRole('button', { name: T.reload, exact: true }).click();
    // The page reloads under the new worker.
    await page.waitForFunction(() => window.__e2eBeforeUpdate === undefined, null, { timeout: 10_000 });
    await page.locator('meta[name="newsfront-e2e-deploy"]').waitFor({ state: 'attached' });
    await main(page).getByRole('heading', { level: 1 }).waitFor();
    await controlled(page);
    assert.equal(await offer.getByText(T.update).count(), 0, 'nothing more to offer');
    const version = await page.evaluate(async () => {
      const names = await caches.keys();
      return names.filter((n) => n.startsWith('newsfront-shell-'));
    });
    assert.deepEqual(version, ['newsfront-shell-e2e0000000000002'], 'only the new version is kept');
  });
});
