//! Output that could grow faster than the input stays bounded (issue 12):
//! long chains, long cycles, wide reasons, long lines, terminal escapes.
//! Every test runs the real binary and asserts structure (sizes, counts),
//! never time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh project root under the system temp dir.
fn scratch() -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-bounds-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    dir
}

/// Runs argcheck in `dir` (no colour, default width); stdout as bytes.
fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panicked: {stderr}");
    out.stdout
}

fn json(dir: &Path, file: &str) -> serde_json::Value {
    let out = run(dir, &["check", "--format", "json", file]);
    serde_json::from_slice(&out).expect("valid JSON")
}

/// A claim on a chain of `n` premises, grounded at the bottom.
fn chain(n: usize) -> String {
    let mut text =
        String::from("source s \"S\"\n  reliability: B\nclaim c \"x\"\n  confidence: likely\n  because: p1\n");
    for i in 1..n {
        text.push_str(&format!("premise p{i} \"x\"\n  because: p{}\n", i + 1));
    }
    text.push_str(&format!("premise p{n} \"x\"\n  cite: s 2\n"));
    text
}

#[test]
fn explain_of_a_deep_chain_is_cut_and_says_where_to_go_on() {
    let dir = scratch();
    std::fs::write(dir.join("chain.arg"), chain(20_000)).expect("write");
    let out = run(&dir, &["explain", "chain.arg", "c"]);
    // Once 803 MB: the indentation grew with the depth of the chain.
    assert!(out.len() < 32 * 1024, "{} bytes", out.len());
    let text = String::from_utf8_lossy(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 40, "{} lines", lines.len());
    let last = lines.last().expect("some output");
    assert!(
        last.contains("more levels of support cut here") && last.contains("`argcheck explain chain.arg p32`"),
        "{last}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_of_every_claim_of_a_chain_of_claims_stays_linear() {
    let n = 5_000;
    let mut text = String::from("source s \"S\"\n  reliability: B\n");
    for i in 0..n {
        text.push_str(&format!(
            "claim p{i} \"x\"\n  confidence: likely\n  because: p{}\n",
            i + 1
        ));
    }
    text.push_str(&format!("premise p{n} \"x\"\n  cite: s 2\n"));
    let dir = scratch();
    std::fs::write(dir.join("claims.arg"), text).expect("write");
    let out = run(&dir, &["explain", "claims.arg"]);
    let lines = out.iter().filter(|b| **b == b'\n').count();
    // Past the first 10,000 lines a sub-tree is drawn once per run: a few
    // lines per claim, not a 32-level tree under each of them (that would
    // be 34 lines per claim).
    assert!(lines < 10_000 + 4 * n, "{lines} lines for {n} claims");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_draws_a_bounded_number_of_children() {
    let n = 5_000;
    let mut text = String::from("source s \"S\"\n  reliability: B\nclaim c \"x\"\n  confidence: likely\n");
    for _ in 0..n {
        text.push_str("  cite: s 3\n");
    }
    text.push_str("  because: ");
    text.push_str(&(0..n).map(|i| format!("e{i}")).collect::<Vec<_>>().join(", "));
    text.push('\n');
    for i in 0..n {
        text.push_str(&format!("evidence e{i} \"E\"\n  cite: s 2\n"));
    }
    let dir = scratch();
    std::fs::write(dir.join("wide.arg"), text).expect("write");
    let out = run(&dir, &["explain", "wide.arg", "c"]);
    let text = String::from_utf8_lossy(&out);
    assert!(text.lines().count() < 100, "{} lines", text.lines().count());
    assert!(text.contains("… and "), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_because_cycle_is_one_small_diagnostic() {
    let n = 5_000;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("premise q{i} \"x\"\n  because: q{}\n", (i + 1) % n));
    }
    let dir = scratch();
    std::fs::write(dir.join("cycle.arg"), text).expect("write");
    let v = json(&dir, "cycle.arg");
    let cycles: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "circular-support")
        .collect();
    assert_eq!(cycles.len(), 1);
    let d = cycles[0];
    let labels = d["labels"].as_array().map_or(0, Vec::len);
    assert!(labels <= 9, "{labels} labels");
    let message = d["message"].as_str().unwrap_or_default();
    assert!(message.len() < 200, "{message}");
    assert!(message.contains(&format!("({n} statements in all)")), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_derived_from_cycle_in_a_registry_is_one_small_diagnostic() {
    let n = 5_000;
    let mut yaml = String::from("sources:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  s{i}:\n    title: S\n    reliability: B\n    derived-from: [s{}]\n",
            (i + 1) % n
        ));
    }
    let dir = scratch();
    std::fs::write(dir.join("reg.yaml"), yaml).expect("write");
    std::fs::write(
        dir.join("reg.arg"),
        "use \"reg.yaml\"\nclaim c \"x\"\n  confidence: likely\n  cite: s0 2\n",
    )
    .expect("write");
    let v = json(&dir, "reg.arg");
    let cycles: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("`derived-from` cycle")
        })
        .collect();
    assert_eq!(cycles.len(), 1);
    let d = cycles[0];
    let labels = d["labels"].as_array().map_or(0, Vec::len);
    assert!(labels <= 8, "{labels} labels");
    let message = d["message"].as_str().unwrap_or_default();
    assert!(message.len() < 200, "{message}");
    assert!(message.ends_with(&format!("and {} more", n - 8)), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_line_is_cut_around_its_labels() {
    let long = "x".repeat(2_000_000);
    let text = format!("claim c \"{long}\" oops\n  confidence: likely\n  because: nothere\n");
    let dir = scratch();
    std::fs::write(dir.join("long.arg"), text).expect("write");
    let out = run(&dir, &["check", "long.arg"]);
    // Every diagnostic shows the 2 MB line (as context or labelled); each
    // shows a few hundred bytes of it.
    assert!(out.len() < 16 * 1024, "{} bytes", out.len());
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains('…'), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn terminal_escapes_in_the_input_never_reach_the_terminal() {
    let dir = scratch();
    let name = "evil\x1b[2J.arg";
    std::fs::write(
        dir.join(name),
        "source s \"S \x1b]0;title\x07\"\n  reliability: B\nclaim c\x1b[31m \"x\"\n  because: z\x1b[2J\n",
    )
    .expect("write");
    let out = run(&dir, &["check", name]);
    assert!(
        !out.contains(&0x1b) && !out.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&out)
    );
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("evil\\u{1b}[2J.arg"), "{text}");
    assert!(text.contains("\\u{1b}[31m"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_objection_attacking_many_claims_is_one_small_diagnostic() {
    let n = 3_000;
    let mut text = String::from("source s \"S\"\n  reliability: B\nobjection o \"O\"\n  cite: s 2\n  attacks: ");
    text.push_str(&(0..n).map(|i| format!("c{i}")).collect::<Vec<_>>().join(", "));
    text.push('\n');
    for i in 0..n {
        text.push_str(&format!("claim c{i} \"x\"\n  confidence: likely\n  cite: s 2\n"));
    }
    let dir = scratch();
    std::fs::write(dir.join("wide.arg"), text).expect("write");
    let v = json(&dir, "wide.arg");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "unanswered-objection")
        .expect("reported");
    let labels = d["labels"].as_array().map_or(0, Vec::len);
    assert!(labels <= 9, "{labels} labels");
    let message = d["message"].as_str().unwrap_or_default();
    assert!(
        message.len() < 300 && message.ends_with(&format!("and {} more", n - 8)),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_derivation_is_named_by_its_ends() {
    let n = 3_000;
    let mut text = String::from("source s0 \"S\"\n  reliability: B\n");
    for i in 1..=n {
        text.push_str(&format!(
            "source s{i} \"S\"\n  reliability: B\n  derived-from: s{}\n",
            i - 1
        ));
    }
    text.push_str(&format!(
        "claim c \"x\"\n  confidence: likely\n  cite: s0 2\n  cite: s{n} 2\n"
    ));
    let dir = scratch();
    std::fs::write(dir.join("chain.arg"), text).expect("write");
    let v = json(&dir, "chain.arg");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "circular-reporting")
        .expect("reported");
    let help = d["help"].as_str().unwrap_or_default();
    assert!(help.len() < 400, "{help}");
    assert!(help.contains(&format!("({} sources in all)", n + 1)), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}
