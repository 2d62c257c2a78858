//! # `duplicate-names`
//!
//! ## What it does
//!
//! Repairs a person's name that has a word written twice back to back
//! (`@Lior Genzel Genzel`, `Lior Lior Genzel`; the repetition ignores case)
//! wherever a note names people:
//!
//! - `@` mentions: one to four capitalised words after `@`, ending before a
//!   Tasks signifier emoji, a `#tag`, a date, punctuation or a lower-case word;
//! - attendee and participant lines (`**Attendees**: A, B`, `Participants: …`);
//! - frontmatter lists of people (`participants`, `attendees`, `people`,
//!   `owner`, and the keys of the `peopleKeys` setting): only the item's bytes
//!   are edited, quotes and layout stay; an entry the repair would make
//!   equal to another entry of its list is dropped instead, and the change
//!   says so (`[Lior Genzel, Lior Genzel Genzel]` → `[Lior Genzel]`);
//! - the display text of `[[target|alias]]` links;
//! - running text, only when the collapsed words are a known person
//!   (`talk to Jason Jason Vallery` with Jason Vallery an attendee): there a
//!   doubled word is as often a real phrase (`Bora Bora`, `New New York`);
//! - the word after a link that repeats the last word of the name it shows
//!   (`[[Lior Genzel]] Genzel` → `[[Lior Genzel]]`).
//!
//! It also replaces a placeholder owner (`@Myself`, `@Me`) with the name in
//! the `me` setting, when that is set.
//!
//! ## Why
//!
//! Exports and meeting-note generators glue a surname on twice. The doubled
//! name then fails every search, Dataview query and task filter for the person.
//!
//! ## The rule
//!
//! A doubled name is collapsed when the collapsed name is a known person, or
//! when the doubled form is not itself a known person. Known people come from
//! the note (attendee lines, frontmatter people keys, links whose target or
//! alias looks like a person's name), from the `knownPeople` and `me`
//! settings, and, during a vault clean-up, from every note of the vault
//! ([`crate::vault`] calls [`people_of`] on each note first). A name that
//! really repeats a word and is known that way (`Sirhan Sirhan`) stays; so
//! does a hyphenated one (`Boutros Boutros-Ghali` has no word written twice).
//! A place that itself says who someone is (an attendee item, a list item, a
//! link alias) counts as evidence for its own spelling, so it is only changed
//! when the collapsed name is known from elsewhere. Names are compared
//! ignoring case (Unicode lower case) but not accents; any script with upper
//! and lower case works.
//!
//! ## Example
//!
//! ```
//! use notemend::{normalize, Config, Fix};
//!
//! let mut config = Config::default();
//! config.only(&[Fix::DuplicateNames]);
//! let note = "**Attendees**: Lior Genzel\n- [ ] Call @Lior Genzel Genzel 📅 2025-10-26\n";
//! let out = normalize(note, &config);
//! assert_eq!(out.text, "**Attendees**: Lior Genzel\n- [ ] Call @Lior Genzel 📅 2025-10-26\n");
//! assert!(out.changes[0].message.contains("known from the attendees line"));
//! ```
//!
//! ## Fix safety
//!
//! Link targets are never changed (renaming a target breaks the link); a
//! target that differs from a known person only by a doubled word is
//! reported. Code, math, comments and URLs are never edited. A doubled name
//! left alone because it is known that way is reported, not changed.
//!
//! ## Options
//!
//! - `knownPeople`: names the user vouches for; a doubled name listed there
//!   always stays.
//! - `peopleKeys`: extra frontmatter keys holding people.
//! - `me`: the name `@Myself` stands for; empty (the default) leaves it.

mod judge;
pub mod lists;
pub mod name;
pub mod people;
mod prose;
pub mod sites;

use super::{Context, Sink};
use crate::config::Config;
use crate::note::{Kinds, Note};
use people::{People, Source};
use sites::Found;
use std::sync::Arc;

/// A doubled word, or an `@` (a placeholder owner, with the `me` setting).
pub const NEEDS: Kinds = Kinds::DOUBLED_WORD.or(Kinds::AT);

/// Proposes the `duplicate-names` edits for `note`.
pub fn run(note: &Note, cx: &Context, sink: &mut Sink) {
    let config = &cx.config;
    let text = note.text;
    let me = config.me.trim();
    let placeholders = !me.is_empty() && note.scan.has(text, Kinds::AT);
    let doubled = note.scan.has(text, Kinds::DOUBLED_WORD);
    if !placeholders && !doubled {
        return;
    }
    // A full reading (the scan's oracle) must not take places found under
    // the scan.
    let found = if cx.read_everything {
        std::borrow::Cow::Owned(sites::scan(note, config))
    } else {
        sites::of(note, config)
    };
    if placeholders {
        for range in &found.placeholders {
            let message = format!(
                "`@{}` → `@{me}`: a placeholder owner; the `me` setting names you",
                &text[range.clone()]
            );
            sink.replace(range.clone(), me, message);
        }
    }
    if doubled {
        let people = index(&found, text, &cx.people);
        let from = sink.proposals.len();
        for site in &found.sites {
            judge::site(text, site, &people, sink);
        }
        lists::drop_repeats(note, &found.lists, sink, from);
        prose::propose(note, &found.sites, &people, sink);
    }
}

/// The people `note` names, for the vault index: attendee and participant
/// lines, frontmatter people keys and links whose target or alias looks like
/// a person's name, as written, each once (ignoring case). Mentions are not
/// evidence: they are where doubled names turn up.
pub fn people_of(note: &Note, config: &Config) -> Vec<String> {
    people_in(note, &sites::scan_evidence(note, config))
}

/// [`people_of`] a note that is then repaired from this reading: read
/// with its mentions, which the fix's first pass takes from the note
/// rather than reading them again ([`sites::of`]).
pub fn people_of_kept(note: &Note, config: &Config) -> Vec<String> {
    people_in(note, &sites::of(note, config))
}

/// The people the places in `found` say `note` names, as [`people_of`]
/// lists them (a mention says nobody is known: it has no source).
fn people_in(note: &Note, found: &Found) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for site in found.sites.iter().filter(|s| s.source.is_some()) {
        let written = site.text(note.text);
        if seen.insert(name::key(written)) {
            out.push(written.to_string());
        }
    }
    out
}

/// Everyone known while repairing one note: the note first (so messages name
/// the nearest evidence), then the settings, then the vault.
fn index(found: &Found, text: &str, known: &Known) -> People {
    let mut people = People::over(known.0.clone());
    // Attendee lines first, then the frontmatter, then links: "known from
    // the attendees line" is what a reader checks first.
    let mut facts: Vec<_> = found.sites.iter().filter(|s| s.source.is_some()).collect();
    facts.sort_by_key(|s| match s.source {
        Some(Source::Line(_)) => 0,
        Some(Source::Frontmatter(_)) => 1,
        _ => 2,
    });
    for site in facts {
        if let Some(source) = &site.source {
            people.add(site.text(text), source.clone());
        }
    }
    people
}

/// The people the settings and then the vault know, indexed once per run
/// (a vault clean-up judges every note with one config) rather than again
/// for every note: a vault knows thousands of people.
#[derive(Debug)]
pub(crate) struct Known(Arc<People>);

impl Known {
    pub(crate) fn of(config: &Config) -> Known {
        let mut people = People::default();
        for person in &config.known_people {
            people.add(person, Source::Setting);
        }
        people.add(&config.me, Source::Me);
        for person in &config.vault.people {
            people.add(person, Source::Vault);
        }
        Known(Arc::new(people))
    }
}

#[cfg(test)]
mod tests {
    use crate::{normalize, Config, Fix};

    fn names(text: &str, config: &mut Config) -> crate::Outcome {
        config.only(&[Fix::DuplicateNames]);
        normalize(text, config)
    }

    fn fix(text: &str) -> String {
        names(text, &mut Config::default()).text
    }

    #[test]
    fn mention_collapsed_when_the_note_knows_the_person() {
        let out = names(
            "**Attendees**: Lior Genzel, Jason Vallery\n- [ ] a @Lior Genzel Genzel 📅 2025-10-26 ⏫ #task\n",
            &mut Config::default(),
        );
        assert_eq!(
            out.text,
            "**Attendees**: Lior Genzel, Jason Vallery\n- [ ] a @Lior Genzel 📅 2025-10-26 ⏫ #task\n"
        );
        assert_eq!(out.changes.len(), 1);
        assert_eq!(
            out.changes[0].message,
            "`Lior Genzel Genzel` → `Lior Genzel`: doubled word; `Lior Genzel` is known from the attendees line"
        );
    }

    #[test]
    fn unknown_doubled_mentions_collapse_and_keep_the_sentence() {
        assert_eq!(
            fix("ask @Lior Lior Genzel about it\n"),
            "ask @Lior Genzel about it\n"
        );
        assert_eq!(
            fix("ask @Lior Genzel Genzel, then go\n"),
            "ask @Lior Genzel, then go\n"
        );
        assert_eq!(fix("@Lior Genzel Genzel #task\n"), "@Lior Genzel #task\n");
        assert_eq!(fix("@Lior Genzel Genzel.\n"), "@Lior Genzel.\n");
        assert_eq!(
            fix("see @Lior Genzel Genzel’s plan\n"),
            "see @Lior Genzel’s plan\n"
        );
    }

    #[test]
    fn known_doubled_names_stay() {
        let text = "Attendees: Sirhan Sirhan\n- [ ] call @Sirhan Sirhan 📅 2025-01-02\n";
        let out = names(text, &mut Config::default());
        assert_eq!(out.text, text);
        assert!(out.diagnostics.iter().any(|d| d.message.contains("known")));
        let mut config = Config {
            known_people: vec!["Sirhan Sirhan".into()],
            ..Config::default()
        };
        assert_eq!(
            names("@Sirhan Sirhan\n", &mut config).text,
            "@Sirhan Sirhan\n"
        );
        assert_eq!(fix("@Boutros Boutros-Ghali\n"), "@Boutros Boutros-Ghali\n");
    }

    #[test]
    fn placeholder_owner_needs_me() {
        assert_eq!(fix("@Myself 📅 2025-01-02\n"), "@Myself 📅 2025-01-02\n");
        let mut config = Config {
            me: "Ada Lovelace".into(),
            ..Config::default()
        };
        let out = names("@Myself and @me but not @Melanie\n", &mut config);
        assert_eq!(
            out.text,
            "@Ada Lovelace and @Ada Lovelace but not @Melanie\n"
        );
    }

    #[test]
    fn vault_people_decide() {
        let mut config = Config::default();
        config.vault.people = vec!["Sirhan Sirhan".into()];
        assert_eq!(
            names("@Sirhan Sirhan\n", &mut config).text,
            "@Sirhan Sirhan\n"
        );
        config.vault.people = vec!["Lior Genzel".into()];
        let out = names("@LIOR GENZEL GENZEL\n", &mut config);
        assert_eq!(out.text, "@LIOR GENZEL\n");
        assert!(out.changes[0].message.contains("the vault"));
    }

    #[test]
    fn people_of_reads_evidence_not_mentions() {
        let text = "---\nowner: Grace Hopper\n---\n**Participants**: Lior Genzel, lior genzel\n@Ada Ada\n[[People/Alan Turing|Alan]]\n";
        let note = crate::Note::parse(text);
        let people = super::people_of(&note, &Config::default());
        assert_eq!(people, ["Lior Genzel", "Alan Turing", "Grace Hopper"]);
    }

    #[test]
    fn places_kept_for_the_index_repair_as_a_fresh_reading_does() {
        let texts = [
            "---\nowner: Grace Hopper\n---\n**Participants**: Lior Genzel, lior genzel\n@Ada Ada\n[[People/Alan Turing|Alan]]\n",
            "**Attendees**: Lior Genzel\n- [ ] call @Lior Genzel Genzel 📅 2025-01-02\nsee [[Lior Genzel]] Genzel\n",
            "---\nparticipants: [Lior Genzel, Lior Genzel Genzel]\n---\n@Myself and @Ada Ada Lovelace\n",
        ];
        for config in [
            Config::default(),
            Config {
                me: "Ada Lovelace".into(),
                people_keys: vec!["owner".into()],
                ..Config::default()
            },
        ] {
            let cx = crate::Context::new(&config);
            for text in texts {
                let note = crate::Note::parse(text);
                let people = super::people_of_kept(&note, &config);
                assert_eq!(people, super::people_of(&note, &config), "{text}");
                let kept = crate::normalize_note(note, &cx);
                assert_eq!(kept, normalize(text, &config), "{text}");
            }
        }
    }

    #[test]
    fn link_targets_are_reported_not_changed() {
        let text = "**Attendees**: Lior Genzel\nsee [[Lior Genzel Genzel]] and [[Lior Genzel Genzel|Lior Lior Genzel]]\n";
        let out = names(text, &mut Config::default());
        assert_eq!(
            out.text,
            "**Attendees**: Lior Genzel\nsee [[Lior Genzel Genzel]] and [[Lior Genzel Genzel|Lior Genzel]]\n"
        );
        let reports: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("link target `Lior Genzel Genzel`"))
            .collect();
        assert_eq!(reports.len(), 1, "{:?}", out.diagnostics);
        assert_eq!(reports[0].line, 2);
        // A doubled target nobody is known by is just a page name.
        let plain = "see [[New New York]]\n";
        assert!(names(plain, &mut Config::default()).diagnostics.is_empty());
    }

    #[test]
    fn list_items_need_the_single_name_known_elsewhere() {
        // The line vouches for its own spelling…
        let alone = "**Owner**: Jason Vallery Vallery\n";
        assert_eq!(fix(alone), alone);
        // …until the frontmatter knows the person with one surname.
        let text = "---\nowner: Jason Vallery\n---\n**Owner**: Jason Vallery Vallery (VAST)\n";
        let out = names(text, &mut Config::default());
        assert_eq!(
            out.text,
            "---\nowner: Jason Vallery\n---\n**Owner**: Jason Vallery (VAST)\n"
        );
        assert!(out.changes[0]
            .message
            .ends_with("known from the frontmatter `owner`"));
    }

    #[test]
    fn configured_people_keys_and_protected_text() {
        let mut config = Config {
            people_keys: vec!["Reviewers".into()],
            known_people: vec!["Ada Lovelace".into()],
            ..Config::default()
        };
        let text = "---\nreviewers: [\"Ada Ada Lovelace\"]\nsteps: [Ada Ada Lovelace]\n---\n`@Ada Ada Lovelace` <!-- @Ada Ada Lovelace --> https://x.org/@Ada_Ada\n";
        let out = names(text, &mut config);
        assert_eq!(
            out.text,
            text.replacen("\"Ada Ada Lovelace\"", "\"Ada Lovelace\"", 1)
        );
        assert!(out.changes[0].message.contains("the `knownPeople` setting"));
    }

    #[test]
    fn a_list_entry_repaired_into_a_repeat_is_dropped() {
        let cases = [
            (
                "---\nparticipants:\n- Lior Genzel\n- Lior Genzel Genzel\n- Jason Vallery\n---\n",
                "---\nparticipants:\n- Lior Genzel\n- Jason Vallery\n---\n",
            ),
            (
                "---\nparticipants: [Lior Genzel, Lior Genzel Genzel]\n---\n",
                "---\nparticipants: [Lior Genzel]\n---\n",
            ),
            // The repeat may come first, and be written with other quotes.
            (
                "---\nattendees: ['Lior Lior Genzel', Ada, \"Lior Genzel\"]\n---\n",
                "---\nattendees: [Ada, \"Lior Genzel\"]\n---\n",
            ),
            // Both repaired entries repeat the one left as written, and
            // their cuts in a flow list touch: the list still reads right.
            (
                "---\npeople: [Ada Ada Lovelace, Ada Lovelace Lovelace, Ada Lovelace]\n---\n",
                "---\npeople: [Ada Lovelace]\n---\n",
            ),
            // Two entries repaired into one name: the first stays.
            (
                "---\npeople:\r\n  - Ada Ada Lovelace\r\n  - Ada Lovelace Lovelace\r\n---\n",
                "---\npeople:\r\n  - Ada Lovelace\r\n---\n",
            ),
        ];
        let mut config = Config {
            known_people: vec!["Ada Lovelace".into(), "Lior Genzel".into()],
            ..Config::default()
        };
        for (text, expected) in cases {
            let out = names(text, &mut config);
            assert_eq!(out.text, expected, "{text}");
            let drop = out
                .changes
                .iter()
                .find(|c| c.message.contains("so this entry is dropped"))
                .expect("the drop is explained");
            assert!(drop.message.contains("doubled word"), "{}", drop.message);
            assert_eq!(names(expected, &mut config).text, expected);
        }
    }

    #[test]
    fn a_list_entry_without_a_clean_cut_is_repaired_in_place() {
        // A comment on the line, a nested list, a different spelling: the
        // entry is repaired, never removed.
        for (text, expected) in [
            (
                "---\npeople:\n  - Ada Ada Lovelace # x\n  - Ada Lovelace\n---\n",
                "---\npeople:\n  - Ada Lovelace # x\n  - Ada Lovelace\n---\n",
            ),
            (
                "---\npeople:\n  - Ada Lovelace\n  - - Ada Ada Lovelace\n---\n",
                "---\npeople:\n  - Ada Lovelace\n  - - Ada Ada Lovelace\n---\n",
            ),
            (
                "---\npeople: [ADA LOVELACE, Ada Ada Lovelace]\n---\n",
                "---\npeople: [ADA LOVELACE, Ada Lovelace]\n---\n",
            ),
        ] {
            assert_eq!(fix(text), expected, "{text}");
        }
    }

    #[test]
    fn notes_without_doubled_words_are_skipped_whole() {
        let text =
            "**Attendees**: Ada Lovelace\n@Ada Lovelace and [[Ada Lovelace|Ada]] and the the cat\n";
        let out = names(text, &mut Config::default());
        assert_eq!(out.text, text);
        assert!(out.diagnostics.is_empty());
    }

    #[test]
    fn crlf_and_bom_notes() {
        let text = "\u{feff}---\r\nparticipants:\r\n  - Ada Lovelace\r\n  - 'Ada Ada Lovelace'\r\n  - Grace Hopper\r\n---\r\n@Ada Lovelace Lovelace\r\n";
        assert_eq!(
            fix(text),
            "\u{feff}---\r\nparticipants:\r\n  - Ada Lovelace\r\n  - Grace Hopper\r\n---\r\n@Ada Lovelace\r\n"
        );
    }

    #[test]
    fn running_text_is_repaired_only_on_proof() {
        let note = "Attendees: Jason Vallery\n\nThen Jason Jason Vallery spoke. Yesterday Jason Vallery Vallery left.\nWe flew to Bora Bora, then New New York; Duran Duran played. Ask Lior Lior.\n";
        let out = names(note, &mut Config::default());
        assert_eq!(
            out.text,
            "Attendees: Jason Vallery\n\nThen Jason Vallery spoke. Yesterday Jason Vallery left.\nWe flew to Bora Bora, then New New York; Duran Duran played. Ask Lior Lior.\n"
        );
        assert!(out.changes[0].message.contains("running text"));
        assert!(out.diagnostics.is_empty());
        // Known from the settings (or the vault) is proof too; code is not text.
        let mut config = Config {
            known_people: vec!["Ada Lovelace".into()],
            ..Config::default()
        };
        assert_eq!(
            names("met Ada Ada Lovelace and `Ada Ada Lovelace`\n", &mut config).text,
            "met Ada Lovelace and `Ada Ada Lovelace`\n"
        );
        // A decomposed accent is part of the word, as the doubled-word test
        // reads it.
        let mut config = Config {
            known_people: vec!["Jose\u{301} Lopez".into()],
            ..Config::default()
        };
        assert_eq!(
            names("met Jose\u{301} Jose\u{301} Lopez\n", &mut config).text,
            "met Jose\u{301} Lopez\n"
        );
    }

    #[test]
    fn a_word_after_a_link_that_repeats_its_name_goes() {
        assert_eq!(
            fix("Owner: [[Lior Genzel]] Genzel\n"),
            "Owner: [[Lior Genzel]]\n"
        );
        assert_eq!(
            fix("see [[People/Lior Genzel|Lior G]] G and [[Lior Genzel|Lior]] Genzel\n"),
            "see [[People/Lior Genzel|Lior G]] and [[Lior Genzel|Lior]] Genzel\n"
        );
        assert_eq!(
            fix("[[Lior Genzel]] Genzelian\n"),
            "[[Lior Genzel]] Genzelian\n"
        );
    }
}
