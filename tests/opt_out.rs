//! The `notemend: false` opt-out, on the cases the plugin's `optsOut` is
//! tested on too (`tests/data/opt-out.json`), so the two read the same
//! notes as opting out; and against YAML itself: where the frontmatter
//! parses, a note opts out exactly when YAML reads a top-level `notemend`
//! that is false or the word false, no or off.

use notemend::{normalize, Config};
use serde_yaml::Value;

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    note: String,
    opts_out: bool,
    why: String,
    yaml_differs: Option<String>,
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("data/opt-out.json")).expect("the case table")
}

#[test]
fn the_core_leaves_exactly_the_notes_that_opt_out() {
    // A note with work for the whitespace fix, so one that does not opt
    // out comes back changed.
    for case in cases() {
        let text = format!("{}\n\n\ntext  \n", case.note);
        let out = normalize(&text, &Config::default());
        let said = out
            .diagnostics
            .iter()
            .any(|d| d.message.contains("opts out"));
        assert_eq!(said, case.opts_out, "{:?}: {}", case.note, case.why);
        assert_eq!(out.text == text, case.opts_out, "{:?}", case.note);
    }
}

/// What YAML reads: `Some(opts out)` when the block parses as a mapping.
fn yaml_says(note: &str) -> Option<bool> {
    let body = note.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rest = body.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").or_else(|| rest.find("\n...\n"))?;
    let Ok(Value::Mapping(map)) = serde_yaml::from_str::<Value>(&rest[..end + 1]) else {
        return None;
    };
    Some(map.iter().any(|(k, v)| {
        k.as_str()
            .is_some_and(|k| k.eq_ignore_ascii_case("notemend"))
            && match v {
                Value::Bool(b) => !b,
                Value::String(s) => ["false", "no", "off"]
                    .iter()
                    .any(|w| s.eq_ignore_ascii_case(w)),
                _ => false,
            }
    }))
}

#[test]
fn the_opt_out_reads_what_yaml_reads() {
    let mut compared = 0;
    for case in cases() {
        let Some(yaml) = yaml_says(&(case.note.clone() + "\n")) else {
            continue;
        };
        compared += 1;
        match &case.yaml_differs {
            Some(why) => assert_ne!(yaml, case.opts_out, "{:?} is marked: {why}", case.note),
            None => assert_eq!(yaml, case.opts_out, "{:?}: {}", case.note, case.why),
        }
    }
    assert!(compared >= 25, "only {compared} cases parse");
}

#[derive(serde::Deserialize)]
struct Owned {
    note: String,
    owner: Option<String>,
    why: String,
}

/// Notes another plugin owns (`tests/data/owned.json`, which the plugin's
/// `ownerPlugin` is tested on too) come back whole, with a diagnostic
/// naming the key; others are repaired as usual.
#[test]
fn the_core_leaves_notes_other_plugins_own() {
    let cases: Vec<Owned> =
        serde_json::from_str(include_str!("data/owned.json")).expect("the case table");
    for case in cases {
        let text = format!("{}\n\n\ntext  \n", case.note);
        let out = normalize(&text, &Config::default());
        let said = out
            .diagnostics
            .iter()
            .find(|d| d.message.contains("belongs to another plugin"));
        match &case.owner {
            Some(key) => {
                assert_eq!(out.text, text, "{:?}: {}", case.note, case.why);
                let said = said.unwrap_or_else(|| panic!("{:?}: no diagnostic", case.note));
                assert!(said.message.contains(key.as_str()), "{}", said.message);
            }
            None => {
                assert!(said.is_none(), "{:?}: {}", case.note, case.why);
                assert_ne!(out.text, text, "{:?}", case.note);
            }
        }
    }
}
