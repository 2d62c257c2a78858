//! Which writing system a letter belongs to, where the scoring's coarse
//! script (a 256-char block for the scripts beyond the big ones) cuts a
//! script in two or puts two in one: Ethiopic spans U+1200..U+139F and
//! shares U+13xx with Cherokee; Yi spans U+A000..U+A4CF and Vai follows
//! it. A word is written in one script, so a lost byte inside it is a
//! letter of that script: the candidate of another script beside it (Ꮥ
//! beside Ethiopic ፕ, Vai ꘃ beside Yi ꃘ) is no rival, and one of the
//! same script a block away is no stranger.

use super::detect::Unit;
use super::dropped::{self, GapContext, Rebuilt, Verdict};
use super::pages::CodePage;
use super::score::{kind, script, Kind, Script};

/// The ranges of the scripts the coarse script gets wrong, with an id
/// each (several ranges of one script share it). Sorted by start.
const RANGES: &[(u32, u32, u16)] = &[
    (0x03E2, 0x03EF, 15),   // Coptic letters of the Greek block (ϯ ϩ)
    (0x0700, 0x074F, 1),    // Syriac
    (0x0780, 0x07BF, 2),    // Thaana
    (0x07C0, 0x07FF, 3),    // N'Ko
    (0x0860, 0x086F, 1),    // Syriac supplement
    (0x0F00, 0x0FFF, 4),    // Tibetan
    (0x1000, 0x109F, 5),    // Myanmar
    (0x10A0, 0x10FF, 6),    // Georgian
    (0x1200, 0x139F, 7),    // Ethiopic
    (0x13A0, 0x13FF, 8),    // Cherokee
    (0x1400, 0x167F, 9),    // Canadian syllabics
    (0x1680, 0x169F, 10),   // Ogham
    (0x16A0, 0x16FF, 11),   // Runic
    (0x1780, 0x17FF, 12),   // Khmer
    (0x1800, 0x18AF, 13),   // Mongolian
    (0x18B0, 0x18FF, 9),    // Canadian syllabics extended
    (0x19E0, 0x19FF, 12),   // Khmer symbols
    (0x1C50, 0x1C7F, 14),   // Ol Chiki
    (0x1C90, 0x1CBF, 6),    // Georgian Mtavruli
    (0x2C80, 0x2CFF, 15),   // Coptic
    (0x2D00, 0x2D2F, 6),    // Georgian supplement
    (0x2D30, 0x2D7F, 16),   // Tifinagh
    (0x2D80, 0x2DDF, 7),    // Ethiopic extended
    (0xA000, 0xA4CF, 17),   // Yi
    (0xA4D0, 0xA4FF, 18),   // Lisu
    (0xA500, 0xA63F, 19),   // Vai
    (0xA6A0, 0xA6FF, 20),   // Bamum
    (0xA9E0, 0xA9FF, 5),    // Myanmar extended-B
    (0xAA60, 0xAA7F, 5),    // Myanmar extended-A
    (0xAB00, 0xAB2F, 7),    // Ethiopic extended-A
    (0xAB70, 0xABBF, 8),    // Cherokee supplement
    (0x10400, 0x1044F, 21), // Deseret
    (0x10450, 0x1047F, 22), // Shavian
    (0x10480, 0x104AF, 23), // Osmanya
    (0x104B0, 0x104FF, 24), // Osage
    (0x10D00, 0x10D3F, 25), // Hanifi Rohingya
    (0x11100, 0x1114F, 26), // Chakma
    (0x1E100, 0x1E14F, 27), // Nyiakeng Puachue Hmong
    (0x1E7E0, 0x1E7FF, 7),  // Ethiopic extended-B
    (0x1E900, 0x1E95F, 28), // Adlam
];

/// The writing system of `c`, as a key to compare: the table's for the
/// scripts it lists, the coarse script's otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// A script of the table, by id.
    Listed(u16),
    /// The coarse script.
    Coarse(Script),
}

/// The writing system of `c`, from a table of 256-char blocks filled
/// from [`writing_by_rule`] the first time a char of the block is asked
/// for: every candidate of every gap is asked, beside its neighbour.
pub fn writing(c: char) -> Writing {
    const BLOCK: u32 = 256;
    const BLOCKS: usize = (0x40000 / BLOCK) as usize;
    static TABLE: [std::sync::OnceLock<Box<[Writing]>>; BLOCKS] =
        [const { std::sync::OnceLock::new() }; BLOCKS];
    let u = u32::from(c);
    let Some(cell) = TABLE.get((u / BLOCK) as usize) else {
        return writing_by_rule(c);
    };
    let start = u / BLOCK * BLOCK;
    let block = cell.get_or_init(|| {
        (start..start + BLOCK)
            // A surrogate is never asked: any value stands in.
            .map(|u| char::from_u32(u).map_or(Writing::Coarse(Script::Common), writing_by_rule))
            .collect()
    });
    block
        .get((u - start) as usize)
        .copied()
        .unwrap_or_else(|| writing_by_rule(c))
}

/// The writing system of `c`, by its ranges.
fn writing_by_rule(c: char) -> Writing {
    let u = u32::from(c);
    let at = RANGES.partition_point(|&(lo, _, _)| lo <= u);
    match at.checked_sub(1).and_then(|i| RANGES.get(i)) {
        Some(&(_, hi, id)) if u <= hi && script(c) != Script::Common => Writing::Listed(id),
        _ => Writing::Coarse(script(c)),
    }
}

/// Whether `c`'s script is one the table lists: its letters are told
/// apart by the table, not by their 128-char block.
pub fn is_listed(c: char) -> bool {
    matches!(writing(c), Writing::Listed(_))
}

/// Why a gap is rebuilt here.
pub const ONLY_OF_THE_WORDS_SCRIPT: &str =
    "the only letter of the script every other letter and gap of its word is written in";

/// Rebuilds, in place in `verdicts`, each open gap whose word is written
/// in one script and which only one candidate of that script fills. The
/// word's script is its known letters' one, or, where every letter of
/// the word lost a byte (Osage, Adlam and Shavian through windows-1252,
/// whose every sequence holds 0x90), the one script each of its gaps has
/// a letter of. A gap that may also be a combining mark of another script
/// stays.
pub fn settle(page: &CodePage, units: &[Unit], verdicts: &mut [Option<Verdict>], cx: &GapContext) {
    let open = |v: Option<&Option<Verdict>>| matches!(v, Some(Some(Verdict::Ambiguous(_))));
    let mut u = 0;
    while u < units.len() {
        // The word from `u`: letters, marks and gaps, up to anything else.
        let start = u;
        let mut known: Option<Writing> = None;
        let mut mixed = false;
        let mut gaps = Vec::new();
        while let Some(unit) = units.get(u) {
            let ch = match (unit, verdicts.get(u)) {
                (Unit::Keep(c) | Unit::Piece { ch: c, .. }, _) => Some(*c),
                (Unit::Gap { .. }, Some(Some(Verdict::Rebuilt(r)))) => Some(r.ch),
                (Unit::Gap { lead, conts, .. }, v) if open(v) => {
                    gaps.push((u, dropped::field(page, *lead, conts, cx)));
                    None
                }
                _ => break,
            };
            if let Some(c) = ch {
                match kind(c) {
                    Kind::Letter => {
                        mixed |= known.is_some_and(|w| w != writing(c));
                        known = Some(writing(c));
                    }
                    Kind::Mark => {}
                    _ => break,
                }
            }
            u += 1;
        }
        u = u.max(start + 1);
        if gaps.is_empty() || mixed {
            continue;
        }
        let letters = |field: &[char], w: Writing| -> Vec<char> {
            field
                .iter()
                .copied()
                .filter(|&c| matches!(kind(c), Kind::Letter | Kind::Mark) && writing(c) == w)
                .collect()
        };
        // The script: the known letters', or the one every gap can be.
        let w = match known {
            Some(w) => w,
            None => {
                let mut shared: Vec<Writing> = gaps[0]
                    .1
                    .iter()
                    .filter(|&&c| kind(c) == Kind::Letter)
                    .map(|&c| writing(c))
                    .collect();
                shared.dedup();
                shared.retain(|&w| gaps.iter().all(|(_, f)| !letters(f, w).is_empty()));
                match shared[..] {
                    [w] => w,
                    _ => continue,
                }
            }
        };
        // Ideographs, kana and Hangul write their punctuation between
        // letters, with no space: a gap there may be a comma.
        if w == Writing::Coarse(Script::Cjk) {
            continue;
        }
        for (g, field) in &gaps {
            // A mark of another script, or punctuation: not only letters.
            let marks_elsewhere = field.iter().any(|&c| {
                (kind(c) == Kind::Mark && writing(c) != w)
                    || matches!(kind(c), Kind::Punct | Kind::Plain)
            });
            let (Some(Unit::Gap { lead, conts, .. }), [only], false) =
                (units.get(*g), &letters(field, w)[..], marks_elsewhere)
            else {
                continue;
            };
            let own = dropped::candidates(page, *lead, conts);
            if let (Some((ch, restored)), Some(v)) = (
                own.into_iter().find(|(o, _)| o == only),
                verdicts.get_mut(*g),
            ) {
                *v = Some(Verdict::Rebuilt(Rebuilt {
                    ch,
                    restored,
                    reason: ONLY_OF_THE_WORDS_SCRIPT,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::garble;
    use super::super::tables::WINDOWS_1252;
    use super::super::tests::fix;
    use super::*;

    #[test]
    fn a_letter_of_the_words_script_a_block_away() {
        // ፕ (E1 8D 95) loses 0x8D: of the letters E1 95 can be rebuilt
        // into, only ፕ is Ethiopic, a 256-char block from ይ before it.
        let text = "ሳይፕረስ";
        let garbled = garble(text, &WINDOWS_1252, false);
        assert!(garbled.contains("á•"), "{garbled}");
        assert_eq!(fix(&garbled), text);
    }

    #[test]
    fn every_letter_of_the_word_lost_a_byte() {
        // Osage through windows-1252 loses the 0x90 of every letter: each
        // gap has one Osage candidate, the rest hieroglyphs and cuneiform.
        let text = "𐒹𐓘͘𐓬𐓘 𐒼𐓣𐓟𐓰𐓪𐓬𐓘";
        let garbled = garble(text, &WINDOWS_1252, false);
        assert!(!garbled.contains('𐓘'), "{garbled}");
        assert_eq!(fix(&garbled), text);
    }

    #[test]
    fn scripts_across_blocks_and_within_one() {
        // Ethiopic across two 256-char blocks; Cherokee beside it.
        assert_eq!(writing('ይ'), writing('ፕ'));
        assert_ne!(writing('ፕ'), writing('Ꮥ'));
        // Yi across blocks, Vai after it.
        assert_eq!(writing('ꃘ'), writing('ꆪ'));
        assert_ne!(writing('ꃘ'), writing('ꘃ'));
        // Scripts the coarse one tells apart stay as they were.
        assert_eq!(writing('с'), Writing::Coarse(Script::Cyrillic));
        assert_ne!(writing('ܐ'), writing('ا'));
        assert!(RANGES.windows(2).all(|w| w[0].1 < w[1].0));
    }
}
