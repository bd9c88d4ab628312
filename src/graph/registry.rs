//! YAML source registries (`use "sources.yaml"`).
//!
//! A registry is parsed with serde_yaml and turned into the same syntax
//! tree as `source` items of an `.arg` file, with spans from
//! [`YamlIndex`], so that resolution and every rule treat both alike and
//! report problems at the right line of the YAML file.

use crate::config::{scalar_text, yaml_error};
use crate::diagnostic::{Diagnostic, FileId, Loc};
use crate::rules;
use crate::span::{Span, Span32};
use crate::syntax::{lexer, Ast, Attr, Idx, Item, ItemKind, Value};
use crate::yamlspan::YamlIndex;
use serde_yaml::Value as Y;

/// Reads the sources of a registry into the same tree as `source` items.
/// Problems are pushed to `diags`.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Ast {
    let mut ast = Ast::default();
    let value: Y = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, text, &e));
            return ast;
        }
    };
    let index = YamlIndex::new(text);
    let loc = |path: &[&str]| Loc::new(file, index.best_span(path));
    let invalid = |diags: &mut Vec<Diagnostic>, l: Loc, msg: String, help: &str| {
        diags.push(Diagnostic::new(&rules::invalid_value::RULE, l, msg, "invalid value").with_help(help));
    };
    let top = match value {
        Y::Null => return ast,
        Y::Mapping(m) => m,
        _ => {
            invalid(
                diags,
                loc(&[]),
                "a source registry must be a mapping with a `sources` key".into(),
                "sources:\n  ap:\n    title: Associated Press\n    reliability: A",
            );
            return ast;
        }
    };
    for (k, v) in &top {
        let key = scalar_text(k).unwrap_or_default();
        if key != "sources" {
            let l = index.key_span(&[&key]).map_or_else(|| loc(&[]), |s| Loc::new(file, s));
            invalid(
                diags,
                l,
                format!("unknown key `{key}` in a source registry"),
                "a registry holds one key, `sources`, mapping ids to source fields",
            );
            continue;
        }
        let entries = match v {
            Y::Mapping(m) => m,
            Y::Null => continue,
            _ => {
                invalid(
                    diags,
                    loc(&["sources"]),
                    "`sources` must map ids to source fields".into(),
                    "sources:\n  ap:\n    title: Associated Press",
                );
                continue;
            }
        };
        for (id, fields) in entries {
            let Some(id) = scalar_text(id) else { continue };
            let id_span = index
                .key_span(&["sources", &id])
                .unwrap_or_else(|| index.best_span(&["sources"]));
            let valid_id = lexer::is_identifier(&id);
            if !valid_id {
                invalid(
                    diags,
                    Loc::new(file, id_span.clone()),
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
            let fields = match fields {
                Y::Mapping(m) => m,
                Y::Null => {
                    ast.items.push(item);
                    continue;
                }
                _ => {
                    invalid(
                        diags,
                        loc(&["sources", &id]),
                        format!("source `{id}` must be a mapping of fields"),
                        "ap:\n  title: Associated Press\n  reliability: A",
                    );
                    continue;
                }
            };
            for (fk, fv) in fields {
                let Some(field) = scalar_text(fk) else { continue };
                let path = ["sources", id.as_str(), field.as_str()];
                let key_span = index.key_span(&path).unwrap_or_else(|| id_span.clone());
                let value_span = index.value_span(&path).unwrap_or_else(|| key_span.clone());
                let key = ast.own(Span32::from(key_span.clone()), field.as_str());
                let value = match field.as_str() {
                    "title" => {
                        match scalar_text(fv) {
                            Some(t) => item.text = Some(ast.own(Span32::from(value_span), t)),
                            None => invalid(
                                diags,
                                Loc::new(file, value_span),
                                format!("the title of `{id}` must be text"),
                                "title: Associated Press",
                            ),
                        }
                        continue;
                    }
                    "derived-from" | "allow" => {
                        let list: Vec<(usize, &Y)> = match fv {
                            Y::Sequence(s) => s.iter().enumerate().collect(),
                            other => vec![(0, other)],
                        };
                        let mut ids = Vec::new();
                        for (i, x) in list {
                            let span: Span = if matches!(fv, Y::Sequence(_)) {
                                index.item_span(&path, i).unwrap_or_else(|| value_span.clone())
                            } else {
                                value_span.clone()
                            };
                            match scalar_text(x) {
                                Some(s) => ids.push(ast.own(Span32::from(span), s)),
                                None => invalid(
                                    diags,
                                    Loc::new(file, span),
                                    format!("`{field}` takes ids"),
                                    "derived-from: [fpj]",
                                ),
                            }
                        }
                        Value::Ids(ast.push_ids(ids))
                    }
                    _ => match scalar_text(fv) {
                        Some(s) => Value::Text(ast.own(Span32::from(value_span), s)),
                        None => {
                            invalid(
                                diags,
                                Loc::new(file, value_span),
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
    ast
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_registry() {
        let text = "sources:\n  ap:\n    title: Associated Press\n    reliability: A\n    kind: wire\n  indianspice:\n    title: IndianSpice (blog)\n    reliability: E\n    derived-from: [fpj]\n";
        let mut d = Vec::new();
        let ast = parse(0, text, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(ast.items.len(), 2);
        let ind = &ast.items[1];
        assert_eq!(&text[ind.id.unwrap().range()], "indianspice");
        assert_eq!(ast.str(text, ind.text.unwrap()), "IndianSpice (blog)");
        let attrs = ast.attrs_of(ind);
        match attrs[1].value {
            Value::Ids(ids) => assert_eq!(&text[ast.ids(ids)[0].range()], "fpj"),
            v => panic!("{v:?}"),
        }
        match attrs[0].value {
            Value::Text(t) => assert_eq!(&text[t.range()], "E"),
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
}
