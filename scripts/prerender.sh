#!/usr/bin/env bash
#! Writes prerendered pages (home, every group's first page, the articles)
#! into a built bundle, for link previews, crawlers and a first paint without
#! wasm. Run it after each publish (cron, or a CMS webhook); details in
#! scripts/prerender.mjs and the README.
#!
#! Usage: scripts/prerender.sh <bundle folder> --url <public address> [--limit N] [--jobs N]
#! Needs Chromium and the e2e node packages: installs them (Debian's chromium,
#! npm ci in e2e/) when missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v /usr/bin/chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[ -d "$HERE/../e2e/node_modules/playwright-core" ] || (cd "$HERE/../e2e" && npm ci --no-audit --no-fund >/dev/null)
exec node "$HERE/prerender.mjs" "$@"
