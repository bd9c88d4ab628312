//! The `unknown-reference` rule: an id in `because`, `attacks`, `cite`, `by`, `derived-from`, or a rule name in `allow` or `argcheck.yaml`, names nothing.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unknown-reference`.
pub static RULE: Rule = Rule {
    name: "unknown-reference",
    default: Severity::Error,
    summary: "an id in `because`, `attacks`, `cite`, `by`, `derived-from`, or a rule name in `allow` or `argcheck.yaml`, names nothing",
    explanation: "Every reference must name an item visible from the file: its own items and those of the files it imports, transitively. The help names the nearest existing name when one is a likely typo.",
    example: "claim c \"text\"\n  because: no-afghan-bse   # did you mean `no-afghan-base`?\n",
};
