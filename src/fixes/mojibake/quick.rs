//! The one scan that lets a note without mojibake through.
//!
//! Every repair the fix can make starts from a char some code page reads as
//! a UTF-8 lead byte, directly followed by one it reads as a continuation
//! byte: that pair is left in every whole piece and in every cut-short one
//! that kept a byte. Lone lead bytes are repaired only under a page the note
//! has shown such a pair for; a lost no-break space also on its own, so a
//! two-byte lead before a space counts too, and so does a lead char that
//! is a capital between small ASCII letters (`sprĆk`: a letter cut short
//! that its word may tell), between ASCII capitals (`ARTÃCULO`) or, odd
//! there, opening a word before a small one (`Ãrabe`). A note with none
//! of these under any page needs nothing, and this tells so in one pass
//! over its chars, with two table lookups per non-ASCII char and no
//! allocation.

use super::pages::{is_continuation, sequence_len, CodePage};
use super::tables;
use std::sync::OnceLock;

/// Chars below this have their masks in a flat table; above it the few the
/// pages use (Mac Roman's ◊, ﬁ, ﬂ and Apple logo) are searched.
const FLAT: usize = 0x2600;

/// Per char, the pages (one bit each) that read it as a lead byte, and those
/// that read it as a continuation byte.
/// A bit of the lead mask no page uses: the char is a two-byte lead under
/// a page that reads 0xA0 as a no-break space (which an editor may have
/// turned into the space after it).
const NBSP_LEAD: u16 = 1 << 15;

struct Masks {
    flat: Vec<(u16, u16)>,
    high: Vec<(u32, u16, u16)>,
    /// Per block of 64 chars below U+10000 (what a three-byte sequence's
    /// lead and second byte tell), whether none of them is a page's char,
    /// a C1 control or U+FFFD: the scan passes such chars over undecoded
    /// (task emoji such as ⏳ ⏫ ✅).
    quiet: Vec<bool>,
}

fn masks() -> &'static Masks {
    static MASKS: OnceLock<Masks> = OnceLock::new();
    MASKS.get_or_init(|| build(&tables::ALL))
}

fn build(pages: &[&CodePage]) -> Masks {
    let mut flat = vec![(0u16, 0u16); FLAT];
    let mut high: Vec<(u32, u16, u16)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let bit = 1u16 << p;
        let nbsp = page.byte_of('\u{a0}') == Some(0xA0);
        for &(c, b) in page.encode {
            let lead = match sequence_len(b) {
                Some(2) if nbsp => bit | NBSP_LEAD,
                Some(n) if n >= 2 => bit,
                _ => 0,
            };
            let cont = if is_continuation(b) { bit } else { 0 };
            let c = usize::from(c);
            if let Some(slot) = flat.get_mut(c) {
                slot.0 |= lead;
                slot.1 |= cont;
            } else {
                match high.iter_mut().find(|h| h.0 as usize == c) {
                    Some(h) => {
                        h.1 |= lead;
                        h.2 |= cont;
                    }
                    None => high.push((c as u32, lead, cont)),
                }
            }
        }
    }
    high.sort_unstable_by_key(|h| h.0);
    let mut masks = Masks {
        flat,
        high,
        quiet: Vec::new(),
    };
    masks.quiet = (0..0x400u32)
        .map(|block| {
            (block << 6..(block + 1) << 6).all(|u| {
                char::from_u32(u).is_none_or(|c| {
                    masks.of(c) == (0, 0) && !('\u{80}'..='\u{9f}').contains(&c) && c != '\u{fffd}'
                })
            })
        })
        .collect();
    masks
}

impl Masks {
    fn of(&self, c: char) -> (u16, u16) {
        let u = u32::from(c);
        match self.flat.get(u as usize) {
            Some(&m) => m,
            None => self
                .high
                .binary_search_by_key(&u, |h| h.0)
                .ok()
                .and_then(|i| self.high.get(i))
                .map_or((0, 0), |h| (h.1, h.2)),
        }
    }
}

/// The pages (bit `i` for `code_pages()[i]`) that read `c` as the lead
/// byte of a sequence of two bytes or more.
pub fn lead_pages(c: char) -> u16 {
    if c.is_ascii() {
        return 0;
    }
    masks().of(c).0 & !NBSP_LEAD
}

/// The pages (bit `i` for `code_pages()[i]`) that read `c` as a
/// continuation byte.
pub fn cont_pages(c: char) -> u16 {
    if c.is_ascii() {
        return 0;
    }
    masks().of(c).1
}

/// Whether `text` holds, under some code page, a lead byte's char directly
/// followed by a continuation byte's char: the least any repair needs.
#[cfg(test)]
pub fn may_hold_mojibake(text: &str) -> bool {
    scan(text, false)
}

/// Whether `text` needs the full look: it holds a C1 control (`c1`), a
/// U+FFFD (which may stand for a lost continuation byte), or what
/// [`may_hold_mojibake`] looks for. One pass over the text, where three
/// took one each.
pub fn needs_look(text: &str) -> bool {
    scan(text, true)
}

fn scan(text: &str, marks: bool) -> bool {
    let b = text.as_bytes();
    // ASCII never pairs up: jump to the first non-ASCII byte, from the
    // ASCII char before it (a small letter there counts).
    let first = ascii_len(b);
    if first == b.len() {
        return false;
    }
    let mut at = first.saturating_sub(1);
    let masks = masks();
    let mut pair = Pair::default();
    while let Some(&lead) = b.get(at) {
        // Of an ASCII run only its first char (which ends any pair) and
        // its last (a small letter before what follows?) tell anything;
        // the run is passed over eight bytes at a time.
        if lead.is_ascii() {
            let run = ascii_len(b.get(at..).unwrap_or_default());
            if pair.ascii(char::from(lead)) {
                return true;
            }
            if let Some(&last) = b.get(at + run - 1).filter(|_| run >= 2) {
                pair.ascii(char::from(last));
            }
            at += run;
            continue;
        }
        // Four bytes, or three in a block of chars no page reads (CJK,
        // Hangul, kana, most emoji and signs): nothing to pair (and no
        // mark), so not decoded.
        let quiet_block = || {
            let second = usize::from(b.get(at + 1).copied().unwrap_or(0) & 0x3F);
            let block = usize::from(lead & 0x0F) << 6 | second;
            masks.quiet.get(block).copied().unwrap_or(false)
        };
        if lead >= 0xF0 || (lead >= 0xE0 && quiet_block()) {
            pair.other(char::MAX, (0, 0));
            at += if lead >= 0xF0 { 4 } else { 3 };
            continue;
        }
        let Some((c, len)) = decode_at(b, at) else {
            return true;
        };
        if marks && (c <= '\u{9f}' || c == '\u{fffd}') {
            return true;
        }
        if pair.other(c, masks.of(c)) {
            return true;
        }
        at += len;
    }
    false
}

/// The two-or-three-byte char whose UTF-8 starts at `b[at]`, and its
/// length: by hand, as `str::chars` would, without its checks (the bytes
/// are a `str`'s).
fn decode_at(b: &[u8], at: usize) -> Option<(char, usize)> {
    let lead = u32::from(*b.get(at)?);
    let cont = |k: usize| b.get(at + k).map(|&x| u32::from(x & 0x3F));
    let (u, len) = if lead < 0xE0 {
        (((lead & 0x1F) << 6) | cont(1)?, 2)
    } else {
        (((lead & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3)
    };
    Some((char::from_u32(u)?, len))
}

/// How many ASCII bytes `b` starts with: eight tested at a time, by their
/// high bits.
pub fn ascii_len(b: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + b[at..].iter().take_while(|x| x.is_ascii()).count()
}

/// How many bytes of `b` before its first ASCII byte: eight tested at a
/// time, as [`ascii_len`] does, for the runs of a note whose words are
/// all non-ASCII (Cyrillic, Greek, or garbled Devanagari).
pub fn non_ascii_len(b: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let low = !u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
        if low != 0 {
            return at + (low.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + b[at..].iter().take_while(|x| !x.is_ascii()).count()
}

/// [`may_hold_mojibake`] over chars already decoded (a repair that may be
/// garbled once more).
pub fn chars_may_hold_mojibake(chars: &[char]) -> bool {
    holds_pair(chars.iter().copied())
}

/// Whether `chars` hold a pair (see the module's docs).
fn holds_pair(chars: impl Iterator<Item = char>) -> bool {
    let masks = masks();
    let mut pair = Pair::default();
    for c in chars {
        let found = if c.is_ascii() {
            pair.ascii(c)
        } else {
            pair.other(c, masks.of(c))
        };
        if found {
            return true;
        }
    }
    false
}

/// Whether a word may open right after ASCII `c`: a space, an opening
/// bracket or a quote.
pub fn opens_after(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '(' | '[' | '"' | '\'')
}

/// A capital that opens a word no language opens with it, or of a script
/// other than Latin (where a Latin word follows): see `choose`'s rule 3.
pub fn opens_oddly(c: char) -> bool {
    !super::lang::opens_words(c) || super::score::script(c) != super::score::Script::Latin
}

/// What the chars so far leave for the next one to pair with.
#[derive(Default)]
struct Pair {
    /// The pages reading the last char as a lead byte.
    leads: u16,
    /// The last char, if ASCII (0 otherwise).
    before: u8,
    /// The last char cannot open a word before it: not a space, an opening
    /// bracket or quote, nor the text's start.
    mid_word: bool,
    /// A lead char that is a capital, cut short if the ASCII char after it
    /// is of this case: straight after a small ASCII letter or where a
    /// word opens, a small letter ([`SMALL_AFTER`]); straight after an
    /// ASCII capital, a capital ([`CAPITAL_AFTER`]); 0 otherwise.
    capital_lead: u8,
}

/// [`Pair::capital_lead`]: a small ASCII letter must follow.
const SMALL_AFTER: u8 = 1;
/// [`Pair::capital_lead`]: an ASCII capital must follow.
const CAPITAL_AFTER: u8 = 2;

impl Pair {
    /// Takes ASCII `c`; true when it completes what a repair needs.
    /// Inlined: the scan calls it at both ends of every ASCII run.
    #[inline(always)]
    fn ascii(&mut self, c: char) -> bool {
        if (c == ' ' && self.leads & NBSP_LEAD != 0)
            || (self.capital_lead != 0
                && ((self.capital_lead == SMALL_AFTER && c.is_ascii_lowercase())
                    || (self.capital_lead == CAPITAL_AFTER && c.is_ascii_uppercase())))
        {
            return true;
        }
        *self = Pair {
            leads: 0,
            before: c as u8,
            mid_word: !opens_after(c),
            capital_lead: 0,
        };
        false
    }

    /// Takes non-ASCII `c`, with its lead and continuation masks.
    fn other(&mut self, c: char, (lead, cont): (u16, u16)) -> bool {
        if self.leads & cont != 0 {
            return true;
        }
        self.capital_lead = if lead == 0 || !c.is_uppercase() {
            0
        } else if self.before.is_ascii_lowercase() || (!self.mid_word && opens_oddly(c)) {
            SMALL_AFTER
        } else if self.before.is_ascii_uppercase() {
            CAPITAL_AFTER
        } else {
            0
        };
        self.before = 0;
        self.mid_word = true;
        self.leads = lead;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect::runs;
    use super::super::{code_pages, garble};
    use super::*;

    /// Whether `chars`, read through `page`, hold a lead byte directly
    /// followed by a continuation byte, asked of the page itself.
    fn has_lead_then_continuation(chars: &[char], page: &CodePage) -> bool {
        chars.windows(2).any(|pair| {
            page.byte_of(pair[0])
                .and_then(sequence_len)
                .is_some_and(|n| n >= 2)
                && page.byte_of(pair[1]).is_some_and(is_continuation)
        })
    }

    /// The long way: every run through every page.
    fn slow(text: &str) -> bool {
        runs(text).iter().any(|r| {
            code_pages().iter().any(|page| {
                has_lead_then_continuation(&r.chars, page)
                    || (r.next == Some(' ')
                        && page.byte_of('\u{a0}') == Some(0xA0)
                        && r.chars
                            .last()
                            .and_then(|&c| page.byte_of(c))
                            .and_then(sequence_len)
                            == Some(2))
            }) || (r.chars.len() == 1
                && r.chars[0].is_uppercase()
                && lead_pages(r.chars[0]) != 0
                && r.prev.is_none_or(|c| {
                    c.is_ascii_lowercase() || (opens_after(c) && opens_oddly(r.chars[0]))
                })
                && r.next.is_some_and(|c| c.is_ascii_lowercase()))
                || (r.chars.len() == 1
                    && r.chars[0].is_uppercase()
                    && lead_pages(r.chars[0]) != 0
                    && r.prev.is_some_and(|c| c.is_ascii_uppercase())
                    && r.next.is_some_and(|c| c.is_ascii_uppercase()))
        })
    }

    #[test]
    fn the_byte_scan_reads_as_all_chars_do() {
        let pieces = [
            "a",
            "B",
            " ",
            "Ã",
            "©",
            "é",
            "Ć",
            "\u{a0}",
            "Привет",
            "xx",
            "Ñ",
            "ÂÂ",
            "💡",
            "  ",
            "日本",
            "⏳✅",
            "◊",
            "ﬁ",
            "\u{f8ff}",
            "한",
        ];
        for text in crate::testgen::texts(&pieces, 10, 20_000) {
            assert_eq!(scan(&text, false), holds_pair(text.chars()), "{text:?}");
        }
        for s in [
            "",
            "abc",
            "abcdefghijklmnop",
            "abcdefgh\u{e9}ijklmnopq\u{e9}",
        ] {
            assert_eq!(ascii_len(s.as_bytes()), s.find('\u{e9}').unwrap_or(s.len()));
        }
        for s in [
            "",
            "é",
            "éééééééé",
            "ééééa",
            "éééééééééé b",
            "Привет, мир",
            "ğŸ“…x",
        ] {
            let naive = s.bytes().take_while(|b| !b.is_ascii()).count();
            assert_eq!(non_ascii_len(s.as_bytes()), naive, "{s:?}");
        }
    }

    #[test]
    fn needs_look_is_the_three_checks_in_one() {
        let pieces = [
            "a", " ", "Ã", "©", "é", "\u{85}", "\u{92}", "\u{fffd}", "💡", "Ć", "\u{a0}", "ÿ",
        ];
        for text in crate::testgen::texts(&pieces, 6, 20_000) {
            let three = super::super::c1::has_c1(&text)
                || text.contains('\u{FFFD}')
                || may_hold_mojibake(&text);
            assert_eq!(needs_look(&text), three, "{text:?}");
        }
    }

    #[test]
    fn agrees_with_reading_every_run_through_every_page() {
        let samples = [
            "plain ASCII",
            "Café au lait, naïve, Ærø, Øre, São Paulo — “quoted” … 📅 ⏫ 🔁",
            "日本語のテキスト、中文文本 한국어 Русский Ελληνικά العربية हिन्दी",
            "ÀÁÂ ÃÄ ÅÆ ÇÈ ÉÊ Ë",
            "IRMÃ E MAÇÃ — VÝŠKA ŠÍRKA Ö–A",
            "◊ﬁﬂ\u{f8ff} ∂∆∏∑√∞∫≈≠≤≥ ░▒▓│┤╡",
            "sprĆk, na hÉireann, kaÅmiiri, McÉ, aÉ, Éa",
            "ARTÃCULO, KÖNIG, XÉX, XÉ, ÉX, AÃ B",
        ];
        for s in samples {
            assert_eq!(may_hold_mojibake(s), slow(s), "{s:?}");
            for &page in code_pages() {
                for keep in [true, false] {
                    let g = garble(s, page, keep);
                    assert_eq!(
                        may_hold_mojibake(&g),
                        slow(&g),
                        "{} {keep} {g:?}",
                        page.name
                    );
                }
            }
        }
        // Every char any page reads, next to every other.
        let all: Vec<char> = code_pages()
            .iter()
            .flat_map(|p| (0x80u8..=0xFF).filter_map(|b| p.char_of(b)))
            .collect();
        for pair in all.windows(2) {
            let s: String = pair.iter().collect();
            assert_eq!(may_hold_mojibake(&s), slow(&s), "{s:?}");
        }
    }

    #[test]
    fn no_page_reads_a_char_the_byte_scan_skips() {
        let masks = masks();
        for u in 0x800..=0xFFFFu32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let block = usize::from(b[0] & 0x0F) << 6 | usize::from(b[1] & 0x3F);
            if masks.quiet[block] {
                assert_eq!(masks.of(c), (0, 0), "U+{u:04X}");
                assert_ne!(c, '\u{fffd}');
            }
        }
        // The blocks of CJK and of the task emoji are passed over.
        for c in ['日', '⏳', '⏫', '✅'] {
            let u = u32::from(c) as usize;
            assert!(masks.quiet[u >> 6], "{c}");
        }
    }

    #[test]
    fn lead_pages_are_the_pages_reading_a_lead_byte() {
        for u in 0..0x11000u32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let expected = code_pages().iter().enumerate().fold(0u16, |m, (p, page)| {
                let lead = page
                    .byte_of(c)
                    .and_then(sequence_len)
                    .is_some_and(|n| n >= 2);
                m | u16::from(lead) << p
            });
            assert_eq!(lead_pages(c), expected, "U+{u:04X}");
        }
    }

    #[test]
    fn typical_mojibake_and_clean_text() {
        assert!(may_hold_mojibake("Itâ€™s ğŸ“… done"));
        assert!(may_hold_mojibake("cafÃ©"));
        assert!(!may_hold_mojibake("It’s 📅 done, café"));
        assert!(!may_hold_mojibake(""));
    }
}
