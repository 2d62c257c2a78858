//! Haystacks shared by the benchmarks, each saying where it came from.
//!
//! - The corpus: real notes nobody on the project wrote (the Obsidian Tasks
//!   documentation and demo vault, tldr pages in 38 languages), read from
//!   `NOTEMEND_CORPUS` or `../shared/corpus` beside the repository.
//! - The sample meeting note the project started from
//!   (`tests/fixtures/sample-meeting.input.md`): real mojibake, doubled names,
//!   quoted dates, a folded frontmatter path.
//! - Garbled corpus notes: the corpus bytes decoded as windows-1252, the
//!   commonest real-world mojibake, made here so the bench needs no file.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The integration tests' helpers: one corpus walk for tests and benches.
#[path = "../../tests/common/mod.rs"]
mod tests_common;

/// A named set of notes.
pub struct Haystack {
    pub name: String,
    pub notes: Vec<String>,
}

impl Haystack {
    pub fn bytes(&self) -> usize {
        self.notes.iter().map(String::len).sum()
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus folder, when it is there.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NOTEMEND_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("..").join("shared").join("corpus"));
    dir.is_dir().then_some(dir)
}

/// Every `.md` file below `dir`, sorted, read as UTF-8 (others skipped).
pub fn read_notes(dir: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    tests_common::markdown_files(dir, &mut paths);
    paths.sort();
    paths
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect()
}

/// The corpus by folder: `tasks-docs`, `tasks-demo-vault`, `tldr`.
pub fn corpus() -> Vec<Haystack> {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (set NOTEMEND_CORPUS); corpus benchmarks skipped");
        return Vec::new();
    };
    ["tasks-docs", "tasks-demo-vault", "tldr"]
        .iter()
        .map(|name| Haystack {
            name: name.to_string(),
            notes: read_notes(&dir.join(name)),
        })
        .filter(|h| !h.notes.is_empty())
        .collect()
}

/// The sample meeting note.
pub fn sample() -> String {
    fs::read_to_string(repo().join("tests/fixtures/sample-meeting.input.md")).unwrap_or_default()
}

/// What windows-1252 makes of bytes 0x80–0x9F; the five it leaves undefined
/// become the C1 control of the same number, as a "sloppy" decoder does.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `text`'s UTF-8 bytes decoded as windows-1252: mojibake, the whole note.
pub fn garble_cp1252(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            0x80..=0x9f => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Concatenates notes (in order, cycling) up to `size` bytes.
pub fn concat_to(notes: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    if notes.iter().all(String::is_empty) {
        return out;
    }
    'outer: loop {
        for n in notes {
            if out.len() + n.len() > size {
                break 'outer;
            }
            out.push_str(n);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}
