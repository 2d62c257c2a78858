//! Replays every input the fuzzer ever found (`tests/fuzz_regressions/TARGET/`)
//! through the same checks the fuzz targets run (`fuzz/checks.rs`), so a
//! bug found once stays fixed. To add one: copy the file from
//! `fuzz/artifacts/TARGET/` into the matching folder here.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::fs;
use std::panic;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut failed = Vec::new();
    for path in &files {
        let data = fs::read(path).unwrap();
        if panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} regression inputs fail again: {failed:?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn normalize_regressions() {
    replay("normalize", checks::normalize_input);
}

#[test]
fn parse_regressions() {
    replay("parse", checks::parse_input);
}

#[test]
fn settings_regressions() {
    replay("settings", checks::settings_input);
}
