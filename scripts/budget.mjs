#!/usr/bin/env node
// The size budget, checked by the test command after `trunk build --release`:
//
//   node scripts/budget.mjs [dist]
//
// 1. The wasm may not grow more than `wasm_growth_max_percent` over
//    `wasm_brotli_baseline` (brotli bytes). A change that needs more raises
//    the baseline in budget.json on purpose, with the measurement in the
//    commit message.
// 2. A first article view (index.html, the JS glue, the wasm, the CSS,
//    config.json, and the first JSON: the group list and the article itself)
//    may not exceed `first_view_brotli_max_bytes`. `first_view_target_bytes`
//    is where the project wants to be; the report says how far off it is.
//
// Sizes are brotli at quality 11, as scripts/precompress.mjs writes them and
// nginx serves them. The real bytes over the wire (headers included) are
// measured by bench/run; this check needs no server.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotli } from './precompress.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.argv[2] || join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'budget.json'), 'utf8'));

const br = (buf) => brotli(buf).length;
const names = readdirSync(dist);
const one = (re, what) => {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dist}, found ${JSON.stringify(found)}`);
  return found[0];
};

// The first JSON of /news/50844 (a native backend answers the contract's
// shapes; the demo content holds the same records).
const content = JSON.parse(readFileSync(join(root, 'src/api/demo/content.json'), 'utf8'));
const article = content.articles.find((a) => String(a.code) === '50844');
const groups = { items: content.groups.map(({ slug, name }) => ({ slug, name })) };

const parts = [
  ['index.html', readFileSync(join(dist, 'index.html'))],
  ['JS glue', readFileSync(join(dist, one(/^newsfront-[0-9a-f]+\.js$/, 'JS glue')))],
  ['wasm', readFileSync(join(dist, one(/_bg\.wasm$/, 'wasm')))],
  ['CSS', readFileSync(join(dist, one(/\.css$/, 'stylesheet')))],
  ['config.json', readFileSync(join(dist, 'config.json'))],
  ['groups JSON', Buffer.from(JSON.stringify(groups))],
  ['article JSON', Buffer.from(JSON.stringify(article))],
].map(([what, buf]) => ({ what, raw: buf.length, br: br(buf) }));

const fmt = (n) => n.toLocaleString('en-US');
for (const p of parts) console.log(`${p.what.padEnd(13)} ${fmt(p.raw).padStart(10)} B raw ${fmt(p.br).padStart(9)} B brotli`);
const total = parts.reduce((s, p) => s + p.br, 0);
const wasm = parts.find((p) => p.what === 'wasm').br;

const failures = [];
const wasmMax = Math.floor(budget.wasm_brotli_baseline * (1 + budget.wasm_growth_max_percent / 100));
const growth = ((wasm / budget.wasm_brotli_baseline - 1) * 100).toFixed(1);
console.log(
  `wasm: ${fmt(wasm)} B brotli, ${growth} % against the baseline ${fmt(budget.wasm_brotli_baseline)} B (at most +${budget.wasm_growth_max_percent} %: ${fmt(wasmMax)} B)`,
);
if (wasm > wasmMax) failures.push(`the wasm grew past ${fmt(wasmMax)} B brotli: shrink it, or raise wasm_brotli_baseline in budget.json on purpose`);

const target = budget.first_view_target_bytes;
console.log(
  `first article view: ${fmt(total)} B brotli (budget ${fmt(budget.first_view_brotli_max_bytes)} B; target ${fmt(target)} B, ` +
    (total <= target ? 'met)' : `${fmt(total - target)} B over)`),
);
if (total > budget.first_view_brotli_max_bytes) failures.push(`the first article view is past its budget of ${fmt(budget.first_view_brotli_max_bytes)} B brotli`);

for (const f of failures) console.error(`budget: ${f}`);
process.exit(failures.length ? 1 : 0);
