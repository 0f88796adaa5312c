//! The real `gouji lsp` binary over stdio, fed malformed input: a truncated body, a missing
//! header, JSON that is not a message. Each is answered (or logged and dropped) and the server
//! keeps serving; it exits cleanly on `shutdown` + `exit`. Also what some clients send that
//! editors usually do not: raw (not percent-encoded) Chinese in URIs, lone `\r` line endings.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    out: Receiver<Value>,
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gouji"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, out) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.unwrap()];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut s = Server { child, stdin, out };
        s.send_json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
        let r = s.response(1);
        assert!(r["result"]["capabilities"].is_object(), "{r}");
        s.send_json(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send_json(&mut self, v: &Value) {
        self.send_raw(&frame(&v.to_string()));
    }

    fn next(&mut self) -> Value {
        self.out
            .recv_timeout(WAIT)
            .expect("a message from the server in time (is it still running?)")
    }

    /// The response with this id (notifications before it are skipped).
    fn response(&mut self, id: i64) -> Value {
        loop {
            let m = self.next();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    }

    /// Every message up to and including the response with this id.
    fn until_response(&mut self, id: i64) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let m = self.next();
            let done = m["id"] == json!(id) && m.get("method").is_none();
            seen.push(m);
            if done {
                return seen;
            }
        }
    }

    /// The next error response with `id: null`.
    fn null_id_error(&mut self) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_none() && m["id"].is_null() {
                return m;
            }
        }
    }

    /// A request the server answers: proof that it still serves.
    fn still_serving(&mut self, id: i64) {
        self.send_json(
            &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": {"textDocument": {"uri": "file:///nowhere.txt"}}}),
        );
        let r = self.response(id);
        assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].clone();
            }
        }
    }

    fn shutdown(mut self) {
        self.send_json(&json!({"jsonrpc": "2.0", "id": 999, "method": "shutdown"}));
        let r = self.response(999);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.send_json(&json!({"jsonrpc": "2.0", "method": "exit"}));
        let status = self.child.wait().unwrap();
        assert_eq!(status.code(), Some(0));
    }
}

#[test]
fn a_body_that_is_not_json_gets_a_parse_error_and_the_server_serves_on() {
    let mut s = Server::start();
    s.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\""));
    let e = s.null_id_error();
    assert_eq!(e["error"]["code"], -32700, "{e}");
    s.still_serving(10);
    s.shutdown();
}

#[test]
fn a_body_shorter_than_its_content_length_loses_only_itself() {
    let mut s = Server::start();
    // Says 80 bytes, holds 30; the next message follows at once.
    let mut bytes = b"Content-Length: 80\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"met".to_vec();
    bytes.extend(frame(
        &json!({"jsonrpc": "2.0", "id": 11, "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": "file:///nowhere.txt"}}})
        .to_string(),
    ));
    s.send_raw(&bytes);
    let e = s.null_id_error();
    assert_eq!(e["error"]["code"], -32700, "{e}");
    s.response(11);
    s.still_serving(12);
    s.shutdown();
}

#[test]
fn a_message_without_a_header_gets_a_parse_error_and_the_server_serves_on() {
    let mut s = Server::start();
    let request = |id: i64| {
        frame(
            &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": {"textDocument": {"uri": "file:///nowhere.txt"}}})
            .to_string(),
        )
    };
    // A body with no header at all, then a well-framed request.
    let mut bytes = b"{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"shutdown\"}\r\n".to_vec();
    bytes.extend(request(13));
    s.send_raw(&bytes);
    let seen = s.until_response(13);
    assert!(
        seen.iter()
            .any(|m| m["id"].is_null() && m["error"]["code"] == -32700),
        "{seen:?}"
    );
    // A header block with no Content-Length.
    let mut bytes = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_vec();
    bytes.extend(request(14));
    s.send_raw(&bytes);
    let seen = s.until_response(14);
    assert!(
        seen.iter()
            .any(|m| m["id"].is_null() && m["error"]["code"] == -32700),
        "{seen:?}"
    );
    s.still_serving(16);
    s.shutdown();
}

#[test]
fn json_that_is_not_a_message_gets_invalid_request_and_the_server_serves_on() {
    let mut s = Server::start();
    s.send_raw(&frame("[1,2,3]"));
    let e = s.null_id_error();
    assert_eq!(e["error"]["code"], -32600, "{e}");
    s.send_raw(&frame("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":42}"));
    let e = s.response(21);
    assert_eq!(e["error"]["code"], -32600, "{e}");
    s.send_raw(&frame("\"just a string\""));
    assert_eq!(s.null_id_error()["error"]["code"], -32600);
    s.still_serving(15);
    s.shutdown();
}

fn broken_report() -> String {
    std::fs::read_to_string(format!(
        "{}/examples/report-2023-broken.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("\r\n", "\n")
}

fn open(s: &mut Server, uri: &str, text: &str) {
    s.send_json(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}),
    );
}

fn lines_of(diags: &Value, code: &str) -> Vec<u64> {
    diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_did_open_with_raw_chinese_in_its_uri_is_checked() {
    let mut s = Server::start();
    open(
        &mut s,
        "file:///ws/示例局2023年年度报告.txt",
        &broken_report(),
    );
    // Published under the percent-encoded form of the same URI.
    let encoded = "file:///ws/%E7%A4%BA%E4%BE%8B%E5%B1%802023%E5%B9%B4%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.txt";
    let d = s.diagnostics_for(encoded);
    assert!(!lines_of(&d, "R040").is_empty(), "{d}");
    s.shutdown();
}

#[test]
fn a_report_with_lone_carriage_returns_gets_its_findings_on_the_right_lines() {
    let mut s = Server::start();
    let lf = broken_report();
    open(&mut s, "file:///ws/lf.txt", &lf);
    let with_lf = s.diagnostics_for("file:///ws/lf.txt");
    open(&mut s, "file:///ws/cr.txt", &lf.replace('\n', "\r"));
    let with_cr = s.diagnostics_for("file:///ws/cr.txt");
    assert!(!lines_of(&with_lf, "R040").is_empty(), "{with_lf}");
    assert_eq!(lines_of(&with_cr, "R040"), lines_of(&with_lf, "R040"));
    let ranges = |d: &Value| -> Vec<Value> {
        d.as_array()
            .unwrap()
            .iter()
            .map(|x| json!([x["code"], x["range"]]))
            .collect()
    };
    assert_eq!(ranges(&with_cr), ranges(&with_lf));
    s.shutdown();
}
