//! The diagnostic every stage produces and every renderer consumes.

use crate::span::Span;
use serde::Serialize;

/// Longest name (id, token) a message quotes whole; longer ones are cut
/// with `…` (the label shows where the whole name is written).
pub const MAX_QUOTED: usize = 60;

/// A name as a message quotes it: cut to [`MAX_QUOTED`] characters.
pub fn quoted(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(MAX_QUOTED) {
        None => name.into(),
        Some((i, _)) => format!("{}…", &name[..i]).into(),
    }
}

/// Index of a file in the workspace.
pub type FileId = usize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably a weakness of the argument.
    Warning,
    /// The argument or the file is broken.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A location: a byte span in a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// The file.
    pub file: FileId,
    /// The bytes.
    pub span: Span,
}

impl Loc {
    /// A location in `file`.
    pub fn new(file: FileId, span: Span) -> Loc {
        Loc { file, span }
    }
}

/// A labelled span: "this part, and why".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub loc: Loc,
    /// What to say there.
    pub message: String,
}

/// A text edit: replace the bytes of `loc` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What to replace (an empty span inserts).
    pub loc: Loc,
    /// The new text.
    pub replacement: String,
}

/// A fix a rule offers for what it found: a title and edits, as data (the
/// CLI's `--fix`, JSON output and the editor's quick fixes use the same).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "remove `single-source` from `allow`".
    pub title: String,
    /// The edits, in order, not overlapping.
    pub edits: Vec<Edit>,
    /// Whether it can be applied without review (it keeps the argument's
    /// meaning apart from the problem fixed).
    pub safe: bool,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's name (kebab-case), e.g. `unsupported-claim`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The primary location.
    pub loc: Loc,
    /// One-line message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Labels; the first one is always at the primary location.
    pub labels: Vec<Label>,
    /// Fixes the rule offers.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `loc` with a primary label. The severity is
    /// the rule's default until configuration applies.
    pub fn new(
        rule: &'static crate::rules::Rule,
        loc: Loc,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.name,
            severity: rule.default,
            labels: vec![Label {
                loc: loc.clone(),
                message: label.into(),
            }],
            loc,
            message: message.into(),
            help: None,
            fixes: Vec::new(),
        }
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            loc,
            message: message.into(),
        });
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}
