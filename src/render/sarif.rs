//! SARIF 2.1.0, as typed serde structs (ruff's choice over `json!`).
//!
//! One run; `tool.driver.rules` lists every rule of [`RULES`] in its order,
//! so `ruleIndex` is the rule's index there. Result URIs are relative to the
//! project root under the base id `PROJECTROOT`, which
//! `originalUriBaseIds` resolves to the absolute root given to [`render`].
//! Columns count Unicode code points (`run.columnKind` says so explicitly:
//! the SARIF default is UTF-16 code units) and `endColumn` is exclusive.

use super::located::{stable_hash, Finding, LocatedLabel, Location};
use crate::diagnostic::Severity;
use crate::rules::{Rule, RULES};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Where each rule is documented: the rule name is appended as the anchor.
pub const RULE_HELP_URI: &str = "https://github.com/argcheck/argcheck/blob/main/docs/rules.md#";

/// The tool's home page.
pub const INFORMATION_URI: &str = "https://github.com/argcheck/argcheck";

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base id that result URIs are relative to.
pub const PROJECT_ROOT_ID: &str = "PROJECTROOT";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: HashMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: MultiformatMessage,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<ResultLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<ResultLocation>,
    partial_fingerprints: PartialFingerprints,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PartialFingerprints {
    #[serde(rename = "primaryLocationLineHash")]
    primary_location_line_hash: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The rule's descriptor: its texts are the ones `argcheck rule NAME` and
/// docs/rules.md show ([`Rule::description`], [`Rule::help_text`],
/// [`Rule::help_markdown`]), so the three never disagree.
fn descriptor(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.name,
        name: pascal_case(rule.name),
        short_description: Text {
            text: sentence(rule.summary),
        },
        full_description: Text {
            text: rule.description(),
        },
        help: MultiformatMessage {
            text: rule.help_text(),
            markdown: rule.help_markdown(),
        },
        help_uri: format!("{RULE_HELP_URI}{}", rule.name),
        default_configuration: Configuration {
            level: level(rule.default),
        },
    }
}

/// `unsupported-claim` → `UnsupportedClaim` (SARIF's convention for `name`).
fn pascal_case(s: &str) -> String {
    s.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// Capitalised, ending in a period (SARIF2001 wants messages to end in one).
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out: String = match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// Percent-encodes a path for a URI: unreserved characters and `/` stay,
/// everything else (UTF-8 bytes) is `%XX`. Backslashes become `/`.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `file:///abs/root/` for an absolute directory (a Windows `C:\x` gives
/// `file:///C:/x/`), with the trailing slash SARIF needs to resolve
/// relative URIs against it.
pub fn root_uri(root: &Path) -> String {
    let s = root.to_string_lossy().replace('\\', "/");
    let mut enc = String::new();
    let rest = match s.as_bytes() {
        [d, b':', ..] if d.is_ascii_alphabetic() => {
            enc.push('/');
            enc.push(char::from(*d));
            enc.push(':');
            &s[2..]
        }
        _ => &s[..],
    };
    enc.push_str(&encode_uri_path(rest));
    if !enc.starts_with('/') {
        enc.insert(0, '/');
    }
    if !enc.ends_with('/') {
        enc.push('/');
    }
    format!("file://{enc}")
}

fn physical(loc: &Location) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: encode_uri_path(&loc.path),
            uri_base_id: Some(PROJECT_ROOT_ID),
        },
        region: Region {
            start_line: loc.range.start_line,
            start_column: loc.range.start_column,
            end_line: loc.range.end_line,
            end_column: loc.range.end_column,
        },
    }
}

fn related(i: usize, l: &LocatedLabel) -> ResultLocation {
    ResultLocation {
        id: Some(i),
        physical_location: physical(&l.location),
        message: Some(Text {
            text: l.message.clone(),
        }),
    }
}

/// Renders the SARIF log (pretty-printed JSON, newline at the end).
/// `project_root` is the absolute directory that finding paths are
/// relative to. Every rule of [`RULES`] is described.
pub fn render(findings: &[Finding], project_root: &Path) -> String {
    render_with_rules(findings, project_root, &RULES)
}

/// [`render`] describing `rules` instead of [`RULES`] (`ruleIndex` is the
/// index in `rules`; a finding of a rule not in `rules` has none).
pub fn render_with_rules(findings: &[Finding], project_root: &Path, rules: &[&Rule]) -> String {
    // Occurrences of each (rule, path, message) hash, for `hash:N`.
    let mut counts: HashMap<u64, usize> = HashMap::new();
    let results = findings
        .iter()
        .map(|f| {
            let h = stable_hash(0, &[f.rule, f.location.path.as_str(), f.message.as_str()]);
            let n = counts.entry(h).or_insert(0);
            *n += 1;
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            SarifResult {
                rule_id: f.rule,
                rule_index: rules.iter().position(|r| r.name == f.rule),
                level: level(f.severity),
                message: Text { text },
                locations: vec![ResultLocation {
                    id: None,
                    physical_location: physical(&f.location),
                    message: None,
                }],
                related_locations: f.labels.iter().enumerate().map(|(i, l)| related(i, l)).collect(),
                partial_fingerprints: PartialFingerprints {
                    primary_location_line_hash: format!("{h:016x}:{n}"),
                },
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "argcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: rules.iter().map(|r| descriptor(r)).collect(),
                },
            },
            original_uri_base_ids: HashMap::from([(
                PROJECT_ROOT_ID,
                ArtifactLocation {
                    uri: root_uri(project_root),
                    uri_base_id: None,
                },
            )]),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(root_uri(Path::new("/home/a b/proj")), "file:///home/a%20b/proj/");
        assert_eq!(root_uri(Path::new("/")), "file:///");
        assert_eq!(root_uri(Path::new("C:\\x\\é")), "file:///C:/x/%C3%A9/");
        assert_eq!(encode_uri_path("docs/ça#1.md"), "docs/%C3%A7a%231.md");
    }

    #[test]
    fn names_and_sentences() {
        assert_eq!(pascal_case("unsupported-claim"), "UnsupportedClaim");
        assert_eq!(sentence("a claim"), "A claim.");
    }
}
