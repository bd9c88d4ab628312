//! An argument graph written as Argdown (<https://argdown.org>), so that it
//! opens in Argdown's VS Code preview and web sandbox, and so that
//! `argcheck import` (or `argcheck check map.argdown`) reads back the same
//! graph (docs/argdown.md has the mapping).
//!
//! - sources → the front matter's `sources:` (title, reliability, kind,
//!   url, date, derived-from, retracted);
//! - a statement → `[id]: text {kind: …, confidence: …, cite: […], by: …,
//!   expect: […], allow: […]}`, with its attacks under it (`-> [target]`);
//! - each reason (`because:`) → an argument `<id: reason n>` with its
//!   premise–conclusion structure: the reason's statements, a bar, the
//!   statement it supports;
//! - questions (competing hypotheses) and `rates:` have no counterpart:
//!   they are written as `//` comments.
//!
//! Text is written on one line (runs of white space become one space), with
//! the characters Argdown would read as markup escaped by a backslash.

use crate::graph::Graph;
use std::fmt::Write as _;

/// A YAML / JSON double-quoted string.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Text escaped for an Argdown statement or argument description.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        for c in w.chars() {
            if matches!(
                c,
                '\\' | '[' | ']' | '{' | '}' | '#' | '*' | '_' | '/' | '<' | '>' | '@'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A title: the id, escaped like text (ids hold no markup but `_`).
fn title(s: &str) -> String {
    text(s)
}

/// The graph as an Argdown document.
pub fn argdown(graph: &Graph) -> String {
    let mut out = String::new();
    let letters = ["A", "B", "C", "D", "E", "F"];
    if !graph.sources.is_empty() {
        out.push_str("===\nsources:\n");
        for s in &graph.sources {
            let _ = writeln!(out, "  {}:", s.name);
            let _ = writeln!(out, "    title: {}", q(&s.title));
            if let Some(r) = s.reliability.and_then(|r| letters.get(r)) {
                let _ = writeln!(out, "    reliability: {r}");
            }
            if let Some(k) = &s.kind {
                let _ = writeln!(out, "    kind: {}", q(k));
            }
            if let Some(u) = &s.url {
                let _ = writeln!(out, "    url: {}", q(u));
            }
            if let Some(d) = &s.date {
                let _ = writeln!(out, "    date: {}", q(d));
            }
            if !s.derived_from.is_empty() {
                let names: Vec<&str> = s
                    .derived_from
                    .iter()
                    .map(|(d, _)| graph.sources[*d].name.as_str())
                    .collect();
                let _ = writeln!(out, "    derived-from: [{}]", names.join(", "));
            }
            if let Some(r) = &s.retracted {
                match &r.note {
                    Some(n) => {
                        let _ = writeln!(out, "    retracted: {{date: {}, note: {}}}", q(&r.date), q(n));
                    }
                    None => {
                        let _ = writeln!(out, "    retracted: {}", q(&r.date));
                    }
                }
            }
        }
        out.push_str("===\n\n");
    }
    for st in &graph.statements {
        let mut data: Vec<String> = vec![format!("kind: {}", st.kind.as_str())];
        if let Some((t, _)) = &st.confidence {
            data.push(format!("confidence: {}", t.as_str()));
        }
        if !st.cites.is_empty() {
            let cites: Vec<String> = st
                .cites
                .iter()
                .map(|c| {
                    let name = graph.sources[c.source].name.as_str();
                    match c.credibility {
                        Some(k) => q(&format!("{name} {}", k + 1)),
                        None => q(name),
                    }
                })
                .collect();
            data.push(format!("cite: [{}]", cites.join(", ")));
        }
        if let Some(b) = st.by {
            data.push(format!("by: {}", graph.sources[b].name));
        }
        if !st.expect.is_empty() {
            let facts: Vec<&str> = st.expect.iter().map(|(f, _)| f.as_str()).collect();
            data.push(format!("expect: [{}]", facts.join(", ")));
        }
        if !st.allow.is_empty() {
            let rules: Vec<&str> = st.allow.iter().map(|(r, _)| *r).collect();
            data.push(format!("allow: [{}]", rules.join(", ")));
        }
        let _ = writeln!(out, "[{}]: {} {{{}}}", title(&st.name), text(&st.text), data.join(", "));
        for (t, _) in &st.attacks {
            let _ = writeln!(out, "  -> [{}]", title(&graph.statements[*t].name));
        }
        for r in &st.rates {
            let _ = writeln!(
                out,
                "  // rates {} {} (no counterpart in Argdown)",
                graph.statements[r.answer].name,
                r.rating.as_str()
            );
        }
        out.push('\n');
    }
    for st in &graph.statements {
        for (n, reason) in st.reasons.iter().enumerate() {
            let _ = writeln!(out, "<{}: reason {}>\n", title(&st.name), n + 1);
            for (k, (m, _)) in reason.members.iter().enumerate() {
                let _ = writeln!(out, "({}) [{}]", k + 1, title(&graph.statements[*m].name));
            }
            let _ = writeln!(out, "----\n({}) [{}]\n", reason.members.len() + 1, title(&st.name));
        }
    }
    for qn in &graph.questions {
        let answers: Vec<&str> = qn
            .answers
            .iter()
            .map(|(a, _)| graph.statements[*a].name.as_str())
            .collect();
        let _ = writeln!(
            out,
            "// question {} \"{}\" answers {} (competing hypotheses have no counterpart in Argdown)\n",
            qn.name,
            qn.text.replace('\n', " "),
            answers.join(", ")
        );
    }
    out
}
