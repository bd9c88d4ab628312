//! The `duplicate-id` rule: an id is defined twice (both places labelled).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `duplicate-id`.
pub static RULE: Rule = Rule {
    name: "duplicate-id",
    default: Severity::Error,
    summary: "an id is defined twice (both places labelled)",
    explanation: "Sources and statements share one namespace per file and what it imports. A second definition is reported with the first labelled; references resolve to the first.",
    why: "An id is how every `because`, `cite` and `attacks` points at an item, and ICD 206 traceability depends on each one pointing at exactly one thing. With two definitions a reader may follow the wrong one, and the analysis silently uses the first.",
    example: "source ap \"Associated Press\"\n  reliability: A\nclaim ap \"The ceasefire holds.\"   # `ap` is already a source\n  confidence: likely\n  cite: ap 2\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\n",
};
