//! YAML source registries (`use "sources.yaml"`).
//!
//! A registry is parsed with serde_yaml and turned into the same syntax
//! tree as `source` items of an `.arg` file, with spans from
//! [`YamlIndex`], so that resolution and every rule treat both alike and
//! report problems at the right line of the YAML file.

use crate::config::{load_yaml, report_merge_errors, scalar_text};
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::{Span, Span32};
use crate::syntax::{lexer, Ast, Attr, Idx, Item, ItemKind, Value};
use crate::yamlspan::{PathKey, YamlIndex};
use serde_yaml::Value as Y;
use std::collections::HashMap;

/// Where a key of the mapping at `at` is written: its own span, else the mapping's.
fn key_span_at(index: &YamlIndex, at: PathKey, key: &str) -> Span {
    let p = at.child(key);
    index.key_span_at(p).unwrap_or_else(|| index.best_span_at(p))
}

/// Reports a key that is not a plain name (`[a, b]:`, `? {x: 1}`, `!t x:`, `null:`),
/// the `n`-th such key of the mapping at `at`.
fn bad_key(file: FileId, index: &YamlIndex, at: PathKey, n: usize, key: &Y, what: &str, diags: &mut Vec<Diagnostic>) {
    let span = match key {
        Y::Null => key_span_at(index, at, "null"),
        _ => index
            .complex_key_span_at(at, n)
            .unwrap_or_else(|| index.best_span_at(at)),
    };
    let kind = match key {
        Y::Null => "null",
        Y::Sequence(_) => "a list",
        Y::Mapping(_) => "a mapping",
        _ => "a tagged value",
    };
    diags.push(
        Diagnostic::new(
            &rules::invalid_value::RULE,
            Loc::new(file, span),
            format!("{what} must be a plain name, not {kind}"),
            "not a plain key",
        )
        .with_help("write a key as a word followed by `:`, such as `ap:`; complex keys (`[a, b]:`, `? {x: 1}`) are not supported"),
    );
}

/// Reports a tagged value (`!custom {..}`) at its tag.
fn tagged(
    file: FileId,
    index: &YamlIndex,
    path: PathKey,
    t: &serde_yaml::value::TaggedValue,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let span = index.tag_span_at(path).unwrap_or_else(|| index.best_span_at(path));
    diags.push(
        Diagnostic::new(
            &rules::invalid_value::RULE,
            Loc::new(file, span),
            format!("{what} has a YAML tag `{}`, which a registry does not support", t.tag),
            "tag not supported",
        )
        .with_help("remove the tag: a registry holds plain mappings, lists and text"),
    );
}

/// Reads the sources of a registry into the same tree as `source` items.
/// Problems are pushed to `diags`.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Ast {
    let mut ast = Ast::default();
    let index = YamlIndex::new(text);
    let Some(value) = load_yaml(file, text, &index, diags) else {
        return ast;
    };
    let invalid = |diags: &mut Vec<Diagnostic>, span: Span, msg: String, help: &str| {
        diags.push(
            Diagnostic::new(&rules::invalid_value::RULE, Loc::new(file, span), msg, "invalid value").with_help(help),
        );
    };
    let mut merge_errors = Vec::new();
    let top = match &value {
        Y::Null => return ast,
        Y::Mapping(m) => m,
        Y::Tagged(t) => {
            tagged(file, &index, PathKey::ROOT, t, "the registry", diags);
            return ast;
        }
        Y::Sequence(_) => {
            invalid(
                diags,
                index.key_span(&["0"]).unwrap_or_else(|| index.best_span(&[])),
                "a source registry must be a mapping with a `sources` key, not a list".into(),
                "sources:\n  ap:\n    title: Associated Press\n    reliability: A",
            );
            return ast;
        }
        _ => {
            invalid(
                diags,
                index.best_span(&[]),
                "a source registry must be a mapping with a `sources` key".into(),
                "sources:\n  ap:\n    title: Associated Press\n    reliability: A",
            );
            return ast;
        }
    };
    let mut complex_seen: HashMap<PathKey, usize> = HashMap::new();
    let mut next_complex = |at: PathKey| {
        let n = complex_seen.entry(at).or_default();
        *n += 1;
        *n - 1
    };
    for e in index.entries(top, PathKey::ROOT, &mut merge_errors) {
        let Some(key) = scalar_text(e.key) else {
            let n = if matches!(e.key, Y::Null) {
                0
            } else {
                next_complex(e.at)
            };
            bad_key(file, &index, e.at, n, e.key, "a registry key", diags);
            continue;
        };
        if key != "sources" {
            invalid(
                diags,
                key_span_at(&index, e.at, &key),
                format!("unknown key `{key}` in a source registry"),
                "a registry holds one key, `sources`, mapping ids to source fields",
            );
            continue;
        }
        let sources_at = e.at.child("sources");
        let entries = match e.value {
            Y::Mapping(m) => m,
            Y::Null => continue,
            Y::Tagged(t) => {
                tagged(file, &index, sources_at, t, "`sources`", diags);
                continue;
            }
            _ => {
                invalid(
                    diags,
                    index.best_span_at(sources_at),
                    "`sources` must map ids to source fields".into(),
                    "sources:\n  ap:\n    title: Associated Press",
                );
                continue;
            }
        };
        for se in index.entries(entries, sources_at, &mut merge_errors) {
            let Some(id) = scalar_text(se.key) else {
                let n = if matches!(se.key, Y::Null) {
                    0
                } else {
                    next_complex(se.at)
                };
                bad_key(file, &index, se.at, n, se.key, "a source id", diags);
                continue;
            };
            let id_span = key_span_at(&index, se.at, &id);
            let valid_id = lexer::is_identifier(&id);
            if !valid_id {
                invalid(
                    diags,
                    id_span.clone(),
                    format!("`{id}` is not a valid id"),
                    "an id is a letter followed by letters, digits, `-` or `_`",
                );
                continue;
            }
            let id_tok = ast.own(Span32::from(id_span.clone()), lexer::nfc(&id));
            let mut item = Item {
                kind: ItemKind::Source,
                keyword: Span32::from(id_span.clone()),
                id: Some(id_tok),
                text: None,
                attrs: Idx::default(),
                span: Span32::from(id_span.clone()),
            };
            let mut attrs: Vec<Attr> = Vec::new();
            let src_at = se.at.child(&id);
            let fields = match se.value {
                Y::Mapping(m) => m,
                Y::Null => {
                    ast.items.push(item);
                    continue;
                }
                Y::Tagged(t) => {
                    tagged(file, &index, src_at, t, &format!("source `{id}`"), diags);
                    continue;
                }
                _ => {
                    invalid(
                        diags,
                        index.best_span_at(src_at),
                        format!("source `{id}` must be a mapping of fields"),
                        "ap:\n  title: Associated Press\n  reliability: A",
                    );
                    continue;
                }
            };
            for fe in index.entries(fields, src_at, &mut merge_errors) {
                let Some(field) = scalar_text(fe.key) else {
                    let n = if matches!(fe.key, Y::Null) {
                        0
                    } else {
                        next_complex(fe.at)
                    };
                    bad_key(file, &index, fe.at, n, fe.key, "a source field", diags);
                    continue;
                };
                let fv = fe.value;
                let path = fe.at.child(&field);
                let key_span = index.key_span_at(path).unwrap_or_else(|| id_span.clone());
                let value_span = index.value_span_at(path).unwrap_or_else(|| key_span.clone());
                let key = ast.own(Span32::from(key_span.clone()), field.as_str());
                if let Y::Tagged(t) = fv {
                    tagged(file, &index, path, t, &format!("`{field}` of `{id}`"), diags);
                    continue;
                }
                let value = match field.as_str() {
                    "title" => {
                        match scalar_text(fv) {
                            Some(t) => item.text = Some(ast.own(Span32::from(value_span), t)),
                            None => invalid(
                                diags,
                                value_span,
                                format!("the title of `{id}` must be text"),
                                "title: Associated Press",
                            ),
                        }
                        continue;
                    }
                    "retracted" => {
                        // `retracted: DATE` or `retracted: {date: DATE, note: "…"}`.
                        let (date, note) = match fv {
                            Y::Mapping(m) => {
                                let get = |k: &str| m.get(Y::String(k.into())).and_then(scalar_text);
                                let sub = |k: &str| {
                                    let p = path.child(k);
                                    index.value_span_at(p).unwrap_or_else(|| value_span.clone())
                                };
                                (
                                    get("date").map(|d| (d, sub("date"))),
                                    get("note").map(|n| (n, sub("note"))),
                                )
                            }
                            other => (scalar_text(other).map(|d| (d, value_span.clone())), None),
                        };
                        let Some((date, date_span)) = date else {
                            invalid(
                                diags,
                                value_span,
                                format!("`retracted` of `{id}` needs a date"),
                                "retracted: 2018-05-02   # or {date: 2018-05-02, note: \"why\"}",
                            );
                            continue;
                        };
                        let date = ast.own(Span32::from(date_span), date);
                        let note = note.map(|(n, sp)| ast.own(Span32::from(sp), n));
                        ast.retractions.push(crate::syntax::Retraction { date, note });
                        Value::Retracted(ast.retractions.len() as u32 - 1)
                    }
                    "derived-from" | "allow" => {
                        let list: Vec<(usize, &Y)> = match fv {
                            Y::Sequence(s) => s.iter().enumerate().collect(),
                            other => vec![(0, other)],
                        };
                        let mut ids = Vec::new();
                        for (i, x) in list {
                            let span: Span = if matches!(fv, Y::Sequence(_)) {
                                index.item_span_at(path, i).unwrap_or_else(|| value_span.clone())
                            } else {
                                value_span.clone()
                            };
                            match scalar_text(x) {
                                Some(s) => ids.push(ast.own(Span32::from(span), s)),
                                None => invalid(diags, span, format!("`{field}` takes ids"), "derived-from: [fpj]"),
                            }
                        }
                        Value::Ids(ast.push_ids(ids))
                    }
                    _ => match scalar_text(fv) {
                        Some(s) => Value::Text(ast.own(Span32::from(value_span), s)),
                        None => {
                            invalid(
                                diags,
                                value_span,
                                format!("`{field}` of `{id}` must be a single value"),
                                "reliability: A",
                            );
                            continue;
                        }
                    },
                };
                let end = ast.value_span(&value).end.max(key_span.end as u32);
                attrs.push(Attr {
                    key,
                    value,
                    span: Span32 {
                        start: key_span.start as u32,
                        end,
                    },
                });
            }
            item.attrs = ast.push_attrs(attrs);
            ast.items.push(item);
        }
    }
    report_merge_errors(file, merge_errors, diags);
    ast
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    /// An owned view of a parsed source, for assertions.
    #[derive(Debug)]
    struct S {
        value: String,
        span: Range<usize>,
    }

    #[derive(Debug)]
    enum V {
        Ids(Vec<S>),
        Text(S),
        Other,
    }

    #[derive(Debug)]
    struct A {
        key: S,
        value: V,
    }

    #[derive(Debug)]
    struct I {
        id: Option<S>,
        text: Option<S>,
        attrs: Vec<A>,
    }

    fn view(ast: &Ast, text: &str) -> Vec<I> {
        let s = |t: crate::syntax::Tok| S {
            value: ast.str(text, t).to_string(),
            span: t.range(),
        };
        ast.items
            .iter()
            .map(|it| I {
                id: it.id.map(s),
                text: it.text.map(s),
                attrs: ast
                    .attrs_of(it)
                    .iter()
                    .map(|a| A {
                        key: s(a.key),
                        value: match a.value {
                            Value::Ids(ids) => V::Ids(ast.ids(ids).iter().map(|t| s(*t)).collect()),
                            Value::Text(t) => V::Text(s(t)),
                            _ => V::Other,
                        },
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn reads_the_documented_registry() {
        let text = "sources:\n  ap:\n    title: Associated Press\n    reliability: A\n    kind: wire\n  indianspice:\n    title: IndianSpice (blog)\n    reliability: E\n    derived-from: [fpj]\n";
        let mut d = Vec::new();
        let ast = parse(0, text, &mut d);
        let items = view(&ast, text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(items.len(), 2);
        let ind = &items[1];
        assert_eq!(&text[ind.id.as_ref().unwrap().span.clone()], "indianspice");
        assert_eq!(ind.text.as_ref().unwrap().value, "IndianSpice (blog)");
        match &ind.attrs[1].value {
            V::Ids(ids) => assert_eq!(&text[ids[0].span.clone()], "fpj"),
            v => panic!("{v:?}"),
        }
        match &ind.attrs[0].value {
            V::Text(t) => assert_eq!(&text[t.span.clone()], "E"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn yaml_errors_point_at_their_line() {
        let text = "sources:\n  ap:\n    title: [unclosed\n";
        let mut d = Vec::new();
        parse(0, text, &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule, "syntax-error");
    }

    #[test]
    fn unknown_top_key() {
        let text = "sorces:\n  ap: {}\n";
        let mut d = Vec::new();
        parse(0, text, &mut d);
        assert_eq!(d[0].rule, "invalid-value");
        assert_eq!(d[0].loc.span, 0..6);
    }
    fn run(text: &str) -> (Vec<I>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let ast = parse(0, text, &mut d);
        (view(&ast, text), d)
    }

    fn attr<'a>(item: &'a I, key: &str) -> Option<&'a V> {
        item.attrs.iter().find(|a| a.key.value == key).map(|a| &a.value)
    }

    fn text_at<'a>(text: &'a str, v: Option<&V>) -> &'a str {
        match v {
            Some(V::Text(t)) => &text[t.span.clone()],
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_byte_order_mark_keeps_positions() {
        let text = "\u{feff}sources:\n  ap:\n    title: AP\n    reliability: G\n";
        let (items, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(text_at(text, attr(&items[0], "reliability")), "G");
        assert_eq!(&text[items[0].id.as_ref().unwrap().span.clone()], "ap");
        // A YAML error after a BOM points at its own place too.
        let text = "\u{feff}sources:\n  ap:\n    title: [x\n";
        let (_, d) = run(text);
        assert_eq!(d[0].rule, "syntax-error");
        assert!(d[0].loc.span.start > 20, "{:?}", d[0].loc);
    }

    #[test]
    fn merge_keys_apply_and_explicit_keys_win() {
        let text = "sources:\n  ap: &wire\n    title: AP\n    kind: wire\n    reliability: B\n  reuters:\n    <<: *wire\n    title: Reuters\n    reliability: A\n";
        let (items, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        let r = &items[1];
        assert_eq!(r.text.as_ref().unwrap().value, "Reuters");
        assert_eq!(text_at(text, attr(r, "reliability")), "A");
        // The merged field is reported where it is written: in `ap`.
        let kind = text_at(text, attr(r, "kind"));
        assert_eq!(kind, "wire");
        assert!(r.attrs.iter().all(|a| a.key.value != "<<"));
        let text = "sources:\n  a: &a {kind: wire, reliability: B}\n  b: &b {kind: blog, reliability: E, url: x}\n  c:\n    <<: [*a, *b]\n    title: C\n";
        let (items, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        let c = &items[2];
        match attr(c, "reliability") {
            Some(V::Text(t)) => assert_eq!(t.value, "B"),
            v => panic!("{v:?}"),
        }
        match attr(c, "url") {
            Some(V::Text(t)) => assert_eq!(t.value, "x"),
            v => panic!("{v:?}"),
        }
        // An invalid merged value is reported at the anchored source that holds it.
        let text = "sources:\n  a: &a\n    reliability: G\n  b:\n    <<: *a\n";
        let (items, _) = run(text);
        let spans: Vec<&str> = items
            .iter()
            .filter_map(|i| match attr(i, "reliability") {
                Some(V::Text(t)) => Some(&text[t.span.clone()]),
                _ => None,
            })
            .collect();
        assert_eq!(spans, ["G", "G"]);
    }

    #[test]
    fn bad_merges_are_reported() {
        let text = "sources:\n  a:\n    <<: 1\n  b:\n    <<: [x]\n";
        let (_, d) = run(text);
        let got: Vec<&str> = d.iter().map(|d| &text[d.loc.span.clone()]).collect();
        assert_eq!(got, ["1", "x"]);
        assert!(d.iter().all(|d| d.rule == "invalid-value" && d.help.is_some()));
    }

    #[test]
    fn complex_tagged_and_numeric_keys_are_reported_where_written() {
        let text = "sources:\n  [a, b]: {title: x}\n  ? {x: 1}\n  : {title: y}\n  ap: !custom {title: x}\n  123:\n    title: z\n  ok:\n    title: !t yes\n";
        let (items, d) = run(text);
        let got: Vec<(&str, &str)> = d.iter().map(|d| (d.rule, &text[d.loc.span.clone()])).collect();
        assert_eq!(
            got,
            [
                ("invalid-value", "[a, b]"),
                ("invalid-value", "? {x: 1}"),
                ("invalid-value", "!custom"),
                ("invalid-value", "123"),
                ("invalid-value", "!t"),
            ],
            "{d:?}"
        );
        assert!(d.iter().all(|d| d.help.is_some()));
        assert!(d[2].message.contains("tag"), "{}", d[2].message);
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn duplicate_keys_point_at_the_repetition() {
        let text = "sources:\n  ap:\n    title: A\n    title: B\n  ap:\n    title: C\n";
        let (items, d) = run(text);
        let got: Vec<usize> = d.iter().map(|d| d.loc.span.start).collect();
        assert_eq!(
            got,
            [text.rfind("title: B").unwrap(), text.rfind("ap:").unwrap()],
            "{d:?}"
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].text.as_ref().unwrap().value, "A");
    }

    #[test]
    fn several_documents_and_bare_lists() {
        let text = "sources:\n  ap: {title: A}\n---\nsources: {}\n";
        let (_, d) = run(text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule, "syntax-error");
        assert_eq!(d[0].loc.span.start, text.find("---").unwrap());
        assert!(d[0].help.is_some());
        let text = "# a list\n- ap\n- reuters\n";
        let (_, d) = run(text);
        assert_eq!(d[0].rule, "invalid-value");
        assert_eq!(d[0].loc.span.start, text.find('-').unwrap());
        // Anchors and aliases elsewhere are plain copies.
        let text = "sources:\n  ap:\n    title: &t Same\n  b:\n    title: *t\n";
        let (items, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(items[1].text.as_ref().unwrap().value, "Same");
    }

    #[test]
    fn alias_bombs_end_quickly() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        text.push_str("sources: *a9\n");
        let (items, d) = run(&text);
        assert!(items.is_empty());
        assert_eq!(d.len(), 1, "{d:?}");
        // Quadratic copies of a long list are bounded too.
        let long = vec!["0"; 100_000].join(",");
        let copies = vec!["*a"; 2_000].join(",");
        let text = format!("x: &a [{long}]\ny: [{copies}]\n");
        let (_, d) = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("aliases"), "{}", d[0].message);
    }

    #[test]
    fn fuzz_never_panics_and_spans_are_valid() {
        let alphabet = [
            "sources:",
            "\n",
            "  ",
            "ap:",
            "<<: ",
            "*a",
            "&a ",
            "!t ",
            "? ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ": ",
            "- ",
            "title: x",
            "reliability: A",
            "\u{feff}",
            "---\n",
            "\"",
            "'",
            "#",
            "é",
            "123:",
            "~:",
            "\t",
        ];
        let mut s: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let t: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let mut d = Vec::new();
            let items = parse(0, &t, &mut d);
            crate::config::parse(0, &t, &mut d);
            let ok = |r: &Span| {
                r.start <= r.end && r.end <= t.len() && t.is_char_boundary(r.start) && t.is_char_boundary(r.end)
            };
            for d in &d {
                assert!(ok(&d.loc.span), "{t:?}: {d:?}");
            }
            for i in &items.items {
                assert!(ok(&i.span.range()) && ok(&i.keyword.range()), "{t:?}: {i:?}");
                for a in items.attrs_of(i) {
                    let v = items.value_span(&a.value).range();
                    assert!(ok(&a.span.range()) && ok(&a.key.range()) && ok(&v), "{t:?}: {a:?}");
                }
            }
        }
    }
}
