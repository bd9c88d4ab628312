//! `argcheck impact SOURCE`: what the argument loses if a source were
//! retracted. The computation is the checker's own (the analysis run again
//! with the source's citations void, as `retracted-source` does); this
//! module only compares the two sets of facts and prints them.

use crate::analysis::Facts;
use crate::graph::{Graph, StmtKind, Workspace};
use serde::Serialize;

/// One statement whose grounding, ceiling or standing changes.
#[derive(Serialize, Debug)]
pub struct Change {
    /// The statement's id.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its file (relative to the project root).
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Grounded before → after.
    pub grounded: (bool, bool),
    /// Ceiling before → after (`null`: not grounded).
    pub ceiling: (Option<&'static str>, Option<&'static str>),
    /// Standing before → after.
    pub standing: (&'static str, &'static str),
}

/// The statements whose facts differ, claims first, then in file order.
pub fn changes(ws: &Workspace, g: &Graph, before: &Facts, after: &Facts) -> Vec<Change> {
    let mut out: Vec<(bool, Change)> = Vec::new();
    for (s, st) in g.statements.iter().enumerate() {
        let b = (before.grounded(s), before.ceiling(s), before.standing[s]);
        let a = (after.grounded(s), after.ceiling(s), after.standing[s]);
        if a == b {
            continue;
        }
        let p = super::pos(ws, st.loc.file, st.loc.span.start);
        out.push((
            st.kind != StmtKind::Claim,
            Change {
                id: st.name.to_string(),
                kind: st.kind.as_str(),
                file: ws.files[st.loc.file].name.clone(),
                line: p.line,
                grounded: (b.0, a.0),
                ceiling: (b.1.map(|t| t.as_str()), a.1.map(|t| t.as_str())),
                standing: (b.2.as_str(), a.2.as_str()),
            },
        ));
    }
    // Stable: claims first, then everything else, each in graph order.
    out.sort_by_key(|(not_claim, _)| *not_claim);
    out.into_iter().map(|(_, c)| c).collect()
}

fn ceiling(t: Option<&str>) -> &str {
    t.unwrap_or("none")
}

/// The human report.
pub fn human(source: &str, changes: &[Change]) -> String {
    let mut s = String::new();
    if changes.is_empty() {
        s.push_str(&format!(
            "if `{source}` were retracted, no statement's grounding, ceiling or standing would change\n"
        ));
        return s;
    }
    s.push_str(&format!(
        "if `{source}` were retracted, {} statement{} would change:\n",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    ));
    for c in changes {
        let mut parts = Vec::new();
        if c.grounded.0 != c.grounded.1 {
            parts.push(if c.grounded.1 {
                "becomes grounded".to_string()
            } else {
                "no longer grounded".to_string()
            });
        }
        if c.ceiling.0 != c.ceiling.1 {
            parts.push(format!("ceiling {} → {}", ceiling(c.ceiling.0), ceiling(c.ceiling.1)));
        }
        if c.standing.0 != c.standing.1 {
            parts.push(format!("standing {} → {}", c.standing.0, c.standing.1));
        }
        s.push_str(&format!(
            "  {} {} ({}:{}): {}\n",
            c.kind,
            crate::render::escape(&c.id),
            crate::render::escape(&c.file),
            c.line,
            parts.join(", ")
        ));
    }
    s
}
