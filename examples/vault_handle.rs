//! What one single-note repair costs natively with a vault index of N
//! people: the figures beside `scripts/bench_vault_handle.mjs` (the same
//! note, the same generated names, the WASM core under Node).
//!
//! ```text
//! cargo run --release --example vault_handle [-- 600,15000]
//! ```
//!
//! Prints one JSON object per line, the median ms of one call:
//! `alone` (no vault), `per_call` (`normalize` with the vault in the
//! config: the fixes' context prepared again each call) and `handle`
//! (a [`PreparedVault`] made once). Figures only; nothing asserts a time.

use notemend::prepared::PreparedVault;
use notemend::{normalize, Config, DateOrder, VaultContext};
use std::hint::black_box;
use std::time::{Duration, Instant};

// Native means what the CLI runs: with its allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MEETING: &str = include_str!("vault/Meetings/2025-09-16 Jason VAST role exploration.md");

/// `n` distinct two-word names, as the Node script makes them.
fn people(n: usize) -> Vec<String> {
    const SYL: [&str; 20] = [
        "ka", "lo", "mi", "ra", "se", "tu", "vi", "no", "da", "fe", "gi", "ha", "jo", "ku", "le",
        "ma", "ni", "or", "pe", "qu",
    ];
    let word = |i: usize| {
        let first = SYL[i % 20];
        // The syllables are ASCII: the first byte is the first letter.
        format!(
            "{}{}{}{}",
            first[..1].to_ascii_uppercase(),
            &first[1..],
            SYL[i / 20 % 20],
            SYL[i / 400 % 20]
        )
    };
    let mut out: Vec<String> = ["Lior Genzel", "Jason Vallery", "Frank Ray"]
        .map(String::from)
        .to_vec();
    let mut i = 0;
    while out.len() < n {
        // Past 8,000 the last name shifts: no name repeats.
        out.push(format!(
            "{} {}",
            word(i * 7 + 1),
            word(i * 13 + 5 + i / 8000)
        ));
        i += 1;
    }
    out
}

/// Median ms of one call, timed for at least `budget` (and 20 calls).
fn median(budget: Duration, mut run: impl FnMut()) -> f64 {
    for _ in 0..5 {
        run();
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 20 || start.elapsed() < budget {
        let t = Instant::now();
        run();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "600,15000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let budget = Duration::from_millis(1500);
    let settings = Config::default();
    let notes = [
        ("settled", normalize(MEETING, &settings).text),
        ("garbled", MEETING.to_string()),
    ];
    for n in sizes {
        let vault = VaultContext {
            people: people(n),
            date_order: Some(DateOrder::Dmy),
            kept_keys: Vec::new(),
        };
        let with_vault = Config {
            vault: vault.clone(),
            ..settings.clone()
        };
        for (kind, text) in &notes {
            let alone = median(budget, || {
                black_box(normalize(black_box(text), &settings));
            });
            let per_call = median(budget, || {
                black_box(normalize(black_box(text), &with_vault));
            });
            let mut prepared = PreparedVault::new(vault.clone());
            let handle = median(budget, || {
                black_box(prepared.normalize(black_box(text), settings.clone()));
            });
            println!(
                "{{\"names\":{n},\"note\":\"{kind}\",\"alone_ms\":{alone:.3},\"per_call_ms\":{per_call:.3},\"handle_ms\":{handle:.3}}}"
            );
        }
    }
}
