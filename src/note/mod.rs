//! The note model: lines, frontmatter (with its entries), protected
//! regions, the signifiers of task lines ([`task::signs`]), and the one
//! scan that says where each fix has something to look at ([`scan`]),
//! found once per text so every fix works from the same reading.

mod carry;
pub mod frontmatter;
pub mod protect;
pub mod scan;
pub mod task;

pub use frontmatter::Frontmatter;
pub use protect::Block;
pub use scan::{Kinds, Scan};

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::OnceLock;

/// One line of the note.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line's text, without its ending.
    pub range: Range<usize>,
    /// Length of the line ending: 0 (last line), 1 (`\n`) or 2 (`\r\n`).
    pub ending: usize,
    /// Code, math, comment or ordinary text.
    pub block: Block,
    /// Part of the frontmatter block (delimiters included).
    pub in_frontmatter: bool,
}

impl Line {
    /// The line's text.
    pub fn text<'a>(&self, note: &'a str) -> &'a str {
        &note[self.range.clone()]
    }

    /// Ordinary Markdown outside frontmatter, code, math and comments.
    pub fn is_text(&self) -> bool {
        self.block == Block::Text && !self.in_frontmatter
    }
}

/// The note's line ending: `\r\n` when its first line ends so.
fn newline_of(lines: &[Line]) -> &'static str {
    match lines.first() {
        Some(l) if l.ending == 2 => "\r\n",
        _ => "\n",
    }
}

/// A parsed note.
#[derive(Debug)]
pub struct Note<'a> {
    /// The full text.
    pub text: &'a str,
    /// Where the content starts: 3 after a UTF-8 BOM, else 0.
    pub start: usize,
    /// The frontmatter block, if the note has a closed one.
    pub frontmatter: Option<Frontmatter>,
    /// Why a frontmatter-looking block was not taken as one.
    pub frontmatter_problem: Option<String>,
    /// Every line.
    pub lines: Vec<Line>,
    /// Sorted, merged byte ranges of the blocks and comments no fix may
    /// edit (code, math, HTML, comments): found when the note is read.
    /// With the inline regions they make [`Note::protected`]; empty when a
    /// note is carried from one that knew those already (then only they
    /// are asked).
    pub(crate) blocks: Vec<Range<usize>>,
    /// [`Note::protected`], read the first time a question needs the
    /// inline regions: on a note that needs nothing, most questions are
    /// about lines that can hold none (a task's dates, an attendee line).
    inlines: OnceLock<Vec<Range<usize>>>,
    /// The line [`Note::is_free`] last looked at, where it looks first.
    line_hint: AtomicUsize,
    /// The note's line ending: `\r\n` when its first line ends so.
    pub newline: &'static str,
    /// Where each fix has something to look at, line by line.
    pub scan: Scan,
    /// The note's date sites under the default settings, found at most
    /// once for this reading: the vault index and the `dates` fix both ask
    /// (see `fixes::dates::sites::of`).
    pub date_sites: OnceLock<Vec<crate::fixes::dates::sites::Site>>,
    /// The date sites of the reading before an edit, those of the lines
    /// edited since left out, with those lines' indexes: read into
    /// `date_sites` only if some fix asks (see `note::carry`).
    pub(crate) carried_dates: Option<CarriedDates>,
    /// Where the note names people, under settings that add no people
    /// key, found at most once for this reading: the vault index and the
    /// `duplicate-names` fix both ask (see
    /// `fixes::duplicate_names::sites::of`).
    pub(crate) name_sites: OnceLock<crate::fixes::duplicate_names::sites::Found>,
    /// The signifiers of the note's task lines, kept by the first fix
    /// that read them ([`Note::task_signs`]).
    pub(crate) task_signs: OnceLock<task::signs::TaskSigns>,
    /// The YAML the `frontmatter` fix's edits make of this note's block,
    /// with the value it parsed that YAML to when it checked them: when
    /// the edits applied are those, the edited note's block takes that
    /// value rather than being parsed again (see `carry::frontmatter`).
    pub(crate) checked_yaml: OnceLock<(String, serde_yaml::Value)>,
}

/// Date sites carried over edits ([`Note::carried_dates`]): those of the
/// lines no edit changed, moved, and the indexes of the edited lines.
pub(crate) type CarriedDates = (Vec<crate::fixes::dates::sites::Site>, Vec<usize>);

impl<'a> Note<'a> {
    /// Reads `text`. Never fails: a problem becomes a field, not an error.
    pub fn parse(text: &'a str) -> Note<'a> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let (frontmatter, frontmatter_problem) = match frontmatter::find(text, start) {
            Ok(fm) => (fm, None),
            Err(problem) => (None, Some(problem)),
        };
        Note::read(text, start, frontmatter, frontmatter_problem)
    }

    /// Reads `text` whose frontmatter block is already known: `frontmatter`
    /// was read from an earlier text that [`frontmatter_survives`] edits
    /// made into this one, so the block is neither searched for nor its YAML
    /// parsed again. The result is what [`Note::parse`] gives.
    pub(crate) fn parse_with_frontmatter(text: &'a str, frontmatter: Frontmatter) -> Note<'a> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Note::read(text, start, Some(frontmatter), None)
    }

    fn read(
        text: &'a str,
        start: usize,
        frontmatter: Option<Frontmatter>,
        frontmatter_problem: Option<String>,
    ) -> Note<'a> {
        let (mut lines, seen) = split_lines(text, start);
        if let Some(fm) = &frontmatter {
            for line in lines
                .iter_mut()
                .take_while(|l| l.range.start < fm.range.end)
            {
                line.in_frontmatter = true;
            }
        }
        let blocks = protect::scan(text, &mut lines, &seen);
        let newline = newline_of(&lines);
        let scan = Scan::of_seen(text, &lines, &seen);
        Note {
            text,
            start,
            frontmatter,
            frontmatter_problem,
            lines,
            blocks,
            inlines: OnceLock::new(),
            line_hint: AtomicUsize::new(0),
            newline,
            scan,
            date_sites: OnceLock::new(),
            carried_dates: None,
            name_sites: OnceLock::new(),
            task_signs: OnceLock::new(),
            checked_yaml: OnceLock::new(),
        }
    }

    /// Drops the date sites this reading found or carried, so an edit does
    /// not carry them on (see `note::carry`).
    pub(crate) fn forget_date_sites(&mut self) {
        self.date_sites.take();
        self.carried_dates = None;
    }

    /// The body: everything after the frontmatter.
    pub fn body(&self) -> Range<usize> {
        let start = self
            .frontmatter
            .as_ref()
            .map_or(self.start, |fm| fm.range.end);
        start..self.text.len()
    }

    /// Sorted, merged byte ranges no fix may edit: the blocks and comments,
    /// and the inline regions (code, math, URLs, link targets), read from
    /// the note's text lines the first time they are asked for.
    pub fn protected(&self) -> &[Range<usize>] {
        self.inlines.get_or_init(|| {
            protect::with_inlines(self.text, &self.lines, &self.scan.lines, &self.blocks)
        })
    }

    /// True when no protected region overlaps `range` (an empty one: lies
    /// strictly inside none).
    #[inline]
    pub fn is_free(&self, range: Range<usize>) -> bool {
        let regions = match self.inlines.get() {
            Some(all) => all.as_slice(),
            None => self.regions_near(&range),
        };
        is_free_of(regions, range)
    }

    /// The regions that answer [`Note::is_free`] for `range` before the
    /// inline regions are read: the blocks alone when no text line from the
    /// one holding byte `range.start - 1` to the one holding byte
    /// `range.end` may hold an inline region, else every region. An inline
    /// region lies inside its line: only one holding a byte of `range`
    /// overlaps it, and only one holding the byte before an empty range's
    /// place or the byte at it can put that place inside a merged region.
    fn regions_near(&self, range: &Range<usize>) -> &[Range<usize>] {
        let from = range.start.saturating_sub(1);
        // The fixes ask line after line: the line found last, or the next,
        // usually holds `from`, and a search of every line is spared.
        let hint = self.line_hint.load(Relaxed);
        let holds = |i: usize| {
            self.lines
                .get(i)
                .is_some_and(|l| l.range.start <= from && from < l.range.end + l.ending)
        };
        let first = if holds(hint) {
            hint
        } else if holds(hint + 1) {
            hint + 1
        } else {
            self.lines
                .partition_point(|l| l.range.end + l.ending <= from)
        };
        self.line_hint.store(first, Relaxed);
        let near = (self.lines.iter().zip(&self.scan.lines))
            .skip(first)
            .take_while(|(l, _)| l.range.start <= range.end)
            .any(|(l, k)| l.block == Block::Text && k.meets(Kinds::INLINE));
        if near {
            self.protected()
        } else {
            &self.blocks
        }
    }

    /// [`Note::is_free`] for ranges asked in text order (the runs of a
    /// note), whose search of the regions goes on from where the last one
    /// stopped: a step or two, not a binary search of every region (a
    /// tenth of the look at each run of a long note of correct Greek).
    pub fn in_order(&self) -> InOrder<'_, 'a> {
        InOrder {
            note: self,
            next: [0; 2],
            last: 0,
        }
    }

    /// The signifiers of the note's task lines that a fix read and kept
    /// for the others ([`task::signs`]), if one did.
    pub fn task_signs(&self) -> Option<&task::signs::TaskSigns> {
        self.task_signs.get()
    }

    /// The 1-based line number of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.end + l.ending <= offset)
            .min(self.lines.len().saturating_sub(1))
            + 1
    }

    /// Lines of ordinary Markdown with their index.
    pub fn text_lines(&self) -> impl Iterator<Item = (usize, &Line)> {
        self.lines.iter().enumerate().filter(|(_, l)| l.is_text())
    }
}

/// [`Note::is_free`] asked in text order ([`Note::in_order`]).
pub struct InOrder<'n, 'a> {
    note: &'n Note<'a>,
    /// Per list of regions (the blocks alone, every region), the first
    /// that ends after the last range's start.
    next: [usize; 2],
    /// The last range's start: a range starting before it is searched for
    /// anew.
    last: usize,
}

impl InOrder<'_, '_> {
    /// [`Note::is_free`] of `range`.
    pub fn is_free(&mut self, range: Range<usize>) -> bool {
        let regions = match self.note.inlines.get() {
            Some(all) => all.as_slice(),
            None => self.note.regions_near(&range),
        };
        // Which list `regions` is: both are sorted and merged, so the
        // first region ending after a start only moves on as starts do.
        let list = usize::from(!std::ptr::eq(regions, self.note.blocks.as_slice()));
        let at = &mut self.next[list];
        if range.start < self.last {
            *at = regions.partition_point(|p| p.end <= range.start);
        }
        while regions.get(*at).is_some_and(|p| p.end <= range.start) {
            *at += 1;
        }
        self.last = range.start;
        free_at(regions, *at, range)
    }
}

/// True when no range of `regions` (sorted, merged) overlaps `range` (an
/// empty one: lies strictly inside none).
fn is_free_of(regions: &[Range<usize>], range: Range<usize>) -> bool {
    // First protected range that ends after `range.start`.
    free_at(
        regions,
        regions.partition_point(|p| p.end <= range.start),
        range,
    )
}

/// [`is_free_of`], where region `i` is the first that ends after
/// `range.start`.
fn free_at(regions: &[Range<usize>], i: usize, range: Range<usize>) -> bool {
    match regions.get(i) {
        Some(p) => {
            if range.is_empty() {
                !(p.start < range.start && range.start < p.end)
            } else {
                p.start >= range.end
            }
        }
        None => true,
    }
}

/// True when applying `edits` (sorted, against `text`) leaves the
/// frontmatter block `fm` of `text` as it is: every edit starts at or after
/// the block's end, and the block ends with a line ending, so nothing after
/// it can change where its closing line ends. [`Note::parse`] of the edited
/// text then finds the same block with the same YAML.
pub(crate) fn frontmatter_survives<'e>(
    text: &str,
    fm: &Frontmatter,
    mut edits: impl Iterator<Item = &'e crate::Edit>,
) -> bool {
    fm.range.end > fm.range.start
        && text.as_bytes().get(fm.range.end - 1) == Some(&b'\n')
        && edits.all(|e| e.range.start >= fm.range.end)
}

/// The lines of `text` from `start`, each with what its bytes hold
/// ([`scan::bytes_seen`]): every later reading of the note starts from
/// these two, so no byte is looked up twice.
fn split_lines(text: &str, start: usize) -> (Vec<Line>, Vec<u32>) {
    split_between(text, start, text.len())
}

/// [`split_lines`] of `text[start..end]` alone, where `end` is the end of a
/// line's ending or of the text: the lines there, as the whole text's
/// reading finds them.
fn split_between(text: &str, start: usize, end: usize) -> (Vec<Line>, Vec<u32>) {
    let mut lines = Vec::with_capacity((end - start) / 32 + 1);
    let mut seen = Vec::with_capacity(lines.capacity());
    scan::lines_seen(&text.as_bytes()[..end], start, |range, ending, s| {
        seen.push(s);
        lines.push(Line {
            range,
            ending,
            block: Block::Text,
            in_frontmatter: false,
        });
    });
    (lines, seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected_texts<'a>(note: &Note<'a>) -> Vec<&'a str> {
        note.protected()
            .iter()
            .map(|r| &note.text[r.clone()])
            .collect()
    }

    #[test]
    fn in_order_answers_as_is_free() {
        let text = "a `b` c\n```\nx\n```\nd $e$ [[f]] g\nplain h\n";
        // Ranges in order, then going back, empty ones included.
        let mut ranges: Vec<Range<usize>> = (0..text.len())
            .flat_map(|s| [s..s, s..(s + 2).min(text.len())])
            .collect();
        ranges.extend([3..4, 0..1, 20..22, 1..1]);
        let note = Note::parse(text);
        let mut walk = note.in_order();
        for r in ranges {
            assert_eq!(
                walk.is_free(r.clone()),
                Note::parse(text).is_free(r.clone()),
                "{r:?}"
            );
        }
    }

    #[test]
    fn lines_endings_and_bom() {
        let note = Note::parse("\u{feff}a\r\nb\nc");
        assert_eq!(note.start, 3);
        assert_eq!(note.newline, "\r\n");
        let texts: Vec<_> = note
            .lines
            .iter()
            .map(|l| (l.text(note.text), l.ending))
            .collect();
        assert_eq!(texts, vec![("a", 2), ("b", 1), ("c", 0)]);
        assert_eq!(note.line_of(note.text.len()), 3);
    }

    #[test]
    fn protects_code_math_links_urls_comments() {
        let text = "---\nt: 1\n---\nsee `a  b` and $x^2$ at https://x.org/a_(b). and [[Target|alias]] ![[img.png]] [l](u v)\n```js\nlet x;  \n```\n<!-- c\nd -->\n%%e%%\n$$\nm\n$$\n";
        let note = Note::parse(text);
        assert_eq!(
            protected_texts(&note),
            vec![
                "`a  b`",
                "$x^2$",
                "https://x.org/a_(b)",
                "Target",
                "img.png",
                "u v",
                "```js\nlet x;  \n```",
                "<!-- c\nd -->",
                "%%e%%",
                "$$\nm\n$$"
            ]
        );
        assert!(
            note.lines[0].in_frontmatter
                && note.lines[2].in_frontmatter
                && !note.lines[3].in_frontmatter
        );
        assert_eq!(note.lines[5].block, Block::Code);
        assert!(note.is_free(0..3));
        let code = text.find("let").unwrap();
        assert!(!note.is_free(code..code + 1));
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        let note = Note::parse("a\n```\nb  \n");
        assert_eq!(note.lines[2].block, Block::Code);
    }

    #[test]
    fn unclosed_frontmatter_is_reported() {
        let note = Note::parse("---\na: 1\n");
        assert!(note.frontmatter.is_none());
        assert!(note.frontmatter_problem.is_some());
    }
}
