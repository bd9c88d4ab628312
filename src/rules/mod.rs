//! The rules: one file per rule, one registry listing them.
//!
//! Load-time rules (`syntax-error`, `unknown-reference`, `duplicate-id`,
//! `invalid-value`, `import-error`) are reported by the stage that finds the
//! problem (parser, loader, resolver), with the rule metadata from here.
//! The other rules read the analysis facts and emit diagnostics; none of
//! them parses.

pub mod circular_reporting;
pub mod circular_support;
pub mod contested_claim;
pub mod defeated_claim;
pub mod duplicate_id;
pub mod import_error;
pub mod invalid_value;
pub mod missing_confidence;
pub mod orphan_statement;
pub mod overclaimed_confidence;
pub mod rests_on_assumption;
pub mod single_source;
pub mod syntax_error;
pub mod unanswered_objection;
pub mod uncited_evidence;
pub mod unknown_reference;
pub mod unrated_source;
pub mod unsupported_claim;
pub mod unused_allow;
pub mod unused_source;

use crate::diagnostic::Severity;

/// A rule's metadata.
#[derive(Debug)]
pub struct Rule {
    /// Kebab-case name, used in output, `allow:` and `argcheck.yaml`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default: Severity,
    /// When it fires, in one line.
    pub summary: &'static str,
    /// Why it matters and how it decides.
    pub explanation: &'static str,
    /// A small `.arg` excerpt that triggers it.
    pub example: &'static str,
}

/// Every rule, in the order of LANGUAGE.md.
pub static RULES: [&Rule; 20] = [
    &syntax_error::RULE,
    &unknown_reference::RULE,
    &duplicate_id::RULE,
    &invalid_value::RULE,
    &import_error::RULE,
    &circular_support::RULE,
    &unsupported_claim::RULE,
    &uncited_evidence::RULE,
    &overclaimed_confidence::RULE,
    &single_source::RULE,
    &circular_reporting::RULE,
    &missing_confidence::RULE,
    &unrated_source::RULE,
    &defeated_claim::RULE,
    &contested_claim::RULE,
    &unanswered_objection::RULE,
    &orphan_statement::RULE,
    &unused_source::RULE,
    &rests_on_assumption::RULE,
    &unused_allow::RULE,
];

/// The rule named `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

use crate::analysis::Facts;
use crate::diagnostic::Diagnostic;
use crate::graph::{Graph, SourceId, StmtId, Workspace};

/// What a rule reads.
pub struct Context<'a> {
    /// The loaded files.
    pub ws: &'a Workspace,
    /// The resolved graph.
    pub graph: &'a Graph,
    /// The analysis facts.
    pub facts: &'a Facts,
}

impl Context<'_> {
    /// `` `name` `` of a statement.
    pub fn stmt(&self, s: StmtId) -> String {
        format!("`{}`", crate::diagnostic::quoted(&self.graph.statements[s].name))
    }

    /// `` `name` `` of a source.
    pub fn src(&self, s: SourceId) -> String {
        format!("`{}`", crate::diagnostic::quoted(&self.graph.sources[s].name))
    }
}

/// Runs every rule that reads facts.
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    type Check = fn(&Context, &mut Vec<Diagnostic>);
    const CHECKS: [Check; 15] = [
        invalid_value::check,
        circular_support::check,
        unsupported_claim::check,
        uncited_evidence::check,
        overclaimed_confidence::check,
        single_source::check,
        circular_reporting::check,
        missing_confidence::check,
        unrated_source::check,
        defeated_claim::check,
        contested_claim::check,
        unanswered_objection::check,
        orphan_statement::check,
        unused_source::check,
        rests_on_assumption::check,
    ];
    // The rules are independent readers of the same facts: run them in
    // parallel and concatenate in this fixed order (the caller sorts).
    use rayon::prelude::*;
    let parts: Vec<Vec<Diagnostic>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(cx, &mut out);
            out
        })
        .collect();
    parts.concat()
}
