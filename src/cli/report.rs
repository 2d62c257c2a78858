//! What a run prints: a readable list, a unified diff, or JSON lines.

use notemend::Outcome;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
struct JsonChange<'a> {
    fix: &'a str,
    line: usize,
    before: &'a str,
    after: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    line: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    changes: Vec<JsonChange<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One JSON object (one line) for a file.
pub fn json(path: &str, outcome: &Outcome) -> String {
    let file = JsonFile {
        path,
        changes: outcome
            .changes
            .iter()
            .map(|c| JsonChange {
                fix: c.fix.name(),
                line: c.line,
                before: &c.before,
                after: &c.after,
                message: &c.message,
            })
            .collect(),
        diagnostics: outcome
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                fix: d.fix.map(|f| f.name()),
                line: d.line,
                message: &d.message,
            })
            .collect(),
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// A readable report for a file; empty when there is nothing to say.
pub fn human(path: &str, outcome: &Outcome) -> String {
    let mut out = String::new();
    if outcome.changes.is_empty() && outcome.diagnostics.is_empty() {
        return out;
    }
    let _ = writeln!(out, "{path}");
    for c in &outcome.changes {
        let _ = write!(
            out,
            "  {:>4}  {:<15} {}  (",
            c.line,
            c.fix.name(),
            c.message
        );
        show(&mut out, &c.before);
        out.push_str(" → ");
        show(&mut out, &c.after);
        out.push_str(")\n");
    }
    for d in &outcome.diagnostics {
        let fix = d.fix.map_or("note", |f| f.name());
        let _ = writeln!(
            out,
            "  {:>4}  {:<15} left alone: {}",
            d.line, fix, d.message
        );
    }
    out
}

/// Writes a short, visible rendering of a changed piece of text: quoted,
/// escaped, cut after 60 chars; straight into the report, since a vault run
/// renders hundreds of thousands of these.
fn show(out: &mut String, s: &str) {
    const MAX: usize = 60;
    out.push('"');
    let mut escaped = s.escape_debug();
    out.extend(escaped.by_ref().take(MAX));
    if escaped.next().is_some() {
        out.push('…');
    }
    out.push('"');
}

/// A unified diff between the note before and after.
pub fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The JSON line for a file that could not be read.
pub fn json_error(path: &str, problem: &str) -> String {
    let file = JsonFile {
        path,
        changes: Vec::new(),
        diagnostics: vec![JsonDiagnostic {
            fix: None,
            line: 0,
            message: problem,
        }],
    };
    serde_json::to_string(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::show;

    fn shown(s: &str) -> String {
        let mut out = String::new();
        show(&mut out, s);
        out
    }

    #[test]
    fn renders_escaped_and_cuts_long_pieces() {
        for (s, want) in [
            ("", "\"\""),
            ("tab\tquote\"", "\"tab\\tquote\\\"\""),
            ("⏬\u{fe0f} \u{0}", "\"⏬\u{fe0f} \\0\""),
        ] {
            assert_eq!(shown(s), want, "{s:?}");
        }
        assert_eq!(shown(&"a".repeat(61)), format!("\"{}…\"", "a".repeat(60)));
        assert_eq!(shown(&"a".repeat(60)), format!("\"{}\"", "a".repeat(60)));
    }
}
