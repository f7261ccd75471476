//! Helpers for the WordPress tests: the real WordPress that scripts/wordpress.sh
//! runs (its seed manifest, its REST API read as a visitor, and test-time
//! control through PHP's command line, never over HTTP), and entity decoding
//! as a browser does it.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The real WordPress's origin (scripts/e2e.sh exports it). */
export const WP_URL = process.env.E2E_WP_URL || 'http://127.0.0.1:18070';
/** Its REST root, as the "wordpress" site's config.json names it. */
export const WP_REST = `${WP_URL}/wp-json/`;

const WP_DIR = process.env.E2E_WP_DIR || new URL('../.run/wordpress', import.meta.url).pathname;
const CONTROL = new URL('../wordpress/control.php', import.meta.url).pathname;

let manifest;

/**
 * What e2e/wordpress/seed.php made: `posts` by role (id, title as written,
 * lang, date_gmt, categories), `categories` by key (id, name, slug as
 * WordPress stores it, description, parent, count), `image`, `comments`
 * (counts, an approved author, the spam and disallowed words), `password`.
 */
export function seed() {
  manifest ??= JSON.parse(readFileSync(`${WP_DIR}/seed.json`, 'utf8'));
  return manifest;
}

/** One seeded post by its role ("export", "thread", ...). */
export function seededPost(role) {
  const p = seed().posts[role];
  assert.ok(p, `the seed has no post "${role}"`);
  return p;
}

/**
 * Runs e2e/wordpress/control.php with `steps` (see that file) and returns
 * its results, one per step.
 */
export async function wpControl(steps) {
  const { stdout } = await run('php', [CONTROL, JSON.stringify(steps)], {
    env: { ...process.env, NEWSFRONT_WP_DIR: WP_DIR, NEWSFRONT_WP_URL: WP_URL },
    timeout: 20_000,
  });
  return JSON.parse(stdout);
}

/** Back to the seed: the tests' comments gone, every switch at its default, trashed posts restored. */
export const resetWordPress = () => wpControl([{ op: 'reset' }]);

/** Sets one of control.php's switches (WordPress options). */
export const setWordPressOption = (name, value) => wpControl([{ op: 'option', name, value }]);

/** Every comment WordPress holds for `postId`, any status ("approved", "hold", "spam", "trash"). */
export async function storedComments(postId) {
  const [list] = await wpControl([{ op: 'comments', post: postId }]);
  return list;
}

/** Moves a post to the trash, as an editor would. */
export const trashPost = (postId) => wpControl([{ op: 'trash_post', post: postId }]);

/**
 * GETs `path` from the REST API as a visitor (optionally from `origin`):
 * `{status, headers, body}` with the body parsed.
 */
export async function wpGet(path, origin) {
  const res = await fetch(new URL(path, WP_REST), { headers: origin ? { Origin: origin } : {} });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Every item of a paged REST listing (`path` without page/per_page). */
export async function wpAll(path) {
  const out = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await wpGet(`${path}${sep}per_page=100&page=${page}`);
    assert.equal(r.status, 200, `GET ${path} page ${page}`);
    out.push(...r.body);
    if (page >= Number(r.headers.get('x-wp-totalpages'))) return out;
  }
}

const NAMED = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', ndash: '–', mdash: '—',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', laquo: '«', raquo: '»', zwnj: '\u200c',
};

/** HTML character references decoded (the named ones WordPress writes, and numeric ones). */
export function decodeEntities(s) {
  return String(s).replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return NAMED[e] ?? all;
  });
}

/** The text a reader sees of rendered HTML: tags dropped, entities decoded, spaces collapsed. */
export const textOf = (html) => decodeEntities(String(html).replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
