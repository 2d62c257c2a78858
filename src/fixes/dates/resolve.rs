//! Deciding what each date becomes: its one reading, or the reading the
//! evidence settles (settings, the note's other dates, the vault), written
//! in the place's format, or a diagnostic saying why it stays.

use super::format::{hh_mm, Format};
use super::grammar::{Found, Order, Reading, Shape, Ymd};
use super::names::{ENGLISH_MONTHS, ENGLISH_WEEKDAYS};
use super::sites::{iso_like, Place, Site};
use crate::config::{Config, DateOrder};
use crate::note::Note;
use std::ops::Range;

/// The note's own evidence for the order of its numeric dates: where the
/// first date that reads only day first, and the first that reads only
/// month first, are written (the messages quote them; most notes never
/// show one, so their text and line are found only for a message).
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    day_first: Option<Range<usize>>,
    month_first: Option<Range<usize>>,
}

impl Evidence {
    /// Gathers evidence from `sites` (every date of `note`, running text
    /// included).
    pub fn of(sites: &[Site]) -> Evidence {
        let mut evidence = Evidence::default();
        for site in sites {
            let first = match one_way_order(site) {
                Some(Order::DayFirst) => &mut evidence.day_first,
                Some(Order::MonthFirst) => &mut evidence.month_first,
                None => continue,
            };
            first.get_or_insert_with(|| site.found.core.clone());
        }
        evidence
    }

    /// Whether the note has dates that can only be read day first and
    /// others that can only be read month first.
    pub fn conflicts(&self) -> bool {
        self.day_first.is_some() && self.month_first.is_some()
    }
}

/// The order a numeric date can only be read in, if only one: what counts
/// as evidence, in the note and in the vault.
pub fn one_way_order(site: &Site) -> Option<Order> {
    if !matches!(site.found.shape, Shape::Numeric { .. }) {
        return None;
    }
    match site.found.shape.reading() {
        Reading::One(_, order) => order,
        _ => None,
    }
}

/// What to do with one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Replace `range` with `replacement`; [`Resolver::message`] says why.
    Write {
        /// Byte range in the note.
        range: Range<usize>,
        /// The new text.
        replacement: String,
        /// How the date's reading was chosen.
        basis: Basis,
    },
    /// Already right, or not ours to judge: nothing to say.
    Leave,
    /// Already written in the target format, which reads on to the end of
    /// `span` (a trailing weekday, say, that the date grammar does not take
    /// in): no other date starts inside it.
    Written {
        /// Byte range in the note of the date as written.
        span: Range<usize>,
    },
    /// Left as written, with the reason.
    Report(String),
}

/// How a rewritten date's reading was chosen, for its message: kept
/// unwritten until the date is rewritten (a note that keeps its evidence
/// rewrites none of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Nothing to say: one reading, or the one the format reads.
    Plain,
    /// Only this order gives a real date: the other number is no month.
    Only(Order, u32),
    /// Said in full.
    Said(String),
    /// The whole message (a value that only loses its quotes).
    Message(String),
}

/// Decides dates for one note.
pub struct Resolver<'a> {
    /// The note.
    pub note: &'a Note<'a>,
    /// The settings.
    pub config: &'a Config,
    /// The note's evidence.
    pub evidence: Evidence,
    /// The format for labelled lines and running text.
    pub text_format: &'a Format,
    /// `YYYY-MM-DD`, for frontmatter and Tasks signifiers.
    pub iso: &'a Format,
}

fn long(d: Ymd) -> String {
    format!(
        "{} {} {}",
        d.day,
        ENGLISH_MONTHS[d.month as usize - 1],
        d.year
    )
}

fn weekday_name(w: u32) -> &'static str {
    ENGLISH_WEEKDAYS[(w.clamp(1, 7) - 1) as usize]
}

fn iso_text(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

impl Resolver<'_> {
    /// Whether the note's own evidence points both ways (and no setting
    /// decides instead).
    pub fn evidence_conflicts(&self) -> bool {
        self.config.date_order == DateOrder::Auto && self.evidence.conflicts()
    }

    /// What `site` becomes.
    pub fn decide(&self, site: &Site) -> Decision {
        let found = &site.found;
        let text = &self.note.text[found.range.clone()];
        let core_text = &self.note.text[found.core.clone()];
        let format = match site.place {
            Place::Frontmatter { .. } | Place::Task => self.iso,
            Place::Labelled | Place::Cell { .. } | Place::Text => self.text_format,
        };
        if let Place::Frontmatter { value, quoted, .. } = &site.place {
            if iso_like(text).is_some() {
                return self.unquote(found, text, value, *quoted);
            }
        } else if found.iso_datetime && iso_like(core_text).is_some() {
            // `2025-09-16T14:30` is a standard form already.
            return Decision::Leave;
        }
        // A date alone (no weekday, no time) in the plain ISO format, which
        // it reads: rendering it would write the same ten bytes. Most dates
        // of a settled note are these.
        if found.range == found.core
            && found.weekday.is_none()
            && found.time.is_none()
            && !matches!(site.place, Place::Frontmatter { .. })
            && format.is_plain_iso()
            && format.read(core_text).is_some()
        {
            return Decision::Written {
                span: found.range.clone(),
            };
        }
        // Text the target format could have written stays as it reads there.
        let date_text = &self.note.text[found.range.start..found.core.end];
        let as_written = format.read(date_text).or_else(|| format.read(core_text));
        let (date, basis) = match (as_written, found.shape.reading()) {
            (Some(d), _) => {
                if let Some(report) = self.weekday_conflict(found, text, &[d]) {
                    return report;
                }
                (d, Basis::Plain)
            }
            (None, Reading::Impossible(why)) => {
                return Decision::Report(format!(
                    "date `{text}` is not a real date ({why}); left as written"
                ));
            }
            (None, Reading::One(d, only)) => {
                if let Some(report) = self.weekday_conflict(found, text, &[d]) {
                    return report;
                }
                let basis = match (only, found.shape) {
                    (Some(Order::DayFirst), Shape::Numeric { first, .. }) => {
                        Basis::Only(Order::DayFirst, first)
                    }
                    (Some(Order::MonthFirst), Shape::Numeric { second, .. }) => {
                        Basis::Only(Order::MonthFirst, second)
                    }
                    _ => Basis::Plain,
                };
                (d, basis)
            }
            (
                None,
                Reading::Two {
                    day_first,
                    month_first,
                },
            ) => match self.settle(found, text, day_first, month_first) {
                Ok((date, basis)) => (date, Basis::Said(basis)),
                Err(report) => return Decision::Report(report),
            },
        };
        let (range, replacement) = match &site.place {
            Place::Frontmatter { value, .. } => {
                let mut out = iso_text(date);
                if let Some(t) = found.time {
                    out.push('T');
                    out.push_str(&hh_mm(t));
                }
                (value.clone(), out)
            }
            _ => {
                // Take in literal text the format writes around the date when
                // it is already there, so `on 2025-09-16` is not written as
                // `on on 2025-09-16` by `[on] YYYY-MM-DD`.
                let mut range = found.range.clone();
                let prefix = format.prefix();
                if !prefix.is_empty() && self.note.text[..range.start].ends_with(prefix) {
                    range.start -= prefix.len();
                }
                let suffix = format.suffix(found.time.is_some());
                if !suffix.is_empty() && self.note.text[range.end..].starts_with(suffix) {
                    range.end += suffix.len();
                }
                (range, format.render(date, found.time))
            }
        };
        // Already written so: the text from here reads as the replacement
        // (which may run past the date, e.g. a trailing weekday the date
        // grammar does not take in).
        if replacement.len() >= range.len()
            && self.note.text[range.start..].starts_with(&replacement)
        {
            return Decision::Written {
                span: range.start..range.start + replacement.len(),
            };
        }
        Decision::Write {
            range,
            replacement,
            basis,
        }
    }

    /// Why `site` is rewritten as `replacement`, chosen by `basis`.
    pub fn message(&self, site: &Site, basis: Basis, replacement: &str) -> String {
        let text = &self.note.text[site.found.range.clone()];
        let place = match site.place {
            Place::Frontmatter { .. } => " (a plain YAML date, as Obsidian properties read it)",
            Place::Task => " (Obsidian Tasks reads only YYYY-MM-DD)",
            _ => "",
        };
        match basis {
            Basis::Plain => format!("date `{text}` written as {replacement}{place}"),
            Basis::Only(order, n) => format!(
                "date `{text}` ({}: {n} is no month) written as {replacement}{place}",
                order.describe()
            ),
            Basis::Said(basis) => {
                format!("date `{text}`{basis} written as {replacement}{place}")
            }
            Basis::Message(message) => message,
        }
    }

    /// A frontmatter value already in ISO form: only its quotes go.
    fn unquote(&self, found: &Found, text: &str, value: &Range<usize>, quoted: bool) -> Decision {
        if let Reading::Impossible(why) = found.shape.reading() {
            return Decision::Report(format!(
                "date `{text}` is not a real date ({why}); left as written"
            ));
        }
        if !quoted {
            return Decision::Leave;
        }
        let written = &self.note.text[value.clone()];
        // Say what the value is: a date, a date and time, or one with a zone.
        let message = match text.get(10..).filter(|t| !t.is_empty()) {
            None => format!(
                "date `{written}` unquoted: a plain YAML date, as Obsidian properties read it, instead of a string"
            ),
            Some(time) => match time.rfind(['+', '-', 'Z']) {
                Some(at) => format!(
                    "date and time `{written}` unquoted, its time-zone offset `{}` kept: no longer a quoted string",
                    &time[at..]
                ),
                None => format!(
                    "date and time `{written}` unquoted: no longer a quoted string"
                ),
            },
        };
        Decision::Write {
            range: value.clone(),
            replacement: text.to_string(),
            basis: Basis::Message(message),
        }
    }

    fn weekday_conflict(&self, found: &Found, text: &str, dates: &[Ymd]) -> Option<Decision> {
        let w = found.weekday?;
        if dates.iter().any(|d| d.weekday() == w) {
            return None;
        }
        let actual: Vec<String> = dates
            .iter()
            .map(|d| format!("{} is a {}", long(*d), weekday_name(d.weekday())))
            .collect();
        Some(Decision::Report(format!(
            "date `{text}` says {} but {}; left as written",
            weekday_name(w),
            actual.join(" and ")
        )))
    }

    /// Settles an ambiguous numeric date, or says why it cannot.
    fn settle(&self, found: &Found, text: &str, df: Ymd, mf: Ymd) -> Result<(Ymd, String), String> {
        if let Some(w) = found.weekday {
            match (df.weekday() == w, mf.weekday() == w) {
                (true, false) => {
                    return Ok((
                        df,
                        format!(" (day first: only {} is a {})", long(df), weekday_name(w)),
                    ))
                }
                (false, true) => {
                    return Ok((
                        mf,
                        format!(" (month first: only {} is a {})", long(mf), weekday_name(w)),
                    ))
                }
                (false, false) => {
                    if let Some(Decision::Report(r)) = self.weekday_conflict(found, text, &[df, mf])
                    {
                        return Err(r);
                    }
                }
                (true, true) => {}
            }
        }
        let pick = |order: Order| match order {
            Order::DayFirst => df,
            Order::MonthFirst => mf,
        };
        match self.config.date_order {
            DateOrder::Dmy => {
                return Ok((df, " (day first, as the `dateOrder` setting says)".into()))
            }
            DateOrder::Mdy => {
                return Ok((mf, " (month first, as the `dateOrder` setting says)".into()))
            }
            DateOrder::Auto => {}
        }
        let ev = &self.evidence;
        let text_of = |r: &Range<usize>| &self.note.text[r.clone()];
        let line_of = |r: &Range<usize>| self.note.line_of(r.start);
        match (&ev.day_first, &ev.month_first) {
            (Some(d), Some(m)) => {
                return Err(format!(
                    "date `{text}` could be {} (day first) or {} (month first), and this note writes dates both ways (`{}` on line {}, `{}` on line {}); left as written",
                    long(df),
                    long(mf),
                    text_of(d),
                    line_of(d),
                    text_of(m),
                    line_of(m)
                ))
            }
            (Some(s), None) | (None, Some(s)) => {
                let order = if ev.day_first.is_none() {
                    Order::MonthFirst
                } else {
                    Order::DayFirst
                };
                return Ok((
                    pick(order),
                    format!(
                        " ({}, settled by `{}` on line {})",
                        order.describe(),
                        text_of(s),
                        line_of(s)
                    ),
                ));
            }
            (None, None) => {}
        }
        match self.config.vault.date_order {
            Some(DateOrder::Dmy) => {
                return Ok((
                    df,
                    " (day first, the order most dates of this vault use)".into(),
                ))
            }
            Some(DateOrder::Mdy) => {
                return Ok((
                    mf,
                    " (month first, the order most dates of this vault use)".into(),
                ))
            }
            _ => {}
        }
        Err(format!(
            "date `{text}` could be {} (day first) or {} (month first), and nothing settles it: no date in this note can be read only one way and no `dateOrder` is set; left as written",
            long(df),
            long(mf)
        ))
    }
}
