#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh machine.
# Idempotent: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Must match the exact `wasm-bindgen` pin in Cargo.toml: the CLI and the
# library have to agree, and installing it ourselves spares wasm-pack a build.
WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1

log() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q "$WASM_BINDGEN_VERSION"; then
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked first for repeatability; without it when a locked crate is no longer served.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked ||
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v wasm-pack >/dev/null; then
  log "wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked ||
    cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi

# Chromium runs the plugin's browser test; the emoji font makes its
# screenshots show emoji instead of empty boxes.
if [ "${NOTEMEND_SKIP_BROWSER:-}" != 1 ] &&
  { ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; }; then
  log "chromium and an emoji font (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
fi

if [ -f plugin/package.json ] &&
  { [ ! -d plugin/node_modules ] || [ plugin/package-lock.json -nt plugin/node_modules ]; }; then
  log "npm packages"
  (cd plugin && npm ci --no-audit --no-fund --loglevel=error)
fi
log "done"
