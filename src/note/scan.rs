//! The one scan: a single walk over a note's bytes that records, line by
//! line, which kinds of site the line holds. Each fix declares the kinds it
//! needs (`NEEDS` in its module, gathered in [`crate::fixes::needs`]); the
//! pipeline skips a fix whose kinds the note lacks, and a fix visits only
//! the lines holding them. A note with no site for any fix costs this walk
//! and nothing more.
//!
//! A kind says where a fix *may* have something to do, never that it has:
//! it is a cheap, sound over-approximation of the fix's own reading, which
//! `tests/scan_sites.rs` checks on every note of the corpus and of the
//! generated vaults (a fix reading only its sites repairs what it repairs
//! reading everything).

use super::Line;
use crate::fixes::duplicate_names::name;
use std::ops::Range;
use std::sync::OnceLock;

/// A set of site kinds, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(u16);

impl Kinds {
    /// No kind.
    pub const NONE: Kinds = Kinds(0);
    /// A byte of a non-ASCII char: what a wrong code page garbles.
    pub const NON_ASCII: Kinds = Kinds(1);
    /// An ASCII digit: where a date can be written.
    pub const DIGIT: Kinds = Kinds(1 << 1);
    /// A `|`: where a table row can be.
    pub const PIPE: Kinds = Kinds(1 << 2);
    /// A `[` and a char of three or four UTF-8 bytes (every Tasks
    /// signifier is one): where a task line with fields can be.
    pub const TASK_FIELDS: Kinds = Kinds(1 << 3);
    /// A space before a capitalised word that repeats the word (or the
    /// link's last word) right before it, itself holding a capital:
    /// `Genzel Genzel`, not `#task Task`. A kind of the
    /// whole note, found the first time a fix asks ([`Scan::doubled`]):
    /// looking at every capital after a space costs more than the rest of
    /// the scan, and only `duplicate-names` needs it.
    pub const DOUBLED_WORD: Kinds = Kinds(1 << 4);
    /// An `@`: where a placeholder owner (`@Myself`) can be.
    pub const AT: Kinds = Kinds(1 << 5);
    /// A line ending in a space or a tab.
    pub const TRAILING: Kinds = Kinds(1 << 6);
    /// A line holding nothing but spaces and tabs.
    pub const BLANK: Kinds = Kinds(1 << 7);
    /// A `#` first on the line after at most three spaces: where an ATX
    /// heading can be.
    pub const HEADING: Kinds = Kinds(1 << 8);
    /// A line of the frontmatter block.
    pub const FRONTMATTER: Kinds = Kinds(1 << 9);
    /// The last line, when it has no line ending.
    pub const UNENDED: Kinds = Kinds(1 << 10);
    /// A `:`, or the first byte of `：` (EF BC 9A; also of other chars
    /// from U+F000 on): where a label (`Due: …`) or a Dataview field
    /// (`[due:: …]`) can be.
    pub const COLON: Kinds = Kinds(1 << 11);
    /// A byte of a block or comment marker (`` ` `` `~` `$` `<` `>` `%`)
    /// or a `\r`: a line without one holds no marker, so carrying an edit
    /// over it (`note::carry`) need not search it for one. The note
    /// model's own kind: no fix declares it.
    pub const MARKER_BYTE: Kinds = Kinds(1 << 12);
    /// A `[`: where a `[[link]]` can be, whose target and alias
    /// `duplicate-names` reads for names.
    pub const BRACKET: Kinds = Kinds(1 << 13);
    /// A byte or a pair of bytes that may open an inline region (code,
    /// math, a link's target or destination, a URL, an autolink; see
    /// `may_open_inline` here): a line without one has none, so whether an
    /// edit there is free is known without reading the note's inline
    /// regions (`Note::is_free`). The note model's own kind: no fix
    /// declares it.
    pub const INLINE: Kinds = Kinds(1 << 14);
    /// Every kind.
    pub const ALL: Kinds = Kinds((1 << 15) - 1);

    /// Both sets together.
    pub const fn or(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    /// Whether the sets share a kind.
    pub const fn meets(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }
}

/// What the scan found: the kinds on each line, and on the note as a whole.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// The kinds each line holds, by line index (never `DOUBLED_WORD`).
    pub lines: Vec<Kinds>,
    /// Every kind some line holds.
    pub note: Kinds,
    /// Whether the note holds a doubled word, once asked.
    doubled: OnceLock<bool>,
}

impl Scan {
    /// Walks `text` once, line by line.
    pub fn of(text: &str, lines: &[Line]) -> Scan {
        let seen: Vec<u32> = lines
            .iter()
            .map(|l| bytes_seen(&text.as_bytes()[l.range.clone()]))
            .collect();
        Scan::of_seen(text, lines, &seen)
    }

    /// [`Scan::of`] for lines whose bytes were already looked up
    /// ([`bytes_seen`], one entry a line).
    pub(super) fn of_seen(text: &str, lines: &[Line], seen: &[u32]) -> Scan {
        let kinds: Vec<Kinds> = lines
            .iter()
            .zip(seen)
            .map(|(line, &s)| kinds_of(text, line, s))
            .collect();
        Scan::from_lines(kinds)
    }

    /// The scan of lines whose kinds are known.
    pub(crate) fn from_lines(lines: Vec<Kinds>) -> Scan {
        let note = lines.iter().fold(Kinds::NONE, |a, &k| a.or(k));
        Scan {
            lines,
            note,
            doubled: OnceLock::new(),
        }
    }

    /// Every kind on every line: what reading everything amounts to (the
    /// oracle the site-driven run is checked against).
    pub fn everything(lines: usize) -> Scan {
        Scan {
            lines: vec![Kinds::ALL; lines],
            note: Kinds::ALL,
            doubled: OnceLock::new(),
        }
    }

    /// Whether some line of `text` (the note's text) holds one of `kinds`.
    pub fn has(&self, text: &str, kinds: Kinds) -> bool {
        self.note.meets(kinds) || (kinds.meets(Kinds::DOUBLED_WORD) && self.doubled(text))
    }

    /// Whether `text` (the note's text) holds a doubled word: looked for
    /// once, the first time a fix asks.
    pub fn doubled(&self, text: &str) -> bool {
        *self.doubled.get_or_init(|| name::has_doubled_word(text))
    }

    /// The indexes of the lines holding one of `kinds`, in order.
    pub fn lines_with(&self, kinds: Kinds) -> impl Iterator<Item = usize> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(move |(_, k)| k.meets(kinds))
            .map(|(i, _)| i)
    }
}

/// A byte that opens an inline construct (code, math, a comment or an
/// autolink) by itself: `` ` `` `$` `<`.
const OPENS: u32 = 1 << 16;
/// A `[` on the line (with [`WIDE`], a Tasks line may have fields): the
/// kind [`Kinds::BRACKET`] itself; two in a row open a wikilink.
const BRACKET: u32 = Kinds::BRACKET.0 as u32;
/// A lead byte of a three- or four-byte char (every signifier is one).
const WIDE: u32 = 1 << 15;
/// A `]`, which before a `(` opens a link's destination.
const CLOSE_BRACKET: u32 = 1 << 17;
/// A `(`.
const PAREN: u32 = 1 << 18;
/// A `/`, which twice after a `:` makes a URL's `://`.
const SLASH: u32 = 1 << 19;
/// An ASCII `:` or the byte EF (see [`Kinds::COLON`]).
const COLON: u32 = Kinds::COLON.0 as u32;

/// A `<`, which opens an HTML comment (`<!--`).
pub(super) const LT: u32 = 1 << 20;
/// A `%`, which opens and closes an Obsidian comment (`%%`).
pub(super) const PERCENT: u32 = 1 << 21;
/// A `>`, the last byte of an HTML comment's closer (`-->`), rarer in
/// notes than its `-`.
pub(super) const GT: u32 = 1 << 22;
/// A `\n`: where a line ends. Only [`lines_seen`] asks; no line's bits
/// keep it.
const NEWLINE: u32 = 1 << 23;
/// A `\r`, which may be a line ending's first byte. Only [`lines_seen`]
/// asks; no line's bits keep it.
const CR: u32 = 1 << 24;

/// What each byte says about its line, looked up rather than matched: the
/// walk is one table read and one `or` per byte. The low sixteen bits are
/// the [`Kinds`] a byte gives its line (and [`WIDE`]); the bits above say
/// which pieces of an inline construct the line holds ([`may_open_inline`])
/// and which bytes of a multi-line comment's markers ([`LT`], [`PERCENT`],
/// [`GT`]).
static CLASS: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' => Kinds::DIGIT.0 as u32,
            b'|' => Kinds::PIPE.0 as u32,
            b'@' => Kinds::AT.0 as u32,
            b'[' => BRACKET,
            b']' => CLOSE_BRACKET,
            b'(' => PAREN,
            b'/' => SLASH,
            b':' => COLON,
            b'`' | b'$' => OPENS | Kinds::MARKER_BYTE.0 as u32,
            b'<' => OPENS | LT | Kinds::MARKER_BYTE.0 as u32,
            b'%' => PERCENT | Kinds::MARKER_BYTE.0 as u32,
            b'>' => GT | Kinds::MARKER_BYTE.0 as u32,
            b'~' => Kinds::MARKER_BYTE.0 as u32,
            b'\r' => Kinds::MARKER_BYTE.0 as u32 | CR,
            b'\n' => NEWLINE,
            0xEF => Kinds::NON_ASCII.0 as u32 | WIDE | COLON,
            0xE2.. => Kinds::NON_ASCII.0 as u32 | WIDE,
            0x80.. => Kinds::NON_ASCII.0 as u32,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Every [`CLASS`] bit of `bytes` (a line's, or a piece of one): one table
/// read and one `or` a byte, the look at each byte the note model takes
/// (and [`lines_seen`] takes, as it splits a note into lines).
pub(super) fn bytes_seen(bytes: &[u8]) -> u32 {
    classes(bytes) & !(NEWLINE | CR)
}

/// Every [`CLASS`] bit of `bytes`, the line-ending bits included.
#[inline]
fn classes(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0u32, |acc, &b| acc | CLASS[usize::from(b)])
}

/// How many bytes [`lines_seen`] looks up before it asks whether a line
/// ended among them.
const CHUNK: usize = 8;

/// The lines of `bytes` from `start`, each as `line(range, ending, seen)`:
/// the line's text without its ending, the ending's length (0 for a last
/// line without one, 1 for `\n`, 2 for `\r\n`) and the line's
/// [`bytes_seen`]. One walk finds both: from a line's start, [`CHUNK`]
/// bytes are looked up at a time until a chunk holds a `\n`, whose bytes
/// before it are all the line has left; searching each line's end first,
/// then walking the line, cost a search set up anew on every line.
pub(super) fn lines_seen(
    bytes: &[u8],
    start: usize,
    mut line: impl FnMut(Range<usize>, usize, u32),
) {
    let (mut at, mut acc) = (start, 0u32);
    let mut i = start;
    loop {
        let (next, quiet, class) = no_ending(&bytes[i..]);
        acc |= quiet;
        i += next;
        let Some(chunk) = bytes[i..].first_chunk::<CHUNK>() else {
            break;
        };
        if class & CR != 0 {
            // A `\r`: byte by byte, to tell a `\r\n` ending from a lone `\r`;
            // and the `\n` after a last `\r`, which ends its line.
            let last = i + CHUNK - 1;
            let end =
                last + usize::from(bytes[last] == b'\r' && bytes.get(last + 1) == Some(&b'\n'));
            for j in i..=end {
                one_byte(bytes, j, &mut at, &mut acc, &mut line);
            }
            i = end + 1;
            continue;
        }
        let end = i + first_newline(chunk);
        acc |= bytes_seen(&bytes[i..end]);
        line(at..end, 1, acc);
        (at, acc, i) = (end + 1, 0, end + 1);
    }
    for j in i..bytes.len() {
        one_byte(bytes, j, &mut at, &mut acc, &mut line);
    }
    if at < bytes.len() {
        line(at..bytes.len(), 0, acc);
    }
}

/// Where the first `\n` of `chunk` (which holds one) lies: each byte
/// equal to one marked by its top bit.
fn first_newline(chunk: &[u8; CHUNK]) -> usize {
    let low = u64::from_le_bytes([0x7F; CHUNK]);
    let z = u64::from_le_bytes(*chunk) ^ u64::from_le_bytes([b'\n'; CHUNK]);
    (!(((z & low) + low) | z | low)).trailing_zeros() as usize / 8
}

/// How many of the first bytes of `bytes` [`lines_seen`] passes whole, a
/// [`CHUNK`] at a time, before a chunk that holds a `\n` or a `\r` (or
/// the last bytes, too few for one); their bits; and that chunk's bits.
#[inline]
fn no_ending(bytes: &[u8]) -> (usize, u32, u32) {
    let mut acc = 0;
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<CHUNK>() {
        let class = classes(chunk);
        if class & (NEWLINE | CR) != 0 {
            return (bytes.len() - rest.len(), acc, class);
        }
        acc |= class;
        rest = tail;
    }
    (bytes.len() - rest.len(), acc, 0)
}

/// Byte `i` of [`lines_seen`]'s walk, read alone: a line ends at a `\n`,
/// and a `\r` before it is its ending's, not its text's.
fn one_byte(
    bytes: &[u8],
    i: usize,
    at: &mut usize,
    acc: &mut u32,
    line: &mut impl FnMut(Range<usize>, usize, u32),
) {
    let class = CLASS[usize::from(bytes[i])];
    if bytes[i] == b'\n' {
        if i > *at && bytes[i - 1] == b'\r' {
            line(*at..i - 1, 2, *acc);
        } else {
            line(*at..i, 1, *acc);
        }
        (*at, *acc) = (i + 1, 0);
    } else if bytes[i] != b'\r' || bytes.get(i + 1) != Some(&b'\n') {
        *acc |= class & !CR;
    }
}

/// Whether `bytes` (a line, whose [`bytes_seen`] are `seen`) may hold an
/// inline region: a byte that opens one alone, or the pieces of a pair
/// that does (`[[`, `](`, `://`). Every region the inline reading finds
/// starts at one of those (its unit tests check it on generated lines), and
/// most lines that hold a `[`, `]` or `:` hold none: a checkbox, a label.
/// Only a `[` with nothing else is looked at again, for a second `[` after
/// it, as the bits cannot say that two stand together.
pub(super) fn may_open_inline(seen: u32, bytes: &[u8]) -> bool {
    let has = |bit: u32| seen & bit != 0;
    has(OPENS)
        || (has(CLOSE_BRACKET) && has(PAREN))
        || (has(COLON) && has(SLASH))
        || (has(BRACKET)
            && memchr::memchr_iter(b'[', bytes).any(|i| bytes.get(i + 1) == Some(&b'[')))
}

/// Whether `bytes` hold a byte of [`Kinds::MARKER_BYTE`]: one pass
/// through [`CLASS`].
pub(super) fn has_marker_byte(bytes: &[u8]) -> bool {
    bytes_seen(bytes) & u32::from(Kinds::MARKER_BYTE.0) != 0
}

/// The kinds one line holds: one pass over its bytes through [`CLASS`].
pub(crate) fn line_kinds(text: &str, line: &Line) -> Kinds {
    kinds_of(text, line, bytes_seen(&text.as_bytes()[line.range.clone()]))
}

/// The kinds of `line`, whose bytes' [`CLASS`] bits are `seen`.
pub(super) fn kinds_of(text: &str, line: &Line, seen: u32) -> Kinds {
    let bytes = &text.as_bytes()[line.range.clone()];
    let mut k = Kinds::NONE;
    if line.in_frontmatter {
        k = k.or(Kinds::FRONTMATTER);
    }
    if line.ending == 0 {
        k = k.or(Kinds::UNENDED);
    }
    match bytes.last() {
        None => return k.or(Kinds::BLANK),
        Some(b' ' | b'\t') => {
            k = k.or(Kinds::TRAILING);
            if bytes.iter().all(|&b| b == b' ' || b == b'\t') {
                k = k.or(Kinds::BLANK);
            }
        }
        _ => {}
    }
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    if indent <= 3 && bytes.get(indent) == Some(&b'#') {
        k = k.or(Kinds::HEADING);
    }
    // The low bits are kinds; `ALL` keeps them, so the cast loses none.
    k = k.or(Kinds((seen & u32::from(Kinds::ALL.0)) as u16));
    if seen & BRACKET != 0 && seen & WIDE != 0 {
        k = k.or(Kinds::TASK_FIELDS);
    }
    if may_open_inline(seen, bytes) {
        k = k.or(Kinds::INLINE);
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::Note;

    fn kinds(text: &str) -> Vec<Kinds> {
        let note = Note::parse(text);
        Scan::of(text, &note.lines).lines
    }

    #[test]
    fn each_kind_on_its_line() {
        let k = kinds(
            "---\na: 1\n---\n# H\n  \t\nx \n- [ ] a 📅 2025\n@Lior Genzel Genzel\n| a |\ncafé",
        );
        assert!(k[0].meets(Kinds::FRONTMATTER) && k[1].meets(Kinds::DIGIT));
        assert!(k[3].meets(Kinds::HEADING));
        assert!(k[4].meets(Kinds::BLANK) && k[4].meets(Kinds::TRAILING));
        assert!(k[5].meets(Kinds::TRAILING) && !k[5].meets(Kinds::BLANK));
        assert!(k[6].meets(Kinds::TASK_FIELDS) && k[6].meets(Kinds::DIGIT));
        assert!(k[7].meets(Kinds::AT));
        assert!(k[8].meets(Kinds::PIPE) && !k[8].meets(Kinds::DIGIT));
        assert!(k[9].meets(Kinds::NON_ASCII) && k[9].meets(Kinds::UNENDED));
        assert!(k[1].meets(Kinds::COLON) && !k[6].meets(Kinds::COLON));
        assert!(kinds("a：b")[0].meets(Kinds::COLON));
        assert!(k[6].meets(Kinds::BRACKET) && !k[7].meets(Kinds::BRACKET));
        assert!(!k[3].meets(Kinds::NON_ASCII.or(Kinds::DIGIT).or(Kinds::TRAILING)));
        assert!(!k[6].meets(Kinds::MARKER_BYTE));
        for line in ["a `b`", "~~~", "$x$", "<!--", "-->", "%%", "a\rb"] {
            assert!(kinds(line)[0].meets(Kinds::MARKER_BYTE), "{line:?}");
        }
    }

    #[test]
    fn one_walk_finds_the_lines_and_bits_of_the_plain_reading() {
        // The plain reading: each `\n` searched for, then the line's bytes.
        fn plain(text: &str, start: usize) -> Vec<(Range<usize>, usize, u32)> {
            let b = text.as_bytes();
            let mut out = Vec::new();
            let mut at = start;
            for eol in (start..b.len()).filter(|&i| b[i] == b'\n') {
                let cr = eol > at && b[eol - 1] == b'\r';
                let range = at..eol - usize::from(cr);
                out.push((range.clone(), 1 + usize::from(cr), bytes_seen(&b[range])));
                at = eol + 1;
            }
            if at < b.len() {
                out.push((at..b.len(), 0, bytes_seen(&b[at..])));
            }
            out
        }
        let pieces = [
            "\n", "\r", "\r\n", "\n\n", "a", "abcdefg", " ", "`", "[", "7", ":", "<", ">", "%",
            "é", "📅", "|", "\t",
        ];
        for text in crate::testgen::texts(&pieces, 24, 20_000) {
            for start in [0, text.len().min(1)] {
                if !text.is_char_boundary(start) {
                    continue;
                }
                let mut walked = Vec::new();
                lines_seen(text.as_bytes(), start, |r, e, s| walked.push((r, e, s)));
                assert_eq!(walked, plain(&text, start), "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn doubled_words_are_a_kind_of_the_whole_note() {
        let note = Note::parse("Ada\n[[Lior Genzel]] Genzel\n");
        assert!(!note.scan.note.meets(Kinds::DOUBLED_WORD));
        assert!(note.scan.has(note.text, Kinds::DOUBLED_WORD));
        assert!(!Note::parse("Ada Lovelace\n")
            .scan
            .has("Ada Lovelace\n", Kinds::DOUBLED_WORD));
    }
}
