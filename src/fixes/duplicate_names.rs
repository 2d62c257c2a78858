//! The `duplicate-names` fix. Not built yet: accepted by name and does nothing, so
//! scripts that name it keep working while the catalogue fills in.

use super::{Context, Sink};
use crate::note::Note;

/// Proposes the `duplicate-names` edits for `note`.
pub fn run(_note: &Note, _cx: &Context, _sink: &mut Sink) {}

/// The people `note` names, for the vault index.
pub fn people_of(_note: &Note, _config: &crate::Config) -> Vec<String> {
    Vec::new()
}
