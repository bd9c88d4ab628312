//! Every machine-readable output format, pinned on a small fixed set of
//! diagnostics: non-ASCII text before a finding (character columns), a span
//! over several lines, and messages and paths with `%`, `:`, `,` and line
//! breaks. The SARIF log is also validated against the official SARIF 2.1.0
//! schema (tests/data/sarif-2.1.0.json, from npm's
//! `@microsoft/sarif-multitool-linux`).

use argcheck::diagnostic::{Diagnostic, Label, Loc, Severity};
use argcheck::render::located::{locate, Finding, MemorySources};
use argcheck::render::{concise, github, gitlab, sarif};
use argcheck::rules::{Rule, RULES};
use std::path::Path;

const MAIN: &str = "claim c \"Ça coûte cher\"\n  because: ünknown, p\n";
const NOTES: &str = "# Notes\n\n```arg\nclaim d \"D\"\n  because: e\nclaim e \"E\"\n  because: d\n```\n";

fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).unwrap_or_else(|| panic!("fixture lacks {needle:?}"));
    start..start + needle.len()
}

fn diag(
    rule: &'static str,
    severity: Severity,
    loc: Loc,
    message: &str,
    help: Option<&str>,
    labels: Vec<(Loc, &str)>,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity,
        loc,
        message: message.into(),
        help: help.map(Into::into),
        labels: labels
            .into_iter()
            .map(|(loc, m)| Label { loc, message: m.into() })
            .collect(),
        fixes: Vec::new(),
    }
}

fn findings() -> Vec<Finding> {
    let mut src = MemorySources::new();
    let main = src.add("args/main.arg", MAIN);
    let notes = src.add("notes/a,b: c.md", NOTES);
    let p = Loc::new(main, at(MAIN, "p\n").start..at(MAIN, "p\n").start + 1);
    let unk = Loc::new(main, at(MAIN, "ünknown"));
    let cycle = Loc::new(notes, at(NOTES, "claim d").start..at(NOTES, "because: d").end);
    let e = Loc::new(notes, at(NOTES, "claim e"));
    let d = Loc::new(notes, at(NOTES, "claim d"));
    let diags = vec![
        diag(
            "unknown-reference",
            Severity::Error,
            p.clone(),
            "no statement named `p`: 100% sure, really",
            Some("define `p`, or fix the name"),
            vec![(p, "not defined"), (unk, "also unknown: see here")],
        ),
        diag(
            "circular-support",
            Severity::Warning,
            cycle.clone(),
            "support goes round:\nd → e → d",
            None,
            vec![(cycle, "this cycle")],
        ),
        diag(
            "missing-confidence",
            Severity::Info,
            e,
            "no confidence: 50%, maybe\r\nsecond line",
            None,
            vec![],
        ),
        // Same rule, path and message as the second: the GitLab fingerprint
        // must still be unique.
        diag(
            "circular-support",
            Severity::Warning,
            d,
            "support goes round:\nd → e → d",
            None,
            vec![],
        ),
    ];
    locate(&src, &diags)
}

/// `out == expected`; with `ARGCHECK_BLESS=1` the file under tests/data is
/// rewritten instead (review the diff before committing it).
fn assert_pinned(out: &str, name: &str, expected: &str) {
    if std::env::var_os("ARGCHECK_BLESS").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
        std::fs::write(path, out).expect("write the pinned output");
        return;
    }
    assert_eq!(out, expected, "output differs from tests/data/{name}");
}

#[test]
fn concise_format() {
    let expected = "\
args/main.arg:2:21: error[unknown-reference] no statement named `p`: 100% sure, really
notes/a,b: c.md:4:1: warning[circular-support] support goes round: d → e → d
notes/a,b: c.md:6:1: info[missing-confidence] no confidence: 50%, maybe second line
notes/a,b: c.md:4:1: warning[circular-support] support goes round: d → e → d
";
    assert_eq!(concise::render(&findings()), expected);
}

#[test]
fn github_format() {
    let expected = "\
::error file=args/main.arg,line=2,col=21,endLine=2,endColumn=22,title=argcheck (unknown-reference)::no statement named `p`: 100%25 sure, really%0Ahelp: define `p`, or fix the name
::warning file=notes/a%2Cb%3A c.md,line=4,endLine=7,title=argcheck (circular-support)::support goes round:%0Ad → e → d
::notice file=notes/a%2Cb%3A c.md,line=6,col=1,endLine=6,endColumn=8,title=argcheck (missing-confidence)::no confidence: 50%25, maybe%0D%0Asecond line
::warning file=notes/a%2Cb%3A c.md,line=4,col=1,endLine=4,endColumn=8,title=argcheck (circular-support)::support goes round:%0Ad → e → d
";
    assert_eq!(github::render(&findings()), expected);
}

#[test]
fn gitlab_format() {
    let out = gitlab::render(&findings());
    assert_pinned(&out, "formats.gitlab.json", include_str!("data/formats.gitlab.json"));
    let v: serde_json::Value = serde_json::from_str(&out).expect("gitlab output is JSON");
    let fps: std::collections::HashSet<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    assert_eq!(fps.len(), 4, "fingerprints are unique");
    assert_eq!(gitlab::render(&[]), "[]\n");
}

/// Rules of the test's own, so that rewording a real rule does not change
/// the pinned SARIF text. `missing-confidence` is left out on purpose: its
/// result has no `ruleIndex`.
static UNKNOWN: Rule = Rule {
    name: "unknown-reference",
    default: Severity::Error,
    summary: "a reference names nothing",
    explanation: "Every reference must name an item.",
    why: "A reference to nothing breaks the trail to the sources.",
    example: "claim c \"C\"\n  because: nothing\n",
    fix: "claim c \"C\"\n  cite: ap 2\n",
};
static CIRCULAR: Rule = Rule {
    name: "circular-support",
    default: Severity::Warning,
    summary: "`because` edges form a cycle",
    explanation: "A statement that rests on itself grounds nothing.",
    why: "Circular reasoning adds no evidence.",
    example: "",
    fix: "",
};

#[test]
fn sarif_format() {
    let out = sarif::render_with_rules(&findings(), Path::new("/home/ci/my project"), &[&UNKNOWN, &CIRCULAR]);
    assert_pinned(&out, "formats.sarif", include_str!("data/formats.sarif"));
}

#[test]
fn sarif_describes_every_rule() {
    let out = sarif::render(&findings(), Path::new("/tmp/p"));
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), RULES.len());
    for (r, rule) in rules.iter().zip(RULES.iter()) {
        assert_eq!(r["id"], rule.name);
        assert!(r["fullDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(r["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(r["help"]["markdown"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(r["helpUri"], format!("{}{}", sarif::RULE_HELP_URI, rule.name));
    }
    assert_eq!(log["runs"][0]["results"][1]["ruleIndex"], 5);
    assert_eq!(log["runs"][0]["results"][2]["ruleIndex"], 11);
}

#[test]
fn sarif_matches_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for findings in [findings(), vec![]] {
        let out = sarif::render(&findings, Path::new("/home/ci/my project"));
        if std::env::var_os("ARGCHECK_WRITE_SARIF").is_some() && !findings.is_empty() {
            // For scripts/sarif-validate.sh (see docs/ci.md).
            std::fs::write(concat!(env!("CARGO_TARGET_TMPDIR"), "/formats.sarif"), &out).expect("write");
        }
        let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "schema violations:\n{}", errors.join("\n"));
    }
}
