//! `argcheck graph` (DOT, Mermaid, JSON, SVG, AIF) and `argcheck report`
//! on a small case with one of everything the map draws
//! (`tests/graph/small.arg`), each compared exactly with the expected
//! output beside it (`BLESS=1 cargo test --test graph` rewrites them), then
//! checked structurally: DOT through Graphviz (when installed), SVG and
//! AIF parsed, the report parsed as HTML.

mod common;

use argcheck::analysis::Semantics;
use argcheck::render::map::{self, layout};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const SMALL: &str = "tests/graph/small.arg";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Standard output and exit code of `argcheck ARGS`.
fn run(args: &[&str]) -> (String, i32) {
    let (out, _, code) = common::run(args);
    (out, code)
}

fn graph(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["graph", SMALL, "--format", format];
    args.extend_from_slice(extra);
    let (out, code) = run(&args);
    assert_eq!(code, 0, "graph --format {format} failed");
    out
}

fn report(paths: &[&str], name: &str) -> String {
    let out = std::env::temp_dir().join(format!("argcheck-graph-test-{}-{name}.html", std::process::id()));
    let out_s = out.to_string_lossy().into_owned();
    let mut args = vec!["report"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["-o", &out_s]);
    let (_, code) = run(&args);
    assert_eq!(code, 0, "report failed");
    let html = std::fs::read_to_string(&out).expect("report written");
    let _ = std::fs::remove_file(&out);
    html
}

fn expect(name: &str, got: &str) {
    common::expect("tests/graph", name, got)
}

/// The map as data: the reference the other formats are checked against.
fn model() -> Value {
    serde_json::from_str(&graph("json", &[])).expect("valid JSON")
}

fn nodes_of(v: &Value, kind: Option<&str>) -> Vec<Value> {
    v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| kind.is_none_or(|k| n["kind"] == k))
        .cloned()
        .collect()
}

fn edges_of(v: &Value, kind: &str) -> Vec<Value> {
    v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["kind"] == kind)
        .cloned()
        .collect()
}

fn statements(v: &Value) -> Vec<Value> {
    nodes_of(v, None)
        .into_iter()
        .filter(|n| n.get("statement").is_some())
        .collect()
}

#[test]
fn every_format_matches_its_expected_output() {
    expect("small.dot", &graph("dot", &[]));
    expect("small.mmd", &graph("mermaid", &[]));
    expect("small.json", &graph("json", &[]));
    expect("small.svg", &graph("svg", &[]));
    expect("small.aif.json", &graph("aif", &[]));
    expect("small.html", &report(&[SMALL], "expected"));
    expect("small-claim-b.json", &graph("json", &["--claim", "b"]));
}

#[test]
fn the_readme_map_is_current() {
    let (svg, code) = run(&["graph", "arguments/", "--format", "svg"]);
    assert_eq!(code, 0);
    let path = root().join("docs/partaw-map.svg");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &svg).expect("write docs/partaw-map.svg");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        svg == want,
        "docs/partaw-map.svg is stale (BLESS=1 cargo test --test graph)"
    );
}

#[test]
fn the_model_holds_states_joints_and_findings() {
    let v = model();
    let by_id = |id: &str| {
        nodes_of(&v, None)
            .into_iter()
            .find(|n| n["id"] == id)
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    assert_eq!(statements(&v).len(), 7);
    assert_eq!(nodes_of(&v, Some("source")).len(), 2);
    // One joint: the linked reason `a, b`; `c` alone is a direct edge.
    assert_eq!(nodes_of(&v, Some("reason")).len(), 1);
    assert_eq!(by_id("main")["statement"]["state"], "defeated");
    assert_eq!(by_id("c")["statement"]["state"], "ungrounded");
    assert_eq!(by_id("c")["statement"]["ceiling"], Value::Null);
    assert_eq!(by_id("a")["statement"]["state"], "clean");
    assert_eq!(by_id("blog")["source"]["reliability"], "E");
    assert_eq!(by_id("blog")["source"]["reliability_meaning"], "unreliable");
    let main = by_id("main");
    let rules: Vec<&str> = main["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert!(
        rules.contains(&"overclaimed-confidence") && rules.contains(&"defeated-claim"),
        "{rules:?}"
    );
    // Every finding is on a node of the map.
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        assert!(d["node"].is_string(), "{d}");
    }
    assert_eq!(edges_of(&v, "attack").len(), 1);
    assert_eq!(edges_of(&v, "derives").len(), 1);
    assert_eq!(edges_of(&v, "link").len(), 2);
}

#[test]
fn claim_limits_the_map_to_what_it_rests_on_and_what_attacks_it() {
    let v: Value = serde_json::from_str(&graph("json", &["--claim", "b"])).expect("JSON");
    let mut ids: Vec<String> = nodes_of(&v, None)
        .iter()
        .map(|n| n["id"].as_str().unwrap_or("").to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["b", "blog", "doubt", "wire"]);
    let (_, code) = run(&["graph", SMALL, "--claim", "nope"]);
    assert_eq!(code, 2);
}

#[test]
fn dot_is_valid_for_graphviz() {
    let dot = graph("dot", &[]);
    assert!(dot.starts_with("digraph argument {\n  rankdir=BT;"));
    for st in statements(&model()) {
        assert!(dot.contains(&format!("\n  {} [", st["key"].as_str().unwrap_or(""))));
    }
    // The claim's text keeps its quotes escaped.
    assert!(dot.contains("The \\\"main\\\" claim"), "{dot}");
    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: Graphviz `dot` is not installed (Debian: apt-get install graphviz)");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write to dot");
    let out = child.wait_with_output().expect("dot runs");
    assert!(
        out.status.success(),
        "dot rejected it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).trim().is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn mermaid_has_the_header_one_node_per_statement_and_the_edge_styles() {
    let v = model();
    let mmd = graph("mermaid", &[]);
    let mut lines = mmd.lines();
    assert_eq!(lines.next(), Some("flowchart BT"));
    for st in statements(&v) {
        let key = st["key"].as_str().unwrap_or("");
        let defs = mmd
            .lines()
            .filter(|l| {
                l.starts_with(&format!("  {key}["))
                    || l.starts_with(&format!("  {key}("))
                    || l.starts_with(&format!("  {key}{{"))
            })
            .count();
        assert_eq!(defs, 1, "node {key} defined {defs} times");
    }
    // Attacks dashed and red, by link index.
    let edge_lines: Vec<&str> = mmd
        .lines()
        .filter(|l| l.contains("-->") || l.contains("-.") || l.contains("---"))
        .filter(|l| !l.contains("linkStyle"))
        .collect();
    assert_eq!(edge_lines.len(), v["edges"].as_array().map_or(0, |e| e.len()));
    let attack_at: Vec<usize> = edge_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("-. attacks .->"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(attack_at.len(), edges_of(&v, "attack").len());
    let style = mmd
        .lines()
        .find(|l| l.contains("stroke:#c62828"))
        .expect("attack style");
    for i in attack_at {
        assert!(style.contains(&i.to_string()), "{style}");
    }
    assert!(style.contains("stroke-dasharray"));
    // What the user wrote cannot break out of a label.
    let main = mmd.lines().find(|l| l.contains("claim main")).expect("main node");
    assert!(
        main.contains("#34;main#34;") && main.contains("#60;b#62;not bold"),
        "{main}"
    );
    let inner = &main[main.find('"').expect("open") + 1..main.rfind('"').expect("close")];
    assert!(
        !inner.contains('"') && !inner.contains('[') && !inner.contains("<b>not"),
        "{inner}"
    );
}

#[test]
fn svg_is_xml_with_one_group_per_node_and_every_id() {
    let v = model();
    let svg = graph("svg", &[]);
    let doc = roxmltree::Document::parse(&svg).expect("SVG is well-formed XML");
    let groups: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "node")))
        .collect();
    let all = nodes_of(&v, None);
    assert_eq!(groups.len(), all.len());
    let text: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    for n in &all {
        let key = n["key"].as_str().unwrap_or("");
        assert!(groups.iter().any(|g| g.attribute("id") == Some(key)), "no group {key}");
        let id = n["id"].as_str().unwrap_or("");
        assert!(text.contains(id), "id {id} not shown");
    }
    // Text escaped, not markup: the `<b>` of the claim is text.
    assert!(text.contains("<b>not bold</b>"));
    assert!(!doc.descendants().any(|n| n.has_tag_name("b")));
    // The states read without colour.
    assert!(text.contains("? claim main") && text.contains("✗ premise c"), "{text}");
}

#[test]
fn aif_has_a_node_per_statement_reason_attack_and_assertion() {
    let v = model();
    let aif: Value = serde_json::from_str(&graph("aif", &[])).expect("AIF is JSON");
    let count = |t: &str| {
        aif["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|n| n["type"] == t)
            .count()
    };
    let stmts = statements(&v);
    let with_by = stmts.iter().filter(|s| s["statement"]["by"].is_string()).count();
    let direct_support = edges_of(&v, "support")
        .iter()
        .filter(|e| !e["from"].as_str().unwrap_or("").starts_with('r'))
        .count();
    let joints = nodes_of(&v, Some("reason")).len();
    assert_eq!(count("I"), stmts.len());
    assert_eq!(count("RA"), direct_support + joints);
    assert_eq!(count("CA"), edges_of(&v, "attack").len());
    assert_eq!(count("L"), with_by);
    assert_eq!(count("YA"), with_by);
    let edges =
        2 * direct_support + edges_of(&v, "link").len() + joints + 2 * edges_of(&v, "attack").len() + 2 * with_by;
    assert_eq!(aif["edges"].as_array().map_or(0, |e| e.len()), edges);
    assert_eq!(aif["locutions"].as_array().map_or(0, |l| l.len()), with_by);
    // Every edge joins nodes that exist.
    let ids: Vec<&str> = aif["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["nodeID"].as_str())
        .collect();
    for e in aif["edges"].as_array().expect("edges") {
        assert!(ids.contains(&e["fromID"].as_str().unwrap_or("")) && ids.contains(&e["toID"].as_str().unwrap_or("")));
    }
}

fn check_report(html: &str, paths: &[&str]) {
    let mut args = vec!["check"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--format", "json"]);
    let (json, _) = run(&args);
    let diags: Value = serde_json::from_str(&json).expect("check JSON");
    let mut margs = vec!["graph"];
    margs.extend_from_slice(paths);
    margs.extend_from_slice(&["--format", "json"]);
    let (mjson, _) = run(&margs);
    let m: Value = serde_json::from_str(&mjson).expect("graph JSON");

    let dom = tl::parse(html, tl::ParserOptions::default()).expect("report parses as HTML");
    let parser = dom.parser();
    let by_id = |id: &str| dom.get_element_by_id(id).and_then(|h| h.get(parser));
    // Every diagnostic, with its message, linked to its node.
    let list = diags["diagnostics"].as_array().expect("diagnostics");
    for (k, d) in list.iter().enumerate() {
        let li = by_id(&format!("d{k}")).unwrap_or_else(|| panic!("finding {k} missing"));
        let text = li.inner_text(parser);
        let msg = d["message"].as_str().unwrap_or("");
        let shown = tl::parse(
            &format!("<p>{}</p>", argcheck::render::map::svg::escape(msg)),
            Default::default(),
        )
        .ok()
        .and_then(|p| {
            let parser = p.parser();
            p.children()
                .first()
                .and_then(|h| h.get(parser))
                .map(|n| n.inner_text(parser).into_owned())
        })
        .unwrap_or_default();
        assert!(text.contains(&shown), "finding {k} lacks its message {msg:?}");
    }
    // Every node: a group in the map and an entry the map links to; each
    // entry links to its findings.
    for n in nodes_of(&m, None) {
        let key = n["key"].as_str().unwrap_or("");
        assert!(by_id(key).is_some(), "no map group for {key}");
        if n["kind"] != "reason" {
            assert!(by_id(&format!("node-{key}")).is_some(), "no entry for {key}");
            assert!(
                html.contains(&format!("href=\"#node-{key}\"")),
                "nothing links to {key}"
            );
            for d in n["diagnostics"].as_array().expect("diagnostics") {
                assert!(html.contains(&format!("href=\"#d{d}\"")));
            }
        }
    }
    // No external resource: nothing loaded over the network or from a file.
    for tag in dom.nodes().iter().filter_map(|n| n.as_tag()) {
        let attrs = tag.attributes();
        for a in ["src", "href"] {
            if let Some(Some(v)) = attrs.get(a) {
                let v = v.as_utf8_str();
                assert!(
                    v.starts_with('#'),
                    "<{} {a}={v}> loads or leaves the page",
                    tag.name().as_utf8_str()
                );
            }
        }
        assert_ne!(tag.name().as_utf8_str(), "link", "a <link> element");
        assert_ne!(tag.name().as_utf8_str(), "iframe");
    }
    assert!(!html.contains("@import") && !html.contains("url(http"));
}

#[test]
fn report_lists_every_finding_and_node_and_loads_nothing() {
    let html = report(&[SMALL], "small");
    check_report(&html, &[SMALL]);
    // User text is escaped everywhere.
    assert!(!html.contains("<b>not bold</b>"));
    assert!(html.contains("&lt;b&gt;not bold&lt;/b&gt;"));
    // The support tree of each claim, as `explain` draws it.
    let (tree, _) = run(&["explain", SMALL, "main"]);
    let first = tree.lines().next().expect("tree");
    assert!(html.contains(&argcheck::render::map::svg::escape(first)));
    let partaw = report(&["arguments/"], "partaw");
    check_report(&partaw, &["arguments/"]);
}

#[test]
fn output_is_deterministic() {
    assert_eq!(graph("svg", &[]), graph("svg", &[]));
    let (a, _) = run(&["graph", "arguments/", "--format", "svg"]);
    let (b, _) = run(&["graph", "arguments/", "--format", "svg"]);
    assert_eq!(a, b);
    assert_eq!(report(&["arguments/"], "det1"), report(&["arguments/"], "det2"));
}

#[test]
fn the_simple_layout_takes_over_past_the_budget() {
    let c = argcheck::check::run(&[root().join("arguments")], Semantics::Grounded).expect("check");
    let m = map::build(&c, None);
    let sizes = vec![(100.0, 40.0); m.nodes.len()];
    let full = layout::layout(&m, &sizes);
    assert!(full.fallback.is_none(), "{:?}", full.fallback);
    for (budget, limit) in [(0, usize::MAX), (usize::MAX, 3)] {
        let l = layout::layout_with(&m, &sizes, budget, limit);
        assert!(l.fallback.is_some());
        // No two nodes overlap, and every edge has a route.
        let mut boxes: Vec<(i64, i64)> = l.centers.iter().map(|p| (p.x as i64, p.y as i64)).collect();
        boxes.sort_unstable();
        boxes.dedup();
        assert_eq!(boxes.len(), m.nodes.len());
        assert!(l.routes.iter().all(|r| r.len() >= 2));
    }
}

#[test]
fn long_ids_and_texts_stay_bounded_and_odd_text_is_escaped() {
    let dir = std::env::temp_dir().join(format!("argcheck-graph-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let id = "x".repeat(20_000);
    let text = "ünïcode ]]> <!-- --> \u{202e} ".repeat(5_000);
    let file = dir.join("long.arg");
    std::fs::write(
        &file,
        format!("source s \"S\"\n  reliability: C\n\nevidence {id} \"{text}\"\n  cite: s 3\n\nclaim c \"C\"\n  because: {id}\n  confidence: likely\n"),
    )
    .expect("write");
    let path = file.to_string_lossy().into_owned();
    for format in ["dot", "mermaid", "svg", "aif", "json"] {
        let (out, code) = run(&["graph", &path, "--format", format]);
        assert_eq!(code, 0, "{format}");
        // JSON and AIF carry the text whole (they are data); the drawings
        // show it cut.
        let bound = if matches!(format, "json" | "aif") {
            400_000
        } else {
            40_000
        };
        assert!(out.len() < bound, "{format}: {} bytes", out.len());
        if format == "svg" {
            roxmltree::Document::parse(&out).expect("SVG stays XML");
        }
    }
    let html = report(&[&path], "long");
    assert!(html.len() < 200_000, "report: {} bytes", html.len());
    assert!(!html.contains("]]> <!--"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_shows_each_question_matrix_with_scores_and_links() {
    // The matrix of tests/ach/matrix.arg, as `argcheck ach` prints it
    // (tests/ach/matrix.md): question `where`, row `raids` rates
    // C / I / N; `in-pakistan` is least inconsistent with score 0.
    let html = report(&["tests/ach/matrix.arg"], "ach");
    check_report(&html, &["tests/ach/matrix.arg"]);
    assert!(html.contains("<a href=\"#questions\">Questions</a>"));
    let at = html.find("id=\"questions\"").expect("a questions section");
    let section = &html[at..];
    assert!(section.contains("<code>where</code> Where is the core support base?"));
    let raids = section.find(
        "<code>raids</code></a></td><td>2</td><td>very-likely</td><td>C</td><td>I</td><td>N</td><td>linchpin</td>",
    );
    assert!(raids.is_some(), "{}", &section[..section.len().min(3000)]);
    assert!(section.contains("<td><b>0</b> least inconsistent</td><td>2</td><td>1</td>"));
    // Every row and answer links to its statement's entry.
    for id in [
        "raids",
        "attacks",
        "hearsay",
        "recruits",
        "in-pakistan",
        "in-afghanistan",
        "nowhere",
    ] {
        let link = format!("<code>{id}</code></a>");
        let href = section[..section.find(&link).expect(id)]
            .rfind("href=\"#")
            .expect("a link");
        let key = &section[href + 7..];
        let key = &key[..key.find('"').expect("closed")];
        assert!(
            html.contains(&format!("id=\"{key}\"")),
            "{id} links to {key}, which is missing"
        );
    }
    // A report without questions has no such section.
    let plain = std::env::temp_dir().join(format!("argcheck-graph-noach-{}.arg", std::process::id()));
    std::fs::write(
        &plain,
        "source s \"S\"\n  reliability: A\n\nclaim c \"C.\"\n  cite: s 1\n",
    )
    .expect("write");
    let html = report(&[plain.to_str().expect("utf-8 path")], "noach");
    let _ = std::fs::remove_file(&plain);
    assert!(!html.contains("id=\"questions\""));
}

#[test]
fn argdown_format_writes_the_whole_argument_for_argdown_and_import() {
    let (out, code) = run(&["graph", "arguments/", "--format", "argdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("===\nsources:\n"), "front matter first");
    let path = std::env::temp_dir().join(format!("argcheck-graph-test-{}.argdown", std::process::id()));
    std::fs::write(&path, &out).expect("write the export");
    let p = path.to_string_lossy().into_owned();
    let (summary, code) = run(&["import", &p, "--summary"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0, "{summary}");
    let summary: Value = serde_json::from_str(&summary).expect("one JSON object");
    // Every statement of the showcase comes back as an Argdown statement.
    let (check, _) = run(&["check", "arguments/", "--format", "json"]);
    let check: Value = serde_json::from_str(&check).expect("json");
    assert_eq!(summary["statements"], check["summary"]["statements"], "{summary}");
    // A part of a map has no Argdown form: said, not ignored.
    let (_, code) = run(&[
        "graph",
        "arguments/",
        "--format",
        "argdown",
        "--claim",
        "isk-base-in-pakistan",
    ]);
    assert_eq!(code, 2);
}

/// The question `why` of the small case (answers `main`, least
/// inconsistent with score 0, and `alt`, score 4.5; its answers' declared
/// confidences are incoherent) in every format: one question node, one
/// `answers` edge per answer labelled with its score, no edge per rating.
#[test]
fn every_format_shows_the_question_and_its_answers() {
    let v = model();
    let qs = nodes_of(&v, Some("question"));
    assert_eq!(qs.len(), 1);
    let q = &qs[0];
    assert_eq!((q["key"].as_str(), q["id"].as_str()), (Some("q0"), Some("why")));
    assert_eq!(q["question"]["warned"], true);
    assert_eq!(q["question"]["incoherent"], true);
    assert_eq!(q["question"]["rows"], 2);
    assert!(q["rules"]
        .as_array()
        .expect("rules")
        .contains(&Value::from("incoherent-confidence")));
    let key_of = |id: &str| {
        nodes_of(&v, None)
            .into_iter()
            .find(|n| n["id"] == id)
            .and_then(|n| n["key"].as_str().map(String::from))
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    let (main, alt) = (key_of("main"), key_of("alt"));
    let answers = q["question"]["answers"].as_array().expect("answers");
    let got: Vec<(&str, Option<&str>, f64, bool)> = answers
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or(""),
                a["node"].as_str(),
                a["score"].as_f64().unwrap_or(-1.0),
                a["least_inconsistent"] == true,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("main", Some(main.as_str()), 0.0, true),
            ("alt", Some(alt.as_str()), 4.5, false)
        ]
    );
    let edges = edges_of(&v, "answers");
    let got: Vec<(&str, &str, &str)> = edges
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap_or(""),
                e["to"].as_str().unwrap_or(""),
                e["label"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("q0", main.as_str(), "score 0 · least"),
            ("q0", alt.as_str(), "score 4.5")
        ]
    );
    // Ratings are rows of the report's matrix, not edges of the map.
    let kinds = ["support", "link", "attack", "cite", "derives", "answers"];
    for e in v["edges"].as_array().expect("edges") {
        assert!(kinds.contains(&e["kind"].as_str().unwrap_or("")), "{e}");
    }

    // DOT: an octagon, flagged; each edge written answer -> question (the
    // question ranks above), without an arrowhead.
    let dot = graph("dot", &[]);
    let qline = dot.lines().find(|l| l.starts_with("  q0 [")).expect("q0 in DOT");
    assert!(
        qline.contains("shape=octagon") && qline.contains("⚠ question why"),
        "{qline}"
    );
    assert!(dot.contains(&format!("  {main} -> q0 [dir=none")), "{dot}");
    assert!(dot.contains("penwidth=2.5, label=\"score 0 · least\""), "{dot}");
    assert!(dot.contains(&format!("  {alt} -> q0 [dir=none")) && dot.contains("label=\"score 4.5\""));

    // Mermaid: a flag-shaped node of class `question`, dotted links with
    // the scores, styled.
    let mmd = graph("mermaid", &[]);
    assert!(mmd.contains("  q0>\"<b>⚠ question why</b>"), "{mmd}");
    assert!(mmd.contains(&format!("  {main} -.-|score 0 · least| q0\n")), "{mmd}");
    assert!(mmd.contains(&format!("  {alt} -.-|score 4.5| q0\n")), "{mmd}");
    assert!(mmd.contains("  class q0 question\n"));
    assert_eq!(mmd.matches("stroke:#7e57c2").count(), 2, "{mmd}");

    // SVG: the question's group, above both answers; each edge from it, the
    // least inconsistent one bolder; the scores shown.
    let svg = graph("svg", &[]);
    let doc = roxmltree::Document::parse(&svg).expect("SVG is XML");
    let group = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("q0"))
        .expect("q0 group");
    assert!(group.attribute("class").unwrap_or("").contains("kind-question"));
    let texts = |n: roxmltree::Node| {
        n.descendants()
            .filter(|t| t.has_tag_name("text"))
            .filter_map(|t| t.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(texts(group).contains("⚠ question why"), "{}", texts(group));
    assert!(texts(group).contains("least inconsistent: main"));
    let edge = |to: &str| {
        doc.descendants()
            .find(|n| n.attribute("data-from") == Some("q0") && n.attribute("data-to") == Some(to))
            .and_then(|n| n.attribute("class").map(String::from))
            .unwrap_or_else(|| panic!("no answers edge to {to}"))
    };
    assert_eq!(edge(&main), "edge answers least");
    assert_eq!(edge(&alt), "edge answers");
    let all = texts(doc.root());
    assert!(all.contains("score 0 · least") && all.contains("score 4.5"));
    let c = argcheck::check::run(&[root().join(SMALL)], Semantics::Grounded).expect("check");
    let m = map::build(&c, None);
    let at = |key: &str| m.nodes.iter().position(|n| n.key == key).expect(key);
    let l = layout::layout(&m, &vec![(100.0, 40.0); m.nodes.len()]);
    assert!(l.centers[at("q0")].y < l.centers[at(&main)].y && l.centers[at("q0")].y < l.centers[at(&alt)].y);

    // AIF: no question (it has no AIF counterpart), every statement kept.
    let aif = graph("aif", &[]);
    assert!(!aif.contains("What explains"), "{aif}");

    // --claim: a question comes with a claim it is answered by, with only
    // that answer's edge (and every answer's score in the data).
    let v: Value = serde_json::from_str(&graph("json", &["--claim", "main"])).expect("JSON");
    let q = &nodes_of(&v, Some("question"))[0];
    assert_eq!(q["question"]["answers"][1]["node"], Value::Null);
    assert_eq!(q["question"]["answers"][1]["score"], 4.5);
    assert_eq!(edges_of(&v, "answers").len(), 1);
    let v: Value = serde_json::from_str(&graph("json", &["--claim", "b"])).expect("JSON");
    assert!(nodes_of(&v, Some("question")).is_empty());
}
