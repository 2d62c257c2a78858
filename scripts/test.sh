#!/usr/bin/env bash
# Every test, from a fresh machine: installs what is missing, then checks
# formatting and lints, runs the Rust tests (unit, golden fixtures, CLI,
# corpus), builds the WASM and the plugin, and runs the plugin's tests
# (lint, unit, WASM under Node, the bundled main.js in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings

step "cargo test (profile ci: optimised, the corpus tests read tens of megabytes)"
cargo test --profile ci --lib --bins --tests --quiet
cargo test --profile ci --doc --quiet

if [ -f plugin/package.json ]; then
  step "plugin: build (wasm-pack + esbuild)"
  bash scripts/build-plugin.sh
  step "plugin: lint, unit, WASM under Node, headless Chromium"
  (cd plugin && npm test)
fi
step "all tests passed"
