//! The CLI: parse arguments, read every note, build the vault index, repair
//! in parallel, then write (atomically, only changed files) and report.

mod args;
mod plugins;
mod report;
mod walk;
mod write;

use args::{Cli, Command, Options};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use notemend::config::parse_fix_list;
use notemend::vault::{self, VaultIndex};
use notemend::{normalize, normalize_note, normalize_with, Config, Context, Outcome};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the CLI and returns its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let (options, write) = match cli.command {
        Command::Fix(o) => (o, true),
        Command::Check(o) => (o, false),
    };
    match run(&options, write) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("notemend: {message}");
            ExitCode::from(2)
        }
    }
}

fn settings(options: &Options) -> Result<Config, String> {
    let mut config = match &options.config {
        Some(path) => {
            let json =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let (config, warnings) =
                Config::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?;
            for w in warnings {
                eprintln!("notemend: {}: {w}", path.display());
            }
            config
        }
        None => Config::default(),
    };
    if let Some(only) = &options.only {
        config.only(&parse_fix_list(only)?);
    }
    if let Some(skip) = &options.skip {
        config.skip(&parse_fix_list(skip)?);
    }
    Ok(config)
}

/// A note read from disk.
struct Note {
    path: PathBuf,
    display: String,
    text: Result<String, String>,
}

/// What the core made of a note.
#[derive(Default)]
struct Repaired {
    outcome: Option<Outcome>,
    /// Why the repaired text could not be written, when it was not.
    not_written: Option<String>,
    /// The note's report (and diff), rendered with the repair.
    printed: String,
}

fn run(options: &Options, write: bool) -> Result<ExitCode, String> {
    let mut config = settings(options)?;
    if options.paths.len() == 1 && options.paths[0] == Path::new("-") {
        return stdin(options, &config, write);
    }
    if options.paths.iter().any(|p| p == Path::new("-")) {
        return Err("`-` (stdin) cannot be combined with other paths".into());
    }
    let roots = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let files = walk::collect(&roots, &config.ignored_folders).map_err(|e| e.to_string())?;

    let notes: Vec<Note> = files
        .into_par_iter()
        .map(|path| {
            let text = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| "not UTF-8 text; skipped".to_string())
                });
            Note {
                display: path.display().to_string(),
                path,
                text,
            }
        })
        .collect();

    // A vault clean-up judges each note with what every note knows. Each
    // note is read once: the reading that gives its facts is repaired.
    let mut parsed: Vec<Option<notemend::Note>> = Vec::new();
    if roots.iter().any(|r| r.is_dir()) {
        parsed = notes
            .par_iter()
            .map(|n| n.text.as_deref().ok().map(notemend::Note::parse))
            .collect();
        let index = parsed
            .par_iter()
            .flatten()
            .map(|note| vault::facts_of(note, &config))
            .fold(VaultIndex::default, |mut index, facts| {
                index.add(&facts);
                index
            })
            .reduce(VaultIndex::default, |mut a, b| {
                a.merge(b);
                a
            });
        config.vault = index.context();
    }
    config.vault.kept_keys = plugins::kept_keys(&roots);
    if let Some(first) = config.vault.kept_keys.first() {
        let keys: Vec<String> = config
            .vault
            .kept_keys
            .iter()
            .map(|k| format!("`{}`", k.key))
            .collect();
        eprintln!(
            "notemend: frontmatter {} left as {} writes them",
            keys.join(", "),
            first.by
        );
    }
    // What the fixes prepare from the settings, once for every note.
    let cx = Context::new(&config);

    // Each note is repaired, written and its report rendered on the pool;
    // only printing, in path order, is left for one thread.
    // Notes are repaired, written and their reports rendered on the pool, a
    // chunk at a time; each chunk is then printed in path order and let go,
    // so reports and diffs never pile up for the whole vault.
    let progress = progress_bar(options, notes.len());
    let mut stdout = io::stdout().lock();
    let (mut changed, mut changes, mut failed) = (0usize, 0usize, 0usize);
    parsed.resize_with(notes.len(), || None);
    for (chunk, parsed) in notes.chunks(CHUNK).zip(parsed.chunks_mut(CHUNK)) {
        let mut repaired: Vec<Repaired> = chunk
            .par_iter()
            .zip(parsed.par_iter_mut())
            .map(|(note, parsed)| {
                let r = repair(note, parsed.take(), &cx, options, write);
                progress.inc(1);
                r
            })
            .collect();
        progress.suspend(|| {
            for (note, r) in chunk.iter().zip(repaired.iter_mut()) {
                let outcome = match (&note.text, r.outcome.take()) {
                    (Ok(_), Some(outcome)) => outcome,
                    (Err(problem), _) => {
                        eprintln!("notemend: {}: {problem}", note.display);
                        if options.json {
                            let _ =
                                writeln!(stdout, "{}", report::json_error(&note.display, problem));
                        }
                        continue;
                    }
                    _ => continue,
                };
                if outcome.changed() {
                    changed += 1;
                    changes += outcome.changes.len();
                }
                if let Some(e) = &r.not_written {
                    eprintln!("notemend: {}: not written: {e}", note.display);
                    failed += 1;
                }
                let _ = stdout.write_all(std::mem::take(&mut r.printed).as_bytes());
            }
        });
    }
    progress.finish_and_clear();
    let verb = if write { "changed" } else { "would change" };
    if !options.json {
        eprintln!(
            "{} checked, {changed} {verb} ({})",
            plural(notes.len(), "note"),
            plural(changes, "change")
        );
    }
    if failed > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::from(if !write && changed > 0 { 1 } else { 0 }))
}

/// `1 note`, `2 notes`.
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Notes repaired on the pool between two prints.
const CHUNK: usize = 256;

/// Repairs one note (from its reading for the vault index, when there was
/// one), writes it back when `write`, and renders its report.
fn repair(
    note: &Note,
    parsed: Option<notemend::Note>,
    cx: &Context,
    options: &Options,
    write: bool,
) -> Repaired {
    let mut r = Repaired::default();
    let Ok(text) = &note.text else {
        return r;
    };
    let outcome = match parsed {
        Some(parsed) => normalize_note(parsed, cx),
        None => normalize_with(text, cx),
    };
    if write && outcome.changed() {
        r.not_written = write::atomic_write(&note.path, &outcome.text)
            .err()
            .map(|e| e.to_string());
    }
    r.printed = if options.json {
        report::json(&note.display, &outcome) + "\n"
    } else {
        report::human(&note.display, &outcome)
    };
    if options.diff && outcome.changed() {
        r.printed += &report::diff(&note.display, text, &outcome.text);
    }
    r.outcome = Some(outcome);
    r
}

fn stdin(options: &Options, config: &Config, write: bool) -> Result<ExitCode, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("stdin: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "stdin is not UTF-8 text".to_string())?;
    let outcome = normalize(&text, config);
    let mut stdout = io::stdout().lock();
    if write {
        let _ = stdout.write_all(outcome.text.as_bytes());
        let report = if options.json {
            report::json("-", &outcome) + "\n"
        } else {
            report::human("-", &outcome)
        };
        eprint!("{report}");
    } else {
        let printed = if options.json {
            report::json("-", &outcome) + "\n"
        } else {
            report::human("-", &outcome)
        };
        let _ = stdout.write_all(printed.as_bytes());
        if options.diff && outcome.changed() {
            let _ = stdout.write_all(report::diff("-", &text, &outcome.text).as_bytes());
        }
    }
    Ok(ExitCode::from(if !write && outcome.changed() {
        1
    } else {
        0
    }))
}

fn progress_bar(options: &Options, len: usize) -> ProgressBar {
    if options.quiet || options.json || !io::stderr().is_terminal() || len < 200 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} notes {elapsed}") {
        bar.set_style(style);
    }
    bar
}
