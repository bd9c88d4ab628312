//! `argcheck graph --format dot`: Graphviz DOT, bottom to top (evidence
//! and sources below, each statement above what it rests on).

use super::{node_lines, wrap, EdgeKind, Map, NodeKind, MAX_TEXT_LINES, WRAP};
use crate::graph::StmtKind;
use std::fmt::Write;

/// `s` as the inside of a DOT double-quoted string (no escape sequence of
/// Graphviz's label language can come from the user's text).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || crate::render::is_unsafe(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Statement(StmtKind::Claim) => "shape=box, style=\"filled,bold\", penwidth=2",
        NodeKind::Statement(StmtKind::Premise) => "shape=box, style=\"filled,rounded\"",
        NodeKind::Statement(StmtKind::Evidence) => "shape=note, style=filled",
        NodeKind::Statement(StmtKind::Assumption) => "shape=parallelogram, style=\"filled,dashed\"",
        NodeKind::Statement(StmtKind::Objection) => "shape=hexagon, style=filled",
        NodeKind::Source => "shape=cylinder, style=filled, fillcolor=\"#e3f2fd\", color=\"#1565c0\"",
        NodeKind::Question => "shape=octagon, style=filled, fillcolor=\"#ede7f6\", color=\"#5e35b1\"",
        NodeKind::Joint => "shape=circle, style=filled, fillcolor=\"#ffffff\", width=0.3, fixedsize=true, fontsize=9",
    }
}

/// The map as a DOT digraph.
pub fn write(map: &Map) -> String {
    let mut s = String::new();
    s.push_str("digraph argument {\n");
    s.push_str("  rankdir=BT;\n");
    s.push_str("  node [fontname=\"Helvetica\", fontsize=11, margin=\"0.15,0.08\"];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#37474f\"];\n");
    for (i, n) in map.nodes.iter().enumerate() {
        let label = match n.kind {
            NodeKind::Joint => "&".to_string(),
            _ => {
                let (head, text, facts) = node_lines(n);
                let mut lines = vec![head];
                lines.extend(wrap(&text, WRAP, MAX_TEXT_LINES));
                lines.extend(facts);
                let rules = map.rules_on(i);
                if !rules.is_empty() {
                    lines.push(format!("[{}]", rules.join(", ")));
                }
                lines.iter().map(|l| escape(l)).collect::<Vec<_>>().join("\\n")
            }
        };
        let colors = match &n.stmt {
            Some(sf) => {
                let (fill, stroke) = sf.state.colors();
                format!(", fillcolor=\"{fill}\", color=\"{stroke}\"")
            }
            None => String::new(),
        };
        let _ = writeln!(
            s,
            "  {} [{}{colors}, label=\"{label}\", tooltip=\"{}\"];",
            n.key,
            shape(n.kind),
            escape(&super::shorten(&n.text, super::MAX_FULL_TEXT))
        );
    }
    let sources = map.keys_of(NodeKind::Source);
    if !sources.is_empty() {
        let _ = writeln!(s, "  {{ rank=min; {}; }}", sources.join("; "));
    }
    for (k, e) in map.edges.iter().enumerate() {
        let mut attrs: Vec<String> = Vec::new();
        match e.kind {
            EdgeKind::Support => {}
            EdgeKind::Link => attrs.push("arrowhead=none".into()),
            EdgeKind::Attack => {
                attrs.push(
                    "color=\"#c62828\", fontcolor=\"#c62828\", style=dashed, penwidth=1.5, constraint=false".into(),
                );
                attrs.push("label=\"attacks\"".into());
            }
            EdgeKind::Cite => attrs.push("color=\"#1565c0\", arrowsize=0.6".into()),
            EdgeKind::Derives => attrs.push("color=\"#1565c0\", style=dotted, label=\"derived-from\", dir=back".into()),
            // Written answer -> question so that the question ranks above
            // its answers; no arrowhead either way.
            EdgeKind::Answers => attrs.push(format!(
                "dir=none, style=dotted, color=\"#7e57c2\", fontcolor=\"#5e35b1\", penwidth={}",
                if map.least_answer(k) { "2.5" } else { "1.3" }
            )),
        }
        if let Some(l) = &e.label {
            attrs.push(format!("label=\"{}\"", escape(l)));
        }
        if !e.counts {
            attrs.push(if e.kind == EdgeKind::Attack {
                "color=\"#ef9a9a\"".into()
            } else {
                "style=dotted".into()
            });
        }
        let (tail, head) = if e.kind == EdgeKind::Answers {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        let _ = writeln!(
            s,
            "  {} -> {}{};",
            map.nodes[tail].key,
            map.nodes[head].key,
            if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            }
        );
    }
    s.push_str("}\n");
    s
}
