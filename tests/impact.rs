//! `argcheck impact SOURCE`: what the Partaw argument loses if a source
//! were retracted, compared exactly with the expected output in
//! `tests/impact/` (`BLESS=1 cargo test --test impact` rewrites it).

mod common;

/// Standard output and exit code of `argcheck ARGS`.
fn run(args: &[&str]) -> (String, i32) {
    let (out, _, code) = common::run(args);
    (out, code)
}

fn expect(name: &str, got: &str) {
    common::expect("tests/impact", name, got)
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
