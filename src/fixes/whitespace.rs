//! The `whitespace` fix.
//!
//! **What it does.** Removes trailing spaces and tabs, puts one blank line
//! before and after each ATX heading, collapses runs of blank lines into one,
//! and ends the note with exactly one line ending.
//!
//! **Why.** Imported notes carry invisible debris that makes diffs noisy and
//! headings run into paragraphs in some renderers.
//!
//! **Example.** `text  \t\n## Heading\n- item` → `text\n\n## Heading\n\n- item\n`.
//!
//! **Safety.** Two or more trailing spaces before another line of the same
//! paragraph are a Markdown hard line break and stay. An empty list item
//! or task keeps one space after its marker (`- `, `- [ ] `), as Obsidian
//! and Tasks write it. Frontmatter, code,
//! math and comments are never touched. New line endings copy the note's
//! own (`\r\n` stays `\r\n`); a BOM stays.

use super::{Context, Sink};
use crate::note::{task, Kinds, Line, Note};

/// Lines that end in blanks, hold only blanks or may be headings, and a
/// last line without its ending; no other line can need an edit.
pub const NEEDS: Kinds = LINES.or(Kinds::UNENDED);
const LINES: Kinds = Kinds::TRAILING.or(Kinds::BLANK).or(Kinds::HEADING);

/// Proposes the `whitespace` edits for `note`.
pub fn run(note: &Note, _cx: &Context, sink: &mut Sink) {
    let text = note.text;
    let lines = &note.lines;
    // By bytes: a line of spaces and tabs has no other byte (and its
    // bytes need no check that they start and end chars).
    let blank = |l: &Line| {
        text.as_bytes()[l.range.clone()]
            .iter()
            .all(|&b| b == b' ' || b == b'\t')
    };
    let body_line = |i: usize| lines.get(i).filter(|l| l.is_text());

    // The last line with content; blank text lines after it are dropped.
    let last_content = lines.iter().rposition(|l| !l.is_text() || !blank(l));
    // The first line not yet dealt with: a blank run is dealt with at once.
    let mut next = 0;
    for i in note.scan.lines_with(LINES) {
        let line = &lines[i];
        if i < next || !line.is_text() {
            continue;
        }
        if blank(line) {
            // Line `i` is a blank body line: the run goes on from the next.
            let run_end = i
                + (i + 1..lines.len())
                    .take_while(|&j| body_line(j).is_some_and(blank))
                    .count();
            if last_content.is_none_or(|last| i > last) {
                // Trailing blank lines: keep the preceding line ending only.
                let start = if i == 0 {
                    line.range.start
                } else {
                    lines[i - 1].range.end + lines[i - 1].ending
                };
                let end = text.len();
                if start < end {
                    sink.replace(start..end, "", "removed blank lines at the end of the note");
                }
                break;
            }
            if !line.range.is_empty() {
                sink.replace(
                    line.range.clone(),
                    "",
                    "emptied a line that held only spaces",
                );
            }
            if run_end > i {
                let from = line.range.end + line.ending;
                let to = lines[run_end].range.end + lines[run_end].ending;
                let n = run_end - i + 1;
                sink.replace(from..to, "", format!("collapsed {n} blank lines into one"));
            }
            next = run_end + 1;
            continue;
        }
        trailing(note, i, sink);
        if is_heading(line.text(text)) {
            headings(note, i, sink);
        }
    }
    final_newline(note, sink);
}

fn trailing(note: &Note, i: usize, sink: &mut Sink) {
    let line = &note.lines[i];
    let content = line.text(note.text);
    let blanks = content
        .bytes()
        .rev()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let kept = &content[..content.len() - blanks];
    let tail = &content[kept.len()..];
    if tail.is_empty() {
        return;
    }
    if let Some(end) = task::empty_item(content) {
        // Obsidian and Tasks write an empty item or task with one space
        // after it (`- `, `- [ ] `): removing it, each would undo the other.
        if &content[end..] != " " {
            let range = line.range.start + end..line.range.end;
            sink.replace(range, " ", "left one space after an empty list item");
        }
        return;
    }
    let next_continues = note.lines.get(i + 1).is_some_and(|n| {
        n.is_text() && !n.text(note.text).trim().is_empty() && !is_heading(n.text(note.text))
    });
    if tail.len() >= 2 && tail.bytes().all(|b| b == b' ') && next_continues && !is_heading(content)
    {
        return; // A Markdown hard line break.
    }
    let start = line.range.start + kept.len();
    sink.replace(start..line.range.end, "", "removed trailing whitespace");
}

/// An ATX heading: up to three spaces, one to six `#`, then a space or the end.
fn is_heading(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(t.as_bytes().get(hashes), None | Some(b' ') | Some(b'\t'))
}

fn headings(note: &Note, i: usize, sink: &mut Sink) {
    let text = note.text;
    let lines = &note.lines;
    let line = &lines[i];
    let is_blank = |l: &Line| l.text(text).trim().is_empty();
    if i > 0 {
        let prev = &lines[i - 1];
        // A heading right under the frontmatter needs no blank line.
        if !prev.in_frontmatter && !is_blank(prev) {
            sink.replace(
                line.range.start..line.range.start,
                note.newline,
                "added a blank line before a heading",
            );
        }
    }
    if let Some(next) = lines.get(i + 1) {
        // A following heading adds the blank line itself.
        let next_is_heading = next.is_text() && is_heading(next.text(text));
        if !is_blank(next) && !next_is_heading && line.ending > 0 {
            sink.replace(
                next.range.start..next.range.start,
                note.newline,
                "added a blank line after a heading",
            );
        }
    }
}

fn final_newline(note: &Note, sink: &mut Sink) {
    let text = note.text;
    if text.len() > note.start && !text.ends_with('\n') {
        sink.replace(
            text.len()..text.len(),
            note.newline,
            "added a final line ending",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{normalize, Config, Fix};

    fn ws(text: &str) -> String {
        let mut config = Config::default();
        config.only(&[Fix::Whitespace]);
        normalize(text, &config).text
    }

    #[test]
    fn trailing_spaces_but_not_hard_breaks() {
        assert_eq!(ws("a \t\nb  \nc  \n"), "a\nb  \nc\n");
        assert_eq!(ws("a   \n\nb"), "a\n\nb\n");
    }

    #[test]
    fn empty_items_keep_one_space() {
        let text = "- [ ] \n1) [x] \n> - \n- \n\t- [ ] \n";
        assert_eq!(ws(text), text);
        assert_eq!(ws("- [ ]  \t\n-\t\n"), "- [ ] \n- \n");
        assert_eq!(ws("- [ ] a \n- a\t\n"), "- [ ] a\n- a\n");
    }

    #[test]
    fn headings_get_blank_lines() {
        assert_eq!(ws("text\n## H\n- item\n"), "text\n\n## H\n\n- item\n");
        assert_eq!(ws("# A\n## B\ntext"), "# A\n\n## B\n\ntext\n");
        assert_eq!(ws("---\na: 1\n---\n# T\n"), "---\na: 1\n---\n# T\n");
        assert_eq!(ws("#tag line\nnext\n"), "#tag line\nnext\n");
    }

    #[test]
    fn blank_runs_and_final_newline() {
        assert_eq!(ws("a\n\n\n\nb\n\n\n"), "a\n\nb\n");
        assert_eq!(ws(""), "");
        assert_eq!(ws("\u{feff}"), "\u{feff}");
        assert_eq!(ws("a"), "a\n");
    }

    #[test]
    fn crlf_and_bom_kept() {
        assert_eq!(
            ws("\u{feff}a\r\n# H\r\nb"),
            "\u{feff}a\r\n\r\n# H\r\n\r\nb\r\n"
        );
    }

    #[test]
    fn code_and_frontmatter_untouched() {
        let text = "---\na: 1  \n---\n```\nx  \n\n\n# not heading\n```\n";
        assert_eq!(ws(text), text);
    }
}
