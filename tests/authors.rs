//! What rule writers and reviewers use: rules added to the bundled ones, richer checks, the
//! impact of a rule change, reviewed findings (baseline) and rounding. Runs the real binary.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::process::{Command, Output};

/// The binary in English (`GOUJI_LANG=en`): these tests read its English words; `gouji_zh` runs
/// it in its default language, Chinese.
fn gouji(args: &[&str]) -> Output {
    gouji_in("en", args)
}

fn gouji_zh(args: &[&str]) -> Output {
    gouji_in("zh", args)
}

fn gouji_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .env("GOUJI_LANG", lang)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("gouji-authors-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

const AMEND_2021: &str = "tests/fixtures/authors/amend-2021.gouji";

#[test]
fn user_rules_add_to_the_bundled_ones_so_a_stale_2019_table_is_still_named() {
    let o = gouji(&["check", "--rules", AMEND_2021, "tests/fixtures/R004.txt"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("error[R004]"), "{text}");
    assert!(!text.contains("R021") && !text.contains("R023"), "{text}");
}

#[test]
fn adding_the_bundled_file_again_is_not_an_overlap() {
    let o = gouji(&[
        "check",
        "--rules",
        "rules/gov-info-disclosure-2021.gouji",
        "--rules",
        AMEND_2021,
        "examples/report-2023.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

#[test]
fn no_bundled_checks_with_the_given_rules_alone() {
    let o = gouji(&["rules", "--no-bundled", "--rules", AMEND_2021]);
    let text = out(&o);
    assert!(text.contains("本省"), "{text}");
    assert!(!text.contains("2019"), "{text}");
    let o = gouji(&["rules", "--rules", AMEND_2021]);
    let text = out(&o);
    assert!(text.contains("本省") && text.contains("2019"), "{text}");
    assert!(
        text.contains("(governs no year; the other years: 本省)"),
        "{text}"
    );
}

/// Findings as a user sees them, without the paths of the temporary files.
fn human(args: &[&str]) -> String {
    out(&gouji(args))
}

#[test]
fn richer_checks_scale_by_constants_and_percentages_and_apply_under_conditions() {
    let text = human(&[
        "check",
        "--rules",
        "tests/fixtures/authors/richer-checks.gouji",
        "examples/report-2023.txt",
    ]);
    // `95% * 办理结果总计`: the arithmetic shows the factor.
    assert!(text.contains("6 + 2 = 8 < 11.4 = 12 × 95%"), "{text}");
    // `when 表四.行政复议.总计 > 0` holds (1 > 0), and says so.
    assert!(
        text.contains("the check applies because `表四.行政复议.总计 > 0`: 1 > 0"),
        "{text}"
    );
    // `when text(问题改进) < 500`: the prose of section 五 is counted without tables.
    assert!(
        text.contains(
            "the text of `五、存在的主要问题及改进情况` has 61 characters besides its tables"
        ),
        "{text}"
    );
    // `新收 / 2` holds everywhere in this report: no finding for 结转不多.
    assert!(!text.contains("结转不多"), "{text}");
    insta::assert_snapshot!("richer_checks", text);
}

#[test]
fn each_comparison_has_its_own_wording() {
    let text = human(&[
        "check",
        "--rules",
        "tests/fixtures/authors/richer-checks.gouji",
        "examples/report-2023.txt",
    ]);
    assert!(
        text.contains("is less than `行政复议 × 总计` × 20 (20)"),
        "{text}"
    );
    assert!(
        text.contains("`行政复议 × 总计` is not less than 1"),
        "{text}"
    );
    assert!(text.contains("this is 1, not less than 1"), "{text}");
    assert!(!text.contains("does not add up"), "{text}");
}

#[test]
fn require_text_counts_prose_only_so_a_section_with_only_a_table_is_empty() {
    let text = human(&[
        "check",
        "--rules",
        "tests/fixtures/authors/prose-only.gouji",
        "examples/report-2023.txt",
    ]);
    assert!(
        text.contains(
            "warning[R051]: section `三、收到和处理政府信息公开申请情况` has a table but no text"
        ),
        "{text}"
    );
    // Sections with prose are not reported.
    assert_eq!(text.matches("[R051]").count(), 1, "{text}");
}

#[test]
fn a_failing_example_says_what_each_check_computed_and_which_cells_were_missing() {
    let o = gouji(&["test", "tests/fixtures/authors/example-fails.gouji"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL  表三 › 其实对得上"), "{text}");
    assert!(
        text.contains("check `结转不多于新收` holds: it computed 20 ≤ 25 in column `自然人`"),
        "{text}"
    );
    assert!(text.contains("FAIL  表三 › 缺一行"), "{text}");
    assert!(
        text.contains("check `结转不多于新收` is not evaluated: the example lacks row `一、本年新收政府信息公开申请数量`"),
        "{text}"
    );
    // The failures as the rule author reads them (the inherited examples that pass are left out).
    let failures: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("  ok ") && !l.starts_with("政府信息公开工作年度报告"))
        .collect();
    insta::assert_snapshot!("failing_examples", failures.join("\n"));
}

fn write_report(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn a_baseline_hides_reviewed_findings_survives_moved_lines_and_stops_when_numbers_change() {
    let dir = temp_dir("baseline");
    let broken = std::fs::read_to_string("examples/report-2023-broken.txt").unwrap();
    let report = write_report(&dir, "报告.txt", &broken);
    let baseline = dir.join("已核实.json").to_string_lossy().into_owned();
    let o = gouji(&["check", &report, "--write-baseline", &baseline]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains("wrote 7 findings to baseline"),
        "{}",
        out(&o)
    );

    // Everything reviewed: nothing left, the summary says how many were hidden.
    let o = gouji(&["check", &report, "--baseline", &baseline]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("checked 1 file: 0 errors, 0 warnings, 0 notes, 7 reviewed findings hidden"),
        "{text}"
    );

    // Lines moved (two lines inserted after the title): still matched.
    let moved = broken.replacen('\n', "\n\n本报告由办公室编制。\n", 1);
    write_report(&dir, "报告.txt", &moved);
    let text = out(&gouji(&["check", &report, "--baseline", &baseline]));
    assert!(text.contains("7 reviewed findings hidden"), "{text}");

    // A number involved changes (新收 自然人 12 → 11): that finding is shown again.
    let changed = moved.replacen(
        "一、本年新收政府信息公开申请数量\t\t12\t",
        "一、本年新收政府信息公开申请数量\t\t11\t",
        1,
    );
    assert_ne!(changed, moved);
    write_report(&dir, "报告.txt", &changed);
    let o = gouji(&["check", &report, "--baseline", &baseline]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("error[R040]"), "{text}");
    assert!(!text.contains("[R031]"), "{text}");

    // --show-baselined shows them marked, not counted.
    let shown = out(&gouji(&[
        "check",
        &report,
        "--baseline",
        &baseline,
        "--show-baselined",
    ]))
    .replace(&report, "报告.txt");
    assert!(
        shown.contains("checked 1 file: 2 errors, 0 warnings, 0 notes, 6 reviewed findings shown"),
        "{shown}"
    );
    insta::assert_snapshot!("baseline_shown", shown);
    let text = out(&gouji(&[
        "check",
        &report,
        "--baseline",
        &baseline,
        "--show-baselined",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d["baselined"].is_string()
            && d["message"].as_str().unwrap().starts_with("[已核实]")),
        "{text}"
    );
    assert!(v["summary"]["baselined"].as_u64().unwrap() >= 5, "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_hand_written_baseline_entry_with_a_reason_matches_on_cells() {
    let dir = temp_dir("baseline-hand");
    let report = write_report(
        &dir,
        "报告.txt",
        &std::fs::read_to_string("examples/report-2023-broken.txt").unwrap(),
    );
    let baseline = write_report(
        &dir,
        "已核实.json",
        r#"{"findings": [{"code": "R031", "report": "报告.txt",
            "message": "cell `行政强制` × `本年处理决定数量` holds `O`, a letter where a digit belongs",
            "reason": "原件为零，录入错误，已告知"}]}"#,
    );
    let text = out(&gouji(&[
        "check",
        &report,
        "--baseline",
        &baseline,
        "--show-baselined",
    ]));
    assert!(
        text.contains("reviewed and kept: 原件为零，录入错误，已告知"),
        "{text}"
    );
    assert!(text.contains("1 reviewed finding shown"), "{text}");
    // A broken baseline file is a usage error with the place.
    let bad = write_report(&dir, "坏.json", "{\"findings\": [}");
    let o = gouji(&["check", &report, "--baseline", &bad]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("line 1, column"), "{}", out(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn impact_reports_what_a_rule_change_adds_and_exits_1_on_new_errors() {
    let dir = temp_dir("impact");
    let good = std::fs::read_to_string("examples/report-2023.txt").unwrap();
    let folder = dir.join("reports");
    std::fs::create_dir_all(&folder).unwrap();
    write_report(&folder, "甲.txt", &good);
    write_report(&folder, "乙.txt", &good);
    let folder = folder.to_string_lossy().into_owned();
    // The tighter rule: 予以公开 + 部分公开 at least 90% of （七）总计 — as an error.
    let rules = write_report(
        &dir,
        "本省.gouji",
        &std::fs::read_to_string("tests/fixtures/authors/tighten.gouji")
            .unwrap()
            .replace("50%", "90%"),
    );
    // The impact report is for the Chinese policy staff who review rule changes.
    let o = gouji_zh(&["impact", "--rules", &rules, &folder]);
    let text = out(&o)
        .replace(&folder, "DIR")
        .replace(&rules, "本省.gouji");
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("共检查 2 份报告"), "{text}");
    assert!(
        text.contains("新增 6 条（2 份报告），消失 0 条（0 份报告）；新增错误 6 条"),
        "{text}"
    );
    insta::assert_snapshot!("impact_human", text);

    let o = gouji(&[
        "impact", "--rules", &rules, "--base", "bundled", "--format", "json", &folder,
    ]);
    let v: serde_json::Value = serde_json::from_str(&String::from_utf8_lossy(&o.stdout)).unwrap();
    assert_eq!(v["appeared"]["count"], 6);
    assert_eq!(v["appeared"]["reports"], 2);
    assert_eq!(v["appeared"]["errors"], 6);
    assert_eq!(v["by_rule"][0]["code"], "R040");
    assert_eq!(v["by_rule"][0]["count"], 6);
    assert_eq!(
        v["by_rule"][0]["examples"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(v["by_report"].as_array().map(Vec::len), Some(2));

    // The same rules as the base: nothing changes, exit 0.
    let o = gouji_zh(&["impact", "--rules", &rules, "--base", &rules, &folder]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("这次规则变更不改变任何检查结果"),
        "{}",
        out(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_blank_inside_a_name_is_reported_on_its_line_once_with_the_name_it_meant() {
    let o = gouji(&[
        "check",
        "--rules",
        "tests/fixtures/authors/blank-in-name.gouji",
        "examples/report-2023.txt",
    ]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(2), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    assert!(text.contains("blank-in-name.gouji:5:"), "{text}");
    assert!(
        text.contains("a name cannot contain a blank: did you mean `予以公开`?"),
        "{text}"
    );
    insta::assert_snapshot!("blank_in_name", text);
}

#[test]
fn a_missing_brace_is_blamed_on_the_block_it_belongs_to_without_knock_on_errors() {
    let o = gouji(&[
        "check",
        "--rules",
        "tests/fixtures/authors/missing-brace.gouji",
        "examples/report-2023.txt",
    ]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(2), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    assert!(
        text.contains("`amend table 表三 {` (line 3) is not closed"),
        "{text}"
    );
    assert!(text.contains("missing-brace.gouji:5:48"), "{text}");
    insta::assert_snapshot!("missing_brace", text);
}

#[test]
fn the_missing_brace_fix_inserts_it_where_the_block_ends() {
    let text = std::fs::read_to_string("tests/fixtures/authors/missing-brace.gouji").unwrap();
    let mut sources = gouji::source::Sources::new();
    let f = sources.add("m.gouji", text.clone());
    let (_, diags) = gouji::syntax::parse(f, &text);
    assert_eq!(diags.len(), 1);
    let fix = diags[0].fix.clone().unwrap();
    let mut fixed = text.clone();
    fixed.replace_range(fix.span.start..fix.span.end, &fix.replacement);
    let (_, after) = gouji::syntax::parse(f, &fixed);
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn a_prose_condition_can_be_written_in_words_and_name_the_section_by_its_number() {
    let text = human(&[
        "check",
        "--rules",
        "tests/fixtures/authors/prose-condition-zh.gouji",
        "examples/report-2023.txt",
    ]);
    assert!(text.contains("check 复议少时"), "{text}");
    assert!(!text.contains("check 复议多时"), "{text}");
    assert!(
        text.contains("the check applies because `text(五) < 500`: the text of `五、存在的主要问题及改进情况` has 61 characters besides its tables"),
        "{text}"
    );
}

/// A small invented regulation with amounts printed to one decimal.
const AMOUNTS: &str = r#"regulation 收费月报 version 1 {
  report_years 2024..
  title "收费月报"
  section 明细 "一、收费明细" {
    table 收费表 "收费明细表" {
      columns 件数
      column 金额 "金额（万元）" amount 万元
      row 甲 "（一）甲类"
      row 乙 "（二）乙类"
      row 合计 "（三）合计"
      check 合计行 each column: 合计 = 甲 + 乙
    }
  }
}
"#;

fn amounts_report(total_amount: &str, total_count: &str) -> String {
    format!(
        "某局2024年收费月报\n\n一、收费明细\n类别 | 件数 | 金额（万元）\n（一）甲类 | 3 | 1.5\n（二）乙类 | 2 | 0.8\n（三）合计 | {total_count} | {total_amount}\n"
    )
}

#[test]
fn amounts_allow_for_the_rounding_of_their_printed_digits_and_counts_stay_exact() {
    let dir = temp_dir("rounding");
    let rules = write_report(&dir, "月报.gouji", AMOUNTS);
    // 1.5 + 0.8 = 2.3, printed total 2.4: within ±0.15 (three cells of one decimal).
    let within = write_report(&dir, "甲.txt", &amounts_report("2.4", "5"));
    let o = gouji(&["check", "--rules", &rules, &within]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // 2.6 is beyond it; the finding says what was allowed.
    let beyond = write_report(&dir, "乙.txt", &amounts_report("2.6", "5"));
    let text = out(&gouji(&["check", "--rules", &rules, &beyond]));
    assert!(text.contains("按打印精度允许误差 ±0.15"), "{text}");
    // A count is exact: 3 + 2 is not 6.
    let count = write_report(&dir, "丙.txt", &amounts_report("2.3", "6"));
    let text = out(&gouji(&["check", "--rules", &rules, &count]));
    assert!(text.contains("error[R040]"), "{text}");
    assert!(!text.contains("按打印精度"), "{text}");
    // `tolerance 0` makes amounts exact.
    let exact = write_report(
        &dir,
        "exact.gouji",
        &AMOUNTS.replace("= 甲 + 乙", "= 甲 + 乙 tolerance 0"),
    );
    let text = out(&gouji(&["check", "--rules", &exact, &within]));
    assert!(text.contains("2.4 ≠ 2.3 = 1.5 + 0.8"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dividing_by_zero_is_a_value_that_makes_no_sense() {
    let dir = temp_dir("divzero");
    let rules = write_report(
        &dir,
        "坏.gouji",
        &AMOUNTS.replace("= 甲 + 乙", "= 甲 / 0 + 乙"),
    );
    let o = gouji(&["rules", "--rules", &rules]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(2), "{text}");
    assert!(text.contains("error[G008]: division by zero"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
