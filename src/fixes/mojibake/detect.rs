//! Reading a run of suspicious chars back through a code page: each char
//! becomes the byte the page reads as it, and the bytes are split into
//! complete UTF-8 sequences (pieces), short sequences a strict decoder cut
//! (gaps) and bytes that fit nowhere (kept as written).

use super::dropped::{
    is_signifier, judge, judge_jointly, plausible_candidates, GapContext, Rebuilt, Verdict,
};
use super::model::Side;
use super::pages::{decode_sequence, is_continuation, sequence_len, CodePage};
use super::score::{char_cost, cost, kind, script, Kind, Script, TERM_SPAN};
use super::tables::PAGES;
use std::ops::Range;

/// A maximal stretch of non-ASCII chars: mojibake never spans ASCII, since
/// every byte of a multi-byte UTF-8 sequence is 0x80 or above.
#[derive(Clone, Debug)]
pub struct Run {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The chars.
    pub chars: Vec<char>,
    /// The char before the run (ASCII), if any.
    pub prev: Option<char>,
    /// The char after the run (ASCII), if any.
    pub next: Option<char>,
    /// Where the run takes in a space after it as a lost no-break space
    /// (see `nbsp`): the index in `chars` of the U+00A0 read for it.
    pub widened: Option<usize>,
}

impl Run {
    /// Byte offset of char `i` relative to `range.start` (`chars.len()`
    /// for the end): worked out for the few runs an edit is made of, not
    /// stored for every run. The U+00A0 a widened run reads for a space
    /// stands for that one byte.
    pub fn offset(&self, i: usize) -> Option<usize> {
        let head = self.chars.get(..i)?;
        let len = |(k, c): (usize, &char)| {
            if Some(k) == self.widened {
                1
            } else {
                c.len_utf8()
            }
        };
        Some(head.iter().enumerate().map(len).sum())
    }
}

/// The non-ASCII runs of `text`, in order.
pub fn runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    // Counted first, eight bytes at a time: a note of Cyrillic or Greek
    // has tens of thousands of runs, and regrowing the list copied each
    // run several times.
    let mut out = Vec::with_capacity(spans(bytes).count());
    for (start, end) in spans(bytes) {
        let Some(s) = text.get(start..end) else {
            break;
        };
        let mut chars = Vec::with_capacity(s.len() / 2);
        chars.extend(s.chars());
        // The bytes either side are ASCII, each a char of its own.
        let prev = start
            .checked_sub(1)
            .and_then(|j| bytes.get(j))
            .map(|&b| char::from(b));
        let next = bytes.get(end).map(|&b| char::from(b));
        out.push(Run {
            range: start..end,
            chars,
            prev,
            next,
            widened: None,
        });
    }
    out
}

/// Where the non-ASCII runs of `bytes` start and end, in order.
fn spans(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        i += super::quick::ascii_len(bytes.get(i..).unwrap_or_default());
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        i += super::quick::non_ascii_len(bytes.get(start..).unwrap_or_default());
        Some((start, i))
    })
}

/// One step of a reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A char that stays (not encodable, or its byte fits no sequence).
    Keep(char),
    /// `len` chars that are one complete UTF-8 sequence for `ch`.
    Piece {
        /// The repaired char.
        ch: char,
        /// How many garbled chars it replaces.
        len: usize,
    },
    /// A sequence cut short: its lead byte and the continuation bytes left.
    Gap {
        /// The lead byte.
        lead: u8,
        /// The continuation bytes that survived.
        conts: Conts,
        /// How many garbled chars it covers.
        len: usize,
        /// Where a U+FFFD stands for a lost byte (a decoder that replaces
        /// what it cannot read, not one that drops it): bit `k` for the
        /// `k`-th byte after the lead; 0 when the bytes were dropped.
        replaced: u8,
    },
}

/// The continuation bytes of a sequence cut short (three at most), kept
/// inline: a reading makes one for every lead byte it meets.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Conts {
    len: u8,
    bytes: [u8; 3],
}

impl Conts {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(usize::from(self.len)) {
            *slot = b;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Conts {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

impl std::fmt::Debug for Conts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Unit {
    /// A lead char with every continuation lost (no U+FFFD in their place).
    pub fn is_lone_lead(&self) -> bool {
        matches!(self, Unit::Gap { conts, replaced, .. } if conts.is_empty() && *replaced == 0)
    }
}

/// What a decoder that replaces undefined bytes leaves for them.
const REPLACEMENT: char = '\u{FFFD}';

/// A run read through one code page.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The page.
    pub page: &'static CodePage,
    /// The steps, covering the run's chars in order.
    pub units: Vec<Unit>,
    /// Number of pieces.
    pub pieces: usize,
    /// Number of gaps.
    pub gaps: usize,
    /// Number of chars kept because their byte fits no sequence (or that the
    /// page cannot encode).
    pub kept: usize,
}

/// What [`Reading::lost_bytes`] finds in a reading's gaps.
#[derive(Clone, Copy, Default)]
pub struct LostBytes {
    /// Gaps a U+FFFD marks.
    pub marked: usize,
    /// A gap no U+FFFD marks reads a byte as dropped.
    pub dropped: bool,
}

impl Reading {
    /// Every char belongs to a piece or a gap: the run is wholly this page's
    /// mojibake.
    pub fn is_whole(&self) -> bool {
        self.kept == 0
    }

    /// Its gaps, in one pass: how many a U+FFFD marks, and whether one it
    /// does not reads a byte as dropped, other than one that ends the run
    /// before a space (`next`), where a lost no-break space may be all
    /// that was lost. With `next` unknown, any unmarked gap drops a byte.
    pub fn lost_bytes(&self, next: Option<char>) -> LostBytes {
        let last = self.units.len().saturating_sub(1);
        let mut lost = LostBytes::default();
        for (i, u) in self.units.iter().enumerate() {
            if let Unit::Gap { replaced, .. } = u {
                if *replaced != 0 {
                    lost.marked += 1;
                } else if i < last || next != Some(' ') {
                    lost.dropped = true;
                }
            }
        }
        lost
    }

    /// Whether a letter is among the chars it reads as UTF-8 (pieces and
    /// gaps): a reading of symbols alone is weak evidence, since box
    /// drawing, maths and kaomoji are written on purpose.
    pub fn reads_letters(&self, chars: &[char]) -> bool {
        let mut at = 0;
        self.units.iter().any(|u| match u {
            Unit::Keep(_) => {
                at += 1;
                false
            }
            Unit::Piece { len, .. } | Unit::Gap { len, .. } => {
                let read = chars.get(at..at + len).unwrap_or(&[]);
                at += len;
                read.iter().any(|&c| kind(c) == Kind::Letter)
            }
        })
    }
}

/// Reads `chars` through `page`; gaps are looked for only when the page has
/// undefined bytes.
pub fn read(chars: &[char], page: &'static CodePage) -> Reading {
    read_with(chars, page, |i| chars.get(i).and_then(|&c| page.byte_of(c)))
}

/// [`read`] with each char's bytes under every page looked up already
/// (`rows`, see `pages::bytes_of`): the first look reads a run through
/// every page, and looks each char up once.
pub fn read_rows(
    chars: &[char],
    rows: &[Option<&[u8; PAGES]>],
    page: &'static CodePage,
) -> Reading {
    read_with(chars, page, |i| {
        rows.get(i)
            .copied()
            .flatten()
            .and_then(|row| row.get(page.index))
            .copied()
            .filter(|&b| b != 0)
    })
}

/// [`read`], the byte `page` reads as char `i` of `chars` told by `byte`.
fn read_with(
    chars: &[char],
    page: &'static CodePage,
    byte: impl Fn(usize) -> Option<u8>,
) -> Reading {
    let drops = page.drops_bytes();
    let mut units = Vec::with_capacity(chars.len());
    let (mut pieces, mut gaps, mut kept) = (0, 0, 0);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let b = byte(i);
        let len = b.and_then(sequence_len).filter(|&n| n >= 2);
        if let (Some(lead), Some(n)) = (b, len) {
            // The continuation bytes that follow; a U+FFFD among them is a
            // byte the page left undefined, replaced by the decoder.
            let mut conts = Conts::default();
            let mut holes = 0u8;
            for k in 0..n - 1 {
                let Some(&ch) = chars.get(i + 1 + k) else {
                    break;
                };
                match byte(i + 1 + k).filter(|&x| is_continuation(x)) {
                    Some(x) => conts.push(x),
                    None if ch == REPLACEMENT && drops => holes |= 1 << k,
                    None => break,
                }
            }
            if holes != 0 && conts.len() + holes.count_ones() as usize == n - 1 {
                units.push(Unit::Gap {
                    lead,
                    conts,
                    len: n,
                    replaced: holes,
                });
                gaps += 1;
                i += n;
                continue;
            }
            if conts.len() == n - 1 {
                let mut seq = [lead, 0, 0, 0];
                for (slot, &x) in seq.iter_mut().skip(1).zip(conts.iter()) {
                    *slot = x;
                }
                if let Some(ch) = decode_sequence(seq.get(..n).unwrap_or(&[])) {
                    units.push(Unit::Piece { ch, len: n });
                    pieces += 1;
                    i += n;
                    continue;
                }
                if let Some(ch) = surrogate_pair_at(chars, i, page) {
                    units.push(Unit::Piece { ch, len: 6 });
                    pieces += 1;
                    i += 6;
                    continue;
                }
            } else if drops {
                let len = conts.len() + 1;
                units.push(Unit::Gap {
                    lead,
                    conts,
                    len,
                    replaced: 0,
                });
                gaps += 1;
                i += len;
                continue;
            }
        }
        units.push(Unit::Keep(c));
        kept += 1;
        i += 1;
    }
    Reading {
        page,
        units,
        pieces,
        gaps,
        kept,
    }
}

/// The six chars of `chars` from `i` read through `page` as a surrogate
/// pair (see [`decode_surrogate_pair`]).
fn surrogate_pair_at(chars: &[char], i: usize, page: &CodePage) -> Option<char> {
    let mut bytes = [0u8; 6];
    for (slot, &c) in bytes.iter_mut().zip(chars.get(i..i + 6)?) {
        *slot = page.byte_of(c)?;
    }
    decode_surrogate_pair(&bytes)
}

/// A char beyond the Basic Multilingual Plane written as two UTF-16
/// surrogates, each encoded as if it were a char (CESU-8, what Java and
/// old MySQL write): `ED A0..AF xx ED B0..BF xx`.
fn decode_surrogate_pair(bytes: &[u8; 6]) -> Option<char> {
    let [0xED, hi1 @ 0xA0..=0xAF, hi2, 0xED, lo1 @ 0xB0..=0xBF, lo2] = *bytes else {
        return None;
    };
    if !is_continuation(hi2) || !is_continuation(lo2) {
        return None;
    }
    let high = (u32::from(hi1 & 0x0F) << 6) | u32::from(hi2 & 0x3F);
    let low = (u32::from(lo1 & 0x0F) << 6) | u32::from(lo2 & 0x3F);
    char::from_u32(0x10000 + (high << 10) + low)
}

/// What repairing a run through one reading gives.
#[derive(Clone, Debug)]
pub struct Repair {
    /// The repaired chars.
    pub out: Vec<char>,
    /// Bytes restored in gaps, in order.
    pub restored: Vec<Rebuilt>,
    /// Gaps left as written, with the candidates seen.
    pub unresolved: Vec<Vec<char>>,
    /// Sequences whose lost byte a U+FFFD marked, with no certain
    /// candidate: each became one U+FFFD; the candidates seen.
    pub collapsed: Vec<Vec<char>>,
    /// Sequences read back: whole, rebuilt or collapsed into a U+FFFD.
    pub read_back: usize,
    /// Cost before minus cost after (context included); may be negative.
    pub gain: i64,
    /// Lowercase minus uppercase letters among the repaired chars.
    pub prior: i64,
    /// Index in the run's chars where the change starts and ends.
    pub changed: Range<usize>,
}

impl Repair {
    /// What [`repair`] gives for a reading without pieces when gaps are
    /// left alone, `before` being the chars' own cost: the chars as
    /// written, nothing changed or gained.
    pub fn unchanged(chars: &[char]) -> Repair {
        Repair {
            out: chars.to_vec(),
            restored: Vec::new(),
            unresolved: Vec::new(),
            collapsed: Vec::new(),
            read_back: 0,
            gain: 0,
            prior: 0,
            changed: 0..0,
        }
    }
}

/// Repairs `run` through `reading`. Gaps are judged with `cx` when
/// `fill_gaps`; otherwise they stay as written. `before` is the run's own
/// cost (see [`cost`]), computed once by the caller.
pub fn repair(
    chars: &[char],
    prev: Option<char>,
    next: Option<char>,
    reading: &Reading,
    fill_gaps: bool,
    cx: &GapContext,
    before: u32,
) -> Repair {
    let verdicts = if fill_gaps {
        judge_gaps(chars, prev, next, reading, cx)
    } else {
        Vec::new()
    };
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut restored = Vec::new();
    let mut unresolved = Vec::new();
    let mut collapsed = Vec::new();
    let (mut first, mut last) = (usize::MAX, 0);
    let mut at = 0;
    for (u, unit) in reading.units.iter().enumerate() {
        match unit {
            Unit::Keep(c) => {
                out.push(*c);
                at += 1;
            }
            Unit::Piece { ch, len } => {
                out.push(*ch);
                first = first.min(at);
                at += len;
                last = at;
            }
            Unit::Gap {
                lead,
                conts,
                len,
                replaced,
            } => match verdicts.get(u).cloned().flatten() {
                // Where a U+FFFD marks the loss, the lost bytes are the last
                // ones: a candidate that puts them elsewhere is not this char.
                Some(Verdict::Rebuilt(r))
                    if *replaced == 0
                        || (r.is_certain()
                            && fits_holes(r.ch, *lead, conts, *replaced, reading.page)) =>
                {
                    out.push(r.ch);
                    restored.push(r);
                    first = first.min(at);
                    at += len;
                    last = at;
                }
                // The decoder already said a char is lost here: the rest of
                // its sequence goes too, one U+FFFD for the char
                // (`SlovenÄ�ina` → `Sloven�ina`), when a fill was asked for.
                other if *replaced != 0 && fill_gaps => {
                    collapsed.push(match other {
                        Some(Verdict::Ambiguous(c)) => c,
                        Some(Verdict::Rebuilt(r)) => vec![r.ch],
                        _ => Vec::new(),
                    });
                    out.push(REPLACEMENT);
                    first = first.min(at);
                    at += len;
                    last = at;
                }
                other => {
                    if let Some(Verdict::Ambiguous(c)) = other {
                        unresolved.push(c);
                    }
                    out.extend(chars.get(at..at + len).unwrap_or(&[]));
                    at += len;
                }
            },
        }
    }
    let changed = if first == usize::MAX {
        0..0
    } else {
        first..last
    };
    let before = i64::from(before);
    let after = i64::from(cost(prev, &out, next));
    // Known symbols are evidence of their own: a Tasks signifier or a curly
    // quote is what such a note is expected to hold.
    // A U+FFFD after a lead byte counts for more than a known symbol: the
    // decoder itself said a byte was lost there, so collapsing the sequence
    // (or rebuilding it) needs no other evidence.
    let replaced = if fill_gaps {
        reading
            .units
            .iter()
            .filter(|u| matches!(u, Unit::Gap { replaced, .. } if *replaced != 0))
            .count() as i64
    } else {
        0
    };
    // So are a sequence of three or four bytes read back whole into an
    // everyday symbol (`âœ”` for ✔: a lead and two continuations in a row
    // hardly ever happen by chance), and a U+FFFD the decoder left right
    // after a lead byte (it said itself that a byte was lost there).
    let known = reading
        .units
        .iter()
        .filter(|u| match u {
            Unit::Piece { ch, len } => {
                is_known_symbol(*ch)
                    || (*len >= 3
                        && matches!(kind(*ch), Kind::Symbol | Kind::Punct | Kind::Emoji)
                        && char_cost(*ch) <= 1)
            }
            Unit::Gap { replaced, .. } => *replaced != 0 && fill_gaps,
            Unit::Keep(_) => false,
        })
        .count() as i64
        + restored.iter().filter(|r| is_known_symbol(r.ch)).count() as i64;
    // Running text is mostly lowercase: between two readings that are both
    // plausible, the one with more lowercase letters is the likelier. The
    // case from the class tables, not the standard library's search.
    let prior = reading
        .units
        .iter()
        .filter_map(|u| match u {
            Unit::Piece { ch, .. } if super::class::is_lower(*ch) => Some(1),
            Unit::Piece { ch, .. } if super::class::is_upper(*ch) => Some(-1),
            _ => None,
        })
        .sum();
    Repair {
        // The reading counted its pieces as it made them.
        read_back: reading.pieces + restored.len() + collapsed.len(),
        out,
        restored,
        unresolved,
        collapsed,
        gain: before - after + 3 * known + 2 * replaced + 2 * words_of_one_script(reading),
        prior,
        changed,
    }
}

/// Whether judging the gaps of `reading` could bring `first`, its repair
/// with every gap left as written (see [`repair`]), to a gain of `need`,
/// further layers included: always when a further layer might read the
/// repair, which no bound covers. A reading that is one gap alone (`â«`
/// for ⏫ with 0x8F lost) is filled with one char, which no layer reads (a
/// sequence takes two chars at least), or stays as written, which changes
/// nothing: its bound holds. A gap's verdict changes only the chars
/// it covers: every cost term that touches them may go (each spans
/// `TERM_SPAN` chars at most, so the cost of the stretch that far either
/// side, read in its context, counts each of them whole), the char put
/// there adds terms of its own, never less than nothing, and a known
/// symbol rebuilt counts 3 more (only where one is among the gap's
/// plausible candidates, all that judging fills it with: none for the
/// gaps of CJK and of most letters), a U+FFFD the decoder left 5. Where that is not enough to rule it out, a gap that
/// shares no term with another is weighed with each char it could become.
pub fn gaps_may_reach(
    prev: Option<char>,
    next: Option<char>,
    reading: &Reading,
    first: &Repair,
    need: i64,
) -> bool {
    let out = &first.out;
    // The pages that could read the repair whole, whatever fills its gaps.
    let mut whole = super::code_pages()
        .iter()
        .filter(|p| !p.is_symbol_page())
        .fold(0u16, |m, p| m | 1 << p.index);
    // Each gap: where it starts in `out`, how many chars it covers there,
    // and its unit.
    let mut gaps = Vec::with_capacity(reading.gaps);
    let mut at = 0;
    for unit in &reading.units {
        match unit {
            Unit::Gap { len, .. } => {
                gaps.push((at, *len, unit));
                at += len;
            }
            _ => {
                if let Some(&c) = out.get(at) {
                    whole &= sequence_pages(c);
                }
                at += 1;
            }
        }
    }
    if whole != 0 && reading.units.len() > 1 {
        return true;
    }
    // A term touching a gap starts `TERM_SPAN - 1` chars before it at the
    // farthest: the stretch's own chars reach one less, the char before it
    // (its context) the last.
    let reach = TERM_SPAN - 2;
    let stretch = |at: usize, len: usize| {
        let (lo, hi) = (at.saturating_sub(reach), (at + len + reach).min(out.len()));
        let before = match lo {
            0 => prev,
            _ => out.get(lo - 1).copied(),
        };
        let after = if hi == out.len() {
            next
        } else {
            out.get(hi).copied()
        };
        (before, out.get(lo..hi).unwrap_or(&[]), after, at - lo)
    };
    // Per gap: the cost of its stretch as written, its page's plausible
    // candidates (what judging fills it with, besides a U+FFFD), and the 3
    // a known symbol among them may add.
    let (mut coarse, mut gains) = (first.gain, Vec::with_capacity(gaps.len()));
    for &(at, len, unit) in &gaps {
        let Unit::Gap {
            lead,
            conts,
            replaced,
            ..
        } = *unit
        else {
            continue;
        };
        let (before, chars, after, _) = stretch(at, len);
        let written = i64::from(cost(before, chars, after));
        let fills = super::dropped::plausible_candidates(reading.page, lead, &conts);
        let known = if fills.iter().any(|&c| is_known_symbol(c)) {
            3
        } else {
            0
        };
        let bonus = if replaced != 0 { 5 } else { 0 } + known;
        coarse += written + bonus;
        gains.push((written, known, fills));
    }
    if coarse < need {
        return false;
    }
    // A gap at most `reach` chars from the next shares terms with it: both
    // keep their stretch's whole cost.
    let shares = |j: usize| match (gaps.get(j), gaps.get(j + 1)) {
        (Some(&(at, len, _)), Some(&(next_at, _, _))) => next_at - (at + len) <= reach,
        _ => false,
    };
    // Every gap adds nothing or more (a cost is never negative, nor is
    // the best of nothing and its candidates' gains), so the bound is
    // reached as soon as what is added so far reaches `need`: the gaps
    // that share terms and the fixed parts first, which cost nothing to
    // add, then each lone gap's candidates until one is enough.
    let lone = |i: usize| !(shares(i) || i.checked_sub(1).is_some_and(shares));
    let mut tight = first.gain;
    for (i, &(_, _, unit)) in gaps.iter().enumerate() {
        let (&Unit::Gap { replaced, .. }, Some((written, known, _))) = (unit, gains.get(i)) else {
            continue;
        };
        let fixed = if replaced != 0 { 5 } else { 0 };
        tight += fixed + if lone(i) { 0 } else { written + known };
    }
    let mut buf = Vec::new();
    for (i, &(at, len, unit)) in gaps.iter().enumerate() {
        if tight >= need {
            return true;
        }
        let (&Unit::Gap { replaced, .. }, Some((written, _, fills))) = (unit, gains.get(i)) else {
            continue;
        };
        if !lone(i) {
            continue;
        }
        // The most any char there could gain: as written nothing, else a
        // U+FFFD for a marked gap, or one of the page's candidates.
        let (before, chars, after, offset) = stretch(at, len);
        let mut most = 0i64;
        let marked = (replaced != 0).then_some(REPLACEMENT);
        for &c in fills.iter().chain(marked.as_ref()) {
            if tight + most >= need {
                return true;
            }
            buf.clear();
            buf.extend_from_slice(chars.get(..offset).unwrap_or(&[]));
            buf.push(c);
            buf.extend_from_slice(chars.get(offset + len..).unwrap_or(&[]));
            let known = if is_known_symbol(c) { 3 } else { 0 };
            most = most.max(written - i64::from(cost(before, &buf, after)) + known);
        }
        tight += most;
    }
    tight >= need
}

/// The pages (bit `i` for `code_pages()[i]`) under which `c` can stand in
/// a sequence read back: a lead or continuation byte's char, or a U+FFFD
/// for a byte lost (every page, to be safe).
fn sequence_pages(c: char) -> u16 {
    if c == REPLACEMENT {
        return u16::MAX;
    }
    let Some(bytes) = super::pages::bytes_of(c) else {
        return 0;
    };
    bytes.iter().enumerate().fold(0, |m, (i, &b)| {
        let in_sequence = b != 0 && (is_continuation(b) || sequence_len(b).is_some_and(|n| n >= 2));
        m | u16::from(in_sequence) << i
    })
}

/// Pieces that read into a letter of a script other than Latin beside
/// another piece of the same script: a word of a rare alphabet (Syriac,
/// N'Ko, Canadian syllabics, Tifinagh) read back whole is evidence its
/// letters' rarity would otherwise hide.
fn words_of_one_script(reading: &Reading) -> i64 {
    // Two pieces side by side at least: most readings of a run are one.
    if reading.pieces < 2 {
        return 0;
    }
    let script_of = |u: &Unit| match u {
        Unit::Piece { ch, .. } if matches!(kind(*ch), Kind::Letter | Kind::Mark) => {
            Some(script(*ch))
        }
        _ => None,
    };
    // Each unit's script looked up once, beside its neighbours'.
    let mut scripts = reading.units.iter().map(script_of).peekable();
    let (mut count, mut before) = (0, None);
    while let Some(here) = scripts.next() {
        let after = scripts.peek().copied().flatten();
        if let Some(s) = here {
            if !matches!(s, Script::Latin | Script::Common)
                && (before == Some(s) || after == Some(s))
            {
                count += 1;
            }
        }
        before = here;
    }
    count
}

/// Whether `ch`'s UTF-8 is `lead`, then `conts` with the lost bytes where
/// `holes` says (bit `k`: the `k`-th byte after the lead), each one `page`
/// leaves undefined: a candidate that puts them elsewhere, or that another
/// page would have lost, is not the char a U+FFFD marks.
fn fits_holes(ch: char, lead: u8, conts: &[u8], holes: u8, page: &CodePage) -> bool {
    let mut buf = [0u8; 4];
    let bytes = ch.encode_utf8(&mut buf).as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    if first != lead || rest.len() != conts.len() + holes.count_ones() as usize {
        return false;
    }
    let mut kept = conts.iter();
    rest.iter().enumerate().all(|(k, b)| {
        if holes & (1 << k) != 0 {
            page.is_undefined(*b)
        } else {
            kept.next() == Some(b)
        }
    })
}

/// Whether `ch` could fill the sequence cut short to `lead` and `conts`
/// under `page`: its UTF-8 is `lead`, then `conts` in order with the bytes
/// between them ones the page leaves undefined. Every char a gap is judged
/// to be is one, so a char that is not needs no judging to be ruled out.
pub fn may_fill(ch: char, lead: u8, conts: &[u8], page: &CodePage) -> bool {
    let mut buf = [0u8; 4];
    let bytes = ch.encode_utf8(&mut buf).as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    if first != lead || rest.len() <= conts.len() {
        return false;
    }
    // The kept bytes matched first come: of two equal bytes, which one was
    // lost makes no difference.
    let mut kept = conts.iter().peekable();
    for b in rest {
        if kept.peek() == Some(&b) {
            kept.next();
        } else if !page.is_undefined(*b) {
            return false;
        }
    }
    kept.peek().is_none()
}

/// Symbols notes are full of: Tasks signifiers and typographic punctuation.
pub fn is_known_symbol(c: char) -> bool {
    is_signifier(c) || matches!(c, '’' | '‘' | '“' | '”' | '–' | '—' | '…' | '•')
}

/// The verdict on each gap of `reading`, by unit. Gaps are judged left to
/// right, each seeing the verdicts before it; a gap left open is judged once
/// more when the gap after it was rebuilt, which it could not see the first
/// time (lost bytes in a row are common in CJK, Arabic and Cyrillic text).
/// Gaps in a row still open after that are judged together (see
/// [`judge_jointly`]).
fn judge_gaps(
    chars: &[char],
    prev: Option<char>,
    next: Option<char>,
    reading: &Reading,
    cx: &GapContext,
) -> Vec<Option<Verdict>> {
    let units = &reading.units;
    let mut verdicts: Vec<Option<Verdict>> = vec![None; units.len()];
    // Where each unit ends in `chars`.
    let ends: Vec<usize> = units
        .iter()
        .scan(0, |at, u| {
            *at += match u {
                Unit::Keep(_) => 1,
                Unit::Piece { len, .. } | Unit::Gap { len, .. } => *len,
            };
            Some(*at)
        })
        .collect();
    judge_one_by_one(chars, &ends, prev, next, reading, cx, &mut verdicts, false);
    // Lost bytes in a row that stay open each alone: judged together.
    let open = |verdicts: &[Option<Verdict>], i: usize| {
        matches!(
            (units.get(i), verdicts.get(i)),
            (Some(Unit::Gap { .. }), Some(Some(Verdict::Ambiguous(_))))
        )
    };
    let mut u = 0;
    while u < units.len() {
        if !open(&verdicts, u) {
            u += 1;
            continue;
        }
        let mut v = u;
        while open(&verdicts, v + 1) {
            v += 1;
        }
        let left = known_before(units, &verdicts, u, prev);
        let right = known_after(units, &verdicts, v, next);
        if let (true, Some(left), Some(right)) = (v > u, left, right) {
            let gaps: Vec<(u8, &[u8])> = units[u..=v]
                .iter()
                .filter_map(|unit| match unit {
                    Unit::Gap { lead, conts, .. } => Some((*lead, &conts[..])),
                    _ => None,
                })
                .collect();
            let rebuilt = judge_jointly(reading.page, &gaps, left, right, cx);
            for (i, r) in rebuilt.into_iter().enumerate() {
                if let Some(r) = r {
                    verdicts[u + i] = Some(Verdict::Rebuilt(r));
                }
            }
        }
        u = v + 1;
    }
    // Gaps still open: the one letter that makes a word of the language.
    super::words::settle(reading.page, units, &mut verdicts, prev, next, cx);
    // Gaps still open where a Latin letter may stand: the model's Latin
    // pairs, after the word lists, whose evidence is the firmer.
    let latin_open = verdicts.iter().any(|v| {
        matches!(v, Some(Verdict::Ambiguous(c)) if c.iter().copied().any(super::model::is_latin))
    });
    if latin_open {
        let latin = GapContext { latin: true, ..*cx };
        judge_one_by_one(
            chars,
            &ends,
            prev,
            next,
            reading,
            &latin,
            &mut verdicts,
            true,
        );
    }
    verdicts
}

/// Judges each gap of `reading` alone, left to right (see [`judge_gaps`]),
/// into `verdicts`; `reopen`: only the gaps left open before.
#[allow(clippy::too_many_arguments)]
fn judge_one_by_one(
    chars: &[char],
    ends: &[usize],
    prev: Option<char>,
    next: Option<char>,
    reading: &Reading,
    cx: &GapContext,
    verdicts: &mut [Option<Verdict>],
    reopen: bool,
) {
    let units = &reading.units;
    let rtl = units.iter().any(|u| {
        matches!(u, Unit::Piece { ch, .. } | Unit::Keep(ch)
            if matches!(script(*ch), Script::Arabic | Script::Hebrew))
    });
    for round in 0..2 {
        let mut again = false;
        for (u, unit) in units.iter().enumerate() {
            let Unit::Gap { lead, conts, .. } = unit else {
                continue;
            };
            if reopen && round == 0 && !matches!(verdicts[u], Some(Verdict::Ambiguous(_))) {
                continue;
            }
            let right_rebuilt = matches!(verdicts.get(u + 1), Some(Some(Verdict::Rebuilt(_))));
            let open = !matches!(verdicts[u], Some(Verdict::Rebuilt(_)));
            if round == 1 && !(open && right_rebuilt) {
                continue;
            }
            let view = |i: usize| shown(units, verdicts, i);
            let side_gap = |i: usize| match (&verdicts[i], units.get(i)) {
                (Some(Verdict::Ambiguous(c)), _) => Side::of(c),
                (None, Some(Unit::Gap { lead, conts, .. })) => {
                    Side::of(&plausible_candidates(reading.page, *lead, conts))
                }
                _ => Side::default(),
            };
            let mut gcx = *cx;
            gcx.rtl = rtl;
            // The char written just before: as repaired, or as garbled.
            let written_before = match u {
                0 => prev,
                _ => view(u - 1).or_else(|| {
                    let end = ends.get(u - 1)?.checked_sub(1)?;
                    chars.get(end).copied()
                }),
            };
            let written_after = match units.get(u + 1) {
                None => next,
                Some(_) => view(u + 1),
            };
            gcx.letter_before = written_before.filter(|&c| kind(c) == Kind::Letter);
            gcx.letter_after = written_after.filter(|&c| kind(c) == Kind::Letter);
            gcx.after_virama = written_before
                .zip(written_after)
                .is_some_and(|(b, a)| super::dropped::joins_a_conjunct(b, a));
            // A unit after it not yet judged (another gap) is no edge: the
            // gap is part of a word of lost bytes (Osage through
            // windows-1253), not a symbol between spaces.
            let after_known = written_after.is_some() || units.get(u + 1).is_none();
            gcx.opens_a_word = written_before
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '"' | '\''));
            gcx.apart = gcx.opens_a_word
                && after_known
                && written_after.is_none_or(|c| {
                    c.is_whitespace()
                        || matches!(
                            c,
                            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\''
                        )
                });
            // A word of two ASCII letters or more before the run (not the
            // `s` of a `%s` placeholder), and a space, comma or digit after.
            gcx.ends_a_word = u == 0
                && cx.head.ascii_letters_at_end() >= 2
                && written_after.is_some_and(|c| matches!(c, ' ' | ',') || c.is_ascii_digit());
            gcx.before = match known_before(units, verdicts, u, prev) {
                Some((near, far)) => Side::two(near, far),
                None => side_gap(u - 1),
            };
            gcx.after = match known_after(units, verdicts, u, next) {
                Some((near, far)) => Side::two(near, far),
                None => side_gap(u + 1),
            };
            let verdict = judge(reading.page, *lead, conts, &gcx);
            // A gap left open just before one rebuilt: worth a second look.
            if round == 0 && matches!(verdict, Verdict::Rebuilt(_)) && u > 0 {
                again |= matches!(
                    (&verdicts[u - 1], units.get(u - 1)),
                    (Some(v), Some(Unit::Gap { .. })) if !matches!(v, Verdict::Rebuilt(_))
                );
            }
            verdicts[u] = Some(verdict);
        }
        if !again {
            break;
        }
    }
}

/// The known chars before unit `u`, as repaired so far: the nearest and,
/// when known, the one beyond it (the run's edges read as what surrounds
/// it, a space at the note's ends); `None` when a gap left open is next.
fn known_before(
    units: &[Unit],
    verdicts: &[Option<Verdict>],
    u: usize,
    prev: Option<char>,
) -> Option<(char, Option<char>)> {
    let Some(near_at) = u.checked_sub(1) else {
        return Some((prev.unwrap_or(' '), None));
    };
    let near = shown(units, verdicts, near_at)?;
    let far = match near_at.checked_sub(1) {
        None => Some(prev.unwrap_or(' ')),
        Some(far_at) => shown(units, verdicts, far_at),
    };
    Some((near, far))
}

/// The known chars after unit `v`, as [`known_before`] reads them before.
fn known_after(
    units: &[Unit],
    verdicts: &[Option<Verdict>],
    v: usize,
    next: Option<char>,
) -> Option<(char, Option<char>)> {
    if units.get(v + 1).is_none() {
        return Some((next.unwrap_or(' '), None));
    }
    let near = shown(units, verdicts, v + 1)?;
    let far = match units.get(v + 2) {
        None => Some(next.unwrap_or(' ')),
        Some(_) => shown(units, verdicts, v + 2),
    };
    Some((near, far))
}

/// The char unit `i` stands for as repaired: a piece's or a kept char, a
/// rebuilt gap's; `None` for a gap left open.
fn shown(units: &[Unit], verdicts: &[Option<Verdict>], i: usize) -> Option<char> {
    match (units.get(i)?, verdicts.get(i)?) {
        (Unit::Keep(c), _) | (Unit::Piece { ch: c, .. }, _) => Some(*c),
        (Unit::Gap { .. }, Some(Verdict::Rebuilt(r))) => Some(r.ch),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tables::{WINDOWS_1252, WINDOWS_1254};
    use super::*;

    #[test]
    fn runs_skip_ascii() {
        let r = runs("ab Ã© c “x”");
        let texts: Vec<String> = r.iter().map(|r| r.chars.iter().collect()).collect();
        assert_eq!(texts, ["Ã©", "“", "”"]);
        assert_eq!(r[0].prev, Some(' '));
        assert_eq!(r[0].range, 3..7);
        assert_eq!(r[2].next, None);
    }

    #[test]
    fn offsets_are_the_chars_byte_offsets() {
        let text = "ab Ã© c “x” 📅 日本語 ή a";
        for r in runs(text) {
            let s = &text[r.range.clone()];
            for (i, (o, _)) in s.char_indices().enumerate() {
                assert_eq!(r.offset(i), Some(o), "{s:?}");
            }
            assert_eq!(r.offset(r.chars.len()), Some(s.len()));
            assert_eq!(r.offset(r.chars.len() + 1), None);
        }
    }

    #[test]
    fn reads_pieces_and_gaps() {
        let chars: Vec<char> = "ğŸ“…".chars().collect();
        let r = read(&chars, &WINDOWS_1254);
        assert_eq!(r.units, [Unit::Piece { ch: '📅', len: 4 }]);
        let chars: Vec<char> = "â«".chars().collect();
        let r = read(&chars, &WINDOWS_1254);
        assert_eq!(r.gaps, 1);
        assert!(r.is_whole());
        // windows-1252 cannot encode ğ: kept.
        let chars: Vec<char> = "ğŸ“…".chars().collect();
        assert!(!read(&chars, &WINDOWS_1252).is_whole());
        // CESU-8: 😍 as two surrogates, read through windows-1252.
        let chars: Vec<char> = "í\u{a0}½í¸\u{8d}".chars().collect();
        let r = read(&chars, &WINDOWS_1252);
        assert_eq!(r.units, [Unit::Piece { ch: '😍', len: 6 }]);
    }

    #[test]
    fn a_reading_without_pieces_repairs_nothing() {
        use super::super::code_pages;
        let texts = [
            "Ελληνικά είναι ή και ψευδώνυμο",
            "најбољи документацију, ні, їжак, всё",
            "Café, naïve, Łódź, później, příliš, ÀÉÎ",
            "ĂĄ ÂÂ ÃÃ Ð› Π›ΠΈ ┬├ ╨ô",
        ];
        for text in texts {
            for r in runs(text) {
                let before = cost(r.prev, &r.chars, r.next);
                for &page in code_pages() {
                    let reading = read(&r.chars, page);
                    if reading.pieces > 0 {
                        continue;
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
                    let same = Repair::unchanged(&r.chars);
                    assert_eq!(rep.out, same.out, "{text:?} {}", page.name);
                    assert_eq!((rep.gain, rep.prior), (same.gain, same.prior));
                    assert_eq!(rep.changed, same.changed);
                    assert!(rep.restored.is_empty() && rep.unresolved.is_empty());
                    assert!(rep.collapsed.is_empty());
                }
            }
        }
    }

    #[test]
    fn judged_gaps_gain_no_more_than_their_bound() {
        use super::super::{code_pages, garble, layers::peel_all};
        let texts = [
            "- [ ] Görüşme notları ⏫ 📅 2025-10-26",
            "Привет, мир — «цитата»",
            "日本語のテキスト、한국어 문장",
            "Ελληνικά κείμενα και Dziękuję bardzo",
        ];
        let cx = GapContext {
            tasks: true,
            ..GapContext::default()
        };
        let (mut exact, mut rebuilt) = (0, 0);
        for text in texts {
            for page in code_pages() {
                for keep in [false, true] {
                    let garbled = garble(text, page, keep).replace('\u{81}', "\u{FFFD}");
                    for r in runs(&garbled) {
                        for &under in code_pages() {
                            let reading = read(&r.chars, under);
                            if reading.gaps == 0 {
                                continue;
                            }
                            let before = cost(r.prev, &r.chars, r.next);
                            let none = GapContext::default();
                            let first =
                                repair(&r.chars, r.prev, r.next, &reading, false, &none, before);
                            let filled =
                                repair(&r.chars, r.prev, r.next, &reading, true, &cx, before);
                            let (_, _, deeper) = peel_all(under.name, &filled.out, r.prev, r.next);
                            let reached = filled.gain + deeper;
                            let may = |need| gaps_may_reach(r.prev, r.next, &reading, &first, need);
                            assert!(may(reached), "{:?} under {}", r.chars, under.name);
                            // Where the bound is exact, judging can do no better.
                            exact += usize::from(!may(reached + 1));
                            rebuilt += usize::from(!filled.restored.is_empty());
                        }
                    }
                }
            }
        }
        assert!(
            exact > 20 && rebuilt > 5,
            "{exact} exact, {rebuilt} rebuilt"
        );
    }

    #[test]
    fn every_candidate_may_fill_its_gap() {
        use super::super::{code_pages, dropped::candidates, garble};
        let text = "⏫ 🔼 ✅ ❌ “quoted” — Görüşme Привет 日本語 ñ";
        let (mut gaps, mut ruled_out) = (0, 0);
        for page in code_pages() {
            for r in runs(&garble(text, page, false)) {
                for unit in read(&r.chars, page).units {
                    let Unit::Gap { lead, conts, .. } = unit else {
                        continue;
                    };
                    gaps += 1;
                    let all = candidates(page, lead, &conts);
                    for (c, _) in &all {
                        assert!(may_fill(*c, lead, &conts, page), "{c} under {}", page.name);
                    }
                    for c in text.chars().filter(|c| !all.iter().any(|(o, _)| o == c)) {
                        ruled_out += usize::from(!may_fill(c, lead, &conts, page));
                    }
                }
            }
        }
        assert!(
            gaps > 10 && ruled_out > 100,
            "{gaps} gaps, {ruled_out} ruled out"
        );
    }

    #[test]
    fn repair_gains() {
        let chars: Vec<char> = "â€™".chars().collect();
        let r = read(&chars, &WINDOWS_1252);
        let before = cost(Some('n'), &chars, Some('s'));
        let rep = repair(
            &chars,
            Some('n'),
            Some('s'),
            &r,
            false,
            &GapContext::default(),
            before,
        );
        assert_eq!(rep.out, ['’']);
        assert!(rep.gain >= 3, "{}", rep.gain);
        assert_eq!(rep.changed, 0..3);
    }
}
