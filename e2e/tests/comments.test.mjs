//! The comments section and its form, end to end: publishing and moderation
//! (the stub holds bodies with a link), the CAPTCHA (wrong, expired, spent,
//! the demo's own canvas image), the server's field errors, the checks made
//! before sending, a failed send retried with the same Idempotency-Key,
//! drafts that survive reloads and navigation, one POST however often Send
//! is pressed, closed comments, a 200-comment thread paged, 429 with
//! Retry-After, replies, and the whole form by keyboard alone.
//!
//! The stub (e2e/stub-server.mjs) publishes every valid comment except those
//! whose body contains an http(s):// link, which it answers "pending" and
//! never lists. Its CAPTCHA answers come from GET /__captcha (the latest
//! challenge, or ?id=); every challenge is single-use. Words come from
//! src/i18n/en.json (comments.*, form.*, error.*).
//!
//! Every state of the form is checked with axe, and every test ends by
//! asserting no console errors beyond the failed requests it provoked on
//! purpose (Chromium logs "Failed to load resource: ... status of 4xx/5xx").

import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  DEMO,
  STUB_SITE,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  launchBrowser,
  putStubArticle,
  resetStub,
  resetStubRequests,
  setFault,
  stubRequests,
  stubFetch,
} from '../lib/browser.mjs';
import { WAIT_MS, closePages, demoContent, exactly, getsOf, openPage, waitForStubRequests } from '../lib/app.mjs';
import {
  T,
  svgAnswer,
  region,
  commentForm,
  field,
  nameBox,
  emailBox,
  bodyBox,
  captchaBox,
  captchaImage,
  sendButton,
  newImageButton,
  outcome,
  commentItem,
  countLine,
  describedBy,
  expectFieldError,
  expectNoFieldError,
  fillForm,
  expectValues,
  expectPublishedInThread,
} from '../lib/comment-form.mjs';

// ---------------------------------------------------------------- the stub

const CODE = '90001'; // the stub's own article: open, 2 comments (Stub Reader, Another Reader)
const OTHER = '90002'; // open, no comments
const POST_PATH = (code) => `/api/articles/${code}/comments`;
const DRAFT_KEY = (code) => `newsfront.draft.${code}`;
const PENDING_KEY = (code) => `newsfront.pending.${code}`;
// The stub's CAPTCHA alphabet has no O, so this can never be the right answer.
const WRONG_ANSWER = 'WRONG';

/** A stub request: {status, body}. */
const stub = stubFetch;

/** POST /__control with settings only (delay_ms, captcha_ttl_seconds, ...). */
async function stubSettings(settings) {
  const r = await stub('POST', '/__control', settings);
  assert.equal(r.status, 200, `stub settings ${JSON.stringify(settings)}: ${JSON.stringify(r.body)}`);
}

/** The comments the stub publishes for `code` (its API, all of them). */
async function stubComments(code) {
  const r = await stub('GET', `/api/articles/${code}/comments?per_page=100`);
  assert.equal(r.status, 200);
  return r.body.items;
}

/** The stub's logged POSTs of comments on `code`. */
const postsOf = (log, code = CODE) => log.filter((r) => r.method === 'POST' && r.path === POST_PATH(code));

/**
 * The challenge the form shows now: waits (bounded) until the image on screen
 * is the stub's latest challenge (GET /__captcha), other than `notId` if
 * given, and returns {id, answer, src}.
 */
async function currentChallenge(page, notId) {
  const img = captchaImage(page);
  await img.waitFor();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const src = await img.getAttribute('src');
    const latest = await stub('GET', '/__captcha');
    if (latest.status === 200 && latest.body.id !== notId && svgAnswer(src) === latest.body.answer) {
      // The same challenge by id, as a test would look it up.
      const byId = await stub('GET', `/__captcha?id=${encodeURIComponent(latest.body.id)}`);
      assert.equal(byId.status, 200);
      assert.equal(byId.body.answer, latest.body.answer);
      return { id: latest.body.id, answer: latest.body.answer, src };
    }
    if (Date.now() > deadline) {
      assert.fail(
        `the form never showed the stub's latest challenge${notId ? ` (other than ${notId})` : ''}: ` +
          `image says ${svgAnswer(src)}, stub says ${JSON.stringify(latest.body)}`,
      );
    }
    await delay(50); // the poll interval of a condition wait
  }
}

// ---------------------------------------------------------------- the page

/** Opens `/news/<code>` on `site` and waits for the thread and a ready form. */
async function openArticle(site, code, comments) {
  const page = await openPage(site, `/news/${code}`);
  await waitForForm(page, comments);
  return page;
}

async function waitForForm(page, comments) {
  await region(page).waitFor();
  if (comments !== undefined) await countLine(page, comments).waitFor();
  await nameBox(page).waitFor();
  await captchaImage(page).waitFor();
}

async function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

async function localItem(page, key) {
  return page.evaluate((k) => window.localStorage.getItem(k), key);
}

/** Waits (bounded) until localStorage[key] satisfies `predicate(value)`; returns the value. */
async function waitForStorage(page, key, predicate, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await localItem(page, key);
    if (predicate(v)) return v;
    if (Date.now() > deadline) assert.fail(`${what}: localStorage[${key}] = ${JSON.stringify(v)}`);
    await delay(50); // the poll interval of a condition wait
  }
}

/** An article for POST /__articles with `comments` (the stub's test-only extra). */
function stubArticle(code, { comments = [], open = true, title } = {}) {
  return {
    code,
    title: title ?? `Stub article ${code}`,
    lead: 'Made by the comments end-to-end test.',
    published_at: '2024-03-01T08:00:00+03:30',
    groups: [{ slug: 'stub-wire', name: 'Wire Service' }],
    language: 'en',
    body_html: '<p>An article made for the comment tests.</p>',
    comments_open: open,
    comments,
  };
}

// ---------------------------------------------------------------- tests

before(launchBrowser);
after(closeBrowser);

describe('comments on the stub site (native backend)', () => {
  beforeEach(resetStub);
  afterEach(closePages);

  it('1. publish: a valid comment is published, listed with its author, the comment field cleared, the name kept, the draft emptied', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    await checkA11y(page, 'comment form, empty');
    const c = await currentChallenge(page);
    const name = 'Published Reader';
    const body = 'A plain comment with no links, so the stub publishes it.';
    await fillForm(page, { name, body, answer: c.answer });
    await waitForStorage(page, DRAFT_KEY(CODE), (v) => !!v && JSON.parse(v).body.length > 0, 'draft saved while typing');
    await checkA11y(page, 'comment form, filled');
    await sendButton(page).click();

    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, name, body);
    await countLine(page, 3).waitFor();
    await expectValues(page, { name, body: '', answer: '' }, 'after publishing');
    const draft = await waitForStorage(
      page,
      DRAFT_KEY(CODE),
      (v) => v === null || v === '' || JSON.parse(v).body === '',
      'draft after publishing',
    );
    assert.ok(!String(draft).includes(body), 'the draft no longer holds the comment');
    if (draft) assert.equal(JSON.parse(draft).name, name, 'the draft keeps the name');

    const log = await stubRequests();
    const posts = postsOf(log);
    assert.equal(posts.length, 1, 'one POST');
    assert.equal(posts[0].status, 201);
    const stored = (await stubComments(CODE)).filter((x) => x.body === body);
    assert.equal(stored.length, 1, 'the stub stored it once');
    assert.equal(stored[0].author_name, name);
    await currentChallenge(page, c.id); // a fresh image for the next comment
    await checkA11y(page, 'comment form, published');
    assertNoConsoleErrors(page);
  });

  it('2. pending: a comment with a link is held, listed as "Awaiting moderation", and still shown after a reload from localStorage', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    const c = await currentChallenge(page);
    const name = 'Linking Reader';
    const body = 'More on this at https://example.org/report, worth a read.';
    await fillForm(page, { name, body, answer: c.answer });
    await sendButton(page).click();

    await outcome(page, T.pending).waitFor();
    const item = commentItem(page, body);
    await item.waitFor();
    await item.getByText(T.awaiting, { exact: true }).waitFor();
    await item.getByText(name, { exact: true }).waitFor();
    await countLine(page, 2).waitFor(); // not counted: the backend does not list it
    await expectValues(page, { name, body: '' }, 'after a pending answer');
    await checkA11y(page, 'comment form, pending');

    const listed = await stubComments(CODE);
    assert.ok(!listed.some((x) => x.body === body), 'the stub does not list the held comment');
    const held = JSON.parse((await localItem(page, PENDING_KEY(CODE))) || '[]');
    assert.ok(held.some((x) => x.body === body && x.author_name === name), `${PENDING_KEY(CODE)} keeps it`);

    await page.reload();
    await waitForForm(page, 2);
    const again = commentItem(page, body);
    await again.waitFor();
    assert.equal(await again.count(), 1, 'shown once after the reload');
    await again.getByText(T.awaiting, { exact: true }).waitFor();
    await again.getByText(name, { exact: true }).waitFor();
    await checkA11y(page, 'comment form, pending comment after reload');
    assertNoConsoleErrors(page);
  });

  it('3. a wrong CAPTCHA answer: the field error, a new image, the text kept; then the right answer publishes', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    allowConsole(page, /status of 400\b/);
    const first = await currentChallenge(page);
    const name = 'Careless Typist';
    const body = 'Second try will get the letters right.';
    await fillForm(page, { name, body, answer: WRONG_ANSWER });
    await sendButton(page).click();

    await expectFieldError(captchaBox(page), T.captchaInvalid, 'the CAPTCHA field');
    const second = await currentChallenge(page, first.id);
    assert.notEqual(second.id, first.id, 'a new challenge');
    assert.notEqual(second.src, first.src, 'a new image');
    await expectValues(page, { name, body, answer: '' }, 'after a wrong answer');
    await expectNoFieldError(nameBox(page), 'Name');
    await expectNoFieldError(bodyBox(page), 'Comment');
    const log = await stubRequests();
    assert.equal(postsOf(log).length, 1);
    assert.equal(postsOf(log)[0].status, 400);
    await checkA11y(page, 'comment form, wrong CAPTCHA');

    await captchaBox(page).fill(second.answer);
    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, name, body);
    await expectNoFieldError(captchaBox(page), 'the CAPTCHA field after publishing');
    await checkA11y(page, 'comment form, published after a wrong CAPTCHA');
    assertNoConsoleErrors(page);
  });

  it('4a. a spent CAPTCHA (used once elsewhere): "The security image expired", a new image, everything else kept', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    allowConsole(page, /status of 400\b/);
    const c = await currentChallenge(page);
    // Spend the challenge the form shows, as another submission would.
    const spent = await stub('POST', `/api/articles/${CODE}/comments`, {
      author_name: 'Someone else',
      body: 'Spends the challenge.',
      captcha_id: c.id,
      captcha_answer: WRONG_ANSWER,
    });
    assert.equal(spent.body.error.code, 'captcha_invalid', 'the direct POST spent the challenge');
    await resetStubRequests();

    const values = { name: 'Slow Reader', email: 'slow@example.org', body: 'I took a while to write this.' };
    await fillForm(page, { ...values, answer: c.answer });
    await sendButton(page).click();

    await expectFieldError(captchaBox(page), T.captchaExpired, 'the CAPTCHA field');
    const fresh = await currentChallenge(page, c.id);
    assert.notEqual(fresh.src, c.src, 'a new image');
    await expectValues(page, { ...values, answer: '' }, 'after an expired challenge');
    const log = await stubRequests();
    assert.equal(postsOf(log).length, 1);
    assert.equal(postsOf(log)[0].status, 400);
    await checkA11y(page, 'comment form, expired CAPTCHA');

    await captchaBox(page).fill(fresh.answer);
    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, values.name, values.body);
    await checkA11y(page, 'comment form, published after an expired CAPTCHA');
    assertNoConsoleErrors(page);
  });

  it('4b. a CAPTCHA past its expires_at (captcha_ttl_seconds 0): "The security image expired", a new image, everything else kept', async () => {
    await stubSettings({ captcha_ttl_seconds: 0 });
    const page = await openArticle(STUB_SITE, CODE, 2);
    const c = await currentChallenge(page);
    const values = { name: 'Late Reader', email: '', body: 'The image went stale while I typed.' };
    await fillForm(page, { ...values, answer: c.answer });
    await sendButton(page).click();

    await expectFieldError(captchaBox(page), T.captchaExpired, 'the CAPTCHA field');
    const fresh = await currentChallenge(page, c.id);
    assert.notEqual(fresh.src, c.src, 'a new image');
    await expectValues(page, { ...values, answer: '' }, 'after an expired challenge');
    // The form knows the challenge's expires_at: it asks for a new one instead of sending.
    assert.deepEqual(postsOf(await stubRequests()), [], 'no comment was POSTed');
    assert.equal((await stubComments(CODE)).length, 2, 'nothing was stored');
    await checkA11y(page, 'comment form, CAPTCHA past its expiry');
    assertNoConsoleErrors(page);
  });

  it('5. server validation errors: each message under its field, marked aria-invalid, focusable; text kept', async () => {
    await setFault('error', 1, {
      method: 'POST',
      path: POST_PATH(CODE),
      status: 400,
      code: 'validation_failed',
      fields: { author_name: 'is taken', body: 'is too short' },
    });
    const page = await openArticle(STUB_SITE, CODE, 2);
    allowConsole(page, /status of 400\b/);
    const c = await currentChallenge(page);
    const values = { name: 'Taken Name', email: 'taken@example.org', body: 'Short.' };
    await fillForm(page, { ...values, answer: c.answer });
    await sendButton(page).click();

    await expectFieldError(nameBox(page), T.server('is taken'), 'Name');
    await expectFieldError(bodyBox(page), T.server('is too short'), 'Comment');
    await expectNoFieldError(emailBox(page), 'Email');
    await outcome(page, T.fix).waitFor();
    await expectValues(page, { name: values.name, email: values.email, body: values.body }, 'after the server refused');
    for (const [box, what] of [
      [nameBox(page), 'Name'],
      [bodyBox(page), 'Comment'],
    ]) {
      assert.equal(await box.isEditable(), true, `${what} is editable`);
      await box.focus();
      assert.ok(await isFocused(box), `${what} takes focus`);
    }
    const log = await waitForStubRequests((l) => postsOf(l).length === 1, 'one POST');
    assert.equal(postsOf(log)[0].fault, 'error');
    await checkA11y(page, 'comment form, server field errors');
    assertNoConsoleErrors(page);
  });

  it('6. checks before sending: empty fields are required, a malformed email is named; nothing is POSTed', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    await sendButton(page).click();
    await expectFieldError(nameBox(page), T.required, 'Name');
    await expectFieldError(bodyBox(page), T.required, 'Comment');
    await expectFieldError(captchaBox(page), T.required, 'the CAPTCHA field');
    await expectNoFieldError(emailBox(page), 'Email (optional)');
    await outcome(page, T.fix).waitFor();
    await checkA11y(page, 'comment form, required fields missing');

    const c = await currentChallenge(page);
    await fillForm(page, { name: 'Typo Reader', email: 'typo.example.org', body: 'My address has no at sign.', answer: c.answer });
    await sendButton(page).click();
    await expectFieldError(emailBox(page), T.badEmail, 'Email');
    await expectNoFieldError(nameBox(page), 'Name');
    await expectNoFieldError(bodyBox(page), 'Comment');
    await expectNoFieldError(captchaBox(page), 'the CAPTCHA field');
    await checkA11y(page, 'comment form, malformed email');

    assert.deepEqual(postsOf(await stubRequests()), [], 'no comment was POSTed');
    assert.equal((await stubComments(CODE)).length, 2);
    assertNoConsoleErrors(page);
  });

  it('7a. a 500 on send: the error and "What you wrote is kept", the text kept; Send again publishes with the same Idempotency-Key, stored once', async () => {
    await setFault('500', 1, { method: 'POST', path: POST_PATH(CODE) });
    const page = await openArticle(STUB_SITE, CODE, 2);
    allowConsole(page, /status of 500\b/);
    const c = await currentChallenge(page);
    const values = { name: 'Patient Reader', email: 'patient@example.org', body: 'Sent while the database was down.', answer: c.answer };
    await fillForm(page, values);
    await sendButton(page).click();

    await outcome(page, `${T.error500} ${T.kept}`).waitFor();
    await expectValues(page, values, 'after the failed send');
    await checkA11y(page, 'comment form, send failed (500)');

    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, values.name, values.body);
    const log = await waitForStubRequests((l) => postsOf(l).length === 2, 'two POSTs');
    const [failed, retried] = postsOf(log);
    assert.equal(failed.status, 500);
    assert.equal(failed.fault, '500');
    assert.equal(retried.status, 201);
    assert.ok(failed.idempotency_key, 'the first POST carried an Idempotency-Key');
    assert.equal(retried.idempotency_key, failed.idempotency_key, 'the retry reused the Idempotency-Key');
    const stored = (await stubComments(CODE)).filter((x) => x.body === values.body);
    assert.equal(stored.length, 1, 'exactly one comment stored');
    await checkA11y(page, 'comment form, published on retry');
    assertNoConsoleErrors(page);
  });

  it('7b. an answer lost after the stub stored it (truncated): kept; Send again replays the same key, stored once, listed once', async () => {
    await setFault('truncated', 1, { method: 'POST', path: POST_PATH(CODE) });
    const page = await openArticle(STUB_SITE, CODE, 2);
    const c = await currentChallenge(page);
    const values = { name: 'Unlucky Reader', email: '', body: 'The answer to this one got cut off.', answer: c.answer };
    await fillForm(page, values);
    await sendButton(page).click();

    await outcome(page, `${T.decode} ${T.kept}`).waitFor();
    await expectValues(page, values, 'after the lost answer');
    await checkA11y(page, 'comment form, answer lost');

    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, values.name, values.body);
    await countLine(page, 3).waitFor();
    const log = await waitForStubRequests((l) => postsOf(l).length === 2, 'two POSTs');
    const [lost, retried] = postsOf(log);
    assert.equal(lost.fault, 'truncated');
    assert.ok(lost.idempotency_key, 'the first POST carried an Idempotency-Key');
    assert.equal(retried.idempotency_key, lost.idempotency_key, 'the retry reused the Idempotency-Key');
    assert.equal((await stubComments(CODE)).filter((x) => x.body === values.body).length, 1, 'stored once');
    assertNoConsoleErrors(page);
  });

  // 7c. The rest of the fault matrix on send. None of these reaches the
  // stub's store, so the retry is the first stored copy; each checks the
  // message, that every field survives, and one comment after Send again.
  const SEND_FAULTS = [
    // The stub site's timeout_ms is 2500: the reader is told whole seconds.
    { fault: 'endless', message: 'The news server did not answer within 3 seconds.' },
    { fault: 'reset', message: 'The news server could not be reached. Check your connection, then try again.', console: /net::ERR_/ },
    { fault: 'status-html', extra: { status: 503 }, message: 'The news server ran into a problem (error 503).', console: /status of 503\b/ },
    { fault: 'status-empty', extra: { status: 502 }, message: 'The news server ran into a problem (error 502).', console: /status of 502\b/ },
    { fault: 'error', extra: { status: 401, code: 'unauthorized' }, message: 'The news server refused this request (error 401).', console: /status of 401\b/ },
    { fault: 'big-garbage', message: T.decode },
  ];
  for (const c of SEND_FAULTS) {
    it(`7c. send meets "${c.fault}"${c.extra?.status ? ` ${c.extra.status}` : ''}: "${c.message}", every field kept; Send again stores it once`, async () => {
      // Armed until cleared: Chromium itself resends a request whose reused
      // connection was reset, so a single-use fault could be hidden by it.
      await setFault(c.fault, 1000, { method: 'POST', path: POST_PATH(CODE), ...c.extra });
      const page = await openArticle(STUB_SITE, CODE, 2);
      if (c.console) allowConsole(page, c.console);
      const ch = await currentChallenge(page);
      const values = { name: 'Persistent Reader', email: 'persistent@example.org', body: `Written before the ${c.fault} fault.`, answer: ch.answer };
      await fillForm(page, values);
      await sendButton(page).click();

      await outcome(page, `${c.message} ${T.kept}`).waitFor();
      await expectValues(page, values, `after the ${c.fault} fault`);
      assert.equal(await sendButton(page).isEnabled(), true, 'Send is usable again');

      await setFault('none');
      await sendButton(page).click();
      await outcome(page, T.published).waitFor();
      await expectPublishedInThread(page, values.name, values.body);
      const log = await waitForStubRequests((l) => postsOf(l).some((r) => r.fault === null), 'the retried POST');
      const posts = postsOf(log);
      const retried = posts.at(-1);
      const failed = posts.slice(0, -1);
      assert.ok(failed.length >= 1 && failed.every((r) => r.fault === c.fault), `failed first: ${JSON.stringify(posts)}`);
      assert.equal(retried.fault, null);
      assert.ok(retried.idempotency_key, 'the POSTs carry an Idempotency-Key');
      for (const f of failed) assert.equal(f.idempotency_key, retried.idempotency_key, 'the retry reused the Idempotency-Key');
      assert.equal((await stubComments(CODE)).filter((x) => x.body === values.body).length, 1, 'stored once');
      assertNoConsoleErrors(page);
    });
  }

  it('15. a slow CAPTCHA: "Loading…" in the image\'s reserved space, then the timeout message; typing goes on meanwhile; New image recovers and the comment publishes', async () => {
    await setFault('slow', 1, { method: 'GET', path: '/api/captcha' });
    const page = await openPage(STUB_SITE, `/news/${CODE}`);
    await countLine(page, 2).waitFor();
    const box = commentForm(page).locator('.captcha-box');
    const loading = box.getByRole('status').filter({ hasText: exactly('Loading the security image…') });
    await loading.waitFor();
    const loadingHeight = (await box.boundingBox()).height;
    // The reader fills in what they can while the image is late.
    const values = { name: 'Early Typist', email: '', body: 'Typed while the security image was still loading.' };
    await fillForm(page, values);

    const failed = box
      .getByRole('alert')
      .filter({ hasText: exactly('The security image could not be loaded. The news server did not answer within 3 seconds.') });
    await failed.waitFor();
    await expectValues(page, values, 'after the CAPTCHA timed out');
    await checkA11y(page, 'comment form, CAPTCHA timed out');

    await newImageButton(page).click();
    const ch = await currentChallenge(page);
    const captchaGets = getsOf(await stubRequests(), '/api/captcha');
    assert.deepEqual(captchaGets.map((r) => r.fault), ['slow', null], 'one slow GET, then one answered');
    assert.equal((await box.boundingBox()).height, loadingHeight, 'the image took the space kept for it: no shift');
    await expectValues(page, values, 'after the new image');
    await captchaBox(page).fill(ch.answer);
    await sendButton(page).click();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, values.name, values.body);
    assertNoConsoleErrors(page);
  });

  it('17. a backend\'s CAPTCHA cannot plant active URLs: a javascript: audio link is dropped, a non-image image refused with a retry', async () => {
    // The image is fine and the audio link hostile: the image shows, no link.
    await setFault('patch', 1, { method: 'GET', path: '/api/captcha', patch: { audio: 'javascript:alert(document.domain)' } });
    let page = await openArticle(STUB_SITE, CODE, 2);
    const box = commentForm(page).locator('.captcha-box');
    assert.equal(await box.getByRole('link').count(), 0, 'no audio link from a javascript: URL');
    assert.equal(await commentForm(page).locator('a[href^="javascript:" i]').count(), 0);
    assertNoConsoleErrors(page);
    await closePages();

    // A safe audio link is kept (the same check must not drop everything).
    await setFault('patch', 1, { method: 'GET', path: '/api/captcha', patch: { audio: 'https://media.example.org/captcha.mp3' } });
    page = await openArticle(STUB_SITE, CODE, 2);
    const audio = commentForm(page).getByRole('link', { name: 'Listen to the characters instead', exact: true });
    await audio.waitFor();
    assert.equal(await audio.getAttribute('href'), 'https://media.example.org/captcha.mp3');
    await closePages();

    // An "image" that is an HTML document: refused, said so, and New image recovers.
    await setFault('patch', 1, { method: 'GET', path: '/api/captcha', patch: { image: 'data:text/html,<script>alert(1)</script>' } });
    page = await openPage(STUB_SITE, `/news/${CODE}`);
    await countLine(page, 2).waitFor();
    await commentForm(page)
      .locator('.captcha-box')
      .getByRole('alert')
      .filter({ hasText: exactly('The security image could not be loaded. The news server sent data this site cannot read.') })
      .waitFor();
    assert.equal(await commentForm(page).locator('img[src^="data:text" i]').count(), 0, 'no image made from it');
    await newImageButton(page).click();
    await currentChallenge(page);
    assertNoConsoleErrors(page);
  });

  it('16. links in comments cannot phish: javascript:, data: and lookalike https links are shown as plain text, never as links', async () => {
    const bodies = [
      'Claim your prize at https://paypa1.example/login now',
      '<a href="javascript:alert(document.cookie)">read more</a>',
      '[click here](javascript:alert(1)) or data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'mailto:victim@example.org?subject=reset <img src=x onerror=alert(1)>',
    ];
    const comments = bodies.map((body, i) => ({
      id: `p${i}`,
      author_name: `<a href="https://evil.example">Editor ${i}</a>`,
      body,
      created_at: `2024-03-01T09:0${i}:00+03:30`,
    }));
    await putStubArticle(stubArticle('90011', { comments, title: 'Phishing in the comments' }));
    const page = await openPage(STUB_SITE, '/news/90011');
    await countLine(page, bodies.length).waitFor();
    for (const c of comments) {
      const item = commentItem(page, c.body);
      await item.getByRole('paragraph').filter({ hasText: exactly(c.body) }).waitFor();
      await item.getByText(c.author_name, { exact: true }).waitFor();
    }
    const list = region(page).getByRole('list').first();
    assert.equal(await list.getByRole('link').count(), 0, 'no links inside the thread');
    assert.equal(await list.locator('a, img, [onerror], [href]').count(), 0, 'no anchors, images or handlers made from comment text');
    await checkA11y(page, 'comments with link-like text');
    assertNoConsoleErrors(page);
  });

  it('8. drafts: name and comment survive a reload, and a visit to another article and back', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    const values = { name: 'Drafting Reader', body: 'Half a thought,\nto be finished later.' };
    await fillForm(page, values);
    await waitForStorage(
      page,
      DRAFT_KEY(CODE),
      (v) => !!v && JSON.parse(v).body === 'Half a thought,\nto be finished later.' && JSON.parse(v).name === 'Drafting Reader',
      'draft saved',
    );
    await checkA11y(page, 'comment form, draft typed');

    await page.reload();
    await waitForForm(page, 2);
    await expectValues(page, values, 'after a reload');
    await checkA11y(page, 'comment form, draft restored after reload');

    // To article 90002 through the app's own links, then back the same way.
    await page
      .getByRole('list', { name: 'News groups', exact: true })
      .getByRole('link', { name: 'Wire Service', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Wire Service', exact: true }).waitFor();
    await page.getByRole('link', { name: 'A second wire story', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'A second wire story', exact: true }).waitFor();
    await waitForForm(page, 0);
    await expectValues(page, { name: '', body: '' }, `article ${OTHER} has its own (empty) draft`);
    await checkA11y(page, `comment form on ${OTHER}, no draft`);

    await page
      .getByRole('list', { name: 'News groups', exact: true })
      .getByRole('link', { name: 'Wire Service', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Wire Service', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Served by the stub backend', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Served by the stub backend', exact: true }).waitFor();
    await waitForForm(page, 2);
    await expectValues(page, values, 'back on the article');
    await checkA11y(page, 'comment form, draft restored after navigation');
    assertNoConsoleErrors(page);
  });

  it('9. double submit: a double-click, and Enter pressed twice, each send one POST', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    // Every stub answer now takes 800 ms, so the second press lands while the first is in flight.
    await stubSettings({ delay_ms: 800 });
    const name = 'Impatient Reader';

    // A double-click on Send.
    const c1 = await currentChallenge(page);
    const body1 = 'Double-clicked on purpose.';
    await fillForm(page, { name, body: body1, answer: c1.answer });
    await sendButton(page).dblclick();
    await commentForm(page).getByRole('button', { name: T.sending, exact: true }).waitFor();
    assert.equal(
      await commentForm(page).getByRole('button', { name: T.sending, exact: true }).getAttribute('aria-disabled'),
      'true',
      'the button says it is busy',
    );
    await checkA11y(page, 'comment form, sending');
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, name, body1);
    await expectNoFieldError(bodyBox(page), 'Comment after the double-click');
    let log = await stubRequests();
    assert.equal(postsOf(log).length, 1, `one POST for a double-click:\n${JSON.stringify(postsOf(log), null, 2)}`);

    // Enter twice quickly in the CAPTCHA field (implicit submission).
    const c2 = await currentChallenge(page, c1.id);
    const body2 = 'Enter pressed twice on purpose.';
    await fillForm(page, { body: body2, answer: c2.answer });
    await captchaBox(page).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await commentItem(page, body2).waitFor();
    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, name, body2);
    await expectNoFieldError(bodyBox(page), 'Comment after Enter twice');
    log = await stubRequests();
    assert.equal(postsOf(log).length, 2, `one more POST for Enter twice:\n${JSON.stringify(postsOf(log), null, 2)}`);
    assert.ok(postsOf(log).every((r) => r.status === 201));
    assert.notEqual(postsOf(log)[0].idempotency_key, postsOf(log)[1].idempotency_key, 'two submissions, two keys');
    assert.equal((await stubComments(CODE)).length, 4, 'two comments stored in all');
    await checkA11y(page, 'comment form, published after Enter twice');
    assertNoConsoleErrors(page);
  });

  it('10b. comments closed on a stub article: no form, the notice, its comments still listed, no Reply buttons', async () => {
    const comments = [
      { id: 'c1', author_name: 'Early Bird', body: 'Got in before the comments closed.', created_at: '2024-03-01T09:00:00+03:30' },
      { id: 'c2', author_name: 'Second Bird', body: 'Me too.', created_at: '2024-03-01T09:30:00+03:30' },
    ];
    await putStubArticle(stubArticle('90010', { comments, open: false, title: 'Closed for comments' }));
    const page = await openPage(STUB_SITE, '/news/90010');
    await countLine(page, 2).waitFor();
    await region(page).getByText(T.closed, { exact: true }).waitFor();
    for (const c of comments) await expectPublishedInThread(page, c.author_name, c.body);
    assert.equal(await region(page).getByRole('form').count(), 0, 'no form');
    assert.equal(await region(page).getByRole('textbox').count(), 0, 'no fields');
    assert.equal(await region(page).getByRole('button', { name: /^Reply to / }).count(), 0, 'no Reply buttons');
    await checkA11y(page, 'comments closed (stub)');
    assertNoConsoleErrors(page);
  });

  it('11. a 200-comment thread: 50 a page oldest first, "Showing 50 of 200", three "Show more comments" show all in order; 4 GETs', async () => {
    const code = '90200';
    const minute = 60_000;
    const start = Date.parse('2024-03-01T06:00:00Z');
    const pad = (i) => String(i).padStart(3, '0');
    const all = Array.from({ length: 200 }, (_, i) => ({
      id: `long-${pad(i + 1)}`,
      author_name: `Reader ${pad(i + 1)}`,
      body: `Comment number ${pad(i + 1)} of 200.`,
      created_at: new Date(start + i * minute).toISOString(),
    }));
    // Handed over newest first: the order on screen must come from the times.
    await putStubArticle(stubArticle(code, { comments: [...all].reverse(), title: 'A very busy thread' }));
    const page = await openPage(STUB_SITE);
    await page.goto(`/news/${code}`);
    await waitForForm(page, 200);

    const bodies = () =>
      region(page)
        .getByRole('listitem')
        .evaluateAll((lis) => lis.map((li) => li.querySelector('p')?.textContent.trim()));
    const more = region(page).getByRole('button', { name: T.more, exact: true });
    const expectShown = async (n) => {
      if (n < 200) await region(page).getByText(T.showing(n, 200), { exact: true }).waitFor();
      await region(page).getByRole('listitem').nth(n - 1).waitFor();
      assert.deepEqual(await bodies(), all.slice(0, n).map((c) => c.body), `the first ${n} comments, oldest first`);
      await countLine(page, 200).waitFor();
    };

    await expectShown(50);
    await more.waitFor();
    await checkA11y(page, '200-comment thread, first page');
    for (const n of [100, 150, 200]) {
      await more.click();
      await expectShown(n);
    }
    await more.waitFor({ state: 'detached' });
    assert.equal(await region(page).getByText(/^Showing \d+ of \d+$/).count(), 0, 'no "Showing" line once all are shown');
    await checkA11y(page, '200-comment thread, all shown');

    const log = await stubRequests();
    const gets = getsOf(log, POST_PATH(code));
    assert.deepEqual(
      gets.map((r) => [r.query.page, r.query.per_page, r.status]),
      [
        ['1', '50', 200],
        ['2', '50', 200],
        ['3', '50', 200],
        ['4', '50', 200],
      ],
      'four comment pages fetched, each once',
    );
    assertNoConsoleErrors(page);
  });

  it('12. 429 with Retry-After on send: "Too many attempts. You can send again in 7 seconds."', async () => {
    await setFault('429', 1, { method: 'POST', path: POST_PATH(CODE), retry_after: 7 });
    const page = await openArticle(STUB_SITE, CODE, 2);
    allowConsole(page, /status of 429\b/);
    const c = await currentChallenge(page);
    const values = { name: 'Busy Reader', body: 'Sent too often.' };
    await fillForm(page, { ...values, answer: c.answer });
    await sendButton(page).click();

    await outcome(page, T.rateLimited(7)).waitFor();
    await expectValues(page, values, 'after a 429');
    const log = await waitForStubRequests((l) => postsOf(l).length === 1 && postsOf(l)[0].status === 429, 'the POST answered 429');
    assert.equal(postsOf(log)[0].fault, '429');
    await checkA11y(page, 'comment form, rate limited');
    assertNoConsoleErrors(page);
  });

  it('14. keyboard only: Tab from Name to Send in order, type everything, Enter on Send publishes', async () => {
    const page = await openArticle(STUB_SITE, CODE, 2);
    const c = await currentChallenge(page);
    const values = { name: 'Keyboard Reader', email: 'keys@example.org', body: 'Typed without touching the mouse.' };

    await nameBox(page).focus();
    const steps = [
      [nameBox(page), 'Name', values.name],
      [emailBox(page), 'Email', values.email],
      [bodyBox(page), 'Comment', values.body],
      [newImageButton(page), 'New image', null],
      [captchaBox(page), 'the CAPTCHA field', c.answer],
      [sendButton(page), 'Send comment', null],
    ];
    for (const [i, [locator, what, text]] of steps.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      assert.ok(await isFocused(locator), `Tab #${i} reaches ${what}`);
      if (text !== null) await page.keyboard.type(text);
    }
    await checkA11y(page, 'comment form, filled by keyboard');
    await page.keyboard.press('Enter');

    await outcome(page, T.published).waitFor();
    await expectPublishedInThread(page, values.name, values.body);
    const stored = (await stubComments(CODE)).filter((x) => x.body === values.body);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].author_name, values.name);
    await checkA11y(page, 'comment form, published by keyboard');
    assertNoConsoleErrors(page);
  });
});

describe('comments on the demo site (embedded backend)', () => {
  afterEach(closePages);

  it('10a. demo 50846 (comments_open false): no form, "Comments are closed for this article.", its comments listed', async () => {
    const code = '50846';
    const comments = demoContent().comments[code];
    assert.ok(comments.length > 0);
    const page = await openPage(DEMO, `/news/${code}`);
    await countLine(page, comments.length).waitFor();
    await region(page).getByText(T.closed, { exact: true }).waitFor();
    for (const c of comments) await expectPublishedInThread(page, c.author_name, c.body);
    assert.equal(await region(page).getByRole('form').count(), 0, 'no form');
    assert.equal(await region(page).getByRole('textbox').count(), 0, 'no fields');
    assert.equal(await region(page).getByRole('button', { name: /^Reply to / }).count(), 0, 'no Reply buttons');
    await checkA11y(page, 'comments closed (demo 50846)');
    assertNoConsoleErrors(page);
  });

  it('13. demo CAPTCHA is a drawn PNG; a wrong answer gives the invalid message and a new image; Reply moves focus, Cancel reply clears it', async () => {
    const code = '50866';
    const comments = demoContent().comments[code];
    const page = await openArticle(DEMO, code, comments.length);
    const img = captchaImage(page);
    const src1 = await img.getAttribute('src');
    assert.match(src1, /^data:image\/png;base64,/, 'a PNG data: URL');
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: WAIT_MS });
    await checkA11y(page, 'demo comment form, empty');

    const values = { name: 'Demo Reader', body: 'Guessing the demo letters.' };
    await fillForm(page, { ...values, answer: WRONG_ANSWER });
    await sendButton(page).click();
    await expectFieldError(captchaBox(page), T.captchaInvalid, 'the CAPTCHA field (demo)');
    await page.waitForFunction(
      ({ el, old }) => el.getAttribute('src') !== old && el.complete && el.naturalWidth > 0,
      { el: await img.elementHandle(), old: src1 },
      { timeout: WAIT_MS },
    );
    assert.match(await img.getAttribute('src'), /^data:image\/png;base64,/, 'the new image is a PNG too');
    await expectValues(page, { ...values, answer: '' }, 'after a wrong answer (demo)');
    await checkA11y(page, 'demo comment form, wrong CAPTCHA');

    // Replies.
    const parent = comments[0];
    await region(page).getByRole('button', { name: T.replyTo(parent.author_name), exact: true }).click();
    // "Replying to Keyvan" followed by its "Cancel reply" button, in one line above the fields.
    const replying = commentForm(page)
      .getByRole('paragraph')
      .filter({ hasText: new RegExp(`^\\s*${T.replying(parent.author_name)}\\s*${T.cancelReply}\\s*$`) });
    await replying.waitFor();
    assert.ok(await isFocused(bodyBox(page)), 'focus moved to the Comment field');
    await waitForStorage(page, DRAFT_KEY(code), (v) => !!v && JSON.parse(v).parent_id === parent.id, 'the draft keeps whom it answers');
    await checkA11y(page, 'demo comment form, replying');
    await commentForm(page).getByRole('button', { name: T.cancelReply, exact: true }).click();
    await replying.waitFor({ state: 'detached' });
    assert.equal(await commentForm(page).getByRole('button', { name: T.cancelReply, exact: true }).count(), 0);
    assert.equal(await commentForm(page).getByText(/Replying to /).count(), 0, 'no longer replying');
    await waitForStorage(page, DRAFT_KEY(code), (v) => !v || !('parent_id' in JSON.parse(v)), 'the draft forgets the reply');
    await checkA11y(page, 'demo comment form, reply cancelled');
    assertNoConsoleErrors(page);
  });
});
