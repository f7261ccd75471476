#!/usr/bin/env node
// e2e/stub-server.mjs: a native-contract backend for the end-to-end tests.
//
// Speaks docs/api.md on loopback with no dependencies beyond Node 20's own
// modules, and lets a test inject faults and read back the requests it saw.
//
//   node e2e/stub-server.mjs [--port 18090] [--host 127.0.0.1] [--content FILE]
//
// Prints "stub listening on HOST:PORT" on stdout once it accepts connections
// (--port 0 picks a free port and prints it). STUB_VERBOSE=1 logs one line
// per request to stderr. STUB_CONTENT=FILE is the same as --content.
//
// API routes live under /api/ (point backend.base_url at
// http://127.0.0.1:PORT/api/). Test-only routes live under /__:
//   GET  /__health               {"ok":true}
//   GET  /__control              the current fault and settings
//   POST /__control              {"fault":F,"count":N,...} or {"fault":"none"}
//   GET  /__requests             API requests seen since the last reset
//   POST /__requests/reset       forget them
//   POST /__reset                back to the state at start-up (everything)
//   GET  /__captcha[?id=ID]      {"id","answer","expires_at"} (latest if no id)
//   POST /__articles             one whole Article (docs/api.md) to add, or to
//                                replace the one with its code, until POST /__reset
//   DELETE /__articles/CODE      takes an article away (as a backend deleting or
//                                unpublishing it), until POST /__reset
//   POST /__generate             many small articles in one group (below)
//
// POST /__articles takes the contract's Article shape and serves it as given
// (e.g. a hostile body_html). It checks only what the stub itself needs:
// "code" an id, "title" and "body_html" strings, "published_at" a string,
// "groups" an array when present; anything else is the app's to judge. Its
// groups are not added to GET /groups. The body may be up to 1 MiB. Answers
// {"code": "<code as a string>", "replaced": true|false}.
// Test-only extra: a "comments" array (contract Comments: "id", "author_name",
// "body", "created_at", optional "parent_id") is taken out of the article and
// becomes its published comments (replacing any it had); without it, the
// article's comments are left as they were.
//
// POST /__generate takes {"group": {"slug", "name"[, "description"]}, "count": N
// [, "first_code": C][, "start": ISO]} and adds N (1..100000) small articles to
// that group at once, until POST /__reset, e.g.
//   {"group": {"slug": "bulk", "name": "Bulk"}, "count": 10000}
// The group joins GET /groups (with its article_count) unless one with that
// slug is there already.
// Article i (1 = oldest, N = newest) is:
//   code          C + i - 1 (a JSON number; C defaults to one past the largest
//                 numeric code the stub holds, and at least 1000001)
//   title         "<group name> article <i>"
//   lead          "Generated article <i> of <N>."
//   published_at  start + (i - 1) minutes (start defaults to 2000-01-01T00:00:00Z,
//                 so generated articles are older than all the built-in ones)
//   groups        [the group], language "en", body "<p>Generated article i of N.</p>"
// Answers {"group": slug, "count": N, "first_code": C, "last_code": C + N - 1}.
//
// Each GET /__requests entry is {seq, method, path, query, fault, status}, plus
// "idempotency_key" (the Idempotency-Key header's value) on requests that sent one,
// and "preflight_headers" (Access-Control-Request-Headers) on CORS preflights.
//
// POST /__control arms one fault for the next `count` API requests (OPTIONS
// preflights excluded; default 1000000, i.e. until {"fault":"none"}).
// Optional filters: "method", "path" (exact pathname), "match" (substring of
// the raw URL). Faults:
//   500        500 + {"error":{"code":"internal","message":"Database unavailable"}}
//   502-html   502, text/html nginx error page
//   html       200, text/html page
//   garbage    200, application/json, bytes that are not JSON
//   truncated  200, application/json, the first half of the real body
//   types      200, the real body with "title": 42, "published_at"/"created_at":
//              "yesterday", and a group "name": ["x"]
//   slow       no answer for slow_ms (default 60000), then the real one; the
//              timer is dropped if the client goes away first
//   404        404 + not_found error body
//   429        429 + rate_limited, Retry-After: retry_after (default 5)
//   error      status/code/message/fields/retry_after as given
//   reset      the connection is destroyed without an answer
//   empty      200, application/json, empty body
//   no-cors    the real answer without any CORS headers
//   endless    200, application/json, the start of a body and then one space
//              every 200 ms for as long as the client keeps listening
//   big-garbage  200, application/json, 1 MiB of bytes that are not JSON
//   status-html  status (default 503) with a text/html error page, no JSON
//   status-empty status (default 503) with an empty body and no content type
//   redirect   302 to the same URL plus ?__hop=1&__hops=N (N = "hops", default
//              3); each hop redirects to the next until hop N answers for real
//   redirect-loop  the same, but the hops never end (a browser gives up at 20)
//   patch      the real JSON object with the keys of "patch" (an object) put
//              over it, e.g. {"fault":"patch","path":"/api/captcha",
//              "patch":{"audio":"javascript:alert(1)"}}
// Settings that persist until POST /__reset: "delay_ms" (added to every API
// answer), "slow_ms", "captcha_ttl_seconds".
//
// WordPress mode: /wp-json/ on the same port is a proxy in front of the real
// WordPress that scripts/wordpress.sh runs for the tests (--wordpress ORIGIN,
// e.g. http://127.0.0.1:18070; point a "wordpress" backend's base_url at
// http://127.0.0.1:PORT/wp-json/). Requests, CORS preflights included, go to
// WordPress and its answers come back unchanged. Faults armed with POST
// /__control apply to /wp-json/ requests too (and are logged in GET
// /__requests like /api/ ones), in the shape a WordPress deployment gives
// them: "500" is a PHP fatal error (WordPress's JSON "critical error" and no
// CORS headers), "502-html", "status-html" and "status-empty" the proxy's
// own pages (no CORS headers), "garbage", "html", "empty" and "big-garbage"
// broken bodies with WordPress's headers, "404", "429" and "error"
// WordPress's error shape ("error" with "code", "message", "status" as
// given, "fields" as data.params). The code is in e2e/stub-wordpress.mjs.
//
// Other APIs, for the mapped backend (docs/mapping.md): /ghost/api/content/
// (Ghost's Content API), /feed.json (JSON Feed 1.1) and /bespoke/v2/ (the
// walk-through's made-up API), /strapi/, /directus/, /drupal/ and /payload/
// serve the same articles in their own shapes;
// faults apply to them too. The code is in e2e/stub-presets.mjs.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WordPressProxy } from './stub-wordpress.mjs';
import { Presets } from './stub-presets.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_CONTENT = path.join(HERE, '../src/api/demo/content.json');
const VERBOSE = process.env.STUB_VERBOSE === '1';

const FAULTS = new Set([
  '500', '502-html', 'html', 'garbage', 'truncated', 'types', 'slow', '404',
  '429', 'error', 'reset', 'empty', 'no-cors', 'endless', 'big-garbage', 'status-html',
  'status-empty', 'redirect', 'redirect-loop', 'patch',
]);
const BIG_GARBAGE_BYTES = 1024 * 1024;
const ENDLESS_TICK_MS = 200;
const UNTIL_RESET = 1_000_000;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_ARTICLE_BYTES = 1024 * 1024; // POST /__articles: room for long hostile bodies
const MAX_LOGGED_REQUESTS = 10_000;
const DEFAULT_SLOW_MS = 60_000;
const MAX_GENERATED = 100_000; // POST /__generate: articles per call
const GENERATED_FIRST_CODE = 1_000_001;
const GENERATED_START = Date.parse('2000-01-01T00:00:00Z');
const DEFAULT_CAPTCHA_TTL_S = 300;
const TEHRAN_OFFSET_MIN = 210; // Iran has kept +03:30 all year since 2022.

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    port: 18090,
    host: '127.0.0.1',
    content: process.env.STUB_CONTENT || DEFAULT_CONTENT,
    wordpress: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--host') opts.host = value();
    else if (flag === '--content') opts.content = path.resolve(value());
    else if (flag === '--wordpress') opts.wordpress = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: node e2e/stub-server.mjs [--port N] [--host H] [--content FILE] [--wordpress ORIGIN]\n');
      process.exit(0);
    } else {
      fail(`unknown argument: ${arg}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    fail('--port needs a number from 0 to 65535');
  }
  return opts;
}

function fail(message) {
  process.stderr.write(`stub: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- content

/** Reads content.json ({groups, articles, comments}) or exits with a reason. */
function loadContent(file) {
  let raw;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read content file ${file}: ${e.message}`);
  }
  let data;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    fail(`content file ${file} is not JSON: ${e.message}`);
  }
  if (!data || !Array.isArray(data.groups) || !Array.isArray(data.articles)) {
    fail(`content file ${file} needs "groups" and "articles" arrays`);
  }
  const comments = data.comments && typeof data.comments === 'object' ? data.comments : {};
  return withStubContent({ groups: data.groups, articles: data.articles, comments });
}

const STUB_GROUP = {
  slug: 'stub-wire',
  name: 'Wire Service',
  description: 'Articles served by the stub backend.',
};
const STUB_REF = { slug: STUB_GROUP.slug, name: STUB_GROUP.name };

// Codes, ids and parent ids here are JSON numbers on purpose: the app must
// accept numbers wherever the contract has an id.
const STUB_ARTICLES = [
  {
    code: 90001,
    title: 'Served by the stub backend',
    lead: 'This article exists only in the end-to-end stub, never in the embedded demo.',
    published_at: '2024-02-10T09:00:00+03:30',
    groups: [STUB_REF],
    views: 1234,
    language: 'en',
    body_html:
      '<p>If you can read this paragraph, the app fetched it over HTTP from the stub ' +
      'backend that the end-to-end tests start, rather than from the demo content built ' +
      'into the bundle.</p>' +
      '<p>Its news code and its view count travel as JSON numbers, not strings, so this ' +
      'page also shows that the app copes with backends that number their articles.</p>',
    comments_open: true,
  },
  {
    code: 90002,
    title: 'A second wire story',
    lead: 'Filler for paging and group listings in the stub.',
    published_at: '2024-02-09T16:45:00+03:30',
    groups: [STUB_REF],
    views: 56,
    language: 'en',
    body_html: '<p>A short item that keeps the stub group from being a list of one.</p>',
    comments_open: true,
  },
  {
    code: 90003,
    title: 'A third wire story, views not counted',
    published_at: '2024-02-08T07:15:00Z',
    groups: [STUB_REF],
    language: 'en',
    body_html: '<p>This item has no lead and no view count, as some backends send it.</p>',
    comments_open: true,
  },
];

const STUB_COMMENTS = {
  90001: [
    {
      id: 900011,
      author_name: 'Stub Reader',
      body: 'First comment, with a numeric id.',
      created_at: '2024-02-10T10:05:00+03:30',
    },
    {
      id: 900012,
      parent_id: 900011,
      author_name: 'Another Reader',
      body: 'A reply whose parent_id is a number too.',
      created_at: '2024-02-10T11:20:00+03:30',
    },
  ],
};

function withStubContent(content) {
  const stubCodes = new Set(STUB_ARTICLES.map((a) => String(a.code)));
  return {
    groups: [...content.groups.filter((g) => g && g.slug !== STUB_GROUP.slug), STUB_GROUP],
    articles: [
      ...content.articles.filter((a) => a && !stubCodes.has(String(a.code))),
      ...STUB_ARTICLES,
    ],
    comments: { ...content.comments, ...STUB_COMMENTS },
  };
}

// ---------------------------------------------------------------- state

const clone = (v) => structuredClone(v);

/** Everything a test can change; rebuilt from the pristine content on reset. */
function freshState(content) {
  const articles = new Map();
  for (const a of clone(content.articles)) articles.set(String(a.code), a);
  const comments = new Map();
  for (const [code, list] of Object.entries(clone(content.comments))) {
    if (Array.isArray(list)) comments.set(String(code), list);
  }
  return {
    groups: clone(content.groups),
    articles,
    comments,
    pending: new Map(), // code -> comments held for moderation (never listed)
    captchas: new Map(),
    captchaSeq: 0,
    lastCaptchaId: null,
    idempotency: new Map(),
    commentSeq: 0,
  };
}

function freshControl() {
  return {
    fault: null, // {name, remaining, method, path, match, status, code, message, fields, retryAfter}
    delayMs: 0,
    slowMs: DEFAULT_SLOW_MS,
    captchaTtlS: DEFAULT_CAPTCHA_TTL_S,
  };
}

// ---------------------------------------------------------------- helpers

class HttpError extends Error {
  constructor(status, code, message, fields, headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers || {};
  }
}

const errorBody = (code, message, fields) => ({
  error: fields ? { code, message, fields } : { code, message },
});

const json = (status, body, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: Buffer.from(JSON.stringify(body)),
  value: body,
});

function corsHeaders() {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, idempotency-key',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-expose-headers': 'Retry-After',
  };
}

/** "+03:30" time stamp for now (or now + seconds), seconds precision. */
function tehranTime(offsetSeconds = 0) {
  const shifted = new Date(Date.now() + offsetSeconds * 1000 + TEHRAN_OFFSET_MIN * 60_000);
  return shifted.toISOString().slice(0, 19) + '+03:30';
}

function instant(s) {
  const t = typeof s === 'string' ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

function plainText(html) {
  if (typeof html !== 'string') return '';
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => safeChar(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => safeChar(parseInt(d, 10)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeChar(cp) {
  try {
    return String.fromCodePoint(cp);
  } catch {
    return ' ';
  }
}

/** Case-folds and unifies Arabic/Persian letter variants for searching. */
function fold(s) {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u064a/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\u200c/g, ' ');
}

/** Reads page/per_page; absent means the default, anything else must be 1..100. */
function paging(params, defaultPerPage) {
  const fields = {};
  const read = (name, fallback) => {
    if (!params.has(name)) return fallback;
    const raw = params.get(name);
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
      fields[name] = 'must be a whole number of 1 or more';
      return fallback;
    }
    return Number(raw);
  };
  const page = read('page', 1);
  const perPage = read('per_page', defaultPerPage);
  if (!fields.per_page && perPage > 100) fields.per_page = 'must be 100 or less';
  if (Object.keys(fields).length) {
    throw new HttpError(400, 'validation_failed', 'Invalid paging parameters', fields);
  }
  return { page, perPage };
}

function pageOf(list, page, perPage) {
  const start = (page - 1) * perPage;
  return { items: list.slice(start, start + perPage), page, per_page: perPage, total: list.length };
}

// ---------------------------------------------------------------- the API

const ARTICLE_ONLY = ['body_html', 'author', 'source', 'comments_open'];

class Api {
  constructor(content, control) {
    this.content = content;
    this.control = control;
    this.state = freshState(content);
  }

  reset() {
    this.state = freshState(this.content);
  }

  article(code) {
    const a = this.state.articles.get(code);
    if (!a) throw new HttpError(404, 'not_found', `No article with code ${code}`);
    return a;
  }

  publishedComments(code) {
    return this.state.comments.get(code) || [];
  }

  commentCount(code) {
    return this.publishedComments(code).length;
  }

  /** Routes one API request; `rest` is the path after /api/, split on "/". */
  async route(method, rest, params, readBody, headers) {
    const [first, code, sub, ...extra] = rest;
    if (first === 'groups' && rest.length === 1) {
      this.allow(method, ['GET']);
      return json(200, this.groups());
    }
    if (first === 'captcha' && rest.length === 1) {
      this.allow(method, ['GET']);
      return json(200, this.newCaptcha(), { 'cache-control': 'no-store' });
    }
    if (first === 'articles' && rest.length === 1) {
      this.allow(method, ['GET']);
      return json(200, this.articles(params));
    }
    if (first === 'articles' && code !== undefined && extra.length === 0) {
      if (sub === undefined) {
        this.allow(method, ['GET']);
        return json(200, this.fullArticle(code));
      }
      if (sub === 'views') {
        this.allow(method, ['POST']);
        return json(200, this.countView(code));
      }
      if (sub === 'comments') {
        this.allow(method, ['GET', 'POST']);
        if (method === 'GET') return json(200, this.comments(code, params));
        return this.postComment(code, await readBody(), headers['idempotency-key']);
      }
    }
    throw new HttpError(404, 'not_found', 'No such API route');
  }

  allow(method, methods) {
    if (!methods.includes(method)) {
      throw new HttpError(405, 'method_not_allowed', `Use ${methods.join(' or ')} here`, undefined, {
        allow: [...methods, 'OPTIONS'].join(', '),
      });
    }
  }

  groups() {
    const counts = new Map();
    for (const a of this.state.articles.values()) {
      for (const g of Array.isArray(a.groups) ? a.groups : []) {
        if (g && g.slug !== undefined) counts.set(g.slug, (counts.get(g.slug) || 0) + 1);
      }
    }
    return this.state.groups.map((g) => ({ ...g, article_count: counts.get(g.slug) || 0 }));
  }

  articles(params) {
    const { page, perPage } = paging(params, 20);
    const group = params.get('group') || '';
    const q = fold((params.get('q') || '').trim());
    if (q.length > 200) {
      throw new HttpError(400, 'validation_failed', 'Search text is too long', {
        q: 'must be 200 characters or fewer',
      });
    }
    if (group && !this.state.groups.some((g) => g.slug === group)) {
      throw new HttpError(404, 'not_found', `No group with slug ${group}`);
    }
    const list = [...this.state.articles.values()]
      .filter((a) => !group || (a.groups || []).some((g) => g && g.slug === group))
      .filter(
        (a) =>
          !q ||
          fold(a.title).includes(q) ||
          fold(a.lead).includes(q) ||
          fold(plainText(a.body_html)).includes(q),
      )
      .sort(
        (x, y) =>
          instant(y.published_at) - instant(x.published_at) ||
          String(y.code).localeCompare(String(x.code), 'en', { numeric: true }),
      )
      .map((a) => this.summary(a));
    return pageOf(list, page, perPage);
  }

  summary(a) {
    const s = { ...a, comment_count: this.commentCount(String(a.code)) };
    for (const k of ARTICLE_ONLY) delete s[k];
    return s;
  }

  fullArticle(code) {
    const a = this.article(code);
    return { ...a, comment_count: this.commentCount(code) };
  }

  countView(code) {
    const a = this.article(code);
    if (typeof a.views !== 'number') {
      throw new HttpError(404, 'not_found', 'Views are not counted for this article');
    }
    a.views += 1;
    return { views: a.views };
  }

  comments(code, params) {
    this.article(code);
    const { page, perPage } = paging(params, 50);
    const list = [...this.publishedComments(code)].sort(
      (x, y) => instant(x.created_at) - instant(y.created_at),
    );
    return pageOf(list, page, perPage);
  }

  newCaptcha() {
    const s = this.state;
    s.captchaSeq += 1;
    const id = `cap-${s.captchaSeq}`;
    const answer = captchaAnswer(s.captchaSeq);
    const ttl = this.control.captchaTtlS;
    s.captchas.set(id, { answer, expiresAt: Date.now() + ttl * 1000 });
    if (s.captchas.size > 1000) s.captchas.delete(s.captchas.keys().next().value);
    s.lastCaptchaId = id;
    return {
      id,
      image: captchaImage(answer),
      width: 160,
      height: 50,
      expires_at: tehranTime(ttl),
    };
  }

  /** Adds `a` (a whole Article) or replaces the article with its code; true if replaced. */
  putArticle(a) {
    if (!a || typeof a !== 'object' || Array.isArray(a)) {
      throw new HttpError(400, 'validation_failed', 'Send one Article as a JSON object');
    }
    const fields = {};
    const isId = (v) => (typeof v === 'string' && v !== '') || Number.isInteger(v);
    if (!isId(a.code)) fields.code = 'must be a non-empty string or an integer';
    for (const k of ['title', 'published_at', 'body_html']) {
      if (typeof a[k] !== 'string') fields[k] = 'must be a string';
    }
    if (a.groups !== undefined && !Array.isArray(a.groups)) fields.groups = 'must be an array';
    const { comments, ...article } = a;
    if (comments !== undefined) {
      const isComment = (c) =>
        c && typeof c === 'object' && isId(c.id) &&
        ['author_name', 'body', 'created_at'].every((k) => typeof c[k] === 'string');
      if (!Array.isArray(comments) || !comments.every(isComment)) {
        fields.comments = 'must be an array of Comments (id, author_name, body, created_at)';
      }
    }
    if (Object.keys(fields).length) {
      throw new HttpError(400, 'validation_failed', 'Not an Article', fields);
    }
    const code = String(a.code);
    const replaced = this.state.articles.has(code);
    this.state.articles.set(code, clone(article));
    if (comments !== undefined) this.state.comments.set(code, clone(comments));
    return { code, replaced };
  }

  /** POST /__generate: `count` small articles in one group (see the header). */
  generate(b) {
    if (!b || typeof b !== 'object' || Array.isArray(b)) {
      throw new HttpError(400, 'validation_failed', 'Send a JSON object');
    }
    const fields = {};
    const g = b.group;
    const isText = (v) => typeof v === 'string' && v.trim() !== '';
    if (!g || typeof g !== 'object' || !isText(g.slug) || !isText(g.name)) {
      fields.group = 'must be an object with non-empty "slug" and "name" strings';
    } else if (g.description !== undefined && typeof g.description !== 'string') {
      fields.group = '"description" must be a string';
    }
    if (!(Number.isInteger(b.count) && b.count >= 1 && b.count <= MAX_GENERATED)) {
      fields.count = `must be a whole number from 1 to ${MAX_GENERATED}`;
    }
    if (b.first_code !== undefined && !(Number.isSafeInteger(b.first_code) && b.first_code >= 1)) {
      fields.first_code = 'must be a whole number of 1 or more';
    }
    const start = b.start === undefined ? GENERATED_START : Date.parse(b.start);
    if (typeof start !== 'number' || Number.isNaN(start) || (b.start !== undefined && typeof b.start !== 'string')) {
      fields.start = 'must be an ISO 8601 date-time string';
    }
    if (Object.keys(fields).length) throw new HttpError(400, 'validation_failed', 'Bad generate request', fields);

    const { articles, groups } = this.state;
    let first = b.first_code;
    if (first === undefined) {
      let largest = GENERATED_FIRST_CODE - 1;
      for (const code of articles.keys()) {
        if (/^\d{1,15}$/.test(code)) largest = Math.max(largest, Number(code));
      }
      first = largest + 1;
    }
    const ref = { slug: g.slug, name: g.name };
    if (!groups.some((x) => x.slug === g.slug)) {
      groups.push(g.description === undefined ? { ...ref } : { ...ref, description: g.description });
    }
    const n = b.count;
    for (let i = 1; i <= n; i++) {
      const code = first + i - 1;
      articles.set(String(code), {
        code,
        title: `${g.name} article ${i}`,
        lead: `Generated article ${i} of ${n}.`,
        published_at: new Date(start + (i - 1) * 60_000).toISOString().replace('.000Z', 'Z'),
        groups: [ref],
        language: 'en',
        body_html: `<p>Generated article ${i} of ${n}.</p>`,
        comments_open: true,
      });
    }
    return { group: g.slug, count: n, first_code: first, last_code: first + n - 1 };
  }

  captchaInfo(id) {
    const wanted = id || this.state.lastCaptchaId;
    const c = wanted && this.state.captchas.get(wanted);
    if (!c) return null;
    return { id: wanted, answer: c.answer, expires_at: new Date(c.expiresAt).toISOString() };
  }

  postComment(code, raw, idemKey) {
    const article = this.article(code);
    const replayKey = idemKey ? `${code}\n${idemKey}` : null;
    if (replayKey && this.state.idempotency.has(replayKey)) {
      return json(201, this.state.idempotency.get(replayKey));
    }
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'validation_failed', 'The request body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(400, 'validation_failed', 'The request body must be a JSON object');
    }
    const nc = this.validateComment(code, body);
    if (article.comments_open === false) {
      throw new HttpError(403, 'comments_closed', 'Comments are closed for this article');
    }
    this.checkCaptcha(nc.captchaId, nc.captchaAnswer);
    const all = this.state.comments.get(code) || [];
    const pendingList = this.state.pending.get(code) || [];
    const same = (c) => c.author_name === nc.author_name && c.body === nc.body;
    if (all.some(same) || pendingList.some(same)) {
      throw new HttpError(409, 'duplicate', 'This comment has already been posted');
    }
    this.state.commentSeq += 1;
    const comment = {
      id: `s${this.state.commentSeq}`,
      author_name: nc.author_name,
      body: nc.body,
      created_at: tehranTime(),
    };
    if (nc.parentId !== null) comment.parent_id = nc.parentId;
    // Links go to moderation, so tests can reach the "pending" answer.
    const pending = /https?:\/\//i.test(nc.body);
    if (pending) {
      this.state.pending.set(code, [...pendingList, comment]);
    } else {
      this.state.comments.set(code, [...all, comment]);
    }
    const accepted = { status: pending ? 'pending' : 'published', comment };
    if (replayKey) this.state.idempotency.set(replayKey, accepted);
    return json(201, accepted);
  }

  validateComment(code, b) {
    const fields = {};
    const text = (name, max, required) => {
      const v = b[name];
      if (v === undefined || v === null || v === '') {
        if (required) fields[name] = 'is required';
        return '';
      }
      if (typeof v !== 'string') {
        fields[name] = 'must be a string';
        return '';
      }
      const t = v.trim();
      if (required && !t) fields[name] = 'is required';
      else if (t.length > max) fields[name] = `must be ${max} characters or fewer`;
      return t;
    };
    const id = (name, required) => {
      const v = b[name];
      if (v === undefined || v === null || v === '') {
        if (required) fields[name] = 'is required';
        return null;
      }
      if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) return String(v);
      fields[name] = 'must be a string or an integer';
      return null;
    };
    const author_name = text('author_name', 80, true);
    const email = text('author_email', 254, false);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      fields.author_email = 'is not an e-mail address';
    }
    const body = text('body', 5000, true);
    // Keep the parent's id as the backend itself spells it (number or string).
    let parentId = id('parent_id', false);
    if (parentId !== null) {
      const parent = this.publishedComments(code).find((c) => String(c.id) === parentId);
      if (parent) parentId = parent.id;
      else fields.parent_id = 'is not a comment on this article';
    }
    const captchaId = id('captcha_id', true);
    const captchaAnswer = text('captcha_answer', 50, true);
    if (Object.keys(fields).length) {
      throw new HttpError(400, 'validation_failed', 'Some fields need attention', fields);
    }
    return { author_name, body, parentId, captchaId, captchaAnswer };
  }

  /** Every CAPTCHA is single-use: any answer, right or wrong, spends it. */
  checkCaptcha(id, answer) {
    const c = this.state.captchas.get(id);
    if (!c) throw new HttpError(400, 'captcha_expired', 'The security image has expired');
    this.state.captchas.delete(id);
    if (Date.now() > c.expiresAt) {
      throw new HttpError(400, 'captcha_expired', 'The security image has expired');
    }
    const norm = (s) => s.replace(/\s+/g, '').toUpperCase();
    if (norm(answer) !== c.answer) {
      throw new HttpError(400, 'captcha_invalid', 'The text does not match the security image');
    }
  }
}

// ---------------------------------------------------------------- captcha

const CAPTCHA_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A small seeded generator, so a given run hands out the same answers. */
function rng(seed) {
  let t = (seed * 2654435761) >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function captchaAnswer(seq) {
  const next = rng(seq);
  let s = '';
  for (let i = 0; i < 5; i++) s += CAPTCHA_ALPHABET[Math.floor(next() * CAPTCHA_ALPHABET.length)];
  return s;
}

function captchaImage(answer) {
  const next = rng(answer.charCodeAt(0) * 31 + answer.charCodeAt(4));
  const lines = [];
  for (let i = 0; i < 4; i++) {
    const y1 = Math.round(next() * 50);
    const y2 = Math.round(next() * 50);
    lines.push(`<line x1="0" y1="${y1}" x2="160" y2="${y2}" stroke="#889" stroke-width="1.5"/>`);
  }
  const letters = [...answer].map((ch, i) => {
    const x = 18 + i * 28;
    const rot = Math.round(next() * 30 - 15);
    return `<text x="${x}" y="35" transform="rotate(${rot} ${x} 30)">${ch}</text>`;
  });
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="50" viewBox="0 0 160 50">' +
    '<rect width="160" height="50" fill="#f3f1ea"/>' +
    '<g font-family="monospace" font-size="28" font-weight="bold" fill="#334">' +
    letters.join('') +
    '</g>' +
    lines.join('') +
    '</svg>';
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

// ---------------------------------------------------------------- faults

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n' +
  '</body>\r\n</html>\r\n';

const HTML_PAGE =
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Welcome</title></head>' +
  '<body><h1>Welcome to our network</h1><p>Please sign in to continue browsing.</p></body></html>\n';

const html = (status, text) => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: Buffer.from(text),
});

/** Gives the real shape wrong types: the decoder must reject it, not crash. */
function mangle(v) {
  if (Array.isArray(v)) return v.map(mangle);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'title') out[k] = 42;
    else if (k === 'published_at' || k === 'created_at') out[k] = 'yesterday';
    else if (k === 'name' && 'slug' in v) out[k] = ['x'];
    else out[k] = mangle(x);
  }
  return out;
}

/** The answer a fault gives instead of (or made from) the real one. */
async function faultAnswer(f, real) {
  switch (f.name) {
    case '500':
      return json(500, errorBody('internal', 'Database unavailable'));
    case '502-html':
      return html(502, NGINX_502);
    case 'html':
      return html(200, HTML_PAGE);
    case 'garbage':
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: Buffer.concat([Buffer.from([0x00, 0xff]), Buffer.from('<<<not json')]),
      };
    case 'truncated': {
      const r = await real();
      return { ...r, status: 200, body: r.body.subarray(0, Math.floor(r.body.length / 2)) };
    }
    case 'types': {
      const r = await real();
      return r.value === undefined ? r : json(r.status, mangle(r.value), r.headers);
    }
    case '404':
      return json(404, errorBody('not_found', 'Not found (injected fault)'));
    case '429':
      return json(429, errorBody('rate_limited', 'Too many requests, slow down'), {
        'retry-after': String(f.retryAfter ?? 5),
      });
    case 'error':
      return json(
        f.status ?? 400,
        errorBody(f.code ?? 'injected', f.message ?? 'Injected error', f.fields),
        f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
      );
    case 'empty':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.alloc(0) };
    case 'patch': {
      const r = await real();
      const v = r.value;
      return v && typeof v === 'object' && !Array.isArray(v) ? json(r.status, { ...v, ...f.patch }, r.headers) : r;
    }
    case 'big-garbage': {
      // Printable but never JSON: "<" would make it look like HTML instead.
      const body = Buffer.alloc(BIG_GARBAGE_BYTES);
      for (let i = 0; i < body.length; i++) body[i] = 0x21 + ((i * 7919) % 90);
      body[0] = 0x7e; // "~" can start no JSON value
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
    }
    case 'status-html':
      return html(f.status ?? 503, `<!DOCTYPE html><html><head><title>${f.status ?? 503}</title></head>` +
        '<body><h1>Service unavailable</h1><p>The upstream is down for maintenance.</p></body></html>\n');
    case 'status-empty':
      return { status: f.status ?? 503, headers: {}, body: Buffer.alloc(0) };
    case 'no-cors': {
      const r = await real();
      return { ...r, noCors: true };
    }
    default:
      return real();
  }
}

/** A 302 to the same path and query plus the hop markers. */
function redirectTo(url, hop, hops) {
  const next = new URL(url.href);
  next.searchParams.set('__hop', String(hop));
  next.searchParams.set('__hops', String(hops));
  return { status: 302, headers: { location: `${next.pathname}${next.search}` }, body: Buffer.alloc(0) };
}

// ---------------------------------------------------------------- server

function readBody(req, maxBytes = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > maxBytes) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () =>
      tooBig
        ? reject(new HttpError(413, 'validation_failed', 'The request body is too large'))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function send(res, answer) {
  if (res.headersSent || res.destroyed) return;
  // WordPress's answers (ownCors) carry their own CORS headers and Cache-Control.
  // Names are case-insensitive: a later one replaces an earlier one however spelt.
  const byName = new Map();
  const put = (obj) => {
    for (const [k, v] of Object.entries(obj)) {
      if (answer.noCors && k.toLowerCase().startsWith('access-control-')) continue;
      byName.set(k.toLowerCase(), [k, v]);
    }
  };
  if (!answer.noCors && !answer.ownCors) put(corsHeaders());
  // Revalidated on every use, as most APIs answer (an offline reader may
  // keep it: docs/offline.md); a CAPTCHA is never stored at all.
  if (!answer.ownCors) put({ 'cache-control': 'no-cache' });
  put(answer.headers || {});
  put({ 'content-length': String(answer.body ? answer.body.length : 0) });
  const headers = Object.fromEntries(byName.values());
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

function errorAnswer(e) {
  if (e instanceof HttpError) {
    return json(e.status, errorBody(e.code, e.message, e.fields), e.headers);
  }
  process.stderr.write(`stub: internal error: ${e && e.stack ? e.stack : e}\n`);
  return json(500, errorBody('internal', 'The stub failed to answer'));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function createServer(content, wordpressOrigin) {
  const control = freshControl();
  const api = new Api(content, control);
  const wp = new WordPressProxy(wordpressOrigin);
  const presets = new Presets(api, { json, plainText, instant });
  let requests = [];
  let seq = 0;

  /** Picks the armed fault for this request and spends one use of it. */
  function takeFault(method, pathname, rawUrl) {
    const f = control.fault;
    if (!f || method === 'OPTIONS') return null;
    if (f.method && f.method !== method) return null;
    if (f.path && f.path !== pathname) return null;
    if (f.match && !rawUrl.includes(f.match)) return null;
    f.remaining -= 1;
    if (f.remaining <= 0) control.fault = null;
    return f;
  }

  function controlView() {
    const f = control.fault;
    return {
      fault: f ? f.name : 'none',
      remaining: f ? f.remaining : 0,
      ...(f && f.method ? { method: f.method } : {}),
      ...(f && f.path ? { path: f.path } : {}),
      ...(f && f.match ? { match: f.match } : {}),
      delay_ms: control.delayMs,
      slow_ms: control.slowMs,
      captcha_ttl_seconds: control.captchaTtlS,
    };
  }

  function setControl(b) {
    if (!b || typeof b !== 'object' || Array.isArray(b)) {
      throw new HttpError(400, 'validation_failed', 'Send a JSON object');
    }
    const fields = {};
    for (const k of ['count', 'delay_ms', 'slow_ms', 'captcha_ttl_seconds', 'status', 'retry_after', 'hops']) {
      if (b[k] !== undefined && !(Number.isInteger(b[k]) && b[k] >= 0)) {
        fields[k] = 'must be a whole number of 0 or more';
      }
    }
    if (b.fault !== undefined && b.fault !== 'none' && !FAULTS.has(String(b.fault))) {
      fields.fault = `must be "none" or one of ${[...FAULTS].join(', ')}`;
    }
    if (b.fault === 'patch' && !(b.patch && typeof b.patch === 'object' && !Array.isArray(b.patch))) {
      fields.patch = 'the "patch" fault needs "patch": an object of keys to put over the answer';
    }
    if (b.status !== undefined && !(b.status >= 100 && b.status <= 599)) fields.status = 'must be 100..599';
    if (Object.keys(fields).length) throw new HttpError(400, 'validation_failed', 'Bad control request', fields);
    if (b.delay_ms !== undefined) control.delayMs = b.delay_ms;
    if (b.slow_ms !== undefined) control.slowMs = b.slow_ms;
    if (b.captcha_ttl_seconds !== undefined) control.captchaTtlS = b.captcha_ttl_seconds;
    if (b.fault === 'none') control.fault = null;
    else if (b.fault !== undefined) {
      control.fault = {
        name: String(b.fault),
        remaining: b.count === undefined ? UNTIL_RESET : b.count,
        method: typeof b.method === 'string' ? b.method.toUpperCase() : undefined,
        path: typeof b.path === 'string' ? b.path : undefined,
        match: typeof b.match === 'string' ? b.match : undefined,
        status: b.status,
        code: typeof b.code === 'string' ? b.code : undefined,
        message: typeof b.message === 'string' ? b.message : undefined,
        fields: b.fields && typeof b.fields === 'object' ? b.fields : undefined,
        retryAfter: b.retry_after,
        hops: b.hops,
        patch: b.patch && typeof b.patch === 'object' && !Array.isArray(b.patch) ? b.patch : undefined,
      };
      if (control.fault.remaining === 0) control.fault = null;
    }
    return controlView();
  }

  async function handleControl(req, pathname, url) {
    const m = req.method;
    if (pathname === '/__health' && m === 'GET') return json(200, { ok: true });
    if (pathname === '/__control' && m === 'GET') return json(200, controlView());
    if (pathname === '/__control' && m === 'POST') {
      const raw = await readBody(req);
      let b;
      try {
        b = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        throw new HttpError(400, 'validation_failed', 'The control body is not valid JSON');
      }
      return json(200, setControl(b));
    }
    if (pathname === '/__requests' && m === 'GET') return json(200, requests);
    if (pathname === '/__requests/reset' && m === 'POST') {
      requests = [];
      return json(200, { ok: true });
    }
    if (pathname === '/__reset' && m === 'POST') {
      Object.assign(control, freshControl());
      api.reset();
      requests = [];
      return json(200, { ok: true });
    }
    if (pathname === '/__articles' && m === 'POST') {
      const raw = await readBody(req, MAX_ARTICLE_BYTES);
      let a;
      try {
        a = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'validation_failed', 'The article body is not valid JSON');
      }
      return json(200, api.putArticle(a));
    }
    if (pathname.startsWith('/__articles/') && m === 'DELETE') {
      const code = decodeURIComponent(pathname.slice('/__articles/'.length));
      api.article(code); // 404 when there is none
      api.state.articles.delete(code);
      return json(200, { code, deleted: true });
    }
    if (pathname === '/__generate' && m === 'POST') {
      const raw = await readBody(req);
      let b;
      try {
        b = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'validation_failed', 'The generate body is not valid JSON');
      }
      return json(200, api.generate(b));
    }
    if (pathname === '/__captcha' && m === 'GET') {
      const info = api.captchaInfo(url.searchParams.get('id'));
      if (!info) throw new HttpError(404, 'not_found', 'No such CAPTCHA has been handed out');
      return json(200, info);
    }
    throw new HttpError(404, 'not_found', 'No such control route');
  }

  async function handleApi(req, res, pathname, url, entry, isWp = false, isPreset = false) {
    let rest;
    if (!isWp && !isPreset) {
      try {
        rest = pathname.slice('/api/'.length).split('/').map(decodeURIComponent);
      } catch {
        throw new HttpError(404, 'not_found', 'Malformed path');
      }
      if (rest.length > 1 && rest[rest.length - 1] === '') rest.pop(); // tolerate one trailing slash
    }
    let bodyPromise = null;
    const body = () => (bodyPromise ??= readBody(req));
    const real = async () => {
      if (isWp) return wp.relay(req, url, () => body().catch(() => Buffer.alloc(0)));
      if (isPreset) {
        try {
          return await presets.route(req.method, pathname, url.searchParams, `http://${req.headers.host}`, body, req.headers);
        } catch (e) {
          return errorAnswer(e);
        }
      }
      try {
        return await api.route(req.method, rest, url.searchParams, body, req.headers);
      } catch (e) {
        return errorAnswer(e);
      }
    };
    const fault = (f) => (isWp ? wp.faultAnswer(req, f, real, faultAnswer) : faultAnswer(f, real));
    // A hop of an earlier "redirect" fault: on to the next hop, or (after
    // the last) the real answer with the markers taken out of the query.
    const hop = url.searchParams.get('__hop');
    if (hop !== null) {
      const hops = url.searchParams.get('__hops');
      entry.fault = `redirect hop ${hop}`;
      if (hops === 'loop' || Number(hop) < Number(hops)) return redirectTo(url, Number(hop) + 1, hops);
      url.searchParams.delete('__hop');
      url.searchParams.delete('__hops');
      return real();
    }
    const f = takeFault(req.method, pathname, req.url);
    if (f) entry.fault = f.name;
    if (f && (f.name === 'redirect' || f.name === 'redirect-loop')) {
      return redirectTo(url, 1, f.name === 'redirect' ? (f.hops ?? 3) : 'loop');
    }
    if (f && f.name === 'endless') {
      // Headers and the start of a body, then a trickle that never completes.
      res.writeHead(200, { ...corsHeaders(), 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.write('{"code": 50844, "title": ');
      await new Promise((resolve) => {
        const timer = setInterval(() => res.write(' '), ENDLESS_TICK_MS);
        res.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
      return null;
    }
    if (f && f.name === 'slow') {
      // Hold the socket open; answer for real much later unless the client leaves.
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, control.slowMs);
        res.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) return null;
      return real();
    }
    if (f && f.name === 'reset') {
      req.socket.destroy();
      entry.status = 'reset';
      return null;
    }
    const answer = f ? await fault(f) : await real();
    if (control.delayMs > 0) await sleep(control.delayMs);
    return answer;
  }

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    let entry = null;
    res.on('close', () => {
      if (entry && entry.status === null) entry.status = res.headersSent ? res.statusCode : 'aborted';
      if (VERBOSE) {
        const tag = entry && entry.fault ? ` [fault ${entry.fault}]` : '';
        const status = res.headersSent ? res.statusCode : 'no answer';
        process.stderr.write(`${req.method} ${req.url} -> ${status}${tag} ${Date.now() - started}ms\n`);
      }
    });
    try {
      const url = new URL(req.url || '/', 'http://stub.invalid');
      const pathname = url.pathname;
      const isWp = pathname === '/wp-json' || pathname.startsWith('/wp-json/');
      const isPreset =
        pathname.startsWith('/ghost/') ||
        pathname === '/feed.json' ||
        pathname.startsWith('/bespoke/') ||
        pathname.startsWith('/content/images/') ||
        pathname.startsWith('/media/') ||
        ['/strapi/', '/directus/', '/drupal/', '/payload/', '/uploads/', '/sites/default/files/'].some((p) =>
          pathname.startsWith(p),
        );
      const isApi = pathname.startsWith('/api/') || isWp || isPreset;
      if (isApi) {
        entry = {
          seq: ++seq,
          method: req.method,
          path: pathname,
          query: Object.fromEntries(url.searchParams),
          fault: null,
          status: null,
        };
        const idemKey = req.headers['idempotency-key'];
        if (idemKey !== undefined) entry.idempotency_key = idemKey;
        const asked = req.headers['access-control-request-headers'];
        if (req.method === 'OPTIONS' && asked !== undefined) entry.preflight_headers = asked;
        requests.push(entry);
        if (requests.length > MAX_LOGGED_REQUESTS) requests.shift();
      }
      if (req.method === 'OPTIONS' && isWp) {
        send(res, await wp.relay(req, new URL(req.url || '/', 'http://stub.invalid'), () => Buffer.alloc(0)));
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...corsHeaders(), 'access-control-max-age': '600', 'content-length': '0' });
        res.end();
        return;
      }
      let answer;
      if (pathname.startsWith('/__')) answer = await handleControl(req, pathname, url);
      else if (isWp) answer = await handleApi(req, res, pathname, url, entry, true);
      else if (isPreset) answer = await handleApi(req, res, pathname, url, entry, false, true);
      else if (isApi) answer = await handleApi(req, res, pathname, url, entry);
      else answer = json(404, errorBody('not_found', 'The API lives under /api/'));
      if (answer) send(res, answer);
    } catch (e) {
      send(res, errorAnswer(e));
    }
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
const content = loadContent(opts.content);
const server = createServer(content, opts.wordpress);

process.on('uncaughtException', (e) => process.stderr.write(`stub: uncaught: ${e.stack || e}\n`));
process.on('unhandledRejection', (e) => process.stderr.write(`stub: unhandled: ${e && e.stack ? e.stack : e}\n`));
for (const sig of ['SIGINT', 'SIGTERM']) {
  // Held ("slow") sockets must not delay shutdown: exit at once.
  process.on(sig, () => process.exit(0));
}

server.on('error', (e) => fail(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`));
server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  process.stdout.write(`stub listening on ${opts.host}:${port}\n`);
});
