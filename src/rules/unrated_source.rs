//! The `unrated-source` rule: a cited source has no `reliability`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unrated-source`.
pub static RULE: Rule = Rule {
    name: "unrated-source",
    default: Severity::Warning,
    summary: "a cited source has no `reliability`",
    explanation: "An unrated source caps nothing, so every claim resting on it looks as strong as its other links allow. Rate it (`F` if it cannot be judged).",
    example: "source s \"S\"\n  kind: blog\n",
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
