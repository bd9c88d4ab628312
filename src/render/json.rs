//! The JSON report (stable; documented in docs/json.md).

use crate::diagnostic::Diagnostic;
use crate::graph::Workspace;
use serde::Serialize;

/// One position range, 1-based, columns in characters, end exclusive.
#[derive(Serialize)]
struct JsonLabel {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    rule: &'static str,
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
    help: Option<String>,
    labels: Vec<JsonLabel>,
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

#[derive(Serialize)]
struct JsonReport {
    diagnostics: Vec<JsonDiagnostic>,
    summary: Summary,
}

/// Renders the report as one JSON object (pretty-printed, newline at end).
pub fn render(ws: &Workspace, diags: &[Diagnostic], summary: Summary) -> String {
    let range = |file: usize, span: &std::ops::Range<usize>| {
        let a = super::pos(ws, file, span.start);
        let b = super::pos(ws, file, span.end.max(span.start));
        (ws.files[file].name.clone(), a.line, a.column, b.line, b.column)
    };
    let diagnostics = diags
        .iter()
        .map(|d| {
            let (file, line, column, end_line, end_column) = range(d.loc.file, &d.loc.span);
            JsonDiagnostic {
                rule: d.rule,
                severity: d.severity.as_str(),
                file,
                line,
                column,
                end_line,
                end_column,
                message: d.message.clone(),
                help: d.help.clone(),
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (file, line, column, end_line, end_column) = range(l.loc.file, &l.loc.span);
                        JsonLabel {
                            file,
                            line,
                            column,
                            end_line,
                            end_column,
                            message: l.message.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&JsonReport { diagnostics, summary })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
