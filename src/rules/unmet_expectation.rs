//! The `unmet-expectation` rule: an `expect:` fact does not hold.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unmet-expectation`.
pub static RULE: Rule = Rule {
    name: "unmet-expectation",
    default: Severity::Error,
    summary: "an `expect:` fact does not hold (the message says what holds instead, the help why)",
    explanation: "`expect:` lists facts the analyst asserts of a statement: `grounded` or `ungrounded`; `in`, `out` or `undec` (its standing, under the semantics of the run); or an estimative term its ceiling must reach (`likely` holds when the ceiling is `likely` or above; an ungrounded statement reaches none). Each fact is checked on every run. When one fails, the message says what holds instead and the help names the cause: the link that caps the ceiling, the first missing ground, or the attacker that defeats the statement.",
    why: "ICD 203 asks analysts to say how confident they are and to keep judgements consistent with their evidence; Carneades pins expected labels in its argument files for the same reason. A key judgement is usually knocked down by an edit elsewhere (a source downgraded, an objection added, a premise removed), not by an edit to the judgement itself. Pinning `expect: in, likely` on it makes CI fail at that moment, with the reason, instead of months later in print.",
    example: "source partaw \"Murid Partaw\"\n  reliability: C\nsource army \"Pakistan Army\"\n  reliability: D\nclaim isk-base-in-pakistan \"IS Khorasan's core support base lies in Pakistan.\"\n  confidence: likely\n  cite: partaw 3\n  expect: in, likely\nobjection base-in-afghanistan \"Afghanistan unleashed IS Khorasan.\"\n  cite: army 2\n  attacks: isk-base-in-pakistan\n",
    fix: "source partaw \"Murid Partaw\"\n  reliability: C\nsource army \"Pakistan Army\"\n  reliability: D\nsource ap \"Associated Press\"\n  reliability: A\nclaim isk-base-in-pakistan \"IS Khorasan's core support base lies in Pakistan.\"\n  confidence: likely\n  cite: partaw 3\n  expect: in, likely\nobjection base-in-afghanistan \"Afghanistan unleashed IS Khorasan.\"\n  cite: army 2\n  attacks: isk-base-in-pakistan\nevidence strikes-in-pakistan \"The February 2017 attacks struck inside Pakistan.\"\n  cite: ap 2\n  attacks: base-in-afghanistan    # answers the objection\n",
};

use super::defeated_claim::{attacker_of, Descent};
use super::overclaimed_confidence::weakest_link;
use super::unsupported_claim::Why;
use super::Context;
use crate::analysis::dung::Label;
use crate::analysis::support::Via;
use crate::diagnostic::Diagnostic;
use crate::graph::{Fact, StmtId};

/// Every `expect:` fact that does not hold.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let f = cx.facts;
    // The walkers hold one entry per statement: made only when a fact
    // fails (most runs pin nothing, or pin what holds).
    let mut why: Option<Why> = None;
    let mut out_descent: Option<Descent> = None;
    let mut undec_descent: Option<Descent> = None;
    for (s, st) in cx.graph.statements.iter().enumerate() {
        for (fact, at) in &st.expect {
            let name = cx.stmt(s);
            let d = match *fact {
                Fact::Grounded | Fact::AtLeast(_) if !f.grounded(s) => {
                    let e = why.get_or_insert_with(|| Why::new(cx)).explain(cx, s);
                    let asked = match fact {
                        Fact::AtLeast(t) => format!("at least `{t}`"),
                        _ => "`grounded`".to_string(),
                    };
                    let mut d = Diagnostic::new(
                        &RULE,
                        at.clone(),
                        format!("{name}: expected {asked}, but it is not grounded: {}", e.what),
                        "expected here",
                    )
                    .with_help(e.help);
                    if e.at != *at {
                        d = d.with_label(e.at, "the chain breaks here");
                    }
                    d
                }
                Fact::Grounded => continue,
                Fact::Ungrounded if f.grounded(s) => {
                    let how = match f.ceilings.via[s] {
                        Via::Reason { .. } => "by a reason whose statements are all grounded",
                        _ => "by its own citations",
                    };
                    Diagnostic::new(
                        &RULE,
                        at.clone(),
                        format!("{name}: expected `ungrounded`, but it is grounded {how}"),
                        "expected here",
                    )
                    .with_label(st.loc.clone(), "grounded")
                    .with_help("remove the support, or the expectation if the statement is now meant to be grounded")
                }
                Fact::Ungrounded => continue,
                Fact::AtLeast(t) => {
                    let Some(ceiling) = f.ceiling(s) else { continue };
                    if ceiling >= t {
                        continue;
                    }
                    let (link, link_loc) = weakest_link(cx, s);
                    let mut d = Diagnostic::new(
                        &RULE,
                        at.clone(),
                        format!("{name}: expected at least `{t}`, but its ceiling is `{ceiling}`"),
                        "expected here",
                    )
                    .with_help(format!(
                        "the weakest link is {link}; strengthen or corroborate it, or expect no more than `{ceiling}`"
                    ));
                    if link_loc != *at {
                        d = d.with_label(link_loc, format!("caps the support at `{ceiling}`"));
                    }
                    d
                }
                Fact::In | Fact::Out | Fact::Undec => {
                    let want = match fact {
                        Fact::In => Label::In,
                        Fact::Out => Label::Out,
                        _ => Label::Undec,
                    };
                    let have = f.standing[s];
                    if have == want {
                        continue;
                    }
                    let (cause, label_at) = match have {
                        Label::Out => {
                            let d = out_descent.get_or_insert_with(|| Descent::new(cx, Label::Out));
                            attacker(cx, s, d.end(cx, s), Label::In, "defeats")
                        }
                        Label::Undec => {
                            let d = undec_descent.get_or_insert_with(|| Descent::new(cx, Label::Undec));
                            attacker(cx, s, d.end(cx, s), Label::Undec, "contests")
                        }
                        Label::In => ("nothing defeats it".to_string(), None),
                    };
                    let mut d = Diagnostic::new(
                        &RULE,
                        at.clone(),
                        format!(
                            "{name}: expected `{}`, but its standing is `{}`: {cause}",
                            want.as_str(),
                            have.as_str()
                        ),
                        "expected here",
                    );
                    if let Some((l, msg)) = label_at {
                        d = d.with_label(l, msg);
                    }
                    d.with_help(match have {
                        Label::In => format!(
                            "{name} is accepted: add the objection that defeats it, or change the expectation"
                        ),
                        _ => "answer the attacker with a grounded statement that attacks it, or support the statement by a reason it does not defeat".to_string(),
                    })
                }
            };
            out.push(d);
        }
    }
}

/// The attacker that gives `s` its standing: an attacker of `victim` (the
/// statement the defeat comes from, `s` itself or a link of its support)
/// labelled `by`. Returns the sentence and a label at the attack.
fn attacker(
    cx: &Context,
    s: StmtId,
    victim: StmtId,
    by: Label,
    verb: &str,
) -> (String, Option<(crate::diagnostic::Loc, String)>) {
    let Some((a, at)) = attacker_of(cx, victim, by) else {
        return (format!("{} is not accepted", cx.stmt(victim)), None);
    };
    let sentence = if victim == s {
        format!("{} {verb} it", cx.stmt(a))
    } else {
        format!("it rests on {}, which {} {verb}", cx.stmt(victim), cx.stmt(a))
    };
    (
        sentence,
        Some((at, format!("{} attacks {}", cx.stmt(a), cx.stmt(victim)))),
    )
}
