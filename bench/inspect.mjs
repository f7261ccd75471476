// One Lighthouse run on one page, with the detail behind its score: the main
// thread's work by kind, the long tasks, the LCP element and every request
// with its timing. For finding what to change; bench/run gives the figures.
//
//   scripts/e2e.sh --serve &          (serves the release bundle in dist/:
//                                      `trunk build --release` first)
//   node bench/inspect.mjs /news/50844 [--desktop] [--site http://127.0.0.1:18081]
import { audit, launchChrome, score } from './lighthouse.mjs';

const args = process.argv.slice(2);
const path = args.find((a) => a.startsWith('/')) || '/';
const desktop = args.includes('--desktop');
const siteAt = args.indexOf('--site');
const site = siteAt >= 0 ? args[siteAt + 1] : 'http://127.0.0.1:18081';

const chrome = await launchChrome();
try {
  const { lhr } = await audit(chrome, `${site}${path}`, { desktop });
  const a = lhr.audits;
  const ms = (v) => `${Math.round(v)} ms`;
  console.log(`${site}${path} (${desktop ? 'desktop' : 'mobile'}): score ${score(lhr)}`);
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']) {
    console.log(`  ${a[id].title}: ${a[id].displayValue}`);
  }
  console.log('main thread:');
  for (const it of a['mainthread-work-breakdown'].details.items) console.log(`  ${it.groupLabel}: ${ms(it.duration)}`);
  console.log('long tasks (simulated):');
  for (const it of a['long-tasks'].details.items) console.log(`  ${ms(it.duration)} at ${ms(it.startTime)}  ${it.url}`);
  const lcp = a['largest-contentful-paint-element'].details?.items?.[0]?.items?.[0]?.node;
  if (lcp) console.log(`LCP element: ${lcp.selector}`);
  for (const it of a['layout-shifts']?.details?.items ?? []) console.log(`layout shift ${it.score.toFixed(3)}: ${it.node?.selector}`);
  console.log('requests (observed: start, end, bytes):');
  for (const r of a['network-requests'].details.items) {
    console.log(`  ${ms(r.networkRequestTime).padStart(8)} ${ms(r.networkEndTime).padStart(8)} ${String(r.transferSize).padStart(8)}  ${r.url.slice(0, 100)}`);
  }
} finally {
  await chrome.kill();
}
