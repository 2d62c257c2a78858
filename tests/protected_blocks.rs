//! Code and HTML blocks are never edited, by any fix. The oracle is a
//! CommonMark parser (pulldown-cmark): every code block and HTML block it
//! finds in a note must come out of `normalize` without an edit inside.
//! Run over CommonMark's own spec examples, Obsidian's list-indented
//! fences, and the clean corpus.

use notemend::{normalize, Config};
use pulldown_cmark::{Event, Parser, Tag};
use std::fs;
use std::ops::Range;

mod common;
use common::corpus_files;

/// The byte ranges of the code blocks and HTML blocks CommonMark finds.
fn blocks(text: &str) -> Vec<Range<usize>> {
    Parser::new(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => Some(range),
            _ => None,
        })
        .collect()
}

/// The pieces of `text`'s code and HTML blocks that `normalize` edits.
fn edited_blocks(text: &str) -> Vec<String> {
    let out = normalize(text, &Config::default());
    let mut hits = Vec::new();
    for block in blocks(text) {
        for e in &out.edits {
            let inside = if e.range.is_empty() {
                block.start < e.range.start && e.range.start < block.end
            } else {
                e.range.start < block.end && block.start < e.range.end
            };
            if inside {
                hits.push(format!(
                    "{:?} in block {:?}: {:?} -> {:?}",
                    e.range,
                    &text[block.clone()],
                    &text[e.range.clone()],
                    e.replacement
                ));
            }
        }
    }
    hits
}

/// CommonMark's spec examples (see tests/data/commonmark/README.md).
#[test]
fn commonmark_spec_examples_keep_their_code_and_html_blocks() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/commonmark/spec.json"
    );
    let examples: Vec<serde_json::Value> =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert!(examples.len() > 200);
    let (mut with_blocks, mut failures) = (0, Vec::new());
    for ex in &examples {
        let md = ex["markdown"].as_str().unwrap();
        with_blocks += usize::from(!blocks(md).is_empty());
        // As written, then with trailing spaces on every line (not tabs:
        // the oracle does not close a fence followed by one, as CommonMark
        // does) and a task line to repair after it, for the fixes to find.
        let damaged: String = md
            .split_inclusive('\n')
            .map(|l| {
                format!(
                    "{}   {}",
                    l.trim_end_matches('\n'),
                    &l[l.trim_end_matches('\n').len()..]
                )
            })
            .collect::<String>()
            + "\n- [ ] due 📅 16/09/2025 ⏫  \n\n\n";
        for text in [md, damaged.as_str()] {
            let hits = edited_blocks(text);
            if !hits.is_empty() {
                failures.push(format!("example {} {text:?}: {hits:?}", ex["example"]));
            }
        }
    }
    assert!(with_blocks > 100, "{with_blocks}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What Obsidian writes: fences indented under list items by tabs or four
/// spaces, `<pre>` blocks; the issue's cases.
#[test]
fn obsidian_list_fences_and_pre_blocks_are_code() {
    for text in [
        "- item\n\t```\n\t- [ ] Pay rent 📅 16/09/2025 ⏫\n\t```\n",
        "- item\n    ```\n    a  \n\n\n\n    b\n    ```\n",
        "1. item\n\t- nested\n\t\t```js\n\t\tlet due = \"16/09/2025\";  \n\t\t```\n",
        "- ```\n  x  \n\n\n  ```\n",
        "> - quoted\n>   ```\n>   a  \n>   ```\n",
        "text\n\n<pre>\nkeep  \n\n\n\nthis 📅 16/09/2025\n</pre>\n",
        "<div>\n*a*  \n- [ ] b 📅 2025-10-26 🔺\n</div>\n",
        "<!--\na  \n\n\n-->\n",
        "para\n\n    indented code  \n\n\n\n    more 16/09/2025\n",
    ] {
        let out = normalize(text, &Config::default());
        let hits = edited_blocks(text);
        assert!(hits.is_empty(), "{text:?} -> {:?}: {hits:?}", out.text);
    }
    // Obsidian reads a fence indented four spaces or a tab under a list
    // item as a fence even where CommonMark sees indented code: what is
    // inside stays too.
    let text = "- a\n\n\t\t```\n\t\tb 📅 16/09/2025  \n\n\n\t\t```\n";
    assert_eq!(normalize(text, &Config::default()).text, text);
}

/// Real notes: the Tasks docs are full of fenced examples.
#[test]
fn corpus_code_and_html_blocks_are_never_edited() {
    let Some(files) = corpus_files() else {
        return;
    };
    let (mut notes, mut failures) = (0, Vec::new());
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        notes += 1;
        let hits = edited_blocks(&text);
        if !hits.is_empty() {
            failures.push(format!("{}: {hits:?}", path.display()));
        }
    }
    assert!(notes > 1000, "{notes}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Obsidian Linter's test cases (see tests/data/linter/README.md): code in
/// callouts, blockquotes and lists, math, YAML next to fences.
#[test]
fn linter_test_cases_keep_their_code_and_html_blocks() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/linter/cases.json");
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let (mut with_blocks, mut failures) = (0, Vec::new());
    for case in &cases {
        for side in ["before", "after"] {
            let text = case[side].as_str().unwrap();
            with_blocks += usize::from(!blocks(text).is_empty());
            let hits = edited_blocks(text);
            if !hits.is_empty() {
                failures.push(format!("{} ({side}): {hits:?}", case["name"]));
            }
        }
    }
    assert!(with_blocks > 25, "{with_blocks}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
