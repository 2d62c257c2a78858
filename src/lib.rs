//! Notemend repairs damaged Obsidian notes with explained, minimal, ranged
//! fixes: mojibake, doubled names, dates, Obsidian Tasks lines, frontmatter
//! and whitespace.
//!
//! ```
//! use notemend::{normalize, Config};
//!
//! let outcome = normalize("# Title\ntext  \t", &Config::default());
//! assert_eq!(outcome.text, "# Title\n\ntext\n");
//! assert!(outcome.changes.iter().all(|c| c.fix.name() == "whitespace"));
//! ```
//!
//! A note that needs nothing comes back byte-for-byte, and every change says
//! which fix made it and why. Fixes run in [`Fix::ALL`] order, each on the
//! output of the one before; the pipeline repeats until nothing changes.
//!
//! How it is built: [`note`] reads a text once (lines, frontmatter entries,
//! protected regions, and the scan: which lines hold which kinds of site);
//! each module of [`fixes`] declares the kinds it needs and is run only on
//! notes that hold them, visiting only those lines; a [`Context`] holds what
//! a run prepares from the settings once, for every note.

#![deny(missing_docs)]

pub mod config;
pub mod edit;
pub mod fixes;
pub mod note;
pub mod plugins;
pub mod prepared;
#[cfg(test)]
mod testgen;
pub mod utf16;
pub mod vault;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::{Config, DateOrder, Fix, VaultContext};
pub use edit::Edit;
pub use fixes::Context;
pub use note::Note;

use edit::Composed;
use fixes::Sink;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// A change one fix made, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The fix that made it.
    pub fix: Fix,
    /// Byte range of the original text it came from.
    pub range: Range<usize>,
    /// 1-based line in the original text.
    pub line: usize,
    /// The text the fix replaced (as the fix saw it).
    pub before: String,
    /// The text it wrote.
    pub after: String,
    /// Why.
    pub message: String,
}

/// Something seen and deliberately left alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The fix that noticed it; `None` for the note as a whole.
    pub fix: Option<Fix>,
    /// 1-based line in the original text.
    pub line: usize,
    /// What and why.
    pub message: String,
}

/// The result of [`normalize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The repaired text (the input itself when nothing changed).
    pub text: String,
    /// Every change, in the order made.
    pub changes: Vec<Change>,
    /// What was left alone and why.
    pub diagnostics: Vec<Diagnostic>,
    /// The whole change as sorted, non-overlapping edits against the input;
    /// applying them to the input gives `text`.
    pub edits: Vec<Edit>,
}

impl Outcome {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        !self.edits.is_empty()
    }
}

/// How many times the pipeline may run before it stops looking for more:
/// one pass settles real notes; a second picks up edits that lost an
/// overlap; the cap guards against two fixes undoing each other. A note
/// still changing when it is reached gets an [`UNSETTLED`] diagnostic.
pub const MAX_PASSES: usize = 4;

/// How the diagnostic starts that names the fixes still proposing edits
/// after [`MAX_PASSES`] passes (as ruff reports a failure to converge).
pub const UNSETTLED: &str = "fixing did not settle";

impl Outcome {
    /// The fixes still proposing edits when the pass cap stopped the
    /// pipeline; empty when the text settled. Never empty means a fix
    /// undoes another's work, or its own: a bug to report.
    pub fn unsettled(&self) -> Vec<Fix> {
        self.diagnostics
            .iter()
            .filter(|d| d.fix.is_some() && d.message.starts_with(UNSETTLED))
            .filter_map(|d| d.fix)
            .collect()
    }
}

/// Repairs `text` with the fixes `config` enables. A note whose frontmatter
/// says `notemend: false` comes back as it is, with a diagnostic.
///
/// Prepares the fixes' [`Context`] for this one call; to repair many notes
/// with one config, prepare it once and call [`normalize_with`].
pub fn normalize(text: &str, config: &Config) -> Outcome {
    normalize_with(text, &Context::new(config))
}

/// [`normalize`] with a [`Context`] prepared once for many notes.
pub fn normalize_with(text: &str, cx: &Context) -> Outcome {
    if let Some(problem) = unreadable(text) {
        return left_whole(text, 1, problem);
    }
    repair(Note::parse(text), cx)
}

/// [`normalize_with`] for a note already read with [`Note::parse`] (the
/// CLI reads each note once, for the vault index and for the repair).
pub fn normalize_note(parsed: Note<'_>, cx: &Context) -> Outcome {
    if let Some(problem) = unreadable(parsed.text) {
        return left_whole(parsed.text, 1, problem);
    }
    repair(parsed, cx)
}

/// [`normalize_note`] of a note whose text is known to be readable
/// ([`unreadable`] counts every NUL byte of the text: asked once a note,
/// not again by each entry point on the way in).
fn repair<'a>(parsed: Note<'a>, cx: &Context) -> Outcome {
    let config = &cx.config;
    let text: &'a str = parsed.text;
    // Read once: the opt-out, then the first pass of the fixes.
    // The opt-out belongs to the core, so the CLI, the plugin and the
    // library leave the same notes alone.
    if let Some(line) = parsed
        .frontmatter
        .as_ref()
        .and_then(|fm| note::frontmatter::opts_out(text, fm))
    {
        return left_whole(
            text,
            line,
            "the note opts out of Notemend (`notemend: false` in its frontmatter); left as it is",
        );
    }
    // So do notes another plugin owns (a Kanban board, a drawing).
    if let Some((line, key)) = parsed
        .frontmatter
        .as_ref()
        .and_then(|fm| note::frontmatter::owner(text, fm))
    {
        let why = format!("the note belongs to another plugin (`{key}` in its frontmatter), whose data a repair could break; left as it is");
        return left_whole(text, line, &why);
    }
    // Line numbers, for changes and diagnostics: where the first reading's
    // lines start, taken now, as that reading is carried or dropped once a
    // fix changes the text (searching the text for its line breaks again,
    // on first use, cost a sixth of what reading the note does).
    let original_lines = LineIndex::of(&parsed.lines);
    let line_of = |offset: usize| original_lines.line_of(offset);
    let mut parsed = Some(parsed);
    let mut composed = Composed::new(text);
    // The text as the fixes so far left it; borrowed until one changes it.
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    let mut changes = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // Diagnostics already given, so each pass reports a thing once (a set:
    // a list search is quadratic on notes with many diagnostics).
    let mut reported: HashSet<(Fix, usize, String)> = HashSet::new();
    let enabled: Vec<Fix> = Fix::ALL
        .into_iter()
        .filter(|&f| config.enabled(f))
        .collect();

    let mut kept_frontmatter = None;
    let mut carried = None;
    // Which version of the text (counted in edits) each fix last read and
    // found nothing to change in: the same text gives it the same answer,
    // so a later pass skips it until some edit changes the text again.
    let mut version = 0usize;
    let mut quiet_at: Vec<Option<usize>> = vec![None; enabled.len()];
    // The `frontmatter` fix reads the frontmatter block alone (its YAML,
    // value and entries, and offsets inside it): quiet on a block that the
    // edits after it leave as it is, it stays quiet on the edited text, and
    // the confirming pass need not read the block again.
    let block_reader = enabled.iter().position(|&f| f == Fix::Frontmatter);
    // Date sites found before an edit (the vault index reads them) are
    // carried over it to `dates` only: a later edit's reading is the
    // confirming pass's, where `dates` on a note without a date read two
    // ways reads fewer lines than the carried sites leave to read again.
    let dates_reader = enabled.iter().position(|&f| f == Fix::Dates);
    // What `tasks` knows of lines it read, for its later passes.
    let mut tasks_memo = fixes::tasks::Memo::default();
    let mut settled = false;
    for pass in 0..MAX_PASSES {
        let mut changed = false;
        let mut next = 0;
        while next < enabled.len() {
            // One reading of the text serves every fix until one changes it;
            // then the structure is carried over the edits where they allow,
            // and a frontmatter block no edit reached is not read again.
            let mut note = match (parsed.take(), carried.take(), kept_frontmatter.take()) {
                (Some(note), _, _) => note,
                (None, Some(c), _) => Note::from_carried(&current, c),
                (None, None, Some(fm)) => Note::parse_with_frontmatter(&current, fm),
                (None, None, None) => Note::parse(&current),
            };
            if cx.read_everything {
                note.scan = note::Scan::everything(note.lines.len());
            }
            let mut edited = None;
            while next < enabled.len() {
                let fix = enabled[next];
                next += 1;
                if pass == 0 && next == 1 {
                    if let Some(problem) = &note.frontmatter_problem {
                        diagnostics.push(Diagnostic {
                            fix: None,
                            line: 1,
                            message: problem.clone(),
                        });
                    }
                }
                // The scan found nothing this fix looks at, or it found
                // nothing to change in this very text before.
                if !note.scan.has(note.text, fixes::needs(fix))
                    || quiet_at[next - 1] == Some(version)
                {
                    continue;
                }
                quiet_at[next - 1] = Some(version);
                let mut sink = Sink {
                    tasks_memo: std::mem::take(&mut tasks_memo),
                    ..Sink::default()
                };
                fixes::run(fix, &note, cx, &mut sink);
                tasks_memo = std::mem::take(&mut sink.tasks_memo);
                for (offset, message) in sink.diagnostics {
                    let at = composed.to_original(offset..offset).start;
                    let d = Diagnostic {
                        fix: Some(fix),
                        line: line_of(at),
                        message,
                    };
                    if reported.insert((fix, d.line, d.message.clone())) {
                        diagnostics.push(d);
                    }
                }
                let proposals = live(sink.proposals, &current, &note);
                if proposals.is_empty() {
                    continue;
                }
                let edits: Vec<Edit> = proposals.iter().map(|p| p.edit.clone()).collect();
                let (accepted, _rejected) = edit::settle(&edits);
                let accepted_edits: Vec<&Edit> = accepted.iter().map(|&i| &edits[i]).collect();
                for &i in &accepted {
                    let e = &edits[i];
                    let range = composed.to_original(e.range.clone());
                    changes.push(Change {
                        fix,
                        line: line_of(range.start),
                        range,
                        before: current[e.range.clone()].to_string(),
                        after: e.replacement.clone(),
                        message: proposals[i].message.clone(),
                    });
                }
                tasks_memo.keep(&current);
                let block_stays_quiet = block_reader.is_some_and(|i| {
                    quiet_at[i] == Some(version)
                        && note.frontmatter.as_ref().is_some_and(|fm| {
                            note::frontmatter_survives(&current, fm, accepted_edits.iter().copied())
                        })
                });
                let new_text = edit::apply(&current, &accepted_edits);
                composed.apply(&accepted_edits);
                if dates_reader.is_none_or(|d| next > d) {
                    note.forget_date_sites();
                }
                carried = note.carry(&new_text, &accepted_edits);
                if carried.is_none()
                    && note.frontmatter.as_ref().is_some_and(|fm| {
                        note::frontmatter_survives(&current, fm, accepted_edits.iter().copied())
                    })
                {
                    kept_frontmatter = note.frontmatter.take();
                }
                edited = Some(new_text);
                version += 1;
                if let Some(i) = block_reader.filter(|_| block_stays_quiet) {
                    quiet_at[i] = Some(version);
                }
                break;
            }
            drop(note);
            if let Some(new_text) = edited {
                current = Cow::Owned(new_text);
                changed = true;
            }
        }
        if !changed {
            settled = true;
            break;
        }
    }
    if !settled {
        diagnostics.extend(still_proposing(&current, cx, &enabled, &quiet_at, version));
    }
    let edits = composed.edits();
    let text = if edits.is_empty() {
        text.to_string()
    } else {
        current.into_owned()
    };
    Outcome {
        text,
        changes,
        diagnostics,
        edits,
    }
}

/// The proposals the pipeline can apply to `current`: on char boundaries,
/// outside protected regions (unless allowed in them), changing something.
fn live(proposals: Vec<fixes::Proposal>, current: &str, note: &Note) -> Vec<fixes::Proposal> {
    proposals
        .into_iter()
        .filter(|p| is_valid(current, &p.edit.range))
        .filter(|p| p.in_protected || note.is_free(p.edit.range.clone()))
        .filter(|p| current[p.edit.range.clone()] != p.edit.replacement)
        .collect()
}

/// After the last pass changed the text: one diagnostic for each fix that
/// would still change it (those that found nothing in this very text are
/// not asked again).
fn still_proposing(
    current: &str,
    cx: &Context,
    enabled: &[Fix],
    quiet_at: &[Option<usize>],
    version: usize,
) -> Vec<Diagnostic> {
    let mut note = Note::parse(current);
    if cx.read_everything {
        note.scan = note::Scan::everything(note.lines.len());
    }
    let mut out = Vec::new();
    for (i, &fix) in enabled.iter().enumerate() {
        if quiet_at[i] == Some(version) || !note.scan.has(note.text, fixes::needs(fix)) {
            continue;
        }
        let mut sink = Sink::default();
        fixes::run(fix, &note, cx, &mut sink);
        let live = live(sink.proposals, current, &note);
        if let Some(p) = live.first() {
            out.push(Diagnostic {
                fix: Some(fix),
                line: 1,
                message: format!(
                    "{UNSETTLED} after {MAX_PASSES} passes: `{}` still proposes {} edit{} (the first: {:?} → {:?}, {}); the note is left as the last pass made it",
                    fix.name(),
                    live.len(),
                    if live.len() == 1 { "" } else { "s" },
                    &current[p.edit.range.clone()],
                    p.edit.replacement,
                    p.message
                ),
            });
        }
    }
    out
}

/// `text` unchanged, with one diagnostic saying why.
fn left_whole(text: &str, line: usize, message: &str) -> Outcome {
    Outcome {
        text: text.to_string(),
        changes: Vec::new(),
        diagnostics: vec![Diagnostic {
            fix: None,
            line,
            message: message.to_string(),
        }],
        edits: Vec::new(),
    }
}

/// Why `text`, though valid UTF-8, is no Markdown note to repair: every fix
/// reads lines and characters, and would damage these. A stray NUL or a
/// lone `\r` inside ordinary lines is kept and worked around.
fn unreadable(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    // UTF-16 text without a byte-order mark is valid UTF-8 when it is mostly
    // ASCII, with a NUL beside every character; binary data has them too.
    // Most notes hold none: one search says so, where counting them walks
    // byte by byte in WebAssembly (memchr's count is vectorised natively
    // only).
    let nuls = match memchr::memchr(0, bytes) {
        Some(first) => memchr::memchr_iter(0, &bytes[first..]).count(),
        None => 0,
    };
    if nuls >= 4 && nuls * 8 >= bytes.len() {
        return Some("the note is full of NUL bytes (UTF-16 text or binary data?); left as it is: save it as UTF-8");
    }
    // Classic Mac OS line endings: lines end in a lone `\r`, none in `\n`.
    if memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some() {
        return Some("the note's lines end in a lone carriage return (classic Mac OS); left as it is: convert its line endings to LF or CRLF first");
    }
    None
}

fn is_valid(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
}

/// Line starts of a text, for turning offsets into line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of a text whose lines ([`Note::lines`]) are `lines`: the
    /// text's start, and the end of every line ending (each `\n` ends one
    /// line, and a BOM before the first holds none).
    fn of(lines: &[note::Line]) -> Self {
        let mut starts = Vec::with_capacity(lines.len() + 1);
        starts.push(0);
        starts.extend(
            (lines.iter())
                .filter(|l| l.ending > 0)
                .map(|l| l.range.end + l.ending),
        );
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_starts_after_every_line_break() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\n\n",
            "\u{feff}x\ny",
            "\u{feff}\n",
            "a\rb\n\r\n",
            "\n\nc",
        ] {
            let index = LineIndex::of(&Note::parse(text).lines);
            let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
            let starts: Vec<usize> = std::iter::once(0).chain(breaks).collect();
            assert_eq!(index.starts, starts, "{text:?}");
        }
    }

    #[test]
    fn clean_note_comes_back_unchanged() {
        let text = "# Title\n\nSome text.\n";
        let out = normalize(text, &Config::default());
        assert_eq!(out.text, text);
        assert!(out.changes.is_empty() && out.edits.is_empty());
    }

    #[test]
    fn edits_reproduce_the_output_and_lines_point_at_the_original() {
        let text = "a  \t\n\n\n\n# H\ntext";
        let out = normalize(text, &Config::default());
        let refs: Vec<&Edit> = out.edits.iter().collect();
        assert_eq!(edit::apply(text, &refs), out.text);
        let heading = out
            .changes
            .iter()
            .find(|c| c.message.contains("after a heading"))
            .unwrap();
        assert_eq!(heading.line, 6);
        assert_eq!(out.changes[0].line, 1);
    }

    #[test]
    fn a_note_that_opts_out_comes_back_whole() {
        let text = "---\ntags: #a\nnotemend: false\n---\nx  \n\n\n- [ ] a 📅 16/09/2025\n";
        let out = normalize(text, &Config::default());
        assert_eq!(out.text, text);
        assert!(out.changes.is_empty() && out.edits.is_empty());
        assert_eq!(out.diagnostics.len(), 1);
        assert_eq!(out.diagnostics[0].line, 3);
        assert!(out.diagnostics[0].message.contains("opts out"));
    }

    #[test]
    fn a_note_still_changing_at_the_cap_names_the_fixes_that_would_change_it() {
        // The probe the pipeline runs when its last pass still changed the
        // text: whitespace would change this one, dates would not.
        let config = Config::default();
        let cx = Context::new(&config);
        let fixes = [Fix::Dates, Fix::Whitespace];
        let found = still_proposing("a  \t\nb", &cx, &fixes, &[None, None], 0);
        let out = Outcome {
            text: String::new(),
            changes: Vec::new(),
            diagnostics: found,
            edits: Vec::new(),
        };
        assert_eq!(out.unsettled(), vec![Fix::Whitespace]);
        assert!(out.diagnostics[0].message.starts_with(UNSETTLED));
        assert!(out.diagnostics[0]
            .message
            .contains("`whitespace` still proposes 2 edits"));
        // A fix known to have found nothing in this very text is not asked.
        let found = still_proposing("a  \t\nb", &cx, &fixes, &[None, Some(3)], 3);
        assert!(found.is_empty());
        assert!(normalize("a  \t\nb", &config).unsettled().is_empty());
    }

    #[test]
    fn unclosed_frontmatter_is_a_diagnostic() {
        let out = normalize("---\na: 1\n", &Config::default());
        assert_eq!(out.text, "---\na: 1\n");
        assert!(out.diagnostics[0].message.contains("never closed"));
    }
}
