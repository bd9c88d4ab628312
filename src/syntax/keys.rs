//! The attribute keys of each item (LANGUAGE.md, *Items*): validation,
//! the formatter's canonical order and the editor's completion read them
//! here.

use super::ItemKind;

/// Keys each item takes, and whether each may repeat, in the order of
/// LANGUAGE.md's table of keys per item: the order `argcheck fmt` writes
/// them in.
pub fn of(kind: ItemKind) -> &'static [(&'static str, bool)] {
    match kind {
        ItemKind::Use => &[],
        ItemKind::Source => &[
            ("reliability", false),
            ("kind", false),
            ("url", false),
            ("date", false),
            ("derived-from", true),
            ("retracted", false),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Claim => &[
            ("because", true),
            ("cite", true),
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("expect", false),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Premise | ItemKind::Objection => &[
            ("because", true),
            ("cite", true),
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("expect", false),
            ("rates", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Evidence => &[
            ("cite", true),
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("expect", false),
            ("rates", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Assumption => &[
            ("confidence", false),
            ("by", false),
            ("attacks", true),
            ("expect", false),
            ("rates", true),
            ("allow", true),
            ("note", false),
        ],
        ItemKind::Question => &[("answers", false), ("allow", true), ("note", false)],
    }
}

/// Every attribute key of the language.
pub const ALL: [&str; 16] = [
    "rates",
    "expect",
    "retracted",
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
    "answers",
];
