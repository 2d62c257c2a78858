//! Protected regions: text no fix may edit (code, HTML blocks, math,
//! comments, URLs, link targets). Changing a byte there breaks code, a
//! formula or a link.
//!
//! Blocks are read line by line as CommonMark reads them: quote markers,
//! list items and their content columns, fenced and indented code, the seven
//! kinds of HTML block. Where Obsidian is more lenient (a fence under a list
//! item at any indentation, with tabs), the scan follows Obsidian; where it
//! simplifies (a block inside a list item is not ended by a line indented
//! less than the item), it protects more, never less.

use super::{scan, Kinds, Line};
use memchr::memmem;
use std::ops::Range;
use std::sync::OnceLock;

/// What kind of block a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// Ordinary Markdown.
    Text,
    /// Inside (or a fence of) a fenced code block, or an indented one.
    Code,
    /// Inside (or a delimiter of) a `$$` math block.
    Math,
    /// Inside a multi-line HTML (`<!-- -->`) or Obsidian (`%% %%`) comment.
    Comment,
    /// A CommonMark HTML block (`<pre>`, `<div>`, a tag alone on its line…).
    Html,
}

/// What the block scan knows from the lines before the current one: all
/// that one line's reading passes to the next, so two runs of lines that
/// leave equal contexts (and no block open) are read past alike.
#[derive(Default, PartialEq, Eq)]
pub(super) struct Context {
    /// Quote depth of the last line.
    quotes: usize,
    /// Content columns of the open list items, outermost first.
    lists: Vec<usize>,
    /// The last line was paragraph text, which the next may continue.
    paragraph: bool,
}

/// One line as the block scan reads it.
struct Read<'a> {
    /// How many `>` quote markers open it.
    quotes: usize,
    /// Columns of indentation after the quote markers.
    indent: usize,
    /// Content columns of the list items the line opens (`- - a` opens two).
    items: Items,
    /// The content after quotes, indentation and list markers.
    inner: &'a str,
    /// The last list marker is followed by five columns or more and text:
    /// that text is indented code inside the item.
    item_code: bool,
    /// Only spaces and tabs after the quote markers.
    blank: bool,
}

/// Reads the container prefix of `line`: quote markers, indentation, list
/// markers. What it finds is all the block scan looks at before the
/// content, so two lines with the same [`shape`] scan alike.
fn read(line: &str) -> Read<'_> {
    // A note's lines are one in four empty: they take no look at all.
    if line.is_empty() {
        return Read {
            quotes: 0,
            indent: 0,
            items: Items::default(),
            item_code: false,
            inner: line,
            blank: true,
        };
    }
    let b = line.as_bytes();
    let mut at = 0;
    let mut quotes = 0;
    // A quote marker: at most three spaces, `>`, then one optional space.
    loop {
        let spaces = b[at..].iter().take_while(|&&c| c == b' ').count();
        if spaces > 3 || b.get(at + spaces) != Some(&b'>') {
            break;
        }
        at += spaces + 1;
        quotes += 1;
        if matches!(b.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
    }
    let rest = &line[at..];
    let indent = columns(rest, 0);
    let blank = blanks(rest) == rest.len();
    let mut items = Items::default();
    let mut item_code = false;
    let mut col = 0;
    let mut inner = rest;
    // List markers, nested on one line as Obsidian allows (`- - a`); the
    // fence and block openers are looked for after them.
    loop {
        let lead = blanks(inner);
        col += columns(&inner[..lead], col);
        let body = &inner[lead..];
        let Some(marker) = list_marker(body) else {
            break;
        };
        let after = &body[marker..];
        let gap = blanks(after);
        col += marker;
        let gap_cols = columns(&after[..gap], col);
        // Five or more columns after the marker: the content starts after
        // one, and the rest of the line is indented code inside the item.
        if gap == after.len() || gap_cols > 4 {
            items.push(col + 1);
            item_code = gap < after.len();
            inner = &after[gap..];
            break;
        }
        items.push(col + gap_cols);
        col += gap_cols;
        inner = &after[gap..];
    }
    if items.is_empty() {
        inner = &rest[blanks(rest)..];
    }
    Read {
        quotes,
        indent,
        items,
        item_code,
        inner,
        blank,
    }
}

/// How many spaces and tabs `s` starts with (bytes, not chars: every line
/// is read so).
fn blanks(s: &str) -> usize {
    s.bytes().take_while(|&b| b == b' ' || b == b'\t').count()
}

/// The content columns of the list items one line opens: the usual few
/// kept in place, so reading a list item allocates nothing.
#[derive(Default)]
struct Items {
    first: [usize; 4],
    len: usize,
    more: Vec<usize>,
}

impl Items {
    fn push(&mut self, col: usize) {
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = col,
            None => self.more.push(col),
        }
        self.len += 1;
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.first[..self.len.min(self.first.len())]
            .iter()
            .chain(&self.more)
            .copied()
    }

    fn last(&self) -> Option<usize> {
        self.iter().last()
    }
}

/// Columns the leading spaces and tabs of `s` take from column `from` (a
/// tab to the next stop of four).
fn columns(s: &str, from: usize) -> usize {
    let mut col = from;
    for c in s.bytes() {
        match c {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => break,
        }
    }
    col - from
}

/// The length of a list marker (`-`, `*`, `+`, `1.`, `1)`) at the start of
/// `s` followed by a space, a tab or the end.
fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let len = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    matches!(b.get(len), None | Some(b' ' | b'\t')).then_some(len)
}

/// A thematic break (`---`, `* * *`): not paragraph text, and not a list.
fn thematic_break(s: &str) -> bool {
    // Trailing blanks pass both tests below, so only the leading ones go.
    let t = &s.as_bytes()[blanks(s)..];
    let Some(&ch) = t.first() else {
        return false;
    };
    matches!(ch, b'-' | b'*' | b'_')
        && t.iter().all(|&c| c == ch || c == b' ' || c == b'\t')
        && t.iter().filter(|&&c| c == ch).count() >= 3
}

/// What of a text line decides the blocks around it: its container prefix,
/// whether it is blank or paragraph text, and the block it opens. An edit
/// that keeps a line's shape keeps every block of the note where it was.
pub(super) fn shape(line: &str) -> impl PartialEq + '_ {
    let r = read(line);
    let prefix = line.len() - r.inner.len();
    // Prose is paragraph text and opens nothing (see `opens_nothing`).
    let prose = r
        .inner
        .as_bytes()
        .first()
        .is_some_and(|&b| opens_nothing(b));
    let paragraph = prose || is_paragraph(line, &r);
    let opens = if prose {
        (None, None, false, false)
    } else {
        (
            fence(r.inner),
            html_start(r.inner, false).map(|e| e as u8),
            html_start(r.inner, true).is_some(),
            line.trim().starts_with("$$"),
        )
    };
    // Borrowed: every edited line's shape is taken twice.
    (&line[..prefix], r.blank, paragraph, opens)
}

/// Whether the block scan, after reading text line `line`, stands outside
/// any quote and any paragraph: a blank line written after it then leaves
/// the scan's context as it found it, so every later line reads alike.
pub(super) fn leaves_paragraph_closed(line: &str) -> bool {
    let r = read(line);
    let prose = r
        .inner
        .as_bytes()
        .first()
        .is_some_and(|&b| opens_nothing(b));
    r.quotes == 0 && (r.blank || (!prose && !is_paragraph(line, &r)))
}

/// How many bytes of `line` decide its [`shape`] when its content opens
/// with a byte that makes it prose (see `opens_nothing`): the container
/// prefix and that byte. An edit after them keeps the shape, since the
/// prefix reads alike and prose is paragraph text opening nothing.
pub(super) fn prose_head(line: &str) -> Option<usize> {
    let r = read(line);
    let first = *r.inner.as_bytes().first()?;
    opens_nothing(first).then(|| line.len() - r.inner.len() + 1)
}

fn is_paragraph(line: &str, r: &Read) -> bool {
    let t = r.inner.trim_start_matches(' ');
    let heading = t.starts_with('#')
        && matches!(
            t.as_bytes()
                .get(t.bytes().take_while(|&c| c == b'#').count()),
            None | Some(b' ' | b'\t')
        );
    // A visible ASCII char first (most lines) is no white space.
    let visible = r
        .inner
        .as_bytes()
        .first()
        .is_some_and(|b| (0x21..0x7F).contains(b))
        || !r.inner.trim().is_empty();
    visible && !heading && !thematic_break(line)
}

/// Marks each line's block kind and returns the protected byte ranges of
/// its blocks and comments, sorted and merged; the inline regions are
/// added by [`with_inlines`], and only for a note a question needs them
/// for. Blocks follow CommonMark, with Obsidian's leniency for fences
/// under list items (any indentation, tabs).
pub fn scan(text: &str, lines: &mut [Line], seen: &[u32]) -> Vec<Range<usize>> {
    let mut protected = Vec::new();
    blocks(text, lines, &mut protected);
    comments(text, lines, seen, &mut protected);
    normalise(protected)
}

/// The protected ranges of a note, sorted and merged: `blocks` (what
/// [`scan`] found) with the inline regions of every text line whose kinds
/// say it may open one ([`Kinds::INLINE`]). A line that a multi-line
/// comment took (`Block::Comment`) is read no more: the comment covers it
/// from its start to its end, and whatever it holds with it.
pub(super) fn with_inlines(
    text: &str,
    lines: &[Line],
    kinds: &[Kinds],
    blocks: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut protected = blocks.to_vec();
    for (line, k) in lines.iter().zip(kinds) {
        if line.block == Block::Text && k.meets(Kinds::INLINE) {
            inline(text, line.range.clone(), &mut protected);
        }
    }
    normalise(protected)
}

/// [`scan`] of the first lines of a note (its frontmatter block) alone,
/// with the context the block scan leaves for the line after them; `None`
/// when a multi-line comment may open in them, which only the whole note's
/// reading can close. A block opened in them and not closed before their
/// last line is cut short there: the caller sees it as that line's block.
pub(super) fn scan_head(text: &str, lines: &mut [Line]) -> Option<(Vec<Range<usize>>, Context)> {
    let (start, end) = (lines.first()?.range.start, lines.last()?.range.end);
    let head = &text.as_bytes()[start..end];
    if memmem::find(head, b"<!--").is_some() || memmem::find(head, b"%%").is_some() {
        return None;
    }
    let mut protected = Vec::new();
    let cx = blocks(text, lines, &mut protected);
    Some((normalise(protected), cx))
}

/// The context [`scan_head`] leaves after `lines`, without the regions it
/// also finds: for a block whose regions are not wanted.
pub(super) fn head_context(text: &str, lines: &mut [Line]) -> Option<Context> {
    let (start, end) = (lines.first()?.range.start, lines.last()?.range.end);
    let head = &text.as_bytes()[start..end];
    if memmem::find(head, b"<!--").is_some() || memmem::find(head, b"%%").is_some() {
        return None;
    }
    Some(blocks(text, lines, &mut Vec::new()))
}

/// Whether the block scan reads `lines` alike after context `a` as after
/// `b`: the contexts are equal, or differ only in list items that the
/// first line not blank closes either way (neither context in a paragraph
/// the line could continue), which leaves them equal.
pub(super) fn reads_on_alike(a: &Context, b: &Context, text: &str, lines: &[Line]) -> bool {
    if a == b {
        return true;
    }
    if a.paragraph || b.paragraph || a.quotes != b.quotes {
        return false;
    }
    for line in lines {
        let r = read(line.text(text));
        if r.quotes != a.quotes {
            // Both contexts' lists are dropped.
            return true;
        }
        if r.blank {
            continue;
        }
        let open = |cx: &Context| {
            let mut lists = cx.lists.clone();
            while lists.last().is_some_and(|&c| c > r.indent) {
                lists.pop();
            }
            lists
        };
        return open(a) == open(b);
    }
    true
}

/// Marks the blocks of `lines` (fenced, indented, math, HTML) and protects
/// them; the context after the last line.
fn blocks(text: &str, lines: &mut [Line], protected: &mut Vec<Range<usize>>) -> Context {
    let mut cx = Context::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.block != Block::Text {
            // The frontmatter is marked by the caller; skip it.
            cx = Context::default();
            i += 1;
            continue;
        }
        // Bytes first: the quick reading needs no char boundary.
        let b = &text.as_bytes()[line.range.clone()];
        // Most lines are empty, or open with prose, a bullet and prose, or
        // a heading: what the reading below makes of them is known from
        // their first bytes.
        if b.is_empty() {
            // Blank: only leaving a quote closes lists.
            if cx.quotes != 0 {
                cx.lists.clear();
                cx.quotes = 0;
            }
            cx.paragraph = false;
            i += 1;
            continue;
        }
        if let Some(q) = quick_read(b) {
            // Leaving a quote closes its lists. A line that continues
            // a paragraph keeps them; any other line at column 0 closes
            // them (their content columns are all past it), and an item
            // opens its own.
            if cx.quotes != 0 || q.item.is_some() || !cx.paragraph {
                cx.lists.clear();
            }
            cx.quotes = 0;
            cx.lists.extend(q.item);
            cx.paragraph = q.paragraph;
            i += 1;
            continue;
        }
        let s = &text[line.range.clone()];
        let r = read(s);
        if r.quotes != cx.quotes {
            cx.lists.clear();
            cx.quotes = r.quotes;
        }
        if r.blank {
            cx.paragraph = false;
            i += 1;
            continue;
        }
        // A line that only continues a paragraph keeps the lists open.
        let lazy = cx.paragraph && r.items.is_empty();
        if !lazy {
            while cx.lists.last().is_some_and(|&c| c > r.indent) {
                cx.lists.pop();
            }
        }
        let container = cx.lists.last().copied().unwrap_or(0);
        let relative = r.indent.saturating_sub(container);
        let in_list = !cx.lists.is_empty() || !r.items.is_empty();
        // Content opening with a visible ASCII char that opens nothing
        // (most lines: a letter, a checkbox, a link) is paragraph text and
        // opens no fence, math or HTML block, whatever its prefix: the
        // openers are not looked for.
        let prose = r
            .inner
            .as_bytes()
            .first()
            .is_some_and(|&b| opens_nothing(b));
        let end = if r.item_code {
            let item = r.items.last().unwrap_or(0);
            Some((indented_end(text, lines, i, r.quotes, item), Block::Code))
        } else if let Some((ch, len)) = (!prose)
            .then(|| fence(r.inner))
            .flatten()
            .filter(|_| relative < 4 || in_list)
        {
            // A closing fence indented four columns past the opening one
            // is code (CommonMark), however deep the list.
            let most = r.items.last().unwrap_or(r.indent) + 3;
            let closes = |t: &str| closes_fence(t, ch, len) && read(t).indent <= most;
            let end = close_block(text, lines, i, r.quotes, closes);
            Some((end, Block::Code))
        } else if !prose && opens_math(s) {
            let end = close_block(text, lines, i, 0, |t| t.trim_end().ends_with("$$"));
            Some((end, Block::Math))
        } else if let Some(kind) = (!prose)
            .then(|| html_start(r.inner, cx.paragraph))
            .flatten()
            .filter(|_| relative < 4)
        {
            Some((html_end(text, lines, i, r.quotes, kind), Block::Html))
        } else if relative >= 4 && !cx.paragraph {
            Some((
                indented_end(text, lines, i, r.quotes, container),
                Block::Code,
            ))
        } else {
            None
        };
        if relative < 4 || cx.paragraph || r.item_code {
            cx.lists.extend(r.items.iter());
        }
        if let Some((end, block)) = end {
            mark(lines, i, end, block, protected);
            cx.paragraph = false;
            i = end + 1;
            continue;
        }
        cx.paragraph = prose || is_paragraph(s, &r);
        i += 1;
    }
    cx
}

/// The inline regions of the text lines: read only on a line whose bytes
/// (`seen`) may start one ([`scan::may_open_inline`]), and there within
/// the line alone.
/// What [`blocks`] makes of a line known from its first bytes (see
/// [`quick_read`]).
struct Quick {
    /// The content column of the one list item the line opens.
    item: Option<usize>,
    /// The line is paragraph text, which the next line may continue.
    paragraph: bool,
}

/// How [`blocks`] reads a line that opens, at its first byte, with prose
/// (see [`opens_nothing`], or a char of another script that is no white
/// space), with a bullet (`-`, `*`, `+`), one space and prose, with
/// emphasis (one or two of `*` `_`, then prose), or with a `#` (an ATX
/// heading, or a tag, which is prose); `None`
/// when the line needs the full [`read`]. Such a line has no quote, no
/// indentation and at most that one item (its content at column 2), and
/// opens no block.
fn quick_read(b: &[u8]) -> Option<Quick> {
    // A digit or a `+` may open a list marker: those go the long way. A
    // line of prose in another script opens with a char of several bytes,
    // which opens nothing either: its first byte says so when it is
    // neither white space (which `opens_math` trims, `\u{3000}$$`) nor
    // may start it: no char from U+00C0 on but those led by E1-E3
    // (U+1680, U+2000-U+205F, U+3000) is white space.
    let prose = |c: u8| {
        (opens_nothing(c) && !c.is_ascii_digit() && c != b'+')
            || (c >= 0xC3 && !matches!(c, 0xE1..=0xE3))
    };
    let (item, paragraph) = match b {
        [b'-' | b'*' | b'+', b' ', c, ..] if prose(*c) => (Some(2), true),
        [c, ..] if prose(*c) => (None, true),
        // Emphasis (`**Date:**`, `*Source*`, `_x_`) is paragraph text: no
        // blank follows the `*` to make it a list marker, and a char that
        // is no `*`, `_` or blank stops a thematic break.
        [b'*' | b'_', c, ..] | [b'*' | b'_', b'*' | b'_', c, ..] if prose(*c) => (None, true),
        // A `#` run then a blank or the end is a heading, no paragraph.
        [b'#', ..] => {
            let hashes = b.iter().take_while(|&&c| c == b'#').count();
            (None, !matches!(b.get(hashes), None | Some(b' ' | b'\t')))
        }
        _ => return None,
    };
    Some(Quick { item, paragraph })
}

/// Whether a line whose content (after its container prefix) starts with
/// `b` is paragraph text that opens no block: `b` is visible ASCII, and no
/// fence (`` ` `` `~`, or `>` before one), math (`$`), HTML (`<`),
/// heading (`#`) or thematic break (`-` `*` `_`) starts with it. Such a
/// line's prefix holds only blanks, quote and list markers, so nothing
/// before `b` can open a block either.
fn opens_nothing(b: u8) -> bool {
    // A match, not a search of a list of the bytes: asked of nearly every
    // line, where a slice's `contains` set up a byte search each time.
    matches!(b, 0x21..=0x7E)
        && !matches!(
            b,
            b'`' | b'~' | b'>' | b'$' | b'<' | b'#' | b'-' | b'*' | b'_'
        )
}

/// Whether `line` opens a `$$` math block: `$$` alone, or `$$` and
/// content without a closing `$$`.
fn opens_math(line: &str) -> bool {
    let t = line.trim();
    t == "$$" || (t.starts_with("$$") && !t[2..].contains("$$"))
}

/// `(fence char, run length)` when `inner` (a line's content after its
/// container prefix) opens a fenced code block.
fn fence(inner: &str) -> Option<(u8, usize)> {
    // Fences inside quotes within list items (`- > ```) are common too.
    let t = inner.trim_start_matches(['>', ' ', '\t']);
    let ch = *t.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && t[len..].contains('`')) {
        return None;
    }
    Some((ch, len))
}

/// How an HTML block ends (CommonMark's seven kinds, by their end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HtmlEnd {
    /// Kind 1: a line holding `</pre>`, `</script>`, `</style>` or `</textarea>`.
    RawTag,
    /// Kind 2: `-->`.
    Comment,
    /// Kind 3: `?>`.
    Processing,
    /// Kind 4: `>`.
    Declaration,
    /// Kind 5: `]]>`.
    Cdata,
    /// Kinds 6 and 7: the next blank line.
    Blank,
}

const RAW_TAGS: [&str; 4] = ["pre", "script", "style", "textarea"];

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The kind of HTML block `inner` opens, if any; kind 7 (any tag alone on
/// its line) cannot interrupt a paragraph.
fn html_start(inner: &str, after_paragraph: bool) -> Option<HtmlEnd> {
    let b = inner.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let name_end = |from: usize| {
        from + b[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count()
    };
    let end = name_end(1);
    let name = &inner[1..end];
    let after = b.get(end).copied();
    if RAW_TAGS.iter().any(|t| name.eq_ignore_ascii_case(t))
        && matches!(after, None | Some(b' ' | b'\t' | b'>'))
    {
        return Some(HtmlEnd::RawTag);
    }
    if inner.starts_with("<!--") {
        return Some(HtmlEnd::Comment);
    }
    if inner.starts_with("<?") {
        return Some(HtmlEnd::Processing);
    }
    if inner.starts_with("<![CDATA[") {
        return Some(HtmlEnd::Cdata);
    }
    if b.get(1) == Some(&b'!') && b.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Some(HtmlEnd::Declaration);
    }
    let (close, end) = if b.get(1) == Some(&b'/') {
        (true, name_end(2))
    } else {
        (false, end)
    };
    let name = &inner[if close { 2 } else { 1 }..end];
    let after = &inner[end..];
    if BLOCK_TAGS.iter().any(|t| name.eq_ignore_ascii_case(t))
        && (after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>"))
    {
        return Some(HtmlEnd::Blank);
    }
    if after_paragraph || !name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let rest = if close {
        after.trim_start_matches([' ', '\t']).strip_prefix('>')
    } else if RAW_TAGS.iter().any(|t| name.eq_ignore_ascii_case(t)) {
        None
    } else {
        open_tag_rest(after)
    }?;
    rest.trim_matches([' ', '\t'])
        .is_empty()
        .then_some(HtmlEnd::Blank)
}

/// What follows a complete open tag whose name ends where `s` starts:
/// attributes, an optional `/`, then `>`.
fn open_tag_rest(mut s: &str) -> Option<&str> {
    loop {
        let trimmed = s.trim_start_matches([' ', '\t']);
        let spaced = trimmed.len() < s.len();
        s = trimmed;
        if let Some(rest) = s.strip_prefix("/>").or_else(|| s.strip_prefix('>')) {
            return Some(rest);
        }
        // An attribute: a space before it, a name, an optional value.
        let b = s.as_bytes();
        if !spaced
            || !b
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b':')
        {
            return None;
        }
        let name = b
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'-'))
            .count();
        s = &s[name..];
        let t = s.trim_start_matches([' ', '\t']);
        if let Some(v) = t.strip_prefix('=') {
            let v = v.trim_start_matches([' ', '\t']);
            let len = match v.as_bytes().first()? {
                q @ (b'"' | b'\'') => 2 + v[1..].find(*q as char)?,
                _ => {
                    let n = v.bytes().take_while(|c| !b" \t\"'=<>`".contains(c)).count();
                    if n == 0 {
                        return None;
                    }
                    n
                }
            };
            s = &v[len..];
        }
    }
}

/// The last line of the HTML block of `kind` opened at line `open`.
fn html_end(text: &str, lines: &[Line], open: usize, quotes: usize, kind: HtmlEnd) -> usize {
    let ends = |t: &str| {
        let lower = || t.to_ascii_lowercase();
        match kind {
            HtmlEnd::RawTag => {
                let l = lower();
                RAW_TAGS.iter().any(|tag| l.contains(&format!("</{tag}>")))
            }
            HtmlEnd::Comment => t.contains("-->"),
            HtmlEnd::Processing => t.contains("?>"),
            HtmlEnd::Declaration => t.contains('>'),
            HtmlEnd::Cdata => t.contains("]]>"),
            HtmlEnd::Blank => false,
        }
    };
    if ends(&text[lines[open].range.clone()]) {
        return open;
    }
    let mut last = open;
    for (j, line) in lines.iter().enumerate().skip(open + 1) {
        let t = &text[line.range.clone()];
        let r = read(t);
        // A line outside the quote the block opened in ends it, as does a
        // blank line the block ends at.
        let left_quote = !r.blank && r.quotes < quotes;
        if left_quote || (r.blank && kind == HtmlEnd::Blank) {
            return last;
        }
        last = j;
        if ends(t) {
            return j;
        }
    }
    last
}

/// The last line of the indented code block opened at line `open`: later
/// lines indented four columns past `container`, and blank lines between.
fn indented_end(text: &str, lines: &[Line], open: usize, quotes: usize, container: usize) -> usize {
    let mut last = open;
    for (j, line) in lines.iter().enumerate().skip(open + 1) {
        if line.block != Block::Text {
            break;
        }
        let r = read(&text[line.range.clone()]);
        if r.quotes != quotes && !(r.blank && r.quotes == 0) {
            break;
        }
        if r.blank {
            continue;
        }
        if r.indent < container + 4 {
            break;
        }
        last = j;
    }
    last
}

fn closes_fence(line: &str, ch: u8, len: usize) -> bool {
    let t = line.trim_start_matches(['>', ' ', '\t']).trim_end();
    t.len() >= len && t.bytes().all(|b| b == ch)
}

/// Index of the line that closes the block opened at `open`, the last line
/// still inside the quote it was opened in, or the note's last line.
fn close_block(
    text: &str,
    lines: &[Line],
    open: usize,
    quotes: usize,
    closes: impl Fn(&str) -> bool,
) -> usize {
    for j in open + 1..lines.len() {
        let t = &text[lines[j].range.clone()];
        if quotes > 0 {
            let r = read(t);
            if !r.blank && r.quotes < quotes {
                return j - 1;
            }
        }
        if closes(t) {
            return j;
        }
    }
    lines.len().saturating_sub(1)
}

fn mark(lines: &mut [Line], from: usize, to: usize, block: Block, out: &mut Vec<Range<usize>>) {
    for line in &mut lines[from..=to] {
        line.block = block;
    }
    out.push(lines[from].range.start..lines[to].range.end);
}

/// A multi-line comment's opener and closer, with the [`scan`] bit of each
/// one's first byte.
struct Marker {
    open: memmem::Finder<'static>,
    opens: u32,
    close: memmem::Finder<'static>,
    closes: u32,
}

/// Multi-line comments: `<!-- … -->` and `%% … %%`, across text lines.
/// A line is searched for an opener or a closer only when its bytes
/// (`seen`, one entry a line) hold the marker's first byte: most lines of
/// a note that has a comment hold neither, and a search each cost more
/// than the look-up.
fn comments(text: &str, lines: &mut [Line], seen: &[u32], out: &mut Vec<Range<usize>>) {
    // Set up once: building a search cost more than running it on a note.
    static MARKERS: OnceLock<[Marker; 2]> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        let marker = |open, opens, close, closes| Marker {
            open: memmem::Finder::new(open),
            opens,
            close: memmem::Finder::new(close),
            closes,
        };
        [
            marker("<!--", scan::LT, "-->", scan::GT),
            marker("%%", scan::PERCENT, "%%", scan::PERCENT),
        ]
    });
    for m in markers {
        let (open_finder, opens, close_finder, closes) = (&m.open, m.opens, &m.close, m.closes);
        let (open, close) = (open_finder.needle(), close_finder.needle());
        // Most notes have no comment at all: no line holds the opener's
        // first byte, or one pass over the bytes finds no opener.
        if (seen.len() == lines.len() && !seen.iter().any(|&s| s & opens != 0))
            || open_finder.find(text.as_bytes()).is_none()
        {
            continue;
        }
        let find =
            |finder: &memmem::Finder, range: Range<usize>| finder.find(&text.as_bytes()[range]);
        let mut i = 0;
        let holds = |j: usize, bit: u32| seen.get(j).is_none_or(|&s| s & bit != 0);
        while i < lines.len() {
            if lines[i].block != Block::Text || !holds(i, opens) {
                i += 1;
                continue;
            }
            let range = lines[i].range.clone();
            let Some(at) = find(open_finder, range.clone()) else {
                i += 1;
                continue;
            };
            let start = range.start + at;
            let after = start + open.len();
            if let Some(end) = find(close_finder, after..range.end) {
                out.push(start..after + end + close.len());
                // Another comment may follow on the same line; rare, and the
                // inline pass below still protects the first one.
                i += 1;
                continue;
            }
            let end = (i + 1..lines.len())
                .find(|&j| {
                    lines[j].block == Block::Text
                        && holds(j, closes)
                        && find(close_finder, lines[j].range.clone()).is_some()
                })
                .unwrap_or(lines.len() - 1);
            for line in &mut lines[i + 1..=end] {
                if line.block == Block::Text {
                    line.block = Block::Comment;
                }
            }
            out.push(start..lines[end].range.end);
            i = end + 1;
        }
    }
}

/// The bytes an inline construct can start at: every arm of
/// [`inline_from`] opens on one of them.
static START: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let starts = *b"`$[]<:";
    while k < starts.len() {
        t[starts[k] as usize] = true;
        k += 1;
    }
    t
};

/// Where an inline construct may start: the next byte of [`START`], found
/// by a table look-up a byte within the line. Searches shared by a note's
/// lines (one for each opener, kept while what they found lay ahead) cost
/// more: each start passed set a search up again, and a pair's search
/// (`[[`, `://`) tried every `[` or `/` of the note on its way.
struct StartBytes;

/// Where [`inline_from`] looks next.
trait Next {
    /// The first byte of `bytes` (the note's) at or after `from` where an
    /// inline construct may start, or `bytes.len()`.
    fn next(&mut self, bytes: &[u8], from: usize) -> usize;
}

impl Next for StartBytes {
    fn next(&mut self, bytes: &[u8], from: usize) -> usize {
        bytes[from..]
            .iter()
            .position(|&b| START[usize::from(b)])
            .map_or(bytes.len(), |at| from + at)
    }
}

/// Inline code, inline math, URLs and link targets on one line.
pub(super) fn inline(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    // The look for start bytes stops at the line's end.
    inline_from(&text[..range.end], range, &mut StartBytes, out);
}

/// [`inline`] with the look for start bytes `starts` (see [`Next`]).
fn inline_from(
    text: &str,
    range: Range<usize>,
    starts: &mut impl Next,
    out: &mut Vec<Range<usize>>,
) {
    let line = &text[range.clone()];
    let bytes = line.as_bytes();
    let base = range.start;
    let mut i = 0;
    // Once a closer is missing from some point on, it is missing from every
    // later point too: stop looking, so a line of openers stays linear.
    let (mut no_dollar, mut no_brackets) = (false, false);
    loop {
        i = starts.next(text.as_bytes(), base + i).min(range.end) - base;
        if i >= bytes.len() {
            break;
        }
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                match find_run(bytes, i + run, b'`', run) {
                    Some(end) => {
                        out.push(base + i..base + end + run);
                        i = end + run;
                    }
                    None => i += run,
                }
            }
            b'$' if !no_dollar && bytes.get(i + 1).is_some_and(|&b| b != b' ' && b != b'$') => {
                match line[i + 1..].find('$') {
                    Some(rel) if bytes[i + rel] != b' ' => {
                        out.push(base + i..base + i + rel + 2);
                        i += rel + 2;
                    }
                    Some(_) => i += 1,
                    None => no_dollar = true,
                }
            }
            b'[' if !no_brackets && bytes.get(i + 1) == Some(&b'[') => {
                // Wikilink or embed: protect the target, up to `|` or `]]`.
                let start = i + 2;
                match find_pair(&bytes[start..], b']', b']') {
                    Some(rel) => {
                        let inner = &line[start..start + rel];
                        let target_len = inner.find('|').unwrap_or(inner.len());
                        out.push(base + start..base + start + target_len);
                        i = start + rel + 2;
                    }
                    None => no_brackets = true,
                }
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                // Markdown link destination.
                let start = i + 2;
                let end = line[start..].find(')').map_or(line.len(), |r| start + r);
                out.push(base + start..base + end);
                i = end;
            }
            b'<' if line[i..].starts_with("<!--") => {
                let end = line[i..].find("-->").map_or(line.len(), |r| i + r + 3);
                out.push(base + i..base + end);
                i = end;
            }
            b'<' if is_autolink(&line[i..]) => {
                let end = line[i..].find('>').map_or(line.len(), |r| i + r + 1);
                out.push(base + i..base + end);
                i = end;
            }
            b':' if line[i..].starts_with("://") => {
                let start = line[..i]
                    .char_indices()
                    .rfind(|&(_, c)| !c.is_ascii_alphanumeric() && c != '+' && c != '.' && c != '-')
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let end = line[i..]
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '"')
                    .map_or(line.len(), |r| i + r);
                let end = trim_url_end(line, start, end);
                if start < i {
                    out.push(base + start..base + end);
                }
                i = end.max(i + 3);
            }
            _ => i += 1,
        }
    }
}

/// A URL's trailing `)` belongs to it only when it opened one; sentence
/// punctuation after a URL is not part of it.
fn trim_url_end(line: &str, start: usize, mut end: usize) -> usize {
    let url = &line[start..end];
    let opens = url.matches('(').count();
    let mut closes = url.matches(')').count();
    while let Some(last) = line[start..end].chars().last() {
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => true,
            ')' => opens < closes,
            _ => false,
        };
        if !drop {
            break;
        }
        if last == ')' {
            closes -= 1;
        }
        end -= last.len_utf8();
    }
    end
}

fn is_autolink(s: &str) -> bool {
    let inner = &s[1..];
    // An autolink holds no space and no `<`, so the scan stops at either.
    let end = inner.find(['>', ' ', '<']).unwrap_or(inner.len());
    inner[..end].contains("://") || inner[..end].contains('@') && inner[end..].starts_with('>')
}

/// Where the two-byte `a` `b` first stands in `bytes`: by the first byte's
/// search, as a string search sets up more than a short line costs.
fn find_pair(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    memchr::memchr_iter(a, bytes).find(|&j| bytes.get(j + 1) == Some(&b))
}

fn find_run(bytes: &[u8], from: usize, ch: u8, len: usize) -> Option<usize> {
    let mut j = from;
    while j < bytes.len() {
        if bytes[j] == ch {
            let run = bytes[j..].iter().take_while(|&&b| b == ch).count();
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// Sorts regions and merges those that overlap or touch.
pub(super) fn normalise(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::note::Note;

    #[test]
    fn quick_reads_are_what_the_full_reading_reads() {
        for line in [
            "a",
            "word",
            "[[x]]",
            "- [ ] task",
            "* a",
            "+ b",
            "- a",
            "!x",
            "1. a",
            "-  a",
            "- 1. a",
            "- + a",
            "- - a",
            "> a",
            " a",
            "-",
            "- ",
            "+a",
            "# h",
            "- `x`",
            "\ta",
            "#",
            "##",
            "#tag",
            "## h",
            "#\th",
            "#### x #",
            "#`",
            "- #tag",
            "- # h",
            "é",
            "- é",
            "ก ข",
            "- เรียก",
            "日本",
            "* Ä",
            "+ 😀",
            "\u{3000}$$",
            "- \u{a0}a",
            "\u{a0}",
            "\u{2003}x",
            "\u{1680}",
            "- \u{3000}",
            "**Date:** x",
            "*Source*",
            "_x_",
            "__init__",
            "*_a",
            "**",
            "***",
            "* * *",
            "*a*b",
            "*\ta",
            "**é",
            "*1",
            "_ _ _",
            "**-",
        ] {
            let Some(q) = super::quick_read(line.as_bytes()) else {
                continue;
            };
            let r = super::read(line);
            assert_eq!(r.quotes, 0, "{line:?}");
            assert_eq!(r.indent, 0, "{line:?}");
            assert!(!r.blank && !r.item_code, "{line:?}");
            assert_eq!(r.items.iter().collect::<Vec<_>>(), Vec::from_iter(q.item));
            let inner = r.inner.as_bytes()[0];
            let prose = super::opens_nothing(inner);
            let emphasis = matches!(inner, b'*' | b'_');
            assert!(
                prose || emphasis || inner == b'#' || inner >= 0xC3,
                "{line:?}"
            );
            assert!(super::fence(r.inner).is_none() && !super::opens_math(line));
            assert!(super::html_start(r.inner, false).is_none(), "{line:?}");
            assert_eq!(
                q.paragraph,
                prose || super::is_paragraph(line, &r),
                "{line:?}"
            );
        }
    }

    #[test]
    fn items_past_the_few_kept_in_place() {
        let r = super::read("- - - - - - a");
        assert_eq!(r.items.iter().collect::<Vec<_>>(), [2, 4, 6, 8, 10, 12]);
        assert_eq!(r.items.last(), Some(12));
        assert_eq!(r.inner, "a");
        assert!(super::read("a").items.is_empty());
    }

    #[test]
    fn a_line_without_an_inline_start_byte_has_no_inline_region() {
        // The block scan skips such lines: every arm of `inline` starts at
        // a byte that opens a region alone, or at a pair the line holds.
        use crate::note::scan::{bytes_seen, may_open_inline};
        let pieces = [
            "`", "$", "[", "]", "<", ":", "!", "*", "_", "~", "#", "%", "|", "(", ")", "{", "}",
            "\\", "/", "-", "+", "=", ".", ",", ";", "'", "\"", "@", "a", " ", "\t", "é", "[[",
            "](", "://", "- [ ] ", "x:", "//",
        ];
        for line in crate::testgen::texts(&pieces, 12, 40_000) {
            let mut out = Vec::new();
            super::inline(&line, 0..line.len(), &mut out);
            if !may_open_inline(bytes_seen(line.as_bytes()), line.as_bytes()) {
                assert!(out.is_empty(), "{line:?}");
            }
        }
        let note = Note::parse("plain line\nsee `code` here\n\n> quoted [[Link]]\n- [ ] a: b\n");
        assert_eq!(note.protected().len(), 2);
    }

    /// Every byte a candidate: the reading the look for start bytes stands
    /// in for.
    struct EveryByte;

    impl super::Next for EveryByte {
        fn next(&mut self, _: &[u8], from: usize) -> usize {
            from
        }
    }

    #[test]
    fn the_searches_find_what_reading_every_byte_finds() {
        let pieces = [
            "[", "]", "(", ")", "[[", "]]", "](", "`", "``", "$", "$$", "<", ">", "<!--", "-->",
            ":", "//", "://", "http", "a@b", "|", " ", "x", "é",
        ];
        for text in crate::testgen::texts(&pieces, 16, 20_000) {
            let (mut found, mut every) = (Vec::new(), Vec::new());
            super::inline(&text, 0..text.len(), &mut found);
            super::inline_from(&text, 0..text.len(), &mut EveryByte, &mut every);
            assert_eq!(found, every, "{text:?}");
        }
    }

    /// [`super::scan`] with every text line's every byte read for inline
    /// regions: what the gate and the look for start bytes stand in for.
    fn scan_reading_every_byte(text: &str) -> Vec<std::ops::Range<usize>> {
        let note = Note::parse(text);
        let (mut lines, _) = crate::note::split_lines(text, note.start);
        let end = note.frontmatter.as_ref().map_or(0, |fm| fm.range.end);
        for line in lines.iter_mut().take_while(|l| l.range.start < end) {
            line.in_frontmatter = true;
        }
        let mut protected = Vec::new();
        super::blocks(text, &mut lines, &mut protected);
        for line in &lines {
            if line.block == super::Block::Text {
                let range = line.range.clone();
                super::inline_from(&text[..range.end], range, &mut EveryByte, &mut protected);
            }
        }
        let every = vec![u32::MAX; lines.len()];
        super::comments(text, &mut lines, &every, &mut protected);
        super::normalise(protected)
    }

    #[test]
    fn the_note_protects_what_reading_every_byte_protects() {
        let files: Vec<_> = ["../shared/corpus", "tests/fixtures", "examples/vault"]
            .into_iter()
            .flat_map(crate::testgen::markdown_files)
            .collect();
        println!("{} notes read, and generated ones", files.len());
        let notes = files.iter().filter_map(|p| std::fs::read_to_string(p).ok());
        let pieces = [
            "[", "]", "(", ")", "[[", "]]", "](", "`", "$", "<", ">", "<!--", "-->", ":", "/",
            "://", "http", "- [ ] ", "\n", "\n\n", "```\n", "    ", "> ", "a", " ", "é", "%%",
        ];
        let generated = crate::testgen::texts(&pieces, 24, 20_000);
        for text in notes.chain(generated) {
            let note = Note::parse(&text);
            assert_eq!(note.protected(), scan_reading_every_byte(&text), "{text:?}");
        }
    }

    #[test]
    fn a_line_whose_content_opens_nothing_is_paragraph_text() {
        // What the block scan skips for such a line, checked the long way.
        let pieces = [
            ">", " ", "\t", "- ", "* ", "1. ", "2) ", "+ ", "a", "[", "`", "~", "$", "$$", "<",
            "<div>", "#", "-", "*", "_", "\u{3000}", "|", "!",
        ];
        for line in crate::testgen::texts(&pieces, 8, 20_000) {
            let r = super::read(&line);
            if r.blank
                || !r
                    .inner
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| super::opens_nothing(b))
            {
                continue;
            }
            assert!(super::fence(r.inner).is_none(), "{line:?}");
            assert!(!super::opens_math(&line), "{line:?}");
            assert!(super::html_start(r.inner, false).is_none(), "{line:?}");
            assert!(super::html_start(r.inner, true).is_none(), "{line:?}");
            assert!(!line.trim().starts_with("$$"), "{line:?}");
            assert!(super::is_paragraph(&line, &r), "{line:?}");
        }
    }

    #[test]
    fn math_opener_after_wide_whitespace_does_not_split_a_char() {
        let note = Note::parse("\u{3000}$$# \nx\n$$\n");
        assert_eq!(note.protected().len(), 1);
    }
}

#[cfg(test)]
mod scan_tests {
    use crate::note::Note;

    fn protected(text: &str) -> Vec<&str> {
        let note = Note::parse(text);
        note.protected().iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn unclosed_openers_protect_nothing_and_closed_ones_still_count() {
        assert!(protected(&"[[ $x <a ".repeat(1000)).is_empty());
        assert_eq!(
            protected("$a$ then $b and [[T]] then [[open"),
            vec!["$a$", "T"]
        );
        assert_eq!(
            protected("<https://x.org/a> <<b"),
            vec!["<https://x.org/a>"]
        );
        assert_eq!(
            protected("see https://x.org/f(a)).) end"),
            vec!["https://x.org/f(a)"]
        );
    }
}
