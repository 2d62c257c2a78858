//! Criterion benchmarks of the core: `normalize` with default settings over
//! clean corpus notes, garbled notes and a 1 MiB note; the pipeline with one
//! fix enabled (`per-fix`); each fix by itself on notes already read
//! (`fix-alone/SET`); the one scan alone (`scan`); the note model alone
//! (`parse`); and the floor (UTF-8 validation of the same bytes).
//! Haystacks and their sources are described in `benches/common/mod.rs`.
//!
//! `cargo bench --bench normalize` (add a filter such as `-- garbled`).

mod common;

use common::{concat_to, corpus, garble_cp1252, sample, Haystack};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use notemend::fixes::{self, Sink};
use notemend::note::Scan;
use notemend::{normalize_with, Config, Context, Fix, Note};
use std::hint::black_box;
use std::time::Duration;

const MIB: usize = 1 << 20;

fn bench_set(c: &mut Criterion, group: &str, sets: &[Haystack], config: &Config) {
    let mut g = c.benchmark_group(group);
    if sets.iter().any(|s| s.bytes() >= MIB) {
        g.sample_size(20);
    }
    let cx = Context::new(config);
    for set in sets {
        g.throughput(Throughput::Bytes(set.bytes() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&set.name), set, |b, set| {
            b.iter(|| {
                for note in &set.notes {
                    black_box(normalize_with(black_box(note), &cx));
                }
            })
        });
    }
    g.finish();
}

/// Clean real notes: what `normalize` costs on a note with nothing to repair.
fn clean(c: &mut Criterion) {
    bench_set(c, "clean", &corpus(), &Config::default());
}

/// Garbled notes: the sample note as it arrived, and corpus notes decoded as
/// windows-1252.
fn garbled(c: &mut Criterion) {
    let mut sets = vec![Haystack {
        name: "sample-meeting".into(),
        notes: vec![sample()],
    }];
    for set in corpus().into_iter().filter(|s| s.name != "tldr") {
        sets.push(Haystack {
            name: format!("{}-cp1252", set.name),
            notes: set.notes.iter().map(|n| garble_cp1252(n)).collect(),
        });
    }
    bench_set(c, "garbled", &sets, &Config::default());
}

/// One note of 1 MiB: the Tasks docs pages concatenated, clean and garbled.
fn large(c: &mut Criterion) {
    let Some(docs) = corpus().into_iter().find(|s| s.name == "tasks-docs") else {
        return;
    };
    let clean = concat_to(&docs.notes, MIB);
    let sets = [
        Haystack {
            name: "tasks-docs-1MiB".into(),
            notes: vec![garble_cp1252(&clean)],
        },
        Haystack {
            name: "tasks-docs-1MiB-clean".into(),
            notes: vec![clean],
        },
    ];
    bench_set(c, "large", &sets, &Config::default());
}

/// Each fix alone, on the sample note and on the garbled Tasks docs.
fn per_fix(c: &mut Criterion) {
    let mut notes = vec![sample()];
    if let Some(docs) = corpus().into_iter().find(|s| s.name == "tasks-docs") {
        notes.extend(docs.notes.iter().map(|n| garble_cp1252(n)));
        notes.extend(docs.notes);
    }
    let set = Haystack {
        name: String::new(),
        notes,
    };
    let mut g = c.benchmark_group("per-fix");
    g.throughput(Throughput::Bytes(set.bytes() as u64));
    for fix in Fix::ALL {
        let mut config = Config::default();
        config.only(&[fix]);
        let cx = Context::new(&config);
        g.bench_function(fix.name(), |b| {
            b.iter(|| {
                for note in &set.notes {
                    black_box(normalize_with(black_box(note), &cx));
                }
            })
        });
    }
    g.finish();
}

/// Each fix by itself on notes already read, as the pipeline calls it
/// (skipped where the scan found none of its sites): what a fix costs to
/// look at clean corpus notes and at the garbled Tasks docs, without the
/// note model and the fixed point around it.
fn fix_alone(c: &mut Criterion) {
    let mut sets = corpus();
    if let Some(docs) = sets.iter().find(|s| s.name == "tasks-docs") {
        let garbled = docs.notes.iter().map(|n| garble_cp1252(n)).collect();
        sets.push(Haystack {
            name: "tasks-docs-cp1252".into(),
            notes: garbled,
        });
    }
    let cx = Context::new(&Config::default());
    for set in &sets {
        let notes: Vec<Note> = set.notes.iter().map(|n| Note::parse(n)).collect();
        let mut g = c.benchmark_group(format!("fix-alone/{}", set.name));
        g.throughput(Throughput::Bytes(set.bytes() as u64));
        for fix in Fix::ALL {
            let needs = fixes::needs(fix);
            g.bench_function(fix.name(), |b| {
                b.iter(|| {
                    for note in &notes {
                        if note.scan.has(note.text, needs) {
                            let mut sink = Sink::default();
                            fixes::run(fix, black_box(note), &cx, &mut sink);
                            black_box(sink);
                        }
                    }
                })
            });
        }
        g.finish();
    }
}

/// The one scan alone, over notes whose lines are already split: the
/// walk every note costs before any fix looks.
fn scan(c: &mut Criterion) {
    let mut g = c.benchmark_group("scan");
    for set in &corpus() {
        let notes: Vec<Note> = set.notes.iter().map(|n| Note::parse(n)).collect();
        g.throughput(Throughput::Bytes(set.bytes() as u64));
        g.bench_function(&set.name, |b| {
            b.iter(|| {
                for note in &notes {
                    black_box(Scan::of(black_box(note.text), &note.lines));
                }
            })
        });
    }
    g.finish();
}

/// The note model alone (lines, frontmatter, protected regions), and the
/// floor: validating the same bytes as UTF-8.
fn parse_and_floor(c: &mut Criterion) {
    let sets = corpus();
    let mut g = c.benchmark_group("parse");
    for set in &sets {
        g.throughput(Throughput::Bytes(set.bytes() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&set.name), set, |b, set| {
            b.iter(|| {
                for note in &set.notes {
                    black_box(Note::parse(black_box(note)));
                }
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("floor-utf8");
    for set in &sets {
        g.throughput(Throughput::Bytes(set.bytes() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&set.name), set, |b, set| {
            b.iter(|| {
                for note in &set.notes {
                    let _ = black_box(std::str::from_utf8(black_box(note.as_bytes())));
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = clean, garbled, large, per_fix, fix_alone, scan, parse_and_floor
}
criterion_main!(benches);
