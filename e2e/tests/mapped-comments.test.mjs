//! Comments through a mapping (docs/mapping.md, "Comments"): the made-up API
//! of the document's walk-through (:18094, its mapping.json taken from the
//! document by scripts/e2e.sh) keeps the stub's comments as "replies" in its
//! own shape, gives the stub's CAPTCHA as its "challenge", and takes a posted
//! reply through the native API's checks, answering refusals in its own words
//! (e2e/stub-presets.mjs). Read and posted through exactly the mapping the
//! document prints: the thread, a wrong answer (a new image, the words kept),
//! a published reply, one held for moderation, and a rate limit by status.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  BESPOKE,
  STUB_API,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  resetStub,
  resetStubRequests,
  setFault,
  stubRequests,
} from '../lib/browser.mjs';
import { closePages, openPage } from '../lib/app.mjs';
import {
  T,
  captchaBox,
  captchaImage,
  commentItem,
  countLine,
  expectFieldError,
  expectPublishedInThread,
  expectValues,
  fillForm,
  outcome,
  sendButton,
  svgAnswer,
} from '../lib/comment-form.mjs';

const CODE = '90001'; // the stub's own article: open, 2 comments
const REPLIES = `/bespoke/v2/stories/s${CODE}/replies`;
// The stub's CAPTCHA alphabet has no O, so this can never be the right answer.
const WRONG_ANSWER = 'WRONG';

async function nativeComments() {
  const r = await fetch(`${STUB_API}/api/articles/${CODE}/comments?per_page=100`);
  assert.equal(r.status, 200);
  return (await r.json()).items;
}

const posts = (log) => log.filter((r) => r.method === 'POST' && r.path === REPLIES);

/** The answer of the challenge on screen once its image is `other than` the one given. */
async function shownAnswer(page, otherThan) {
  const img = captchaImage(page);
  await page.waitForFunction(
    ({ el, old }) => el.getAttribute('src') !== old && el.complete && el.naturalWidth > 0,
    { el: await img.elementHandle(), old: otherThan ?? null },
  );
  const src = await img.getAttribute('src');
  return { src, answer: svgAnswer(src) };
}

before(launchBrowser);
after(closeBrowser);

describe('mapped: comments through the walk-through mapping', () => {
  beforeEach(async () => {
    await resetStub();
    await resetStubRequests();
  });
  afterEach(closePages);

  it('the thread, a wrong answer, then a published reply, in the API\'s own shapes', async () => {
    const existing = await nativeComments();
    assert.equal(existing.length, 2, 'the stub article has two comments');
    const page = await openPage(BESPOKE, `/news/s${CODE}`);
    allowConsole(page, /status of 422\b/);
    await countLine(page, 2).waitFor();
    for (const c of existing) await expectPublishedInThread(page, c.author_name, c.body);
    const first = await shownAnswer(page);
    assert.ok(first.answer, 'the challenge is the stub CAPTCHA, given as the API\'s data: URL');
    await checkA11y(page, 'mapped comment form');

    const name = 'Mapped Reader';
    const body = 'Sent in the bespoke API\'s own field names.';
    await fillForm(page, { name, body, answer: WRONG_ANSWER });
    await sendButton(page).click();
    // {"problem": "wrong_answer"} read through the mapping's codes.
    await expectFieldError(captchaBox(page), T.captchaInvalid, 'the CAPTCHA field');
    const second = await shownAnswer(page, first.src);
    await expectValues(page, { name, body, answer: '' }, 'after a wrong answer');

    await captchaBox(page).fill(second.answer);
    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, name, body);
    const stored = (await nativeComments()).filter((c) => c.body === body);
    assert.equal(stored.length, 1, 'the API stored the reply once');
    assert.equal(stored[0].author_name, name);
    const log = await stubRequests();
    assert.deepEqual(posts(log).map((r) => r.status), [422, 201], 'one refused and one accepted POST');
    assertNoConsoleErrors(page);
  });

  it('a reply held for moderation, and a rate limit said with its wait', async () => {
    const page = await openPage(BESPOKE, `/news/s${CODE}`);
    allowConsole(page, /status of 429\b/);
    await countLine(page, 2).waitFor();
    const name = 'Linking Reader';
    const body = 'See https://example.org/source for more.';
    await setFault('429', 1, { method: 'POST', path: REPLIES, retry_after: 7 });
    let shown = await shownAnswer(page);
    await fillForm(page, { name, body, answer: shown.answer });
    await sendButton(page).click();
    await outcome(page, T.rateLimited(7)).waitFor();
    await expectValues(page, { name, body }, 'after the rate limit');

    await setFault('none');
    await page.reload();
    await countLine(page, 2).waitFor();
    shown = await shownAnswer(page);
    await fillForm(page, { name, body, answer: shown.answer });
    await sendButton(page).click();
    // "state": "queued" read through the mapping's pending rule.
    await outcome(page, T.pending).waitFor();
    await commentItem(page, body).getByText(T.awaiting, { exact: true }).waitFor();
    assert.equal((await nativeComments()).length, 2, 'a held reply is not listed');
    await checkA11y(page, 'mapped comment form, pending');
    assertNoConsoleErrors(page);
  });
});
