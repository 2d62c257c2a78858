#!/usr/bin/env bash
# Builds the Obsidian plugin: the Rust core to WASM (wasm-pack, into
# plugin/wasm/), then ONE main.js with the WASM embedded, gzipped (esbuild;
# see plugin/build/wasm-factory.mjs), then
# dist/notemend/ = main.js + manifest.json + styles.css, ready to copy to
# <vault>/.obsidian/plugins/notemend/.
set -euo pipefail
cd "$(dirname "$0")/.."

printf '== build-plugin: wasm-pack (release; respects CARGO_TARGET_DIR)\n'
wasm-pack --quiet build --target web --release --no-pack --out-dir plugin/wasm --out-name notemend

# Also when the lock changed since the last install (a new dependency such as fflate).
if [ ! -f plugin/node_modules/.package-lock.json ] || [ plugin/package-lock.json -nt plugin/node_modules/.package-lock.json ]; then
  printf '== build-plugin: npm ci\n'
  (cd plugin && npm ci --no-audit --no-fund --loglevel=error)
fi

printf '== build-plugin: esbuild\n'
(cd plugin && node esbuild.config.mjs)

rm -rf dist/notemend
mkdir -p dist/notemend
cp plugin/main.js dist/notemend/main.js
cp manifest.json dist/notemend/manifest.json
cp plugin/styles.css dist/notemend/styles.css
printf '== build-plugin: dist/notemend/ ready (main.js %s bytes; budget 2000000, issue 14)\n' "$(wc -c < dist/notemend/main.js)"
