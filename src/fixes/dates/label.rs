//! The label that opens a line (`**Date**:`, `- [ ] Due:`, `due::`): its
//! markup, its words and where its value starts.
//!
//! One pattern says what a label is ([`pattern`]). Matching it with
//! captures cost some five thousand instructions a line, more than the
//! rest of the line's reading, so an ASCII label is read by hand, the way
//! the pattern reads it; whatever the hand reading cannot tell without
//! reading a non-ASCII char is left to the pattern.

use regex::Regex;
use std::sync::OnceLock;

/// A label's words: a letter, then at most this many more chars.
pub const MAX_LABEL: usize = 40;

/// A label as [`pattern`] captures it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label<'a> {
    /// The markup before the words (`**`, `__`, `*`, `_`).
    pub open: Option<&'a str>,
    /// The words.
    pub name: &'a str,
    /// The markup after the words, before the colon.
    pub close: Option<&'a str>,
    /// The markup after the colon (`**Date:**`).
    pub after: Option<&'a str>,
    /// Where the label ends and its value starts.
    pub end: usize,
}

/// What a label is: indentation, blockquote markers, a list marker, a task
/// checkbox, markup, a letter and more word chars (lazily), markup, one or
/// two colons (or `：`), markup and blanks.
pub fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // The label's length is checked in `label`, not with `{0,40}`: a
        // bounded repeat of Unicode `\w` compiles into forty copies of the
        // class, which cost more than all other patterns of the fix together.
        Regex::new(concat!(
            r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[.\][ \t]+)?",
            r"(\*\*|__|\*|_)?([^\W\d_](?:\w|[ '’-])*?)(\*\*|__|\*|_)?",
            r"[ \t]*(::?|：)(\*\*|__|\*|_)?[ \t]*",
        ))
        .expect("label pattern")
    })
}

/// The label at the start of `line` (markup, words, colon), if it is one.
pub fn label(line: &str) -> Option<Label<'_>> {
    let found = match by_hand(line) {
        Some(found) => found,
        None => by_pattern(line),
    }?;
    (found.name.chars().count() <= MAX_LABEL + 1).then_some(found)
}

/// The label as [`pattern`] captures it.
fn by_pattern(line: &str) -> Option<Label<'_>> {
    let c = pattern().captures(line)?;
    Some(Label {
        open: c.get(1).map(|m| m.as_str()),
        name: c.get(2).map_or("", |m| m.as_str()),
        close: c.get(3).map(|m| m.as_str()),
        after: c.get(5).map(|m| m.as_str()),
        end: c.get(0).map_or(0, |m| m.end()),
    })
}

/// The markup [`pattern`] takes around words, in the order it tries them.
const MARKUP: [&str; 4] = ["**", "__", "*", "_"];

/// The markup at byte `at` of `line`, as the pattern's greedy choice takes it.
fn markup_at(line: &str, at: usize) -> Option<&str> {
    let rest = line.get(at..)?;
    MARKUP.into_iter().find(|m| rest.starts_with(m))
}

/// Where the run of spaces and tabs at byte `at` of `b` ends.
fn blanks(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// [`pattern`]'s reading of `line`, read by hand: `Some(found)` when every
/// byte it had to look at is ASCII, `None` when a non-ASCII char could
/// have changed it (the pattern then decides).
///
/// Every optional part before the words is taken when it is there: left
/// out, the words would have to start at its first byte, which no letter
/// is. So the only search is the lazy one for where the words end: the
/// first end after which markup, blanks and a colon follow.
fn by_hand(line: &str) -> Option<Option<Label<'_>>> {
    let b = line.as_bytes();
    let ascii = |at: usize| b.get(at).is_none_or(u8::is_ascii);
    let mut at = blanks(b, 0);
    while b.get(at) == Some(&b'>') {
        at = blanks(b, at + 1);
    }
    // A list marker, taken only with the blank after it.
    let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let marker_end = match b.get(at) {
        Some(b'-' | b'*' | b'+') => Some(at + 1),
        _ if (1..=9).contains(&digits) && matches!(b.get(at + digits), Some(b'.' | b')')) => {
            Some(at + digits + 1)
        }
        _ => None,
    };
    if !ascii(at) || !ascii(at + digits) {
        return None;
    }
    if let Some(end) = marker_end.filter(|&e| matches!(b.get(e), Some(b' ' | b'\t'))) {
        at = blanks(b, end);
    }
    // A checkbox: any one char between the brackets.
    if b.get(at) == Some(&b'[') {
        if !ascii(at + 1) {
            return None;
        }
        if b.get(at + 1).is_some_and(|&c| c != b'\n')
            && b.get(at + 2) == Some(&b']')
            && matches!(b.get(at + 3), Some(b' ' | b'\t'))
        {
            at = blanks(b, at + 3);
        }
    }
    let open = markup_at(line, at);
    at += open.map_or(0, str::len);
    match b.get(at) {
        Some(c) if c.is_ascii_alphabetic() => {}
        Some(c) if !c.is_ascii() => return None,
        _ => return Some(None),
    }
    let start = at;
    let mut end = at + 1;
    loop {
        if let Some((close, after, label_end)) = suffix(line, end)? {
            return Some(Some(Label {
                open,
                name: &line[start..end],
                close,
                after,
                end: label_end,
            }));
        }
        match b.get(end) {
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b' ' | b'\'' | b'-') => {
                end += 1;
            }
            Some(c) if !c.is_ascii() => return None,
            _ => return Some(None),
        }
    }
}

/// What the pattern reads after words ending at byte `at`: the closing
/// markup, the markup after the colon and where the label ends; `Some(None)`
/// when no colon follows, `None` when a non-ASCII char stands where the
/// colon could be (it may be `：`).
type Suffix<'a> = (Option<&'a str>, Option<&'a str>, usize);

fn suffix(line: &str, at: usize) -> Option<Option<Suffix<'_>>> {
    let b = line.as_bytes();
    let choices = MARKUP
        .into_iter()
        .filter(|m| line[at..].starts_with(m))
        .map(Some)
        .chain([None]);
    for close in choices {
        let colon = blanks(b, at + close.map_or(0, str::len));
        match b.get(colon) {
            Some(b':') => {
                let past = colon
                    + if b.get(colon + 1) == Some(&b':') {
                        2
                    } else {
                        1
                    };
                let after = markup_at(line, past);
                let end = blanks(b, past + after.map_or(0, str::len));
                return Some(Some((close, after, end)));
            }
            Some(c) if !c.is_ascii() => return None,
            _ => {}
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand reading agrees with the pattern wherever it answers, and
    /// answers on plain ASCII labels.
    #[test]
    fn by_hand_reads_as_the_pattern_does() {
        let pieces = [
            " ",
            "\t",
            ">",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "12) ",
            "1234567890. ",
            "[ ] ",
            "[x] ",
            "[é] ",
            "**",
            "__",
            "*",
            "_",
            "Due",
            "date",
            "due",
            "Datum",
            "Fällig",
            "日付",
            "x",
            "1",
            ":",
            "::",
            "：",
            "'",
            "’",
            "-",
            "é",
            "Note 1",
            "a_b",
            "[",
            "]",
            ".",
            ")",
        ];
        let mut seed = 3u64;
        let mut answered = 0;
        for _ in 0..200_000 {
            let mut line = String::new();
            for _ in 0..(seed >> 60) + 2 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            if let Some(found) = by_hand(&line) {
                answered += 1;
                assert_eq!(found, by_pattern(&line), "{line:?}");
            }
        }
        assert!(answered > 100_000, "{answered}");
        for line in [
            "**Date**: 2025",
            "- [ ] Due: x",
            "> Created:: y",
            "Note 1: z",
        ] {
            assert!(by_hand(line).flatten().is_some(), "{line}");
        }
    }
}
