#!/usr/bin/env bash
# Instructions of one pass of `normalize` (default settings) over a list of
# notes, in WASM under Node, counted by callgrind. Unlike time, the count
# does not move with the machine's load, so a step's effect on the WASM
# build can be told on a busy machine. V8 compiles with TurboFan alone
# (`--no-liftoff`: no tier-up that depends on timing), on one thread. A run
# with no pass after the warm-up (loading, compiling, the warm-up pass) is
# taken from a run with N: what is left is N passes.
#
#   bash scripts/wasm_instructions.sh PKG LIST [N]
#
# PKG is a `wasm-pack build --target nodejs` output (scripts/bench.sh makes
# one in target/bench-wasm-node); N defaults to 2. Each run takes about a
# minute on vault-settled.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=$1 list=$2 passes=${3:-2}
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
    node --no-liftoff --single-threaded scripts/bench_wasm.js --pkg "$pkg" --passes "$1" "$list" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,
}
base=$(count 0)
with=$(count "$passes")
echo "$(basename "$list" .txt): $(((with - base) / passes)) instructions a pass ($passes passes: $with; none: $base)"
