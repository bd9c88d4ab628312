//! Diagnostics turned into plain located data: paths, lines and columns.
//!
//! Every machine-readable renderer (`concise`, `github`, `gitlab`, `sarif`)
//! is a pure function of [`Finding`]s, so it never touches a workspace, a
//! line index or the file system (ruff's renderers get paths and text only
//! through a resolver for the same reason). [`locate`] does the one lookup.
//!
//! Positions are 1-based; columns count Unicode scalar values (what SARIF
//! calls `unicodeCodePoints`); the end is exclusive.

use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::graph::Workspace;
use crate::span::{LineCol, LineIndex, Span};

/// A range of text: 1-based lines, 1-based character columns, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    /// First line.
    pub start_line: usize,
    /// Column of the first character.
    pub start_column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column just past the last character.
    pub end_column: usize,
}

impl TextRange {
    /// Whether the range covers more than one line.
    pub fn is_multiline(&self) -> bool {
        self.end_line > self.start_line
    }
}

/// A range in a file named by its path relative to the project root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// `/`-separated, relative to the project root.
    pub path: String,
    /// Where in the file.
    pub range: TextRange,
}

/// A secondary label, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedLabel {
    /// Where.
    pub location: Location,
    /// What to say there.
    pub message: String,
}

/// One diagnostic as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's name, e.g. `unsupported-claim`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The primary location.
    pub location: Location,
    /// The one-line message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The message of the primary label, if any.
    pub primary_label: Option<String>,
    /// The secondary labels (every label but the first).
    pub labels: Vec<LocatedLabel>,
}

/// What [`locate`] needs to know about files: a name and a position lookup.
pub trait Sources {
    /// The file's path relative to the project root (`/`-separated).
    fn name(&self, file: FileId) -> &str;
    /// 1-based line and character column of a byte offset (clamped).
    fn position(&self, file: FileId, offset: usize) -> LineCol;
}

impl Sources for Workspace {
    fn name(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.name.as_str())
    }

    fn position(&self, file: FileId, offset: usize) -> LineCol {
        match self.files.get(file) {
            Some(f) => f.lines.char_pos(&f.text, offset),
            None => LineCol { line: 1, column: 1 },
        }
    }
}

/// Files held in memory by name: for tests and for callers without a
/// workspace. The file id is the index in the order of [`MemorySources::add`].
#[derive(Debug, Default)]
pub struct MemorySources {
    files: Vec<(String, String, LineIndex)>,
}

impl MemorySources {
    /// No files.
    pub fn new() -> MemorySources {
        MemorySources::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let lines = LineIndex::new(&text);
        self.files.push((name.into(), text, lines));
        self.files.len() - 1
    }
}

impl Sources for MemorySources {
    fn name(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.0.as_str())
    }

    fn position(&self, file: FileId, offset: usize) -> LineCol {
        match self.files.get(file) {
            Some((_, text, lines)) => lines.char_pos(text, offset),
            None => LineCol { line: 1, column: 1 },
        }
    }
}

/// The location of a byte span of a file.
pub fn location(sources: &dyn Sources, file: FileId, span: &Span) -> Location {
    let a = sources.position(file, span.start);
    let b = sources.position(file, span.end.max(span.start));
    Location {
        path: sources.name(file).to_string(),
        range: TextRange {
            start_line: a.line,
            start_column: a.column,
            end_line: b.line,
            end_column: b.column,
        },
    }
}

/// Locates every diagnostic, in order.
pub fn locate(sources: &dyn Sources, diags: &[Diagnostic]) -> Vec<Finding> {
    diags.iter().map(|d| locate_one(sources, d)).collect()
}

/// Locates one diagnostic.
pub fn locate_one(sources: &dyn Sources, d: &Diagnostic) -> Finding {
    Finding {
        rule: d.rule,
        severity: d.severity,
        location: location(sources, d.loc.file, &d.loc.span),
        message: d.message.clone(),
        help: d.help.clone(),
        primary_label: d.labels.first().map(|l| l.message.clone()),
        labels: d
            .labels
            .iter()
            .skip(1)
            .map(|l| LocatedLabel {
                location: location(sources, l.loc.file, &l.loc.span),
                message: l.message.clone(),
            })
            .collect(),
    }
}

/// A 64-bit FNV-1a hash of length-prefixed fields, salted: stable across
/// runs, platforms and Rust versions (unlike `DefaultHasher`), which is what
/// a fingerprint stored by GitLab or GitHub between runs needs.
pub fn stable_hash(salt: u64, fields: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    };
    eat(&salt.to_le_bytes());
    for f in fields {
        eat(&(f.len() as u64).to_le_bytes());
        eat(f.as_bytes());
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Label, Loc};

    fn diag(file: FileId, span: Span, labels: Vec<(FileId, Span, &str)>) -> Diagnostic {
        Diagnostic {
            rule: "unsupported-claim",
            severity: Severity::Warning,
            loc: Loc::new(file, span),
            message: "m".into(),
            help: Some("h".into()),
            labels: labels
                .into_iter()
                .map(|(file, span, m)| Label {
                    loc: Loc::new(file, span),
                    message: m.into(),
                })
                .collect(),
            fixes: Vec::new(),
        }
    }

    #[test]
    fn columns_count_characters_after_non_ascii_text() {
        let mut src = MemorySources::new();
        let text = "claim é \"Ça coûte\"  x\n  because: ünknown\n";
        let a = src.add("dir/a.arg", text);
        let x = text.find('x').unwrap_or_default();
        let u = text.find("ünknown").unwrap_or_default();
        let d = diag(
            a,
            x..x + 1,
            vec![(a, x..x + 1, "primary"), (a, u..u + "ünknown".len(), "second")],
        );
        let f = locate_one(&src, &d);
        assert_eq!(f.location.path, "dir/a.arg");
        // `claim é "Ça coûte"  ` is 20 characters (24 bytes).
        assert_eq!(
            f.location.range,
            TextRange {
                start_line: 1,
                start_column: 21,
                end_line: 1,
                end_column: 22
            }
        );
        assert_eq!(f.primary_label.as_deref(), Some("primary"));
        assert_eq!(f.labels.len(), 1);
        assert_eq!(
            f.labels[0].location.range,
            TextRange {
                start_line: 2,
                start_column: 12,
                end_line: 2,
                end_column: 19
            }
        );
        assert_eq!(f.labels[0].message, "second");
    }

    #[test]
    fn multiline_spans_and_bad_offsets_do_not_panic() {
        let mut src = MemorySources::new();
        let a = src.add("a.arg", "ab\ncd\n");
        let f = locate_one(&src, &diag(a, 1..4, vec![]));
        assert!(f.location.range.is_multiline());
        assert_eq!((f.location.range.end_line, f.location.range.end_column), (2, 2));
        // Past the end, reversed, unknown file: clamped, never a panic.
        let reversed = Span { start: 9, end: 3 };
        let f = locate_one(&src, &diag(a, reversed, vec![]));
        assert_eq!(f.location.range.start_line, 3);
        let f = locate_one(&src, &diag(7, 0..1, vec![]));
        assert_eq!(f.location.path, "");
    }

    #[test]
    fn stable_hash_is_fixed_and_field_separated() {
        assert_eq!(stable_hash(0, &[]), stable_hash(0, &[]));
        assert_ne!(stable_hash(0, &["ab", "c"]), stable_hash(0, &["a", "bc"]));
        assert_ne!(stable_hash(0, &["a"]), stable_hash(1, &["a"]));
        // Pinned: a change here changes every stored fingerprint.
        let fields = [
            "unknown-reference",
            "args/main.arg",
            "no statement named `p`: 100% sure, really",
        ];
        assert_eq!(stable_hash(0, &fields), 0x3531_89ba_45af_4ac4);
    }
}
