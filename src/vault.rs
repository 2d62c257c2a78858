//! Vault context: what a bulk clean-up learns from every note before it
//! repairs any, so each note is judged with what the whole vault knows.
//!
//! ```
//! use notemend::{vault::VaultIndex, Config};
//!
//! let config = Config::default();
//! let mut index = VaultIndex::default();
//! index.add(&notemend::vault::facts("**Attendees**: Ada Lovelace\n", &config));
//! let context = index.context();
//! assert!(context.people.iter().any(|p| p == "Ada Lovelace"));
//! ```

use crate::config::{Config, DateOrder, VaultContext};
use crate::fixes::{dates, duplicate_names};
use crate::note::Note;
use crate::Fix;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one note contributes to the vault index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteFacts {
    /// People the note names (attendees, participants, person links).
    pub people: Vec<String>,
    /// Numeric dates that can only be read day first.
    pub day_first: usize,
    /// Numeric dates that can only be read month first.
    pub month_first: usize,
}

/// Reads the facts of one note.
pub fn facts(text: &str, config: &Config) -> NoteFacts {
    gather(&Note::parse(text), config, false)
}

/// The facts of a note already read (and then repaired from that reading).
/// Only facts some enabled fix uses are gathered: the people for
/// `duplicate-names` and `mojibake` (whose lost bytes weigh the words of
/// names), the date evidence for `dates`. Gathering both was most of what
/// a `--skip` or `--only` run cost around its fixes.
pub fn facts_of(note: &Note, config: &Config) -> NoteFacts {
    gather(note, config, true)
}

/// The facts of `note`; when it is `repaired` next from this reading, the
/// places that name people are read whole and kept in it for
/// `duplicate-names`, which would read them again (a note read for its
/// facts alone skips its mentions, which say nobody is known).
fn gather(note: &Note, config: &Config, repaired: bool) -> NoteFacts {
    let (day_first, month_first) = if config.enabled(Fix::Dates) {
        dates::evidence(note)
    } else {
        (0, 0)
    };
    let people = if repaired && config.enabled(Fix::DuplicateNames) {
        duplicate_names::people_of_kept(note, config)
    } else if config.enabled(Fix::DuplicateNames) || config.enabled(Fix::Mojibake) {
        duplicate_names::people_of(note, config)
    } else {
        Vec::new()
    };
    NoteFacts {
        people,
        day_first,
        month_first,
    }
}

/// The facts of many notes, merged.
#[derive(Clone, Debug, Default)]
pub struct VaultIndex {
    /// Lower-cased name → the spelling seen first.
    people: BTreeMap<String, String>,
    day_first: usize,
    month_first: usize,
}

impl VaultIndex {
    /// Adds one note's facts.
    pub fn add(&mut self, facts: &NoteFacts) {
        for person in &facts.people {
            self.people
                .entry(person.to_lowercase())
                .or_insert_with(|| person.clone());
        }
        self.day_first += facts.day_first;
        self.month_first += facts.month_first;
    }

    /// Adds another index (for merging indexes built in parallel).
    pub fn merge(&mut self, other: VaultIndex) {
        for (key, person) in other.people {
            self.people.entry(key).or_insert(person);
        }
        self.day_first += other.day_first;
        self.month_first += other.month_first;
    }

    /// The context to hand to each note's repair. A date order counts as
    /// dominant when it has at least three times the evidence of the other.
    pub fn context(&self) -> VaultContext {
        let (d, m) = (self.day_first, self.month_first);
        let date_order = if d > 0 && d >= 3 * m {
            Some(DateOrder::Dmy)
        } else if m > 0 && m >= 3 * d {
            Some(DateOrder::Mdy)
        } else {
            None
        };
        VaultContext {
            people: self.people.values().cloned().collect(),
            date_order,
            kept_keys: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "**Attendees**: Ada Lovelace\nMet on 25/10/2025 and 13/11/2025.\n";

    #[test]
    fn facts_are_gathered_for_the_fixes_that_use_them() {
        let all = facts(NOTE, &Config::default());
        assert_eq!(all.people, vec!["Ada Lovelace".to_string()]);
        assert_eq!((all.day_first, all.month_first), (2, 0));

        let mut dates_only = Config::default();
        dates_only.only(&[Fix::Dates]);
        let f = facts(NOTE, &dates_only);
        assert!(f.people.is_empty());
        assert_eq!(f.day_first, 2);

        // `mojibake` weighs the words of the vault's names.
        let mut no_dates = Config::default();
        no_dates.only(&[Fix::Mojibake]);
        let f = facts(NOTE, &no_dates);
        assert_eq!(f.people, all.people);
        assert_eq!((f.day_first, f.month_first), (0, 0));
    }
}
