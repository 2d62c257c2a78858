#!/usr/bin/env python3
"""Generates src/fixes/mojibake/model.bin: a small character language model
the `mojibake` fix uses to choose among the candidates for a dropped byte.

A byte a strict decoder dropped can be any byte the code page leaves
undefined, so a short sequence often has several real letters as
candidates (с, э or я; ु or ्; 可 or 启). Which one the author wrote shows
in its neighbours. This script counts, over the word lists of every
language `wordfreq` ships (each language weighted equally, each word by its
frequency):

- character unigrams, and
- character bigrams and trigrams inside words, with the word's start and
  end counted as a space (U+0020) beside its first and last letter,

and keeps only what the fix can ask for: bigrams and trigrams holding a
character that can be a gap candidate (its UTF-8 has, as a continuation
byte, a byte some supported code page leaves undefined; the pages come
from `gen_mojibake_tables.py`) next to any character, and the unigrams of
the characters those bigrams hold. Only Basic Multilingual Plane characters
count (the word lists are lowercase; the fix lowercases before it looks up).

Each probability is stored as round(-2 * log2(p)), one byte: half-bit steps.
Layout (little-endian): b"NMLM", u32 unigram count U, u32 bigram count B,
u8 floor (the value of the rarest bigram kept: one not kept is at most that
likely), U x u16 chars (sorted), U x u8 values, B x u32 keys
(first << 16 | second, sorted), B x u8 values; then u32 trigram count T,
u8 trigram floor, T x 6-byte keys (first << 32 | second << 16 | third,
sorted), T x u8 values.

Attribution: the figures are derived from wordfreq by Robyn Speer
(https://github.com/rspeer/wordfreq), whose data is licensed CC-BY-SA 4.0;
only aggregate character statistics are stored, no word list.

Needs `python3 -m pip install wordfreq` and `apt-get install wngerman`
(German ß, see wordfreq_spelling.py). Run from the repository root:
    python3 scripts/gen_mojibake_model.py
"""

import math
import os
import struct
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_mojibake_tables import PAGES, upper_half  # noqa: E402

import wordfreq  # noqa: E402
from wordfreq_spelling import frequencies  # noqa: E402

OUT = os.path.join("src", "fixes", "mojibake", "model.bin")
# Kept at most: 5 bytes a bigram, 7 a trigram; about 250 KB in all.
MAX_BIGRAMS = 22_000
MAX_TRIGRAMS = 18_000
# Words rarer than this add little mass and much time.
MIN_FREQ = 1e-7
BOUNDARY = " "


def undefined_continuations():
    """Every continuation byte (0x80..0xBF) that some page leaves undefined."""
    out = set()
    for _ident, _name, codec in PAGES:
        for i, ch in enumerate(upper_half(codec)):
            if ch is None and 0x80 + i <= 0xBF:
                out.add(0x80 + i)
    return out


def is_latin(ch):
    """Latin letters: the fix's own rules (the word's script and case, the
    note's language) decide most of their gaps before the model is asked,
    so their pairs and triples are kept apart, only as far down as the
    floors of the other scripts' (a capital cut short inside a small word,
    `TanzĆnia`, has nothing but its neighbours to tell it)."""
    return ord(ch) <= 0x24F or 0x1E00 <= ord(ch) <= 0x1EFF


def is_candidate(ch, undefined, latin=False):
    """Whether dropping an undefined byte could have removed part of `ch`:
    of a script beyond Latin, or (`latin`) a Latin letter."""
    if ord(ch) > 0xFFFF or is_latin(ch) != latin:
        return False
    # The lists are lowercase and the fix looks capitals up lowercased: a
    # letter counts when its capital can be a candidate too (П for п).
    forms = {ch, ch.upper()} if len(ch.upper()) == 1 else {ch}
    return any(b in undefined for f in forms for b in f.encode("utf-8")[1:])


def count(undefined):
    """Unigrams of every char; bigrams and trigrams holding a candidate, of
    a script beyond Latin (the first pair of counters) or, where none is,
    a Latin letter (the second pair)."""
    uni = Counter()
    bi, tri = Counter(), Counter()
    bi_latin, tri_latin = Counter(), Counter()
    for lang in sorted(wordfreq.available_languages(wordlist="best")):
        freqs = frequencies(lang)
        total = sum(freqs.values()) or 1.0
        for word, f in freqs.items():
            if f < MIN_FREQ:
                continue
            w = f / total
            for c in word:
                uni[c] += w
            uni[BOUNDARY] += 2 * w
            padded = BOUNDARY + word + BOUNDARY
            cand = [is_candidate(c, undefined) for c in padded]
            latin = [is_candidate(c, undefined, latin=True) for c in padded]
            if not any(cand) and not any(latin):
                continue
            for i in range(len(padded) - 1):
                for kept, into in ((cand, bi), (latin, bi_latin)):
                    if kept[i] or kept[i + 1]:
                        into[padded[i], padded[i + 1]] += w
                        break
                if i + 2 < len(padded):
                    for kept, into in ((cand, tri), (latin, tri_latin)):
                        if kept[i] or kept[i + 1] or kept[i + 2]:
                            into[padded[i : i + 3]] += w
                            break
        print(lang, len(freqs), file=sys.stderr)
    return uni, (bi, tri), (bi_latin, tri_latin)


def quant(p):
    return max(1, min(255, round(-2 * math.log2(p))))


def main():
    undefined = undefined_continuations()
    uni, (bi, tri), (bi_latin, tri_latin) = count(undefined)
    uni_total = sum(uni.values())
    # Bigram events: one per adjacent pair, that is one more than the chars
    # of each word, which is the chars plus half the boundaries.
    bi_total = uni_total - uni[BOUNDARY] / 2
    bmp = lambda c: ord(c) <= 0xFFFF  # noqa: E731
    pairs = [(k, v) for k, v in bi.items() if bmp(k[0]) and bmp(k[1])]
    pairs.sort(key=lambda kv: -kv[1])
    mass = sum(v for _, v in pairs) or 1.0
    print("bigrams %d, kept mass %.3f" % (len(pairs), sum(v for _, v in pairs[:MAX_BIGRAMS]) / mass), file=sys.stderr)
    pairs = pairs[:MAX_BIGRAMS]
    floor = quant(pairs[-1][1] / bi_total) if pairs else 255
    # Trigram events: one fewer per word than bigram events.
    tri_total = bi_total - uni[BOUNDARY] / 2
    triples = [(k, v) for k, v in tri.items() if all(bmp(c) for c in k)]
    triples.sort(key=lambda kv: -kv[1])
    mass = sum(v for _, v in triples) or 1.0
    print("trigrams %d, kept mass %.3f" % (len(triples), sum(v for _, v in triples[:MAX_TRIGRAMS]) / mass), file=sys.stderr)
    triples = triples[:MAX_TRIGRAMS]
    tfloor = quant(triples[-1][1] / tri_total) if triples else 255
    # Latin letters' pairs and triples, as far down as the floors: a pair
    # the model lacks is then at most as likely as the floor says, in
    # every script alike.
    latin_pairs = sorted(
        ((k, v) for k, v in bi_latin.items() if quant(v / bi_total) <= floor),
        key=lambda kv: -kv[1],
    )
    latin_triples = sorted(
        ((k, v) for k, v in tri_latin.items() if quant(v / tri_total) <= tfloor),
        key=lambda kv: -kv[1],
    )
    print("latin bigrams %d of %d, trigrams %d of %d" % (len(latin_pairs), len(bi_latin), len(latin_triples), len(tri_latin)), file=sys.stderr)
    pairs += latin_pairs
    triples += latin_triples
    keep = {BOUNDARY}
    for (a, b), _ in pairs:
        keep.add(a)
        keep.add(b)
    for c in uni:
        if bmp(c) and (is_candidate(c, undefined) or is_candidate(c, undefined, latin=True)):
            keep.add(c)
    unigrams = sorted((ord(c), quant(uni[c] / uni_total)) for c in keep if uni[c] > 0)
    bigrams = sorted(
        ((ord(a) << 16 | ord(b)), quant(v / bi_total)) for (a, b), v in pairs
    )
    out = bytearray(b"NMLM")
    out += struct.pack("<IIB", len(unigrams), len(bigrams), floor)
    out += b"".join(struct.pack("<H", c) for c, _ in unigrams)
    out += bytes(v for _, v in unigrams)
    out += b"".join(struct.pack("<I", k) for k, _ in bigrams)
    out += bytes(v for _, v in bigrams)
    trigrams = sorted(
        ((ord(k[0]) << 32 | ord(k[1]) << 16 | ord(k[2])), quant(v / tri_total))
        for k, v in triples
    )
    out += struct.pack("<IB", len(trigrams), tfloor)
    out += b"".join(struct.pack("<Q", k)[:6] for k, _ in trigrams)
    out += bytes(v for _, v in trigrams)
    with open(OUT, "wb") as f:
        f.write(out)
    print(
        "%d unigrams, %d bigrams, floor %d, %d trigrams, floor %d, %d bytes"
        % (len(unigrams), len(bigrams), floor, len(trigrams), tfloor, len(out)),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
