//! The stdio transport: LSP's `Content-Length` framing read by hand, so that a malformed message
//! never ends the server. `lsp-server`'s own stdio reader stops (and so takes the server down)
//! on the first frame it cannot read; this one answers it and reads on:
//!
//! - a body that is not JSON, or a frame with no `Content-Length` (a missing or broken header):
//!   an error response `-32700` (parse error) with `id: null`, then the reader looks for the
//!   next `Content-Length` header;
//! - JSON that is not a message (`[1,2,3]`, `{"id":1}`): `-32600` (invalid request), with the
//!   request's `id` when it has one;
//! - a body shorter than its `Content-Length` says, followed by the next frame: the next frame
//!   is found inside the body, the short one answered `-32700`.
//!
//! Messages go to the server over the same channels as `Connection::stdio()`; responses are
//! written whole under one lock, so an error answered by the reader never interleaves with a
//! message of the server.

use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

const HEADER: &[u8] = b"Content-Length:";
/// A body larger than this is refused (read and dropped) rather than held in memory.
const MAX_BODY: usize = 256 << 20;

/// One thing read from the stream.
#[derive(Debug)]
pub enum Frame {
    /// A well-formed message.
    Message(Box<Message>),
    /// Something to answer with an error response and drop: `(id, code, message)`.
    Bad(serde_json::Value, i32, String),
}

pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;

/// Reads frames from a byte stream, resynchronising on the next `Content-Length` after junk.
pub struct Reader<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// A message read after junk that was answered first.
    pending: Option<Frame>,
}

impl<R: Read> Reader<R> {
    pub fn new(inner: R) -> Reader<R> {
        Reader {
            inner,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            pending: None,
        }
    }

    /// Read more into the buffer; false at the end of the stream.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let mut chunk = [0u8; 64 * 1024];
        loop {
            match self.inner.read(&mut chunk) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The next line (without its `\r\n` or `\n`), or `None` at the end of the stream. A last
    /// line without a line break is returned as it is.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut searched = self.pos;
        loop {
            if let Some(i) = self.buf[searched..].iter().position(|&b| b == b'\n') {
                let end = searched + i;
                let mut line = self.buf[self.pos..end].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.pos = end + 1;
                return Ok(Some(line));
            }
            searched = self.buf.len();
            let before = self.pos;
            if !self.fill()? {
                if self.pos < self.buf.len() {
                    let line = self.buf[self.pos..].to_vec();
                    self.pos = self.buf.len();
                    return Ok(Some(line));
                }
                return Ok(None);
            }
            // `fill` may have moved the unread bytes to the front.
            searched -= before - self.pos;
        }
    }

    /// The next frame, or `None` when the stream has ended.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if let Some(f) = self.pending.take() {
            return Ok(Some(f));
        }
        // Headers up to the blank line.
        let mut length: Option<usize> = None;
        let mut junk = false;
        let mut seen_header = false;
        loop {
            let Some(line) = self.line()? else {
                return Ok(if junk || seen_header {
                    Some(bad_frame("the stream ended inside a message's header"))
                } else {
                    None
                });
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                if seen_header {
                    break;
                }
                continue;
            }
            // Junk before a header (a body sent without one, the rest of a cut message): skip
            // to the `Content-Length` in it, if any, and answer the junk once.
            let line = match find(&line, HEADER) {
                Some(0) => line,
                _ if is_header(&line) => line,
                Some(i) => {
                    junk = true;
                    line[i..].to_vec()
                }
                None => {
                    junk = true;
                    continue;
                }
            };
            seen_header = true;
            if let Some(value) = line.strip_prefix(HEADER) {
                length = std::str::from_utf8(value)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok());
                if length.is_none() {
                    junk = true;
                }
            }
            // Other headers (Content-Type) are allowed and ignored.
        }
        if junk && length.is_none() {
            return Ok(Some(bad_frame(
                "a message without a readable `Content-Length` header",
            )));
        }
        let Some(length) = length else {
            return Ok(Some(bad_frame(
                "a message without a `Content-Length` header",
            )));
        };
        if length > MAX_BODY {
            self.skip(length)?;
            return Ok(Some(bad_frame("a message larger than 256 MB")));
        }
        while self.buf.len() - self.pos < length {
            if !self.fill()? {
                self.pos = self.buf.len();
                return Ok(Some(bad_frame(
                    "the stream ended inside a message's body (shorter than its Content-Length)",
                )));
            }
        }
        let body_start = self.pos;
        let body = &self.buf[body_start..body_start + length];
        self.pos = body_start + length;
        let value: serde_json::Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                // A body cut short: the next frame's header is inside it. Read from there.
                if let Some(i) = find(body, HEADER) {
                    self.pos = body_start + i;
                }
                return Ok(Some(bad_frame(&format!("the body is not JSON: {e}"))));
            }
        };
        if junk {
            // Answer the junk first; the well-framed message after it still counts.
            self.pending = Some(to_frame(value));
            return Ok(Some(bad_frame(
                "bytes that are not a message (no `Content-Length` header before them)",
            )));
        }
        Ok(Some(to_frame(value)))
    }

    fn skip(&mut self, mut n: usize) -> io::Result<()> {
        loop {
            let have = self.buf.len() - self.pos;
            if have >= n {
                self.pos += n;
                return Ok(());
            }
            n -= have;
            self.pos = self.buf.len();
            if !self.fill()? {
                return Ok(());
            }
        }
    }
}

/// `Name: value` with a header name of letters, digits and `-`.
fn is_header(line: &[u8]) -> bool {
    match line.iter().position(|&b| b == b':') {
        Some(i) if i > 0 => line[..i]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        _ => false,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn bad_frame(why: &str) -> Frame {
    Frame::Bad(serde_json::Value::Null, PARSE_ERROR, why.to_string())
}

/// JSON → a message, or why it is not one.
fn to_frame(value: serde_json::Value) -> Frame {
    let id = match value.get("id") {
        Some(id @ (serde_json::Value::Number(_) | serde_json::Value::String(_))) => id.clone(),
        _ => serde_json::Value::Null,
    };
    if !value.is_object() {
        return Frame::Bad(
            id,
            INVALID_REQUEST,
            "the JSON is not a message object".into(),
        );
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Frame::Message(Box::new(m)),
        Err(e) => Frame::Bad(id, INVALID_REQUEST, format!("not a JSON-RPC message: {e}")),
    }
}

fn log_line(msg: &str) {
    let _ = writeln!(io::stderr(), "gouji lsp: {msg}");
}

/// The JSON-RPC error response for a frame that could not be read.
pub fn error_response(id: &serde_json::Value, code: i32, message: &str) -> Vec<u8> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    })
    .to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// The threads behind [`stdio`]. The reader ends at `exit` or at the end of input; the writer
/// when the server drops its sender.
pub struct IoThreads {
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait until everything the server sent is written.
    pub fn join(self) -> Result<(), String> {
        match self.writer.join() {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(_) => Err("the writer thread panicked".into()),
        }
    }
}

/// A connection over standard input and output that survives malformed input.
pub fn stdio() -> (Connection, IoThreads) {
    let out = Arc::new(Mutex::new(io::stdout()));
    let (to_writer, from_server) = crossbeam_channel::bounded::<Message>(0);
    let (to_server, from_reader) = crossbeam_channel::bounded::<Message>(0);
    let writer_out = Arc::clone(&out);
    let writer = std::thread::spawn(move || -> io::Result<()> {
        for m in from_server {
            let mut bytes = Vec::new();
            m.write(&mut bytes)?;
            let mut o = writer_out
                .lock()
                .map_err(|_| io::Error::other("stdout lock"))?;
            o.write_all(&bytes)?;
            o.flush()?;
        }
        Ok(())
    });
    // The reader is not joined: when the server stops before the client closes its end, it
    // would wait for input forever. It ends with the process.
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut reader = Reader::new(stdin.lock());
        loop {
            match reader.next_frame() {
                Ok(None) | Err(_) => return,
                Ok(Some(Frame::Message(m))) => {
                    let is_exit = matches!(&*m, Message::Notification(n) if n.method == "exit");
                    if to_server.send(*m).is_err() || is_exit {
                        return;
                    }
                }
                Ok(Some(Frame::Bad(id, code, why))) => {
                    log_line(&format!("dropped a malformed message ({code}): {why}"));
                    if let Ok(mut o) = out.lock() {
                        let _ = o.write_all(&error_response(&id, code, &why));
                        let _ = o.flush();
                    }
                }
            }
        }
    });
    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        IoThreads { writer },
    )
}

/// Read frames from a `BufRead` (tests and fuzzing).
pub fn frames(input: impl BufRead) -> Vec<Frame> {
    let mut r = Reader::new(input);
    let mut out = Vec::new();
    while let Ok(Some(f)) = r.next_frame() {
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;

    fn kinds(input: &str) -> Vec<String> {
        frames(input.as_bytes())
            .into_iter()
            .map(|f| match f {
                Frame::Message(_) => "message".to_string(),
                Frame::Bad(id, code, _) => format!("{code} id={id}"),
            })
            .collect()
    }

    #[test]
    fn well_framed_messages_are_read_in_order() {
        let input = format!("{}{}", frame(PING), frame(PING));
        assert_eq!(kinds(&input), ["message", "message"]);
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error_and_the_next_message_is_read() {
        let input = format!("{}{}", frame("{\"jsonrpc\": "), frame(PING));
        assert_eq!(kinds(&input), ["-32700 id=null", "message"]);
    }

    #[test]
    fn a_truncated_body_followed_by_a_message_loses_only_itself() {
        // Says 60 bytes, holds 20: the next frame starts inside the announced body.
        let input = format!(
            "Content-Length: 60\r\n\r\n{{\"jsonrpc\":\"2.0\",\"id\"{}",
            frame(PING)
        );
        assert_eq!(kinds(&input), ["-32700 id=null", "message"]);
    }

    #[test]
    fn a_body_without_a_header_is_skipped_and_answered_once() {
        let input = format!("{PING}\r\n{}", frame(PING));
        assert_eq!(kinds(&input), ["-32700 id=null", "message"]);
        let input = format!("{PING}{}", frame(PING));
        assert_eq!(kinds(&input), ["-32700 id=null", "message"]);
        // Only junk, then the end: one parse error.
        assert_eq!(kinds(PING), ["-32700 id=null"]);
    }

    #[test]
    fn a_header_with_no_length_is_a_parse_error() {
        let input = format!(
            "Content-Type: application/json\r\n\r\n{PING}{}",
            frame(PING)
        );
        let k = kinds(&input);
        assert_eq!(k.first().map(String::as_str), Some("-32700 id=null"));
        assert_eq!(k.last().map(String::as_str), Some("message"));
        assert_eq!(kinds("Content-Length: lots\r\n\r\n{}")[0], "-32700 id=null");
    }

    #[test]
    fn json_that_is_not_a_message_is_an_invalid_request_with_its_id() {
        let input = format!(
            "{}{}{}",
            frame("[1,2,3]"),
            frame(r#"{"id":4}"#),
            frame(PING)
        );
        assert_eq!(kinds(&input), ["-32600 id=null", "-32600 id=4", "message"]);
    }

    #[test]
    fn a_body_cut_by_the_end_of_input_is_a_parse_error() {
        assert_eq!(
            kinds("Content-Length: 100\r\n\r\n{\"a\":"),
            ["-32700 id=null"]
        );
        assert!(kinds("").is_empty());
    }
}
