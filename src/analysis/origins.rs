//! Origins: the roots of every source's `derived-from` chain, and each
//! statement's origin set.

use super::scc::{tarjan, Csr};
use super::support::Propagation;
use crate::graph::{Graph, SourceId, StmtId};
use std::sync::Arc as Rc;

/// A sorted, duplicate-free set of sources, shared between statements that
/// have the same origins.
pub type OriginSet = Rc<[SourceId]>;

/// Every statement's origins: indexed by statement, the sorted sources its
/// grounding rests on. Statements that add nothing to what they rest on
/// share one set; each statement holds a 32-bit index into the distinct
/// sets (not a reference-counted pointer of its own).
#[derive(Clone, Debug, Default)]
pub struct StatementOrigins {
    sets: Vec<OriginSet>,
    of: Vec<u32>,
}

impl std::ops::Index<StmtId> for StatementOrigins {
    type Output = [SourceId];

    fn index(&self, s: StmtId) -> &[SourceId] {
        self.of
            .get(s)
            .and_then(|&i| self.sets.get(i as usize))
            .map_or(&[], |set| &set[..])
    }
}

/// Origins of every source, and the `derived-from` cycles found.
#[derive(Clone, Debug)]
pub struct SourceOrigins {
    /// Sorted roots of each source's chain (a source with no `derived-from`
    /// is its own origin; a cycle with no way out is its own origin).
    pub of: Vec<OriginSet>,
    /// Each `derived-from` cycle, as its sources.
    pub cycles: Vec<Vec<SourceId>>,
}

fn union(parts: &[&[SourceId]]) -> Vec<SourceId> {
    let mut v: Vec<SourceId> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Computes source origins in one pass over the `derived-from` graph's
/// components (dependencies first).
pub fn source_origins(g: &Graph) -> SourceOrigins {
    let n = g.sources.len();
    let edges: Vec<(usize, usize)> = g
        .sources
        .iter()
        .enumerate()
        .flat_map(|(s, src)| src.derived_from.iter().map(move |(p, _)| (s, *p)))
        .collect();
    let csr = Csr::new(n, &edges);
    let mut of: Vec<Option<OriginSet>> = vec![None; n];
    let mut cycles = Vec::new();
    for comp in tarjan(&csr).iter() {
        // Sources are few: their components as `usize` lists.
        let comp: Vec<SourceId> = comp.iter().map(|&c| c as usize).collect();
        let succ = |s: usize| csr.succ(s).iter().map(|&p| p as usize);
        let cyclic = comp.len() > 1 || succ(comp[0]).any(|p| p == comp[0]);
        if cyclic {
            let mut c = comp.to_vec();
            c.sort_unstable();
            cycles.push(c);
        }
        let outside: Vec<&[SourceId]> = comp
            .iter()
            .flat_map(|&s| succ(s))
            .filter(|p| !comp.contains(p))
            .filter_map(|p| of[p].as_deref())
            .collect();
        let set: OriginSet = if outside.is_empty() {
            let mut c = comp.to_vec();
            c.sort_unstable();
            c.into()
        } else if outside.len() == 1 {
            Rc::from(outside[0])
        } else {
            union(&outside).into()
        };
        for &s in &comp {
            of[s] = Some(set.clone());
        }
    }
    SourceOrigins {
        of: of
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Rc::from(Vec::new())))
            .collect(),
        cycles,
    }
}

/// A statement's origins: the union of its citations' origins and the
/// origins of every statement in its grounding reasons (an assumption has
/// none; an ungrounded statement has none). Computed once per component
/// of the grounding-dependency graph, dependencies first; statements that
/// add nothing share their dependency's set.
/// Citations of sources marked in `void` (retracted) add no origin.
pub fn statement_origins(
    g: &Graph,
    grounded: &Propagation,
    sources: &SourceOrigins,
    void: &[bool],
) -> StatementOrigins {
    let n = g.statements.len();
    let is_grounded = |s: StmtId| grounded.value[s].is_some();
    let members = g.member_count();
    let csr = Csr::from_succ(n, members, |s, out| {
        if !is_grounded(s) {
            return;
        }
        for r in &g.statements[s].reasons {
            if r.complete && r.members.iter().all(|(m, _)| is_grounded(*m)) {
                out.extend(r.members.iter().map(|(m, _)| *m as u32));
            }
        }
    });
    let empty: OriginSet = Rc::from(Vec::new());
    // Every distinct set once, referred to by index while the components
    // are visited (no reference counting per part): the sources' sets
    // first (a source's index is its id), then the empty set, then each
    // new union.
    let mut sets: Vec<OriginSet> = sources.of.clone();
    let empty_set = sets.len();
    sets.push(empty.clone());
    const NONE: usize = usize::MAX;
    let mut of: Vec<usize> = vec![NONE; n];
    // Scratch space reused by every component (most are one statement).
    let mut parts: Vec<usize> = Vec::new();
    let mut merged: Vec<SourceId> = Vec::new();
    // `stamp[src] == mark`: the source is already in this component's set
    // (a union costs the parts' lengths, not a sort of their sum).
    let mut stamp: Vec<u32> = vec![0; g.sources.len()];
    let mut mark: u32 = 0;
    for comp in tarjan(&csr).iter() {
        if comp.first().is_none_or(|&s| !is_grounded(s as usize)) {
            continue;
        }
        parts.clear();
        for &s in comp {
            let s = s as usize;
            for c in &g.statements[s].cites {
                if !void.get(c.source).copied().unwrap_or(false) {
                    parts.push(c.source);
                }
            }
            parts.extend(csr.succ(s).iter().map(|&m| of[m as usize]).filter(|&i| i != NONE));
        }
        parts.retain(|&p| !sets[p].is_empty());
        parts.sort_unstable();
        parts.dedup();
        let set = match parts.len() {
            0 => empty_set,
            1 => parts[0],
            _ => {
                // The largest part, plus what the others add to it: when
                // they add nothing (the common case), it is shared as is.
                let big = parts
                    .iter()
                    .copied()
                    .max_by_key(|&p| (sets[p].len(), std::cmp::Reverse(p)))
                    .unwrap_or(parts[0]);
                mark = mark.wrapping_add(1);
                if mark == 0 {
                    stamp.fill(0);
                    mark = 1;
                }
                for &x in sets[big].iter() {
                    stamp[x] = mark;
                }
                merged.clear();
                for &p in parts.iter().filter(|&&p| p != big) {
                    for &x in sets[p].iter() {
                        if stamp[x] != mark {
                            stamp[x] = mark;
                            merged.push(x);
                        }
                    }
                }
                if merged.is_empty() {
                    big
                } else {
                    merged.extend(sets[big].iter().copied());
                    merged.sort_unstable();
                    sets.push(Rc::from(&merged[..]));
                    sets.len() - 1
                }
            }
        };
        for &s in comp {
            of[s as usize] = set;
        }
    }
    let of = of
        .into_iter()
        .map(|i| u32::try_from(if i == NONE { empty_set } else { i }).unwrap_or(u32::MAX))
        .collect();
    StatementOrigins { sets, of }
}

/// Whether two sorted sets share an element; returns the first shared one.
pub fn shared(a: &[SourceId], b: &[SourceId]) -> Option<SourceId> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

/// The `derived-from` path from `from` to `to` (breadth first), both
/// included; empty if there is none.
pub fn derivation_path(g: &Graph, from: SourceId, to: SourceId) -> Vec<SourceId> {
    let mut parent: std::collections::HashMap<SourceId, SourceId> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    parent.insert(from, from);
    while let Some(s) = queue.pop_front() {
        if s == to {
            let mut path = vec![to];
            let mut cur = to;
            while cur != from {
                cur = parent[&cur];
                path.push(cur);
            }
            path.reverse();
            return path;
        }
        for (p, _) in &g.sources[s].derived_from {
            if !parent.contains_key(p) {
                parent.insert(*p, s);
                queue.push_back(*p);
            }
        }
    }
    Vec::new()
}
