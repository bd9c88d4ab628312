//! `argcheck.yaml`: the project configuration (see LANGUAGE.md).
//!
//! Parsed with serde_yaml into a `Value`, then validated key by key so that
//! every problem is reported at its line and column in the YAML file (the
//! positions come from [`crate::yamlspan::YamlIndex`]).

use crate::diagnostic::{Diagnostic, FileId, Loc, Severity};
use crate::rules;
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::terms::{credibility_index, reliability_index, Calibration, Term};
use crate::yamlspan::{PathKey, YamlIndex};
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use serde_yaml::{Mapping, Value};
use std::collections::{HashMap, HashSet};

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

/// One glob of `per-file-rules:` and the severities it sets.
#[derive(Clone, Debug)]
pub struct PerFileRules {
    /// The files it applies to (relative to the project root).
    pub glob: GlobMatcher,
    /// Severity per rule; `None` turns the rule off.
    pub rules: HashMap<&'static str, Option<Severity>>,
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
    /// `per-file-rules:`, in the order written (later entries win).
    pub per_file_rules: Vec<PerFileRules>,
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

    /// The severity of `rule` for the file at `rel_path` (relative to the project
    /// root, `/`-separated, as `ws.files[f].name`), or `None` when it is off there:
    /// the last `per-file-rules` glob that matches the file and names the rule wins,
    /// else `rules:`, else the rule's default.
    pub fn severity_for(&self, rule: &'static rules::Rule, rel_path: &str) -> Option<Severity> {
        for p in self.per_file_rules.iter().rev() {
            if let Some(s) = p.rules.get(rule.name) {
                if p.glob.is_match(rel_path) {
                    return *s;
                }
            }
        }
        self.severity(rule)
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

const TOP_KEYS: [&str; 7] = [
    "include",
    "exclude",
    "fail-on",
    "rules",
    "per-file-rules",
    "calibration",
    "limits",
];

/// Largest `limits.max-file-size`: spans are 32-bit, so a file must stay under 4 GiB.
pub const MAX_FILE_SIZE_LIMIT: u64 = u32::MAX as u64;

struct Ctx<'a> {
    file: FileId,
    index: YamlIndex,
    diags: &'a mut Vec<Diagnostic>,
    merge_errors: Vec<crate::yamlspan::MergeError>,
}

impl Ctx<'_> {
    fn loc(&self, path: PathKey) -> Loc {
        Loc::new(self.file, self.index.best_span_at(path))
    }

    fn key_loc(&self, path: PathKey) -> Loc {
        match self.index.key_span_at(path) {
            Some(s) => Loc::new(self.file, s),
            None => self.loc(path),
        }
    }

    fn invalid(&mut self, path: PathKey, message: String, help: Option<String>) {
        let loc = self.loc(path);
        let mut d = Diagnostic::new(&rules::invalid_value::RULE, loc, message, "invalid value");
        d.help = help;
        self.diags.push(d);
    }

    fn unknown_key(&mut self, path: PathKey, key: &str, allowed: &[&str]) {
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

    /// The entries of a mapping written at `at`, merge keys applied, with the text
    /// of each key; keys that are not plain names are reported and skipped.
    fn entries<'v>(&mut self, m: &'v Mapping, at: PathKey) -> Vec<(String, &'v Value, PathKey)> {
        let entries = self.index.entries(m, at, &mut self.merge_errors);
        let mut out = Vec::new();
        let mut complex: HashMap<PathKey, usize> = HashMap::new();
        for e in entries {
            match scalar_text(e.key) {
                Some(k) => out.push((k, e.value, e.at)),
                None => {
                    let p = e.at;
                    let span = if e.key.is_null() {
                        self.index
                            .key_span_at(p.child("null"))
                            .unwrap_or_else(|| self.index.best_span_at(p))
                    } else {
                        let n = complex.entry(p).or_default();
                        *n += 1;
                        self.index
                            .complex_key_span_at(p, *n - 1)
                            .unwrap_or_else(|| self.index.best_span_at(p))
                    };
                    self.diags.push(
                        Diagnostic::new(
                            &rules::invalid_value::RULE,
                            Loc::new(self.file, span),
                            format!("keys in argcheck.yaml must be plain words, not {}", show(e.key)),
                            "not a plain key",
                        )
                        .with_help("complex keys (`[a, b]:`, `? {x: 1}`) and null keys are not supported"),
                    );
                }
            }
        }
        out
    }

    /// The mapping in `v` (written at `at`), or `None` after reporting a tag.
    fn untagged<'v>(&mut self, v: &'v Value, at: PathKey) -> Option<&'v Value> {
        if let Value::Tagged(t) = v {
            let span = self
                .index
                .tag_span_at(at)
                .unwrap_or_else(|| self.index.best_span_at(at));
            self.diags.push(
                Diagnostic::new(
                    &rules::invalid_value::RULE,
                    Loc::new(self.file, span),
                    format!("YAML tags such as `{}` are not supported in argcheck.yaml", t.tag),
                    "tag not supported",
                )
                .with_help("remove the tag"),
            );
            return None;
        }
        Some(v)
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

/// Length of a leading byte order mark (the YAML parser's positions start after it).
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Start of the second document of a multi-document YAML text, if there is one.
fn second_document(text: &str) -> Option<usize> {
    let mut seen_content = false;
    let mut pos = bom_len(text);
    for line in text[pos..].split_inclusive('\n') {
        let is_marker = line.starts_with("---") && line[3..].chars().next().is_none_or(char::is_whitespace);
        if is_marker && seen_content {
            return Some(pos);
        }
        let t = line.trim();
        if !is_marker && !t.is_empty() && !t.starts_with('#') && !t.starts_with('%') {
            seen_content = true;
        }
        if is_marker {
            seen_content = true;
        }
        pos += line.len();
    }
    None
}

/// Reports a serde_yaml parse error at its position.
pub fn yaml_error(file: FileId, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let msg = e.to_string();
    let several = msg.contains("more than one document");
    let at = match e.location() {
        Some(l) => l.index().saturating_add(bom_len(text)),
        None if several => second_document(text).unwrap_or(0),
        None => 0,
    };
    let at = crate::span::clamp_boundary(text, at.min(text.len()));
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    // serde_yaml appends " at line L column C": the renderer shows the position.
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let mut d = Diagnostic::new(
        &rules::syntax_error::RULE,
        Loc::new(file, at..end),
        format!("YAML does not parse: {msg}"),
        "here",
    );
    if several {
        d.help = Some(
            "keep one YAML document per file: remove this `---` and what follows, or merge it into the first".into(),
        );
    }
    d
}

/// Reads one YAML document for a registry or argcheck.yaml, reporting a parse error,
/// an alias bomb, or duplicate keys (the first value of a duplicate key is kept).
pub fn load_yaml(file: FileId, text: &str, index: &YamlIndex, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    match crate::yamlspan::load(text) {
        Ok(loaded) => {
            let report = |diags: &mut Vec<Diagnostic>, span: Span, key: &str| {
                diags.push(
                    Diagnostic::new(
                        &rules::invalid_value::RULE,
                        Loc::new(file, span),
                        format!("key `{key}` appears twice in the same mapping"),
                        "repeated key",
                    )
                    .with_help(
                        "YAML keys must be unique in a mapping: only the first one counts; remove or rename this one",
                    ),
                );
            };
            // A repetition inside an anchored mapping is seen again at each alias of it;
            // it is reported once, where it is written.
            let mut seen: HashMap<PathKey, usize> = HashMap::new();
            let mut reported: HashSet<Span> = HashSet::new();
            let mut unplaced = None;
            for (p, key) in &loaded.duplicates {
                let n = seen.entry(*p).or_default();
                let span = index.duplicate_key_span_at(*p, *n);
                *n += 1;
                match span {
                    Some(s) => {
                        if reported.insert(s.clone()) {
                            report(diags, s, key);
                        }
                    }
                    None => unplaced = unplaced.or(Some((*p, key))),
                }
            }
            if let (true, Some((p, key))) = (reported.is_empty(), unplaced) {
                report(diags, index.best_span_at(p), key);
            }
            Some(loaded.value)
        }
        Err(crate::yamlspan::LoadError::Yaml(e)) => {
            diags.push(yaml_error(file, text, &e));
            None
        }
        Err(crate::yamlspan::LoadError::Expansion { limit }) => {
            let at = text.find('*').unwrap_or(0);
            let end = (at + 1).min(text.len());
            let span = if text.is_char_boundary(at) && text.is_char_boundary(end) {
                at..end
            } else {
                0..0
            };
            diags.push(
                Diagnostic::new(
                    &rules::invalid_value::RULE,
                    Loc::new(file, span),
                    format!("YAML aliases expand to more than {limit} values (or bytes of text): the file was not read"),
                    "aliases expand too far",
                )
                .with_help("aliases (`*name`) copy what their anchor holds; nested aliases multiply, so write the values out or nest fewer aliases"),
            );
            None
        }
    }
}

/// Reports merge keys (`<<`) that could not be applied.
pub fn report_merge_errors(file: FileId, errors: Vec<crate::yamlspan::MergeError>, diags: &mut Vec<Diagnostic>) {
    for e in errors {
        diags.push(
            Diagnostic::new(
                &rules::invalid_value::RULE,
                Loc::new(file, e.span),
                e.message,
                "bad merge",
            )
            .with_help(
                "merge a mapping by its anchor: `base: &base {kind: wire}` then `<<: *base` (or `<<: [*a, *b]`)",
            ),
        );
    }
}

/// Parses and validates `argcheck.yaml`. Problems are pushed to `diags`;
/// every problem leaves the default in place.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let index = YamlIndex::new(text);
    let Some(value) = load_yaml(file, text, &index, diags) else {
        return config;
    };
    let mut cx = Ctx {
        file,
        index,
        diags,
        merge_errors: Vec::new(),
    };
    let map = match cx.untagged(&value, PathKey::ROOT) {
        None | Some(Value::Null) => return config,
        Some(Value::Mapping(m)) => m,
        Some(_) => {
            cx.invalid(
                PathKey::ROOT,
                "argcheck.yaml must be a mapping of keys to values".into(),
                Some(format!("known keys: {}", TOP_KEYS.join(", "))),
            );
            return config;
        }
    };
    for (key, v, at) in cx.entries(map, PathKey::ROOT) {
        let here = at.child(&key);
        let Some(v) = cx.untagged(v, here) else { continue };
        match key.as_str() {
            "include" => config.include = globs(&mut cx, &key, here, v),
            "exclude" => config.exclude = globs(&mut cx, &key, here, v),
            "fail-on" => match scalar_text(v).as_deref().and_then(Severity::parse) {
                Some(s) => config.fail_on = Some(s),
                None => cx.invalid(
                    here,
                    format!("`fail-on` must be error, warning or info, not `{}`", show(v)),
                    Some("fail-on: error | warning | info".into()),
                ),
            },
            "rules" => config.rules = severities(&mut cx, here, v, "rules"),
            "per-file-rules" => config.per_file_rules = per_file_rules(&mut cx, here, v),
            "calibration" => calibration(&mut cx, here, v, &mut config.calibration),
            "limits" => limits(&mut cx, here, v, &mut config.limits),
            other => cx.unknown_key(here, other, &TOP_KEYS),
        }
    }
    let errors = std::mem::take(&mut cx.merge_errors);
    report_merge_errors(file, errors, cx.diags);
    config
}

/// Reports a glob that does not compile, at `loc`.
fn invalid_glob(cx: &mut Ctx, loc: Loc, pat: &str, e: &globset::Error) {
    cx.diags.push(
        Diagnostic::new(
            &rules::invalid_value::RULE,
            loc,
            format!("invalid glob `{pat}`: {}", e.kind()),
            "invalid glob",
        )
        .with_help("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`, relative to the project root"),
    );
}

fn show(v: &Value) -> String {
    scalar_text(v).unwrap_or_else(|| match v {
        Value::Null => "null".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        _ => "a tagged value".into(),
    })
}

fn globs(cx: &mut Ctx, key: &str, here: PathKey, v: &Value) -> Option<GlobSet> {
    let items: Vec<(usize, &Value)> = match v {
        Value::Sequence(s) => s.iter().enumerate().collect(),
        Value::String(_) => vec![(0, v)],
        _ => {
            cx.invalid(
                here,
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
            cx.invalid(here.child(&idx), format!("`{key}` items must be glob strings"), None);
            continue;
        };
        match Glob::new(&pat) {
            Ok(g) => {
                b.add(g);
                any = true;
            }
            Err(e) => {
                let loc = match cx.index.item_span_at(here, i) {
                    Some(s) => Loc::new(cx.file, s),
                    None => cx.loc(here),
                };
                invalid_glob(cx, loc, &pat, &e);
            }
        }
    }
    if !any {
        return None;
    }
    b.build().ok()
}

/// Reads a mapping of rule names to severities (`rules:`, or one glob of
/// `per-file-rules:`) written at `here`.
fn severities(cx: &mut Ctx, here: PathKey, v: &Value, what: &str) -> HashMap<&'static str, Option<Severity>> {
    let mut out = HashMap::new();
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(
                here,
                format!("`{what}` must map rule names to error, warning, info or off"),
                Some("missing-confidence: off".into()),
            );
        }
        return out;
    };
    for (name, sev, at) in cx.entries(m, here) {
        let rp = at.child(&name);
        let Some(rule) = rules::find(&name) else {
            let loc = cx.key_loc(rp);
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
                        rp,
                        format!("`{s}` is not a severity"),
                        Some("use error, warning, info or off".into()),
                    );
                    continue;
                }
            },
            None => {
                cx.invalid(
                    rp,
                    format!("the severity of `{name}` must be error, warning, info or off"),
                    Some("use error, warning, info or off".into()),
                );
                continue;
            }
        };
        out.insert(rule.name, level);
    }
    out
}

fn per_file_rules(cx: &mut Ctx, here: PathKey, v: &Value) -> Vec<PerFileRules> {
    let mut out = Vec::new();
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(
                here,
                "`per-file-rules` must map globs to rule severities".into(),
                Some("per-file-rules:\n  \"drafts/**\": {missing-confidence: off}".into()),
            );
        }
        return out;
    };
    for (pat, rules_v, at) in cx.entries(m, here) {
        let gp = at.child(&pat);
        let Some(rules_v) = cx.untagged(rules_v, gp) else {
            continue;
        };
        let matcher = match Glob::new(&pat) {
            Ok(g) => Some(g.compile_matcher()),
            Err(e) => {
                let loc = cx.key_loc(gp);
                invalid_glob(cx, loc, &pat, &e);
                None
            }
        };
        // The severities are checked even under a bad glob, so every mistake shows at once.
        let rules = severities(cx, gp, rules_v, "per-file-rules");
        if let Some(glob) = matcher {
            out.push(PerFileRules { glob, rules });
        }
    }
    out
}

fn calibration(cx: &mut Ctx, here: PathKey, v: &Value, cal: &mut Calibration) {
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(
                here,
                "`calibration` must be a mapping with `reliability` and/or `credibility`".into(),
                None,
            );
        }
        return;
    };
    for (which, table, at) in cx.entries(m, here) {
        let tp = at.child(&which);
        let is_rel = match which.as_str() {
            "reliability" => true,
            "credibility" => false,
            other => {
                cx.unknown_key(tp, other, &["reliability", "credibility"]);
                continue;
            }
        };
        let Some(table) = cx.untagged(table, tp) else { continue };
        let Value::Mapping(rows) = table else {
            cx.invalid(
                tp,
                format!("`calibration.{which}` must map ratings to terms"),
                Some(if is_rel {
                    "reliability: {D: unlikely}".into()
                } else {
                    "credibility: {3: even-chance}".into()
                }),
            );
            continue;
        };
        for (row, term, rat) in cx.entries(rows, tp) {
            let rp = rat.child(&row);
            let idx = if is_rel {
                reliability_index(&row)
            } else {
                credibility_index(&row)
            };
            let Some(idx) = idx else {
                let loc = cx.key_loc(rp);
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
                    cx.invalid(rp, format!("`{s}` is not an estimative term"), Some(help));
                }
            }
        }
    }
}

fn limits(cx: &mut Ctx, here: PathKey, v: &Value, limits: &mut Limits) {
    let Value::Mapping(m) = v else {
        if !v.is_null() {
            cx.invalid(here, "`limits` must be a mapping".into(), None);
        }
        return;
    };
    for (key, val, at) in cx.entries(m, here) {
        let kp = at.child(&key);
        match key.as_str() {
            "max-file-size" => match scalar_text(val).as_deref().and_then(parse_size) {
                Some(n) if n > MAX_FILE_SIZE_LIMIT => cx.invalid(
                    kp,
                    format!("`{}` is more than argcheck can read", show(val)),
                    Some(format!(
                        "the largest allowed is 4 GiB minus one byte ({MAX_FILE_SIZE_LIMIT} bytes), such as `4095 MiB`"
                    )),
                ),
                Some(n) if n > 0 => limits.max_file_size = n,
                _ => cx.invalid(
                    kp,
                    format!("`{}` is not a size", show(val)),
                    Some("write a size such as `64 MiB`, `500 kB` or `1048576`".into()),
                ),
            },
            "max-import-depth" => match val.as_u64() {
                Some(n) if n > 0 => limits.max_import_depth = usize::try_from(n).unwrap_or(usize::MAX),
                _ => cx.invalid(kp, format!("`{}` is not a positive whole number", show(val)), None),
            },
            other => cx.unknown_key(kp, other, &["max-file-size", "max-import-depth"]),
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
    #[test]
    fn per_file_rules() {
        let text = "rules:\n  missing-confidence: warning\n  single-source: info\nper-file-rules:\n  \"drafts/**\": {missing-confidence: off, single-source: error}\n  \"drafts/final/**\":\n    missing-confidence: error\n";
        let (c, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        let mc = &rules::missing_confidence::RULE;
        let ss = &rules::single_source::RULE;
        let us = &rules::unused_source::RULE;
        assert_eq!(c.severity(mc), Some(Severity::Warning));
        assert_eq!(c.severity_for(mc, "main.arg"), Some(Severity::Warning));
        assert_eq!(c.severity_for(mc, "drafts/a.arg"), None);
        assert_eq!(c.severity_for(ss, "drafts/a.arg"), Some(Severity::Error));
        assert_eq!(c.severity_for(mc, "drafts/final/a.arg"), Some(Severity::Error));
        assert_eq!(c.severity_for(ss, "drafts/final/a.arg"), Some(Severity::Error));
        assert_eq!(c.severity_for(ss, "other/a.arg"), Some(Severity::Info));
        assert_eq!(c.severity_for(us, "drafts/a.arg"), Some(us.default));
    }

    #[test]
    fn per_file_rules_as_documented() {
        let text = "per-file-rules:\n  \"drafts/**\": {missing-confidence: off, unsupported-claim: warning}\n  \"drafts/final/**\": {missing-confidence: warning}\n  \"notes/*.arg\": {single-source: off}\n";
        let (c, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        let mc = &rules::missing_confidence::RULE;
        let uc = &rules::unsupported_claim::RULE;
        assert_eq!(c.severity_for(mc, "drafts/final/x.arg"), Some(Severity::Warning));
        assert_eq!(c.severity_for(mc, "drafts/x.arg"), None);
        assert_eq!(c.severity_for(uc, "drafts/x.arg"), Some(Severity::Warning));
        assert_eq!(c.severity_for(uc, "drafts/final/x.arg"), Some(Severity::Warning));
        // As in `include:`, `*` also matches `/`.
        assert_eq!(c.severity_for(&rules::single_source::RULE, "notes/a/b.arg"), None);
    }

    #[test]
    fn per_file_rules_problems() {
        let text = "per-file-rules:\n  \"drafts/**\":\n    mising-confidence: off\n    single-source: loud\n  \"[unclosed\": {single-source: off}\n  \"x/**\": off\n";
        let (c, d) = run(text);
        let got: Vec<(&str, &str)> = d.iter().map(|d| (d.rule, &text[d.loc.span.clone()])).collect();
        assert_eq!(
            got,
            [
                ("unknown-reference", "mising-confidence"),
                ("invalid-value", "loud"),
                ("invalid-value", "[unclosed"),
                ("invalid-value", "off"),
            ],
            "{d:?}"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean `missing-confidence`?"));
        assert!(d.iter().all(|d| d.help.is_some()), "{d:?}");
        assert_eq!(c.per_file_rules.len(), 2);
    }

    #[test]
    fn max_file_size_fits_in_32_bits() {
        let (c, d) = run("limits:\n  max-file-size: 4095 MiB\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.limits.max_file_size, 4095 * 1024 * 1024);
        let (_, d) = run("limits:\n  max-file-size: 4294967295\n");
        assert!(d.is_empty(), "{d:?}");
        let text = "limits:\n  max-file-size: 4 GiB\n";
        let (c, d) = run(text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].loc.span.clone()], "4 GiB");
        assert!(d[0].help.is_some());
        assert_eq!(c.limits.max_file_size, Limits::default().max_file_size);
    }

    #[test]
    fn bom_merge_and_odd_keys() {
        let text = "\u{feff}rules: &base\n  missing-confidence: off\nper-file-rules:\n  \"drafts/**\":\n    <<: *base\n    single-source: off\n    missing-confidence: error\n  \"notes/**\": {<<: *base}\nlimits:\n  bogus: 1\n";
        let (c, d) = run(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].loc.span.clone()], "bogus", "{d:?}");
        let mc = &rules::missing_confidence::RULE;
        assert_eq!(c.severity_for(mc, "drafts/a.arg"), Some(Severity::Error));
        assert_eq!(c.severity_for(mc, "notes/a.arg"), None);
        assert_eq!(c.severity_for(&rules::single_source::RULE, "drafts/a.arg"), None);
        let text = "[a]: 1\nrules: !r {}\nfail-on: error\nfail-on: info\n";
        let (c, d) = run(text);
        let got: Vec<&str> = d.iter().map(|d| &text[d.loc.span.clone()]).collect();
        assert_eq!(got, ["fail-on", "[a]", "!r"], "{d:?}");
        assert_eq!(c.fail_on(), Severity::Error);
        // A repeated key in an anchored mapping is reported once, where it is written.
        let text = "rules: &r\n  single-source: off\n  single-source: info\nper-file-rules:\n  a/**: *r\n  b/**: *r\n";
        let (_, d) = run(text);
        let got: Vec<usize> = d.iter().map(|d| d.loc.span.start).collect();
        assert_eq!(got, [text.rfind("single-source").unwrap()], "{d:?}");
    }
}
