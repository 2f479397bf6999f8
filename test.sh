#!/usr/bin/env bash
# Installs what is missing, then runs every check: formatting, lints (host and wasm32), unit and
# integration tests, the wasm32 determinism test in headless Chromium, the release build, the
# browser tests against the built page, and the size budget and benchmark figures.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
. scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "lints (host)"
cargo clippy --all-targets --locked -- -D warnings

step "lints (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests"
cargo test --locked

step "determinism in the browser (wasm32, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --locked --target wasm32-unknown-unknown --test wasm_trace

step "release build of the web app"
trunk build --release

step "browser tests (the built page in headless Chromium)"
cargo build --locked --release --bin incident-sim
INCIDENT_SIM="$PWD/target/release/incident-sim" DIST="$PWD/dist" node --test tests/browser/

step "every built-in scenario and template validated and proven sound (3 seeds each)"
for id in $(target/release/incident-sim list); do
  target/release/incident-sim validate "scenarios/$id.toml"
  target/release/incident-sim solve "$id" --seeds 3
done
for template in scenarios/templates/*.toml; do
  target/release/incident-sim validate "$template"
  target/release/incident-sim solve "$template" --seeds 3
done

step "size, speed and memory budgets (figures)"
scripts/budget.sh

step "benchmark (native and wasm throughput, the wide run)"
scripts/bench.sh
