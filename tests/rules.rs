//! Rule files: the compiler reports every mistake with a code and a place, never stops at the
//! first one, and another regulation's rule file works without touching Rust.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::compile;
use gouji::diagnostic::{render, Code};
use gouji::report::ReadOptions;
use gouji::source::Sources;

fn compile_user(text: &str) -> (Sources, compile::Compiled) {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(
        &mut sources,
        &[("我的规则.gouji".to_string(), text.to_string())],
    );
    (sources, compiled)
}

fn codes(c: &compile::Compiled) -> Vec<&'static str> {
    c.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn the_bundled_rules_compile_without_a_single_finding() {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        render::to_string(&sources, &compiled.diagnostics)
    );
    // Two rule sets of 政府信息公开工作年度报告, one of 政府网站工作年度报表.
    assert_eq!(compiled.rule_sets.len(), 3);
    assert_eq!(
        compiled
            .rule_sets
            .iter()
            .filter(|r| r.regulation == "政府网站工作年度报表")
            .count(),
        1
    );
    let r2021 = compiled
        .rule_sets
        .iter()
        .find(|r| r.version == "2021")
        .unwrap_or_else(|| panic!("no 2021"));
    let t3 = r2021.table("表三").unwrap_or_else(|| panic!("no 表三"));
    assert_eq!((t3.rows.len(), t3.columns.len()), (25, 7));
    assert_eq!(r2021.table("表二").map(|t| t.cell_count()), Some(10));
    assert_eq!(r2021.table("表四").map(|t| t.cell_count()), Some(15));
    assert_eq!(r2021.top_sections().count(), 6);
    let r2019 = compiled
        .rule_sets
        .iter()
        .find(|r| r.version == "2019")
        .unwrap_or_else(|| panic!("no 2019"));
    assert_eq!(r2019.table("表二").map(|t| t.cell_count()), Some(22));
    assert_eq!(r2019.table("表三").map(|t| t.rows.len()), Some(23));
    // Inherited, not copied: the 2019 表四 is declared in the 2021 file.
    let t4 = r2019.table("表四").unwrap_or_else(|| panic!("no 表四"));
    assert_eq!(
        sources.get(t4.span.file).name,
        "rules/gov-info-disclosure-2021.gouji"
    );
    assert!(r2019.covers(2020) && !r2019.covers(2021) && r2021.covers(2031));
}

#[test]
fn one_file_with_many_mistakes_reports_them_all() {
    // The English words of the findings (the Chinese ones: tests/diagnostics.rs).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let text = r#"regulation 示例 version 1 {
  report_years 2023..
  section 一 "一、概况" {
    table 表 {
      columns 甲, 乙, 合计
      column 金额 "金额（万元）" amount 万元
      row 行一
      row 行一
      check each row: 合计 = 甲 + 丙
      check each row: 合计 = 甲 + 金额
      check each column: 行一 = 行二
      this line is nonsense
      check each row: 合计 = sum(甲)
    }
  }
}
regulation 示例 version 2 {
  report_years 2024..2025
}
"#;
    let (sources, compiled) = compile_user(text);
    let got = codes(&compiled);
    for want in ["G001", "G002", "G003", "G004", "G005", "G006"] {
        assert!(
            got.contains(&want),
            "missing {want} in {got:?}\n{}",
            render::to_string(&sources, &compiled.diagnostics)
        );
    }
    insta::assert_snapshot!(
        "many_mistakes",
        render::to_string(&sources, &compiled.diagnostics)
    );
}

#[test]
fn syntax_errors_say_what_was_expected_in_words() {
    // The English words of the findings (the Chinese ones: tests/diagnostics.rs).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let (sources, compiled) = compile_user("regulation 示例 version 1 {\n  report_years 2023..\n  section 一 \"一、概况\" {\n    table 表 {\n      columns 甲, 乙\n      row 行一 \"行一\n      check each row: 甲 = \n    }\n  }\n}\n");
    let out = render::to_string(&sources, &compiled.diagnostics);
    assert!(
        compiled
            .diagnostics
            .iter()
            .all(|d| d.code == Code::SyntaxError),
        "{out}"
    );
    assert!(
        !out.contains("ident_char") && !out.contains("kw_") && !out.contains("Rule::"),
        "pest rule names leak: {out}"
    );
    insta::assert_snapshot!("syntax_errors_in_words", out);
}

#[test]
fn a_misspelt_name_gets_did_you_mean_and_a_fix() {
    // The English words of the findings (the Chinese ones: tests/diagnostics.rs).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let (_, compiled) = compile_user("regulation 示例 version 1 {\n  report_years 2023..\n  section 一 \"一、概况\" {\n    table 表 {\n      columns 自然人, 商业企业, 总计\n      row 新收\n      check each row: 总计 = 自然人 + 商业企\n    }\n  }\n}\n");
    let d = compiled
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .unwrap_or_else(|| panic!("no G002"));
    assert_eq!(d.help.as_deref(), Some("did you mean `商业企业`?"));
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("商业企业")
    );
}

#[test]
fn a_user_rule_set_can_extend_a_bundled_one_and_change_one_check() {
    let text = r#"/// 本省在国家格式上增加一条：结转下年度不得多于新收。
regulation 政府信息公开工作年度报告 version 本省2023 extends 2021 {
  report_years 2023..
  amend table 表三 {
    /// 结转下年度继续办理的申请不应多于本年新收的申请。
    check 结转不多于新收 each column: 结转下年度 <= 新收 warning
      message "结转下年度的申请多于本年新收，请核实"
  }
}
"#;
    let (mut sources, compiled) = compile_user(text);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        render::to_string(&sources, &compiled.diagnostics)
    );
    // The user's rule set comes first (it governs 2023 on); the bundled 2021 and 2019 rule
    // sets stay for the other years, and the other bundled regulation (2018, the website form)
    // stays for its own reports.
    let versions: Vec<&str> = compiled
        .rule_sets
        .iter()
        .map(|r| r.version.as_str())
        .collect();
    assert_eq!(versions, ["本省2023", "2018", "2019", "2021"]);
    let for_2022 = compiled
        .rule_sets
        .iter()
        .find(|r| r.regulation == "政府信息公开工作年度报告" && r.covers(2022));
    assert_eq!(for_2022.map(|r| r.version.as_str()), Some("2021"));
    let report = std::fs::read_to_string(format!(
        "{}/examples/report-2023.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default();
    // Make 结转下年度 (自然人) larger than 新收: 1 → 20 breaks the new check and the balance.
    let changed = report.replace(
        "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1",
        "四、结转下年度继续办理\t\t20\t0\t0\t0\t0\t0\t20",
    );
    assert_ne!(changed, report);
    let f = sources.add("本省.txt", changed.clone());
    let checked = gouji::check_report(&compiled, f, &changed, &ReadOptions { year: None });
    let new_check = checked.findings.iter().find(|d| {
        d.code == Code::IdentityFails && d.severity == gouji::diagnostic::Severity::Warning
    });
    assert!(
        new_check.is_some(),
        "{}",
        render::to_string(&sources, &checked.findings)
    );
    assert!(
        checked
            .findings
            .iter()
            .any(|d| d.message.contains("一 + 二 = （七） + 四")),
        "the inherited balance still applies"
    );
}

/// A different regulation altogether, in a different layout: a monthly safety inspection
/// return with one table whose rows must add up, read with no change to the Rust code.
#[test]
fn another_regulation_works_from_its_rule_file_alone() {
    // The English words of the findings (the Chinese ones: tests/diagnostics.rs).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let rules = r#"/// 某市安全生产检查月报（测试用的虚构格式）
regulation 安全生产检查月报 version 1 {
  issued_by "某市应急管理局〔2024〕1号"
  report_years 2024..
  title "安全生产检查月报"

  section 概况 "一、检查概况" {
    require text warning
  }
  section 明细 "二、检查明细" {
    table 检查表 "检查明细表" {
      header "检查类别"
      columns 企业数, 隐患数
      column 罚款 "罚款金额（万元）" amount 万元
      row 工矿 "（一）工矿企业"
      row 危化 "（二）危险化学品"
      row 合计 "（三）合计"
      /// 合计等于各类之和
      check 合计行 each column: 合计 = 工矿 + 危化
      check 隐患不多 each row: 隐患数 >= 0
    }
  }
}
"#;
    let report = "某市2024年安全生产检查月报\n\n一、检查概况\n本月共检查企业四十家。\n\n二、检查明细\n检查类别 | 企业数 | 隐患数 | 罚款金额（万元）\n（一）工矿企业 | 25 | 40 | 1.5\n（二）危险化学品 | 15 | 2l | 0.8\n（三）合计 | 40 | 63 | 2.6\n";
    let mut sources = Sources::new();
    let rf = sources.add("月报.gouji", rules);
    let compiled = compile::compile(&sources, &[rf]);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        render::to_string(&sources, &compiled.diagnostics)
    );
    let f = sources.add("月报.txt", report);
    let checked = gouji::check_report(&compiled, f, report, &ReadOptions { year: None });
    let out = render::to_string(&sources, &checked.findings);
    assert_eq!(checked.document.year, Some(2024));
    // 2l (letter l for 1) is unreadable, so 隐患数 cannot be checked; 罚款 does not add up
    // (2.6 against 2.3, beyond the rounding of the printed parts).
    assert!(
        checked
            .findings
            .iter()
            .any(|d| d.code == Code::LetterForDigit),
        "{out}"
    );
    assert!(
        checked
            .findings
            .iter()
            .any(|d| d.code == Code::IdentityUncheckable),
        "{out}"
    );
    let fine = checked
        .findings
        .iter()
        .find(|d| d.code == Code::IdentityFails)
        .unwrap_or_else(|| panic!("{out}"));
    assert!(fine.message.contains("罚款金额"), "{out}");
    assert!(
        fine.notes
            .iter()
            .any(|n| n.contains("2.6 ≠ 2.3 = 1.5 + 0.8")),
        "{out}"
    );
    // Amounts printed to one decimal: each of the three cells may be off by 0.05, so 2.4
    // would have passed.
    assert!(
        fine.notes
            .iter()
            .any(|n| n.contains("按打印精度允许误差 ±0.15")),
        "{out}"
    );
    insta::assert_snapshot!("another_regulation", out);
}

#[test]
fn every_bundled_check_has_an_example_that_makes_it_fail_and_every_example_holds() {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let runs = gouji::examples::run(&compiled, &mut sources);
    assert!(runs.len() >= 10, "{} examples", runs.len());
    for r in &runs {
        let ex = &compiled.rule_sets[r.rule_set].examples[r.example];
        assert!(
            r.passed(),
            "example {}: {:?}\n{}",
            ex.id,
            r.problems,
            render::to_string(&sources, &r.findings)
        );
    }
    for ri in 0..compiled.rule_sets.len() {
        let missing = gouji::examples::never_fired(&compiled, ri, &runs);
        assert!(
            missing.is_empty(),
            "rule set {}: checks without a failing example: {missing:?}",
            compiled.rule_sets[ri].version
        );
    }
}

#[test]
fn an_example_that_does_not_produce_its_code_fails_the_test_command() {
    let rules = r#"regulation 示例 version 1 {
  report_years 2023..
  section 一 "一、概况" {
    table 表 {
      columns 甲, 乙, 合计
      row 行一 "行一"
      check 合计 each row: 合计 = 甲 + 乙
      /// The numbers add up, so no R040: this example is wrong and `gouji test` must say so.
      example 其实对 expects R040 """
        行一 | 1 | 2 | 3
        """
    }
  }
}
"#;
    let dir = std::env::temp_dir().join(format!("gouji-rules-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let p = dir.join("示例.gouji");
    std::fs::write(&p, rules).unwrap_or_else(|e| panic!("{e}"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["test", p.to_str().unwrap_or_default()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL  表 › 其实对"), "{out}");
    assert!(out.contains("should produce R040, but does not"), "{out}");
    assert!(
        out.contains("MISSING  no example makes check `合计`"),
        "{out}"
    );
}

/// Identities across tables: a cell of one table against a cell of another, declared later.
#[test]
fn a_check_can_compare_cells_of_two_tables() {
    // The English words of the findings (the Chinese ones: tests/diagnostics.rs).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let rules = r#"regulation 月报 version 1 {
  report_years 2024..
  section 一 "一、收件" {
    table 收件 "收件表" {
      columns 件数
      row 本月 "本月收件"
      /// 本月收件不应少于办结件数（办结在另一张表）。
      check 收不少于结: 本月.件数 >= 办结.本月.件数 warning
    }
  }
  section 二 "二、办结" {
    table 办结 "办结表" {
      columns 件数
      row 本月 "本月办结"
    }
  }
}
"#;
    let report = "某局2024年月报\n一、收件\n本月收件 | 3\n二、办结\n本月办结 | 5\n";
    let mut sources = Sources::new();
    let rf = sources.add("月报.gouji", rules);
    let compiled = compile::compile(&sources, &[rf]);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        render::to_string(&sources, &compiled.diagnostics)
    );
    let f = sources.add("月报.txt", report);
    let checked = gouji::check_report(&compiled, f, report, &ReadOptions { year: None });
    let out = render::to_string(&sources, &checked.findings);
    let d = checked
        .findings
        .iter()
        .find(|d| d.code == Code::IdentityFails)
        .unwrap_or_else(|| panic!("{out}"));
    assert!(d.notes.iter().any(|n| n.contains("3 < 5")), "{out}");
    assert!(
        d.labels
            .iter()
            .any(|l| sources.get(l.span.file).text[l.span.range()].contains('5')),
        "the other table's cell is labelled: {out}"
    );

    let typo = rules.replace("办结.本月.件数", "办理.本月.件数");
    let mut sources = Sources::new();
    let rf = sources.add("月报.gouji", typo);
    let compiled = compile::compile(&sources, &[rf]);
    let d = compiled
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .unwrap_or_else(|| panic!("no G002"));
    assert_eq!(d.message, "no table named `办理`");
    assert_eq!(d.help.as_deref(), Some("did you mean `办结`?"));
}

/// The mistakes of `one_file_with_many_mistakes_reports_them_all`, written with the Chinese
/// keywords and the punctuation a Chinese typist types (`：`, `，`, `（）`, `“”`), are found
/// just the same and explained in Chinese.
#[test]
fn chinese_keywords_and_full_width_punctuation_read_like_the_english_ones() {
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::Zh);
    let text = "规定 示例 版本 1 {
  适用年度 2023..
  部分 一 “一、概况” {
    表 表 {
      各列 甲，乙，合计
      列 金额 “金额（万元）” 金额 万元
      行 行一
      行 行一
      检查 每行：合计 = 甲 + 丙
      检查 每行：合计 = 甲 + 金额
      检查 每列：行一 = 行二
      这一行 不知所云
      检查 每行：合计 = 求和（甲）
    }
  }
}
规定 示例 版本 2 {
  适用年度 2024..2025
}
";
    let (sources, compiled) = compile_user(text);
    let got = codes(&compiled);
    for want in ["G001", "G002", "G003", "G004", "G005", "G006"] {
        assert!(
            got.contains(&want),
            "missing {want} in {got:?}\n{}",
            render::to_string(&sources, &compiled.diagnostics)
        );
    }
    insta::assert_snapshot!(
        "many_mistakes_zh",
        render::to_string(&sources, &compiled.diagnostics)
    );
}

#[test]
fn the_chinese_and_english_forms_of_the_bundled_rules_compile_to_the_same_checks() {
    let zh = include_str!("../rules/gov-info-disclosure-2021.gouji");
    let en =
        gouji::fmt::convert_keywords(gouji::source::FileId(0), zh, gouji::fmt::KeywordForm::En)
            .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(en.contains("regulation 政府信息公开工作年度报告 version 2021"));
    assert!(en.contains("each column: 新收 + 上年结转 = 办理结果总计 + 结转下年度"));
    assert!(!en.contains("检查 ") && !en.contains("每行"));
    let summary = |text: &str| -> Vec<String> {
        let mut sources = Sources::new();
        let f = sources.add("r.gouji", text);
        let c = compile::compile(&sources, &[f]);
        assert!(
            c.diagnostics.is_empty(),
            "{}",
            render::to_string(&sources, &c.diagnostics)
        );
        c.rule_sets
            .iter()
            .flat_map(|rs| {
                rs.tables.iter().flat_map(|t| {
                    t.checks
                        .iter()
                        .map(|ch| format!("{} {} {:?} {}", t.id, ch.id, ch.quantifier, ch.text))
                })
            })
            .collect()
    };
    let (a, b) = (summary(zh), summary(&en));
    assert!(a.len() >= 5, "{a:?}");
    assert_eq!(a, b);
}
