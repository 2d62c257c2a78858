#!/usr/bin/env python3
"""Generates src/fixes/mojibake/words.bin: per language, which words it
writes, as hashes, for the `mojibake` fix to tell which of several letters
a lost byte stood for when three chars of context cannot: of `поштою` and
`постою`, `Mārata` and `Mčrata`, the one that is a word of the note's
language.

Per language `wordfreq` ships (its "best" lists, in the order of
gen_mojibake_lang.py, so that one index names a language in both files):
its commonest words (lowercase) that hold a char a lost byte can make (see
`gapable` there), up to MAX_WORDS of them. Only those can be asked about.
Languages written without spaces (Chinese, Japanese) have no words to ask
about and get none.

Each word is stored as the top BITS bits of the 32-bit FNV-1a hash of its
UTF-8: a word not in the list matches one by chance about once in
2^BITS / MAX_WORDS lookups. A language's hashes, sorted, are stored as the
differences between neighbours, Rice-coded (hashes are random: their
differences compress, they do not).

Layout (little-endian): b"NMWD", u8 BITS, u8 language count; per language:
three ASCII bytes of its code (padded with spaces), u16 count N, u8 Rice
parameter K, u32 byte length L, L bytes: per hash, its difference from the
previous one (from 0 for the first) as q = d >> K one bits, a zero bit,
then the low K bits of d, least significant first; bits fill each byte from
its lowest.

Attribution: derived from wordfreq by Robyn Speer
(https://github.com/rspeer/wordfreq), whose data is licensed CC-BY-SA 4.0;
only hashes are stored, no word list.

Needs `python3 -m pip install wordfreq`. Run from the repository root:
    python3 scripts/gen_mojibake_words.py
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_mojibake_lang import gapable, undefined_continuations  # noqa: E402

import wordfreq  # noqa: E402
from wordfreq_spelling import top_words  # noqa: E402

OUT = os.path.join("src", "fixes", "mojibake", "words.bin")
# Kept per language, about 2 bytes a word once Rice-coded.
# Over the held-out set 600 words gained 23 and 21 lines (seeds 14 and 3),
# 1500 gained 24 and 29, 3000 gained 26 and 30, 6000 gained 33 and 38 at
# more than twice the size. Measured again once the word judge counted a
# word made in two cases once (five draws, dropped bytes): 3000 words gain
# 30 lines over 1500 and lose none, for 90 KB more (211 KB at 27 bits);
# 6000 gain 76 and lose 2 for 222 KB more, which the plugin bundle's 2 MB
# ceiling cannot hold.
MAX_WORDS = int(os.environ.get("MOJIBAKE_MAX_WORDS", "3000"))
# Read this far down each frequency list for them.
SCAN = 60000
NO_WORDS = {"ja", "zh"}
# A word outside a list matches one of its hashes about once in
# 2^BITS / MAX_WORDS lookups, and a note of no known language asks every
# list: at 26 bits a chance match took `Ãsrael` from Ísrael on a held-out
# draw, at 27 none did, and each bit costs 12 KB.
BITS = int(os.environ.get("MOJIBAKE_BITS", "27"))


def rice(keys):
    """The Rice code of the differences of sorted `keys`, and its K."""
    mean = (keys[-1] / len(keys)) if keys else 1
    k = max(0, int(mean * 0.69).bit_length() - 1)
    bits = []
    prev = 0
    for key in keys:
        d = key - prev
        prev = key
        bits += [1] * (d >> k) + [0]
        bits += [(d >> i) & 1 for i in range(k)]
    out = bytearray((len(bits) + 7) // 8)
    for i, b in enumerate(bits):
        if b:
            out[i // 8] |= 1 << (i % 8)
    return k, bytes(out)


def fnv32(word):
    h = 0x811C9DC5
    for b in word.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    undefined = undefined_continuations()
    langs = sorted(wordfreq.available_languages(wordlist="best"))
    out = bytearray(b"NMWD")
    out += struct.pack("<BB", BITS, len(langs))
    total = 0
    for lang in langs:
        kept = set()
        if lang not in NO_WORDS:
            for word in top_words(lang, SCAN):
                if len(kept) >= MAX_WORDS:
                    break
                w = word.lower()
                if len(w) >= 2 and any(gapable(c, undefined) for c in w):
                    kept.add(fnv32(w) >> (32 - BITS))
        keys = sorted(kept)
        out += lang.encode("ascii")[:3].ljust(3, b" ")
        k, code = rice(keys)
        out += struct.pack("<HBI", len(keys), k, len(code))
        out += code
        total += len(keys)
    with open(OUT, "wb") as f:
        f.write(out)
    print("%d languages, %d words, %d bytes" % (len(langs), total, len(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
