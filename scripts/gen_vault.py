#!/usr/bin/env python3
"""Deterministic benchmark inputs for Notemend.

Writes, under OUT (default: target/bench-data):

  vault/                10,000 notes (about 50 MB) with the mix of the sample
                        meeting note: YAML frontmatter (quoted and unquoted
                        dates, folded paths, tags), Obsidian Tasks lines with
                        signifier emoji, @mentions (some with a doubled last
                        name), dates written several ways, wikilinks, code.
                        Prose comes from the real corpus (Tasks docs, the Tasks
                        demo vault, tldr pages in 38 languages). One note in ten
                        is garbled like the sample: its UTF-8 bytes decoded as
                        windows-1252 or windows-1254, with the bytes those code
                        pages leave undefined either dropped (a strict decoder
                        with errors ignored) or kept as C1 controls (a sloppy
                        one); most whole-note, some in one section only.
  large.md              one note of 1 MiB built the same way (clean).
  large-garbled.md      the same note garbled through windows-1254, bytes dropped.
  corpus-garbled/       the real corpus notes (Tasks docs, demo vault, every
                        fourth tldr page) garbled the same way.
  lists/*.txt           the note sets the benchmarks read, one path per line:
                        corpus, corpus-garbled, vault-clean, vault-garbled,
                        vault-sample (every tenth vault note),
                        vault-clean-sample (every tenth clean one), large,
                        large-garbled, multilingual-clean,
                        multilingual-garbled.
  multilingual/         the multilingual variant of vault/ (issue #15): 10,000
                        notes built the same way, but every note's prose comes
                        from the tldr pages of one of the 38 languages, chosen
                        evenly (no English Tasks prose), so most notes are
                        non-ASCII throughout. One note in ten is garbled whole,
                        evenly through windows-1252, windows-1254, or
                        windows-1254 with the bytes it leaves undefined dropped
                        (the first two keep them as C1 controls, as browsers'
                        decoders do). Its own seeded generator: vault/ and the
                        other sets are byte-identical with or without it.
  manifest.json         counts and sizes of each set.

Same inputs, same bytes: everything comes from one seeded random generator
and sorted directory listings. Nothing here is ever committed.

The corpus is read at run time (the tldr pages are CC-BY-4.0, (c) the
tldr-pages contributors); no generated note is committed.

Usage: gen_vault.py [--corpus DIR] [--out DIR] [--notes N] [--seed S]
                    [--multilingual-notes N]
"""

import argparse
import json
import os
import random
import shutil
import sys

SEED = 20250916
NOTES = 10_000
GARBLED_EVERY = 10
LARGE_BYTES = 1 << 20

FIRST = [
    "Lior", "Jason", "Ada", "Grace", "Zoë", "José", "Ayşe", "Łukasz", "Noa", "Mei",
    "Priya", "Olusegun", "Ingrid", "Mateo", "Chloé", "Dmitri", "Sakura", "Amara",
    "Björn", "Fatima", "Tomás", "Hana", "Kwame", "Elif", "Rafael", "Siobhán",
]
LAST = [
    "Genzel", "Vallery", "Lovelace", "Hopper", "Müller", "Álvarez", "Yılmaz", "Wróbel",
    "Cohen", "Chen", "Raman", "Adeyemi", "Lindqvist", "García", "Dubois", "Petrov",
    "Tanaka", "Okafor", "Sørensen", "Haddad", "Ferreira", "Novák", "Mensah", "Kaya",
    "Costa", "O'Brien",
]
ACCOUNTS = [
    "Microsoft", "Oracle", "Google", "Amazon", "NetApp", "Databricks", "CoreWeave",
    "NVIDIA", "Siemens", "Toyota", "Nestlé", "Société Générale", "Banco Itaú",
]
TYPES = ["customer", "meeting", "project", "1on1", "interview", "partner"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
SIGNIFIERS = ["📅", "⏳", "🛫", "➕", "✅"]
PRIORITIES = ["🔺", "⏫", "🔼", "🔽", "⏬", ""]
VERBS = [
    "Share", "Review", "Schedule", "Draft", "Confirm", "Send", "Prepare", "Follow up on",
    "Escalate", "Identify", "Plan", "Evaluate", "Summarise", "Update",
]
OBJECTS = [
    "the pricing proposal", "role descriptions", "the egress strategy", "next steps",
    "the interview loop", "the migration plan", "the architecture review",
    "introductions to the networking team", "the contract draft", "benchmark results",
    "the roadmap slides", "availability for interviews", "the security questionnaire",
]

# Code pages the sample note's damage comes from, and the bytes each leaves
# undefined (a strict decoder drops them or fails; a sloppy one maps them to
# the C1 control of the same number).
CODEPAGES = ["cp1252", "cp1254"]


def decode_table(codepage, keep_undefined):
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode(codepage))
        except UnicodeDecodeError:
            table.append(chr(b) if keep_undefined else "")
    return table


TABLES = {(cp, keep): decode_table(cp, keep) for cp in CODEPAGES for keep in (False, True)}


def garble(text, codepage, keep_undefined):
    table = TABLES[(codepage, keep_undefined)]
    return "".join(table[b] for b in text.encode("utf-8"))


def corpus_files(corpus):
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md"):
                out.append(os.path.join(root, f))
    return out


def read(path):
    with open(path, "r", encoding="utf-8") as fh:
        return fh.read()


def prose_group(corpus, path):
    """`en` for the Tasks notes, the language for a tldr page."""
    parts = os.path.relpath(path, corpus).split(os.sep)
    if parts[0] == "tldr" and len(parts) > 2 and parts[1].startswith("pages."):
        return parts[1][len("pages."):]
    return "en"


def opens_block(text):
    return "%%" in text or "$$" in text or "```" in text or "~~~" in text or text.count("<!--") != text.count("-->")


def load_prose(corpus, files):
    """Paragraphs and list lines of real notes, without code blocks, by language."""
    groups = {}
    for path in files:
        paragraphs, bullets = groups.setdefault(prose_group(corpus, path), ([], []))
        text = read(path)
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end > 0:
                text = text[end + 5:]
        in_code = False
        para = []
        for line in text.split("\n"):
            if line.lstrip().startswith("```"):
                in_code = not in_code
                continue
            if in_code or line.startswith("#") or line.startswith("|"):
                continue
            stripped = line.strip()
            if stripped.startswith(("- ", "* ")) and len(stripped) > 12:
                bullets.append(stripped[2:])
                continue
            if stripped:
                para.append(stripped)
            elif para:
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
    out = {}
    for name, (paragraphs, bullets) in sorted(groups.items()):
        # Keep the generated notes' structure as generated: no fragment may
        # open a comment, math or code block that runs to the end of a note.
        paragraphs = [p for p in paragraphs if 40 <= len(p) <= 1500 and not opens_block(p)]
        bullets = [b for b in bullets if not opens_block(b)]
        if paragraphs and bullets:
            out[name] = (paragraphs, bullets)
    return out


# The multilingual vault's damage: (code page, undefined bytes kept), one
# third each.
MULTILINGUAL_GARBLES = [("cp1252", True), ("cp1254", True), ("cp1254", False)]


class Gen:
    def __init__(self, rng, prose, every_language_evenly=False):
        self.r = rng
        self.prose = prose
        self.languages = sorted(prose)
        self.evenly = every_language_evenly
        self.use(self.languages[0] if self.evenly else "en")

    def use(self, language):
        self.paragraphs, self.bullets = self.prose[language]

    def pick_language(self):
        if self.evenly:
            self.use(self.r.choice(self.languages))
            return
        # Half the notes in English (the Tasks notes), the rest in one of
        # the tldr languages: a note is written in one language.
        if self.r.random() < 0.5 or len(self.languages) == 1:
            self.use("en" if "en" in self.prose else self.languages[0])
        else:
            self.use(self.r.choice(self.languages))

    def person(self):
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def date(self):
        return (2024 + self.r.randrange(3), 1 + self.r.randrange(12), 1 + self.r.randrange(28))

    def date_text(self, d, style=None):
        y, m, dd = d
        style = style if style is not None else self.r.randrange(6)
        if style == 0:
            return f"{y}-{m:02d}-{dd:02d}"
        if style == 1:
            return f"{dd:02d}/{m:02d}/{y}"
        if style == 2:
            return f"{m}/{dd}/{y}"
        if style == 3:
            return f"{MONTHS[m - 1]} {dd}, {y}"
        if style == 4:
            return f"{dd} {MONTHS[m - 1][:3]} {y}"
        return f"{y}/{m:02d}/{dd:02d}"

    def mention(self, people):
        p = self.r.choice(people)
        if " " in p and self.r.random() < 0.3:
            p = p + " " + p.split(" ")[-1]  # `@Lior Genzel Genzel`
        return "@" + p

    def task(self, people):
        r = self.r
        done = r.random() < 0.2
        parts = [f"- [{'x' if done else ' '}] {r.choice(VERBS)} {r.choice(OBJECTS)}"]
        if r.random() < 0.7:
            parts.append(self.mention(people + ["HR", "Myself"]))
        sig_first = r.random() < 0.5
        prio = r.choice(PRIORITIES)
        due = f"{r.choice(SIGNIFIERS[:3])} {self.date_text(self.date(), r.choice([0, 0, 0, 1, 5]))}"
        if r.random() < 0.15:
            due = due.replace("📅", "📅\ufe0f")
        if sig_first:
            parts += [due] + ([prio] if prio else [])
        else:
            parts += ([prio] if prio else []) + [due]
        if r.random() < 0.2:
            parts.append("🔁 every week")
        if done:
            parts.append(f"✅ {self.date_text(self.date(), 0)}")
        parts.append("#task")
        if r.random() < 0.5:
            parts.append("#proposed")
        line = " ".join(parts)
        if r.random() < 0.1:
            line += "  "  # trailing spaces
        return line

    def frontmatter(self, kind, title, d, account, people):
        r = self.r
        date = self.date_text(d, 0)
        date_line = f"date: '{date}'" if r.random() < 0.5 else f"date: {date}"
        lines = ["---", f"type: {kind}", f"title: {title}", date_line, f"account: {account}"]
        lines.append("participants:")
        lines += [f"- {p}" for p in people]
        lines.append("source: transcript")
        if r.random() < 0.6:
            lines.append(f"source_ref: Inbox/_archive/{date}/{date} - {title} with {people[0]} about")
            lines.append(f"  {r.choice(OBJECTS)} and {r.choice(OBJECTS)}.md")
        if r.random() < 0.3:
            lines.append(f"tags: type/{kind}, account/{account.lower().replace(' ', '-')}")
        else:
            lines.append("tags:")
            lines += [f"- type/{kind}", f"- account/{account.lower().replace(' ', '-')}", "- generated"]
        lines.append("---")
        return lines

    def note(self, target_size):
        r = self.r
        self.pick_language()
        kind = r.choice(TYPES)
        account = r.choice(ACCOUNTS)
        people = sorted({self.person() for _ in range(2 + r.randrange(4))})
        d = self.date()
        title = f"{account} {r.choice(OBJECTS)}"
        out = self.frontmatter(kind, title, d, account, people)
        out += ["", f"# {title}", ""]
        out.append(f"**Date**: {self.date_text(d)}")
        out.append(f"**Account**: [[{account}]]")
        out.append(f"**Attendees**: {', '.join(people)}")
        out += ["", "## Summary", ""]
        size = sum(len(x) + 1 for x in out)
        sections = 0
        while size < target_size:
            block = []
            choice = sections % 4 if sections < 4 else r.randrange(6)
            if choice == 0:
                block += [r.choice(self.paragraphs), ""]
            elif choice == 1:
                block += ["## Action Items"] if r.random() < 0.8 else ["## Action Items", ""]
                block += [self.task(people) for _ in range(3 + r.randrange(8))]
                block.append("")
            elif choice == 2:
                block += ["## Key Information", ""]
                block += [f"- {r.choice(self.bullets)}" for _ in range(2 + r.randrange(6))]
                block.append("")
            elif choice == 3:
                block += ["## Decisions", ""]
                block += [f"- {r.choice(self.paragraphs)[:200]}" for _ in range(1 + r.randrange(3))]
                block.append("")
            elif choice == 4:
                block += ["```sh", f"notemend check \"{title}\"", "```", ""]
                block += [r.choice(self.paragraphs), "", "", ""]
            else:
                day = self.date()
                block += [f"### {self.date_text(day)} follow-up with {self.mention(people)}"]
                block += [r.choice(self.paragraphs), ""]
            sections += 1
            out += block
            size += sum(len(x.encode("utf-8")) + 1 for x in block)
        out += ["---", "", f"*Source: [[Inbox/_archive/{title}|{title}]]*", "", "## Related", ""]
        out += [f"- [[{p}]]" for p in people] + [f"- [[{account}]]"]
        text = "\n".join(out)
        if r.random() < 0.85:
            text += "\n"
        return text

    def garble_note(self, text):
        r = self.r
        codepage = r.choice(CODEPAGES)
        keep = r.random() < 0.5
        if r.random() < 0.7:
            return garble(text, codepage, keep), f"{codepage}, undefined bytes {'kept' if keep else 'dropped'}"
        # One section only, as when a block was pasted from a badly decoded source.
        start = text.find("## Action Items")
        if start < 0:
            start = len(text) // 2
        end = text.find("\n## ", start + 4)
        end = len(text) if end < 0 else end
        part = garble(text[start:end], codepage, keep)
        return text[:start] + part + text[end:], f"{codepage} in one section"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return len(text.encode("utf-8"))


def write_list(path, files):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for f in files:
            fh.write(os.path.abspath(f) + "\n")


def multilingual_vault(args, corpus_paths, out):
    """The multilingual variant of the vault (see the module docstring).

    Returns (clean paths, garbled paths, sizes, garbled kinds)."""
    prose = load_prose(args.corpus, corpus_paths)
    prose = {lang: p for lang, p in prose.items() if lang != "en"}  # tldr only
    if not prose:
        sys.exit(f"gen_vault: no tldr pages under {args.corpus}")
    # Its own generator, so the other sets do not move.
    rng = random.Random(args.seed + 1)
    gen = Gen(rng, prose, every_language_evenly=True)

    def garble_note(text):
        codepage, keep = rng.choice(MULTILINGUAL_GARBLES)
        kind = f"{codepage}, undefined bytes {'kept' if keep else 'dropped'}"
        return garble(text, codepage, keep), kind

    vault = os.path.join(out, "multilingual")
    return write_vault(rng, gen, vault, args.multilingual_notes, "multilingual", garble_note)


def write_vault(rng, gen, vault, count, name, garble_note):
    """Writes `count` generated notes under `vault`, one in GARBLED_EVERY
    garbled by `garble_note(text) -> (text, kind)`, and the vault's
    .obsidian/app.json. Returns (clean paths, garbled paths, sizes as
    `{name}-clean` and `{name}-garbled`, garbled kinds counted)."""
    clean, garbled = [], []
    sizes = {f"{name}-clean": 0, f"{name}-garbled": 0}
    how = {}
    for i in range(count):
        # Note sizes: mostly 2-8 KB, a few long ones; mean about 5 KB.
        target = int(rng.lognormvariate(8.3, 0.5))
        text = gen.note(min(target, 60_000))
        folder = ["Meetings", "Projects", "People", "Daily", "Inbox"][(i // 7) % 5]
        path = os.path.join(vault, folder, f"{i // 500:02d}", f"{i:05d} note.md")
        if i % GARBLED_EVERY == GARBLED_EVERY - 1:
            text, kind = garble_note(text)
            how[kind] = how.get(kind, 0) + 1
            garbled.append(path)
            sizes[f"{name}-garbled"] += write(path, text)
        else:
            clean.append(path)
            sizes[f"{name}-clean"] += write(path, text)
    write(os.path.join(vault, ".obsidian", "app.json"), '{"alwaysUpdateLinks": true}\n')
    return clean, garbled, sizes, how


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("NOTEMEND_CORPUS", os.path.join(root, "..", "shared", "corpus")))
    ap.add_argument("--out", default=os.path.join(root, "target", "bench-data"))
    ap.add_argument("--notes", type=int, default=NOTES)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--multilingual-notes", type=int, default=None,
                    help="notes in multilingual/ (default: as many as --notes)")
    args = ap.parse_args()

    if args.multilingual_notes is None:
        args.multilingual_notes = args.notes
    corpus = corpus_files(args.corpus)
    if not corpus:
        sys.exit(f"gen_vault: no .md files under {args.corpus} (set --corpus or NOTEMEND_CORPUS)")
    rng = random.Random(args.seed)
    gen = Gen(rng, load_prose(args.corpus, corpus))

    out = args.out
    if os.path.isdir(out):
        shutil.rmtree(out)
    vault = os.path.join(out, "vault")
    clean, garbled, sizes, how = write_vault(rng, gen, vault, args.notes, "vault", gen.garble_note)

    parts = []
    size = 0
    while size < LARGE_BYTES:
        body = gen.note(8000).split("\n---\n", 1)[-1]  # one frontmatter for the whole note
        parts.append(body)
        size += len(body.encode("utf-8"))
    large_text = gen.note(2000) + "\n" + "\n".join(parts)
    large_text = large_text.encode("utf-8")[:LARGE_BYTES].decode("utf-8", "ignore")
    large_text = large_text[: large_text.rfind("\n") + 1]
    large = os.path.join(out, "large.md")
    large_garbled = os.path.join(out, "large-garbled.md")
    sizes["large"] = write(large, large_text)
    sizes["large-garbled"] = write(large_garbled, garble(large_text, "cp1254", False))

    corpus_garbled = []
    sizes["corpus"] = 0
    sizes["corpus-garbled"] = 0
    tldr_index = 0
    for j, src in enumerate(corpus):
        text = read(src)
        sizes["corpus"] += len(text.encode("utf-8"))
        rel = os.path.relpath(src, args.corpus)
        if rel.startswith("tldr" + os.sep):
            tldr_index += 1
            if tldr_index % 4:
                continue
        codepage = CODEPAGES[j % 2]
        dst = os.path.join(out, "corpus-garbled", rel)
        sizes["corpus-garbled"] += write(dst, garble(text, codepage, j % 3 == 0))
        corpus_garbled.append(dst)

    lists = os.path.join(out, "lists")
    write_list(os.path.join(lists, "corpus.txt"), corpus)
    write_list(os.path.join(lists, "corpus-garbled.txt"), corpus_garbled)
    write_list(os.path.join(lists, "vault-clean.txt"), clean)
    write_list(os.path.join(lists, "vault-garbled.txt"), garbled)
    # Every tenth note of the vault, clean and garbled in the vault's mix:
    # the per-fix breakdown runs on it.
    write_list(os.path.join(lists, "vault-sample.txt"), sorted(clean + garbled)[::10])
    # Every tenth clean note: the clean vault notes the throughput table
    # times (the whole vault is timed through the CLI).
    write_list(os.path.join(lists, "vault-clean-sample.txt"), clean[::10])
    write_list(os.path.join(lists, "large.txt"), [large])
    write_list(os.path.join(lists, "large-garbled.txt"), [large_garbled])

    # Last, with its own generator: nothing above depends on it.
    m_clean, m_garbled, m_sizes, m_how = multilingual_vault(args, corpus, out)
    sizes.update(m_sizes)
    write_list(os.path.join(lists, "multilingual-clean.txt"), m_clean)
    write_list(os.path.join(lists, "multilingual-garbled.txt"), m_garbled)

    manifest = {
        "seed": args.seed,
        "notes": {
            "corpus": len(corpus),
            "corpus-garbled": len(corpus_garbled),
            "vault-clean": len(clean),
            "vault-garbled": len(garbled),
            "large": 1,
            "large-garbled": 1,
            "multilingual-clean": len(m_clean),
            "multilingual-garbled": len(m_garbled),
        },
        "bytes": sizes,
        "vault_bytes": sizes["vault-clean"] + sizes["vault-garbled"],
        "garbled_kinds": how,
        "multilingual_bytes": sizes["multilingual-clean"] + sizes["multilingual-garbled"],
        "multilingual_garbled_kinds": m_how,
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(json.dumps(manifest, sort_keys=True))


if __name__ == "__main__":
    main()
