// What a prerendered page has that the shell (the bundle's own index.html)
// has not, made from the shell alone, so scripts/prerender.mjs (which writes
// the pages) and scripts/csp.mjs (which pins their inline parts by hash)
// always agree, in whichever order they run.
//
// A prerendered page already shows its content; the app only takes it over.
// So what the first paint needs comes first and the rest waits:
//
// - the stylesheet is inlined (one <style>, hash-pinned in the CSP): a
//   render-blocking request less, on a phone one round trip less before the
//   headline. It is the whole stylesheet, since the app's own view uses all
//   of it from the takeover on and it is small (docs/prerender.md has the figures);
// - nothing is preloaded (the app's JS, wasm and config.json), and the loader starts the app only
//   once the page has loaded and its images are decoded and painted: the
//   wasm is most of the page's bytes and would share the phone's bandwidth
//   with the HTML and the article's image. Links work meanwhile (they are
//   plain links to other pages), and the takeover changes nothing visible.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LOADER = /<script type=["']?module["']?>([\s\S]*?)<\/script>/i;
const STYLESHEET = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/i;
const PRELOADS = /<link\b[^>]*\brel=["']?(?:modulepreload|preload)["']?[^>]*>/gi;
const attr = (tag, name) => tag.match(new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);

/** The app's JS and wasm, as the shell's Trunk loader names them. */
export function appFiles(shell) {
  const loader = shell.match(LOADER)?.[1];
  if (!loader) throw new Error('the shell has no <script type="module"> loader (was it built by Trunk?)');
  const js = loader.match(/from\s*["'`]([^"'`]+\.js)["'`]/)?.[1];
  const wasm = loader.match(/module_or_path:\s*["'`]([^"'`]+\.wasm)["'`]/)?.[1];
  if (!js || !wasm) throw new Error(`the shell's loader names no JS or wasm file: ${loader.slice(0, 200)}`);
  return { js, wasm };
}

/** The loader of a prerendered page: Trunk's, started once the page has painted. */
export function deferredLoader(shell) {
  const { js, wasm } = appFiles(shell);
  const q = JSON.stringify;
  return [
    'const painted=()=>Promise.race([',
    "Promise.all([...document.images].filter(i=>i.loading!=='lazy').map(i=>i.decode().catch(()=>{}))),",
    'new Promise(r=>setTimeout(r,1000))',
    ']).then(()=>new Promise(r=>requestAnimationFrame(()=>setTimeout(r))));',
    'const start=async()=>{await painted();',
    `const bindings=await import(${q(js)});`,
    `const wasm=await bindings.default({module_or_path:${q(wasm)}});`,
    'window.wasmBindings=bindings;',
    "dispatchEvent(new CustomEvent('TrunkApplicationStarted',{detail:{wasm}}))};",
    "document.readyState==='complete'?start():addEventListener('load',start,{once:true});",
  ].join('');
}

/** The text of the bundle's stylesheet, as the shell links it. */
export function stylesheetText(shell, bundle) {
  const link = shell.match(STYLESHEET)?.[0];
  const href = link && attr(link, 'href');
  if (!href) throw new Error('the shell links no stylesheet');
  const css = readFileSync(join(bundle, href.replace(/^\/+/, '').split(/[?#]/)[0]), 'utf8');
  if (/<\/style/i.test(css)) throw new Error(`${href} contains "</style", which cannot be inlined`);
  return css;
}

/** The shell as a prerendered page starts from: stylesheet inlined, app deferred. */
export function prerenderedShell(shell, bundle) {
  const css = stylesheetText(shell, bundle);
  const loader = deferredLoader(shell);
  return shell
    .replace(STYLESHEET, () => `<style>${css}</style>`)
    .replace(PRELOADS, '')
    .replace(LOADER, () => `<script type=module>${loader}</script>`);
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The CSP hashes a prerendered page needs beyond the shell's own. */
export function prerenderedHashes(shell, bundle) {
  return { scripts: [sha256(deferredLoader(shell))], styles: [sha256(stylesheetText(shell, bundle))] };
}

/** The CSP hash of an inline script or style's text. */
export { sha256 };
