//! `argcheck graph --format svg`: a standalone SVG of the map, laid out
//! in-process ([`super::layout`]), bottom to top. Every node is one `<g>`
//! whose `id` is its key, with its state in colour and as a text marker
//! (✗ ⚠ ? ✓), so it reads in greyscale too.

use super::layout::{layout, Layout, Pt};
use super::{node_lines, wrap, EdgeKind, Map, NodeKind, State, MAX_TEXT_LINES, WRAP};
use crate::graph::StmtKind;
use std::fmt::Write;

/// `s` escaped for XML and HTML text and attribute values; control
/// characters (which XML 1.0 forbids) and bidirectional overrides become
/// spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls (XML 1.0 forbids most), bidirectional overrides
            // (they reorder what is shown), non-characters.
            c if c.is_control() || crate::render::is_unsafe(c) || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const FONT: f64 = 12.0;
const LINE: f64 = 15.0;
/// Average advance of a character at [`FONT`] (sans-serif), and of a bold one.
const CHAR_W: f64 = 6.7;
const BOLD_W: f64 = 7.3;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 7.0;
const JOINT: f64 = 16.0;
const LEGEND_H: f64 = 62.0;

/// What a node shows, line by line: (text, class).
fn node_text(map: &Map, i: usize) -> Vec<(String, &'static str)> {
    let n = &map.nodes[i];
    if n.kind == NodeKind::Joint {
        return vec![("&".into(), "j")];
    }
    let (head, text, facts) = node_lines(n);
    let mut lines = vec![(head, "h")];
    lines.extend(wrap(&text, WRAP, MAX_TEXT_LINES).into_iter().map(|l| (l, "t")));
    lines.extend(facts.map(|f| (f, "f")));
    let rules = map.rules_on(i);
    if !rules.is_empty() {
        let all = rules.join(", ");
        lines.extend(wrap(&all, WRAP + 4, 2).into_iter().map(|l| (l, "r")));
    }
    lines
}

fn size_of(lines: &[(String, &'static str)], kind: NodeKind) -> (f64, f64) {
    if kind == NodeKind::Joint {
        return (JOINT, JOINT);
    }
    let w = lines
        .iter()
        .map(|(l, class)| {
            let cw = if *class == "h" { BOLD_W } else { CHAR_W };
            l.chars().count() as f64 * cw * if *class == "f" || *class == "r" { 0.9 } else { 1.0 }
        })
        .fold(0.0, f64::max);
    let extra = if matches!(kind, NodeKind::Statement(StmtKind::Objection) | NodeKind::Question) {
        24.0
    } else {
        0.0
    };
    (
        (w + 2.0 * PAD_X + extra).max(120.0),
        lines.len() as f64 * LINE + 2.0 * PAD_Y,
    )
}

fn f(v: f64) -> String {
    // One decimal, no `-0.0`: the same bytes on every run and platform.
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

/// The SVG path of a route, smoothed through the midpoints of its segments.
fn route_path(pts: &[Pt]) -> String {
    let mut d = format!("M{},{}", f(pts[0].x), f(pts[0].y));
    if pts.len() == 2 {
        let _ = write!(d, " L{},{}", f(pts[1].x), f(pts[1].y));
        return d;
    }
    for w in pts.windows(2).skip(1).take(pts.len() - 2) {
        let (c, next) = (w[0], w[1]);
        let mid = Pt {
            x: (c.x + next.x) / 2.0,
            y: (c.y + next.y) / 2.0,
        };
        let _ = write!(d, " Q{},{} {},{}", f(c.x), f(c.y), f(mid.x), f(mid.y));
    }
    let last = pts[pts.len() - 1];
    let _ = write!(d, " L{},{}", f(last.x), f(last.y));
    d
}

/// The shape of a node of `kind` centred at `c` with size `s`.
fn shape(kind: NodeKind, c: Pt, s: (f64, f64)) -> String {
    let (x, y, w, h) = (c.x - s.0 / 2.0, c.y - s.1 / 2.0, s.0, s.1);
    match kind {
        NodeKind::Joint => format!(
            r#"<circle class="shape" cx="{}" cy="{}" r="{}"/>"#,
            f(c.x),
            f(c.y),
            f(JOINT / 2.0)
        ),
        NodeKind::Statement(StmtKind::Premise) => format!(
            r#"<rect class="shape" x="{}" y="{}" width="{}" height="{}" rx="12"/>"#,
            f(x),
            f(y),
            f(w),
            f(h)
        ),
        NodeKind::Statement(StmtKind::Claim) => format!(
            r#"<rect class="shape claim" x="{}" y="{}" width="{}" height="{}" rx="2"/>"#,
            f(x),
            f(y),
            f(w),
            f(h)
        ),
        NodeKind::Statement(StmtKind::Evidence) => {
            let k = 10.0;
            format!(
                r#"<path class="shape" d="M{},{} H{} L{},{} V{} H{} Z"/>"#,
                f(x),
                f(y),
                f(x + w - k),
                f(x + w),
                f(y + k),
                f(y + h),
                f(x)
            )
        }
        NodeKind::Statement(StmtKind::Assumption) => {
            let k = 10.0;
            format!(
                r#"<path class="shape assumption" d="M{},{} H{} L{},{} H{} Z"/>"#,
                f(x + k),
                f(y),
                f(x + w),
                f(x + w - k),
                f(y + h),
                f(x)
            )
        }
        NodeKind::Statement(StmtKind::Objection) => {
            let k = 12.0;
            format!(
                r#"<path class="shape" d="M{},{} H{} L{},{} L{},{} H{} L{},{} Z"/>"#,
                f(x + k),
                f(y),
                f(x + w - k),
                f(x + w),
                f(c.y),
                f(x + w - k),
                f(y + h),
                f(x + k),
                f(x),
                f(c.y)
            )
        }
        NodeKind::Question => {
            // An octagon: corners cut at 45°.
            let k = (h / 3.0).min(12.0);
            format!(
                r#"<path class="shape question" d="M{},{} H{} L{},{} V{} L{},{} H{} L{},{} V{} Z"/>"#,
                f(x + k),
                f(y),
                f(x + w - k),
                f(x + w),
                f(y + k),
                f(y + h - k),
                f(x + w - k),
                f(y + h),
                f(x + k),
                f(x),
                f(y + h - k),
                f(y + k)
            )
        }
        NodeKind::Source => format!(
            r#"<rect class="shape source" x="{}" y="{}" width="{}" height="{}" rx="{}"/>"#,
            f(x),
            f(y),
            f(w),
            f(h),
            f(h.min(40.0) / 4.0)
        ),
    }
}

const STYLE: &str = r#"
.am text{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:12px;fill:#212121}
.am .h{font-weight:bold}
.am .f{font-size:11px;fill:#37474f}
.am .r{font-size:11px;fill:#b71c1c;font-style:italic}
.am .j{font-size:10px;text-anchor:middle}
.am .shape{stroke-width:1.4}
.am .claim{stroke-width:2.6}
.am .assumption{stroke-dasharray:5 3}
.am .shape.source,.am .state-none .shape.source{fill:#e3f2fd;stroke:#1565c0}
.am .kind-reason .shape{fill:#fff;stroke:#37474f}
.am .state-none .shape{fill:#fff;stroke:#37474f}
.am .legend .source{fill:#e3f2fd;stroke:#1565c0}
.am .shape.question,.am .state-none .shape.question{fill:#ede7f6;stroke:#5e35b1;stroke-width:1.8}
.am .edge.answers{stroke:#7e57c2;stroke-width:1.4;stroke-dasharray:2 3}
.am .edge.answers.least{stroke-width:2.4;stroke-dasharray:4 3}
.am .elabel.answers{fill:#5e35b1;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.am .elabel.least{font-weight:bold}
.am .edge{fill:none;stroke:#37474f;stroke-width:1.3}
.am .edge.link{stroke-width:1.1}
.am .edge.cite,.am .edge.derives{stroke:#1565c0;stroke-width:1}
.am .edge.derives{stroke-dasharray:2 3}
.am .edge.attack{stroke:#c62828;stroke-width:1.8;stroke-dasharray:7 4}
.am .edge.void{stroke-opacity:.45;stroke-dasharray:2 3}
.am .elabel{font-size:10px;fill:#1565c0;text-anchor:middle}
"#;

fn state_style() -> String {
    let mut s = String::new();
    for st in State::ALL {
        let (fill, stroke) = st.colors();
        let _ = writeln!(s, ".am .state-{} .shape{{fill:{fill};stroke:{stroke}}}", st.as_str());
    }
    s
}

/// Options of [`render`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Wrap each node in a link to `#node-KEY` (the HTML report's entries).
    pub links: bool,
    /// Add the XML declaration (a standalone file).
    pub standalone: bool,
}

/// The map as a standalone SVG, and a note when the simple layout had to
/// be used.
pub fn write(map: &Map) -> (String, Option<String>) {
    render(
        map,
        Options {
            links: false,
            standalone: true,
        },
    )
}

/// The map as an SVG element, and a note when the simple layout had to be
/// used.
pub fn render(map: &Map, opts: Options) -> (String, Option<String>) {
    let texts: Vec<Vec<(String, &'static str)>> = (0..map.nodes.len()).map(|i| node_text(map, i)).collect();
    let sizes: Vec<(f64, f64)> = texts.iter().zip(&map.nodes).map(|(t, n)| size_of(t, n.kind)).collect();
    let lay: Layout = layout(map, &sizes);
    let width = lay.width.max(legend_width());
    let height = lay.height + LEGEND_H;
    let mut s = String::with_capacity(map.nodes.len() * 600 + 4096);
    if opts.standalone {
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="am" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="argument map">"#,
        f(width),
        f(height),
        f(width),
        f(height)
    );
    let _ = writeln!(
        s,
        "<title>{}</title>",
        escape(&match &map.claim {
            Some(c) => format!("argument map of {c}"),
            None => "argument map".to_string(),
        })
    );
    s.push_str("<defs>\n<style>");
    s.push_str(STYLE);
    s.push_str(&state_style());
    s.push_str("</style>\n");
    for (id, color) in [
        ("am-arrow", "#37474f"),
        ("am-arrow-attack", "#c62828"),
        ("am-arrow-cite", "#1565c0"),
    ] {
        let _ = writeln!(
            s,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>"#
        );
    }
    s.push_str("</defs>\n");
    let _ = legend(&mut s);
    let _ = writeln!(s, r#"<g transform="translate(0,{})">"#, f(LEGEND_H));
    s.push_str("<g class=\"edges\">\n");
    for (k, e) in map.edges.iter().enumerate() {
        let route = &lay.routes[k];
        let (class, marker) = match e.kind {
            EdgeKind::Support => ("support", Some("am-arrow")),
            EdgeKind::Link => ("link", None),
            EdgeKind::Attack => ("attack", Some("am-arrow-attack")),
            EdgeKind::Cite => ("cite", Some("am-arrow-cite")),
            // Drawn from the origin to the source that derives from it;
            // the arrow points back at what it derives from.
            EdgeKind::Derives => ("derives", None),
            // From the question down to the answer: no arrowhead.
            EdgeKind::Answers => ("answers", None),
        };
        let void = if !e.counts {
            " void"
        } else if map.least_answer(k) {
            " least"
        } else {
            ""
        };
        let mut attrs = match marker {
            Some(m) => format!(r#" marker-end="url(#{m})""#),
            None => String::new(),
        };
        if e.kind == EdgeKind::Derives {
            attrs.push_str(r#" marker-start="url(#am-arrow-cite)""#);
        }
        let _ = writeln!(
            s,
            r#"<path class="edge {class}{void}" data-from="{}" data-to="{}" d="{}"{attrs}><title>{}</title></path>"#,
            map.nodes[e.from].key,
            map.nodes[e.to].key,
            route_path(route),
            escape(&edge_title(map, k))
        );
        if let Some(l) = &e.label {
            // Near the head (the citing statement), where it is read.
            let (a, b) = (route[route.len() - 2], route[route.len() - 1]);
            let p = Pt {
                x: a.x + (b.x - a.x) * 0.75,
                y: a.y + (b.y - a.y) * 0.75,
            };
            if e.kind == EdgeKind::Answers {
                // Just above the answer's box, at the corner away from
                // where the line ends (it may end on a side).
                let class = if map.least_answer(k) {
                    "elabel answers least"
                } else {
                    "elabel answers"
                };
                let (c, size) = (lay.centers[e.to], sizes[e.to]);
                let (x, anchor) = if b.x >= c.x {
                    (c.x - size.0 / 2.0 + 4.0, "start")
                } else {
                    (c.x + size.0 / 2.0 - 4.0, "end")
                };
                let b = Pt {
                    x,
                    y: c.y - size.1 / 2.0 + 1.0,
                };
                let _ = writeln!(
                    s,
                    r#"<text class="{class}" style="text-anchor:{anchor}" x="{}" y="{}">{}</text>"#,
                    f(b.x),
                    f(b.y - 5.0),
                    escape(l)
                );
                continue;
            }
            let _ = writeln!(
                s,
                r#"<text class="elabel" x="{}" y="{}">{}</text>"#,
                f(p.x + 7.0),
                f(p.y + 3.0),
                escape(l)
            );
        }
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, n) in map.nodes.iter().enumerate() {
        let c = lay.centers[i];
        let size = sizes[i];
        let state = n.stmt.as_ref().map_or("none", |sf| sf.state.as_str());
        if opts.links && n.kind != NodeKind::Joint {
            let _ = write!(s, r##"<a href="#node-{}">"##, n.key);
        }
        let _ = writeln!(
            s,
            r#"<g id="{}" class="node kind-{} state-{state}" data-key="{}">"#,
            n.key,
            n.kind.as_str(),
            n.key
        );
        let title = node_title(map, i);
        let _ = writeln!(
            s,
            "<title>{}</title>",
            title.split('\n').map(escape).collect::<Vec<_>>().join("\n")
        );
        s.push_str(&shape(n.kind, c, size));
        s.push('\n');
        let lines = &texts[i];
        if n.kind == NodeKind::Joint {
            let _ = writeln!(s, r#"<text class="j" x="{}" y="{}">&amp;</text>"#, f(c.x), f(c.y + 3.5));
        } else {
            let top = c.y - size.1 / 2.0 + PAD_Y + FONT - 1.0;
            let left = c.x - size.0 / 2.0
                + PAD_X
                + if matches!(n.kind, NodeKind::Statement(StmtKind::Objection) | NodeKind::Question) {
                    12.0
                } else {
                    0.0
                };
            for (k, (line, class)) in lines.iter().enumerate() {
                let _ = writeln!(
                    s,
                    r#"<text class="{class}" x="{}" y="{}">{}</text>"#,
                    f(left),
                    f(top + k as f64 * LINE),
                    escape(line)
                );
            }
        }
        s.push_str("</g>");
        if opts.links && n.kind != NodeKind::Joint {
            s.push_str("</a>");
        }
        s.push('\n');
    }
    s.push_str("</g>\n</g>\n</svg>\n");
    (s, lay.fallback)
}

fn node_title(map: &Map, i: usize) -> String {
    let n = &map.nodes[i];
    let full = super::shorten(&n.text, super::MAX_FULL_TEXT);
    let mut t = format!(
        "{} {}: {full}",
        n.kind.as_str(),
        super::shorten(&n.id, super::MAX_FULL_TEXT)
    );
    if n.kind == NodeKind::Joint {
        t = format!("linked reason: {}", n.text);
    }
    if let Some(sf) = &n.stmt {
        let _ = write!(
            t,
            "\nstate {} · label {} · standing {}",
            sf.state.as_str(),
            sf.label.as_str(),
            sf.standing.as_str()
        );
        if let Some((_, by)) = &sf.by {
            let _ = write!(t, " · by {by}");
        }
    }
    for &d in &n.diagnostics {
        let fnd = &map.findings[d];
        let _ = write!(t, "\n{}[{}] {}", fnd.severity.as_str(), fnd.rule, fnd.message);
    }
    t
}

fn edge_title(map: &Map, k: usize) -> String {
    let e = &map.edges[k];
    let (a, b) = (&map.nodes[e.from], &map.nodes[e.to]);
    let name = |n: &super::Node| {
        if n.kind == NodeKind::Joint {
            "a linked reason".to_string()
        } else {
            super::shorten(&n.id, super::MAX_ID)
        }
    };
    let what = match e.kind {
        EdgeKind::Support => format!("{} supports {}", name(a), name(b)),
        EdgeKind::Link => format!("{} is part of a linked reason", name(a)),
        EdgeKind::Attack => format!("{} attacks {}", name(a), name(b)),
        EdgeKind::Cite => format!(
            "{} cites {}{}",
            name(b),
            name(a),
            e.label
                .as_ref()
                .map_or(String::new(), |l| format!(" (credibility {l})"))
        ),
        EdgeKind::Derives => format!("{} is derived from {}", name(b), name(a)),
        EdgeKind::Answers => format!(
            "{} answers question {}{}",
            name(b),
            name(a),
            e.label.as_ref().map_or(String::new(), |l| format!(" ({l})"))
        ),
    };
    if e.counts {
        what
    } else {
        format!("{what} (counts for nothing)")
    }
}

/// The legend's width: the canvas is never narrower.
fn legend_width() -> f64 {
    let mut s = String::new();
    legend(&mut s)
}

/// The key to colours, markers and edges, across the top; returns its
/// width.
fn legend(s: &mut String) -> f64 {
    s.push_str("<g class=\"legend\">\n");
    let mut x = 8.0;
    for st in State::ALL {
        let label = format!("{} {}", st.marker(), st.as_str());
        let w = label.chars().count() as f64 * CHAR_W + 14.0;
        let _ = writeln!(
            s,
            r#"<g class="state-{}"><rect class="shape" x="{}" y="8" width="{}" height="18" rx="3"/><text x="{}" y="21">{}</text></g>"#,
            st.as_str(),
            f(x),
            f(w),
            f(x + 7.0),
            escape(&label)
        );
        x += w + 6.0;
    }
    x += 8.0;
    for (class, label, marker) in [
        ("support", "supports", "am-arrow"),
        ("attack", "attacks", "am-arrow-attack"),
        ("cite", "cites (credibility)", "am-arrow-cite"),
        ("derives", "derived from", "am-arrow-cite"),
        ("answers", "answers (score)", ""),
    ] {
        let marker = if marker.is_empty() {
            String::new()
        } else {
            format!(r#" marker-end="url(#{marker})""#)
        };
        let _ = writeln!(
            s,
            r#"<path class="edge {class}" d="M{},17 H{}"{marker}/><text x="{}" y="21">{label}</text>"#,
            f(x),
            f(x + 26.0),
            f(x + 31.0)
        );
        x += 36.0 + label.len() as f64 * CHAR_W;
    }
    let first_row = x;
    // Second row: the shapes of the kinds.
    let mut x = 8.0;
    for (kind, label) in [
        (NodeKind::Statement(StmtKind::Claim), "claim"),
        (NodeKind::Statement(StmtKind::Premise), "premise"),
        (NodeKind::Statement(StmtKind::Evidence), "evidence"),
        (NodeKind::Statement(StmtKind::Assumption), "assumption"),
        (NodeKind::Statement(StmtKind::Objection), "objection"),
        (NodeKind::Source, "source"),
        (NodeKind::Question, "question"),
        (NodeKind::Joint, "linked reason (its statements together)"),
    ] {
        let size = if kind == NodeKind::Joint {
            (JOINT, JOINT)
        } else {
            (38.0, 16.0)
        };
        let _ = writeln!(
            s,
            r#"<g class="kind-{} state-none">{}<text x="{}" y="48">{label}</text></g>"#,
            kind.as_str(),
            shape(
                kind,
                Pt {
                    x: x + size.0 / 2.0,
                    y: 44.0
                },
                size
            ),
            f(x + size.0 + 5.0)
        );
        x += size.0 + 14.0 + label.len() as f64 * CHAR_W;
    }
    s.push_str("</g>\n");
    x.max(first_row) + 8.0
}
