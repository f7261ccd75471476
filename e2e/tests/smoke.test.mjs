//! Smoke test: the release bundle starts on the demo site, shows a page
//! heading, passes axe, and logs no console errors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  newPage,
} from '../lib/browser.mjs';

describe('demo site home', () => {
  before(launchBrowser);
  after(closeBrowser);

  it('renders a level-1 heading, accessibly, without console errors', async () => {
    const page = await newPage(DEMO);
    await page.goto('/');
    // The heading exists only once the wasm app has mounted: waiting for it
    // is waiting for start-up.
    // Strict locator: a second h1 fails the test too.
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    assert.notEqual((await heading.textContent()).trim(), '', 'the h1 is empty');
    await checkA11y(page, 'demo home');
    assertNoConsoleErrors(page);
  });
});
