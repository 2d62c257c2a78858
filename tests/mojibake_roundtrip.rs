//! Round trip over real notes: garble the clean corpus (every page of every
//! code page the fix knows, bytes kept and bytes dropped), repair it with the
//! `mojibake` fix alone, and measure how many garbled lines come back exactly.
//! The clean corpus itself must come back byte-for-byte.
//!
//! Targets: at least 99.5% of garbled lines back exactly where the decoder
//! kept undefined bytes; with bytes dropped, at least 90% of the lines whose
//! letters are Latin (notes, tasks, emoji) and every Tasks signifier; over
//! all lines a regression floor (see below); no change and no diagnostic on
//! the clean corpus.
//!
//! The corpus lives beside the clone (`../shared/corpus`); without it the test
//! says so and passes. Notes are sampled deterministically (every Nth file,
//! `MOJIBAKE_STRIDE=1` for all of them) to keep a debug run short. The table
//! is printed with `cargo test --test mojibake_roundtrip -- --nocapture`;
//! `MOJIBAKE_BY_LANG=1` adds, per page with bytes dropped, the lines not
//! restored per corpus folder (`tldr/pages.ru`), worst first.

use notemend::fixes::mojibake::{code_pages, garble, TASKS_SIGNIFIERS};
use notemend::{normalize, Config, Fix};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{markdown_files, CORPUS};

/// The corpus notes, without the folders' own README and LICENSE pages.
fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    markdown_files(dir, out);
    out.retain(|p| {
        !matches!(
            p.file_name().and_then(|n| n.to_str()),
            Some("README.md" | "LICENSE.md")
        )
    });
}

fn notes(stride: usize) -> Option<Vec<(String, String)>> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    corpus_files(dir, &mut files);
    files.sort();
    Some(
        files
            .iter()
            .step_by(stride.max(1))
            .filter_map(|p| {
                Some((
                    p.strip_prefix(dir).ok()?.display().to_string(),
                    fs::read_to_string(p).ok()?,
                ))
            })
            .collect(),
    )
}

fn only_mojibake() -> Config {
    let mut config = Config::default();
    config.only(&[Fix::Mojibake]);
    config
}

fn stride(default: usize) -> usize {
    std::env::var("MOJIBAKE_STRIDE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Every letter of the line is Latin (ASCII, Latin-1, Latin Extended,
/// Vietnamese); symbols and emoji may be anything.
fn is_latin(line: &str) -> bool {
    line.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| matches!(u32::from(c), 0..=0x24F | 0x1E00..=0x1EFF))
}

#[derive(Default)]
struct Tally {
    lines: usize,
    exact: usize,
    /// Lines whose letters are all Latin (prose, tasks, emoji): where a
    /// dropped byte usually has one clear candidate.
    latin: usize,
    latin_exact: usize,
    signifiers: usize,
    signifiers_back: usize,
    /// Lines changed, but not back to the original: a wrong guess rather
    /// than a gap left with a diagnostic.
    wrong: usize,
    /// Lines that are not the original with some chars left garbled: a gap
    /// rebuilt with a wrong char, even one the line holds elsewhere (с for
    /// я). Includes `wrong`; printed, not asserted.
    miswritten: usize,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.lines == 0 {
            100.0
        } else {
            100.0 * self.exact as f64 / self.lines as f64
        }
    }
}

#[test]
fn clean_corpus_comes_back_byte_for_byte() {
    let Some(notes) = notes(stride(2)) else {
        println!("corpus not found at {CORPUS}; skipped");
        return;
    };
    let config = only_mojibake();
    let mut changed = Vec::new();
    let mut diagnostics = 0;
    for (name, text) in &notes {
        let out = normalize(text, &config);
        diagnostics += out.diagnostics.len();
        if std::env::var("MOJIBAKE_SHOW").is_ok() {
            for d in &out.diagnostics {
                println!("  {name}:{}: {}", d.line, d.message);
            }
        }
        if out.changed() {
            changed.extend(
                out.changes
                    .iter()
                    .map(|c| format!("{name}:{}: {:?} -> {:?}", c.line, c.before, c.after)),
            );
        }
    }
    println!(
        "clean corpus: {} notes, {} false positives, {diagnostics} diagnostics",
        notes.len(),
        changed.len()
    );
    assert!(
        changed.is_empty(),
        "{} false positives:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

#[test]
fn garbled_corpus_is_restored() {
    let Some(notes) = notes(stride(12)) else {
        println!("corpus not found at {CORPUS}; skipped");
        return;
    };
    let config = only_mojibake();
    let mut failures = Vec::new();
    println!(
        "{:<14} {:>7} {:>9} {:>7} {:>9} {:>7} {:>9} {:>6} {:>6}  signifiers kept/dropped",
        "code page",
        "lines",
        "kept %",
        "lines",
        "dropped %",
        "Latin",
        "dropped %",
        "wrong",
        "wrong*"
    );
    let by_lang = std::env::var("MOJIBAKE_BY_LANG").is_ok();
    for page in code_pages() {
        let mut tallies = [Tally::default(), Tally::default()];
        // Per corpus folder, lines not restored and lines, bytes dropped.
        let mut folders: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (mode, tally) in tallies.iter_mut().enumerate() {
            let keep = mode == 0;
            if !keep && !page.drops_bytes() {
                continue;
            }
            for (name, text) in &notes {
                let garbled = garble(text, page, keep);
                if garbled == *text {
                    continue;
                }
                let out = normalize(&garbled, &config);
                for ((orig, bad), got) in text
                    .split('\n')
                    .zip(garbled.split('\n'))
                    .zip(out.text.split('\n'))
                {
                    if orig == bad {
                        continue;
                    }
                    tally.lines += 1;
                    if !keep {
                        let entry = folders.entry(folder(name)).or_default();
                        entry.0 += usize::from(got != orig);
                        entry.1 += 1;
                    }
                    if got != orig && !left_or_restored(orig, got, page, keep) {
                        tally.miswritten += 1;
                        if std::env::var("MOJIBAKE_WRONG").is_ok() && !wrong_guess(orig, bad, got) {
                            println!("  MISWRITTEN {}: {orig:?}\n      got {got:?}", page.name);
                        }
                    }
                    if got == orig {
                        tally.exact += 1;
                    } else if wrong_guess(orig, bad, got) {
                        tally.wrong += 1;
                        if std::env::var("MOJIBAKE_WRONG").is_ok() {
                            let odd: String = got
                                .chars()
                                .filter(|&c| !orig.contains(c) && !bad.contains(c))
                                .collect();
                            let why: Vec<&str> = out
                                .changes
                                .iter()
                                .filter(|c| !c.before.is_empty() && bad.contains(c.before.as_str()))
                                .map(|c| c.message.as_str())
                                .collect();
                            println!(
                                "  WRONG {} {odd}: {orig:?}\n      got {got:?}\n      {why:?}",
                                page.name
                            );
                        }
                    }
                    if is_latin(orig) {
                        tally.latin += 1;
                        tally.latin_exact += usize::from(got == orig);
                    }
                    for s in TASKS_SIGNIFIERS {
                        let want = orig.matches(s).count();
                        if want > 0 {
                            tally.signifiers += want;
                            tally.signifiers_back += got.matches(s).count().min(want);
                            if got.matches(s).count() < want {
                                failures.push(format!(
                                    "{} {}: {s} lost in {orig:?} -> {got:?}",
                                    page.name,
                                    if keep { "kept" } else { "dropped" }
                                ));
                            }
                        }
                    }
                    if got != orig && std::env::var("MOJIBAKE_SHOW").is_ok() {
                        println!(
                            "  {} {}: {orig:?}\n      got {got:?}",
                            page.name,
                            if keep { "kept" } else { "dropped" }
                        );
                    }
                }
            }
        }
        let [kept, dropped] = &tallies;
        println!(
            "{:<14} {:>7} {:>8.2}% {:>7} {:>8.2}% {:>7} {:>8.2}% {:>6} {:>6}  {}/{} {}/{}",
            page.name,
            kept.lines,
            kept.rate(),
            dropped.lines,
            dropped.rate(),
            dropped.latin,
            if dropped.latin == 0 {
                100.0
            } else {
                100.0 * dropped.latin_exact as f64 / dropped.latin as f64
            },
            dropped.wrong,
            dropped.miswritten,
            kept.signifiers_back,
            kept.signifiers,
            dropped.signifiers_back,
            dropped.signifiers
        );
        if by_lang && page.drops_bytes() {
            let mut worst: Vec<(String, (usize, usize))> = folders.into_iter().collect();
            worst.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
            let list: Vec<String> = worst
                .iter()
                .filter(|(_, (failed, _))| *failed > 0)
                .map(|(f, (failed, lines))| format!("{f} {failed}/{lines}"))
                .collect();
            println!("  not restored, dropped: {}", list.join(", "));
        }
        let latin_rate = if dropped.latin == 0 {
            100.0
        } else {
            100.0 * dropped.latin_exact as f64 / dropped.latin as f64
        };
        if page.drops_bytes() && latin_rate < 90.0 {
            failures.push(format!(
                "{}: {latin_rate:.2}% of Latin-script lines restored with bytes dropped (target 90%)",
                page.name
            ));
        }
        if kept.rate() < 99.5 {
            failures.push(format!(
                "{}: {:.2}% of lines restored with bytes kept (target 99.5%)",
                page.name,
                kept.rate()
            ));
        }
        // Over all lines the 90% target for dropped bytes is met only for
        // windows-1251: in CJK, Hangul, Indic, Thai, Arabic and Cyrillic text
        // read through a Latin page a lost byte often leaves several common
        // letters that the character model cannot tell apart by a clear
        // margin (ु or ्, я or с at a word's end, ύ or ώ: three chars of
        // context are not enough), and Thai, Lao and Malayalam, which its
        // word lists lack; the fix leaves them (with a diagnostic) rather
        // than guess. `MOJIBAKE_BY_LANG=1` shows where. `MOJIBAKE_STRICT=1`
        // asserts 90% everywhere; by default each page is held just under
        // its measured level (every 12th note), so a regression fails.
        let floor = if std::env::var("MOJIBAKE_STRICT").is_ok() {
            90.0
        } else {
            dropped_floor(page.name)
        };
        // Only over the sample the ceilings were measured on.
        if stride(12) == 12 && dropped.wrong > wrong_ceiling(page.name) {
            failures.push(format!(
                "{}: {} lines with a wrong guess (ceiling {})",
                page.name,
                dropped.wrong,
                wrong_ceiling(page.name)
            ));
        }
        if page.drops_bytes() && dropped.rate() < floor {
            failures.push(format!(
                "{}: {:.2}% restored with bytes dropped (floor {floor}%, target 90%)",
                page.name,
                dropped.rate()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether `got` is `orig` with each char either restored or left as the
/// page garbled it: no gap was rebuilt with a wrong char (`wrong*` in the
/// table counts the lines where one was, even a char the line holds).
fn left_or_restored(
    orig: &str,
    got: &str,
    page: &notemend::fixes::mojibake::CodePage,
    keep: bool,
) -> bool {
    let got: Vec<char> = got.chars().collect();
    // Which prefixes of `got` the chars of `orig` so far can make.
    let mut reach = vec![false; got.len() + 1];
    reach[0] = true;
    let mut one = String::new();
    for c in orig.chars() {
        one.clear();
        one.push(c);
        let bad: Vec<char> = garble(&one, page, keep).chars().collect();
        let mut next = vec![false; got.len() + 1];
        for j in (0..got.len()).filter(|&j| reach[j]) {
            if got[j] == c {
                next[j + 1] = true;
            }
            if !bad.is_empty() && got[j..].starts_with(&bad) {
                next[j + bad.len()] = true;
            }
        }
        if bad.is_empty() {
            // Every byte dropped: the char may be gone.
            for j in 0..=got.len() {
                next[j] |= reach[j];
            }
        }
        reach = next;
    }
    reach[got.len()]
}

/// The corpus folder of a note (`tldr/pages.ru` for
/// `tldr/pages.ru/common/ls.md`): its first two path components.
fn folder(name: &str) -> String {
    name.split('/').take(2).collect::<Vec<_>>().join("/")
}

/// Whether the repaired line holds a char found neither in the original
/// nor in the garbled line: some gap was filled with the wrong char (a gap
/// left as written only keeps garbled chars).
fn wrong_guess(orig: &str, bad: &str, got: &str) -> bool {
    got.chars().any(|c| !orig.contains(c) && !bad.contains(c))
}

/// The regression floor for the share of lines restored with bytes dropped:
/// just under the level measured over every 12th note.
fn dropped_floor(page: &str) -> f64 {
    match page {
        "windows-1252" => 66.5,
        "windows-1254" => 60.8,
        "windows-1250" => 57.1,
        "windows-1251" => 97.0,
        "windows-1257" => 43.0,
        "windows-1253" => 41.8,
        _ => 30.0,
    }
}

/// The most lines with a wrong guess (bytes dropped) each page may have
/// over every 12th note: what was measured when the character model was
/// made to leave two everyday candidates alone, each at or under the count
/// with the model off; windows-1252, 1254 and 1250 since lowered (from 3, 4
/// and 9) when CJK punctuation and the note's combining marks came to
/// compete with letters; windows-1254, 1250 and 1257 lowered again (from 3,
/// 7 and 8) when symbols stopped counting as mojibake evidence, and 1250
/// and 1257 once more (to 2 and 3) when words of one rare script came to
/// count as evidence. A wrong char is damage, so this is a ceiling.
fn wrong_ceiling(page: &str) -> usize {
    match page {
        "windows-1252" => 2,
        "windows-1254" => 2,
        "windows-1250" => 2,
        "windows-1251" => 0,
        "windows-1253" => 1,
        "windows-1257" => 3,
        _ => 0,
    }
}

/// `MOJIBAKE_DEBUG=relative/path.md:page:kept|dropped` prints what the fix
/// does with one garbled corpus note.
#[test]
fn debug_one_note() {
    let Ok(spec) = std::env::var("MOJIBAKE_DEBUG") else {
        return;
    };
    let mut parts = spec.rsplitn(3, ':');
    let (mode, page, path) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let page = code_pages().iter().find(|p| p.name == page).expect("page");
    let text = fs::read_to_string(Path::new(CORPUS).join(path)).expect("note");
    let garbled = garble(&text, page, mode == "kept");
    let out = normalize(&garbled, &only_mojibake());
    for c in &out.changes {
        println!(
            "{}: {:?} -> {:?} ({})",
            c.line, c.before, c.after, c.message
        );
    }
    for d in &out.diagnostics {
        println!("diag {}: {}", d.line, d.message);
    }
    for ((orig, bad), got) in text
        .split('\n')
        .zip(garbled.split('\n'))
        .zip(out.text.split('\n'))
    {
        if orig != got {
            println!("- {orig}\n+ {got}\n  {bad}");
        }
    }
}
