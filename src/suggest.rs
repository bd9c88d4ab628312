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
    fn within(&mut self, a: &[char], b: &str, limit: usize) -> Option<usize> {
        self.b.clear();
        self.b.extend(b.chars());
        let b = &self.b;
        if a.len().abs_diff(b.len()) > limit {
            return None;
        }
        self.prev.clear();
        self.prev.extend(0..=b.len());
        self.cur.clear();
        self.cur.resize(b.len() + 1, 0);
        for i in 1..=a.len() {
            self.cur[0] = i;
            let mut row_min = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                self.cur[j] = (self.prev[j] + 1).min(self.cur[j - 1] + 1).min(self.prev[j - 1] + cost);
                row_min = row_min.min(self.cur[j]);
            }
            if row_min > limit {
                return None;
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        let d = self.prev[b.len()];
        (d <= limit).then_some(d)
    }
}

/// The candidate nearest to `name`, if one is close enough to be a likely
/// typo (distance at most a third of the name's length, at least 1). Ties
/// go to the first candidate.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let a: Vec<char> = name.chars().collect();
    let limit = (a.len() / 3).max(1);
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
    }
}
