//! The `uncited-evidence` rule: an evidence has no citation.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `uncited-evidence`.
pub static RULE: Rule = Rule {
    name: "uncited-evidence",
    default: Severity::Error,
    summary: "an evidence has no citation",
    explanation: "An `evidence` without any `cite:` line is reported (a citation of a retracted or undefined source still counts as a citation here; `unsupported-claim` and `unknown-reference` say what is wrong with it).",
    why: "Evidence is by definition what a source reported: ICD 206 requires source references for the information a judgement relies on, and STANAG 2511 rates that information's credibility per report. Evidence with no citation is an assertion dressed as fact. Name where it comes from, with a credibility digit, or make it a `premise` and give it reasons.",
    example: "evidence withdrawal \"Both sides withdrew their artillery.\"\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nevidence withdrawal \"Both sides withdrew their artillery.\"\n  cite: ap 2\n",
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
