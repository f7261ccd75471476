// Writes docs/size-bounds.md from three optimised wasm files (bench/bounds/run
// passes them): the framework floor, the article view alone, the whole app.
// The bytes a first article view spends on everything but the wasm come from
// the last bench/run (bench/results.json), to say how much wasm the 150 KB
// first-view target leaves.
import { readFileSync } from 'node:fs';
import { brotli } from '../../scripts/precompress.mjs';

const [floorPath, articlePath, fullPath] = process.argv.slice(2);
const size = (path) => {
  const raw = readFileSync(path);
  return { raw: raw.length, br: brotli(raw).length };
};
const floor = size(floorPath);
const article = size(articlePath);
const full = size(fullPath);
const budget = JSON.parse(readFileSync(new URL('../../budget.json', import.meta.url), 'utf8'));
const results = JSON.parse(readFileSync(new URL('../results.json', import.meta.url), 'utf8'));
const rest = results.bytes.rows.filter((r) => r.kind !== 'wasm').reduce((s, r) => s + r.brotli, 0);
const target = budget.first_view_target_bytes;
const left = target - rest;

const n = (v) => v.toLocaleString('en-US');
const pct = (v) => `${Math.round((100 * v) / full.br)} %`;
const ratio = (v) => (v / left).toFixed(2);

console.log(`# Size bounds of the release wasm

Written by \`bench/bounds/run\` on ${new Date().toISOString().slice(0, 10)}; rerun it to refresh (about 8 minutes
the first time, on 2 cores). Every build uses the project's Cargo.lock, release profile and rustflags, and
wasm-bindgen then \`wasm-opt -Oz --converge\` as Trunk runs them; sizes are brotli at quality 11, as served.

| build | raw bytes | brotli bytes | share of the whole app | times the wasm the target leaves |
|---|---:|---:|---:|---:|
| framework floor (\`bench/bounds/floor\`) | ${n(floor.raw)} | ${n(floor.br)} | ${pct(floor.br)} | ${ratio(floor.br)} |
| article view alone (\`bench/bounds/article-only.mjs\`) | ${n(article.raw)} | ${n(article.br)} | ${pct(article.br)} | ${ratio(article.br)} |
| whole app | ${n(full.raw)} | ${n(full.br)} | 100 % | ${ratio(full.br)} |

- **Framework floor**: a Leptos csr app with leptos_router and leptos_meta, two routes, a title, a route
  parameter and a counter; none of the project's code.
- **Article view alone**: the project's sources cut to what an article view needs if the wasm were split
  perfectly by route and feature: the article page and the site around it on the native backend, without the
  comment section (which would load after the article), the listing and search pages, and the demo and
  WordPress backends (a deployment uses one). It keeps what an article view can need (both translation
  catalogues, the not-found page, the config checks): an estimate of the least wasm an article view would
  download with this code, split by route and feature.
- **What the target leaves**: a first article view may spend ${n(target)} bytes in all (issue #9); the last
  \`bench/run\` measured ${n(rest)} bytes of HTML, JS, CSS, JSON and icon besides the wasm, which leaves
  ${n(left)} bytes for the wasm.

## What it means

A perfect split would take an article view's wasm from ${n(full.br)} to about ${n(article.br)} bytes
(${Math.round((100 * (full.br - article.br)) / full.br)} % less), still ${ratio(article.br)} times what the target
leaves, and Trunk cannot split a wasm in the first place. The framework floor alone takes ${ratio(floor.br)} of that
room, leaving ${n(left - floor.br)} bytes for the article page, the backend client, decoding, translations, dates and
the sanitiser. These bounds are about bytes. On the mobile preset's 1.6 Mbit/s the article-only wasm alone
takes about ${(article.br * 8 / 1.6e6).toFixed(1)} s to download, against the 1.5 s LCP target for the whole page
(HTML, round trips, compiling and running the wasm, the article's JSON), so the LCP target is very likely out of
reach too; the benchmark's main-thread trace (performance.md) shows where the blocking time goes. A first view
within the byte target needs the article as HTML before any wasm, which a client-side-rendered static bundle
cannot send.`);
