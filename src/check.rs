//! One check run: load → resolve → analyze → rules → configured
//! diagnostics.

use crate::analysis::{self, Facts, Semantics};
use crate::diagnostic::{Diagnostic, Loc, Severity};
use crate::graph::{self, resolve::resolve_trees, Graph, RunError, Workspace};
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
    /// A workspace and what checking it produced.
    pub fn new(ws: Workspace, a: Analysis) -> Checked {
        Checked {
            ws,
            graph: a.graph,
            facts: a.facts,
            diagnostics: a.diagnostics,
        }
    }

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
        if self.asts.len() != self.files.len() {
            return Err(RunError(
                "this workspace dropped its syntax trees after a one-shot check (`keep_trees` is false); load it again"
                    .into(),
            ));
        }
        crate::timing::stage("link", || self.link());
        // A one-shot run needs the trees no more once names are resolved:
        // resolution takes the workspace's own references and frees each
        // tree as soon as its file is done.
        let trees = if self.keep_trees {
            self.asts.clone()
        } else {
            std::mem::take(&mut self.asts)
        };
        let (graph, resolve_diags) = crate::timing::stage("resolve", || resolve_trees(self, trees, &self.imports));
        let ws: &Workspace = self;
        let facts = crate::timing::stage("analyze", || {
            analysis::analyze(
                &graph,
                |s| &ws.config(graph.statements[s].loc.file).calibration,
                semantics,
            )
        })
        .map_err(|e| RunError(e.0))?;
        let mut diags: Vec<Diagnostic> = ws.load_diagnostics().cloned().collect();
        diags.extend(resolve_diags);
        diags.extend(crate::timing::stage("rules", || {
            rules::run(&Context {
                ws,
                graph: &graph,
                facts: &facts,
            })
        }));
        let diagnostics = crate::timing::stage("finish", || finish(ws, &graph, diags));
        Ok(Analysis {
            graph,
            facts,
            diagnostics,
        })
    }
}

/// Checks `paths`.
pub fn run(paths: &[PathBuf], semantics: Semantics) -> Result<Checked, RunError> {
    let mut ws = crate::timing::stage("load", || graph::load(paths))?;
    ws.keep_trees = false;
    let a = ws.check(semantics)?;
    Ok(Checked::new(ws, a))
}

/// An item's span, its `allow:` list, and the index of its first entry in
/// [`Allows::used`].
type AllowItem<'g> = (std::ops::Range<usize>, &'g [(&'static str, Loc)], usize);

/// The `allow:` lists of a run's items, and which of their entries
/// silenced something.
struct Allows<'g> {
    /// Per file, sorted by start.
    items: Vec<Vec<AllowItem<'g>>>,
    used: Vec<bool>,
}

impl<'g> Allows<'g> {
    fn new(n_files: usize, g: &'g Graph) -> Allows<'g> {
        let mut items: Vec<Vec<_>> = vec![Vec::new(); n_files];
        let mut used = 0;
        let lists = g
            .statements
            .iter()
            .map(|s| (&s.item, &s.allow[..]))
            .chain(g.sources.iter().map(|s| (&s.item, &s.allow[..])))
            .chain(g.questions.iter().map(|q| (&q.item, &q.allow[..])));
        for (item, allow) in lists {
            if !allow.is_empty() {
                items[item.file].push((item.span.clone(), allow, used));
                used += allow.len();
            }
        }
        for a in &mut items {
            a.sort_by_key(|(r, _, _)| r.start);
        }
        Allows {
            items,
            used: vec![false; used],
        }
    }

    /// Whether an `allow:` of the item holding `d` names its rule; marks
    /// that entry used.
    fn silences(&mut self, d: &Diagnostic) -> bool {
        let list = &self.items[d.loc.file];
        let at = d.loc.span.start;
        let i = list.partition_point(|(r, _, _)| r.start <= at);
        if i == 0 {
            return false;
        }
        let (r, rules, first) = &list[i - 1];
        if at >= r.end.max(r.start + 1) {
            return false;
        }
        match rules.iter().position(|(name, _)| *name == d.rule) {
            Some(k) => {
                self.used[first + k] = true;
                true
            }
            None => false,
        }
    }

    /// The entries that silenced nothing (of rule `only`, or of every other
    /// rule).
    fn unused(&self, only: Option<&str>) -> Vec<(&'static str, Loc)> {
        let mut out = Vec::new();
        for list in &self.items {
            for (_, rules, first) in list {
                for (k, (name, loc)) in rules.iter().enumerate() {
                    let pick = match only {
                        Some(r) => *name == r,
                        None => *name != rules::unused_allow::RULE.name,
                    };
                    if pick && !self.used[first + k] {
                        out.push((*name, loc.clone()));
                    }
                }
            }
        }
        out
    }
}

/// Applies rule severities from `argcheck.yaml` (and `per-file-rules`) and
/// `allow:` on items, reports the `allow:` entries that silenced nothing
/// (`unused-allow`), sorts by file and position, and drops exact repeats.
fn finish(ws: &Workspace, g: &Graph, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allows = Allows::new(ws.files.len(), g);
    let configured = |mut d: Diagnostic| -> Option<Diagnostic> {
        let rule = rules::find(d.rule)?;
        d.severity = ws.config(d.loc.file).severity_for(rule, &ws.files[d.loc.file].name)?;
        Some(d)
    };
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.into_iter().filter_map(configured) {
        if !allows.silences(&d) {
            out.push(d);
        }
    }
    let unused_allow = |(rule, loc): (&'static str, Loc)| {
        let f = &ws.files[loc.file];
        let fixable = matches!(f.kind, graph::FileKind::Arg | graph::FileKind::Markdown);
        rules::unused_allow::diagnostic(rule, loc, &f.text, fixable)
    };
    for d in allows.unused(None).into_iter().map(unused_allow).filter_map(configured) {
        if !allows.silences(&d) {
            out.push(d);
        }
    }
    let last = allows.unused(Some(rules::unused_allow::RULE.name));
    out.extend(last.into_iter().map(unused_allow).filter_map(configured));
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
