//! What the fix knows about the line around a run: whether it is a Tasks
//! line (or holds a date), and which curly quotes are still open. Task
//! lines are read by the one grammar every fix shares (`note::task`).

use crate::note::task;

/// What the fix knows about the line it is in.
#[derive(Default)]
pub struct LineState {
    /// The current line's byte range.
    range: std::ops::Range<usize>,
    /// A task line, a line with a date, or a note that uses signifiers.
    pub tasks: bool,
    /// Unclosed “ so far on the line (as repaired).
    pub open_double: usize,
    /// Unclosed „ so far on the line (as repaired), which “ (German,
    /// Czech) or ” (Polish, Romanian) closes.
    pub open_low: usize,
    /// The line's letters, two at least and one of them ASCII, are all
    /// capitals (but for those that lead two-byte sequences): a repair
    /// there makes no small letters (`KÄ ÄŁ` is stylised, not `KÄ ģ`).
    pub caps: bool,
    /// A closing ’ stands on the line after the run last asked about,
    /// written as it is or as the windows pages garble it (`€™` ending
    /// `â€™`, `Ђ™` ending `вЂ™`): a lost byte before it may open what it
    /// closes.
    pub closed_after: bool,
    /// The closing double quote that stands on the line after the run
    /// last asked about, if any: ” or “, as written or garbled.
    pub double_after: Option<char>,
    /// Where the line's last closing ’ (or its mojibake) ends.
    last_close: Option<usize>,
    /// Where the line's last closing double quote ends, and which it is.
    last_close_double: Option<(usize, char)>,
    /// A quote opened a word on the line before the run last asked about
    /// (see `quote_opening`): a lost byte after it may close it.
    pub quote_before: bool,
    /// Where the line's first such quote starts.
    first_quote: Option<usize>,
    started: bool,
}

impl LineState {
    pub fn at(&mut self, text: &str, offset: usize, note_signifiers: bool) -> &LineState {
        if !self.started || offset >= self.range.end {
            self.range = line_around(text, &(offset..offset));
            let line = text.get(self.range.clone()).unwrap_or("");
            self.tasks = note_signifiers || task::is_task(line) || has_iso_date(line);
            self.open_double = 0;
            // The capitals that lead two-byte sequences under some page are
            // what mojibake is made of (`Ð›Ð°` is Cyrillic): they do not count.
            // One lookup of the byte every page reads as `c`.
            let lead = |c: char| {
                super::pages::bytes_of(c)
                    .is_some_and(|row| row.iter().any(|b| (0xC2..=0xDF).contains(b)))
            };
            let letters = line
                .chars()
                .filter(|&c| super::score::is_alpha(c) && (c.is_ascii() || !lead(c)));
            // Capitals that only continuation bytes make (Cyrillic through
            // windows-1253 is `Π›ΠΈ`, every letter a capital) are mojibake
            // too: a line in capitals has an ASCII one. One pass, over at
            // most the letters before the first small one.
            let (mut count, mut ascii, mut capitals) = (0usize, false, true);
            for c in letters {
                if !c.is_uppercase() {
                    capitals = false;
                    break;
                }
                count += 1;
                ascii |= c.is_ascii();
            }
            self.caps = capitals && count >= 2 && ascii;
            let (single, double) = closings(line);
            self.last_close = single.map(|end| self.range.start + end);
            self.last_close_double = double.map(|(end, c)| (self.range.start + end, c));
            self.open_low = 0;
            self.first_quote = quote_opening(line).map(|at| self.range.start + at);
            self.started = true;
            // Quotes already written correctly before the first run.
            self.saw_str(text.get(self.range.start..offset).unwrap_or(""));
        }
        self.closed_after = self.last_close.is_some_and(|end| end > offset);
        self.quote_before = self.first_quote.is_some_and(|at| at < offset);
        self.double_after = self
            .last_close_double
            .filter(|&(end, _)| end > offset)
            .map(|(_, c)| c);
        self
    }

    pub fn saw(&mut self, chars: &[char]) {
        for &c in chars {
            self.quote(c);
        }
    }

    /// [`LineState::saw`] of the chars of `s`: the double quotes it counts
    /// are `E2 80 9C`, `E2 80 9D` and `E2 80 9E`, so only the places of
    /// `E2` are looked at (the text before the line's first run is mostly
    /// ASCII, and decoding it char by char was half the cost of a line).
    fn saw_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        for i in memchr::memchr_iter(0xE2, bytes) {
            match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x9C]) => self.quote('“'),
                Some([0x80, 0x9D]) => self.quote('”'),
                Some([0x80, 0x9E]) => self.quote('„'),
                _ => {}
            }
        }
    }

    fn quote(&mut self, c: char) {
        match c {
            '„' => self.open_low += 1,
            '“' if self.open_low > 0 => self.open_low -= 1,
            '“' => self.open_double += 1,
            '”' if self.open_double == 0 && self.open_low > 0 => self.open_low -= 1,
            '”' => self.open_double = self.open_double.saturating_sub(1),
            _ => {}
        }
    }
}

/// Where `line` first opens a word with a quote: an ASCII one, or one
/// garbled through a windows page, whole or cut short (E2 80 read as `â€`,
/// `β€` or `вЂ`, then the page's char for the last byte, if kept): a lost
/// byte after it may be what closes it.
fn quote_opening(line: &str) -> Option<usize> {
    let opens = |before: &str| {
        before
            .chars()
            .next_back()
            .is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '['))
    };
    let word_after = |after: &str| after.chars().next().is_some_and(|c| !c.is_whitespace());
    let ascii = memchr::memchr2_iter(b'"', b'\'', line.as_bytes()).filter(|&at| {
        opens(line.get(..at).unwrap_or("")) && word_after(line.get(at + 1..).unwrap_or(""))
    });
    // Where the line writes € or Ђ (the page's char for 0x80), found by
    // their bytes.
    let garbled = |second: &'static str| {
        memchr::memmem::find_iter(line.as_bytes(), second.as_bytes()).filter_map(move |at| {
            let head = line.get(..at)?;
            let lead = head
                .chars()
                .next_back()
                .filter(|c| matches!(c, 'â' | 'β' | 'в'))?;
            let start = at - lead.len_utf8();
            let mut after = line.get(at + second.len()..)?;
            // The page's char for the quote's last byte, when it was kept.
            if let Some(c) = after.chars().next().filter(|c| !c.is_ascii()) {
                after = after.get(c.len_utf8()..)?;
            }
            (opens(line.get(..start)?) && word_after(after)).then_some(start)
        })
    };
    ascii.chain(garbled("€")).chain(garbled("Ђ")).min()
}

/// The closing quotes of a line: where its last closing ’ ends, and
/// where its last closing double quote ends and which it is.
type Closings = (Option<usize>, Option<(usize, char)>);

/// The quote a closing-quote candidate stands for: `c` written as it is,
/// or `c` the tail of one garbled (its lead byte's char `prev`, then the
/// page's chars for 80 and the last byte: `€™` for ’ under most windows
/// pages, `Ђ™` under windows-1251; ” as `€ť`, `Ђќ`, `€¯`; “ as `€ś`,
/// `Ђњ`, `€œ`, where the page keeps those bytes). What the byte search of
/// [`closings`] matches; the char-by-char pass the tests check it against
/// asks it of every char.
#[cfg(test)]
fn quote_of(prev: char, c: char) -> Option<char> {
    match (prev, c) {
        (_, '’' | '”' | '“') => Some(c),
        ('€' | 'Ђ', '™') => Some('’'),
        ('€', 'ť' | '¯') | ('Ђ', 'ќ') => Some('”'),
        ('€', 'ś' | 'œ') | ('Ђ', 'њ') => Some('“'),
        _ => None,
    }
}

/// The closing quotes of `line`. A ’ closes where no letter follows it
/// (where one does it is an apostrophe, `it’s`); a double quote where a
/// char that is no space stands before it (its lead's, when garbled) and a
/// space, closing punctuation or the line's end after it (an opening “
/// stands before its word).
///
/// Every candidate is a quote written as it is (`E2 80 xx`) or a garbled
/// one's tail after `€` (`E2 82 AC`) or `Ђ` (`D0 82`), so the line's bytes
/// are searched for those two leads from the end, and the search stops
/// once the last closing quote of each kind is found: most lines hold no
/// quote at all, and a line with mojibake on it is met once per line, not
/// once per char.
fn closings(line: &str) -> Closings {
    let bytes = line.as_bytes();
    let (mut single, mut double) = (None, None);
    let mut end = bytes.len();
    while single.is_none() || double.is_none() {
        let Some(i) = memchr::memrchr2(0xE2, 0xD0, bytes.get(..end).unwrap_or_default()) else {
            break;
        };
        end = i;
        // The quote, where its char starts, and where the char stands
        // whose kind (a space or not) says whether it is attached: the
        // quote's own prev, or its garbled lead's.
        let (q, at, lead_at) = match bytes.get(i..).unwrap_or_default() {
            [0xE2, 0x80, 0x99, ..] => ('’', i, i),
            [0xE2, 0x80, 0x9D, ..] => ('”', i, i),
            [0xE2, 0x80, 0x9C, ..] => ('“', i, i),
            [0xE2, 0x82, 0xAC, tail @ ..] => match tail {
                [0xE2, 0x84, 0xA2, ..] => ('’', i + 3, i),
                [0xC5, 0xA5, ..] | [0xC2, 0xAF, ..] => ('”', i + 3, i),
                [0xC5, 0x9B, ..] | [0xC5, 0x93, ..] => ('“', i + 3, i),
                _ => continue,
            },
            [0xD0, 0x82, tail @ ..] => match tail {
                [0xE2, 0x84, 0xA2, ..] => ('’', i + 2, i),
                [0xD1, 0x9C, ..] => ('”', i + 2, i),
                [0xD1, 0x9A, ..] => ('“', i + 2, i),
                _ => continue,
            },
            _ => continue,
        };
        let mut back = line.get(..lead_at).unwrap_or("").chars().rev();
        // Written: the char before the quote; garbled: the char before its
        // lead's (the lead is the char before `€` or `Ђ`).
        let before = if at == lead_at {
            back.next()
        } else {
            back.nth(1)
        }
        .unwrap_or(' ');
        let rest = line.get(at..).unwrap_or("");
        let mut after = rest.chars();
        let width = after.next().map_or(0, char::len_utf8);
        let quote_end = at + width;
        let next = after.next();
        if q == '’' {
            if single.is_none() && !next.is_some_and(char::is_alphabetic) {
                single = Some(quote_end);
            }
        } else if double.is_none()
            && !before.is_whitespace()
            && next.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}…".contains(c))
        {
            double = Some((quote_end, q));
        }
    }
    (single, double)
}

/// Where the last closing single quote of `line` ends (see [`closings`]).
#[cfg(test)]
fn last_closing_single(line: &str) -> Option<usize> {
    closings(line).0
}

/// Where the last closing double quote of `line` ends, and which it is.
#[cfg(test)]
fn last_closing_double(line: &str) -> Option<(usize, char)> {
    closings(line).1
}

/// A `YYYY-MM-DD` somewhere in the line.
pub fn has_iso_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    })
}

/// The bytes of the line `range` stands on, its line break excluded (a
/// range across a break reaches from the first line to the last).
pub fn line_around(text: &str, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text
        .get(..range.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(range.end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| range.end + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`closings`] in one pass over the line's chars, every char asked
    /// whether it is a quote (see [`quote_of`]), as it was first written:
    /// what the byte search is checked against.
    fn closings_char_by_char(line: &str) -> Closings {
        let (mut single, mut double) = (None, None);
        // The quote just seen, where it ends, and whether a non-space stood
        // before it: decided by the char after it.
        let mut pending: Option<(char, usize, bool)> = None;
        // The last three chars: a garbled quote's lead and its 80's char
        // stand before its tail, and what stands before the lead decides.
        let (mut last, mut second, mut third) = (' ', ' ', ' ');
        let mut decide = |pending: (char, usize, bool), next: Option<char>| match pending {
            ('’', end, _) => {
                if !next.is_some_and(char::is_alphabetic) {
                    single = Some(end);
                }
            }
            (q, end, attached) => {
                if attached && next.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}…".contains(c))
                {
                    double = Some((end, q));
                }
            }
        };
        for (i, c) in line.char_indices() {
            if let Some(p) = pending.take() {
                decide(p, Some(c));
            }
            if let Some(q) = quote_of(last, c) {
                let written = matches!(c, '’' | '”' | '“');
                let before = if written { last } else { third };
                pending = Some((q, i + c.len_utf8(), !before.is_whitespace()));
            }
            third = second;
            second = last;
            last = c;
        }
        if let Some(p) = pending {
            decide(p, None);
        }
        (single, double)
    }

    #[test]
    fn task_lines_and_dates() {
        assert!(task::is_task("- [ ] call"));
        assert!(task::is_task("> * [x] done"));
        assert!(task::is_task("1. [ ] first"));
        assert!(!task::is_task("- plain item"));
        assert!(!task::is_task("[link](x)"));
        assert!(has_iso_date("due 2025-10-26 ok"));
        assert!(!has_iso_date("due 2025-1-26"));
    }

    #[test]
    fn a_closing_single_quote_later_on_the_line_is_seen() {
        let text = "item вЂ%sвЂ™ in it’s\nnext вЂ";
        let mut state = LineState::default();
        assert!(state.at(text, 5, false).closed_after);
        assert!(!state.at(text, 18, false).closed_after);
        assert!(!state.at(text, text.len() - 4, false).closed_after);
        assert_eq!(last_closing_single("it’s"), None);
        assert_eq!(last_closing_single("‘a’ b"), Some(7));
    }

    #[test]
    fn a_closing_double_quote_later_on_the_line_is_seen() {
        assert_eq!(last_closing_double("a “%s” b"), Some((10, '”')));
        assert_eq!(last_closing_double("a „x“, b"), Some((9, '“')));
        assert_eq!(last_closing_double("archiv â€%sâ€œ pou"), Some((21, '“')));
        assert_eq!(last_closing_double("say “hello"), None);
        let mut state = LineState::default();
        state.at("„x“ y", 0, false);
        state.saw(&['„']);
        assert_eq!(state.open_low, 1);
        state.saw(&['“']);
        assert_eq!((state.open_low, state.open_double), (0, 0));
    }

    /// The byte search finds the closing quotes and counts the open ones
    /// the char-by-char pass does, on lines of quotes written and garbled,
    /// their leads, spaces, letters of several scripts and punctuation.
    #[test]
    fn the_byte_search_agrees_with_the_char_by_char_pass() {
        let pieces = [
            " ", "a", "Z", "é", "д", "ђ", "р", "’", "”", "“", "„", "€", "Ђ", "™", "ť", "¯", "ś",
            "œ", "ќ", "њ", "â", "в", "Ä", ",", ".", "…", ")", "%s", "\u{a0}", "—", "日", "📅",
            "â€™", "вЂ™", "â€ť", "вЂќ", "â€œ", "вЂњ", "â€¯", "â€ś", "Å›", "Ñœ",
        ];
        for line in crate::testgen::texts(&pieces, 13, 20_000) {
            assert_eq!(closings(&line), closings_char_by_char(&line), "{line:?}");
            let (mut bytes, mut chars) = (LineState::default(), LineState::default());
            bytes.saw_str(&line);
            for c in line.chars() {
                chars.quote(c);
            }
            assert_eq!(
                (bytes.open_double, bytes.open_low),
                (chars.open_double, chars.open_low),
                "{line:?}"
            );
        }
    }

    #[test]
    fn open_quotes_are_counted_per_line() {
        let text = "He said “yes and\nthen “no” again";
        let mut state = LineState::default();
        assert_eq!(state.at(text, 12, false).open_double, 1);
        assert_eq!(state.at(text, text.len() - 1, false).open_double, 0);
        assert!(!state.tasks);
    }
}
