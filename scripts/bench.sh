#!/usr/bin/env bash
# The end-to-end benchmark, one command: builds what it needs, generates the
# inputs, measures Notemend native, Notemend WASM under Node, ftfy (encoding
# repairs only) and the floor (UTF-8 validation) on the same notes, the CLI
# on the 10,000-note vault and on its multilingual variant, main.js's size and
# the WASM's compile + init time in headless Chromium, and writes BENCHMARKS.md
# (with the figures of the BENCHMARKS.md it replaces, for comparison).
#
#   bash scripts/bench.sh             # full run (about 8 minutes on 2 cores)
#   BENCH_QUICK=1 bash scripts/bench.sh   # 500-note vault, short timings: a smoke test
#
# Inputs: the corpus from NOTEMEND_CORPUS (default ../shared/corpus beside the
# repository), everything else generated into target/bench-data by
# scripts/gen_vault.py (deterministic; never committed). Raw results go to
# target/bench-results/.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
DATA=target/bench-data
RESULTS=target/bench-results
CORPUS=${NOTEMEND_CORPUS:-../shared/corpus}
NOTES=10000
MIN_SECS=3
PERFIX_SECS=1
CLI_RUNS=10
if [ "${BENCH_QUICK:-}" = 1 ]; then
  NOTES=500
  MIN_SECS=0.3
  PERFIX_SECS=0.2
  CLI_RUNS=3
  DATA=target/bench-data-quick
fi
# A quick run never overwrites the committed BENCHMARKS.md.
REPORT=BENCHMARKS.md
[ "${BENCH_QUICK:-}" = 1 ] && REPORT=target/bench-results/BENCHMARKS.md
export NOTEMEND_CORPUS=$CORPUS

step() { printf '\n== bench: %s\n' "$*" >&2; }

# What a new machine lacks (the wasm32 target, wasm-pack, Chromium, the
# plugin's npm packages, which hold playwright-core for the browser step).
step "setup: scripts/setup.sh"
bash scripts/setup.sh >&2

# The commit the binaries are built from (others may commit during the run).
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+local changes')"

step "build: release CLI and the throughput bench"
cargo build --release --quiet
# Built once and run by path: sources edited during the run must not be
# picked up half-way by a rebuild.
THROUGHPUT=$(cargo bench --bench throughput --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "throughput" and m.get("executable"):
        print(m["executable"])')
[ -x "$THROUGHPUT" ] || { echo "bench: the throughput bench did not build" >&2; exit 1; }
CLI=$TARGET/release/notemend-bench
cp "$TARGET/release/notemend" "$CLI"

step "build: WASM for Node and for the browser (wasm-pack --release)"
wasm-pack --quiet build --target nodejs --release --out-dir target/bench-wasm-node --out-name notemend
wasm-pack --quiet build --target web --release --out-dir target/bench-wasm-web --out-name notemend

step "tools: ftfy (PyPI), hyperfine (optional)"
python3 -c 'import ftfy' 2>/dev/null || python3 -m pip install --quiet ftfy
command -v hyperfine >/dev/null || echo "hyperfine not found: timing the CLI with a shell loop" >&2

step "inputs: $DATA (scripts/gen_vault.py, $NOTES notes)"
if [ ! -f "$DATA/manifest.json" ] || [ scripts/gen_vault.py -nt "$DATA/manifest.json" ] ||
  ! grep -q "\"vault-clean\": $((NOTES - NOTES / 10))," "$DATA/manifest.json" ||
  ! grep -q "\"multilingual-clean\": $((NOTES - NOTES / 10))," "$DATA/manifest.json"; then
  python3 scripts/gen_vault.py --corpus "$CORPUS" --out "$DATA" --notes "$NOTES" >/dev/null
fi
# Settled notes: the clean sample after one repair, each note on its own
# (as the plugin sees it on every later save), rebuilt with the binary.
step "inputs: $DATA/settled (vault-clean-sample after one notemend fix)"
rm -rf "$DATA/settled"
mkdir -p "$DATA/settled"
i=0
while IFS= read -r note; do
  i=$((i + 1))
  settled="$PWD/$DATA/settled/$(printf '%05d' "$i").md"
  cp "$note" "$settled"
  "$CLI" fix --quiet "$settled" >/dev/null 2>&1 || true
  echo "$settled"
done <"$DATA/lists/vault-clean-sample.txt" >"$DATA/lists/vault-settled.txt"
cp "$(cat "$DATA/lists/large.txt")" "$DATA/settled/large.md"
"$CLI" fix --quiet "$DATA/settled/large.md" >/dev/null 2>&1 || true
echo "$PWD/$DATA/settled/large.md" >"$DATA/lists/large-settled.txt"
SETS=(corpus vault-clean-sample vault-settled corpus-garbled vault-garbled large large-garbled large-settled)
LISTS=()
for s in "${SETS[@]}"; do LISTS+=("$DATA/lists/$s.txt"); done

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The report it replaces, for the before/after of each set.
[ -f BENCHMARKS.md ] && cp BENCHMARKS.md "$RESULTS/previous-BENCHMARKS.md"
uptime > "$RESULTS/load-before.txt"

step "native: in-process throughput and the floor (1 thread)"
"$THROUGHPUT" --min-secs "$MIN_SECS" "${LISTS[@]}" | tee "$RESULTS/native.jsonl" >&2

step "native, each fix alone (the pipeline with one fix enabled; none: every fix off)"
for fix in all none mojibake duplicate-names dates tasks frontmatter whitespace; do
  only=()
  [ "$fix" = all ] || only=(--only "$fix")
  "$THROUGHPUT" --min-secs "$PERFIX_SECS" "${only[@]}" \
    "$DATA/lists/corpus.txt" "$DATA/lists/vault-sample.txt" "$DATA/lists/vault-settled.txt" "$DATA/lists/large.txt" |
    sed "s/^{/{\"fix\":\"$fix\",/" | tee -a "$RESULTS/perfix.jsonl" >&2
done

step "WASM under Node"
node scripts/bench_wasm.js --pkg target/bench-wasm-node --min-secs "$MIN_SECS" "${LISTS[@]}" |
  tee "$RESULTS/wasm.jsonl" >&2

step "ftfy $(python3 -c 'import ftfy; print(ftfy.__version__)'), encoding repairs only (slow: one or two passes per set)"
python3 scripts/bench_ftfy.py --min-secs "$MIN_SECS" "${LISTS[@]}" | tee "$RESULTS/ftfy.jsonl" >&2

# time_cli NAME ARGS...: times `notemend-bench ARGS...` into $RESULTS/cli-NAME.json
# (median of several runs, after one untimed run: the page cache, and how long
# a run takes; slow runs are repeated fewer times so the whole benchmark stays
# within minutes) and keeps its summary line in $RESULTS/cli-NAME-summary.txt.
time_cli() {
  local name=$1 runs=$CLI_RUNS start one
  shift
  start=$(date +%s%N)
  "$CLI" "$@" 2>"$RESULTS/cli-$name-summary.txt" >/dev/null || true
  one=$((($(date +%s%N) - start) / 1000000))
  if [ "$one" -gt 5000 ]; then runs=3; fi
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" --ignore-failure --style basic \
      --export-json "$RESULTS/cli-$name.json" "$CLI $*" >&2
  else
    python3 - "$runs" "$RESULTS/cli-$name.json" "$CLI" "$@" <<'EOF'
import json, os, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, cpu = [], []
for i in range(runs + 1):
    t = time.perf_counter()
    c = os.times()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i >= 1:
        times.append(time.perf_counter() - t)
        d = os.times()
        cpu.append(d.children_user - c.children_user + d.children_system - c.children_system)
times.sort()
cpu.sort()
json.dump({"results": [{"command": " ".join(cmd), "median": times[len(times) // 2], "times": times,
                        "cpu_median": cpu[len(cpu) // 2]}]}, open(out, "w"))
EOF
  fi
  printf '%s: %s\n' "$name" "$(tail -1 "$RESULTS/cli-$name-summary.txt")" >&2
}

ALL_FIXES=mojibake,duplicate-names,dates,tasks,frontmatter,whitespace
step "CLI: notemend check on the $NOTES-note vault (2 threads)"
time_cli vault check "$DATA/vault"
step "CLI: notemend check on the $NOTES-note multilingual vault (2 threads)"
time_cli multilingual check "$DATA/multilingual"
step "CLI: notemend check --skip (every fix) on the $NOTES-note vault: read, index, report"
time_cli vault-nofix check --skip "$ALL_FIXES" "$DATA/vault"

step "Chromium: WASM compile + init"
node scripts/bench_chromium.js --pkg target/bench-wasm-web --runs 27 | tee "$RESULTS/chromium.json" >&2 ||
  echo '{"error": "Chromium run failed"}' >"$RESULTS/chromium.json"

step "plugin: main.js size (built from this commit)"
bash scripts/build-plugin.sh >&2 || echo "plugin build failed" >&2
if [ -f dist/notemend/main.js ]; then
  wc -c <dist/notemend/main.js >"$RESULTS/main-js-bytes.txt"
else
  echo "n/a" >"$RESULTS/main-js-bytes.txt"
fi
wc -c <target/bench-wasm-web/notemend_bg.wasm >"$RESULTS/wasm-bytes.txt"
uptime > "$RESULTS/load-after.txt"

step "machine"
{
  echo "cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "cores=$(nproc)"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME") $(uname -r)"
  echo "rustc=$(rustc --version)"
  echo "node=$(node --version)"
  echo "python=$(python3 --version 2>&1)"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$COMMIT"
  echo "quick=${BENCH_QUICK:-0}"
} >"$RESULTS/machine.txt"

step "write $REPORT"
python3 scripts/bench_report.py "$RESULTS" "$DATA/manifest.json" >"$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
cat "$REPORT"
