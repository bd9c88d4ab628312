//! Where each name of the graph is written: every definition and every
//! resolved reference, per file, sorted by position. Built from what name
//! resolution already found (the graph's locations), so the server has no
//! resolver of its own; the two references the graph keeps without a span
//! of their own (`by:`, and the source of a `cite:`) are read off the
//! syntax tree at the places the graph points to.

use crate::diagnostic::FileId;
use crate::graph::{Graph, SourceId, StmtId, Workspace};
use crate::syntax::Value;
use std::ops::Range;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sym {
    /// A statement.
    Stmt(StmtId),
    /// A source.
    Source(SourceId),
    /// A question.
    Question(usize),
    /// A rule, named in `allow:` (index in [`crate::rules::RULES`]).
    Rule(usize),
}

/// One place a name is written.
#[derive(Clone, Debug)]
pub struct Occurrence {
    /// The bytes of the name.
    pub span: Range<usize>,
    /// What it names.
    pub sym: Sym,
    /// Whether this is the definition (the id of the item).
    pub def: bool,
}

/// Every occurrence of every name, per file.
#[derive(Debug, Default)]
pub struct Index {
    /// Per file, sorted by start.
    pub files: Vec<Vec<Occurrence>>,
}

impl Index {
    /// Indexes a checked workspace.
    pub fn new(ws: &Workspace, g: &Graph) -> Index {
        let mut files: Vec<Vec<Occurrence>> = vec![Vec::new(); ws.files.len()];
        let mut push = |file: FileId, span: Range<usize>, sym: Sym, def: bool| {
            if let Some(v) = files.get_mut(file) {
                v.push(Occurrence { span, sym, def });
            }
        };
        let rule = |name: &str| crate::rules::RULES.iter().position(|r| r.name == name);
        for (i, s) in g.statements.iter().enumerate() {
            push(s.loc.file, s.loc.span.clone(), Sym::Stmt(i), true);
            for r in &s.reasons {
                for (m, loc) in &r.members {
                    push(loc.file, loc.span.clone(), Sym::Stmt(*m), false);
                }
            }
            for (t, loc) in &s.attacks {
                push(loc.file, loc.span.clone(), Sym::Stmt(*t), false);
            }
            for r in &s.rates {
                {
                    let l = r.answer_loc();
                    push(l.file, l.span.clone(), Sym::Stmt(r.answer), false);
                }
            }
            for (name, loc) in &s.allow {
                if let Some(k) = rule(name) {
                    push(loc.file, loc.span.clone(), Sym::Rule(k), false);
                }
            }
        }
        for (i, s) in g.sources.iter().enumerate() {
            push(s.loc.file, s.loc.span.clone(), Sym::Source(i), true);
            for (t, loc) in &s.derived_from {
                push(loc.file, loc.span.clone(), Sym::Source(*t), false);
            }
            for (name, loc) in &s.allow {
                if let Some(k) = rule(name) {
                    push(loc.file, loc.span.clone(), Sym::Rule(k), false);
                }
            }
        }
        for (i, q) in g.questions.iter().enumerate() {
            push(q.loc.file, q.loc.span.clone(), Sym::Question(i), true);
            for (a, loc) in &q.answers {
                push(loc.file, loc.span.clone(), Sym::Stmt(*a), false);
            }
            for (name, loc) in &q.allow {
                if let Some(k) = rule(name) {
                    push(loc.file, loc.span.clone(), Sym::Rule(k), false);
                }
            }
        }
        // `by:` and the source of each `cite:`, from the syntax trees: the
        // statement of an item is the one whose id is written at the
        // item's id, and a citation is the one written at the `cite:`
        // value.
        let mut by_item: Vec<Vec<(usize, StmtId)>> = vec![Vec::new(); ws.files.len()];
        for (i, s) in g.statements.iter().enumerate() {
            if let Some(v) = by_item.get_mut(s.loc.file) {
                v.push((s.loc.span.start, i));
            }
        }
        for (file, stmts) in by_item.iter_mut().enumerate() {
            if stmts.is_empty() || file >= ws.asts.len() {
                continue;
            }
            stmts.sort_unstable();
            let ast = &ws.asts[file];
            for item in &ast.items {
                let Some(id) = item.id.filter(|_| item.kind.is_statement()) else {
                    continue;
                };
                let start = id.span.start as usize;
                let Ok(k) = stmts.binary_search_by_key(&start, |(s, _)| *s) else {
                    continue;
                };
                let st = &g.statements[stmts[k].1];
                for a in ast.attrs_of(item) {
                    match a.value {
                        Value::Id(t) => {
                            if let Some(src) = st.by.filter(|_| ast.str(&ws.files[file].text, a.key) == "by") {
                                push(file, t.range(), Sym::Source(src), false);
                            }
                        }
                        Value::Cite(ci) => {
                            let c = ast.cite(ci);
                            if let Some(cit) = st.cites.iter().find(|x| x.loc.span.start == c.span.start as usize) {
                                push(file, c.source.range(), Sym::Source(cit.source), false);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        for v in &mut files {
            v.sort_by_key(|o| (o.span.start, o.span.end));
        }
        Index { files }
    }

    /// The occurrence at byte `offset` of `file` (touching its start or
    /// its end counts, so a cursor just after a name finds it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        let v = self.files.get(file)?;
        let i = v.partition_point(|o| o.span.start <= offset);
        v[..i]
            .iter()
            .rev()
            .take(2)
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Every occurrence of `sym`, as (file, occurrence).
    pub fn occurrences(&self, sym: Sym) -> impl Iterator<Item = (FileId, &Occurrence)> {
        self.files
            .iter()
            .enumerate()
            .flat_map(move |(f, v)| v.iter().filter(move |o| o.sym == sym).map(move |o| (f, o)))
    }
}
