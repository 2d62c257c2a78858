//! Bytes a strict decoder dropped. When the wrong code page leaves a byte
//! undefined (0x8F in windows-1254), a strict decoder drops it and the
//! sequence it belonged to arrives short: `â«` is E2 AB, ⏫ is E2 8F AB.
//! The few undefined bytes of the page that complete a valid sequence are
//! the candidates; one is taken only when the context makes it clearly
//! right, otherwise the text stays and the fix says why.

use super::pages::{decode_sequence, sequence_len, CodePage};
use super::score::{char_cost, kind, script, Kind, Script};

/// The Obsidian Tasks signifiers: dates, recurrence, ids, dependencies and
/// priorities.
pub const TASKS_SIGNIFIERS: [char; 15] = [
    '📅', '⏳', '🛫', '➕', '✅', '❌', '🔁', '🆔', '⛔', '🏁', '🔺', '⏫', '🔼', '🔽', '⏬',
];

/// True for a Tasks signifier emoji.
pub fn is_signifier(c: char) -> bool {
    TASKS_SIGNIFIERS.contains(&c)
}

/// What is known around a short sequence.
#[derive(Clone, Copy, Debug, Default)]
pub struct GapContext {
    /// The line is a task (`- [ ]`), holds a date, or the note uses Tasks
    /// signifiers elsewhere.
    pub tasks: bool,
    /// A “ earlier on the line is still open.
    pub open_double: bool,
    /// The nearest letter before the gap (in the repaired text), if adjacent.
    pub letter_before: Option<char>,
    /// The nearest letter after the gap, if adjacent.
    pub letter_after: Option<char>,
}

/// A rebuilt char and the bytes that were restored for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebuilt {
    /// The char.
    pub ch: char,
    /// The restored (dropped) bytes.
    pub restored: Vec<u8>,
    /// Why this candidate and not the others.
    pub reason: &'static str,
}

/// The outcome of looking at one short sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// One candidate is clearly right.
    Rebuilt(Rebuilt),
    /// Several candidates and nothing to choose between them.
    Ambiguous(Vec<char>),
    /// No undefined byte completes the sequence.
    Impossible,
}

/// Every `(char, restored bytes)` that inserting undefined bytes of `page`
/// into `lead, conts...` makes a valid sequence of (up to three missing).
pub fn candidates(page: &CodePage, lead: u8, conts: &[u8]) -> Vec<(char, Vec<u8>)> {
    let mut out = Vec::new();
    let Some(len) = sequence_len(lead) else {
        return out;
    };
    let missing = match (len - 1).checked_sub(conts.len()) {
        Some(m) if (1..=3).contains(&m) => m,
        _ => return out,
    };
    let undefined: Vec<u8> = page.undefined_continuations().collect();
    let slots = len - 1;
    // Each mask with `missing` bits set marks the slots of the lost bytes.
    for mask in 0u32..(1 << slots) {
        if mask.count_ones() as usize != missing {
            continue;
        }
        let combos = undefined.len().pow(missing as u32);
        for combo in 0..combos {
            let mut seq = vec![lead];
            let mut restored = Vec::new();
            let (mut present, mut pick) = (conts.iter(), combo);
            for slot in 0..slots {
                if mask & (1 << slot) != 0 {
                    let b = undefined[pick % undefined.len()];
                    pick /= undefined.len();
                    seq.push(b);
                    restored.push(b);
                } else if let Some(&b) = present.next() {
                    seq.push(b);
                }
            }
            if let Some(c) = decode_sequence(&seq) {
                if !out.iter().any(|(o, _)| *o == c) {
                    out.push((c, restored));
                }
            }
        }
    }
    out
}

fn plausible(c: char) -> bool {
    !matches!(kind(c), Kind::Control) && char_cost(c) <= 3
}

/// Picks the clear winner among the candidates for one short sequence.
pub fn judge(page: &CodePage, lead: u8, conts: &[u8], cx: &GapContext) -> Verdict {
    let all: Vec<(char, Vec<u8>)> = candidates(page, lead, conts)
        .into_iter()
        .filter(|(c, _)| plausible(*c))
        .collect();
    let pick = |c: char, reason: &'static str| {
        all.iter().find(|(o, _)| *o == c).map(|(ch, restored)| {
            Verdict::Rebuilt(Rebuilt {
                ch: *ch,
                restored: restored.clone(),
                reason,
            })
        })
    };
    if all.is_empty() {
        return Verdict::Impossible;
    }
    // A Tasks signifier among symbols: clear on a task line or in a note
    // that uses them, or when every other candidate is a rarity.
    let signifiers: Vec<char> = all
        .iter()
        .map(|(c, _)| *c)
        .filter(|&c| is_signifier(c))
        .collect();
    if let [only] = signifiers[..] {
        let others_rare = all
            .iter()
            .all(|&(c, _)| c == only || (char_cost(c) >= 1 && kind(c) != Kind::Letter));
        let letter_next = cx.letter_before.is_some() || cx.letter_after.is_some();
        if (cx.tasks || others_rare) && !letter_next {
            return pick(only, "a Tasks signifier in a Tasks context")
                .unwrap_or(Verdict::Impossible);
        }
    }
    // A closing quote for an open one.
    if cx.open_double && all.iter().any(|(c, _)| *c == '”') {
        return pick('”', "it closes the “ opened before it").unwrap_or(Verdict::Impossible);
    }
    // Inside a word: the letters of the word's script and case.
    let near = cx.letter_before.or(cx.letter_after);
    if let Some(n) = near {
        let want = script(n);
        let fits: Vec<char> = all
            .iter()
            .map(|(c, _)| *c)
            .filter(|&c| matches!(kind(c), Kind::Letter | Kind::Mark) && script(c) == want)
            .filter(|&c| char_cost(c) == 0)
            .filter(|&c| !(n.is_uppercase() && c.is_lowercase()) || want != Script::Latin)
            .collect();
        if let [only] = fits[..] {
            return pick(only, "the only letter of the word's script")
                .unwrap_or(Verdict::Impossible);
        }
    } else {
        // Between spaces or punctuation: the only candidate that is not a letter
        // of some script, when there is exactly one everyday symbol.
        let everyday: Vec<char> = all
            .iter()
            .map(|(c, _)| *c)
            .filter(|&c| char_cost(c) == 0 && kind(c) != Kind::Letter)
            .collect();
        if let ([only], 1) = (&everyday[..], all.len()) {
            return pick(*only, "the only candidate").unwrap_or(Verdict::Impossible);
        }
    }
    if all.len() == 1 {
        if let Some((c, _)) = all.first() {
            if near.map_or(true, |n| script(n) == script(*c)) {
                return pick(*c, "the only candidate").unwrap_or(Verdict::Impossible);
            }
        }
    }
    Verdict::Ambiguous(all.into_iter().map(|(c, _)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::super::tables::{WINDOWS_1251, WINDOWS_1252, WINDOWS_1254};
    use super::*;

    fn rebuilt(v: Verdict) -> Option<char> {
        match v {
            Verdict::Rebuilt(r) => Some(r.ch),
            _ => None,
        }
    }

    #[test]
    fn high_priority_on_a_task_line() {
        let cands: Vec<char> = candidates(&WINDOWS_1254, 0xE2, &[0xAB])
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert!(cands.contains(&'⏫') && cands.len() > 3, "{cands:?}");
        let cx = GapContext {
            tasks: true,
            ..Default::default()
        };
        let v = judge(&WINDOWS_1254, 0xE2, &[0xAB], &cx);
        match v {
            Verdict::Rebuilt(r) => assert_eq!((r.ch, r.restored), ('⏫', vec![0x8F])),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn closing_quote_only_after_an_opening_one() {
        let open = GapContext {
            open_double: true,
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xE2, &[0x80], &open)),
            Some('”')
        );
        let plain = GapContext::default();
        assert!(matches!(
            judge(&WINDOWS_1252, 0xE2, &[0x80], &plain),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn a_letter_of_the_word_when_only_one_fits() {
        // И (D0 98) loses its 0x98 in windows-1251; the only candidate.
        let cx = GapContext {
            letter_after: Some('з'),
            ..Default::default()
        };
        assert_eq!(rebuilt(judge(&WINDOWS_1251, 0xD0, &[], &cx)), Some('И'));
        // Ã alone in windows-1252: Á Í Ï Ð Ý are all Latin capitals.
        let cx = GapContext {
            letter_after: Some('N'),
            ..Default::default()
        };
        assert!(matches!(
            judge(&WINDOWS_1252, 0xC3, &[], &cx),
            Verdict::Ambiguous(_)
        ));
    }

    #[test]
    fn two_lost_bytes() {
        // 🏁 F0 9F 8F 81 keeps only F0 9F in windows-1252.
        let cx = GapContext {
            tasks: true,
            ..Default::default()
        };
        assert_eq!(
            rebuilt(judge(&WINDOWS_1252, 0xF0, &[0x9F], &cx)),
            Some('🏁')
        );
    }
}
