//! Plausibility: how unlikely a stretch of text is as something a person
//! wrote. Mojibake is full of unlikely neighbours (a letter followed by a
//! currency sign, a lowercase letter before a capital, a Cyrillic letter in
//! a Latin word, C1 controls); its repair is not. The fix compares the cost
//! of a stretch before and after a candidate repair, with the same context
//! chars around both.

/// The writing system a letter belongs to; marks count with their base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Not a letter (digits, punctuation, symbols, emoji, spaces).
    Common,
    /// Latin, with IPA and Vietnamese.
    Latin,
    /// Greek and Coptic.
    Greek,
    /// Cyrillic.
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Hebrew.
    Hebrew,
    /// Arabic (and the Syriac/Thaana neighbourhood).
    Arabic,
    /// One of the Brahmic scripts of U+0900..U+0DFF, by 128-char block.
    Indic(u8),
    /// Thai.
    Thai,
    /// Lao.
    Lao,
    /// Han, kana, bopomofo and Hangul: scripts that mix within a sentence.
    Cjk,
    /// Anything else, named by where its script starts (see
    /// [`other_script`]).
    Other(u32),
}

/// What a char is, as far as plausibility cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A letter (alphabetic).
    Letter,
    /// A combining mark: belongs after a letter.
    Mark,
    /// Digits, spaces and ASCII punctuation.
    Plain,
    /// Punctuation people put next to letters: ’ “ ” – — … « » · and kin.
    Punct,
    /// A symbol that rarely touches a letter: currency, ™ © ± ¤ ¦ ¨ ¯ ´ ¸ ¬,
    /// box drawing, maths.
    Symbol,
    /// Emoji and pictographs (and the variation selectors that follow them).
    Emoji,
    /// Controls, format chars, private use, code points Unicode leaves
    /// unassigned: never typed into a note.
    Control,
}

/// `char::is_alphabetic`, from a table (see `class`): scoring asks it of
/// every char of every reading, and the general lookup was a quarter of
/// the fix's time.
pub fn is_alpha(c: char) -> bool {
    super::class::is_alphabetic(c)
}

/// `char::is_numeric`, from the same table.
fn is_num(c: char) -> bool {
    super::class::is_numeric(c)
}

/// The script of `c` (from the table in `class` where it has `c`).
pub fn script(c: char) -> Script {
    super::class::script(c)
}

/// The script of `c`, by rule.
pub(super) fn script_by_rule(c: char) -> Script {
    let u = u32::from(c);
    if !is_alpha(c) && !is_mark(u) {
        return Script::Common;
    }
    match u {
        // Spacing modifier letters (ʻ ʼ ˀ) are written with Latin.
        0..=0x2FF
        | 0x1D00..=0x1DBF
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xFF21..=0xFF5A => Script::Latin,
        0x300..=0x36F => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F | 0xFB13..=0xFB17 => Script::Armenian,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0xDFF => Script::Indic(((u - 0x900) / 0x80) as u8),
        0xE00..=0xE7F => Script::Thai,
        0xE80..=0xEFF => Script::Lao,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFFDC
        | 0x20000..=0x3FFFF => Script::Cjk,
        _ => Script::Other(other_script(u)),
    }
}

/// Where the script of `u` starts, for the scripts that [`script_by_rule`]
/// names by no variant of their own: the first char of their main block for
/// the living scripts that span more than one 256-char block, or share one
/// with another script (Ethiopic's syllables run from U+1200 to U+139F;
/// Vai's from U+A500 to U+A63F), the start of its 256-char block for
/// the rest. Counted by block alone, a word of one script read as a mix of
/// two (`ጋለ`: U+130B then U+1208), which no word is.
pub(super) fn other_script(u: u32) -> u32 {
    match u {
        0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F => 0x1000, // Myanmar
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => 0x10A0, // Georgian
        0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => 0x1200, // Ethiopic
        0x13A0..=0x13FF | 0xAB70..=0xABBF => 0x13A0,                   // Cherokee
        0x1400..=0x167F | 0x18B0..=0x18FF => 0x1400,                   // Canadian syllabics
        0x1780..=0x17FF | 0x19E0..=0x19FF => 0x1780,                   // Khmer
        0x1800..=0x18AF => 0x1800,                                     // Mongolian
        0x2D30..=0x2D7F => 0x2D30,                                     // Tifinagh
        0xA000..=0xA4CF => 0xA000,                                     // Yi
        0xA500..=0xA63F => 0xA500,                                     // Vai
        0xA6A0..=0xA6FF => 0xA6A0,                                     // Bamum
        _ => u & !0xFF,
    }
}

/// Combining marks: the blocks listed, and from Myanmar's block on every
/// non-alphabetic mark (the viramas and signs of Khmer, Chakma, Tibetan),
/// which taken for symbols made every such word look less plausible than
/// its mojibake. Alphabetic vowel signs stay letters, as the Indic blocks
/// have them.
fn is_mark(u: u32) -> bool {
    matches!(
        u,
        0x300..=0x36F
            | 0x483..=0x489
            | 0x591..=0x5C7
            | 0x610..=0x61A
            | 0x64B..=0x65F
            | 0x670
            | 0x6D6..=0x6ED
            // Syriac, Thaana and N'Ko vowel and tone marks.
            | 0x711
            | 0x730..=0x74A
            | 0x7A6..=0x7B0
            | 0x7EB..=0x7F3
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F
    ) || (u >= 0x1000 && super::marks::is_mark(u) && !char::from_u32(u).is_some_and(is_alpha))
}

/// Kind of `c` (from the table in `class` where it has `c`).
pub fn kind(c: char) -> Kind {
    super::class::kind(c)
}

/// Whether Unicode leaves `u` unassigned (a hole in a block, U+05CD
/// beside the Hebrew letters): no note holds it, so no lost byte made it.
fn is_unassigned(u: u32) -> bool {
    let ranges = &super::unassigned::RANGES;
    let i = ranges.partition_point(|&(_, end)| end < u);
    ranges.get(i).is_some_and(|&(start, _)| start <= u)
}

/// Kind of `c`, by rule.
pub(super) fn kind_by_rule(c: char) -> Kind {
    let u = u32::from(c);
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Kind::Letter
        } else if c.is_ascii_control() && !c.is_ascii_whitespace() {
            Kind::Control
        } else {
            Kind::Plain
        };
    }
    if is_mark(u) {
        return Kind::Mark;
    }
    if is_unassigned(u) {
        return Kind::Control;
    }
    match u {
        // Format chars are real text: zero-width spaces and joiners, the
        // direction marks of Arabic and Hebrew, the word joiner, a BOM.
        0x200B | 0x200C | 0x200E | 0x200F | 0x2060 | 0xFEFF => return Kind::Plain,
        0x80..=0x9F | 0xAD | 0x2028..=0x202E | 0x2061..=0x206F => return Kind::Control,
        // The replacement char: what a decoder left for bytes it could not read.
        0xFFFD => return Kind::Symbol,
        0xE000..=0xF8FF | 0xFFF0..=0xFFFF | 0xE0000.. => return Kind::Control,
        0xFE00..=0xFE0F | 0x200D | 0x20E3 => return Kind::Emoji,
        _ => {}
    }
    if is_alpha(c) {
        return Kind::Letter;
    }
    if matches!(u, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE | 0x2070..=0x209F | 0x2150..=0x218F | 0x2460..=0x24FF)
    {
        return Kind::Symbol;
    }
    if is_num(c) || c.is_whitespace() {
        return Kind::Plain;
    }
    match u {
        // ’ ‘ “ ” „ – — ‐ ‑ … « » · ‹ › ¡ ¿ § ° and CJK / full-width punctuation.
        0xA1
        | 0xA7
        | 0xAB
        | 0xB0
        | 0xB7
        | 0xBB
        | 0xBF
        | 0x2010..=0x2019
        | 0x201C..=0x201D
        | 0x201E => Kind::Punct,
        // The katakana middle dot and the full-width brackets and halfwidth
        // punctuation count as CJK punctuation too.
        0x2022
        | 0x2026
        | 0x2032
        | 0x2033
        | 0x2039
        | 0x203A
        | 0x3000..=0x303F
        | 0x30FB
        | 0xFF01..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 => Kind::Punct,
        0x55A..=0x55F
        | 0x589
        | 0x5BE
        | 0x5F3
        | 0x5F4
        | 0x60C
        | 0x61B
        | 0x61F
        | 0x6D4
        | 0x964
        | 0x965 => Kind::Punct,
        0x2190..=0x21FF
        | 0x231A
        | 0x231B
        | 0x23E9..=0x23FA
        | 0x2600..=0x27BF
        | 0x2B00..=0x2BFF
        | 0x1F000..=0x1FAFF => Kind::Emoji,
        _ => Kind::Symbol,
    }
}

/// How unlikely `c` is on its own in a note (from the table in `class`
/// where it has `c`).
pub fn char_cost(c: char) -> u32 {
    super::class::cost(c)
}

/// How unlikely `c` is on its own in a note: 0 for the everyday chars of
/// living scripts, more for rare blocks, most for controls. Asks the
/// kind by rule too: the table in `class` is filled from these rules.
pub(super) fn char_cost_by_rule(c: char) -> u32 {
    let u = u32::from(c);
    if c.is_ascii() {
        return if kind_by_rule(c) == Kind::Control {
            10
        } else {
            0
        };
    }
    match kind_by_rule(c) {
        Kind::Control => return 10,
        // The marks Latin orthographies stack on their letters (grave to
        // caron, dot to macron below: Kaje's A̱, Yoruba's ẹ́) are everyday
        // text; the rest are rarer.
        Kind::Mark if matches!(u, 0x300..=0x30C | 0x323..=0x331) => return 1,
        Kind::Mark => return 2,
        _ => {}
    }
    match u {
        0x2000..=0x200F | 0x2060 | 0xFEFF => 0,
        0xFFFD => 1,
        // Letters no living orthography writes: the long s, kra, ŉ.
        0x138 | 0x149 | 0x17F => 5,
        // Letters hardly ever typed: the ij and ŀ ligatures.
        0x132 | 0x133 | 0x13F | 0x140 => 2,
        // Latin-1 symbols a code page makes of continuation bytes.
        0xA4
        | 0xA6
        | 0xA8
        | 0xAF
        | 0xB4
        | 0xB8
        | 0xAC
        | 0xB1
        | 0xB9
        | 0xAA
        | 0xBA
        | 0xBC..=0xBE => 1,
        0xA0..=0x17F => 0,
        0x180..=0x24F => match u {
            0x218..=0x21B | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1CD..=0x1DC => 0,
            // Letters of living orthographies of Africa, the Americas and
            // the north: the clicks ǀ ǁ ǂ ǃ of Khoekhoe, ǥ ǧ ǩ ǯ of Skolt
            // Sami, ǫ of Navajo, ǹ of Ewondo, ȟ of Lakota. Not ʒ and ʔ:
            // windows-1250 reads Ewe's ƒ and Tamazight's Ɣ through
            // windows-1257 as them.
            0x1C0..=0x1C3 | 0x1E4..=0x1F0 | 0x1F4 | 0x1F5 | 0x1F8 | 0x1F9 | 0x21E | 0x21F => 1,
            // Their capitals, ƙ ƴ of Hausa, and ǝ Ǝ of Cameroon's languages.
            0x181 | 0x186 | 0x189 | 0x18A | 0x18E | 0x18F | 0x190 | 0x194 | 0x196 | 0x198
            | 0x199 | 0x19D | 0x1B1 | 0x1B2 | 0x1B3 | 0x1B4 | 0x1DD => 1,
            // ƒ: the classic mojibake letter, hardly ever typed.
            0x192 => 3,
            _ => 2,
        },
        // IPA letters that African alphabets write every day (ɓ ɔ ɖ ɗ ɛ ɣ ɨ
        // ɩ ɲ ʉ ʊ ʋ), and ə of Azerbaijani and Tatar.
        0x253 | 0x254 | 0x256 | 0x257 | 0x259 | 0x25B | 0x263 | 0x268 | 0x269 | 0x272 | 0x289
        | 0x28A | 0x28B => 1,
        0x250..=0x2AF => 3,
        0x2B0..=0x2FF => match u {
            // The ʻokina and the modifier apostrophe are letters of Hawaiian,
            // Tongan, Choctaw, K'iche' and many more.
            0x2BB | 0x2BC => 0,
            // The prime of Skolt Sami, the ayin and hamza of transliteration,
            // the glottal stop of Caddo.
            0x2B9 | 0x2BE | 0x2BF | 0x2C0 => 1,
            0x2C6 | 0x2C7 | 0x2D8..=0x2DD => 1,
            _ => 2,
        },
        0x370..=0x385 | 0x3E2..=0x3FF => 2,
        0x386..=0x3E1 => 0,
        0x400..=0x45F => 0,
        0x460..=0x52F => 1,
        0x530..=0x58F => 1,
        0x590..=0x5FF => 0,
        0x600..=0x6FF => 0,
        0x700..=0x8FF => 4,
        // Devanagari letters and signs of other languages or old texts.
        0x90D
        | 0x90E
        | 0x911
        | 0x912
        | 0x929
        | 0x931
        | 0x934
        | 0x94E
        | 0x94F
        | 0x951..=0x957
        | 0x960..=0x963
        | 0x971..=0x97F => 1,
        0x900..=0xEFF => 0,
        0x1100..=0x11FF => 2,
        // Letters of living scripts whose sequences are three bytes, so no
        // accident of a code page: Tibetan, Ethiopic, Cherokee, Canadian
        // Syllabics, Khmer, Mongolian (as Myanmar and Georgian below).
        0xF00..=0xFFF | 0x1200..=0x167F | 0x1780..=0x18AF if is_alpha(c) => 1,
        0xF00..=0xFFF | 0x1200..=0x139F => 2,
        0x1000..=0x10FF => 1,
        0x13A0..=0x1DFF => 3,
        0x1E00..=0x1EFF => 0,
        0x1F00..=0x1FFF => 1,
        0x2010..=0x2027 => match u {
            0x2020 | 0x2021 | 0x2023..=0x2025 | 0x2027 => 1,
            _ => 0,
        },
        0x2030..=0x205E => 1,
        0x2070..=0x209F => 2,
        0x20A0..=0x20CF => 0,
        0x2100..=0x214F => match u {
            0x2116 | 0x2122 | 0x2103 => 0,
            _ => 1,
        },
        0x2150..=0x218F => 1,
        0x2190..=0x21FF => 0,
        0x2200..=0x22FF => 1,
        0x2300..=0x23FF => match kind_by_rule(c) {
            Kind::Emoji => 0,
            _ => 2,
        },
        0x2400..=0x245F => 3,
        0x2460..=0x24FF => 1,
        // Box drawing and blocks: tables and trees pasted from a terminal.
        0x2500..=0x259F => 1,
        0x25A0..=0x25FF => 1,
        0x2600..=0x27BF => 0,
        0x27C0..=0x27EF | 0x2980..=0x2AFF | 0x2800..=0x28FF => 3,
        0x27F0..=0x297F => 2,
        0x2B00..=0x2BFF => 1,
        0x2C00..=0x2DFF => 3,
        0x2E00..=0x2E7F => 2,
        0x2E80..=0x2FDF => 2,
        0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF => 0,
        0x3100..=0x33FF => 1,
        0x3400..=0x4DBF | 0xF900..=0xFAFF => 2,
        0x4DC0..=0x4DFF => 3,
        0xA720..=0xA7FF | 0xFB00..=0xFB4F | 0xFE10..=0xFE6F => 2,
        0xFB50..=0xFDFF | 0xFE70..=0xFEFE => 3,
        0xFE00..=0xFE0F => 0,
        0x1F1E6..=0x1F1FF | 0x1F300..=0x1F6FF | 0x1F900..=0x1FAFF | 0x1F7E0..=0x1F7EB => 0,
        0x1F000..=0x1F2FF => 2,
        0x1F700..=0x1F8FF => 3,
        0x1D400..=0x1D7FF => 3,
        0x20000..=0x2FFFF => 2,
        // The letters of living scripts outside the main blocks: Yi, Vai,
        // Bamum, and the Supplementary Plane's alphabets (Adlam, Chakma,
        // Osage, Hanifi Rohingya, Nyiakeng Puachue Hmong), rare but
        // everyday to their writers, and three or four bytes long, so no
        // accident of a code page.
        0xA000..=0xA6FF | 0x10000..=0x1CFFF | 0x1E000..=0x1EFFF if is_alpha(c) => 2,
        _ => 4,
    }
}

/// Punctuation that sits naturally between two letters (apostrophes, dashes,
/// the Catalan middle dot).
fn joins_letters(c: char) -> bool {
    matches!(c, '’' | '‘' | '–' | '—' | '‐' | '‑' | '·' | '\u{a0}')
}

pub use super::class::is_upper;

/// Dashes: they join a word's letters (`A–Z`), but glued after an
/// accented capital and before small letters they are a continuation
/// byte's char (`Ć–sterrike` for Österrike). Not quotes: `Ã’s` is a
/// plural.
fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '‐' | '‑')
}

/// Capitals whose byte leads the UTF-8 of a whole alphabet under the
/// Latin pages (0xC2, 0xC3, 0xCE, 0xCF, 0xD0, 0xD1, 0xD8, 0xD9).
pub fn is_common_lead(c: char) -> bool {
    matches!(c, 'Â' | 'Ã' | 'Î' | 'Ï' | 'Ð' | 'Ñ' | 'Ø' | 'Ù')
}

/// What windows-1252 mojibake leaves most: an accented capital (the lead
/// byte of a two-byte sequence) followed by punctuation or a symbol from
/// the page's upper half (a continuation byte). Such a pair costs 2 where
/// the second char is one of the page's 0x80..=0x9F punctuation (`AÃ‘OS`,
/// `Æ”uct`), and 3 after the capitals that lead whole alphabets (Latin-1's
/// accented letters, Cyrillic, Greek, Arabic), which are rare as letters
/// and common as mojibake, before anything that ends a word or joins two
/// letters (`OÃ™`, `GÃ\u{a0}idhlig`). Correct text of the same shape stays
/// cheap: an apostrophe before an `s` (`Ã’s` is a plural), ™ after other
/// capitals (`AHÅ™`).
fn lead_then_continuation(a: char, b: char, c: Option<char>) -> u32 {
    // Only a non-ASCII capital leads such a pair: asked first, since the
    // pages' lookups below cost more and cost is asked of every pair.
    if a.is_ascii() || !is_upper(a) {
        return 0;
    }
    // The Latin pages' lead capitals and continuation chars: windows-1252's,
    // and where it lacks the pair the Central European and Baltic ones
    // (`Ę”uct` for Ɣuct through windows-1257, `MĂˇire` through 1250).
    let latin = [
        &super::tables::WINDOWS_1252,
        &super::tables::WINDOWS_1250,
        &super::tables::WINDOWS_1257,
    ];
    let pair = latin
        .into_iter()
        .find_map(|page| Some((page.byte_of(a)?, page.byte_of(b)?)));
    let Some((0xC2..=0xDF, cont @ 0x80..=0xBF)) = pair else {
        return 0;
    };
    // The capital a Latin page reads 0xC3 as, the lead of Latin-1's
    // letters, before one of its continuation bytes.
    let leads_latin1 = latin.into_iter().any(|page| {
        page.byte_of(a) == Some(0xC3) && page.byte_of(b).is_some_and(|x| (0x80..=0xBF).contains(&x))
    });
    // A modifier letter from the continuation bytes (ˆ ˇ) is an accent
    // on its own, no letter of a word.
    let is_letter = |b: char| is_alpha(b) && !matches!(b, 'ˆ' | 'ˇ');
    let plural = b == '’' && c.is_none_or(|c| c == 's' || !is_alpha(c));
    if a.is_ascii() || !is_upper(a) || plural {
        return 0;
    }
    // After the capitals that lead whole alphabets the letters among the
    // continuation bytes count too (Š Ž Œ ƒ ˆ in 0x80..=0x9F: `ZAPOTÃˆQUE`,
    // `Ùˆ`). Â and Ã (Ă through windows-1250) lead Latin-1's symbols and
    // accented letters: as letters they stand only before ordinary letters
    // (CÂMARA, IRMÃ), so anything from the upper half after them counts
    // (`9Âª`, `PÃµld`, `MĂˇire`), but for a trademark after a Romanian
    // word in capitals (`NICIODATĂ™`). So too whatever capital another
    // Latin page reads 0xC3 as (Ć through windows-1257: `Ć‘onte` for
    // Ñonte), but where it ends a word before a closing mark: Polish and
    // Croatian words end in Ć (`PISAĆ”`).
    let ends_a_word = may_end_word(b) && c.is_none_or(|c| !is_alpha(c));
    if matches!(a, 'Â' | 'Ã')
        || (a == 'Ă' && b != '™')
        || (leads_latin1 && !ends_a_word)
        || (is_common_lead(a) && (cont <= 0x9F || may_end_word(b) || joins_letters(b)))
    {
        3
    } else if cont <= 0x9F && b != '™' && !is_letter(b) {
        // After other capitals only punctuation: Czech writes VÝŠKA.
        2
    } else {
        0
    }
}

/// Symbols that may follow a word directly (™ ® © ° and closing marks).
fn may_end_word(c: char) -> bool {
    matches!(
        c,
        '™' | '®' | '©' | '°' | '’' | '”' | '»' | '›' | '…' | '–' | '—' | '·' | '²' | '³'
    )
}

/// The most consecutive chars (context included) one term of [`cost`]
/// looks at: a term never sees beyond them, which `detect` relies on to
/// bound what judging a gap can change without judging it.
pub const TERM_SPAN: usize = 4;

/// The cost of `chars` with the chars around it (`prev`, `next`) as context.
pub fn cost(prev: Option<char>, chars: &[char], next: Option<char>) -> u32 {
    // Each char's class looked up once, as the terms come to it, into a
    // ring of the last few (a term asks it of five chars at most: the one
    // before its pair to the third after): scoring runs for every reading
    // of every run, and clearing or allocating a window for the whole run
    // cost more than most runs' terms.
    let first = usize::from(prev.is_some());
    let own = first..first + chars.len();
    let len = own.end + usize::from(next.is_some());
    let context = prev.into_iter().chain(chars.iter().copied()).chain(next);
    let mut ring = [Info::NONE; RING];
    let mut total = 0u32;
    for (j, c) in context.enumerate() {
        let info = Info::of(c);
        if own.contains(&j) {
            total += info.cost;
        }
        ring[j % RING] = info;
        // The pair at `j - 3` sees no further than `j`: all it asks is in.
        if let Some(i) = j.checked_sub(TERM_SPAN - 1) {
            total += terms_at(&ring, i, len);
        }
    }
    // The last pairs, whose terms reach past the end.
    for i in len.saturating_sub(TERM_SPAN - 1)..len.saturating_sub(1) {
        total += terms_at(&ring, i, len);
    }
    total
}

/// The chars [`cost`] keeps classed at once: a power of two at least one
/// more than [`TERM_SPAN`] (the char before a pair and the pair's span).
const RING: usize = 8;
const _: () = assert!(RING.is_power_of_two() && RING > TERM_SPAN);

/// The terms of the pair at `i` of a context of `len` chars, whose
/// classes from `i - 1` to `i + 3` (those before the end) are in `ring`.
fn terms_at(ring: &[Info; RING], i: usize, len: usize) -> u32 {
    let at = |k: usize| (k < len).then(|| &ring[k % RING]);
    let z = i.checked_sub(1).map(|k| &ring[k % RING]);
    terms(
        z,
        &ring[i % RING],
        &ring[(i + 1) % RING],
        at(i + 2),
        at(i + 3),
    )
}

/// A char with its kind, case, script and cost, as [`cost`]'s terms ask
/// them.
#[derive(Clone, Copy)]
struct Info {
    ch: char,
    kind: Kind,
    upper: bool,
    lower: bool,
    script: Script,
    cost: u32,
}

impl Info {
    /// What a window holds before it is filled.
    const NONE: Info = Info {
        ch: ' ',
        kind: Kind::Plain,
        upper: false,
        lower: false,
        script: Script::Common,
        cost: 0,
    };

    fn of(ch: char) -> Info {
        let (kind, upper, lower, script, cost) = super::class::classify(ch);
        Info {
            ch,
            kind,
            upper,
            lower,
            script,
            cost,
        }
    }
}

/// The terms of [`cost`] for the pair `a`, `b`, with `z` before them and
/// `c`, `d` after, where known.
fn terms(z: Option<&Info>, a: &Info, b: &Info, c: Option<&Info>, d: Option<&Info>) -> u32 {
    let (ka, kb) = (a.kind, b.kind);
    let (ac, bc) = (a.ch, b.ch);
    if ac.is_ascii() && bc.is_ascii() {
        return 0;
    }
    // Two letters, the first not a capital: what most pairs of a word are.
    // Every term below asks for a capital first, a symbol or punctuation
    // second (a no-break space is one), or a digit or ASCII punctuation
    // first, none of which a letter is.
    if ka == Kind::Letter && kb == Kind::Letter && !a.upper {
        return pair_cost(a, b);
    }
    let mut total = pair_cost(a, b);
    // Only a non-ASCII capital leads such a pair (asked of the class
    // already looked up, not again).
    if !ac.is_ascii() && a.upper {
        total += lead_then_continuation(ac, bc, c.map(|c| c.ch));
    }
    // A symbol wedged between two letters, or a lowercase accented
    // letter inside a word in capitals.
    let Some(c) = c else {
        return total;
    };
    let (kc, cc) = (c.kind, c.ch);
    if a.upper && !bc.is_ascii() && b.lower && c.upper {
        total += 3;
    }
    if ka == Kind::Letter
        && kc == Kind::Letter
        && matches!(kb, Kind::Symbol | Kind::Punct)
        // A dash glued between an accented capital and small ASCII
        // letters is wedged into a word (`Ć–sterrike`); ranges keep
        // one case (`A–Z`, `É–é`).
        && (!joins_letters(bc)
            || (is_dash(bc) && !ac.is_ascii() && a.upper && cc.is_ascii_lowercase()))
    {
        total += 3;
    }
    // A lone accented letter glued after a digit or an ASCII symbol
    // and before a non-ASCII symbol (`$Ì¶6Ì¶` for $̶6̶, a
    // combining overlay): neither a word nor a number has it.
    if (ac.is_ascii_digit() || (ac.is_ascii_punctuation() && ac != '\''))
        && !bc.is_ascii()
        && kb == Kind::Letter
        && !cc.is_ascii()
        && matches!(kc, Kind::Symbol | Kind::Punct)
    {
        total += 3;
    }
    // Two capitals, the second accented, then a small letter in the
    // same word (`ÄŤetvrtak` for četvrtak, `SĂşuyee` for Súuyee,
    // `MĹŠgiranjara` for Mũgiranjara): words do not start so, and
    // acronyms that take a small ending are ASCII.
    if !bc.is_ascii() && a.upper && b.upper && c.lower && kc == Kind::Letter {
        // Inside a word, the capitals follow a letter.
        let inside = ac.is_ascii() || z.is_some_and(|z| z.kind == Kind::Letter);
        total += if inside { 3 } else { 2 };
    }
    // A no-break space glued between an accented capital and small
    // letters (`Å\u{a0}vedski` for Švedski: A0 is the continuation
    // byte of Š, Ġ, à), or in capitals after one that opens a word
    // (`Å\u{a0}VEDSKA`; one ending a word is Finnish `SELKÄ\u{a0}EDELLÄ`),
    // or between a letter and a symbol or an
    // ordinal sign (`Kanata\u{a0}º` for Kanataʼ through mac-roman):
    // a word is not broken so, and the one-letter words typesetting
    // keeps close to the next are ASCII (Czech `V\u{a0}Praze`).
    if bc == '\u{a0}' && ka == Kind::Letter {
        if !ac.is_ascii()
            && a.upper
            && kc == Kind::Letter
            && (c.lower || (c.upper && !z.is_some_and(|z| z.kind == Kind::Letter)))
        {
            total += 3;
        } else if !cc.is_ascii() && (kc == Kind::Symbol || matches!(cc, 'ª' | 'º')) {
            total += 2;
        }
    }
    // Two symbols glued between two letters (`Tabel…£arit` for
    // Tabelɣarit), or two marks of punctuation that neither join
    // letters nor pair up (`cá»§a` for của): words are not spelled so,
    // where one symbol may join them (`col·lecció`), as may a dash or
    // an apostrophe beside a quote (`said—“Hello`).
    if let Some(d) = d {
        let glued = |x: char, k: Kind| !x.is_ascii() && matches!(k, Kind::Symbol | Kind::Punct);
        if ka == Kind::Letter
            && d.kind == Kind::Letter
            && glued(bc, kb)
            && glued(cc, kc)
            && (kb == Kind::Symbol
                || kc == Kind::Symbol
                || !(joins_letters(bc) || joins_letters(cc) || natural_pair(bc, cc)))
        {
            total += 3;
        }
    }
    total
}

fn pair_cost(x: &Info, y: &Info) -> u32 {
    let (a, ka, b, kb) = (x.ch, x.kind, y.ch, y.kind);
    match (ka, kb) {
        (Kind::Letter, Kind::Letter) => {
            let (sa, sb) = (x.script, y.script);
            let mut c = 0;
            // Scripts written without spaces attach to Latin words directly.
            let unspaced = |s| matches!(s, Script::Cjk | Script::Thai | Script::Lao);
            // A lowercase Greek letter inside a Latin word is science
            // (IL2Rγc, TNFα); any other mix of scripts is not.
            let greek_symbol = |x: char, y: char| x.is_ascii() && matches!(y, 'α'..='ω');
            if greek_symbol(a, b) || greek_symbol(b, a) {
                c += 1;
            } else if sa != sb
                && !((a.is_ascii() && unspaced(sb)) || (b.is_ascii() && unspaced(sa)))
            {
                c += 4;
            }
            if sa == Script::Latin && sb == Script::Latin && languages(a) & languages(b) == 0 {
                c += 3;
            }
            if x.lower && y.upper {
                c += 3;
            }
            // ß follows a vowel (Straße, groß), never a consonant.
            if b == 'ß'
                && a.is_ascii()
                && !matches!(a, 'a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U')
            {
                c += 2;
            }
            c
        }
        (Kind::Letter | Kind::Mark, Kind::Mark) => u32::from(x.script != y.script) * 4,
        // Strike-through and underline overlays style digits and symbols too.
        (_, Kind::Mark) if matches!(b, '\u{332}'..='\u{338}') => 0,
        // A mark of a script of its own (Arabic harakat, Indic vowel signs)
        // sits on a letter of that script, never on a symbol (`T•Ø•R` is
        // no `T•` with an Arabic mark on its bullet). A U+FFFD may stand
        // for the lost letter the mark sat on.
        (Kind::Symbol | Kind::Punct, Kind::Mark)
            if y.script != Script::Latin && a != '\u{FFFD}' =>
        {
            8
        }
        (_, Kind::Mark) => 4,
        // Superscript digits follow units (m², cm³), not accented letters.
        (Kind::Letter, Kind::Symbol) if matches!(b, '²' | '³') && !a.is_ascii() => 2,
        (Kind::Letter, Kind::Symbol) if !may_end_word(b) => 2,
        (Kind::Letter, Kind::Punct) if !may_end_word(b) && !joins_letters(b) => 1,
        (Kind::Symbol, Kind::Letter) => 1,
        (Kind::Symbol | Kind::Punct, Kind::Symbol | Kind::Punct)
            if !a.is_ascii() && !b.is_ascii() =>
        {
            if natural_pair(a, b) {
                0
            } else {
                2
            }
        }
        (Kind::Control, _) | (_, Kind::Control) => 2,
        _ => 0,
    }
}

const FR: u16 = 1;
const ES: u16 = 1 << 1;
const PT: u16 = 1 << 2;
const IT: u16 = 1 << 3;
const DE: u16 = 1 << 4;
const NORDIC: u16 = 1 << 5;
const PL: u16 = 1 << 6;
const CZ: u16 = 1 << 7;
const HU: u16 = 1 << 8;
const RO: u16 = 1 << 9;
const TR: u16 = 1 << 10;
const BALTIC: u16 = 1 << 11;
const SLAVIC_SOUTH: u16 = 1 << 12;
const ICELANDIC: u16 = 1 << 13;
/// Hanyu Pinyin's third-tone and ü letters, which no other orthography
/// here writes.
const PINYIN: u16 = 1 << 14;
/// Fits any language: ASCII letters and letters not listed.
pub const ASCII_LETTER: u16 = u16::MAX;

/// The European languages that write a Latin letter (lowercase): two
/// accented letters side by side should share one. Letters not listed
/// (Vietnamese, rarer alphabets) fit anything.
pub fn languages(c: char) -> u16 {
    if c.is_ascii() {
        return ASCII_LETTER;
    }
    let lower = super::class::lower_first(c);
    match lower {
        'à' => FR | ES | PT | IT,
        'â' => FR | PT | RO | TR,
        'ç' => FR | ES | PT | TR,
        'é' => FR | ES | PT | IT | NORDIC | CZ | HU | ICELANDIC,
        'è' => FR | ES | IT,
        'ê' => FR | PT,
        'ë' => FR,
        'î' => FR | RO | TR,
        'ï' => FR | ES,
        'ô' => FR | PT | CZ,
        'œ' => FR,
        'ù' => FR | IT,
        'û' => FR | TR,
        'ü' => FR | ES | DE | HU | TR | BALTIC,
        'ÿ' => FR,
        'á' => ES | PT | IT | CZ | HU | ICELANDIC,
        'í' => ES | PT | IT | CZ | HU | ICELANDIC,
        'ó' => ES | PT | IT | PL | CZ | HU | ICELANDIC,
        'ú' => ES | PT | IT | CZ | HU | ICELANDIC,
        'ñ' => ES,
        'ò' => ES | IT,
        'ì' => IT,
        'ã' | 'õ' => PT | BALTIC,
        'ä' => DE | NORDIC | CZ | BALTIC,
        'ö' => DE | NORDIC | HU | TR | BALTIC | ICELANDIC,
        'ß' => DE,
        'å' | 'ø' => NORDIC,
        'æ' => NORDIC | ICELANDIC | FR,
        'ý' => CZ | ICELANDIC,
        'þ' | 'ð' => ICELANDIC,
        'ą' | 'ę' => PL | BALTIC,
        'ć' => PL | SLAVIC_SOUTH,
        'ł' | 'ń' | 'ś' | 'ź' | 'ż' => PL,
        'č' | 'š' | 'ž' => CZ | BALTIC | SLAVIC_SOUTH,
        'ď' | 'ň' | 'ř' | 'ť' | 'ů' | 'ľ' | 'ĺ' | 'ŕ' => CZ,
        'ě' => CZ | PINYIN,
        'ǎ' | 'ǐ' | 'ǒ' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => PINYIN,
        'ő' | 'ű' => HU,
        'ă' | 'ș' | 'ț' | 'ţ' => RO,
        'ş' => RO | TR,
        'ğ' | 'ı' => TR,
        'ė' | 'į' | 'ų' | 'ū' | 'ā' | 'ē' | 'ģ' | 'ī' | 'ķ' | 'ļ' | 'ņ' => BALTIC,
        'đ' => SLAVIC_SOUTH,
        _ => ASCII_LETTER,
    }
}

/// Pairs of non-ASCII punctuation that occur in good text.
fn natural_pair(a: char, b: char) -> bool {
    let closing = |c| matches!(c, '”' | '’' | '»' | '›' | '…' | ')' | '。' | '」' | '』');
    let opening = |c| matches!(c, '“' | '‘' | '«' | '‹' | '„' | '「' | '『');
    (closing(a) && closing(b))
        || (opening(a) && opening(b))
        || (a == '…' || b == '…')
        || (u32::from(a) >= 0x3000 && u32::from(b) >= 0x3000)
        || (a == b)
}

/// The cost of a whole string with no outside context.
#[cfg(test)]
pub fn cost_of(s: &str) -> u32 {
    let chars: Vec<char> = s.chars().collect();
    cost(None, &chars, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_no_text() {
        assert_eq!(kind('\u{5CD}'), Kind::Control);
        assert_eq!(kind('\u{378}'), Kind::Control);
        assert_eq!(kind('\u{5D0}'), Kind::Letter);
        // The table is of a Unicode no older than the standard library's:
        // nothing it calls a letter, digit or space is a hole there.
        for u in 0x80..0x40000u32 {
            if let Some(c) = char::from_u32(u) {
                let known = c.is_alphabetic() || c.is_numeric() || c.is_whitespace();
                assert!(!(known && is_unassigned(u)), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn mojibake_costs_more_than_its_repair() {
        for (bad, good) in [
            ("Jasonâ€™s", "Jason’s"),
            ("cafÃ©", "café"),
            ("ðŸ“… 2025", "📅 2025"),
            ("РїСЂРёРІРµС‚", "привет"),
            ("cafГ©", "café"),
            ("æ—¥æœ¬", "日本"),
            ("Ξ±Ξ²Ξ³", "αβγ"),
            ("caf├⌐", "café"),
            ("Ćøkt", "økt"),
            ("fĂźr", "für"),
        ] {
            assert!(
                cost_of(bad) >= cost_of(good) + 3,
                "{bad}: {} vs {}",
                cost_of(bad),
                cost_of(good)
            );
        }
    }

    #[test]
    fn good_text_is_cheap() {
        for s in [
            "VÝŠKA",
            "ŠÍRKA",
            "Её",
            "l’homme",
            "Catalan col·lecció",
            "10–15",
            "Windows™",
            "日本語のテキスト",
        ] {
            assert!(cost_of(s) <= 1, "{s}: {}", cost_of(s));
        }
    }

    #[test]
    fn alphabetic_table_agrees_with_std() {
        for u in (0..0x11000u32).chain(0x1F000..0x1F100) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alpha(c), c.is_alphabetic(), "U+{u:04X}");
                assert_eq!(is_num(c), c.is_numeric(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn classes() {
        assert_eq!(script('ж'), Script::Cyrillic);
        assert_eq!(script('é'), Script::Latin);
        assert_eq!(script('3'), Script::Common);
        assert_eq!(kind('\u{85}'), Kind::Control);
        assert_eq!(kind('📅'), Kind::Emoji);
        assert_eq!(kind('’'), Kind::Punct);
        assert_eq!(kind('€'), Kind::Symbol);
        assert_eq!(kind('\u{301}'), Kind::Mark);
    }
}
