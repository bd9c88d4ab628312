//! The `circular-support` rule: `because` edges form a cycle (the whole cycle shown).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `circular-support`.
pub static RULE: Rule = Rule {
    name: "circular-support",
    default: Severity::Error,
    summary: "`because` edges form a cycle (the whole cycle shown)",
    explanation: "A statement that rests, through any chain of `because`, on itself is reported once per cycle. Every edge of the cycle is labelled (of a long cycle, the first few). Such a cycle grounds nothing by itself: it counts only where something outside it grounds one of its members.",
    why: "Circular reasoning (begging the question): a conclusion offered in support of itself adds no evidence, however long the loop. ICD 203 asks for clear and logical argumentation that distinguishes underlying information from judgement; a support cycle hides that nothing outside the loop holds it up.",
    example: "premise strong-economy \"The economy is strong.\"\n  because: confident-consumers\npremise confident-consumers \"Consumers are confident.\"\n  because: strong-economy\n",
    fix: "source survey \"Consumer confidence survey, March\"\n  reliability: B\npremise strong-economy \"The economy is strong.\"\n  because: confident-consumers\nevidence confident-consumers \"Consumers are confident.\"\n  cite: survey 2     # grounded outside the loop\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;

/// At most this many statements of a cycle are named and labelled: one
/// diagnostic must stay small however long the cycle (a 100,000-statement
/// cycle once made a 1.1 MB message with 100,001 labels).
const MAX_SHOWN: usize = 8;

/// One diagnostic per cycle of `because` edges; short cycles have every
/// edge labelled, long ones their first `MAX_SHOWN` edges.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for cycle in &cx.facts.support_cycles {
        let Some(first) = cycle.first() else { continue };
        let shown = cycle.len().min(MAX_SHOWN);
        let mut chain: Vec<String> = cycle[..shown].iter().map(|e| cx.stmt(e.from)).collect();
        if cycle.len() > shown {
            chain.push(format!("… ({} statements in all)", cycle.len()));
        }
        chain.push(cx.stmt(first.from));
        let start = &cx.graph.statements[first.from];
        let mut d = Diagnostic::new(&RULE, start.loc.clone(), format!("circular support: {}", chain.join(" → ")), "this statement rests on itself")
            .with_help("support that runs in a circle grounds nothing: give one of these statements a citation or a reason from outside the cycle, and drop the `because` that closes it");
        for e in &cycle[..shown] {
            d = d.with_label(e.loc.clone(), format!("{} rests on {}", cx.stmt(e.from), cx.stmt(e.to)));
        }
        out.push(d);
    }
}
