//! The clean corpus (real notes nobody on the team wrote, 38 languages, the
//! Obsidian Tasks docs full of dates) must come back byte-for-byte from the
//! `dates` fix with running-text dates off, the default.

use notemend::{normalize, Config, Fix};
use std::fs;

mod common;
use common::corpus_files;

#[test]
fn clean_corpus_is_unchanged_by_dates() {
    let Some(files) = corpus_files() else {
        return;
    };
    assert!(
        files.len() > 100,
        "corpus looks incomplete: {} files",
        files.len()
    );
    let mut config = Config::default();
    config.only(&[Fix::Dates]);
    let (mut bytes, mut changed) = (0usize, Vec::new());
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        let out = normalize(&text, &config);
        if out.text != text {
            let first: Vec<String> = out
                .changes
                .iter()
                .take(3)
                .map(|c| format!("line {}: {:?} -> {:?}", c.line, c.before, c.after))
                .collect();
            changed.push(format!("{}: {}", path.display(), first.join("; ")));
        }
    }
    println!(
        "dates over the corpus: {} files, {bytes} bytes, {} changed",
        files.len(),
        changed.len()
    );
    assert!(
        changed.is_empty(),
        "{} files changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}
