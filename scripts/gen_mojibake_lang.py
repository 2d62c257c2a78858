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

Languages wordfreq lacks (Armenian, Georgian, Maori, Yoruba...) come
from the test sentences and words that ship with lingua's per-language
model crates (`lingua-<language>-language-model` 1.3.0, by Peter M.
Stahl, Apache-2.0), counted as word frequencies the same way: a note in
one of them is then told from its neighbours, and its gaps are judged in
its own language. Fetch them into cargo's registry first (a throwaway
crate that depends on them, then `cargo fetch`); the script reads them
from there.

Needs `python3 -m pip install wordfreq` and `apt-get install wngerman`
(German ß, see wordfreq_spelling.py). Run from the repository root:
    python3 scripts/gen_mojibake_lang.py
"""

import glob
import math
import os
import struct
import sys
import unicodedata
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_mojibake_tables import PAGES, upper_half  # noqa: E402

import wordfreq  # noqa: E402
from wordfreq_spelling import frequencies  # noqa: E402

OUT = os.environ.get("OUT", os.path.join("src", "fixes", "mojibake", "lang.bin"))
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
# Languages wordfreq lacks, from lingua's crates: code -> crate language.
# Over the five held-out draws Esperanto, Estonian, Yoruba, Maori and Irish
# (27 KB) made 102 lines right and 20 worse, their gaps and their
# neighbours' (Hawaiian, Tahitian, Nigerian tone languages). Belarusian,
# Kazakh, Mongolian, Azerbaijani, Basque and Albanian (59 KB more) made 49
# more right but 26 more worse, with 311 more words wrong.
LINGUA = {
    "hy": "armenian",
    "th": "thai",
    "eo": "esperanto",
    "et": "estonian",
    "yo": "yoruba",
    "mi": "maori",
    "ga": "irish",
}
LINGUA_FILES = ("sentences.txt", "single-words.txt", "word-pairs.txt")


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


def words_of(line):
    """The runs of letters and marks in `line` (marks stand inside words)."""
    word = []
    for ch in line + " ":
        if unicodedata.category(ch)[0] in "LM":
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []


def lingua_freqs(name):
    """Word frequencies from the test text of lingua's crate for `name`."""
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = sorted(glob.glob(os.path.join(
        home, "registry", "src", "*", "lingua-%s-language-model-1.3.0" % name, "testdata")))
    if not found:
        sys.exit("lingua-%s-language-model 1.3.0 is not in cargo's registry" % name)
    words = Counter()
    for fname in LINGUA_FILES:
        with open(os.path.join(found[0], fname), encoding="utf-8") as f:
            for line in f:
                words.update(w.lower() for w in words_of(line))
    return dict(words)


def model(lang, undefined):
    uni, bi, tri = Counter(), Counter(), Counter()
    if lang in LINGUA:
        freqs = lingua_freqs(LINGUA[lang])
    else:
        freqs = frequencies(lang)
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


def main():
    undefined = undefined_continuations()
    # wordfreq's languages first, in the order `words.bin` shares; lingua's
    # after them, so that adding one moves no index.
    langs = sorted(wordfreq.available_languages(wordlist="best")) + list(LINGUA)
    out = bytearray(b"NMLG")
    out += struct.pack("<B", len(langs))
    models = {lang: model(lang, undefined) for lang in langs}
    # A floor is what an n-gram the model did not keep costs. Counted from
    # a few thousand words, lingua's test text saw its rarest n-gram once,
    # which is far likelier than the rarest a large list keeps: every char
    # no language knows (Tamil letters in an English note) would read
    # cheapest as one of its languages. Such a model takes the median
    # floor of the large lists where its own is lower.
    large = [models[lang][1] for lang in langs if lang not in LINGUA]
    median = [sorted(f[order] for f in large)[len(large) // 2] for order in range(3)]
    for lang in LINGUA:
        entries, floors = models[lang]
        models[lang] = (entries, [max(f, m) for f, m in zip(floors, median)])
    for lang in langs:
        entries, floors = models[lang]
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
