//! `argcheck impact SOURCE`: what the Partaw argument loses if a source
//! were retracted, compared exactly with the expected output in
//! `tests/impact/` (`BLESS=1 cargo test --test impact` rewrites it).

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn expect(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/impact").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, got).expect("write expectation");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "{} differs (BLESS=1 to update)", path.display());
}

#[test]
fn retracting_partaw_costs_his_claim_its_ceiling() {
    let (human, code) = run(&["impact", "partaw", "arguments/"]);
    assert_eq!(code, 0);
    expect("partaw.txt", &human);
    // Claims come first; the claim resting on Partaw falls to what the blog
    // relaying him (derived from him, so still counted) allows.
    let first = human.lines().nth(1).unwrap_or_default();
    assert!(first.contains("claim isk-base-in-pakistan"), "{human}");
    let (json, _) = run(&["impact", "partaw", "arguments/", "--format", "json"]);
    expect("partaw.json", &json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert!(v["changes"].as_array().is_some_and(|c| !c.is_empty()));
}

#[test]
fn retracting_the_ap_lowers_one_evidence_and_a_typo_is_an_error() {
    let (human, code) = run(&["impact", "ap", "arguments/"]);
    assert_eq!(code, 0);
    expect("ap.txt", &human);
    let (_, code) = run(&["impact", "partw", "arguments/"]);
    assert_eq!(code, 2);
}
