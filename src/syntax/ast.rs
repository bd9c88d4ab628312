//! The syntax tree of an `.arg` document. Every node carries its byte span.

use crate::span::{Span, Spanned};

/// The seven item keywords.
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
}

impl ItemKind {
    /// Every kind, in the order LANGUAGE.md lists them.
    pub const ALL: [ItemKind; 7] = [
        ItemKind::Use,
        ItemKind::Source,
        ItemKind::Claim,
        ItemKind::Premise,
        ItemKind::Evidence,
        ItemKind::Assumption,
        ItemKind::Objection,
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
        }
    }

    /// The kind a keyword names.
    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        ItemKind::ALL.iter().copied().find(|k| k.keyword() == word)
    }

    /// Whether the item is a statement (claim, premise, evidence,
    /// assumption, objection).
    pub fn is_statement(self) -> bool {
        !matches!(self, ItemKind::Use | ItemKind::Source)
    }
}

/// One item: a keyword at column 0 and the attributes indented under it.
#[derive(Clone, Debug)]
pub struct Item {
    /// Which item.
    pub kind: ItemKind,
    /// Span of the keyword.
    pub keyword: Span,
    /// The id (absent for `use`).
    pub id: Option<Spanned<String>>,
    /// The quoted title, statement text, or (for `use`) path. Its span
    /// includes the quotes.
    pub text: Option<Spanned<String>>,
    /// Attributes in source order.
    pub attrs: Vec<Attr>,
    /// From the keyword to the end of the last attribute.
    pub span: Span,
}

/// One `key: value` line under an item.
#[derive(Clone, Debug)]
pub struct Attr {
    /// The key as written.
    pub key: Spanned<String>,
    /// The value, shaped by the key.
    pub value: Value,
    /// From the key to the end of the value.
    pub span: Span,
}

/// An attribute value. Its shape depends on the key; what it means is
/// checked during resolution.
#[derive(Clone, Debug)]
pub enum Value {
    /// A comma-separated list of ids (`because`, `attacks`,
    /// `derived-from`, `allow`).
    Ids(Vec<Spanned<String>>),
    /// A citation (`cite`), boxed to keep every attribute small.
    Cite(Box<Cite>),
    /// A single id (`by`).
    Id(Spanned<String>),
    /// The rest of the line, comment excluded (`reliability`, `confidence`,
    /// `date`, `kind`, `url`, unknown keys).
    Text(Spanned<String>),
    /// A quoted string (`note`, or any value that starts with a quote). The
    /// span includes the quotes.
    Str(Spanned<String>),
}

impl Value {
    /// The span of the whole value.
    pub fn span(&self) -> Span {
        match self {
            Value::Ids(ids) => match (ids.first(), ids.last()) {
                (Some(a), Some(b)) => a.span.start..b.span.end,
                _ => 0..0,
            },
            Value::Cite(c) => c.span.clone(),
            Value::Id(s) | Value::Text(s) | Value::Str(s) => s.span.clone(),
        }
    }
}

/// `cite: SOURCE [1-6] ["LOCATOR"] [DATE]`.
#[derive(Clone, Debug)]
pub struct Cite {
    /// The cited source id.
    pub source: Spanned<String>,
    /// The credibility token as written (validated during resolution).
    pub credibility: Option<Spanned<String>>,
    /// The locator string (span includes the quotes).
    pub locator: Option<Spanned<String>>,
    /// The date token as written (validated during resolution).
    pub date: Option<Spanned<String>>,
    /// The whole citation.
    pub span: Span,
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

/// The result of parsing one document.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    /// Items read, in source order (including items with header errors
    /// whose id could be read).
    pub items: Vec<Item>,
    /// Every syntax error, in source order.
    pub errors: Vec<SyntaxError>,
}
