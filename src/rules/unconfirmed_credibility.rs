//! The `unconfirmed-credibility` rule: a citation is rated `1` (*confirmed by other sources*) but nothing independent confirms it.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unconfirmed-credibility`.
pub static RULE: Rule = Rule {
    name: "unconfirmed-credibility",
    default: Severity::Warning,
    summary: "a citation is rated `1` (*confirmed by other sources*, STANAG 2511) but the statement has no other citation whose origins are independent of its origins",
    explanation: "Credibility `1` is a claim about other sources: the information is confirmed by them. The rule looks at the statement's other citations and asks whether one of them has origins (the roots of its `derived-from` chain) that do not meet the rated citation's origins. A source derived from the rated one, or from the same origin, does not count: it repeats, it does not confirm. The fix lowers the digit to `2` (*probably true*).",
    why: "STANAG 2511 (the Admiralty grading) defines credibility 1 as *confirmed by other sources*; ICD 206 asks that sourcing be described as it is. A `1` that no independent citation backs is the circular-reporting failure in miniature: the confirmation is written down, but it is the same report heard twice, or no second report at all. Either rate what the source alone supports, or cite the independent confirmation that justifies the `1`.",
    example: "source fpj \"Foreign Policy Journal\"\n  reliability: C\nsource indianspice \"IndianSpice (blog)\"\n  reliability: E\n  derived-from: fpj\nevidence joint-operations \"Joint US-Afghan operations attacked IS Khorasan.\"\n  cite: fpj 1\n  cite: indianspice 2    # derived from fpj: it repeats, it does not confirm\n",
    fix: "source fpj \"Foreign Policy Journal\"\n  reliability: C\nsource indianspice \"IndianSpice (blog)\"\n  reliability: E\n  derived-from: fpj\nevidence joint-operations \"Joint US-Afghan operations attacked IS Khorasan.\"\n  cite: fpj 2\n  cite: indianspice 2\n",
};

use super::Context;
use crate::analysis::origins::shared;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// Every citation rated `1` whose statement has no other citation from
/// an independent origin.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let of = &cx.facts.source_origins.of;
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if !st.cites.iter().any(|c| c.credibility == Some(0)) {
            continue;
        }
        // The distinct sources cited, so that repeats cost nothing.
        // A citation of a retracted source confirms nothing.
        let mut sources: Vec<usize> = st
            .cites
            .iter()
            .map(|c| c.source)
            .filter(|&x| cx.graph.sources[x].retracted.is_none())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let mut reported = Vec::new();
        for c in st.cites.iter().filter(|c| c.credibility == Some(0)) {
            if reported.contains(&c.source) {
                continue;
            }
            let mine = &of[c.source][..];
            let independent = sources.iter().any(|&o| o != c.source && shared(mine, &of[o]).is_none());
            if independent {
                continue;
            }
            reported.push(c.source);
            // What the other citations are, when there are some.
            let repeats: Vec<String> = sources
                .iter()
                .filter(|&&o| o != c.source)
                .take(3)
                .map(|&o| cx.src(o))
                .collect();
            let at = c.credibility_loc().unwrap_or_else(|| c.loc.clone());
            let origin_names: Vec<String> = mine.iter().take(3).map(|&o| cx.src(o)).collect();
            let message = if repeats.is_empty() {
                format!(
                    "{} rates {} `1` (confirmed by other sources), but cites no other source",
                    cx.stmt(s),
                    cx.src(c.source)
                )
            } else {
                format!(
                    "{} rates {} `1` (confirmed by other sources), but its other citations share the origin {}",
                    cx.stmt(s),
                    cx.src(c.source),
                    origin_names.join(", ")
                )
            };
            let mut d = Diagnostic::new(&RULE, at.clone(), message, "rated `1`: confirmed by other sources");
            let help = if repeats.is_empty() {
                format!(
                    "rate it `2` (probably true), or cite the independent source that confirms it (one whose origins are not {})",
                    origin_names.join(", ")
                )
            } else {
                format!(
                    "{} share{} its origin, so {} not confirm it; rate it `2` (probably true), or cite a source independent of {}",
                    repeats.join(", "),
                    if repeats.len() == 1 { "s" } else { "" },
                    if repeats.len() == 1 { "it does" } else { "they do" },
                    origin_names.join(", ")
                )
            };
            d = d.with_help(help);
            if let Some(l) = &c.credibility_loc() {
                d = d.with_fix(Fix {
                    title: format!("rate `{}` `2` (probably true)", cx.graph.sources[c.source].name),
                    edits: vec![Edit {
                        loc: l.clone(),
                        replacement: "2".into(),
                    }],
                    safe: false,
                });
            }
            out.push(d);
        }
    }
}
