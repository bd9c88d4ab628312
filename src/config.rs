//! `argcheck.yaml`: the project configuration (see LANGUAGE.md).
//!
//! Parsed with serde_yaml into a `Value`, then validated key by key so that
//! every problem is reported at its line and column in the YAML file (the
//! positions come from [`crate::yamlspan::YamlIndex`]).

use crate::diagnostic::{Diagnostic, FileId, Loc, Severity};
use crate::rules;
use crate::suggest::did_you_mean;
use crate::terms::{credibility_index, reliability_index, Calibration, Term};
use crate::yamlspan::YamlIndex;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_yaml::Value;
use std::collections::HashMap;

/// Resource limits; exceeding one is a diagnostic, never a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes (default 64 MiB).
    pub max_file_size: u64,
    /// Longest chain of nested `use` (default 64).
    pub max_import_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_import_depth: 64,
        }
    }
}

/// A project's configuration. Every field has the documented default.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Globs (relative to the root) of files to check when a directory is
    /// given; `None` means `**/*.arg`.
    pub include: Option<GlobSet>,
    /// Globs of files to skip when walking a directory.
    pub exclude: Option<GlobSet>,
    /// Exit 1 when a finding has this severity or above (default `error`).
    pub fail_on: Option<Severity>,
    /// Severity per rule; `None` turns the rule off.
    pub rules: HashMap<&'static str, Option<Severity>>,
    /// Ceiling tables.
    pub calibration: Calibration,
    /// Resource limits.
    pub limits: Limits,
}

impl Config {
    /// The severity of `rule` in this project, or `None` when it is off.
    pub fn severity(&self, rule: &'static rules::Rule) -> Option<Severity> {
        match self.rules.get(rule.name) {
            Some(s) => *s,
            None => Some(rule.default),
        }
    }

    /// The threshold that fails a run.
    pub fn fail_on(&self) -> Severity {
        self.fail_on.unwrap_or(Severity::Error)
    }
}

/// Parses a size such as `64 MiB`, `1000`, `10 kB`, `2GiB`.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit.trim() {
        "" | "B" => 1,
        "KB" | "kB" => 1000,
        "KiB" => 1024,
        "MB" => 1000 * 1000,
        "MiB" => 1024 * 1024,
        "GB" => 1000 * 1000 * 1000,
        "GiB" => 1024 * 1024 * 1024,
        _ => return None,
    };
    n.checked_mul(mult)
}

const TOP_KEYS: [&str; 6] = ["include", "exclude", "fail-on", "rules", "calibration", "limits"];

struct Ctx<'a> {
    file: FileId,
    index: YamlIndex,
    diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn loc(&self, path: &[&str]) -> Loc {
        Loc::new(self.file, self.index.best_span(path))
    }

    fn key_loc(&self, path: &[&str]) -> Loc {
        match self.index.key_span(path) {
            Some(s) => Loc::new(self.file, s),
            None => self.loc(path),
        }
    }

    fn invalid(&mut self, path: &[&str], message: String, help: Option<String>) {
        let loc = self.loc(path);
        let mut d = Diagnostic::new(&rules::invalid_value::RULE, loc, message, "invalid value");
        d.help = help;
        self.diags.push(d);
    }

    fn unknown_key(&mut self, path: &[&str], key: &str, allowed: &[&str]) {
        let loc = self.key_loc(path);
        let help = match did_you_mean(key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Known keys here: {}", allowed.join(", ")),
            None => format!("known keys here: {}", allowed.join(", ")),
        };
        self.diags.push(
            Diagnostic::new(
                &rules::invalid_value::RULE,
                loc,
                format!("unknown key `{key}` in argcheck.yaml"),
                "unknown key",
            )
            .with_help(help),
        );
    }
}

/// Renders a YAML scalar key or value as text.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reports a serde_yaml parse error at its position.
pub fn yaml_error(file: FileId, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let at = e.location().map_or(0, |l| l.index()).min(text.len());
    let at = crate::span::clamp_boundary(text, at);
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let msg = e.to_string();
    // serde_yaml appends " at line L column C": the renderer shows the position.
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    Diagnostic::new(
        &rules::syntax_error::RULE,
        Loc::new(file, at..end),
        format!("YAML does not parse: {msg}"),
        "here",
    )
}

/// Parses and validates `argcheck.yaml`. Problems are pushed to `diags`;
/// every problem leaves the default in place.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, text, &e));
            return config;
        }
    };
    let mut cx = Ctx {
        file,
        index: YamlIndex::new(text),
        diags,
    };
    let map = match value {
        Value::Null => return config,
        Value::Mapping(m) => m,
        _ => {
            cx.invalid(
                &[],
                "argcheck.yaml must be a mapping of keys to values".into(),
                Some(format!("known keys: {}", TOP_KEYS.join(", "))),
            );
            return config;
        }
    };
    for (k, v) in &map {
        let Some(key) = scalar_text(k) else {
            cx.invalid(&[], "argcheck.yaml keys must be plain words".into(), None);
            continue;
        };
        match key.as_str() {
            "include" => config.include = globs(&mut cx, "include", v),
            "exclude" => config.exclude = globs(&mut cx, "exclude", v),
            "fail-on" => match scalar_text(v).as_deref().and_then(Severity::parse) {
                Some(s) => config.fail_on = Some(s),
                None => cx.invalid(
                    &["fail-on"],
                    format!("`fail-on` must be error, warning or info, not `{}`", show(v)),
                    Some("fail-on: error | warning | info".into()),
                ),
            },
            "rules" => rules_map(&mut cx, v, &mut config),
            "calibration" => calibration(&mut cx, v, &mut config.calibration),
            "limits" => limits(&mut cx, v, &mut config.limits),
            other => cx.unknown_key(&[other], other, &TOP_KEYS),
        }
    }
    config
}

fn show(v: &Value) -> String {
    scalar_text(v).unwrap_or_else(|| match v {
        Value::Null => "null".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        _ => "a tagged value".into(),
    })
}

fn globs(cx: &mut Ctx, key: &str, v: &Value) -> Option<GlobSet> {
    let items: Vec<(usize, &Value)> = match v {
        Value::Sequence(s) => s.iter().enumerate().collect(),
        Value::String(_) => vec![(0, v)],
        _ => {
            cx.invalid(
                &[key],
                format!("`{key}` must be a list of globs"),
                Some(format!("{key}: [\"**/*.arg\"]")),
            );
            return None;
        }
    };
    let mut b = GlobSetBuilder::new();
    let mut any = false;
    for (i, item) in items {
        let idx = i.to_string();
        let Some(pat) = scalar_text(item) else {
            cx.invalid(&[key, &idx], format!("`{key}` items must be glob strings"), None);
            continue;
        };
        match Glob::new(&pat) {
            Ok(g) => {
                b.add(g);
                any = true;
            }
            Err(e) => {
                let loc = match cx.index.item_span(&[key], i) {
                    Some(s) => Loc::new(cx.file, s),
                    None => cx.loc(&[key]),
                };
                cx.diags.push(Diagnostic::new(
                    &rules::invalid_value::RULE,
                    loc,
                    format!("invalid glob `{pat}`: {}", e.kind()),
                    "invalid glob",
                ));
            }
        }
    }
    if !any {
        return None;
    }
    b.build().ok()
}

fn rules_map(cx: &mut Ctx, v: &Value, config: &mut Config) {
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(
                &["rules"],
                "`rules` must map rule names to error, warning, info or off".into(),
                Some("rules:\n  missing-confidence: off".into()),
            );
        }
        return;
    };
    for (k, sev) in m {
        let Some(name) = scalar_text(k) else { continue };
        let Some(rule) = rules::find(&name) else {
            let loc = cx.key_loc(&["rules", &name]);
            let mut d = Diagnostic::new(
                &rules::unknown_reference::RULE,
                loc,
                format!("unknown rule `{name}`"),
                "no rule has this name",
            );
            d.help = Some(match did_you_mean(&name, rules::RULES.iter().map(|r| r.name)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`argcheck rules` lists every rule".into(),
            });
            cx.diags.push(d);
            continue;
        };
        let text = scalar_text(sev);
        let level = match text.as_deref() {
            Some("off") | Some("false") => None,
            Some(s) => match Severity::parse(s) {
                Some(s) => Some(s),
                None => {
                    cx.invalid(
                        &["rules", &name],
                        format!("`{s}` is not a severity"),
                        Some("use error, warning, info or off".into()),
                    );
                    continue;
                }
            },
            None => {
                cx.invalid(
                    &["rules", &name],
                    format!("the severity of `{name}` must be error, warning, info or off"),
                    None,
                );
                continue;
            }
        };
        config.rules.insert(rule.name, level);
    }
}

fn calibration(cx: &mut Ctx, v: &Value, cal: &mut Calibration) {
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(
                &["calibration"],
                "`calibration` must be a mapping with `reliability` and/or `credibility`".into(),
                None,
            );
        }
        return;
    };
    for (k, table) in m {
        let Some(which) = scalar_text(k) else { continue };
        let is_rel = match which.as_str() {
            "reliability" => true,
            "credibility" => false,
            other => {
                cx.unknown_key(&["calibration", other], other, &["reliability", "credibility"]);
                continue;
            }
        };
        let Value::Mapping(rows) = table else {
            cx.invalid(
                &["calibration", &which],
                format!("`calibration.{which}` must map ratings to terms"),
                Some(if is_rel {
                    "reliability: {D: unlikely}".into()
                } else {
                    "credibility: {3: even-chance}".into()
                }),
            );
            continue;
        };
        for (rk, term) in rows {
            let Some(row) = scalar_text(rk) else { continue };
            let idx = if is_rel {
                reliability_index(&row)
            } else {
                credibility_index(&row)
            };
            let Some(idx) = idx else {
                let loc = cx.key_loc(&["calibration", &which, &row]);
                let help = if is_rel {
                    "reliability rows are A, B, C, D, E, F"
                } else {
                    "credibility rows are 1, 2, 3, 4, 5, 6"
                };
                cx.diags.push(
                    Diagnostic::new(
                        &rules::invalid_value::RULE,
                        loc,
                        format!("`{row}` is not a {which} rating"),
                        "invalid rating",
                    )
                    .with_help(help),
                );
                continue;
            };
            match scalar_text(term).as_deref().and_then(Term::parse) {
                Some(t) => {
                    if is_rel {
                        cal.reliability[idx] = t;
                    } else {
                        cal.credibility[idx] = t;
                    }
                }
                None => {
                    let s = show(term);
                    let help = match did_you_mean(&s, Term::ALL.iter().map(|t| t.as_str())) {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => format!("terms: {}", Term::ALL.map(|t| t.as_str()).join(", ")),
                    };
                    cx.invalid(
                        &["calibration", &which, &row],
                        format!("`{s}` is not an estimative term"),
                        Some(help),
                    );
                }
            }
        }
    }
}

fn limits(cx: &mut Ctx, v: &Value, limits: &mut Limits) {
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(&["limits"], "`limits` must be a mapping".into(), None);
        }
        return;
    };
    for (k, val) in m {
        let Some(key) = scalar_text(k) else { continue };
        match key.as_str() {
            "max-file-size" => match scalar_text(val).as_deref().and_then(parse_size) {
                Some(n) if n > 0 => limits.max_file_size = n,
                _ => cx.invalid(
                    &["limits", "max-file-size"],
                    format!("`{}` is not a size", show(val)),
                    Some("write a size such as `64 MiB`, `500 kB` or `1048576`".into()),
                ),
            },
            "max-import-depth" => match val.as_u64() {
                Some(n) if n > 0 => limits.max_import_depth = usize::try_from(n).unwrap_or(usize::MAX),
                _ => cx.invalid(
                    &["limits", "max-import-depth"],
                    format!("`{}` is not a positive whole number", show(val)),
                    None,
                ),
            },
            other => cx.unknown_key(&["limits", other], other, &["max-file-size", "max-import-depth"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let c = parse(0, text, &mut d);
        (c, d)
    }

    #[test]
    fn the_documented_example_is_valid() {
        let text = "include: [\"**/*.arg\", \"**/*.md\"]\nexclude: [\"archive/**\"]\nfail-on: error\nrules:\n  missing-confidence: off\n  single-source: error\ncalibration:\n  reliability: {D: unlikely}\n  credibility: {3: even-chance}\nlimits:\n  max-file-size: 64 MiB\n  max-import-depth: 64\n";
        let (c, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.calibration.reliability[3], Term::Unlikely);
        assert_eq!(c.calibration.credibility[2], Term::EvenChance);
        assert_eq!(c.severity(&rules::missing_confidence::RULE), None);
        assert_eq!(c.severity(&rules::single_source::RULE), Some(Severity::Error));
        assert!(c.include.as_ref().is_some_and(|g| g.is_match("a/b.md")));
        assert!(c.exclude.as_ref().is_some_and(|g| g.is_match("archive/x.arg")));
    }

    #[test]
    fn comments_only_is_valid() {
        let (_, d) = run("# just a root marker\n");
        assert!(d.is_empty());
    }

    #[test]
    fn bad_values_are_reported_where_they_are() {
        let text = "fail-on: sometimes\nrules:\n  single-sorce: error\n  orphan-statement: loud\nbogus: 1\ncalibration:\n  reliability: {G: likely, D: probable}\nlimits:\n  max-file-size: lots\n";
        let (_, d) = run(text);
        let got: Vec<(&str, usize)> = d.iter().map(|d| (d.rule, d.loc.span.start)).collect();
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            got,
            vec![
                ("invalid-value", at("sometimes")),
                ("unknown-reference", at("single-sorce")),
                ("invalid-value", at("loud")),
                ("invalid-value", at("bogus")),
                ("invalid-value", at("G:")),
                ("invalid-value", at("probable")),
                ("invalid-value", at("lots")),
            ]
        );
        assert_eq!(d[1].help.as_deref(), Some("did you mean `single-source`?"));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64 MiB"), Some(64 * 1024 * 1024));
        assert_eq!(parse_size("10kB"), Some(10_000));
        assert_eq!(parse_size("12"), Some(12));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("99999999999999999999 GiB"), None);
    }

    #[test]
    fn yaml_that_does_not_parse() {
        let (_, d) = run("rules: [unclosed\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule, "syntax-error");
    }
}
