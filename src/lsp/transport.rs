//! The stdio transport: Content-Length framed JSON-RPC, read and written
//! on two threads. lsp-server's own stdio transport stops reading at the
//! first malformed message (its reader returns the error), so the server
//! would die from client input; this one reads every frame it can, never
//! allocates more than [`MAX_MESSAGE`] bytes for one, answers a request it
//! cannot decode with an error, and skips anything else it cannot read.

use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};
use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

/// Largest message body read (a 64 MiB document with JSON escapes fits);
/// a larger one is skipped unread.
pub const MAX_MESSAGE: usize = 256 << 20;

/// The transport's threads, to join once the server is done (so that every
/// response is written before the process exits).
pub struct Threads {
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits until every message sent has been written.
    pub fn join(self) {
        let _ = self.writer.join();
    }
}

/// What reading one frame gave.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A message body.
    Body(Vec<u8>),
    /// A frame that could not be read (bad header, too large, truncated);
    /// why.
    Bad(String),
    /// End of input.
    Eof,
}

/// Reads one Content-Length frame. Header lines may end in `\r\n` or `\n`;
/// headers other than Content-Length are ignored.
pub fn read_frame(r: &mut impl BufRead) -> Frame {
    let mut len: Option<usize> = None;
    let mut bad: Option<String> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        // A header line is short; a runaway one is cut (and the frame
        // reported bad) rather than read whole.
        match r.by_ref().take(4096).read_until(b'\n', &mut line) {
            Ok(0) => return Frame::Eof,
            Ok(_) => {}
            Err(e) => return if any { Frame::Bad(e.to_string()) } else { Frame::Eof },
        }
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if !any {
                continue; // stray blank lines between frames
            }
            break;
        }
        any = true;
        match l.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => len = Some(n),
                    Err(_) => bad = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad = Some(format!("malformed header line `{}`", crate::render::cap(l, 80))),
        }
    }
    let Some(n) = len else {
        return Frame::Bad(bad.unwrap_or_else(|| "no Content-Length header".into()));
    };
    if n > MAX_MESSAGE {
        // Skip the body without keeping it.
        let skipped = io::copy(&mut r.by_ref().take(n as u64), &mut io::sink()).unwrap_or(0);
        if (skipped as usize) < n {
            return Frame::Eof;
        }
        return Frame::Bad(format!("a message of {n} bytes, over the limit of {MAX_MESSAGE}"));
    }
    let mut body = Vec::new();
    match r.by_ref().take(n as u64).read_to_end(&mut body) {
        Ok(got) if got == n => {}
        _ => return Frame::Eof,
    }
    if let Some(b) = bad {
        return Frame::Bad(b);
    }
    Frame::Body(body)
}

/// What a frame's body decodes to: a message for the server, an error
/// answer for a request that could not be decoded, or nothing (logged).
pub fn decode(body: &[u8]) -> Result<Message, Option<Response>> {
    match serde_json::from_slice::<Message>(body) {
        Ok(m) => Ok(m),
        Err(e) => {
            let id = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
            match id {
                Some(id) => Err(Some(Response::new_err(
                    id,
                    ErrorCode::InvalidRequest as i32,
                    format!("invalid request: {e}"),
                ))),
                None => {
                    eprintln!("argcheck lsp: ignored a message that is not JSON-RPC: {e}");
                    Err(None)
                }
            }
        }
    }
}

/// The method of a message that carries a whole JSON-RPC message already
/// serialised (its params are the text): the writer writes it as it is.
pub const RAW: &str = "$/argcheck/raw";

/// A message already serialised, for the writer to write as it is.
pub fn raw(body: String) -> Message {
    Message::Notification(lsp_server::Notification {
        method: RAW.into(),
        params: serde_json::Value::String(body),
    })
}

/// Writes one frame.
fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

/// Starts the stdio transport: returns the server's end of a connection
/// whose messages are read from stdin and written to stdout.
pub fn stdio() -> (Connection, Threads) {
    let (server, client) = Connection::memory();
    let to_writer = server.sender.clone();
    let to_server = client.sender;
    let reader = std::thread::Builder::new()
        .name("argcheck-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            loop {
                match read_frame(&mut input) {
                    Frame::Eof => break,
                    Frame::Bad(why) => eprintln!("argcheck lsp: skipped a frame: {why}"),
                    Frame::Body(body) => match decode(&body) {
                        Ok(msg) => {
                            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                            if to_server.send(msg).is_err() || exit {
                                break;
                            }
                        }
                        Err(Some(answer)) => {
                            let _ = to_writer.send(Message::Response(answer));
                        }
                        Err(None) => {}
                    },
                }
            }
            // Dropping `to_server` tells the server that input ended.
        });
    if let Err(e) = reader {
        eprintln!("argcheck lsp: cannot start the reader thread: {e}");
    }
    let receiver = client.receiver;
    let writer = std::thread::Builder::new()
        .name("argcheck-lsp-writer".into())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            for msg in receiver {
                let written = match &msg {
                    Message::Notification(n) if n.method == RAW => match &n.params {
                        serde_json::Value::String(body) => write_frame(&mut out, body),
                        _ => Ok(()),
                    },
                    _ => msg.write(&mut out).and_then(|()| out.flush()),
                };
                if written.is_err() {
                    break;
                }
            }
        })
        .unwrap_or_else(|_| std::thread::spawn(|| ()));
    (server, Threads { writer })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_one_after_another_and_bad_ones_skipped() {
        let mut input: &[u8] =
            b"Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Length: 3\nX-Other: 1\n\n[1]";
        assert_eq!(read_frame(&mut input), Frame::Body(b"{}".to_vec()));
        assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
        assert_eq!(read_frame(&mut input), Frame::Body(b"[1]".to_vec()));
        assert_eq!(read_frame(&mut input), Frame::Eof);
    }

    #[test]
    fn a_huge_length_is_not_allocated() {
        let mut input: &[u8] = b"Content-Length: 99999999999\r\n\r\n{}";
        assert_eq!(read_frame(&mut input), Frame::Eof);
    }

    #[test]
    fn an_undecodable_request_is_answered() {
        let answer = decode(br#"{"jsonrpc":"2.0","id":7,"method":5}"#).unwrap_err().unwrap();
        assert_eq!(answer.id, RequestId::from(7));
        assert!(decode(b"{not json").unwrap_err().is_none());
    }
}
