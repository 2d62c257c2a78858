//! The fix catalogue: one module per fix, each a function that reads a
//! [`Note`] and proposes edits and diagnostics through a [`Sink`], and a
//! `NEEDS` constant: the kinds of site ([`Kinds`]) the note's one scan must
//! find for the fix to have anything to look at. The pipeline skips a fix
//! whose kinds a note lacks; the fix visits only the lines that hold them.

pub mod dates;
pub mod duplicate_names;
pub mod frontmatter;
pub mod mojibake;
pub mod tasks;
pub mod whitespace;

use crate::config::{Config, Fix};
use crate::edit::Edit;
use crate::note::{Kinds, Note};
use std::ops::Range;

/// What a fix gets besides the note: the settings, and what each fix
/// prepares from them once per run (parsed date formats, the people the
/// settings and the vault know) rather than again for every note.
///
/// Build one with [`Context::new`] and hand it to
/// [`normalize_with`](crate::normalize_with) for every note of a run;
/// [`normalize`](crate::normalize) builds one per call.
#[derive(Debug)]
pub struct Context {
    /// The settings, including what the vault clean-up gathered.
    pub config: Config,
    /// The `dates` fix's formats.
    pub(crate) dates: dates::Formats,
    /// The people known beyond any one note, for `duplicate-names`.
    pub(crate) people: duplicate_names::Known,
    /// The words of their names, for `mojibake`'s lost bytes.
    pub(crate) names: mojibake::Names,
    /// Every fix reads every line, whatever the scan found: the oracle the
    /// site-driven run is checked against.
    pub(crate) read_everything: bool,
}

impl Context {
    /// Prepares what the fixes need from `config`.
    pub fn new(config: &Config) -> Context {
        Context {
            dates: dates::Formats::of(config),
            people: duplicate_names::Known::of(config),
            names: mojibake::Names::of(
                config
                    .known_people
                    .iter()
                    .chain(&config.vault.people)
                    .map(String::as_str),
            ),
            config: config.clone(),
            read_everything: false,
        }
    }

    /// A context whose fixes ignore the scan and read every line of every
    /// note: slower, and with the same outcome. For the tests that check
    /// the scan never hides a site from a fix.
    pub fn reading_everything(config: &Config) -> Context {
        Context {
            read_everything: true,
            ..Context::new(config)
        }
    }
}

/// A proposed edit with its explanation.
#[derive(Debug)]
pub struct Proposal {
    /// The edit, against the text the fix was given.
    pub edit: Edit,
    /// Why, in a sentence.
    pub message: String,
    /// May touch protected regions (whole-note byte repairs only).
    pub in_protected: bool,
}

/// Collects what one fix proposes for one note.
#[derive(Debug, Default)]
pub struct Sink {
    /// Proposed edits, in proposal order (earlier wins an overlap).
    pub proposals: Vec<Proposal>,
    /// `(byte offset, message)` for things seen and deliberately left alone.
    pub diagnostics: Vec<(usize, String)>,
    /// What `tasks` learnt of this note's lines in earlier passes; the
    /// pipeline hands it in and takes it back around each run.
    pub(crate) tasks_memo: tasks::Memo,
}

impl Sink {
    /// Proposes replacing `range` with `replacement`. Dropped by the pipeline
    /// if it touches a protected region or changes nothing.
    pub fn replace(
        &mut self,
        range: Range<usize>,
        replacement: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(range, replacement.into(), message.into(), false);
    }

    /// Like [`Sink::replace`], but allowed inside protected regions: only for
    /// damage to the bytes themselves, judged over the whole note.
    pub fn replace_anywhere(
        &mut self,
        range: Range<usize>,
        replacement: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(range, replacement.into(), message.into(), true);
    }

    fn push(
        &mut self,
        range: Range<usize>,
        replacement: String,
        message: String,
        in_protected: bool,
    ) {
        self.proposals.push(Proposal {
            edit: Edit { range, replacement },
            message,
            in_protected,
        });
    }

    /// Reports something seen at byte `offset` and deliberately not changed.
    pub fn diagnose(&mut self, offset: usize, message: impl Into<String>) {
        self.diagnostics.push((offset, message.into()));
    }
}

/// The kinds of site `fix` needs, as its module declares them.
pub fn needs(fix: Fix) -> Kinds {
    match fix {
        Fix::Mojibake => mojibake::NEEDS,
        Fix::DuplicateNames => duplicate_names::NEEDS,
        Fix::Dates => dates::NEEDS,
        Fix::Tasks => tasks::NEEDS,
        Fix::Frontmatter => frontmatter::NEEDS,
        Fix::Whitespace => whitespace::NEEDS,
    }
}

/// Runs `fix` over `note`.
pub fn run(fix: Fix, note: &Note, cx: &Context, sink: &mut Sink) {
    match fix {
        Fix::Mojibake => mojibake::run(note, cx, sink),
        Fix::DuplicateNames => duplicate_names::run(note, cx, sink),
        Fix::Dates => dates::run(note, cx, sink),
        Fix::Tasks => tasks::run(note, cx, sink),
        Fix::Frontmatter => frontmatter::run(note, cx, sink),
        Fix::Whitespace => whitespace::run(note, cx, sink),
    }
}
