//! Golden fixtures: `tests/fixtures/NAME.input.md` must become
//! `NAME.expected.md`, with the settings of `NAME.config.json` when there is
//! one (default settings otherwise). Each fixture also holds text that must
//! not change. `GOLDEN=prefix` narrows the run. A second run over the expected text must change nothing.

use notemend::{normalize, Config, Edit};
use std::fs;
use std::path::Path;

fn config_for(dir: &Path, name: &str) -> Config {
    match fs::read_to_string(dir.join(format!("{name}.config.json"))) {
        Ok(json) => {
            let (config, warnings) = Config::from_json(&json).expect("fixture config");
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            config
        }
        Err(_) => Config::default(),
    }
}

#[test]
fn golden_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".input.md").map(str::to_string))
        .collect();
    // `GOLDEN=prefix cargo test --test golden` runs only matching fixtures.
    if let Ok(prefix) = std::env::var("GOLDEN") {
        names.retain(|n| n.starts_with(&prefix));
    }
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for name in &names {
        let input = fs::read_to_string(dir.join(format!("{name}.input.md"))).unwrap();
        let expected = fs::read_to_string(dir.join(format!("{name}.expected.md")))
            .unwrap_or_else(|_| panic!("{name}.expected.md missing"));
        let config = config_for(&dir, name);
        let out = normalize(&input, &config);
        if out.text != expected {
            failures.push(format!(
                "{name}: output differs\n--- expected\n{expected}\n--- got\n{}\n",
                out.text
            ));
            continue;
        }
        let edits: Vec<&Edit> = out.edits.iter().collect();
        assert_eq!(
            notemend::edit::apply(&input, &edits),
            out.text,
            "{name}: edits"
        );
        let again = normalize(&expected, &config);
        if again.changed() {
            failures.push(format!("{name}: second run changed {:?}", again.changes));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn unclosed_frontmatter_is_reported_whatever_fixes_run() {
    let mut config = Config::default();
    config.only(&[notemend::Fix::Whitespace]);
    let out = normalize("---\ntitle: x\n\nbody  \n", &config);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("never closed")));
    assert!(out.text.starts_with("---\ntitle: x\n"));
}

#[test]
fn mojibake_quoted_in_code_is_neither_repaired_nor_reported() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let input = fs::read_to_string(dir.join("mojibake-quoted-in-code.input.md")).unwrap();
    let out = normalize(&input, &Config::default());
    assert!(!out.changed());
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}
