//! The `dates` fix. Not built yet: accepted by name and does nothing, so
//! scripts that name it keep working while the catalogue fills in.

use super::{Context, Sink};
use crate::note::Note;

/// Proposes the `dates` edits for `note`.
pub fn run(_note: &Note, _cx: &Context, _sink: &mut Sink) {}

/// How many numeric dates of `note` can only be read day first, and how many
/// only month first: evidence for the vault's dominant order.
pub fn evidence(_note: &Note) -> (usize, usize) {
    (0, 0)
}
