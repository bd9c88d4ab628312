//! The `rests-on-assumption` rule: a grounded claim has no origin: all its grounding runs through assumptions.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `rests-on-assumption`.
pub static RULE: Rule = Rule {
    name: "rests-on-assumption",
    default: Severity::Info,
    summary: "a grounded claim has no origin: all its grounding runs through assumptions",
    explanation:
        "Assumptions are accepted on purpose; a claim that rests on nothing else has no source at all, and says so.",
    example: "assumption a \"A\"\nclaim c \"C\"\n  because: a\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every grounded claim whose origins are empty.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || !cx.facts.grounded(s) || !cx.facts.origins[s].is_empty() {
            continue;
        }
        let mut d = Diagnostic::new(
            &RULE,
            st.loc.clone(),
            format!("claim {} rests only on assumptions", cx.stmt(s)),
            "no source under this claim",
        )
        .with_help("all its grounding runs through assumptions; cite a source to give it an origin");
        // Follow the chain that grounds it down to an assumption.
        let cur = cx.facts.ceilings.bottom(s);
        if cur != s && cx.graph.statements[cur].kind == StmtKind::Assumption {
            d = d.with_label(cx.graph.statements[cur].loc.clone(), "assumed here");
        }
        out.push(d);
    }
}
