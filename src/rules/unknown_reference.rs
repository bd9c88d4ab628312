//! The `unknown-reference` rule: an id in `because`, `attacks`, `cite`, `by`, `derived-from`, or a rule name in `allow` or `argcheck.yaml`, names nothing.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unknown-reference`.
pub static RULE: Rule = Rule {
    name: "unknown-reference",
    default: Severity::Error,
    summary: "an id in `because`, `attacks`, `cite`, `by`, `derived-from`, or a rule name in `allow` or `argcheck.yaml`, names nothing",
    explanation: "Every reference must name an item visible from the file: its own items and those of the files it imports, transitively. `because` and `attacks` name statements, `cite`, `by` and `derived-from` name sources, `allow` and the rule keys of `argcheck.yaml` name rules. The help names the nearest existing name when one is a likely typo.",
    why: "ICD 206 (sourcing requirements) asks that every judgement be traceable to the sources and reasoning behind it. A reference that names nothing breaks that trail without a trace: the claim reads as supported by a statement or a source that does not exist. A typo has to fail loudly, as an undefined variable does in code.",
    example: "source ap \"Associated Press\"\n  reliability: A\nevidence no-afghan-base \"IS Khorasan lacks a support base in Afghanistan.\"\n  cite: ap 2\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  because: no-afghan-bse   # did you mean `no-afghan-base`?\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nevidence no-afghan-base \"IS Khorasan lacks a support base in Afghanistan.\"\n  cite: ap 2\nclaim base-in-pakistan \"Its core support base lies in Pakistan.\"\n  confidence: likely\n  because: no-afghan-base\n",
};
