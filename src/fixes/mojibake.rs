//! The `mojibake` fix: UTF-8 that was decoded with a legacy code page.
//!
//! ## What it does
//! Finds text that is UTF-8 read through windows-1252, 1254, 1250, 1251,
//! 1253, 1257, latin-1, iso-8859-2, mac-roman or cp437 (`ğŸ“…` for 📅,
//! `â€™` for ’, `Ã©` for é), and puts the original characters back: in a
//! whole note or in one damaged word among correct text, through one or
//! several layers (from one page or two: `Г‚ВЈ` is £ through windows-1252
//! then windows-1251), including bytes a strict decoder dropped (`â«` for
//! ⏫, whose 0x8F windows-1254 leaves undefined) or replaced with U+FFFD
//! (`SlovenÄ�ina`), surrogate pairs encoded one by one (CESU-8), no-break
//! spaces an editor turned into plain ones (`voilÃ  le`; `MoldÃ wien` is
//! Moldàwien, the A0 inside a word unless `joined` lists the word it ends,
//! as `voilà`, and not the one it would join, as Portuguese `às`; `× ` is Hebrew נ
//! where the note's decoder kept or marked the bytes it could not read;
//! `â €` the braille blank, its A0 a middle byte: see `nbsp`), combining
//! overlays after digits (`$Ì¶6` for $̶6), and C1 controls
//! left by windows-1252 text read as latin-1 (`parlé\x85` for `parlé…`).
//!
//! ## Why
//! Notes exported, synced or pasted through a tool that guessed the wrong
//! encoding arrive garbled; Obsidian Tasks stops seeing their dates and
//! priorities, and the text is unreadable.
//!
//! ## How, in four stages
//! Mojibake never spans ASCII, so the fix looks at each run of non-ASCII
//! chars.
//!
//! 1. **First look** (`survey`): each run through each page, turned back
//!    into the bytes that page reads as those chars, split into complete
//!    UTF-8 sequences and sequences cut short (`detect`); per page, the
//!    evidence the note gives (runs read wholly, runs clearly repaired, the
//!    languages of the letters made, bytes lost).
//! 2. **Page vote** (`vote`): the page that explains the note best (a note
//!    is almost always garbled by one page, all through), and what the
//!    note tells the gaps (a Tasks context, its languages, the rival pages'
//!    lost bytes). Pages that explain the note equally (windows-1250 and
//!    ISO-8859-2 read `ĂĄ` as å and á) are told apart by which reading
//!    some language of `lang` reads most cheaply, then by how many
//!    languages read it best.
//! 3. **Choice per run** (`choose`, its rules listed in order there): a
//!    repair counts only when it is clearly more plausible than the input
//!    (`score`: unlikely neighbours, one script per word, known symbols).
//!    Symbols are no evidence: box drawing, maths, arrows and kaomoji, and
//!    whatever cp437 and mac-roman (whose two-byte leads are symbols) read,
//!    change only in a note that is evidently that page's mojibake all
//!    through, and then only a run it reads whole in three sequences or
//!    more (`‚î£‚îÅ‚îÅ‚î´` for ┣━━┫) or a letter inside a word. A lost byte (`dropped`) is rebuilt only when the context
//!    makes one candidate clearly right (a Tasks signifier on a task line,
//!    ” closing an open “, “ or ” closing an open „ where only one is a
//!    candidate, ‘ opening what a ’ later on its line closes and “ or „
//!    what a closing ” or “ closes, where a word starts, the one hyphen
//!    or apostrophe between two letters of Latin, Greek or Cyrillic (a
//!    hyphen beside ‘, which opens no quote inside a word, counting as
//!    the one), the zero-width joiner between a virama and a letter of its
//!    Brahmic script (Sinhala's `ක්‍ර`),
//!    the one emoji among symbols where the gap stands
//!    apart between spaces, the one letter of the word's script, the one
//!    ideograph the national character sets list, the one everyday letter
//!    among rarities, the character model's clear favourite between its
//!    neighbours, see `model`, or, for a letter of a cased alphabet or
//!    Arabic, the clear favourite of the note's own language, see `lang`,
//!    or, of the gaps still open, the one candidate that makes a word of
//!    that language's commonest words, see `words`).
//!    A U+FFFD a decoder left marks exactly where
//!    the byte was lost: only a certain candidate fills it (one that rests
//!    on the context, not on commonness), else the rest of its sequence
//!    goes with it, one U+FFFD for the char, as ftfy does, and the change
//!    lists the candidates. Otherwise the text stays and a diagnostic says
//!    why.
//!    Further layers are peeled (`layers`) and their gain counts for the
//!    choice, so every word is unwound all the way; where most repairs
//!    peeled one chain of layers, a word that stopped short of it is
//!    unwound further through that chain where each layer reads it whole
//!    (`DÉ©` → Dɩ in a note garbled twice). A symbol page may
//!    also repair a letter fused into a word the way only its mojibake
//!    fuses them (`√ò` in `√òstkaribiske`), never after quotes, dashes or
//!    guillemets, nor line art unless letters close in on both sides.
//!    A repair too small to stand on its own still stands when the note
//!    writes every letter it makes elsewhere as it is (`Γ“` for Ó in a
//!    line that writes Ó). More rounds follow: where every run
//!    repaired so far was one page's, the runs left are judged again with
//!    that page elected; a run in the same word as a repaired one is
//!    judged under its page, a whole reading enough, so no word is left
//!    half repaired; so is a run on a line whose repairs are one page's;
//!    and a run written as one the note's page repaired whole elsewhere
//!    gets the same repair. A word where two lost bytes or more fit no candidate
//!    clearly, at least as many as the sequences it reads back, keeps none
//!    of its repairs: its guesses have too little to rest on (`whole`).
//! 4. **Emit** (here and `explain`): C1 controls
//!    read as windows-1252 (`c1`), each edit explained with the chain of
//!    pages and the bytes restored.
//!
//! What stays unsolved: two everyday letters three chars of context cannot
//! tell apart (ु or ्, я or с at a word's end, ύ or ώ), scripts the word
//! lists lack (Thai, Lao, Malayalam), a no-break space inside a word other
//! than after a small letter in a note that may have dropped bytes (`Å in`
//! for Šin, or Ő whose 0x90 was lost before a real space), a small letter's
//! no-break space inside a word (`Mauritània` arrives as `Maurità nia`,
//! which reads like French `à la`, so the space stays), and an ASCII `?` a
//! lossy decoder left for a byte (ftfy reads `Ã?` as U+FFFD).
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
//! UTF-8 of assigned code points (a hole Unicode leaves in a block is
//! never a candidate: `unassigned`) and clearly more plausible, so `Ö–A`, `VÝŠKA`, curly quotes, box
//! drawing (`┌──┐`), `∆°`, `¬´` and stylised capitals (`GÄLÄW`) stay as
//! written (ftfy's own suite: `tests/ftfy_conformance.rs`; only in a note
//! one page garbled all through is a lone capital a sequence cut short,
//! Persian `Ů` for و through windows-1250), and so do a
//! mark of Arabic or an Indic script on a symbol (`T•Ø•R•Ü•S`), a lone
//! letter between a space and line art (`I Î │`), and a single cut-short
//! sequence of letters in a note no page explains (`Мuzејski`, Cyrillic
//! look-alikes in a Latin word). A BOM read as text is repaired only where
//! the note starts (`ï»¿---`). Code, URLs and
//! link targets are repaired only when the whole note is evidently garbled
//! by one code page (every non-ASCII run reads as that page's mojibake); on
//! local evidence they stay, since people quote mojibake in code on purpose.

mod alphabets;
mod c1;
mod choose;
pub(crate) mod class;
mod common;
mod context;
mod detect;
mod dropped;
mod explain;
mod joined;
mod lang;
mod layers;
mod marks;
mod model;
mod nbsp;
mod pages;
mod quick;
mod repeat;
mod score;
mod survey;
mod tables;
mod unassigned;
mod vote;
mod whole;
mod words;
mod writing;

pub use dropped::TASKS_SIGNIFIERS;
pub use pages::CodePage;
pub(crate) use words::Names;

use super::{Context, Sink};
use crate::note::Note;
use context::LineState;
use detect::{runs, Run};
use explain::{diagnose_gaps, emit, emit_c1, Repaired};
use std::borrow::Cow;
use std::rc::Rc;
use survey::RunLook;
use vote::Vote;

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

/// Only a non-ASCII char can be mojibake.
pub const NEEDS: crate::note::Kinds = crate::note::Kinds::NON_ASCII;

/// Gain a repair needs under the note's code page.
const NOTE_GAIN: i64 = 3;
/// Gain a repair needs under another code page (local evidence only).
const LOCAL_GAIN: i64 = 5;
/// Proposes the `mojibake` edits for `note`, in four stages: the first
/// look (`survey`), the page vote (`vote`), the choice per run (`choose`,
/// layers peeled), and the emit here (C1 controls, the edits).
pub fn run(note: &Note, cx: &Context, sink: &mut Sink) {
    let text = note.text;
    // Fast path: without a lead byte's char followed by a continuation
    // byte's char under some page, nothing can be read back (accented
    // text, other scripts, emoji): one scan, no allocation. C1 controls
    // and a U+FFFD (which may stand for a lost continuation byte) need the
    // full look.
    if !quick::needs_look(text) {
        return;
    }
    // The vault's names, for the word judges far below.
    let _names = cx.names.lend();
    let c1_controls = c1::has_c1(text);
    let said = sink.diagnostics.len();
    let runs = runs(text);
    let mut survey = survey::look(note, &runs);
    let mut vote = Vote::of(&survey, text);
    // Only a note that lost bytes needs its language.
    if let Some(p) = vote.page.filter(|&p| vote.lossy & (1 << p) != 0) {
        vote.langs = vote
            .page_langs
            .unwrap_or_else(|| lang::identify(text, code_pages()[p]));
    }
    let looks = std::mem::take(&mut survey.runs);
    let mut pending = Vec::new();
    // Runs no page repairs, with their looks and what was unclear in them,
    // for the second round, the C1 stage and the diagnostics: most runs
    // of a note that needs nothing, so room for all from the start.
    let mut unrepaired = Vec::with_capacity(runs.len());
    let mut lines = LineState::default();
    let mut choices = repeat::Choices::with_capacity(runs.len());
    // Repairs with gaps judged, for every round.
    let mut judged = choose::Judged::default();
    // The end of the last run widened over the run after its space: that
    // run is repaired with it.
    let mut taken = 0;
    for (i, (r, look)) in runs.iter().zip(&looks).enumerate() {
        // No page reads it, so it can be neither repaired nor widened.
        let Some(look) = look else {
            continue;
        };
        if r.range.start < taken {
            continue;
        }
        // Correct text: left as written without asking its line, which
        // it would tell nothing (it opens or closes no quote).
        if repeat::makes_nothing(text, r, look, &vote) && !r.chars.iter().any(|&c| is_quote(c)) {
            unrepaired.push(Unrepaired {
                run: r,
                look,
                unclear: None,
            });
            continue;
        }
        let line = lines.at(text, r.range.start, vote.signifiers);
        let choice = choices.choose(text, r, look, &vote, line, &mut judged);
        // The quotes the line writes from here, repaired or as written.
        if let Some(chosen) = &choice.best {
            lines.saw(&chosen.repair.out);
            taken = choice.run.range.end;
            // A note with one repair is mostly garbled all through: room
            // for every run left, once, not a regrowth (and a copy of
            // every repair so far) each time the list doubles.
            if pending.capacity() == 0 {
                pending.reserve(runs.len() - i);
            }
        } else {
            lines.saw(&r.chars);
        }
        settle(r, choice, look, &mut pending, &mut unrepaired, sink);
    }
    // Second round: where every run the choice repaired was one page's
    // (a line through mac-roman whose words it read back one by one), the
    // note is that page's mojibake, and the runs left are judged again
    // under it, as if the vote had found it up front.
    let elected = pending.first().map(|(p, _)| *p).filter(|&p| {
        pending.iter().all(|(q, _)| *q == p)
            && Some(p) != vote.page
            && unrepaired
                .iter()
                .any(|x: &Unrepaired| x.look.pages[p].is_some())
    });
    if let Some(p) = elected {
        let vote = vote.repaired_under(&survey, p);
        let mut lines = LineState::default();
        let mut choices = repeat::Choices::default();
        for Unrepaired { run: r, look, .. } in std::mem::take(&mut unrepaired) {
            let line = lines.at(text, r.range.start, vote.signifiers);
            let choice = choices.choose(text, r, look, &vote, line, &mut judged);
            settle(r, choice, look, &mut pending, &mut unrepaired, sink);
        }
    }
    // Third: a run in the same word as a repaired one (no space between:
    // `cÃ¼mlÉ™`) is judged under that run's page, so that no word is left
    // half repaired.
    let mut left = Vec::with_capacity(unrepaired.len());
    let mut placed = Placed::of(&pending);
    for x in std::mem::take(&mut unrepaired) {
        let Some(p) = placed.word_page(text, &x.run.range, &pending) else {
            left.push(x);
            continue;
        };
        let vote = vote.for_word(&survey, p);
        judge_under(
            text,
            x,
            &vote,
            p,
            &mut pending,
            &mut placed,
            &mut left,
            sink,
            &mut judged,
        );
    }
    // Fourth: a run on a line where two runs or more were repaired, all
    // under one page, is judged under that page: a line pasted garbled
    // into a correct note (`op√ß√£o` and `vari√°vel` read back through
    // mac-roman, so `√©` between them is é too).
    let mut unrepaired = Vec::with_capacity(left.len());
    let mut symbol_lines = SymbolLines::default();
    for x in left {
        // A line its repairs elected is garbled all through, as a word is
        // (a lone `Ã` beside `ğŸ“…` on a task line is Á with 0x81 lost);
        // a symbol page's line only has its page elected.
        let (vote, p) = match placed.line_page(text, &x.run.range, &pending) {
            Some(p) => (vote.for_word(&survey, p), p),
            None => match symbol_lines.page(text, x.run, x.look, &runs, &looks) {
                Some(p) => (vote.elected(&survey, p), p),
                None => {
                    unrepaired.push(x);
                    continue;
                }
            },
        };
        judge_under(
            text,
            x,
            &vote,
            p,
            &mut pending,
            &mut placed,
            &mut unrepaired,
            sink,
            &mut judged,
        );
    }
    // Fifth: a run written as one the note's page repaired elsewhere in
    // the note, every sequence complete and no byte rebuilt, is that
    // repair too (ʌ mended as `ĘŚ` in `mĘŚsekran` opens `ĘŚme`): the same
    // bytes under the same page, whatever its own context weighed.
    if let Some(np) = vote.page {
        let unrepaired_before = std::mem::take(&mut unrepaired);
        repeat_whole_repairs(np, &mut pending, unrepaired_before, &mut unrepaired);
    }
    layers::peel_alike(&mut pending);
    // No word half repaired: a gap left open withholds its word's repairs.
    let open = unrepaired.iter().filter_map(|x| {
        let (page, rep) = x.unclear.as_deref()?;
        (!rep.unresolved.is_empty())
            .then(|| (x.run.range.clone(), page.index, rep.unresolved.len()))
    });
    whole::withhold(text, &mut pending, open, sink);
    whole::withhold_foreign(&mut pending, sink);
    // Every run repaired under one page is as good evidence as a note page
    // found up front: the note is garbled all through. Whether one of them
    // is outside protected regions asked last, once the counts agree.
    let all_repaired = pending.len() == runs.len()
        && pending.iter().all(|(p, _)| *p == pending[0].0)
        && pending
            .iter()
            .any(|(_, x)| note.is_free(x.run.range.clone()));
    for (_, mut repaired) in pending {
        repaired.c1 = c1_controls && c1::restore_all(&mut repaired.out);
        emit(sink, &repaired, vote.whole_note || all_repaired);
    }
    for x in &unrepaired {
        if let Some((page, rep)) = x.unclear.as_deref() {
            diagnose_gaps(sink, x.run, page, rep);
        }
    }
    // Windows-1252 punctuation read as latin-1, left where no page repairs.
    if c1_controls {
        for x in unrepaired {
            let mut out = x.run.chars.clone();
            if c1::restore_all(&mut out) {
                emit_c1(sink, x.run, &out);
            }
        }
    }
    // In the order of the text, whichever round said them.
    if let Some(new) = sink.diagnostics.get_mut(said..) {
        new.sort_by_key(|d| d.0);
    }
}

/// Whether two runs are in one word: nothing but non-space chars between.
fn same_word(text: &str, a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    let (from, to) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    text.get(from..to)
        .is_some_and(|between| !between.chars().any(char::is_whitespace))
}

/// The repaired runs in the order of the text, each with its place in
/// `pending`: a run's word-mates are its neighbours, so finding them is a
/// search, not a pass over every repair.
struct Placed(Vec<(usize, usize)>);

impl Placed {
    fn of(pending: &[(usize, Repaired)]) -> Placed {
        let mut placed = Placed(Vec::with_capacity(pending.len()));
        for i in 0..pending.len() {
            placed.insert(pending, i);
        }
        placed
    }

    /// Files the repair last pushed to `pending`.
    fn add(&mut self, pending: &[(usize, Repaired)]) {
        if let Some(i) = pending.len().checked_sub(1) {
            self.insert(pending, i);
        }
    }

    fn insert(&mut self, pending: &[(usize, Repaired)], i: usize) {
        let start = pending[i].1.run.range.start;
        let at = self.0.partition_point(|&(s, _)| s < start);
        self.0.insert(at, (start, i));
    }

    /// The page of the repaired run in `run`'s word that was repaired
    /// first, if any. Word-mates are contiguous around `run`: the text
    /// between `run` and a farther repair holds the nearer one's.
    fn word_page(
        &self,
        text: &str,
        run: &std::ops::Range<usize>,
        pending: &[(usize, Repaired)],
    ) -> Option<usize> {
        let at = self.0.partition_point(|&(s, _)| s < run.start);
        let mates = |i: &&(usize, usize)| same_word(text, run, &pending[i.1].1.run.range);
        let before = self.0[..at].iter().rev().take_while(mates);
        let after = self.0[at..].iter().take_while(mates);
        let first = before.chain(after).map(|&(_, i)| i).min()?;
        Some(pending[first].0)
    }

    /// The one page of the repairs on `run`'s line, where there are two
    /// or more and all are that page's.
    fn line_page(
        &self,
        text: &str,
        run: &std::ops::Range<usize>,
        pending: &[(usize, Repaired)],
    ) -> Option<usize> {
        // Nothing repaired, no line to find.
        if self.0.is_empty() {
            return None;
        }
        let std::ops::Range { start, end } = context::line_around(text, run);
        let from = self.0.partition_point(|&(s, _)| s < start);
        let to = self.0.partition_point(|&(s, _)| s < end);
        let mut pages = self.0.get(from..to)?.iter().map(|&(_, i)| pending[i].0);
        let p = pages.next()?;
        let mut count = 1;
        for q in pages {
            if q != p {
                return None;
            }
            count += 1;
        }
        (count >= 2).then_some(p)
    }
}

/// The fewest sequences a line must read back, all of its runs whole
/// under a symbol page, before that page is the line's: box drawing,
/// maths and kaomoji hardly ever make so many sequences in a row.
const SYMBOL_LINE_PIECES: usize = 6;

/// Lines that a symbol page (cp437, mac-roman) reads back whole, every run
/// of them, into everyday letters of one script: a line pasted garbled
/// into a correct note (`╨ô╨╛╨╜╨┤╤â╤Ç╨░╤ü` is Гондурас), which the
/// note's evidence cannot elect. Worked out once per line.
#[derive(Default)]
struct SymbolLines {
    /// The last line asked about: its range and its page, if any.
    last: Option<(std::ops::Range<usize>, Option<usize>)>,
}

impl SymbolLines {
    fn page(
        &mut self,
        text: &str,
        run: &Run,
        look: &RunLook,
        runs: &[Run],
        looks: &[Option<Rc<RunLook>>],
    ) -> Option<usize> {
        // The run is on its line: a page that does not read it back reads
        // no line it is on (most runs of correct text, told without
        // finding the line).
        if !symbol_pages().any(|p| reads_back(look, p)) {
            return None;
        }
        // A run holds no line break: one inside the last line's range is on
        // that line, found without looking for its ends again.
        if let Some((line, page)) = &self.last {
            if line.start <= run.range.start && run.range.end <= line.end {
                return *page;
            }
        }
        let std::ops::Range { start, end } = context::line_around(text, &run.range);
        let from = runs.partition_point(|r| r.range.start < start);
        let to = runs.partition_point(|r| r.range.start < end);
        let line = from..to;
        let page = symbol_pages().find(|&p| reads_line_back(line.clone(), looks, p));
        self.last = Some((start..end, page));
        page
    }
}

/// The pages whose two-byte leads are symbols (cp437, mac-roman).
fn symbol_pages() -> impl Iterator<Item = usize> {
    let mask = pages::symbol_pages();
    (0..code_pages().len()).filter(move |p| mask & (1 << p) != 0)
}

/// Whether page `p` reads a run of `look` whole, without gaps, into a
/// repair that gains: what [`reads_line_back`] asks of every run.
fn reads_back(look: &RunLook, p: usize) -> bool {
    look.pages
        .get(p)
        .and_then(|x| x.as_ref())
        .is_some_and(|(reading, first)| reading.is_whole() && reading.gaps == 0 && first.gain > 0)
}

/// Whether a char opens or closes a curly double quote, which the line
/// state counts (see `LineState`).
fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„')
}

/// Whether page `p` reads every run of `line` whole, without gaps, into
/// everyday letters of one script, in [`SYMBOL_LINE_PIECES`] sequences or
/// more.
fn reads_line_back(line: std::ops::Range<usize>, looks: &[Option<Rc<RunLook>>], p: usize) -> bool {
    let mut pieces = 0;
    let mut script = None;
    for i in line {
        let Some((reading, first)) = looks
            .get(i)
            .and_then(|l| l.as_ref())
            .and_then(|l| l.pages.get(p)?.as_ref())
        else {
            return false;
        };
        if !reading.is_whole() || reading.gaps > 0 || first.gain <= 0 {
            return false;
        }
        pieces += reading.pieces;
        for &c in &first.out {
            if score::kind(c) != score::Kind::Letter {
                continue;
            }
            let s = score::script(c);
            if *script.get_or_insert(s) != s {
                return false;
            }
        }
    }
    pieces >= SYMBOL_LINE_PIECES && script.is_some()
}

/// A run the choice left as written.
struct Unrepaired<'n> {
    run: &'n Run,
    look: &'n RunLook,
    /// A reading with a lost byte no candidate fills clearly: said once no
    /// round repairs the run.
    /// Boxed: rare, and large beside the rest, which is moved round by
    /// round for every run a note holds.
    unclear: Option<Box<(&'static CodePage, detect::Repair)>>,
}

/// The fifth round: each run of `runs` written as one that page `np`
/// repaired whole (no lost byte, not widened) gets the same repair; the
/// others go to `left`.
fn repeat_whole_repairs<'n>(
    np: usize,
    pending: &mut Vec<(usize, Repaired<'n>)>,
    runs: Vec<Unrepaired<'n>>,
    left: &mut Vec<Unrepaired<'n>>,
) {
    // Most garbled notes have every run repaired by now: no map to build.
    if runs.is_empty() {
        return;
    }
    let mut whole: repeat::RunMap<&[char], usize> = repeat::RunMap::default();
    for (i, (p, x)) in pending.iter().enumerate() {
        if *p == np
            && x.run.widened.is_none()
            && x.restored.is_empty()
            && x.collapsed.is_empty()
            && x.left_open == 0
        {
            whole.entry(x.run.chars.as_slice()).or_insert(i);
        }
    }
    let mut same = Vec::new();
    for x in runs {
        match whole.get(x.run.chars.as_slice()) {
            Some(&i) => same.push((i, x.run)),
            None => left.push(x),
        }
    }
    for (i, run) in same {
        let model = &pending[i].1;
        let repaired = Repaired {
            run: Cow::Borrowed(run),
            out: model.out.clone(),
            chain: model.chain.clone(),
            restored: Vec::new(),
            collapsed: Vec::new(),
            c1: false,
            left_open: 0,
            read_back: model.read_back,
        };
        pending.push((np, repaired));
    }
}

/// Files run `r`'s choice: a repair goes to `pending` (its gaps said), a
/// run left as written to `unrepaired`.
/// A later round's judgement of `x` under page `p`, elected in `vote`: the
/// run is repaired only where that page's reading wins, else it joins
/// `left`.
#[allow(clippy::too_many_arguments)]
fn judge_under<'n>(
    text: &str,
    x: Unrepaired<'n>,
    vote: &Vote,
    p: usize,
    pending: &mut Vec<(usize, Repaired<'n>)>,
    placed: &mut Placed,
    left: &mut Vec<Unrepaired<'n>>,
    sink: &mut Sink,
    judged: &mut choose::Judged<'n>,
) {
    let mut lines = LineState::default();
    let line = lines.at(text, x.run.range.start, vote.signifiers);
    let choice = choose::choose(
        text,
        x.run,
        x.look,
        vote,
        &vote.gap_context(line),
        line.caps,
        judged,
    );
    if choice.best.as_ref().is_some_and(|c| c.page == p) {
        settle(x.run, choice, x.look, pending, left, sink);
        placed.add(pending);
    } else {
        left.push(x);
    }
}

fn settle<'n>(
    r: &'n Run,
    choice: choose::Choice<'n>,
    look: &'n RunLook,
    pending: &mut Vec<(usize, Repaired<'n>)>,
    unrepaired: &mut Vec<Unrepaired<'n>>,
    sink: &mut Sink,
) {
    let Some(choose::Chosen {
        page: p,
        repair: rep,
        layers,
    }) = choice.best
    else {
        unrepaired.push(Unrepaired {
            run: r,
            look,
            unclear: choice.unclear.map(Box::new),
        });
        return;
    };
    let page = code_pages()[p];
    diagnose_gaps(sink, &choice.run, page, &rep);
    // A layer peeled below reads the first layer's open gaps whole.
    let open = if layers.is_empty() {
        rep.unresolved.len()
    } else {
        0
    };
    let mut chain = vec![page.name];
    chain.extend(layers);
    pending.push((
        p,
        Repaired {
            run: choice.run,
            out: rep.out,
            chain,
            restored: rep.restored,
            collapsed: rep.collapsed,
            c1: false,
            left_open: open,
            read_back: rep.read_back,
        },
    ));
}

#[cfg(test)]
mod tests;
