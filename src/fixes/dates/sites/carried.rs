//! Date sites carried over edits. The vault index reads each note's date
//! sites before the repair, and the fixes that run before `dates`
//! (`mojibake`, `duplicate-names`) edit a name or a char inside a line:
//! the sites of every other line only move, and the edited lines are read
//! again, once `dates` asks (see `Note::carry`). Debug and test builds
//! check every carried list against a fresh reading.

use super::{collect, dated_line, finish, line_places, row_start, text_dates, Place, Site};
use crate::config::Config;
use crate::note::task::signs::TaskSigns;
use crate::note::{Line, Note};
use std::ops::Range;

/// [`of`]'s sites under the default settings when this reading of `note`
/// has them, or carries them over edits from the reading before (the
/// edited lines read now, once).
pub(super) fn known<'n>(note: &'n Note) -> Option<&'n Vec<Site>> {
    if let Some(sites) = note.date_sites.get() {
        return Some(sites);
    }
    let (kept, edited) = note.carried_dates.as_ref()?;
    Some(
        note.date_sites
            .get_or_init(|| with_lines_read(note, kept.clone(), edited)),
    )
}

/// The sites [`of`] found under the default settings in a note whose
/// lines `grown` (indexes in order, each with how much it grew) edits
/// changed, each inside one line of text: those of the other lines, moved
/// to where they lie in the text `new` (whose lines are `lines`), to be
/// completed by [`with_lines_read`] once that text is read. `None` when an
/// edited line is a table row before or after: a cell's dates depend on
/// its table's header, and a row on the rows around it.
pub(crate) fn kept_over(
    mut sites: Vec<Site>,
    old: &Note,
    new: &str,
    lines: &[Line],
    grown: &[(usize, isize)],
) -> Option<Vec<Site>> {
    for &(i, _) in grown {
        let (was, is) = (old.lines.get(i)?, lines.get(i)?);
        if !was.is_text() || row_start(was.text(old.text)).is_some() {
            return None;
        }
        if row_start(new.get(is.range.clone())?).is_some() {
            return None;
        }
    }
    let mut by = 0isize;
    let mut g = 0;
    let mut fits = true;
    sites.retain_mut(|site| {
        let at = site.found.range.start;
        // Edited lines wholly before the site move it.
        while let Some(&(i, growth)) = grown.get(g) {
            if old.lines[i].range.end >= at {
                break;
            }
            by += growth;
            g += 1;
        }
        // A site of an edited line is read again.
        let edited = (grown.get(g)).is_some_and(|&(i, _)| old.lines[i].range.start <= at);
        fits &= edited || move_by(site, by).is_some();
        !edited
    });
    fits.then_some(sites)
}

/// Moves `site`'s offsets by `by` bytes; `None` (and `site` partly moved)
/// when one would leave the offsets a text can have.
fn move_by(site: &mut Site, by: isize) -> Option<()> {
    let at = |r: &mut Range<usize>| {
        *r = r.start.checked_add_signed(by)?..r.end.checked_add_signed(by)?;
        Some(())
    };
    at(&mut site.found.range)?;
    at(&mut site.found.core)?;
    match &mut site.place {
        Place::Frontmatter { value, .. } => at(value),
        Place::Cell { end, .. } => {
            *end = end.checked_add_signed(by)?;
            Some(())
        }
        Place::Task | Place::Labelled | Place::Text => Some(()),
    }
}

/// [`of`]'s sites of `note`, from `kept` ([`kept_over`]: those of every
/// line but the `edited` ones, which are no table rows) and the edited
/// lines read again as [`collect`] reads them.
pub(crate) fn with_lines_read(note: &Note, mut kept: Vec<Site>, edited: &[usize]) -> Vec<Site> {
    let config = Config::default();
    let known = note.task_signs();
    let mut reading = TaskSigns::default();
    let mut claimed = Vec::new();
    let mut read = Vec::new();
    for &i in edited {
        let Some(text) = dated_line(note, i) else {
            continue;
        };
        let start = note.lines[i].range.start;
        claimed.clear();
        let placed = read.len();
        line_places(
            note,
            &config,
            i,
            text,
            known,
            &mut reading,
            &mut claimed,
            &mut read,
        );
        if crate::fixes::dates::may_hold_numeric_date(text.as_bytes()) {
            let dates = text_dates(text, start, &read[placed..]);
            read.extend(dates);
        }
    }
    // Those in protected regions dropped as `collect` drops them, then
    // placed among the kept ones.
    kept.extend(finish(note, read));
    kept.sort_by_key(|s| s.found.range.start);
    debug_assert_eq!(
        format!("{kept:?}"),
        format!("{:?}", collect(&Note::parse(note.text), &config)),
        "date sites carried over an edit differ from a fresh reading of {:?}",
        note.text
    );
    kept
}
