//! Byte offsets to UTF-16 offsets: Rust counts bytes, JavaScript and
//! Obsidian's editor count UTF-16 code units.

/// Whether `text` holds U+FFFD, which a JS string's conversion writes for a
/// lone surrogate. Found by its first byte (0xEF, rare: it leads only
/// U+F000..U+FFFF): `str::contains` looks for a non-ASCII char with a
/// substring search that is vectorised on x86-64 but not in WebAssembly,
/// where it was a thirtieth of a settled note's repair under Node.
pub fn holds_replacement_char(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xEF, b).any(|i| b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]))
}

/// Byte offset → UTF-16 offset for a known set of offsets, found in one walk
/// over the text.
#[derive(Debug)]
pub struct Utf16Map {
    pairs: Vec<(usize, usize)>,
}

impl Utf16Map {
    /// Maps each of `offsets` (byte offsets on char boundaries of `text`).
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut units = 0;
        let mut chars = text.char_indices().peekable();
        for target in offsets {
            while let Some(&(i, ch)) = chars.peek() {
                if i >= target {
                    break;
                }
                units += ch.len_utf16();
                chars.next();
            }
            pairs.push((target, units));
        }
        Utf16Map { pairs }
    }

    /// The UTF-16 offset of `byte`, which must be one of the mapped offsets.
    pub fn get(&self, byte: usize) -> Option<usize> {
        self.pairs
            .binary_search_by_key(&byte, |p| p.0)
            .ok()
            .map(|i| self.pairs[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_replacement_char_as_contains_does() {
        let pieces = [
            "a", "\u{fffd}", "\u{ffef}", "\u{f8ff}", "\u{efbf}", "é", "🎉", "\u{ff}",
        ];
        for text in crate::testgen::texts(&pieces, 5, 5_000) {
            assert_eq!(
                holds_replacement_char(&text),
                text.contains('\u{FFFD}'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn counts_surrogate_pairs() {
        let text = "a📅b é";
        let map = Utf16Map::new(text, vec![0, 1, 5, 6, 7, 9]);
        let got: Vec<_> = [0, 1, 5, 6, 7, 9]
            .iter()
            .map(|&b| map.get(b).unwrap())
            .collect();
        assert_eq!(got, vec![0, 1, 3, 4, 5, 6]);
        assert_eq!(map.get(2), None);
    }
}
