//! Carrying a note over edits that write or remove whole blank lines: the
//! `whitespace` fix's blank line after a heading, its run of blank lines
//! collapsed into one, its final line ending. Nearly every clean note that
//! needs changes gets one of these, and each cost a full reading.
//!
//! Why the block scan reads the rest alike: a blank line sets the scan's
//! context to "no paragraph" and, outside a quote, keeps its lists. So a
//! blank line written after a line that leaves no paragraph and no quote
//! open changes no context, and a run of blank lines reads as its first
//! line does. No block can span such lines (they are ordinary text), and
//! the end of a block before them depends on the first line that is not
//! blank, never on how many blank lines come first. Comments and inline
//! regions that would reach over a written or removed line are refused.

use super::super::{newline_of, protect, scan, Block, Line, Note, Scan};
use super::{breaks, holds_marker, Carried, Regions};
use crate::edit::Edit;
use std::ops::Range;

/// What one edit does to the note's lines (indices into the old lines).
#[derive(Clone, Copy)]
enum Op {
    /// Changes text inside the line, which grows by `growth` bytes.
    Inside { line: usize, growth: isize },
    /// Writes a blank line, `len` bytes of line ending, before the line.
    BlankBefore { line: usize, len: usize },
    /// Removes lines `from..=to`: blank, after a blank line.
    Remove { from: usize, to: usize },
    /// Ends the last line, which had no ending, with `len` bytes.
    End { line: usize, len: usize },
}

impl Op {
    /// The first line the edit concerns.
    fn line(self) -> usize {
        match self {
            Op::Inside { line, .. } | Op::BlankBefore { line, .. } | Op::End { line, .. } => line,
            Op::Remove { from, .. } => from,
        }
    }
}

/// What became of one old line.
#[derive(Clone, Copy, Default)]
struct Fate {
    /// How far its start moved.
    shift: isize,
    /// Removed, or its text edited: regions on it are not moved.
    changed: bool,
    /// A blank line was written just before it.
    after_new: bool,
    /// Removed.
    removed: bool,
    /// Its index among the new lines, unless removed.
    at: usize,
}

/// Only spaces and tabs: a blank line to the whitespace fix and to the
/// block scan alike (no quote marker).
fn blank(s: &str) -> bool {
    s.bytes().all(|b| b == b' ' || b == b'\t')
}

impl Note<'_> {
    /// What `e` does to the lines, or `None` when it is none of [`Op`].
    fn op(&self, e: &Edit) -> Option<Op> {
        let removed = self.text.get(e.range.clone())?;
        let lines = &self.lines;
        if !breaks(removed) && !breaks(&e.replacement) {
            let i = lines.partition_point(|l| l.range.end < e.range.start);
            let line = lines.get(i)?;
            let inside = line.range.start <= e.range.start && e.range.end <= line.range.end;
            if !inside || !line.is_text() {
                return None;
            }
            let growth = e.replacement.len() as isize - removed.len() as isize;
            return Some(Op::Inside { line: i, growth });
        }
        let ending = matches!(e.replacement.as_str(), "\n" | "\r\n");
        if e.range.is_empty() && ending {
            let len = e.replacement.len();
            let at = e.range.start;
            if at == self.text.len() {
                let i = lines.len().checked_sub(1)?;
                let last = &lines[i];
                let plain = last.ending == 0 && last.is_text();
                return (plain && !last.text(self.text).contains('\r'))
                    .then_some(Op::End { line: i, len });
            }
            let i = lines.partition_point(|l| l.range.start < at);
            let starts = lines.get(i).is_some_and(|l| l.range.start == at);
            return (starts && i > 0 && lines[i - 1].is_text())
                .then_some(Op::BlankBefore { line: i, len });
        }
        if !e.replacement.is_empty() {
            return None;
        }
        let from = lines.partition_point(|l| l.range.start < e.range.start);
        let to = lines.partition_point(|l| l.range.end + l.ending < e.range.end);
        let whole = lines.get(from)?.range.start == e.range.start
            && lines
                .get(to)
                .is_some_and(|l| l.range.end + l.ending == e.range.end);
        let all_blank = (from.checked_sub(1)?..=to)
            .all(|k| lines[k].is_text() && blank(lines[k].text(self.text)));
        (whole && from <= to && to + 1 < lines.len() && all_blank)
            .then_some(Op::Remove { from, to })
    }

    /// [`Note::carry`] for edits of which some write or remove whole blank
    /// lines (see the module's comment); the others stay inside a line of
    /// text, as [`Note::carry`] requires.
    pub(super) fn carry_lines(&mut self, new: &str, edits: &[&Edit]) -> Option<Carried> {
        let mut ops = Vec::with_capacity(edits.len());
        for (k, e) in edits.iter().enumerate() {
            if e.range.start <= self.start {
                return None;
            }
            let op = self.op(e)?;
            // A line written or removed shares no boundary with another edit,
            // so the order the edits apply in cannot matter; an edit inside
            // the last line may end where its ending is written.
            if let Op::End { .. } = op {
                if k > 0 && edits[k - 1].range.start >= e.range.start {
                    return None;
                }
            } else if !matches!(op, Op::Inside { .. }) {
                let before = k.checked_sub(1).map(|j| edits[j].range.end);
                let after = edits.get(k + 1).map(|n| n.range.start);
                if before.is_some_and(|b| b >= e.range.start)
                    || after.is_some_and(|a| a <= e.range.end)
                {
                    return None;
                }
            }
            ops.push(op);
        }
        let old = &self.lines;
        let mut fates = vec![Fate::default(); old.len()];
        let mut lines = Vec::with_capacity(old.len() + ops.len());
        let mut kinds = Vec::with_capacity(old.len() + ops.len());
        // (old index, new index) of lines edited inside.
        let mut edited: Vec<(usize, usize)> = Vec::new();
        // The old index of the line before each written blank line.
        let mut written: Vec<usize> = Vec::new();
        let mut shift = 0isize;
        let mut removing = None;
        let mut next = ops.iter().copied().peekable();
        for (i, line) in old.iter().enumerate() {
            let (mut growth, mut ending, mut inside) = (0isize, line.ending, false);
            while let Some(op) = next.next_if(|op| op.line() == i) {
                match op {
                    Op::Inside { growth: g, .. } => (growth, inside) = (growth + g, true),
                    Op::BlankBefore { len, .. } => {
                        let at = line.range.start.checked_add_signed(shift)?;
                        let blank = Line {
                            range: at..at,
                            ending: len,
                            block: Block::Text,
                            in_frontmatter: false,
                        };
                        kinds.push(scan::line_kinds(new, &blank));
                        lines.push(blank);
                        written.push(i - 1);
                        shift += len as isize;
                        fates[i].after_new = true;
                    }
                    Op::Remove { to, .. } => removing = Some(to),
                    Op::End { len, .. } => (ending, inside) = (len, true),
                }
            }
            fates[i].shift = shift;
            if let Some(to) = removing {
                fates[i].changed = true;
                fates[i].removed = true;
                shift -= (line.range.end + line.ending - line.range.start) as isize;
                if i == to {
                    removing = None;
                }
                continue;
            }
            let start = line.range.start.checked_add_signed(shift)?;
            shift += growth;
            let end = line.range.end.checked_add_signed(shift)?;
            fates[i].at = lines.len();
            let moved = Line {
                range: start..end,
                ending,
                ..line.clone()
            };
            if inside {
                fates[i].changed = true;
                edited.push((i, lines.len()));
                kinds.push(scan::line_kinds(new, &moved));
            } else {
                kinds.push(self.scan.lines[i]);
            }
            lines.push(moved);
        }
        self.lines_keep_shape(new, &edited, &lines)?;
        // The line before each written blank line leaves no paragraph or
        // quote open; it is kept (not removed), so its new index is found
        // through its old one.
        for &i in &written {
            let line = lines.get(fates[i].at)?;
            if fates[i].removed || !protect::leaves_paragraph_closed(new.get(line.range.clone())?) {
                return None;
            }
        }
        let regions = match self.inlines.get() {
            Some(all) => Regions::All(self.regions_over(all, new, &fates, &edited, &lines, true)?),
            None => Regions::Blocks(self.regions_over(
                &self.blocks,
                new,
                &fates,
                &edited,
                &lines,
                false,
            )?),
        };
        let newline = newline_of(&lines);
        // Task lines are never blank, so never removed: each reading moves
        // to its line's new index.
        let task_signs = self.task_signs.take().and_then(|mut signs| {
            signs.renumber(|i| {
                let fate = fates.get(i)?;
                (!fate.removed).then_some((fate.at, fate.changed))
            })?;
            Some(signs)
        });
        Some(Carried {
            scan: Scan::from_lines(kinds),
            start: self.start,
            frontmatter: self.frontmatter.take(),
            lines,
            regions,
            newline,
            task_signs,
            date_sites: None,
        })
    }

    /// Whether every line edited inside keeps what decides the blocks (the
    /// conditions of [`Note::carry`]).
    fn lines_keep_shape(&self, new: &str, edited: &[(usize, usize)], lines: &[Line]) -> Option<()> {
        for &(i, j) in edited {
            let before = self.text.get(self.lines[i].range.clone())?;
            let after = new.get(lines[j].range.clone())?;
            let opens_frontmatter = i == 0 && after == "---";
            if opens_frontmatter
                || self.may_hold_marker(i, before)
                || after.contains('\r')
                || holds_marker(after.as_bytes())
                || protect::shape(before) != protect::shape(after)
            {
                return None;
            }
        }
        Some(())
    }

    /// The protected regions of the new text: those of `regions` (this
    /// note's) on lines left as they were moved with them, those on lines
    /// edited inside read again when `reread` (else refused: the blocks and
    /// comments alone, which an edited line of text never holds); a region
    /// over a removed line, a written one or an edit is refused.
    fn regions_over(
        &self,
        regions: &[Range<usize>],
        new: &str,
        fates: &[Fate],
        edited: &[(usize, usize)],
        lines: &[Line],
        reread: bool,
    ) -> Option<Vec<Range<usize>>> {
        let old = &self.lines;
        let mut out = Vec::with_capacity(regions.len() + edited.len());
        for r in regions {
            let a = old.partition_point(|l| l.range.end + l.ending <= r.start);
            let b = old
                .partition_point(|l| l.range.end + l.ending < r.end)
                .max(a);
            let inside_edited = a == b
                && edited.iter().any(|&(i, _)| i == a)
                && old[a].range.start <= r.start
                && r.end <= old[a].range.end;
            if inside_edited {
                if reread {
                    continue;
                }
                return None;
            }
            let touched = (a..=b).any(|k| fates.get(k).is_none_or(|f| f.changed))
                || (a + 1..=b).any(|k| fates[k].after_new);
            if touched {
                return None;
            }
            let shift = fates[a].shift;
            out.push(r.start.checked_add_signed(shift)?..r.end.checked_add_signed(shift)?);
        }
        for &(_, j) in edited.iter().filter(|_| reread) {
            protect::inline(new, lines[j].range.clone(), &mut out);
        }
        Some(protect::normalise(out))
    }
}
