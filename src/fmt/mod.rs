//! `argcheck fmt`: one canonical layout for `.arg` documents (and for the
//! `arg` blocks of Markdown files).
//!
//! The layout:
//! - an item header is `KEYWORD ID "TEXT"` (`use "PATH"`), one space apart;
//! - its attributes follow, indented two spaces, one `key: value` per line,
//!   in the order of LANGUAGE.md's key tables (`because`, `cite`,
//!   `confidence`, `by`, `attacks`, `expect`, `rates`, `allow`, `note` for
//!   statements; `reliability`, `kind`, `url`, `date`, `derived-from`,
//!   `retracted`, `allow`, `note` for sources; `answers`, `allow`, `note`
//!   for questions); keys of the same name keep their order, and keys
//!   an item does not take come last, in their order;
//! - one space after `:` (none before a value that starts with `#`,
//!   which a space would turn into a comment), lists as `a, b`, citations and ratings one space
//!   apart; no blank line inside an item, one blank line between items;
//! - a comment on its own line goes with the next attribute (indented) or,
//!   at column 0 after an item, with the next item; a comment at the end of
//!   a line stays there, one space after the text; indented comments after
//!   an item's last attribute stay at its end; blank lines between comments
//!   above an item are kept (one at most);
//! - every character of text is kept: strings (with their escapes and line
//!   breaks) byte for byte, ids as written, comments as written (trailing
//!   blanks removed). Only blanks change: indentation, the spaces between
//!   tokens, blank lines, trailing blanks, the final newline.
//! - line ends are the file's own (those of its first line: `\n`, `\r\n`
//!   or `\r`); a byte-order mark is kept.
//!
//! A document with syntax errors is never formatted: [`format_source`]
//! returns them as a [`FormatError`]. The formatter is one linear pass over
//! the syntax tree plus a scan of the lines between its nodes; it checks its
//! own output by parsing it again (a mismatch is an
//! [`FormatError::Internal`], never a damaged file).
//!
//! The library API, for the command line and the editor:
//! - [`format_source`]: a whole `.arg` text → its formatted text;
//! - [`format_range`]: only the items that overlap a byte range → one edit
//!   (LSP `rangeFormatting`);
//! - [`format_markdown`]: the `arg` blocks of a Markdown text, formatted in
//!   place, everything outside them byte-identical;
//! - [`format_file_text`]: picks one of the two by file kind;
//! - [`minimal_edit`]: the one edit between a text and its formatted text.
//!
//! For LSP: `formatting` is `format_file_text` then `minimal_edit` (no edit
//! on `Err`: syntax errors leave the buffer alone); `rangeFormatting` is
//! `format_range` for `.arg` documents (for Markdown, format the whole
//! text: blocks are small).

pub mod cli;

use crate::syntax::{self, Ast, Item, ItemKind, SyntaxError, Value};
use std::ops::Range;

/// Why a text was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The text does not parse: every syntax error, as `check` reports them
    /// (byte spans into the text given).
    Syntax(Vec<SyntaxError>),
    /// The formatter could not lay the text out without risk (it found a
    /// line it does not understand, or its output would not parse back to
    /// the same items). Never expected; the text is left as it is.
    Internal(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Syntax(e) => write!(f, "{} syntax error(s)", e.len()),
            FormatError::Internal(m) => write!(f, "internal formatter error: {m}"),
        }
    }
}

impl std::error::Error for FormatError {}

/// One replacement: `text[range]` becomes `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeEdit {
    /// Byte range of the original text.
    pub range: Range<usize>,
    /// What replaces it.
    pub new_text: String,
}

/// Formats a whole `.arg` document. `Err(FormatError::Syntax)` when the
/// text has syntax errors (it must then be left alone). Idempotent:
/// `format_source(&format_source(x)?)? == format_source(x)?`.
pub fn format_source(text: &str) -> Result<String, FormatError> {
    let doc = Doc::read(text)?;
    let out = doc.render();
    verify(&doc, &out)?;
    Ok(out)
}

/// Formats only the items of a `.arg` document that overlap the byte range
/// `range` (an empty range at an offset selects the item around it): one
/// edit replacing the text from the first comment above the first such item
/// to the end of the last one, or `Ok(None)` when no item overlaps it or
/// they are already formatted. Blank lines between these items and the
/// others are left alone; formatting the whole text afterwards gives what
/// [`format_source`] gives.
pub fn format_range(text: &str, range: Range<usize>) -> Result<Option<RangeEdit>, FormatError> {
    let doc = Doc::read(text)?;
    let hit: Vec<&ItemF> = doc
        .items
        .iter()
        .filter(|it| it.region.start < range.end.max(range.start + 1) && range.start <= it.region.end)
        .collect();
    let (Some(first), Some(last)) = (hit.first(), hit.last()) else {
        return Ok(None);
    };
    let mut new_text = String::new();
    for (i, it) in hit.iter().enumerate() {
        if i > 0 {
            new_text.push_str(doc.nl);
            new_text.push_str(doc.nl);
        }
        it.render(doc.nl, &mut new_text);
    }
    let region = first.region.start..last.region.end;
    if text.get(region.clone()) == Some(new_text.as_str()) {
        return Ok(None);
    }
    Ok(Some(RangeEdit {
        range: region,
        new_text,
    }))
}

/// The smallest single edit of whole lines that turns `old` into `new`
/// (the lines they share at the start and at the end left out), or `None` when
/// they are equal: what an editor's `formatting` request can answer with
/// so that the cursor and folds outside the change stay put.
pub fn minimal_edit(old: &str, new: &str) -> Option<RangeEdit> {
    if old == new {
        return None;
    }
    // Whole lines of `old`: a position after a line end (never between
    // the two bytes of a CRLF), so that editors convert it cleanly.
    let b = old.as_bytes();
    let line_start = |q: usize| q == 0 || b[q - 1] == b'\n' || (b[q - 1] == b'\r' && b.get(q) != Some(&b'\n'));
    let mut pre = b.iter().zip(new.bytes()).take_while(|(x, y)| **x == *y).count();
    while !line_start(pre) {
        pre -= 1;
    }
    let max_suf = old.len().min(new.len()) - pre;
    let mut suf = b
        .iter()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(x, y)| **x == *y)
        .count();
    while suf > 0 && !line_start(old.len() - suf) {
        suf -= 1;
    }
    Some(RangeEdit {
        range: pre..old.len() - suf,
        new_text: new[pre..new.len() - suf].to_string(),
    })
}

/// Formats a file's text by its kind: Markdown (`.md`, `.markdown`) through
/// [`format_markdown`], anything else as `.arg` through [`format_source`].
pub fn format_file_text(text: &str, markdown: bool) -> Result<String, FormatError> {
    if markdown {
        format_markdown(text)
    } else {
        format_source(text)
    }
}

/// Checks the formatter's output: it parses without errors and holds the
/// same items and attributes.
fn verify(doc: &Doc, out: &str) -> Result<(), FormatError> {
    let b = syntax::parse(out);
    if !b.errors.is_empty() {
        return Err(FormatError::Internal(format!(
            "the formatted text would not parse: {}",
            b.errors[0].message
        )));
    }
    let attrs: usize = doc.items.iter().map(|it| it.attrs.len()).sum();
    if doc.items.len() != b.ast.items.len() || attrs != b.ast.attrs.len() {
        return Err(FormatError::Internal(
            "the formatted text would not hold the same items".into(),
        ));
    }
    Ok(())
}

/// The rank of an attribute key in an item's canonical order (LANGUAGE.md's
/// key tables); keys the item does not take rank last.
fn rank(kind: ItemKind, key: &str) -> usize {
    let order = crate::syntax::keys::of(kind);
    order.iter().position(|(k, _)| *k == key).unwrap_or(order.len())
}

/// A line between nodes: blank, or a comment (trimmed).
#[derive(Clone, Copy, Debug)]
struct GapLine<'a> {
    /// The comment, from its `#` (trailing blanks removed); `None` for a
    /// blank line.
    comment: Option<&'a str>,
    /// Whether the comment starts at column 0.
    col0: bool,
    /// Where the line's content ends (before its line end).
    end: usize,
    /// Where the line starts.
    start: usize,
}

/// One attribute, laid out.
#[derive(Debug)]
struct AttrF<'a> {
    leading: Vec<&'a str>,
    line: String,
    trailing: Option<&'a str>,
    rank: usize,
}

/// One item, laid out, and the source region it came from.
#[derive(Debug)]
struct ItemF<'a> {
    /// Comments above the item; `None` is one blank line between them.
    leading: Vec<Option<&'a str>>,
    /// A blank line between the last comment above and the header.
    blank_before_header: bool,
    header: String,
    header_comment: Option<&'a str>,
    attrs: Vec<AttrF<'a>>,
    /// Indented comments after the last attribute.
    dangling: Vec<&'a str>,
    /// From the start of the first comment above (or the keyword) to the end
    /// of the item's last line (before its line end).
    region: Range<usize>,
}

/// A document, laid out.
#[derive(Debug)]
struct Doc<'a> {
    bom: bool,
    nl: &'static str,
    items: Vec<ItemF<'a>>,
    /// Comments after the last item (or of a document without items).
    trailing: Vec<Option<&'a str>>,
}

/// The line end the text uses first (`\n` when it has none).
fn line_ending(text: &str) -> &'static str {
    match memchr::memchr2(b'\n', b'\r', text.as_bytes()) {
        Some(i) if text.as_bytes()[i] == b'\r' => {
            if text.as_bytes().get(i + 1) == Some(&b'\n') {
                "\r\n"
            } else {
                "\r"
            }
        }
        _ => "\n",
    }
}

/// The line end of a document: that of its first line end outside
/// strings (a string keeps the line ends written in it, so they must not
/// decide, or a second run could choose differently).
fn doc_line_ending(text: &str, ast: &Ast) -> &'static str {
    // Every string's span, in source order (items, then their attributes,
    // are in source order), walked once beside the line ends.
    let mut strings: Vec<Range<usize>> = Vec::new();
    for it in &ast.items {
        strings.extend(it.text.map(|t| t.range()));
        for a in ast.attrs_of(it) {
            let t = match a.value {
                Value::Str(t) => Some(t),
                Value::Cite(i) => ast.cite(i).locator,
                Value::Retracted(i) => ast.retraction(i).note,
                _ => None,
            };
            strings.extend(t.map(|t| t.range()));
        }
    }
    let mut k = 0;
    for p in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
        while strings.get(k).is_some_and(|r| r.end <= p) {
            k += 1;
        }
        if strings.get(k).is_some_and(|r| r.start <= p) {
            continue;
        }
        return line_ending(&text[p..]);
    }
    "\n"
}

/// Where the line holding `from` ends, and where the next line starts.
fn line_end(text: &str, from: usize) -> (usize, usize) {
    let b = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', &b[from..]) {
        None => (b.len(), b.len()),
        Some(i) => {
            let e = from + i;
            let next = if b[e] == b'\r' && b.get(e + 1) == Some(&b'\n') {
                e + 2
            } else {
                e + 1
            };
            (e, next)
        }
    }
}

fn trim_blanks(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

fn internal(what: &str, at: usize) -> FormatError {
    FormatError::Internal(format!("unexpected text {what} at byte {at}"))
}

/// The lines from `from` (a line start) up to the line holding `to` (the
/// start of the next token) or the end of the text: each blank or a comment.
fn gap_lines(text: &str, from: usize, to: Option<usize>) -> Result<Vec<GapLine<'_>>, FormatError> {
    let mut out = Vec::new();
    let mut pos = from;
    while pos < text.len() {
        let (end, next) = line_end(text, pos);
        if to.is_some_and(|t| t <= end) {
            break;
        }
        let line = &text[pos..end];
        let t = trim_blanks(line);
        if t.is_empty() {
            out.push(GapLine {
                comment: None,
                col0: false,
                end,
                start: pos,
            });
        } else if t.starts_with('#') {
            out.push(GapLine {
                comment: Some(t),
                col0: line.starts_with('#'),
                end: pos + line.trim_end_matches([' ', '\t']).len(),
                start: pos,
            });
        } else {
            return Err(internal("between items", pos));
        }
        pos = next;
    }
    Ok(out)
}

/// After a token ending at `at`: the comment ending its line, where the
/// line's content ends, and where the next line starts.
fn after_token(text: &str, at: usize) -> Result<(Option<&str>, usize, usize), FormatError> {
    let (end, next) = line_end(text, at);
    let rest = &text[at..end];
    let t = trim_blanks(rest);
    if t.is_empty() {
        Ok((None, at, next))
    } else if t.starts_with('#') && rest.starts_with([' ', '\t']) {
        Ok((Some(t), at + rest.trim_end_matches([' ', '\t']).len(), next))
    } else {
        Err(internal("after a value", at))
    }
}

/// A value, laid out: every token as written, blanks normalised.
fn value_text(src: &str, ast: &Ast, v: &Value) -> String {
    let s = |t: syntax::Tok| src.get(t.range()).unwrap_or("");
    match *v {
        Value::Ids(idx) => ast.ids(idx).iter().map(|t| s(*t)).collect::<Vec<_>>().join(", "),
        Value::Cite(i) => {
            let c = ast.cite(i);
            let mut parts = vec![s(c.source)];
            parts.extend([c.credibility, c.locator, c.date].into_iter().flatten().map(s));
            parts.join(" ")
        }
        Value::Id(t) | Value::Text(t) | Value::Str(t) => s(t).to_string(),
        Value::Rates(idx) => ast
            .ratings(idx)
            .iter()
            .map(|r| format!("{} {}", s(r.answer), s(r.rating)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Retracted(i) => {
            let r = ast.retraction(i);
            match r.note {
                Some(n) => format!("{} {}", s(r.date), s(n)),
                None => s(r.date).to_string(),
            }
        }
    }
}

/// Comment lines above something: blank lines before the first comment
/// dropped, runs of blank lines kept as one; whether a blank line ends them.
fn leading_block<'a>(lines: &[GapLine<'a>]) -> (Vec<Option<&'a str>>, bool) {
    let mut out: Vec<Option<&'a str>> = Vec::new();
    for l in lines {
        match l.comment {
            Some(c) => out.push(Some(c)),
            None => {
                if out.last().is_some_and(Option::is_some) {
                    out.push(None);
                }
            }
        }
    }
    let blank_end = out.last().is_some_and(Option::is_none);
    if blank_end {
        out.pop();
    }
    (out, blank_end)
}

impl<'a> Doc<'a> {
    /// Reads a document's layout. Fails on syntax errors.
    fn read(text: &'a str) -> Result<Doc<'a>, FormatError> {
        let parsed = syntax::parse(text);
        if !parsed.errors.is_empty() {
            return Err(FormatError::Syntax(parsed.errors));
        }
        let ast = &parsed.ast;
        let bom = text.starts_with('\u{feff}');
        let body = if bom { '\u{feff}'.len_utf8() } else { 0 };
        let nl = doc_line_ending(text, ast);
        let mut items: Vec<ItemF<'a>> = Vec::with_capacity(ast.items.len());
        // Lines seen after the previous item that belong to the next one.
        let mut pending = gap_lines(text, body, ast.items.first().map(|i| i.keyword.start as usize))?;
        for (n, item) in ast.items.iter().enumerate() {
            let next_start = ast.items.get(n + 1).map(|i| i.keyword.start as usize);
            let (mut it, rest) = Self::item(text, ast, item, &pending, next_start)?;
            // An item's region starts at the line of its first comment above.
            it.region.start = pending
                .iter()
                .find(|l| l.comment.is_some())
                .map_or(item.keyword.start as usize, |l| l.start);
            items.push(it);
            pending = rest;
        }
        let (trailing, _) = leading_block(&pending);
        Ok(Doc {
            bom,
            nl,
            items,
            trailing,
        })
    }

    /// One item; returns it and the lines after it that belong to what
    /// follows (from the first column-0 comment on).
    fn item(
        text: &'a str,
        ast: &Ast,
        item: &Item,
        before: &[GapLine<'a>],
        next_start: Option<usize>,
    ) -> Result<(ItemF<'a>, Vec<GapLine<'a>>), FormatError> {
        let (leading, blank_before_header) = leading_block(before);
        let kw = &text[item.keyword.range()];
        let Some(title) = item.text else {
            return Err(internal("(an item without text)", item.keyword.start as usize));
        };
        let mut header = String::from(kw);
        if let Some(id) = item.id {
            header.push(' ');
            header.push_str(&text[id.range()]);
        }
        header.push(' ');
        header.push_str(&text[title.range()]);
        let (header_comment, mut last_end, mut pos) = after_token(text, title.span.end as usize)?;
        let mut attrs = Vec::with_capacity(item.attrs.len());
        for a in ast.attrs_of(item) {
            let key_at = a.key.span.start as usize;
            let gap = gap_lines(text, pos, Some(key_at))?;
            let leading: Vec<&str> = gap.iter().filter_map(|l| l.comment).collect();
            let key = &text[a.key.range()];
            let value = value_text(text, ast, &a.value);
            // `key:#x` has the value `#x`; a space would make it a comment.
            let sep = if value.starts_with('#') { "" } else { " " };
            let line = format!("  {key}:{sep}{value}");
            let (trailing, end, next) = after_token(text, a.span.end as usize)?;
            last_end = end;
            pos = next;
            attrs.push(AttrF {
                leading,
                line,
                trailing,
                rank: rank(item.kind, key),
            });
        }
        attrs.sort_by_key(|a| a.rank);
        let after = gap_lines(text, pos, next_start)?;
        let split = after.iter().position(|l| l.col0).unwrap_or(after.len());
        let dangling: Vec<&str> = after[..split].iter().filter_map(|l| l.comment).collect();
        if let Some(l) = after[..split].iter().rev().find(|l| l.comment.is_some()) {
            last_end = l.end;
        }
        let it = ItemF {
            leading,
            blank_before_header,
            header,
            header_comment,
            attrs,
            dangling,
            region: item.keyword.start as usize..last_end,
        };
        Ok((it, after[split..].to_vec()))
    }

    fn render(&self) -> String {
        let mut out = String::with_capacity(self.items.len() * 160 + 16);
        if self.bom {
            out.push('\u{feff}');
        }
        for (i, it) in self.items.iter().enumerate() {
            if i > 0 {
                out.push_str(self.nl);
            }
            it.render(self.nl, &mut out);
            out.push_str(self.nl);
        }
        if !self.trailing.is_empty() {
            if !self.items.is_empty() {
                out.push_str(self.nl);
            }
            for c in &self.trailing {
                if let Some(c) = c {
                    out.push_str(c);
                }
                out.push_str(self.nl);
            }
        }
        out
    }
}

impl ItemF<'_> {
    /// The item's lines, without the line end after the last.
    fn render(&self, nl: &str, out: &mut String) {
        for c in &self.leading {
            if let Some(c) = c {
                out.push_str(c);
            }
            out.push_str(nl);
        }
        if self.blank_before_header && !self.leading.is_empty() {
            out.push_str(nl);
        }
        out.push_str(&self.header);
        if let Some(c) = self.header_comment {
            out.push(' ');
            out.push_str(c);
        }
        for a in &self.attrs {
            for c in &a.leading {
                out.push_str(nl);
                out.push_str("  ");
                out.push_str(c);
            }
            out.push_str(nl);
            out.push_str(&a.line);
            if let Some(c) = a.trailing {
                out.push(' ');
                out.push_str(c);
            }
        }
        for c in &self.dangling {
            out.push_str(nl);
            out.push_str("  ");
            out.push_str(c);
        }
    }
}

mod markdown;
pub use markdown::format_markdown;

#[cfg(test)]
mod tests;
