//! The `inconsistent-judgement` rule: the answer declared most likely is
//! not among the least inconsistent.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `inconsistent-judgement`.
pub static RULE: Rule = Rule {
    name: "inconsistent-judgement",
    default: Severity::Warning,
    summary: "the answer declared more likely than every other answer of its question is not among the least inconsistent answers (scores shown)",
    explanation: "The answer declared most likely is the one whose `confidence` is strictly above every other answer's declared confidence (an answer without a `confidence` declares nothing). Each answer's score is the sum, over the rows that rate it, of the row's weight (2 for a ceiling of `very-likely` or above, 1 for `likely` or `even-chance`, 0.5 below, 0 when not grounded) times the rating's inconsistency (`I` 1, `II` 2, anything else 0). When the declared answer's score is not the lowest, the diagnostic is at its `confidence`, shows every answer's score, and labels the least inconsistent answers in the question.",
    why: "Heuer's Analysis of Competing Hypotheses (*Psychology of Intelligence Analysis*, ch. 8, step 5) refutes rather than confirms: the most likely hypothesis is the one with the least evidence against it, not the most evidence for it, because consistent evidence is usually consistent with several answers. A judgement that favours an answer the evidence counts against more heavily is either resting on something the matrix does not show (write it down) or on the confirmation bias ACH exists to catch. ICD 203 asks that confidence be consistent with the evidence and the analysis of alternatives.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 3\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence recruits \"Its recruits are arrested in Afghanistan.\"\n  cite: ap 2\n  rates: in-pakistan II, in-afghanistan C\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: unlikely\n  cite: ap 3\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: likely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence recruits \"Its recruits are arrested in Afghanistan.\"\n  cite: ap 2\n  rates: in-pakistan II, in-afghanistan C\n",
};

use super::{listed, Context};
use crate::diagnostic::Diagnostic;

/// Every question whose answer declared most likely scores above the
/// lowest.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (m, q) in cx.matrices() {
        let Some(c) = m.declared_most_likely else { continue };
        let a = &m.answers[c];
        if a.least_inconsistent {
            continue;
        }
        let Some((term, loc)) = cx.graph.statements[a.claim].confidence.clone() else {
            continue;
        };
        let scores = listed(
            m.answers
                .iter()
                .map(|x| format!("{} {}", cx.stmt(x.claim), x.score))
                .collect::<Vec<_>>()
                .into_iter(),
            8,
        );
        let mut d = Diagnostic::new(
            &RULE,
            loc,
            format!(
                "{} is declared the most likely answer of question {} (`{}`), but it scores {} against {} for the least inconsistent (scores: {})",
                cx.stmt(a.claim),
                cx.question(q),
                term,
                a.score,
                m.least_score,
                scores
            ),
            format!("declared `{term}`, above every other answer"),
        );
        let least: Vec<usize> = m.least_inconsistent().collect();
        for &l in least.iter().take(8) {
            if let Some((_, at)) = q.answers.get(l) {
                d = d.with_label(at.clone(), format!("least inconsistent: scores {}", m.answers[l].score));
            }
        }
        out.push(d.with_help(format!(
            "a score is the sum of weight × inconsistency over the rows (weight 2, 1, 0.5 or 0 from the row's ceiling; I 1, II 2): `argcheck ach` shows the matrix. Lower the confidence in {}, or revisit the ratings that count against it",
            cx.stmt(a.claim)
        )));
    }
}
