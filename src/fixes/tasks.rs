//! The `tasks` fix. Not built yet: accepted by name and does nothing, so
//! scripts that name it keep working while the catalogue fills in.

use super::{Context, Sink};
use crate::note::Note;

/// Proposes the `tasks` edits for `note`.
pub fn run(_note: &Note, _cx: &Context, _sink: &mut Sink) {}
