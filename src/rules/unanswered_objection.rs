//! The `unanswered-objection` rule: a grounded objection labelled `in` attacks a claim or premise.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unanswered-objection`.
pub static RULE: Rule = Rule {
    name: "unanswered-objection",
    default: Severity::Warning,
    summary: "a grounded objection labelled `in` attacks a claim or premise",
    explanation: "Nothing attacks the objection, or everything that does is defeated: the analysis leaves it standing. Answer it with a grounded statement that `attacks:` it.",
    example: "objection o \"O\"\n  cite: ap 2\n  attacks: c\n",
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
