//! The `syntax-error` rule: the text does not parse (every error in the file is reported, not only the first).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `syntax-error`.
pub static RULE: Rule = Rule {
    name: "syntax-error",
    default: Severity::Error,
    summary: "the text does not parse (every error in the file is reported, not only the first)",
    explanation: "The parser reads every line; when a line cannot be read it reports why, skips to the next line (inside an item) or to the next column-0 keyword (after a broken item header) and goes on, so one run shows every syntax error. Invalid UTF-8 is reported at the byte offset where it occurs; an unterminated string at its opening quote. A YAML file that does not parse is reported at the line and column the YAML parser gives.",
    example: "claim c \"text\n  because: b        # the string above is never closed\n",
};
