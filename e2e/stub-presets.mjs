// e2e/stub-presets.mjs: the stub server's other APIs, for the mapped backend
// (docs/mapping.md). The same articles the native API serves (the stub's
// state, changes made through /__articles included), in the shapes other
// APIs document:
//
//   /ghost/api/content/...   Ghost's Content API v5: posts (browse, read by
//                            slug), tags; `key` must be GHOST_KEY, else
//                            Ghost's 401 UnauthorizedError; page/limit paging
//                            with meta.pagination; the two NQL filters the
//                            preset sends (tag:SLUG and title:~'TEXT', joined
//                            by +), anything else Ghost's 400 BadRequestError.
//                            A post's slug is "story-CODE".
//   /feed.json               JSON Feed 1.1, FEED_PAGE items a page, newest
//                            first, later pages at /feed.json?page=N named by
//                            next_url. Tags are the groups' names.
//   /content/images/NAME, /media/NAME
//                            the demo's images (public/demo/img), where
//                            Ghost and the feed give them as absolute
//                            addresses and the bespoke API as /media/NAME
//   /bespoke/v2/...          the made-up API that docs/mapping.md's
//                            walk-through maps: offset/count paging with the
//                            total in X-Total-Count, Unix-second dates, plain
//                            text bodies, topics sent beside the stories and
//                            referenced by id.
//
// Faults armed through /__control apply to these paths as to /api/.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/demo/img');

export const GHOST_KEY = '6d1c3a5be0f4a2c9d8e7b6a501';
export const FEED_PAGE = 8;

/** The stub's address for an article image ("demo/img/x.svg" in the content). */
const imageAt = (url, prefix) => (/^https?:/.test(url) ? url : `${prefix}${path.basename(url)}`);

const hex24 = (code) => Buffer.from(String(code)).toString('hex').padStart(24, '0').slice(-24);

/** Ghost writes times in UTC with milliseconds and +00:00. */
const ghostTime = (s) => (s ? new Date(s).toISOString().replace('Z', '+00:00') : null);

export class Presets {
  /** `api` is the stub's Api (its state); `h` the stub's answer helpers. */
  constructor(api, h) {
    this.api = api;
    this.h = h;
  }

  /** Articles newest first, as the native API lists them. */
  all() {
    return [...this.api.state.articles.values()].sort(
      (x, y) =>
        this.h.instant(y.published_at) - this.h.instant(x.published_at) ||
        String(y.code).localeCompare(String(x.code), 'en', { numeric: true }),
    );
  }

  groupsOf(a) {
    return (Array.isArray(a.groups) ? a.groups : []).filter((g) => g && g.slug !== undefined);
  }

  route(method, pathname, params, origin) {
    if (method !== 'GET') return this.h.json(405, { error: 'GET only' }, { allow: 'GET, OPTIONS' });
    const image = /^\/(content\/images|media)\/([\w.-]+)$/.exec(pathname);
    if (image) {
      const file = path.join(IMAGES, image[2]);
      if (!fs.existsSync(file)) return this.h.json(404, { error: 'no such image' });
      const type = file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
      return { status: 200, headers: { 'content-type': type }, body: fs.readFileSync(file) };
    }
    if (pathname.startsWith('/ghost/api/content/')) return this.ghost(pathname.slice(19), params, origin);
    if (pathname === '/feed.json') return this.feed(params, origin);
    if (pathname.startsWith('/bespoke/v2/')) return this.bespoke(pathname.slice(12), params);
    return this.h.json(404, { error: 'no such route' });
  }

  // ------------------------------------------------------------- Ghost

  ghostError(status, type, message) {
    return this.h.json(status, {
      errors: [{ message, context: null, type, details: null, property: null, help: null, code: null, id: 'e2e' }],
    });
  }

  ghostTag(g, count) {
    return {
      id: hex24(`tag-${g.slug}`),
      name: g.name,
      slug: g.slug,
      description: g.description ?? null,
      feature_image: null,
      visibility: 'public',
      ...(count === undefined ? {} : { count: { posts: count } }),
    };
  }

  ghostPost(a, origin) {
    const slug = `story-${a.code}`;
    const text = this.h.plainText(a.body_html).replace(/\s+/g, ' ').trim();
    const tags = this.groupsOf(a).map((g) => this.ghostTag(g));
    const author = { id: hex24(`author-${a.author || 'staff'}`), name: a.author || 'Staff', slug: 'staff' };
    return {
      id: hex24(a.code),
      uuid: `00000000-0000-4000-8000-${hex24(a.code).slice(-12)}`,
      title: a.title,
      slug,
      html: a.body_html,
      comment_id: hex24(a.code),
      feature_image: a.image ? imageAt(a.image.url, `${origin}/content/images/`) : null,
      feature_image_alt: a.image ? a.image.alt || null : null,
      feature_image_caption: a.image ? a.image.caption || null : null,
      featured: false,
      visibility: 'public',
      created_at: ghostTime(a.published_at),
      updated_at: ghostTime(a.updated_at || a.published_at),
      published_at: ghostTime(a.published_at),
      custom_excerpt: a.lead ?? null,
      excerpt: text.slice(0, 500),
      reading_time: Math.max(1, Math.round(text.split(' ').length / 275)),
      tags,
      primary_tag: tags[0] ?? null,
      authors: [author],
      primary_author: author,
      url: `${origin}/${slug}/`,
    };
  }

  ghost(rest, params, origin) {
    if (params.get('key') !== GHOST_KEY) {
      return this.ghostError(401, 'UnauthorizedError', 'Unknown Content API Key');
    }
    if (rest === 'tags/') {
      const counts = new Map();
      for (const a of this.all()) for (const g of this.groupsOf(a)) counts.set(g.slug, (counts.get(g.slug) || 0) + 1);
      const tags = this.api.state.groups.map((g) => this.ghostTag(g, counts.get(g.slug) || 0));
      return this.h.json(200, {
        tags,
        meta: { pagination: { page: 1, limit: 'all', pages: 1, total: tags.length, next: null, prev: null } },
      });
    }
    const one = /^posts\/slug\/([^/]+)\/$/.exec(rest);
    if (one) {
      const slug = decodeURIComponent(one[1]);
      const a = this.all().find((x) => `story-${x.code}` === slug);
      if (!a) return this.ghostError(404, 'NotFoundError', 'Resource not found error, cannot read post.');
      return this.h.json(200, { posts: [this.ghostPost(a, origin)] });
    }
    if (rest !== 'posts/') return this.ghostError(404, 'NotFoundError', 'Resource not found');
    let list = this.all();
    for (const part of (params.get('filter') || '').split('+').filter(Boolean)) {
      const tag = /^tag:([\w-]+)$/.exec(part);
      const title = /^title:~'([^']*)'$/.exec(part);
      if (tag) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === tag[1]));
      else if (title) list = list.filter((a) => a.title.toLowerCase().includes(title[1].toLowerCase()));
      else return this.ghostError(400, 'BadRequestError', `Query Error: unexpected filter ${part}`);
    }
    const page = Math.max(1, Number(params.get('page')) || 1);
    const limit = Math.min(100, Math.max(1, Number(params.get('limit')) || 15));
    const pages = Math.max(1, Math.ceil(list.length / limit));
    return this.h.json(200, {
      posts: list.slice((page - 1) * limit, page * limit).map((a) => this.ghostPost(a, origin)),
      meta: {
        pagination: {
          page,
          limit,
          pages,
          total: list.length,
          next: page < pages ? page + 1 : null,
          prev: page > 1 ? page - 1 : null,
        },
      },
    });
  }

  // ------------------------------------------------------------- JSON Feed

  feed(params, origin) {
    const page = Math.max(1, Number(params.get('page')) || 1);
    const all = this.all();
    const items = all.slice((page - 1) * FEED_PAGE, page * FEED_PAGE).map((a) => ({
      id: String(a.code),
      url: `${origin}/news/${a.code}`,
      title: a.title,
      ...(a.lead ? { summary: a.lead } : {}),
      content_html: a.body_html,
      date_published: a.published_at,
      ...(a.updated_at ? { date_modified: a.updated_at } : {}),
      ...(a.image ? { image: imageAt(a.image.url, `${origin}/content/images/`) } : {}),
      ...(a.author ? { authors: [{ name: a.author }] } : {}),
      tags: this.groupsOf(a).map((g) => g.name),
      ...(a.language ? { language: a.language } : {}),
    }));
    return this.h.json(
      200,
      {
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Newsfront stub feed',
        home_page_url: `${origin}/`,
        feed_url: `${origin}/feed.json${page > 1 ? `?page=${page}` : ''}`,
        ...(page * FEED_PAGE < all.length ? { next_url: `${origin}/feed.json?page=${page + 1}` } : {}),
        items,
      },
      { 'content-type': 'application/feed+json; charset=utf-8' },
    );
  }

  // ------------------------------------------------------------- bespoke

  story(a) {
    const text = this.h
      .plainText(String(a.body_html || '').replace(/<\/(p|h\d|li|blockquote)>/g, '\n\n'))
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n\s*/g, '\n\n')
      .trim();
    return {
      ref: `s${a.code}`,
      headline: a.title,
      summary: a.lead ?? null,
      posted: Math.floor(this.h.instant(a.published_at) / 1000),
      edited: a.updated_at ? Math.floor(this.h.instant(a.updated_at) / 1000) : null,
      topics: this.groupsOf(a).map((g) => `t-${g.slug}`),
      ...(a.image ? { picture: { src: imageAt(a.image.url, '/media/'), text: a.image.alt || '' } } : {}),
      byline: a.author ?? null,
      text,
    };
  }

  topics(stories) {
    const ids = new Set(stories.flatMap((s) => s.topics));
    return this.api.state.groups
      .filter((g) => ids.has(`t-${g.slug}`))
      .map((g) => ({ id: `t-${g.slug}`, key: g.slug, label: g.name }));
  }

  bespoke(rest, params) {
    const expose = { 'access-control-expose-headers': 'X-Total-Count' };
    if (rest === 'topics') {
      const counts = new Map();
      for (const a of this.all()) for (const g of this.groupsOf(a)) counts.set(g.slug, (counts.get(g.slug) || 0) + 1);
      return this.h.json(200, {
        topics: this.api.state.groups.map((g) => ({ key: g.slug, label: g.name, stories: counts.get(g.slug) || 0 })),
      });
    }
    const one = /^stories\/([^/]+)$/.exec(rest);
    if (one) {
      const a = this.all().find((x) => `s${x.code}` === decodeURIComponent(one[1]));
      if (!a) return this.h.json(404, { problem: 'no such story' });
      const s = this.story(a);
      return this.h.json(200, { story: s, topics: this.topics([s]) });
    }
    if (rest !== 'stories') return this.h.json(404, { problem: 'no such route' });
    let list = this.all();
    const topic = params.get('topic');
    if (topic) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === topic));
    const offset = Math.max(0, Number(params.get('offset')) || 0);
    const count = Math.min(50, Math.max(1, Number(params.get('count')) || 10));
    const stories = list.slice(offset, offset + count).map((a) => this.story(a));
    return this.h.json(200, { results: stories, topics: this.topics(stories) }, {
      ...expose,
      'x-total-count': String(list.length),
    });
  }
}
