#!/usr/bin/env node
// Draws the installable app's icons (public/icons/icon-192.png and
// icon-512.png, named by the web app manifest) from public/favicon.svg in
// headless Chromium: the square fills the whole icon, so it also serves as a
// "maskable" icon that a launcher may crop to a circle. Run it after
// changing favicon.svg; the PNGs are committed, so a build needs no browser.
//
//   node scripts/icons.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The mark without the favicon's rounded corners: a launcher rounds or crops it.
const svg = readFileSync(`${ROOT}public/favicon.svg`, 'utf8').replace(/\s+rx="[^"]*"/, '');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `${ROOT}public/icons/icon-${size}.png` });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('wrote public/icons/icon-192.png and icon-512.png');
