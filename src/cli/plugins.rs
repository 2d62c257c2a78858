//! The other plugins of the vault the paths are in, read from its config
//! folder, so the CLI leaves what they write as the plugin would.

use notemend::plugins::{linter_kept_keys, KeptKey, LINTER_ID};
use std::fs;
use std::path::{Path, PathBuf};

/// The config folder Obsidian creates at a vault's root.
const CONFIG_DIR: &str = ".obsidian";

/// The keys other plugins of the vault holding `roots` write themselves.
/// The vault is the nearest folder at or above a root that holds
/// `.obsidian`; the first root inside one decides.
pub fn kept_keys(roots: &[PathBuf]) -> Vec<KeptKey> {
    let Some(config) = roots.iter().find_map(|r| config_dir(r)) else {
        return Vec::new();
    };
    let read = |p: PathBuf| fs::read_to_string(p).unwrap_or_default();
    linter_kept_keys(
        &read(config.join("community-plugins.json")),
        &read(config.join("plugins").join(LINTER_ID).join("data.json")),
    )
}

fn config_dir(root: &Path) -> Option<PathBuf> {
    let start = fs::canonicalize(root).ok()?;
    let start = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_DIR))
        .find(|c| c.is_dir())
}
