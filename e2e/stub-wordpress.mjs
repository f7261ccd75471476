// e2e/stub-wordpress.mjs: the stub server's WordPress mode (see the header
// of e2e/stub-server.mjs for how it is switched on and armed).
//
// Not a WordPress: a proxy in front of the real one that scripts/wordpress.sh
// runs for the tests. Every /wp-json/ request goes to that WordPress and its
// answer comes back as it was, CORS headers included, so the app behind the
// proxy sees exactly what it would see without it. An armed fault replaces
// the answer with what a real server can't be made to give on demand, in the
// shape a real deployment gives it:
//   500           a PHP fatal error: WordPress's JSON "critical error" body,
//                 status 500, and no CORS headers (the fatal comes before
//                 WordPress sends them), so the browser reports a network error
//   502-html, status-html, status-empty
//                 the proxy's own error page, no CORS headers
//   garbage, html, empty, big-garbage
//                 a broken body (a PHP notice printed into it, a cache's page)
//                 with WordPress's headers, so the app can read it
//   truncated, types, patch, no-cors
//                 made from WordPress's real answer
//   404, 429, error
//                 WordPress's error shape with its headers
// and slow, endless, reset, redirect as for the native API.

/** WordPress's CORS headers for a request from `origin` (rest_send_cors_headers + serve_request). */
export function wordpressCors(origin) {
  const h = {
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    'Access-Control-Allow-Headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
  };
  if (origin) {
    h['Access-Control-Allow-Origin'] = origin;
    h['Access-Control-Allow-Methods'] = 'OPTIONS, GET, POST, PUT, PATCH, DELETE';
    h['Access-Control-Allow-Credentials'] = 'true';
    h.Vary = 'Origin';
  }
  return h;
}

/** WordPress's error body. */
const wpErrorBody = (code, message, status, extra = {}) => ({ code, message, data: { status, ...extra } });

// What wp_die() prints for a REST request after a fatal error (WP_Fatal_Error_Handler).
const CRITICAL_ERROR = {
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/support/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
};

// Request headers passed on to WordPress, and answer headers never passed back.
const FORWARD = ['origin', 'content-type', 'accept', 'access-control-request-method', 'access-control-request-headers', 'user-agent'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'server', 'date']);

export class WordPressProxy {
  /** `upstream`: the real WordPress's origin, e.g. http://127.0.0.1:18070 (null: none). */
  constructor(upstream) {
    this.upstream = upstream ? new URL(upstream) : null;
  }

  /**
   * Relays one request to WordPress and returns its answer for send():
   * {status, headers, body, value (parsed JSON, if it is), ownCors}.
   * WordPress unreachable is the proxy's 502 page.
   */
  async relay(req, url, readBody) {
    if (!this.upstream) return this.proxyError(502, 'no --wordpress upstream was given to the stub');
    const target = new URL(url.pathname + url.search, this.upstream);
    const headers = {};
    for (const name of FORWARD) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    const method = req.method;
    const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : await readBody();
    let res;
    try {
      res = await fetch(target, { method, headers, body, redirect: 'manual' });
    } catch (e) {
      return this.proxyError(502, `upstream unreachable: ${e.cause?.code || e.message}`);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    const out = {};
    res.headers.forEach((v, k) => {
      if (!HOP_BY_HOP.has(k)) out[k] = v;
    });
    let value;
    if ((out['content-type'] || '').includes('json')) {
      try {
        value = JSON.parse(buf.toString('utf8'));
      } catch {
        value = undefined;
      }
    }
    return { status: res.status, headers: out, body: buf, value, ownCors: true };
  }

  proxyError(status, why) {
    process.stderr.write(`stub (wordpress): ${why}\n`);
    return {
      status,
      headers: { 'content-type': 'text/html' },
      body: Buffer.from(`<html><head><title>${status}</title></head><body><h1>${status}</h1></body></html>\n`),
      noCors: true,
    };
  }

  /** A JSON answer with WordPress's headers for this request. */
  answer(req, status, value, extra = {}) {
    return {
      status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', ...wordpressCors(req.headers.origin), ...extra },
      body: Buffer.from(JSON.stringify(value)),
      value,
      ownCors: true,
    };
  }

  /** The answer an armed fault gives, in the shape a WordPress deployment gives it. */
  async faultAnswer(req, f, real, nativeFault) {
    switch (f.name) {
      case '500':
        return {
          status: 500,
          headers: { 'Content-Type': 'application/json; charset=UTF-8' },
          body: Buffer.from(JSON.stringify(CRITICAL_ERROR)),
          noCors: true,
        };
      case '502-html':
      case 'status-html':
      case 'status-empty':
        return { ...(await nativeFault(f, real)), noCors: true };
      case 'garbage':
      case 'html':
      case 'empty':
      case 'big-garbage': {
        const a = await nativeFault(f, real);
        return { ...a, headers: { ...a.headers, ...wordpressCors(req.headers.origin) }, ownCors: true };
      }
      case '404':
        return this.answer(req, 404, wpErrorBody('rest_no_route', 'No route was found matching the URL and request method.', 404));
      case '429':
        return this.answer(req, 429, wpErrorBody('too_many_requests', 'Too many requests, slow down.', 429), {
          'Retry-After': String(f.retryAfter ?? 5),
        });
      case 'error': {
        const status = f.status ?? 400;
        const extra = f.fields ? { params: f.fields } : {};
        return this.answer(req, status, wpErrorBody(f.code ?? 'injected', f.message ?? 'Injected error', status, extra),
          f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {});
      }
      default:
        // truncated, types, patch, no-cors: made from the real answer.
        return nativeFault(f, real);
    }
  }
}
