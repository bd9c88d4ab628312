//! Byte spans and the line index that turns them into lines and columns.
//!
//! Every node of the syntax tree carries a byte [`Span`] into the text of its
//! file. Renderers need lines and columns: [`LineIndex`] converts a byte
//! offset to a 1-based line and a 1-based column counted in Unicode scalar
//! values (JSON, concise output) or in UTF-16 code units (LSP).

use std::ops::Range;

/// A half-open byte range into one file's text.
pub type Span = Range<usize>;

/// A map from offsets of a generated text back to the file it came from:
/// a Markdown draft's `arg` blocks ([`crate::syntax::markdown_cmark`]), an
/// Argdown map imported as `.arg` ([`crate::import`]).
pub trait SourceMap {
    /// The source offset of byte `offset` of the generated text.
    fn to_source(&self, offset: usize) -> usize;

    /// Like [`SourceMap::to_source`], for the exclusive end of a span.
    fn to_source_end(&self, offset: usize) -> usize;

    /// A span of the generated text as a span of the source (an empty span
    /// stays empty; an end never falls before its start).
    fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start);
        let end = if span.end > span.start {
            self.to_source_end(span.end).max(start)
        } else {
            start
        };
        start..end
    }
}

/// A compact half-open byte range (32-bit offsets), as the syntax tree and
/// the graph store it. Files are limited to 4 GiB − 1 bytes
/// (`limits.max-file-size`), so every offset fits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span32 {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span32 {
    /// The span `start..end` (offsets saturate at `u32::MAX`).
    pub fn new(start: usize, end: usize) -> Span32 {
        Span32 {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// As a `usize` range.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// Whether the span is empty.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

impl From<Range<usize>> for Span32 {
    fn from(r: Range<usize>) -> Span32 {
        Span32::new(r.start, r.end)
    }
}

impl From<Span32> for Range<usize> {
    fn from(s: Span32) -> Range<usize> {
        s.range()
    }
}

/// A value together with the span of text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Start offsets of every line of a text, for offset → line/column lookups
/// in `O(log lines)` plus the length of the line prefix. `\n`, `\r\n` and a
/// lone `\r` each end a line, as in the parser.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` (one linear scan).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of a `\r\n` pair does not end a line: its `\n` does.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// Line and column (in characters) of byte `offset` in `text`.
    /// Offsets past the end or inside a character are clamped.
    pub fn char_pos(&self, text: &str, offset: usize) -> LineCol {
        let offset = clamp_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let column = text[start..offset].chars().count() + 1;
        LineCol { line: line + 1, column }
    }

    /// Line and column (in UTF-16 code units, 0-based both) of byte
    /// `offset`, as the Language Server Protocol counts them.
    pub fn utf16_pos(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = clamp_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let col: usize = text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column (LSP position),
    /// clamped to the line's end.
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let mut units = 0u32;
        for (i, c) in text[start..end].char_indices() {
            if units >= col || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

/// The largest char boundary of `text` not above `offset`.
pub fn clamp_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\nçé x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.char_pos(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.char_pos(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(idx.char_pos(text, text.len()), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(idx.utf16_pos(text, b), (0, 3));
        assert_eq!(idx.offset_of_utf16(text, 0, 3), b);
    }

    #[test]
    fn every_line_end_counts() {
        let text = "a\rb\r\nc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let d = text.find('d').unwrap();
        assert_eq!(idx.char_pos(text, d), LineCol { line: 4, column: 1 });
        let b = text.find('b').unwrap();
        assert_eq!(idx.char_pos(text, b), LineCol { line: 2, column: 1 });
        assert_eq!(idx.offset_of_utf16(text, 1, 5), b + 1);
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.char_pos(text, 1), LineCol { line: 1, column: 1 });
    }
}
