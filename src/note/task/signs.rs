//! The signifiers of task lines, read once a note: the first fix that
//! needs a task line's signifiers (`dates`, for the task dates, which runs
//! before `tasks`) keeps what it read in the note ([`Note::task_signs`]),
//! and the task grammar of `tasks` takes them from there rather than
//! searching the line again. A line no fix read before is read by the fix
//! that asks. The readings move to a note carried over edits
//! (`note::carry`: inside lines, inside the frontmatter's YAML, or writing
//! and removing blank lines), but for the lines edited.
//!
//! **What it holds.** For each line read (one that opens with a checkbox):
//! whether JavaScript would break the line (then Tasks reads no task), and
//! otherwise every signifier in it, anywhere on the line, in line order.
//!
//! **Why.** Every signifier and every char JavaScript reads as a line break
//! starts with byte `\r`, 0xE2 or 0xF0: one search of the line for those
//! three bytes answers both questions. It was made once by the task grammar
//! and again by `dates`; in WebAssembly, where that search has no SIMD, it
//! was a notable part of a settled note's pass.

use super::{breaks_js_at, Field};
#[cfg(doc)]
use crate::note::Note;

/// A signifier in a line: where it starts, its length, its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sign {
    /// Its first byte in the line.
    pub at: usize,
    /// Its length in bytes (U+FE0F after it not included).
    pub len: usize,
    /// The field it signifies.
    pub field: Field,
}

/// The signifiers of one line, in line order, each packed in one word
/// (`at << 4 | field`), so the store is small.
#[derive(Clone, Copy, Debug, Default)]
pub struct LineSigns<'a> {
    packed: &'a [usize],
}

impl<'a> LineSigns<'a> {
    /// No signifier.
    pub const NONE: LineSigns<'static> = LineSigns { packed: &[] };

    /// The signifiers, in line order.
    pub fn iter(self, line: &'a str) -> impl Iterator<Item = Sign> + 'a {
        (0..self.packed.len()).map(move |k| self.get(line, k))
    }

    /// How many.
    pub fn len(self) -> usize {
        self.packed.len()
    }

    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.packed.is_empty()
    }

    /// Where signifier `k` starts.
    #[inline]
    pub(crate) fn at(self, k: usize) -> usize {
        self.packed[k] >> 4
    }

    /// Signifier `k` of `line`, whose reading these are.
    #[inline]
    pub(crate) fn get(self, line: &str, k: usize) -> Sign {
        let packed = self.packed[k];
        let at = packed >> 4;
        Sign {
            at,
            // A signifier's UTF-8 is three bytes from 0xE2, four from 0xF0.
            len: if line.as_bytes()[at] == 0xF0 { 4 } else { 3 },
            field: Field::WRITE_ORDER[packed & 0xF],
        }
    }

    /// The ones starting at `from` or later.
    #[inline]
    pub(crate) fn from(self, from: usize) -> LineSigns<'a> {
        let first = self.packed.partition_point(|&p| p >> 4 < from);
        LineSigns {
            packed: &self.packed[first..],
        }
    }
}

/// Reads the signifiers of `line` into `out` (emptied first); `false`, and
/// `out` left empty, when `line` holds a char JavaScript reads as a line
/// break (`\r`, U+2028, U+2029).
pub fn read(line: &str, out: &mut Vec<usize>) -> bool {
    out.clear();
    read_onto(line, out, 0)
}

/// [`read`], onto the end of `out`, which is `from` long; on a break, `out`
/// is cut back to `from`. One search of the line for both: only chars
/// starting with `\r`, 0xE2 or 0xF0 are looked at.
#[inline(always)]
fn read_onto(line: &str, out: &mut Vec<usize>, from: usize) -> bool {
    let b = line.as_bytes();
    for i in memchr::memchr3_iter(b'\r', 0xE2, 0xF0, b) {
        if breaks_js_at(b, i) {
            out.truncate(from);
            return false;
        }
        if let Some(field) = field_at(b, i) {
            out.push(i << 4 | field as usize);
        }
    }
    true
}

/// The field of the signifier whose UTF-8 starts at byte `i` of `b` (0xE2
/// or 0xF0 there), if one does: its code point put together from its
/// bytes, without decoding a char, and looked up in the task grammar's one
/// list ([`Field::of_symbol`]).
#[inline]
fn field_at(b: &[u8], i: usize) -> Option<Field> {
    // The lead byte fixes the length and, for these two, adds no bits of
    // its own beyond 0xE2's `2`.
    let c = match *b.get(i..)? {
        [0xE2, x, y, ..] => 0x2000 | u32::from(x & 0x3F) << 6 | u32::from(y & 0x3F),
        [0xF0, x, y, z, ..] => {
            u32::from(x & 0x3F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F)
        }
        _ => return None,
    };
    Field::of_symbol(char::from_u32(c)?).map(|(field, _)| field)
}

/// What the note's reading says of one line.
#[derive(Clone, Copy, Debug)]
pub enum Reading<'a> {
    /// Not read (or edited since): a caller that asks about it reads the
    /// line itself.
    Unread,
    /// JavaScript breaks the line: Tasks reads no task there.
    Breaks,
    /// The line's signifiers.
    Signs(LineSigns<'a>),
}

/// The signifiers of the task lines of a note that a fix has read: see the
/// module docs.
#[derive(Debug, Default)]
pub struct TaskSigns {
    /// Per line read, in line order: its index, where its signifiers end
    /// in `packed` (they start where the line before's end), and what the
    /// reading holds ([`BREAKS`], [`EDITED`] or neither).
    lines: Vec<(usize, usize, u8)>,
    /// The signifiers of every line read, one after another.
    packed: Vec<usize>,
}

/// A line JavaScript breaks.
const BREAKS: u8 = 1;
/// A line an edit changed since it was read: its reading is stale.
const EDITED: u8 = 2;

impl TaskSigns {
    /// Reads line `i`, `text`, which opens with a checkbox and comes after
    /// every line read so far, and keeps what it found.
    #[inline]
    pub fn read_line(&mut self, i: usize, text: &str) -> Reading<'_> {
        debug_assert!(self.lines.last().is_none_or(|&(l, _, _)| l < i));
        // A stale reading of the line stays, and `line` finds it first.
        if self.lines.capacity() == 0 {
            // Room for a note's usual task lines at once.
            self.lines.reserve(32);
            self.packed.reserve(64);
        }
        let start = self.packed.len();
        let state = if read_onto(text, &mut self.packed, start) {
            0
        } else {
            BREAKS
        };
        self.lines.push((i, self.packed.len(), state));
        self.reading(start, self.packed.len(), state)
    }

    /// Forgets the readings of `edited` (line indices, in order), whose
    /// text edits changed: the note carried over those edits keeps the
    /// others, whose lines keep their index and their text.
    pub(crate) fn forget(&mut self, edited: impl IntoIterator<Item = usize>) {
        let mut k = 0;
        for i in edited {
            k += self.lines[k..].partition_point(|&(l, _, _)| l < i);
            match self.lines.get_mut(k) {
                Some(entry) if entry.0 == i => entry.2 = EDITED,
                Some(_) => {}
                None => return,
            }
        }
    }

    /// Moves each reading to the line `to` gives for its own (its new
    /// index, and whether an edit changed its text, which leaves it stale);
    /// `None` when `to` gives none for one.
    pub(crate) fn renumber(&mut self, to: impl Fn(usize) -> Option<(usize, bool)>) -> Option<()> {
        for entry in &mut self.lines {
            let (at, edited) = to(entry.0)?;
            entry.0 = at;
            if edited {
                entry.2 = EDITED;
            }
        }
        Some(())
    }

    /// Moves the readings of lines from `from` on by `by` lines: the body
    /// under a frontmatter block whose line count an edit changed.
    pub(crate) fn shift(&mut self, from: usize, by: isize) -> Option<()> {
        for entry in &mut self.lines {
            if entry.0 >= from {
                entry.0 = entry.0.checked_add_signed(by)?;
            }
        }
        Some(())
    }

    /// What was read of line `i`.
    pub fn line(&self, i: usize) -> Reading<'_> {
        self.entry(self.lines.partition_point(|&(l, _, _)| l < i), i)
    }

    /// [`TaskSigns::line`] for a caller that asks about lines in order:
    /// `from` is where the answer for the line asked before was looked
    /// for (0 at first), and the walk goes on from there (a step or none
    /// a line), not a search over every line read.
    pub(crate) fn line_after(&self, i: usize, from: &mut usize) -> Reading<'_> {
        let mut k = *from;
        while self.lines.get(k).is_some_and(|&(l, _, _)| l < i) {
            k += 1;
        }
        *from = k;
        self.entry(k, i)
    }

    /// What was read of line `i`, where its entry, if any, is the `k`-th
    /// (the first of a line at or after `i`).
    fn entry(&self, k: usize, i: usize) -> Reading<'_> {
        match self.lines.get(k) {
            Some(&(l, end, state)) if l == i => {
                let start = k.checked_sub(1).map_or(0, |p| self.lines[p].1);
                self.reading(start, end, state)
            }
            _ => Reading::Unread,
        }
    }

    fn reading(&self, start: usize, end: usize, state: u8) -> Reading<'_> {
        match state {
            BREAKS => return Reading::Breaks,
            EDITED => return Reading::Unread,
            _ => {}
        }
        Reading::Signs(LineSigns {
            packed: &self.packed[start..end],
        })
    }
}

/// A buffer read by [`read`], as [`LineSigns`].
pub fn of_buffer(packed: &[usize]) -> LineSigns<'_> {
    LineSigns { packed }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every char decoded and looked up: what the byte reading must find.
    fn by_char(line: &str) -> Option<Vec<Sign>> {
        if line.contains(['\r', '\u{2028}', '\u{2029}']) {
            return None;
        }
        Some(
            line.char_indices()
                .filter_map(|(at, c)| {
                    Field::of_symbol(c).map(|(field, _)| Sign {
                        at,
                        len: c.len_utf8(),
                        field,
                    })
                })
                .collect(),
        )
    }

    #[test]
    fn bytes_read_as_every_char_decoded() {
        let pieces = [
            "a", " ", "\r", "\u{2028}", "\u{2029}", "–", "…", "📅", "📆", "🗓", "⌛", "⏳", "✅",
            "❌", "🔺", "⏫", "⏬", "🔼", "🔽", "➕", "🛫", "🔁", "🏁", "🆔", "⛔", "\u{fe0f}",
            "😀", "⏩", "✔", "🗒", "é", "\u{202f}",
        ];
        let mut buf = Vec::new();
        for body in crate::testgen::texts_from(3, &pieces, 6, 30_000) {
            let line = format!("- [ ] {body}");
            let got = read(&line, &mut buf).then(|| of_buffer(&buf).iter(&line).collect());
            assert_eq!(got, by_char(&line), "{line:?}");
        }
    }

    #[test]
    fn lines_read_are_found_again() {
        let lines = [
            "- [ ] a 📅 2025-01-02",
            "- [x] d\u{2028} ⏫",
            "* [ ] e ⏫ 🔁 every day",
        ];
        let mut signs = TaskSigns::default();
        for (i, line) in lines.iter().enumerate() {
            signs.read_line(2 * i + 1, line);
        }
        let fields = |i: usize| match signs.line(i) {
            Reading::Signs(s) => Some(s.iter(lines[i / 2]).map(|s| s.field).collect::<Vec<_>>()),
            Reading::Breaks => Some(Vec::new()),
            Reading::Unread => None,
        };
        assert_eq!(fields(1), Some(vec![Field::Due]));
        assert!(matches!(signs.line(3), Reading::Breaks));
        assert_eq!(fields(5), Some(vec![Field::Priority, Field::Recurrence]));
        assert!([0, 2, 4, 6].iter().all(|&i| fields(i).is_none()));
        let two = |r: Reading| matches!(r, Reading::Signs(s) if s.len() == 2);
        signs.shift(2, 10).unwrap();
        assert!(two(signs.line(15)) && matches!(signs.line(13), Reading::Breaks));
        assert!(matches!(signs.line(5), Reading::Unread));
        signs.shift(2, -10).unwrap();
        assert!(two(signs.line(5)));
        signs.renumber(|i| Some((i + 1, i == 5))).unwrap();
        assert!(matches!(signs.line(2), Reading::Signs(s) if s.len() == 1));
        assert!(matches!(signs.line(4), Reading::Breaks));
        assert!(matches!(signs.line(6), Reading::Unread));
        signs.renumber(|i| Some((i - 1, false))).unwrap();
        signs.forget([0, 1, 4, 5]);
        assert!(matches!(signs.line(1), Reading::Unread));
        assert!(matches!(signs.line(3), Reading::Breaks));
        assert!(matches!(signs.line(5), Reading::Unread));
    }

    /// A line read with the signifiers kept reads as one read alone.
    #[test]
    fn kept_signs_parse_as_the_plain_reading() {
        let pieces = [
            " 🔺",
            " ⏫\u{fe0f}",
            " 📅 2025-01-02",
            " ✅ 2025-01-02",
            " 🔁 every day",
            " #t",
            " 📆",
            " a",
            "\u{2028}",
            " ^id",
        ];
        let mut signs = TaskSigns::default();
        for (i, body) in crate::testgen::texts_from(5, &pieces, 8, 20_000).enumerate() {
            let line = format!("- [ ] x{body}");
            let kept = match signs.read_line(i, &line) {
                Reading::Signs(s) => super::super::parse_read(&line, s, Vec::new()),
                _ => None,
            };
            assert_eq!(kept, super::super::parse(&line), "{line:?}");
        }
    }
}
