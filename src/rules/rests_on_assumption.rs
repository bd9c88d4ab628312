//! The `rests-on-assumption` rule: a grounded claim has no origin: all its grounding runs through assumptions.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `rests-on-assumption`.
pub static RULE: Rule = Rule {
    name: "rests-on-assumption",
    default: Severity::Info,
    summary: "a grounded claim has no origin: all its grounding runs through assumptions",
    explanation: "A grounded claim with no origin is reported: every chain that grounds it runs through `assumption`s, so no source lies under it. The assumption the grounding reaches is labelled.",
    why: "ICD 203 requires analysis to distinguish underlying information from assumptions and judgements and to state key assumptions explicitly; the key assumptions check of structured analysis (Heuer and Pherson) asks which judgements would fall if an assumption failed. A claim resting only on assumptions is allowed (an assumption is visible and capped at `even-chance`), but the reader should see that no source stands under it.",
    example: "assumption rational \"The government acts rationally.\"\nclaim no-escalation \"The government will not escalate.\"\n  confidence: even-chance\n  because: rational\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nassumption rational \"The government acts rationally.\"\nclaim no-escalation \"The government will not escalate.\"\n  confidence: even-chance\n  because: rational\n  cite: ap 3            # a source under the claim\n",
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
