//! Further layers: text garbled twice or three times (`Ã¢â‚¬â„¢` for ’,
//! `Г‚ВЈ` for £ through windows-1252 then windows-1251) reads, once
//! repaired, as mojibake again. Each layer is peeled where a page reads the
//! repair whole and better; the gain of every layer counts for the choice,
//! so the reading that unwinds all of them wins over one that stops short.

use super::detect::{read, repair, Reading};
use super::dropped::GapContext;
use super::explain::Repaired;
use super::{code_pages, quick, score};
use std::cell::OnceCell;

/// Layers undone at most (text garbled twice or three times).
const MAX_LAYERS: usize = 3;

/// Gain a further layer needs: the run is known to be mojibake already, so
/// a whole reading that is any better is the next layer (`Â£` left by
/// windows-1252 under windows-1251 is `£`).
const LAYER_GAIN: i64 = 1;

/// Peels the layers under a first repair `out` (made through the page
/// named `first`): the chars as finally repaired where a layer was peeled
/// (`None` where `out` stays: most repairs, which are then not copied),
/// the pages of the further layers in undo order, and their gain.
pub fn peel_all(
    first: &'static str,
    out: &[char],
    prev: Option<char>,
    next: Option<char>,
) -> (Option<Vec<char>>, Vec<&'static str>, i64) {
    let mut chain: Vec<&'static str> = Vec::new();
    let mut gain = 0;
    let mut peeled: Option<Vec<char>> = None;
    for _ in 1..MAX_LAYERS {
        let chars = peeled.as_deref().unwrap_or(out);
        // Most repairs hold no lead byte's char before a continuation's:
        // nothing to peel, one scan.
        if !super::quick::chars_may_hold_mojibake(chars) {
            break;
        }
        let Some((g, name, next_out)) =
            peel(chars, prev, next, chain.last().copied().unwrap_or(first))
        else {
            break;
        };
        chain.push(name);
        gain += g;
        peeled = Some(next_out);
    }
    (peeled, chain, gain)
}

/// One more layer: the best whole repair of `chars` under any page, at
/// least `LAYER_GAIN` more plausible; under `last`, the page of the layer
/// just undone, any whole reading no less plausible (text garbled twice
/// is most often garbled twice the same way: `ÄŠ` left of `Ã„Å\u{a0}` is Ċ).
fn peel(
    chars: &[char],
    prev: Option<char>,
    next: Option<char>,
    last: &str,
) -> Option<(i64, &'static str, Vec<char>)> {
    let mut best: Option<(i64, &'static str, Vec<char>)> = None;
    // A page that reads no char as a lead byte reads no sequence: most
    // repairs a layer is looked for in (emoji and letters beside a char a
    // page reads as a lead) are read by one page or none, so the others
    // are passed over without a reading, and the chars' own cost is worked
    // out only for a page that reads them whole.
    let leads = chars.iter().fold(0u16, |m, &c| m | quick::lead_pages(c));
    let before = OnceCell::new();
    for &page in code_pages() {
        // Symbols are no evidence here either (see `choose`): box drawing
        // read back from one layer stays box drawing.
        if page.is_symbol_page() || leads & (1 << page.index) == 0 {
            continue;
        }
        let Some(reading) = read_whole(chars, page) else {
            continue;
        };
        let rep = repair(
            chars,
            prev,
            next,
            &reading,
            false,
            &GapContext::default(),
            *before.get_or_init(|| score::cost(prev, chars, next)),
        );
        let needed = if page.name == last { 0 } else { LAYER_GAIN };
        if rep.gain >= needed && best.as_ref().is_none_or(|(g, _, _)| rep.gain > *g) {
            best = Some((rep.gain, page.name, rep.out));
        }
    }
    best
}

/// `page`'s reading of `chars` where it reads at least one sequence and
/// every char in one: a further layer.
fn read_whole(chars: &[char], page: &'static super::pages::CodePage) -> Option<Reading> {
    let reading = read(chars, page);
    (reading.pieces > 0 && reading.is_whole()).then_some(reading)
}

/// Every layer, every word: where most of a note's repairs peeled the
/// same further layers (text garbled twice through windows-1252), a repair
/// that stopped short of them (`DÉ©` for Dɩ, `ê—ž` for the Vai ꗞ: one layer
/// undone, the next no more plausible to the score on its own) has its
/// further layers peeled too, each where that layer's page reads it whole.
/// The note already showed how deep it was garbled.
pub fn peel_alike(pending: &mut [(usize, Repaired)]) {
    // The deepest chain most repairs share, and how many share it.
    let mut chains: Vec<(&[&'static str], usize)> = Vec::new();
    for (_, x) in pending.iter().filter(|(_, x)| x.chain.len() > 1) {
        match chains.iter_mut().find(|(c, _)| *c == x.chain.as_slice()) {
            Some((_, n)) => *n += 1,
            None => chains.push((x.chain.as_slice(), 1)),
        }
    }
    let Some((deep, n)) = chains.into_iter().max_by_key(|&(c, n)| (n, c.len())) else {
        return;
    };
    if n < 2 || n * 2 <= pending.len() {
        return;
    }
    let deep: Vec<&'static str> = deep.to_vec();
    for (_, x) in pending.iter_mut() {
        if x.chain.len() >= deep.len() || !deep.starts_with(&x.chain) {
            continue;
        }
        let mut out = x.out.clone();
        let mut chain = x.chain.clone();
        for &name in &deep[x.chain.len()..] {
            let Some(page) = code_pages().iter().find(|p| p.name == name) else {
                break;
            };
            let Some(reading) = read_whole(&out, page) else {
                break;
            };
            out = repair(&out, None, None, &reading, false, &GapContext::default(), 0).out;
            chain.push(name);
        }
        if chain.len() > x.chain.len() {
            x.out = out;
            x.chain = chain;
        }
    }
}
