//! `argcheck explain`: the support tree of a claim, drawn like `cargo
//! tree`, and the per-statement JSON.

use super::escape;
use crate::analysis::support::Via;
use crate::check::Checked;
use crate::graph::StmtId;
use crate::terms::RELIABILITY_LETTERS;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

enum Node {
    Stmt {
        s: StmtId,
        tag: &'static str,
        mark: bool,
    },
    Cite {
        s: StmtId,
        i: usize,
        mark: bool,
    },
    Reason {
        s: StmtId,
        r: usize,
        mark: Option<StmtId>,
    },
    Attacker {
        a: StmtId,
    },
    /// `… and N more` children not drawn.
    More(usize),
}

impl Node {
    /// Drawn with a `◀` mark.
    fn marked(&self) -> bool {
        match self {
            Node::Stmt { mark, .. } | Node::Cite { mark, .. } => *mark,
            Node::Reason { mark, .. } => mark.is_some(),
            Node::Attacker { .. } | Node::More(_) => false,
        }
    }
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
    let all = &f.origins[s];
    let mut origins: Vec<String> = all
        .iter()
        .take(MAX_CHILDREN)
        .map(|o| escape(&c.graph.sources[*o].name).into_owned())
        .collect();
    if all.len() > origins.len() {
        origins.push(format!("and {} more", all.len() - origins.len()));
    }
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
        escape(&src.name),
        c.facts.cite_ceiling[s][i]
    )
}

/// Levels of the tree drawn below a root; deeper statements are named
/// with the command that explains them.
pub const MAX_DEPTH: usize = 32;

/// Citations, reasons, attackers or reason members drawn under one node
/// (each kind bounded on its own); the rest are counted.
pub const MAX_CHILDREN: usize = 16;

/// Lines of output after which sub-trees drawn under earlier roots are not
/// drawn again.
pub const SHARED_AFTER: usize = 10_000;

/// Lines drawn for one root; the rest of its tree is cut with a note.
pub const MAX_LINES: usize = 2_000;

/// How many statements deep the support under each statement goes (a
/// statement with no reason is 1; a reason that closes a cycle counts for
/// nothing). One iterative pass over the whole graph, so no input can
/// exhaust the stack.
fn heights(c: &Checked) -> Vec<usize> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let g = &c.graph;
    let n = g.statements.len();
    let mut state = vec![NEW; n];
    let mut height = vec![1usize; n];
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        // (statement, reason, member): the next member to visit.
        let mut stack: Vec<(StmtId, usize, usize)> = vec![(root, 0, 0)];
        state[root] = OPEN;
        while let Some(top) = stack.last_mut() {
            let (s, r, k) = *top;
            let reasons = &g.statements[s].reasons;
            match reasons.get(r) {
                Some(reason) => {
                    let Some(&(m, _)) = reason.members.get(k) else {
                        *top = (s, r + 1, 0);
                        continue;
                    };
                    *top = (s, r, k + 1);
                    match state.get(m) {
                        Some(&NEW) => {
                            state[m] = OPEN;
                            stack.push((m, 0, 0));
                        }
                        Some(&DONE) => height[s] = height[s].max(height[m] + 1),
                        _ => {}
                    }
                }
                None => {
                    state[s] = DONE;
                    stack.pop();
                    if let Some(&(p, _, _)) = stack.last() {
                        height[p] = height[p].max(height[s] + 1);
                    }
                }
            }
        }
    }
    height
}

/// `… and N more`, for the children not drawn.
fn more_line(n: usize) -> String {
    format!("… and {n} more")
}

/// Draws the support tree of each statement in `roots`, writing each line
/// as it goes (the tree is never held in memory). Output is bounded per
/// root: at most [`MAX_DEPTH`] levels (a deeper statement is named with
/// the command that explains it), [`MAX_CHILDREN`] children per node and
/// [`MAX_LINES`] lines; a statement whose sub-tree is already drawn under
/// this root (or, past [`SHARED_AFTER`] lines, under an earlier one) is
/// marked `(*)`.
pub fn tree(c: &Checked, roots: &[StmtId], out: &mut dyn Write) -> std::io::Result<()> {
    let mut heights_memo: Option<Vec<usize>> = None;
    // Each root's tree is whole, but once the run has drawn
    // [`SHARED_AFTER`] lines a sub-tree drawn under any earlier root is
    // `(*)` too: explaining every claim of a long chain of claims stays
    // linear in the graph (per root alone it would be quadratic).
    let mut drawn: HashSet<StmtId> = HashSet::new();
    let mut total = 0usize;
    for (n, &root) in roots.iter().enumerate() {
        if n > 0 {
            out.write_all(b"\n")?;
        }
        let mut printed: HashSet<StmtId> = HashSet::new();
        let mut lines = 0usize;
        // (node, prefix for its children, connector for itself, depth)
        let mut stack: Vec<(Node, String, String, usize)> = vec![(
            Node::Stmt {
                s: root,
                tag: "",
                mark: false,
            },
            String::new(),
            String::new(),
            0,
        )];
        while let Some((node, prefix, connector, depth)) = stack.pop() {
            if lines >= MAX_LINES {
                let root_name = &c.graph.statements[root].name;
                writeln!(
                    out,
                    "… the tree of `{}` is cut after {MAX_LINES} lines: explain a statement above to see its part",
                    escape(root_name)
                )?;
                break;
            }
            let mut children: Vec<Node> = Vec::new();
            let line = match node {
                Node::More(k) => more_line(k),
                Node::Stmt { s, tag, mark } => {
                    let st = &c.graph.statements[s];
                    let m = if mark { "  ◀ weakest link" } else { "" };
                    let seen = printed.contains(&s) || (total >= SHARED_AFTER && drawn.contains(&s));
                    if seen && depth == 0 {
                        // A root drawn under an earlier root: its status, not
                        // its tree again.
                        format!("{} {}: {} (*)", st.kind.as_str(), escape(&st.name), status(c, s))
                    } else if seen {
                        format!("{tag}{} {} (*){m}", st.kind.as_str(), escape(&st.name))
                    } else if depth >= MAX_DEPTH && !(st.cites.is_empty() && st.reasons.is_empty()) {
                        let h = heights_memo.get_or_insert_with(|| heights(c));
                        let below = h.get(s).copied().unwrap_or(1).saturating_sub(1);
                        let file = &c.ws.files[st.loc.file].name;
                        format!(
                            "{tag}{} {}{m}: … {below} more level{} of support cut here: run `argcheck explain {} {}`",
                            st.kind.as_str(),
                            escape(&st.name),
                            if below == 1 { "" } else { "s" },
                            escape(file),
                            escape(&st.name)
                        )
                    } else {
                        printed.insert(s);
                        drawn.insert(s);
                        let via = c.facts.ceilings.via[s];
                        let best = match via {
                            Via::Own => (0..st.cites.len()).max_by_key(|i| c.facts.cite_ceiling[s][*i]),
                            _ => None,
                        };
                        // Citations, reasons and attackers are bounded each
                        // on its own, so that many citations do not hide
                        // the reasons.
                        children.extend(bound_children(
                            (0..st.cites.len())
                                .map(|i| Node::Cite {
                                    s,
                                    i,
                                    mark: Some(i) == best,
                                })
                                .collect(),
                        ));
                        children.extend(bound_children(
                            (0..st.reasons.len())
                                .map(|r| {
                                    let mark = via.weakest().filter(|_| via.reason() == Some(r));
                                    Node::Reason { s, r, mark }
                                })
                                .collect(),
                        ));
                        children.extend(bound_children(
                            c.facts
                                .attacks
                                .attackers(s as u32)
                                .iter()
                                .map(|&a| Node::Attacker { a: a as usize })
                                .collect(),
                        ));
                        format!("{tag}{} {}: {}{m}", st.kind.as_str(), escape(&st.name), status(c, s))
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
                    let members = &reason.members;
                    let grounding = reason.complete && members.iter().all(|(m, _)| c.facts.grounded(*m));
                    if members.len() == 1 && reason.complete {
                        // A one-statement reason is drawn as that statement.
                        let m = members[0].0;
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
                            depth,
                        ));
                        continue;
                    }
                    children = bound_children(
                        members
                            .iter()
                            .map(|&(m, _)| Node::Stmt {
                                s: m,
                                tag: "",
                                mark: mark == Some(m),
                            })
                            .collect(),
                    );
                    let ceiling = if grounding {
                        members
                            .iter()
                            .filter_map(|(m, _)| c.facts.ceiling(*m))
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
                        escape(&st.name),
                        c.facts.labels[a].as_str()
                    )
                }
            };
            out.write_all(connector.as_bytes())?;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            lines += 1;
            total += 1;
            let count = children.len();
            for (i, child) in children.into_iter().enumerate().rev() {
                let last = i + 1 == count;
                let conn = format!("{prefix}{}", if last { "└── " } else { "├── " });
                let pre = format!("{prefix}{}", if last { "    " } else { "│   " });
                stack.push((child, pre, conn, depth + 1));
            }
        }
    }
    out.flush()
}

/// The first [`MAX_CHILDREN`] children, plus any marked child past them
/// (the weakest link or the citation that sets the ceiling is always
/// drawn), then one `… and N more`.
fn bound_children(children: Vec<Node>) -> Vec<Node> {
    let total = children.len();
    if total <= MAX_CHILDREN {
        return children;
    }
    let mut kept: Vec<Node> = Vec::with_capacity(MAX_CHILDREN + 2);
    for (i, child) in children.into_iter().enumerate() {
        if i < MAX_CHILDREN || child.marked() {
            kept.push(child);
        }
    }
    let hidden = total - kept.len();
    if hidden > 0 {
        kept.push(Node::More(hidden));
    }
    kept
}

/// The support tree as one string (for tests and small outputs; the
/// command line streams with [`tree`]).
pub fn tree_string(c: &Checked, roots: &[StmtId]) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = tree(c, roots, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
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

/// The JSON form: one object per statement in `stmts`, written to `out`.
pub fn json(c: &Checked, stmts: &[StmtId], out: &mut dyn Write) -> std::io::Result<()> {
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
    serde_json::to_writer_pretty(&mut *out, &JsonExplain { statements })?;
    out.write_all(b"\n")?;
    out.flush()
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
