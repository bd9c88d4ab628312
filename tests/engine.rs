//! The engine at the scale of a repository and of a keystroke: independent
//! files cost what they cost alone and give what they give alone, output
//! does not depend on the number of threads, and a workspace re-checks
//! after one file's text changes without reading the others again.

use argcheck::analysis::Semantics;
use argcheck::check;
use argcheck::diagnostic::Diagnostic;
use argcheck::graph::{self, Workspace};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn scratch(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-engine-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    dir
}

const REGISTRY: &str = "sources:\n  ap:\n    title: Associated Press\n    reliability: A\n  blog:\n    title: A blog\n    reliability: E\n    derived-from: [ap]\n";

/// A small analysis, the same ids in every file, varied by `i` so that
/// files differ in what they report.
fn analysis(i: usize) -> String {
    let mut s = String::from("use \"sources.yaml\"\n\n");
    s.push_str(&format!(
        "claim c1 \"Claim {i}\"\n  confidence: {}\n  because: p1, e2\n",
        ["likely", "almost-certain", "very-likely"][i % 3]
    ));
    s.push_str("premise p1 \"P\"\n  because: e1\n");
    s.push_str("evidence e1 \"E1\"\n  cite: ap 2\n");
    s.push_str(&format!("evidence e2 \"E2\"\n  cite: blog {}\n", 1 + i % 6));
    if i.is_multiple_of(4) {
        s.push_str("objection o1 \"O\"\n  cite: blog 3\n  attacks: p1\n");
    }
    if i.is_multiple_of(7) {
        s.push_str("premise p9 \"typo\"\n  because: e11\n");
    }
    s
}

/// Diagnostics as comparable text, per file name.
fn by_file(c: &check::Checked) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &c.diagnostics {
        out.entry(c.ws.files[d.loc.file].name.clone())
            .or_default()
            .push(show(c, d));
    }
    out
}

fn show(c: &check::Checked, d: &Diagnostic) -> String {
    let labels: Vec<String> = d
        .labels
        .iter()
        .map(|l| format!("{}@{:?}:{}", c.ws.files[l.loc.file].name, l.loc.span, l.message))
        .collect();
    format!(
        "{} {:?} {:?} {} | {:?} | {}",
        d.rule,
        d.severity,
        d.loc.span,
        d.message,
        d.help,
        labels.join("; ")
    )
}

#[test]
fn a_thousand_independent_files_give_what_each_gives_alone() {
    let dir = scratch("many");
    std::fs::write(dir.join("sources.yaml"), REGISTRY).expect("write");
    let n = 1000;
    for i in 0..n {
        std::fs::write(dir.join(format!("a{i:04}.arg")), analysis(i)).expect("write");
    }
    let all = check::run(std::slice::from_ref(&dir), Semantics::Grounded).expect("runs");
    assert_eq!(
        all.graph.statements.len(),
        (0..n)
            .map(|i| 4 + usize::from(i.is_multiple_of(4)) + usize::from(i.is_multiple_of(7)))
            .sum::<usize>()
    );
    let together = by_file(&all);
    // No duplicate-id although every file defines `c1`: they never share a
    // namespace.
    assert!(all.diagnostics.iter().all(|d| d.rule != "duplicate-id"));
    for i in (0..n).step_by(37).chain([n - 1]) {
        let name = format!("a{i:04}.arg");
        let alone = check::run(&[dir.join(&name)], Semantics::Grounded).expect("runs");
        let alone = by_file(&alone);
        for (file, diags) in &alone {
            // The shared registry's own findings depend on every file that
            // uses it; each analysis's findings must not.
            if file == "sources.yaml" {
                continue;
            }
            assert_eq!(
                together.get(file),
                Some(diags),
                "{file} differs when checked with 999 others"
            );
        }
    }
}

#[test]
fn duplicates_across_files_are_found_through_shared_imports() {
    let dir = scratch("dups");
    std::fs::write(dir.join("common.arg"), "source ap \"AP\"\n  reliability: A\n").expect("write");
    std::fs::write(
        dir.join("a.arg"),
        "use \"common.arg\"\nsource ap \"AP again\"\nevidence e \"E\"\n  cite: ap 2\n",
    )
    .expect("write");
    std::fs::write(dir.join("b.arg"), "evidence e \"E\"\n  cite: zz 2\n").expect("write");
    let c = check::run(&[dir], Semantics::Grounded).expect("runs");
    let dups: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.rule == "duplicate-id").collect();
    assert_eq!(dups.len(), 1, "{:?}", dups);
    // `a.arg` is loaded first (then what it imports), so its `ap` is the
    // first definition and the imported one the repeat.
    assert_eq!(c.ws.files[dups[0].loc.file].name, "common.arg");
    assert_eq!(c.ws.files[dups[0].labels[1].loc.file].name, "a.arg");
}

fn run_bin(dir: &Path, threads: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_argcheck"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json", "."]);
    match threads {
        Some(t) => cmd.env("RAYON_NUM_THREADS", t),
        None => cmd.env_remove("RAYON_NUM_THREADS"),
    };
    let out = cmd.output().expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let dir = scratch("threads");
    std::fs::write(dir.join("sources.yaml"), REGISTRY).expect("write");
    for i in 0..120 {
        std::fs::write(dir.join(format!("f{i:03}.arg")), analysis(i)).expect("write");
    }
    // One file imports another, so that files are not all independent.
    std::fs::write(
        dir.join("z.arg"),
        "use \"f001.arg\"\nclaim z \"Z\"\n  because: c1, p1x\n",
    )
    .expect("write");
    let one = run_bin(&dir, Some("1"));
    assert!(one.contains("\"diagnostics\""));
    assert_eq!(run_bin(&dir, None), one);
    assert_eq!(run_bin(&dir, Some("7")), one);
}

fn names(ws: &Workspace, diags: &[Diagnostic], file: &str) -> Vec<String> {
    diags
        .iter()
        .filter(|d| ws.files[d.loc.file].name == file)
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect()
}

#[test]
fn a_workspace_rechecks_after_one_file_changes() {
    let dir = scratch("ws");
    std::fs::write(dir.join("sources.yaml"), REGISTRY).expect("write");
    std::fs::write(dir.join("a.arg"), analysis(1)).expect("write");
    std::fs::write(dir.join("b.arg"), analysis(2)).expect("write");
    std::fs::write(
        dir.join("c.arg"),
        "use \"b.arg\"\nclaim top \"T\"\n  confidence: likely\n  because: c1\n",
    )
    .expect("write");
    let mut ws = graph::load(std::slice::from_ref(&dir)).expect("loads");
    let before = ws.check(Semantics::Grounded).expect("checks");
    let a_before = names(&ws, &before.diagnostics, "a.arg");
    let b_before = names(&ws, &before.diagnostics, "b.arg");
    let c_before = names(&ws, &before.diagnostics, "c.arg");
    assert!(
        a_before.iter().any(|d| d.starts_with("overclaimed-confidence")),
        "{a_before:?}"
    );

    // Edit a.arg in memory (the file on disk is removed: nothing is read
    // again): lower the confidence, and break a reference.
    let edited = analysis(1)
        .replace("almost-certain", "likely")
        .replace("because: e1", "because: e1x");
    std::fs::remove_file(dir.join("a.arg")).expect("remove");
    ws.set_text(&dir.join("a.arg"), edited);
    let after = ws.check(Semantics::Grounded).expect("checks");
    let a_after = names(&ws, &after.diagnostics, "a.arg");
    assert!(
        !a_after.iter().any(|d| d.starts_with("overclaimed-confidence")),
        "{a_after:?}"
    );
    assert!(
        a_after.iter().any(|d| d.starts_with("unknown-reference")),
        "{a_after:?}"
    );
    assert_eq!(names(&ws, &after.diagnostics, "b.arg"), b_before);
    assert_eq!(names(&ws, &after.diagnostics, "c.arg"), c_before);

    // An imported file changes: its importer's diagnostics follow.
    let b = analysis(2).replace("claim c1", "claim c1-renamed");
    ws.set_text(&dir.join("b.arg"), b);
    let again = ws.check(Semantics::Grounded).expect("checks");
    let c_again = names(&ws, &again.diagnostics, "c.arg");
    assert!(
        c_again.iter().any(|d| d.contains("unknown statement `c1`")),
        "{c_again:?}"
    );
    assert_eq!(names(&ws, &again.diagnostics, "a.arg"), a_after);
}

#[test]
fn a_directory_scan_picks_up_markdown_drafts_that_hold_arg_blocks() {
    let dir = scratch("md");
    std::fs::write(dir.join("a.arg"), "claim a \"A\"\n  confidence: likely\n").expect("write");
    std::fs::write(
        dir.join("notes.md"),
        "# Notes\n\nNo argument here.\n\n```rust\nfn main() {}\n```\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("draft.md"),
        "# Draft\n\n1. The claim:\n\n   ```arg\n   claim d \"D\"\n     confidence: likely\n   ```\n",
    )
    .expect("write");
    let c = check::run(std::slice::from_ref(&dir), Semantics::Grounded).expect("runs");
    let names: Vec<&str> =
        c.ws.files
            .iter()
            .filter(|f| f.kind != graph::FileKind::Config)
            .map(|f| f.name.as_str())
            .collect();
    assert_eq!(names, ["a.arg", "draft.md"]);
    // The block inside the list item is read with its indentation stripped,
    // and reported at its place in the .md file.
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.rule == "unsupported-claim" && c.ws.files[d.loc.file].name == "draft.md")
        .expect("the draft's claim is checked");
    let p = argcheck::render::pos(&c.ws, d.loc.file, d.loc.span.start);
    assert_eq!((p.line, p.column), (6, 10));
    // Named on the command line, a Markdown file without a block is checked.
    let one = check::run(&[dir.join("notes.md")], Semantics::Grounded).expect("runs");
    assert_eq!(one.file_count(), 1);
}

#[test]
fn expectations_are_checked_under_the_semantics_of_the_run() {
    // a and b attack each other and both attack c, which attacks d: under
    // grounded semantics all four are undecided; under preferred, c is out
    // in every preferred labelling and d is sceptically accepted.
    let dir = scratch("expect");
    std::fs::write(
        dir.join("x.arg"),
        "source s \"S\"\n  reliability: B\n\
         evidence a \"A\"\n  cite: s 2\n  attacks: b, c\n\
         evidence b \"B\"\n  cite: s 2\n  attacks: a, c\n\
         evidence c \"C\"\n  cite: s 2\n  attacks: d\n\
         claim d \"D\"\n  confidence: likely\n  cite: s 2\n  expect: in\n",
    )
    .expect("write");
    let unmet = |sem: &str| -> Vec<String> {
        let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .current_dir(&dir)
            .args(["check", "--output-format", "concise", "--semantics", sem, "x.arg"])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("unmet-expectation"))
            .map(str::to_string)
            .collect()
    };
    let grounded = unmet("grounded");
    assert_eq!(grounded.len(), 1, "{grounded:?}");
    assert!(
        grounded[0].contains("expected `in`, but its standing is `undec`"),
        "{grounded:?}"
    );
    assert_eq!(unmet("preferred"), Vec::<String>::new());
}

/// A file longer than one resolution job (8,192 items) and than one parse
/// piece (1 MiB) is parsed and resolved in parallel pieces: references
/// that cross the cuts, a name defined in one piece and again in another,
/// an NFD id (normalised, so not a slice of the text), and an unknown name
/// far from the start still resolve and report as in a small file; and a
/// one-shot check (which frees each tree as its file is resolved) reports
/// what a workspace that keeps its trees reports, check after check.
#[test]
fn one_large_file_resolves_across_its_parallel_pieces() {
    let dir = scratch("jobs");
    let n = 20_000;
    let mut s = String::from("source ap \"AP\"\n  reliability: A\n\nevidence e0 \"E0\"\n  cite: ap 2\n");
    for i in 1..n {
        // Each premise rests on the one before it and names one 9,000
        // items further on (forward, across a cut) in an attack.
        s.push_str(&format!(
            "premise e{i} \"P{i}: a statement long enough for the file to pass one parse piece\"\n  because: e{}\n",
            i - 1
        ));
        if i + 9_000 < n && i % 1_000 == 0 {
            s.push_str(&format!("  attacks: e{}\n", i + 9_000));
        }
    }
    s.push_str("premise e100 \"again\"\n  because: e1\n");
    s.push_str("premise last \"L\"\n  because: e1999x\n");
    s.push_str("premise cafe\u{301} \"NFD\"\n  because: e5\npremise nfc \"N\"\n  because: caf\u{e9}\n");
    assert!(s.len() > 1 << 20, "{} bytes: one parse piece", s.len());
    std::fs::write(dir.join("big.arg"), &s).expect("write");
    let c = check::run(&[dir.join("big.arg")], Semantics::Grounded).expect("runs");
    let mut kept = graph::load(&[dir.join("big.arg")]).expect("loads");
    for _ in 0..2 {
        let again = kept.check(Semantics::Grounded).expect("checks");
        let shown = |d: &[Diagnostic]| d.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>();
        assert_eq!(shown(&again.diagnostics), shown(&c.diagnostics));
        assert_eq!(again.graph.statements.len(), n + 4);
    }
    let nfc = &c.graph.statements[n + 3];
    assert_eq!(nfc.name.as_str(), "nfc");
    assert_eq!(
        c.graph.statements[nfc.reasons[0].members[0].0].name.as_str(),
        "caf\u{e9}"
    );
    let g = &c.graph;
    assert_eq!(g.statements.len(), n + 4);
    for (i, st) in g.statements.iter().enumerate().take(n).skip(1) {
        assert_eq!(st.name.as_str(), format!("e{i}"));
        let m = &st.reasons[0].members;
        assert_eq!(
            g.statements[m[0].0].name.as_str(),
            format!("e{}", i - 1),
            "reason of e{i}"
        );
        if i + 9_000 < n && i % 1_000 == 0 {
            assert_eq!(g.statements[st.attacks[0].0].name.as_str(), format!("e{}", i + 9_000));
        } else {
            assert!(st.attacks.is_empty());
        }
    }
    let dups: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.rule == "duplicate-id").collect();
    assert_eq!(dups.len(), 1, "{dups:?}");
    assert_eq!(&s[dups[0].loc.span.clone()], "e100");
    assert!(dups[0].loc.span.start > s.len() - 200);
    assert!(dups[0].labels[1].loc.span.start < s.len() / 2);
    let unknown: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.rule == "unknown-reference").collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].help.as_deref(), Some("did you mean `e1999`?"));
}
