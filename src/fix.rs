//! `check --fix`: applies the safe fixes that rules attach to their
//! diagnostics (fixes as data, [`crate::diagnostic::Fix`]) to the files on
//! disk. As ruff does: fixes sorted by position, a fix that overlaps one
//! already applied waits for the next round, a file is written atomically
//! (a temporary file beside it, then a rename), and a fix that would add a
//! syntax error is not written.

use crate::diagnostic::{Diagnostic, FileId};
use crate::graph::{load::parse_text, FileKind, Workspace};
use std::io::Write;
use std::path::Path;

/// Writes `text` to `path` atomically: a temporary file in the same
/// directory, then a rename over the original (which keeps its
/// permissions).
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.argcheck-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The text of `file` with the safe fixes of `diags` applied (those that
/// do not overlap an earlier one), and how many were applied.
pub fn fixed_text(ws: &Workspace, file: FileId, diags: &[Diagnostic]) -> (String, usize) {
    let text = &ws.files[file].text;
    let mut fixes: Vec<&crate::diagnostic::Fix> = diags
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| f.safe && !f.edits.is_empty() && f.edits.iter().all(|e| e.loc.file == file))
        .collect();
    fixes.sort_by_key(|f| (f.edits[0].loc.span.start, f.edits[0].loc.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in fixes {
        let mut edits: Vec<&crate::diagnostic::Edit> = f.edits.iter().collect();
        edits.sort_by_key(|e| e.loc.span.start);
        let ok = edits.iter().all(|e| {
            e.loc.span.start >= at
                && e.loc.span.start <= e.loc.span.end
                && e.loc.span.end <= text.len()
                && text.is_char_boundary(e.loc.span.start)
                && text.is_char_boundary(e.loc.span.end)
        }) && edits.windows(2).all(|w| w[0].loc.span.end <= w[1].loc.span.start);
        if !ok {
            continue;
        }
        for e in edits {
            out.push_str(&text[at..e.loc.span.start]);
            out.push_str(&e.replacement);
            at = e.loc.span.end;
        }
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Applies the safe fixes to every `.arg` and Markdown file; returns how
/// many fixes were written, and a message for each file left alone.
pub fn apply(ws: &Workspace, diags: &[Diagnostic]) -> (usize, Vec<String>) {
    let mut total = 0;
    let mut notes = Vec::new();
    let mut files: Vec<FileId> = diags
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| f.safe)
        .filter_map(|f| f.edits.first().map(|e| e.loc.file))
        .collect();
    files.sort_unstable();
    files.dedup();
    for file in files {
        let f = &ws.files[file];
        if !matches!(f.kind, FileKind::Arg | FileKind::Markdown) {
            continue;
        }
        let (text, n) = fixed_text(ws, file, diags);
        // A fix that changes nothing would loop round after round.
        if n == 0 || *text == *f.text {
            continue;
        }
        let before = parse_text(file, f.kind, &f.text).1.len();
        let after = parse_text(file, f.kind, &text).1.len();
        if after > before {
            notes.push(format!("`{}`: the fixes would add a syntax error; not written", f.name));
            continue;
        }
        match write_atomic(&f.path, &text) {
            Ok(()) => total += n,
            Err(e) => notes.push(format!("`{}`: cannot write: {e}", f.name)),
        }
    }
    (total, notes)
}
