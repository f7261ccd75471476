#!/usr/bin/env bash
#! Serves the site with live reload on http://127.0.0.1:8080, on the bundled
#! demo backend (config.json). Installs what is missing first. Its debug build
#! goes to dist-dev/, so dist/ keeps the release bundle that scripts/e2e.sh
#! and bench/run serve.
#!
#! Usage: scripts/serve.sh [extra trunk serve flags, e.g. --port 3000]
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_SKIP_NODE=1 scripts/setup.sh
source scripts/env.sh
exec trunk serve --dist dist-dev "$@"
