//! Support propagation: the value of a statement is the best, over its
//! well-founded derivations, of the weakest link on the derivation.
//!
//! One algorithm serves three facts. With values "grounded at some
//! level" it computes grounding (the least fixed point of LANGUAGE.md);
//! with ICD 203 levels it computes ceilings (a reason is its weakest
//! statement, a statement the best of its own ceiling and its grounding
//! reasons'); with Dung labels it computes standing. It is a
//! bottleneck-path search with a bucket queue (a generalised Dijkstra over
//! an AND/OR graph): statements are finalised from the highest level down;
//! a reason completes when its last statement is finalised, at that
//! statement's level, which is its weakest. Linear in statements + reason
//! memberships (times the small number of levels); cycles of support are
//! handled because only completed reasons ever contribute.

use crate::graph::{Graph, StmtId};

/// Why a statement has its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// Not reached: the statement is not grounded.
    None,
    /// Its own base value (citations, or assumption).
    Own,
    /// Reason `reason` (index into the statement's reasons), whose weakest
    /// statement is `weakest`. Both are kept in 32 bits (a `Via` is 12
    /// bytes, not 24, and there is one per statement in each propagation);
    /// [`Via::reason`] and [`Via::weakest`] give them as indices.
    Reason {
        /// Index of the reason in `Statement::reasons`.
        reason: u32,
        /// The member that completed it last (the weakest).
        weakest: u32,
    },
}

impl Via {
    /// The index of the reason that gave the value, if one did.
    pub fn reason(self) -> Option<usize> {
        match self {
            Via::Reason { reason, .. } => Some(reason as usize),
            _ => None,
        }
    }

    /// The weakest member of that reason, if a reason gave the value.
    pub fn weakest(self) -> Option<StmtId> {
        match self {
            Via::Reason { weakest, .. } => Some(weakest as usize),
            _ => None,
        }
    }
}

/// `v` in 32 bits (statement and reason counts stay far below 2³²).
fn n32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Result of a propagation.
#[derive(Clone, Debug)]
pub struct Propagation {
    /// Value per statement (`None`: not grounded).
    pub value: Vec<Option<u8>>,
    /// Why, per statement.
    pub via: Vec<Via>,
}

impl Propagation {
    /// Follows `via` from `s` down to the statement whose value is its own
    /// (its citations, or an assumption): the weakest link of the
    /// derivation that gives `s` its value. Ends because each `via` names a
    /// statement finalised before the one that names it.
    pub fn bottom(&self, s: StmtId) -> StmtId {
        let mut cur = s;
        while let Some(weakest) = self.via[cur].weakest() {
            cur = weakest;
        }
        cur
    }
}

/// Reverse index of reasons: for each statement, the reasons it is a
/// member of, as `(owner, reason index)`. Built once, shared by every
/// propagation.
#[derive(Clone, Debug)]
pub struct ReasonIndex {
    offsets: Vec<u32>,
    entries: Vec<u32>,
    /// Flattened reasons: (owner, index in owner's reasons, member count).
    reasons: Vec<(u32, u32, u32)>,
}

impl ReasonIndex {
    /// Indexes the complete reasons of `g`.
    pub fn new(g: &Graph) -> ReasonIndex {
        let n = g.statements.len();
        let mut reasons = Vec::with_capacity(g.statements.iter().map(|st| st.reasons.len()).sum());
        let mut offsets = vec![0u32; n + 1];
        for (s, st) in g.statements.iter().enumerate() {
            for (ri, r) in st.reasons.iter().enumerate() {
                if !r.complete || r.members.is_empty() {
                    continue;
                }
                reasons.push((n32(s), n32(ri), n32(r.members.len())));
                for (m, _) in &r.members {
                    offsets[m + 1] += 1;
                }
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![0u32; offsets[n] as usize];
        for (flat, &(s, ri, _)) in reasons.iter().enumerate() {
            for (m, _) in &g.statements[s as usize].reasons[ri as usize].members {
                entries[fill[*m] as usize] = n32(flat);
                fill[*m] += 1;
            }
        }
        ReasonIndex {
            offsets,
            entries,
            reasons,
        }
    }

    /// Flattened ids of the reasons `s` is a member of.
    pub fn containing(&self, s: StmtId) -> &[u32] {
        &self.entries[self.offsets[s] as usize..self.offsets[s + 1] as usize]
    }

    /// Whether `s` is a member of any complete reason.
    pub fn supports_something(&self, s: StmtId) -> bool {
        self.offsets[s] != self.offsets[s + 1]
    }
}

/// Propagates values on `levels` levels (`0..levels`). `base[s]` is the
/// value a statement has by itself; `cap[s]` bounds what its reasons can
/// give it.
pub fn propagate(g: &Graph, idx: &ReasonIndex, levels: usize, base: &[Option<u8>], cap: &[u8]) -> Propagation {
    let n = g.statements.len();
    let mut tentative: Vec<Option<u8>> = (0..n).map(|s| base[s].map(|b| b.min(cap[s]))).collect();
    let mut via: Vec<Via> = tentative
        .iter()
        .map(|t| if t.is_some() { Via::Own } else { Via::None })
        .collect();
    let mut done = vec![false; n];
    let mut missing: Vec<u32> = idx.reasons.iter().map(|r| r.2).collect();
    let mut buckets: Vec<Vec<StmtId>> = vec![Vec::new(); levels];
    for (s, t) in tentative.iter().enumerate() {
        if let Some(t) = t {
            buckets[usize::from(*t).min(levels - 1)].push(s);
        }
    }
    for level in (0..levels).rev() {
        while let Some(s) = buckets[level].pop() {
            if done[s] || tentative[s].map(usize::from) != Some(level) {
                continue;
            }
            done[s] = true;
            for &flat in idx.containing(s) {
                let flat = flat as usize;
                missing[flat] -= 1;
                if missing[flat] != 0 {
                    continue;
                }
                let (owner, ri, _) = idx.reasons[flat];
                let owner = owner as usize;
                if done[owner] {
                    continue;
                }
                let cand = (level as u8).min(cap[owner]);
                if tentative[owner].is_none_or(|t| t < cand) {
                    tentative[owner] = Some(cand);
                    via[owner] = Via::Reason {
                        reason: ri,
                        weakest: n32(s),
                    };
                    buckets[usize::from(cand)].push(owner);
                }
            }
        }
    }
    let value = (0..n).map(|s| if done[s] { tentative[s] } else { None }).collect();
    for (v, d) in via.iter_mut().zip(&done) {
        if !d {
            *v = Via::None;
        }
    }
    Propagation { value, via }
}
