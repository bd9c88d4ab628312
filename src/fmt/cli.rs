//! `argcheck fmt [--check] [PATHS]`: formats `.arg` files and the `arg`
//! blocks of Markdown files in place (each file written atomically), or,
//! with `--check`, prints a unified diff of what would change.
//!
//! Files are found as `check` finds them (directories walked for `*.arg`,
//! argcheck.yaml's `include:`/`exclude:`, Markdown files holding an `arg`
//! block). A file with syntax errors is never rewritten: its errors are
//! printed as `check` prints them, and the exit code is 2. `-` formats
//! standard input to standard output.
//!
//! Exit codes: 0 every file is (now) formatted; 1 with `--check`, some file
//! is not; 2 a file has syntax errors or could not be read or written.

use super::{format_file_text, format_source, FormatError};
use crate::diagnostic::Diagnostic;
use crate::graph::{self, load::syntax_diag, FileKind};
use crate::render::{self, human};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// A unified diff of `old` → `new` (three lines of context), headed
/// `--- a/NAME` / `+++ b/NAME`. Myers' algorithm is given a second per
/// file: past that the diff is still correct, only less minimal (a 13 MB
/// file whose every item moved would otherwise take seconds).
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&side("a", name), &side("b", name))
        .to_string()
}

/// `a/NAME` for a relative name (as git writes it), the name itself for an
/// absolute one.
fn side(prefix: &str, name: &str) -> String {
    if Path::new(name).is_absolute() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    }
}

fn stderr_style() -> human::Style {
    human::Style::for_terminal(std::io::stderr().is_terminal())
}

/// Formats standard input to standard output.
fn stdin(check: bool) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("error: cannot read standard input: {e}");
        return 2;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: standard input is not UTF-8; nothing formatted");
        return 2;
    };
    match format_source(&text) {
        Ok(f) if check => {
            if f == text {
                0
            } else {
                print!("{}", unified_diff("stdin", &text, &f));
                1
            }
        }
        Ok(f) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(f.as_bytes());
            let _ = out.flush();
            0
        }
        Err(FormatError::Syntax(errors)) => {
            let mut ws = graph::Workspace::default();
            let cwd = std::env::current_dir().unwrap_or_default();
            let id = ws.set_text(&cwd.join("stdin.arg"), text);
            let diags: Vec<Diagnostic> = errors.into_iter().map(|e| syntax_diag(id, e)).collect();
            report_errors(&ws, &diags, 1);
            2
        }
        Err(e) => {
            eprintln!("error: stdin: {e}; nothing formatted");
            2
        }
    }
}

fn report_errors(ws: &graph::Workspace, diags: &[Diagnostic], files: usize) {
    let mut err = std::io::stderr().lock();
    let _ = human::write(ws, diags, stderr_style(), &mut err);
    let _ = writeln!(
        err,
        "error: {} syntax error{} in {files} file{}: not formatted (fix them first; `argcheck check` shows them too)",
        diags.len(),
        if diags.len() == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
    );
}

/// Runs `argcheck fmt`; returns the exit code.
pub fn run(paths: &[PathBuf], check: bool) -> i32 {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            eprintln!("error: `-` (standard input) cannot be formatted together with files");
            return 2;
        }
        return stdin(check);
    }
    let ws = match graph::load(paths) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("error: {}", render::escape(&e.0));
            return 2;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = |p: &Path| -> String { p.strip_prefix(&cwd).unwrap_or(p).to_string_lossy().replace('\\', "/") };
    let mut syntax: Vec<Diagnostic> = Vec::new();
    let mut broken_files = 0;
    let mut failed = false;
    let (mut changed, mut unchanged) = (0usize, 0usize);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for &id in &ws.roots {
        let f = &ws.files[id];
        if !matches!(f.kind, FileKind::Arg | FileKind::Markdown) {
            continue;
        }
        let errors: Vec<Diagnostic> = ws.file_diagnostics[id]
            .iter()
            .filter(|d| d.rule == crate::rules::syntax_error::RULE.name)
            .cloned()
            .collect();
        if !errors.is_empty() {
            broken_files += 1;
            syntax.extend(errors);
            continue;
        }
        let name = shown(&f.path);
        let formatted = match format_file_text(&f.text, f.kind == FileKind::Markdown) {
            Ok(t) => t,
            Err(FormatError::Syntax(errors)) => {
                broken_files += 1;
                syntax.extend(errors.into_iter().map(|e| syntax_diag(id, e)));
                continue;
            }
            Err(e) => {
                eprintln!("error: {name}: {e}; left as it is");
                failed = true;
                continue;
            }
        };
        if *formatted == *f.text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if check {
            let _ = stdout.write_all(unified_diff(&name, &f.text, &formatted).as_bytes());
        } else if let Err(e) = crate::fix::write_atomic(&f.path, &formatted) {
            eprintln!("error: cannot write `{name}`: {e}");
            failed = true;
        }
    }
    let _ = stdout.flush();
    drop(stdout);
    if !syntax.is_empty() {
        report_errors(&ws, &syntax, broken_files);
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if changed + unchanged + broken_files == 0 && !failed {
        eprintln!("warning: no file to format under the given paths (argcheck formats `*.arg` files and Markdown files with `arg` blocks, or what `include:` in argcheck.yaml names)");
    }
    if check {
        eprintln!(
            "{changed} file{} would be reformatted, {unchanged} already formatted",
            plural(changed)
        );
    } else {
        eprintln!("{changed} file{} reformatted, {unchanged} unchanged", plural(changed));
    }
    if failed || !syntax.is_empty() {
        2
    } else if check && changed > 0 {
        1
    } else {
        0
    }
}
