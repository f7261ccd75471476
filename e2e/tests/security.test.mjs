// The bundle as deployed: a strict Content-Security-Policy in index.html for
// the configured backend, security headers from the nginx example, pages that
// run under them without a single violation, and the precompressed copies and
// cache lifetimes spa.conf serves.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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
    // The bundle's stylesheet, and the same text inlined by a prerendered page (pinned by its hash).
    assert.equal(csp['style-src'].length, 2, csp['style-src'].join(' '));
    assert.equal(csp['style-src'][0], "'self'");
    const css = /href=\/?(main-[0-9a-f]+\.css)/.exec(await (await fetch(`${DEMO}/`)).text())?.[1];
    const text = await (await fetch(`${DEMO}/${css}`)).text();
    assert.equal(csp['style-src'][1], `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
    assert.deepEqual(csp['connect-src'], ["'self'"], 'the demo talks to no one');
    const stubHtml = await (await fetch(`${STUB_SITE}/`)).text();
    const stub = cspOf(stubHtml);
    assert.deepEqual(stub['connect-src'], ["'self'", new URL(STUB_API).origin]);
  });

  it("a page preconnects to its backend's origin (anonymous, as the app's fetches are), and a demo page to nothing", async () => {
    const preconnects = (html) => [...html.matchAll(/<link rel="preconnect"[^>]*>/g)].map((m) => m[0]);
    const stub = preconnects(await (await fetch(`${STUB_SITE}/news/50844`)).text());
    assert.deepEqual(stub, [`<link rel="preconnect" href="${new URL(STUB_API).origin}" crossorigin data-newsfront-preconnect>`]);
    assert.deepEqual(preconnects(await (await fetch(`${DEMO}/news/50844`)).text()), [], 'the demo backend is the bundle itself');
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

  /** GET with a given Accept-Encoding, the body as sent (node's fetch would decode it). */
  function rawGet(url, encoding) {
    return new Promise((resolve, reject) => {
      http
        .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
  }

  it('nginx serves the build\'s brotli and gzip copies, each the same bytes as the file, with the right cache lifetimes', async () => {
    const html = (await rawGet(`${DEMO}/news/50844`, 'identity')).body.toString();
    const asset = (re) => {
      const m = re.exec(html);
      assert.ok(m, `index.html links ${re}`);
      return `/${m[1]}`;
    };
    const files = {
      '/news/50844': 'no-cache',
      [asset(/href=\/?([\w-]+_bg\.wasm)/)]: 'public, max-age=31536000, immutable',
      [asset(/href=\/?(newsfront-[\w]+\.js)/)]: 'public, max-age=31536000, immutable',
      [asset(/href=\/?(main-[\w]+\.css)/)]: 'public, max-age=31536000, immutable',
      '/demo/content.json': 'no-cache',
    };
    for (const [path, cache] of Object.entries(files)) {
      const plain = await rawGet(`${DEMO}${path}`, 'identity');
      assert.equal(plain.status, 200, path);
      assert.equal(plain.headers['content-encoding'], undefined, `${path} identity`);
      assert.equal(plain.headers['cache-control'], cache, `${path} Cache-Control`);
      const br = await rawGet(`${DEMO}${path}`, 'br, gzip');
      assert.equal(br.headers['content-encoding'], 'br', `${path} in brotli`);
      assert.ok(br.body.length < plain.body.length, `${path}: brotli is smaller`);
      assert.ok(brotliDecompressSync(br.body).equals(plain.body), `${path}: the brotli copy is the file`);
      const gz = await rawGet(`${DEMO}${path}`, 'gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip', `${path} in gzip`);
      assert.ok(gunzipSync(gz.body).equals(plain.body), `${path}: the gzip copy is the file`);
    }
    // config.json is edited in place by deployers: never a stale precompressed copy.
    const config = await rawGet(`${DEMO}/config.json`, 'br, gzip');
    assert.equal(config.headers['cache-control'], 'no-cache');
    assert.notEqual(config.headers['content-encoding'], 'br');
    const text = config.headers['content-encoding'] === 'gzip' ? gunzipSync(config.body) : config.body;
    assert.equal(JSON.parse(text.toString()).site.name, 'Newsfront Demo', 'the config.json this site was given');
  });
});

