//! The `unrated-answer` rule: a statement rates some answers of a question
//! but not all of them.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unrated-answer`.
pub static RULE: Rule = Rule {
    name: "unrated-answer",
    default: Severity::Warning,
    summary: "a statement rates some answers of a question but not all of them (write `NA` where a rating does not apply)",
    explanation: "A statement that rates one answer of a `question` is a row of its matrix, and a row must rate every answer: `CC`, `C`, `N`, `I`, `II`, or `NA` where the evidence does not apply. The diagnostic is at the row's first `rates:` value for that question, names the answers it leaves out and counts them, and labels the question.",
    why: "Heuer's Analysis of Competing Hypotheses (*Psychology of Intelligence Analysis*, ch. 8, step 3) works across the matrix: each piece of evidence is assessed against every hypothesis in turn, because evidence that seems to fit one hypothesis is often just as consistent with the others. A blank cell hides that question; an explicit `NA` answers it. ICD 203 asks that analysis consider alternatives, not only the favoured answer.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence raids \"Raids in Afghanistan found no camps.\"\n  cite: ap 2\n  rates: in-pakistan C          # in-afghanistan is not rated\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence raids \"Raids in Afghanistan found no camps.\"\n  cite: ap 2\n  rates: in-pakistan C, in-afghanistan I\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;

/// Every row that leaves some answer of its question unrated.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (m, q) in cx.matrices() {
        let n = m.answers.len();
        for row in &m.rows {
            if row.ratings.len() >= n {
                continue;
            }
            // The first eight unrated answers, found in as many steps as the
            // row has ratings (plus eight): never a walk over every answer.
            let unrated = n - row.ratings.len();
            let mut first: Vec<String> = (0..n)
                .filter(|c| row.rating(*c).is_none())
                .take(8)
                .map(|c| cx.stmt(m.answers[c].claim))
                .collect();
            if unrated > first.len() {
                first.push(format!("and {} more", unrated - first.len()));
            }
            let names = first.join(", ");
            out.push(
                Diagnostic::new(
                    &RULE,
                    cx.row_loc(row),
                    format!(
                        "{} rates {} of the {} answers of question {}: not {}",
                        cx.stmt(row.stmt),
                        row.ratings.len(),
                        n,
                        cx.question(q),
                        names
                    ),
                    format!("{} of {} answers rated", row.ratings.len(), n),
                )
                .with_label(q.loc.clone(), format!("{n} answers"))
                .with_help(format!(
                    "rate {names} too: CC, C, N, I, II, or NA where this statement does not apply"
                )),
            );
        }
    }
}
