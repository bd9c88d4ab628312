//! Shared harness of the fuzz targets: write the input into a scratch
//! project, run the whole check on it, and render both outputs.

use argcheck::analysis::Semantics;
use argcheck::check;
use argcheck::render;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The scratch project of this process (one per fuzzing process, reused
/// across inputs: each input overwrites the files it needs).
pub fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("argcheck-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        std::fs::write(dir.join("argcheck.yaml"), "# fuzz project root\n").expect("argcheck.yaml");
        std::fs::write(dir.join("sources.yaml"), DEFAULT_REGISTRY).expect("sources.yaml");
        dir
    })
}

/// A registry the `.arg` and `.md` inputs may import.
pub const DEFAULT_REGISTRY: &str = "sources:\n  ap:\n    title: Associated Press\n    reliability: A\n    kind: wire\n  blog:\n    title: A blog\n    reliability: E\n    derived-from: [ap]\n";

/// Writes `files` (name, bytes) into the scratch project, checks `entry`,
/// and renders the JSON and human reports. Panics only on a defect.
pub fn check_files(files: &[(&str, &[u8])], entry: &str) {
    let dir = scratch();
    // The entry is checked in memory (Workspace::set_text, as the editor
    // does) when it is UTF-8; otherwise from disk, through the decoder.
    let mut in_memory = None;
    for (name, bytes) in files {
        match std::str::from_utf8(bytes) {
            Ok(text) if *name == entry => in_memory = Some(text.to_string()),
            _ => std::fs::write(dir.join(name), bytes).expect("write input"),
        }
    }
    let c = match in_memory {
        Some(text) => {
            let mut ws = argcheck::graph::Workspace::default();
            ws.set_text(&dir.join(entry), text);
            match ws.check(Semantics::Grounded) {
                Ok(a) => check::Checked::new(ws, a),
                Err(_) => return,
            }
        }
        None => match check::run(&[dir.join(entry)], Semantics::Grounded) {
            Ok(c) => c,
            // A run error (the entry itself unreadable) is a clean outcome.
            Err(_) => return,
        },
    };
    let (errors, warnings, infos) = c.counts();
    let summary = render::json::Summary {
        files: c.file_count(),
        statements: c.graph.statements.len(),
        errors,
        warnings,
        infos,
    };
    let json = render::json::render(&c.ws, &c.diagnostics, summary);
    assert!(json.ends_with('\n'));
    let _ = render::human::render(&c.ws, &c.diagnostics, render::human::Style::default());
    for d in &c.diagnostics {
        assert!(!d.rule.is_empty());
    }
}

/// A language-server session driven by arbitrary bytes, in process: after
/// `initialize` and the opening of `in.arg`, the input is cut at each
/// `0xFF` byte; a piece that decodes as a JSON-RPC message is sent as it
/// is, any other piece becomes an incremental `didChange` of `in.arg`
/// (its first four bytes the range, the rest the new text) followed by a
/// request at that place (hover, completion, definition, references,
/// rename, code action, outline in turn). Then `shutdown` and `exit`.
/// A panic anywhere (the server catches them and answers
/// `InternalError`) is a defect.
pub fn lsp_session(data: &[u8]) {
    use argcheck::lsp::{serve, transport};
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::json;
    let dir = scratch();
    let path = dir.join("in.arg");
    let uri = argcheck::lsp::convert::path_to_uri(&path).map(|u| u.to_string()).unwrap_or_default();
    let (server, client) = Connection::memory();
    let send = |m: Message| {
        let _ = client.sender.send(m);
    };
    let req = |id: i32, method: &str, params: serde_json::Value| {
        Message::Request(Request::new(RequestId::from(id), method.into(), params))
    };
    let note = |method: &str, params: serde_json::Value| Message::Notification(Notification::new(method.into(), params));
    send(req(1, "initialize", json!({"capabilities": {}})));
    send(note("initialized", json!({})));
    send(note(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "argcheck", "version": 1,
               "text": "use \"sources.yaml\"\nclaim c \"A claim.\"\n  because: e\nevidence e \"E.\"\n  cite: ap 2\n"}}),
    ));
    const METHODS: [&str; 7] = [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/rename",
        "textDocument/codeAction",
        "textDocument/documentSymbol",
    ];
    for (i, piece) in data.split(|b| *b == 0xFF).take(64).enumerate() {
        let id = i as i32 + 2;
        if let Ok(m) = transport::decode(piece) {
            send(m);
            continue;
        }
        let (head, rest) = piece.split_at(piece.len().min(4));
        let b = |k: usize| u32::from(head.get(k).copied().unwrap_or(0) % 16);
        let (start, end) = (json!({"line": b(0), "character": b(1)}), json!({"line": b(2), "character": b(3)}));
        let text = String::from_utf8_lossy(rest);
        send(note(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": id},
                   "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]}),
        ));
        let method = METHODS[i % METHODS.len()];
        let position = json!({"textDocument": {"uri": uri}, "position": start, "newName": "renamed",
                              "context": {"includeDeclaration": true, "diagnostics": []},
                              "range": {"start": start, "end": end}});
        send(req(id, method, position));
    }
    send(req(1000, "shutdown", serde_json::Value::Null));
    send(note("exit", serde_json::Value::Null));
    drop(client.sender);
    serve(&server);
    for m in client.receiver.try_iter() {
        if let Message::Response(r) = m {
            if let Err(e) = r.response_result {
                assert_ne!(e.code, -32603, "a request failed inside the server: {}", e.message);
            }
        }
    }
}
