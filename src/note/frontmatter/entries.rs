//! The one line-level reading of frontmatter YAML, done once per block by
//! [`super::find`]: lines, top-level entries with the lines of their block
//! lists, comments, flow items. It says where things are written, so fixes
//! can place minimal edits and find values; meaning always comes from the
//! real YAML parser (a fix that edits checks its edit by parsing again).
//! Every fix reads frontmatter structure from here, never on its own.

use std::ops::Range;

/// One line of the YAML text. Offsets are relative to the YAML text.
#[derive(Clone, Debug)]
pub struct YLine {
    /// The line without its ending.
    pub range: Range<usize>,
    /// Where the next line starts (after the ending).
    pub next: usize,
    /// Leading spaces.
    pub indent: usize,
}

/// Splits `yaml` into lines.
pub fn lines(yaml: &str) -> Vec<YLine> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < yaml.len() {
        let nl = memchr::memchr(b'\n', &yaml.as_bytes()[at..]).map_or(yaml.len(), |i| at + i);
        out.push(line(yaml, at, nl));
        at = nl + 1;
    }
    out
}

/// The line of `yaml` from byte `at` to its `\n` at byte `nl` (or the end):
/// a `\r` before the `\n` is the ending's. `yaml` may go on past the YAML
/// text (the block's reading splits its lines as it looks for its end).
pub(super) fn line(yaml: &str, at: usize, nl: usize) -> YLine {
    let end = if nl > at && yaml.as_bytes()[nl - 1] == b'\r' {
        nl - 1
    } else {
        nl
    };
    let text = &yaml[at..end];
    let indent = text.len() - text.trim_start_matches(' ').len();
    YLine {
        range: at..end,
        next: (nl + 1).min(yaml.len()),
        indent,
    }
}

/// Whether a line holds nothing (blank) or only a comment.
pub fn is_blank_or_comment(line: &str) -> bool {
    // Byte by byte: a char-set trim decodes every char it passes.
    let b = line.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    b.get(lead).is_none_or(|&c| c == b'#')
}

/// A top-level `key: value` entry.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key, unquoted.
    pub key: String,
    /// Index of the key line.
    pub first: usize,
    /// One past the index of its last line with content (not blank, not a
    /// comment).
    pub end: usize,
    /// Just after the key's `:`.
    pub colon_end: usize,
    /// Where the value starts on the key line (after `:` and spaces).
    pub value_start: usize,
    /// The inline value, without a trailing comment or spaces.
    pub inline: Range<usize>,
    /// The trailing comment of the key line, from its `#`.
    pub comment: Option<Range<usize>>,
    /// Its block list items: lines after the key line (to `end`) whose text,
    /// after spaces and tabs, is a `-` alone or before a space or tab; at any
    /// indentation, so items of nested lists are among them.
    pub items: Vec<Item>,
}

/// A `- …` line of an entry's block list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Index of its line.
    pub line: usize,
    /// Offset of the `-`.
    pub dash: usize,
}

/// The top-level entries of `yaml`.
pub fn entries(yaml: &str, lines: &[YLine]) -> Vec<Entry> {
    // At most an entry a line: room for them all, not grown entry by entry.
    let mut out: Vec<Entry> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let text = &yaml[line.range.clone()];
        if line.indent > 0 || is_blank_or_comment(text) {
            continue;
        }
        if text == "-" || text.starts_with("- ") || text.starts_with("-\t") {
            continue; // A list item at column 0 belongs to the entry above.
        }
        let Some((key, after_colon)) = key_of(text) else {
            continue;
        };
        let rest = &text[after_colon..];
        let value_start = line.range.start + after_colon + (rest.len() - rest.trim_start().len());
        let (value, comment) = split_comment(&yaml[value_start..line.range.end]);
        out.push(Entry {
            key,
            first: i,
            end: i + 1,
            colon_end: line.range.start + after_colon,
            value_start,
            inline: value_start..value_start + value.len(),
            comment: comment.map(|c| value_start + c..line.range.end),
            items: Vec::new(),
        });
    }
    // An entry stops at the first later line at column 0 that is not a
    // list item.
    for e in &mut out {
        let stop = (e.first + 1..lines.len())
            .find(|&j| {
                let t = &yaml[lines[j].range.clone()];
                lines[j].indent == 0
                    && !is_blank_or_comment(t)
                    && !(t == "-" || t.starts_with("- ") || t.starts_with("-\t"))
            })
            .unwrap_or(lines.len());
        e.end = last_content(yaml, lines, e.first, stop);
        e.items = (e.first + 1..e.end)
            .filter_map(|j| item(yaml, &lines[j], j))
            .collect();
    }
    out
}

/// The line as a block list item, when it is one.
fn item(yaml: &str, line: &YLine, index: usize) -> Option<Item> {
    let text = &yaml[line.range.clone()];
    let rest = &text[text
        .bytes()
        .take_while(|&c| c == b' ' || c == b'\t')
        .count()..];
    let after = rest.strip_prefix('-')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then(|| Item {
        line: index,
        dash: line.range.end - rest.len(),
    })
}

/// One past the last line in `from..to` with content.
fn last_content(yaml: &str, lines: &[YLine], from: usize, to: usize) -> usize {
    (from..to)
        .rev()
        .find(|&j| !is_blank_or_comment(&yaml[lines[j].range.clone()]))
        .map_or(from + 1, |j| j + 1)
}

/// `(key, offset after the colon)` when `text` is a `key:` line, as YAML
/// reads an implicit key: a quoted scalar, or a plain one that a `:` and a
/// space (or the line's end) close. So `owner:Ada Ada` is no key (YAML
/// reads one plain scalar), `-foo:` and `?foo:` are (`-`, `?` and `:` are
/// indicators only before a space), `a #b: c` is not (` #` starts a
/// comment), and only spaces and tabs, YAML's whitespace, are trimmed.
pub fn key_of(text: &str) -> Option<(String, usize)> {
    let first = text.chars().next()?;
    let b = text.as_bytes();
    let (key, colon) = if first == '"' || first == '\'' {
        let close = closing_quote(text, first)?;
        let inner = &text[1..close];
        let key = if first == '\'' {
            inner.replace("''", "'")
        } else if inner.contains('\\') {
            return None;
        } else {
            inner.to_string()
        };
        let after = text[close + 1..].trim_start_matches([' ', '\t']);
        if !after.starts_with(':') {
            return None;
        }
        (key, text.len() - after.len())
    } else {
        let indicator =
            matches!(first, '-' | '?' | ':') && matches!(b.get(1), None | Some(b' ' | b'\t'));
        // Matched: searching a string of them set up a searcher per key.
        let opens_other = matches!(
            first,
            ' ' | '\t'
                | '['
                | '{'
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '%'
                | '@'
                | '`'
                | '#'
                | ','
                | ']'
                | '}'
        );
        if indicator || opens_other {
            return None;
        }
        // The first `:` before a space, a tab or the end, unless a comment
        // (` #`) starts before it; the first char is neither.
        let mut colon = None;
        for (i, &c) in b.iter().enumerate() {
            let after = b.get(i + 1);
            if matches!(after, Some(b'#')) && matches!(c, b' ' | b'\t') {
                break;
            }
            if c == b':' && matches!(after, None | Some(b' ' | b'\t')) {
                colon = Some(i);
                break;
            }
        }
        let colon = colon?;
        (
            text[..colon].trim_end_matches([' ', '\t']).to_string(),
            colon,
        )
    };
    let after = colon + 1;
    matches!(b.get(after), None | Some(b' ') | Some(b'\t')).then_some((key, after))
}

/// The index of the quote closing the scalar that opens at 0 with `q`.
fn closing_quote(text: &str, q: char) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 1;
    while i < b.len() {
        match (q, b[i]) {
            ('\'', b'\'') => {
                if b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                return Some(i);
            }
            ('"', b'\\') => i += 1,
            ('"', b'"') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Splits a value into the value text (trailing spaces trimmed) and the
/// offset of a trailing comment (a `#` after whitespace, outside quotes).
pub fn split_comment(value: &str) -> (&str, Option<usize>) {
    let b = value.as_bytes();
    // Most values have no `#` and no quote, and then no comment: one search
    // says so, instead of the walk below with its quote state per byte.
    if memchr::memchr3(b'#', b'\'', b'"', b).is_none() {
        return (value.trim_end(), None);
    }
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(b'\'') if c == b'\'' => {
                if b.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(b'"') if c == b'\\' => i += 1,
            Some(b'"') if c == b'"' => quote = None,
            Some(_) => {}
            None => {
                let at_token_start =
                    i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'[' | b'{' | b',');
                if (c == b'\'' || c == b'"') && at_token_start {
                    quote = Some(c);
                } else if c == b'#' && (i == 0 || matches!(b[i - 1], b' ' | b'\t')) {
                    return (value[..i].trim_end(), Some(i));
                }
            }
        }
        i += 1;
    }
    (value.trim_end(), None)
}

/// The items of a one-line flow sequence `[a, 'b', "c"]` as ranges into
/// `flow`, or `None` when it is not that simple (nesting, empty items).
pub fn flow_items(flow: &str) -> Option<Vec<Range<usize>>> {
    let inner = flow.strip_prefix('[')?.strip_suffix(']')?;
    let b = inner.as_bytes();
    let mut items = Vec::new();
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i <= b.len() {
        let c = b.get(i).copied();
        match (quote, c) {
            (Some(q), Some(x)) if x == q => {
                if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            (Some(b'"'), Some(b'\\')) => i += 1,
            (Some(_), Some(_)) => {}
            (Some(_), None) => return None,
            (None, Some(b'\'' | b'"')) => {
                if inner[start..i].trim().is_empty() {
                    quote = c;
                }
            }
            (None, Some(b'[' | b']' | b'{' | b'}' | b'#')) => return None,
            (None, Some(b',') | None) => {
                let piece = &inner[start..i];
                let lead = piece.len() - piece.trim_start().len();
                let item = start + lead..start + piece.trim_end().len();
                if item.is_empty() {
                    // `[]` has no items; anything else empty is not simple.
                    if c.is_none() && items.is_empty() {
                        return Some(items);
                    }
                    return None;
                }
                items.push(item.start + 1..item.end + 1);
                start = i + 1;
            }
            (None, Some(_)) => {}
        }
        i += 1;
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_comments() {
        assert_eq!(key_of("date: x"), Some(("date".into(), 5)));
        assert_eq!(key_of("tags:"), Some(("tags".into(), 5)));
        assert_eq!(key_of("'a b': 1"), Some(("a b".into(), 6)));
        assert_eq!(key_of("url: http://x"), Some(("url".into(), 4)));
        assert_eq!(key_of("http://x"), None);
        assert_eq!(key_of("- a"), None);
        // As YAML reads them: no space after the colon is no key; `-`, `?`
        // and `:` before a non-space start one; ` #` starts a comment.
        assert_eq!(key_of("owner:Ada Ada"), None);
        assert_eq!(key_of("-x: 1"), Some(("-x".into(), 3)));
        assert_eq!(key_of("?x: 1"), Some(("?x".into(), 3)));
        assert_eq!(key_of(": 1"), None);
        assert_eq!(key_of("? x"), None);
        assert_eq!(key_of("a #b: c"), None);
        assert_eq!(key_of("a#b: c"), Some(("a#b".into(), 4)));
        assert_eq!(key_of("'a'\t: 1"), Some(("a".into(), 5)));
        assert_eq!(key_of("a\u{a0}: 1"), Some(("a\u{a0}".into(), 4)));
        assert_eq!(key_of("\ta: 1"), None);
        assert_eq!(split_comment("a b # c"), ("a b", Some(4)));
        assert_eq!(split_comment("'a # b' # c"), ("'a # b'", Some(8)));
        assert_eq!(split_comment("a#b"), ("a#b", None));
        assert_eq!(split_comment("#a, #b"), ("", Some(0)));
    }

    #[test]
    fn entries_span_their_lists() {
        let yaml = "a: 1\ntags:\n- x\n# note\n- y\n\nb: long\n  folded\n# end\n";
        let ls = lines(yaml);
        let es = entries(yaml, &ls);
        let spans: Vec<_> = es
            .iter()
            .map(|e| (e.key.as_str(), e.first, e.end))
            .collect();
        assert_eq!(spans, vec![("a", 0, 1), ("tags", 1, 5), ("b", 6, 8)]);
        let items: Vec<usize> = es[1].items.iter().map(|i| i.line).collect();
        assert_eq!(items, vec![2, 4]);
        assert_eq!(
            &yaml[es[1].items[1].dash..],
            "- y\n\nb: long\n  folded\n# end\n"
        );
    }

    #[test]
    fn flow() {
        let f = "[a, 'b, c', \"d\"]";
        let items: Vec<&str> = flow_items(f).unwrap().into_iter().map(|r| &f[r]).collect();
        assert_eq!(items, vec!["a", "'b, c'", "\"d\""]);
        assert_eq!(flow_items("[]"), Some(vec![]));
        assert_eq!(flow_items("[a, [b]]"), None);
        assert_eq!(flow_items("[a,,b]"), None);
    }
}
