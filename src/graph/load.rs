//! The workspace: every file a check needs (the files asked for and
//! everything they import), read, parsed and kept, so that one file's text
//! can be replaced ([`Workspace::set_text`]) and the rest re-checked without
//! reading anything again from disk.
//!
//! Reading is bounded: only regular files are read (a FIFO, a device or a
//! socket is reported and skipped, never opened), and never more than
//! `limits.max-file-size` bytes. Files are read and parsed in parallel.

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::LineIndex;
use crate::span::SourceMap;
use crate::syntax::{self, markdown_cmark, Ast, ItemKind, SyntaxError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An `.arg` document.
    Arg,
    /// A Markdown file whose `arg` blocks form one document.
    Markdown,
    /// An Argdown map, checked through the importer ([`crate::import`]).
    Argdown,
    /// A YAML source registry.
    Registry,
    /// `argcheck.yaml`.
    Config,
    /// Something found while walking a directory that could not be read
    /// (an unreadable directory, a FIFO, a device): it holds no text and is
    /// only there to carry its diagnostic.
    Skipped,
}

/// One file of the workspace.
#[derive(Debug)]
pub struct SourceFile {
    /// Canonical path.
    pub path: PathBuf,
    /// Path relative to the project root, `/`-separated: what output shows.
    pub name: String,
    /// The text (invalid UTF-8 bytes replaced by `?`, one for one).
    pub text: Arc<String>,
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

/// One `use` of a file, resolved to a file of the workspace.
#[derive(Clone, Debug)]
pub struct Use {
    /// The quoted path.
    pub loc: Loc,
    /// The file it names, when it could be found inside the project root.
    pub target: Option<FileId>,
}

/// Why a file has no text.
#[derive(Clone, Debug)]
enum ReadError {
    /// Over `limits.max-file-size`.
    TooLarge(u64, u64),
    /// Not a regular file.
    Special(&'static str),
    /// An I/O error.
    Io(String),
}

/// Everything loaded for one run.
#[derive(Debug)]
pub struct Workspace {
    /// Every file, in load order.
    pub files: Vec<SourceFile>,
    /// The syntax tree of each file (empty for configs and unreadable
    /// files), shared: a one-shot check hands them to resolution, which
    /// frees each when its file is resolved.
    pub asts: Vec<Arc<Ast>>,
    /// Each file's `use` items, resolved.
    pub uses: Vec<Vec<Use>>,
    /// Files each file imports, as the last [`Workspace::link`] found them
    /// (an import over `limits.max-import-depth` is cut).
    pub imports: Vec<Vec<FileId>>,
    /// The projects.
    pub projects: Vec<Project>,
    /// The files the user asked to check (explicitly or by directory).
    pub roots: Vec<FileId>,
    /// Diagnostics of each file found while reading and parsing it (and
    /// resolving its `use` paths).
    pub file_diagnostics: Vec<Vec<Diagnostic>>,
    /// Diagnostics of the last [`Workspace::link`]: import cycles, imports
    /// too deep, imports of unreadable files.
    pub link_diagnostics: Vec<Diagnostic>,
    /// Whether [`Workspace::check`] keeps the syntax trees (needed to
    /// check again after [`Workspace::set_text`]); a one-shot run drops
    /// them once names are resolved.
    pub keep_trees: bool,
    read_errors: Vec<Option<ReadError>>,
    by_path: HashMap<PathBuf, FileId>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            files: Vec::new(),
            asts: Vec::new(),
            uses: Vec::new(),
            imports: Vec::new(),
            projects: Vec::new(),
            roots: Vec::new(),
            file_diagnostics: Vec::new(),
            link_diagnostics: Vec::new(),
            keep_trees: true,
            read_errors: Vec::new(),
            by_path: HashMap::new(),
        }
    }
}

/// A failure of the run itself (exit code 2).
#[derive(Debug)]
pub struct RunError(pub String);

/// A file read and parsed, not yet registered.
struct Loaded {
    path: PathBuf,
    project: usize,
    kind: FileKind,
    text: Arc<String>,
    read_error: Option<ReadError>,
    /// Diagnostics with file id 0, renumbered when registered.
    diags: Vec<Diagnostic>,
    ast: Ast,
    /// For Markdown: whether it holds an `arg` block.
    has_blocks: bool,
    /// `text` indexed by line (built beside the parse, on the other core),
    /// else built when the file is registered.
    lines: Option<LineIndex>,
}

fn kind_of(path: &Path) -> FileKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml") | Some("yml") => FileKind::Registry,
        Some("md") | Some("markdown") => FileKind::Markdown,
        Some("argdown") => FileKind::Argdown,
        _ => FileKind::Arg,
    }
}

/// What kind of special file `m` describes.
fn special(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if m.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Reads at most `max` bytes of a regular file. Never opens anything else
/// (opening a FIFO would block).
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::Special(special(&meta)));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len(), max));
    }
    let f = fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut buf = Vec::with_capacity(meta.len() as usize + 1);
    f.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if buf.len() as u64 > max {
        return Err(ReadError::TooLarge(buf.len() as u64, max));
    }
    Ok(buf)
}

/// Parses a document's text into its tree and diagnostics (with file id
/// `file`).
pub fn parse_text(file: FileId, kind: FileKind, text: &str) -> (Ast, Vec<Diagnostic>) {
    let (ast, diags, _) = parse_document(file, kind, text);
    (ast, diags)
}

/// [`parse_text`], and for Markdown whether the text holds an `arg` block
/// (found by the same extraction, not a second one).
fn parse_document(file: FileId, kind: FileKind, text: &str) -> (Ast, Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    let mut has_blocks = false;
    let ast = match kind {
        FileKind::Registry => super::registry::parse(file, text, &mut diags),
        FileKind::Arg => {
            let parsed = syntax::parse(text);
            diags.extend(parsed.errors.into_iter().map(|e| syntax_diag(file, e)));
            parsed.ast
        }
        FileKind::Markdown => {
            // The `arg` blocks, container prefixes stripped, parsed as one
            // document; every span mapped back to the Markdown file.
            let ex = markdown_cmark::extract(text);
            has_blocks = !ex.text.is_empty();
            let parsed = syntax::parse(&ex.text);
            let mut ast = parsed.ast;
            ast.map_spans(|o| ex.to_source(o), |o| ex.to_source_end(o));
            diags.extend(parsed.errors.into_iter().map(|mut e| {
                e.span = ex.span_to_source(e.span);
                syntax_diag(file, e)
            }));
            ast
        }
        FileKind::Argdown => {
            // The map imported as `.arg` text, parsed, and every span
            // mapped back to the `.argdown` file; what has no counterpart
            // is an `unmapped-argdown` warning where it is written.
            let imported = crate::import::import(text);
            let parsed = syntax::parse(&imported.arg);
            let mut ast = parsed.ast;
            ast.detach(&imported.arg);
            ast.map_spans(|o| imported.to_source(o), |o| imported.to_source_end(o));
            diags.extend(parsed.errors.into_iter().map(|mut e| {
                e.span = imported.span_to_source(e.span);
                syntax_diag(file, e)
            }));
            diags.extend(imported.warnings.into_iter().map(|w| {
                Diagnostic::new(
                    &rules::unmapped_argdown::RULE,
                    Loc::new(file, w.span),
                    w.message,
                    "no exact counterpart in .arg",
                )
            }));
            ast
        }
        FileKind::Config | FileKind::Skipped => Ast::default(),
    };
    (ast, diags, has_blocks)
}

/// Reads a file's text (decoded, every problem a diagnostic with file id 0).
fn read_text(path: &Path, max: u64) -> (String, Option<ReadError>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    match read_bounded(path, max) {
        Ok(bytes) => (decode(0, bytes, &mut diags), None, diags),
        Err(e) => (String::new(), Some(e), diags),
    }
}

fn read_and_parse(path: PathBuf, project: usize, max: u64) -> Loaded {
    let kind = kind_of(&path);
    let (text, read_error, mut diags) = crate::timing::stage("  read", || read_text(&path, max));
    // The text is shared as it was read (an `Arc` of the `String`: no
    // copy), and indexed by line beside its parse.
    let text = Arc::new(text);
    let ((ast, parse_diags, has_blocks), lines) = rayon::join(
        || crate::timing::stage("  parse", || parse_document(0, kind, &text)),
        || LineIndex::new(&text),
    );
    diags.extend(parse_diags);
    Loaded {
        path,
        project,
        kind,
        text,
        read_error,
        diags,
        ast,
        has_blocks,
        lines: Some(lines),
    }
}

impl Workspace {
    /// The configuration that governs `file`.
    pub fn config(&self, file: FileId) -> &Config {
        &self.projects[self.files[file].project].config
    }

    /// The file at `path` (canonical), if loaded.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// Every diagnostic found while loading: reading, parsing, `use`
    /// paths, and the last [`Workspace::link`].
    pub fn load_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.file_diagnostics
            .iter()
            .flatten()
            .chain(self.link_diagnostics.iter())
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
            let (text, read_error, diags) = read_text(&path, u64::from(u32::MAX - 1));
            let id = self.register(Loaded {
                path,
                project: idx,
                kind: FileKind::Config,
                text: Arc::new(text),
                read_error,
                diags,
                ast: Ast::default(),
                has_blocks: false,
                lines: None,
            });
            let text = self.files[id].text.clone();
            let mut diags = Vec::new();
            let config = config::parse(id, &text, &mut diags);
            self.file_diagnostics[id].extend(diags);
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

    /// Adds a read file to the workspace.
    fn register(&mut self, l: Loaded) -> FileId {
        let id = self.files.len();
        let name = self.display_name(&l.path, l.project);
        let text = l.text;
        let lines = l.lines.unwrap_or_else(|| LineIndex::new(&text));
        self.files.push(SourceFile {
            lines,
            path: l.path.clone(),
            name,
            text,
            project: l.project,
            kind: l.kind,
        });
        let mut diags = l.diags;
        for d in &mut diags {
            d.loc.file = id;
            for lb in &mut d.labels {
                lb.loc.file = id;
            }
        }
        self.asts.push(Arc::new(l.ast));
        self.file_diagnostics.push(diags);
        self.uses.push(Vec::new());
        self.imports.push(Vec::new());
        self.read_errors.push(l.read_error);
        self.by_path.insert(l.path, id);
        id
    }

    /// A file that is only there to carry a diagnostic of the walk.
    fn skipped(&mut self, path: PathBuf, project: usize, message: String, label: &str) {
        if self.by_path.contains_key(&path) {
            return;
        }
        let id = self.register(Loaded {
            path,
            project,
            kind: FileKind::Skipped,
            text: Arc::default(),
            read_error: None,
            diags: Vec::new(),
            ast: Ast::default(),
            has_blocks: false,
            lines: None,
        });
        self.file_diagnostics[id].push(
            Diagnostic::new(&rules::import_error::RULE, Loc::new(id, 0..0), message, label)
                .with_help("argcheck reads regular files and the directories it can list; it skipped this one"),
        );
    }

    /// Resolves the `use` paths of `file`, loading the files they name (and
    /// theirs, depth first, in `use` order) that are not loaded yet; `pre`
    /// holds files already read in parallel.
    fn load_uses(&mut self, file: FileId, pre: &mut HashMap<PathBuf, Loaded>) {
        // (file, paths still to load: (index of the use, path, project, limit))
        let mut stack = vec![(file, self.resolve_uses(file), 0usize)];
        while let Some((f, todo, next)) = stack.last_mut() {
            let f = *f;
            let Some((ui, path, project, max)) = todo.get(*next).cloned() else {
                stack.pop();
                continue;
            };
            *next += 1;
            if let Some(&id) = self.by_path.get(&path) {
                self.uses[f][ui].target = Some(id);
                continue;
            }
            let loaded = pre.remove(&path).unwrap_or_else(|| read_and_parse(path, project, max));
            let id = self.register(loaded);
            self.uses[f][ui].target = Some(id);
            let todo = self.resolve_uses(id);
            stack.push((id, todo, 0));
        }
    }

    /// Resolves the `use` items of `file` to paths, reporting missing files,
    /// files outside the project root, directories and the configuration.
    /// Returns the uses whose files are still to load: the index of the use,
    /// the canonical path, the project and the size limit.
    fn resolve_uses(&mut self, file: FileId) -> Vec<(usize, PathBuf, usize, u64)> {
        let project = self.files[file].project;
        let root_dir = self.projects[project].dir.clone();
        let max = self.projects[project].config.limits.max_file_size;
        let base = self.files[file]
            .path
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let ast = &self.asts[file];
        let text = self.files[file].text.clone();
        let targets: Vec<(Loc, String)> = ast
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Use)
            .filter_map(|i| i.text)
            .map(|t| (Loc::new(file, t.range()), ast.str(&text, t).to_string()))
            .collect();
        let mut uses = Vec::with_capacity(targets.len());
        let mut diags = Vec::new();
        let mut to_load = Vec::new();
        for (loc, rel) in targets {
            let joined = base.join(&rel);
            let outside = |loc: Loc| {
                Diagnostic::new(&rules::import_error::RULE, loc, format!("`{rel}` is outside the project root"), "outside the project root")
                    .with_help("imports must stay inside the project root (the directory holding argcheck.yaml, else the directory argcheck was pointed at); add an argcheck.yaml higher up to widen it")
            };
            // Lexically first (so a missing file outside the root is reported
            // as outside), then again after symlinks are resolved.
            if !normalize(&joined).starts_with(&root_dir) {
                diags.push(outside(loc.clone()));
                uses.push(Use { loc, target: None });
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
                    let dir = match self.rel_to_root(&base, project) {
                        d if d.is_empty() => ".".to_string(),
                        d => d,
                    };
                    diags.push(
                        Diagnostic::new(&rules::import_error::RULE, loc.clone(), msg, "imported here")
                            .with_help(format!("paths are relative to the importing file, here in `{dir}`")),
                    );
                    uses.push(Use { loc, target: None });
                    continue;
                }
            };
            if !canon.starts_with(&root_dir) {
                diags.push(outside(loc.clone()));
                uses.push(Use { loc, target: None });
                continue;
            }
            if canon.is_dir() {
                diags.push(
                    Diagnostic::new(
                        &rules::import_error::RULE,
                        loc.clone(),
                        format!("`{rel}` is a directory"),
                        "not a file",
                    )
                    .with_help("`use` takes an .arg file or a YAML source registry"),
                );
                uses.push(Use { loc, target: None });
                continue;
            }
            // The configuration is never a registry, whether it is loaded
            // (as the project's) or not.
            let known = self.by_path.get(&canon).copied();
            let is_config = known.map_or_else(
                || canon.file_name().is_some_and(|n| n == "argcheck.yaml"),
                |id| self.files[id].kind == FileKind::Config,
            );
            if is_config {
                diags.push(Diagnostic::new(
                    &rules::import_error::RULE,
                    loc.clone(),
                    "argcheck.yaml is the project configuration, not a source registry",
                    "not importable",
                ));
                uses.push(Use { loc, target: None });
                continue;
            }
            if let Some(id) = known {
                uses.push(Use { loc, target: Some(id) });
                continue;
            }
            to_load.push((uses.len(), canon, project, max));
            uses.push(Use { loc, target: None });
        }
        self.uses[file] = uses;
        self.file_diagnostics[file].extend(diags);
        to_load
    }

    /// Replaces the text of the file at `path` (or adds it, as a file to
    /// check), re-parses it and loads any file it now imports. The rest of
    /// the workspace is kept as it is; [`Workspace::check`] then re-checks.
    /// `path` should be absolute; it is canonicalised when it exists.
    pub fn set_text(&mut self, path: &Path, text: String) -> FileId {
        let path = fs::canonicalize(path).unwrap_or_else(|_| normalize(path));
        let id = match self.by_path.get(&path) {
            Some(&id) => id,
            None => {
                let parent = path.parent().map_or_else(|| path.clone(), Path::to_path_buf);
                let project = self.project_for(&parent);
                let id = self.register(Loaded {
                    kind: kind_of(&path),
                    path,
                    project,
                    text: Arc::default(),
                    read_error: None,
                    diags: Vec::new(),
                    ast: Ast::default(),
                    has_blocks: false,
                    lines: None,
                });
                self.roots.push(id);
                id
            }
        };
        let kind = self.files[id].kind;
        let text = Arc::new(text);
        let ((ast, diags), lines) = rayon::join(|| parse_text(id, kind, &text), || LineIndex::new(&text));
        self.files[id].lines = lines;
        self.files[id].text = text;
        self.asts[id] = Arc::new(ast);
        self.file_diagnostics[id] = diags;
        self.read_errors[id] = None;
        let mut pre = HashMap::new();
        self.load_uses(id, &mut pre);
        id
    }

    /// Computes the import edges from the roots, depth first: reports
    /// import cycles, imports nested deeper than `limits.max-import-depth`
    /// (and cuts them), and imports of files that could not be read.
    pub fn link(&mut self) {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum State {
            New,
            OnStack,
            Done,
        }
        let n = self.files.len();
        let mut imports: Vec<Vec<FileId>> = vec![Vec::new(); n];
        let mut diags = Vec::new();
        let mut state = vec![State::New; n];
        // Unreadable files, reported at each `use` of them (or at the file
        // itself when it was asked for directly).
        let read_problem = |ws: &Workspace, f: FileId| -> Option<(String, &'static str, Option<String>)> {
            let name = &ws.files[f].name;
            match ws.read_errors[f].as_ref()? {
                ReadError::TooLarge(len, max) => Some((
                    format!("`{name}` is {len} bytes, over the limit of {max} bytes"),
                    "file too large",
                    Some("raise `limits.max-file-size` in argcheck.yaml, or split the file".into()),
                )),
                ReadError::Special(what) => Some((
                    format!("`{name}` is {what}, not a regular file: skipped"),
                    "not a regular file",
                    None,
                )),
                ReadError::Io(e) => Some((format!("cannot read `{name}`: {e}"), "unreadable", None)),
            }
        };
        for &r in &self.roots {
            if let Some((msg, label, help)) = read_problem(self, r) {
                let mut d = Diagnostic::new(&rules::import_error::RULE, Loc::new(r, 0..0), msg, label);
                d.help = help;
                diags.push(d);
            }
        }
        for ri in 0..self.roots.len() {
            let root = self.roots[ri];
            if state[root] != State::New {
                continue;
            }
            state[root] = State::OnStack;
            // (file, index of the next use, depth)
            let mut stack: Vec<(FileId, usize, usize)> = vec![(root, 0, 0)];
            while let Some(&mut (file, ref mut next, depth)) = stack.last_mut() {
                let Some(u) = self.uses[file].get(*next) else {
                    state[file] = State::Done;
                    stack.pop();
                    continue;
                };
                *next += 1;
                let Some(target) = u.target else { continue };
                let loc = u.loc.clone();
                if let Some((msg, label, help)) = read_problem(self, target) {
                    let mut d = Diagnostic::new(&rules::import_error::RULE, loc.clone(), msg, label);
                    d.help = help;
                    diags.push(d);
                }
                match state[target] {
                    State::OnStack => {
                        if !imports[file].contains(&target) {
                            imports[file].push(target);
                        }
                        let start = stack.iter().position(|(f, _, _)| *f == target).unwrap_or(0);
                        let mut chain: Vec<String> = stack[start..]
                            .iter()
                            .map(|(f, _, _)| format!("`{}`", self.files[*f].name))
                            .collect();
                        chain.push(format!("`{}`", self.files[target].name));
                        let chain = if chain.len() > 9 {
                            let n = chain.len();
                            format!(
                                "{} → … ({} more) → {}",
                                chain[..4].join(" → "),
                                n - 8,
                                chain[n - 4..].join(" → ")
                            )
                        } else {
                            chain.join(" → ")
                        };
                        diags.push(
                            Diagnostic::new(
                                &rules::import_error::RULE,
                                loc,
                                format!("import cycle: {chain}"),
                                "this import closes the cycle",
                            )
                            .with_help(
                                "the files of a cycle already see each other's ids; remove one of these imports",
                            ),
                        );
                    }
                    State::Done => {
                        if !imports[file].contains(&target) {
                            imports[file].push(target);
                        }
                    }
                    State::New => {
                        let max = self.projects[self.files[file].project].config.limits.max_import_depth;
                        if depth + 1 > max {
                            diags.push(
                                Diagnostic::new(
                                    &rules::import_error::RULE,
                                    loc,
                                    format!("imports nest deeper than {max} files"),
                                    "too deep",
                                )
                                .with_help("raise `limits.max-import-depth` in argcheck.yaml, or flatten the imports"),
                            );
                            continue;
                        }
                        if !imports[file].contains(&target) {
                            imports[file].push(target);
                        }
                        state[target] = State::OnStack;
                        stack.push((target, 0, depth + 1));
                    }
                }
            }
        }
        self.imports = imports;
        self.link_diagnostics = diags;
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

/// Loads the files under `paths` and everything they import, then links
/// them ([`Workspace::link`]).
pub fn load(paths: &[PathBuf]) -> Result<Workspace, RunError> {
    let mut ws = Workspace::default();
    // (path, project, found by walking a directory)
    let mut roots: Vec<(PathBuf, usize, bool)> = Vec::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| RunError(format!("cannot read `{}`: {e}", p.display())))?;
        let canon = fs::canonicalize(p).map_err(|e| RunError(format!("cannot read `{}`: {e}", p.display())))?;
        if meta.is_dir() {
            let project = ws.project_for(&canon);
            let files = walk(&mut ws, &canon, project);
            roots.extend(files.into_iter().map(|f| (f, project, true)));
        } else {
            let parent = canon.parent().map_or_else(|| canon.clone(), Path::to_path_buf);
            let project = ws.project_for(&parent);
            roots.push((canon, project, false));
        }
    }
    // Read and parse every root in parallel; imports are found afterwards,
    // in order, so that file numbering does not depend on thread timing.
    let mut seen = std::collections::HashSet::new();
    let todo: Vec<(PathBuf, usize, u64)> = roots
        .iter()
        .filter(|(p, _, _)| !ws.by_path.contains_key(p) && seen.insert(p.clone()))
        .map(|(p, proj, _)| (p.clone(), *proj, ws.projects[*proj].config.limits.max_file_size))
        .collect();
    let mut pre: HashMap<PathBuf, Loaded> = todo
        .into_par_iter()
        .map(|(p, proj, max)| (p.clone(), read_and_parse(p, proj, max)))
        .collect();
    for (path, _, walked) in roots {
        // A Markdown file found by walking is a draft only if it holds an
        // `arg` block; one named on the command line is always checked.
        if walked
            && pre
                .get(&path)
                .is_some_and(|l| l.kind == FileKind::Markdown && !l.has_blocks)
        {
            pre.remove(&path);
            continue;
        }
        if let Some(&id) = ws.by_path.get(&path) {
            if !ws.roots.contains(&id)
                && ws.files[id].kind != FileKind::Config
                && ws.files[id].kind != FileKind::Skipped
            {
                ws.roots.push(id);
            }
            continue;
        }
        let Some(loaded) = pre.remove(&path) else { continue };
        let id = ws.register(loaded);
        ws.roots.push(id);
        ws.load_uses(id, &mut pre);
    }
    ws.link();
    Ok(ws)
}

/// Files under `dir` to check, sorted: `**/*.arg` and `**/*.md` unless the
/// project's `include` says otherwise, minus `exclude`; hidden directories skipped,
/// symbolic links to directories not followed. Unreadable directories and
/// included entries that are not regular files are reported and skipped.
fn walk(ws: &mut Workspace, dir: &Path, project: usize) -> Vec<PathBuf> {
    let root = ws.projects[project].dir.clone();
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut problems: Vec<(PathBuf, String, &'static str)> = Vec::new();
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                let rel = ws.display_name(&d, project);
                problems.push((
                    d.clone(),
                    format!("cannot read directory `{rel}`: {e}"),
                    "unreadable directory",
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(ft) = entry.file_type() else { continue };
            let rel = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if ft.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    stack.push(path);
                }
                continue;
            }
            let config = &ws.projects[project].config;
            let included = match &config.include {
                Some(g) => g.is_match(&rel),
                // By default: `.arg` files, and Markdown drafts (kept only
                // when they hold an `arg` block; see `load`).
                None => {
                    name.ends_with(".arg")
                        || name.ends_with(".md")
                        || name.ends_with(".markdown")
                        || name.ends_with(".argdown")
                }
            };
            let excluded = config.exclude.as_ref().is_some_and(|g| g.is_match(&rel));
            if !included || excluded || name == "argcheck.yaml" {
                continue;
            }
            // Follow a symbolic link to see what it names; skip links to
            // directories (no loops) and report anything not a regular file.
            match fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(path),
                Ok(m) if m.is_dir() => {}
                Ok(m) => problems.push((
                    path.clone(),
                    format!("`{rel}` is {}, not a regular file: skipped", special(&m)),
                    "not a regular file",
                )),
                Err(e) => problems.push((path.clone(), format!("cannot read `{rel}`: {e}"), "unreadable")),
            }
        }
    }
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, message, label) in problems {
        ws.skipped(path, project, message, label);
    }
    out.sort();
    out
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
