//! The `circular-reporting` rule: a statement's citations come from different sources that share an origin, so they look like corroboration but are not.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `circular-reporting`.
pub static RULE: Rule = Rule {
    name: "circular-reporting",
    default: Severity::Warning,
    summary: "a statement's citations come from different sources that share an origin, so they look like corroboration but are not",
    explanation: "A source `derived-from` another republishes or relies on it, so the two share an origin. A statement citing two different sources that share an origin is reported (once, at the first such pair); the diagnostic labels both citations and names the shared origin and the `derived-from` path.",
    why: "Circular reporting is one report reaching the analyst through several channels and being counted as several confirmations. STANAG 2511's credibility `1` means *confirmed by other independent sources*, and ICD 206 asks products to say how their sources relate to one another. A blog relaying a journal is not a second witness; citing both only looks like corroboration.",
    example: "source fpj \"Foreign Policy Journal\"\n  reliability: C\nsource indianspice \"IndianSpice (blog)\"\n  reliability: E\n  derived-from: fpj\nevidence few-takers \"Its Takfiri ideology finds few takers.\"\n  cite: fpj 3\n  cite: indianspice 3   # relays fpj\n",
    fix: "source fpj \"Foreign Policy Journal\"\n  reliability: C\nsource ap \"Associated Press\"\n  reliability: A\nevidence few-takers \"Its Takfiri ideology finds few takers.\"\n  cite: fpj 3\n  cite: ap 3            # an independent origin\n",
};

use super::Context;
use crate::analysis::origins::derivation_path;
use crate::diagnostic::Diagnostic;

/// Sources of a derived-from path named in full; a longer one is named by
/// its first few and its origin.
const MAX_PATH: usize = 6;

/// Every statement citing two different sources that share an origin (the
/// first such pair per statement).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let g = cx.graph;
    let of = &cx.facts.source_origins.of;
    for (s, st) in g.statements.iter().enumerate() {
        // The first citation to reach each origin; a later citation of a
        // different source reaching the same origin makes the pair. Linear in
        // citations x origins (no pairwise comparison).
        let mut first: rustc_hash::FxHashMap<usize, &crate::graph::Citation> = rustc_hash::FxHashMap::default();
        let mut found = None;
        'cites: for b in &st.cites {
            for &o in of[b.source].iter() {
                match first.get(&o) {
                    Some(a) if a.source != b.source => {
                        found = Some((*a, b, o));
                        break 'cites;
                    }
                    Some(_) => {}
                    None => {
                        first.insert(o, b);
                    }
                }
            }
        }
        let Some((a, b, o)) = found else { continue };
        let path = |x: usize| -> String {
            // A long derived-from chain is named by its ends: one
            // diagnostic per citing statement must not carry the chain.
            let p = derivation_path(g, x, o);
            if p.len() <= MAX_PATH {
                return p.iter().map(|s| cx.src(*s)).collect::<Vec<_>>().join(" → ");
            }
            let head: Vec<String> = p[..MAX_PATH - 1].iter().map(|s| cx.src(*s)).collect();
            let last = p.last().map_or(String::new(), |s| cx.src(*s));
            format!("{} → … ({} sources in all) → {last}", head.join(" → "), p.len())
        };
        let mut paths = Vec::new();
        for x in [a.source, b.source] {
            if x != o {
                paths.push(format!("{} (derived-from)", path(x)));
            }
        }
        out.push(
            Diagnostic::new(
                &RULE,
                b.loc.clone(),
                format!(
                    "{} cites {} and {}, which share the origin {}: this is not corroboration",
                    cx.stmt(s),
                    cx.src(a.source),
                    cx.src(b.source),
                    cx.src(o)
                ),
                format!("cites {}", cx.src(b.source)),
            )
            .with_label(a.loc.clone(), format!("cites {}", cx.src(a.source)))
            .with_help(format!(
                "{}; cite the origin once, or find a source independent of {}",
                paths.join(", "),
                cx.src(o)
            )),
        );
    }
}
