//! The `frontmatter` fix.
//!
//! **What it does.** Tidies the YAML frontmatter with the smallest edits
//! that do the job, never re-writing the block as a whole:
//! - a plain scalar a YAML writer folded over several lines (continuation
//!   lines indented under it) is joined back onto one line;
//! - `tags` becomes a YAML list of tag names without `#` (`tags: #a, #b`,
//!   `tags: a b`, `tags: ["#a", b]` → a block list `- a`, `- b`, indented
//!   like the note's other lists, or as Obsidian writes them); items
//!   written `- #a` lose their `#` in place. Both `#` forms are YAML
//!   comments (no tags at all); when a comment holds more than one tag
//!   word per item, or words that are not tags, it is reported instead;
//! - repeated entries of the lists Obsidian reads as sets (`tags`,
//!   `aliases`, `cssclasses`, and their older singular names) are removed,
//!   the first one kept; a repeat in any other list (`steps: [push, push,
//!   pop]`, a playlist) can mean something, so it is reported and left;
//! - when the `dates` fix is turned off, a quoted ISO date under a date key
//!   (`date: '2025-09-16'`) loses its quotes, as a fallback: with `dates`
//!   on, that fix does it (and more).
//!
//! **Why.** Obsidian's properties panel shows folded paths as broken text,
//! reads tags only from a list of names (`#a` after `tags:` is a YAML
//! comment, so `tags: #a, #b` holds no tags at all), and shows a quoted
//! date as text rather than a date.
//!
//! **Example.**
//! ```text
//! ---                                      ---
//! date: '2025-09-16'                       date: 2025-09-16
//! source_ref: Inbox/2025-09-16 - call  →   source_ref: Inbox/2025-09-16 - call with Jason.md
//!   with Jason.md                          tags:
//! tags: #meeting, #vast                      - meeting
//! ---                                        - vast
//!                                          ---
//! ```
//!
//! **Safety.** Comments, key order, line endings and the quoting of
//! untouched values are kept. Every edit is checked by parsing the edited
//! YAML again: it must give the same value as before, except for the one
//! intended change (the new `tags` list, the list without its repeats); an
//! edit that fails the check is dropped. Frontmatter that is not valid YAML
//! (or uses aliases) gets a diagnostic and is left exactly as it is:
//! `tags: [#a, b]` is such YAML (the `#` starts a comment), and the
//! diagnostic says so. A block opened with `---` and never closed is not
//! frontmatter at all. Either way the body is still processed by the other
//! fixes. Edits that would touch a protected region (a wikilink in a list)
//! are dropped by the pipeline.
//!
//! **Options.** `dateKeys` adds keys to the date keys of the quoted-date
//! fallback (the same keys the `dates` fix reads).

use super::dates::sites::is_date_key;
use super::{Context, Sink};
use crate::config::{Config, Fix};
use crate::note::frontmatter::entries::{self as scan, Entry, YLine};
use crate::note::frontmatter::{parse_yaml, Frontmatter};
use crate::note::{Kinds, Note};
use serde_yaml::Value;
use std::ops::Range;

/// One change to the YAML: its edits (relative to the YAML text) and the
/// value it is meant to give a top-level key (`None`: value unchanged).
#[derive(Clone, Debug)]
struct Group {
    edits: Vec<(Range<usize>, String)>,
    key: Option<(String, Value)>,
    message: String,
}

/// A frontmatter block.
pub const NEEDS: Kinds = Kinds::FRONTMATTER;

/// Proposes the `frontmatter` edits for `note`.
pub fn run(note: &Note, cx: &Context, sink: &mut Sink) {
    let Some(fm) = &note.frontmatter else {
        return;
    };
    let value = match &fm.value {
        Ok(v) => v,
        Err(problem) => {
            let yaml = &note.text[fm.yaml.clone()];
            let hint = if yaml.lines().any(|l| l.contains("[#") || l.contains("[ #")) {
                " (a `#` after `[` starts a comment; write tags without `#`)"
            } else {
                ""
            };
            sink.diagnose(
                fm.range.start,
                format!("{problem}{hint}; the frontmatter is left as it is"),
            );
            return;
        }
    };
    if let Some(why) = &fm.unread {
        sink.diagnose(fm.range.start, why.clone());
        return;
    }
    let yaml = &note.text[fm.yaml.clone()];
    let mut left = Vec::new();
    let groups = plan(fm, yaml, value, &cx.config, &mut left);
    for why in left {
        sink.diagnose(fm.range.start, why);
    }
    if groups.is_empty() {
        return;
    }
    // Usually every change is safe, and one parse of the whole edited block
    // shows it; only when that fails is each change checked on its own.
    let (checked, read) = match checked_read(yaml, value, &groups) {
        Some(read) => (groups, read),
        None => {
            let checked: Vec<Group> = groups
                .into_iter()
                .filter(|g| checked_read(yaml, value, std::slice::from_ref(g)).is_some())
                .collect();
            let Some(read) = checked_read(yaml, value, &checked) else {
                sink.diagnose(
                    fm.range.start,
                    "frontmatter edits that are safe one by one are not safe together; left as it is",
                );
                return;
            };
            (checked, read)
        }
    };
    // The edited note's block need not be parsed again.
    let _ = note.checked_yaml.set(read);
    for g in checked {
        for (range, replacement) in g.edits {
            let at = fm.yaml.start;
            sink.replace(
                range.start + at..range.end + at,
                replacement,
                g.message.clone(),
            );
        }
    }
}

/// Every change the YAML text asks for, unchecked; what it must leave is
/// said in `left`.
fn plan(
    fm: &Frontmatter,
    yaml: &str,
    value: &Value,
    config: &Config,
    left: &mut Vec<String>,
) -> Vec<Group> {
    let (lines, entries) = (&fm.lines, &fm.entries);
    // The block's lines know their endings: no search of the YAML (a
    // two-byte substring search is not vectorised in WebAssembly).
    let crlf = lines.iter().any(|l| l.next - l.range.end == 2);
    let newline = if crlf { "\r\n" } else { "\n" };
    let map = value.as_mapping();
    let mut groups = Vec::new();
    // Lines a group already rewrites; the fold rule leaves them alone.
    let mut taken = vec![false; lines.len()];
    let indent = list_indent(yaml, lines, entries);
    // The value's keys in their order, which is the entries' when the
    // block was read line by line: each entry's value is then the next
    // one, without hashing its key (SipHash over a YAML value) to look it
    // up; any other key is looked up.
    let mut in_order = map.into_iter().flat_map(|m| m.iter()).peekable();
    for e in entries {
        let next = in_order.next_if(|(k, _)| k.as_str() == Some(e.key.as_str()));
        let current = match next {
            Some((_, v)) => Some(v),
            None => map.and_then(|m| m.get(e.key.as_str())),
        };
        let Some(current) = current else {
            continue;
        };
        let group = if e.key == "tags" {
            tags(yaml, lines, e, current, indent, newline).unwrap_or_else(|why| {
                left.push(why);
                None
            })
        } else if is_set(&e.key) {
            dedupe(yaml, lines, e, current)
        } else {
            if let Some(why) = repeats(e, current) {
                left.push(why);
            }
            quoted_date(yaml, e, config)
        };
        if let Some(g) = group {
            for t in &mut taken[e.first..e.end] {
                *t = true;
            }
            groups.push(g);
        }
    }
    groups.extend(folds(yaml, lines, &taken));
    groups
}

/// When applying `groups` to `yaml` gives `value` with only the intended
/// changes: the edited YAML and what it parses to.
fn checked_read(yaml: &str, value: &Value, groups: &[Group]) -> Option<(String, Value)> {
    let mut edits: Vec<&(Range<usize>, String)> = groups.iter().flat_map(|g| &g.edits).collect();
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    if edits.windows(2).any(|w| w[0].0.end > w[1].0.start) {
        return None;
    }
    let mut text = String::with_capacity(yaml.len());
    let mut at = 0;
    for (range, replacement) in edits {
        text.push_str(&yaml[at..range.start]);
        text.push_str(replacement);
        at = range.end;
    }
    text.push_str(&yaml[at..]);
    let mut expected = value.clone();
    for g in groups {
        if let (Some((key, new)), Some(m)) = (&g.key, expected.as_mapping_mut()) {
            m.insert(Value::String(key.clone()), new.clone());
        }
    }
    let read = parse_yaml(&text).ok().filter(|v| *v == expected)?;
    Some((text, read))
}

/// The indentation of `- item` lines under a key in this frontmatter, or
/// Obsidian's own two spaces when it has none.
fn list_indent(yaml: &str, lines: &[YLine], entries: &[Entry]) -> usize {
    entries
        .iter()
        .filter(|e| e.inline.is_empty())
        .find_map(|e| {
            let next = lines.get(e.first + 1)?;
            yaml[next.range.clone()][next.indent..]
                .starts_with("- ")
                .then_some(next.indent)
        })
        .unwrap_or(2)
}

/// A block list item: its line index and the range of its scalar.
type Item = (usize, Range<usize>);

/// `(line index, scalar range)` for each item of a block list whose items
/// are all one-line scalars at one indentation.
fn block_items(yaml: &str, lines: &[YLine], e: &Entry) -> Option<Vec<Item>> {
    if !e.inline.is_empty() || e.end <= e.first + 1 {
        return None;
    }
    let mut items = Vec::new();
    for (j, start, item) in list_items(yaml, lines, e)? {
        let (value, _) = scan::split_comment(item);
        if value.is_empty()
            || value.starts_with(['[', '{', '|', '>', '-', '&', '*', '!'])
            || scan::key_of(value).is_some()
        {
            return None;
        }
        items.push((j, start..start + value.len()));
    }
    Some(items)
}

/// The items of a block list at one indentation, blank and comment lines
/// skipped: `(line index, byte offset of the item's text, the text after
/// "- ")`; `None` when a line is not such an item.
fn list_items<'y>(
    yaml: &'y str,
    lines: &[YLine],
    e: &Entry,
) -> Option<Vec<(usize, usize, &'y str)>> {
    let mut items = Vec::new();
    let mut indent = None;
    for (j, line) in lines.iter().enumerate().take(e.end).skip(e.first + 1) {
        let text = &yaml[line.range.clone()];
        if scan::is_blank_or_comment(text) {
            continue;
        }
        if *indent.get_or_insert(line.indent) != line.indent {
            return None;
        }
        let item = text[line.indent..].strip_prefix("- ")?;
        let lead = item.len() - item.trim_start_matches(' ').len();
        items.push((j, line.range.end - item.len() + lead, &item[lead..]));
    }
    Some(items)
}

/// The strings of a sequence, if it holds only strings.
fn strings(v: &Value) -> Option<Vec<&str>> {
    v.as_sequence()?.iter().map(Value::as_str).collect()
}

fn first_occurrences(items: &[String]) -> Vec<bool> {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| !items[..i].contains(s))
        .collect()
}

fn sequence(items: &[String]) -> Value {
    Value::Sequence(items.iter().cloned().map(Value::String).collect())
}

/// A scalar written plain when YAML reads it back as the same string, else
/// single-quoted.
fn render(item: &str) -> String {
    let plain = !item.starts_with([
        '\'', '"', '#', '-', '?', ':', '[', '{', '!', '&', '*', '|', '>', '%', '@', '`',
    ]) && item.trim() == item
        && !item.contains(": ")
        && !item.contains(" #")
        && parse_yaml(item).is_ok_and(|v| v.as_str() == Some(item));
    if plain {
        item.to_string()
    } else {
        format!("'{}'", item.replace('\'', "''"))
    }
}

/// Why a `tags` value written with `#` is left as it is.
const TAGS_AS_COMMENTS: &str = "YAML reads a `#` after `tags:` or after a list's `- ` as a comment, so these tags are not tags";

/// `tags` as a block list of names without `#`, without repeats. `Err`
/// says why tags written as YAML comments (`tags: #a`, `- #a`) are left:
/// both forms are repaired when every word is a tag, and reported when not.
fn tags(
    yaml: &str,
    lines: &[YLine],
    e: &Entry,
    current: &Value,
    indent: usize,
    newline: &str,
) -> Result<Option<Group>, String> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == ',')
            .map(|t| t.trim_start_matches('#'))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    // `tags: #a, #b` is a comment to YAML; when a comment after a tags
    // value starts with a `#word`, its words are meant as tags too, and
    // if some of them are not tag-like, the line is left for the user.
    let mut keep_comment = true;
    let mut from_comment = Vec::new();
    if let Some(c) = &e.comment {
        let words: Vec<&str> = yaml[c.clone()]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        if !matches!(current, Value::Sequence(_)) && words.first().is_some_and(tag_like) {
            if !words.iter().all(tag_like) || e.end != e.first + 1 {
                return Err(format!(
                    "{TAGS_AS_COMMENTS}; left as it is, since not every word after `#` is a tag: write them as a list without `#`"
                ));
            }
            keep_comment = false;
            from_comment = split(&yaml[c.clone()]);
        }
    }
    let mut hashed = false;
    let (names, items): (Vec<String>, Option<Vec<Item>>) = match current {
        Value::Null if !from_comment.is_empty() => (from_comment, None),
        Value::String(s) => {
            let mut names = split(s);
            names.extend(from_comment);
            (names, None)
        }
        // `- #a` items: the item is a comment, so YAML reads it as empty.
        Value::Sequence(seq) if seq.iter().any(Value::is_null) => {
            let Some(items) = hashed_items(yaml, lines, e).filter(|i| i.len() == seq.len()) else {
                return Err(format!(
                    "{TAGS_AS_COMMENTS}; left as it is, since not every `- #` item holds one tag: write them without `#`"
                ));
            };
            hashed = true;
            let names = items.iter().map(|(_, _, name)| name.clone()).collect();
            (
                names,
                Some(items.into_iter().map(|(j, r, _)| (j, r)).collect()),
            )
        }
        Value::Sequence(_) => {
            let Some(old) = strings(current) else {
                return Ok(None);
            };
            let names: Vec<String> = old
                .iter()
                .map(|s| match s.trim_start_matches('#') {
                    "" => s.to_string(),
                    t => t.to_string(),
                })
                .collect();
            let items = block_items(yaml, lines, e).filter(|i| i.len() == old.len());
            let firsts = first_occurrences(&names);
            if names.iter().zip(&old).all(|(n, o)| n == o) && firsts.iter().all(|&f| f) {
                return Ok(None);
            }
            (names, items)
        }
        _ => return Ok(None),
    };
    if names.is_empty() {
        return Ok(None);
    }
    let firsts = first_occurrences(&names);
    let unique: Vec<String> = names
        .iter()
        .zip(&firsts)
        .filter(|(_, &f)| f)
        .map(|(n, _)| n.clone())
        .collect();
    let repeats = names.len() - unique.len();
    let mut edits = Vec::new();
    let message;
    if let Some(items) = items {
        // A block list already: edit only the items that change.
        for ((j, range), (name, &first)) in items.iter().zip(names.iter().zip(&firsts)) {
            if !first {
                edits.push((lines[*j].range.start..lines[*j].next, String::new()));
            } else if yaml[range.clone()] != render(name) && current_item(yaml, range) != *name {
                edits.push((range.clone(), render(name)));
            }
        }
        // One message for the group: say each thing it does.
        let rewrote = edits.iter().any(|(_, new)| !new.is_empty());
        let removed = format!(
            "removed {repeats} repeated tag{}",
            if repeats == 1 { "" } else { "s" }
        );
        message = match (rewrote, repeats) {
            _ if hashed && repeats == 0 => "wrote the tags without `#` (YAML read `- #a` as a comment: an empty item, no tag)".to_string(),
            _ if hashed => format!("wrote the tags without `#` (YAML read `- #a` as a comment: an empty item, no tag) and {removed}"),
            (_, 0) => "wrote the tags without `#`".to_string(),
            (true, _) => format!("wrote the tags without `#` and {removed}"),
            (false, _) => removed,
        };
    } else {
        let last = &lines[e.end - 1];
        let mut new = String::new();
        if keep_comment {
            if let Some(c) = &e.comment {
                new.push(' ');
                new.push_str(&yaml[c.clone()]);
            }
        }
        for name in &unique {
            new.push_str(newline);
            new.push_str(&" ".repeat(indent));
            new.push_str("- ");
            new.push_str(&render(name));
        }
        edits.push((e.colon_end..last.range.end, new));
        message = "wrote `tags` as a YAML list of tag names without `#`".to_string();
    }
    if edits.is_empty() {
        return Ok(None);
    }
    Ok(Some(Group {
        edits,
        key: Some((e.key.clone(), sequence(&unique))),
        message,
    }))
}

/// A word written as a tag: `#` and a name without another `#`.
fn tag_like(w: &&str) -> bool {
    w.len() > 1 && w.starts_with('#') && !w[1..].contains('#')
}

/// The items of a `tags` block list where some are written `- #a`: for
/// each, its line, the range of what is written after `- `, and the tag
/// name meant. `None` unless every item is one-line and holds one tag.
fn hashed_items(
    yaml: &str,
    lines: &[YLine],
    e: &Entry,
) -> Option<Vec<(usize, Range<usize>, String)>> {
    if !e.inline.is_empty() {
        return None;
    }
    let mut items = Vec::new();
    for (j, start, item) in list_items(yaml, lines, e)? {
        let written = item.trim_end();
        let (value, comment) = scan::split_comment(written);
        let (name, len) = if value.is_empty() {
            // `- #a`: one tag-like word and nothing else.
            comment?;
            let mut words = written.split_whitespace();
            let word = words.next().filter(tag_like)?;
            if words.next().is_some() {
                return None;
            }
            (word[1..].to_string(), written.len())
        } else {
            let parsed = parse_yaml(value).ok()?;
            let s = parsed.as_str()?;
            (s.strip_prefix('#').unwrap_or(s).to_string(), value.len())
        };
        items.push((j, start..start + len, name));
    }
    Some(items)
}

/// The string a list item's text reads as, if it is a string.
fn current_item(yaml: &str, range: &Range<usize>) -> String {
    parse_yaml(&yaml[range.clone()])
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Whether the key is one of Obsidian's own list properties, which it
/// reads as sets: a repeated alias, CSS class or tag means nothing more.
/// Other lists may be sequences (`steps: [push, push, pop]`, a playlist),
/// where a repeat is data; the singular keys are Obsidian's older names.
fn is_set(key: &str) -> bool {
    ["tags", "aliases", "cssclasses", "tag", "alias", "cssclass"].contains(&key)
}

/// Why a repeat in a list that is not a set is left: the user may mean it.
fn repeats(e: &Entry, current: &Value) -> Option<String> {
    let items = strings(current)?;
    let owned: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    let repeated: Vec<&str> = first_occurrences(&owned)
        .iter()
        .zip(&items)
        .filter(|(&f, _)| !f)
        .map(|(_, s)| *s)
        .collect();
    let first = repeated.first()?;
    Some(format!(
        "`{}` repeats `{first}`{}; left as it is, since a repeat in a list can mean something (only `tags`, `aliases` and `cssclasses` are sets to Obsidian)",
        e.key,
        match repeated.len() {
            1 => String::new(),
            n => format!(" and {} more entr{}", n - 1, if n == 2 { "y" } else { "ies" }),
        }
    ))
}

/// A list of strings without its repeats.
fn dedupe(yaml: &str, lines: &[YLine], e: &Entry, current: &Value) -> Option<Group> {
    let old: Vec<String> = strings(current)?.into_iter().map(str::to_string).collect();
    let firsts = first_occurrences(&old);
    if firsts.iter().all(|&f| f) {
        return None;
    }
    let mut edits = Vec::new();
    if let Some(items) = block_items(yaml, lines, e).filter(|i| i.len() == old.len()) {
        for ((j, _), &first) in items.iter().zip(&firsts) {
            if !first {
                edits.push((lines[*j].range.start..lines[*j].next, String::new()));
            }
        }
    } else if yaml[e.inline.clone()].starts_with('[') && e.end == e.first + 1 {
        let flow = &yaml[e.inline.clone()];
        let items = scan::flow_items(flow).filter(|i| i.len() == old.len())?;
        for (k, &first) in firsts.iter().enumerate() {
            if !first {
                // From the end of the item before to the end of this one.
                let from = e.inline.start + items[k - 1].end;
                edits.push((from..e.inline.start + items[k].end, String::new()));
            }
        }
    } else {
        return None;
    }
    let unique: Vec<String> = old
        .iter()
        .zip(&firsts)
        .filter(|(_, &f)| f)
        .map(|(s, _)| s.clone())
        .collect();
    let n = old.len() - unique.len();
    Some(Group {
        edits,
        key: Some((e.key.clone(), sequence(&unique))),
        message: format!(
            "removed {n} repeated entr{} from `{}`",
            if n == 1 { "y" } else { "ies" },
            e.key
        ),
    })
}

/// `date: '2025-09-16'` → `date: 2025-09-16`, when the `dates` fix is off.
fn quoted_date(yaml: &str, e: &Entry, config: &Config) -> Option<Group> {
    if config.enabled(Fix::Dates) || e.end != e.first + 1 || !is_date_key(&e.key, config) {
        return None;
    }
    let text = &yaml[e.inline.clone()];
    let inner = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_suffix('"')))?;
    let b = inner.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape || !super::tasks::valid_date(inner) {
        return None;
    }
    Some(Group {
        edits: vec![(e.inline.clone(), inner.to_string())],
        key: None,
        message: format!("wrote `{}` as a plain YAML date", e.key),
    })
}

/// Where a plain scalar starts on a line, and the column its continuation
/// lines must be indented beyond.
fn plain_start(text: &str) -> Option<(usize, usize)> {
    let mut col = text.len() - text.trim_start_matches(' ').len();
    let mut parent = col;
    let mut dash = false;
    while text[col..].starts_with("- ") {
        parent = col;
        dash = true;
        col += 2;
        col += text[col..].len() - text[col..].trim_start_matches(' ').len();
    }
    let rest = &text[col..];
    let start = match scan::key_of(rest) {
        Some((_, after)) => {
            parent = col;
            let v = &rest[after..];
            col + after + (v.len() - v.trim_start_matches([' ', '\t']).len())
        }
        None if dash => col,
        None => return None,
    };
    let value = &text[start..];
    let simple = !value.is_empty()
        && !value.starts_with([
            '\'', '"', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#',
        ])
        && scan::split_comment(value).1.is_none();
    simple.then_some((start, parent))
}

/// Plain scalars folded over several lines, joined back onto one.
fn folds(yaml: &str, lines: &[YLine], taken: &[bool]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A fold needs a next line indented beyond the line's own spaces
        // (where its parent column starts at the least): most lines are
        // followed by a line at their own indentation, and are not read.
        let continued = lines.get(i + 1).is_some_and(|next| {
            next.indent > lines[i].indent
                && !taken[i + 1]
                && !scan::is_blank_or_comment(&yaml[next.range.clone()])
        });
        if !continued {
            i += 1;
            continue;
        }
        let text = &yaml[lines[i].range.clone()];
        let Some((_, parent)) = plain_start(text).filter(|_| !taken[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < lines.len()
            && !taken[j]
            && lines[j].indent > parent
            && !scan::is_blank_or_comment(&yaml[lines[j].range.clone()])
        {
            j += 1;
        }
        if j > i + 1 {
            let from = lines[i].range.start + text.trim_end().len();
            let mut joined = String::new();
            for line in &lines[i + 1..j] {
                joined.push(' ');
                joined.push_str(yaml[line.range.clone()].trim());
            }
            groups.push(Group {
                edits: vec![(from..lines[j - 1].range.end, joined)],
                key: None,
                message: format!(
                    "joined a value folded over {} lines back onto one line",
                    j - i
                ),
            });
        }
        i = j;
    }
    groups
}

#[cfg(test)]
mod tests {
    use crate::{normalize, Config, Fix};

    fn fm_only(text: &str) -> crate::Outcome {
        let mut config = Config::default();
        config.only(&[Fix::Frontmatter]);
        normalize(text, &config)
    }

    /// The fix leaves the YAML its edits make and what that parses to, so
    /// the edited note's reading takes the value instead of parsing again:
    /// and the reading carried over the edits has the block a fresh
    /// reading finds.
    #[test]
    fn leaves_the_checked_yaml_to_the_next_reading() {
        let text = "---\ntags: #a, #b\nx: 1\n---\nbody\n";
        let mut note = crate::Note::parse(text);
        let mut sink = crate::fixes::Sink::default();
        let config = Config::default();
        super::run(&note, &crate::Context::new(&config), &mut sink);
        let (yaml, value) = note.checked_yaml.get().expect("the checked YAML");
        assert_eq!(yaml, "tags:\n  - a\n  - b\nx: 1\n");
        assert_eq!(
            crate::note::frontmatter::parse_yaml(yaml).as_ref(),
            Ok(value)
        );
        let edits: Vec<crate::Edit> = (sink.proposals.iter()).map(|p| p.edit.clone()).collect();
        let edits: Vec<&crate::Edit> = edits.iter().collect();
        let new = crate::edit::apply(text, &edits);
        let carried = note.carry(&new, &edits).expect("carried");
        let fresh = crate::Note::parse(&new);
        let read = crate::Note::from_carried(&new, carried);
        let value = |n: &crate::Note| n.frontmatter.as_ref().map(|f| f.value.clone());
        assert_eq!(value(&read), value(&fresh));
    }

    #[test]
    fn sample_frontmatter() {
        let input = "---\ndate: '2025-09-16'\nsource_ref: Inbox/a - b for\n  Jason at VAST. c.md\ntags:\n- x\n---\n";
        let out = fm_only(input);
        assert_eq!(
            out.text,
            "---\ndate: 2025-09-16\nsource_ref: Inbox/a - b for Jason at VAST. c.md\ntags:\n- x\n---\n"
        );
    }

    #[test]
    fn tags_forms() {
        for (input, expected) in [
            ("tags: #a, #b\n", "tags:\n  - a\n  - b\n"),
            ("tags: a b\n", "tags:\n  - a\n  - b\n"),
            ("tags: a, #b, #a\n", "tags:\n  - a\n  - b\n"),
            ("tags: a b # mine\n", "tags: # mine\n  - a\n  - b\n"),
            ("tags: [\"#a\", b]\n", "tags:\n  - a\n  - b\n"),
            ("tags:\n- '#a'\n- b\n- a\n", "tags:\n- a\n- b\n"),
            ("x:\n    - y\ntags: a\n", "x:\n    - y\ntags:\n    - a\n"),
            ("tags:\n  - #a\n  - #b/c\n", "tags:\n  - a\n  - b/c\n"),
            (
                "tags:\n- #a\n- b # mine\n- '#c'\n- #a\n",
                "tags:\n- a\n- b # mine\n- c\n",
            ),
        ] {
            let out = fm_only(&format!("---\n{input}---\n"));
            assert_eq!(out.text, format!("---\n{expected}---\n"), "{input}");
        }
    }

    #[test]
    fn a_tag_list_edit_says_everything_it_does() {
        let message = |input: &str| {
            fm_only(&format!("---\n{input}---\n")).changes[0]
                .message
                .clone()
        };
        assert_eq!(
            message("tags:\n- '#a'\n- b\n"),
            "wrote the tags without `#`"
        );
        assert_eq!(message("tags:\n- a\n- b\n- a\n"), "removed 1 repeated tag");
        assert_eq!(
            message("tags:\n- '#a'\n- b\n- b\n"),
            "wrote the tags without `#` and removed 1 repeated tag"
        );
    }

    /// A fold is found under a key, under a list item and under a nested
    /// key; lines followed by a line no deeper are not read for one.
    #[test]
    fn folds_at_each_depth() {
        for (input, output) in [
            ("a: one\n  two\nb: x\n", "a: one two\nb: x\n"),
            ("list:\n  - one\n    two\n", "list:\n  - one two\n"),
            (
                "m:\n  k: one\n    two\n  j: y\n",
                "m:\n  k: one two\n  j: y\n",
            ),
            ("a: x\nb: y\n", "a: x\nb: y\n"),
        ] {
            let text = format!("---\n{input}---\n");
            assert_eq!(
                fm_only(&text).text,
                format!("---\n{output}---\n"),
                "{input}"
            );
        }
    }

    #[test]
    fn left_alone() {
        for input in [
            "tags: # just a comment\n",
            "tags: a, #b, a # mine\n",
            "tags:\n  - a\n  - b\n",
            "tags: [a, b]\n",
            "a: 'folded\n  quoted'\n",
            "a: |\n  block\n  scalar\n",
            "a: text\n\n  after a blank line\n",
            "scores: [1, 1, 2]\n",
            "date: '2025-02-30'\n",
        ] {
            let text = format!("---\n{input}---\n");
            assert_eq!(fm_only(&text).text, text, "{input}");
        }
    }

    #[test]
    fn tags_written_as_comments_are_repaired_or_reported_alike() {
        // Both forms hold no tags to YAML; each is repaired when every word
        // is a tag, and reported, unchanged, when not.
        for input in ["tags: #a, #b\n", "tags:\n  - #a\n  - #b\n"] {
            let out = fm_only(&format!("---\n{input}---\n"));
            assert_eq!(out.text, "---\ntags:\n  - a\n  - b\n---\n", "{input}");
            assert!(out.diagnostics.is_empty());
        }
        for input in [
            "tags: #a and more words\n",
            "tags:\n  - #a and more\n  - #b\n",
        ] {
            let text = format!("---\n{input}---\n");
            let out = fm_only(&text);
            assert_eq!(out.text, text);
            assert!(
                out.diagnostics
                    .iter()
                    .any(|d| d.message.contains("not tags")),
                "{input}: {:?}",
                out.diagnostics
            );
        }
    }

    #[test]
    fn invalid_yaml_is_a_diagnostic() {
        let text = "---\ntags: [#a, b]\n---\nbody  \n";
        let out = normalize(text, &Config::default());
        assert_eq!(out.text, "---\ntags: [#a, b]\n---\nbody\n");
        assert!(out
            .diagnostics
            .iter()
            .any(|d| d.fix == Some(Fix::Frontmatter) && d.message.contains("not valid YAML")));
    }
}
