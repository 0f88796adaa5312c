//! The second bundled regulation, 政府网站工作年度报表 (国办函〔2018〕12号), a key–value form
//! written as a rule file alone: forms as published (label and value on one line, one cell per
//! line, a four-column table) read clean; mistakes are found where they stand; a report is
//! checked against the regulation its title names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gouji::diagnostic::{render, Diagnostic};
use gouji::report::ReadOptions;
use gouji::source::Sources;
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/website")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    (format!("tests/fixtures/website/{name}"), text)
}

/// Check a text against the bundled rules: (the rule set's regulation, findings, sources).
fn check_text(
    name: &str,
    text: &str,
    user: &[(String, String)],
) -> (String, Vec<Diagnostic>, Sources) {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, user);
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
    let file = sources.add(name.to_string(), text.to_string());
    let checked = gouji::check_report(&compiled, file, text, &ReadOptions::default());
    let reg = checked
        .document
        .rule_set
        .map(|i| compiled.rule_sets[i].regulation.clone())
        .unwrap_or_default();
    (reg, checked.findings, sources)
}

fn codes(findings: &[Diagnostic]) -> Vec<String> {
    findings
        .iter()
        .map(|d| {
            format!(
                "{}{}",
                d.code,
                if d.severity == gouji::diagnostic::Severity::Warning {
                    "(w)"
                } else {
                    ""
                }
            )
        })
        .collect()
}

#[test]
fn forms_as_published_read_clean_in_every_layout() {
    for name in ["clean-colon.txt", "clean-cells.txt", "clean-table.txt"] {
        let (display, text) = fixture(name);
        let (reg, findings, sources) = check_text(&display, &text, &[]);
        assert_eq!(reg, "政府网站工作年度报表", "{name}");
        assert!(
            findings.is_empty(),
            "{name}:\n{}",
            render::to_string(&sources, &findings)
        );
    }
}

#[test]
fn every_value_of_a_form_is_read_with_its_label_in_every_layout() {
    // The same fields, three layouts: the counts a check needs are read as numbers.
    for (name, total, people) in [
        ("clean-colon.txt", 96412.0, 70218.0),
        ("clean-cells.txt", 2315.0, 1980.0),
        ("clean-table.txt", 5634.0, 5410.0),
    ] {
        let (display, text) = fixture(name);
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(&mut sources, &[]);
        let file = sources.add(display, text.clone());
        let doc = gouji::report::read(&compiled, file, &text, &ReadOptions::default());
        let rs = &compiled.rule_sets[doc.rule_set.expect("a rule set")];
        let form = doc
            .tables
            .iter()
            .find(|t| rs.tables[t.table].form.is_some())
            .expect("the form");
        let t = &rs.tables[form.table];
        let value = |id: &str| {
            let r = t.row(id).expect(id);
            form.cell(r, 0).map(|c| c.value.clone())
        };
        assert_eq!(
            value("办件总数"),
            Some(gouji::report::Value::Number(total)),
            "{name}"
        );
        assert_eq!(
            value("自然人办件"),
            Some(gouji::report::Value::Number(people)),
            "{name}"
        );
        assert_eq!(doc.year, Some(2023), "{name}");
    }
}

#[test]
fn a_form_with_mistakes_reports_each_where_it_stands() {
    let (display, text) = fixture("mistakes.txt");
    let (_, findings, sources) = check_text(&display, &text, &[]);
    assert_eq!(
        codes(&findings),
        ["R090", "R093(w)", "R040", "R040", "R092", "R095", "R095", "R091", "R094"]
    );
    insta::assert_snapshot!("website_mistakes", render::to_string(&sources, &findings));
}

#[test]
fn the_regulation_is_picked_by_the_title_then_the_year() {
    // Both regulations govern 2023; the title decides.
    let (display, text) = fixture("clean-colon.txt");
    let (reg, _, _) = check_text(&display, &text, &[]);
    assert_eq!(reg, "政府网站工作年度报表");
    let report = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/report-2023-broken.txt"),
    )
    .expect("the bundled example report");
    let (reg, _, _) = check_text("report.txt", &report, &[]);
    assert_eq!(reg, "政府信息公开工作年度报告");
    // Prose near the top that mentions the other report's name does not decide.
    let mention = report.replacen("政府信息公开工作年度报告", "政府信息公开年度报告", 1).replacen(
        "\n",
        "\n本机关按时在网站首页发布了上一年度的政府网站工作年度报表，并对信息公开目录进行了全面梳理和更新维护。\n",
        1,
    );
    let (reg, _, _) = check_text("report.txt", &mention, &[]);
    assert_eq!(reg, "政府信息公开工作年度报告");
    // Without a title that names either, the labels decide.
    let untitled = text.replacen(
        "青禾县人民政府网站2023年度政府网站工作年度报表",
        "2023年度报告",
        1,
    );
    let (reg, _, _) = check_text(&display, &untitled, &[]);
    assert_eq!(reg, "政府网站工作年度报表");
    // A user's rule file for the first regulation leaves the website form to its own rules.
    let province = "regulation 政府信息公开工作年度报告 version 本省 extends 2021 {\n  report_years 2023..\n}\n";
    let user = vec![("本省.gouji".to_string(), province.to_string())];
    let (reg, findings, _) = check_text(&display, &text, &user);
    assert_eq!(reg, "政府网站工作年度报表");
    assert!(findings.is_empty());
}

#[test]
fn a_yes_no_answer_decides_which_fields_are_asked() {
    let (display, text) = fixture("clean-colon.txt");
    // 否, and the media fields emptied: nothing to report.
    let no = text
        .replace("是否有移动新媒体：是", "是否有移动新媒体：否")
        .replace("名称：青禾发布", "名称：")
        .replace("信息发布量（单位：条）：2410", "信息发布量（单位：条）：0")
        .replace("信息发布量（单位：条）：1876", "信息发布量（单位：条）：")
        .replace("关注量（单位：个）：88214", "关注量（单位：个）：/")
        .replace("订阅数（单位：个）：120533", "订阅数（单位：个）：0");
    let (_, findings, sources) = check_text(&display, &no, &[]);
    assert!(
        findings.is_empty(),
        "{}",
        render::to_string(&sources, &findings)
    );
    // 是, and a required media field left blank: R091.
    let blank = text.replacen("名称：青禾发布", "名称：", 1);
    let (_, findings, _) = check_text(&display, &blank, &[]);
    assert_eq!(codes(&findings), ["R091"]);
}

#[test]
fn the_date_is_judged_against_the_report_year() {
    let (display, text) = fixture("clean-colon.txt");
    for (date, ok) in [
        ("2024年2月29日", true),
        ("2024-01-05", true),
        ("2024/3/1", false),
        ("2023年12月31日", false),
        ("2024年2月30日", false),
    ] {
        let t = text.replace("2024年1月22日", date);
        let (_, findings, _) = check_text(&display, &t, &[]);
        assert_eq!(findings.is_empty(), ok, "{date}: {:?}", codes(&findings));
    }
    // The date's year comes from the title: the same form titled 2022 is late.
    let t = text.replace(
        "2023年度政府网站工作年度报表",
        "2022年度政府网站工作年度报表",
    );
    let (_, findings, _) = check_text(&display, &t, &[]);
    assert_eq!(codes(&findings), ["R094"]);
}

#[test]
fn the_rules_command_lists_both_regulations() {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .arg("rules")
        .output()
        .expect("run gouji");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("政府信息公开工作年度报告 2021"), "{text}");
    assert!(text.contains("政府网站工作年度报表 2018"), "{text}");
    assert!(text.contains("国办函〔2018〕12号"), "{text}");
}

#[test]
fn the_cli_checks_a_website_form_and_exits_1_on_its_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/website");
    let ok = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["check", "--color", "never"])
        .arg(dir.join("clean-table.txt"))
        .output()
        .expect("run gouji");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["check", "--color", "never", "--format", "json"])
        .arg(dir.join("mistakes.txt"))
        .output()
        .expect("run gouji");
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(out.contains("\"R095\""), "{out}");
}

#[test]
fn rule_file_mistakes_in_forms_are_reported() {
    let text = r#"regulation 示范报表 version 1 {
  report_years 2030..
  form 报表 "示范报表" {
    field 甲 "甲" yesno
    field 乙 "乙"
    field 日期 "填报日期" date within report_year+1 13-01..02-29
    group 组 "组" when 乙 = "是" { field 丙 "丙" }
    check each row: 乙 = 乙
  }
}
"#;
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[("x.gouji".into(), text.into())]);
    let got: Vec<&str> = compiled
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(got, ["G008", "G042", "G008"], "{:?}", compiled.diagnostics);
}

#[test]
fn extract_gives_every_field_of_a_form_with_its_kind() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/website");
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .arg("extract")
        .arg(dir.join("clean-cells.txt"))
        .output()
        .expect("run gouji");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let file = &v["files"][0];
    assert_eq!(file["regulation"], "政府网站工作年度报表");
    let field = |id: &str| {
        file["fields"]
            .as_array()
            .and_then(|a| a.iter().find(|f| f["field"] == id))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(field("填报日期")["value"], "2024年1月15日");
    assert_eq!(field("填报日期")["kind"], "date");
    assert_eq!(field("有移动新媒体")["value"], "否");
    assert_eq!(field("微博名称")["value"], serde_json::Value::Null);
    assert_eq!(field("办件总数")["value"], "2315");
}

#[test]
fn a_form_laid_out_as_a_table_with_mistakes_reports_each_in_its_cell() {
    let (display, text) = fixture("mistakes-table.txt");
    let (_, findings, sources) = check_text(&display, &text, &[]);
    assert_eq!(
        codes(&findings),
        ["R040", "R040", "R092", "R041(w)", "R091", "R040", "R040", "R093"]
    );
    insta::assert_snapshot!(
        "website_mistakes_table",
        render::to_string(&sources, &findings)
    );
}
