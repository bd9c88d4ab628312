//! The `single-source` rule: a grounded claim's origins are exactly one source (name it).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `single-source`.
pub static RULE: Rule = Rule {
    name: "single-source",
    default: Severity::Warning,
    summary: "a grounded claim's origins are exactly one source (name it)",
    explanation: "However many statements lie between them, a grounded claim whose every citation traces back to one origin (following `derived-from` to its roots) has one source. The diagnostic names that origin and labels its definition.",
    why: "Corroboration is the backbone of source evaluation: STANAG 2511 gives its best credibility grade to information *confirmed by other independent sources*, and ICD 206's source summary statements set out the strengths and weaknesses of the sourcing behind key judgements. A single-source claim stands or falls with that source; Heuer warns that analysts give a single vivid report more weight than it deserves. Make the dependence visible, or corroborate.",
    example: "source partaw \"Murid Partaw, former Afghan representative to US CENTCOM\"\n  reliability: B\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  cite: partaw 3\n",
    fix: "source partaw \"Murid Partaw, former Afghan representative to US CENTCOM\"\n  reliability: B\nsource ap \"Associated Press\"\n  reliability: A\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  cite: partaw 3\n  cite: ap 3         # an independent origin\n",
};

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::graph::StmtKind;

/// Every grounded claim whose origins are exactly one source.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim || !cx.facts.grounded(s) {
            continue;
        }
        let origins = &cx.facts.origins[s];
        if origins.len() != 1 {
            continue;
        }
        let o = origins[0];
        let src = &cx.graph.sources[o];
        out.push(
            Diagnostic::new(
                &RULE,
                st.loc.clone(),
                format!("claim {} rests on a single source: {}", cx.stmt(s), cx.src(o)),
                format!("every citation under it traces back to {}", cx.src(o)),
            )
            .with_label(src.loc.clone(), "the only origin")
            .with_help(format!(
                "corroborate it with a source independent of {} (not derived from it)",
                cx.src(o)
            )),
        );
    }
}
