//! The clean corpus (real notes nobody on the project wrote) must come back
//! byte-for-byte from `duplicate-names`, alone and with its vault index.

use notemend::vault::{self, VaultIndex};
use notemend::{normalize, Config, Fix};
use std::fs;
use std::path::{Path, PathBuf};

mod common;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(common::CORPUS);
    dir.is_dir().then_some(dir)
}

fn notes(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    common::markdown_files(dir, &mut files);
    out.extend(
        files
            .into_iter()
            .filter_map(|path| fs::read_to_string(&path).ok().map(|text| (path, text))),
    );
}

#[test]
fn clean_corpus_is_unchanged_by_duplicate_names() {
    let Some(dir) = corpus() else {
        println!("corpus not found beside the repository; skipped");
        return;
    };
    let mut all = Vec::new();
    notes(&dir, &mut all);
    all.sort();
    assert!(
        all.len() > 100,
        "expected the corpus notes, found {}",
        all.len()
    );

    let mut config = Config::default();
    config.only(&[Fix::DuplicateNames]);
    // Once per note alone, then once with what the whole corpus knows.
    let mut index = VaultIndex::default();
    for (_, text) in &all {
        index.add(&vault::facts(text, &config));
    }
    let mut with_vault = config.clone();
    with_vault.vault = index.context();
    println!(
        "{} notes, {} people known across them",
        all.len(),
        with_vault.vault.people.len()
    );

    let mut changed = Vec::new();
    for (path, text) in &all {
        for config in [&config, &with_vault] {
            let out = normalize(text, config);
            if out.text != *text {
                let first = out
                    .changes
                    .first()
                    .map(|c| (c.line, c.before.clone(), c.after.clone()));
                changed.push(format!("{}: {first:?}", path.display()));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}
