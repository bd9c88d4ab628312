//! The rating scales: ICD 203 estimative terms, Admiralty reliability
//! letters and credibility digits, and the default ceiling tables.

use std::fmt;

/// An ICD 203 estimative term, ordered from weakest to strongest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// 1–5 %.
    AlmostNoChance,
    /// 5–20 %.
    VeryUnlikely,
    /// 20–45 %.
    Unlikely,
    /// 45–55 %.
    EvenChance,
    /// 55–80 %.
    Likely,
    /// 80–95 %.
    VeryLikely,
    /// 95–99 %.
    AlmostCertain,
}

impl Term {
    /// Every term, weakest first.
    pub const ALL: [Term; 7] = [
        Term::AlmostNoChance,
        Term::VeryUnlikely,
        Term::Unlikely,
        Term::EvenChance,
        Term::Likely,
        Term::VeryLikely,
        Term::AlmostCertain,
    ];

    /// The kebab-case spelling used in `.arg` files.
    pub fn as_str(self) -> &'static str {
        match self {
            Term::AlmostNoChance => "almost-no-chance",
            Term::VeryUnlikely => "very-unlikely",
            Term::Unlikely => "unlikely",
            Term::EvenChance => "even-chance",
            Term::Likely => "likely",
            Term::VeryLikely => "very-likely",
            Term::AlmostCertain => "almost-certain",
        }
    }

    /// Parses the kebab-case spelling.
    pub fn parse(s: &str) -> Option<Term> {
        Term::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// Position on the scale, 0 (almost-no-chance) to 6 (almost-certain).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The term at position `i` (clamped to the scale).
    pub fn from_index(i: usize) -> Term {
        Term::ALL[i.min(6)]
    }

    /// The term's probability range in whole percent (ICD 203): `likely`
    /// is (55, 80).
    pub fn percent(self) -> (u32, u32) {
        match self {
            Term::AlmostNoChance => (1, 5),
            Term::VeryUnlikely => (5, 20),
            Term::Unlikely => (20, 45),
            Term::EvenChance => (45, 55),
            Term::Likely => (55, 80),
            Term::VeryLikely => (80, 95),
            Term::AlmostCertain => (95, 99),
        }
    }

    /// One step up the scale (corroboration), saturating.
    pub fn raised(self) -> Term {
        Term::from_index(self.index() + 1)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reliability letters, in order.
pub const RELIABILITY_LETTERS: [char; 6] = ['A', 'B', 'C', 'D', 'E', 'F'];

/// Meaning of each reliability letter.
pub const RELIABILITY_MEANING: [&str; 6] = [
    "completely reliable",
    "usually reliable",
    "fairly reliable",
    "not usually reliable",
    "unreliable",
    "cannot be judged",
];

/// Meaning of each credibility digit 1–6.
pub const CREDIBILITY_MEANING: [&str; 6] = [
    "confirmed",
    "probably true",
    "possibly true",
    "doubtful",
    "improbable",
    "cannot be judged",
];

/// The ceiling tables, possibly recalibrated by `argcheck.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calibration {
    /// Ceiling per reliability letter A–F.
    pub reliability: [Term; 6],
    /// Ceiling per credibility digit 1–6.
    pub credibility: [Term; 6],
}

impl Default for Calibration {
    fn default() -> Self {
        use Term::*;
        Calibration {
            reliability: [AlmostCertain, VeryLikely, Likely, EvenChance, Unlikely, EvenChance],
            credibility: [AlmostCertain, VeryLikely, Likely, Unlikely, VeryUnlikely, EvenChance],
        }
    }
}

/// Index 0–5 of a reliability letter.
pub fn reliability_index(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    RELIABILITY_LETTERS.iter().position(|&l| l == c)
}

/// Index 0–5 of a credibility digit `1`–`6`.
pub fn credibility_index(s: &str) -> Option<usize> {
    match s {
        "1" => Some(0),
        "2" => Some(1),
        "3" => Some(2),
        "4" => Some(3),
        "5" => Some(4),
        "6" => Some(5),
        _ => None,
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    d >= 1 && d <= days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_and_order() {
        for t in Term::ALL {
            assert_eq!(Term::parse(t.as_str()), Some(t));
        }
        assert!(Term::Likely > Term::EvenChance);
        assert_eq!(Term::AlmostCertain.raised(), Term::AlmostCertain);
        assert_eq!(Term::Likely.raised(), Term::VeryLikely);
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(is_valid_date("2017-02-27"));
        assert!(is_valid_date("2016-02-29"));
        assert!(!is_valid_date("2017-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("2017-13-01"));
        assert!(!is_valid_date("2017-1-01"));
        assert!(!is_valid_date("2017-04-31"));
        assert!(!is_valid_date("２017-04-01"));
    }

    #[test]
    fn ratings_parse_exactly() {
        assert_eq!(reliability_index("A"), Some(0));
        assert_eq!(reliability_index("F"), Some(5));
        assert_eq!(reliability_index("G"), None);
        assert_eq!(reliability_index("a"), None);
        assert_eq!(reliability_index("AB"), None);
        assert_eq!(credibility_index("6"), Some(5));
        assert_eq!(credibility_index("7"), None);
        assert_eq!(credibility_index("0"), None);
    }
}
