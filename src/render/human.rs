//! The human report: one miette graphical diagnostic per finding.
//!
//! miette's header would show a byte column; argcheck names each snippet
//! `file:line:column` itself, with the column counted in characters.

use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::Workspace;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;
use std::sync::Arc;

/// The lines of a file around one diagnostic's labels. miette's own
/// `SourceCode` for `str` scans the text from its start on every lookup,
/// which made a report of many diagnostics on a large file quadratic; a
/// window cut with the line index keeps each lookup proportional to the
/// snippet.
struct Window {
    name: String,
    text: Arc<str>,
    /// Byte range of the window in `text`.
    start: usize,
    end: usize,
    /// 0-based line number of `start`.
    first_line: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let window = &self.text[self.start..self.end];
        let offset = span.offset().checked_sub(self.start).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(offset.into(), span.len());
        let c = window.read_span(&local, before, after)?;
        let data: &'a [u8] = c.data();
        let abs = SourceSpan::new((c.span().offset() + self.start).into(), c.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            abs,
            c.line() + self.first_line,
            c.column(),
            c.line_count() + self.first_line,
        )))
    }
}

struct Report {
    message: String,
    code: Option<&'static str>,
    severity: miette::Severity,
    help: Option<String>,
    source: Window,
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

/// Lines of context kept around the labels (miette shows one).
const CONTEXT: usize = 3;

fn source(ws: &Workspace, file: usize, offset: usize, spans: &[(usize, usize)]) -> Window {
    let f = &ws.files[file];
    let p = super::pos(ws, file, offset);
    let len = f.text.len();
    let lo = spans
        .iter()
        .map(|(s, _)| *s)
        .min()
        .unwrap_or(offset)
        .min(offset)
        .min(len);
    let hi = spans
        .iter()
        .map(|(s, l)| s + l)
        .max()
        .unwrap_or(offset)
        .max(offset)
        .min(len);
    let first_line = f.lines.line_of(lo).saturating_sub(CONTEXT);
    let last_line = f.lines.line_of(hi) + CONTEXT + 1;
    let start = f.lines.line_start(first_line);
    let end = if last_line >= f.lines.line_count() {
        len
    } else {
        f.lines.line_start(last_line)
    };
    Window {
        name: format!("{}:{}:{}", f.name, p.line, p.column),
        text: f.text.clone(),
        start,
        end: end.max(start),
        first_line,
    }
}

fn clamp(ws: &Workspace, file: usize, span: &std::ops::Range<usize>) -> (usize, usize) {
    let len = ws.files[file].text.len();
    let s = span.start.min(len);
    let e = span.end.clamp(s, len);
    (s, e - s)
}

fn report(ws: &Workspace, d: &Diagnostic) -> Report {
    let file = d.loc.file;
    let line_of = |f: usize, o: usize| ws.files[f].lines.line_of(o.min(ws.files[f].text.len()));
    let primary_line = line_of(file, d.loc.span.start);
    let mut labels = Vec::new();
    // Snippets of their own: (file, first label offset, labels).
    let mut groups: Vec<(usize, usize, Vec<LabeledSpan>)> = Vec::new();
    for (i, l) in d.labels.iter().enumerate() {
        let (s, len) = clamp(ws, l.loc.file, &l.loc.span);
        let text = Some(l.message.clone());
        // A label far from the primary span gets a snippet of its own, so
        // that the report does not print every line in between.
        if l.loc.file == file && line_of(file, s).abs_diff(primary_line) <= MAX_GAP {
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(text, (s, len))
            } else {
                LabeledSpan::new_with_span(text, (s, len))
            });
            continue;
        }
        let near = |g: &&mut (usize, usize, Vec<LabeledSpan>)| {
            g.0 == l.loc.file && line_of(g.0, g.1).abs_diff(line_of(g.0, s)) <= MAX_GAP
        };
        match groups.iter_mut().find(|g| near(g)) {
            Some(g) => g.2.push(LabeledSpan::new_with_span(text, (s, len))),
            None => groups.push((l.loc.file, s, vec![LabeledSpan::new_with_span(text, (s, len))])),
        }
    }
    let spans = |ls: &[LabeledSpan]| -> Vec<(usize, usize)> { ls.iter().map(|l| (l.offset(), l.len())).collect() };
    let related = groups
        .into_iter()
        .map(|(f, at, ls)| Report {
            message: ls.first().and_then(|l| l.label()).unwrap_or_default().to_string(),
            code: None,
            severity: miette::Severity::Advice,
            help: None,
            source: source(ws, f, at, &spans(&ls)),
            labels: ls,
            related: Vec::new(),
        })
        .collect();
    Report {
        message: d.message.clone(),
        code: Some(d.rule),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help: d.help.clone(),
        source: source(ws, file, d.loc.span.start, &spans(&labels)),
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
