//! `argcheck ach`: the competing-hypotheses matrices of `tests/ach/*.arg`,
//! in every format, compared exactly with the expected output beside each
//! input (`BLESS=1 cargo test --test ach` rewrites it); one question picked
//! by id; an unknown one; a huge matrix kept to a readable size.

mod common;

use std::path::Path;

use common::run;

fn expect(name: &str, got: &str) {
    common::expect("tests/ach", name, got)
}

#[test]
fn every_format_matches_the_expected_output() {
    for (format, ext) in [("human", "txt"), ("json", "json"), ("markdown", "md")] {
        let (out, err, code) = run(&["ach", "tests/ach/matrix.arg", "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        expect(&format!("matrix.{ext}"), &out);
    }
    // What the expected files say, checked apart from their layout.
    let (json, _, _) = run(&["ach", "tests/ach/matrix.arg", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let q = &v["questions"][0];
    assert_eq!(q["id"], "where");
    let scores: Vec<f64> = q["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["score"].as_f64().unwrap_or(-1.0))
        .collect();
    assert_eq!(scores, [0.0, 2.0, 1.0]);
    assert_eq!(q["answers"][0]["least_inconsistent"], true);
    // The ungrounded row weighs nothing, however inconsistent its ratings.
    assert_eq!(q["rows"][2]["id"], "hearsay");
    assert_eq!(q["rows"][2]["weight"], 0.0);
    assert_eq!(q["rows"][2]["ceiling"], serde_json::Value::Null);
    assert_eq!(q["rows"][0]["linchpin"], true);
    assert_eq!(q["rows"][3]["diagnostic"], false);
}

#[test]
fn one_question_by_id_and_an_unknown_one() {
    let (out, _, code) = run(&["ach", "tests/ach/matrix.arg", "who", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["questions"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["questions"][0]["id"], "who");
    let (out, err, code) = run(&["ach", "tests/ach/matrix.arg", "wher"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("did you mean `where`?"), "{err}");
}

#[test]
fn a_huge_matrix_is_shown_bounded() {
    // 30 answers, 400 rows: human and Markdown show at most 100 rows and 12
    // answers and say how many they leave out; JSON keeps everything.
    let dir = std::env::temp_dir().join(format!("argcheck-ach-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut s = String::from("source ap \"AP\"\n  reliability: A\n");
    let answers: Vec<String> = (0..30).map(|i| format!("a{i}")).collect();
    for a in &answers {
        s.push_str(&format!("claim {a} \"{a}\"\n  cite: ap 3\n  confidence: unlikely\n"));
    }
    s.push_str(&format!("question q \"Which?\"\n  answers: {}\n", answers.join(", ")));
    for r in 0..400 {
        let rates: Vec<String> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{a} {}", if (i + r) % 7 == 0 { "I" } else { "C" }))
            .collect();
        s.push_str(&format!(
            "evidence e{r} \"e\"\n  cite: ap 2\n  rates: {}\n",
            rates.join(", ")
        ));
    }
    let file = dir.join("huge.arg");
    std::fs::write(&file, s).expect("write");
    let path = file.to_string_lossy().into_owned();
    for format in ["human", "markdown"] {
        let (out, err, code) = run(&["ach", &path, "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(out.lines().count() < 120, "{format}: {} lines", out.lines().count());
        assert!(out.contains("300 more rows and 18 more answers not shown"), "{out}");
        assert!(!out.contains("e100"), "{format} shows row 101");
    }
    let (out, _, _) = run(&["ach", &path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["questions"][0]["rows"].as_array().map(Vec::len), Some(400));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hovers_read_the_same_matrices() {
    // What the language server will show, from the library's public API.
    use argcheck::analysis::Semantics;
    use argcheck::render::ach::{hover_question, hover_rates};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = argcheck::check::run(&[root.join("tests/ach/matrix.arg")], Semantics::Grounded).expect("checks");
    let q = c
        .graph
        .questions
        .iter()
        .position(|q| q.name == "where")
        .expect("question");
    let m = &c.facts.ach[q];
    let h = hover_question(&c.graph, m);
    assert!(h.starts_with("**question `where`**"), "{h}");
    assert!(
        h.contains("- `in-pakistan`: score 0, least inconsistent, declared `likely`"),
        "{h}"
    );
    assert!(h.contains("- `in-afghanistan`: score 2, declared `unlikely`"), "{h}");
    assert!(h.contains("4 rows: 2 linchpin, 1 not diagnostic"), "{h}");
    let raids = c.graph.statements.iter().position(|s| s.name == "raids").expect("row");
    let h = hover_rates(&c.graph, &c.facts.ach, raids).expect("raids rates");
    assert!(h.starts_with("**row weight 2** (ceiling very-likely)"), "{h}");
    assert!(h.contains("- question `where`: linchpin"), "{h}");
    assert!(h.contains("- question `who`: linchpin, not diagnostic"), "{h}");
    let local = c
        .graph
        .statements
        .iter()
        .position(|s| s.name == "local")
        .expect("claim");
    assert_eq!(hover_rates(&c.graph, &c.facts.ach, local), None);
}
