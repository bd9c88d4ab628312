//! `argcheck fmt`, run as the real binary on real files: every
//! `tests/fmt/<case>.arg` (or `.md`) is formatted and compared exactly with
//! `<case>.arg.expected` beside it; `--check` exits 1 and prints a diff; a
//! file with syntax errors is left untouched (exit 2, the errors as `check`
//! draws them). Then every clean `.arg`/`.md` under `arguments/` and
//! `tests/ui/`: formatting is idempotent and checks to the same diagnostics.
//!
//! `BLESS=1 cargo test --test fmt` rewrites the expectations; review the
//! diff before committing it.

use argcheck::analysis::Semantics;
use argcheck::fmt::{format_file_text, FormatError};
use argcheck::graph;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn scratch() -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-fmt-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    dir
}

fn argcheck(dir: &Path, args: &[&str]) -> Output {
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
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    out
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fmt"))
        .expect("tests/fmt exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("arg") | Some("md")))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("syntax-error"))
        })
        .collect();
    out.sort();
    out
}

fn expected_path(case: &Path) -> PathBuf {
    let mut p = case.as_os_str().to_owned();
    p.push(".expected");
    PathBuf::from(p)
}

#[test]
fn expected_outputs() {
    let bless = std::env::var_os("BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 10, "found {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().expect("a name").to_string_lossy().into_owned();
        let input = std::fs::read(case).expect("readable");
        let dir = scratch();
        std::fs::write(dir.join(&name), &input).expect("copy");
        // --check: exit 1 and a diff when the file would change; nothing written.
        let check = argcheck(&dir, &["fmt", "--check", &name]);
        let written = argcheck(&dir, &["fmt", &name]);
        assert_eq!(
            written.status.code(),
            Some(0),
            "{name}: fmt failed: {}",
            String::from_utf8_lossy(&written.stderr)
        );
        let got = std::fs::read(dir.join(&name)).expect("still there");
        let changed = got != input;
        assert_eq!(
            check.status.code(),
            Some(i32::from(changed)),
            "{name}: --check exit code"
        );
        let diff = String::from_utf8_lossy(&check.stdout);
        if changed {
            assert!(
                diff.starts_with(&format!("--- a/{name}\n+++ b/{name}\n@@ ")),
                "{name}: diff {diff}"
            );
        } else {
            assert!(diff.is_empty(), "{name}: diff of an unchanged file: {diff}");
        }
        // A second run changes nothing.
        let again = argcheck(&dir, &["fmt", "--check", &name]);
        assert_eq!(
            again.status.code(),
            Some(0),
            "{name}: not idempotent: {}",
            String::from_utf8_lossy(&again.stdout)
        );
        let expected = expected_path(case);
        if bless {
            std::fs::write(&expected, &got).expect("bless");
        } else {
            match std::fs::read(&expected) {
                Ok(want) if want == got => {}
                Ok(_) => failures.push(format!(
                    "{name}: got\n{}\nwant\n{}",
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&std::fs::read(&expected).unwrap_or_default())
                )),
                Err(_) => failures.push(format!("{name}: no {} (BLESS=1 writes it)", expected.display())),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn check_prints_a_unified_diff_and_writes_nothing() {
    let dir = scratch();
    let text = "claim c \"C\"\n    by: s\n    because: a,b\n";
    std::fs::write(dir.join("a.arg"), text).expect("write");
    let out = argcheck(&dir, &["fmt", "--check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "--- a/a.arg\n+++ b/a.arg\n@@ -1,3 +1,3 @@\n claim c \"C\"\n-    by: s\n-    because: a,b\n+  because: a, b\n+  by: s\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "1 file would be reformatted, 0 already formatted\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.arg")).expect("read"), text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_with_syntax_errors_is_never_rewritten() {
    let dir = scratch();
    let case = root().join("tests/fmt/syntax-error.arg");
    let text = std::fs::read(&case).expect("read");
    std::fs::write(dir.join("broken.arg"), &text).expect("write");
    std::fs::write(dir.join("fine.arg"), "claim c \"C\"\n    by: s\n").expect("write");
    let mtime = std::fs::metadata(dir.join("broken.arg"))
        .and_then(|m| m.modified())
        .ok();
    let out = argcheck(&dir, &["fmt", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.join("broken.arg")).expect("read"), text, "rewritten");
    assert_eq!(
        std::fs::metadata(dir.join("broken.arg"))
            .and_then(|m| m.modified())
            .ok(),
        mtime
    );
    // The clean file next to it is still formatted.
    assert_eq!(
        std::fs::read_to_string(dir.join("fine.arg")).expect("read"),
        "claim c \"C\"\n  by: s\n"
    );
    // The errors are those of `check`, drawn the same way.
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let check = argcheck(&dir, &["check", "broken.arg"]);
    let check_out = String::from_utf8_lossy(&check.stdout).into_owned();
    let report = stderr.split("\nerror: ").next().unwrap_or_default();
    let blocks: Vec<&str> = report
        .split("syntax-error\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    assert_eq!(blocks.len(), 2, "{stderr}");
    for b in blocks {
        assert!(
            check_out.contains(b.trim_end()),
            "fmt drew\n{b}\ncheck drew\n{check_out}"
        );
    }
    assert!(stderr.contains("2 syntax errors in 1 file: not formatted"), "{stderr}");
    let expected = case.with_extension("arg.stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected, &stderr).expect("bless");
    } else {
        assert_eq!(stderr, std::fs::read_to_string(&expected).unwrap_or_default());
    }
    // --check too: exit 2, nothing written.
    let out = argcheck(&dir, &["fmt", "--check", "broken.arg"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.join("broken.arg")).expect("read"), text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_to_standard_output() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"claim c \"C\"\n\tby: s\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "claim c \"C\"\n  by: s\n");
}

/// Diagnostics as comparable text without positions: rule, severity,
/// message, help, labels' texts.
fn findings(ws: &graph::Workspace, diags: &[argcheck::diagnostic::Diagnostic]) -> Vec<String> {
    let mut v: Vec<String> = diags
        .iter()
        .map(|d| {
            let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
            format!(
                "{} {} {} | {} | {:?} | {:?}",
                ws.files[d.loc.file].name,
                d.rule,
                d.severity.as_str(),
                d.message,
                d.help,
                labels
            )
        })
        .collect();
    v.sort();
    v
}

fn clean_documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("arguments"), root().join("tests/ui")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("arg") | Some("md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_clean_document_formats_idempotently_to_the_same_findings() {
    let (mut formatted, mut refused) = (0, 0);
    for path in clean_documents() {
        // A case that is not UTF-8 is a syntax error to check, and to fmt.
        let Ok(text) = std::fs::read_to_string(&path) else {
            refused += 1;
            continue;
        };
        let md = path.extension().is_some_and(|e| e == "md");
        let once = match format_file_text(&text, md) {
            Ok(t) => t,
            Err(FormatError::Syntax(_)) => {
                refused += 1;
                continue;
            }
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let twice = format_file_text(&once, md).expect("formatted text parses");
        assert_eq!(once, twice, "{}: not idempotent", path.display());
        formatted += 1;
        // Check the original and the formatted text in the same workspace
        // (imports, argcheck.yaml): the same findings, positions aside.
        let mut ws = graph::load(std::slice::from_ref(&path)).expect("loads");
        let before = ws.check(Semantics::Grounded).expect("checks");
        let before = findings(&ws, &before.diagnostics);
        let canon = std::fs::canonicalize(&path).expect("canonical");
        ws.set_text(&canon, once);
        let after = ws.check(Semantics::Grounded).expect("checks");
        let after = findings(&ws, &after.diagnostics);
        assert_eq!(before, after, "{}: findings changed by formatting", path.display());
    }
    assert!(
        formatted >= 60,
        "only {formatted} clean documents formatted ({refused} refused)"
    );
}

#[test]
fn the_showcase_is_formatted() {
    let out = argcheck(&root(), &["fmt", "--check", "arguments"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "run `argcheck fmt arguments/`:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_files_found_are_those_check_reads() {
    // A directory: `*.arg` files and Markdown drafts holding an arg block;
    // Markdown without one, YAML registries and other files are not touched.
    let dir = scratch();
    std::fs::write(dir.join("a.arg"), "claim c \"C\"\n    by: s\n").expect("write");
    std::fs::write(dir.join("notes.md"), "# Notes\n\n    claim x   \"y\"\n").expect("write");
    std::fs::write(dir.join("draft.md"), "```arg\nclaim d \"D\"\n    by: s\n```\n").expect("write");
    std::fs::write(dir.join("s.yaml"), "sources:\n  s:   {title: S}\n").expect("write");
    let out = argcheck(&dir, &["fmt", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "2 files reformatted, 0 unchanged\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("draft.md")).expect("read"),
        "```arg\nclaim d \"D\"\n  by: s\n```\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.md")).expect("read"),
        "# Notes\n\n    claim x   \"y\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("s.yaml")).expect("read"),
        "sources:\n  s:   {title: S}\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
