//! The `retracted-source` rule: a statement cites a retracted source, or a source derived from one.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `retracted-source`.
pub static RULE: Rule = Rule {
    name: "retracted-source",
    default: Severity::Warning,
    summary: "a statement cites a retracted source (the help names the claims whose grounding or ceiling the void citation costs), or cites a source derived from a retracted one (the chain shown)",
    explanation: "A source marked `retracted: DATE [\"NOTE\"]` has been withdrawn, retracted or discredited. Its citations count for nothing: they ground nothing, set no ceiling and add no origin (they still count for `uncited-evidence` and as a use for `unused-source`). At each such citation the rule says what that costs, computed by checking the argument again with the source counted: the claims that would be grounded, or would have a higher ceiling. A source that derives (through `derived-from`) from a retracted one still counts, but each citation of it is reported with the chain, since what it relays may be what was withdrawn.",
    why: "The US intelligence community's sourcing standard (ICD 206) asks that the judgements affected by a rescinded or discredited source can be found; fact-checkers face the same problem when a study is retracted months after it was cited. Without a mechanical check, the judgements built on the source stay in print. Marking the source once makes every dependent citation, and the claims it supported, visible.",
    example: "source lancet-1998 \"A study since retracted\"\n  reliability: B\n  retracted: 2010-02-02 \"withdrawn by the journal\"\nsource ap \"Associated Press\"\n  reliability: A\nclaim link \"The vaccine causes the condition.\"\n  confidence: unlikely\n  cite: lancet-1998 2\nclaim reported \"The link was reported in 1998.\"\n  confidence: likely\n  cite: ap 2\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim reported \"The link was reported in 1998.\"\n  confidence: likely\n  cite: ap 2\n",
};

use super::Context;
use crate::analysis::origins::derivation_path;
use crate::analysis::{analyze_with, Facts};
use crate::diagnostic::Diagnostic;
use crate::graph::{SourceId, StmtKind};

/// At most this many retracted sources get their cost computed (one
/// re-analysis each); past that, the help names no claims.
const MAX_COSTED: usize = 16;

/// At most this many claims are named in a help.
const MAX_NAMED: usize = 4;

/// The claims whose grounding or ceiling differ between `now` and `counted`
/// (the facts with the source counted), as a phrase.
fn cost(cx: &Context, counted: &Facts) -> Option<String> {
    let now = cx.facts;
    let mut parts = Vec::new();
    let mut more = 0;
    for (s, st) in cx.graph.statements.iter().enumerate() {
        if st.kind != StmtKind::Claim {
            continue;
        }
        let part = match (now.ceiling(s), counted.ceiling(s)) {
            (None, Some(_)) => format!("{} its grounding", cx.stmt(s)),
            (Some(a), Some(b)) if a < b => format!("{} its ceiling (`{b}` → `{a}`)", cx.stmt(s)),
            _ => continue,
        };
        if parts.len() < MAX_NAMED {
            parts.push(part);
        } else {
            more += 1;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut s = parts.join(", ");
    if more > 0 {
        s.push_str(&format!(", and {more} more"));
    }
    Some(s)
}

/// Every citation of a retracted source, and of a source derived from one.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let g = cx.graph;
    let void = g.retracted_sources();
    if !void.iter().any(|v| *v) {
        return;
    }
    // The nearest retracted ancestor of each source (memoised, iterative).
    let mut tainted: Vec<Option<Option<SourceId>>> = vec![None; g.sources.len()];
    let mut taint = |x: SourceId| -> Option<SourceId> {
        if let Some(t) = tainted[x] {
            return t;
        }
        let mut seen = rustc_hash::FxHashSet::default();
        let mut queue = std::collections::VecDeque::from([x]);
        seen.insert(x);
        let mut found = None;
        while let Some(y) = queue.pop_front() {
            for (p, _) in &g.sources[y].derived_from {
                if void[*p] {
                    found = Some(*p);
                    break;
                }
                if seen.insert(*p) {
                    queue.push_back(*p);
                }
            }
            if found.is_some() {
                break;
            }
        }
        tainted[x] = Some(found);
        found
    };
    let mut costs: rustc_hash::FxHashMap<SourceId, Option<String>> = rustc_hash::FxHashMap::default();
    for (s, st) in g.statements.iter().enumerate() {
        for c in &st.cites {
            let src = &g.sources[c.source];
            if let Some(r) = &src.retracted {
                let note = r
                    .note
                    .as_ref()
                    .map_or(String::new(), |n| format!(" ({})", crate::diagnostic::quoted(n)));
                if !costs.contains_key(&c.source) {
                    let computed = if costs.len() < MAX_COSTED {
                        let mut counted_void = void.clone();
                        counted_void[c.source] = false;
                        analyze_with(
                            g,
                            |x| &cx.ws.config(g.statements[x].loc.file).calibration,
                            cx.facts.semantics,
                            &counted_void,
                        )
                        .ok()
                        .and_then(|counted| cost(cx, &counted))
                    } else {
                        None
                    };
                    costs.insert(c.source, computed);
                }
                let help = match costs.get(&c.source).cloned().flatten() {
                    Some(lost) => format!(
                        "counted, its citations would give {lost}; cite a source that still stands, or revise those judgements"
                    ),
                    None => "no claim's grounding or ceiling depends on it; remove the citation".to_string(),
                };
                out.push(
                    Diagnostic::new(
                        &RULE,
                        c.loc.clone(),
                        format!(
                            "{} cites {}, retracted on {}{note}: the citation counts for nothing",
                            cx.stmt(s),
                            cx.src(c.source),
                            r.date
                        ),
                        "void citation",
                    )
                    .with_label(r.loc.clone(), "retracted here")
                    .with_help(help),
                );
            } else if let Some(root) = taint(c.source) {
                let path = derivation_path(g, c.source, root);
                let chain: Vec<String> = path.iter().take(8).map(|x| cx.src(*x)).collect();
                let more = path.len().saturating_sub(8);
                let chain = if more > 0 {
                    format!("{} → … ({more} more)", chain.join(" → "))
                } else {
                    chain.join(" → ")
                };
                let date = g.sources[root]
                    .retracted
                    .as_ref()
                    .map_or(String::new(), |r| r.date.to_string());
                let mut d = Diagnostic::new(
                    &RULE,
                    c.loc.clone(),
                    format!(
                        "{} cites {}, which derives from {}, retracted on {date}",
                        cx.stmt(s),
                        cx.src(c.source),
                        cx.src(root)
                    ),
                    "derived from a retracted source",
                )
                .with_help(format!(
                    "{chain} (derived-from): check that what {} relays is not what was withdrawn, or cite an independent source",
                    cx.src(c.source)
                ));
                if let Some(r) = &g.sources[root].retracted {
                    d = d.with_label(r.loc.clone(), "retracted here");
                }
                out.push(d);
            }
        }
    }
}
