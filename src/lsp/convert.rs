//! Conversions at the protocol's edge: byte offsets (what the engine
//! uses everywhere) to and from LSP positions in the negotiated encoding,
//! and file paths to and from URIs. Nothing else in the server counts
//! UTF-16 code units.

use crate::span::{clamp_boundary, LineIndex};
use lsp_types::{Position, PositionEncodingKind, Range, Uri};
use std::path::{Path, PathBuf};

/// How positions count characters on a line, as negotiated at
/// `initialize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes): what the engine counts, chosen when the
    /// client offers it.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client
    /// supports.
    Utf16,
}

impl Encoding {
    /// The encoding to use: UTF-8 when the client lists it among
    /// `general.positionEncodings`, else UTF-16 (rust-analyzer's and ruff's
    /// choice: UTF-8 costs no conversion).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// As the protocol names it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The LSP position of byte `offset` in `text` (clamped to the text and
/// to a character boundary).
pub fn position(enc: Encoding, lines: &LineIndex, text: &str, offset: usize) -> Position {
    match enc {
        Encoding::Utf16 => {
            let (line, character) = lines.utf16_pos(text, offset);
            Position { line, character }
        }
        Encoding::Utf8 => {
            let offset = clamp_boundary(text, offset);
            let line = lines.line_of(offset);
            let start = lines.line_start(line).min(offset);
            Position {
                line: line as u32,
                character: u32::try_from(offset - start).unwrap_or(u32::MAX),
            }
        }
    }
}

/// The LSP range of a byte span.
pub fn range(enc: Encoding, lines: &LineIndex, text: &str, span: std::ops::Range<usize>) -> Range {
    Range {
        start: position(enc, lines, text, span.start),
        end: position(enc, lines, text, span.end.max(span.start)),
    }
}

/// The byte offset of an LSP position in `text`. A line past the end is
/// the end of the text; a column past the end of its line is the line's
/// end (before its line break), as rust-analyzer clamps.
pub fn offset(enc: Encoding, lines: &LineIndex, text: &str, pos: Position) -> usize {
    match enc {
        Encoding::Utf16 => lines.offset_of_utf16(text, pos.line, pos.character),
        Encoding::Utf8 => {
            let line = pos.line as usize;
            if line >= lines.line_count() {
                return text.len();
            }
            let start = lines.line_start(line);
            let next = if line + 1 < lines.line_count() {
                lines.line_start(line + 1)
            } else {
                text.len()
            };
            let body = text[start..next].trim_end_matches(['\n', '\r']).len();
            let at = start + (pos.character as usize).min(body);
            clamp_boundary(text, at)
        }
    }
}

/// The byte span of an LSP range (start and end ordered).
pub fn span(enc: Encoding, lines: &LineIndex, text: &str, r: Range) -> std::ops::Range<usize> {
    let a = offset(enc, lines, text, r.start);
    let b = offset(enc, lines, text, r.end);
    a.min(b)..a.max(b)
}

/// The file a `file:` URI names; `None` for any other scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path().ok()
}

/// The `file:` URI of a path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_round_trip() {
        let text = "ab\r\nاردو 😀 x\nz";
        let lines = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let p16 = position(Encoding::Utf16, &lines, text, x);
        assert_eq!((p16.line, p16.character), (1, 8));
        assert_eq!(offset(Encoding::Utf16, &lines, text, p16), x);
        let p8 = position(Encoding::Utf8, &lines, text, x);
        assert_eq!((p8.line, p8.character), (1, (x - 4) as u32));
        assert_eq!(offset(Encoding::Utf8, &lines, text, p8), x);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let lines = LineIndex::new(text);
        let p = Position { line: 0, character: 99 };
        assert_eq!(offset(Encoding::Utf8, &lines, text, p), 2);
        assert_eq!(offset(Encoding::Utf16, &lines, text, p), 2);
        let p = Position { line: 9, character: 0 };
        assert_eq!(offset(Encoding::Utf8, &lines, text, p), text.len());
        // Inside a multi-byte character: back to its start.
        let text = "é";
        let lines = LineIndex::new(text);
        assert_eq!(
            offset(Encoding::Utf8, &lines, text, Position { line: 0, character: 1 }),
            0
        );
    }
}
