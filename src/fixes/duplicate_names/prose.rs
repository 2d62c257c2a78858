//! Doubled names outside the places that name people: running text, and the
//! word after a link.
//!
//! In running text a capitalised word written twice is as often a real
//! phrase (`New New York`, `Bora Bora`, `Duran Duran`) as a glued surname, so
//! it is repaired only on proof: the collapsed words are a person the note,
//! the settings or the vault know (`talk to Jason Jason Vallery`, with Jason
//! Vallery an attendee). Without that proof it stays, unreported: running
//! text is not a place that claims to name anyone.
//!
//! A link to a person followed by the last word of the name once more
//! (`[[Lior Genzel]] Genzel`) loses that word: the link already says it.

use super::judge::{verdict, Verdict};
use super::name::{self, MAX_NAME};
use super::people::People;
use super::sites::{Kind, Site};
use crate::fixes::Sink;
use crate::note::Note;
use std::ops::Range;

/// Proposes the repairs of doubled names in running text and after links.
/// `sites` are the places the site scan already judges; their words are
/// left to it.
pub fn propose(note: &Note, sites: &[Site], people: &People, sink: &mut Sink) {
    let text = note.text;
    // Sorted by start, with the furthest end so far, for a binary search
    // (a long note has thousands of sites and tens of thousands of spaces).
    let mut taken: Vec<Range<usize>> = sites.iter().map(span).collect();
    taken.sort_by_key(|r| r.start);
    let mut reach = 0;
    let reaches: Vec<usize> = taken
        .iter()
        .map(|r| {
            reach = reach.max(r.end);
            reach
        })
        .collect();
    let inside_site = |at: usize| {
        let before = taken.partition_point(|r| r.start <= at);
        before > 0 && reaches[before - 1] > at
    };
    // The spaces a doubled word follows, found once over each run of text
    // lines (the frontmatter, code and comments are the site scan's or
    // nobody's, and no line below reads a space there): only a space
    // before a capital can be one, and a note has a handful.
    let mut doubled: Vec<usize> = Vec::new();
    for run in text_runs(note) {
        let spaces = name::spaces_before_capitals(&text.as_bytes()[run.clone()]);
        doubled.extend(
            spaces
                .map(|space| run.start + space)
                .filter(|&space| name::doubled_at(text, space)),
        );
    }
    let mut next = 0;
    for (_, line) in note.text_lines() {
        let range = line.range.clone();
        while doubled.get(next).is_some_and(|&s| s < range.start) {
            next += 1;
        }
        let first = next;
        while doubled.get(next).is_some_and(|&s| s < range.end) {
            next += 1;
        }
        if first == next {
            continue;
        }
        let links = link_spans(text, range.clone());
        let mut done = range.start;
        for &space in &doubled[first..next] {
            if space < done || inside_site(space) || links.iter().any(|l| l.contains(&space)) {
                continue;
            }
            if let Some(end) = running_text(text, space, range.clone(), people, sink) {
                done = end;
            }
        }
    }
    for site in sites {
        after_link(text, site, note, sink);
    }
}

/// The byte ranges of the note's runs of consecutive text lines, each from
/// its first line's start to its last line's end (line endings inside).
fn text_runs<'n>(note: &'n Note) -> impl Iterator<Item = Range<usize>> + 'n {
    let mut lines = note.lines.iter().peekable();
    std::iter::from_fn(move || {
        let first = lines.find(|l| l.is_text())?;
        let mut end = first.range.end;
        while let Some(line) = lines.next_if(|l| l.is_text()) {
            end = line.range.end;
        }
        Some(first.range.start..end)
    })
}

/// The `[[…]]` spans of a line, embeds included: a link's inside is the
/// site scan's to judge (an embed's alias is left as written).
fn link_spans(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = line.start;
    while let Some(open) = memchr::memmem::find(&text.as_bytes()[from..line.end], b"[[") {
        let open = from + open;
        let Some(close) = memchr::memmem::find(&text.as_bytes()[open..line.end], b"]]") else {
            break;
        };
        spans.push(open..open + close + 2);
        from = open + close + 2;
    }
    spans
}

/// The byte span of a site's words.
fn span(site: &Site) -> Range<usize> {
    match (site.words.first(), site.words.last()) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    }
}

/// The doubled word at `space` in running text, collapsed when some run of
/// capitalised words through it collapses to a known person. Returns where
/// the repaired name ends.
fn running_text(
    text: &str,
    space: usize,
    line: Range<usize>,
    people: &People,
    sink: &mut Sink,
) -> Option<usize> {
    // The name may start up to MAX_NAME - 1 words before the doubled one;
    // the leftmost start that collapses to a known person wins.
    let mut starts = vec![word_start(text, space)?];
    while starts.len() < MAX_NAME {
        let first = *starts.last()?;
        let Some(before) = first.checked_sub(1).filter(|&b| b > line.start) else {
            break;
        };
        if text.as_bytes()[before] != b' ' {
            break;
        }
        match word_start(text, before) {
            Some(s) if name::word_len(&text[s..line.end]) == Some(before - s) => starts.push(s),
            _ => break,
        }
    }
    for &start in starts.iter().rev() {
        let words = name::words_at(text, start, line.end);
        let Some(Verdict::Collapse {
            words: k,
            collapsed,
            because,
        }) = verdict(text, &words, people)
        else {
            continue;
        };
        // Only a run that takes in the doubled word, and only on proof.
        if words[k - 1].end <= space || people.get(&collapsed).is_none() {
            continue;
        }
        let range = start..words[k - 1].end;
        let message = format!(
            "`{}` → `{collapsed}`: doubled word in running text; {because}",
            &text[range.clone()]
        );
        sink.replace(range.clone(), collapsed, message);
        return Some(range.end);
    }
    None
}

/// Start of the capitalised word that ends right before byte `end`, read
/// as the doubled-word test reads words.
fn word_start(text: &str, end: usize) -> Option<usize> {
    let start = name::word_start(text, end);
    (start < end && text[start..].chars().next().is_some_and(char::is_uppercase)).then_some(start)
}

/// `[[Lior Genzel]] Genzel`: the word after a link to a person repeats the
/// last word of the name the link shows (its alias, or its target when it
/// has none: an aliased target's words end at the `|`, not at `]]`).
fn after_link(text: &str, site: &Site, note: &Note, sink: &mut Sink) {
    if !matches!(site.kind, Kind::Target | Kind::Alias) {
        return;
    }
    let Some(last) = site.words.last() else {
        return;
    };
    let Some(rest) = text.get(last.end..) else {
        return;
    };
    if !rest.starts_with("]] ") {
        return;
    }
    let word_at = last.end + 3;
    let Some(len) = name::word_len(&text[word_at..]) else {
        return;
    };
    let (shown, again) = (&text[last.clone()], &text[word_at..word_at + len]);
    if !name::same_word(shown, again) {
        return;
    }
    let removed = last.end + 2..word_at + len;
    if !note.is_free(removed.clone()) {
        return;
    }
    let message = format!(
        "`{again}` after the link repeats the last word of `{}`: doubled word",
        &text[span(site)]
    );
    sink.replace(removed, "", message);
}
