//! The `uncited-evidence` rule: an evidence has no citation.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `uncited-evidence`.
pub static RULE: Rule = Rule {
    name: "uncited-evidence",
    default: Severity::Error,
    summary: "an evidence has no citation",
    explanation: "Evidence rests on its citations; without a `cite:` it is an assertion in disguise.",
    example: "evidence e \"Something happened\"\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every evidence without a `cite:`.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for st in &cx.graph.statements {
        if st.kind == StmtKind::Evidence && !st.has_cite_attr {
            out.push(
                Diagnostic::new(&RULE, st.loc.clone(), format!("evidence `{}` has no citation", st.name), "no `cite:`")
                    .with_help("add `cite: SOURCE [1-6]` naming where this comes from, or make it a `premise` supported by reasons"),
            );
        }
    }
}
