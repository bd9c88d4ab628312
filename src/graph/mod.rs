//! The argument graph: resolved statements and sources in arenas (ids are
//! indices), built from the syntax trees of every loaded file.

pub mod load;
pub mod registry;
pub mod resolve;

use crate::diagnostic::Loc;
use crate::terms::Term;

pub use load::{load, FileKind, RunError, SourceFile, Workspace};

/// Index of a statement in [`Graph::statements`].
pub type StmtId = usize;
/// Index of a source in [`Graph::sources`].
pub type SourceId = usize;

/// The five statement kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StmtKind {
    /// A conclusion the analysis asserts.
    Claim,
    /// An intermediate statement.
    Premise,
    /// A statement grounded directly in citations.
    Evidence,
    /// Accepted without support, visibly.
    Assumption,
    /// A statement that attacks others.
    Objection,
}

impl StmtKind {
    /// The keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            StmtKind::Claim => "claim",
            StmtKind::Premise => "premise",
            StmtKind::Evidence => "evidence",
            StmtKind::Assumption => "assumption",
            StmtKind::Objection => "objection",
        }
    }

    /// Whether a reason may support it (claim, premise, objection).
    pub fn takes_reasons(self) -> bool {
        matches!(self, StmtKind::Claim | StmtKind::Premise | StmtKind::Objection)
    }
}

/// One `because:` line: its statements together support the owner.
#[derive(Clone, Debug)]
pub struct Reason {
    /// The statements named, resolved, without repeats, with the span of
    /// each name.
    pub members: Vec<(StmtId, Loc)>,
    /// False when a name did not resolve to a statement: the reason can
    /// then never ground anything.
    pub complete: bool,
    /// The `because` value.
    pub loc: Loc,
}

/// One `cite:` line whose source resolved.
#[derive(Clone, Debug)]
pub struct Citation {
    /// The source.
    pub source: SourceId,
    /// Credibility index 0–5 (digit 1–6), if given and valid.
    pub credibility: Option<usize>,
    /// The whole citation value.
    pub loc: Loc,
}

/// A resolved statement.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Its id.
    pub name: String,
    /// Its kind.
    pub kind: StmtKind,
    /// Its text.
    pub text: String,
    /// Where the id is written.
    pub loc: Loc,
    /// The whole item.
    pub item: Loc,
    /// Its reasons, in order.
    pub reasons: Vec<Reason>,
    /// Its citations of defined sources, in order.
    pub cites: Vec<Citation>,
    /// Whether it has any `cite:` line at all (even of an unknown source).
    pub has_cite_attr: bool,
    /// Declared confidence and where.
    pub confidence: Option<(Term, Loc)>,
    /// Whether a `confidence:` line is written (even with an invalid term).
    pub has_confidence_attr: bool,
    /// Who asserts it.
    pub by: Option<SourceId>,
    /// The statements it attacks, with the span of each name.
    pub attacks: Vec<(StmtId, Loc)>,
    /// Rules silenced on this item.
    pub allow: Vec<&'static str>,
}

/// A resolved source.
#[derive(Clone, Debug)]
pub struct Source {
    /// Its id.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Where the id is written.
    pub loc: Loc,
    /// The whole item.
    pub item: Loc,
    /// Reliability index 0–5 (`A`–`F`), if rated validly.
    pub reliability: Option<usize>,
    /// Whether a `reliability:` is written (even with an invalid letter).
    pub has_reliability_attr: bool,
    /// `kind:` as written.
    pub kind: Option<String>,
    /// `url:` as written.
    pub url: Option<String>,
    /// `date:` if valid.
    pub date: Option<String>,
    /// Sources it derives from, with the span of each name.
    pub derived_from: Vec<(SourceId, Loc)>,
    /// Rules silenced on this item.
    pub allow: Vec<&'static str>,
}

/// The resolved argument graph of a run.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Every statement of every loaded file.
    pub statements: Vec<Statement>,
    /// Every source of every loaded file and registry.
    pub sources: Vec<Source>,
}
