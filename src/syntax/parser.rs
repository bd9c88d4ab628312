//! The item parser: a line-driven loop over the text that uses the nom
//! token parsers of [`super::lexer`] and recovers from every error.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. A `#` starts a comment at the
//! start of a line (after any indentation) or after whitespace, outside
//! strings; everywhere else it is text (LANGUAGE.md, *Lexical*).

use super::ast::*;
use super::lexer::{bare_token, identifier, is_blank, nfc, word, KEYWORDS};
use crate::span::{Span, Span32};
use crate::suggest::did_you_mean;
use std::borrow::Cow;

/// Texts longer than this are parsed in pieces, one per thread.
const PIECE_BYTES: usize = 1 << 20;

/// Parses a whole document. Never fails: errors are collected in
/// [`ParsedFile::errors`] and parsing goes on.
///
/// A long text is cut at lines that start an item (a non-blank character
/// at column 0, not a comment) and its pieces are parsed in parallel: such
/// a line ends whatever came before it (an open string, a broken item), so
/// each piece parses as it would in sequence, and the pieces' trees and
/// errors joined in order are exactly the sequential parse.
pub fn parse(src: &str) -> ParsedFile {
    let pieces = rayon::current_num_threads().min(src.len() / PIECE_BYTES);
    if pieces <= 1 {
        return parse_in(src, &[0, src.len()]);
    }
    parse_in(src, &cuts(src, pieces))
}

/// Parses `src` in the pieces between consecutive `bounds` (which start at
/// 0 and end at the text's length), in parallel, and joins them.
fn parse_in(src: &str, bounds: &[usize]) -> ParsedFile {
    use rayon::prelude::*;
    let mut parts: Vec<ParsedFile> = bounds
        .par_windows(2)
        .map(|w| piece(&src[..w[1]], w[0], src.len()))
        .collect();
    let mut out = if parts.is_empty() {
        ParsedFile::default()
    } else {
        parts.remove(0)
    };
    for p in parts {
        out.ast.append(p.ast);
        out.errors.extend(p.errors);
    }
    // The estimates are generous for long statements; give back the
    // surplus, which would otherwise stay resident while every file's tree
    // waits for resolution (a quarter of a large tree's vectors).
    fit(&mut out.ast.items);
    fit(&mut out.ast.attrs);
    fit(&mut out.ast.toks);
    fit(&mut out.ast.cites);
    out
}

/// `pieces - 1` places to cut `src` at, between 0 and its length: each
/// the first line at or after an even share of the text that starts an
/// item (after a `\n`, a byte other than a blank, a line end or `#`).
fn cuts(src: &str, pieces: usize) -> Vec<usize> {
    let b = src.as_bytes();
    let mut out = vec![0];
    for k in 1..pieces {
        let mut at = (k * b.len() / pieces).max(out[out.len() - 1] + 1);
        while let Some(i) = b.get(at..).and_then(|r| memchr::memchr(b'\n', r)) {
            let line = at + i + 1;
            match b.get(line) {
                None => break,
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'#') => at = line,
                Some(_) => {
                    out.push(line);
                    break;
                }
            }
        }
    }
    out.dedup();
    out.push(b.len());
    out
}

/// Parses the piece of `src` from `start` to its end (`src` is the
/// document's text up to the piece's end, so that offsets stay the
/// document's); `whole` is the document's length, for capacities.
fn piece(src: &str, start: usize, whole: usize) -> ParsedFile {
    // Capacities from the size of the piece (an item is some 60 bytes or
    // more), so that the vectors rarely grow and copy; the first piece
    // gets room for the whole document, since the others are appended to
    // it.
    let len = if start == 0 { whole } else { src.len() - start };
    let ast = Ast {
        items: Vec::with_capacity(len / 64 + 4),
        attrs: Vec::with_capacity(len / 32 + 4),
        toks: Vec::with_capacity(len / 48 + 4),
        cites: Vec::with_capacity(len / 96 + 4),
        ..Ast::default()
    };
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        pos: start,
        ast,
        errors: Vec::new(),
    };
    if start == 0 && src.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.document();
    ParsedFile {
        ast: p.ast,
        errors: p.errors,
    }
}

/// Shrinks `v` to its length when more than a fifth of it is unused.
fn fit<T>(v: &mut Vec<T>) {
    if v.capacity() - v.len() > v.len() / 4 {
        v.shrink_to_fit();
    }
}

/// How a value parser ended.
enum End {
    /// The value ended on its line; the rest of the line must be blank or a
    /// comment.
    Line,
    /// A string ran into a column-0 line or the end of the text: the cursor
    /// already sits at the start of the next line.
    Stopped,
    /// An error was reported; skip the rest of the line.
    Error,
}

/// Attribute keys whose value is a comma-separated id list.
const ID_LIST_KEYS: [&str; 6] = ["because", "attacks", "derived-from", "allow", "expect", "answers"];

/// How a citation is written, for help texts.
const FORM: &str = "a citation is `SOURCE [1-6] [\"LOCATOR\"] [DATE]`, in that order";

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    ast: Ast,
    errors: Vec<SyntaxError>,
}

fn sp(r: Span) -> Span32 {
    Span32::from(r)
}

/// At most this many characters of a token are quoted in a message (the
/// label shows where the rest is).
const SHOWN: usize = 40;

/// A token as a message quotes it: cut to [`SHOWN`] characters.
fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(SHOWN) {
        None => s.into(),
        Some((i, _)) => format!("{}…", &s[..i]).into(),
    }
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        match self.bytes.get(self.pos) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.rest().chars().next(),
            None => None,
        }
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error(&mut self, span: Span, message: impl Into<String>, label: impl Into<String>, help: Option<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
            label: label.into(),
            help,
        });
    }

    /// Where the line holding `from` ends (at its `\n` or `\r`).
    fn line_end(&self, from: usize) -> usize {
        memchr::memchr2(b'\n', b'\r', &self.bytes[from..]).map_or(self.bytes.len(), |i| from + i)
    }

    /// Moves past the end of the current line (after its line end).
    fn skip_line(&mut self) {
        let e = self.line_end(self.pos);
        self.pos = e;
        match self.bytes.get(e) {
            Some(b'\r') if self.bytes.get(e + 1) == Some(&b'\n') => self.pos += 2,
            Some(_) => self.pos += 1,
            None => {}
        }
    }

    /// Skips spaces and tabs.
    fn hspace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ') | Some(b'\t')) {
            self.pos += 1;
        }
    }

    /// Whether a `#` at `at` starts a comment: at the start of a line or
    /// after whitespace.
    fn comment_at(&self, at: usize) -> bool {
        self.bytes.get(at) == Some(&b'#') && (at == 0 || matches!(self.bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r'))
    }

    /// Whether the current line, from the cursor, holds only blanks or a
    /// comment.
    fn line_is_empty_from_here(&self) -> bool {
        let mut i = self.pos;
        while matches!(self.bytes.get(i), Some(b' ') | Some(b'\t')) {
            i += 1;
        }
        match self.bytes.get(i) {
            None | Some(b'\n') | Some(b'\r') => true,
            Some(b'#') => self.comment_at(i),
            _ => false,
        }
    }

    /// The span of the next token (for error messages), at least one
    /// character unless at the end of the text or of the line.
    fn next_token_span(&self) -> Span {
        let r = self.rest();
        if let Ok((rest, _)) = bare_token(r) {
            return self.pos..self.src.len() - rest.len();
        }
        let len = r
            .chars()
            .next()
            .map_or(0, |c| if c == '\n' || c == '\r' { 0 } else { c.len_utf8() });
        self.pos..self.pos + len
    }

    /// Where to report something missing or unexpected at the cursor: the
    /// next token, or an empty span at the cursor when the line is over.
    fn error_span(&self) -> Span {
        if self.line_is_empty_from_here() {
            self.pos..self.pos
        } else {
            self.next_token_span()
        }
    }

    /// Reads an identifier at the cursor, as a token (NFC-normalised).
    fn ident(&mut self) -> Option<Tok> {
        let (rest, name) = identifier(self.rest()).ok()?;
        let start = self.pos;
        self.pos = self.src.len() - rest.len();
        let span = Span32::new(start, self.pos);
        Some(match nfc(name) {
            Cow::Borrowed(_) => Tok::slice(span),
            Cow::Owned(s) => self.ast.own(span, s),
        })
    }

    /// Expects the rest of the line to be blank or a comment, then moves to
    /// the next line.
    fn end_of_line(&mut self, after: impl FnOnce() -> String) {
        self.hspace();
        if !self.line_is_empty_from_here() {
            let after = after();
            let span = self.next_token_span();
            let found = shown(&self.src[span.clone()]);
            self.error(
                span.clone(),
                format!("unexpected `{found}` after {after}"),
                "unexpected text",
                Some("one item header or `key: value` per line; a comment starts with `#` after a space".into()),
            );
        }
        self.skip_line();
    }

    fn document(&mut self) {
        // After a header that could not be read, indented lines belong to the
        // broken item and are skipped silently.
        let mut skipping = false;
        while self.pos < self.src.len() {
            match self.peek_byte() {
                Some(b' ') | Some(b'\t') => {
                    self.hspace();
                    if self.line_is_empty_from_here() || skipping {
                        self.skip_line();
                        continue;
                    }
                    let span = self.next_token_span();
                    self.error(
                        span,
                        "indented line outside any item",
                        "this line is indented, but no item above it is open",
                        Some(format!(
                            "attributes go under an item that starts at column 0 with one of {KEYWORDS}"
                        )),
                    );
                    skipping = true;
                    self.skip_line();
                }
                Some(b'\n') | Some(b'\r') | Some(b'#') => self.skip_line(),
                Some(_) => {
                    skipping = !self.item();
                }
                None => break,
            }
        }
    }

    /// Parses one item starting at column 0. Returns false when its header
    /// could not be read (its attribute lines are then skipped).
    fn item(&mut self) -> bool {
        let start = self.pos;
        let kw = match word(self.rest()) {
            Ok((rest, w)) => {
                self.pos = self.src.len() - rest.len();
                w
            }
            Err(_) => "",
        };
        let Some(kind) = ItemKind::from_keyword(kw) else {
            let span = if kw.is_empty() {
                self.next_token_span()
            } else {
                start..self.pos
            };
            let found = shown(&self.src[span.clone()]).into_owned();
            let names = ItemKind::ALL.iter().map(|k| k.keyword());
            let help = match did_you_mean(&found, names) {
                Some(s) => format!("did you mean `{s}`? An item starts at column 0 with one of {KEYWORDS}"),
                None => format!(
                    "an item starts at column 0 with one of {KEYWORDS}; indent attribute lines under their item"
                ),
            };
            self.error(
                span,
                format!("expected an item keyword, found `{found}`"),
                "not an item keyword",
                Some(help),
            );
            self.skip_line();
            return false;
        };
        let keyword = start..self.pos;
        // A keyword must be followed by whitespace.
        let before_ws = self.pos;
        self.hspace();
        let mut id = None;
        if kind != ItemKind::Use {
            if self.pos == before_ws || self.line_is_empty_from_here() {
                let span = if self.line_is_empty_from_here() {
                    before_ws..before_ws
                } else {
                    self.next_token_span()
                };
                self.error(
                    span,
                    format!("expected an id after `{}`", kind.keyword()),
                    "id expected here",
                    Some(format!(
                        "write `{} my-id \"…\"`; an id is a letter followed by letters, digits, `-` or `_`",
                        kind.keyword()
                    )),
                );
                self.skip_line();
                return false;
            }
            match self.ident() {
                Some(tok) => {
                    if let Some(c) = self.peek().filter(|c| !is_blank(*c)) {
                        let span = self.pos..self.pos + c.len_utf8();
                        self.error(
                            span,
                            format!("`{c}` cannot appear in an id"),
                            "invalid character",
                            Some("an id is a letter followed by letters, digits, `-` or `_`".into()),
                        );
                        self.skip_line();
                        return false;
                    }
                    id = Some(tok);
                }
                None => {
                    let span = self.next_token_span();
                    let found = shown(&self.src[span.clone()]);
                    self.error(
                        span.clone(),
                        format!("expected an id after `{}`, found `{found}`", kind.keyword()),
                        "not an id",
                        Some("an id is a letter followed by letters, digits, `-` or `_`".into()),
                    );
                    self.skip_line();
                    return false;
                }
            }
            self.hspace();
        }
        // The quoted text (or path for `use`).
        let mut text = None;
        let header_end;
        if self.peek_byte() == Some(b'"') {
            let (s, end) = self.string();
            text = Some(s);
            header_end = end;
        } else {
            let what = if kind == ItemKind::Use {
                "a quoted path"
            } else {
                "a quoted text"
            };
            let span = self.error_span();
            let id_text = id.map_or("", |t| self.ast.str(self.src, t)).to_string();
            let help = if kind == ItemKind::Use {
                "write `use \"other.arg\"` or `use \"sources.yaml\"`".to_string()
            } else {
                format!(
                    "write `{} {} \"…\"`",
                    kind.keyword(),
                    if id.is_some() { id_text.as_str() } else { "id" }
                )
            };
            let after = if kind == ItemKind::Use {
                "`use`".to_string()
            } else {
                format!("`{id_text}`")
            };
            self.error(
                span,
                format!("expected {what} after {after}"),
                format!("{what} expected here"),
                Some(help),
            );
            if kind == ItemKind::Use {
                self.skip_line();
                return false;
            }
            header_end = End::Error;
        }
        let mut end = text.map_or(self.pos, |t| t.span.end as usize);
        match header_end {
            End::Line => self.end_of_line(|| "the item header".to_string()),
            End::Error => self.skip_line(),
            End::Stopped => {}
        }
        // Attributes go straight into the tree's flat vector (items do not
        // nest, so this item's attributes are contiguous there).
        let first = self.ast.attrs.len();
        self.attributes();
        if let Some(a) = self.ast.attrs.last().filter(|_| self.ast.attrs.len() > first) {
            end = end.max(a.span.end as usize);
        }
        let idx = Idx {
            start: first as u32,
            end: self.ast.attrs.len() as u32,
        };
        self.ast.items.push(Item {
            kind,
            keyword: sp(keyword),
            id,
            text,
            attrs: idx,
            span: Span32::new(start, end),
        });
        true
    }

    /// Parses the indented lines under an item.
    fn attributes(&mut self) {
        while self.pos < self.src.len() {
            match self.peek_byte() {
                Some(b' ') | Some(b'\t') => {
                    self.hspace();
                    if self.line_is_empty_from_here() {
                        self.skip_line();
                        continue;
                    }
                    if let Some(a) = self.attribute() {
                        self.ast.attrs.push(a);
                    }
                }
                Some(b'\n') | Some(b'\r') | Some(b'#') => self.skip_line(),
                _ => return,
            }
        }
    }

    /// Parses one `key: value` line; the cursor is at the key.
    fn attribute(&mut self) -> Option<Attr> {
        let start = self.pos;
        let key = match word(self.rest()) {
            Ok((rest, k)) => {
                self.pos = self.src.len() - rest.len();
                k
            }
            Err(_) => {
                let span = self.next_token_span();
                let found = shown(&self.src[span.clone()]);
                self.error(
                    span.clone(),
                    format!("expected `key: value`, found `{found}`"),
                    "not an attribute",
                    Some("an attribute line is `key: value`, e.g. `because: other-id`".into()),
                );
                self.skip_line();
                return None;
            }
        };
        let key_tok = Tok::slice(Span32::new(start, self.pos));
        self.hspace();
        if self.peek_byte() != Some(b':') {
            let span = self.error_span();
            self.error(
                span,
                format!("expected `:` after `{key}`"),
                "`:` expected here",
                Some(format!("write `{key}: value`")),
            );
            self.skip_line();
            return None;
        }
        self.pos += 1;
        self.hspace();
        let (value, end) = if ID_LIST_KEYS.contains(&key) {
            self.id_list(key)
        } else if key == "cite" {
            self.cite()
        } else if key == "by" {
            self.single_id(key)
        } else if key == "rates" {
            self.rates()
        } else if key == "retracted" {
            self.retracted()
        } else if self.peek_byte() == Some(b'"')
            && !matches!(key, "reliability" | "confidence" | "date" | "kind" | "url")
        {
            let (s, end) = self.string();
            (Some(Value::Str(s)), end)
        } else {
            self.rest_of_line(key)
        };
        match end {
            End::Line => self.end_of_line(|| format!("the `{key}` value")),
            End::Error => self.skip_line(),
            End::Stopped => {}
        }
        let value = value?;
        let end = self.ast.value_span(&value).end;
        Some(Attr {
            key: key_tok,
            value,
            span: Span32 {
                start: start as u32,
                end,
            },
        })
    }

    fn missing_value(&mut self, key: &str, what: &str) {
        let span = self.error_span();
        self.error(
            span,
            format!("expected {what} after `{key}:`"),
            format!("{what} expected here"),
            None,
        );
    }

    /// After an element of a comma-separated list: a `,` (another element
    /// follows: `Some(true)`), the end of the line (`Some(false)`), or
    /// anything else, reported with `help` (`None`).
    fn list_sep(&mut self, key: &str, help: &str) -> Option<bool> {
        self.hspace();
        if self.peek_byte() == Some(b',') {
            self.pos += 1;
            self.hspace();
            return Some(true);
        }
        if self.line_is_empty_from_here() {
            return Some(false);
        }
        let span = self.next_token_span();
        let found = shown(&self.src[span.clone()]);
        self.error(
            span,
            format!("expected `,` or the end of the line in `{key}:`, found `{found}`"),
            "unexpected text",
            Some(help.into()),
        );
        None
    }

    /// `a, b, c`.
    fn id_list(&mut self, key: &str) -> (Option<Value>, End) {
        let first = self.ast.toks.len();
        loop {
            match self.ident() {
                Some(t) => self.ast.toks.push(t),
                None => {
                    let what = if self.ast.toks.len() == first {
                        "an id"
                    } else {
                        "an id after `,`"
                    };
                    self.ast.toks.truncate(first);
                    self.missing_value(key, what);
                    return (None, End::Error);
                }
            }
            match self.list_sep(
                key,
                "separate ids with commas: `a, b`; an id is a letter followed by letters, digits, `-` or `_`",
            ) {
                Some(true) => {}
                Some(false) => {
                    let idx = Idx::new(first, self.ast.toks.len());
                    return (Some(Value::Ids(idx)), End::Line);
                }
                None => {
                    self.ast.toks.truncate(first);
                    return (None, End::Error);
                }
            }
        }
    }

    /// `ID RATING, ID RATING…`.
    fn rates(&mut self) -> (Option<Value>, End) {
        const HELP: &str = "write `rates: ANSWER RATING, …` with RATING one of CC, C, N, I, II, NA";
        let first = self.ast.rates.len();
        let fail = |p: &mut Self| {
            p.ast.rates.truncate(first);
            (None, End::Error)
        };
        loop {
            let Some(answer) = self.ident() else {
                let what = if self.ast.rates.len() == first {
                    "an answer id"
                } else {
                    "an answer id after `,`"
                };
                self.missing_value("rates", what);
                return fail(self);
            };
            let before = self.pos;
            self.hspace();
            let rating = if self.pos > before { self.ident() } else { None };
            let Some(rating) = rating else {
                let name = self.src[answer.range()].to_string();
                let span = self.error_span();
                self.error(
                    span,
                    format!("expected a rating after `{name}` in `rates:`"),
                    "rating expected here",
                    Some(HELP.into()),
                );
                return fail(self);
            };
            self.ast.rates.push(Rating { answer, rating });
            match self.list_sep("rates", HELP) {
                Some(true) => {}
                Some(false) => {
                    let idx = Idx::new(first, self.ast.rates.len());
                    return (Some(Value::Rates(idx)), End::Line);
                }
                None => return fail(self),
            }
        }
    }

    /// `DATE ["NOTE"]`.
    fn retracted(&mut self) -> (Option<Value>, End) {
        if self.line_is_empty_from_here() || self.peek_byte() == Some(b'"') {
            self.missing_value("retracted", "a date");
            return (None, End::Error);
        }
        let span = self.next_token_span();
        self.pos = span.end;
        let date = Tok::slice(sp(span));
        let before = self.pos;
        self.hspace();
        let mut note = None;
        let mut end = End::Line;
        if self.peek_byte() == Some(b'"') && self.pos > before {
            let (s, e) = self.string();
            note = Some(s);
            end = e;
        }
        self.ast.retractions.push(Retraction { date, note });
        (Some(Value::Retracted(self.ast.retractions.len() as u32 - 1)), end)
    }

    fn single_id(&mut self, key: &str) -> (Option<Value>, End) {
        match self.ident() {
            Some(t) => (Some(Value::Id(t)), End::Line),
            None => {
                self.missing_value(key, "a source id");
                (None, End::Error)
            }
        }
    }

    fn push_cite(&mut self, cite: Cite) -> Option<Value> {
        self.ast.cites.push(cite);
        Some(Value::Cite(self.ast.cites.len() as u32 - 1))
    }

    /// `SOURCE [1-6] ["LOCATOR"] [DATE]`. Once the source is read, the
    /// citation is kept even when a later part is malformed (the error is
    /// reported), so one stray token never silently ungrounds a statement.
    fn cite(&mut self) -> (Option<Value>, End) {
        let start = self.pos;
        let Some(source) = self.ident() else {
            self.missing_value("cite", "a source id");
            return (None, End::Error);
        };
        let mut cite = Cite {
            source,
            credibility: None,
            locator: None,
            date: None,
            span: Span32::new(start, self.pos),
        };
        // 0: credibility next, 1: locator next, 2: date next, 3: nothing more.
        let mut stage = 0;
        loop {
            let before = self.pos;
            self.hspace();
            if self.line_is_empty_from_here() {
                return (self.push_cite(cite), End::Line);
            }
            if self.pos == before {
                let span = self.next_token_span();
                self.error(
                    span,
                    "expected a space between the parts of a citation",
                    "unexpected text",
                    Some(FORM.into()),
                );
                return (self.push_cite(cite), End::Error);
            }
            if self.peek_byte() == Some(b'"') {
                let (s, end) = self.string();
                if stage > 1 {
                    self.error(
                        s.range(),
                        "the locator must come before the date",
                        "out of order",
                        Some(FORM.into()),
                    );
                    let end = if matches!(end, End::Stopped) {
                        End::Stopped
                    } else {
                        End::Error
                    };
                    return (self.push_cite(cite), end);
                }
                cite.span.end = s.span.end;
                cite.locator = Some(s);
                stage = 2;
                if matches!(end, End::Stopped) {
                    return (self.push_cite(cite), End::Stopped);
                }
                continue;
            }
            let span = self.next_token_span();
            let tok = &self.src[span.clone()];
            let shown_tok = shown(tok);
            let all_digits = tok.bytes().all(|b| b.is_ascii_digit());
            let (slot, next_stage, name) = if all_digits {
                (0, 1, "credibility digit")
            } else if tok.starts_with(|c: char| c.is_ascii_digit()) {
                (2, 3, "date")
            } else {
                self.error(
                    span.clone(),
                    format!("unexpected `{shown_tok}` in a citation"),
                    "expected a credibility digit 1-6, a quoted locator or a date",
                    Some(FORM.into()),
                );
                return (self.push_cite(cite), End::Error);
            };
            if stage > slot {
                self.error(
                    span,
                    format!("the {name} is out of place"),
                    "out of order",
                    Some(FORM.into()),
                );
                return (self.push_cite(cite), End::Error);
            }
            self.pos = span.end;
            cite.span.end = span.end as u32;
            let v = Some(Tok::slice(sp(span)));
            if slot == 0 {
                cite.credibility = v;
            } else {
                cite.date = v;
            }
            stage = next_stage;
        }
    }

    /// The rest of the line, up to a comment, trimmed.
    fn rest_of_line(&mut self, key: &str) -> (Option<Value>, End) {
        let line_end = self.line_end(self.pos);
        let mut end = line_end;
        let mut from = self.pos;
        while let Some(i) = memchr::memchr(b'#', &self.bytes[from..line_end]) {
            if self.comment_at(from + i) {
                end = from + i;
                break;
            }
            from += i + 1;
        }
        let text = self.src[self.pos..end].trim_end_matches([' ', '\t']);
        if text.is_empty() {
            self.missing_value(key, "a value");
            return (None, End::Error);
        }
        let s = self.pos;
        self.pos += text.len();
        (Some(Value::Text(Tok::slice(Span32::new(s, self.pos)))), End::Line)
    }

    /// A double-quoted string at the cursor. Returns the string (span with
    /// quotes) and whether it ended on its line or was stopped by a column-0
    /// line or the end of the text (then it is reported unterminated).
    fn string(&mut self) -> (Tok, End) {
        let open = self.pos;
        self.pos += 1;
        // The text, once it differs from the written bytes (an escape, a
        // folded line break, an unterminated string).
        let mut out: Option<String> = None;
        loop {
            // Jump to the next byte that needs a decision.
            let run =
                memchr::memchr3(b'"', b'\\', b'\n', &self.bytes[self.pos..]).map_or(self.bytes.len(), |i| self.pos + i);
            let run = memchr::memchr(b'\r', &self.bytes[self.pos..run]).map_or(run, |i| self.pos + i);
            if let Some(o) = &mut out {
                o.push_str(&self.src[self.pos..run]);
            }
            self.pos = run;
            let Some(c) = self.peek_byte() else {
                self.unterminated(open);
                let text = out.unwrap_or_else(|| self.src[open + 1..self.pos].to_string());
                let tok = self.ast.own(Span32::new(open, self.pos), text);
                return (tok, End::Stopped);
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    let span = Span32::new(open, self.pos);
                    let tok = match out {
                        None => Tok::quoted(span),
                        Some(o) => self.ast.own(span, o),
                    };
                    return (tok, End::Line);
                }
                b'\\' => {
                    let esc = self.pos;
                    let o = out.get_or_insert_with(|| self.src[open + 1..esc].to_string());
                    self.pos += 1;
                    match self.peek() {
                        Some('"') => o.push('"'),
                        Some('\\') => o.push('\\'),
                        Some('n') => o.push('\n'),
                        Some(c) if c != '\n' && c != '\r' => {
                            o.push(c);
                            self.error(
                                esc..esc + 1 + c.len_utf8(),
                                format!("unknown escape `\\{c}`"),
                                "unknown escape",
                                Some("a string knows the escapes `\\\"`, `\\\\` and `\\n`".into()),
                            );
                        }
                        _ => {
                            self.error(
                                esc..esc + 1,
                                "a `\\` at the end of a line escapes nothing",
                                "stray backslash",
                                Some("write `\\\\` for a backslash".into()),
                            );
                            continue;
                        }
                    }
                    self.pos += self.peek().map_or(0, char::len_utf8);
                }
                _ => {
                    // A line end: `\n`, `\r\n` or a lone `\r`.
                    let nl = self.pos;
                    self.pos += if c == b'\r' && self.bytes.get(nl + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    // A non-blank character at column 0 never belongs to a string.
                    match self.peek() {
                        Some(c) if !is_blank(c) => {
                            self.unterminated(open);
                            let text = out.unwrap_or_else(|| self.src[open + 1..nl].to_string());
                            let tok = self.ast.own(Span32::new(open, nl), text);
                            return (tok, End::Stopped);
                        }
                        None => {
                            self.unterminated(open);
                            let text = out.unwrap_or_else(|| self.src[open + 1..nl].to_string());
                            let tok = self.ast.own(Span32::new(open, nl), text);
                            return (tok, End::Stopped);
                        }
                        _ => {}
                    }
                    // Fold the line break and the next line's indentation.
                    let o = out.get_or_insert_with(|| self.src[open + 1..nl].to_string());
                    self.hspace();
                    if !o.ends_with(' ') {
                        o.push(' ');
                    }
                }
            }
        }
    }

    fn unterminated(&mut self, open: usize) {
        self.error(
            open..open + 1,
            "unterminated string",
            "this string is never closed",
            Some("close it with `\"`; a line starting at column 0 always ends an open string".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> ParsedFile {
        let p = parse(src);
        assert!(p.errors.is_empty(), "unexpected errors: {:?}", p.errors);
        p
    }

    fn text<'a>(p: &'a ParsedFile, src: &'a str, t: Tok) -> &'a str {
        p.ast.str(src, t)
    }

    #[test]
    fn parses_every_item_kind_and_attribute() {
        let src = "use \"sources.yaml\"\n\
source partaw \"Murid Partaw\"\n  reliability: B\n  kind: expert\n  url: https://x.org/page#part # comment\n  date: 2017-02-27\n  derived-from: fpj, ap\n  note: \"a note\"\n\
claim c \"Claim text\"\n  by: partaw\n  confidence: likely\n  because: a, b\n  because: d\n  allow: single-source\n\
evidence a \"E\"\n  cite: partaw 3 \"FPJ analysis\" 2017-02-27\n  cite: ap\n\
assumption b \"A\"\nobjection d \"O\"\n  attacks: c\npremise p \"P\"\nquestion q \"Q\"\n  answers: c, d\n";
        let p = ok(src);
        let kinds: Vec<_> = p.ast.items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ItemKind::Use,
                ItemKind::Source,
                ItemKind::Claim,
                ItemKind::Evidence,
                ItemKind::Assumption,
                ItemKind::Objection,
                ItemKind::Premise,
                ItemKind::Question
            ]
        );
        let src_item = &p.ast.items[1];
        let attrs = p.ast.attrs_of(src_item);
        assert_eq!(attrs.len(), 6);
        match attrs[2].value {
            Value::Text(t) => assert_eq!(text(&p, src, t), "https://x.org/page#part"),
            v => panic!("{v:?}"),
        }
        match p.ast.attrs_of(&p.ast.items[3])[0].value {
            Value::Cite(i) => {
                let c = p.ast.cite(i);
                assert_eq!(text(&p, src, c.source), "partaw");
                assert_eq!(c.credibility.map(|t| text(&p, src, t)), Some("3"));
                assert_eq!(c.locator.map(|t| text(&p, src, t)), Some("FPJ analysis"));
                assert_eq!(c.date.map(|t| text(&p, src, t)), Some("2017-02-27"));
                assert_eq!(&src[c.span.range()], "partaw 3 \"FPJ analysis\" 2017-02-27");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn spans_point_at_the_text() {
        let src = "claim isk \"Text\"\n  because: a,  b\n";
        let p = ok(src);
        let item = &p.ast.items[0];
        assert_eq!(&src[item.keyword.range()], "claim");
        assert_eq!(&src[item.id.unwrap().range()], "isk");
        assert_eq!(&src[item.text.unwrap().range()], "\"Text\"");
        assert_eq!(text(&p, src, item.text.unwrap()), "Text");
        match p.ast.attrs_of(item)[0].value {
            Value::Ids(ids) => assert_eq!(&src[p.ast.ids(ids)[1].range()], "b"),
            v => panic!("{v:?}"),
        }
        assert_eq!(&src[item.span.range()], "claim isk \"Text\"\n  because: a,  b");
    }

    #[test]
    fn multi_line_strings_fold_and_escape() {
        let src = "claim c \"one\n   two \\\"q\\\" \\\\ \\n\"\n";
        let p = ok(src);
        assert_eq!(text(&p, src, p.ast.items[0].text.unwrap()), "one two \"q\" \\ \n");
    }

    #[test]
    fn unterminated_string_is_reported_at_its_quote_and_next_item_parses() {
        let src = "claim a \"open\n  still open\nclaim b \"fine\"\n";
        let p = parse(src);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "unterminated string");
        assert_eq!(p.errors[0].span, 8..9);
        assert_eq!(p.ast.items.len(), 2);
        assert_eq!(text(&p, src, p.ast.items[1].id.unwrap()), "b");
    }

    #[test]
    fn reports_every_error_and_recovers() {
        let src = "claim a \"x\"\n  because a\n  cite: 3\nfoo bar\n  because: x\nclaim 9 \"y\"\n  cite: q\npremise p \"z\" junk\n  note: \"n\"\n";
        let p = parse(src);
        let msgs: Vec<_> = p.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "expected `:` after `because`",
                "expected a source id after `cite:`",
                "expected an item keyword, found `foo`",
                "expected an id after `claim`, found `9`",
                "unexpected `junk` after the item header",
            ]
        );
        let ids: Vec<_> = p.ast.items.iter().map(|i| text(&p, src, i.id.unwrap())).collect();
        assert_eq!(ids, vec!["a", "p"]);
        assert_eq!(p.ast.attrs_of(&p.ast.items[1]).len(), 1);
    }

    #[test]
    fn comments_and_hash_in_urls() {
        let src =
            "# top\nsource s \"S\" # trailing\n  # indented comment\n  url: http://a/b#frag   # c\n\n  kind: wire\n";
        let p = ok(src);
        assert_eq!(p.ast.attrs_of(&p.ast.items[0]).len(), 2);
    }

    #[test]
    fn a_hash_glued_to_text_is_not_a_comment() {
        // One rule everywhere: `#` starts a comment only after whitespace.
        let src = "claim c \"C\"#x\n  confidence: likely# x\n";
        let p = parse(src);
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].message, "unexpected `#x` after the item header");
        match p.ast.attrs_of(&p.ast.items[0])[0].value {
            Value::Text(t) => assert_eq!(text(&p, src, t), "likely# x"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn a_malformed_citation_keeps_its_source() {
        let src = "evidence e \"E\"\n  cite: s 1# bad?\n";
        let p = parse(src);
        assert_eq!(p.errors.len(), 1);
        match p.ast.attrs_of(&p.ast.items[0])[0].value {
            Value::Cite(i) => assert_eq!(text(&p, src, p.ast.cite(i).source), "s"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn citation_order_is_enforced() {
        let p = parse("evidence e \"E\"\n  cite: s \"loc\" 3\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "the credibility digit is out of place");
    }

    #[test]
    fn crlf_bom_and_lone_cr() {
        let src = "\u{feff}claim a \"x\"\r\n  confidence: likely\r\n";
        let p = ok(src);
        match p.ast.attrs_of(&p.ast.items[0])[0].value {
            Value::Text(t) => assert_eq!(text(&p, src, t), "likely"),
            v => panic!("{v:?}"),
        }
        // A lone CR ends a line like any other line end.
        let src = "claim c \"C\"\r\r\rclaim d \"D\" junk\n";
        let p = parse(src);
        assert_eq!(p.ast.items.len(), 2);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "unexpected `junk` after the item header");
        let p = ok("claim a \"x\"\r  confidence: likely\rclaim b \"y\"\r");
        assert_eq!(p.ast.items.len(), 2);
        assert_eq!(p.ast.attrs_of(&p.ast.items[0]).len(), 1);
    }

    #[test]
    fn new_attributes() {
        let src = "premise p \"P\"\n  rates: a C, b II\n  expect: in, likely\nsource s \"S\"\n  retracted: 2018-05-02 \"withdrawn\"\n";
        let p = ok(src);
        match p.ast.attrs_of(&p.ast.items[0])[0].value {
            Value::Rates(r) => {
                let r = p.ast.ratings(r);
                assert_eq!(r.len(), 2);
                assert_eq!(text(&p, src, r[1].rating), "II");
            }
            v => panic!("{v:?}"),
        }
        match p.ast.attrs_of(&p.ast.items[1])[0].value {
            Value::Retracted(i) => {
                let r = p.ast.retraction(i);
                assert_eq!(text(&p, src, r.date), "2018-05-02");
                assert_eq!(r.note.map(|n| text(&p, src, n)), Some("withdrawn"));
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn nfd_ids_are_normalised() {
        let src = "claim cafe\u{301} \"x\"\n";
        let p = ok(src);
        assert_eq!(text(&p, src, p.ast.items[0].id.unwrap()), "café");
    }

    #[test]
    fn indented_line_outside_item() {
        let p = parse("  because: a\n  cite: b\nclaim c \"x\"\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.ast.items.len(), 1);
    }

    #[test]
    fn missing_text_keeps_the_item() {
        let p = parse("claim c\n  cite: s\n");
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].message, "expected a quoted text after `c`");
        assert_eq!(p.ast.items.len(), 1);
        assert_eq!(p.ast.attrs_of(&p.ast.items[0]).len(), 1);
    }

    /// Lines of every shape the parser meets, joined at random: items,
    /// attributes of each value shape, broken headers, open and folded
    /// strings, escapes, comments, NFD ids, stray indentation and every
    /// line end.
    fn documentish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let lines = prop::sample::select(vec![
            "claim c \"C\"\n",
            "claim c2 \"open string\n",
            "premise p \"folded\n  over lines\"\n",
            "evidence e \"E \\\" esc \\q\"\n",
            "  because: a, b, c\n",
            "  attacks: x\n",
            "  cite: s 2 \"p. 1\" 2017-02-27\n",
            "  cite: s 9 junk\n",
            "  rates: a CC, b I\n",
            "  retracted: 2018-05-02 \"why\"\n",
            "  confidence: likely # comment\n",
            "  note: \"unterminated\n",
            "  \"text\n",
            "source s \"S\"\n  reliability: B\n",
            "question q \"Q\"\n  answers: c, c2\n",
            "use \"x.arg\"\n",
            "cafe\u{301} x \"y\"\n",
            "claim cafe\u{301} \"nfd\"\n",
            "clam typo \"T\"\n",
            "claim\n",
            "# comment\n",
            "#not a comment at column 0? yes it is\n",
            "\n",
            "   \n",
            "\r\n",
            "claim r \"R\"\r\n  because: a\r\n",
            "claim lone \"L\"\r  because: a\r",
            "  because: dangling\n",
            "\t\tcite: t\n",
            "\u{feff}claim bom \"B\"\n",
        ]);
        prop::collection::vec(lines, 0..80).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// Parsing in pieces (cut where the parallel parse would cut) gives
        /// exactly the tree and errors of parsing in one go.
        #[test]
        fn pieces_parse_as_the_whole(src in documentish(), pieces in 2usize..9) {
            let whole = format!("{:?}", parse_in(&src, &[0, src.len()]));
            let bounds = cuts(&src, pieces);
            proptest::prop_assert!(bounds.windows(2).all(|w| w[0] < w[1] || src.is_empty()));
            for &b in &bounds[1..bounds.len() - 1] {
                proptest::prop_assert!(src.as_bytes()[b - 1] == b'\n');
            }
            let cut = format!("{:?}", parse_in(&src, &bounds));
            proptest::prop_assert_eq!(whole, cut);
        }
    }

    /// A long text is really cut (the property above would pass if it
    /// never were).
    #[test]
    fn long_texts_are_cut_at_item_lines() {
        let mut src = String::new();
        for i in 0..2_000 {
            src.push_str(&format!("claim c{i} \"C\"\n  because: a\n# note\n\n"));
        }
        let b = cuts(&src, 4);
        assert_eq!(b.len(), 5, "{b:?}");
        for &x in &b[1..4] {
            assert!(src[x..].starts_with("claim c"), "{:?}", &src[x..x + 10]);
        }
        assert_eq!(
            format!("{:?}", parse_in(&src, &b)),
            format!("{:?}", parse_in(&src, &[0, src.len()]))
        );
    }
}
