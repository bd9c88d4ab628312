//! The argument graph: resolved statements and sources in arenas (ids are
//! indices), built from the syntax trees of every loaded file.

pub mod git;
pub mod load;
pub mod registry;
pub mod resolve;

use crate::diagnostic::Loc;
use crate::terms::Term;
use std::fmt;
use std::sync::Arc;
pub use thin_vec::ThinVec;

pub use load::{load, FileKind, RunError, SourceFile, Workspace};

/// A piece of text shared with the file it was read from: an `Arc` of the
/// file's text and a range into it (or an `Arc` of its own when the text
/// differs from what is written). Cloning it copies no text.
#[derive(Clone, Default)]
pub struct Name {
    /// `None` for the empty name (which then costs no allocation).
    buf: Option<Arc<String>>,
    start: u32,
    end: u32,
}

impl Name {
    /// `buf[range]`.
    pub fn slice(buf: &Arc<String>, range: std::ops::Range<usize>) -> Name {
        let range = if buf.get(range.clone()).is_some() { range } else { 0..0 };
        Name {
            buf: Some(buf.clone()),
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// An owned text.
    pub fn owned(s: &str) -> Name {
        if s.is_empty() {
            return Name::default();
        }
        Name {
            buf: Some(Arc::new(s.to_string())),
            start: 0,
            end: s.len() as u32,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.buf
            .as_deref()
            .and_then(|b| b.get(self.start as usize..self.end as usize))
            .unwrap_or("")
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

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

    /// The keyword with its article: `a claim`, `an evidence`.
    pub fn with_article(self) -> &'static str {
        match self {
            StmtKind::Claim => "a claim",
            StmtKind::Premise => "a premise",
            StmtKind::Evidence => "an evidence",
            StmtKind::Assumption => "an assumption",
            StmtKind::Objection => "an objection",
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

impl Citation {
    /// Where the credibility digit is written, if it is.
    pub fn credibility_loc(&self) -> Option<Loc> {
        self.credibility_span.map(|s| Loc::new(self.loc.file, s.range()))
    }
}

/// One `cite:` line whose source resolved.
#[derive(Clone, Debug)]
pub struct Citation {
    /// The source.
    pub source: SourceId,
    /// Credibility index 0–5 (digit 1–6), if given and valid.
    pub credibility: Option<usize>,
    /// Where the credibility digit is written, if it is (in the file of
    /// `loc`).
    pub credibility_span: Option<crate::span::Span32>,
    /// The whole citation value.
    pub loc: Loc,
}

/// A fact an `expect:` asserts of a statement (LANGUAGE.md, *Expectations*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// The statement is grounded.
    Grounded,
    /// The statement is not grounded.
    Ungrounded,
    /// Its standing is `in`.
    In,
    /// Its standing is `out`.
    Out,
    /// Its standing is `undec`.
    Undec,
    /// Its ceiling is at least this term.
    AtLeast(Term),
}

impl Fact {
    /// The fact as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Grounded => "grounded",
            Fact::Ungrounded => "ungrounded",
            Fact::In => "in",
            Fact::Out => "out",
            Fact::Undec => "undec",
            Fact::AtLeast(t) => t.as_str(),
        }
    }

    /// The fact written `word`.
    pub fn parse(word: &str) -> Option<Fact> {
        Some(match word {
            "grounded" => Fact::Grounded,
            "ungrounded" => Fact::Ungrounded,
            "in" => Fact::In,
            "out" => Fact::Out,
            "undec" => Fact::Undec,
            w => Fact::AtLeast(Term::parse(w)?),
        })
    }

    /// Every fact word, for "did you mean".
    pub fn words() -> impl Iterator<Item = &'static str> {
        ["grounded", "ungrounded", "in", "out", "undec"]
            .into_iter()
            .chain(Term::ALL.iter().map(|t| t.as_str()))
    }

    /// Whether two facts can never hold together.
    pub fn contradicts(self, other: Fact) -> bool {
        use Fact::*;
        let label = |f: Fact| matches!(f, In | Out | Undec);
        match (self, other) {
            (a, b) if label(a) && label(b) => a != b,
            (Grounded, Ungrounded) | (Ungrounded, Grounded) => true,
            (Ungrounded, AtLeast(_)) | (AtLeast(_), Ungrounded) => true,
            _ => false,
        }
    }
}

/// How consistent a piece of evidence is with an answer (`rates:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rating {
    /// `CC`: very consistent.
    VeryConsistent,
    /// `C`: consistent.
    Consistent,
    /// `N`: neutral or ambiguous.
    Neutral,
    /// `I`: inconsistent.
    Inconsistent,
    /// `II`: very inconsistent.
    VeryInconsistent,
    /// `NA`: not applicable.
    NotApplicable,
}

impl Rating {
    /// Every rating as written, in order.
    pub const WORDS: [&'static str; 6] = ["CC", "C", "N", "I", "II", "NA"];

    /// The rating written `word`.
    pub fn parse(word: &str) -> Option<Rating> {
        Some(match word {
            "CC" => Rating::VeryConsistent,
            "C" => Rating::Consistent,
            "N" => Rating::Neutral,
            "I" => Rating::Inconsistent,
            "II" => Rating::VeryInconsistent,
            "NA" => Rating::NotApplicable,
            _ => return None,
        })
    }

    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::VeryConsistent => "CC",
            Rating::Consistent => "C",
            Rating::Neutral => "N",
            Rating::Inconsistent => "I",
            Rating::VeryInconsistent => "II",
            Rating::NotApplicable => "NA",
        }
    }
}

/// One entry of a statement's `rates:`: an answer and its rating. Spans
/// are kept in 32 bits in the statement's file (a matrix may hold a
/// million ratings): [`Rate::answer_loc`], [`Rate::rating_loc`] and
/// [`Rate::value_loc`] give them as locations.
#[derive(Clone, Debug)]
pub struct Rate {
    /// The rated answer (a claim that answers a question).
    pub answer: StmtId,
    /// The rating.
    pub rating: Rating,
    /// The file it is written in.
    pub file: crate::diagnostic::FileId,
    /// Where the answer is named.
    pub answer_span: crate::span::Span32,
    /// Where the rating is written.
    pub rating_span: crate::span::Span32,
    /// The whole `rates:` value it is written in.
    pub value_span: crate::span::Span32,
}

impl Rate {
    /// Where the answer is named.
    pub fn answer_loc(&self) -> Loc {
        Loc::new(self.file, self.answer_span.range())
    }

    /// Where the rating is written.
    pub fn rating_loc(&self) -> Loc {
        Loc::new(self.file, self.rating_span.range())
    }

    /// The whole `rates:` value (where the matrix rules report a row).
    pub fn value_loc(&self) -> Loc {
        Loc::new(self.file, self.value_span.range())
    }
}

/// A resolved statement. Its lists are thin vectors (one pointer, the
/// length and capacity beside the elements, nothing allocated when empty):
/// most are empty or short, and a graph holds a million statements.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Its id.
    pub name: Name,
    /// Its kind.
    pub kind: StmtKind,
    /// Its text.
    pub text: Name,
    /// Where the id is written.
    pub loc: Loc,
    /// The whole item.
    pub item: Loc,
    /// Its reasons, in order.
    pub reasons: ThinVec<Reason>,
    /// Its citations of defined sources, in order.
    pub cites: ThinVec<Citation>,
    /// Whether it has any `cite:` line at all (even of an unknown source).
    pub has_cite_attr: bool,
    /// Declared confidence and where.
    pub confidence: Option<(Term, Loc)>,
    /// Whether a `confidence:` line is written (even with an invalid term).
    pub has_confidence_attr: bool,
    /// Who asserts it.
    pub by: Option<SourceId>,
    /// The statements it attacks, with the span of each name.
    pub attacks: ThinVec<(StmtId, Loc)>,
    /// What `expect:` asserts of it, with where each fact is written.
    pub expect: ThinVec<(Fact, Loc)>,
    /// Its ratings of the answers of questions (`rates:`).
    pub rates: ThinVec<Rate>,
    /// Rules silenced on this item, with where each is named.
    pub allow: ThinVec<(&'static str, Loc)>,
}

/// A source's `retracted:`: when, and why.
#[derive(Clone, Debug)]
pub struct Retraction {
    /// The date written.
    pub date: Name,
    /// Why, if said.
    pub note: Option<Name>,
    /// Where `retracted` is written.
    pub loc: Loc,
}

/// A resolved source.
#[derive(Clone, Debug)]
pub struct Source {
    /// Its id.
    pub name: Name,
    /// Its title.
    pub title: Name,
    /// Where the id is written.
    pub loc: Loc,
    /// The whole item.
    pub item: Loc,
    /// Reliability index 0–5 (`A`–`F`), if rated validly.
    pub reliability: Option<usize>,
    /// Whether a `reliability:` is written (even with an invalid letter).
    pub has_reliability_attr: bool,
    /// `kind:` as written.
    pub kind: Option<Name>,
    /// `url:` as written.
    pub url: Option<Name>,
    /// `date:` if valid.
    pub date: Option<Name>,
    /// Sources it derives from, with the span of each name.
    pub derived_from: Vec<(SourceId, Loc)>,
    /// Withdrawn, retracted or discredited: its citations count for nothing.
    pub retracted: Option<Retraction>,
    /// Rules silenced on this item, with where each is named.
    pub allow: Vec<(&'static str, Loc)>,
}

/// A resolved `question`: competing hypotheses.
#[derive(Clone, Debug)]
pub struct Question {
    /// Its id.
    pub name: Name,
    /// Its text.
    pub text: Name,
    /// Where the id is written.
    pub loc: Loc,
    /// The whole item.
    pub item: Loc,
    /// Its answers (claims), without repeats, with the span of each name.
    pub answers: Vec<(StmtId, Loc)>,
    /// The `answers` value, when written.
    pub answers_loc: Option<Loc>,
    /// Rules silenced on this item, with where each is named.
    pub allow: Vec<(&'static str, Loc)>,
}

impl Graph {
    /// How many statements all reasons name together (the support graph's
    /// edges, to size what is built from them).
    pub fn member_count(&self) -> usize {
        self.statements
            .iter()
            .flat_map(|st| st.reasons.iter())
            .map(|r| r.members.len())
            .sum()
    }

    /// Per source, whether its citations are void (it is retracted).
    pub fn retracted_sources(&self) -> Vec<bool> {
        self.sources.iter().map(|s| s.retracted.is_some()).collect()
    }
}

/// The resolved argument graph of a run.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Every statement of every loaded file.
    pub statements: Vec<Statement>,
    /// Every source of every loaded file and registry.
    pub sources: Vec<Source>,
    /// Every question.
    pub questions: Vec<Question>,
}
