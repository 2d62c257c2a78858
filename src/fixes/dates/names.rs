//! Month and weekday names, full and abbreviated, in English and the main
//! languages of real vaults: German, French, Spanish, Italian, Portuguese,
//! Dutch, Swedish, Danish, Norwegian, Indonesian, Romanian, Turkish, Polish,
//! Czech, Russian and Ukrainian (nominative and the genitive a date uses).
//!
//! Lookups take a word as written; case is folded here. A word names at most
//! one month and at most one weekday (a test holds the tables to that).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Names of each month, January first, lower-case.
#[rustfmt::skip]
static MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jän", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari", "ocak", "oca", "styczeń", "stycznia", "sty", "leden", "ledna", "январь", "января", "янв",
        "січень", "січня", "ianuarie", "ian", "tammikuu", "tammikuuta",
    ],
    &[
        "february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio",
        "fevereiro", "fev", "februari", "şubat", "şub", "luty", "lutego", "lut", "únor", "února", "февраль",
        "февраля", "фев", "февр", "лютий", "лютого", "februarie", "helmikuu", "helmikuuta",
    ],
    &[
        "march", "mar", "märz", "mär", "mrz", "mars", "marzo", "março", "maart", "mrt", "maret", "mart",
        "marzec", "marca", "březen", "března", "март", "марта", "березень", "березня", "martie", "maaliskuu",
        "maaliskuuta",
    ],
    &[
        "april", "apr", "avril", "avr", "abril", "abr", "aprile", "nisan", "nis", "kwiecień", "kwietnia",
        "kwi", "duben", "dubna", "апрель", "апреля", "апр", "квітень", "квітня", "aprilie", "huhtikuu",
        "huhtikuuta",
    ],
    &[
        "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "mayıs", "maja", "květen", "května",
        "май", "мая", "травень", "травня", "toukokuu", "toukokuuta",
    ],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "haziran", "haz", "czerwiec",
        "czerwca", "cze", "červen", "června", "июнь", "июня", "июн", "червень", "червня", "iunie", "kesäkuu",
        "kesäkuuta",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "temmuz", "tem",
        "lipiec", "lipca", "lip", "červenec", "července", "июль", "июля", "июл", "липень", "липня", "iulie",
        "heinäkuu", "heinäkuuta",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "agustus", "ağustos", "ağu",
        "sierpień", "sierpnia", "sie", "srpen", "srpna", "август", "августа", "авг", "серпень", "серпня",
        "elokuu", "elokuuta",
    ],
    &[
        "september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "set",
        "eylül", "eyl", "wrzesień", "września", "wrz", "září", "сентябрь", "сентября", "сен", "сент",
        "вересень", "вересня", "septembrie", "syyskuu", "syyskuuta",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "ekim",
        "eki", "październik", "października", "paź", "říjen", "října", "октябрь", "октября", "окт",
        "жовтень", "жовтня", "octombrie", "lokakuu", "lokakuuta",
    ],
    &[
        "november", "nov", "novembre", "noviembre", "novembro", "kasım", "kas", "listopad", "listopada",
        "lis", "listopadu", "ноябрь", "ноября", "ноя", "нояб", "листопад", "листопада", "noiembrie",
        "marraskuu", "marraskuuta",
    ],
    &[
        "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
        "dezembro", "desember", "aralık", "ara", "grudzień", "grudnia", "gru", "prosinec", "prosince",
        "декабрь", "декабря", "дек", "грудень", "грудня", "decembrie", "joulukuu", "joulukuuta",
    ],
];

/// Names of each weekday, Monday first, lower-case.
#[rustfmt::skip]
static WEEKDAYS: [&[&str]; 7] = [
    &[
        "monday", "mon", "montag", "mo", "lundi", "lun", "lunes", "lunedì", "lunedi", "segunda-feira",
        "segunda", "seg", "maandag", "ma", "måndag", "mandag", "senin", "pazartesi", "pzt", "poniedziałek",
        "pon", "pondělí", "понедельник", "пн", "понеділок",
    ],
    &[
        "tuesday", "tue", "tues", "dienstag", "di", "mardi", "mar", "martes", "martedì", "martedi",
        "terça-feira", "terca-feira", "terça", "ter", "dinsdag", "tisdag", "tirsdag", "selasa", "salı",
        "wtorek", "wt", "úterý", "вторник", "вт", "вівторок",
    ],
    &[
        "wednesday", "wed", "mittwoch", "mi", "mercredi", "mer", "miércoles", "miercoles", "mié",
        "mercoledì", "mercoledi", "quarta-feira", "quarta", "qua", "woensdag", "wo", "onsdag", "rabu",
        "çarşamba", "çar", "środa", "śr", "středa", "среда", "ср", "середа",
    ],
    &[
        "thursday", "thu", "thur", "thurs", "donnerstag", "do", "jeudi", "jeu", "jueves", "jue", "giovedì",
        "giovedi", "gio", "quinta-feira", "quinta", "qui", "donderdag", "torsdag", "kamis", "perşembe",
        "czwartek", "czw", "čtvrtek", "четверг", "чт", "четвер",
    ],
    &[
        "friday", "fri", "freitag", "fr", "vendredi", "ven", "viernes", "vie", "venerdì", "venerdi",
        "sexta-feira", "sexta", "vrijdag", "vr", "fredag", "jumat", "cuma", "piątek", "pt", "pátek",
        "пятница", "пт", "пʼятниця", "п'ятниця",
    ],
    &[
        "saturday", "sat", "samstag", "sonnabend", "sa", "samedi", "sábado", "sabado", "sáb", "sab",
        "sabato", "zaterdag", "za", "lördag", "lørdag", "sabtu", "cumartesi", "cmt", "sobota", "суббота",
        "сб", "субота",
    ],
    &[
        "sunday", "sun", "sonntag", "so", "dimanche", "domingo", "dom", "domenica", "zondag", "zo", "söndag",
        "søndag", "minggu", "pazar", "paz", "niedziela", "niedz", "neděle", "воскресенье", "вс", "неділя",
        "нд",
    ],
];

/// English names, for rendering `MMM`, `MMMM`, `ddd` and `dddd` (moment's
/// default locale).
pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Monday first.
pub const ENGLISH_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// FNV-1a: the scan looks up every word of a line that has a digit, and
/// these short keys hash several times faster this way than with SipHash
/// (the tables are fixed, so flooding is no concern).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type Table = HashMap<&'static str, u32, BuildHasherDefault<Fnv>>;

fn table(rows: &'static [&'static [&'static str]]) -> Table {
    let mut map = Table::default();
    for (i, names) in rows.iter().enumerate() {
        for &name in names.iter() {
            // A duplicate would make a word name two things; the unit test
            // below forbids it.
            map.entry(name).or_insert(i as u32 + 1);
        }
    }
    map
}

fn months() -> &'static Table {
    static MAP: OnceLock<Table> = OnceLock::new();
    MAP.get_or_init(|| table(&MONTHS))
}

fn weekdays() -> &'static Table {
    static MAP: OnceLock<Table> = OnceLock::new();
    MAP.get_or_init(|| table(&WEEKDAYS))
}

/// The month (1–12) `word` names, ignoring case and a trailing dot.
pub fn month(word: &str) -> Option<u32> {
    lookup(word, |w| months().get(w).copied())
}

/// The weekday (1 = Monday … 7 = Sunday) `word` names, ignoring case and a
/// trailing dot.
pub fn weekday(word: &str) -> Option<u32> {
    lookup(word, |w| weekdays().get(w).copied())
}

/// Whether `word` names a month or a weekday. The running-text scan asks
/// this of every word before a line's last digit, so an ASCII word is first
/// checked against the first two letters and lengths of the ASCII names,
/// which rules out most words without hashing them.
pub fn is_month_or_weekday(word: &str) -> bool {
    if word.is_ascii() && !ascii_shapes().may_name(word.as_bytes()) {
        return false;
    }
    lookup(word, |w| {
        (months().contains_key(w) || weekdays().contains_key(w)).then_some(0)
    })
    .is_some()
}

/// For each ASCII first letter and second byte (a letter, or anything
/// else: see [`Shapes::second`]), the byte lengths (as bits) of the ASCII
/// names that start so; a trailing dot is allowed for.
struct Shapes([[u64; 27]; 26]);

impl Shapes {
    /// The column of a word's second byte, case folded: its letter, or 26
    /// for none, a dot (`M.`) or any other byte.
    fn second(word: &[u8]) -> usize {
        match word.get(1).map(u8::to_ascii_lowercase) {
            Some(b @ b'a'..=b'z') => usize::from(b - b'a'),
            _ => 26,
        }
    }

    fn may_name(&self, word: &[u8]) -> bool {
        let Some(i) = word
            .first()
            .and_then(|f| f.to_ascii_lowercase().checked_sub(b'a'))
        else {
            return false;
        };
        let Some(row) = self.0.get(usize::from(i)) else {
            return false;
        };
        word.len() < 64 && row[Shapes::second(word)] & (1 << word.len()) != 0
    }
}

fn ascii_shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut bits = [[0u64; 27]; 26];
        let names = MONTHS
            .iter()
            .chain(WEEKDAYS.iter())
            .flat_map(|row| row.iter());
        for name in names.filter(|n| n.is_ascii() && n.len() < 63) {
            let b = name.as_bytes();
            if let Some(row) = b[0]
                .checked_sub(b'a')
                .and_then(|i| bits.get_mut(usize::from(i)))
            {
                // The word may also carry a trailing dot (`Sept.`).
                row[Shapes::second(b)] |= (1 << name.len()) | (1 << (name.len() + 1));
            }
        }
        Shapes(bits)
    })
}

/// Longer than any name in the tables, in bytes.
const MAX_WORD: usize = 40;

/// `find` applied to `word` lower-cased, without a trailing dot.
fn lookup(word: &str, find: impl Fn(&str) -> Option<u32>) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return find(word);
    }
    if word.is_ascii() {
        // `Sep`, `Monday`: lower-cased on the stack, not in a new string.
        let mut buf = [0u8; MAX_WORD];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return find(std::str::from_utf8(lower).ok()?);
    }
    find(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn unique(rows: &[&[&str]]) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, names) in rows.iter().enumerate() {
            let mut in_row = HashSet::new();
            for name in names.iter() {
                assert_eq!(name.to_lowercase(), *name, "{name} is not lower-case");
                if let Some(&j) = seen.get(name) {
                    assert_eq!(i, j, "`{name}` names two different entries");
                }
                assert!(in_row.insert(*name) || seen.contains_key(name));
                seen.insert(name, i);
            }
        }
    }

    #[test]
    fn each_word_names_one_thing() {
        unique(&MONTHS);
        unique(&WEEKDAYS);
    }

    #[test]
    fn quick_check_agrees_with_the_tables() {
        let names = MONTHS.iter().chain(WEEKDAYS.iter()).flat_map(|r| r.iter());
        for name in names {
            let upper = name.to_uppercase();
            for word in [
                name.to_string(),
                upper.clone(),
                format!("{upper}."),
                format!("{name}x"),
            ] {
                let slow = month(&word).is_some() || weekday(&word).is_some();
                assert_eq!(is_month_or_weekday(&word), slow, "{word}");
            }
        }
        for word in ["the", "Meeting", "a", "x.", "", ".", "Q3"] {
            assert!(!is_month_or_weekday(word), "{word}");
        }
    }

    #[test]
    fn lookups_fold_case_and_dots() {
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("EYLÜL"), Some(9));
        assert_eq!(month("сентября"), Some(9));
        assert_eq!(month("März"), Some(3));
        assert_eq!(month("Mittwoch"), None);
        assert_eq!(weekday("Dienstag"), Some(2));
        assert_eq!(weekday("mar."), Some(2));
        assert_eq!(weekday("Sept"), None);
    }
}
