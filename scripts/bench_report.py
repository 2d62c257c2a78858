#!/usr/bin/env python3
"""Writes BENCHMARKS.md (to stdout) from the raw results of scripts/bench.sh.

Usage: bench_report.py RESULTS_DIR MANIFEST_JSON
"""

import json
import os
import re
import sys

SETS = [
    ("corpus", "clean", "real notes: Tasks docs + demo vault, tldr pages in 38 languages"),
    ("vault-clean-sample", "clean", "every tenth clean note of the generated vault (9 in 10 are clean)"),
    ("vault-settled", "clean", "the same notes after one `notemend fix`: what every later save of a note sees"),
    ("corpus-garbled", "garbled", "corpus notes decoded as windows-1252/1254"),
    ("vault-garbled", "garbled", "the generated vault's garbled notes (1 in 10)"),
    ("large", "1 MB", "one generated 1 MiB note, clean"),
    ("large-garbled", "1 MB", "the same note through windows-1254, bytes dropped"),
    ("large-settled", "1 MB", "the clean 1 MiB note after one `notemend fix`: its every later save"),
]

# Why a target is missed. Each cause comes from a callgrind profile (note 6:
# of `normalize` on the throughput sets, of `notemend check` for the CLI
# rows; at PROFILED_AT), or from the tables above. Printed only next to a
# missed target.
WHY = {
    "garbled": "profile of `normalize` after a warm-up pass (`examples/profile_pass.rs`, at 0fd9530), the first 300 "
    "notes of vault-garbled: `mojibake` is 54% of all instructions: the per-run choice (`choose::choose`) 15%, "
    "most of it repairs whose lost bytes are judged (`detect::repair` 12%, word membership `words::settle` 4%); "
    "scoring readings (`score::cost`) 7%; the note's language 3%. Carrying the note over the other fixes' edits "
    "is 9%, `duplicate-names` 7%, `dates` 6%, `tasks` 5%; the confirming pass on the repaired text about 13% "
    "(the same notes repaired cost 99 M of these 742 M instructions, at a59bb70). No one part is a fifth: only "
    "a mojibake fix that reads most runs through the note's page alone can reach the goal (note 1)",
    "garbled-ftfy": "the same work: ftfy reads a run through the one page its heuristics pick and "
    "never rebuilds a lost byte; Notemend weighs every candidate for each lost byte "
    "(`detect::repair`, 35% of its instructions on corpus-garbled) (note 1)",
    "clean-changes": "profile of `normalize` after a warm-up pass (`examples/profile_pass.rs`, at 0fd9530), the "
    "first 300 notes of vault-clean-sample: `duplicate-names` 19%, `dates` 17% (`sites::places` 8%), carrying "
    "the note over edits 14% (the frontmatter block after a YAML edit 5%), `mojibake` 13% though these notes "
    "hold none, `tasks` 12% (the rewrite 7%), reading the note 6% and finding its frontmatter 5%; nearly every "
    "note has edits from five fixes, and the confirming pass that runs them again on the repaired text costs "
    "what a settled note does (vault-settled is these notes repaired: 86 M of these 294 M instructions) (note 4)",
    "settled": "profile of `normalize` after a warm-up pass (`examples/profile_pass.rs`, at 0fd9530), the first "
    "300 notes of vault-settled: nothing changes, yet `mojibake` is 23% (a full look at the 23 notes whose "
    "Ukrainian or Serbian letters hold pairs a page could have made, such as ні, is about 16 M of the pass's "
    "86 M instructions), `dates` 22% (`sites::places` 13%), reading the note 20% (splitting lines 9%, block "
    "regions 6%), `duplicate-names` 10% (`has_doubled_word` 9%), finding the frontmatter 10%, `tasks` 7% (a "
    "line already in Tasks' form is told so by one look forward since 1db10a9; it was 15%): every fix whose "
    "kinds of site the note holds reads all of them again on every save, and no one part is more than a "
    "quarter (note 4)",
    "cli": "profile, `check` on 200 clean vault notes (bench_profile.sh, one thread): the repair is 70% of "
    "all instructions (`mojibake` 13%, `tasks` 12%, `dates` 12%, `duplicate-names` 11%, carrying the note "
    "over edits 10%: the rows above), reading each note once for the index and the repair 6%, compiling "
    "the date grammar's regexes 6% (once per process: under 0.2% on the whole vault), writing the report "
    "5%. CPU-bound: both threads busy (CPU time about twice the wall time, the table above)",
    "cli-multilingual": "profile, 200 clean multilingual notes: the repair is 71% of all instructions, "
    "`mojibake` 17% (its quick scan over every non-ASCII letter, and a full look at the notes whose "
    "Cyrillic or Greek words hold pairs a page could have made), `tasks` 12%, `dates` 11%, "
    "`duplicate-names` 10%; its garbled tenth costs what the garbled rows show (note 1)",
    "large-wasm": "WASM runs at about half of native, and native is already over the budget on the "
    "1 MiB note (the row above): the note needs thousands of changes, every changing fix re-reads it, "
    "and a second pass confirms; *settled* is the same note on its later saves, what fix-on-save meets "
    "(notes 3, 4)",
    "wasm-ratio": "callgrind under Node (`scripts/wasm_instructions.sh`, at a59bb70, 300 notes): WASM takes 2.1x "
    "native's instructions on vault-settled and 2.8x on vault-garbled. Node's CPU profile names no one cause: "
    "the boundary (the note copied in, 4% on settled; on garbled notes the outcome's thousands of strings "
    "decoded and set, about 15%), Rust's default allocator 5-6% (mimalloc natively), memchr's scalar "
    "fallback 3%. Tried and measured: Talc as the allocator (settled +1.2%, garbled -1.1% instructions), "
    "Binaryen's wasm-opt -O3 (-0.4%, -1.5%), the outcome as one JSON text parsed by the engine "
    "(+4.3% on garbled) (note 3)",
    "main-js": "the WASM module is large (regex Unicode tables, serde_yaml, the mojibake model)",
    "init": "inflating the gzipped payload (DecompressionStream) is about half of it and compiling "
    "the rest; both grow with the module, and both with the machine's load: the same step took "
    "31 ms at bc588f5 at a load of 1.3, with a module 3% smaller. The figure also holds decoding "
    "main.js's base64, a few ms where Chromium has Uint8Array.fromBase64",
}

# The commit the profiles behind WHY and NOTES were taken at.
PROFILED_AT = "114707e"

NOTES = """
1. **`mojibake`** (src/fixes/mojibake*). A run made only of lone accented letters (`í` in
   `García`) is judged for lost bytes only under the note's own code page, not under all
   ten. `score::is_alpha` reads a table below U+0800 and the character model (256 KB,
   binary searches) runs only on gaps. The Unicode table search behind
   `char::is_alphabetic` (`alphabetic::lookup_slow`) is now 1-4% of all instructions;
   peeling further layers (`layers::peel_all`) 2-5% on garbled notes. The note's own page
   is read first, and another page's gaps are judged only when a bound says judging them
   could still lift it past the best reading so far (5d3d0ef). What costs now is judging
   lost bytes (`detect::judge_gaps`): every candidate byte for every gap, each reading
   repaired and scored (`detect::repair`), 35% of all instructions on corpus-garbled
   (`dropped::judge` 10% of all) at 3c00e8d.
2. **`dates`** and **`duplicate-names`**: formats are parsed once per process; the
   numeric forms are read by hand, the regexes deciding only where another script's
   digits could be; byte checks rule lines and words out before any regex or name
   lookup; the formats and the people the settings and the vault know are prepared
   once per run, in the fixes' `Context`, not once per note. Running text is read for date evidence only when a date of
   the note reads two ways. Still, `dates` finding its sites (`sites::collect`) is 13% of
   the instructions on settled notes, where it finds nothing to change.
3. **The WASM boundary** (src/wasm.rs): with every fix off, `normalize` under Node costs
   a few ms per MB before any fix runs: the UTF-16 → UTF-8 copy in, the outcome (the
   whole text) copied back out, and settings read from JSON on every call. The exact
   lone-surrogate check runs only when the converted text holds U+FFFD.
4. **The pipeline** (src/lib.rs, src/note): the note is parsed once per text version (the
   CLI's vault index and repair share the first reading), and an edit that stays inside
   lines of ordinary text carries the structure, and the one scan's sites, over instead of
   parsing again (src/note/carry.rs). The scan (src/note/scan.rs) records per line the
   kinds of site each fix needs; a fix without sites in a note is skipped, and tasks,
   dates and whitespace visit only their lines. A changed note passes once more to
   confirm, but a fix that found nothing in the very text it would read is not run again.
   The *none* row (every fix off) still skips the note model.
5. Measurements on a shared 2-core machine: the load averages above are other jobs;
   medians of repeated passes, one run. The ratios in one row come from the same run;
   comparisons with the previous run are only as good as the two loads (its ftfy column
   is the control).
6. **Profiles**: the throughput targets' shares come from callgrind on `normalize` itself,
   one thread, over the sets above, counting only a pass after a warm-up pass (so the
   regexes compiled once per process do not count): `examples/profile_pass.rs`, whose
   doc gives the command, at 0fd9530 over the first 300 notes of vault-garbled,
   vault-clean-sample and vault-settled; the CLI targets' from
   `bash scripts/bench_profile.sh` (callgrind, `notemend check` on one thread over 200
   clean vault notes, the same settled, 100 garbled notes and 200 multilingual ones,
   reading and indexing included). Instruction counts, not time, so other jobs do not
   move them; run at `PROFILED_AT`.
7. **Code, load or machine?** Instruction counts tell the code's share of a change in
   *Since the previous BENCHMARKS.md* from the load's and the machine's. Between
   fcc49f0 (the previous BENCHMARKS.md) and f31fefa (callgrind,
   `examples/profile_pass.rs`, the first 300 notes of each set) `normalize` took
   1.1% fewer instructions on *vault-settled* (84.95 M → 84.03 M), 0.7% fewer on
   *vault-clean-sample* (289.42 M → 287.41 M) and 2.4% fewer on *vault-garbled*
   (742.12 M → 724.07 M: the alphabets looked up per letter, a run written again
   told to the page vote once). A speed-up much beyond that is the machine or its
   load.
"""

def jsonl(path):
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line.startswith("{"):
                row = json.loads(line)
                out[row["set"]] = row
    return out


def num(cell):
    try:
        return float(cell.replace(",", "").replace("×", "").replace(" ms", "").strip())
    except (AttributeError, ValueError):
        return None


def change(then, now):
    if then is None or now is None or then == 0:
        return "n/a"
    return f"{now / then:.2f}×"


def cli_result(results, name):
    """The median, times, CPU and summary line of one `notemend check` run of bench.sh."""
    raw = json.loads(read(os.path.join(results, f"cli-{name}.json"), "{}") or "{}")
    r = (raw.get("results") or [{}])[0]
    out = {"median": r.get("median"), "times": r.get("times")}
    if r.get("user") is not None:  # hyperfine
        out["cpu"] = r["user"] + r.get("system", 0)
    elif r.get("cpu_median") is not None:
        out["cpu"] = r["cpu_median"]
    summary = read(os.path.join(results, f"cli-{name}-summary.txt"), "").splitlines()
    out["summary"] = next((line for line in summary if "checked" in line), "")
    return out


def previous_figures(path):
    """The throughput table, the check time and the 1 MiB WASM times of the BENCHMARKS.md
    this run replaces."""
    text = read(path, "") or ""
    out = {"sets": {}, "commit": "?", "load": "?", "cli": None, "large_wasm": None}
    m = re.search(r"commit `([^`]+)`", text)
    if m:
        out["commit"] = m.group(1)
    m = re.search(r"\*\*Load\*\*[^:]*: before `([^`]*)`", text)
    if m:
        out["load"] = m.group(1)
    m = re.search(r"\*\*Machine:\*\* ([^,\n]+)", text)
    out["cpu"] = m.group(1) if m else None
    header = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| set | kind |"):
            # The throughput table only: its own "since" table shares the first columns.
            header = cells if "native MB/s" in cells else None
            continue
        if header is not None:
            if not line.startswith("|"):
                header = None
            elif not cells[0].startswith("---"):
                row = dict(zip(header, cells))
                out["sets"][cells[0]] = {k: num(row.get(k)) for k in ("native MB/s", "WASM MB/s", "ftfy MB/s")}
    m = re.search(r"\| `notemend check` on the generated vault \(([0-9,]+) notes[^|]*\| ([0-9.]+) s", text)
    if m:
        out["cli_notes"] = int(m.group(1).replace(",", ""))
        out["cli"] = float(m.group(2))
    m = re.search(r"1 MiB note in WASM under Node, clean / garbled / settled \| ([0-9.]+) ms / ([0-9.]+) ms / "
                  r"([0-9.]+) ms", text)
    if m:
        out["large_wasm"] = [float(x) for x in m.groups()]
    return out


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip()
    except OSError:
        return default


def fmt_ms(ms):
    return "n/a" if ms is None else f"{ms:.1f} ms"


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def ratio(a, b, digits=0):
    if a is None or b is None or b == 0:
        return "n/a"
    r = a / b
    if r >= 10:
        return f"{r:,.0f}×"
    return f"{r:.2f}×"


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    results, manifest_path = sys.argv[1], sys.argv[2]
    native = jsonl(os.path.join(results, "native.jsonl"))
    wasm = jsonl(os.path.join(results, "wasm.jsonl"))
    ftfy = jsonl(os.path.join(results, "ftfy.jsonl"))
    manifest = json.loads(read(manifest_path, "{}"))
    machine = dict(
        line.split("=", 1) for line in read(os.path.join(results, "machine.txt"), "").splitlines() if "=" in line
    )
    cli = {name: cli_result(results, name) for name in ("vault", "multilingual", "vault-nofix")}
    chromium = json.loads(read(os.path.join(results, "chromium.json"), "{}") or "{}")
    main_js = read(os.path.join(results, "main-js-bytes.txt"), "n/a")
    wasm_bytes = read(os.path.join(results, "wasm-bytes.txt"), "n/a")
    load_before = read(os.path.join(results, "load-before.txt"), "")
    load_after = read(os.path.join(results, "load-after.txt"), "")

    def get(table, name, key):
        return table.get(name, {}).get(key)

    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    w("Written by `bash scripts/bench.sh` (one command: builds the release CLI, the WASM for Node")
    w("and for the browser, generates the inputs with `scripts/gen_vault.py`, measures everything")
    w("below in the same run and writes this file). Do not edit by hand.")
    w("")
    if machine.get("quick") == "1":
        w("> **Quick run** (`BENCH_QUICK=1`): 500-note vault, short timings. Not the real figures.")
        w("")
    w(f"- **Date:** {machine.get('date', '?')}, commit `{machine.get('commit', '?')}`")
    w(
        f"- **Machine:** {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
        f"{machine.get('memory', '?')} memory, {machine.get('os', '?')}"
    )
    w(f"- **Toolchain:** {machine.get('rustc', '?')}; Node {machine.get('node', '?')}; {machine.get('python', '?')}")
    ver = next((r.get("ftfy_version") for r in ftfy.values()), "?")
    w(f"- **ftfy:** {ver} from PyPI, encoding repairs only (`fix_text` with every non-encoding fix off)")
    w(f"- **Load** (shared machine): before `{load_before.split('load average:')[-1].strip()}`, "
      f"after `{load_after.split('load average:')[-1].strip()}`")
    w("")
    w("## Throughput on the same notes")
    w("")
    w("MB/s = 10^6 bytes of UTF-8 per second, one thread, in-process, median of repeated passes")
    w("over the whole set. *Native* is `notemend::normalize` with default settings (all six fixes),")
    w("with mimalloc as the allocator, as the CLI has it;")
    w("*WASM* is the same call through the wasm-bindgen module under Node (JS string in, outcome")
    w("object with UTF-16 offsets out); *scan* is the note model alone (`Note::parse`: lines,")
    w("frontmatter, protected regions, what every fix reads before it looks), the nearest thing")
    w("to #15's one scan today; *floor* only validates the same bytes as UTF-8 in Rust.")
    w("")
    w("| set | kind | notes | MB | changed | native MB/s | WASM MB/s | ftfy MB/s | scan MB/s | floor MB/s "
      "| native ÷ ftfy | WASM ÷ native | floor ÷ native |")
    w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, kind, _ in SETS:
        if name not in native:
            continue
        n = native[name]
        mb = n["bytes"] / 1e6
        nat = n.get("normalize_mbps")
        wa = get(wasm, name, "wasm_mbps")
        ft = get(ftfy, name, "ftfy_mbps")
        fl = n.get("floor_mbps")
        sc = n.get("parse_mbps")
        w(
            f"| {name} | {kind} | {n['notes']:,} | {mb:.1f} | {n['changed']:,} | {fmt(nat)} | {fmt(wa)} | "
            f"{fmt(ft, 2)} | {fmt(sc)} | {fmt(fl)} | {ratio(nat, ft)} | {ratio(wa, nat)} | {ratio(fl, nat)} |"
        )
    w("")
    w("Sets: " + "; ".join(f"*{name}*: {desc}" for name, _, desc in SETS) + ".")
    w("")

    cli_med = cli["vault"].get("median")
    ml_med = cli["multilingual"].get("median")
    large_wasm = get(wasm, "large", "wasm_ms")
    large_garbled_wasm = get(wasm, "large-garbled", "wasm_ms")
    large_native = get(native, "large", "normalize_ms")
    large_garbled_native = get(native, "large-garbled", "normalize_ms")
    large_settled_wasm = get(wasm, "large-settled", "wasm_ms")
    large_settled_native = get(native, "large-settled", "normalize_ms")
    vault_notes = (manifest.get("notes", {}).get("vault-clean", 0) or 0) + (
        manifest.get("notes", {}).get("vault-garbled", 0) or 0
    )
    vault_mb = (manifest.get("vault_bytes") or 0) / 1e6
    ml_notes = (manifest.get("notes", {}).get("multilingual-clean", 0) or 0) + (
        manifest.get("notes", {}).get("multilingual-garbled", 0) or 0
    )
    ml_mb = (manifest.get("multilingual_bytes") or 0) / 1e6
    ml_garbled_mb = (manifest.get("bytes", {}).get("multilingual-garbled") or 0) / 1e6

    w("## Vault, large note, plugin")
    w("")
    w("| measure | value |")
    w("|---|--:|")
    for name, what in (
        ("vault", f"`notemend check` on the generated vault ({vault_notes:,} notes, {vault_mb:.1f} MB; "
         "read, index, repair on 2 threads, report)"),
        ("multilingual", f"`notemend check` on the multilingual vault ({ml_notes:,} notes, {ml_mb:.1f} MB, "
         f"{ml_garbled_mb:.1f} MB of it garbled: the generated vault's layout with prose from the tldr "
         "pages of 38 languages, one note in ten through windows-1252, windows-1254 or windows-1254 with "
         "bytes dropped)"),
        ("vault-nofix", "`notemend check --skip` every fix, the generated vault: read, vault index, "
         "report, no repair (what the CLI costs around the fixes)"),
    ):
        r = cli[name]
        if r.get("median") is None:
            continue
        times = r.get("times") or [r["median"]]
        w(f"| {what}, median wall time of {len(times)} | {r['median']:.3f} s (min {min(times):.3f}, "
          f"max {max(times):.3f}" + (f"; CPU {r['cpu']:.3f} s user+sys" if r.get("cpu") is not None else "")
          + ") |")
        if r.get("summary"):
            w(f"| … its summary line | {r['summary']} |")
    if large_wasm is not None:
        w(f"| 1 MiB note in WASM under Node, clean / garbled / settled | {large_wasm:.1f} ms / "
          f"{large_garbled_wasm:.1f} ms / {fmt_ms(large_settled_wasm)} |")
    if large_native is not None:
        w(f"| 1 MiB note native, clean / garbled / settled | {large_native:.1f} ms / "
          f"{large_garbled_native:.1f} ms / {fmt_ms(large_settled_native)} |")
    w(f"| `dist/notemend/main.js` (plugin bundle, WASM inlined) | "
      + (f"{int(main_js):,} bytes ({int(main_js) / 2**20:.2f} MiB)" if main_js.isdigit()
         else "n/a (build it with `bash scripts/build-plugin.sh`)")
      + " |")
    if wasm_bytes.isdigit():
        w(f"| the WASM module alone (`wasm-pack --release`) | {int(wasm_bytes):,} bytes |")
    decode_ms = chromium.get("decode_ms")
    decoded = decode_ms is not None
    if decoded:
        inflate = (f"decode and inflate {chromium.get('decompress_ms', 0):.1f} (decode {decode_ms:.1f}, "
                   f"{chromium.get('base64_decoder', '?')})")
    else:
        inflate = f"inflate {chromium.get('decompress_ms', 0):.1f}"
    if "compile_init_ms" in chromium:
        w(
            f"| WASM {'decode + ' if decoded else ''}inflate + compile + init in headless "
            f"Chromium {chromium.get('chromium', '')}, as main.js "
            f"does it ({chromium.get('gz_bytes', 0):,}-byte gzipped payload: {chromium.get('payload', '?')}), "
            f"median of {chromium['runs']} fresh pages | {chromium['compile_init_ms']:.1f} ms ("
            + f"{inflate} + compile {chromium['compile_ms']:.1f} + init "
            f"{chromium['init_ms']:.1f}; worst {chromium['compile_init_max_ms']:.1f}; first `normalize` call "
            f"{chromium['first_call_ms']:.1f}) |"
        )
    else:
        w(f"| WASM compile + init in headless Chromium | n/a ({chromium.get('error', 'not run')}) |")
    w("")

    perfix = []
    path = os.path.join(results, "perfix.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            perfix = [json.loads(line) for line in fh if line.startswith("{")]
    if perfix:
        sets = []
        for r in perfix:
            if r["set"] not in sets:
                sets.append(r["set"])
        by = {(r["fix"], r["set"]): r for r in perfix}
        w("## Where the time goes: each fix alone")
        w("")
        w("Native MB/s of the pipeline with only that fix enabled (note model, the fix, the fixed")
        w("point), next to all six (*all*). A fix far below the others is where the time goes.")
        w("*vault-sample* is every tenth note of the generated vault, clean and garbled in its mix;")
        w("*vault-settled* needs nothing, so its column is what each fix costs just to look.")
        w("*none* is `normalize` with every fix off (`Config::only(&[])`): today that skips the note")
        w("model too, so it is only the checks every call makes (readable text, opt-out) and the")
        w("line index. *scan alone* is the note model by itself (`Note::parse`), what each fix run")
        w("reads first: the ceiling the fixes work under, next to the *floor* (UTF-8 validation).")
        w("")
        w("| fix | " + " | ".join(f"{s} MB/s" for s in sets) + " | " + " | ".join(f"{s} changes" for s in sets) + " |")
        w("|---|" + "--:|" * (2 * len(sets)))
        for fix in ["all", "none", "mojibake", "duplicate-names", "dates", "tasks", "frontmatter", "whitespace"]:
            if not any((fix, s) in by for s in sets):
                continue
            cells = [fmt(by.get((fix, s), {}).get("normalize_mbps")) for s in sets]
            counts = [f"{by[(fix, s)]['changes']:,}" if (fix, s) in by else "n/a" for s in sets]
            w(f"| {fix} | " + " | ".join(cells) + " | " + " | ".join(counts) + " |")
        for label, key in (("scan alone (`Note::parse`)", "parse_mbps"), ("floor (UTF-8 validation)", "floor_mbps")):
            cells = [fmt(by.get(("all", s), {}).get(key)) for s in sets]
            if any(c != "n/a" for c in cells):
                w(f"| {label} | " + " | ".join(cells) + " | " + " | ".join("" for _ in sets) + " |")
        w("")

    # Targets: issue #15's, then the two the plugin already met.
    rows = []

    def target(key, name, goal, measured, ok, short):
        why = WHY.get(key, "") if not ok else ""
        rows.append((name, goal, measured, verdict(ok), short if not ok else "", why))

    def mbps_target(key, name, sets, goal):
        vals = [(s, native[s]["normalize_mbps"]) for s in sets if s in native]
        if not vals:
            return
        worst = min(v for _, v in vals)
        target(key, name, f"≥ {goal} MB/s", ", ".join(f"{s} {fmt(v)}" for s, v in vals), worst >= goal,
               f"needs {goal / worst:,.1f}× (worst {fmt(worst)} MB/s)")

    mbps_target("garbled", "garbled notes, native", ["corpus-garbled", "vault-garbled"], 60)
    vs = [(s, native[s]["normalize_mbps"] / ftfy[s]["ftfy_mbps"]) for s in ("corpus-garbled", "vault-garbled")
          if s in native and s in ftfy]
    if vs:
        worst = min(r for _, r in vs)
        target("garbled-ftfy", "garbled notes, native ÷ ftfy", "≥ 20×", ", ".join(f"{s} {r:.2f}×" for s, r in vs),
               worst >= 20, f"needs {20 / worst:,.1f}× (worst {worst:.2f}×)")
    mbps_target("clean-changes", "clean notes that need changes, native", ["vault-clean-sample"], 100)
    mbps_target("settled", "settled notes, native: what every save meets", ["vault-settled", "large-settled"], 400)
    for key, med, label, goal in (
        ("cli", cli_med, f"`notemend check`, the generated vault ({vault_notes:,} notes)", 0.8),
        ("cli-multilingual", ml_med, f"`notemend check`, the multilingual vault ({ml_notes:,} notes)", 1.2),
    ):
        if med is not None:
            target(key, label, f"≤ {goal} s", f"{med:.3f} s", med <= goal,
                   f"{med / goal:.1f}× the budget ({med - goal:.2f} s over)")
    if large_wasm is not None:
        parts = [("clean", large_wasm, 30), ("garbled", large_garbled_wasm, 60), ("settled", large_settled_wasm, 10)]
        parts = [(k, v, g) for k, v, g in parts if v is not None]
        over = [(k, v, g) for k, v, g in parts if v > g]
        target(
            "large-wasm",
            "1 MiB note in WASM, clean / garbled / settled",
            " / ".join(f"≤ {g}" for _, _, g in parts) + " ms",
            " / ".join(f"{v:.1f}" for _, v, _ in parts) + " ms",
            not over,
            ", ".join(f"{k} {v / g:.1f}×" for k, v, g in over) + " the budget",
        )
    half = [(s, wasm[s]["wasm_mbps"] / native[s]["normalize_mbps"]) for s, _, _ in SETS if s in wasm and s in native]
    if half:
        worst = min(r for _, r in half)
        below = [(s, r) for s, r in half if r < 0.6]
        target(
            "wasm-ratio",
            "WASM ÷ native, every set",
            "≥ 0.6×",
            ", ".join(f"{s} {r:.2f}×" for s, r in half),
            not below,
            f"{len(below)} of {len(half)} sets below; worst {worst:.2f}× (needs {0.6 / worst:.2f}×)",
        )
    if main_js.isdigit():
        size = int(main_js) / 1e6
        target("main-js", "`main.js` size", "≤ 1.5 MB", f"{size:.2f} MB", size <= 1.5,
               f"{size - 1.5:.2f} MB over ({size / 1.5:.2f}×)" if size > 1.5 else "")
    else:
        rows.append(("`main.js` size", "≤ 1.5 MB", "n/a: `bash scripts/build-plugin.sh` not run", "n/a", "", ""))
    if "compile_init_ms" in chromium:
        ms = chromium["compile_init_ms"]
        target("init", f"WASM {'decode + ' if decoded else ''}inflate + compile + init, Chromium", "< 50 ms", f"{ms:.1f} ms", ms < 50,
               f"{ms / 50:.1f}× the budget" if ms >= 50 else "")

    w("## Targets")
    w("")
    w("Issue #15's targets (the redesign: one note model, one scan), then the two the plugin already")
    w("had. *By how much* is the speed-up still needed.")
    w("")
    w("| target | goal | measured | verdict | by how much | why |")
    w("|---|---|---|---|---|---|")
    for r in rows:
        w("| " + " | ".join(r) + " |")
    w("")
    previous = previous_figures(os.path.join(results, "previous-BENCHMARKS.md"))
    if previous["sets"]:
        w("## Since the previous BENCHMARKS.md")
        w("")
        cpu = machine.get("cpu", "?")
        if previous["cpu"] and previous["cpu"] != cpu:
            w(f"The same sets measured at `{previous['commit']}` on another machine ({previous['cpu']}; "
              f"load then: `{previous['load']}`) and now on this one ({cpu}). ftfy did not change between "
              "the two runs, so its column shows how much of a difference is the machine; compare the "
              "code by instruction counts (note 7), not by these times.")
        else:
            w(f"The same sets measured at `{previous['commit']}` (load then: `{previous['load']}`) and now. "
              "ftfy did not change between the two runs, so its column shows how much of a difference "
              "is the machine's load.")
        w("")
        w("| set | kind | native MB/s then → now | change | WASM MB/s then → now | change | "
          "ftfy MB/s then → now | change |")
        w("|---|---|--:|--:|--:|--:|--:|--:|")
        for name, kind, _ in SETS:
            then = previous["sets"].get(name)
            if not then or name not in native:
                continue
            now = {"native MB/s": native[name].get("normalize_mbps"), "WASM MB/s": get(wasm, name, "wasm_mbps"),
                   "ftfy MB/s": get(ftfy, name, "ftfy_mbps")}
            cells = []
            for col in ("native MB/s", "WASM MB/s", "ftfy MB/s"):
                a, b = then.get(col), now[col]
                cells.append(f"{fmt(a)} → {fmt(b)}")
                cells.append(change(a, b))
            w(f"| {name} | {kind} | " + " | ".join(cells) + " |")
        if previous.get("cli") is not None and cli_med is not None and previous.get("cli_notes") == vault_notes:
            w(f"| `notemend check`, generated vault (s) | CLI | {previous['cli']:.3f} → {cli_med:.3f} | "
              f"{change(cli_med, previous['cli'])} | | | | |")
        if previous.get("large_wasm"):
            lw = previous["large_wasm"]
            now = [large_wasm, large_garbled_wasm, large_settled_wasm]
            w("| 1 MiB note in WASM, clean / garbled / settled (ms) | WASM | | | "
              + " / ".join(fmt(x) for x in lw) + " → " + " / ".join(fmt(x) for x in now) + " | "
              + " / ".join(change(b, a) for a, b in zip(lw, now)) + " | | |")
        w("")
        w("*Change* is now ÷ then for speeds and then ÷ now for times: above 1× is faster.")
        w("")
    if NOTES.strip():
        w("## Notes")
        w("")
        w(NOTES.strip().replace("PROFILED_AT", PROFILED_AT))
        w("")
    w("## Reproduce")
    w("")
    w("```sh")
    w("bash scripts/bench.sh                    # this file")
    w("cargo bench --bench normalize            # criterion: per set, per fix, parse, floor")
    w("```")
    w("")
    w("Raw results: `target/bench-results/`. Inputs: `target/bench-data/` (seeded, "
      f"seed {manifest.get('seed', '?')}; regenerated when `scripts/gen_vault.py` changes).")
    print("\n".join(out))


if __name__ == "__main__":
    main()
