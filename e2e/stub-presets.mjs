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
//   /strapi/api/...          Strapi 5 REST: articles (flattened, populate=*,
//                            pagination[page]/[pageSize] with meta.pagination,
//                            filters[...]), categories; blocks bodies; covers
//                            at /uploads/NAME; anything else Strapi's 403
//                            ForbiddenError (the public role lacks it).
//   /directus/items/...      Directus: items/articles (page, limit,
//                            meta=filter_count, filter[...], search), a
//                            datetime without offset, images as file ids
//                            served at /directus/assets/ID; anything else
//                            Directus's 403 FORBIDDEN.
//   /drupal/jsonapi/...      Drupal's JSON:API: node/article (include=field_tags,
//                            field_image; page[offset]/page[limit] up to 50;
//                            links.next; no total), one node by uuid,
//                            taxonomy_term/tags; terms and files in `included`,
//                            an image's alt in the relationship's meta.
//   /payload/api/...         Payload 3 REST: posts (page, limit, totalDocs,
//                            where[...]), categories; Lexical bodies; hero
//                            images at /payload/api/media/file/NAME.
//   /content/images/NAME, /media/NAME, /uploads/NAME, /directus/assets/NAME,
//   /sites/default/files/NAME, /payload/api/media/file/NAME
//                            the demo's images (public/demo/img), where each
//                            API gives them
//   /bespoke/v2/...          the made-up API that docs/mapping.md's
//                            walk-through maps: offset/count paging with the
//                            total in X-Total-Count, Unix-second dates, plain
//                            text bodies, topics sent beside the stories and
//                            referenced by id. Its replies are the
//                            articles' comments (page/size, the total at
//                            /count), its challenge the stub's CAPTCHA, and
//                            a posted reply goes through the native API's
//                            checks, its refusals given in the API's own
//                            words ({"problem": "wrong_answer"}, 422).
//                            Its feed (feed?count=N&after=CURSOR&topic=T)
//                            pages the same stories by an opaque cursor
//                            ("next", null on the last page) with no total.
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

/** The paragraphs and headings of an HTML body, as [tag, text] pairs (the stub's content is simple HTML). */
function blocksOfHtml(html, plainText) {
  return [...String(html || '').matchAll(/<(p|h[2-6])\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => [m[1], plainText(m[2]).replace(/\s+/g, ' ').trim()]);
}

/** Strapi 5 blocks for an HTML body. */
function blocksOf(plainText, html) {
  return blocksOfHtml(html, plainText).map(([tag, text]) =>
    tag === 'p'
      ? { type: 'paragraph', children: [{ type: 'text', text }] }
      : { type: 'heading', level: Number(tag[1]), children: [{ type: 'text', text }] },
  );
}

/** Markdown for an HTML body: paragraphs and headings, punctuation escaped. */
function markdownOf(plainText, html) {
  const esc = (t) => t.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`);
  return blocksOfHtml(html, plainText)
    .map(([tag, text]) => (tag === 'p' ? esc(text) : `${'#'.repeat(Number(tag[1]))} ${esc(text)}`))
    .join('\n\n');
}

/** Payload's Lexical rich text for an HTML body. */
function lexicalOf(html, plainText) {
  const text = (t) => ({ type: 'text', text: t, format: 0, style: '', mode: 'normal', detail: 0, version: 1 });
  return {
    root: {
      type: 'root', format: '', indent: 0, version: 1, direction: 'ltr',
      children: blocksOfHtml(html, plainText).map(([tag, t]) =>
        tag === 'p'
          ? { type: 'paragraph', format: '', indent: 0, version: 1, direction: 'ltr', children: [text(t)] }
          : { type: 'heading', tag, format: '', indent: 0, version: 1, direction: 'ltr', children: [text(t)] },
      ),
    },
  };
}

/** The uuid the Drupal imitation gives article `code`. */
export const drupalId = (code) => `00000000-0000-4000-8000-${hex24(code).slice(-12)}`;

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

  route(method, pathname, params, origin, readBody, headers) {
    const replies = /^\/bespoke\/v2\/stories\/([^/]+)\/replies$/.exec(pathname);
    if (replies && method === 'POST') return this.postReply(replies[1], readBody, headers);
    if (method !== 'GET') return this.h.json(405, { error: 'GET only' }, { allow: 'GET, OPTIONS' });
    const image =
      /^\/(content\/images|media|uploads|directus\/assets|sites\/default\/files|payload\/api\/media\/file)\/([\w.-]+)$/.exec(
        pathname,
      );
    if (image) {
      const file = path.join(IMAGES, image[2]);
      if (!fs.existsSync(file)) return this.h.json(404, { error: 'no such image' });
      const type = file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
      return { status: 200, headers: { 'content-type': type }, body: fs.readFileSync(file) };
    }
    if (pathname.startsWith('/ghost/api/content/')) return this.ghost(pathname.slice(19), params, origin);
    if (pathname === '/feed.json') return this.feed(params, origin);
    if (pathname.startsWith('/bespoke/v2/')) return this.bespoke(pathname.slice(12), params);
    if (pathname.startsWith('/strapi/api/')) return this.strapi(pathname.slice(12), params);
    if (pathname.startsWith('/directus/')) return this.directus(pathname.slice(10), params);
    if (pathname.startsWith('/drupal/jsonapi/')) return this.drupal(pathname.slice(16), params, `${origin}/drupal`);
    if (pathname.startsWith('/payload/api/')) return this.payload(pathname.slice(13), params);
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

  // ------------------------------------------------------------- Strapi 5

  strapiError(status, name, message) {
    return this.h.json(status, { data: null, error: { status, name, message, details: {} } });
  }

  strapiArticle(a) {
    return {
      id: Number(a.code) || 0,
      documentId: `doc${hex24(a.code).slice(-12)}`,
      title: a.title,
      slug: `story-${a.code}`,
      description: a.lead ?? null,
      content: blocksOf(this.h.plainText, a.body_html),
      // A Markdown field beside the blocks, as a richtext field keeps it.
      body: markdownOf(this.h.plainText, a.body_html),
      createdAt: new Date(a.published_at).toISOString(),
      updatedAt: new Date(a.updated_at || a.published_at).toISOString(),
      publishedAt: new Date(a.published_at).toISOString(),
      cover: a.image
        ? { id: 1, documentId: 'img', name: path.basename(a.image.url), alternativeText: a.image.alt || null,
            caption: a.image.caption || null, width: 1200, height: 675, url: `/uploads/${path.basename(a.image.url)}` }
        : null,
      author: a.author ? { id: 1, documentId: 'auth', name: a.author } : null,
      categories: this.groupsOf(a).map((g) => ({ id: 1, documentId: `cat-${g.slug}`, name: g.name, slug: g.slug })),
    };
  }

  strapi(rest, params) {
    // The public role may read articles and categories; nothing else is exposed.
    if (rest === 'categories') {
      const size = Math.min(100, Number(params.get('pagination[pageSize]')) || 25);
      const data = this.api.state.groups.map((g) => ({
        id: 1, documentId: `cat-${g.slug}`, name: g.name, slug: g.slug, description: g.description ?? null,
      }));
      return this.h.json(200, {
        data: data.slice(0, size),
        meta: { pagination: { page: 1, pageSize: size, pageCount: Math.ceil(data.length / size), total: data.length } },
      });
    }
    if (rest !== 'articles') return this.strapiError(403, 'ForbiddenError', 'Forbidden');
    let list = this.all();
    const slug = params.get('filters[slug][$eq]');
    if (slug !== null) list = list.filter((a) => `story-${a.code}` === slug);
    const cat = params.get('filters[categories][slug][$eq]');
    if (cat !== null) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === cat));
    const q = params.get('filters[title][$containsi]');
    if (q !== null) list = list.filter((a) => a.title.toLowerCase().includes(q.toLowerCase()));
    const page = Math.max(1, Number(params.get('pagination[page]')) || 1);
    const size = Number(params.get('pagination[pageSize]')) || 25;
    if (size > 100) return this.strapiError(400, 'ValidationError', 'pageSize must be 100 or less');
    return this.h.json(200, {
      data: list.slice((page - 1) * size, page * size).map((a) => this.strapiArticle(a)),
      meta: { pagination: { page, pageSize: size, pageCount: Math.ceil(list.length / size), total: list.length } },
    });
  }

  // ------------------------------------------------------------- Directus

  directusItem(a) {
    return {
      id: Number(a.code) || 0,
      status: 'published',
      slug: `story-${a.code}`,
      title: a.title,
      summary: a.lead ?? null,
      body: a.body_html,
      // A "datetime" field: no offset, in UTC.
      date_published: new Date(a.published_at).toISOString().slice(0, 19),
      date_updated: a.updated_at ? new Date(a.updated_at).toISOString() : null,
      // A file field: the file's id, served at /assets/<id>.
      image: a.image ? path.basename(a.image.url) : null,
      image_alt: a.image ? a.image.alt || null : null,
      author: a.author ?? null,
      categories: this.groupsOf(a).map((g, i) => ({ id: i + 1, categories_id: { slug: g.slug, name: g.name } })),
    };
  }

  directus(rest, params) {
    const error = (status, code, message) => this.h.json(status, { errors: [{ message, extensions: { code } }] });
    if (rest === 'items/categories') {
      const data = this.api.state.groups.map((g) => ({ slug: g.slug, name: g.name, description: g.description ?? null }));
      return this.h.json(200, { data });
    }
    if (rest !== 'items/articles') return error(403, 'FORBIDDEN', "You don't have permission to access this.");
    let list = this.all();
    const slug = params.get('filter[slug][_eq]');
    if (slug !== null) list = list.filter((a) => `story-${a.code}` === slug);
    const cat = params.get('filter[categories][categories_id][slug][_eq]');
    if (cat !== null) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === cat));
    const search = params.get('search');
    if (search !== null) {
      const s = search.toLowerCase();
      list = list.filter((a) => `${a.title}\n${a.lead ?? ''}\n${this.h.plainText(a.body_html)}`.toLowerCase().includes(s));
    }
    const limit = Number(params.get('limit')) || 100;
    const page = Math.max(1, Number(params.get('page')) || 1);
    const meta = params.get('meta') === 'filter_count' ? { meta: { filter_count: list.length } } : {};
    return this.h.json(200, { data: list.slice((page - 1) * limit, page * limit).map((a) => this.directusItem(a)), ...meta });
  }

  // ------------------------------------------------------------- Drupal JSON:API

  drupalNode(a, origin) {
    const uuid = drupalId(a.code);
    return {
      type: 'node--article',
      id: uuid,
      links: { self: { href: `${origin}/jsonapi/node/article/${uuid}` } },
      attributes: {
        drupal_internal__nid: Number(a.code) || 0,
        status: true,
        title: a.title,
        created: new Date(a.published_at).toISOString().replace('.000Z', '+00:00'),
        changed: new Date(a.updated_at || a.published_at).toISOString().replace('.000Z', '+00:00'),
        path: { alias: `/news/story-${a.code}`, langcode: a.language || 'en' },
        langcode: a.language || 'en',
        body: { value: a.body_html, format: 'basic_html', processed: a.body_html, summary: a.lead ?? '' },
      },
      relationships: {
        field_tags: {
          data: this.groupsOf(a).map((g) => ({ type: 'taxonomy_term--tags', id: `term-${g.slug}`, meta: { drupal_internal__target_id: g.slug } })),
        },
        field_image: {
          data: a.image
            ? { type: 'file--file', id: `file-${path.basename(a.image.url)}`, meta: { alt: a.image.alt || '', title: '', width: 1200, height: 675 } }
            : null,
        },
      },
    };
  }

  drupalIncluded(nodes, articles) {
    const seen = new Map();
    for (const a of articles) {
      for (const g of this.groupsOf(a)) {
        seen.set(`term-${g.slug}`, { type: 'taxonomy_term--tags', id: `term-${g.slug}`, attributes: { name: g.name, drupal_internal__tid: g.slug } });
      }
      if (a.image) {
        const name = path.basename(a.image.url);
        seen.set(`file-${name}`, { type: 'file--file', id: `file-${name}`, attributes: { filename: name, uri: { value: `public://${name}`, url: `/sites/default/files/${name}` } } });
      }
    }
    return [...seen.values()];
  }

  drupal(rest, params, origin) {
    const headers = { 'content-type': 'application/vnd.api+json' };
    const error = (status, title, detail) =>
      this.h.json(status, { jsonapi: { version: '1.0' }, errors: [{ title, status: String(status), detail }] }, headers);
    if (rest === 'taxonomy_term/tags') {
      const data = this.api.state.groups.map((g) => ({
        type: 'taxonomy_term--tags', id: `term-${g.slug}`,
        attributes: { name: g.name, drupal_internal__tid: g.slug, description: g.description ? { value: g.description, processed: `<p>${g.description}</p>` } : null },
      }));
      return this.h.json(200, { jsonapi: { version: '1.0' }, data }, headers);
    }
    const one = /^node\/article\/([\w-]+)$/.exec(rest);
    if (one) {
      const a = this.all().find((x) => this.drupalNode(x, origin).id === one[1]);
      if (!a) return error(404, 'Not Found', `The "node" parameter was not converted for the path "/jsonapi/node/article/{entity}".`);
      return this.h.json(200, { jsonapi: { version: '1.0' }, data: this.drupalNode(a, origin), included: this.drupalIncluded([], [a]) }, headers);
    }
    if (rest !== 'node/article') return error(404, 'Not Found', 'No route found');
    let list = this.all();
    const tid = params.get('filter[field_tags.meta.drupal_internal__target_id]');
    if (tid !== null) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === tid));
    if (params.get('filter[title][condition][operator]') === 'CONTAINS') {
      const v = (params.get('filter[title][condition][value]') || '').toLowerCase();
      list = list.filter((a) => a.title.toLowerCase().includes(v));
    }
    const limit = Math.min(50, Number(params.get('page[limit]')) || 50);
    const offset = Math.max(0, Number(params.get('page[offset]')) || 0);
    const shown = list.slice(offset, offset + limit);
    const links = { self: { href: `${origin}/jsonapi/node/article` } };
    if (offset + limit < list.length) {
      const next = new URLSearchParams(params);
      next.set('page[offset]', String(offset + limit));
      next.set('page[limit]', String(limit));
      links.next = { href: `${origin}/jsonapi/node/article?${next}` };
    }
    return this.h.json(200, {
      jsonapi: { version: '1.0' },
      data: shown.map((a) => this.drupalNode(a, origin)),
      included: this.drupalIncluded([], shown),
      links,
    }, headers);
  }

  // ------------------------------------------------------------- Payload 3

  payloadPost(a) {
    return {
      id: Number(a.code) || 0,
      title: a.title,
      slug: `story-${a.code}`,
      publishedAt: new Date(a.published_at).toISOString(),
      updatedAt: new Date(a.updated_at || a.published_at).toISOString(),
      createdAt: new Date(a.published_at).toISOString(),
      heroImage: a.image ? { id: 1, alt: a.image.alt || '', url: `/payload/api/media/file/${path.basename(a.image.url)}`, width: 1200, height: 675, filename: path.basename(a.image.url) } : null,
      content: lexicalOf(a.body_html, this.h.plainText),
      categories: this.groupsOf(a).map((g, i) => ({ id: i + 1, title: g.name, slug: g.slug })),
      populatedAuthors: a.author ? [{ id: 1, name: a.author }] : [],
      meta: { title: a.title, description: a.lead ?? null },
      _status: 'published',
    };
  }

  payload(rest, params) {
    const error = (status, message) => this.h.json(status, { errors: [{ message }] });
    if (rest === 'categories') {
      const docs = this.api.state.groups.map((g, i) => ({ id: i + 1, title: g.name, slug: g.slug }));
      return this.h.json(200, { docs, totalDocs: docs.length, limit: 100, totalPages: 1, page: 1, pagingCounter: 1, hasPrevPage: false, hasNextPage: false, prevPage: null, nextPage: null });
    }
    if (rest !== 'posts') return error(403, 'You are not allowed to perform this action.');
    let list = this.all();
    const slug = params.get('where[slug][equals]');
    if (slug !== null) list = list.filter((a) => `story-${a.code}` === slug);
    const cat = params.get('where[categories.slug][equals]');
    if (cat !== null) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === cat));
    const like = params.get('where[title][like]');
    if (like !== null) {
      const words = like.toLowerCase().split(/\s+/).filter(Boolean);
      list = list.filter((a) => words.every((w) => a.title.toLowerCase().includes(w)));
    }
    const limit = Number(params.get('limit')) || 10;
    const page = Math.max(1, Number(params.get('page')) || 1);
    const totalPages = Math.max(1, Math.ceil(list.length / limit));
    return this.h.json(200, {
      docs: list.slice((page - 1) * limit, page * limit).map((a) => this.payloadPost(a)),
      totalDocs: list.length, limit, totalPages, page, pagingCounter: (page - 1) * limit + 1,
      hasPrevPage: page > 1, hasNextPage: page < totalPages,
      prevPage: page > 1 ? page - 1 : null, nextPage: page < totalPages ? page + 1 : null,
    });
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

  reply(c) {
    return {
      rid: c.id,
      by: c.author_name,
      said: c.body,
      at: Math.floor(this.h.instant(c.created_at) / 1000),
      to: c.parent_id ?? null,
    };
  }

  storyOf(ref) {
    return this.all().find((x) => `s${x.code}` === decodeURIComponent(ref));
  }

  /** POST stories/REF/replies: the native API's checks, answered in this API's words. */
  async postReply(ref, readBody, headers) {
    const a = this.storyOf(ref);
    if (!a) return this.h.json(404, { problem: 'no such story' });
    let b;
    try {
      b = JSON.parse((await readBody()).toString('utf8'));
    } catch {
      return this.h.json(422, { problem: 'invalid' });
    }
    const known = ['by', 'mail', 'said', 'to', 'challenge'];
    if (!b || typeof b !== 'object' || Object.keys(b).some((k) => !known.includes(k))) {
      return this.h.json(422, { problem: 'invalid' });
    }
    const native = {
      author_name: b.by,
      author_email: b.mail,
      body: b.said,
      parent_id: b.to,
      captcha_id: b.challenge?.token,
      captcha_answer: b.challenge?.answer,
    };
    const problems = {
      captcha_invalid: 'wrong_answer',
      captcha_expired: 'challenge_gone',
      duplicate: 'repeat',
      comments_closed: 'closed',
      validation_failed: 'invalid',
    };
    try {
      const r = this.api.postComment(String(a.code), Buffer.from(JSON.stringify(native)), headers['idempotency-key']);
      const { status, comment } = r.value;
      return this.h.json(201, { reply: this.reply(comment), state: status === 'pending' ? 'queued' : 'shown' });
    } catch (e) {
      if (e && e.code in problems) return this.h.json(422, { problem: problems[e.code] });
      throw e;
    }
  }

  /** The stories newest first, a page at a time after an opaque cursor. */
  bespokeFeed(params) {
    let list = this.all();
    const topic = params.get('topic');
    if (topic) list = list.filter((a) => this.groupsOf(a).some((g) => g.slug === topic));
    let offset = 0;
    const after = params.get('after');
    if (after !== null) {
      const m = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) return this.h.json(400, { problem: 'bad cursor' });
      offset = Number(m[1]);
    }
    const count = Math.min(50, Math.max(1, Math.floor(Number(params.get('count'))) || 10));
    const stories = list.slice(offset, offset + count).map((a) => this.story(a));
    const end = offset + count;
    const next = end < list.length ? Buffer.from(`o:${end}`).toString('base64url') : null;
    return this.h.json(200, { results: stories, topics: this.topics(stories), next });
  }

  bespoke(rest, params) {
    const expose = { 'access-control-expose-headers': 'X-Total-Count' };
    if (rest === 'challenge') {
      const c = this.api.newCaptcha();
      return this.h.json(
        200,
        { challenge: { token: c.id, picture: c.image, w: c.width, h: c.height, until: Math.floor(this.h.instant(c.expires_at) / 1000) } },
        { 'cache-control': 'no-store' },
      );
    }
    const replies = /^stories\/([^/]+)\/replies$/.exec(rest);
    if (replies) {
      const a = this.storyOf(replies[1]);
      if (!a) return this.h.json(404, { problem: 'no such story' });
      const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
      const size = Math.min(50, Math.max(1, Math.floor(Number(params.get('size'))) || 20));
      const p = this.api.comments(String(a.code), new URLSearchParams({ page: String(page), per_page: String(size) }));
      return this.h.json(200, { replies: p.items.map((c) => this.reply(c)), count: p.total });
    }
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
    if (rest === 'feed') return this.bespokeFeed(params);
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
