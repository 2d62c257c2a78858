//! Protected regions: text no fix may edit (code, math, comments, URLs,
//! link targets). Changing a byte there breaks code, a formula or a link.

use super::Line;
use memchr::memmem;
use std::ops::Range;

/// What kind of block a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// Ordinary Markdown.
    Text,
    /// Inside (or a fence of) a fenced code block.
    Code,
    /// Inside (or a delimiter of) a `$$` math block.
    Math,
    /// Inside a multi-line HTML (`<!-- -->`) or Obsidian (`%% %%`) comment.
    Comment,
}

/// Marks each line's block kind and returns the protected byte ranges of the
/// body, sorted and merged.
pub fn scan(text: &str, lines: &mut [Line]) -> Vec<Range<usize>> {
    let mut protected = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.block != Block::Text {
            // The frontmatter is marked by the caller; skip it.
            i += 1;
            continue;
        }
        let s = &text[line.range.clone()];
        if let Some((ch, len)) = fence(s) {
            let end = close_block(text, lines, i, |t| closes_fence(t, ch, len));
            mark(lines, i, end, Block::Code, &mut protected);
            i = end + 1;
            continue;
        }
        if s.trim() == "$$" || (s.trim().starts_with("$$") && !s.trim()[2..].contains("$$")) {
            let end = close_block(text, lines, i, |t| t.trim_end().ends_with("$$"));
            mark(lines, i, end, Block::Math, &mut protected);
            i = end + 1;
            continue;
        }
        i += 1;
    }
    for line in lines.iter() {
        if line.block == Block::Text {
            inline(text, line.range.clone(), &mut protected);
        }
    }
    comments(text, lines, &mut protected);
    normalise(protected)
}

/// `(fence char, run length)` when `line` opens a fenced code block.
fn fence(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    // Fences inside list items and quotes are common in notes.
    let t = t.trim_start_matches(['>', ' ', '-', '*', '+']);
    let ch = *t.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && t[len..].contains('`')) {
        return None;
    }
    Some((ch, len))
}

fn closes_fence(line: &str, ch: u8, len: usize) -> bool {
    let t = line.trim_start_matches(['>', ' ', '\t']).trim_end();
    t.len() >= len && t.bytes().all(|b| b == ch)
}

/// Index of the line that closes the block opened at `open`, or the last line.
fn close_block(text: &str, lines: &[Line], open: usize, closes: impl Fn(&str) -> bool) -> usize {
    (open + 1..lines.len())
        .find(|&j| closes(&text[lines[j].range.clone()]))
        .unwrap_or(lines.len().saturating_sub(1))
}

fn mark(lines: &mut [Line], from: usize, to: usize, block: Block, out: &mut Vec<Range<usize>>) {
    for line in &mut lines[from..=to] {
        line.block = block;
    }
    out.push(lines[from].range.start..lines[to].range.end);
}

/// Multi-line comments: `<!-- … -->` and `%% … %%`, across text lines.
fn comments(text: &str, lines: &mut [Line], out: &mut Vec<Range<usize>>) {
    for (open, close) in [("<!--", "-->"), ("%%", "%%")] {
        let open_finder = memmem::Finder::new(open);
        // Most notes have no comment at all: one pass over the bytes says so.
        if open_finder.find(text.as_bytes()).is_none() {
            continue;
        }
        let close_finder = memmem::Finder::new(close);
        let find =
            |finder: &memmem::Finder, range: Range<usize>| finder.find(&text.as_bytes()[range]);
        let mut i = 0;
        while i < lines.len() {
            if lines[i].block != Block::Text {
                i += 1;
                continue;
            }
            let range = lines[i].range.clone();
            let Some(at) = find(&open_finder, range.clone()) else {
                i += 1;
                continue;
            };
            let start = range.start + at;
            let after = start + open.len();
            if let Some(end) = find(&close_finder, after..range.end) {
                out.push(start..after + end + close.len());
                // Another comment may follow on the same line; rare, and the
                // inline pass below still protects the first one.
                i += 1;
                continue;
            }
            let end = (i + 1..lines.len())
                .find(|&j| {
                    lines[j].block == Block::Text
                        && find(&close_finder, lines[j].range.clone()).is_some()
                })
                .unwrap_or(lines.len() - 1);
            for line in &mut lines[i + 1..=end] {
                if line.block == Block::Text {
                    line.block = Block::Comment;
                }
            }
            out.push(start..lines[end].range.end);
            i = end + 1;
        }
    }
}

/// Bytes that may start an inline construct; every other byte is skipped.
const INLINE_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let starts = b"`$[]<:";
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// Inline code, inline math, URLs and link targets on one line.
pub(super) fn inline(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let line = &text[range.clone()];
    let bytes = line.as_bytes();
    let base = range.start;
    let mut i = 0;
    // Once a closer is missing from some point on, it is missing from every
    // later point too: stop looking, so a line of openers stays linear.
    let (mut no_dollar, mut no_brackets) = (false, false);
    loop {
        while i < bytes.len() && !INLINE_START[bytes[i] as usize] {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                match find_run(bytes, i + run, b'`', run) {
                    Some(end) => {
                        out.push(base + i..base + end + run);
                        i = end + run;
                    }
                    None => i += run,
                }
            }
            b'$' if !no_dollar && bytes.get(i + 1).is_some_and(|&b| b != b' ' && b != b'$') => {
                match line[i + 1..].find('$') {
                    Some(rel) if bytes[i + rel] != b' ' => {
                        out.push(base + i..base + i + rel + 2);
                        i += rel + 2;
                    }
                    Some(_) => i += 1,
                    None => no_dollar = true,
                }
            }
            b'[' if !no_brackets && bytes.get(i + 1) == Some(&b'[') => {
                // Wikilink or embed: protect the target, up to `|` or `]]`.
                let start = i + 2;
                match line[start..].find("]]") {
                    Some(rel) => {
                        let inner = &line[start..start + rel];
                        let target_len = inner.find('|').unwrap_or(inner.len());
                        out.push(base + start..base + start + target_len);
                        i = start + rel + 2;
                    }
                    None => no_brackets = true,
                }
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                // Markdown link destination.
                let start = i + 2;
                let end = line[start..].find(')').map_or(line.len(), |r| start + r);
                out.push(base + start..base + end);
                i = end;
            }
            b'<' if line[i..].starts_with("<!--") => {
                let end = line[i..].find("-->").map_or(line.len(), |r| i + r + 3);
                out.push(base + i..base + end);
                i = end;
            }
            b'<' if is_autolink(&line[i..]) => {
                let end = line[i..].find('>').map_or(line.len(), |r| i + r + 1);
                out.push(base + i..base + end);
                i = end;
            }
            b':' if line[i..].starts_with("://") => {
                let start = line[..i]
                    .char_indices()
                    .rfind(|&(_, c)| !c.is_ascii_alphanumeric() && c != '+' && c != '.' && c != '-')
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let end = line[i..]
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '"')
                    .map_or(line.len(), |r| i + r);
                let end = trim_url_end(line, start, end);
                if start < i {
                    out.push(base + start..base + end);
                }
                i = end.max(i + 3);
            }
            _ => i += 1,
        }
    }
}

/// A URL's trailing `)` belongs to it only when it opened one; sentence
/// punctuation after a URL is not part of it.
fn trim_url_end(line: &str, start: usize, mut end: usize) -> usize {
    let url = &line[start..end];
    let opens = url.matches('(').count();
    let mut closes = url.matches(')').count();
    while let Some(last) = line[start..end].chars().last() {
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => true,
            ')' => opens < closes,
            _ => false,
        };
        if !drop {
            break;
        }
        if last == ')' {
            closes -= 1;
        }
        end -= last.len_utf8();
    }
    end
}

fn is_autolink(s: &str) -> bool {
    let inner = &s[1..];
    // An autolink holds no space and no `<`, so the scan stops at either.
    let end = inner.find(['>', ' ', '<']).unwrap_or(inner.len());
    inner[..end].contains("://") || inner[..end].contains('@') && inner[end..].starts_with('>')
}

fn find_run(bytes: &[u8], from: usize, ch: u8, len: usize) -> Option<usize> {
    let mut j = from;
    while j < bytes.len() {
        if bytes[j] == ch {
            let run = bytes[j..].iter().take_while(|&&b| b == ch).count();
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// Sorts regions and merges those that overlap or touch.
pub(super) fn normalise(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::note::Note;

    #[test]
    fn math_opener_after_wide_whitespace_does_not_split_a_char() {
        let note = Note::parse("\u{3000}$$# \nx\n$$\n");
        assert_eq!(note.protected.len(), 1);
    }
}

#[cfg(test)]
mod scan_tests {
    use crate::note::Note;

    fn protected(text: &str) -> Vec<&str> {
        let note = Note::parse(text);
        note.protected.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn unclosed_openers_protect_nothing_and_closed_ones_still_count() {
        assert!(protected(&"[[ $x <a ".repeat(1000)).is_empty());
        assert_eq!(
            protected("$a$ then $b and [[T]] then [[open"),
            vec!["$a$", "T"]
        );
        assert_eq!(
            protected("<https://x.org/a> <<b"),
            vec!["<https://x.org/a>"]
        );
        assert_eq!(
            protected("see https://x.org/f(a)).) end"),
            vec!["https://x.org/f(a)"]
        );
    }
}
