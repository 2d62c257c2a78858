//! Settings: which fixes run and how. The JSON form is the plugin's saved
//! settings, read as-is by the CLI's `--config`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One repair of the catalogue. The kebab-case names are a public interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fix {
    /// UTF-8 decoded with a legacy code page.
    Mojibake,
    /// A person's name with a word written twice.
    DuplicateNames,
    /// Dates normalised to one format.
    Dates,
    /// Obsidian Tasks lines: signifiers, order, spacing.
    Tasks,
    /// YAML frontmatter tidy-up with minimal diffs.
    Frontmatter,
    /// Trailing spaces, blank lines, final newline.
    Whitespace,
}

impl Fix {
    /// Every fix, in the order the pipeline runs them: byte damage first, so
    /// the later fixes see the real characters; layout last.
    pub const ALL: [Fix; 6] = [
        Fix::Mojibake,
        Fix::DuplicateNames,
        Fix::Dates,
        Fix::Tasks,
        Fix::Frontmatter,
        Fix::Whitespace,
    ];

    /// The stable kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Fix::Mojibake => "mojibake",
            Fix::DuplicateNames => "duplicate-names",
            Fix::Dates => "dates",
            Fix::Tasks => "tasks",
            Fix::Frontmatter => "frontmatter",
            Fix::Whitespace => "whitespace",
        }
    }

    /// Looks a fix up by its name.
    pub fn from_name(name: &str) -> Option<Fix> {
        Fix::ALL.into_iter().find(|f| f.name() == name.trim())
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to read a numeric date such as `03/04/2025`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Only on evidence from the note or the vault.
    #[default]
    Auto,
    /// Day first: 03/04/2025 is 3 April.
    Dmy,
    /// Month first: 03/04/2025 is 4 March.
    Mdy,
}

/// What the whole vault knows, gathered before a bulk clean-up (see
/// [`crate::vault`]). Never part of the saved settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VaultContext {
    /// People named anywhere in the vault, as written.
    pub people: Vec<String>,
    /// The order unambiguous numeric dates of the vault use, if one dominates.
    pub date_order: Option<DateOrder>,
    /// Frontmatter keys other plugins write in their own format (see
    /// [`crate::plugins`]): their values stay as written.
    pub kept_keys: Vec<crate::plugins::KeptKey>,
}

/// All settings. Unknown keys are reported by [`Config::from_json`], not
/// rejected, so the plugin can keep its own keys in the same object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Fix name → enabled. A fix not listed is enabled.
    pub fixes: BTreeMap<String, bool>,
    /// Output date format in moment.js tokens.
    pub date_format: String,
    /// How ambiguous numeric dates are read.
    pub date_order: DateOrder,
    /// Extra frontmatter keys holding dates.
    pub date_keys: Vec<String>,
    /// Also normalise dates in running text.
    pub running_text_dates: bool,
    /// Extra frontmatter keys holding people.
    pub people_keys: Vec<String>,
    /// People the user names up front.
    pub known_people: Vec<String>,
    /// The name a placeholder owner such as `@Myself` stands for; empty leaves it.
    pub me: String,
    /// Folders (vault-relative) the vault clean-up and fix on save skip.
    pub ignored_folders: Vec<String>,
    /// Tasks lines: move tags written after the fields in front of them, as
    /// Tasks writes a line it rewrites (a toggle in Tasks then rewrites
    /// nothing else). Off: the tags stay where they are written.
    pub tags_before_fields: bool,
    /// Plugin: run on save.
    pub fix_on_save: bool,
    /// Plugin: also run when leaving a note.
    pub fix_on_leave: bool,
    /// Plugin: judge a single note (on save, on leave, the note commands)
    /// with the vault index it keeps in the background, as the clean-up does.
    pub vault_index: bool,
    /// Filled in by the vault clean-up; not a setting.
    #[serde(skip)]
    pub vault: VaultContext,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            fixes: BTreeMap::new(),
            date_format: "YYYY-MM-DD".to_string(),
            date_order: DateOrder::Auto,
            date_keys: Vec::new(),
            running_text_dates: false,
            people_keys: Vec::new(),
            known_people: Vec::new(),
            me: String::new(),
            ignored_folders: Vec::new(),
            tags_before_fields: false,
            fix_on_save: false,
            fix_on_leave: false,
            vault_index: true,
            vault: VaultContext::default(),
        }
    }
}

/// Keys [`Config`] knows; anything else in a settings object gets a warning.
const KNOWN_KEYS: &[&str] = &[
    "fixes",
    "dateFormat",
    "dateOrder",
    "dateKeys",
    "runningTextDates",
    "peopleKeys",
    "knownPeople",
    "me",
    "ignoredFolders",
    "tagsBeforeFields",
    "fixOnSave",
    "fixOnLeave",
    "vaultIndex",
];

impl Config {
    /// Whether `fix` is turned on.
    pub fn enabled(&self, fix: Fix) -> bool {
        self.fixes.get(fix.name()).copied().unwrap_or(true)
    }

    /// Turns every fix off except `only`.
    pub fn only(&mut self, only: &[Fix]) {
        for fix in Fix::ALL {
            self.fixes
                .insert(fix.name().to_string(), only.contains(&fix));
        }
    }

    /// Turns `skip` off.
    pub fn skip(&mut self, skip: &[Fix]) {
        for fix in skip {
            self.fixes.insert(fix.name().to_string(), false);
        }
    }

    /// Reads settings JSON. Returns the settings and warnings for keys it does
    /// not know (so a typo does not pass silently); a value of the wrong type
    /// is an error naming the key.
    pub fn from_json(json: &str) -> Result<(Config, Vec<String>), String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("settings are not valid JSON: {e}"))?;
        let object = value
            .as_object()
            .ok_or_else(|| "settings must be a JSON object".to_string())?;
        let mut warnings = Vec::new();
        for key in object.keys() {
            if !KNOWN_KEYS.contains(&key.as_str()) {
                warnings.push(format!("unknown setting `{key}` ignored"));
            }
        }
        if let Some(fixes) = object.get("fixes").and_then(|f| f.as_object()) {
            for name in fixes.keys() {
                if Fix::from_name(name).is_none() {
                    warnings.push(format!("unknown fix `{name}` in `fixes` ignored"));
                }
            }
        }
        let config = serde_json::from_value(value.clone()).map_err(|e| {
            // serde's message says what was wrong but not where: find the key.
            let key = object.iter().find(|(k, v)| {
                let one = serde_json::Map::from_iter([((*k).clone(), (*v).clone())]);
                serde_json::from_value::<Config>(serde_json::Value::Object(one)).is_err()
            });
            match key {
                Some((k, _)) => format!("invalid settings: `{k}`: {e}"),
                None => format!("invalid settings: {e}"),
            }
        })?;
        Ok((config, warnings))
    }
}

/// Parses a comma-separated list of fix names, as `--only` and `--skip` take.
pub fn parse_fix_list(list: &str) -> Result<Vec<Fix>, String> {
    list.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|name| {
            Fix::from_name(name).ok_or_else(|| {
                let names: Vec<_> = Fix::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown fix `{}` (known: {})",
                    name.trim(),
                    names.join(", ")
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_unknown_keys() {
        let (config, warnings) =
            Config::from_json(r#"{"dateFormat":"DD.MM.YYYY","fixes":{"dates":false},"colour":1}"#)
                .unwrap();
        assert_eq!(config.date_format, "DD.MM.YYYY");
        assert!(!config.enabled(Fix::Dates));
        assert!(config.enabled(Fix::Tasks));
        assert_eq!(warnings, vec!["unknown setting `colour` ignored"]);
        // The plugin's own keys are known: its data.json reads without warnings.
        let (config, warnings) =
            Config::from_json(r#"{"fixOnSave":true,"vaultIndex":false}"#).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(config.fix_on_save && !config.vault_index);
    }

    #[test]
    fn mistyped_value_is_an_error() {
        let err = Config::from_json(r#"{"dateOrder":"sideways"}"#).unwrap_err();
        assert!(err.contains("invalid settings"), "{err}");
        assert!(Config::from_json("[1]").is_err());
        assert!(Config::from_json("{").is_err());
    }

    #[test]
    fn fix_lists() {
        assert_eq!(
            parse_fix_list("tasks, whitespace").unwrap(),
            vec![Fix::Tasks, Fix::Whitespace]
        );
        assert!(parse_fix_list("tasks,spelling").is_err());
    }
}
