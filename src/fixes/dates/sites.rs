//! Where dates are looked for: frontmatter values, Obsidian Tasks
//! signifiers, the labelled values of a line, the cells of table columns
//! headed by a date label, and running text. Each site carries the date
//! found (ranges against the whole note) and what the place asks of it.

use super::grammar::{self, Found, Mode, Options};
use super::label::{label, Label, MAX_LABEL};
use crate::config::Config;
use crate::note::task::signs::{LineSigns, Reading, TaskSigns};
use crate::note::{task, Kinds, Note};
use regex::Regex;
use serde_yaml::Value;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

mod carried;

pub(crate) use carried::kept_over;
use carried::known;

/// The frontmatter keys that hold dates whatever the user configures.
pub const DATE_KEYS: &[&str] = &[
    "date", "created", "updated", "modified", "due", "start", "end",
];

/// Frontmatter keys whose values are names, never dates, even when they
/// look like one (a daily note titled `16 September 2025`).
const NAME_KEYS: &[&str] = &[
    "title",
    "aliases",
    "alias",
    "tags",
    "tag",
    "cssclasses",
    "cssclass",
    "version",
];

/// Words that make a line label a date label (`**Due date**:`, `Datum:`).
const LABEL_WORDS: &[&str] = &[
    "date",
    "dates",
    "due",
    "deadline",
    "created",
    "updated",
    "modified",
    "start",
    "started",
    "end",
    "ended",
    "datum",
    "fecha",
    "data",
    "tarih",
    "дата",
    "termin",
    "échéance",
    "fällig",
    "scadenza",
    "vencimiento",
    "prazo",
    "日付",
    "日期",
    "날짜",
];

/// The date fields of the Tasks plugin's Dataview format (`[due:: …]`,
/// `(scheduled:: …)`), whose values Tasks reads only as `YYYY-MM-DD`.
const DATAVIEW_FIELDS: &[&str] = &[
    "due",
    "scheduled",
    "start",
    "created",
    "completion",
    "cancelled",
];

/// Where the values of the Dataview date fields of `line` start, with the
/// bracket that must close each.
fn dataview_fields(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // Each `::` not overlapping the one before, found by its first colon:
    // most task lines have none, and no searcher is built for them.
    let b = line.as_bytes();
    let mut free = 0;
    let pairs = memchr::memchr_iter(b':', b).filter(move |&i| {
        let pair = i >= free && b.get(i + 1) == Some(&b':');
        if pair {
            free = i + 2;
        }
        pair
    });
    pairs.filter_map(move |colons| {
        let before = &line[..colons];
        let open = before.rfind(['[', '('])?;
        let key = &before[open + 1..];
        if !DATAVIEW_FIELDS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
            return None;
        }
        let close = if before[open..].starts_with('[') {
            ']'
        } else {
            ')'
        };
        let after = &line[colons + 2..];
        Some((
            line.len() - after.trim_start_matches([' ', '\t']).len(),
            close,
        ))
    })
}

/// How many spaces and tabs `b` starts with.
fn blanks(b: &[u8]) -> usize {
    b.iter().take_while(|&&c| c == b' ' || c == b'\t').count()
}

/// Whether `b` has a `::`, found by its colons (a line has few).
fn has_double_colon(b: &[u8]) -> bool {
    memchr::memchr_iter(b':', b).any(|i| b.get(i + 1) == Some(&b':'))
}

/// What a place asks of its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A frontmatter value: becomes a plain YAML date.
    Frontmatter {
        /// The key.
        key: String,
        /// The value as written, quotes included.
        value: Range<usize>,
        /// Written in quotes.
        quoted: bool,
    },
    /// After an Obsidian Tasks signifier: always `YYYY-MM-DD`.
    Task,
    /// After a date label such as `**Date**:`.
    Labelled,
    /// A whole table cell in a column headed by a date label: read as a
    /// labelled value.
    Cell {
        /// The row's pipes line up with the header's, so a rewritten date
        /// keeps the cell's width where its padding allows.
        aligned: bool,
        /// Where the cell ends in the note: its closing pipe, or the end of
        /// the line.
        end: usize,
    },
    /// Running text.
    Text,
}

/// One date in the note.
#[derive(Clone, Debug)]
pub struct Site {
    /// The date, ranges against the note's text.
    pub found: Found,
    /// Where it is.
    pub place: Place,
}

fn options(mode: Mode, time: bool) -> Options {
    Options { mode, time }
}

fn shift(mut found: Found, by: usize) -> Found {
    found.range = found.range.start + by..found.range.end + by;
    found.core = found.core.start + by..found.core.end + by;
    found
}

/// The date sites of `note` under `config`. Settings that add no date key,
/// keep back no key and leave running text alone find what the default
/// settings find, and those are
/// found once per reading of the note: a vault run reads each note's dates
/// for the index's evidence, then repairs the same reading.
pub fn of<'n>(note: &'n Note, config: &Config) -> Cow<'n, [Site]> {
    if config.date_keys.is_empty()
        && config.vault.kept_keys.is_empty()
        && !config.running_text_dates
    {
        Cow::Borrowed(match known(note) {
            Some(sites) => sites,
            None => note
                .date_sites
                .get_or_init(|| collect(note, &Config::default())),
        })
    } else {
        Cow::Owned(collect(note, config))
    }
}

/// Every date site of `note`, in text order, outside protected regions.
/// Running text is read for its dates when `runningTextDates` is on, and
/// otherwise on lines that may hold a numeric day-month date, the only kind
/// that is evidence for the note's order; the caller decides whether to
/// edit it.
pub fn collect(note: &Note, config: &Config) -> Vec<Site> {
    let mut sites = places(note, config);
    running_text(note, config, &mut sites, false);
    finish(note, sites)
}

/// The date sites the `dates` fix needs from `note`: [`of`]'s, except that
/// with running text left alone its dates are read only when some other
/// date can be read two ways. Such a text date is never edited then, and
/// counts only as evidence, which only a date read two ways asks for (to
/// settle it, or to be kept when the note cannot): on a note without one,
/// reading every line of prose for numeric dates changed nothing. A note
/// whose sites were already read in full (for the vault's evidence) uses
/// those.
pub fn for_fix<'n>(note: &'n Note, config: &Config) -> Cow<'n, [Site]> {
    if config.running_text_dates {
        return of(note, config);
    }
    let default = config.date_keys.is_empty() && config.vault.kept_keys.is_empty();
    if let Some(sites) = default.then(|| known(note)).flatten() {
        return Cow::Borrowed(sites);
    }
    let mut sites = places(note, config);
    if !sites.iter().any(reads_two_ways) {
        return Cow::Owned(finish(note, sites));
    }
    let whole = running_text(note, config, &mut sites, true);
    let sites = finish(note, sites);
    if default && whole {
        Cow::Borrowed(note.date_sites.get_or_init(|| sites))
    } else {
        Cow::Owned(sites)
    }
}

/// Where the first free date that reads only day first, and the first
/// that reads only month first, start: all a note's evidence gives the
/// fix (`resolve::Evidence` settles by the first of each order, and sees a
/// conflict when there are both). Once both stand before a line, no date
/// from there on changes either.
#[derive(Default)]
struct Firsts {
    day: Option<usize>,
    month: Option<usize>,
}

impl Firsts {
    /// Takes `site` in.
    fn see(&mut self, note: &Note, site: &Site) {
        let first = match super::resolve::one_way_order(site) {
            Some(grammar::Order::DayFirst) => &mut self.day,
            Some(grammar::Order::MonthFirst) => &mut self.month,
            None => return,
        };
        let at = site.found.range.start;
        if first.is_none_or(|f| at < f) && note.is_free(site.found.range.clone()) {
            *first = Some(at);
        }
    }

    /// Whether both firsts start before byte `at`.
    fn both_before(&self, at: usize) -> bool {
        self.day.is_some_and(|d| d < at) && self.month.is_some_and(|m| m < at)
    }
}

/// Whether `site` holds a numeric date that reads two ways (`03/04/2025`).
fn reads_two_ways(site: &Site) -> bool {
    // Only a numeric shape has two readings: the rest are not read again.
    matches!(site.found.shape, grammar::Shape::Numeric { .. })
        && matches!(site.found.shape.reading(), grammar::Reading::Two { .. })
}

/// The sites in text order, those in protected regions dropped.
fn finish(note: &Note, mut sites: Vec<Site>) -> Vec<Site> {
    // Mostly in text order: a running text date out of it is searched for
    // anew.
    let mut regions = note.in_order();
    sites.retain(|s| regions.is_free(s.found.range.clone()));
    // Found line by line, they are in order but for running text's.
    if !sites.is_sorted_by_key(|s| s.found.range.start) {
        sites.sort_by_key(|s| s.found.range.start);
    }
    sites
}

/// The lines [`places`] and [`running_text`] read for dates: text lines
/// with a digit, not indented as code.
fn dated_line<'t>(note: &Note<'t>, i: usize) -> Option<&'t str> {
    let line = &note.lines[i];
    let text = line.text(note.text);
    (line.is_text() && note.scan.lines[i].meets(Kinds::DIGIT) && !indented_code(text))
        .then_some(text)
}

/// The dates of running text, added to `sites` (every other site of the
/// note, in line order, as [`places`] found them: a text date overlapping
/// one of its line is that one). When `for_evidence` (running text is
/// never edited), the reading stops at the first line after which no date
/// can change the note's evidence ([`Firsts`]); whether it read every line.
fn running_text(note: &Note, config: &Config, sites: &mut Vec<Site>, for_evidence: bool) -> bool {
    let placed = sites.len();
    let mut firsts = Firsts::default();
    if for_evidence {
        for site in sites.iter() {
            firsts.see(note, site);
        }
    }
    // The sites of each line, found by walking the placed ones along: they
    // come line by line, after the frontmatter's.
    let mut next = 0;
    for i in note.scan.lines_with(Kinds::DIGIT) {
        let Some(text) = dated_line(note, i) else {
            continue;
        };
        // With running text left alone, its dates matter only as evidence,
        // and only a numeric day-month date can be that: a line without
        // that shape (task lines of ISO dates, headings with month names)
        // is not read again.
        if !config.running_text_dates && !super::may_hold_numeric_date(text.as_bytes()) {
            continue;
        }
        let line = note.lines[i].range.clone();
        if for_evidence && firsts.both_before(line.start) {
            return false;
        }
        while next < placed && sites[next].found.range.start < line.start {
            next += 1;
        }
        let on_line = next..next
            + sites[next..placed]
                .iter()
                .take_while(|s| s.found.range.start <= line.end)
                .count();
        for site in text_dates(text, line.start, &sites[on_line]) {
            if for_evidence {
                firsts.see(note, &site);
            }
            sites.push(site);
        }
    }
    true
}

/// The dates of running text on the line at `start` (`text`), as
/// [`running_text`] reads them: one overlapping a site `placed` found on
/// the line is that site.
fn text_dates(text: &str, start: usize, placed: &[Site]) -> Vec<Site> {
    let overlaps = |found: &Found| {
        (placed.iter())
            .any(|s| s.found.range.start < found.range.end && found.range.start < s.found.range.end)
    };
    (grammar::scan(text, options(Mode::Text, true)).into_iter())
        .map(|found| shift(found, start))
        .filter(|found| !overlaps(found))
        .map(|found| Site {
            found,
            place: Place::Text,
        })
        .collect()
}

/// The date sites of `note` in frontmatter values, after Tasks
/// signifiers, after labels and in table cells: all but running text's,
/// in line order, protected ones not yet dropped.
fn places(note: &Note, config: &Config) -> Vec<Site> {
    let mut sites = frontmatter(note, config);
    // Room for a date on each line with a digit, which most of a settled
    // note's dated lines hold one of: a growing list moved every site
    // several times.
    sites.reserve(note.scan.lines_with(Kinds::DIGIT).count());
    let mut table: Option<Table> = None;
    let mut last = None;
    // The dates each line's places took, one buffer for every line.
    let mut claimed: Vec<Range<usize>> = Vec::new();
    // The signifiers of the note's task lines: as a fix read them before,
    // or read here and kept in the note for `tasks`, which runs next.
    let known = note.task_signs();
    let mut reading = TaskSigns::default();
    // Lines with a digit, and table rows (a header seldom has a digit).
    for i in note.scan.lines_with(Kinds::DIGIT.or(Kinds::PIPE)) {
        let line = &note.lines[i];
        // A line passed over has no `|`, so it ended any table.
        if last.is_some_and(|l| i > l + 1) {
            table = None;
        }
        last = Some(i);
        if !line.is_text() {
            table = None;
            continue;
        }
        let text = line.text(note.text);
        let base = line.range.start;
        // Every date has an ASCII digit, which the scan has looked for (a
        // scan that claims every kind on every line only reads more lines,
        // none of which yields a date).
        let digit = note.scan.lines[i].meets(Kinds::DIGIT);
        claimed.clear();
        // A table row starts with `|`; checked before the digit test, as a
        // header row seldom has a digit.
        match row_start(text) {
            None => table = None,
            Some(row) => match &mut table {
                Some(t) if t.delimiter_next => t.delimiter_next = false,
                Some(t) if t.quotes == row.quotes => {
                    if t.has_dates && digit {
                        t.read_row(text, row, base, &mut claimed, &mut sites);
                    }
                }
                _ => table = Table::at(note, i, text, row, config),
            },
        }
        if !digit || indented_code(text) {
            continue;
        }
        line_places(
            note,
            config,
            i,
            text,
            known,
            &mut reading,
            &mut claimed,
            &mut sites,
        );
    }
    if known.is_none() {
        let _ = note.task_signs.set(reading);
    }
    sites
}

/// The date sites of line `i` (`text`, a text line with a digit, no
/// table row's cell read) after Tasks signifiers and Dataview fields, then
/// after labels: [`places`]' reading of one line. `known` is the note's
/// task lines' signifiers if a fix read them; lines it does not know are
/// read into `reading`. `claimed` is the line's buffer of dates taken.
#[allow(clippy::too_many_arguments)]
fn line_places(
    note: &Note,
    config: &Config,
    i: usize,
    text: &str,
    known: Option<&TaskSigns>,
    reading: &mut TaskSigns,
    claimed: &mut Vec<Range<usize>>,
    sites: &mut Vec<Site>,
) {
    let base = note.lines[i].range.start;
    let kinds = note.scan.lines[i];
    let bytes = text.as_bytes();
    // Every label ends in `:` or `：`, and every Dataview field has
    // `::`: most lines with a digit have neither, and the scan says so
    // (`COLON`), so they are not searched. `：` is three non-ASCII
    // bytes, which an ASCII line lacks.
    let last = if !kinds.meets(Kinds::COLON) {
        None
    } else if kinds.meets(Kinds::NON_ASCII) {
        last_colon(text)
    } else {
        memchr::memrchr(b':', bytes)
    };
    // Every signifier is a wide char on a line with a `[`
    // (`TASK_FIELDS`), and every Dataview field has `::` and `[` or
    // `(` after a checkbox's `[`: a line with neither has no task
    // date, and is not checked for a task.
    let task_fields = kinds.meets(Kinds::TASK_FIELDS);
    let dataview = last.is_some()
        && (task_fields || memchr::memchr(b'[', bytes).is_some())
        && has_double_colon(bytes);
    // A task's signifiers, one search of the line for them and for
    // the JavaScript line breaks that make it no task. A line without
    // `TASK_FIELDS` has none (each is a wide char, and a checkbox has a
    // `[`): it is only checked for being a task.
    let read = if !(task_fields || dataview) || !task::has_checkbox(text) {
        Reading::Unread
    } else if !task_fields {
        if task::is_task(text) {
            Reading::Signs(LineSigns::NONE)
        } else {
            Reading::Breaks
        }
    } else {
        match known.map(|k| k.line(i)) {
            Some(r @ (Reading::Signs(_) | Reading::Breaks)) => r,
            _ => reading.read_line(i, text),
        }
    };
    if let Reading::Signs(task_signs) = read {
        for sign in task_signs.iter(text).filter(|s| s.field.is_date()) {
            let mut at = sign.at + sign.len;
            // The variation selector (EF B8 8F) and the blanks after
            // the signifier, by their bytes: every date signifier of a
            // settled note is passed this way.
            if bytes[at..].starts_with(&[0xEF, 0xB8, 0x8F]) {
                at += 3;
            }
            at += blanks(&bytes[at..]);
            if let Some(found) = grammar::parse_at(text, at, options(Mode::Value, false)) {
                claimed.push(found.range.clone());
                sites.push(Site {
                    found: shift(found, base),
                    place: Place::Task,
                });
            }
        }
        // The same dates in Tasks' Dataview format: the whole value.
        for (at, close) in dataview
            .then(|| dataview_fields(text))
            .into_iter()
            .flatten()
        {
            let Some(found) = grammar::parse_at(text, at, options(Mode::Value, false)) else {
                continue;
            };
            let rest = text[found.range.end..].trim_start_matches([' ', '\t']);
            if rest.starts_with(close) {
                claimed.push(found.range.clone());
                sites.push(Site {
                    found: shift(found, base),
                    place: Place::Task,
                });
            }
        }
    }
    // Every label's words come right before one of the line's colons.
    let labels = last.is_some_and(|last| {
        !config.date_keys.is_empty()
            || label_word_before_colon(text, last, kinds.meets(Kinds::NON_ASCII))
    });
    if labels {
        // The line's own label, then each later one: `Due: …, Start: …`.
        let mut value = labelled_value(text, config);
        let mut from = 0;
        while let Some(at) = value
            .take()
            .or_else(|| next_label(text, from, claimed, config))
        {
            if !claimed.iter().any(|r| r.contains(&at)) && grammar::start_ok(text, at) {
                labelled_dates(text, at, base, claimed, sites);
            }
            from = at;
        }
    }
}

/// Where a table row's first pipe is, after at most three spaces and any
/// blockquote markers.
#[derive(Clone, Copy, Debug)]
struct RowStart {
    /// Byte offset of the leading `|`.
    pipe: usize,
    /// How many `>` come before it.
    quotes: usize,
}

/// The start of a table row (a line whose first character, after
/// indentation and blockquote markers, is `|`), if `line` is one.
fn row_start(line: &str) -> Option<RowStart> {
    let b = line.as_bytes();
    let mut i = b.iter().take_while(|&&c| c == b' ').count();
    if i > 3 {
        return None;
    }
    let mut quotes = 0;
    while b.get(i) == Some(&b'>') {
        quotes += 1;
        i += 1;
        i += b[i..].iter().take_while(|&&c| c == b' ').count();
    }
    (b.get(i) == Some(&b'|')).then_some(RowStart { pipe: i, quotes })
}

/// The cells of a table row whose leading pipe is at `pipe`: byte ranges
/// of `line` between unescaped pipes (a pipe inside a cell is written
/// `\|`), without the empty rest after a trailing pipe.
fn cells(line: &str, pipe: usize) -> Vec<Range<usize>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut start = pipe + 1;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'|' => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if !line[start.min(b.len())..].trim().is_empty() {
        out.push(start..b.len());
    }
    out
}

/// Whether the cells of `line` make a delimiter row (`|---|:--:|`).
fn is_delimiter(line: &str, row: RowStart) -> bool {
    let rest = &line.as_bytes()[row.pipe..];
    // Most rows fail on their second byte or so.
    if !rest
        .iter()
        .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
    {
        return false;
    }
    cells(line, row.pipe).iter().all(|cell| {
        let c = line[cell.clone()].trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    })
}

/// The char columns of the unescaped pipes of `line`: where a row lines up
/// with its header.
fn pipe_columns(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut escaped = false;
    for (col, c) in line.chars().enumerate() {
        match c {
            '|' if !escaped => out.push(col),
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

/// A Markdown table being read: which columns a date label heads.
struct Table {
    /// Per column, whether its header is a date label.
    dates: Vec<bool>,
    /// Any column is.
    has_dates: bool,
    /// The header's blockquote depth; every row has the same.
    quotes: usize,
    /// The header's pipe columns.
    pipes: Vec<usize>,
    /// The next line is the delimiter row.
    delimiter_next: bool,
}

impl Table {
    /// The table whose header row is line `i` of `note` (`line`), if the
    /// next line is a delimiter row with as many cells.
    fn at(note: &Note, i: usize, line: &str, row: RowStart, config: &Config) -> Option<Table> {
        let next = note.lines.get(i + 1).filter(|l| l.is_text())?;
        let next_text = next.text(note.text);
        let next_row = row_start(next_text).filter(|r| r.quotes == row.quotes)?;
        if !is_delimiter(next_text, next_row) {
            return None;
        }
        let header = cells(line, row.pipe);
        if header.len() != cells(next_text, next_row.pipe).len() {
            return None;
        }
        let labels = !config.date_keys.is_empty() || has_label_word(line);
        let dates: Vec<bool> = header
            .iter()
            .map(|cell| labels && is_header_label(&line[cell.clone()], config))
            .collect();
        let has_dates = dates.contains(&true);
        Some(Table {
            pipes: if has_dates {
                pipe_columns(line)
            } else {
                Vec::new()
            },
            dates,
            has_dates,
            quotes: row.quotes,
            delimiter_next: true,
        })
    }

    /// Reads the whole-cell dates of the date columns of body row `line`.
    fn read_row(
        &self,
        line: &str,
        row: RowStart,
        base: usize,
        claimed: &mut Vec<Range<usize>>,
        sites: &mut Vec<Site>,
    ) {
        let mut aligned = None;
        for (cell, _) in cells(line, row.pipe)
            .into_iter()
            .zip(&self.dates)
            .filter(|(_, &date)| date)
        {
            let text = &line[cell.clone()];
            if !text.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let Some(found) = grammar::parse_exact(text, options(Mode::Value, true)) else {
                continue;
            };
            let found = shift(found, cell.start);
            let aligned = *aligned.get_or_insert_with(|| pipe_columns(line) == self.pipes);
            claimed.push(found.range.clone());
            sites.push(Site {
                found: shift(found, base),
                place: Place::Cell {
                    aligned,
                    end: base + cell.end,
                },
            });
        }
    }
}

/// Whether a header cell names a date (`Due`, `**Due date**`, `Date:`),
/// with no more words than a line's label may have.
fn is_header_label(cell: &str, config: &Config) -> bool {
    let mut name = cell.trim();
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = name.strip_prefix(mark).and_then(|n| n.strip_suffix(mark)) {
            name = inner.trim();
            break;
        }
    }
    let name = name.strip_suffix([':', '：']).unwrap_or(name);
    !name.is_empty() && name.chars().count() <= MAX_LABEL + 1 && is_label_name(name, config)
}

/// Whether byte `at` of `note` is on a table row.
pub fn on_table_row(note: &Note, at: usize) -> bool {
    let i = note.lines.partition_point(|l| l.range.end < at);
    note.lines
        .get(i)
        .is_some_and(|line| row_start(line.text(note.text)).is_some())
}

/// Reads the dates of a labelled value starting at byte `at` of `line` (at
/// `base` in the note): one date, or both ends of a range.
fn labelled_dates(
    line: &str,
    at: usize,
    base: usize,
    claimed: &mut Vec<Range<usize>>,
    sites: &mut Vec<Site>,
) {
    let mut next = grammar::parse_at(line, at, options(Mode::Value, true));
    // A range keeps both ends in one format: `16/09/2025 – 18/09/2025`.
    while let Some(found) = next.take() {
        let end = found.range.end;
        claimed.push(found.range.clone());
        sites.push(Site {
            found: shift(found, base),
            place: Place::Labelled,
        });
        if let Some(m) = range_joiner().find(&line[end..]) {
            next = grammar::parse_at(line, end + m.end(), options(Mode::Value, true));
        }
    }
}

/// A line indented as a code block (four spaces or a tab) that is not a
/// list item.
fn indented_code(line: &str) -> bool {
    let indented = line.starts_with('\t') || line.starts_with("    ");
    indented && task::list_item(line).is_none()
}

/// What joins the two ends of a date range: a dash or a word for "to".
fn range_joiner() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[ \t]*(?:-|–|—|to|until|bis|au|al|até|tot|до)[ \t]*").expect("range pattern")
    })
}

/// The last `:` or `：` of `line`.
fn last_colon(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    memchr::memrchr(b':', b).max(wide_colons(b).next_back())
}

/// The first `:` or `：` of `line`.
fn first_colon(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let ascii = memchr::memchr(b':', b);
    match wide_colons(&b[..ascii.unwrap_or(b.len())]).next() {
        Some(wide) => Some(wide),
        None => ascii,
    }
}

/// Where `：` (EF BC 9A) is in `b`, found by its first byte, which Latin
/// and most CJK text lack.
fn wide_colons(b: &[u8]) -> impl DoubleEndedIterator<Item = usize> + '_ {
    memchr::memchr_iter(0xEF, b).filter(|&i| b[i + 1..].starts_with(&[0xBC, 0x9A]))
}

/// Where the value of a date-labelled line starts (`**Date**: …`,
/// `Due: …`, `due:: …`), if the line has one.
fn labelled_value(line: &str, config: &Config) -> Option<usize> {
    let found = label(line)?;
    is_date_label(&found, config).then_some(found.end)
}

/// Where the value of the next date label after byte `from` of `line`
/// starts: a label right after a date of the line (`claimed`) or after a
/// `,`, `;` or `|` (`Due: 16.09.2025, Start: 15.09.2025`). Words that only
/// follow a value (`Due: soon we start: …`) are no label.
fn next_label(line: &str, from: usize, claimed: &[Range<usize>], config: &Config) -> Option<usize> {
    let bytes = line.as_bytes();
    let configured = !config.date_keys.is_empty();
    // Candidates in order, without collecting them: the next separator or
    // date end at or after `lo`.
    let mut lo = from;
    // The colon after the candidate, kept while later candidates are
    // before it: a long line of commas is read once.
    let mut colon = 0;
    loop {
        let separator = memchr::memchr3(b',', b';', b'|', bytes.get(lo..)?).map(|i| lo + i);
        let date_end = claimed
            .iter()
            .map(|r| r.end)
            .filter(|&end| end >= lo && end > from)
            .min();
        let at = match (separator, date_end) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        let label_at = at + skip_separator(&line[at..]);
        // A label's name runs to the next colon, holds no separator and
        // has a label word: checked before the regex, which most
        // separators of a line fail.
        if colon < label_at {
            colon = label_at + first_colon(&line[label_at..])?;
        }
        let name = &line[label_at..colon];
        if name.contains([',', ';', '|']) || !(configured || has_label_word(name)) {
            lo = at + 1;
            continue;
        }
        if let Some(found) = label(&line[label_at..]) {
            if is_date_label(&found, config) {
                return Some(label_at + found.end);
            }
        }
        lo = at + 1;
    }
}

/// How many bytes of `s` a separator before a later label takes: spaces,
/// then at most one of `,` `;` `|` `·` `•` `–` `—` `-` and spaces.
fn skip_separator(s: &str) -> usize {
    let rest = s.trim_start_matches([' ', '\t']);
    let rest = match rest.chars().next() {
        Some(c @ (',' | ';' | '|' | '·' | '•' | '–' | '—' | '-')) => {
            rest[c.len_utf8()..].trim_start_matches([' ', '\t'])
        }
        _ => rest,
    };
    s.len() - rest.len()
}

/// Whether a match of [`label`] is a date label: its
/// markup is balanced and its name is a date key or has a label word in
/// at most three words.
fn is_date_label(found: &Label, config: &Config) -> bool {
    let close = found.close.or(found.after);
    if found.open != close || (found.close.is_some() && found.after.is_some()) {
        return false;
    }
    is_label_name(found.name, config)
}

/// Whether `name` (a line's label or a table's header) names a date: a
/// date key, or at most three words one of which is a label word.
fn is_label_name(name: &str, config: &Config) -> bool {
    let name = name.trim();
    let mut words = name.split_whitespace();
    let few = words.clone().nth(3).is_none();
    // Keys compare ignoring ASCII case: only a name beyond ASCII is
    // lower-cased first (most names are ASCII, and need no copy).
    let key = if name.is_ascii() {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.to_lowercase())
    };
    is_date_key(&key, config) || (few && words.any(is_label_word))
}

/// Whether some word of `line` (a run of letters and digits) is a label
/// word, ignoring case. A label's words are such runs of the line, so
/// without one the label regex need not run; the built-in date keys are
/// label words too, which leaves only configured keys to the regex.
///
/// Run on every line with a digit and a colon, so bytes are read rather
/// than characters: an ASCII byte other than a letter or digit ends a word
/// whatever the script, and only a run with a non-ASCII byte in it is
/// split by character.
fn has_label_word(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !IN_RUN[usize::from(b[i])] {
            i += 1;
            continue;
        }
        // A run starts and ends next to an ASCII byte (or an end of the
        // line), so on char boundaries; its bytes or'ed say whether it is
        // all ASCII without a second look.
        let start = i;
        let mut seen = 0;
        while i < b.len() && IN_RUN[usize::from(b[i])] {
            seen |= b[i];
            i += 1;
        }
        let run = &line[start..i];
        let found = if seen.is_ascii() {
            is_ascii_label_word(run.as_bytes())
        } else {
            run_has_label_word(run)
        };
        if found {
            return true;
        }
    }
    false
}

/// Whether a label word stands in the stretch of name bytes right before
/// one of the colons of `line` up to `last` (its last; `：` too when the
/// line is not ASCII). A label's name ends, past markup and blanks, at its
/// colon, and holds only word chars, spaces, `'`, `’` and `-`: walking
/// back from each colon over those bytes (and `*`, `_`, tabs and every
/// non-ASCII byte, a superset) reaches every label word, and stops at the
/// first `/`, `.`, `(` or `]` of a link or a sentence, so a long line with
/// a URL is no longer read word by word from its start.
fn label_word_before_colon(line: &str, last: usize, wide: bool) -> bool {
    let b = line.as_bytes();
    let before = |colon: usize| {
        let mut start = colon;
        while start > 0 && IN_NAME[usize::from(b[start - 1])] {
            start -= 1;
        }
        // Stopped after an ASCII byte or at the start: a char boundary,
        // and a run of word bytes neither begins nor ends inside.
        has_label_word(&line[start..colon])
    };
    let ascii = memchr::memchr_iter(b':', &b[..=last]).any(before);
    ascii || wide && wide_colons(b).take_while(|&i| i <= last).any(before)
}

/// The bytes a label's name, markup and blanks before its colon can hold:
/// ASCII letters and digits, `_`, `*`, a space, a tab, `'`, `-` and every
/// non-ASCII byte.
static IN_NAME: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric()
            || matches!(b as u8, b'_' | b'*' | b' ' | b'\t' | b'\'' | b'-')
            || b >= 0x80;
        b += 1;
    }
    t
};

/// The bytes of a run [`has_label_word`] reads as one: ASCII letters and
/// digits, and every non-ASCII byte.
static IN_RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    t
};

/// Whether some word of `run` (letters and digits split by char, as
/// [`grammar::is_alphanumeric`] reads them) is a label word. Only a word
/// whose first byte is in [`LABEL_FIRST_BYTES`] can be one, so only those
/// bytes are looked at, and a char decoded only there: a run of Hindi or
/// Malayalam has none, where splitting it decoded every char.
fn run_has_label_word(run: &str) -> bool {
    let b = run.as_bytes();
    (0..b.len())
        .filter(|&i| LABEL_FIRST_BYTES[usize::from(b[i])])
        .any(|i| {
            // A candidate byte is ASCII or a lead byte: a char starts there.
            let alphanumeric = |c: Option<char>| c.is_some_and(grammar::is_alphanumeric);
            if !alphanumeric(run[i..].chars().next()) || alphanumeric(run[..i].chars().next_back())
            {
                return false;
            }
            let rest = &run[i..];
            let word = &rest[..rest
                .find(|c: char| !grammar::is_alphanumeric(c))
                .unwrap_or(rest.len())];
            is_label_word(word)
        })
}

/// Whether `word`, a whole word, is a label word, ignoring case.
fn is_label_word(word: &str) -> bool {
    if word.is_ascii() {
        is_ascii_label_word(word.as_bytes())
    } else {
        // Upper case may take up to three times the bytes of lower case
        // (`K` the Kelvin sign), and no label word is over 13 letters.
        word.len() <= 40
            && could_start_label(word)
            && LABEL_WORDS.contains(&word.to_lowercase().as_str())
    }
}

/// The bytes a label word can start with, in any case: the first letters
/// of the ASCII label words, upper and lower, and the lead bytes of the
/// others' first chars (`é` and `É` share theirs, as `д` and `Д` do). A
/// test checks every char whose lower case starts a label word.
const LABEL_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < LABEL_WORDS.len() {
        let b = LABEL_WORDS[i].as_bytes()[0];
        if b.is_ascii() {
            t[b.to_ascii_lowercase() as usize] = true;
            t[b.to_ascii_uppercase() as usize] = true;
        } else {
            t[b as usize] = true;
        }
        i += 1;
    }
    t
};

/// Whether the lower case of `word` could start as a label word does:
/// the first char's lower case decides the first char of the word's (a
/// final sigma is never first), so most words are passed over without
/// building their lower case.
fn could_start_label(word: &str) -> bool {
    word.chars()
        .next()
        .and_then(|c| c.to_lowercase().next())
        .is_some_and(|c| LABEL_WORDS.iter().any(|w| w.starts_with(c)))
}

/// The lengths and first letters of the ASCII label words: most words of a
/// line fail these before any comparison.
const ASCII_LABELS: (usize, usize, [bool; 128]) = {
    let (mut min, mut max, mut first) = (usize::MAX, 0, [false; 128]);
    let mut i = 0;
    while i < LABEL_WORDS.len() {
        let w = LABEL_WORDS[i].as_bytes();
        if w.is_ascii() {
            min = if w.len() < min { w.len() } else { min };
            max = if w.len() > max { w.len() } else { max };
            first[w[0].to_ascii_lowercase() as usize] = true;
        }
        i += 1;
    }
    (min, max, first)
};

/// Whether the ASCII `word` is a label word, ignoring case.
fn is_ascii_label_word(word: &[u8]) -> bool {
    let (min, max, first) = &ASCII_LABELS;
    (*min..=*max).contains(&word.len())
        && first[usize::from(word[0].to_ascii_lowercase())]
        && LABEL_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// Whether frontmatter key `key` holds dates.
pub fn is_date_key(key: &str, config: &Config) -> bool {
    let key = key.trim();
    DATE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
        || config
            .date_keys
            .iter()
            .any(|k| k.trim().eq_ignore_ascii_case(key))
}

/// Whether a key as written (`raw`, up to its colon) is one this fix
/// reads: a word character, then word characters, spaces, `.` and `-`.
/// Quoted keys and keys with other punctuation are left alone.
fn is_plain_key(raw: &str) -> bool {
    let mut chars = raw.chars();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || regex_word(c);
    chars.next().is_some_and(word) && chars.all(|c| word(c) || matches!(c, ' ' | '.' | '-'))
}

/// Regex's Unicode `\w` outside ASCII (letters, marks, digits, connector
/// punctuation): keys in every script.
fn regex_word(c: char) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    !c.is_ascii()
        && RE
            .get_or_init(|| Regex::new(r"^\w$").expect("word pattern"))
            .is_match(c.encode_utf8(&mut [0; 4]))
}

/// A scalar as written on one line: `(inner range, quoted)` relative to
/// `s`, or `None` for anything but a plain or simply quoted scalar.
fn scalar(s: &str) -> Option<(Range<usize>, bool)> {
    let first = s.chars().next()?;
    let (inner, rest_at, quoted) = match first {
        '\'' | '"' => {
            let close = s[1..].find(first)? + 1;
            let inner = &s[1..close];
            if inner.contains('\\') || s[close + 1..].starts_with(first) {
                return None;
            }
            (1..close, close + 1, true)
        }
        '[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`' | '#' => return None,
        _ => {
            // The first ` #` or `\t#`: a `#` after a blank, found by its
            // `#` (two substring searches cost more than the rest).
            let b = s.as_bytes();
            let end = memchr::memchr_iter(b'#', b)
                .find(|&j| j > 0 && matches!(b[j - 1], b' ' | b'\t'))
                .map_or(s.len(), |j| j - 1);
            (0..s[..end].trim_end().len(), end, false)
        }
    };
    let rest = s[rest_at..].trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some((inner, quoted))
}

/// Date-looking values of top-level `key: value` entries (and of `- item`
/// lines under a date key), as the note model's frontmatter reading places
/// them, cross-checked against the parsed YAML so a multi-line or escaped
/// scalar is never misread.
fn frontmatter(note: &Note, config: &Config) -> Vec<Site> {
    let mut sites = Vec::new();
    let Some(fm) = &note.frontmatter else {
        return sites;
    };
    let Ok(Value::Mapping(map)) = &fm.value else {
        return sites;
    };
    let yaml = &note.text[fm.yaml.clone()];
    for e in &fm.entries {
        let line = &fm.lines[e.first];
        let raw = yaml[line.range.start..e.colon_end - 1].trim_end_matches([' ', '\t']);
        let trimmed = raw.trim();
        if !is_plain_key(raw) || NAME_KEYS.iter().any(|k| k.eq_ignore_ascii_case(trimmed)) {
            continue;
        }
        // Borrowed: a key is copied only into a site it yields.
        let key = raw;
        // Another plugin writes this value, in its own format, on its own
        // saves: rewriting it would undo that plugin on every save.
        if config.vault.kept_keys.iter().any(|k| k.key == key) {
            continue;
        }
        let date_key = is_date_key(key, config);
        let rest = &yaml[e.colon_end..line.range.end];
        // `key:` alone opens a list; `key: ` with only blanks holds an
        // empty value, not a list. The values are walked, not collected:
        // most entries have one, and a Vec of it was an allocation each.
        let single = if !rest.is_empty() {
            let value_at = e.colon_end + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
            Some((value_at, None))
        } else if date_key {
            None
        } else {
            continue;
        };
        let listed =
            e.items
                .iter()
                .enumerate()
                .take(if single.is_some() { 0 } else { e.items.len() });
        let listed = listed.filter_map(|(index, item)| {
            let written = &yaml[item.dash..fm.lines[item.line].range.end];
            let after = written.strip_prefix("- ")?;
            let value_at = item.dash + written.len() - after.trim_start().len();
            Some((value_at, Some(index)))
        });
        for (value_at, item) in single.into_iter().chain(listed) {
            let line_end = fm.lines[item.map_or(e.first, |i| e.items[i].line)]
                .range
                .end;
            if let Some(site) = value_site(
                &yaml[value_at..line_end],
                fm.yaml.start + value_at,
                key,
                item,
                date_key,
                map,
            ) {
                sites.push(site);
            }
        }
    }
    sites
}

/// The date site of one frontmatter value written `value_text` at `base`.
fn value_site(
    value_text: &str,
    base: usize,
    key: &str,
    item: Option<usize>,
    date_key: bool,
    map: &serde_yaml::Mapping,
) -> Option<Site> {
    if !value_text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (inner, quoted) = scalar(value_text)?;
    let inner_text = &value_text[inner.clone()];
    // The date first: most values with a digit that reach here are no
    // date, and then the parsed value need not be looked up (a hash of the
    // key), nor the ISO pattern run on an unquoted value it cannot change.
    let mode = if date_key { Mode::Value } else { Mode::Text };
    let found = match grammar::parse_exact(inner_text, options(mode, true)) {
        Some(f) => shift(f, base + inner.start),
        // Full ISO 8601 date-times (with zone or fraction) the grammar
        // leaves to their owners; they only lose their quotes.
        None if quoted => shift(iso_like(inner_text)?, base + inner.start),
        None => return None,
    };
    // Looked up by the `str`, which serde_yaml hashes as the string value.
    let parsed = map.get(key);
    let parsed = match (parsed, item) {
        (Some(v), None) => Some(v),
        (Some(Value::Sequence(seq)), Some(i)) => seq.get(i),
        _ => None,
    };
    if parsed.and_then(Value::as_str) != Some(inner_text) {
        return None;
    }
    let value = base..base + if quoted { inner.end + 1 } else { inner.end };
    Some(Site {
        found,
        place: Place::Frontmatter {
            key: key.to_string(),
            value,
            quoted,
        },
    })
}

/// An ISO 8601 date or date-time the grammar does not read (with seconds
/// fraction or a zone), as a `Found` over its date.
pub fn iso_like(s: &str) -> Option<Found> {
    // A plain `YYYY-MM-DD` of ASCII digits, the usual frontmatter value
    // (asked of every one a site holds), is read by its bytes; the pattern
    // reads the rest (date-times, and digits of other scripts, which `\d`
    // takes and which read as 0).
    if s.len() == 10 {
        if let Some((year, month, day)) = grammar::iso_numbers(s.as_bytes()) {
            return Some(iso_found(s, year, month, day));
        }
    }
    iso_like_read(s)
}

/// [`iso_like`] read by its pattern alone.
fn iso_like_read(s: &str) -> Option<Found> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
            .expect("iso pattern")
    });
    let c = re.captures(s)?;
    let n = |i: usize| c[i].parse::<u32>().unwrap_or(0);
    Some(iso_found(s, n(1), n(2), n(3)))
}

/// What [`iso_like`] finds in `s`, whose date has these numbers.
fn iso_found(s: &str, year: u32, month: u32, day: u32) -> Found {
    Found {
        range: 0..s.len(),
        core: 0..10,
        shape: grammar::Shape::Fixed {
            year: year as i32,
            month,
            day,
        },
        weekday: None,
        time: None,
        iso_datetime: s.len() > 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One reading of a checkbox line finds whether it is a task and its
    /// date signifiers, as a look for each does.
    #[test]
    fn task_signs_as_is_task_and_a_decode_of_every_char() {
        let pieces = [
            "- [ ] ",
            "a",
            " ",
            "📅",
            "📆",
            "🗓\u{fe0f}",
            "⏳",
            "⌛",
            "✅",
            "❌",
            "➕",
            "🛫",
            "🔺",
            "–",
            "\r",
            "\u{2028}",
            "\u{2029}",
            "\u{2027}",
            "2025-01-02",
        ];
        let mut tasks = 0;
        for (n, a) in pieces.iter().enumerate() {
            for b in &pieces {
                for c in &pieces[n % 5..] {
                    let line = format!("- [ ] {a}{b}{c}");
                    let text = line.as_str();
                    let is_task = task::is_task(text);
                    let mut signs = TaskSigns::default();
                    let marks: Vec<(usize, char)> = match signs.read_line(0, text) {
                        Reading::Signs(s) => {
                            assert!(is_task, "{line:?}");
                            s.iter(text)
                                .filter(|s| s.field.is_date())
                                .map(|s| (s.at, text[s.at..].chars().next().unwrap()))
                                .collect()
                        }
                        _ => {
                            assert!(!is_task, "{line:?}");
                            continue;
                        }
                    };
                    tasks += 1;
                    let by_char: Vec<(usize, char)> = line
                        .char_indices()
                        .filter(|&(_, c)| {
                            task::Field::of_symbol(c).is_some_and(|(f, _)| f.is_date())
                        })
                        .collect();
                    assert_eq!(marks, by_char, "{line:?}");
                }
            }
        }
        assert!(tasks > 1000, "{tasks}");
    }

    /// The byte reading of a plain ISO date finds what the pattern finds.
    #[test]
    fn iso_like_reads_plain_dates_as_its_pattern() {
        let pieces = [
            "0", "1", "2", "9", "-", "٣", "T", " ", ":", "+", "Z", "a", ".",
        ];
        let mut seed = 7u64;
        for _ in 0..200_000 {
            let mut s = String::from("2025-09-16");
            // Change up to three bytes' worth of the date, or grow it.
            for _ in 0..(seed >> 62) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let piece = pieces[(seed >> 33) as usize % pieces.len()];
                let at = (seed >> 45) as usize % (s.len() + 1);
                if s.is_char_boundary(at) && seed >> 20 & 1 == 0 && at < s.len() {
                    let end = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                    s.replace_range(at..end, piece);
                } else if s.is_char_boundary(at) {
                    s.insert_str(at, piece);
                }
            }
            assert_eq!(iso_like(&s), iso_like_read(&s), "{s:?}");
        }
        assert!(iso_like("2025-09-16").is_some() && iso_like("2025-9-16").is_none());
    }

    fn places(text: &str, config: &Config) -> Vec<(String, Place)> {
        let note = Note::parse(text);
        collect(&note, config)
            .into_iter()
            .map(|s| (text[s.found.range.clone()].to_string(), s.place))
            .collect()
    }

    #[test]
    fn finds_each_place() {
        let text = "---\ndate: '2025-09-16'\ntitle: 16 September 2025\nnotes: |\n  16/09/2025\nseen:\n- 16/09/2025\ndue:\n  - 17/09/2025\n---\n**Date**: 16/09/2025\n- [ ] x 📅 16/09/2025 ⏳ Sep 17, 2025\nOn 18/09/2025 we met.\n`19/09/2025`\n";
        let got = places(text, &Config::default());
        let texts: Vec<_> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "2025-09-16",
                "17/09/2025",
                "16/09/2025",
                "16/09/2025",
                "Sep 17, 2025",
                "18/09/2025"
            ]
        );
        assert!(matches!(&got[0].1, Place::Frontmatter { quoted: true, .. }));
        assert!(matches!(
            &got[1].1,
            Place::Frontmatter { quoted: false, .. }
        ));
        assert_eq!(got[2].1, Place::Labelled);
        assert_eq!(got[3].1, Place::Task);
        assert_eq!(got[5].1, Place::Text);
    }

    /// The label words are looked for before the colons that could end a
    /// label, which a task status `[:]` is not.
    #[test]
    fn labels_behind_a_colon_status_and_after_a_value() {
        let c = Config::default();
        for text in [
            "- [:] Due: 16/09/2025\n",
            "> **Due**：16/09/2025\n",
            "Note 1: x, due: 16/09/2025\n",
        ] {
            let got = places(text, &c);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, Place::Labelled, "{text}");
        }
    }

    #[test]
    fn cjk_letters_are_alphanumeric() {
        for range in [
            0x3041..=0x3096,
            0x30A1..=0x30FA,
            0x4E00..=0x9FFF,
            0xAC00..=0xD7A3,
        ] {
            for c in range.filter_map(char::from_u32) {
                assert!(c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn colons() {
        for (line, first, last) in [
            ("a:b:c", Some(1), Some(3)),
            ("日付：x: y", Some(6), Some(10)),
            ("x: 日付：y", Some(1), Some(9)),
            ("（x）", None, None),
            ("none", None, None),
        ] {
            assert_eq!(first_colon(line), first, "{line}");
            assert_eq!(last_colon(line), last, "{line}");
        }
    }

    /// Every char whose lower case starts a label word starts with a byte
    /// the label words' first bytes allow.
    #[test]
    fn label_words_start_with_the_first_bytes() {
        let firsts: Vec<char> = LABEL_WORDS
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.to_lowercase().next().is_some_and(|l| firsts.contains(&l)) {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(LABEL_FIRST_BYTES[usize::from(lead)], "{c:?}");
            }
        }
    }

    /// The byte-wise reading of words agrees with splitting by character.
    #[test]
    fn label_words_read_as_characters_would() {
        let plain = |line: &str| {
            line.split(|c: char| !c.is_alphanumeric())
                .any(|word| word.len() <= 40 && LABEL_WORDS.contains(&word.to_lowercase().as_str()))
        };
        let pieces = [
            "Date",
            "DUE",
            "due",
            "dates",
            "start",
            "Fällig",
            "FÄLLIG",
            "échéance",
            "日付",
            "дата",
            "Дата",
            "data",
            "datum",
            "x",
            "up",
            "dated",
            "é",
            " ",
            ":",
            "-",
            "—",
            "：",
            "1",
            "_",
            "\u{212a}",
            "ß",
            "\u{301}",
            "İ",
            "termin",
            "Termine",
            "×",
            "कमांड",
            "ก",
            "Éa",
            "ДАТА",
            "日付け",
        ];
        let mut seed = 11u64;
        for _ in 0..100_000 {
            let mut line = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 61) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(has_label_word(&line), plain(&line), "{line:?}");
        }
    }

    /// Every label the line's reading finds, first or after a separator,
    /// has a label word in the stretch before one of the colons.
    #[test]
    fn label_words_found_before_the_colons() {
        let c = Config::default();
        let pieces = [
            "Due",
            "date",
            "Start",
            "**",
            "__",
            "*",
            "_",
            ":",
            "::",
            "：",
            " ",
            "\t",
            ", ",
            "; ",
            "| ",
            "https://x.org/",
            "(",
            ")",
            "[",
            "]",
            "x",
            "16/09/2025",
            "’",
            "'",
            "-",
            "- [ ] ",
            "> ",
            "é",
            "日付",
            "Дата",
            ".",
            "1",
        ];
        let mut seed = 5u64;
        let mut found = 0;
        for _ in 0..200_000 {
            let mut line = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let Some(last) = last_colon(&line) else {
                continue;
            };
            let labelled =
                labelled_value(&line, &c).is_some() || next_label(&line, 0, &[], &c).is_some();
            found += usize::from(labelled);
            assert!(
                !labelled || label_word_before_colon(&line, last, true),
                "{line:?}"
            );
            assert!(
                !label_word_before_colon(&line, last, true) || has_label_word(&line[..last]),
                "{line:?}"
            );
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn labels() {
        let c = Config::default();
        for (line, yes) in [
            ("**Date**: x", true),
            ("**Date:** x", true),
            ("Date: x", true),
            ("- Due date: x", true),
            ("due:: x", true),
            ("> **Created**: x", true),
            ("Datum: x", true),
            ("**日付**：x", true),
            ("- [:] Due: x", true),
            ("**Date*: x", false),
            ("Note: x", false),
            ("The meeting is on a date I forgot and: x", false),
        ] {
            assert_eq!(labelled_value(line, &c).is_some(), yes, "{line}");
        }
        let c = Config {
            date_keys: vec!["Reviewed on".into()],
            ..Config::default()
        };
        assert!(labelled_value("Reviewed on: x", &c).is_some());
        // A label is a letter and at most forty more chars.
        for (len, yes) in [(41, true), (42, false)] {
            let key = "k".repeat(len);
            let c = Config {
                date_keys: vec![key.clone()],
                ..Config::default()
            };
            assert_eq!(
                labelled_value(&format!("{key}: x"), &c).is_some(),
                yes,
                "{len}"
            );
        }
    }
}
