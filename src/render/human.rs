//! The human report: one miette graphical diagnostic per finding.
//!
//! miette's header would show a byte column; argcheck names each snippet
//! `file:line:column` itself, with the column counted in characters.

use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::Workspace;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

struct Report {
    message: String,
    code: Option<&'static str>,
    severity: miette::Severity,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}

/// Labels more lines than this away from the primary span are drawn in a
/// snippet of their own.
const MAX_GAP: usize = 6;

fn source(ws: &Workspace, file: usize, offset: usize) -> NamedSource<Arc<str>> {
    let f = &ws.files[file];
    let p = super::pos(ws, file, offset);
    NamedSource::new(format!("{}:{}:{}", f.name, p.line, p.column), f.text.clone())
}

fn clamp(ws: &Workspace, file: usize, span: &std::ops::Range<usize>) -> (usize, usize) {
    let len = ws.files[file].text.len();
    let s = span.start.min(len);
    let e = span.end.clamp(s, len);
    (s, e - s)
}

fn report(ws: &Workspace, d: &Diagnostic) -> Report {
    let file = d.loc.file;
    let mut labels = Vec::new();
    let mut related: Vec<Report> = Vec::new();
    let line_of = |f: usize, o: usize| ws.files[f].lines.line_of(o.min(ws.files[f].text.len()));
    let primary_line = line_of(file, d.loc.span.start);
    for (i, l) in d.labels.iter().enumerate() {
        let (s, len) = clamp(ws, l.loc.file, &l.loc.span);
        // A label far from the primary span gets a snippet of its own, so
        // that the report does not print every line in between.
        let near = l.loc.file == file && line_of(file, s).abs_diff(primary_line) <= MAX_GAP;
        if near {
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.message.clone()), (s, len))
            } else {
                LabeledSpan::new_with_span(Some(l.message.clone()), (s, len))
            });
        } else if let Some(r) = related
            .iter_mut()
            .find(|r| r.source.name().starts_with(&format!("{}:", ws.files[l.loc.file].name)))
        {
            r.labels
                .push(LabeledSpan::new_with_span(Some(l.message.clone()), (s, len)));
        } else {
            related.push(Report {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: source(ws, l.loc.file, s),
                labels: vec![LabeledSpan::new_with_span(Some(l.message.clone()), (s, len))],
                related: Vec::new(),
            });
        }
    }
    Report {
        message: d.message.clone(),
        code: Some(d.rule),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help: d.help.clone(),
        source: source(ws, file, d.loc.span.start),
        labels,
        related,
    }
}

/// Renders every diagnostic, graphically. `color` chooses the theme.
pub fn render(ws: &Workspace, diags: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .without_primary_span_start()
        .with_links(false);
    let mut out = String::new();
    for d in diags {
        let r = report(ws, d);
        if handler.render_report(&mut out, &r).is_err() {
            out.push_str(&format!("{}: {} [{}]\n", d.severity.as_str(), d.message, d.rule));
        }
        out.push('\n');
    }
    out
}
