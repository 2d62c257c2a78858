//! What other plugins of the vault write themselves, read from their saved
//! settings, so that Notemend leaves it as they write it. Two tools that
//! each rewrite a value on save in their own way would undo each other on
//! every save: Obsidian Linter's YAML timestamp rewrites `date modified`
//! in its own format whenever a note changes, and the `dates` fix would
//! write it back in `dateFormat`.
//!
//! ```
//! use notemend::plugins::linter_kept_keys;
//!
//! let enabled = r#"["obsidian-linter"]"#;
//! let linter = r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true,
//!     "date-created-key": "created", "date-modified": false}}}"#;
//! let kept = linter_kept_keys(enabled, linter);
//! assert_eq!(kept.len(), 1);
//! assert_eq!(kept[0].key, "created");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Obsidian Linter's plugin id (its folder under the config folder's
/// `plugins/`, and its entry in `community-plugins.json`).
pub const LINTER_ID: &str = "obsidian-linter";

/// A frontmatter key whose value another plugin writes in its own format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptKey {
    /// The key, exactly as that plugin writes it.
    pub key: String,
    /// Who writes it, for the reports: `Obsidian Linter's YAML timestamp`.
    pub by: String,
}

/// The keys Obsidian Linter's YAML timestamp rule writes, given the vault's
/// `community-plugins.json` (the enabled plugins) and the Linter's
/// `data.json`. None when the Linter is not enabled, the rule is off, or
/// either file cannot be read as JSON: then nothing is kept back.
pub fn linter_kept_keys(community_plugins: &str, linter_data: &str) -> Vec<KeptKey> {
    let enabled: Vec<String> = serde_json::from_str(community_plugins).unwrap_or_default();
    if !enabled.iter().any(|id| id == LINTER_ID) {
        return Vec::new();
    }
    let Ok(data) = serde_json::from_str::<Value>(linter_data) else {
        return Vec::new();
    };
    // Rules and options are keyed by id (`yaml-timestamp`, `date-created-key`)
    // since the Linter converted its settings; older ones by display name.
    let Some(rule) = pick(&data["ruleConfigs"], &["yaml-timestamp", "YAML Timestamp"]) else {
        return Vec::new();
    };
    if !flag(rule, &["enabled", "Enabled"], false) {
        return Vec::new();
    }
    let by = "Obsidian Linter's YAML timestamp".to_string();
    let mut kept = Vec::new();
    for (on, key, default) in [
        (
            ["date-created", "Date Created"],
            ["date-created-key", "Date Created Key"],
            "date created",
        ),
        (
            ["date-modified", "Date Modified"],
            ["date-modified-key", "Date Modified Key"],
            "date modified",
        ),
    ] {
        if !flag(rule, &on, true) {
            continue;
        }
        let key = pick(rule, &key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .unwrap_or(default);
        kept.push(KeptKey {
            key: key.to_string(),
            by: by.clone(),
        });
    }
    kept
}

/// The first of `names` that `object` holds.
fn pick<'a>(object: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| object.get(n))
}

/// A boolean option, `default` when it is not set.
fn flag(object: &Value, names: &[&str], default: bool) -> bool {
    pick(object, names)
        .and_then(Value::as_bool)
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: &str = r#"["dataview", "obsidian-linter"]"#;

    fn keys(enabled: &str, data: &str) -> Vec<String> {
        linter_kept_keys(enabled, data)
            .into_iter()
            .map(|k| k.key)
            .collect()
    }

    #[test]
    fn the_timestamp_rule_keeps_its_keys() {
        let data = r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true,
            "date-created": true, "date-created-key": "date created",
            "date-modified": true, "date-modified-key": "date modified",
            "format": "dddd, MMMM Do YYYY, h:mm:ss a"}}}"#;
        assert_eq!(keys(ON, data), ["date created", "date modified"]);
        // Defaults for keys not saved; settings saved before the Linter's
        // conversion to option ids.
        assert_eq!(
            keys(
                ON,
                r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true}}}"#
            ),
            ["date created", "date modified"]
        );
        let old = r#"{"ruleConfigs": {"YAML Timestamp": {"Enabled": true,
            "Date Created": false, "Date Modified Key": "updated"}}}"#;
        assert_eq!(keys(ON, old), ["updated"]);
    }

    #[test]
    fn nothing_is_kept_unless_the_rule_runs() {
        let on = r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true}}}"#;
        let off = r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": false}}}"#;
        assert!(keys(ON, off).is_empty());
        assert!(keys(r#"["dataview"]"#, on).is_empty(), "Linter not enabled");
        assert!(keys("not json", on).is_empty());
        assert!(keys(ON, "{").is_empty());
        assert!(keys(ON, r#"{"ruleConfigs": {}}"#).is_empty());
    }
}
