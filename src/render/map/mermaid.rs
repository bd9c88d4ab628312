//! `argcheck graph --format mermaid`: a Mermaid flowchart, bottom to top,
//! that GitHub renders inside a ```` ```mermaid ```` block.

use super::{node_lines, wrap, EdgeKind, Map, NodeKind, State, MAX_TEXT_LINES, WRAP};
use crate::graph::StmtKind;
use std::fmt::Write;

/// `s` safe inside a double-quoted Mermaid label: quotes, `#`, `&`, `<`,
/// `>`, brackets, braces, pipes and backticks as Mermaid entity codes
/// (`#34;`), control characters and line breaks as spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '`' | '[' | ']' | '{' | '}' | '(' | ')' | '|' | ';' | '\\' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() || crate::render::is_unsafe(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Opening and closing brackets of a node's shape.
fn brackets(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Statement(StmtKind::Claim) => ("[[", "]]"),
        NodeKind::Statement(StmtKind::Premise) => ("(", ")"),
        NodeKind::Statement(StmtKind::Evidence) => ("[", "]"),
        NodeKind::Statement(StmtKind::Assumption) => ("[/", "/]"),
        NodeKind::Statement(StmtKind::Objection) => ("{{", "}}"),
        NodeKind::Source => ("[(", ")]"),
        NodeKind::Question => (">", "]"),
        NodeKind::Joint => ("((", "))"),
    }
}

/// The map as a Mermaid flowchart.
pub fn write(map: &Map) -> String {
    let mut s = String::from("flowchart BT\n");
    for (i, n) in map.nodes.iter().enumerate() {
        let label = match n.kind {
            NodeKind::Joint => escape("&"),
            _ => {
                let (head, text, facts) = node_lines(n);
                let mut lines = vec![format!("<b>{}</b>", escape(&head))];
                lines.extend(wrap(&text, WRAP, MAX_TEXT_LINES).iter().map(|l| escape(l)));
                lines.extend(facts.map(|f| format!("<i>{}</i>", escape(&f))));
                let rules = map.rules_on(i);
                if !rules.is_empty() {
                    lines.push(format!("#91;{}#93;", escape(&rules.join(", "))));
                }
                lines.join("<br/>")
            }
        };
        let (open, close) = brackets(n.kind);
        let _ = writeln!(s, "  {}{open}\"{label}\"{close}", n.key);
    }
    let mut attack_links: Vec<usize> = Vec::new();
    let mut soft_links: Vec<usize> = Vec::new();
    let mut source_links: Vec<usize> = Vec::new();
    let mut answer_links: Vec<usize> = Vec::new();
    let mut least_links: Vec<usize> = Vec::new();
    for (k, e) in map.edges.iter().enumerate() {
        let (mut from, mut to) = (&map.nodes[e.from].key, &map.nodes[e.to].key);
        if e.kind == EdgeKind::Answers {
            // Answer first, so that the question ranks above its answers.
            std::mem::swap(&mut from, &mut to);
        }
        let arrow = match (e.kind, &e.label) {
            // In pipes: a score's `.` cannot end a `-. text .-` early.
            (EdgeKind::Answers, Some(l)) => format!("-.-|{}|", escape(l)),
            (EdgeKind::Answers, None) => "-.-".to_string(),
            (EdgeKind::Attack, _) => "-. attacks .->".to_string(),
            (EdgeKind::Link, _) => "---".to_string(),
            (EdgeKind::Derives, _) => "-. derived-from .-".to_string(),
            (_, Some(l)) => format!("-->|{}|", escape(l)),
            _ => "-->".to_string(),
        };
        match e.kind {
            EdgeKind::Attack => attack_links.push(k),
            EdgeKind::Answers if map.least_answer(k) => least_links.push(k),
            EdgeKind::Answers => answer_links.push(k),
            EdgeKind::Cite | EdgeKind::Derives => source_links.push(k),
            _ if !e.counts => soft_links.push(k),
            _ => {}
        }
        let _ = writeln!(s, "  {from} {arrow} {to}");
    }
    let list = |v: &[usize]| v.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(",");
    if !attack_links.is_empty() {
        let _ = writeln!(
            s,
            "  linkStyle {} stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#c62828",
            list(&attack_links)
        );
    }
    if !source_links.is_empty() {
        let _ = writeln!(s, "  linkStyle {} stroke:#1565c0", list(&source_links));
    }
    if !answer_links.is_empty() {
        let _ = writeln!(
            s,
            "  linkStyle {} stroke:#7e57c2,stroke-dasharray:2 3,color:#5e35b1",
            list(&answer_links)
        );
    }
    if !least_links.is_empty() {
        let _ = writeln!(
            s,
            "  linkStyle {} stroke:#7e57c2,stroke-width:3px,stroke-dasharray:4 3,color:#5e35b1",
            list(&least_links)
        );
    }
    if !soft_links.is_empty() {
        let _ = writeln!(
            s,
            "  linkStyle {} stroke:#90a4ae,stroke-dasharray:2 3",
            list(&soft_links)
        );
    }
    for state in State::ALL {
        let (fill, stroke) = state.colors();
        let _ = writeln!(
            s,
            "  classDef {} fill:{fill},stroke:{stroke},color:#212121",
            state.as_str()
        );
        let members: Vec<&str> = map
            .nodes
            .iter()
            .filter(|n| n.stmt.as_ref().is_some_and(|sf| sf.state == state))
            .map(|n| n.key.as_str())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(s, "  class {} {}", members.join(","), state.as_str());
        }
    }
    let sources = map.keys_of(NodeKind::Source);
    if !sources.is_empty() {
        let _ = writeln!(s, "  classDef source fill:#e3f2fd,stroke:#1565c0,color:#212121");
        let _ = writeln!(s, "  class {} source", sources.join(","));
    }
    let questions = map.keys_of(NodeKind::Question);
    if !questions.is_empty() {
        let _ = writeln!(s, "  classDef question fill:#ede7f6,stroke:#5e35b1,color:#212121");
        let _ = writeln!(s, "  class {} question", questions.join(","));
    }
    s
}
