//! The clean corpus (real notes nobody on the team wrote, 38 languages, the
//! Obsidian Tasks docs full of dates) must come back byte-for-byte from the
//! `dates` fix with running-text dates off, the default.

use notemend::{normalize, Config, Fix};
use std::fs;
use std::path::Path;

mod common;
use common::{markdown_files, CORPUS};

#[test]
fn clean_corpus_is_unchanged_by_dates() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        println!("skipped: no corpus at {CORPUS}");
        return;
    }
    let mut files = Vec::new();
    markdown_files(root, &mut files);
    files.sort();
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
