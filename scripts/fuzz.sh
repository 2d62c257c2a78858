#!/usr/bin/env bash
# Runs the fuzz targets one after another (never in parallel: the fuzzer
# takes a core each), seeded with fuzz/seeds/TARGET and the corpus earlier
# runs left behind. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# (default 60 s each, every target). Needs the nightly toolchain and
# cargo-fuzz. A crash leaves its input in fuzz/artifacts/TARGET/: copy it to
# tests/fuzz_regressions/TARGET/ so `cargo test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize parse settings)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo install cargo-fuzz

status=0
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  # Seeds: the committed ones, the fixtures, and every regression input.
  seeds=fuzz/seeds/$target
  [ -d "$seeds" ] || seeds=fuzz/seeds/normalize
  cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
  if [ "$target" != settings ]; then
    cp -n tests/fixtures/*.md "$corpus"/ 2>/dev/null || true
  fi
  cp -n tests/fuzz_regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  # With -jobs libFuzzer writes its own log, fuzz-0.log, where it runs.
  work=fuzz/artifacts/$target
  abs=$(pwd)/$work
  rm -f "$work/fuzz-0.log"
  log=$work/last-run.log
  printf '== fuzz %s for %ss (log: %s)\n' "$target" "$seconds" "$log"
  # -a: debug assertions (overflow checks) on in the fuzzed build.
  # FUZZ_KEEP_GOING=1: fork mode, which records a crash and fuzzes on
  # (for a target whose known crash would otherwise end every run).
  if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  else
    mode=(-jobs=1)
  fi
  if ! (cd "$work" && cargo +nightly fuzz run --fuzz-dir ../.. -a "$target" ../../corpus/"$target" -- \
      -max_total_time="$seconds" -max_len=65536 "${mode[@]}" -rss_limit_mb=4096 \
      -timeout=20 -print_final_stats=1 -artifact_prefix="$abs/") >"$log" 2>&1; then
    status=1
    printf '   %s: the fuzzer found a problem; see %s and %s/\n' "$target" "$work/fuzz-0.log" "$work"
  fi
  if [ -f "$work/fuzz-0.log" ]; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added|Done [0-9]+ runs)' \
      "$work/fuzz-0.log" | sed 's/^/   /' || true
  else
    # Fork mode: the last progress line holds the total.
    grep -E '^#[0-9]+: cov' "$log" | tail -1 | sed 's/^/   /' || true
    grep -E 'INFO: (exiting|fuzzed for)|crash-' "$log" | tail -5 | sed 's/^/   /' || true
  fi
done
exit $status
