//! In-process throughput of `notemend::normalize`, one thread, for the
//! end-to-end comparison (`scripts/bench.sh`), next to the floor: a pass that
//! only validates the same bytes as UTF-8.
//!
//! ```text
//! cargo bench --bench throughput -- [--min-secs S] [--only FIX,...|none] LIST...
//! ```
//!
//! Each `LIST` is a file naming one note per line (`scripts/gen_vault.py`
//! writes them); the set's name is the file stem. For each set, prints one
//! JSON object per line: bytes, notes, how many the default settings would
//! change, and the median time of one pass over the whole set for
//! `normalize`, for the note model alone (`Note::parse`: lines, frontmatter,
//! protected regions, what each fix reads before it looks) and for the
//! floor, with the MB/s (10^6 bytes per second) they make.
//!
//! `--only none` turns every fix off (`Config::only(&[])`): what `normalize`
//! costs before any fix runs.

use notemend::{normalize_with, Config, Context, Note};

// Native means what the CLI runs: with its allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let mut min_secs = 2.0f64;
    let mut lists = Vec::new();
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--min-secs" => {
                min_secs = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--min-secs takes seconds");
            }
            "--only" => {
                let names = args.next().expect("--only takes fix names");
                let fixes = if names == "none" {
                    Vec::new()
                } else {
                    notemend::config::parse_fix_list(&names).expect("fix names")
                };
                config.only(&fixes);
            }
            _ => lists.push(arg),
        }
    }
    if lists.is_empty() {
        eprintln!("usage: throughput [--min-secs S] [--only FIX,...|none] LIST...");
        std::process::exit(2);
    }
    // Prepared once for the whole run, as the CLI does.
    let cx = Context::new(&config);
    for list in &lists {
        let name = Path::new(list)
            .file_stem()
            .map_or(list.clone(), |s| s.to_string_lossy().into_owned());
        let paths = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("{list}: {e}"));
        let notes: Vec<Vec<u8>> = paths
            .lines()
            .filter(|l| !l.is_empty())
            .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}")))
            .collect();
        let texts: Vec<&str> = notes
            .iter()
            .filter_map(|b| std::str::from_utf8(b).ok())
            .collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        // The first pass counts what changes and warms up.
        let (changed, changes) = texts.iter().fold((0, 0), |(n, c), t| {
            let out = normalize_with(t, &cx);
            (n + usize::from(out.changed()), c + out.changes.len())
        });
        let normalize_secs = median_pass(min_secs, || {
            for t in &texts {
                black_box(normalize_with(black_box(t), &cx));
            }
        });
        for t in &texts {
            black_box(Note::parse(black_box(t)));
        }
        let parse_secs = median_pass(min_secs / 4.0, || {
            for t in &texts {
                black_box(Note::parse(black_box(t)));
            }
        });
        for n in &notes {
            let _ = black_box(std::str::from_utf8(black_box(n)));
        }
        let floor_secs = median_pass(min_secs / 4.0, || {
            for n in &notes {
                let _ = black_box(std::str::from_utf8(black_box(n)));
            }
        });
        let mbps = |secs: f64| bytes as f64 / secs / 1e6;
        println!(
            "{{\"set\":\"{name}\",\"notes\":{},\"bytes\":{bytes},\"changed\":{changed},\"changes\":{changes},\
             \"normalize_ms\":{:.4},\"normalize_mbps\":{:.2},\"parse_ms\":{:.4},\"parse_mbps\":{:.1},\
             \"floor_ms\":{:.4},\"floor_mbps\":{:.1}}}",
            texts.len(),
            normalize_secs * 1e3,
            mbps(normalize_secs),
            parse_secs * 1e3,
            mbps(parse_secs),
            floor_secs * 1e3,
            mbps(floor_secs),
        );
    }
}

/// Times `pass` until `min_secs` have gone by, at least 5 times (3 when one
/// pass alone takes that long); returns the median seconds of one pass.
/// The caller has run it once already, to warm up.
fn median_pass(min_secs: f64, mut pass: impl FnMut()) -> f64 {
    let budget = Duration::from_secs_f64(min_secs);
    let start = Instant::now();
    let mut times: Vec<f64> = Vec::new();
    loop {
        let t = Instant::now();
        pass();
        times.push(t.elapsed().as_secs_f64());
        let enough = if times[0] >= min_secs { 3 } else { 5 };
        if times.len() >= 10_000 || (times.len() >= enough && start.elapsed() >= budget) {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
