//! Edits and diagnostics with their explanation: which code page (or chain
//! of pages) garbled the text and which dropped bytes were restored, why.

use super::detect::{Repair, Run};
use super::dropped::Rebuilt;
use super::pages::CodePage;
use crate::fixes::Sink;
use std::borrow::Cow;
use std::fmt::Write;

/// Reports the short sequences of `rep` that had no clear reading.
pub fn diagnose_gaps(sink: &mut Sink, r: &Run, page: &CodePage, rep: &Repair) {
    for cands in &rep.unresolved {
        let list = candidate_list(cands);
        sink.diagnose(
            r.range.start,
            format!(
                "looks like UTF-8 read as {} with a byte dropped, but no candidate is clearly right ({list}); left as written",
                page.name
            ),
        );
    }
}

/// `ā (U+0101), č (U+010D) and 3 more`.
fn candidate_list(cands: &[char]) -> String {
    let mut list = String::new();
    for (i, c) in cands.iter().take(8).enumerate() {
        let _ = write!(
            list,
            "{}{c} (U+{:04X})",
            if i > 0 { ", " } else { "" },
            u32::from(*c)
        );
    }
    if cands.len() > 8 {
        let _ = write!(list, " and {} more", cands.len() - 8);
    }
    list
}

/// A run's repair, ready to be told: the run (widened over a lost
/// no-break space, perhaps), the chars it becomes, the pages undone in undo
/// order, the dropped bytes restored, the U+FFFD sequences collapsed, and
/// whether C1 controls left over were read as windows-1252.
pub struct Repaired<'r> {
    /// The run as written.
    pub run: Cow<'r, Run>,
    /// What it becomes.
    pub out: Vec<char>,
    /// The pages undone, in undo order.
    pub chain: Vec<&'static str>,
    /// The dropped bytes restored.
    pub restored: Vec<Rebuilt>,
    /// The candidates of each sequence a U+FFFD marked that became one.
    pub collapsed: Vec<Vec<char>>,
    /// C1 controls left over were read as windows-1252.
    pub c1: bool,
    /// Lost bytes of the run no candidate fills clearly, left as written.
    pub left_open: usize,
    /// Sequences the repair reads back (see `detect::Repair::read_back`).
    pub read_back: usize,
}

/// Proposes the edit that turns the run into its repair, explained.
pub fn emit(sink: &mut Sink, rep: &Repaired, whole_note: bool) {
    let Repaired {
        run: r,
        out,
        chain,
        restored,
        collapsed,
        c1,
        ..
    } = rep;
    // Written straight into one string with room for the usual message (a
    // page's name, a restored byte and its reason): a garbled note has a
    // repair on nearly every line, and the lists joined, then copied in,
    // and the string grown as it went cost more than the repair's edit.
    let mut message = String::with_capacity(MESSAGE_ROOM);
    message.push_str("UTF-8 read as ");
    // `chain` is in undo order; tell it in the order the damage happened.
    let last = chain.last().copied().unwrap_or_default();
    if chain.len() > 1 && chain.iter().all(|n| *n == last) {
        let _ = write!(
            message,
            "{last} {}",
            if chain.len() == 2 {
                "twice"
            } else {
                "three times"
            }
        );
    } else {
        for (i, name) in chain.iter().rev().enumerate() {
            if i > 0 {
                message.push_str(", then the result read as ");
            }
            message.push_str(name);
        }
    }
    if !restored.is_empty() {
        let bytes = restored.iter().flat_map(|r| r.restored.iter());
        message.push_str(", dropped byte");
        if bytes.clone().nth(1).is_some() {
            message.push('s');
        }
        message.push(' ');
        for (i, b) in bytes.enumerate() {
            if i > 0 {
                message.push(' ');
            }
            let _ = write!(message, "0x{b:02X}");
        }
        message.push_str(" restored (");
        for (i, r) in restored.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            let _ = write!(message, "{}: {}", r.ch, r.reason);
        }
        message.push(')');
    }
    if r.widened.is_some() {
        message.push_str(", its byte 0xA0 (a no-break space) since turned into a plain space");
    }
    for cands in collapsed {
        let _ = write!(
            message,
            ", a char the decoder replaced with U+FFFD kept as U+FFFD, the rest of its sequence removed"
        );
        if !cands.is_empty() {
            let _ = write!(
                message,
                " (no candidate is certain: {})",
                candidate_list(cands)
            );
        }
    }
    if *c1 {
        message.push_str(", and ");
        message.push_str(C1_MESSAGE);
    }
    replace(sink, r, out, message, whole_note);
}

/// Room for a repair's usual message: `UTF-8 read as windows-1254,
/// dropped byte 0x8F restored (⏫: a Tasks signifier in a Tasks context)`.
const MESSAGE_ROOM: usize = 96;

/// Why C1 controls change.
const C1_MESSAGE: &str =
    "C1 control characters read as the windows-1252 punctuation they stand for (latin-1 read instead of windows-1252)";

/// Proposes turning the C1 controls of a run no page repairs into the
/// windows-1252 punctuation they stand for (`out`).
pub fn emit_c1(sink: &mut Sink, r: &Run, out: &[char]) {
    let mut message = String::from(C1_MESSAGE);
    if let Some(m) = message.get_mut(..1) {
        m.make_ascii_uppercase();
    }
    replace(sink, r, out, message, false);
}

/// The edit that turns the run's chars into `out`, trimmed to what differs.
fn replace(sink: &mut Sink, r: &Run, out: &[char], message: String, whole_note: bool) {
    let chars = &r.chars;
    let prefix = chars.iter().zip(out).take_while(|(a, b)| a == b).count();
    // A widened run's U+00A0 stands for a space it is not: it changes,
    // even into the no-break space it stands for (`Â ` for U+00A0).
    let max_suffix = (chars.len().min(out.len()) - prefix)
        .min(r.widened.map_or(usize::MAX, |at| chars.len() - at - 1));
    let suffix = chars
        .iter()
        .rev()
        .zip(out.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let (Some(from), Some(to)) = (r.offset(prefix), r.offset(chars.len() - suffix)) else {
        return;
    };
    if from >= to {
        return;
    }
    // Sized for its bytes up front: collected, it grew once for each
    // char of more than one byte (every repair's).
    let made = out.get(prefix..out.len() - suffix).unwrap_or(&[]);
    let mut replacement = String::with_capacity(made.iter().map(|c| c.len_utf8()).sum());
    replacement.extend(made);
    let range = r.range.start + from..r.range.start + to;
    if whole_note {
        sink.replace_anywhere(range, replacement, message);
    } else {
        sink.replace(range, replacement, message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect::runs;
    use super::super::tables::{WINDOWS_1251, WINDOWS_1252, WINDOWS_1254};
    use super::*;

    #[test]
    fn messages_name_the_chain_and_the_restored_bytes() {
        let text = "x â« y";
        let run = runs(text).remove(0);
        let rebuilt = Rebuilt {
            ch: '⏫',
            restored: vec![0x8F],
            reason: "a Tasks signifier in a Tasks context",
        };
        let mut sink = Sink::default();
        let repaired = Repaired {
            run: Cow::Borrowed(&run),
            out: vec!['⏫'],
            chain: vec![WINDOWS_1254.name],
            restored: vec![rebuilt],
            collapsed: Vec::new(),
            c1: false,
            left_open: 0,
            read_back: 1,
        };
        emit(&mut sink, &repaired, false);
        let p = &sink.proposals[0];
        assert_eq!(p.edit.range, 2..6);
        assert_eq!(p.edit.replacement, "⏫");
        assert!(!p.in_protected);
        assert_eq!(
            p.message,
            "UTF-8 read as windows-1254, dropped byte 0x8F restored (⏫: a Tasks signifier in a Tasks context)"
        );
        let mut sink = Sink::default();
        let repaired = Repaired {
            run: Cow::Borrowed(&run),
            out: vec!['é'],
            chain: vec![WINDOWS_1252.name, WINDOWS_1251.name],
            restored: Vec::new(),
            collapsed: Vec::new(),
            c1: false,
            left_open: 0,
            read_back: 1,
        };
        emit(&mut sink, &repaired, true);
        assert_eq!(
            sink.proposals[0].message,
            "UTF-8 read as windows-1251, then the result read as windows-1252"
        );
        assert!(sink.proposals[0].in_protected);
    }
}
