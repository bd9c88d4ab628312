//! The `unanswered-objection` rule: a grounded objection labelled `in` attacks a claim or premise.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unanswered-objection`.
pub static RULE: Rule = Rule {
    name: "unanswered-objection",
    default: Severity::Warning,
    summary: "a grounded objection labelled `in` attacks a claim or premise",
    explanation: "A grounded `objection` labelled `in` (nothing attacks it, or everything that does is defeated) that attacks a claim or premise is reported, with each attacked statement labelled.",
    why: "ICD 203 requires analysis to consider alternative explanations and information that contradicts its judgements; Heuer's Analysis of Competing Hypotheses works by looking for evidence against each hypothesis rather than for it. An objection the analysis grounds and then leaves standing is contrary evidence it has not dealt with: answer it with a grounded statement that `attacks:` it, or revise what it attacks.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  because: withdrawn\npremise withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2\nobjection guns-seen \"Artillery was seen near the line on Tuesday.\"\n  cite: ap 3\n  attacks: withdrawn\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  because: withdrawn\npremise withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2\nobjection guns-seen \"Artillery was seen near the line on Tuesday.\"\n  cite: ap 3\n  attacks: withdrawn\nevidence convoy \"The guns seen were a UN convoy's.\"\n  cite: ap 2\n  attacks: guns-seen    # answers the objection\n",
};

use super::Context;
use crate::analysis::dung::Label;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// At most this many attacked statements are named and labelled.
const MAX_SHOWN: usize = 8;

/// Every grounded objection labelled `in` that attacks a claim or premise.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let f = cx.facts;
    let g = cx.graph;
    for (s, st) in g.statements.iter().enumerate() {
        if st.kind != StmtKind::Objection || !f.grounded(s) || f.labels[s] != Label::In {
            continue;
        }
        let targets: Vec<_> = st
            .attacks
            .iter()
            .filter(|(t, _)| matches!(g.statements[*t].kind, StmtKind::Claim | StmtKind::Premise))
            .collect();
        if targets.is_empty() {
            continue;
        }
        // An objection attacking thousands of statements is one small
        // diagnostic: the first few named and labelled, the rest counted.
        let shown = targets.len().min(MAX_SHOWN);
        let mut names: Vec<String> = targets[..shown].iter().map(|(t, _)| cx.stmt(*t)).collect();
        if targets.len() > shown {
            names.push(format!("and {} more", targets.len() - shown));
        }
        let mut d = Diagnostic::new(
            &RULE,
            st.loc.clone(),
            format!(
                "objection {} is unanswered: nothing defeats it, and it attacks {}",
                cx.stmt(s),
                names.join(", ")
            ),
            "unanswered objection",
        );
        for (t, l) in &targets[..shown] {
            d = d.with_label(
                l.clone(),
                format!("attacks {} {}", g.statements[*t].kind.as_str(), cx.stmt(*t)),
            );
        }
        d = d.with_help(format!(
            "answer it with a grounded statement that has `attacks: {}`, or revise what it attacks",
            st.name
        ));
        out.push(d);
    }
}
