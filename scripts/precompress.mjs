#!/usr/bin/env node
// Writes name.br (brotli, quality 11) and name.gz (gzip, level 9) beside each
// compressible file of a built bundle, so nginx's brotli_static/gzip_static
// serve them without compressing on every request (deploy/nginx/spa.conf).
//
//   node scripts/precompress.mjs dist                 every compressible file
//   node scripts/precompress.mjs dist index.html ...  only these files
//
// Trunk runs it after each build (Trunk.toml, post_build hook, on the
// staging folder), which first copies index.html to shell.html: the page
// every address without a file of its own falls back to (spa.conf), kept
// apart from index.html because scripts/prerender.mjs writes the home
// page's prerendered view there. Trunk runs a stage's hooks at once, so the
// copy is made here, before the compression that must include it (and so
// are the manifest and service worker, scripts/offline.mjs); scripts/csp.mjs runs it again for index.html and
// config.json, which it (or a deployer) changes after the build. A stale .br
// next to a changed file would be served in its place, so an edit of a file
// in the deployed folder must be followed by this script (or the .br/.gz
// deleted).
import { copyFileSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { writeOffline } from './offline.mjs';

const COMPRESSIBLE = /\.(?:html|js|mjs|css|wasm|json|svg|txt|xml|webmanifest|map)$/i;
// Below this a compressed copy saves less than its own headers cost.
const MIN_BYTES = 256;
// Edited in place by deployers: never given copies that could go stale
// (spa.conf serves it without brotli_static/gzip_static too).
const NEVER = new Set(['config.json']);

/** `buf` as brotli at quality 11, the way the bundle is served (and measured). */
export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

/**
 * Compresses one file (if worth it); returns [raw, brotli, gzip] sizes. A
 * file that gets no copies loses any old ones, which nginx would otherwise
 * serve in its place.
 */
export function precompressFile(path) {
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES || NEVER.has(basename(path))) {
    rmSync(`${path}.br`, { force: true });
    rmSync(`${path}.gz`, { force: true });
    return [raw.length, raw.length, raw.length];
  }
  const br = brotli(raw);
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  return [raw.length, br.length, gz.length];
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(name)) yield p;
  }
}

/** Compresses `only` (paths relative to `dir`), or every compressible file. */
export function precompress(dir, only = []) {
  const list = only.length ? only.map((f) => join(dir, f)) : [...files(dir)];
  return list.map((p) => [relative(dir, p), ...precompressFile(p)]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  // As Trunk's hook: the staging folder, and only for release builds (a dev
  // build is served by `trunk serve`, which ignores precompressed files).
  const hook = process.env.TRUNK_STAGING_DIR;
  if (hook) copyFileSync(join(hook, 'index.html'), join(hook, 'shell.html'));
  // The manifest and the service worker, which name the shell's files
  // (scripts/offline.mjs); in development builds too, so `trunk serve`
  // behaves as a deployment does.
  if (hook) writeOffline(hook);
  if (hook && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  const dir = process.argv[2] || hook;
  if (!dir) {
    process.stderr.write('usage: precompress.mjs <dir> [file ...]\n');
    process.exit(2);
  }
  const rows = precompress(dir, process.argv.slice(3));
  const quiet = process.env.PRECOMPRESS_QUIET === '1';
  if (!quiet) {
    for (const [f, raw, br, gz] of rows) {
      if (raw >= MIN_BYTES) process.stdout.write(`${f}: ${raw} B, brotli ${br} B, gzip ${gz} B\n`);
    }
  }
}
