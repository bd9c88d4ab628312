//! The `single-source` rule: a grounded claim's origins are exactly one source (name it).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `single-source`.
pub static RULE: Rule = Rule {
    name: "single-source",
    default: Severity::Warning,
    summary: "a grounded claim's origins are exactly one source (name it)",
    explanation: "However many statements lie between them, a claim whose every citation traces back to one origin has one source.",
    example: "claim c \"C\"\n  cite: partaw 3\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every grounded claim whose origins are exactly one source.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || !cx.facts.grounded(s) {
            continue;
        }
        let origins = &cx.facts.origins[s];
        if origins.len() != 1 {
            continue;
        }
        let o = origins[0];
        let src = &cx.graph.sources[o];
        out.push(
            Diagnostic::new(
                &RULE,
                st.loc.clone(),
                format!("claim {} rests on a single source: {}", cx.stmt(s), cx.src(o)),
                format!("every citation under it traces back to {}", cx.src(o)),
            )
            .with_label(src.loc.clone(), "the only origin")
            .with_help(format!(
                "corroborate it with a source independent of {} (not derived from it)",
                cx.src(o)
            )),
        );
    }
}
