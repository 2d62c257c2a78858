#!/usr/bin/env python3
"""Generates src/fixes/mojibake/lang.bin: one small character model per
language, which the `mojibake` fix uses to tell which language a note is
written in and then to choose, in that language, among the letters a lost
byte leaves possible (č or ā in Czech, с or я in Russian, á or í in
Spanish). One model mixed over every language lets the forms of one
language into the words of another (Serbian forms in Russian words); a
note is in one language, so its own model decides.

Per language `wordfreq` ships (its "best" lists; each word weighted by its
frequency, lowercase, a word's start and end counted as a space):

- the unigrams of its commonest chars,
- its commonest bigrams (what language identification reads), and
- its commonest trigrams holding a char a lost byte can make (a char whose
  UTF-8, or its capital's, has as a continuation byte a byte some
  supported code page leaves undefined; the pages come from
  `gen_mojibake_tables.py`).

Each n-gram is stored under a 24-bit hash of its chars (FNV-1a over the
code points, the order as its seed; a false match is about one lookup in
ten thousand), with round(-2 * log2 p) as one byte: half-bit steps.

Layout (little-endian): b"NMLG", u8 language count; per language: three
ASCII bytes of its code (padded with spaces), u16 entry count N, u8
unigram floor, u8 bigram floor, u8 trigram floor (the value of the rarest
kept of each order: one not kept is at most that likely), N x 3-byte keys
(sorted), N x u8 values.

Attribution: the figures are derived from wordfreq by Robyn Speer
(https://github.com/rspeer/wordfreq), whose data is licensed CC-BY-SA 4.0;
only aggregate character statistics are stored, no word list.

Languages wordfreq lacks (Belarusian, Kazakh, Mongolian, Serbian in Cyrillic)
come from the language models of lingua by Peter M. Stahl
(https://github.com/pemistahl/lingua-rs, Apache License 2.0): the crates
`lingua-<language>-language-model` 1.x, read as they are (a gzipped tar
holding models/ngrams.fst, an FST map in the `fst` crate's format from each
n-gram to the bits of ln P(its last char | the chars before it)). Only the
figures derived from them are stored; no model file or code of lingua.

Needs `python3 -m pip install wordfreq`, and the lingua model crates in a
folder (a scratch crate depending on them and `cargo fetch` leaves them in
cargo's registry cache). Run from the repository root:
    LINGUA_MODELS=<folder of the .crate files> python3 scripts/gen_mojibake_lang.py
"""

import glob
import math
import os
import struct
import sys
import tarfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_mojibake_tables import PAGES, upper_half  # noqa: E402

import wordfreq  # noqa: E402

OUT = os.path.join("src", "fixes", "mojibake", "lang.bin")
# Kept per language: 4 bytes an entry.
MAX_UNIGRAMS = 160
MAX_BIGRAMS = 700
MAX_TRIGRAMS = 6000
# Trigrams are kept until they hold this share of the language's trigrams
# with a gap char: enough that a trigram not kept is a rare one.
TRIGRAM_MASS = 0.97
# No trigrams where the fix never asks a language (its unigrams and bigrams
# still identify it): ideographs and syllables (too many trigrams to keep
# usefully; the national character sets decide their gaps), abugidas and
# Hebrew (the fix asks only for the letters of cased alphabets and Arabic).
NO_TRIGRAMS = {"ja", "ko", "zh", "bn", "hi", "ta", "he"}
MIN_FREQ = 1e-7
BOUNDARY = " "
# Languages wordfreq lacks, from lingua's models (its crates as the crates
# registry serves them; LINGUA_MODELS names the folder that holds them).
LINGUA_DIR = os.environ.get("LINGUA_MODELS", "lingua-models")
LINGUA = {"be": "belarusian", "kk": "kazakh", "mn": "mongolian", "sr": "serbian"}
# The inputs an FST state byte can name, in the order of their index (the
# `fst` crate's table, by Andrew Gallant, MIT or Unlicense).
FST_COMMON = b"te/oasripcnw.hlm-du012g=:bf3y5&_4v9678k%?xCDASFIBEjPTzRNM+LOqHG"


def fst_node(data, addr, version):
    """(is final, final output, [(input byte, output, target)]) of the FST
    node whose last byte is at addr (nodes are written backwards)."""
    if addr == 0:
        return True, 0, []

    def uint(at, n):
        return int.from_bytes(data[at : at + n], "little") if n else 0

    v = data[addr]
    if v >> 7:
        # One transition; its input from the table or the byte before.
        idx = v & 0x3F
        ilen = 0 if idx else 1
        inp = FST_COMMON[idx - 1] if idx else data[addr - 1]
        if v >> 6 == 3:
            # ... to the node written just before, with no output.
            return False, 0, [(inp, 0, addr - ilen - 1)]
        sizes = data[addr - ilen - 1]
        tsize, osize = sizes >> 4, sizes & 15
        at = addr - ilen - 1 - tsize
        delta = uint(at, tsize)
        end = at - osize
        return False, 0, [(inp, uint(end, osize), end - delta if delta else 0)]
    final, n = bool(v & 0x40), v & 0x3F
    nlen = 0 if n else 1
    if not n:
        n = data[addr - 1]
        n = 256 if n == 1 else n
    sizes = data[addr - nlen - 1]
    tsize, osize = sizes >> 4, sizes & 15
    index = 256 if version >= 2 and n > 32 else 0
    inputs = addr - nlen - 1 - index
    outs = inputs - n - n * tsize
    end = outs - n * osize - (osize if final else 0)
    trans = []
    for i in range(n):
        delta = uint(inputs - n - (i + 1) * tsize, tsize)
        out = uint(outs - (i + 1) * osize, osize)
        trans.append((data[inputs - i - 1], out, end - delta if delta else 0))
    return final, uint(end, osize) if final else 0, trans


def fst_items(data):
    """Every (key, value) of an FST map in the `fst` crate's format."""
    version = struct.unpack_from("<Q", data, 0)[0]
    end = len(data) - (4 if version >= 3 else 0)
    stack = [(struct.unpack_from("<Q", data, end - 8)[0], b"", 0)]
    while stack:
        addr, key, acc = stack.pop()
        final, out, trans = fst_node(data, addr, version)
        if final:
            yield key, acc + out
        stack.extend((t, key + bytes([i]), acc + o) for i, o, t in trans)


def read_lingua(name):
    """ln P(last char | the chars before it) of every n-gram of a lingua
    language model crate, read from its models/ngrams.fst."""
    pattern = os.path.join(LINGUA_DIR, "lingua-%s-language-model-*.crate" % name)
    path = max(glob.glob(pattern))
    with tarfile.open(path) as crate:
        member = next(m for m in crate.getmembers() if m.name.endswith("/models/ngrams.fst"))
        data = crate.extractfile(member).read()
    return {
        k.decode("utf-8"): struct.unpack("<d", struct.pack("<Q", v))[0]
        for k, v in fst_items(data)
    }


def fnv24(chars):
    """The 24-bit key of an n-gram: FNV-1a over its code points (4 bytes
    each, little-endian), seeded with its length; folded to 24 bits."""
    h = 0x811C9DC5 ^ len(chars)
    for c in chars:
        for b in ord(c).to_bytes(4, "little"):
            h ^= b
            h = (h * 0x01000193) & 0xFFFFFFFF
    return (h >> 24) ^ (h & 0xFFFFFF)


def undefined_continuations():
    out = set()
    for _ident, _name, codec in PAGES:
        for i, ch in enumerate(upper_half(codec)):
            if ch is None and 0x80 + i <= 0xBF:
                out.add(0x80 + i)
    return out


def gapable(ch, undefined):
    if ord(ch) > 0xFFFF or ch.isascii():
        return False
    forms = {ch, ch.upper()} if len(ch.upper()) == 1 else {ch}
    return any(b in undefined for f in forms for b in f.encode("utf-8")[1:])


def quant(p):
    return max(1, min(255, round(-2 * math.log2(p))))


def model(lang, undefined, counts=None):
    uni, bi, tri = counts or (Counter(), Counter(), Counter())
    freqs = {} if counts else wordfreq.get_frequency_dict(lang, wordlist="best")
    total = sum(freqs.values()) or 1.0
    for word, f in freqs.items():
        if f < MIN_FREQ:
            continue
        w = f / total
        padded = BOUNDARY + word.lower() + BOUNDARY
        if any(ord(c) > 0xFFFF for c in padded):
            continue
        for c in padded[1:]:
            uni[c] += w
        cand = [gapable(c, undefined) for c in padded]
        for i in range(len(padded) - 1):
            bi[padded[i : i + 2]] += w
            if i + 2 < len(padded) and any(cand[i : i + 3]):
                tri[padded[i : i + 3]] += w
    entries = {}
    floors = []
    tri_limit = 0 if lang in NO_TRIGRAMS else MAX_TRIGRAMS
    for counts, limit in ((uni, MAX_UNIGRAMS), (bi, MAX_BIGRAMS), (tri, tri_limit)):
        n = sum(counts.values()) or 1.0
        kept = counts.most_common(limit)
        if counts is tri:
            mass, cut = 0.0, 0
            for cut, (_, v) in enumerate(kept, 1):
                mass += v
                if mass >= TRIGRAM_MASS * n:
                    break
            kept = kept[:cut]
        floors.append(quant(kept[-1][1] / n) if kept else 255)
        for gram, v in kept:
            key = fnv24(gram)
            # On a hash clash the commoner n-gram keeps the key.
            entries.setdefault(key, quant(v / n))
    return entries, floors


def lingua_counts(ngrams, undefined):
    """The counts `model` makes from a word list, worked out from lingua's
    conditional probabilities (ln P(c | the chars before it), within words):
    P(ab) = P(a) P(b|a); a char ends a word as often as no char follows it,
    1 - sum P(b|a); it starts one as often as it is not preceded,
    P(a) - sum P(x) P(a|x)."""
    p = {g: math.exp(v) for g, v in ngrams.items() if 1 <= len(g) <= 3}
    nxt = Counter()
    for g, v in p.items():
        if len(g) >= 2:
            nxt[g[:-1]] += v
    joint = {g: v for g, v in p.items() if len(g) == 1}
    for n in (2, 3):
        for g, v in p.items():
            if len(g) == n and g[:-1] in joint:
                joint[g] = joint[g[:-1]] * v
    ends = {g: joint[g] * max(0.0, 1 - nxt[g]) for g in joint if len(g) <= 2}
    starts = Counter({g: v for g, v in joint.items() if len(g) == 1})
    for g, v in joint.items():
        if len(g) == 2:
            starts[g[1]] -= v
    starts = {a: max(0.0, v) for a, v in starts.items()}
    uni, bi, tri = Counter(), Counter(), Counter()
    for g, v in joint.items():
        (uni, bi, tri)[len(g) - 1][g] += v
    uni[BOUNDARY] = sum(starts.values())
    for a, v in starts.items():
        bi[BOUNDARY + a] += v
        tri[BOUNDARY + a + BOUNDARY] += v * max(0.0, 1 - nxt[a])
    for g, v in ends.items():
        (bi if len(g) == 1 else tri)[g + BOUNDARY] += v
    for g, v in joint.items():
        if len(g) == 2:
            tri[BOUNDARY + g] += starts.get(g[0], 0.0) * v / joint[g[0]]
    tri = Counter({g: v for g, v in tri.items() if any(gapable(c, undefined) for c in g)})
    return uni, bi, tri


def main():
    undefined = undefined_continuations()
    langs = sorted(wordfreq.available_languages(wordlist="best"))
    extra = sorted(set(LINGUA) - set(langs))
    langs += extra
    out = bytearray(b"NMLG")
    out += struct.pack("<B", len(langs))
    for lang in langs:
        if lang in LINGUA:
            counts = lingua_counts(read_lingua(LINGUA[lang]), undefined)
            entries, floors = model(lang, undefined, counts)
        else:
            entries, floors = model(lang, undefined)
        keys = sorted(entries)
        out += lang.encode("ascii")[:3].ljust(3, b" ")
        out += struct.pack("<HBBB", len(keys), *floors)
        out += b"".join(struct.pack("<I", k)[:3] for k in keys)
        out += bytes(entries[k] for k in keys)
        print(lang, len(keys), floors, file=sys.stderr)
    with open(OUT, "wb") as f:
        f.write(out)
    print("%d languages, %d bytes" % (len(langs), len(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
