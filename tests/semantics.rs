//! Textbook argumentation frameworks (`tests/semantics/*.arg`), each with
//! the labels argumentation theory gives them, written by hand in
//! `<name>.labels` (grounded) and `<name>.preferred` (preferred): the
//! labels `argcheck explain --format json` prints must be exactly those.

use std::path::Path;
use std::process::Command;

fn labels(file: &Path, semantics: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .args(["explain", "--format", "json", "--semantics", semantics])
        .arg(file)
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let mut lines: Vec<String> = v["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["id"].as_str().unwrap_or(""),
                s["label"].as_str().unwrap_or("")
            )
        })
        .collect();
    lines.sort();
    lines
}

fn expected(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    lines.sort();
    Some(lines)
}

#[test]
fn textbook_frameworks_get_their_textbook_labels() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/semantics");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/semantics").flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("arg") {
            continue;
        }
        for (ext, semantics) in [("labels", "grounded"), ("preferred", "preferred")] {
            if let Some(want) = expected(&path.with_extension(ext)) {
                assert_eq!(
                    labels(&path, semantics),
                    want,
                    "{} under {semantics} semantics",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} expectations found");
}
