//! Argdown in and out (docs/argdown.md).
//!
//! - Every map of tests/argdown/ has beside it the counts the real Argdown
//!   CLI reports for it (`NAME.counts.json`, written by
//!   `scripts/argdown-counts.sh` with @argdown/cli 1.7.5); `argcheck import
//!   --summary` must print exactly those.
//! - tests/argdown-check/ holds one map with, beside it, what `argcheck
//!   import` writes (`.arg`, warnings in `.warnings`) and what `argcheck
//!   check --format concise` reports (`.concise`): every diagnostic at the
//!   map's own lines. `BLESS=1 cargo test --test argdown` rewrites them.
//! - Properties: the importer never panics and what it writes always parses
//!   as `.arg`; it stays linear on long lines and deep trees; a random
//!   argument graph written as Argdown and imported is the same graph.

use argcheck::analysis::Semantics;
use argcheck::graph::{FileKind, Graph};
use argcheck::import::{import, quote};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn maps() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/argdown"))
        .expect("tests/argdown")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "argdown"))
        .collect();
    v.sort();
    v
}

#[test]
fn summaries_match_the_argdown_cli() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for map in maps() {
        let counts = map.with_extension("counts.json");
        let expected = std::fs::read_to_string(&counts)
            .unwrap_or_else(|_| panic!("{} has no counts: run scripts/argdown-counts.sh", map.display()));
        let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .args(["import", "--summary"])
            .arg(&map)
            .output()
            .expect("run argcheck");
        assert!(out.status.success(), "argcheck import failed on {}", map.display());
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        let want: serde_json::Value = serde_json::from_str(&expected).expect("counts are JSON");
        if got != want {
            wrong.push(format!("{}:\n  argcheck {got}\n  argdown  {want}", map.display()));
        }
        checked += 1;
    }
    assert!(checked >= 19, "every construct has its map ({checked} found)");
    assert!(wrong.is_empty(), "counts differ from Argdown's:\n{}", wrong.join("\n"));
}

#[test]
fn every_map_imports_to_an_arg_document_without_syntax_errors() {
    for map in maps() {
        let text = std::fs::read_to_string(&map).expect("read the map");
        let imported = import(&text);
        let parsed = argcheck::syntax::parse(&imported.arg);
        assert!(
            parsed.errors.is_empty(),
            "{}: the generated .arg has syntax errors: {:?}\n{}",
            map.display(),
            parsed.errors,
            imported.arg
        );
    }
}

/// Compares `got` with the file `path`, or writes it there with BLESS=1.
fn golden(path: &Path, got: &str) {
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, got).expect("write the expected output");
        return;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(got, want, "{} differs (BLESS=1 rewrites it)", path.display());
}

#[test]
fn import_and_check_report_at_the_lines_of_the_map() {
    let dir = root().join("tests/argdown-check");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .args(args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("run argcheck");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        )
    };
    let (arg, warnings, code) = run(&["import", "map.argdown"]);
    assert_eq!(code, Some(0));
    golden(&dir.join("map.imported"), &arg);
    golden(&dir.join("map.warnings"), &warnings);
    let (concise, _, code) = run(&["check", "--format", "concise", "map.argdown"]);
    assert_eq!(code, Some(1), "the map has ungrounded claims");
    golden(&dir.join("map.concise"), &concise);
    // A directory scan picks the map up too.
    let (scan, _, _) = run(&["check", "--format", "concise", "."]);
    assert_eq!(scan, concise);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary text: no panic, and what is generated parses as `.arg`
    /// (the check path reports no syntax error of its own making).
    #[test]
    fn the_importer_never_panics_and_always_writes_valid_arg(
        text in prop_oneof![
            any::<String>(),
            "[\\[\\]<>(){}#*_+\\-/!:@ \t\r\n=a-z0-9é\\\\\"',.]{0,400}",
            prop::collection::vec(
                prop_oneof![
                    Just("[A]: a".to_string()), Just("<B>: b".to_string()), Just("  + ".to_string()),
                    Just("  - ".to_string()), Just("    _ ".to_string()), Just("><".to_string()),
                    Just("(1) ".to_string()), Just("----".to_string()), Just("-- r --".to_string()),
                    Just("# H".to_string()), Just("{a: 1}".to_string()), Just("{kind: x".to_string()),
                    Just("===".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
                    Just("//".to_string()), Just("\n".to_string()), Just("\n\n".to_string()),
                    Just("\r\n".to_string()), Just("#(t".to_string()), Just("**".to_string()),
                    Just("[x](y)".to_string()), Just("\\".to_string()), Just("  * ".to_string()),
                    Just("{cite: \"ap x y\", by: \"a b\"}".to_string()), Just("{source: a, credibility: z}".to_string()),
                ],
                0..60,
            ).prop_map(|v| v.concat()),
        ]
    ) {
        let imported = import(&text);
        let parsed = argcheck::syntax::parse(&imported.arg);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{}", parsed.errors, imported.arg);
        let (_, diags) = argcheck::graph::load::parse_text(0, FileKind::Argdown, &text);
        for d in &diags {
            prop_assert!(d.rule != "syntax-error");
            prop_assert!(d.loc.span.end <= text.len() && text.is_char_boundary(d.loc.span.start));
        }
    }
}

#[test]
fn bad_inline_data_is_a_warning_not_a_syntax_error() {
    // Found by the check_argdown fuzz target.
    let text = "===\nsources:\n  ap:\n    title: AP\n    derived-from: \"a b\"\n===\n\n[A]: a {cite: \"ap tpwra2\", by: \"x y\"}\n";
    let imported = import(text);
    assert!(
        argcheck::syntax::parse(&imported.arg).errors.is_empty(),
        "{}",
        imported.arg
    );
    let messages: Vec<&str> = imported.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().all(|m| m.contains("not valid in argcheck's language")));
}

#[test]
fn the_importer_is_linear_on_long_lines_and_deep_trees() {
    let n = 200_000;
    let cases = [
        "[".repeat(n),
        "{".repeat(n),
        "*_".repeat(n / 2),
        "<!--".repeat(n / 4),
        "/*".repeat(n / 2),
        format!("[A]: {}", "#(".repeat(n / 2)),
        format!("[A]: {}", "[x](".repeat(n / 4)),
        // A relation tree 3,000 levels deep (4.5 MB of indentation).
        {
            let mut s = String::from("[R]: root\n");
            for i in 1..3_000 {
                s.push_str(&" ".repeat(i));
                s.push_str(&format!("+ [S{i}]: s\n"));
            }
            s
        },
        // 50,000 relations at one level.
        {
            let mut s = String::from("[R]: root\n");
            for i in 0..50_000 {
                s.push_str(&format!("  - [S{i}]: s {{source: ap}}\n"));
            }
            s
        },
    ];
    for text in &cases {
        let t = std::time::Instant::now();
        let imported = import(text);
        let elapsed = t.elapsed();
        assert!(
            elapsed.as_secs() < 10,
            "importing {} bytes starting {:?} took {elapsed:?}",
            text.len(),
            &text[..20.min(text.len())]
        );
        assert!(argcheck::syntax::parse(&imported.arg).errors.is_empty());
    }
}

// ---- Round trip: graph → Argdown → import → the same graph. ----

/// What a graph says, by name, in a form two graphs can be compared in.
fn canonical(g: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for s in &g.sources {
        out.push(format!(
            "source {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            s.name,
            s.title.as_str(),
            s.reliability,
            s.kind.as_deref(),
            s.url.as_deref(),
            s.date.as_deref(),
            s.derived_from
                .iter()
                .map(|(d, _)| g.sources[*d].name.to_string())
                .collect::<Vec<_>>(),
            s.retracted
                .as_ref()
                .map(|r| (r.date.to_string(), r.note.as_deref().map(str::to_string))),
        ));
    }
    let name = |i: usize| g.statements[i].name.to_string();
    for s in &g.statements {
        let mut reasons: Vec<Vec<String>> = s
            .reasons
            .iter()
            .map(|r| r.members.iter().map(|(m, _)| name(*m)).collect())
            .collect();
        reasons.sort();
        let mut attacks: Vec<String> = s.attacks.iter().map(|(a, _)| name(*a)).collect();
        attacks.sort();
        out.push(format!(
            "{} {} {:?} reasons {:?} attacks {:?} cites {:?} confidence {:?} by {:?} expect {:?} allow {:?}",
            s.kind.as_str(),
            s.name,
            s.text.as_str(),
            reasons,
            attacks,
            s.cites
                .iter()
                .map(|c| (g.sources[c.source].name.to_string(), c.credibility))
                .collect::<Vec<_>>(),
            s.confidence.as_ref().map(|(t, _)| t.as_str()),
            s.by.map(|b| g.sources[b].name.to_string()),
            s.expect.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
            s.allow.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        ));
    }
    out
}

fn check_file(dir: &Path, file: &str, text: &str) -> argcheck::check::Checked {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("create the directory");
    std::fs::write(dir.join("argcheck.yaml"), "").expect("write argcheck.yaml");
    std::fs::write(dir.join(file), text).expect("write the file");
    argcheck::check::run(&[dir.join(file)], Semantics::Grounded).expect("the run succeeds")
}

const WORDS: &[&str] = &[
    "the",
    "truce",
    "holds",
    "[x]",
    "#tag",
    "*bold*",
    "a_b",
    "{d: 1}",
    "//",
    "<arg>",
    "@[m]",
    "été",
    "\"q\"",
    "back\\slash",
    "(1)",
    "--",
    "+",
    "x:y",
    "100%",
    "<!--",
    "*/",
];
const KINDS: &[&str] = &["claim", "premise", "evidence", "assumption", "objection"];
const TERMS: &[&str] = &["unlikely", "even-chance", "likely", "very-likely"];

/// A random `.arg` document: sources, statements with reasons, attacks,
/// citations, confidence, `by`.
fn arg_document() -> impl Strategy<Value = String> {
    (1usize..4, 1usize..10)
        .prop_flat_map(|(ns, nt)| {
            let source = (prop::option::of(0usize..6), prop::option::of(0usize..ns), any::<bool>());
            let statement = (
                0usize..5,
                prop::collection::vec(0usize..WORDS.len(), 1..6),
                prop::collection::vec(prop::collection::vec(0usize..nt, 1..4), 0..3),
                prop::collection::vec(0usize..nt, 0..3),
                prop::collection::vec((0usize..ns, prop::option::of(1usize..7)), 0..3),
                prop::option::of(0usize..TERMS.len()),
                prop::option::of(0usize..ns),
            );
            (prop::collection::vec(source, ns), prop::collection::vec(statement, nt))
        })
        .prop_map(|(sources, statements)| {
            let mut s = String::new();
            for (i, (rel, derived, retracted)) in sources.iter().enumerate() {
                s.push_str(&format!("source src_{i} \"Source number {i}\"\n"));
                if let Some(r) = rel {
                    s.push_str(&format!("  reliability: {}\n", ["A", "B", "C", "D", "E", "F"][*r]));
                }
                if let Some(d) = derived.filter(|d| *d < i) {
                    s.push_str(&format!(
                        "  derived-from: src_{d}\n  kind: blog\n  date: 2020-02-0{}\n",
                        d + 1
                    ));
                }
                if *retracted {
                    s.push_str("  retracted: 2021-01-01 \"withdrawn\"\n");
                }
            }
            for (i, (kind, words, reasons, attacks, cites, conf, by)) in statements.iter().enumerate() {
                let kind = KINDS[*kind];
                let text: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
                s.push_str(&format!("{kind} S{i} {}\n", quote(&text.join(" "))));
                if matches!(kind, "claim" | "premise" | "objection") {
                    let mut seen: Vec<Vec<usize>> = Vec::new();
                    for r in reasons {
                        let mut r = r.clone();
                        r.sort();
                        r.dedup();
                        if !seen.contains(&r) {
                            s.push_str(&format!(
                                "  because: {}\n",
                                r.iter().map(|m| format!("S{m}")).collect::<Vec<_>>().join(", ")
                            ));
                            seen.push(r);
                        }
                    }
                }
                let mut att = attacks.clone();
                att.sort();
                att.dedup();
                for a in att {
                    s.push_str(&format!("  attacks: S{a}\n"));
                }
                if kind != "assumption" {
                    for (src, cred) in cites {
                        match cred {
                            Some(c) => s.push_str(&format!("  cite: src_{src} {c}\n")),
                            None => s.push_str(&format!("  cite: src_{src}\n")),
                        }
                    }
                }
                if let Some(c) = conf {
                    s.push_str(&format!("  confidence: {}\n", TERMS[*c]));
                }
                if let Some(b) = by {
                    s.push_str(&format!("  by: src_{b}\n"));
                }
                s.push('\n');
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_graph_written_as_argdown_imports_as_the_same_graph(doc in arg_document()) {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("argdown-roundtrip");
        let first = check_file(&base.join("arg"), "graph.arg", &doc);
        let exported = argcheck::render::argdown::argdown(&first.graph);
        let second = check_file(&base.join("argdown"), "graph.argdown", &exported);
        let unmapped: Vec<&str> = second
            .diagnostics
            .iter()
            .filter(|d| d.rule == "unmapped-argdown" || d.rule == "syntax-error")
            .map(|d| d.message.as_str())
            .collect();
        prop_assert!(unmapped.is_empty(), "{:?}\n{}", unmapped, exported);
        prop_assert_eq!(canonical(&first.graph), canonical(&second.graph), "\n{}\n{}", doc, exported);
    }
}

#[test]
fn the_showcase_round_trips_through_argdown() {
    let showcase = root().join("arguments");
    let first = argcheck::check::run(&[showcase], Semantics::Grounded).expect("check arguments/");
    let exported = argcheck::render::argdown::argdown(&first.graph);
    let second = check_file(
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("argdown-showcase"),
        "showcase.argdown",
        &exported,
    );
    assert_eq!(canonical(&first.graph), canonical(&second.graph));
}
