//! `argcheck explain`: the support tree of a claim, drawn like `cargo
//! tree`, and the per-statement JSON.

use crate::analysis::support::Via;
use crate::check::Checked;
use crate::graph::StmtId;
use crate::terms::RELIABILITY_LETTERS;
use serde::Serialize;
use std::collections::HashSet;

enum Node {
    Stmt { s: StmtId, tag: &'static str, mark: bool },
    Cite { s: StmtId, i: usize, mark: bool },
    Reason { s: StmtId, r: usize, mark: Option<StmtId> },
    Attacker { a: StmtId },
}

fn status(c: &Checked, s: StmtId) -> String {
    let f = &c.facts;
    let st = &c.graph.statements[s];
    let mut parts = Vec::new();
    parts.push(if f.grounded(s) {
        "grounded".to_string()
    } else {
        "NOT grounded".to_string()
    });
    parts.push(match f.ceiling(s) {
        Some(t) => format!("ceiling {t}"),
        None => "no ceiling".to_string(),
    });
    parts.push(match &st.confidence {
        Some((t, _)) => format!("confidence {t}"),
        None => "no confidence".to_string(),
    });
    parts.push(format!("label {}", f.labels[s].as_str()));
    parts.push(format!("standing {}", f.standing[s].as_str()));
    let origins: Vec<&str> = f.origins[s].iter().map(|o| c.graph.sources[*o].name.as_str()).collect();
    parts.push(if origins.is_empty() {
        "no origins".to_string()
    } else {
        format!("origins: {}", origins.join(", "))
    });
    parts.join(" · ")
}

fn cite_line(c: &Checked, s: StmtId, i: usize) -> String {
    let st = &c.graph.statements[s];
    let cite = &st.cites[i];
    let src = &c.graph.sources[cite.source];
    let cal = &c.ws.config(st.loc.file).calibration;
    let rel = match src.reliability {
        Some(r) => format!("reliability {} → {}", RELIABILITY_LETTERS[r], cal.reliability[r]),
        None => "unrated".to_string(),
    };
    let cred = match cite.credibility {
        Some(k) => format!("credibility {} → {}", k + 1, cal.credibility[k]),
        None => "no credibility digit".to_string(),
    };
    let digit = cite.credibility.map_or(String::new(), |k| format!(" {}", k + 1));
    format!(
        "cite {}{digit} → {} ({rel}, {cred})",
        src.name, c.facts.cite_ceiling[s][i]
    )
}

/// Draws the support tree of each statement in `roots`.
pub fn tree(c: &Checked, roots: &[StmtId]) -> String {
    let mut out = String::new();
    for (n, &root) in roots.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut printed: HashSet<StmtId> = HashSet::new();
        // (node, prefix for its children, connector for itself)
        let mut stack: Vec<(Node, String, String)> = vec![(
            Node::Stmt {
                s: root,
                tag: "",
                mark: false,
            },
            String::new(),
            String::new(),
        )];
        while let Some((node, prefix, connector)) = stack.pop() {
            let mut children: Vec<Node> = Vec::new();
            let line = match node {
                Node::Stmt { s, tag, mark } => {
                    let st = &c.graph.statements[s];
                    let m = if mark { "  ◀ weakest link" } else { "" };
                    if !printed.insert(s) {
                        format!("{tag}{} {} (*){m}", st.kind.as_str(), st.name)
                    } else {
                        let via = c.facts.ceilings.via[s];
                        let best = match via {
                            Via::Own => (0..st.cites.len()).max_by_key(|i| c.facts.cite_ceiling[s][*i]),
                            _ => None,
                        };
                        for i in 0..st.cites.len() {
                            children.push(Node::Cite {
                                s,
                                i,
                                mark: Some(i) == best,
                            });
                        }
                        for r in 0..st.reasons.len() {
                            let mark = match via {
                                Via::Reason { reason, weakest } if reason == r => Some(weakest),
                                _ => None,
                            };
                            children.push(Node::Reason { s, r, mark });
                        }
                        for &a in c.facts.attacks.attackers(s as u32) {
                            children.push(Node::Attacker { a: a as usize });
                        }
                        format!("{tag}{} {}: {}{m}", st.kind.as_str(), st.name, status(c, s))
                    }
                }
                Node::Cite { s, i, mark } => {
                    format!(
                        "{}{}",
                        cite_line(c, s, i),
                        if mark { "  ◀ sets the ceiling" } else { "" }
                    )
                }
                Node::Reason { s, r, mark } => {
                    let reason = &c.graph.statements[s].reasons[r];
                    let members: Vec<StmtId> = reason.members.iter().map(|(m, _)| *m).collect();
                    let grounding = reason.complete && members.iter().all(|m| c.facts.grounded(*m));
                    if members.len() == 1 && reason.complete {
                        // A one-statement reason is drawn as that statement.
                        let m = members[0];
                        let tag = if grounding {
                            "because "
                        } else {
                            "because (not grounding) "
                        };
                        stack.push((
                            Node::Stmt {
                                s: m,
                                tag,
                                mark: mark == Some(m),
                            },
                            prefix,
                            connector,
                        ));
                        continue;
                    }
                    for &m in &members {
                        children.push(Node::Stmt {
                            s: m,
                            tag: "",
                            mark: mark == Some(m),
                        });
                    }
                    let ceiling = if grounding {
                        members
                            .iter()
                            .filter_map(|m| c.facts.ceiling(*m))
                            .min()
                            .map_or(String::new(), |t| format!(" → {t}"))
                    } else {
                        String::new()
                    };
                    let what = if !reason.complete {
                        " (names something undefined)"
                    } else if !grounding {
                        " (not grounding)"
                    } else {
                        ""
                    };
                    format!(
                        "because, together{what}{ceiling}{}",
                        if mark.is_some() { "  ◀ weakest link" } else { "" }
                    )
                }
                Node::Attacker { a } => {
                    let st = &c.graph.statements[a];
                    format!(
                        "attacked by {} {} (label {})",
                        st.kind.as_str(),
                        st.name,
                        c.facts.labels[a].as_str()
                    )
                }
            };
            out.push_str(&connector);
            out.push_str(&line);
            out.push('\n');
            let count = children.len();
            for (i, child) in children.into_iter().enumerate().rev() {
                let last = i + 1 == count;
                let conn = format!("{prefix}{}", if last { "└── " } else { "├── " });
                let pre = format!("{prefix}{}", if last { "    " } else { "│   " });
                stack.push((child, pre, conn));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonStatement {
    id: String,
    kind: &'static str,
    file: String,
    line: usize,
    column: usize,
    grounded: bool,
    ceiling: Option<&'static str>,
    confidence: Option<&'static str>,
    origins: Vec<String>,
    label: &'static str,
    standing: &'static str,
    attackers: Vec<String>,
}

#[derive(Serialize)]
struct JsonExplain {
    statements: Vec<JsonStatement>,
}

/// The JSON form: one object per statement in `stmts`.
pub fn json(c: &Checked, stmts: &[StmtId]) -> String {
    let f = &c.facts;
    let statements = stmts
        .iter()
        .map(|&s| {
            let st = &c.graph.statements[s];
            let p = super::pos(&c.ws, st.loc.file, st.loc.span.start);
            JsonStatement {
                id: st.name.to_string(),
                kind: st.kind.as_str(),
                file: c.ws.files[st.loc.file].name.clone(),
                line: p.line,
                column: p.column,
                grounded: f.grounded(s),
                ceiling: f.ceiling(s).map(|t| t.as_str()),
                confidence: st.confidence.as_ref().map(|(t, _)| t.as_str()),
                origins: f.origins[s]
                    .iter()
                    .map(|o| c.graph.sources[*o].name.to_string())
                    .collect(),
                label: f.labels[s].as_str(),
                standing: f.standing[s].as_str(),
                attackers: f
                    .attacks
                    .attackers(s as u32)
                    .iter()
                    .map(|a| c.graph.statements[*a as usize].name.to_string())
                    .collect(),
            }
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&JsonExplain { statements }).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The statements of the support tree under `root` (itself first), each
/// once, in depth-first order.
pub fn tree_members(c: &Checked, root: StmtId) -> Vec<StmtId> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(s) = stack.pop() {
        if !seen.insert(s) {
            continue;
        }
        out.push(s);
        let st = &c.graph.statements[s];
        for r in st.reasons.iter().rev() {
            for (m, _) in r.members.iter().rev() {
                stack.push(*m);
            }
        }
    }
    out
}
