// How much of the inline stylesheet a prerendered page uses at its first
// paint: the page with its scripts taken out, loaded in Chromium at a phone's
// and a desktop's width, with CSS rule-usage tracking. For deciding whether a
// critical-CSS subset is worth a second request (docs/prerender.md).
//
//   node bench/css-coverage.mjs e2e/.run/site-prerendered/news/50870/index.html
//   (scripts/e2e.sh --serve writes that page)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';
import { brotli } from '../scripts/precompress.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/css-coverage.mjs <prerendered page>');
const html = readFileSync(file, 'utf8')
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const css = html.match(/<style>([\s\S]*?)<\/style>/)?.[1];
if (!css) throw new Error(`${file} has no inline stylesheet`);
const dir = mkdtempSync(join(tmpdir(), 'newsfront-css-'));
const page = join(dir, 'page.html');
writeFileSync(page, html);
const size = (s) => `${s.length.toLocaleString('en-US')} B raw, ${brotli(Buffer.from(s)).length.toLocaleString('en-US')} B brotli`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  console.log(`the whole stylesheet: ${size(css)}`);
  for (const viewport of [{ width: 412, height: 823 }, { width: 1350, height: 940 }]) {
    const tab = await browser.newPage({ viewport });
    const cdp = await tab.context().newCDPSession(tab);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('CSS.startRuleUsageTracking');
    await tab.goto(`file://${page}`);
    const { ruleUsage } = await cdp.send('CSS.stopRuleUsageTracking');
    const used = ruleUsage
      .filter((r) => r.used)
      .sort((a, b) => a.startOffset - b.startOffset)
      .map((r) => css.slice(r.startOffset, r.endOffset))
      .join('');
    console.log(`rules the page uses at ${viewport.width} px: ${size(used)}`);
    await tab.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
