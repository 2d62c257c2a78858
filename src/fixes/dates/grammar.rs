//! The date grammar: finds dates as people write them and says how each can
//! be read.
//!
//! Forms: ISO (`2025-09-16`, `2025/09/16`, `2025.09.16`); numeric day-month
//! or month-day with `/`, `.` or `-` and a two- or four-digit year
//! (`16/09/2025`, `9-16-25`); a month name or abbreviation in one of the
//! languages of [`super::names`] (`16 sept. 2025`, `16. September 2025`,
//! `Sep 16, 2025`, `September 16th, 2025`, `16 de septiembre de 2025`,
//! `16 сентября 2025 г.`), also with a two-digit year, which the month name
//! leaves no doubt about (`16-Sep-25`, `16 Sep 25`, `Sep 16, '25`; 00–68 →
//! 20xx, 69–99 → 19xx, as moment.js reads `YY`); CJK (`2025年9月16日`, `2025년 9월 16일`). Any of
//! them may start with a weekday (`Tue, 16 Sep 2025`) and end with a time
//! (`14:30`, `2:30 pm`, `14h30`, `T14:30`).
//!
//! The grammar only reads; it never decides an ambiguous order (see
//! [`Shape::reading`] and the resolution in `super::resolve`).

use super::names;
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::OnceLock;

/// A real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    /// The year, e.g. 2025.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

impl Ymd {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Ymd { year, month, day })
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // Days since 1970-01-01 (a Thursday), after Howard Hinnant's
        // `days_from_civil`.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        ((days + 3).rem_euclid(7) + 1) as u32
    }
}

/// Days in `month` of `year` (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A time of day written after a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59; kept in the output only when not zero.
    pub second: u32,
}

/// The numbers of a date as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Year first, a month name, or CJK: one reading (which may not exist).
    Fixed {
        /// The year.
        year: i32,
        /// The month as written (may be out of range).
        month: u32,
        /// The day as written (may be out of range).
        day: u32,
    },
    /// `first/second/year`: day-month or month-day.
    Numeric {
        /// The first number.
        first: u32,
        /// The second number.
        second: u32,
        /// The year (two-digit years expanded as moment.js does: 69–99 →
        /// 19xx, 00–68 → 20xx).
        year: i32,
    },
}

/// Which number of a numeric date is the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// `16/09/2025`.
    DayFirst,
    /// `09/16/2025`.
    MonthFirst,
}

impl Order {
    /// "day first" / "month first".
    pub fn describe(self) -> &'static str {
        match self {
            Order::DayFirst => "day first",
            Order::MonthFirst => "month first",
        }
    }
}

/// What a written date can mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Exactly one date. For a numeric date, `Some(order)` when only that
    /// order gives a real date (evidence for the note's order); `None` when
    /// the form fixes the reading or both orders agree (`05/05/2025`).
    One(Ymd, Option<Order>),
    /// Both orders give a real, different date.
    Two {
        /// Read day first.
        day_first: Ymd,
        /// Read month first.
        month_first: Ymd,
    },
    /// No real date; why.
    Impossible(String),
}

impl Shape {
    /// How this shape can be read.
    pub fn reading(&self) -> Reading {
        match *self {
            Shape::Fixed { year, month, day } => match Ymd::new(year, month, day) {
                Some(d) => Reading::One(d, None),
                None => Reading::Impossible(why_impossible(year, month, day)),
            },
            Shape::Numeric {
                first,
                second,
                year,
            } => {
                let dmy = Ymd::new(year, second, first);
                let mdy = Ymd::new(year, first, second);
                match (dmy, mdy) {
                    (Some(d), Some(m)) if d == m => Reading::One(d, None),
                    (Some(d), Some(m)) => Reading::Two {
                        day_first: d,
                        month_first: m,
                    },
                    (Some(d), None) => Reading::One(d, Some(Order::DayFirst)),
                    (None, Some(m)) => Reading::One(m, Some(Order::MonthFirst)),
                    (None, None) => {
                        let (a, b) = if first <= 12 {
                            (second, first)
                        } else {
                            (first, second)
                        };
                        Reading::Impossible(format!(
                            "neither day-month nor month-day is a real date ({})",
                            why_impossible(year, b, a)
                        ))
                    }
                }
            }
        }
    }
}

fn why_impossible(year: i32, month: u32, day: u32) -> String {
    if !(1..=12).contains(&month) {
        format!("there is no month {month}")
    } else if day == 0 {
        "there is no day 0".to_string()
    } else {
        let name = names::ENGLISH_MONTHS[month as usize - 1];
        format!("{name} {year} has {} days", days_in_month(year, month))
    }
}

/// A date found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte range of everything read: weekday, date and time.
    pub range: Range<usize>,
    /// Byte range of the date alone.
    pub core: Range<usize>,
    /// The numbers.
    pub shape: Shape,
    /// The weekday written with it (1 = Monday).
    pub weekday: Option<u32>,
    /// The time written after it.
    pub time: Option<Time>,
    /// Written as an ISO 8601 date-time (`2025-09-16T14:30`): a standard
    /// form, left as it is.
    pub iso_datetime: bool,
}

/// How strict the grammar is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A value known to hold a date (a date key, a labelled line, a Tasks
    /// signifier): every form.
    Value,
    /// Running text: no two-digit years except with `/` (`1.2.25` is a
    /// version far more often than a date), nothing after a word such as
    /// `version` or `v`.
    Text,
}

/// What to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Strictness.
    pub mode: Mode,
    /// Also read a time after the date.
    pub time: bool,
}

struct Patterns {
    iso: Regex,
    cjk: Regex,
    numeric: Regex,
    named_dmy: Regex,
    named_mdy: Regex,
    weekday: Regex,
    time: Regex,
    zone: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // `[0-9]`, not `\d`: only ASCII digits are read as numbers, and
        // each Unicode `\d` in a repeat compiles into every script's digits.
        let re = |s: &str| Regex::new(s).expect("date grammar pattern");
        Patterns {
            iso: re(r"^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})"),
            cjk: re(r"^([0-9]{4})[ \t]*[年년][ \t]*([0-9]{1,2})[ \t]*[月월][ \t]*([0-9]{1,2})[ \t]*[日일]"),
            numeric: re(r"^([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4}|[0-9]{2})"),
            named_dmy: re(concat!(
                r"^([0-9]{1,2})(?:st|nd|rd|th|er|º|ª)?\.?",
                r"(?:[ \t]+(?:of|de)[ \t]+|[ \t]*-[ \t]*|[ \t]+)",
                r"([^\W\d_]+)(\.)?",
                r"(?:,?[ \t]+(?:(?:de|del)[ \t]+)?|[ \t]*-[ \t]*)",
                r"([0-9]{4}|['’]?[0-9]{2})(?:[ \t]*(?:г\.|года|р\.|року|r\.))?",
            )),
            named_mdy: re(concat!(
                r"^([^\W\d_]+)(\.)?[ \t]+([0-9]{1,2})(?:st|nd|rd|th)?(?:,[ \t]*|[ \t]+)",
                r"([0-9]{4}|['’]?[0-9]{2})",
            )),
            weekday: re(r"^([^\W\d_](?:[^\W\d_]|['ʼ-])*)(\.)?(,)?[ \t]+"),
            time: re(concat!(
                r"^(?:(T)|[ \t]*,?[ \t]+(?:(?:at|um|à|a las|alle|om|saat|kl\.?|klo|o|в)[ \t]+)?|[ \t]+@[ \t]*)",
                r"([0-9]{1,2})(?::([0-9]{2})(?::([0-9]{2}))?|h([0-9]{2})|\.([0-9]{2})[ \t]*Uhr)",
                r"(?:[ \t]*([AaPp])\.?[Mm]\.?)?(?:[ \t]*Uhr)?",
            )),
            zone: re(r"^(?:Z\b|[+-][0-9]{2}:?[0-9]{2}|[ \t]*(?:[A-Z]{3,5}\b|[+-][0-9]{2}:?[0-9]{2}))"),
        }
    })
}

fn num(caps: &Captures, i: usize) -> u32 {
    caps.get(i)
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or(0)
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    match s.len() {
        4 if y >= 1000 => Some(y),
        2 => Some(if y > 68 { 1900 + y } else { 2000 + y }),
        _ => None,
    }
}

/// The year of a date with a month name: four digits, or two, which the
/// month name leaves no doubt about (`16-Sep-25`, `Sep 16, '25`), read as
/// [`year_of`] reads them. In running text a bare two-digit year may be a
/// count (`16 Sep 25 people`), so there it needs its apostrophe or the
/// hyphens of `16-Sep-25`.
fn named_year(s: &str, mode: Mode, hyphens: bool) -> Option<i32> {
    let digits = s.trim_start_matches(['\'', '’']);
    let marked = digits.len() < s.len();
    if digits.len() == 2 && mode == Mode::Text && !marked && !hyphens {
        return None;
    }
    year_of(digits)
}

/// CJK scripts write dates and words without spaces between them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3000..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// A letter outside CJK. ASCII is answered first, and CJK before the
/// Unicode tables, which CJK text would otherwise consult for every
/// ideograph.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !is_cjk(c) && is_alphabetic(c)
    }
}

/// `c.is_alphabetic()`, answered without the Unicode tables for the Latin
/// and Cyrillic letters most notes outside English are written in (the
/// scan asks it of every such char of a line with a digit).
fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x400..=0x481 | 0x48A..=0x52F => true,
        _ => crate::fixes::mojibake::class::is_alphabetic(c),
    }
}

/// `c.is_alphanumeric()`, answered without the Unicode tables for the
/// chars that stand before most dates and in most label words: ASCII,
/// Latin and Cyrillic letters, the ideographs, kana and Hangul syllables CJK
/// notes are made of, and the technical symbols and emoji of Tasks lines.
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x2300..=0x23FF | 0x1F300..=0x1FAFF => false,
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        _ => is_alphabetic(c) || crate::fixes::mojibake::class::is_numeric(c),
    }
}

/// A letter or digit outside CJK, answered as [`is_letter`] is.
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_cjk(c) && c.is_alphanumeric()
    }
}

fn word_char(c: char) -> bool {
    c == '_' || is_letter_or_digit(c)
}

/// May a date start at byte `at` of `s`, given what comes before it?
pub fn start_ok(s: &str, at: usize) -> bool {
    // Asked at every word of a line with a digit: an ASCII byte before `at`
    // is the char before it, answered without decoding backwards.
    let b = s.as_bytes();
    if let Some(&p) = at
        .checked_sub(1)
        .and_then(|i| b.get(i))
        .filter(|p| p.is_ascii())
    {
        return match p {
            _ if p == b'_' || p.is_ascii_alphanumeric() => false,
            b'.' | b'/' | b'\\' | b'-' | b'+' | b'#' | b'@' | b'$' | b'%' | b'&' | b'=' | b'~'
            | b'^' | b'\'' => false,
            b':' | b',' => !at
                .checked_sub(2)
                .and_then(|i| b.get(i))
                .is_some_and(u8::is_ascii_digit),
            _ => true,
        };
    }
    let mut before = s[..at].chars().rev();
    match before.next() {
        None => true,
        Some(p) if word_char(p) => false,
        Some(
            '.' | '/' | '\\' | '-' | '+' | '#' | '@' | '$' | '%' | '&' | '=' | '~' | '^' | '\''
            | '’',
        ) => false,
        Some(':' | ',') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// May a date end at byte `end` of `s`, given what follows it?
fn end_ok(s: &str, end: usize) -> bool {
    // A blank after the date, as after nearly every Tasks date: no char
    // to decode.
    if matches!(s.as_bytes().get(end), Some(b' ' | b'\t')) {
        return true;
    }
    let mut after = s[end..].chars();
    match after.next() {
        None => true,
        Some(c) if word_char(c) => false,
        Some('.' | '-' | '/' | ':' | '+' | '\\' | ',' | '\'' | '’') => {
            !after.next().is_some_and(is_letter_or_digit)
        }
        Some(_) => true,
    }
}

const VERSION_WORDS: &[&str] = &[
    "v",
    "ver",
    "version",
    "versions",
    "release",
    "build",
    "rev",
    "revision",
    "versión",
    "versão",
    "versione",
    "versie",
    "sürüm",
    "wersja",
    "verze",
    "версия",
    "версія",
];

/// The most bytes a word of [`VERSION_WORDS`] takes.
const LONGEST_VERSION_WORD: usize = {
    let mut i = 0;
    let mut max = 0;
    while i < VERSION_WORDS.len() {
        if VERSION_WORDS[i].len() > max {
            max = VERSION_WORDS[i].len();
        }
        i += 1;
    }
    max
};

/// The word just before `at` (skipping spaces) names a version.
fn after_version_word(s: &str, at: usize) -> bool {
    let head = s[..at].trim_end_matches([' ', '\t']);
    // Most dates follow punctuation or a space after a longer word: an
    // ASCII byte that is no letter or digit ends no word.
    if head
        .as_bytes()
        .last()
        .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
    {
        return false;
    }
    // A word longer than the longest version word is none of them.
    let mut word_start = head.len();
    for (i, c) in head.char_indices().rev() {
        if !is_alphanumeric(c) {
            break;
        }
        if head.len() - i > LONGEST_VERSION_WORD {
            return false;
        }
        word_start = i;
    }
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    // Checked for every candidate date: an ASCII word is compared without
    // lower-casing it into a new string.
    if word.is_ascii() {
        return VERSION_WORDS.iter().any(|v| v.eq_ignore_ascii_case(word));
    }
    VERSION_WORDS.contains(&word.to_lowercase().as_str())
}

/// Reads a date starting exactly at byte `at` of `s` (the caller checks what
/// precedes it). `None` when no date starts there.
pub fn parse_at(s: &str, at: usize, opts: Options) -> Option<Found> {
    if opts.mode == Mode::Text && after_version_word(s, at) {
        return None;
    }
    // Most values (every settled Tasks signifier) are a `YYYY-MM-DD`
    // without a time: read as the year-first form reads it, before the
    // weekday and the patterns are looked at (a digit starts no weekday).
    if !opts.time {
        if let Some(shape) = plain_iso(&s[at..]) {
            let core = at..at + 10;
            return end_ok(s, core.end).then(|| Found {
                range: core.clone(),
                core,
                shape,
                weekday: None,
                time: None,
                iso_datetime: false,
            });
        }
    }
    let p = patterns();
    // A weekday starts with a letter: most candidates start with a digit, and
    // an ASCII digit or sign can never start one, so skip the regex for them.
    let weekday_first = s[at..]
        .bytes()
        .next()
        .is_some_and(|b| !b.is_ascii() || b.is_ascii_alphabetic());
    if let Some(caps) = weekday_first
        .then(|| p.weekday.captures(&s[at..]))
        .flatten()
    {
        let word = caps.get(1).map_or("", |m| m.as_str());
        let marked = caps.get(2).is_some() || caps.get(3).is_some();
        if let Some(wd) = names::weekday(word).filter(|_| marked || word.chars().count() > 2) {
            let after = at + caps.get(0).map_or(0, |m| m.end());
            if let Some(mut found) = core_at(s, after, opts) {
                found.weekday = Some(wd);
                found.range.start = at;
                return Some(found);
            }
        }
    }
    core_at(s, at, opts)
}

/// Reads a date filling all of `s` (surrounding spaces aside).
pub fn parse_exact(s: &str, opts: Options) -> Option<Found> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start >= end {
        return None;
    }
    parse_at(&s[..end], start, opts).filter(|f| f.range.end == end)
}

fn core_at(s: &str, at: usize, opts: Options) -> Option<Found> {
    let p = patterns();
    let rest = &s[at..];
    let first = rest.chars().next()?;
    let mut cjk = false;
    let (len, shape) = if let Some(shape) = plain_iso(rest) {
        (10, shape)
    } else if first.is_ascii_digit() {
        // Every numeric form starts with one, two or four digits and then a
        // fixed kind of byte; checking that first keeps the regexes for the
        // few places that can match (the regexes still decide). After a
        // non-ASCII byte (`\d` also takes other scripts' digits) every form
        // is tried, as before.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let next = rest.as_bytes().get(digits).copied();
        let unknown = next.is_some_and(|b| !b.is_ascii());
        let year_first = unknown || digits == 4;
        let day_first = unknown || digits == 1 || digits == 2;
        let separator = unknown || matches!(next, Some(b'-' | b'/' | b'.'));
        let cjk_next = unknown || matches!(next, Some(b' ' | b'\t'));
        let named_next = unknown
            || matches!(
                next,
                Some(b's' | b'n' | b'r' | b't' | b'e' | b'.' | b' ' | b'\t' | b'-')
            );
        if let Some(c) = (year_first && cjk_next)
            .then(|| p.cjk.captures(rest))
            .flatten()
        {
            cjk = true;
            (c[0].len(), fixed(year_of(&c[1])?, num(&c, 2), num(&c, 3)))
        } else if let Some(c) = (year_first && separator)
            .then(|| Triple::read(rest, 4, YEAR_FIRST, &p.iso))
            .flatten()
            .filter(Triple::same_separators)
        {
            let [y, m, d] = c.parts(rest);
            (c.len, fixed(year_of(y)?, number(m), number(d)))
        } else if let Some(c) = (day_first && separator)
            .then(|| Triple::read(rest, digits, YEAR_LAST, &p.numeric))
            .flatten()
            .filter(Triple::same_separators)
        {
            let [first, second, year] = c.parts(rest);
            if opts.mode == Mode::Text && year.len() == 2 && c.separators[0] != b'/' {
                return None;
            }
            let year = year_of(year)?;
            (
                c.len,
                Shape::Numeric {
                    first: number(first),
                    second: number(second),
                    year,
                },
            )
        } else if let Some(c) = (day_first && named_next)
            .then(|| p.named_dmy.captures(rest))
            .flatten()
        {
            let month = names::month(&c[2])?;
            // Only the separators of `16-Sep-25` can hold a hyphen.
            let hyphens = c[0].bytes().filter(|&b| b == b'-').count() == 2;
            let year = named_year(&c[4], opts.mode, hyphens)?;
            (c[0].len(), fixed(year, month, num(&c, 1)))
        } else {
            return None;
        }
    } else if first.is_alphabetic() {
        let c = p.named_mdy.captures(rest)?;
        let month = names::month(&c[1])?;
        (
            c[0].len(),
            fixed(named_year(&c[4], opts.mode, false)?, month, num(&c, 3)),
        )
    } else {
        return None;
    };
    let core = at..at + len;
    let mut found = Found {
        range: core.clone(),
        core: core.clone(),
        shape,
        weekday: None,
        time: None,
        iso_datetime: false,
    };
    if opts.time {
        if let Some((end, time, t_sep)) = time_at(s, core.end) {
            found.range.end = end;
            found.time = Some(time);
            found.iso_datetime = t_sep;
            return Some(found);
        }
    }
    // CJK text runs on without spaces: `2025年9月16日に`.
    (cjk || end_ok(s, core.end)).then_some(found)
}

/// The numbers of the `YYYY-MM-DD` (four, two and two ASCII digits
/// between dashes) that `b` starts with, read by their bytes: the one
/// reading of that form's digits, for the grammar, the format that writes
/// it and Tasks' date fields.
pub(crate) fn iso_numbers(b: &[u8]) -> Option<(u32, u32, u32)> {
    let b = b.get(..10)?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    Some((number(0..4)?, number(5..7)?, number(8..10)?))
}

/// The shape of the `YYYY-MM-DD` date (a year from 1000) that `rest`
/// starts with: what the year-first form reads there, read without its
/// general steps, as it is most dates of most notes.
fn plain_iso(rest: &str) -> Option<Shape> {
    let (year, month, day) = iso_numbers(rest.as_bytes())?;
    let year = i32::try_from(year).ok().filter(|&y| y >= 1000)?;
    Some(fixed(year, month, day))
}

/// The numbers of `YYYY-M-D` or `D-M-YYYY` with their two separators: what
/// the `iso` and `numeric` patterns capture.
struct Triple {
    len: usize,
    numbers: [Range<usize>; 3],
    separators: [u8; 2],
}

/// How many digits each number of a [`Triple`] takes, the longest first:
/// `\d{4}`, `\d{1,2}`, `\d{1,2}` and `\d{1,2}`, `\d{1,2}`, `\d{4}|\d{2}`.
type Widths = [&'static [usize]; 3];
const YEAR_FIRST: Widths = [&[4], &[2, 1], &[2, 1]];
const YEAR_LAST: Widths = [&[2, 1], &[2, 1], &[4, 2]];

impl Triple {
    /// Reads a numeric date whose first number (`first_len` ASCII digits,
    /// checked by the caller) starts `rest`. Every date found is read this
    /// way, so ASCII text is read by hand, taking each number's widths in
    /// the order the pattern tries them; when a non-ASCII byte stands where
    /// a digit could (`\d` takes other scripts' digits too) `pattern`
    /// decides, as it did for everything before.
    fn read(rest: &str, first_len: usize, widths: Widths, pattern: &Regex) -> Option<Triple> {
        match Triple::read_ascii(rest.as_bytes(), first_len, widths) {
            Ok(triple) => triple,
            Err(NotAscii) => Triple::from_captures(&pattern.captures(rest)?),
        }
    }

    fn read_ascii(b: &[u8], first_len: usize, widths: Widths) -> Result<Option<Triple>, NotAscii> {
        let sep1 = first_len;
        match b.get(sep1) {
            Some(c) if !c.is_ascii() => return Err(NotAscii),
            Some(b'-' | b'/' | b'.') if widths[0].contains(&first_len) => {}
            _ => return Ok(None),
        }
        let Some(second) = ascii_number(b, sep1 + 1, widths[1])? else {
            return Ok(None);
        };
        let sep2 = second.end;
        if !matches!(b.get(sep2), Some(b'-' | b'/' | b'.')) {
            return Ok(None);
        }
        let Some(third) = ascii_number(b, sep2 + 1, widths[2])? else {
            return Ok(None);
        };
        Ok(Some(Triple {
            len: third.end,
            numbers: [0..first_len, second, third],
            separators: [b[sep1], b[sep2]],
        }))
    }

    fn from_captures(c: &Captures) -> Option<Triple> {
        let range = |i: usize| c.get(i).map(|m| m.range());
        let sep = |i: usize| c.get(i).and_then(|m| m.as_str().bytes().next());
        Some(Triple {
            len: c.get(0)?.end(),
            numbers: [range(1)?, range(3)?, range(5)?],
            separators: [sep(2)?, sep(4)?],
        })
    }

    fn same_separators(&self) -> bool {
        self.separators[0] == self.separators[1]
    }

    fn parts<'s>(&self, rest: &'s str) -> [&'s str; 3] {
        self.numbers.clone().map(|r| &rest[r])
    }
}

/// A non-ASCII byte where the pattern could read a digit.
struct NotAscii;

/// The first of `widths` (longest first) for which `b` has that many ASCII
/// digits at `at`, as a range. A separator needed after the number is the
/// caller's: a shorter width never helps there, as the next byte would be
/// a digit.
fn ascii_number(b: &[u8], at: usize, widths: &[usize]) -> Result<Option<Range<usize>>, NotAscii> {
    let longest = widths.iter().copied().max().unwrap_or(0);
    let mut run = 0;
    while run < longest {
        match b.get(at + run) {
            Some(c) if c.is_ascii_digit() => run += 1,
            Some(c) if !c.is_ascii() => return Err(NotAscii),
            _ => break,
        }
    }
    Ok(widths.iter().find(|&&w| w <= run).map(|&w| at..at + w))
}

fn number(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn fixed(year: i32, month: u32, day: u32) -> Shape {
    Shape::Fixed { year, month, day }
}

/// Whether the `time` pattern may match at the start of `b`: every match
/// is `T` and a digit, or spaces, tabs and a comma, then a digit, `@` or
/// the first byte of a word it allows before the hour (`at`, `um`, `à`,
/// `a las`, `alle`, `om`, `saat`, `kl`, `klo`, `o`, `в`). Most dates are
/// followed by other words, and the regex need not be run for them.
fn may_start_time(b: &[u8]) -> bool {
    match b.first() {
        Some(b'T') => b.get(1).is_some_and(u8::is_ascii_digit),
        Some(b' ' | b'\t' | b',') => {
            let rest = b.iter().skip_while(|&&c| matches!(c, b' ' | b'\t' | b','));
            rest.take(1).any(|&c| {
                c.is_ascii_digit()
                    || matches!(c, b'@' | b'a' | b'u' | b'o' | b's' | b'k' | 0xC3 | 0xD0)
            })
        }
        _ => false,
    }
}

/// A time right after a date ending at `at`: `(end, time, written with T)`.
fn time_at(s: &str, at: usize) -> Option<(usize, Time, bool)> {
    if !may_start_time(&s.as_bytes()[at..]) {
        return None;
    }
    let p = patterns();
    let c = p.time.captures(&s[at..])?;
    let mut hour = num(&c, 2);
    let minute = if c.get(3).is_some() {
        num(&c, 3)
    } else if c.get(5).is_some() {
        num(&c, 5)
    } else {
        num(&c, 6)
    };
    let second = num(&c, 4);
    if let Some(ap) = c.get(7) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = ap.as_str().eq_ignore_ascii_case("p");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let end = at + c[0].len();
    if p.zone.is_match(&s[end..])
        || s[end..].starts_with('.') && s[end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if !end_ok(s, end) {
        return None;
    }
    Some((
        end,
        Time {
            hour,
            minute,
            second,
        },
        c.get(1).is_some(),
    ))
}

/// Every date in `s`, left to right, not overlapping. Cheap on text
/// without digits (every form has some).
pub fn scan(s: &str, opts: Options) -> Vec<Found> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    // Every date has an ASCII digit at or after its start (a year at the
    // least; other scripts' digits never parse), so nothing starts after
    // the last one and the scan stops there.
    let Some(last_digit) = b.iter().rposition(u8::is_ascii_digit) else {
        return out;
    };
    let mut i = 0;
    while i <= last_digit {
        // Run on every line with a digit: ASCII spaces and punctuation,
        // which start nothing, are passed without decoding a char.
        if b[i].is_ascii() && !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_ascii_digit() || is_letter(c) {
            if start_ok(s, i) {
                let word_end = if is_alphabetic(c) {
                    run_end(s, i, |b| b.is_ascii_alphabetic(), is_alphabetic)
                } else {
                    i
                };
                let candidate = c.is_ascii_digit() || names::is_month_or_weekday(&s[i..word_end]);
                if candidate {
                    if let Some(found) = parse_at(s, i, opts) {
                        i = found.range.end;
                        out.push(found);
                        continue;
                    }
                }
                if word_end > i {
                    i = word_end;
                    continue;
                }
            }
            // Skip the rest of this run of digits or letters.
            let run = run_end(
                s,
                i,
                |b| b.is_ascii_alphanumeric(),
                |ch| ch.is_ascii_digit() || is_letter(ch),
            );
            i = run.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// Where the run of chars `keep` accepts that starts at byte `from` of `s`
/// ends; ASCII bytes are judged by `ascii`, which must agree with `keep`
/// on them, without decoding.
fn run_end(s: &str, from: usize, ascii: impl Fn(u8) -> bool, keep: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut j = from;
    while let Some(&x) = b.get(j) {
        if x.is_ascii() {
            if !ascii(x) {
                return j;
            }
            j += 1;
            continue;
        }
        match s[j..].chars().next() {
            Some(c) if keep(c) => j += c.len_utf8(),
            _ => return j,
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for `YYYY-MM-DD` reads what the year-first form reads.
    #[test]
    fn plain_iso_reads_as_the_year_first_form() {
        let general = |rest: &str| {
            let c = Triple::read(rest, 4, YEAR_FIRST, &patterns().iso)?;
            let [y, m, d] = c.parts(rest);
            Some(fixed(year_of(y)?, number(m), number(d)))
        };
        for rest in [
            "2025-09-16",
            "2025-09-16 x",
            "2025-09-161",
            "0999-01-01",
            "1000-00-99",
            "2025-9-16",
            "2025/09/16",
            "2025-09-1x",
            "９９９９-01-01",
            "2025-09-",
        ] {
            if let Some(shape) = plain_iso(rest) {
                assert_eq!(Some(shape), general(rest), "{rest}");
            }
        }
        assert!(plain_iso("2025-09-16").is_some() && plain_iso("0999-01-01").is_none());
    }

    const VALUE: Options = Options {
        mode: Mode::Value,
        time: true,
    };
    const TEXT: Options = Options {
        mode: Mode::Text,
        time: true,
    };

    fn one(s: &str) -> (Ymd, Option<Time>, Option<u32>) {
        let f = parse_exact(s, VALUE).unwrap_or_else(|| panic!("no date in {s:?}"));
        match f.shape.reading() {
            Reading::One(d, _) => (d, f.time, f.weekday),
            other => panic!("{s:?}: {other:?}"),
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> Ymd {
        Ymd::new(y, m, d).unwrap()
    }

    /// The scan as it was written first, char by char: the oracle the
    /// byte-wise [`scan`] must agree with.
    fn scan_by_chars(s: &str, opts: Options) -> Vec<Found> {
        let mut out = Vec::new();
        let Some(last_digit) = s.bytes().rposition(|b| b.is_ascii_digit()) else {
            return out;
        };
        let mut i = 0;
        while i <= last_digit {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if c.is_ascii_digit() || (c.is_alphabetic() && (c.is_ascii() || !is_cjk(c))) {
                if start_ok(s, i) {
                    let word_end = if c.is_alphabetic() {
                        s[i..]
                            .find(|ch: char| !ch.is_alphabetic())
                            .map_or(s.len(), |r| i + r)
                    } else {
                        i
                    };
                    if c.is_ascii_digit() || names::is_month_or_weekday(&s[i..word_end]) {
                        if let Some(found) = parse_at(s, i, opts) {
                            i = found.range.end;
                            out.push(found);
                            continue;
                        }
                    }
                    if word_end > i {
                        i = word_end;
                        continue;
                    }
                }
                let run = s[i..]
                    .find(|ch: char| !(ch.is_ascii_digit() || (ch.is_alphabetic() && !is_cjk(ch))))
                    .map_or(s.len(), |r| i + r);
                i = run.max(i + c.len_utf8());
                continue;
            }
            i += c.len_utf8();
        }
        out
    }

    #[test]
    fn the_scan_reads_as_the_char_by_char_scan_did() {
        let pieces = [
            "2025-09-16",
            "16/09/2025",
            "Sep",
            "16",
            " ",
            ",",
            ":",
            ".",
            "-",
            "'",
            "’",
            "é",
            "Ж",
            "年",
            "9月",
            "16日",
            "Tuesday",
            "v",
            "at",
            " 14:30",
            "T09:00",
            "pm",
            "_",
            "x",
            "日",
            "сентября",
            "×",
            "März",
            "\u{301}",
            "2025",
            "Uhr",
            "@",
            "#",
            "ǀ",
            "\t",
        ];
        let mut seed = 7u64;
        for _ in 0..60_000 {
            let mut line = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(scan(&line, TEXT), scan_by_chars(&line, TEXT), "{line:?}");
        }
    }

    #[test]
    fn quick_answers_agree_with_the_tables_and_patterns() {
        for c in (0..0x600).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
        for c in (0..0x20000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        let time = &patterns().time;
        let pieces = [
            " ", "\t", ",", "T", "1", "14", ":30", "at ", "à ", "в ", "@", "a las ", "kl. ", "x",
            "pm", "h30", "Uhr",
        ];
        let mut seed = 3u64;
        for _ in 0..30_000 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 61) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            if time.is_match(&s) {
                assert!(may_start_time(s.as_bytes()), "{s:?}");
            }
        }
    }

    #[test]
    fn every_form_reads_16_september_2025() {
        for s in [
            "2025-09-16",
            "2025/09/16",
            "2025.09.16",
            "2025-9-16",
            "16/09/2025",
            "09/16/2025",
            "16.09.2025",
            "16-09-2025",
            "16/09/25",
            "16 September 2025",
            "16. September 2025",
            "16 sept. 2025",
            "16 Sep 2025",
            "16-Sep-2025",
            "Sep 16, 2025",
            "Sept. 16, 2025",
            "September 16th, 2025",
            "September 16 2025",
            "16th of September, 2025",
            "16 de septiembre de 2025",
            "16 settembre 2025",
            "16 setembro 2025",
            "16 Eylül 2025",
            "16 września 2025 r.",
            "16 сентября 2025 г.",
            "16 вересня 2025",
            "16 september 2025",
            "2025年9月16日",
            "2025 年 9 月 16 日",
            "2025년 9월 16일",
            "Tuesday, 16 September 2025",
            "Tue, Sep 16, 2025",
            "Di., 16.09.2025",
            "mardi 16 septembre 2025",
            "martes, 16 de septiembre de 2025",
            "Salı, 16 Eylül 2025",
        ] {
            assert_eq!(one(s).0, ymd(2025, 9, 16), "{s}");
        }
    }

    #[test]
    fn a_month_name_settles_a_two_digit_year() {
        for s in [
            "16-Sep-25",
            "16-sep-25",
            "16 Sep 25",
            "16 Sep '25",
            "16. September 25",
            "Sep 16, '25",
            "Sep 16, ’25",
            "Sep 16 25",
            "Tue, 16-Sep-25",
        ] {
            assert_eq!(one(s).0, ymd(2025, 9, 16), "{s}");
        }
        assert_eq!(one("31-Dec-68").0, ymd(2068, 12, 31));
        assert_eq!(one("1-Jan-69").0, ymd(1969, 1, 1));
        assert_eq!(one("16-Sep-25 14:30").1.map(|t| t.hour), Some(14));
        // Running text needs the hyphens or the apostrophe.
        let texts = |s: &'static str| -> Vec<&'static str> {
            scan(s, TEXT).into_iter().map(|f| &s[f.range]).collect()
        };
        assert_eq!(
            texts("16-Sep-25, 17 Sep '25, Sep 18, '25, 19 Sep 25, Sep 20 25"),
            vec!["16-Sep-25", "17 Sep '25", "Sep 18, '25"]
        );
        for s in ["16-Sep-250", "Sep 16, '2025", "16 Sep 25:30", "x-16-Sep-25"] {
            assert!(scan(s, VALUE).is_empty(), "{s}: {:?}", scan(s, VALUE));
        }
    }

    #[test]
    fn times_are_read_and_normalised() {
        let t = |h, m| {
            Some(Time {
                hour: h,
                minute: m,
                second: 0,
            })
        };
        assert_eq!(one("16/09/2025 14:30").1, t(14, 30));
        assert_eq!(one("Sep 16, 2025 at 2:30 PM").1, t(14, 30));
        assert_eq!(one("16 septembre 2025 à 14h30").1, t(14, 30));
        assert_eq!(one("16.09.2025, 9:05 Uhr").1, t(9, 5));
        assert_eq!(one("16.09.2025 9.05 Uhr").1, t(9, 5));
        assert_eq!(one("Sep 16, 2025 12:15 am").1, t(0, 15));
        assert!(parse_exact("2025-09-16T14:30", VALUE).unwrap().iso_datetime);
        // A zone is not dropped: the time is left outside the date.
        let f = parse_at("16/09/2025 14:30 UTC", 0, VALUE).unwrap();
        assert_eq!((f.range, f.time), (0..10, None));
        assert!(parse_at("2025-09-16T14:30:00Z", 0, VALUE).is_none());
        assert!(parse_exact("16/09/2025 25:00", VALUE).is_none());
    }

    #[test]
    fn ambiguous_and_impossible() {
        let r = |s| parse_exact(s, VALUE).unwrap().shape.reading();
        assert_eq!(
            r("03/04/2025"),
            Reading::Two {
                day_first: ymd(2025, 4, 3),
                month_first: ymd(2025, 3, 4)
            }
        );
        assert_eq!(
            r("25/04/2025"),
            Reading::One(ymd(2025, 4, 25), Some(Order::DayFirst))
        );
        assert_eq!(
            r("04/25/2025"),
            Reading::One(ymd(2025, 4, 25), Some(Order::MonthFirst))
        );
        assert_eq!(r("05/05/2025"), Reading::One(ymd(2025, 5, 5), None));
        assert!(
            matches!(r("2025-02-30"), Reading::Impossible(m) if m.contains("February 2025 has 28 days"))
        );
        assert!(matches!(r("2025-13-01"), Reading::Impossible(m) if m.contains("no month 13")));
        assert!(matches!(r("31/02/2025"), Reading::Impossible(_)));
        assert_eq!(
            r("29/02/2024"),
            Reading::One(ymd(2024, 2, 29), Some(Order::DayFirst))
        );
    }

    #[test]
    fn not_dates() {
        for s in [
            "1.2.3",
            "v2025.09.16",
            "version 2025.09.16",
            "2025-09-16.md",
            "a/2025-09-16/b",
            "#2025-09-16",
            "10.20.30.2",
            "192.168.0.1",
            "Dataview 0.5.43",
            "release 1.2.25",
            "14:30",
            "12345",
            "2025",
            "September 2025",
            "16 Bananas 2025",
            "2025-09-16-01",
            "ref 2025_09_16",
            "1.2.25",
            "pages 3-4-25",
            "1/2/3",
        ] {
            assert!(scan(s, TEXT).is_empty(), "{s}: {:?}", scan(s, TEXT));
        }
    }

    #[test]
    fn scan_finds_several_in_running_text() {
        let s = "Met on 16/09/2025, again Sep 20, 2025 and 2025年9月21日に。";
        let found: Vec<_> = scan(s, TEXT).into_iter().map(|f| &s[f.range]).collect();
        assert_eq!(found, vec!["16/09/2025", "Sep 20, 2025", "2025年9月21日"]);
    }

    /// The crate's `regex` has no general-category tables outside tests
    /// (dev-dependencies add them), so a Unicode category class (`\p` and a name in braces) compiles in tests
    /// and panics in the product. Letters are `[^\W\d_]` here instead.
    #[test]
    fn no_unicode_category_classes() {
        let needle = format!("\\{}{{", 'p');
        for (name, source) in [
            ("grammar.rs", include_str!("grammar.rs")),
            ("sites.rs", include_str!("sites.rs")),
            ("format.rs", include_str!("format.rs")),
        ] {
            assert!(
                !source.contains(&needle),
                "{name} uses a Unicode category class"
            );
        }
    }

    /// The hand reading of numeric dates agrees with the patterns it
    /// stands in for, on strings made of digits, separators and the odd
    /// non-ASCII digit or letter.
    #[test]
    fn triples_read_as_the_patterns_do() {
        let p = patterns();
        let alphabet = ['1', '2', '0', '9', '-', '/', '.', ' ', 'x', '٣', 'é'];
        let mut seed = 7u64;
        for _ in 0..200_000 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = 5 + (seed >> 60) as usize;
            for _ in 0..len {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            for (widths, re) in [(YEAR_FIRST, &p.iso), (YEAR_LAST, &p.numeric)] {
                let ours = Triple::read(&s, digits, widths, re).map(|t| (t.len, t.numbers));
                let theirs = re
                    .captures(&s)
                    .and_then(|c| Triple::from_captures(&c))
                    .map(|t| (t.len, t.numbers));
                assert_eq!(ours, theirs, "{s:?}");
            }
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(ymd(2025, 9, 16).weekday(), 2);
        assert_eq!(ymd(1970, 1, 1).weekday(), 4);
        assert_eq!(ymd(2000, 2, 29).weekday(), 2);
        assert_eq!(ymd(1969, 12, 31).weekday(), 3);
        assert_eq!(one("Tue 16 Sep 2025").2, Some(2));
        // Short abbreviations need their dot or comma.
        assert_eq!(parse_at("Di 16.09.2025", 0, VALUE), None);
    }
}
