// Cuts a copy of the site's sources down to what an article view needs if the
// wasm were split perfectly by route and feature: the article page and the
// site around it on the native backend; no comment section (it would load
// after the article), no listing or search pages, no demo or WordPress
// backend (each deployment uses one). What is left estimates the least an
// article view would download with this code (both translation catalogues,
// the not-found page and the config checks stay: an article view can need
// them). Every cut must apply, or the sources have moved on
// and this script must be updated: it fails rather than measure the wrong
// thing.
//
//   node bench/bounds/article-only.mjs <copy of the project>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/bounds/article-only.mjs <copy of the project>');
  process.exit(2);
}

/** Applies `edit` to `file`; fails if it changed nothing. */
function cut(file, what, edit) {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) {
    console.error(`article-only: "${what}" no longer applies to ${file}`);
    process.exit(1);
  }
  writeFileSync(path, after);
}

cut('src/api/mod.rs', 'demo and WordPress calls', (s) =>
  s.replace(/Self::(Demo|WordPress)\(b\) => [^\n]*\n/g, 'Self::$1(_) => unreachable!(),\n'),
);
cut('src/lib.rs', 'listing and search routes', (s) =>
  s
    .replace(/view=(HomePage|GroupPage|SearchPage)\/>/g, 'view=|| ()/>')
    // What the cuts leave unused is expected; keep the build's output quiet.
    .replace(/^pub mod api;$/m, '#![allow(unused_imports)]\npub mod api;'),
);
cut('src/pages/article.rs', 'comment section', (s) => s.replace(/<CommentsSection[^/]*\/>/g, ''));
