//! The language server's re-check after an edit: a 1 MB report open in the editor, one cell
//! changed, and the time until the server has re-checked and published (a request right after
//! the edit makes the server re-check at once instead of after its 100 ms pause).
//! Run: `cargo bench --bench lsp`. Figures are recorded in README.md ("Speed").

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly"
)]

use gouji::lsp::Connection;
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::json;
use std::time::Duration;

fn main() {
    divan::main();
}

/// The example report with its narrative grown to about 1 MB of prose.
fn report_1mb() -> String {
    let base = include_str!("../examples/report-2023-broken.txt").replace("\r\n", "\n");
    let filler = "本局持续推进政务公开标准化规范化建设，围绕重点领域信息公开、政策解读和回应关切开展工作，编号第12345号文件已按要求公开。\n";
    let mut out = String::with_capacity(1_100_000);
    for line in base.lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("（五）监督保障") || line.starts_with("（二）改进情况") {
            let goal = if line.starts_with("（五）") {
                500_000
            } else {
                1_000_000
            };
            while out.len() < goal {
                out.push_str(filler);
            }
        }
    }
    out
}

struct Client {
    conn: Connection,
    id: i32,
}

impl Client {
    fn send(&self, m: impl Into<Message>) {
        self.conn.sender.send(m.into()).unwrap();
    }
    fn request(&mut self, method: &str, params: serde_json::Value) {
        self.id += 1;
        let id = RequestId::from(self.id);
        self.send(Request::new(id.clone(), method.into(), params));
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(60))
                .unwrap()
            {
                Message::Response(r) if r.id == id => return,
                _ => {}
            }
        }
    }
}

/// One cell of a 1 MB report edited, then re-checked and published.
#[divan::bench(sample_count = 40)]
fn recheck_after_an_edit_in_a_1mb_report(bencher: divan::Bencher) {
    let (server_side, conn) = Connection::memory();
    let server = std::thread::spawn(move || gouji::lsp::serve(server_side));
    let mut c = Client { conn, id: 0 };
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.send(Notification::new("initialized".into(), json!({})));
    let text = report_1mb();
    let uri = "file:///ws/bench.txt";
    c.send(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    ));
    c.request("gouji/sync", serde_json::Value::Null);
    // The cell `（七）总计` × `自然人`: alternately 13 and 12.
    let line = text.lines().position(|l| l.contains("（七）总计")).unwrap();
    let col = text.lines().nth(line).unwrap().find("13").unwrap();
    let col16 = text.lines().nth(line).unwrap()[..col]
        .encode_utf16()
        .count();
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        let new = if version % 2 == 0 { "12" } else { "13" };
        c.send(Notification::new(
            "textDocument/didChange".into(),
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": line, "character": col16}, "end": {"line": line, "character": col16 + 2}},
                "text": new}]}),
        ));
        c.request("gouji/sync", serde_json::Value::Null);
    });
    c.request("shutdown", serde_json::Value::Null);
    c.send(Notification::new("exit".into(), serde_json::Value::Null));
    let _ = server.join();
}
