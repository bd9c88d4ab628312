//! Analysis: pure functions from the argument graph to facts. Every pass is
//! iterative (explicit stacks and queues) and linear in statements + edges.

pub mod ach;
pub mod cycles;
pub mod dung;
pub mod origins;
pub mod scc;
pub mod support;

use crate::graph::{Graph, StmtId, StmtKind};
use crate::terms::{Calibration, Term};
use dung::{AttackGraph, Label};
use origins::SourceOrigins;
use rayon::prelude::*;
use support::{propagate, Propagation, ReasonIndex};

/// Which argumentation semantics labels the attack graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Semantics {
    /// Dung's grounded semantics (the default; linear time).
    #[default]
    Grounded,
    /// Preferred semantics: `in` when sceptically accepted, `out` when out
    /// in every preferred labelling, `undec` otherwise.
    Preferred,
}

/// Largest number of attacks inside one undecided strongly connected
/// component that `--semantics preferred` solves exactly.
pub const PREFERRED_LIMIT: usize = 400;

/// The ceiling of every citation, statement by statement, in one flat
/// vector (a vector per statement cost a million allocations on a million
/// statements). Indexed by statement, it gives that statement's citations'
/// ceilings, in the order of its `cites`.
#[derive(Clone, Debug, Default)]
pub struct CiteCeilings {
    /// Where each statement's ceilings start in `terms` (one more entry
    /// than there are statements).
    offsets: Vec<u32>,
    terms: Vec<Term>,
}

impl std::ops::Index<StmtId> for CiteCeilings {
    type Output = [Term];

    fn index(&self, s: StmtId) -> &[Term] {
        match (self.offsets.get(s), self.offsets.get(s + 1)) {
            (Some(&a), Some(&b)) => self.terms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Everything the rules read.
#[derive(Debug)]
pub struct Facts {
    /// Which reasons each statement belongs to.
    pub reasons: ReasonIndex,
    /// Ceiling of each citation of each statement: `cite_ceiling[s][i]` is
    /// that of citation `i` of statement `s`.
    pub cite_ceiling: CiteCeilings,
    /// A statement's own ceiling (best citation, corroboration applied).
    pub own: Vec<Option<Term>>,
    /// Whether the own ceiling was raised by corroboration.
    pub corroborated: Vec<bool>,
    /// Grounding and ceilings (values are [`Term`] indices).
    pub ceilings: Propagation,
    /// Origins of every source, and `derived-from` cycles.
    pub source_origins: SourceOrigins,
    /// Origins of every statement.
    pub origins: origins::StatementOrigins,
    /// Cycles of `because` edges.
    pub support_cycles: Vec<Vec<cycles::Edge>>,
    /// The attack graph (edges from grounded statements only).
    pub attacks: AttackGraph,
    /// Dung label of every statement.
    pub labels: Vec<Label>,
    /// Standing propagation (values: 0 out, 1 undec, 2 in).
    pub standing_prop: Propagation,
    /// Standing of every statement.
    pub standing: Vec<Label>,
    /// The semantics used.
    pub semantics: Semantics,
    /// The competing-hypotheses matrix of every question, in the order of
    /// `Graph::questions` ([`ach`]).
    pub ach: Vec<ach::Matrix>,
}

impl Facts {
    /// Whether `s` is grounded.
    pub fn grounded(&self, s: StmtId) -> bool {
        self.ceilings.value[s].is_some()
    }

    /// The ceiling of `s` (`None` when not grounded).
    pub fn ceiling(&self, s: StmtId) -> Option<Term> {
        self.ceilings.value[s].map(|v| Term::from_index(v.into()))
    }
}

/// The analysis could not be completed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisError(pub String);

fn label_level(l: Label) -> u8 {
    match l {
        Label::Out => 0,
        Label::Undec => 1,
        Label::In => 2,
    }
}

fn level_label(v: u8) -> Label {
    match v {
        0 => Label::Out,
        1 => Label::Undec,
        _ => Label::In,
    }
}

/// Whether some two of these origin sets are disjoint (independent
/// corroboration).
fn independent_pair(sets: &[&[usize]]) -> bool {
    if sets.len() < 2 {
        return false;
    }
    // If one origin is common to all, no two are disjoint.
    if let Some(first) = sets.first() {
        if first.iter().any(|o| sets.iter().all(|s| s.binary_search(o).is_ok())) {
            return false;
        }
    }
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            if origins::shared(sets[i], sets[j]).is_none() {
                return true;
            }
        }
    }
    false
}

/// The attack graph (edges from grounded statements), its labelling, and
/// the standing that defeat gives up support chains.
fn dialectic(
    g: &Graph,
    reasons: &ReasonIndex,
    ceilings: &Propagation,
    own: &[Option<Term>],
    semantics: Semantics,
) -> Result<(AttackGraph, Vec<Label>, Propagation, Vec<Label>), AnalysisError> {
    let n = g.statements.len();
    let mut edges = Vec::new();
    for (s, st) in g.statements.iter().enumerate() {
        if ceilings.value[s].is_some() {
            edges.extend(st.attacks.iter().map(|(t, _)| (s as u32, *t as u32)));
        }
    }
    let attacks = crate::timing::stage("  attacks", || AttackGraph::new(n, &edges));
    let labels = match semantics {
        Semantics::Grounded => dung::grounded(&attacks),
        Semantics::Preferred => {
            let p = dung::preferred(&attacks, PREFERRED_LIMIT).map_err(|e| {
                AnalysisError(format!(
                    "preferred semantics: a strongly connected part of the attack graph has {} statements and {} attacks, over the limit of {} attacks that argcheck solves exactly; use `--semantics grounded`",
                    e.component_nodes, e.component_attacks, e.limit
                ))
            })?;
            (0..n)
                .map(|i| {
                    if p.sceptical[i] {
                        Label::In
                    } else if p.out_in_all[i] {
                        Label::Out
                    } else {
                        Label::Undec
                    }
                })
                .collect()
        }
    };
    let cap: Vec<u8> = labels.iter().map(|l| label_level(*l)).collect();
    let sbase: Vec<Option<u8>> = (0..n)
        .map(|s| if own[s].is_some() { Some(cap[s]) } else { None })
        .collect();
    let standing_prop = crate::timing::stage("  standing", || propagate(g, reasons, 3, &sbase, &cap));
    let standing = (0..n)
        .map(|s| standing_prop.value[s].map_or(labels[s], level_label))
        .collect();
    Ok((attacks, labels, standing_prop, standing))
}

/// Runs every analysis. `calibration(s)` gives the ceiling tables that
/// govern statement `s` (its project's `argcheck.yaml`).
pub fn analyze<'c>(
    g: &Graph,
    calibration: impl Fn(StmtId) -> &'c Calibration + Sync,
    semantics: Semantics,
) -> Result<Facts, AnalysisError> {
    let void = g.retracted_sources();
    analyze_with(g, calibration, semantics, &void)
}

/// [`analyze`], with `void[src]` saying which sources' citations count for
/// nothing (LANGUAGE.md, *Retracted sources*): normally the retracted ones;
/// `retracted-source` and `argcheck impact` ask what changes when one more
/// or one fewer is void.
pub fn analyze_with<'c>(
    g: &Graph,
    calibration: impl Fn(StmtId) -> &'c Calibration + Sync,
    semantics: Semantics,
    void: &[bool],
) -> Result<Facts, AnalysisError> {
    let n = g.statements.len();
    let counts = |src: usize| !void.get(src).copied().unwrap_or(false);
    // Support cycles need nothing else: found on one thread while the rest
    // of the analysis runs on the other.
    let (support_cycles, rest) = rayon::join(
        || crate::timing::stage("  cycles", || cycles::support_cycles(g)),
        || -> Result<Facts, AnalysisError> {
            let (reasons, source_origins) = rayon::join(
                || crate::timing::stage("  reasons", || ReasonIndex::new(g)),
                || origins::source_origins(g),
            );

            // Citation ceilings, flat, then each statement's own ceiling.
            let cite_ceiling = crate::timing::stage("  citations", || {
                let mut offsets = Vec::with_capacity(n + 1);
                let mut total: usize = 0;
                offsets.push(0);
                for st in &g.statements {
                    total += st.cites.len();
                    offsets.push(u32::try_from(total).unwrap_or(u32::MAX));
                }
                let terms: Vec<Term> = (0..n)
                    .into_par_iter()
                    .flat_map_iter(|s| {
                        let cal = calibration(s);
                        g.statements[s].cites.iter().map(move |c| {
                            let r = g.sources[c.source]
                                .reliability
                                .map_or(Term::AlmostCertain, |r| cal.reliability[r]);
                            let k = c.credibility.map_or(Term::AlmostCertain, |k| cal.credibility[k]);
                            r.min(k)
                        })
                    })
                    .collect();
                CiteCeilings { offsets, terms }
            });
            let (own, corroborated): (Vec<Option<Term>>, Vec<bool>) = (0..n)
                .into_par_iter()
                .map(|s| {
                    let st = &g.statements[s];
                    let cc = &cite_ceiling[s];
                    // A void citation (of a retracted source) grounds nothing and
                    // sets no ceiling.
                    let best = cc
                        .iter()
                        .zip(&st.cites)
                        .filter(|(_, c)| counts(c.source))
                        .map(|(t, _)| *t)
                        .max();
                    let mut distinct: Vec<usize> = st.cites.iter().map(|c| c.source).filter(|&x| counts(x)).collect();
                    distinct.sort_unstable();
                    distinct.dedup();
                    let sets: Vec<&[usize]> = distinct.iter().map(|&src| &source_origins.of[src][..]).collect();
                    let corr = best.is_some() && independent_pair(&sets);
                    let own = if st.kind == StmtKind::Assumption {
                        Some(Term::EvenChance)
                    } else {
                        best.map(|b| if corr { b.raised() } else { b })
                    };
                    (own, corr)
                })
                .unzip();
            let base: Vec<Option<u8>> = own.iter().map(|o| o.map(|t| t.index() as u8)).collect();
            let ceilings = crate::timing::stage("  propagate", || {
                propagate(g, &reasons, Term::ALL.len(), &base, &vec![6; n])
            });
            let (origins, dialectic) = rayon::join(
                || {
                    crate::timing::stage("  origins", || {
                        origins::statement_origins(g, &ceilings, &source_origins, void)
                    })
                },
                || crate::timing::stage("  dialectic", || dialectic(g, &reasons, &ceilings, &own, semantics)),
            );
            let (attacks, labels, standing_prop, standing) = dialectic?;
            let ach = crate::timing::stage("  ach", || {
                ach::matrices(g, |s| ceilings.value[s].map(|v| Term::from_index(v.into())))
            });
            Ok(Facts {
                reasons,
                cite_ceiling,
                own,
                corroborated,
                ceilings,
                source_origins,
                origins,
                support_cycles: Vec::new(),
                attacks,
                labels,
                standing_prop,
                standing,
                semantics,
                ach,
            })
        },
    );
    let mut facts = rest?;
    facts.support_cycles = support_cycles;
    Ok(facts)
}
