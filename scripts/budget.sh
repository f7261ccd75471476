#!/usr/bin/env bash
#! Reports the release bundle's sizes (raw and brotli) and fails when the wasm
#! outgrows the budget in budget.json. Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
wasm=$(ls "$DIST"/*_bg.wasm)
js=$(ls "$DIST"/*.js | grep -v _bg | head -1)
br() { brotli -q 11 -c "$1" | wc -c; }
wasm_raw=$(stat -c %s "$wasm"); wasm_br=$(br "$wasm")
js_raw=$(stat -c %s "$js"); js_br=$(br "$js")
limit=$(python3 -c 'import json;print(json.load(open("budget.json"))["wasm_brotli_max_bytes"])')
printf 'wasm: %d B raw, %d B brotli (budget %d B)\njs:   %d B raw, %d B brotli\n' \
  "$wasm_raw" "$wasm_br" "$limit" "$js_raw" "$js_br"
if [ "$wasm_br" -gt "$limit" ]; then
  echo "budget: the wasm grew past $limit brotli bytes; shrink it, or raise budget.json on purpose" >&2
  exit 1
fi
