#!/usr/bin/env node
// The wasm's size budget, checked by the test command after `trunk build --release`:
//
//   node scripts/budget.mjs [dist]
//
// The wasm may not grow more than `wasm_growth_max_percent` over
// `wasm_brotli_baseline` (brotli bytes at quality 11, as
// scripts/precompress.mjs writes them and nginx serves them). A change that
// needs more raises the baseline in budget.json on purpose, with the
// measurement in the commit message.
//
// The other half of budget.json, a first article view's bytes on the wire
// (`first_view_wire_max_bytes`), needs a browser and a server: it is measured
// by e2e/tests/budget.test.mjs in the end-to-end phase, from a cold load of
// the bundle with its shipped config.json behind nginx, every request counted
// (`scripts/e2e.sh e2e/tests/budget.test.mjs` after a release build).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotli } from './precompress.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.argv[2] || join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'budget.json'), 'utf8'));

const wasms = readdirSync(dist).filter((n) => /_bg\.wasm$/.test(n));
if (wasms.length !== 1) throw new Error(`expected one wasm in ${dist}, found ${JSON.stringify(wasms)}`);
const raw = readFileSync(join(dist, wasms[0]));
const wasm = brotli(raw).length;

const fmt = (n) => n.toLocaleString('en-US');
const wasmMax = Math.floor(budget.wasm_brotli_baseline * (1 + budget.wasm_growth_max_percent / 100));
const growth = ((wasm / budget.wasm_brotli_baseline - 1) * 100).toFixed(1);
console.log(
  `wasm: ${fmt(raw.length)} B raw, ${fmt(wasm)} B brotli, ${growth} % against the baseline ${fmt(budget.wasm_brotli_baseline)} B (at most +${budget.wasm_growth_max_percent} %: ${fmt(wasmMax)} B)`,
);
if (wasm > wasmMax) {
  console.error(`budget: the wasm grew past ${fmt(wasmMax)} B brotli: shrink it, or raise wasm_brotli_baseline in budget.json on purpose`);
  process.exit(1);
}
