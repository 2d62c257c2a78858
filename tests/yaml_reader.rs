//! The one frontmatter reader (`note::frontmatter::entries`) reads keys and
//! block lists where YAML does: on frontmatter written the ways people and
//! tools write it (cases in the spirit of the yaml-test-suite's keys,
//! comments and block sequences), its keys are the parsed mapping's keys,
//! in order, and a list's items are the parsed sequence's.

use notemend::note::frontmatter::entries::{entries, lines};
use notemend::{normalize, Config, Fix};
use serde_yaml::Value;

const CASES: &[&str] = &[
    "title: a\ndate: 2025-09-16\n",
    // A comment at column 0 is no content: it ends no list (YAML 1.2, 6.6).
    "date:\n- 2025-09-16\n# moved\n- 2025-09-17\nstatus: done\n",
    "date:\n  - 2025-09-16\n# moved\n  - 2025-09-17\n",
    "tags:\n  - a\n    # an indented comment\n  - b\n\n# trailing\n",
    "# a comment first\ntags:\n- a\n",
    "aliases:\n- [x, y]\n- - z\n  - w\nnext: 1\n",
    "people:\n- name: Ada\n  role: lead\n- name: Lior\n",
    "k:\n  nested:\n    - a\n    - b\n  other: c\nm: d\n",
    // Plain keys: `-`, `?` and `:` start one before a non-space; a `#`
    // inside a key is no comment; only spaces and tabs are trimmed.
    "-foo: 1\n?bar: 2\n:baz: 3\n",
    "this is#not: a comment\n",
    "url: http://example.com/a:b\n",
    "a\u{a0}: b\n",
    "key\t: tab before the colon\n",
    "key:\ttab after the colon\n",
    "'quoted key': 1\n\"double\"\t: 2\n'it''s': 3\n",
    "a: 'x: y'\nb: \"z # w\"\n",
    "text: |\n  - not an item\n  # not a comment\nnext: 1\n",
    "folded: >\n  one\n  two\n\nlast: x\n",
    "empty:\nalso_empty: ~\nlist: []\n",
    "owner: Ada Ada\n",
    // `owner:Ada` has no space after its colon: one plain scalar, no key.
    "owner:Ada Ada\n",
    "note: a:b c\n",
];

#[test]
fn keys_and_list_items_are_yamls() {
    let mut compared = 0;
    for yaml in CASES {
        let Ok(parsed) = serde_yaml::from_str::<Value>(yaml) else {
            panic!("{yaml:?} is meant to be YAML");
        };
        let ls = lines(yaml);
        let es = entries(yaml, &ls);
        let got: Vec<&str> = es.iter().map(|e| e.key.as_str()).collect();
        let Value::Mapping(map) = parsed else {
            assert!(
                got.is_empty(),
                "{yaml:?}: YAML reads no mapping, the reader {got:?}"
            );
            continue;
        };
        compared += 1;
        let want: Vec<&str> = map.keys().filter_map(Value::as_str).collect();
        assert_eq!(got, want, "{yaml:?}");
        for e in &es {
            let Some(Value::Sequence(seq)) = map.get(e.key.as_str()) else {
                continue;
            };
            if !e.inline.is_empty() {
                continue; // a flow list: its items are not block items
            }
            // The list's own items are those at its shallowest dash.
            let column =
                |i: &notemend::note::frontmatter::entries::Item| i.dash - ls[i.line].range.start;
            let top = e.items.iter().map(column).min();
            let n = e.items.iter().filter(|i| Some(column(i)) == top).count();
            assert_eq!(n, seq.len(), "{yaml:?}: items of {}", e.key);
        }
    }
    assert!(compared >= 20);
}

fn only(fix: Fix) -> Config {
    let mut config = Config::default();
    config.only(&[fix]);
    config
}

#[test]
fn a_comment_at_column_0_keeps_a_date_list_going() {
    let text = "---\ndate:\n- 16 September 2025\n# moved\n- 17 September 2025\n---\nx\n";
    let out = normalize(text, &only(Fix::Dates));
    assert_eq!(
        out.text,
        "---\ndate:\n- 2025-09-16\n# moved\n- 2025-09-17\n---\nx\n"
    );
}

#[test]
fn a_key_needs_a_space_after_its_colon() {
    let body = "---\nMet [[Lior Genzel]] and @Lior Genzel today.\n";
    let spaced = format!("---\nowner: Lior Genzel Genzel\n{body}");
    let out = normalize(&spaced, &only(Fix::DuplicateNames));
    assert!(
        out.text.starts_with("---\nowner: Lior Genzel\n"),
        "{}",
        out.text
    );
    // YAML reads `owner:Lior …` as one string, so there is no owner.
    for fm in [
        "owner:Lior Genzel Genzel\n",
        "title: a\nowner:Lior Genzel Genzel\n",
    ] {
        let text = format!("---\n{fm}{body}");
        assert_eq!(normalize(&text, &only(Fix::DuplicateNames)).text, text);
    }
}
