//! A vault context prepared once for many repairs of single notes.
//!
//! The plugin repairs one note at a time (on save, on leave, from a
//! command) with the context its vault index gives, and that context
//! changes only when some note's facts do. Handing it over on every call
//! costs the crossing of thousands of names, and preparing the fixes'
//! [`Context`] from it (the people indexed for `duplicate-names`, their
//! words for `mojibake`) costs more: a [`PreparedVault`] takes the context
//! once and keeps what it prepared, for as long as the settings stay the
//! same.
//!
//! ```
//! use notemend::{normalize, prepared::PreparedVault, Config, VaultContext};
//!
//! let vault = VaultContext { people: vec!["Lior Genzel".into()], ..VaultContext::default() };
//! let mut prepared = PreparedVault::new(vault.clone());
//! let text = "Call Lior Genzel Genzel today.\n";
//! let with_handle = prepared.normalize(text, Config::default());
//! let per_call = normalize(text, &Config { vault, ..Config::default() });
//! assert_eq!(with_handle, per_call);
//! assert_eq!(with_handle.text, "Call Lior Genzel today.\n");
//! ```

use crate::config::{Config, VaultContext};
use crate::{normalize_with, Context, Outcome};

/// A vault context, and the fixes' [`Context`] prepared from it for the
/// settings of the last repair.
#[derive(Debug)]
pub struct PreparedVault {
    vault: VaultContext,
    /// The settings last repaired with (their `vault` left empty) and the
    /// context prepared for them with this vault.
    last: Option<(Config, Context)>,
}

impl PreparedVault {
    /// Keeps `vault`; nothing is prepared until the first repair, which
    /// brings the settings.
    pub fn new(vault: VaultContext) -> PreparedVault {
        PreparedVault { vault, last: None }
    }

    /// The context it holds.
    pub fn vault(&self) -> &VaultContext {
        &self.vault
    }

    /// The fixes' context for `settings` with this vault (any vault in
    /// `settings` is ignored): the one prepared for the previous call when
    /// the settings are the same, so only a change of settings prepares it
    /// again.
    pub fn context(&mut self, mut settings: Config) -> &Context {
        settings.vault = VaultContext::default();
        if self
            .last
            .as_ref()
            .is_some_and(|(kept, _)| *kept != settings)
        {
            self.last = None;
        }
        let vault = &self.vault;
        let (_, cx) = self.last.get_or_insert_with(|| {
            let config = Config {
                vault: vault.clone(),
                ..settings.clone()
            };
            (settings, Context::new(&config))
        });
        cx
    }

    /// Repairs `text` as [`crate::normalize`] does with `settings` and this
    /// vault: the same outcome, without preparing the context again.
    pub fn normalize(&mut self, text: &str, settings: Config) -> Outcome {
        normalize_with(text, self.context(settings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plugins::KeptKey;
    use crate::vault::{self, VaultIndex};
    use crate::{normalize, DateOrder};

    /// Notes whose repair turns on what the vault knows: a doubled name only
    /// the vault's people settle, a lost byte only their spelling decides, a
    /// date only its day-first order reads, a key another plugin writes.
    const NOTES: &[&str] = &[
        "Call Mei Álvarez Álvarez about the budget.\n",
        "Lunch with Ãrsa Sigurðardóttir today.\n",
        "---\ndue: 03/04/2025\n---\n",
        "---\ndate modified: 03/04/2025\ncreated: 2025/04/03\n---\n",
        "- [ ] ask @Myself about @Lior Genzel Genzel 📅 03/04/2025 #task\n",
        "**Attendees**: Ýrsa Sigurðardóttir Sigurðardóttir, Frank Ray\n",
        "",
    ];

    /// Settings that change what the fixes prepare, in an order that goes
    /// back to earlier ones.
    fn settings() -> Vec<Config> {
        let mut dates_off = Config::default();
        dates_off.skip(&[crate::Fix::Dates]);
        let known = Config {
            known_people: vec!["Mei Álvarez".into(), "Frank Ray".into()],
            me: "Lior Genzel".into(),
            ..Config::default()
        };
        let month_first = Config {
            date_order: DateOrder::Mdy,
            date_format: "DD.MM.YYYY".into(),
            ..Config::default()
        };
        vec![
            Config::default(),
            dates_off,
            known.clone(),
            Config::default(),
            month_first,
            known,
        ]
    }

    /// The example vault's index, with the people and dates the notes above need.
    fn vault() -> VaultContext {
        let config = Config::default();
        let mut index = VaultIndex::default();
        let mut texts: Vec<String> = crate::testgen::markdown_files("examples/vault")
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        texts.push("**Attendees**: Mei Álvarez, Ýrsa Sigurðardóttir, Lior Genzel\n".into());
        texts.extend(
            ["25/12/2024", "31/01/2025", "13/02/2025"].map(|d| format!("---\ndue: {d}\n---\n")),
        );
        for text in &texts {
            index.add(&vault::facts(text, &config));
        }
        let mut context = index.context();
        context.kept_keys = vec![KeptKey {
            key: "date modified".into(),
            by: "Obsidian Linter's YAML timestamp".into(),
        }];
        context
    }

    fn per_call(text: &str, settings: &Config, vault: &VaultContext) -> Outcome {
        normalize(
            text,
            &Config {
                vault: vault.clone(),
                ..settings.clone()
            },
        )
    }

    #[test]
    fn one_handle_gives_the_per_call_outcome_across_notes_and_settings() {
        let vault = vault();
        assert_eq!(vault.date_order, Some(DateOrder::Dmy));
        let mut prepared = PreparedVault::new(vault.clone());
        let mut notes: Vec<String> = NOTES.iter().map(|n| n.to_string()).collect();
        notes.extend(
            crate::testgen::markdown_files("examples/vault")
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok()),
        );
        let pieces = [
            "Mei Álvarez ",
            "Álvarez ",
            "Ãrsa ",
            "Sigurðardóttir ",
            "03/04/2025 ",
            "@Myself ",
            "- [ ] ",
            "**Attendees**: ",
            "\n",
            "---\n",
            "due: ",
            "date modified: ",
            "[[Lior Genzel]] ",
            "Genzel ",
            "  ",
            "Frank Ray Ray ",
        ];
        notes.extend(crate::testgen::texts_from(11, &pieces, 12, 400));
        let mut repaired = 0;
        for (i, text) in notes.iter().enumerate() {
            // One handle, the settings changing between calls: each change
            // prepares the context again, and a return to earlier settings too.
            for settings in settings().into_iter().skip(i % 3) {
                let expected = per_call(text, &settings, &vault);
                repaired += usize::from(expected.changed());
                assert_eq!(prepared.normalize(text, settings), expected, "{text:?}");
            }
        }
        assert!(repaired > 100, "the notes exercise the repairs: {repaired}");
    }

    #[test]
    fn the_vault_decides_what_the_note_alone_leaves() {
        let vault = vault();
        let mut prepared = PreparedVault::new(vault);
        for text in &NOTES[..3] {
            let alone = normalize(text, &Config::default());
            let with = prepared.normalize(text, Config::default());
            assert!(!alone.changed(), "{text:?} alone");
            assert!(with.changed(), "{text:?} with the vault");
        }
    }

    #[test]
    fn a_vault_in_the_settings_is_not_the_one_used() {
        let mut prepared = PreparedVault::new(VaultContext::default());
        let settings = Config {
            vault: vault(),
            ..Config::default()
        };
        let text = NOTES[0];
        assert_eq!(prepared.normalize(text, settings).text, text);
        assert!(prepared.vault().people.is_empty());
    }
}
