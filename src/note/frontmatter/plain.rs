//! Frontmatter in YAML's plainest form, read without the YAML parser:
//! top-level `key: value` lines (a plain value may go on over indented
//! lines) and `- value` block lists, every key a
//! plain scalar that is text, every value that or a date-like string, a run
//! of digits, or a quoted scalar without escapes.
//! Most vault frontmatter is written so, and the parser costs more than the
//! rest of the note model together. Anything else (quoted keys, escapes, flow
//! collections, trailing comments, nesting, blank lines inside a value, tabs, other
//! numbers, repeated keys) gets `None` and goes to the parser. Debug builds
//! check every answer against the parser's (see `super::parse_yaml`).

use super::entries::YLine;
use serde_yaml::{Mapping, Value};

/// The value the YAML parser would give `yaml`, when `yaml` is plain
/// enough to be sure of it without parsing.
pub fn read(yaml: &str) -> Option<Value> {
    let body = yaml.strip_suffix('\n').unwrap_or(yaml);
    read_lines(yaml, body.split('\n'))
}

/// [`read`] of `yaml` whose lines are already split ([`super::entries::lines`],
/// each without its ending): the reading of a frontmatter block, whose
/// lines the note model splits anyway, splits them once.
pub fn read_split(yaml: &str, lines: &[YLine]) -> Option<Value> {
    read_lines(yaml, lines.iter().map(|l| &yaml[l.range.clone()]))
}

/// [`read`] of `yaml` given as its lines: each without its `\n` (a `\r`
/// before it may be left on), none after the last line break.
fn read_lines<'a>(yaml: &str, lines: impl Iterator<Item = &'a str>) -> Option<Value> {
    // Comments are passed over unread, so the whole text is checked here;
    // a tab anywhere sends the block to the parser, so no piece of it need
    // be searched for one.
    if !printable_lines(yaml.as_bytes()) {
        return None;
    }
    // Room for a key a line (the block's reading knows how many lines):
    // no growing the map, entry by entry, as most lines are keys.
    let mut map = Mapping::with_capacity(lines.size_hint().0);
    // The last key, when its value is still open: `key:` alone, so far
    // null, a block list once an item follows (the items' indent fixed by
    // the first).
    let mut open: Option<(Value, Vec<Value>, Option<usize>)> = None;
    // The last key's plain value while indented lines may continue it (the
    // parser folds each line break into one space); `false` once a blank
    // or comment line has ended what may continue it.
    let mut folding: Option<(Value, String, bool)> = None;
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let rest = line.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            if let Some((_, _, more)) = folding.as_mut() {
                *more = false;
            }
            continue;
        }
        let indent = line.len() - rest.len();
        if let Some((_, text, more)) = folding.as_mut().filter(|_| indent > 0) {
            let piece = rest.trim_end_matches(' ');
            if !*more || piece.starts_with(INDICATORS) {
                return None;
            }
            text.push(' ');
            text.push_str(piece);
            continue;
        }
        if let Some((key, text, _)) = folding.take() {
            put(&mut map, key, plain(&text)?.value(|| text))?;
        }
        if let Some(item) = rest.strip_prefix("- ") {
            let (_, items, at) = open.as_mut()?;
            if at.is_some_and(|at| at != indent) {
                return None;
            }
            *at = Some(indent);
            items.push(value(item.trim_matches(' '))?);
            continue;
        }
        if indent > 0 {
            return None;
        }
        close(&mut map, open.take())?;
        // A key is a few bytes: looked at one by one, where a search sets
        // up more than it costs.
        let colon = rest.bytes().position(|b| b == b':')?;
        let (key, after) = (&rest[..colon], &rest[colon + 1..]);
        if !(after.is_empty() || after.starts_with(' ')) || key.ends_with(' ') {
            return None;
        }
        // The parser takes no implicit key over 1024 characters.
        if key.len() > 512 {
            return None;
        }
        let key = scalar(key).filter(Value::is_string)?;
        let value = after.trim_matches(' ');
        if value.is_empty() {
            open = Some((key, Vec::new(), None));
        } else if value.starts_with(['\'', '"']) {
            put(&mut map, key, quoted(value)?)?;
        } else {
            folding = Some((key, value.to_string(), true));
        }
    }
    if let Some((key, text, _)) = folding {
        put(&mut map, key, plain(&text)?.value(|| text))?;
    }
    close(&mut map, open)?;
    (!map.is_empty()).then_some(Value::Mapping(map))
}

/// Ends an open `key:`: null without items, else the list. `None` when the
/// key repeats one already read.
fn close(map: &mut Mapping, open: Option<(Value, Vec<Value>, Option<usize>)>) -> Option<()> {
    if let Some((key, items, at)) = open {
        let value = if at.is_some() {
            Value::Sequence(items)
        } else {
            Value::Null
        };
        put(map, key, value)?;
    }
    Some(())
}

/// Adds `key` to `map`; `None` when the key repeats one already read, which
/// the parser refuses. Each key is hashed once, when its value is known: a
/// repeat is found then as surely as when its line is read, and either
/// way the reading gives `None`.
fn put(map: &mut Mapping, key: Value, value: Value) -> Option<()> {
    map.insert(key, value).is_none().then_some(())
}

/// The first chars that make a scalar something other than plain text (or
/// no scalar), or a number or keyword: left to the parser.
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    '~', '+', '.',
];

/// A value: a quoted scalar [`quoted`] reads, or a plain one [`scalar`]
/// reads.
fn value(s: &str) -> Option<Value> {
    if s.starts_with(['\'', '"']) {
        quoted(s)
    } else {
        scalar(s)
    }
}

/// A quoted scalar that is the whole of `s`, always text: single-quoted
/// with `''` for a quote, or double-quoted without escapes (a `\\` goes to
/// the parser).
fn quoted(s: &str) -> Option<Value> {
    let q = s.chars().next()?;
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    if !s.ends_with(q) || s.len() < 2 || !inside_printable(inner.as_bytes()) {
        return None;
    }
    if q == '"' {
        return (!inner.contains(['"', '\\'])).then(|| Value::String(inner.to_string()));
    }
    // Quotes inside come in pairs; a lone one ends the scalar early.
    if inner.replace("''", "").contains('\'') {
        return None;
    }
    Some(Value::String(inner.replace("''", "'")))
}

/// What a plain scalar [`plain`] reads is: text, or a number.
enum Plain {
    Text,
    Number(u64),
}

impl Plain {
    /// The value, its text (when it is text) taken from `text`: a value
    /// folded over lines, already written into a string of its own, is
    /// moved into the value rather than copied again.
    fn value(self, text: impl FnOnce() -> String) -> Value {
        match self {
            Plain::Text => Value::String(text()),
            Plain::Number(n) => Value::Number(n.into()),
        }
    }
}

/// A plain scalar's value (see [`plain`]).
fn scalar(s: &str) -> Option<Value> {
    Some(plain(s)?.value(|| s.to_string()))
}

/// What a plain scalar is, for the forms whose type is certain: text that
/// starts with a letter or a symbol no number or keyword starts with,
/// text that starts with a digit but holds what no number can (a date, a
/// time, `1on1`), or digits alone. `s` is trimmed and non-empty.
fn plain(s: &str) -> Option<Plain> {
    let b = s.as_bytes();
    let first = *b.first()?;
    // An indicator first changes what the scalar is, or whether it is one.
    if is_indicator(first) || !plain_inside(b) {
        return None;
    }
    if !first.is_ascii_digit() {
        // Only these keywords start with a letter and are no string: the
        // float words (`inf`, `nan`) need a `.` first.
        return match s {
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => {
                None
            }
            _ => Some(Plain::Text),
        };
    }
    if b.iter().all(u8::is_ascii_digit) {
        // A leading zero makes digits a string in YAML 1.2.
        if b.len() > 1 && first == b'0' {
            return Some(Plain::Text);
        }
        return s.parse::<u64>().ok().map(Plain::Number);
    }
    // No number holds a char other than these (digits, hex digits, radix
    // prefixes, sign, point), so `1on1` or `3 days` is text; and a number
    // has a `-` only first or after its exponent's `e`, so a date is too.
    let foreign = b.iter().any(|&c| {
        !(c.is_ascii_hexdigit() || matches!(c, b'x' | b'X' | b'o' | b'O' | b'+' | b'-' | b'.'))
    });
    let joined = b[1..].contains(&b'-') && !b.iter().any(|c| matches!(c, b'e' | b'E'));
    (foreign || joined).then_some(Plain::Text)
}

/// No `: ` or ` #` inside (a key, a comment), no `:` last, and only what
/// [`printable`] allows, tabs and line breaks not included.
fn plain_inside(b: &[u8]) -> bool {
    let pairs = b
        .windows(2)
        .any(|w| matches!(w, [b':', b' '] | [b' ', b'#']));
    !pairs && b.last() != Some(&b':') && inside_printable(b)
}

/// Whether an indicator (see [`INDICATORS`], all ASCII) is the char that
/// starts with byte `b`: matched, where a search of the list cost more
/// than the rest of the scalar's reading.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b'~'
            | b'+'
            | b'.'
    )
}

/// [`printable`] without tabs and line breaks, of `b`, a piece of one line
/// of a text that [`read`] found printable as a whole, tabs not allowed
/// ([`printable_lines`]): such a piece holds no `\n`, and no `\r` (the
/// whole text's has a `\n` after it, and lines are cut before their
/// `\r\n`), and each of its chars passed the whole text's check, so it
/// passes too; debug builds check.
fn inside_printable(b: &[u8]) -> bool {
    debug_assert!(printable(b, false), "{b:?}");
    true
}

/// [`printable`] with line breaks allowed and tabs not, of a whole block:
/// one table read and one `or` a byte ([`REFUSED_IN_LINES`]), and only a
/// block holding one of the rare bytes that may start a refused char is
/// read again, char by char.
fn printable_lines(b: &[u8]) -> bool {
    let rare = b
        .iter()
        .fold(false, |any, &c| any | REFUSED_IN_LINES[usize::from(c)]);
    !rare || (printable(b, true) && memchr::memchr(b'\t', b).is_none())
}

/// The bytes [`SUSPECT`] holds but `\n`: what a block's lines may not hold
/// without a second look.
static REFUSED_IN_LINES: [bool; 256] = {
    let mut t = SUSPECT;
    t[b'\n' as usize] = false;
    t
};

/// No char YAML does not allow or reads as a line break where this reader
/// does not (C0 and C1 controls, DEL, a `\r` alone, U+2028, U+2029,
/// U+FEFF, U+FFFE, U+FFFF), judged on the UTF-8 bytes; with `lines`, tabs,
/// `\n` and `\r\n` are allowed.
fn printable(b: &[u8], lines: bool) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    // One table read per byte; only the few bytes that may start a refused
    // char are matched.
    let mut suspect = b
        .iter()
        .enumerate()
        .filter(|&(_, &c)| SUSPECT[usize::from(c)]);
    !suspect.any(|(i, &c)| match c {
        b'\t' | b'\n' => !lines,
        b'\r' => !lines || at(i + 1) != b'\n',
        0..=0x1f | 0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        0xe2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0xa8 | 0xa9),
        0xef => matches!((at(i + 1), at(i + 2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
        _ => false,
    })
}

/// The bytes [`printable`] looks at: C0 controls (tab and line breaks
/// among them), DEL, and the lead bytes of the C1 controls, U+2028, U+2029,
/// U+FEFF, U+FFFE and U+FFFF.
static SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, 0..=0x1f | 0x7f | 0xc2 | 0xe2 | 0xef);
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_bytes_are_the_indicators() {
        for b in 0..=u8::MAX {
            let listed = b.is_ascii() && INDICATORS.contains(&char::from(b));
            assert_eq!(is_indicator(b), listed, "{b:#x}");
        }
    }

    fn parsed(yaml: &str) -> Value {
        serde_yaml::from_str(yaml).expect("valid YAML")
    }

    #[test]
    fn reads_plain_frontmatter_as_the_parser_does() {
        for yaml in [
            "title: Nestlé the pricing proposal\ndate: 2026-11-20\n",
            "participants:\n- Fatima Costa\n- Mei Vallery\nsource: transcript\n",
            "tags:\n  - type/1on1\n  - account/nestlé\n\n# a comment\nn: 12\nz: 007\n",
            "empty:\nlast:",
            "at: 10:30\nwhen: 2026-11-20T10:00:00Z\nslash: 1/2\nwin: a\r\nb: x y  \n",
            "date modified: Wednesday, January 1st 2020, 12:00:00 am\n",
            "inf: nan\nword: infinity\nk_1: (note)\nemoji: 📅 today\n",
            "a: 'quoted'\nb: 'it''s: #1'\nc: \"x: y\"\nd: ''\ne:\n- '2026-11-20'\n- \"b\"\n",
            "source_ref: Inbox/a long path\n  folded by a writer.md\nnext: x\n  y  \n   z\n",
            "type: 1on1\nfor: 3 days\nsecond: 2nd\nday: 2026-11-20 10:00\nu: 1_000\n",
        ] {
            assert_eq!(read(yaml), Some(parsed(yaml)), "{yaml:?}");
            let lines = super::super::entries::lines(yaml);
            assert_eq!(read_split(yaml, &lines), read(yaml), "{yaml:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_the_parser() {
        for yaml in [
            "a: 'it's'\n",
            "a: \"x\\ty\"\n",
            "a: 'x' # c\n",
            "'a': x\n",
            "a: 'x\n",
            "a: [x, y]\n",
            "a: b # comment\n",
            "a: true\n",
            "true: a\n",
            "2024: a\n",
            "a: 1.5\n",
            "a: 1e-5\n",
            "a: 0x1F\n",
            "a: -1\n",
            "a: ~\n",
            "a: .inf\n",
            "a: 99999999999999999999999\n",
            "a: x\n\n  continued\n",
            "a: x\n  # c\n  continued\n",
            "a: x\n  - y\n",
            "a: x\n  b: c\n",
            "a: 'x'\n  continued\n",
            "a:\n  continued\n",
            "a:\n  - x\n- y\n",
            "a:\n  b: c\n",
            "a: x\na: y\n",
            "a:\na: y\n",
            "a:\n- x\n-\n",
            "a:b\n",
            "a : b\n",
            "a:\tb\n",
            "a: b\u{85}c\n",
            "a:\n# \u{85}: b\n",
            "a: b\rc: d\n",
            "a: b\u{2028}c\n",
            "a: \u{feff}b\n",
            "a: b:\n",
            "a: b: c\n",
            "- x\n",
            "# only a comment\n",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
    }

    // Lines from pieces at the edges of the plain form: whatever the reader
    // answers, the parser agrees.
    proptest::proptest! {
        #[test]
        fn agrees_with_the_parser(lines in proptest::collection::vec(
            (0..8usize, 0..40usize, 0..41usize), 1..8)) {
            // Plain pieces repeat, so that whole blocks often are plain.
            const HEAD: [&str; 8] = ["", "", "", "- ", "  - ", "  - ", "  ", "# "];
            const PIECE: [&str; 40] = [
                "a", "b c", "1", "01", "1on1", "2026-11-20", "true", "~", "-", ":", " #x",
                "'q'", "x:", "1e5", "0x1F", ".5", "nan", "é", "\u{85}", "\t", " ", "10:30",
                "a", "b c", "1on1", "2026-11-20", "é", "10:30", "k", "k", "12", "x/y", "a", "", "'q''r'", "\"d\"", "'", "\"\\n\"", "x\n  y", "x\n\n  y",
            ];
            let yaml: String = lines
                .iter()
                .map(|&(h, k, v)| match PIECE.get(v) {
                    Some(value) => format!("{}{}: {}\n", HEAD[h], PIECE[k], value),
                    None => format!("{}{}\n", HEAD[h], PIECE[k]),
                })
                .collect();
            if let Some(value) = read(&yaml) {
                let parsed: Result<Value, _> = serde_yaml::from_str(&yaml);
                proptest::prop_assert_eq!(Some(value), parsed.ok(), "{:?}", yaml);
            }
        }
    }
}
