//! `argcheck lsp` as an editor meets it: the real binary, driven over
//! stdio with Content-Length framing through a whole session (initialize,
//! open, changes full and incremental, every request the server offers,
//! malformed input, shutdown and exit). Expected positions are computed
//! here in UTF-16 code units from the text, independently of the server.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A project directory, fresh for each test.
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the project");
    std::fs::write(dir.join("argcheck.yaml"), "# root\n").expect("write");
    for (path, text) in files {
        std::fs::write(dir.join(path), text).expect("write");
    }
    dir.canonicalize().expect("canonical")
}

fn uri(path: &Path) -> String {
    argcheck::lsp::convert::path_to_uri(path)
        .expect("a file URI")
        .to_string()
}

/// A running server and what it said.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications received and not yet looked at.
    notes: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .arg("lsp")
            .env("ARGCHECK_LSP_TEST_PANIC", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start argcheck lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().expect("a length");
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            notes: Vec::new(),
            next_id: 0,
        }
    }

    fn raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.raw(body.to_string().as_bytes());
    }

    /// Sends a request and waits for its response (the whole response:
    /// `result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.raw(body.to_string().as_bytes());
        self.response(id)
    }

    fn response(&mut self, id: i64) -> Value {
        let end = Instant::now() + WAIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if m.get("id") == Some(&json!(id)) && m.get("method").is_none() => return m,
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => {
                    // A request of the server (registerCapability): answer it.
                    let answer = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                    self.raw(answer.to_string().as_bytes());
                }
                Ok(m) => self.notes.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no response to request {id}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server stopped before answering {id}"),
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The next diagnostics published for `uri` that satisfy `ok`.
    fn diagnostics(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let end = Instant::now() + WAIT;
        let mut last = None;
        loop {
            let found = self
                .notes
                .iter()
                .position(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri);
            if let Some(i) = found {
                let n = self.notes.remove(i);
                let d = n["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
                if ok(&d) {
                    return d;
                }
                last = Some(d);
                continue;
            }
            let left = end.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => {
                    let answer = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                    self.raw(answer.to_string().as_bytes());
                }
                Ok(m) => self.notes.push(m),
                Err(_) => panic!("no matching diagnostics for {uri}; last published: {last:#?}"),
            }
        }
    }

    fn initialize(&mut self, encodings: Value) -> Value {
        let r = self.result(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {"general": {"positionEncodings": encodings}},
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn finish(mut self) -> i32 {
        let r = self.call("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let end = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < end, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The UTF-16 position of byte `offset` of `text`.
fn pos16(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

/// The byte offset of a UTF-16 position.
fn offset16(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().expect("line") as usize;
    let mut col = p["character"].as_u64().expect("character") as usize;
    let start = if line == 0 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 1)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut at = start;
    for c in text[start..].chars() {
        if col == 0 || c == '\n' {
            break;
        }
        col = col.saturating_sub(c.len_utf16());
        at += c.len_utf8();
    }
    at
}

/// Applies LSP text edits (UTF-16 ranges) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset16(text, &e["range"]["start"]),
                offset16(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn range_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in the text"));
    json!({"start": pos16(text, at), "end": pos16(text, at + needle.len())})
}

fn find<'a>(diags: &'a [Value], rule: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == rule)
}

const SOURCES: &str = "source ap \"Associated Press\"\n  reliability: A\n  kind: wire\n";

const MAIN: &str = "use \"sources.arg\"

claim c1 \"The claim.\"
  confidence: likely
  because: e1, evidnce-two
  allow: single-source

evidence e1 \"Evidence one.\"
  cite: ap 3 \"صفحہ ۱۲ 😀\" 2017-02-30

evidence evidence-two \"Evidence two.\"
  cite: ap 2
";

#[test]
fn a_whole_session_over_stdio() {
    let dir = project("session", &[("sources.arg", SOURCES), ("main.arg", MAIN)]);
    let main = uri(&dir.join("main.arg"));
    let sources = uri(&dir.join("sources.arg"));
    let mut c = Client::start();
    let init = c.initialize(json!(["utf-16"]));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for p in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert_eq!(caps[p], true, "{p}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);

    // Open: the findings at their UTF-16 ranges, on a line where Urdu
    // text and an emoji come before the bad date.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main, "languageId": "argcheck", "version": 1, "text": MAIN}}),
    );
    let d = c.diagnostics(&main, |d| !d.is_empty());
    let date = find(&d, "invalid-value").expect("the bad date");
    assert_eq!(date["range"], range_of(MAIN, "2017-02-30"));
    assert_eq!(date["range"]["start"]["character"], 26, "UTF-16 columns: {date}");
    assert_eq!(date["message"], "`2017-02-30` is not a real calendar date");
    assert_eq!(date["severity"], 1);
    assert_eq!(date["source"], "argcheck");
    let unknown = find(&d, "unknown-reference").expect("the unknown id");
    assert_eq!(unknown["range"], range_of(MAIN, "evidnce-two"));
    assert_eq!(unknown["message"], "unknown statement `evidnce-two` in `because`");
    assert!(unknown["codeDescription"]["href"]
        .as_str()
        .is_some_and(|h| h.ends_with("rules.md#unknown-reference")));
    assert!(
        unknown["relatedInformation"]
            .as_array()
            .is_some_and(|r| r.iter().any(|i| i["message"] == "help: did you mean `evidence-two`?")),
        "{unknown:#}"
    );

    // The quick fix of the unknown id, applied as the editor would, then
    // sent as a full change: the finding disappears.
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": main}, "range": range_of(MAIN, "evidnce-two"),
               "context": {"diagnostics": [unknown]}}),
    );
    let action = actions
        .as_array()
        .and_then(|a| a.iter().find(|a| a["title"] == "replace with `evidence-two`"))
        .expect("the quick fix")
        .clone();
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][&main].as_array().expect("edits").clone();
    let fixed = apply(MAIN, &edits);
    assert!(fixed.contains("because: e1, evidence-two\n"), "{fixed}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let d = c.diagnostics(&main, |d| find(d, "unknown-reference").is_none());
    assert!(find(&d, "invalid-value").is_some(), "the date is still wrong");

    // An incremental edit: the date fixed in place.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 3},
               "contentChanges": [{"range": range_of(&fixed, "30\n"), "text": "28\n"}]}),
    );
    let text = fixed.replace("2017-02-30", "2017-02-28");
    let d = c.diagnostics(&main, |d| find(d, "invalid-value").is_none());
    assert!(d.iter().all(|x| x["code"] != "syntax-error"), "{d:#?}");

    // Two edits in one notification, each range in the text the previous
    // one left: applied in order (the second lands elsewhere if not).
    let step = text.replacen("likely", "almost-certain", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 4}, "contentChanges": [
            {"range": range_of(&text, "likely"), "text": "almost-certain"},
            {"range": range_of(&step, "almost-certain"), "text": "very-likely"},
        ]}),
    );
    let d = c.diagnostics(&main, |d| find(d, "overclaimed-confidence").is_some());
    assert!(find(&d, "syntax-error").is_none(), "{d:#?}");
    let over = find(&d, "overclaimed-confidence").expect("overclaimed");
    assert_eq!(
        over["range"],
        range_of(&text.replacen("likely", "very-likely", 1), "very-likely")
    );
    let r = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": pos16(&text, text.find("c1").expect("c1"))}),
    );
    let v = r["contents"]["value"].as_str().expect("markdown");
    assert!(
        v.contains("ceiling `likely`, declared `very-likely`: **above the ceiling**"),
        "{v}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main, "version": 5}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics(&main, |d| find(d, "overclaimed-confidence").is_none());

    // Hover: a statement's facts and a source's rating.
    let at = |needle: &str, nth: usize| {
        let i = text.match_indices(needle).nth(nth).expect("in the text").0;
        pos16(&text, i + 1)
    };
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at("e1", 0)}),
    );
    let v = h["contents"]["value"].as_str().expect("markdown");
    assert!(v.starts_with("**evidence** `e1`"), "{v}");
    assert!(v.contains("- grounded"), "{v}");
    assert!(v.contains("ceiling `likely`"), "{v}");
    assert!(v.contains("standing `in`"), "{v}");
    assert!(v.contains("origins: `ap`"), "{v}");
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at("ap 3", 0)}),
    );
    let v = h["contents"]["value"].as_str().expect("markdown");
    assert!(v.contains("reliability `A`: completely reliable"), "{v}");
    assert!(v.contains("kind: wire"), "{v}");

    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at("single-source", 0)}),
    );
    let v = h["contents"]["value"].as_str().expect("markdown");
    assert!(
        v.starts_with("**rule** `single-source` (warning by default)\n\nFires when"),
        "{v}"
    );

    // Hover on the values of the rating scales.
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at("likely", 0)}),
    );
    assert_eq!(h["contents"]["value"], "**likely**: ICD 203 estimative term, 55–80 %");
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at(" 3 ", 0)}),
    );
    assert_eq!(
        h["contents"]["value"],
        "**credibility 3**: possibly true (STANAG 2511); caps this citation's ceiling at `likely`"
    );

    for key in ["cite", "confidence"] {
        let h = c.result(
            "textDocument/hover",
            json!({"textDocument": {"uri": main}, "position": at(key, 0)}),
        );
        assert_eq!(h, Value::Null, "no hover on the key `{key}`");
    }

    // Definition: across the import.
    let def = c.result(
        "textDocument/definition",
        json!({"textDocument": {"uri": main}, "position": at("ap 3", 0)}),
    );
    assert_eq!(def["uri"], sources.as_str());
    assert_eq!(def["range"], range_of(SOURCES, "ap"));

    // References of e1: its definition and its use in `because`.
    let refs = c.result(
        "textDocument/references",
        json!({"textDocument": {"uri": main}, "position": at("e1", 0),
               "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().expect("locations");
    assert_eq!(refs.len(), 2, "{refs:?}");

    // Rename: checked, then applied.
    let prep = c.result(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": main}, "position": at("e1", 0)}),
    );
    assert_eq!(prep, range_of(&text, "e1"));
    for bad in ["evidence-two", "1e", "a b"] {
        let r = c.call(
            "textDocument/rename",
            json!({"textDocument": {"uri": main}, "position": at("e1", 0), "newName": bad}),
        );
        assert!(r.get("error").is_some(), "renaming to `{bad}` must be refused: {r}");
    }
    let edit = c.result(
        "textDocument/rename",
        json!({"textDocument": {"uri": main}, "position": at("e1", 0), "newName": "e-one"}),
    );
    let edits = edit["changes"][&main].as_array().expect("edits");
    assert_eq!(edits.len(), 2);
    let renamed = apply(&text, edits);
    assert!(
        renamed.contains("because: e-one, evidence-two") && renamed.contains("evidence e-one "),
        "{renamed}"
    );

    // Completion: estimative terms, then ids.
    let conf = text.find("confidence: ").expect("confidence") + "confidence: ".len();
    let items = c.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": main}, "position": pos16(&text, conf)}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"likely") && labels.contains(&"almost-certain"),
        "{labels:?}"
    );
    let because = text.find("because: ").expect("because") + "because: ".len();
    let items = c.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": main}, "position": pos16(&text, because)}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"e1") && labels.contains(&"evidence-two"), "{labels:?}");
    assert!(!labels.contains(&"ap"), "sources are not statements: {labels:?}");
    let items = c.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": main}, "position": {"line": 0, "character": 5}}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["sources.arg"], "files to import, not the importer itself");
    let cite = text.find("cite: ap ").expect("cite") + "cite: ap ".len();
    let items = c.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": main}, "position": pos16(&text, cite)}),
    );
    let first = &items["items"][0];
    assert_eq!(
        (first["label"].as_str(), first["detail"].as_str()),
        (Some("1"), Some("credibility: confirmed"))
    );

    // Outline and workspace symbols.
    let symbols = c.result("textDocument/documentSymbol", json!({"textDocument": {"uri": main}}));
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["use \"sources.arg\"", "c1", "e1", "evidence-two"]);
    let found = c.result("workspace/symbol", json!({"query": "ap"}));
    assert!(found.as_array().expect("symbols").iter().any(|s| s["name"] == "ap"));

    // The imported file changes in the editor: the importer is
    // re-diagnosed (its citations of `ap` no longer resolve).
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": sources, "languageId": "argcheck", "version": 1, "text": SOURCES}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": sources, "version": 2},
               "contentChanges": [{"range": range_of(SOURCES, "ap"), "text": "apx"}]}),
    );
    let d = c.diagnostics(&main, |d| find(d, "unknown-reference").is_some());
    assert_eq!(
        find(&d, "unknown-reference").expect("ap")["message"],
        "unknown source `ap` in `cite`"
    );

    // Closed, then changed on disk: the importer follows the disk.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": sources}}));
    c.diagnostics(&main, |d| find(d, "unknown-reference").is_none());
    std::fs::write(dir.join("sources.arg"), SOURCES.replace("ap ", "ap2 ")).expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": sources, "type": 2}]}),
    );
    c.diagnostics(&main, |d| find(d, "unknown-reference").is_some());

    // Malformed input and an unknown method: the server still answers.
    c.raw(b"{this is not json");
    c.raw(br#"{"jsonrpc":"2.0","id":"bad","method":7}"#);
    let r = c.response_to_raw_id("bad");
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = c.call("argcheck/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.call("textDocument/hover", json!({"textDocument": {"uri": main}}));
    assert_eq!(r["error"]["code"], -32602, "invalid params: {r}");
    let r = c.call("argcheck/panic", json!({}));
    assert_eq!(r["error"]["code"], -32603, "a panic is an internal error: {r}");
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": at("e1", 0)}),
    );
    assert!(h["contents"]["value"].as_str().is_some());

    assert_eq!(c.finish(), 0);
}

impl Client {
    fn response_to_raw_id(&mut self, id: &str) -> Value {
        let end = Instant::now() + WAIT;
        loop {
            match self
                .messages
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(m) if m.get("id") == Some(&json!(id)) => return m,
                Ok(m) => self.notes.push(m),
                Err(_) => panic!("no response to `{id}`"),
            }
        }
    }
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = project("utf8", &[("sources.arg", SOURCES), ("main.arg", MAIN)]);
    let main = uri(&dir.join("main.arg"));
    let mut c = Client::start();
    let init = c.initialize(json!(["utf-16", "utf-8"]));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main, "languageId": "argcheck", "version": 1, "text": MAIN}}),
    );
    let d = c.diagnostics(&main, |d| find(d, "invalid-value").is_some());
    let at = MAIN.find("2017-02-30").expect("date");
    let line_start = MAIN[..at].rfind('\n').expect("line") + 1;
    assert_eq!(
        find(&d, "invalid-value").expect("date")["range"]["start"]["character"],
        at - line_start,
        "byte columns"
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn markdown_drafts_and_crlf_lines() {
    let md = "# Draft\r\n\r\n```arg\r\nclaim c \"A claim.\"\r\n  because: nothing-here\r\n```\r\n";
    let dir = project("markdown", &[("draft.md", md)]);
    let draft = uri(&dir.join("draft.md"));
    let mut c = Client::start();
    c.initialize(json!(["utf-16"]));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": md}}),
    );
    let d = c.diagnostics(&draft, |d| find(d, "unknown-reference").is_some());
    let u = find(&d, "unknown-reference").expect("unknown");
    assert_eq!(
        u["range"],
        json!({"start": {"line": 4, "character": 11}, "end": {"line": 4, "character": 23}})
    );
    // Closing a file nothing else imports clears its diagnostics.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": draft}}));
    c.diagnostics(&draft, |d| d.is_empty());
    assert_eq!(c.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1_and_requests_before_initialize_are_refused() {
    let mut c = Client::start();
    let r = c.call("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.notify("exit", Value::Null);
    let status = c.child.wait().expect("wait");
    assert_eq!(status.code(), Some(1));
}

/// Neovim 0.7 (Debian's `neovim`), headless, with its own LSP client
/// (`vim.lsp.start_client`, the 0.7 API docs/editors.md shows): it gets
/// the server's diagnostics. Skipped, saying so, where `nvim` is not
/// installed (CI has none).
#[test]
fn neovim_gets_diagnostics() {
    let Ok(version) = Command::new("nvim").arg("--version").output() else {
        println!("skipped: nvim is not installed (apt-get install neovim to run this test)");
        return;
    };
    println!(
        "{}",
        String::from_utf8_lossy(&version.stdout).lines().next().unwrap_or("")
    );
    let dir = project("neovim", &[("sources.arg", SOURCES), ("main.arg", MAIN)]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lsp/nvim07.lua");
    let out = Command::new("nvim")
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("ARGCHECK_BIN", env!("CARGO_BIN_EXE_argcheck"))
        .env("ARGCHECK_FILE", dir.join("main.arg"))
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .expect("run nvim");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("DONE"),
        "nvim: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Neovim counts columns in bytes of the line (it converts from the
    // negotiated UTF-16).
    let at = MAIN.find("2017-02-30").expect("date");
    let col = at - MAIN[..at].rfind('\n').expect("line") - 1;
    let line = MAIN[..at].matches('\n').count();
    let want = format!("{line}:{col} `2017-02-30` is not a real calendar date");
    assert!(stdout.lines().any(|l| l == want), "want `{want}` in:\n{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l == "4:15 unknown statement `evidnce-two` in `because`"),
        "{stdout}"
    );
}

/// `argcheck.yaml` is honoured, and a change to it, once saved, applies
/// to the open documents; open in the editor it is never checked as a
/// source registry.
#[test]
fn the_configuration_applies_when_saved() {
    let dir = project("config", &[("sources.arg", SOURCES), ("main.arg", MAIN)]);
    let main = uri(&dir.join("main.arg"));
    let config = uri(&dir.join("argcheck.yaml"));
    let mut c = Client::start();
    c.initialize(json!(["utf-16"]));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main, "languageId": "argcheck", "version": 1, "text": MAIN}}),
    );
    c.diagnostics(&main, |d| find(d, "invalid-value").is_some());
    let text = "rules:\n  invalid-value: off\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": config, "languageId": "yaml", "version": 1, "text": "# root\n"}}),
    );
    std::fs::write(dir.join("argcheck.yaml"), text).expect("write");
    c.notify("textDocument/didSave", json!({"textDocument": {"uri": config}}));
    let d = c.diagnostics(&main, |d| find(d, "invalid-value").is_none());
    assert!(
        find(&d, "unknown-reference").is_some(),
        "other rules still apply: {d:#?}"
    );
    assert_eq!(c.finish(), 0);
}

/// A question, its answers and two rows: what the competing-hypotheses
/// hovers read (LANGUAGE.md, *Competing hypotheses*).
const ACH: &str = "source ap \"Associated Press\"\n  reliability: A\n\nclaim here \"It is here.\"\n  confidence: likely\n  cite: ap 3\n\nclaim there \"It is there.\"\n  confidence: unlikely\n  cite: ap 3\n\nquestion where \"Where is it?\"\n  answers: here, there\n\nevidence raids \"Raids found nothing there.\"\n  cite: ap 2\n  rates: here C, there II\n";

#[test]
fn hover_on_a_question_shows_its_scores_and_on_a_rating_the_row_weight() {
    let dir = project("ach-hover", &[("ach.arg", ACH)]);
    let doc = uri(&dir.join("ach.arg"));
    let mut c = Client::start();
    c.initialize(json!(["utf-16"]));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "argcheck", "version": 1, "text": ACH}}),
    );
    c.diagnostics(&doc, |_| true);
    let hover = |c: &mut Client, needle: &str, skip: usize| {
        let at = ACH.find(needle).expect("needle") + skip;
        let h = c.result(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": pos16(ACH, at)}),
        );
        h["contents"]["value"].as_str().unwrap_or_default().to_string()
    };
    // `raids` is ceiling very-likely (A, 2): weight 2; `there` scores 2 × 2.
    let q = hover(&mut c, "question where", 10);
    assert!(q.contains("`here`: score 0, least inconsistent"), "{q}");
    assert!(q.contains("`there`: score 4"), "{q}");
    assert!(q.contains("declared confidences at least 75 %"), "{q}");
    let answer = hover(&mut c, "there II", 1);
    assert!(
        answer.contains("`raids` rates `there` `II` (very inconsistent)"),
        "{answer}"
    );
    assert!(answer.contains("**row weight 2** (ceiling very-likely)"), "{answer}");
    assert!(answer.contains("**claim** `there`"), "{answer}");
    let rating = hover(&mut c, "II\n", 0);
    assert!(
        rating.starts_with("**II**: very inconsistent (counts 2 × the row's weight"),
        "{rating}"
    );
    assert!(rating.contains("**row weight 2**"), "{rating}");
    assert_eq!(c.finish(), 0);
}

#[test]
fn formatting_gives_the_edits_of_argcheck_fmt_and_none_on_syntax_errors() {
    let messy = "claim c \"A claim.\"\n    confidence:likely\n  cite:   ap 3   # the wire\nsource ap \"AP\"\n  reliability: A\n";
    let broken = "claim c \"A claim.\n  because x y\n";
    let dir = project("formatting", &[("messy.arg", messy), ("broken.arg", broken)]);
    let want = argcheck::fmt::format_source(messy).expect("formats");
    assert_ne!(want, messy);
    let (m, b) = (uri(&dir.join("messy.arg")), uri(&dir.join("broken.arg")));
    let mut c = Client::start();
    let init = c.initialize(json!(["utf-16"]));
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    assert_eq!(init["capabilities"]["documentRangeFormattingProvider"], true);
    for (u, text) in [(&m, messy), (&b, broken)] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "argcheck", "version": 1, "text": text}}),
        );
    }
    let options = json!({"tabSize": 2, "insertSpaces": true});
    let edits = c.result(
        "textDocument/formatting",
        json!({"textDocument": {"uri": m}, "options": options}),
    );
    let edits = edits.as_array().expect("edits").clone();
    assert_eq!(apply(messy, &edits), want);
    // Only the items a range touches: the claim, not the source.
    let edits = c.result(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": m}, "range": range_of(messy, "confidence:likely"), "options": options}),
    );
    let ranged = apply(messy, edits.as_array().expect("edits"));
    assert!(ranged.contains("  confidence: likely\n"), "{ranged}");
    assert!(ranged.ends_with("source ap \"AP\"\n  reliability: A\n"), "{ranged}");
    // A file with syntax errors is never rewritten.
    let none = c.result(
        "textDocument/formatting",
        json!({"textDocument": {"uri": b}, "options": options}),
    );
    assert_eq!(none, json!([]));
    assert_eq!(c.finish(), 0);
}
