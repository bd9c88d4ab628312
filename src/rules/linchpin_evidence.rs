//! The `linchpin-evidence` rule: a row is a linchpin of a question.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `linchpin-evidence`.
pub static RULE: Rule = Rule {
    name: "linchpin-evidence",
    default: Severity::Info,
    summary: "a row is a linchpin of a question: the conclusion turns on it alone, so it deserves the closest scrutiny",
    explanation: "A row of a question's matrix is a linchpin when deleting all its ratings changes the set of least inconsistent answers. The diagnostic is at the row's first `rates:` value for that question, labels the question, and shows the row's weight, what it adds to each answer's score (weight × inconsistency: `I` 1, `II` 2), and the least inconsistent answers with and without it.",
    why: "Heuer's Analysis of Competing Hypotheses (*Psychology of Intelligence Analysis*, ch. 8, step 6) asks the analyst to analyse how sensitive the conclusion is to a few critical items of evidence, and to check them for deception, misreading or a weak source: if the judgement turns on one report, that report deserves the most scrutiny. ICD 203 asks that the assumptions and evidence a judgement depends on be identified. This rule finds those items.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence raids \"Raids in Afghanistan found no camps.\"\n  cite: ap 2\n  rates: in-pakistan C, in-afghanistan I   # the only evidence against\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nsource un \"UN monitoring team\"\n  reliability: B\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 3\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\nevidence raids \"Raids in Afghanistan found no camps.\"\n  cite: ap 2\n  rates: in-pakistan C, in-afghanistan I\nevidence monitors \"UN monitors found its recruits come from Pakistan.\"\n  cite: un 2\n  rates: in-pakistan C, in-afghanistan I   # a second, independent row\n",
};

use super::Context;
use crate::analysis::ach::{inconsistency, Halves};
use crate::diagnostic::Diagnostic;

/// Every row whose deletion changes the least inconsistent answers.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (m, q) in cx.matrices() {
        let mut with: Vec<String> = m
            .least_inconsistent()
            .take(8)
            .map(|c| cx.stmt(m.answers[c].claim))
            .collect();
        if m.least_count > with.len() {
            with.push(format!("and {} more", m.least_count - with.len()));
        }
        let with = with.join(", ");
        for row in m.rows.iter().filter(|r| r.linchpin) {
            // Only what the row changes: the answers it raises and the new
            // lowest score (never a pass over every answer per row).
            let without = m.least_without(row, 8);
            let mut after: Vec<String> = without.first.iter().map(|&c| cx.stmt(m.answers[c].claim)).collect();
            if without.count > after.len() {
                after.push(format!("and {} more", without.count - after.len()));
            }
            let mut adds = Vec::new();
            let mut moved = Vec::new();
            let mut raised = 0;
            for &(c, r) in &row.ratings {
                let add = row.weight.0 * inconsistency(r);
                if add == 0 {
                    continue;
                }
                let a = &m.answers[c];
                raised += 1;
                if adds.len() < 8 {
                    adds.push(format!(
                        "{} to {} ({} × {})",
                        Halves(add),
                        cx.stmt(a.claim),
                        row.weight,
                        inconsistency(r)
                    ));
                    moved.push(format!(
                        "{} {} → {}",
                        cx.stmt(a.claim),
                        a.score,
                        Halves(a.score.0 - add)
                    ));
                }
            }
            if raised > adds.len() {
                let more = format!("and {} more", raised - adds.len());
                adds.push(more.clone());
                moved.push(more);
            }
            let ceiling = row
                .ceiling
                .map_or("none: not grounded".to_string(), |t| format!("`{t}`"));
            out.push(
                Diagnostic::new(
                    &RULE,
                    cx.row_loc(row),
                    format!(
                        "question {} turns on {}: the least inconsistent answers are {} with it, {} without it",
                        cx.question(q),
                        cx.stmt(row.stmt),
                        with,
                        after.join(", ")
                    ),
                    format!("weight {} (ceiling {}) adds {}", row.weight, ceiling, adds.join(", ")),
                )
                .with_label(q.loc.clone(), "the question")
                .with_help(format!(
                    "without it: {}; the lowest score {} → {}. Check this row's sources and ratings first, or find more evidence that tells the answers apart",
                    moved.join(", "),
                    m.least_score,
                    without.score
                )),
            );
        }
    }
}
