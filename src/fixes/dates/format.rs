//! Output formats in the moment.js tokens Obsidian users know from daily
//! notes and Templater: `YYYY YY MM M DD D Do MMM MMMM ddd dddd HH H hh h mm
//! ss A a`, literal text in `[brackets]`; any other character is literal, as
//! in moment.js. Names are English (moment's default locale).

use super::grammar::{Time, Ymd};
use super::names::{ENGLISH_MONTHS, ENGLISH_WEEKDAYS};
use regex::Regex;
use std::fmt::Write;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Literal(String),
    Year4,
    Year2,
    Month2,
    Month,
    MonthShort,
    MonthLong,
    Day2,
    Day,
    DayOrdinal,
    WeekdayShort,
    WeekdayLong,
    Hour2,
    Hour,
    Hour12Padded,
    Hour12,
    Minute2,
    Second2,
    AmPmUpper,
    AmPmLower,
}

impl Token {
    fn is_time(&self) -> bool {
        matches!(
            self,
            Token::Hour2
                | Token::Hour
                | Token::Hour12Padded
                | Token::Hour12
                | Token::Minute2
                | Token::Second2
                | Token::AmPmUpper
                | Token::AmPmLower
        )
    }
}

/// Longest tokens first, so `YYYY` is not read as `YY` `YY`.
const TOKENS: &[(&str, Token)] = &[
    ("YYYY", Token::Year4),
    ("MMMM", Token::MonthLong),
    ("dddd", Token::WeekdayLong),
    ("MMM", Token::MonthShort),
    ("ddd", Token::WeekdayShort),
    ("YY", Token::Year2),
    ("MM", Token::Month2),
    ("DD", Token::Day2),
    ("Do", Token::DayOrdinal),
    ("HH", Token::Hour2),
    ("hh", Token::Hour12Padded),
    ("mm", Token::Minute2),
    ("ss", Token::Second2),
    ("M", Token::Month),
    ("D", Token::Day),
    ("H", Token::Hour),
    ("h", Token::Hour12),
    ("A", Token::AmPmUpper),
    ("a", Token::AmPmLower),
];

/// A parsed output format.
#[derive(Debug)]
pub struct Format {
    tokens: Vec<Token>,
    spec: String,
    matcher: OnceLock<Option<Regex>>,
    /// [`Format::iso_date_part`], decided once: [`Format::read`] asks it
    /// of every date a note holds.
    iso_date: bool,
    /// [`Format::is_plain_iso`], decided once, as it is asked of every date.
    plain_iso: bool,
}

impl Format {
    /// The ISO date Obsidian properties and Obsidian Tasks read.
    pub const ISO: &'static str = "YYYY-MM-DD";

    /// Reads `spec`. `Err` says why a spec cannot write a whole date (it
    /// lacks a year, a month or a day).
    pub fn parse(spec: &str) -> Result<Format, String> {
        let mut tokens: Vec<Token> = Vec::new();
        let mut rest = spec;
        'outer: while let Some(c) = rest.chars().next() {
            if c == '[' {
                if let Some(close) = rest.find(']') {
                    push_literal(&mut tokens, &rest[1..close]);
                    rest = &rest[close + 1..];
                    continue;
                }
            }
            for (text, token) in TOKENS {
                if let Some(after) = rest.strip_prefix(text) {
                    tokens.push(token.clone());
                    rest = after;
                    continue 'outer;
                }
            }
            push_literal(&mut tokens, &rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        }
        let has = |f: &dyn Fn(&Token) -> bool| tokens.iter().any(f);
        let year = has(&|t| matches!(t, Token::Year4 | Token::Year2));
        let month = has(&|t| {
            matches!(
                t,
                Token::Month2 | Token::Month | Token::MonthShort | Token::MonthLong
            )
        });
        let day = has(&|t| matches!(t, Token::Day2 | Token::Day | Token::DayOrdinal));
        if !(year && month && day) {
            return Err(format!(
                "date format `{spec}` does not write a year, a month and a day"
            ));
        }
        let mut format = Format {
            tokens,
            spec: spec.to_string(),
            matcher: OnceLock::new(),
            iso_date: false,
            plain_iso: false,
        };
        format.iso_date = format.iso_date_part();
        format.plain_iso = matches!(
            &format.tokens[..],
            [Token::Year4, Token::Literal(a), Token::Month2, Token::Literal(b), Token::Day2]
                if a == "-" && b == "-"
        );
        Ok(format)
    }

    /// The ISO format.
    pub fn iso() -> Format {
        Format::parse(Format::ISO).unwrap_or_else(|_| unreachable!("the ISO format is valid"))
    }

    /// The format as the user wrote it.
    pub fn spec(&self) -> &str {
        &self.spec
    }

    /// Writes a date, and its time when there is one. A format without time
    /// tokens gets ` HH:mm` appended for a date with a time; a format with
    /// them drops its time part for a date without one.
    pub fn render(&self, date: Ymd, time: Option<Time>) -> String {
        let mut out = String::new();
        let t = time.unwrap_or(Time {
            hour: 0,
            minute: 0,
            second: 0,
        });
        for token in self.used(time.is_some()) {
            write_token(&mut out, token, date, t);
        }
        if let (Some(t), false) = (time, self.tokens.iter().any(Token::is_time)) {
            out.push(' ');
            out.push_str(&hh_mm(t));
        }
        out
    }

    /// The tokens a rendering uses: all of them for a date with a time;
    /// without one, the time part and the literal glue before it (`T`,
    /// ` at `) go.
    fn used(&self, with_time: bool) -> &[Token] {
        match self.tokens.iter().position(Token::is_time) {
            Some(first_time) if !with_time => {
                let mut end = first_time;
                while end > 0 && matches!(self.tokens[end - 1], Token::Literal(_)) {
                    end -= 1;
                }
                &self.tokens[..end]
            }
            _ => &self.tokens,
        }
    }

    /// Literal text the format writes before the date (`on ` in
    /// `[on] YYYY-MM-DD`).
    pub fn prefix(&self) -> &str {
        match self.tokens.first() {
            Some(Token::Literal(s)) => s,
            _ => "",
        }
    }

    /// Literal text the format writes after the date (and time).
    pub fn suffix(&self, with_time: bool) -> &str {
        let has_time_tokens = self.tokens.iter().any(Token::is_time);
        if with_time && !has_time_tokens {
            return "";
        }
        match self.used(with_time).last() {
            Some(Token::Literal(s)) if self.tokens.len() > 1 => s,
            _ => "",
        }
    }

    /// The date `text` holds when this format could have written it (its
    /// date part, without the literal text around it and without a time):
    /// such text is already in the target format and stays as it reads.
    pub fn read(&self, text: &str) -> Option<Ymd> {
        if self.iso_date {
            return read_iso(text);
        }
        let re = self.matcher.get_or_init(|| self.matcher_regex()).as_ref()?;
        let c = re.captures(text)?;
        let get = |name: &str| c.name(name).map(|m| m.as_str());
        let year = match (get("y4"), get("y2")) {
            (Some(y), _) => y.parse().ok(),
            (None, Some(y)) => y
                .parse::<i32>()
                .ok()
                .map(|y| if y > 68 { 1900 + y } else { 2000 + y }),
            _ => None,
        }?;
        let month = get("mo").and_then(|m| m.parse().ok()).or_else(|| {
            let name = get("mn")?.to_lowercase();
            ENGLISH_MONTHS
                .iter()
                .position(|m| m.to_lowercase().starts_with(&name))
                .map(|i| i as u32 + 1)
        })?;
        let day = get("d")?.parse().ok()?;
        Ymd::new(year, month, day)
    }

    /// Whether the format is `YYYY-MM-DD` and nothing else: it writes a
    /// date it reads, without a time, back digit for digit.
    pub fn is_plain_iso(&self) -> bool {
        self.plain_iso
    }

    /// Whether the date part is `YYYY-MM-DD`, the default and by far the
    /// most common format, which [`read_iso`] reads without a regex (this
    /// runs for every date found).
    fn iso_date_part(&self) -> bool {
        let part = self.used(false);
        let first = part.iter().position(|t| !matches!(t, Token::Literal(_)));
        let last = part.iter().rposition(|t| !matches!(t, Token::Literal(_)));
        let (Some(first), Some(last)) = (first, last) else {
            return false;
        };
        matches!(
            &part[first..=last],
            [Token::Year4, Token::Literal(a), Token::Month2, Token::Literal(b), Token::Day2]
                if a == "-" && b == "-"
        )
    }

    /// Whether [`Format::read`] finds a real date in `text`.
    pub fn accepts(&self, text: &str) -> bool {
        self.read(text).is_some()
    }

    fn matcher_regex(&self) -> Option<Regex> {
        let mut re = String::from("^");
        let mut seen = std::collections::HashSet::new();
        let date_part = self.used(false);
        let first = date_part
            .iter()
            .position(|t| !matches!(t, Token::Literal(_)))?;
        let last = date_part
            .iter()
            .rposition(|t| !matches!(t, Token::Literal(_)))?;
        for token in &date_part[first..=last] {
            let (name, pattern) = match token {
                Token::Literal(s) => {
                    re.push_str(&regex::escape(s));
                    continue;
                }
                Token::Year4 => ("y4", r"\d{4}"),
                Token::Year2 => ("y2", r"\d{2}"),
                Token::Month2 => ("mo", r"\d{2}"),
                Token::Month => ("mo", r"\d{1,2}"),
                Token::MonthShort => ("mn", r"[A-Za-z]{3}"),
                Token::MonthLong => ("mn", r"[A-Za-z]{3,9}"),
                Token::Day2 => ("d", r"\d{2}"),
                Token::Day => ("d", r"\d{1,2}"),
                Token::DayOrdinal => ("d", r"\d{1,2}(?:st|nd|rd|th)"),
                Token::WeekdayShort => ("", r"[A-Za-z]{3}"),
                Token::WeekdayLong => ("", r"[A-Za-z]{6,9}"),
                Token::Hour2 | Token::Hour12Padded | Token::Minute2 | Token::Second2 => {
                    ("", r"\d{2}")
                }
                Token::Hour | Token::Hour12 => ("", r"\d{1,2}"),
                Token::AmPmUpper | Token::AmPmLower => ("", r"(?:[AaPp][Mm])"),
            };
            if name.is_empty() || !seen.insert(name) {
                re.push_str(pattern);
            } else if name == "d" && matches!(token, Token::DayOrdinal) {
                re.push_str(r"(?P<d>\d{1,2})(?:st|nd|rd|th)");
            } else {
                let _ = write!(re, "(?P<{name}>{pattern})");
            }
        }
        re.push('$');
        Regex::new(&re).ok()
    }
}

/// What the `YYYY-MM-DD` matcher reads: exactly four, two and two ASCII
/// digits between dashes (other scripts' digits match the regex's `\d` but
/// never parse, so they read as nothing either way).
fn read_iso(text: &str) -> Option<Ymd> {
    if text.len() != 10 {
        return None;
    }
    let (year, month, day) = super::grammar::iso_numbers(text.as_bytes())?;
    Ymd::new(i32::try_from(year).ok()?, month, day)
}

fn write_token(out: &mut String, token: &Token, d: Ymd, t: Time) {
    // The numbers of a date, written by hand: every date found is rendered
    // to see whether it is written so already, and the formatting
    // machinery cost more than the rest of that.
    let number = match token {
        Token::Year4 => u32::try_from(d.year).ok().map(|y| (y, 4)),
        Token::Month2 => Some((d.month, 2)),
        Token::Month => Some((d.month, 1)),
        Token::Day2 => Some((d.day, 2)),
        Token::Day => Some((d.day, 1)),
        _ => None,
    };
    if let Some((n, width)) = number {
        return push_number(out, n, width);
    }
    let _ = match token {
        Token::Literal(s) => {
            out.push_str(s);
            Ok(())
        }
        Token::Year4 => write!(out, "{:04}", d.year),
        Token::Year2 => write!(out, "{:02}", d.year.rem_euclid(100)),
        Token::Month2 => write!(out, "{:02}", d.month),
        Token::Month => write!(out, "{}", d.month),
        Token::MonthShort => write!(out, "{}", &ENGLISH_MONTHS[d.month as usize - 1][..3]),
        Token::MonthLong => write!(out, "{}", ENGLISH_MONTHS[d.month as usize - 1]),
        Token::Day2 => write!(out, "{:02}", d.day),
        Token::Day => write!(out, "{}", d.day),
        Token::DayOrdinal => write!(out, "{}{}", d.day, ordinal(d.day)),
        Token::WeekdayShort => write!(out, "{}", &ENGLISH_WEEKDAYS[d.weekday() as usize - 1][..3]),
        Token::WeekdayLong => write!(out, "{}", ENGLISH_WEEKDAYS[d.weekday() as usize - 1]),
        Token::Hour2 => write!(out, "{:02}", t.hour),
        Token::Hour => write!(out, "{}", t.hour),
        Token::Hour12Padded => write!(out, "{:02}", hour12(t.hour)),
        Token::Hour12 => write!(out, "{}", hour12(t.hour)),
        Token::Minute2 => write!(out, "{:02}", t.minute),
        Token::Second2 => write!(out, "{:02}", t.second),
        Token::AmPmUpper => write!(out, "{}", if t.hour < 12 { "AM" } else { "PM" }),
        Token::AmPmLower => write!(out, "{}", if t.hour < 12 { "am" } else { "pm" }),
    };
}

/// Writes `n` in decimal, zero-padded to `width` digits, as `{:0width$}`
/// does.
fn push_number(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] += (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - at..width {
        out.push('0');
    }
    out.extend(digits[at..].iter().map(|&b| char::from(b)));
}

fn push_literal(tokens: &mut Vec<Token>, s: &str) {
    if let Some(Token::Literal(last)) = tokens.last_mut() {
        last.push_str(s);
    } else {
        tokens.push(Token::Literal(s.to_string()));
    }
}

fn ordinal(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn hour12(hour: u32) -> u32 {
    match hour % 12 {
        0 => 12,
        h => h,
    }
}

/// `HH:mm`, with `:ss` only when the seconds are not zero.
pub fn hh_mm(t: Time) -> String {
    if t.second == 0 {
        format!("{:02}:{:02}", t.hour, t.minute)
    } else {
        format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the plain ISO format reads it writes back unchanged (the
    /// resolver's shortcut for dates already written so).
    #[test]
    fn plain_iso_writes_what_it_reads() {
        let iso = Format::iso();
        assert!(iso.is_plain_iso());
        for spec in [
            "YYYY-MM-DD HH:mm",
            "[on] YYYY-MM-DD",
            "YYYY/MM/DD",
            "DD-MM-YYYY",
        ] {
            assert!(!Format::parse(spec).unwrap().is_plain_iso(), "{spec}");
        }
        for text in [
            "2025-09-16",
            "1000-01-01",
            "9999-12-31",
            "2024-02-29",
            "0999-01-01",
        ] {
            if let Some(d) = iso.read(text) {
                assert_eq!(iso.render(d, None), text);
            }
        }
    }

    /// Numbers written by hand read as the formatting machinery writes them.
    #[test]
    fn numbers_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 999, 1000, 2025, 12345, u32::MAX] {
            for width in 1..=4 {
                let mut out = String::new();
                push_number(&mut out, n, width);
                assert_eq!(out, format!("{n:0width$}"));
            }
        }
    }

    fn d() -> Ymd {
        Ymd::new(2025, 9, 16).unwrap()
    }

    fn r(spec: &str, time: Option<Time>) -> String {
        Format::parse(spec).unwrap().render(d(), time)
    }

    const T: Option<Time> = Some(Time {
        hour: 14,
        minute: 5,
        second: 0,
    });

    #[test]
    fn tokens() {
        assert_eq!(r("YYYY-MM-DD", None), "2025-09-16");
        assert_eq!(r("DD.MM.YYYY", None), "16.09.2025");
        assert_eq!(r("D/M/YY", None), "16/9/25");
        assert_eq!(r("MMM D, YYYY", None), "Sep 16, 2025");
        assert_eq!(
            r("dddd, MMMM Do YYYY", None),
            "Tuesday, September 16th 2025"
        );
        assert_eq!(r("ddd DD MMM YYYY", None), "Tue 16 Sep 2025");
        assert_eq!(r("[Week of] YYYY-MM-DD", None), "Week of 2025-09-16");
    }

    #[test]
    fn times() {
        assert_eq!(r("YYYY-MM-DD", T), "2025-09-16 14:05");
        assert_eq!(r("YYYY-MM-DD HH:mm", T), "2025-09-16 14:05");
        assert_eq!(r("YYYY-MM-DD [at] h:mm a", T), "2025-09-16 at 2:05 pm");
        assert_eq!(r("YYYY-MM-DD [at] h:mm a", None), "2025-09-16");
        assert_eq!(r("YYYY-MM-DDTHH:mm", None), "2025-09-16");
    }

    #[test]
    fn needs_a_whole_date() {
        assert!(Format::parse("HH:mm").is_err());
        assert!(Format::parse("MMMM YYYY").is_err());
        assert!(Format::parse("").is_err());
    }

    #[test]
    fn accepts_what_it_writes() {
        for spec in [
            "YYYY-MM-DD",
            "DD.MM.YYYY",
            "D/M/YY",
            "MMM D, YYYY",
            "dddd, MMMM Do YYYY",
            "YYYY/DD/MM",
        ] {
            let f = Format::parse(spec).unwrap();
            let text = f.render(d(), None);
            assert!(f.accepts(&text), "{spec}: {text}");
        }
        let on = Format::parse("[on] YYYY-MM-DD[!]").unwrap();
        assert_eq!((on.prefix(), on.suffix(false)), ("on ", "!"));
        assert_eq!(on.read("2025-09-16"), Some(d()));
        let at = Format::parse("D MMM YYYY [at] HH:mm").unwrap();
        assert_eq!(
            (at.prefix(), at.suffix(false), at.suffix(true)),
            ("", "", "")
        );
        let iso = Format::iso();
        assert!(!iso.accepts("2025-02-30"));
        assert!(!iso.accepts("16/09/2025"));
        assert!(!iso.accepts("2025-9-16"));
    }
}
