//! Obsidian Linter's own test cases (`tests/data/linter/`): Markdown its
//! authors wrote to probe edge cases, none of it written for Notemend. Each
//! text, before and after the Linter's rule, must come through Notemend
//! without damage: the fixes whose damage it does not hold change nothing,
//! a full repair settles and keeps the YAML's values, and the keys the
//! Linter's YAML timestamp writes stay as it writes them.

use notemend::note::frontmatter::entries::key_of;
use notemend::plugins::linter_kept_keys;
use notemend::{normalize, Config, Fix, Note};
use serde::Deserialize;

mod common;
use common::{frontmatter_value, intended_frontmatter as intended};

#[derive(Deserialize)]
struct Case {
    source: String,
    name: String,
    before: String,
    after: String,
}

/// Every text of every case, named for failure messages.
fn texts() -> Vec<(String, String)> {
    let json = include_str!("data/linter/cases.json");
    let cases: Vec<Case> = serde_json::from_str(json).expect("cases.json reads");
    assert!(cases.len() > 400, "the case file looks incomplete");
    cases
        .into_iter()
        .flat_map(|c| {
            let name = format!("{} / {}", c.source, c.name);
            [
                (format!("{name} (before)"), c.before),
                (format!("{name} (after)"), c.after),
            ]
        })
        .collect()
}

#[test]
fn fixes_without_their_damage_change_nothing() {
    // No mojibake, no doubled names, no Tasks lines in these texts: any
    // change by these fixes would be damage.
    let mut config = Config::default();
    config.only(&[Fix::Mojibake, Fix::DuplicateNames, Fix::Tasks]);
    let changed: Vec<String> = texts()
        .into_iter()
        .filter_map(|(name, text)| {
            let out = normalize(&text, &config);
            (out.text != text).then(|| format!("{name}: {:?}", out.changes))
        })
        .collect();
    assert!(changed.is_empty(), "{changed:#?}");
}

#[test]
fn a_full_repair_settles_and_keeps_the_yaml_values() {
    let config = Config::default();
    for (name, text) in texts() {
        let out = normalize(&text, &config);
        assert!(out.unsettled().is_empty(), "{name}: {:?}", out.diagnostics);
        let again = normalize(&out.text, &config);
        assert_eq!(again.text, out.text, "{name}: a second repair changed it");
        // YAML the Linter's tests hold valid stays valid, with the values
        // the fixes intend (tags as names; dates may be rewritten, so only
        // keys and non-date values are compared: see the dates fix's tests).
        if let Some(before) = frontmatter_value(&text) {
            let after = frontmatter_value(&out.text).unwrap_or_else(|| panic!("{name}: YAML lost"));
            let keys = |v: &serde_yaml::Value| -> Vec<String> {
                v.as_mapping()
                    .map(|m| m.keys().map(|k| format!("{k:?}")).collect())
                    .unwrap_or_default()
            };
            assert_eq!(keys(&intended(&before)), keys(&intended(&after)), "{name}");
        }
    }
}

#[test]
fn the_linter_timestamp_keys_keep_the_linter_format() {
    // The keys the Linter's tests write its timestamps under.
    let data = |created: &str, modified: &str| {
        format!(
            r#"{{"ruleConfigs": {{"yaml-timestamp": {{"enabled": true,
            "date-created-key": "{created}", "date-modified-key": "{modified}"}}}}}}"#
        )
    };
    let enabled = r#"["obsidian-linter"]"#;
    let mut kept = linter_kept_keys(enabled, &data("date created", "date modified"));
    kept.extend(linter_kept_keys(enabled, &data("created", "modified")));
    assert_eq!(kept.len(), 4);
    let mut plain = Config::default();
    plain.only(&[Fix::Dates]);
    let mut linter = plain.clone();
    linter.vault.kept_keys = kept.clone();
    let mut rewritten = 0;
    for (name, text) in texts() {
        let note = Note::parse(&text);
        let Some(fm) = &note.frontmatter else {
            continue;
        };
        // The lines of the kept keys' values, as byte ranges.
        let yaml = &text[fm.yaml.clone()];
        let kept_lines: Vec<std::ops::Range<usize>> = fm
            .entries
            .iter()
            .filter(|e| {
                let line = &fm.lines[e.first];
                key_of(&yaml[line.range.clone()])
                    .is_some_and(|(key, _)| kept.iter().any(|k| k.key == key))
            })
            .map(|e| {
                let line = &fm.lines[e.first];
                fm.yaml.start + line.range.start..fm.yaml.start + line.range.end
            })
            .collect();
        if kept_lines.is_empty() {
            continue;
        }
        let touches = |config: &Config| {
            normalize(&text, config).changes.iter().any(|c| {
                kept_lines
                    .iter()
                    .any(|l| l.start <= c.range.start && c.range.end <= l.end)
            })
        };
        rewritten += usize::from(touches(&plain));
        assert!(!touches(&linter), "{name}: a kept key was rewritten");
    }
    println!("{rewritten} texts whose Linter timestamps the dates fix would otherwise rewrite");
    // The cases hold timestamps in the Linter's own formats, which the
    // dates fix reads: without the kept keys it would rewrite them.
    assert!(rewritten >= 20, "{rewritten}");
}
