//! The first-view byte budget (budget.json), measured in a real browser: the
//! release bundle with the config.json it ships with (the demo backend),
//! served by nginx with deploy/nginx/spa.conf as scripts/e2e.sh deploys it,
//! loaded cold (a new browser context: empty cache) at an article's address
//! until the article's own headline is on screen and the network is quiet.
//! Every response is counted at its size on the wire: CDP's
//! Network.loadingFinished `encodedDataLength`, the bytes the browser
//! received for the request, response headers included, after transfer
//! encoding (so a brotli body counts as brotli). nginx's access log is the
//! independent witness that no request was left out: it must list exactly
//! the requests counted, with the same body sizes.
//!
//! A first visit also installs the offline reader's service worker
//! (docs/offline.md): sw.js, and the shell files it precaches. Those the
//! page has loaded come from the HTTP cache; what goes over the network
//! (sw.js, shell.html) is counted too, from nginx's log (body bytes) and the
//! same answer's headers as nginx sends them. nginx must have sent nothing
//! else, and never the wasm twice.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoConsoleErrors, closeBrowser, launchBrowser, newPage } from '../lib/browser.mjs';
import { WAIT_MS, demoArticle } from '../lib/app.mjs';

/** The bundle with its own config.json (scripts/e2e.sh, site "shipped"). */
const SHIPPED = 'http://127.0.0.1:18086';
const CODE = '50844';
const BUDGET = JSON.parse(readFileSync(new URL('../../budget.json', import.meta.url), 'utf8'));
/** How long the network must be quiet, after the headline shows, before counting stops. */
const QUIET_MS = 1_000;

/** What a response is, for the report: by its path, then by CDP's resource type. */
function kindOf(path, type) {
  if (path === '/config.json') return 'config.json';
  if (path === '/demo/content.json') return 'demo content';
  if (/_bg\.wasm$/.test(path)) return 'wasm';
  if (/\.js$/.test(path)) return 'JS';
  if (/\.css$/.test(path)) return 'CSS';
  if (/\.svg$/.test(path) && type !== 'Image') return 'icon';
  if (type === 'Document') return 'HTML';
  if (type === 'Image') return 'image';
  return `other (${type})`;
}

/**
 * Loads `path` in a fresh context and records every request the page makes
 * over the network until `ready` resolves and no request has started or been
 * open for QUIET_MS. Returns the requests, each with its wire bytes.
 */
async function coldLoad(path, ready, userAgent) {
  const page = await newPage(SHIPPED, { userAgent });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map(); // requestId -> record
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    lastActivity = Date.now();
    // A redirect reuses the requestId: the hop before it finished with its response.
    const prior = requests.get(e.requestId);
    if (prior && e.redirectResponse) {
      requests.set(`${e.requestId}#${requests.size}`, {
        ...prior,
        status: e.redirectResponse.status,
        wire: e.redirectResponse.encodedDataLength,
        done: true,
      });
    }
    requests.set(e.requestId, { url: e.request.url, method: e.request.method, type: e.type, done: false });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.headerBytes = e.response.encodedDataLength;
    r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity';
    r.fromCache = Boolean(e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, wire: e.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', (e) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, failed: e.errorText, wire: 0 });
  });

  await page.goto(path);
  await ready(page).waitFor({ timeout: WAIT_MS });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const open = [...requests.values()].filter((r) => !r.done);
    if (open.length === 0 && Date.now() - lastActivity >= QUIET_MS) break;
    if (Date.now() > deadline) {
      throw new Error(`the network never went quiet; still open: ${open.map((r) => r.url).join(', ')}`);
    }
    await page.waitForTimeout(50); // polling the condition above, not a fixed wait
  }
  assertNoConsoleErrors(page);
  // The offline reader's worker installs after the view: wait until it has
  // (its precache done, it controls the page), so nginx's log holds its
  // requests too.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: WAIT_MS });
  await page.close();
  return [...requests.values()];
}

/**
 * The requests nginx logged (combined format) for `userAgent`, and the
 * browser's own fetch of the service worker's script for `page` (it goes
 * with the browser's default user agent): path, status, body bytes, referrer.
 */
function nginxLog(userAgent, page) {
  const run = process.env.E2E_RUN_DIR;
  assert.ok(run, 'E2E_RUN_DIR unset: run this through scripts/e2e.sh');
  const line = /^\S+ \S+ \S+ \[[^\]]+\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+) "([^"]*)" "([^"]*)"$/;
  return readFileSync(join(run, 'access.log'), 'utf8')
    .split('\n')
    .map((l) => l.match(line))
    .filter((m) => m && (m[6] === userAgent || (m[2] === '/sw.js' && m[5] === page)))
    .map((m) => ({ method: m[1], path: m[2], status: Number(m[3]), body: Number(m[4]), referrer: m[5] }));
}

/** The bytes of the status line and headers nginx sends for `path`, as a browser asks for it. */
function headerBytes(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${SHIPPED}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      res.resume();
      res.on('end', () => resolve(Buffer.byteLength(`${lines.join('\r\n')}\r\n\r\n`)));
    });
    req.on('error', reject);
  });
}

const fmt = (n) => n.toLocaleString('en-US');

before(launchBrowser);
after(closeBrowser);

describe('first-view byte budget', () => {
  it(`a cold /news/${CODE} with the shipped config stays within first_view_wire_max_bytes`, async () => {
    const headline = demoArticle(CODE).title;
    // A user agent of its own, to find this load's lines in nginx's access log.
    const userAgent = `Mozilla/5.0 (X11; Linux x86_64) newsfront-budget/${randomUUID()}`;
    const all = await coldLoad(
      `/news/${CODE}`,
      (page) => page.getByRole('heading', { level: 1, name: headline, exact: true }),
      userAgent,
    );

    // data: and blob: URLs never reach the network.
    const requests = all
      .filter((r) => /^https?:/.test(r.url))
      .map((r) => {
        const path = new URL(r.url).pathname;
        return { ...r, path, kind: kindOf(path, r.type) };
      });
    const rows = requests.map(
      (r) =>
        `  ${r.kind.padEnd(13)} ${String(r.status ?? '-').padEnd(4)} ${r.encoding?.padEnd(8) ?? '-'.padEnd(8)} ${fmt(r.wire).padStart(9)} B  ${r.method} ${r.path}` +
        `${r.fromCache ? ' (from cache)' : ''}${r.failed ? ` FAILED: ${r.failed}` : ''}`,
    );
    const total = requests.reduce((s, r) => s + r.wire, 0);
    const byKind = {};
    for (const r of requests) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.wire;
    const max = BUDGET.first_view_wire_max_bytes;
    const target = BUDGET.first_view_target_bytes;
    console.log(
      [
        `first view of /news/${CODE} (shipped config, cold cache): ${requests.length} requests, bytes on the wire (headers included):`,
        ...rows,
        `  by kind: ${Object.entries(byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ')}`,
        `  total ${fmt(total)} B (ceiling ${fmt(max)} B; target ${fmt(target)} B, ${total <= target ? 'met' : `${fmt(total - target)} B over`})`,
      ].join('\n'),
    );

    // Every request the view needs was made, answered and counted.
    const failed = requests.filter((r) => r.failed || r.status !== 200 || r.fromCache);
    assert.deepEqual(failed, [], 'every request is a 200 from the network');
    for (const kind of ['HTML', 'config.json', 'demo content', 'wasm', 'JS', 'CSS', 'icon']) {
      const of = requests.filter((r) => r.kind === kind);
      assert.equal(of.length, 1, `one ${kind} request counted, got ${of.length}:\n${rows.join('\n')}`);
      assert.ok(of[0].wire > of[0].headerBytes, `${kind}: its body counted, not only its headers`);
    }
    for (const kind of ['wasm', 'JS', 'CSS', 'demo content']) {
      const r = requests.find((x) => x.kind === kind);
      assert.equal(r.encoding, 'br', `${kind} served as precompressed brotli (spa.conf's brotli_static)`);
    }

    // nginx saw exactly the requests counted, and sent the bodies counted;
    // besides them only the worker's own: its script, and the shell files
    // it precaches that the page had not loaded.
    const logged = nginxLog(userAgent, `${SHIPPED}/news/${CODE}`);
    const key = (r) => `${r.method} ${r.path}`;
    const byWorker = (l) => l.path === '/sw.js' || l.referrer === `${SHIPPED}/sw.js`;
    const pageLogged = logged.filter((l) => !byWorker(l));
    const workerLogged = logged.filter(byWorker);
    assert.deepEqual(
      pageLogged.map(key).sort(),
      requests.map(key).sort(),
      'the requests counted are the requests nginx answered for the page',
    );
    for (const l of pageLogged) {
      const r = requests.find((x) => key(x) === key(l));
      assert.equal(r.wire - r.headerBytes, l.body, `${key(l)}: body bytes counted = bytes nginx sent`);
    }
    assert.deepEqual(
      workerLogged.map(key).sort(),
      ['GET /shell.html', 'GET /sw.js'],
      'the worker fetched only its script and the shell page (the rest came from the HTTP cache)',
    );
    let workerTotal = 0;
    for (const l of workerLogged) {
      const wire = l.body + (await headerBytes(l.path));
      workerTotal += wire;
      console.log(`  worker        ${l.status}  (nginx)  ${fmt(wire).padStart(9)} B  ${key(l)}`);
    }
    const visit = total + workerTotal;
    console.log(`  with the worker's install: ${fmt(visit)} B (ceiling ${fmt(max)} B)`);

    assert.ok(
      visit <= max,
      `the first visit is ${fmt(visit)} B on the wire, over its ceiling of ${fmt(max)} B (budget.json first_view_wire_max_bytes)`,
    );
  });
});
