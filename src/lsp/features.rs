//! The requests: each reads the current analysis (graph, facts,
//! diagnostics with their fixes) and the index of names; none analyses.

use super::convert;
use super::index::{Occurrence, Sym};
use super::state::State;
use crate::diagnostic::FileId;
use crate::graph::{FileKind, StmtKind};
use crate::render::sarif::RULE_HELP_URI;
use crate::rules::RULES;
use crate::syntax::{lexer, ItemKind};
use crate::terms::{Term, CREDIBILITY_MEANING, RELIABILITY_LETTERS, RELIABILITY_MEANING};
use lsp_server::{ErrorCode, Request};
use lsp_types::*;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use std::collections::HashMap;

/// An error answer.
pub type Failure = (ErrorCode, String);

fn params<P: DeserializeOwned>(req: Request) -> Result<P, Failure> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn json(v: impl serde::Serialize) -> Result<Json, Failure> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// Answers one request.
pub fn request(state: &State, req: Request) -> Result<Json, Failure> {
    match req.method.as_str() {
        "textDocument/hover" => json(hover(state, params::<HoverParams>(req)?.text_document_position_params)),
        "textDocument/definition" => json(definition(
            state,
            params::<DefinitionParams>(req)?.text_document_position_params,
        )),
        "textDocument/references" => json(references(state, params(req)?)),
        "textDocument/prepareRename" => json(prepare_rename(
            state,
            params::<PrepareRenameParams>(req)?.text_document_position_params,
        )),
        "textDocument/rename" => json(rename(state, params(req)?)?),
        "textDocument/documentSymbol" => json(document_symbols(
            state,
            params::<DocumentSymbolParams>(req)?.text_document.uri,
        )),
        "workspace/symbol" => json(workspace_symbols(state, &params::<WorkspaceSymbolParams>(req)?.query)),
        "textDocument/completion" => json(completion(
            state,
            params::<CompletionParams>(req)?.text_document_position_params,
        )),
        "textDocument/codeAction" => json(code_actions(state, params(req)?)),
        "textDocument/formatting" => {
            let p: DocumentFormattingParams = params(req)?;
            json(formatting(state, &p.text_document.uri, None))
        }
        "textDocument/rangeFormatting" => {
            let p: DocumentRangeFormattingParams = params(req)?;
            json(formatting(state, &p.text_document.uri, Some(p.range)))
        }
        // A test hook: tests/lsp.rs checks that a panic inside a request is
        // answered as an error and the server lives on.
        "argcheck/panic" if std::env::var_os("ARGCHECK_LSP_TEST_PANIC").is_some() => {
            panic!("a panic asked for by a test")
        }
        m => Err((ErrorCode::MethodNotFound, format!("unknown method `{m}`"))),
    }
}

/// The workspace file a URI names.
fn file_of(state: &State, uri: &Uri) -> Option<FileId> {
    if let Some(d) = state.docs.get(uri) {
        return Some(d.file);
    }
    let path = convert::uri_to_path(uri)?;
    let canon = std::fs::canonicalize(&path).unwrap_or(path);
    state.ws.file_id(&canon)
}

/// The file and byte offset of a position.
fn place(state: &State, p: &TextDocumentPositionParams) -> Option<(FileId, usize)> {
    let file = file_of(state, &p.text_document.uri)?;
    let f = state.ws.files.get(file)?;
    Some((file, convert::offset(state.enc, &f.lines, &f.text, p.position)))
}

fn occurrence<'s>(state: &'s State, p: &TextDocumentPositionParams) -> Option<(FileId, &'s Occurrence)> {
    let (file, offset) = place(state, p)?;
    Some((file, state.index()?.at(file, offset)?))
}

/// Where a symbol is defined.
fn def_loc(state: &State, sym: Sym) -> Option<crate::diagnostic::Loc> {
    let g = &state.analysis.as_ref()?.graph;
    Some(match sym {
        Sym::Stmt(s) => g.statements.get(s)?.loc.clone(),
        Sym::Source(s) => g.sources.get(s)?.loc.clone(),
        Sym::Question(q) => g.questions.get(q)?.loc.clone(),
        Sym::Rule(_) => return None,
    })
}

/// The name a symbol is defined with.
fn sym_name(state: &State, sym: Sym) -> Option<String> {
    let g = &state.analysis.as_ref()?.graph;
    Some(match sym {
        Sym::Stmt(s) => g.statements.get(s)?.name.to_string(),
        Sym::Source(s) => g.sources.get(s)?.name.to_string(),
        Sym::Question(q) => g.questions.get(q)?.name.to_string(),
        Sym::Rule(r) => RULES.get(r)?.name.to_string(),
    })
}

/// Code in Markdown: a name or text, with backticks it cannot break out of.
fn code(s: &str) -> String {
    let s = crate::render::cap(s, 200);
    let s = s.replace('`', "'");
    format!("`{s}`")
}

/// Plain text quoted in Markdown, on one line: no markup survives, with
/// as few backslashes as that takes (some clients show them).
fn text(s: &str) -> String {
    let s = crate::render::cap(s, 2000);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // What would start a heading, a list or a quote.
            '#' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// At most this many names in a list of a hover.
const HOVER_LIST: usize = 16;

fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<String> = Vec::new();
    let mut more = 0;
    for n in names {
        if v.len() < HOVER_LIST {
            v.push(code(n));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        v.push(format!("and {more} more"));
    }
    v.join(", ")
}

/// [`name_list`] of the sources `ids` names (ids out of range skipped).
fn source_names<'g>(g: &'g crate::graph::Graph, ids: impl Iterator<Item = &'g usize>) -> String {
    name_list(ids.filter_map(|o| g.sources.get(*o)).map(|o| o.name.as_str()))
}

/// Ranges of the ICD 203 estimative terms, weakest first.
const TERM_RANGES: [&str; 7] = ["1–5 %", "5–20 %", "20–45 %", "45–55 %", "55–80 %", "80–95 %", "95–99 %"];

/// Hover on a rating scale's value: an estimative term after
/// `confidence:`, a reliability letter, a citation's credibility digit.
/// What each rating of `rates:` means, in the order of [`crate::graph::Rating`].
const RATING_MEANING: [&str; 6] = [
    "very consistent",
    "consistent",
    "neutral or ambiguous",
    "inconsistent",
    "very inconsistent",
    "not applicable",
];

/// The key of the attribute line holding `offset` (`rates` for
/// `  rates: a C`), if the line has one.
fn line_key(state: &State, file: FileId, offset: usize) -> Option<&str> {
    let f = state.ws.files.get(file)?;
    let start = f.lines.line_start(f.lines.line_of(offset));
    let line = f.text.get(start..offset)?;
    let (key, _) = line.split_once(':')?;
    Some(key.trim())
}

/// The statement whose item holds `offset` of `file`: the rating statement
/// of a `rates:` line. Hovers are rare, so a scan of the statements is
/// cheap enough.
fn rater(state: &State, file: FileId, offset: usize) -> Option<crate::graph::StmtId> {
    let g = &state.analysis.as_ref()?.graph;
    g.statements
        .iter()
        .position(|st| st.item.file == file && st.item.span.start <= offset && offset <= st.item.span.end)
}

fn hover_value(state: &State, file: FileId, offset: usize) -> Option<Hover> {
    let f = state.ws.files.get(file)?;
    let line_start = f.lines.line_start(f.lines.line_of(offset));
    let line_end = f.text[offset..].find(['\n', '\r']).map_or(f.text.len(), |i| offset + i);
    let line = f.text.get(line_start..line_end)?;
    let at = offset - line_start;
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| lexer::is_id_continue(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = at
        + line[at..]
            .find(|c: char| !lexer::is_id_continue(c))
            .unwrap_or(line.len() - at);
    let word = &line[start..end];
    let (key, _) = line.split_once(':')?;
    let cal = &state.ws.config(file).calibration;
    let value_start = key.len() + 1;
    if start < value_start {
        return None; // on the key
    }
    let value = match key.trim() {
        "confidence" => {
            let t = Term::parse(word)?;
            format!("**{t}**: ICD 203 estimative term, {}", TERM_RANGES[t.index()])
        }
        "reliability" => {
            let r = crate::terms::reliability_index(word)?;
            format!(
                "**reliability {word}**: {} (STANAG 2511); caps the ceiling of its citations at `{}`",
                RELIABILITY_MEANING[r], cal.reliability[r]
            )
        }
        "cite" => {
            // The second word of the citation.
            let before = &line[value_start..start];
            if before.split_whitespace().count() != 1 {
                return None;
            }
            let k = crate::terms::credibility_index(word)?;
            format!(
                "**credibility {word}**: {} (STANAG 2511); caps this citation's ceiling at `{}`",
                CREDIBILITY_MEANING[k], cal.credibility[k]
            )
        }
        "rates" => {
            let r = crate::graph::Rating::parse(word)?;
            let a = state.analysis.as_ref()?;
            let mut v = format!(
                "**{word}**: {} ({})",
                RATING_MEANING[r as usize],
                match crate::analysis::ach::inconsistency(r) {
                    0 => "counts nothing against the answer".to_string(),
                    n => format!("counts {n} × the row's weight against the answer"),
                }
            );
            if let Some(row) =
                rater(state, file, offset).and_then(|s| crate::render::ach::hover_rates(&a.graph, &a.facts.ach, s))
            {
                v.push_str("\n\n");
                v.push_str(&row);
            }
            v
        }
        _ => return None,
    };
    Some(Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(state.range(file, line_start + start..line_start + end)),
    })
}

fn hover(state: &State, p: TextDocumentPositionParams) -> Option<Hover> {
    let (file, offset) = place(state, &p)?;
    let Some(occ) = state.index()?.at(file, offset) else {
        return hover_value(state, file, offset);
    };
    let a = state.analysis.as_ref()?;
    let (g, f) = (&a.graph, &a.facts);
    let value = match occ.sym {
        Sym::Stmt(s) => {
            let st = g.statements.get(s)?;
            let mut lines = Vec::new();
            if line_key(state, file, offset) == Some("rates") {
                if let Some(r) = rater(state, file, offset) {
                    let rating = g.statements[r]
                        .rates
                        .iter()
                        .find(|x| x.answer == s && x.answer_loc().span.contains(&offset))
                        .map(|x| x.rating);
                    if let Some(rating) = rating {
                        lines.push(format!(
                            "{} rates {} `{}` ({})",
                            code(&g.statements[r].name),
                            code(&st.name),
                            rating.as_str(),
                            RATING_MEANING[rating as usize]
                        ));
                        lines.push(String::new());
                    }
                    if let Some(row) = crate::render::ach::hover_rates(g, &f.ach, r) {
                        lines.push(row.trim_end().to_string());
                        lines.push(String::new());
                        lines.push("---".into());
                        lines.push(String::new());
                    }
                }
            }
            lines.extend([
                format!("**{}** {}", st.kind.as_str(), code(&st.name)),
                String::new(),
                text(&st.text),
                String::new(),
            ]);
            lines.push(format!(
                "- {}",
                if f.grounded(s) { "grounded" } else { "**not grounded**" }
            ));
            let ceiling = f.ceiling(s);
            let declared = st.confidence.as_ref().map(|(t, _)| *t);
            let judged = match (ceiling, declared) {
                (Some(c), Some(d)) if d > c => format!("ceiling `{c}`, declared `{d}`: **above the ceiling**"),
                (Some(c), Some(d)) => format!("ceiling `{c}`, declared `{d}`"),
                (Some(c), None) => format!("ceiling `{c}`, no confidence declared"),
                (None, Some(d)) => format!("no ceiling (not grounded), declared `{d}`"),
                (None, None) => "no ceiling (not grounded), no confidence declared".into(),
            };
            lines.push(format!("- {judged}"));
            lines.push(format!(
                "- label `{}`, standing `{}`",
                f.labels[s].as_str(),
                f.standing[s].as_str()
            ));
            let origins = &f.origins[s];
            lines.push(if origins.is_empty() {
                "- no origins".into()
            } else {
                format!("- origins: {}", source_names(g, origins.iter()))
            });
            lines.join("\n")
        }
        Sym::Source(s) => {
            let src = g.sources.get(s)?;
            let cal = &state.ws.config(src.loc.file).calibration;
            let mut lines = vec![
                format!("**source** {}", code(&src.name)),
                String::new(),
                text(&src.title),
                String::new(),
            ];
            lines.push(match src.reliability {
                Some(r) => format!(
                    "- reliability `{}`: {} (ceiling `{}`)",
                    RELIABILITY_LETTERS[r], RELIABILITY_MEANING[r], cal.reliability[r]
                ),
                None => "- reliability not rated".into(),
            });
            if let Some(k) = &src.kind {
                lines.push(format!("- kind: {}", text(k)));
            }
            if let Some(d) = &src.date {
                lines.push(format!("- date: {}", text(d)));
            }
            if let Some(u) = &src.url {
                lines.push(format!("- url: {}", code(u)));
            }
            if let Some(r) = &src.retracted {
                lines.push(format!(
                    "- **retracted** {}{}",
                    text(&r.date),
                    r.note.as_ref().map_or(String::new(), |n| format!(": {}", text(n)))
                ));
            }
            if !src.derived_from.is_empty() {
                lines.push(format!(
                    "- derived from: {}",
                    source_names(g, src.derived_from.iter().map(|(d, _)| d))
                ));
                if let Some(origins) = f.source_origins.of.get(s) {
                    lines.push(format!(
                        "- origins (roots of its `derived-from` chain): {}",
                        source_names(g, origins.iter())
                    ));
                }
            }
            lines.join("\n")
        }
        Sym::Question(q) => match f.ach.iter().find(|m| m.question == q) {
            // A question with a matrix: its scores (LANGUAGE.md, *Competing
            // hypotheses*); without one (fewer than two answers) its answers.
            Some(m) => crate::render::ach::hover_question(g, m),
            None => {
                let qu = g.questions.get(q)?;
                format!(
                    "**question** {}\n\n{}\n\n- answers: {}",
                    code(&qu.name),
                    text(&qu.text),
                    name_list(
                        qu.answers
                            .iter()
                            .filter_map(|(a, _)| g.statements.get(*a))
                            .map(|a| a.name.as_str())
                    )
                )
            }
        },
        Sym::Rule(r) => {
            let rule = RULES.get(r)?;
            format!(
                "**rule** {} ({} by default)\n\nFires when {}.\n\n[Documentation]({RULE_HELP_URI}{})",
                code(rule.name),
                rule.default.as_str(),
                rule.summary.trim_end_matches('.'),
                rule.name
            )
        }
    };
    Some(Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(state.range(file, occ.span.clone())),
    })
}

fn definition(state: &State, p: TextDocumentPositionParams) -> Option<DefinitionResponse> {
    let (_, occ) = occurrence(state, &p)?;
    let loc = def_loc(state, occ.sym)?;
    let l = state.location(loc.file, loc.span)?;
    Some(DefinitionResponse::Definition(Definition::Location(l)))
}

/// At most this many references are listed (a rename still edits every
/// one).
const MAX_REFERENCES: usize = 10_000;

fn references(state: &State, p: ReferenceParams) -> Option<Vec<Location>> {
    let (_, occ) = occurrence(state, &p.text_document_position_params)?;
    let sym = occ.sym;
    let out = state
        .index()?
        .occurrences(sym)
        .filter(|(_, o)| p.context.include_declaration || !o.def)
        .take(MAX_REFERENCES)
        .filter_map(|(f, o)| state.location(f, o.span.clone()))
        .collect();
    Some(out)
}

/// The occurrence a rename would start from: a statement, source or
/// question (a rule's name is not the user's to rename), in a file the
/// server may edit.
fn renamable<'s>(state: &'s State, p: &TextDocumentPositionParams) -> Option<(FileId, &'s Occurrence)> {
    let (file, occ) = occurrence(state, p)?;
    if matches!(occ.sym, Sym::Rule(_)) {
        return None;
    }
    Some((file, occ))
}

fn prepare_rename(state: &State, p: TextDocumentPositionParams) -> Option<PrepareRenameResult> {
    let (file, occ) = renamable(state, &p)?;
    Some(PrepareRenameResult::Range(state.range(file, occ.span.clone())))
}

fn rename(state: &State, p: RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
    let Some((_, occ)) = renamable(state, &p.text_document_position_params) else {
        return Err((
            ErrorCode::InvalidParams,
            "there is no statement, source or question here to rename".into(),
        ));
    };
    let sym = occ.sym;
    let new = p.new_name.trim();
    if !lexer::is_identifier(new) {
        return Err((
            ErrorCode::InvalidParams,
            format!(
                "{} is not a valid id: a letter, then letters, digits, `-` or `_`",
                code(new)
            ),
        ));
    }
    let new_nfc = lexer::nfc(new);
    let old = sym_name(state, sym).unwrap_or_default();
    if *new_nfc == *old {
        return Ok(None);
    }
    if let Some(a) = &state.analysis {
        let g = &a.graph;
        let taken = g.statements.iter().any(|s| s.name == *new_nfc)
            || g.sources.iter().any(|s| s.name == *new_nfc)
            || g.questions.iter().any(|q| q.name == *new_nfc);
        if taken {
            return Err((ErrorCode::InvalidParams, format!("{} is already taken", code(new))));
        }
    }
    let Some(index) = state.index() else { return Ok(None) };
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (f, o) in index.occurrences(sym) {
        // Only files the user edits: documents and registries.
        let kind = state.ws.files.get(f).map(|x| x.kind);
        if !matches!(kind, Some(FileKind::Arg | FileKind::Markdown | FileKind::Registry)) {
            continue;
        }
        let Some(uri) = state.uri_of(f) else { continue };
        changes.entry(uri).or_default().push(TextEdit {
            range: state.range(f, o.span.clone()),
            new_text: new.to_string(),
        });
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}

fn symbol_kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::Use => SymbolKind::File,
        ItemKind::Source => SymbolKind::Module,
        ItemKind::Claim => SymbolKind::Class,
        ItemKind::Premise => SymbolKind::Interface,
        ItemKind::Evidence => SymbolKind::Field,
        ItemKind::Assumption => SymbolKind::Constant,
        ItemKind::Objection => SymbolKind::Event,
        ItemKind::Question => SymbolKind::Enum,
    }
}

fn stmt_item_kind(k: StmtKind) -> ItemKind {
    match k {
        StmtKind::Claim => ItemKind::Claim,
        StmtKind::Premise => ItemKind::Premise,
        StmtKind::Evidence => ItemKind::Evidence,
        StmtKind::Assumption => ItemKind::Assumption,
        StmtKind::Objection => ItemKind::Objection,
    }
}

/// The outline of one document: its items, from its syntax tree (so a
/// document that does not resolve still has one).
#[allow(deprecated)]
fn document_symbols(state: &State, uri: Uri) -> Option<DocumentSymbolResponse> {
    let file = file_of(state, &uri)?;
    let ast = state.ws.asts.get(file)?;
    let src = &state.ws.files.get(file)?.text;
    let mut out = Vec::new();
    for item in &ast.items {
        let (name, sel) = match (item.kind, item.id, item.text) {
            (ItemKind::Use, _, Some(t)) => (format!("use \"{}\"", ast.str(src, t)), t.range()),
            (_, Some(id), _) => (ast.str(src, id).to_string(), id.range()),
            _ => continue,
        };
        let detail = match item.kind {
            ItemKind::Use => None,
            k => Some(format!(
                "{} {}",
                k.keyword(),
                crate::render::cap(item.text.map_or("", |t| ast.str(src, t)), 80)
            )),
        };
        out.push(DocumentSymbol {
            name: if name.is_empty() { " ".into() } else { name },
            detail,
            kind: symbol_kind(item.kind),
            tags: None,
            deprecated: None,
            range: state.range(file, item.span.range()),
            selection_range: state.range(file, sel),
            children: None,
        });
    }
    Some(DocumentSymbolResponse::DocumentSymbolList(out))
}

/// Whether the characters of `query` appear in `name` in order, ignoring
/// case (what the protocol asks of workspace symbols).
fn fuzzy(name: &str, query: &str) -> bool {
    let mut q = query.chars().flat_map(char::to_lowercase).peekable();
    for c in name.chars().flat_map(char::to_lowercase) {
        if q.peek() == Some(&c) {
            q.next();
        }
    }
    q.peek().is_none()
}

/// At most this many workspace symbols or completions are sent.
const MAX_ITEMS: usize = 1000;

#[allow(deprecated)]
fn workspace_symbols(state: &State, query: &str) -> Option<WorkspaceSymbolResponse> {
    let g = &state.analysis.as_ref()?.graph;
    let all = g
        .statements
        .iter()
        .map(|s| (&s.name, stmt_item_kind(s.kind), &s.loc))
        .chain(g.sources.iter().map(|s| (&s.name, ItemKind::Source, &s.loc)))
        .chain(g.questions.iter().map(|q| (&q.name, ItemKind::Question, &q.loc)));
    let mut out = Vec::new();
    for (name, kind, loc) in all {
        if out.len() >= MAX_ITEMS {
            break;
        }
        if !fuzzy(name, query) {
            continue;
        }
        let Some(location) = state.location(loc.file, loc.span.clone()) else {
            continue;
        };
        out.push(SymbolInformation {
            deprecated: None,
            location,
            base_symbol_information: BaseSymbolInformation {
                name: name.to_string(),
                kind: symbol_kind(kind),
                tags: None,
                container_name: state.ws.files.get(loc.file).map(|f| f.name.clone()),
            },
        });
    }
    Some(WorkspaceSymbolResponse::SymbolInformationList(out))
}

/// Files whose names `file` sees: itself and what it imports,
/// transitively.
fn visible(state: &State, file: FileId) -> Vec<bool> {
    let n = state.ws.files.len();
    let mut seen = vec![false; n];
    let mut stack = vec![file];
    while let Some(f) = stack.pop() {
        if f >= n || seen[f] {
            continue;
        }
        seen[f] = true;
        if let Some(next) = state.ws.imports.get(f) {
            stack.extend(next.iter().copied());
        }
    }
    seen
}

fn item(label: &str, kind: CompletionItemKind, detail: String, edit: Range) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        text_edit: Some(CompletionItemTextEdit::TextEdit(TextEdit {
            range: edit,
            new_text: label.to_string(),
        })),
        ..CompletionItem::default()
    }
}

/// What the cursor is completing, from the text of its line.
#[derive(Debug, PartialEq)]
enum Slot {
    /// An item keyword at column 0.
    Keyword,
    /// An attribute key.
    Key,
    /// A statement id (claims only when `claims`).
    Statement { claims: bool },
    /// A source id.
    Source,
    /// A credibility digit (the second word of `cite:`).
    Credibility,
    /// A rule name.
    Rule,
    /// An estimative term.
    Term,
    /// A reliability letter.
    Reliability,
    /// An `expect:` fact.
    Fact,
    /// A `rates:` rating.
    Rating,
    /// The path of a `use`.
    Path,
}

/// The slot at the end of `line` (the line's text up to the cursor), and
/// the byte length of the partial word being typed.
fn slot(line: &str) -> Option<(Slot, usize)> {
    let word_len = line
        .chars()
        .rev()
        .take_while(|c| lexer::is_id_continue(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    // Inside a Markdown list or quote the line may start with `>`.
    let body = line.trim_start_matches(['>', ' ', '\t']);
    let indented = body.len() < line.len() && !line.starts_with('>');
    if !indented {
        if let Some(path) = body.strip_prefix("use").and_then(|r| r.trim_start().strip_prefix('"')) {
            return (!path.contains('"')).then_some((Slot::Path, path.len()));
        }
        return (!body.contains(' ')).then_some((Slot::Keyword, word_len));
    }
    let Some((key, value)) = body.split_once(':') else {
        return Some((Slot::Key, word_len));
    };
    // After the last comma: the entry being typed.
    let entry = value.rsplit(',').next().unwrap_or("").trim_start();
    let words_done = entry
        .split_whitespace()
        .count()
        .saturating_sub(usize::from(word_len > 0 && !entry.is_empty()));
    let s = match key.trim() {
        "because" | "attacks" => Slot::Statement { claims: false },
        "answers" => Slot::Statement { claims: true },
        "by" | "derived-from" => Slot::Source,
        "cite" => match value
            .split_whitespace()
            .count()
            .saturating_sub(usize::from(word_len > 0))
        {
            0 => Slot::Source,
            1 => Slot::Credibility,
            _ => return None,
        },
        "rates" => match words_done {
            0 => Slot::Statement { claims: true },
            1 => Slot::Rating,
            _ => return None,
        },
        "allow" => Slot::Rule,
        "confidence" => Slot::Term,
        "reliability" => Slot::Reliability,
        "expect" => Slot::Fact,
        _ => return None,
    };
    Some((s, word_len))
}

fn completion(state: &State, p: TextDocumentPositionParams) -> Option<CompletionResponse> {
    let (file, offset) = place(state, &p)?;
    let f = state.ws.files.get(file)?;
    let line_start = f.lines.line_start(f.lines.line_of(offset));
    let line = f.text.get(line_start..offset)?;
    let (slot, word_len) = slot(line)?;
    let word = &line[line.len() - word_len..];
    let edit = state.range(file, offset - word_len..offset);
    let mut items: Vec<CompletionItem> = Vec::new();
    let mut incomplete = false;
    let mut add = |items: &mut Vec<CompletionItem>, it: CompletionItem| {
        if items.len() >= MAX_ITEMS {
            incomplete = true;
        } else {
            items.push(it);
        }
    };
    match slot {
        Slot::Path => {
            for (rel, kind) in importable(state, file) {
                add(&mut items, item(&rel, CompletionItemKind::File, kind.into(), edit));
            }
        }
        Slot::Keyword => {
            for k in ItemKind::ALL {
                add(
                    &mut items,
                    item(k.keyword(), CompletionItemKind::Keyword, "item".into(), edit),
                );
            }
        }
        Slot::Key => {
            for k in crate::syntax::keys::ALL {
                add(&mut items, item(k, CompletionItemKind::Property, "key".into(), edit));
            }
        }
        Slot::Statement { .. } | Slot::Source => {
            let claims = slot == Slot::Statement { claims: true };
            let a = state.analysis.as_ref()?;
            let g = &a.graph;
            let seen = visible(state, file);
            let sees = |l: &crate::diagnostic::Loc| seen.get(l.file).copied().unwrap_or(false);
            if slot == Slot::Source {
                for s in g.sources.iter().filter(|s| sees(&s.loc) && fuzzy(&s.name, word)) {
                    let detail = match s.reliability {
                        Some(r) => format!(
                            "source ({}) {}",
                            RELIABILITY_LETTERS[r],
                            crate::render::cap(&s.title, 80)
                        ),
                        None => format!("source {}", crate::render::cap(&s.title, 80)),
                    };
                    add(&mut items, item(&s.name, CompletionItemKind::Module, detail, edit));
                }
            } else {
                for s in g
                    .statements
                    .iter()
                    .filter(|s| sees(&s.loc) && (!claims || s.kind == StmtKind::Claim) && fuzzy(&s.name, word))
                {
                    let detail = format!("{} {}", s.kind.as_str(), crate::render::cap(&s.text, 80));
                    add(&mut items, item(&s.name, CompletionItemKind::Reference, detail, edit));
                }
            }
        }
        Slot::Credibility => {
            for (i, m) in CREDIBILITY_MEANING.iter().enumerate() {
                let label = (i + 1).to_string();
                add(
                    &mut items,
                    item(
                        &label,
                        CompletionItemKind::EnumMember,
                        format!("credibility: {m}"),
                        edit,
                    ),
                );
            }
        }
        Slot::Reliability => {
            for (l, m) in RELIABILITY_LETTERS.iter().zip(RELIABILITY_MEANING) {
                add(
                    &mut items,
                    item(
                        &l.to_string(),
                        CompletionItemKind::EnumMember,
                        format!("reliability: {m}"),
                        edit,
                    ),
                );
            }
        }
        Slot::Term => {
            for (t, r) in Term::ALL.iter().zip(TERM_RANGES) {
                add(
                    &mut items,
                    item(
                        t.as_str(),
                        CompletionItemKind::EnumMember,
                        format!("ICD 203: {r}"),
                        edit,
                    ),
                );
            }
        }
        Slot::Rule => {
            for r in RULES {
                add(
                    &mut items,
                    item(r.name, CompletionItemKind::Value, r.summary.to_string(), edit),
                );
            }
        }
        Slot::Fact => {
            for w in crate::graph::Fact::words() {
                add(&mut items, item(w, CompletionItemKind::EnumMember, "fact".into(), edit));
            }
        }
        Slot::Rating => {
            for (w, m) in crate::graph::Rating::WORDS.iter().zip(RATING_MEANING) {
                add(&mut items, item(w, CompletionItemKind::EnumMember, m.to_string(), edit));
            }
        }
    }
    Some(CompletionResponse::CompletionList(CompletionList {
        is_incomplete: incomplete,
        items,
        ..CompletionList::default()
    }))
}

/// At most this many files are listed, and directories this deep visited,
/// when completing a `use` path.
const MAX_FILES: usize = 500;
/// See [`MAX_FILES`].
const MAX_DEPTH: usize = 6;

/// Files `file` could import: `.arg` files and YAML registries of its
/// project (a bounded walk of the project root, hidden directories and
/// `target` skipped), as paths relative to the importing file.
fn importable(state: &State, file: FileId) -> Vec<(String, &'static str)> {
    let Some(f) = state.ws.files.get(file) else {
        return Vec::new();
    };
    let Some(base) = f.path.parent() else { return Vec::new() };
    let root = &state.ws.projects[f.project].dir;
    let mut out = Vec::new();
    let mut stack = vec![(root.clone(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            if out.len() >= MAX_FILES {
                return out;
            }
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if depth < MAX_DEPTH && !name.starts_with('.') && name != "target" && name != "node_modules" {
                    stack.push((path, depth + 1));
                }
                continue;
            }
            let kind = match path.extension().and_then(|x| x.to_str()) {
                Some("arg") => "argument file",
                Some("yaml" | "yml") if name != "argcheck.yaml" => "source registry",
                _ => continue,
            };
            if path == f.path {
                continue;
            }
            out.push((relative(base, &path), kind));
        }
    }
    out.sort();
    out
}

/// `path` relative to the directory `from`, `/`-separated.
fn relative(from: &std::path::Path, path: &std::path::Path) -> String {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = path.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(b[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// The fixes of the diagnostics that touch the range, as quick fixes.
/// `formatting` and `rangeFormatting`: the edits `argcheck fmt` would make
/// to the editor's current text (only the items a range touches, in an
/// `.arg` file; the whole draft in a Markdown file). A file with syntax
/// errors, or one already formatted, gets no edits; a registry is not ours
/// to format.
fn formatting(state: &State, uri: &Uri, range: Option<Range>) -> Option<Vec<TextEdit>> {
    let file = file_of(state, uri)?;
    let f = state.ws.files.get(file)?;
    let text: &str = &f.text;
    let edit = match (f.kind, range) {
        (FileKind::Arg, Some(r)) => {
            let start = convert::offset(state.enc, &f.lines, text, r.start);
            let end = convert::offset(state.enc, &f.lines, text, r.end).max(start);
            crate::fmt::format_range(text, start..end).ok().flatten()
        }
        (FileKind::Arg | FileKind::Markdown, _) => {
            match crate::fmt::format_file_text(text, f.kind == FileKind::Markdown) {
                Ok(out) => crate::fmt::minimal_edit(text, &out),
                Err(_) => None,
            }
        }
        _ => None,
    };
    // A range edit that changes nothing is no edit.
    let edit = edit.filter(|e| text.get(e.range.clone()) != Some(e.new_text.as_str()));
    Some(
        edit.map(|e| TextEdit {
            range: state.range(file, e.range),
            new_text: e.new_text,
        })
        .into_iter()
        .collect(),
    )
}

fn code_actions(state: &State, p: CodeActionParams) -> Option<Vec<CodeActionResponse>> {
    let file = file_of(state, &p.text_document.uri)?;
    let f = state.ws.files.get(file)?;
    let want = convert::span(state.enc, &f.lines, &f.text, p.range);
    let a = state.analysis.as_ref()?;
    let uris: Vec<Option<Uri>> = (0..state.ws.files.len()).map(|i| state.uri_of(i)).collect();
    let mut out = Vec::new();
    for d in a
        .diagnostics
        .iter()
        .filter(|d| d.loc.file == file && !d.fixes.is_empty())
    {
        let s = &d.loc.span;
        if s.end < want.start || s.start > want.end {
            continue;
        }
        for fix in &d.fixes {
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for e in &fix.edits {
                let Some(Some(uri)) = uris.get(e.loc.file) else {
                    continue;
                };
                changes.entry(uri.clone()).or_default().push(TextEdit {
                    range: state.range(e.loc.file, e.loc.span.clone()),
                    new_text: e.replacement.clone(),
                });
            }
            out.push(CodeActionResponse::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QuickFix),
                diagnostics: Some(vec![state.to_lsp(d, &uris)]),
                is_preferred: Some(fix.safe),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slot_comes_from_the_key_and_the_words_before_the_cursor() {
        assert_eq!(slot("  because: a, b"), Some((Slot::Statement { claims: false }, 1)));
        assert_eq!(slot("  cite: ap "), Some((Slot::Credibility, 0)));
        assert_eq!(slot("  cite: a"), Some((Slot::Source, 1)));
        assert_eq!(slot("  confidence: "), Some((Slot::Term, 0)));
        assert_eq!(slot("  allow: single-"), Some((Slot::Rule, 7)));
        assert_eq!(slot("  rates: h1 "), Some((Slot::Rating, 0)));
        assert_eq!(slot("cla"), Some((Slot::Keyword, 3)));
        assert_eq!(slot("  note: \"x"), None);
        assert_eq!(slot("use \"sub/so"), Some((Slot::Path, 6)));
        assert_eq!(slot("use \"a.arg\" "), None);
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        use std::path::Path;
        assert_eq!(relative(Path::new("/p/a"), Path::new("/p/a/b/x.arg")), "b/x.arg");
        assert_eq!(
            relative(Path::new("/p/a/c"), Path::new("/p/b/x.yaml")),
            "../../b/x.yaml"
        );
    }

    #[test]
    fn hover_text_keeps_its_characters_and_loses_its_markup() {
        assert_eq!(text("The claim (2017)."), "The claim (2017).");
        assert_eq!(text("# a *b* <c>\nd"), "\\# a \\*b\\* \\<c\\> d");
    }

    #[test]
    fn fuzzy_matches_characters_in_order() {
        assert!(fuzzy("isk-base-pakistan", "ibp"));
        assert!(!fuzzy("isk", "ski"));
        assert!(fuzzy("x", ""));
    }
}
