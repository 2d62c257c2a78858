//! The orthographies a note may be written in, from the letters it writes,
//! and so the letters a lost byte may have stood for where no language
//! model knows the note's language: a Hawaiian note writes ā, never the č,
//! ď, Đ or ĝ that a lost byte of it leaves possible too; a Cree note writes
//! its syllabics, not the unassigned code points beside them.
//!
//! The data (`alphabets.bin`, made by `scripts/gen_mojibake_alphabets.py`
//! from CLDR's exemplar characters) holds, per language, the letters its
//! orthography writes (`main`) and those it borrows for loanwords and names
//! (`aux`), lowercase, beyond ASCII. A note may be in a language whose
//! letters, borrowed ones included, hold every letter the note writes; a
//! gap may be a letter one of those languages writes as its own.

use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("alphabets.bin");

/// The most languages a set holds: the bits of [`Orthographies`].
const MAX_LANGUAGES: usize = 256;

/// One language's letters, each list sorted.
struct Alphabet {
    /// The letters its orthography writes.
    main: Vec<char>,
    /// The letters it borrows and main does not hold.
    aux: Vec<char>,
}

/// The alphabets turned around: per letter any of them holds, the
/// languages that write it and those that admit it (write or borrow it).
/// A note's orthographies are then the languages every one of its letters
/// admits, a lookup a letter, not a search of every alphabet.
struct ByLetter {
    /// The letters, sorted.
    letters: Vec<char>,
    /// Per letter, the languages whose main letters hold it.
    writes: Vec<Orthographies>,
    /// Per letter, the languages whose main or auxiliary letters hold it.
    admits: Vec<Orthographies>,
    /// Every language of the data.
    every: Orthographies,
}

impl ByLetter {
    fn of(alphabets: &[Alphabet]) -> ByLetter {
        let mut letters: Vec<char> = alphabets
            .iter()
            .flat_map(|a| a.main.iter().chain(&a.aux).copied())
            .collect();
        letters.sort_unstable();
        letters.dedup();
        let mut by = ByLetter {
            writes: vec![Orthographies::default(); letters.len()],
            admits: vec![Orthographies::default(); letters.len()],
            letters,
            every: Orthographies::default(),
        };
        for (i, a) in alphabets.iter().enumerate() {
            by.every.add(i);
            for (list, own) in [(&a.main, true), (&a.aux, false)] {
                for c in list {
                    if let Ok(at) = by.letters.binary_search(c) {
                        by.admits[at].add(i);
                        if own {
                            by.writes[at].add(i);
                        }
                    }
                }
            }
        }
        by
    }

    fn at(&self, c: char) -> Option<usize> {
        self.letters.binary_search(&c).ok()
    }
}

fn by_letter() -> &'static ByLetter {
    static BY_LETTER: OnceLock<ByLetter> = OnceLock::new();
    BY_LETTER.get_or_init(|| ByLetter::of(&parse(DATA).unwrap_or_default()))
}

/// Reads `alphabets.bin` (layout in the generator); None where it is cut
/// short or names a code point that is no char.
fn parse(data: &[u8]) -> Option<Vec<Alphabet>> {
    let rest = data.strip_prefix(b"NMAB")?;
    let count = usize::from(u16::from_le_bytes([*rest.first()?, *rest.get(1)?]));
    let mut at = 2;
    let mut out = Vec::with_capacity(count.min(MAX_LANGUAGES));
    for _ in 0..count.min(MAX_LANGUAGES) {
        // The code (three bytes) is for the generator's reader only.
        let head = rest.get(at + 3..at + 7)?;
        let main_len = usize::from(u16::from_le_bytes([head[0], head[1]]));
        let aux_len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        at += 7;
        let mut list = |len: usize| -> Option<Vec<char>> {
            let mut chars = Vec::with_capacity(len);
            let mut last = 0u32;
            for _ in 0..len {
                let (delta, used) = varint(rest.get(at..)?)?;
                at += used;
                last = last.checked_add(delta)?;
                chars.push(char::from_u32(last)?);
            }
            Some(chars)
        };
        let main = list(main_len)?;
        let aux = list(aux_len)?;
        out.push(Alphabet { main, aux });
    }
    Some(out)
}

/// A LEB128 varint at the start of `b`, and how many bytes it took.
fn varint(b: &[u8]) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for (i, &byte) in b.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The languages (a bit each, in the data's order) a note may be written
/// in. Empty: unknown, and no gap is judged by it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Orthographies([u64; MAX_LANGUAGES / 64]);

impl Orthographies {
    /// The languages that write, as their own letters or borrowed ones,
    /// every letter beyond ASCII in `written` (any case): all of them when
    /// it holds none.
    pub fn of(written: impl Iterator<Item = char>) -> Orthographies {
        let by = by_letter();
        let mut set = by.every;
        for c in written
            .filter(|c| !c.is_ascii())
            .flat_map(char::to_lowercase)
        {
            match by.at(c) {
                Some(at) => set.keep(&by.admits[at]),
                // A letter no alphabet holds: no language writes the note.
                None => return Orthographies::default(),
            }
            if set.is_empty() {
                break;
            }
        }
        set
    }

    fn add(&mut self, language: usize) {
        if let Some(w) = self.0.get_mut(language / 64) {
            *w |= 1 << (language % 64);
        }
    }

    fn keep(&mut self, other: &Orthographies) {
        for (w, o) in self.0.iter_mut().zip(other.0) {
            *w &= o;
        }
    }

    /// How many languages the set holds.
    pub fn len(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// Whether no language is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// Whether some language of the set writes `c` (any case) as its own.
    pub fn write(&self, c: char) -> bool {
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return false;
        };
        let by = by_letter();
        by.at(l)
            .is_some_and(|at| self.0.iter().zip(by.writes[at].0).any(|(w, o)| w & o != 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_reads_whole() {
        let all = parse(DATA).expect("alphabets.bin reads");
        assert!(
            all.len() > 200 && all.len() <= MAX_LANGUAGES,
            "{}",
            all.len()
        );
        assert!(all.iter().all(|a| a.main.windows(2).all(|w| w[0] < w[1])));
        assert!(parse(&DATA[..DATA.len() - 1]).is_none());
    }

    #[test]
    fn the_letters_a_note_writes_tell_its_orthographies() {
        // ɛ and ɔ: Akan and its neighbours, which write ɛ's capital Ɛ but
        // not Ɓ, Ə or Ɲ... unless one of them does; none writes ƍ.
        let akan = Orthographies::of("ɛɔ".chars());
        assert!(!akan.is_empty());
        assert!(akan.write('Ɛ') && akan.write('ɛ'));
        assert!(!akan.write('ƍ'));
        // A letter no orthography writes: no language at all.
        assert!(Orthographies::of("ƍ".chars()).is_empty());
        // Nothing beyond ASCII: every language.
        let any = Orthographies::of("abc".chars());
        assert!(any.write('č') && any.write('ы'));
    }
}
