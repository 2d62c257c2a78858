//! Stage 2, the page vote: which code page garbled the note (a note is
//! almost always garbled by one, all through), and what the note as a whole
//! tells the gaps and the per-run choice.

use super::alphabets::Orthographies;
use super::context::LineState;
use super::detect::{Reading, Repair, Unit};
use super::dropped::{self, GapContext};
use super::repeat::RunMap;
use super::survey::{PageEvidence, Survey};
use super::{code_pages, lang, marks, model, pages, score, NOTE_GAIN};
use std::rc::Rc;

/// Ideographs the model holds a note must repair (and none it lacks) before
/// an ideograph the model never saw counts as a rarity in it: a few held
/// ones say little, since traditional Chinese shares many with simplified.
const MIN_HELD_IDEOGRAPHS: usize = 8;

/// How much cheaper, in half bits, one page's reading of a note too short
/// to name a language must read than another's before its few letter
/// pairs decide between them: over the held-out lines a margin of 8 took
/// Maltese `Ċiniż` for `ĩiniť` through windows-1250; 16 took none wrong.
const FEW_MARGIN: u32 = 16;

/// The note's verdict on pages, with the evidence behind it.
#[derive(Clone)]
pub struct Vote {
    /// The page that explains most runs.
    pub page: Option<usize>,
    /// Nearly every free run reads wholly as that page's mojibake.
    pub whole_note: bool,
    /// A Tasks context (see `Survey::signifiers`), or the note's page
    /// repairs a signifier clearly.
    pub signifiers: bool,
    /// The languages the note's page repairs letters of most often.
    pub languages: u16,
    /// The lost bytes of every page that reads the note as well as its
    /// page: commonness decides a gap only among all their candidates.
    pub rival_undefined: u128,
    /// The note's page repairs combining marks (Arabic harakat), which the
    /// model's word lists strip.
    pub marks: bool,
    /// An ideograph the model never saw counts as a rarity (see
    /// `MIN_HELD_IDEOGRAPHS`).
    pub ideographs_known: bool,
    /// The everyday combining marks the note's precomposed Latin letters
    /// carry (see `GapContext::accents`).
    pub accents: u16,
    /// The pages that read a byte as lost in the note (dropped, or
    /// replaced by U+FFFD), a bit each.
    pub lossy: u16,
    /// The pages that read a byte as dropped in the note, a bit each.
    pub dropping: u16,
    /// The pages that read a byte they leave undefined kept or marked by a
    /// U+FFFD in the note (see `PageEvidence::keeps_undefined`), a bit each.
    pub keeps_undefined: u16,
    /// Per page: the note is that page's mojibake all through, and most of
    /// its runs read better as everyday letters; what readings of symbols
    /// alone, and pages whose two-byte leads are symbols, need.
    pub evident: Vec<bool>,
    /// Per page: more than one run reads better as everyday letters.
    pub supported: Vec<bool>,
    /// Per page: the runs it repairs clearly (see
    /// `PageEvidence::explained`).
    pub explained: Vec<usize>,
    /// Per page: it reads a no-break space that survived.
    pub nbsp_kept: Vec<bool>,
    /// The letters the note writes as they are (see `Survey::written`).
    pub written: Rc<RunMap<char, ()>>,
    /// The letters of runs no page reads a sequence in (see `Survey::kept`).
    pub kept: Rc<RunMap<char, ()>>,
    /// The languages the note is written in (see `lang::identify`).
    pub langs: u64,
    /// The languages of the note read back through its page, when the
    /// vote worked them out (pages that explain it equally are told apart
    /// by them): what `langs` becomes where the note lost bytes.
    pub page_langs: Option<u64>,
    /// The pages (a bit each) the note's page is proven over (see
    /// `PageEvidence::proven_over`).
    pub proven_over: u16,
    /// The languages whose alphabets hold every letter the note writes as
    /// it is and every letter its page repairs clearly.
    pub orthographies: Orthographies,
}

impl Vote {
    /// Counts the survey's votes.
    pub fn of(survey: &Survey, text: &str) -> Vote {
        let ev = &survey.pages;
        let evidence = |p: usize| {
            let e = &ev[p];
            let coverage = e.languages.iter().max().copied().unwrap_or(0);
            (e.telling, e.explained, coverage)
        };
        let top = (0..ev.len())
            .filter(|&p| ev[p].explained > 0)
            .map(evidence)
            .max();
        let tied: Vec<usize> = (0..ev.len())
            .filter(|&p| ev[p].explained > 0 && Some(evidence(p)) == top)
            .collect();
        // Pages are weighed by the runs that tell (see
        // `PageEvidence::telling`), not by lone accented letters any
        // lossy page reads whole. Pages that explain the note equally
        // (windows-1250 and ISO-8859-2 read `ĂĄ` as å and á): one that
        // loses no byte in a run that tells before one that must have
        // lost some (a lost byte is an explanation of its own),
        // the one whose repairs gain more (Skolt Sami's prime ʹ for `Ęš`
        // through ISO-8859-2, not windows-1250's rare ʚ), then the one
        // whose letters read most like some language's words (in a note
        // too short to name a language, only by a wide margin: España,
        // not Espaùa), before the commoner page.
        // Pages that read the note back into the same bytes share one fit,
        // read however few letters the note shows: `full` where they are
        // enough to name a language, `few` otherwise.
        let mut read: Vec<(Vec<u8>, Option<lang::Fit>)> = Vec::new();
        let any: Vec<Option<lang::Fit>> = if tied.len() > 1 {
            let pages = code_pages();
            tied.iter()
                .map(|&p| {
                    let bytes = lang::read_back(text, pages[p]);
                    if let Some((_, fit)) = read.iter().find(|(b, _)| *b == bytes) {
                        return fit.clone();
                    }
                    let fit = lang::Fit::of_few(&bytes);
                    read.push((bytes, fit.clone()));
                    fit
                })
                .collect()
        } else {
            vec![None; tied.len()]
        };
        let full: Vec<Option<&lang::Fit>> = any
            .iter()
            .map(|f| f.as_ref().filter(|f| f.names_a_language()))
            .collect();
        let fits: Vec<Option<u32>> = full.iter().map(|&f| f?.best()).collect();
        let known = fits.iter().all(Option::is_some);
        // A short note's fits, where they differ by much.
        let few: Vec<Option<u32>> = if known {
            vec![None; tied.len()]
        } else {
            any.iter().map(|f| f.as_ref()?.best()).collect()
        };
        let decisive = few.iter().all(Option::is_some)
            && few.iter().flatten().max().copied().unwrap_or(0)
                >= few.iter().flatten().min().copied().unwrap_or(0) + FEW_MARGIN;
        let commoner: Vec<usize> = any
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let Some(f) = f else { return 0 };
                let others: Vec<&lang::Fit> = any
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .filter_map(|(_, g)| g.as_ref())
                    .collect();
                f.cheapest_in(&others)
            })
            .collect();
        let page = tied
            .iter()
            .zip(fits.iter().zip(&few))
            .zip(&commoner)
            .map(|((&p, (&f, &w)), &c)| (p, f, w, c))
            .max_by_key(|&(p, f, w, c)| {
                let e = &ev[p];
                (
                    !e.drops_telling,
                    e.gain,
                    std::cmp::Reverse(f.filter(|_| known)),
                    std::cmp::Reverse(w.filter(|_| decisive)),
                    c,
                    e.prior,
                    std::cmp::Reverse(p),
                )
            });
        let page = page.map(|(p, _, _, _)| p);
        // The note's languages, where the fit above already read them.
        let page_langs = page.filter(|_| tied.len() > 1).and_then(|p| {
            let i = tied.iter().position(|&q| q == p)?;
            Some(full.get(i)?.map_or(0, lang::Fit::languages))
        });
        let whole_note = page.is_some_and(|p| garbled_all_through(&ev[p], survey.free_runs));
        // What the note page's readings rebuild, in one pass over them.
        let rebuilt = page.map_or_else(Rebuilt::default, |p| {
            Rebuilt::of(
                survey
                    .runs
                    .iter()
                    .flatten()
                    .filter_map(|look| look.pages.get(p).and_then(|e| e.as_ref())),
            )
        });
        let signifiers = survey.signifiers || rebuilt.signifiers;
        let languages = page.map_or(0, |p| {
            let counts = &ev[p].languages;
            let top = counts.iter().max().copied().unwrap_or(0);
            if top == 0 {
                return 0;
            }
            (0..16)
                .filter(|&b| counts[b] == top)
                .fold(0u16, |m, b| m | (1 << b))
        });
        let pages = code_pages();
        let rival_undefined = page.map_or(0u128, |np| {
            (0..ev.len())
                .filter(|&q| ev[q].whole >= ev[np].whole)
                .flat_map(|q| pages[q].undefined_continuations())
                .fold(0u128, |m, b| m | 1 << (b - 0x80))
        });
        let marks = rebuilt.marks;
        let ideographs_known = page.is_some() && rebuilt.ideographs_known();
        // The accents of the letters written as they are and of those the
        // note's page repairs.
        let accents = survey
            .written
            .keys()
            .fold(rebuilt.accents, |m, &c| m | marks::accents_of(c));
        // The note is evidently one page's mojibake: nearly every run reads
        // wholly through it and most read better as everyday letters. That
        // page is the note's page, or, where no run was repaired clearly
        // enough to elect one (a short line through cp437), the one that
        // improves most runs.
        let evident_page = page.or_else(|| {
            (0..ev.len())
                .filter(|&p| ev[p].improved > 0)
                .max_by_key(|&p| (ev[p].improved, std::cmp::Reverse(p)))
        });
        let evident = (0..ev.len())
            .map(|p| {
                Some(p) == evident_page
                    && reads_nearly_every_run(&ev[p], survey.free_runs)
                    && ev[p].improved * 2 > survey.free_runs
            })
            .collect();
        let proven_over = page.map_or(0, |np| ev[np].proven_over & !(1 << np));
        let orthographies =
            Orthographies::of(survey.intact.iter().chain(&rebuilt.letters).copied());
        Vote {
            page,
            proven_over,
            orthographies,
            whole_note,
            signifiers,
            languages,
            rival_undefined,
            marks,
            ideographs_known,
            accents,
            lossy: (0..ev.len())
                .filter(|&q| ev[q].dropping || ev[q].replacing)
                .fold(0u16, |m, q| m | 1 << q),
            dropping: (0..ev.len())
                .filter(|&q| ev[q].dropping)
                .fold(0u16, |m, q| m | 1 << q),
            keeps_undefined: (0..ev.len())
                .filter(|&q| ev[q].keeps_undefined || ev[q].replacing)
                .fold(0u16, |m, q| m | 1 << q),
            evident,
            supported: ev.iter().map(|e| e.improved > 1).collect(),
            explained: ev.iter().map(|e| e.explained).collect(),
            nbsp_kept: ev.iter().map(|e| e.nbsp_kept).collect(),
            written: Rc::clone(&survey.written),
            kept: Rc::clone(&survey.kept),
            langs: 0,
            page_langs,
        }
    }

    /// Whether the note's page is proven over page `q` (see
    /// [`Vote::proven_over`]).
    pub fn proven_over(&self, q: usize) -> bool {
        self.proven_over & (1 << q) != 0
    }

    /// The vote once the choice has repaired runs, every one of them
    /// under page `p` (see `run`'s second round): that page is the note's,
    /// and evidently so, as if the first look had found it up front.
    pub fn elected(&self, survey: &Survey, p: usize) -> Vote {
        let mut vote = self.clone();
        if vote.page != Some(p) {
            vote.page_langs = None;
        }
        vote.page = Some(p);
        vote.proven_over = survey.pages[p].proven_over & !(1 << p);
        vote.whole_note = garbled_all_through(&survey.pages[p], survey.free_runs);
        if let Some(e) = vote.evident.get_mut(p) {
            *e = true;
        }
        vote
    }

    /// The vote for a run in the same word as one repaired under page `p`:
    /// that page elected, and a whole reading enough, any gain (a word is
    /// never left half repaired).
    pub fn for_word(&self, survey: &Survey, p: usize) -> Vote {
        let mut vote = self.repaired_under(survey, p);
        vote.whole_note = true;
        vote
    }

    /// [`Vote::elected`] where the choice has already repaired a run of
    /// the note under `p` (the runs of a word or line, or all of them):
    /// the page has repaired another run, which is what a run that reads
    /// as notation or a lone foreign digit asks of it (`Β·` after `Β«`
    /// and `Β»` were read back as « and »).
    pub fn repaired_under(&self, survey: &Survey, p: usize) -> Vote {
        let mut vote = self.elected(survey, p);
        if let Some(n) = vote.explained.get_mut(p) {
            *n = (*n).max(2);
        }
        vote
    }

    /// What a gap on `line` is judged with.
    pub fn gap_context(&self, line: &LineState) -> GapContext {
        GapContext {
            tasks: line.tasks,
            open_double: line.open_double > 0,
            closed_after: line.closed_after,
            open_low: line.open_low > 0,
            double_after: line.double_after,
            quote_may_be_open: line.open_double > 0 || line.open_low > 0 || line.quote_before,
            languages: self.languages,
            rival_undefined: self.rival_undefined,
            marks: self.marks,
            ideographs_known: self.ideographs_known,
            accents: self.accents,
            langs: self.langs,
            orthographies: self.orthographies,
            ..Default::default()
        }
    }
}

/// What the note page's readings rebuild, gathered in one pass over their
/// pieces: whether a reading that gains enough rebuilds a Tasks signifier,
/// whether any rebuilds a combining mark, the accents of the letters they
/// rebuild (see `marks::accents_of`), and their ideographs.
#[derive(Default)]
struct Rebuilt {
    signifiers: bool,
    /// The letters of readings that gain enough to repair their run.
    letters: Vec<char>,
    marks: bool,
    accents: u16,
    /// Ideographs rebuilt.
    ideographs: usize,
    /// Of those a lost byte can make, the ones the model holds.
    held: usize,
    /// Of those a lost byte can make, the ones the model never saw.
    unseen: usize,
}

impl Rebuilt {
    fn of<'a>(readings: impl Iterator<Item = &'a (Reading, Repair)>) -> Rebuilt {
        let mut seen = Rebuilt::default();
        for (reading, repair) in readings {
            for u in &reading.units {
                let Unit::Piece { ch, .. } = u else {
                    continue;
                };
                let ch = *ch;
                seen.signifiers |= repair.gain >= NOTE_GAIN && dropped::is_signifier(ch);
                if repair.gain >= NOTE_GAIN && score::kind(ch) == score::Kind::Letter {
                    seen.letters.push(ch);
                }
                seen.marks |= score::kind(ch) == score::Kind::Mark;
                seen.accents |= marks::accents_of(ch);
                if dropped::is_ideograph(ch) {
                    seen.ideographs += 1;
                    if pages::may_lose_a_byte(ch) {
                        if model::unigram(ch).is_some() {
                            seen.held += 1;
                        } else {
                            seen.unseen += 1;
                        }
                    }
                }
            }
        }
        seen
    }

    /// Whether the readings show a standard the word lists cover: no
    /// ideograph at all, or enough of those a lost byte can make, all held
    /// by the model. Traditional Chinese writes forms the lists lack.
    fn ideographs_known(&self) -> bool {
        self.ideographs == 0 || (self.unseen == 0 && self.held >= MIN_HELD_IDEOGRAPHS)
    }
}

/// Whether a page reads a note as garbled all through: nearly every run
/// whole, and at least a third of those telling something (see
/// [`PageEvidence::telling`]). Through a page that drops bytes, every
/// accented letter of correct text reads whole as a lead whose bytes were
/// lost (`í` in `mercurdí`, `Å` in `Åland`): one garbled line among them
/// makes no note garbled all through.
fn garbled_all_through(e: &PageEvidence, free_runs: usize) -> bool {
    reads_nearly_every_run(e, free_runs) && e.telling * 3 >= e.whole
}

/// Whether a page reads 19 runs in 20 of the note whole: what both a note
/// garbled all through and one evidently a page's mojibake start from.
fn reads_nearly_every_run(e: &PageEvidence, free_runs: usize) -> bool {
    e.whole * 20 >= free_runs * 19
}
