//! The human report: one miette graphical diagnostic per finding.
//!
//! miette's header would show a byte column; argcheck names each snippet
//! `file:line:column` itself, with the column counted in characters.
//!
//! Everything echoed from the input is made safe for a terminal first:
//! control characters (in messages, labels, help, file names and the
//! snippet lines) are written as visible escapes, over-long lines are cut
//! around their labels, and a diagnostic shows a bounded number of labels.

use super::{cap, escape, escape_keep_newlines, is_unsafe, push_escaped};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::Workspace;
use crate::span::{clamp_boundary, LineCol};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;

/// The lines of a file around one diagnostic's labels, as they are shown:
/// control characters escaped, long lines cut around the labels. Built per
/// snippet from the line index, so each costs what it shows (miette's own
/// `SourceCode` for `str` scans from the file's start on every lookup).
struct Window {
    /// The escaped file name.
    file: String,
    /// The header used when no label starts at the span asked for.
    name: String,
    /// The shown text (label spans are offsets into it).
    text: String,
    /// 0-based line number of the first shown line.
    first_line: usize,
    /// Where each label starts in `text`, and its position in the file:
    /// each snippet is headed by its own first label.
    anchors: Vec<(usize, LineCol)>,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let c = self.text.as_str().read_span(span, before, after)?;
        let data: &'a [u8] = c.data();
        let name = match self.anchors.iter().find(|(o, _)| *o == span.offset()) {
            Some((_, p)) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.name.clone(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            data,
            *c.span(),
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

/// A line longer than this (in bytes) is cut around its labels.
const MAX_LINE: usize = 400;

/// Bytes kept on each side of a label's start or end on a cut line.
const CUT_CONTEXT: usize = 60;

/// Labels drawn per diagnostic; the rest are counted in the help.
const MAX_LABELS: usize = 24;

/// Characters of a message, label or help shown; the rest are counted.
const MAX_TEXT: usize = 2_000;

/// Shown text of a window, built line by line, with the original offsets
/// of interest (label starts and ends) mapped to shown offsets.
struct Shown<'a> {
    text: &'a str,
    out: String,
    /// Sorted original offsets to map.
    points: Vec<usize>,
    /// Shown offset of each point, once reached.
    mapped: Vec<usize>,
}

impl Shown<'_> {
    /// Maps every point before `upto` to the current end of the output.
    fn flush_before(&mut self, upto: usize) {
        while self.mapped.len() < self.points.len() && self.points[self.mapped.len()] < upto {
            self.mapped.push(self.out.len());
        }
    }

    /// Shows `text[a..b]`, escaping what a terminal must not see raw.
    fn copy(&mut self, a: usize, b: usize) {
        for (i, c) in self.text[a..b].char_indices() {
            self.flush_before(a + i + 1);
            if is_unsafe(c) {
                push_escaped(&mut self.out, c);
            } else {
                self.out.push(c);
            }
        }
    }

    /// Leaves out `text[a..b]`: its points map to the marker's start.
    fn elide(&mut self, b: usize) {
        self.flush_before(b);
        self.out.push('…');
    }

    /// One line (`a..b`, without its line break).
    fn line(&mut self, a: usize, b: usize) {
        if b - a <= MAX_LINE {
            self.copy(a, b);
            return;
        }
        // Keep a stretch around each point on the line.
        let first = self.points.partition_point(|p| *p < a);
        let last = self.points.partition_point(|p| *p <= b);
        let mut keep: Vec<(usize, usize)> = Vec::new();
        if first == last {
            keep.push((a, clamp_boundary(self.text, a + 2 * CUT_CONTEXT)));
        }
        for &p in &self.points[first..last] {
            let lo = clamp_boundary(self.text, p.saturating_sub(CUT_CONTEXT).max(a));
            let hi = ceil_boundary(self.text, (p + CUT_CONTEXT).min(b));
            match keep.last_mut() {
                Some(k) if lo <= k.1 => k.1 = k.1.max(hi),
                _ => keep.push((lo, hi)),
            }
        }
        let mut at = a;
        for (lo, hi) in keep {
            if lo > at {
                self.elide(lo);
            }
            self.copy(lo, hi);
            at = hi;
        }
        if at < b {
            self.elide(b);
        }
    }
}

/// The smallest char boundary of `text` not below `offset`.
fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o < text.len() && !text.is_char_boundary(o) {
        o += 1;
    }
    o
}

/// A label to draw: original byte range, message, primary or not.
struct Mark {
    start: usize,
    end: usize,
    text: String,
    primary: bool,
}

/// The snippet of `file` around `marks`, headed `file:line:col` of
/// `offset` (or of the first label of each part miette draws), and the
/// labels in shown offsets.
fn window(ws: &Workspace, file: usize, offset: usize, marks: &[Mark]) -> (Window, Vec<LabeledSpan>) {
    let f = &ws.files[file];
    let text: &str = &f.text;
    let len = text.len();
    let offset = offset.min(len);
    let lo = marks.iter().map(|m| m.start).min().unwrap_or(offset).min(offset);
    let hi = marks.iter().map(|m| m.end).max().unwrap_or(offset).max(offset);
    let first_line = f.lines.line_of(lo).saturating_sub(CONTEXT);
    let last_line = (f.lines.line_of(hi) + CONTEXT + 1).min(f.lines.line_count());
    let mut points: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut shown = Shown {
        text,
        out: String::new(),
        mapped: Vec::with_capacity(points.len()),
        points,
    };
    for line in first_line..last_line {
        let a = f.lines.line_start(line);
        let next = if line + 1 < f.lines.line_count() {
            f.lines.line_start(line + 1)
        } else {
            len
        };
        // The line break (`\n` or `\r\n`) is kept as it is.
        let mut b = next;
        if b > a && text.as_bytes()[b - 1] == b'\n' {
            b -= 1;
            if b > a && text.as_bytes()[b - 1] == b'\r' {
                b -= 1;
            }
        }
        shown.line(a, b);
        shown.flush_before(b + 1);
        shown.out.push_str(&text[b..next]);
    }
    shown.flush_before(usize::MAX);
    let at = |o: usize| -> usize {
        match shown.points.binary_search(&o) {
            Ok(i) => shown.mapped.get(i).copied().unwrap_or(shown.out.len()),
            Err(_) => shown.out.len(),
        }
    };
    let mut anchors = Vec::new();
    let labels = marks
        .iter()
        .map(|m| {
            let (s, e) = (at(m.start), at(m.end));
            anchors.push((s, super::pos(ws, file, m.start)));
            let span = (s, e.max(s) - s);
            let t = Some(m.text.clone());
            if m.primary {
                LabeledSpan::new_primary_with_span(t, span)
            } else {
                LabeledSpan::new_with_span(t, span)
            }
        })
        .collect();
    let p = super::pos(ws, file, offset);
    let name = escape(&f.name).into_owned();
    (
        Window {
            name: format!("{name}:{}:{}", p.line, p.column),
            file: name,
            text: shown.out,
            first_line,
            anchors,
        },
        labels,
    )
}

/// A label's range in `file`, clamped to the text, and cut to at most
/// [`MAX_GAP`] lines (a label over a whole long item would show every
/// line of it).
fn clamp(ws: &Workspace, file: usize, span: &std::ops::Range<usize>) -> (usize, usize) {
    let f = &ws.files[file];
    let len = f.text.len();
    let s = clamp_boundary(&f.text, span.start.min(len));
    let mut e = clamp_boundary(&f.text, span.end.clamp(s, len));
    let last = f.lines.line_of(s) + MAX_GAP;
    if last < f.lines.line_count() {
        e = e.min(f.lines.line_start(last).max(s));
    }
    (s, e)
}

fn report(ws: &Workspace, d: &Diagnostic) -> Report {
    let file = d.loc.file;
    let line_of = |f: usize, o: usize| ws.files[f].lines.line_of(o.min(ws.files[f].text.len()));
    let primary_line = line_of(file, d.loc.span.start);
    let mut marks = Vec::new();
    // Snippets of their own: (file, first label offset, labels).
    let mut groups: Vec<(usize, usize, Vec<Mark>)> = Vec::new();
    for (i, l) in d.labels.iter().take(MAX_LABELS).enumerate() {
        let (start, end) = clamp(ws, l.loc.file, &l.loc.span);
        let mark = Mark {
            start,
            end,
            text: escape(&cap(&l.message, MAX_TEXT)).into_owned(),
            primary: i == 0,
        };
        // A label far from the primary span gets a snippet of its own, so
        // that the report does not print every line in between.
        if l.loc.file == file && line_of(file, start).abs_diff(primary_line) <= MAX_GAP {
            marks.push(mark);
            continue;
        }
        let mark = Mark { primary: false, ..mark };
        let near = |g: &&mut (usize, usize, Vec<Mark>)| {
            g.0 == l.loc.file && line_of(g.0, g.1).abs_diff(line_of(g.0, start)) <= MAX_GAP
        };
        match groups.iter_mut().find(|g| near(g)) {
            Some(g) => g.2.push(mark),
            None => groups.push((l.loc.file, start, vec![mark])),
        }
    }
    let related = groups
        .into_iter()
        .map(|(f, at, ms)| {
            let (source, labels) = window(ws, f, at, &ms);
            Report {
                message: ms.first().map(|m| m.text.clone()).unwrap_or_default(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source,
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    let mut help = d
        .help
        .as_deref()
        .map(|h| escape_keep_newlines(&cap(h, MAX_TEXT)).into_owned());
    if d.labels.len() > MAX_LABELS {
        let more = format!(
            "({} more labels are not drawn; `--format json` lists them all)",
            d.labels.len() - MAX_LABELS
        );
        help = Some(match help {
            Some(h) => format!("{h}\n{more}"),
            None => more,
        });
    }
    let (source, labels) = window(ws, file, d.loc.span.start, &marks);
    Report {
        message: escape(&cap(&d.message, MAX_TEXT)).into_owned(),
        code: Some(d.rule),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help,
        source,
        labels,
        related,
    }
}

/// How the report is drawn: colour or not, and the terminal's width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Columns to wrap messages and help at.
    pub width: usize,
}

impl Style {
    /// Colour and width from the environment (`NO_COLOR`, `CLICOLOR`,
    /// `CLICOLOR_FORCE`, `FORCE_COLOR`, `TERM`, `COLUMNS`) and, when the
    /// report goes to a terminal (`tty`), its size: the decisions are
    /// [`crate::render::color_from_env`] and [`crate::render::width_from_env`].
    pub fn for_terminal(tty: bool) -> Style {
        let var = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
        let tty_width = if tty {
            terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
        } else {
            None
        };
        Style {
            color: crate::render::color_from_env(var, tty),
            width: crate::render::width_from_env(var, tty_width),
        }
    }
}

impl Default for Style {
    /// No colour, 100 columns (what the UI tests expect).
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Renders every diagnostic, graphically, in `style`. Text wraps only
/// between words: an id (or any word) is never broken, even when it is
/// wider than the terminal.
pub fn render(ws: &Workspace, diags: &[Diagnostic], style: Style) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(ws, diags, style, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`render`], writing each diagnostic to `out` as soon as it is drawn
/// (the report of a large run is never held whole in memory).
pub fn write(ws: &Workspace, diags: &[Diagnostic], style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .without_primary_span_start()
        .with_links(false);
    let mut buf = String::new();
    for d in diags {
        buf.clear();
        let r = report(ws, d);
        if handler.render_report(&mut buf, &r).is_err() {
            buf.push_str(&format!(
                "{}: {} [{}]\n",
                d.severity.as_str(),
                escape(&cap(&d.message, MAX_TEXT)),
                d.rule
            ));
        }
        buf.push('\n');
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, points: &[usize]) -> (String, Vec<usize>) {
        let mut s = Shown {
            text,
            out: String::new(),
            points: points.to_vec(),
            mapped: Vec::new(),
        };
        s.line(0, text.len());
        s.flush_before(usize::MAX);
        (s.out, s.mapped)
    }

    #[test]
    fn escapes_keep_labels_on_their_characters() {
        let text = "ab\x1b[2Jcd";
        let c = text.find('c').unwrap_or_default();
        let (out, mapped) = show(text, &[2, c]);
        assert_eq!(out, "ab\\u{1b}[2Jcd");
        assert_eq!(&out[mapped[0]..], "\\u{1b}[2Jcd");
        assert_eq!(&out[mapped[1]..], "cd");
    }

    #[test]
    fn long_lines_are_cut_around_the_labels() {
        let text = format!("{}LABEL{}", "x".repeat(10_000), "y".repeat(10_000));
        let at = 10_000;
        let (out, mapped) = show(&text, &[at, at + 5]);
        assert!(out.len() < 2 * CUT_CONTEXT + 20, "{} bytes", out.len());
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert_eq!(&out[mapped[0]..mapped[1]], "LABEL");
        // A long line with no label keeps its start.
        let (out, _) = show(&text, &[]);
        assert!(out.len() < 2 * CUT_CONTEXT + 5 && out.starts_with("xxx"), "{out}");
    }
}
