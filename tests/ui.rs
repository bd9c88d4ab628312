//! UI tests, as in rustc's `tests/ui`: every `tests/ui/<group>/<case>.arg`
//! (or `.md`) is checked by the real binary, and its output is compared
//! exactly with `<case>.stdout` (human, no colour) and `<case>.json`.
//! Files a case imports live in `tests/ui/<group>/<case>/`.
//!
//! `BLESS=1 cargo test --test ui` rewrites the expectations; review the
//! diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut out = Vec::new();
    for group in std::fs::read_dir(&root).expect("tests/ui exists").flatten() {
        if !group.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(group.path()).expect("readable").flatten() {
            let p = f.path();
            if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("arg") | Some("md") | Some("argdown")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn run(case: &Path, format: &str) -> (String, i32) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let rel = case.strip_prefix(&root).expect("case under tests/ui");
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(&root)
        .env("NO_COLOR", "1")
        // The expectations are drawn at the default width, without colour,
        // whatever the environment running the tests says.
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .args(["check", "--format", format])
        .arg(rel)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{} panicked: {stderr}", case.display());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn ui() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(
        cases.len() >= 38,
        "expected a trigger and a near-miss per rule, found {} cases",
        cases.len()
    );
    for case in &cases {
        for (format, ext) in [("human", "stdout"), ("json", "json")] {
            let (got, code) = run(case, format);
            let expected_path = case.with_extension(ext);
            if format == "json" {
                let v: serde_json::Value =
                    serde_json::from_str(&got).unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", case.display()));
                let errors = v["summary"]["errors"].as_u64().unwrap_or(0);
                assert_eq!(
                    code,
                    i32::from(errors > 0),
                    "{}: exit code {code} with {errors} errors",
                    case.display()
                );
            }
            if bless {
                std::fs::write(&expected_path, &got).expect("write expectation");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != got {
                failures.push(format!(
                    "--- {} ---\nexpected:\n{expected}\ngot:\n{got}",
                    expected_path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} UI expectation(s) differ (BLESS=1 to update):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Each rule has a case that triggers it and a near miss that must not:
/// `tests/ui/<rule>/` holds at least one case whose JSON names the rule and
/// one whose JSON does not.
#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    for rule in argcheck::rules::RULES {
        let dir = root.join(rule.name);
        let mut fired = false;
        let mut missed = false;
        for f in std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("tests/ui/{} is missing", rule.name))
            .flatten()
        {
            if f.path().extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(f.path()).expect("readable");
            let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            let hit = v["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["rule"] == rule.name));
            fired |= hit;
            missed |= !hit;
        }
        assert!(
            fired && missed,
            "tests/ui/{}: needs a case that triggers it and a near miss that does not",
            rule.name
        );
    }
}
