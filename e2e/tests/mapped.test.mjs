//! Mapped backends (docs/mapping.md), end to end: the same articles read
//! through the APIs the stub imitates in their own shapes (e2e/stub-presets.mjs):
//! each preset against its API (ghost :18091, jsonfeed :18092, strapi :18096
//! and with a Markdown body :18102, directus :18097, drupal :18098, payload
//! :18100), and the made-up API of
//! docs/mapping.md's walk-through, read through exactly the mapping the
//! document prints (:18094, its mapping.json taken from the document by
//! scripts/e2e.sh), and again paged by cursor (:18104).
//!
//! For each: the home page newest first with the API's paging, a group and
//! its second page, an article (headline, date, body, groups, image), search
//! (the API's where it has one, the app's own where not), and the article
//! saying comments are not available (or, for the walk-through's API, whose
//! mapping reads comments, its form). Then what goes wrong: Ghost's 401 for a
//! wrong key and Strapi's 403 for a collection the public may not read in
//! readable words, an answer that does not fit the mapping named
//! by pointer and request with a retry that works, and a mapping that cannot
//! be used listed as a config problem by its path.
//!
//! Expectations come from the stub's native API (/api/), which holds the same
//! articles; words from src/i18n/en.json.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BESPOKE,
  BESPOKE_CURSOR,
  DIRECTUS,
  DRUPAL,
  GHOST,
  GHOST_BADKEY,
  JSONFEED,
  MAPPED_BROKEN,
  PAYLOAD,
  STRAPI,
  STRAPI_FORBIDDEN,
  STRAPI_MARKDOWN,
  STUB_API,
  assertNoConsoleErrors,
  allowConsole,
  checkA11y,
  closeBrowser,
  launchBrowser,
  putStubArticle,
  resetStub,
  setFault,
} from '../lib/browser.mjs';
import { bodyParagraphs, closePages, openPage } from '../lib/app.mjs';
import { FEED_PAGE, drupalId } from '../stub-presets.mjs';

const T = {
  latest: 'Latest news',
  unavailable: 'Comments are not available on this site.',
  keyRefused:
    'The news server refused this site’s access key (error 401). The site’s owner needs to check the key in config.json.',
  forbidden:
    'The news server does not let this site read this (error 403). The site’s owner needs to allow public reading on the server.',
  decode: 'The news server sent data this site cannot read.',
  retry: 'Try again',
  fallback: 'config.json could not be used, so the built-in demo content is shown.',
  hole: (path, name) =>
    `“${path}” uses {${name}}, which is neither one of the app’s values nor given in backend.params.`,
  position: (page, pages) => `Page ${page} of ${pages}`,
};

/** How each site names the stub's articles and groups, and pages its home. */
const SITES = [
  {
    name: 'Ghost (preset ghost)',
    url: GHOST,
    code: (c) => `story-${c}`,
    group: (g) => g.slug,
    homePage: 10,
    // Ghost's own search: titles only.
    search: (a, word) => a.title.toLowerCase().includes(word),
  },
  {
    name: 'JSON Feed (preset jsonfeed)',
    url: JSONFEED,
    code: (c) => String(c),
    group: (g) => g.name,
    // A feed's pages are its own size; the app's search covers titles and leads.
    homePage: FEED_PAGE,
    // JSON Feed gives an image no alternative text: it is shown as decorative.
    alt: () => '',
    search: (a, word) => `${a.title}\n${a.lead ?? ''}`.toLowerCase().includes(word),
  },
  {
    name: 'Strapi 5 (preset strapi)',
    url: STRAPI,
    code: (c) => `story-${c}`,
    group: (g) => g.slug,
    homePage: 10,
    // filters[title][$containsi]
    search: (a, word) => a.title.toLowerCase().includes(word),
  },
  {
    name: 'Strapi 5 with a Markdown body (preset strapi, body_format markdown)',
    url: STRAPI_MARKDOWN,
    code: (c) => `story-${c}`,
    group: (g) => g.slug,
    homePage: 10,
    search: (a, word) => a.title.toLowerCase().includes(word),
  },
  {
    name: 'Directus (preset directus)',
    url: DIRECTUS,
    code: (c) => `story-${c}`,
    group: (g) => g.slug,
    homePage: 10,
    // Directus's `search` covers every text field, as the native API's q does.
    searchNative: true,
  },
  {
    name: "Drupal's JSON:API (preset drupal)",
    url: DRUPAL,
    code: (c) => drupalId(c),
    group: (g) => g.slug,
    homePage: 10,
    search: (a, word) => a.title.toLowerCase().includes(word),
  },
  {
    name: 'Payload 3 (preset payload)',
    url: PAYLOAD,
    code: (c) => `story-${c}`,
    group: (g) => g.slug,
    homePage: 10,
    // where[title][like]: every word in the title
    search: (a, word) => a.title.toLowerCase().includes(word),
  },
  {
    name: 'bespoke API (docs/mapping.md walk-through)',
    url: BESPOKE,
    code: (c) => `s${c}`,
    group: (g) => g.slug,
    homePage: 10,
    search: (a, word) => `${a.title}\n${a.lead ?? ''}`.toLowerCase().includes(word),
    // Its mapping reads and posts comments (e2e/tests/mapped-comments.test.mjs).
    comments: true,
  },
  {
    // The same API and mapping, its list read from the cursor-paged feed:
    // page N is reached by following the cursors of the pages before it.
    name: 'bespoke API paged by cursor',
    url: BESPOKE_CURSOR,
    code: (c) => `s${c}`,
    group: (g) => g.slug,
    homePage: 10,
    search: (a, word) => `${a.title}\n${a.lead ?? ''}`.toLowerCase().includes(word),
    comments: true,
  },
];

async function native(path) {
  const r = await fetch(`${STUB_API}/api/${path}`);
  assert.equal(r.status, 200, `GET /api/${path}`);
  return r.json();
}

const main = (page) => page.getByRole('main');
const cardTitles = async (page) =>
  (
    await main(page)
      .getByRole('list', { name: 'Articles', exact: true })
      .getByRole('heading', { level: 2 })
      .allTextContents()
  ).map((t) => t.trim());
const pager = (page) => page.getByRole('navigation', { name: 'Pages', exact: true });
const theArticle = (page) =>
  main(page).getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });

/** Waits until the listing shows exactly `titles`. */
async function expectCards(page, titles, what) {
  assert.ok(titles.length > 0, `${what}: an expectation with articles in it`);
  await main(page)
    .getByRole('list', { name: 'Articles', exact: true })
    .getByRole('heading', { level: 2, name: titles.at(-1), exact: true })
    .waitFor();
  assert.deepEqual(await cardTitles(page), titles, what);
}

let all; // the stub's articles as its native API lists them, newest first
let groups;

before(async () => {
  await launchBrowser();
  await resetStub();
  all = (await native('articles?per_page=100')).items;
  groups = await native('groups');
});
after(closeBrowser);

for (const site of SITES) {
  describe(`mapped: ${site.name}`, () => {
    it('home: newest first, paged as the API pages', async () => {
      try {
        const page = await openPage(site.url, '/');
        await expectCards(page, all.slice(0, site.homePage).map((a) => a.title), 'page 1');
        await page.goto('/?page=2');
        await expectCards(page, all.slice(site.homePage, 2 * site.homePage).map((a) => a.title), 'page 2');
        await pager(page).getByText(new RegExp(`^${T.position(2, '\\d+')}$`)).waitFor();
        assertNoConsoleErrors(page);
      } finally {
        await closePages();
      }
    });

    it('a group and its second page', async () => {
      try {
        const news = groups.find((g) => g.slug === 'news');
        const inNews = all.filter((a) => (a.groups || []).some((g) => g.slug === 'news'));
        assert.ok(inNews.length > 10, 'the news group has a second page');
        const page = await openPage(site.url, `/group/${encodeURIComponent(site.group(news))}`);
        await page.getByRole('heading', { level: 1, name: news.name, exact: true }).waitFor();
        await expectCards(page, inNews.slice(0, 10).map((a) => a.title), 'group page 1');
        await pager(page).getByText(T.position(1, 2), { exact: true }).waitFor();
        await pager(page).getByRole('link', { name: /2/ }).first().click();
        await expectCards(page, inNews.slice(10, 20).map((a) => a.title), 'group page 2');
        assertNoConsoleErrors(page);
      } finally {
        await closePages();
      }
    });

    it(`an article: headline, date, body, groups, image, and ${site.comments ? 'its comment form' : 'no comment form'}`, async () => {
      try {
        const summary = all.find((a) => a.image && (a.groups || []).length > 1);
        const full = await native(`articles/${summary.code}`);
        const page = await openPage(site.url, `/news/${encodeURIComponent(site.code(full.code))}`);
        await page.getByRole('heading', { level: 1, name: full.title, exact: true }).waitFor();
        const article = theArticle(page);
        const shownAt = await article.locator('time').first().getAttribute('datetime');
        assert.equal(Date.parse(shownAt), Date.parse(full.published_at), 'published at the same instant');
        const paragraphs = (await article.locator('.article-body p').allTextContents()).map((t) =>
          t.replace(/\s+/g, ' ').trim(),
        );
        assert.deepEqual(paragraphs, bodyParagraphs(full.body_html), 'the body, paragraph by paragraph');
        const links = article.getByRole('list', { name: 'News groups', exact: true }).getByRole('link');
        assert.deepEqual(
          (await links.allTextContents()).map((t) => t.trim()),
          full.groups.map((g) => g.name),
          'the groups, in order',
        );
        const img = article.locator(`img[src$="/${full.image.url.split('/').pop()}"]`);
        await img.waitFor();
        assert.equal(await img.getAttribute('alt'), site.alt ? site.alt(full) : full.image.alt, 'the alternative text');
        await page.waitForFunction(
          (el) => el.complete && el.naturalWidth > 0,
          await img.elementHandle(),
          { timeout: 10_000 },
        );
        const comments = page.getByRole('region', { name: 'Comments', exact: true });
        if (site.comments) {
          await comments.getByRole('form', { name: 'Leave a comment', exact: true }).waitFor();
          assert.equal(await comments.getByText(T.unavailable, { exact: true }).count(), 0);
        } else {
          await comments.getByText(T.unavailable, { exact: true }).waitFor();
          assert.equal(await comments.getByRole('form').count(), 0, 'no form that cannot send');
        }
        await checkA11y(page, `${site.name} article`);
        assertNoConsoleErrors(page);
      } finally {
        await closePages();
      }
    });

    it('search', async () => {
      try {
        const word = 'science';
        const hits = site.searchNative
          ? (await native(`articles?per_page=100&q=${word}`)).items
          : all.filter((a) => site.search(a, word));
        assert.ok(hits.length > 0, `some article matches "${word}"`);
        const page = await openPage(site.url, `/search?q=${word}`);
        await expectCards(page, hits.slice(0, 10).map((a) => a.title), `search "${word}"`);
        assertNoConsoleErrors(page);
      } finally {
        await closePages();
      }
    });
  });
}

describe('mapped: what goes wrong', () => {
  it("Ghost's 401 for a wrong key is said in readable words", async () => {
    try {
      const page = await openPage(GHOST_BADKEY);
      allowConsole(page, /401/);
      await page.goto('/');
      await main(page).getByRole('alert').getByText(T.keyRefused, { exact: true }).waitFor();
      await checkA11y(page, 'wrong key');
    } finally {
      await closePages();
    }
  });

  it("Strapi's 403 for a collection the public may not read is said in readable words", async () => {
    try {
      const page = await openPage(STRAPI_FORBIDDEN);
      allowConsole(page, /403/);
      await page.goto('/');
      await main(page).getByRole('alert').getByText(T.forbidden, { exact: true }).waitFor();
    } finally {
      await closePages();
    }
  });

  it('an answer that does not fit names the pointer and the request, and Try again recovers', async () => {
    await resetStub();
    try {
      const code = `story-${all[0].code}`;
      const path = `/ghost/api/content/posts/slug/${code}/`;
      await setFault('patch', 1, { path, patch: { posts: [{ id: 'x', title: 'No slug here' }] } });
      const page = await openPage(GHOST, `/news/${code}`);
      const alert = main(page).getByRole('alert');
      await alert.getByText(T.decode, { exact: true }).waitFor();
      await alert.getByText('Technical details', { exact: true }).click();
      const detail = (await alert.locator('code').textContent()).trim();
      assert.match(detail, new RegExp(`^unreadable GET http://127\\.0\\.0\\.1:\\d+${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?\\S+: no /posts/0/slug$`));
      await alert.getByRole('button', { name: T.retry, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: all[0].title, exact: true }).waitFor();
    } finally {
      await resetStub();
      await closePages();
    }
  });

  it('a hostile body through Ghost (HTML) and Strapi (Markdown) runs nothing', async () => {
    await resetStub();
    try {
      const code = 990001;
      await putStubArticle({
        code,
        title: 'Hostile mapped body',
        published_at: '2030-01-01T00:00:00Z',
        groups: [],
        body_html:
          '<p>Marker one <img src="x" onerror="alert(1)"><a href="javascript:alert(2)">bad link</a></p>' +
          '<p>Marker two [md link](javascript:alert(3)) and ![pic](javascript:alert(4))</p>',
      });
      for (const [site, path] of [
        [GHOST, `/news/story-${code}`],
        [STRAPI_MARKDOWN, `/news/story-${code}`],
      ]) {
        const page = await openPage(site);
        const dialogs = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          d.dismiss().catch(() => {});
        });
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: 'Hostile mapped body', exact: true }).waitFor();
        const body = theArticle(page).locator('.article-body');
        await body.getByText(/Marker two/).waitFor();
        const hrefs = await body.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(!hrefs.some((h) => h && /^\s*javascript:/i.test(h)), `${site}: no javascript: link in ${JSON.stringify(hrefs)}`);
        const handlers = await body.locator('*').evaluateAll((els) =>
          els.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        );
        assert.deepEqual(handlers, [], `${site}: no event handler attributes`);
        assert.deepEqual(dialogs, [], `${site}: nothing ran`);
        await closePages();
      }
    } finally {
      await resetStub();
      await closePages();
    }
  });

  it('a mapping that cannot be used is a config problem named by its path', async () => {
    try {
      const page = await openPage(MAPPED_BROKEN, '/');
      const notice = page.getByRole('status').filter({ hasText: T.fallback });
      await notice.waitFor();
      const problems = (await notice.getByRole('listitem').allTextContents()).map((t) => t.trim());
      for (const section of ['list', 'groups', 'article']) {
        assert.ok(
          problems.includes(T.hole(`backend.mapping.${section}.request.query.key`, 'key')),
          `${section}'s {key} named in ${JSON.stringify(problems)}`,
        );
      }
      await page.getByRole('heading', { level: 1, name: T.latest, exact: true }).waitFor();
    } finally {
      await closePages();
    }
  });
});
