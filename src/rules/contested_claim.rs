//! The `contested-claim` rule: a claim's standing is `undec`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `contested-claim`.
pub static RULE: Rule = Rule {
    name: "contested-claim",
    default: Severity::Warning,
    summary: "a claim's standing is `undec`",
    explanation: "A claim whose standing is `undec` is reported: neither accepted nor defeated, because a cycle of attacks (`a` attacks `b`, `b` attacks `a`) leaves it, or a premise it rests on, open. The diagnostic names that cycle and labels its attacks.",
    why: "Under Dung's grounded semantics (1995) arguments that attack each other in a cycle are *undecided*: nothing in the analysis settles which side wins, and everything they attack stays open with them. A key judgement the analysis itself leaves undecided should say so; ICD 203 asks that uncertainty and disagreement be stated, and resolved by evidence rather than left implicit.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\nobjection shelling \"Shelling resumed on Tuesday.\"\n  cite: ap 3\n  attacks: ceasefire, misfire\nobjection misfire \"Tuesday's shot was a single misfire.\"\n  cite: ap 3\n  attacks: shelling\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\nobjection shelling \"Shelling resumed on Tuesday.\"\n  cite: ap 3\n  attacks: ceasefire    # it does not contradict the misfire report\nobjection misfire \"Tuesday's shot was a single misfire.\"\n  cite: ap 3\n  attacks: shelling\n",
};

use super::Context;
use crate::analysis::dung::{Label, UndecCycles};
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;
/// At most this many statements of a cycle are named and labelled.
const MAX_SHOWN: usize = 8;

/// Every claim whose standing is `undec`, with the cycle of attacks that
/// leaves it open.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let f = cx.facts;
    let mut descent = super::defeated_claim::Descent::new(cx, Label::Undec);
    let mut cycles = UndecCycles::new(cx.graph.statements.len());
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || f.standing[s] != Label::Undec {
            continue;
        }
        let open = descent.end(cx, s);
        let cycle: Vec<usize> = cycles
            .find(&f.attacks, &f.labels, open as u32)
            .iter()
            .map(|c| *c as usize)
            .collect();
        // A long cycle is named by its first few statements: one diagnostic
        // per contested claim must stay small, or output grows with
        // claims × cycle length.
        let shown = cycle.len().min(MAX_SHOWN);
        let mut names: Vec<String> = cycle[..shown].iter().map(|c| cx.stmt(*c)).collect();
        if cycle.len() > shown {
            names.push(format!("… ({} statements in all)", cycle.len()));
        }
        if let Some(first) = names.first().cloned() {
            names.push(first);
        }
        let via = if open == s {
            String::new()
        } else {
            format!(" it rests on {}, and", cx.stmt(open))
        };
        let message = if cycle.is_empty() {
            format!("claim {} is contested: its attackers are undecided", cx.stmt(s))
        } else {
            format!(
                "claim {} is contested:{via} the attacks {} leave it undecided",
                cx.stmt(s),
                names.join(" → ")
            )
        };
        let mut d = Diagnostic::new(&RULE, st.loc.clone(), message, "undecided");
        if open != s {
            d = d.with_label(cx.graph.statements[open].loc.clone(), "undecided premise");
        }
        for (i, &c) in cycle.iter().enumerate().take(shown) {
            let target = cycle[(i + 1) % cycle.len()];
            if let Some((_, l)) = cx.graph.statements[c].attacks.iter().find(|(t, _)| *t == target) {
                d = d.with_label(l.clone(), format!("{} attacks {}", cx.stmt(c), cx.stmt(target)));
            }
        }
        d = d.with_help(
            "break the cycle: ground a statement that defeats one side, or drop an attack that does not hold",
        );
        out.push(d);
    }
}
