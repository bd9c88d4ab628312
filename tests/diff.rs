//! `argcheck diff REV` on a scratch git repository built here: commit,
//! edit, diff; every format compared exactly.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=argcheck", "-c", "user.email=argcheck@example.invalid"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn repo() -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("argcheck-diff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).ok()?;
    if !git(&dir, &["init", "-q"]) {
        return None;
    }
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").ok()?;
    std::fs::write(
        dir.join("sources.yaml"),
        "sources:\n  ap:\n    title: AP\n    reliability: A\n  blog:\n    title: A blog\n    reliability: E\n",
    )
    .ok()?;
    std::fs::write(
        dir.join("a.arg"),
        "use \"sources.yaml\"\n\
claim c \"C\"\n  confidence: likely\n  because: p\n\
premise p \"P\"\n  cite: ap 2\n\
evidence gone \"G\"\n  cite: ap 2\n  attacks: c2\n\
claim c2 \"C2\"\n  confidence: unlikely\n  cite: blog 3\n",
    )
    .ok()?;
    if !git(&dir, &["add", "."]) || !git(&dir, &["commit", "-q", "-m", "first"]) {
        return None;
    }
    // The edit: p now rests on the blog, `gone` is removed (so c2 is no
    // longer defeated), a claim is added.
    std::fs::write(
        dir.join("a.arg"),
        "use \"sources.yaml\"\n\
claim c \"C\"\n  confidence: likely\n  because: p\n\
premise p \"P\"\n  cite: blog 2\n\
claim c2 \"C2\"\n  confidence: unlikely\n  cite: blog 3\n\
claim new \"N\"\n  confidence: likely\n  cite: ap 2\n",
    )
    .ok()?;
    Some(dir)
}

/// Compares with `tests/diff/NAME` (`BLESS=1 cargo test --test diff`
/// rewrites it).
fn expect(name: &str, got: &str) {
    common::expect("tests/diff", name, got)
}

fn diff(dir: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(dir)
        .args(["diff", "HEAD", ".", "--format", format])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_semantic_diff_in_every_format() {
    let Some(dir) = repo() else {
        eprintln!("skipped: git is not available");
        return;
    };
    let human = diff(&dir, "human");
    let expected = [
        "argument changes since HEAD:",
        "  ~ claim c (a.arg): ceiling very-likely → unlikely",
        "  ~ claim c2 (a.arg): label out → in, standing out → in",
        "  + claim new (a.arg): added (grounded, ceiling very-likely, standing in)",
        "  - evidence gone (a.arg): removed (was grounded, ceiling very-likely, standing in)",
        "  ~ premise p (a.arg): ceiling very-likely → unlikely",
        "  + warning[overclaimed-confidence] a.arg: `c` claims `likely`, but its support allows at most `unlikely`",
        "  + warning[single-source] a.arg: claim `c` rests on a single source: `blog`",
        "  + warning[single-source] a.arg: claim `new` rests on a single source: `ap`",
        "  - warning[defeated-claim] a.arg: claim `c2` is defeated: `gone`, labelled `in`, attacks it",
        "  - warning[single-source] a.arg: claim `c` rests on a single source: `ap`",
        "5 statements changed, 3 findings appeared, 2 fixed",
        "",
    ]
    .join("\n");
    assert_eq!(human, expected);
    expect("diff.md", &diff(&dir, "markdown"));
    let json_text = diff(&dir, "json");
    expect("diff.json", &json_text);
    let json: serde_json::Value = serde_json::from_str(&json_text).expect("valid JSON");
    assert_eq!(json["rev"], "HEAD");
    assert_eq!(json["statements"].as_array().map(Vec::len), Some(5));
    assert_eq!(json["appeared"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["fixed"].as_array().map(Vec::len), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
