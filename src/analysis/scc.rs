//! Strongly connected components (Tarjan, iterative) over a graph in
//! compressed adjacency form. Nodes and offsets are 32-bit (a graph of a
//! million statements holds half the memory it would in `usize`).

/// `v` as a 32-bit node or offset (graphs here hold far fewer than 2³²
/// nodes and edges: every one is a written name).
fn n32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A directed graph on nodes `0..n` in compressed sparse row form.
#[derive(Clone, Debug, Default)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// Builds the graph from each node's successors, node by node (no
    /// edge list in between): `succ(v)` pushes `v`'s successors onto the
    /// vector it is given. `edges` is a capacity hint.
    pub fn from_succ(n: usize, edges: usize, mut succ: impl FnMut(usize, &mut Vec<u32>)) -> Csr {
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(edges);
        offsets.push(0);
        for v in 0..n {
            succ(v, &mut targets);
            offsets.push(n32(targets.len()));
        }
        Csr { offsets, targets }
    }

    /// Builds the graph from `(from, to)` edges.
    pub fn new(n: usize, edges: &[(usize, usize)]) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for &(a, _) in edges {
            offsets[a + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0; edges.len()];
        for &(a, b) in edges {
            targets[fill[a] as usize] = n32(b);
            fill[a] += 1;
        }
        Csr { offsets, targets }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Successors of `n`.
    pub fn succ(&self, n: usize) -> &[u32] {
        &self.targets[self.offsets[n] as usize..self.offsets[n + 1] as usize]
    }
}

/// Strongly connected components, stored flat (one allocation for all of
/// them, not one per component: most components of an argument are single
/// statements).
#[derive(Clone, Debug, Default)]
pub struct Components {
    members: Vec<u32>,
    /// End of each component in `members`.
    ends: Vec<u32>,
}

impl Components {
    /// Number of components.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no component.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each component's nodes, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u32]> + '_ {
        self.ends.iter().enumerate().map(move |(i, &end)| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.members[start as usize..end as usize]
        })
    }
}

/// The strongly connected components, each a list of nodes, in reverse
/// topological order: a component comes after every component it reaches
/// (successors first).
pub fn tarjan(g: &Csr) -> Components {
    const UNSEEN: u32 = u32::MAX;
    let n = g.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut out = Components {
        members: Vec::with_capacity(n),
        ends: Vec::new(),
    };
    let mut next: u32 = 0;
    // (node, position in its successor list)
    let mut call: Vec<(u32, u32)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        call.push((n32(root), 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(n32(root));
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            let succ = g.succ(v as usize);
            if (*i as usize) < succ.len() {
                let w = succ[*i as usize];
                *i += 1;
                let (v, w) = (v as usize, w as usize);
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(n32(w));
                    on_stack[w] = true;
                    call.push((n32(w), 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                let v = v as usize;
                if let Some(&(u, _)) = call.last() {
                    low[u as usize] = low[u as usize].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        out.members.push(w);
                        if w as usize == v {
                            break;
                        }
                    }
                    out.ends.push(n32(out.members.len()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_successors_first() {
        // 0 -> 1 <-> 2 -> 3, 4 alone
        let g = Csr::new(5, &[(0, 1), (1, 2), (2, 1), (2, 3)]);
        let mut comps: Vec<Vec<u32>> = tarjan(&g).iter().map(<[u32]>::to_vec).collect();
        for c in &mut comps {
            c.sort();
        }
        let pos = |x: u32| comps.iter().position(|c| c.contains(&x)).unwrap();
        assert_eq!(comps.len(), 4);
        assert!(pos(3) < pos(1));
        assert!(pos(1) < pos(0));
        assert_eq!(comps[pos(1)], vec![1, 2]);
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 300_000;
        let edges: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).chain([(n - 1, 0)]).collect();
        let comps = tarjan(&Csr::new(n, &edges));
        assert_eq!(comps.len(), 1);
        assert_eq!(comps.iter().next().map(<[u32]>::len), Some(n));
    }
}
