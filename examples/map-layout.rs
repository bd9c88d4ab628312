//! Times the map layout of a project: dugong without limits, then the
//! simple layered layout, for docs/performance.md.
//!
//! ```text
//! cargo run --release --example map-layout -- DIR
//! ```

use argcheck::analysis::Semantics;
use argcheck::render::map::{build, layout};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: map-layout DIR");
        std::process::exit(2);
    };
    let c = match argcheck::check::run(&[PathBuf::from(dir)], Semantics::Grounded) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", e.0);
            std::process::exit(2);
        }
    };
    let map = build(&c, None);
    let sizes = vec![(240.0, 80.0); map.nodes.len()];
    let t = Instant::now();
    let d = layout::layout_with(&map, &sizes, usize::MAX, usize::MAX);
    println!(
        "{} nodes, {} edges: dugong {:.2} s, {} work units, {:.0}x{:.0} px{}",
        map.nodes.len(),
        map.edges.len(),
        t.elapsed().as_secs_f64(),
        d.work,
        d.width,
        d.height,
        d.fallback.map_or(String::new(), |f| format!(" (fell back: {f})"))
    );
    let t = Instant::now();
    let s = layout::layout_with(&map, &sizes, 0, 0);
    println!(
        "simple layered layout {:.3} s, {:.0}x{:.0} px",
        t.elapsed().as_secs_f64(),
        s.width,
        s.height
    );
}
