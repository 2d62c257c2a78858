//! Ranged edits: the only way a fix changes text.
//!
//! Fixes propose [`Edit`]s over the text they were given. [`settle`] sorts
//! them and rejects overlaps (the first proposed wins; the loser is proposed
//! again on the next pass of the fixed point). [`Composed`] keeps every
//! accepted edit of every stage mapped back onto the original text, so the
//! caller gets one list of non-overlapping edits against what it sent in.

use std::collections::BTreeMap;
use std::ops::Range;

/// Replace `range` (byte offsets) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the text the edit was made against.
    pub range: Range<usize>,
    /// The new text.
    pub replacement: String,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
}

/// Orders `edits` by position and drops each one that overlaps an edit
/// proposed before it. Returns the accepted edits, sorted, and the indices
/// (in proposal order) of the rejected ones.
pub fn settle(edits: &[Edit]) -> (Vec<usize>, Vec<usize>) {
    // Fixes mostly propose in text order: while each edit comes after
    // every one accepted, the accepted ones stay a sorted list, and only
    // those at its start and the one before can collide with it (a
    // garbled note of a megabyte proposes tens of thousands of edits).
    let mut in_order: Vec<((usize, usize), usize)> = Vec::new();
    let mut rejected = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        let r = &edit.range;
        let key = (r.start, r.end);
        if in_order.last().is_some_and(|&(last, _)| key <= last) {
            return settle_unordered(edits, i, in_order, rejected);
        }
        let neighbours = in_order.iter().rev();
        let mut near = neighbours.take_while(|&&((s, _), _)| s == r.start).count();
        if near < in_order.len() {
            near += 1;
        }
        let collides = in_order[in_order.len() - near..]
            .iter()
            .any(|&((s, e), _)| overlaps(&(s..e), r));
        if collides {
            rejected.push(i);
        } else {
            in_order.push((key, i));
        }
    }
    (in_order.into_iter().map(|(_, i)| i).collect(), rejected)
}

/// [`settle`] from the edit at `from` on, the first that does not come
/// after every one accepted (`accepted`, in order) so far.
fn settle_unordered(
    edits: &[Edit],
    from: usize,
    accepted: Vec<((usize, usize), usize)>,
    mut rejected: Vec<usize>,
) -> (Vec<usize>, Vec<usize>) {
    // Accepted ranges keyed by (start, end) → proposal index. They never
    // overlap, so only the neighbours of a new range can collide with it:
    // those starting where it starts, the last one before, the first after.
    // Inserted one by one, as below: collecting would build the tree in
    // bulk, whose code alone is some 9 KB of the WASM.
    let mut tree: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (key, i) in accepted {
        tree.insert(key, i);
    }
    let mut accepted = tree;
    for (i, edit) in edits.iter().enumerate().skip(from) {
        let r = &edit.range;
        let before = accepted.range(..(r.start, 0)).next_back();
        let same = accepted.range((r.start, 0)..=(r.start, usize::MAX));
        let after = accepted.range((r.start + 1, 0)..).next();
        let collides = before
            .into_iter()
            .chain(same)
            .chain(after)
            .any(|(&(s, e), _)| overlaps(&(s..e), r));
        if collides {
            rejected.push(i);
        } else {
            accepted.insert((r.start, r.end), i);
        }
    }
    // Sorted by position; insertions before a replacement at the same place.
    (accepted.into_values().collect(), rejected)
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A piece of the current text: copied from the original, or new.
#[derive(Clone, Debug)]
enum Segment {
    Original(Range<usize>),
    New(String),
}

impl Segment {
    fn len(&self) -> usize {
        match self {
            Segment::Original(r) => r.len(),
            Segment::New(s) => s.len(),
        }
    }
}

/// The current text as segments of the original and inserted text, so that
/// any number of stages of edits can be mapped back onto the original.
#[derive(Clone, Debug)]
pub struct Composed<'a> {
    original: &'a str,
    segments: Vec<Segment>,
    /// Where each segment ends in the current text, for binary search:
    /// mapping one change back must not walk every segment (quadratic on
    /// notes with many edits).
    ends: Vec<usize>,
}

impl<'a> Composed<'a> {
    /// Starts with the original, unchanged.
    pub fn new(original: &'a str) -> Self {
        let segments = if original.is_empty() {
            Vec::new()
        } else {
            vec![Segment::Original(0..original.len())]
        };
        let mut composed = Composed {
            original,
            segments,
            ends: Vec::new(),
        };
        composed.reindex();
        composed
    }

    fn reindex(&mut self) {
        let mut at = 0;
        self.ends = self
            .segments
            .iter()
            .map(|seg| {
                at += seg.len();
                at
            })
            .collect();
    }

    /// The current text.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.original.len() + 16);
        for seg in &self.segments {
            match seg {
                Segment::Original(r) => out.push_str(&self.original[r.clone()]),
                Segment::New(s) => out.push_str(s),
            }
        }
        out
    }

    /// Maps a range of the current text onto the original. A position inside
    /// new text maps to the edge of the original gap it fills, so the result
    /// covers everything the range came from.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map(range.start, false);
        let end = self.map(range.end, true).max(start);
        start..end
    }

    fn map(&self, pos: usize, right: bool) -> usize {
        // The first segment that holds `pos`: one ending at `pos` holds it
        // for a start (`!right`), not for an end.
        let i = if right {
            self.ends.partition_point(|&end| end <= pos)
        } else {
            self.ends.partition_point(|&end| end < pos)
        };
        let Some(seg) = self.segments.get(i) else {
            return self.original.len();
        };
        let at = self.ends[i] - seg.len();
        match seg {
            Segment::Original(r) => r.start + (pos - at),
            Segment::New(_) if right => self.next_original_start(i),
            Segment::New(_) => self.segments[..i]
                .iter()
                .rev()
                .find_map(|s| match s {
                    Segment::Original(r) => Some(r.end),
                    Segment::New(_) => None,
                })
                .unwrap_or(0),
        }
    }

    fn next_original_start(&self, from: usize) -> usize {
        self.segments[from..]
            .iter()
            .find_map(|s| match s {
                Segment::Original(r) => Some(r.start),
                Segment::New(_) => None,
            })
            .unwrap_or(self.original.len())
    }

    /// Applies sorted, non-overlapping edits made against the current text.
    pub fn apply(&mut self, edits: &[&Edit]) {
        let old = std::mem::take(&mut self.segments);
        let ends = std::mem::take(&mut self.ends);
        let mut rest = Rest {
            out: Vec::with_capacity(old.len() + edits.len() * 2),
            segments: old.into_iter(),
            ends: &ends,
            next: 0,
            pos: 0,
            head: None,
        };
        for edit in edits {
            rest.to(edit.range.start, true);
            rest.to(edit.range.end, false);
            if !edit.replacement.is_empty() {
                push(&mut rest.out, Segment::New(edit.replacement.clone()));
            }
        }
        rest.to(usize::MAX, true);
        self.segments = rest.out;
        self.reindex();
    }

    /// The accumulated change as sorted, non-overlapping edits against the
    /// original. Edits that turned out to restore the original are dropped.
    pub fn edits(&self) -> Vec<Edit> {
        let mut result = Vec::new();
        let mut orig_at = 0;
        let mut pending = String::new();
        let mut in_gap = false;
        for seg in &self.segments {
            match seg {
                Segment::Original(r) => {
                    if in_gap || r.start != orig_at {
                        self.push_edit(&mut result, orig_at..r.start, std::mem::take(&mut pending));
                    }
                    in_gap = false;
                    orig_at = r.end;
                }
                Segment::New(s) => {
                    pending.push_str(s);
                    in_gap = true;
                }
            }
        }
        if in_gap || orig_at != self.original.len() {
            self.push_edit(&mut result, orig_at..self.original.len(), pending);
        }
        result
    }

    fn push_edit(&self, out: &mut Vec<Edit>, range: Range<usize>, replacement: String) {
        if self.original[range.clone()] != replacement {
            out.push(Edit { range, replacement });
        }
    }
}

/// The segments of the text before a stage of edits not yet passed over,
/// owned: a segment passed whole moves into the new list as it is, and
/// only one an edit cuts is split. (Copying every passed segment, as a
/// walk over borrowed ones must, copied every earlier stage's new text
/// again at each stage: a third of the pipeline's own cost on notes with
/// many repairs.) The whole segments up to an edit are found by their
/// ends and moved as one run: no two neighbours in the old list join
/// (it was built joining them), so only a run's first segment may join
/// the segment before it.
struct Rest<'e> {
    /// The new list, its neighbours joined as they are pushed.
    out: Vec<Segment>,
    segments: std::vec::IntoIter<Segment>,
    /// Where each old segment ends in the text before the stage.
    ends: &'e [usize],
    /// The index of the next segment `segments` gives.
    next: usize,
    /// How far into the text before the stage the walk is.
    pos: usize,
    /// What is left of a segment an edit cut, starting at `pos`.
    head: Option<Segment>,
}

impl Rest<'_> {
    /// Passes over the text up to position `target`, moving it onto the
    /// new list when `keep` (else dropping it).
    fn to(&mut self, target: usize, keep: bool) {
        if self.pos >= target {
            return;
        }
        if let Some(head) = self.head.take() {
            let len = head.len();
            let head = if target - self.pos < len {
                let (first, rest) = split(head, target - self.pos);
                self.head = Some(rest);
                self.pos = target;
                first
            } else {
                self.pos += len;
                head
            };
            if keep {
                push(&mut self.out, head);
            }
        }
        // The segments ending at or before `target` pass whole.
        let whole = self.ends.partition_point(|&end| end <= target);
        if whole > self.next {
            let k = whole - self.next;
            self.pos = self.ends[whole - 1];
            self.next = whole;
            if keep {
                if let Some(first) = self.segments.next() {
                    push(&mut self.out, first);
                }
                self.out.extend(self.segments.by_ref().take(k - 1));
            } else {
                self.segments.nth(k - 1);
            }
        }
        // The next one reaches past `target`: cut there.
        if self.pos < target {
            if let Some(seg) = self.segments.next() {
                self.next += 1;
                let (first, rest) = split(seg, target - self.pos);
                self.head = Some(rest);
                self.pos = target;
                if keep {
                    push(&mut self.out, first);
                }
            }
        }
    }
}

/// Pushes `seg`, joined with the last segment when both are original text
/// that meet or both new text.
fn push(out: &mut Vec<Segment>, seg: Segment) {
    match (out.last_mut(), seg) {
        (Some(Segment::Original(a)), Segment::Original(b)) if a.end == b.start => a.end = b.end,
        (Some(Segment::New(a)), Segment::New(b)) => a.push_str(&b),
        (_, seg) => out.push(seg),
    }
}

/// `seg` cut `at` bytes in (inside it): the part before and the part after.
fn split(seg: Segment, at: usize) -> (Segment, Segment) {
    match seg {
        Segment::Original(r) => (
            Segment::Original(r.start..r.start + at),
            Segment::Original(r.start + at..r.end),
        ),
        Segment::New(mut s) => {
            let after = s.split_off(at);
            (Segment::New(s), Segment::New(after))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(range: Range<usize>, s: &str) -> Edit {
        Edit {
            range,
            replacement: s.to_string(),
        }
    }

    fn run(text: &str, stages: &[Vec<Edit>]) -> (String, Vec<Edit>) {
        let mut c = Composed::new(text);
        let mut cur = text.to_string();
        for stage in stages {
            let refs: Vec<&Edit> = stage.iter().collect();
            c.apply(&refs);
            cur = apply(&cur, &refs);
            assert_eq!(c.text(), cur);
        }
        (cur, c.edits())
    }

    /// Many stages of edits, cutting and joining segments of both kinds:
    /// the composed text is the text the stages make, and the edits
    /// against the original make it too.
    #[test]
    fn many_stages_compose() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        let mut cur = text.to_string();
        let mut stages = Vec::new();
        for _ in 0..200 {
            let mut stage = Vec::new();
            let mut at = 0;
            while stage.len() < 4 && at <= cur.len() {
                let start = at + next(cur.len() - at + 1);
                let end = (start + next(4)).min(cur.len());
                stage.push(e(start..end, ["", "X", "YZ", "ab"][next(4)]));
                at = end + 1;
            }
            let refs: Vec<&Edit> = stage.iter().collect();
            cur = apply(&cur, &refs);
            stages.push(stage);
        }
        let (out, edits) = run(text, &stages);
        assert_eq!(out, cur);
        let refs: Vec<&Edit> = edits.iter().collect();
        assert_eq!(apply(text, &refs), out);
    }

    #[test]
    fn settle_rejects_overlaps_in_proposal_order() {
        let edits = vec![e(5..8, "x"), e(0..2, "y"), e(7..9, "z"), e(2..2, "i")];
        let (acc, rej) = settle(&edits);
        assert_eq!(acc, vec![1, 3, 0]);
        assert_eq!(rej, vec![2]);
    }

    #[test]
    fn settling_in_text_order_agrees_with_settling_in_any_order() {
        // Every list of up to four edits over a short text, ranges empty
        // or not: the in-order path must accept and reject what the
        // general one does, wherever the order first breaks.
        let ranges: Vec<Range<usize>> = (0..4).flat_map(|s| (s..4).map(move |t| s..t)).collect();
        let mut lists: Vec<Vec<Edit>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<Edit>> = lists
                .iter()
                .filter(|l| l.len() == lists.last().map_or(0, Vec::len))
                .flat_map(|l| {
                    ranges.iter().map(move |r| {
                        let mut l = l.clone();
                        l.push(e(r.clone(), "x"));
                        l
                    })
                })
                .collect();
            lists.extend(longer);
        }
        let mut ordered = 0;
        for edits in &lists {
            let general = settle_unordered(edits, 0, Vec::new(), Vec::new());
            let keys: Vec<(usize, usize)> = general
                .0
                .iter()
                .map(|&i| (edits[i].range.start, edits[i].range.end))
                .collect();
            ordered += usize::from(
                keys.windows(2).all(|w| w[0] < w[1]) && general.0.windows(2).all(|w| w[0] < w[1]),
            );
            assert_eq!(settle(edits), general, "{edits:?}");
        }
        assert!(ordered > 1000, "{ordered}");
    }

    #[test]
    fn stages_compose_onto_the_original() {
        let text = "abcdefghij";
        let (out, edits) = run(
            text,
            &[
                vec![e(2..4, "XY"), e(10..10, "!")],
                vec![e(0..1, ""), e(2..3, "Z"), e(10..11, "?")],
            ],
        );
        assert_eq!(out, "bZYefghij?");
        let refs: Vec<&Edit> = edits.iter().collect();
        assert_eq!(apply(text, &refs), out);
        assert_eq!(edits[0].range, 0..1);
    }

    #[test]
    fn insertions_at_boundaries_and_empty_text() {
        let (out, edits) = run("", &[vec![e(0..0, "a")], vec![e(0..0, "b"), e(1..1, "c")]]);
        assert_eq!(out, "bac");
        assert_eq!(edits, vec![e(0..0, "bac")]);
        let (out, _) = run(
            "ab",
            &[vec![e(1..1, "-")], vec![e(1..2, "+"), e(3..3, ".")]],
        );
        assert_eq!(out, "a+b.");
    }

    #[test]
    fn restoring_edits_vanish_and_mapping_covers_sources() {
        let text = "hello world";
        let mut c = Composed::new(text);
        let first = e(0..5, "HELLO");
        c.apply(&[&first]);
        assert_eq!(c.to_original(1..3), 0..5);
        assert_eq!(c.to_original(6..11), 6..11);
        let back = e(0..5, "hello");
        c.apply(&[&back]);
        assert!(c.edits().is_empty());
    }
}
