"""wordfreq's word lists as the languages spell them, for the mojibake
generators (gen_mojibake_model.py, gen_mojibake_lang.py,
gen_mojibake_words.py).

wordfreq case-folds every word, and case folding is not lowercasing in two
of its languages: German ß becomes "ss" (no German word in its lists holds
a ß) and Greek final ς becomes σ ("της" is listed as "τησ"). A model built
from the folded words has never seen ß or ς, so a lost byte that was ß
(`StraΓe` through windows-1253) goes to a letter the language does not
write in that place (ê). Here the spelling is put back:

- Greek: a σ ending a word is ς, as Greek orthography writes it.
- German: an "ss" is ß where a German spelling dictionary writes the word
  with ß and not with ss (`gross` -> `groß`; `Masse` and `Maße` are both
  words, so `masse` stays). The dictionary is Debian's `wngerman`
  (igerman98 by Björn Jacke, GPL-2.0-or-later or GPL-3.0), read from
  /usr/share/dict/ngerman: only which of wordfreq's words take a ß is
  taken from it, no word list is stored.

Needs `python3 -m pip install wordfreq` and, for German,
`apt-get install wngerman`.
"""
import itertools
import os
import sys

import wordfreq

NGERMAN = os.environ.get("NGERMAN", "/usr/share/dict/ngerman")

_german = None


def _german_words():
    global _german
    if _german is None:
        if not os.path.exists(NGERMAN):
            sys.exit("%s is missing: apt-get install wngerman (German spelling for wordfreq's folded ß)" % NGERMAN)
        with open(NGERMAN, encoding="utf-8") as f:
            _german = {line.strip().lower() for line in f if line.strip()}
    return _german


def _with_eszett(word):
    """`word` with the one choice of its "ss" pairs turned ß that the
    dictionary holds, where it does not hold `word` itself."""
    words = _german_words()
    if "ss" not in word or word in words:
        return word
    at = [i for i in range(len(word) - 1) if word[i : i + 2] == "ss"]
    found = set()
    for k in range(1, len(at) + 1):
        for chosen in itertools.combinations(at, k):
            if any(b - a < 2 for a, b in zip(chosen, chosen[1:])):
                continue
            spelled = word
            for i in reversed(chosen):
                spelled = spelled[:i] + "ß" + spelled[i + 2 :]
            if spelled in words:
                found.add(spelled)
    return found.pop() if len(found) == 1 else word


def spell(lang, word):
    """`word` of wordfreq's `lang` list as the language writes it."""
    if lang == "el" and len(word) > 1 and word.endswith("σ"):
        return word[:-1] + "ς"
    if lang == "de":
        return _with_eszett(word)
    return word


def frequencies(lang):
    """wordfreq's "best" frequencies for `lang`, its words respelled."""
    freqs = wordfreq.get_frequency_dict(lang, wordlist="best")
    if lang not in ("de", "el"):
        return freqs
    out = {}
    for word, f in freqs.items():
        spelled = spell(lang, word)
        out[spelled] = out.get(spelled, 0.0) + f
    return out


def top_words(lang, n):
    """wordfreq's `n` commonest words of `lang`, respelled, in order."""
    return [spell(lang, w) for w in wordfreq.top_n_list(lang, n, wordlist="best")]
