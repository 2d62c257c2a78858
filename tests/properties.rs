//! Properties of the core that hold for any note:
//!
//! - a second run changes nothing more;
//! - the edits an [`Outcome`] reports, applied to the input, give its text;
//! - a note with nothing to repair comes back byte-for-byte;
//! - UTF-16 offsets (what JavaScript counts) point at the same text;
//! - whitespace alone never loses a visible character, and code is code.
//!
//! 256 cases per property by default; `PROPTEST_CASES=5000 cargo test
//! --release --test properties` for a longer search.

#[path = "../fuzz/checks.rs"]
mod checks;

use notemend::{normalize, utf16::Utf16Map, Config, Fix, Outcome};
use proptest::prelude::*;
use proptest::sample::select;

fn config_only(fixes: &[Fix]) -> Config {
    let mut config = Config::default();
    config.only(fixes);
    config
}

fn config_skip(fixes: &[Fix]) -> Config {
    let mut config = Config::default();
    config.skip(fixes);
    config
}

/// Pieces of damaged, messy notes: Markdown structure, mojibake, CRLF,
/// BOMs, Tasks emoji, frontmatter, names, dates, protected regions.
const MESSY: &[&str] = &[
    "word",
    "Word",
    " ",
    "  ",
    "\t",
    " \t ",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r\n",
    "\r",
    "\n\n\n",
    "  \n",
    "# ",
    "## Heading",
    "###### six",
    "####### seven",
    "#tag",
    "- ",
    "- item",
    "* ",
    "1. ",
    "> ",
    "- [ ] ",
    "- [x] ",
    "- [ ] task ",
    "```",
    "```js\n",
    "~~~",
    "`",
    "`code  `",
    "$",
    "$$",
    "$x^2$",
    "<!--",
    "-->",
    "<!-- note -->",
    "%%",
    "---",
    "---\n",
    "...\n",
    "key: value",
    "date: '2025-09-16'",
    "tags: a, b",
    "title: \"x\"",
    "source_ref: a\n  b",
    "a: [1",
    "*alias",
    "&anchor ",
    "@Lior Genzel Genzel",
    "Lior Genzel Genzel",
    "**Attendees**: Ada Lovelace, Ada Lovelace",
    "owner: Jason Vallery Vallery",
    "@Myself",
    "16/09/2025",
    "September 16th, 2025",
    "16 Sep 2025",
    "2025/09/16",
    "Due: 03/04/2025",
    "due:: 2025-09-16",
    "⏳ 2025-09-16",
    "created: 2025-09-16T10:00",
    "09/16/2025",
    "2025-9-6",
    "2025-09-16",
    "Sept 16, 2025",
    "31/02/2025",
    "📅",
    "📅\u{fe0f}",
    "⏫",
    "🔺",
    "🔼",
    "🔽",
    "⏬",
    "✅",
    "❌",
    "➕",
    "🛫",
    "⏳",
    "🔁 every week",
    "\u{fe0f}",
    "#task",
    "ğŸ“…",
    "â€™",
    "â€œ",
    "â€\u{9d}",
    "â«",
    "Ã©",
    "Ã",
    "Â ",
    "Â",
    "Ð¿Ñ€Ð¸",
    "Г©",
    "рџ”Ѓ",
    "ðŸ”",
    "\u{feff}",
    "\u{0}",
    "\u{200b}",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "é",
    "ñ",
    "Zoë",
    "日本語",
    "中文，测试。",
    "🎉",
    "👩‍💻",
    "🇫🇷",
    "Ω",
    "https://example.org/a_(b).",
    "<https://x.y>",
    "[[2025-09-16 - Call|call]]",
    "![[img.png]]",
    "[link](a b)",
    "]]",
    "[[",
    "|",
    "\\",
    "\"",
    "'",
    ":",
    "?",
    "=",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(MESSY).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[a-zA-Zé日📅 \t\r\n#\\-\\[\\]`$]{1,8}",
    ]
}

fn messy_text() -> impl Strategy<Value = String> {
    let frontmatter = prop_oneof![
        3 => Just(String::new()),
        1 => Just("---\ntitle: x\ndate: '2025-09-16'\n---\n".to_string()),
        1 => Just("\u{feff}---\r\ntags: a, b\r\n---\r\n".to_string()),
        1 => Just("---\nowner: Lior Genzel Genzel\ndue: 16/09/2025\n".to_string()),
    ];
    (frontmatter, prop::collection::vec(fragment(), 0..60))
        .prop_map(|(fm, parts)| fm + &parts.concat())
}

/// Runs `normalize` and checks every invariant an `Outcome` promises
/// (edits sorted, on char boundaries, reproducing the text; lines in range).
fn run(text: &str, config: &Config) -> Outcome {
    let out = normalize(text, config);
    checks::check_outcome(text, &out);
    out
}

fn second_run_changes_nothing(text: &str, config: &Config) -> Result<(), TestCaseError> {
    let first = run(text, config);
    let second = run(&first.text, config);
    prop_assert!(
        !second.changed(),
        "second run changed more: {:?} -> {:?} -> {:?}\n{:#?}",
        text,
        first.text,
        second.text,
        second.changes
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn idempotent_with_default_settings(text in messy_text()) {
        second_run_changes_nothing(&text, &Config::default())?;
    }

    #[test]
    fn idempotent_fix_by_fix(text in messy_text(), fix in select(&Fix::ALL[..])) {
        second_run_changes_nothing(&text, &config_only(&[fix]))?;
    }

    #[test]
    fn idempotent_with_settings_from_the_input(text in messy_text(), seed in any::<[u8; 4]>()) {
        second_run_changes_nothing(&text, &checks::derived_config(&seed))?;
    }

    #[test]
    fn edits_reproduce_the_output(text in messy_text(), seed in any::<[u8; 4]>()) {
        // `run` checks the edits; both settings must hold it.
        run(&text, &Config::default());
        run(&text, &checks::derived_config(&seed));
    }

    #[test]
    fn whitespace_keeps_every_visible_character(text in messy_text()) {
        let out = run(&text, &config_only(&[Fix::Whitespace]));
        prop_assert_eq!(checks::non_whitespace(&text), checks::non_whitespace(&out.text));
    }

    #[test]
    fn code_blocks_come_back_as_written(
        before in messy_text(),
        code in prop::collection::vec(fragment(), 0..20),
        after in messy_text(),
    ) {
        // Mojibake may repair code when the whole note is garbled (by
        // design); every other fix leaves code alone.
        let code = code.concat().replace('`', "'").replace('\r', "");
        let block = format!("\n```\n{code}\n```\n");
        // No frontmatter in front: its closing line could fall in the code.
        // Nor an open fence of its own (`~~~` would swallow the block's
        // opening line), nor an HTML block (after an open `<!--`, CommonMark
        // reads the fence as part of the comment, up to its `-->`), nor an
        // open `$$` math block (its lines, the fence's among them, are
        // math up to the next `$$`, which the code may hold).
        let before = before
            .replace('~', "-")
            .replace('`', "'")
            .replace('<', "‹")
            .replace('$', "§");
        let text = format!("Intro\n{before}{block}{after}");
        let out = run(&text, &config_skip(&[Fix::Mojibake]));
        prop_assert!(out.text.contains(&block), "code changed: {:?} -> {:?}", text, out.text);
    }

    #[test]
    fn clean_notes_come_back_byte_for_byte(text in clean_note()) {
        let out = run(&text, &Config::default());
        prop_assert!(
            !out.changed(),
            "a clean note changed: {:?}\n{:#?}\n{:?}",
            text,
            out.changes,
            out.diagnostics
        );
        prop_assert_eq!(out.text, text);
    }

    #[test]
    fn utf16_offsets_point_at_the_same_text(
        s in "[a-zé€日📅👩‍💻\u{fe0f}\u{10ffff}\n ]{0,40}|\\PC{0,60}",
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let mut bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        bounds.push(s.len());
        let offsets: Vec<usize> = picks.iter().map(|p| bounds[p.index(bounds.len())]).collect();
        let map = Utf16Map::new(&s, offsets.clone());
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut sorted = offsets;
        sorted.sort_unstable();
        for pair in sorted.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (ua, ub) = (map.get(a).unwrap(), map.get(b).unwrap());
            prop_assert!(ua <= ub && ub <= units.len());
            prop_assert_eq!(String::from_utf16(&units[ua..ub]).unwrap(), &s[a..b]);
        }
        for &b in &sorted {
            prop_assert_eq!(map.get(b), Some(s[..b].encode_utf16().count()));
        }
    }
}

// ---- A grammar of notes with nothing to repair ----

const ASCII_WORDS: &[&str] = &[
    "the",
    "plan",
    "meeting",
    "notes",
    "Ada",
    "review",
    "budget",
    "Q3",
    "ship",
    "it",
    "and",
    "follow-up",
    "v2.1",
    "(draft)",
    "API",
    "next",
    "steps:",
    "done.",
];
const ACCENTED_WORDS: &[&str] = &[
    "café",
    "naïve",
    "Zoë",
    "Müller",
    "Straße",
    "façade",
    "São",
    "Paulo",
    "Ångström",
    "jalapeño",
    "crème",
    "brûlée",
    "Dvořák",
    "Łódź",
    "İstanbul",
    "Ελληνικά",
    "Привет",
    "мир",
    "Œuvre",
    "déjà",
    "vu",
    "Ñandú",
    "coöperate",
    "señor",
];
const CJK_WORDS: &[&str] = &["日本語", "中文", "한국어", "東京", "会議", "メモ", "测试"];
const EMOJI: &[&str] = &["🎉", "🚀", "✅", "👍", "❤️", "👩‍💻", "🇯🇵", "☕", "🙂"];

fn clean_word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(ASCII_WORDS),
        3 => select(ACCENTED_WORDS),
        1 => select(CJK_WORDS),
        1 => select(EMOJI),
    ]
    .prop_map(str::to_string)
}

fn clean_line() -> impl Strategy<Value = String> {
    prop::collection::vec(clean_word(), 1..10).prop_map(|w| w.join(" "))
}

fn clean_block() -> impl Strategy<Value = String> {
    prop_oneof![
        // A paragraph of one to three lines.
        4 => prop::collection::vec(clean_line(), 1..4).prop_map(|l| l.join("\n")),
        // A list, with a task or two.
        2 => prop::collection::vec(
            prop_oneof![
                3 => clean_line().prop_map(|l| format!("- {l}")),
                1 => clean_line().prop_map(|l| format!("- [ ] {l}")),
                1 => clean_line().prop_map(|l| format!("- [ ] {l} 📅 2025-10-26")),
                1 => clean_line().prop_map(|l| format!("1. {l}")),
            ],
            1..5,
        )
        .prop_map(|l| l.join("\n")),
        // A fenced code block, trailing spaces and blank lines included.
        1 => prop::collection::vec(
            prop_oneof![clean_line(), Just(String::new()), Just("  x  = 1;   ".to_string())],
            0..5,
        )
        .prop_map(|l| format!("```text\n{}\n```", l.join("\n"))),
        // A quote.
        1 => clean_line().prop_map(|l| format!("> {l}")),
    ]
}

fn clean_heading() -> impl Strategy<Value = String> {
    (1usize..=6, clean_line()).prop_map(|(n, l)| format!("{} {l}", "#".repeat(n)))
}

/// A note built only from clean parts: blocks and headings separated by one
/// blank line, a final newline, optionally a simple frontmatter and CRLF.
fn clean_note() -> impl Strategy<Value = String> {
    let part = prop_oneof![3 => clean_block(), 1 => clean_heading()];
    (
        prop::collection::vec(part, 1..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(parts, frontmatter, crlf)| {
            let mut text = String::new();
            if frontmatter {
                text.push_str("---\ntitle: Weekly sync\n---\n");
            }
            text.push_str(&parts.join("\n\n"));
            text.push('\n');
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}
