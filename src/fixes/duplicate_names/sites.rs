//! Where names are written: `@` mentions, attendee and participant lines,
//! frontmatter lists of people and `[[links]]`. Each place is a [`Site`]: the
//! words of the name as byte ranges of the note, what kind of place it is,
//! and, for places that say who someone is, where that knowledge comes from.

use super::lists::{self, List, ListEntry};
use super::name::{self, MAX_NAME};
use super::people::Source;
use crate::config::Config;
use crate::note::frontmatter::entries;
use crate::note::{Frontmatter, Kinds, Note};
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// Frontmatter keys that hold people, besides the configured ones.
pub const PEOPLE_KEYS: [&str; 4] = ["participants", "attendees", "people", "owner"];

/// What kind of place a name was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `@Name` in running text: repaired, never evidence.
    Mention,
    /// An item of an attendee line or a frontmatter list: repaired, and
    /// evidence of who the note names.
    Item,
    /// The display text of `[[target|alias]]`: repaired, and evidence.
    Alias,
    /// A link target: evidence, never edited (only reported).
    Target,
    /// Evidence only (`@Name` in an attendee line, which the mention pass
    /// repairs).
    Fact,
}

/// One name in one place.
#[derive(Clone, Debug)]
pub struct Site {
    /// The kind of place.
    pub kind: Kind,
    /// The name's capitalised words, as absolute byte ranges.
    pub words: Vec<Range<usize>>,
    /// Where the place says someone is known from, when it is evidence.
    pub source: Option<Source>,
}

impl Site {
    /// The name as written.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        match (self.words.first(), self.words.last()) {
            (Some(a), Some(b)) => &text[a.start..b.end],
            _ => "",
        }
    }

    /// May the fix edit this place?
    pub fn editable(&self) -> bool {
        matches!(self.kind, Kind::Mention | Kind::Item | Kind::Alias)
    }
}

/// Everything the scan found in one note.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// Names, in note order within each pass.
    pub sites: Vec<Site>,
    /// The word of each `@Myself`-style placeholder (without the `@`).
    pub placeholders: Vec<Range<usize>>,
    /// The frontmatter lists of people, entry by entry.
    pub lists: Vec<List>,
}

/// The labels of attendee lines, e.g. `**Attendees**: A, B`.
fn label_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+)?(?:\*\*|__)?(attendees?|participants?|people|owners?)(?:\*\*|__)?[ \t]*::?[ \t]*(?:\*\*|__)?[ \t]*",
        )
        .expect("static regex")
    })
}

/// What separates the items of an attendee line.
fn separator_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[,;]| and | & ").expect("static regex"))
}

/// Placeholders that stand for the user.
fn is_placeholder(word: &str) -> bool {
    word.eq_ignore_ascii_case("myself") || word.eq_ignore_ascii_case("me")
}

/// Scans `note` for every place a name is written.
pub fn scan(note: &Note, config: &Config) -> Found {
    scan_with(note, config, true)
}

/// [`scan`], found once per reading of `note` when the settings add no
/// people key (all they change of it): the CLI reads each note's people
/// for the vault index, then repairs the same reading, and its first
/// pass meets the places the index found.
pub fn of<'n>(note: &'n Note, config: &Config) -> Cow<'n, Found> {
    if config.people_keys.is_empty() {
        Cow::Borrowed(
            note.name_sites
                .get_or_init(|| scan(note, &Config::default())),
        )
    } else {
        Cow::Owned(scan(note, config))
    }
}

/// Scans `note` for the places that say who someone is: no `@` mentions,
/// which are never evidence and which the vault index, reading every note,
/// need not parse.
pub fn scan_evidence(note: &Note, config: &Config) -> Found {
    scan_with(note, config, false)
}

fn scan_with(note: &Note, config: &Config, with_mentions: bool) -> Found {
    let mut found = Found::default();
    let text = note.text;
    // An attendee label ends in `:`, a link opens with `[[` and a mention
    // with `@`: only a line the scan saw one of them on is read, and only
    // for the places its kinds allow (most lines of a note have none).
    let wanted = Kinds::COLON.or(Kinds::BRACKET).or(Kinds::AT);
    for (i, line) in note.lines.iter().enumerate() {
        let kinds = note.scan.lines.get(i).copied().unwrap_or(Kinds::ALL);
        if !kinds.meets(wanted) || !line.is_text() {
            continue;
        }
        let range = line.range.clone();
        if range.is_empty() {
            continue;
        }
        if kinds.meets(Kinds::COLON) {
            attendee_line(text, range.clone(), &mut found);
        }
        if kinds.meets(Kinds::BRACKET) {
            links(text, range.clone(), &mut found);
        }
        if with_mentions && kinds.meets(Kinds::AT) {
            mentions(text, range, &mut found);
        }
    }
    if let Some(fm) = &note.frontmatter {
        if fm.value.is_ok() {
            frontmatter(text, fm, config, &mut found);
        }
    }
    found.sites.retain(|s| {
        !s.words.is_empty()
            && (s.kind == Kind::Target
                || note.is_free(s.words[0].start..s.words[s.words.len() - 1].end))
    });
    found.placeholders.retain(|r| note.is_free(r.clone()));
    found
}

/// `**Attendees**: A, B`, `Participants: …`, `**Owner**: …`: each item is
/// evidence and repaired.
fn attendee_line(text: &str, range: Range<usize>, found: &mut Found) {
    let line = &text[range.clone()];
    if !may_be_label(line) || memchr::memchr(b':', line.as_bytes()).is_none() {
        return;
    }
    let Some(caps) = label_regex().captures(line) else {
        return;
    };
    let label = caps.get(1).map_or("attendees", |m| m.as_str()).to_string();
    let start = range.start + caps.get(0).map_or(0, |m| m.end());
    let list = &text[start..range.end];
    let mut at = 0;
    let separators = separator_regex()
        .find_iter(list)
        .map(|m| (m.start(), m.end()));
    for (sep_start, sep_end) in separators.chain(std::iter::once((list.len(), list.len()))) {
        let part = &list[at..sep_start];
        let item_start = start + at + (part.len() - part.trim_start().len());
        at = sep_end;
        let item = part.trim();
        let source = Some(Source::Line(label.clone()));
        if item.starts_with("[[") {
            continue; // The link pass reads it.
        }
        if let Some(rest) = item.strip_prefix('@') {
            // The mention pass repairs it; here it only says who attends.
            let words = name::words_at(text, item_start + 1, item_start + 1 + rest.len());
            found.sites.push(Site {
                kind: Kind::Fact,
                words,
                source,
            });
            continue;
        }
        let words = name::words_at(text, item_start, item_start + item.len());
        found.sites.push(Site {
            kind: Kind::Item,
            words,
            source,
        });
    }
}

/// Whether `line` can start with an attendee label: past the quote, list
/// and emphasis marks the label regex allows, its word starts with `a`, `p`
/// or `o`. Most lines fail here and skip the regex.
fn may_be_label(line: &str) -> bool {
    let word = line.trim_start_matches([' ', '\t', '>', '-', '*', '+', '_']);
    word.as_bytes()
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'p' | b'o'))
}

/// The first `pair` (`[[` or `]]`) in `s`. A byte search: a string search
/// builds a searcher per call, and this runs on every line.
fn find_pair(s: &str, pair: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(pair, bytes).find(|&i| bytes.get(i + 1) == Some(&pair))
}

/// `[[target]]`, `[[target|alias]]` (not embeds): a target or alias that
/// looks like a person's name is evidence; aliases are repaired.
fn links(text: &str, range: Range<usize>, found: &mut Found) {
    let line = &text[range.clone()];
    let mut from = 0;
    while let Some(rel) = find_pair(&line[from..], b'[') {
        let open = from + rel;
        let inner_start = open + 2;
        let Some(len) = find_pair(&line[inner_start..], b']') else {
            break;
        };
        from = inner_start + len + 2;
        if line[..open].ends_with('!') {
            continue;
        }
        link(
            text,
            range.start + inner_start,
            range.start + inner_start + len,
            found,
        );
    }
}

/// The inside of one link, `inner` being absolute offsets of `target|alias`.
fn link(text: &str, inner_start: usize, inner_end: usize, found: &mut Found) {
    let inner = &text[inner_start..inner_end];
    let (target, alias) = match inner.find('|') {
        Some(bar) => (
            &inner[..bar],
            Some((inner_start + bar + 1, &inner[bar + 1..])),
        ),
        None => (inner, None),
    };
    // `People/Lior Genzel#Notes`: the file's own name is the person.
    let base = target.split(['#', '^']).next().unwrap_or(target);
    let base = base.strip_suffix(".md").unwrap_or(base);
    let base_start = base.rfind('/').map_or(0, |i| i + 1);
    let base = &base[base_start..];
    let base_abs = inner_start + base_start;
    let trimmed = base.trim();
    let lead = base.len() - base.trim_start().len();
    if let Some(words) = name::whole(trimmed) {
        if (2..=MAX_NAME + 2).contains(&words.len()) {
            let words = shift(words, base_abs + lead);
            found.sites.push(Site {
                kind: Kind::Target,
                words,
                source: Some(Source::Link),
            });
        }
    }
    if let Some((alias_start, alias)) = alias {
        let lead = alias.len() - alias.trim_start().len();
        if let Some(words) = name::whole(alias.trim()) {
            if (2..=MAX_NAME + 2).contains(&words.len()) {
                let words = shift(words, alias_start + lead);
                found.sites.push(Site {
                    kind: Kind::Alias,
                    words,
                    source: Some(Source::Link),
                });
            }
        }
    }
}

fn shift(words: Vec<Range<usize>>, by: usize) -> Vec<Range<usize>> {
    words
        .into_iter()
        .map(|w| w.start + by..w.end + by)
        .collect()
}

/// `@Name` mentions and `@Myself` placeholders.
fn mentions(text: &str, range: Range<usize>, found: &mut Found) {
    let line = &text[range.clone()];
    for at in memchr::memchr_iter(b'@', line.as_bytes()) {
        let before = line[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "_.-+@/\\=".contains(c)) {
            continue; // An e-mail address, a path, a decorator.
        }
        let start = range.start + at + 1;
        let words = name::words_at(text, start, range.end);
        if words.is_empty() {
            // `@myself` in lower case is a placeholder too.
            let rest = &line[at + 1..];
            let len = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            if is_placeholder(&rest[..len]) && !rest[len..].starts_with(['_', '.', '-', '@']) {
                found.placeholders.push(start..start + len);
            }
            continue;
        }
        if words.len() == 1 && is_placeholder(&text[words[0].clone()]) {
            found.placeholders.push(words[0].clone());
            continue;
        }
        found.sites.push(Site {
            kind: Kind::Mention,
            words,
            source: None,
        });
    }
}

/// Top-level frontmatter keys holding people: `key: Name`, `key: [A, B]`,
/// or `key:` followed by `- A` lines, as the note model's frontmatter
/// reading places them. Only the item's own bytes are read.
fn frontmatter(text: &str, fm: &Frontmatter, config: &Config, found: &mut Found) {
    let is_people_key = |key: &str| {
        PEOPLE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
            || config
                .people_keys
                .iter()
                .any(|k| k.trim().eq_ignore_ascii_case(key))
    };
    let at = fm.yaml.start;
    let line_end = |i: usize| at + fm.lines[i].range.end;
    for e in &fm.entries {
        let key = e.key.trim().trim_matches(['"', '\'']);
        if !is_people_key(key) {
            continue;
        }
        let value_start = at + e.colon_end;
        let value = &text[value_start..line_end(e.first)];
        let lead = value.len() - value.trim_start().len();
        let value = value.trim();
        let value_abs = value_start + lead;
        let mut list = List {
            key: key.to_string(),
            entries: Vec::new(),
        };
        if !value.is_empty() {
            if value.starts_with('[') {
                // The one flow reader's items; none when it is not simple.
                let items = entries::flow_items(value).unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    // `, item` after the one before, or `item, ` before the next.
                    let cut = match (i.checked_sub(1).map(|p| &items[p]), items.get(i + 1)) {
                        (Some(before), _) => Some(before.end..item.end),
                        (None, Some(next)) => Some(item.start..next.start),
                        (None, None) => None,
                    };
                    let start = value_abs + item.start;
                    let cut = cut.map(|c| value_abs + c.start..value_abs + c.end);
                    list.entries.push(entry(start, &value[item.clone()], cut));
                    yaml_item(text, start, &value[item.clone()], key, found);
                }
                found.lists.push(list);
            } else {
                yaml_item(text, value_abs, value, key, found);
            }
            continue;
        }
        // Items at other columns are a nested list: no clean cut anywhere.
        let column = |item: &entries::Item| item.dash - fm.lines[item.line].range.start;
        let flat = e.items.windows(2).all(|w| column(&w[0]) == column(&w[1]));
        for (n, item) in e.items.iter().enumerate() {
            let rest_abs = at + item.dash + 1;
            let rest = &text[rest_abs..line_end(item.line)];
            let lead = rest.len() - rest.trim_start().len();
            // The item's line is all of it when the next line is the next
            // item or past the entry (no continuation, no comment between).
            let alone = item.line + 1 == e.end
                || e.items.get(n + 1).is_some_and(|x| x.line == item.line + 1);
            let line = &fm.lines[item.line];
            let cut = (flat && alone).then(|| at + line.range.start..at + line.next);
            list.entries.push(entry(rest_abs + lead, rest.trim(), cut));
            yaml_item(text, rest_abs + lead, rest.trim(), key, found);
        }
        found.lists.push(list);
    }
}

/// A list entry whose scalar `item` is written at absolute `start`; `cut`
/// removes it, when the scalar is all the entry holds.
fn entry(start: usize, item: &str, cut: Option<Range<usize>>) -> ListEntry {
    match lists::scalar(item) {
        Some((content, whole)) => ListEntry {
            content: Some(start + content.start..start + content.end),
            drop: cut.filter(|_| whole),
        },
        None => ListEntry {
            content: None,
            drop: None,
        },
    }
}

/// One YAML scalar holding a person, at absolute offset `start`.
fn yaml_item(text: &str, start: usize, item: &str, key: &str, found: &mut Found) {
    let Some((range, _)) = lists::scalar(item) else {
        return; // Escapes would make the bytes differ from the name.
    };
    let (content, offset) = (&item[range.clone()], range.start);
    let abs = start + offset;
    if let Some(inner) = content
        .strip_prefix("[[")
        .and_then(|c| c.strip_suffix("]]"))
    {
        link(text, abs + 2, abs + 2 + inner.len(), found);
        return;
    }
    let (content, abs) = match content.strip_prefix('@') {
        Some(rest) => (rest, abs + 1),
        None => (content, abs),
    };
    if let Some(words) = name::whole(content) {
        let words = shift(words, abs);
        found.sites.push(Site {
            kind: Kind::Item,
            words,
            source: Some(Source::Frontmatter(key.to_string())),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(Kind, String)> {
        let note = Note::parse(text);
        let found = scan(&note, &Config::default());
        found
            .sites
            .iter()
            .map(|s| (s.kind.clone(), s.text(text).to_string()))
            .collect()
    }

    #[test]
    fn body_places() {
        let got = names(
            "> **Attendees**: Lior Genzel, @Ada Lovelace and [[Jason Vallery]] & Grace Hopper (guest)\n- [ ] x @Lior Genzel Genzel 📅 2025-10-26 #task\nsee [[People/Ada Lovelace|Ada Lovelace Lovelace]] ![[Big Image]] a@Mail.com `@Code Code`\n",
        );
        assert_eq!(
            got,
            vec![
                (Kind::Item, "Lior Genzel".to_string()),
                (Kind::Fact, "Ada Lovelace".to_string()),
                (Kind::Item, "Grace Hopper".to_string()),
                (Kind::Target, "Jason Vallery".to_string()),
                (Kind::Mention, "Ada Lovelace".to_string()),
                (Kind::Mention, "Lior Genzel Genzel".to_string()),
                (Kind::Target, "Ada Lovelace".to_string()),
                (Kind::Alias, "Ada Lovelace Lovelace".to_string()),
            ]
        );
    }

    #[test]
    fn frontmatter_places() {
        let text = "---\nparticipants:\n- Lior Genzel\n- \"Ada Ada\" \nowner: '@Jason Vallery'\npeople: [Grace Hopper, \"[[Alan Turing|Alan Alan Turing]]\"]\ntitle: Ada Lovelace\n---\nbody\n";
        let got = names(text);
        assert_eq!(
            got,
            vec![
                (Kind::Item, "Lior Genzel".to_string()),
                (Kind::Item, "Ada Ada".to_string()),
                (Kind::Item, "Jason Vallery".to_string()),
                (Kind::Item, "Grace Hopper".to_string()),
                (Kind::Target, "Alan Turing".to_string()),
                (Kind::Alias, "Alan Alan Turing".to_string()),
            ]
        );
    }

    #[test]
    fn placeholders() {
        let text = "@Myself and @me, not @Melanie or me@Myself.com\n";
        let note = Note::parse(text);
        let found = scan(&note, &Config::default());
        let got: Vec<_> = found
            .placeholders
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(got, ["Myself", "me"]);
    }
}
