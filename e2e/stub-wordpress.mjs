// e2e/stub-wordpress.mjs: the stub server's WordPress mode (see the header
// of e2e/stub-server.mjs for the routes and control switches).
//
// Serves the recorded answers in e2e/fixtures/wordpress/ the way WordPress
// 6.x's REST API v2 does: the same filters, paging headers, error codes,
// messages and statuses, comment rules (anonymous comments, "name and email
// required", duplicates, floods, "previously approved" authors, closed and
// password-protected posts) and CORS headers. Behaviour follows
// wp-includes/rest-api/ (class-wp-rest-server.php, the posts, terms and
// comments controllers) and wp_allow_comment()/check_comment().
//
// The fixtures name the site https://newsroom.example.org; every answer
// rewrites that origin to the stub's own (http://HOST:PORT from the Host
// header), so links, images and paging URLs point back at the stub.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.join(HERE, 'fixtures/wordpress');
const FIXTURE_ORIGIN = 'https://newsroom.example.org';
const SITE_OFFSET_FALLBACK_MIN = 210; // Asia/Tehran since 2022

// WordPress's own defaults (wp-admin/includes/schema.php, class-wp-rest-server.php).
const DEFAULT_ALLOW_HEADERS = ['Authorization', 'X-WP-Nonce', 'Content-Disposition', 'Content-MD5', 'Content-Type'];
const EXPOSE_HEADERS = 'X-WP-Total, X-WP-TotalPages, Link';
const CORS_METHODS = 'OPTIONS, GET, POST, PUT, PATCH, DELETE';
const FLOOD_SECONDS = 15; // wp_throttle_comment_flood()
const COMMENT_MAX_LINKS = 2; // option comment_max_links
const MAX_LENGTHS = { comment_author: 245, comment_author_email: 100, comment_author_url: 200, comment_content: 65525 };
const KSES_TAGS = {
  a: ['href', 'title'], abbr: ['title'], acronym: ['title'], b: [], blockquote: ['cite'], cite: [], code: [],
  del: ['datetime'], em: [], i: [], q: ['cite'], s: [], strike: [], strong: [],
};

/** The control switches and their defaults (a stock WordPress plus the anonymous-comments filter). */
function defaultSettings() {
  return {
    anonymous_comments: true, // the rest_allow_anonymous_comments filter returns true
    comment_registration: false, // "Users must be registered and logged in to comment"
    require_name_email: true, // "Comment author must fill out name and email" (WordPress default)
    comment_moderation: false, // "Comment must be manually approved"
    comment_previously_approved: true, // "Comment author must have a previously approved comment"
    flood_seconds: FLOOD_SECONDS, // 0 turns the flood check off
    close_comments_days_old: 0, // >0: "Automatically close comments on posts older than N days"
    deleted_posts: [], // post ids deleted since the recording
    cors_allow_headers: [], // added by a rest_allowed_cors_headers filter
  };
}

const clone = (v) => structuredClone(v);

function readFixture(dir, name) {
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
}

class WpError extends Error {
  constructor(code, message, status, extra = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.extra = extra;
  }
}

/** WordPress's error body. */
export const wpErrorBody = (code, message, status, extra = {}) => ({ code, message, data: { status, ...extra } });

/** JSON as WordPress's wp_json_encode() writes it: "\/" and \uXXXX escapes. */
function wireJson(value) {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function rewriteOrigin(value, origin) {
  if (typeof value === 'string') return value.split(FIXTURE_ORIGIN).join(origin);
  if (Array.isArray(value)) return value.map((v) => rewriteOrigin(v, origin));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewriteOrigin(v, origin);
    return out;
  }
  return value;
}

const decodeEntities = (s) =>
  String(s ?? '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&hellip;/g, '…')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const plain = (html) => decodeEntities(String(html ?? '').replace(/<[^>]*>/g, ' '));

/** The site's local time (Asia/Tehran) for a GMT instant, WordPress's format. */
function siteTime(ms) {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
      }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  } catch {
    return new Date(ms + SITE_OFFSET_FALLBACK_MIN * 60_000).toISOString().slice(0, 19);
  }
}
const gmtStamp = (ms) => new Date(ms).toISOString().slice(0, 19);
const gmtMs = (s) => Date.parse(`${s}Z`);

// ---------------------------------------------------------------- comment text filters

/** wp_filter_kses for a visitor: only a few inline tags, only a few attributes. */
function kses(html) {
  return html.replace(/<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/gi, (all, close, tagName, attrs) => {
    const tag = tagName.toLowerCase();
    const allowed = KSES_TAGS[tag];
    if (!allowed) return '';
    if (close) return `</${tag}>`;
    const kept = [];
    for (const m of attrs.matchAll(/([a-z-]+)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
      const name = m[1].toLowerCase();
      const value = m[3] ?? m[4] ?? '';
      if (!allowed.includes(name)) continue;
      if ((name === 'href' || name === 'cite') && !/^(https?:|mailto:)/i.test(value.trim())) continue;
      kept.push(` ${name}="${value.replace(/"/g, '&quot;')}"`);
    }
    return `<${tag}${kept.join('')}>`;
  });
}

/** Applies `fn` to the text between tags only. */
const outsideTags = (html, fn) => html.split(/(<[^>]*>)/).map((part, i) => (i % 2 ? part : fn(part))).join('');

function texturize(text) {
  return text
    .replace(/&(?!#?[a-z0-9]+;)/gi, '&#038;')
    .replace(/\.\.\./g, '&#8230;')
    .replace(/ -- /g, ' &#8212; ')
    .replace(/ - /g, ' &#8211; ')
    .replace(/"([^"]*)"/g, '&#8220;$1&#8221;')
    .replace(/(\w)'(\w)/g, '$1&#8217;$2')
    .replace(/'/g, '&#8217;');
}

/** The comment_text filters: make_clickable, wptexturize, convert_chars, wpautop. */
function renderComment(raw) {
  let html = outsideTags(raw, (t) =>
    t.replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, '$1<a href="$2" rel="nofollow ugc">$2</a>'),
  );
  html = outsideTags(html, texturize);
  const paras = html.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paras.map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>\n`).join('');
}

/** sanitize_text_field, then pre_comment_author_name's _wp_specialchars. */
function authorName(s) {
  const text = String(s).replace(/<[^>]*>/g, '').replace(/[\r\n\t ]+/g, ' ').trim();
  return text.replace(/&(?!#?[a-z0-9]+;)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const gravatarHash = (email) => crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
const isEmail = (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length >= 6;

// ---------------------------------------------------------------- images

const pngCache = new Map();

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A width x height PNG: two soft bands of colour picked from `seed`. */
function png(width, height, seed) {
  const key = `${width}x${height}:${seed}`;
  if (pngCache.has(key)) return pngCache.get(key);
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const top = [90 + (h & 0x7f), 90 + ((h >>> 8) & 0x7f), 90 + ((h >>> 16) & 0x7f)];
  const bottom = top.map((v) => Math.max(0, v - 60));
  const row = (rgb) => {
    const r = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) r.set(rgb, 1 + x * 3);
    return r;
  };
  const a = row(top);
  const b = row(bottom);
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => (y < height * 0.62 ? a : b)));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const out = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  if (pngCache.size > 200) pngCache.clear();
  pngCache.set(key, out);
  return out;
}

// ---------------------------------------------------------------- the site

export class WordPress {
  constructor(dir = FIXTURES_DIR) {
    this.fixtures = {
      posts: readFixture(dir, 'posts.json'),
      categories: readFixture(dir, 'categories.json'),
      tags: readFixture(dir, 'tags.json'),
      comments: readFixture(dir, 'comments.json'),
    };
    // Every uploaded file the recorded media name, by path, with its size.
    this.uploads = new Map();
    for (const p of this.fixtures.posts) {
      for (const m of p._embedded?.['wp:featuredmedia'] ?? []) {
        for (const s of Object.values(m.media_details?.sizes ?? {})) {
          this.uploads.set(new URL(s.source_url).pathname, { width: s.width, height: s.height, seed: m.slug });
        }
        this.uploads.set(new URL(m.source_url).pathname, { width: m.media_details.width, height: m.media_details.height, seed: m.slug });
      }
    }
    this.reset();
  }

  /** Back to the recording: its comments, the default switches. */
  reset() {
    this.comments = clone(this.fixtures.comments);
    this.nextCommentId = Math.max(0, ...this.comments.map((c) => c.id)) + 1;
    this.settings = defaultSettings();
  }

  /** Applies control switches; returns {field: problem} for bad ones (nothing applied then). */
  configure(b) {
    const fields = {};
    if (!b || typeof b !== 'object' || Array.isArray(b)) return { wordpress: 'must be an object' };
    const defaults = defaultSettings();
    for (const [k, v] of Object.entries(b)) {
      if (!(k in defaults)) fields[`wordpress.${k}`] = 'is not a WordPress switch';
      else if (typeof defaults[k] === 'boolean' && typeof v !== 'boolean') fields[`wordpress.${k}`] = 'must be true or false';
      else if (typeof defaults[k] === 'number' && !(Number.isInteger(v) && v >= 0)) fields[`wordpress.${k}`] = 'must be a whole number of 0 or more';
      else if (k === 'deleted_posts' && !(Array.isArray(v) && v.every(Number.isInteger))) fields[`wordpress.${k}`] = 'must be an array of post ids';
      else if (k === 'cors_allow_headers' && !(Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[A-Za-z0-9-]+$/.test(x)))) {
        fields[`wordpress.${k}`] = 'must be an array of header names';
      }
    }
    if (Object.keys(fields).length) return fields;
    Object.assign(this.settings, clone(b));
    return null;
  }

  settingsView() {
    return clone(this.settings);
  }

  // ------------------------------------------------------------ HTTP plumbing

  /** Headers every REST answer carries (rest_send_cors_headers + serve_request). */
  restHeaders(req, origin) {
    const h = {
      'X-Robots-Tag': 'noindex',
      Link: `<${origin}/wp-json/>; rel="https://api.w.org/"`,
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Expose-Headers': EXPOSE_HEADERS,
      'Access-Control-Allow-Headers': [...DEFAULT_ALLOW_HEADERS, ...this.settings.cors_allow_headers].join(', '),
    };
    const from = req.headers.origin;
    if (from) {
      h['Access-Control-Allow-Origin'] = from;
      h['Access-Control-Allow-Methods'] = CORS_METHODS;
      h['Access-Control-Allow-Credentials'] = 'true';
      h.Vary = 'Origin';
    }
    return h;
  }

  /**
   * A JSON answer with WordPress's headers. `extra.links` (rel=prev/next)
   * become one Link header, which (as PHP's header() replaces it) takes the
   * place of the api.w.org one.
   */
  answer(req, origin, status, value, extra = {}) {
    const v = rewriteOrigin(value, origin);
    const { links = [], ...rest } = extra;
    const headers = { ...this.restHeaders(req, origin), ...rest };
    if (links.length) headers.Link = rewriteOrigin(links, origin).join(', ');
    return {
      status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
      body: Buffer.from(wireJson(v)),
      value: v,
      ownCors: true,
    };
  }

  errorAnswer(req, origin, e) {
    if (e instanceof WpError) return this.answer(req, origin, e.status, wpErrorBody(e.code, e.message, e.status, e.extra));
    process.stderr.write(`stub (wordpress): internal error: ${e && e.stack ? e.stack : e}\n`);
    return this.answer(req, origin, 500, {
      code: 'internal_server_error',
      message: '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
      data: { status: 500 },
      additional_errors: [],
    });
  }

  /** The answer to a CORS preflight (WordPress answers OPTIONS itself). */
  preflight(req, origin, pathname) {
    const route = this.routeName(pathname);
    const methods = route === 'comments' ? ['GET', 'POST'] : ['GET'];
    return this.answer(req, origin, 200, { namespace: 'wp/v2', methods, endpoints: [{ methods, args: {} }] }, { Allow: methods.join(', ') });
  }

  /** Answers from the faults of /__control, in WordPress's shape where they are errors. */
  async faultAnswer(req, origin, f, real, nativeFault) {
    switch (f.name) {
      case '500':
        return this.errorAnswer(req, origin, new Error('injected 500'));
      case '404':
        return this.answer(req, origin, 404, wpErrorBody('rest_no_route', 'No route was found matching the URL and request method.', 404));
      case '429':
        return this.answer(req, origin, 429, wpErrorBody('too_many_requests', 'Too many requests, slow down.', 429), {
          'Retry-After': String(f.retryAfter ?? 5),
        });
      case 'error': {
        const status = f.status ?? 400;
        return this.answer(req, origin, status, wpErrorBody(f.code ?? 'injected', f.message ?? 'Injected error', status, f.fields ? { params: f.fields } : {}),
          f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {});
      }
      default:
        return nativeFault(f, real);
    }
  }

  /** GET /wp-content/uploads/...: the recorded media files, drawn on demand. */
  upload(pathname) {
    const u = this.uploads.get(pathname);
    if (!u) {
      return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from('<!DOCTYPE html><title>Page not found</title><h1>Not found</h1>\n') };
    }
    return {
      status: 200,
      headers: { 'content-type': 'image/png', 'cache-control': 'max-age=31536000', 'access-control-allow-origin': '*' },
      body: png(u.width, u.height, u.seed),
    };
  }

  routeName(pathname) {
    const rest = pathname.replace(/^\/wp-json\/?/, '').replace(/\/$/, '');
    if (rest === 'wp/v2/comments') return 'comments';
    return rest;
  }

  /** Serves one REST request; never throws. */
  async route(req, url, readBody, origin) {
    try {
      return await this.dispatch(req, url, readBody, origin);
    } catch (e) {
      return this.errorAnswer(req, origin, e);
    }
  }

  async dispatch(req, url, readBody, origin) {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    let route;
    try {
      route = decodeURIComponent(url.pathname).replace(/^\/wp-json\/?/, '').replace(/\/+$/, '');
    } catch {
      route = '\u0000';
    }
    const q = url.searchParams;
    const ctx = { req, origin, q };
    const only = (methods) => {
      if (!methods.includes(method)) throw new WpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
    };
    if (route === '') {
      only(['GET']);
      return this.answer(req, origin, 200, this.index(), { Allow: 'GET' });
    }
    if (route === 'wp/v2') {
      only(['GET']);
      return this.answer(req, origin, 200, { namespace: 'wp/v2', routes: {}, _links: { up: [{ href: `${FIXTURE_ORIGIN}/wp-json/` }] } }, { Allow: 'GET' });
    }
    let m;
    if (route === 'wp/v2/posts') {
      only(['GET']);
      return this.posts(ctx);
    }
    if ((m = /^wp\/v2\/posts\/(\d+)$/.exec(route))) {
      only(['GET']);
      return this.post(ctx, Number(m[1]));
    }
    if (route === 'wp/v2/categories' || route === 'wp/v2/tags') {
      only(['GET']);
      return this.terms(ctx, route.endsWith('tags') ? 'tags' : 'categories');
    }
    if ((m = /^wp\/v2\/(categories|tags)\/(\d+)$/.exec(route))) {
      only(['GET']);
      const t = this.fixtures[m[1]].find((x) => x.id === Number(m[2]));
      if (!t) throw new WpError('rest_term_invalid', 'Term does not exist.', 404);
      return this.answer(req, origin, 200, t, { Allow: 'GET' });
    }
    if (route === 'wp/v2/comments') {
      only(['GET', 'POST']);
      if (method === 'GET') return this.listComments(ctx);
      return this.createComment(ctx, await readBody());
    }
    if ((m = /^wp\/v2\/comments\/(\d+)$/.exec(route))) {
      only(['GET']);
      return this.oneComment(ctx, Number(m[1]));
    }
    throw new WpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  }

  index() {
    return {
      name: 'The Newsroom',
      description: 'City news, culture and technology',
      url: FIXTURE_ORIGIN,
      home: FIXTURE_ORIGIN,
      gmt_offset: '3.5',
      timezone_string: 'Asia/Tehran',
      page_for_posts: 0,
      page_on_front: 0,
      show_on_front: 'posts',
      namespaces: ['oembed/1.0', 'wp/v2', 'wp-site-health/v1', 'wp-block-editor/v1'],
      authentication: [],
      routes: {},
      site_logo: 0,
      site_icon: 0,
      site_icon_url: '',
      _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
    };
  }

  // ------------------------------------------------------------ parameters

  /** An integer parameter as WordPress validates it (rest_validate_value_from_schema). */
  intParam(q, name, { def, min, max }) {
    if (!q.has(name)) return def;
    const raw = q.get(name).trim();
    if (!/^-?\d+$/.test(raw)) {
      throw invalidParam(name, `${name} is not of type integer.`, 'rest_invalid_type');
    }
    const v = Number(raw);
    if (max !== undefined && (v < min || v > max)) {
      throw invalidParam(name, `${name} must be between ${min} (inclusive) and ${max} (inclusive)`, 'rest_out_of_bounds');
    }
    if (v < min) throw invalidParam(name, `${name} must be greater than or equal to ${min}`, 'rest_out_of_bounds');
    return v;
  }

  idList(q, name) {
    if (!q.has(name)) return null;
    const parts = q.getAll(name).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
    for (const p of parts) {
      if (!/^\d+$/.test(p)) throw invalidParam(name, `${name}[0] is not of type integer.`, 'rest_invalid_type');
    }
    return parts.map(Number);
  }

  enumParam(q, name, allowed, def) {
    if (!q.has(name)) return def;
    const v = q.get(name);
    if (!allowed.includes(v)) throw invalidParam(name, `${name} is not one of ${allowed.join(', ')}.`, 'rest_not_in_enum');
    return v;
  }

  /** X-WP-Total, X-WP-TotalPages and rel=prev/next links, as the controllers send them. */
  pagingHeaders(ctx, routePath, total, page, perPage) {
    const maxPages = Math.ceil(total / perPage);
    const link = [];
    const at = (n) => {
      const params = new URLSearchParams(ctx.q);
      params.set('page', String(n));
      return `<${FIXTURE_ORIGIN}/wp-json/${routePath}?${params.toString()}>`;
    };
    if (page > 1) link.push(`${at(Math.min(page - 1, Math.max(maxPages, 1)))}; rel="prev"`);
    if (maxPages > page) link.push(`${at(page + 1)}; rel="next"`);
    return { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(maxPages), links: link, Allow: routePath.endsWith('comments') ? 'GET, POST' : 'GET' };
  }

  // ------------------------------------------------------------ posts

  livePosts() {
    const gone = new Set(this.settings.deleted_posts);
    return this.fixtures.posts.filter((p) => !gone.has(p.id));
  }

  findPost(id) {
    return this.livePosts().find((p) => p.id === id) || null;
  }

  /** One post as served: `_embedded` only with _embed, its replies as they are now. */
  servePost(p, q) {
    const { _embedded, ...post } = clone(p);
    if (!q.has('_embed')) return post;
    const raw = q.get('_embed');
    const wanted = raw === '' || raw === '1' || raw === 'true' ? null : raw.split(/[\s,]+/).filter(Boolean);
    const embedded = {};
    const replies = this.approvedOf(p.id)
      .sort((a, b) => b.date_gmt.localeCompare(a.date_gmt) || b.id - a.id)
      .slice(0, 10)
      .map((c) => this.commentEmbed(c));
    for (const rel of Object.keys(post._links)) {
      if (wanted && !wanted.includes(rel)) continue;
      if (rel === 'replies') {
        if (replies.length) embedded.replies = [replies];
      } else if (_embedded[rel]) {
        embedded[rel] = _embedded[rel];
      }
    }
    return Object.keys(embedded).length ? { ...post, _embedded: embedded } : post;
  }

  posts(ctx) {
    const { q } = ctx;
    const page = this.intParam(q, 'page', { def: 1, min: 1 });
    const perPage = this.intParam(q, 'per_page', { def: 10, min: 1, max: 100 });
    const order = this.enumParam(q, 'order', ['asc', 'desc'], 'desc');
    const orderby = this.enumParam(q, 'orderby', ['author', 'date', 'id', 'include', 'modified', 'parent', 'relevance', 'slug', 'include_slugs', 'title'], 'date');
    const cats = this.idList(q, 'categories');
    const catsExclude = this.idList(q, 'categories_exclude');
    const tags = this.idList(q, 'tags');
    const include = this.idList(q, 'include');
    const exclude = this.idList(q, 'exclude');
    const search = (q.get('search') ?? '').trim();
    if (orderby === 'relevance' && !search) {
      throw invalidParam('orderby', 'You need to define a search term to order by relevance.', 'rest_no_search_term_defined');
    }
    const slugs = q.has('slug') ? q.getAll('slug').flatMap((s) => s.split(',')).map((s) => s.trim()) : null;
    // WP_Query's search: every word (or "quoted phrase") in the title, excerpt
    // or content; password-protected posts are left out for visitors.
    const terms = [...search.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => (m[1] ?? m[2]).toLowerCase());
    let list = this.livePosts().filter((p) => {
      if (cats && !p.categories.some((c) => cats.includes(c))) return false;
      if (catsExclude && p.categories.some((c) => catsExclude.includes(c))) return false;
      if (tags && !p.tags.some((t) => tags.includes(t))) return false;
      if (include && !include.includes(p.id)) return false;
      if (exclude && exclude.includes(p.id)) return false;
      if (slugs && !slugs.includes(p.slug)) return false;
      if (terms.length) {
        if (p.content.protected) return false;
        const hay = `${plain(p.title.rendered)}\n${plain(p.excerpt.rendered)}\n${plain(p.content.rendered)}`.toLowerCase();
        return terms.every((t) => (t.startsWith('-') && t.length > 1 ? !hay.includes(t.slice(1)) : hay.includes(t)));
      }
      return true;
    });
    const key = {
      date: (p) => p.date_gmt, modified: (p) => p.modified_gmt, id: (p) => p.id, slug: (p) => p.slug,
      title: (p) => plain(p.title.rendered).toLowerCase(), author: (p) => p.author, parent: () => 0,
      include: (p) => (include ? include.indexOf(p.id) : 0), include_slugs: (p) => (slugs ? slugs.indexOf(p.slug) : 0), relevance: (p) => p.date_gmt,
    }[orderby];
    const sign = order === 'asc' ? 1 : -1;
    list = list.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sign || (a.id - b.id) * sign;
    });
    const total = list.length;
    const maxPages = Math.ceil(total / perPage);
    if (page > maxPages && total > 0) {
      throw new WpError('rest_post_invalid_page_number', 'The page number requested is larger than the number of pages available.', 400);
    }
    const items = list.slice((page - 1) * perPage, page * perPage).map((p) => this.servePost(p, q));
    return this.answer(ctx.req, ctx.origin, 200, items, this.pagingHeaders(ctx, 'wp/v2/posts', total, page, perPage));
  }

  post(ctx, id) {
    const p = this.findPost(id);
    if (!p) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    if (ctx.q.has('password')) {
      // The recording has no protected content to reveal; a wrong password is what WordPress says to any guess.
      if (p.content.protected) throw new WpError('rest_post_incorrect_password', 'Incorrect post password.', 403);
    }
    return this.answer(ctx.req, ctx.origin, 200, this.servePost(p, ctx.q), { Allow: 'GET' });
  }

  // ------------------------------------------------------------ categories, tags

  terms(ctx, kind) {
    const { q } = ctx;
    const page = this.intParam(q, 'page', { def: 1, min: 1 });
    const perPage = this.intParam(q, 'per_page', { def: 10, min: 1, max: 100 });
    const order = this.enumParam(q, 'order', ['asc', 'desc'], 'asc');
    const orderby = this.enumParam(q, 'orderby', ['id', 'include', 'name', 'slug', 'include_slugs', 'term_group', 'description', 'count'], 'name');
    const include = this.idList(q, 'include');
    const exclude = this.idList(q, 'exclude');
    const postIds = this.idList(q, 'post');
    const parent = kind === 'categories' && q.has('parent') ? this.intParam(q, 'parent', { def: 0, min: 0 }) : null;
    const hideEmpty = q.get('hide_empty') === 'true' || q.get('hide_empty') === '1';
    const slugs = q.has('slug') ? q.getAll('slug').flatMap((s) => s.split(',')).map((s) => s.trim()) : null;
    const search = (q.get('search') ?? '').trim().toLowerCase();
    let list = this.fixtures[kind].filter((t) => {
      if (include && !include.includes(t.id)) return false;
      if (exclude && exclude.includes(t.id)) return false;
      if (parent !== null && t.parent !== parent) return false;
      if (hideEmpty && !t.count) return false;
      if (slugs && !slugs.includes(t.slug)) return false;
      if (search && !`${decodeEntities(t.name)} ${t.slug}`.toLowerCase().includes(search)) return false;
      if (postIds) {
        const field = kind === 'categories' ? 'categories' : 'tags';
        if (!this.livePosts().some((p) => postIds.includes(p.id) && p[field].includes(t.id))) return false;
      }
      return true;
    });
    const key = {
      id: (t) => t.id, name: (t) => decodeEntities(t.name).toLowerCase(), slug: (t) => t.slug, count: (t) => t.count,
      description: (t) => t.description, term_group: () => 0, include: (t) => (include ? include.indexOf(t.id) : 0),
      include_slugs: (t) => (slugs ? slugs.indexOf(t.slug) : 0),
    }[orderby];
    const sign = order === 'asc' ? 1 : -1;
    list = list.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sign || (a.id - b.id);
    });
    const total = list.length;
    const items = list.slice((page - 1) * perPage, page * perPage);
    return this.answer(ctx.req, ctx.origin, 200, items, this.pagingHeaders(ctx, `wp/v2/${kind}`, total, page, perPage));
  }

  // ------------------------------------------------------------ comments

  approvedOf(postId) {
    return this.comments.filter((c) => c.post === postId && c.status === 'approved');
  }

  /** A stored (edit-context) comment in the view context a visitor gets. */
  commentView(c) {
    const { author_email, author_ip, author_user_agent, content, ...rest } = c;
    return {
      id: rest.id, post: rest.post, parent: rest.parent, author: rest.author, author_name: rest.author_name,
      author_url: rest.author_url, date: rest.date, date_gmt: rest.date_gmt, content: { rendered: content.rendered },
      link: rest.link, status: rest.status, type: rest.type, author_avatar_urls: rest.author_avatar_urls, meta: rest.meta,
      _links: rest._links,
    };
  }

  commentEmbed(c) {
    const v = this.commentView(c);
    const { post, date_gmt, status, meta, ...embed } = v;
    return embed;
  }

  /** check_read_post_permission for a visitor: published, and no password. */
  readablePost(p) {
    return p && !p.content.protected;
  }

  listComments(ctx) {
    const { q } = ctx;
    const page = this.intParam(q, 'page', { def: 1, min: 1 });
    const perPage = this.intParam(q, 'per_page', { def: 10, min: 1, max: 100 });
    const order = this.enumParam(q, 'order', ['asc', 'desc'], 'desc');
    const orderby = this.enumParam(q, 'orderby', ['date', 'date_gmt', 'id', 'include', 'post', 'parent', 'type'], 'date_gmt');
    const postIds = this.idList(q, 'post');
    const parents = this.idList(q, 'parent');
    for (const id of postIds ?? []) {
      const p = this.findPost(id);
      if (id !== 0 && p && !this.readablePost(p)) {
        throw new WpError('rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.', 401);
      }
      if (id === 0) throw new WpError('rest_cannot_read', 'Sorry, you are not allowed to read comments without a post.', 401);
    }
    const forbidden = [];
    if (q.has('status') && q.get('status') !== 'approve') forbidden.push('status');
    if (q.has('type') && q.get('type') !== 'comment') forbidden.push('type');
    for (const p of ['author', 'author_exclude', 'author_email']) if (q.get(p)) forbidden.push(p);
    if (forbidden.length) {
      throw new WpError('rest_forbidden_param', `Query parameter not permitted: ${forbidden.join(', ')}`, 401);
    }
    const live = new Set(this.livePosts().map((p) => p.id));
    let list = this.comments.filter(
      (c) => c.status === 'approved' && live.has(c.post) && (!postIds || postIds.includes(c.post)) && (!parents || parents.includes(c.parent)),
    );
    const key = { date: (c) => c.date_gmt, date_gmt: (c) => c.date_gmt, id: (c) => c.id, include: (c) => c.id, post: (c) => c.post, parent: (c) => c.parent, type: () => 0 }[orderby];
    const sign = order === 'asc' ? 1 : -1;
    list = list.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return ((x < y ? -1 : x > y ? 1 : 0) || a.id - b.id) * sign;
    });
    const total = list.length;
    const items = list.slice((page - 1) * perPage, page * perPage).map((c) => this.commentView(c));
    return this.answer(ctx.req, ctx.origin, 200, items, this.pagingHeaders(ctx, 'wp/v2/comments', total, page, perPage));
  }

  oneComment(ctx, id) {
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw new WpError('rest_comment_invalid_id', 'Invalid comment ID.', 404);
    const p = this.fixtures.posts.find((x) => x.id === c.post);
    if (!this.findPost(c.post)) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    if (c.status !== 'approved') throw new WpError('rest_cannot_read', 'Sorry, you are not allowed to read this comment.', 401);
    if (!this.readablePost(p)) throw new WpError('rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.', 401);
    return this.answer(ctx.req, ctx.origin, 200, this.commentView(c), { Allow: 'GET' });
  }

  /** POST wp/v2/comments as a visitor (not logged in), step by step as WordPress takes it. */
  createComment(ctx, raw) {
    const { req } = ctx;
    const type = String(req.headers['content-type'] || '').toLowerCase();
    let body = {};
    const text = raw.toString('utf8');
    if (type.includes('application/json')) {
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw new WpError('rest_invalid_json', 'Invalid JSON body passed.', 400, { json_error_code: 4, json_error_message: 'Syntax error' });
        }
      }
    } else if (type.includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(text));
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) body = {};
    // Query-string parameters count too, as in WP_REST_Request.
    const param = (k) => (body[k] !== undefined ? body[k] : ctx.q.has(k) ? ctx.q.get(k) : undefined);

    // Schema validation of the arguments.
    const intArg = (k) => {
      const v = param(k);
      if (v === undefined || v === null) return 0;
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
      throw invalidParam(k, `${k} is not of type integer.`, 'rest_invalid_type');
    };
    const postId = intArg('post');
    const parentId = intArg('parent');
    for (const k of ['author_name', 'author_url']) {
      const v = param(k);
      if (v !== undefined && typeof v !== 'string') throw invalidParam(k, `${k} is not of type string.`, 'rest_invalid_type');
    }
    const emailRaw = param('author_email');
    if (emailRaw !== undefined && typeof emailRaw !== 'string') throw invalidParam('author_email', 'author_email is not of type string.', 'rest_invalid_type');
    if (emailRaw && !isEmail(emailRaw.trim())) throw invalidParam('author_email', 'Invalid email address.', 'rest_invalid_email');

    // create_item_permissions_check
    const s = this.settings;
    if (s.comment_registration || !s.anonymous_comments) {
      throw new WpError('rest_comment_login_required', 'Sorry, you must be logged in to comment.', 401);
    }
    for (const k of ['author', 'author_ip', 'status']) {
      if (param(k) !== undefined) {
        throw new WpError(`rest_comment_invalid_${k}`, `Sorry, you are not allowed to edit '${k}' for comments.`, 401);
      }
    }
    if (!postId) {
      throw new WpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403);
    }
    const post = this.findPost(postId);
    if (!post) {
      throw new WpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403);
    }
    if (!this.readablePost(post)) {
      throw new WpError('rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.', 401);
    }
    const oldEnough =
      s.close_comments_days_old > 0 && Date.now() - gmtMs(post.date_gmt) > s.close_comments_days_old * 86_400_000;
    if (post.comment_status !== 'open' || oldEnough) {
      throw new WpError('rest_comment_closed', 'Sorry, comments are closed for this item.', 403);
    }

    // create_item
    if (param('id') !== undefined) throw new WpError('rest_comment_exists', 'Cannot create existing comment.', 400);
    if (param('type') !== undefined && param('type') !== 'comment') {
      throw new WpError('rest_invalid_comment_type', 'Cannot create a comment with that type.', 400);
    }
    const contentParam = param('content');
    let content = '';
    if (typeof contentParam === 'string') content = contentParam.trim();
    else if (contentParam && typeof contentParam === 'object' && typeof contentParam.raw === 'string') content = contentParam.raw.trim();
    if (content === '') throw new WpError('rest_comment_content_invalid', 'Invalid comment content.', 400);
    const name = typeof param('author_name') === 'string' ? authorName(param('author_name')) : '';
    const email = typeof emailRaw === 'string' ? emailRaw.trim() : '';
    const url = typeof param('author_url') === 'string' ? param('author_url').trim() : '';
    if (s.require_name_email && (name === '' || email === '')) {
      throw new WpError('rest_comment_author_data_required', 'Creating a comment requires valid author name and email values.', 400);
    }
    const lengths = { comment_author: name, comment_author_email: email, comment_author_url: url, comment_content: content };
    for (const [field, value] of Object.entries(lengths)) {
      if ([...value].length > MAX_LENGTHS[field]) {
        throw new WpError(`${field}_column_length`, 'Comment field exceeds maximum length allowed.', 400);
      }
    }
    const stored = kses(content);
    const ip = (req.socket.remoteAddress || '127.0.0.1').replace(/^::ffff:/, '');
    const now = Date.now();

    // wp_allow_comment: duplicates, then floods, then the approval rules.
    const dupe = this.comments.find(
      (c) =>
        c.post === postId && c.parent === parentId && c.status !== 'trash' && c.author_name === name &&
        (!email || c.author_email === email) && c.content.raw === stored,
    );
    if (dupe) {
      throw new WpError('comment_duplicate', 'Duplicate comment detected; it looks as though you&#8217;ve already said that!', 409);
    }
    if (s.flood_seconds > 0) {
      const recent = this.comments
        .filter((c) => gmtMs(c.date_gmt) >= now - 3_600_000 && (c.author_ip === ip || (email && c.author_email === email)))
        .map((c) => gmtMs(c.date_gmt))
        .sort((a, b) => b - a)[0];
      if (recent !== undefined && Math.floor(now / 1000) - Math.floor(recent / 1000) < s.flood_seconds) {
        throw new WpError('comment_flood', 'You are posting comments too quickly. Slow down.', 400);
      }
    }
    let approved = true;
    if (s.comment_moderation) approved = false;
    const links = (renderComment(stored).match(/<a [^>]*href/gi) || []).length;
    if (approved && links >= COMMENT_MAX_LINKS) approved = false;
    if (approved && s.comment_previously_approved) {
      approved =
        name !== '' && email !== '' &&
        this.comments.some((c) => c.author_name === name && c.author_email === email && c.status === 'approved');
    }

    const id = this.nextCommentId++;
    const api = `${FIXTURE_ORIGIN}/wp-json/`;
    const commentLinks = {
      self: [{ href: `${api}wp/v2/comments/${id}`, targetHints: { allow: ['GET'] } }],
      collection: [{ href: `${api}wp/v2/comments` }],
      up: [{ embeddable: true, post_type: 'post', href: `${api}wp/v2/posts/${postId}` }],
      ...(parentId ? { 'in-reply-to': [{ embeddable: true, href: `${api}wp/v2/comments/${parentId}` }] } : {}),
    };
    const comment = {
      id, post: postId, parent: parentId, author: 0, author_name: name, author_email: email, author_url: url,
      author_ip: ip, author_user_agent: String(req.headers['user-agent'] || ''),
      date: siteTime(now), date_gmt: gmtStamp(now),
      content: { rendered: renderComment(stored), raw: stored },
      link: `${post.link}#comment-${id}`,
      status: approved ? 'approved' : 'hold',
      type: 'comment',
      author_avatar_urls: Object.fromEntries(
        [24, 48, 96].map((n) => [String(n), `https://secure.gravatar.com/avatar/${gravatarHash(email)}?s=${n}&d=mm&r=g`]),
      ),
      meta: [],
      _links: commentLinks,
    };
    this.comments.push(comment);
    return this.answer(req, ctx.origin, 201, this.commentView(comment), {
      Location: `${ctx.origin}/wp-json/wp/v2/comments/${id}`,
      Allow: 'GET, POST',
    });
  }

  /** Test view: every stored comment (edit context), optionally of one post. */
  storedComments(postId) {
    return this.comments.filter((c) => postId === null || c.post === postId).map(clone);
  }
}

function invalidParam(name, message, code) {
  return new WpError('rest_invalid_param', `Invalid parameter(s): ${name}`, 400, {
    params: { [name]: message },
    details: { [name]: { code, message, data: null } },
  });
}
