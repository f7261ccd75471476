// The offline reader's service worker (docs/offline.md). scripts/offline.mjs
// writes it into the bundle after each build, with the build's own files in
// SHELL and a VERSION that changes with any of them; a new VERSION is a new
// deployment, which waits until the reader accepts it (the page offers a
// reload), so an open tab never mixes two versions.
//
// - The app shell (the page, the hashed JS, wasm and CSS, the favicon) is
//   precached and served from the cache as it was stored: the browser keeps
//   its compiled code for the wasm.
// - Pages (navigations) go to the network first; a good one is kept.
// - The app's own reads (config.json, the backend's answers) are left to
//   the browser while it is online: this worker does not stand between the
//   page and the backend (a timeout, a cancelled request, an error are the
//   page's own). The page hands each good answer to the worker, which keeps
//   it with the time it was saved; on a first visit, the answers read before
//   the worker existed, once it controls the page.
// - When the browser is offline, a kept answer is given instead, marked
//   with that time; what was never kept is a network error, and the page
//   says it was not saved.
// - Kept answers are bounded (MAX_ENTRIES answers, MAX_BYTES bytes; the
//   oldest go first). An answer marked no-store is never kept, nor a POST.
// - Offline, a page never opened is answered with the app shell
//   (shell.html): the app then says the page was not saved.

const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `newsfront-shell-${VERSION}`;
const READING_CACHE = 'newsfront-reading';
/** Answers kept for reading offline, at most. */
const MAX_ENTRIES = 400;
/** Bytes of kept answers, at most. */
const MAX_BYTES = 25 * 1024 * 1024;
/** When an answer was saved (the page reads it to say so). */
const SAVED = 'x-newsfront-saved';
const SIZE = 'x-newsfront-bytes';

const shellUrls = () => new Set(SHELL.map((u) => new URL(u, self.registration.scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // The default cache mode: files the page has just loaded come from
      // the HTTP cache, not the network a second time.
      await (await caches.open(SHELL_CACHE)).addAll(SHELL);
      // A new deployment while a version runs: the open tabs offer a reload.
      if (self.registration.active) {
        for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
          client.postMessage('newsfront-update-ready');
        }
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('newsfront-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      // The first version takes the open tab at once, so what it reads is
      // kept; a later one activates only when the reader accepted it.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'newsfront-skip-waiting') self.skipWaiting();
  // Answers the page read, to keep: [[url, status, [[header, value]], body]].
  if (event.data?.type === 'newsfront-keep' && Array.isArray(event.data.answers)) {
    event.waitUntil(
      (async () => {
        for (const [url, status, headers, body] of event.data.answers) {
          await keep(new Request(url), new Response(body, { status, headers }));
        }
      })(),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (shellUrls().has(url.href)) {
    event.respondWith(fromShell(request));
  } else if (offline()) {
    event.respondWith(fromKept(request));
  }
  // Online, anything else is the browser's own fetch, untouched.
});

const offline = () => self.navigator.onLine === false;

async function fromShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(request)) ?? fetch(request);
}

async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(keep(request, response.clone()));
    return response;
  } catch (e) {
    if (!offline()) throw e;
    const kept = await caches.match(request, { cacheName: READING_CACHE, ignoreVary: true });
    if (kept) return kept;
    const shell = await caches.open(SHELL_CACHE);
    return (await shell.match(new URL('shell.html', self.registration.scope).href)) ?? Response.error();
  }
}

async function fromKept(request) {
  return (await caches.match(request, { cacheName: READING_CACHE, ignoreVary: true })) ?? Response.error();
}

/** Keeps a good answer with the time it was saved, then trims the oldest. */
async function keep(request, response) {
  if (/no-store/i.test(response.headers.get('cache-control') ?? '')) return;
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  headers.set(SIZE, String(body.byteLength));
  const exposed = headers.get('access-control-expose-headers');
  headers.set('access-control-expose-headers', exposed ? `${exposed}, ${SAVED}` : SAVED);
  const cache = await caches.open(READING_CACHE);
  // Taken out and put back: the newest answer goes last.
  await cache.delete(request);
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  await trim(cache);
}

async function trim(cache) {
  const keys = await cache.keys();
  const sizes = await Promise.all(keys.map(async (k) => Number((await cache.match(k))?.headers.get(SIZE)) || 0));
  let bytes = sizes.reduce((a, b) => a + b, 0);
  let count = keys.length;
  for (let i = 0; i < keys.length && (count > MAX_ENTRIES || bytes > MAX_BYTES); i += 1) {
    await cache.delete(keys[i]);
    count -= 1;
    bytes -= sizes[i];
  }
}
