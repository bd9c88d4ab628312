//! The `invalid-value` rule: a bad reliability letter, credibility digit, confidence term or date; an unknown or repeated key; a reference of the wrong kind; a `derived-from` cycle; a bad `argcheck.yaml` value.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `invalid-value`.
pub static RULE: Rule = Rule {
    name: "invalid-value",
    default: Severity::Error,
    summary: "a bad reliability letter, credibility digit, confidence term or date; an unknown or repeated key; a reference of the wrong kind; a `derived-from` cycle; a bad `argcheck.yaml` value",
    explanation: "Values are checked against the scales of LANGUAGE.md: reliability `A`-`F`, credibility `1`-`6`, the seven ICD 203 terms, real calendar dates `YYYY-MM-DD`. Each item takes a fixed set of keys; only `because`, `cite`, `attacks`, `derived-from`, `rates` and `allow` may be repeated. An `expect:` fact that is unknown or contradicts an earlier one, a `rates:` rating that is not `CC`, `C`, `N`, `I`, `II` or `NA`, a rated answer that is not a claim answering a question, an answer rated twice in one row, and a question with fewer than two answers are invalid values too. A reference of the wrong kind (a source after `because:`), a `derived-from` cycle and a bad `argcheck.yaml` value are reported here too.",
    why: "The grades mean something only on the standard's own scales: STANAG 2511 (the Admiralty code) rates source reliability `A`-`F` and information credibility `1`-`6`, and ICD 203 fixes seven estimative terms, each with its probability range. A value off those scales (`G`, `probable`) is not a weaker or a stronger grade, it is no grade, and any ceiling computed from it would be a guess.",
    example: "source blog \"A personal blog\"\n  reliability: G     # reliability is A-F\n",
    fix: "source blog \"A personal blog\"\n  reliability: E\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;

/// At most this many sources of a cycle are named and labelled (a
/// 20,000-source cycle once made a 189 KB message).
const MAX_SHOWN: usize = 8;

/// The analysis part of `invalid-value`: `derived-from` cycles (the other
/// cases are found while resolving names and values).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for cycle in &cx.facts.source_origins.cycles {
        let Some(&first) = cycle.first() else { continue };
        // Membership by hash, so labelling stays linear on a long cycle.
        let members: rustc_hash::FxHashSet<usize> = cycle.iter().copied().collect();
        let inside = |p: &usize| members.contains(p);
        let back = |s: usize| cx.graph.sources[s].derived_from.iter().find(|(p, _)| inside(p));
        let Some((_, loc)) = back(first) else {
            continue;
        };
        let shown = cycle.len().min(MAX_SHOWN);
        let mut names: Vec<String> = cycle[..shown].iter().map(|s| cx.src(*s)).collect();
        if cycle.len() > shown {
            names.push(format!("and {} more", cycle.len() - shown));
        }
        let mut d = Diagnostic::new(
            &RULE,
            loc.clone(),
            format!("`derived-from` cycle: {}", names.join(", ")),
            "derived-from loops back here",
        )
        .with_help("a source cannot (indirectly) derive from itself; remove one `derived-from` of the cycle");
        for &s in &cycle[1..shown] {
            if let Some((_, l)) = back(s) {
                d = d.with_label(l.clone(), format!("{} derives from here", cx.src(s)));
            }
        }
        out.push(d);
    }
}
