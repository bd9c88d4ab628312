//! The `unused-source` rule: a source is never cited, named by `by`, or derived from.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unused-source`.
pub static RULE: Rule = Rule {
    name: "unused-source",
    default: Severity::Warning,
    summary: "a source is never cited, named by `by`, or derived from",
    explanation: "A source that no statement cites, names with `by:`, and no source is `derived-from`, is reported at its definition.",
    why: "ICD 206 asks for source references that match what the judgements actually rely on. A source nothing uses means a citation was forgotten, or leaves clutter that makes the analysis look better sourced than it is.",
    example: "source ap \"Associated Press\"\n  reliability: A\nsource reuters \"Reuters\"\n  reliability: A\nevidence withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nsource reuters \"Reuters\"\n  reliability: A\nevidence withdrawn \"Both sides withdrew their artillery.\"\n  cite: ap 2\n  cite: reuters 2\n",
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
