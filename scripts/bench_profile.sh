#!/usr/bin/env bash
# Where the time goes, repeatably: callgrind (instruction counts, not time,
# so the machine's load does not move them) on `notemend check` over a few
# hundred notes of each kind the targets in BENCHMARKS.md name. The "why"
# column there comes from these profiles.
#
#   bash scripts/bench_profile.sh          # after scripts/bench.sh made target/bench-data
#
# Sets (copied into target/bench-profile/<set>/):
#   clean     the first 200 clean notes of the generated vault (they need changes)
#   settled   the same notes after one `notemend fix`
#   garbled   50 garbled notes of the generated vault + 50 of the multilingual one
#   ml        the first 200 clean notes of the multilingual vault
# For each, prints the functions of the project (and the standard library's
# Unicode lookups, regex, YAML, the allocator) with their inclusive share of
# all instructions, and writes target/bench-profile/cg.<set>.out for
# callgrind_annotate or KCachegrind. One thread (RAYON_NUM_THREADS=1).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench_profile: valgrind not found" >&2; exit 1; }

DATA=${BENCH_DATA:-target/bench-data}
OUT=target/bench-profile
PROFILE_TARGET=${PROFILE_TARGET:-target/profile-build}
[ -f "$DATA/lists/multilingual-clean.txt" ] ||
  { echo "bench_profile: run scripts/bench.sh (or scripts/gen_vault.py) first" >&2; exit 1; }

# The release build as the CLI ships it, with debug info for the profile.
CARGO_TARGET_DIR=$PROFILE_TARGET CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --quiet
BIN=$PROFILE_TARGET/release/notemend

rm -rf "$OUT"
mkdir -p "$OUT"/{clean,settled,garbled,ml}
copy() { # copy LIST N DIR [PREFIX]
  head -n "$2" "$1" | while IFS= read -r f; do cp "$f" "$3/${4:-}$(basename "$f")"; done
}
copy "$DATA/lists/vault-clean.txt" 200 "$OUT/clean"
copy "$DATA/lists/vault-clean.txt" 200 "$OUT/settled"
"$BIN" fix --quiet "$OUT/settled" >/dev/null 2>&1 || true
copy "$DATA/lists/vault-garbled.txt" 50 "$OUT/garbled"
copy "$DATA/lists/multilingual-garbled.txt" 50 "$OUT/garbled" ml-
copy "$DATA/lists/multilingual-clean.txt" 200 "$OUT/ml"

for set in clean settled garbled ml; do
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.$set.out" \
    "$BIN" check "$OUT/$set" >/dev/null 2>"$OUT/cg.$set.log" || true
  echo "== $set: $(du -sh "$OUT/$set" | cut -f1), $(grep -o 'refs:.*' "$OUT/cg.$set.log")"
  callgrind_annotate --inclusive=yes "$OUT/cg.$set.out" 2>/dev/null |
    grep -E '^ *[0-9,]+ \([ 0-9.]+%\)  /' |
    grep -E 'notemend::|lookup_slow|serde_yaml::loader|Regex::new|mi_malloc_aligned' |
    grep -v 'cli::' | sed -E 's#\[[^]]*\]##; s#^( *[0-9,]+ \([ 0-9.]+%\)) +[^:]*:#\1  #' |
    awk '!seen[$3]++' | head -n "${TOP:-25}"
  echo "-- callers of char::is_alphabetic's table lookup (core::unicode alphabetic::lookup_slow):"
  callgrind_annotate --inclusive=yes --tree=caller "$OUT/cg.$set.out" 2>/dev/null |
    awk '/^ *[0-9,]+ .*< /{buf = buf "\n" $0; next}
         /\* .*alphabetic::lookup_slow \[/{print substr(buf, 2); buf = ""; next}
         {buf = ""}' |
    sed -E 's#\[[^]]*\]##; s#^( *[0-9,]+ \([ 0-9.]+%\)) +< [^:]*:#\1  #' | sort -t'(' -k2 -rn | head -n 4
done
