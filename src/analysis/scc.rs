//! Strongly connected components (Tarjan, iterative) over a graph in
//! compressed adjacency form.

/// A directed graph on nodes `0..n` in compressed sparse row form.
#[derive(Clone, Debug, Default)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<usize>,
}

impl Csr {
    /// Builds the graph from each node's successors, node by node (no
    /// edge list in between): `succ(v)` pushes `v`'s successors onto the
    /// vector it is given. `edges` is a capacity hint.
    pub fn from_succ(n: usize, edges: usize, mut succ: impl FnMut(usize, &mut Vec<usize>)) -> Csr {
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(edges);
        offsets.push(0);
        for v in 0..n {
            succ(v, &mut targets);
            offsets.push(targets.len());
        }
        Csr { offsets, targets }
    }

    /// Builds the graph from `(from, to)` edges.
    pub fn new(n: usize, edges: &[(usize, usize)]) -> Csr {
        let mut offsets = vec![0; n + 1];
        for &(a, _) in edges {
            offsets[a + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0; edges.len()];
        for &(a, b) in edges {
            targets[fill[a]] = b;
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
    pub fn succ(&self, n: usize) -> &[usize] {
        &self.targets[self.offsets[n]..self.offsets[n + 1]]
    }
}

/// Strongly connected components, stored flat (one allocation for all of
/// them, not one per component: most components of an argument are single
/// statements).
#[derive(Clone, Debug, Default)]
pub struct Components {
    members: Vec<usize>,
    /// End of each component in `members`.
    ends: Vec<usize>,
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
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[usize]> + '_ {
        self.ends.iter().enumerate().map(move |(i, &end)| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.members[start..end]
        })
    }
}

/// The strongly connected components, each a list of nodes, in reverse
/// topological order: a component comes after every component it reaches
/// (successors first).
pub fn tarjan(g: &Csr) -> Components {
    const UNSEEN: usize = usize::MAX;
    let n = g.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Components {
        members: Vec::with_capacity(n),
        ends: Vec::new(),
    };
    let mut next = 0;
    // (node, position in its successor list)
    let mut call: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        call.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            let succ = g.succ(v);
            if *i < succ.len() {
                let w = succ[*i];
                *i += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(u, _)) = call.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        out.members.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.ends.push(out.members.len());
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
        let mut comps: Vec<Vec<usize>> = tarjan(&g).iter().map(<[usize]>::to_vec).collect();
        for c in &mut comps {
            c.sort();
        }
        let pos = |x: usize| comps.iter().position(|c| c.contains(&x)).unwrap();
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
        assert_eq!(comps.iter().next().map(<[usize]>::len), Some(n));
    }
}
