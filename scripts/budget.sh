#!/usr/bin/env bash
# Prints the size, speed and memory figures of the built web app and fails if one is over budget.
# Run after `trunk build --release`.
# The budgets hold today's size so a regression fails; the target is what the project aims for.
set -euo pipefail
cd "$(dirname "$0")/.."
# Budgets and target, gzip-compressed bytes (what a browser downloads). The page's first download
# is everything but the worker, which is fetched only when a scenario file is opened or
# the author's page is.
# Training sessions (run files and links, the replay screen, the cohort review, the facilitator's
# console and its sync) took the app from 471 to 571 KB; the injects in the format took the worker
# from 335 to 345. The hardening issue brings them down (screens loaded on demand, a binary format).
WASM_BUDGET_GZ=${WASM_BUDGET_GZ:-575000}
FIRST_BUDGET_GZ=${FIRST_BUDGET_GZ:-595000}
WORKER_BUDGET_GZ=${WORKER_BUDGET_GZ:-348000}
TOTAL_BUDGET_GZ=${TOTAL_BUDGET_GZ:-940000}
TOTAL_TARGET_GZ=200000

wasm=$(ls dist/incident-trainer-*_bg.wasm 2>/dev/null | head -n 1)
[ -n "$wasm" ] || { echo "no dist/incident-trainer-*_bg.wasm: run trunk build --release first" >&2; exit 1; }
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
total=0
first=0
worker=0
for f in dist/*; do
  size=$(gzip -9 -c "$f" | wc -c)
  printf '  %-48s %8d gzip\n' "$(basename "$f")" "$size"
  total=$((total + size))
  case "$(basename "$f")" in
    worker*) worker=$((worker + size)) ;;
    *) first=$((first + size)) ;;
  esac
done
verdict() { [ "$1" -le "$TOTAL_TARGET_GZ" ] && echo met || echo "not met"; }
printf 'app wasm    %8d bytes raw, %8d gzip (budget %d)\n' "$raw" "$gz" "$WASM_BUDGET_GZ"
printf 'first load  %8s            %8d gzip (budget %d, target %d: %s)\n' "" "$first" "$FIRST_BUDGET_GZ" \
  "$TOTAL_TARGET_GZ" "$(verdict "$first")"
printf 'worker      %8s            %8d gzip (budget %d; fetched when a scenario file is opened or the author page is)\n' "" "$worker" "$WORKER_BUDGET_GZ"
printf 'all files   %8s            %8d gzip (budget %d, target %d: %s)\n' "" "$total" "$TOTAL_BUDGET_GZ" \
  "$TOTAL_TARGET_GZ" "$(verdict "$total")"
fail=0
[ "$gz" -le "$WASM_BUDGET_GZ" ] || { echo "over budget: app wasm" >&2; fail=1; }
[ "$first" -le "$FIRST_BUDGET_GZ" ] || { echo "over budget: first load" >&2; fail=1; }
[ "$worker" -le "$WORKER_BUDGET_GZ" ] || { echo "over budget: worker" >&2; fail=1; }
[ "$total" -le "$TOTAL_BUDGET_GZ" ] || { echo "over budget: total" >&2; fail=1; }
# Speed and memory in headless Chromium: ready time, frame time at 60x, long tasks, heap growth.
DIST="$PWD/dist" node tests/browser/perf.mjs || fail=1
# Long use: the seed incident played to the end 30 times in one tab (SOAK_RUNS=300 for the full soak).
SOAK_RUNS="${SOAK_RUNS:-30}" DIST="$PWD/dist" node tests/browser/soak.mjs || fail=1
exit $fail
