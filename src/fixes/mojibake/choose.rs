//! Stage 3, the choice for one run: among the pages' readings, the repair
//! the evidence supports, if any. The rules, in the order they apply:
//!
//! 1. Symbols are no evidence: a reading of symbols alone (box drawing,
//!    maths, kaomoji), or any reading through a page whose two-byte leads
//!    are symbols (cp437, mac-roman), counts only where the page vote found
//!    the note evidently that page's mojibake, and must make words (see
//!    [`makes_text`]; an ordinal indicator after a number is one), or is
//!    a damaged letter or mark inside a word (under the note's evident
//!    page, however rare the letter, or a hyphen or apostrophe there), or
//!    a one-letter word of the line's language; never on a line that
//!    writes a letter the page cannot (that line is correct text). A
//!    Greek letter with a sign of maths after it (`Δ±`, `β³`) is notation:
//!    its page must repair another run of the note.
//! 2. A lone accented capital in a word in capitals is stylised text (but
//!    see rule 3 for one inside a long word), lead
//!    chars in a row each cut short are a word written correctly, and
//!    a line in capitals gets no small letters (but for a run read whole
//!    into a word of three sequences or more: `XML Ñ„Ð°Ð¹Ð»`) and no
//!    letter rebuilt from its lead byte alone; a degree sign before C, F
//!    or K is a unit; a Hangul syllable between small Latin letters is no
//!    repair; capitals glued to a word in capitals read as symbols or rare
//!    marks alone need their page to repair another run of the note;
//!    letters read as a symbol or an emoji between two small letters stay
//!    (checked once every layer is undone).
//! 3. Gaps are judged (see `dropped`) under the note's page, or where the
//!    reading is whole or already clearly better; lone lead chars, and
//!    U+FFFD a decoder left, only under the note's page (when it has one),
//!    but a capital cut short inside or closing a small word (`sprĆk`,
//!    `estĆ`) under any page, if the word lists confirm the letter or, after two small
//!    letters, the model finds one small letter far likelier (rule 4); so
//!    too one opening a word of small letters that no language opens with
//!    it or of another script (`Ãrabe`, `Γndia`), if the word lists
//!    confirm the letter and do not hold the word as written (`Ăsta`),
//!    and one inside a word of five ASCII capitals or more (`ARTÃCULO`),
//!    if the word lists confirm an everyday capital and do not hold the
//!    word as written, even on a line in capitals;
//!    and one sequence cut short glued to a Latin word, under any page,
//!    where only a quote or hyphen fills it (`QozogвЂiston`). A page the
//!    note shows keeping its undefined bytes (a C1 control) or marking them
//!    (U+FFFD) rebuilds no dropped byte: none was dropped.
//! 4. The repair, all its layers undone (5), must gain enough: `NOTE_GAIN` under the note's page (or
//!    any gain with a rebuilt byte, or in a note garbled all through),
//!    `LOCAL_GAIN` elsewhere (less with a rebuilt byte, or none for a run
//!    that is wholly a known symbol's mojibake, or whose every letter the
//!    note writes elsewhere as it is, or any gain for a whole reading that
//!    every page agrees on and that mends a word's shape: `vÉ™` for və;
//!    none for one that reads an island of another script in a line of
//!    Latin words into Latin: `Burundi ГЁ Cecchia`; any gain for a capital
//!    of another script glued before a symbol in Latin prose, which is the
//!    symbol: `В« %s В»` for « %s » through windows-1251; any gain for
//!    a word read whole into the script of the rest of its line: `Õ§` for
//!    Armenian է; nearly none for an ordinal indicator glued to a number:
//!    `9ÂŞ` for 9ª through windows-1250).
//! 5. Further layers are peeled (`layers`), their gain added.
//! 6. Among those that pass, the largest gain wins, the note's page ahead
//!    by two, and by two a repair into letters the note writes as they
//!    are; then the one with more lowercase letters. But where the note's
//!    page reads the run whole with no byte lost, a page it is proven over
//!    (a run of the note only the note's page reads whole, see
//!    `Vote::proven_over`) ranks behind it, whatever it gains: ISO-8859-2
//!    does not get one word of a windows-1250 note that writes `ŕĄŤ` (्).
//! 7. A run that ends where an editor turned a no-break space into a plain
//!    one, read with that space taken back, wins over all (see `nbsp`);
//!    with no note page, a lone capital so made must lead a whole alphabet
//!    (`Ã `), or open a word the rest of the line's language writes with
//!    it (`Å vedska`, not Norwegian `Å lage`).

use super::detect::{self, read, repair, Repair, Run};
use super::dropped::{self, Affix, GapContext};
use super::layers::peel_all;
use super::pages::CodePage;
use super::repeat::RunMap;
use super::survey::{everyday_letters, RunLook};
use super::vote::Vote;
use super::{class, code_pages, context, lang, nbsp, quick, score, words, LOCAL_GAIN, NOTE_GAIN};
use std::borrow::Cow;
use std::cmp::Reverse;

/// What the choice gives for one run.
pub struct Choice<'r> {
    /// The run, widened over a lost no-break space where that reading won.
    pub run: Cow<'r, Run>,
    /// The repair, when one is clearly right.
    pub best: Option<Chosen>,
    /// A reading that looks like mojibake with a lost byte no candidate
    /// fills clearly: said in a diagnostic when nothing is repaired.
    pub unclear: Option<(&'static CodePage, Repair)>,
}

/// A repair chosen for a run.
#[derive(Clone)]
pub struct Chosen {
    /// The page of its first layer (index into `code_pages()`).
    pub page: usize,
    /// The repair, all layers undone.
    pub repair: Repair,
    /// The pages of the further layers, in undo order.
    pub layers: Vec<&'static str>,
}

/// Repairs of runs with their gaps judged, kept for one note: a run
/// written again is judged again wherever its choice is made again (in
/// another line context, before another word, in a later round), and
/// judging gaps is most of what a choice costs. A repair depends on the
/// run's chars and the ASCII chars around it, the page, and what the
/// context tells the gaps, nothing else.
#[derive(Default)]
pub struct Judged<'r> {
    made: RunMap<JudgedKey<'r>, Vec<(GapContext, Repair)>>,
}

/// A run's chars, the chars around it and the page (an index into
/// `code_pages()`).
type JudgedKey<'r> = (usize, &'r [char], Option<char>, Option<char>);

impl<'r> Judged<'r> {
    /// [`repair`] of `r` through page `p`'s `reading`, gaps judged in
    /// `gcx`; `before`: the run's own cost. Lent, not copied: most
    /// readings judged are weighed and passed over, and the one that wins
    /// is copied then.
    fn repair(
        &mut self,
        r: &'r Run,
        p: usize,
        reading: &detect::Reading,
        gcx: &GapContext,
        before: impl Fn() -> u32,
    ) -> &Repair {
        let made = self
            .made
            .entry((p, &r.chars[..], r.prev, r.next))
            .or_default();
        let at = match made.iter().position(|(cx, _)| cx == gcx) {
            Some(at) => at,
            None => {
                let rep = repair(&r.chars, r.prev, r.next, reading, true, gcx, before());
                made.push((*gcx, rep));
                made.len() - 1
            }
        };
        &made[at].1
    }
}

/// Chooses the repair of run `r` from its first `look`; `caps`: its line
/// is written in capitals; `judged`: the note's repairs with gaps judged.
pub fn choose<'r>(
    text: &str,
    r: &'r Run,
    look: &RunLook,
    vote: &Vote,
    gcx: &GapContext,
    caps: bool,
    judged: &mut Judged<'r>,
) -> Choice<'r> {
    // Worked out only where a repair or a diagnostic needs it.
    let before = || look.before(r);
    let mut best: Option<((bool, i64, i64), Chosen)> = None;
    // With the page it came from: the first page in `code_pages()` order
    // that gives one is said.
    let mut unclear: Option<(usize, &'static CodePage, Repair)> = None;
    // The note's page reads the run whole, every sequence complete.
    let note_reading = vote.page.and_then(|np| look.pages.get(np)?.as_ref());
    let note_complete =
        note_reading.is_some_and(|(reading, _)| reading.is_whole() && reading.gaps == 0);
    // And repairs it clearly: no other page's reading that keeps chars or
    // rebuilds lost bytes is the likelier, however much it gains.
    let note_reads_whole =
        note_complete && note_reading.is_some_and(|(_, first)| first.gain >= NOTE_GAIN);
    // The note's page first: once its repair stands, a reading elsewhere
    // whose gaps could not lift it past the best so far is not judged.
    let others = (0..look.pages.len()).filter(|&p| Some(p) != vote.page);
    for p in vote.page.into_iter().chain(others) {
        let Some(Some((reading, first))) = look.pages.get(p) else {
            continue;
        };
        if note_reads_whole && Some(p) != vote.page && (!reading.is_whole() || reading.gaps > 0) {
            continue;
        }
        // A byte order mark read as the page's text where a file starts
        // (`ï»¿---`): its place is the evidence three symbols alone are not.
        let bom = r.range.start == 0 && reading.gaps == 0 && first.out.first() == Some(&'\u{feff}');
        let symbolic = !bom && (reading.page.is_symbol_page() || !reading.reads_letters(&r.chars));
        // On a symbol page without the note's evidence, only a damaged
        // letter inside a word, whose shape is the evidence: any gain.
        let in_a_word = symbolic && letters_in_a_word(r, reading);
        // A one-letter word of the line's language (Corsican `è` as `├¿`
        // through cp437 between Latin words).
        let letter_word = symbolic && is_a_letter_word_of_the_line(text, r, reading, first);
        // A symbol behind a capital of another script in a Latin line
        // (`В« %s В»` through windows-1251): any gain.
        let foreign_symbol = is_a_symbol_behind_a_foreign_capital(text, r, first);
        // A word read whole into the script of the rest of its line
        // (`Õ§` for Armenian է among Armenian words): any gain. Asked last,
        // only of a repair no other rule lets stand: it reads the line.
        let own_script_word = || is_a_word_of_the_lines_script(text, r, reading, first);
        if symbolic
            && !vote.evident[p]
            && !in_a_word
            && !letter_word
            && !foreign_symbol
            && !spells_a_word(reading, &first.out)
        {
            continue;
        }
        let is_note_page = Some(p) == vote.page;
        let fill =
            is_note_page || reading.is_whole() || (reading.pieces > 0 && first.gain >= NOTE_GAIN);
        // Only lone lead chars (í in García read through windows-1252): on
        // local evidence every accented letter would look like one.
        let lone_leads =
            reading.pieces == 0 && reading.units.iter().all(detect::Unit::is_lone_lead);
        // A lone accented capital in a word in capitals is stylised text
        // (GÄLÄW), but for a note its page garbled all through, where a
        // correct Ă or Ů would itself be garbled: there it is a sequence cut
        // short (`TĂMA` for TÁMA, a lone `Ů` for Persian و through
        // windows-1250); lead chars in a row, each with every continuation lost,
        // are a word of the script whose letters are the page's lead bytes
        // (`Среда`, `Сандвич` under windows-1251), written correctly.
        // A capital cut short inside a word of small letters (`TanzĆnia`):
        // its word may tell the letter, wherever the note's page is.
        // In a word in capitals only where the word lists hold the word
        // one candidate makes and not the word as written (`ARTÃCULO`, not
        // the stylised `GÄLÄW`): see below.
        let capital_in_caps = lone_leads && is_capital_inside_a_caps_word(text, r);
        let capital_cut_short = lone_leads
            && (is_capital_inside_a_small_word(r)
                || is_capital_closing_a_small_word(r)
                || is_capital_opening_a_small_word(text, r)
                || capital_in_caps);
        let stylised =
            lone_leads && is_caps_word(r) && !(is_note_page && vote.evident[p]) && !capital_in_caps;
        if stylised || lone_leads_in_a_row(reading) {
            continue;
        }
        // A gap before a space counts as a dropped byte only under pages
        // other than the note's: under the note's it may be a lost
        // no-break space, which widening takes back (see below).
        let lost = reading.lost_bytes(if is_note_page { r.next } else { None });
        // A U+FFFD stands for a byte the note's page left undefined: where
        // the note has a page, no other page's lost bytes fill it.
        let replaced = lost.marked > 0;
        if replaced && vote.page.is_some() && !is_note_page {
            continue;
        }
        // A page the note shows keeping the bytes it leaves undefined (a
        // C1 control where one stood) or marking them with U+FFFD dropped
        // none: a sequence cut short inside the run is no lost byte of it,
        // and one ending it before a space lost a no-break space, no byte
        // a gap could get back (`è’ ` is no 荒 through windows-1252 where
        // `Ì\x81` kept its 0x81).
        let keeps = vote.keeps_undefined & (1 << p) != 0;
        if keeps && lost.dropped {
            continue;
        }
        // A run that is one sequence cut short, and nothing else, in a note
        // that is not its page's mojibake all through: two letters of an
        // alphabet the page writes (`еј` in `Мuzејski`, `ні` in Ukrainian,
        // é in `één` beside a few garbled words) look just like it, and a
        // lost byte would make the rest up. Where the note has a page, a
        // letter of another script inside a Latin word (`navΓ` for navê)
        // is no such letter; where it has none, it may be a look-alike.
        // Quotes kept beside them change nothing (`«ГГ,ХХ»`, hours and
        // minutes in Ukrainian). Nor is one glued to a Latin word whose
        // lost byte only a quote or hyphen fills (`QozogвЂiston`).
        if reading.pieces == 0
            && reading.gaps > 0
            && !replaced
            && !capital_cut_short
            && (vote.page.is_none() || !(vote.whole_note || foreign_in_a_latin_word(text, r)))
            && gaps_cut_letters(r, reading)
            && !(foreign_in_a_latin_word(text, r) && fills_with_punctuation_alone(reading))
        {
            continue;
        }
        // Nor, in such a note, a run whose reading keeps a letter of the
        // page's upper half that fits no sequence: mojibake is garbled all
        // through, so the word is written as it stands (`БРЈ`, `МіБ` under
        // windows-1251, whose `Б` no UTF-8 byte can be).
        if !vote.whole_note && keeps_a_page_letter(reading) {
            continue;
        }
        // The note's page, proven over this one by a run only it reads
        // whole, wins a run it reads whole too, with no byte lost.
        let outranked = !is_note_page && note_complete && vote.proven_over(p);
        if let Some(((first_rank, _, _), _)) = &best {
            if outranked && *first_rank {
                continue;
            }
        }
        // Rule 6 without judging: the most this reading's gaps could gain
        // still ranks below the best so far (ties go to the page first in
        // order), so it cannot win; what it leaves unclear is said only
        // where nothing is repaired. A best outranked itself bounds nothing.
        if fill && !is_note_page && reading.gaps > 0 {
            if let Some(((true, gain, prior), b)) = &best {
                let rank = (*gain, *prior);
                // The least gain with which it would rank ahead; the bound
                // (see `detect::gaps_may_reach`) is also asked to allow for
                // the rank a repair into the note's own letters earns
                // beyond its gain, where a candidate is one.
                let ahead = (first.prior, Reverse(p)) > (rank.1, Reverse(b.page));
                let own_letters = if may_fill_a_kept_letter(reading, vote) {
                    KEPT_LETTERS_RANK
                } else {
                    0
                };
                let need = rank.0 + i64::from(!ahead) - own_letters;
                if !detect::gaps_may_reach(r.prev, r.next, reading, first, need) {
                    continue;
                }
            }
        }
        // Without gaps, or without judging them, the first look already is
        // the repair.
        // Borrowed (from the first look, or from the note's judged
        // repairs) until it wins or a layer under it is peeled: most
        // readings are weighed and passed over.
        let mut rep: Cow<'_, Repair> = if reading.gaps == 0
            || !(fill || capital_cut_short)
            || (lone_leads && !is_note_page && !capital_cut_short)
        {
            Cow::Borrowed(first)
        } else {
            // The word's ASCII letters beyond the run, for word membership.
            let mut gcx = *gcx;
            gcx.head = Affix::before(text, r.range.start, reading.page);
            gcx.tail = Affix::after(text, r.range.end, reading.page);
            Cow::Borrowed(judged.repair(r, p, reading, &gcx, before))
        };
        // Say why a run that looks like mojibake with a lost byte stays. A
        // run of lone lead chars only (é before a space: every continuation
        // byte would have had to be lost) is weak evidence: correct accented
        // text looks just like it, so it stays unsaid; but not a capital cut
        // short in its word (`Ãstralía`, `TanzĆnia`) under the page that
        // garbled the note or its line: no orthography writes it so.
        let cut_short = reading.is_whole()
            && reading
                .units
                .iter()
                .any(|u| matches!(u, detect::Unit::Gap { conts, .. } if !conts.is_empty()));
        if rep.unresolved.iter().any(|c| c.len() > 1)
            && (!lone_leads || (capital_cut_short && is_note_page))
            && (is_note_page || (cut_short && before() >= 2))
            && unclear.as_ref().is_none_or(|u| p < u.0)
        {
            unclear = Some((p, reading.page, rep.as_ref().clone()));
        }
        // The note's own page, evident all through, reading the run whole
        // in three sequences or more: symbols are what the note says (box
        // drawing through mac-roman). One or two (`∆°`, `¬´`) happen in
        // correct symbol text.
        let evident_whole = is_note_page
            && vote.evident[p]
            && reading.is_whole()
            && reading.gaps == 0
            && reading.pieces >= MIN_WORD_PIECES;
        // So too a letter inside a word, however rare (Dinka ʌ, Ewe ƒ as
        // `╩î`, `╞Æ` through cp437), or the hyphen or apostrophe that joins
        // two parts of one (`‚Äê` for ‐ through mac-roman): the note's
        // evidence outweighs the char's rarity (see [`rarity`]). Its word:
        // the run read whole beside a letter of it, through a page of
        // letters too (Ewe ƒ as `Ę’` through windows-1257), and opening it
        // with a no-break space (ʌŋ as `\u{a0}å≈ã` through mac-roman):
        // where the page garbled every run, no correct « or no-break space
        // opens a word.
        let beside_a_letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let in_its_word = in_a_word
            || (reading.is_whole()
                && reading.pieces > 0
                && (beside_a_letter(r.prev) || beside_a_letter(r.next)));
        let evident_in_a_word = is_note_page
            && vote.evident[p]
            && in_its_word
            && reading.gaps == 0
            && rep.out.iter().all(|&c| {
                matches!(
                    score::kind(c),
                    score::Kind::Letter | score::Kind::Mark | score::Kind::Plain
                ) || dropped::joins_a_word(c)
            });
        // A capital cut short in a word in capitals counts only where the
        // word lists hold the word one candidate makes, and not as written.
        // The letter made must be an everyday capital: a rare one (Ɉ) is
        // likelier a listed word's hash met by chance than the word.
        let listed_in_caps = capital_in_caps
            && makes_a_listed_word(&rep)
            && rep
                .restored
                .iter()
                .all(|x| x.ch.is_uppercase() && score::char_cost(x.ch) == 0)
            && !listed_as_written(text, r);
        if capital_in_caps && !(is_note_page && vote.evident[p]) && !listed_in_caps {
            continue;
        }
        if rep.changed.is_empty()
            || (keeps && rep.restored.len() > lost.marked)
            || (caps
                && writes_small_letters(&rep)
                && !spells_a_word(reading, &rep.out)
                && !listed_in_caps)
            || letter_from_a_lone_letter(&rep, &r.chars)
            || foreign_from_a_letter_in_a_word(&rep, r)
            || syllable_inside_a_latin_word(&rep, r)
            || takes_a_units_degree(&rep, r)
            || (vote.explained[p] <= 1
                && is_greek_notation(r)
                && !signifier_on_a_task_line(text, r, &rep))
            || (vote.explained[p] <= 1 && writes_a_lone_foreign_digit(&rep, r))
            || (vote.explained[p] <= 1 && symbol_inside_a_caps_word(&rep, r))
            || (reading.page.is_symbol_page() && line_writes_beyond(text, r, reading.page))
            || (symbolic
                && !(evident_whole
                    || evident_in_a_word
                    || letter_word
                    || foreign_symbol
                    || (makes_text(&rep, r.prev, r.next, vote.supported[p])
                        && everyday_letters(&rep.out))))
        {
            continue;
        }
        let (peeled, layers, deeper) = peel_all(reading.page.name, &rep.out, r.prev, r.next);
        if let Some(out) = peeled {
            rep.to_mut().out = out;
        }
        if deeper != 0 {
            rep.to_mut().gain += deeper;
        }
        if symbol_between_small_letters(&rep, r) {
            continue;
        }
        if !(gains_enough(&rep, reading, is_note_page, vote.whole_note)
            || (bom && rep.gain >= 0)
            || (in_a_word && rep.gain > 0)
            || (evident_in_a_word && rep.gain + rarity(&rep) >= -WHOLE_NOTE_SLACK)
            || (rep.gain >= -WHOLE_NOTE_SLACK
                && reading.gaps == 0
                && ordinal_after_a_number(text, r, &rep))
            || (rep.gain >= 0 && (letter_word || foreign_symbol || own_script_word()))
            || (capital_cut_short && makes_a_listed_word(&rep) && !listed_as_written(text, r))
            || (capital_cut_short
                && rep.gain > 0
                && rebuilds_a_likely_small_letter(&rep)
                && two_small_letters_before(text, r))
            || (rep.gain >= 0 && reading.gaps == 0 && writes_its_letters(&rep, vote))
            || (rep.gain > 0
                && reading.gaps == 0
                && mends_word_shape(r, &rep)
                && whole_readings_agree(look, 1))
            || (rep.gain >= 0
                && reading.gaps == 0
                && reading.is_whole()
                && foreign_island(text, r, &rep)
                && whole_readings_agree(look, 0)))
        {
            continue;
        }
        let rank = (
            !outranked,
            rep.gain
                + if is_note_page { 2 } else { 0 }
                + if keeps_its_letters(&rep, vote) {
                    KEPT_LETTERS_RANK
                } else {
                    0
                },
            rep.prior,
        );
        // Of equal ranks, the page first in order.
        let ahead = |(b, chosen): &((bool, i64, i64), Chosen)| {
            (rank, Reverse(p)) > (*b, Reverse(chosen.page))
        };
        if best.as_ref().is_none_or(ahead) {
            best = Some((
                rank,
                Chosen {
                    page: p,
                    repair: rep.into_owned(),
                    layers,
                },
            ));
        }
    }
    match widened(text, r, vote, gcx, before) {
        Some((wide, np, mut rep)) => {
            let (peeled, layers, _) =
                peel_all(code_pages()[np].name, &rep.out, wide.prev, wide.next);
            if let Some(out) = peeled {
                rep.out = out;
            }
            Choice {
                run: Cow::Owned(wide),
                best: Some(Chosen {
                    page: np,
                    repair: rep,
                    layers,
                }),
                unclear: unclear.map(|(_, page, rep)| (page, rep)),
            }
        }
        None => Choice {
            run: Cow::Borrowed(r),
            best: best.map(|(_, chosen)| chosen),
            unclear: unclear.map(|(_, page, rep)| (page, rep)),
        },
    }
}

/// How far ahead a repair into letters the note writes as they are ranks
/// (rule 6, see [`keeps_its_letters`]).
const KEPT_LETTERS_RANK: i64 = 2;

/// What the chars a repair writes cost for their rarity alone (a letter
/// of a rare block, ʌ or ꞹ): where the note's evident page reads a run
/// inside a word, the note's evidence outweighs it, and only the shape of
/// the repair against its neighbours is weighed.
fn rarity(rep: &Repair) -> i64 {
    rep.out
        .iter()
        .map(|&c| i64::from(score::char_cost(c)))
        .sum()
}

/// How much costlier than the mojibake a whole reading into everyday
/// letters may be in a note garbled all through by its page.
const WHOLE_NOTE_SLACK: i64 = 2;

/// Rule 6: whether every letter a repair makes is one the note writes in
/// runs no page reads a sequence in (a capital also where it writes the
/// small letter): ō for `ĹŤ` where the line writes ō, which ISO-8859-2
/// would read as ū; í for `Ć\u{ad}` beside a correct í, which
/// windows-1250 would read as ƭ. The author's alphabet weighs as much as
/// the note's page.
fn keeps_its_letters(rep: &Repair, vote: &Vote) -> bool {
    makes_only_letters(rep, |c| is_kept(c, vote))
}

/// Whether the note writes `c` as it is in runs no page reads a sequence
/// in, or its small letter (see [`keeps_its_letters`]): a small letter
/// one char long from the class tables, any other from the standard
/// library's lookup (a search of its own, asked of every letter a
/// repair makes).
fn is_kept(c: char, vote: &Vote) -> bool {
    is_or_lowers_to(c, |l| vote.kept.contains_key(&l))
}

/// Whether `c` or a char of its lowercase passes `has`.
fn is_or_lowers_to(c: char, has: impl Fn(char) -> bool) -> bool {
    if has(c) {
        return true;
    }
    let one = class::lower_one(c);
    if one == class::lower_first(c) {
        one != c && has(one)
    } else {
        c.to_lowercase().any(has)
    }
}

/// Whether a gap of `reading` may be filled with a letter beyond ASCII
/// that the note keeps (see [`is_kept`]): gaps are filled only with their
/// page's plausible candidates (or a U+FFFD, no letter), so where none is
/// such a letter, the repair cannot rank ahead by its letters.
fn may_fill_a_kept_letter(reading: &detect::Reading, vote: &Vote) -> bool {
    reading.units.iter().any(|u| match u {
        detect::Unit::Gap { lead, conts, .. } => {
            dropped::plausible_candidates(reading.page, *lead, conts)
                .into_iter()
                .any(|c| !c.is_ascii() && score::kind(c) == score::Kind::Letter && is_kept(c, vote))
        }
        _ => false,
    })
}

/// Rule 4: whether every letter a repair makes is one the note writes
/// elsewhere as it is (`Γ“` for Ó in a line that writes Ó twice): the
/// author's own alphabet is evidence enough for a repair no worse than
/// its mojibake.
fn writes_its_letters(rep: &Repair, vote: &Vote) -> bool {
    makes_only_letters(rep, |c| vote.written.contains_key(&c))
}

/// Whether the repair makes a letter beyond ASCII and every such letter
/// passes `known`.
fn makes_only_letters(rep: &Repair, known: impl Fn(char) -> bool) -> bool {
    let changed = rep.out.get(rep.changed.start..).unwrap_or(&[]);
    let mut letters = changed
        .iter()
        .copied()
        .filter(|&c| !c.is_ascii() && score::kind(c) == score::Kind::Letter)
        .peekable();
    letters.peek().is_some() && letters.all(known)
}

/// Rule 4: whether the run breaks the shape of the word it stands in and
/// the repair, small letters only, mends it: a capital straight after a
/// small letter (`vÉ™` for və, `gaÆ’oÆ’o`), an opening quote after a
/// letter with no letter after it to open (`TÅ« Wehe` for Tū), or two
/// capitals opening a small word (`ÉŠlitri` for ɩlitri; there the repair
/// may also be the one capital a word opens on: `ÎŁiraq` for Σiraq). No
/// orthography writes a non-ASCII capital inside a small word (camelCase
/// and initialisms are ASCII), nor opens a quote on nothing: the shape is
/// evidence the mixed model's few chars of context do not weigh.
fn mends_word_shape(r: &Run, rep: &Repair) -> bool {
    let letter = |c: Option<char>| c.is_some_and(score::is_alpha);
    let capital_after_small = r.prev.is_some_and(|c| c.is_ascii_lowercase())
        && r.chars
            .first()
            .is_some_and(|&c| !c.is_ascii() && c.is_uppercase());
    let opens_nothing = (0..r.chars.len()).any(|i| {
        let before = i.checked_sub(1).map_or(r.prev, |j| r.chars.get(j).copied());
        let after = r.chars.get(i + 1).copied().or(r.next);
        matches!(r.chars[i], '«' | '‹' | '“' | '„') && letter(before) && !letter(after)
    });
    // Two capitals opening a word of small letters, neither ASCII
    // (`ÉŠlitri` for ɩlitri, `ÄŤamoro`): initialisms are ASCII or all
    // capitals.
    let word_start = !r.prev.is_some_and(|c| c.is_alphanumeric());
    let capitals_open = word_start
        && r.next.is_some_and(|c| c.is_ascii_lowercase())
        && r.chars.len() == 2
        && r.chars.iter().all(|&c| !c.is_ascii() && c.is_uppercase());
    let changed = rep.out.get(rep.changed.start..).unwrap_or(&[]);
    let small = changed.iter().any(|&c| score::is_alpha(c))
        && changed
            .iter()
            .all(|&c| score::is_alpha(c) && !c.is_uppercase());
    // A word may open on one capital.
    let one_capital = rep.changed.start == 0
        && changed.first().is_some_and(|&c| c.is_uppercase())
        && changed
            .get(1..)
            .unwrap_or(&[])
            .iter()
            .all(|&c| score::is_alpha(c) && !c.is_uppercase());
    ((capital_after_small || opens_nothing) && small) || (capitals_open && (small || one_capital))
}

/// Rule 4: whether the run is an island of another script in a line of
/// Latin words, and its repair is Latin: two letters of one script
/// standing as a word (`Burundi ГЁ Cecchia` for è), or one glued by a quote
/// to the Latin letters after it (`8 Ж”uct` for Ɣuct, `Γ’ktober`). A word
/// of another script in a Latin line is written with letters that rarely
/// form UTF-8; one letter with a symbol (`Δ°C`) is text.
fn foreign_island(text: &str, r: &Run, rep: &Repair) -> bool {
    let foreign = |c: char| {
        score::is_alpha(c)
            && !matches!(
                score::script(c),
                score::Script::Latin | score::Script::Common
            )
    };
    let mut letters = r.chars.iter().copied().filter(|&c| score::is_alpha(c));
    let Some(first) = letters.next() else {
        return false;
    };
    let script = score::script(first);
    let count = 1 + letters.clone().count();
    let one_script = foreign(first) && letters.all(|c| score::script(c) == script);
    let quote = |c: &char| matches!(c, '’' | '”' | '‘' | '“' | '„' | '«' | '»' | '‹' | '›');
    let glued = count == 1
        && r.chars.len() == 2
        && r.chars.last().is_some_and(quote)
        && r.next.is_some_and(|c| c.is_ascii_alphabetic());
    let word = count == 2 && r.chars.len() == 2 && stands_apart(r);
    let changed = rep.out.get(rep.changed.start..).unwrap_or(&[]);
    let latin_out = changed
        .iter()
        .all(|&c| score::is_alpha(c) && score::script(c) == score::Script::Latin);
    if !(one_script && (glued || word) && !changed.is_empty() && latin_out) {
        return false;
    }
    // The rest of the line: Latin words, no letter of any other script.
    let (before, after) = rest_of_line(text, r);
    let mut latin = 0;
    for c in before.chars().chain(after.chars()) {
        if foreign(c) {
            return false;
        }
        latin += usize::from(score::is_alpha(c));
    }
    latin >= MIN_LATIN_AROUND_AN_ISLAND
}

/// Latin letters the rest of a line needs for a run of another script in
/// it to be an island.
const MIN_LATIN_AROUND_AN_ISLAND: usize = 6;

/// The line `r` stands on, without it: the text before it and after it.
fn rest_of_line<'t>(text: &'t str, r: &Run) -> (&'t str, &'t str) {
    let line = context::line_around(text, &r.range);
    (
        text.get(line.start..r.range.start).unwrap_or(""),
        text.get(r.range.end..line.end).unwrap_or(""),
    )
}

/// Whether no letter or digit touches the run on either side.
fn stands_apart(r: &Run) -> bool {
    let apart = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
    apart(r.prev) && apart(r.next)
}

/// Rule 4: whether every page that reads the run whole, for a gain of at
/// least `min_gain`, reads it into the same chars: a word's shape says the
/// run is mojibake, not which page made it (`gaĘ’o` is ƒ through
/// windows-1257, ʒ through windows-1250).
fn whole_readings_agree(look: &RunLook, min_gain: i64) -> bool {
    let mut outs = look
        .pages
        .iter()
        .flatten()
        .filter(|(reading, first)| {
            reading.is_whole() && reading.gaps == 0 && first.gain >= min_gain
        })
        .map(|(_, first)| &first.out);
    outs.next()
        .is_some_and(|one| outs.all(|other| other == one))
}

/// Rule 3: whether the run is one capital, a lead char, standing between
/// small ASCII letters (`TanzĆnia`, `sprĆk`): no orthography writes it so,
/// while a lost byte after it often makes a small letter.
pub(super) fn is_capital_inside_a_small_word(r: &Run) -> bool {
    matches!(r.chars.as_slice(), [c] if c.is_uppercase())
        && r.prev.is_some_and(|c| c.is_ascii_lowercase())
        && r.next.is_some_and(|c| c.is_ascii_lowercase())
}

/// Rule 3: whether the run is one capital, a lead char, closing a word of
/// small letters (`řeÄ` for řeč through windows-1252): no orthography ends
/// a word of small letters with a capital, but a small letter whose last
/// byte was lost leaves its lead, which windows-1252 and its kin read as
/// one.
pub(super) fn is_capital_closing_a_small_word(r: &Run) -> bool {
    matches!(r.chars.as_slice(), [c] if c.is_uppercase())
        && r.prev.is_some_and(|c| c.is_ascii_lowercase())
        && r.next.is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Rule 3: whether the run is one capital, a lead char, opening a word of
/// three small ASCII letters or more, that no language opens its words
/// with or that is of another script (`Ãrabe`, `Ãsland` through
/// windows-1252, `Γsland` through windows-1253), while a lost byte after
/// it makes Á or Í. Only the word lists may then tell the letter (rule 4).
pub(super) fn is_capital_opening_a_small_word(text: &str, r: &Run) -> bool {
    // A capital some language opens its words with (Swedish `Åland`) is
    // as likely meant; one of another script before Latin letters is not.
    // Asked first: most runs are no lone capital, and the text after them
    // is then not read.
    if !matches!(r.chars.as_slice(), [c] if c.is_uppercase() && quick::opens_oddly(*c))
        || !r.prev.is_none_or(quick::opens_after)
    {
        return false;
    }
    let rest = text.get(r.range.end..).unwrap_or("").as_bytes();
    let small = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    // The word may go on in other runs (Ástralía through windows-1252:
    // `Ãstral`, then í as `Ã` and a soft hyphen), not in an ASCII capital
    // or digit.
    let ends = rest.get(small).is_none_or(|&b| !b.is_ascii_alphanumeric());
    small >= 3 && ends
}

/// Rule 3: whether the run is one capital, a lead char, inside a word of
/// five ASCII capitals or more (`ARTÃCULO`, `PROBLΓME`): a lost byte
/// after it makes an accented capital, which only the word lists may then
/// tell (rule 4), as capitals are also styling. Not in a shorter word: some
/// language of the lists writes nearly any short word (`TÍMA` for Shuar
/// `TÁMA`).
fn is_capital_inside_a_caps_word(text: &str, r: &Run) -> bool {
    let [c] = r.chars.as_slice() else {
        return false;
    };
    let head = text.get(..r.range.start).unwrap_or("").as_bytes();
    let tail = text.get(r.range.end..).unwrap_or("").as_bytes();
    let before = head
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let after = tail.iter().take_while(|b| b.is_ascii_uppercase()).count();
    // The word ends in neither a small letter nor a digit either side.
    let edge = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
    c.is_uppercase()
        && before >= 1
        && after >= 1
        && before + after >= 5
        && edge(head.len().checked_sub(before + 1).and_then(|i| head.get(i)))
        && edge(tail.get(after))
}

/// Rule 4: whether the word the run stands in, as written, is one the word
/// lists hold (Romanian `Ăsta`): its capital is then no letter cut short.
fn listed_as_written(text: &str, r: &Run) -> bool {
    let head = text.get(..r.range.start).unwrap_or("");
    let start = head
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let tail = text.get(r.range.end..).unwrap_or("");
    let end = tail
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(tail.len());
    let word: String = head
        .get(start..)
        .unwrap_or("")
        .chars()
        .chain(r.chars.iter().copied())
        .chain(tail.get(..end).unwrap_or("").chars())
        .flat_map(char::to_lowercase)
        .collect();
    words::lists_anywhere(&word)
}

/// Rule 4: whether every byte the repair rebuilt makes a word of the word
/// lists, and nothing is left unresolved: a capital cut short inside a
/// small word, on no other evidence, needs its word.
fn makes_a_listed_word(rep: &Repair) -> bool {
    rebuilt_all_so(rep, |x| {
        x.reason == words::IN_A_WORD
            || x.reason == words::IN_SOME_WORD
            || x.reason == words::IN_A_NAME
    })
}

/// Rule 4: whether the repair rebuilt only small letters the model finds
/// far likelier than the others, and left nothing open: a capital cut short
/// inside a small word stood for a small letter.
fn rebuilds_a_likely_small_letter(rep: &Repair) -> bool {
    rebuilt_all_so(rep, |x| {
        x.reason == dropped::LIKELIER && x.ch.is_lowercase()
    })
}

/// Whether the repair rebuilt a byte, left no gap open, and every char it
/// rebuilt passes `test`.
fn rebuilt_all_so(rep: &Repair, test: impl Fn(&dropped::Rebuilt) -> bool) -> bool {
    !rep.restored.is_empty() && rep.unresolved.is_empty() && rep.restored.iter().all(test)
}

/// Whether two small ASCII letters stand right before the run: the word
/// is under way. One may be a prefix or a format's letter before a
/// capital that is meant (Irish `hÍsiltír`, `%sÄr`).
fn two_small_letters_before(text: &str, r: &Run) -> bool {
    let head = text.get(..r.range.start).unwrap_or("").as_bytes();
    head.len() >= 2 && head[head.len() - 2..].iter().all(u8::is_ascii_lowercase)
}

/// Rule 4: whether `rep` gains enough for its page.
fn gains_enough(
    rep: &Repair,
    reading: &detect::Reading,
    is_note_page: bool,
    whole_note: bool,
) -> bool {
    if is_note_page {
        rep.gain >= NOTE_GAIN
            || (!rep.restored.is_empty() && rep.gain >= 0)
            || (whole_note && reading.is_whole() && rep.gain >= 0)
            // In a note garbled all through, a whole reading into everyday
            // letters that merely cost a little more than the mojibake
            // (ɩ for `É©`, a Shavian letter for `рђ‘Ї`): the note's
            // evidence outweighs the run's own.
            // No byte rebuilt: a lost one is judged on its own evidence.
            || (whole_note
                && reading.is_whole()
                && reading.gaps == 0
                && rep.gain >= -WHOLE_NOTE_SLACK
                && everyday_letters(&rep.out))
    } else {
        rep.gain >= LOCAL_GAIN
            || (!rep.restored.is_empty() && reading.pieces > 0 && rep.gain >= NOTE_GAIN)
            // A run that is wholly this page's mojibake with only known
            // symbols rebuilt (a Tasks signifier on a task line), or the
            // hyphen or apostrophe its place beside a letter decided.
            || (reading.is_whole()
                && rep.unresolved.is_empty()
                && !rep.restored.is_empty()
                && rep.restored.iter().all(|x| {
                    (detect::is_known_symbol(x.ch) || dropped::joins_a_word(x.ch))
                        && x.restored.len() + 1 < x.ch.len_utf8()
                })
                && rep.gain >= 0)
    }
}

/// Rule 7: the run widened over a lost no-break space (`voilÃ ` for voilà)
/// and its repair, under the note's page; without one (a line with nothing
/// else to go on), under the pages in order of how common they are.
fn widened(
    text: &str,
    r: &Run,
    vote: &Vote,
    gcx: &GapContext,
    before: impl Fn() -> u32,
) -> Option<(Run, usize, Repair)> {
    let pages = code_pages();
    let candidates = match vote.page {
        Some(np) => np..np + 1,
        None => 0..pages.len(),
    };
    // What `nbsp::widen` asks first, once for every page: a space after
    // the run, and a last char the page reads as a lead byte or as a
    // continuation byte (the rest of a sequence short of bytes).
    if r.next != Some(' ') {
        return None;
    }
    let last = *r.chars.last()?;
    let ends = quick::lead_pages(last) | quick::cont_pages(last);
    candidates.into_iter().find_map(|np| {
        if ends & (1 << np) == 0
            || vote.nbsp_kept[np]
            || (pages[np].is_symbol_page() && !vote.evident[np])
        {
            return None;
        }
        let wide = nbsp::widen(text, r, pages[np])?;
        let rest = text.get(wide.range.end..).unwrap_or("");
        let stem = Affix::before(text, wide.range.start, pages[np]);
        let langs = || match vote.langs {
            0 => lang::identify(text, pages[np]),
            known => known,
        };
        // Taking in the run after the space, its chars are weighed too.
        let before = if wide.range.end > r.range.end + 1 {
            let mut written = wide.chars.clone();
            if let Some(c) = wide.widened.and_then(|at| written.get_mut(at)) {
                *c = ' ';
            }
            score::cost(wide.prev, &written, wide.next)
        } else {
            before()
        };
        let rep = widened_repair(&wide, np, vote, gcx, before, (&stem, rest), langs)?;
        // On its own, only the capitals that lead whole alphabets (`Ã ` for
        // à), only into a letter (`В ` is a Russian word), and only inside a
        // word (`voilÃ `) or before more non-ASCII text (`Ð Ñƒ`); `S Ã O` is
        // spaced-out capitals. In a note that is not its page's mojibake
        // all through, the space must not be all its line repairs (`В `
        // before a correct Russian word is no U+00A0; `â € ` is ⠀).
        // A capital glued after one ASCII capital and before a word in
        // small letters (`GÃ mbia`, `SÃ rl.`) is a shape no correct text
        // has, and the repair a capitalised word (Gàmbia): evidence enough.
        // So is a capital opening a word that the rest of the line's
        // language writes where the capital as written it does not.
        let capitalised = r.chars.len() == 1
            && rep.out.first().is_some_and(|c| c.is_lowercase())
            && wide.next.is_some_and(|c| c.is_ascii_lowercase())
            && {
                let mut head = text.get(..r.range.start).unwrap_or("").chars().rev();
                head.next().is_some_and(|c| c.is_ascii_uppercase())
                    && !head.next().is_some_and(char::is_alphanumeric)
            };
        if !vote.whole_note && !capitalised && !line_repairs_more(text, &wide, pages[np]) {
            return None;
        }
        if vote.page.is_none()
            && !(r.chars.last().copied().is_some_and(score::is_common_lead)
                && rep.out.first().is_some_and(|&c| score::is_alpha(c))
                && (r.prev.is_some_and(char::is_lowercase)
                    || capitalised
                    || wide.next.is_some_and(|c| !c.is_ascii())))
            && !opens_a_word_of_the_line(text, r, &wide, &rep, pages[np])
        {
            return None;
        }
        Some((wide, np, rep))
    })
}

/// Rule 7: whether a lone accented capital before the space opens a word
/// in small letters (`Å wicarska` for Šwicarska) with a capital the
/// languages of the rest of the line write every day, and the capital as
/// written none of them does: Norwegian `Å lage` stays (å is everyday
/// there), as does a line too short to tell its language.
fn opens_a_word_of_the_line(
    text: &str,
    r: &Run,
    wide: &Run,
    rep: &Repair,
    page: &'static CodePage,
) -> bool {
    let ([written], Some(&made)) = (r.chars.as_slice(), rep.out.first()) else {
        return false;
    };
    if !(made.is_uppercase()
        && score::is_alpha(made)
        && !r.prev.is_some_and(char::is_alphanumeric)
        && wide.next.is_some_and(|c| c.is_ascii_lowercase()))
    {
        return false;
    }
    let (before, after) = rest_of_line(text, wide);
    let langs = lang::identify(&format!("{before} {after}"), page);
    let everyday =
        |c: char| lang::members(langs).any(|l| lang::is_everyday(l, c, LETTER_WORD_COST));
    everyday(made) && !everyday(*written)
}

/// The first char `page` reads whole from the start of `text` (the text
/// after a widened run's space), if it starts with one.
fn first_read(text: &str, page: &'static CodePage) -> Option<char> {
    let end = text.find(|c: char| c.is_ascii()).unwrap_or(text.len());
    let chars: Vec<char> = text.get(..end)?.chars().take(4).collect();
    match read(&chars, page).units.first() {
        Some(&detect::Unit::Piece { ch, .. }) => Some(ch),
        _ => None,
    }
}

/// Whether the page reads, in `wide` or in another run of its line, a
/// sequence whole into an everyday char other than the no-break space:
/// the line's own evidence that it is the page's mojibake.
fn line_repairs_more(text: &str, wide: &Run, page: &'static CodePage) -> bool {
    let std::ops::Range { start, end } = super::context::line_around(text, &wide.range);
    let everyday = |chars: &[char]| {
        read(chars, page).units.iter().any(|u| {
            matches!(u, detect::Unit::Piece { ch, .. }
                if *ch != '\u{a0}' && score::char_cost(*ch) == 0)
        })
    };
    everyday(&wide.chars)
        || detect::runs(text.get(start..end).unwrap_or(""))
            .iter()
            .filter(|run| {
                run.range.end + start <= wide.range.start
                    || run.range.start + start >= wide.range.end
            })
            .any(|run| everyday(&run.chars))
}

/// Whether `c` is the letter vocalic RR or LL of one of the nine Indic
/// scripts that share ISCII's layout (Devanagari to Malayalam, each block
/// at U+0900 + 0x80·k, these letters at 0x60 and 0x61 in it) and `before`
/// a consonant (0x15 to 0x39, 0x58 to 0x5F) of the same script. Sanskrit's
/// vowels RR and LL stand alone only where a syllable opens, and after a
/// consonant they are written as its vowel signs; a space taken for the
/// A0 that makes one (E0 B1 A0 is ౠ) is a real space after a sign whose
/// byte was lost.
fn sanskrit_vowel_after_consonant(before: char, c: char) -> bool {
    let (b, u) = (u32::from(before), u32::from(c));
    let indic = |x: u32| (0x0900..0x0D80).contains(&x);
    indic(u)
        && b >> 7 == u >> 7
        && matches!(u & 0x7F, 0x60 | 0x61)
        && matches!(b & 0x7F, 0x15..=0x39 | 0x58..=0x5F)
}

/// The repair of a run widened over a lost no-break space under page
/// `np`: whole under the page, with no gap, ending in the sequence the space
/// completes, and no less plausible than the run as written (`before`).
/// The space stays after a letter that ends its word (see
/// `nbsp::keeps_space`): `around` is the part of the word before the run
/// and the text after the space.
fn widened_repair(
    wide: &Run,
    np: usize,
    vote: &Vote,
    gcx: &GapContext,
    before: u32,
    around: (&Affix, &str),
    langs: impl FnOnce() -> u64,
) -> Option<Repair> {
    let page = code_pages()[np];
    let lossy = vote.lossy;
    // The note's page, which kept a byte it leaves undefined elsewhere (or
    // marked one with U+FFFD) and dropped none: no byte was lost here
    // either, so the space completes the sequence even where a lost byte
    // would make a letter as likely.
    let kept = vote.page == Some(np)
        && vote.keeps_undefined & (1 << np) != 0
        && vote.dropping & (1 << np) == 0;
    let reading = read(&wide.chars, page);
    // The sequence the U+00A0 at `nbsp` belongs to: it starts at `start`.
    let nbsp = wide.widened?;
    let mut start = 0;
    let (unit, ch, len) = reading.units.iter().enumerate().find_map(|(i, u)| {
        let (piece, len) = match *u {
            detect::Unit::Piece { ch, len } => (Some(ch), len),
            detect::Unit::Gap { len, .. } => (None, len),
            detect::Unit::Keep(_) => (None, 1),
        };
        if nbsp < start + len {
            return Some(piece.map(|ch| (i, ch, len)));
        }
        start += len;
        None
    })??;
    let lead = page.byte_of(*wide.chars.get(start)?)?;
    // Telugu `à°«à± ` is ఫ్ whose virama lost its byte before a real
    // space, not ఫౠ run into the next word.
    let before_ch = match unit.checked_sub(1).and_then(|i| reading.units.get(i)) {
        Some(&detect::Unit::Piece { ch: c, .. } | &detect::Unit::Keep(c)) => Some(c),
        _ => None,
    };
    if before_ch.is_some_and(|b| sanskrit_vowel_after_consonant(b, ch)) {
        return None;
    }
    // How much costlier than the run as written the repair may be.
    let mut slack = 0;
    // Where the sequence ends at the space, two spaces mean the first was
    // the A0 (but for the two that end a Markdown line, a hard break), as
    // does a space before closing punctuation, where a real one hardly
    // stands (`ð‘„ , ` is 𑄠 and a comma); otherwise it goes on in the run
    // after the space.
    let ends_at_space = start + len == nbsp + 1;
    let double = ends_at_space
        && match wide.next {
            Some(' ') => !matches!(around.1.chars().nth(1), None | Some('\n' | '\r')),
            Some(c) => matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}'),
            None => false,
        };
    let after_space = if ends_at_space {
        // A letter so made alone between a space and a char the page
        // cannot write is a letter of its own (`I Î │` in a keyboard
        // drawing is no `I Π│`); after the space comes a letter, more of
        // the page's text (`× ×•` is נו) or plain ASCII (`à 9`).
        let foreign = |c: char| !c.is_ascii() && !score::is_alpha(c) && page.byte_of(c).is_none();
        let before_lead = start
            .checked_sub(1)
            .and_then(|i| wide.chars.get(i).copied())
            .or(wide.prev);
        if score::kind(ch) == score::Kind::Letter
            && !before_lead.is_some_and(score::is_alpha)
            && wide.next.is_some_and(foreign)
        {
            return None;
        }
        wide.next
    } else {
        // A sequence taking in the run after the space never starts
        // inside an ASCII word or number: `café …` is no `caf項`.
        let before_lead = start
            .checked_sub(1)
            .and_then(|i| wide.chars.get(i).copied());
        if before_lead
            .or(wide.prev)
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        // A letter so made stands beside a letter of its own script
        // (`å …` among Han for 堅; `è …` in Italian is no 蠅); a symbol
        // needs a note that kept its bytes, and may cost what it costs.
        let beside = |i: Option<usize>| match i.and_then(|i| reading.units.get(i)) {
            Some(&detect::Unit::Piece { ch: c, .. }) => {
                score::kind(c) == score::Kind::Letter && score::script(c) == score::script(ch)
            }
            _ => false,
        };
        let fits = if score::kind(ch) == score::Kind::Letter {
            beside(unit.checked_sub(1)) || beside(Some(unit + 1))
        } else {
            slack = score::char_cost(ch);
            kept
        };
        if !fits {
            return None;
        }
        wide.chars.get(nbsp + 1).copied()
    };
    // A letter of the script written beside it: another letter of the run
    // or the first char the page reads after the space (`áŠ á‹œ` is አዜ).
    let own_script = score::kind(ch) == score::Kind::Letter && {
        let mine = score::script(ch);
        let in_run = reading.units.iter().enumerate().any(|(i, u)| {
            i != unit
                && matches!(*u, detect::Unit::Piece { ch: c, .. }
                    if score::kind(c) == score::Kind::Letter && score::script(c) == mine)
        });
        in_run || first_read(around.1, page).is_some_and(|c| score::script(c) == mine)
    };
    // This page lost no byte elsewhere in the note: the other pages' gaps
    // are those pages' misreadings.
    let own_loss = lossy & (1 << np) != 0;
    // A longer sequence that the space completes is evidence of its own (a
    // lead and a continuation before a space hardly happen by chance): an
    // everyday char that no lost byte could make instead, or, where the
    // page lost no byte elsewhere in the note, with the text going on in
    // non-ASCII right after the space (`à¸ à¸²` for ภา); then a letter of a
    // rarer block is as good where its own script stands beside it (Ethiopic
    // አ, Ol Chiki ᱠ). Where the page kept its bytes, a char of a rarer block
    // is as good (the braille blank that pads social media posts). A
    // two-byte letter stands where no lost byte makes a letter at all
    // (Arabic ؠ), or, the page having kept its bytes, beside its own script
    // (Syriac ܠ, NKo ߠ).
    let likely = if len == 2 {
        // The lead starts a word that goes on after the space.
        let before_lead = match unit.checked_sub(1).and_then(|i| reading.units.get(i)) {
            Some(&detect::Unit::Piece { ch: c, .. } | &detect::Unit::Keep(c)) => Some(c),
            Some(detect::Unit::Gap { .. }) => None,
            None => wide.prev,
        };
        let starts_word = !before_lead.is_some_and(char::is_alphanumeric)
            && after_space.is_some_and(char::is_alphabetic);
        nbsp::is_likely(ch, page, lead, (double, starts_word), gcx.languages)
            || (kept && (nbsp::fits(ch, gcx.languages) || own_script))
            || (own_script
                && score::char_cost(ch) <= 1
                && !dropped::plausible_candidates(page, lead, &[])
                    .iter()
                    .any(|c| c.is_alphabetic()))
    } else {
        let conts: Vec<u8> = wide
            .chars
            .get(start + 1..nbsp)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&c| page.byte_of(c))
            .collect();
        // Two spaces also pad table cells: after a letter beside its own
        // script only (a lost ❌ before them is no ❠).
        let goes_on = (!own_loss || kept)
            && ((double && own_script) || after_space.is_some_and(|c| !c.is_ascii()));
        let cost = score::char_cost(ch);
        let everyday = cost <= if kept { 3 } else { 0 };
        score::kind(ch) != score::Kind::Control
            && ((everyday || (cost <= 3 && own_script)) && goes_on
                || everyday
                    && dropped::plausible_candidates_of(page, lead, &conts, lossy).is_empty())
    };
    // A gap is another lost byte, unless a U+FFFD marks it (`ðŸ“�Â ` for
    // an emoji whose byte was replaced, then a no-break space).
    let marked = |u: &detect::Unit| !matches!(u, detect::Unit::Gap { replaced: 0, .. });
    if !reading.is_whole() || !reading.units.iter().all(marked) || !likely {
        return None;
    }
    let keep = ends_at_space && {
        // The word the letter ends, as far as it reads: the part before
        // the run, then the run's own letters before its last sequence.
        let (before_run, rest) = around;
        let mut stem = before_run.word().unwrap_or_default();
        for u in reading.units.get(..unit).unwrap_or(&[]) {
            match *u {
                detect::Unit::Piece { ch: c, .. } | detect::Unit::Keep(c) => {
                    stem.extend(c.to_lowercase())
                }
                detect::Unit::Gap { .. } => {}
            }
        }
        nbsp::keeps_space(ch, &stem, rest, langs)
    };
    // What follows as it will read: the space kept, or the next word, whose
    // own mojibake (if any) is no evidence against this char.
    let next = match wide.next {
        _ if keep => Some(' '),
        Some(c) if c.is_ascii() => Some(c),
        _ => None,
    };
    let mut rep = repair(
        &wide.chars,
        wide.prev,
        next,
        &reading,
        reading.gaps > 0,
        gcx,
        before,
    );
    if rep.gain < -i64::from(slack) {
        return None;
    }
    if keep {
        rep.out.push(' ');
    }
    Some(rep)
}

/// Rule 2: whether a repair on a line in capitals makes a small letter
/// (one that has a capital) or rebuilds a letter from its lead byte alone.
fn writes_small_letters(rep: &Repair) -> bool {
    let start = rep.changed.start.min(rep.out.len());
    rep.out[start..]
        .iter()
        .any(|&c| !c.is_ascii() && c.is_lowercase() && c.to_uppercase().ne(std::iter::once(c)))
        || rep
            .restored
            .iter()
            .any(|x| x.restored.len() + 1 >= x.ch.len_utf8() && score::is_alpha(x.ch))
}

/// Rule 2: whether a char was rebuilt, two or three of its bytes lost,
/// from a lead char that is itself a letter of a script other than Latin:
/// such a char standing alone is far likelier the letter it reads as (`и`
/// in `Кениа-и` under windows-1251, not 蘘; `в` in `ва`, not ☘). Latin
/// leads (`å` for an ideograph through windows-1254) and Tasks signifiers
/// (❌ from `β` through windows-1253) stay.
fn letter_from_a_lone_letter(rep: &Repair, chars: &[char]) -> bool {
    // The rebuilt chars first: most repairs rebuild none, and the run's
    // chars are then not looked up.
    rep.restored.iter().any(|x| {
        x.restored.len() >= 2
            && x.restored.len() + 1 == x.ch.len_utf8()
            && !detect::is_known_symbol(x.ch)
    }) && chars.iter().any(|&c| {
        score::kind(c) == score::Kind::Letter
            && !matches!(
                score::script(c),
                score::Script::Latin | score::Script::Common
            )
    })
}

/// Whether `r` holds a letter of a script other than Latin and stands in
/// a word of ASCII letters: two before it, not an escape's (`\tДані`,
/// `\fBНа`), or one after.
fn foreign_in_a_latin_word(text: &str, r: &Run) -> bool {
    let before = text.as_bytes().get(..r.range.start).unwrap_or(&[]);
    let letters = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let escaped = before.len() > letters && before[before.len() - letters - 1] == b'\\';
    let two_before = letters >= 2 && !escaped;
    let in_latin_word = (two_before || r.next.is_some_and(|c| c.is_ascii_alphabetic()))
        && r.chars.iter().any(|&c| {
            !matches!(
                score::script(c),
                score::Script::Latin | score::Script::Common
            )
        });
    // Or letters of two scripts side by side inside the run (`ÑтатуÑ`,
    // a Cyrillic word whose lost bytes a later pass meets).
    let mixed = r.chars.windows(2).any(|w| {
        let (a, b) = (score::script(w[0]), score::script(w[1]));
        a != b
            && a != score::Script::Common
            && b != score::Script::Common
            && score::is_alpha(w[0])
            && score::is_alpha(w[1])
    });
    in_latin_word || mixed
}

/// Whether every char `reading` takes into a gap is a letter (or a soft
/// hyphen): what correct words look like when read as cut sequences. A
/// gap that takes in punctuation (`â«` is ⏫ with 0x8F lost) is not.
fn gaps_cut_letters(r: &Run, reading: &detect::Reading) -> bool {
    let mut at = 0;
    reading.units.iter().all(|u| {
        let len = match u {
            detect::Unit::Keep(_) => 1,
            detect::Unit::Piece { len, .. } | detect::Unit::Gap { len, .. } => *len,
        };
        let chars = r.chars.get(at..at + len).unwrap_or(&[]);
        at += len;
        !matches!(u, detect::Unit::Gap { .. })
            || chars
                .iter()
                .all(|&c| score::is_alpha(c) || c == SOFT_HYPHEN)
    })
}

/// Rule 3: whether `reading` is one sequence cut short that only one
/// mark joining words fills, every other candidate a symbol: letters of
/// another script glued to a Latin word (`QozogвЂiston`, Uzbek's o‘
/// through windows-1251, whose one lost byte makes ‘ or ☀) are then no
/// look-alike word; the gap says which (see `dropped::only_joiner`).
fn fills_with_punctuation_alone(reading: &detect::Reading) -> bool {
    let [detect::Unit::Gap {
        lead,
        conts,
        replaced: 0,
        ..
    }] = reading.units.as_slice()
    else {
        return false;
    };
    dropped::only_joiner(&dropped::candidates(reading.page, *lead, conts)).is_some()
}

/// The soft hyphen: written inside words (`Contení\u{ad}u`), where it
/// splits no run of letters.
const SOFT_HYPHEN: char = '\u{ad}';

/// Whether `reading` keeps, outside every sequence, a letter the page
/// writes with a byte of its upper half.
fn keeps_a_page_letter(reading: &detect::Reading) -> bool {
    reading.kept > 0
        && reading.units.iter().any(|u| {
            matches!(u, detect::Unit::Keep(c)
                if score::kind(*c) == score::Kind::Letter
                    && reading.page.byte_of(*c).is_some_and(|b| b >= 0x80))
        })
}

/// Rule 2: whether one lead char between ASCII letters (`ë` in
/// `Hollandës`) was rebuilt, every continuation lost, into a char of a
/// script other than Latin (돍): the letter of the word it stands in is
/// far likelier than a syllable of another script inside a Latin word.
fn foreign_from_a_letter_in_a_word(rep: &Repair, r: &Run) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    r.chars.len() == 1
        && letter(r.prev)
        && letter(r.next)
        && rep.restored.iter().any(|x| {
            x.restored.len() + 1 == x.ch.len_utf8()
                && !matches!(
                    score::script(x.ch),
                    score::Script::Latin | score::Script::Common
                )
        })
}

/// Rule 2: whether the repair writes a Hangul syllable with a small ASCII
/// letter straight on each side (`Nda꾦a` for `NdaęžŚa` through
/// ISO-8859-2): Korean sets Latin words apart, or adds its particles
/// after them (`git을 `), while the letter the run spells through another
/// page (the saltillo ꞌ through windows-1250) stands inside them. Han and
/// kana do stand against Latin words (`在CASE语句`, `PKA情報`).
pub(super) fn syllable_inside_a_latin_word(rep: &Repair, r: &Run) -> bool {
    let small = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase());
    small(r.prev)
        && small(r.next)
        && rep
            .out
            .get(rep.changed.start.min(rep.out.len())..)
            .is_some_and(|out| out.iter().any(|&c| ('\u{AC00}'..='\u{D7A3}').contains(&c)))
}

/// Rule 1: whether a symbol page's reading of `r` could be a damaged
/// letter inside a word, so that local evidence may decide it (`√ò` in
/// `√òstkaribiske`, `…õ` in `Mputulug…õsi`): whole and right beside an
/// ASCII letter. A sequence led by a char that people write straight
/// before a letter (quotes, dashes, guillemets and the no-break space open
/// words: `«école»`), or box drawing beside box drawing (line art), needs
/// letters closing in on it from both sides (`Ekwat«ùr`, `Dah├│sikah`).
fn letters_in_a_word(r: &Run, reading: &detect::Reading) -> bool {
    if !reading.page.is_symbol_page() || !reading.is_whole() || reading.pieces == 0 {
        return false;
    }
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let (mut at, mut both_sides) = (0, false);
    for u in &reading.units {
        let detect::Unit::Piece { len, .. } = u else {
            return false;
        };
        let (Some(&lead), Some(&cont)) = (r.chars.get(at), r.chars.get(at + 1)) else {
            return false;
        };
        both_sides |= opens_words(lead) || (is_box_drawing(lead) && is_box_drawing(cont));
        at += len;
    }
    if both_sides {
        letter(r.prev) && letter(r.next)
    } else {
        letter(r.prev) || letter(r.next)
    }
}

/// Rule 4: whether the run is a word of its own, read whole into letters
/// of one script other than Latin, on a line whose other letters are
/// ASCII or of that script, three of them at least, and the run as
/// written holds none of it: one garbled word among correct ones
/// (Armenian է as `Õ§`, Yiddish די as `×“×™`). Text of another script
/// does not read into the line's own by chance.
fn is_a_word_of_the_lines_script(
    text: &str,
    r: &Run,
    reading: &detect::Reading,
    first: &Repair,
) -> bool {
    if !(reading.is_whole() && reading.gaps == 0 && stands_apart(r)) {
        return false;
    }
    let Some(&head) = first.out.first() else {
        return false;
    };
    let script = score::script(head);
    let of_script = |c: char| score::script(c) == script;
    if matches!(script, score::Script::Latin | score::Script::Common)
        || !first.out.iter().all(|&c| {
            matches!(score::kind(c), score::Kind::Letter | score::Kind::Mark) && of_script(c)
        })
        || r.chars.iter().any(|&c| of_script(c))
    {
        return false;
    }
    let (before, after) = rest_of_line(text, r);
    let mut own = 0;
    for c in before.chars().chain(after.chars()) {
        if c.is_ascii() || !score::is_alpha(c) {
            continue;
        }
        if !of_script(c) {
            return false;
        }
        own += 1;
    }
    own >= 3
}

/// Rules 1 and 4: whether the run is a capital of a script other than Latin
/// glued before a symbol, read whole into one Latin-1 symbol (the
/// sequence C2 xx: `В«` through windows-1251, `Β·` through windows-1253),
/// standing apart on a line of Latin words where every letter of that
/// script is such a capital before a symbol: no correct text writes a
/// Cyrillic or Greek capital so in Latin prose, and the symbol its page
/// makes of it is what the line had.
fn is_a_symbol_behind_a_foreign_capital(text: &str, r: &Run, first: &Repair) -> bool {
    let ([lead, _], [made]) = (r.chars.as_slice(), first.out.as_slice()) else {
        return false;
    };
    let script = score::script(*lead);
    if !(lead.is_uppercase()
        && !matches!(script, score::Script::Latin | score::Script::Common)
        && (0xA0..=0xBF).contains(&u32::from(*made))
        && stands_apart(r))
    {
        return false;
    }
    let line = text.get(context::line_around(text, &r.range)).unwrap_or("");
    let mut chars = line.chars().peekable();
    let mut latin = 0;
    while let Some(c) = chars.next() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if score::is_alpha(c) && score::script(c) == script {
            let next = chars.peek().copied();
            if !next.is_some_and(|n| !n.is_ascii() && !n.is_alphanumeric()) {
                return false;
            }
        }
    }
    latin >= 3
}

/// Rule 1: whether a symbol page reads the run, one sequence standing
/// apart in a line of Latin words, into a letter the line's language
/// writes often: a one-letter word (Corsican `è` as `├¿` through cp437,
/// `√®` through mac-roman). `∆°` in `angle ∆° small` reads as ơ, which
/// English does not write, and stays.
fn is_a_letter_word_of_the_line(
    text: &str,
    r: &Run,
    reading: &detect::Reading,
    first: &Repair,
) -> bool {
    let [c] = first.out.as_slice() else {
        return false;
    };
    if !(reading.is_whole()
        && reading.gaps == 0
        && r.chars.len() == 2
        && stands_apart(r)
        && score::is_alpha(*c)
        && score::script(*c) == score::Script::Latin)
    {
        return false;
    }
    let (before, after) = rest_of_line(text, r);
    let rest = format!("{before} {after}");
    let all_latin = rest
        .chars()
        .filter(|&c| score::is_alpha(c))
        .all(|c| score::script(c) == score::Script::Latin);
    all_latin
        && lang::members(lang::identify(&rest, code_pages()[0]))
            .any(|l| lang::is_everyday(l, *c, LETTER_WORD_COST))
}

/// How common, in half bits of -log2 p, a letter must be in the line's
/// language to stand as a word of its own there (2^-9: è in Italian and
/// Corsican is 2^-8.5; ñ is not an English letter at all).
const LETTER_WORD_COST: u32 = 18;

/// Rule 1: whether a reading of symbols on a page whose leads are letters
/// spells a word: three sequences or more, read wholly into letters and
/// marks only (Hebrew through windows-1252 is `×”×‘×™×¨×”`, every char a
/// symbol or punctuation). Symbol text never reads so by chance.
fn spells_a_word(reading: &detect::Reading, out: &[char]) -> bool {
    !reading.page.is_symbol_page()
        && reading.is_whole()
        && reading.gaps == 0
        && reading.pieces >= MIN_WORD_PIECES
        && out
            .iter()
            .all(|&c| matches!(score::kind(c), score::Kind::Letter | score::Kind::Mark))
        && everyday_letters(out)
}

/// Sequences a symbol reading must spell to be a word on its own.
const MIN_WORD_PIECES: usize = 3;

/// Punctuation written straight before a letter: opening and closing
/// quotes, guillemets, dashes, inverted marks.
fn opens_words(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '“' | '”' | '‘' | '’' | '‹' | '›' | '–' | '—' | '¿' | '¡' | '\u{a0}'
    )
}

/// Box drawing and block elements (what cp437's leads are).
fn is_box_drawing(c: char) -> bool {
    matches!(u32::from(c), 0x2500..=0x259F)
}

/// Rule 1: whether the run is a Greek letter with a sign of maths or
/// units after it, standing apart (`Δ±`, `β³`, `α, β…`): how notation is
/// written, so a page must repair another run of the note clearly to read
/// it (as it reads `Ξ±` for α in Greek garbled all through).
fn is_greek_notation(r: &Run) -> bool {
    matches!(r.chars.as_slice(), [l, s]
        if score::script(*l) == score::Script::Greek
            && score::is_alpha(*l)
            && matches!(s, '±' | 'µ' | '°' | '²' | '³' | '¹' | '·' | '×' | '÷' | '…' | '′' | '″'))
        && stands_apart(r)
}

/// Rule 1: whether the repair writes a digit of a script other than
/// Latin with neither a digit nor a char of its block beside it (٨ from
/// `ŁØ` through windows-1257, between Latin words or in a table of
/// letters): a script's digits stand in numbers and among its own words,
/// so a page must repair another run of the note clearly to read one.
/// Only two-byte digits (Arabic-Indic, NKo): two Latin-1 letters make one
/// by chance, where three chars making a whole three-byte sequence (`à¥©`
/// for Devanagari ३, `à³¯` for Kannada ೯) are mojibake however lone.
fn writes_a_lone_foreign_digit(rep: &Repair, r: &Run) -> bool {
    written_with_neighbours(rep, r).any(|(before, c, after)| {
        if c.len_utf8() > 2 {
            return false;
        }
        let kin = |n: Option<char>| {
            n.is_some_and(|n| {
                n.is_numeric() || (!n.is_ascii() && u32::from(n) >> 8 == u32::from(c) >> 8)
            })
        };
        is_script_digit(c) && !kin(before) && !kin(after)
    })
}

/// Where in `rep.out` the chars the repair wrote for the run's changed
/// part stand (the chars after it are kept as written).
fn written_range(rep: &Repair, r: &Run) -> std::ops::Range<usize> {
    let kept_after = r.chars.len().saturating_sub(rep.changed.end);
    rep.changed.start..rep.out.len().saturating_sub(kept_after)
}

/// Each char the repair wrote (see [`written_range`]), with the chars
/// before and after it in the repaired text, the run's neighbours at its
/// edges.
fn written_with_neighbours<'a>(
    rep: &'a Repair,
    r: &'a Run,
) -> impl Iterator<Item = (Option<char>, char, Option<char>)> + 'a {
    let out = &rep.out;
    written_range(rep, r).filter_map(move |i| {
        let before = i.checked_sub(1).map_or(r.prev, |j| out.get(j).copied());
        let after = out.get(i + 1).copied().or(r.next);
        Some((before, *out.get(i)?, after))
    })
}

/// Rule 2: whether the repair writes only symbols or rare combining marks
/// where the run wrote capitals alone, glued to an ASCII capital in a word
/// in capitals (`ÂŽ` as ® in `TAARBÂŽ`, `ÍŁ` as a combining a in
/// `HADIDOONÍŁÍJI`): the letters of the word, as likely as not, so a page
/// must repair another run of the note clearly to read them so. An
/// everyday accent stays a repair (`ETEМЃNI` for ETÉNI, decomposed).
/// Symbols standing apart (`ВЇ\_(гѓ„)_/ВЇ`, `Вѕ` through windows-1251)
/// are not asked.
fn symbol_inside_a_caps_word(rep: &Repair, r: &Run) -> bool {
    let written = rep.out.get(written_range(rep, r)).unwrap_or(&[]);
    let read = r.chars.get(rep.changed.clone()).unwrap_or(&[]);
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_uppercase());
    (glued(r.prev) || glued(r.next))
        && is_caps_word(r)
        && read.len() >= 2
        && read.iter().all(|&c| score::kind(c) == score::Kind::Letter)
        && !written.is_empty()
        && written.iter().all(|&c| match score::kind(c) {
            score::Kind::Symbol => true,
            score::Kind::Mark => !dropped::is_everyday_mark(c),
            _ => false,
        })
}

/// Rule 1: whether `r`'s line writes a letter `page` cannot write (ɔ
/// beside `ƒã` in Ewe, through mac-roman): text read through the page
/// holds only its chars, so the line is correct text, and a symbol page
/// reads its letters back by chance.
fn line_writes_beyond(text: &str, r: &Run, page: &CodePage) -> bool {
    let line = context::line_around(text, &r.range);
    text.get(line)
        .unwrap_or("")
        .chars()
        .any(|c| !c.is_ascii() && score::is_alpha(c) && page.byte_of(c).is_none())
}

/// Rule 2: whether the repair writes a symbol or an emoji (an arrow,
/// maths, box drawing, a dingbat) between two small letters where the run
/// wrote letters alone (`kuáskulâžžân`, Inari Sami, is no `kuáskul➞ân`
/// through windows-1250): no word holds one, so the letters are the
/// word's own.
fn symbol_between_small_letters(rep: &Repair, r: &Run) -> bool {
    let read = r.chars.get(rep.changed.clone()).unwrap_or(&[]);
    if !read.iter().all(|&c| score::kind(c) == score::Kind::Letter) {
        return false;
    }
    let small = |c: Option<char>| c.is_some_and(char::is_lowercase);
    written_with_neighbours(rep, r).any(|(before, c, after)| {
        matches!(score::kind(c), score::Kind::Symbol | score::Kind::Emoji)
            && small(before)
            && small(after)
    })
}

/// A digit of a script's own block (Arabic-Indic ٨, Devanagari ८, Thai ๘),
/// not a superscript, fraction or other number sign (`³`, `¾`, `Ⅷ`).
fn is_script_digit(c: char) -> bool {
    (0x0660..0x2000).contains(&u32::from(c)) && c.is_numeric()
}

/// Rule 1: whether the repair is a Tasks signifier on a task line or a
/// line with a date (`β³` is ⏳ through windows-1253 there).
fn signifier_on_a_task_line(text: &str, r: &Run, rep: &Repair) -> bool {
    let line = text.get(context::line_around(text, &r.range)).unwrap_or("");
    rep.out
        .get(rep.changed.start..)
        .is_some_and(|c| c.iter().any(|&c| dropped::is_signifier(c)))
        && (crate::note::task::is_task(line) || context::has_iso_date(line))
}

/// Rule 2: whether the repair takes away a degree sign written before a
/// temperature scale (`Δ°C`, a difference of degrees, reads through
/// windows-1253 as İC): that is a unit, whatever letter stands before it;
/// `Â°C` (° through windows-1252) keeps it and is repaired.
fn takes_a_units_degree(rep: &Repair, r: &Run) -> bool {
    r.chars.last() == Some(&'°')
        && matches!(r.next, Some('C' | 'F' | 'K'))
        && rep.out.last() != Some(&'°')
}

/// Rule 2: whether three units in a row are lead chars whose every
/// continuation was lost (two happen in real losses, three hardly).
fn lone_leads_in_a_row(reading: &detect::Reading) -> bool {
    reading
        .units
        .windows(3)
        .any(|w| w.iter().all(detect::Unit::is_lone_lead))
}

/// Rule 2: whether the run's letters and the ASCII letters around it are
/// all capitals.
fn is_caps_word(r: &Run) -> bool {
    let mut letters = r
        .chars
        .iter()
        .copied()
        .chain(r.prev)
        .chain(r.next)
        .filter(|&c| score::is_alpha(c))
        .peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Rule 1: whether the changed part of a repair is text a person writes:
/// letters that each stand beside another letter (a word, not `─┐` read as
/// `Ŀ`), or emoji and Tasks signifiers (an ordinal indicator after a
/// number, `9º`, `18.ª`, is no lone letter); punctuation alone (`¬´` as `«`) is
/// not. With `lone_ok` (other runs of the note read as that page's mojibake
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
        let ordinal = out.get(i).is_some_and(|&c| is_ordinal(c))
            && before.is_some_and(|c| c.is_ascii_digit() || *c == '.');
        is_letter(out.get(i)) && !is_letter(before) && !is_letter(after) && !ordinal
    });
    // Punctuation that joins the letters either side of it (`Dj·iboti`).
    let joins = (0..out.len()).any(|i| {
        let before = i.checked_sub(1).map_or(prev.as_ref(), |j| out.get(j));
        let after = out
            .get(i + 1)
            .or(next.as_ref().filter(|_| i + 1 == out.len()));
        matches!(out.get(i), Some('·' | '’' | 'ʼ')) && is_letter(before) && is_letter(after)
    });
    // Combining marks on the letter before them (`A╠▒pfwon` for A̱).
    let marks_a_letter = !changed.is_empty()
        && changed.iter().all(|&c| score::kind(c) == score::Kind::Mark)
        && is_letter(
            rep.changed
                .start
                .checked_sub(1)
                .map_or(prev.as_ref(), |i| out.get(i)),
        );
    lone_ok
        || marks_a_letter
        || !lone_letter
            && (joins
                || changed.iter().any(|&c| {
                    matches!(score::kind(c), score::Kind::Letter | score::Kind::Emoji)
                        || detect::is_known_symbol(c)
                }))
}

/// The ordinal indicators, written after a number (`1º`, `2.ª`).
fn is_ordinal(c: char) -> bool {
    matches!(c, 'ª' | 'º')
}

/// Rule 4: whether the repair is one ordinal indicator glued to the number
/// before it and ending its word (`Artigo 9ÂŞ` through windows-1250,
/// `30.Вє` through windows-1251): how Portuguese, Spanish, Galician and
/// Italian number things, while no alphabet writes its own two letters
/// after a digit so. The letter model cannot see the number: it may cost
/// a little (`WHOLE_NOTE_SLACK`).
fn ordinal_after_a_number(text: &str, r: &Run, rep: &Repair) -> bool {
    let [c] = rep.out.as_slice() else {
        return false;
    };
    let head = text.get(..r.range.start).unwrap_or("");
    let number = head.strip_suffix('.').unwrap_or(head);
    is_ordinal(*c)
        && number.ends_with(|d: char| d.is_ascii_digit())
        && !r.next.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::is_or_lowers_to;

    /// The class tables' lowercase answers as the standard library's does,
    /// for every char below U+50000 and sets that hold a char or its
    /// lowercase only.
    #[test]
    fn a_letter_or_its_lowercase_is_found_as_by_the_standard_library() {
        for u in 0..0x50000u32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let lower: Vec<char> = c.to_lowercase().collect();
            for has in [
                |l: char| u32::from(l) % 7 == 3,
                |l: char| l.is_lowercase() && u32::from(l) % 2 == 0,
            ] {
                let expected = has(c) || lower.iter().any(|&l| has(l));
                assert_eq!(is_or_lowers_to(c, has), expected, "U+{u:04X}");
            }
            let only_lower = |l: char| lower.contains(&l) && l != c;
            let expected = only_lower(c) || lower.iter().any(|&l| only_lower(l));
            assert_eq!(is_or_lowers_to(c, only_lower), expected, "U+{u:04X}");
        }
    }
}
