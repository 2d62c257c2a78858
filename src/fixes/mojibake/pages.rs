//! Code pages as data, and the two directions the fix needs: a byte's char
//! (how the wrong decoder read it) and a char's byte (to undo that reading).
//! Also the few UTF-8 rules the repair checks bytes against.

use super::tables::PAGES;

/// The upper half of a single-byte code page (bytes 0x80..=0xFF).
#[derive(Debug)]
pub struct CodePage {
    /// The name used in messages, e.g. `windows-1254`.
    pub name: &'static str,
    /// Its place in `tables::ALL` (and `code_pages()`).
    pub index: usize,
    /// The char of byte `0x80 + i`; 0 where the page leaves the byte undefined.
    pub decode: [u16; 128],
    /// Sorted `(char, byte)` pairs: the inverse of `decode`, plus U+0080 + i for
    /// each undefined byte (what a lenient decoder keeps for it).
    pub encode: &'static [(u16, u8)],
}

impl CodePage {
    /// The byte this page reads as `c`, if any (ASCII is not asked for).
    pub fn byte_of(&self, c: char) -> Option<u8> {
        bytes_of(c)
            .and_then(|b| b.get(self.index))
            .copied()
            .filter(|&b| b != 0)
    }

    /// The char this page reads byte `b` (>= 0x80) as; `None` when undefined.
    pub fn char_of(&self, b: u8) -> Option<char> {
        let v = *self.decode.get(usize::from(b.checked_sub(0x80)?))?;
        if v == 0 {
            None
        } else {
            char::from_u32(u32::from(v))
        }
    }

    /// True when the page leaves byte `b` undefined (a strict decoder drops it).
    pub fn is_undefined(&self, b: u8) -> bool {
        b >= 0x80 && self.char_of(b).is_none()
    }

    /// The undefined bytes that can stand inside a UTF-8 sequence
    /// (continuation bytes 0x80..=0xBF), in ascending order.
    pub fn undefined_continuations(&self) -> impl Iterator<Item = u8> + '_ {
        (0x80u8..=0xBF).filter(|&b| self.is_undefined(b))
    }

    /// True when most of the bytes that lead a two-byte UTF-8 sequence
    /// (0xC2..=0xDF) read as symbols, not letters (cp437's box drawing,
    /// mac-roman's maths): its mojibake of letters looks like symbol text.
    pub fn is_symbol_page(&self) -> bool {
        super::tables::ALL
            .get(self.index)
            .is_some_and(|&p| std::ptr::eq(p, self) && symbol_pages() & (1 << self.index) != 0)
    }

    /// True when the page has undefined bytes at all.
    pub fn drops_bytes(&self) -> bool {
        // Asked for every reading: worked out once per page.
        static DROPS: std::sync::OnceLock<[bool; PAGES]> = std::sync::OnceLock::new();
        let drops = DROPS.get_or_init(|| super::tables::ALL.map(|p| p.decode.contains(&0)));
        match drops.get(self.index) {
            Some(&d) if std::ptr::eq(super::tables::ALL[self.index], self) => d,
            _ => self.decode.contains(&0),
        }
    }

    /// How this page garbles `c` (UTF-8 bytes read one by one), undefined
    /// bytes kept as U+0080 + i when `keep`, dropped otherwise.
    pub fn garble_char(&self, c: char, keep: bool, out: &mut String) {
        if c.is_ascii() {
            out.push(c);
            return;
        }
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            match self.char_of(b) {
                Some(g) => out.push(g),
                None if keep => out.extend(char::from_u32(u32::from(b))),
                None => {}
            }
        }
    }
}

/// The pages (bit `i` for `tables::ALL[i]`) that
/// [`CodePage::is_symbol_page`]: asked of every reading and of every run
/// of a note that needs a full look, so worked out once, as a mask whose
/// test is one `and` (a search of a list of pages cost a tenth of that
/// look on correct Greek or Cyrillic).
pub fn symbol_pages() -> u16 {
    static MASK: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        let symbolic = |p: &CodePage| {
            let symbols = (0xC2u8..=0xDF)
                .filter(|&b| p.char_of(b).is_none_or(|c| !c.is_alphabetic()))
                .count();
            symbols * 2 > 0xDF - 0xC2 + 1
        };
        (super::tables::ALL.iter())
            .filter(|p| symbolic(p))
            .fold(0, |mask, p| mask | 1 << p.index)
    })
}

/// Chars below this have their bytes in a flat table (every page's chars
/// but Mac Roman's ◊, ﬁ, ﬂ and Apple logo, which are searched).
const FLAT: usize = 0x2600;

/// Every page's byte for each char some page reads (0: that page does not):
/// reading a run through every page asks it of every char.
struct Encodings {
    /// Per char below [`FLAT`], its row in `rows` (0: no page reads it).
    slots: Vec<u16>,
    rows: Vec<[u8; PAGES]>,
    /// The chars above, sorted, with their bytes.
    high: Vec<(u32, [u8; PAGES])>,
}

fn encodings() -> &'static Encodings {
    static ENCODINGS: std::sync::OnceLock<Encodings> = std::sync::OnceLock::new();
    ENCODINGS.get_or_init(|| {
        let mut e = Encodings {
            slots: vec![0; FLAT],
            rows: vec![[0; PAGES]],
            high: Vec::new(),
        };
        for page in super::tables::ALL {
            for &(c, b) in page.encode {
                let c = u32::from(c);
                let row = match e.slots.get_mut(c as usize) {
                    Some(slot) => {
                        if *slot == 0 {
                            *slot = u16::try_from(e.rows.len()).unwrap_or(0);
                            e.rows.push([0; PAGES]);
                        }
                        e.rows.get_mut(usize::from(*slot))
                    }
                    None => {
                        let at = match e.high.iter().position(|h| h.0 == c) {
                            Some(at) => at,
                            None => {
                                e.high.push((c, [0; PAGES]));
                                e.high.len() - 1
                            }
                        };
                        e.high.get_mut(at).map(|h| &mut h.1)
                    }
                };
                if let Some(cell) = row.and_then(|r| r.get_mut(page.index)) {
                    *cell = b;
                }
            }
        }
        e.high.sort_unstable_by_key(|h| h.0);
        e
    })
}

/// The byte each page reads as `c` (in `code_pages()` order; 0 where the
/// page does not read it), or `None` when no page does.
pub fn bytes_of(c: char) -> Option<&'static [u8; PAGES]> {
    let e = encodings();
    let u = u32::from(c);
    match e.slots.get(u as usize) {
        Some(0) => None,
        Some(&slot) => e.rows.get(usize::from(slot)),
        None => e
            .high
            .binary_search_by_key(&u, |h| h.0)
            .ok()
            .and_then(|i| e.high.get(i))
            .map(|h| &h.1),
    }
}

/// Whether some code page leaves undefined one of the continuation bytes of
/// `c`'s UTF-8: a strict decoder may cut it short, and the character model
/// keeps such chars (see `model`).
pub fn may_lose_a_byte(c: char) -> bool {
    static UNDEFINED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let mask = UNDEFINED.get_or_init(|| {
        super::tables::ALL
            .iter()
            .flat_map(|p| p.undefined_continuations())
            .fold(0u64, |m, b| m | 1 << (b - 0x80))
    });
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .as_bytes()
        .iter()
        .skip(1)
        .any(|&b| (0x80..=0xBF).contains(&b) && mask & (1 << (b - 0x80)) != 0)
}

/// True when some code page reads a byte as `c` (latin-1 covers U+0080..U+00FF).
pub fn is_any_page_char(c: char) -> bool {
    bytes_of(c).is_some()
}

/// How many bytes a UTF-8 sequence led by `b` has; `None` for a continuation
/// byte or a byte that never starts a sequence.
pub fn sequence_len(b: u8) -> Option<usize> {
    match b {
        0x00..=0x7F => Some(1),
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// True for a UTF-8 continuation byte.
pub fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Decodes one complete multi-byte sequence, or `None` when `bytes` is not
/// exactly one well-formed sequence (overlong forms and surrogates rejected).
pub fn decode_sequence(bytes: &[u8]) -> Option<char> {
    let len = sequence_len(*bytes.first()?)?;
    if len < 2 || bytes.len() != len {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::super::tables::{ALL, CP437, LATIN_1, WINDOWS_1252, WINDOWS_1254};
    use super::*;

    #[test]
    fn the_byte_table_agrees_with_each_pages_list() {
        for u in 0..0x11000u32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            for page in ALL {
                let listed = u16::try_from(u).ok().and_then(|u| {
                    page.encode
                        .binary_search_by_key(&u, |&(ch, _)| ch)
                        .ok()
                        .map(|i| page.encode[i].1)
                });
                assert_eq!(page.byte_of(c), listed, "{} U+{u:04X}", page.name);
            }
            assert_eq!(
                is_any_page_char(c),
                ALL.iter().any(|p| p.byte_of(c).is_some()),
                "U+{u:04X}"
            );
        }
    }

    #[test]
    fn every_defined_byte_round_trips() {
        for page in ALL {
            for b in 0x80u8..=0xFF {
                if let Some(c) = page.char_of(b) {
                    assert_eq!(page.byte_of(c), Some(b), "{} {b:#x}", page.name);
                } else {
                    let kept = char::from_u32(u32::from(b)).unwrap();
                    assert_eq!(page.byte_of(kept), Some(b), "{} kept {b:#x}", page.name);
                }
            }
        }
    }

    #[test]
    fn known_bytes() {
        assert_eq!(WINDOWS_1252.char_of(0x80), Some('€'));
        assert_eq!(WINDOWS_1254.char_of(0xF0), Some('ğ'));
        assert!(WINDOWS_1254.is_undefined(0x8F));
        assert_eq!(LATIN_1.byte_of('\u{85}'), Some(0x85));
        assert_eq!(CP437.char_of(0xC3), Some('├'));
        let undefined: Vec<u8> = WINDOWS_1252.undefined_continuations().collect();
        assert_eq!(undefined, [0x81, 0x8D, 0x8F, 0x90, 0x9D]);
        assert!(!CP437.drops_bytes());
        let symbol_pages: Vec<&str> = ALL
            .iter()
            .filter(|p| p.is_symbol_page())
            .map(|p| p.name)
            .collect();
        assert_eq!(symbol_pages, ["mac-roman", "cp437"]);
    }

    #[test]
    fn garbles_like_the_sample() {
        let mut s = String::new();
        for c in "📅⏫’".chars() {
            WINDOWS_1254.garble_char(c, false, &mut s);
        }
        assert_eq!(s, "ğŸ“…â«â€™");
    }

    #[test]
    fn any_page_char() {
        assert!(is_any_page_char('é') && is_any_page_char('Ж') && is_any_page_char('├'));
        assert!(!is_any_page_char('📅') && !is_any_page_char('日'));
    }

    #[test]
    fn sequences() {
        assert_eq!(decode_sequence(&[0xC3, 0xA9]), Some('é'));
        assert_eq!(decode_sequence(&[0xC0, 0x80]), None);
        assert_eq!(decode_sequence(&[0xED, 0xA0, 0x80]), None);
        assert_eq!(decode_sequence(&[0xE2, 0x80]), None);
        assert_eq!(sequence_len(0x9F), None);
        assert!(is_continuation(0xBF) && !is_continuation(0xC0));
    }
}
