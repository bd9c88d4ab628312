//! Abstract argumentation (Dung 1995) over an attack graph.
//!
//! Arguments are the nodes `0..n` of an [`AttackGraph`]; an edge `(a, t)`
//! means "a attacks t". This module computes the grounded labelling in
//! linear time and preferred acceptance (credulous and sceptical) exactly
//! for graphs whose undecided part is small. Nothing here recurses, so very
//! large graphs cannot overflow the stack.

use std::collections::HashMap;
use std::fmt;

/// Label of an argument under a semantics.
///
/// The derived order is `Out < Undec < In`, so "in" compares as best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Rejected: attacked by an accepted argument.
    Out,
    /// Neither accepted nor rejected.
    Undec,
    /// Accepted: every attacker is rejected.
    In,
}

impl Label {
    /// Lower-case name of the label: `"in"`, `"out"` or `"undec"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undec => "undec",
        }
    }
}

/// Adjacency for an attack graph, built once (CSR arrays: attackers of each
/// node, targets of each node).
///
/// Duplicate attacks are collapsed into one, self-attacks are kept, and
/// attacks naming a node `>= n` are ignored. Every adjacency list is sorted
/// ascending and free of duplicates.
#[derive(Clone, Debug)]
pub struct AttackGraph {
    n: usize,
    att_off: Vec<u32>,
    att: Vec<u32>,
    tgt_off: Vec<u32>,
    tgt: Vec<u32>,
}

/// Counting sort of `(bucket, item)` pairs into CSR form (offsets, items),
/// keeping the input order inside each bucket.
fn buckets(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut off = vec![0u32; n + 1];
    for (k, _) in pairs.clone() {
        off[k as usize + 1] += 1;
    }
    for i in 1..=n {
        off[i] += off[i - 1];
    }
    let mut fill = off[..n].to_vec();
    let mut items = vec![0u32; off[n] as usize];
    for (k, v) in pairs {
        items[fill[k as usize] as usize] = v;
        fill[k as usize] += 1;
    }
    (off, items)
}

/// The `(bucket, item)` pairs of a CSR array, bucket by bucket.
fn pairs<'a>(off: &'a [u32], items: &'a [u32]) -> impl Iterator<Item = (u32, u32)> + Clone + 'a {
    let bucket =
        move |(k, w): (usize, &'a [u32])| items[w[0] as usize..w[1] as usize].iter().map(move |&v| (k as u32, v));
    off.windows(2).enumerate().flat_map(bucket)
}

impl AttackGraph {
    /// Builds the graph on nodes `0..n` from `(attacker, target)` pairs in
    /// time linear in `n + attacks.len()` (counting sorts, no comparisons).
    pub fn new(n: usize, attacks: &[(u32, u32)]) -> AttackGraph {
        let valid = attacks
            .iter()
            .copied()
            .filter(|&(a, t)| (a as usize) < n && (t as usize) < n);
        let (by_att_off, by_att) = buckets(n, valid);
        // Re-bucketed by target while visiting attackers in ascending order:
        // each bucket is sorted, so duplicates are adjacent.
        let flipped = pairs(&by_att_off, &by_att).map(|(a, t)| (t, a));
        let (mut att_off, mut att) = buckets(n, flipped);
        let (mut len, mut start) = (0usize, 0usize);
        for t in 0..n {
            let (first, end) = (len, att_off[t + 1] as usize);
            att_off[t] = len as u32;
            for k in start..end {
                if len == first || att[len - 1] != att[k] {
                    att[len] = att[k];
                    len += 1;
                }
            }
            start = end;
        }
        att_off[n] = len as u32;
        att.truncate(len);
        let (tgt_off, tgt) = buckets(n, pairs(&att_off, &att).map(|(t, a)| (a, t)));
        AttackGraph {
            n,
            att_off,
            att,
            tgt_off,
            tgt,
        }
    }

    /// Number of nodes (arguments).
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of distinct attacks kept in the graph.
    pub fn attack_count(&self) -> usize {
        self.att.len()
    }

    /// The nodes attacking `node`, ascending (empty if `node` is out of range).
    pub fn attackers(&self, node: u32) -> &[u32] {
        slice_of(&self.att_off, &self.att, node)
    }

    /// The nodes attacked by `node`, ascending (empty if `node` is out of range).
    pub fn targets(&self, node: u32) -> &[u32] {
        slice_of(&self.tgt_off, &self.tgt, node)
    }
}

/// The CSR bucket of `node`, or an empty slice when there is none.
fn slice_of<'a>(off: &[u32], items: &'a [u32], node: u32) -> &'a [u32] {
    let v = node as usize;
    match (off.get(v), off.get(v + 1)) {
        (Some(&s), Some(&e)) => items.get(s as usize..e as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// Grounded labelling (least fixed point): In when all attackers are Out,
/// Out when some attacker is In, Undec otherwise.
///
/// Work-queue algorithm, O(n + edges): every node counts its attackers not
/// yet Out; nodes whose count is zero are In; each In node makes its targets
/// Out; each newly Out node decrements the counts of its targets. Nodes never
/// reached stay Undec (a self-attacker is Undec unless an In node attacks it).
pub fn grounded(graph: &AttackGraph) -> Vec<Label> {
    let n = graph.len();
    let mut label = vec![Label::Undec; n];
    let mut remaining: Vec<usize> = (0..n).map(|v| graph.attackers(v as u32).len()).collect();
    let mut work: Vec<u32> = Vec::new();
    for (v, &r) in remaining.iter().enumerate() {
        if r == 0 {
            label[v] = Label::In;
            work.push(v as u32);
        }
    }
    while let Some(v) = work.pop() {
        let is_in = label[v as usize] == Label::In;
        for &t in graph.targets(v) {
            let t = t as usize;
            if is_in {
                if label[t] == Label::Undec {
                    label[t] = Label::Out;
                    work.push(t as u32);
                }
            } else {
                remaining[t] = remaining[t].saturating_sub(1);
                if remaining[t] == 0 && label[t] == Label::Undec {
                    label[t] = Label::In;
                    work.push(t as u32);
                }
            }
        }
    }
    label
}

/// Reference implementation used by tests: naive iteration of the
/// characteristic function from the empty set until fixpoint (quadratic).
pub fn grounded_naive(graph: &AttackGraph) -> Vec<Label> {
    let n = graph.len() as u32;
    let hit = |set: &[bool], v: u32| graph.attackers(v).iter().any(|&a| set[a as usize]);
    let mut accepted = vec![false; n as usize];
    loop {
        let attacked: Vec<bool> = (0..n).map(|v| hit(&accepted, v)).collect();
        let defended = |v: u32| graph.attackers(v).iter().all(|&a| attacked[a as usize]);
        let next: Vec<bool> = (0..n).map(defended).collect();
        if next == accepted {
            break;
        }
        accepted = next;
    }
    let label = |v: u32| match (accepted[v as usize], hit(&accepted, v)) {
        (true, _) => Label::In,
        (false, true) => Label::Out,
        (false, false) => Label::Undec,
    };
    (0..n).map(label).collect()
}

/// Result of preferred semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preferred {
    /// `credulous[i]`: `i` belongs to at least one preferred extension.
    pub credulous: Vec<bool>,
    /// `sceptical[i]`: `i` belongs to every preferred extension.
    pub sceptical: Vec<bool>,
    /// `out_in_all[i]`: `i` is attacked by every preferred extension (it is
    /// `out` in every preferred labelling).
    pub out_in_all: Vec<bool>,
    /// Number of preferred extensions found overall, saturating at `u64::MAX`.
    pub extensions: u64,
}

/// Most local labellings the preferred search visits before it gives up
/// with [`TooLarge`] (a bound on time, whatever the shape of the graph).
pub const SEARCH_BUDGET: u64 = 2_000_000;

/// Why preferred semantics was not computed: a weakly connected component of
/// the undecided subgraph has more than `limit` attacks inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// Nodes in the offending component.
    pub component_nodes: usize,
    /// Attacks with both ends in the offending component.
    pub component_attacks: usize,
    /// The limit that was exceeded.
    pub limit: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (nodes, attacks) = (self.component_nodes, self.component_attacks);
        let limit = self.limit;
        write!(
            f,
            "undecided component of {nodes} arguments and {attacks} attacks exceeds the limit of {limit}"
        )
    }
}

impl std::error::Error for TooLarge {}

/// Preferred semantics, exact, for graphs whose undecided part is small.
///
/// Grounded In nodes are in every preferred extension and grounded Out nodes
/// in none; the preferred extensions are exactly the grounded extension plus
/// a preferred extension of the subgraph induced by the Undec nodes. That
/// subgraph is split into weakly connected components (independent, so the
/// extension counts multiply); if any has more than `limit` attacks, the
/// largest such is reported as `Err(TooLarge)` before any search starts.
/// (A bound on strongly connected components alone would not bound the
/// search: credulous acceptance is NP-hard even with SCCs of size two.)
///
/// Each component is searched SCC by SCC in topological order
/// (SCC-recursiveness, Baroni et al. 2005): a complete labelling is preferred
/// iff on every SCC its In set is maximal among the labellings of that SCC
/// that are complete given the labels upstream. Those local labellings come
/// from a constraint-propagating backtracking search. All search state lives
/// on explicit stacks.
pub fn preferred(graph: &AttackGraph, limit: usize) -> Result<Preferred, TooLarge> {
    let ground = grounded(graph);
    let mut credulous: Vec<bool> = ground.iter().map(|&l| l == Label::In).collect();
    let mut sceptical = credulous.clone();
    let mut out_in_all: Vec<bool> = ground.iter().map(|&l| l == Label::Out).collect();
    let mut steps: u64 = 0;
    let undec = |v: &&u32| ground[**v as usize] == Label::Undec;
    let (wcc_of, wccs) = undec_wccs(graph, &ground);
    let mut worst: Option<TooLarge> = None;
    for nodes in &wccs {
        let attacks = nodes
            .iter()
            .map(|&v| graph.attackers(v).iter().filter(undec).count())
            .sum();
        if attacks > limit && worst.as_ref().is_none_or(|w| attacks > w.component_attacks) {
            let component_nodes = nodes.len();
            worst = Some(TooLarge {
                component_nodes,
                component_attacks: attacks,
                limit,
            });
        }
    }
    if let Some(too_large) = worst {
        return Err(too_large);
    }
    let (comp, comps) = undec_sccs(graph, &ground);
    // Tarjan emits sink components first; reversed, that is topological order.
    let mut order_of: Vec<Vec<u32>> = vec![Vec::new(); wccs.len()];
    for (cid, members) in comps.iter().enumerate().rev() {
        order_of[wcc_of[members[0] as usize]].push(cid as u32);
    }
    let mut lab = ground.clone();
    let mut local_idx = vec![0u32; graph.len()];
    let mut extensions: u64 = 1;
    for (nodes, order) in wccs.iter().zip(&order_of) {
        let mut count: u64 = 0;
        let mut options = |cid: u32, lab: &[Label]| {
            let members = &comps[cid as usize];
            Local::build(graph, lab, &comp, cid, members, &mut local_idx).enumerate()
        };
        // Frames: (SCC position in `order`, its local options, next option).
        let mut frames = vec![(0, options(order[0], &lab), 0)];
        while let Some((depth, opts, next)) = frames.last_mut() {
            let Some(option) = opts.get(*next) else {
                frames.pop();
                continue;
            };
            *next += 1;
            steps += 1;
            if steps > SEARCH_BUDGET {
                let attacks = nodes
                    .iter()
                    .map(|&v| graph.attackers(v).iter().filter(undec).count())
                    .sum();
                return Err(TooLarge {
                    component_nodes: nodes.len(),
                    component_attacks: attacks,
                    limit,
                });
            }
            for (&v, &l) in comps[order[*depth] as usize].iter().zip(option) {
                lab[v as usize] = l;
            }
            let depth = *depth + 1;
            if depth < order.len() {
                let opts = options(order[depth], &lab);
                frames.push((depth, opts, 0));
                continue;
            }
            count = count.saturating_add(1);
            for &v in nodes {
                let is_in = lab[v as usize] == Label::In;
                credulous[v as usize] |= is_in;
                sceptical[v as usize] = is_in && (count == 1 || sceptical[v as usize]);
                let is_out = lab[v as usize] == Label::Out;
                out_in_all[v as usize] = is_out && (count == 1 || out_in_all[v as usize]);
            }
        }
        extensions = extensions.saturating_mul(count);
    }
    Ok(Preferred {
        credulous,
        sceptical,
        out_in_all,
        extensions,
    })
}

/// Weakly connected components of the Undec subgraph: per-node component id
/// (`usize::MAX` for decided nodes) and member lists.
fn undec_wccs(graph: &AttackGraph, lab: &[Label]) -> (Vec<usize>, Vec<Vec<u32>>) {
    let mut wcc = vec![usize::MAX; graph.len()];
    let mut out: Vec<Vec<u32>> = Vec::new();
    for root in 0..graph.len() {
        if lab[root] != Label::Undec || wcc[root] != usize::MAX {
            continue;
        }
        wcc[root] = out.len();
        let (mut members, mut work) = (Vec::new(), vec![root as u32]);
        while let Some(v) = work.pop() {
            members.push(v);
            for &w in graph.attackers(v).iter().chain(graph.targets(v)) {
                if lab[w as usize] == Label::Undec && wcc[w as usize] == usize::MAX {
                    wcc[w as usize] = out.len();
                    work.push(w);
                }
            }
        }
        out.push(members);
    }
    (wcc, out)
}

/// Strongly connected components of the Undec subgraph by iterative Tarjan:
/// per-node component id (`u32::MAX` for decided nodes) and member lists, in
/// reverse topological order (components only attack earlier ones).
fn undec_sccs(graph: &AttackGraph, lab: &[Label]) -> (Vec<u32>, Vec<Vec<u32>>) {
    const UNSET: u32 = u32::MAX;
    let n = graph.len();
    let (mut index, mut low, mut on_stack) = (vec![UNSET; n], vec![0u32; n], vec![false; n]);
    let mut comp = vec![UNSET; n];
    let mut comps: Vec<Vec<u32>> = Vec::new();
    let (mut stack, mut call, mut counter) = (Vec::new(), Vec::<(u32, usize)>::new(), 0u32);
    for root in (0..n as u32).filter(|&v| lab[v as usize] == Label::Undec) {
        let mut next = Some(root);
        loop {
            if let Some(w) = next.take().filter(|&w| index[w as usize] == UNSET) {
                (index[w as usize], low[w as usize]) = (counter, counter);
                counter += 1;
                stack.push(w);
                on_stack[w as usize] = true;
                call.push((w, 0));
            }
            let Some(top) = call.last_mut() else { break };
            let v = top.0 as usize;
            if let Some(&w) = graph.targets(top.0).get(top.1) {
                top.1 += 1;
                // Only Undec nodes are ever put on the Tarjan stack.
                if lab[w as usize] == Label::Undec && index[w as usize] == UNSET {
                    next = Some(w);
                } else if on_stack[w as usize] {
                    low[v] = low[v].min(index[w as usize]);
                }
                continue;
            }
            call.pop();
            if let Some(&(p, _)) = call.last() {
                low[p as usize] = low[p as usize].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp[w as usize] = comps.len() as u32;
                    members.push(w);
                    if w as usize == v {
                        break;
                    }
                }
                comps.push(members);
            }
        }
    }
    (comp, comps)
}

const B_IN: u8 = 1;
const B_OUT: u8 = 2;
const B_UNDEC: u8 = 4;

/// Pending constraints of the propagation (a stack with membership flags).
struct Work {
    stack: Vec<u32>,
    queued: Vec<bool>,
}

impl Work {
    fn push(&mut self, x: u32) {
        if !std::mem::replace(&mut self.queued[x as usize], true) {
            self.stack.push(x);
        }
    }
}

/// One SCC of the undecided subgraph, with its upstream labels frozen.
///
/// Local node `x` has internal attackers `att[x]` and targets `tgt[x]`;
/// `ext[x]` holds `B_IN` / `B_UNDEC` if some upstream attacker has that label
/// (upstream Out attackers do not matter). A domain is a set of `B_*` bits.
struct Local {
    ext: Vec<u8>,
    att: Vec<Vec<u32>>,
    tgt: Vec<Vec<u32>>,
}

impl Local {
    /// Prepares SCC `cid` (members `nodes`), reading upstream labels from `lab`.
    fn build(graph: &AttackGraph, lab: &[Label], comp: &[u32], cid: u32, nodes: &[u32], idx: &mut [u32]) -> Local {
        for (i, &v) in nodes.iter().enumerate() {
            idx[v as usize] = i as u32;
        }
        let m = nodes.len();
        let mut local = Local {
            ext: vec![0; m],
            att: vec![Vec::new(); m],
            tgt: vec![Vec::new(); m],
        };
        for (x, &v) in nodes.iter().enumerate() {
            for a in graph.attackers(v).iter().map(|&a| a as usize) {
                if comp[a] == cid {
                    local.att[x].push(idx[a]);
                    local.tgt[idx[a] as usize].push(x as u32);
                } else {
                    // Grounded-Out attackers read as Out, which is harmless.
                    local.ext[x] |= match lab[a] {
                        Label::In => B_IN,
                        Label::Undec => B_UNDEC,
                        Label::Out => 0,
                    };
                }
            }
        }
        local
    }

    /// Queues every constraint that mentions `x`: its own and its targets'.
    fn touch(&self, x: u32, work: &mut Work) {
        work.push(x);
        for &t in &self.tgt[x as usize] {
            work.push(t);
        }
    }

    /// Narrows `dom[a]` to `mask`; false if nothing is left.
    fn restrict(&self, a: u32, mask: u8, dom: &mut [u8], work: &mut Work) -> bool {
        let d = dom[a as usize] & mask;
        if d != dom[a as usize] {
            dom[a as usize] = d;
            self.touch(a, work);
        }
        d != 0
    }

    /// At least one of `ints` must satisfy `ok`: fails if none can, forces
    /// the domain of the only candidate to `mask`.
    fn need_one(&self, ints: &[u32], ok: impl Fn(u8) -> bool, mask: u8, dom: &mut [u8], work: &mut Work) -> bool {
        let mut open = ints.iter().filter(|&&a| ok(dom[a as usize]));
        match (open.next().copied(), open.next()) {
            (None, _) => false,
            (Some(a), None) => self.restrict(a, mask, dom, work),
            _ => true,
        }
    }

    /// Runs the queued constraints to a fixpoint; false on a contradiction
    /// (the queue is then emptied).
    fn propagate(&self, dom: &mut [u8], work: &mut Work) -> bool {
        while let Some(x) = work.stack.pop() {
            work.queued[x as usize] = false;
            let (ints, ext) = (&self.att[x as usize], self.ext[x as usize]);
            let doms = ints.iter().map(|&a| dom[a as usize]);
            let can_all_out = ext == 0 && doms.clone().all(|d| d & B_OUT != 0);
            let must_all_out = ext == 0 && doms.clone().all(|d| d == B_OUT);
            let can_some_in = ext & B_IN != 0 || doms.clone().any(|d| d & B_IN != 0);
            let must_some_in = ext & B_IN != 0 || doms.clone().any(|d| d == B_IN);
            let mut allowed = if must_all_out || must_some_in { 0 } else { B_UNDEC };
            allowed |= if can_all_out { B_IN } else { 0 } | if can_some_in { B_OUT } else { 0 };
            // Backward rules below may use a stale `d` after a self-attack
            // changed it; `x` is then queued again and the rules only weaken.
            let d = dom[x as usize] & allowed;
            let ok = self.restrict(x, allowed, dom, work)
                && match d {
                    B_IN => ints.iter().all(|&a| self.restrict(a, B_OUT, dom, work)),
                    _ => {
                        (d & B_OUT != 0 || ints.iter().all(|&a| self.restrict(a, !B_IN, dom, work)))
                            && (d & B_IN != 0 || ext != 0 || self.need_one(ints, |e| e != B_OUT, !B_OUT, dom, work))
                            && (d != B_OUT
                                || ext & B_IN != 0
                                || self.need_one(ints, |e| e & B_IN != 0, B_IN, dom, work))
                    }
                };
            if !ok {
                for y in work.stack.drain(..) {
                    work.queued[y as usize] = false;
                }
                return false;
            }
        }
        true
    }

    /// All labellings of this SCC that are complete given the upstream labels
    /// and whose In set is maximal among them.
    fn enumerate(&self) -> Vec<Vec<Label>> {
        let m = self.att.len() as u32;
        let mut work = Work {
            stack: (0..m).collect(),
            queued: vec![true; m as usize],
        };
        let mut best: Vec<Vec<Label>> = Vec::new();
        let mut stack = vec![vec![B_IN | B_OUT | B_UNDEC; m as usize]];
        if !self.propagate(&mut stack[0], &mut work) {
            return best;
        }
        while let Some(dom) = stack.pop() {
            let Some(v) = dom.iter().position(|d| d.count_ones() > 1) else {
                let label = |&d: &u8| [Label::Undec, Label::In, Label::Out][usize::from(d & 3)];
                insert_maximal(&mut best, dom.iter().map(label).collect());
                continue;
            };
            // Pushed in this order so that In is explored first.
            for bit in [B_UNDEC, B_OUT, B_IN].into_iter().filter(|&b| dom[v] & b != 0) {
                let mut next = dom.clone();
                next[v] = bit;
                self.touch(v as u32, &mut work);
                if self.propagate(&mut next, &mut work) {
                    stack.push(next);
                }
            }
        }
        best
    }
}

/// Adds `cand` to an antichain of labellings ordered by In-set inclusion,
/// keeping only the maximal ones.
fn insert_maximal(best: &mut Vec<Vec<Label>>, cand: Vec<Label>) {
    let in_subset = |a: &[Label], b: &[Label]| a.iter().zip(b).all(|(x, y)| *x != Label::In || *y == Label::In);
    if !best.iter().any(|k| in_subset(&cand, k)) {
        best.retain(|k| !in_subset(k, &cand));
        best.push(cand);
    }
}

/// For an Undec node under `labels` (the grounded labelling), find a cycle of
/// attacks among Undec nodes that leaves it open.
///
/// Walks backwards from `node` along Undec attackers (an Undec node always
/// has one) until a node repeats, and returns the cycle in attack order:
/// `[a, b, c]` means a attacks b attacks c attacks a. Iterative. Returns an
/// empty Vec if `node` is not Undec (or `labels` is not a grounded labelling).
pub fn undec_cycle(graph: &AttackGraph, labels: &[Label], node: u32) -> Vec<u32> {
    UndecCycles::new(graph.len()).find(graph, labels, node).to_vec()
}

/// [`undec_cycle`] for many nodes, sharing work: every node a walk passes
/// remembers the cycle the walk ended in, so the walks for all nodes of a
/// graph together take time linear in its size (a long undecided ring is
/// walked once, not once per node).
pub struct UndecCycles {
    of: Vec<Option<usize>>,
    list: Vec<Vec<u32>>,
}

impl UndecCycles {
    /// A finder for a graph of `n` nodes.
    pub fn new(n: usize) -> UndecCycles {
        UndecCycles {
            of: vec![None; n],
            list: Vec::new(),
        }
    }

    /// The cycle that leaves `node` open, as [`undec_cycle`] gives it for
    /// the first node of each cycle found.
    pub fn find(&mut self, graph: &AttackGraph, labels: &[Label], node: u32) -> &[u32] {
        let is_undec = |v: u32| (v as usize) < graph.len() && labels.get(v as usize) == Some(&Label::Undec);
        if !is_undec(node) || self.of.len() != graph.len() {
            return &[];
        }
        let mut path: Vec<u32> = Vec::new();
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut cur = node;
        let id = loop {
            if let Some(c) = self.of[cur as usize] {
                break c;
            }
            seen.insert(cur, path.len());
            path.push(cur);
            let Some(&next) = graph.attackers(cur).iter().find(|&&a| is_undec(a)) else {
                self.list.push(Vec::new());
                break self.list.len() - 1;
            };
            if let Some(&i) = seen.get(&next) {
                // path[j + 1] attacks path[j], and `next` = path[i] attacks `cur`.
                self.list.push(
                    std::iter::once(next)
                        .chain(path[i + 1..].iter().rev().copied())
                        .collect(),
                );
                break self.list.len() - 1;
            }
            cur = next;
        };
        for p in path {
            self.of[p as usize] = Some(id);
        }
        &self.list[id]
    }
}

#[cfg(test)]
mod tests {
    use super::Label::{In, Out, Undec};
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> AttackGraph {
        AttackGraph::new(n, edges)
    }

    fn check_grounded(g: &AttackGraph, expected: &[Label]) {
        assert_eq!(grounded(g), expected);
        assert_eq!(grounded_naive(g), expected);
    }

    /// (extensions, credulous, sceptical) with a limit of 50.
    fn pref(g: &AttackGraph) -> (u64, Vec<bool>, Vec<bool>) {
        let p = preferred(g, 50).expect("small graph");
        (p.extensions, p.credulous, p.sceptical)
    }

    fn assert_valid_cycle(g: &AttackGraph, labels: &[Label], cycle: &[u32]) {
        assert!(!cycle.is_empty());
        for (i, &a) in cycle.iter().enumerate() {
            let b = cycle[(i + 1) % cycle.len()];
            assert!(g.targets(a).contains(&b), "{a} does not attack {b}");
            assert_eq!(labels[a as usize], Undec);
        }
    }

    #[test]
    fn labels_and_graph_basics() {
        assert!(Out < Undec && Undec < In);
        assert_eq!([In, Out, Undec].map(Label::as_str), ["in", "out", "undec"]);
        let g = graph(3, &[(0, 1), (0, 1), (2, 1), (5, 0), (0, 9)]);
        assert_eq!((g.len(), g.attack_count()), (3, 2));
        assert!(!g.is_empty() && graph(0, &[]).is_empty());
        assert_eq!((g.attackers(1), g.targets(0)), (&[0, 2][..], &[1][..]));
        assert!(g.attackers(7).is_empty() && g.targets(7).is_empty());
    }

    #[test]
    fn single_attack() {
        check_grounded(&graph(2, &[(1, 0)]), &[Out, In]);
    }

    #[test]
    fn reinstatement() {
        check_grounded(&graph(3, &[(2, 1), (1, 0)]), &[In, Out, In]);
    }

    #[test]
    fn mutual_attack() {
        let g = graph(2, &[(0, 1), (1, 0)]);
        check_grounded(&g, &[Undec, Undec]);
        assert_eq!(pref(&g), (2, vec![true, true], vec![false, false]));
    }

    #[test]
    fn nixon_diamond() {
        // 0 "pacifist, being a quaker" <-> 1 "not pacifist, being a
        // republican"; 1 attacks 2 "will join the protest"; 0 attacks 3
        // "backs the war".
        let g = graph(4, &[(0, 1), (1, 0), (0, 3), (1, 2)]);
        check_grounded(&g, &[Undec; 4]);
        assert_eq!(pref(&g), (2, vec![true; 4], vec![false; 4]));
    }

    #[test]
    fn odd_cycle() {
        let g = graph(3, &[(0, 1), (1, 2), (2, 0)]);
        check_grounded(&g, &[Undec; 3]);
        assert_eq!(pref(&g), (1, vec![false; 3], vec![false; 3]));
        let labels = grounded(&g);
        assert_eq!(undec_cycle(&g, &labels, 0), [0, 1, 2]);
        assert_eq!(undec_cycle(&g, &labels, 2), [2, 0, 1]);
    }

    #[test]
    fn self_attack() {
        let g = graph(1, &[(0, 0)]);
        check_grounded(&g, &[Undec]);
        assert_eq!(pref(&g), (1, vec![false], vec![false]));
        assert_eq!(undec_cycle(&g, &grounded(&g), 0), [0]);
        check_grounded(&graph(2, &[(0, 0), (1, 0), (0, 0)]), &[Out, In]);
    }

    #[test]
    fn attacked_only_by_out_nodes_is_in() {
        let g = graph(4, &[(3, 1), (3, 2), (1, 0), (2, 0), (1, 0)]);
        check_grounded(&g, &[In, Out, Out, In]);
        assert_eq!(
            pref(&g),
            (1, vec![true, false, false, true], vec![true, false, false, true])
        );
        assert!(undec_cycle(&g, &grounded(&g), 0).is_empty());
    }

    #[test]
    fn floating_acceptance() {
        // a <-> b, both attack c, c attacks d: extensions {a, d} and {b, d};
        // c is Out in both, so d is sceptically accepted.
        let g = graph(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]);
        check_grounded(&g, &[Undec; 4]);
        let expected = (2, vec![true, true, false, true], vec![false, false, false, true]);
        assert_eq!(pref(&g), expected);
    }

    #[test]
    fn cycle_behind_mutual_pair() {
        let g = graph(3, &[(0, 1), (1, 0), (0, 2), (1, 2)]);
        let labels = grounded(&g);
        let cycle = undec_cycle(&g, &labels, 2);
        assert_eq!(cycle, [0, 1]);
        assert_valid_cycle(&g, &labels, &cycle);
    }

    #[test]
    fn clique_is_too_large() {
        let n = 20u32;
        let edges: Vec<(u32, u32)> = (0..n)
            .flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b)))
            .collect();
        let g = graph(n as usize, &edges);
        check_grounded(&g, &[Undec; 20]);
        let err = preferred(&g, 50).expect_err("too large");
        assert_eq!(
            err,
            TooLarge {
                component_nodes: 20,
                component_attacks: 380,
                limit: 50
            }
        );
        assert!(err.to_string().contains("380 attacks"));
        // With a generous limit every single node is an extension.
        let p = preferred(&g, 1000).expect("within limit");
        assert_eq!((p.extensions, p.credulous), (20, vec![true; 20]));
    }

    struct Rng(u64);

    impl Rng {
        fn below(&mut self, k: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % k
        }
    }

    /// Preferred extensions by brute force over all subsets (n <= 12).
    fn brute_preferred(g: &AttackGraph) -> Preferred {
        let n = g.len() as u32;
        let mask = |list: &[u32]| list.iter().fold(0u32, |m, &v| m | 1 << v);
        let members = |s: u32| (0..n).filter(move |&v| s >> v & 1 == 1);
        let admissible: Vec<u32> = (0..1u32 << n)
            .filter(|&s| {
                let attacked = members(s).fold(0, |m, v| m | mask(g.targets(v)));
                members(s).all(|v| mask(g.attackers(v)) & (s | !attacked) == 0)
            })
            .collect();
        let prefs: Vec<u32> = admissible
            .iter()
            .copied()
            .filter(|&s| !admissible.iter().any(|&t| t != s && t & s == s))
            .collect();
        Preferred {
            credulous: (0..n).map(|v| prefs.iter().any(|&s| s >> v & 1 == 1)).collect(),
            sceptical: (0..n).map(|v| prefs.iter().all(|&s| s >> v & 1 == 1)).collect(),
            out_in_all: (0..n)
                .map(|v| prefs.iter().all(|&s| members(s).any(|a| g.attackers(v).contains(&a))))
                .collect(),
            extensions: prefs.len() as u64,
        }
    }

    #[test]
    fn random_graphs_match_references() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut preferred_checked = 0;
        for round in 0..2000 {
            let n = 1 + rng.below(30) as u32;
            let m = rng.below(61) as usize;
            let mut edges: Vec<(u32, u32)> = Vec::with_capacity(m + 2);
            for _ in 0..m {
                edges.push((rng.below(n as u64) as u32, rng.below(n as u64) as u32));
            }
            if round % 5 == 0 {
                let v = rng.below(n as u64) as u32;
                edges.push((v, v));
            }
            if let Some(&e) = edges.first() {
                edges.push(e);
            }
            let g = graph(n as usize, &edges);
            let labels = grounded(&g);
            assert_eq!(labels, grounded_naive(&g), "graph {edges:?}");
            let p = preferred(&g, 1000).expect("limit 1000 is enough here");
            for (v, &label) in (0..n).zip(&labels) {
                let cycle = undec_cycle(&g, &labels, v);
                match label {
                    Undec => assert_valid_cycle(&g, &labels, &cycle),
                    _ => assert!(cycle.is_empty()),
                }
                let (cred, scept) = (p.credulous[v as usize], p.sceptical[v as usize]);
                assert!(cred || !scept);
                assert!(label != In || scept);
            }
            if n <= 12 {
                assert_eq!(p, brute_preferred(&g), "graph n={n} {edges:?}");
                preferred_checked += 1;
            }
        }
        assert!(preferred_checked > 500);
    }

    #[test]
    fn large_chain_and_cycle_do_not_overflow() {
        let (chain, ring) = (200_000u32, 100_000u32);
        let mut edges: Vec<(u32, u32)> = (0..chain - 1).map(|i| (i, i + 1)).collect();
        edges.extend((0..ring).map(|i| (chain + i, chain + (i + 1) % ring)));
        let g = graph((chain + ring) as usize, &edges);
        let labels = grounded(&g);
        let expected = |i: usize| match (i < chain as usize, i % 2) {
            (true, 0) => In,
            (true, _) => Out,
            (false, _) => Undec,
        };
        assert!(labels.iter().enumerate().all(|(i, &l)| l == expected(i)));
        let cycle = undec_cycle(&g, &labels, chain);
        assert_eq!(cycle.len(), ring as usize);
        assert_valid_cycle(&g, &labels, &cycle);
        let err = preferred(&g, 50).expect_err("ring too large");
        assert_eq!((err.component_nodes, err.component_attacks), (100_000, 100_000));
        let p = preferred(&g, usize::MAX).expect("no limit");
        assert_eq!(p.extensions, 2);
        for (i, &l) in labels.iter().enumerate() {
            assert_eq!((p.credulous[i], p.sceptical[i]), (l != Out, l == In));
        }
    }
}
