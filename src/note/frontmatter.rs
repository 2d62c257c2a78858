//! The YAML frontmatter block: where it is, whether it parses, and where
//! its entries are written ([`entries`]), read once when the note is.

pub mod entries;
mod plain;

use entries::{Entry, YLine};
use std::ops::Range;

/// A `---` … `---` block at the very start of a note (after a BOM, if any).
#[derive(Debug)]
pub struct Frontmatter {
    /// The whole block, delimiters and the closing line's ending included.
    pub range: Range<usize>,
    /// The YAML between the delimiter lines.
    pub yaml: Range<usize>,
    /// The parsed YAML, or why it did not parse.
    pub value: Result<serde_yaml::Value, String>,
    /// The lines of the YAML text; their offsets, like those of `entries`,
    /// are relative to `yaml.start`.
    pub lines: Vec<YLine>,
    /// The top-level entries as written, whether or not the YAML parses;
    /// empty when the YAML parses to other keys than the line reader read
    /// (see `unread`), so no fix places an edit from a wrong reading.
    pub entries: Vec<Entry>,
    /// Why the entries were withheld: the YAML has keys the line reader does
    /// not read (`? key`, a tagged or anchored key, a flow mapping) or reads
    /// lines as keys that are not (a flow collection or a quoted scalar over
    /// several lines).
    pub unread: Option<String>,
}

/// Finds the frontmatter of `text` starting at `start` (0, or 3 after a BOM).
/// `Err` holds a message when a block is opened but never closed; such a note
/// is treated as having no frontmatter, so nothing in it is rewritten as YAML.
pub fn find(text: &str, start: usize) -> Result<Option<Frontmatter>, String> {
    find_knowing(text, start, None)
}

/// [`find`], where `known` may hold a YAML text with the value it parses
/// to (see [`crate::note::Note::checked_yaml`]): a block whose YAML is that
/// text takes that value instead of being parsed again.
pub(crate) fn find_knowing(
    text: &str,
    start: usize,
    known: Option<(String, serde_yaml::Value)>,
) -> Result<Option<Frontmatter>, String> {
    let rest = &text[start..];
    let first_len = match rest.find('\n') {
        Some(i) => i + 1,
        None => return Ok(None),
    };
    if rest[..first_len].trim_end_matches(['\r', '\n']) != "---" {
        return Ok(None);
    }
    let yaml_start = start + first_len;
    let mut at = yaml_start;
    // The YAML's lines, split as the closing line is looked for: every
    // line before that one ends with a `\n`, so they are the YAML's own.
    let after = &text[yaml_start..];
    // Room for the lines of most blocks, not grown line by line.
    let mut lines = Vec::with_capacity(LINES);
    while at < text.len() {
        // By memchr: a char search sets up more than a line of YAML costs.
        let newline = memchr::memchr(b'\n', &text.as_bytes()[at..]).map(|i| at + i);
        let line_end = newline.map_or(text.len(), |nl| nl + 1);
        let line = text[at..line_end].trim_end_matches(['\r', '\n']);
        if line == "---" || line == "..." {
            let yaml = &text[yaml_start..at];
            let value = match known {
                Some((read, value)) if read == yaml => Ok(value),
                _ => parse_split(yaml, &lines),
            };
            let mut entries = entries::entries(yaml, &lines);
            let unread = value
                .as_ref()
                .ok()
                .filter(|v| !reads_as(&entries, v))
                .map(|_| UNREAD.to_string());
            if unread.is_some() {
                entries.clear();
            }
            return Ok(Some(Frontmatter {
                range: start..line_end,
                yaml: yaml_start..at,
                value,
                entries,
                lines,
                unread,
            }));
        }
        if let Some(nl) = newline {
            lines.push(entries::line(after, at - yaml_start, nl - yaml_start));
        }
        at = line_end;
    }
    Err("frontmatter opened with `---` is never closed; it is left as it is".to_string())
}

/// Lines a frontmatter block's reading makes room for at first: most
/// blocks have fewer (a title, dates, tags, a few more keys).
const LINES: usize = 16;

const UNREAD: &str = "the frontmatter is written in a form Notemend does not read line by line (an explicit `? key`, a tagged or anchored key, or a flow mapping or quoted value over several lines); left as it is";

/// Whether the entries read line by line are the top-level keys of the
/// parsed value, each once: only then can a fix trust where they are.
fn reads_as(entries: &[Entry], value: &serde_yaml::Value) -> bool {
    let Some(map) = value.as_mapping() else {
        return entries.is_empty();
    };
    entries.len() == map.len()
        && entries.iter().enumerate().all(|(i, e)| {
            !entries[..i].iter().any(|o| o.key == e.key)
                && map.keys().any(|k| match k {
                    serde_yaml::Value::String(s) => *s == e.key,
                    // `1:` or `true:`: the key as YAML reads the text.
                    other => parse_yaml(&e.key).is_ok_and(|v| v == *other),
                })
        })
}

/// Parses YAML text. Aliases are refused outright: frontmatter has no use
/// for them, and they are how a small block expands into a huge one. The
/// plainest blocks are read without the parser ([`plain`]).
pub fn parse_yaml(yaml: &str) -> Result<serde_yaml::Value, String> {
    parse_with(yaml, plain::read)
}

/// [`parse_yaml`] of a block whose lines are split already: the plain
/// reader takes them as they are.
fn parse_split(yaml: &str, lines: &[YLine]) -> Result<serde_yaml::Value, String> {
    parse_with(yaml, |yaml| plain::read_split(yaml, lines))
}

/// [`parse_yaml`] with `plain` as its plain reader.
fn parse_with(
    yaml: &str,
    plain: impl FnOnce(&str) -> Option<serde_yaml::Value>,
) -> Result<serde_yaml::Value, String> {
    if yaml.trim().is_empty() {
        return Ok(serde_yaml::Value::Null);
    }
    if has_alias(yaml) {
        return Err(
            "frontmatter uses YAML aliases (`*name`), which Notemend does not expand".into(),
        );
    }
    let parse = || {
        serde_yaml::from_str::<serde_yaml::Value>(yaml)
            .map_err(|e| format!("frontmatter is not valid YAML: {e}"))
    };
    match plain(yaml) {
        Some(value) => {
            debug_assert_eq!(Ok(&value), parse().as_ref(), "plain reading of {yaml:?}");
            Ok(value)
        }
        None => parse(),
    }
}

/// The 1-based line of a top-level `notemend: false` in the frontmatter
/// of `text`: the note opts out of every fix. The key is `notemend` in any
/// case, plain or quoted; the value `false`, `no`
/// or `off` in any case, plain or quoted, with or without a comment after
/// a space: the forms YAML reads as that key with a false (1.1 and 1.2)
/// or that word as a string; also on the one indented line below a bare
/// `notemend:`, and after YAML's own `!!bool` or `!!str` tag, which YAML
/// reads the same way. Not `notemend:false` or `notemend: false#x`,
/// which YAML reads as other text. Read from the block's entries, not the
/// parsed value, so a note whose YAML is broken elsewhere still opts out;
/// the plugin's `optsOut` reads the same forms (`tests/data/opt-out.json`
/// holds the cases both sides are tested on).
pub fn opt_out(text: &str) -> Option<usize> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    opts_out(text, &find(text, start).ok()??)
}

/// [`opt_out`] for a block already found in `text`.
pub fn opts_out(text: &str, fm: &Frontmatter) -> Option<usize> {
    let yaml = &text[fm.yaml.clone()];
    let first = text[..fm.yaml.start].matches('\n').count() + 1;
    // The opt-out is read as written even where fixes may not edit.
    let read;
    let written = if fm.unread.is_some() {
        read = entries::entries(yaml, &fm.lines);
        &read
    } else {
        &fm.entries
    };
    written
        .iter()
        .find(|e| says_no(yaml, &fm.lines, e))
        .map(|e| first + e.first)
}

/// The 1-based line and the key of a top-level `…-plugin` key
/// (`kanban-plugin: basic`, `excalidraw-plugin: parsed`) in the block:
/// the note is another plugin's data, a Kanban board or an Excalidraw
/// drawing, which a repair could break, so it is left whole, by the core
/// as by the Obsidian plugin (its `ownerPlugin` reads the same keys).
pub fn owner<'a>(text: &str, fm: &'a Frontmatter) -> Option<(usize, &'a str)> {
    let first = text[..fm.yaml.start].matches('\n').count() + 1;
    fm.entries
        .iter()
        .find(|e| {
            e.key.strip_suffix("-plugin").is_some_and(|name| {
                name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            })
        })
        .map(|e| (first + e.first, e.key.as_str()))
}

fn says_no(yaml: &str, lines: &[YLine], e: &Entry) -> bool {
    if !e.key.eq_ignore_ascii_case("notemend") {
        return false;
    }
    // From the colon, so only YAML's own spaces and tabs are trimmed.
    let end = e
        .comment
        .as_ref()
        .map_or(lines[e.first].range.end, |c| c.start);
    let mut value = yaml[e.colon_end..end].trim_matches([' ', '\t']);
    if value.is_empty() {
        // `notemend:` then `  false`: YAML reads the value on the one
        // indented line below, when it is the entry's only content.
        let mut below = (e.first + 1..e.end)
            .map(|j| (&lines[j], &yaml[lines[j].range.clone()]))
            .filter(|(_, t)| !entries::is_blank_or_comment(t));
        let (Some((line, text)), None) = (below.next(), below.next()) else {
            return false;
        };
        if line.indent == 0 {
            return false;
        }
        let text = &text[line.indent..];
        let comment = entries::split_comment(text).1;
        value = text[..comment.unwrap_or(text.len())].trim_matches([' ', '\t']);
    }
    // `!!bool false`, `!!str false`: YAML's own tags say what it reads anyway.
    for tag in ["!!bool", "!!str"] {
        if let Some(rest) = value.strip_prefix(tag) {
            if rest.starts_with([' ', '\t']) {
                value = rest.trim_start_matches([' ', '\t']);
            }
        }
    }
    let word = ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q)?.strip_suffix(q))
        .unwrap_or(value);
    ["false", "no", "off"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

fn has_alias(yaml: &str) -> bool {
    // Every alias has a `*`, and most blocks have none.
    memchr::memchr(b'*', yaml.as_bytes()).is_some()
        && yaml.lines().any(|line| {
            let t = line.trim_start().trim_start_matches("- ");
            t.contains(": *") || t.starts_with('*') || t.contains("[*") || t.contains(", *")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_closed_block() {
        let text = "---\na: 1\n---\nbody";
        let fm = find(text, 0).unwrap().unwrap();
        assert_eq!(&text[fm.yaml.clone()], "a: 1\n");
        assert_eq!(fm.range, 0..13);
        assert!(fm.value.is_ok());
    }

    #[test]
    fn unclosed_and_invalid() {
        assert!(find("---\na: 1\n", 0).is_err());
        let fm = find("---\na: [1\n---\n", 0).unwrap().unwrap();
        assert!(fm.value.is_err());
        assert!(find("# title\n", 0).unwrap().is_none());
    }

    #[test]
    fn opt_out_is_a_top_level_false() {
        assert_eq!(
            opt_out("---\ntitle: a\nnotemend: false\n---\nbody"),
            Some(3)
        );
        assert_eq!(
            opt_out("\u{feff}---\r\nNotemend : Off # mine\r\n---\r\n"),
            Some(2)
        );
        assert_eq!(opt_out("---\nnotemend: 'false'\n---\n"), Some(2));
        for text in [
            "---\nnotemend: true\n---\n",
            "---\n  notemend: false\n---\n",
            "---\nnotemend: falsehood\n---\n",
            "notemend: false\n",
            "---\nnotemend: false\n",
            "---\na: 1\n---\nnotemend: false\n",
        ] {
            assert_eq!(opt_out(text), None, "{text:?}");
        }
    }

    #[test]
    fn aliases_refused() {
        assert!(parse_yaml("a: &x [1]\nb: *x\n").is_err());
    }
}
