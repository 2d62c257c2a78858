//! What scoring asks of a char (its kind, script, cost and case), looked up
//! in a table instead of worked out by the rules each time: every reading of
//! every run asks it of every char, and the rules (`score`) are chains of
//! range tests and Unicode property searches.
//!
//! The table covers the Basic Multilingual Plane and the next three (the
//! emoji, and the ideographs of the CJK extensions a lost byte after a
//! four-byte lead rebuilds into by the thousand), in blocks of 32 chars,
//! each filled from the rules themselves the first time a char of it is
//! asked for, so it cannot disagree with them and costs only the blocks a
//! note touches. Small blocks, since a lost byte's candidates are few per
//! stretch (64 in a row for a last byte, one in 64 for a middle one) and
//! filling a char costs several Unicode lookups. Chars beyond are asked of
//! the rules.

use super::score::{self, Kind, Script};
use std::sync::OnceLock;

/// Chars below this are tabled.
const END: u32 = 0x40000;
const BLOCK: u32 = 32;
const BLOCKS: usize = (END / BLOCK) as usize;
const _: () = assert!(
    BLOCK as usize <= u64::BITS as usize,
    "a block's properties fit a word"
);

const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// A char's kind, script, case and cost (`u8::MAX`: too large to table,
/// asked of the rules).
#[derive(Clone, Copy)]
struct Class {
    kind: Kind,
    script: u8,
    case: u8,
    cost: u8,
}

/// Scripts as one byte; `Indic` and `Other` take their block from the char.
const INDIC: u8 = 16;
fn script_code(s: Script) -> u8 {
    match s {
        Script::Common => 0,
        Script::Latin => 1,
        Script::Greek => 2,
        Script::Cyrillic => 3,
        Script::Armenian => 4,
        Script::Hebrew => 5,
        Script::Arabic => 6,
        Script::Thai => 7,
        Script::Lao => 8,
        Script::Cjk => 9,
        Script::Other(_) => 10,
        Script::Indic(k) => INDIC + k,
    }
}

fn script_of_code(code: u8, u: u32) -> Script {
    match code {
        0 => Script::Common,
        1 => Script::Latin,
        2 => Script::Greek,
        3 => Script::Cyrillic,
        4 => Script::Armenian,
        5 => Script::Hebrew,
        6 => Script::Arabic,
        7 => Script::Thai,
        8 => Script::Lao,
        9 => Script::Cjk,
        10 => Script::Other(score::other_script(u)),
        k => Script::Indic(k - INDIC),
    }
}

/// The chars of block `b` (a surrogate stands in as U+FFFD: never asked).
fn block_chars(b: usize) -> impl Iterator<Item = char> {
    let start = b as u32 * BLOCK;
    (start..start + BLOCK).map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
}

/// The class of `c`, from its block (filled from the rules, which ask
/// nothing of this table, the first time).
fn class(c: char) -> Option<Class> {
    static TABLE: [OnceLock<Box<[Class]>>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
    let u = u32::from(c);
    let b = (u / BLOCK) as usize;
    let block = TABLE.get(b)?.get_or_init(|| {
        block_chars(b)
            .map(|c| Class {
                kind: score::kind_by_rule(c),
                script: script_code(score::script_by_rule(c)),
                case: if c.is_lowercase() { LOWER } else { 0 }
                    | if c.is_uppercase() { UPPER } else { 0 },
                cost: u8::try_from(score::char_cost_by_rule(c)).unwrap_or(u8::MAX),
            })
            .collect()
    });
    block.get((u % BLOCK) as usize).copied()
}

/// `is_alphabetic` and `is_numeric` of the chars of `c`'s block, a bit
/// each, filled from the standard library's lookups: the rules of the
/// other tables ask them.
fn properties(c: char) -> Option<(bool, bool)> {
    static TABLE: [OnceLock<(u64, u64)>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
    let u = u32::from(c);
    let b = (u / BLOCK) as usize;
    let &(alpha, num) = TABLE.get(b)?.get_or_init(|| {
        let (mut alpha, mut num) = (0u64, 0u64);
        for (i, c) in block_chars(b).enumerate() {
            alpha |= u64::from(c.is_alphabetic()) << i;
            num |= u64::from(c.is_numeric()) << i;
        }
        (alpha, num)
    });
    let i = u % BLOCK;
    Some((alpha >> i & 1 != 0, num >> i & 1 != 0))
}

/// `char::is_alphabetic`.
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    properties(c).map_or_else(|| c.is_alphabetic(), |p| p.0)
}

/// `char::is_numeric`.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    properties(c).map_or_else(|| c.is_numeric(), |p| p.1)
}

/// [`score::kind`] of `c`.
pub fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return score::kind_by_rule(c);
    }
    class(c).map_or_else(|| score::kind_by_rule(c), |x| x.kind)
}

/// [`score::script`] of `c`.
pub fn script(c: char) -> Script {
    let u = u32::from(c);
    class(c).map_or_else(|| score::script_by_rule(c), |x| script_of_code(x.script, u))
}

/// [`score::char_cost`] of `c`.
pub fn cost(c: char) -> u32 {
    match class(c) {
        Some(x) if x.cost < u8::MAX => u32::from(x.cost),
        _ => score::char_cost_by_rule(c),
    }
}

/// [`kind`], [`is_upper`], [`is_lower`], [`script`] and [`cost`] of `c`
/// with one lookup.
pub fn classify(c: char) -> (Kind, bool, bool, Script, u32) {
    match class(c) {
        Some(x) => (
            x.kind,
            x.case & UPPER != 0,
            x.case & LOWER != 0,
            script_of_code(x.script, u32::from(c)),
            if x.cost < u8::MAX {
                u32::from(x.cost)
            } else {
                score::char_cost_by_rule(c)
            },
        ),
        None => (
            score::kind_by_rule(c),
            c.is_uppercase(),
            c.is_lowercase(),
            score::script_by_rule(c),
            score::char_cost_by_rule(c),
        ),
    }
}

/// `char::is_lowercase` (cost reads it from [`classify`]; a repair's
/// prior asks it of every char read back).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    class(c).map_or_else(|| c.is_lowercase(), |x| x.case & LOWER != 0)
}

/// `char::is_uppercase`.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    class(c).map_or_else(|| c.is_uppercase(), |x| x.case & UPPER != 0)
}

/// The lowercase of `c` where it is one char (else `c`), and the first
/// char of its lowercase, from its block: the model, the language tables
/// and the word lists ask it of every candidate, and the standard
/// library's lookup is a search of its own.
fn lowercase(c: char) -> Option<(char, char)> {
    /// A block's (one-char lowercase, first lowercase char) per char.
    type Block = Box<[(char, char)]>;
    static TABLE: [OnceLock<Block>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
    let u = u32::from(c);
    let b = (u / BLOCK) as usize;
    let block = TABLE.get(b)?.get_or_init(|| {
        block_chars(b)
            .map(|c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => (l, l),
                    (Some(l), Some(_)) => (c, l),
                    _ => (c, c),
                }
            })
            .collect()
    });
    block.get((u % BLOCK) as usize).copied()
}

/// `c`'s lowercase where it is one char, else `c` itself.
pub fn lower_one(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    lowercase(c).map_or_else(
        || {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        },
        |x| x.0,
    )
}

/// The first char of `c`'s lowercase.
pub fn lower_first(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    lowercase(c).map_or_else(|| c.to_lowercase().next().unwrap_or(c), |x| x.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_agree_with_the_rules() {
        for u in 0..0x50000u32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            assert_eq!(kind(c), score::kind_by_rule(c), "U+{u:04X}");
            assert_eq!(script(c), score::script_by_rule(c), "U+{u:04X}");
            assert_eq!(cost(c), score::char_cost_by_rule(c), "U+{u:04X}");
            assert_eq!(is_lower(c), c.is_lowercase(), "U+{u:04X}");
            assert_eq!(is_upper(c), c.is_uppercase(), "U+{u:04X}");
            assert_eq!(
                classify(c),
                (kind(c), is_upper(c), is_lower(c), script(c), cost(c)),
                "U+{u:04X}"
            );
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
            assert_eq!(is_numeric(c), c.is_numeric(), "U+{u:04X}");
            let mut lower = c.to_lowercase();
            let one = match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            assert_eq!(lower_one(c), one, "U+{u:04X}");
            assert_eq!(
                lower_first(c),
                c.to_lowercase().next().unwrap_or(c),
                "U+{u:04X}"
            );
        }
    }
}
