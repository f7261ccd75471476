// e2e/lib/comment-form.mjs: the comment section and its form as a reader
// finds them (by role and label, words from src/i18n/en.json), shared by the
// comments tests of every backend (e2e/tests/comments.test.mjs,
// e2e/tests/mapped-comments.test.mjs).

import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { WAIT_MS, exactly } from './app.mjs';

// ---------------------------------------------------------------- words (src/i18n/en.json)

export const T = {
  region: 'Comments',
  formTitle: 'Leave a comment',
  name: 'Name',
  email: 'Email',
  body: 'Comment',
  captchaLabel: 'Enter the text inside the security image',
  captchaAlt: 'Security image with distorted characters',
  newImage: 'New image',
  send: 'Send comment',
  sending: 'Sending…',
  published: 'Thank you. Your comment is published.',
  pending: 'Thank you. Your comment will appear after review.',
  fix: 'Please correct the marked fields.',
  required: 'This field is required.',
  badEmail: 'Enter an email address such as name@example.org.',
  server: (m) => `The server did not accept this: ${m}`,
  captchaInvalid: 'The text did not match the image. A new image is shown.',
  captchaExpired: 'The security image expired. A new image is shown.',
  rateLimited: (n) => `Too many attempts. You can send again in ${n} seconds.`,
  kept: 'What you wrote is kept; send it again when you are ready.',
  error500: 'The news server ran into a problem (error 500).',
  decode: 'The news server sent data this site cannot read.',
  awaiting: 'Awaiting moderation',
  closed: 'Comments are closed for this article.',
  more: 'Show more comments',
  showing: (shown, total) => `Showing ${shown} of ${total}`,
  count: (n) => (n === 0 ? 'No comments yet' : n === 1 ? '1 comment' : `${n.toLocaleString('en-US')} comments`),
  replyTo: (name) => `Reply to ${name}`,
  replying: (name) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
};

/** The answer drawn in a stub CAPTCHA image (an SVG data: URL with one <text> per character). */
export function svgAnswer(src) {
  const m = /^data:image\/svg\+xml;base64,(.*)$/.exec(src || '');
  if (!m) return null;
  const svg = Buffer.from(m[1], 'base64').toString('utf8');
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]).join('');
}

export const region = (page) => page.getByRole('region', { name: T.region, exact: true });
export const commentForm = (page) => region(page).getByRole('form', { name: T.formTitle, exact: true });
export const field = (page, name) => commentForm(page).getByRole('textbox', { name, exact: true });
export const nameBox = (page) => field(page, T.name);
export const emailBox = (page) => field(page, T.email);
export const bodyBox = (page) => field(page, T.body);
export const captchaBox = (page) => field(page, T.captchaLabel);
export const captchaImage = (page) => commentForm(page).getByRole('img', { name: T.captchaAlt, exact: true });
export const sendButton = (page) => commentForm(page).getByRole('button', { name: T.send, exact: true });
export const newImageButton = (page) => commentForm(page).getByRole('button', { name: T.newImage, exact: true });
/** The form's outcome region (role=status) showing exactly `text`. */
export const outcome = (page, text) => commentForm(page).getByRole('status').filter({ hasText: exactly(text) });
/** A comment in the section whose text includes `body`. */
export const commentItem = (page, body) => region(page).getByRole('listitem').filter({ hasText: body });
export const countLine = (page, n) => region(page).getByRole('paragraph').filter({ hasText: exactly(T.count(n)) });

/** The texts of the elements `locator`'s aria-describedby points at. */
export async function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map((e) => e.textContent.trim()),
  );
}

/** Waits until `box` is marked invalid with `message` tied to it by aria-describedby. */
export async function expectFieldError(box, message, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const invalid = await box.getAttribute('aria-invalid');
    const texts = await describedBy(box);
    if (invalid === 'true' && texts.includes(message)) break;
    if (Date.now() > deadline) {
      assert.fail(`${what}: expected aria-invalid="true" and "${message}" via aria-describedby; got aria-invalid=${invalid}, described by ${JSON.stringify(texts)}`);
    }
    await delay(50); // the poll interval of a condition wait
  }
  // The message is on screen, right after its field (inside the same .field group).
  const visible = await box.evaluate((el, msg) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/);
    const e = ids.map((id) => document.getElementById(id)).find((x) => x && x.textContent.trim() === msg);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    const sameGroup = e.closest('.field') === el.closest('.field');
    const after = !!(el.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    return r.width > 0 && r.height > 0 && sameGroup && after;
  }, message);
  assert.ok(visible, `${what}: "${message}" is visible under its field`);
}

export async function expectNoFieldError(box, what) {
  assert.notEqual(await box.getAttribute('aria-invalid'), 'true', `${what} is not marked invalid`);
  const texts = await describedBy(box);
  assert.ok(
    texts.every((t) => !/required|did not accept|email address such|did not match|expired/.test(t)),
    `${what} has no error message (described by ${JSON.stringify(texts)})`,
  );
}

export async function fillForm(page, { name, email, body, answer }) {
  if (name !== undefined) await nameBox(page).fill(name);
  if (email !== undefined) await emailBox(page).fill(email);
  if (body !== undefined) await bodyBox(page).fill(body);
  if (answer !== undefined) await captchaBox(page).fill(answer);
}

export async function expectValues(page, expected, what) {
  const got = {
    name: await nameBox(page).inputValue(),
    email: await emailBox(page).inputValue(),
    body: await bodyBox(page).inputValue(),
    answer: await captchaBox(page).inputValue(),
  };
  for (const k of Object.keys(expected)) assert.equal(got[k], expected[k], `${what}: the ${k} field`);
}

/** Waits for `comment` (author + body) in the thread, not marked pending. */
export async function expectPublishedInThread(page, author, body) {
  const item = commentItem(page, body);
  await item.waitFor();
  assert.equal(await item.count(), 1, `"${body}" is listed once`);
  await item.getByText(author, { exact: true }).waitFor();
  await item.getByRole('paragraph').filter({ hasText: exactly(body) }).waitFor();
  assert.equal(await item.getByText(T.awaiting, { exact: true }).count(), 0, 'not marked as awaiting moderation');
}

