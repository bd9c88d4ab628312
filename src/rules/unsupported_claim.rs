//! The `unsupported-claim` rule: a claim, premise or objection is not grounded (the first missing link shown).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unsupported-claim`.
pub static RULE: Rule = Rule {
    name: "unsupported-claim",
    default: Severity::Error,
    summary: "a claim, premise or objection is not grounded (the first missing link shown)",
    explanation: "A statement is grounded when it cites a defined source, or when one of its reasons has all its statements grounded (an `assumption` is always grounded, visibly). Every claim, premise or objection that is not is reported; the diagnostic follows the first reason down to the first link of the chain that fails, labels it, and says what would ground it.",
    why: "ICD 203 requires analysis to describe the quality of its sources and to distinguish information from assumptions and judgements; ICD 206 requires each judgement to be traceable to its sources. A statement with no chain down to a cited source or an explicit `assumption` is a bare assertion: a reader cannot tell what it rests on, and neither can argcheck, so it gets no ceiling and no origins.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  because: logistics\npremise logistics \"Its supply lines run through Pakistan.\"   # no cite, no reason\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  because: logistics\npremise logistics \"Its supply lines run through Pakistan.\"\n  cite: ap 2\n",
};

use super::Context;
use crate::diagnostic::{Diagnostic, Loc};
use crate::graph::{StmtId, StmtKind};

/// Why the chain under a statement fails, at its first broken link.
#[derive(Clone)]
enum Break {
    /// A statement with no citation and no reason.
    Bare(StmtId),
    /// An evidence without citation.
    Uncited(StmtId),
    /// Its citations all name undefined sources.
    UnknownSources(StmtId),
    /// Its citations are all of retracted sources (void).
    Retracted(StmtId),
    /// A reason names something undefined (or not a statement).
    Unresolved(StmtId, Loc),
    /// The chain comes back to a statement already on it.
    Circle(StmtId),
    /// An evidence or assumption whose `because:` does not count.
    Other(StmtId),
}

/// One step down the chain: the first reason's first ungrounded statement,
/// or why the chain ends here.
fn step(cx: &Context, cur: StmtId) -> Result<StmtId, Break> {
    let st = &cx.graph.statements[cur];
    if let Some(r) = st.reasons.first() {
        if !r.complete {
            return Err(Break::Unresolved(cur, r.loc.clone()));
        }
        return match r.members.iter().find(|(m, _)| !cx.facts.grounded(*m)) {
            Some(&(m, _)) => Ok(m),
            None => Err(Break::Other(cur)),
        };
    }
    let retracted = |c: &crate::graph::Citation| cx.graph.sources[c.source].retracted.is_some();
    Err(if !st.cites.is_empty() && st.cites.iter().all(retracted) {
        Break::Retracted(cur)
    } else if st.has_cite_attr {
        Break::UnknownSources(cur)
    } else if st.kind == StmtKind::Evidence {
        Break::Uncited(cur)
    } else if st.kind.takes_reasons() {
        Break::Bare(cur)
    } else {
        Break::Other(cur)
    })
}

/// Where the chain under each statement breaks, and how many links down.
/// Walks share their results, so all of them together are linear in the
/// graph (a chain of 50,000 ungrounded premises is walked once, not 50,000
/// times).
struct Breaks {
    memo: Vec<Option<(Break, usize)>>,
}

impl Breaks {
    fn of(&mut self, cx: &Context, s: StmtId) -> (Break, usize) {
        if let Some(known) = &self.memo[s] {
            return known.clone();
        }
        // The statements walked whose results are new, and their positions.
        let mut path: Vec<StmtId> = Vec::new();
        let mut at: std::collections::HashMap<StmtId, usize> = std::collections::HashMap::new();
        let mut cur = s;
        loop {
            if let Some((b, d)) = self.memo[cur].clone() {
                // Known below: each new statement is one more link up.
                for (i, &p) in path.iter().rev().enumerate() {
                    self.memo[p] = Some((b.clone(), d + 1 + i));
                }
                break;
            }
            at.insert(cur, path.len());
            path.push(cur);
            match step(cx, cur) {
                Err(b) => {
                    for (i, &p) in path.iter().rev().enumerate() {
                        self.memo[p] = Some((b.clone(), i));
                    }
                    break;
                }
                Ok(m) => match at.get(&m) {
                    Some(&k) => {
                        // A circle: its members each come back to themselves
                        // after `len` links; the statements above it reach
                        // it first.
                        let len = path.len() - k;
                        for &p in &path[k..] {
                            self.memo[p] = Some((Break::Circle(p), len));
                        }
                        for (i, &p) in path[..k].iter().enumerate() {
                            self.memo[p] = Some((Break::Circle(m), (k - i) + len));
                        }
                        break;
                    }
                    None => cur = m,
                },
            }
        }
        self.memo[s].clone().unwrap_or((Break::Other(s), 0))
    }
}

/// At most this many links of a chain are named in a message.
const MAX_LINKS: usize = 3;

/// Why a statement is not grounded, at the first broken link of its
/// chain: shared by `unsupported-claim` and `unmet-expectation`.
pub struct Why {
    breaks: Breaks,
}

/// The explanation of one ungrounded statement.
pub struct Explained {
    /// "it rests on `b`, which has no citation and no reason".
    pub what: String,
    /// Where the chain breaks.
    pub at: Loc,
    /// What would ground it.
    pub help: String,
}

impl Why {
    /// A walker for the statements of `cx` (walks share their results).
    pub fn new(cx: &Context) -> Why {
        Why {
            breaks: Breaks {
                memo: vec![None; cx.graph.statements.len()],
            },
        }
    }

    /// Why `s` (not grounded) is not grounded.
    pub fn explain(&mut self, cx: &Context, s: StmtId) -> Explained {
        let breaks = &mut self.breaks;
        let (brk, depth) = breaks.of(cx, s);
        // The links to name: every distinct statement down to the break (a
        // circle stops before its repeat), at most MAX_LINKS of them.
        let circle = matches!(brk, Break::Circle(_));
        let full = if circle { depth.saturating_sub(1) } else { depth };
        let mut links = Vec::new();
        let mut cur = s;
        while links.len() < full.min(MAX_LINKS) {
            match step(cx, cur) {
                Ok(m) => {
                    links.push(m);
                    cur = m;
                }
                Err(_) => break,
            }
        }
        let end = match &brk {
            Break::Bare(b)
            | Break::Uncited(b)
            | Break::UnknownSources(b)
            | Break::Retracted(b)
            | Break::Other(b)
            | Break::Circle(b) => *b,
            Break::Unresolved(b, _) => *b,
        };
        let mut chain = String::new();
        for (i, m) in links.iter().enumerate() {
            if i == 0 {
                chain.push_str(&format!("it rests on {}", cx.stmt(*m)));
            } else {
                chain.push_str(&format!(", which rests on {}", cx.stmt(*m)));
            }
        }
        if full > links.len() {
            if circle {
                chain.push_str(&format!(", and so on for {full} links"));
            } else {
                chain.push_str(&format!(", and so on for {full} links down to {}", cx.stmt(end)));
            }
        }
        let direct = depth == 0;
        let (what, at, help) = match &brk {
            Break::Bare(b) => (
                if direct {
                    "it has no citation and no reason"
                } else {
                    "which has no citation and no reason"
                }
                .to_string(),
                cx.graph.statements[*b].loc.clone(),
                format!(
                    "add `cite: SOURCE` to {}, or a `because:` whose statements are all grounded",
                    cx.stmt(*b)
                ),
            ),
            Break::Uncited(b) => (
                "an evidence with no citation".to_string(),
                cx.graph.statements[*b].loc.clone(),
                format!("add `cite: SOURCE` to {}", cx.stmt(*b)),
            ),
            Break::UnknownSources(b) => (
                if direct {
                    "its citations name no defined source"
                } else {
                    "whose citations name no defined source"
                }
                .to_string(),
                cx.graph.statements[*b].loc.clone(),
                format!("define the sources {} cites, or cite defined ones", cx.stmt(*b)),
            ),
            Break::Retracted(b) => {
                let st = &cx.graph.statements[*b];
                let first = &st.cites[0];
                let src = &cx.graph.sources[first.source];
                let when = src
                    .retracted
                    .as_ref()
                    .map_or(String::new(), |r| format!(" on {}", r.date));
                (
                    if direct {
                        "its citations are all of retracted sources, which count for nothing"
                    } else {
                        "whose citations are all of retracted sources, which count for nothing"
                    }
                    .to_string(),
                    first.loc.clone(),
                    format!(
                        "{} was retracted{when}; cite a source that still stands, or withdraw {}",
                        cx.src(first.source),
                        cx.stmt(*b)
                    ),
                )
            }
            Break::Unresolved(b, loc) => (
                if direct {
                    "its reason names something that is not a defined statement"
                } else {
                    "whose reason names something that is not a defined statement"
                }
                .to_string(),
                loc.clone(),
                format!(
                    "fix the `because:` of {} so that it names defined statements, or add `cite: SOURCE`",
                    cx.stmt(*b)
                ),
            ),
            Break::Circle(b) => (
                format!(
                    "and the chain comes back to {}: support in a circle grounds nothing",
                    cx.stmt(*b)
                ),
                cx.graph.statements[*b].loc.clone(),
                "support from outside the circle (a citation, or a grounded reason) would ground it".to_string(),
            ),
            Break::Other(b) => (
                "which is not grounded".to_string(),
                cx.graph.statements[*b].loc.clone(),
                format!("ground {} with a citation", cx.stmt(*b)),
            ),
        };
        let what = if direct { what } else { format!("{chain}, {what}") };
        Explained { what, at, help }
    }
}

/// Every claim, premise and objection that is not grounded, with the first
/// broken link of its chain.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut why = Why::new(cx);
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if !st.kind.takes_reasons() || cx.facts.grounded(s) {
            continue;
        }
        let kind = st.kind.as_str();
        let Explained { what, at, help } = why.explain(cx, s);
        let message = format!("{kind} {} is not grounded: {what}", cx.stmt(s));
        let mut d = Diagnostic::new(&RULE, st.loc.clone(), message, "not grounded").with_help(help);
        if at != st.loc {
            d = d.with_label(at, "the chain breaks here");
        }
        out.push(d);
    }
}
