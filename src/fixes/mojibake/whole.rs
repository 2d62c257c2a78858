//! No repair in a word mostly unexplained. Where two bytes lost in a
//! word or more fit no candidate clearly, at least as many as the
//! sequences the word reads back, the word is not shown to be one page's
//! damage: in hopelessly layered garble (`ã†â€™ãƒâ€`) the one gap a rule
//! fills, `ã†` as う, sits among gaps nothing explains, and in Chinese
//! through windows-1252 with bytes dropped (`å¼æœç´¢` for 式搜索) the one
//! complete sequence, 索, sits beside two lost ones. Such a word keeps
//! none of its repairs, a guess or not: a repair kept beside the open
//! gaps would leave the word half repaired, and the next reading of the
//! note, which no longer sees the rest garbled alike, would take the
//! gaps for another page's whole sequences (`å¼æ` as 弿 through
//! windows-1257). The diagnostics name the gaps. A word mostly read back
//! keeps its repairs and its open gap (`à¥` left in सà¥मेरिअन).
//! Nor does a run keep a page's repair where it holds chars (but
//! punctuation) that page cannot write and another reads as bytes of
//! UTF-8: the run is the other page's damage, of which this page reads
//! only a part.

use std::ops::Range;

use super::explain::Repaired;
use crate::fixes::Sink;

/// The fewest gaps left open that put a word's repairs in doubt: one
/// letter no candidate fits beside one rebuilt is a word half known
/// (Korean `ë§ì€`, 많은, its 은 read by the model), not one unexplained.
const MIN_OPEN: usize = 2;

/// What the fix says of a repair it withholds.
pub const WITHHELD: &str = "repair withheld: as many bytes lost in its word fit no candidate clearly as it reads back, too few to trust the repair";

/// The word around `range`: out to the whitespace (or the text's edge) on
/// either side.
pub fn word_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = after
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| range.end + i);
    start..end
}

/// Withholds every repair in `pending` that shares a word with at least
/// as many gaps left open as sequences read back, and [`MIN_OPEN`] or
/// more (see the module doc). An open gap is one in a repair of
/// `pending` itself, or one that page `p` left in a run no round repaired
/// (`open`: its range, `p` and how many gaps), where the repair is that
/// page's too (another page's gap is a reading the note did not take).
/// Says why for each.
pub fn withhold(
    text: &str,
    pending: &mut Vec<(usize, Repaired)>,
    open: impl Iterator<Item = (Range<usize>, usize, usize)>,
    sink: &mut Sink,
) {
    // The repairs by where their runs start, with the furthest end so far:
    // a note of a megabyte has tens of thousands of repairs and thousands
    // of words, and walking every repair for each word was a third of
    // such a note's time.
    let range = |i: usize| &pending[i].1.run.range;
    let mut by_start: Vec<usize> = (0..pending.len()).collect();
    by_start.sort_by_key(|&i| range(i).start);
    let reach: Vec<usize> = by_start
        .iter()
        .scan(0, |end, &i| {
            *end = (*end).max(range(i).end);
            Some(*end)
        })
        .collect();
    let overlaps = |r: &Range<usize>| {
        let before_end = by_start.partition_point(|&i| range(i).start < r.end);
        before_end > 0 && reach[before_end - 1] > r.start
    };
    // The repairs whose runs lie inside `w`, in order of their starts.
    let inside = |w: &Range<usize>| {
        let (start, end) = (w.start, w.end);
        let from = by_start.partition_point(|&i| range(i).start < start);
        by_start[from..]
            .iter()
            .copied()
            .take_while(move |&i| range(i).start <= end)
            .filter(move |&i| range(i).end <= end)
    };
    // Each word with gaps open under a page: its range, the page, how many
    // (sorted, so the sites of one word under one page are counted as one).
    let sites = open.filter(|(r, _, _)| !overlaps(r)).chain(
        pending
            .iter()
            .filter(|(_, x)| x.left_open > 0)
            .map(|(p, x)| (x.run.range.clone(), *p, x.left_open)),
    );
    let mut sites: Vec<(Range<usize>, usize, usize)> = sites
        .map(|(r, p, n)| (word_around(text, &r), p, n))
        .collect();
    sites.sort_by_key(|(w, p, _)| (w.start, w.end, *p));
    let mut words: Vec<(Range<usize>, usize, usize)> = Vec::with_capacity(sites.len());
    for (w, p, n) in sites {
        match words.last_mut() {
            Some(last) if last.0 == w && last.1 == p => last.2 += n,
            _ => words.push((w, p, n)),
        }
    }
    if words.is_empty() {
        return;
    }
    let mut withheld = vec![false; pending.len()];
    for (w, q, n) in &words {
        let read: usize = inside(w)
            .filter(|&i| pending[i].0 == *q)
            .map(|i| pending[i].1.read_back)
            .sum();
        if *n >= read.max(MIN_OPEN) {
            for i in inside(w).filter(|&i| pending[i].0 == *q) {
                withheld[i] = true;
            }
        }
    }
    let mut at = 0;
    pending.retain(|x| {
        let keep = !withheld[at];
        at += 1;
        if !keep {
            sink.diagnose(x.1.run.range.start, WITHHELD);
        }
        keep
    });
}

/// What the fix says of a repair whose run holds another page's mojibake.
pub const ANOTHER_PAGE: &str = "repair withheld: its word also holds chars this page cannot write that another page reads as bytes of UTF-8, so another page garbled the word and this one reads only part of it";

/// Withholds every repair in `pending` whose run holds a char its page
/// (the first layer's) cannot write but another page reads as a byte of
/// UTF-8's upper half: the run is that other page's mojibake, and this
/// page reads only part of it (`å¼æœç´¢`, 式搜索 through windows-1252 with
/// bytes lost, reads `å¼æ` as 弿 through windows-1257, which has no `œ`
/// or `ç`). Correct text glued to a run does not count: Han and emoji are
/// no page's, and punctuation people put beside words (the `…` after
/// `â\u{80}\u{99}`, which Latin-1 reads as ’ in ftfy's mixed Latin-1 and
/// windows-1252 case) is written correctly beside mojibake as often as
/// not. Every char of a run a page garbled whole is that page's. Says why
/// for each.
pub fn withhold_foreign(pending: &mut Vec<(usize, Repaired)>, sink: &mut Sink) {
    let pages = super::code_pages();
    pending.retain(|(p, x)| {
        let Some(page) = pages.get(*p) else {
            return true;
        };
        let foreign = x.run.chars.iter().any(|&c| {
            !c.is_ascii()
                && c != '\u{a0}'
                && super::score::kind(c) != super::score::Kind::Punct
                && page.byte_of(c).is_none()
                && super::pages::bytes_of(c).is_some_and(|row| row.iter().any(|&b| b >= 0x80))
        });
        if foreign {
            sink.diagnose(x.run.range.start, ANOTHER_PAGE);
        }
        !foreign
    });
}

#[cfg(test)]
mod tests {
    use super::super::tests::outcome as fix;
    use super::*;

    /// `text` comes back as written, and the fix says `why`.
    fn stays_saying(text: &str, why: &str) {
        let out = fix(text);
        assert_eq!(out.text, text);
        assert!(out.diagnostics.iter().any(|d| d.message.contains(why)));
    }

    #[test]
    fn a_word_ends_at_whitespace_or_the_edge() {
        let text = "ab cÃ©d\tef";
        assert_eq!(word_around(text, &(4..8)), 3..9);
        assert_eq!(word_around(text, &(0..1)), 0..2);
        assert_eq!(word_around(text, &(10..11)), 10..12);
    }

    #[test]
    fn a_word_mostly_unexplained_keeps_no_guess() {
        // ftfy's "absolutely hopeless garble": its lone fills made kana.
        let text = "ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’ã‚â¢ãƒâ¢ã¢â‚¬å¡ã‚â¬ãƒâ€šã‚â";
        stays_saying(text, WITHHELD);
    }

    #[test]
    fn a_word_mostly_lost_keeps_no_whole_sequence_either() {
        // 式搜索 through windows-1252, bytes 0x8F and 0x90 dropped: only 索
        // reads back whole. Repaired alone, it left `å¼æœ索`, whose `å¼æ`
        // the next reading took for 弿 through windows-1257.
        let text = "å¼æœç´¢关键字";
        stays_saying(text, WITHHELD);
    }

    #[test]
    fn a_run_holding_another_pages_mojibake_is_not_this_pages() {
        // The same word after correct text: windows-1257 reads `å¼æ` as
        // 弿 but cannot write the `œ` and `ç` beside it, which
        // windows-1252 reads as bytes of UTF-8.
        let text = "使用`regex`å¼æœç´¢关键字：";
        stays_saying(text, ANOTHER_PAGE);
    }

    #[test]
    fn punctuation_another_page_writes_is_no_sign_of_its_mojibake() {
        // ftfy's mixed Latin-1 and windows-1252 case: Latin-1 reads the
        // C1 controls as ’, and the … after them (0x85 in windows-1252,
        // nothing in Latin-1) is correct text glued to the run.
        assert_eq!(
            fix("of â\u{80}\u{98}US pressureâ\u{80}\u{99}…").text,
            "of ‘US pressure’…"
        );
    }

    #[test]
    fn one_open_gap_beside_a_fill_is_a_word_half_known() {
        // Korean through windows-1252, bytes dropped: 은 is the model's
        // clear favourite, 많's gap stays open, and the fill stands.
        assert_eq!(fix("ë§ì€ ì •ë³´").text, "ë§은 ì •보");
    }

    #[test]
    fn a_word_mostly_read_back_keeps_its_repairs() {
        // Japanese through windows-1250, bytes dropped: a few gaps stay
        // open among many sequences read back, so the repairs stand.
        let text = "ă‚’é…Ťç˝®ă§ăŤăľă›ă‚“ă§ă—ăźă€‚";
        assert_eq!(fix(text).text, "を配置でăŤませんでしăź。");
    }
}
