//! `argcheck graph --format json`: the map as data (docs/json.md,
//! "argcheck graph").

use super::{Map, NodeKind};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonMap<'a> {
    claim: Option<&'a str>,
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    key: &'a str,
    kind: &'static str,
    id: &'a str,
    text: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    statement: Option<JsonStmt<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<JsonSource<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<JsonQuestion<'a>>,
    rules: Vec<&'static str>,
    diagnostics: &'a [usize],
}

#[derive(Serialize)]
struct JsonStmt<'a> {
    state: &'static str,
    grounded: bool,
    ceiling: Option<&'static str>,
    confidence: Option<&'static str>,
    label: &'static str,
    standing: &'static str,
    origins: &'a [String],
    by: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    reliability: Option<String>,
    reliability_meaning: Option<&'static str>,
    kind: Option<&'a str>,
    url: Option<&'a str>,
    date: Option<&'a str>,
    origins: &'a [String],
    retracted: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    warned: bool,
    incoherent: bool,
    rows: usize,
    diagnostic_rows: usize,
    answers: Vec<JsonAnswer<'a>>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    id: &'a str,
    node: Option<&'a str>,
    score: f64,
    least_inconsistent: bool,
    confidence: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    counts: bool,
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'static str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    node: Option<&'a str>,
}

/// Writes the map as one pretty-printed JSON object.
pub fn write(map: &Map, out: &mut dyn Write) -> std::io::Result<()> {
    let nodes = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| JsonNode {
            key: &n.key,
            kind: n.kind.as_str(),
            id: &n.id,
            text: &n.text,
            file: &n.file,
            line: n.line,
            column: n.column,
            statement: n.stmt.as_ref().map(|s| JsonStmt {
                state: s.state.as_str(),
                grounded: s.grounded,
                ceiling: s.ceiling.map(|t| t.as_str()),
                confidence: s.confidence.map(|t| t.as_str()),
                label: s.label.as_str(),
                standing: s.standing.as_str(),
                origins: &s.origins,
                by: s.by.as_ref().map(|(_, id)| id.as_str()),
            }),
            source: match n.kind {
                NodeKind::Source => n.source.as_ref().map(|s| JsonSource {
                    reliability: s.reliability.map(|c| c.to_string()),
                    reliability_meaning: s.reliability_meaning,
                    kind: s.kind.as_deref(),
                    url: s.url.as_deref(),
                    date: s.date.as_deref(),
                    origins: &s.origins,
                    retracted: s.retracted.as_deref(),
                }),
                _ => None,
            },
            question: n.question.as_ref().map(|q| JsonQuestion {
                warned: q.warned,
                incoherent: q.incoherent,
                rows: q.rows,
                diagnostic_rows: q.diagnostic_rows,
                answers: q
                    .answers
                    .iter()
                    .map(|a| JsonAnswer {
                        id: &a.id,
                        node: a.key.as_deref(),
                        score: a.score.as_f64(),
                        least_inconsistent: a.least_inconsistent,
                        confidence: a.confidence.map(|t| t.as_str()),
                    })
                    .collect(),
            }),
            rules: map.rules_on(i),
            diagnostics: &n.diagnostics,
        })
        .collect();
    let edges = map
        .edges
        .iter()
        .map(|e| JsonEdge {
            from: &map.nodes[e.from].key,
            to: &map.nodes[e.to].key,
            kind: e.kind.as_str(),
            counts: e.counts,
            label: e.label.as_deref(),
        })
        .collect();
    let diagnostics = map
        .findings
        .iter()
        .zip(&map.finding_node)
        .map(|(f, n)| JsonDiagnostic {
            rule: f.rule,
            severity: f.severity.as_str(),
            file: &f.location.path,
            line: f.location.range.start_line,
            column: f.location.range.start_column,
            message: &f.message,
            node: n.map(|n| map.nodes[n].key.as_str()),
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &JsonMap {
            claim: map.claim.as_deref(),
            nodes,
            edges,
            diagnostics,
        },
    )?;
    out.write_all(b"\n")
}
