//! The one scan that lets a note without mojibake through.
//!
//! Every repair the fix can make starts from a char some code page reads as
//! a UTF-8 lead byte, directly followed by one it reads as a continuation
//! byte: that pair is left in every whole piece and in every cut-short one
//! that kept a byte. Lone lead bytes are repaired only under a page the note
//! has shown such a pair for; a lost no-break space also on its own, so a
//! two-byte lead before a space counts too, and so does a lead char that
//! is a capital between small ASCII letters (`sprĆk`: a letter cut short
//! that its word may tell). A note with none of these under any
//! page needs nothing, and this tells so in one pass over its chars, with
//! two table lookups per non-ASCII char and no allocation.

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
    Masks { flat, high }
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

/// Whether `text` holds, under some code page, a lead byte's char directly
/// followed by a continuation byte's char: the least any repair needs.
pub fn may_hold_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    // ASCII never pairs up: jump to the first non-ASCII byte.
    let first = ascii_len(bytes);
    if first == bytes.len() {
        return false;
    }
    // From the ASCII char before it: a small letter there counts.
    holds_pair(sparse_chars(&text[first.saturating_sub(1)..]))
}

/// The chars of `s` that [`holds_pair`] reads something from: every
/// non-ASCII char, and the first and last char of each ASCII run. The
/// first ASCII char of a run ends any pair and its last says whether a
/// small letter precedes what follows; the chars between only set what
/// the last sets again. Most of a note is ASCII: it is passed over eight
/// bytes at a time instead of decoded char by char.
fn sparse_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let b = s.as_bytes();
    let mut at = 0;
    let mut run_last = None;
    std::iter::from_fn(move || {
        if let Some(c) = run_last.take() {
            return Some(c);
        }
        let c = s.get(at..)?.chars().next()?;
        if c.is_ascii() {
            let run = ascii_len(&b[at..]);
            if run >= 2 {
                run_last = Some(char::from(b[at + run - 1]));
            }
            at += run;
        } else {
            at += c.len_utf8();
        }
        Some(c)
    })
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

/// [`may_hold_mojibake`] over chars already decoded (a repair that may be
/// garbled once more).
pub fn chars_may_hold_mojibake(chars: &[char]) -> bool {
    holds_pair(chars.iter().copied())
}

fn holds_pair(chars: impl Iterator<Item = char>) -> bool {
    let masks = masks();
    let mut leads = 0u16;
    // A lead char that is a capital, straight after a small ASCII letter:
    // cut short inside a word if a small ASCII letter follows.
    let (mut small_before, mut capital_lead) = (false, false);
    for c in chars {
        if c.is_ascii() {
            if c == ' ' && leads & NBSP_LEAD != 0 {
                return true;
            }
            if capital_lead && c.is_ascii_lowercase() {
                return true;
            }
            leads = 0;
            small_before = c.is_ascii_lowercase();
            capital_lead = false;
            continue;
        }
        let (lead, cont) = masks.of(c);
        if leads & cont != 0 {
            return true;
        }
        capital_lead = small_before && lead != 0 && c.is_uppercase();
        small_before = false;
        leads = lead;
    }
    false
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
                && r.prev.is_some_and(|c| c.is_ascii_lowercase())
                && r.next.is_some_and(|c| c.is_ascii_lowercase()))
        })
    }

    #[test]
    fn sparse_chars_read_as_all_chars_do() {
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
        ];
        for text in crate::testgen::texts(&pieces, 10, 20_000) {
            assert_eq!(
                holds_pair(sparse_chars(&text)),
                holds_pair(text.chars()),
                "{text:?}"
            );
        }
        for s in [
            "",
            "abc",
            "abcdefghijklmnop",
            "abcdefgh\u{e9}ijklmnopq\u{e9}",
        ] {
            assert_eq!(ascii_len(s.as_bytes()), s.find('\u{e9}').unwrap_or(s.len()));
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
