//! No input makes argcheck panic: random text, random bytes, every
//! truncation of a real file, invalid UTF-8. Property tests (proptest).

use argcheck::analysis::Semantics;
use argcheck::check;
use argcheck::syntax::parse;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the system temp dir, holding an argcheck.yaml so
/// it is its own project root.
fn scratch() -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-robust-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    dir
}

fn check_bytes(dir: &Path, name: &str, bytes: &[u8]) -> check::Checked {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    check::run(&[path], Semantics::Grounded).expect("a readable file never fails the run")
}

/// Pieces that make random text look like the language, so that the
/// generator reaches deep into the parser.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("claim ".to_string()),
        Just("premise ".to_string()),
        Just("evidence ".to_string()),
        Just("objection ".to_string()),
        Just("assumption ".to_string()),
        Just("source ".to_string()),
        Just("use ".to_string()),
        Just("\n".to_string()),
        Just("\n  ".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("because: ".to_string()),
        Just("attacks: ".to_string()),
        Just("cite: ".to_string()),
        Just("confidence: likely".to_string()),
        Just("reliability: B".to_string()),
        Just("derived-from: ".to_string()),
        Just("allow: ".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("#".to_string()),
        Just(", ".to_string()),
        Just(":".to_string()),
        Just(" 3 ".to_string()),
        Just("2017-02-30".to_string()),
        "[a-c]{1,3}",
        "\\PC{0,4}",
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_and_spans_are_valid(text in doc()) {
        let p = parse(&text);
        for e in &p.errors {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len());
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
        for item in &p.ast.items {
            prop_assert!(item.span.end as usize <= text.len());
            if let Some(id) = item.id {
                let r = id.range();
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                // An id's text is what is written, in NFC.
                let written = argcheck::syntax::lexer::nfc(&text[r]);
                prop_assert_eq!(written.as_ref(), p.ast.str(&text, id));
            }
            for a in p.ast.attrs_of(item) {
                let r = p.ast.value_span(&a.value).range();
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn whole_pipeline_never_panics_on_text(text in doc()) {
        let dir = scratch();
        let c = check_bytes(&dir, "a.arg", text.as_bytes());
        for d in &c.diagnostics {
            prop_assert!(d.loc.span.end <= c.ws.files[d.loc.file].text.len());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn whole_pipeline_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = scratch();
        let _ = check_bytes(&dir, "a.arg", &bytes);
        let _ = check_bytes(&dir, "b.md", &bytes);
        let _ = check_bytes(&dir, "c.yaml", &bytes);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn every_truncation_of_the_showcase_checks_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("arguments");
    let text = std::fs::read_to_string(root.join("isk-pakistan.arg")).expect("showcase");
    let dir = scratch();
    std::fs::copy(root.join("sources.yaml"), dir.join("sources.yaml")).expect("copy");
    let mut cut = 0;
    while cut < text.len() {
        let _ = parse(&text[..cut]);
        cut += 1;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
    }
    // The full pipeline on a sample of truncations.
    for cut in (0..text.len()).step_by(97) {
        let bytes = &text.as_bytes()[..cut];
        let _ = check_bytes(&dir, "t.arg", bytes);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = scratch();
    let c = check_bytes(
        &dir,
        "bad.arg",
        b"claim a \"ok\"\n  cite: s\nsource s \"S\xff\"\n  reliability: B\n",
    );
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.rule == "syntax-error")
        .expect("reported");
    assert_eq!(d.message, "invalid UTF-8: byte 0xFF at byte offset 34");
    assert_eq!(d.loc.span, 34..35);
    // The rest of the file is still checked: the source is defined.
    assert!(c.graph.sources.iter().any(|s| s.name == "s"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deep_chains_and_long_cycles_do_not_overflow_the_stack() {
    let n = 50_000;
    let mut text = String::from("source s \"S\"\n  reliability: B\n");
    text.push_str("claim c0 \"x\"\n  confidence: likely\n  because: p1\n");
    for i in 1..n {
        text.push_str(&format!("premise p{i} \"x\"\n  because: p{}\n", i + 1));
    }
    text.push_str(&format!("premise p{n} \"x\"\n  cite: s 2\n  because: p1\n"));
    let dir = scratch();
    let c = check_bytes(&dir, "deep.arg", text.as_bytes());
    assert!(c.facts.grounded(0), "grounded from the bottom of the chain");
    assert!(c.diagnostics.iter().any(|d| d.rule == "circular-support"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_undecided_attack_ring_keeps_each_diagnostic_small() {
    // 4,000 objections attacking each other in one even ring (all undec),
    // each also attacking its own claim: 4,000 contested claims, one cycle.
    let n = 4_000;
    let mut text = String::from("source s \"S\"\n  reliability: B\n");
    for i in 0..n {
        text.push_str(&format!(
            "claim c{i} \"C\"\n  confidence: likely\n  cite: s 2\nobjection o{i} \"O\"\n  cite: s 2\n  attacks: o{}, c{i}\n",
            (i + 1) % n
        ));
    }
    let dir = scratch();
    let c = check_bytes(&dir, "ring.arg", text.as_bytes());
    let contested: Vec<_> = c.diagnostics.iter().filter(|d| d.rule == "contested-claim").collect();
    assert_eq!(contested.len(), n);
    assert!(
        contested.iter().all(|d| d.labels.len() <= 10),
        "a diagnostic names the whole ring"
    );
    assert!(
        contested[0].message.contains("(4000 statements in all)"),
        "{}",
        contested[0].message
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Shapes that once made a rule quadratic: each must finish (no timing is
/// asserted; a regression shows as a test that takes minutes) and keep its
/// diagnostics small.
#[test]
fn long_ungrounded_chains_are_walked_once_and_named_briefly() {
    let n = 20_000;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "claim p{i} \"x\"\n  confidence: likely\n  because: p{}\n",
            i + 1
        ));
    }
    text.push_str(&format!("premise p{n} \"x\"\n"));
    let dir = scratch();
    let c = check_bytes(&dir, "chain.arg", text.as_bytes());
    let top = c
        .diagnostics
        .iter()
        .find(|d| d.rule == "unsupported-claim" && d.message.starts_with("claim `p0`"))
        .expect("reported");
    assert_eq!(
        top.message,
        format!("claim `p0` is not grounded: it rests on `p1`, which rests on `p2`, which rests on `p3`, and so on for {n} links down to `p{n}`, which has no citation and no reason")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn many_citations_of_one_source_and_wide_reasons_stay_linear() {
    let mut text = String::from("source s \"S\"\n  reliability: B\nsource t \"T\"\n  reliability: B\n  derived-from: s\nclaim c \"x\"\n  confidence: likely\n");
    for _ in 0..50_000 {
        text.push_str("  cite: s 2\n");
    }
    text.push_str("  cite: t 2\nclaim w \"x\"\n  confidence: likely\n  because: ");
    let ids: Vec<String> = (0..20_000).map(|i| format!("e{i}")).collect();
    text.push_str(&ids.join(", "));
    text.push('\n');
    for i in 0..20_000 {
        text.push_str(&format!("evidence e{i} \"E\"\n  cite: s 2\n"));
    }
    let dir = scratch();
    let c = check_bytes(&dir, "wide.arg", text.as_bytes());
    let circular: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.rule == "circular-reporting")
        .collect();
    assert_eq!(circular.len(), 1, "t derives from s: one pair, reported once");
    assert!(c.facts.grounded(1), "the wide linked reason grounds `w`");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn defeat_travels_up_a_long_chain_of_claims() {
    let n = 20_000;
    let mut text = format!("source s \"S\"\n  reliability: B\nobjection o \"O\"\n  cite: s 2\n  attacks: p{n}\n");
    for i in 0..n {
        text.push_str(&format!(
            "claim p{i} \"x\"\n  confidence: likely\n  because: p{}\n",
            i + 1
        ));
    }
    text.push_str(&format!("premise p{n} \"x\"\n  cite: s 2\n"));
    let dir = scratch();
    let c = check_bytes(&dir, "defeat.arg", text.as_bytes());
    let defeated = c.diagnostics.iter().filter(|d| d.rule == "defeated-claim").count();
    assert_eq!(defeated, n);
    let _ = std::fs::remove_dir_all(&dir);
}
