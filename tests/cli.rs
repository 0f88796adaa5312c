//! The real binary, as a user runs it: exit codes, output formats, encodings and bad input.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary with no language asked for anywhere (no `GOUJI_LANG`, no locale): Chinese.
fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gouji"));
    for var in ["GOUJI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    c.env("NO_COLOR", "1");
    c
}

/// The binary in its default language, Chinese.
fn gouji_zh(args: &[&str]) -> Output {
    command()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

/// The binary in English (`GOUJI_LANG=en`): the tests that read its English words.
fn gouji(args: &[&str]) -> Output {
    command()
        .args(args)
        .env("GOUJI_LANG", "en")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn gouji_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command()
        .env("GOUJI_LANG", "en")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("gouji-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

#[test]
fn a_clean_report_exits_0_with_a_summary() {
    let o = gouji(&["check", &example("report-2023.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("checked 1 file: 0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_total_exits_1_and_shows_the_arithmetic_and_the_rule() {
    let o = gouji(&["check", &example("report-2023-broken.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[R040]: `（七）总计` does not add up in column `自然人`"),
        "{out}"
    );
    assert!(
        out.contains("13 ≠ 12 = 6 + 2 + 1 + 2 + 1 (and 16 cells of 0)"),
        "{out}"
    );
    assert!(
        out.contains("rules/gov-info-disclosure-2021.gouji"),
        "{out}"
    );
    assert!(
        out.contains("the likely culprit is the cell `（七）总计` × `自然人` (13)"),
        "{out}"
    );
    assert!(out.contains("error[R031]"), "the letter O for zero: {out}");
    assert!(out.contains("checked 1 file: 4 errors"), "{out}");
}

#[test]
fn json_output_has_the_documented_shape_with_character_columns() {
    let o = gouji(&[
        "check",
        "--format",
        "json",
        &example("report-2023-broken.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    let file = &v["files"][0];
    assert_eq!(file["report_year"], 2023);
    assert_eq!(file["regulation"], "政府信息公开工作年度报告");
    let d = file["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics"));
    let total = d
        .iter()
        .find(|d| {
            d["code"] == "R040"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("`（七）总计`"))
        })
        .unwrap_or_else(|| panic!("no R040"));
    assert_eq!(total["severity"], "error");
    assert_eq!(total["line"], 63);
    // `    （七）总计  13`: the 13 starts at character 13 of the line (tabs count as one character).
    let line = std::fs::read_to_string(example("report-2023-broken.txt"))
        .unwrap_or_default()
        .lines()
        .nth(62)
        .unwrap_or_default()
        .to_string();
    let col = line
        .chars()
        .position(|c| c == '1')
        .map(|p| p + 1)
        .unwrap_or(0);
    assert_eq!(total["column"], col);
    assert_eq!(total["end_column"], col + 2);
    assert!(total["labels"].as_array().is_some_and(|l| l.len() > 3));
    assert!(total["notes"].as_array().is_some_and(|n| !n.is_empty()));
    assert_eq!(
        total["rule"]["file"],
        "rules/gov-info-disclosure-2021.gouji"
    );
    assert!(total["rule"]["line"].as_u64().is_some_and(|l| l > 1));
    assert_eq!(v["summary"]["errors"], 4);
}

#[test]
fn stdin_is_read_with_dash() {
    let text = std::fs::read(example("report-2023.txt")).unwrap_or_default();
    let o = gouji_stdin(&["check", "-", "--stdin-filename", "草稿.txt"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn gb18030_crlf_and_bom_reports_read_like_utf8() {
    let text = std::fs::read_to_string(example("report-2023-broken.txt")).unwrap_or_default();
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&crlf);
    let dir = temp_dir("enc");
    let p = dir.join("gbk.txt");
    std::fs::write(&p, &gbk).unwrap_or_else(|e| panic!("{e}"));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    let q = dir.join("bom.txt");
    std::fs::write(&q, &bom).unwrap_or_else(|e| panic!("{e}"));
    let plain = gouji(&[
        "check",
        "--format",
        "json",
        &example("report-2023-broken.txt"),
    ]);
    for f in [&p, &q] {
        let o = gouji(&["check", "--format", "json", f.to_str().unwrap_or_default()]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&stdout(&plain)).unwrap_or_default();
        let pos = |v: &serde_json::Value| -> Vec<(String, u64, u64)> {
            v["files"][0]["diagnostics"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|d| {
                            (
                                d["code"].as_str().unwrap_or_default().to_string(),
                                d["line"].as_u64().unwrap_or(0),
                                d["column"].as_u64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(pos(&a), pos(&b), "{}", f.display());
    }
}

#[test]
fn unreadable_files_get_a_clear_message_and_exit_2() {
    let dir = temp_dir("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap_or_else(|e| panic!("{e}"));
    let binary = dir.join("junk.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0])
        .unwrap_or_else(|e| panic!("{e}"));
    for (f, words) in [(empty, "the file is empty"), (binary, "not text")] {
        let o = gouji(&["check", f.to_str().unwrap_or_default()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(words), "{}", stderr(&o));
    }
    let o = gouji(&["check", "/no/such/报告.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
}

#[test]
fn a_folder_is_checked_report_by_report_and_an_empty_one_is_refused() {
    let dir = temp_dir("folder");
    let sub = dir.join("下级单位");
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(example("report-2023.txt"), sub.join("甲局.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(example("report-2023-broken.txt"), dir.join("乙局.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("notes.csv"), "not a report").unwrap_or_else(|e| panic!("{e}"));
    let o = gouji(&[
        "check",
        "--format",
        "json",
        dir.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    let paths: Vec<String> = v["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["path"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("下级单位/甲局.txt") && paths[1].ends_with("乙局.txt"),
        "stable order: {paths:?}"
    );
    let empty = temp_dir("empty-folder").join("空");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let o = gouji(&["check", empty.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no report"), "{}", stderr(&o));
}

#[test]
fn rule_file_errors_come_out_as_json_when_json_is_asked_for() {
    let dir = temp_dir("rules-json");
    let p = dir.join("坏.gouji");
    std::fs::write(
        &p,
        "regulation 示例 version 1 {\n  report_years 2023..\n  sectionn 一 \"一、概况\"\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = gouji(&[
        "check",
        "--format",
        "json",
        "--rules",
        p.to_str().unwrap_or_default(),
        &example("report-2023.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "G001");
    assert_eq!(v["files"][0]["diagnostics"][0]["line"], 3);
    assert_eq!(v["summary"]["rule_errors"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let o = gouji(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gouji(&["check", "--format", "xml", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_rule_file_with_a_typo_exits_2_and_points_at_it() {
    let dir = temp_dir("rules");
    let p = dir.join("mine.gouji");
    std::fs::write(
        &p,
        "regulation 示例 version 1 {\n  report_years 2023..\n  section 一 \"一、总体情况\" {\n    table 表 {\n      columns 甲, 乙, 合计\n      row 行一\n      check each row: 合计 = 甲 + 丙\n    }\n  }\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = gouji(&[
        "check",
        "--rules",
        p.to_str().unwrap_or_default(),
        &example("report-2023.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("error[G002]: no column named `丙`"), "{err}");
    assert!(err.contains("mine.gouji:7:"), "{err}");
    assert!(err.contains("the rule files have 1 error"), "{err}");
}

#[test]
fn the_year_can_be_given_when_the_title_lacks_it() {
    let text = std::fs::read_to_string(example("report-2023.txt"))
        .unwrap_or_default()
        .replacen(
            "2023年政府信息公开工作年度报告",
            "政府信息公开工作年度报告",
            1,
        );
    let o = gouji_stdin(&["check", "-"], text.as_bytes());
    assert!(stdout(&o).contains("R002"), "{}", stdout(&o));
    let o = gouji_stdin(&["check", "--year", "2023", "-"], text.as_bytes());
    assert!(!stdout(&o).contains("R002"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn explain_prints_every_code_and_refuses_unknown_ones() {
    let o = gouji(&["explain"]);
    assert!(stdout(&o).contains("R040"));
    let o = gouji(&["explain", "r040"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("# R040"));
    let o = gouji(&["explain", "X999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rules_lists_both_bundled_formats_with_years_and_documents() {
    let o = gouji(&["rules"]);
    let out = stdout(&o);
    assert!(
        out.contains("2021 onward") && out.contains("国办公开办函〔2021〕30号"),
        "{out}"
    );
    assert!(
        out.contains("2019–2020")
            && out.contains("国办公开办函〔2019〕60号")
            && out.contains("extends 2021"),
        "{out}"
    );
}

#[test]
fn extract_prints_every_cell_with_labels_and_lines() {
    let o = gouji(&["extract", &example("report-2023.txt")]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    let f = &v["files"][0];
    assert_eq!(f["year"], 2023);
    assert_eq!(f["sections"].as_array().map(Vec::len), Some(6));
    let cells = f["cells"].as_array().cloned().unwrap_or_default();
    assert_eq!(cells.len(), 10 + 175 + 15);
    let permit = cells
        .iter()
        .find(|c| c["row"] == "行政许可")
        .unwrap_or_else(|| panic!("no 行政许可"));
    assert_eq!(permit["value"], 356);
    assert_eq!(permit["column_label"], "本年处理决定数量");
    assert_eq!(permit["line"], 26);
    let o = gouji(&["extract", "--format", "csv", &example("report-2023.txt")]);
    let csv = stdout(&o);
    assert!(csv.starts_with("\u{feff}file,year,rule_set,table,row,column"));
    assert_eq!(csv.lines().count(), 1 + 200);
}

/// Counts are written as integers, amounts with the decimals the report printed; as text, so
/// that a reader of the JSON sees `3`, never `3.0`, and `12.50`, never `12.5`.
#[test]
fn extract_writes_counts_as_integers_and_amounts_with_their_printed_decimals() {
    let text = std::fs::read_to_string(example("report-2023.txt"))
        .unwrap()
        .replace("行政事业性收费\t12.35", "行政事业性收费\t12.50");
    let o = gouji_stdin(&["extract", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("\"value\": 356,"), "{out}");
    assert!(out.contains("\"value\": 12.50,"), "{out}");
    assert!(!out.contains(".0,"), "{out}");
    let o = gouji_stdin(&["extract", "--format", "csv", "-"], text.as_bytes());
    let csv = stdout(&o);
    assert!(csv.lines().any(|l| l.contains(",12.50,")), "{csv}");
}

/// Excel and WPS read a CSV file without a byte-order mark as the local code page, and Chinese
/// labels show garbled: the mark is written unless `--no-bom` says not to.
#[test]
fn extract_csv_starts_with_a_utf8_bom_unless_no_bom() {
    let o = gouji(&["extract", "--format", "csv", &example("report-2023.txt")]);
    assert!(o.stdout.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert_eq!(
        o.stdout
            .windows(3)
            .filter(|w| w == &[0xEF, 0xBB, 0xBF])
            .count(),
        1
    );
    let o = gouji(&[
        "extract",
        "--format",
        "csv",
        "--no-bom",
        &example("report-2023.txt"),
    ]);
    assert!(o.stdout.starts_with(b"file,year,"));
}

#[test]
fn sarif_output_lists_every_code_as_a_rule_and_every_finding_as_a_result() {
    let o = gouji(&[
        "check",
        "--format",
        "sarif",
        &example("report-2023-broken.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(run["tool"]["driver"]["rules"]
        .as_array()
        .is_some_and(|r| r.len() >= 35));
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 7);
    let total = results
        .iter()
        .find(|r| {
            r["ruleId"] == "R040"
                && r["message"]["text"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("`（七）总计`"))
        })
        .unwrap_or_else(|| panic!("no R040"));
    assert_eq!(total["level"], "error");
    assert_eq!(
        total["locations"][0]["physicalLocation"]["region"]["startLine"],
        63
    );
    assert!(total["relatedLocations"].as_array().is_some_and(|r| r
        .iter()
        .any(|l| l["physicalLocation"]["artifactLocation"]["uri"]
            == "rules/gov-info-disclosure-2021.gouji")));
}

#[test]
fn a_report_on_one_long_line_is_shown_as_excerpts_with_its_real_columns() {
    // Crawler pages hold a whole report on one line: show the part around each finding.
    let text = std::fs::read_to_string(example("report-2023-broken.txt"))
        .unwrap_or_default()
        .replace('\t', " ")
        .replace('\n', "");
    let o = gouji_stdin(
        &["check", "-", "--stdin-filename", "一行.txt"],
        text.as_bytes(),
    );
    let out = stdout(&o);
    // The line is about 1,700 characters; each finding shows a few windows of it.
    assert!(text.chars().count() > 1500);
    assert!(
        out.lines().all(|l| l.chars().count() < 400),
        "long lines are cut down:\n{out}"
    );
    assert!(out.contains(" … "), "{out}");
    // The （七）总计 cell of 自然人: its real column on line 1, not the column in the excerpt.
    let seventh = text.find("（七）总计").unwrap_or(0);
    let col = text[..seventh].chars().count() + "（七）总计 ".chars().count() + 1;
    assert!(
        out.contains(&format!("一行.txt:1:{col}")),
        "column {col} expected:\n{out}"
    );
}

// ───────────── the language of the command line ─────────────

/// The words of an output that are not Chinese: what is left after removing the quoted report and
/// rule-file lines (`NN │ …`), file paths, codes and the `gouji explain` command.
fn english_words(out: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in out.lines() {
        // A quoted source line: its number, then `│`, then the report's or the rule file's text.
        let trimmed = line.trim_start();
        let quoted = trimmed.split_once('│').is_some_and(|(n, _)| {
            !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit())
        });
        if quoted {
            continue;
        }
        let mut rest = line.to_string();
        for allowed in [
            "examples/report-2023-broken.txt",
            "rules/gov-info-disclosure-2021.gouji",
            "gouji explain",
            env!("CARGO_MANIFEST_DIR"),
        ] {
            rest = rest.replace(allowed, " ");
        }
        for w in rest.split(|c: char| !c.is_ascii_alphabetic()) {
            // Codes (R040) are split into a letter and digits; a lone letter is the report's `O`.
            if w.len() >= 2 {
                words.push(w.to_string());
            }
        }
    }
    words
}

#[test]
fn check_speaks_chinese_by_default_with_no_english_word_outside_the_report() {
    let o = gouji_zh(&["check", &example("report-2023-broken.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("错误[R040]: 表三“自然人”列：（七）总计 填的是 13，各项相加是 12，对不上"),
        "{out}"
    );
    assert!(
        out.contains("新收政府信息公开申请数量 12 + 二、上年结转政府信息公开申请数量 1 = 13，但（七）总计 13 + 四、结转下年度继续办理 1 = 14，相差 1"),
        "{out}"
    );
    assert!(
        out.contains("“行政强制”行“本年处理决定数量”列不是数字：O（字母O，应为数字0）"),
        "{out}"
    );
    assert!(
        out.contains("检查了 1 份报告：4 个错误，3 个警告，0 个提示"),
        "{out}"
    );
    let english = english_words(&out);
    assert!(english.is_empty(), "English words {english:?} in:\n{out}");
}

#[test]
fn lang_en_prints_english_and_json_keeps_its_machine_fields() {
    let o = gouji_zh(&["check", "--lang", "en", &example("report-2023-broken.txt")]);
    let out = stdout(&o);
    assert!(out.contains("error[R040]"), "{out}");
    assert!(
        out.contains("checked 1 file: 4 errors, 3 warnings, 0 notes"),
        "{out}"
    );
    assert!(!out.contains("错误["), "{out}");
    // JSON: the same fields and codes in both languages; only the words differ.
    let json = |lang: &str| -> serde_json::Value {
        let o = gouji_zh(&[
            "check",
            "--lang",
            lang,
            "--format",
            "json",
            &example("report-2023-broken.txt"),
        ]);
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"))
    };
    let (zh, en) = (json("zh"), json("en"));
    let shape = |v: &serde_json::Value| -> Vec<(String, String, u64, u64)> {
        v["files"][0]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_string(),
                    d["severity"].as_str().unwrap_or("").to_string(),
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    assert_eq!(shape(&zh), shape(&en));
    assert_eq!(zh["summary"], en["summary"]);
    assert_ne!(
        zh["files"][0]["diagnostics"][0]["message"],
        en["files"][0]["diagnostics"][0]["message"]
    );
}

#[test]
fn the_language_comes_from_the_flag_then_gouji_lang_then_gouji_toml_then_the_locale() {
    let summary_is_english = |o: &Output| stdout(o).contains("checked 1 file");
    let report = example("report-2023.txt");
    let run = |env: &[(&str, &str)], args: &[&str], dir: Option<&std::path::Path>| {
        let mut c = command();
        c.args(args).arg(&report);
        for (k, v) in env {
            c.env(k, v);
        }
        if let Some(d) = dir {
            c.current_dir(d);
        }
        c.output().unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(
        !summary_is_english(&run(&[], &["check"], None)),
        "Chinese by default"
    );
    assert!(summary_is_english(&run(
        &[("LANG", "en_US.UTF-8")],
        &["check"],
        None
    )));
    assert!(
        !summary_is_english(&run(&[("LANG", "C")], &["check"], None)),
        "C is Chinese"
    );
    assert!(!summary_is_english(&run(
        &[("LC_ALL", "POSIX"), ("LANG", "en_US.UTF-8")],
        &["check"],
        None
    )));
    assert!(summary_is_english(&run(
        &[("GOUJI_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
        &["check"],
        None
    )));
    assert!(!summary_is_english(&run(
        &[("GOUJI_LANG", "en")],
        &["check", "--lang", "zh"],
        None
    )));
    let dir = temp_dir("lang-toml");
    std::fs::write(dir.join("gouji.toml"), "lang = \"en\"\n").unwrap_or_else(|e| panic!("{e}"));
    assert!(summary_is_english(&run(
        &[("LANG", "zh_CN.UTF-8")],
        &["check"],
        Some(&dir)
    )));
    assert!(!summary_is_english(&run(
        &[("GOUJI_LANG", "zh")],
        &["check"],
        Some(&dir)
    )));
}

#[test]
fn explain_help_and_a_broken_rule_file_are_chinese_by_default() {
    let o = gouji_zh(&["explain", "R040"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("# R040：应当相等的数字对不上"),
        "{}",
        stdout(&o)
    );
    let o = gouji_zh(&["explain"]);
    assert!(
        stdout(&o).contains("R040  错误     应当相等的数字对不上"),
        "{}",
        stdout(&o)
    );
    let o = gouji_zh(&["--lang", "en", "explain", "R040"]);
    assert!(stdout(&o).starts_with("# R040: numbers that must tie out do not"));

    let o = gouji_zh(&["check", "--help"]);
    let help = stdout(&o);
    assert!(
        help.contains("用法：gouji check [选项] <文件>..."),
        "{help}"
    );
    assert!(help.contains("选项："), "{help}");
    assert!(
        !help.contains("Print help") && !help.contains("Usage"),
        "{help}"
    );
    let o = gouji_zh(&["chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有“chek”这个命令"), "{}", stderr(&o));
    assert!(stderr(&o).contains("是不是要用“check”？"), "{}", stderr(&o));

    let dir = temp_dir("zh-rules");
    let rules = dir.join("错的.gouji");
    std::fs::write(
        &rules,
        "规定 政府信息公开工作年度报告 版本 本地 继承 2021 {\n  适用年度 2030..\n  修订 表 表三 {\n    检查 多余 每行 总计 = 自然人\n  }\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = gouji_zh(&[
        "check",
        "--rules",
        &rules.to_string_lossy(),
        &example("report-2023.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("错误[G001]: 这里应为“若提及”或“：”，却是“总计”"),
        "{err}"
    );
    assert!(
        err.contains("规则文件有 1 处错误，请先改正再检查报告"),
        "{err}"
    );
}

#[test]
fn fmt_converts_keywords_either_way_keeping_comments_and_layout() {
    let dir = temp_dir("fmt-keywords");
    let path = dir.join("本省.gouji");
    let english = "// 本省规则\n/// 本省在国家格式上增加一条。\nregulation 政府信息公开工作年度报告 version 本省 extends 2021 {\n  report_years 2030..\n  amend table 表三 {\n    /// 结转不多于新收。\n    check 结转不多于新收 each column: 结转下年度 <= 新收 warning\n      message \"结转下年度的申请多于本年新收，请核实\" // 作者的话\n    check 行总计二 each row: 总计 = 自然人 + sum(法人或其他组织)\n  }\n}\n";
    std::fs::write(&path, english).unwrap_or_else(|e| panic!("{e}"));
    let p = path.to_string_lossy().into_owned();
    let o = gouji_zh(&["fmt", "--keywords", "zh", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let chinese = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        chinese,
        "// 本省规则\n/// 本省在国家格式上增加一条。\n规定 政府信息公开工作年度报告 版本 本省 继承 2021 {\n  适用年度 2030..\n  修订 表 表三 {\n    /// 结转不多于新收。\n    检查 结转不多于新收 每列：结转下年度 <= 新收 警告\n      提示语 \"结转下年度的申请多于本年新收，请核实\" // 作者的话\n    检查 行总计二 每行：总计 = 自然人 + 求和（法人或其他组织）\n  }\n}\n"
    );
    // The Chinese file checks reports exactly as the English one did.
    let o = gouji_zh(&["test", &p]);
    assert!(stdout(&o).contains("本省"), "{}", stdout(&o));
    let o = gouji_zh(&["fmt", "--keywords", "en", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), english);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn the_help_of_every_command_is_in_chinese() {
    let top = stdout(&gouji_zh(&["--help"]));
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(commands.len() >= 8, "{top}");
    for c in std::iter::once(None).chain(commands.iter().map(Some)) {
        let args: Vec<&str> = c
            .map(|c| vec![c.as_str(), "--help"])
            .unwrap_or(vec!["--help"]);
        let help = stdout(&gouji_zh(&args));
        let cjk = |s: &str| s.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
        assert!(help.contains("用法："), "{help}");
        // Every described argument, option and command: its description is Chinese.
        for line in help.lines().filter(|l| l.starts_with("  ")) {
            // `  --opt <值>  description`, or a description wrapped onto a line of its own.
            let t = line.trim_start();
            let desc = t.split_once("  ").map_or(t, |(_, d)| d).trim();
            assert!(
                cjk(desc),
                "`gouji {c:?} --help`: not Chinese: {line}\n{help}"
            );
        }
    }
}

/// Old Mac files end lines with a lone `\r`: read line by line as with `\n`, same findings on the
/// same lines and columns.
#[test]
fn a_report_with_lone_carriage_returns_is_read_like_one_with_line_feeds() {
    let lf = std::fs::read_to_string(example("report-2023-broken.txt")).unwrap();
    let lf = lf.replace("\r\n", "\n");
    let cr = lf.replace('\n', "\r");
    let run = |text: &str| {
        let o = gouji_stdin(&["check", "--format", "json", "-"], text.as_bytes());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}-{}:{}",
                    d["code"], d["line"], d["column"], d["end_line"], d["end_column"]
                )
            })
            .collect::<Vec<_>>()
    };
    let with_lf = run(&lf);
    assert!(with_lf.iter().any(|d| d.contains("R040")), "{with_lf:?}");
    assert_eq!(run(&cr), with_lf);
    // And the human output shows the report's lines, not one line with carriage returns in it.
    let o = gouji_stdin(&["check", "-"], cr.as_bytes());
    assert!(!stdout(&o).contains('\r'), "{}", stdout(&o));
    assert!(stdout(&o).contains("<stdin>:63:"), "{}", stdout(&o));
}

/// A report given where a rule file belongs is said so once, not as a syntax error per line.
#[test]
fn a_report_given_to_fmt_or_rules_is_said_to_be_a_report_once() {
    let report = example("report-2023.txt");
    let before = std::fs::read(&report).unwrap();
    for args in [
        vec!["fmt", report.as_str()],
        vec!["fmt", "--check", report.as_str()],
        vec!["check", "--rules", report.as_str(), report.as_str()],
    ] {
        let o = gouji(&args);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("looks like a report, not a rule file"),
            "{err}"
        );
        assert!(!err.contains("G001"), "{err}");
    }
    assert_eq!(std::fs::read(&report).unwrap(), before);
}

/// Every argument and option of every command says what it does, and the exit codes are listed.
#[test]
fn help_describes_every_option_and_lists_the_exit_codes() {
    let top = stdout(&gouji(&["--help"]));
    assert!(top.contains("Exit status:"), "{top}");
    for code in ["  0  ", "  1  ", "  2  "] {
        assert!(top.contains(code), "{top}");
    }
    for cmd in ["check", "extract", "explain", "rules", "test", "lsp", "fmt"] {
        let help = stdout(&gouji(&[cmd, "--help"]));
        let lines: Vec<&str> = help.lines().collect();
        let mut in_list = false;
        for (i, line) in lines.iter().enumerate() {
            if line.ends_with(':') && !line.starts_with(' ') {
                in_list = matches!(*line, "Arguments:" | "Options:");
                continue;
            }
            let entry = line.trim_start();
            if !in_list || line.starts_with("      ") && !entry.starts_with('-') {
                continue;
            }
            if !(entry.starts_with('-') || entry.starts_with('<') || entry.starts_with('[')) {
                continue;
            }
            // `--flag <VALUE>  description`, or the description wrapped onto the next line.
            let described = entry
                .split_once("  ")
                .is_some_and(|(_, d)| !d.trim().is_empty() && !d.trim().starts_with('['))
                || lines.get(i + 1).is_some_and(|n| {
                    n.len() - n.trim_start().len() > line.len() - entry.len()
                        && !n.trim().is_empty()
                        && !n.trim_start().starts_with('-')
                });
            assert!(
                described,
                "`gouji {cmd} --help`: no description for `{entry}`\n{help}"
            );
        }
        if cmd != "explain" && cmd != "rules" && cmd != "lsp" {
            assert!(help.contains("Exit status:"), "{cmd}: {help}");
        }
    }
}

#[test]
fn a_batch_with_last_years_report_checks_the_carry_over_into_both_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R072");
    let o = command()
        .env("GOUJI_LANG", "en")
        .current_dir(&dir)
        .args(["check", "--color=never", "水务局2022.txt", "水务局2023.txt"])
        .output()
        .expect("gouji runs");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert_eq!(out.matches("warning[R072]").count(), 3, "{out}");
    assert!(
        out.contains("水务局2022.txt") && out.contains("水务局2023.txt"),
        "{out}"
    );
    assert!(
        out.contains("checked 2 files: 0 errors, 3 warnings"),
        "{out}"
    );
    // One report alone has nothing to compare with.
    let alone = command()
        .env("GOUJI_LANG", "en")
        .current_dir(&dir)
        .args(["check", "--color=never", "水务局2023.txt"])
        .output()
        .expect("gouji runs");
    assert!(!stdout(&alone).contains("R072"), "{}", stdout(&alone));
}

#[test]
fn a_roll_up_declared_in_gouji_toml_is_checked_and_reported_in_json() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R073");
    let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .current_dir(&dir)
        .args(["check", "--format=json", "."])
        .output()
        .expect("gouji runs");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let codes: Vec<(String, String)> = doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap_or_default().to_string();
            f["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |d| {
                    (
                        path.clone(),
                        d["code"].as_str().unwrap_or_default().to_string(),
                    )
                })
        })
        .collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes[0].0.ends_with("县政府2023.txt") && codes[0].1 == "R073",
        "{codes:?}"
    );
    assert_eq!(doc["summary"]["warnings"], 1);
}

#[test]
fn a_gouji_toml_that_cannot_be_read_stops_with_a_clear_message() {
    let dir = temp_dir("bad-gouji-toml");
    std::fs::write(dir.join("gouji.toml"), "[[rollup]]\nparent = 3\n").expect("write");
    std::fs::write(dir.join("a.txt"), "某局2023年政府信息公开工作年度报告\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .current_dir(&dir)
        .args(["check", "a.txt"])
        .output()
        .expect("gouji runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gouji.toml"), "{}", stderr(&o));
}
