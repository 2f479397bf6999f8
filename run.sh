#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:8080, rebuilding on change.
# By default it serves the release build (the one the tests test and the size budget measures);
# `./run.sh --dev` serves a debug build instead (faster to rebuild, several times larger).
# Any other arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")"
profile=(--release)
args=()
for arg in "$@"; do
  case "$arg" in
    --dev) profile=() ;;
    *) args+=("$arg") ;;
  esac
done
scripts/setup.sh
. scripts/env.sh
exec trunk serve "${profile[@]}" "${args[@]}"
