//! `argcheck ach PATHS [QUESTION]`: each question's competing-hypotheses
//! matrix as a person reads it (one column per answer, one row per rating
//! statement), in human, JSON or Markdown form. The matrices are the
//! analysis's own (`Facts::ach`); this module only lays them out.
//!
//! Human and Markdown output are bounded: at most [`MAX_ROWS`] rows and
//! [`MAX_ANSWERS`] answer columns per question, saying how many were left
//! out (the score line, the least inconsistent answers and the JSON stay
//! complete). Ids and texts are escaped and cut to [`MAX_ID`] characters.

use crate::analysis::ach::{rows_of, Matrix};
use crate::graph::{Graph, Rating, StmtId, Workspace};
use crate::render::{cap, escape};
use crate::rules::listed;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::fmt::Write as _;

/// Rows shown per question in human and Markdown output.
pub const MAX_ROWS: usize = 100;
/// Answer columns shown per question in human and Markdown output.
pub const MAX_ANSWERS: usize = 12;
/// Characters of an id shown in a column or row head.
pub const MAX_ID: usize = 32;

/// The matrices to show: every question's, or the one named `question`
/// (an error message, with "did you mean", when none is named so).
pub fn select<'c>(g: &Graph, ach: &'c [Matrix], question: Option<&str>) -> Result<Vec<&'c Matrix>, String> {
    match question {
        None => Ok(ach.iter().collect()),
        Some(name) => ach
            .iter()
            .find(|m| g.questions.get(m.question).is_some_and(|q| q.name == name))
            .map(|m| vec![m])
            .ok_or_else(|| {
                let show = |s: &str| escape(&cap(s, 200)).into_owned();
                let hint = crate::suggest::did_you_mean(name, g.questions.iter().map(|q| q.name.as_str()))
                    .map_or(String::new(), |s| format!(" (did you mean `{}`?)", show(s)));
                format!("no question is named `{}`{hint}", show(name))
            }),
    }
}

fn id(g: &Graph, s: usize) -> String {
    escape(&cap(&g.statements[s].name, MAX_ID)).into_owned()
}

fn qname(g: &Graph, m: &Matrix) -> (String, String) {
    let q = &g.questions[m.question];
    (
        escape(&cap(&q.name, MAX_ID)).into_owned(),
        escape(&cap(&q.text, 300)).into_owned(),
    )
}

/// Shared with the HTML report.
pub(crate) fn notes(row: &crate::analysis::ach::Row) -> String {
    let mut n = Vec::new();
    if row.linchpin {
        n.push("linchpin");
    }
    if !row.diagnostic {
        n.push("not diagnostic");
    }
    if row.ceiling.is_none() {
        n.push("not grounded");
    }
    n.join(", ")
}

/// Shared with the HTML report.
pub(crate) fn ceiling(row: &crate::analysis::ach::Row) -> &'static str {
    row.ceiling.map_or("none", |t| t.as_str())
}

/// Shared with the HTML report.
pub(crate) fn rating(r: Option<Rating>) -> &'static str {
    r.map_or("-", |r| r.as_str())
}

fn least(g: &Graph, m: &Matrix) -> String {
    let names: Vec<String> = m
        .least_inconsistent()
        .map(|c| format!("`{}`", id(g, m.answers[c].claim)))
        .collect();
    format!("{} (score {})", listed(names.into_iter(), MAX_ANSWERS), m.least_score)
}

/// How many rows and answers of `m` a table leaves out (it shows
/// [`MAX_ROWS`] and [`MAX_ANSWERS`]). Shared with the HTML report.
pub(crate) fn hidden(m: &Matrix) -> (usize, usize) {
    (
        m.rows.len().saturating_sub(MAX_ROWS),
        m.answers.len().saturating_sub(MAX_ANSWERS),
    )
}

fn omitted(m: &Matrix) -> Option<String> {
    let (rows, cols) = hidden(m);
    if rows == 0 && cols == 0 {
        return None;
    }
    let mut parts = Vec::new();
    if rows > 0 {
        parts.push(format!("{rows} more rows"));
    }
    if cols > 0 {
        parts.push(format!("{cols} more answers"));
    }
    Some(format!(
        "{} not shown (`--format json` has them all)",
        parts.join(" and ")
    ))
}

/// How weights and scores are computed, in one sentence.
pub(crate) const LEGEND: &str = "weight from the row's ceiling: 2 very-likely or above, 1 likely or even-chance, 0.5 below, 0 not grounded; score = sum of weight x inconsistency (I 1, II 2, others 0); the least inconsistent answers have the lowest score";

/// The matrices as aligned text tables.
pub fn human(ws: &Workspace, g: &Graph, ms: &[&Matrix]) -> String {
    let mut out = String::new();
    if ms.is_empty() {
        out.push_str("no question (a `question` item lists competing answers)\n");
        return out;
    }
    for (i, m) in ms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (name, text) = qname(g, m);
        let q = &g.questions[m.question];
        let p = super::pos(ws, q.loc.file, q.loc.span.start);
        let _ = writeln!(
            out,
            "question {name} \"{text}\" ({}:{})",
            escape(&ws.files[q.loc.file].name),
            p.line
        );
        let cols: Vec<usize> = (0..m.answers.len().min(MAX_ANSWERS)).collect();
        let mut table: Vec<Vec<String>> = Vec::new();
        let mut head = vec!["".to_string(), "weight".into(), "ceiling".into()];
        head.extend(cols.iter().map(|&c| id(g, m.answers[c].claim)));
        head.push("".into());
        table.push(head);
        for row in m.rows.iter().take(MAX_ROWS) {
            let mut r = vec![id(g, row.stmt), row.weight.to_string(), ceiling(row).to_string()];
            r.extend(cols.iter().map(|&c| rating(row.rating(c)).to_string()));
            r.push(notes(row));
            table.push(r);
        }
        let mut score = vec!["score".to_string(), String::new(), String::new()];
        score.extend(cols.iter().map(|&c| m.answers[c].score.to_string()));
        score.push(String::new());
        let mut mark = vec!["least inconsistent".to_string(), String::new(), String::new()];
        mark.extend(
            cols.iter()
                .map(|&c| if m.answers[c].least_inconsistent { "yes" } else { "" }.to_string()),
        );
        mark.push(String::new());
        let mut declared = vec!["declared".to_string(), String::new(), String::new()];
        declared.extend(
            cols.iter()
                .map(|&c| m.answers[c].confidence.map_or("-", |t| t.as_str()).to_string()),
        );
        declared.push(String::new());
        let rule_at = table.len();
        table.push(score);
        table.push(mark);
        table.push(declared);
        let ncol = table[0].len();
        let widths: Vec<usize> = (0..ncol)
            .map(|k| table.iter().map(|r| r[k].chars().count()).max().unwrap_or(0))
            .collect();
        for (ri, r) in table.iter().enumerate() {
            if ri == rule_at {
                let total: usize = widths.iter().take(ncol - 1).map(|w| w + 2).sum();
                let _ = writeln!(out, "  {}", "-".repeat(total.saturating_sub(2)));
            }
            let mut line = String::from("  ");
            for (k, cell) in r.iter().enumerate() {
                line.push_str(cell);
                if k + 1 < ncol {
                    line.push_str(&" ".repeat(widths[k] - cell.chars().count() + 2));
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        if m.rows.is_empty() {
            let _ = writeln!(
                out,
                "  (no statement rates its answers yet: add `rates:` to the evidence)"
            );
        }
        if let Some(o) = omitted(m) {
            let _ = writeln!(out, "  {o}");
        }
        let _ = writeln!(out, "least inconsistent: {}", least(g, m));
        if m.incoherent() {
            let _ = writeln!(
                out,
                "declared confidences: at least {} % in all (incoherent: over 100 %)",
                m.declared_lower_sum
            );
        }
    }
    let _ = writeln!(out, "\n{LEGEND}");
    out
}

/// The matrices as Markdown tables.
pub fn markdown(g: &Graph, ms: &[&Matrix]) -> String {
    let mut out = String::new();
    if ms.is_empty() {
        out.push_str("No question.\n");
        return out;
    }
    let cell = |s: &str| s.replace('|', "\\|");
    for (i, m) in ms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (name, text) = qname(g, m);
        let _ = writeln!(out, "### Question `{name}`: {}\n", cell(&text));
        let cols: Vec<usize> = (0..m.answers.len().min(MAX_ANSWERS)).collect();
        let _ = write!(out, "| row | weight | ceiling |");
        for &k in &cols {
            let _ = write!(out, " `{}` |", id(g, m.answers[k].claim));
        }
        out.push_str(" notes |\n|---|---:|---|");
        for _ in &cols {
            out.push_str(":---:|");
        }
        out.push_str("---|\n");
        for row in m.rows.iter().take(MAX_ROWS) {
            let _ = write!(out, "| `{}` | {} | {} |", id(g, row.stmt), row.weight, ceiling(row));
            for &k in &cols {
                let _ = write!(out, " {} |", rating(row.rating(k)));
            }
            let _ = writeln!(out, " {} |", notes(row));
        }
        out.push_str("| **score** | | |");
        for &k in &cols {
            let a = &m.answers[k];
            if a.least_inconsistent {
                let _ = write!(out, " **{}** (least) |", a.score);
            } else {
                let _ = write!(out, " {} |", a.score);
            }
        }
        out.push_str(" |\n| declared | | |");
        for &k in &cols {
            let _ = write!(out, " {} |", m.answers[k].confidence.map_or("-", |t| t.as_str()));
        }
        out.push_str(" |\n\n");
        if let Some(o) = omitted(m) {
            let _ = writeln!(out, "{o}.\n");
        }
        let _ = writeln!(out, "Least inconsistent: {}.", least(g, m));
        if m.incoherent() {
            let _ = writeln!(
                out,
                "\nDeclared confidences: at least {} % in all (incoherent: over 100 %).",
                m.declared_lower_sum
            );
        }
    }
    let legend = LEGEND.replace(" x ", " × ");
    let _ = writeln!(out, "\nW{}.", legend.strip_prefix('w').unwrap_or(&legend));
    out
}

/// One question in `argcheck ach --format json` (docs/json.md).
#[derive(Serialize)]
struct JsonQuestion {
    id: String,
    text: String,
    answers: Vec<JsonAnswer>,
    rows: Vec<JsonRow>,
}

#[derive(Serialize)]
struct JsonAnswer {
    id: String,
    score: f64,
    least_inconsistent: bool,
    confidence: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonRow {
    id: String,
    weight: f64,
    ceiling: Option<&'static str>,
    diagnostic: bool,
    linchpin: bool,
    ratings: Ratings,
}

/// Answer id → rating, in the order of the question's answers.
struct Ratings(Vec<(String, &'static str)>);

impl Serialize for Ratings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The matrices as one JSON object: every row and answer, unabridged.
pub fn json(g: &Graph, ms: &[&Matrix]) -> String {
    let name = |s: usize| g.statements[s].name.to_string();
    let questions: Vec<JsonQuestion> = ms
        .iter()
        .map(|m| {
            let q = &g.questions[m.question];
            JsonQuestion {
                id: q.name.to_string(),
                text: q.text.to_string(),
                answers: m
                    .answers
                    .iter()
                    .map(|a| JsonAnswer {
                        id: name(a.claim),
                        score: a.score.as_f64(),
                        least_inconsistent: a.least_inconsistent,
                        confidence: a.confidence.map(|t| t.as_str()),
                    })
                    .collect(),
                rows: m
                    .rows
                    .iter()
                    .map(|r| JsonRow {
                        id: name(r.stmt),
                        weight: r.weight.as_f64(),
                        ceiling: r.ceiling.map(|t| t.as_str()),
                        diagnostic: r.diagnostic,
                        linchpin: r.linchpin,
                        ratings: Ratings(
                            r.ratings
                                .iter()
                                .map(|(k, x)| (name(m.answers[*k].claim), x.as_str()))
                                .collect(),
                        ),
                    })
                    .collect(),
            }
        })
        .collect();
    #[derive(Serialize)]
    struct Out {
        questions: Vec<JsonQuestion>,
    }
    format!(
        "{}\n",
        serde_json::to_string_pretty(&Out { questions }).unwrap_or_default()
    )
}

/// Hover text (Markdown) for a question: each answer's score, the least
/// inconsistent ones, the declared confidences, and how many rows are
/// linchpins or not diagnostic. At most [`MAX_ANSWERS`] answers are listed.
pub fn hover_question(g: &Graph, m: &Matrix) -> String {
    let (name, text) = qname(g, m);
    let mut out = format!("**question `{name}`**: {text}\n\n");
    for a in m.answers.iter().take(MAX_ANSWERS) {
        let _ = writeln!(
            out,
            "- `{}`: score {}{}{}",
            id(g, a.claim),
            a.score,
            if a.least_inconsistent {
                ", least inconsistent"
            } else {
                ""
            },
            a.confidence.map_or(String::new(), |t| format!(", declared `{t}`"))
        );
    }
    if m.answers.len() > MAX_ANSWERS {
        let _ = writeln!(out, "- and {} more answers", m.answers.len() - MAX_ANSWERS);
    }
    let linchpins = m.rows.iter().filter(|r| r.linchpin).count();
    let flat = m.rows.iter().filter(|r| !r.diagnostic).count();
    let _ = write!(
        out,
        "\n{} rows: {linchpins} linchpin, {flat} not diagnostic; declared confidences at least {} %{}",
        m.rows.len(),
        m.declared_lower_sum,
        if m.incoherent() { " (incoherent)" } else { "" }
    );
    out
}

/// Hover text (Markdown) for a statement that rates: its weight and
/// ceiling, and per question whether it is diagnostic or a linchpin
/// (`None` when it rates no answer). One pass over the matrices' rows.
pub fn hover_rates(g: &Graph, ach: &[Matrix], stmt: StmtId) -> Option<String> {
    let mut out = String::new();
    for (m, row) in rows_of(ach, stmt).take(MAX_ANSWERS) {
        if out.is_empty() {
            let _ = writeln!(out, "**row weight {}** (ceiling {})\n", row.weight, ceiling(row));
        }
        let (name, _) = qname(g, m);
        let n = notes(row);
        let _ = writeln!(
            out,
            "- question `{name}`: {}",
            if n.is_empty() { "diagnostic".to_string() } else { n }
        );
    }
    (!out.is_empty()).then_some(out)
}

/// `argcheck ach ARGS --format F`: the last argument is the question when
/// it is not an existing path and could be an id; the others are the paths (`.` when none).
/// Returns the exit code (0, or 2 when the run or the question fails) and
/// the text for standard output (errors go to standard error).
pub fn command(args: &[String], format: crate::cli::DiffFormat) -> (i32, String) {
    let mut paths: Vec<std::path::PathBuf> = args.iter().map(std::path::PathBuf::from).collect();
    // An id never holds `/`, `\\` or `.`: such an argument is a path even
    // when it does not exist (the run then says so).
    let is_question = |a: &str| !std::path::Path::new(a).exists() && !a.contains(['/', '\\', '.']);
    let question = match args.last() {
        Some(last) if is_question(last) => {
            paths.pop();
            Some(last.as_str())
        }
        _ => None,
    };
    if paths.is_empty() {
        paths.push(".".into());
    }
    let checked = match crate::check::run(&paths, crate::analysis::Semantics::Grounded) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", escape(&e.0));
            return (2, String::new());
        }
    };
    let ms = match select(&checked.graph, &checked.facts.ach, question) {
        Ok(ms) => ms,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, String::new());
        }
    };
    let out = match format {
        crate::cli::DiffFormat::Human => human(&checked.ws, &checked.graph, &ms),
        crate::cli::DiffFormat::Json => json(&checked.graph, &ms),
        crate::cli::DiffFormat::Markdown => markdown(&checked.graph, &ms),
    };
    (0, out)
}
