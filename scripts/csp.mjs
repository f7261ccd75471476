#!/usr/bin/env node
// Writes a strict Content-Security-Policy into a built bundle's index.html
// (as a <meta http-equiv>), for the backend its config.json names, and a
// preconnect to that backend's origin. Run it on
// the deployed folder after `trunk build --release`, and again whenever
// config.json points at another backend:
//
//   node scripts/csp.mjs dist [https://media.example.org ...]
//
// Extra origins after the folder are allowed for images too (a CDN serving
// the backend's media).
//
// Scripts: only the bundle's own files plus Trunk's inline loader (and a
// prerendered page's deferred one), pinned by hash; no 'unsafe-inline', no
// 'unsafe-eval' ('wasm-unsafe-eval' lets WebAssembly compile). Styles: the
// bundle's stylesheet, as a file or inlined whole in a prerendered page
// (pinned by its hash). connect-src and
// img-src: the bundle's origin and the configured backend (and CAPTCHA)
// origins; img-src also allows data: for CAPTCHA images. frame-ancestors
// cannot be set from a meta tag: the server sends it (deploy/nginx).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeOffline } from './offline.mjs';
import { precompress } from './precompress.mjs';
import { prerenderedHashes, sha256 } from './page-parts.mjs';

const dist = process.argv[2] || 'dist';
// Every page of the bundle gets the same policy: shell.html (the fallback),
// index.html and the pages scripts/prerender.mjs wrote (<path>/index.html),
// all made from the same shell, so either order of the two commands gives
// the same result.
const pages = htmlPages(dist);
const shellPath = existsSync(join(dist, 'shell.html')) ? join(dist, 'shell.html') : join(dist, 'index.html');
const html = readFileSync(shellPath, 'utf8');

/** index.html and shell.html at the root, and every index.html below it. */
function htmlPages(dir, top = true) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...htmlPages(path, false));
    else if (entry.name === 'index.html' || (top && entry.name === 'shell.html')) out.push(path);
  }
  return out;
}

// Inline scripts that run: Trunk's module loader and index.html's guard for
// prerendered pages. Data blocks (JSON-LD, a page's carried answers) are not scripts.
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
  const attrs = m[1];
  if (/type=["']?application\/(ld\+)?json/.test(attrs)) continue;
  hashes.push(sha256(m[2]));
}
// A prerendered page's deferred loader and inline stylesheet
// (scripts/page-parts.mjs), computed from the shell: pinned whether the
// pages exist yet or not, so either order of this and prerender.mjs agrees.
const prerendered = prerenderedHashes(html, dist);
hashes.push(...prerendered.scripts);

const origins = new Set();
let config = {};
try {
  config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));
} catch {
  // No or broken config.json: the app runs its demo, which needs no backend.
}
for (const url of [config?.backend?.base_url, config?.backend?.captcha_url]) {
  if (typeof url !== 'string') continue;
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') origins.add(u.origin);
  } catch {
    // A relative URL is on the bundle's own origin: 'self' covers it.
  }
}
const backends = [...origins].join(' ');
const media = process.argv.slice(3).map((o) => new URL(o).origin).join(' ');
const policy = [
  "default-src 'none'",
  `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`,
  `style-src 'self' ${prerendered.styles.join(' ')}`,
  `img-src 'self' data: ${backends} ${media}`,
  `connect-src 'self' ${backends}`,
  `media-src 'self' ${backends}`,
  "font-src 'self'",
  "manifest-src 'self'",
  // The service worker (sw.js, scripts/offline.mjs), and no other worker.
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].map((d) => d.trim().replace(/\s+/g, ' ')).join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
// The backend's origin is known here, so the browser may open its connection
// while the page and the app load, instead of when the first request leaves
// (a CORS fetch without credentials: `crossorigin`, the anonymous pool).
const preconnect = [...origins].map((o) => `<link rel="preconnect" href="${o}" crossorigin data-newsfront-preconnect>`).join('');
for (const path of pages) {
  let page = readFileSync(path, 'utf8');
  page = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  page = page.replace(/<link rel="preconnect"[^>]*data-newsfront-preconnect>/g, '');
  // First in <head>, before anything the policy governs.
  page = page.replace(/(<meta charset=[^>]*>)/i, `$1${meta}${preconnect}`);
  writeFileSync(path, page);
}
// The manifest names the site as config.json does now, and the service
// worker's version follows the rewritten shell.
writeOffline(dist);
// The precompressed copies must match what was just written (config.json
// gets none, and loses any a copy of an old bundle brought along).
precompress(dist, [
  ...pages.map((p) => relative(dist, p)),
  'manifest.webmanifest',
  'sw.js',
  ...(existsSync(join(dist, 'config.json')) ? ['config.json'] : []),
]);
console.log(policy);
