//! A hostile backend: one article whose body_html holds dozens of XSS
//! payloads (and whose plain-text fields hold markup), served by the stub
//! through its POST /__articles control and opened on the stub site.
//!
//! Every payload sits between two legitimate paragraphs, `<p>before-N</p>`
//! and `<p>after-N</p>`, and if it ever runs it calls `window.__xss(N)` (or,
//! from a cross-origin frame, posts "xss:N" to the page). The checks: nothing
//! ran (no hit, no dialog, no page error), every marker paragraph survived,
//! and what is left of the body is inert: no element or attribute outside the
//! sanitiser's allow-list, every URL http(s), mailto or relative, external
//! links marked rel="noopener noreferrer", images lazy and without referrer;
//! the document's head gained no <base> and no meta refresh.
//!
//! One page serves all the tests here (the body is rendered once); the steps
//! are separate tests so that each failure is reported by name.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  STUB_SITE,
  allowConsole,
  assertNoConsoleErrors,
  checkA11y,
  closeBrowser,
  consoleErrors,
  launchBrowser,
  putStubArticle,
  resetStub,
} from '../lib/browser.mjs';
import { setTimeout as delay } from 'node:timers/promises';
import { WAIT_MS, closePages, openPage } from '../lib/app.mjs';

const CODE = 90666;
const PATH = `/news/${CODE}`;

/** What a payload calls when it runs in the page (or a same-origin frame). */
const X = (n) => `window.__xss(${n})`;
/** The same from a frame's own window (srcdoc, javascript: frames). */
const PX = (n) => `parent.__xss(${n})`;
/** From an opaque-origin frame (data: URLs), which cannot call into the page. */
const PM = (n) => `parent.postMessage('xss:${n}','*')`;
const b64 = (s) => Buffer.from(s).toString('base64');

// [family, payload(n)]. Images carry alt="" so that what survives is not an
// accessibility fault of its own; links carry text for the same reason.
const PAYLOADS = [
  // --- <script> variants
  ['script', (n) => `<script>${X(n)}</script>`],
  ['script, mixed case', (n) => `<ScRiPt>${X(n)}</sCrIpT>`],
  ['script with attributes', (n) => `<script type="text/javascript" async defer nonce="n">${X(n)}</script>`],
  ['script src data:', (n) => `<script src="data:text/javascript,${X(n)}"></script>`],
  ['script with slash separator', (n) => `<script/src="data:,${X(n)}"></script>`],
  ['script nested in script', (n) => `<scr<script>ipt>${X(n)}</scr</script>ipt>`],
  ['script in script comment', (n) => `<script><!--<script>${X(n)}</script>--></script>`],
  // The end tag is never closed with ">": the next marker's <p is swallowed into it.
  ['script end tag left open', (n) => `<script>${X(n)}</script `],
  // --- event handlers
  ['img onerror', (n) => `<img src=x alt="" onerror="${X(n)}">`],
  ['IMG ONERROR upper case', (n) => `<IMG SRC=x ALT="" ONERROR="${X(n)}">`],
  ['img slash-separated attributes', (n) => `<img/src="x"/alt=""/onerror=${X(n)}>`],
  ['img onerror entity-encoded', (n) => `<img src=x alt="" onerror="&#119;indow&#46;__xss(${n})">`],
  ['img onload', (n) => `<img src="/favicon.svg" alt="" onload="${X(n)}">`],
  ['body onload', (n) => `<body onload="${X(n)}">`],
  ['svg onload', (n) => `<svg onload="${X(n)}"></svg>`],
  ['details ontoggle', (n) => `<details open ontoggle="${X(n)}"><summary>summary ${n}</summary>details ${n}</details>`],
  ['video onerror', (n) => `<video src=x onerror="${X(n)}"></video>`],
  ['video source onerror', (n) => `<video><source src=x onerror="${X(n)}"></video>`],
  ['audio onerror', (n) => `<audio src=x onerror="${X(n)}"></audio>`],
  ['input autofocus onfocus', (n) => `<input autofocus onfocus="${X(n)}">`],
  ['div tabindex autofocus onfocus', (n) => `<div tabindex="0" autofocus onfocus="${X(n)}">focusable ${n}</div>`],
  ['marquee onstart', (n) => `<marquee onstart="${X(n)}">marquee ${n}</marquee>`],
  [
    'onanimationstart',
    (n) =>
      `<style>@keyframes xss${n}{from{opacity:.9}to{opacity:1}}</style>` +
      `<div style="animation:xss${n} 1s" onanimationstart="${X(n)}">animated ${n}</div>`,
  ],
  ['p onmouseover/onclick', (n) => `<p onmouseover="${X(n)}" onclick="${X(n)}">hover ${n}</p>`],
  ['a onclick on a good link', (n) => `<a href="https://example.org/" onclick="${X(n)}">good link with onclick ${n}</a>`],
  // --- javascript:, vbscript:, data: URLs, plain and disguised
  ['a href javascript:', (n) => `<a href="javascript:${X(n)}">js link ${n}</a>`],
  ['a href JaVaScRiPt:', (n) => `<a href="JaVaScRiPt:${X(n)}">js link ${n}</a>`],
  ['a href jav&#x09;ascript:', (n) => `<a href="jav&#x09;ascript:${X(n)}">tab link ${n}</a>`],
  ['a href jav&#x0A;ascript:', (n) => `<a href="jav&#x0A;ascript:${X(n)}">newline link ${n}</a>`],
  ['a href &#106;avascript:', (n) => `<a href="&#106;avascript:${X(n)}">entity link ${n}</a>`],
  [
    'a href hex entities throughout',
    (n) => `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${X(n)}">hex link ${n}</a>`,
  ],
  [
    'a href zero-padded decimal entities without ;',
    (n) =>
      `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${X(n)}">padded link ${n}</a>`,
  ],
  ['a href javascript&colon;', (n) => `<a href="javascript&colon;${X(n)}">colon link ${n}</a>`],
  ['a href java\\0script:', (n) => `<a href="java\u0000script:${X(n)}">nul link ${n}</a>`],
  ['a href control chars before javascript:', (n) => `<a href=" \u0001\u0002&#14; javascript:${X(n)}">control link ${n}</a>`],
  ['a href vbscript:', (n) => `<a href="vbscript:msgbox(${n})">vb link ${n}</a>`],
  ['a href data:text/html', (n) => `<a href="data:text/html,<script>${PM(n)}</script>">data link ${n}</a>`],
  ['a href data: base64', (n) => `<a href="data:text/html;base64,${b64(`<script>${PM(n)}</script>`)}">b64 link ${n}</a>`],
  ['img src javascript:', (n) => `<img src="javascript:${X(n)}" alt="">`],
  ['img src jav&#x09;ascript:', (n) => `<img src="jav&#x09;ascript:${X(n)}" alt="">`],
  ['img src data:svg', (n) => `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${X(n)}'/>" alt="">`],
  ['blockquote cite javascript:', (n) => `<blockquote cite="javascript:${X(n)}">quoted ${n}</blockquote>`],
  ['iframe src javascript:', (n) => `<iframe src="javascript:${PX(n)}"></iframe>`],
  ['iframe src data:', (n) => `<iframe src="data:text/html,<script>${PM(n)}</script>"></iframe>`],
  ['iframe srcdoc script', (n) => `<iframe srcdoc="&lt;script&gt;${PX(n)}&lt;/script&gt;"></iframe>`],
  ['iframe srcdoc img onerror', (n) => `<iframe srcdoc="<img src=x onerror=${PX(n)}>"></iframe>`],
  ['form action javascript:', (n) => `<form action="javascript:${X(n)}"><button type="submit">send ${n}</button></form>`],
  ['button formaction javascript:', (n) => `<button formaction="javascript:${X(n)}">formaction ${n}</button>`],
  ['input formaction javascript:', (n) => `<form><input type="submit" formaction="javascript:${X(n)}" value="go"></form>`],
  ['object data javascript:', (n) => `<object data="javascript:${X(n)}"></object>`],
  ['object data data:text/html', (n) => `<object data="data:text/html,<script>${PM(n)}</script>"></object>`],
  ['embed src javascript:', (n) => `<embed src="javascript:${X(n)}">`],
  ['embed src data:svg', (n) => `<embed src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${PM(n)}'/>">`],
  ['link href javascript:', (n) => `<link rel="stylesheet" href="javascript:${X(n)}">`],
  ['base href javascript:', (n) => `<base href="javascript:${X(n)}//">`],
  ['base href elsewhere', () => `<base href="https://evil.example/">`],
  ['meta refresh javascript:', (n) => `<meta http-equiv="refresh" content="0;url=javascript:${X(n)}">`],
  ['meta refresh elsewhere', (n) => `<meta http-equiv="refresh" content="0;url=/xss-refresh-${n}">`],
  // --- SVG
  ['svg script', (n) => `<svg><script>${X(n)}</script></svg>`],
  ['svg script href', (n) => `<svg><script href="data:,${X(n)}"></script></svg>`],
  ['svg a xlink:href javascript:', (n) => `<svg><a xlink:href="javascript:${X(n)}"><text x="10" y="20">svg link ${n}</text></a></svg>`],
  ['svg animate onbegin', (n) => `<svg><animate onbegin="${X(n)}" attributeName="x" dur="1s"></animate></svg>`],
  [
    'svg animate href to javascript:',
    (n) => `<svg><a><animate attributeName="href" values="javascript:${X(n)}"></animate><text x="10" y="20">anim ${n}</text></a></svg>`,
  ],
  ['svg foreignObject img', (n) => `<svg><foreignObject><img src=x alt="" onerror="${X(n)}"></foreignObject></svg>`],
  ['svg style breakout img', (n) => `<svg><style><img src=x alt="" onerror="${X(n)}"></style></svg>`],
  // --- MathML
  [
    'math mtext table mglyph style img',
    (n) => `<math><mtext><table><mglyph><style><img src=x alt="" onerror="${X(n)}"></style></mglyph></table></mtext></math>`,
  ],
  [
    'math mglyph style comment breakout',
    (n) =>
      `<math><mtext><table><mglyph><style><!--</style><img alt="" title="--&gt;&lt;/mglyph&gt;&lt;img src=x onerror=${X(n)}&gt;"></style></mglyph></table></mtext></math>`,
  ],
  ['math href javascript:', (n) => `<math href="javascript:${X(n)}"><mi>math link ${n}</mi></math>`],
  [
    'math maction xlink:href',
    (n) => `<math><maction actiontype="statusline" xlink:href="javascript:${X(n)}"><mtext>maction ${n}</mtext></maction></math>`,
  ],
  // --- mutation XSS: raw-text elements and comments that look like markup
  ['noscript title breakout', (n) => `<noscript><p title="</noscript><img src=x alt='' onerror=${X(n)}>"></p></noscript>`],
  ['title breakout', (n) => `<title><img src=x alt="" onerror="${X(n)}"></title>`],
  ['textarea title breakout', (n) => `<textarea><p title="</textarea><img src=x alt='' onerror=${X(n)}>"></p></textarea>`],
  ['style title breakout', (n) => `<style><p title="</style><img src=x alt='' onerror=${X(n)}>"></p></style>`],
  ['template', (n) => `<template><p title="</template><img src=x alt='' onerror=${X(n)}>"></p><script>${X(n)}</script></template>`],
  ['xmp title breakout', (n) => `<xmp><p title="</xmp><img src=x alt='' onerror=${X(n)}>"></p></xmp>`],
  ['iframe content breakout', (n) => `<iframe><p title="</iframe><img src=x alt='' onerror=${X(n)}>"></p></iframe>`],
  ['noembed breakout', (n) => `<noembed><p title="</noembed><img src=x alt='' onerror=${X(n)}>"></p></noembed>`],
  ['comment with --> in an attribute', (n) => `<!--<img src="--><img src=x alt="" onerror=${X(n)}//">`],
  ['abrupt comment <!-->', (n) => `<!--><img src=x alt="" onerror="${X(n)}">-->`],
  ['CDATA bogus comment', (n) => `<![CDATA[><img src=x alt="" onerror="${X(n)}">]]>`],
  ['processing instruction', (n) => `<?xml-stylesheet ><img src=x alt="" onerror="${X(n)}">?>`],
  ['markup in an allowed title attribute', (n) => `<p title="</p><img src=x onerror=${X(n)}>">titled ${n}</p>`],
  // --- CSS
  ['style attribute url(javascript:)', (n) => `<div style="background-image:url('javascript:${X(n)}')">styled ${n}</div>`],
  ['style attribute expression()', (n) => `<p style="width:expression(${X(n)})">expression ${n}</p>`],
  ['style element @import javascript:', (n) => `<style>@import 'javascript:${X(n)}';</style>`],
  ['style element url(javascript:)', (n) => `<style>.article-body{background:url("javascript:${X(n)}")}</style>`],
  ['style escaping the article', (n) => `<p style="position:fixed;inset:0;z-index:2147483647;background:#c00">overlay ${n}</p>`],
  // --- links leaving the site
  ['a target=_blank to another site', (n) => `<a target="_blank" href="https://evil.example/">new tab link ${n}</a>`],
  ['a rel=opener to another site', (n) => `<a rel="opener" target="_self" href="HTTPS://EVIL.EXAMPLE/">opener link ${n}</a>`],
  ['a protocol-relative href', (n) => `<a href="//evil.example/x">protocol-relative link ${n}</a>`],
  ['a backslash href', (n) => `<a href="\\\\evil.example\\x">backslash link ${n}</a>`],
  ['a slash-backslash href', (n) => `<a href="/\\evil.example/x" target="_blank">slash-backslash link ${n}</a>`],
  ['a backslash-slash href', (n) => `<a href="\\/evil.example/x" target="_blank">backslash-slash link ${n}</a>`],
  ['a https: without slashes', (n) => `<a href="https:evil.example/x" target="_blank">no-slash link ${n}</a>`],
  ['a ht&#x09;tps:// with a tab', (n) => `<a href="ht&#x09;tps://evil.example/x" target="_blank">tab scheme link ${n}</a>`],
  // --- srcset
  ['img srcset javascript:', (n) => `<img src=x alt="" srcset="javascript:${X(n)} 1x">`],
  ['img srcset data:svg', (n) => `<img alt="" srcset="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${X(n)}'/> 1x">`],
  ['picture source srcset', (n) => `<picture><source srcset="javascript:${X(n)}"><img src=x alt=""></picture>`],
  // --- DOM clobbering
  ['img name=cookie', () => `<img name="cookie" src=x alt="">`],
  ['img name=__hits', () => `<img name="__hits" src=x alt="">`],
  ['img name=getElementById', () => `<img name="getElementById" src=x alt="">`],
  ['form id=x with input name=attributes', () => `<form id="x"><input name="attributes"></form>`],
  ['a id=location', (n) => `<a id="location" href="https://evil.example/clobber">clobber link ${n}</a>`],
  ['div id=main (the page landmark)', (n) => `<div id="main" name="main">clobber div ${n}</div>`],
];

const N = PAYLOADS.length;
const before_ = (n) => `before-${n}`;
const after_ = (n) => `after-${n}`;
const BODY =
  '<p>Legitimate opening paragraph.</p>' +
  PAYLOADS.map(([, make], i) => `<p>${before_(i + 1)}</p>${make(i + 1)}<p>${after_(i + 1)}</p>`).join('') +
  '<p>Legitimate closing paragraph.</p>';

// Plain-text fields carrying markup: each must show as text, never as markup.
const FIELD = 1000; // their __xss numbers start here
const TITLE = `Hostile body <img src=x onerror=${X(FIELD)}> </script><script>${X(FIELD + 1)}</script>`;
const LEAD = `A lead with <svg onload=${X(FIELD + 2)}> in it & an ampersand.`;
const AUTHOR = `<b onmouseover=${X(FIELD + 3)}>Mallory</b>`;
const HOSTILE_GROUP = { slug: `"><img src=x onerror=${X(FIELD + 4)}>`, name: `<img src=x onerror=${X(FIELD + 5)}>` };

const ARTICLE = {
  code: CODE,
  title: TITLE,
  lead: LEAD,
  published_at: '2024-02-11T09:00:00+03:30',
  groups: [{ slug: 'stub-wire', name: 'Wire Service' }, HOSTILE_GROUP],
  language: 'en',
  author: AUTHOR,
  body_html: BODY,
  comments_open: true,
};

const ALLOWED_ATTRIBUTES = new Set([
  // docs/api.md's subset and src/sanitize.rs attribute_allowed ...
  'lang', 'dir', 'title', 'href', 'hreflang', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan',
  'scope', 'start', 'reversed', 'datetime', 'cite',
  // ... and what the sanitiser itself sets on links and images.
  'rel', 'target', 'loading', 'decoding', 'referrerpolicy',
]);
const FORBIDDEN_ELEMENTS = 'script, iframe, frame, object, embed, form, input, button, textarea, select, svg, math, base, meta, link, style, template, noscript, video, audio, source';

/** Records dialogs and every `__xss(n)` call (directly or posted from a frame) on `page`. */
async function armDetectors(page, dialogs) {
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__xss = (n) => (window.__hits ||= []).push(n);
    window.addEventListener('message', (e) => {
      const m = /^xss:(\d+)$/.exec(String(e.data));
      if (m) window.__xss(Number(m[1]));
    });
  });
}

describe(`hostile article on the stub site (${N} XSS payloads in one body)`, () => {
  let page;
  const dialogs = [];

  before(async () => {
    await launchBrowser();
    await resetStub();
    const put = await putStubArticle(ARTICLE);
    assert.deepEqual(put, { code: String(CODE), replaced: false });
    page = await openPage(STUB_SITE);
    // The bundle runs under a strict Content-Security-Policy. Chromium checks
    // inline handlers and styles against it while parsing, even in the inert
    // document the sanitiser parses into, and reports each one it refuses: those
    // reports are the policy working as a second wall behind the sanitiser.
    // Every other suite fails on any CSP report.
    allowConsole(page, /violates the following Content Security Policy directive/);
    await armDetectors(page, dialogs);
    await page.goto(PATH);
    const body = page.locator('main article .article-body');
    await body.getByText(after_(N), { exact: true }).waitFor();
    // Let whatever could still fire do so: lazy images are scrolled into
    // view and must finish (loaded or failed), then the network must go
    // quiet, then one more task and frame pass for their events.
    for (const img of await body.locator('img').all()) await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.article-body img')].every((i) => !i.getAttribute('src') || i.complete),
    );
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0)));
  });

  after(async () => {
    await closePages();
    await resetStub();
    await closeBrowser();
  });

  it(`none of the ${N} body payloads nor the markup in title, lead, author and group runs: no __xss call, no dialog, no page error`, async () => {
    const state = await page.evaluate(() => ({
      hits: window.__hits === undefined ? null : Array.isArray(window.__hits) ? window.__hits : `not an array: ${String(window.__hits)}`,
      xss: typeof window.__xss,
      path: location.pathname,
    }));
    assert.equal(state.hits, null, `payloads ran (window.__hits): ${JSON.stringify(state.hits)}`);
    assert.equal(state.xss, 'function', 'window.__xss was clobbered');
    assert.deepEqual(dialogs, [], 'dialogs opened');
    assert.equal(state.path, PATH, 'the page navigated away (meta refresh?)');
    assertNoConsoleErrors(page);
  });

  it(`all ${2 * N} before-N/after-N marker paragraphs around the payloads survive`, async () => {
    const texts = await page.evaluate(() => {
      const body = document.querySelector('main article .article-body');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const out = {};
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const s = t.data.trim();
        if (/^(before|after)-\d+$/.test(s)) out[s] = t.parentElement === body ? 'BODY' : t.parentElement.tagName;
      }
      return out;
    });
    const missing = [];
    for (let n = 1; n <= N; n++) {
      for (const m of [before_(n), after_(n)]) if (!(m in texts)) missing.push(`${m} (${PAYLOADS[n - 1][0]})`);
    }
    assert.deepEqual(missing, [], 'markers missing from the rendered body');
    const notInP = Object.entries(texts).filter(([, tag]) => tag !== 'P').map(([m, tag]) => `${m} in ${tag}`);
    // Only the marker after the payload whose end tag swallows the next "<p" can lose its <p>.
    const open = PAYLOADS.findIndex(([f]) => f === 'script end tag left open') + 1;
    assert.deepEqual(notInP, [`${after_(open)} in BODY`], 'markers not in their own <p>');
    await page.getByRole('paragraph').filter({ hasText: /^Legitimate opening paragraph\.$/ }).waitFor();
    await page.getByRole('paragraph').filter({ hasText: /^Legitimate closing paragraph\.$/ }).waitFor();
  });

  it('the sanitised body holds only allowed elements and attributes', async () => {
    const found = await page.evaluate(
      ({ allowed, forbidden }) => {
        const body = document.querySelector('main article .article-body');
        const describe = (el) => `<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`;
        const out = { forbidden: [], onAttr: [], styleAttr: [], idName: [], other: [], foreign: [] };
        for (const el of body.querySelectorAll(forbidden)) out.forbidden.push(describe(el));
        for (const el of body.querySelectorAll('*')) {
          if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.foreign.push(describe(el));
          for (const a of el.getAttributeNames()) {
            const at = `${a}="${el.getAttribute(a)}" on ${describe(el)}`;
            if (/^on/i.test(a)) out.onAttr.push(at);
            else if (a === 'style') out.styleAttr.push(at);
            else if (a === 'id' || a === 'name') out.idName.push(at);
            else if (!allowed.includes(a)) out.other.push(at);
          }
        }
        return out;
      },
      { allowed: [...ALLOWED_ATTRIBUTES], forbidden: FORBIDDEN_ELEMENTS },
    );
    assert.deepEqual(found.forbidden, [], 'forbidden elements in the body');
    assert.deepEqual(found.foreign, [], 'SVG/MathML elements in the body');
    assert.deepEqual(found.onAttr, [], 'event-handler attributes in the body');
    assert.deepEqual(found.styleAttr, [], 'style attributes in the body');
    assert.deepEqual(found.idName, [], 'id/name attributes (DOM clobbering) in the body');
    assert.deepEqual(found.other, [], 'attributes outside the allow-list in the body');

    const clobbered = await page.evaluate(() => ({
      cookie: typeof document.cookie,
      getElementById: typeof document.getElementById,
      location: window.location instanceof Location,
      x: document.getElementById('x') === null,
      mains: document.querySelectorAll('#main').length,
    }));
    assert.deepEqual(clobbered, { cookie: 'string', getElementById: 'function', location: true, x: true, mains: 1 });
    const fixed = await page.evaluate(() =>
      [...document.querySelectorAll('main article .article-body *')]
        .filter((el) => ['fixed', 'absolute', 'sticky'].includes(getComputedStyle(el).position))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(fixed, [], 'body elements positioned out of the article');
  });

  it('every URL left in the body is http(s), mailto or relative; external links are rel="noopener noreferrer"; images lazy and referrer-free', async () => {
    const r = await page.evaluate(() => {
      const body = document.querySelector('main article .article-body');
      const bad = [];
      const external = [];
      for (const el of body.querySelectorAll('[href], [src], [cite], [srcset]')) {
        for (const a of ['href', 'src', 'cite', 'srcset']) {
          const v = el.getAttribute(a);
          if (v === null) continue;
          let url;
          try {
            url = new URL(v, document.baseURI);
          } catch {
            bad.push(`${a}="${v}" (unparsable)`);
            continue;
          }
          const ok = el.tagName === 'A' && a === 'href' ? ['http:', 'https:', 'mailto:'] : ['http:', 'https:'];
          if (a === 'srcset' || !ok.includes(url.protocol)) bad.push(`${a}="${v}" -> ${url.href}`);
          if (el.tagName === 'A' && a === 'href' && url.origin !== location.origin && url.protocol !== 'mailto:') {
            const rel = (el.getAttribute('rel') || '').split(/\s+/);
            if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
              external.push(`href="${v}" -> ${url.href} rel="${el.getAttribute('rel')}" target="${el.getAttribute('target')}"`);
            }
          }
        }
      }
      const targets = [...body.querySelectorAll('a[target]')]
        .filter((a) => a.target === '_blank' && !/\bnoopener\b/.test(a.rel))
        .map((a) => a.outerHTML);
      const imgs = [...body.querySelectorAll('img')].map((i) => ({
        html: i.outerHTML.slice(0, 100),
        loading: i.getAttribute('loading'),
        referrerpolicy: i.getAttribute('referrerpolicy'),
      }));
      return { bad, external, targets, imgs, links: body.querySelectorAll('a[href]').length };
    });
    assert.deepEqual(r.bad, [], 'URLs with a scheme other than http(s)/mailto');
    assert.deepEqual(r.external, [], 'links to other sites without rel="noopener noreferrer"');
    assert.deepEqual(r.targets, [], 'target=_blank links without noopener');
    assert.ok(r.imgs.length > 0, 'some images survive (without their handlers)');
    const unsafeImgs = r.imgs.filter((i) => i.loading !== 'lazy' || i.referrerpolicy !== 'no-referrer');
    assert.deepEqual(unsafeImgs, [], 'images without loading=lazy and referrerpolicy=no-referrer');
    // The good links are still links.
    const good = page.locator('.article-body').getByRole('link', { name: /^good link with onclick \d+$/ });
    assert.equal(await good.getAttribute('href'), 'https://example.org/');
    const tab = page.locator('.article-body').getByRole('link', { name: /^new tab link \d+$/ });
    assert.equal(await tab.getAttribute('href'), 'https://evil.example/');
    assert.match(await tab.getAttribute('rel'), /\bnoopener\b.*\bnoreferrer\b|\bnoreferrer\b.*\bnoopener\b/);
  });

  it('the head gained no <base> and no meta refresh; no frame or handler anywhere in the document', async () => {
    const head = await page.evaluate(() => ({
      bases: [...document.querySelectorAll('base')].map((b) => b.outerHTML),
      baseURI: document.baseURI,
      refresh: [...document.querySelectorAll('meta')]
        .filter((m) => /refresh/i.test(m.getAttribute('http-equiv') || ''))
        .map((m) => m.outerHTML),
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        el.getAttributeNames().filter((a) => /^on/i.test(a)).map((a) => `${el.tagName} ${a}`),
      ),
      framesLength: window.frames.length,
    }));
    // index.html's own <base href=/> is the only one.
    assert.deepEqual(head.bases, ['<base href="/">'], 'base elements');
    assert.equal(head.baseURI, `${STUB_SITE}/`);
    assert.deepEqual(head.refresh, [], 'meta refresh');
    assert.equal(head.frames, 0, 'frames/objects/embeds in the document');
    assert.equal(head.framesLength, 0, 'window.frames');
    assert.deepEqual(head.handlers, [], 'on* attributes in the document');
  });

  it('markup in the title, lead, author and group name shows as text; the JSON-LD still parses', async () => {
    const article = page.getByRole('main').getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });
    assert.equal((await article.getByRole('heading', { level: 1 }).textContent()).trim(), TITLE);
    await article.getByRole('paragraph').filter({ hasText: LEAD }).first().waitFor();
    await article.getByText(`By ${AUTHOR}`, { exact: true }).waitFor();
    const groupLink = page
      .getByRole('list', { name: 'News groups', exact: true })
      .getByRole('link', { name: HOSTILE_GROUP.name, exact: true });
    const href = await groupLink.getAttribute('href');
    assert.doesNotMatch(href, /[<>"\s]/, `group href ${href} is percent-encoded`);
    assert.equal(decodeURIComponent(href), `/group/${HOSTILE_GROUP.slug}`);
    assert.equal(await page.title(), `${TITLE} · Newsfront Stub`);
    const ld = await page.locator('script[type="application/ld+json"]').textContent();
    assert.ok(!ld.includes('<'), 'no "<" inside the JSON-LD script');
    const json = JSON.parse(ld);
    assert.equal(json.headline, TITLE);
    assert.deepEqual(json.articleSection, ['Wire Service', HOSTILE_GROUP.name]);
    assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
  });

  it('passes axe', async () => {
    await checkA11y(page, 'hostile article');
    assert.deepEqual(
      consoleErrors(page).filter((e) => e.kind === 'pageerror'),
      [],
      'page errors',
    );
  });

  // Last, as it changes the page: proves that the detectors above would have
  // seen a payload run, by running three of them without the sanitiser.
  it('the detectors work: unsanitised payloads inserted by the test are caught', async () => {
    // The CSP would stop these canaries too; the detectors are checked on a
    // page without it, so a silent detector cannot pass for a safe page.
    const page = await openPage(STUB_SITE, undefined, { bypassCSP: true });
    await armDetectors(page, dialogs);
    await page.goto(PATH);
    await page.locator('main article .article-body').getByText(after_(N), { exact: true }).waitFor();
    await page.evaluate(
      ({ img, srcdoc, data }) => {
        const div = document.createElement('div');
        div.id = 'canary';
        div.innerHTML = img + srcdoc + data;
        document.body.append(div);
        setTimeout(() => alert('canary'), 0);
      },
      {
        img: `<img src=x alt="" onerror="${X(9001)}">`,
        srcdoc: `<iframe srcdoc="&lt;script&gt;${PX(9002)}&lt;/script&gt;"></iframe>`,
        data: `<iframe src="data:text/html,<script>${PM(9003)}</script>"></iframe>`,
      },
    );
    await page.waitForFunction(() => (window.__hits || []).length >= 3);
    assert.deepEqual(await page.evaluate(() => [...window.__hits].sort()), [9001, 9002, 9003]);
    for (const deadline = Date.now() + WAIT_MS; dialogs.length === 0 && Date.now() < deadline; ) await delay(50);
    assert.deepEqual(dialogs, ['alert: canary']);
    await page.evaluate(() => document.getElementById('canary').remove());
  });
});
