//! Shared harness of the fuzz targets: write the input into a scratch
//! project, run the whole check on it, and render both outputs.

use argcheck::analysis::Semantics;
use argcheck::check;
use argcheck::render;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The scratch project of this process (one per fuzzing process, reused
/// across inputs: each input overwrites the files it needs).
pub fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("argcheck-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        std::fs::write(dir.join("argcheck.yaml"), "# fuzz project root\n").expect("argcheck.yaml");
        std::fs::write(dir.join("sources.yaml"), DEFAULT_REGISTRY).expect("sources.yaml");
        dir
    })
}

/// A registry the `.arg` and `.md` inputs may import.
pub const DEFAULT_REGISTRY: &str = "sources:\n  ap:\n    title: Associated Press\n    reliability: A\n    kind: wire\n  blog:\n    title: A blog\n    reliability: E\n    derived-from: [ap]\n";

/// Writes `files` (name, bytes) into the scratch project, checks `entry`,
/// and renders the JSON and human reports. Panics only on a defect.
pub fn check_files(files: &[(&str, &[u8])], entry: &str) {
    let dir = scratch();
    // The entry is checked in memory (Workspace::set_text, as the editor
    // does) when it is UTF-8; otherwise from disk, through the decoder.
    let mut in_memory = None;
    for (name, bytes) in files {
        match std::str::from_utf8(bytes) {
            Ok(text) if *name == entry => in_memory = Some(text.to_string()),
            _ => std::fs::write(dir.join(name), bytes).expect("write input"),
        }
    }
    let c = match in_memory {
        Some(text) => {
            let mut ws = argcheck::graph::Workspace::default();
            ws.set_text(&dir.join(entry), text);
            match ws.check(Semantics::Grounded) {
                Ok(a) => check::Checked::new(ws, a),
                Err(_) => return,
            }
        }
        None => match check::run(&[dir.join(entry)], Semantics::Grounded) {
            Ok(c) => c,
            // A run error (the entry itself unreadable) is a clean outcome.
            Err(_) => return,
        },
    };
    let (errors, warnings, infos) = c.counts();
    let summary = render::json::Summary {
        files: c.file_count(),
        statements: c.graph.statements.len(),
        errors,
        warnings,
        infos,
    };
    let json = render::json::render(&c.ws, &c.diagnostics, summary);
    assert!(json.ends_with('\n'));
    let _ = render::human::render(&c.ws, &c.diagnostics, render::human::Style::default());
    for d in &c.diagnostics {
        assert!(!d.rule.is_empty());
    }
}
