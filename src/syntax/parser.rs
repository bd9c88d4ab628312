//! The item parser: a line-driven loop over the text that uses the nom
//! token parsers of [`super::lexer`] and recovers from every error.

use super::ast::*;
use super::lexer::{bare_token, hspace, identifier, is_blank, word, KEYWORDS};
use crate::span::{Span, Spanned};
use crate::suggest::did_you_mean;

/// Parses a whole document. Never fails: errors are collected in
/// [`ParsedFile::errors`] and parsing goes on.
pub fn parse(src: &str) -> ParsedFile {
    let mut p = Parser {
        src,
        pos: 0,
        items: Vec::new(),
        errors: Vec::new(),
    };
    if src.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.document();
    ParsedFile {
        items: p.items,
        errors: p.errors,
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
const ID_LIST_KEYS: [&str; 4] = ["because", "attacks", "derived-from", "allow"];

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    items: Vec<Item>,
    errors: Vec<SyntaxError>,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn at_line_start(&self) -> bool {
        self.pos == 0 || self.src.as_bytes().get(self.pos - 1) == Some(&b'\n')
    }

    fn error(&mut self, span: Span, message: impl Into<String>, label: impl Into<String>, help: Option<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
            label: label.into(),
            help,
        });
    }

    /// Moves past the end of the current line (after its `\n`).
    fn skip_line(&mut self) {
        match self.rest().find('\n') {
            Some(i) => self.pos += i + 1,
            None => self.pos = self.src.len(),
        }
    }

    /// Skips spaces and tabs.
    fn hspace(&mut self) {
        if let Ok((rest, _)) = hspace(self.rest()) {
            self.pos = self.src.len() - rest.len();
        }
    }

    /// Whether the current line, from the cursor, holds only blanks or a
    /// comment.
    fn line_is_empty_from_here(&self) -> bool {
        let r = self.rest();
        let t = r.trim_start_matches([' ', '\t']);
        t.is_empty() || t.starts_with('\n') || t.starts_with("\r\n") || t.starts_with('\r') || t.starts_with('#')
    }

    /// The span of the next token (for error messages), at least one
    /// character unless at the end of the text.
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

    /// Expects the rest of the line to be blank or a comment, then moves to
    /// the next line.
    fn end_of_line(&mut self, after: impl FnOnce() -> String) {
        self.hspace();
        if !self.line_is_empty_from_here() {
            let after = after();
            let span = self.next_token_span();
            let found = &self.src[span.clone()];
            self.error(
                span,
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
            match self.peek() {
                Some(' ') | Some('\t') => {
                    let start = self.pos;
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
                    let _ = start;
                    skipping = true;
                    self.skip_line();
                }
                Some('\n') | Some('\r') | Some('#') => self.skip_line(),
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
        let kind = match ItemKind::from_keyword(kw) {
            Some(k) => k,
            None => {
                let span = if kw.is_empty() {
                    self.next_token_span()
                } else {
                    start..self.pos
                };
                let found = self.src[span.clone()].to_string();
                let names: Vec<&str> = ItemKind::ALL.iter().map(|k| k.keyword()).collect();
                let help = match did_you_mean(&found, names.iter().copied()) {
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
            }
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
            match identifier(self.rest()) {
                Ok((rest, name)) => {
                    let s = self.pos;
                    self.pos = self.src.len() - rest.len();
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
                    id = Some(Spanned::new(name.to_string(), s..self.pos));
                }
                Err(_) => {
                    let span = self.next_token_span();
                    let found = &self.src[span.clone()];
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
        if self.peek() == Some('"') {
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
            let help = if kind == ItemKind::Use {
                "write `use \"other.arg\"` or `use \"sources.yaml\"`".to_string()
            } else {
                format!(
                    "write `{} {} \"…\"`",
                    kind.keyword(),
                    id.as_ref().map_or("id", |i| i.value.as_str())
                )
            };
            self.error(
                span,
                format!(
                    "expected {what} after {}",
                    if kind == ItemKind::Use {
                        "`use`".to_string()
                    } else {
                        format!("`{}`", id.as_ref().map_or("", |i| i.value.as_str()))
                    }
                ),
                format!("{what} expected here"),
                Some(help),
            );
            if kind == ItemKind::Use {
                self.skip_line();
                return false;
            }
            header_end = End::Error;
        }
        let mut end = text.as_ref().map_or(self.pos, |t| t.span.end);
        match header_end {
            End::Line => self.end_of_line(|| "the item header".to_string()),
            End::Error => self.skip_line(),
            End::Stopped => {}
        }
        let mut attrs = Vec::new();
        self.attributes(&mut attrs);
        if let Some(a) = attrs.last() {
            end = end.max(a.span.end);
        }
        self.items.push(Item {
            kind,
            keyword,
            id,
            text,
            attrs,
            span: start..end,
        });
        true
    }

    /// Parses the indented lines under an item.
    fn attributes(&mut self, attrs: &mut Vec<Attr>) {
        while self.pos < self.src.len() {
            debug_assert!(self.at_line_start());
            match self.peek() {
                Some(' ') | Some('\t') => {
                    self.hspace();
                    if self.line_is_empty_from_here() {
                        self.skip_line();
                        continue;
                    }
                    if let Some(a) = self.attribute() {
                        attrs.push(a);
                    }
                }
                Some('\n') | Some('\r') | Some('#') => self.skip_line(),
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
                let found = &self.src[span.clone()];
                self.error(
                    span,
                    format!("expected `key: value`, found `{found}`"),
                    "not an attribute",
                    Some("an attribute line is `key: value`, e.g. `because: other-id`".into()),
                );
                self.skip_line();
                return None;
            }
        };
        let key_span = start..self.pos;
        self.hspace();
        if self.peek() != Some(':') {
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
        let key_s = Spanned::new(key.to_string(), key_span);
        let (value, end) = if ID_LIST_KEYS.contains(&key) {
            self.id_list(key)
        } else if key == "cite" {
            self.cite()
        } else if key == "by" {
            self.single_id(key)
        } else if self.peek() == Some('"') && !matches!(key, "reliability" | "confidence" | "date" | "kind" | "url") {
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
        let span = start..value.span().end;
        Some(Attr {
            key: key_s,
            value,
            span,
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

    /// `a, b, c`.
    fn id_list(&mut self, key: &str) -> (Option<Value>, End) {
        let mut ids = Vec::new();
        loop {
            match identifier(self.rest()) {
                Ok((rest, name)) => {
                    let s = self.pos;
                    self.pos = self.src.len() - rest.len();
                    ids.push(Spanned::new(name.to_string(), s..self.pos));
                }
                Err(_) => {
                    let what = if ids.is_empty() { "an id" } else { "an id after `,`" };
                    self.missing_value(key, what);
                    return (None, End::Error);
                }
            }
            self.hspace();
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    self.hspace();
                }
                _ if self.line_is_empty_from_here() => return (Some(Value::Ids(ids)), End::Line),
                _ => {
                    let span = self.next_token_span();
                    let found = &self.src[span.clone()];
                    self.error(
                        span,
                        format!("expected `,` or the end of the line in `{key}:`, found `{found}`"),
                        "unexpected text",
                        Some("separate ids with commas: `a, b`; an id is a letter followed by letters, digits, `-` or `_`".into()),
                    );
                    return (None, End::Error);
                }
            }
        }
    }

    fn single_id(&mut self, key: &str) -> (Option<Value>, End) {
        match identifier(self.rest()) {
            Ok((rest, name)) => {
                let s = self.pos;
                self.pos = self.src.len() - rest.len();
                (Some(Value::Id(Spanned::new(name.to_string(), s..self.pos))), End::Line)
            }
            Err(_) => {
                self.missing_value(key, "a source id");
                (None, End::Error)
            }
        }
    }

    /// `SOURCE [1-6] ["LOCATOR"] [DATE]`.
    fn cite(&mut self) -> (Option<Value>, End) {
        let start = self.pos;
        let source = match identifier(self.rest()) {
            Ok((rest, name)) => {
                self.pos = self.src.len() - rest.len();
                Spanned::new(name.to_string(), start..self.pos)
            }
            Err(_) => {
                self.missing_value("cite", "a source id");
                return (None, End::Error);
            }
        };
        let mut cite = Cite {
            source,
            credibility: None,
            locator: None,
            date: None,
            span: start..self.pos,
        };
        // 0: credibility next, 1: locator next, 2: date next, 3: nothing more.
        let mut stage = 0;
        const FORM: &str = "a citation is `SOURCE [1-6] [\"LOCATOR\"] [DATE]`, in that order";
        loop {
            let before = self.pos;
            self.hspace();
            if self.line_is_empty_from_here() {
                return (Some(Value::Cite(Box::new(cite))), End::Line);
            }
            if self.pos == before {
                let span = self.next_token_span();
                self.error(
                    span,
                    "expected a space between the parts of a citation",
                    "unexpected text",
                    Some(FORM.into()),
                );
                return (None, End::Error);
            }
            if self.peek() == Some('"') {
                let (s, end) = self.string();
                if stage > 1 {
                    self.error(
                        s.span.clone(),
                        "the locator must come before the date",
                        "out of order",
                        Some(FORM.into()),
                    );
                    return (
                        None,
                        if matches!(end, End::Stopped) {
                            End::Stopped
                        } else {
                            End::Error
                        },
                    );
                }
                cite.span.end = s.span.end;
                cite.locator = Some(s);
                stage = 2;
                if matches!(end, End::Stopped) {
                    return (Some(Value::Cite(Box::new(cite))), End::Stopped);
                }
                continue;
            }
            let span = self.next_token_span();
            let tok = self.src[span.clone()].to_string();
            let all_digits = tok.bytes().all(|b| b.is_ascii_digit());
            let (slot, next_stage, name) = if all_digits {
                (0, 1, "credibility digit")
            } else if tok.starts_with(|c: char| c.is_ascii_digit()) {
                (2, 3, "date")
            } else {
                self.error(
                    span,
                    format!("unexpected `{tok}` in a citation"),
                    "expected a credibility digit 1-6, a quoted locator or a date",
                    Some(FORM.into()),
                );
                return (None, End::Error);
            };
            if stage > slot {
                self.error(
                    span,
                    format!("the {name} is out of place"),
                    "out of order",
                    Some(FORM.into()),
                );
                return (None, End::Error);
            }
            self.pos = span.end;
            cite.span.end = span.end;
            let v = Some(Spanned::new(tok, span));
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
        let r = self.rest();
        let line_end = r.find('\n').unwrap_or(r.len());
        let line = &r[..line_end];
        let mut end = line.len();
        let mut prev_ws = true;
        for (i, c) in line.char_indices() {
            if c == '#' && prev_ws {
                end = i;
                break;
            }
            prev_ws = c == ' ' || c == '\t';
        }
        let text = line[..end].trim_end_matches([' ', '\t', '\r']);
        if text.is_empty() {
            self.missing_value(key, "a value");
            return (None, End::Error);
        }
        let s = self.pos;
        self.pos += text.len();
        (
            Some(Value::Text(Spanned::new(text.to_string(), s..self.pos))),
            End::Line,
        )
    }

    /// A double-quoted string at the cursor. Returns the string (span with
    /// quotes) and whether it ended on its line or was stopped by a column-0
    /// line or the end of the text (then it is reported unterminated).
    fn string(&mut self) -> (Spanned<String>, End) {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                self.unterminated(open);
                return (Spanned::new(out, open..self.pos), End::Stopped);
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return (Spanned::new(out, open..self.pos), End::Line);
                }
                '\\' => {
                    let esc = self.pos;
                    self.pos += 1;
                    match self.peek() {
                        Some('"') => out.push('"'),
                        Some('\\') => out.push('\\'),
                        Some('n') => out.push('\n'),
                        Some(c) if c != '\n' && c != '\r' => {
                            self.error(
                                esc..esc + 1 + c.len_utf8(),
                                format!("unknown escape `\\{c}`"),
                                "unknown escape",
                                Some("a string knows the escapes `\\\"`, `\\\\` and `\\n`".into()),
                            );
                            out.push(c);
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
                '\n' => {
                    self.pos += 1;
                    // A non-blank character at column 0 never belongs to a string.
                    match self.peek() {
                        Some(c) if !is_blank(c) => {
                            self.unterminated(open);
                            return (Spanned::new(out, open..self.pos - 1), End::Stopped);
                        }
                        None => {
                            self.unterminated(open);
                            return (Spanned::new(out, open..self.pos - 1), End::Stopped);
                        }
                        _ => {}
                    }
                    // Fold the line break and the next line's indentation.
                    self.hspace();
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                '\r' => self.pos += 1,
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
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

    #[test]
    fn parses_every_item_kind_and_attribute() {
        let src = "use \"sources.yaml\"\n\
source partaw \"Murid Partaw\"\n  reliability: B\n  kind: expert\n  url: https://x.org/page#part # comment\n  date: 2017-02-27\n  derived-from: fpj, ap\n  note: \"a note\"\n\
claim c \"Claim text\"\n  by: partaw\n  confidence: likely\n  because: a, b\n  because: d\n  allow: single-source\n\
evidence a \"E\"\n  cite: partaw 3 \"FPJ analysis\" 2017-02-27\n  cite: ap\n\
assumption b \"A\"\nobjection d \"O\"\n  attacks: c\npremise p \"P\"\n";
        let p = ok(src);
        let kinds: Vec<_> = p.items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ItemKind::Use,
                ItemKind::Source,
                ItemKind::Claim,
                ItemKind::Evidence,
                ItemKind::Assumption,
                ItemKind::Objection,
                ItemKind::Premise
            ]
        );
        let src_item = &p.items[1];
        assert_eq!(src_item.attrs.len(), 6);
        match &src_item.attrs[2].value {
            Value::Text(t) => assert_eq!(t.value, "https://x.org/page#part"),
            v => panic!("{v:?}"),
        }
        match &p.items[3].attrs[0].value {
            Value::Cite(c) => {
                assert_eq!(c.source.value, "partaw");
                assert_eq!(c.credibility.as_ref().map(|s| s.value.as_str()), Some("3"));
                assert_eq!(c.locator.as_ref().map(|s| s.value.as_str()), Some("FPJ analysis"));
                assert_eq!(c.date.as_ref().map(|s| s.value.as_str()), Some("2017-02-27"));
                assert_eq!(&src[c.span.clone()], "partaw 3 \"FPJ analysis\" 2017-02-27");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn spans_point_at_the_text() {
        let src = "claim isk \"Text\"\n  because: a,  b\n";
        let p = ok(src);
        let item = &p.items[0];
        assert_eq!(&src[item.keyword.clone()], "claim");
        assert_eq!(&src[item.id.as_ref().unwrap().span.clone()], "isk");
        assert_eq!(&src[item.text.as_ref().unwrap().span.clone()], "\"Text\"");
        match &item.attrs[0].value {
            Value::Ids(ids) => {
                assert_eq!(&src[ids[1].span.clone()], "b");
            }
            v => panic!("{v:?}"),
        }
        assert_eq!(&src[item.span.clone()], "claim isk \"Text\"\n  because: a,  b");
    }

    #[test]
    fn multi_line_strings_fold_and_escape() {
        let src = "claim c \"one\n   two \\\"q\\\" \\\\ \\n\"\n";
        let p = ok(src);
        assert_eq!(p.items[0].text.as_ref().unwrap().value, "one two \"q\" \\ \n");
    }

    #[test]
    fn unterminated_string_is_reported_at_its_quote_and_next_item_parses() {
        let src = "claim a \"open\n  still open\nclaim b \"fine\"\n";
        let p = parse(src);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "unterminated string");
        assert_eq!(p.errors[0].span, 8..9);
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[1].id.as_ref().unwrap().value, "b");
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
        let ids: Vec<_> = p.items.iter().map(|i| i.id.as_ref().unwrap().value.as_str()).collect();
        assert_eq!(ids, vec!["a", "p"]);
        assert_eq!(p.items[1].attrs.len(), 1);
    }

    #[test]
    fn comments_and_hash_in_urls() {
        let src =
            "# top\nsource s \"S\" # trailing\n  # indented comment\n  url: http://a/b#frag   # c\n\n  kind: wire\n";
        let p = ok(src);
        assert_eq!(p.items[0].attrs.len(), 2);
    }

    #[test]
    fn citation_order_is_enforced() {
        let p = parse("evidence e \"E\"\n  cite: s \"loc\" 3\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "the credibility digit is out of place");
    }

    #[test]
    fn crlf_and_bom() {
        let p = ok("\u{feff}claim a \"x\"\r\n  confidence: likely\r\n");
        match &p.items[0].attrs[0].value {
            Value::Text(t) => assert_eq!(t.value, "likely"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn indented_line_outside_item() {
        let p = parse("  because: a\n  cite: b\nclaim c \"x\"\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.items.len(), 1);
    }

    #[test]
    fn missing_text_keeps_the_item() {
        let p = parse("claim c\n  cite: s\n");
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].message, "expected a quoted text after `c`");
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.items[0].attrs.len(), 1);
    }
}
