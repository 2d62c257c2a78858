//! Obsidian Tasks lines: which checkbox lines the Tasks plugin reads as a
//! task, and which of their trailing fields (signifier emoji with their
//! values, tags) it reads.
//!
//! **What it does.** [`parse`] follows the way Tasks reads a line with its
//! default (emoji) format: the list item must match
//! `^[\s>]*([-*+]|[0-9]+[.)]) +\[.\] *` (`1)` since Tasks 7.18.5); the body after the checkbox is
//! trimmed; a block link (` ^id`) is taken off the end; then fields are
//! taken off the *end* of what is left, again and again, in the order Tasks
//! tries them (priority, done, cancelled, due, scheduled, start, created,
//! recurrence, on-completion, tags, id, depends-on), until none matches.
//! What is left in front is the description.
//!
//! **Why.** Only what Tasks itself reads as a field may be moved or
//! respelled; a signifier in the middle of a description (`📅 next week,
//! call Bob`) is text, and a date Tasks cannot read (`📅 16/09/2025`) stops
//! its reading there, so everything before it is description too.
//!
//! **Example.**
//! ```
//! use notemend::note::task::{self, Field};
//!
//! let line = "- [ ] Call @HR 📅 2025-10-26 🔺 #task ^abc";
//! let t = task::parse(line).unwrap();
//! assert_eq!(&line[t.description.clone()], "Call @HR");
//! let kinds: Vec<_> = t.tokens.iter().map(|k| k.field).collect();
//! assert_eq!(kinds, vec![Some(Field::Due), Some(Field::Priority), None]);
//! assert_eq!(&line[t.block_link.clone().unwrap()], "^abc");
//! ```
//!
//! **Safety.** Pure reading: byte ranges into the line, nothing rewritten.
//! Lines with characters JavaScript treats as line breaks inside them
//! (`\r`, U+2028, U+2029) are not read at all, since Tasks would see only a
//! part of them.

use std::ops::Range;

pub mod signs;

pub use signs::{LineSigns, Sign};

/// Every signifier Tasks writes (dates, recurrence, ids, dependencies,
/// on-completion, the five priorities): the one list of them. The
/// alternatives it also reads (📆 🗓 ⌛) are in [`Field::of_symbol`].
pub const SIGNIFIERS: [char; 15] = [
    '📅', '⏳', '🛫', '➕', '✅', '❌', '🔁', '🆔', '⛔', '🏁', '🔺', '⏫', '🔼', '🔽', '⏬',
];

/// A field Tasks reads from the end of a task line, in the order Tasks
/// writes them (see [`Field::WRITE_ORDER`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 🆔 task id.
    Id,
    /// ⛔ ids of the tasks this one depends on.
    DependsOn,
    /// 🔺 ⏫ 🔼 🔽 ⏬ priority.
    Priority,
    /// 🔁 recurrence rule.
    Recurrence,
    /// 🏁 what happens on completion.
    OnCompletion,
    /// ➕ created date.
    Created,
    /// 🛫 start date.
    Start,
    /// ⏳ (or ⌛) scheduled date.
    Scheduled,
    /// 📅 (or 📆, 🗓) due date.
    Due,
    /// ❌ cancelled date.
    Cancelled,
    /// ✅ done date.
    Done,
}

impl Field {
    /// The order Tasks writes fields after the description.
    pub const WRITE_ORDER: [Field; 11] = [
        Field::Id,
        Field::DependsOn,
        Field::Priority,
        Field::Recurrence,
        Field::OnCompletion,
        Field::Created,
        Field::Start,
        Field::Scheduled,
        Field::Due,
        Field::Cancelled,
        Field::Done,
    ];

    /// The signifier Tasks writes for the field (for [`Field::Priority`],
    /// the symbol depends on the level; this returns the highest).
    pub fn symbol(self) -> char {
        match self {
            Field::Id => '🆔',
            Field::DependsOn => '⛔',
            Field::Priority => '🔺',
            Field::Recurrence => '🔁',
            Field::OnCompletion => '🏁',
            Field::Created => '➕',
            Field::Start => '🛫',
            Field::Scheduled => '⏳',
            Field::Due => '📅',
            Field::Cancelled => '❌',
            Field::Done => '✅',
        }
    }

    /// A name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::DependsOn => "depends-on",
            Field::Priority => "priority",
            Field::Recurrence => "recurrence",
            Field::OnCompletion => "on-completion",
            Field::Created => "created date",
            Field::Start => "start date",
            Field::Scheduled => "scheduled date",
            Field::Due => "due date",
            Field::Cancelled => "cancelled date",
            Field::Done => "done date",
        }
    }

    /// The field's bit in a set of fields.
    pub(crate) fn bit(self) -> u16 {
        1 << self as u16
    }

    /// Whether the value is a `YYYY-MM-DD` date.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::Created
                | Field::Start
                | Field::Scheduled
                | Field::Due
                | Field::Cancelled
                | Field::Done
        )
    }

    /// The field `symbol` signifies, and the symbol Tasks writes for it.
    /// Alternatives Tasks reads (📆 🗓 for 📅, ⌛ for ⏳) map to the one it
    /// writes.
    pub fn of_symbol(symbol: char) -> Option<(Field, char)> {
        Some(match symbol {
            '🆔' => (Field::Id, '🆔'),
            '⛔' => (Field::DependsOn, '⛔'),
            '🔺' | '⏫' | '🔼' | '🔽' | '⏬' => (Field::Priority, symbol),
            '🔁' => (Field::Recurrence, '🔁'),
            '🏁' => (Field::OnCompletion, '🏁'),
            '➕' => (Field::Created, '➕'),
            '🛫' => (Field::Start, '🛫'),
            '⏳' | '⌛' => (Field::Scheduled, '⏳'),
            '📅' | '📆' | '🗓' => (Field::Due, '📅'),
            '❌' => (Field::Cancelled, '❌'),
            '✅' => (Field::Done, '✅'),
            _ => return None,
        })
    }
}

/// One trailing item Tasks reads: a field or a tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The field, or `None` for a tag.
    pub field: Option<Field>,
    /// The whole token in the line: symbol (with any U+FE0F), spaces, value;
    /// or the tag from its `#`.
    pub range: Range<usize>,
    /// The signifier as written, U+FE0F included (empty for a tag).
    pub symbol: Range<usize>,
    /// The value as Tasks reads it, trimmed (empty for priority and tags).
    pub value: Range<usize>,
}

/// A line Tasks reads as a task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLine {
    /// Indentation, quote markers, list marker and checkbox.
    pub prefix: Range<usize>,
    /// The status character between the brackets.
    pub status: char,
    /// The description as Tasks reads it before putting trailing tags back:
    /// the trimmed text in front of the first trailing token.
    pub description: Range<usize>,
    /// Fields and tags Tasks took off the end, in line order.
    pub tokens: Vec<Token>,
    /// The block link without its leading space (`^abc`), if any.
    pub block_link: Option<Range<usize>>,
}

impl TaskLine {
    /// The fields (not tags), in line order.
    pub fn fields(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| t.field.is_some())
    }
}

/// Whitespace as JavaScript's `\s` and `String.prototype.trim` see it.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Reads `line` (one line, without its ending) as Tasks would; `None` when
/// Tasks would not read it as a task.
pub fn parse(line: &str) -> Option<TaskLine> {
    parse_into(line, Vec::new(), &mut Vec::new())
}

/// [`parse`], its tokens written into `tokens` (emptied first), whose room
/// is kept, and its signifiers read into `signs`: a caller reading many
/// lines hands each line's buffers back for the next, so a line's reading
/// allocates nothing.
pub fn parse_into(line: &str, tokens: Vec<Token>, signs: &mut Vec<usize>) -> Option<TaskLine> {
    let (prefix_end, status) = checkbox(line)?;
    if !signs::read(line, signs) {
        return None;
    }
    parse_body(line, prefix_end, status, signs::of_buffer(signs), tokens)
}

/// [`parse_into`] of a line whose signifiers are already read (by
/// [`signs::read`], which found no JavaScript line break in it): what a
/// fix does with the note's reading ([`crate::note::Note::task_signs`]).
pub fn parse_read(line: &str, signs: LineSigns, tokens: Vec<Token>) -> Option<TaskLine> {
    let (prefix_end, status) = checkbox(line)?;
    parse_body(line, prefix_end, status, signs, tokens)
}

/// The reading after the checkbox, which ends at `prefix_end`.
fn parse_body(
    line: &str,
    prefix_end: usize,
    status: char,
    signs: LineSigns,
    mut tokens: Vec<Token>,
) -> Option<TaskLine> {
    // The body, trimmed as Tasks trims it.
    let body_start = trim_start(line, prefix_end, false);
    let mut end = trim_end(line, line.len()).max(body_start);
    let mut block_link = None;
    if let Some(start) = block_link_start(&line[body_start..end]) {
        block_link = Some(body_start + start + 1..end);
        end = trim_end(line, body_start + start).max(body_start);
    }
    // Every field's value is ASCII and follows its signifier (and spaces),
    // so of the field extractors only the one of the last signifier left
    // can match what is left: the others would fail, and the extractors of
    // ids and dependencies read back over a whole description of plain
    // words. Each extractor reads from its signifier on, not back from the
    // end again.
    let signs = signs.from(body_start);
    let mut signs = Left {
        len: signs.len(),
        signs,
    };
    // Room for the usual tokens at once: a line of tags and fields has five
    // or six, and a list grown from empty allocates, then reallocates.
    tokens.clear();
    tokens.reserve(8);
    // A tag starts at a `#`, so one is read only while the body's first
    // `#` is left.
    let first_hash =
        memchr::memchr(b'#', &line.as_bytes()[body_start..end]).map(|h| body_start + h);
    let mut tags_left = first_hash.is_some();
    // Tasks' loop: each run tries every extractor once, in [`STEPS`]'
    // order, and runs again while one matched (at most 21 runs). Of them,
    // only the tag's and the last signifier's field's can match, and only
    // if they can take the last byte of what is left ([`ENDS`]); these
    // change only when a token is taken.
    let mut last = signs.last_before(line, end);
    let mut may = may_match(line, body_start, end, last, tags_left);
    for _ in 0..21 {
        let mut matched = false;
        let mut run = may;
        while run != 0 {
            let k = run.trailing_zeros();
            let token = match last {
                _ if k as usize == TAG => tag(line, body_start, end),
                Some(s) => field_token(line, s, end),
                None => None,
            };
            let Some(token) = token else {
                run &= run - 1;
                continue;
            };
            end = trim_end(line, token.range.start).max(body_start);
            if first_hash.is_some_and(|h| h >= end) {
                tags_left = false;
            }
            tokens.push(token);
            matched = true;
            // Still the last signifier unless the token took it (a field's
            // does; a tag's seldom).
            if last.is_some_and(|s| s.at >= end) {
                last = signs.last_before(line, end);
            }
            may = may_match(line, body_start, end, last, tags_left);
            // The steps after this one, in this run.
            run = may & (u16::MAX << (k + 1));
        }
        if !matched {
            break;
        }
    }
    tokens.reverse();
    Some(TaskLine {
        prefix: 0..prefix_end,
        status,
        description: body_start..end,
        tokens,
        block_link,
    })
}

/// The steps of [`STEPS`] that may match `line[start..end]`, whose last
/// signifier is `last`: the tag's while `#`s are left, and the last
/// signifier's field's, of those that can take its last byte.
#[inline]
fn may_match(line: &str, start: usize, end: usize, last: Option<Sign>, tags: bool) -> u16 {
    let mut may = u16::from(tags) << TAG;
    if let Some(s) = last {
        may |= 1 << STEP_OF[s.field as usize];
    }
    may & ends_of(line, start, end)
}

/// Where `line[..end]` ends with the JavaScript white space at its end
/// trimmed: at once when one space, or none, stands there after a byte
/// no white space ends with, as before nearly every token.
#[inline]
pub(crate) fn trim_end(line: &str, end: usize) -> usize {
    let b = line.as_bytes();
    let at = if end > 0 && b[end - 1] == b' ' {
        end - 1
    } else {
        end
    };
    match b[..at].last() {
        Some(&c) if !MAY_END_SPACE[usize::from(c)] => at,
        _ => trim_end_spaces(line, at),
    }
}

/// By byte, whether white space as [`is_js_space`] takes it may end with
/// it.
static MAY_END_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
            || (b >= 0x80 && ends_js_space(b));
        c += 1;
    }
    t
};

/// [`trim_end`] of white space: by bytes while they are ASCII (nearly
/// every line ends so): only a non-ASCII byte sends the rest to the
/// char-by-char trim.
#[inline(never)]
fn trim_end_spaces(line: &str, end: usize) -> usize {
    let b = line.as_bytes();
    let mut at = end;
    while let Some(&c) = b[..at].last() {
        match c {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => at -= 1,
            // A last byte no JavaScript space ends with (as most
            // signifiers end): no space there.
            0x80.. if !ends_js_space(c) => break,
            0x80.. => return line[..at].trim_end_matches(is_js_space).len(),
            _ => break,
        }
    }
    at
}

/// Whether a char outside ASCII that [`is_js_space`] takes can end with
/// byte `c`: U+00A0 ends in A0, U+1680 and U+3000 in 80, U+2000–U+200A
/// in 80–8A, U+2028, U+2029 and U+202F in A8, A9 and AF, U+205F in 9F,
/// U+FEFF in BF.
const fn ends_js_space(c: u8) -> bool {
    matches!(c, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF | 0xBF)
}

/// Where `line[from..]` starts with the JavaScript white space at its
/// start trimmed, and with quote markers too when `quotes`: by bytes while
/// they are ASCII, the rest char by char from the first non-ASCII byte.
pub(crate) fn trim_start(line: &str, from: usize, quotes: bool) -> usize {
    let b = line.as_bytes();
    let mut at = from;
    while let Some(&c) = b.get(at) {
        match c {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => at += 1,
            b'>' if quotes => at += 1,
            0x80.. => {
                let rest = &line[at..];
                let left = rest.trim_start_matches(|c| is_js_space(c) || (quotes && c == '>'));
                return line.len() - left.len();
            }
            _ => break,
        }
    }
    at
}

/// The list marker of `line` (`-`, `*`, `+`, `1.` or `1)`), after any
/// indentation and quote markers, when a space, a tab or the line's end
/// follows it: a list item as Tasks and Markdown read one. The one reading
/// of list items every fix shares.
pub fn list_item(line: &str) -> Option<Range<usize>> {
    let start = trim_start(line, 0, true);
    let b = line.as_bytes();
    let mut at = start;
    match b.get(at)? {
        b'-' | b'*' | b'+' => at += 1,
        b'0'..=b'9' => {
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            // Tasks reads `1)` as well as `1.` since 7.18.5.
            if !matches!(b.get(at), Some(b'.' | b')')) {
                return None;
            }
            at += 1;
        }
        _ => return None,
    }
    matches!(b.get(at), None | Some(b' ' | b'\t')).then_some(start..at)
}

/// Whether Tasks reads `line` as a task: a list item, spaces, a checkbox
/// with one status character. What the `tasks` and `dates` fixes both ask.
pub fn is_task(line: &str) -> bool {
    // The checkbox first: most lines asked about are no task, and it
    // looks at the line's first bytes only.
    checkbox(line).is_some() && !breaks_js_line(line)
}

/// Whether `line` opens as a task does (indentation, list marker, spaces,
/// checkbox): [`is_task`] but for its look for JavaScript line breaks
/// ([`breaks_js_at`]), for a caller that searches the line's bytes anyway.
pub fn has_checkbox(line: &str) -> bool {
    checkbox(line).is_some()
}

/// Whether `line` holds `\r`, U+2028 or U+2029, which JavaScript reads as
/// line breaks. Found by their bytes (U+2028 and U+2029 are E2 80 A8 and
/// E2 80 A9), not by decoding every char of every checkbox line.
fn breaks_js_line(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b'\r', 0xE2, b).any(|i| breaks_js_at(b, i))
}

/// Whether a char JavaScript reads as a line break starts at byte `i` of
/// `b`: `\r`, or E2 80 A8 or E2 80 A9 (U+2028, U+2029).
pub fn breaks_js_at(b: &[u8], i: usize) -> bool {
    b[i] == b'\r'
        || b[i] == 0xE2
            && (b[i + 1..].starts_with(&[0x80, 0xA8]) || b[i + 1..].starts_with(&[0x80, 0xA9]))
}

/// The signifiers of a body not yet taken: the first `len` of `signs`.
struct Left<'a> {
    signs: LineSigns<'a>,
    len: usize,
}

impl Left<'_> {
    /// The last signifier starting before `end`; the ones from `end` on
    /// are dropped: what is left of the body only shrinks.
    #[inline]
    fn last_before(&mut self, line: &str, end: usize) -> Option<Sign> {
        while self.len > 0 && self.signs.at(self.len - 1) >= end {
            self.len -= 1;
        }
        let k = self.len.checked_sub(1)?;
        Some(self.signs.get(line, k))
    }
}

/// Where an empty list item (`- `) or an empty task (`- [ ] `) ends its
/// marker or checkbox, when nothing but spaces and tabs follows: what
/// Obsidian and Tasks write for an item not yet filled in.
pub fn empty_item(line: &str) -> Option<usize> {
    let end = match checkbox(line) {
        Some((at, _)) => line[..at].trim_end_matches(' ').len(),
        None => list_item(line)?.end,
    };
    line[end..]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(end)
}

/// `(end of the checkbox and the spaces after it, status)`.
pub(crate) fn checkbox(line: &str) -> Option<(usize, char)> {
    let b = line.as_bytes();
    // The usual task, `- [ ] ` at the line's start with an ASCII status,
    // read at once: what the general reading below finds for it.
    if let [b'-' | b'*' | b'+', b' ', b'[', status, b']', ..] = *b {
        if status.is_ascii() {
            let spaces = b[5..].iter().take_while(|&&c| c == b' ').count();
            return Some((5 + spaces, char::from(status)));
        }
    }
    let mut at = list_item(line)?.end;
    let spaces = b[at..].iter().take_while(|&&c| c == b' ').count();
    if spaces == 0 {
        return None;
    }
    at += spaces;
    if b.get(at) != Some(&b'[') {
        return None;
    }
    at += 1;
    let status = line[at..].chars().next()?;
    at += status.len_utf8();
    if b.get(at) != Some(&b']') {
        return None;
    }
    at += 1;
    at += b[at..].iter().take_while(|&&c| c == b' ').count();
    Some((at, status))
}

/// Where the ` ^id` block link starts (its space), if `body` ends with one.
pub(crate) fn block_link_start(body: &str) -> Option<usize> {
    // The id holds no `^`, so its caret is the body's last: found by one
    // search, where most lines have none, instead of reading back over
    // their last word.
    let b = body.as_bytes();
    let caret = memchr::memrchr(b'^', b)?;
    let id = &b[caret + 1..];
    let is_id = !id.is_empty() && id.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
    (is_id && caret > 0 && b[caret - 1] == b' ').then(|| caret - 1)
}

/// The place of [`tag`] in [`STEPS`].
const TAG: usize = 9;

/// The steps of [`STEPS`] that can match a text ending in `line[..end]`
/// (from `start`): none when it is empty.
fn ends_of(line: &str, start: usize, end: usize) -> u16 {
    match line.as_bytes()[start..end].last() {
        Some(&b) => ENDS[usize::from(b)],
        None => 0,
    }
}

/// By the last byte of a text, the steps of [`STEPS`] (one bit each, by
/// place) that can match it: each extractor takes the text's end into its
/// token, and only bytes it takes there. A test checks every extractor's
/// match against it.
static ENDS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut m = 0u16;
        let mut k = 0;
        while k < STEPS.len() {
            let takes = match STEPS[k] {
                // A symbol, or the U+FE0F after it: a byte of a longer char.
                Some(Field::Priority) => !c.is_ascii(),
                Some(Field::Recurrence) => is_rule_byte(c),
                Some(Field::OnCompletion) => c.is_ascii_alphabetic(),
                Some(Field::Id) => is_id_byte(c),
                Some(Field::DependsOn) => is_id_byte(c) || matches!(c, b',' | b' '),
                // A date ends in a digit.
                Some(_) => c.is_ascii_digit(),
                None => in_tag(c),
            };
            if takes {
                m |= 1 << k;
            }
            k += 1;
        }
        t[b] = m;
        b += 1;
    }
    t
};

/// The extractors in the order Tasks tries them, by the field each reads
/// (none for [`tag`]).
const STEPS: [Option<Field>; 12] = [
    Some(Field::Priority),
    Some(Field::Done),
    Some(Field::Cancelled),
    Some(Field::Due),
    Some(Field::Scheduled),
    Some(Field::Start),
    Some(Field::Created),
    Some(Field::Recurrence),
    Some(Field::OnCompletion),
    None,
    Some(Field::Id),
    Some(Field::DependsOn),
];

/// The place in [`STEPS`] of each field's extractor, by the field's place
/// in [`Field::WRITE_ORDER`].
static STEP_OF: [u8; Field::WRITE_ORDER.len()] = {
    let mut t = [0u8; Field::WRITE_ORDER.len()];
    let mut k = 0;
    while k < STEPS.len() {
        if let Some(f) = STEPS[k] {
            t[f as usize] = k as u8;
        }
        k += 1;
    }
    t
};

/// The UTF-8 of U+FE0F.
const VS16_BYTES: [u8; 3] = [0xEF, 0xB8, 0x8F];

/// The token of the field of signifier `sign`, the last in `line[..end]`,
/// when what follows it there is as Tasks' pattern for that field reads
/// it at the end of a line: the signifier, an optional U+FE0F, any
/// spaces, then the value (nothing for a priority). Read forward from the
/// signifier, once: the value being ASCII, no other signifier stands
/// between them.
pub(crate) fn field_token(line: &str, sign: Sign, end: usize) -> Option<Token> {
    let b = line.as_bytes();
    let mut symbol_end = sign.at + sign.len;
    if b[symbol_end..end].starts_with(&VS16_BYTES) {
        symbol_end += 3;
    }
    let spaces = b[symbol_end..end]
        .iter()
        .take_while(|&&c| c == b' ')
        .count();
    let value = symbol_end + spaces..end;
    let v = &b[value.clone()];
    let ok = match sign.field {
        Field::Priority => symbol_end == end,
        Field::Recurrence => !v.is_empty() && v.iter().all(|&c| is_rule_byte(c)),
        Field::OnCompletion => !v.is_empty() && v.iter().all(u8::is_ascii_alphabetic),
        Field::Id => !v.is_empty() && v.iter().all(|&c| is_id_byte(c)),
        Field::DependsOn => {
            // `id( *, *id *)*`: every comma-separated piece one id, no
            // inner spaces.
            !v.is_empty()
                && v.iter().all(|&c| is_id_byte(c) || matches!(c, b',' | b' '))
                && v.split(|&c| c == b',').all(|piece| {
                    let p = piece.trim_ascii();
                    !p.is_empty() && p.iter().all(|&c| is_id_byte(c))
                })
        }
        _ => is_date_shape(v),
    };
    if !ok {
        return None;
    }
    let mut value = value;
    if sign.field == Field::Recurrence {
        // Tasks trims the rule it captured.
        value.end = value.start + line[value.clone()].trim_end().len();
    }
    Some(Token {
        field: Some(sign.field),
        range: sign.at..end,
        symbol: sign.at..symbol_end,
        value,
    })
}

/// Whether `v` is `DDDD-DD-DD`, ASCII digits: the date Tasks reads.
fn is_date_shape(v: &[u8]) -> bool {
    v.len() == 10
        && v.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Whether a recurrence rule takes byte `c`.
const fn is_rule_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b',' | b' ' | b'!')
}

const fn is_id_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// Whether a tag's name takes byte `c`. All the bytes it stops at are
/// ASCII: a tag's chars are read back by their bytes (a byte of a longer
/// char is never one of these).
const fn in_tag(c: u8) -> bool {
    !matches!(
        c,
        b' ' | b'!'
            | b'@'
            | b'#'
            | b'$'
            | b'%'
            | b'^'
            | b'&'
            | b'*'
            | b'('
            | b')'
            | b','
            | b'.'
            | b'?'
            | b'"'
            | b':'
            | b'{'
            | b'}'
            | b'|'
            | b'<'
            | b'>'
    )
}

/// [`in_tag`] by byte, looked up.
static IN_TAG: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = in_tag(c as u8);
        c += 1;
    }
    t
};

/// Whether a tag's name takes byte `c` ([`in_tag`], looked up).
#[inline]
pub(crate) fn is_tag_byte(c: u8) -> bool {
    IN_TAG[usize::from(c)]
}

/// The tag (`#name`, after white space or the body's start) that
/// `line[start..end]` ends with.
pub(crate) fn tag(line: &str, start: usize, end: usize) -> Option<Token> {
    let b = &line.as_bytes()[start..end];
    let name = b
        .iter()
        .rev()
        .take_while(|&&c| IN_TAG[usize::from(c)])
        .count();
    let hash = b.len().checked_sub(name + 1)?;
    if name == 0 || b[hash] != b'#' {
        return None;
    }
    // White space before the `#`, if anything: looked at by its last
    // byte, and decoded only when that may end a JavaScript space.
    let spaced = match b[..hash].last() {
        None => true,
        Some(&c) if c < 0x80 => matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '),
        Some(&c) if !ends_js_space(c) => false,
        Some(_) => line[start..start + hash]
            .chars()
            .next_back()
            .is_some_and(is_js_space),
    };
    let hash = start + hash;
    spaced.then_some(Token {
        field: None,
        range: hash..end,
        symbol: hash..hash,
        value: hash..hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tasks' extractors as its patterns read them, each back from the
    /// end of a text it is given: what the parser's reading forward from
    /// a signifier is checked against.
    mod oracle {
        use super::super::{in_tag, is_id_byte, is_js_space, Field, Token};

        const VS16: char = '\u{fe0f}';
        use std::ops::Range;

        /// The signifier of `field` (with an optional U+FE0F) ending at `at`, then
        /// any spaces, then the value at `value`: the token.
        fn field_before(s: &str, field: Field, value: Range<usize>) -> Option<Token> {
            let before = s[..value.start].trim_end_matches(' ');
            let (sym_end, before) = match before.strip_suffix(VS16) {
                Some(b) => (before.len(), b),
                None => (before.len(), before),
            };
            let symbol = before.chars().next_back()?;
            let (f, _) = Field::of_symbol(symbol)?;
            if f != field {
                return None;
            }
            let start = before.len() - symbol.len_utf8();
            Some(Token {
                field: Some(field),
                range: start..value.end,
                symbol: start..sym_end,
                value,
            })
        }

        fn priority(s: &str) -> Option<Token> {
            let body = s.strip_suffix(VS16).unwrap_or(s);
            let symbol = body.chars().next_back()?;
            if Field::of_symbol(symbol)?.0 != Field::Priority {
                return None;
            }
            let start = body.len() - symbol.len_utf8();
            Some(Token {
                field: Some(Field::Priority),
                range: start..s.len(),
                symbol: start..s.len(),
                value: s.len()..s.len(),
            })
        }

        fn date(s: &str, field: Field) -> Option<Token> {
            let b = s.as_bytes();
            let start = s.len().checked_sub(10)?;
            let d = &b[start..];
            let ok = d.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
            if !ok {
                return None;
            }
            field_before(s, field, start..s.len())
        }

        /// The longest run at the end of `s` of bytes `keep` accepts.
        fn tail_run(s: &str, keep: impl Fn(u8) -> bool) -> usize {
            s.bytes().rev().take_while(|&c| keep(c)).count()
        }

        fn recurrence(s: &str) -> Option<Token> {
            let n = tail_run(s, |c| {
                c.is_ascii_alphanumeric() || matches!(c, b',' | b' ' | b'!')
            });
            let run = s.len() - n..s.len();
            // The value starts after the spaces that follow the symbol.
            let lead = s[run.clone()].len() - s[run.clone()].trim_start_matches(' ').len();
            if lead == n {
                return None;
            }
            let value_start = run.start + lead;
            let mut token = field_before(s, Field::Recurrence, value_start..s.len())?;
            // Tasks trims the rule it captured.
            token.value.end = value_start + s[value_start..].trim_end().len();
            Some(token)
        }

        fn on_completion(s: &str) -> Option<Token> {
            let n = tail_run(s, |c| c.is_ascii_alphabetic());
            if n == 0 {
                return None;
            }
            field_before(s, Field::OnCompletion, s.len() - n..s.len())
        }

        fn id(s: &str) -> Option<Token> {
            let n = tail_run(s, is_id_byte);
            if n == 0 {
                return None;
            }
            field_before(s, Field::Id, s.len() - n..s.len())
        }

        fn depends_on(s: &str) -> Option<Token> {
            let n = tail_run(s, |c| is_id_byte(c) || c == b',' || c == b' ');
            let run = &s[s.len() - n..];
            let value = run.trim_start_matches(' ');
            if value.is_empty() {
                return None;
            }
            // The symbol first: it is read from one character, the pieces from all
            // of a description of plain words.
            let token = field_before(s, Field::DependsOn, s.len() - value.len()..s.len())?;
            // `id( *, *id *)*`: every comma-separated piece one id, no inner spaces.
            let well_formed = value.split(',').all(|piece| {
                let p = piece.trim_matches(' ');
                !p.is_empty() && p.bytes().all(is_id_byte)
            });
            well_formed.then_some(token)
        }

        fn tag(s: &str) -> Option<Token> {
            let name = &s[..s.len() - tail_run(s, in_tag)];
            let hash = name.len().checked_sub(1)?;
            if hash + 1 == s.len() || !name.ends_with('#') {
                return None;
            }
            let before = s[..hash].chars().next_back();
            if before.is_some_and(|c| !is_js_space(c)) {
                return None;
            }
            Some(Token {
                field: None,
                range: hash..s.len(),
                symbol: hash..hash,
                value: hash..hash,
            })
        }

        pub(super) fn shift(token: &mut Token, by: usize) {
            for r in [&mut token.range, &mut token.symbol, &mut token.value] {
                *r = r.start + by..r.end + by;
            }
        }

        type Step = fn(&str) -> Option<Token>;

        /// The extractors in the order Tasks tries them, with their fields.
        pub(super) const STEPS: [(Option<Field>, Step); 12] = [
            (Some(Field::Priority), priority),
            (Some(Field::Done), |s| date(s, Field::Done)),
            (Some(Field::Cancelled), |s| date(s, Field::Cancelled)),
            (Some(Field::Due), |s| date(s, Field::Due)),
            (Some(Field::Scheduled), |s| date(s, Field::Scheduled)),
            (Some(Field::Start), |s| date(s, Field::Start)),
            (Some(Field::Created), |s| date(s, Field::Created)),
            (Some(Field::Recurrence), recurrence),
            (Some(Field::OnCompletion), on_completion),
            (None, tag),
            (Some(Field::Id), id),
            (Some(Field::DependsOn), depends_on),
        ];
    }

    #[test]
    fn byte_trims_match_the_char_trims() {
        for s in [
            "",
            " ",
            "a",
            " a \t",
            "\u{a0}a\u{3000}",
            " \u{2000} >a> \u{feff}",
            "a \u{a0} ",
            "> > - [ ] x",
            "\u{e9} ",
            " \u{e9}",
        ] {
            let chars = s.trim_end_matches(is_js_space).len();
            assert_eq!(trim_end(s, s.len()), chars, "{s:?}");
            let left = s.len() - s.trim_start_matches(is_js_space).len();
            assert_eq!(trim_start(s, 0, false), left, "{s:?}");
            let quoted = s.trim_start_matches(|c| is_js_space(c) || c == '>');
            assert_eq!(trim_start(s, 0, true), s.len() - quoted.len(), "{s:?}");
        }
    }

    #[test]
    fn js_spaces_end_in_the_bytes_said() {
        let spaces = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_js_space(c));
        for c in spaces {
            let last = *c.to_string().as_bytes().last().unwrap();
            assert!(ends_js_space(last), "{c:?}");
        }
    }

    /// The block link found from the last `^` is the one read back over
    /// the line's last word.
    #[test]
    fn block_links_from_their_caret() {
        let back = |body: &str| {
            let id = body
                .bytes()
                .rev()
                .take_while(|&c| c.is_ascii_alphanumeric() || c == b'-')
                .count();
            let caret = body.len().checked_sub(id + 1)?;
            (id > 0 && body[..caret + 1].ends_with(" ^")).then(|| caret - 1)
        };
        let pieces = ["a", "-", " ", "^", "^b", " ^", "#", "é", "1"];
        for body in crate::testgen::texts_from(6, &pieces, 7, 50_000) {
            assert_eq!(block_link_start(&body), back(&body), "{body:?}");
        }
    }

    /// The checkbox read at once is the general reading's.
    #[test]
    fn usual_checkbox_as_the_general_reading() {
        let general = |line: &str| {
            let at = list_item(line)?.end;
            let b = line.as_bytes();
            let spaces = b[at..].iter().take_while(|&&c| c == b' ').count();
            let at = at + spaces;
            (spaces > 0 && b.get(at) == Some(&b'[')).then_some(())?;
            let status = line[at + 1..].chars().next()?;
            let at = at + 1 + status.len_utf8();
            (b.get(at) == Some(&b']')).then_some(())?;
            let after = b[at + 1..].iter().take_while(|&&c| c == b' ').count();
            Some((at + 1 + after, status))
        };
        let pieces = ["-", "*", "+", "1.", " ", "[", "]", "x", "✓", "\t", "a", ">"];
        for line in crate::testgen::texts_from(5, &pieces, 7, 100_000) {
            assert_eq!(checkbox(&line), general(&line), "{line:?}");
        }
    }

    fn fields(line: &str) -> Vec<(Field, &str)> {
        let t = parse(line).expect("a task");
        t.fields()
            .map(|k| (k.field.unwrap(), &line[k.value.clone()]))
            .collect()
    }

    /// A field's discriminant is its place in Tasks' write order, which
    /// the `tasks` fix writes fields by.
    #[test]
    fn write_order_is_the_declaration_order() {
        for (i, f) in Field::WRITE_ORDER.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
    }

    /// Tasks' loop as Tasks runs it: every extractor in every run.
    fn every_extractor(line: &str) -> Option<TaskLine> {
        let (prefix_end, status) = checkbox(line)?;
        if breaks_js_line(line) {
            return None;
        }
        let body_start = trim_start(line, prefix_end, false);
        let mut end = trim_end(line, line.len()).max(body_start);
        let mut block_link = None;
        if let Some(start) = block_link_start(&line[body_start..end]) {
            block_link = Some(body_start + start + 1..end);
            end = trim_end(line, body_start + start).max(body_start);
        }
        let mut tokens = Vec::new();
        for _ in 0..21 {
            let mut matched = false;
            for (_, step) in oracle::STEPS {
                if let Some(mut token) = step(&line[body_start..end]) {
                    oracle::shift(&mut token, body_start);
                    end = trim_end(line, token.range.start).max(body_start);
                    tokens.push(token);
                    matched = true;
                }
            }
            if !matched {
                break;
            }
        }
        tokens.reverse();
        Some(TaskLine {
            prefix: 0..prefix_end,
            status,
            description: body_start..end,
            tokens,
            block_link,
        })
    }

    /// The extractors [`parse`] passes over (no signifier, no `#` left,
    /// a last byte they cannot take) would have found nothing: it reads
    /// what trying every one reads, on generated lines and the corpus's.
    #[test]
    fn pruned_loop_reads_as_every_extractor() {
        assert!(STEPS[TAG].is_none() && oracle::STEPS[TAG].0.is_none());
        // Most with the space Tasks writes before a token, some without.
        let pieces = [
            "a",
            " ",
            " #t",
            "#",
            " #🔺",
            "-",
            "_",
            ",",
            "!",
            "1",
            " 2025-01-02",
            "2025-01-02",
            " 🔺",
            "⏫\u{fe0f}",
            " 📅",
            " 🔁",
            " every day",
            " 🏁",
            " keep",
            " 🆔",
            " ⛔",
            " x1",
            " ✅",
            " ⏳",
            "é",
            " ^b",
            "\u{a0}",
        ];
        // Lines of any text, then of a text ending in tokens.
        let tokens = [
            " #t",
            " 📅 2025-01-02",
            " ✅ 2025-01-02",
            "⏳2025-01-02",
            " 🔺",
            " ⏫\u{fe0f}",
            " 🔁 every day",
            " 🏁 keep",
            " 🆔 x1",
            " ⛔ x1, y",
            " #🔺",
            "  ",
            " ^b",
        ];
        let tails = crate::testgen::texts_from(1, &tokens, 5, 100_000);
        let generated = crate::testgen::texts_from(2, &pieces, 10, 100_000)
            .chain(
                crate::testgen::texts_from(3, &pieces, 10, 100_000)
                    .zip(tails)
                    .map(|(a, b)| a + &b),
            )
            .map(|l| format!("- [ ] {l}"));
        let mut read = 0;
        for line in generated.chain(
            crate::testgen::markdown_files("../shared/corpus")
                .into_iter()
                .flat_map(|path| {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    text.lines().map(String::from).collect::<Vec<_>>()
                }),
        ) {
            let want = every_extractor(&line);
            read += usize::from(want.as_ref().is_some_and(|t| !t.tokens.is_empty()));
            assert_eq!(parse(&line), want, "{line:?}");
        }
        assert!(read > 50_000, "{read}");
        // And each extractor matches only texts whose last byte `ENDS`
        // gives it.
        for s in crate::testgen::texts_from(4, &pieces, 6, 100_000) {
            for (k, (_, step)) in oracle::STEPS.iter().enumerate() {
                if step(&s).is_some() {
                    assert!(ends_of(&s, 0, s.len()) & 1 << k != 0, "{k} {s:?}");
                }
            }
        }
    }

    /// Bodies with many signifiers (more than the sixteen an earlier
    /// reading kept at once) read as trying every extractor.
    #[test]
    fn more_signifiers_than_room() {
        let pieces = [
            " 🔺",
            " ⏫\u{fe0f}",
            " 📅 2025-01-02",
            " ✅ 2025-01-02",
            " 🔁 every day",
            " 🏁 keep",
            " 🆔 x1",
            " ⛔ x1, y",
            " #t",
            " 📆",
            " a",
        ];
        let mut many = 0;
        for body in crate::testgen::texts_from(5, &pieces, 60, 20_000) {
            let line = format!("- [ ] x{body}");
            many += usize::from(body.matches(|c| Field::of_symbol(c).is_some()).count() > 16);
            assert_eq!(parse(&line), every_extractor(&line), "{line:?}");
        }
        assert!(many > 5_000, "{many}");
    }

    #[test]
    fn which_lines_are_tasks() {
        for yes in [
            "- [ ] a",
            "* [x] a",
            "+ [/] a",
            "12. [ ] a",
            "1) [ ] a",
            "  - [ ] a",
            "> - [ ] a",
            "> > \t- [-] a",
            "-   [ ]a",
            "- [ ]",
        ] {
            assert!(parse(yes).is_some(), "{yes}");
        }
        for no in [
            "-[ ] a",
            "1] [ ] a",
            "-\t[ ] a",
            "- [] a",
            "- [xx] a",
            "text - [ ] a",
            "a\u{2028}- [ ] b",
            "- a",
            "",
        ] {
            assert!(parse(no).is_none(), "{no}");
        }
        assert_eq!(parse("- [✓] a").unwrap().status, '✓');
        assert!(is_task("2) [x] done 📅 2025-01-01") && !is_task("- [ ] a\r"));
    }

    /// The byte test finds what a search by char finds.
    #[test]
    fn javascript_line_breaks_by_their_bytes() {
        let pieces = [
            "a", "\r", "\u{2028}", "\u{2029}", "–", "…", "\u{2027}", "📅", "\u{202f}",
        ];
        for a in pieces {
            for b in pieces {
                let line = format!("- [ ] {a}x{b}");
                let by_char = line.contains(['\r', '\u{2028}', '\u{2029}']);
                assert_eq!(breaks_js_line(&line), by_char, "{line:?}");
            }
        }
    }

    #[test]
    fn empty_items() {
        assert_eq!(empty_item("- [ ] "), Some(5));
        assert_eq!(empty_item("\t> 1) [x]\t"), Some(9));
        assert_eq!(empty_item("- "), Some(1));
        assert_eq!(empty_item("-"), Some(1));
        assert_eq!(empty_item("12. "), Some(3));
        for no in ["- [ ] a ", "- a ", "---", "text ", "", "-- "] {
            assert_eq!(empty_item(no), None, "{no}");
        }
    }

    #[test]
    fn fields_are_read_from_the_end() {
        let line = "- [ ] Call 📅 next week @HR 📅 2025-10-26 🔺 #task #proposed";
        let t = parse(line).unwrap();
        assert_eq!(&line[t.description.clone()], "Call 📅 next week @HR");
        assert_eq!(
            fields(line),
            vec![(Field::Due, "2025-10-26"), (Field::Priority, "")]
        );
        assert_eq!(t.tokens.len(), 4);
        // A date Tasks cannot read stops the reading.
        let line = "- [ ] a ⏳ 2025-01-01 📅 16/09/2025 🔺";
        assert_eq!(fields(line), vec![(Field::Priority, "")]);
    }

    #[test]
    fn every_field_and_the_spellings_tasks_reads() {
        let line = "- [ ] x 🆔 abc-1 ⛔ d_2, e3 ⏫️ 🔁 every week on Monday 🏁 delete ➕ 2025-01-01 🛫2025-01-02 ⌛ 2025-01-03 🗓️ 2025-01-04 ❌ 2025-01-05 ✅ 2025-01-06 ^blk-1";
        assert_eq!(
            fields(line),
            vec![
                (Field::Id, "abc-1"),
                (Field::DependsOn, "d_2, e3"),
                (Field::Priority, ""),
                (Field::Recurrence, "every week on Monday"),
                (Field::OnCompletion, "delete"),
                (Field::Created, "2025-01-01"),
                (Field::Start, "2025-01-02"),
                (Field::Scheduled, "2025-01-03"),
                (Field::Due, "2025-01-04"),
                (Field::Cancelled, "2025-01-05"),
                (Field::Done, "2025-01-06"),
            ]
        );
        let t = parse(line).unwrap();
        assert_eq!(&line[t.description.clone()], "x");
        assert_eq!(&line[t.block_link.unwrap()], "^blk-1");
        let prio = t.tokens.iter().find(|k| k.field == Some(Field::Priority));
        assert_eq!(&line[prio.unwrap().symbol.clone()], "⏫\u{fe0f}");
    }

    #[test]
    fn tags_need_a_space_before_and_end_at_punctuation() {
        let line = "- [ ] see http://x.org/#frag 📅 2025-01-01";
        let t = parse(line).unwrap();
        assert_eq!(t.tokens.len(), 1);
        let line = "- [ ] a #b, 📅 2025-01-01";
        assert_eq!(parse(line).unwrap().tokens.len(), 1);
        let line = "- [ ] a #b/c-d 📅 2025-01-01 #e";
        assert_eq!(parse(line).unwrap().tokens.len(), 3);
    }

    #[test]
    fn malformed_values_are_not_fields() {
        assert!(fields("- [ ] a ⛔ b,,c").is_empty());
        assert!(fields("- [ ] a 🆔 b c").is_empty());
        assert!(fields("- [ ] a 📅 2025-1-01").is_empty());
        assert!(fields("- [ ] a 🔁 every día").is_empty());
        assert!(fields("- [ ] a ^b").is_empty());
    }
}
