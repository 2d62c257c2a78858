//! The command line, as the skeleton issue fixes it (a public contract).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Repairs damaged Obsidian notes: mojibake, doubled names, dates, tasks,
/// frontmatter, whitespace.
#[derive(Parser, Debug)]
#[command(name = "notemend", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const AFTER_HELP: &str =
    "Fixes: mojibake, duplicate-names, dates, tasks, frontmatter, whitespace\n\
Exit status: 0 done, 1 `check` found changes, 2 usage or I/O error (no file touched)";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Rewrite notes in place; a directory means every .md file below it
    /// (skipping .obsidian/, .git/, .trash/); no PATH means the current
    /// directory; `-` reads one note on stdin and writes it to stdout.
    Fix(Options),
    /// Change nothing; print what would change; exit 1 if anything would.
    Check(Options),
}

#[derive(Args, Debug)]
pub struct Options {
    /// Files or directories.
    pub paths: Vec<PathBuf>,
    /// Only these fixes (comma-separated).
    #[arg(long, value_name = "FIX[,FIX...]")]
    pub only: Option<String>,
    /// All fixes but these (comma-separated).
    #[arg(long, value_name = "FIX[,FIX...]")]
    pub skip: Option<String>,
    /// Print a unified diff of each changed file.
    #[arg(long)]
    pub diff: bool,
    /// Print the report as JSON, one object per file and line.
    #[arg(long)]
    pub json: bool,
    /// Settings as JSON, the same keys as the plugin's saved settings.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// No progress bar, even on a terminal.
    #[arg(long, short)]
    pub quiet: bool,
}
