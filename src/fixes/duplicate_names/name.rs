//! Names as runs of capitalised words, and the words written twice in them.
//!
//! A word is capitalised when its first character is an upper-case letter of
//! any script with case (Latin, Greek, Cyrillic, Armenian, …); the rest are
//! letters or combining marks, with an apostrophe or hyphen allowed between
//! letters (`O’Brien`, `Boutros-Ghali`). Words of a name are separated by one
//! space. Scripts without case never form a name here, so they are never
//! edited.

use std::ops::Range;

/// The most words read for one name: a four-word name with every word doubled.
pub const MAX_RUN: usize = 8;

/// The most words a name may have once its doubled words are collapsed.
pub const MAX_NAME: usize = 4;

/// A combining mark that may follow a letter inside a word (decomposed
/// accents such as `e` + U+0301).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

/// Length in bytes of the capitalised word at the start of `s`, if there is
/// one that ends at a word boundary (not before a digit, `_` or another
/// letter-like character that is not part of a name).
pub fn word_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut end = first.len_utf8();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_alphabetic() || is_mark(c) {
            chars.next();
            end = i + c.len_utf8();
        } else if is_joiner(c) {
            // Only between letters.
            let after = s[i + c.len_utf8()..].chars().next();
            if after.is_some_and(char::is_alphabetic) {
                chars.next();
                end = i + c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    // A word glued to digits or `_` (`Genzel2`, `Ada_x`) is not a name word.
    match s[end..].chars().next() {
        Some(c) if c.is_alphanumeric() || c == '_' => None,
        _ => Some(end),
    }
}

/// The capitalised words starting at byte `from` of `text` and ending before
/// `limit`, separated by single spaces, at most [`MAX_RUN`]; absolute ranges.
pub fn words_at(text: &str, from: usize, limit: usize) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut at = from;
    while words.len() < MAX_RUN && at < limit {
        let Some(len) = word_len(&text[at..limit]) else {
            break;
        };
        words.push(at..at + len);
        at += len;
        if text[at..limit].starts_with(' ') {
            at += 1;
        } else {
            break;
        }
    }
    words
}

/// When the whole of `s` (trimmed by the caller) is one run of capitalised
/// words, its word ranges relative to `s`.
pub fn whole(s: &str) -> Option<Vec<Range<usize>>> {
    let words = words_at(s, 0, s.len());
    (words.last()?.end == s.len()).then_some(words)
}

/// Case-insensitive comparison (Unicode lower case); accents count.
pub fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// Splits a possessive ending off a word: `Genzel’s` → (`Genzel`, `’s`).
pub fn possessive(word: &str) -> (&str, &str) {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return (base, &word[base.len()..]);
            }
        }
    }
    (word, "")
}

/// Whether `word` repeats `prev`: the same word ignoring case, or its
/// possessive (`Genzel Genzel’s`).
pub fn repeats_word(prev: &str, word: &str) -> bool {
    // Two words whose ASCII first letters differ, ignoring case, are not
    // the same word, nor is the one the other's possessive (whose base
    // starts as the word does): most pairs of a name end here.
    if let (Some(&a), Some(&b)) = (prev.as_bytes().first(), word.as_bytes().first()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(&b) {
            return false;
        }
    }
    if same_word(prev, word) {
        return true;
    }
    let (base, suffix) = possessive(word);
    !suffix.is_empty() && possessive(prev).1.is_empty() && same_word(prev, base)
}

/// The lookup key of a name: lower-cased, runs of white space as one space.
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_key(name);
    }
    let mut out = String::with_capacity(name.len());
    for (i, part) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if part.is_ascii() {
            // Most names: lower-cased byte by byte, as `char::to_lowercase`
            // lower-cases ASCII, without looking each char up.
            let from = out.len();
            out.push_str(part);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(part.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// [`key`] of an ASCII name, read byte by byte: every name the note and
/// the vault index are keyed by, and every one looked up, goes through
/// `key`, and splitting on white space decoded each char to ask whether it
/// is one. The ASCII white space chars are tab to carriage return and the
/// space (a test checks every ASCII byte against `char::is_whitespace`).
fn ascii_key(name: &str) -> String {
    let white = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = name.as_bytes();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < b.len() {
        if white(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !white(b[i]) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&name[start..i]);
    }
    out.make_ascii_lowercase();
    out
}

/// Indices `i` of words that repeat word `i - 1` back to back.
pub fn repeats(text: &str, words: &[Range<usize>]) -> Vec<usize> {
    (1..words.len())
        .filter(|&i| repeats_word(&text[words[i - 1].clone()], &text[words[i].clone()]))
        .collect()
}

/// The name spelled by `words` with every repeated word dropped (the first of
/// each run is kept, as written, with the separator that preceded it; a
/// dropped possessive leaves its ending: `Genzel Genzel’s` → `Genzel’s`).
pub fn collapse(text: &str, words: &[Range<usize>]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 && repeats_word(&text[words[i - 1].clone()], &text[w.clone()]) {
            out.push_str(possessive(&text[w.clone()]).1);
            continue;
        }
        if !out.is_empty() {
            out.push_str(&text[words[i - 1].end..w.start]);
        }
        out.push_str(&text[w.clone()]);
    }
    out
}

/// Whether the text has, anywhere, a capitalised word right after the same
/// word and one space, where that word holds a capital too: the cheap test
/// that lets almost every note skip the fix. Punctuation around words
/// (`[[`, `|`, quotes, `@`) is looked past.
///
/// Only the words on either side of a space can pair up, so the scan reads
/// words only at a space before a capital letter, instead of classifying
/// every character of the note. A pair whose first word has no capital
/// (`#task Task`, common in Tasks notes) is no name: every place the fix
/// repairs or reports reads runs of capitalised words, and such a word
/// ends where the word before the space ends, so it is that word or its
/// end, and a capital begins it ([`cased_before`]).
pub fn has_doubled_word(text: &str) -> bool {
    // Spaces are too common for a memchr call each; a space before an ASCII
    // capital or a non-ASCII byte is where a doubled word can start. Eight
    // spaces are tested at a time, as bit masks over two loads; the
    // capitals first, as most blocks of prose have a space and few a
    // capital.
    let b = text.as_bytes();
    let masks = Masks::new();
    // Each block of eight bytes with the eight after its first: the
    // spaces, and what follows each.
    let blocks = b
        .chunks_exact(8)
        .zip(b.get(1..).unwrap_or_default().chunks_exact(8));
    let mut at = 0;
    for (here, next) in blocks {
        let caps = masks.capitals(word(next));
        if caps != 0 {
            let mut hits = masks.spaces(word(here)) & caps;
            while hits != 0 {
                let space = at + (hits.trailing_zeros() / 8) as usize;
                // Most spaces are ruled out on their bytes, without a call.
                if !unpaired(b, space) && doubled_pair(text, space) {
                    return true;
                }
                hits &= hits - 1;
            }
        }
        at += 8;
    }
    (at..b.len().saturating_sub(1)).any(|space| {
        b[space] == b' '
            && (b[space + 1].is_ascii_uppercase() || !b[space + 1].is_ascii())
            && doubled_pair(text, space)
    })
}

/// The eight bytes of `chunk` (eight long), byte `k` in bits `8k..8k + 8`.
fn word(chunk: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// The constants of [`capitals`] and [`spaces`], held in registers: the
/// compiler otherwise writes each again, as a ten-byte instruction, in
/// every block of [`has_doubled_word`]'s walk (a fifth of it). Passed
/// through `black_box`, they are values it must keep.
struct Masks {
    low7: u64,
    high: u64,
    from_a: u64,
    past_z: u64,
    space: u64,
}

impl Masks {
    fn new() -> Masks {
        use std::hint::black_box;
        Masks {
            low7: black_box(LOW7),
            high: black_box(HIGH),
            from_a: black_box(ONES * 0x3F),
            past_z: black_box(ONES * 0x25),
            space: black_box(ONES * u64::from(b' ')),
        }
    }

    /// [`capitals`].
    #[inline(always)]
    fn capitals(&self, w: u64) -> u64 {
        let x = w & self.low7;
        let from_a = (x + self.from_a) & self.high;
        let past_z = (x + self.past_z) & self.high;
        (w & self.high) | (from_a & !past_z)
    }

    /// [`spaces`].
    #[inline(always)]
    fn spaces(&self, w: u64) -> u64 {
        let t = w ^ self.space;
        !(((t & self.low7) + self.low7) | t | self.low7)
    }
}

/// The spaces of `b` followed by an ASCII capital or a non-ASCII byte, in
/// order: the only spaces a doubled word can follow, as [`doubled_at`] asks
/// for a capital after its space. The masks of [`has_doubled_word`], for a
/// caller that wants every such space.
pub fn spaces_before_capitals(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    let mut hits = 0u64;
    std::iter::from_fn(move || loop {
        if hits != 0 {
            let space = at - 8 + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            return Some(space);
        }
        if at + 9 <= b.len() {
            let caps = capitals(load(b, at + 1));
            if caps != 0 {
                hits = spaces(load(b, at)) & caps;
            }
            at += 8;
            continue;
        }
        // The last bytes, one at a time.
        while at + 1 < b.len() {
            let space = at;
            at += 1;
            if b[space] == b' ' && (b[space + 1].is_ascii_uppercase() || !b[space + 1].is_ascii()) {
                return Some(space);
            }
        }
        return None;
    })
}

/// The eight bytes of `b` from `at`, byte `k` in bits `8k..8k + 8`.
fn load(b: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(word)
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `w` that is a space (exact: no carry
/// crosses a byte).
fn spaces(w: u64) -> u64 {
    bytes_of(w, b' ')
}

/// The high bit of each byte of `w` that is an ASCII capital or not ASCII.
fn capitals(w: u64) -> u64 {
    let x = w & LOW7;
    let from_a = (x + ONES * 0x3F) & HIGH; // x >= 0x41
    let past_z = (x + ONES * 0x25) & HIGH; // x >= 0x5B
    (w & HIGH) | (from_a & !past_z)
}

/// The high bit of each byte of `w` equal to `c` (exact: no carry crosses
/// a byte).
fn bytes_of(w: u64, c: u8) -> u64 {
    let t = w ^ (ONES * u64::from(c));
    !(((t & LOW7) + LOW7) | t | LOW7)
}

/// The test of [`has_doubled_word`] at a space before a capital.
fn doubled_pair(text: &str, space: usize) -> bool {
    doubled_at(text, space) && cased_before(text, space)
}

/// Whether the word before the space at byte `space` of `text`, read as
/// [`doubled_at`] reads it (before a link's `]]`), holds an upper-case
/// char: a capitalised word can end there only then.
fn cased_before(text: &str, space: usize) -> bool {
    let before = &text[..space];
    let before = before.strip_suffix("]]").unwrap_or(before);
    before[word_start(before, before.len())..]
        .chars()
        .any(char::is_uppercase)
}

/// Where the word that ends at byte `end` of `text` starts (`end` when no
/// word char comes right before it). Joiners join inside a word only: in
/// `'Lior Lior` the quote opens a YAML scalar, and the word is `Lior`.
pub fn word_start(text: &str, end: usize) -> usize {
    // ASCII bytes are judged without decoding; chars only past a non-ASCII
    // byte, as a run of word chars may go on there.
    let b = text.as_bytes();
    let mut start = end;
    while start > 0 && is_ascii_word_byte(b[start - 1]) {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        start = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(start, |(i, _)| i);
    }
    let word = &text[start..end];
    end - word.trim_start_matches(is_joiner).len()
}

/// A character of a word for [`has_doubled_word`]: letters, combining marks
/// and the joiners inside names.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c) || is_joiner(c)
}

/// The ASCII bytes [`is_word_char`] takes: letters and the ASCII joiners.
/// Looked up: the walk back over the word before each space before a
/// capital asks it of every byte.
#[inline(always)]
fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD[usize::from(b)]
}

/// [`is_ascii_word_byte`]'s table: ASCII letters, `'` and `-`.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphabetic() || b as u8 == b'\'' || b as u8 == b'-';
        b += 1;
    }
    t
};

/// Whether the bytes beside the space at byte `space` of `text` prove that
/// no capitalised word after it repeats the word before it, without
/// decoding a char: most spaces before a capital fail here (a sentence
/// start after `.`, an item after `- [ ]`, a word after a word with another
/// first letter), and [`doubled_at`] asks first. It reads the word before
/// as [`word_start`] does (after a link's `]]`, joiners trimmed) when it is
/// all ASCII, and proves it when nothing after the space can be a capital
/// (an ASCII byte that is not one, or the end), when no word ends before
/// it, or when that word's first letter differs, ignoring case, from the
/// ASCII capital after the space (a repeat, possessive or not, starts with
/// the same letter). Anything else is left to the full reading: a
/// non-ASCII letter may lower-case to an ASCII one (the Kelvin sign to
/// `k`).
#[inline(always)]
fn unpaired(b: &[u8], space: usize) -> bool {
    let Some(&next) = b.get(space + 1) else {
        return true;
    };
    // An ASCII byte after the space is a capital or proves it; only a
    // non-ASCII one is looked up as a symbol or an uncased char.
    if next.is_ascii() {
        if !next.is_ascii_uppercase() {
            return true;
        }
    } else if symbol_first(&b[space + 1..]) || uncased_first(&b[space + 1..]) {
        return true;
    }
    let end = if space >= 2 && b[space - 2..space] == *b"]]" {
        space - 2
    } else {
        space
    };
    let mut start = end;
    while start > 0 && is_ascii_word_byte(b[start - 1]) {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        return false;
    }
    let Some(&first) = b[start..end].iter().find(|&&c| !matches!(c, b'\'' | b'-')) else {
        return true;
    };
    next.is_ascii() && !first.eq_ignore_ascii_case(&next)
}

/// Whether `b` starts with a symbol from a block without a capital letter:
/// arrows, technical and mathematical symbols, dingbats (U+2190–U+245F,
/// U+2500–U+2BFF) or emoji (U+1F300–U+1FAFF). Every Tasks signifier but
/// 🆔 is one, and a space before one is on every task line; decoding it to
/// ask `char::is_uppercase` cost more than the rest of the look at that
/// space.
fn symbol_first(b: &[u8]) -> bool {
    match *b {
        [0xE2, b1, b2, ..] => {
            let c = (u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)) | 0x2000;
            (0x2190..=0x245F).contains(&c) || (0x2500..=0x2BFF).contains(&c)
        }
        [0xF0, 0x9F, b2, ..] => (0x8C..=0xAB).contains(&b2),
        _ => false,
    }
}

/// Whether `b` starts with a char of two or three bytes that no upper-case
/// char shares its first two bytes with ([`CASED_BLOCKS`]): lower-case
/// Cyrillic and Greek, Hebrew, Arabic, the scripts of India and South-East
/// Asia, CJK, Hangul. A space before one is on every line of such prose,
/// and decoding the char to ask `char::is_uppercase` cost most of the look
/// at that space.
fn uncased_first(b: &[u8]) -> bool {
    match *b {
        [lead @ 0xC2..=0xEF, b1, ..] => {
            CASED_BLOCKS[usize::from(lead - 0xC2)] >> (b1 & 0x3F) & 1 == 0
        }
        _ => false,
    }
}

/// Per lead byte `C2`-`EF`, bit `k` set when some upper-case char starts
/// with that lead byte and a second byte whose low six bits are `k`: one
/// char for a lead below `E0`, a block of 64 above. A test rebuilds it
/// from `char::is_uppercase`.
#[rustfmt::skip]
const CASED_BLOCKS: [u64; 0xF0 - 0xC2] = [
    0x0000000000000000, // C2
    0x000000007F7FFFFF, // C3
    0xAA55555555555555, // C4
    0x2B555555555554AA, // C5
    0x11AED2D5B1DBCED6, // C6
    0x55D255554AAAA490, // C7
    0x6C05555555555555, // C8
    0x000000000000557A, // C9
    0x0000000000000000, // CA
    0x0000000000000000, // CB
    0x0000000000000000, // CC
    0x8045000000000000, // CD
    0x00000FFBFFFED740, // CE
    0xE6905555551C8000, // CF
    0x0000FFFFFFFFFFFF, // D0
    0x5555555500000000, // D1
    0x5555555555555401, // D2
    0x5555555555552AAB, // D3
    0xFFFE555555555555, // D4
    0x00000000007FFFFF, // D5
    0x0000000000000000, // D6
    0x0000000000000000, // D7
    0x0000000000000000, // D8
    0x0000000000000000, // D9
    0x0000000000000000, // DA
    0x0000000000000000, // DB
    0x0000000000000000, // DC
    0x0000000000000000, // DD
    0x0000000000000000, // DE
    0x0000000000000000, // DF
    0x0000000000000000, // E0
    0xFF0400000000C00C, // E1
    0x000F0000000C0070, // E2
    0x0000000000000000, // E3
    0x0000000000000000, // E4
    0x0000000000000000, // E5
    0x0000000000000000, // E6
    0x0000000000000000, // E7
    0x0000000000000000, // E8
    0x0000000000000000, // E9
    0x00000000F6000000, // EA
    0x0000000000000000, // EB
    0x0000000000000000, // EC
    0x0000000000000000, // ED
    0x0000000000000000, // EE
    0x1000000000000000, // EF
];

/// Whether the word after the space at byte `space` is capitalised and
/// repeats the word that ends right before it, or the last word of a link
/// that closes right before it (`[[Lior Genzel]] Genzel`).
pub fn doubled_at(text: &str, space: usize) -> bool {
    if unpaired(text.as_bytes(), space) {
        return false;
    }
    let after = &text[space + 1..];
    let capital = match after.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => after
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && is_word_char(c)),
        None => false,
    };
    if !capital {
        return false;
    }
    let ascii = after
        .bytes()
        .position(|b| !is_ascii_word_byte(b))
        .unwrap_or(after.len());
    let word_len = if after.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
        ascii
            + after[ascii..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(after.len() - ascii)
    } else {
        ascii
    };
    let before = &text[..space];
    let before = before.strip_suffix("]]").unwrap_or(before);
    // A repeat ends as the word before it ends, possessives (`…'s`) aside:
    // two last letters that differ (ignoring case) rule most capitals out
    // before the word before is read.
    if let (Some(&x), Some(&y)) = (
        before.as_bytes().last(),
        after.as_bytes()[..word_len].last(),
    ) {
        if x.is_ascii_alphabetic()
            && y.is_ascii_alphabetic()
            && !x.eq_ignore_ascii_case(&y)
            && !y.eq_ignore_ascii_case(&b's')
        {
            return false;
        }
        // The same for a non-ASCII last letter (`Génération Général`),
        // decoded: two letters whose lower cases are one char each and
        // differ end two different words, as `same_word` compares them.
        if !(x.is_ascii() && y.is_ascii()) && last_letters_differ(before, &after[..word_len]) {
            return false;
        }
    }
    let space = before.len();
    let prev_start = word_start(before, space);
    prev_start < space && repeats_word(&before[prev_start..], &after[..word_len])
}

/// Whether the last chars of `a` and `b` are letters whose lower cases
/// are single chars that differ, `b`'s not `s` (a possessive's end):
/// then `b` neither is `a` nor `a`'s possessive.
fn last_letters_differ(a: &str, b: &str) -> bool {
    let lower = |s: &str| {
        let c = s.chars().next_back().filter(|c| c.is_alphabetic())?;
        let mut l = c.to_lowercase();
        let first = l.next()?;
        l.next().is_none().then_some(first)
    };
    matches!((lower(a), lower(b)), (Some(x), Some(y)) if x != y && y != 's')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        words_at(s, 0, s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn symbols_taken_for_no_capital_are_none() {
        let ranges = [0x2190..=0x245F, 0x2500..=0x2BFF, 0x1F300..=0x1FAFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert!(!c.is_uppercase(), "{c:?}");
            assert!(symbol_first(c.to_string().as_bytes()), "{c:?}");
        }
        for c in [
            '\u{218F}',
            '\u{2460}',
            '\u{24B6}',
            '\u{24FF}',
            '\u{2C00}',
            '\u{1F2FF}',
        ] {
            assert!(!symbol_first(c.to_string().as_bytes()), "{c:?}");
        }
        assert!(!symbol_first("É".as_bytes()) && !symbol_first(b"\xE2"));
    }

    #[test]
    fn runs_of_capitalised_words() {
        assert_eq!(
            words("Lior Genzel Genzel 📅 2025"),
            ["Lior", "Genzel", "Genzel"]
        );
        assert_eq!(words("Ada Lovelace said"), ["Ada", "Lovelace"]);
        assert_eq!(
            words("Boutros Boutros-Ghali, x"),
            ["Boutros", "Boutros-Ghali"]
        );
        assert_eq!(words("Seán O’Brien’s"), ["Seán", "O’Brien’s"]);
        assert_eq!(
            words("Иван Петров Петров #task"),
            ["Иван", "Петров", "Петров"]
        );
        assert_eq!(words("Ada Genzel2"), ["Ada"]);
        assert_eq!(words("Ada  Lovelace"), ["Ada"]);
        assert!(words("ada Lovelace").is_empty());
        assert!(words("東京 Tokyo").is_empty());
        assert_eq!(words("Jose\u{301} Ruiz"), ["Jose\u{301}", "Ruiz"]);
    }

    #[test]
    fn repeats_collapse_and_keys() {
        let s = "Lior Lior Genzel GENZEL";
        let w = words_at(s, 0, s.len());
        assert_eq!(repeats(s, &w), [1, 3]);
        assert_eq!(collapse(s, &w), "Lior Genzel");
        assert_eq!(key("Νίκος  Παπαδόπουλος"), "νίκος παπαδόπουλος");
        assert_eq!(key(" Lior\tGENZEL  Ödön "), "lior genzel ödön");
        assert!(!same_word("Jose", "José"));
        // The ASCII reading splits where `split_whitespace` does.
        for b in 0..128u8 {
            let c = char::from(b);
            for name in [format!("{c}Ada{c}{c}LOVE{c}lace{c}"), format!("A{c}b")] {
                let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
                assert_eq!(key(&name), words.join(" "), "{name:?}");
            }
        }
        let s = "Lior Genzel Genzel’s";
        let w = words_at(s, 0, s.len());
        assert_eq!(repeats(s, &w), [2]);
        assert_eq!(collapse(s, &w), "Lior Genzel’s");
        assert!(!repeats_word("Genzel’s", "Genzel’s’s"));
    }

    /// The first-letter shortcut of `repeats_word` rules out no repeat.
    #[test]
    fn repeats_word_agrees_with_comparing_in_full() {
        let words = [
            "Ada",
            "ada",
            "ADA",
            "Ada's",
            "Ada’s",
            "ada’S",
            "Bob",
            "É",
            "é",
            "Élan",
            "élan",
            "\u{212a}elvin",
            "kelvin",
            "İz",
            "iz",
            "Straße",
            "STRASSE",
            "'s",
            "’s",
            "s",
        ];
        for prev in words {
            for word in words {
                let (base, suffix) = possessive(word);
                let full = same_word(prev, word)
                    || (!suffix.is_empty()
                        && possessive(prev).1.is_empty()
                        && same_word(prev, base));
                assert_eq!(repeats_word(prev, word), full, "{prev:?} {word:?}");
            }
        }
    }

    /// The last-letter shortcut of `doubled_at` rules out no repeat: it
    /// agrees with comparing the two words in full.
    #[test]
    fn doubled_at_agrees_with_comparing_words() {
        let pieces = [
            "Ada",
            "ada",
            "ADA",
            "Adas",
            "Ada's",
            "Ada’s",
            "Genzel",
            "Genzel’S",
            " ",
            "]]",
            "[[",
            "É",
            "é",
            "-",
            "'",
            "x",
            "Lior",
            "LIOR",
            "İ",
            "Straße",
            "STRASSE",
            "\u{212a}",
            ".",
            "1",
            "Bob",
            "bob",
            "#",
            "Géné",
            "GÉNÉ",
            "Ωμέγα",
            "ΩΜΈΓΑ",
            "Σ",
            "ς",
            "σ",
            "ﬁ",
            "ǅ",
            "д",
            "Дд",
            "ДД",
            "ก",
            "日",
            "Ａ",
        ];
        let mut seed = 7u64;
        for _ in 0..50_000 {
            let mut text = String::new();
            for _ in 0..6 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for (space, _) in text.match_indices(' ') {
                let after = &text[space + 1..];
                let word = &after[..after
                    .find(|c: char| !is_word_char(c))
                    .unwrap_or(after.len())];
                let before = text[..space].strip_suffix("]]").unwrap_or(&text[..space]);
                let prev = &before[word_start(before, before.len())..];
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                let full = capital && !prev.is_empty() && repeats_word(prev, word);
                assert_eq!(doubled_at(&text, space), full, "{text:?} at {space}");
            }
        }
    }

    /// The table of blocks holding an upper-case char is what
    /// `char::is_uppercase` says, for every char of two or three bytes.
    #[test]
    fn cased_blocks_are_the_upper_case_ones() {
        let mut masks = [0u64; 0xF0 - 0xC2];
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| c.is_uppercase()) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            masks[usize::from(b[0] - 0xC2)] |= 1 << (b[1] & 0x3F);
        }
        assert_eq!(masks, CASED_BLOCKS);
        for c in ('\u{80}'..=char::MAX).filter(|c| c.is_uppercase()) {
            assert!(!uncased_first(c.to_string().as_bytes()), "{c:?}");
        }
        assert!(uncased_first("д".as_bytes()) && !uncased_first("Д".as_bytes()));
        assert!(uncased_first("ก".as_bytes()) && uncased_first("日".as_bytes()));
        assert!(!uncased_first("Ａ".as_bytes()) && !uncased_first("Ẽ".as_bytes()));
        assert!(!uncased_first(b"\xD0") && !uncased_first(b"A"));
    }

    /// Eight bytes at a time find the spaces before a capital that a walk
    /// over every pair of bytes finds.
    #[test]
    fn masks_find_what_the_walk_finds() {
        let pieces = [
            " ", "a", "A", "Z", "@", "[", "`", "{", "é", "É", "📅", "Ada", "ada", "]]", "1", ".",
            "'", "-", "]", "д", "Д", "z",
        ];
        let mut seed = 11u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed >> 60) + 4 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let walk = text.as_bytes().windows(2).enumerate().any(|(space, w)| {
                w[0] == b' '
                    && (w[1].is_ascii_uppercase() || !w[1].is_ascii())
                    && doubled_pair(&text, space)
            });
            assert_eq!(has_doubled_word(&text), walk, "{text:?}");
            let spaces: Vec<usize> = text
                .as_bytes()
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w[0] == b' ' && (w[1].is_ascii_uppercase() || !w[1].is_ascii()))
                .map(|(space, _)| space)
                .collect();
            let found: Vec<usize> = spaces_before_capitals(text.as_bytes()).collect();
            assert_eq!(found, spaces, "{text:?}");
        }
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, 0, b' ', b, b'A', b'Z', b'[', b'@']);
            let expected = |c: u8| c.is_ascii_uppercase() || !c.is_ascii();
            for (k, c) in w.to_le_bytes().into_iter().enumerate() {
                assert_eq!(spaces(w) >> (8 * k + 7) & 1 == 1, c == b' ', "{c}");
                assert_eq!(capitals(w) >> (8 * k + 7) & 1 == 1, expected(c), "{c}");
            }
        }
    }

    #[test]
    fn cheap_test() {
        assert!(has_doubled_word("x @Lior Genzel Genzel 📅"));
        assert!(has_doubled_word("[[Lior Genzel|Lior Genzel Genzel]]"));
        assert!(has_doubled_word("- \"Ada Ada\""));
        // A quote before the word opens the scalar; inside, it joins.
        assert!(has_doubled_word("[ 'Lior Lior Genzel']"));
        assert!(has_doubled_word("- ‘Ada Ada"));
        assert!(!has_doubled_word("O'Brien Brien"));
        assert!(!has_doubled_word("Boutros Boutros-Ghali and the the cat"));
        assert!(!has_doubled_word("Lior Genzel, Jason Vallery"));
        // A tag is no name: no capitalised word ends where it does.
        assert!(!has_doubled_word("- [ ] #task Task 4"));
        assert!(has_doubled_word("#Task Task"));
        assert!(has_doubled_word("[[Lior Genzel]] Genzel"));
    }
}
