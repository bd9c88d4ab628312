//! Name resolution: syntax trees of every loaded file → [`Graph`].
//!
//! One namespace holds every id of a file and of what it imports,
//! transitively (its import closure). Each file has its own symbol table
//! (name → its first definition in that file); a reference is looked up in
//! the tables of the files its file can see, in file order, so that it
//! resolves to the first visible definition, without scanning unrelated
//! files. Independent files therefore cost what checking them one by one
//! costs, and files are resolved in parallel. Reports `duplicate-id`,
//! `unknown-reference` (with "did you mean") and `invalid-value`.

use super::{
    Citation, Fact, Graph, Name, Question, Rate, Rating, Reason, Source, SourceId, Statement, StmtId, StmtKind,
    ThinVec, Workspace,
};
use crate::analysis::scc::{tarjan, Csr};
use crate::diagnostic::{quoted, Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::Span32;
use crate::suggest::did_you_mean;
use crate::syntax::keys;
use crate::syntax::{Ast, Item, ItemKind, Tok, Value};
use crate::terms::{
    credibility_index, is_valid_date, reliability_index, Term, CREDIBILITY_MEANING, RELIABILITY_LETTERS,
    RELIABILITY_MEANING,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::mem::MaybeUninit;
use std::sync::Arc;

/// What an id names, globally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Def {
    Stmt(StmtId),
    Src(SourceId),
    Question(usize),
}

/// A definition in a file's symbol table, in 12 bytes (a table holds one
/// per name of every file): what it names, as a kind and a 32-bit index,
/// and the defining item.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// 0 statement, 1 source, 2 question.
    kind: u8,
    index: u32,
    /// Index of the defining item in its file.
    item: u32,
}

impl Entry {
    fn new(def: Def, item: u32) -> Entry {
        let n32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let (kind, index) = match def {
            Def::Stmt(s) => (0, n32(s)),
            Def::Src(s) => (1, n32(s)),
            Def::Question(q) => (2, n32(q)),
        };
        Entry { kind, index, item }
    }

    fn def(&self) -> Def {
        let i = self.index as usize;
        match self.kind {
            0 => Def::Stmt(i),
            1 => Def::Src(i),
            _ => Def::Question(i),
        }
    }
}

/// What a reference must name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Statement,
    Source,
}

/// "Did you mean" compares a name with every visible name of the right
/// kind. Over a run, at most this many comparisons are made, or
/// [`SUGGESTIONS_PER_NAME`] per defined name when that is more; the budget
/// is shared among files in proportion to their size, so the result does
/// not depend on the order files are resolved in. Past its share, a file's
/// unknown references get no suggestion. A file of a million typos, or a
/// chain of ten thousand imports, stays linear.
const SUGGESTION_BUDGET: usize = 2_000_000;

/// See [`SUGGESTION_BUDGET`].
const SUGGESTIONS_PER_NAME: usize = 64;

/// Every file gets at least this much of the budget.
const SUGGESTION_FLOOR: usize = 1_000;

fn stmt_kind(k: ItemKind) -> StmtKind {
    match k {
        ItemKind::Claim => StmtKind::Claim,
        ItemKind::Premise => StmtKind::Premise,
        ItemKind::Evidence => StmtKind::Evidence,
        ItemKind::Assumption => StmtKind::Assumption,
        _ => StmtKind::Objection,
    }
}

/// One file's definitions.
#[derive(Default)]
struct FileDefs<'a> {
    table: HashMap<&'a str, Entry>,
    /// (later item, first item) of names defined twice in the file.
    dups: Vec<(u32, u32)>,
    statements: usize,
    sources: usize,
    questions: usize,
}

/// Where an item is written and what it is: its id's span (its keyword's
/// when it has no id) and kind. Kept for every item through resolution, so
/// that diagnostics can point at definitions after the trees are freed.
#[derive(Clone, Copy)]
struct Site {
    span: Span32,
    kind: ItemKind,
}

/// How many statements, sources and questions `items` define (items with
/// an id; `use` defines nothing).
fn count_defs(items: &[Item]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for item in items.iter().filter(|i| i.id.is_some()) {
        match item.kind {
            ItemKind::Use => {}
            ItemKind::Source => c.1 += 1,
            ItemKind::Question => c.2 += 1,
            _ => c.0 += 1,
        }
    }
    c
}

/// Where `s` starts in `text`, when it lies inside it (a slice of it, not
/// a string of its own).
fn offset_in(text: &str, s: &str) -> Option<usize> {
    let base = text.as_ptr() as usize;
    let p = s.as_ptr() as usize;
    (p >= base && p + s.len() <= base + text.len()).then(|| p - base)
}

/// A file's sites, and copies of the ids that are not slices of its text
/// (NFC-normalised or read from YAML), in item order: the symbol table
/// borrows its keys from the text and from these, never from the tree.
fn sites_and_owned(tree: &Ast, text: &str) -> (Vec<Site>, Vec<Box<str>>) {
    let mut sites = Vec::with_capacity(tree.items.len());
    let mut owned = Vec::new();
    for item in &tree.items {
        sites.push(Site {
            span: item.id.map_or(item.keyword, |t| t.span),
            kind: item.kind,
        });
        if let Some(id) = item.id.filter(|_| item.kind != ItemKind::Use) {
            let name = tree.str(text, id);
            if offset_in(text, name).is_none() {
                owned.push(name.into());
            }
        }
    }
    (sites, owned)
}

/// A file's symbol table, numbering its definitions from the file's
/// offsets (statements, sources, questions). Keys are slices of `text` or
/// of `owned` (see [`sites_and_owned`]).
fn file_defs<'a>(
    tree: &Ast,
    text: &'a str,
    owned: &'a [Box<str>],
    (so, ro, qo): (usize, usize, usize),
) -> FileDefs<'a> {
    let mut d = FileDefs {
        table: HashMap::with_capacity_and_hasher(tree.items.len(), Default::default()),
        ..FileDefs::default()
    };
    let mut owned = owned.iter();
    for (i, item) in tree.items.iter().enumerate() {
        let Some(id) = item.id else { continue };
        let def = match item.kind {
            ItemKind::Use => continue,
            ItemKind::Source => {
                d.sources += 1;
                Def::Src(ro + d.sources - 1)
            }
            ItemKind::Question => {
                d.questions += 1;
                Def::Question(qo + d.questions - 1)
            }
            _ => {
                d.statements += 1;
                Def::Stmt(so + d.statements - 1)
            }
        };
        let written = tree.str(text, id);
        let name: &'a str = match offset_in(text, written) {
            Some(at) => text.get(at..at + written.len()).unwrap_or(""),
            None => owned.next().map_or("", |o| o),
        };
        match d.table.get(name) {
            Some(first) => d.dups.push((i as u32, first.item)),
            None => {
                d.table.insert(name, Entry::new(def, i as u32));
            }
        }
    }
    d
}

/// Files each file sees: itself and its import closure, ascending. Each
/// thread keeps one visit-stamp array, so a file's closure costs its size
/// (no hashing): total work is the sum of the closures' sizes, which the
/// import depth limit bounds.
fn closures(n: usize, imports: &[Vec<FileId>]) -> Vec<Vec<u32>> {
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![u32::MAX; n], Vec::new()),
            |(stamp, queue), f| {
                let mark = f as u32;
                stamp[f] = mark;
                queue.clear();
                queue.push(f);
                let mut out = vec![f as u32];
                while let Some(x) = queue.pop() {
                    for &y in &imports[x] {
                        if stamp[y] != mark {
                            stamp[y] = mark;
                            queue.push(y);
                            out.push(y as u32);
                        }
                    }
                }
                out.sort_unstable();
                out
            },
        )
        .collect()
}

/// The files whose namespaces contain every other namespace: one file of
/// each strongly connected component of the import graph that no other
/// component imports.
fn viewers(n: usize, imports: &[Vec<FileId>]) -> Vec<FileId> {
    let edges: Vec<(usize, usize)> = imports
        .iter()
        .enumerate()
        .flat_map(|(f, t)| t.iter().map(move |&g| (f, g)))
        .collect();
    let csr = Csr::new(n, &edges);
    let comps = tarjan(&csr);
    let mut comp_of = vec![0usize; n];
    for (c, members) in comps.iter().enumerate() {
        for &m in members {
            comp_of[m as usize] = c;
        }
    }
    let mut imported = vec![false; comps.len()];
    for &(a, b) in &edges {
        if comp_of[a] != comp_of[b] {
            imported[comp_of[b]] = true;
        }
    }
    let mut out: Vec<FileId> = comps
        .iter()
        .enumerate()
        .filter(|(c, _)| !imported[*c])
        .filter_map(|(_, m)| m.iter().copied().min().map(|f| f as usize))
        .collect();
    out.sort_unstable();
    out
}

/// A file that sees more files than this looks names up through the index
/// of defining files rather than file by file (deep import chains would
/// otherwise make lookups quadratic).
const BIG_CLOSURE: usize = 32;

/// Shared, read-only state of a resolution.
struct Names<'a> {
    ws: &'a Workspace,
    defs: Vec<FileDefs<'a>>,
    /// Every item of every file, by file and item index.
    sites: Vec<Vec<Site>>,
    closure: Vec<Vec<u32>>,
    /// Name → the files that define it, ascending; built only when some
    /// file sees more than [`BIG_CLOSURE`] files.
    index: Option<HashMap<&'a str, Vec<u32>>>,
    /// Kind of every statement (to tell claims from other statements while
    /// files are resolved in parallel).
    stmt_kinds: Vec<StmtKind>,
}

impl<'a> Names<'a> {
    /// The first definition of `name` visible from `from`: through the
    /// tables of the files `from` sees, or, when it sees many files,
    /// through the (short) list of files that define the name.
    fn lookup(&self, from: FileId, name: &str) -> Option<(Def, FileId, u32)> {
        let closure = &self.closure[from];
        let files: &[u32] = match &self.index {
            Some(index) if closure.len() > BIG_CLOSURE => {
                let defined = index.get(name)?;
                if defined.len() < closure.len() {
                    let f = *defined.iter().find(|f| closure.binary_search(f).is_ok())?;
                    let e = self.defs[f as usize].table.get(name)?;
                    return Some((e.def(), f as usize, e.item));
                }
                closure
            }
            _ => closure,
        };
        files.iter().find_map(|&f| {
            self.defs[f as usize]
                .table
                .get(name)
                .map(|e| (e.def(), f as usize, e.item))
        })
    }

    fn id_loc(&self, file: FileId, item: u32) -> Loc {
        let span = self.site(file, item).map_or(0..0, |s| s.span.range());
        Loc::new(file, span)
    }

    fn site(&self, file: FileId, item: u32) -> Option<Site> {
        self.sites.get(file)?.get(item as usize).copied()
    }

    fn kind_word(&self, def: Def) -> &'static str {
        match def {
            Def::Src(_) => "a source",
            Def::Question(_) => "a question",
            Def::Stmt(s) => self.stmt_kinds[s].with_article(),
        }
    }
}

/// Resolves every loaded file into one graph. `imports[f]` are the files
/// `f` imports (after cycle and depth checks). The workspace keeps its
/// syntax trees.
pub fn resolve(ws: &Workspace, imports: &[Vec<FileId>]) -> (Graph, Vec<Diagnostic>) {
    resolve_trees(ws, ws.asts.clone(), imports)
}

/// [`resolve`] with the syntax trees given apart (`trees[f]` is file `f`'s):
/// each tree is dropped as soon as its file's jobs are done, so when the
/// caller gave up its own references (a one-shot check), a tree's memory
/// is freed while the other files still resolve, and the trees and the
/// graph are never all alive at once.
pub fn resolve_trees(ws: &Workspace, trees: Vec<Arc<Ast>>, imports: &[Vec<FileId>]) -> (Graph, Vec<Diagnostic>) {
    let n = ws.files.len();
    let empty = Arc::new(Ast::default());
    let tree = |f: usize| -> &Ast { trees.get(f).unwrap_or(&empty) };
    // Counts first (to number definitions globally in file order), then
    // the tables with global numbers.
    let counts: Vec<(usize, usize, usize)> = (0..n).into_par_iter().map(|f| count_defs(&tree(f).items)).collect();
    let mut offsets = Vec::with_capacity(n);
    let mut acc = (0, 0, 0);
    for c in &counts {
        offsets.push(acc);
        acc = (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2);
    }
    let (sites, owned): (Vec<Vec<Site>>, Vec<Vec<Box<str>>>) = (0..n)
        .into_par_iter()
        .map(|f| sites_and_owned(tree(f), &ws.files[f].text))
        .unzip();
    let defs: Vec<FileDefs> = crate::timing::stage("  defs", || {
        (0..n)
            .into_par_iter()
            .map(|f| file_defs(tree(f), &ws.files[f].text, &owned[f], offsets[f]))
            .collect()
    });
    let mut stmt_kinds = Vec::with_capacity(acc.0);
    for f in 0..n {
        for item in &tree(f).items {
            if item.id.is_some() && item.kind.is_statement() {
                stmt_kinds.push(stmt_kind(item.kind));
            }
        }
    }
    let closure = closures(n, imports);
    let index = closure.iter().any(|c| c.len() > BIG_CLOSURE).then(|| {
        let mut index: HashMap<&str, Vec<u32>> = HashMap::default();
        for (f, d) in defs.iter().enumerate() {
            for name in d.table.keys() {
                index.entry(name).or_default().push(f as u32);
            }
        }
        index
    });
    let names = Names {
        ws,
        defs,
        sites,
        closure,
        index,
        stmt_kinds,
    };
    let total_bytes: usize = ws.files.iter().map(|f| f.text.len()).sum::<usize>().max(1);
    let budget = SUGGESTION_BUDGET.max(SUGGESTIONS_PER_NAME * (acc.0 + acc.1));
    let jobs = jobs(ws, &trees, &counts);
    // Each job holds its own reference to its file's tree and the caller's
    // are dropped here: a tree is freed when the last job of its file ends.
    let job_trees: Vec<Arc<Ast>> = jobs
        .iter()
        .map(|j| trees.get(j.file).cloned().unwrap_or_default())
        .collect();
    drop(trees);
    // Every statement is written straight into its place in the arena:
    // each job gets the (uninitialised) slice its statements fill, the
    // jobs' counts adding up to the arena's length. Nothing is written
    // before its job runs, so the arena's memory grows as the trees are
    // freed, and no job's statements are copied afterwards.
    let mut statements: Vec<Statement> = Vec::with_capacity(acc.0);
    let mut slots: Vec<&mut [MaybeUninit<Statement>]> = Vec::with_capacity(jobs.len());
    let mut rest: &mut [MaybeUninit<Statement>] = statements.spare_capacity_mut();
    for j in &jobs {
        let (mine, after) = rest.split_at_mut(j.counts.0.min(rest.len()));
        slots.push(mine);
        rest = after;
    }
    let tiled: usize = slots.iter().map(|s| s.len()).sum();
    let results: Vec<FileOut> = crate::timing::stage("  files", || {
        jobs.par_iter()
            .zip(slots.into_par_iter())
            .zip(job_trees.into_par_iter())
            .map(|((j, slots), tree)| {
                let share = (budget as u128 * j.bytes as u128 / total_bytes as u128) as usize;
                let mut r = FileResolver {
                    names: &names,
                    ast: &tree,
                    file: j.file,
                    slots,
                    filled: 0,
                    current: None,
                    out: FileOut {
                        sources: Vec::with_capacity(j.counts.1),
                        questions: Vec::with_capacity(j.counts.2),
                        diags: Vec::new(),
                    },
                    suggestions_left: share.max(SUGGESTION_FLOOR),
                    candidates: HashMap::default(),
                    keep: Vec::new(),
                    seen: Vec::new(),
                };
                r.items(j.items.clone());
                r.finish_statements();
                r.out
            })
            .collect()
    });
    if tiled == acc.0 {
        // SAFETY: the slices given to the jobs tile the first `acc.0` slots
        // of the spare capacity (checked just above), and every job
        // initialised every slot of its slice (`finish_statements` writes an
        // empty statement into any slot its items did not fill).
        unsafe { statements.set_len(acc.0) };
    }
    let mut graph = Graph {
        statements,
        sources: Vec::with_capacity(acc.1),
        questions: Vec::with_capacity(acc.2),
    };
    let mut diags = Vec::new();
    crate::timing::stage("  join", || {
        for r in results {
            graph.sources.extend(r.sources);
            graph.questions.extend(r.questions);
            diags.extend(r.diags);
        }
    });
    crate::timing::stage("  dups", || duplicates(&names, imports, &mut diags));
    check_answers(&mut graph, &mut diags);
    check_rates(&mut graph, &mut diags);
    (graph, diags)
}

/// A definition: (file, item).
type At = (FileId, u32);

/// The names defined in more than one of `files` (a viewer's namespace,
/// ascending): each later definition with the earliest one. Within a file
/// names are unique (its table keeps the first), so only the other files'
/// names are looked up in the largest table: the cost is the smaller
/// tables', not the namespace's (one large analysis and its registry cost
/// the registry's size).
fn viewer_duplicates(names: &Names, files: &[u32]) -> Vec<(At, At)> {
    let mut out = Vec::new();
    if files.len() < 2 {
        return out;
    }
    let table = |f: u32| &names.defs[f as usize].table;
    let big = files
        .iter()
        .copied()
        .max_by_key(|&f| (table(f).len(), std::cmp::Reverse(f)))
        .unwrap_or(files[0]);
    // Name → its earliest definition outside `big`; (name, later) pairs
    // among the other files, partnered once the earliest is known.
    let small: usize = files.iter().filter(|&&f| f != big).map(|&f| table(f).len()).sum();
    let mut first: HashMap<&str, At> = HashMap::with_capacity_and_hasher(small, Default::default());
    let mut later: Vec<(&str, At)> = Vec::new();
    for &f in files.iter().filter(|&&f| f != big) {
        for (name, e) in table(f) {
            let at = (f as usize, e.item);
            match first.get(name) {
                Some(_) => later.push((name, at)),
                None => {
                    first.insert(name, at);
                }
            }
        }
    }
    for (name, at) in first.iter_mut() {
        if let Some(e) = table(big).get(name) {
            let b = (big as usize, e.item);
            if b.0 < at.0 {
                out.push((*at, b));
                *at = b;
            } else {
                out.push((b, *at));
            }
        }
    }
    out.extend(later.into_iter().map(|(name, at)| (at, first[name])));
    out
}

/// A file is resolved in jobs of at most this many items, so that one large
/// document uses every core. The cut depends on the item count only, never
/// on the number of threads: the output is the same on any machine.
const JOB_ITEMS: usize = 8_192;

/// One unit of parallel resolution: a run of one file's items.
struct Job {
    file: FileId,
    items: std::ops::Range<usize>,
    /// Statements, sources and questions the items define.
    counts: (usize, usize, usize),
    /// Bytes of text the job covers (its share of the suggestion budget).
    bytes: usize,
}

/// Every file's items cut into [`Job`]s, in file and item order.
fn jobs(ws: &Workspace, trees: &[Arc<Ast>], counts: &[(usize, usize, usize)]) -> Vec<Job> {
    let mut out = Vec::new();
    for (f, ast) in trees.iter().enumerate() {
        let n = ast.items.len();
        let len = ws.files[f].text.len();
        if n <= JOB_ITEMS {
            out.push(Job {
                file: f,
                items: 0..n,
                counts: counts[f],
                bytes: len,
            });
            continue;
        }
        let mut start = 0;
        while start < n {
            let end = (start + JOB_ITEMS).min(n);
            let c = count_defs(&ast.items[start..end]);
            // From the job's first item (the file's start for the first
            // job) to the next job's: the jobs' bytes add up to the file.
            let from = if start == 0 {
                0
            } else {
                ast.items[start].span.range().start
            };
            let to = ast.items.get(end).map_or(len, |i| i.span.range().start);
            out.push(Job {
                file: f,
                items: start..end,
                counts: c,
                bytes: to.saturating_sub(from),
            });
            start = end;
        }
    }
    out
}

/// Reports the second (and later) definitions of a name in any namespace,
/// with the earlier one labelled: within a file, against the file's first
/// definition; across files, against the earliest definition that some
/// namespace sees together with it. Each namespace is contained in the
/// namespace of a file that nothing imports (a "viewer"), so only viewers
/// are scanned.
fn duplicates(names: &Names, imports: &[Vec<FileId>], diags: &mut Vec<Diagnostic>) {
    let n = names.ws.files.len();
    let mut found: Vec<(At, At)> = Vec::new();
    for (f, d) in names.defs.iter().enumerate() {
        for &(later, first) in &d.dups {
            found.push(((f, later), (f, first)));
        }
    }
    let per_viewer: Vec<Vec<(At, At)>> = viewers(n, imports)
        .into_par_iter()
        .map(|v| viewer_duplicates(names, &names.closure[v]))
        .collect();
    // The earliest partner of each later definition, over every viewer.
    let mut cross: HashMap<At, At> = HashMap::default();
    for (later, earlier) in per_viewer.into_iter().flatten() {
        let e = cross.entry(later).or_insert(earlier);
        if earlier < *e {
            *e = earlier;
        }
    }
    found.extend(cross);
    found.sort_unstable();
    for ((lf, li), (ef, ei)) in found {
        let dup = names.id_loc(lf, li);
        let first = names.id_loc(ef, ei);
        let name = quoted(names.ws.files[lf].text.get(dup.span.clone()).unwrap_or("")).into_owned();
        let what = match names.site(ef, ei).map_or(ItemKind::Claim, |s| s.kind) {
            ItemKind::Source => "a source",
            ItemKind::Question => "a question",
            k => stmt_kind(k).with_article(),
        };
        diags.push(
            Diagnostic::new(
                &rules::duplicate_id::RULE,
                dup,
                format!("`{name}` is defined twice"),
                "defined again here",
            )
            .with_label(first, format!("first defined here, as {what}"))
            .with_help("rename one of them; references resolve to the first"),
        );
    }
}

/// A `rates` entry must name a claim that answers some question.
fn check_rates(g: &mut Graph, diags: &mut Vec<Diagnostic>) {
    let mut answers = vec![false; g.statements.len()];
    for q in &g.questions {
        for (a, _) in &q.answers {
            answers[*a] = true;
        }
    }
    for s in 0..g.statements.len() {
        if g.statements[s].rates.is_empty() {
            continue;
        }
        let rates = std::mem::take(&mut g.statements[s].rates);
        let mut kept = Vec::with_capacity(rates.len());
        for r in rates {
            if answers[r.answer] {
                kept.push(r);
                continue;
            }
            let claim = &g.statements[r.answer];
            diags.push(
                Diagnostic::new(
                    &rules::invalid_value::RULE,
                    r.answer_loc(),
                    format!("claim `{}` answers no question", quoted(&claim.name)),
                    "not an answer",
                )
                .with_label(claim.loc.clone(), "defined here")
                .with_help("list it in the `answers:` of a `question`, or rate an answer of one"),
            );
        }
        g.statements[s].rates = kept.into();
    }
}

/// `answers` must name claims, at least two of them.
fn check_answers(g: &mut Graph, diags: &mut Vec<Diagnostic>) {
    for q in &mut g.questions {
        let mut kept = Vec::with_capacity(q.answers.len());
        for (s, loc) in std::mem::take(&mut q.answers) {
            let st = &g.statements[s];
            if st.kind == StmtKind::Claim {
                kept.push((s, loc));
            } else {
                diags.push(
                    Diagnostic::new(
                        &rules::invalid_value::RULE,
                        loc,
                        format!(
                            "`{}` is {}, but `answers` takes claims",
                            st.name,
                            st.kind.with_article()
                        ),
                        "not a claim",
                    )
                    .with_label(st.loc.clone(), format!("`{}` is defined here", st.name))
                    .with_help("the answers of a question are claims: competing hypotheses"),
                );
            }
        }
        q.answers = kept;
        match &q.answers_loc {
            Some(at) if q.answers.len() < 2 => diags.push(
                Diagnostic::new(
                    &rules::invalid_value::RULE,
                    at.clone(),
                    format!(
                        "question `{}` has {} answer{}: a question needs two or more",
                        q.name,
                        q.answers.len(),
                        if q.answers.len() == 1 { "" } else { "s" }
                    ),
                    "fewer than two answers",
                )
                .with_help("list the competing hypotheses: `answers: claim-a, claim-b`"),
            ),
            None => diags.push(
                Diagnostic::new(
                    &rules::invalid_value::RULE,
                    q.loc.clone(),
                    format!("question `{}` has no `answers`", q.name),
                    "no `answers:`",
                )
                .with_help("list the competing hypotheses: `answers: claim-a, claim-b`"),
            ),
            _ => {}
        }
    }
}

/// How many attributes with key `key` an item has.
fn count_key(ast: &Ast, text: &str, item: &Item, key: &str) -> usize {
    ast.attrs_of(item)
        .iter()
        .filter(|a| ast.str(text, a.key) == key)
        .count()
}

/// How many ids the attributes with key `key` of an item list.
fn count_ids(ast: &Ast, text: &str, item: &Item, key: &str) -> usize {
    ast.attrs_of(item)
        .iter()
        .filter(|a| ast.str(text, a.key) == key)
        .map(|a| match a.value {
            Value::Ids(ids) => ids.len(),
            _ => 0,
        })
        .sum()
}

/// A statement that holds nothing (no allocation), in the arena until
/// its job writes the real one over it.
fn empty_statement() -> Statement {
    Statement {
        name: Name::default(),
        kind: StmtKind::Claim,
        text: Name::default(),
        loc: Loc::new(0, 0..0),
        item: Loc::new(0, 0..0),
        reasons: ThinVec::new(),
        cites: ThinVec::new(),
        has_cite_attr: false,
        confidence: None,
        has_confidence_attr: false,
        by: None,
        attacks: ThinVec::new(),
        expect: ThinVec::new(),
        rates: ThinVec::new(),
        allow: ThinVec::new(),
    }
}

/// What resolving one job produced besides its statements.
#[derive(Default)]
struct FileOut {
    sources: Vec<Source>,
    questions: Vec<Question>,
    diags: Vec<Diagnostic>,
}

struct FileResolver<'n, 'a, 's> {
    names: &'n Names<'a>,
    /// The file's syntax tree.
    ast: &'a Ast,
    file: FileId,
    /// The job's place in the arena, and how many of it are written.
    slots: &'s mut [MaybeUninit<Statement>],
    filled: usize,
    /// The statement being resolved, written to its slot when the next
    /// one starts or the job ends.
    current: Option<Statement>,
    out: FileOut,
    suggestions_left: usize,
    /// Sorted candidate names per kind wanted, built once per file.
    candidates: HashMap<bool, Vec<&'a str>>,
    /// Reused per item by `check_keys` (no allocation per item).
    keep: Vec<bool>,
    seen: Vec<(&'a str, Loc)>,
}

impl<'n, 'a, 's> FileResolver<'n, 'a, 's> {
    fn ast(&self) -> &'a Ast {
        self.ast
    }

    fn text(&self) -> &'a Arc<String> {
        &self.names.ws.files[self.file].text
    }

    fn s(&self, t: Tok) -> &'a str {
        self.ast().str(self.text(), t)
    }

    fn name(&self, t: Tok) -> Name {
        let ast = self.ast();
        let text = self.text();
        let s = ast.str(text, t);
        // A slice of the file text shares the file's buffer.
        match offset_in(text, s) {
            Some(at) => Name::slice(text, at..at + s.len()),
            None => Name::owned(s),
        }
    }

    fn loc(&self, t: Tok) -> Loc {
        Loc::new(self.file, t.range())
    }

    fn invalid(&mut self, loc: Loc, message: String, label: &str, help: Option<String>) {
        let mut d = Diagnostic::new(&rules::invalid_value::RULE, loc, message, label);
        d.help = help;
        self.out.diags.push(d);
    }

    /// Resolves the items `range` of the file.
    fn items(&mut self, range: std::ops::Range<usize>) {
        let ast = self.ast();
        let text_of_file: &str = self.text();
        let file = self.file;
        for item in ast.items.get(range).unwrap_or_default() {
            if item.kind == ItemKind::Use {
                for a in ast.attrs_of(item) {
                    let key = self.s(a.key);
                    self.out.diags.push(
                        Diagnostic::new(
                            &rules::invalid_value::RULE,
                            self.loc(a.key),
                            format!("unknown key `{key}`: `use` takes no attributes"),
                            "unknown key",
                        )
                        .with_help("indent attributes under the item they belong to"),
                    );
                }
                continue;
            }
            let Some(id) = item.id else { continue };
            let loc = self.loc(id);
            let item_loc = Loc::new(file, item.span.range());
            let text = item.text.map_or_else(Name::default, |t| self.name(t));
            let name = self.name(id);
            match item.kind {
                ItemKind::Source => self.out.sources.push(Source {
                    name,
                    title: text,
                    loc,
                    item: item_loc,
                    reliability: None,
                    has_reliability_attr: false,
                    kind: None,
                    url: None,
                    date: None,
                    derived_from: Vec::new(),
                    retracted: None,
                    allow: Vec::new(),
                }),
                ItemKind::Question => self.out.questions.push(Question {
                    name,
                    text,
                    loc,
                    item: item_loc,
                    answers: Vec::new(),
                    answers_loc: None,
                    allow: Vec::new(),
                }),
                kind => self.push_statement(Statement {
                    name,
                    kind: stmt_kind(kind),
                    text,
                    loc,
                    item: item_loc,
                    // Exact capacities: a vector's first growth reserves room
                    // for four, which across a million statements is most
                    // of the graph's memory.
                    reasons: ThinVec::with_capacity(count_key(ast, text_of_file, item, "because")),
                    cites: ThinVec::with_capacity(count_key(ast, text_of_file, item, "cite")),
                    has_cite_attr: false,
                    confidence: None,
                    has_confidence_attr: false,
                    by: None,
                    attacks: ThinVec::with_capacity(count_ids(ast, text_of_file, item, "attacks")),
                    expect: ThinVec::new(),
                    rates: ThinVec::new(),
                    allow: ThinVec::new(),
                }),
            }
            self.item(item);
        }
    }

    fn suggest(&mut self, name: &str, want: Want) -> Option<String> {
        let key = want == Want::Statement;
        if !self.candidates.contains_key(&key) {
            let names = self.names;
            // Nothing to collect when the budget cannot pay for comparing
            // with every visible name.
            let visible: usize = names.closure[self.file]
                .iter()
                .map(|&f| names.defs[f as usize].table.len())
                .sum();
            if visible > self.suggestions_left {
                return None;
            }
            let mut list: Vec<&'a str> = Vec::new();
            for &f in &names.closure[self.file] {
                for (n, e) in &names.defs[f as usize].table {
                    if matches!(
                        (e.def(), want),
                        (Def::Stmt(_), Want::Statement) | (Def::Src(_), Want::Source)
                    ) {
                        list.push(n);
                    }
                }
            }
            list.sort_unstable();
            list.dedup();
            self.candidates.insert(key, list);
        }
        let list = self.candidates.get(&key)?;
        if self.suggestions_left < list.len() {
            return None;
        }
        self.suggestions_left -= list.len();
        did_you_mean(name, list.iter().copied()).map(str::to_string)
    }

    /// Resolves one reference; reports unknown names and names of the
    /// wrong kind.
    fn reference(&mut self, t: Tok, want: Want, key: &str) -> Option<Def> {
        let loc = self.loc(t);
        let full = self.s(t);
        let lookup = self.names.lookup(self.file, full);
        let Some((def, df, di)) = lookup else {
            let name = quoted(full);
            let what = if want == Want::Statement { "statement" } else { "source" };
            let suggestion = self.suggest(full, want);
            let help = match &suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("define {what} `{name}`, or `use` the file that does"),
            };
            let mut d = Diagnostic::new(
                &rules::unknown_reference::RULE,
                loc.clone(),
                format!("unknown {what} `{name}` in `{key}`"),
                format!("no {what} is named `{name}`"),
            )
            .with_help(help);
            if let Some(s) = suggestion {
                d = d.with_fix(crate::diagnostic::Fix {
                    title: format!("replace with `{s}`"),
                    edits: vec![crate::diagnostic::Edit { loc, replacement: s }],
                    safe: false,
                });
            }
            self.out.diags.push(d);
            return None;
        };
        match (def, want) {
            (Def::Stmt(_), Want::Statement) | (Def::Src(_), Want::Source) => Some(def),
            (def, _) => {
                let name = quoted(full);
                let is = self.names.kind_word(def);
                let takes = if want == Want::Statement {
                    "statements"
                } else {
                    "sources"
                };
                let at = self.names.id_loc(df, di);
                self.out.diags.push(
                    Diagnostic::new(
                        &rules::invalid_value::RULE,
                        loc,
                        format!("`{name}` is {is}, but `{key}` takes {takes}"),
                        "wrong kind of item",
                    )
                    .with_label(at, format!("`{name}` is defined here as {is}")),
                );
                None
            }
        }
    }

    /// The facts of an `expect:` list: unknown words and facts that
    /// contradict an earlier one are `invalid-value`s (and dropped).
    fn facts(&mut self, ids: &[Tok]) -> Vec<(Fact, Loc)> {
        let mut out: Vec<(Fact, Loc)> = Vec::new();
        for &id in ids {
            let word = self.s(id);
            let loc = self.loc(id);
            let Some(fact) = Fact::parse(word) else {
                let help = match did_you_mean(word, Fact::words()) {
                    Some(s) => format!("did you mean `{s}`? "),
                    None => String::new(),
                };
                self.invalid(
                    loc,
                    format!("`{}` is not a fact `expect` can check", quoted(word)),
                    "unknown fact",
                    Some(format!(
                        "{help}facts are `grounded`, `ungrounded`, `in`, `out`, `undec` (the standing), or an estimative term the ceiling must reach (`likely`, …)"
                    )),
                );
                continue;
            };
            if let Some((first, at)) = out.iter().find(|(f, _)| f.contradicts(fact)) {
                let first = *first;
                let d = Diagnostic::new(
                    &rules::invalid_value::RULE,
                    loc,
                    format!(
                        "`expect` asks for `{}` and `{}`, which cannot both hold",
                        first.as_str(),
                        fact.as_str()
                    ),
                    "contradicts an earlier fact",
                )
                .with_label(at.clone(), "first asked here")
                .with_help("keep the fact the analysis really asserts");
                self.out.diags.push(d);
                continue;
            }
            if !out.iter().any(|(f, _)| *f == fact) {
                out.push((fact, loc));
            }
        }
        out
    }

    fn allow_list(&mut self, ids: &[Tok], out: &mut Vec<(&'static str, Loc)>) {
        for &id in ids {
            let full = self.s(id);
            let name = quoted(full);
            match rules::find(full) {
                Some(rule) => out.push((rule.name, self.loc(id))),
                None => {
                    let help = match did_you_mean(full, rules::RULES.iter().map(|r| r.name)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`argcheck rules` lists every rule".to_string(),
                    };
                    self.out.diags.push(
                        Diagnostic::new(
                            &rules::unknown_reference::RULE,
                            self.loc(id),
                            format!("unknown rule `{name}` in `allow`"),
                            "no rule has this name",
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }

    /// Checks the keys of an item, reporting unknown, misplaced and
    /// repeated ones. Returns, per attribute, whether to use it.
    fn check_keys(&mut self, item: &Item) -> Vec<bool> {
        let mut keep = std::mem::take(&mut self.keep);
        keep.clear();
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        let allowed = keys::of(item.kind);
        let kw = item.kind.keyword();
        let article = if matches!(
            item.kind,
            ItemKind::Evidence | ItemKind::Assumption | ItemKind::Objection
        ) {
            "an"
        } else {
            "a"
        };
        let attrs = self.ast().attrs_of(item);
        for a in attrs {
            let key = self.s(a.key);
            let loc = self.loc(a.key);
            match allowed.iter().find(|(k, _)| *k == key) {
                None => {
                    let names: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
                    let message = if keys::ALL.contains(&key) {
                        format!("`{key}` is not allowed on {article} {kw}")
                    } else {
                        format!("unknown key `{key}` on {article} {kw}")
                    };
                    let mut help = match (item.kind, key) {
                        (ItemKind::Evidence, "because") => {
                            "evidence rests on its citations; make it a `premise` to support it with reasons"
                                .to_string()
                        }
                        (ItemKind::Assumption, "because" | "cite") => {
                            "an assumption rests on nothing, visibly; make it a `premise` or `evidence` to support it"
                                .to_string()
                        }
                        _ => format!("{article} {kw} takes: {}", names.join(", ")),
                    };
                    if !keys::ALL.contains(&key) {
                        if let Some(s) = did_you_mean(key, names.iter().copied()) {
                            help = format!("did you mean `{s}`? {help}");
                        }
                    }
                    self.invalid(loc, message, "not allowed here", Some(help));
                    keep.push(false);
                }
                Some((_, repeatable)) => {
                    if !repeatable {
                        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                            self.out.diags.push(
                                Diagnostic::new(
                                    &rules::invalid_value::RULE,
                                    loc,
                                    format!("`{key}` is given twice"),
                                    "given again here",
                                )
                                .with_label(first.clone(), "first given here")
                                .with_help(format!("{article} {kw} takes one `{key}`; the first one counts")),
                            );
                            keep.push(false);
                            continue;
                        }
                        seen.push((key, loc));
                    }
                    keep.push(true);
                }
            }
        }
        self.seen = seen;
        keep
    }

    /// The statement being resolved.
    fn stmt(&mut self) -> Option<&mut Statement> {
        self.current.as_mut()
    }

    /// Starts the job's next statement (the previous one goes to its slot).
    fn push_statement(&mut self, st: Statement) {
        self.flush_statement();
        self.current = Some(st);
    }

    /// Writes the current statement into the job's next slot.
    fn flush_statement(&mut self) {
        if let Some(st) = self.current.take() {
            if let Some(slot) = self.slots.get_mut(self.filled) {
                slot.write(st);
                self.filled += 1;
            }
        }
    }

    /// Ends the job's statements: the last one goes to its slot, and any
    /// slot left (never, when the counts agree) gets an empty statement, so
    /// that every slot of the job is initialised.
    fn finish_statements(&mut self) {
        self.flush_statement();
        for slot in self.slots.iter_mut().skip(self.filled) {
            slot.write(empty_statement());
        }
        self.filled = self.slots.len();
    }

    fn item(&mut self, item: &Item) {
        let file = self.file;
        let keep = self.check_keys(item);
        let ast = self.ast();
        let is_src = item.kind == ItemKind::Source;
        let is_question = item.kind == ItemKind::Question;
        let is_stmt = !is_src && !is_question;
        let mut allow = Vec::new();
        // Answers this item rates, and where in its `rates`: a row may rate
        // thousands of answers, so repeats are found in constant time.
        let mut rated: HashMap<StmtId, usize> = HashMap::default();
        for (a, &ok) in ast.attrs_of(item).iter().zip(keep.iter()) {
            if !ok {
                continue;
            }
            let key = self.s(a.key);
            match (key, a.value) {
                ("because", Value::Ids(ids)) => {
                    let mut members: Vec<(StmtId, Loc)> = Vec::with_capacity(ids.len());
                    let mut complete = true;
                    // Wide reasons check repeats with a set, to stay linear.
                    let mut seen = rustc_hash::FxHashSet::default();
                    for &id in ast.ids(ids) {
                        match self.reference(id, Want::Statement, key) {
                            Some(Def::Stmt(s)) => {
                                let new = if ids.len() > 16 {
                                    seen.insert(s)
                                } else {
                                    !members.iter().any(|(m, _)| *m == s)
                                };
                                if new {
                                    members.push((s, self.loc(id)));
                                }
                            }
                            _ => complete = false,
                        }
                    }
                    let loc = Loc::new(file, ast.value_span(&a.value).range());
                    if let Some(st) = self.stmt().filter(|_| is_stmt) {
                        st.reasons.push(Reason { members, complete, loc });
                    }
                }
                ("attacks", Value::Ids(ids)) => {
                    for &id in ast.ids(ids) {
                        if let Some(Def::Stmt(t)) = self.reference(id, Want::Statement, key) {
                            let loc = self.loc(id);
                            if let Some(st) = self.stmt().filter(|_| is_stmt) {
                                st.attacks.push((t, loc));
                            }
                        }
                    }
                }
                ("answers", Value::Ids(ids)) => {
                    let mut answers: Vec<(StmtId, Loc)> = Vec::with_capacity(ids.len());
                    // Wide questions check repeats with a set, to stay linear.
                    let mut seen = rustc_hash::FxHashSet::default();
                    for &id in ast.ids(ids) {
                        if let Some(Def::Stmt(s)) = self.reference(id, Want::Statement, key) {
                            let new = if ids.len() > 16 {
                                seen.insert(s)
                            } else {
                                !answers.iter().any(|(m, _)| *m == s)
                            };
                            if new {
                                answers.push((s, self.loc(id)));
                            }
                        }
                    }
                    let loc = Loc::new(file, ast.value_span(&a.value).range());
                    if let Some(q) = self.out.questions.last_mut().filter(|_| is_question) {
                        q.answers = answers;
                        q.answers_loc = Some(loc);
                    }
                }
                ("derived-from", Value::Ids(ids)) => {
                    for &id in ast.ids(ids) {
                        if let Some(Def::Src(t)) = self.reference(id, Want::Source, key) {
                            let loc = self.loc(id);
                            if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                                src.derived_from.push((t, loc));
                            }
                        }
                    }
                }
                ("allow", Value::Ids(ids)) => self.allow_list(ast.ids(ids), &mut allow),
                ("rates", Value::Rates(idx)) => {
                    let value = ast.value_span(&a.value).range();
                    let value_span = Span32::new(value.start, value.end);
                    for r in ast.ratings(idx) {
                        let answer = self.reference(r.answer, Want::Statement, key);
                        let word = self.s(r.rating);
                        let rating = Rating::parse(word);
                        if rating.is_none() {
                            self.invalid(
                                self.loc(r.rating),
                                format!("`{}` is not a rating", quoted(word)),
                                "unknown rating",
                                Some(format!(
                                    "a rating is one of {}: very consistent, consistent, neutral, inconsistent, very inconsistent, not applicable",
                                    Rating::WORDS.join(", ")
                                )),
                            );
                        }
                        let (Some(Def::Stmt(t)), Some(rating)) = (answer, rating) else {
                            continue;
                        };
                        let kind = self.names.stmt_kinds[t];
                        if kind != StmtKind::Claim {
                            self.invalid(
                                self.loc(r.answer),
                                format!(
                                    "`{}` is {}, but `rates` takes claims that answer a question",
                                    quoted(self.s(r.answer)),
                                    kind.with_article()
                                ),
                                "not a claim",
                                None,
                            );
                            continue;
                        }
                        let (answer_loc, rating_loc) = (self.loc(r.answer), self.loc(r.rating));
                        let Some(st) = self.stmt().filter(|_| is_stmt) else {
                            continue;
                        };
                        if let Some(first) = rated.get(&t).and_then(|&i| st.rates.get(i)) {
                            let first = first.rating_loc();
                            self.out.diags.push(
                                Diagnostic::new(
                                    &rules::invalid_value::RULE,
                                    rating_loc,
                                    "this statement already rates this answer",
                                    "rated again here",
                                )
                                .with_label(first, "first rated here")
                                .with_help("a row rates each answer once"),
                            );
                            continue;
                        }
                        rated.insert(t, st.rates.len());
                        st.rates.push(Rate {
                            answer: t,
                            rating,
                            file,
                            answer_span: Span32::new(answer_loc.span.start, answer_loc.span.end),
                            rating_span: Span32::new(rating_loc.span.start, rating_loc.span.end),
                            value_span,
                        });
                    }
                }
                ("expect", Value::Ids(ids)) => {
                    let facts = self.facts(ast.ids(ids));
                    if let Some(st) = self.stmt().filter(|_| is_stmt) {
                        st.expect = facts.into();
                    }
                }
                ("by", Value::Id(id)) => {
                    if let Some(Def::Src(src)) = self.reference(id, Want::Source, key) {
                        if let Some(st) = self.stmt().filter(|_| is_stmt) {
                            st.by = Some(src);
                        }
                    }
                }
                ("cite", Value::Cite(ci)) => {
                    let c = *ast.cite(ci);
                    if let Some(st) = self.stmt().filter(|_| is_stmt) {
                        st.has_cite_attr = true;
                    }
                    let source = self.reference(c.source, Want::Source, key);
                    let mut credibility = None;
                    if let Some(cr) = c.credibility {
                        let v = self.s(cr);
                        credibility = credibility_index(v);
                        if credibility.is_none() {
                            let scale: Vec<String> = CREDIBILITY_MEANING
                                .iter()
                                .enumerate()
                                .map(|(i, m)| format!("{} {m}", i + 1))
                                .collect();
                            self.invalid(
                                self.loc(cr),
                                format!("`{v}` is not a credibility digit"),
                                "not 1-6",
                                Some(format!("credibility is a digit from 1 to 6: {}", scale.join(", "))),
                            );
                        }
                    }
                    if let Some(d) = c.date {
                        self.check_date(d);
                    }
                    if let Some(Def::Src(src)) = source {
                        let loc = Loc::new(file, c.span.range());
                        if let Some(st) = self.stmt().filter(|_| is_stmt) {
                            st.cites.push(Citation {
                                source: src,
                                credibility,
                                credibility_span: c.credibility.map(|t| t.span),
                                loc,
                            });
                        }
                    }
                }
                ("confidence", Value::Text(t)) => {
                    let v = self.s(t);
                    let term = Term::parse(v);
                    if let Some(st) = self.stmt().filter(|_| is_stmt) {
                        st.has_confidence_attr = true;
                        if let Some(term) = term {
                            st.confidence = Some((term, Loc::new(file, t.range())));
                        }
                    }
                    if term.is_none() {
                        let help = match did_you_mean(v, Term::ALL.iter().map(|t| t.as_str())) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!(
                                "the ICD 203 terms are {}",
                                Term::ALL.map(|t| format!("`{t}`")).join(", ")
                            ),
                        };
                        self.invalid(
                            self.loc(t),
                            format!("`{v}` is not an estimative term"),
                            "unknown term",
                            Some(help),
                        );
                    }
                }
                ("reliability", Value::Text(t)) => {
                    let v = self.s(t);
                    let r = reliability_index(v);
                    if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                        src.has_reliability_attr = true;
                        src.reliability = r;
                    }
                    if r.is_none() {
                        let scale: Vec<String> = RELIABILITY_LETTERS
                            .iter()
                            .zip(RELIABILITY_MEANING)
                            .map(|(l, m)| format!("{l} {m}"))
                            .collect();
                        self.invalid(
                            self.loc(t),
                            format!("`{v}` is not a reliability letter"),
                            "not A-F",
                            Some(format!("reliability is a letter from A to F: {}", scale.join(", "))),
                        );
                    }
                }
                ("date", Value::Text(t)) => {
                    if self.check_date(t) {
                        let v = self.name(t);
                        if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                            src.date = Some(v);
                        }
                    }
                }
                ("retracted", Value::Retracted(i)) => {
                    let r = *ast.retraction(i);
                    if self.check_date(r.date) {
                        let date = self.name(r.date);
                        let note = r.note.map(|n| self.name(n));
                        let loc = Loc::new(file, a.key.span.range().start..ast.value_span(&a.value).range().end);
                        if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                            src.retracted = Some(super::Retraction { date, note, loc });
                        }
                    }
                }
                ("kind", Value::Text(t)) => {
                    let v = self.name(t);
                    if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                        src.kind = Some(v);
                    }
                }
                ("url", Value::Text(t)) => {
                    let v = self.name(t);
                    if let Some(src) = self.out.sources.last_mut().filter(|_| is_src) {
                        src.url = Some(v);
                    }
                }
                ("note", _) => {}
                (_, v) => {
                    let span = ast.value_span(&v);
                    self.invalid(
                        Loc::new(file, span.range()),
                        format!("`{key}` does not take this kind of value"),
                        "unexpected value",
                        None,
                    );
                }
            }
        }
        self.keep = keep;
        if is_src {
            if let Some(s) = self.out.sources.last_mut() {
                s.allow = allow;
            }
        } else if is_question {
            if let Some(q) = self.out.questions.last_mut() {
                q.allow = allow;
            }
        } else if let Some(s) = self.stmt() {
            s.allow = allow.into();
        }
    }

    fn check_date(&mut self, d: Tok) -> bool {
        let v = self.s(d);
        if is_valid_date(v) {
            return true;
        }
        let shaped = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
        let message = if shaped {
            format!("`{v}` is not a real calendar date")
        } else {
            format!("`{v}` is not a date")
        };
        self.invalid(
            self.loc(d),
            message,
            "invalid date",
            Some("dates are written YYYY-MM-DD, e.g. 2017-02-27".into()),
        );
        false
    }
}
