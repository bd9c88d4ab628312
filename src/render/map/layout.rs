//! Where each node of a map goes: a layered layout, bottom to top
//! (sources in a row at the bottom, each statement above what it rests
//! on), by `dugong` (a port of dagre) within a work budget, else by a
//! simple linear layered layout.
//!
//! Inputs are given in the map's order (graph order: files, then place in
//! file), so the same map always gets the same layout, and a small edit
//! moves little.

use super::{EdgeKind, Map, NodeKind};
use dugong::graphlib::{Graph, GraphOptions};
use dugong::{EdgeLabel, GraphLabel, NodeLabel, RankDir, WorkControl, WorkError};

/// A point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    /// Left to right.
    pub x: f64,
    /// Top to bottom.
    pub y: f64,
}

/// A laid-out map: node centres and sizes, edge routes, canvas size.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Centre of each node (same order as [`Map::nodes`]).
    pub centers: Vec<Pt>,
    /// Route of each edge (same order as [`Map::edges`]), from its tail to
    /// its head, at least two points.
    pub routes: Vec<Vec<Pt>>,
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Why the simple layout was used instead of dugong's, if it was.
    pub fallback: Option<String>,
    /// Work units dugong spent (0 for the simple layout).
    pub work: usize,
}

/// Work units dugong may spend (its own accounting: deterministic, unlike
/// a clock, so the same input always gets the same layout). Measured
/// (docs/performance.md): the Partaw map (56 nodes) takes 40 thousand, a
/// 3,000-statement corpus (4,350 nodes) 132 million in about 2 s; past the
/// budget the simple layout takes over.
pub const WORK_BUDGET: usize = 150_000_000;

/// Maps with more nodes than this skip dugong at once (its time grows
/// about quadratically: 14,446 nodes took 58 s).
pub const MAX_DUGONG_NODES: usize = 5_000;

/// Space between nodes of one layer, and between layers.
const NODE_SEP: f64 = 28.0;
const RANK_SEP: f64 = 56.0;
const MARGIN: f64 = 16.0;

struct Budget {
    left: usize,
}

impl WorkControl for Budget {
    fn charge(&mut self, units: usize) -> Result<(), WorkError> {
        match self.left.checked_sub(units) {
            Some(l) => {
                self.left = l;
                Ok(())
            }
            None => Err(WorkError::Interrupted),
        }
    }
}

/// Lays out `map` whose nodes have the given sizes (width, height).
pub fn layout(map: &Map, sizes: &[(f64, f64)]) -> Layout {
    layout_with(map, sizes, WORK_BUDGET, MAX_DUGONG_NODES)
}

/// [`layout`] with an explicit work budget and node limit (for tests and
/// measurements).
pub fn layout_with(map: &Map, sizes: &[(f64, f64)], budget: usize, max_nodes: usize) -> Layout {
    if map.nodes.len() > max_nodes {
        return layered(
            map,
            sizes,
            format!(
                "the map has {} nodes, more than the {max_nodes} laid out by dugong: a simple layered layout is used (limit the map with --claim ID for a better one)",
                map.nodes.len()
            ),
        );
    }
    match with_dugong(map, sizes, budget) {
        Ok(l) => l,
        Err(why) => layered(map, sizes, why),
    }
}

fn with_dugong(map: &Map, sizes: &[(f64, f64)], budget: usize) -> Result<Layout, String> {
    let mut g: Graph<NodeLabel, EdgeLabel, GraphLabel> = Graph::new(GraphOptions {
        multigraph: true,
        compound: false,
        directed: true,
    });
    g.set_graph(GraphLabel {
        rankdir: RankDir::BT,
        nodesep: NODE_SEP,
        ranksep: RANK_SEP,
        edgesep: 12.0,
        marginx: MARGIN,
        marginy: MARGIN,
        ..Default::default()
    });
    g.set_default_edge_label(|| EdgeLabel {
        weight: 1.0,
        ..Default::default()
    });
    // Sources are laid out apart, in their own row below (see
    // [`source_row`]): their citations would otherwise stretch every layer.
    let laid = |i: usize| map.nodes[i].kind != NodeKind::Source;
    for (n, (w, h)) in map.nodes.iter().zip(sizes).filter(|(n, _)| n.kind != NodeKind::Source) {
        g.set_node(
            n.key.clone(),
            NodeLabel {
                width: *w,
                height: *h,
                ..Default::default()
            },
        );
    }
    for (k, e) in map.edges.iter().enumerate() {
        if e.from == e.to || !laid(e.from) || !laid(e.to) {
            continue;
        }
        let label = EdgeLabel {
            // dugong's default weight is 0, which routes long edges far
            // away; dagre's is 1. Attacks pull less than support; a
            // question pulls its answers together (on the Partaw map the
            // three answers of `isk-base` end up side by side).
            weight: match e.kind {
                EdgeKind::Attack => 0.5,
                EdgeKind::Answers => 3.0,
                _ => 1.0,
            },
            minlen: 1,
            ..Default::default()
        };
        let (tail, head) = ranked(e);
        g.set_edge_named(
            map.nodes[tail].key.clone(),
            map.nodes[head].key.clone(),
            Some(format!("e{k}")),
            Some(label),
        );
    }
    let mut control = Budget { left: budget };
    dugong::layout_controlled(&mut g, &mut control).map_err(|e| match e {
        dugong::LayoutError::Work(_) => format!(
            "laying out {} nodes with dugong needs more than its work budget: a simple layered layout is used (limit the map with --claim ID for a better one)",
            map.nodes.len()
        ),
        other => format!("dugong could not lay the map out ({other}): a simple layered layout is used"),
    })?;
    let mut centers = Vec::with_capacity(map.nodes.len());
    for (i, n) in map.nodes.iter().enumerate() {
        if !laid(i) {
            centers.push(Pt { x: 0.0, y: 0.0 });
            continue;
        }
        let l = g.node(&n.key).ok_or("dugong lost a node")?;
        centers.push(Pt {
            x: l.x.unwrap_or(0.0),
            y: l.y.unwrap_or(0.0),
        });
    }
    let dip = source_row(map, sizes, &mut centers);
    // The citations reaching a statement end side by side on the left of
    // its bottom edge, leaving the middle to the edges dugong routes.
    let mut cites_in = vec![0usize; map.nodes.len()];
    for e in &map.edges {
        if e.kind == EdgeKind::Cite {
            cites_in[e.to] += 1;
        }
    }
    // And they leave a source side by side along its top, in the order of
    // where they go, so that a source cited often is not one knot.
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); map.nodes.len()];
    for (k, e) in map.edges.iter().enumerate() {
        if e.kind == EdgeKind::Cite {
            out_of[e.from].push(k);
        }
    }
    let mut start_frac = vec![0.5f64; map.edges.len()];
    for list in &mut out_of {
        list.sort_by(|a, b| {
            let (x, y) = (centers[map.edges[*a].to].x, centers[map.edges[*b].to].x);
            x.total_cmp(&y).then(a.cmp(b))
        });
        let m = list.len() as f64;
        for (i, k) in list.iter().enumerate() {
            start_frac[*k] = 0.1 + 0.8 * (i as f64 + 0.5) / m;
        }
    }
    let mut cite_seen = vec![0usize; map.nodes.len()];
    let mut routes = Vec::with_capacity(map.edges.len());
    for (k, e) in map.edges.iter().enumerate() {
        if !laid(e.from) || !laid(e.to) {
            let mut to = centers[e.to];
            let mut from = centers[e.from];
            if e.kind == EdgeKind::Cite {
                let (i, m) = (cite_seen[e.to], cites_in[e.to]);
                cite_seen[e.to] += 1;
                let frac = 0.12 + 0.3 * i as f64 / (m.max(2) - 1) as f64;
                to.x += sizes[e.to].0 * (frac - 0.5);
                from.x += sizes[e.from].0 * (start_frac[k] - 0.5);
            }
            routes.push(source_route(e.kind, from, sizes[e.from], to, sizes[e.to], dip));
            continue;
        }
        let (tail, head) = ranked(e);
        let (a, b) = (&map.nodes[tail].key, &map.nodes[head].key);
        let name = format!("e{k}");
        let mut pts: Vec<Pt> = g
            .edge(a, b, Some(&name))
            .map(|l| l.points.iter().map(|p| Pt { x: p.x, y: p.y }).collect())
            .unwrap_or_default();
        if tail != e.from {
            // Laid out reversed; routed, like every edge, from `from` to `to`.
            pts.reverse();
        }
        routes.push(if pts.len() >= 2 {
            pts
        } else {
            straight(centers[e.from], sizes[e.from], centers[e.to], sizes[e.to])
        });
    }
    let gl = g.graph();
    let (mut width, mut height) = (gl.width, gl.height);
    for (c, (w, h)) in centers.iter().zip(sizes) {
        width = width.max(c.x + w / 2.0 + MARGIN);
        height = height.max(c.y + h / 2.0 + MARGIN);
    }
    height = height.max(dip + MARGIN);
    Ok(Layout {
        centers,
        routes,
        width,
        height,
        fallback: None,
        work: budget - control.left,
    })
}

/// An edge's (tail, head) for ranking: an `answers` edge ranks its
/// question above the answer, as a conclusion above its reasons.
fn ranked(e: &super::Edge) -> (usize, usize) {
    if e.kind == EdgeKind::Answers {
        (e.to, e.from)
    } else {
        (e.from, e.to)
    }
}

/// Places the sources in one row below everything else, each as near as
/// the row allows to the middle of the statements citing it (sources in
/// that order, ties in map order). Returns the lowest y the routes under
/// the row (`derived-from`) may reach.
fn source_row(map: &Map, sizes: &[(f64, f64)], centers: &mut [Pt]) -> f64 {
    let sources: Vec<usize> = (0..map.nodes.len())
        .filter(|&i| map.nodes[i].kind == NodeKind::Source)
        .collect();
    let mut bottom = MARGIN;
    for (i, n) in map.nodes.iter().enumerate() {
        if n.kind != NodeKind::Source {
            bottom = bottom.max(centers[i].y + sizes[i].1 / 2.0);
        }
    }
    if sources.is_empty() {
        return bottom;
    }
    let mut sum = vec![(0.0f64, 0usize); map.nodes.len()];
    for e in &map.edges {
        if e.kind == EdgeKind::Cite && map.nodes[e.to].kind != NodeKind::Source {
            sum[e.from].0 += centers[e.to].x;
            sum[e.from].1 += 1;
        }
    }
    let bary = |i: usize| {
        if sum[i].1 == 0 {
            f64::MAX
        } else {
            sum[i].0 / sum[i].1 as f64
        }
    };
    let mut order = sources.clone();
    order.sort_by(|a, b| bary(*a).total_cmp(&bary(*b)).then(a.cmp(b)));
    let row_h = sources.iter().map(|&i| sizes[i].1).fold(0.0, f64::max);
    let y = bottom + RANK_SEP * 1.5 + row_h / 2.0;
    let mut right = MARGIN - NODE_SEP;
    for i in order {
        let w = sizes[i].0;
        let want = if sum[i].1 == 0 {
            right + NODE_SEP
        } else {
            bary(i) - w / 2.0
        };
        let left = want.max(right + NODE_SEP);
        centers[i] = Pt { x: left + w / 2.0, y };
        right = left + w;
    }
    y + row_h / 2.0 + 36.0
}

/// The route of an edge touching the source row: a citation rises from
/// the source's top to the statement's bottom; a `derived-from` dips under
/// the row from one source's bottom to the other's.
fn source_route(kind: EdgeKind, a: Pt, sa: (f64, f64), b: Pt, sb: (f64, f64), dip: f64) -> Vec<Pt> {
    if kind == EdgeKind::Derives {
        let (p, q) = (
            Pt {
                x: a.x,
                y: a.y + sa.1 / 2.0,
            },
            Pt {
                x: b.x,
                y: b.y + sb.1 / 2.0,
            },
        );
        let low = dip - 8.0;
        return vec![p, Pt { x: p.x, y: low }, Pt { x: q.x, y: low }, q];
    }
    let p = Pt {
        x: a.x,
        y: a.y - sa.1 / 2.0,
    };
    let q = Pt {
        x: b.x,
        y: b.y + sb.1 / 2.0,
    };
    let mid = (p.y + q.y) / 2.0;
    vec![p, Pt { x: p.x, y: mid }, Pt { x: q.x, y: mid }, q]
}

/// A straight route between the borders of two boxes.
fn straight(a: Pt, sa: (f64, f64), b: Pt, sb: (f64, f64)) -> Vec<Pt> {
    let border = |c: Pt, s: (f64, f64), toward: Pt| {
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let (hw, hh) = (s.0 / 2.0, s.1 / 2.0);
        let t = if dx.abs() * hh > dy.abs() * hw {
            hw / dx.abs()
        } else {
            hh / dy.abs()
        };
        Pt {
            x: c.x + dx * t,
            y: c.y + dy * t,
        }
    };
    vec![border(a, sa, b), border(b, sb, a)]
}

/// The simple layout: a node's layer is one above the highest node
/// supporting it (cycles and attacks ignored: Kahn's order, leftovers on
/// top), nodes of a layer side by side in map order, straight edges.
/// Linear in nodes and edges.
fn layered(map: &Map, sizes: &[(f64, f64)], why: String) -> Layout {
    let n = map.nodes.len();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for e in &map.edges {
        let (tail, head) = ranked(e);
        if e.kind != EdgeKind::Attack && tail != head {
            out_edges[tail].push(head);
            indegree[head] += 1;
        }
    }
    let mut layer = vec![0usize; n];
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut done = vec![false; n];
    while let Some(v) = queue.pop_front() {
        done[v] = true;
        for &w in &out_edges[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    let top = layer.iter().copied().max().unwrap_or(0);
    for (v, d) in done.iter().enumerate() {
        if !d {
            layer[v] = top + 1;
        }
    }
    let layers = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut row_height = vec![0.0f64; layers];
    let mut row_width = vec![0.0f64; layers];
    for v in 0..n {
        row_height[layer[v]] = row_height[layer[v]].max(sizes[v].1);
    }
    // Bottom to top: layer 0 is the lowest row.
    let mut row_y = vec![0.0f64; layers];
    let mut y = MARGIN;
    for l in (0..layers).rev() {
        row_y[l] = y + row_height[l] / 2.0;
        y += row_height[l] + RANK_SEP;
    }
    let height = y - RANK_SEP + MARGIN;
    let mut centers = vec![Pt { x: 0.0, y: 0.0 }; n];
    for v in 0..n {
        let l = layer[v];
        let x = MARGIN + row_width[l] + sizes[v].0 / 2.0;
        row_width[l] += sizes[v].0 + NODE_SEP;
        centers[v] = Pt { x, y: row_y[l] };
    }
    let width = row_width.iter().copied().fold(0.0, f64::max) + 2.0 * MARGIN;
    let routes = map
        .edges
        .iter()
        .map(|e| straight(centers[e.from], sizes[e.from], centers[e.to], sizes[e.to]))
        .collect();
    Layout {
        centers,
        routes,
        width,
        height: height.max(2.0 * MARGIN),
        fallback: Some(why),
        work: 0,
    }
}
