//! The `orphan-statement` rule: a premise or evidence supports nothing and attacks nothing.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `orphan-statement`.
pub static RULE: Rule = Rule {
    name: "orphan-statement",
    default: Severity::Warning,
    summary: "a premise or evidence supports nothing, attacks nothing and rates nothing",
    explanation: "A `premise` or `evidence` that no `because:` names, that attacks nothing and that rates no answer of a question (`rates:`) is reported.",
    why: "Every premise and piece of evidence should bear on a judgement: ICD 203 asks for clear and logical argumentation, and Heuer stresses that evidence is worth what it says about the hypotheses (its diagnostic value). A statement nothing uses is either a forgotten `because:` (a judgement missing part of its support) or dead text that readers will wrongly assume carries weight.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\nevidence withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2          # no `because:` names it\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  because: withdrawn\nevidence withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every premise and evidence that no `because:` names and that attacks
/// nothing.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut named = vec![false; cx.graph.statements.len()];
    for st in &cx.graph.statements {
        for r in &st.reasons {
            for (m, _) in &r.members {
                named[*m] = true;
            }
        }
    }
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if !matches!(st.kind, StmtKind::Premise | StmtKind::Evidence)
            || named[s]
            || !st.attacks.is_empty()
            || !st.rates.is_empty()
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                st.loc.clone(),
                format!(
                    "{} {} supports nothing and attacks nothing",
                    st.kind.as_str(),
                    cx.stmt(s)
                ),
                "nothing uses this",
            )
            .with_help("name it in the `because:` of the statement it supports, or remove it"),
        );
    }
}
