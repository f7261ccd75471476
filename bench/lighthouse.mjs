// Lighthouse as the bench scripts run it: Debian's Chromium, headless, and
// the performance category only. bench.mjs, inspect.mjs and
// lighthouse-runs.mjs all go through here, so their figures compare.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

/** Chromium for Lighthouse; `kill()` it when done. */
export function launchChrome() {
  return chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

/** Lighthouse failures to record its own trace, which a second run avoids. */
const RETRIED_ERRORS = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_LCP']);

/**
 * One performance audit of `url` (mobile preset, or desktop), run again (twice
 * at most) when Lighthouse failed to record its own trace: such a run
 * measured nothing. `settings` are further Lighthouse flags (bench/repeat-visit.mjs
 * keeps the browser's storage with `disableStorageReset`). Returns the report
 * and how many runs were retried.
 */
export async function audit(chrome, url, { desktop = false, onRetry = () => {}, settings = {} } = {}) {
  for (let attempt = 1; ; attempt++) {
    const { lhr } = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], ...settings },
      desktop ? desktopConfig : undefined,
    );
    if (!lhr.runtimeError) return { lhr, retries: attempt - 1 };
    if (attempt === 3 || !RETRIED_ERRORS.has(lhr.runtimeError.code)) {
      throw new Error(`${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    onRetry(lhr.runtimeError.code);
  }
}

/** The performance score, 0-100. */
export const score = (lhr) => Math.round(lhr.categories.performance.score * 100);
