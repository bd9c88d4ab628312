//! The `duplicate-id` rule: an id is defined twice (both places labelled).

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `duplicate-id`.
pub static RULE: Rule = Rule {
    name: "duplicate-id",
    default: Severity::Error,
    summary: "an id is defined twice (both places labelled)",
    explanation: "Sources and statements share one namespace per file and what it imports. A second definition is reported with the first labelled; references resolve to the first.",
    example: "source ap \"Associated Press\"\nclaim ap \"...\"     # `ap` is already a source\n",
};
