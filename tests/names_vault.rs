//! The vault index for `duplicate-names`: what one note says about a person
//! decides how another note's doubled name is repaired.

use notemend::vault::{self, VaultIndex};
use notemend::{normalize, Config, Fix};

fn names_only() -> Config {
    let mut config = Config::default();
    config.only(&[Fix::DuplicateNames]);
    config
}

/// The config a vault clean-up hands to each note of `notes`.
fn vault_config(notes: &[&str]) -> Config {
    let mut config = names_only();
    let mut index = VaultIndex::default();
    for text in notes {
        index.add(&vault::facts(text, &config));
    }
    config.vault = index.context();
    config
}

const A: &str = "---\nparticipants:\n- Lior Genzel\n---\n# Intro call\n\n**Attendees**: Lior Genzel, [[Jason Vallery]], Sirhan Sirhan\n";

#[test]
fn facts_of_a_note_name_its_people_but_not_its_mentions() {
    let mut people = vault::facts(A, &names_only()).people;
    people.sort();
    // Frontmatter and attendee line agree on Lior Genzel: named once.
    assert_eq!(people, ["Jason Vallery", "Lior Genzel", "Sirhan Sirhan"]);
    let facts = vault::facts("- [ ] call @Ada Ada Lovelace\n", &names_only());
    assert!(facts.people.is_empty());
}

#[test]
fn a_note_with_only_a_doubled_mention_is_repaired_from_the_vault() {
    let b = "- [ ] Follow up @Lior Genzel Genzel 📅 2025-10-26 #task\n";
    let out = normalize(b, &vault_config(&[A, b]));
    assert_eq!(
        out.text,
        "- [ ] Follow up @Lior Genzel 📅 2025-10-26 #task\n"
    );
    assert_eq!(
        out.changes[0].message,
        "`Lior Genzel Genzel` → `Lior Genzel`: doubled word; `Lior Genzel` is known from the vault"
    );
}

#[test]
fn the_vault_settles_what_the_note_alone_cannot() {
    // Alone, the note's own attendee line vouches for the doubled spelling.
    let b = "**Attendees**: Lior Genzel Genzel\n- [ ] Call @Lior Genzel Genzel\n";
    assert_eq!(normalize(b, &names_only()).text, b);
    // The vault knows him with one surname: both places are repaired.
    let out = normalize(b, &vault_config(&[A, b]));
    assert_eq!(
        out.text,
        "**Attendees**: Lior Genzel\n- [ ] Call @Lior Genzel\n"
    );
    assert_eq!(out.changes.len(), 2);
}

#[test]
fn a_name_known_doubled_in_the_vault_stays() {
    let c = "- [ ] Call @Sirhan Sirhan about the draft\n";
    // Alone, nothing says the doubled word is real.
    assert_eq!(
        normalize(c, &names_only()).text,
        "- [ ] Call @Sirhan about the draft\n"
    );
    let out = normalize(c, &vault_config(&[A, c]));
    assert_eq!(out.text, c);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("known that way from the vault")));
}
