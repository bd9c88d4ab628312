//! Benchmark: generates a large argument map and times each stage of a
//! check. Run with `cargo bench` (or `cargo bench -- 200000` for another
//! size). Prints one line per stage; no timing is asserted anywhere.

use argcheck::analysis::{self, Semantics};
use argcheck::graph::{self, resolve::resolve};
use argcheck::rules::{self, Context};
use argcheck::syntax::parse;
use std::fmt::Write as _;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A map of `n` statements in the shape of real analyses: claims resting on
/// linked and convergent premises, premises on evidence, evidence citing a
/// pool of sources (some derived from others), and one objection per ten
/// claims; plus `n` attacks when `attacks` is set.
fn generate(n: usize, attacks: bool) -> String {
    let mut s = String::with_capacity(n * 80);
    let sources = (n / 100).max(10);
    for i in 0..sources {
        let _ = writeln!(
            s,
            "source s{i} \"Source {i}\"\n  reliability: {}",
            ["A", "B", "C", "D", "E", "F"][i % 6]
        );
        if i % 7 == 3 {
            let _ = writeln!(s, "  derived-from: s{}", i - 1);
        }
    }
    let groups = n / 10;
    for g in 0..groups {
        // 1 claim, 3 premises, 5 evidence, 1 objection = 10 statements.
        let _ = writeln!(
            s,
            "claim c{g} \"Claim {g}\"\n  confidence: likely\n  because: p{g}a, p{g}b\n  because: p{g}c"
        );
        for (p, ev) in [("a", [0, 1]), ("b", [2, 3]), ("c", [4, 4])] {
            let _ = writeln!(
                s,
                "premise p{g}{p} \"Premise\"\n  because: e{g}_{}\n  because: e{g}_{}",
                ev[0], ev[1]
            );
        }
        for e in 0..5 {
            let _ = writeln!(
                s,
                "evidence e{g}_{e} \"Evidence\"\n  cite: s{} {} \"p. {e}\" 2017-02-27",
                (g * 5 + e) % sources,
                1 + (g + e) % 6
            );
        }
        let target = if attacks {
            format!("p{g}a, c{}", (g + 1) % groups)
        } else {
            format!("p{g}a")
        };
        let _ = writeln!(
            s,
            "objection o{g} \"Objection\"\n  cite: s{} 3\n  attacks: {target}",
            g % sources
        );
    }
    s
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    println!("{label:<28} {:>9.1} ms", t.elapsed().as_secs_f64() * 1e3);
    v
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    // `--emit=DIR`: write the two maps (and a root argcheck.yaml) to DIR and
    // stop, to time the real binary on them (`argcheck check DIR/map.arg`).
    if let Some(dir) = std::env::args().find_map(|a| a.strip_prefix("--emit=").map(std::path::PathBuf::from)) {
        std::fs::create_dir_all(&dir).expect("create the output directory");
        std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
        std::fs::write(dir.join("map.arg"), generate(n, false)).expect("write");
        std::fs::write(dir.join("map-attacks.arg"), generate(n, true)).expect("write");
        return;
    }
    for attacks in [false, true] {
        let text = generate(n, attacks);
        println!(
            "\n{n} statements, {} MB, {} attacks",
            text.len() / 1_000_000,
            if attacks { n / 10 * 2 } else { n / 10 }
        );
        let dir = std::env::temp_dir().join(format!("argcheck-bench-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("argcheck.yaml"), "# root\n");
        let path = dir.join("map.arg");
        std::fs::write(&path, &text).expect("write the map");
        let parsed = time("parse", || parse(&text));
        assert!(parsed.errors.is_empty(), "generated map parses");
        let total = Instant::now();
        let mut ws = time("load (read + parse)", || {
            graph::load(std::slice::from_ref(&path)).expect("loads")
        });
        let items = std::mem::take(&mut ws.items);
        let (g, _) = time("resolve", || resolve(&ws, items));
        let facts = time("analyze (all facts)", || {
            analysis::analyze(
                &g,
                |s| &ws.config(g.statements[s].loc.file).calibration,
                Semantics::Grounded,
            )
            .expect("grounded never fails")
        });
        let diags = time("rules", || {
            rules::run(&Context {
                ws: &ws,
                graph: &g,
                facts: &facts,
            })
        });
        println!(
            "{:<28} {:>9.1} ms  ({} diagnostics)",
            "total check",
            total.elapsed().as_secs_f64() * 1e3,
            diags.len()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
