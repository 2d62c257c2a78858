//! Which files a run covers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Folders a vault walk never enters.
const SKIPPED_DIRS: &[&str] = &[".obsidian", ".git", ".trash"];

/// Every note `paths` names: files as given, directories walked for `.md`
/// files (sorted, symlinked folders not followed). `ignored` are folders
/// relative to a walked directory, as the plugin's `ignoredFolders`.
pub fn collect(paths: &[PathBuf], ignored: &[String]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| annotate(path, e))?;
        if meta.is_dir() {
            let ignored: Vec<PathBuf> = ignored
                .iter()
                .map(|f| f.trim_matches('/'))
                .filter(|f| !f.is_empty())
                .map(|f| path.join(f))
                .collect();
            walk(path, &ignored, &mut files).map_err(|e| annotate(path, e))?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, ignored: &[PathBuf], out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            let name = entry.file_name();
            if SKIPPED_DIRS.iter().any(|s| name == *s) || ignored.contains(&path) {
                continue;
            }
            walk(&path, ignored, out)?;
        } else if path.extension().is_some_and(|e| e == "md") && (kind.is_file() || path.is_file())
        {
            out.push(path);
        }
    }
    Ok(())
}

fn annotate(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
