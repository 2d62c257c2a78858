//! Runs that repeat. A garbled note writes the same few runs over and over
//! (`â€™`, `ğŸ“…`, `Ã©`), and the choice for a run (`choose`) depends only
//! on its chars, the ASCII chars around it (and the one after a space it
//! may take in, see `nbsp`), what its line tells the gaps and whether the
//! line is in capitals, besides the vote: within one vote, each is chosen
//! once and the choice reused.

use super::choose::{self, Choice, Chosen};
use super::context::LineState;
use super::detect::{Repair, Run};
use super::dropped::GapContext;
use super::pages::CodePage;
use super::survey::RunLook;
use super::vote::Vote;
use super::{code_pages, nbsp, pages, quick};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by runs: a few chars each, hashed with a multiply and a
/// rotate per word (the default hasher resists attacks no note mounts, and
/// cost more than the choices it saved on repeated runs).
pub type RunMap<K, V> = HashMap<K, V, BuildHasherDefault<RunHasher>>;

/// The hasher of [`RunMap`].
#[derive(Default)]
pub struct RunHasher(u64);

impl Hasher for RunHasher {
    /// The high half folded into the low: a product's low bits depend
    /// only on the key's low bits, and the map picks its bucket from the
    /// low bits (the character model's n-grams that end in one char all
    /// probed from one bucket).
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(chunk) {
                *w = *b;
            }
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// What a choice depends on in the run and its text: the run's chars
/// borrowed, not copied, as most runs of a note are asked about once.
#[derive(PartialEq, Eq, Hash)]
struct Key<'r> {
    chars: &'r [char],
    prev: Option<char>,
    next: Option<char>,
    /// The char after the space that follows the run, if one does.
    after_space: Option<char>,
}

/// A choice made, with what the line told it.
struct Made {
    gcx: GapContext,
    caps: bool,
    best: Option<Chosen>,
    unclear: Option<(&'static CodePage, Repair)>,
    /// The run was widened over a lost no-break space.
    widened: bool,
}

/// The choices made under one vote, for the runs of one note.
#[derive(Default)]
pub struct Choices<'r> {
    /// Per run, the first choice made inline (most runs get one) and any
    /// made in other line contexts after it.
    made: RunMap<Key<'r>, (Made, Vec<Made>)>,
}

impl<'r> Choices<'r> {
    /// Room for `runs` distinct runs: in a note that needs nothing most
    /// are distinct, and regrowing the table cost more than the room.
    pub fn with_capacity(runs: usize) -> Choices<'r> {
        Choices {
            made: RunMap::with_capacity_and_hasher(runs, Default::default()),
        }
    }

    /// [`choose::choose`], made once per run as written and line context.
    #[allow(clippy::too_many_arguments)]
    pub fn choose(
        &mut self,
        text: &str,
        r: &'r Run,
        look: &RunLook,
        vote: &Vote,
        line: &LineState,
        judged: &mut choose::Judged<'r>,
    ) -> Choice<'r> {
        if makes_nothing(text, r, look, vote) {
            return Choice {
                run: Cow::Borrowed(r),
                best: None,
                unclear: None,
            };
        }
        // What the run's line tells its gaps, and whether it is in capitals.
        let (gcx, caps) = (vote.gap_context(line), line.caps);
        let after_space = match r.next {
            Some(' ') => text
                .get(r.range.end + 1..)
                .and_then(|rest| rest.chars().next()),
            _ => None,
        };
        let key = Key {
            chars: &r.chars,
            prev: r.prev,
            next: r.next,
            after_space,
        };
        // One lookup: the entry is filled after the choice if need be.
        let entry = self.made.entry(key);
        if let Entry::Occupied(at) = &entry {
            let (first, more) = at.get();
            let made = std::iter::once(first)
                .chain(more)
                .find(|m| m.caps == caps && m.gcx == gcx);
            if let Some(m) = made {
                // The widened run, here.
                let run = match (&m.best, m.widened) {
                    (Some(best), true) => {
                        nbsp::widen(text, r, code_pages()[best.page]).map(Cow::Owned)
                    }
                    _ => Some(Cow::Borrowed(r)),
                };
                if let Some(run) = run {
                    return Choice {
                        run,
                        best: m.best.clone(),
                        unclear: m.unclear.clone(),
                    };
                }
            }
        }
        let choice = choose::choose(text, r, look, vote, &gcx, caps, judged);
        // A run widened over the run after the space depends on that run
        // too, which the key does not hold.
        if choice.run.range.end > r.range.end + 1 {
            return choice;
        }
        let made = Made {
            gcx,
            caps,
            best: choice.best.clone(),
            unclear: choice.unclear.clone(),
            widened: choice.run.widened.is_some(),
        };
        match entry {
            Entry::Occupied(mut at) => at.get_mut().1.push(made),
            Entry::Vacant(at) => {
                at.insert((made, Vec::new()));
            }
        }
        choice
    }
}

/// Whether the choice for `r` under `vote` surely leaves it as written,
/// with nothing unclear to say: what most runs of correct text get, told
/// without the choice's rules or a lookup. Under a page other than the
/// note's, a reading with only lone lead chars (see `RunLook::lone`) is
/// never judged, so it repairs nothing, unless the run is one capital (a
/// capital cut short, judged under any page); and the run is not widened
/// over the space after it, if any, under any page (see `nbsp::widen`).
pub fn makes_nothing(text: &str, r: &Run, look: &RunLook, vote: &Vote) -> bool {
    let note_page = vote.page.map_or(0, |p| 1u16 << p);
    look.read & !look.lone == 0
        && look.read & note_page == 0
        && !matches!(r.chars.as_slice(), [c] if c.is_uppercase())
        && (r.next != Some(' ') || !widens(text, r))
}

/// Whether some page widens `r` over the space after it: only one that
/// reads its last char as a lead or a continuation byte may, and where it
/// reads the last char as the lead of three bytes or more, only if it
/// reads the char after the space as the next byte (a word of Greek or
/// Cyrillic before another is told so without a look at either).
fn widens(text: &str, r: &Run) -> bool {
    let Some(&last) = r.chars.last() else {
        return false;
    };
    let ends = quick::lead_pages(last) | quick::cont_pages(last);
    if ends == 0 {
        return false;
    }
    let after = text
        .get(r.range.end + 1..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, quick::cont_pages);
    let bytes = pages::bytes_of(last);
    code_pages().iter().enumerate().any(|(p, &page)| {
        let long_lead = bytes
            .and_then(|row| row.get(p))
            .and_then(|&b| pages::sequence_len(b))
            .is_some_and(|n| n >= 3);
        ends & (1 << p) != 0
            && (!long_lead || after & (1 << p) != 0)
            && nbsp::widen(text, r, page).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::super::context::LineState;
    use super::super::detect::runs;
    use super::super::{choose, survey, vote::Vote};
    use super::{makes_nothing, RunHasher};
    use crate::note::Note;
    use std::hash::Hasher;

    /// Every run the shortcut passes over gets nothing from the full
    /// choice either, under the note's own vote and under each page
    /// elected (the later rounds' votes): correct text of many scripts,
    /// spaced and glued, with mojibake and lone capitals among it.
    #[test]
    fn a_run_that_makes_nothing_gets_nothing_from_the_choice() {
        let pieces = [
            "a",
            "B",
            " ",
            " ",
            "x ",
            ".",
            "é",
            "Á",
            "Ł",
            "ół",
            "íš",
            "της ",
            "Αυτή",
            "ні",
            " ај",
            "лё",
            "Привет",
            "İn",
            "Ã",
            "Ã©",
            "â€™",
            "📅",
            "日本",
            "\u{a0}",
            "ü",
            "ø",
            "“",
            "\n- [ ] ",
            " Ćk",
            "Ã ",
            " sprĆk",
            " Ãrabe",
            " TanzĆnia",
            " Ãsland",
        ];
        let mut passed = 0;
        let mut state = 11u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let texts = 4_000;
        for _ in 0..texts {
            let len = next() % 12 + 1;
            let text: String = (0..len).map(|_| pieces[next() % pieces.len()]).collect();
            let note = Note::parse(&text);
            let runs = runs(&text);
            let survey = survey::look(&note, &runs);
            let base = Vote::of(&survey, &text);
            let votes = std::iter::once(base.clone())
                .chain((0..super::code_pages().len()).map(|p| base.elected(&survey, p)));
            for vote in votes {
                let mut lines = LineState::default();
                for (r, look) in runs.iter().zip(&survey.runs) {
                    let Some(look) = look else {
                        continue;
                    };
                    let line = lines.at(&text, r.range.start, vote.signifiers);
                    if !makes_nothing(&text, r, look, &vote) {
                        continue;
                    }
                    passed += 1;
                    let gcx = vote.gap_context(line);
                    let mut judged = choose::Judged::default();
                    let choice =
                        choose::choose(&text, r, look, &vote, &gcx, line.caps, &mut judged);
                    assert!(
                        choice.best.is_none()
                            && choice.unclear.is_none()
                            && choice.run.range == r.range,
                        "{text:?} {:?}",
                        r.chars
                    );
                }
            }
        }
        assert!(passed > 5_000, "{passed} of {texts}");
    }

    /// Keys that differ only above their low 16 bits (the model's n-grams
    /// ending in one char) land in as many buckets of a small table as
    /// there are keys: the map picks the bucket from the hash's low bits.
    #[test]
    fn keys_alike_in_their_low_bits_spread_over_buckets() {
        let buckets: std::collections::HashSet<u64> = (0..256u64)
            .map(|k| {
                let mut h = RunHasher::default();
                h.write_u64(k << 16 | 0x430);
                h.finish() & 0xFFF
            })
            .collect();
        assert!(buckets.len() > 200, "{} buckets", buckets.len());
    }
}
