//! The real binary, as a user runs it: exit codes, output formats, encodings and bad input.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gouji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn gouji_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gouji"))
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
    let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
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
    let alone = Command::new(env!("CARGO_BIN_EXE_gouji"))
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
