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
pub mod incoherent_confidence;
pub mod inconsistent_judgement;
pub mod invalid_value;
pub mod linchpin_evidence;
pub mod missing_confidence;
pub mod non_diagnostic_evidence;
pub mod orphan_statement;
pub mod overclaimed_confidence;
pub mod rests_on_assumption;
pub mod retracted_source;
pub mod single_source;
pub mod syntax_error;
pub mod unanswered_objection;
pub mod uncited_evidence;
pub mod unconfirmed_credibility;
pub mod unknown_reference;
pub mod unmapped_argdown;
pub mod unmet_expectation;
pub mod unrated_answer;
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
    /// When it fires, in one line (completes "Fires when …").
    pub summary: &'static str,
    /// What it checks: how it decides, and what the diagnostic shows.
    pub explanation: &'static str,
    /// Why it matters: the analytic standard behind it (STANAG 2511, ICD
    /// 203, ICD 206, Dung 1995, Heuer).
    pub why: &'static str,
    /// A small `.arg` text on which it fires.
    pub example: &'static str,
    /// The same text corrected: the rule no longer fires on it.
    pub fix: &'static str,
}

impl Rule {
    /// The first line of its documentation: default severity and summary.
    fn lead(&self, bold: bool) -> String {
        let sev = self.default.as_str();
        let sev = if bold { format!("**{sev}**") } else { sev.to_string() };
        format!(
            "Default severity: {sev}. Fires when {}.",
            self.summary.trim_end_matches('.')
        )
    }

    /// What it checks and why it matters, as prose (SARIF's
    /// `fullDescription`).
    pub fn description(&self) -> String {
        format!("{}\n\n{}", self.explanation, self.why)
    }

    /// Its full documentation as plain text, without the name: what
    /// `argcheck rule NAME` prints under the name, and SARIF's `help.text`.
    pub fn help_text(&self) -> String {
        let mut s = format!(
            "{}\n\nWhat it checks:\n{}\n\nWhy it matters:\n{}\n",
            self.lead(false),
            self.explanation,
            self.why
        );
        for (title, text) in [("Example (fires):", self.example), ("Fix:", self.fix)] {
            if text.is_empty() {
                continue;
            }
            s.push('\n');
            s.push_str(title);
            s.push('\n');
            for line in text.lines() {
                s.push_str("    ");
                s.push_str(line);
                s.push('\n');
            }
        }
        s
    }

    /// Its full documentation as Markdown, without the heading: a section
    /// of docs/rules.md, and SARIF's `help.markdown`.
    pub fn help_markdown(&self) -> String {
        let mut s = format!(
            "{}\n\n**What it checks.** {}\n\n**Why it matters.** {}\n",
            self.lead(true),
            self.explanation,
            self.why
        );
        for (title, text) in [("**Example** (fires):", self.example), ("**Fix:**", self.fix)] {
            if text.is_empty() {
                continue;
            }
            // Plain fences, not `arg`: a Markdown file's `arg` blocks are
            // checked, and these examples are meant to fire.
            s.push_str(&format!("\n{title}\n\n```\n{text}"));
            if !text.ends_with('\n') {
                s.push('\n');
            }
            s.push_str("```\n");
        }
        s
    }
}

/// The hand-written opening of docs/rules.md.
const DOCS_INTRO: &str = "# Rules

<!-- Generated from the rule metadata in src/rules/ by `argcheck::rules::markdown()`.
     Do not edit: change the `RULE` statics, then run `BLESS=1 cargo test --test rule_docs`. -->

Every rule argcheck reports: what it checks, why it matters (the analytic
standard behind it), an example on which it fires, and the same example fixed.
`argcheck rules` lists them, `argcheck rule NAME` prints one of these sections,
and SARIF output carries the same text. Severities can be changed per project
in `argcheck.yaml` (`rules:`, `per-file-rules:`), and any rule can be silenced
on one item with `allow: rule-name`.

The standards cited: STANAG 2511 (the NATO \"Admiralty\" grading of source
reliability `A`-`F` and information credibility `1`-`6`); ICD 203 (US
Intelligence Community Directive 203, *Analytic Standards*, with its seven
estimative terms); ICD 206 (*Sourcing Requirements for Disseminated Analytic
Products*); Dung, *On the acceptability of arguments* (1995), for attacks and
labels; Richards J. Heuer Jr., *Psychology of Intelligence Analysis* (1999).
";

/// docs/rules.md, generated from [`RULES`]: the intro, a table of every
/// rule, then one section per rule ([`Rule::help_markdown`]).
pub fn markdown() -> String {
    let mut s = String::from(DOCS_INTRO);
    s.push_str("\n| rule | default | fires when |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} |\n",
            r.name,
            r.default.as_str(),
            r.summary.replace('|', "\\|")
        ));
    }
    for r in RULES {
        s.push_str(&format!("\n## {}\n\n{}", r.name, r.help_markdown()));
    }
    s
}

/// Every rule, in the order of LANGUAGE.md.
pub static RULES: [&Rule; 29] = [
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
    &unmet_expectation::RULE,
    &unconfirmed_credibility::RULE,
    &unrated_answer::RULE,
    &non_diagnostic_evidence::RULE,
    &inconsistent_judgement::RULE,
    &linchpin_evidence::RULE,
    &incoherent_confidence::RULE,
    &retracted_source::RULE,
    &unmapped_argdown::RULE,
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
    /// The `rates:` value where a matrix row is reported: the first one of
    /// its statement that rates an answer of the row's question.
    pub fn row_loc(&self, row: &crate::analysis::ach::Row) -> crate::diagnostic::Loc {
        let st = &self.graph.statements[row.stmt];
        st.rates
            .get(row.first_rate)
            .map_or_else(|| st.loc.clone(), |r| r.value_loc())
    }

    /// The matrices of the questions with at least two answers (one with
    /// fewer is an `invalid-value` already), with each question.
    pub fn matrices(&self) -> impl Iterator<Item = (&crate::analysis::ach::Matrix, &crate::graph::Question)> {
        self.facts
            .ach
            .iter()
            .filter_map(|m| Some((m, self.graph.questions.get(m.question)?)))
            .filter(|(m, _)| m.answers.len() >= 2)
    }

    /// `` `name` `` of a question.
    pub fn question(&self, q: &crate::graph::Question) -> String {
        format!("`{}`", crate::diagnostic::quoted(&q.name))
    }

    /// `` `name` `` of a statement.
    pub fn stmt(&self, s: StmtId) -> String {
        format!("`{}`", crate::diagnostic::quoted(&self.graph.statements[s].name))
    }

    /// `` `name` `` of a source.
    pub fn src(&self, s: SourceId) -> String {
        format!("`{}`", crate::diagnostic::quoted(&self.graph.sources[s].name))
    }
}

/// At most `max` items joined with ", ", then "and N more": messages stay
/// readable whatever the size of a matrix.
pub fn listed(items: impl ExactSizeIterator<Item = String>, max: usize) -> String {
    let n = items.len();
    let mut s: Vec<String> = items.take(max).collect();
    if n > max {
        s.push(format!("and {} more", n - max));
    }
    s.join(", ")
}

/// Runs every rule that reads facts.
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    type Check = fn(&Context, &mut Vec<Diagnostic>);
    const CHECKS: [Check; 23] = [
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
        unconfirmed_credibility::check,
        unmet_expectation::check,
        retracted_source::check,
        unrated_answer::check,
        non_diagnostic_evidence::check,
        inconsistent_judgement::check,
        linchpin_evidence::check,
        incoherent_confidence::check,
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
