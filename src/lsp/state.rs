//! The server's state: the open documents, the engine's changeable
//! [`Workspace`] holding them and everything they import, and the last
//! analysis. One analysis serves every feature: diagnostics are the
//! rules' own, hover reads the facts, navigation reads the graph.

use super::convert::{self, Encoding};
use super::index::Index;
use crate::analysis::Semantics;
use crate::check::Analysis;
use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::graph::{FileKind, Workspace};
use crate::render::sarif::RULE_HELP_URI;
use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    PublishDiagnosticsParams, Range, Uri,
};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// The file of a document that is not in the workspace (`argcheck.yaml`).
pub const NO_FILE: FileId = usize::MAX;

/// Whether a path names a project configuration.
pub fn is_config_path(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| n == "argcheck.yaml")
}

/// A document open in the editor.
#[derive(Debug)]
pub struct Doc {
    /// Its URI as the client wrote it (diagnostics go back to this URI).
    pub uri: Uri,
    /// The file it is.
    pub path: PathBuf,
    /// The client's version.
    pub version: i32,
    /// The text as the editor holds it.
    pub text: String,
    /// Its file in the workspace.
    pub file: FileId,
}

/// Everything the server knows.
pub struct State {
    /// The negotiated position encoding.
    pub enc: Encoding,
    /// Semantics for the attack graph.
    pub semantics: Semantics,
    /// The open documents, by URI.
    pub docs: HashMap<Uri, Doc>,
    /// The documents and everything they import.
    pub ws: Workspace,
    /// The last check of `ws` (`None` before the first, or when it failed).
    pub analysis: Option<Analysis>,
    /// Where names are written, built on the first request that needs it.
    index: OnceCell<Index>,
    /// The analysis the last check replaced, to drop once its
    /// diagnostics are sent.
    pub retired: Option<Analysis>,
    /// Whether the workspace changed since the last check.
    pub dirty: bool,
    /// Whether the workspace must be built again from the open documents
    /// (a document closed, `argcheck.yaml` or a file on disk changed).
    pub stale: bool,
    /// A hash of the diagnostics last published, per URI.
    published: HashMap<Uri, u64>,
    /// Each rule's documentation URL (`codeDescription.href`), parsed once.
    rule_docs: HashMap<&'static str, Uri>,
}

impl State {
    /// An empty state.
    pub fn new(enc: Encoding) -> State {
        State {
            enc,
            semantics: Semantics::Grounded,
            docs: HashMap::new(),
            ws: Workspace::default(),
            analysis: None,
            retired: None,
            index: OnceCell::new(),
            dirty: false,
            stale: false,
            published: HashMap::new(),
            rule_docs: crate::rules::RULES
                .iter()
                .filter_map(|r| Some((r.name, format!("{RULE_HELP_URI}{}", r.name).parse::<Uri>().ok()?)))
                .collect(),
        }
    }

    /// The index of names of the current analysis.
    pub fn index(&self) -> Option<&Index> {
        let a = self.analysis.as_ref()?;
        Some(self.index.get_or_init(|| Index::new(&self.ws, &a.graph)))
    }

    /// Opens (or replaces) a document. `argcheck.yaml` is read from disk
    /// (the project's configuration applies once saved), never checked as
    /// a document.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let Some(path) = convert::uri_to_path(&uri) else {
            eprintln!("argcheck lsp: `{}` is not a file; not checked", uri.as_str());
            return;
        };
        let file = if is_config_path(&path) {
            self.stale = true;
            NO_FILE
        } else {
            self.ws.set_text(&path, text.clone())
        };
        self.docs.insert(
            uri.clone(),
            Doc {
                uri,
                path,
                version,
                text,
                file,
            },
        );
        if self.is_config(file) {
            self.stale = true;
        }
        self.dirty = true;
    }

    /// The document's text changed (already applied to `doc.text`).
    pub fn changed(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get_mut(uri).filter(|d| d.file != NO_FILE) else {
            return;
        };
        doc.file = self.ws.set_text(&doc.path, doc.text.clone());
        let file = doc.file;
        if self.is_config(file) {
            self.stale = true;
        }
        self.dirty = true;
    }

    /// Closes a document: the workspace is built again from the documents
    /// still open (the closed file stays only if one of them imports it,
    /// then with its text on disk).
    pub fn close(&mut self, uri: &Uri) {
        if self.docs.remove(uri).is_some() {
            self.stale = true;
            self.dirty = true;
        }
    }

    fn is_config(&self, file: FileId) -> bool {
        self.ws
            .files
            .get(file)
            .is_some_and(|f| f.kind == FileKind::Config || is_config_path(&f.path))
    }

    /// Whether a file is loaded in the workspace (an open document, a file
    /// one of them imports, a configuration).
    pub fn loaded(&self, path: &std::path::Path) -> bool {
        let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.ws.file_id(&canon).is_some() || self.ws.file_id(path).is_some()
    }

    /// Whether a file created or deleted on disk can matter to the
    /// workspace: loaded, or a configuration or argument file that could
    /// now be imported or found.
    pub fn watches(&self, path: &std::path::Path) -> bool {
        self.loaded(path)
            || path.file_name().is_some_and(|n| n == "argcheck.yaml")
            || path
                .extension()
                .is_some_and(|e| e == "arg" || e == "yaml" || e == "yml" || e == "md")
    }

    /// Builds the workspace again from the open documents (their texts as
    /// the editor holds them; everything else read from disk).
    pub fn rebuild(&mut self) {
        self.ws = Workspace::default();
        let mut uris: Vec<Uri> = self.docs.keys().cloned().collect();
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for uri in uris {
            if let Some(doc) = self.docs.get_mut(&uri).filter(|d| d.file != NO_FILE) {
                doc.file = self.ws.set_text(&doc.path, doc.text.clone());
            }
        }
        self.stale = false;
        self.dirty = true;
    }

    /// Checks the workspace again (after building it again if needed) and
    /// returns the diagnostics to publish: for each file whose
    /// diagnostics changed, and an empty list for each file that left the
    /// workspace.
    pub fn refresh(&mut self) -> Vec<PublishDiagnosticsParams> {
        if self.stale {
            self.rebuild();
        }
        self.dirty = false;
        self.index = OnceCell::new();
        // The previous analysis is dropped once the diagnostics are out
        // (freeing a large graph takes a while).
        self.retired = self.analysis.take();
        match self.ws.check(self.semantics) {
            Ok(a) => self.analysis = Some(a),
            Err(e) => eprintln!("argcheck lsp: {}", e.0),
        }
        self.publish()
    }

    /// The URI of a file: the open document's, else its path's.
    pub fn uri_of(&self, file: FileId) -> Option<Uri> {
        if let Some(d) = self.docs.values().find(|d| d.file == file) {
            return Some(d.uri.clone());
        }
        convert::path_to_uri(&self.ws.files.get(file)?.path)
    }

    /// URIs of every file, open documents first.
    fn uris(&self) -> Vec<Option<Uri>> {
        let mut out: Vec<Option<Uri>> = self.ws.files.iter().map(|f| convert::path_to_uri(&f.path)).collect();
        for d in self.docs.values() {
            if let Some(slot) = out.get_mut(d.file) {
                *slot = Some(d.uri.clone());
            }
        }
        out
    }

    /// The LSP range of a byte span of `file`.
    pub fn range(&self, file: FileId, span: std::ops::Range<usize>) -> Range {
        match self.ws.files.get(file) {
            Some(f) => convert::range(self.enc, &f.lines, &f.text, span),
            None => Range::default(),
        }
    }

    /// The LSP location of a byte span of `file`.
    pub fn location(&self, file: FileId, span: std::ops::Range<usize>) -> Option<Location> {
        Some(Location {
            uri: self.uri_of(file)?,
            range: self.range(file, span),
        })
    }

    /// A diagnostic as the protocol carries it.
    pub fn to_lsp(&self, d: &Diagnostic, uris: &[Option<Uri>]) -> LspDiagnostic {
        Convert {
            ws: &self.ws,
            enc: self.enc,
            rule_docs: &self.rule_docs,
            uris,
        }
        .diagnostic(d)
    }

    fn publish(&mut self) -> Vec<PublishDiagnosticsParams> {
        let uris = self.uris();
        let mut per_file: Vec<Vec<LspDiagnostic>> = vec![Vec::new(); self.ws.files.len()];
        if let Some(a) = &self.analysis {
            // Converted on both cores (a large document has a thousand
            // findings), then put in place in the diagnostics' order.
            use rayon::prelude::*;
            let cv = Convert {
                ws: &self.ws,
                enc: self.enc,
                rule_docs: &self.rule_docs,
                uris: &uris,
            };
            let converted: Vec<LspDiagnostic> = a.diagnostics.par_iter().map(|d| cv.diagnostic(d)).collect();
            for (d, l) in a.diagnostics.iter().zip(converted) {
                if let Some(v) = per_file.get_mut(d.loc.file) {
                    v.push(l);
                }
            }
        }
        let mut now: HashMap<Uri, Vec<LspDiagnostic>> = HashMap::new();
        for (file, diags) in per_file.into_iter().enumerate() {
            let Some(Some(uri)) = uris.get(file) else { continue };
            now.entry(uri.clone()).or_default().extend(diags);
        }
        let mut out = Vec::new();
        let mut hashes: HashMap<Uri, u64> = HashMap::with_capacity(now.len());
        for (uri, diags) in now {
            let mut h = rustc_hash::FxHasher::default();
            std::hash::Hash::hash(&diags, &mut h);
            let h = std::hash::Hasher::finish(&h);
            if self.published.get(&uri) != Some(&h) {
                out.push(PublishDiagnosticsParams {
                    uri: uri.clone(),
                    version: self.docs.get(&uri).map(|d| d.version),
                    diagnostics: diags,
                });
            }
            hashes.insert(uri, h);
        }
        for uri in self.published.keys() {
            if !hashes.contains_key(uri) {
                out.push(PublishDiagnosticsParams {
                    uri: uri.clone(),
                    version: None,
                    diagnostics: Vec::new(),
                });
            }
        }
        self.published = hashes;
        out.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
        out
    }
}

/// What converting a diagnostic to the protocol's form reads: shared by
/// the threads that convert a publication's diagnostics.
struct Convert<'a> {
    ws: &'a Workspace,
    enc: Encoding,
    rule_docs: &'a HashMap<&'static str, Uri>,
    uris: &'a [Option<Uri>],
}

impl Convert<'_> {
    /// The LSP range of a byte span of `file`.
    fn range(&self, file: FileId, span: std::ops::Range<usize>) -> Range {
        match self.ws.files.get(file) {
            Some(f) => convert::range(self.enc, &f.lines, &f.text, span),
            None => Range::default(),
        }
    }

    /// A diagnostic as the protocol carries it.
    fn diagnostic(&self, d: &Diagnostic) -> LspDiagnostic {
        let uris = self.uris;
        let mut related = Vec::new();
        for l in d.labels.iter().skip(1) {
            if let Some(Some(uri)) = uris.get(l.loc.file) {
                related.push(DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range: self.range(l.loc.file, l.loc.span.clone()),
                    },
                    message: if l.message.is_empty() {
                        " ".into()
                    } else {
                        l.message.clone()
                    },
                });
            }
        }
        let range = self.range(d.loc.file, d.loc.span.clone());
        if let (Some(help), Some(Some(uri))) = (&d.help, uris.get(d.loc.file)) {
            related.push(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range,
                },
                message: format!("help: {help}"),
            });
        }
        LspDiagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::Error,
                Severity::Warning => DiagnosticSeverity::Warning,
                Severity::Info => DiagnosticSeverity::Information,
            }),
            code: Some(lsp_types::Code::String(d.rule.to_string())),
            code_description: self
                .rule_docs
                .get(d.rule)
                .map(|href| CodeDescription { href: href.clone() }),
            source: Some("argcheck".into()),
            // VS Code rejects an empty message (rust-analyzer #11404).
            message: lsp_types::Message::String(if d.message.is_empty() {
                " ".into()
            } else {
                d.message.clone()
            }),
            related_information: (!related.is_empty()).then_some(related),
            ..LspDiagnostic::default()
        }
    }
}
