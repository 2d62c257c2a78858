//! Stage 1, the first look: every non-ASCII run read through every code
//! page, gaps left alone, and per page the evidence the note as a whole
//! gives (how many runs it reads wholly, how many it clearly repairs, the
//! languages of the letters it makes, whether it loses bytes).

use super::context::has_iso_date;
use super::detect::{self, read_rows, repair, Reading, Repair, Run};
use super::dropped::{self, is_signifier, GapContext};
use super::repeat::RunMap;
use super::writing::writing;
use super::{choose, code_pages, pages, quick, score, NOTE_GAIN};
use crate::note::task;
use crate::note::Note;
use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::rc::Rc;

/// One run as every page first reads it.
#[derive(Clone)]
pub struct RunLook {
    /// The run's own cost, with its neighbours (see `score::cost`): only
    /// a reading that makes something needs it (most runs of a note that
    /// needs nothing make nothing), so it is worked out on first use.
    before: OnceCell<u32>,
    /// Per page (in `code_pages()` order), its reading and the repair that
    /// reading gives with gaps left alone; `None` when it reads nothing.
    pub pages: Vec<Option<(Reading, Repair)>>,
    /// The pages (a bit each) whose reading makes nothing on its own: no
    /// sequence read whole, and every gap a lead char with all of its
    /// continuation bytes lost (what correct accented letters, Greek and
    /// Cyrillic read as). Such a reading is repaired, if ever, only by
    /// judging its gaps, which the choice does under the note's page, or
    /// for a capital cut short (see `repeat::makes_nothing`).
    pub lone: u16,
    /// The pages (a bit each) that read something: `Some` in `pages`.
    pub read: u16,
}

impl RunLook {
    /// The cost of `r`, the run (or one like it) this is the look at.
    pub fn before(&self, r: &Run) -> u32 {
        *self
            .before
            .get_or_init(|| score::cost(r.prev, &r.chars, r.next))
    }
}

/// What one page's readings say about the note. Only runs outside code,
/// math, comments, URLs and link targets count for the totals: mojibake
/// quoted in code on purpose must not make the note look garbled.
#[derive(Clone, Debug, Default)]
pub struct PageEvidence {
    /// Runs it repairs clearly (gain at least `NOTE_GAIN`, or a Tasks
    /// signifier rebuilt on its own evidence).
    pub explained: usize,
    /// Lowercase minus uppercase letters over those repairs.
    pub prior: i64,
    /// Their total gain.
    pub gain: i64,
    /// Runs it reads wholly (every char in a sequence).
    pub whole: usize,
    /// Of those, the runs that tell something: a sequence read whole, a
    /// gap that kept a continuation byte, or a capital cut short in a word
    /// of small letters (`Ãndico`, `sindhÄina`). Other runs of lead chars
    /// that each lost every continuation (`á` in `están`, which
    /// windows-1250 reads as a lead with two bytes lost and ISO-8859-2
    /// cannot) are what correct accented text looks like under any page
    /// that drops bytes.
    pub telling: usize,
    /// Runs it reads wholly into everyday letters, better than written.
    pub improved: usize,
    /// Per language (see `score::languages`), accented letters it makes.
    pub languages: [usize; 16],
    /// The pages (a bit each) it is proven over: each fails to read whole
    /// a run this page reads whole and repairs clearly, so it cannot be the
    /// note's page where this one is.
    pub proven_over: u16,
    /// It reads a byte as dropped somewhere a lost no-break space cannot
    /// explain.
    pub dropping: bool,
    /// It does so in a run that tells (see [`PageEvidence::telling`]):
    /// what tells pages that explain a note equally apart, where `á` in
    /// `están` read as a lead with its bytes lost would make windows-1250
    /// look lossy beside ISO-8859-2 and lose the tie to it for no reason.
    pub drops_telling: bool,
    /// It reads a byte as replaced by U+FFFD somewhere.
    pub replacing: bool,
    /// It reads back a no-break space that survived: the note kept them.
    pub nbsp_kept: bool,
    /// It reads a run wholly with a byte it leaves undefined kept as a C1
    /// control (`áˆ\u{9d}` for ም), or it reads a U+FFFD for one: the
    /// decoder kept or marked such bytes, so a sequence one byte short
    /// elsewhere lost no byte.
    pub keeps_undefined: bool,
}

/// The first look at a whole note.
pub struct Survey {
    /// Per run; `None` for a run no page reads (emoji, other scripts). A
    /// run written again (`â€™`, `Ã©`) shares its first look.
    pub runs: Vec<Option<Rc<RunLook>>>,
    /// Per page, in `code_pages()` order.
    pub pages: Vec<PageEvidence>,
    /// Runs outside protected regions.
    pub free_runs: usize,
    /// The note holds Tasks signifiers, task lines or ISO dates, or a
    /// signifier rebuilt on its own evidence: a Tasks context for gaps.
    pub signifiers: bool,
    /// The letters the note writes as they are (every non-ASCII letter of
    /// its runs), shared by the votes made from this one.
    pub written: Rc<RunMap<char, ()>>,
    /// The letters of the runs in which no page reads a whole sequence:
    /// what the author surely wrote, where `written` also holds mojibake's
    /// own letters (Ť, Ĺ, ß).
    pub kept: Rc<RunMap<char, ()>>,
    /// Of those, the letters of runs no page reads a sequence cut short in
    /// either: not the lead of a sequence whose bytes were lost (`Ç` of
    /// ǐ through windows-1252).
    pub intact: Vec<char>,
}

/// A distinct run's first look, the pages (a bit each) under which it
/// rebuilds a Tasks signifier on its own evidence, and where its tallies
/// are (see [`Tally`]).
type Looked = (Rc<RunLook>, u16, std::ops::Range<usize>);

/// A run as its first look depends on it: its chars and the ASCII chars
/// around it.
type RunKey<'r> = (&'r [char], Option<char>, Option<char>);

/// Reads every run of `note` through every page.
pub fn look(note: &Note, runs: &[Run]) -> Survey {
    let text = note.text;
    let pages = code_pages();
    let mut evidence = vec![PageEvidence::default(); pages.len()];
    // Every non-ASCII char is in a run, and signifiers are non-ASCII: the
    // runs hold every signifier the text does.
    let mut signifiers = runs
        .iter()
        .any(|r| r.chars.iter().copied().any(is_signifier))
        || note
            .lines
            .iter()
            .any(|l| task::is_task(l.text(text)) || has_iso_date(l.text(text)));
    // Counted in the pass below, which asks each run whether it is free.
    let mut free_runs = 0;
    let mut looks: Vec<Option<Looked>> = Vec::with_capacity(runs.len());
    // A garbled note writes the same few runs over and over (`â€™`, `Ã©`):
    // each is read once.
    // Sized for every run up front: in a note that needs nothing most are
    // distinct (words of correct Greek or Cyrillic), and regrowing the
    // table cost more than the room.
    let mut seen: RunMap<RunKey, usize> =
        RunMap::with_capacity_and_hasher(runs.len(), Default::default());
    // What each distinct run tells each page, told once: a run written
    // again tells the same (see [`Tally`]).
    let mut tallies: Vec<(usize, Tally)> = Vec::new();
    // Per run, whether a run before it had its chars and its look: its
    // letters are in `written` and `kept` already.
    let mut again = vec![false; runs.len()];
    // Per run first written, how often it is written (one capital aside).
    let mut times = vec![Times::default(); runs.len()];
    // The bytes of a run's chars under every page, for one run at a time:
    // one buffer for the note, not one per distinct run.
    let mut rows = Vec::new();
    let mut fresh = |r: &Run, tallies: &mut Vec<(usize, Tally)>| {
        let (look, rebuilt) = look_at(r, &mut rows);
        let from = tallies.len();
        for (p, entry) in look.pages.iter().enumerate() {
            if let Some((reading, rep)) = entry {
                tallies.push((p, Tally::of(r, reading, rep, rebuilt & (1 << p) != 0)));
            }
        }
        (Rc::new(look), rebuilt, from..tallies.len())
    };
    // The runs come in text order.
    let mut regions = note.in_order();
    for (i, r) in runs.iter().enumerate() {
        let free = regions.is_free(r.range.clone());
        free_runs += usize::from(free);
        // Emoji and scripts no code page produces: nothing to read.
        if !r.chars.iter().any(|&c| pages::is_any_page_char(c)) {
            looks.push(None);
            continue;
        }
        let (first, (look, rebuilt, told)) = match seen.entry((&r.chars[..], r.prev, r.next)) {
            Entry::Occupied(at) => match looks.get(*at.get()) {
                Some(Some((look, rebuilt, told))) => {
                    if let Some(slot) = again.get_mut(i) {
                        *slot = true;
                    }
                    (*at.get(), (Rc::clone(look), *rebuilt, told.clone()))
                }
                _ => (i, fresh(r, &mut tallies)),
            },
            Entry::Vacant(at) => {
                at.insert(i);
                (i, fresh(r, &mut tallies))
            }
        };
        // One capital may be cut short in its word, which its neighbours
        // tell: it tells its pages on its own. Any other run tells the
        // same each time it is written, so it is counted here and told
        // once, below (most runs of a note of correct Cyrillic or Greek
        // are words written before).
        if matches!(r.chars.as_slice(), [c] if c.is_uppercase()) {
            let cut_short = choose::is_capital_inside_a_small_word(r)
                || choose::is_capital_closing_a_small_word(r)
                || choose::is_capital_opening_a_small_word(text, r);
            let run_tallies = tallies.get(told.clone()).unwrap_or(&[]);
            let times = Times {
                all: 1,
                free: usize::from(free),
            };
            signifiers |= tell(&mut evidence, run_tallies, times, cut_short);
        } else if let Some(t) = times.get_mut(first) {
            t.all += 1;
            t.free += usize::from(free);
        }
        looks.push(Some((look, rebuilt, told)));
    }
    for (look, t) in looks.iter().zip(&times) {
        if let (Some((_, _, told)), true) = (look, t.all > 0) {
            let run_tallies = tallies.get(told.clone()).unwrap_or(&[]);
            signifiers |= tell(&mut evidence, run_tallies, *t, false);
        }
    }
    let looks: Vec<Option<Rc<RunLook>>> = looks
        .into_iter()
        .map(|x| x.map(|(look, _, _)| look))
        .collect();
    // Room for an alphabet or two without regrowing.
    let mut written = RunMap::with_capacity_and_hasher(128, Default::default());
    let mut kept = RunMap::with_capacity_and_hasher(128, Default::default());
    let mut intact = RunMap::with_capacity_and_hasher(128, Default::default());
    // A run written again adds nothing: the same letters, and the same
    // look, so the same `read` (most runs of a note of correct Cyrillic
    // or Greek are words written before).
    for ((r, look), _) in runs
        .iter()
        .zip(&looks)
        .zip(&again)
        .filter(|(_, &again)| !again)
    {
        let read = look.as_ref().is_some_and(|l| {
            l.pages
                .iter()
                .flatten()
                .any(|(reading, _)| reading.pieces > 0)
        });
        // Nor a sequence cut short: asked only of a run no page reads.
        let whole = !read
            && !look.as_ref().is_some_and(|l| {
                l.pages
                    .iter()
                    .flatten()
                    .any(|(reading, _)| reading.gaps > 0)
            });
        for &c in &r.chars {
            if score::kind(c) == score::Kind::Letter {
                written.insert(c, ());
                if !read {
                    kept.insert(c, ());
                }
                if whole {
                    intact.insert(c, ());
                }
            }
        }
    }
    Survey {
        runs: looks,
        pages: evidence,
        free_runs,
        signifiers,
        written: Rc::new(written),
        kept: Rc::new(kept),
        intact: intact.into_keys().collect(),
    }
}

/// How often a distinct run is written, and how often outside protected
/// regions, where it counts for the totals.
#[derive(Clone, Copy, Default)]
struct Times {
    all: usize,
    free: usize,
}

/// Adds to each page's evidence what a run's tallies tell it, written
/// `times` over; `cut_short`: the run is a capital cut short in its word,
/// which makes a reading of lone lead chars tell. Whether the run
/// rebuilds a Tasks signifier on its own evidence, which makes the note
/// a Tasks context for the gaps that have less to go on.
fn tell(
    evidence: &mut [PageEvidence],
    tallies: &[(usize, Tally)],
    times: Times,
    cut_short: bool,
) -> bool {
    // The pages that read the run whole: a clear repair of it proves its
    // page over every other.
    let whole = tallies
        .iter()
        .filter(|(_, t)| t.whole)
        .fold(0u16, |m, (p, _)| m | 1 << p);
    let mut rebuilt = false;
    let free = times.free;
    for (p, t) in tallies {
        let Some(e) = evidence.get_mut(*p) else {
            continue;
        };
        // Such a run also counts for its page like a repaired one.
        if t.rebuilt {
            rebuilt = true;
            e.explained += times.all;
        }
        e.replacing |= t.replacing;
        e.dropping |= t.dropping;
        // Lone lead chars tell only as a capital cut short in its word.
        let tells = !t.lone || cut_short;
        e.drops_telling |= t.dropping && tells;
        e.nbsp_kept |= t.nbsp_kept;
        e.keeps_undefined |= t.keeps_undefined;
        if free > 0 && t.whole {
            e.improved += free * usize::from(t.improved);
            e.whole += free;
            e.telling += free * usize::from(tells);
            for (count, n) in e.languages.iter_mut().zip(t.languages) {
                *count += free * n as usize;
            }
        }
        if free > 0 && t.explains {
            if t.whole {
                e.proven_over |= !whole;
            }
            e.explained += free;
            // At most as many as the note has runs.
            let n = free as i64;
            e.prior += n * t.prior;
            e.gain += n * t.gain;
        }
    }
    rebuilt
}

/// What one run's reading through one page tells that page's evidence
/// (see [`PageEvidence`]), whether or not the run is outside protected
/// regions: it depends only on the run's chars, the ASCII chars around it
/// and its first look, so a run written again tells the same.
#[derive(Clone, Copy)]
struct Tally {
    /// It rebuilds a Tasks signifier on its own evidence.
    rebuilt: bool,
    /// A U+FFFD marks a lost byte in it.
    replacing: bool,
    /// A byte is lost where a lost no-break space cannot explain it (not
    /// at the run's end before a space).
    dropping: bool,
    /// Read wholly, it keeps a no-break space.
    nbsp_kept: bool,
    /// Read wholly, with a byte the page leaves undefined kept as a C1
    /// control.
    keeps_undefined: bool,
    /// Read wholly.
    whole: bool,
    /// No sequence read whole, every gap a lead char with every
    /// continuation lost (see [`PageEvidence::telling`]).
    lone: bool,
    /// Read wholly into everyday letters, better than written.
    improved: bool,
    /// Clearly repaired (see [`PageEvidence::explained`]).
    explains: bool,
    prior: i64,
    gain: i64,
    /// Per language, the accented letters it makes, where read wholly.
    languages: [u32; 16],
}

impl Tally {
    fn of(r: &Run, reading: &Reading, rep: &Repair, rebuilt: bool) -> Tally {
        let page = reading.page;
        let lost = reading.lost_bytes(r.next);
        let (replacing, dropping) = (lost.marked > 0, lost.dropped);
        let whole = reading.is_whole();
        let lone = reading.units.iter().all(|u| match u {
            detect::Unit::Keep(_) => true,
            _ => u.is_lone_lead(),
        });
        let mut languages = [0; 16];
        if whole {
            count_languages(reading, &mut languages);
        }
        Tally {
            rebuilt,
            replacing,
            dropping,
            nbsp_kept: whole && r.chars.contains(&'\u{a0}'),
            keeps_undefined: whole
                && reading.pieces > 0
                && r.chars.iter().any(|&c| {
                    ('\u{80}'..='\u{9f}').contains(&c)
                        && page.byte_of(c).is_some_and(|b| page.is_undefined(b))
                }),
            whole,
            lone,
            improved: whole && rep.gain > 0 && everyday_letters(&rep.out),
            // What the choice never takes explains nothing either.
            explains: rep.gain >= NOTE_GAIN
                && reading.pieces > 0
                && !choose::syllable_inside_a_latin_word(rep, r),
            prior: rep.prior,
            gain: rep.gain,
            languages,
        }
    }
}

/// Run `r` read through every page, and the pages (a bit each) under
/// which it rebuilds a Tasks signifier on its own evidence. `rows`: room
/// for the bytes of its chars, lent by the caller.
fn look_at(r: &Run, rows: &mut Vec<Option<&'static [u8; super::tables::PAGES]>>) -> (RunLook, u16) {
    let look = RunLook {
        before: OnceCell::new(),
        pages: Vec::new(),
        lone: 0,
        read: 0,
    };
    let mut per_page = Vec::with_capacity(code_pages().len());
    let mut rebuilt = 0u16;
    // Under a page that reads no char of the run as a lead byte, every
    // char stays as written: nothing to read.
    let leads = r.chars.iter().fold(0u16, |m, &c| m | quick::lead_pages(c));
    // The byte each page reads as each char, looked up once for every page
    // that reads the run: a page that reads every char as a page already
    // read does (and drops bytes alike) reads the run alike, and its repair
    // with gaps left alone is the same (most runs read the same through
    // windows-1252, latin-1 and windows-1254).
    rows.clear();
    if leads != 0 {
        rows.extend(r.chars.iter().map(|&c| pages::bytes_of(c)));
    }
    let rows = &rows[..];
    let mut read_pages = 0u16;
    for (p, &page) in code_pages().iter().enumerate() {
        if leads & (1 << p) == 0 {
            per_page.push(None);
            continue;
        }
        let twin = if read_pages == 0 {
            None
        } else {
            (0..p).find(|&q| {
                read_pages & (1 << q) != 0
                    && reads_alike(code_pages()[q], per_page.get(q), page)
                    && rows
                        .iter()
                        .all(|row| row.is_none_or(|b| b.get(p) == b.get(q)))
            })
        };
        read_pages |= 1 << p;
        if let Some(q) = twin {
            let first = per_page.get(q).and_then(|x| x.as_ref()).map(
                |(reading, rep): &(Reading, Repair)| {
                    let reading = Reading {
                        page,
                        ..reading.clone()
                    };
                    (reading, rep.clone())
                },
            );
            if let Some((reading, _)) = &first {
                if reading.is_whole() && reading.gaps > 0 && rebuilds_a_signifier(reading) {
                    rebuilt |= 1 << p;
                }
            }
            per_page.push(first);
            continue;
        }
        let reading = read_rows(&r.chars, rows, page);
        if reading.pieces == 0 && reading.gaps == 0 {
            per_page.push(None);
            continue;
        }
        if reading.is_whole() && reading.gaps > 0 && rebuilds_a_signifier(&reading) {
            rebuilt |= 1 << p;
        }
        // No sequence read whole and gaps left alone: the repair is the run
        // as written, at the cost already known (Greek words under
        // windows-1253, lead bytes cut short, all of them).
        let rep = if reading.pieces == 0 {
            Repair::unchanged(&r.chars)
        } else {
            repair(
                &r.chars,
                r.prev,
                r.next,
                &reading,
                false,
                &GapContext::default(),
                look.before(r),
            )
        };
        per_page.push(Some((reading, rep)));
    }
    let lone = per_page
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.as_ref()
                .is_some_and(|(reading, _)| lone_leads_only(reading))
        })
        .fold(0u16, |m, (p, _)| m | 1 << p);
    let read = per_page
        .iter()
        .enumerate()
        .filter(|(_, x)| x.is_some())
        .fold(0u16, |m, (p, _)| m | 1 << p);
    (
        RunLook {
            pages: per_page,
            lone,
            read,
            ..look
        },
        rebuilt,
    )
}

/// Whether `reading` reads no sequence whole and keeps a byte after no
/// lead char: its every gap a lead whose continuation bytes were all
/// dropped (none marked by a U+FFFD).
fn lone_leads_only(reading: &Reading) -> bool {
    reading.pieces == 0
        && reading
            .units
            .iter()
            .all(|u| !matches!(u, detect::Unit::Gap { .. }) || u.is_lone_lead())
}

/// Whether `page`, given the same byte for every char of a run as page
/// `q`, reads the run as `q` did (`first`: `q`'s reading, `None` when it
/// read nothing). Pages that drop undefined bytes alike read alike. Else
/// the two differ only where a sequence is cut short (a gap for the page
/// that drops bytes, the chars kept for the other), so they read alike
/// where `q` met no sequence cut short: it drops bytes and found no gap,
/// or it keeps them and kept no char (latin-1 after windows-1252 on `Ã©`).
fn reads_alike(
    q: &pages::CodePage,
    first: Option<&Option<(Reading, Repair)>>,
    page: &pages::CodePage,
) -> bool {
    if q.drops_bytes() == page.drops_bytes() {
        return true;
    }
    match first {
        Some(None) => q.drops_bytes(),
        Some(Some((reading, _))) if q.drops_bytes() => reading.gaps == 0,
        Some(Some((reading, _))) => reading.is_whole(),
        None => false,
    }
}

/// Whether a gap of `reading` that kept a byte rebuilds a Tasks signifier
/// with no context at all: judged only where a signifier could fill it.
fn rebuilds_a_signifier(reading: &Reading) -> bool {
    let page = reading.page;
    reading.units.iter().any(|u| match u {
        detect::Unit::Gap { lead, conts, .. } if !conts.is_empty() => {
            dropped::TASKS_SIGNIFIERS
                .iter()
                .any(|&s| detect::may_fill(s, *lead, conts, page))
                && matches!(
                    dropped::judge(page, *lead, conts, &GapContext::default()),
                    dropped::Verdict::Rebuilt(x) if is_signifier(x.ch)
                )
        }
        _ => false,
    })
}

/// Whether every letter of `out` is an everyday one (no long s, no ŀ; the
/// IPA letters African alphabets write, ɛ ɔ ŋ, are everyday). Letters of
/// a script other than Latin count whatever its rarity
/// (Georgian, Ethiopic, N'Ko, Chakma) where the reading makes more than a
/// stray letter: a letter of a three- or four-byte sequence (a lead and
/// two continuation bytes read wholly are no accident), or one beside
/// another letter of its script, combining marks between (a word).
pub fn everyday_letters(out: &[char]) -> bool {
    // The nearest char on a side that is not a combining mark (N'Ko's tone
    // marks sit between its letters), if it is a letter: its script.
    let is_mark = |c: &&char| score::kind(**c) == score::Kind::Mark;
    // By writing system, not block: Coptic writes ϯ (U+03EF) of the Greek
    // block beside the ⲙ of its own.
    let letter_script = |c: Option<&char>| {
        c.filter(|&&c| score::kind(c) == score::Kind::Letter)
            .map(|&c| writing(c))
    };
    out.iter().enumerate().all(|(i, &c)| {
        if score::kind(c) != score::Kind::Letter || score::char_cost(c) <= 1 {
            return true;
        }
        let s = writing(c);
        let before = letter_script(out[..i].iter().rev().find(|c| !is_mark(c)));
        let after = letter_script(out[i + 1..].iter().find(|c| !is_mark(c)));
        !matches!(
            score::script(c),
            score::Script::Latin | score::Script::Common
        ) && (u32::from(c) >= 0x800 || before == Some(s) || after == Some(s))
    })
}

/// Adds the languages of the accented Latin letters a reading repairs: the
/// page under which they fit one language best is the likelier.
fn count_languages(reading: &Reading, counts: &mut [u32; 16]) {
    for unit in &reading.units {
        if let detect::Unit::Piece { ch, .. } = unit {
            let mask = score::languages(*ch);
            if mask == score::ASCII_LETTER || !score::is_alpha(*ch) {
                continue;
            }
            for (bit, count) in counts.iter_mut().enumerate() {
                if mask & (1 << bit) != 0 {
                    *count += 1;
                }
            }
        }
    }
}
