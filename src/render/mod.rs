//! Output: the human report (miette), JSON, and the `explain` tree.

pub mod concise;
pub mod explain;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod located;
pub mod sarif;

use crate::graph::Workspace;
use crate::span::LineCol;

/// Character line/column of a byte offset in a file.
pub fn pos(ws: &Workspace, file: usize, offset: usize) -> LineCol {
    let f = &ws.files[file];
    f.lines.char_pos(&f.text, offset)
}

/// `3 errors, 2 warnings in 4 files` (plus infos when there are some).
pub fn summary_line(errors: usize, warnings: usize, infos: usize, files: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut s = format!(
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file")
    );
    if infos > 0 {
        s.push_str(&format!(" ({})", plural(infos, "info")));
    }
    s
}
