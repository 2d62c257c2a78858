//! Code pages as data, and the two directions the fix needs: a byte's char
//! (how the wrong decoder read it) and a char's byte (to undo that reading).
//! Also the few UTF-8 rules the repair checks bytes against.

/// The upper half of a single-byte code page (bytes 0x80..=0xFF).
#[derive(Debug)]
pub struct CodePage {
    /// The name used in messages, e.g. `windows-1254`.
    pub name: &'static str,
    /// The char of byte `0x80 + i`; 0 where the page leaves the byte undefined.
    pub decode: [u16; 128],
    /// Sorted `(char, byte)` pairs: the inverse of `decode`, plus U+0080 + i for
    /// each undefined byte (what a lenient decoder keeps for it).
    pub encode: &'static [(u16, u8)],
}

impl CodePage {
    /// The byte this page reads as `c`, if any (ASCII is not asked for).
    pub fn byte_of(&self, c: char) -> Option<u8> {
        let c = u16::try_from(u32::from(c)).ok()?;
        self.encode
            .binary_search_by_key(&c, |&(ch, _)| ch)
            .ok()
            .and_then(|i| self.encode.get(i))
            .map(|&(_, b)| b)
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
        // Asked for every reading: worked out once per page.
        static SYMBOL_PAGES: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
        let address = |p: &CodePage| p as *const CodePage as usize;
        SYMBOL_PAGES
            .get_or_init(|| {
                super::tables::ALL
                    .iter()
                    .filter(|p| {
                        let symbols = (0xC2u8..=0xDF)
                            .filter(|&b| p.char_of(b).is_none_or(|c| !c.is_alphabetic()))
                            .count();
                        symbols * 2 > 0xDF - 0xC2 + 1
                    })
                    .map(|p| address(p))
                    .collect()
            })
            .contains(&address(self))
    }

    /// True when the page has undefined bytes at all.
    pub fn drops_bytes(&self) -> bool {
        self.decode.contains(&0)
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
    static UNION: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let u = u32::from(c);
    if (0x80..0x100).contains(&u) {
        return true;
    }
    let Ok(u) = u16::try_from(u) else {
        return false;
    };
    let union = UNION.get_or_init(|| {
        let mut all: Vec<u16> = super::tables::ALL
            .iter()
            .flat_map(|p| p.encode.iter().map(|&(c, _)| c))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    });
    union.binary_search(&u).is_ok()
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
