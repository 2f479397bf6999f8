#!/usr/bin/env bash
# The input tests with a larger budget than CI's: scenario files, saves, progress files, run files
# and share links, mangled at random, must be read or refused with a reason, never a panic; and
# the simulation over random valid worlds and actions keeps its invariants and replays exactly.
# Property tests rather than a coverage-guided fuzzer: they run on the stable toolchain CI has.
# Usage: scripts/fuzz.sh [CASES]   (default 5000 per property; CI runs 48-256)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cases="${1:-5000}"
start=$(date +%s)
INPUT_CASES="$cases" cargo test --release --locked --test bad_input --test run_input
# The simulation over random worlds and actions, in a debug build so every step checks the
# invariants itself (a fifth of the cases: each plays two runs).
PROPTEST_CASES=$((cases / 5)) cargo test --locked --test sim_properties
echo "fuzz: $cases cases per property in $(( $(date +%s) - start )) s"
