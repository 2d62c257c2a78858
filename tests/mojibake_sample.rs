//! The sample note that started the project (`../shared/seeds`): its eight
//! task lines and three prose lines with mojibake must come back exactly as
//! `expected.md` has them. With the mojibake fix alone they must match up to
//! what the other fixes change (names, field order); with every fix and
//! default settings, the whole note comes back as `expected.md`, byte for
//! byte.

use notemend::{normalize, Config, Fix};
use std::fs;
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn seed() -> Option<(String, String)> {
    let dir = Path::new(SEEDS);
    let input = fs::read_to_string(dir.join("000_8cc716ee13c77fb2.txt")).ok()?;
    let expected = fs::read_to_string(dir.join("expected.md")).ok()?;
    Some((input, expected))
}

/// Lines of `expected` that hold a char the mojibake fix must restore.
fn repaired_lines(expected: &str) -> Vec<&str> {
    expected
        .lines()
        .filter(|l| l.contains(['📅', '🔺', '⏫', '’', '–']))
        .collect()
}

#[test]
fn sample_note_with_every_fix_is_exactly_expected() {
    let Some((input, expected)) = seed() else {
        println!("seeds not found at {SEEDS}; skipped");
        return;
    };
    let out = normalize(&input, &Config::default());
    assert_eq!(out.text, expected);
    // And the expected note is a fixed point.
    let again = normalize(&expected, &Config::default());
    assert!(!again.changed(), "{:?}", again.changes);
}

#[test]
fn sample_with_mojibake_alone() {
    let Some((input, expected)) = seed() else {
        println!("seeds not found at {SEEDS}; skipped");
        return;
    };
    let mut config = Config::default();
    config.only(&[Fix::Mojibake]);
    let out = normalize(&input, &config);
    // Nothing garbled is left, and the prose lines are exactly as expected.
    for bad in ["ğŸ", "â€", "â«"] {
        assert!(!out.text.contains(bad), "{bad} left in\n{}", out.text);
    }
    let want = repaired_lines(&expected);
    let prose: Vec<&&str> = want.iter().filter(|l| !l.starts_with("- [ ]")).collect();
    assert_eq!(prose.len(), 3);
    for line in prose {
        assert!(out.text.lines().any(|l| l == *line), "{line}");
    }
    // Task lines: the same multiset of signifiers and words as expected.
    let tasks_got: Vec<&str> = out
        .text
        .lines()
        .filter(|l| l.starts_with("- [ ]"))
        .collect();
    let tasks_want: Vec<&&str> = want.iter().filter(|l| l.starts_with("- [ ]")).collect();
    assert_eq!(tasks_got.len(), 8);
    for (g, w) in tasks_got.iter().zip(tasks_want) {
        let mut a: Vec<&str> = g.split(' ').filter(|t| !t.is_empty()).collect();
        let mut b: Vec<&str> = w.split(' ').filter(|t| !t.is_empty()).collect();
        a.sort_unstable();
        b.sort_unstable();
        // The doubled surname is another fix's business.
        a.dedup();
        b.dedup();
        assert_eq!(a, b, "\n{g}\n{w}");
    }
    assert!(out.changes.iter().any(|c| c.message == "UTF-8 read as windows-1254, dropped byte 0x8F restored (⏫: a Tasks signifier in a Tasks context)"), "{:?}", out.changes);
}
