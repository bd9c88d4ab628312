//! The `incoherent-confidence` rule: the declared confidences of a
//! question's answers add up to more than 100 %.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `incoherent-confidence`.
pub static RULE: Rule = Rule {
    name: "incoherent-confidence",
    default: Severity::Warning,
    summary: "the declared confidences of a question's answers are incoherent (their lower bounds add up to more than 100 %)",
    explanation: "The answers of a question are meant to be mutually exclusive, so at most one is true and their probabilities add up to at most 100 %. Each declared `confidence` is an ICD 203 range (`likely` is 55-80 %); when the lower bounds of the answers' ranges add up to more than 100 %, no probabilities within the declared ranges can be coherent. The diagnostic is at the question's id, gives the sum, and labels each answer's `confidence` with its lower bound.",
    why: "ICD 203 ties each estimative term to a range of probabilities so that readers can hold analysts to them; two mutually exclusive answers both `likely` (55 % + 55 %) cannot both be meant. Heuer's Analysis of Competing Hypotheses (*Psychology of Intelligence Analysis*, ch. 8, step 7) asks the analyst to report the relative likelihood of all the hypotheses, not only the favoured one; the declared likelihoods must then form one coherent picture.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: likely\n  cite: ap 2\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim in-pakistan \"The base is in Pakistan.\"\n  confidence: likely\n  cite: ap 2\nclaim in-afghanistan \"The base is in Afghanistan.\"\n  confidence: unlikely\n  cite: ap 2\nquestion where \"Where is the base?\"\n  answers: in-pakistan, in-afghanistan\n",
};

use super::{listed, Context};
use crate::diagnostic::Diagnostic;

/// Every question whose answers' declared lower bounds exceed 100 %.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (m, q) in cx.matrices() {
        if !m.incoherent() {
            continue;
        }
        let declared: Vec<_> = m
            .answers
            .iter()
            .filter_map(|a| Some((a.claim, cx.graph.statements[a.claim].confidence.clone()?)))
            .collect();
        let terms = listed(
            declared
                .iter()
                .map(|(s, (t, _))| format!("{} `{}` {} %", cx.stmt(*s), t, t.percent().0))
                .collect::<Vec<_>>()
                .into_iter(),
            8,
        );
        let mut d = Diagnostic::new(
            &RULE,
            q.loc.clone(),
            format!(
                "the declared confidences of the answers of question {} add up to at least {} % ({})",
                cx.question(q),
                m.declared_lower_sum,
                terms
            ),
            format!("at least {} % in all", m.declared_lower_sum),
        );
        for (_, (t, loc)) in declared.iter().take(8) {
            d = d.with_label(loc.clone(), format!("`{}`: at least {} %", t, t.percent().0));
        }
        out.push(d.with_help(
            "the answers of a question are mutually exclusive, so their probabilities add up to at most 100 %: lower the confidence of some of them",
        ));
    }
}
