//! Loading: from the paths given on the command line to every file the
//! check needs (the files themselves and everything they import).

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::LineIndex;
use crate::syntax::{self, markdown, Item, ItemKind, ParsedFile, SyntaxError};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An `.arg` document.
    Arg,
    /// A Markdown file whose `arg` blocks form one document.
    Markdown,
    /// A YAML source registry.
    Registry,
    /// `argcheck.yaml`.
    Config,
}

/// One file of the workspace.
#[derive(Debug)]
pub struct SourceFile {
    /// Canonical path.
    pub path: PathBuf,
    /// Path relative to the project root, `/`-separated: what output shows.
    pub name: String,
    /// The text (invalid UTF-8 bytes replaced by `?`, one for one).
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// Index of the file's project in [`Workspace::projects`].
    pub project: usize,
    /// What the file holds.
    pub kind: FileKind,
}

/// A project: a root directory and its configuration.
#[derive(Debug)]
pub struct Project {
    /// The root directory (canonical).
    pub dir: PathBuf,
    /// Its `argcheck.yaml`, or the defaults.
    pub config: Config,
}

/// Everything loaded for one run.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Every file, in load order.
    pub files: Vec<SourceFile>,
    /// Items of each file (empty for configs and unreadable files).
    /// [`crate::check::run`] moves them into name resolution, so after a
    /// check they are empty.
    pub items: Vec<Vec<Item>>,
    /// Files each file imports (resolved `use` targets).
    pub imports: Vec<Vec<FileId>>,
    /// The projects.
    pub projects: Vec<Project>,
    /// The files the user asked to check (explicitly or by directory).
    pub roots: Vec<FileId>,
    /// Diagnostics found while loading and parsing.
    pub diagnostics: Vec<Diagnostic>,
    by_path: HashMap<PathBuf, FileId>,
}

/// A failure of the run itself (exit code 2).
#[derive(Debug)]
pub struct RunError(pub String);

impl Workspace {
    /// The configuration that governs `file`.
    pub fn config(&self, file: FileId) -> &Config {
        &self.projects[self.files[file].project].config
    }

    /// The project root directory of a path: the nearest ancestor (starting
    /// at `start`) holding `argcheck.yaml`, else `start`.
    pub fn find_root(start: &Path) -> (PathBuf, bool) {
        let mut dir = Some(start);
        while let Some(d) = dir {
            if d.join("argcheck.yaml").is_file() {
                return (d.to_path_buf(), true);
            }
            dir = d.parent();
        }
        (start.to_path_buf(), false)
    }

    fn project_for(&mut self, start: &Path) -> usize {
        let (dir, has_config) = Self::find_root(start);
        if let Some(i) = self.projects.iter().position(|p| p.dir == dir) {
            return i;
        }
        let idx = self.projects.len();
        self.projects.push(Project {
            dir: dir.clone(),
            config: Config::default(),
        });
        if has_config {
            let path = dir.join("argcheck.yaml");
            let bytes = fs::read(&path);
            let id = self.add_file(path, idx, FileKind::Config, bytes, u64::MAX, None);
            let text = self.files[id].text.clone();
            let mut diags = Vec::new();
            let config = config::parse(id, &text, &mut diags);
            self.diagnostics.extend(diags);
            self.projects[idx].config = config;
        }
        idx
    }

    /// `path` relative to the project root, `/`-separated; empty for the
    /// root itself, the whole path for a path outside it.
    fn rel_to_root(&self, path: &Path, project: usize) -> String {
        let rel = path.strip_prefix(&self.projects[project].dir).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    fn display_name(&self, path: &Path, project: usize) -> String {
        let s = self.rel_to_root(path, project);
        if s.is_empty() {
            path.file_name().map_or_else(
                || path.to_string_lossy().into_owned(),
                |n| n.to_string_lossy().into_owned(),
            )
        } else {
            s
        }
    }

    /// Registers a file with its (possibly failed) contents. A read failure
    /// or an oversized file is reported at `from` (the `use` that asked for
    /// it) or at the file itself.
    fn add_file(
        &mut self,
        path: PathBuf,
        project: usize,
        kind: FileKind,
        bytes: std::io::Result<Vec<u8>>,
        max: u64,
        from: Option<Loc>,
    ) -> FileId {
        let id = self.files.len();
        let name = self.display_name(&path, project);
        let mut diags = Vec::new();
        let text: String = match bytes {
            Ok(b) if b.len() as u64 > max => {
                let loc = from.clone().unwrap_or(Loc::new(id, 0..0));
                diags.push(
                    Diagnostic::new(
                        &rules::import_error::RULE,
                        loc,
                        format!("`{name}` is {} bytes, over the limit of {max} bytes", b.len()),
                        "file too large",
                    )
                    .with_help("raise `limits.max-file-size` in argcheck.yaml, or split the file"),
                );
                String::new()
            }
            Ok(b) => decode(id, b, &mut diags),
            Err(e) => {
                let loc = from.clone().unwrap_or(Loc::new(id, 0..0));
                diags.push(Diagnostic::new(
                    &rules::import_error::RULE,
                    loc,
                    format!("cannot read `{name}`: {e}"),
                    "unreadable",
                ));
                String::new()
            }
        };
        let text: Arc<str> = Arc::from(text);
        self.files.push(SourceFile {
            lines: LineIndex::new(&text),
            path: path.clone(),
            name,
            text,
            project,
            kind,
        });
        self.items.push(Vec::new());
        self.imports.push(Vec::new());
        self.by_path.insert(path, id);
        self.diagnostics.extend(diags);
        id
    }

    /// Reads and parses a document file.
    fn load_doc(&mut self, path: PathBuf, project: usize, from: Option<Loc>) -> FileId {
        let kind = kind_of(&path);
        let max = self.projects[project].config.limits.max_file_size;
        let bytes = match fs::metadata(&path) {
            Ok(m) if m.len() > max => Err(std::io::Error::other(format!(
                "it is {} bytes, over the limit of {max} bytes (limits.max-file-size)",
                m.len()
            ))),
            _ => fs::read(&path),
        };
        let id = self.add_file(path, project, kind, bytes, max, from);
        let text = self.files[id].text.clone();
        match kind {
            FileKind::Registry => {
                let mut d = Vec::new();
                self.items[id] = super::registry::parse(id, &text, &mut d);
                self.diagnostics.extend(d);
            }
            FileKind::Arg | FileKind::Markdown => {
                let parsed: ParsedFile = if kind == FileKind::Markdown {
                    syntax::parse(&markdown::extract(&text))
                } else {
                    syntax::parse(&text)
                };
                for e in parsed.errors {
                    self.diagnostics.push(syntax_diag(id, e));
                }
                self.items[id] = parsed.items;
            }
            FileKind::Config => {}
        }
        id
    }
}

/// Turns a parser error into a `syntax-error` diagnostic.
pub fn syntax_diag(file: FileId, e: SyntaxError) -> Diagnostic {
    let mut d = Diagnostic::new(&rules::syntax_error::RULE, Loc::new(file, e.span), e.message, e.label);
    d.help = e.help;
    d
}

/// Decodes UTF-8, reporting each invalid sequence at its byte offset and
/// replacing each invalid byte by `?` so that offsets stay exact.
fn decode(file: FileId, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut out = String::with_capacity(bytes.len());
            let mut offset = 0;
            let mut reported = 0;
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                offset += chunk.valid().len();
                let bad = chunk.invalid();
                if !bad.is_empty() {
                    if reported < 20 {
                        let hex: Vec<String> = bad.iter().map(|b| format!("0x{b:02X}")).collect();
                        diags.push(
                            Diagnostic::new(
                                &rules::syntax_error::RULE,
                                Loc::new(file, offset..offset + bad.len()),
                                format!("invalid UTF-8: byte {} at byte offset {offset}", hex.join(" ")),
                                "not UTF-8",
                            )
                            .with_help(
                                "argcheck reads UTF-8 text; re-save the file as UTF-8 (the bytes are read as `?`)",
                            ),
                        );
                    }
                    reported += 1;
                    for _ in bad {
                        out.push('?');
                    }
                    offset += bad.len();
                }
            }
            out
        }
    }
}

/// `path` with `.` and `..` components resolved lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn kind_of(path: &Path) -> FileKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml") | Some("yml") => FileKind::Registry,
        Some("md") | Some("markdown") => FileKind::Markdown,
        _ => FileKind::Arg,
    }
}

/// Loads the files under `paths` and everything they import.
pub fn load(paths: &[PathBuf]) -> Result<Workspace, RunError> {
    let mut ws = Workspace::default();
    let mut roots: Vec<(PathBuf, usize)> = Vec::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| RunError(format!("cannot read `{}`: {e}", p.display())))?;
        let canon = fs::canonicalize(p).map_err(|e| RunError(format!("cannot read `{}`: {e}", p.display())))?;
        if meta.is_dir() {
            let project = ws.project_for(&canon);
            let files = walk(&canon, &ws.projects[project].dir, &ws.projects[project].config).map_err(RunError)?;
            roots.extend(files.into_iter().map(|f| (f, project)));
        } else {
            let parent = canon.parent().map_or_else(|| canon.clone(), Path::to_path_buf);
            let project = ws.project_for(&parent);
            roots.push((canon, project));
        }
    }
    for (path, project) in roots {
        if let Some(&id) = ws.by_path.get(&path) {
            if !ws.roots.contains(&id) && ws.files[id].kind != FileKind::Config {
                ws.roots.push(id);
            }
            continue;
        }
        let id = ws.load_doc(path, project, None);
        ws.roots.push(id);
        load_imports(&mut ws, id);
    }
    Ok(ws)
}

/// Files under `dir` to check, sorted: `**/*.arg` unless the project's
/// `include` says otherwise, minus `exclude`; hidden directories skipped.
fn walk(dir: &Path, root: &Path, config: &Config) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|e| format!("cannot read `{}`: {e}", d.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(ft) = entry.file_type() else { continue };
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if ft.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    stack.push(path);
                }
                continue;
            }
            let included = match &config.include {
                Some(g) => g.is_match(&rel),
                None => name.ends_with(".arg"),
            };
            let excluded = config.exclude.as_ref().is_some_and(|g| g.is_match(&rel));
            if included && !excluded && name != "argcheck.yaml" {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    OnStack,
    Done,
}

/// Loads the imports of `root`, depth first with an explicit stack,
/// reporting missing files, files outside the project root, import
/// cycles and chains deeper than `limits.max-import-depth`.
fn load_imports(ws: &mut Workspace, root: FileId) {
    let mut state: HashMap<FileId, State> = HashMap::new();
    state.insert(root, State::OnStack);
    // (file, index of the next item to look at, depth)
    let mut stack: Vec<(FileId, usize, usize)> = vec![(root, 0, 0)];
    while let Some(&mut (file, ref mut next, depth)) = stack.last_mut() {
        let items = &ws.items[file];
        let Some(pos) = items[*next..].iter().position(|i| i.kind == ItemKind::Use) else {
            state.insert(file, State::Done);
            stack.pop();
            continue;
        };
        let item = &items[*next + pos];
        *next += pos + 1;
        let Some(target) = item.text.clone() else { continue };
        let loc = Loc::new(file, target.span.clone());
        let rel = target.value.clone();
        let project = ws.files[file].project;
        let base = ws.files[file]
            .path
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let joined = base.join(&rel);
        let root_dir = ws.projects[project].dir.clone();
        let outside = |ws: &mut Workspace, loc: Loc| {
            ws.diagnostics.push(
                Diagnostic::new(&rules::import_error::RULE, loc, format!("`{rel}` is outside the project root"), "outside the project root")
                    .with_help("imports must stay inside the project root (the directory holding argcheck.yaml, else the directory argcheck was pointed at); add an argcheck.yaml higher up to widen it"),
            );
        };
        // Lexically first (so a missing file outside the root is reported as
        // outside), then again after symlinks are resolved.
        if !normalize(&joined).starts_with(&root_dir) {
            outside(ws, loc);
            continue;
        }
        let canon = match fs::canonicalize(&joined) {
            Ok(c) => c,
            Err(e) => {
                let msg = if e.kind() == std::io::ErrorKind::NotFound {
                    format!("cannot find `{rel}`")
                } else {
                    format!("cannot read `{rel}`: {e}")
                };
                let dir = match ws.rel_to_root(&base, project) {
                    d if d.is_empty() => ".".to_string(),
                    d => d,
                };
                ws.diagnostics.push(
                    Diagnostic::new(&rules::import_error::RULE, loc, msg, "imported here")
                        .with_help(format!("paths are relative to the importing file, here in `{dir}`")),
                );
                continue;
            }
        };
        if !canon.starts_with(&root_dir) {
            outside(ws, loc);
            continue;
        }
        if canon.is_dir() {
            ws.diagnostics.push(
                Diagnostic::new(
                    &rules::import_error::RULE,
                    loc,
                    format!("`{rel}` is a directory"),
                    "not a file",
                )
                .with_help("`use` takes an .arg file or a YAML source registry"),
            );
            continue;
        }
        let (target_id, new) = match ws.by_path.get(&canon) {
            Some(&id) => (id, false),
            None => (ws.load_doc(canon, project, Some(loc.clone())), true),
        };
        if ws.files[target_id].kind == FileKind::Config {
            ws.diagnostics.push(Diagnostic::new(
                &rules::import_error::RULE,
                loc,
                "argcheck.yaml is the project configuration, not a source registry",
                "not importable",
            ));
            continue;
        }
        if !ws.imports[file].contains(&target_id) {
            ws.imports[file].push(target_id);
        }
        match state.get(&target_id) {
            Some(State::OnStack) => {
                let start = stack.iter().position(|(f, _, _)| *f == target_id).unwrap_or(0);
                let mut chain: Vec<String> = stack[start..]
                    .iter()
                    .map(|(f, _, _)| format!("`{}`", ws.files[*f].name))
                    .collect();
                chain.push(format!("`{}`", ws.files[target_id].name));
                ws.diagnostics.push(
                    Diagnostic::new(
                        &rules::import_error::RULE,
                        loc,
                        format!("import cycle: {}", chain.join(" → ")),
                        "this import closes the cycle",
                    )
                    .with_help("the files of a cycle already see each other's ids; remove one of these imports"),
                );
            }
            Some(State::Done) => {}
            None if !new => {}
            None => {
                let max = ws.projects[project].config.limits.max_import_depth;
                if depth + 1 > max {
                    ws.diagnostics.push(
                        Diagnostic::new(
                            &rules::import_error::RULE,
                            loc,
                            format!("imports nest deeper than {max} files"),
                            "too deep",
                        )
                        .with_help("raise `limits.max-import-depth` in argcheck.yaml, or flatten the imports"),
                    );
                    state.insert(target_id, State::Done);
                    continue;
                }
                state.insert(target_id, State::OnStack);
                stack.push((target_id, 0, depth + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_reported_at_its_offset_and_offsets_survive() {
        let mut d = Vec::new();
        let s = decode(0, b"ab\xFFcd\xC3".to_vec(), &mut d);
        assert_eq!(s, "ab?cd?");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].message, "invalid UTF-8: byte 0xFF at byte offset 2");
        assert_eq!(d[0].loc.span, 2..3);
        assert_eq!(d[1].loc.span, 5..6);
    }
}
