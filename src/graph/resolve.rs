//! Name resolution: syntax trees of every loaded file → [`Graph`].
//!
//! One namespace holds every id of a file and of what it imports,
//! transitively. Each file's namespace is the set of files reachable from it
//! through `use` (its import closure, a bitset); a name resolves to its
//! first definition in that set. Reports `duplicate-id`,
//! `unknown-reference` (with "did you mean") and `invalid-value`.

use super::{Citation, Graph, Reason, Source, SourceId, Statement, StmtId, StmtKind, Workspace};
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::Spanned;
use crate::suggest::did_you_mean;
use crate::syntax::{Item, ItemKind, Value};
use crate::terms::{
    credibility_index, is_valid_date, reliability_index, Term, CREDIBILITY_MEANING, RELIABILITY_LETTERS,
    RELIABILITY_MEANING,
};
use rustc_hash::FxHashMap as HashMap;

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Def {
    Stmt(StmtId),
    Src(SourceId),
}

#[derive(Clone, Debug)]
struct DefInfo {
    def: Def,
    loc: Loc,
}

/// What a reference must name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Statement,
    Source,
}

/// "Did you mean" compares a name with every visible name of the right
/// kind. Over a run, at most this many comparisons are made; past that,
/// unknown references get no suggestion. A file of a million typos stays
/// linear.
const SUGGESTION_BUDGET: usize = 2_000_000;

/// Keys each item takes, and whether each may repeat (LANGUAGE.md).
fn keys_of(kind: ItemKind) -> &'static [(&'static str, bool)] {
    match kind {
        ItemKind::Use => &[],
        ItemKind::Source => &[
            ("reliability", false),
            ("kind", false),
            ("url", false),
            ("date", false),
            ("derived-from", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Claim | ItemKind::Premise | ItemKind::Objection => &[
            ("because", true),
            ("cite", true),
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Evidence => &[
            ("cite", true),
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Assumption => &[
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("allow", true),
            ("note", false),
        ],
    }
}

const ALL_KEYS: [&str; 12] = [
    "because",
    "cite",
    "confidence",
    "by",
    "attacks",
    "allow",
    "note",
    "reliability",
    "kind",
    "url",
    "date",
    "derived-from",
];

struct Resolver<'a> {
    ws: &'a Workspace,
    names: HashMap<String, Vec<DefInfo>>,
    /// closure[f]: bitset of the files visible from f.
    closure: Vec<Vec<u64>>,
    graph: Graph,
    diags: Vec<Diagnostic>,
    suggestions_left: usize,
    /// Sorted candidate names per (file, wants statements), built once.
    candidates: HashMap<(FileId, bool), Vec<String>>,
}

/// Resolves every loaded file into one graph.
pub fn resolve(ws: &Workspace, items: Vec<Vec<Item>>) -> (Graph, Vec<Diagnostic>) {
    let mut r = Resolver {
        ws,
        names: HashMap::default(),
        closure: closures(ws),
        graph: Graph::default(),
        diags: Vec::new(),
        suggestions_left: SUGGESTION_BUDGET,
        candidates: HashMap::default(),
    };
    let total: usize = items.iter().map(Vec::len).sum();
    let mut pending: Vec<(FileId, Item, Def)> = Vec::with_capacity(total);
    for (file, items) in items.into_iter().enumerate() {
        for mut item in items {
            if item.kind == ItemKind::Use {
                for a in &item.attrs {
                    r.diags.push(
                        Diagnostic::new(
                            &rules::invalid_value::RULE,
                            Loc::new(file, a.key.span.clone()),
                            format!("unknown key `{}`: `use` takes no attributes", a.key.value),
                            "unknown key",
                        )
                        .with_help("indent attributes under the item they belong to"),
                    );
                }
                continue;
            }
            let Some(id) = &item.id else { continue };
            let loc = Loc::new(file, id.span.clone());
            let item_loc = Loc::new(file, item.span.clone());
            let text = item.text.take().map(|t| t.value).unwrap_or_default();
            let def = if item.kind == ItemKind::Source {
                r.graph.sources.push(Source {
                    name: id.value.clone(),
                    title: text,
                    loc: loc.clone(),
                    item: item_loc,
                    reliability: None,
                    has_reliability_attr: false,
                    kind: None,
                    url: None,
                    date: None,
                    derived_from: Vec::new(),
                    allow: Vec::new(),
                });
                Def::Src(r.graph.sources.len() - 1)
            } else {
                let kind = match item.kind {
                    ItemKind::Claim => StmtKind::Claim,
                    ItemKind::Premise => StmtKind::Premise,
                    ItemKind::Evidence => StmtKind::Evidence,
                    ItemKind::Assumption => StmtKind::Assumption,
                    _ => StmtKind::Objection,
                };
                r.graph.statements.push(Statement {
                    name: id.value.clone(),
                    kind,
                    text,
                    loc: loc.clone(),
                    item: item_loc,
                    reasons: Vec::new(),
                    cites: Vec::new(),
                    has_cite_attr: false,
                    confidence: None,
                    has_confidence_attr: false,
                    by: None,
                    attacks: Vec::new(),
                    allow: Vec::new(),
                });
                Def::Stmt(r.graph.statements.len() - 1)
            };
            r.names.entry(id.value.clone()).or_default().push(DefInfo { def, loc });
            pending.push((file, item, def));
        }
    }
    r.duplicates();
    for (file, item, def) in &pending {
        r.item(*file, item, *def);
    }
    (r.graph, r.diags)
}

/// The import closure of every file, as bitsets (breadth-first, no
/// recursion).
fn closures(ws: &Workspace) -> Vec<Vec<u64>> {
    let n = ws.files.len();
    let words = n.div_ceil(64).max(1);
    let mut out = Vec::with_capacity(n);
    let mut queue = Vec::new();
    for f in 0..n {
        let mut bits = vec![0u64; words];
        bits[f / 64] |= 1 << (f % 64);
        queue.clear();
        queue.push(f);
        while let Some(x) = queue.pop() {
            for &y in &ws.imports[x] {
                if bits[y / 64] & (1 << (y % 64)) == 0 {
                    bits[y / 64] |= 1 << (y % 64);
                    queue.push(y);
                }
            }
        }
        out.push(bits);
    }
    out
}

fn kind_word(def: Def, g: &Graph) -> &'static str {
    match def {
        Def::Src(_) => "a source",
        Def::Stmt(s) => match g.statements[s].kind {
            StmtKind::Claim => "a claim",
            StmtKind::Premise => "a premise",
            StmtKind::Evidence => "an evidence",
            StmtKind::Assumption => "an assumption",
            StmtKind::Objection => "an objection",
        },
    }
}

impl<'a> Resolver<'a> {
    fn sees(&self, from: FileId, file: FileId) -> bool {
        self.closure[from][file / 64] & (1 << (file % 64)) != 0
    }

    fn lookup(&self, from: FileId, name: &str) -> Option<&DefInfo> {
        self.names.get(name)?.iter().find(|d| self.sees(from, d.loc.file))
    }

    /// Reports the second (and later) definitions of a name in any
    /// namespace, with the earlier one labelled.
    fn duplicates(&mut self) {
        let n_files = self.ws.files.len();
        let mut found = Vec::new();
        for defs in self.names.values() {
            if defs.len() < 2 {
                continue;
            }
            // First definition per file, in order.
            let mut firsts: Vec<&DefInfo> = Vec::new();
            for d in defs {
                let earlier = match firsts.iter().find(|f| f.loc.file == d.loc.file) {
                    Some(f) => Some(*f),
                    None => {
                        let hit = firsts
                            .iter()
                            .find(|f| {
                                self.sees(d.loc.file, f.loc.file)
                                    || self.sees(f.loc.file, d.loc.file)
                                    || (0..n_files).any(|x| self.sees(x, d.loc.file) && self.sees(x, f.loc.file))
                            })
                            .copied();
                        firsts.push(d);
                        hit
                    }
                };
                if let Some(first) = earlier {
                    found.push((d.clone(), first.clone()));
                }
            }
        }
        found.sort_by_key(|a| (a.0.loc.file, a.0.loc.span.start));
        for (dup, first) in found {
            let name = self.text_of(&dup.loc).to_string();
            let what = kind_word(first.def, &self.graph);
            self.diags.push(
                Diagnostic::new(
                    &rules::duplicate_id::RULE,
                    dup.loc,
                    format!("`{name}` is defined twice"),
                    "defined again here",
                )
                .with_label(first.loc, format!("first defined here, as {what}"))
                .with_help("rename one of them; references resolve to the first"),
            );
        }
    }

    fn text_of(&self, loc: &Loc) -> &str {
        self.ws.files[loc.file].text.get(loc.span.clone()).unwrap_or("")
    }

    fn invalid(&mut self, loc: Loc, message: String, label: &str, help: Option<String>) {
        let mut d = Diagnostic::new(&rules::invalid_value::RULE, loc, message, label);
        d.help = help;
        self.diags.push(d);
    }

    fn suggest(&mut self, from: FileId, name: &str, want: Want) -> Option<String> {
        let key = (from, want == Want::Statement);
        if !self.candidates.contains_key(&key) {
            let mut list: Vec<String> = self
                .names
                .iter()
                .filter(|(_, defs)| {
                    defs.iter().any(|d| {
                        self.sees(from, d.loc.file)
                            && matches!(
                                (d.def, want),
                                (Def::Stmt(_), Want::Statement) | (Def::Src(_), Want::Source)
                            )
                    })
                })
                .map(|(k, _)| k.clone())
                .collect();
            list.sort_unstable();
            self.candidates.insert(key, list);
        }
        let list = self.candidates.get(&key)?;
        if self.suggestions_left < list.len() {
            return None;
        }
        self.suggestions_left -= list.len();
        did_you_mean(name, list.iter().map(String::as_str)).map(str::to_string)
    }

    /// Resolves one reference; reports unknown names and names of the
    /// wrong kind.
    fn reference(&mut self, file: FileId, name: &Spanned<String>, want: Want, key: &str) -> Option<Def> {
        let loc = Loc::new(file, name.span.clone());
        let Some(info) = self.lookup(file, &name.value).cloned() else {
            let what = if want == Want::Statement { "statement" } else { "source" };
            let help = match self.suggest(file, &name.value, want) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("define {what} `{}`, or `use` the file that does", name.value),
            };
            self.diags.push(
                Diagnostic::new(
                    &rules::unknown_reference::RULE,
                    loc,
                    format!("unknown {what} `{}` in `{key}`", name.value),
                    format!("no {what} is named `{}`", name.value),
                )
                .with_help(help),
            );
            return None;
        };
        match (info.def, want) {
            (Def::Stmt(_), Want::Statement) | (Def::Src(_), Want::Source) => Some(info.def),
            (def, _) => {
                let is = kind_word(def, &self.graph);
                let takes = if want == Want::Statement {
                    "statements"
                } else {
                    "sources"
                };
                self.diags.push(
                    Diagnostic::new(
                        &rules::invalid_value::RULE,
                        loc,
                        format!("`{}` is {is}, but `{key}` takes {takes}", name.value),
                        "wrong kind of item",
                    )
                    .with_label(info.loc, format!("`{}` is defined here as {is}", name.value)),
                );
                None
            }
        }
    }

    fn allow_list(&mut self, file: FileId, ids: &[Spanned<String>], out: &mut Vec<&'static str>) {
        for id in ids {
            match rules::find(&id.value) {
                Some(rule) => out.push(rule.name),
                None => {
                    let help = match did_you_mean(&id.value, rules::RULES.iter().map(|r| r.name)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`argcheck rules` lists every rule".to_string(),
                    };
                    self.diags.push(
                        Diagnostic::new(
                            &rules::unknown_reference::RULE,
                            Loc::new(file, id.span.clone()),
                            format!("unknown rule `{}` in `allow`", id.value),
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
    fn check_keys(&mut self, file: FileId, item: &Item) -> Vec<bool> {
        let allowed = keys_of(item.kind);
        let kw = item.kind.keyword();
        let article = if matches!(
            item.kind,
            ItemKind::Evidence | ItemKind::Assumption | ItemKind::Objection
        ) {
            "an"
        } else {
            "a"
        };
        let mut seen: Vec<(&str, Loc)> = Vec::new();
        let mut keep = Vec::with_capacity(item.attrs.len());
        for a in &item.attrs {
            let key = a.key.value.as_str();
            let loc = Loc::new(file, a.key.span.clone());
            match allowed.iter().find(|(k, _)| *k == key) {
                None => {
                    let names: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
                    let message = if ALL_KEYS.contains(&key) {
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
                    if !ALL_KEYS.contains(&key) {
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
                            self.diags.push(
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
        keep
    }

    fn item(&mut self, file: FileId, item: &Item, def: Def) {
        let keep = self.check_keys(file, item);
        let mut allow = Vec::new();
        for (a, ok) in item.attrs.iter().zip(keep) {
            if !ok {
                continue;
            }
            let key = a.key.value.as_str();
            match (key, &a.value) {
                ("because", Value::Ids(ids)) => {
                    let mut members: Vec<(StmtId, Loc)> = Vec::new();
                    let mut seen = rustc_hash::FxHashSet::default();
                    let mut complete = true;
                    for id in ids {
                        match self.reference(file, id, Want::Statement, key) {
                            Some(Def::Stmt(s)) => {
                                if seen.insert(s) {
                                    members.push((s, Loc::new(file, id.span.clone())));
                                }
                            }
                            _ => complete = false,
                        }
                    }
                    if let Def::Stmt(s) = def {
                        self.graph.statements[s].reasons.push(Reason {
                            members,
                            complete,
                            loc: Loc::new(file, a.value.span()),
                        });
                    }
                }
                ("attacks", Value::Ids(ids)) => {
                    for id in ids {
                        if let Some(Def::Stmt(t)) = self.reference(file, id, Want::Statement, key) {
                            if let Def::Stmt(s) = def {
                                self.graph.statements[s]
                                    .attacks
                                    .push((t, Loc::new(file, id.span.clone())));
                            }
                        }
                    }
                }
                ("derived-from", Value::Ids(ids)) => {
                    for id in ids {
                        if let Some(Def::Src(t)) = self.reference(file, id, Want::Source, key) {
                            if let Def::Src(s) = def {
                                self.graph.sources[s]
                                    .derived_from
                                    .push((t, Loc::new(file, id.span.clone())));
                            }
                        }
                    }
                }
                ("allow", Value::Ids(ids)) => self.allow_list(file, ids, &mut allow),
                ("by", Value::Id(id)) => {
                    if let (Some(Def::Src(src)), Def::Stmt(s)) = (self.reference(file, id, Want::Source, key), def) {
                        self.graph.statements[s].by = Some(src);
                    }
                }
                ("cite", Value::Cite(c)) => {
                    if let Def::Stmt(s) = def {
                        self.graph.statements[s].has_cite_attr = true;
                    }
                    let source = self.reference(file, &c.source, Want::Source, key);
                    let mut credibility = None;
                    if let Some(cr) = &c.credibility {
                        credibility = credibility_index(&cr.value);
                        if credibility.is_none() {
                            let scale: Vec<String> = CREDIBILITY_MEANING
                                .iter()
                                .enumerate()
                                .map(|(i, m)| format!("{} {m}", i + 1))
                                .collect();
                            self.invalid(
                                Loc::new(file, cr.span.clone()),
                                format!("`{}` is not a credibility digit", cr.value),
                                "not 1-6",
                                Some(format!("credibility is a digit from 1 to 6: {}", scale.join(", "))),
                            );
                        }
                    }
                    if let Some(d) = &c.date {
                        self.check_date(file, d);
                    }
                    if let (Some(Def::Src(src)), Def::Stmt(s)) = (source, def) {
                        self.graph.statements[s].cites.push(Citation {
                            source: src,
                            credibility,
                            loc: Loc::new(file, c.span.clone()),
                        });
                    }
                }
                ("confidence", Value::Text(t)) => match self.mark_confidence(def, &t.value) {
                    Some(term) => {
                        if let Def::Stmt(s) = def {
                            self.graph.statements[s].confidence = Some((term, Loc::new(file, t.span.clone())));
                        }
                    }
                    None => {
                        let help = match did_you_mean(&t.value, Term::ALL.iter().map(|t| t.as_str())) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!(
                                "the ICD 203 terms are {}",
                                Term::ALL.map(|t| format!("`{t}`")).join(", ")
                            ),
                        };
                        self.invalid(
                            Loc::new(file, t.span.clone()),
                            format!("`{}` is not an estimative term", t.value),
                            "unknown term",
                            Some(help),
                        );
                    }
                },
                ("reliability", Value::Text(t)) => match self.mark_reliability(def, &t.value) {
                    Some(r) => {
                        if let Def::Src(s) = def {
                            self.graph.sources[s].reliability = Some(r);
                        }
                    }
                    None => {
                        let scale: Vec<String> = RELIABILITY_LETTERS
                            .iter()
                            .zip(RELIABILITY_MEANING)
                            .map(|(l, m)| format!("{l} {m}"))
                            .collect();
                        self.invalid(
                            Loc::new(file, t.span.clone()),
                            format!("`{}` is not a reliability letter", t.value),
                            "not A-F",
                            Some(format!("reliability is a letter from A to F: {}", scale.join(", "))),
                        );
                    }
                },
                ("date", Value::Text(t)) => {
                    if self.check_date(file, t) {
                        if let Def::Src(s) = def {
                            self.graph.sources[s].date = Some(t.value.clone());
                        }
                    }
                }
                ("kind", Value::Text(t)) => {
                    if let Def::Src(s) = def {
                        self.graph.sources[s].kind = Some(t.value.clone());
                    }
                }
                ("url", Value::Text(t)) => {
                    if let Def::Src(s) = def {
                        self.graph.sources[s].url = Some(t.value.clone());
                    }
                }
                ("note", _) => {}
                (_, v) => {
                    self.invalid(
                        Loc::new(file, v.span()),
                        format!("`{key}` does not take this kind of value"),
                        "unexpected value",
                        None,
                    );
                }
            }
        }
        match def {
            Def::Stmt(s) => self.graph.statements[s].allow = allow,
            Def::Src(s) => self.graph.sources[s].allow = allow,
        }
    }

    /// Records that `def` writes a `confidence:` line; parses the term.
    fn mark_confidence(&mut self, def: Def, text: &str) -> Option<Term> {
        if let Def::Stmt(s) = def {
            self.graph.statements[s].has_confidence_attr = true;
        }
        Term::parse(text)
    }

    /// Records that `def` writes a `reliability:` line; parses the letter.
    fn mark_reliability(&mut self, def: Def, text: &str) -> Option<usize> {
        if let Def::Src(s) = def {
            self.graph.sources[s].has_reliability_attr = true;
        }
        reliability_index(text)
    }

    fn check_date(&mut self, file: FileId, d: &Spanned<String>) -> bool {
        if is_valid_date(&d.value) {
            return true;
        }
        let shaped = d.value.len() == 10 && d.value.as_bytes()[4] == b'-' && d.value.as_bytes()[7] == b'-';
        let message = if shaped {
            format!("`{}` is not a real calendar date", d.value)
        } else {
            format!("`{}` is not a date", d.value)
        };
        self.invalid(
            Loc::new(file, d.span.clone()),
            message,
            "invalid date",
            Some("dates are written YYYY-MM-DD, e.g. 2017-02-27".into()),
        );
        false
    }
}
