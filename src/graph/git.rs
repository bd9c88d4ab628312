//! The argument as it was at a git revision, for `argcheck diff REV`: the
//! files under the given paths are read with `git show REV:PATH` and put
//! into a workspace in memory ([`Workspace::set_text`]), so that imports
//! resolve to the revision's files too. The project configuration
//! (`argcheck.yaml`) is the working tree's.

use super::{RunError, Workspace};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, RunError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| RunError(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(RunError(format!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            msg.trim()
        )));
    }
    Ok(out.stdout)
}

/// Whether a path at the revision is part of the argument.
fn wanted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "argcheck.yaml" {
        return false;
    }
    [".arg", ".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Loads the files under `paths` (relative to the current directory) as
/// they were at `rev`.
pub fn load_rev(rev: &str, paths: &[PathBuf]) -> Result<Workspace, RunError> {
    let cwd = std::env::current_dir().map_err(|e| RunError(format!("cannot read the current directory: {e}")))?;
    let top = git(&cwd, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let mut specs = Vec::new();
    for p in paths {
        let abs = std::fs::canonicalize(cwd.join(p)).unwrap_or_else(|_| cwd.join(p));
        let rel = abs
            .strip_prefix(&top)
            .map_err(|_| RunError(format!("`{}` is outside the git repository", p.display())))?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        specs.push(if rel.is_empty() { ".".to_string() } else { rel });
    }
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", rev, "--"];
    args.extend(specs.iter().map(String::as_str));
    let listing = git(&top, &args)?;
    let mut files: Vec<String> = listing
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .filter(|p| wanted(p))
        .collect();
    // Registries first, so that documents importing them find them here
    // rather than on disk.
    files.sort_by_key(|p| (!(p.ends_with(".yaml") || p.ends_with(".yml")), p.clone()));
    // What a directory check would pick: the project's include/exclude (of
    // the working tree's argcheck.yaml), `.arg` and Markdown by default.
    // Registries are read too, but only as imports.
    let (root, has_config) = Workspace::find_root(&cwd);
    let config = if has_config {
        let text = std::fs::read_to_string(root.join("argcheck.yaml")).unwrap_or_default();
        crate::config::parse(0, &text, &mut Vec::new())
    } else {
        crate::config::Config::default()
    };
    let included = |f: &str| -> bool {
        let Ok(rel) = top
            .join(f)
            .strip_prefix(&root)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
        else {
            return false;
        };
        let by_default = rel.ends_with(".arg") || rel.ends_with(".md") || rel.ends_with(".markdown");
        config.include.as_ref().map_or(by_default, |g| g.is_match(&rel))
            && !config.exclude.as_ref().is_some_and(|g| g.is_match(&rel))
    };
    let mut ws = Workspace::default();
    let mut roots = Vec::new();
    let limit = crate::config::Limits::default().max_file_size;
    for f in files {
        let bytes = git(&top, &["show", &format!("{rev}:{f}")])?;
        if bytes.len() as u64 > limit {
            return Err(RunError(format!("`{f}` at {rev} is over the limit of {limit} bytes")));
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let is_md = f.ends_with(".md") || f.ends_with(".markdown");
        if is_md && crate::syntax::markdown_cmark::extract(&text).text.is_empty() {
            continue;
        }
        let id = ws.set_text(&top.join(&f), text);
        if included(&f) {
            roots.push(id);
        }
    }
    ws.roots = roots;
    Ok(ws)
}
