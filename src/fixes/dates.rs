//! The `dates` fix.
//!
//! **What it does.** Finds dates written in many ways and writes each in one
//! format: frontmatter values of date keys (`date`, `created`, `updated`,
//! `modified`, `due`, `start`, `end` and the `dateKeys` setting) and any
//! other frontmatter value that is wholly a date; the dates after the
//! Obsidian Tasks signifiers 📅 ⏳ 🛫 ➕ ✅ ❌ on checkbox lines, and the
//! date fields of Tasks' Dataview format there (`[due:: …]`,
//! `(scheduled:: …)`, when the value is wholly a date); the value of
//! each date label of a line (`**Date**: …`, `Date: …`, `Due: …`, `due:: …`,
//! both ends of a range `16/09/2025 – 18/09/2025`, and a later label after
//! a date or a `,` `;` `|`: `Due: 16.09.2025, Start: 15.09.2025`); the
//! body cells of a Markdown table column whose header is a date label
//! (`| Due |`), when the cell is wholly a date;
//! and, only when `runningTextDates` is on, dates anywhere in the text. The
//! grammar ([`grammar`]) reads ISO dates, numeric day-month and month-day
//! dates, month names in about twenty languages ([`names`]), also with a
//! two-digit year (`16-Sep-25`, `Sep 16, '25`; 00–68 → 20xx, 69–99 →
//! 19xx; running text needs the hyphens or the apostrophe), CJK dates, an
//! optional weekday and an optional time.
//!
//! **Why.** Vaults fill with `2025-09-16`, `16/09/2025`, `Sep 16, 2025`,
//! `16. September 2025` and `2025年9月16日` side by side; queries, sorting,
//! Obsidian properties and the Tasks plugin read only one of them.
//!
//! **Example.** With default settings:
//! ```text
//! ---                                 ---
//! date: '2025-09-16'          →       date: 2025-09-16
//! created: Sep 16, 2025               created: 2025-09-16
//! ---                                 ---
//! **Date**: 16. September 2025        **Date**: 2025-09-16
//! - [ ] call 📅 16/09/2025            - [ ] call 📅 2025-09-16
//! Due: 16.09.2025, Start: 15.09.2025  Due: 2025-09-16, Start: 2025-09-15
//! | Task | Due        |               | Task | Due        |
//! |------|------------|               |------|------------|
//! | Call | 16-Sep-25  |               | Call | 2025-09-16 |
//! ```
//!
//! A table keeps its pipes and padding: when its pipes line up, a shorter
//! date is padded to the width it had and a longer one takes the padding
//! after it (keeping one space), so the row stays in line where it can and
//! is a valid row either way. A format that writes `|` leaves table cells
//! as they are, with a diagnostic.
//!
//! **Safety.** Nothing is guessed. `03/04/2025` is read only on evidence, in
//! this order: its weekday (`Thu 03/04/2025` can only be 3 April), the
//! `dateOrder` setting, another numeric date of the same note that can be
//! read only one way (`25/04/2025` settles day first; running text counts
//! even when it is not rewritten, code does not), or the vault's dominant
//! order found by the vault clean-up ([`evidence`] feeds it). A note that
//! has both kinds settles nothing, and then its one-way dates stay as
//! written too, so that a second run cannot settle what the first could
//! not by reading a note whose evidence the first run erased. Without
//! evidence the date stays and a diagnostic says why; so does an impossible date (`2025-02-30`) or a
//! weekday that contradicts its date. Never touched: code, math, comments,
//! URLs and link targets (protected regions), dates inside file names and
//! paths, version numbers (`1.2.25`, `v2025.09.16`, `version 2025.09.16`),
//! times alone, ISO 8601 date-times (`2025-09-16T14:30`), and dates already
//! in the target format (read as that format reads them, whatever other
//! evidence says; literal text of the format such as `[on]` is recognised,
//! never written twice). In frontmatter only the value's bytes change,
//! and only on top-level `key: value` lines (and `- item` lines under a date
//! key) whose value the YAML parser reads as that same string; block
//! scalars and multi-line values are never dates.
//!
//! **Options.** `dateFormat` (moment.js tokens, default `YYYY-MM-DD`; see
//! [`format`](mod@format)) shapes labelled lines and running text; a time
//! is kept as `HH:mm` unless the format places it. Frontmatter always gets the plain
//! YAML date Obsidian properties read (`2025-09-16`, or
//! `2025-09-16T14:30` with a time) and Tasks signifiers always get
//! `YYYY-MM-DD`, whatever the format, because that is all they read.
//! `dateOrder` (`auto`, `dmy`, `mdy`), `dateKeys`, `runningTextDates`
//! (default off).

pub mod format;
pub mod grammar;
pub mod label;
pub mod names;
pub mod resolve;
pub mod sites;

use super::{Context, Sink};
use crate::config::Config;
use crate::note::{Kinds, Note};
use format::Format;
use grammar::{Order, Reading};
use resolve::{Decision, Evidence, Resolver};
use sites::Place;

/// Whether `bytes` hold the shape every numeric day-month date has: one or
/// two digits, a `/`, `.` or `-`, one or two digits, the same kind of
/// separator, a digit (`16/09/2025`, `3.4.25`; not `2025-09-16`).
///
/// Asked of every line with a digit, most of them task lines of ISO dates:
/// a `YYYY-MM-DD` is passed over whole at its first dash, as none of its
/// separators can start the shape unless what follows it continues it
/// (`2025-09-16-1`: `09-16-1`), instead of one search for each dash.
fn may_hold_numeric_date(bytes: &[u8]) -> bool {
    let digits_before = |end: usize| {
        bytes[..end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let digits_after = |start: usize| {
        bytes
            .get(start..)
            .map_or(0, |s| s.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let separator_digit = |i: usize| {
        matches!(bytes.get(i), Some(b'/' | b'.' | b'-'))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let mut from = 0;
    while let Some(found) = memchr::memchr3(b'/', b'.', b'-', &bytes[from..]) {
        let i = from + found;
        from = i + 1;
        // Most separators (list markers, sentence ends) fail on the byte
        // after them.
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let before = digits_before(i);
        if before == 4 && i >= 4 && grammar::iso_numbers(&bytes[i - 4..]).is_some() {
            // The dash after the year has four digits before it; the one
            // after the month starts the shape only with a separator and
            // a digit after the day. What starts later is searched on.
            if separator_digit(i + 6) {
                return true;
            }
            from = i + 6;
            continue;
        }
        if !(1..=2).contains(&before) {
            continue;
        }
        let after = digits_after(i + 1);
        if (1..=2).contains(&after) && separator_digit(i + 1 + after) {
            return true;
        }
    }
    false
}

/// A digit: every date has one. (Table rows, `PIPE`, are read for their
/// header only on lines the scan found digits in or near.)
pub const NEEDS: Kinds = Kinds::DIGIT;

/// Proposes the `dates` edits for `note`.
pub fn run(note: &Note, cx: &Context, sink: &mut Sink) {
    let config = &cx.config;
    // A full reading (the scan's oracle) must not take sites found under
    // the scan.
    let sites = if cx.read_everything {
        std::borrow::Cow::Owned(sites::collect(note, config))
    } else {
        sites::for_fix(note, config)
    };
    if sites.is_empty() {
        return;
    }
    let iso = &cx.dates.iso;
    let (text_format, format_problem) = match &cx.dates.text {
        Ok(f) => (f, None),
        Err(problem) => (iso, Some(problem)),
    };
    let resolver = Resolver {
        note,
        config,
        evidence: Evidence::of(&sites),
        text_format,
        iso,
    };
    let mut used_text_format = false;
    let mut decisions = Vec::new();
    // The text the last date decided covers, as written or as it will be:
    // a date that starts inside it (`Tuesday 2025-09-17` read from the end
    // of `2025-09-16 at Tuesday 2025-09-17`) is part of that one.
    let mut covered = 0..0;
    for site in sites.iter() {
        if site.place == Place::Text && !config.running_text_dates {
            continue;
        }
        let range = &site.found.range;
        if range.start < covered.end && covered.start < range.end {
            continue;
        }
        used_text_format |= matches!(
            site.place,
            Place::Labelled | Place::Cell { .. } | Place::Text
        );
        let decision = resolver.decide(site);
        match &decision {
            Decision::Written { span } => covered = span.clone(),
            Decision::Write { range, .. } => covered = range.clone(),
            _ => {}
        }
        // Only a write or a report has more to do (most dates of a settled
        // note have none).
        if matches!(decision, Decision::Write { .. } | Decision::Report(_)) {
            decisions.push((site, decision));
        }
    }
    // A note that writes numeric dates both ways leaves its ambiguous dates
    // alone. Its one-way dates stay too: rewriting them would erase one side
    // of the evidence, and the next run would settle what this one could not.
    let unsettled = decisions.iter().any(|(site, decision)| {
        matches!(decision, Decision::Report(_))
            && matches!(site.found.shape.reading(), Reading::Two { .. })
    });
    let keep_evidence = unsettled && resolver.evidence_conflicts();
    for (site, decision) in decisions {
        match decision {
            Decision::Write { .. } if keep_evidence && is_evidence(site) => {
                let text = &note.text[site.found.range.clone()];
                sink.diagnose(
                    site.found.range.start,
                    format!(
                        "date `{text}` left as written: this note writes numeric dates both ways, \
                         and it is evidence for the note's ambiguous dates"
                    ),
                );
            }
            Decision::Write { replacement, .. }
                if replacement.contains('|')
                    && !matches!(site.place, Place::Frontmatter { .. })
                    && sites::on_table_row(note, site.found.range.start) =>
            {
                let text = &note.text[site.found.range.clone()];
                sink.diagnose(
                    site.found.range.start,
                    format!(
                        "date `{text}` left as written: the date format writes `|`, \
                         which would split this table cell"
                    ),
                );
            }
            Decision::Write {
                range,
                replacement,
                basis,
            } => {
                let message = resolver.message(site, basis, &replacement);
                match site.place {
                    Place::Cell { aligned: true, end } => {
                        let (range, replacement) = keep_width(note, range, replacement, end);
                        sink.replace(range, replacement, message)
                    }
                    _ => sink.replace(range, replacement, message),
                }
            }
            Decision::Report(message) => sink.diagnose(site.found.range.start, message),
            Decision::Leave | Decision::Written { .. } => {}
        }
    }
    if let (Some(problem), true) = (format_problem, used_text_format) {
        sink.diagnose(
            note.start,
            format!("{problem}; dates are written as YYYY-MM-DD instead"),
        );
    }
}

/// The formats a run writes dates in, parsed once per run (a format
/// compiles its matcher on first use; parsing it for every note, and so
/// compiling again, was once the largest cost of the fix).
#[derive(Debug)]
pub(crate) struct Formats {
    /// Frontmatter and Tasks dates.
    iso: Format,
    /// The `dateFormat` setting, or why it cannot write a date.
    text: Result<Format, String>,
}

impl Formats {
    pub(crate) fn of(config: &Config) -> Formats {
        Formats {
            iso: Format::iso(),
            text: Format::parse(&config.date_format),
        }
    }
}

/// A date rewritten in a cell of a table whose pipes line up: a shorter
/// date is padded to the width it had, a longer one takes the padding
/// after it up to the cell's `end`, keeping one space, and only when that
/// runs out does the row go out of line (still a valid row).
fn keep_width(
    note: &Note,
    mut range: std::ops::Range<usize>,
    mut replacement: String,
    end: usize,
) -> (std::ops::Range<usize>, String) {
    let old = note.text[range.clone()].chars().count();
    let new = replacement.chars().count();
    if new < old {
        replacement.extend(std::iter::repeat_n(' ', old - new));
    } else if new > old {
        let spaces = note.text.as_bytes()[range.end..end.max(range.end)]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        range.end += (new - old).min(spaces.saturating_sub(1));
    }
    (range, replacement)
}

/// A numeric date that can be read only one way.
fn is_evidence(site: &sites::Site) -> bool {
    matches!(site.found.shape.reading(), Reading::One(_, Some(_)))
}

/// How many numeric dates of `note` can only be read day first, and how many
/// only month first: evidence for the vault's dominant order.
pub fn evidence(note: &Note) -> (usize, usize) {
    // Only a numeric day-month date can be evidence, and most notes hold
    // none (ISO dates are not): the vault index reads every note.
    if !may_hold_numeric_date(note.text.as_bytes()) {
        return (0, 0);
    }
    one_way_counts(note)
}

/// [`evidence`] without the byte gate: counted straight from the sites
/// (`Evidence::of` also copies each date's text for messages it never
/// shows).
fn one_way_counts(note: &Note) -> (usize, usize) {
    let sites = sites::of(note, &Config::default());
    let mut counts = (0, 0);
    for order in sites.iter().filter_map(resolve::one_way_order) {
        match order {
            Order::DayFirst => counts.0 += 1,
            Order::MonthFirst => counts.1 += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_date_shapes() {
        for yes in ["16/09/2025", "on 3.4.25.", "Thu 03/04/2025", "x 1-2-3"] {
            assert!(may_hold_numeric_date(yes.as_bytes()), "{yes}");
        }
        for no in [
            "2025-09-16",
            "v1.2",
            "16/09",
            "1.2.",
            "123/4/5",
            "12-345-6",
            "",
        ] {
            assert!(!may_hold_numeric_date(no.as_bytes()), "{no}");
        }
    }

    /// Passing over ISO dates whole finds the shape a look at every
    /// separator finds.
    #[test]
    fn numeric_shapes_found_as_at_every_separator() {
        let plain = |b: &[u8]| {
            let run =
                |r: &mut dyn Iterator<Item = &u8>| r.take_while(|c| c.is_ascii_digit()).count();
            (0..b.len()).any(|i| {
                let after = run(&mut b[i + 1..].iter());
                matches!(b[i], b'/' | b'.' | b'-')
                    && (1..=2).contains(&run(&mut b[..i].iter().rev()))
                    && (1..=2).contains(&after)
                    && matches!(b.get(i + 1 + after), Some(b'/' | b'.' | b'-'))
                    && b.get(i + 2 + after).is_some_and(u8::is_ascii_digit)
            })
        };
        let pieces = [
            "2025-09-16",
            "1",
            "12",
            "123",
            "-",
            "/",
            ".",
            " ",
            "a",
            "é",
            "2025",
            "-1",
            "09-16",
        ];
        for line in crate::testgen::texts(&pieces, 8, 200_000) {
            let b = line.as_bytes();
            assert_eq!(may_hold_numeric_date(b), plain(b), "{line:?}");
        }
    }

    /// The fix's own reading (running text read only when a date reads
    /// two ways, and only until the note's evidence is settled) repairs
    /// and reports what it does with every site read first.
    #[test]
    fn the_fix_reads_what_the_full_reading_decides() {
        let pieces = [
            "Due: 03/04/2025\n",
            "- [ ] a 📅 04/03/2025\n",
            "- [ ] b ⏳ 2025-09-16\n",
            "met 25/04/2025 ",
            "met 04/25/2025 ",
            "then 05/06/2025\n",
            "Thu 03/04/2025 ",
            "`13/01/2025` ",
            "`13/01/2025` and 04/25/2025\n",
            "```\n14/02/2025\n```\n",
            "| Due |\n|---|\n| 02/03/2025 |\n",
            "---\ndate: 07/08/2025\n---\n",
            "text\n",
            "**Date**: 16.09.2025\n",
        ];
        let cx = Context::new(&Config::default());
        // A protected date is no evidence, however early it stands.
        let protected = "`13/01/2025` and 04/25/2025\nmet 25/04/2025\nDue: 03/04/2025\n";
        let texts = crate::testgen::texts(&pieces, 8, 20_000);
        for text in std::iter::once(protected.to_string()).chain(texts) {
            let note = Note::parse(&text);
            let full = sites::collect(&note, &Config::default());
            let _ = note.date_sites.set(full);
            assert_eq!(
                crate::normalize_with(&text, &cx),
                crate::normalize_note(note, &cx),
                "{text:?}"
            );
        }
    }

    /// The CLI reads a note's date sites for the vault index, then
    /// repairs that reading: a fix before `dates` that edits the note
    /// carries them over its edits (the edited lines read again), which
    /// repairs as a fresh reading does.
    #[test]
    fn date_sites_carried_over_earlier_fixes_repair_as_a_fresh_reading() {
        let pieces = [
            "**Attendees**: Ada Lovelace\n",
            "- [ ] call @Ada Lovelace Lovelace 📅 03/04/2025\n",
            "met Ada Ada Lovelace on 25/04/2025\n",
            "| Who | Due |\n|---|---|\n| @Ada Ada Lovelace | 02/03/2025 |\n",
            "Due: 04/03/2025 @Ada Lovelace Lovelace\n",
            "caf\u{c3}\u{a9} on 05/06/2025 with @Ada Ada Lovelace\n",
            "text  \n",
            "---\ndate: 07/08/2025\nowner: Ada Ada Lovelace\n---\n",
        ];
        let cx = Context::new(&Config::default());
        let mut carried = 0;
        for text in crate::testgen::texts_from(23, &pieces, 8, 3_000) {
            let note = Note::parse(&text);
            let _ = sites::of(&note, &Config::default());
            carried += usize::from(note.text.contains("Lovelace Lovelace"));
            assert_eq!(
                crate::normalize_with(&text, &cx),
                crate::normalize_note(note, &cx),
                "{text:?}"
            );
        }
        assert!(carried > 100, "the notes exercise the carry: {carried}");
    }

    #[test]
    fn the_gate_hides_no_evidence() {
        let mut texts: Vec<String> = [
            "Due: 16/09/2025\n- [ ] a 📅 03/04/2025\nThu 03/04/2025 and 2025-09-16\n",
            "---\ndate: 25.12.2025\n---\nbody 1.2.3\n",
        ]
        .map(String::from)
        .to_vec();
        // The real corpus, when it is beside the repository.
        for path in crate::testgen::markdown_files("../shared/corpus") {
            texts.extend(std::fs::read_to_string(&path));
        }
        for text in &texts {
            let note = Note::parse(text);
            assert_eq!(evidence(&note), one_way_counts(&note), "{text}");
        }
    }
}
