//! What several integration tests share: the clean corpus that lies beside
//! the clone (`../shared/corpus`; tests that need it skip without it).

#![allow(dead_code)] // Each test binary uses its own part of this module.

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
