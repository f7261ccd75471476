// What the wasm holds, by crate and by module of the app: the size of every
// function body in the release build's code section, named by the build's
// own name section, summed by the crate (and, for the app, the module) the
// function belongs to. A generic function instantiated for another crate's
// type counts for the crate that defines the function (`<Vec<T> as Drop>::drop`
// is alloc's, `tachys::…::build::<newsfront::…>` is tachys's): that is where
// the code comes from, and what a change to the app makes more or less of.
//
// It reads the wasm as rustc and LLVM wrote it (after LTO, before wasm-bindgen
// and wasm-opt), which is the last stage that still has names: wasm-opt -Oz
// then shrinks it by about a fifth, roughly alike across crates, so the
// shares hold and the bytes are upper bounds.
//
//   source scripts/env.sh && trunk build --release
//   node bench/profile.mjs [--json | --functions] [target/wasm32-unknown-unknown/release/newsfront.wasm]
//
// Writes docs/wasm-profile.md (or prints JSON with --json). --functions
// prints every function's body size and name, largest first: keep two
// builds' lists and compare them to see what a change added or removed
// (an instance of a library's code the app asked for shows up by name).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const functions = args.includes('--functions');
const file = args.find((a) => !a.startsWith('--')) ?? `${ROOT}target/wasm32-unknown-unknown/release/newsfront.wasm`;
const wasm = readFileSync(file);
const APP = 'newsfront';

// ------------------------------------------------------------ the wasm

let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const text = () => {
  const n = leb();
  const s = wasm.subarray(at, at + n).toString('utf8');
  at += n;
  return s;
};

let importedFunctions = 0;
const bodies = []; // size of each defined function's body, in order
const names = new Map(); // function index -> name
while (at < wasm.length) {
  const id = wasm[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    for (let n = leb(); n > 0; n -= 1) {
      text();
      text();
      const kind = wasm[at++];
      if (kind === 0) {
        importedFunctions += 1;
        leb();
      } else if (kind === 1) {
        at += 1; // table: element type, then limits
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) at += 2;
      else leb(); // tag
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n -= 1) {
      const len = leb();
      bodies.push(len + (len < 128 ? 1 : len < 16384 ? 2 : 3));
      at += len;
    }
  } else if (id === 0 && text() === 'name') {
    while (at < end) {
      const sub = wasm[at++];
      const len = leb();
      const subEnd = at + len;
      if (sub === 1) for (let n = leb(); n > 0; n -= 1) names.set(leb(), text());
      at = subEnd;
    }
  }
  at = end;
}
if (!bodies.length) throw new Error(`${file} has no code section`);
if (!names.size) throw new Error(`${file} has no function names (built with strip?)`);

// ------------------------------------------------------------ names

/** A legacy-mangled Rust symbol (`_ZN…E`) as its path, e.g. `core::fmt::write`. */
function demangle(symbol) {
  const m = /^_?_ZN(.*)E$/.exec(symbol);
  if (!m) return symbol;
  const parts = [];
  let s = m[1];
  while (s.length) {
    const len = /^(\d+)/.exec(s);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(s.slice(len[1].length, len[1].length + n));
    s = s.slice(len[1].length + n);
  }
  // The last part is the hash (h0123…).
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  const unescape = (p) =>
    p
      .replace(/^_\$/, '$')
      .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&').replace(/\$BP\$/g, '*')
      .replace(/\$LP\$/g, '(').replace(/\$RP\$/g, ')').replace(/\$C\$/g, ',').replace(/\$SP\$/g, '@')
      .replace(/\$u20\$/g, ' ').replace(/\$u27\$/g, "'").replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']')
      .replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$u3b\$/g, ';').replace(/\$u2b\$/g, '+')
      .replace(/\$u22\$/g, '"').replace(/\.\./g, '::');
  return parts.map(unescape).join('::');
}

/** The crate of a v0-mangled symbol (`_R…`, as the prebuilt std is): its first crate root. */
function v0Crate(symbol) {
  const m = /C(?:s[0-9a-zA-Z]*_)?(\d+)/.exec(symbol);
  if (!m) return null;
  const start = m.index + m[0].length;
  // An identifier that starts with a digit or _ is written with a leading _.
  const name = symbol.slice(start, start + Number(m[1]));
  return name.replace(/^_/, '') || null;
}

/** The app's module a path is in, as far as src/ has files and folders for it. */
function appModule(path) {
  const parts = path.split('::').slice(1).filter((p) => p !== '_');
  let dir = `${ROOT}src`;
  const found = [];
  for (const part of parts) {
    if (!/^[a-z_][\w]*$/.test(part)) break;
    if (existsSync(`${dir}/${part}.rs`)) {
      found.push(part);
      break;
    }
    if (!existsSync(`${dir}/${part}`)) break;
    found.push(part);
    dir = `${dir}/${part}`;
  }
  return found.join('::') || '(crate root: lib.rs, main.rs)';
}

/** The crate a function's code comes from, and its module path within it. */
function owner(path) {
  // `<A as B>::f`: the impl of trait B for A. Trait methods take A's crate
  // when A is a local type, else the trait's; closures and generic
  // instances keep the crate of the function they are in.
  let p = path.replace(/^[<&*(\[ ]+|^mut /g, '');
  const impl = /^<(.+?) as ([\w:]+)/.exec(path);
  if (impl) {
    const self = impl[1].replace(/^[&*\[( ]+|^(mut|dyn|const) /g, '');
    p = /^[a-z_][\w]*::/.test(self) ? self : impl[2];
  }
  const crate = /^([a-z_][\w]*)::/.exec(p)?.[1] ?? '(wasm-bindgen glue and others)';
  return { crate, module: crate === APP ? appModule(p) : '' };
}

if (functions) {
  const rows = bodies.map((size, i) => {
    const raw = names.get(importedFunctions + i) ?? '';
    return [size, raw.startsWith('_ZN') || raw.startsWith('__ZN') ? demangle(raw) : raw];
  });
  rows.sort((a, b) => b[0] - a[0]);
  process.stdout.write(rows.map(([size, name]) => `${size}\t${name}\n`).join(''));
  process.exit(0);
}

const byCrate = new Map();
const byModule = new Map();
let total = 0;
let described = 0;
bodies.forEach((size, i) => {
  const raw = names.get(importedFunctions + i) ?? '';
  // wasm-bindgen's descriptors: run at build time, not shipped.
  if (raw.startsWith('__wbindgen_describe')) {
    described += size;
    return;
  }
  const name = raw.startsWith('_ZN') || raw.startsWith('__ZN') ? demangle(raw) : raw;
  const v0 = raw.startsWith('_R') ? v0Crate(raw) : null;
  const { crate, module } = v0 ? { crate: v0, module: '' } : name ? owner(name) : { crate: '(no name)', module: '' };
  total += size;
  const add = (map, key) => {
    const e = map.get(key) ?? { bytes: 0, functions: 0 };
    e.bytes += size;
    e.functions += 1;
    map.set(key, e);
  };
  add(byCrate, crate);
  if (crate === APP) add(byModule, module || '(crate root)');
});

const rows = (map) => [...map.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
const result = {
  file: file.replace(ROOT, ''),
  code_bytes: total,
  functions: [...byCrate.values()].reduce((t, e) => t + e.functions, 0),
  left_out: { wasm_bindgen_descriptors: described },
  crates: rows(byCrate).map(([crate, e]) => ({ crate, ...e })),
  app_modules: rows(byModule).map(([module, e]) => ({ module, ...e })),
};
if (json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

const fmt = (n) => n.toLocaleString('en-US');
const pct = (n) => `${((100 * n) / total).toFixed(1)} %`;
const L = [];
L.push('# What the wasm holds');
L.push('');
L.push(`Written by \`node bench/profile.mjs\` after \`trunk build --release\`, from \`${result.file}\`: ${fmt(total)} B of code in`);
L.push(`${fmt(result.functions)} functions (wasm-bindgen's build-time descriptors, ${fmt(described)} B, left out), as rustc and LLVM wrote it after LTO (the last stage with names; wasm-bindgen and`);
L.push('wasm-opt -Oz then make the shipped file, about a fifth smaller). Each function counts for the crate that defines');
L.push('it, so a generic instance the app makes of a library function is the library\'s; the app\'s own share is in');
L.push('its modules below.');
L.push('');
L.push('## By crate');
L.push('');
L.push('| crate | code bytes | share | functions |');
L.push('|---|---:|---:|---:|');
const shown = result.crates.filter((c) => c.bytes / total >= 0.002);
for (const c of shown) L.push(`| ${c.crate} | ${fmt(c.bytes)} | ${pct(c.bytes)} | ${fmt(c.functions)} |`);
const rest = result.crates.slice(shown.length);
if (rest.length) {
  const bytes = rest.reduce((t, c) => t + c.bytes, 0);
  L.push(`| ${rest.length} more, each under 0.2 % | ${fmt(bytes)} | ${pct(bytes)} | ${fmt(rest.reduce((t, c) => t + c.functions, 0))} |`);
}
L.push('');
L.push(`## The app (\`${APP}\`), by module`);
L.push('');
L.push('| module | code bytes | share of all code | functions |');
L.push('|---|---:|---:|---:|');
for (const m of result.app_modules) L.push(`| ${m.module} | ${fmt(m.bytes)} | ${pct(m.bytes)} | ${fmt(m.functions)} |`);
L.push('');
writeFileSync(`${ROOT}docs/wasm-profile.md`, `${L.join('\n')}\n`);
process.stdout.write(`${L.join('\n')}\n`);
