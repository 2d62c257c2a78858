//! What several integration tests share: the clean corpus that lies beside
//! the clone (`../shared/corpus`; tests that need it skip without it).

#![allow(dead_code)] // Each test binary uses its own part of this module.

use notemend::note::task;
use notemend::Note;
use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// The clean corpus: real notes nobody on the project wrote.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Appends every `.md` file below `dir` to `out` (unsorted).
pub fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every `.md` file of the clean corpus, sorted; `None`, said on stdout,
/// when the corpus is not beside the clone.
pub fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        println!("skipped: no corpus at {CORPUS}");
        return None;
    }
    let mut files = Vec::new();
    markdown_files(root, &mut files);
    files.sort();
    Some(files)
}

/// The test oracle for the `frontmatter` fix: what it may change about a
/// parsed value. `tags` become a list of names without `#`, and the lists
/// Obsidian reads as sets lose their repeats; anything else must stay as
/// it was.
pub fn intended_frontmatter(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.as_mapping_mut() {
        for (k, item) in m.iter_mut() {
            if let (Some("tags"), Some(s)) = (k.as_str(), item.as_str()) {
                let names = s
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .map(|t| t.trim_start_matches('#'))
                    .filter(|t| !t.is_empty())
                    .map(|t| Value::String(t.to_string()));
                *item = Value::Sequence(names.collect());
            }
            // Only the lists Obsidian reads as sets lose their repeats.
            let set = ["tags", "aliases", "cssclasses", "tag", "alias", "cssclass"];
            if !k.as_str().is_some_and(|k| set.contains(&k)) {
                continue;
            }
            let Some(list) = item.as_sequence() else {
                continue;
            };
            let Some(strings) = list.iter().map(Value::as_str).collect::<Option<Vec<_>>>() else {
                continue;
            };
            let mut seen: Vec<String> = Vec::new();
            for s in strings {
                let s = if k.as_str() == Some("tags") && !s.trim_start_matches('#').is_empty() {
                    s.trim_start_matches('#')
                } else {
                    s
                };
                if !seen.iter().any(|x| x == s) {
                    seen.push(s.to_string());
                }
            }
            *item = Value::Sequence(seen.into_iter().map(Value::String).collect());
        }
    }
    v
}

/// What Obsidian Tasks reads from a task line: description with its
/// trailing tags, the fields by canonical symbol (sorted), the block link,
/// and the checkbox prefix.
pub type TaskReading = (String, Vec<(char, String)>, Option<String>, String);

/// Reads `line` as Tasks does; `None` when it is not a task line.
pub fn task_reading(line: &str) -> Option<TaskReading> {
    let t = task::parse(line)?;
    let mut description = line[t.description.clone()].to_string();
    let mut fields = Vec::new();
    for k in &t.tokens {
        match k.field {
            None => {
                description.push(' ');
                description.push_str(&line[k.range.clone()]);
            }
            Some(_) => {
                let symbol = line[k.symbol.clone()].chars().next()?;
                let (_, canonical) = task::Field::of_symbol(symbol)?;
                fields.push((canonical, line[k.value.clone()].to_string()));
            }
        }
    }
    fields.sort();
    let prefix = line[t.prefix.clone()].to_string();
    Some((
        description,
        fields,
        t.block_link.map(|r| line[r].to_string()),
        prefix,
    ))
}

/// The frontmatter value of `text`, if it has a valid one.
pub fn frontmatter_value(text: &str) -> Option<Value> {
    Note::parse(text).frontmatter?.value.ok()
}
