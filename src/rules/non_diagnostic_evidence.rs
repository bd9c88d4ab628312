//! The `non-diagnostic-evidence` rule: a row cannot tell its question's
//! answers apart.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `non-diagnostic-evidence`.
pub static RULE: Rule = Rule {
    name: "non-diagnostic-evidence",
    default: Severity::Info,
    summary: "a row is not diagnostic for a question: it cannot tell its answers apart, so it should not be cited as support for one of them",
    explanation: "A row of a question's matrix is diagnostic when its ratings of the question's answers, leaving out `NA`, are not all the same; a row with at most one such rating is not. The diagnostic is at the row's first `rates:` value for that question, shows its ratings answer by answer, and labels the question.",
    why: "Diagnosticity is the heart of Heuer's Analysis of Competing Hypotheses (*Psychology of Intelligence Analysis*, ch. 8, steps 3 and 4): evidence consistent with every hypothesis has no diagnostic value, however compelling it feels, and analysts routinely count it as support for the answer they already favour. Such a row can stay in the matrix as context, but it proves nothing about the question; ICD 203 asks that judgements rest on what actually distinguishes the alternatives.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence attacks \"Militants attacked in Pakistan.\"\n  cite: ap 2\n  rates: in-pakistan C, in-afghanistan C   # fits both\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence raids \"Raids in Afghanistan found no camps.\"\n  cite: ap 2\n  rates: in-pakistan C, in-afghanistan I   # tells them apart\n",
};

use super::{listed, Context};
use crate::diagnostic::Diagnostic;
use crate::graph::Rating;

/// Every row whose ratings, leaving out `NA`, are all the same.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (m, q) in cx.matrices() {
        for row in &m.rows {
            if row.diagnostic {
                continue;
            }
            let shown = listed(
                row.ratings
                    .iter()
                    .map(|(c, r)| format!("{} {}", cx.stmt(m.answers[*c].claim), r.as_str()))
                    .collect::<Vec<_>>()
                    .into_iter(),
                8,
            );
            let applicable = row.ratings.iter().filter(|(_, r)| *r != Rating::NotApplicable).count();
            let why = if applicable <= 1 {
                format!("{applicable} rating apart from NA")
            } else {
                "the same rating for every answer it applies to".to_string()
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    cx.row_loc(row),
                    format!(
                        "{} cannot tell the answers of question {} apart: {} ({})",
                        cx.stmt(row.stmt),
                        cx.question(q),
                        shown,
                        why
                    ),
                    "not diagnostic",
                )
                .with_label(q.loc.clone(), "the question")
                .with_help(
                    "evidence that fits every answer equally proves none of them: do not cite it as support for one answer; find evidence that is inconsistent with some",
                ),
            );
        }
    }
}
