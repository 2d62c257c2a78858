//! A frontmatter list of people whose repaired entry would repeat another
//! entry: `participants: [Lior Genzel, Lior Genzel Genzel]`.
//!
//! Repairing the entry in place would leave two equal entries, a repeat the
//! repair itself made (the frontmatter fix leaves repeats in lists that are
//! not sets, as they can be data). So the entry the repair made equal is
//! dropped instead, in one explained edit. Only where dropping is a clean
//! cut: the entry alone on its line (no comment, no continuation) or one
//! item of a one-line flow list, in a list that is not nested.

use crate::fixes::{Proposal, Sink};
use crate::note::Note;
use std::ops::Range;

/// The entries of one frontmatter list of people, as written.
#[derive(Clone, Debug, Default)]
pub struct List {
    /// The key, as written.
    pub key: String,
    /// Its entries in order.
    pub entries: Vec<ListEntry>,
}

/// One entry of a [`List`].
#[derive(Debug, Clone)]
pub struct ListEntry {
    /// The scalar's content (inside its quotes), absolute; `None` when it
    /// cannot be compared as written (escapes).
    pub content: Option<Range<usize>>,
    /// The bytes that remove the entry cleanly, absolute; `None` when there
    /// is no clean cut.
    pub drop: Option<Range<usize>>,
}

/// The content of a YAML scalar `item` written at offset 0: the range
/// inside its quotes (or the plain text before a comment), and whether the
/// scalar is all of `item`. `None` when escapes make the bytes differ from
/// the value.
pub fn scalar(item: &str) -> Option<(Range<usize>, bool)> {
    match item.chars().next() {
        Some(q @ ('"' | '\'')) if item.len() >= 2 && item.ends_with(q) => {
            let inner = &item[1..item.len() - 1];
            if inner.contains('\\') || inner.contains("''") {
                return None;
            }
            Some((1..item.len() - 1, true))
        }
        _ => {
            // A plain scalar ends where a comment starts.
            let end = item.find(" #").unwrap_or(item.len());
            let content = item[..end].trim_end();
            Some((0..content.len(), end == item.len()))
        }
    }
}

/// Rewrites the proposals `sink` holds from index `from` on: a repair
/// inside an entry of `lists` that makes it equal to another entry (one left
/// as written, or an earlier one) becomes the removal of the entry.
pub fn drop_repeats(note: &Note, lists: &[List], sink: &mut Sink, from: usize) {
    let text = note.text;
    let mut dropped = vec![false; sink.proposals.len()];
    let mut drops = Vec::new();
    for list in lists {
        // Each entry's repairs (proposal indices) and its value after them.
        let repairs: Vec<Vec<usize>> = list
            .entries
            .iter()
            .map(|e| match &e.content {
                Some(c) => (from..sink.proposals.len())
                    .filter(|&i| within(&sink.proposals[i].edit.range, c))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        let values: Vec<Option<String>> = list
            .entries
            .iter()
            .zip(&repairs)
            .map(|(e, r)| Some(repaired(text, e.content.clone()?, r, &sink.proposals)))
            .collect();
        for (j, entry) in list.entries.iter().enumerate() {
            let (Some(value), Some(cut), Some(content)) = (&values[j], &entry.drop, &entry.content)
            else {
                continue;
            };
            if repairs[j].is_empty()
                || *value == text[content.clone()]
                || !note.is_free(cut.clone())
            {
                continue;
            }
            let repeats = (0..values.len()).any(|k| {
                k != j && values[k].as_ref() == Some(value) && (k < j || repairs[k].is_empty())
            });
            if !repeats {
                continue;
            }
            let why: Vec<&str> = repairs[j]
                .iter()
                .map(|&i| sink.proposals[i].message.as_str())
                .collect();
            let message = format!(
                "{}; `{}` already lists `{value}`, so this entry is dropped",
                why.join("; "),
                list.key
            );
            for &i in &repairs[j] {
                dropped[i] = true;
            }
            drops.push((cut.clone(), message));
        }
    }
    if drops.is_empty() {
        return;
    }
    let mut i = 0;
    sink.proposals.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
    for (cut, message) in drops {
        sink.replace(cut, "", message);
    }
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The text of `content` with the proposals `repairs` applied.
fn repaired(text: &str, content: Range<usize>, repairs: &[usize], all: &[Proposal]) -> String {
    let mut edits: Vec<_> = repairs.iter().map(|&i| &all[i].edit).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::new();
    let mut at = content.start;
    for e in edits {
        if e.range.start < at {
            continue; // Overlapping repairs: the first one stands.
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..content.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::scalar;

    #[test]
    fn scalars() {
        assert_eq!(scalar("Ada Lovelace"), Some((0..12, true)));
        assert_eq!(scalar("'Ada'"), Some((1..4, true)));
        assert_eq!(scalar("Ada # x"), Some((0..3, false)));
        assert_eq!(scalar("\"A\\u0041\""), None);
        assert_eq!(scalar("'it''s'"), None);
    }
}
