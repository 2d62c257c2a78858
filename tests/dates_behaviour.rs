//! The `dates` fix through the public API: what it reports, what it
//! explains, the evidence it gives the vault clean-up, and properties over
//! generated dates.

use notemend::config::{DateOrder, Fix};
use notemend::fixes::dates::format::Format;
use notemend::fixes::dates::grammar::{self, Mode, Options, Reading, Ymd};
use notemend::vault::{facts, VaultIndex};
use notemend::{normalize, Config, Note, Outcome};
use proptest::prelude::*;

fn dates_only() -> Config {
    let mut config = Config::default();
    config.only(&[Fix::Dates]);
    config
}

fn run(text: &str, config: &Config) -> Outcome {
    normalize(text, config)
}

fn diagnostics(out: &Outcome) -> Vec<(usize, &str)> {
    out.diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect()
}

#[test]
fn sample_note_date_becomes_a_plain_yaml_date_with_every_fix_on() {
    let text = "---\ntype: customer\ndate: '2025-09-16'\naccount: Microsoft\n---\n\n**Date**: 2025-09-16\n";
    let out = run(text, &Config::default());
    assert!(out.text.contains("\ndate: 2025-09-16\n"), "{}", out.text);
    let change = out
        .changes
        .iter()
        .find(|c| c.fix == Fix::Dates)
        .expect("a dates change");
    assert_eq!(
        (change.line, change.before.as_str(), change.after.as_str()),
        (3, "'2025-09-16'", "2025-09-16")
    );
    assert!(
        change.message.contains("plain YAML date"),
        "{}",
        change.message
    );
}

#[test]
fn ambiguous_dates_are_reported_and_kept() {
    let text = "**Date**: 03/04/2025\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, text);
    let d = diagnostics(&out);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].0, 1);
    assert!(
        d[0].1
            .contains("could be 3 April 2025 (day first) or 4 March 2025 (month first)"),
        "{}",
        d[0].1
    );
    assert!(d[0].1.contains("dateOrder"), "{}", d[0].1);
}

#[test]
fn impossible_dates_are_reported_and_kept() {
    let text = "- [ ] pay 📅 2025-02-30\n**Due**: 31/04/2025\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, text);
    let d = diagnostics(&out);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].1.contains("February 2025 has 28 days"), "{}", d[0].1);
    assert!(d[1].1.contains("not a real date"), "{}", d[1].1);
}

#[test]
fn messages_name_the_evidence() {
    let text = "**Date**: 25/04/2025\n\n**Due**: 03/04/2025\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, "**Date**: 2025-04-25\n\n**Due**: 2025-04-03\n");
    let messages: Vec<&str> = out.changes.iter().map(|c| c.message.as_str()).collect();
    assert!(
        messages.contains(&"date `25/04/2025` (day first: 25 is no month) written as 2025-04-25"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"date `03/04/2025` (day first, settled by `25/04/2025` on line 1) written as 2025-04-03"),
        "{messages:?}"
    );
}

#[test]
fn the_vault_order_settles_what_the_note_cannot() {
    let text = "**Date**: 03/04/2025\n";
    let mut index = VaultIndex::default();
    for note in [
        "**Date**: 04/25/2025\n",
        "- [ ] x 📅 12/31/2025\n",
        "met on 1/13/2025\n",
    ] {
        index.add(&facts(note, &Config::default()));
    }
    let mut config = dates_only();
    config.vault = index.context();
    assert_eq!(config.vault.date_order, Some(DateOrder::Mdy));
    let out = run(text, &config);
    assert_eq!(out.text, "**Date**: 2025-03-04\n");
    assert!(out.changes[0]
        .message
        .contains("the order most dates of this vault use"));
    // The note's own evidence comes first.
    let out = run("**Date**: 03/04/2025\n**Due**: 25/04/2025\n", &config);
    assert_eq!(out.text, "**Date**: 2025-04-03\n**Due**: 2025-04-25\n");
}

#[test]
fn evidence_counts_one_way_numeric_dates_outside_code() {
    let note = Note::parse(
        "---\ndate: 25/04/2025\n---\n**Due**: 04/26/2025\ntext 13/01/2025 and 03/04/2025 and 2025-09-16\n`14/01/2025`\n```\n15/01/2025\n```\n",
    );
    assert_eq!(notemend::fixes::dates::evidence(&note), (2, 1));
}

#[test]
fn a_note_that_mixes_orders_is_stable() {
    let text = "**Date**: 25/04/2025\n**Due**: 03/04/2025\n**End**: 04/26/2025\n";
    let config = dates_only();
    let once = run(text, &config);
    assert_eq!(once.text, text);
    assert!(diagnostics(&once)
        .iter()
        .any(|(_, m)| m.contains("writes dates both ways")));
    // Fixing the unambiguous dates by hand does not change the verdict on
    // the rest either: nothing is settled by the note any more.
    let twice = run(&once.text, &config);
    assert_eq!(twice.text, text);
}

#[test]
fn a_bad_format_falls_back_to_iso_and_says_so() {
    let mut config = dates_only();
    config.date_format = "MMMM YYYY".into();
    let out = run("**Date**: Sep 16, 2025\n", &config);
    assert_eq!(out.text, "**Date**: 2025-09-16\n");
    assert!(diagnostics(&out)
        .iter()
        .any(|(_, m)| m.contains("does not write a year, a month and a day")));
}

#[test]
fn running_text_is_opt_in() {
    let text = "We met on 16/09/2025.\n";
    assert_eq!(run(text, &dates_only()).text, text);
    let mut config = dates_only();
    config.running_text_dates = true;
    assert_eq!(run(text, &config).text, "We met on 2025-09-16.\n");
}

#[test]
fn custom_date_keys() {
    let text = "---\nreviewed: 16/09/2025\nrating: 16/09/2025\n---\n";
    let mut config = dates_only();
    // Any frontmatter value that is wholly a date is one; a configured key
    // also reads the lenient forms (two-digit years with dots).
    assert_eq!(
        run(text, &config).text,
        "---\nreviewed: 2025-09-16\nrating: 2025-09-16\n---\n"
    );
    let text = "---\nreviewed: 16.09.25\nrating: 16.09.25\n---\n";
    assert_eq!(run(text, &config).text, text);
    config.date_keys = vec!["Reviewed".into()];
    assert_eq!(
        run(text, &config).text,
        "---\nreviewed: 2025-09-16\nrating: 16.09.25\n---\n"
    );
}

#[test]
fn large_note_changes_every_date() {
    let line = "- [ ] call 📅 16/09/2025 about v1.2.3 at https://x.org/2025/09/16 on Sep 17, 2025 and 2025-09-18\n";
    let text = line.repeat(5_000);
    let mut config = dates_only();
    config.running_text_dates = true;
    let out = run(&text, &config);
    assert_eq!(out.changes.len(), 10_000);
}

fn any_date() -> impl Strategy<Value = Ymd> {
    (1900i32..2100, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real date", |(y, m, d)| Ymd::new(y, m, d))
}

const FORMATS: &[&str] = &[
    "YYYY-MM-DD",
    "DD.MM.YYYY",
    "MM/DD/YYYY",
    "D MMMM YYYY",
    "MMM D, YYYY",
    "dddd, MMMM Do YYYY",
    "ddd DD MMM YYYY",
    "YYYY/MM/DD",
];

proptest! {
    /// Every format the grammar can read back gives the same date, and the
    /// format accepts what it wrote (so a second run leaves it).
    #[test]
    fn formats_round_trip(date in any_date(), i in 0..FORMATS.len()) {
        let format = Format::parse(FORMATS[i]).unwrap();
        let text = format.render(date, None);
        prop_assert!(format.accepts(&text), "{} does not accept {}", FORMATS[i], text);
        let found = grammar::parse_exact(&text, Options { mode: Mode::Value, time: true }).unwrap();
        match found.shape.reading() {
            Reading::One(d, _) => prop_assert_eq!(d, date),
            Reading::Two { day_first, month_first } => {
                prop_assert!(day_first == date || month_first == date)
            }
            Reading::Impossible(why) => prop_assert!(false, "{}: {}", text, why),
        }
    }

    /// Whatever the format, a second run changes nothing.
    #[test]
    fn idempotent(date in any_date(), i in 0..FORMATS.len(), other in any_date()) {
        let mut config = dates_only();
        config.date_format = FORMATS[i].to_string();
        config.running_text_dates = true;
        let text = format!(
            "---\ndate: {}/{}/{}\n---\n**Date**: {}\n- [ ] x 📅 {}\nmet {}.{}.{} and {}\n",
            date.day, date.month, date.year,
            Format::parse("MMM D, YYYY").unwrap().render(other, None),
            Format::parse("D MMMM YYYY").unwrap().render(date, None),
            other.day, other.month, other.year,
            Format::parse("YYYY年M月D日").unwrap().render(date, None),
        );
        let once = run(&text, &config);
        let twice = run(&once.text, &config);
        prop_assert!(!twice.changed(), "{}\n→\n{}\n→ {:?}", text, once.text, twice.changes);
    }
}

#[test]
fn crlf_notes_keep_their_line_endings() {
    let text =
        "---\r\ndate: '2025-09-16'\r\nupdated: 17/09/2025\r\n---\r\n**Date**: Sep 16, 2025\r\n";
    let out = run(text, &dates_only());
    assert_eq!(
        out.text,
        "---\r\ndate: 2025-09-16\r\nupdated: 2025-09-17\r\n---\r\n**Date**: 2025-09-16\r\n"
    );
}

#[test]
fn nothing_to_do_without_digits() {
    let text = "---\ntitle: A note\n---\n# Heading\n\nSome words, no numbers.\n";
    let out = run(text, &dates_only());
    assert!(!out.changed() && out.diagnostics.is_empty());
}

const SOUP: &[&str] = &[
    "16",
    "/",
    "09",
    "2025",
    ".",
    "-",
    " ",
    "Sep",
    "September",
    "**Date**: ",
    "📅 ",
    "📅\u{fe0f} ",
    "- [ ] ",
    "\n",
    "年",
    "月",
    "日",
    "14:30",
    "T",
    " PM",
    ", ",
    "Tue",
    "`",
    "[[",
    "]]",
    "---\n",
    "date: ",
    "'",
    "\"",
    "03",
    "04",
    "25",
    "12",
    "13",
    "31",
    "02",
    "30",
    "v",
    "version ",
    "https://x.org/",
    "#",
    "de ",
    "Eylül",
    "г.",
    "\r\n",
    "Due:: ",
    " – ",
    "99",
    "1",
    "7",
    "à ",
    "14h30",
    "Uhr",
    "ª",
    "ß",
    "İ",
    "|",
    "| Due |\n",
    "|---|\n",
    "|:-:|-|\n",
    "-Sep-",
    " Start: ",
    "**End**: ",
    "; ",
    "\\",
    "     ",
    "> ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// On any mix of date-like pieces: no panic, edits that reproduce the
    /// output, and a second run that changes nothing.
    #[test]
    fn soup_never_panics_and_settles(pieces in proptest::collection::vec(0..SOUP.len(), 0..60), running in any::<bool>(), dmy in any::<bool>()) {
        let text: String = pieces.iter().map(|&i| SOUP[i]).collect();
        let mut config = dates_only();
        config.running_text_dates = running;
        if dmy {
            config.date_order = DateOrder::Dmy;
        }
        let once = run(&text, &config);
        let edits: Vec<&notemend::Edit> = once.edits.iter().collect();
        prop_assert_eq!(notemend::edit::apply(&text, &edits), once.text.clone());
        let twice = run(&once.text, &config);
        prop_assert!(!twice.changed(), "{:?}\n→ {:?}\n→ {:?}", text, once.text, twice.changes);
    }
}

#[test]
fn literal_text_of_the_format_is_not_written_twice() {
    let mut config = dates_only();
    config.date_format = "[on] YYYY-MM-DD".into();
    config.running_text_dates = true;
    let once = run("met on 16/09/2025 and 17/09/2025\n", &config);
    assert_eq!(once.text, "met on 2025-09-16 and on 2025-09-17\n");
    assert!(!run(&once.text, &config).changed());
}

#[test]
fn a_weekday_the_format_writes_after_a_date_is_not_read_into_the_next() {
    // `2025-09-16 at Tuesday 2025-09-16` once read `Tuesday 2025-09-16` as a
    // second date and wrote it again, growing on every run (or, before
    // another day, reported a weekday that was never written with it).
    let mut config = dates_only();
    config.running_text_dates = true;
    for (format, input, once) in [
        (
            "YYYY-MM-DD [at] dddd",
            "16/09/2025 16/09/2025\n",
            "2025-09-16 at Tuesday 2025-09-16 at Tuesday\n",
        ),
        (
            "YYYY-MM-DD [at] dddd",
            "16/09/2025 17/09/2025\n",
            "2025-09-16 at Tuesday 2025-09-17 at Wednesday\n",
        ),
        (
            "MMMM Do, YYYY dddd",
            "16/09/2025 16/09/2025\n",
            "September 16th, 2025 Tuesday September 16th, 2025 Tuesday\n",
        ),
    ] {
        config.date_format = format.into();
        let out = run(input, &config);
        assert_eq!(out.text, once, "{format}");
        let again = run(&out.text, &config);
        assert!(!again.changed(), "{format}: {}", again.text);
        assert!(
            again.diagnostics.is_empty(),
            "{format}: {:?}",
            again.diagnostics
        );
    }
}

#[test]
fn dates_in_the_target_format_stay_whatever_the_evidence() {
    // Month-first evidence in running text (not rewritten) must not turn
    // a date already written `DD.MM.YYYY` around on the next run.
    let mut config = dates_only();
    config.date_format = "DD.MM.YYYY".into();
    let text = "met 04/25/2025\n**Date**: 03/04/2025\n";
    let once = run(text, &config);
    assert_eq!(once.text, "met 04/25/2025\n**Date**: 04.03.2025\n");
    assert!(!run(&once.text, &config).changed());
}

#[test]
fn a_month_name_makes_a_two_digit_year_readable() {
    // `16-Sep-25` is a common export format; the month name leaves only one
    // reading, and the century is moment.js's: 00–68 → 20xx, 69–99 → 19xx.
    let text = "---\ndate: 16-Sep-25\ncreated: 16 Sep 25\nupdated: Sep 16, '25\nend: 1 Jan 69\n---\n**Due**: 16 Sep 25\n- [ ] x 📅 Sep 16, 25\n";
    let out = run(text, &dates_only());
    assert_eq!(
        out.text,
        "---\ndate: 2025-09-16\ncreated: 2025-09-16\nupdated: 2025-09-16\nend: 1969-01-01\n---\n**Due**: 2025-09-16\n- [ ] x 📅 2025-09-16\n"
    );
    assert!(!run(&out.text, &dates_only()).changed());
}

#[test]
fn running_text_reads_a_two_digit_year_only_when_marked() {
    // In running text a bare `16 Sep 25` may be a count (`16 Sep 25 people`
    // is rare, `May 3 10` rarer still, but nothing is guessed): only the
    // hyphenated form and an apostrophe mark the year.
    let mut config = dates_only();
    config.running_text_dates = true;
    let out = run(
        "met 16-Sep-25, again 17 Sep '25 and Sep 18, '25; not 19 Sep 25 or Sep 20, 25\n",
        &config,
    );
    assert_eq!(
        out.text,
        "met 2025-09-16, again 2025-09-17 and 2025-09-18; not 19 Sep 25 or Sep 20, 25\n"
    );
    // Numeric two-digit years keep their rules: `/` only in running text.
    let out = run("on 16.09.25 and 16/09/25\n", &config);
    assert_eq!(out.text, "on 16.09.25 and 2025-09-16\n");
    // Not a date: a file name, a longer number, a time.
    for text in [
        "see 16-Sep-25.md\n",
        "Sep 16 250\n",
        "**Due**: Sep 16 14:30\n",
    ] {
        assert_eq!(run(text, &config).text, text);
    }
}

#[test]
fn every_date_label_of_a_line_is_read() {
    let text = "Due: 16.09.2025, Start: 15.09.2025\n**Start**: 15/09/2025 | **End**: 18/09/2025\nOwner: Bob, due:: 17/09/2025\nCreated: Sep 16, 2025; updated: Sep 17, 2025 14:30\n- [ ] call 📅 16/09/2025 start: 15/09/2025\n";
    let out = run(text, &dates_only());
    assert_eq!(
        out.text,
        "Due: 2025-09-16, Start: 2025-09-15\n**Start**: 2025-09-15 | **End**: 2025-09-18\nOwner: Bob, due:: 2025-09-17\nCreated: 2025-09-16; updated: 2025-09-17 14:30\n- [ ] call 📅 2025-09-16 start: 2025-09-15\n"
    );
    assert!(!run(&out.text, &dates_only()).changed());
    // The same evidence rules: the first label's date settles the second's.
    let out = run("Due: 25/04/2025, Start: 03/04/2025\n", &dates_only());
    assert_eq!(out.text, "Due: 2025-04-25, Start: 2025-04-03\n");
    let text = "Due: 03/04/2025, Start: 04/03/2025\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, text);
    assert_eq!(diagnostics(&out).len(), 2, "{:?}", diagnostics(&out));
    // Not a second label: a word that is no date label, a sentence, a
    // date label that is not after a separator.
    for text in [
        "Due: 16/09/2025, Note: 17/09/2025\n",
        "Due: 16/09/2025, and so we set a new start date: 17/09/2025\n",
        "Due: soon we will start: 17/09/2025\n",
    ] {
        let out = run(text, &dates_only());
        assert!(!out.text.contains("2025-09-17"), "{}", out.text);
    }
}

#[test]
fn a_table_column_headed_by_a_date_label_is_read() {
    let text = "| Task | Due |\n|---|:--:|\n| Call | 16/09/2025 |\n| Mail | Sep 17, 2025 |\n|Ask|soon, 18/09/2025|\n| Code | `16/09/2025` |\n| Short |\n\n> | Task | **Due date** | Notes |\n> | - | - | - |\n> | Call | Tue 16.09.2025 | 17/09/2025 |\n\n| Task | Notes |\n|---|---|\n| Call | 16/09/2025 |\n";
    let out = run(text, &dates_only());
    assert_eq!(
        out.text,
        "| Task | Due |\n|---|:--:|\n| Call | 2025-09-16 |\n| Mail | 2025-09-17 |\n|Ask|soon, 18/09/2025|\n| Code | `16/09/2025` |\n| Short |\n\n> | Task | **Due date** | Notes |\n> | - | - | - |\n> | Call | 2025-09-16 | 17/09/2025 |\n\n| Task | Notes |\n|---|---|\n| Call | 16/09/2025 |\n"
    );
    assert!(!run(&out.text, &dates_only()).changed());
    // Cells are evidence and follow the evidence rules like any labelled value.
    let text = "| Due |\n|---|\n| 25/04/2025 |\n| 03/04/2025 |\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, "| Due |\n|---|\n| 2025-04-25 |\n| 2025-04-03 |\n");
    let text = "| Due |\n|---|\n| 03/04/2025 |\n";
    let out = run(text, &dates_only());
    assert_eq!(out.text, text);
    assert!(diagnostics(&out)[0].1.contains("nothing settles it"));
}

#[test]
fn a_table_that_is_not_one_or_is_protected_stays() {
    for text in [
        // No delimiter row: not a table.
        "| Task | Due |\n| Call | 16/09/2025 |\n",
        // A delimiter row of another width: not a table.
        "| Task | Due |\n|---|\n| Call | 16/09/2025 |\n",
        // Code and comments.
        "```\n| Task | Due |\n|---|---|\n| Call | 16/09/2025 |\n```\n",
        "%%\n| Task | Due |\n|---|---|\n| Call | 16/09/2025 |\n%%\n",
        "    | Task | Due |\n    |---|---|\n    | Call | 16/09/2025 |\n",
        // A row after a blank line belongs to no table.
        "| Task | Due |\n|---|---|\n\n| Call | 16/09/2025 |\n",
    ] {
        assert_eq!(run(text, &dates_only()).text, text, "{text}");
    }
    // An escaped pipe does not end a cell.
    assert_eq!(
        run(
            "| Task | Due |\n|---|---|\n| Call \\| Mail | 16/09/2025 |\n",
            &dates_only()
        )
        .text,
        "| Task | Due |\n|---|---|\n| Call \\| Mail | 2025-09-16 |\n"
    );
}

#[test]
fn an_aligned_table_stays_aligned_where_its_padding_allows() {
    let text = "| Task | Due          | Start      |\n| ---- | ------------ | ---------- |\n| Call | Sep 16, 2025 | 15/09/2025 |\n| Mail | 16/9/25      | 1/9/25     |\n| Ask  | 2/9/25 | 3/9/25 |\n";
    let out = run(text, &dates_only());
    assert_eq!(
        out.text,
        "| Task | Due          | Start      |\n| ---- | ------------ | ---------- |\n| Call | 2025-09-16   | 2025-09-15 |\n| Mail | 2025-09-16   | 2025-09-01 |\n| Ask  | 2025-09-02 | 2025-09-03 |\n"
    );
    assert!(!run(&out.text, &dates_only()).changed());
    // Wider than the column's padding: the row grows, still a valid row.
    let text = "| Due     |\n| ------- |\n| 16/9/25 |\n";
    assert_eq!(
        run(text, &dates_only()).text,
        "| Due     |\n| ------- |\n| 2025-09-16 |\n"
    );
}

#[test]
fn a_format_that_writes_a_pipe_leaves_table_cells_alone() {
    let mut config = dates_only();
    config.date_format = "YYYY|MM|DD".into();
    let text = "| Task | Due |\n|---|---|\n| Call | 16/09/2025 |\n";
    let out = run(text, &config);
    assert_eq!(out.text, text);
    assert!(
        diagnostics(&out).iter().any(|(_, m)| m.contains("table")),
        "{:?}",
        diagnostics(&out)
    );
    // Outside a table the format is the user's to choose.
    assert_eq!(run("Due: 16/09/2025\n", &config).text, "Due: 2025|09|16\n");
}

proptest! {
    /// Whatever the dates, their forms and the target format, a table keeps
    /// its lines and its cells, a second run changes nothing, and a row
    /// that lined up still does when its new dates fit the column.
    #[test]
    fn tables_keep_their_shape(
        cells in proptest::collection::vec((any_date(), 0..FORMATS.len()), 1..6),
        pad in 1usize..5,
        target in 0..FORMATS.len(),
    ) {
        let mut config = dates_only();
        config.date_format = FORMATS[target].to_string();
        config.date_order = DateOrder::Dmy;
        let written: Vec<String> = cells
            .iter()
            .map(|&(d, f)| Format::parse(FORMATS[f]).unwrap().render(d, None))
            .collect();
        let width = written.iter().map(|w| w.chars().count()).max().unwrap_or(0) + pad;
        let cell = |s: &str| format!(" {s}{} ", " ".repeat(width - s.chars().count()));
        let mut text = format!("| Task |{}|\n| ---- |{}|\n", cell("Due"), cell(&"-".repeat(3)));
        for w in &written {
            text.push_str(&format!("| Call |{}|\n", cell(w)));
        }
        let once = run(&text, &config);
        let pipes = |s: &str| s.lines().map(|l| l.matches('|').count()).collect::<Vec<_>>();
        prop_assert_eq!(pipes(&once.text), pipes(&text), "{}", once.text);
        // The new dates as written (`MM/DD/YYYY` input may read another
        // way under `dateOrder`, so they are taken from the output).
        let new_width = once
            .text
            .lines()
            .skip(2)
            .filter_map(|l| l.split('|').nth(2))
            .map(|c| c.trim().chars().count())
            .max()
            .unwrap_or(0);
        if new_width <= width {
            let header_len = text.lines().next().unwrap().chars().count();
            for line in once.text.lines() {
                prop_assert_eq!(line.chars().count(), header_len, "{}", once.text);
            }
        }
        let twice = run(&once.text, &config);
        prop_assert!(!twice.changed(), "{}\n→\n{}\n→ {:?}", text, once.text, twice.changes);
    }
}

#[test]
fn tasks_dataview_fields_are_written_as_tasks_reads_them() {
    let config = Config {
        date_format: "D MMMM YYYY".into(),
        ..dates_only()
    };
    let text = "- [ ] Call Bob [due:: 16/09/2025] (scheduled:: Sep 15, 2025)\n\
                - [ ] Vague [due:: 16/09/2025 maybe] [start:: next week] [note:: 16/09/2025]\n\
                Not a task [due:: 16/09/2025]\n";
    let out = run(text, &config);
    // Tasks reads only YYYY-MM-DD there, whatever the configured format.
    assert_eq!(
        out.text,
        "- [ ] Call Bob [due:: 2025-09-16] (scheduled:: 2025-09-15)\n\
         - [ ] Vague [due:: 16/09/2025 maybe] [start:: next week] [note:: 16/09/2025]\n\
         Not a task [due:: 16/09/2025]\n"
    );
    assert!(out
        .changes
        .iter()
        .all(|c| c.message.contains("Obsidian Tasks")));
}

#[test]
fn an_unquoted_date_time_is_not_called_a_plain_date() {
    let mut config = notemend::Config::default();
    config.only(&[notemend::Fix::Dates]);
    for (value, says) in [
        ("'2025-09-16'", "a plain YAML date"),
        ("'2025-09-16T10:00:00'", "date and time"),
        (
            "'2025-09-16T10:00:00-0400'",
            "time-zone offset `-0400` kept",
        ),
        ("\"2025-09-16T10:00:00.5Z\"", "time-zone offset `Z` kept"),
    ] {
        let text = format!("---\ncreated: {value}\n---\n");
        let out = notemend::normalize(&text, &config);
        let unquoted = &value[1..value.len() - 1];
        assert_eq!(out.text, format!("---\ncreated: {unquoted}\n---\n"));
        let message = &out.changes[0].message;
        assert!(message.contains(says), "{value}: {message}");
        if unquoted.len() > 10 {
            assert!(!message.contains("plain YAML date"), "{value}: {message}");
        }
    }
}

#[test]
fn keys_another_plugin_writes_stay_as_it_writes_them() {
    // Obsidian Linter's YAML timestamp writes these keys in its own format
    // on every save that changes the note; rewriting them would undo it.
    let text = "---\ndate created: Wednesday, January 1st 2020, 12:00:00 am\ndate modified: 12-11-2023 04:11 PM\ndue: 16/09/2025\n---\n";
    let mut config = dates_only();
    let before = run(text, &config);
    assert!(before.changes.len() >= 3, "{:?}", before.changes);
    config.vault.kept_keys = notemend::plugins::linter_kept_keys(
        r#"["obsidian-linter"]"#,
        r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true}}}"#,
    );
    let out = run(text, &config);
    assert_eq!(
        out.text,
        "---\ndate created: Wednesday, January 1st 2020, 12:00:00 am\ndate modified: 12-11-2023 04:11 PM\ndue: 2025-09-16\n---\n"
    );
    // Only the exact key the plugin writes is kept back.
    let other = text.replace("date created:", "Date Created:");
    assert!(run(&other, &config)
        .text
        .contains("Date Created: 2020-01-01"));
}
