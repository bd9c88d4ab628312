//! The `unsupported-claim` rule: a claim, premise or objection is not grounded (the first missing link shown).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unsupported-claim`.
pub static RULE: Rule = Rule {
    name: "unsupported-claim",
    default: Severity::Error,
    summary: "a claim, premise or objection is not grounded (the first missing link shown)",
    explanation: "A statement is grounded when it cites a defined source, or when one of its reasons has all its statements grounded. The diagnostic labels the statement and the first link of the chain that fails, and says what would ground it.",
    example: "claim c \"C\"\n  because: p\npremise p \"P\"      # no cite, no reason: nothing holds `c` up\n",
};

use super::Context;
use crate::diagnostic::{Diagnostic, Loc};
use crate::graph::{StmtId, StmtKind};

/// Why the chain under a statement fails, at its first broken link.
enum Break {
    /// A statement with no citation and no reason.
    Bare(StmtId),
    /// An evidence without citation.
    Uncited(StmtId),
    /// Its citations all name undefined sources.
    UnknownSources(StmtId),
    /// A reason names something undefined.
    Unresolved(StmtId, Loc),
    /// The chain comes back to a statement already on it.
    Circle(StmtId),
    /// An evidence or assumption whose `because:` does not count.
    Other(StmtId),
}

/// Follows the first reason and its first ungrounded statement down to
/// where the chain breaks. Iterative; stops at the first repeat.
fn first_break(cx: &Context, s: StmtId) -> (Vec<StmtId>, Break) {
    let g = cx.graph;
    let mut path = vec![s];
    let mut seen = std::collections::HashSet::from([s]);
    let mut cur = s;
    loop {
        let st = &g.statements[cur];
        if let Some(r) = st.reasons.first() {
            if !r.complete {
                return (path, Break::Unresolved(cur, r.loc.clone()));
            }
            let Some(&(m, _)) = r.members.iter().find(|(m, _)| !cx.facts.grounded(*m)) else {
                return (path, Break::Other(cur));
            };
            if !seen.insert(m) {
                return (path, Break::Circle(m));
            }
            path.push(m);
            cur = m;
            continue;
        }
        return (
            path,
            if st.has_cite_attr {
                Break::UnknownSources(cur)
            } else if st.kind == StmtKind::Evidence {
                Break::Uncited(cur)
            } else if st.kind.takes_reasons() {
                Break::Bare(cur)
            } else {
                Break::Other(cur)
            },
        );
    }
}

/// Every claim, premise and objection that is not grounded, with the first
/// broken link of its chain.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if !st.kind.takes_reasons() || cx.facts.grounded(s) {
            continue;
        }
        let kind = st.kind.as_str();
        let (path, brk) = first_break(cx, s);
        let mut chain = String::new();
        for (i, m) in path[1..].iter().enumerate() {
            if i == 0 {
                chain.push_str(&format!("it rests on {}", cx.stmt(*m)));
            } else {
                chain.push_str(&format!(", which rests on {}", cx.stmt(*m)));
            }
        }
        let direct = path.len() == 1;
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
            Break::Unresolved(b, loc) => (
                if direct {
                    "its reason names something undefined"
                } else {
                    "whose reason names something undefined"
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
        let message = if direct {
            format!("{kind} {} is not grounded: {what}", cx.stmt(s))
        } else {
            format!("{kind} {} is not grounded: {chain}, {what}", cx.stmt(s))
        };
        let mut d = Diagnostic::new(&RULE, st.loc.clone(), message, "not grounded").with_help(help);
        if at != st.loc {
            d = d.with_label(at, "the chain breaks here");
        }
        out.push(d);
    }
}
