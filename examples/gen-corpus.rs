//! Generates a realistic argcheck project for benchmarks and comparisons.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --statements N --files F \
//!     --shape chain|tree|dag|attacks --out DIR [--seed S] [--argdown FILE]
//! ```
//!
//! DIR receives `argcheck.yaml` (a comment: it marks the project root), a
//! shared `sources.yaml` registry, and F `.arg` files totalling about N
//! statements, each importing the registry. Every file is independent of the
//! others: ids such as `c1` and `p3` repeat across files, as in a real
//! project. The generator tracks each statement's ceiling and origins (see
//! docs/language.md) so that nearly every statement checks clean; a small,
//! seeded share carries realistic warnings (overclaimed confidence, a single
//! source, an unanswered objection). Output is a pure function of the
//! arguments: the PRNG is a local SplitMix64, no dependency.
//!
//! With `--argdown FILE` the same map (all files, ids prefixed by file when
//! there are several) is also written in Argdown syntax, one statement per
//! top-level block with its supporters (`+ [x]`) and attackers (`- [x]`).

use std::fmt::Write as _;
use std::path::PathBuf;

/// SplitMix64: tiny, fast, and good enough for shaping test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Chain,
    Tree,
    Dag,
    Attacks,
}

struct Args {
    statements: usize,
    files: usize,
    shape: Shape,
    out: PathBuf,
    seed: u64,
    argdown: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen-corpus --statements N --files F --shape chain|tree|dag|attacks --out DIR [--seed S] [--argdown FILE]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut a = Args {
        statements: 1000,
        files: 1,
        shape: Shape::Tree,
        out: PathBuf::new(),
        seed: 1,
        argdown: None,
    };
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--statements" => a.statements = val().parse().unwrap_or_else(|_| usage()),
            "--files" => a.files = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => a.seed = val().parse().unwrap_or_else(|_| usage()),
            "--out" => out = Some(PathBuf::from(val())),
            "--argdown" => a.argdown = Some(PathBuf::from(val())),
            "--shape" => {
                a.shape = match val().as_str() {
                    "chain" => Shape::Chain,
                    "tree" => Shape::Tree,
                    "dag" => Shape::Dag,
                    "attacks" => Shape::Attacks,
                    _ => usage(),
                }
            }
            _ => usage(),
        }
    }
    a.out = out.unwrap_or_else(|| usage());
    if a.files == 0 || a.statements == 0 {
        usage();
    }
    a
}

// ---------------------------------------------------------------- sources

/// ICD 203 ladder, index 1..=7.
const TERMS: [&str; 8] = [
    "",
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "even-chance",
    "likely",
    "very-likely",
    "almost-certain",
];
const LIKELY: u8 = 5;
const EVEN: u8 = 4;

fn reliability_ceiling(r: u8) -> u8 {
    match r {
        b'A' => 7,
        b'B' => 6,
        b'C' => 5,
        b'D' => 4,
        b'E' => 3,
        _ => 4,
    }
}

fn credibility_ceiling(c: u8) -> u8 {
    [0, 7, 6, 5, 3, 2, 4][c as usize]
}

struct Source {
    name: String,
    title: String,
    reliability: u8,
    kind: &'static str,
    /// Index of the source it derives from, if any (always a root).
    derived: Option<usize>,
}

impl Source {
    /// Index of the root of this source's `derived-from` chain.
    fn origin(&self, me: usize) -> usize {
        self.derived.unwrap_or(me)
    }
}

const OUTLETS: [(&str, &str, u8, &str); 16] = [
    ("wire", "Wire service", b'A', "wire"),
    ("ministry", "Ministry statement", b'B', "government"),
    ("journal", "Peer-reviewed journal", b'A', "journal"),
    ("census", "National statistics office", b'A', "dataset"),
    ("ngo", "Field NGO report", b'B', "ngo"),
    ("expert", "Regional expert", b'B', "expert"),
    ("daily", "National daily newspaper", b'B', "newspaper"),
    ("monitor", "Monitoring group", b'C', "ngo"),
    ("thinktank", "Think-tank brief", b'C', "expert"),
    ("court", "Court records", b'A', "government"),
    ("survey", "Household survey", b'B', "dataset"),
    ("broadcaster", "Public broadcaster", b'B', "broadcast"),
    ("agency", "UN agency bulletin", b'B', "government"),
    ("trade", "Trade press", b'C', "newspaper"),
    ("registry", "Company registry", b'A', "dataset"),
    ("analyst", "Independent analyst", b'F', "expert"),
];

const DERIVED: [(&str, &str, u8, &str); 4] = [
    ("blog", "Aggregator blog", b'E', "blog"),
    ("social", "Social media account", b'D', "social"),
    ("tabloid", "Tabloid", b'D', "newspaper"),
    ("digest", "News digest", b'C', "newsletter"),
];

/// Roots come first; derived sources follow and point at a root.
fn make_sources(rng: &mut Rng, statements: usize) -> (Vec<Source>, usize) {
    let copies = (statements / 20_000).clamp(1, 3);
    let mut v = Vec::new();
    for k in 0..copies {
        for (stem, title, rel, kind) in OUTLETS {
            v.push(Source {
                name: format!("{stem}-{}", k + 1),
                title: format!("{title} {}", k + 1),
                reliability: rel,
                kind,
                derived: None,
            });
        }
    }
    let roots = v.len();
    for k in 0..copies * 2 {
        for (stem, title, rel, kind) in DERIVED {
            v.push(Source {
                name: format!("{stem}-{}", k + 1),
                title: format!("{title} {}", k + 1),
                reliability: rel,
                kind,
                derived: Some(rng.below(roots)),
            });
        }
    }
    (v, roots)
}

fn registry_yaml(sources: &[Source]) -> String {
    let mut s = String::from("# Shared source registry (generated by examples/gen-corpus.rs)\nsources:\n");
    for (i, src) in sources.iter().enumerate() {
        let _ = writeln!(s, "  {}:", src.name);
        let _ = writeln!(s, "    title: \"{}\"", src.title);
        let _ = writeln!(s, "    reliability: {}", src.reliability as char);
        let _ = writeln!(s, "    kind: {}", src.kind);
        if i.is_multiple_of(3) {
            let _ = writeln!(s, "    date: 20{:02}-{:02}-{:02}", 10 + i % 14, 1 + i % 12, 1 + i % 28);
        }
        if let Some(p) = src.derived {
            let _ = writeln!(s, "    derived-from: [{}]", sources[p].name);
        }
    }
    s
}

// ---------------------------------------------------------------- statements

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Premise,
    Evidence,
    Assumption,
    Objection,
}

impl Kind {
    fn keyword(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Premise => "premise",
            Kind::Evidence => "evidence",
            Kind::Assumption => "assumption",
            Kind::Objection => "objection",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Kind::Claim => "c",
            Kind::Premise => "p",
            Kind::Evidence => "e",
            Kind::Assumption => "a",
            Kind::Objection => "o",
        }
    }
}

struct Cite {
    source: usize,
    credibility: u8,
    locator: Option<String>,
    date: Option<String>,
}

struct Stmt {
    kind: Kind,
    id: String,
    text: String,
    reasons: Vec<Vec<usize>>,
    cites: Vec<Cite>,
    attacks: Vec<usize>,
    confidence: Option<u8>,
    /// Tracked as in the language reference, to choose honest confidences.
    ceiling: u8,
    /// Bitmask of origin indices modulo 64 (enough to tell "one" from "several").
    origins: u64,
    /// Whether something uses it (to avoid orphan premises and evidence).
    used: bool,
}

const SUBJECTS: [&str; 12] = [
    "The provincial grain harvest",
    "Cross-border trade volume",
    "The ministry's budget allocation",
    "Local militia recruitment",
    "Seasonal migration",
    "The port's container traffic",
    "Rural clinic attendance",
    "Fuel prices in the capital",
    "The ceasefire monitoring mission",
    "Mobile network coverage",
    "School enrolment in the north",
    "The river's water level",
];
const VERBS: [&str; 8] = [
    "rose sharply",
    "fell below its five-year average",
    "stayed roughly flat",
    "doubled",
    "was halved",
    "recovered",
    "was disrupted",
    "shifted eastward",
];
const WHEN: [&str; 8] = [
    "in the first quarter",
    "after the floods",
    "during the election period",
    "over the past two years",
    "since the new tariff",
    "in the dry season",
    "after the road reopened",
    "according to the latest count",
];

struct File<'a> {
    rng: &'a mut Rng,
    sources: &'a [Source],
    roots: usize,
    stmts: Vec<Stmt>,
    counters: [usize; 5],
    /// Sources still to be cited somewhere (only in the first file).
    pending: Vec<usize>,
}

impl File<'_> {
    fn text(&mut self, kind: Kind) -> String {
        let s = *self.rng.pick(&SUBJECTS);
        let v = *self.rng.pick(&VERBS);
        let w = *self.rng.pick(&WHEN);
        match kind {
            Kind::Claim => format!("{s} {v} {w}, and this drives the regional outlook."),
            Kind::Objection => format!("It is doubtful that {} {v} {w}.", s.to_lowercase()),
            Kind::Assumption => format!("Reporting on {} is assumed complete {w}.", s.to_lowercase()),
            _ => format!("{s} {v} {w}."),
        }
    }

    fn push(&mut self, kind: Kind) -> usize {
        let k = kind as usize;
        self.counters[k] += 1;
        let id = format!("{}{}", kind.prefix(), self.counters[k]);
        let text = self.text(kind);
        self.stmts.push(Stmt {
            kind,
            id,
            text,
            reasons: Vec::new(),
            cites: Vec::new(),
            attacks: Vec::new(),
            confidence: None,
            ceiling: 0,
            origins: 0,
            used: false,
        });
        self.stmts.len() - 1
    }

    fn cite(&mut self, s: usize, source: usize, credibility: u8) {
        let src = &self.sources[source];
        let c = reliability_ceiling(src.reliability).min(credibility_ceiling(credibility));
        let origin = 1u64 << (src.origin(source) % 64);
        let st = &mut self.stmts[s];
        // Corroboration: a second citation of an independent origin raises one step.
        let independent = st.origins != 0 && st.origins & origin == 0;
        st.ceiling = st.ceiling.max(c);
        if independent {
            st.ceiling = (st.ceiling + 1).min(7);
        }
        st.origins |= origin;
        let n = st.cites.len();
        let locator = n.is_multiple_of(2).then(|| format!("p. {}", 1 + (s * 7 + n) % 300));
        let date = s
            .is_multiple_of(3)
            .then(|| format!("20{:02}-{:02}-{:02}", 15 + s % 10, 1 + s % 12, 1 + s % 28));
        self.stmts[s].cites.push(Cite {
            source,
            credibility,
            locator,
            date,
        });
    }

    /// A strong root source (reliability A–C) and a credibility of 2 or 3.
    fn strong_root(&mut self) -> usize {
        loop {
            let i = self.rng.below(self.roots);
            if self.sources[i].reliability <= b'C' {
                return i;
            }
        }
    }

    fn evidence(&mut self) -> usize {
        let e = self.push(Kind::Evidence);
        let primary = match self.pending.last() {
            Some(&p) if self.sources[p].reliability <= b'C' && self.sources[p].derived.is_none() => {
                self.pending.pop();
                p
            }
            _ => self.strong_root(),
        };
        let cred = 2 + self.rng.below(2) as u8;
        self.cite(e, primary, cred);
        let second = if let Some(p) = self.pending.pop() {
            Some(p)
        } else if self.rng.chance(25) {
            Some(self.rng.below(self.sources.len()))
        } else {
            None
        };
        if let Some(p) = second {
            // Usually from another origin; now and then the same one (circular reporting).
            let same = self.sources[p].origin(p) == self.sources[primary].origin(primary);
            if !same || self.rng.chance(3) {
                let cred = 2 + self.rng.below(3) as u8;
                self.cite(e, p, cred);
            }
        }
        e
    }

    fn assumption(&mut self) -> usize {
        let a = self.push(Kind::Assumption);
        self.stmts[a].ceiling = EVEN;
        a
    }

    /// Adds a reason (linked over `members`) to `s`, updating ceiling and origins.
    fn reason(&mut self, s: usize, members: Vec<usize>) {
        let mut ceiling = 7;
        let mut origins = 0;
        for &m in &members {
            ceiling = self.stmts[m].ceiling.min(ceiling);
            origins |= self.stmts[m].origins;
            self.stmts[m].used = true;
        }
        let st = &mut self.stmts[s];
        st.ceiling = st.ceiling.max(ceiling);
        st.origins |= origins;
        st.reasons.push(members);
    }

    /// An honest confidence for `s`, now and then an overclaimed one.
    fn confide(&mut self, s: usize, always: bool) {
        let ceiling = self.stmts[s].ceiling;
        if !always && !self.rng.chance(30) {
            return;
        }
        let c = if self.rng.chance(2) {
            (ceiling + 1).min(7)
        } else if self.rng.chance(80) {
            ceiling.min(LIKELY)
        } else {
            ceiling.min(LIKELY) - 1
        };
        self.stmts[s].confidence = Some(c);
    }

    /// A claim over `reasons`; a claim left with one origin usually gets a
    /// corroborating piece of evidence (a few stay single-source).
    fn claim(&mut self, reasons: Vec<Vec<usize>>) -> usize {
        let c = self.push(Kind::Claim);
        for r in reasons {
            self.reason(c, r);
        }
        if self.stmts[c].origins.count_ones() < 2 && !self.rng.chance(3) {
            let e = self.corroborating(self.stmts[c].origins);
            self.reason(c, vec![e]);
        }
        if self.rng.chance(10) {
            // A convergent reason resting on an assumption, visibly.
            let a = self.assumption();
            let e = self.evidence();
            self.reason(c, vec![a, e]);
        }
        self.confide(c, true);
        c
    }

    /// A claim resting on one piece of evidence from one source: the
    /// realistic `single-source` warning.
    fn single_source_claim(&mut self) {
        let e = self.push(Kind::Evidence);
        let src = self.strong_root();
        self.cite(e, src, 2);
        let c = self.push(Kind::Claim);
        self.reason(c, vec![e]);
        self.confide(c, true);
    }

    /// Evidence from an origin not in `avoid`.
    fn corroborating(&mut self, avoid: u64) -> usize {
        let e = self.push(Kind::Evidence);
        let src = loop {
            let i = self.strong_root();
            if avoid & (1u64 << (i % 64)) == 0 {
                break i;
            }
        };
        self.cite(e, src, 2);
        e
    }

    fn premise(&mut self, reasons: Vec<Vec<usize>>) -> usize {
        let p = self.push(Kind::Premise);
        for r in reasons {
            self.reason(p, r);
        }
        self.confide(p, false);
        p
    }

    /// A support tree of `depth` levels under one premise (or an evidence at depth 0).
    fn subtree(&mut self, depth: usize, width: usize, budget: &mut usize) -> usize {
        if depth == 0 || *budget < 2 {
            *budget = budget.saturating_sub(1);
            return self.evidence();
        }
        *budget -= 1;
        let n = 2 + self.rng.below(width.max(2) - 1);
        let kids: Vec<usize> = (0..n).map(|_| self.subtree(depth - 1, width, budget)).collect();
        // Either one linked reason or convergent reasons (some of them linked pairs).
        let reasons = if self.rng.chance(40) {
            vec![kids]
        } else {
            let mut rs = Vec::new();
            let mut i = 0;
            while i < kids.len() {
                if i + 1 < kids.len() && self.rng.chance(30) {
                    rs.push(vec![kids[i], kids[i + 1]]);
                    i += 2;
                } else {
                    rs.push(vec![kids[i]]);
                    i += 1;
                }
            }
            rs
        };
        self.premise(reasons)
    }

    /// An objection attacking `target`; usually answered by a rebuttal.
    fn object(&mut self, target: usize, answered_pct: u64) -> usize {
        let o = self.push(Kind::Objection);
        let src = self.strong_root();
        self.cite(o, src, 3);
        self.stmts[o].attacks.push(target);
        if self.rng.chance(answered_pct) {
            let r = self.push(Kind::Objection);
            let src = self.strong_root();
            self.cite(r, src, 2);
            self.stmts[r].attacks.push(o);
        }
        o
    }
}

fn generate_file(
    rng: &mut Rng,
    sources: &[Source],
    roots: usize,
    shape: Shape,
    target: usize,
    pending: Vec<usize>,
) -> Vec<Stmt> {
    let mut f = File {
        rng,
        sources,
        roots,
        stmts: Vec::new(),
        counters: [0; 5],
        pending,
    };
    while f.stmts.len() < target {
        let left = target - f.stmts.len();
        if left > 2 && f.rng.chance(2) {
            f.single_source_claim();
            continue;
        }
        match shape {
            Shape::Chain => {
                // A long support chain: evidence at the bottom, premises above.
                let len = (20 + f.rng.below(180)).min(left.max(3));
                let mut cur = f.evidence();
                for _ in 0..len.saturating_sub(2) {
                    let p = if f.rng.chance(10) {
                        let side = f.evidence();
                        f.premise(vec![vec![cur, side]])
                    } else {
                        f.premise(vec![vec![cur]])
                    };
                    cur = p;
                }
                let c = f.claim(vec![vec![cur]]);
                if f.rng.chance(15) {
                    f.object(c, 85);
                }
            }
            Shape::Tree => {
                let mut budget = left.min(20 + f.rng.below(100));
                let width = 2 + f.rng.below(4);
                let n = 1 + f.rng.below(3);
                let reasons = (0..n).map(|_| vec![f.subtree(3, width, &mut budget)]).collect();
                let c = f.claim(reasons);
                if f.rng.chance(20) {
                    f.object(c, 85);
                }
            }
            Shape::Dag => {
                // Layers of premises whose reasons share members of the layer below.
                let width = 4 + f.rng.below(12);
                let mut layer: Vec<usize> = (0..width).map(|_| f.evidence()).collect();
                for _ in 0..3 {
                    let mut next = Vec::new();
                    for i in 0..(layer.len() * 2 / 3).max(1) {
                        // Each member of the lower layer is used at least once.
                        let mut a = vec![layer[i % layer.len()]];
                        let b = layer[f.rng.below(layer.len())];
                        if !a.contains(&b) {
                            a.push(b);
                        }
                        let mut reasons = vec![a];
                        if f.rng.chance(40) {
                            reasons.push(vec![layer[f.rng.below(layer.len())]]);
                        }
                        next.push(f.premise(reasons));
                    }
                    for &m in &layer[(layer.len() * 2 / 3).max(1)..] {
                        let i = next.len() - 1;
                        let p = next[f.rng.below(i + 1)];
                        f.reason(p, vec![m]);
                    }
                    layer = next;
                }
                let c = f.claim(layer.iter().map(|&m| vec![m]).collect());
                if f.rng.chance(15) {
                    f.object(c, 85);
                }
            }
            Shape::Attacks => {
                let mut budget = left.min(10 + f.rng.below(20));
                let kid = f.subtree(2, 3, &mut budget);
                let c = f.claim(vec![vec![kid]]);
                // Objections across the whole file so far: claims and premises.
                let k = 2 + f.rng.below(4);
                for _ in 0..k {
                    let t = f.rng.below(f.stmts.len());
                    if matches!(f.stmts[t].kind, Kind::Claim | Kind::Premise) {
                        let o = f.object(t, 90);
                        // Chains of objections: now and then attack another objection too.
                        if f.rng.chance(20) {
                            let u = f.rng.below(f.stmts.len());
                            if f.stmts[u].kind == Kind::Objection && u != o {
                                f.object(u, 90);
                            }
                        }
                    }
                }
                let _ = c;
            }
        }
    }
    // Any premise or evidence left unused (rare) supports the last claim.
    let last_claim = f.stmts.iter().rposition(|s| s.kind == Kind::Claim);
    if let Some(c) = last_claim {
        let orphans: Vec<usize> = (0..f.stmts.len())
            .filter(|&i| matches!(f.stmts[i].kind, Kind::Premise | Kind::Evidence) && !f.stmts[i].used && i > c)
            .collect();
        for o in orphans {
            f.reason(c, vec![o]);
        }
    }
    f.stmts
}

fn arg_text(stmts: &[Stmt], sources: &[Source], file: usize) -> String {
    let mut s = String::with_capacity(stmts.len() * 120);
    let _ = writeln!(s, "# Generated analysis, file {file} (examples/gen-corpus.rs)");
    s.push_str("use \"sources.yaml\"\n");
    for st in stmts {
        let _ = writeln!(s, "\n{} {} \"{}\"", st.kind.keyword(), st.id, st.text);
        if let Some(c) = st.confidence {
            let _ = writeln!(s, "  confidence: {}", TERMS[c as usize]);
        }
        for r in &st.reasons {
            let ids: Vec<&str> = r.iter().map(|&m| stmts[m].id.as_str()).collect();
            let _ = writeln!(s, "  because: {}", ids.join(", "));
        }
        for c in &st.cites {
            let _ = write!(s, "  cite: {} {}", sources[c.source].name, c.credibility);
            if let Some(l) = &c.locator {
                let _ = write!(s, " \"{l}\"");
            }
            if let Some(d) = &c.date {
                let _ = write!(s, " {d}");
            }
            s.push('\n');
        }
        if !st.attacks.is_empty() {
            let ids: Vec<&str> = st.attacks.iter().map(|&m| stmts[m].id.as_str()).collect();
            let _ = writeln!(s, "  attacks: {}", ids.join(", "));
        }
    }
    s
}

fn argdown_text(out: &mut String, stmts: &[Stmt], sources: &[Source], prefix: &str) {
    let mut attackers: Vec<Vec<usize>> = vec![Vec::new(); stmts.len()];
    for (i, st) in stmts.iter().enumerate() {
        for &t in &st.attacks {
            attackers[t].push(i);
        }
    }
    for (i, st) in stmts.iter().enumerate() {
        let _ = write!(out, "\n[{prefix}{}]: {}", st.id, st.text);
        for c in &st.cites {
            let _ = write!(out, " ({} {})", sources[c.source].title, c.credibility);
        }
        out.push('\n');
        for r in &st.reasons {
            for &m in r {
                let _ = writeln!(out, "  + [{prefix}{}]", stmts[m].id);
            }
        }
        for &a in &attackers[i] {
            let _ = writeln!(out, "  - [{prefix}{}]", stmts[a].id);
        }
    }
}

fn main() {
    let args = parse_args();
    let mut rng = Rng(args.seed ^ 0x5EED_0000_A5A5_0001);
    let (sources, roots) = make_sources(&mut rng, args.statements);
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("gen-corpus: {}: {e}", args.out.display());
        std::process::exit(1);
    }
    let write = |path: PathBuf, text: &str| {
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-corpus: {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    write(
        args.out.join("argcheck.yaml"),
        "# Generated corpus (examples/gen-corpus.rs): this file marks the project root.\n",
    );
    write(args.out.join("sources.yaml"), &registry_yaml(&sources));
    let mut argdown = args
        .argdown
        .as_ref()
        .map(|_| String::from("===\ntitle: Generated map (examples/gen-corpus.rs)\n===\n"));
    let width = args.files.to_string().len();
    let mut total = 0;
    for f in 0..args.files {
        let target = (args.statements * (f + 1) / args.files - args.statements * f / args.files).max(1);
        // Sources the registry would otherwise leave unused go to the first file.
        let pending = if f == 0 {
            (roots..sources.len()).collect()
        } else {
            Vec::new()
        };
        let stmts = generate_file(&mut rng, &sources, roots, args.shape, target, pending);
        total += stmts.len();
        let name = format!("analysis-{:0width$}.arg", f + 1);
        write(args.out.join(&name), &arg_text(&stmts, &sources, f + 1));
        if let Some(ad) = argdown.as_mut() {
            let prefix = if args.files == 1 {
                String::new()
            } else {
                format!("f{}-", f + 1)
            };
            argdown_text(ad, &stmts, &sources, &prefix);
        }
    }
    if let (Some(path), Some(text)) = (args.argdown, argdown) {
        write(path, &text);
    }
    eprintln!(
        "gen-corpus: {total} statements in {} files, {} sources, into {}",
        args.files,
        sources.len(),
        args.out.display()
    );
}
