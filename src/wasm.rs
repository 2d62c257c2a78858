//! The JavaScript surface: JS values in, JS values out. Byte offsets become
//! UTF-16 offsets here, once, because that is what Obsidian's editor counts.

use crate::config::{Config, DateOrder, Fix, VaultContext};
use crate::plugins::KeptKey;
use crate::prepared::PreparedVault as Prepared;
use crate::utf16::Utf16Map;
use crate::vault::{self, NoteFacts};
use crate::{normalize_with as core_normalize_with, Context, Outcome};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the message of a panic so JavaScript can read it after the trap
/// (`lastPanic`) and report it instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if any; reading it clears it.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The fix names, in pipeline order.
#[wasm_bindgen(js_name = fixNames)]
pub fn fix_names() -> Vec<String> {
    Fix::ALL.iter().map(|f| f.name().to_string()).collect()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsVault {
    people: Vec<String>,
    date_order: Option<DateOrder>,
    kept_keys: Vec<KeptKey>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsChange {
    fix: Fix,
    from: usize,
    to: usize,
    line: usize,
    before: String,
    after: String,
    message: String,
}

#[derive(Serialize)]
struct JsEdit {
    from: usize,
    to: usize,
    insert: String,
}

#[derive(Serialize)]
struct JsDiagnostic {
    fix: Option<Fix>,
    line: usize,
    message: String,
}

/// The outcome but its text, which [`outcome_to_js`] sets itself.
#[derive(Serialize)]
struct JsOutcome {
    changed: bool,
    changes: Vec<JsChange>,
    edits: Vec<JsEdit>,
    diagnostics: Vec<JsDiagnostic>,
    warnings: Vec<String>,
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(error)
}

/// Takes the text as a JS string so lone surrogates are caught instead of
/// silently turned into U+FFFD.
fn text_of(text: &js_sys::JsString) -> Result<String, JsError> {
    let converted = text
        .as_string()
        .ok_or_else(|| error("the note is not a string"))?;
    // The conversion writes U+FFFD for a lone surrogate, so only a text that
    // holds one needs the exact check (which walks the string unit by unit).
    if crate::utf16::holds_replacement_char(&converted) && !text.is_valid_utf16() {
        return Err(error(
            "the note holds lone UTF-16 surrogates (broken characters); it was left unchanged",
        ));
    }
    Ok(converted)
}

impl From<JsVault> for VaultContext {
    fn from(v: JsVault) -> VaultContext {
        VaultContext {
            people: v.people,
            date_order: v.date_order,
            kept_keys: v.kept_keys,
        }
    }
}

fn config_of(settings: &JsValue, vault: &JsValue) -> Result<(Config, Vec<String>), JsError> {
    let (mut config, warnings) = if settings.is_undefined() || settings.is_null() {
        (Config::default(), Vec::new())
    } else {
        let json = js_sys::JSON::stringify(settings)
            .map_err(|_| error("settings cannot be read as JSON"))?
            .as_string()
            .unwrap_or_default();
        Config::from_json(&json).map_err(error)?
    };
    if !vault.is_undefined() && !vault.is_null() {
        let v: JsVault = serde_wasm_bindgen::from_value(vault.clone()).map_err(error)?;
        config.vault = v.into();
    }
    Ok((config, warnings))
}

/// The frontmatter keys Obsidian Linter writes itself (`[{key, by}]`), from
/// the vault's `community-plugins.json` and the Linter's `data.json` (either
/// may be empty): pass them as `keptKeys` in `normalize`'s `vault`.
#[wasm_bindgen(js_name = linterKeptKeys)]
pub fn linter_kept_keys(community_plugins: &str, linter_data: &str) -> Result<JsValue, JsError> {
    to_js(&crate::plugins::linter_kept_keys(
        community_plugins,
        linter_data,
    ))
}

/// Repairs one note. `settings` is the plugin's settings object; `vault`
/// (optional) is `{people, dateOrder, keptKeys}`: the first two from a vault
/// index, the last from [`linter_kept_keys`]. Ranges in the
/// result are UTF-16 offsets into `text`.
#[wasm_bindgen]
pub fn normalize(
    text: &js_sys::JsString,
    settings: JsValue,
    vault: JsValue,
) -> Result<JsValue, JsError> {
    let note = text_of(text)?;
    let (config, warnings) = config_of(&settings, &vault)?;
    let outcome = core_normalize_with(&note, &context_for(config));
    outcome_to_js(text, &note, outcome, warnings)
}

/// A vault context handed to the core once (`prepareVault`) and kept there,
/// with what the fixes prepare from it: `normalizePrepared` takes it instead
/// of the context object, which `normalize` reads again on every call
/// (thousands of names from a vault index). Call `free()` when it is
/// replaced or no longer needed: its memory is the core's, and the garbage
/// collector returns it (where JavaScript has a `FinalizationRegistry`)
/// only at a time of its choosing.
#[wasm_bindgen]
pub struct PreparedVault(Prepared);

#[wasm_bindgen]
impl PreparedVault {
    /// How many people the context names.
    #[wasm_bindgen(getter)]
    pub fn people(&self) -> usize {
        self.0.vault().people.len()
    }
}

/// Prepares a vault context, `{people, dateOrder, keptKeys}` as `normalize`
/// takes it, for many `normalizePrepared` calls.
#[wasm_bindgen(js_name = prepareVault)]
pub fn prepare_vault(vault: JsValue) -> Result<PreparedVault, JsError> {
    let v: JsVault = serde_wasm_bindgen::from_value(vault).map_err(error)?;
    Ok(PreparedVault(Prepared::new(v.into())))
}

/// [`normalize`] with a prepared vault context: the same outcome as passing
/// its context object, without reading or preparing it again (only a change
/// of `settings` prepares the fixes' context anew).
#[wasm_bindgen(js_name = normalizePrepared)]
pub fn normalize_prepared(
    text: &js_sys::JsString,
    settings: JsValue,
    vault: &mut PreparedVault,
) -> Result<JsValue, JsError> {
    let note = text_of(text)?;
    let (config, warnings) = config_of(&settings, &JsValue::UNDEFINED)?;
    let outcome = vault.0.normalize(&note, config);
    outcome_to_js(text, &note, outcome, warnings)
}

/// The fixes' context for `config`: the one prepared for the previous call
/// when its settings are the same (a vault clean-up repairs every note with
/// one config, and the vault's people are indexed once, not per note).
fn context_for(config: Config) -> Rc<Context> {
    thread_local! {
        static LAST: RefCell<Option<Rc<Context>>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some(cx) if cx.config == config => cx.clone(),
            _ => {
                let cx = Rc::new(Context::new(&config));
                *last = Some(cx.clone());
                cx
            }
        }
    })
}

/// The facts one note adds to a vault index: `{people, dayFirst, monthFirst}`.
#[wasm_bindgen(js_name = noteFacts)]
pub fn note_facts(text: &js_sys::JsString, settings: JsValue) -> Result<JsValue, JsError> {
    let text = text_of(text)?;
    let (config, _) = config_of(&settings, &JsValue::UNDEFINED)?;
    let facts: NoteFacts = vault::facts(&text, &config);
    to_js(&facts)
}

/// Merges note facts into the `{people, dateOrder}` object `normalize` takes.
#[wasm_bindgen(js_name = vaultContext)]
pub fn vault_context(facts: JsValue) -> Result<JsValue, JsError> {
    let facts: Vec<NoteFacts> = serde_wasm_bindgen::from_value(facts).map_err(error)?;
    let mut index = vault::VaultIndex::default();
    for f in &facts {
        index.add(f);
    }
    let context = index.context();
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out {
        people: Vec<String>,
        date_order: Option<DateOrder>,
    }
    to_js(&Out {
        people: context.people,
        date_order: context.date_order,
    })
}

fn to_js_outcome(text: &str, outcome: Outcome, warnings: Vec<String>) -> JsOutcome {
    let mut offsets: Vec<usize> = Vec::new();
    for c in &outcome.changes {
        offsets.extend([c.range.start, c.range.end]);
    }
    for e in &outcome.edits {
        offsets.extend([e.range.start, e.range.end]);
    }
    let utf16 = Utf16Map::new(text, offsets);
    JsOutcome {
        changed: outcome.changed(),
        changes: outcome
            .changes
            .into_iter()
            .map(|c| JsChange {
                fix: c.fix,
                from: utf16.get(c.range.start).unwrap_or(0),
                to: utf16.get(c.range.end).unwrap_or(0),
                line: c.line,
                before: c.before,
                after: c.after,
                message: c.message,
            })
            .collect(),
        edits: outcome
            .edits
            .into_iter()
            .map(|e| JsEdit {
                from: utf16.get(e.range.start).unwrap_or(0),
                to: utf16.get(e.range.end).unwrap_or(0),
                insert: e.replacement,
            })
            .collect(),
        diagnostics: outcome
            .diagnostics
            .into_iter()
            .map(|d| JsDiagnostic {
                fix: d.fix,
                line: d.line,
                message: d.message,
            })
            .collect(),
        warnings,
    }
}

/// The outcome as a JS object. Its `text` is the caller's own string when
/// nothing changed (what most saves meet): decoding the whole note back
/// into UTF-16 cost more than any fix on a note with nothing to repair.
fn outcome_to_js(
    text_js: &js_sys::JsString,
    text: &str,
    mut outcome: Outcome,
    warnings: Vec<String>,
) -> Result<JsValue, JsError> {
    let repaired = if outcome.changed() {
        JsValue::from_str(&std::mem::take(&mut outcome.text))
    } else {
        JsValue::from(text_js.clone())
    };
    let object = to_js(&to_js_outcome(text, outcome, warnings))?;
    js_sys::Reflect::set(&object, &JsValue::from_str("text"), &repaired)
        .map_err(|_| error("the outcome's text could not be set"))?;
    Ok(object)
}
