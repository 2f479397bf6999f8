#!/usr/bin/env bash
# Installs every tool the project needs, skipping whatever is already there at the right version:
# the wasm32 target, trunk, wasm-bindgen-cli (the Cargo.lock version), wasm-opt (npm's binaryen),
# Chromium and ChromeDriver (Debian), and the browser-test driver (npm's playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (compiles for ~15 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Not --locked: its lockfile asks for a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt from binaryen $BINARYEN_VERSION"
  mkdir -p "$INCIDENT_TOOLS"
  npm install --prefix "$INCIDENT_TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

if ! (cd tests/browser && npm ls playwright-core axe-core >/dev/null 2>&1); then
  say "installing the browser-test driver"
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

say "tools ready: $(trunk --version), wasm-bindgen $(wasm-bindgen --version | awk '{ print $2 }'), $(wasm-opt --version | head -n 1), $(chromium --version 2>/dev/null)"
