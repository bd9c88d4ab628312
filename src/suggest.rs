//! "Did you mean" suggestions by edit distance.

/// Levenshtein distance between `a` and `b`, in characters, giving up (and
/// returning `None`) as soon as it must exceed `limit`.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    Distance::default().within(&a, b, limit)
}

/// Reusable buffers for bounded edit distances (no allocation per
/// comparison once warm).
#[derive(Default)]
struct Distance {
    b: Vec<char>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Distance {
    /// Ukkonen's banded dynamic programme: only the cells within `limit`
    /// of the diagonal are computed, so one comparison costs
    /// `O(len × limit)`, not `O(len²)`.
    fn within(&mut self, a: &[char], b: &str, limit: usize) -> Option<usize> {
        self.b.clear();
        self.b.extend(b.chars());
        let b = &self.b;
        let (n, m) = (a.len(), b.len());
        if n.abs_diff(m) > limit {
            return None;
        }
        // Any cell outside the band is worse than the limit.
        let inf = limit + 1;
        self.prev.clear();
        self.prev.extend((0..=m).map(|j| j.min(inf)));
        self.cur.clear();
        self.cur.resize(m + 1, inf);
        for i in 1..=n {
            let lo = i.saturating_sub(limit).max(1);
            let hi = (i + limit).min(m);
            self.cur[0] = i.min(inf);
            self.cur[lo - 1] = if lo == 1 { i.min(inf) } else { inf };
            let mut row_min = self.cur[lo - 1];
            for j in lo..=hi {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let v = (self.prev[j] + 1)
                    .min(self.cur[j - 1] + 1)
                    .min(self.prev[j - 1] + cost)
                    .min(inf);
                self.cur[j] = v;
                row_min = row_min.min(v);
            }
            if hi < m {
                self.cur[hi + 1] = inf;
            }
            if row_min > limit {
                return None;
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        let d = self.prev[m];
        (d <= limit).then_some(d)
    }
}

/// At most this many edits separate a name from its suggestion, however
/// long the name: the work per comparison is `O(len × MAX_EDITS)`.
const MAX_EDITS: usize = 8;

/// The candidate nearest to `name`, if one is close enough to be a likely
/// typo (distance at most a third of the name's length, at least 1, at
/// most `MAX_EDITS`). Ties go to the first candidate.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let a: Vec<char> = name.chars().collect();
    let limit = (a.len() / 3).clamp(1, MAX_EDITS);
    let mut dist = Distance::default();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1));
        // Cheap filter: a character is 1 to 4 bytes.
        if c.len() > 4 * (a.len() + bound) || a.len() > c.len() + bound {
            continue;
        }
        if let Some(d) = dist.within(&a, c, bound) {
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_typos_only() {
        let names = ["no-afghan-base", "pakistan-logistics", "partaw"];
        assert_eq!(did_you_mean("no-afghan-bse", names), Some("no-afghan-base"));
        assert_eq!(did_you_mean("partow", names), Some("partaw"));
        assert_eq!(did_you_mean("zzz", names), None);
        assert_eq!(did_you_mean("claime", ["claim", "premise"]), Some("claim"));
    }

    #[test]
    fn distance_is_bounded() {
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 2), None);
        assert_eq!(distance_within("", "abc", 3), Some(3));
        assert_eq!(distance_within("abc", "", 3), Some(3));
        assert_eq!(distance_within("flaw", "lawn", 2), Some(2));
    }

    /// The banded distance agrees with the full one wherever it answers.
    #[test]
    fn banded_distance_matches_the_full_table() {
        fn full(a: &str, b: &str) -> usize {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for i in 1..=a.len() {
                let mut cur = vec![i; b.len() + 1];
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                }
                prev = cur;
            }
            prev[b.len()]
        }
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "kitten", "sitting", "saturday", "sunday", "aaaa", "éa", "ae", "abcdef",
            "badcfe",
        ];
        for x in words {
            for y in words {
                let d = full(x, y);
                for limit in 0..6 {
                    assert_eq!(
                        distance_within(x, y, limit),
                        (d <= limit).then_some(d),
                        "{x} {y} {limit}"
                    );
                }
            }
        }
    }

    /// A 100,000-character name mistyped by one letter: the band keeps the
    /// comparison linear in the length (the full table would have 10^10
    /// cells).
    #[test]
    fn long_names_are_compared_in_a_band() {
        let name: String = std::iter::repeat_n('a', 100_000).collect();
        let mut typo = name.clone();
        typo.replace_range(50_000..50_001, "b");
        let other: String = std::iter::repeat_n('c', 100_000).collect();
        assert_eq!(
            did_you_mean(&typo, [other.as_str(), name.as_str()]),
            Some(name.as_str())
        );
        assert_eq!(distance_within(&typo, &other, MAX_EDITS), None);
    }
}
