#!/usr/bin/env python3
"""Generates src/fixes/mojibake/alphabets.bin: per language, the letters
its orthography writes, for the `mojibake` fix to tell which of several
letters a lost byte stood for where no language model can: the letters a
note writes tell which orthographies it may be in, and a candidate none of
them writes is no letter of the note (Akan writes ɛ, never Ɓ, Ə or Ɲ,
which a lost byte of `Ɛ` also leaves possible).

Per language of CLDR (the npm package `cldr-misc-full`, Unicode licence),
from each locale's `characters.json`, its locales merged:

- `main`: its standard exemplar letters, and
- `aux`: its auxiliary ones (loanwords, names), which admit a note to the
  language but are not offered for a gap,

as lowercase single code points (NFC), letters and marks beyond ASCII only.
Languages whose exemplars hold more than MAX_LETTERS letters (Chinese,
Japanese, Korean, Yi) are left out: their scripts have their own evidence;
so are those that write no letter beyond ASCII (English), whose alphabets
would offer a gap nothing.

Layout (little-endian): b"NMAB", u16 language count; per language: three
ASCII bytes of its code (padded with spaces), u16 main count M, u16 aux
count A, then M + A code points (main, then aux, each sorted) as u32
differences from the previous one (from 0 at the start of each list),
written as LEB128 varints.

Needs `npm install --prefix DIR cldr-misc-full@48`. Run from the
repository root:
    python3 scripts/gen_mojibake_alphabets.py DIR/node_modules/cldr-misc-full
"""

import json
import os
import struct
import sys
import unicodedata

OUT = os.environ.get("OUT", os.path.join("src", "fixes", "mojibake", "alphabets.bin"))
MAX_LETTERS = 400


def letters(uset):
    """The non-ASCII letters and marks of a CLDR UnicodeSet string such as
    `[a b ɛ {ch} à-ä]`, lowercase, one code point each."""
    body = uset.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    out = set()
    i = 0
    toks = []
    while i < len(body):
        ch = body[i]
        if ch == "{":
            j = body.find("}", i)
            i = len(body) if j < 0 else j + 1  # multi-char elements: skipped
            continue
        if ch == "\\" and i + 1 < len(body):
            toks.append(body[i + 1])
            i += 2
            continue
        toks.append(ch)
        i += 1
    k = 0
    while k < len(toks):
        if k + 2 < len(toks) and toks[k + 1] == "-" and not toks[k].isspace():
            for o in range(ord(toks[k]), ord(toks[k + 2]) + 1):
                out.add(chr(o))
            k += 3
            continue
        if not toks[k].isspace():
            out.add(toks[k])
        k += 1
    keep = set()
    for c in out:
        for d in unicodedata.normalize("NFC", c.lower()):
            if ord(d) > 0x7F and unicodedata.category(d)[0] in "LM":
                keep.add(d)
    return keep


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def main():
    root = os.path.join(sys.argv[1], "main")
    langs = {}
    for loc in sorted(os.listdir(root)):
        path = os.path.join(root, loc, "characters.json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            chars = next(iter(json.load(f)["main"].values()))["characters"]
        base = loc.split("-")[0]
        if len(base) > 3:
            continue
        main_set = letters(chars.get("exemplarCharacters", "[]"))
        aux_set = letters(chars.get("auxiliary", "[]"))
        m, a = langs.get(base, (set(), set()))
        langs[base] = (m | main_set, a | aux_set)
    out = bytearray(b"NMAB")
    kept = {k: v for k, v in sorted(langs.items()) if v[0] and len(v[0]) <= MAX_LETTERS}
    # The fix holds a set of them in 256 bits (`alphabets::Orthographies`).
    assert len(kept) <= 256, len(kept)
    out += struct.pack("<H", len(kept))
    for code, (main_set, aux_set) in kept.items():
        aux_only = aux_set - main_set
        out += code.ljust(3).encode("ascii")
        out += struct.pack("<HH", len(main_set), len(aux_only))
        for group in (main_set, aux_only):
            last = 0
            for c in sorted(group, key=ord):
                out += varint(ord(c) - last)
                last = ord(c)
    with open(OUT, "wb") as f:
        f.write(out)
    print(f"{len(kept)} languages ({len(langs) - len(kept)} left out), {len(out)} bytes")


if __name__ == "__main__":
    main()
