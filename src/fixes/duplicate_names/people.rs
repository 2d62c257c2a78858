//! The people index: who a note (and the vault, and the settings) knows, by
//! lower-cased name, with where each was first seen for the messages.

use super::name;
use std::collections::HashMap;

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
#[derive(Debug, Default)]
pub struct People {
    by_key: HashMap<String, Person>,
}

impl People {
    /// Adds `name`; the first source seen for a name is the one reported,
    /// and a setting that lists it is remembered as well.
    pub fn add(&mut self, name: &str, source: Source) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let vouched = matches!(source, Source::Setting | Source::Me).then(|| source.clone());
        let person = self
            .by_key
            .entry(name::key(name))
            .or_insert_with(|| Person {
                name: name.to_string(),
                source,
                vouched: None,
            });
        if person.vouched.is_none() {
            person.vouched = vouched;
        }
    }

    /// The person named `name`, ignoring case and a possessive ending
    /// (`Lior Genzel’s` is Lior Genzel).
    pub fn get(&self, name: &str) -> Option<&Person> {
        self.by_key.get(&name::key(name)).or_else(|| {
            let (base, suffix) = name::possessive(name);
            if suffix.is_empty() {
                None
            } else {
                self.by_key.get(&name::key(base))
            }
        })
    }

    /// How many people are known.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether no one is known.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
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
