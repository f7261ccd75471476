// First and repeat visits of one article, mobile preset, interleaved: the
// first with Lighthouse's usual storage reset (no service worker, no
// caches), the repeat after a warming visit in the same browser profile
// with the reset switched off (the worker installed, the shell precached,
// the article's answers kept). Medians of the runs; the figures and how to
// reproduce them go in docs/offline.md.
//
//   scripts/e2e.sh --serve &        (the stub site on :18081, or BENCH_SITE)
//   node bench/repeat-visit.mjs [/news/50870] [runs] [label]
//
// With a label (as bench/compare gives with BENCH_REPEAT=1), each run also
// prints a line "<label> first|repeat score N lcp N tbt N" for its summary.
// BENCH_THROTTLING=devtools throttles the browser for real (the mobile
// preset's network and CPU) instead of Lighthouse's simulation, which
// models a page's requests from one fast load.
import { audit, launchChrome, score } from './lighthouse.mjs';

const [path = '/news/50870', runs = '5', label] = process.argv.slice(2);
const url = `${process.env.BENCH_SITE || 'http://127.0.0.1:18081'}${path}`;
const throttling = process.env.BENCH_THROTTLING ? { throttlingMethod: process.env.BENCH_THROTTLING } : {};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { first: [], repeat: [] };
const lcp = (lhr) => Math.round(lhr.audits['largest-contentful-paint'].numericValue);

for (let i = 0; i < Number(runs); i++) {
  for (const kind of ['first', 'repeat']) {
    // A new browser profile for each run: nothing carries over between runs.
    const chrome = await launchChrome();
    try {
      if (kind === 'repeat') await audit(chrome, url, { settings: { disableStorageReset: true, ...throttling } });
      const { lhr } = await audit(chrome, url, { settings: { disableStorageReset: kind === 'repeat', ...throttling } });
      // Bytes over the network (what the worker serves from its cache is 0).
      const bytes = lhr.audits['network-requests'].details.items.reduce((t, r) => t + (r.transferSize ?? 0), 0);
      rows[kind].push({ lcp: lcp(lhr), score: score(lhr), bytes });
      console.log(`${kind} run ${i + 1}: score ${score(lhr)}, LCP ${lcp(lhr)} ms, ${bytes} B over the network`);
      if (label) {
        const tbt = Math.round(lhr.audits['total-blocking-time'].numericValue);
        console.log(`${label} ${kind} score ${score(lhr)} lcp ${lcp(lhr)} tbt ${tbt}`);
      }
    } finally {
      await chrome.kill();
    }
  }
}
for (const kind of ['first', 'repeat']) {
  const r = rows[kind];
  console.log(
    `${kind}: median LCP ${median(r.map((x) => x.lcp))} ms, median score ${median(r.map((x) => x.score))}, ` +
      `median ${median(r.map((x) => x.bytes))} B over the network (${r.length} runs)`,
  );
}
