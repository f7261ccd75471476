// Lighthouse's performance audit (mobile preset) on one page, several times,
// one line per run (score, LCP, TBT in ms), for bench/compare. Against the
// site that scripts/e2e.sh --serve serves on 18081 (native backend on the
// stub), or another of its sites by BENCH_SITE (the prerendered one:
// BENCH_SITE=http://127.0.0.1:18088).
//
//   node bench/lighthouse-runs.mjs /news/50844 [runs] [label]
import { audit, launchChrome, score } from './lighthouse.mjs';

const [path = '/news/50844', runs = '5', label = ''] = process.argv.slice(2);
const chrome = await launchChrome();
try {
  for (let i = 0; i < Number(runs); i++) {
    const { lhr } = await audit(chrome, `${process.env.BENCH_SITE || 'http://127.0.0.1:18081'}${path}`);
    const v = (id) => Math.round(lhr.audits[id].numericValue);
    console.log(`${label} score ${score(lhr)} lcp ${v('largest-contentful-paint')} tbt ${v('total-blocking-time')}`);
  }
} finally {
  await chrome.kill();
}
