//! Runs of names that mix scripts (an article's news groups, on its page and
//! on its card in a listing) keep their separators in the right places: in
//! both interface languages and at a phone's, a tablet's and a desktop's
//! width, each separator sits after its own name in the interface's
//! direction, the names follow each other in that direction line by line,
//! and each name is isolated so its own direction cannot pull a separator
//! across it. Checked on the layout the browser computed, not on markup.
//!
//! Words come from src/i18n/en.json and fa.json; content from the demo.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEMO, assertNoConsoleErrors, closeBrowser, launchBrowser } from '../lib/browser.mjs';
import { closePages, demoArticle, demoContent, newestFirst, openPage, pageOf } from '../lib/app.mjs';

const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../src/i18n/${lang}.json`, import.meta.url), 'utf8'));
const UIS = [
  { lang: 'en', dir: 'ltr', locale: 'en-US', words: catalogue('en') },
  { lang: 'fa', dir: 'rtl', locale: 'fa-IR', words: catalogue('fa') },
];
const WIDTHS = { phone: 360, tablet: 800, desktop: 1350 };
const SOURCE = '50844'; // the article with eight groups in two scripts
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

/**
 * What is wrong with the separators of one list, as laid out: [] when each
 * item takes the list's direction, holds an isolated name followed (in that
 * direction) by its separator, the last item none, and each item comes after
 * the previous one on its line or on a later line.
 */
function separatorProblems(list, dir) {
  const problems = [];
  const items = [...list.children];
  const box = (e) => e.getBoundingClientRect();
  items.forEach((item, i) => {
    const name = item.querySelector('bdi, a');
    if (!name && item.matches('bdi')) return problems.push(`item ${i + 1}: the separator is inside the isolated name`);
    const at = `item ${i + 1} (${name ? name.textContent.trim() : '?'})`;
    if (!name) return problems.push(`${at}: no name element`);
    if (getComputedStyle(item).direction !== dir) problems.push(`${at}: direction ${getComputedStyle(item).direction}`);
    const bidi = getComputedStyle(name).unicodeBidi;
    if (!/isolate|plaintext/.test(bidi)) problems.push(`${at}: name not isolated (unicode-bidi ${bidi})`);
    const sep = getComputedStyle(item, '::after').content;
    const last = i === items.length - 1;
    if (last && sep !== 'none' && sep !== 'normal') problems.push(`${at}: the last item has a separator ${sep}`);
    if (!last && !/[,،]/.test(sep)) problems.push(`${at}: no separator (${sep})`);
    const li = box(item);
    // A long name wraps: the separator follows its last line. Its room is the
    // item's box beyond that line, on the side the interface's text runs to,
    // and it never takes a line of its own.
    const lines = name.getClientRects();
    const end = lines[lines.length - 1];
    const room = dir === 'ltr' ? li.right - end.right : end.left - li.left;
    if (!last && room < 2) problems.push(`${at}: separator not after the name (${room.toFixed(1)} px)`);
    if (li.bottom - end.bottom > end.height / 2) problems.push(`${at}: separator on a line of its own`);
    if (i > 0) {
      const prev = box(items[i - 1]);
      const sameLine = Math.abs(prev.top - li.top) < 2;
      const inOrder = sameLine
        ? dir === 'ltr'
          ? prev.right <= li.left + 0.5
          : prev.left >= li.right - 0.5
        : li.top > prev.top;
      if (!inOrder) problems.push(`${at}: out of order after the previous item`);
    }
  });
  return problems;
}

before(launchBrowser);
after(closeBrowser);

describe('mixed-script lists keep their separators in place', () => {
  afterEach(closePages);

  for (const ui of UIS) {
    for (const [screen, width] of Object.entries(WIDTHS)) {
      it(`${ui.lang} interface, ${screen} (${width} px): the cards of the home page`, async () => {
        const page = await openPage(DEMO, '/', { locale: ui.locale, viewport: { width, height: 900 } });
        const cards = page.getByRole('list', { name: ui.words['list.title'], exact: true }).getByRole('listitem');
        await cards.first().waitFor();
        const shown = pageOf(newestFirst(demoContent().articles), 1);
        assert.equal(await cards.count(), shown.length);
        let mixed = 0;
        for (const a of shown) {
          const card = cards.filter({ has: page.getByRole('heading', { level: 2, name: a.title, exact: true }) });
          // The card's line of group names: the paragraph holding the first one.
          const line = card
            .getByRole('paragraph')
            .filter({ has: page.getByText(a.groups[0].name, { exact: true }) });
          const names = a.groups.map((g) => g.name).join(' ');
          if (ARABIC_SCRIPT.test(names) && LATIN.test(names)) mixed += 1;
          const problems = await line.evaluate(separatorProblems, ui.dir);
          assert.deepEqual(problems, [], `the card of ${a.code}: ${names}`);
        }
        assert.ok(mixed >= 2, `the page has cards whose groups mix scripts (${mixed})`);
        assertNoConsoleErrors(page);
      });

      it(`${ui.lang} interface, ${screen} (${width} px): the article's news groups`, async () => {
        const page = await openPage(DEMO, `/news/${SOURCE}`, { locale: ui.locale, viewport: { width, height: 900 } });
        await page.getByRole('heading', { level: 1, name: demoArticle(SOURCE).title, exact: true }).waitFor();
        const list = page.getByRole('main').getByRole('list', { name: ui.words['article.groups'], exact: true });
        assert.equal(await list.getByRole('listitem').count(), demoArticle(SOURCE).groups.length);
        const problems = await list.evaluate(separatorProblems, ui.dir);
        assert.deepEqual(problems, []);
        assertNoConsoleErrors(page);
      });
    }
  }
});
