//! `argcheck report PATHS -o report.html`: one self-contained HTML page
//! (inline CSS, inline SVG, no network): a summary per file, the map, every
//! finding linked to its node and each node to its findings, the support
//! tree of every claim (the `explain` tree), the statements and the source
//! table. It reads without JavaScript; a few lines of it highlight what a
//! clicked node rests on.

use super::svg::{self, escape};
use super::{build, EdgeKind, Map, NodeKind};
use crate::check::Checked;
use crate::graph::{FileKind, StmtKind};
use crate::render::explain;
use std::collections::HashMap;
use std::fmt::Write;

const CSS: &str = r#"
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;color:#212121;background:#fafafa;line-height:1.4}
header{background:#263238;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8dc}
nav{padding:8px 24px;background:#eceff1;border-bottom:1px solid #cfd8dc;position:sticky;top:0;z-index:2}
nav a{margin-right:16px;color:#1565c0;text-decoration:none}
main{padding:8px 24px 40px}
h2{border-bottom:2px solid #cfd8dc;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;background:#fff;font-size:14px}
th,td{border:1px solid #cfd8dc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eceff1}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
.map{overflow:auto;border:1px solid #cfd8dc;background:#fff;max-height:92vh}
.map svg{display:block;width:100%;height:auto}
#zoom{margin-left:0}
#zoom:checked~.map svg{width:auto;max-width:none}
.zoom{font-size:14px;color:#37474f}
.hint{color:#546e7a;font-size:14px}
.sev{display:inline-block;min-width:58px;font-weight:bold;font-size:13px}
.sev-error .sev{color:#c62828}.sev-warning .sev{color:#e65100}.sev-info .sev{color:#1565c0}
ol.findings{padding-left:28px}
ol.findings li{margin:6px 0;background:#fff;border-left:4px solid #cfd8dc;padding:4px 8px}
ol.findings li.sev-error{border-color:#c62828}ol.findings li.sev-warning{border-color:#ef6c00}ol.findings li.sev-info{border-color:#1565c0}
.help{color:#455a64;font-size:13px}
.loc{color:#546e7a;font-size:13px}
pre.tree{background:#fff;border:1px solid #cfd8dc;padding:8px 12px;overflow:auto;font-size:13px;line-height:1.35}
.state{font-weight:bold;white-space:nowrap}
.st-clean{color:#2e7d32}.st-ungrounded{color:#c62828}.st-overclaimed{color:#e65100}.st-defeated{color:#546e7a}.st-contested{color:#f57f17}
tr:target,li:target{outline:3px solid #ffb300}
.am .node{cursor:pointer}
.am.hl .node,.am.hl .edge{opacity:.18}
.am.hl .node.on,.am.hl .edge.on{opacity:1}
.am .node.on .shape{stroke-width:3}
"#;

/// A few lines: clicking a node highlights it and what it rests on (its
/// reasons, citations and sources, down to the origins) and the attacks on
/// those; clicking it again follows its link; Escape clears.
const JS: &str = r#"
(function(){
  var svg=document.querySelector('.map svg');if(!svg)return;
  var edges=[].slice.call(svg.querySelectorAll('.edge[data-from]'));
  var into={};edges.forEach(function(e){var t=e.getAttribute('data-to');(into[t]=into[t]||[]).push(e);});
  var current=null;
  function clear(){svg.classList.remove('hl');[].forEach.call(svg.querySelectorAll('.on'),function(n){n.classList.remove('on');});current=null;}
  function show(key){
    clear();svg.classList.add('hl');current=key;var seen={};var stack=[key];
    while(stack.length){var k=stack.pop();if(seen[k])continue;seen[k]=1;
      var g=document.getElementById(k);if(g)g.classList.add('on');
      (into[k]||[]).forEach(function(e){e.classList.add('on');var f=e.getAttribute('data-from');
        if(e.classList.contains('attack')){var a=document.getElementById(f);if(a)a.classList.add('on');}else stack.push(f);});}
  }
  [].forEach.call(svg.querySelectorAll('.node'),function(g){
    var link=g.parentNode.tagName.toLowerCase()==='a'?g.parentNode:null;
    (link||g).addEventListener('click',function(ev){var k=g.id;if(current!==k){ev.preventDefault();show(k);}});
  });
  document.addEventListener('keydown',function(ev){if(ev.key==='Escape')clear();});
})();
"#;

/// The report page, and a note when the map had to use the simple layout.
pub fn write(c: &Checked) -> (String, Option<String>) {
    let map = build(c, None);
    let (svg, note) = svg::render(
        &map,
        svg::Options {
            links: true,
            standalone: false,
        },
    );
    let mut h = String::with_capacity(svg.len() * 2 + 16_384);
    let (errors, warnings, infos) = c.counts();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>argcheck report</title>\n<style>");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n<header><h1>argcheck report</h1>\n");
    let _ = writeln!(
        h,
        "<p>{} · {} statements, {} sources</p></header>",
        escape(&crate::render::summary_line(errors, warnings, infos, c.file_count())),
        c.graph.statements.len(),
        c.graph.sources.len()
    );
    h.push_str("<nav><a href=\"#files\">Files</a><a href=\"#map\">Map</a><a href=\"#findings\">Findings</a><a href=\"#claims\">Claims</a>");
    if !c.facts.ach.is_empty() {
        h.push_str("<a href=\"#questions\">Questions</a>");
    }
    h.push_str("<a href=\"#statements\">Statements</a><a href=\"#sources\">Sources</a></nav>\n<main>\n");
    files(c, &map, &mut h);
    h.push_str("<section id=\"map\"><h2>Map</h2>\n<p class=\"hint\">Support flows upward: sources in a row at the bottom, each statement above what it rests on. Each node shows its id, its text, its ceiling against its declared confidence and, in red, the rules that fired on it. Click a node to highlight what it rests on (again to open its entry; Escape clears).</p>\n");
    if let Some(n) = &note {
        let _ = writeln!(h, "<p class=\"hint\">{}</p>", escape(n));
    }
    // A CSS-only toggle: the whole map fitted to the page, or actual size
    // (scrolling) for reading every node.
    h.push_str("<input type=\"checkbox\" id=\"zoom\"><label class=\"zoom\" for=\"zoom\"> actual size (the map is fitted to the page width; hover a node for its whole text and findings)</label>\n<div class=\"map\">\n");
    h.push_str(&svg);
    h.push_str("</div></section>\n");
    findings(&map, &mut h);
    claims(c, &map, &mut h);
    questions(c, &map, &mut h);
    statements(&map, &mut h);
    sources(&map, &mut h);
    h.push_str("</main>\n<script>");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    (h, note)
}

fn files(c: &Checked, map: &Map, h: &mut String) {
    #[derive(Default)]
    struct Row {
        statements: usize,
        sources: usize,
        claims: usize,
        sev: [usize; 3],
    }
    let mut rows: HashMap<&str, Row> = HashMap::new();
    for n in &map.nodes {
        let r = rows.entry(n.file.as_str()).or_default();
        match n.kind {
            NodeKind::Statement(k) => {
                r.statements += 1;
                r.claims += usize::from(k == StmtKind::Claim);
            }
            NodeKind::Source => r.sources += 1,
            NodeKind::Joint | NodeKind::Question => {}
        }
    }
    for fnd in &map.findings {
        rows.entry(fnd.location.path.as_str()).or_default().sev[fnd.severity as usize] += 1;
    }
    h.push_str("<section id=\"files\"><h2>Files</h2>\n<table><tr><th>file</th><th>claims</th><th>statements</th><th>sources</th><th>errors</th><th>warnings</th><th>infos</th></tr>\n");
    for file in &c.ws.files {
        if matches!(file.kind, FileKind::Skipped) {
            continue;
        }
        let Some(r) = rows.get(file.name.as_str()) else {
            continue;
        };
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&file.name),
            r.claims,
            r.statements,
            r.sources,
            r.sev[2],
            r.sev[1],
            r.sev[0]
        );
    }
    h.push_str("</table></section>\n");
}

fn node_link(map: &Map, n: usize) -> String {
    let node = &map.nodes[n];
    format!(
        "<a href=\"#node-{}\">{} <code>{}</code></a>",
        node.key,
        node.kind.as_str(),
        escape(&node.id)
    )
}

fn findings(map: &Map, h: &mut String) {
    let _ = writeln!(h, "<section id=\"findings\"><h2>Findings ({})</h2>", map.findings.len());
    if map.findings.is_empty() {
        h.push_str("<p>No findings.</p>\n");
    }
    h.push_str("<ol class=\"findings\">\n");
    for (k, fnd) in map.findings.iter().enumerate() {
        let sev = fnd.severity.as_str();
        let _ = write!(
            h,
            "<li id=\"d{k}\" class=\"sev-{sev}\"><span class=\"sev\">{sev}</span> <code>{}</code> {}",
            fnd.rule,
            escape(&fnd.message)
        );
        let _ = write!(
            h,
            "<br><span class=\"loc\">{}:{}:{}</span>",
            escape(&fnd.location.path),
            fnd.location.range.start_line,
            fnd.location.range.start_column
        );
        if let Some(n) = map.finding_node[k] {
            let _ = write!(h, " <span class=\"loc\">on</span> {}", node_link(map, n));
        }
        if let Some(help) = &fnd.help {
            let _ = write!(h, "<br><span class=\"help\">help: {}</span>", escape(help));
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol></section>\n");
}

fn claims(c: &Checked, map: &Map, h: &mut String) {
    h.push_str("<section id=\"claims\"><h2>Claims and their support</h2>\n<p class=\"hint\">What <code>argcheck explain</code> prints: each claim's reasons and citations with their ceilings; ◀ marks the weakest link and the citation that sets the ceiling.</p>\n");
    let roots: Vec<usize> = c
        .graph
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == StmtKind::Claim)
        .map(|(i, _)| i)
        .collect();
    let text = explain::tree_string(c, &roots);
    // One tree per root, separated by a blank line (a tree has none).
    for (root, tree) in roots.iter().zip(text.split("\n\n")) {
        let st = &c.graph.statements[*root];
        let state = map
            .nodes
            .iter()
            .find(|n| n.key == format!("s{root}"))
            .and_then(|n| n.stmt.as_ref())
            .map(|sf| sf.state);
        let _ = writeln!(
            h,
            "<h3 id=\"claim-s{root}\"><a href=\"#node-s{root}\"><code>{}</code></a> {}</h3>",
            escape(&st.name),
            state.map_or(String::new(), |s| format!(
                "<span class=\"state st-{}\">{} {}</span>",
                s.as_str(),
                s.marker(),
                s.as_str()
            ))
        );
        let _ = writeln!(h, "<pre class=\"tree\">{}</pre>", escape_lines(tree.trim_end()));
    }
    h.push_str("</section>\n");
}

/// [`escape`] line by line, keeping the line breaks (for `<pre>`).
fn escape_lines(s: &str) -> String {
    s.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

fn finding_links(map: &Map, n: usize) -> String {
    map.nodes[n]
        .diagnostics
        .iter()
        .map(|d| {
            let f = &map.findings[*d];
            format!(
                "<a href=\"#d{d}\" class=\"sev-{}\" title=\"{}\">{}</a>",
                f.severity.as_str(),
                escape(&f.message),
                f.rule
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn statements(map: &Map, h: &mut String) {
    h.push_str("<section id=\"statements\"><h2>Statements</h2>\n<table><tr><th>state</th><th>statement</th><th>text</th><th>ceiling</th><th>declared</th><th>standing</th><th>origins</th><th>findings</th></tr>\n");
    for (i, n) in map.nodes.iter().enumerate() {
        let (NodeKind::Statement(kind), Some(sf)) = (n.kind, &n.stmt) else {
            continue;
        };
        let _ = writeln!(
            h,
            "<tr id=\"node-{}\"><td class=\"state st-{}\">{} {}</td><td>{} <code>{}</code><br><span class=\"loc\">{}:{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            n.key,
            sf.state.as_str(),
            sf.state.marker(),
            sf.state.as_str(),
            kind.as_str(),
            escape(&n.id),
            escape(&n.file),
            n.line,
            escape(&super::shorten(&n.text, super::MAX_FULL_TEXT)),
            sf.ceiling.map_or("none (not grounded)", |t| t.as_str()),
            sf.confidence.map_or("—", |t| t.as_str()),
            sf.standing.as_str(),
            escape(&sf.origins.join(", ")),
            finding_links(map, i)
        );
    }
    h.push_str("</table></section>\n");
}

/// Each question's competing-hypotheses matrix (`argcheck ach`): one
/// column per answer, one row per rating statement, linked to their entries
/// in the statement table; as bounded as `argcheck ach`'s own tables.
fn questions(c: &Checked, map: &Map, h: &mut String) {
    use crate::render::ach::{ceiling, notes, rating, LEGEND, MAX_ANSWERS, MAX_ROWS};
    let ms = &c.facts.ach;
    if ms.is_empty() {
        return;
    }
    let g = &c.graph;
    let stmt = |s: usize| {
        format!(
            "<a href=\"#node-s{s}\"><code>{}</code></a>",
            escape(&super::shorten(&g.statements[s].name, super::MAX_ID))
        )
    };
    let _ = writeln!(
        h,
        "<section id=\"questions\"><h2>Questions ({})</h2>\n<p class=\"hint\">Competing hypotheses (Heuer): each row rates the answers CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, NA not applicable; {}. What <code>argcheck ach</code> prints.</p>",
        ms.len(),
        escape(LEGEND).replace(" x ", " × ")
    );
    for m in ms {
        let q = &g.questions[m.question];
        let _ = writeln!(
            h,
            "<h3 id=\"node-q{}\"><code>{}</code> {}</h3>",
            m.question,
            escape(&super::shorten(&q.name, super::MAX_ID)),
            escape(&super::shorten(&q.text, super::MAX_FULL_TEXT))
        );
        // The findings on the question (the map's node links here).
        let key = format!("q{}", m.question);
        if let Some(n) = map.nodes.iter().position(|n| n.key == key) {
            if !map.nodes[n].diagnostics.is_empty() {
                let _ = writeln!(h, "<p>findings: {}</p>", finding_links(map, n));
            }
        }
        h.push_str("<table class=\"ach\"><tr><th>row</th><th>weight</th><th>ceiling</th>");
        let cols = m.answers.len().min(MAX_ANSWERS);
        for a in &m.answers[..cols] {
            let _ = write!(h, "<th>{}</th>", stmt(a.claim));
        }
        h.push_str("<th>notes</th></tr>\n");
        for row in m.rows.iter().take(MAX_ROWS) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td>",
                stmt(row.stmt),
                row.weight,
                ceiling(row)
            );
            for k in 0..cols {
                let _ = write!(h, "<td>{}</td>", rating(row.rating(k)));
            }
            let _ = writeln!(h, "<td>{}</td></tr>", notes(row));
        }
        h.push_str("<tr><th>score</th><td></td><td></td>");
        for a in &m.answers[..cols] {
            if a.least_inconsistent {
                let _ = write!(h, "<td><b>{}</b> least inconsistent</td>", a.score);
            } else {
                let _ = write!(h, "<td>{}</td>", a.score);
            }
        }
        h.push_str("<td></td></tr>\n<tr><th>declared</th><td></td><td></td>");
        for a in &m.answers[..cols] {
            let _ = write!(h, "<td>{}</td>", a.confidence.map_or("-", |t| t.as_str()));
        }
        h.push_str("<td></td></tr>\n</table>\n");
        let (rows, answers) = crate::render::ach::hidden(m);
        if rows > 0 || answers > 0 {
            let _ = writeln!(
                h,
                "<p class=\"hint\">{rows} more rows and {answers} more answers not shown (<code>argcheck ach --format json</code> has them all).</p>"
            );
        }
        if m.incoherent() {
            let _ = writeln!(
                h,
                "<p>Declared confidences: at least {} % in all (incoherent: over 100 %).</p>",
                m.declared_lower_sum
            );
        }
    }
    h.push_str("</section>\n");
}

fn sources(map: &Map, h: &mut String) {
    // Sources each one derives from, read off the map's edges.
    let mut derives: HashMap<usize, Vec<&str>> = HashMap::new();
    for e in &map.edges {
        if e.kind == EdgeKind::Derives {
            derives.entry(e.to).or_default().push(map.nodes[e.from].id.as_str());
        }
    }
    h.push_str("<section id=\"sources\"><h2>Sources</h2>\n<p class=\"hint\">Reliability is the Admiralty (NATO STANAG 2511) rating: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. Origins are the roots of each source's <code>derived-from</code> chain: two sources with an origin in common are not independent.</p>\n");
    h.push_str("<table><tr><th>source</th><th>title</th><th>reliability</th><th>kind</th><th>date</th><th>derived from</th><th>origins</th><th>url</th><th>findings</th></tr>\n");
    for (i, n) in map.nodes.iter().enumerate() {
        let Some(src) = &n.source else { continue };
        let rel = match (src.reliability, src.reliability_meaning) {
            (Some(l), Some(m)) => format!("<b>{l}</b> {m}"),
            _ => "unrated".to_string(),
        };
        let retracted = src.retracted.as_ref().map_or(String::new(), |d| {
            format!("<br><b class=\"st-ungrounded\">retracted {}</b>", escape(d))
        });
        let _ = writeln!(
            h,
            "<tr id=\"node-{}\"><td><code>{}</code><br><span class=\"loc\">{}:{}</span></td><td>{}{retracted}</td><td>{rel}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            n.key,
            escape(&n.id),
            escape(&n.file),
            n.line,
            escape(&n.text),
            escape(src.kind.as_deref().unwrap_or("")),
            escape(src.date.as_deref().unwrap_or("")),
            escape(&derives.get(&i).map(|v| v.join(", ")).unwrap_or_default()),
            escape(&src.origins.join(", ")),
            escape(src.url.as_deref().unwrap_or("")),
            finding_links(map, i)
        );
    }
    h.push_str("</table></section>\n");
}
