//! The JSON report (stable; documented in docs/json.md).
//!
//! Written as it is serialised: each diagnostic is turned into its JSON
//! shape (borrowing its text) only while it is written, so a report of a
//! hundred thousand findings never exists twice in memory.

use crate::diagnostic::{Diagnostic, Loc};
use crate::graph::Workspace;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::io::Write;

/// One position range, 1-based, columns in characters, end exclusive.
#[derive(Serialize)]
struct JsonRange<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    at: JsonRange<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    at: JsonRange<'a>,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'static str,
    severity: &'static str,
    #[serde(flatten)]
    at: JsonRange<'a>,
    message: &'a str,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

/// The `summary` object.
#[derive(Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Statements in the graph.
    pub statements: usize,
    /// Error count.
    pub errors: usize,
    /// Warning count.
    pub warnings: usize,
    /// Info count.
    pub infos: usize,
}

fn range<'a>(ws: &'a Workspace, loc: &Loc) -> JsonRange<'a> {
    let a = super::pos(ws, loc.file, loc.span.start);
    let b = super::pos(ws, loc.file, loc.span.end.max(loc.span.start));
    JsonRange {
        file: &ws.files[loc.file].name,
        line: a.line,
        column: a.column,
        end_line: b.line,
        end_column: b.column,
    }
}

fn shape<'a>(ws: &'a Workspace, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity.as_str(),
        at: range(ws, &d.loc),
        message: &d.message,
        help: d.help.as_deref(),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                at: range(ws, &l.loc),
                message: &l.message,
            })
            .collect(),
        fixes: d
            .fixes
            .iter()
            .map(|f| JsonFix {
                title: &f.title,
                safe: f.safe,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        at: range(ws, &e.loc),
                        replacement: &e.replacement,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The diagnostics, shaped one at a time as they are serialised.
struct Lazy<'a> {
    ws: &'a Workspace,
    diags: &'a [Diagnostic],
}

impl Serialize for Lazy<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.diags.len()))?;
        for d in self.diags {
            seq.serialize_element(&shape(self.ws, d))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Lazy<'a>,
    summary: Summary,
}

/// Writes the report as one JSON object (pretty-printed, newline at end).
pub fn write(ws: &Workspace, diags: &[Diagnostic], summary: Summary, out: &mut dyn Write) -> std::io::Result<()> {
    let report = JsonReport {
        diagnostics: Lazy { ws, diags },
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Renders the report as one JSON object (pretty-printed, newline at end).
pub fn render(ws: &Workspace, diags: &[Diagnostic], summary: Summary) -> String {
    let mut out = Vec::new();
    match write(ws, diags, summary, &mut out) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}
