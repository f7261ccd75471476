//! No layout shift: on a phone and on a desktop screen, the home, a group and
//! an article page (with its comment form) are loaded from cold on the stub
//! site, and every layout-shift entry the browser records is collected from
//! the first paint until the page and all its requests have settled. The
//! total must be 0: the group strip has a fixed height, the footer starts
//! below the fold, and the home page's group highlights wait for its list.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { STUB_SITE, assertNoConsoleErrors, closeBrowser, launchBrowser, resetStub } from '../lib/browser.mjs';
import { closePages, openPage } from '../lib/app.mjs';

const SCREENS = {
  phone: { width: 412, height: 823 },
  desktop: { width: 1350, height: 940 },
};

/** Every layout shift from the start of the document, with what moved. */
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({
        value: e.value,
        moved: e.sources.map((s) => {
          const n = s.node;
          const name = !n ? '?' : n.id ? `#${n.id}` : n.className ? `.${String(n.className).split(' ')[0]}` : n.nodeName;
          return `${name} y ${Math.round(s.previousRect.y)} -> ${Math.round(s.currentRect.y)}`;
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

const PAGES = [
  {
    path: '/news/50844',
    ready: (page) => page.getByRole('img', { name: 'Security image with distorted characters', exact: true }),
  },
  {
    path: '/',
    ready: (page) => page.getByRole('region', { name: 'News by group', exact: true }).getByRole('listitem').first(),
  },
  {
    path: '/group/news',
    ready: (page) => page.getByRole('list', { name: 'Articles', exact: true }).getByRole('listitem').first(),
  },
];

before(launchBrowser);
after(closeBrowser);

describe('no layout shift while pages load', () => {
  beforeEach(resetStub);
  afterEach(closePages);

  for (const [screen, viewport] of Object.entries(SCREENS)) {
    for (const p of PAGES) {
      it(`${screen}: ${p.path} loads without moving what is already on screen`, async () => {
        const page = await openPage(STUB_SITE, undefined, { viewport });
        await page.addInitScript(recordShifts);
        await page.goto(p.path);
        await p.ready(page).waitFor();
        // Until nothing is left to arrive: images, the CAPTCHA, late lists.
        await page.waitForLoadState('networkidle');
        const shifts = await page.evaluate(() => window.__shifts);
        const total = shifts.reduce((s, e) => s + e.value, 0);
        assert.equal(total, 0, `layout shifts: ${JSON.stringify(shifts)}`);
        assertNoConsoleErrors(page);
      });
    }
  }
});
