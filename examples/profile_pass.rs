//! One pass of `normalize` (default settings) over the notes a list file
//! names, after a warm-up pass: what the *why* column of BENCHMARKS.md is
//! profiled on. Collect only the measured pass, so the regexes compiled
//! once per process do not count:
//!
//! ```text
//! cargo build --release --example profile_pass
//! valgrind --tool=callgrind --toggle-collect='*measured_pass*' \
//!     target/release/examples/profile_pass target/bench-data/lists/vault-settled.txt
//! ```
//!
//! An optional second argument, a comma-separated list of fixes as `--only`
//! takes (`mojibake`), profiles those fixes alone.

use notemend::{config::parse_fix_list, normalize_with, Config, Context};

// Native means what the CLI runs: with its allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let list = std::env::args()
        .nth(1)
        .ok_or("usage: profile_pass LIST [FIXES] (a file naming one note per line)")?;
    let mut config = Config::default();
    if let Some(only) = std::env::args().nth(2) {
        config.only(&parse_fix_list(&only)?);
    }
    let mut notes = Vec::new();
    for path in std::fs::read_to_string(&list)?
        .lines()
        .filter(|l| !l.is_empty())
    {
        notes.push(std::fs::read_to_string(path)?);
    }
    let cx = Context::new(&config);
    // The warm-up: the same work, outside the collected function.
    for note in &notes {
        std::hint::black_box(normalize_with(note, &cx));
    }
    println!("{} changes", measured_pass(&notes, &cx));
    Ok(())
}

/// Repairs every note once; the number of changes, so nothing is optimised
/// away.
#[inline(never)]
fn measured_pass(notes: &[String], cx: &Context) -> usize {
    notes
        .iter()
        .map(|t| normalize_with(t, cx).changes.len())
        .sum()
}
