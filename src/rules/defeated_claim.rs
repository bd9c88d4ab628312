//! The `defeated-claim` rule: a claim's standing is `out`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `defeated-claim`.
pub static RULE: Rule = Rule {
    name: "defeated-claim",
    default: Severity::Warning,
    summary: "a claim's standing is `out`",
    explanation: "Attacks from grounded statements are labelled with Dung's grounded semantics (or `--semantics preferred`), and defeat travels up support chains: a claim resting on a defeated premise is itself defeated. A claim whose standing is `out` is reported; the diagnostic labels the `in` attacker that defeats it, or the defeated premise it rests on.",
    why: "Dung's abstract argumentation (1995) gives attacks a precise meaning: under grounded semantics an argument is `out` when an accepted (`in`) argument attacks it. A claim that the analysis's own objections defeat is refuted on the page. ICD 203 asks analysis to weigh contrary information and alternatives; such a claim must be withdrawn, or its attacker answered with grounded evidence.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 3\nobjection shelling \"Shelling resumed on Tuesday.\"\n  cite: ap 2\n  attacks: ceasefire\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 3\nobjection shelling \"Shelling resumed on Tuesday.\"\n  cite: ap 2\n  attacks: ceasefire\nevidence misfire \"Both sides called Tuesday's shot a single misfire.\"\n  cite: ap 2\n  attacks: shelling     # answers the objection\n",
};

use super::Context;
use crate::analysis::dung::Label;
use crate::diagnostic::Diagnostic;
use crate::graph::{StmtId, StmtKind};

/// Follows a standing down support chains: from a statement whose standing
/// is `label`, through a grounding reason holding a statement of that
/// standing, to one whose own label is `label` (the defeated or undecided
/// statement that explains it). Walks share their results, so all of them
/// together are linear in the graph.
pub struct Descent {
    label: Label,
    memo: Vec<Option<StmtId>>,
}

impl Descent {
    /// A descent for statements of standing `label`.
    pub fn new(cx: &Context, label: Label) -> Descent {
        Descent {
            label,
            memo: vec![None; cx.graph.statements.len()],
        }
    }

    /// Where the walk from `s` ends.
    pub fn end(&mut self, cx: &Context, s: StmtId) -> StmtId {
        let f = cx.facts;
        let mut path = Vec::new();
        let mut on_path = std::collections::HashSet::new();
        let mut cur = s;
        let end = loop {
            if let Some(e) = self.memo[cur] {
                break e;
            }
            path.push(cur);
            on_path.insert(cur);
            if f.labels[cur] == self.label {
                break cur;
            }
            let next = cx.graph.statements[cur]
                .reasons
                .iter()
                .filter(|r| r.complete && r.members.iter().all(|(m, _)| f.grounded(*m)))
                .find_map(|r| {
                    r.members
                        .iter()
                        .map(|(m, _)| *m)
                        .find(|m| f.standing[*m] == self.label && !on_path.contains(m))
                });
            match next {
                Some(m) => cur = m,
                None => break cur,
            }
        };
        for p in path {
            self.memo[p] = Some(end);
        }
        end
    }
}

/// The attacker that gives `victim` its label: the first attacker labelled
/// `by` (else the first attacker), and where it names `victim`. Shared with
/// `unmet-expectation`.
pub fn attacker_of(cx: &Context, victim: StmtId, by: Label) -> Option<(StmtId, crate::diagnostic::Loc)> {
    let f = cx.facts;
    let attackers = f.attacks.attackers(victim as u32);
    let a = attackers
        .iter()
        .copied()
        .find(|a| f.labels[*a as usize] == by)
        .or(attackers.first().copied())? as usize;
    let st = &cx.graph.statements[a];
    let at = st
        .attacks
        .iter()
        .find(|(t, _)| *t == victim)
        .map_or_else(|| st.loc.clone(), |(_, l)| l.clone());
    Some((a, at))
}

/// Every claim whose standing is `out`.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let f = cx.facts;
    let mut descent = Descent::new(cx, Label::Out);
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || f.standing[s] != Label::Out {
            continue;
        }
        let victim = descent.end(cx, s);
        let attacker = attacker_of(cx, victim, Label::In).map(|(a, _)| a);
        let by = attacker.map_or_else(
            || "an accepted attacker".to_string(),
            |a| format!("{}, labelled `{}`,", cx.stmt(a), f.labels[a].as_str()),
        );
        let message = if victim == s {
            format!("claim {} is defeated: {by} attacks it", cx.stmt(s))
        } else {
            format!(
                "claim {} is defeated: it rests on {}, which {by} defeats",
                cx.stmt(s),
                cx.stmt(victim)
            )
        };
        let mut d = Diagnostic::new(&RULE, st.loc.clone(), message, "defeated");
        if victim != s {
            d = d.with_label(cx.graph.statements[victim].loc.clone(), "defeated premise");
        }
        if let Some((a, at)) = attacker_of(cx, victim, Label::In) {
            d = d.with_label(
                at,
                format!("{} ({}) attacks {}", cx.stmt(a), f.labels[a].as_str(), cx.stmt(victim)),
            );
        }
        d = d.with_help(format!(
            "answer {} with a grounded statement that attacks it, support {} by a reason it does not defeat, or withdraw the claim",
            attacker.map_or_else(|| "the attacker".to_string(), |a| cx.stmt(a)),
            cx.stmt(victim)
        ));
        out.push(d);
    }
}
