#!/usr/bin/env bash
#! Runs every test: formatting, lints (native and wasm), native unit tests,
#! component tests in headless Chromium, then the release bundle end to end
#! behind nginx. Installs what is missing first (scripts/setup.sh).
#!
#! Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
step() { printf '\n=== [%ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }

step "setup"
scripts/setup.sh
source scripts/env.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --locked --all-targets -- -D warnings

step "clippy (wasm32, all targets)"
cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native unit tests"
cargo test --locked

step "component tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test '*'

step "release bundle (trunk build --release) and the wasm's size budget"
trunk build --release
node scripts/budget.mjs
# The profile by crate reads the same build (docs/wasm-profile.md): it must still find the app in it.
node bench/profile.mjs --json | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!r.crates.some((c) => c.crate === "newsfront" && c.bytes > 0)) { console.error("bench/profile.mjs found no newsfront code"); process.exit(1); }'

# Includes the first-view byte budget (e2e/tests/budget.test.mjs): a cold
# load of the bundle with its shipped config.json, every request counted.
step "end-to-end tests (nginx + headless Chromium)"
scripts/e2e.sh

step "all tests passed in $(( $(date +%s) - T0 ))s"
