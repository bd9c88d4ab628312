//! GitLab Code Quality report: a JSON array of Code Climate issues.
//!
//! - `description` is `rule: message` (GitLab's merge-request widget shows
//!   only the description, not `check_name`).
//! - `severity`: info → `info`, warning → `minor`, error → `major`
//!   (`critical` and `blocker` are not used).
//! - `fingerprint` is a hash of rule, path and message, not the line, so a
//!   finding that moves is not reported as fixed plus new. When two findings
//!   collide the later one is re-hashed, salted with the colliding value,
//!   until it is unique in the report (ruff's scheme; a fingerprint that is
//!   not unique makes GitLab drop issues). Identical findings in one file get
//!   order-dependent fingerprints.
//! - `location.path` is relative to the project root: run argcheck from the
//!   repository root (`CI_PROJECT_DIR`) so that GitLab can find the files.
//!
//! No findings gives `[]`.

use super::located::{stable_hash, Finding};
use crate::diagnostic::Severity;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The Code Quality severity of a finding.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// Renders the report (pretty-printed JSON, newline at the end).
pub fn render(findings: &[Finding]) -> String {
    let mut seen = HashSet::new();
    let issues: Vec<Issue> = findings
        .iter()
        .map(|f| {
            let fields = [f.rule, f.location.path.as_str(), f.message.as_str()];
            let mut h = stable_hash(0, &fields);
            while !seen.insert(h) {
                h = stable_hash(h, &fields);
            }
            Issue {
                description: format!("{}: {}", f.rule, f.message),
                check_name: f.rule,
                fingerprint: format!("{h:016x}"),
                severity: severity(f.severity),
                location: IssueLocation {
                    path: &f.location.path,
                    lines: Lines {
                        begin: f.location.range.start_line,
                        end: f.location.range.end_line,
                    },
                },
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_findings_is_an_empty_array() {
        assert_eq!(render(&[]), "[]\n");
    }
}
