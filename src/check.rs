//! One check run: load → resolve → analyze → rules → configured
//! diagnostics.

use crate::analysis::{self, Facts, Semantics};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::{self, resolve::resolve, Graph, RunError, Workspace};
use crate::rules::{self, Context};
use std::path::PathBuf;

/// Everything a run produced.
#[derive(Debug)]
pub struct Checked {
    /// The loaded files.
    pub ws: Workspace,
    /// The resolved graph.
    pub graph: Graph,
    /// The analysis facts.
    pub facts: Facts,
    /// Diagnostics after configuration and `allow:`, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic reaches its project's `fail-on` severity.
    pub fn failed(&self) -> bool {
        self.failed_with(false)
    }

    /// Whether any diagnostic reaches its project's `fail-on` severity, or
    /// `warning` when `deny_warnings` (`--deny-warnings`) lowers it.
    pub fn failed_with(&self, deny_warnings: bool) -> bool {
        self.diagnostics.iter().any(|d| {
            let mut at = self.ws.config(d.loc.file).fail_on();
            if deny_warnings {
                at = at.min(Severity::Warning);
            }
            d.severity >= at
        })
    }

    /// Counts of (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let c = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        (c(Severity::Error), c(Severity::Warning), c(Severity::Info))
    }

    /// Number of files checked (documents and registries, not configs).
    pub fn file_count(&self) -> usize {
        self.ws
            .files
            .iter()
            .filter(|f| !matches!(f.kind, graph::FileKind::Config | graph::FileKind::Skipped))
            .count()
    }
}

/// What checking a workspace produced.
#[derive(Debug)]
pub struct Analysis {
    /// The resolved graph.
    pub graph: Graph,
    /// The analysis facts.
    pub facts: Facts,
    /// Diagnostics after configuration and `allow:`, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// Checks every file of the workspace: links imports, resolves names,
    /// analyses, runs the rules. The workspace keeps every file's text and
    /// tree, so after [`Workspace::set_text`] this re-checks without
    /// reading from disk. `check` and the language server both call it.
    pub fn check(&mut self, semantics: Semantics) -> Result<Analysis, RunError> {
        self.link();
        let (graph, resolve_diags) = resolve(self, &self.imports);
        let ws: &Workspace = self;
        let facts = analysis::analyze(
            &graph,
            |s| &ws.config(graph.statements[s].loc.file).calibration,
            semantics,
        )
        .map_err(|e| RunError(e.0))?;
        let mut diags: Vec<Diagnostic> = ws.load_diagnostics().cloned().collect();
        diags.extend(resolve_diags);
        diags.extend(rules::run(&Context {
            ws,
            graph: &graph,
            facts: &facts,
        }));
        let diagnostics = finish(ws, &graph, diags);
        Ok(Analysis {
            graph,
            facts,
            diagnostics,
        })
    }
}

/// Checks `paths`.
pub fn run(paths: &[PathBuf], semantics: Semantics) -> Result<Checked, RunError> {
    let mut ws = graph::load(paths)?;
    let a = ws.check(semantics)?;
    Ok(Checked {
        ws,
        graph: a.graph,
        facts: a.facts,
        diagnostics: a.diagnostics,
    })
}

/// Applies rule severities from `argcheck.yaml` and `allow:` on items,
/// sorts by file and position, and drops exact repeats.
fn finish(ws: &Workspace, g: &Graph, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Items that allow rules, per file, sorted by start.
    let mut allows: Vec<Vec<(std::ops::Range<usize>, &[&'static str])>> = vec![Vec::new(); ws.files.len()];
    for st in &g.statements {
        if !st.allow.is_empty() {
            allows[st.item.file].push((st.item.span.clone(), &st.allow));
        }
    }
    for src in &g.sources {
        if !src.allow.is_empty() {
            allows[src.item.file].push((src.item.span.clone(), &src.allow));
        }
    }
    for q in &g.questions {
        if !q.allow.is_empty() {
            allows[q.item.file].push((q.item.span.clone(), &q.allow));
        }
    }
    for a in &mut allows {
        a.sort_by_key(|(r, _)| r.start);
    }
    let allowed = |d: &Diagnostic| -> bool {
        let list = &allows[d.loc.file];
        let at = d.loc.span.start;
        let i = list.partition_point(|(r, _)| r.start <= at);
        i > 0 && {
            let (r, rules) = &list[i - 1];
            at < r.end.max(r.start + 1) && rules.contains(&d.rule)
        }
    };
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter_map(|mut d| {
            let rule = rules::find(d.rule)?;
            d.severity = ws.config(d.loc.file).severity_for(rule, &ws.files[d.loc.file].name)?;
            (!allowed(&d)).then_some(d)
        })
        .collect();
    out.sort_by(|a, b| {
        (a.loc.file, a.loc.span.start, a.loc.span.end, a.rule, &a.message).cmp(&(
            b.loc.file,
            b.loc.span.start,
            b.loc.span.end,
            b.rule,
            &b.message,
        ))
    });
    out.dedup();
    out
}
