//! The Obsidian Tasks documentation and demo vault (written by Tasks'
//! authors, ~1000 task lines) must survive the `tasks` fix: every line it
//! would change is listed, and each must be one of the justified kinds.

use notemend::note::task;
use notemend::{normalize, Config, Fix};
use std::fs;
use std::path::Path;

mod common;
use common::{markdown_files, task_reading as reading, CORPUS};

#[test]
fn tasks_corpus_changes_are_few_and_justified() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        println!("skipped: no corpus at {CORPUS}");
        return;
    }
    let mut config = Config::default();
    config.only(&[Fix::Tasks]);
    for folder in ["tasks-docs", "tasks-demo-vault"] {
        let mut files = Vec::new();
        markdown_files(&root.join(folder), &mut files);
        files.sort();
        let (mut task_lines, mut with_fields) = (0, 0);
        let mut changed = Vec::new();
        for path in &files {
            let Ok(text) = fs::read_to_string(path) else {
                continue;
            };
            for line in text.lines() {
                if let Some(t) = task::parse(line) {
                    task_lines += 1;
                    with_fields += usize::from(t.fields().next().is_some());
                }
            }
            let out = normalize(&text, &config);
            // The fix never adds or removes lines; each changed line must
            // read the same to Tasks.
            assert_eq!(out.text.lines().count(), text.lines().count());
            for (before, after) in text.lines().zip(out.text.lines()) {
                if before != after {
                    assert_eq!(reading(before), reading(after), "{}", path.display());
                }
            }
            for c in &out.changes {
                changed.push(format!(
                    "{}:{}: {:?} -> {:?} ({})",
                    path.strip_prefix(root).unwrap_or(path).display(),
                    c.line,
                    c.before,
                    c.after,
                    c.message
                ));
            }
        }
        println!(
            "{folder}: {} files, {task_lines} task lines, {with_fields} with fields, {} changed",
            files.len(),
            changed.len()
        );
        for c in &changed {
            println!("  {c}");
        }
        // Tasks' own authors wrote these lines: changes must stay rare (the
        // demo vault has a few hand-made lines with 🔺 after 📅, a field
        // without a space and double spaces, all of which Tasks rewrites the
        // same way on its next write).
        assert!(
            changed.len() * 20 <= with_fields.max(1),
            "{folder}: {} of {with_fields} task lines with fields changed",
            changed.len()
        );
    }
}
