//! The `tasks` fix.
//!
//! **What it does.** On checkbox lines that Obsidian Tasks reads as tasks
//! and that carry Tasks fields (see [`crate::note::task`]), writes the
//! fields the way Tasks itself writes them: the spellings it writes (📆 and
//! 🗓 become 📅, ⌛ becomes ⏳, a signifier followed by U+FE0F loses it), one
//! space between fields and one between a signifier and its value, and the
//! fields in Tasks' write order — 🆔 id, ⛔ depends-on, priority
//! (🔺 ⏫ 🔼 🔽 ⏬), 🔁 recurrence, 🏁 on-completion, ➕ created, 🛫 start,
//! ⏳ scheduled, 📅 due, ❌ cancelled, ✅ done — placed where the first of
//! them stood. The description (with its owner mention), the tags and the
//! block link stay where they are, in their own order. With the setting
//! `tagsBeforeFields`, tags after a field move in front of the fields, in
//! their own order, one space apart, as Tasks writes a line it rewrites
//! (`… #tag ⏫ 📅 2021-09-12`).
//!
//! **Why.** Notes written by hand, by scripts or by AI exporters put the
//! fields in any order and with look-alike emoji. Tasks reads most of them,
//! but rewrites the line in its own order the moment a task is toggled,
//! which turns one tick into a noisy diff; other tools (queries, Dataview,
//! scripts) often read only the canonical spelling.
//!
//! **Example.**
//! ```text
//! - [ ] Call @HR 📅 2025-10-26 🔺 #task    →    - [ ] Call @HR 🔺 📅 2025-10-26 #task
//!                                   (tagsBeforeFields: - [ ] Call @HR #task 🔺 📅 2025-10-26)
//! - [ ] Pay rent 📆2025-11-01 ⏫️ ^rent     →    - [ ] Pay rent ⏫ 📅 2025-11-01 ^rent
//! ```
//!
//! **Safety.** Only what Tasks reads as a field moves: fields are read from
//! the end of the line exactly as Tasks reads them, so a signifier inside
//! the description, or before a date Tasks cannot read, is description text
//! and stays. Status characters are never changed. Lines Tasks would not
//! read as a task, code, comments and other protected regions are never
//! touched. Dates are the `dates` fix's job: a field whose date is
//! impossible (`📅 2025-02-30`), or a field written twice (Tasks would keep
//! one and drop the other on its next write), leaves the whole line as it
//! is, with a diagnostic. Every rewrite is read back with the same parser
//! and must give the same description, fields, tags and block link.

use super::{Context, Sink};
use crate::note::task::signs::Reading;
use crate::note::task::{self, Field, TaskLine, Token};
use crate::note::{Kinds, Note};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

mod settled;

/// Lines with a `[` and a signifier-sized char.
pub const NEEDS: Kinds = Kinds::TASK_FIELDS;

/// Proposes the `tasks` edits for `note`.
pub fn run(note: &Note, cx: &Context, sink: &mut Sink) {
    // The tokens of the line read last, whose room the next line's reading
    // takes over: one allocation for the note, not one a task line.
    let mut spare = Vec::new();
    // The same for the reading of each rewritten line, its check, and for
    // the signifiers of a line the note's reading left out.
    let mut check = Vec::new();
    let mut signs = Vec::new();
    // The task lines' signifiers `dates` read, if it did.
    let read = note.task_signs();
    // Where the reading of the line asked last stands: the lines are asked
    // in order, so each is found from there.
    let mut from = 0;
    for i in note.scan.lines_with(NEEDS) {
        let line = &note.lines[i];
        if !line.is_text() {
            continue;
        }
        let text = line.text(note.text);
        // Every signifier is a symbol at U+2300 or above, whose UTF-8 starts
        // with 0xE2 or higher: a line without such a byte has no fields.
        // The scan's `TASK_FIELDS` says just that, so only a reading that
        // claims every kind on every line looks again.
        if cx.read_everything && (!text.contains('[') || !text.bytes().any(|b| b >= 0xE2)) {
            continue;
        }
        let memo = &sink.tasks_memo;
        if !memo.quiet.is_empty() && memo.quiet.contains(text) {
            continue;
        }
        let reading = read.map(|r| r.line_after(i, &mut from));
        // Most lines are as Tasks writes them: told so by one look forward.
        if let Some(Reading::Signs(s)) = reading {
            if !cx.config.tags_before_fields && settled::quiet(text, s) {
                sink.tasks_memo.pend(line.range.clone());
                continue;
            }
        }
        let tokens = std::mem::take(&mut spare);
        let parsed = match reading {
            Some(Reading::Signs(s)) => task::parse_read(text, s, tokens),
            Some(Reading::Breaks) => None,
            _ => task::parse_into(text, tokens, &mut signs),
        };
        let quiet = match &parsed {
            Some(parsed) if parsed.fields().next().is_some() => {
                let at = line.range.start;
                let tags_first = cx.config.tags_before_fields;
                match rewrite_line(text, parsed, tags_first, &mut check, &mut signs) {
                    Ok(Some((new, written))) => {
                        // Checked final by `rewrite`: the next pass need
                        // not read it.
                        sink.tasks_memo.remember(written.into_boxed_str());
                        propose(note, sink, at, text, new);
                        false
                    }
                    Ok(None) => true,
                    Err(why) => {
                        sink.diagnose(at, why);
                        false
                    }
                }
            }
            _ => true,
        };
        if let Some(parsed) = parsed {
            spare = parsed.tokens;
        }
        if quiet {
            sink.tasks_memo.pend(line.range.clone());
        }
    }
}

/// Task lines of one note known to need nothing, kept by the pipeline
/// from pass to pass: what this fix makes of a line depends on the line's
/// text alone, so a line it read (or wrote: a rewrite is checked final)
/// is not parsed again when a later pass meets the same text.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Texts of lines that give no edit and no diagnostic.
    quiet: HashSet<Box<str>, BuildHasherDefault<LineHasher>>,
    /// Lines of the text last read that gave nothing: copied into `quiet`
    /// only when that text is about to change, so a note that needs
    /// nothing copies none.
    pending: Vec<Range<usize>>,
}

/// At most this many lines are remembered: the hash below is not keyed,
/// so a note written to collide in it costs at most this many comparisons
/// a line.
const MEMO_LINES: usize = 4096;

impl Memo {
    /// Keeps the pending lines of `text`, the text this fix last read,
    /// before an edit replaces it.
    pub(crate) fn keep(&mut self, text: &str) {
        for r in std::mem::take(&mut self.pending) {
            if let Some(line) = text.get(r) {
                self.remember(line.into());
            }
        }
    }

    /// Notes that the line at `range` of the text being read gave nothing.
    fn pend(&mut self, range: Range<usize>) {
        // Room for a note's usual task lines at once: grown from empty,
        // the list was reallocated six or seven times a note.
        if self.pending.capacity() == 0 {
            self.pending.reserve(64);
        }
        self.pending.push(range);
    }

    fn remember(&mut self, line: Box<str>) {
        if self.quiet.len() < MEMO_LINES {
            self.quiet.insert(line);
        }
    }
}

/// A fast hash of line texts (SipHash, the default, cost as much as the
/// parses the memo saves): eight bytes a step, each folded in by a full
/// 64×64-bit multiply.
#[derive(Default)]
struct LineHasher(u64);

impl LineHasher {
    fn mix(&mut self, word: u64) {
        let m = u128::from(self.0 ^ word) * u128::from(0x9E37_79B9_7F4A_7C15u64);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

impl Hasher for LineHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.mix(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        let rest = words.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(last) ^ (bytes.len() as u64) << 56);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The line rewritten with its fields in Tasks' form: `Ok(None)` when it
/// already is, `Err` when it is left alone on purpose.
pub fn rewrite(line: &str, t: &TaskLine) -> Result<Option<Rewrite>, String> {
    rewrite_line(line, t, false, &mut Vec::new(), &mut Vec::new()).map(|r| r.map(|(r, _)| r))
}

/// [`rewrite`], with the whole line as rewritten: the check of a rewrite
/// writes it, and the memo of lines known final keeps it, so it is
/// written once. `spare` and `signs` lend their room to the reading of
/// the rewritten line, as [`task::parse_into`] takes them, and get it back.
fn rewrite_line(
    line: &str,
    t: &TaskLine,
    tags_first: bool,
    spare: &mut Vec<Token>,
    signs: &mut Vec<usize>,
) -> Result<Option<(Rewrite, String)>, String> {
    check_fields(line, t)?;
    if in_form(line, t, tags_first) {
        return Ok(None);
    }
    let range = rewritten(t, tags_first);
    let mut new = String::with_capacity(range.len() + 8);
    write_fields(&mut new, line, t, tags_first);
    let rewrite = Rewrite {
        range,
        replacement: new,
        message: why(line, t, tags_first),
    };
    match reads_the_same(line, t, &rewrite, tags_first, spare, signs) {
        Some(written) => Ok(Some((rewrite, written))),
        None => Err("task line left as it is: rewriting it would change how Tasks reads it".into()),
    }
}

/// `Err` with the reason when task line `t` is left alone on purpose: a
/// field written twice, or an impossible date.
fn check_fields(line: &str, t: &TaskLine) -> Result<(), String> {
    let mut seen = 0u16;
    for a in t.fields() {
        let Some(field) = a.field else { continue };
        if seen & field.bit() != 0 {
            return Err(format!(
                "task line has two {} fields; Tasks keeps only one, so the line is left for you to settle",
                field.name()
            ));
        }
        seen |= field.bit();
        if field.is_date() && !valid_date(&line[a.value.clone()]) {
            return Err(format!(
                "task line has an impossible date `{}`; its fields are left as they are",
                &line[a.value.clone()]
            ));
        }
    }
    Ok(())
}

/// The part of task line `t` a rewrite writes: from the first field (the
/// tags in front of it stay) to the block link or the line's end; with
/// `tags_first`, from the end of the description, since Tasks puts the
/// tags it took off the end back into the description, then writes the
/// fields after it, so tags come first, in their order, one space apart.
fn rewritten(t: &TaskLine, tags_first: bool) -> Range<usize> {
    let start = match first_field(t) {
        Some(i) if !tags_first && i > 0 => t.tokens[i - 1].range.end,
        _ => t.description.end,
    };
    let last_end = t.tokens.last().map_or(start, |k| k.range.end);
    start..t.block_link.as_ref().map_or(last_end, |b| b.start)
}

/// The place of `t`'s first field among its tokens.
fn first_field(t: &TaskLine) -> Option<usize> {
    t.tokens.iter().position(|k| k.field.is_some())
}

/// Whether task line `t` (fields checked) is already in Tasks' form, as
/// most lines are: the part a rewrite writes ([`rewritten`]) holds, piece
/// by piece, what [`write_fields`] would write there, without writing it.
/// A tag or a value is a piece of the line itself: where it already stands
/// at the place looked at, it is that piece without a look at its bytes.
fn in_form(line: &str, t: &TaskLine, tags_first: bool) -> bool {
    let (first, led) = lead(t, tags_first);
    let region = rewritten(t, tags_first);
    let mut at = Cursor {
        line: line.as_bytes(),
        at: region.start,
        end: region.end,
    };
    if region.start > region.end {
        return false;
    }
    let written = &t.tokens[first..];
    // A line in form has the tokens written here in the order they are
    // written (tags, then fields in Tasks' order, each kind once; or the
    // fields, then the tags after them): then they are walked in line
    // order, without sorting them.
    let mut last = None;
    let mut tags_seen = false;
    let ordered = written.iter().all(|k| match k.field {
        None => {
            tags_seen = true;
            !tags_first || last.is_none()
        }
        Some(f) => (!tags_seen || tags_first) && last.replace(f).is_none_or(|l| l < f),
    });
    if ordered {
        return walks_as_written(&mut at, line, t, led, written.iter());
    }
    walks_as_written(
        &mut at,
        line,
        t,
        led,
        in_written_order(t, first, tags_first),
    )
}

/// Whether the tokens `written`, in the order [`write_fields`] writes
/// them, stand at the cursor's place one after the other and fill the
/// part it compares (see [`in_form`]); `led` when a space goes before the
/// first.
fn walks_as_written<'a>(
    at: &mut Cursor,
    line: &str,
    t: &TaskLine,
    led: bool,
    written: impl Iterator<Item = &'a Token>,
) -> bool {
    for (i, k) in written.enumerate() {
        if (i > 0 || led) && !at.bytes(b" ") {
            return false;
        }
        let same = match k.field {
            Some(f) => {
                // A priority's symbol is its level's, as written but for a
                // U+FE0F after it: compared as the line's own bytes,
                // without decoding it.
                let symbol = if f == Field::Priority {
                    at.own(priority_symbol(line, k))
                } else {
                    canonical_text(line, k).is_none_or(|symbol| at.bytes(symbol.as_bytes()))
                };
                symbol && (k.value.is_empty() || (at.bytes(b" ") && at.own(k.value.clone())))
            }
            None => at.own(k.range.clone()),
        };
        if !same {
            return false;
        }
    }
    (t.block_link.is_none() || at.bytes(b" ")) && at.at == at.end
}

/// Where the symbol of priority token `k` stands in `line` without the
/// U+FE0F that may follow it: the symbol Tasks writes for it.
fn priority_symbol(line: &str, k: &Token) -> Range<usize> {
    let r = k.symbol.clone();
    match line[r.clone()].strip_suffix('\u{fe0f}') {
        Some(symbol) => r.start..r.start + symbol.len(),
        None => r,
    }
}

/// A place in a line, and where the part being compared ends.
struct Cursor<'a> {
    line: &'a [u8],
    at: usize,
    end: usize,
}

impl Cursor<'_> {
    /// Whether `piece` stands at the place (before the end), which then
    /// moves past it.
    fn bytes(&mut self, piece: &[u8]) -> bool {
        let next = self.at + piece.len();
        let same = next <= self.end && self.line.get(self.at..next) == Some(piece);
        if same {
            self.at = next;
        }
        same
    }

    /// [`Cursor::bytes`] of the line's own bytes at `range`: equal without
    /// a look when they are the very bytes at the place.
    fn own(&mut self, range: Range<usize>) -> bool {
        if range.start == self.at && range.end <= self.end {
            self.at = range.end;
            return true;
        }
        self.bytes(&self.line[range])
    }
}

/// Where the tokens [`write_fields`] writes start among `t`'s (all of them
/// with `tags_first`, else from the first field: the tags before it stay),
/// and whether something stands before them (the description, or tags
/// kept), so a space goes before the first.
fn lead(t: &TaskLine, tags_first: bool) -> (usize, bool) {
    let first = if tags_first {
        0
    } else {
        first_field(t).unwrap_or(0)
    };
    (first, !t.description.is_empty() || first > 0)
}

/// The tokens [`write_fields`] writes, in its order: the tags from
/// `first` on, before the fields with `tags_first` and after them
/// otherwise; the fields (unique by kind, checked by the caller) in Tasks'
/// order, which is the kinds' order, a kind's discriminant being its place
/// in it: one slot per kind, filled in one pass over the tokens (the first
/// of a kind, were there two).
fn in_written_order(t: &TaskLine, first: usize, tags_first: bool) -> impl Iterator<Item = &Token> {
    let tags = t.tokens[first..].iter().filter(|k| k.field.is_none());
    let mut slots: [Option<&Token>; Field::WRITE_ORDER.len()] = [None; Field::WRITE_ORDER.len()];
    for k in &t.tokens {
        if let Some(f) = k.field {
            slots[f as usize].get_or_insert(k);
        }
    }
    let sorted = slots.into_iter().flatten();
    let (before, after) = if tags_first {
        (Some(tags), None)
    } else {
        (None, Some(tags))
    };
    before
        .into_iter()
        .flatten()
        .chain(sorted)
        .chain(after.into_iter().flatten())
}

/// The message of a rewrite of task line `t` (fields unique by kind):
/// what it respells, reorders and moves, written into one string.
fn why(line: &str, t: &TaskLine, tags_first: bool) -> String {
    // Room for the commonest messages, which grew the string three times.
    let mut out = String::with_capacity(96);
    out.push_str("Tasks line: ");
    let start = out.len();
    let next = |out: &mut String| {
        if out.len() > start {
            out.push_str("; ");
        }
    };
    let mut respelled = 0;
    for k in t.fields() {
        let written = &line[k.symbol.clone()];
        let mut buf = [0; 4];
        let canon: &str = match canonical_symbol(line, k) {
            Some(c) => c.encode_utf8(&mut buf),
            None => "",
        };
        if written == canon {
            continue;
        }
        if respelled == 0 {
            next(&mut out);
            out.push_str("wrote ");
        } else {
            out.push_str(", ");
        }
        respelled += 1;
        out.push_str(canon);
        if written.trim_end_matches('\u{fe0f}') == canon {
            out.push_str(" without U+FE0F");
        } else {
            out.push_str(" for ");
            out.push_str(written);
        }
    }
    let mut last = None;
    let unsorted = t
        .fields()
        .any(|k| std::mem::replace(&mut last, k.field) > k.field);
    // Where the tags stay, a field after a tag that follows the first
    // field is moved too: the fields are written together.
    let interleaved = !tags_first
        && t.tokens[first_field(t).unwrap_or(0)..]
            .iter()
            .skip_while(|k| k.field.is_some())
            .any(|k| k.field.is_some());
    if unsorted || interleaved {
        next(&mut out);
        out.push_str("put the fields in the order Tasks writes them (");
        // Each kind once (the caller checked), so Tasks' order is the
        // kinds' order.
        let mut sorted: Vec<&Token> = t.fields().collect();
        sorted.sort_by_key(|k| k.field);
        for (i, k) in sorted.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if let Some(c) = canonical_symbol(line, k) {
                out.push(c);
            }
        }
        out.push(')');
    }
    let tag_after_field = tags_first
        && t.tokens
            .iter()
            .skip_while(|k| k.field.is_none())
            .any(|k| k.field.is_none());
    if tag_after_field {
        next(&mut out);
        out.push_str("put the tags before the fields, as Tasks writes them");
    }
    if out.len() == start {
        out.push_str("one space between the Tasks fields");
    }
    out
}

/// Writes what follows the description of task line `t` (fields unique by
/// kind, checked by the caller) as Tasks writes it: its tags in their
/// order, then its fields in Tasks' order with their canonical symbols,
/// one space apart, and a space before a block link; without
/// `tags_first`, the tags after the first field follow the fields instead
/// (see [`in_written_order`]). [`in_form`] compares a line with this
/// writing without writing it.
fn write_fields(out: &mut String, line: &str, t: &TaskLine, tags_first: bool) {
    let (first, led) = lead(t, tags_first);
    for (i, k) in in_written_order(t, first, tags_first).enumerate() {
        if i > 0 || led {
            out.push(' ');
        }
        match k.field {
            Some(_) => render(out, line, k),
            None => out.push_str(&line[k.range.clone()]),
        }
    }
    if t.block_link.is_some() {
        out.push(' ');
    }
}

/// A rewrite of part of one task line, relative to the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The part of the line replaced.
    pub range: std::ops::Range<usize>,
    /// What replaces it.
    pub replacement: String,
    /// Why.
    pub message: String,
}

fn propose(note: &Note, sink: &mut Sink, at: usize, line: &str, r: Rewrite) {
    // Keep the edit as small as the change: drop the common ends.
    let old = &line[r.range.clone()];
    let new = r.replacement.as_str();
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    let range = at + r.range.start + prefix..at + r.range.end - suffix;
    if !note.is_free(range.clone()) {
        sink.diagnose(
            at,
            "task line left as it is: its fields touch code, a link or a comment",
        );
        return;
    }
    // The rewrite's own string, cut to the change, becomes the edit's:
    // one allocation and copy fewer for every rewritten line.
    let mut replacement = r.replacement;
    replacement.truncate(replacement.len() - suffix);
    replacement.replace_range(..prefix, "");
    sink.replace(range, replacement, r.message);
}

/// The length of the longest common prefix of whole chars: compared by
/// bytes, then cut back to the start of the char they differ in (equal
/// bytes are equal chars, so the cut is a boundary of both).
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = std::iter::zip(a.bytes(), b.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// [`common_prefix`] from the ends.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = std::iter::zip(a.bytes().rev(), b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) {
        n -= 1;
    }
    n
}

/// The symbol Tasks writes for token `k`. A field's token was read from
/// a symbol of that field, so for every field but the priority (whose
/// symbol is its level) the field alone says it, without decoding the
/// symbol as written again.
fn canonical_symbol(line: &str, k: &Token) -> Option<char> {
    match k.field {
        Some(f) if f != Field::Priority => Some(f.symbol()),
        _ => {
            let written = line[k.symbol.clone()].chars().next();
            written.and_then(task::Field::of_symbol).map(|(_, c)| c)
        }
    }
}

/// Each field's symbol as Tasks writes it, as text, by the field's place
/// in [`Field::WRITE_ORDER`] (the priority's is its level's).
const SYMBOL_TEXTS: [&str; Field::WRITE_ORDER.len()] = [
    "🆔", "⛔", "🔺", "🔁", "🏁", "➕", "🛫", "⏳", "📅", "❌", "✅",
];

/// [`canonical_symbol`] as text: written and compared as it is, where
/// encoding the char for every field of every task line cost more than
/// the comparison.
fn canonical_text(line: &str, k: &Token) -> Option<&'static str> {
    match k.field {
        Some(f) if f != Field::Priority => Some(SYMBOL_TEXTS[f as usize]),
        _ => Some(match canonical_symbol(line, k)? {
            '🔺' => "🔺",
            '⏫' => "⏫",
            '🔼' => "🔼",
            '🔽' => "🔽",
            '⏬' => "⏬",
            // No other symbol is a priority's (`Field::of_symbol`).
            _ => return None,
        }),
    }
}

/// Writes field `k` as Tasks writes it onto `out`.
fn render(out: &mut String, line: &str, k: &Token) {
    if let Some(symbol) = canonical_text(line, k) {
        out.push_str(symbol);
    }
    if !k.value.is_empty() {
        out.push(' ');
        out.push_str(&line[k.value.clone()]);
    }
}

/// What Tasks makes of a line, borrowed from it: the description with the
/// trailing tags put back (one space before each), in pieces.
fn description<'a>(line: &'a str, t: &'a TaskLine) -> impl Iterator<Item = &'a [u8]> + 'a {
    let tags = t.tokens.iter().filter(|k| k.field.is_none());
    std::iter::once(line[t.description.clone()].as_bytes())
        .chain(tags.flat_map(move |k| [&b" "[..], line[k.range.clone()].as_bytes()]))
}

/// Whether two texts given in pieces are the same text: compared a run of
/// bytes at a time, where a byte at a time cost more than the parse.
fn same_text<'a, 'b>(
    mut a: impl Iterator<Item = &'a [u8]>,
    mut b: impl Iterator<Item = &'b [u8]>,
) -> bool {
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        while x.is_empty() {
            match a.next() {
                Some(piece) => x = piece,
                None => break,
            }
        }
        while y.is_empty() {
            match b.next() {
                Some(piece) => y = piece,
                None => break,
            }
        }
        if x.is_empty() || y.is_empty() {
            return x.is_empty() && y.is_empty();
        }
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        (x, y) = (&x[n..], &y[n..]);
    }
}

/// A line's fields by kind: canonical symbol and value.
type FieldSlots<'a> = [Option<(Option<char>, &'a str)>; Field::WRITE_ORDER.len()];

/// Each field of a line as Tasks reads it, by kind: its canonical symbol
/// and its value. Two lines' slots are equal when their fields are as
/// sets, each kind being on a line at most once: the line read first is
/// checked so, and a rewritten line with two fails its final check.
/// Compared without sorting or allocating, for every changed task line.
fn field_values<'a>(line: &'a str, t: &TaskLine) -> FieldSlots<'a> {
    let mut slots = [None; Field::WRITE_ORDER.len()];
    for k in t.fields() {
        if let Some(f) = k.field {
            slots[f as usize] = Some((canonical_symbol(line, k), &line[k.value.clone()]));
        }
    }
    slots
}

/// The block link of a line, as written.
fn block_link<'a>(line: &'a str, t: &TaskLine) -> Option<&'a str> {
    t.block_link.clone().map(|r| &line[r])
}

/// The rewritten line, when it reads as the line did (description, tags,
/// fields, block link and prefix) and is final. Compared on borrowed
/// pieces: every changed task line is checked so.
fn reads_the_same(
    line: &str,
    t: &TaskLine,
    r: &Rewrite,
    tags_first: bool,
    spare: &mut Vec<Token>,
    signs: &mut Vec<usize>,
) -> Option<String> {
    // Written once, at its length: copying the line and replacing a part
    // grew it again.
    let mut new = String::with_capacity(line.len() - r.range.len() + r.replacement.len());
    new.push_str(&line[..r.range.start]);
    new.push_str(&r.replacement);
    new.push_str(&line[r.range.end..]);
    let again = task::parse_into(&new, std::mem::take(spare), signs)?;
    let same = same_text(description(line, t), description(&new, &again))
        && field_values(line, t) == field_values(&new, &again)
        && block_link(line, t) == block_link(&new, &again)
        && line[t.prefix.clone()] == new[again.prefix.clone()]
        // Written once, the line must be final. Its fields are `t`'s, by
        // kind and value, and as many: each kind once, every date valid,
        // as `check_fields` found them on `t`; so only its form is left to
        // check.
        && again.fields().count() == t.fields().count()
        && in_form(&new, &again, tags_first);
    *spare = again.tokens;
    same.then_some(new)
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let (y, m, d) = match ascii_ymd(s.as_bytes()) {
        Some(ymd) => ymd,
        None => {
            let mut parts = s.split('-').filter_map(|p| p.parse::<u32>().ok());
            let (Some(y), Some(m), Some(d), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return false;
            };
            (y, m, d)
        }
    };
    real_date(y, m, d)
}

/// Whether year `y`, month `m`, day `d` is a day of the calendar.
fn real_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The numbers of a whole `DDDD-DD-DD` (ASCII digits), read without
/// splitting and parsing: the shape of every date field Tasks reads, so of
/// nearly every date [`valid_date`] is asked about.
fn ascii_ymd(b: &[u8]) -> Option<(u32, u32, u32)> {
    (b.len() == 10)
        .then(|| super::dates::grammar::iso_numbers(b))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{normalize, Config, Fix};

    fn tasks_only(text: &str) -> String {
        let mut config = Config::default();
        config.only(&[Fix::Tasks]);
        normalize(text, &config).text
    }

    fn tasks_tags_first(text: &str) -> String {
        let mut config = Config::default();
        config.only(&[Fix::Tasks]);
        config.tags_before_fields = true;
        normalize(text, &config).text
    }

    #[test]
    fn sample_line() {
        // As the sample note's expected text has it: the tags stay.
        assert_eq!(
            tasks_only("- [ ] Initiate @HR 📅 2025-10-26 🔺 #task #proposed\n"),
            "- [ ] Initiate @HR 🔺 📅 2025-10-26 #task #proposed\n"
        );
        assert_eq!(
            tasks_tags_first("- [ ] Initiate @HR 📅 2025-10-26 🔺 #task #proposed\n"),
            "- [ ] Initiate @HR #task #proposed 🔺 📅 2025-10-26\n"
        );
    }

    #[test]
    fn tags_stay_where_they_are_written() {
        // The fields are written together where the first stood; a tag
        // in front of them or after them stays there.
        assert_eq!(
            tasks_only("- [ ] a #x 📅 2025-10-01 #b 🔺 #c ^id\n- [ ] 📅 2025-10-01 #b\n"),
            "- [ ] a #x 🔺 📅 2025-10-01 #b #c ^id\n- [ ] 📅 2025-10-01 #b\n"
        );
        for line in [
            "- [ ] a 🔺 📅 2025-10-26 #task\n",
            "- [ ] a #task 🔺 📅 2025-10-26\n",
        ] {
            assert_eq!(tasks_only(line), line);
        }
    }

    #[test]
    fn respelling_spacing_and_block_link() {
        assert_eq!(
            tasks_only("- [ ] Pay rent 📆2025-11-01  ⏫\u{fe0f}   ^rent\n"),
            "- [ ] Pay rent ⏫ 📅 2025-11-01 ^rent\n"
        );
        assert_eq!(
            tasks_only("- [x] a ✅ 2025-01-02 ⌛ 2025-01-01\n"),
            "- [x] a ⏳ 2025-01-01 ✅ 2025-01-02\n"
        );
    }

    #[test]
    fn tags_go_before_the_fields_as_tasks_writes_them() {
        assert_eq!(
            tasks_tags_first("- [ ] a 📅 2025-10-01 #b 🔺 #c ^id\n- [ ] 📅 2025-10-01 #b\n"),
            "- [ ] a #b #c 🔺 📅 2025-10-01 ^id\n- [ ] #b 📅 2025-10-01\n"
        );
        // A date Tasks cannot read is description; the tag after the
        // priority is not.
        assert_eq!(
            tasks_tags_first("- [ ] a 📅 16/09/2025 🔺 #x\n"),
            "- [ ] a 📅 16/09/2025 #x 🔺\n"
        );
        assert_eq!(
            tasks_tags_first("- [ ] a 🔺 📅 2025-10-26 #task\n"),
            "- [ ] a #task 🔺 📅 2025-10-26\n"
        );
    }

    #[test]
    fn left_alone() {
        for line in [
            "- [ ] a #task 🔺 📅 2025-10-26\n",
            "- [ ]  📅 2021-06-20\n",
            "- [ ] a 📅 2025-02-30 🔺\n",
            "- [ ] a 📅 2025-01-01 📅 2025-01-02\n",
            "- not a task 📅 2025-10-26 🔺\n",
            "- [ ] `code 📅 2025-10-26 🔺`\n",
        ] {
            assert_eq!(tasks_only(line), line);
        }
    }

    #[test]
    fn every_signifier_starts_with_a_byte_the_line_filter_looks_for() {
        let signifiers = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| task::Field::of_symbol(c).is_some());
        for c in signifiers {
            assert!(c.to_string().as_bytes()[0] >= 0xE2, "{c}");
        }
    }

    #[test]
    fn common_ends_are_whole_chars() {
        let chars = |a: &str, b: &str| {
            let p = a.chars().zip(b.chars()).take_while(|(x, y)| x == y);
            let s = a
                .chars()
                .rev()
                .zip(b.chars().rev())
                .take_while(|(x, y)| x == y);
            (
                p.map(|(c, _)| c.len_utf8()).sum::<usize>(),
                s.map(|(c, _)| c.len_utf8()).sum::<usize>(),
            )
        };
        let pieces = ["a", "é", "è", "📅", "📆", "⏳", "⌛", " ", "-"];
        let texts: Vec<String> = crate::testgen::texts(&pieces, 5, 300).collect();
        for a in &texts {
            for b in &texts {
                let want = chars(a, b);
                assert_eq!(
                    (common_prefix(a, b), common_suffix(a, b)),
                    want,
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// The task lines of the corpus, when it lies beside the clone.
    fn corpus_task_lines() -> Vec<String> {
        let mut out = Vec::new();
        for path in crate::testgen::markdown_files("../shared/corpus") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.extend(text.lines().filter(|l| task::is_task(l)).map(String::from));
        }
        out
    }

    #[test]
    fn in_form_is_what_writing_the_fields_finds() {
        let pieces = [
            "a",
            " ",
            "  ",
            "#t",
            "#u",
            "🔺",
            "⏫",
            "⏫\u{fe0f}",
            "📅",
            "📆",
            "2025-01-02",
            "2025-02-30",
            "🔁",
            "every day",
            "🆔",
            "x1",
            "⛔",
            "^b1",
            "\t",
            "✅",
            "⏳",
            "⌛",
            "\u{a0}",
        ];
        let generated = crate::testgen::texts(&pieces, 12, 60_000).map(|l| format!("- [ ] {l}"));
        let corpus = corpus_task_lines();
        println!("{} task lines of the corpus", corpus.len());
        let mut in_form_lines = 0;
        for line in generated.chain(corpus) {
            let Some(t) = task::parse(&line) else {
                continue;
            };
            for tags_first in [false, true] {
                let mut written = String::new();
                write_fields(&mut written, &line, &t, tags_first);
                let want = line.get(rewritten(&t, tags_first)) == Some(written.as_str());
                assert_eq!(
                    in_form(&line, &t, tags_first),
                    want,
                    "{line:?} {tags_first}"
                );
                in_form_lines += usize::from(want);
            }
        }
        assert!(in_form_lines > 1000, "{in_form_lines}");
    }

    #[test]
    fn symbols_as_text_are_the_symbols() {
        for f in Field::WRITE_ORDER {
            assert_eq!(SYMBOL_TEXTS[f as usize], f.symbol().to_string(), "{f:?}");
        }
        for line in [
            "- [ ] a 🔺 ⏫ 🔼 🔽 ⏬ ⏫\u{fe0f} 📆 2025-01-01 #t",
            "- [ ] a 🆔 x ⛔ y 🔁 every day 🏁 delete ➕ 2025-01-01 🛫 2025-01-01 ⌛ 2025-01-01 🗓 2025-01-01 ❌ 2025-01-01 ✅ 2025-01-01",
        ] {
            let t = task::parse(line).unwrap();
            assert!(t.tokens.len() > 1, "{line}");
            for k in &t.tokens {
                let char = canonical_symbol(line, k).map(String::from);
                assert_eq!(canonical_text(line, k).map(String::from), char, "{k:?}");
                if k.field == Some(Field::Priority) {
                    let written = &line[priority_symbol(line, k)];
                    assert_eq!(Some(written.to_string()), char, "{k:?}");
                }
            }
        }
    }

    #[test]
    fn texts_in_pieces() {
        let pieces = |s: &'static [&'static str]| s.iter().map(|p| p.as_bytes());
        assert!(same_text(pieces(&["ab", "", "c"]), pieces(&["a", "bc"])));
        assert!(same_text(pieces(&[]), pieces(&["", ""])));
        assert!(!same_text(pieces(&["ab"]), pieces(&["a", "bc"])));
        assert!(!same_text(pieces(&["abd"]), pieces(&["a", "bc"])));
    }

    #[test]
    fn dates() {
        assert!(Field::WRITE_ORDER.windows(2).all(|w| w[0] < w[1]));
        for (s, fast) in [
            ("2024-02-29", true),
            ("+2024-02-29", false),
            ("2024-2-29", false),
        ] {
            assert_eq!(ascii_ymd(s.as_bytes()).is_some(), fast, "{s}");
            assert!(valid_date(s), "{s}");
        }
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2025-02-29"));
        assert!(!valid_date("2025-13-01"));
        assert!(!valid_date("2025-00-10"));
    }
}
