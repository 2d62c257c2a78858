//! The rule, applied to one place: collapse, keep, or report.

use super::name::{self, MAX_NAME};
use super::people::People;
use super::sites::{Kind, Site};
use crate::fixes::Sink;
use std::ops::Range;

/// What to do with a name that has a word written twice.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Replace the first `words` words with `collapsed`.
    Collapse {
        /// How many of the place's words form the name.
        words: usize,
        /// The name without its repeated words.
        collapsed: String,
        /// Why, for the message.
        because: String,
    },
    /// Leave the first `words` words as written.
    Keep {
        /// How many of the place's words form the name.
        words: usize,
        /// Why, for the diagnostic.
        because: String,
    },
}

/// Judges the run `words` of `text`. `None` when no word is repeated.
///
/// The name may be shorter than the run (a mention can be followed by a
/// capitalised word of the sentence), so the longest prefix that is known,
/// collapsed or as written, decides; with no evidence at all, the whole run
/// (up to four words once collapsed) is taken as the name.
pub fn verdict(text: &str, words: &[Range<usize>], people: &People) -> Option<Verdict> {
    let repeats = name::repeats(text, words);
    let first = *repeats.first()?;
    let written = |k: usize| &text[words[0].start..words[k - 1].end];
    let mut fallback = None;
    for k in (first + 1..=words.len()).rev() {
        let collapsed = name::collapse(text, &words[..k]);
        if collapsed.split(' ').count() > MAX_NAME {
            continue;
        }
        fallback.get_or_insert((k, collapsed.clone()));
        let as_written = people.get(written(k));
        let single = people.get(&collapsed);
        match (as_written, single) {
            (Some(d), _) if d.vouched.is_some() => {
                let setting = d.vouched.as_ref().unwrap_or(&d.source);
                return Some(Verdict::Keep {
                    words: k,
                    because: format!("`{}` is listed in {}", d.name, setting.describe()),
                });
            }
            (_, Some(c)) => {
                return Some(Verdict::Collapse {
                    words: k,
                    because: format!("`{}` is known from {}", c.name, c.source.describe()),
                    collapsed,
                });
            }
            (Some(d), None) => {
                return Some(Verdict::Keep {
                    words: k,
                    because: format!(
                        "`{}` is known that way from {}",
                        d.name,
                        d.source.describe()
                    ),
                });
            }
            (None, None) => {}
        }
    }
    let (k, collapsed) = fallback?;
    Some(Verdict::Collapse {
        words: k,
        because: format!("no known person is named `{}`", written(k)),
        collapsed,
    })
}

/// Applies the rule to one place, proposing an edit or a diagnostic.
pub fn site(text: &str, site: &Site, people: &People, sink: &mut Sink) {
    let Some(verdict) = verdict(text, &site.words, people) else {
        return;
    };
    let start = site.words[0].start;
    match verdict {
        Verdict::Collapse {
            words,
            collapsed,
            because,
        } => {
            let range = start..site.words[words - 1].end;
            let written = &text[range.clone()];
            if site.kind == Kind::Target {
                // Only a target one doubled word away from someone known is
                // worth a word; renaming it would break the link.
                if people.get(&collapsed).is_some() {
                    sink.diagnose(
                        start,
                        format!(
                            "link target `{written}` differs from the known person `{collapsed}` only by a doubled word; link targets are not changed (rename the note to fix it)"
                        ),
                    );
                }
                return;
            }
            if !site.editable() {
                return;
            }
            let message = format!("`{written}` → `{collapsed}`: doubled word; {because}");
            sink.replace(range, collapsed, message);
        }
        Verdict::Keep { words, because } => {
            if site.kind == Kind::Target || site.kind == Kind::Fact {
                return;
            }
            let written = &text[start..site.words[words - 1].end];
            sink.diagnose(
                start,
                format!("`{written}` has a word written twice, but {because}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::duplicate_names::people::Source;

    fn judge(s: &str, known: &[&str]) -> Option<Verdict> {
        let mut people = People::default();
        for k in known {
            people.add(k, Source::Vault);
        }
        verdict(s, &name::words_at(s, 0, s.len()), &people)
    }

    fn collapsed(v: Option<Verdict>) -> Option<(usize, String)> {
        match v? {
            Verdict::Collapse {
                words, collapsed, ..
            } => Some((words, collapsed)),
            Verdict::Keep { .. } => None,
        }
    }

    #[test]
    fn the_rule() {
        assert_eq!(judge("Lior Genzel", &[]), None);
        assert_eq!(
            collapsed(judge("Lior Genzel Genzel", &[])),
            Some((3, "Lior Genzel".into()))
        );
        assert_eq!(
            collapsed(judge("Lior Genzel Genzel", &["lior genzel"])),
            Some((3, "Lior Genzel".into()))
        );
        assert!(matches!(
            judge("Sirhan Sirhan", &["Sirhan Sirhan"]),
            Some(Verdict::Keep { .. })
        ));
        // Both forms known: the collapsed one wins unless the user vouched.
        assert!(collapsed(judge("Ada Ada Byron", &["Ada Byron", "Ada Ada Byron"])).is_some());
        // The known prefix decides where the name ends.
        assert_eq!(
            collapsed(judge("Lior Genzel Genzel Please", &["Lior Genzel"])),
            Some((3, "Lior Genzel".into()))
        );
        assert!(matches!(
            judge("Sirhan Sirhan Today", &["Sirhan Sirhan"]),
            Some(Verdict::Keep { words: 2, .. })
        ));
        // Five words once collapsed is no name.
        assert_eq!(
            collapsed(judge("A B C D D E", &[])),
            Some((5, "A B C D".into()))
        );
    }

    #[test]
    fn explicit_doubled_name_wins() {
        let mut people = People::default();
        people.add("Sirhan", Source::Vault);
        people.add("Sirhan Sirhan", Source::Setting);
        let s = "Sirhan Sirhan";
        let v = verdict(s, &name::words_at(s, 0, s.len()), &people);
        assert!(matches!(v, Some(Verdict::Keep { .. })));
    }
}
