//! The argument map: one neutral model built from a run's analysis
//! ([`build`]), and pure writers of it (DOT, Mermaid, JSON, SVG, AIF, the
//! HTML report). The writers do no analysis: everything they show (ceilings,
//! declared confidence, labels, grounding, the rules that fired on a node)
//! is read here, once, from the graph, the facts and the diagnostics.

pub mod aif;
pub mod dot;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod report;
pub mod svg;

use crate::analysis::dung::Label;
use crate::check::{self, Checked};
use crate::diagnostic::{Loc, Severity};
use crate::graph::{SourceId, StmtId, StmtKind};
use crate::render::located::{self, Finding};
use crate::terms::{Term, RELIABILITY_LETTERS, RELIABILITY_MEANING};
use std::io::Write;
use std::path::PathBuf;

/// Output format of `argcheck graph`. A new format is one more variant here
/// and one more writer of [`Map`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (renders on GitHub inside a ```mermaid block).
    Mermaid,
    /// The map as data: nodes, edges, facts, diagnostics (see docs/json.md).
    Json,
    /// A standalone SVG, laid out in-process (no external program).
    Svg,
    /// The Argument Interchange Format (AIFdb/OVA JSON).
    Aif,
    /// Argdown (statements, arguments with premise-conclusion structures,
    /// attacks, sources as front matter): opens in Argdown's tools, and
    /// `argcheck import` reads it back (see docs/argdown.md).
    Argdown,
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A statement of this kind.
    Statement(StmtKind),
    /// A source.
    Source,
    /// The joint where the statements of one linked reason (two or more
    /// statements together) meet before supporting their conclusion.
    Joint,
    /// A competing-hypotheses `question` (LANGUAGE.md *Competing
    /// hypotheses*): its answers are claims of the map.
    Question,
}

impl NodeKind {
    /// `claim`, …, `source`, `reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Statement(k) => k.as_str(),
            NodeKind::Source => "source",
            NodeKind::Joint => "reason",
            NodeKind::Question => "question",
        }
    }
}

/// A statement's state on the map: what a reader should notice first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Nothing wrong with its support or standing.
    Clean,
    /// Not grounded: nothing it rests on reaches a source.
    Ungrounded,
    /// Its standing is `out`: an accepted attack defeats it.
    Defeated,
    /// Its declared confidence is above its ceiling.
    Overclaimed,
    /// Its standing is `undec`: attacks on it are unresolved.
    Contested,
}

impl State {
    /// Every state, in the order legends and style sheets list them.
    pub const ALL: [State; 5] = [
        State::Clean,
        State::Ungrounded,
        State::Overclaimed,
        State::Defeated,
        State::Contested,
    ];

    /// `clean`, `ungrounded`, `defeated`, `overclaimed`, `contested`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Clean => "clean",
            State::Ungrounded => "ungrounded",
            State::Defeated => "defeated",
            State::Overclaimed => "overclaimed",
            State::Contested => "contested",
        }
    }

    /// The text marker, so the state reads without colour.
    pub fn marker(self) -> &'static str {
        match self {
            State::Clean => "✓",
            State::Ungrounded => "✗",
            State::Overclaimed => "⚠",
            State::Defeated | State::Contested => "?",
        }
    }

    /// Fill and stroke colours (light fill, dark stroke).
    pub fn colors(self) -> (&'static str, &'static str) {
        match self {
            State::Clean => ("#e8f5e9", "#2e7d32"),
            State::Ungrounded => ("#ffebee", "#c62828"),
            State::Overclaimed => ("#fff3e0", "#e65100"),
            State::Defeated => ("#eceff1", "#546e7a"),
            State::Contested => ("#fffde7", "#f9a825"),
        }
    }
}

/// One node of the map.
#[derive(Clone, Debug)]
pub struct Node {
    /// Unique key in the map (`s3`, `src1`, `r3_0`): safe as a DOT, Mermaid,
    /// XML and HTML identifier.
    pub key: String,
    /// What it is.
    pub kind: NodeKind,
    /// The id as written (empty for a joint).
    pub id: String,
    /// The statement's text or the source's title, whole.
    pub text: String,
    /// Where it is written: file, 1-based line and column.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Statement facts (`None` for sources and joints).
    pub stmt: Option<StmtFacts>,
    /// Source facts (`None` for statements and joints).
    pub source: Option<SourceFacts>,
    /// Question facts (`None` for all but questions).
    pub question: Option<QuestionFacts>,
    /// Indices into [`Map::findings`] of the diagnostics on this node.
    pub diagnostics: Vec<usize>,
}

/// What the analysis says of a statement.
#[derive(Clone, Debug)]
pub struct StmtFacts {
    /// Grounded.
    pub grounded: bool,
    /// Ceiling (`None` when not grounded).
    pub ceiling: Option<Term>,
    /// Declared `confidence`.
    pub confidence: Option<Term>,
    /// Dung label.
    pub label: Label,
    /// Standing.
    pub standing: Label,
    /// Origins (source ids).
    pub origins: Vec<String>,
    /// Who asserts it (`by:`), as a node key and id.
    pub by: Option<(String, String)>,
    /// The state shown.
    pub state: State,
}

/// What the analysis says of a source.
#[derive(Clone, Debug)]
pub struct SourceFacts {
    /// Reliability letter, if rated.
    pub reliability: Option<char>,
    /// Its Admiralty meaning (`usually reliable`).
    pub reliability_meaning: Option<&'static str>,
    /// `kind:`.
    pub kind: Option<String>,
    /// `url:`.
    pub url: Option<String>,
    /// `date:`.
    pub date: Option<String>,
    /// Origins (source ids).
    pub origins: Vec<String>,
    /// `retracted:` date, if retracted.
    pub retracted: Option<String>,
}

/// What the analysis says of a question: its matrix's scores, read from
/// `facts.ach` (nothing is scored again here).
#[derive(Clone, Debug)]
pub struct QuestionFacts {
    /// One per answer, in the order of `answers:` (all of them, even those
    /// a `--claim` map leaves out).
    pub answers: Vec<AnswerFacts>,
    /// Rows of its matrix (statements rating its answers).
    pub rows: usize,
    /// Rows that are diagnostic.
    pub diagnostic_rows: usize,
    /// Whether its answers' declared confidences are incoherent (their lower
    /// bounds add up to more than 100 %).
    pub incoherent: bool,
    /// Whether a rule fired on the question or an `inconsistent-judgement`
    /// on one of its answers: the question is drawn with `⚠`.
    pub warned: bool,
}

/// One answer of a question.
#[derive(Clone, Debug)]
pub struct AnswerFacts {
    /// The claim's id.
    pub id: String,
    /// The claim's node key, when the map shows it.
    pub key: Option<String>,
    /// Its score (the sum of weight × inconsistency), exact.
    pub score: crate::analysis::ach::Halves,
    /// Whether it is among the least inconsistent answers.
    pub least_inconsistent: bool,
    /// Its declared `confidence`.
    pub confidence: Option<Term>,
}

/// The label of an `answers` edge: `score 1.5`, or `score 0 · least` for
/// a least inconsistent answer.
pub fn answer_label(score: crate::analysis::ach::Halves, least: bool) -> String {
    if least {
        format!("score {score} · least")
    } else {
        format!("score {score}")
    }
}

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A reason (or a joint) supports its conclusion.
    Support,
    /// A member of a linked reason meets its joint.
    Link,
    /// An attack.
    Attack,
    /// A citation: from the source to the statement citing it.
    Cite,
    /// From a source to a source that derives from it (`derived-from`).
    Derives,
    /// From a question to one of its answers (labelled with the answer's
    /// score). Drawn dotted, without an arrowhead, the question above.
    Answers,
}

impl EdgeKind {
    /// `support`, `link`, `attack`, `cite`, `derives`.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Support => "support",
            EdgeKind::Link => "link",
            EdgeKind::Attack => "attack",
            EdgeKind::Cite => "cite",
            EdgeKind::Derives => "derives",
            EdgeKind::Answers => "answers",
        }
    }
}

/// One edge: information flows from `from` to `to` (bottom to top).
#[derive(Clone, Debug)]
pub struct Edge {
    /// Index into [`Map::nodes`].
    pub from: usize,
    /// Index into [`Map::nodes`].
    pub to: usize,
    /// What it means.
    pub kind: EdgeKind,
    /// Whether it counts: a reason that grounds, an attack from a grounded
    /// statement, a citation of a source not retracted.
    pub counts: bool,
    /// A short label (a credibility digit), if any.
    pub label: Option<String>,
}

/// The map of a run.
#[derive(Clone, Debug, Default)]
pub struct Map {
    /// Statements (in graph order), then sources, then questions, then
    /// joints.
    pub nodes: Vec<Node>,
    /// Edges, in a deterministic order.
    pub edges: Vec<Edge>,
    /// Every diagnostic of the run, located, in order.
    pub findings: Vec<Finding>,
    /// For each finding, the node it is on (if it is on one of the map).
    pub finding_node: Vec<Option<usize>>,
    /// The claim the map is limited to (`--claim`).
    pub claim: Option<String>,
}

/// Characters of an id shown on a node (the whole id is in its tooltip).
pub const MAX_ID: usize = 60;

/// Characters of a text shown in a tooltip or a table cell.
pub const MAX_FULL_TEXT: usize = 2_000;

/// Characters of a statement's text shown on a node.
pub const SHORT_TEXT: usize = 90;

/// `s` cut to `max` characters with `…`, control characters as spaces.
pub fn shorten(s: &str, max: usize) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    match clean.char_indices().nth(max) {
        None => clean,
        Some((i, _)) => format!("{}…", clean[..i].trim_end()),
    }
}

/// The state a statement is drawn in (the first that applies, in this
/// order: ungrounded, defeated, overclaimed, contested, clean).
fn stmt_state(c: &Checked, s: StmtId) -> State {
    let f = &c.facts;
    let st = &c.graph.statements[s];
    if !f.grounded(s) {
        State::Ungrounded
    } else if f.standing[s] == Label::Out {
        State::Defeated
    } else if matches!((f.ceiling(s), &st.confidence), (Some(ceil), Some((t, _))) if *t > ceil) {
        State::Overclaimed
    } else if f.standing[s] == Label::Undec {
        State::Contested
    } else {
        State::Clean
    }
}

/// The statements and sources the map of `claim` shows: what it rests on
/// (reasons, citations, `derived-from` chains) and what attacks anything
/// shown, with what those attackers rest on, found iteratively.
fn closure(c: &Checked, claim: StmtId) -> (Vec<bool>, Vec<bool>) {
    let g = &c.graph;
    let mut attackers: Vec<Vec<StmtId>> = vec![Vec::new(); g.statements.len()];
    for (a, st) in g.statements.iter().enumerate() {
        for (t, _) in &st.attacks {
            if let Some(v) = attackers.get_mut(*t) {
                v.push(a);
            }
        }
    }
    let mut stmt = vec![false; g.statements.len()];
    let mut src = vec![false; g.sources.len()];
    let mut stack = vec![claim];
    stmt[claim] = true;
    let mut src_stack: Vec<SourceId> = Vec::new();
    while let Some(s) = stack.pop() {
        let st = &g.statements[s];
        let next = st
            .reasons
            .iter()
            .flat_map(|r| r.members.iter().map(|(m, _)| *m))
            .chain(attackers[s].iter().copied());
        for m in next {
            if !stmt[m] {
                stmt[m] = true;
                stack.push(m);
            }
        }
        for cite in &st.cites {
            if !src[cite.source] {
                src[cite.source] = true;
                src_stack.push(cite.source);
            }
        }
        if let Some(b) = st.by {
            if !src[b] {
                src[b] = true;
                src_stack.push(b);
            }
        }
    }
    while let Some(s) = src_stack.pop() {
        for (d, _) in &g.sources[s].derived_from {
            if !src[*d] {
                src[*d] = true;
                src_stack.push(*d);
            }
        }
    }
    (stmt, src)
}

/// Per file, the items (statements and sources) sorted by start, to find
/// the item a diagnostic is on.
fn item_index(
    c: &Checked,
    stmt_node: &[Option<usize>],
    src_node: &[Option<usize>],
    q_node: &[Option<usize>],
) -> Vec<Vec<(usize, usize, usize)>> {
    let mut by_file: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); c.ws.files.len()];
    let items = c
        .graph
        .statements
        .iter()
        .zip(stmt_node)
        .map(|(s, n)| (&s.item, *n))
        .chain(c.graph.sources.iter().zip(src_node).map(|(s, n)| (&s.item, *n)))
        .chain(c.graph.questions.iter().zip(q_node).map(|(q, n)| (&q.item, *n)));
    for (item, node) in items {
        if let (Some(n), Some(v)) = (node, by_file.get_mut(item.file)) {
            v.push((item.span.start, item.span.end, n));
        }
    }
    for v in &mut by_file {
        v.sort_unstable();
    }
    by_file
}

/// The node whose item holds `loc` (the last item starting at or before it
/// that ends after it).
fn node_at(index: &[Vec<(usize, usize, usize)>], loc: &Loc) -> Option<usize> {
    let v = index.get(loc.file)?;
    let at = v.partition_point(|(start, _, _)| *start <= loc.span.start);
    let (start, end, n) = *v.get(at.checked_sub(1)?)?;
    (start <= loc.span.start && loc.span.start < end.max(start + 1)).then_some(n)
}

/// Builds the map of a run: the whole graph, or (`claim`) what that
/// statement rests on and what attacks it.
pub fn build(c: &Checked, claim: Option<StmtId>) -> Map {
    let g = &c.graph;
    let f = &c.facts;
    let (keep_stmt, keep_src) = match claim {
        Some(s) => closure(c, s),
        None => (vec![true; g.statements.len()], vec![true; g.sources.len()]),
    };
    let mut nodes: Vec<Node> = Vec::new();
    let mut stmt_node: Vec<Option<usize>> = vec![None; g.statements.len()];
    let mut src_node: Vec<Option<usize>> = vec![None; g.sources.len()];
    let place = |loc: &Loc| {
        let p = super::pos(&c.ws, loc.file, loc.span.start);
        (c.ws.files[loc.file].name.clone(), p.line, p.column)
    };
    for (s, st) in g.statements.iter().enumerate() {
        if !keep_stmt[s] {
            continue;
        }
        stmt_node[s] = Some(nodes.len());
        let (file, line, column) = place(&st.loc);
        let by = st.by.map(|b| (format!("src{b}"), g.sources[b].name.to_string()));
        nodes.push(Node {
            key: format!("s{s}"),
            kind: NodeKind::Statement(st.kind),
            id: st.name.to_string(),
            text: st.text.to_string(),
            file,
            line,
            column,
            stmt: Some(StmtFacts {
                grounded: f.grounded(s),
                ceiling: f.ceiling(s),
                confidence: st.confidence.as_ref().map(|(t, _)| *t),
                label: f.labels[s],
                standing: f.standing[s],
                origins: f.origins[s].iter().map(|o| g.sources[*o].name.to_string()).collect(),
                by,
                state: stmt_state(c, s),
            }),
            source: None,
            question: None,
            diagnostics: Vec::new(),
        });
    }
    for (i, src) in g.sources.iter().enumerate() {
        if !keep_src[i] {
            continue;
        }
        src_node[i] = Some(nodes.len());
        let (file, line, column) = place(&src.loc);
        nodes.push(Node {
            key: format!("src{i}"),
            kind: NodeKind::Source,
            id: src.name.to_string(),
            text: src.title.to_string(),
            file,
            line,
            column,
            stmt: None,
            source: Some(SourceFacts {
                reliability: src.reliability.map(|r| RELIABILITY_LETTERS[r]),
                reliability_meaning: src.reliability.map(|r| RELIABILITY_MEANING[r]),
                kind: src.kind.as_ref().map(|k| k.to_string()),
                url: src.url.as_ref().map(|k| k.to_string()),
                date: src.date.as_ref().map(|k| k.to_string()),
                origins: f
                    .source_origins
                    .of
                    .get(i)
                    .map(|o| o.iter().map(|o| g.sources[*o].name.to_string()).collect())
                    .unwrap_or_default(),
                retracted: src.retracted.as_ref().map(|r| r.date.to_string()),
            }),
            question: None,
            diagnostics: Vec::new(),
        });
    }
    // Questions: every one on the whole map; on a `--claim` map those the
    // claims shown answer. Their scores are the analysis's matrices.
    let mut q_node: Vec<Option<usize>> = vec![None; g.questions.len()];
    // The node of a statement (answers are resolved ids: `get` only keeps a
    // broken graph from panicking).
    let node_of = |stmt_node: &[Option<usize>], s: StmtId| stmt_node.get(s).copied().flatten();
    for m in &f.ach {
        let Some(q) = g.questions.get(m.question) else { continue };
        if claim.is_some() && !q.answers.iter().any(|(a, _)| node_of(&stmt_node, *a).is_some()) {
            continue;
        }
        q_node[m.question] = Some(nodes.len());
        let (file, line, column) = place(&q.loc);
        let answers = m
            .answers
            .iter()
            .map(|a| AnswerFacts {
                id: g
                    .statements
                    .get(a.claim)
                    .map_or(String::new(), |st| st.name.to_string()),
                key: node_of(&stmt_node, a.claim).map(|n| nodes[n].key.clone()),
                score: a.score,
                least_inconsistent: a.least_inconsistent,
                confidence: a.confidence,
            })
            .collect();
        nodes.push(Node {
            key: format!("q{}", m.question),
            kind: NodeKind::Question,
            id: q.name.to_string(),
            text: q.text.to_string(),
            file,
            line,
            column,
            stmt: None,
            source: None,
            question: Some(QuestionFacts {
                answers,
                rows: m.rows.len(),
                diagnostic_rows: m.rows.iter().filter(|r| r.diagnostic).count(),
                incoherent: m.incoherent(),
                warned: false,
            }),
            diagnostics: Vec::new(),
        });
    }
    let mut edges: Vec<Edge> = Vec::new();
    for (s, st) in g.statements.iter().enumerate() {
        let Some(to) = stmt_node[s] else { continue };
        for cite in &st.cites {
            if let Some(from) = src_node[cite.source] {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Cite,
                    counts: g.sources[cite.source].retracted.is_none(),
                    label: cite.credibility.map(|d| (d + 1).to_string()),
                });
            }
        }
        for (r, reason) in st.reasons.iter().enumerate() {
            let grounding = reason.complete && reason.members.iter().all(|(m, _)| f.grounded(*m));
            let members: Vec<usize> = reason.members.iter().filter_map(|(m, _)| stmt_node[*m]).collect();
            if members.is_empty() {
                continue;
            }
            if reason.members.len() == 1 {
                edges.push(Edge {
                    from: members[0],
                    to,
                    kind: EdgeKind::Support,
                    counts: grounding,
                    label: None,
                });
                continue;
            }
            let joint = nodes.len();
            let (file, line, column) = place(&reason.loc);
            nodes.push(Node {
                key: format!("r{s}_{r}"),
                kind: NodeKind::Joint,
                id: String::new(),
                text: format!("{} together", reason.members.len()),
                file,
                line,
                column,
                stmt: None,
                source: None,
                question: None,
                diagnostics: Vec::new(),
            });
            for m in members {
                edges.push(Edge {
                    from: m,
                    to: joint,
                    kind: EdgeKind::Link,
                    counts: grounding,
                    label: None,
                });
            }
            edges.push(Edge {
                from: joint,
                to,
                kind: EdgeKind::Support,
                counts: grounding,
                label: None,
            });
        }
        for (t, _) in &st.attacks {
            if let Some(target) = stmt_node[*t] {
                edges.push(Edge {
                    from: to,
                    to: target,
                    kind: EdgeKind::Attack,
                    counts: f.grounded(s),
                    label: None,
                });
            }
        }
    }
    for (i, src) in g.sources.iter().enumerate() {
        let Some(to) = src_node[i] else { continue };
        for (d, _) in &src.derived_from {
            if let Some(from) = src_node[*d] {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Derives,
                    counts: true,
                    label: None,
                });
            }
        }
    }
    for m in &f.ach {
        let Some(from) = q_node[m.question] else { continue };
        for a in &m.answers {
            if let Some(to) = node_of(&stmt_node, a.claim) {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Answers,
                    counts: true,
                    label: Some(answer_label(a.score, a.least_inconsistent)),
                });
            }
        }
    }
    let findings = located::locate(&c.ws, &c.diagnostics);
    let index = item_index(c, &stmt_node, &src_node, &q_node);
    let mut finding_node = Vec::with_capacity(findings.len());
    for (k, d) in c.diagnostics.iter().enumerate() {
        let n = node_at(&index, &d.loc);
        if let Some(n) = n {
            nodes[n].diagnostics.push(k);
        }
        finding_node.push(n);
    }
    // A question is flagged when a rule fired on it, or an
    // `inconsistent-judgement` on one of its answers.
    for (q, n) in q_node.iter().enumerate() {
        let Some(n) = *n else { continue };
        let on_answer = g.questions[q].answers.iter().any(|(a, _)| {
            node_of(&stmt_node, *a).is_some_and(|an| {
                nodes[an]
                    .diagnostics
                    .iter()
                    .any(|d| c.diagnostics[*d].rule == "inconsistent-judgement")
            })
        });
        let warned = on_answer || !nodes[n].diagnostics.is_empty();
        if let Some(qf) = nodes[n].question.as_mut() {
            qf.warned = warned;
        }
    }
    Map {
        nodes,
        edges,
        findings,
        finding_node,
        claim: claim.map(|s| g.statements[s].name.to_string()),
    }
}

impl Map {
    /// The keys of the nodes of one kind, in map order.
    pub fn keys_of(&self, kind: NodeKind) -> Vec<&str> {
        self.nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.key.as_str())
            .collect()
    }

    /// The rules that fired on node `n`, each once, in order.
    pub fn rules_on(&self, n: usize) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = Vec::new();
        for &d in &self.nodes[n].diagnostics {
            let r = self.findings[d].rule;
            if !v.contains(&r) {
                v.push(r);
            }
        }
        v
    }

    /// Whether edge `k` is an `answers` edge to a least inconsistent answer
    /// (drawn bolder).
    pub fn least_answer(&self, k: usize) -> bool {
        let e = &self.edges[k];
        let to = &self.nodes[e.to].key;
        e.kind == EdgeKind::Answers
            && self.nodes[e.from].question.as_ref().is_some_and(|q| {
                q.answers
                    .iter()
                    .any(|a| a.least_inconsistent && a.key.as_ref() == Some(to))
            })
    }

    /// The worst severity of the diagnostics on node `n`.
    pub fn worst_on(&self, n: usize) -> Option<Severity> {
        self.nodes[n]
            .diagnostics
            .iter()
            .map(|d| self.findings[*d].severity)
            .max()
    }
}

/// The lines a node shows, for every writer alike: `✗ claim id`, the text
/// (shortened), then `ceiling X · declared Y` or the source's reliability.
pub fn node_lines(n: &Node) -> (String, String, Option<String>) {
    let head = match (&n.kind, &n.stmt) {
        (NodeKind::Statement(k), Some(sf)) => {
            format!("{} {} {}", sf.state.marker(), k.as_str(), shorten(&n.id, MAX_ID))
        }
        (NodeKind::Source, _) => format!("source {}", shorten(&n.id, MAX_ID)),
        (NodeKind::Question, _) => {
            let warned = n.question.as_ref().is_some_and(|q| q.warned);
            format!("{}question {}", if warned { "⚠ " } else { "" }, shorten(&n.id, MAX_ID))
        }
        _ => "and".to_string(),
    };
    let text = shorten(&n.text, SHORT_TEXT);
    let facts = if let Some(sf) = &n.stmt {
        let ceil = sf.ceiling.map_or("none", |t| t.as_str());
        let state = if sf.state == State::Clean {
            String::new()
        } else {
            format!(" · {}", sf.state.as_str())
        };
        Some(match sf.confidence {
            Some(t) => format!("ceiling {ceil} · declared {t}{state}"),
            None => format!("ceiling {ceil}{state}"),
        })
    } else if let Some(q) = &n.question {
        let least: Vec<&str> = q
            .answers
            .iter()
            .filter(|a| a.least_inconsistent)
            .map(|a| a.id.as_str())
            .collect();
        let mut s = if q.rows == 0 {
            "no ratings yet".to_string()
        } else {
            format!("least inconsistent: {}", shorten(&least.join(", "), MAX_ID))
        };
        if q.incoherent {
            s.push_str(" · incoherent confidence");
        }
        Some(s)
    } else {
        n.source.as_ref().map(|src| {
            let mut s = match (src.reliability, src.reliability_meaning) {
                (Some(l), Some(m)) => format!("reliability {l} ({m})"),
                _ => "unrated".to_string(),
            };
            if let Some(r) = &src.retracted {
                s.push_str(&format!(" · retracted {r}"));
            }
            s
        })
    };
    (head, text, facts)
}

/// `argcheck graph`: checks `paths` and writes the map in `format` to
/// stdout. Returns the exit code (0, or 2 when the run failed or the claim
/// names nothing).
pub fn graph_cmd(paths: &[PathBuf], claim: Option<&str>, format: Format, semantics: crate::analysis::Semantics) -> i32 {
    let c = match check::run(paths, semantics) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", super::escape(&e.0));
            return 2;
        }
    };
    if format == Format::Argdown {
        if claim.is_some() {
            eprintln!(
                "error: --claim draws part of a map; --format argdown writes the whole argument (leave out --claim)"
            );
            return 2;
        }
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let _ = out
            .write_all(super::argdown::argdown(&c.graph).as_bytes())
            .and_then(|_| out.flush());
        std::mem::forget(c);
        return 0;
    }
    let root = match claim {
        None => None,
        Some(name) => match find_statement(&c, name) {
            Some(s) => Some(s),
            None => return 2,
        },
    };
    let map = build(&c, root);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        Format::Dot => out.write_all(dot::write(&map).as_bytes()),
        Format::Mermaid => out.write_all(mermaid::write(&map).as_bytes()),
        Format::Json => json::write(&map, &mut out),
        Format::Svg => {
            let (svg, note) = svg::write(&map);
            if let Some(note) = note {
                eprintln!("note: {note}");
            }
            out.write_all(svg.as_bytes())
        }
        Format::Aif => aif::write(&map, &mut out),
        Format::Argdown => Ok(()), // written above, from the graph
    };
    // A closed pipe (e.g. `| head`) ends the output quietly.
    let _ = written.and_then(|_| out.flush());
    std::mem::forget(c);
    0
}

/// The statement named `name`, or an error printed with "did you mean".
pub fn find_statement(c: &Checked, name: &str) -> Option<StmtId> {
    let g = &c.graph;
    if let Some(s) = g.statements.iter().position(|s| s.name == name) {
        return Some(s);
    }
    let show = |s: &str| super::escape(&super::cap(s, 200)).into_owned();
    let hint = crate::suggest::did_you_mean(name, g.statements.iter().map(|s| s.name.as_str()))
        .map_or(String::new(), |s| format!(" (did you mean `{}`?)", show(s)));
    eprintln!("error: no statement is named `{}`{hint}", show(name));
    None
}

/// `argcheck report`: checks `paths` and writes the HTML report to
/// `output`. Returns the exit code.
pub fn report_cmd(paths: &[PathBuf], output: &std::path::Path, semantics: crate::analysis::Semantics) -> i32 {
    let c = match check::run(paths, semantics) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", super::escape(&e.0));
            return 2;
        }
    };
    let (html, note) = report::write(&c);
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    let code = match crate::fix::write_atomic(output, &html) {
        Ok(()) => {
            eprintln!("wrote `{}`", output.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", output.display());
            2
        }
    };
    std::mem::forget(c);
    code
}

/// `text` wrapped at `width` characters, at most `max_lines` lines (the
/// last cut with `…` when more would follow).
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = textwrap::wrap(text, width)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// Characters per line of a node's text.
pub const WRAP: usize = 34;

/// Lines of a node's text at most.
pub const MAX_TEXT_LINES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_out_of_any_format() {
        let evil = "a \"q\" #x <b>&</b> [l]{r}(p)|;`\\ \n\u{1b}[2J \u{202e}";
        let m = mermaid::escape(evil);
        for c in [
            '"', '<', '>', '[', ']', '{', '}', '(', ')', '|', '`', '\\', '\n', '\u{1b}', '\u{202e}',
        ] {
            assert!(!m.contains(c), "mermaid kept {c:?}: {m}");
        }
        assert!(m.contains("#34;q#34;") && m.contains("#35;x"), "{m}");
        let d = dot::escape(evil);
        assert!(d.contains("\\\"q\\\"") && d.contains("\\\\ "), "{d}");
        assert!(!d.contains('\n') && !d.contains('\u{1b}') && !d.contains('\u{202e}'));
        // Every quote left in DOT is escaped.
        let unescaped = d.match_indices('"').filter(|(i, _)| !d[..*i].ends_with('\\')).count();
        assert_eq!(unescaped, 0, "{d}");
        let x = svg::escape(evil);
        for c in ['"', '<', '>', '\'', '\n', '\u{1b}', '\u{202e}'] {
            assert!(!x.contains(c), "svg kept {c:?}: {x}");
        }
        assert!(x.contains("&amp;") && x.contains("&lt;b&gt;") && x.contains("&quot;q&quot;"));
    }

    #[test]
    fn shorten_and_wrap_are_bounded() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("abcdef ghi", 6), "abcdef…");
        assert_eq!(shorten("a\nb", 5), "a b");
        let lines = wrap(&"word ".repeat(100), 20, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(lines.iter().all(|l| l.chars().count() <= 21));
    }
}
