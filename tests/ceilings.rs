//! Ceiling arithmetic (LANGUAGE.md, "Meaning"): table-driven cases for every
//! reliability × credibility pair, corroboration, chains, diamonds and
//! assumptions; and two properties: adding a citation never lowers a
//! ceiling, adding a statement to a linked reason never raises one.

use argcheck::analysis::Semantics;
use argcheck::check::{self, Checked};
use argcheck::terms::Term;
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn run(text: &str) -> Checked {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-ceil-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    let path = dir.join("t.arg");
    std::fs::write(&path, text).expect("write");
    let c = check::run(&[path], Semantics::Grounded).expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    c
}

fn ceiling(c: &Checked, id: &str) -> Option<Term> {
    let s = c
        .graph
        .statements
        .iter()
        .position(|s| s.name == id)
        .expect("statement exists");
    c.facts.ceiling(s)
}

const REL: [&str; 6] = [
    "almost-certain",
    "very-likely",
    "likely",
    "even-chance",
    "unlikely",
    "even-chance",
];
const CRED: [&str; 6] = [
    "almost-certain",
    "very-likely",
    "likely",
    "unlikely",
    "very-unlikely",
    "even-chance",
];

#[test]
fn every_reliability_credibility_pair() {
    for (ri, r) in ["A", "B", "C", "D", "E", "F"].iter().enumerate() {
        for (ci, cred) in CRED.iter().enumerate() {
            let c = run(&format!(
                "source s \"S\"\n  reliability: {r}\nevidence e \"E\"\n  cite: s {}\n",
                ci + 1
            ));
            let want = Term::parse(REL[ri]).unwrap().min(Term::parse(cred).unwrap());
            assert_eq!(ceiling(&c, "e"), Some(want), "reliability {r}, credibility {}", ci + 1);
        }
    }
}

#[test]
fn missing_ratings_cap_nothing() {
    let c = run("source s \"S\"\nevidence e \"E\"\n  cite: s\nevidence f \"F\"\n  cite: s 4\nsource t \"T\"\n  reliability: E\nevidence g \"G\"\n  cite: t\n");
    assert_eq!(ceiling(&c, "e"), Some(Term::AlmostCertain));
    assert_eq!(ceiling(&c, "f"), Some(Term::Unlikely));
    assert_eq!(ceiling(&c, "g"), Some(Term::Unlikely));
}

#[test]
fn corroboration_by_independent_origins_raises_one_step() {
    let base = "source a \"A\"\n  reliability: C\nsource b \"B\"\n  reliability: C\nsource d \"D\"\n  reliability: C\n  derived-from: a\n";
    let c = run(&format!("{base}evidence e \"E\"\n  cite: a 2\n  cite: b 3\n"));
    assert_eq!(ceiling(&c, "e"), Some(Term::VeryLikely), "likely raised to very-likely");
    let c = run(&format!("{base}evidence e \"E\"\n  cite: a 2\n  cite: d 3\n"));
    assert_eq!(
        ceiling(&c, "e"),
        Some(Term::Likely),
        "d derives from a: not independent"
    );
    let c = run(&format!("{base}evidence e \"E\"\n  cite: a 2\n  cite: a 3\n"));
    assert_eq!(
        ceiling(&c, "e"),
        Some(Term::Likely),
        "one source twice is not corroboration"
    );
    let c = run("source a \"A\"\n  reliability: A\nsource b \"B\"\n  reliability: A\nevidence e \"E\"\n  cite: a 1\n  cite: b 1\n");
    assert_eq!(ceiling(&c, "e"), Some(Term::AlmostCertain), "the scale tops out");
}

#[test]
fn chains_take_the_weakest_link_and_statements_the_best_reason() {
    let text = "source a \"A\"\n  reliability: A\nsource e \"E\"\n  reliability: E\n\
claim c \"C\"\n  because: p, q\n  because: r\n\
premise p \"P\"\n  cite: a 1\npremise q \"Q\"\n  cite: e 1\npremise r \"R\"\n  cite: a 3\n";
    let c = run(text);
    assert_eq!(ceiling(&c, "p"), Some(Term::AlmostCertain));
    assert_eq!(ceiling(&c, "q"), Some(Term::Unlikely));
    // reason {p, q} = unlikely; reason {r} = likely; best = likely
    assert_eq!(ceiling(&c, "c"), Some(Term::Likely));
}

#[test]
fn diamonds_and_own_citations() {
    let text = "source a \"A\"\n  reliability: B\nsource e \"E\"\n  reliability: E\n\
claim top \"T\"\n  because: l, r\n  cite: e 1\n\
premise l \"L\"\n  because: bottom\npremise r \"R\"\n  because: bottom\nevidence bottom \"B\"\n  cite: a 2\n";
    let c = run(text);
    assert_eq!(ceiling(&c, "bottom"), Some(Term::VeryLikely));
    assert_eq!(
        ceiling(&c, "top"),
        Some(Term::VeryLikely),
        "the reason beats the own unlikely citation"
    );
}

#[test]
fn assumptions_cap_at_even_chance_and_ungrounded_has_none() {
    let text = "source a \"A\"\n  reliability: A\nassumption x \"X\"\nevidence e \"E\"\n  cite: a 1\n\
claim c \"C\"\n  because: x, e\nclaim d \"D\"\n  because: x\nclaim u \"U\"\n  because: nothing-here\npremise nothing-here \"N\"\n";
    let c = run(text);
    assert_eq!(ceiling(&c, "x"), Some(Term::EvenChance));
    assert_eq!(ceiling(&c, "c"), Some(Term::EvenChance));
    assert_eq!(ceiling(&c, "d"), Some(Term::EvenChance));
    assert_eq!(ceiling(&c, "u"), None);
}

#[test]
fn support_cycles_count_only_when_grounded_from_outside() {
    let c = run("source a \"A\"\n  reliability: C\npremise p \"P\"\n  because: q\npremise q \"Q\"\n  because: p\n");
    assert_eq!(ceiling(&c, "p"), None);
    let c = run("source a \"A\"\n  reliability: C\npremise p \"P\"\n  because: q\npremise q \"Q\"\n  because: p\n  because: e\nevidence e \"E\"\n  cite: a 2\n");
    assert_eq!(ceiling(&c, "p"), Some(Term::Likely));
    assert_eq!(ceiling(&c, "q"), Some(Term::Likely));
}

/// A small random argument: sources with ratings, statements with reasons
/// naming other statements (cycles allowed) and citations.
#[derive(Clone, Debug)]
struct Spec {
    sources: Vec<(usize, Option<usize>)>,
    stmts: Vec<Stmt>,
}

/// A statement: its reasons (statement indices) and citations (source,
/// credibility).
type Stmt = (Vec<Vec<usize>>, Vec<(usize, Option<usize>)>);

fn spec() -> impl Strategy<Value = Spec> {
    let sources = prop::collection::vec((0..6usize, prop::option::of(0..6usize)), 1..5);
    let stmts = prop::collection::vec(
        (
            prop::collection::vec(prop::collection::vec(0..8usize, 1..3), 0..3),
            prop::collection::vec((0..5usize, prop::option::of(0..6usize)), 0..2),
        ),
        2..8,
    );
    (sources, stmts).prop_map(|(sources, stmts)| Spec { sources, stmts })
}

fn render(s: &Spec) -> String {
    let mut t = String::new();
    for (i, (r, derived)) in s.sources.iter().enumerate() {
        t.push_str(&format!(
            "source s{i} \"S\"\n  reliability: {}\n",
            ["A", "B", "C", "D", "E", "F"][*r]
        ));
        if let Some(d) = derived.filter(|d| *d < i) {
            t.push_str(&format!("  derived-from: s{d}\n"));
        }
    }
    let n = s.stmts.len();
    for (i, (reasons, cites)) in s.stmts.iter().enumerate() {
        t.push_str(&format!("premise p{i} \"P\"\n  allow: orphan-statement\n"));
        for r in reasons {
            let names: Vec<String> = r.iter().map(|m| format!("p{}", m % n)).collect();
            t.push_str(&format!("  because: {}\n", names.join(", ")));
        }
        for (src, cred) in cites {
            let src = src % s.sources.len();
            match cred {
                Some(c) => t.push_str(&format!("  cite: s{src} {}\n", c + 1)),
                None => t.push_str(&format!("  cite: s{src}\n")),
            }
        }
    }
    t
}

fn ceilings(c: &Checked) -> Vec<Option<Term>> {
    (0..c.graph.statements.len()).map(|s| c.facts.ceiling(s)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_citation_never_lowers_a_ceiling(s in spec(), who in 0..8usize, src in 0..5usize, cred in prop::option::of(0..6usize)) {
        let before = ceilings(&run(&render(&s)));
        let mut more = s.clone();
        let i = who % more.stmts.len();
        more.stmts[i].1.push((src, cred));
        let after = ceilings(&run(&render(&more)));
        for (k, (b, a)) in before.iter().zip(&after).enumerate() {
            prop_assert!(a >= b, "p{k}: {b:?} -> {a:?}\n{}", render(&more));
        }
    }

    #[test]
    fn adding_a_premise_to_a_linked_reason_never_raises_a_ceiling(s in spec(), who in 0..8usize, extra in 0..8usize) {
        let i = who % s.stmts.len();
        prop_assume!(!s.stmts[i].0.is_empty());
        let before = ceilings(&run(&render(&s)));
        let mut more = s.clone();
        more.stmts[i].0[0].push(extra);
        let after = ceilings(&run(&render(&more)));
        for (k, (b, a)) in before.iter().zip(&after).enumerate() {
            prop_assert!(a <= b, "p{k}: {b:?} -> {a:?}\n{}", render(&more));
        }
    }
}
