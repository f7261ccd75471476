import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w,h] of [[1350,940],[412,823]]) {
const ctx = await b.newContext({ viewport: { width: w, height: h } });
const p = await ctx.newPage();
await p.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push({ t: Math.round(e.startTime), v: e.value.toFixed(3), src: e.sources.map(s => ({ n: s.node && (s.node.id || s.node.className || s.node.nodeName), prev: [s.previousRect.y, s.previousRect.height], cur: [s.currentRect.y, s.currentRect.height] })) }); }).observe({ type: 'layout-shift', buffered: true });
});
await p.goto(`http://127.0.0.1:18081${process.argv[2]}`);
await p.getByRole('heading', { level: 1 }).first().waitFor();
await p.waitForTimeout(1500);
console.log(w, JSON.stringify(await p.evaluate(() => window.__shifts), null, 0));
await ctx.close();
}
await b.close();
