//! The language server, in process: a client on one end of `Connection::memory()`, `gouji::lsp::serve`
//! on the other. Payloads are snapshotted as pretty JSON (`cargo insta review`).
//!
//! The reports here are invented (an imaginary 青石县示例局); only the table labels follow the
//! official 2021 template, as any report must.

// Tests may unwrap: a failure here is a failed test, not a crash in front of a user.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gouji::lsp::Connection;
use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A 2021-format report whose `（七）总计` for 自然人 says 5 where the results add up to 4.
const REPORT: &str = "青石县示例局2023年政府信息公开工作年度报告

一、总体情况
（一）主动公开
本局按时发布工作动态和通知公告。
（二）依申请公开
全年依法答复各类申请。
（三）政府信息管理
定期清理已发布的文件。
（四）政府信息公开平台建设
维护门户网站栏目。
（五）监督保障
开展一次内部培训。

二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t1\t0\t3
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t12
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t4
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0

三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
自然人\t法人或其他组织\t总计
商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
三、本年度办理结果\t（一）予以公开\t3\t0\t0\t0\t0\t0\t3
（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1
（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0
2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
2.重复申请\t0\t0\t0\t0\t0\t0\t0
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
3.其他\t0\t0\t0\t0\t0\t0\t0
（七）总计\t5\t0\t0\t0\t0\t0\t4
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0

四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0

五、存在的主要问题及改进情况
栏目更新不够及时，下一步将按月检查栏目。

六、其他需要报告的事项
本年度未收取信息处理费。
";

/// A workspace rule file that extends the bundled 2021 rules and drops one identity.
const MY_RULES: &str = "/// 本局自用的规则：在2021年格式上去掉一条勾稽关系。
regulation 政府信息公开工作年度报告 version local extends 2021 {
  report_years 2022..
  amend table 表三 {
    remove 列平衡
  }
}
";

const ROOT: &str = "file:///ws";

/// The URI of a file in the workspace, percent-encoded as editors send it.
fn uri(name: &str) -> String {
    format!("{ROOT}/{}", percent(name))
}

/// Line and column (UTF-16 or UTF-8) of the `nth` occurrence of `needle` in `text`.
fn pos(text: &str, needle: &str, nth: usize, utf8: bool) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle in text");
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_text = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let character = if utf8 {
        line_text.len()
    } else {
        line_text.encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
    inbox: VecDeque<Notification>,
    initialize_result: Value,
}

impl Client {
    /// A client whose display language is English: the tests that read the server's English
    /// words. `start_in` picks another (VS Code sends `zh-cn` for Chinese).
    fn start(root: &str, encodings: &[&str], options: Value) -> Client {
        Client::start_in(root, encodings, options, Some("en"))
    }

    fn start_in(root: &str, encodings: &[&str], options: Value, locale: Option<&str>) -> Client {
        let (server_side, conn) = Connection::memory();
        let server = std::thread::spawn(move || gouji::lsp::serve(server_side));
        let mut c = Client {
            conn,
            server: Some(server),
            next_id: 0,
            inbox: VecDeque::new(),
            initialize_result: Value::Null,
        };
        let mut params = json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{ "uri": root, "name": "ws" }],
            "capabilities": { "general": { "positionEncodings": encodings } },
            "initializationOptions": options,
        });
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        let r = c.request("initialize", params);
        c.initialize_result = r.response_result.expect("initialize result");
        c.notify("initialized", json!({}));
        c
    }

    fn new() -> Client {
        Client::start(ROOT, &["utf-16"], Value::Null)
    }

    fn send(&self, m: impl Into<Message>) {
        self.conn.sender.send(m.into()).expect("server alive");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params));
    }

    fn recv(&mut self) -> Message {
        self.conn
            .receiver
            .recv_timeout(WAIT)
            .expect("a message from the server in time")
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params));
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r,
                Message::Response(r) => panic!("answer to another request: {r:?}"),
                Message::Notification(n) => self.inbox.push_back(n),
                Message::Request(r) => panic!("the server asked something: {r:?}"),
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params).response_result {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {e:?}"),
        }
    }

    /// Wait for the next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(i) = self.inbox.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
            }) {
                let n = self.inbox.remove(i).expect("index in range");
                // Earlier notifications for other files stay; earlier ones for this file are gone.
                return n.params["diagnostics"].clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .conn
                .receiver
                .recv_timeout(left)
                .expect("diagnostics in time")
            {
                Message::Notification(n) => self.inbox.push_back(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    /// Make the server finish pending work (any request does), then return the last list
    /// published for `uri` since the previous call.
    fn settled_diagnostics(&mut self, uri: &str) -> Value {
        let r = self.request("gouji/sync", Value::Null);
        assert_eq!(error_code(&r), Some(-32601));
        let mut last = None;
        self.inbox.retain(|n| {
            if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                last = Some(n.params["diagnostics"].clone());
                false
            } else {
                true
            }
        });
        last.expect("diagnostics were published")
    }

    fn open(&self, uri: &str, text: &str) {
        let language = if uri.ends_with(".gouji") {
            "gouji"
        } else {
            "plaintext"
        };
        self.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }));
    }

    fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
    }

    fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        self.result(
            method,
            json!({ "textDocument": { "uri": uri }, "position": position }),
        )
    }

    fn shutdown(mut self) -> Result<(), String> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r.response_result.ok(), Some(Value::Null));
        self.notify("exit", Value::Null);
        self.server
            .take()
            .expect("running")
            .join()
            .expect("no panic")
    }
}

fn error_code(r: &Response) -> Option<i32> {
    r.response_result.as_ref().err().map(|e| e.code)
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("json")
}

fn codes(diags: &Value) -> Vec<String> {
    diags
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["code"].as_str().unwrap_or("-").to_string())
        .collect()
}

// ───────────── lifecycle ─────────────

#[test]
fn initialize_announces_features_and_picks_utf16_by_default() {
    let c = Client::new();
    insta::assert_snapshot!(pretty(&c.initialize_result));
    c.shutdown().unwrap();
}

#[test]
fn initialize_picks_utf8_when_the_client_offers_it() {
    let c = Client::start(ROOT, &["utf-8", "utf-16"], Value::Null);
    assert_eq!(
        c.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    c.shutdown().unwrap();
}

#[test]
fn unknown_requests_get_method_not_found_and_malformed_params_invalid_params() {
    let mut c = Client::new();
    let r = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri("a.txt") } }),
    );
    assert_eq!(error_code(&r), Some(-32601));
    let r = c.request("textDocument/hover", json!({ "textDocument": 42 }));
    assert_eq!(error_code(&r), Some(-32602));
    // A malformed notification is dropped; the server keeps answering.
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": "nonsense" }),
    );
    c.notify("textDocument/didChange", json!([1, 2, 3]));
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri("nothing-open.txt") }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r.response_result.ok(), Some(Value::Null));
    c.shutdown().unwrap();
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_ends_the_server() {
    let mut c = Client::new();
    assert_eq!(
        c.request("shutdown", Value::Null).response_result.ok(),
        Some(Value::Null)
    );
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri("a.txt") }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(error_code(&r), Some(-32600));
    c.notify("exit", Value::Null);
    assert_eq!(c.server.take().unwrap().join().unwrap(), Ok(()));
}

#[test]
fn exit_without_shutdown_is_reported_as_an_error() {
    let mut c = Client::new();
    c.notify("exit", Value::Null);
    assert!(c.server.take().unwrap().join().unwrap().is_err());
}

// ───────────── diagnostics ─────────────

#[test]
fn broken_total_publishes_r040_with_the_cells_and_the_bundled_rule_as_related_information() {
    let mut c = Client::new();
    c.open(&uri("报告.txt"), REPORT);
    let diags = c.diagnostics(&uri("报告.txt"));
    assert_eq!(codes(&diags), ["R040", "R040", "R040"]);
    insta::assert_snapshot!(pretty(&diags));
    c.shutdown().unwrap();
}

#[test]
fn positions_on_chinese_lines_are_utf16_code_units_or_utf8_bytes_as_negotiated() {
    let total = "（七）总计\t5";
    for (encodings, utf8) in [(vec!["utf-16"], false), (vec!["utf-8"], true)] {
        let mut c = Client::start(ROOT, &encodings, Value::Null);
        c.open(&uri("报告.txt"), REPORT);
        let diags = c.diagnostics(&uri("报告.txt"));
        let d = diags
            .as_array()
            .unwrap()
            .iter()
            .find(|d| {
                d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("`（七）总计` does not add up")
            })
            .unwrap();
        let start = pos(REPORT, total, 0, utf8);
        // The cell is the `5` after `（七）总计` and a tab: 6 UTF-16 units, 16 UTF-8 bytes in.
        let col = start["character"].as_u64().unwrap() + if utf8 { 16 } else { 6 };
        assert_eq!(
            d["range"]["start"],
            json!({ "line": start["line"], "character": col }),
            "{encodings:?}"
        );
        assert_eq!(d["range"]["end"]["character"], json!(col + 1));
        c.shutdown().unwrap();
    }
}

#[test]
fn astral_characters_count_as_two_utf16_units_and_four_utf8_bytes() {
    // An unknown column name holding 𐐀 (U+10400), after full-width text on the same line.
    let rules = "regulation 试验 version 1 {\n  report_years 2030..\n  section 甲 \"一、（七）总计\" {\n    table 表 {\n      columns 甲列, 乙列\n      row 行\n      check 检查 each row: 甲列 = 乙列𐐀\n    }\n  }\n}\n";
    for (encodings, utf8, width) in [(vec!["utf-16"], false, 4), (vec!["utf-8"], true, 10)] {
        let mut c = Client::start(ROOT, &encodings, Value::Null);
        c.open(&uri("试验.gouji"), rules);
        let diags = c.diagnostics(&uri("试验.gouji"));
        assert_eq!(codes(&diags), ["G002"], "{diags:#}");
        let start = pos(rules, "乙列𐐀", 0, utf8);
        assert_eq!(diags[0]["range"]["start"], start);
        assert_eq!(
            diags[0]["range"]["end"]["character"],
            json!(start["character"].as_u64().unwrap() + width)
        );
        c.shutdown().unwrap();
    }
}

#[test]
fn incremental_edits_on_chinese_lines_are_applied_and_rechecked_after_typing_stops() {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    assert_eq!(codes(&c.diagnostics(&u)).len(), 3);
    // Type over the wrong `5` in two keystrokes: delete it, then insert `4`.
    let at = pos(REPORT, "（七）总计\t5", 0, false);
    let line = at["line"].clone();
    let range = json!({ "start": { "line": line, "character": 6 }, "end": { "line": line, "character": 7 } });
    let started = Instant::now();
    c.change(&u, 2, json!([{ "range": range, "text": "" }]));
    c.change(
        &u,
        3,
        json!([{ "range": { "start": range["start"], "end": range["start"] }, "text": "4" }]),
    );
    let diags = c.diagnostics(&u);
    let waited = started.elapsed();
    assert_eq!(diags, json!([]), "an empty list clears the old findings");
    assert!(
        waited >= Duration::from_millis(100),
        "re-checked only after the pause, not on each keystroke ({waited:?})"
    );
    c.shutdown().unwrap();
}

#[test]
fn closing_a_report_clears_its_diagnostics() {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    assert!(!codes(&c.diagnostics(&u)).is_empty());
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": u } }),
    );
    assert_eq!(c.diagnostics(&u), json!([]));
    c.shutdown().unwrap();
}

// ───────────── which rules govern ─────────────

#[test]
fn editing_a_governing_rule_file_rechecks_the_open_report_against_the_unsaved_rules() {
    let mut c = Client::new();
    c.open(&uri("gouji.toml"), "rules = [\"my.gouji\"]\n");
    c.open(&uri("my.gouji"), MY_RULES);
    c.open(&uri("报告.txt"), REPORT);
    // `列平衡` is removed: two of the three findings remain.
    let before = c.settled_diagnostics(&uri("报告.txt"));
    assert_eq!(codes(&before), ["R040", "R040"], "{before:#}");
    assert_eq!(c.settled_diagnostics(&uri("my.gouji")), json!([]));
    // Also remove `行总计`, without saving: the report is re-checked at once.
    let line = pos(MY_RULES, "    remove 列平衡", 0, false)["line"]
        .as_u64()
        .unwrap();
    c.change(&uri("my.gouji"), 2, json!([{ "range": { "start": { "line": line + 1, "character": 0 }, "end": { "line": line + 1, "character": 0 } }, "text": "    remove 行总计\n" }]));
    let after = c.diagnostics(&uri("报告.txt"));
    assert_eq!(codes(&after), ["R040"]);
    insta::assert_snapshot!(pretty(&after));
    c.shutdown().unwrap();
}

#[test]
fn a_broken_governing_rule_file_says_so_on_every_open_report() {
    let mut c = Client::new();
    c.open(&uri("gouji.toml"), "rules = [\"my.gouji\"]\n");
    c.open(
        &uri("my.gouji"),
        &MY_RULES.replace(
            "remove 列平衡",
            "remove 列平衡\n    check 新检查 each column: 新收 = 新收X",
        ),
    );
    c.open(&uri("报告.txt"), REPORT);
    c.open(&uri("另一份.txt"), REPORT);
    let rule_diags = c.settled_diagnostics(&uri("my.gouji"));
    assert_eq!(
        codes(&rule_diags),
        ["G002"],
        "the rule file keeps its own diagnostics"
    );
    let report = c.settled_diagnostics(&uri("报告.txt"));
    let other = c.settled_diagnostics(&uri("另一份.txt"));
    assert_eq!(report, other);
    insta::assert_snapshot!(pretty(&report));
    // Fixing the rule file brings the findings back.
    c.change(&uri("my.gouji"), 2, json!([{ "text": MY_RULES }]));
    assert_eq!(codes(&c.diagnostics(&uri("报告.txt"))), ["R040", "R040"]);
    c.shutdown().unwrap();
}

#[test]
fn an_open_rule_file_outside_gouji_toml_is_checked_against_the_bundled_rules_and_governs_nothing() {
    let mut c = Client::new();
    let broken = MY_RULES.replace("remove 列平衡", "remove 不存在的检查");
    c.open(&uri("draft.gouji"), &broken);
    c.open(&uri("报告.txt"), REPORT);
    let diags = c.settled_diagnostics(&uri("draft.gouji"));
    assert_eq!(codes(&diags), ["G002"]);
    assert_eq!(
        diags[0]["range"]["start"],
        pos(&broken, "不存在的检查", 0, false)
    );
    // The report is still checked with the bundled rules.
    assert_eq!(codes(&c.settled_diagnostics(&uri("报告.txt"))).len(), 3);
    c.shutdown().unwrap();
}

#[test]
fn gouji_toml_on_disk_names_rule_files_with_chinese_names_and_extra_rule_files_add_more() {
    let dir = std::env::temp_dir().join(format!("gouji-lsp-test-{}", std::process::id()));
    let ws = dir.join("工作区");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::write(ws.join("gouji.toml"), "rules = [\"本局规则.gouji\"]\n").unwrap();
    std::fs::write(ws.join("本局规则.gouji"), MY_RULES).unwrap();
    std::fs::write(ws.join("额外.gouji"), "regulation 另一规章 version 1 {\n  report_years 2023..\n  section 甲 \"甲\" {\n    table 表 {\n      columns 列\n      row 行\n      check each row: 列 = 列X\n    }\n  }\n}\n").unwrap();
    let root = format!("file://{}", percent(&ws.display().to_string()));
    let mut c = Client::start(
        &root,
        &["utf-16"],
        json!({ "extraRuleFiles": ["额外.gouji"] }),
    );
    let report = format!("{root}/{}", percent("报告.txt"));
    c.open(&report, REPORT);
    // The extra file is broken: the report says so, and the extra file (not open) gets its error.
    let diags = c.settled_diagnostics(&report);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("the rules could not be compiled (1 error)"),
        "{message}"
    );
    assert!(message.contains("额外.gouji:7"), "{message}");
    let extra = format!("{root}/{}", percent("额外.gouji"));
    assert_eq!(codes(&c.settled_diagnostics(&extra)), ["G002"]);
    c.shutdown().unwrap();

    // Without the extra file, the workspace's own rules check the report.
    let mut c = Client::start(&root, &["utf-16"], Value::Null);
    c.open(&report, REPORT);
    assert_eq!(codes(&c.settled_diagnostics(&report)), ["R040", "R040"]);
    // A rule file changed on disk (the VS Code extension watches `**/*.gouji`) is read again.
    let more = MY_RULES.replace("remove 列平衡", "remove 列平衡\n    remove 行总计");
    std::fs::write(ws.join("本局规则.gouji"), more).unwrap();
    let changed = json!({ "changes": [{ "uri": format!("{root}/{}", percent("本局规则.gouji")), "type": 2 }] });
    c.notify("workspace/didChangeWatchedFiles", changed);
    assert_eq!(codes(&c.diagnostics(&report)), ["R040"]);
    c.shutdown().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Percent-encode a path the way editors do (every non-ASCII byte).
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn untitled_documents_in_the_report_language_are_checked_as_reports() {
    let mut c = Client::new();
    let u = "untitled:Untitled-1";
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": u, "languageId": "gouji-report", "version": 1, "text": REPORT } }));
    assert_eq!(codes(&c.diagnostics(u)), ["R040", "R040", "R040"]);
    c.shutdown().unwrap();
}

// ───────────── hover ─────────────

#[test]
fn hover_on_a_report_cell_shows_its_labels_value_and_identities_with_their_values() {
    let mut c = Client::new();
    c.open(&uri("报告.txt"), REPORT);
    let mut at = pos(REPORT, "（七）总计\t5", 0, false);
    at["character"] = json!(6);
    let hover = c.at("textDocument/hover", &uri("报告.txt"), at);
    insta::assert_snapshot!(hover["contents"]["value"].as_str().unwrap());
    assert_eq!(hover["range"]["start"]["character"], 6);
    c.shutdown().unwrap();
}

#[test]
fn hover_on_a_name_in_a_rule_file_shows_its_label_and_doc_comment_from_the_base_rule_set() {
    let mut c = Client::new();
    let rules = MY_RULES.replace(
        "remove 列平衡",
        "remove 列平衡\n    check 补充 each column: 办理结果总计 >= 予以公开",
    );
    c.open(&uri("my.gouji"), &rules);
    let hover = c.at(
        "textDocument/hover",
        &uri("my.gouji"),
        pos(&rules, "列平衡", 0, false),
    );
    insta::assert_snapshot!(
        "hover_rule_check",
        hover["contents"]["value"].as_str().unwrap()
    );
    let hover = c.at(
        "textDocument/hover",
        &uri("my.gouji"),
        pos(&rules, "予以公开", 0, false),
    );
    insta::assert_snapshot!(
        "hover_rule_row",
        hover["contents"]["value"].as_str().unwrap()
    );
    c.shutdown().unwrap();
}

// ───────────── definition ─────────────

#[test]
fn definition_from_a_broken_total_goes_to_the_rule_it_breaks_and_its_row() {
    let mut c = Client::new();
    c.open(&uri("报告.txt"), REPORT);
    let mut at = pos(REPORT, "（七）总计\t5", 0, false);
    at["character"] = json!(6);
    let def = c.at("textDocument/definition", &uri("报告.txt"), at);
    insta::assert_snapshot!(pretty(&def));
    c.shutdown().unwrap();
}

#[test]
fn definition_from_a_clean_cell_goes_to_the_checks_that_read_it() {
    let mut c = Client::new();
    c.open(&uri("报告.txt"), REPORT);
    let mut at = pos(REPORT, "行政处罚\t4", 0, false);
    at["character"] = json!(5);
    let def = c.at("textDocument/definition", &uri("报告.txt"), at);
    // 表二 has no identities: only the row declaration.
    assert_eq!(
        def["uri"],
        "gouji-bundled:///rules/gov-info-disclosure-2021.gouji"
    );
    let line = pos(
        include_str!("../rules/gov-info-disclosure-2021.gouji"),
        "行 行政处罚",
        0,
        false,
    )["line"]
        .clone();
    assert_eq!(def["range"]["start"]["line"], line);
    c.shutdown().unwrap();
}

#[test]
fn definition_in_the_2019_rules_lands_in_the_2021_file_they_extend() {
    let rules_2019 = include_str!("../rules/gov-info-disclosure-2019.gouji");
    let rules_2021 = include_str!("../rules/gov-info-disclosure-2021.gouji");
    let mut c = Client::new();
    c.open(&uri("rules/gov-info-disclosure-2019.gouji"), rules_2019);
    let def = c.at(
        "textDocument/definition",
        &uri("rules/gov-info-disclosure-2019.gouji"),
        pos(rules_2019, "表三", 0, false),
    );
    assert_eq!(
        def["uri"],
        "gouji-bundled:///rules/gov-info-disclosure-2021.gouji"
    );
    // (`表三` first stands in a `fact` of section 一; the table is declared further down.)
    assert_eq!(
        def["range"]["start"],
        pos(rules_2021, "表三 \"收到和处理", 0, false)
    );
    let def = c.at(
        "textDocument/definition",
        &uri("rules/gov-info-disclosure-2019.gouji"),
        pos(rules_2019, "信息处理费", 0, false),
    );
    assert_eq!(
        def["range"]["start"],
        pos(rules_2021, "信息处理费 提及", 0, false)
    );
    c.shutdown().unwrap();

    // In a workspace holding the same 2021 file (gouji's own repository), it lands in that file.
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = format!("file://{}", percent(&repo.display().to_string()));
    let mut c = Client::start(&root, &["utf-16"], Value::Null);
    let u = format!("{root}/rules/gov-info-disclosure-2019.gouji");
    c.open(&u, rules_2019);
    let mut at = pos(rules_2019, "版本 2019 继承 2021", 0, false);
    at["character"] =
        json!(at["character"].as_u64().unwrap() + "版本 2019 继承 ".chars().count() as u64);
    let def = c.at("textDocument/definition", &u, at);
    let def_uri = def["uri"].as_str().unwrap();
    assert_eq!(
        def_uri,
        format!("{root}/rules/gov-info-disclosure-2021.gouji")
    );
    c.shutdown().unwrap();
}

#[test]
fn bundled_rule_files_can_be_fetched_by_their_gouji_bundled_uri() {
    let mut c = Client::new();
    let text = c.result(
        "gouji/bundledRuleFile",
        json!({ "uri": "gouji-bundled:///rules/gov-info-disclosure-2021.gouji" }),
    );
    assert_eq!(
        text,
        include_str!("../rules/gov-info-disclosure-2021.gouji")
    );
    // VS Code writes the empty authority away: `gouji-bundled:/rules/…`.
    let vscode_form = c.result(
        "gouji/bundledRuleFile",
        json!({ "uri": "gouji-bundled:/rules/gov-info-disclosure-2019.gouji" }),
    );
    assert_eq!(
        vscode_form,
        include_str!("../rules/gov-info-disclosure-2019.gouji")
    );
    let none = c.result(
        "gouji/bundledRuleFile",
        json!({ "uri": "gouji-bundled:///rules/nope.gouji" }),
    );
    assert_eq!(none, Value::Null);
    c.shutdown().unwrap();
}

#[test]
fn definition_of_a_name_in_a_check_goes_to_its_declaration_in_the_same_file() {
    let rules = "regulation 试验 version 1 {\n  report_years 2030..\n  section 甲 \"甲\" {\n    table 表 {\n      columns 甲列, 乙列\n      row 行\n      check 检查 each row: 甲列 = 乙列\n    }\n  }\n}\n";
    let mut c = Client::new();
    c.open(&uri("试验.gouji"), rules);
    let def = c.at(
        "textDocument/definition",
        &uri("试验.gouji"),
        pos(rules, "乙列", 1, false),
    );
    assert_eq!(def["uri"], uri("试验.gouji"));
    assert_eq!(def["range"]["start"], pos(rules, "乙列", 0, false));
    c.shutdown().unwrap();
}

// ───────────── completion ─────────────

#[test]
fn completion_in_an_amended_table_offers_its_inherited_rows_columns_groups_and_the_keywords() {
    let mut c = Client::new();
    let rules = MY_RULES.replace(
        "remove 列平衡",
        "remove 列平衡\n    check 补充 each column: ",
    );
    c.open(&uri("my.gouji"), &rules);
    let mut at = pos(&rules, "check 补充 each column: ", 0, false);
    at["character"] = json!(
        at["character"].as_u64().unwrap() + "check 补充 each column: ".chars().count() as u64
    );
    let items = c.at("textDocument/completion", &uri("my.gouji"), at);
    let labels: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} ({})",
                i["label"].as_str().unwrap(),
                i["detail"].as_str().unwrap_or("keyword")
            )
        })
        .collect();
    insta::assert_snapshot!(labels.join("\n"));
    c.shutdown().unwrap();
}

// ───────────── outline ─────────────

#[test]
fn document_symbols_outline_a_reports_sections_and_tables() {
    let mut c = Client::new();
    c.open(&uri("报告.txt"), REPORT);
    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri("报告.txt") } }),
    );
    insta::assert_snapshot!(pretty(&symbols));
    c.shutdown().unwrap();
}

#[test]
fn document_symbols_outline_a_rule_files_regulations_sections_tables_and_checks() {
    let mut c = Client::new();
    let rules = include_str!("../rules/gov-info-disclosure-2021.gouji");
    c.open(&uri("2021.gouji"), rules);
    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri("2021.gouji") } }),
    );
    // Names and nesting only; ranges are covered elsewhere.
    fn names(v: &Value, depth: usize, out: &mut Vec<String>) {
        for s in v.as_array().into_iter().flatten() {
            out.push(format!(
                "{}{} [{}] {}",
                "  ".repeat(depth),
                s["name"].as_str().unwrap_or(""),
                s["kind"],
                s["detail"].as_str().unwrap_or("")
            ));
            names(&s["children"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    names(&symbols, 0, &mut out);
    insta::assert_snapshot!(out.join("\n"));
    c.shutdown().unwrap();
}

// ───────────── code actions ─────────────

#[test]
fn code_action_on_a_broken_total_replaces_it_with_the_computed_sum() {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    let line = pos(REPORT, "（七）总计\t5", 0, false)["line"].clone();
    let range = json!({ "start": { "line": line, "character": 6 }, "end": { "line": line, "character": 6 } });
    let actions = c.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": u }, "range": range, "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions:#}");
    let mut action = actions[0].clone();
    action["diagnostics"] = json!(action["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .lines()
        .next());
    insta::assert_snapshot!(pretty(&action));
    // Applying it makes the report add up.
    let edit = action["edit"]["changes"][&u][0].clone();
    c.change(
        &u,
        2,
        json!([{ "range": edit["range"], "text": edit["newText"] }]),
    );
    assert_eq!(c.settled_diagnostics(&u), json!([]));
    c.shutdown().unwrap();
}

#[test]
fn code_action_on_an_unknown_name_offers_the_name_it_probably_meant() {
    let rules = MY_RULES.replace(
        "remove 列平衡",
        "remove 列平衡\n    check 补充 each column: 办理结果总计 >= 予以公开X",
    );
    let mut c = Client::new();
    c.open(&uri("my.gouji"), &rules);
    let at = pos(&rules, "予以公开X", 0, false);
    let actions = c.result("textDocument/codeAction", json!({ "textDocument": { "uri": uri("my.gouji") }, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }));
    assert_eq!(actions[0]["title"], "replace with `予以公开`");
    assert_eq!(
        actions[0]["edit"]["changes"][uri("my.gouji")][0]["newText"],
        "予以公开"
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    c.shutdown().unwrap();
}

// ───────────── formatting ─────────────

#[test]
fn formatting_a_rule_file_returns_one_whole_document_edit_or_none_when_unchanged() {
    let mut c = Client::new();
    let messy =
        "regulation 试验 version 1 {\nreport_years 2030..\n      section 甲 \"甲\" {\n  }\n}\n";
    c.open(&uri("试验.gouji"), messy);
    let edits = c.result("textDocument/formatting", json!({ "textDocument": { "uri": uri("试验.gouji") }, "options": { "tabSize": 2, "insertSpaces": true } }));
    let expected = gouji::fmt::format(gouji::source::FileId(0), messy).unwrap();
    assert_ne!(expected, messy, "the formatter re-indents this");
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 5, "character": 0 } });
    assert_eq!(edits, json!([{ "range": whole, "newText": expected }]));
    // Formatted text needs no edit.
    c.change(&uri("试验.gouji"), 2, json!([{ "text": expected }]));
    let edits = c.result(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri("试验.gouji") }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits, json!([]));
    // A file with syntax errors is left alone.
    c.open(
        &uri("坏.gouji"),
        "regulation 试验 version 1 {\n  report_years 2030..\n  ??? \n}\n",
    );
    let edits = c.result("textDocument/formatting", json!({ "textDocument": { "uri": uri("坏.gouji") }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits, Value::Null);
    // Reports are not formatted.
    c.open(&uri("报告.txt"), REPORT);
    let edits = c.result("textDocument/formatting", json!({ "textDocument": { "uri": uri("报告.txt") }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits, Value::Null);
    c.shutdown().unwrap();
}

// ───────────── the client's language ─────────────

/// The headlines published for the example report by a client in `locale`.
fn headlines_in(locale: Option<&str>) -> Vec<String> {
    let mut c = Client::start_in(ROOT, &["utf-16"], Value::Null, locale);
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    let diags = c.diagnostics(&u);
    c.shutdown().unwrap();
    diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn a_zh_cn_client_gets_chinese_diagnostics_and_an_en_client_english_ones() {
    let zh = headlines_in(Some("zh-cn"));
    assert!(
        zh.iter()
            .any(|m| m == "表三“自然人”列：（七）总计 填的是 5，各项相加是 4，对不上"),
        "{zh:#?}"
    );
    let en = headlines_in(Some("en"));
    assert!(
        en.iter()
            .any(|m| m == "`（七）总计` does not add up in column `自然人`"),
        "{en:#?}"
    );
    assert_eq!(zh.len(), en.len(), "the same findings in both languages");
    // Without a locale the server speaks its default, Chinese.
    assert_eq!(headlines_in(None), zh);
    // Two servers in one process, each in its own language, at the same time.
    let a = std::thread::spawn(|| headlines_in(Some("en-US")));
    let b = std::thread::spawn(|| headlines_in(Some("zh-CN")));
    assert_eq!((a.join().unwrap(), b.join().unwrap()), (en, zh));
}

#[test]
fn hover_completion_and_quick_fix_speak_the_clients_language() {
    let mut c = Client::start_in(ROOT, &["utf-16"], Value::Null, Some("zh-cn"));
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    let _ = c.diagnostics(&u);
    let at = pos(REPORT, "（七）总计\t5", 0, false);
    let mut cell = at.clone();
    cell["character"] = json!(at["character"].as_u64().unwrap() + 6);
    let hover = c.at("textDocument/hover", &u, cell);
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.contains("数值：`5`"), "{text}");
    assert!(text.contains("勾稽关系："), "{text}");
    let line = at["line"].clone();
    let range = json!({ "start": { "line": line, "character": 6 }, "end": { "line": line, "character": 6 } });
    let actions = c.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": u }, "range": range, "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions[0]["title"], "把 5 改为各项之和 4", "{actions:#}");

    let rules = "规定 政府信息公开工作年度报告 版本 本地 继承 2021 {\n  适用年度 2030..\n  修订 表 表三 {\n    \n  }\n}\n";
    let r = uri("本地.gouji");
    c.open(&r, rules);
    let _ = c.diagnostics(&r);
    let items = c.at(
        "textDocument/completion",
        &r,
        json!({ "line": 3, "character": 4 }),
    );
    let items = items.as_array().unwrap();
    let detail = |label: &str| {
        items
            .iter()
            .find(|i| i["label"] == label)
            .map(|i| i["detail"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(detail("检查").as_deref(), Some("关键字（英文写法：check）"));
    assert_eq!(
        detail("每列").as_deref(),
        Some("关键字（英文写法：each column）")
    );
    assert_eq!(detail("check").as_deref(), Some("关键字（中文写法：检查）"));
    assert_eq!(
        detail("新收").as_deref(),
        Some("行 — 一、本年新收政府信息公开申请数量")
    );
    c.shutdown().unwrap();
}

// ───────────── several reports ─────────────

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn a_figure_in_the_prose_is_flagged_on_the_sentence() {
    let mut c = Client::new();
    let text = fixture("R070.txt");
    c.open(&uri("报告.txt"), &text);
    let diags = c.settled_diagnostics(&uri("报告.txt"));
    assert_eq!(codes(&diags), ["R070"]);
    let line = text
        .lines()
        .position(|l| l.contains("新收政府信息公开申请16件"))
        .unwrap();
    assert_eq!(diags[0]["range"]["start"]["line"], line);
    assert_eq!(diags[0]["severity"], 2, "a warning");
    c.shutdown().unwrap();
}

#[test]
fn last_years_report_open_beside_this_years_checks_the_carry_over() {
    let mut c = Client::new();
    c.open(&uri("水务局2023.txt"), &fixture("R072/水务局2023.txt"));
    assert!(codes(&c.settled_diagnostics(&uri("水务局2023.txt"))).is_empty());
    c.open(&uri("水务局2022.txt"), &fixture("R072/水务局2022.txt"));
    let diags = c.settled_diagnostics(&uri("水务局2023.txt"));
    assert_eq!(codes(&diags), ["R072", "R072", "R072"]);
    // The related information points into last year's report.
    let related = diags[0]["relatedInformation"].to_string();
    assert!(related.contains(&percent("水务局2022.txt")), "{related}");
    assert!(codes(&c.settled_diagnostics(&uri("水务局2022.txt"))).is_empty());
    c.shutdown().unwrap();
}

#[test]
fn a_report_on_disk_beside_the_open_one_counts_as_held_by_the_workspace() {
    let dir = std::env::temp_dir().join(format!("gouji-lsp-beside-{}", std::process::id()));
    let ws = dir.join("报告");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::write(ws.join("水务局2022.txt"), fixture("R072/水务局2022.txt")).unwrap();
    let root = format!("file://{}", percent(&ws.display().to_string()));
    let mut c = Client::start(&root, &["utf-16"], Value::Null);
    let report = format!("{root}/{}", percent("水务局2023.txt"));
    c.open(&report, &fixture("R072/水务局2023.txt"));
    assert_eq!(
        codes(&c.settled_diagnostics(&report)),
        ["R072", "R072", "R072"]
    );
    c.shutdown().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn definition_from_a_cell_named_in_a_fact_goes_to_its_table_and_row() {
    let rules_2021 = include_str!("../rules/gov-info-disclosure-2021.gouji");
    let mut c = Client::new();
    let u = uri("rules/gov-info-disclosure-2021.gouji");
    c.open(&u, rules_2021);
    let def = c.at(
        "textDocument/definition",
        &u,
        pos(rules_2021, "表三.新收", 0, false),
    );
    assert_eq!(
        def["range"]["start"],
        pos(rules_2021, "表三 \"收到和处理", 0, false)
    );
    let def = c.at(
        "textDocument/definition",
        &u,
        pos(rules_2021, "新收.总计", 0, false),
    );
    assert_eq!(
        def["range"]["start"],
        pos(rules_2021, "新收 \"一、本年新收", 0, false)
    );
    c.shutdown().unwrap();
}

// ───────────── reviewed findings ─────────────

#[test]
fn a_finding_in_the_workspace_baseline_is_a_hint_with_its_reason() {
    // The baseline records the first R040 of the report, as `gouji check --write-baseline` would.
    let mut sources = gouji::source::Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("报告.txt", REPORT);
    let checked = gouji::check_report(&compiled, f, REPORT, &Default::default());
    let first = checked
        .findings
        .iter()
        .find(|d| d.code.as_str() == "R040")
        .expect("an R040");
    let mut baseline = gouji::baseline::Baseline::default();
    baseline.record("报告.txt", std::slice::from_ref(first), None);
    baseline.findings[0].reason = "已与该局核实，原表如此".into();

    let mut c = Client::new();
    c.open(&uri("gouji.toml"), "baseline = \"已核实.json\"\n");
    c.open(&uri("已核实.json"), &baseline.to_json());
    c.open(&uri("报告.txt"), REPORT);
    let diags = c.settled_diagnostics(&uri("报告.txt"));
    let all = diags.as_array().unwrap();
    assert_eq!(all.len(), 3, "{diags:#}");
    let hints: Vec<&Value> = all.iter().filter(|d| d["severity"] == 4).collect();
    assert_eq!(hints.len(), 1, "{diags:#}");
    assert!(
        hints[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("[已核实：已与该局核实，原表如此]"),
        "{diags:#}"
    );
    assert_eq!(all.iter().filter(|d| d["severity"] == 1).count(), 2);
    c.shutdown().unwrap();
}

#[test]
fn a_saved_web_page_is_checked_with_findings_at_its_own_lines() {
    let mut c = Client::new();
    let u = uri("年度报告.html");
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/report-2023-broken.html"),
    )
    .unwrap();
    // The editor hands the server the page decoded (UTF-8 over the wire).
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    c.open(&u, &page);
    let diags = c.diagnostics(&u);
    let r031 = diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R031")
        .unwrap_or_else(|| panic!("no R031 in {diags}"));
    let line = r031["range"]["start"]["line"].as_u64().unwrap() as usize;
    let ch = r031["range"]["start"]["character"].as_u64().unwrap() as usize;
    let text: Vec<char> = page.lines().nth(line).unwrap().chars().collect();
    assert_eq!(text.get(ch), Some(&'O'), "{:?}", page.lines().nth(line));
    c.shutdown().unwrap();
}

// ───────────── forms ─────────────

#[test]
fn a_website_form_is_checked_live_with_its_own_regulation() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/website/mistakes.txt"),
    )
    .unwrap();
    let mut c = Client::new();
    c.open(&uri("报表.txt"), &text);
    let diags = c.diagnostics(&uri("报表.txt"));
    assert_eq!(
        codes(&diags),
        ["R090", "R093", "R040", "R040", "R092", "R095", "R095", "R091", "R094"]
    );
    c.shutdown().unwrap();
}

#[test]
fn hover_on_a_field_name_in_a_form_check_shows_its_label() {
    let rules = "regulation 示范报表 version 1 {\n  report_years 2030..\n  title \"示范报表\"\n  form 报表 \"示范报表\" {\n    /// 收到的留言。\n    field 收到 \"收到留言数量\"\n    field 办结 \"办结留言数量\"\n    check 办结不多于收到: 办结 <= 收到\n  }\n}\n";
    let mut c = Client::new();
    c.open(&uri("form.gouji"), rules);
    let hover = c.at(
        "textDocument/hover",
        &uri("form.gouji"),
        pos(rules, "收到", 4, false),
    );
    let value = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(value.contains("收到留言数量"), "{value}");
    assert!(value.contains("收到的留言"), "{value}");
    c.shutdown().unwrap();
}

/// What a server that has never seen `text` publishes for it: the full check.
fn fresh_diagnostics(text: &str) -> Value {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, text);
    let diags = c.settled_diagnostics(&u);
    c.shutdown().unwrap();
    diags
}

/// Apply one LSP edit (UTF-16 positions) to `text`, as the server does.
fn apply(text: &str, start: &Value, end: &Value, new: &str) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = line_start;
        for c in text[line_start..].chars() {
            if units >= character {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let (a, b) = (offset(start), offset(end));
    format!("{}{new}{}", &text[..a], &text[b..])
}

#[test]
fn an_edit_in_section_five_prose_keeps_the_table_findings_and_equals_a_full_check() {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    let before = c.settled_diagnostics(&u);
    assert!(
        codes(&before).iter().any(|code| code == "R040"),
        "the broken total is found: {before}"
    );
    let at = pos(REPORT, "栏目更新不够及时", 0, false);
    let sentence = "全年组织专题学习，";
    c.change(
        &u,
        2,
        json!([{ "range": { "start": at, "end": at }, "text": sentence }]),
    );
    let after = c.settled_diagnostics(&u);
    // Section 五 comes after every table: nothing before it moved, so not even a range changes.
    assert_eq!(after, before);
    let edited = apply(REPORT, &at, &at, sentence);
    assert!(edited.contains("全年组织专题学习，栏目更新不够及时"));
    assert_eq!(after, fresh_diagnostics(&edited));
    c.shutdown().unwrap();
}

#[test]
fn each_incremental_recheck_equals_a_full_check_of_the_same_text() {
    let mut c = Client::new();
    let u = uri("报告.txt");
    c.open(&u, REPORT);
    let mut text = REPORT.to_string();
    let mut seen = vec![codes(&c.settled_diagnostics(&u))];
    // (needle, UTF-16 units into it where the edit starts, units replaced, replacement)
    let edits: [(&str, u64, u64, &str); 6] = [
        // The broken total mended (a table cell), a heading lost, a line break inside a row,
        // prose in section 一, a new row outside any table, a lone `\r` for prose in 五.
        ("（七）总计\t5", 6, 1, "4"),
        ("四、政府信息公开行政复议", 0, 1, "肆"),
        ("行政处罚\t4", 4, 0, "\n"),
        ("本局按时发布", 0, 2, "本机关"),
        (
            "六、其他需要报告的事项",
            0,
            0,
            "一、本年新收政府信息公开申请数量\t9\n",
        ),
        ("栏目更新不够及时", 0, 8, "\r"),
    ];
    for (version, (needle, skip, len, new)) in edits.into_iter().enumerate() {
        let at = pos(&text, needle, 0, false);
        let character = at["character"].as_u64().unwrap() + skip;
        let start = json!({ "line": at["line"], "character": character });
        let end = json!({ "line": at["line"], "character": character + len });
        text = apply(&text, &start, &end, new);
        c.change(
            &u,
            version as i32 + 2,
            json!([{ "range": { "start": start, "end": end }, "text": new }]),
        );
        let incremental = c.settled_diagnostics(&u);
        assert_eq!(
            incremental,
            fresh_diagnostics(&text),
            "after edit {version} ({needle:?})"
        );
        seen.push(codes(&incremental));
    }
    // The edits changed the findings (else the comparison above proves little).
    seen.dedup();
    assert!(seen.len() >= 3, "findings after each edit: {seen:?}");
    c.shutdown().unwrap();
}
