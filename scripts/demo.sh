#!/usr/bin/env bash
# The main job on a fresh machine: build the plugin into dist/notemend/
# (ready to copy to .obsidian/plugins/notemend/), then run the vault
# clean-up on a copy of the bundled sample vault and print what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

if [ -f plugin/package.json ]; then
  bash scripts/build-plugin.sh
  printf '\n== plugin ready to install: dist/notemend/ (%s)\n' "$(ls dist/notemend | tr '\n' ' ')"
fi

cargo build --release --quiet
vault=target/demo-vault
rm -rf "$vault"
cp -r examples/vault "$vault"
printf '\n== notemend fix --diff %s   (a copy of examples/vault/)\n\n' "$vault"
./target/release/notemend fix --diff "$vault"
printf '\n== second run changes nothing:\n'
./target/release/notemend check "$vault"
