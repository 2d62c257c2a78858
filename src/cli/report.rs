//! What a run prints: a readable list, a unified diff, or JSON lines.

use notemend::Outcome;
use serde::Serialize;

#[derive(Serialize)]
struct JsonChange<'a> {
    fix: &'a str,
    line: usize,
    before: &'a str,
    after: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    line: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    changes: Vec<JsonChange<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One JSON object (one line) for a file.
pub fn json(path: &str, outcome: &Outcome) -> String {
    let file = JsonFile {
        path,
        changes: outcome
            .changes
            .iter()
            .map(|c| JsonChange {
                fix: c.fix.name(),
                line: c.line,
                before: &c.before,
                after: &c.after,
                message: &c.message,
            })
            .collect(),
        diagnostics: outcome
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                fix: d.fix.map(|f| f.name()),
                line: d.line,
                message: &d.message,
            })
            .collect(),
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// A readable report for a file; empty when there is nothing to say.
pub fn human(path: &str, outcome: &Outcome) -> String {
    let mut out = String::new();
    if outcome.changes.is_empty() && outcome.diagnostics.is_empty() {
        return out;
    }
    out.push_str(path);
    out.push('\n');
    for c in &outcome.changes {
        head(&mut out, c.line, c.fix.name());
        out.push_str(&c.message);
        out.push_str("  (");
        show(&mut out, &c.before);
        out.push_str(" → ");
        show(&mut out, &c.after);
        out.push_str(")\n");
    }
    for d in &outcome.diagnostics {
        head(&mut out, d.line, d.fix.map_or("note", |f| f.name()));
        out.push_str("left alone: ");
        out.push_str(&d.message);
        out.push('\n');
    }
    out
}

/// A report line's start, as `format!("  {line:>4}  {fix:<15} ")` writes
/// it, without the formatting machinery (a line per change).
fn head(out: &mut String, line: usize, fix: &str) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = line;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // The padding, cut from a run of spaces: pushed a char at a time, it
    // cost more than the rest of the line's start.
    const SPACES: &str = "                ";
    out.push_str("  ");
    let width = digits.len() - at;
    out.push_str(&SPACES[..4usize.saturating_sub(width)]);
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    out.push_str("  ");
    out.push_str(fix);
    let width = fix.chars().count();
    out.push_str(&SPACES[..15usize.saturating_sub(width) + 1]);
}

/// Writes a short, visible rendering of a changed piece of text: quoted,
/// escaped as `str::escape_debug` escapes it, cut after 60 chars; straight
/// into the report, since a vault run renders hundreds of thousands of
/// these.
fn show(out: &mut String, s: &str) {
    out.push('"');
    let mut shown = Shown {
        out,
        room: 60,
        cut: false,
    };
    let b = s.as_bytes();
    let mut at = 0;
    while at < b.len() {
        // Runs of plain ASCII (a date, a name, the words between a task's
        // signifiers) are written whole, a char a byte: written char by
        // char, they were most of the report's cost.
        let plain = b[at..].iter().take_while(|&&c| is_plain(c)).count();
        if plain > 0 {
            if !shown.put_str(&s[at..at + plain]) {
                break;
            }
            at += plain;
            continue;
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        // The first char escapes as a char alone, the rest as within a
        // string.
        let more = match (stays(c, at == 0), at) {
            (true, _) => shown.put(c),
            (false, 0) => c.escape_debug().all(|e| shown.put(e)),
            (false, _) => escape_within(c, &mut |e| shown.put(e)),
        };
        if !more {
            break;
        }
        at += c.len_utf8();
    }
    let cut = shown.cut;
    if cut {
        out.push('…');
    }
    out.push('"');
}

/// The report [`show`] writes into, and how many chars it may still take.
struct Shown<'a> {
    out: &'a mut String,
    room: usize,
    /// Whether a char found no room.
    cut: bool,
}

impl Shown<'_> {
    /// Writes `e` if there is room; `false` (and cut) when there is not.
    fn put(&mut self, e: char) -> bool {
        if self.room == 0 {
            self.cut = true;
            return false;
        }
        self.out.push(e);
        self.room -= 1;
        true
    }

    /// [`Shown::put`] of each char of `plain`, ASCII.
    fn put_str(&mut self, plain: &str) -> bool {
        let fits = plain.len().min(self.room);
        self.out.push_str(&plain[..fits]);
        self.room -= fits;
        self.cut = fits < plain.len();
        !self.cut
    }
}

/// Whether `str::escape_debug` writes the ASCII byte `b` as it is.
fn is_plain(b: u8) -> bool {
    (b' '..=b'~').contains(&b) && !matches!(b, b'\\' | b'\'' | b'"')
}

/// Passes `put` the chars `str::escape_debug` writes for `c` after a
/// string's first char, while `put` takes them.
fn escape_within(c: char, put: &mut impl FnMut(char) -> bool) -> bool {
    let mut buf = [b'a'; 8];
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..len]).map_or(true, |pair| pair.escape_debug().skip(1).all(put))
}

/// Whether `str::escape_debug` writes `c` as it is, as a string's first
/// char or after it. Non-ASCII chars are remembered in a small table (a
/// slot per hash of the char, the last char there kept): the standard
/// library's printable test walks long tables, over a thousand steps for
/// an emoji, and a garbled vault's report shows the same few thousand
/// chars over and over.
fn stays(c: char, first: bool) -> bool {
    use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
    const SLOTS: usize = 4096;
    /// The char (shifted left by two) with its answers first (bit 1) and
    /// after (bit 0); 0 is empty.
    static SEEN: [AtomicU32; SLOTS] = [const { AtomicU32::new(0) }; SLOTS];
    if c.is_ascii() {
        return is_plain(c as u8);
    }
    let u = u32::from(c);
    let slot = &SEEN[(u.wrapping_mul(0x9E37_79B1) >> 20) as usize % SLOTS];
    let mut seen = slot.load(Relaxed);
    if seen >> 2 != u {
        let mut alone = c.escape_debug();
        let first = alone.next() == Some(c) && alone.next().is_none();
        let mut within = 0;
        escape_within(c, &mut |e| {
            within += if e == c { 1 } else { 2 };
            true
        });
        seen = u << 2 | u32::from(first) << 1 | u32::from(within == 1);
        slot.store(seen, Relaxed);
    }
    seen >> u32::from(first) & 1 != 0
}

/// A unified diff between the note before and after.
pub fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The JSON line for a file that could not be read.
pub fn json_error(path: &str, problem: &str) -> String {
    let file = JsonFile {
        path,
        changes: Vec::new(),
        diagnostics: vec![JsonDiagnostic {
            fix: None,
            line: 0,
            message: problem,
        }],
    };
    serde_json::to_string(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::show;

    fn shown(s: &str) -> String {
        let mut out = String::new();
        show(&mut out, s);
        out
    }

    #[test]
    fn renders_escaped_and_cuts_long_pieces() {
        for (s, want) in [
            ("", "\"\""),
            ("tab\tquote\"", "\"tab\\tquote\\\"\""),
            ("⏬\u{fe0f} \u{0}", "\"⏬\u{fe0f} \\0\""),
        ] {
            assert_eq!(shown(s), want, "{s:?}");
        }
        assert_eq!(shown(&"a".repeat(61)), format!("\"{}…\"", "a".repeat(60)));
        assert_eq!(shown(&"a".repeat(60)), format!("\"{}\"", "a".repeat(60)));
    }

    #[test]
    fn heads_lines_as_format_does() {
        for line in [0, 7, 42, 999, 1000, 12345, usize::MAX] {
            for fix in [
                "mojibake",
                "duplicate_names",
                "a-much-longer-fix-name",
                "né",
            ] {
                let mut out = String::new();
                super::head(&mut out, line, fix);
                assert_eq!(out, format!("  {line:>4}  {fix:<15} "));
            }
        }
    }

    /// `show` as the standard library's `str::escape_debug` renders it.
    fn by_std(s: &str) -> String {
        let mut escaped = s.escape_debug();
        let mut out = String::from("\"");
        out.extend(escaped.by_ref().take(60));
        if escaped.next().is_some() {
            out.push('…');
        }
        out.push('"');
        out
    }

    #[test]
    fn escapes_every_char_as_the_standard_library() {
        for c in (0..0x110000).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{}{c}{c}", "x".repeat(58)),
            ] {
                assert_eq!(shown(&s), by_std(&s), "U+{:04X}", u32::from(c));
            }
        }
    }
}
