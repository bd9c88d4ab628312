//! Competing hypotheses (Heuer's Analysis of Competing Hypotheses,
//! LANGUAGE.md *Competing hypotheses*): one matrix per `question`, one
//! column per answer, one row per statement that rates some of its answers.
//!
//! - A row's **weight** comes from its statement's ceiling: `almost-certain`
//!   and `very-likely` weigh 2, `likely` and `even-chance` 1, the three
//!   lower terms 0.5, an ungrounded statement 0.
//! - A rating's **inconsistency** is 1 for `I`, 2 for `II`, 0 otherwise.
//! - An answer's **score** is the sum of weight × inconsistency over its
//!   rows; the **least inconsistent** answers have the lowest score (ties
//!   kept together). Every weight is a multiple of 0.5, so scores are kept
//!   exactly, in halves ([`Halves`]).
//! - A row is **diagnostic** when its ratings, leaving out `NA`, are not all
//!   the same (a row with at most one such rating is not).
//! - A row is a **linchpin** when deleting its ratings changes the set of
//!   least inconsistent answers. That is decided from the row's own
//!   contributions (the answers whose score it raises), not by scoring the
//!   matrix again: the whole pass is linear in the number of ratings, plus
//!   one sort of each question's scores.
//! - The answers' declared confidences are **incoherent** when the lower
//!   bounds of their ICD 203 ranges add up to more than 100 %.
//!
//! [`matrices`] builds every question's [`Matrix`]; the rules, `argcheck
//! ach`, and any hover or report read these and compute nothing again.

use crate::graph::{Graph, Rating, StmtId};
use crate::terms::Term;
use rustc_hash::FxHashMap;
use std::fmt;

/// An exact non-negative number of halves: `Halves(3)` is 1.5. Weights and
/// scores are multiples of 0.5.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Halves(pub u64);

impl Halves {
    /// As a floating-point number (exact for every score a run can hold).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 2.0
    }
}

impl fmt::Display for Halves {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// A row's weight from its statement's ceiling (`None`: not grounded).
pub fn weight(ceiling: Option<Term>) -> Halves {
    Halves(match ceiling {
        None => 0,
        Some(Term::AlmostCertain | Term::VeryLikely) => 4,
        Some(Term::Likely | Term::EvenChance) => 2,
        Some(Term::Unlikely | Term::VeryUnlikely | Term::AlmostNoChance) => 1,
    })
}

/// A rating's inconsistency: 1 for `I`, 2 for `II`, 0 otherwise.
pub fn inconsistency(r: Rating) -> u64 {
    match r {
        Rating::Inconsistent => 1,
        Rating::VeryInconsistent => 2,
        _ => 0,
    }
}

/// The least inconsistent answers of a matrix without one of its rows
/// ([`Matrix::least_without`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeastWithout {
    /// The lowest score without the row.
    pub score: Halves,
    /// How many answers would have it.
    pub count: usize,
    /// The first of them, by column (at most the `max` asked for).
    pub first: Vec<usize>,
    /// Whether the set differs from the matrix's least inconsistent
    /// answers: the row is a linchpin.
    pub changes: bool,
}

/// One column of a matrix: an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The answer (a claim).
    pub claim: StmtId,
    /// Sum of weight × inconsistency over the rows that rate it.
    pub score: Halves,
    /// Whether its score is the lowest of the question (ties included).
    pub least_inconsistent: bool,
    /// Its declared `confidence`, if any.
    pub confidence: Option<Term>,
}

/// One row of a matrix: a statement that rates some answers of the question.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The rating statement.
    pub stmt: StmtId,
    /// Its ceiling (`None`: not grounded).
    pub ceiling: Option<Term>,
    /// Its weight, from the ceiling ([`weight`]).
    pub weight: Halves,
    /// Its ratings: (column in [`Matrix::answers`], rating), by column.
    pub ratings: Vec<(usize, Rating)>,
    /// Index in the statement's `rates` of its first rating of this
    /// question: where the rules report the row (`Rate::value`).
    pub first_rate: usize,
    /// Whether its ratings, leaving out `NA`, are not all the same.
    pub diagnostic: bool,
    /// Whether deleting it changes the set of least inconsistent answers.
    pub linchpin: bool,
}

impl Row {
    /// Its rating of column `col`, if it rates it (binary search).
    pub fn rating(&self, col: usize) -> Option<Rating> {
        self.ratings
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| self.ratings[i].1)
    }
}

/// The matrix of one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// Index of the question in [`Graph::questions`].
    pub question: usize,
    /// One column per answer, in the order of `answers:`.
    pub answers: Vec<Answer>,
    /// One row per rating statement, in the graph's statement order.
    pub rows: Vec<Row>,
    /// The lowest score (0 when no row counts).
    pub least_score: Halves,
    /// How many answers have the lowest score.
    pub least_count: usize,
    /// Every column, by ascending score (ties by column).
    pub order: Vec<usize>,
    /// Sum of the lower bounds, in percent, of the answers' declared
    /// confidences (answers without one add nothing).
    pub declared_lower_sum: u32,
    /// The answer (column) declared more likely than every other: its
    /// confidence is strictly above every other declared confidence. An
    /// answer without a confidence declares nothing and competes with none.
    pub declared_most_likely: Option<usize>,
}

impl Matrix {
    /// Whether the declared confidences are incoherent (their lower bounds
    /// add up to more than 100 %).
    pub fn incoherent(&self) -> bool {
        self.declared_lower_sum > 100
    }

    /// The columns of the least inconsistent answers.
    pub fn least_inconsistent(&self) -> impl Iterator<Item = usize> + '_ {
        self.answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.least_inconsistent)
            .map(|(c, _)| c)
    }

    /// What deleting `row` would leave: the new lowest score, how many
    /// answers would have it, the first `max` of them (by column), and
    /// whether that set differs from today's (the row is a linchpin).
    ///
    /// Only the answers the row raises change score, so the new lowest
    /// score is the lower of theirs (lowered) and the lowest score of the
    /// others, the first column of [`Matrix::order`] the row does not
    /// raise: O(k log k + max) for a row of k ratings, whatever the size of
    /// the matrix.
    pub fn least_without(&self, row: &Row, max: usize) -> LeastWithout {
        let score = |c: usize| self.answers[c].score.0;
        let add = |r: Rating| row.weight.0 * inconsistency(r);
        let raised = |c: usize| row.rating(c).is_some_and(|r| add(r) > 0);
        let changed = || {
            row.ratings
                .iter()
                .filter(move |(c, r)| add(*r) > 0 && *c < self.answers.len())
                .map(move |&(c, r)| (c, score(c) - add(r)))
        };
        let least = self.least_score.0;
        let others = self.order.iter().copied().find(|&c| !raised(c)).map(score);
        let lowered = changed().map(|(_, s)| s).min();
        let new_least = match (others, lowered) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(0),
        };
        let mut changed_members = 0;
        let mut changed_in_old = 0;
        let mut all_old = true;
        let mut first: Vec<usize> = Vec::new();
        for (c, s) in changed() {
            let old = self.answers[c].least_inconsistent;
            changed_in_old += usize::from(old);
            if s == new_least {
                changed_members += 1;
                all_old &= old;
                if first.len() < max {
                    first.push(c);
                }
            }
        }
        // The other answers keep their scores, all at least `least`: they
        // have the new lowest score only when it did not move.
        let unchanged_members = if new_least == least {
            self.least_count - changed_in_old
        } else {
            0
        };
        if unchanged_members > 0 {
            let unchanged = self.order.iter().copied().filter(|&c| !raised(c));
            first.extend(unchanged.take_while(|&c| score(c) == new_least).take(max));
            first.sort_unstable();
            first.truncate(max);
        }
        LeastWithout {
            score: Halves(new_least),
            count: changed_members + unchanged_members,
            first,
            changes: !(all_old && changed_members + unchanged_members == self.least_count),
        }
    }

    /// The column of `claim`, if it answers this question.
    pub fn column(&self, claim: StmtId) -> Option<usize> {
        self.answers.iter().position(|a| a.claim == claim)
    }
}

/// The rows of statement `stmt`, with their matrices (one per question it
/// rates): what a hover on a `rates:` entry shows. A scan of every row.
pub fn rows_of(ach: &[Matrix], stmt: StmtId) -> impl Iterator<Item = (&Matrix, &Row)> {
    ach.iter()
        .flat_map(move |m| m.rows.iter().filter(move |r| r.stmt == stmt).map(move |r| (m, r)))
}

/// Every question's matrix, in the order of [`Graph::questions`].
/// `ceiling(s)` is statement `s`'s ceiling (`None` when not grounded).
pub fn matrices(g: &Graph, ceiling: impl Fn(StmtId) -> Option<Term>) -> Vec<Matrix> {
    // The (question, column) pairs of every answer: a claim may answer
    // several questions.
    let mut cols: FxHashMap<StmtId, Vec<(usize, usize)>> = FxHashMap::default();
    let mut ms: Vec<Matrix> = g
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            for (c, (a, _)) in q.answers.iter().enumerate() {
                cols.entry(*a).or_default().push((qi, c));
            }
            Matrix {
                question: qi,
                answers: q
                    .answers
                    .iter()
                    .map(|(a, _)| Answer {
                        claim: *a,
                        score: Halves(0),
                        least_inconsistent: false,
                        confidence: g.statements.get(*a).and_then(|st| st.confidence.as_ref().map(|c| c.0)),
                    })
                    .collect(),
                rows: Vec::new(),
                least_score: Halves(0),
                least_count: 0,
                order: Vec::new(),
                declared_lower_sum: 0,
                declared_most_likely: None,
            }
        })
        .collect();
    if ms.is_empty() {
        return ms;
    }
    let mut row_of: FxHashMap<usize, usize> = FxHashMap::default();
    for (s, st) in g.statements.iter().enumerate() {
        if st.rates.is_empty() {
            continue;
        }
        row_of.clear();
        for (i, r) in st.rates.iter().enumerate() {
            let Some(list) = cols.get(&r.answer) else { continue };
            for &(q, c) in list {
                let rows = &mut ms[q].rows;
                let ri = *row_of.entry(q).or_insert_with(|| {
                    let ceiling = ceiling(s);
                    rows.push(Row {
                        stmt: s,
                        ceiling,
                        weight: weight(ceiling),
                        ratings: Vec::new(),
                        first_rate: i,
                        diagnostic: false,
                        linchpin: false,
                    });
                    rows.len() - 1
                });
                rows[ri].ratings.push((c, r.rating));
            }
        }
        for (&q, &ri) in &row_of {
            ms[q].rows[ri].ratings.sort_unstable_by_key(|(c, _)| *c);
        }
    }
    for m in &mut ms {
        evaluate(m);
    }
    ms
}

/// Scores, least inconsistent answers, diagnosticity, linchpins and
/// coherence of a matrix whose answers and rows are filled in.
pub fn evaluate(m: &mut Matrix) {
    let n = m.answers.len();
    let mut scores = vec![0u64; n];
    for row in &m.rows {
        for &(c, r) in &row.ratings {
            if let Some(s) = scores.get_mut(c) {
                *s += row.weight.0 * inconsistency(r);
            }
        }
    }
    let least = scores.iter().copied().min().unwrap_or(0);
    let mut n_least = 0;
    for (a, &s) in m.answers.iter_mut().zip(&scores) {
        a.score = Halves(s);
        a.least_inconsistent = s == least;
        n_least += usize::from(s == least);
    }
    m.least_score = Halves(least);
    m.least_count = n_least;
    // Columns by score, to find the lowest score outside a row's answers in
    // as many steps as the row has answers.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&c| (scores[c], c));
    m.order = order;
    let flags: Vec<(bool, bool)> = m
        .rows
        .iter()
        .map(|row| (diagnostic(&row.ratings), m.least_without(row, 0).changes))
        .collect();
    for (row, (d, l)) in m.rows.iter_mut().zip(flags) {
        row.diagnostic = d;
        row.linchpin = l;
    }
    m.declared_lower_sum = m
        .answers
        .iter()
        .filter_map(|a| a.confidence)
        .map(|t| t.percent().0)
        .sum();
    let top = m.answers.iter().filter_map(|a| a.confidence).max();
    m.declared_most_likely = top.and_then(|top| {
        let mut at = m.answers.iter().enumerate().filter(|(_, a)| a.confidence == Some(top));
        match (at.next(), at.next()) {
            (Some((c, _)), None) => Some(c),
            _ => None,
        }
    });
}

/// Whether the ratings, leaving out `NA`, hold two different ones.
fn diagnostic(ratings: &[(usize, Rating)]) -> bool {
    let mut it = ratings.iter().map(|(_, r)| *r).filter(|r| *r != Rating::NotApplicable);
    match it.next() {
        Some(first) => it.any(|r| r != first),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Rating::*;

    fn row(weight: u64, ratings: &[(usize, Rating)]) -> Row {
        let mut ratings = ratings.to_vec();
        ratings.sort_unstable_by_key(|(c, _)| *c);
        Row {
            stmt: 0,
            ceiling: None,
            weight: Halves(weight),
            ratings,
            first_rate: 0,
            diagnostic: false,
            linchpin: false,
        }
    }

    fn matrix(confidences: &[Option<Term>], rows: Vec<Row>) -> Matrix {
        let mut m = Matrix {
            question: 0,
            answers: confidences
                .iter()
                .enumerate()
                .map(|(i, c)| Answer {
                    claim: i,
                    score: Halves(0),
                    least_inconsistent: false,
                    confidence: *c,
                })
                .collect(),
            rows,
            least_score: Halves(0),
            least_count: 0,
            order: Vec::new(),
            declared_lower_sum: 0,
            declared_most_likely: None,
        };
        evaluate(&mut m);
        m
    }

    fn scores(m: &Matrix) -> Vec<String> {
        m.answers.iter().map(|a| a.score.to_string()).collect()
    }

    fn least(m: &Matrix) -> Vec<usize> {
        m.least_inconsistent().collect()
    }

    /// 100,000 answers and 100,000 rows, each rating one answer `I`: every
    /// row is a linchpin (all answers tie at 1; deleting a row drops its
    /// answer to 0). Scoring the matrix again per row would be 10^10 steps;
    /// this takes one pass and one sort.
    #[test]
    fn a_huge_sparse_matrix_stays_linear() {
        let n = 100_000;
        let rows = (0..n).map(|c| row(2, &[(c, Inconsistent)])).collect();
        let m = matrix(&vec![None; n], rows);
        assert_eq!(m.least_count, n);
        assert!(m.rows.iter().all(|r| r.linchpin && !r.diagnostic));
        let w = m.least_without(&m.rows[7], 3);
        assert_eq!((w.score, w.count, w.first), (Halves(0), 1, vec![7]));
    }

    #[test]
    fn weights_follow_the_ceiling() {
        assert_eq!(weight(Some(Term::AlmostCertain)), Halves(4));
        assert_eq!(weight(Some(Term::VeryLikely)), Halves(4));
        assert_eq!(weight(Some(Term::Likely)), Halves(2));
        assert_eq!(weight(Some(Term::EvenChance)), Halves(2));
        assert_eq!(weight(Some(Term::Unlikely)), Halves(1));
        assert_eq!(weight(Some(Term::AlmostNoChance)), Halves(1));
        assert_eq!(weight(None), Halves(0));
        assert_eq!(Halves(3).to_string(), "1.5");
        assert_eq!(Halves(4).to_string(), "2");
    }

    /// Three answers, four rows, by hand:
    ///
    /// | row | weight | A | B | C |
    /// |---|---|---|---|---|
    /// | r0 | 2 | C | I | II |
    /// | r1 | 0.5 | I | C | C |
    /// | r2 | 1 | N | N | N |
    /// | r3 | 0 (ungrounded) | II | C | C |
    ///
    /// A = 0.5·1 + 0·2 = 0.5; B = 2·1 = 2; C = 2·2 = 4. Least: A alone.
    /// Deleting r0: A 0.5, B 0, C 0 → {B, C}: a linchpin. Deleting r1:
    /// A 0 → {A}: not. r2 and r3 contribute nothing: not linchpins. r2 is
    /// not diagnostic (all N); r3 is, though it weighs nothing.
    #[test]
    fn hand_computed_matrix_with_an_ungrounded_row() {
        let m = matrix(
            &[Some(Term::Likely), Some(Term::Unlikely), None],
            vec![
                row(4, &[(0, Consistent), (1, Inconsistent), (2, VeryInconsistent)]),
                row(1, &[(0, Inconsistent), (1, Consistent), (2, Consistent)]),
                row(2, &[(0, Neutral), (1, Neutral), (2, Neutral)]),
                row(0, &[(0, VeryInconsistent), (1, Consistent), (2, Consistent)]),
            ],
        );
        assert_eq!(scores(&m), ["0.5", "2", "4"]);
        assert_eq!(least(&m), [0]);
        let flags: Vec<(bool, bool)> = m.rows.iter().map(|r| (r.diagnostic, r.linchpin)).collect();
        assert_eq!(flags, [(true, true), (true, false), (false, false), (true, false)]);
        assert_eq!(m.declared_lower_sum, 75);
        assert!(!m.incoherent());
        assert_eq!(m.declared_most_likely, Some(0));
    }

    /// `NA` counts for nothing, in scores or diagnosticity; ties are kept.
    ///
    /// | row | weight | A | B | C |
    /// |---|---|---|---|---|
    /// | r0 | 1 | I | NA | I |
    /// | r1 | 2 | NA | C | NA |
    /// | r2 | 0.5 | NA | NA | II |
    ///
    /// A = 1, B = 0, C = 1 + 1 = 2: least {B}. r0 is not diagnostic (I, I);
    /// r1 has one rating: not diagnostic. Deleting r0: A 0, B 0, C 1 →
    /// {A, B}: a linchpin. Deleting r2: C 1 → still {B}: not.
    #[test]
    fn not_applicable_and_ties() {
        let m = matrix(
            &[Some(Term::Likely), Some(Term::Likely), None],
            vec![
                row(2, &[(0, Inconsistent), (1, NotApplicable), (2, Inconsistent)]),
                row(4, &[(0, NotApplicable), (1, Consistent), (2, NotApplicable)]),
                row(1, &[(0, NotApplicable), (1, NotApplicable), (2, VeryInconsistent)]),
            ],
        );
        assert_eq!(scores(&m), ["1", "0", "2"]);
        assert_eq!(least(&m), [1]);
        let flags: Vec<(bool, bool)> = m.rows.iter().map(|r| (r.diagnostic, r.linchpin)).collect();
        assert_eq!(flags, [(false, true), (false, false), (false, false)]);
        // Two `likely`: 55 + 55 = 110 > 100, and neither is above the other.
        assert_eq!(m.declared_lower_sum, 110);
        assert!(m.incoherent());
        assert_eq!(m.declared_most_likely, None);

        // A tie: both A and B at 0 without the first row.
        let tie = matrix(
            &[None, None],
            vec![row(2, &[(0, Consistent), (1, Consistent)]), row(2, &[(0, Neutral)])],
        );
        assert_eq!(least(&tie), [0, 1]);
        assert!(tie.rows.iter().all(|r| !r.linchpin));
    }

    /// Deleting the only inconsistent row of the least answer's rival can
    /// turn a single winner into a tie, and lowering an answer to the old
    /// lowest score adds it to the set.
    #[test]
    fn linchpins_that_widen_the_set() {
        // A 0, B 2 (one row of weight 1, II). Deleting it: A 0, B 0.
        let m = matrix(&[None, None], vec![row(2, &[(0, Consistent), (1, VeryInconsistent)])]);
        assert_eq!(least(&m), [0]);
        assert!(m.rows[0].linchpin);
        // Both raised equally: the set stays.
        let m = matrix(&[None, None], vec![row(2, &[(0, Inconsistent), (1, Inconsistent)])]);
        assert_eq!(least(&m), [0, 1]);
        assert!(!m.rows[0].linchpin);
    }

    fn brute_least(m: &Matrix, skip: Option<usize>) -> Vec<usize> {
        let mut s = vec![0u64; m.answers.len()];
        for (i, r) in m.rows.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            for &(c, x) in &r.ratings {
                s[c] += r.weight.0 * inconsistency(x);
            }
        }
        let min = s.iter().copied().min().unwrap_or(0);
        (0..s.len()).filter(|&c| s[c] == min).collect()
    }

    fn rating() -> impl Strategy<Value = Rating> {
        prop_oneof![
            Just(VeryConsistent),
            Just(Consistent),
            Just(Neutral),
            Just(Inconsistent),
            Just(VeryInconsistent),
            Just(NotApplicable),
        ]
    }

    /// A matrix of 1–6 answers and 0–8 rows, each row rating each answer
    /// or not.
    /// Answers, then rows of (weight in halves, rating per answer).
    type Arb = (usize, Vec<(u64, Vec<Option<Rating>>)>);

    fn arb() -> impl Strategy<Value = Arb> {
        (1usize..=6).prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec(
                    (
                        prop_oneof![Just(0u64), Just(1), Just(2), Just(4)],
                        prop::collection::vec(prop::option::of(rating()), n),
                    ),
                    0..8,
                ),
            )
        })
    }

    fn build(n: usize, rows: &[(u64, Vec<Option<Rating>>)], perm: &[usize]) -> Matrix {
        // `perm[c]` is the new column of answer c.
        let rows = rows
            .iter()
            .map(|(w, rs)| {
                let ratings: Vec<(usize, Rating)> = rs
                    .iter()
                    .enumerate()
                    .filter_map(|(c, r)| r.map(|r| (perm[c], r)))
                    .collect();
                row(*w, &ratings)
            })
            .collect();
        let mut m = matrix(&vec![None; n], rows);
        m.answers.iter_mut().for_each(|a| a.claim = 0);
        m
    }

    proptest! {
        /// Linchpins agree with scoring the matrix again without the row.
        #[test]
        fn linchpins_agree_with_deleting_the_row((n, rows) in arb()) {
            let ident: Vec<usize> = (0..n).collect();
            let m = build(n, &rows, &ident);
            let before = brute_least(&m, None);
            prop_assert_eq!(least(&m), before.clone());
            for (i, row) in m.rows.iter().enumerate() {
                let after = brute_least(&m, Some(i));
                prop_assert_eq!(row.linchpin, after != before, "row {}", i);
                let w = m.least_without(row, usize::MAX);
                prop_assert_eq!(w.count, after.len());
                prop_assert_eq!(&w.first, &after);
                prop_assert_eq!(w.changes, row.linchpin);
                let cut = m.least_without(row, 1);
                prop_assert_eq!(cut.first.len(), after.len().min(1));
                prop_assert_eq!(cut.first.first(), after.first());
            }
        }

        /// Reordering rows or answers changes no score, no least
        /// inconsistent answer, no row's flags.
        #[test]
        fn order_changes_nothing((n, rows) in arb(), seed in any::<u64>()) {
            let ident: Vec<usize> = (0..n).collect();
            let m = build(n, &rows, &ident);
            // A permutation of the answers and a rotation of the rows.
            let mut perm = ident.clone();
            let mut x = seed;
            for i in (1..n).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                perm.swap(i, (x >> 33) as usize % (i + 1));
            }
            let k = if rows.is_empty() { 0 } else { (seed as usize) % rows.len() };
            let mut rotated = rows.clone();
            rotated.rotate_left(k);
            let p = build(n, &rotated, &perm);
            for (a, &to) in m.answers.iter().zip(&perm) {
                prop_assert_eq!(a.score, p.answers[to].score);
                prop_assert_eq!(a.least_inconsistent, p.answers[to].least_inconsistent);
            }
            for i in 0..rows.len() {
                let j = (i + rows.len() - k) % rows.len();
                prop_assert_eq!(m.rows[i].linchpin, p.rows[j].linchpin);
                prop_assert_eq!(m.rows[i].diagnostic, p.rows[j].diagnostic);
            }
        }

        /// Adding a consistent rating (`C` or `CC`), in a new row or where a
        /// row rates nothing yet, never changes the least inconsistent set.
        #[test]
        fn a_consistent_rating_changes_no_winner(
            (n, rows) in arb(),
            w in prop_oneof![Just(0u64), Just(1), Just(2), Just(4)],
            col in any::<prop::sample::Index>(),
            very in any::<bool>(),
            into in any::<prop::sample::Index>(),
        ) {
            let ident: Vec<usize> = (0..n).collect();
            let before = least(&build(n, &rows, &ident));
            let c = col.index(n);
            let r = if very { VeryConsistent } else { Consistent };
            let mut added = rows.clone();
            let mut new_row = vec![None; n];
            new_row[c] = Some(r);
            added.push((w, new_row));
            prop_assert_eq!(least(&build(n, &added, &ident)), before.clone());
            if !rows.is_empty() {
                let mut filled = rows.clone();
                let i = into.index(rows.len());
                if filled[i].1[c].is_none() {
                    filled[i].1[c] = Some(r);
                }
                prop_assert_eq!(least(&build(n, &filled, &ident)), before);
            }
        }
    }
}
