//! Carrying a note's structure over edits inside its frontmatter's YAML
//! (the `frontmatter` fix's, a date in a property): the YAML is read
//! again, as it must be, but the body only moves. The body's reading
//! depends on the frontmatter block through the block scan alone (what
//! context its closing line leaves, whether a block or a comment runs past
//! it), so the block's lines are scanned again, before and after, and the
//! body is carried when both leave a context its first lines read alike
//! after ([`protect::reads_on_alike`]). Debug and test builds check every
//! carried note against a fresh reading (see `Note::from_carried`).

use super::{Carried, Regions};
use crate::edit::Edit;
use crate::note::{frontmatter, protect, scan, split_between, Block, Line, Note, Scan};
use std::ops::Range;

impl Note<'_> {
    /// [`Note::carry`] for `edits` that all lie inside the YAML of this
    /// note's frontmatter; `None` when only reading `new` again can tell.
    pub(super) fn carry_frontmatter(&mut self, new: &str, edits: &[&Edit]) -> Option<Carried> {
        let old_fm = self.frontmatter.as_ref()?;
        let old_end = old_fm.range.end;
        let mut growth = 0isize;
        for e in edits {
            let removed = self.text.get(e.range.clone())?;
            growth += e.replacement.len() as isize - removed.len() as isize;
        }
        let new_end = old_end.checked_add_signed(growth)?;
        // The block must close on the same line, moved: a closing line an
        // edit wrote would close it before `new_end`.
        // What the `frontmatter` fix parsed when it checked its edits.
        let known = self.checked_yaml.take();
        let fm = frontmatter::find_knowing(new, self.start, known).ok()??;
        if fm.range.end != new_end || fm.yaml.start != old_fm.yaml.start {
            return None;
        }
        let body = self.lines.partition_point(|l| l.range.start < old_end);
        // The old block's lines are known: only the context they leave is
        // wanted of them, so they are scanned for blocks alone.
        let mut old_head: Vec<Line> = (self.lines.get(..body)?.iter())
            .map(|l| Line {
                block: Block::Text,
                ..l.clone()
            })
            .collect();
        let old_after = protect::head_context(self.text, &mut old_head)?;
        if old_head.last()?.block != Block::Text {
            return None;
        }
        let Head {
            mut lines,
            mut kinds,
            mut protected,
            after,
        } = Head::read(new, self.start, new_end)?;
        let old_body = self.lines.get(body..)?;
        if !protect::reads_on_alike(&after, &old_after, self.text, old_body) {
            return None;
        }
        // The head's inline regions are read only when the body's are known.
        let regions = match self.inlines.get() {
            Some(all) => {
                let mut head = protect::with_inlines(new, &lines, &kinds, &protected);
                moved_after(all, old_end, growth, &mut head)?;
                Regions::All(head)
            }
            None => {
                moved_after(&self.blocks, old_end, growth, &mut protected)?;
                Regions::Blocks(protected)
            }
        };
        // The body's lines move by as many lines as the block grew.
        let task_signs = match self.task_signs.take() {
            Some(mut signs) => {
                signs.shift(body, lines.len() as isize - body as isize)?;
                Some(signs)
            }
            None => None,
        };
        kinds.extend_from_slice(self.scan.lines.get(body..)?);
        for line in old_body {
            lines.push(Line {
                range: line.range.start.checked_add_signed(growth)?
                    ..line.range.end.checked_add_signed(growth)?,
                ..line.clone()
            });
        }
        Some(Carried {
            scan: Scan::from_lines(kinds),
            start: self.start,
            frontmatter: Some(fm),
            lines,
            regions,
            newline: self.newline,
            task_signs,
            date_sites: None,
        })
    }
}

/// The regions of `regions` that start at or after `old_end`, moved by
/// `growth`, pushed to `out`.
fn moved_after(
    regions: &[Range<usize>],
    old_end: usize,
    growth: isize,
    out: &mut Vec<Range<usize>>,
) -> Option<()> {
    let first_moved = regions.partition_point(|r| r.start < old_end);
    for r in &regions[first_moved..] {
        out.push(r.start.checked_add_signed(growth)?..r.end.checked_add_signed(growth)?);
    }
    Some(())
}

impl Note<'_> {
    /// [`Note::carry`] for `edits` whose first `yaml` lie inside the YAML
    /// of this note's frontmatter and the rest in the body: carried over
    /// the YAML's edits to the text they make, then over the body's.
    pub(super) fn carry_both(
        &mut self,
        new: &str,
        edits: &[&Edit],
        yaml: usize,
    ) -> Option<Carried> {
        let (head, body) = edits.split_at(yaml);
        let between = crate::edit::apply(self.text, head);
        let carried = self.carry_frontmatter(&between, head)?;
        let growth = between.len() as isize - self.text.len() as isize;
        let moved = body
            .iter()
            .map(|e| {
                Some(Edit {
                    range: e.range.start.checked_add_signed(growth)?
                        ..e.range.end.checked_add_signed(growth)?,
                    replacement: e.replacement.clone(),
                })
            })
            .collect::<Option<Vec<Edit>>>()?;
        let moved: Vec<&Edit> = moved.iter().collect();
        super::assemble(&between, carried).carry(new, &moved)
    }
}

/// The frontmatter block's lines of a text, read as [`Note::parse`] reads
/// them.
struct Head {
    lines: Vec<Line>,
    /// What the scan finds on each line.
    kinds: Vec<scan::Kinds>,
    /// Their blocks' regions, sorted and merged.
    protected: Vec<Range<usize>>,
    /// The block scan's context for the line after them.
    after: protect::Context,
}

impl Head {
    /// The lines of `text` from `start` to `end`, where its frontmatter
    /// block ends; `None` when the block's closing line is not ordinary
    /// text (a block opened above it runs on) or a comment may open in it.
    fn read(text: &str, start: usize, end: usize) -> Option<Head> {
        let (mut lines, seen) = split_between(text, start, end);
        for line in &mut lines {
            line.in_frontmatter = true;
        }
        let (protected, after) = protect::scan_head(text, &mut lines)?;
        if lines.last()?.block != Block::Text {
            return None;
        }
        let kinds = (lines.iter().zip(&seen))
            .map(|(l, &s)| scan::kinds_of(text, l, s))
            .collect();
        Some(Head {
            lines,
            kinds,
            protected,
            after,
        })
    }
}
