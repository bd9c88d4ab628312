//! The `missing-confidence` rule: a claim has no `confidence`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `missing-confidence`.
pub static RULE: Rule = Rule {
    name: "missing-confidence",
    default: Severity::Warning,
    summary: "a claim has no `confidence`",
    explanation: "A conclusion without an estimative term cannot be checked against its support. Add `confidence:` with an ICD 203 term.",
    example: "claim c \"C\"\n  cite: ap 2\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every claim without a `confidence:` line (an invalid term is an
/// `invalid-value` instead).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || st.has_confidence_attr {
            continue;
        }
        let help = match cx.facts.ceiling(s) {
            Some(c) => format!("add `confidence:` with an ICD 203 term; its support allows up to `{c}`"),
            None => "add `confidence:` with an ICD 203 term (almost-no-chance … almost-certain)".to_string(),
        };
        out.push(
            Diagnostic::new(
                &RULE,
                st.loc.clone(),
                format!("claim {} has no confidence", cx.stmt(s)),
                "no `confidence:`",
            )
            .with_help(help),
        );
    }
}
