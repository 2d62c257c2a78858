//! Carrying a note's structure over an edit instead of reading the note
//! again. Most edits change a date, a name or a task's fields inside one
//! line: the lines, blocks and every other line's protected regions stay
//! where they were, only moved. Reading them again costs as much as the
//! fix that made the edit, and the pipeline does it after every fix that
//! changes something. Edits inside the frontmatter's YAML are carried too
//! ([`frontmatter`]).

mod frontmatter;
mod lines;

use super::task::signs::TaskSigns;
use super::{protect, scan, Frontmatter, Kinds, Line, Note, Scan};
use crate::edit::Edit;
use crate::fixes::dates::sites as date_sites;
use std::ops::Range;

/// What a note knows besides its text.
#[derive(Debug)]
pub(crate) struct Carried {
    start: usize,
    frontmatter: Option<Frontmatter>,
    lines: Vec<Line>,
    regions: Regions,
    newline: &'static str,
    scan: Scan,
    /// The task lines' signifiers read so far, when every line keeps its
    /// index: those of the lines edited forgotten.
    task_signs: Option<TaskSigns>,
    /// The date sites the note had found or carried, those of the lines
    /// edited left out, with the indexes of those lines.
    date_sites: Option<super::CarriedDates>,
}

/// The protected regions a carried note knows.
#[derive(Debug)]
pub(crate) enum Regions {
    /// The blocks' and comments' alone (`Note::blocks`): the note carried
    /// from had not read its inline regions.
    Blocks(Vec<Range<usize>>),
    /// Every one (`Note::protected`): the note carried from had read them,
    /// so they are moved with the rest, not read again after each edit.
    All(Vec<Range<usize>>),
}

/// Text that opens or closes a block or a comment: a line holding one,
/// before or after the edit, may change other lines' structure.
const BLOCK_MARKERS: [&str; 6] = ["```", "~~~", "$$", "<!--", "-->", "%%"];

/// Each of [`BLOCK_MARKERS`] under its first byte, which no two share.
static BY_FIRST_BYTE: [&[u8]; 256] = {
    let mut t: [&[u8]; 256] = [&[]; 256];
    let mut k = 0;
    while k < BLOCK_MARKERS.len() {
        let m = BLOCK_MARKERS[k].as_bytes();
        assert!(t[m[0] as usize].is_empty());
        t[m[0] as usize] = m;
        k += 1;
    }
    t
};

/// The length up to which [`holds_marker`] looks at every byte for a
/// marker's first byte.
const SHORT: usize = 24;

/// Whether `line` holds one of [`BLOCK_MARKERS`]: the markers' six first
/// bytes found by two byte searches, and the one marker a byte can start
/// tried only there (six substring searches, each set up anew, cost more
/// than the edit they guard; so did trying all six at every `-` of a task
/// line's dates, and so did a table look-up at every byte). The few bytes
/// around an edit ([`SHORT`] or fewer) are looked up byte by byte: that
/// costs less than setting up the two searches.
fn holds_marker(b: &[u8]) -> bool {
    // Most stretches hold no byte any marker has: the scan's table says so
    // in one look at each byte, for less than the searches below set up.
    if !scan::has_marker_byte(b) {
        return false;
    }
    let at = |i: usize| {
        let m = BY_FIRST_BYTE[usize::from(b[i])];
        !m.is_empty() && b[i..].starts_with(m)
    };
    if b.len() <= SHORT {
        return (0..b.len()).any(at);
    }
    memchr::memchr3_iter(b'`', b'~', b'$', b).any(at)
        || memchr::memchr3_iter(b'<', b'-', b'%', b).any(at)
}

/// Whether `s` holds a line break: a byte search, where a search for
/// either char decodes every char of the text (a tenth of carrying a
/// garbled note's edits went there). Most edits' texts are a few bytes
/// (a repaired char, a date), which a look at each byte answers for less
/// than setting up the search.
fn breaks(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() <= SHORT {
        return b.iter().any(|&c| c == b'\n' || c == b'\r');
    }
    memchr::memchr2(b'\n', b'\r', b).is_some()
}

/// Whether a line keeps its [`protect::shape`] over edits whose first
/// starts `first` bytes into it: those after a prose line's head keep it
/// without the edited line being read.
fn keeps_shape(before: &str, after: &str, first: usize) -> bool {
    match protect::prose_head(before) {
        Some(head) if first >= head => true,
        _ => protect::shape(before) == protect::shape(after),
    }
}

impl Note<'_> {
    /// The structure of `new`, which `edits` (sorted, non-overlapping,
    /// against this note's text) made of this note's text, or `None` when
    /// only reading `new` again can tell. It is carried when every edit stays
    /// inside one line of ordinary text after the frontmatter, or writes or
    /// removes whole blank lines as [`lines`] allows, and no edited line holds a block or comment
    /// marker before or after, and keeps its shape (container prefix,
    /// blankness, paragraph text, the block it opens): then each edited
    /// line's inline regions are read again, and everything else only
    /// moves. On `Some`, this note's frontmatter is taken.
    pub(crate) fn carry(&mut self, new: &str, edits: &[&Edit]) -> Option<Carried> {
        if self.frontmatter_problem.is_some() {
            return None;
        }
        let in_yaml = |e: &&Edit| {
            self.frontmatter
                .as_ref()
                .is_some_and(|fm| fm.yaml.start <= e.range.start && e.range.end <= fm.yaml.end)
        };
        // Sorted: the YAML's edits come first.
        let yaml = edits.iter().take_while(|e| in_yaml(e)).count();
        if yaml == edits.len() && yaml > 0 {
            return self.carry_frontmatter(new, edits);
        }
        if yaml > 0 {
            return self.carry_both(new, edits, yaml);
        }
        // (line index, how much the line grows), in line order.
        let mut grown: Vec<(usize, isize)> = Vec::new();
        // Where each edit's replacement lies in `new`, in the same order.
        let mut written: Vec<(usize, Range<usize>)> = Vec::with_capacity(edits.len());
        let mut total = 0isize;
        for e in edits {
            // The note's first bytes decide its BOM and whether a
            // frontmatter opens (`ï»¿---` repaired into a BOM and `---`).
            if e.range.start <= self.start {
                return None;
            }
            let removed = self.text.get(e.range.clone())?;
            if breaks(removed) || breaks(&e.replacement) {
                // Whole blank lines written or removed ([`lines`]).
                return self.carry_lines(new, edits);
            }
            let i = self.lines.partition_point(|l| l.range.end < e.range.start);
            let line = self.lines.get(i)?;
            let inside = line.range.start <= e.range.start && e.range.end <= line.range.end;
            if !inside || !line.is_text() {
                return None;
            }
            let growth = e.replacement.len() as isize - removed.len() as isize;
            let at = e.range.start.checked_add_signed(total)?;
            written.push((i, at..at + e.replacement.len()));
            total += growth;
            match grown.last_mut() {
                Some((last, g)) if *last == i => *g += growth,
                _ => grown.push((i, growth)),
            }
        }
        let mut lines = self.lines.clone();
        let mut shift = 0isize;
        let mut next = grown.iter().peekable();
        for (i, line) in lines.iter_mut().enumerate() {
            let start = line.range.start.checked_add_signed(shift)?;
            if let Some(&(_, growth)) = next.next_if(|(j, _)| *j == i) {
                shift += growth;
            }
            let end = line.range.end.checked_add_signed(shift)?;
            line.range = start..end;
        }
        let mut spans = written.iter().peekable();
        for &(i, _) in &grown {
            let (old, now) = (&self.lines[i], &lines[i]);
            let before = self.text.get(old.range.clone())?;
            let after = new.get(now.range.clone())?;
            // A marker the line did not hold lies across what an edit wrote
            // (no longer than four bytes, it reaches at most three bytes
            // past either end): only there is it looked for.
            let mut marked = false;
            // Where the line's first edit starts, from the line's start.
            let mut first = None;
            while let Some((_, span)) = spans.next_if(|(j, _)| *j == i) {
                first = first.or(Some(span.start - now.range.start));
                let from = span.start.saturating_sub(3).max(now.range.start);
                let to = (span.end + 3).min(now.range.end);
                marked |= holds_marker(new.as_bytes().get(from..to)?);
            }
            // A first line that becomes `---` opens a frontmatter block; a
            // `\r` in the line makes a `\r\n` ending, and no edit writes one.
            let opens_frontmatter = i == 0 && after == "---";
            if opens_frontmatter
                || marked
                || self.may_hold_marker(i, before)
                || !keeps_shape(before, after, first?)
            {
                return None;
            }
        }
        // What a line holds depends on its own text alone: only edited
        // lines are scanned again, once, for their kinds and for whether
        // their inline regions need reading.
        let edited: Vec<Kinds> = (grown.iter())
            .map(|&(i, _)| scan::line_kinds(new, &lines[i]))
            .collect();
        let regions = match self.inlines.get() {
            Some(all) => {
                Regions::All(self.moved_regions(all, new, &grown, &lines, Some(&edited))?)
            }
            None => Regions::Blocks(self.moved_regions(&self.blocks, new, &grown, &lines, None)?),
        };
        let mut kinds = std::mem::take(&mut self.scan.lines);
        for (&(i, _), &k) in grown.iter().zip(&edited) {
            kinds[i] = k;
        }
        let task_signs = self.task_signs.take().map(|mut signs| {
            signs.forget(grown.iter().map(|&(i, _)| i));
            signs
        });
        // Date sites found once (for the vault index, or by `dates`) are
        // carried, those of the edited lines left to read if a fix asks:
        // most edits come after `dates` has read the note.
        let date_sites = match self.date_sites.take() {
            Some(sites) => Some((sites, Vec::new())),
            None => self.carried_dates.take(),
        };
        let date_sites = date_sites.and_then(|(sites, mut edited)| {
            let kept = date_sites::kept_over(sites, self, new, &lines, &grown)?;
            edited.extend(grown.iter().map(|&(i, _)| i));
            edited.sort_unstable();
            edited.dedup();
            Some((kept, edited))
        });
        Some(Carried {
            scan: Scan::from_lines(kinds),
            start: self.start,
            frontmatter: self.frontmatter.take(),
            lines,
            regions,
            newline: self.newline,
            task_signs,
            date_sites,
        })
    }

    /// Whether line `i`, whose text is `before`, holds a `\r` or one of
    /// [`BLOCK_MARKERS`]: searched for only when the scan saw one of their
    /// bytes on it (`Kinds::MARKER_BYTE`), which most edited lines (a
    /// task's fields, a date, a name) lack.
    fn may_hold_marker(&self, i: usize, before: &str) -> bool {
        let seen = self
            .scan
            .lines
            .get(i)
            .is_none_or(|k| k.meets(Kinds::MARKER_BYTE));
        seen && (before.contains('\r') || holds_marker(before.as_bytes()))
    }

    /// The protected regions of the new text: those of `regions` (this
    /// note's) on unedited lines moved by the growth of the edited lines
    /// before them, those of edited lines read again from `new` where their
    /// kinds (`edited`, one entry an edited line) say they may open one, as
    /// [`Note::parse`] reads them. Without `edited` (`regions` are the
    /// blocks and comments alone, which an edited line of text never
    /// holds), a region inside an edited line is refused.
    fn moved_regions(
        &self,
        regions: &[Range<usize>],
        new: &str,
        grown: &[(usize, isize)],
        lines: &[Line],
        edited: Option<&[Kinds]>,
    ) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::with_capacity(regions.len() + grown.len());
        let mut shift = 0isize;
        let mut g = 0;
        for r in regions {
            // Edited lines wholly before this region move it.
            while let Some(&(i, growth)) = grown.get(g) {
                if self.lines[i].range.end > r.start {
                    break;
                }
                shift += growth;
                g += 1;
            }
            let edited = grown.get(g).map(|&(i, _)| &self.lines[i].range);
            match edited {
                // Read again below.
                Some(line) if line.start <= r.start && r.end <= line.end => edited.map(|_| ())?,
                // Reaching into an edited line from outside: only a full
                // reading can tell.
                Some(line) if r.start < line.end && line.start < r.end => return None,
                _ => out.push(r.start.checked_add_signed(shift)?..r.end.checked_add_signed(shift)?),
            }
        }
        for (&(i, _), k) in grown.iter().zip(edited.unwrap_or_default()) {
            if k.meets(Kinds::INLINE) {
                protect::inline(new, lines[i].range.clone(), &mut out);
            }
        }
        Some(protect::normalise(out))
    }

    /// The note of `text` from a structure [`Note::carry`] carried to it.
    pub(crate) fn from_carried(text: &str, c: Carried) -> Note<'_> {
        let note = assemble(text, c);
        // Debug and test builds check every carried note against a reading.
        debug_assert!(
            same_structure(&note, &Note::parse(text)),
            "carried note differs from a fresh reading of {text:?}"
        );
        note
    }
}

fn assemble(text: &str, c: Carried) -> Note<'_> {
    // Once every region is known, the blocks' alone are asked for no more.
    let (blocks, inlines) = match c.regions {
        Regions::Blocks(blocks) => (blocks, std::sync::OnceLock::new()),
        Regions::All(all) => (Vec::new(), std::sync::OnceLock::from(all)),
    };
    Note {
        text,
        start: c.start,
        frontmatter: c.frontmatter,
        frontmatter_problem: None,
        scan: c.scan,
        lines: c.lines,
        blocks,
        inlines,
        line_hint: Default::default(),
        newline: c.newline,
        date_sites: std::sync::OnceLock::new(),
        carried_dates: c.date_sites,
        name_sites: std::sync::OnceLock::new(),
        task_signs: c
            .task_signs
            .map_or_else(Default::default, std::sync::OnceLock::from),
        checked_yaml: std::sync::OnceLock::new(),
    }
}

/// Whether two notes of one text found the same structure.
fn same_structure(a: &Note, b: &Note) -> bool {
    let fm = |n: &Note| {
        n.frontmatter
            .as_ref()
            .map(|f| (f.range.clone(), f.yaml.clone(), f.value.clone()))
    };
    let lines = |n: &Note| -> Vec<_> {
        n.lines
            .iter()
            .map(|l| (l.range.clone(), l.ending, l.block, l.in_frontmatter))
            .collect()
    };
    a.start == b.start
        && a.newline == b.newline
        && a.protected() == b.protected()
        && a.frontmatter_problem == b.frontmatter_problem
        && lines(a) == lines(b)
        && fm(a) == fm(b)
        // A note read as everything (the scan's oracle) has every kind.
        && a.scan.lines.len() == b.scan.lines.len()
        && (a.scan.lines.iter())
            .zip(&b.scan.lines)
            .all(|(x, y)| x == y || *x == super::Kinds::ALL)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Carries `text`'s note over `edits` and reads the result again.
    fn carried(text: &str, edits: &[Edit]) -> Option<bool> {
        let refs: Vec<&Edit> = edits.iter().collect();
        let new = crate::edit::apply(text, &refs);
        let mut note = Note::parse(text);
        let c = note.carry(&new, &refs)?;
        Some(same_structure(&assemble(&new, c), &Note::parse(&new)))
    }

    fn edit(text: &str, find: &str, replacement: &str) -> Edit {
        let at = text.find(find).unwrap();
        Edit {
            range: at..at + find.len(),
            replacement: replacement.into(),
        }
    }

    /// The byte pass finds what searching for each marker finds.
    #[test]
    fn markers_by_their_bytes() {
        let pieces = [
            "`", "``", "~~", "~", "$", "<!-", "<", "!--", "-", ">", "%", "a", "é",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let line = format!("{a}{b}{c}{a}{b}{c}{a}{b}{c}{a}{b}{c}");
                    let short = format!("{a}{b}{c}");
                    let searched = BLOCK_MARKERS.iter().any(|m| short.contains(m));
                    assert_eq!(holds_marker(short.as_bytes()), searched, "{short:?}");
                    let searched = BLOCK_MARKERS.iter().any(|m| line.contains(m));
                    assert_eq!(holds_marker(line.as_bytes()), searched, "{line:?}");
                }
            }
        }
    }

    /// An edit after a prose line's head keeps the line's shape.
    #[test]
    fn edits_after_a_prose_head_keep_the_shape() {
        for line in [
            "- [ ] a task",
            "> - x y",
            "1. b",
            "  * [x] c",
            "text",
            "- [[L]] z",
            ">>  q",
            "-     code",
        ] {
            let head = protect::prose_head(line).unwrap();
            for cut in head..=line.len() {
                for tail in ["", "```", "<div>", "  ", "$$", "# h", "---", "\t"] {
                    let after = format!("{}{tail}", &line[..cut]);
                    assert!(keeps_shape(line, &after, cut), "{line:?} {after:?}");
                    let same = protect::shape(line) == protect::shape(&after);
                    assert!(same, "{line:?} {after:?}");
                }
            }
        }
        for line in ["# h", "```", "<div>", "", "  ", "- ", "$$ x"] {
            assert_eq!(protect::prose_head(line), None, "{line:?}");
        }
    }

    #[test]
    fn edits_inside_lines_move_the_rest() {
        let text = "---\ndate: x\n---\n# T\nsee `a` on 16/09/2025 and [[L]]\n```\ncode\n```\nlast $m$ [[K|k]] https://x.org\n";
        let edits = [
            edit(text, "16/09/2025", "2025-09-16"),
            edit(text, "last", "the last line"),
        ];
        assert_eq!(carried(text, &edits), Some(true));
        // An edit that removes a region's marker reads that line again.
        let text = "a `b` c\nd $e$ f\n";
        assert_eq!(carried(text, &[edit(text, "`b`", "b")]), Some(true));
    }

    #[test]
    fn edits_inside_the_yaml_move_the_body() {
        let body = "# T\nsee `a` and [[L]]\n```\ncode\n```\n";
        for (yaml, find, replacement) in [
            ("a: 1\n", "1", "22"),
            ("tags: [x, y]\nb: c\n", "[x, y]", "\n  - x\n  - y"),
            ("a: >\n  one\n  two\n", ">\n  one\n  two", "one two"),
        ] {
            let text = format!("---\n{yaml}---\n{body}");
            assert_eq!(
                carried(&text, &[edit(&text, find, replacement)]),
                Some(true),
                "{text:?}"
            );
        }
        // A closing line an edit writes, a block or a comment running past
        // the closing line: read again.
        for (yaml, find, replacement) in [
            ("a: 1\nb: 2\n", "1", "1\n---"),
            ("a: 1\n", "1", "1\n```"),
            ("a: 1\n", "1", "1 <!--"),
            ("a: 1\n", "1", "1\n<div>"),
        ] {
            let text = format!("---\n{yaml}---\n{body}");
            assert_eq!(
                carried(&text, &[edit(&text, find, replacement)]),
                None,
                "{text:?}"
            );
        }
    }

    #[test]
    fn edits_in_the_yaml_and_the_body_move_both() {
        let text = "---\ndate: 16/09/2025\n---\n# T\nsee `a` on 16/09/2025 and [[L]]\n";
        let (at, n) = (text.rfind("16/09").unwrap(), "16/09/2025".len());
        let edits = [
            edit(text, "16/09/2025", "2025-09-16"),
            Edit {
                range: at..at + n,
                replacement: "2025-09-16".into(),
            },
        ];
        assert_eq!(carried(text, &edits), Some(true));
    }

    /// The whitespace fix's line edits: a blank line after a heading, a run
    /// of blank lines collapsed, a final line ending, with edits inside
    /// lines around them.
    #[test]
    fn blank_lines_written_and_removed_move_the_rest() {
        let ins = |text: &str, find: &str| {
            let at = text.find(find).unwrap();
            Edit {
                range: at..at,
                replacement: "\n".into(),
            }
        };
        let cut = |text: &str, find: &str, keep: usize| {
            let at = text.find(find).unwrap();
            Edit {
                range: at + keep..at + find.len(),
                replacement: String::new(),
            }
        };
        let text = "# T\nsee `a` [[L]]\n\n\n  \n```\ncode\n```\n- x\n# U\n    y $m$\nlast  ";
        let end = Edit {
            range: text.len()..text.len(),
            replacement: "\n".into(),
        };
        let edits = [
            ins(text, "see"),
            edit(text, "`a`", "`b`"),
            cut(text, "\n\n\n  \n", 2),
            ins(text, "    y"),
            edit(text, "last  ", "last"),
            end,
        ];
        assert_eq!(carried(text, &edits), Some(true));
        // An edit at the written line's place: read again.
        let edits = [ins(text, "see"), edit(text, "see", "saw")];
        assert_eq!(carried(text, &edits), None);
        // After a paragraph or a quote, a blank line changes what follows:
        // read again.
        for (text, find) in [("a\n    b\n", "    b"), ("> a\nb\n", "b")] {
            assert_eq!(carried(text, &[ins(text, find)]), None, "{text:?}");
        }
        // A comment over the lines: read again.
        let text = "# a <!--\nb -->\n";
        assert_eq!(carried(text, &[ins(text, "b")]), None);
        let text = "# T\n\n\nb\n";
        assert_eq!(carried(text, &[cut(text, "\n\n\n", 2)]), Some(true));
    }

    #[test]
    fn structure_changes_are_read_again() {
        for (text, find, replacement) in [
            ("a\nb\n", "b", "b\nc"),
            ("a\nb\n", "\n", ""),
            ("a\n\nb\n", "\n\n", "\n"),
            ("a\nb c\n", "b", "```"),
            // A marker an edit joins from the bytes around it.
            ("a\n`x``\n", "x", ""),
            ("a\n<!x-- b\n", "x", ""),
            ("a\n<!-- b\nc -->\n", "c", "d"),
            ("x\n```\nb  \n```\n", "b  ", "b"),
            ("--\nb\n", "--", "---"),
            ("a\r\nb\r\n", "\r", ""),
            ("a\n\r\t\t\nb\n", "\t\t", ""),
            // A line that becomes blank, a tag or a list item changes the
            // blocks after it.
            ("# a\nb\n    c  \n", "b", ""),
            ("a\n\nb\nc  \n", "b", "<div>"),
            ("a\n\nb\n      c  \n", "b", "- b"),
        ] {
            assert_eq!(
                carried(text, &[edit(text, find, replacement)]),
                None,
                "{text:?}"
            );
        }
    }
}
