//! The clean corpus (Tasks docs and demo vault, tldr pages) must pass the
//! `frontmatter` fix: files whose YAML is already tidy come back
//! byte-for-byte, and any edit keeps the parsed value apart from the
//! intended change (tags as a list of names, repeats dropped).

use notemend::note::frontmatter::parse_yaml;
use notemend::{normalize, Config, Fix};
use std::fs;

mod common;
use common::{corpus_files, frontmatter_value as value, intended_frontmatter as intended};

#[test]
fn corpus_frontmatter_keeps_its_values() {
    let Some(files) = corpus_files() else {
        return;
    };
    let mut config = Config::default();
    config.only(&[Fix::Frontmatter]);
    let (mut with_yaml, mut changed) = (0, Vec::new());
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        let Some(before) = value(&text) else {
            continue;
        };
        with_yaml += 1;
        let out = normalize(&text, &config);
        if out.text == text {
            continue;
        }
        let after = value(&out.text).expect("the fix keeps the YAML valid");
        // A file the fix changed must be one whose YAML was not tidy: its
        // value changes only in the intended way, or not at all (a fold).
        assert_eq!(intended(&before), intended(&after), "{}", path.display());
        // Tidy YAML (tags already a list, no repeats, nothing folded) must
        // come back as it was.
        let untidy = intended(&before) != before;
        let only_folds = out.changes.iter().all(|c| c.message.contains("folded"));
        assert!(
            untidy || only_folds,
            "{}: tidy YAML changed",
            path.display()
        );
        let msgs: Vec<String> = out
            .changes
            .iter()
            .map(|c| format!("line {}: {}", c.line, c.message))
            .collect();
        changed.push(format!("{}: {}", path.display(), msgs.join("; ")));
    }
    println!(
        "frontmatter over the corpus: {} files, {with_yaml} with frontmatter, {} changed",
        files.len(),
        changed.len()
    );
    for c in &changed {
        println!("  {c}");
    }
    assert!(with_yaml > 100, "corpus looks incomplete");
    // The demo vault holds two test notes with `tags` as a string on
    // purpose (one tag; two tags separated by a comma); nothing else needs
    // tidying.
    assert!(changed.len() <= 2, "{changed:#?}");
}

#[test]
fn parse_yaml_is_the_reference() {
    // The test's own check agrees with the fix's: a folded value reads as
    // its joined form.
    assert_eq!(
        parse_yaml("a: b\n  c\n").unwrap(),
        parse_yaml("a: b c\n").unwrap()
    );
}
