//! The `overclaimed-confidence` rule: a grounded statement's `confidence` is above its ceiling.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `overclaimed-confidence`.
pub static RULE: Rule = Rule {
    name: "overclaimed-confidence",
    default: Severity::Warning,
    summary: "a grounded statement's `confidence` is above its ceiling",
    explanation: "The ceiling is how strong the support can be, on the ICD 203 scale: a citation is capped by its source's reliability and its credibility digit (the lower of the two), a reason by its weakest statement; corroboration by two independent origins raises a statement's own ceiling one step, and an assumption is capped at `even-chance`. A grounded statement whose `confidence` is above its ceiling is reported at the `confidence:` line; the help names the weakest link that caps it and the highest term the support allows.",
    why: "ICD 203 asks that the confidence expressed in a judgement rest on the quality and quantity of its sources and reasoning. STANAG 2511 says how far a source (`A`-`F`) and a report (`1`-`6`) can be trusted; argcheck turns those grades into a ceiling, so a judgement stated more confidently than its weakest support allows is measurable overconfidence (Heuer, *Psychology of Intelligence Analysis*, ch. 5: analysts' confidence grows faster than their accuracy). A chain is as strong as its weakest link.",
    example: "source blog \"A personal blog\"\n  reliability: E\nclaim resigned \"The minister resigned.\"\n  confidence: almost-certain\n  cite: blog 3       # reliability E caps this at `unlikely`\n",
    fix: "source blog \"A personal blog\"\n  reliability: E\nclaim resigned \"The minister resigned.\"\n  confidence: unlikely\n  cite: blog 3\n",
};

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix, Loc};
use crate::graph::StmtId;
use crate::terms::{Term, RELIABILITY_LETTERS};

/// The weakest link that caps a statement's ceiling: follows the
/// propagation's own record of why each value is what it is, down to a
/// citation or an assumption. Returns a description and where it is.
pub fn weakest_link(cx: &Context, s: StmtId) -> (String, Loc) {
    let g = cx.graph;
    let f = cx.facts;
    let cur = f.ceilings.bottom(s);
    let st = &g.statements[cur];
    let Some(own) = f.own[cur] else {
        return (cx.stmt(cur), st.loc.clone());
    };
    if st.cites.is_empty() {
        return (
            format!("{}, an assumption (capped at `{}`)", cx.stmt(cur), own),
            st.loc.clone(),
        );
    }
    // The best citation is what sets the statement's own ceiling.
    let (i, c) = st
        .cites
        .iter()
        .enumerate()
        .max_by_key(|(i, _)| f.cite_ceiling[cur][*i])
        .map_or((0, &st.cites[0]), |x| x);
    let cap = f.cite_ceiling[cur][i];
    let src = &g.sources[c.source];
    let cal = &cx.ws.config(st.loc.file).calibration;
    let mut parts = Vec::new();
    if let Some(r) = src.reliability {
        if cal.reliability[r] == cap {
            parts.push(format!("reliability {} caps it at `{}`", RELIABILITY_LETTERS[r], cap));
        }
    }
    if let Some(k) = c.credibility {
        if cal.credibility[k] == cap {
            parts.push(format!("credibility {} caps it at `{}`", k + 1, cap));
        }
    }
    let why = if parts.is_empty() {
        format!("caps it at `{cap}`")
    } else {
        parts.join(", ")
    };
    let corr = if f.corroborated[cur] {
        format!(" (raised to `{own}` by independent corroboration)")
    } else {
        String::new()
    };
    let whose = if cur == s {
        String::new()
    } else {
        format!("{}, ", cx.stmt(cur))
    };
    (
        format!("{whose}citing {}: {why}{corr}", cx.src(c.source)),
        c.loc.clone(),
    )
}

/// Every grounded statement whose declared confidence is above its
/// ceiling.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (s, st) in cx.graph.statements.iter().enumerate() {
        let (Some((declared, at)), Some(ceiling)) = (&st.confidence, cx.facts.ceiling(s)) else {
            continue;
        };
        if *declared <= ceiling {
            continue;
        }
        let (link, link_loc) = weakest_link(cx, s);
        let mut d = Diagnostic::new(
            &RULE,
            at.clone(),
            format!(
                "{} claims `{declared}`, but its support allows at most `{ceiling}`",
                cx.stmt(s)
            ),
            format!("declared `{declared}`"),
        )
        .with_help(format!(
            "the weakest link is {link}; lower the confidence to `{ceiling}` or below{}",
            if ceiling < Term::AlmostCertain {
                ", or add stronger, independent support"
            } else {
                ""
            }
        ));
        if link_loc != *at {
            d = d.with_label(link_loc, format!("weakest link: caps the support at `{ceiling}`"));
        }
        d = d.with_fix(Fix {
            title: format!("lower the confidence to `{ceiling}`"),
            edits: vec![Edit {
                loc: at.clone(),
                replacement: ceiling.to_string(),
            }],
            safe: true,
        });
        out.push(d);
    }
}
