#!/usr/bin/env bash
# Prints the size of the built web app and fails if it is over budget. Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
# Budgets, gzip-compressed bytes (what a browser downloads).
WASM_BUDGET_GZ=${WASM_BUDGET_GZ:-320000}
TOTAL_BUDGET_GZ=${TOTAL_BUDGET_GZ:-340000}

wasm=$(ls dist/*_bg.wasm 2>/dev/null | head -n 1)
[ -n "$wasm" ] || { echo "no dist/*.wasm: run trunk build --release first" >&2; exit 1; }
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
total=0
for f in dist/*; do total=$((total + $(gzip -9 -c "$f" | wc -c))); done
printf 'wasm      %8d bytes raw, %8d gzip (budget %d)\n' "$raw" "$gz" "$WASM_BUDGET_GZ"
printf 'all files %8s           %8d gzip (budget %d)\n' "" "$total" "$TOTAL_BUDGET_GZ"
fail=0
[ "$gz" -le "$WASM_BUDGET_GZ" ] || { echo "over budget: wasm" >&2; fail=1; }
[ "$total" -le "$TOTAL_BUDGET_GZ" ] || { echo "over budget: total" >&2; fail=1; }
exit $fail
