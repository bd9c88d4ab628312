//! `argcheck diff REV`: a semantic diff of the argument between a git
//! revision and the working tree. Both sides are checked by the same
//! engine; this module compares what each side computed (statements and
//! their facts, diagnostics) and prints it for people, for tools (JSON) and
//! for a pull-request comment (Markdown).

use crate::check::Checked;
use crate::graph::StmtKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// The facts of one statement, as compared.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct StatementFacts {
    /// Its kind.
    pub kind: &'static str,
    /// Grounded or not.
    pub grounded: bool,
    /// Ceiling (`null`: not grounded).
    pub ceiling: Option<&'static str>,
    /// Declared confidence.
    pub confidence: Option<&'static str>,
    /// Dung label.
    pub label: &'static str,
    /// Standing.
    pub standing: &'static str,
}

/// A statement on one side only, or on both with different facts.
#[derive(Serialize, Debug)]
pub struct StatementChange {
    /// Its file (relative to the project root).
    pub file: String,
    /// Its id.
    pub id: String,
    /// Before (absent when added).
    pub before: Option<StatementFacts>,
    /// After (absent when removed).
    pub after: Option<StatementFacts>,
}

/// A diagnostic that appeared or was fixed.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DiagnosticChange {
    /// Its file.
    pub file: String,
    /// The rule.
    pub rule: &'static str,
    /// The severity.
    pub severity: &'static str,
    /// The message.
    pub message: String,
}

/// The whole diff.
#[derive(Serialize, Debug, Default)]
pub struct Diff {
    /// The revision compared with the working tree.
    pub rev: String,
    /// Statements added, removed or changed, in file and id order.
    pub statements: Vec<StatementChange>,
    /// Diagnostics present now and not at the revision.
    pub appeared: Vec<DiagnosticChange>,
    /// Diagnostics present at the revision and not now.
    pub fixed: Vec<DiagnosticChange>,
}

fn facts_of(c: &Checked) -> BTreeMap<(String, String), StatementFacts> {
    let f = &c.facts;
    c.graph
        .statements
        .iter()
        .enumerate()
        .map(|(s, st)| {
            (
                (c.ws.files[st.loc.file].name.clone(), st.name.to_string()),
                StatementFacts {
                    kind: st.kind.as_str(),
                    grounded: f.grounded(s),
                    ceiling: f.ceiling(s).map(|t| t.as_str()),
                    confidence: st.confidence.as_ref().map(|(t, _)| t.as_str()),
                    label: f.labels[s].as_str(),
                    standing: f.standing[s].as_str(),
                },
            )
        })
        .collect()
}

fn diagnostics_of(c: &Checked) -> Vec<DiagnosticChange> {
    let mut v: Vec<DiagnosticChange> = c
        .diagnostics
        .iter()
        .map(|d| DiagnosticChange {
            file: c.ws.files[d.loc.file].name.clone(),
            rule: d.rule,
            severity: d.severity.as_str(),
            message: d.message.clone(),
        })
        .collect();
    v.sort();
    v
}

/// Compares the check of the revision (`old`) with the working tree's.
pub fn compare(rev: &str, old: &Checked, new: &Checked) -> Diff {
    let a = facts_of(old);
    let b = facts_of(new);
    let mut statements = Vec::new();
    let keys: std::collections::BTreeSet<&(String, String)> = a.keys().chain(b.keys()).collect();
    for k in keys {
        let (before, after) = (a.get(k), b.get(k));
        if before == after {
            continue;
        }
        statements.push(StatementChange {
            file: k.0.clone(),
            id: k.1.clone(),
            before: before.cloned(),
            after: after.cloned(),
        });
    }
    // Multisets of diagnostics: what is in one and not the other.
    let (da, db) = (diagnostics_of(old), diagnostics_of(new));
    let minus = |x: &[DiagnosticChange], y: &[DiagnosticChange]| {
        let mut count: BTreeMap<&DiagnosticChange, usize> = BTreeMap::new();
        for d in y {
            *count.entry(d).or_default() += 1;
        }
        let mut out = Vec::new();
        for d in x {
            match count.get_mut(d) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push(d.clone()),
            }
        }
        out
    };
    Diff {
        rev: rev.to_string(),
        statements,
        appeared: minus(&db, &da),
        fixed: minus(&da, &db),
    }
}

/// What changed in one statement, as "ceiling likely → even-chance, …".
fn what_changed(c: &StatementChange) -> String {
    match (&c.before, &c.after) {
        (None, Some(a)) => format!("added ({})", summary(a)),
        (Some(b), None) => format!("removed (was {})", summary(b)),
        (Some(b), Some(a)) => {
            let mut parts = Vec::new();
            if b.kind != a.kind {
                parts.push(format!("kind {} → {}", b.kind, a.kind));
            }
            if b.grounded != a.grounded {
                parts.push(
                    if a.grounded {
                        "now grounded"
                    } else {
                        "no longer grounded"
                    }
                    .to_string(),
                );
            }
            if b.ceiling != a.ceiling {
                parts.push(format!(
                    "ceiling {} → {}",
                    b.ceiling.unwrap_or("none"),
                    a.ceiling.unwrap_or("none")
                ));
            }
            if b.confidence != a.confidence {
                parts.push(format!(
                    "confidence {} → {}",
                    b.confidence.unwrap_or("none"),
                    a.confidence.unwrap_or("none")
                ));
            }
            if b.label != a.label {
                parts.push(format!("label {} → {}", b.label, a.label));
            }
            if b.standing != a.standing {
                parts.push(format!("standing {} → {}", b.standing, a.standing));
            }
            parts.join(", ")
        }
        (None, None) => String::new(),
    }
}

fn summary(f: &StatementFacts) -> String {
    let g = if f.grounded { "grounded" } else { "not grounded" };
    format!("{g}, ceiling {}, standing {}", f.ceiling.unwrap_or("none"), f.standing)
}

fn kind(c: &StatementChange) -> &'static str {
    c.after.as_ref().or(c.before.as_ref()).map_or("statement", |f| f.kind)
}

/// Claims first: they are what a reviewer looks for.
fn ordered(d: &Diff) -> Vec<&StatementChange> {
    let mut v: Vec<&StatementChange> = d.statements.iter().collect();
    v.sort_by_key(|c| kind(c) != StmtKind::Claim.as_str());
    v
}

/// The report for people.
pub fn human(d: &Diff) -> String {
    let esc = |s: &str| crate::render::escape(s).into_owned();
    let mut s = format!("argument changes since {}:\n", esc(&d.rev));
    if d.statements.is_empty() && d.appeared.is_empty() && d.fixed.is_empty() {
        s.push_str("  nothing: no statement, fact or finding changed\n");
        return s;
    }
    for c in ordered(d) {
        let mark = match (&c.before, &c.after) {
            (None, _) => '+',
            (_, None) => '-',
            _ => '~',
        };
        s.push_str(&format!(
            "  {mark} {} {} ({}): {}\n",
            kind(c),
            esc(&c.id),
            esc(&c.file),
            what_changed(c)
        ));
    }
    for (mark, list) in [('+', &d.appeared), ('-', &d.fixed)] {
        for x in list {
            s.push_str(&format!(
                "  {mark} {}[{}] {}: {}\n",
                x.severity,
                x.rule,
                esc(&x.file),
                esc(&x.message)
            ));
        }
    }
    s.push_str(&format!(
        "{} statement{} changed, {} finding{} appeared, {} fixed\n",
        d.statements.len(),
        if d.statements.len() == 1 { "" } else { "s" },
        d.appeared.len(),
        if d.appeared.len() == 1 { "" } else { "s" },
        d.fixed.len()
    ));
    s
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
}

/// A Markdown report fit for a pull-request comment.
pub fn markdown(d: &Diff) -> String {
    let mut s = format!("### argcheck: argument changes since `{}`\n\n", cell(&d.rev));
    if d.statements.is_empty() && d.appeared.is_empty() && d.fixed.is_empty() {
        s.push_str("No statement, fact or finding changed.\n");
        return s;
    }
    if !d.statements.is_empty() {
        s.push_str("| statement | file | change |\n|---|---|---|\n");
        for c in ordered(d) {
            s.push_str(&format!(
                "| {} `{}` | `{}` | {} |\n",
                kind(c),
                cell(&c.id),
                cell(&c.file),
                cell(&what_changed(c))
            ));
        }
        s.push('\n');
    }
    if !d.appeared.is_empty() || !d.fixed.is_empty() {
        s.push_str("| finding | rule | file | message |\n|---|---|---|---|\n");
        for (what, list) in [("appeared", &d.appeared), ("fixed", &d.fixed)] {
            for x in list {
                s.push_str(&format!(
                    "| {what} ({}) | `{}` | `{}` | {} |\n",
                    x.severity,
                    x.rule,
                    cell(&x.file),
                    cell(&x.message)
                ));
            }
        }
    }
    s
}
