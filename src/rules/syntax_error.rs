//! The `syntax-error` rule: the text does not parse (every error in the file is reported, not only the first).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `syntax-error`.
pub static RULE: Rule = Rule {
    name: "syntax-error",
    default: Severity::Error,
    summary: "the text does not parse (every error in the file is reported, not only the first)",
    explanation: "The parser reads every line; when a line cannot be read it reports why, skips to the next line (inside an item) or to the next column-0 keyword (after a broken item header) and goes on, so one run shows every syntax error. Invalid UTF-8 is reported at the byte offset where it occurs; an unterminated string at its opening quote (a line starting at column 0 always ends a string). A YAML file that does not parse is reported at the line and column the YAML parser gives.",
    why: "Nothing else can be judged until the argument is read exactly as written: a statement the parser skipped grounds nothing, supports nothing and is attacked by nothing, so every other finding would be about a different argument than the one on the page. This is a compiler's rule rather than an analytic standard; reporting every error at once, each at its position, lets a writer fix the text in one pass.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\n  confidence: likely\n  cite: ap 2\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"   # the string is closed\n  confidence: likely\n  cite: ap 2\n",
};
