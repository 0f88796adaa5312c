//! `--format sarif` writes a valid SARIF 2.1.0 log in every case, checked against the official
//! schema (`../shared/tools/sarif-schema-2.1.0.json`, a copy of OASIS's errata01 schema; a copy
//! is kept in `tests/sarif-schema-2.1.0.json` so the test runs in a fresh clone too).

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn schema() -> Value {
    let shared = format!(
        "{}/../shared/tools/sarif-schema-2.1.0.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(shared)
        .unwrap_or_else(|_| include_str!("sarif-schema-2.1.0.json").to_string());
    serde_json::from_str(&text).unwrap()
}

/// Every schema violation of `log`, one per line (empty when valid).
fn violations(log: &Value) -> String {
    let schema = schema();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema does not load: {e}"));
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn gouji(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .env("NO_COLOR", "1")
        // The messages checked here are the English ones; machine fields
        // are the same in every language.
        .env("GOUJI_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut i) = child.stdin.take() {
        i.write_all(stdin.unwrap_or_default()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Run, parse standard output as one SARIF log, and require it valid.
fn sarif(args: &[&str], stdin: Option<&[u8]>, exit: i32) -> Value {
    let o = gouji(args, stdin);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(exit),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let log: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("standard output is not one JSON document ({e}):\n{out}"));
    let bad = violations(&log);
    assert!(bad.is_empty(), "invalid SARIF:\n{bad}");
    assert_eq!(log["version"], "2.1.0");
    log
}

fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("gouji-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn the_schema_rejects_what_is_not_sarif() {
    // The validator really validates: gouji's JSON document is not a SARIF log.
    let o = gouji(
        &[
            "check",
            "--format",
            "json",
            &example("report-2023-broken.txt"),
        ],
        None,
    );
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!violations(&json).is_empty());
}

#[test]
fn findings_are_valid_sarif_and_bundled_rule_locations_carry_the_rule_text() {
    let log = sarif(
        &[
            "check",
            "--format",
            "sarif",
            &example("report-2023-broken.txt"),
        ],
        None,
        1,
    );
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().unwrap();
    let r040 = results.iter().find(|r| r["ruleId"] == "R040").unwrap();
    let rule_loc = r040["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["message"]["text"] == "the rule this finding enforces")
        .unwrap();
    let art = &rule_loc["physicalLocation"]["artifactLocation"];
    assert_eq!(art["uriBaseId"], "GOUJI_BUNDLED");
    let index = art["index"].as_u64().unwrap() as usize;
    let artifact = &run["artifacts"][index];
    assert_eq!(artifact["location"]["uri"], art["uri"]);
    // The region's line in the artifact's own text is the check.
    let line = rule_loc["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let text = artifact["contents"]["text"].as_str().unwrap();
    let shown = text.lines().nth(line - 1).unwrap();
    // The bundled rules are published in the Chinese keyword form.
    let shown = shown.trim_start();
    assert!(
        shown.starts_with("check") || shown.starts_with("检查"),
        "{shown}"
    );
    assert!(run["originalUriBaseIds"]["GOUJI_BUNDLED"]["uri"].is_string());
}

#[test]
fn a_rule_file_error_is_a_sarif_log_with_the_rule_findings() {
    let rules = tmp(
        "坏规则.gouji",
        "regulation 示范年报 version 1 {\n  report_years 2021..\n  section 一 \"一、总体情况\" {\n    table 表 \"表\" {\n      column 数 \"数\"\n      row 行 \"行\"\n      check k each column: 行 = 航\n    }\n  }\n}\n"
            .as_bytes(),
    );
    let log = sarif(
        &[
            "check",
            "--format",
            "sarif",
            "--rules",
            &rules,
            &example("report-2023.txt"),
        ],
        None,
        2,
    );
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let g002 = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "G002")
        .unwrap();
    // The user's own rule file, by the path they gave (percent-encoded), no base id.
    let art = &g002["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(art.get("uriBaseId").is_none(), "{art}");
    assert!(
        art["uri"]
            .as_str()
            .unwrap()
            .ends_with("%E5%9D%8F%E8%A7%84%E5%88%99.gouji"),
        "{art}"
    );
}

#[test]
fn a_missing_rule_file_is_a_tool_execution_notification() {
    let log = sarif(
        &[
            "check",
            "--format",
            "sarif",
            "--rules",
            "no-such-rules.gouji",
            &example("report-2023.txt"),
        ],
        None,
        2,
    );
    let n = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(n[0]["level"], "error");
    assert!(n[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("no-such-rules.gouji"));
}

#[test]
fn unreadable_files_are_notifications_and_a_binary_file_is_an_r001_result() {
    let binary = tmp(
        "图片.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 1, 2, 3, 0, 0xff],
    );
    let log = sarif(
        &[
            "check",
            "--format",
            "sarif",
            "missing report.txt",
            &binary,
            &example("report-2023.txt"),
        ],
        None,
        2,
    );
    let run = &log["runs"][0];
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing%20report.txt"
    );
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "R001"));
}

#[test]
fn standard_input_with_a_chinese_name_is_a_valid_uri() {
    let text = std::fs::read(example("report-2023-broken.txt")).unwrap();
    let log = sarif(
        &[
            "check",
            "--format",
            "sarif",
            "-",
            "--stdin-filename",
            "年度报告 <草稿>.txt",
        ],
        Some(&text),
        1,
    );
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(
        uri,
        "%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A%20%3C%E8%8D%89%E7%A8%BF%3E.txt"
    );
}
