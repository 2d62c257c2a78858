//! The people index: who a note (and the vault, and the settings) knows, by
//! lower-cased name, with where each was first seen for the messages.

use super::name;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a known person was first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// An attendee or participant line of the note (its label as written).
    Line(String),
    /// A frontmatter key of the note.
    Frontmatter(String),
    /// A `[[link]]` of the note.
    Link,
    /// The `knownPeople` setting.
    Setting,
    /// The `me` setting.
    Me,
    /// Another note of the vault.
    Vault,
}

impl Source {
    /// Words for "known from …".
    pub fn describe(&self) -> String {
        match self {
            Source::Line(label) => format!("the {} line", label.to_lowercase()),
            Source::Frontmatter(key) => format!("the frontmatter `{key}`"),
            Source::Link => "a link to the person".to_string(),
            Source::Setting => "the `knownPeople` setting".to_string(),
            Source::Me => "the `me` setting".to_string(),
            Source::Vault => "the vault".to_string(),
        }
    }
}

/// A known person.
#[derive(Clone, Debug)]
pub struct Person {
    /// The name as first written.
    pub name: String,
    /// Where it was first seen.
    pub source: Source,
    /// The setting that lists the person (`knownPeople` or `me`), if any:
    /// the user's own word, which outweighs anything a note says.
    pub vouched: Option<Source>,
}

/// Known people by [`name::key`].
///
/// An index may sit on a shared `base` holding everyone added after it (the
/// settings and the vault): a vault knows thousands of people, and adding
/// them all again for every note was most of the fix's cost on a vault.
/// Lookups read the index, then the base, exactly as if the base's people
/// had been added last.
#[derive(Debug, Default)]
pub struct People {
    by_key: HashMap<String, Person>,
    base: Option<Arc<People>>,
}

impl People {
    /// An empty index whose people come before those of `base`.
    pub fn over(base: Arc<People>) -> People {
        People {
            by_key: HashMap::new(),
            base: Some(base),
        }
    }

    /// Adds `name`; the first source seen for a name is the one reported,
    /// and a setting that lists it is remembered as well.
    pub fn add(&mut self, name: &str, source: Source) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let vouched = matches!(source, Source::Setting | Source::Me).then(|| source.clone());
        let key = name::key(name);
        // The base's settings vouch for a name the note knows too, as they
        // would have if they had been added after the note.
        let base_vouched = self
            .base
            .as_ref()
            .and_then(|b| b.by_key.get(&key))
            .and_then(|p| p.vouched.clone());
        let person = self.by_key.entry(key).or_insert_with(|| Person {
            name: name.to_string(),
            source,
            vouched: base_vouched,
        });
        if person.vouched.is_none() {
            person.vouched = vouched;
        }
    }

    /// The person named `name`, ignoring case and a possessive ending
    /// (`Lior Genzel’s` is Lior Genzel).
    pub fn get(&self, name: &str) -> Option<&Person> {
        self.by_exact_key(&name::key(name)).or_else(|| {
            let (base, suffix) = name::possessive(name);
            if suffix.is_empty() {
                None
            } else {
                self.by_exact_key(&name::key(base))
            }
        })
    }

    fn by_exact_key(&self, key: &str) -> Option<&Person> {
        self.by_key
            .get(key)
            .or_else(|| self.base.as_ref()?.by_key.get(key))
    }

    /// How many people are known.
    pub fn len(&self) -> usize {
        match &self.base {
            Some(base) => {
                let own = self.by_key.keys().filter(|k| !base.by_key.contains_key(*k));
                own.count() + base.len()
            }
            None => self.by_key.len(),
        }
    }

    /// Whether no one is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_source_wins_and_case_is_ignored() {
        let mut people = People::default();
        people.add("Lior Genzel", Source::Line("Attendees".into()));
        people.add("LIOR GENZEL", Source::Setting);
        let p = people.get("lior genzel").unwrap();
        assert_eq!(p.name, "Lior Genzel");
        assert_eq!(p.source.describe(), "the attendees line");
        assert_eq!(p.vouched, Some(Source::Setting));
        assert!(people.get("Lior Génzel").is_none());
        assert_eq!(people.len(), 1);
    }
}
