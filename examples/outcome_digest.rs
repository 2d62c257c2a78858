//! Every note a list file names, repaired with default settings, written as
//! one line of text: the whole `Outcome` (text, changes, diagnostics,
//! edits) debug-printed and escaped. A speed step must leave this output
//! byte-identical on every benchmark set (`cmp` the files before and
//! after), as issue #15 asks of the redesign:
//!
//! ```text
//! cargo run --release --example outcome_digest LIST > before.txt
//! ```

use notemend::{normalize_with, Config, Context};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let list = std::env::args()
        .nth(1)
        .ok_or("usage: outcome_digest LIST (a file naming one note per line)")?;
    let cx = Context::new(&Config::default());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for path in std::fs::read_to_string(&list)?
        .lines()
        .filter(|l| !l.is_empty())
    {
        let note = std::fs::read_to_string(path)?;
        writeln!(out, "{:?}", normalize_with(&note, &cx))?;
    }
    Ok(())
}
