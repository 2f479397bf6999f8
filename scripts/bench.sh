#!/usr/bin/env bash
# The benchmark run: native throughput (cargo bench --bench throughput), the same wide run in
# WebAssembly under node, their ratio against the target, and the wide run against its goal.
# Figures from a 2-core machine vary by +/-20%; this prints them and fails only if the wasm run's
# trace differs from the native one's (the same hash: determinism holds in the page too).
set -euo pipefail
cd "$(dirname "$0")/.."
RATIO_TARGET=0.5
WIDE_GOAL_MS=1000

# Captured, then printed: `tee /dev/stderr` would write over the start of a log file that stderr
# was redirected to without appending.
native=$(cargo bench --locked --bench throughput 2>/dev/null)
echo "$native"
quiet=$(grep '1,000 servers x 24 h, quiet' <<<"$native")
native_mtps=$(sed -E 's/.* ([0-9.]+) M server-ticks\/s.*/\1/' <<<"$quiet")
native_ms=$(sed -E 's/^.*h, quiet +([0-9.]+) ms\/run.*/\1/' <<<"$quiet")
native_hash=$(sed -E 's/.*hash ([0-9a-f]+)\).*/\1/' <<<"$quiet")

# The bench profile (opt-level 3), as the native bench; the page ships opt-level "z" for size.
cargo build --locked --profile bench --example wasm_throughput --target wasm32-unknown-unknown
wasm_out=$(node scripts/wasm-throughput.mjs target/wasm32-unknown-unknown/release/examples/wasm_throughput.wasm)
echo "$wasm_out" | head -n 1
wasm_mtps=$(sed -n 's/^WASM_MTPS=//p' <<<"$wasm_out")
wasm_hash=$(sed -E -n 's/.*hash ([0-9a-f]+)\).*/\1/p' <<<"$wasm_out")

ratio=$(awk -v w="$wasm_mtps" -v n="$native_mtps" 'BEGIN { printf "%.2f", w / n }')
met() { awk -v a="$1" -v b="$2" -v op="$3" 'BEGIN { ok = (op == "ge") ? a >= b : a <= b; print ok ? "met" : "not met" }'; }
echo "wasm / native throughput: $ratio (target >= $RATIO_TARGET: $(met "$ratio" "$RATIO_TARGET" ge))"
echo "wide run, 1,000 servers x 24 h, native: $native_ms ms (goal <= $WIDE_GOAL_MS ms: $(met "$native_ms" "$WIDE_GOAL_MS" le))"
if [ "$wasm_hash" != "$native_hash" ]; then
  echo "the wasm run's trace ($wasm_hash) differs from the native one's ($native_hash)" >&2
  exit 1
fi
