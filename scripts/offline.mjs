#!/usr/bin/env node
// Writes what makes the bundle an installable, offline reader (docs/offline.md):
//
// - manifest.webmanifest: the site's name from config.json (site.name; a
//   short name of at most 12 characters), its language and direction, the
//   icons (public/icons, drawn by scripts/icons.mjs), the theme colour, and
//   start_url and scope "./", which follow a deployment under a sub-path;
// - sw.js, the service worker, from scripts/sw.js: SHELL lists the files the
//   app cannot start without (the shell page, the hashed JS, wasm and CSS,
//   the favicon), as the built shell names them, and VERSION is a
//   hash of their names and contents, so any change is a new version that
//   open tabs are offered (never mixed in).
//
// Trunk runs it after each build (through scripts/precompress.mjs's hook, in
// the staging folder); scripts/csp.mjs runs it again after it rewrites the
// pages for a deployment's config.json.
//
//   node scripts/offline.mjs dist
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appFiles } from './page-parts.mjs';

const TEMPLATE = fileURLToPath(new URL('./sw.js', import.meta.url));
const ICONS = ['icons/icon-192.png', 'icons/icon-512.png'];
/** The light theme's accent (style/main.css --accent). */
const THEME = '#0b4f6c';
const SHORT_NAME_MAX = 12;

const attr = (tag, name) =>
  tag.match(new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);

/** The shell's files, relative to the bundle's root (its <base href>). */
export function shellFiles(shell) {
  const base = attr(shell.match(/<base\b[^>]*>/i)?.[0] ?? '', 'href') ?? '/';
  const rel = (href) => (href.startsWith(base) ? href.slice(base.length) : href.replace(/^\//, ''));
  const { js, wasm } = appFiles(shell);
  const css = [...shell.matchAll(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi)].map((m) => attr(m[0], 'href'));
  // Not the manifest and its icons: the browser fetches them itself when it
  // offers the install, and a reader offline needs neither.
  return ['shell.html', rel(js), rel(wasm), ...css.filter(Boolean).map(rel), 'favicon.svg'];
}

function manifest(config) {
  const name = typeof config?.site?.name === 'string' && config.site.name.trim() ? config.site.name.trim() : 'Newsfront';
  const lang = config?.site?.default_locale === 'fa' ? 'fa' : 'en';
  return {
    name,
    short_name: [...name].length <= SHORT_NAME_MAX ? name : [...name].slice(0, SHORT_NAME_MAX).join('').trim(),
    lang,
    dir: lang === 'fa' ? 'rtl' : 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: THEME,
    icons: [
      ...ICONS.map((src) => {
        const size = src.match(/(\d+)\.png$/)[1];
        return { src, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any maskable' };
      }),
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}

/** Writes manifest.webmanifest and sw.js into the bundle at `dir`. */
export function writeOffline(dir) {
  let config = {};
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    // No or broken config.json: the defaults (the app says what is wrong).
  }
  writeFileSync(join(dir, 'manifest.webmanifest'), `${JSON.stringify(manifest(config), null, 2)}\n`);
  const shellPage = existsSync(join(dir, 'shell.html')) ? 'shell.html' : 'index.html';
  const files = shellFiles(readFileSync(join(dir, shellPage), 'utf8'));
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f);
    const p = join(dir, f === 'shell.html' ? shellPage : f);
    if (existsSync(p)) hash.update(readFileSync(p));
  }
  const version = hash.digest('hex').slice(0, 16);
  const sw = readFileSync(TEMPLATE, 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__SHELL__', JSON.stringify(files));
  writeFileSync(join(dir, 'sw.js'), sw);
  return { version, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: offline.mjs <bundle dir>\n');
    process.exit(2);
  }
  const { version, files } = writeOffline(dir);
  console.log(`sw.js version ${version}: ${files.length} shell files`);
}
