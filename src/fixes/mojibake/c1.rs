//! C1 controls: windows-1252 text read as latin-1. The two pages agree but
//! for 0x80..=0x9F, where windows-1252 has its typographic punctuation
//! (’ “ ” … – — € and kin) and latin-1 has control codes nobody types, so
//! `parlé\x85 Tu` was `parlé… Tu`. Such a char is replaced by the one
//! windows-1252 has for its byte; the five bytes windows-1252 leaves
//! undefined stay as they are.

use super::tables::WINDOWS_1252;
use memchr::memchr_iter;

/// The char windows-1252 has for the byte a C1 control stands for.
pub fn restore(c: char) -> Option<char> {
    let u = u32::from(c);
    if !(0x80..=0x9F).contains(&u) {
        return None;
    }
    WINDOWS_1252.char_of(u8::try_from(u).ok()?)
}

/// Replaces every C1 control of `chars` that windows-1252 defines; true
/// when one was.
pub fn restore_all(chars: &mut [char]) -> bool {
    let mut any = false;
    for c in chars.iter_mut() {
        if let Some(r) = restore(*c) {
            *c = r;
            any = true;
        }
    }
    any
}

/// Whether `text` holds a C1 control (UTF-8 `C2 80..=9F`).
pub fn has_c1(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr_iter(0xC2, bytes).any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_back_undefined_bytes_kept() {
        let mut chars: Vec<char> = "\u{85}\u{93}x\u{94}\u{80}\u{81}\u{9d}".chars().collect();
        assert!(restore_all(&mut chars));
        assert_eq!(chars.iter().collect::<String>(), "…“x”€\u{81}\u{9d}");
        assert!(has_c1("a\u{92}b") && !has_c1("a’b é"));
    }
}
