# Sourced by the other scripts: where tools live and the PATH that finds them.
# Tools installed from npm go under INCIDENT_TOOLS (default: a cache folder in your home).
INCIDENT_TOOLS="${INCIDENT_TOOLS:-$HOME/.cache/incident-trainer}"
export INCIDENT_TOOLS
export PATH="$INCIDENT_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION="0.22.0-beta.1"
BINARYEN_VERSION="132.0.0"
# wasm-bindgen-cli must match the wasm-bindgen crate exactly; Cargo.lock is the source of truth.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
