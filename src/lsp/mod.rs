//! `argcheck lsp`: a Language Server Protocol server over stdio.
//!
//! Built on rust-analyzer's `lsp-server` (one message receiver on one
//! thread, so notifications, `didChange` above all, are applied strictly
//! in arrival order) and the protocol types generated from the LSP
//! metamodel (`gen-lsp-types`, as ruff and rust-analyzer use). The server
//! is a thin layer over the engine: it keeps the engine's changeable
//! [`crate::graph::Workspace`], re-checks it after each change with
//! [`crate::graph::Workspace::check`], and answers every request from that
//! one analysis (see `state.rs`). Positions are converted only at the edge
//! (`convert.rs`); the engine works in byte offsets.
//!
//! Robustness: a frame or message that cannot be read is skipped (a
//! request whose id can be read is answered with an error,
//! `transport.rs`); an unknown request is answered `MethodNotFound`; a
//! panic inside a handler is caught and answered `InternalError` (and a
//! panic while applying a change rebuilds the workspace from the open
//! documents). Queued changes are coalesced: the workspace is checked
//! once, when no further notification is waiting.

pub mod convert;
mod features;
pub mod index;
pub mod state;
pub mod transport;

use convert::Encoding;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProvider, CompletionOptions, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    InitializeParams, InitializeResult, RenameOptions, RenameProvider, Save, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentContentChangeEvent, TextDocumentSync, TextDocumentSyncKind, TextDocumentSyncOptions,
};
use state::State;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs the server on stdin and stdout; returns the process exit code (0
/// after `shutdown` then `exit`, 1 when input ends or `exit` comes
/// without `shutdown`).
pub fn run() -> i32 {
    let (conn, threads) = transport::stdio();
    let code = serve(&conn);
    drop(conn);
    threads.join();
    code
}

/// What the capabilities advertise (formatting is not advertised yet).
pub fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSync::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::Incremental),
            save: Some(Save::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(true.into()),
        definition_provider: Some(true.into()),
        references_provider: Some(true.into()),
        rename_provider: Some(RenameProvider::RenameOptions(RenameOptions {
            prepare_provider: Some(true),
            ..RenameOptions::default()
        })),
        document_symbol_provider: Some(true.into()),
        workspace_symbol_provider: Some(true.into()),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), ",".into(), "\"".into()]),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(true.into()),
        document_range_formatting_provider: Some(true.into()),
        code_action_provider: Some(CodeActionProvider::CodeActionOptions(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QuickFix]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

fn send(conn: &Connection, msg: Message) {
    let _ = conn.sender.send(msg);
}

fn error(conn: &Connection, id: RequestId, code: ErrorCode, message: impl Into<String>) {
    send(
        conn,
        Message::Response(Response::new_err(id, code as i32, message.into())),
    );
}

/// Whether to log how long each check and publication took
/// (`ARGCHECK_LSP_TIMING=1`, on standard error).
fn timing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ARGCHECK_LSP_TIMING").is_some())
}

fn publish(conn: &Connection, state: &mut State) {
    let start = std::time::Instant::now();
    let out = match catch_unwind(AssertUnwindSafe(|| state.refresh())) {
        Ok(out) => out,
        Err(_) => {
            eprintln!("argcheck lsp: the check panicked; diagnostics not updated");
            state.analysis = None;
            state.dirty = false;
            Vec::new()
        }
    };
    let checked = start.elapsed();
    let files = out.len();
    for p in out {
        if let Some(body) = publication(&p) {
            send(conn, transport::raw(body));
        }
    }
    if timing() {
        eprintln!(
            "argcheck lsp: checked and converted in {:.1} ms, {files} publication(s) serialised in {:.1} ms",
            checked.as_secs_f64() * 1e3,
            (start.elapsed() - checked).as_secs_f64() * 1e3
        );
    }
    // Freeing the replaced graph and facts (a large document's take about
    // a millisecond) is left to a worker thread: the server reads the next
    // message meanwhile.
    if let Some(old) = state.retired.take() {
        rayon::spawn(move || drop(old));
    }
}

/// The `publishDiagnostics` notification for `p`, as JSON text: the same
/// bytes as `serde_json::to_string` of the whole message, serialised
/// straight from the typed parameters (a `serde_json::Value` tree of a
/// thousand diagnostics costs more than checking the document), the
/// diagnostics in chunks on both cores and spliced into the envelope.
fn publication(p: &lsp_types::PublishDiagnosticsParams) -> Option<String> {
    use rayon::prelude::*;
    #[derive(serde::Serialize)]
    struct Rpc<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: &'a lsp_types::PublishDiagnosticsParams,
    }
    let whole = |params: &lsp_types::PublishDiagnosticsParams| {
        serde_json::to_string(&Rpc {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params,
        })
        .ok()
    };
    if p.diagnostics.len() < 256 {
        return whole(p);
    }
    let shell = lsp_types::PublishDiagnosticsParams {
        uri: p.uri.clone(),
        version: p.version,
        diagnostics: Vec::new(),
    };
    let head = whole(&shell)?;
    // `diagnostics` is the last field of the parameters: its empty array
    // is the last `"diagnostics":[]` of the message (inside the URI string
    // a quote would be escaped).
    const EMPTY: &str = "\"diagnostics\":[]";
    let Some(at) = head.rfind(EMPTY).map(|i| i + EMPTY.len() - 1) else {
        return whole(p);
    };
    let parts: Vec<String> = p
        .diagnostics
        .par_chunks(128)
        .map(serde_json::to_string)
        .collect::<Result<_, _>>()
        .ok()?;
    let mut body = String::with_capacity(head.len() + parts.iter().map(String::len).sum::<usize>());
    body.push_str(&head[..at]);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        // Each chunk is `[a,b,...]`: its items, without the brackets.
        body.push_str(part.get(1..part.len().saturating_sub(1))?);
    }
    body.push_str(&head[at..]);
    Some(body)
}

/// Serves one client on `conn` until `exit` or the end of input.
pub fn serve(conn: &Connection) -> i32 {
    // Before `initialize`: only `initialize` and `exit` mean anything.
    let (mut state, watch) = loop {
        let Ok(msg) = conn.receiver.recv() else { return 1 };
        match msg {
            Message::Request(req) if req.method == "initialize" => {
                let params: InitializeParams = serde_json::from_value(req.params).unwrap_or_default();
                let caps = &params.capabilities;
                let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref());
                let enc = Encoding::negotiate(offered);
                let watch = caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false);
                let result = InitializeResult {
                    capabilities: capabilities(enc),
                    server_info: Some(ServerInfo {
                        name: "argcheck".into(),
                        version: Some(env!("CARGO_PKG_VERSION").into()),
                    }),
                };
                send(conn, Message::Response(Response::new_ok(req.id, result)));
                break (State::new(enc), watch);
            }
            Message::Request(req) => error(conn, req.id, ErrorCode::ServerNotInitialized, "not initialized"),
            Message::Notification(n) if n.method == "exit" => return 1,
            _ => {}
        }
    };
    let mut shutdown = false;
    let mut pending: Option<Message> = None;
    loop {
        let msg = match pending.take() {
            Some(m) => m,
            None => match conn.receiver.recv() {
                Ok(m) => m,
                Err(_) => return if shutdown { 0 } else { 1 },
            },
        };
        match msg {
            Message::Notification(n) => {
                if n.method == "exit" {
                    return if shutdown { 0 } else { 1 };
                }
                if n.method == "initialized" && watch {
                    register_watchers(conn);
                }
                notification(&mut state, n);
                if state.dirty || state.stale {
                    // Coalesce: apply whatever else is already queued
                    // before checking once.
                    if let Ok(next) = conn.receiver.try_recv() {
                        pending = Some(next);
                        continue;
                    }
                    publish(conn, &mut state);
                }
            }
            Message::Request(req) => {
                if state.dirty || state.stale {
                    publish(conn, &mut state);
                }
                if shutdown {
                    error(conn, req.id, ErrorCode::InvalidRequest, "the server is shutting down");
                    continue;
                }
                if req.method == "shutdown" {
                    shutdown = true;
                    send(conn, Message::Response(Response::new_ok(req.id, ())));
                    continue;
                }
                let id = req.id.clone();
                let method = req.method.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| features::request(&state, req)));
                match answer {
                    Ok(Ok(value)) => send(conn, Message::Response(Response::new_ok(id, value))),
                    Ok(Err((code, message))) => error(conn, id, code, message),
                    Err(_) => error(
                        conn,
                        id,
                        ErrorCode::InternalError,
                        format!("argcheck lsp: `{method}` failed (a bug: please report it)"),
                    ),
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// Asks the client to report changes to the files that can matter
/// (`workspace/didChangeWatchedFiles`).
fn register_watchers(conn: &Connection) {
    let options = serde_json::json!({
        "watchers": [
            {"globPattern": "**/*.arg"},
            {"globPattern": "**/*.{yaml,yml}"},
            {"globPattern": "**/*.{md,markdown}"}
        ]
    });
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: "argcheck-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::from_value(options).ok(),
        }],
    };
    send(
        conn,
        Message::Request(Request::new(
            RequestId::from("argcheck-watch".to_string()),
            "client/registerCapability".into(),
            params,
        )),
    );
}

/// Applies one notification; a panic rebuilds the workspace.
fn notification(state: &mut State, n: Notification) {
    let method = n.method.clone();
    let done = catch_unwind(AssertUnwindSafe(|| apply(state, n)));
    if done.is_err() {
        eprintln!("argcheck lsp: `{method}` panicked; rebuilding the workspace");
        state.stale = true;
        state.dirty = true;
    }
}

fn apply(state: &mut State, n: Notification) {
    match n.method.as_str() {
        "textDocument/didOpen" => {
            let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                return;
            };
            let d = p.text_document;
            state.open(d.uri, d.version, d.text);
        }
        "textDocument/didChange" => {
            let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                return;
            };
            let uri = p.text_document.text_document_identifier.uri;
            let enc = state.enc;
            let Some(doc) = state.docs.get_mut(&uri) else { return };
            for change in p.content_changes {
                match change {
                    TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(w) => doc.text = w.text,
                    TextDocumentContentChangeEvent::TextDocumentContentChangePartial(c) => {
                        let lines = crate::span::LineIndex::new(&doc.text);
                        let span = convert::span(enc, &lines, &doc.text, c.range);
                        doc.text.replace_range(span, &c.text);
                    }
                }
            }
            doc.version = p.text_document.version;
            state.changed(&uri);
        }
        "textDocument/didSave" => {
            let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                return;
            };
            if let (Some(text), Some(doc)) = (p.text, state.docs.get_mut(&p.text_document.uri)) {
                doc.text = text;
                let uri = p.text_document.uri;
                state.changed(&uri);
            } else if convert::uri_to_path(&p.text_document.uri)
                .is_some_and(|path| path.file_name().is_some_and(|f| f == "argcheck.yaml"))
            {
                state.stale = true;
            }
        }
        "textDocument/didClose" => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                return;
            };
            state.close(&p.text_document.uri);
        }
        "workspace/didChangeWatchedFiles" => {
            let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) else {
                return;
            };
            for change in p.changes {
                // A file open in the editor is the editor's: its disk
                // text matters only once it is closed.
                if state.docs.contains_key(&change.uri) {
                    continue;
                }
                let Some(path) = convert::uri_to_path(&change.uri) else {
                    continue;
                };
                // A changed file matters when it is loaded; a created or
                // deleted one when it could be (a `use` that now resolves
                // or no longer does).
                let matters = if change.kind == lsp_types::FileChangeType::Changed {
                    state.loaded(&path)
                } else {
                    state.watches(&path)
                };
                if matters {
                    state.stale = true;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Diagnostic, Position, PublishDiagnosticsParams, Range};

    /// The spliced, chunked serialisation is byte for byte the plain one.
    #[test]
    fn a_large_publication_is_the_plain_serialisation() {
        #[derive(serde::Serialize)]
        struct Rpc<'a> {
            jsonrpc: &'static str,
            method: &'static str,
            params: &'a PublishDiagnosticsParams,
        }
        for n in [0, 3, 255, 256, 257, 1000] {
            let p = PublishDiagnosticsParams {
                uri: "file:///tmp/a%5B%5D/diagnostics.arg".parse().expect("uri"),
                version: if n % 2 == 0 { Some(7) } else { None },
                diagnostics: (0..n)
                    .map(|i| Diagnostic {
                        range: Range::new(Position::new(i, 1), Position::new(i, 9)),
                        message: lsp_types::Message::String(format!("finding \"{i}\" \"diagnostics\":[]")),
                        source: Some("argcheck".into()),
                        ..Diagnostic::default()
                    })
                    .collect(),
            };
            let plain = serde_json::to_string(&Rpc {
                jsonrpc: "2.0",
                method: "textDocument/publishDiagnostics",
                params: &p,
            })
            .expect("json");
            assert_eq!(super::publication(&p).expect("serialises"), plain, "{n} diagnostics");
        }
    }
}
