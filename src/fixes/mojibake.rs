//! The `mojibake` fix: UTF-8 that was decoded with a legacy code page.
//!
//! ## What it does
//! Finds text that is UTF-8 read through windows-1252, 1254, 1250, 1251,
//! 1253, 1257, latin-1, iso-8859-2, mac-roman or cp437 (`ğŸ“…` for 📅,
//! `â€™` for ’, `Ã©` for é), and puts the original characters back: in a
//! whole note or in one damaged word among correct text, through one or
//! several layers, and including bytes a strict decoder dropped (`â«` for ⏫,
//! whose 0x8F windows-1254 leaves undefined).
//!
//! ## Why
//! Notes exported, synced or pasted through a tool that guessed the wrong
//! encoding arrive garbled; Obsidian Tasks stops seeing their dates and
//! priorities, and the text is unreadable.
//!
//! ## How
//! Mojibake never spans ASCII, so the fix looks at each run of non-ASCII
//! chars. For each code page it turns the run back into the bytes that page
//! reads as those chars and keeps what is valid UTF-8; a repair counts only
//! when the result is clearly more plausible than the input (fewer unlikely
//! neighbours, one script per word, known symbols). The code page that
//! explains the note best is preferred for every run (a note is almost always
//! garbled by one page, all through). Bytes the page leaves undefined were
//! either kept as C1 controls (U+0080–U+009F), which reverse exactly, or
//! dropped: then the few undefined bytes that would complete the sequence
//! are the candidates, and one is taken only when the context makes it
//! clearly right (a Tasks signifier on a task line, ” closing an open “, the
//! one letter of the word's script, the one ideograph or Hangul syllable the
//! national character sets GB2312, JIS X 0208, KS X 1001 and Big5 list, the
//! one everyday letter among rarities); otherwise the text stays and a
//! diagnostic says why. Commonness decides only among the candidates of
//! every page that reads the note equally well. Where a lost byte leaves
//! several common letters (с, э or я; ु or ्; 可 or 启), a small character
//! model (unigrams, bigrams and trigrams derived from word frequencies of
//! some forty languages, see `model`) weighs each between its neighbours and
//! takes one only when it is far likelier than the runner-up; otherwise they
//! stay, with the diagnostic. Lost bytes in a row (сс in Россия) are weighed
//! together, every combination of their candidates as one window, since
//! alone each sees the other only as a set of candidates. The margin is
//! wider against an everyday runner-up, narrower at a word's start (the two
//! letters after it are firm evidence) than at its end. An ideograph the
//! model never saw counts as a rarity only in a note whose other ideographs
//! it holds (traditional Chinese writes forms its word lists lack); kana
//! and Hangul syllables it never saw always do. What stays unsolved: two
//! everyday letters three chars of context cannot tell apart (ु or ्, я or
//! с at a word's end, ύ or ώ), and scripts the word lists lack (Thai, Lao,
//! Malayalam).
//!
//! ## Example
//! ```
//! use notemend::{normalize, Config, Fix};
//!
//! let mut config = Config::default();
//! config.only(&[Fix::Mojibake]);
//! let out = normalize("- [ ] Call Jasonâ€™s team ğŸ“… 2025-10-26 â« #task\n", &config);
//! assert_eq!(out.text, "- [ ] Call Jason’s team 📅 2025-10-26 ⏫ #task\n");
//! ```
//!
//! ## Safety
//! Correct text is left alone: a run changes only when its repair is valid
//! UTF-8 and clearly more plausible, so `Ö–A`, `VÝŠKA` or curly quotes stay
//! as written. Code, URLs and link targets are repaired only when the whole
//! note is evidently garbled by one code page (every non-ASCII run reads as
//! that page's mojibake); on local evidence they stay, since people quote
//! mojibake in code on purpose.

mod c1;
mod common;
mod context;
mod detect;
mod dropped;
mod explain;
mod model;
mod nbsp;
mod pages;
mod quick;
mod score;
mod tables;

pub use dropped::TASKS_SIGNIFIERS;
pub use pages::CodePage;

use super::{Context, Sink};
use crate::note::Note;
use context::{has_iso_date, is_task_line, LineState};
use detect::{read, repair, runs, Reading, Repair};
use dropped::{is_signifier, GapContext};
use explain::{diagnose_gaps, emit, emit_c1};
use std::borrow::Cow;

/// The code pages the fix reverses, most common first.
pub fn code_pages() -> &'static [&'static CodePage] {
    &tables::ALL
}

/// How this page garbles `text`: each char's UTF-8 bytes read through the
/// page, undefined bytes kept as U+0080–U+009F when `keep`, dropped
/// otherwise. For tests and benchmarks that make mojibake on purpose.
pub fn garble(text: &str, page: &CodePage, keep: bool) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        page.garble_char(c, keep, &mut out);
    }
    out
}

/// Gain a repair needs under the note's code page.
const NOTE_GAIN: i64 = 3;
/// Gain a repair needs under another code page (local evidence only).
const LOCAL_GAIN: i64 = 5;
/// Ideographs the model holds a note must repair (and none it lacks) before
/// an ideograph the model never saw counts as a rarity in it: a few held
/// ones say little, since traditional Chinese shares many with simplified.
const MIN_HELD_IDEOGRAPHS: usize = 8;
/// Layers undone at most (text garbled twice or three times).
const MAX_LAYERS: usize = 3;
/// Gain a further layer needs: the run is known to be mojibake already, so
/// a whole reading that is any better is the next layer (`Â£` left by
/// windows-1252 under windows-1251 is `£`).
const LAYER_GAIN: i64 = 1;

/// Proposes the `mojibake` edits for `note`.
pub fn run(note: &Note, _cx: &Context, sink: &mut Sink) {
    let text = note.text;
    if text.is_ascii() {
        return;
    }
    // Fast path: without a lead byte's char followed by a continuation
    // byte's char under some page, nothing can be read back (accented
    // text, other scripts, emoji): one scan, no allocation.
    let c1_controls = c1::has_c1(text);
    // A U+FFFD may stand for a lost continuation byte.
    if !c1_controls && !text.contains('\u{FFFD}') && !quick::may_hold_mojibake(text) {
        return;
    }
    let runs = runs(text);
    let pages = code_pages();

    // First look: every run through every page, gaps left alone.
    let mut readings: Vec<Vec<Option<(Reading, Repair)>>> = Vec::with_capacity(runs.len());
    let mut explained = vec![(0usize, 0i64, 0i64); pages.len()];
    let mut whole = vec![0usize; pages.len()];
    // Per page, free runs it reads wholly into everyday letters, better.
    let mut improved = vec![0usize; pages.len()];
    // Per page, whether it reads a byte as lost somewhere in the note, and
    // whether it reads a no-break space that survived.
    let mut dropping = vec![false; pages.len()];
    let mut nbsp_kept = vec![false; pages.len()];
    // Per page, how many repaired accented letters each language writes.
    let mut languages = vec![[0usize; 16]; pages.len()];
    let mut signifiers = text.chars().any(is_signifier)
        || note
            .lines
            .iter()
            .any(|l| is_task_line(l.text(text)) || has_iso_date(l.text(text)));
    // Evidence about the note as a whole comes from text outside code, math,
    // comments, URLs and link targets: mojibake quoted in code on purpose
    // must not make the note look garbled (and so open the code to repair).
    let free_runs = runs
        .iter()
        .filter(|r| note.is_free(r.range.clone()))
        .count();
    // Each run's own cost, once; `None` for a run with nothing to read.
    let mut befores: Vec<Option<u32>> = Vec::with_capacity(runs.len());
    for r in &runs {
        let free = note.is_free(r.range.clone());
        let mut per_page = Vec::with_capacity(pages.len());
        // Emoji and scripts no code page produces: nothing to read.
        if !r.chars.iter().any(|&c| pages::is_any_page_char(c)) {
            readings.push(vec![None; pages.len()]);
            befores.push(None);
            continue;
        }
        let before = score::cost(r.prev, &r.chars, r.next);
        befores.push(Some(before));
        for (p, &page) in pages.iter().enumerate() {
            let reading = read(&r.chars, page);
            if reading.pieces == 0 && reading.gaps == 0 {
                per_page.push(None);
                continue;
            }
            // A signifier rebuilt on its own evidence makes the note a Tasks
            // context for the gaps that have less to go on.
            // Such a run also counts for its page like a repaired one.
            if reading.is_whole() && reading.gaps > 0 {
                let rebuilt = reading.units.iter().any(|u| match u {
                    detect::Unit::Gap { lead, conts, .. } if !conts.is_empty() => matches!(
                        dropped::judge(page, *lead, conts, &GapContext::default()),
                        dropped::Verdict::Rebuilt(x) if is_signifier(x.ch)
                    ),
                    _ => false,
                });
                if rebuilt {
                    signifiers = true;
                    explained[p].0 += 1;
                }
            }
            let rep = repair(
                &r.chars,
                r.prev,
                r.next,
                &reading,
                false,
                &GapContext::default(),
                before,
            );
            // A gap that a lost no-break space cannot explain (not at the
            // run's end before a space): this page dropped bytes here.
            let gap_inside = reading.units.iter().enumerate().any(|(i, u)| {
                matches!(u, detect::Unit::Gap { .. })
                    && (i + 1 < reading.units.len() || r.next != Some(' '))
            });
            if gap_inside {
                dropping[p] = true;
            }
            // A no-break space read back inside a sequence: the note kept
            // them, so a plain space in it is a space.
            if reading.is_whole() && r.chars.contains(&'\u{a0}') {
                nbsp_kept[p] = true;
            }
            if free && reading.is_whole() && rep.gain > 0 && everyday_letters(&rep.out) {
                improved[p] += 1;
            }
            if free && reading.is_whole() {
                whole[p] += 1;
                count_languages(&reading, &mut languages[p]);
            }
            if free && rep.gain >= NOTE_GAIN && reading.pieces > 0 {
                explained[p].0 += 1;
                explained[p].1 += rep.prior;
                explained[p].2 += rep.gain;
            }
            per_page.push(Some((reading, rep)));
        }
        readings.push(per_page);
    }
    // The note's page: the one that explains most runs.
    let note_page = (0..pages.len())
        .filter(|&p| explained[p].0 > 0)
        .max_by_key(|&p| {
            let (count, prior, gain) = explained[p];
            let coverage = languages[p].iter().max().copied().unwrap_or(0);
            (whole[p], count, coverage, prior, gain, std::cmp::Reverse(p))
        });
    // Evidently garbled all through: nearly every run is that page's mojibake.
    let whole_note = note_page.is_some_and(|p| whole[p] * 20 >= free_runs * 19);
    if let Some(p) = note_page {
        signifiers |=
            readings
                .iter()
                .flatten()
                .filter_map(|r| r.as_ref())
                .any(|(reading, first)| {
                    std::ptr::eq(reading.page, pages[p])
                        && first.gain >= NOTE_GAIN
                        && reading.units.iter().any(
                            |u| matches!(u, detect::Unit::Piece { ch, .. } if is_signifier(*ch)),
                        )
                });
    }

    // Readings that turn symbols into letters (box drawing, maths, the
    // upper half of cp437 and mac-roman) need the strongest evidence: the
    // note is that page's mojibake all through, and most of its runs read
    // better, as everyday letters.
    let evident = |p: usize| Some(p) == note_page && whole_note && improved[p] * 2 > free_runs;

    // The languages the note's page repairs letters of most often.
    let note_languages = note_page.map_or(0, |p| {
        let counts = &languages[p];
        let top = counts.iter().max().copied().unwrap_or(0);
        if top == 0 {
            return 0;
        }
        (0..16)
            .filter(|&b| counts[b] == top)
            .fold(0u16, |m, b| m | (1 << b))
    });
    // Every page that reads the note as well as its page could have dropped
    // a byte: commonness decides a gap only among all their candidates.
    let rival_undefined = note_page.map_or(0u128, |np| {
        (0..pages.len())
            .filter(|&q| whole[q] >= whole[np])
            .flat_map(|q| pages[q].undefined_continuations())
            .fold(0u128, |m, b| m | 1 << (b - 0x80))
    });
    // Combining marks the note's page repairs (Arabic harakat): the model's
    // word lists strip them, so a mark it never saw may still be right.
    let marks = note_page.is_some_and(|p| {
        readings.iter().any(|per_page| {
            per_page.get(p).and_then(|r| r.as_ref()).is_some_and(|(reading, _)| {
                reading.units.iter().any(
                    |u| matches!(u, detect::Unit::Piece { ch, .. } if score::kind(*ch) == score::Kind::Mark),
                )
            })
        })
    });
    // The ideographs the note's page repairs: all of them, and among those
    // the model would hold if its word lists did (one a lost byte can
    // make), how many it holds and how many it never saw.
    let (mut ideographs, mut held, mut unseen) = (0usize, 0usize, 0usize);
    if let Some(p) = note_page {
        for per_page in &readings {
            let Some(Some((reading, _))) = per_page.get(p) else {
                continue;
            };
            for u in &reading.units {
                if let detect::Unit::Piece { ch, .. } = u {
                    if !dropped::is_ideograph(*ch) {
                        continue;
                    }
                    ideographs += 1;
                    if pages::may_lose_a_byte(*ch) {
                        if model::unigram(*ch).is_some() {
                            held += 1;
                        } else {
                            unseen += 1;
                        }
                    }
                }
            }
        }
    }
    // A note with no ideograph, or with enough of them all held, is written
    // in a standard the word lists cover: an ideograph they never show is a
    // rarity there. Traditional Chinese writes forms the lists lack.
    let ideographs_known =
        note_page.is_some() && (ideographs == 0 || (unseen == 0 && held >= MIN_HELD_IDEOGRAPHS));
    let mut lines = LineState::default();
    let mut pending = Vec::new();
    // Runs no page repairs, for the C1 stage.
    let mut unrepaired = Vec::new();
    for ((r, per_page), before) in runs.iter().zip(readings).zip(befores) {
        // No page reads it, so it can be neither repaired nor widened.
        let Some(before) = before else {
            continue;
        };
        let line = lines.at(text, r.range.start, signifiers);
        let gcx = GapContext {
            tasks: line.tasks,
            open_double: line.open_double > 0,
            languages: note_languages,
            rival_undefined,
            marks,
            ideographs_known,
            ..Default::default()
        };
        let mut best: Option<((i64, i64), usize, Repair)> = None;
        let mut unclear: Option<(&CodePage, Repair)> = None;
        for (p, entry) in per_page.into_iter().enumerate() {
            let Some((reading, first)) = entry else {
                continue;
            };
            let reading = &reading;
            let symbolic = reading.page.is_symbol_page() || !reading.reads_letters(&r.chars);
            if symbolic && !evident(p) {
                continue;
            }
            let first_gain = &first.gain;
            let is_note_page = Some(p) == note_page;
            let fill = is_note_page
                || reading.is_whole()
                || (reading.pieces > 0 && *first_gain >= NOTE_GAIN);
            // Only lone lead chars (í in García read through windows-1252):
            // on local evidence every accented letter would look like one.
            // Such a run is judged only under the note's page.
            let lone_leads = reading.pieces == 0
                && reading
                    .units
                    .iter()
                    .all(|u| matches!(u, detect::Unit::Gap { conts, replaced, .. } if conts.is_empty() && !replaced));
            // A lone accented capital in a word in capitals is stylised
            // text (GÄLÄW), not a sequence cut short.
            if lone_leads && is_caps_word(r) {
                continue;
            }
            // Without gaps the first look already is the repair.
            let rep = if reading.gaps == 0 || (lone_leads && !is_note_page) {
                first
            } else {
                repair(&r.chars, r.prev, r.next, reading, fill, &gcx, before)
            };
            // Say why a run that looks like mojibake with a lost byte stays.
            let cut_short = reading.is_whole()
                && reading
                    .units
                    .iter()
                    .any(|u| matches!(u, detect::Unit::Gap { conts, .. } if !conts.is_empty()));
            // A run of lone lead chars only (é before a space: every
            // continuation byte would have had to be lost) is weak evidence:
            // correct accented text looks just like it, so it stays unsaid.
            if rep.unresolved.iter().any(|c| c.len() > 1)
                && !lone_leads
                && (is_note_page || (before >= 2 && cut_short))
                && unclear.is_none()
            {
                unclear = Some((reading.page, rep.clone()));
            }
            // Symbols read as mojibake must make words, emoji or signifiers,
            // never a lone letter (`─┐` as `Ŀ`) or punctuation (`¬´` as `«`).
            // A lone letter (a one-letter word) needs other runs' support.
            if rep.changed.is_empty()
                || (symbolic
                    && !(makes_text(&rep, r.prev, r.next, improved[p] > 1)
                        && everyday_letters(&rep.out)))
            {
                continue;
            }
            let ok = if is_note_page {
                rep.gain >= NOTE_GAIN
                    || (!rep.restored.is_empty() && rep.gain >= 0)
                    || (whole_note && reading.is_whole() && rep.gain >= 0)
            } else {
                rep.gain >= LOCAL_GAIN
                    || (!rep.restored.is_empty() && reading.pieces > 0 && rep.gain >= NOTE_GAIN)
                    // A run that is wholly this page's mojibake with only known
                    // symbols rebuilt (a Tasks signifier on a task line).
                    || (reading.is_whole()
                        && rep.unresolved.is_empty()
                        && !rep.restored.is_empty()
                        && rep.restored.iter().all(|x| {
                            detect::is_known_symbol(x.ch) && x.restored.len() + 1 < x.ch.len_utf8()
                        })
                        && rep.gain >= 0)
            };
            if !ok {
                continue;
            }
            let rank = (rep.gain + if is_note_page { 2 } else { 0 }, rep.prior);
            if best.as_ref().is_none_or(|(b, _, _)| rank > *b) {
                best = Some((rank, p, rep));
            }
        }
        // The run may end where an editor turned a no-break space into a
        // plain one (`voilÃ ` for voilà): under the note's page, read with
        // that space taken back, it is whole, and that reading wins.
        // Without a note page (a line with nothing else to go on), the
        // pages in order of how common they are.
        let widen_pages = match note_page {
            Some(np) => np..np + 1,
            None => 0..pages.len(),
        };
        let widened = widen_pages.into_iter().find_map(|np| {
            if nbsp_kept[np] || (pages[np].is_symbol_page() && !evident(np)) {
                return None;
            }
            let wide = nbsp::widen(text, r, pages[np])?;
            // Any page that reads a byte as lost in the note may have lost
            // this one.
            let lossy = (0..pages.len())
                .filter(|&q| dropping[q])
                .fold(0u16, |m, q| m | 1 << q);
            let rep = widened_repair(&wide, pages[np], &gcx, before, lossy)?;
            // On its own, only the capitals that lead whole alphabets (`Ã `
            // for à), only into a letter (`В ` is a Russian word), and only
            // inside a word (`voilÃ `) or before more non-ASCII text (`Ð Ñƒ`);
            // `S Ã O` is spaced-out capitals.
            let alone = note_page.is_none();
            if alone
                && !(r.chars.last().copied().is_some_and(score::is_common_lead)
                    && rep.out.first().is_some_and(|c| c.is_alphabetic())
                    && (r.prev.is_some_and(char::is_lowercase)
                        || wide.next.is_some_and(|c| !c.is_ascii())))
            {
                return None;
            }
            Some((wide, np, rep))
        });
        let (r, best) = match widened {
            Some((wide, np, rep)) => (Cow::Owned(wide), Some(((0, 0), np, rep))),
            None => (Cow::Borrowed(r), best),
        };
        let Some((_, p, rep)) = best else {
            if let Some((page, rep)) = unclear {
                diagnose_gaps(sink, &r, page, &rep);
            }
            unrepaired.push(r);
            continue;
        };
        diagnose_gaps(sink, &r, pages[p], &rep);
        let mut chain = vec![pages[p].name];
        let mut out = rep.out;
        // Further layers: the repair may itself read as mojibake.
        for _ in 1..MAX_LAYERS {
            let Some((name, next)) = peel(&out, r.prev, r.next, LAYER_GAIN) else {
                break;
            };
            chain.push(name);
            out = next;
        }
        lines.saw(&out);
        pending.push((r, out, chain, rep.restored, p));
    }
    // Every run repaired under one page is as good evidence as a note page
    // found up front: the note is garbled all through.
    let free_repaired = pending
        .iter()
        .filter(|x| note.is_free(x.0.range.clone()))
        .count();
    let all_repaired = free_repaired > 0
        && pending.len() == runs.len()
        && pending.iter().all(|x| x.4 == pending[0].4);
    for (r, mut out, chain, restored, _) in pending {
        let c1 = c1_controls && c1::restore_all(&mut out);
        emit(
            sink,
            &r,
            &out,
            &chain,
            &restored,
            c1,
            whole_note || all_repaired,
        );
    }
    // Windows-1252 punctuation read as latin-1, left where no page repairs.
    if c1_controls {
        for r in unrepaired {
            let mut out = r.chars.clone();
            if c1::restore_all(&mut out) {
                emit_c1(sink, &r, &out);
            }
        }
    }
}

/// The repair of a run widened over a lost no-break space (`dropping`: the
/// pages that read a byte as lost elsewhere in the note, a bit each): whole under the
/// note's page, with no gap, ending in the sequence the space completes, and
/// no less plausible than the run as written (`before`). The space stays
/// after a letter that ends its word (see `nbsp::keeps_space`).
fn widened_repair(
    wide: &detect::Run,
    page: &'static CodePage,
    gcx: &GapContext,
    before: u32,
    dropping: u16,
) -> Option<Repair> {
    let reading = read(&wide.chars, page);
    let Some(&detect::Unit::Piece { ch, len }) = reading.units.last() else {
        return None;
    };
    let lead = page.byte_of(*wide.chars.get(wide.chars.len().checked_sub(len)?)?)?;
    let double = wide.next == Some(' ');
    // A longer sequence that the space completes is evidence of its own
    // (a lead and a continuation before a space hardly happen by chance):
    // an everyday char that no lost byte could make instead, or, where the
    // page lost no byte elsewhere in the note, with the text going on in
    // non-ASCII right after the space (`à¸ à¸²` for ภา).
    let likely = if len == 2 {
        nbsp::is_likely(ch, page, lead, double, gcx.languages)
    } else {
        let conts: Vec<u8> = wide
            .chars
            .get(wide.chars.len() - len + 1..wide.chars.len() - 1)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&c| page.byte_of(c))
            .collect();
        score::char_cost(ch) == 0
            && score::kind(ch) != score::Kind::Control
            && ((dropping == 0 && wide.next.is_some_and(|c| !c.is_ascii()))
                || dropped::plausible_candidates_of(page, lead, &conts, dropping).is_empty())
    };
    if !reading.is_whole() || reading.gaps > 0 || !likely {
        return None;
    }
    let keep = nbsp::keeps_space(ch, wide.next);
    // What follows as it will read: the space kept, or the next word, whose
    // own mojibake (if any) is no evidence against this char.
    let next = match wide.next {
        _ if keep => Some(' '),
        Some(c) if c.is_ascii() => Some(c),
        _ => None,
    };
    let mut rep = repair(&wide.chars, wide.prev, next, &reading, false, gcx, before);
    if rep.gain < 0 {
        return None;
    }
    if keep {
        rep.out.push(' ');
    }
    Some(rep)
}

/// Whether the run's letters and the ASCII letters around it are all
/// capitals.
fn is_caps_word(r: &detect::Run) -> bool {
    let mut letters = r
        .chars
        .iter()
        .copied()
        .chain(r.prev)
        .chain(r.next)
        .filter(|c| c.is_alphabetic())
        .peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Whether every letter of `out` is an everyday one (no long s, no ŀ).
fn everyday_letters(out: &[char]) -> bool {
    out.iter()
        .all(|&c| score::kind(c) != score::Kind::Letter || score::char_cost(c) == 0)
}

/// Whether the changed part of a repair is text a person writes: letters
/// that each stand beside another letter (a word, not `─┐` read as `Ŀ`),
/// or emoji and Tasks signifiers; punctuation alone (`¬´` as `«`) is not.
/// With `lone_ok` (other runs of the note read as that page's mojibake
/// too) anything is: one-letter words, digits, punctuation.
fn makes_text(rep: &Repair, prev: Option<char>, next: Option<char>, lone_ok: bool) -> bool {
    let out = &rep.out;
    let is_letter = |c: Option<&char>| c.is_some_and(|&c| score::kind(c) == score::Kind::Letter);
    let changed = &out[rep.changed.start.min(out.len())..];
    let lone_letter = (0..out.len()).any(|i| {
        let before = if i == 0 {
            prev.as_ref()
        } else {
            out.get(i - 1)
        };
        let after = if i + 1 == out.len() {
            next.as_ref()
        } else {
            out.get(i + 1)
        };
        is_letter(out.get(i)) && !is_letter(before) && !is_letter(after)
    });
    lone_ok
        || !lone_letter
            && changed.iter().any(|&c| {
                matches!(score::kind(c), score::Kind::Letter | score::Kind::Emoji)
                    || detect::is_known_symbol(c)
            })
}

/// Adds the languages of the accented Latin letters a reading repairs: the
/// page under which they fit one language best is the likelier.
fn count_languages(reading: &Reading, counts: &mut [usize; 16]) {
    for unit in &reading.units {
        if let detect::Unit::Piece { ch, .. } = unit {
            let mask = score::languages(*ch);
            if mask == score::ASCII_LETTER || !score::is_alpha(*ch) {
                continue;
            }
            for (bit, count) in counts.iter_mut().enumerate() {
                if mask & (1 << bit) != 0 {
                    *count += 1;
                }
            }
        }
    }
}

/// One more layer: the best whole repair of `chars` under any page, at
/// least `min_gain` more plausible.
fn peel(
    chars: &[char],
    prev: Option<char>,
    next: Option<char>,
    min_gain: i64,
) -> Option<(&'static str, Vec<char>)> {
    let mut best: Option<(i64, &'static str, Vec<char>)> = None;
    let before = score::cost(prev, chars, next);
    for &page in code_pages() {
        let reading = read(chars, page);
        if reading.pieces == 0 {
            continue;
        }
        let rep = repair(
            chars,
            prev,
            next,
            &reading,
            false,
            &GapContext::default(),
            before,
        );
        if rep.gain >= min_gain
            && reading.is_whole()
            && best.as_ref().is_none_or(|(g, _, _)| rep.gain > *g)
        {
            best = Some((rep.gain, page.name, rep.out));
        }
    }
    best.map(|(_, name, out)| (name, out))
}

#[cfg(test)]
mod tests;
