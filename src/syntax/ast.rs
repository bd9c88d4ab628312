//! The syntax tree of an `.arg` document. Every node carries its span.
//!
//! The tree is compact and borrows its text: a [`Tok`] is a 32-bit span into
//! the file's text, plus (rarely) an index into [`Ast::strings`] when the text
//! differs from what is written (a string with escapes or line folds, an id
//! normalised to NFC, a value read from YAML). Attributes, id lists,
//! citations and ratings live in flat vectors of the [`Ast`] and items refer
//! to them by index ranges, so parsing allocates a handful of vectors per
//! file, not per item. This is oxc's habit (atoms borrowed from the source)
//! rather than ruff's (a copied `Name`) or rust-analyzer's (an interner): the
//! text already lives in memory for the diagnostics, so borrowing costs
//! nothing more.

use crate::span::{Span, Span32};

/// The item keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `use "PATH"`.
    Use,
    /// `source ID "TITLE"`.
    Source,
    /// `claim ID "TEXT"`.
    Claim,
    /// `premise ID "TEXT"`.
    Premise,
    /// `evidence ID "TEXT"`.
    Evidence,
    /// `assumption ID "TEXT"`.
    Assumption,
    /// `objection ID "TEXT"`.
    Objection,
    /// `question ID "TEXT"`: competing hypotheses.
    Question,
}

impl ItemKind {
    /// Every kind, in the order LANGUAGE.md lists them.
    pub const ALL: [ItemKind; 8] = [
        ItemKind::Use,
        ItemKind::Source,
        ItemKind::Claim,
        ItemKind::Premise,
        ItemKind::Evidence,
        ItemKind::Assumption,
        ItemKind::Objection,
        ItemKind::Question,
    ];

    /// The keyword that starts this item.
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Use => "use",
            ItemKind::Source => "source",
            ItemKind::Claim => "claim",
            ItemKind::Premise => "premise",
            ItemKind::Evidence => "evidence",
            ItemKind::Assumption => "assumption",
            ItemKind::Objection => "objection",
            ItemKind::Question => "question",
        }
    }

    /// The kind a keyword names.
    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        ItemKind::ALL.iter().copied().find(|k| k.keyword() == word)
    }

    /// Whether the item is a statement (claim, premise, evidence,
    /// assumption, objection).
    pub fn is_statement(self) -> bool {
        !matches!(self, ItemKind::Use | ItemKind::Source | ItemKind::Question)
    }
}

/// Where a token's text comes from.
const SLICE: u32 = u32::MAX;
const QUOTED: u32 = u32::MAX - 1;

/// A token: an id, a bare value, a key or a string, by its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Where it is written (a string's span includes its quotes).
    pub span: Span32,
    text: u32,
}

impl Tok {
    /// A token whose text is exactly the text of `span`.
    pub fn slice(span: Span32) -> Tok {
        Tok { span, text: SLICE }
    }

    /// A quoted string written without escapes or line breaks: its text is
    /// the span without its two quotes.
    pub fn quoted(span: Span32) -> Tok {
        Tok { span, text: QUOTED }
    }

    /// A token written at `span` whose text is `ast.strings[index]`.
    pub fn owned(span: Span32, index: usize) -> Tok {
        Tok {
            span,
            text: u32::try_from(index).unwrap_or(SLICE),
        }
    }

    /// The span as a `usize` range.
    pub fn range(self) -> Span {
        self.span.range()
    }
}

/// A range of indices into one of the [`Ast`]'s vectors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Idx {
    /// First index.
    pub start: u32,
    /// One past the last.
    pub end: u32,
}

impl Idx {
    /// The range `start..end`.
    pub(crate) fn new(start: usize, end: usize) -> Idx {
        Idx {
            start: start as u32,
            end: end as u32,
        }
    }

    /// As a `usize` range.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Number of elements.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the range is empty.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// One item: a keyword at column 0 and the attributes indented under it.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Which item.
    pub kind: ItemKind,
    /// Span of the keyword.
    pub keyword: Span32,
    /// The id (absent for `use`).
    pub id: Option<Tok>,
    /// The quoted title, statement text, or (for `use`) path. Its span
    /// includes the quotes.
    pub text: Option<Tok>,
    /// Its attributes, in source order (indices into [`Ast::attrs`]).
    pub attrs: Idx,
    /// From the keyword to the end of the last attribute.
    pub span: Span32,
}

/// One `key: value` line under an item.
#[derive(Clone, Copy, Debug)]
pub struct Attr {
    /// The key as written.
    pub key: Tok,
    /// The value, shaped by the key.
    pub value: Value,
    /// From the key to the end of the value.
    pub span: Span32,
}

/// An attribute value. Its shape depends on the key; what it means is
/// checked during resolution.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// A comma-separated list of ids (`because`, `attacks`, `derived-from`,
    /// `allow`, `expect`, `answers`): indices into [`Ast::toks`].
    Ids(Idx),
    /// A citation (`cite`): an index into [`Ast::cites`].
    Cite(u32),
    /// A single id (`by`).
    Id(Tok),
    /// The rest of the line, comment excluded (`reliability`, `confidence`,
    /// `date`, `kind`, `url`, unknown keys).
    Text(Tok),
    /// A quoted string (`note`, or any value that starts with a quote). The
    /// span includes the quotes.
    Str(Tok),
    /// `rates: ID RATING, …`: indices into [`Ast::rates`].
    Rates(Idx),
    /// `retracted: DATE ["NOTE"]`: an index into [`Ast::retractions`].
    Retracted(u32),
}

/// `cite: SOURCE [1-6] ["LOCATOR"] [DATE]`.
#[derive(Clone, Copy, Debug)]
pub struct Cite {
    /// The cited source id.
    pub source: Tok,
    /// The credibility token as written (validated during resolution).
    pub credibility: Option<Tok>,
    /// The locator string (span includes the quotes).
    pub locator: Option<Tok>,
    /// The date token as written (validated during resolution).
    pub date: Option<Tok>,
    /// The whole citation.
    pub span: Span32,
}

/// One `ID RATING` entry of `rates:`.
#[derive(Clone, Copy, Debug)]
pub struct Rating {
    /// The rated answer.
    pub answer: Tok,
    /// The rating as written (validated during resolution).
    pub rating: Tok,
}

/// `retracted: DATE ["NOTE"]`.
#[derive(Clone, Copy, Debug)]
pub struct Retraction {
    /// The date as written (validated during resolution).
    pub date: Tok,
    /// Why, if given.
    pub note: Option<Tok>,
}

/// A syntax error: where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the error is.
    pub span: Span,
    /// One-line description.
    pub message: String,
    /// Text of the label under the span.
    pub label: String,
    /// How to fix it, if known.
    pub help: Option<String>,
}

/// The syntax tree of one document: items and the flat vectors their
/// parts live in.
#[derive(Clone, Debug, Default)]
pub struct Ast {
    /// Items, in source order.
    pub items: Vec<Item>,
    /// Every attribute of every item.
    pub attrs: Vec<Attr>,
    /// Every id of every id list.
    pub toks: Vec<Tok>,
    /// Every citation.
    pub cites: Vec<Cite>,
    /// Every rating of every `rates:`.
    pub rates: Vec<Rating>,
    /// Every `retracted:` value.
    pub retractions: Vec<Retraction>,
    /// Texts that differ from what is written (see [`Tok`]).
    pub strings: Vec<Box<str>>,
}

impl Ast {
    /// The text of a token; `src` is the text of the file it was read from.
    pub fn str<'a>(&'a self, src: &'a str, t: Tok) -> &'a str {
        match t.text {
            SLICE => src.get(t.range()).unwrap_or(""),
            QUOTED => {
                let r = t.range();
                src.get(r.start + 1..r.end.saturating_sub(1).max(r.start + 1))
                    .unwrap_or("")
            }
            i => self.strings.get(i as usize).map_or("", |s| s),
        }
    }

    /// Stores an owned text and returns a token for it, written at `span`.
    pub fn own(&mut self, span: Span32, text: impl Into<Box<str>>) -> Tok {
        self.strings.push(text.into());
        Tok::owned(span, self.strings.len() - 1)
    }

    /// The attributes of an item.
    pub fn attrs_of(&self, item: &Item) -> &[Attr] {
        &self.attrs[item.attrs.range()]
    }

    /// The ids of an id list.
    pub fn ids(&self, idx: Idx) -> &[Tok] {
        &self.toks[idx.range()]
    }

    /// A citation.
    pub fn cite(&self, i: u32) -> &Cite {
        &self.cites[i as usize]
    }

    /// The ratings of a `rates:`.
    pub fn ratings(&self, idx: Idx) -> &[Rating] {
        &self.rates[idx.range()]
    }

    /// A `retracted:` value.
    pub fn retraction(&self, i: u32) -> &Retraction {
        &self.retractions[i as usize]
    }

    /// Appends the ids `toks` and returns their range.
    pub fn push_ids(&mut self, toks: impl IntoIterator<Item = Tok>) -> Idx {
        let start = self.toks.len();
        self.toks.extend(toks);
        Idx::new(start, self.toks.len())
    }

    /// Appends attributes and returns their range.
    pub fn push_attrs(&mut self, attrs: impl IntoIterator<Item = Attr>) -> Idx {
        let start = self.attrs.len();
        self.attrs.extend(attrs);
        Idx::new(start, self.attrs.len())
    }

    /// The span of a whole value.
    pub fn value_span(&self, v: &Value) -> Span32 {
        match *v {
            Value::Ids(idx) => {
                let ids = self.ids(idx);
                match (ids.first(), ids.last()) {
                    (Some(a), Some(b)) => Span32 {
                        start: a.span.start,
                        end: b.span.end,
                    },
                    _ => Span32::default(),
                }
            }
            Value::Rates(idx) => {
                let r = self.ratings(idx);
                match (r.first(), r.last()) {
                    (Some(a), Some(b)) => Span32 {
                        start: a.answer.span.start,
                        end: b.rating.span.end,
                    },
                    _ => Span32::default(),
                }
            }
            Value::Cite(i) => self.cite(i).span,
            Value::Retracted(i) => {
                let r = self.retraction(i);
                Span32 {
                    start: r.date.span.start,
                    end: r.note.map_or(r.date.span.end, |n| n.span.end),
                }
            }
            Value::Id(t) | Value::Text(t) | Value::Str(t) => t.span,
        }
    }

    /// Makes every token own its text (read from `src`, the text the tree
    /// was parsed from), so that its span can then be moved to a file whose
    /// text differs (an Argdown map, through the importer).
    pub fn detach(&mut self, src: &str) {
        let Ast {
            items,
            attrs,
            toks,
            cites,
            rates,
            retractions,
            strings,
        } = self;
        let mut own = |t: &mut Tok| {
            if t.text == SLICE || t.text == QUOTED {
                let r = t.range();
                let s = if t.text == SLICE {
                    src.get(r)
                } else {
                    src.get(r.start + 1..r.end.saturating_sub(1).max(r.start + 1))
                };
                strings.push(s.unwrap_or("").into());
                *t = Tok::owned(t.span, strings.len() - 1);
            }
        };
        for it in items.iter_mut() {
            it.id.iter_mut().chain(it.text.iter_mut()).for_each(&mut own);
        }
        for a in attrs.iter_mut() {
            own(&mut a.key);
            if let Value::Id(t) | Value::Text(t) | Value::Str(t) = &mut a.value {
                own(t);
            }
        }
        toks.iter_mut().for_each(&mut own);
        for c in cites.iter_mut() {
            own(&mut c.source);
            [&mut c.credibility, &mut c.locator, &mut c.date]
                .into_iter()
                .flatten()
                .for_each(&mut own);
        }
        for r in rates.iter_mut() {
            own(&mut r.answer);
            own(&mut r.rating);
        }
        for r in retractions.iter_mut() {
            own(&mut r.date);
            r.note.iter_mut().for_each(&mut own);
        }
    }

    /// Appends the tree `other` (parsed from the same text, after this one)
    /// to this one: its indices into the flat vectors are shifted past
    /// this tree's; spans are offsets into the same text and stay.
    pub fn append(&mut self, other: Ast) {
        let at = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let (attrs, toks, cites, rates, retractions, strings) = (
            at(self.attrs.len()),
            at(self.toks.len()),
            at(self.cites.len()),
            at(self.rates.len()),
            at(self.retractions.len()),
            at(self.strings.len()),
        );
        let shift = |i: Idx, by: u32| Idx {
            start: i.start + by,
            end: i.end + by,
        };
        let tok = |mut t: Tok| {
            if t.text != SLICE && t.text != QUOTED {
                t.text += strings;
            }
            t
        };
        self.items.extend(other.items.into_iter().map(|mut it| {
            it.attrs = shift(it.attrs, attrs);
            it.id = it.id.map(tok);
            it.text = it.text.map(tok);
            it
        }));
        self.attrs.extend(other.attrs.into_iter().map(|mut a| {
            a.key = tok(a.key);
            a.value = match a.value {
                Value::Ids(i) => Value::Ids(shift(i, toks)),
                Value::Cite(i) => Value::Cite(i + cites),
                Value::Rates(i) => Value::Rates(shift(i, rates)),
                Value::Retracted(i) => Value::Retracted(i + retractions),
                Value::Id(t) => Value::Id(tok(t)),
                Value::Text(t) => Value::Text(tok(t)),
                Value::Str(t) => Value::Str(tok(t)),
            };
            a
        }));
        self.toks.extend(other.toks.into_iter().map(tok));
        self.cites.extend(other.cites.into_iter().map(|mut c| {
            c.source = tok(c.source);
            c.credibility = c.credibility.map(tok);
            c.locator = c.locator.map(tok);
            c.date = c.date.map(tok);
            c
        }));
        self.rates.extend(other.rates.into_iter().map(|r| Rating {
            answer: tok(r.answer),
            rating: tok(r.rating),
        }));
        self.retractions
            .extend(other.retractions.into_iter().map(|r| Retraction {
                date: tok(r.date),
                note: r.note.map(tok),
            }));
        self.strings.extend(other.strings);
    }

    /// Moves every span of the tree through `start` (for start offsets) and
    /// `end` (for end offsets): Markdown drafts, from the extracted text to
    /// the Markdown file.
    pub fn map_spans(&mut self, start: impl Fn(usize) -> usize, end: impl Fn(usize) -> usize) {
        let m = |s: &mut Span32| {
            let a = start(s.start as usize);
            let b = if s.end == s.start {
                a
            } else {
                end(s.end as usize).max(a)
            };
            *s = Span32::new(a, b);
        };
        let mt = |t: &mut Tok| m(&mut t.span);
        for it in &mut self.items {
            m(&mut it.keyword);
            m(&mut it.span);
            if let Some(t) = &mut it.id {
                mt(t);
            }
            if let Some(t) = &mut it.text {
                mt(t);
            }
        }
        for a in &mut self.attrs {
            mt(&mut a.key);
            m(&mut a.span);
            match &mut a.value {
                Value::Id(t) | Value::Text(t) | Value::Str(t) => mt(t),
                _ => {}
            }
        }
        self.toks.iter_mut().for_each(mt);
        for c in &mut self.cites {
            mt(&mut c.source);
            m(&mut c.span);
            for t in [&mut c.credibility, &mut c.locator, &mut c.date].into_iter().flatten() {
                mt(t);
            }
        }
        for r in &mut self.rates {
            mt(&mut r.answer);
            mt(&mut r.rating);
        }
        for r in &mut self.retractions {
            mt(&mut r.date);
            if let Some(n) = &mut r.note {
                mt(n);
            }
        }
    }
}

/// The result of parsing one document.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    /// The tree: items read, in source order (including items with header
    /// errors whose id could be read).
    pub ast: Ast,
    /// Every syntax error, in source order.
    pub errors: Vec<SyntaxError>,
}
