//! Properties of the `tasks` fix over generated task lines built from the
//! pieces Tasks reads (every signifier and spelling, dates valid and not,
//! tags, block links, stray spaces, text that only looks like a field):
//!
//! - what Tasks reads from the line (description with its tags, fields,
//!   block link) is the same before and after;
//! - the status and everything before the checkbox stay;
//! - a second run changes nothing;
//! - the fields come out in Tasks' write order with one space between.

use notemend::note::task::{self, Field};
use notemend::{normalize, Config, Fix};
use proptest::prelude::*;

mod common;
use common::task_reading as reading;
use proptest::sample::select;

const PREFIXES: &[&str] = &[
    "- [ ] ", "* [x] ", "+ [/] ", "1. [-] ", "  - [ ] ", "> - [?] ", "-  [ ]", "- [ ]  ",
];

const PIECES: &[&str] = &[
    "Call",
    "@Lior Genzel",
    "📅 2025-10-26",
    "📅2025-10-27",
    "📆 2025-10-28",
    "🗓️ 2025-10-29",
    "⏳ 2025-10-01",
    "⌛ 2025-10-02",
    "🛫 2025-09-30",
    "➕ 2025-09-01",
    "✅ 2025-10-30",
    "❌ 2025-10-31",
    "📅 2025-02-30",
    "📅 16/09/2025",
    "🔺",
    "⏫",
    "⏫\u{fe0f}",
    "🔼",
    "🔽",
    "⏬",
    "🔁 every week",
    "🔁 every day when done",
    "🏁 delete",
    "🆔 abc-1",
    "⛔ abc-1,def",
    "⛔ x, y",
    "#task",
    "#a/b",
    "#proposed",
    "^blk-1",
    "`code 📅 2025-10-26`",
    "[[Link]]",
    "%%c%%",
    "text",
    "📅",
    "🆔",
    ",",
    "  ",
    "\t",
    "14:30",
    "http://x.org/#frag",
];

fn tasks_only(text: &str) -> String {
    let mut config = Config::default();
    config.only(&[Fix::Tasks]);
    normalize(text, &config).text
}

fn line() -> impl Strategy<Value = String> {
    (
        select(PREFIXES),
        prop::collection::vec(select(PIECES), 0..9),
        prop::bool::ANY,
    )
        .prop_map(|(prefix, pieces, spaced)| {
            let gap = if spaced { " " } else { "  " };
            format!("{prefix}{}", pieces.join(gap))
        })
}

proptest! {
    #[test]
    fn tasks_fix_keeps_what_tasks_reads(line in line()) {
        let input = format!("{line}\n");
        let once = tasks_only(&input);
        let out = once.trim_end_matches('\n');
        prop_assert_eq!(reading(&line), reading(out));
        prop_assert_eq!(tasks_only(&once), once.clone(), "second run");
        if once != input {
            let t = task::parse(out).expect("still a task");
            let fields: Vec<_> = t.fields().collect();
            let order: Vec<Field> = fields.iter().filter_map(|k| k.field).collect();
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "order in {out}");
            for k in &fields {
                let written = &out[k.symbol.clone()];
                prop_assert!(!written.contains('\u{fe0f}'), "U+FE0F in {out}");
            }
        }
    }
}
