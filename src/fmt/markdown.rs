//! Formatting the `arg` blocks of a Markdown file in place.
//!
//! Each fenced `arg` block is found with the same CommonMark parser the
//! checker reads drafts with. Its content lines must all carry one container
//! prefix (the indentation of a list item, `> ` of a quote, or both: the
//! text before the block's first line); a blank line may carry the prefix
//! without its trailing blanks (`>`). The content, prefix stripped, is
//! formatted as an `.arg` document and written back with the prefix in front
//! of every line. Everything outside the blocks is left byte for byte. A
//! block whose lines do not share its prefix, or that does not parse on its
//! own (an item continued from an earlier block), or that uses a lone `\r`
//! as a line end, is left as it is.

use super::{format_source, FormatError};
use crate::span::SourceMap;
use crate::syntax::{self, markdown_cmark};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The content ranges (first text byte .. last text byte) of every fenced
/// `arg` block.
fn blocks(md: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    let mut inside = false;
    for (event, range) in Parser::new_ext(md, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                inside = info.split_whitespace().next() == Some("arg");
                cur = None;
            }
            Event::End(TagEnd::CodeBlock) => {
                if inside {
                    out.extend(cur.take());
                }
                inside = false;
            }
            Event::Text(_) if inside => {
                // A CRLF line end comes as a `\n` event on the LF byte.
                let mut range = range;
                if md.as_bytes().get(range.start) == Some(&b'\n')
                    && range.start > 0
                    && md.as_bytes()[range.start - 1] == b'\r'
                {
                    range.start -= 1;
                }
                cur = Some(match cur {
                    None => range,
                    Some(c) => c.start..range.end.max(c.end),
                });
            }
            _ => {}
        }
    }
    out
}

/// The lines of `s`, each with its line end (`\n`, `\r\n` or `\r`).
fn lines_with_ends(s: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let (end, next) = match memchr::memchr2(b'\n', b'\r', b) {
            None => (b.len(), b.len()),
            Some(i) if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') => (i, i + 2),
            Some(i) => (i, i + 1),
        };
        let line = (&rest[..end], &rest[end..next]);
        rest = &rest[next..];
        Some(line)
    })
}

/// A block's region in the file (whole lines), its prefix, and its content
/// with the prefix stripped; `None` when the lines do not share the prefix.
fn block_text(md: &str, content: Range<usize>) -> Option<(Range<usize>, &str, String)> {
    let b = md.as_bytes();
    let line_start = b[..content.start]
        .iter()
        .rposition(|c| *c == b'\n' || *c == b'\r')
        .map_or(0, |i| i + 1);
    let prefix = md.get(line_start..content.start)?;
    if !prefix.bytes().all(|c| matches!(c, b' ' | b'\t' | b'>')) {
        return None;
    }
    let mut end = content.end;
    if !matches!(b.get(end.checked_sub(1)?), Some(b'\n') | Some(b'\r')) {
        end += match (b.get(end), b.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(b'\n'), _) | (Some(b'\r'), _) => 1,
            _ => return None,
        };
    } else if b.get(end - 1) == Some(&b'\r') && b.get(end) == Some(&b'\n') {
        end += 1;
    }
    let region = line_start..end;
    let bare = prefix.trim_end_matches([' ', '\t']);
    let mut inner = String::with_capacity(end - line_start);
    for (line, ending) in lines_with_ends(md.get(region.clone())?) {
        if let Some(rest) = line.strip_prefix(prefix) {
            inner.push_str(rest);
        } else if line.trim_end_matches([' ', '\t']) != bare {
            return None;
        }
        inner.push_str(ending);
    }
    Some((region, prefix, inner))
}

fn has_lone_cr(s: &str) -> bool {
    memchr::memchr_iter(b'\r', s.as_bytes()).any(|i| s.as_bytes().get(i + 1) != Some(&b'\n'))
}

/// Formats every `arg` block of a Markdown text in place (see the module
/// docs); the rest of the text is unchanged. `Err(FormatError::Syntax)`,
/// with spans in the Markdown text, when the blocks (read as one document,
/// as `check` reads them) have syntax errors.
pub fn format_markdown(md: &str) -> Result<String, FormatError> {
    let ex = markdown_cmark::extract(md);
    let parsed = syntax::parse(&ex.text);
    if !parsed.errors.is_empty() {
        let errors = parsed
            .errors
            .into_iter()
            .map(|mut e| {
                e.span = ex.span_to_source(e.span);
                e
            })
            .collect();
        return Err(FormatError::Syntax(errors));
    }
    let mut out = String::with_capacity(md.len() + 64);
    let mut at = 0;
    for content in blocks(md) {
        let Some((region, prefix, inner)) = block_text(md, content) else {
            continue;
        };
        if region.start < at {
            continue;
        }
        // A lone `\r` is a line end to the argument parser but not
        // everywhere to the Markdown parser: such a block is left alone.
        if has_lone_cr(&inner) {
            continue;
        }
        let Ok(mut formatted) = format_source(&inner) else {
            continue;
        };
        // The closing fence needs a line of its own (a block holding only
        // a byte-order mark formats to just that).
        if !formatted.is_empty() && !formatted.ends_with(['\n', '\r']) {
            formatted.push_str(super::line_ending(&inner));
        }
        if formatted == inner {
            continue;
        }
        out.push_str(&md[at..region.start]);
        let bare = prefix.trim_end_matches([' ', '\t']);
        for (line, ending) in lines_with_ends(&formatted) {
            if line.is_empty() {
                out.push_str(bare);
            } else {
                out.push_str(prefix);
                out.push_str(line);
            }
            out.push_str(ending);
        }
        at = region.end;
    }
    if at == 0 {
        return Ok(md.to_string());
    }
    out.push_str(&md[at..]);
    // The blocks must read back as the same document.
    let again = syntax::parse(&markdown_cmark::extract(&out).text);
    if !again.errors.is_empty()
        || again.ast.items.len() != parsed.ast.items.len()
        || again.ast.attrs.len() != parsed.ast.attrs.len()
    {
        return Err(FormatError::Internal(
            "the formatted Markdown would not read back as the same argument".into(),
        ));
    }
    Ok(out)
}
