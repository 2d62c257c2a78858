#!/usr/bin/env python3
"""ftfy on the same notes as the Notemend benchmarks, encoding repairs only.

Usage: bench_ftfy.py [--min-secs S] LIST...

Each LIST names one note per line (scripts/gen_vault.py writes them). For each
set, prints one JSON object per line: bytes, notes, how many notes ftfy
changed, and the median time of one pass over the set with
`ftfy.fix_text(text, config)` where the config enables only ftfy's encoding
repairs (fix_encoding with its helpers restore_byte_a0,
replace_lossy_sequences, decode_inconsistent_utf8, fix_c1_controls) and
turns off everything that is not about mojibake (HTML unescaping, terminal
escapes, ligatures, character width, quote uncurling, line breaks,
surrogates, control characters, Unicode normalization, explanations).
"""

import json
import os
import sys
import time

import ftfy

CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def median_pass(min_secs, run):
    """Median seconds of `run`, timed until `min_secs` have gone by (at
    least 3 times; at least once when one pass alone takes that long)."""
    times = []
    start = time.perf_counter()
    while not times or (time.perf_counter() - start < min_secs and len(times) < 1000) or (
        len(times) < 3 and times[0] < min_secs
    ):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


def main():
    args = sys.argv[1:]
    min_secs = 2.0
    if args[:1] == ["--min-secs"]:
        min_secs = float(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    for lst in args:
        name = os.path.splitext(os.path.basename(lst))[0]
        with open(lst, encoding="utf-8") as fh:
            paths = [p for p in fh.read().split("\n") if p]
        texts = []
        for p in paths:
            with open(p, "rb") as fh:
                raw = fh.read()
            try:
                texts.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                pass
        size = sum(len(t.encode("utf-8")) for t in texts)
        # The first pass counts the notes ftfy changes and warms its tables up.
        changed = sum(1 for t in texts if ftfy.fix_text(t, CONFIG) != t)

        def run():
            for t in texts:
                ftfy.fix_text(t, CONFIG)

        secs = median_pass(min_secs, run)
        print(
            json.dumps(
                {
                    "set": name,
                    "notes": len(texts),
                    "bytes": size,
                    "changed": changed,
                    "ftfy_ms": round(secs * 1e3, 3),
                    "ftfy_mbps": round(size / secs / 1e6, 3),
                    "ftfy_version": ftfy.__version__,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
