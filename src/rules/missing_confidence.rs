//! The `missing-confidence` rule: a claim has no `confidence`.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `missing-confidence`.
pub static RULE: Rule = Rule {
    name: "missing-confidence",
    default: Severity::Warning,
    summary: "a claim has no `confidence`",
    explanation: "A claim without a `confidence:` line is reported (an invalid term is an `invalid-value` instead). When the claim is grounded, the help gives the highest term its support allows.",
    why: "ICD 203 requires analytic products to express uncertainty in estimative language, with fixed terms and probability ranges from *almost no chance* (1-5 %) to *almost certain* (95-99 %). A conclusion with no term cannot be compared with the strength of its support, so neither the reader nor `overclaimed-confidence` can tell whether it says too much.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  cite: ap 2\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\n",
};

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::graph::StmtKind;

/// Every claim without a `confidence:` line (an invalid term is an
/// `invalid-value` instead).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || st.has_confidence_attr {
            continue;
        }
        let help = match cx.facts.ceiling(s) {
            Some(c) => format!("add `confidence:` with an ICD 203 term; its support allows up to `{c}`"),
            None => "add `confidence:` with an ICD 203 term (almost-no-chance … almost-certain)".to_string(),
        };
        let mut d = Diagnostic::new(
            &RULE,
            st.loc.clone(),
            format!("claim {} has no confidence", cx.stmt(s)),
            "no `confidence:`",
        )
        .with_help(help);
        if let Some(c) = cx.facts.ceiling(s) {
            // A line `  confidence: CEILING` after the item's last line.
            let text = &cx.ws.files[st.loc.file].text;
            let from = st.item.span.end.min(text.len());
            let eol = text[from..].find(['\n', '\r']).map_or(text.len(), |i| from + i);
            let nl = if text[eol..].starts_with("\r\n") { "\r\n" } else { "\n" };
            if cx.ws.files[st.loc.file].kind == crate::graph::FileKind::Arg {
                d = d.with_fix(Fix {
                    title: format!("declare `confidence: {c}` (the ceiling of its support)"),
                    edits: vec![Edit {
                        loc: crate::diagnostic::Loc::new(st.loc.file, eol..eol),
                        replacement: format!("{nl}  confidence: {c}"),
                    }],
                    safe: true,
                });
            }
        }
        out.push(d);
    }
}
