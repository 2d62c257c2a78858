//! Fuzz target: see `settings_input` in ../checks.rs for what is checked.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::settings_input(data));
