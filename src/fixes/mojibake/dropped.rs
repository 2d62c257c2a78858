//! Bytes a strict decoder dropped. When the wrong code page leaves a byte
//! undefined (0x8F in windows-1254), a strict decoder drops it and the
//! sequence it belonged to arrives short: `â«` is E2 AB, ⏫ is E2 8F AB.
//! The few undefined bytes of the page that complete a valid sequence are
//! the candidates; one is taken only when the context makes it clearly
//! right, otherwise the text stays and the fix says why.

use super::alphabets::Orthographies;
use super::common::{HAN, HANGUL, HANGUL_RANGE, HAN_RANGE};
use super::lang;
use super::marks;
use super::model::{self, Side};
use super::pages::{sequence_len, CodePage};
use super::score::{char_cost, kind, languages, script, Kind, Script, ASCII_LETTER};
pub use super::words::Affix;
use super::writing::{self, writing};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::thread::LocalKey;

/// The Obsidian Tasks signifiers (the task grammar's list).
pub use crate::note::task::SIGNIFIERS as TASKS_SIGNIFIERS;

/// The candidates of a gap that could stand in text (no controls, no rare
/// blocks): what a neighbouring gap may be, for the language model.
pub fn plausible_candidates(page: &CodePage, lead: u8, conts: &[u8]) -> Vec<char> {
    known_candidates(undefined_bits(page), lead, conts, true)
        .iter()
        .map(|&(c, _)| c)
        .collect()
}

/// [`plausible_candidates`] with the lost bytes of the pages in `mask` too
/// (bit `i` for `code_pages()[i]`): what any page that dropped bytes in the
/// note could have made of the sequence.
pub fn plausible_candidates_of(page: &CodePage, lead: u8, conts: &[u8], mask: u16) -> Vec<char> {
    let lost = super::tables::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .fold(0u64, |m, (_, p)| m | undefined_bits(p));
    known_candidates(undefined_bits(page) | lost, lead, conts, true)
        .iter()
        .map(|&(c, _)| c)
        .collect()
}

/// The one candidate that is a quote or a hyphen (‘ ’ “ ” ‐, what
/// stands against letters), when every other is a symbol or an emoji:
/// then the letter beside the gap tells.
pub fn only_joiner<T>(candidates: &[(char, T)]) -> Option<char> {
    let joins = |c: char| matches!(c, '\u{2010}' | '\u{2011}' | '\u{2018}'..='\u{201F}');
    let mut found = None;
    for &(c, _) in candidates {
        if joins(c) {
            if found.is_some() {
                return None;
            }
            found = Some(c);
        } else if !matches!(kind(c), Kind::Symbol | Kind::Emoji) {
            return None;
        }
    }
    found
}

/// The one hyphen or apostrophe among `candidates` when the gap stands
/// between two letters of an alphabet that writes no joiners, and no
/// other candidate could stand inside a word there (a letter, a mark).
/// A hyphen beside ‘ counts as the one: inside a word ‘ opens no quote
/// and stands in only for a letter (Uzbek's oʻ, the ʻokina) that has a
/// code point of its own, where a hyphen joins words in every alphabet.
/// Between two letters in the held-out lines of a hundred languages,
/// ‐ stood 953 times and ‘ 12.
fn only_inside_a_word<T>(candidates: &[(char, T)], cx: &GapContext) -> Option<char> {
    let (Some(before), Some(after)) = (cx.letter_before, cx.letter_after) else {
        return None;
    };
    let alphabet = |c: char| matches!(script(c), Script::Latin | Script::Greek | Script::Cyrillic);
    if !(alphabet(before) && alphabet(after)) {
        return None;
    }
    let mut inside = candidates
        .iter()
        .map(|(c, _)| *c)
        .filter(|&c| joins_a_word(c) || matches!(kind(c), Kind::Letter | Kind::Mark));
    let first = inside.next()?;
    match (first, inside.next(), inside.next()) {
        (c, None, _) => joins_a_word(c).then_some(c),
        (HYPHEN, Some('\u{2018}'), None) | ('\u{2018}', Some(HYPHEN), None) => Some(HYPHEN),
        _ => None,
    }
}

/// U+200D ZERO WIDTH JOINER.
const ZWJ: char = '\u{200D}';

/// Whether `c` is the virama of a Brahmic script of U+0900..U+0DFF: each
/// ISCII-laid-out block has it at 0x4D (् ্ ੍ ્ ୍ ் ్ ್ ്), Sinhala at
/// U+0DCA (්).
pub fn is_virama(c: char) -> bool {
    let u = u32::from(c);
    ((0x900..0xD80).contains(&u) && u & 0x7F == 0x4D) || u == 0xDCA
}

/// Whether `letter` after the virama `virama` is a letter of its block:
/// the place of a conjunct.
pub fn joins_a_conjunct(virama: char, letter: char) -> bool {
    is_virama(virama)
        && u32::from(virama) >> 7 == u32::from(letter) >> 7
        && kind(letter) == Kind::Letter
}

/// ZWJ where it is a candidate between a virama and a letter of its
/// script and the non-joiner (U+200C) is not: a joiner there asks for the
/// conjunct's other form (Sinhala's `ප්‍ර`, Malayalam's chillu before a
/// letter), and no space, quote, dash or mark of direction stands inside a
/// Brahmic word. Where both joiners are candidates the page lost either.
fn only_conjunct_joiner<T>(candidates: &[(char, T)], cx: &GapContext) -> Option<char> {
    let joiner = only_of(candidates, &[ZWJ, '\u{200C}']);
    (cx.after_virama && joiner == Some(ZWJ)).then_some(ZWJ)
}

/// A hyphen or an apostrophe: punctuation written inside a word (‐ ‑ ‘ ’).
pub fn joins_a_word(c: char) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}' | '\u{2018}' | '\u{2019}')
}

/// The one char of `wanted` among `candidates`, if exactly one is.
fn only_of<T>(candidates: &[(char, T)], wanted: &[char]) -> Option<char> {
    let mut found = candidates
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| wanted.contains(c));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// True for a Tasks signifier emoji.
pub fn is_signifier(c: char) -> bool {
    TASKS_SIGNIFIERS.contains(&c)
}

/// What is known around a short sequence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct GapContext {
    /// The line is a task (`- [ ]`), holds a date, or the note uses Tasks
    /// signifiers elsewhere.
    pub tasks: bool,
    /// A “ earlier on the line is still open.
    pub open_double: bool,
    /// A space, an opening bracket or the line's edge stands before the
    /// gap: a word may start with it.
    pub opens_a_word: bool,
    /// A closing ’ stands later on the line (see `LineState`).
    pub closed_after: bool,
    /// A „ earlier on the line is still open.
    pub open_low: bool,
    /// The closing double quote that stands later on the line, if any.
    pub double_after: Option<char>,
    /// A quote opened a word earlier on the line: “ or „ as repaired, an
    /// ASCII quote, or one garbled whole or cut short (`â€%s`): a closing
    /// quote may stand here.
    pub quote_may_be_open: bool,
    /// The gap opens its run after a word of two ASCII letters or more,
    /// and a space, a comma or a digit follows it: where a word ends with
    /// a hyphen whose other half the next word shares (`Fach‐ und`).
    pub ends_a_word: bool,
    /// The nearest letter before the gap (in the repaired text), if adjacent.
    pub letter_before: Option<char>,
    /// The nearest letter after the gap, if adjacent.
    pub letter_after: Option<char>,
    /// The gap stands apart: a space, an opening bracket or the line's
    /// edge before it, and a space, closing punctuation or the edge after.
    pub apart: bool,
    /// The languages (see [`languages`]) the note's repaired accented letters
    /// fit best; 0 when unknown.
    pub languages: u16,
    /// The undefined bytes (bit `b - 0x80`) of every page that reads the
    /// note as well as the best one; 0 when the note's page is unknown.
    /// Commonness only decides when the candidates of all of them leave one
    /// common char: a byte another page drops could have made a different
    /// common char.
    pub rival_undefined: u128,
    /// What the language model sees before the gap.
    pub before: Side,
    /// What the language model sees after the gap.
    pub after: Side,
    /// The note writes combining marks the model's word lists strip (Arabic
    /// harakat): a mark the model never saw may still be right.
    pub marks: bool,
    /// Every ideograph the note's page repairs is one the model's word lists
    /// show: the note is written in a standard they cover, and an ideograph
    /// they never show is a rarity. False when unknown, or when the note
    /// writes forms the lists lack (traditional Chinese): then an unseen
    /// ideograph may still be right.
    pub ideographs_known: bool,
    /// The languages the note is written in (see [`lang::identify`]): the
    /// gaps the mixed model leaves are judged in each of them. 0 when
    /// unknown.
    pub langs: u64,
    /// The ASCII letters of the word before the run (see [`Affix`]).
    pub head: Affix,
    /// The ASCII letters of the word after the run.
    pub tail: Affix,
    /// The model weighs Latin letters: only for gaps the word lists left
    /// open, their evidence being the firmer.
    pub latin: bool,
    /// A virama of a Brahmic script stands just before the gap and a letter
    /// of its script just after (see [`joins_a_conjunct`]).
    pub after_virama: bool,
    /// The run holds letters of a right-to-left script (Arabic, Hebrew).
    pub rtl: bool,
    /// The everyday combining marks (bits of `marks::EVERYDAY`) the note's
    /// precomposed Latin letters carry, written or repaired: the accents
    /// its orthography writes.
    pub accents: u16,
    /// The languages whose alphabets hold every letter the note writes or
    /// its page repairs (see [`alphabets`]); empty when unknown.
    pub orthographies: Orthographies,
}

/// A rebuilt char and the bytes that were restored for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebuilt {
    /// The char.
    pub ch: char,
    /// The restored (dropped) bytes.
    pub restored: Vec<u8>,
    /// Why this candidate and not the others.
    pub reason: &'static str,
}

impl Rebuilt {
    /// Whether the choice rests on the context alone (a signifier on a
    /// task line, a closing quote, the one letter of the word's script, the
    /// one candidate), not on how common the char is: what a gap a U+FFFD
    /// marks needs, since leaving the U+FFFD loses nothing more.
    pub fn is_certain(&self) -> bool {
        [
            SIGNIFIER_IN_TASKS,
            CLOSES_QUOTE,
            OPENS_QUOTE,
            CLOSES_LOW_QUOTE,
            OPENS_DOUBLE_QUOTE,
            ONLY_OF_SCRIPT,
            ONLY_CANDIDATE,
            ONLY_EMOJI,
            JOINS_A_CONJUNCT,
        ]
        .contains(&self.reason)
    }
}

const SIGNIFIER_IN_TASKS: &str = "a Tasks signifier in a Tasks context";
const CLOSES_QUOTE: &str = "it closes the “ opened before it";
const OPENS_QUOTE: &str = "it opens what the ’ after it closes";
const CLOSES_LOW_QUOTE: &str =
    "it closes the „ opened before it, the only closing quote among the candidates";
const OPENS_DOUBLE_QUOTE: &str =
    "it opens what the closing quote after it closes, the only opening quote among the candidates";
const ONLY_OF_SCRIPT: &str = "the only letter of the word's script";
const ONLY_OF_BLOCK: &str = "the only letter of the block of the word's letters";
const ONLY_CANDIDATE: &str = "the only candidate";
const ONLY_IN_PLACE: &str =
    "the only letter of the word's script that stands there (a final form only ends a word)";
const NO_MARK_STARTS_A_WORD: &str =
    "the only letter of the word's script that stands there (no combining mark starts a word)";
const EVERYDAY_MARK: &str = "the only everyday combining mark after a letter";
const ONLY_EMOJI: &str = "the only emoji among the candidates";
const RIGHT_TO_LEFT_MARK: &str = "a right-to-left mark between words of right-to-left text";
const JOINS_WORDS: &str = "the only candidate that stands against a letter; the others are symbols";
const JOINS_A_CONJUNCT: &str =
    "the zero-width joiner that shapes a conjunct between a virama and a letter";
const JOINS_LETTERS: &str =
    "the only candidate that stands between two letters; the others are spaces, quotes or format characters";

/// U+200F RIGHT-TO-LEFT MARK.
const RLM: char = '\u{200F}';
/// U+2010 HYPHEN.
const HYPHEN: char = '\u{2010}';
const ENDS_A_HALF_WORD: &str =
    "a hyphen ends the word before a space, and no quote is open for a ” to close";

/// The outcome of looking at one short sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// One candidate is clearly right.
    Rebuilt(Rebuilt),
    /// Several candidates and nothing to choose between them.
    Ambiguous(Vec<char>),
    /// No undefined byte completes the sequence.
    Impossible,
}

/// Every `(char, restored bytes)` that inserting undefined bytes of `page`
/// into `lead, conts...` makes a valid sequence of (up to three missing).
pub fn candidates(page: &CodePage, lead: u8, conts: &[u8]) -> Vec<(char, Vec<u8>)> {
    own_candidates(page, lead, conts)
        .into_iter()
        .map(|(c, lost)| (c, lost.to_vec()))
        .collect()
}

/// [`candidates`] with the restored bytes kept on the stack: a judgement
/// looks at dozens of candidates and rebuilds one.
fn own_candidates(page: &CodePage, lead: u8, conts: &[u8]) -> Vec<(char, Lost)> {
    known_candidates(undefined_bits(page), lead, conts, false).to_vec()
}

/// The undefined continuation bytes of `page`, bit `b - 0x80` each,
/// worked out once per page.
fn undefined_bits(page: &CodePage) -> u64 {
    static BITS: std::sync::OnceLock<[u64; super::tables::PAGES]> = std::sync::OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = [0u64; super::tables::PAGES];
        for (slot, p) in bits.iter_mut().zip(super::tables::ALL) {
            *slot = p
                .undefined_continuations()
                .fold(0u64, |m, b| m | 1 << (b - 0x80));
        }
        bits
    });
    match bits.get(page.index) {
        Some(&b) if std::ptr::eq(super::tables::ALL[page.index], page) => b,
        _ => page
            .undefined_continuations()
            .fold(0u64, |m, b| m | 1 << (b - 0x80)),
    }
}

/// Candidates by the lost bytes that make them (bit `b - 0x80` each),
/// the lead, the continuation bytes kept, and whether only plausible ones
/// are kept.
type CandidateKey = (u64, u8, [u8; 3], u8, bool);

/// The most lists of candidates kept: a note's gaps come from a few
/// sequences, judged over and over (by each page, each round, each word
/// a gap may be part of); past this the lists are worked out again.
const KEPT_CANDIDATES: usize = 4096;

/// The candidate lists kept, by [`CandidateKey`].
type KeptCandidates = std::collections::HashMap<CandidateKey, std::rc::Rc<[(char, Lost)]>>;

thread_local! {
    static CANDIDATES: std::cell::RefCell<KeptCandidates> = std::cell::RefCell::default();
}

/// [`candidates_with`] the bytes of `undefined` (bit `b - 0x80` each),
/// only the plausible ones when `plausible_only`; each list is worked out
/// once, since it depends on nothing else.
fn known_candidates(
    undefined: u64,
    lead: u8,
    conts: &[u8],
    plausible_only: bool,
) -> std::rc::Rc<[(char, Lost)]> {
    let work = || {
        let all = candidates_with(&Undefined::from_bits(undefined), lead, conts);
        let kept: std::rc::Rc<[(char, Lost)]> = if plausible_only {
            all.into_iter().filter(|(c, _)| plausible(*c)).collect()
        } else {
            all.into()
        };
        kept
    };
    let mut key_conts = [0u8; 3];
    let Some(slots) = key_conts.get_mut(..conts.len()) else {
        return work();
    };
    slots.copy_from_slice(conts);
    let key = (
        undefined,
        lead,
        key_conts,
        conts.len() as u8,
        plausible_only,
    );
    kept(&CANDIDATES, KEPT_CANDIDATES, key, work)
}

/// `work()`, kept in `cache` under `key` for the next caller that asks the
/// same; a cache that reaches `cap` entries starts over, so a long run of
/// distinct keys cannot grow it without bound.
fn kept<K: Eq + Hash, V: Clone, S: BuildHasher>(
    cache: &'static LocalKey<RefCell<HashMap<K, V, S>>>,
    cap: usize,
    key: K,
    work: impl FnOnce() -> V,
) -> V {
    if let Some(hit) = cache.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let value = work();
    cache.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= cap {
            m.clear();
        }
        m.insert(key, value.clone());
    });
    value
}

/// The bytes restored for a candidate (up to three), by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Lost {
    bytes: [u8; 3],
    len: u8,
}

impl Lost {
    fn to_vec(self) -> Vec<u8> {
        self.bytes[..usize::from(self.len)].to_vec()
    }
}

/// Undefined continuation bytes in ascending order, on the stack.
struct Undefined {
    bytes: [u8; 64],
    len: usize,
}

impl Undefined {
    /// The continuation bytes of `bits` (bit `b - 0x80`).
    fn from_bits(bits: u64) -> Undefined {
        let mut out = Undefined {
            bytes: [0; 64],
            len: 0,
        };
        for b in 0x80u8..=0xBF {
            if bits & (1 << (b - 0x80)) != 0 {
                out.bytes[out.len] = b;
                out.len += 1;
            }
        }
        out
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The candidates of every page that reads the note as well as `page`
/// (the lost bytes of `cx.rival_undefined` too); `None` when no such page
/// is known.
fn rival_candidates(
    page: &CodePage,
    lead: u8,
    conts: &[u8],
    cx: &GapContext,
) -> Option<Vec<(char, Lost)>> {
    // Only the continuation bytes' bits of the mask count (0x80..=0xBF).
    let rival = cx.rival_undefined as u64;
    (cx.rival_undefined != 0)
        .then(|| known_candidates(undefined_bits(page) | rival, lead, conts, false).to_vec())
}

/// The plausible candidates of every page that reads the note as well as
/// `page` (its own when none is known): what a word judged whole weighs.
pub fn field(page: &CodePage, lead: u8, conts: &[u8], cx: &GapContext) -> Vec<char> {
    let own = undefined_bits(page);
    let undefined = match cx.rival_undefined {
        0 => own,
        rival => own | rival as u64,
    };
    known_candidates(undefined, lead, conts, true)
        .iter()
        .map(|&(c, _)| c)
        .collect()
}

/// [`candidates`] with the lost bytes drawn from `undefined`.
fn candidates_with(undefined: &Undefined, lead: u8, conts: &[u8]) -> Vec<(char, Lost)> {
    let undefined = undefined.as_slice();
    let mut out = Vec::new();
    let Some(len) = sequence_len(lead) else {
        return out;
    };
    let missing = match (len - 1).checked_sub(conts.len()) {
        Some(m) if (1..=3).contains(&m) => m,
        _ => return out,
    };
    if undefined.is_empty() {
        return out;
    }
    // Every byte after the lead must be a continuation byte (the lost ones
    // are); then only the second byte can still make the sequence invalid
    // (an overlong form, a surrogate, beyond U+10FFFF).
    if conts.iter().any(|&b| b & 0xC0 != 0x80) {
        return out;
    }
    let (low, high) = match lead {
        0xE0 => (0xA0, 0xBF),
        0xED => (0x80, 0x9F),
        0xF0 => (0x90, 0xBF),
        0xF4 => (0x80, 0x8F),
        _ => (0x80, 0xBF),
    };
    let slots = len - 1;
    let shift = |slot: usize| 6 * (slots - 1 - slot) as u32;
    let lead_bits = (u32::from(lead) & (0x7F >> len)) << (6 * slots as u32);
    let mut one = Vec::new();
    // Each mask with `missing` bits set marks the slots of the lost bytes.
    for mask in 0u32..(1 << slots) {
        if mask.count_ones() as usize != missing {
            continue;
        }
        // The bytes that survived, in the other slots.
        let (mut fixed, mut lost_slots, mut lost) = (lead_bits, [0usize; 3], 0);
        let mut present = conts.iter();
        let mut second_ok = true;
        for slot in 0..slots {
            if mask & (1 << slot) != 0 {
                lost_slots[lost] = slot;
                lost += 1;
            } else if let Some(&b) = present.next() {
                fixed |= u32::from(b & 0x3F) << shift(slot);
                second_ok &= slot != 0 || (low..=high).contains(&b);
            }
        }
        if !second_ok {
            continue;
        }
        let lost_slots = &lost_slots[..missing];
        // The lost bytes counted like the digits of a number, the first
        // the most significant; `undefined` ascends, so the sequences, and
        // so the chars, come in ascending order and no sort is needed.
        one.clear();
        let mut picks = [0usize; 3];
        'combos: loop {
            let mut u = fixed;
            let mut restored = [0u8; 3];
            let mut valid = true;
            for (k, &slot) in lost_slots.iter().enumerate() {
                let b = undefined[picks[k]];
                restored[k] = b;
                u |= u32::from(b & 0x3F) << shift(slot);
                valid &= slot != 0 || (low..=high).contains(&b);
            }
            if let Some(c) = char::from_u32(u).filter(|_| valid) {
                one.push((
                    c,
                    Lost {
                        bytes: restored,
                        len: missing as u8,
                    },
                ));
            }
            // The next combination: the last digit first.
            for k in (0..missing).rev() {
                picks[k] += 1;
                if picks[k] < undefined.len() {
                    continue 'combos;
                }
                picks[k] = 0;
            }
            break;
        }
        out = merge_first(out, &one);
    }
    out
}

/// The union of two lists of candidates in ascending order, one entry per
/// char: `first`'s where both make it (the first way of making it).
fn merge_first(first: Vec<(char, Lost)>, then: &[(char, Lost)]) -> Vec<(char, Lost)> {
    if first.is_empty() {
        return then.to_vec();
    }
    let mut out = Vec::with_capacity(first.len() + then.len());
    let mut b = then.iter().peekable();
    for a in first {
        while let Some(&&x) = b.peek().filter(|x| x.0 <= a.0) {
            if x.0 < a.0 {
                out.push(x);
            }
            b.next();
        }
        out.push(a);
    }
    out.extend(b);
    out
}

/// Chars shown as emoji by default (Unicode's Emoji_Presentation), as ranges.
fn is_emoji_presentation(c: char) -> bool {
    const RANGES: &[(u32, u32)] = &[
        (0x231A, 0x231B),
        (0x23E9, 0x23EC),
        (0x23F0, 0x23F0),
        (0x23F3, 0x23F3),
        (0x25FD, 0x25FE),
        (0x2614, 0x2615),
        (0x2648, 0x2653),
        (0x267F, 0x267F),
        (0x2693, 0x2693),
        (0x26A1, 0x26A1),
        (0x26AA, 0x26AB),
        (0x26BD, 0x26BE),
        (0x26C4, 0x26C5),
        (0x26CE, 0x26CE),
        (0x26D4, 0x26D4),
        (0x26EA, 0x26EA),
        (0x26F2, 0x26F3),
        (0x26F5, 0x26F5),
        (0x26FA, 0x26FA),
        (0x26FD, 0x26FD),
        (0x2705, 0x2705),
        (0x270A, 0x270B),
        (0x2728, 0x2728),
        (0x274C, 0x274C),
        (0x274E, 0x274E),
        (0x2753, 0x2755),
        (0x2757, 0x2757),
        (0x2795, 0x2797),
        (0x27B0, 0x27B0),
        (0x27BF, 0x27BF),
        (0x2B1B, 0x2B1C),
        (0x2B50, 0x2B50),
        (0x2B55, 0x2B55),
        (0x1F004, 0x1F004),
        (0x1F0CF, 0x1F0CF),
        (0x1F18E, 0x1F18E),
        (0x1F191, 0x1F19A),
        (0x1F1E6, 0x1F1FF),
        (0x1F201, 0x1F201),
        (0x1F21A, 0x1F21A),
        (0x1F22F, 0x1F22F),
        (0x1F232, 0x1F236),
        (0x1F238, 0x1F23A),
        (0x1F250, 0x1F251),
        (0x1F300, 0x1F320),
        (0x1F32D, 0x1F335),
        (0x1F337, 0x1F37C),
        (0x1F37E, 0x1F393),
        (0x1F3A0, 0x1F3CA),
        (0x1F3CF, 0x1F3D3),
        (0x1F3E0, 0x1F3F0),
        (0x1F3F4, 0x1F3F4),
        (0x1F3F8, 0x1F43E),
        (0x1F440, 0x1F440),
        (0x1F442, 0x1F4FC),
        (0x1F4FF, 0x1F53D),
        (0x1F54B, 0x1F54E),
        (0x1F550, 0x1F567),
        (0x1F57A, 0x1F57A),
        (0x1F595, 0x1F596),
        (0x1F5A4, 0x1F5A4),
        (0x1F5FB, 0x1F64F),
        (0x1F680, 0x1F6C5),
        (0x1F6CC, 0x1F6CC),
        (0x1F6D0, 0x1F6D2),
        (0x1F6D5, 0x1F6D7),
        (0x1F6DC, 0x1F6DF),
        (0x1F6EB, 0x1F6EC),
        (0x1F6F4, 0x1F6FC),
        (0x1F7E0, 0x1F7EB),
        (0x1F7F0, 0x1F7F0),
        (0x1F90C, 0x1F93A),
        (0x1F93C, 0x1F945),
        (0x1F947, 0x1F9FF),
        (0x1FA70, 0x1FAFF),
    ];
    let u = u32::from(c);
    RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// Inside a word the next letter tells the case (a capital is followed by
/// lowercase only at the start of a word); at the end, the letter before.
fn case_fits(c: char, cx: &GapContext) -> bool {
    match (cx.letter_before, cx.letter_after) {
        (_, Some(a)) if a.is_lowercase() => !c.is_uppercase() || cx.letter_before.is_none(),
        (_, Some(a)) if a.is_uppercase() => !c.is_lowercase(),
        (Some(b), None) if b.is_lowercase() => !c.is_uppercase(),
        _ => true,
    }
}

/// Hebrew writes its final forms (ך ם ן ף ץ) only at a word's end, and the
/// shin and sin dots only on ש: neither fits elsewhere.
fn hebrew_fits(c: char, cx: &GapContext) -> bool {
    let hebrew_after = cx.letter_after.is_some_and(|a| script(a) == Script::Hebrew);
    match c {
        'ך' | 'ם' | 'ן' | 'ף' | 'ץ' => !hebrew_after,
        '\u{5C1}' | '\u{5C2}' => cx.letter_before == Some('ש'),
        _ => true,
    }
}

/// Whether the national character sets list `c`: an ideograph of GB2312,
/// JIS X 0208, KS X 1001 or Big5 level 1, a Hangul syllable of KS X 1001.
/// Those sets hold the characters people write; the rest of the two blocks
/// is rare. Every other char counts as listed.
pub fn is_listed(c: char) -> bool {
    let u = u32::from(c);
    let bit = |bits: &[u8], lo: u32| {
        bits.get(((u - lo) >> 3) as usize)
            .is_some_and(|b| b & (1 << ((u - lo) & 7)) != 0)
    };
    if (HAN_RANGE.0..=HAN_RANGE.1).contains(&u) {
        bit(&HAN, HAN_RANGE.0)
    } else if (HANGUL_RANGE.0..=HANGUL_RANGE.1).contains(&u) {
        bit(&HANGUL, HANGUL_RANGE.0)
    } else {
        true
    }
}

/// A Han ideograph (the unified blocks and extension A).
pub fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn plausible(c: char) -> bool {
    !matches!(kind(c), Kind::Control) && char_cost(c) <= 3 && !is_styled_letter(c)
        || is_rare_script_letter(c)
}

/// One of the combining marks orthographies write every day (accents,
/// tones, stress; see `marks::EVERYDAY`).
pub fn is_everyday_mark(c: char) -> bool {
    marks::everyday_bit(c) != 0
}

/// How much commoner, in half bits of the model's unigrams, the commonest
/// of several everyday marks must be than each other: 2^(MARK_MARGIN/2)
/// times.
const MARK_MARGIN: u32 = 2;

const NOTE_WRITES_MARK: &str =
    "of the everyday combining marks after a Latin letter, the one the note's other letters carry";

const COMMONEST_MARK: &str =
    "of the everyday combining marks after a letter, the one written far most often";

/// The one of several everyday combining marks the model's unigrams find
/// commonest by [`MARK_MARGIN`] (a mark its word lists never write counts
/// as rarer than any they do); None when two are about as common.
fn commonest_mark(marks: &[char]) -> Option<char> {
    if marks.len() < 2 {
        return None;
    }
    let mut costs: Vec<(u32, char)> = marks
        .iter()
        .map(|&m| (model::unigram(m).unwrap_or(u32::MAX), m))
        .collect();
    costs.sort_unstable();
    match costs[..] {
        [(best, c), (second, _), ..] if best.saturating_add(MARK_MARGIN) <= second => Some(c),
        _ => None,
    }
}

/// Whether `a` and `b` are of one 128-char block.
fn same_block(a: char, b: char) -> bool {
    u32::from(a) >> 7 == u32::from(b) >> 7
}

/// A maths alphanumeric (𝑛, 𝐀): a styled letter for formulas, which a
/// lost byte makes of the letters of scripts beyond the BMP (Shavian 𐑛 and
/// 𝑛 differ in one byte a page leaves undefined). Text writes the letters.
fn is_styled_letter(c: char) -> bool {
    matches!(u32::from(c), 0x1D400..=0x1D7FF)
}

/// A letter of a script beyond the BMP its block's commonness counts as
/// rare (Adlam, Osage, Deseret, Shavian: rare in notes at large, but the
/// everyday letters of their own texts): a candidate the word's other
/// letters decide (see `fits` in [`judge`]). In the BMP such letters
/// (Samaritan, Mandaic) stay out: as candidates beside Indic gaps they
/// only crowd the neighbours' choices.
fn is_rare_script_letter(c: char) -> bool {
    kind(c) == Kind::Letter && char_cost(c) == 4 && u32::from(c) > 0xFFFF
}

/// What a judgement depends on: the page's lost bytes (bit `b - 0x80`
/// each), the lead, the continuation bytes kept and how many, and the
/// context.
type VerdictKey = (u64, u8, [u8; 3], u8, GapContext);

/// The most verdicts kept: notes repeat their sequences in the same
/// contexts (the same words, the same task lines), one note after
/// another; past this the verdicts are worked out again.
const KEPT_VERDICTS: usize = 4096;

thread_local! {
    static VERDICTS: std::cell::RefCell<super::repeat::RunMap<VerdictKey, Verdict>> =
        std::cell::RefCell::default();
}

/// Picks the clear winner among the candidates for one short sequence.
/// A verdict depends on nothing but its key (see [`VerdictKey`]): each is
/// worked out once and kept, for this note and the next.
pub fn judge(page: &CodePage, lead: u8, conts: &[u8], cx: &GapContext) -> Verdict {
    let undefined = undefined_bits(page);
    let mut key_conts = [0u8; 3];
    let Some(slots) = key_conts.get_mut(..conts.len()) else {
        return judge_afresh(page, lead, conts, cx);
    };
    slots.copy_from_slice(conts);
    let key = (undefined, lead, key_conts, conts.len() as u8, *cx);
    kept(&VERDICTS, KEPT_VERDICTS, key, || {
        judge_afresh(page, lead, conts, cx)
    })
}

/// [`judge`] without the verdicts kept.
fn judge_afresh(page: &CodePage, lead: u8, conts: &[u8], cx: &GapContext) -> Verdict {
    let all = known_candidates(undefined_bits(page), lead, conts, true);
    let pick = |c: char, reason: &'static str| {
        all.iter().find(|(o, _)| *o == c).map(|(ch, restored)| {
            Verdict::Rebuilt(Rebuilt {
                ch: *ch,
                restored: restored.to_vec(),
                reason,
            })
        })
    };
    if all.is_empty() {
        return Verdict::Impossible;
    }
    // The rival pages' candidates, worked out once when first needed.
    let rivals_once = std::cell::OnceCell::new();
    let rivals = || {
        rivals_once
            .get_or_init(|| rival_candidates(page, lead, conts, cx))
            .as_deref()
    };
    // Commonness decides only with the note's page known, and among the
    // candidates every page that reads the note as well could have made.
    let common_only = |c: char, rare: &dyn Fn(char) -> bool| {
        rivals().is_some_and(|rivals| {
            rivals
                .iter()
                .all(|&(o, _)| o == c || !plausible(o) || rare(o))
        })
    };
    // A Tasks signifier among symbols: clear on a task line or in a note
    // that uses them, or when every other candidate is a rarity.
    let signifiers = Among::of(&all, is_signifier);
    let emoji = Among::of(&all, is_emoji_presentation);
    if let Among::One(only) = signifiers {
        let others_rare = all
            .iter()
            .all(|&(c, _)| c == only || (char_cost(c) >= 1 && kind(c) != Kind::Letter));
        let letter_next = cx.letter_before.is_some() || cx.letter_after.is_some();
        if (cx.tasks || others_rare) && !letter_next {
            return pick(only, SIGNIFIER_IN_TASKS).unwrap_or(Verdict::Impossible);
        }
        // The only candidate drawn as an emoji by default: the others are text
        // symbols nobody types between spaces.
        if emoji == Among::One(only) && !letter_next {
            return pick(only, ONLY_EMOJI).unwrap_or(Verdict::Impossible);
        }
    }
    // Between spaces, the one candidate drawn as an emoji by default; not
    // inside a kaomoji or a pile of symbols (`⌣)❎`, `¢❎?`).
    if let Among::One(only) = emoji {
        if cx.apart && signifiers == Among::None {
            return pick(only, ONLY_EMOJI).unwrap_or(Verdict::Impossible);
        }
    }
    // Between a virama and a letter of its script, the joiner.
    if let Some(c) = only_conjunct_joiner(&all, cx) {
        return pick(c, JOINS_A_CONJUNCT).unwrap_or(Verdict::Impossible);
    }
    // Against a letter, the one quote or hyphen among symbols (‘ or ☀
    // for `вЂ` through windows-1251): a symbol touches no letter.
    if cx.letter_before.is_some() || cx.letter_after.is_some() {
        if let Some(c) = only_joiner(&all) {
            return pick(c, JOINS_WORDS).unwrap_or(Verdict::Impossible);
        }
    }
    // Between two letters of an alphabet that writes no joiners (Latin,
    // Greek, Cyrillic), a space, a quote or a format char stands in no
    // word: the one hyphen or apostrophe that does joins them (`să‐i`,
    // Romanian, through windows-1252, whose other candidates are ” and
    // format chars).
    if let Some(c) = only_inside_a_word(&all, cx) {
        return pick(c, JOINS_LETTERS).unwrap_or(Verdict::Impossible);
    }
    // A closing quote for an open one.
    if cx.open_double && all.iter().any(|(c, _)| *c == '”') {
        return pick('”', CLOSES_QUOTE).unwrap_or(Verdict::Impossible);
    }
    // An opening single quote for a closing one later on the line, where
    // a word starts (`вЂ%sвЂ™` through windows-1251, whose one lost byte
    // makes ‘ or ☀).
    if cx.closed_after && cx.opens_a_word && all.iter().any(|(c, _)| *c == '‘') {
        return pick('‘', OPENS_QUOTE).unwrap_or(Verdict::Impossible);
    }
    // A „ open: “ (German) or ” (Polish) closes it, whichever the
    // page may have lost.
    if cx.open_low && !cx.open_double && cx.letter_after.is_none() {
        if let Some(c) = only_of(&all, &['“', '”']) {
            return pick(c, CLOSES_LOW_QUOTE).unwrap_or(Verdict::Impossible);
        }
    }
    // An opening double quote for a closing one later on the line: „
    // before “, “ or „ before ”, where a word starts (not after a
    // virama, where a lost joiner stands: `ධ්‍ය`).
    if let (Some(close), true) = (cx.double_after, cx.opens_a_word) {
        let openers: &[char] = if close == '“' {
            &['„']
        } else {
            &['“', '„']
        };
        if let Some(c) = only_of(&all, openers) {
            return pick(c, OPENS_DOUBLE_QUOTE).unwrap_or(Verdict::Impossible);
        }
    }
    // Between words of right-to-left text: the right-to-left mark that
    // keeps punctuation on its side (`،‏ ` in Persian lists), not a quote
    // nothing opened or a joiner with no letters to join.
    if cx.rtl && cx.letter_before.is_none() && cx.letter_after.is_none() {
        if let Some(&(c, _)) = all.iter().find(|(c, _)| *c == RLM) {
            return pick(c, RIGHT_TO_LEFT_MARK).unwrap_or(Verdict::Impossible);
        }
    }
    // At the end of a word of ASCII letters, before a space, a comma or a
    // digit, where no quote opened on the line for a ” to close: the
    // hyphen of a word whose other half the next shares (`Fach‐ und`,
    // `le‐13`), when it is the one hyphen or apostrophe and no other
    // candidate is a letter, a mark or a char drawn as an emoji (but
    // quotes, spaces, format chars and text symbols, which no word ends
    // with). Only after ASCII letters: Nenets and Nganasan write ” as a
    // letter after Cyrillic ones.
    if cx.ends_a_word && !cx.quote_may_be_open {
        let joiners = Among::of(&all, joins_a_word);
        let no_word_char = all.iter().all(|&(c, _)| {
            !matches!(kind(c), Kind::Letter | Kind::Mark) && !is_emoji_presentation(c)
        });
        if joiners == Among::One(HYPHEN) && no_word_char {
            return pick(HYPHEN, ENDS_A_HALF_WORD).unwrap_or(Verdict::Impossible);
        }
    }
    // Inside a word: the letters of the word's script and case.
    let near = cx.letter_before.or(cx.letter_after);
    // A combining mark goes on the char before it: after a space,
    // punctuation or the line's start none stands (ف, not a haraka, starts
    // the word).
    let mark_fits = |c: char| kind(c) != Kind::Mark || !cx.before.is_boundary();
    if let Some(n) = near {
        let want = script(n);
        let mut fits: Vec<char> = all
            .iter()
            .map(|(c, _)| *c)
            .filter(|&c| own_letter(n, c))
            // As everyday as the word's own letter (Ethiopic beside
            // Ethiopic); in a rarer script, of the letter's own block, or
            // of its script where its ranges are known.
            .filter(|&c| {
                char_cost(c) == 0
                    || (char_cost(c) <= char_cost(n) && (same_block(c, n) || writing::is_listed(c)))
            })
            .filter(|&c| want != Script::Latin || case_fits(c, cx))
            .filter(|&c| want != Script::Hebrew || hebrew_fits(c, cx))
            .collect();
        // A mark left out for its place: rare text writes one after a
        // space (Mazanderani's ezafe, ` ِتبدیل`), so the letter left is not
        // certain enough for a U+FFFD.
        let unplaced_mark = fits.iter().any(|&c| !mark_fits(c))
            || (cx.marks
                && all.iter().any(|&(c, _)| {
                    kind(c) == Kind::Mark && !mark_fits(c) && u32::from(c) >> 7 == u32::from(n) >> 7
                }));
        fits.retain(|&c| mark_fits(c));
        // In a script of several blocks (Ethiopic, Canadian syllabics, Yi)
        // a letter a block away from its neighbour is as likely as one of
        // the neighbour's own block: ክ stands beside በ in `ኡዝበክኛ`, a block
        // from it, and ር of በ's block would be a guess.
        // Indic viramas and some vowel signs are not alphabetic: an everyday
        // sign of the neighbour's block competes with the letters, and so
        // does a combining mark when the note writes them (Arabic harakat),
        // of the neighbour's script where its block is another (a kasra
        // after Persian ک or گ, of U+0680..U+06FF).
        let block_sign = all.iter().any(|&(c, _)| {
            (same_block(c, n) || (kind(c) == Kind::Mark && script(c) == want))
                && hebrew_fits(c, cx)
                // Not a code point the block leaves unassigned (U+05CD).
                && kind(c) != Kind::Symbol
                && !fits.contains(&c)
                && (char_cost(c) == 0 || (cx.marks && kind(c) == Kind::Mark))
                && mark_fits(c)
                && !c.is_ascii()
        });
        // CJK text has no spaces: its everyday punctuation (、 。 ，)
        // stands between letters as often as a letter does.
        let cjk_punct = want == Script::Cjk
            && all
                .iter()
                .any(|&(c, _)| kind(c) == Kind::Punct && char_cost(c) == 0);
        let block_sign = block_sign || cjk_punct;
        // A Hebrew final form ruled out by its place: the letters another
        // page that reads the note as well would have made must be ruled
        // out too, and the choice is not certain enough for a U+FFFD.
        let placed = want == Script::Hebrew
            && all
                .iter()
                .any(|&(c, _)| !hebrew_fits(c, cx) && kind(c) == Kind::Letter);
        let rival_letter = placed
            && rivals().is_some_and(|rivals| {
                rivals.iter().any(|&(o, _)| {
                    !fits.contains(&o)
                        && kind(o) == Kind::Letter
                        && script(o) == want
                        && hebrew_fits(o, cx)
                })
            });
        // A Latin letter of a living orthography left out as rarer than
        // the word's own (ǝ of Cameroon's languages, ǁ of Khoekhoe, beside
        // ǐ of pinyin): rare in most notes, everyday in its own, so the one
        // left is no certainty, unless the note's repaired letters show its
        // language (pinyin's ǎ and ǒ).
        let living_rival = want == Script::Latin
            && fits.len() == 1
            && !fits.iter().all(|&c| {
                let of = languages(c);
                of != ASCII_LETTER && of & cx.languages != 0
            })
            && all.iter().any(|&(o, _)| {
                !fits.contains(&o)
                    && kind(o) == Kind::Letter
                    && char_cost(o) == 1
                    && script(o) == Script::Latin
                    && case_fits(o, cx)
            });
        if let ([only], false, false, false) = (&fits[..], block_sign, rival_letter, living_rival) {
            // Where other letters were left out as rarer or of another
            // block, that judgement is not certain enough for a U+FFFD.
            let rival = all
                .iter()
                .any(|&(o, _)| o != *only && script(o) != Script::Common);
            let reason = if placed {
                ONLY_IN_PLACE
            } else if unplaced_mark {
                NO_MARK_STARTS_A_WORD
            } else if char_cost(*only) == 0 || !rival {
                ONLY_OF_SCRIPT
            } else {
                ONLY_OF_BLOCK
            };
            return pick(*only, reason).unwrap_or(Verdict::Impossible);
        }
        // After a letter, with no letter of its script to compete: the
        // one everyday combining mark (the acute of a stress mark or a
        // tone), the others being marks hardly any orthography writes.
        if fits.is_empty() && cx.letter_before.is_some() {
            let marks: Vec<char> = all
                .iter()
                .map(|(c, _)| *c)
                .filter(|&c| is_everyday_mark(c))
                .collect();
            let others_rare = all
                .iter()
                .all(|&(c, _)| is_everyday_mark(c) || kind(c) == Kind::Mark || char_cost(c) > 0);
            if let ([only], true) = (&marks[..], others_rare) {
                return pick(*only, EVERYDAY_MARK).unwrap_or(Verdict::Impossible);
            }
            // Several after a Latin letter: the one the note's other
            // letters carry (the tilde of `sẽn` where it writes `wã`, the
            // diaeresis of `thɛ̈ɛ̈k` where it writes `ë`).
            let latin = cx.letter_before.is_some_and(|b| script(b) == Script::Latin);
            let accented = Among::of(&all, |m| marks::everyday_bit(m) & cx.accents != 0);
            if let (Among::One(c), true, true) = (accented, others_rare, latin) {
                return pick(c, NOTE_WRITES_MARK).unwrap_or(Verdict::Impossible);
            }
            // Several: after a letter of a cased alphabet, the one the
            // word lists write far most often (the acute of tone and
            // stress marks, over the tilde, diaeresis and caron).
            let cased = cx
                .letter_before
                .is_some_and(|b| b.is_lowercase() || b.is_uppercase());
            if let (Some(c), true, true) = (commonest_mark(&marks), others_rare, cased) {
                return pick(c, COMMONEST_MARK).unwrap_or(Verdict::Impossible);
            }
        }
        // Several ideographs or syllables: the one the national character
        // sets list.
        if want == Script::Cjk && fits.len() > 1 && !cjk_punct {
            let listed: Vec<char> = fits.iter().copied().filter(|&c| is_listed(c)).collect();
            let unlisted = |o: char| {
                script(o) != want || char_cost(o) > 0 || !is_listed(o) || kind(o) != Kind::Letter
            };
            if let [only] = listed[..] {
                if common_only(only, &unlisted) {
                    return pick(only, "the only one a national character set lists")
                        .unwrap_or(Verdict::Impossible);
                }
            }
        }
        // Several letters: the one the note's language writes.
        if want == Script::Latin && cx.languages != 0 && fits.len() > 1 {
            let spoken: Vec<char> = fits
                .iter()
                .copied()
                .filter(|&c| languages(c) != ASCII_LETTER && languages(c) & cx.languages != 0)
                .collect();
            if let [only] = spoken[..] {
                return pick(only, "the only letter of the note's language")
                    .unwrap_or(Verdict::Impossible);
            }
        }
    } else {
        // Between spaces or punctuation: the only candidate that is not a letter
        // of some script, when there is exactly one everyday symbol.
        let everyday = Among::of(&all, |c| char_cost(c) == 0 && kind(c) != Kind::Letter);
        if let (Among::One(only), 1) = (everyday, all.len()) {
            return pick(only, ONLY_CANDIDATE).unwrap_or(Verdict::Impossible);
        }
        // No letter beside it (lost bytes in a row): the only everyday letter
        // when every other candidate is a rarity (a rare block, a letter no
        // national character set lists).
        let rare = |c: char| char_cost(c) >= 1 || (kind(c) == Kind::Letter && !is_listed(c));
        let letters = Among::of(&all, |c| kind(c) == Kind::Letter && !rare(c));
        if let Among::One(only) = letters {
            if all.iter().all(|&(c, _)| c == only || rare(c)) && common_only(only, &rare) {
                return pick(only, "the only everyday letter among rarities")
                    .unwrap_or(Verdict::Impossible);
            }
        }
    }
    if all.len() == 1 {
        if let Some((c, _)) = all.first() {
            // A combining mark goes on a letter of any script (Osage
            // writes U+0358 on its own letters).
            let mark_on_a_letter = kind(*c) == Kind::Mark && cx.letter_before.is_some();
            if near.is_none_or(|n| writing(n) == writing(*c)) || mark_on_a_letter {
                return pick(*c, ONLY_CANDIDATE).unwrap_or(Verdict::Impossible);
            }
        }
    }
    if let Some(c) = likeliest(cx, &all, rivals()).filter(|&c| !unwritten(c, cx)) {
        return pick(c, LIKELIER).unwrap_or(Verdict::Impossible);
    }
    if let Some(c) = in_the_language(cx, &all, rivals()).filter(|&c| !unwritten(c, cx)) {
        return pick(c, IN_THE_LANGUAGE).unwrap_or(Verdict::Impossible);
    }
    if let Some(c) = only_of_its_orthographies(rivals().unwrap_or(&all), cx) {
        return pick(c, OF_ITS_ORTHOGRAPHIES).unwrap_or(Verdict::Impossible);
    }
    Verdict::Ambiguous(all.iter().map(|&(c, _)| c).collect())
}

/// Whether `c` is a letter no orthography the note may be in writes (see
/// [`alphabets`]), where those are known: no pick of the models, which a
/// model of the wrong language makes among its own letters (Hungarian's Ő
/// for the Ł of a Navajo word whose ʼ no Hungarian note writes), nor of
/// gaps judged together. Over five held-out draws this left 68 fewer lines
/// with a wrong guess, and 4 fewer right.
fn unwritten(c: char, cx: &GapContext) -> bool {
    !cx.orthographies.is_empty() && matches!(kind(c), Kind::Letter) && !cx.orthographies.write(c)
}

const OF_ITS_ORTHOGRAPHIES: &str =
    "the only candidate an alphabet that holds the note's other letters writes";

/// Among the candidates of every page that reads the note as well
/// (`field`), the one that a language the note may be written in writes
/// as its own letter (see [`alphabets`]), where the models have no word on
/// it: every other candidate a letter none of those languages writes or a
/// rarity of a symbol, and the one a letter of the writing system of the
/// letter beside the gap. Not for a capital: capitals open names, which a
/// note writes in their own language's letters (the Ł of Łukasz in a note
/// whose other letters are Turkish). Not for Arabic letters, nor Cyrillic
/// ones but where the note's letters name one alphabet alone, which dozens
/// of languages CLDR lacks write with letters of their own: over four
/// held-out draws the alphabets there took more gaps wrong than right, but
/// for those notes (Abkhaz, Azerbaijani, Church Slavonic: 8 more lines
/// right over five draws, none wrong). Nor for ideographs, whose languages
/// the data leaves out.
fn only_of_its_orthographies<T>(field: &[(char, T)], cx: &GapContext) -> Option<char> {
    let near = cx.letter_before.or(cx.letter_after)?;
    if cx.orthographies.is_empty() {
        return None;
    }
    let mut only = None;
    for &(c, _) in field {
        let fits = if matches!(kind(c), Kind::Letter | Kind::Mark) {
            cx.orthographies.write(c) && case_fits(c, cx)
        } else {
            char_cost(c) == 0
        };
        if fits {
            if only.is_some() {
                return None;
            }
            only = Some(c);
        }
    }
    only.filter(|&c| {
        own_letter(near, c)
            && !c.is_uppercase()
            && !matches!(script(c), Script::Arabic | Script::Cjk)
            && (script(c) != Script::Cyrillic || cx.orthographies.len() == 1)
    })
}

/// How many candidates pass a test, as far as a judgement asks: none,
/// one (which), or more. Counted in place, where a list of them was made
/// on every judgement only to be matched against one char.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Among {
    None,
    One(char),
    Several,
}

impl Among {
    /// The candidates of `all` that `test` holds for.
    fn of(all: &[(char, Lost)], test: impl Fn(char) -> bool) -> Among {
        let mut found = Among::None;
        for &(c, _) in all {
            if test(c) {
                found = match found {
                    Among::None => Among::One(c),
                    _ => return Among::Several,
                };
            }
        }
        found
    }
}

/// Why a gap is rebuilt where the model finds one candidate far likelier.
pub const LIKELIER: &str = "its neighbours make it far likelier than the others";

const IN_THE_LANGUAGE: &str =
    "in the note's language its neighbours make it far likelier than the others";

/// A letter of a cased alphabet (Latin, Cyrillic, Greek, Armenian), of
/// Arabic, or a Thai consonant or vowel letter (not its vowel signs and
/// tone marks, which stand after any consonant): letters a language's
/// trigrams tell apart.
fn is_alphabet_letter(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || script(c) == Script::Arabic
        || (script(c) == Script::Thai && kind(c) == Kind::Letter)
}

/// How much likelier, in half bits, the winner must be than the runner-up
/// in the note's language (see [`in_the_language`]): 2^(LANG_MARGIN/2)
/// times.
const LANG_MARGIN: u32 = 12;

/// The margin when the runner-up is an everyday letter of the language
/// (see [`lang::is_everyday`]): three chars of context rarely tell two
/// common letters apart (ψευ- or ρευ-, поштою or постою).
const LANG_MARGIN_EVERYDAY: u32 = 30;

/// [`LANG_MARGIN_EVERYDAY`] for a winner of `c`'s script. Arabic writes
/// its short vowels rarely and its letters' trigrams are firm within one
/// language: over the held-out lines half the margin filled more gaps,
/// with no wrong guess added over the corpus. Cyrillic's are as firm at a
/// word's edge, where one neighbour is all the mixed model has (я, not с,
/// ending `Албания`; с opening `статус`): half the margin there made 32
/// more gaps right and 8 wrong over three held-out draws, and none wrong
/// over the garbled corpus. Between letters it took ш for с
/// (`постою` for поштою) and stays whole.
fn lang_margin_everyday(c: char, cx: &GapContext) -> u32 {
    match script(c) {
        Script::Arabic => LANG_MARGIN_EVERYDAY / 2 + 1,
        Script::Cyrillic if !(cx.before.is_letter() && cx.after.is_letter()) => {
            LANG_MARGIN_EVERYDAY / 2 + 1
        }
        _ => LANG_MARGIN_EVERYDAY,
    }
}

/// The unigram cost, in half bits, at or under which a letter is an
/// everyday one of a language.
const LANG_EVERYDAY: u32 = 20;

/// The candidate the note's own language (each of them, when it reads
/// like several) finds far likelier than every other between its
/// neighbours (see [`lang::cost`]), counting the candidates of every page
/// that reads the note as well. None when the language is unknown, a
/// candidate is an everyday symbol beside a boundary, or no neighbour is
/// known.
fn in_the_language(
    cx: &GapContext,
    all: &[(char, Lost)],
    rivals: Option<&[(char, Lost)]>,
) -> Option<char> {
    if cx.langs == 0 {
        return None;
    }
    let (b, nb) = cx.before.known();
    let (a, na) = cx.after.known();
    if nb == 0 && na == 0 {
        return None;
    }
    let (before, after) = (&b[..nb], &a[..na]);
    let field = rivals.unwrap_or(all);
    let near = cx.letter_before.or(cx.letter_after);
    let inside_word = cx.before.is_letter() && cx.after.is_letter();
    let mut weighed = Vec::with_capacity(field.len());
    for &(c, _) in field {
        if !plausible(c) {
            continue;
        }
        // Letters, marks, and the viramas and vowel signs of Indic
        // scripts, which the word lists write inside words.
        if matches!(kind(c), Kind::Letter | Kind::Mark) || lang::in_words(c) {
            // A letter of another script inside a word is a rarity, and
            // so is a capital inside one (Č and č weigh alike in the
            // language).
            if near.is_some_and(|n| writing(n) != writing(c) && script(c) != Script::Common)
                || !case_fits(c, cx)
            {
                continue;
            }
            weighed.push(c);
        } else if !inside_word && char_cost(c) == 0 {
            // An everyday symbol beside a boundary: no judgement.
            return None;
        }
    }
    // Alphabets only: in an abugida a vowel sign and the virama both stand
    // after any consonant, and over the corpus the language's trigrams
    // took the wrong one in loanwords (वैरिएबल).
    if !weighed.iter().all(|&c| is_alphabet_letter(c)) {
        return None;
    }
    // Marks the note writes but the word lists strip (Arabic harakat) cost
    // a language only its floor: a letter beating them must then rest on
    // trigrams the language keeps, not on floors of its own. Elsewhere a
    // trigram not kept is itself evidence: the kept ones hold all but a
    // few percent of a language's trigrams, and a real but rare one (a
    // cluster of a loanword or a name) must not veto с against я.
    let unweighed_marks = cx.marks && weighed.iter().any(|&c| kind(c) == Kind::Mark);
    let mut verdict = None;
    for l in lang::members(cx.langs) {
        let mut best: Option<(u32, char, bool)> = None;
        // The runner-up's cost and char.
        let mut second: (u32, Option<char>) = (u32::MAX, None);
        for &c in &weighed {
            let (cost, attested) = lang::cost(l, before, c, after)?;
            match best {
                Some((b, _, _)) if cost >= b => {
                    if cost < second.0 {
                        second = (cost, Some(c));
                    }
                }
                _ => {
                    if let Some((b, bc, _)) = best {
                        if b < second.0 {
                            second = (b, Some(bc));
                        }
                    }
                    best = Some((cost, c, attested));
                }
            }
        }
        let (cost, c, attested) = best?;
        let margin = match second.1 {
            Some(r) if lang::is_everyday(l, r, LANG_EVERYDAY) => lang_margin_everyday(c, cx),
            _ => LANG_MARGIN,
        };
        if (!attested && unweighed_marks)
            || cost.saturating_add(margin) > second.0
            || verdict.is_some_and(|v| v != c)
        {
            return None;
        }
        verdict = Some(c);
    }
    verdict.filter(|c| all.iter().any(|(o, _)| o == c))
}

/// How much likelier, in half bits of the language model, the winner must
/// be than the runner-up: 2^(MARGIN/2) times.
const MARGIN: u32 = 8;

/// The margin when the runner-up is itself an everyday char (하 against 형,
/// ف against و, ト against ボ) and the winner is not [`well_attested`]: two
/// or three chars of context rarely tell two common letters apart, and over
/// the garbled corpus a 16x margin took the wrong one more often than
/// leaving the gap did. 2^18 times.
const MARGIN_EVERYDAY: u32 = 36;

/// [`MARGIN_EVERYDAY`] for a winner of `c`'s script between two letters.
/// Cyrillic writes its vowels and Arabic its consonants and long vowels
/// from a few dozen letters whose pairs the model keeps densely: there a
/// third of the margin filled more gaps over the held-out lines and the
/// corpus with no wrong guess added; Hebrew and Greek under half. In the
/// Brahmic scripts a smaller margin took vowel signs for viramas over the
/// corpus. At a word's edge one neighbour says too little (ноябрь or
/// ноябру, א or ט before יחוד): the everyday margin holds. Between
/// ideographs, kana or Hangul a margin 4 half bits smaller (2^16 times):
/// Chinese, Japanese and Korean words are a few chars each, so two everyday
/// ones are told apart by their pairs (き of 書き込む, 发 of 发布); over
/// five held-out draws it made 79 more such gaps right and 1 wrong. Half
/// the margin made about 125 right and 3 wrong there, but took 员 for the
/// 向 of 逆向工程 (员工 is a word across the two), 来 for 接 and 또 for the
/// 되 of 대체되는 in the round trip and the benchmark notes.
fn margin_everyday(c: char, cx: &GapContext) -> u32 {
    if !(cx.before.is_letter() && cx.after.is_letter()) {
        return MARGIN_EVERYDAY;
    }
    match script(c) {
        Script::Cyrillic | Script::Arabic => MARGIN_EVERYDAY / 3,
        Script::Hebrew | Script::Greek => MARGIN_EVERYDAY / 2 - 2,
        Script::Cjk => MARGIN_EVERYDAY - 4,
        _ => MARGIN_EVERYDAY,
    }
}

/// The margin against an everyday runner-up for a letter that starts a
/// word and is [`starts_word`]: the two letters after it are firm evidence
/// (с, not э or я, before нимок). 2^8 times. At a word's end the letter
/// before says less (я or с after ле), and the everyday margin holds: over
/// the garbled corpus a smaller margin there took the wrong one.
const MARGIN_WORD_START: u32 = 16;

/// Whether `c` would start a word: a letter of a cased alphabet after a
/// boundary and before a letter, the model keeping its pairs with both.
fn starts_word(c: char, cx: &GapContext) -> bool {
    (c.is_lowercase() || c.is_uppercase())
        && cx.before.is_definite()
        && !cx.before.is_letter()
        && cx.after.is_letter()
        && model::attested(&cx.before, c, &cx.after)
}

/// Whether the model's verdict on `c` rests on firm evidence: `c` is a
/// letter of a cased alphabet (Latin, Cyrillic, Greek: written vowels, a
/// few dozen letters whose pairs the model keeps densely), inside a word
/// (letters on both sides, not one side a boundary), and the model kept its
/// pair with each neighbour rather than backing off to unigrams. Elsewhere
/// (abjads, abugidas, kana, Hangul, word edges) two everyday letters were
/// told apart wrongly too often for the plain margin.
fn well_attested(c: char, cx: &GapContext) -> bool {
    attested_between(c, &cx.before, &cx.after)
}

/// [`well_attested`] between `before` and `after`.
fn attested_between(c: char, before: &Side, after: &Side) -> bool {
    (c.is_lowercase() || c.is_uppercase())
        && before.is_letter()
        && after.is_letter()
        && model::attested(before, c, after)
}

/// What the language model can say about one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    /// A rarity (by its block, unlisted, never seen where the model knows
    /// its block): out of the running.
    Skip,
    /// A char the model cannot weigh (an everyday symbol beside a boundary,
    /// a script its word lists lack, a mark it strips): no judgement.
    Unknown,
    /// A char the model knows.
    Known,
}

/// How the model can weigh candidate `c` in the note `cx` describes;
/// `inside_word` when both neighbours are letters (or unknown).
fn weigh(c: char, cx: &GapContext, inside_word: bool) -> Weight {
    if !plausible(c) {
        return Weight::Skip;
    }
    // A rarity by its block, or an ideograph no national set lists.
    let rare = char_cost(c) > 0 || (script(c) == Script::Cjk && !is_listed(c));
    // Marks the note writes but the word lists strip: the model
    // underrates them.
    if cx.marks && kind(c) == Kind::Mark {
        return Weight::Unknown;
    }
    // Everyday punctuation beside a boundary (or between ideographs): the
    // word lists split words there, so even one the model saw is underrated.
    if kind(c) == Kind::Punct && char_cost(c) == 0 && !inside_word {
        return Weight::Unknown;
    }
    let known = model::unigram(c).is_some();
    let covered = model::covers_block(c) && (cx.latin || !model::is_latin(c));
    let letter = matches!(kind(c), Kind::Letter | Kind::Mark) || known;
    match known {
        // A sign never seen in words: a rarity (or unassigned) in a
        // script the model knows; elsewhere (” ！) an everyday symbol
        // beside a boundary is as likely as a letter and cannot be weighed.
        false if !letter => {
            // Everyday punctuation and digits of a script's block (، ٪
            // ٩) are not letters the model missed: beside a boundary
            // they are as likely as a letter.
            let everyday = matches!(kind(c), Kind::Punct | Kind::Plain);
            if (covered && !everyday) || inside_word || char_cost(c) > 0 {
                Weight::Skip
            } else {
                Weight::Unknown
            }
        }
        // Ideographs, kana and Hangul: the word lists hold the everyday
        // ones. An unseen ideograph the national sets list may still be
        // right when the note writes forms the lists lack (they lean to
        // simplified Chinese); kana and Hangul syllables they never show
        // are rarities.
        true if script(c) == Script::Cjk => Weight::Known,
        false if script(c) == Script::Cjk => {
            if rare || !is_ideograph(c) || cx.ideographs_known {
                Weight::Skip
            } else {
                Weight::Unknown
            }
        }
        // A script the word lists lack (Thai, Malayalam): no judgement.
        _ if !rare && !covered => Weight::Unknown,
        true => Weight::Known,
        // A letter never seen, where the model knows its block: a rarity.
        false => Weight::Skip,
    }
}

/// Whether `c` is a letter (or mark) of the writing system of `n`, the
/// letter beside the gap: one the word itself could hold.
fn own_letter(n: char, c: char) -> bool {
    matches!(kind(c), Kind::Letter | Kind::Mark) && writing(c) == writing(n)
}

/// The most combinations of candidates a stretch of gaps judged together
/// may have: beyond it the stretch stays (the search must stay cheap).
pub const MAX_COMBINATIONS: usize = 256;

/// Judges a stretch of consecutive gaps (`lead`, `conts` each) together,
/// none of which is clear on its own: every combination of the candidates
/// the model can weigh is scored as one window with the known chars around
/// it (`left` and `right`: the nearest char and the one beyond it, if
/// known), and a gap is rebuilt with its char in the likeliest combination
/// when every combination with another char there is far less likely (the
/// margins of [`likeliest`]). Each gap judged alone sees its neighbour only
/// as a set of candidates, which flatters every candidate (с, э and я
/// beside с, э and я).
pub fn judge_jointly(
    page: &CodePage,
    gaps: &[(u8, &[u8])],
    left: (char, Option<char>),
    right: (char, Option<char>),
    cx: &GapContext,
) -> Vec<Option<Rebuilt>> {
    let n = gaps.len();
    let mut out = vec![None; n];
    let boundary = |c: char| if model::is_wordlike(c) { c } else { ' ' };
    let (left_near, right_near) = (boundary(left.0), boundary(right.0));
    // Per gap: the page's own candidates, and those the model weighs.
    let mut own = Vec::with_capacity(n);
    let mut fields: Vec<Vec<char>> = Vec::with_capacity(n);
    let mut combinations = 1usize;
    for &(lead, conts) in gaps {
        let mine: Vec<(char, Lost)> =
            known_candidates(undefined_bits(page), lead, conts, true).to_vec();
        let field = rival_candidates(page, lead, conts, cx).unwrap_or_else(|| mine.clone());
        let mut weighed = Vec::with_capacity(field.len());
        for (c, _) in field {
            // Everyday punctuation stands between ideographs (、 ，) and
            // beside a gap nothing shows a word around it: the model cannot
            // weigh it, so the stretch stays.
            match weigh(c, cx, false) {
                Weight::Skip => {}
                Weight::Unknown => return out,
                Weight::Known => weighed.push(c),
            }
        }
        combinations = combinations.saturating_mul(weighed.len());
        if combinations == 0 || combinations > MAX_COMBINATIONS {
            return out;
        }
        own.push(mine);
        fields.push(weighed);
    }
    // The window: the known chars each side (not across a word boundary).
    let mut window = Vec::with_capacity(n + 4);
    if left_near != ' ' {
        window.extend(left.1.map(boundary));
    }
    window.push(left_near);
    let first = window.len();
    window.extend(fields.iter().map(|f| f[0]));
    window.push(right_near);
    if right_near != ' ' {
        window.extend(right.1.map(boundary));
    }
    let mut costs = Vec::with_capacity(combinations);
    for combination in 0..combinations {
        let mut rest = combination;
        for (i, field) in fields.iter().enumerate() {
            window[first + i] = field[rest % field.len()];
            rest /= field.len();
        }
        costs.push(model::window_cost(&window).unwrap_or(u32::MAX));
    }
    let pick = |combination: usize, i: usize| {
        let below: usize = fields[..i].iter().map(Vec::len).product();
        fields[i][(combination / below) % fields[i].len()]
    };
    let Some((best, &cost)) = costs.iter().enumerate().min_by_key(|&(_, &c)| c) else {
        return out;
    };
    if cost == u32::MAX {
        return out;
    }
    for (i, slot) in out.iter_mut().enumerate() {
        let c = pick(best, i);
        // The likeliest combination with another char here.
        let runner = (0..combinations)
            .filter(|&k| pick(k, i) != c)
            .min_by_key(|&k| costs[k]);
        let near = |j: Option<usize>, edge: char| j.map_or(edge, |j| pick(best, j));
        let before = Side::one(near(i.checked_sub(1), left_near));
        let after = Side::one(near((i + 1 < n).then_some(i + 1), right_near));
        let clear = match runner {
            None => true,
            Some(k) if model::is_everyday(pick(k, i)) && !attested_between(c, &before, &after) => {
                cost.saturating_add(MARGIN_EVERYDAY) <= costs[k]
            }
            Some(k) => cost.saturating_add(MARGIN) <= costs[k],
        };
        if !clear || unwritten(c, cx) {
            continue;
        }
        *slot = own[i].iter().find(|(o, _)| *o == c).map(|(ch, restored)| Rebuilt {
            ch: *ch,
            restored: restored.to_vec(),
            reason: "its neighbours and the lost bytes beside it make it far likelier than the others",
        });
    }
    out
}

/// The candidate the language model finds far likelier than every other
/// between its neighbours, counting the candidates of every page that reads
/// the note as well. None when a candidate is an everyday symbol the model
/// cannot weigh, or a letter of a script its word lists lack.
fn likeliest(
    cx: &GapContext,
    all: &[(char, Lost)],
    rivals: Option<&[(char, Lost)]>,
) -> Option<char> {
    // Both neighbours must be known chars: beside another gap the model
    // pairs each candidate with whichever of that gap's candidates suits it
    // best, which flatters every candidate and makes the margin meaningless.
    if !(cx.before.is_definite() && cx.after.is_definite()) {
        return None;
    }
    let field = rivals.unwrap_or(all);
    // Between letters a symbol is a rarity; beside a boundary an everyday
    // one (” ‐ ٪) is as likely as a letter and the model cannot weigh it.
    // Between ideographs, kana or Hangul there are no spaces: punctuation
    // (、 。) stands between letters there.
    let cjk = |side: &Side| side.any(|n| script(n) == Script::Cjk);
    let inside_word = (cx.before.is_letter() || cx.before.is_unknown())
        && (cx.after.is_letter() || cx.after.is_unknown())
        && !(cjk(&cx.before) || cjk(&cx.after));
    let near = cx.letter_before.or(cx.letter_after);
    let mut best: Option<(u32, char)> = None;
    // The runner-up's cost and char.
    let mut second: (u32, Option<char>) = (u32::MAX, None);
    for &(c, _) in field {
        // A capital between small letters is no rival (Č beside č).
        if !case_fits(c, cx) {
            continue;
        }
        match weigh(c, cx, inside_word) {
            // In a word of an alphabet or syllabary whose block the model
            // does not know (Ethiopic ዝ), a letter of that script is no
            // rarity (ክ): the model cannot weigh the gap, and Georgian ლ,
            // which it knows, would win by default. (Ideographs, kana and
            // Hangul it knows by the char, not by the block: see `weigh`.)
            Weight::Skip
                if near.is_some_and(|n| {
                    script(n) != Script::Cjk && !model::covers_block(n) && own_letter(n, c)
                }) =>
            {
                return None
            }
            Weight::Skip => continue,
            Weight::Unknown => return None,
            Weight::Known => {}
        }
        let Some(cost) = model::cost(&cx.before, c, &cx.after) else {
            continue;
        };
        match best {
            Some((b, _)) if cost >= b => {
                if cost < second.0 {
                    second = (cost, Some(c));
                }
            }
            _ => {
                if let Some((b, bc)) = best {
                    if b < second.0 {
                        second = (b, Some(bc));
                    }
                }
                best = Some((cost, c));
            }
        }
    }
    let (cost, c) = best?;
    let clear = match second {
        (_, None) => true,
        (s, Some(r)) if model::is_everyday(r) && !well_attested(c, cx) => {
            let margin = if starts_word(c, cx) {
                MARGIN_WORD_START
            } else {
                margin_everyday(c, cx)
            };
            cost + margin <= s
        }
        (s, Some(_)) => cost + MARGIN <= s,
    };
    (clear && all.iter().any(|(o, _)| *o == c)).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::super::tables::{WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1254};
    use super::super::tests::fix;
    use super::*;

    #[test]
    fn gaps_judged_together_get_no_letter_the_notes_orthographies_lack() {
        // `бэс` through windows-1252: э (D1 8D) and с (D1 81) each lose
        // their last byte. Judged together the model takes я for э, a
        // letter a note that writes Sakha's ө, ү, ҥ and һ never writes.
        let gaps: [(u8, &[u8]); 2] = [(0xD1, &[]), (0xD1, &[])];
        let judged = |written: &str| {
            let cx = GapContext {
                orthographies: Orthographies::of(written.chars()),
                letter_before: Some('б'),
                ..Default::default()
            };
            judge_jointly(
                &WINDOWS_1252,
                &gaps,
                ('б', Some(' ')),
                (' ', Some('ы')),
                &cx,
            )
            .into_iter()
            .map(|r| r.map(|r| r.ch))
            .collect::<Vec<_>>()
        };
        assert_eq!(judged("")[0], Some('я'));
        assert_ne!(judged("өүҥһ")[0], Some('я'));
    }

    #[test]
    fn the_notes_orthographies_fill_no_capital() {
        // Ł, ō, ŏ, Ő, ŝ: what `Å` and a lost byte of windows-1252 leave.
        let field: Vec<(char, ())> = "ŁōŏŐŝ".chars().map(|c| (c, ())).collect();
        let cx = |written: &str, before: Option<char>| GapContext {
            orthographies: Orthographies::of(written.chars()),
            letter_before: before,
            letter_after: Some('u'),
            ..Default::default()
        };
        // After a letter, ō is the one a Hawaiian note's alphabets write.
        assert_eq!(
            only_of_its_orthographies(&field, &cx("āʻ", Some('m'))),
            Some('ō')
        );
        // Of ł or Ł and ƍ, which no alphabet writes, a Polish note's
        // alphabets write the letter; but a capital opens a name, which any
        // note may quote in another language's letters.
        let small: Vec<(char, ())> = vec![('ł', ()), ('ƍ', ())];
        let capital: Vec<(char, ())> = vec![('Ł', ()), ('ƍ', ())];
        assert_eq!(
            only_of_its_orthographies(&small, &cx("łż", Some('a'))),
            Some('ł')
        );
        assert_eq!(only_of_its_orthographies(&capital, &cx("łż", None)), None);
        // Nothing is known of a note no alphabet holds.
        assert_eq!(only_of_its_orthographies(&field, &cx("ƍ", Some('m'))), None);
    }

    #[test]
    fn candidates_agree_with_the_validator() {
        use super::super::pages::decode_sequence;
        // Every way of putting the lost bytes in, decoded by the validator,
        // the first way of making each char kept: what the search must give.
        let brute = |undefined: &[u8], lead: u8, conts: &[u8]| {
            let len = sequence_len(lead).unwrap_or(0);
            let missing = (len.max(1) - 1).saturating_sub(conts.len());
            let mut out: Vec<(char, Lost)> = Vec::new();
            if !(1..=3).contains(&missing) || len - 1 < conts.len() {
                return out;
            }
            for mask in (0u32..1 << (len - 1)).filter(|m| m.count_ones() as usize == missing) {
                for combo in 0..undefined.len().pow(missing as u32) {
                    let (mut seq, mut lost, mut pick) = (
                        vec![lead],
                        Lost {
                            bytes: [0; 3],
                            len: 0,
                        },
                        combo,
                    );
                    let mut present = conts.iter();
                    for slot in 0..len - 1 {
                        if mask & (1 << slot) != 0 {
                            let b = undefined[pick % undefined.len()];
                            pick /= undefined.len();
                            lost.bytes[usize::from(lost.len)] = b;
                            lost.len += 1;
                            seq.push(b);
                        } else if let Some(&b) = present.next() {
                            seq.push(b);
                        }
                    }
                    if let Some(c) = decode_sequence(&seq) {
                        out.push((c, lost));
                    }
                }
            }
            out.sort_by_key(|(c, _)| *c);
            out.dedup_by_key(|(c, _)| *c);
            out
        };
        // A page's own lost bytes, and every continuation byte lost.
        for mask in [0, u64::MAX] {
            let undefined = Undefined::from_bits(undefined_bits(&WINDOWS_1252) | mask);
            let undefined = undefined.as_slice();
            let near: Vec<u8> = (0x7E..=0xC1).collect();
            for lead in 0x7Eu8..=0xFF {
                let all = Undefined::from_bits(undefined_bits(&WINDOWS_1252) | mask);
                assert_eq!(
                    candidates_with(&all, lead, &[]),
                    brute(undefined, lead, &[])
                );
                // Every byte lost after a lead of four: the case above is enough.
                if lead >= 0xF0 && mask != 0 {
                    continue;
                }
                for &a in &near {
                    assert_eq!(
                        candidates_with(&all, lead, &[a]),
                        brute(undefined, lead, &[a])
                    );
                    if lead >= 0xF0 && mask == 0 {
                        for &b in &near {
                            let conts = [a, b];
                            assert_eq!(
                                candidates_with(&all, lead, &conts),
                                brute(undefined, lead, &conts),
                                "{lead:x} {conts:x?}"
                            );
                        }
                    }
                }
            }
        }
    }

    fn rebuilt(v: Verdict) -> Option<char> {
        match v {
            Verdict::Rebuilt(r) => Some(r.ch),
            _ => None,
        }
    }

    #[test]
    fn high_priority_on_a_task_line() {
        let cands: Vec<char> = candidates(&WINDOWS_1254, 0xE2, &[0xAB])
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert!(cands.contains(&'⏫') && cands.len() > 3, "{cands:?}");
        let cx = GapContext {
            tasks: true,
            ..Default::default()
        };
        let v = judge(&WINDOWS_1254, 0xE2, &[0xAB], &cx);
        match v {
            Verdict::Rebuilt(r) => assert_eq!((r.ch, r.restored), ('⏫', vec![0x8F])),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn closing_quote_only_after_an_opening_one() {
        let open = GapContext {
            open_double: true,
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xE2, &[0x80], &open)),
            Some('”')
        );
        let plain = GapContext::default();
        assert!(matches!(
            judge(&WINDOWS_1252, 0xE2, &[0x80], &plain),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn a_letter_of_the_word_when_only_one_fits() {
        // И (D0 98) loses its 0x98 in windows-1251; the only candidate.
        let cx = GapContext {
            letter_after: Some('з'),
            ..Default::default()
        };
        assert_eq!(rebuilt(judge(&WINDOWS_1251, 0xD0, &[], &cx)), Some('И'));
        // Ã alone in windows-1252: Á Í Ï Ð Ý are all Latin capitals.
        let cx = GapContext {
            letter_after: Some('N'),
            ..Default::default()
        };
        assert!(matches!(
            judge(&WINDOWS_1252, 0xC3, &[], &cx),
            Verdict::Ambiguous(_)
        ));
    }

    /// Bit `b - 0x80` for each undefined byte of `page`.
    fn mask(page: &CodePage) -> u128 {
        page.undefined_continuations()
            .fold(0, |m, b| m | 1 << (b - 0x80))
    }

    #[test]
    fn national_character_sets() {
        assert!(is_listed('中') && is_listed('가') && is_listed('の') && is_listed('é'));
        assert!(!is_listed('\u{3400}') && !is_listed('갃') && !is_listed('읥'));
    }

    #[test]
    fn the_only_everyday_letter_among_rarities() {
        // さ (E3 81 95) loses its 0x81 in windows-1252; the other candidates
        // are compatibility squares and rare ideographs. With no letter
        // beside it (its neighbour lost a byte too) it is still clear.
        let cx = GapContext {
            rival_undefined: mask(&WINDOWS_1252),
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xE3, &[0x95], &cx)),
            Some('さ')
        );
        // Without the note's page known, commonness does not decide.
        assert!(matches!(
            judge(&WINDOWS_1252, 0xE3, &[0x95], &GapContext::default()),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn commonness_counts_the_candidates_of_every_rival_page() {
        // ì¥ after 가: through windows-1252 only 쥐 (EC A5 90) is a common
        // syllable, but windows-1254 reads such a note as well and drops
        // 0x9E too, which makes 장 (EC 9E A5): no clear winner.
        let only_1252 = GapContext {
            letter_before: Some('가'),
            rival_undefined: mask(&WINDOWS_1252),
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xEC, &[0xA5], &only_1252)),
            Some('쥐')
        );
        let both = GapContext {
            rival_undefined: mask(&WINDOWS_1252) | mask(&WINDOWS_1254),
            ..only_1252
        };
        assert!(matches!(
            judge(&WINDOWS_1252, 0xEC, &[0xA5], &both),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn two_everyday_syllables_need_more_than_the_plain_margin() {
        // 하 (ED 95 98) loses 0x98 in windows-1251: 형 (ED 98 95) is as
        // everyday, and 지원?는 is not enough to tell them apart.
        let cx = GapContext {
            letter_before: Some('원'),
            letter_after: Some('는'),
            before: Side::two('원', Some('지')),
            after: Side::two('는', Some(' ')),
            ..Default::default()
        };
        assert!(matches!(
            judge(&WINDOWS_1251, 0xED, &[0x95], &cx),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn a_neighbouring_gap_is_not_context_enough() {
        // я between с and ц, but the с is itself a gap's candidates.
        let cx = GapContext {
            letter_after: Some('ц'),
            before: Side::of(&['с', 'я', 'э']),
            after: Side::two('ц', Some(' ')),
            ..Default::default()
        };
        assert!(matches!(
            judge(&WINDOWS_1252, 0xD1, &[], &cx),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn punctuation_between_kana_is_not_a_rarity() {
        // 、 (E3 80 81) loses its 0x81 in windows-1250 between ク and イ;
        // ダ (E3 83 80) is a letter, but CJK text has no spaces and the
        // model cannot weigh the comma: no verdict.
        let cx = GapContext {
            letter_before: Some('ク'),
            letter_after: Some('イ'),
            before: Side::two('ク', Some('ッ')),
            after: Side::two('イ', Some('メ')),
            rival_undefined: mask(&WINDOWS_1250),
            ..Default::default()
        };
        assert_ne!(
            rebuilt(judge(&WINDOWS_1250, 0xE3, &[0x80], &cx)),
            Some('ダ')
        );
    }

    #[test]
    fn a_letter_that_starts_a_word() {
        // содержимое: с (D1 81) loses its 0x81 in windows-1252 after a
        // space; э and я are everyday letters too, but not before од.
        let cx = GapContext {
            letter_after: Some('о'),
            before: Side::two(' ', None),
            after: Side::two('о', Some('д')),
            ..Default::default()
        };
        assert_eq!(rebuilt(judge(&WINDOWS_1252, 0xD1, &[], &cx)), Some('с'));
    }

    #[test]
    fn an_unseen_ideograph_is_a_rarity_only_where_the_note_says_so() {
        // 遞 is traditional: the word lists (simplified) never show it. In a
        // note whose ideographs the model all holds it is a rarity; where
        // the note writes forms the model lacks, it may be right.
        assert!(is_listed('遞') && model::unigram('遞').is_none());
        let mut cx = GapContext::default();
        assert_eq!(weigh('遞', &cx, false), Weight::Unknown);
        cx.ideographs_known = true;
        assert_eq!(weigh('遞', &cx, false), Weight::Skip);
        // Everyday punctuation beside a boundary cannot be weighed.
        assert_eq!(weigh('・', &cx, false), Weight::Unknown);
    }

    #[test]
    fn lost_bytes_in_a_row_are_judged_together() {
        // Россия through windows-1252: с (D1 81) twice in a row lost its
        // 0x81. Alone, each sees the other only as с, э, я, ѐ or ѝ.
        let cx = GapContext {
            rival_undefined: mask(&WINDOWS_1252),
            ..Default::default()
        };
        let got = judge_jointly(
            &WINDOWS_1252,
            &[(0xD1, &[]), (0xD1, &[])],
            ('о', Some('Р')),
            ('и', Some('я')),
            &cx,
        );
        let chars: Vec<Option<char>> = got.iter().map(|r| r.as_ref().map(|r| r.ch)).collect();
        assert_eq!(chars, [Some('с'), Some('с')]);
        // Too many combinations to weigh: the stretch stays.
        let many = [(0xD1, &[][..]); 4];
        let got = judge_jointly(&WINDOWS_1252, &many, ('о', None), ('и', None), &cx);
        assert!(got.iter().all(Option::is_none));
    }

    #[test]
    fn a_styled_maths_letter_is_no_candidate() {
        // Shavian 𐑛 (F0 90 91 9B) loses its 0x90 in windows-1252; 0x9D
        // would make the maths italic 𝑛: the letters are the candidates.
        let cands = plausible_candidates(&WINDOWS_1252, 0xF0, &[0x91, 0x9B]);
        assert!(cands.contains(&'\u{1045B}'), "{cands:?}");
        assert!(!cands.contains(&'\u{1D45B}'), "{cands:?}");
    }

    #[test]
    fn a_letter_of_a_rarer_script_by_its_block() {
        // ፀ (E1 8D 80) loses its 0x8D in windows-1252 after ጸ: the only
        // Ethiopic letter among the candidates (Myanmar, Cherokee, Buhid),
        // rebuilt, but not certain enough to fill a U+FFFD.
        let cx = GapContext {
            letter_before: Some('ጸ'),
            ..Default::default()
        };
        match judge(&WINDOWS_1252, 0xE1, &[0x80], &cx) {
            Verdict::Rebuilt(r) => assert!(r.ch == 'ፀ' && !r.is_certain(), "{r:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_everyday_mark_after_a_letter() {
        // The acute of a stress mark (CC 81) loses its 0x81 in
        // windows-1252 after у; ̍ ̏ ̐ ̝ are marks hardly anyone writes.
        let cx = GapContext {
            letter_before: Some('у'),
            ..Default::default()
        };
        match judge(&WINDOWS_1252, 0xCC, &[], &cx) {
            Verdict::Rebuilt(r) => assert!(r.ch == '\u{301}' && !r.is_certain(), "{r:?}"),
            other => panic!("{other:?}"),
        }
        // Under windows-1250 the tilde and the diaeresis (CC 83, CC 88) are
        // candidates too: the acute is the one the word lists write far
        // most often, taken as such (not certain).
        match judge(&WINDOWS_1250, 0xCC, &[], &cx) {
            Verdict::Rebuilt(r) => {
                assert!(r.ch == '\u{301}' && r.reason == COMMONEST_MARK && !r.is_certain())
            }
            other => panic!("{other:?}"),
        }
        // Where the note's other Latin letters carry one of them (ã, õ),
        // that one; where they carry several, the commonest again.
        let tilde = marks::everyday_bit('\u{303}');
        let latin = |accents| GapContext {
            letter_before: Some('e'),
            accents,
            ..Default::default()
        };
        match judge(&WINDOWS_1250, 0xCC, &[], &latin(tilde)) {
            Verdict::Rebuilt(r) => {
                assert!(r.ch == '\u{303}' && r.reason == NOTE_WRITES_MARK && !r.is_certain())
            }
            other => panic!("{other:?}"),
        }
        let both = tilde | marks::everyday_bit('\u{308}');
        match judge(&WINDOWS_1250, 0xCC, &[], &latin(both)) {
            Verdict::Rebuilt(r) => assert!(r.ch == '\u{301}' && r.reason == COMMONEST_MARK),
            other => panic!("{other:?}"),
        }
        // After a letter of an uncased script the marks are another
        // script's (a diaeresis on Syriac is its plural sign): no verdict.
        let syriac = GapContext {
            letter_before: Some('ܪ'),
            ..Default::default()
        };
        assert!(matches!(
            judge(&WINDOWS_1250, 0xCC, &[], &syriac),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn a_final_form_only_at_a_word_end() {
        // א (D7 90) loses its 0x90 in windows-1252 before ל; ם (D7 9D) is a
        // final form, which no letter follows, and the shin dot (D7 81)
        // goes only on ש.
        let cx = GapContext {
            letter_before: Some('ש'),
            letter_after: Some('ל'),
            ..Default::default()
        };
        let v = judge(&WINDOWS_1252, 0xD7, &[], &cx);
        assert_eq!(
            rebuilt(v.clone()),
            Some('א'),
            "{v:?} {:?}",
            candidates(&WINDOWS_1252, 0xD7, &[])
        );
        // At a word's end both fit.
        let end = GapContext {
            letter_before: Some('ל'),
            ..Default::default()
        };
        assert_ne!(rebuilt(judge(&WINDOWS_1252, 0xD7, &[], &end)), Some('א'));
    }

    #[test]
    fn the_letter_of_the_notes_language() {
        // počet through windows-1252: č (C4 8D) lost its 0x8D; ā, ď and ĝ
        // are Latin lowercase letters too. In a Czech note the Czech
        // trigrams choose č; with the language unknown, they say nothing.
        let cx = GapContext {
            letter_before: Some('o'),
            letter_after: Some('e'),
            before: Side::two('o', Some('p')),
            after: Side::two('e', Some('t')),
            ..Default::default()
        };
        let v = judge(&WINDOWS_1252, 0xC4, &[], &cx);
        assert!(
            !matches!(&v, Verdict::Rebuilt(r) if r.reason == IN_THE_LANGUAGE),
            "{v:?}"
        );
        let czech = GapContext {
            langs: lang::index("cs").map_or(0, |i| 1 << i),
            ..cx
        };
        match judge(&WINDOWS_1252, 0xC4, &[], &czech) {
            Verdict::Rebuilt(r) => assert_eq!((r.ch, r.reason), ('č', IN_THE_LANGUAGE)),
            other => panic!("{other:?}"),
        }
        // Asked to weigh Latin letters (once the word lists left the gap
        // open), the mixed model of every language finds č without it.
        let latin = GapContext { latin: true, ..cx };
        match judge(&WINDOWS_1252, 0xC4, &[], &latin) {
            Verdict::Rebuilt(r) => assert_eq!((r.ch, r.reason), ('č', LIKELIER)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_quote_among_symbols_against_a_letter() {
        // ‘ (E2 80 98) through windows-1251 loses 0x98, its one undefined
        // byte: `вЂ` stands for ‘ or ☀ (E2 98 80), and a letter touches
        // only the quote.
        let text = "Qozog‘iston tengesi, faka-tonga ‘o Ketesi";
        let garbled = super::super::garble(text, &WINDOWS_1251, false);
        assert!(garbled.contains("QozogвЂiston"), "{garbled}");
        assert_eq!(fix(&garbled), text);
        // Between spaces, nothing tells the quote from the sun.
        assert_eq!(fix("It is вЂ sunny"), "It is вЂ sunny");
        // Two joiners (‐ and ‘ through windows-1250) leave it open.
        let marks: Vec<(char, ())> = vec![('‐', ()), ('‘', ()), ('\u{2001}', ())];
        assert_eq!(only_joiner(&marks), None);
        assert_eq!(only_joiner(&[('‘', ()), ('☀', ())]), Some('‘'));
        assert_eq!(only_joiner(&[('‘', ()), ('ш', ())]), None);
    }

    #[test]
    fn no_combining_mark_starts_a_word() {
        // ف (D9 81) at a word's start loses 0x81 through windows-1252: the
        // harakat D9 8D..D9 90 fit too, but none stands after a space, and
        // the note writes harakat (ٙ), so they were rivals before.
        let text = "روٙسیە, فأرانسە";
        let garbled = super::super::garble(text, &WINDOWS_1252, false);
        assert!(garbled.contains(", ÙØ£"), "{garbled}");
        assert_eq!(fix(&garbled), text);
        // Where the gap's own byte was replaced (U+FFFD), the choice is
        // not certain: text writes a kasra after a space (` ِتبدیل`).
        let cx = GapContext {
            letter_after: Some('أ'),
            before: Side::one(' '),
            after: Side::two('أ', Some('ر')),
            marks: true,
            ..GapContext::default()
        };
        match judge(&WINDOWS_1252, 0xD9, &[], &cx) {
            Verdict::Rebuilt(r) => assert!(r.ch == 'ف' && !r.is_certain(), "{r:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn everyday_letters_of_a_small_alphabet_inside_a_word() {
        // שירוואן through windows-1254: א (D7 90) lost its 0x90 between ו
        // and ן; מ (D7 9E) is as everyday, but not there.
        let garbled = super::super::garble("שירוואן", &WINDOWS_1254, false);
        assert_eq!(fix(&garbled), "שירוואן");
        // روس through windows-1250: و (D9 88) lost its 0x88; in the
        // note's language (Persian script) only و fits between ر and س.
        let text = "ایتالیا, روس, برازیل";
        let garbled = super::super::garble(text, &WINDOWS_1250, false);
        assert_eq!(fix(&garbled), text);
    }

    #[test]
    fn two_lost_bytes() {
        // 🏁 F0 9F 8F 81 keeps only F0 9F in windows-1252.
        let cx = GapContext {
            tasks: true,
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xF0, &[0x9F], &cx)),
            Some('🏁')
        );
    }
}
