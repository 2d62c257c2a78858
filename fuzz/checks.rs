//! The checks shared by the fuzz targets and the regression replay
//! (`tests/fuzz_regressions.rs`): one source of truth for what "correct"
//! means for each public entry point, whatever the input.
//!
//! Each `*_input` function takes raw bytes, as the fuzzer hands them over,
//! and panics (with the input in the message) when an invariant breaks.

#![allow(dead_code)]

use notemend::{edit, normalize, utf16::Utf16Map, Config, DateOrder, Edit, Fix, Note, Outcome};

/// Date formats a derived config picks from: the usual ones and a few odd
/// ones (empty, literals, tokens the core may not know).
const DATE_FORMATS: &[&str] = &[
    "YYYY-MM-DD",
    "DD.MM.YYYY",
    "MM/DD/YYYY",
    "D MMMM YYYY",
    "YYYYMMDD",
    "",
    "[on] YYYY-MM-DD",
    "dddd Do MMM YY",
    "Q/W/E",
    "\u{1F4C5} YYYY",
    "YYYY-MM-DD [at] dddd",
    "MMMM Do, YYYY dddd",
];

/// A note touching every fix, for the settings target: settings read from
/// arbitrary JSON must drive a whole run without panicking.
pub const SAMPLE: &str = "---\ntype: customer\ndate: '2025-09-16'\nparticipants:\n- Lior Genzel\n- Ada Lovelace\ntags: a, b\nsource_ref: Inbox/a long path for\n  a note.md\n---\n# Call\n**Date**: 16/09/2025\n**Attendees**: Lior Genzel Genzel, Ada Lovelace\nVASTâ€™s plan  \n- [ ] Share it @Lior Genzel Genzel ğŸ“… 2025-10-26 â« #task\n- [ ] Review @Myself ⏫ 📅 10/26/2025 #task\n- [x] Done ✅ 2025-09-17 📅 2025-09-16\n```\ncode â€™  \n```\nSee [[2025-09-16 - Call]] on 09/16/2025.\n\n\n";

/// The settings a fuzz input chooses for itself from its first bytes, so the
/// fuzzer explores fix combinations and options along with the text.
pub fn derived_config(data: &[u8]) -> Config {
    let b = |i: usize| data.get(i).copied().unwrap_or(0);
    let mut config = Config::default();
    for (i, fix) in Fix::ALL.into_iter().enumerate() {
        config
            .fixes
            .insert(fix.name().to_string(), b(0) & (1 << i) == 0);
    }
    let order = |x: u8| match x % 3 {
        0 => DateOrder::Auto,
        1 => DateOrder::Dmy,
        _ => DateOrder::Mdy,
    };
    config.date_order = order(b(1));
    config.date_format = DATE_FORMATS[b(2) as usize % DATE_FORMATS.len()].to_string();
    config.running_text_dates = b(3) & 1 == 1;
    if b(3) & 2 == 2 {
        config.me = "Ada Lovelace".to_string();
    }
    if b(3) & 4 == 4 {
        config.known_people = vec![
            "Lior Genzel".into(),
            "Jason Vallery".into(),
            "Zoë Ñúñez".into(),
        ];
        config.people_keys = vec!["owner".into(), "attendees".into()];
        config.date_keys = vec!["due".into(), "created".into()];
    }
    if b(3) & 8 == 8 {
        config.vault.people = vec!["Lior Genzel".into(), "Ada Lovelace".into()];
        config.vault.date_order = Some(order(b(1) / 3));
    }
    config
}

fn only(fix: Fix) -> Config {
    let mut config = Config::default();
    config.only(&[fix]);
    config
}

/// `normalize` target: bytes that are UTF-8 are normalised with the default
/// settings, with whitespace alone, and with settings derived from the input.
pub fn normalize_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_normalize(text, &Config::default());
    check_normalize(text, &only(Fix::Whitespace));
    check_normalize(text, &derived_config(data));
}

/// Every invariant of one run, and a second run that must change nothing.
pub fn check_normalize(text: &str, config: &Config) {
    let out = normalize(text, config);
    check_outcome(text, &out);
    if config
        .fixes
        .iter()
        .all(|(name, &on)| !on || name == "whitespace")
        && config.fixes.get("whitespace") == Some(&true)
        && config.fixes.len() == Fix::ALL.len()
    {
        assert_eq!(
            non_whitespace(text),
            non_whitespace(&out.text),
            "whitespace alone lost or added a visible character in {text:?}"
        );
    }
    let again = normalize(&out.text, config);
    assert!(
        !again.changed(),
        "second run changed more.\ninput: {text:?}\nfirst: {:?}\nsecond: {:?}\nchanges: {:#?}",
        out.text,
        again.text,
        again.changes
    );
}

/// The characters that are not whitespace, in order.
pub fn non_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What an [`Outcome`] promises about the text it came from.
pub fn check_outcome(text: &str, out: &Outcome) {
    assert!(
        out.unsettled().is_empty(),
        "fixing did not settle within the pass cap: {:?} still propose edits for {text:?}\n{:#?}",
        out.unsettled(),
        out.diagnostics
    );
    for e in &out.edits {
        assert!(
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end),
            "edit {e:?} is not a range of the input {text:?}"
        );
        assert_ne!(
            text[e.range.clone()],
            e.replacement,
            "edit {e:?} changes nothing"
        );
    }
    for w in out.edits.windows(2) {
        assert!(
            w[0].range.end <= w[1].range.start
                && !(w[0].range.is_empty()
                    && w[1].range.is_empty()
                    && w[0].range.start == w[1].range.start),
            "edits not sorted or overlapping: {:?} then {:?} in {text:?}",
            w[0],
            w[1]
        );
    }
    let refs: Vec<&Edit> = out.edits.iter().collect();
    assert_eq!(
        edit::apply(text, &refs),
        out.text,
        "the edits do not reproduce the output for {text:?}"
    );
    assert_eq!(
        out.changed(),
        out.text != text,
        "changed() disagrees with the text for {text:?}"
    );
    let lines = text.matches('\n').count() + 1;
    for c in &out.changes {
        assert!(
            c.range.start <= c.range.end && c.range.end <= text.len(),
            "change range {:?} outside the input ({} bytes)",
            c.range,
            text.len()
        );
        assert!(
            (1..=lines).contains(&c.line),
            "change line {} of {lines}",
            c.line
        );
        assert!(!c.message.is_empty(), "change without a message: {c:?}");
    }
    for d in &out.diagnostics {
        assert!(
            (1..=lines).contains(&d.line),
            "diagnostic line {} of {lines}",
            d.line
        );
        assert!(!d.message.is_empty(), "diagnostic without a message: {d:?}");
    }
    let offsets: Vec<usize> = out
        .edits
        .iter()
        .flat_map(|e| [e.range.start, e.range.end])
        .collect();
    check_utf16(text, &offsets);
}

/// `Utf16Map` agrees with counting the UTF-16 units of the prefix.
pub fn check_utf16(text: &str, offsets: &[usize]) {
    let map = Utf16Map::new(text, offsets.to_vec());
    let mut sorted = offsets.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (mut at, mut units) = (0, 0);
    for &b in &sorted {
        units += text[at..b].encode_utf16().count();
        at = b;
        assert_eq!(
            map.get(b),
            Some(units),
            "UTF-16 offset of byte {b} in {text:?}"
        );
    }
}

/// `parse` target: the note model of any UTF-8 text is consistent.
pub fn parse_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let note = Note::parse(text);
    let len = text.len();
    assert!(note.start == 0 || (note.start == 3 && text.starts_with('\u{feff}')));
    // Lines tile the text after the BOM, each ending as it says.
    let mut at = note.start;
    for (i, line) in note.lines.iter().enumerate() {
        assert_eq!(
            line.range.start, at,
            "line {i} does not start where the last ended"
        );
        assert!(line.range.end <= len);
        let ending = &text[line.range.end..line.range.end + line.ending];
        match line.ending {
            0 => assert_eq!(
                i + 1,
                note.lines.len(),
                "only the last line may lack an ending"
            ),
            1 => assert_eq!(ending, "\n"),
            2 => assert_eq!(ending, "\r\n"),
            n => panic!("line ending of {n} bytes"),
        }
        assert!(!line.text(text).contains('\n'));
        at = line.range.end + line.ending;
    }
    assert_eq!(at, len, "lines do not cover the text");
    // Protected ranges: sorted, disjoint, non-empty, char ranges of the text.
    for p in note.protected() {
        assert!(p.start < p.end && p.end <= len, "protected {p:?} of {len}");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(!note.is_free(p.clone()), "protected {p:?} reported free");
    }
    for w in note.protected().windows(2) {
        assert!(
            w[0].end < w[1].start,
            "protected ranges overlap or touch: {w:?}"
        );
    }
    if let Some(fm) = &note.frontmatter {
        assert_eq!(fm.range.start, note.start);
        assert!(
            fm.range.start <= fm.yaml.start && fm.yaml.end <= fm.range.end && fm.range.end <= len
        );
        assert!(text.is_char_boundary(fm.yaml.start) && text.is_char_boundary(fm.yaml.end));
        assert!(text[fm.range.clone()].starts_with("---"));
        assert!(note.frontmatter_problem.is_none());
        for line in &note.lines {
            assert_eq!(line.in_frontmatter, line.range.start < fm.range.end);
        }
    } else {
        assert!(note.lines.iter().all(|l| !l.in_frontmatter));
    }
    let body = note.body();
    assert!(body.start <= body.end && body.end == len);
    for (i, line) in note.lines.iter().enumerate().step_by(7) {
        assert_eq!(note.line_of(line.range.start), i + 1, "line_of line {i}");
        let _ = note.is_free(line.range.clone());
        let _ = note.is_free(line.range.end..line.range.end);
    }
    assert_eq!(
        note.newline,
        if note.lines.first().is_some_and(|l| l.ending == 2) {
            "\r\n"
        } else {
            "\n"
        }
    );
}

/// `settings` target: any JSON is read or refused with a message; settings
/// that are read survive a round trip and drive a whole run.
pub fn settings_input(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match Config::from_json(json) {
        Ok((config, warnings)) => {
            let back = serde_json::to_string(&config).expect("settings serialise");
            let (again, warnings2) =
                Config::from_json(&back).expect("serialised settings read back");
            assert_eq!(again, config, "settings round trip through {back}");
            assert!(
                warnings2.iter().all(|w| warnings.contains(w)),
                "new warnings on the round trip: {warnings2:?}"
            );
            check_normalize(SAMPLE, &config);
        }
        Err(message) => assert!(!message.is_empty()),
    }
}
