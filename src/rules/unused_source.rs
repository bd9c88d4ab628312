//! The `unused-source` rule: a source is never cited, named by `by`, or derived from.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unused-source`.
pub static RULE: Rule = Rule {
    name: "unused-source",
    default: Severity::Warning,
    summary: "a source is never cited, named by `by`, or derived from",
    explanation: "A source no statement uses is either a forgotten citation or clutter in the registry.",
    example: "source s \"S\"\n  reliability: B\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;

/// Every source never cited, named by `by`, or derived from.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; cx.graph.sources.len()];
    for st in &cx.graph.statements {
        for c in &st.cites {
            used[c.source] = true;
        }
        if let Some(b) = st.by {
            used[b] = true;
        }
    }
    for src in &cx.graph.sources {
        for (p, _) in &src.derived_from {
            used[*p] = true;
        }
    }
    for (i, src) in cx.graph.sources.iter().enumerate() {
        if !used[i] {
            out.push(
                Diagnostic::new(
                    &RULE,
                    src.loc.clone(),
                    format!("source {} is never used", cx.src(i)),
                    "never cited, named by `by`, or derived from",
                )
                .with_help(format!("cite it (`cite: {}`), or remove it", src.name)),
            );
        }
    }
}
