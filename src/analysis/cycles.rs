//! Circular support: cycles of `because` edges.

use super::scc::{tarjan, Csr};
use crate::diagnostic::Loc;
use crate::graph::{Graph, StmtId};
use std::collections::{HashMap, VecDeque};

/// One edge of a support cycle: `from` rests on `to`, named at `loc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The supported statement.
    pub from: StmtId,
    /// The statement named in its `because:`.
    pub to: StmtId,
    /// Where `to` is named.
    pub loc: Loc,
}

/// One concrete cycle per strongly connected component of the `because`
/// graph that has one, starting at the component's first statement.
pub fn support_cycles(g: &Graph) -> Vec<Vec<Edge>> {
    let n = g.statements.len();
    let members = g.member_count();
    // Where `from` names `to` (looked up only for edges on a cycle).
    let at = |from: StmtId, to: StmtId| -> Option<Loc> {
        g.statements[from]
            .reasons
            .iter()
            .flat_map(|r| r.members.iter())
            .find(|(m, _)| *m == to)
            .map(|(_, l)| l.clone())
    };
    let csr = Csr::from_succ(n, members, |s, out| {
        for r in &g.statements[s].reasons {
            out.extend(r.members.iter().map(|(m, _)| *m as u32));
        }
    });
    let mut comp_of = vec![usize::MAX; n];
    let comps = tarjan(&csr);
    for (ci, c) in comps.iter().enumerate() {
        for &s in c {
            comp_of[s as usize] = ci;
        }
    }
    let mut out = Vec::new();
    for (ci, comp) in comps.iter().enumerate() {
        let start = comp.iter().copied().min().map_or(0, |s| s as usize);
        if comp.len() == 1 && !csr.succ(start).contains(&(start as u32)) {
            continue;
        }
        // Breadth-first from `start` inside the component, back to `start`.
        let mut parent: HashMap<StmtId, StmtId> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        'bfs: while let Some(x) = queue.pop_front() {
            for &y in csr.succ(x) {
                let y = y as usize;
                if comp_of[y] != ci {
                    continue;
                }
                if y == start {
                    closing = Some(x);
                    break 'bfs;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(y) {
                    e.insert(x);
                    queue.push_back(y);
                }
            }
        }
        let Some(last) = closing else { continue };
        let mut nodes = vec![last];
        let mut cur = last;
        while cur != start {
            cur = parent[&cur];
            nodes.push(cur);
        }
        nodes.reverse(); // start, ..., last
        let mut cycle = Vec::new();
        for i in 0..nodes.len() {
            let from = nodes[i];
            let to = if i + 1 < nodes.len() { nodes[i + 1] } else { start };
            if let Some(loc) = at(from, to) {
                cycle.push(Edge { from, to, loc });
            }
        }
        out.push(cycle);
    }
    out.sort_by_key(|c| c.first().map_or(0, |e| e.from));
    out
}
