//! Benchmark: generates a large argument map and times each stage of a
//! check. Run with `cargo bench` (or `cargo bench -- 200000` for another
//! size; `cargo bench -- --emit=DIR` writes the maps to time the real
//! binary on them). Prints one line per stage; no timing is asserted.

use argcheck::analysis::{self, dung, origins, support, Semantics};
use argcheck::graph::{self, resolve::resolve};
use argcheck::rules::{self, Context};
use argcheck::syntax::parse;
use std::fmt::Write as _;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A map of `n` statements in the shape of real analyses: per group of ten,
/// a claim on a linked and a convergent reason, three premises, five
/// evidence citing a pool of sources (some derived from others), and an
/// objection. With `attacks`, one of the objections becomes an attacker of
/// the next group instead, for as many attacks as statements.
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
        if attacks {
            // Ten attacks per group of ten statements: on every statement
            // of the next group (including its attacker: long attack chains).
            let m = (g + 1) % groups;
            let _ = writeln!(
                s,
                "objection o{g} \"Objection\"\n  cite: s{} 3\n  attacks: c{m}, p{m}a, p{m}b, p{m}c, e{m}_0, e{m}_1, e{m}_2, e{m}_3, e{m}_4, o{m}",
                g % sources
            );
        } else {
            let _ = writeln!(
                s,
                "objection o{g} \"Objection\"\n  cite: s{} 3\n  attacks: p{g}a",
                g % sources
            );
        }
    }
    s
}

/// Resident memory of this process, in MB (Linux).
fn rss_mb() -> f64 {
    argcheck::timing::resident_mb()
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    println!(
        "{label:<34} {:>8.1} ms   rss {:>6.0} MB",
        t.elapsed().as_secs_f64() * 1e3,
        rss_mb()
    );
    v
}

/// What the language server will do on every keystroke: replace one
/// document's text in a loaded workspace and re-check it. Prints the median
/// and worst of 30 edits of a `statements`-statement document.
fn edit_latency(statements: usize) {
    let dir = std::env::temp_dir().join(format!("argcheck-bench-edit-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("argcheck.yaml"), "# root\n");
    let path = dir.join("doc.arg");
    let text = generate(statements, false);
    std::fs::write(&path, &text).expect("write the document");
    let mut ws = graph::load(std::slice::from_ref(&path)).expect("loads");
    let _ = ws.check(Semantics::Grounded).expect("checks");
    let mut times = Vec::new();
    for i in 0..30 {
        // An edit that changes a claim's confidence (as typing would).
        let edited = text.replacen(
            "confidence: likely",
            if i % 2 == 0 {
                "confidence: unlikely"
            } else {
                "confidence: likely"
            },
            1,
        );
        let t = Instant::now();
        ws.set_text(&path, edited);
        let a = ws.check(Semantics::Grounded).expect("checks");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        // The previous analysis is dropped, as the server will drop it.
        drop(a);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "edit + re-check of a {statements}-statement document: median {:.1} ms, worst {:.1} ms (30 edits)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same edit through the real `argcheck lsp` over stdio: from writing
/// a `didChange` (an incremental edit of one claim's confidence that
/// adds or removes an `overclaimed-confidence` warning) to reading the
/// `publishDiagnostics` it causes. Prints the median and worst of 40
/// edits of a `statements`-statement document (`cargo bench --bench check
/// -- --lsp`).
fn lsp_edit_latency(statements: usize) {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = std::env::temp_dir().join(format!("argcheck-bench-lsp-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("argcheck.yaml"), "# root\n");
    let path = dir.join("doc.arg");
    let text = generate(statements, false);
    std::fs::write(&path, &text).expect("write the document");
    let uri = argcheck::lsp::convert::path_to_uri(&path).expect("uri").to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start argcheck lsp");
    let mut input = child.stdin.take().expect("stdin");
    let mut output = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |v: serde_json::Value| {
        let body = v.to_string();
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        input.flush().expect("flush");
    };
    // Reads messages until one satisfies `ok`.
    let mut until = |ok: &dyn Fn(&serde_json::Value) -> bool| loop {
        let mut len = 0;
        loop {
            let mut line = String::new();
            output.read_line(&mut line).expect("read");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().expect("length");
            }
        }
        let mut body = vec![0; len];
        output.read_exact(&mut body).expect("read");
        // Reading the message is the client's work; decoding it is not
        // timed (a large publication is only searched for its version).
        let text = String::from_utf8_lossy(&body);
        if let Some(version) = text
            .strip_prefix("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\"")
            .and_then(|rest| rest.split_once("\"version\":"))
            .and_then(|(_, v)| {
                let digits = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
                v[..digits].parse::<i64>().ok()
            })
        {
            let v = serde_json::json!({"method": "textDocument/publishDiagnostics",
                "params": {"uri": uri, "version": version}});
            if ok(&v) {
                return v;
            }
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
        if ok(&v) {
            return v;
        }
    };
    send(serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}));
    until(&|v| v["id"] == 1);
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "argcheck", "version": 1, "text": text}}}));
    until(&|v| v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri.as_str());
    // The first claim's confidence, on line 1 + sources lines.
    let at = text.find("confidence: likely").expect("a confidence");
    let line = text[..at].matches('\n').count();
    let col = "  confidence: ".len();
    let mut times = Vec::new();
    let mut current = "likely";
    for i in 0..40 {
        let next = if current == "likely" {
            "almost-certain"
        } else {
            "likely"
        };
        let version = i + 2;
        let t = Instant::now();
        send(serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version},
              "contentChanges": [{"range": {"start": {"line": line, "character": col},
                "end": {"line": line, "character": col + current.len()}}, "text": next}]}}));
        until(&|v| v["method"] == "textDocument/publishDiagnostics" && v["params"]["version"] == version);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        current = next;
    }
    send(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    until(&|v| v["id"] == 2);
    send(serde_json::json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "argcheck lsp: didChange -> publishDiagnostics on a {statements}-statement document: median {:.1} ms, worst {:.1} ms (40 edits)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    if std::env::args().any(|a| a == "--lsp") {
        lsp_edit_latency(5_000);
        return;
    }
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    if let Some(dir) = std::env::args().find_map(|a| a.strip_prefix("--emit=").map(std::path::PathBuf::from)) {
        std::fs::create_dir_all(&dir).expect("create the output directory");
        std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
        std::fs::write(dir.join("map.arg"), generate(n, false)).expect("write");
        std::fs::write(dir.join("map-attacks.arg"), generate(n, true)).expect("write");
        return;
    }
    edit_latency(5_000);
    if std::env::args().any(|a| a == "--edit-only") {
        return;
    }
    for attacks in [false, true] {
        let text = generate(n, attacks);
        let dir = std::env::temp_dir().join(format!("argcheck-bench-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("argcheck.yaml"), "# root\n");
        let path = dir.join("map.arg");
        std::fs::write(&path, &text).expect("write the map");
        let total = Instant::now();
        let ws = graph::load(std::slice::from_ref(&path)).expect("loads");
        let load_ms = total.elapsed().as_secs_f64() * 1e3;
        let (g, _) = resolve(&ws, &ws.imports);
        let resolve_ms = total.elapsed().as_secs_f64() * 1e3 - load_ms;
        let attack_count: usize = g.statements.iter().map(|s| s.attacks.len()).sum();
        println!(
            "\n{} statements, {} attacks, {:.1} MB",
            g.statements.len(),
            attack_count,
            text.len() as f64 / 1e6
        );
        println!("{:<34} {:>8.1} ms", "load (read + parse)", load_ms);
        println!("{:<34} {:>8.1} ms   rss {:>6.0} MB", "resolve", resolve_ms, rss_mb());
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
            "{:<34} {:>8.1} ms  ({} diagnostics)",
            "total check",
            total.elapsed().as_secs_f64() * 1e3,
            diags.len()
        );
        // The passes inside `analyze`, one by one.
        let _ = time("  parse alone", || parse(&text));
        let idx = time("  reason index", || support::ReasonIndex::new(&g));
        let n_st = g.statements.len();
        let base: Vec<Option<u8>> = facts.own.iter().map(|o| o.map(|t| t.index() as u8)).collect();
        let grounding = time("  grounding + ceilings", || {
            support::propagate(&g, &idx, 7, &base, &vec![6; n_st])
        });
        let src = time("  source origins", || origins::source_origins(&g));
        let _ = time("  statement origins", || {
            origins::statement_origins(&g, &grounding, &src, &[])
        });
        let edges: Vec<(u32, u32)> = g
            .statements
            .iter()
            .enumerate()
            .filter(|(s, _)| grounding.value[*s].is_some())
            .flat_map(|(s, st)| st.attacks.iter().map(move |(t, _)| (s as u32, *t as u32)))
            .collect();
        let ag = time("  attack graph", || dung::AttackGraph::new(n_st, &edges));
        let _ = time("  grounded labelling", || dung::grounded(&ag));
        let _ = std::fs::remove_dir_all(&dir);
        std::mem::forget((g, facts, ws, diags));
    }
}
