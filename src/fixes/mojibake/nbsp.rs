//! A no-break space an editor turned into a plain space.
//!
//! UTF-8 `à` is C3 A0; windows-1252 and its kin read A0 as a no-break space,
//! and many editors and mail clients then write that as an ordinary space:
//! `voilà` arrives as `voilÃ ` and `Škoda` as `Å koda`. The run of non-ASCII
//! chars stops before the space, so on its own it is a lead byte with
//! nothing after it. Read with the space taken back as byte A0, it is whole.
//!
//! The space was the A0 where the sequence it completes reads as an
//! everyday char no lost byte could make instead (a lost byte that would
//! leave a one-capital word, `Ł iiliŋ`, does not count), where no lost byte
//! makes a letter at all, where a letter of its own script stands beside
//! it and the page lost no byte elsewhere, or where the note shows that its
//! decoder lost no byte silently (it kept one it could not read as a C1
//! control, or marked it with U+FFFD). The A0 may also be a middle byte
//! (`â €` for the braille blank, `å …` for 堅): the run after the space then
//! joins the sequence, never after an ASCII word (`café …`), and a letter
//! so made must stand beside one of its own script. Never after an
//! uppercase letter unless a lowercase word follows: `IRMÃ E` is correct
//! Portuguese, `MÃ yÉ›sÃ¨p` is Màyɛsèp; nor where it would make a capital
//! closing a word of small letters (`prieÅ 15` is prieš, its 0xA1 lost);
//! unless the word is garbled on both sides of the space (`ÐŸÐ Ð\u{90}`
//! for ПРА, Р being D0 A0).
//!
//! Whether the space was the A0 itself or a space after it depends on
//! what follows: two spaces mean the first was the A0; one space before a
//! letter means the A0 sat inside a word (`Å koda`, `MoldÃ wien`), its
//! commonest place, unless the letter ends a word the lists in `joined`
//! hold (`voilÃ le` is `voilà le`, the web page's space collapsed into the
//! no-break one) and does not begin one with the word after (`Ã s` is the
//! Portuguese `às`); before an ASCII capital, digit or bracket it stays.

use super::detect::Run;
use super::dropped::plausible_candidates;
use super::pages::{is_continuation, sequence_len, CodePage};
use super::score::{self, ASCII_LETTER};
use super::{joined, lang, model};

/// `r` widened over the space after it, the space read as the page's byte
/// A0 (a U+00A0 in its chars), when `page` reads A0 as a no-break space and
/// the run ends in a sequence the A0 continues. Where the sequence needs
/// more bytes after the A0 (`â €` for the braille blank E2 A0 80, `å …` for
/// 堅), the non-ASCII chars right after the space are taken in too, as far
/// as the next ASCII char: the run after the space becomes part of this one.
pub fn widen(text: &str, r: &Run, page: &CodePage) -> Option<Run> {
    if r.next != Some(' ') || page.byte_of('\u{a0}') != Some(0xA0) {
        return None;
    }
    // The run ends in a sequence short of bytes: a lead and the
    // continuations after it (`Ã` for à, `à¸` for Thai ภ).
    let lead_at = r.chars.iter().rposition(|&c| {
        page.byte_of(c)
            .and_then(sequence_len)
            .is_some_and(|n| n >= 2)
    })?;
    let n = sequence_len(page.byte_of(*r.chars.get(lead_at)?)?)?;
    let tail = r.chars.get(lead_at + 1..)?;
    if tail.len() + 2 > n
        || !tail
            .iter()
            .all(|&c| page.byte_of(c).is_some_and(is_continuation))
    {
        return None;
    }
    // Correct uppercase text ending in such a letter (`IRMÃ E`, `CAFÉ`,
    // `COMANDĂ tipărește`); one capital before it and a lowercase word
    // after the space make a capitalised word instead (`MÃ yÉ›sÃ¨p` for
    // Màyɛsèp).
    let before = r.chars.get(..lead_at)?.last().copied().or(r.prev);
    let lower_after = text
        .get(r.range.end + 1..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_lowercase);
    // Counted only where it decides.
    let capitals_before = || {
        r.chars[..lead_at]
            .iter()
            .rev()
            .copied()
            .chain(text.get(..r.range.start).unwrap_or("").chars().rev())
            .take_while(|c| c.is_alphabetic())
            .take(2)
            .filter(|c| c.is_uppercase())
            .count()
    };
    // But a word garbled before the lead whose mojibake goes on after the
    // space (`ÐŸÐ Ð\u{90}` for ПРА: Р is D0 A0) is one word in capitals,
    // its A0 inside it.
    let garbled_after = || {
        if before.is_none_or(|c| c.is_ascii()) {
            return false;
        }
        let mut rest = text.get(r.range.end + 1..).unwrap_or("").chars();
        let lead = rest.next().and_then(|c| page.byte_of(c));
        lead.filter(|&b| b >= 0x80)
            .and_then(sequence_len)
            .is_some_and(|len| {
                len >= 2
                    && (1..len).all(|_| {
                        rest.next()
                            .and_then(|c| page.byte_of(c))
                            .is_some_and(is_continuation)
                    })
            })
    };
    if n == 2
        && before.is_some_and(char::is_uppercase)
        && (!lower_after || capitals_before() > 1)
        && !garbled_after()
    {
        return None;
    }
    // Nor a capital closing a word of small letters (`prieÅ 15` is prieš,
    // its 0xA1 lost, not prieŠ): no orthography ends a word so.
    let made = || {
        let lead = page.byte_of(*r.chars.get(lead_at)?)?;
        std::str::from_utf8(&[lead, 0xA0]).ok()?.chars().next()
    };
    if n == 2
        && before.is_some_and(char::is_lowercase)
        && !lower_after
        && made().is_some_and(char::is_uppercase)
        && !garbled_after()
    {
        return None;
    }
    let after = r.range.end + 1;
    // The bytes still missing begin the non-ASCII text after the space:
    // checked before the run is copied, as most runs before a space fail
    // here (a word whose last letter is a page's lead byte).
    let missing = n - tail.len() - 2;
    let mut stretch = "";
    if missing > 0 {
        let rest = text.get(after..)?;
        // The first chars decide; the stretch's end is looked for only
        // where they are continuation bytes (an ASCII char is none).
        let mut conts = rest.chars().map(|c| page.byte_of(c));
        if !(0..missing).all(|_| conts.next().flatten().is_some_and(is_continuation)) {
            return None;
        }
        let len = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        stretch = rest.get(..len)?;
    }
    let mut run = r.clone();
    run.widened = Some(r.chars.len());
    run.chars.push('\u{a0}');
    let mut end = after;
    if missing > 0 {
        run.chars.extend(stretch.chars());
        end = after + stretch.len();
    }
    run.range.end = end;
    run.next = text.get(end..).and_then(|t| t.chars().next());
    Some(run)
}

/// Whether the space after the rebuilt `ch` stays. The A0 sits inside a
/// word far more often than at its end (`MoldÃ wien`, `SomÃ lia`, `Å koda`),
/// and where it did end one, an editor usually leaves the space after it
/// too (`voilÃ  le`). So the space goes, unless what follows begins a word
/// of its own (an ASCII capital, digit, opening bracket or quote:
/// `vÃ Jersey`, `yÃ 11`; a no-break space itself never keeps one), or `ch`
/// is a lowercase letter ending a listed word (`stem`: the letters before
/// it, lowercase, empty after a space or an elision's apostrophe: `voilà`,
/// `città`, `à` alone, `jusqu'à`) while `ch` with the word after the space
/// (`rest`: the text from it on) is not one (`às`, `àquele` in
/// Portuguese). `langs` are the note's languages as `lang::identify` gives
/// them, asked only when a word is listed at all; a note whose language is
/// unknown (a short line) takes a word of any list, but for a word of two
/// or three letters.
pub fn keeps_space(ch: char, stem: &str, rest: &str, langs: impl FnOnce() -> u64) -> bool {
    let Some(after) = rest.chars().next() else {
        return false;
    };
    // Only ASCII is read as it stands: other chars here are mostly the
    // next word's own mojibake (`Ð Ñƒ`, whose `Ñ` is no capital).
    if ch.is_alphabetic()
        && (after.is_ascii_uppercase()
            || after.is_ascii_digit()
            || matches!(after, '(' | '[' | '{' | '"' | '\''))
    {
        return true;
    }
    if !(ch.is_lowercase() && after.is_alphabetic()) {
        return false;
    }
    let mut ending = String::with_capacity(stem.len() + 4);
    ending.push_str(stem);
    ending.push(ch);
    let ended_by: Vec<usize> = joined::ENDING
        .iter()
        .filter(|(_, words)| words.split(' ').any(|w| w == ending))
        .filter_map(|&(code, _)| lang::index(code))
        .collect();
    if ended_by.is_empty() {
        return false;
    }
    let end = rest
        .find(|c: char| !lang::in_words(c))
        .unwrap_or(rest.len());
    let mut word = String::with_capacity(end + 2);
    word.push(ch);
    word.extend(rest[..end].chars().flat_map(char::to_lowercase));
    let from = joined::WORDS.partition_point(|&(w, _)| w < word.as_str());
    let joined_by: Vec<usize> = joined::WORDS[from..]
        .iter()
        .take_while(|&&(w, _)| w == word)
        .filter_map(|&(_, code)| lang::index(code))
        .collect();
    let langs = langs();
    let writes = |by: &[usize]| by.iter().any(|&i| langs == 0 || langs & (1 << i) != 0);
    // A word of two or three letters (`là`, `mà`, `già`) begins too many
    // longer ones (`Màrt`, `Fàroe`) to count in a note of unknown language.
    let short = (1..3).contains(&stem.chars().count());
    writes(&ended_by) && !writes(&joined_by) && !(short && langs == 0)
}

/// Whether `ch`, which the space completed, is worth taking over the
/// other reading of the same text: a byte the page left undefined was lost
/// and the space is real. Two spaces after the run speak for the no-break
/// space; one space does only when no lost byte gives a letter as likely
/// (`Ã ` after a lowercase letter is `à`, since the lost bytes give only
/// capitals; `Ă ` under windows-1257 may be `á` or `å` as well as `à`).
/// Where the lead starts a word and a letter follows the space
/// (`starts_word`), a lost byte would make a word of one capital letter
/// (`Å iiliŋ` as `Ł iiliŋ`), which hardly any language writes: such
/// capitals do not count. `languages` are the note's (see
/// `score::languages`; 0 for unknown).
pub fn is_likely(
    ch: char,
    page: &CodePage,
    lead: u8,
    (double, starts_word): (bool, bool),
    languages: u16,
) -> bool {
    if !(ch == '\u{a0}' || fits(ch, languages)) {
        return false;
    }
    double
        || !plausible_candidates(page, lead, &[]).into_iter().any(|c| {
            c.is_lowercase() == ch.is_lowercase()
                && !(starts_word && c.is_uppercase())
                && fits(c, languages)
        })
}

/// An everyday letter: an accented Latin letter of the note's languages
/// (any listed language when they are unknown), or a letter of another
/// script the character model finds everyday (`Ϡ` from `Ï ` is not: far
/// likelier a `ύ` whose byte was lost before a real space).
pub fn fits(c: char, languages: u16) -> bool {
    if u32::from(c) < 0x250 {
        let of = score::languages(c);
        c.is_alphabetic() && of != ASCII_LETTER && (languages == 0 || of & languages != 0)
    } else {
        // The word lists are lowercase: a capital counts as its small letter.
        model::is_everyday(c.to_lowercase().next().unwrap_or(c))
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect::runs;
    use super::super::tables::{MAC_ROMAN, WINDOWS_1250, WINDOWS_1252, WINDOWS_1257};
    use super::*;

    /// `choose` asks `widen` only under the pages that read a run's last
    /// char as a lead or continuation byte: no other page widens it.
    #[test]
    fn only_a_last_lead_or_continuation_widens() {
        use super::super::{code_pages, garble, quick};
        let texts = [
            "voilà le café, Ελληνικά είναι ή και, Привет мир, Škoda a ⠀ b",
            "å … 堅 x, MoldÀ wien, Ã ok, Ð Ñƒ, à¸ x",
        ];
        for text in texts {
            for &page in code_pages() {
                for keep in [true, false] {
                    let g = garble(text, page, keep).replace('\u{a0}', " ");
                    for g in [g.as_str(), text] {
                        for r in runs(g) {
                            let Some(&last) = r.chars.last() else {
                                continue;
                            };
                            let ends = quick::lead_pages(last) | quick::cont_pages(last);
                            for (p, &q) in code_pages().iter().enumerate() {
                                if ends & (1 << p) == 0 {
                                    assert!(widen(g, &r, q).is_none(), "{g:?} {}", q.name);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn widens_a_lead_byte_over_the_space_after_it() {
        let text = "voilÃ  ok";
        let r = &runs(text)[0];
        let wide = widen(text, r, &WINDOWS_1252).expect("widened");
        assert_eq!(wide.chars, ['Ã', '\u{a0}']);
        assert_eq!(&text[wide.range.clone()], "Ã ");
        let offsets: Vec<_> = (0..=wide.chars.len()).map(|i| wide.offset(i)).collect();
        assert_eq!(offsets, [Some(0), Some(2), Some(3)]);
        assert_eq!(wide.next, Some(' '));
        // Mac Roman reads A0 as †, not as a no-break space.
        assert!(widen(text, r, &MAC_ROMAN).is_none());
    }

    #[test]
    fn leaves_uppercase_words_and_runs_not_before_a_space() {
        assert!(widen("IRMÃ E", &runs("IRMÃ E")[0], &WINDOWS_1252).is_none());
        assert!(widen("MÃ yes", &runs("MÃ yes")[0], &WINDOWS_1252).is_some());
        let caps = "COMANDĂ tipărește";
        assert!(widen(caps, &runs(caps)[0], &WINDOWS_1250).is_none());
        assert!(widen("voilÃ.", &runs("voilÃ.")[0], &WINDOWS_1252).is_none());
        // é is a three-byte lead under windows-1252.
        assert!(widen("é x", &runs("é x")[0], &WINDOWS_1252).is_none());
    }

    #[test]
    fn takes_the_space_only_without_a_likely_lost_byte() {
        // Ã + A0 is à; its lost-byte readings are capitals (Á, Í, Ï, Ð, Ý).
        assert!(is_likely('à', &WINDOWS_1252, 0xC3, (false, false), 0));
        assert!(is_likely('\u{a0}', &WINDOWS_1252, 0xC2, (false, false), 0));
        // Under windows-1257 Ă + A1 is á, as likely in Spanish as à.
        assert!(!is_likely(
            'à',
            &WINDOWS_1257,
            0xC3,
            (false, false),
            score::languages('ñ')
        ));
        // Two spaces: the first was the no-break space.
        assert!(is_likely(
            'à',
            &WINDOWS_1257,
            0xC3,
            (true, false),
            score::languages('ñ')
        ));
        // Rare letters never: Ġ (for a Romanian ă whose 0x83 was lost), Ϡ.
        assert!(!is_likely('Ġ', &WINDOWS_1250, 0xC4, (true, false), 0));
        assert!(!is_likely('Ϡ', &WINDOWS_1252, 0xCF, (true, false), 0));
        // Š (C5 A0) starting a word: a lost byte would make Ł or Ő a word
        // of its own; after a letter it may end one (`PAŁ `).
        assert!(is_likely('Š', &WINDOWS_1252, 0xC5, (false, true), 0));
        assert!(!is_likely('Š', &WINDOWS_1252, 0xC5, (false, false), 0));
    }

    #[test]
    fn the_space_stays_after_a_word_that_ends_in_the_letter() {
        assert!(keeps_space('à', "", "la vie", || 0));
        assert!(keeps_space('à', "voil", "le travail", || 0));
        assert!(keeps_space('à', "citt", "nuova", || 0));
        assert!(!keeps_space('à', "", " la", || 0));
        assert!(!keeps_space('Š', "", "koda", || 0));
        assert!(!keeps_space('à', "", ".", || 0));
        // A word of its own follows: a capital, a number, a bracket.
        assert!(keeps_space('à', "v", "Jersey", || 0));
        assert!(keeps_space('à', "ndàay", "11 Ciongo", || 0));
        assert!(keeps_space('à', "otom", "(1500-1928)", || 0));
        assert!(!keeps_space('\u{a0}', "", "Regulamento", || 0));
    }

    #[test]
    fn the_space_goes_inside_a_word_no_list_ends_there() {
        assert!(!keeps_space('à', "mold", "wien", || 0));
        assert!(!keeps_space('à', "som", "lia", || 0));
        // A short word counts only where the note's language writes it.
        assert!(!keeps_space('à', "f", "roe", || 0));
        let vi = || lang::index("vi").map_or(0, |i| 1 << i);
        assert!(keeps_space('à', "m", "không", vi));
        // `città` is Italian: in a note known to be Polish it is no word.
        let pl = || lang::index("pl").map_or(0, |i| 1 << i);
        assert!(!keeps_space('à', "citt", "nuova", pl));
    }

    #[test]
    fn the_space_goes_where_the_letter_and_the_next_word_spell_a_word() {
        let pt = || lang::index("pt").map_or(0, |i| 1 << i);
        let fr = || lang::index("fr").map_or(0, |i| 1 << i);
        assert!(!keeps_space('à', "", "s crianças", pt));
        assert!(!keeps_space('à', "", "quele observado", pt));
        // A short line whose language is unknown takes a listed word.
        assert!(!keeps_space('à', "", "quele", || 0));
        // In French, `às` is no word: à is followed by a word starting in s.
        assert!(keeps_space('à', "", "s crianças", fr));
        // Not a word anywhere: the space stays after the word `à`.
        assert!(keeps_space('à', "", "sa maison", pt));
    }
}
