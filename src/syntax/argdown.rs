//! A parser for Argdown (<https://argdown.org>), the syntax most argument
//! maps are written in, as `@argdown/core` 1.7 reads it.
//!
//! It reads what real maps use: YAML front matter between `===` lines,
//! `#` headings, statements (`[Title]: text`, references `[Title]`,
//! untitled text), arguments (`<Title>: text`, references `<Title>`),
//! premise–conclusion structures (`(1) …` lines, inference bars `----` and
//! `-- rule --`), relation trees by indentation (`+ - _ ><`, the incoming
//! forms `<+ <- <_`, the outgoing forms `+> -> _>`), lists (`* …`, `1. …`),
//! tags (`#tag`, `#(tag with spaces)`), inline data (`{key: value}`),
//! comments (`<!-- -->`, `/* */`, `//`), bold, italic and links inside
//! text, escapes (`\[`), and `\r\n` line ends.
//!
//! The parser is line based and iterative: one pass blanks comments (kept
//! byte for byte as spaces, so every offset stays an offset of the source),
//! one pass over the lines builds the elements. It never fails and never
//! panics: what it cannot read becomes a [`Problem`] at its span. Every
//! element keeps its byte span in the source.

use crate::span::Span;

/// Where a relation line points, read from its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelKind {
    /// `+`, `<+`: the child supports the parent.
    SupportIn,
    /// `+>`: the parent supports the child.
    SupportOut,
    /// `-`, `<-`: the child attacks the parent.
    AttackIn,
    /// `->`: the parent attacks the child.
    AttackOut,
    /// `_`, `<_`: the child undercuts the parent.
    UndercutIn,
    /// `_>`: the parent undercuts the child.
    UndercutOut,
    /// `><`: parent and child contradict each other.
    Contradiction,
}

/// What kind of element a [`Node`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A statement: `[Title]: text`, `[Title]` or plain text.
    Statement,
    /// An argument: `<Title>: text` or `<Title>`.
    Argument,
}

/// Where a [`Node`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// At the top of a block (or a list item).
    TopLevel,
    /// As the child of a relation line.
    Relation,
    /// As statement number `n` of premise–conclusion structure `pcs`.
    Pcs {
        /// Index into [`Doc::pcs`].
        pcs: usize,
    },
}

/// One occurrence of a statement or an argument.
#[derive(Clone, Debug)]
pub struct Node {
    /// Statement or argument.
    pub kind: NodeKind,
    /// The title as written between the brackets, if any.
    pub title: Option<String>,
    /// Where the title is written (brackets included).
    pub title_span: Option<Span>,
    /// A reference (`[T]`, `<T>`) rather than a definition or text.
    pub is_ref: bool,
    /// The text, cleaned: escapes resolved, emphasis markers and tags
    /// removed, links written `text (url)`, lines joined by a space.
    pub text: String,
    /// The element from its first byte to the end of its text.
    pub span: Span,
    /// Inline data `{…}` written after the text.
    pub data: Option<Span>,
    /// Tags, in order, without `#` or parentheses.
    pub tags: Vec<String>,
    /// Where it is written.
    pub role: Role,
    /// The section (index into [`Doc::headings`]) it is written in.
    pub section: Option<usize>,
}

/// A `#` heading.
#[derive(Clone, Debug)]
pub struct Heading {
    /// Number of `#`.
    pub level: usize,
    /// The title text.
    pub title: String,
    /// The whole heading.
    pub span: Span,
    /// Inline data on the heading.
    pub data: Option<Span>,
}

/// An inference bar of a premise–conclusion structure.
#[derive(Clone, Debug)]
pub struct Inference {
    /// The inference rules named (`-- modus ponens --`).
    pub rules: Vec<String>,
    /// The bar (all its lines).
    pub span: Span,
    /// Inline data on the bar.
    pub data: Option<Span>,
}

/// One statement of a premise–conclusion structure.
#[derive(Clone, Debug)]
pub struct PcsStatement {
    /// The number written, `(n)`.
    pub number: u64,
    /// The statement (index into [`Doc::nodes`]).
    pub node: usize,
    /// The inference bar right above it: it is a conclusion.
    pub inference: Option<usize>,
}

/// A premise–conclusion structure: numbered statements and inference bars.
#[derive(Clone, Debug)]
pub struct Pcs {
    /// The argument node (a top-level `<Title>` block right before it),
    /// if any; without one Argdown makes an untitled argument.
    pub argument: Option<usize>,
    /// Its statements in order.
    pub statements: Vec<PcsStatement>,
    /// Its inference bars (indices into [`Doc::inferences`]).
    pub inferences: Vec<usize>,
    /// The whole structure.
    pub span: Span,
}

/// The parent of a relation line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parent {
    /// A statement or argument (index into [`Doc::nodes`]).
    Node(usize),
    /// An inference bar (index into [`Doc::inferences`]).
    Inference(usize),
}

/// A relation line: `marker child`, under its parent.
#[derive(Clone, Debug)]
pub struct Relation {
    /// What the marker says.
    pub kind: RelKind,
    /// The element it hangs under.
    pub parent: Parent,
    /// The element on the line (index into [`Doc::nodes`]).
    pub child: usize,
    /// The marker.
    pub span: Span,
    /// The last inference bar met before this line in the document, if
    /// any: Argdown 1.7 points an incoming undercut on a statement at it.
    pub last_inference: Option<usize>,
}

/// The YAML front matter.
#[derive(Clone, Debug)]
pub struct FrontMatter {
    /// The YAML text between the `===` lines.
    pub body: Span,
    /// Everything, `===` lines included.
    pub span: Span,
}

/// Something the parser could not read, at its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
}

/// An Argdown document.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The front matter.
    pub front_matter: Option<FrontMatter>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Every statement and argument occurrence, in document order.
    pub nodes: Vec<Node>,
    /// Every relation line, in document order.
    pub relations: Vec<Relation>,
    /// Every premise–conclusion structure.
    pub pcs: Vec<Pcs>,
    /// Every inference bar.
    pub inferences: Vec<Inference>,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

/// Parses Argdown text. Never fails: see [`Doc::problems`].
pub fn parse(src: &str) -> Doc {
    let clean = blank_comments(src);
    Parser {
        src,
        clean: &clean.text,
        datas: &clean.data,
        doc: Doc::default(),
    }
    .run(clean.front_matter)
}

/// The source with comments turned into spaces.
struct Clean {
    text: String,
    /// Spans of inline data `{…}`, sorted.
    data: Vec<Span>,
    front_matter: Option<FrontMatter>,
}

/// Blanks comments (`<!-- -->`, `/* */`, `// …`) to spaces, keeping line
/// ends, outside links, inline data and the front matter; finds inline data
/// and the front matter. One pass, linear: each search for a terminator is
/// done at most once per kind (a missing terminator is remembered).
fn blank_comments(src: &str) -> Clean {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut data = Vec::new();
    let mut i = 0;
    // Front matter: the first non-blank line starts with `===`, up to the
    // next line that starts with `===`.
    let mut front_matter = None;
    let first = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    if b[first..].starts_with(b"===") {
        let body_start = memchr::memchr(b'\n', &b[first..]).map_or(b.len(), |p| first + p + 1);
        let mut at = body_start;
        let mut found = None;
        while at < b.len() {
            let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |p| at + p);
            if b[at..line_end].starts_with(b"===") {
                found = Some((at, line_end));
                break;
            }
            at = line_end + 1;
        }
        if let Some((close, close_end)) = found {
            front_matter = Some(FrontMatter {
                body: body_start..close,
                span: first..close_end,
            });
            for c in &mut out[first..close_end] {
                if *c != b'\n' && *c != b'\r' {
                    *c = b' ';
                }
            }
            i = close_end;
        }
    }
    let mut no_html_close = false;
    let mut no_block_close = false;
    let mut data_fail_until = 0usize;
    // Cached next positions of `]` and `)` for link detection.
    let mut next_rbracket: Option<usize> = None;
    let mut next_rparen: Option<usize> = None;
    let mut next_newline: Option<usize> = None;
    let find_from = |cache: &mut Option<usize>, from: usize, byte: u8| -> usize {
        match *cache {
            Some(p) if p >= from => p,
            _ => {
                let p = memchr::memchr(byte, &b[from..]).map_or(b.len(), |p| from + p);
                *cache = Some(p);
                p
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => {
                // A link `[text](url)` on one line: skip it whole.
                let close = find_from(&mut next_rbracket, i + 1, b']');
                let line_end = find_from(&mut next_newline, i, b'\n');
                if close < line_end && close > i + 1 && b.get(close + 1) == Some(&b'(') {
                    let paren = find_from(&mut next_rparen, close + 2, b')');
                    if paren < line_end && paren > close + 2 {
                        i = paren + 1;
                        continue;
                    }
                }
                i += 1;
            }
            b'{' if i >= data_fail_until => match data_end(b, i) {
                Ok(end) => {
                    data.push(i..end);
                    i = end;
                }
                Err(reached) => {
                    data_fail_until = reached;
                    i += 1;
                }
            },
            b'<' if !no_html_close && b[i..].starts_with(b"<!--") => match memchr::memmem::find(&b[i + 4..], b"-->") {
                Some(p) => {
                    let end = i + 4 + p + 3;
                    blank(&mut out[i..end]);
                    i = end;
                }
                None => {
                    no_html_close = true;
                    i += 1;
                }
            },
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
                blank(&mut out[i..end]);
                i = end;
            }
            b'/' if !no_block_close && b.get(i + 1) == Some(&b'*') => match memchr::memmem::find(&b[i + 2..], b"*/") {
                Some(p) => {
                    let end = i + 2 + p + 2;
                    blank(&mut out[i..end]);
                    i = end;
                }
                None => {
                    no_block_close = true;
                    i += 1;
                }
            },
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, and whole comments
    // (which start and end on ASCII bytes), so the text is still UTF-8.
    let text = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Clean {
        text,
        data,
        front_matter,
    }
}

/// Spaces over everything but line ends.
fn blank(s: &mut [u8]) {
    for c in s {
        if *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

/// The end (exclusive) of inline data starting with `{` at `start`: braces
/// balanced outside quotes, never across a blank line. `Err` holds how far
/// the search went.
fn data_end(b: &[u8], start: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = start;
    let mut line_blank = false;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if c == q {
                quote = None;
            } else if c == b'\n' && line_blank {
                return Err(i);
            }
        } else {
            match c {
                b'"' | b'\'' => quote = Some(c),
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return if c == b'}' { Ok(i + 1) } else { Err(i + 1) };
                    }
                }
                _ => {}
            }
        }
        if c == b'\n' {
            if line_blank {
                return Err(i);
            }
            line_blank = true;
        } else if !c.is_ascii_whitespace() {
            line_blank = false;
        }
        i += 1;
    }
    Err(b.len())
}

/// What a line starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Blank,
    Heading,
    PcsNumber(u64, usize),
    Inference,
    Relation(RelKind, usize),
    ListItem(usize),
    Text,
}

/// A line: its range (without the line end) and its indentation.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

fn classify(l: &str, at_block_start: bool) -> LineKind {
    let t = l.trim_start_matches([' ', '\t']);
    let indent = l.len() - t.len();
    if t.is_empty() {
        return LineKind::Blank;
    }
    if indent == 0 && t.starts_with('#') {
        let hashes = t.bytes().take_while(|&c| c == b'#').count();
        if t.as_bytes().get(hashes) == Some(&b' ') {
            return LineKind::Heading;
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest.as_bytes().get(digits) == Some(&b')') {
            let n = rest[..digits].parse().unwrap_or(u64::MAX);
            return LineKind::PcsNumber(n, indent + digits + 2);
        }
    }
    if t.starts_with("--") {
        return LineKind::Inference;
    }
    let rel = [
        ("+>", RelKind::SupportOut),
        ("->", RelKind::AttackOut),
        ("<+", RelKind::SupportIn),
        ("+", RelKind::SupportIn),
        ("<-", RelKind::AttackIn),
        ("-", RelKind::AttackIn),
        ("><", RelKind::Contradiction),
        ("_>", RelKind::UndercutOut),
        ("<_", RelKind::UndercutIn),
    ];
    for (m, k) in rel {
        if t.starts_with(m) {
            return LineKind::Relation(k, indent + m.len());
        }
    }
    if t.starts_with('_') && t[1..].starts_with([' ', '\t']) {
        return LineKind::Relation(RelKind::UndercutIn, indent + 1);
    }
    let _ = at_block_start;
    if indent > 0 {
        if t.starts_with("* ") || t.starts_with("*\t") {
            return LineKind::ListItem(indent + 1);
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && t[digits..].starts_with(". ") {
            return LineKind::ListItem(indent + digits + 1);
        }
    }
    LineKind::Text
}

struct Parser<'a> {
    src: &'a str,
    clean: &'a str,
    datas: &'a [Span],
    doc: Doc,
}

/// The element being read, whose text may go on over the next lines.
struct Open {
    node: usize,
    /// Text pieces (source spans) still to be cleaned into its text.
    pieces: Vec<Span>,
}

/// The relation tree being read: (indent, parent) pairs.
type Stack = Vec<(usize, Parent)>;

impl<'a> Parser<'a> {
    fn run(mut self, front_matter: Option<FrontMatter>) -> Doc {
        self.doc.front_matter = front_matter;
        // Lines of the cleaned text; comment-only lines are skipped (they
        // neither end a block nor add text).
        let mut lines = Vec::new();
        let mut at = 0;
        let bytes = self.clean.as_bytes();
        while at <= bytes.len() {
            let nl = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
            let mut end = nl;
            if end > at && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let line = &self.clean[at..end];
            let blank_now = line.trim().is_empty();
            let blank_before = self.src.get(at..end).is_none_or(|s| s.trim().is_empty());
            let in_front = self.doc.front_matter.as_ref().is_some_and(|f| at < f.span.end);
            if !in_front && (!blank_now || blank_before) {
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                lines.push(Line { start: at, end, indent });
            }
            if nl >= bytes.len() {
                break;
            }
            at = nl + 1;
        }

        let mut open: Option<Open> = None;
        let mut stack: Stack = Vec::new();
        let mut section: Option<usize> = None;
        // The current block's state.
        let mut block_start = true;
        let mut last_top: Option<usize> = None; // top-level node of the previous block
        let mut prev_block_top_argument: Option<usize> = None;
        let mut cur_pcs: Option<usize> = None;
        let mut pending_inference: Option<usize> = None;
        let mut open_inference: Option<(usize, usize)> = None; // (inference, start) of a multi-line bar
        let mut last_inference: Option<usize> = None;
        let mut heading_open: Option<usize> = None;
        let mut in_list = false;

        for line in lines {
            let text = &self.clean[line.start..line.end];
            if let Some((inf, start)) = open_inference {
                // A multi-line inference bar: rules until a line of `--`.
                let t = text.trim();
                if t.is_empty() {
                    self.problem(start..line.start, "an inference bar that never ends (`--` expected)");
                    open_inference = None;
                } else {
                    let closes = t.ends_with("--");
                    let body = t.trim_end_matches('-');
                    let body_start = line.start + (text.len() - text.trim_start().len());
                    self.inference_rules(inf, body_start..body_start + body.len());
                    if closes {
                        self.doc.inferences[inf].span = start..line.end;
                        open_inference = None;
                    }
                    continue;
                }
            }
            let kind = classify(text, block_start);
            if !matches!(kind, LineKind::ListItem(_) | LineKind::Text | LineKind::Relation(..)) {
                in_list = false;
            }
            match kind {
                LineKind::Blank => {
                    self.close(&mut open);
                    heading_open = None;
                    if !block_start {
                        prev_block_top_argument =
                            last_top.filter(|&n| self.doc.nodes[n].kind == NodeKind::Argument && cur_pcs.is_none());
                    }
                    if let Some(p) = cur_pcs.take() {
                        self.end_pcs(p, pending_inference.take());
                    }
                    block_start = true;
                    stack.clear();
                    continue;
                }
                LineKind::Heading => {
                    self.close(&mut open);
                    if let Some(p) = cur_pcs.take() {
                        self.end_pcs(p, pending_inference.take());
                    }
                    stack.clear();
                    let t = text.trim_end();
                    let level = t.bytes().take_while(|&c| c == b'#').count();
                    // `# ` with nothing after it has an empty title.
                    let title_span = (line.start + level + 1).min(line.start + t.len())..line.start + t.len();
                    let (title, data, _) = self.clean_text(&[title_span]);
                    self.doc.headings.push(Heading {
                        level,
                        title,
                        span: line.start..line.end,
                        data,
                    });
                    let h = self.doc.headings.len() - 1;
                    section = Some(h);
                    heading_open = Some(h);
                    last_top = None;
                    prev_block_top_argument = None;
                    block_start = false;
                    continue;
                }
                _ => {}
            }
            if let Some(h) = heading_open {
                if kind == LineKind::Text {
                    // A heading's text may go on over the next line.
                    let (more, _, _) = self.clean_text(std::slice::from_ref(&(line.start + line.indent..line.end)));
                    let hd = &mut self.doc.headings[h];
                    if !hd.title.is_empty() && !more.is_empty() {
                        hd.title.push(' ');
                    }
                    hd.title.push_str(&more);
                    hd.span.end = line.end;
                    continue;
                }
                heading_open = None;
            }
            match kind {
                LineKind::PcsNumber(number, content) => {
                    self.close(&mut open);
                    stack.clear();
                    let p = match cur_pcs {
                        Some(p) => p,
                        None => {
                            let argument = if block_start {
                                prev_block_top_argument
                            } else {
                                last_top.filter(|&n| self.doc.nodes[n].kind == NodeKind::Argument)
                            };
                            if !block_start {
                                self.problem(line.start..line.end, "a premise–conclusion structure must be separated from what precedes it by a blank line");
                            }
                            self.doc.pcs.push(Pcs {
                                argument,
                                statements: Vec::new(),
                                inferences: Vec::new(),
                                span: line.start..line.end,
                            });
                            let p = self.doc.pcs.len() - 1;
                            cur_pcs = Some(p);
                            p
                        }
                    };
                    let node = self.element(
                        line.start + content,
                        line.end,
                        NodeKind::Statement,
                        Role::Pcs { pcs: p },
                        section,
                        line.start,
                    );
                    let Some(node) = node else {
                        self.problem(line.start..line.end, "a numbered line without a statement");
                        continue;
                    };
                    let inference = pending_inference.take();
                    self.doc.pcs[p].statements.push(PcsStatement {
                        number,
                        node,
                        inference,
                    });
                    self.doc.pcs[p].span.end = line.end;
                    open = Some(Open {
                        node,
                        pieces: Vec::new(),
                    });
                    stack.push((line.indent, Parent::Node(node)));
                    block_start = false;
                    last_top = None;
                }
                LineKind::Inference => {
                    self.close(&mut open);
                    stack.clear();
                    let Some(p) = cur_pcs else {
                        self.problem(
                            line.start..line.end,
                            "an inference bar outside a premise–conclusion structure",
                        );
                        block_start = false;
                        continue;
                    };
                    if pending_inference.is_some() {
                        self.problem(line.start..line.end, "two inference bars in a row");
                    }
                    self.doc.inferences.push(Inference {
                        rules: Vec::new(),
                        span: line.start..line.end,
                        data: None,
                    });
                    let inf = self.doc.inferences.len() - 1;
                    self.doc.pcs[p].inferences.push(inf);
                    self.doc.pcs[p].span.end = line.end;
                    pending_inference = Some(inf);
                    last_inference = Some(inf);
                    let t = text.trim();
                    let inner = t.trim_start_matches('-');
                    if !inner.is_empty() {
                        let body_start = line.start + line.indent + (t.len() - inner.len());
                        let closes = inner.ends_with("--");
                        let body = inner.trim_end_matches('-');
                        self.inference_rules(inf, body_start..body_start + body.len());
                        if !closes {
                            open_inference = Some((inf, line.start));
                        }
                    }
                    stack.push((line.indent, Parent::Inference(inf)));
                    block_start = false;
                }
                LineKind::Relation(rk, content) => {
                    self.close(&mut open);
                    // The parent: the nearest element above indented less.
                    while stack.len() > 1 && stack.last().is_some_and(|&(ind, _)| ind >= line.indent) {
                        stack.pop();
                    }
                    let parent = match stack.last() {
                        Some(&(ind, p)) if ind < line.indent || matches!(p, Parent::Inference(_)) => Some(p),
                        Some(&(_, p)) => {
                            self.problem(
                                line.start..line.end,
                                "a relation must be indented under the element it relates to",
                            );
                            Some(p)
                        }
                        None => None,
                    };
                    let Some(parent) = parent else {
                        self.problem(line.start..line.end, "a relation with nothing above it to relate to");
                        block_start = false;
                        continue;
                    };
                    if matches!(parent, Parent::Inference(_)) && rk != RelKind::UndercutIn {
                        self.problem(
                            line.start..line.end,
                            "only undercuts (`_`, `<_`) may hang under an inference bar",
                        );
                    }
                    let Some(child) = self.element(
                        line.start + content,
                        line.end,
                        NodeKind::Statement,
                        Role::Relation,
                        section,
                        line.start,
                    ) else {
                        self.problem(line.start..line.end, "a relation without a statement or argument");
                        continue;
                    };
                    if rk == RelKind::Contradiction && self.doc.nodes[child].kind == NodeKind::Argument {
                        self.problem(
                            line.start..line.end,
                            "a contradiction (`><`) relates statements, not arguments",
                        );
                    }
                    self.doc.relations.push(Relation {
                        kind: rk,
                        parent,
                        child,
                        span: line.start + line.indent..line.start + content,
                        last_inference,
                    });
                    stack.push((line.indent, Parent::Node(child)));
                    open = Some(Open {
                        node: child,
                        pieces: Vec::new(),
                    });
                    block_start = false;
                }
                LineKind::ListItem(content) => {
                    self.close(&mut open);
                    stack.clear();
                    if !block_start && !in_list {
                        self.problem(
                            line.start..line.end,
                            "a list must be a block of its own (a blank line before it)",
                        );
                    }
                    in_list = true;
                    if let Some(node) = self.element(
                        line.start + content,
                        line.end,
                        NodeKind::Statement,
                        Role::TopLevel,
                        section,
                        line.start,
                    ) {
                        stack.push((line.indent, Parent::Node(node)));
                        open = Some(Open {
                            node,
                            pieces: Vec::new(),
                        });
                        last_top = Some(node);
                    }
                    block_start = false;
                }
                LineKind::Text => {
                    if !block_start {
                        if let Some(o) = open.as_mut() {
                            o.pieces.push(line.start + line.indent..line.end);
                            continue;
                        }
                        self.problem(
                            line.start..line.end,
                            "text that belongs to no statement (a blank line missing before it?)",
                        );
                    }
                    if cur_pcs.is_some() {
                        // A text line after a structure without a blank line.
                        self.problem(
                            line.start..line.end,
                            "text after a premise–conclusion structure needs a blank line before it",
                        );
                    }
                    if let Some(p) = cur_pcs.take() {
                        self.end_pcs(p, pending_inference.take());
                    }
                    stack.clear();
                    if let Some(node) = self.element(
                        line.start + line.indent,
                        line.end,
                        NodeKind::Statement,
                        Role::TopLevel,
                        section,
                        line.start,
                    ) {
                        stack.push((line.indent, Parent::Node(node)));
                        open = Some(Open {
                            node,
                            pieces: Vec::new(),
                        });
                        last_top = Some(node);
                    }
                    block_start = false;
                }
                LineKind::Blank | LineKind::Heading => {}
            }
        }
        if let Some((_, start)) = open_inference {
            self.problem(
                start..self.src.len(),
                "an inference bar that never ends (`--` expected)",
            );
        }
        self.close(&mut open);
        if let Some(p) = cur_pcs.take() {
            self.end_pcs(p, pending_inference.take());
        }
        self.doc
    }

    fn problem(&mut self, span: Span, message: &str) {
        self.doc.problems.push(Problem {
            span,
            message: message.to_string(),
        });
    }

    /// Checks a finished structure: it ends in a conclusion.
    fn end_pcs(&mut self, p: usize, pending: Option<usize>) {
        if let Some(inf) = pending {
            let span = self.doc.inferences[inf].span.clone();
            self.problem(span, "an inference bar with no conclusion under it");
        }
        let pcs = &self.doc.pcs[p];
        let ends_in_conclusion = pcs.statements.last().is_some_and(|s| s.inference.is_some());
        if !ends_in_conclusion {
            let span = pcs.span.clone();
            self.problem(
                span,
                "a premise–conclusion structure must end in a conclusion under an inference bar (`----`)",
            );
        }
    }

    fn inference_rules(&mut self, inf: usize, span: Span) {
        let (text, data, _) = self.clean_text(std::slice::from_ref(&span));
        let i = &mut self.doc.inferences[inf];
        if data.is_some() {
            i.data = data;
        }
        for r in text.split(',') {
            let r = r.trim();
            if !r.is_empty() {
                i.rules.push(r.to_string());
            }
        }
    }

    /// Finishes the open element: cleans its text pieces into its text.
    fn close(&mut self, open: &mut Option<Open>) {
        let Some(o) = open.take() else { return };
        if o.pieces.is_empty() {
            return;
        }
        let (more, data, tags) = self.clean_text(&o.pieces);
        let node = &mut self.doc.nodes[o.node];
        if node.is_ref && !more.is_empty() {
            let span = o.pieces[0].start..o.pieces[o.pieces.len() - 1].end;
            self.problem(
                span,
                "text after a reference is not part of any statement (write `[Title]: text` to define it)",
            );
            return;
        }
        let node = &mut self.doc.nodes[o.node];
        if !more.is_empty() {
            if !node.text.is_empty() {
                node.text.push(' ');
            }
            node.text.push_str(&more);
        }
        node.tags.extend(tags);
        if let Some(d) = data {
            if node.data.is_none() {
                node.data = Some(d);
            }
        }
        if let Some(last) = o.pieces.last() {
            node.span.end = node.span.end.max(last.end);
        }
    }

    /// Reads the element that starts at `start` on a line ending at `end`.
    fn element(
        &mut self,
        start: usize,
        end: usize,
        _default: NodeKind,
        role: Role,
        section: Option<usize>,
        line_start: usize,
    ) -> Option<usize> {
        let s = &self.clean[start..end];
        let lead = s.len() - s.trim_start().len();
        let at = start + lead;
        let t = &self.clean[at..end];
        if t.trim().is_empty() {
            return None;
        }
        let _ = line_start;
        let (kind, title, title_span, is_ref, text_start) = if let Some((len, tlen, def)) = bracketed(t, '[', ']') {
            let title = &t[1..1 + tlen];
            (
                NodeKind::Statement,
                Some(title),
                Some(at..at + tlen + 2),
                !def,
                at + len,
            )
        } else if let Some((len, tlen, def)) = bracketed(t, '<', '>') {
            let title = &t[1..1 + tlen];
            (NodeKind::Argument, Some(title), Some(at..at + tlen + 2), !def, at + len)
        } else {
            (NodeKind::Statement, None, None, false, at)
        };
        let title = title.map(unescape);
        let (text, data, tags) = self.clean_text(std::slice::from_ref(&(text_start..end)));
        if is_ref && !text.is_empty() {
            self.problem(
                text_start..end,
                "text after a reference is not part of any statement (write `[Title]: text` to define it)",
            );
        }
        self.doc.nodes.push(Node {
            kind,
            title,
            title_span,
            is_ref,
            text: if is_ref { String::new() } else { text },
            span: at..end,
            data,
            tags,
            role,
            section,
        });
        Some(self.doc.nodes.len() - 1)
    }

    /// Cleans text pieces: resolves escapes, drops emphasis markers, writes
    /// links as `text (url)`, takes tags and inline data out. Returns the
    /// text, the first inline data span and the tags.
    fn clean_text(&self, pieces: &[Span]) -> (String, Option<Span>, Vec<String>) {
        let mut out = String::new();
        let mut data = None;
        let mut tags = Vec::new();
        // Inline data may run over several pieces (lines).
        let mut skip_until = 0usize;
        for (k, piece) in pieces.iter().enumerate() {
            if skip_until >= piece.end {
                continue;
            }
            if k > 0 && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            let s = self.clean.get(piece.clone()).unwrap_or("");
            let b = s.as_bytes();
            let mut i = skip_until.saturating_sub(piece.start);
            // Next `]` and `)` at or after a position, found once each
            // (a line of `[[[[` stays linear).
            let mut next_rb: Option<usize> = None;
            let mut next_rp: Option<usize> = None;
            let next = |cache: &mut Option<usize>, from: usize, byte: u8| -> Option<usize> {
                match *cache {
                    Some(p) if p >= from => Some(p).filter(|&p| p < b.len()),
                    _ => {
                        let p = memchr::memchr(byte, &b[from.min(b.len())..]).map_or(b.len(), |p| from + p);
                        *cache = Some(p);
                        Some(p).filter(|&p| p < b.len())
                    }
                }
            };
            while i < b.len() {
                let c = b[i];
                let abs = piece.start + i;
                match c {
                    b'\\' if i + 1 < b.len() => {
                        let ch = s[i + 1..].chars().next().unwrap_or(' ');
                        out.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    b'{' => {
                        // Inline data found by the first pass.
                        let k = self.datas.partition_point(|d| d.start < abs);
                        match self.datas.get(k) {
                            Some(d) if d.start == abs => {
                                let end = d.end.min(piece.end);
                                skip_until = d.end;
                                if data.is_none() {
                                    data = Some(d.clone());
                                }
                                i = end - piece.start;
                            }
                            _ => {
                                out.push('{');
                                i += 1;
                            }
                        }
                    }
                    b'#' if i + 1 < b.len() && (i == 0 || b[i - 1].is_ascii_whitespace()) => {
                        if b[i + 1] == b'(' {
                            if let Some(p) = next(&mut next_rp, i + 2, b')') {
                                tags.push(s[i + 2..p].trim().to_string());
                                i = p + 1;
                                continue;
                            }
                        }
                        let len: usize = s[i + 1..]
                            .chars()
                            .take_while(|ch| ch.is_alphanumeric() || *ch == '-' || *ch == '_')
                            .map(char::len_utf8)
                            .sum();
                        if len > 0 {
                            tags.push(s[i + 1..i + 1 + len].to_string());
                            i += 1 + len;
                        } else {
                            out.push('#');
                            i += 1;
                        }
                    }
                    b'[' => {
                        // A link [text](url) on this piece.
                        if let Some(close) = next(&mut next_rb, i + 1, b']') {
                            if close > i + 1 && b.get(close + 1) == Some(&b'(') {
                                if let Some(p) = next(&mut next_rp, close + 2, b')') {
                                    let url = &s[close + 2..p];
                                    out.push_str(&unescape(&s[i + 1..close]));
                                    out.push_str(" (");
                                    out.push_str(url);
                                    out.push(')');
                                    i = p + 1;
                                    continue;
                                }
                            }
                        }
                        out.push('[');
                        i += 1;
                    }
                    b'*' | b'_' => {
                        // Emphasis: `**`/`__` always, a single marker at a
                        // word boundary.
                        let run = b[i..].iter().take_while(|&&x| x == c).count();
                        let before = if i == 0 { b' ' } else { b[i - 1] };
                        let after = b.get(i + run).copied().unwrap_or(b' ');
                        let boundary = before.is_ascii_whitespace()
                            || after.is_ascii_whitespace()
                            || after.is_ascii_punctuation()
                            || before.is_ascii_punctuation();
                        if run >= 2 || boundary {
                            i += run;
                        } else {
                            out.push(c as char);
                            i += 1;
                        }
                    }
                    _ => {
                        let ch = s[i..].chars().next().unwrap_or(' ');
                        out.push(ch);
                        i += ch.len_utf8();
                    }
                }
            }
        }
        // Collapse runs of whitespace left by what was taken out.
        let mut collapsed = String::with_capacity(out.len());
        for w in out.split_whitespace() {
            if !collapsed.is_empty() {
                collapsed.push(' ');
            }
            collapsed.push_str(w);
        }
        (collapsed, data, tags)
    }
}

/// `[title]:` (a definition) or `[title]` (a reference) at the start of
/// `t`: (bytes taken, title length, is a definition). Escaped brackets
/// stay in the title. A reference's title may not start with `-`.
fn bracketed(t: &str, open: char, close: char) -> Option<(usize, usize, bool)> {
    let rest = t.strip_prefix(open)?;
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == close as u8 => {
                if i == 0 {
                    return None;
                }
                if b.get(i + 1) == Some(&b':') {
                    return Some((i + 3, i, true));
                }
                if b[0] == b'-' {
                    return None;
                }
                return Some((i + 2, i, false));
            }
            _ => i += 1,
        }
    }
    None
}

/// Resolves backslash escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "===\ntitle: t\n===\n\n# Part\n\n[A]: Text of *A* // comment\n  + [B]: b {source: ap}\n    <- <C>\n  >< [D]\n\n<C>\n\n(1) [P]: p\n-- mp --\n(2) [A]\n  _ [U]: u\n";

    #[test]
    fn every_element_keeps_its_span() {
        let doc = parse(MAP);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let at = |n: &Node| &MAP[n.span.clone()];
        let starts: Vec<&str> = doc.nodes.iter().map(|n| &at(n)[..3]).collect();
        assert_eq!(starts, ["[A]", "[B]", "<C>", "[D]", "<C>", "[P]", "[A]", "[U]"]);
        assert_eq!(doc.nodes[0].text, "Text of A");
        assert_eq!(&MAP[doc.nodes[1].data.clone().unwrap()], "{source: ap}");
        assert_eq!(doc.headings[0].title, "Part");
        let kinds: Vec<RelKind> = doc.relations.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RelKind::SupportIn,
                RelKind::AttackIn,
                RelKind::Contradiction,
                RelKind::UndercutIn
            ]
        );
        assert_eq!(&MAP[doc.relations[1].span.clone()], "<-");
        assert_eq!(doc.pcs[0].argument, Some(4));
        assert_eq!(doc.inferences[0].rules, ["mp"]);
        assert_eq!(doc.relations[3].parent, Parent::Node(6));
        assert_eq!(doc.relations[3].last_inference, Some(0));
    }

    #[test]
    fn crlf_and_escapes() {
        let doc = parse("[A]: a \\[b\\] \\#c\r\n  - [B]: x\r\n");
        assert_eq!(doc.nodes[0].text, "a [b] #c");
        assert_eq!(doc.nodes[1].title.as_deref(), Some("B"));
        assert!(doc.nodes[0].tags.is_empty());
    }

    #[test]
    fn an_empty_heading_is_read() {
        // Found by the fuzzer: `# ` followed by a line end.
        let doc = parse("# The qu\n[Air]: a\n  +> [Q]##H\n# \nealth\n");
        assert_eq!(doc.headings.len(), 2);
        assert_eq!(doc.headings[1].title, "ealth");
    }

    #[test]
    fn broken_structures_are_problems_not_panics() {
        for text in [
            "(1) a\n(2) b\n",
            "----\n",
            "  + [A]\n",
            "[A]\n(1) x\n----\n(2) y\n",
            "-- r\n",
        ] {
            let doc = parse(text);
            assert!(!doc.problems.is_empty(), "{text:?}");
        }
    }
}
