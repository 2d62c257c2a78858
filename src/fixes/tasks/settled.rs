//! The look at a task line that needs nothing, before reading it whole.
//!
//! Most task lines `tasks` meets are already as Tasks writes them: the
//! description, one space, the fields in Tasks' order, each spelled as
//! Tasks spells it and one space apart, then the tags, one space apart.
//! Reading such a line as Tasks does (back from its end, extractor after
//! extractor) and then comparing it with what a rewrite would write cost
//! the fix most of a settled note's pass; [`quiet`] reads it forward
//! once, from the signifiers the note's reading already holds.
//!
//! It reads each token as the parser's extractor for it does (a priority
//! and a date by their bytes, the rarer fields by the extractor itself),
//! at the places the parser would try them, and claims a line only where
//! exactly one extractor takes each token: there the parser, whatever
//! order it tries them in, takes the same tokens, and the line is what
//! [`super::rewrite`] leaves alone. Any other line is read whole, as
//! before.

use super::{ascii_ymd, real_date, SYMBOL_TEXTS};
use crate::note::task::{self, Field, LineSigns, Sign};

/// The most tokens a claimed line holds: the parser takes at least one a
/// run and makes at most 21 runs, so it takes all of them.
const MAX_TOKENS: usize = 20;

/// Whether the tasks fix, reading `line` (whose signifiers, read by
/// `task::signs`, are `signs`) without the tags-first setting, would
/// propose nothing and say nothing: no task, a task without signifiers
/// after its checkbox, or one whose fields are in Tasks' form with valid
/// dates (signifiers the parser leaves in the description aside). `false`
/// when unsure: the line is then read whole.
pub(super) fn quiet(line: &str, signs: LineSigns) -> bool {
    // No task, or no field: nothing to do, as the parser would find.
    let Some((prefix_end, _)) = task::checkbox(line) else {
        return true;
    };
    let body_start = task::trim_start(line, prefix_end, false);
    let signs = signs.from(body_start);
    let n = signs.len();
    if n == 0 {
        return true;
    }
    let b = line.as_bytes();
    // The body as the parser trims it: white space after it (a Markdown
    // line break) is no token's.
    let body_end = task::trim_end(line, line.len());
    // The fields, from the first signifier taken to the first `#` after
    // the last (a field's value holds none), then the tags.
    let last = signs.get(line, n - 1);
    let after_last = last.at + last.len;
    let tags = memchr::memchr(b'#', b.get(after_last..body_end).unwrap_or_default())
        .map(|h| after_last + h);
    let fields_end = match tags {
        Some(hash) => match one_space_before(line, hash) {
            Some(end) => end,
            None => return false,
        },
        None => body_end,
    };
    // The fields, back from the last, as the parser takes them (where most
    // lines that need a rewrite fail): each the last signifier's field
    // where it ends, spelled and spaced as Tasks writes it, in Tasks'
    // order, its date valid. At its end no tag is taken: the back-run of
    // tag bytes there stops at a space, a comma or a `!` of its value, or
    // at the space before its value or symbol, never at a `#`. The first
    // signifier whose extractor takes nothing there (`📅 16/09/2025`), and
    // all before it, are the description's.
    let mut end = fields_end;
    let mut after: Option<Field> = None;
    let mut description_end = None;
    for k in (0..n).rev() {
        let sign = signs.get(line, k);
        if field_as_written(line, sign, end) {
            if after.is_some_and(|a| a <= sign.field) {
                return false;
            }
            after = Some(sign.field);
        } else if task::field_token(line, sign, end).is_some() {
            return false;
        } else {
            description_end = Some(end);
            break;
        }
        if k > 0 {
            match one_space_before(line, sign.at) {
                Some(before) => end = before,
                None => return false,
            }
        }
    }
    // The description, one space before the first field, ends in no tag
    // and, when it holds signifiers, in no field of its last: nothing more
    // is taken. Its end is no block link's: that is taken first, and only
    // a body that ends in the description can end in one.
    match description_end {
        Some(end) => {
            if task::tag(line, body_start, end).is_some()
                || task::block_link_start(&line[body_start..body_end]).is_some()
            {
                return false;
            }
        }
        None => match one_space_before(line, signs.at(0)) {
            Some(end) if end > body_start && task::tag(line, body_start, end).is_none() => {}
            _ => return false,
        },
    }
    // No block link after a field or a tag: its `^` would be the body's
    // last, which only the description may hold. The fields are unique,
    // so at most eleven.
    let Some(hash) = tags else {
        return true;
    };
    // The tags, each `#` and its name, one space apart, to the body's end:
    // each the tag the parser takes back from its end. None is taken by
    // the last signifier's field: its value would hold the `#`.
    let mut tokens = n;
    let mut at = hash;
    loop {
        let name_end = b[at + 1..body_end]
            .iter()
            .position(|&c| !task::is_tag_byte(c))
            .map_or(body_end, |i| at + 1 + i);
        tokens += 1;
        if name_end == at + 1 || tokens > MAX_TOKENS {
            return false;
        }
        if name_end == body_end {
            return true;
        }
        at = name_end + 1;
        if b[name_end] != b' ' || b.get(at) != Some(&b'#') || one_space_before(line, at).is_none() {
            return false;
        }
    }
}

/// Whether the field of `sign` is what its extractor takes from `line`
/// ending at `end`, written as Tasks writes it: its symbol, without a
/// U+FE0F, then one space and its value, a valid date for a date field.
/// A priority and a date, nearly every field, are told by their bytes,
/// as the extractor reads them.
fn field_as_written(line: &str, sign: Sign, end: usize) -> bool {
    let b = line.as_bytes();
    let symbol = sign.at..sign.at + sign.len;
    if sign.field == Field::Priority {
        return end == symbol.end;
    }
    let canonical = b[symbol.clone()] == *SYMBOL_TEXTS[sign.field as usize].as_bytes();
    if sign.field.is_date() {
        return canonical
            && end == symbol.end + 11
            && b[symbol.end] == b' '
            && ascii_ymd(&b[symbol.end + 1..end]).is_some_and(|(y, m, d)| real_date(y, m, d));
    }
    canonical
        && task::field_token(line, sign, end).is_some_and(|token| {
            token.symbol == symbol && token.value.start == symbol.end + 1 && token.value.end == end
        })
}

/// Where what comes before the token at `at` ends, as the parser trims
/// it, when one space, and nothing else, stands between them.
#[inline]
fn one_space_before(line: &str, at: usize) -> Option<usize> {
    let end = task::trim_end(line, at);
    (end + 1 == at && line.as_bytes()[end] == b' ').then_some(end)
}

#[cfg(test)]
mod tests {
    use super::super::rewrite;
    use super::*;
    use crate::note::task::signs;

    /// What the fix finds reading `line` whole: true when it is quiet.
    fn read_whole_is_quiet(line: &str, signs: LineSigns) -> bool {
        match task::parse_read(line, signs, Vec::new()) {
            Some(t) if t.fields().next().is_some() => matches!(rewrite(line, &t), Ok(None)),
            _ => true,
        }
    }

    #[test]
    fn a_quiet_line_is_one_the_whole_reading_leaves() {
        // Single pieces, and the spaced ones a line in form is made of.
        let pieces = [
            "a",
            " ",
            "  ",
            "#t",
            " #u",
            "🔺",
            " ⏫",
            "⏫\u{fe0f}",
            "📅",
            " 📆",
            " 2025-01-02",
            "2025-02-30",
            " 🔁",
            " every day",
            " 🆔 x1",
            "⛔",
            " ^b1",
            "\t",
            " ✅",
            "⏳",
            " ⌛",
            "\u{a0}",
            "#",
            " 🔁 every week",
            " 📅 2025-01-02",
            " ⏳ 2025-01-01",
            " #x🔺",
            " 🛫 2025-02-29",
            " 🏁 delete",
            " ⛔ a, b",
            " ⛔ a,,b",
            " 📅 2025-01-02\u{a0}",
            " 📅 16/09/2025",
            "\u{fe0f}",
            " ^b1  ",
            "\t#v",
        ];
        let mut claimed = 0;
        let mut buf = Vec::new();
        for body in crate::testgen::texts(&pieces, 10, 80_000) {
            for line in [format!("- [ ] {body}"), format!("- [x] Call {body}")] {
                if !signs::read(&line, &mut buf) {
                    continue;
                }
                let signs = signs::of_buffer(&buf);
                if quiet(&line, signs) {
                    assert!(read_whole_is_quiet(&line, signs), "{line:?}");
                    claimed += usize::from(!signs.is_empty());
                }
            }
        }
        assert!(claimed > 500, "{claimed}");
    }

    #[test]
    fn claims_lines_as_tasks_writes_them() {
        let mut buf = Vec::new();
        for (line, want) in [
            (
                "- [x] Escalate the plan 🔺 🔁 every week ⏳ 2024-03-01 ✅ 2024-10-07 #task",
                true,
            ),
            ("- [ ] Call @HR ⏫ 📅 2026-03-18 #task #proposed", true),
            ("- [ ] #task no fields", true),
            ("- [ ] Call 📅 2026-03-18 ⏫ #task", false),
            ("- [ ] Call ⏫ 📆 2026-03-18", false),
            ("- [ ] Call 📅 2026-02-30", false),
            ("- [ ] Call 📅 2026-03-18 ^id", false),
            ("- [ ] Call #x ⏫", false),
            ("- [ ] Call ⏫ 📅 2026-03-18 #task  ", true),
            ("- [ ] Plan @Łukasz 🛫 17/01/2025 🔺 #task", true),
            ("- [ ] Plan 🛫 17/01/2025 🔺 🔺 #task", false),
            ("- [ ] a ⏫\u{fe0f} ^abc", false),
        ] {
            assert!(signs::read(line, &mut buf));
            let signs = signs::of_buffer(&buf);
            assert_eq!(quiet(line, signs), want, "{line:?}");
            assert!(read_whole_is_quiet(line, signs) || !want, "{line:?}");
        }
    }
}
