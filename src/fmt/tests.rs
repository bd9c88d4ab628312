use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn fmt(s: &str) -> String {
    format_source(s).unwrap_or_else(|e| panic!("{e:?}\n{s}"))
}

/// The non-whitespace characters of a text, counted: what the formatter
/// must never add or lose. (It changes only blanks: spaces, tabs, line
/// ends, blank lines; every other character, `,` and `#` included, is
/// kept.)
fn ink(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// What a document says, independent of layout: per item its kind, id and
/// text, and its attributes grouped by key (the order within a key kept).
fn meaning(s: &str) -> Vec<(String, Vec<(String, String)>)> {
    let p = syntax::parse(s);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    p.ast
        .items
        .iter()
        .map(|it| {
            let head = format!(
                "{} {} {}",
                it.kind.keyword(),
                it.id.map_or("", |t| p.ast.str(s, t)),
                it.text.map_or("", |t| p.ast.str(s, t))
            );
            let mut attrs: Vec<(String, String)> = p
                .ast
                .attrs_of(it)
                .iter()
                .map(|a| (p.ast.str(s, a.key).to_string(), value_text(s, &p.ast, &a.value)))
                .collect();
            attrs.sort_by(|a, b| a.0.cmp(&b.0));
            (head, attrs)
        })
        .collect()
}

/// Every property of one input that parses cleanly.
fn check_properties(input: &str) {
    let once = fmt(input);
    let twice = fmt(&once);
    assert_eq!(once, twice, "not idempotent on\n{input:?}");
    assert_eq!(ink(input), ink(&once), "text lost or added on\n{input:?}\n→\n{once:?}");
    assert_eq!(meaning(input), meaning(&once), "meaning changed on\n{input:?}");
    // The minimal edit rebuilds the formatted text.
    if let Some(e) = minimal_edit(input, &once) {
        let mut t = input.to_string();
        t.replace_range(e.range, &e.new_text);
        assert_eq!(t, once);
    }
    // Formatting a range, then the whole, is formatting the whole.
    let len = input.len();
    for range in [0..len, len / 3..len / 2, len / 2..len / 2] {
        if let Some(e) = format_range(input, range).expect("parses") {
            let mut t = input.to_string();
            t.replace_range(e.range, &e.new_text);
            assert_eq!(fmt(&t), once, "range formatting diverged on\n{input:?}");
        }
    }
}

#[test]
fn canonical_layout() {
    let src = "claim\tc   \"C\"   # why\n    by: s\n\tconfidence: likely\n  because:a ,b,  c\n\n\n  cite: s   3  \"loc\"   2017-02-27\nsource s \"S\"\n  kind: wire\n  reliability: B\n";
    assert_eq!(
        fmt(src),
        "claim c \"C\" # why\n  because: a, b, c\n  cite: s 3 \"loc\" 2017-02-27\n  confidence: likely\n  by: s\n\nsource s \"S\"\n  reliability: B\n  kind: wire\n"
    );
}

#[test]
fn comments_stay_with_their_lines() {
    let src = "# file\n\n\n# about c\nclaim c \"C\"\n  # about by\n  by: s # trailing\n# col 0, still about because\n  because: a\n  # at the end of c\n# about d\n\n  # indented, before d\n\npremise d \"D\"\n\n\n# the end\n";
    assert_eq!(
        fmt(src),
        "# file\n\n# about c\nclaim c \"C\"\n  # col 0, still about because\n  because: a\n  # about by\n  by: s # trailing\n  # at the end of c\n\n# about d\n\n# indented, before d\n\npremise d \"D\"\n\n# the end\n"
    );
}

#[test]
fn strings_are_kept_byte_for_byte() {
    let src = "claim c \"one\n     two \\\"q\\\"  \t x\"\n  note:   \"a  \\n b\"   \n";
    assert_eq!(
        fmt(src),
        "claim c \"one\n     two \\\"q\\\"  \t x\"\n  note: \"a  \\n b\"\n"
    );
}

#[test]
fn line_ends_bom_and_edges() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
    assert_eq!(fmt("\u{feff}"), "\u{feff}");
    assert_eq!(fmt("# only\n\n\n# comments"), "# only\n\n# comments\n");
    assert_eq!(fmt("claim c \"C\""), "claim c \"C\"\n");
    assert_eq!(
        fmt("\u{feff}claim c \"C\"\r\n  by: s\r\nclaim d \"D\"\r\n"),
        "\u{feff}claim c \"C\"\r\n  by: s\r\n\r\nclaim d \"D\"\r\n"
    );
    assert_eq!(fmt("claim c \"C\"\r  by: s\r"), "claim c \"C\"\r  by: s\r");
    assert_eq!(
        fmt("use   \"a.arg\"\nuse \"b.yaml\"\n"),
        "use \"a.arg\"\n\nuse \"b.yaml\"\n"
    );
}

#[test]
fn every_value_shape() {
    let src = "question q \"Q\"\n  note: \"n\"\n  allow: x,y\n  answers: a,b\nsource s \"S\"\n  retracted:  2018-05-02   \"why\"\n  derived-from: t ,u\n  url: https://x.org/a#b   # c\n  date: 2017-01-01\npremise p \"P\"\n  rates: a  I,b   NA\n  expect: in,likely\n  zzz: unknown key\n  attacks: o\n";
    assert_eq!(
        fmt(src),
        "question q \"Q\"\n  answers: a, b\n  allow: x, y\n  note: \"n\"\n\nsource s \"S\"\n  url: https://x.org/a#b # c\n  date: 2017-01-01\n  derived-from: t, u\n  retracted: 2018-05-02 \"why\"\n\npremise p \"P\"\n  attacks: o\n  expect: in, likely\n  rates: a I, b NA\n  zzz: unknown key\n"
    );
}

#[test]
fn syntax_errors_are_refused() {
    match format_source("claim c \"open\nclaim d \"D\"\n") {
        Err(FormatError::Syntax(e)) => assert_eq!(e[0].message, "unterminated string"),
        other => panic!("{other:?}"),
    }
    assert!(format_range("foo\n", 0..1).is_err());
}

#[test]
fn range_formats_only_the_items_it_touches() {
    let src = "claim a \"A\"\n    by: s\nclaim b \"B\"\n    by: s\n\n\n\nclaim c \"C\"\n    by: s\n";
    let at = src.find("claim b").expect("b");
    let e = format_range(src, at + 3..at + 4).expect("parses").expect("an edit");
    assert_eq!(&src[e.range.clone()], "claim b \"B\"\n    by: s");
    assert_eq!(e.new_text, "claim b \"B\"\n  by: s");
    let whole = format_range(src, 0..src.len()).expect("parses").expect("an edit");
    assert_eq!(
        whole.new_text,
        "claim a \"A\"\n  by: s\n\nclaim b \"B\"\n  by: s\n\nclaim c \"C\"\n  by: s"
    );
    assert_eq!(format_range(&fmt(src), 0..src.len()).expect("parses"), None);
}

#[test]
fn markdown_blocks_are_formatted_in_place() {
    let md = "# Title\r\n\r\n```arg\r\nclaim a \"A\"\r\n    by: s\r\nclaim b \"B\"\r\n```\r\n\r\n> quoted\r\n>\r\n> ```arg\r\n> claim c  \"C\"\r\n>     because: a,b\r\n>\r\n>\r\n> premise d \"D\"\r\n> ```\r\n\r\n1. item\r\n\r\n   ```arg\r\n   claim e \"E\"\r\n        by: s\r\n   ```\r\ntext after\r\n";
    let out = format_markdown(md).expect("formats");
    assert_eq!(
        out,
        "# Title\r\n\r\n```arg\r\nclaim a \"A\"\r\n  by: s\r\n\r\nclaim b \"B\"\r\n```\r\n\r\n> quoted\r\n>\r\n> ```arg\r\n> claim c \"C\"\r\n>   because: a, b\r\n>\r\n> premise d \"D\"\r\n> ```\r\n\r\n1. item\r\n\r\n   ```arg\r\n   claim e \"E\"\r\n     by: s\r\n   ```\r\ntext after\r\n"
    );
    assert_eq!(format_markdown(&out).expect("formats"), out);
    assert!(matches!(
        format_markdown("```arg\nclaim a\n```\n"),
        Err(FormatError::Syntax(_))
    ));
    let plain = "no blocks here\n\n```rust\nclaim   x \"y\"\n```\n";
    assert_eq!(format_markdown(plain).expect("formats"), plain);
}

// ---- property tests ---------------------------------------------------------

/// Reads choices off a tape of bytes (proptest shrinks the tape).
struct Tape<'a>(&'a [u8], usize);

impl Tape<'_> {
    fn next(&mut self, n: usize) -> usize {
        let b = self.0.get(self.1).copied().unwrap_or(0) as usize;
        self.1 += 1;
        b % n.max(1)
    }
    fn pick<'b>(&mut self, xs: &[&'b str]) -> &'b str {
        xs[self.next(xs.len())]
    }
}

const IDS: [&str; 7] = ["a", "b-2", "c_d", "ñandú", "isk", "x9", "স্রোত"];

fn blanks(t: &mut Tape) -> &'static str {
    ["", " ", "  ", "\t", " \t "][t.next(5)]
}

fn gap(t: &mut Tape) -> &'static str {
    [" ", "  ", "\t", " \t"][t.next(4)]
}

fn string(t: &mut Tape, nl: &str) -> String {
    let mut s = String::from("\"");
    s.push_str(t.pick(&["text", "Ürdu اردو", "a  b", "q \\\"x\\\"", "# not a comment", "😀", ""]));
    if t.next(4) == 0 {
        s.push_str(nl);
        s.push_str(t.pick(&[" ", "   ", "\t"]));
        s.push_str("more");
    }
    s.push('"');
    s
}

fn comment(t: &mut Tape) -> String {
    format!("#{}", t.pick(&["", " c", " a, b: \"x\"", "#", " ünï 😀  "]))
}

fn list(t: &mut Tape, n: usize) -> String {
    let k = 1 + t.next(n);
    let mut s = String::new();
    for i in 0..k {
        if i > 0 {
            s.push_str(t.pick(&[",", ", ", " ,", " , ", ",\t"]));
        }
        s.push_str(t.pick(&IDS));
    }
    s
}

/// A document that parses cleanly, with blanks, comments, line ends and
/// attribute orders drawn from the tape.
fn document(tape: &[u8]) -> String {
    let mut t = Tape(tape, 0);
    let nl = ["\n", "\r\n", "\n", "\r"][t.next(4)];
    let mut s = String::new();
    if t.next(6) == 0 {
        s.push('\u{feff}');
    }
    let items = t.next(6);
    for _ in 0..items {
        for _ in 0..t.next(3) {
            match t.next(3) {
                0 => s.push_str(nl),
                1 => {
                    s.push_str(blanks(&mut t));
                    s.push_str(&comment(&mut t));
                    s.push_str(nl);
                }
                _ => {
                    s.push_str(&comment(&mut t));
                    s.push_str(nl);
                }
            }
        }
        let kw = t.pick(&[
            "claim",
            "premise",
            "evidence",
            "assumption",
            "objection",
            "source",
            "question",
            "use",
        ]);
        s.push_str(kw);
        s.push_str(gap(&mut t));
        if kw != "use" {
            s.push_str(t.pick(&IDS));
            s.push_str(gap(&mut t));
        }
        s.push_str(&string(&mut t, nl));
        if t.next(4) == 0 {
            s.push_str(gap(&mut t));
            s.push_str(&comment(&mut t));
        }
        s.push_str(blanks(&mut t));
        s.push_str(nl);
        for _ in 0..t.next(7) {
            match t.next(8) {
                0 => {
                    s.push_str(blanks(&mut t));
                    s.push_str(nl);
                    continue;
                }
                1 => {
                    s.push_str(blanks(&mut t));
                    s.push_str(&comment(&mut t));
                    s.push_str(nl);
                    continue;
                }
                _ => {}
            }
            s.push_str(["  ", "    ", "\t", " "][t.next(4)]);
            // Every key of the language, or one it does not know.
            let n = crate::syntax::keys::ALL.len();
            let key = crate::syntax::keys::ALL
                .get(t.next(n + 1))
                .copied()
                .unwrap_or("zz-unknown");
            s.push_str(key);
            s.push_str(["", " ", "\t"][t.next(3)]);
            s.push(':');
            s.push_str(gap(&mut t));
            let v = match key {
                "because" | "attacks" | "expect" | "allow" | "derived-from" | "answers" => list(&mut t, 4),
                "by" => t.pick(&IDS).to_string(),
                "cite" => {
                    let mut v = t.pick(&IDS).to_string();
                    if t.next(2) == 0 {
                        v.push_str(gap(&mut t));
                        v.push_str(t.pick(&["1", "3", "6"]));
                    }
                    if t.next(2) == 0 {
                        v.push_str(gap(&mut t));
                        v.push_str(&string(&mut t, nl));
                    }
                    if t.next(2) == 0 {
                        v.push_str(gap(&mut t));
                        v.push_str("2017-02-27");
                    }
                    v
                }
                "rates" => {
                    let mut v = String::new();
                    for i in 0..1 + t.next(3) {
                        if i > 0 {
                            v.push_str(t.pick(&[",", ", ", " , "]));
                        }
                        v.push_str(t.pick(&IDS));
                        v.push_str(gap(&mut t));
                        v.push_str(t.pick(&["CC", "C", "N", "I", "II", "NA"]));
                    }
                    v
                }
                "retracted" => {
                    let mut v = String::from("2018-05-02");
                    if t.next(2) == 0 {
                        v.push_str(gap(&mut t));
                        v.push_str(&string(&mut t, nl));
                    }
                    v
                }
                "note" => string(&mut t, nl),
                _ => t
                    .pick(&[
                        "likely",
                        "B",
                        "https://x.org/p#frag",
                        "wire  service",
                        "2017-01-01",
                        "a#b",
                    ])
                    .to_string(),
            };
            s.push_str(&v);
            if t.next(4) == 0 {
                s.push_str(gap(&mut t));
                s.push_str(&comment(&mut t));
            }
            s.push_str(blanks(&mut t));
            s.push_str(nl);
        }
    }
    for _ in 0..t.next(3) {
        s.push_str(blanks(&mut t));
        s.push_str(&comment(&mut t));
        s.push_str(nl);
    }
    if t.next(3) == 0 {
        // No final line end.
        let cut = s.trim_end_matches(['\n', '\r']).len();
        s.truncate(cut);
    }
    s
}

/// A text that may not parse: a generated document with a few bytes
/// inserted, deleted or swapped.
fn mutated(tape: &[u8], edits: &[(u16, u8)]) -> String {
    mutate(document(tape), edits)
}

/// `s` with a few bytes inserted or deleted at the places `edits` pick.
fn mutate(mut s: String, edits: &[(u16, u8)]) -> String {
    const INSERTS: [&str; 10] = [
        " ",
        "\t",
        "\n",
        "\r\n",
        "#",
        "\"",
        ",",
        "  # x\n",
        "claim z \"Z\"\n",
        ":",
    ];
    for &(at, what) in edits {
        let mut at = (at as usize) % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        if what % 3 == 0 {
            let end = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            s.replace_range(at..end, "");
        } else {
            s.insert_str(at, INSERTS[what as usize % INSERTS.len()]);
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Generated documents: idempotent, no text lost, same meaning, range
    /// formatting agrees with whole formatting.
    #[test]
    fn generated_documents(tape in proptest::collection::vec(any::<u8>(), 0..400)) {
        let doc = document(&tape);
        let p = syntax::parse(&doc);
        prop_assume!(p.errors.is_empty());
        check_properties(&doc);
    }

    /// Mutated documents: either refused for their syntax errors or
    /// formatted with every property.
    #[test]
    fn mutated_documents(
        tape in proptest::collection::vec(any::<u8>(), 0..300),
        edits in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..6),
    ) {
        let doc = mutated(&tape, &edits);
        match format_source(&doc) {
            Err(FormatError::Syntax(e)) => prop_assert!(!e.is_empty()),
            Err(e) => prop_assert!(false, "{e:?} on {doc:?}"),
            Ok(_) => check_properties(&doc),
        }
        // Markdown: the same text in a block, between untouched prose.
        let md = format!("Prose  \n\n```arg\n{doc}\n```\n\n  more prose\n");
        match format_markdown(&md) {
            Err(FormatError::Syntax(_)) => {}
            Err(e) => prop_assert!(false, "{e:?} on {md:?}"),
            Ok(out) => {
                prop_assert!(out.starts_with("Prose  \n\n```arg\n"));
                prop_assert!(out.ends_with("```\n\n  more prose\n"));
                prop_assert_eq!(ink(&out), ink(&md));
                prop_assert_eq!(format_markdown(&out).expect("formats"), out);
            }
        }
        // In a quote inside a list: the container prefix on every line.
        let quoted: String = doc
            .split('\n')
            .map(|l| if l.is_empty() { "   >\n".to_string() } else { format!("   > {l}\n") })
            .collect();
        let md = format!("1. item\n\n   > ```arg\n{quoted}   > ```\n\nafter\n");
        match format_markdown(&md) {
            Err(FormatError::Syntax(_)) => {}
            Err(e) => prop_assert!(false, "{e:?} on {md:?}"),
            Ok(out) => {
                let blocks = |s: &str| crate::syntax::markdown_cmark::extract(s).text;
                prop_assert_eq!(ink(&blocks(&out)), ink(&blocks(&md)));
                prop_assert!(out.ends_with("   > ```\n\nafter\n"));
                prop_assert_eq!(format_markdown(&out).expect("formats"), out);
            }
        }
    }
}

/// The showcase, as committed.
const SHOWCASE: &str = include_str!("../../arguments/isk-pakistan.arg");

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The showcase with blanks, line breaks, comments, quotes or commas
    /// inserted or characters deleted anywhere: refused, or formatted with
    /// every property.
    #[test]
    fn mutated_showcase(edits in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..8)) {
        let doc = mutate(SHOWCASE.to_string(), &edits);
        match format_source(&doc) {
            Err(FormatError::Syntax(e)) => prop_assert!(!e.is_empty()),
            Err(e) => prop_assert!(false, "{e:?} on {doc:?}"),
            Ok(_) => check_properties(&doc),
        }
    }
}

#[test]
fn generated_documents_are_mostly_valid() {
    // The generator must exercise the formatter, not the error path.
    let mut valid = 0;
    for seed in 0..500u32 {
        let tape: Vec<u8> = (0..300u32)
            .map(|i| (seed.wrapping_mul(2_654_435_761).wrapping_add(i.wrapping_mul(40_503)) >> 7) as u8)
            .collect();
        if syntax::parse(&document(&tape)).errors.is_empty() {
            valid += 1;
        }
    }
    assert!(valid > 400, "only {valid} of 500 generated documents parse");
}

#[test]
fn minimal_edits_cover_whole_lines() {
    let old = "claim c \"C\"\r\n    by: s\r\n# end\r\n";
    let new = fmt(old);
    let e = minimal_edit(old, &new).expect("an edit");
    assert_eq!(&old[e.range.clone()], "    by: s\r\n");
    assert_eq!(e.new_text, "  by: s\r\n\r\n");
    assert_eq!(minimal_edit(&new, &new), None);
}
