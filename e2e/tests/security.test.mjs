// The bundle as deployed: a strict Content-Security-Policy in index.html for
// the configured backend, security headers from the nginx example, and pages
// that run under them without a single violation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, STUB_API, STUB_SITE, assertNoConsoleErrors, closeBrowser, launchBrowser } from '../lib/browser.mjs';
import { closePages, openPage } from '../lib/app.mjs';

function cspOf(html) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(m, 'index.html carries a CSP meta tag');
  return Object.fromEntries(
    m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
}

describe('security of the deployed bundle', () => {
  before(launchBrowser);
  after(async () => {
    await closePages();
    await closeBrowser();
  });

  it('index.html has a strict CSP: no unsafe-inline or unsafe-eval, connect and images limited', async () => {
    const csp = cspOf(await (await fetch(`${DEMO}/news/50844`)).text());
    assert.deepEqual(csp['default-src'], ["'none'"]);
    assert.ok(csp['script-src'].includes("'self'"));
    assert.ok(csp['script-src'].includes("'wasm-unsafe-eval'"));
    assert.ok(csp['script-src'].some((s) => s.startsWith("'sha256-")), 'the loader is pinned by hash');
    for (const list of Object.values(csp)) {
      assert.ok(!list.includes("'unsafe-inline'") && !list.includes("'unsafe-eval'"), JSON.stringify(csp));
    }
    assert.deepEqual(csp['style-src'], ["'self'"]);
    assert.deepEqual(csp['connect-src'], ["'self'"], 'the demo talks to no one');
    const stub = cspOf(await (await fetch(`${STUB_SITE}/`)).text());
    assert.deepEqual(stub['connect-src'], ["'self'", new URL(STUB_API).origin]);
  });

  it('nginx sends the security headers on pages and on hashed assets', async () => {
    const page = await fetch(`${DEMO}/group/news`);
    const html = await page.text();
    const wasm = /href=\/?([\w-]+_bg\.wasm)/.exec(html)?.[1];
    assert.ok(wasm, 'the page links its wasm');
    for (const res of [page, await fetch(`${DEMO}/${wasm}`), await fetch(`${DEMO}/config.json`)]) {
      const h = res.headers;
      assert.match(h.get('content-security-policy') ?? '', /frame-ancestors 'none'/, res.url);
      assert.equal(h.get('x-content-type-options'), 'nosniff', res.url);
      assert.equal(h.get('referrer-policy'), 'strict-origin-when-cross-origin', res.url);
      assert.match(h.get('permissions-policy') ?? '', /camera=\(\)/, res.url);
    }
  });

  it('every page type runs under the policy with no violation', async () => {
    const page = await openPage(DEMO);
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    for (const path of ['/', '/news/50855', '/news/50866', '/group/news?page=2', '/search?q=satellite', '/no/such/page']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.locator('main').first().waitFor();
    }
    // The comment form's CAPTCHA is a data: image drawn in the browser.
    await page.goto('/news/50855');
    await page.getByRole('img', { name: 'Security image with distorted characters' }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assertNoConsoleErrors(page);
  });
});
