//! Round trips over real task lines: every line of the Obsidian Tasks docs
//! and demo vault that is already in Tasks' own form is scrambled (fields
//! reversed, alternative spellings, U+FE0F, extra spaces) and must come
//! back byte-for-byte from the `tasks` fix.

use notemend::note::task::{self, Field};
use notemend::{normalize, Config, Fix};
use std::fs;
use std::path::Path;

mod common;
use common::{markdown_files, CORPUS};

fn tasks_only(text: &str) -> String {
    let mut config = Config::default();
    config.only(&[Fix::Tasks]);
    normalize(text, &config).text
}

/// Writes the fields of `line` in reverse order, each with an alternative
/// spelling where Tasks reads one, and `gap` between them.
fn scramble(line: &str, gap: &str) -> Option<String> {
    let t = task::parse(line)?;
    let first = t.tokens.first()?;
    let fields: Vec<_> = t.fields().collect();
    if first.field.is_none() || fields.len() < 2 || t.block_link.is_some() {
        return None;
    }
    // Only lines whose tags all follow the fields.
    if t.tokens[..fields.len()].iter().any(|k| k.field.is_none()) {
        return None;
    }
    let mut parts = Vec::new();
    for k in fields.iter().rev() {
        let symbol = match k.field? {
            Field::Due => "📆".to_string(),
            Field::Scheduled => "⌛".to_string(),
            _ => format!("{}\u{fe0f}", &line[k.symbol.clone()]),
        };
        let value = &line[k.value.clone()];
        parts.push(if value.is_empty() {
            symbol
        } else {
            format!("{symbol}{gap}{value}")
        });
    }
    for k in &t.tokens[fields.len()..] {
        parts.push(line[k.range.clone()].to_string());
    }
    let start = first.range.start;
    let end = t.tokens.last()?.range.end;
    Some(format!(
        "{}{}{}",
        &line[..start],
        parts.join(gap),
        &line[end..]
    ))
}

fn impossible_date(line: &str) -> bool {
    task::parse(line).is_some_and(|t| {
        t.fields().any(|k| {
            k.field.is_some_and(Field::is_date)
                && !notemend::fixes::tasks::valid_date(&line[k.value.clone()])
        })
    })
}

#[test]
fn scrambled_corpus_task_lines_come_back() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        println!("skipped: no corpus at {CORPUS}");
        return;
    }
    let mut files = Vec::new();
    markdown_files(&root.join("tasks-docs"), &mut files);
    markdown_files(&root.join("tasks-demo-vault"), &mut files);
    files.sort();
    let mut tried = 0;
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        for line in text.lines() {
            let original = format!("{line}\n");
            if tasks_only(&original) != original {
                continue; // Not in Tasks' form (or not a task): skip.
            }
            for gap in [" ", "  "] {
                let Some(scrambled) = scramble(line, gap) else {
                    continue;
                };
                tried += 1;
                let fixed = tasks_only(&format!("{scrambled}\n"));
                // An impossible date leaves the line as it is, on purpose.
                let want = if impossible_date(line) {
                    format!("{scrambled}\n")
                } else {
                    original.clone()
                };
                if fixed != want {
                    failures.push(format!("{scrambled}\n  got  {fixed}  want {want}"));
                }
            }
        }
    }
    println!("{tried} scrambled task lines");
    assert!(tried > 100, "too few lines to scramble: {tried}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
