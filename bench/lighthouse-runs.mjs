// Lighthouse's performance audit on one page, several times, one line per
// run (score, LCP, TBT in ms), for bench/compare. Against the site that
// scripts/e2e.sh --serve serves on 18081 (native backend on the stub).
//
//   node bench/lighthouse-runs.mjs /news/50844 [runs] [label]
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [path = '/news/50844', runs = '5', label = ''] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  for (let i = 0; i < Number(runs); i++) {
    const { lhr } = await lighthouse(`http://127.0.0.1:18081${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (lhr.runtimeError) {
      console.log(`${label} failed ${lhr.runtimeError.code}`);
      continue;
    }
    const v = (id) => Math.round(lhr.audits[id].numericValue);
    console.log(`${label} score ${Math.round(lhr.categories.performance.score * 100)} lcp ${v('largest-contentful-paint')} tbt ${v('total-blocking-time')}`);
  }
} finally {
  await chrome.kill();
}
