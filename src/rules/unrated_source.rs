//! The `unrated-source` rule: a cited source has no `reliability`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unrated-source`.
pub static RULE: Rule = Rule {
    name: "unrated-source",
    default: Severity::Warning,
    summary: "a cited source has no `reliability`",
    explanation: "A source that some statement cites but that has no `reliability:` line is reported at its definition, with the first citation labelled (an invalid letter is an `invalid-value` instead).",
    why: "STANAG 2511 (the Admiralty code) grades every source's reliability from `A` (completely reliable) to `E` (unreliable), with `F` when it cannot be judged, and ICD 203 asks products to describe the quality and credibility of their sources. An unrated source caps nothing here, so every claim resting on it looks as strong as its other links allow: the missing grade silently flatters the analysis. Rate it, `F` if nothing better can be said.",
    example: "source blog \"A personal blog\"\n  kind: blog\nevidence resigned \"The minister resigned.\"\n  cite: blog 3\n",
    fix: "source blog \"A personal blog\"\n  kind: blog\n  reliability: E\nevidence resigned \"The minister resigned.\"\n  cite: blog 3\n",
};

use super::Context;
use crate::diagnostic::{Diagnostic, Loc};

/// Every cited source without a `reliability:` line (an invalid letter is
/// an `invalid-value` instead).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut first_cite: Vec<Option<Loc>> = vec![None; cx.graph.sources.len()];
    for st in &cx.graph.statements {
        for c in &st.cites {
            if first_cite[c.source].is_none() {
                first_cite[c.source] = Some(c.loc.clone());
            }
        }
    }
    for (i, src) in cx.graph.sources.iter().enumerate() {
        let Some(cited) = &first_cite[i] else { continue };
        if src.has_reliability_attr {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                src.loc.clone(),
                format!("source {} is cited but has no reliability", cx.src(i)),
                "no `reliability:`",
            )
            .with_label(cited.clone(), "cited here")
            .with_help("rate it with `reliability: A`-`F` (`F` if it cannot be judged); unrated, it caps nothing"),
        );
    }
}
