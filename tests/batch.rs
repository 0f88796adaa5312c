//! A folder of reports checked at once, as a supervising office does: output in file order
//! whatever the number of workers, the tally, exit codes, and the `--summary` page and table.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gouji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        // These tests read the English words; the Chinese ones: tests/cli.rs.
        .env("GOUJI_LANG", "en")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A folder with a clean report, a broken one (in a subfolder), a report with a `<` in its
/// title, and a file that is not text: the four verdicts a batch can give.
fn batch_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gouji-batch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("乙区")).unwrap_or_else(|e| panic!("{e}"));
    let clean = example("report-2023.txt");
    std::fs::write(d.join("a-clean.txt"), &clean).unwrap();
    std::fs::write(
        d.join("乙区/b-broken.txt"),
        example("report-2023-broken.txt"),
    )
    .unwrap();
    std::fs::write(
        d.join("c-escaped.txt"),
        clean.replacen(
            "示例市青禾区文化和旅游局2023年",
            "示例市<青禾区>“文旅”局2023年",
            1,
        ),
    )
    .unwrap();
    std::fs::write(d.join("d-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    d
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn output_is_in_file_order_and_the_same_with_any_number_of_workers() {
    let d = batch_dir("order");
    for format in ["human", "json", "sarif"] {
        let one = gouji(&["check", "--format", format, "-j", "1", &s(&d)]);
        let four = gouji(&["check", "--format", format, "--jobs", "4", &s(&d)]);
        assert_eq!(stdout(&one), stdout(&four), "{format}");
        assert_eq!(stderr(&one), stderr(&four), "{format}");
        assert_eq!(one.status.code(), Some(2), "{format}: {}", stderr(&one));
    }
    let o = gouji(&["check", "--format", "json", &s(&d)]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 4);
    assert_eq!(doc["summary"]["files"], 4);
    assert_eq!(doc["summary"]["unreadable_files"], 1);
    let sarif = gouji(&["check", "--format", "sarif", &s(&d)]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn a_batch_ends_with_a_tally_by_verdict_and_by_code() {
    let d = batch_dir("tally");
    let o = gouji(&["check", "-q", &s(&d)]);
    let out = stdout(&o);
    assert!(
        out.contains("4 reports: 2 without errors, 1 with errors, 1 could not be read; "),
        "{out}"
    );
    assert!(out.contains("R040 ×"), "{out}");
    assert!(out.contains("R001 ×1"), "{out}");
    // Without the unreadable file: exit 1 for the report with errors.
    std::fs::remove_file(d.join("d-binary.txt")).unwrap();
    let o = gouji(&["check", "-q", &s(&d)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 reports: 2 without errors, 1 with errors; "));
    // A single report: no tally line.
    let one = gouji(&["check", "-q", &s(&d.join("a-clean.txt"))]);
    assert_eq!(one.status.code(), Some(0));
    assert!(!stdout(&one).contains("report"), "{}", stdout(&one));
}

#[test]
fn no_progress_bar_is_drawn_into_a_pipe() {
    let d = batch_dir("progress");
    let o = gouji(&["check", "-q", "--format", "json", &s(&d)]);
    assert!(!stderr(&o).contains("reports ("), "{}", stderr(&o));
    let o = gouji(&["check", "-q", "--no-progress", &s(&d)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_summary_page_lists_every_report_with_its_verdict_figures_and_findings() {
    let d = batch_dir("html");
    let page = d.join("汇总.html");
    let o = gouji(&["check", "-q", &s(&d), "--summary", &s(&page)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("共检查 <strong>4</strong> 份报告"), "{html}");
    // One row per report, in file order, each with its verdict.
    let rows: Vec<&str> = html.split("<tr data-verdict=").skip(1).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[0].starts_with("\"clean\"") && rows[0].contains("a-clean.txt"));
    assert!(rows[1].starts_with("\"clean\"") && rows[1].contains("c-escaped.txt"));
    assert!(rows[2].starts_with("\"unreadable\"") && rows[2].contains("d-binary.txt"));
    assert!(rows[3].starts_with("\"errors\"") && rows[3].contains("b-broken.txt"));
    // Agency, year, format and the key figures of the clean example.
    assert!(
        rows[0].contains("<td>示例市青禾区文化和旅游局</td>"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains(">2023<") && rows[0].contains("2021年格式"));
    assert!(rows[0].contains("未发现问题"));
    for h in [
        "申请总数",
        "予以公开",
        "复议",
        "诉讼",
        "单位",
        "年度",
        "格式",
        "结论",
    ] {
        assert!(html.contains(&format!(">{h}</th>")), "{h}");
    }
    // The report's own text is escaped.
    assert!(
        rows[1].contains("示例市&lt;青禾区&gt;“文旅”局"),
        "{}",
        rows[1]
    );
    assert!(!html.contains("<青禾区>"));
    // Each finding's headline links to its place in the report's section, with the excerpt.
    assert!(rows[3].contains("href=\"#r4-1\""), "{}", rows[3]);
    assert!(html.contains("<section class=\"report v-errors\" id=\"r4\">"));
    assert!(html.contains("<div id=\"r4-1\">"));
    assert!(html.contains("<mark>"));
    assert!(html.contains("R040"));
    assert!(html.contains("id=\"r3\"") && html.contains("无法读取："));
    // Self-contained: charts inline, script inline, nothing fetched.
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("各结论的报告数") && html.contains("最常见的问题"));
    assert!(html.contains("<script>") && !html.contains("<script src"));
    assert!(!html.contains("<link") && !html.contains("@import"));
    let without_svg_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_svg_ns.contains("http://") && !without_svg_ns.contains("https://"));
    // The controls need the script; without it they stay hidden.
    assert!(html.contains("id=\"controls\" hidden"));
}

#[test]
fn the_summary_table_is_csv_with_a_byte_order_mark() {
    let d = batch_dir("csv");
    let table = d.join("汇总.csv");
    let o = gouji(&["check", "-q", &s(&d), "--summary", &s(&table)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&table).unwrap();
    assert!(csv.starts_with(
        "\u{feff}文件,单位,年度,格式,结论,错误,警告,申请总数,予以公开,复议,诉讼,问题\r\n"
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].contains(",示例市青禾区文化和旅游局,2023,2021年格式,未发现问题,0,"));
    assert!(lines[4].contains("有错误") && lines[4].contains("R040 第"));
}

#[test]
fn a_summary_that_is_neither_html_nor_csv_is_refused_before_any_work() {
    let d = batch_dir("ext");
    let o = gouji(&["check", &s(&d), "--summary", &s(&d.join("汇总.pdf"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("name an .html file"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn extract_over_a_folder_is_the_same_with_any_number_of_workers() {
    let d = batch_dir("extract");
    std::fs::remove_file(d.join("d-binary.txt")).unwrap();
    for format in ["json", "csv"] {
        let one = gouji(&["extract", "--format", format, "-j", "1", &s(&d)]);
        let two = gouji(&["extract", "--format", format, "-j", "3", &s(&d)]);
        assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
        assert_eq!(stdout(&one), stdout(&two), "{format}");
    }
    let o = gouji(&["extract", &s(&d)]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["files"].as_array().unwrap().len(), 3);
    assert!(!doc["files"][0]["cells"].as_array().unwrap().is_empty());
}

/// The corpus of real reports: the page lists every report, and a report's verdict is "有错误"
/// exactly when the JSON output gives it an error.
#[test]
fn the_summary_of_the_corpus_gives_every_report_the_verdict_of_its_findings() {
    // The corpus beside the checkout (or where GOUJI_CORPUS says); without it this test is
    // skipped with one line, unless GOUJI_REQUIRE_CORPUS=1 (CI) makes that a failure.
    let root = std::env::var("GOUJI_CORPUS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").into());
    let reports = Path::new(&root).join("reports");
    if !reports.is_dir() {
        let why = format!("the corpus of real reports is not at {root}");
        assert!(
            std::env::var("GOUJI_REQUIRE_CORPUS").as_deref() != Ok("1"),
            "{why}; GOUJI_REQUIRE_CORPUS=1 requires it"
        );
        // Past the test harness's capture, so that it shows in `cargo test`.
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("summary-of-the-corpus test skipped: {why}\n"),
        );
        return;
    }
    let corpus = &s(&reports);
    let d = std::env::temp_dir().join(format!("gouji-batch-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let page = d.join("汇总.html");
    let o = gouji(&["check", "-q", corpus, "--summary", &s(&page)]);
    assert!(o.status.code() == Some(1), "{}", stderr(&o));
    let json = gouji(&["check", "--format", "json", corpus]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    let rows: Vec<&str> = html.split("<tr data-verdict=").skip(1).collect();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(rows.len(), files.len());
    for (row, f) in rows.iter().zip(files) {
        let path = f["path"].as_str().unwrap();
        assert!(row.contains(&format!("<td>{path}</td>")), "{path}");
        let sev = |s: &str| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == s)
                .count()
        };
        let verdict = if sev("error") > 0 {
            "errors"
        } else if sev("warning") > 0 {
            "warnings"
        } else {
            "clean"
        };
        assert!(row.starts_with(&format!("\"{verdict}\"")), "{path}: {row}");
    }
}

/// Last year's and this year's report of one agency (their carry-over does not follow), and a
/// rule file that makes that an error.
fn two_years_dir(tag: &str) -> (PathBuf, PathBuf) {
    let d = std::env::temp_dir().join(format!("gouji-batch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let reports = d.join("报告");
    std::fs::create_dir_all(&reports).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R072");
    for f in ["水务局2022.txt", "水务局2023.txt"] {
        std::fs::copy(fixtures.join(f), reports.join(f)).unwrap();
    }
    let rules = d.join("本省.gouji");
    std::fs::write(
        &rules,
        "/// 本省：上年结转与上年报告不符是错误。\n\
         regulation 政府信息公开工作年度报告 version 本省2023 extends 2021 {\n\
         \x20 report_years 2023..\n\
         \x20 amend table 表三 {\n\
         \x20   /// 本年的上年结转，应等于上年报告的结转下年度。\n\
         \x20   check 结转衔接严格 each column: 上年结转 = previous.结转下年度 error\n\
         \x20 }\n\
         }\n",
    )
    .unwrap();
    (reports, rules)
}

#[test]
fn findings_across_reports_count_in_the_tally_the_summary_and_the_exit_code() {
    let (reports, rules) = two_years_dir("across");
    let table = reports.parent().unwrap().join("汇总.csv");
    let page = reports.parent().unwrap().join("汇总.html");
    // The bundled rules: last year's carry-over that does not follow is a warning.
    let o = gouji(&["check", "-q", &s(&reports), "--summary", &s(&table)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 reports: 2 without errors, 0 with errors; R072 ×3"),
        "{}",
        stdout(&o)
    );
    let csv = std::fs::read_to_string(&table).unwrap();
    let this_year = csv
        .lines()
        .find(|l| l.starts_with(&s(&reports.join("水务局2023.txt"))));
    assert!(
        this_year.is_some_and(|l| l.contains(",仅有警告,0,3,") && l.contains("R072 第")),
        "{csv}"
    );
    // With the rule that makes it an error, the report without errors of its own has errors.
    let o = gouji(&[
        "check",
        "-q",
        "--rules",
        &s(&rules),
        &s(&reports),
        "--summary",
        &s(&page),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("checked 2 files: 3 errors, 3 warnings"),
        "{out}"
    );
    assert!(
        out.contains("2 reports: 1 without errors, 1 with errors; R072 ×6"),
        "{out}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("有错误 1 份") && html.contains("未发现问题 1 份"),
        "{html}"
    );
    let row = html
        .lines()
        .find(|l| l.starts_with("<tr") && l.contains("水务局2023.txt"))
        .unwrap_or_default();
    assert!(
        row.contains("data-verdict=\"errors\"") && row.contains(">R072</span>"),
        "{row}"
    );
    // The section of the report shows the finding with its excerpt.
    assert!(html.contains("id=\"r2-1\""), "{html}");
}

#[test]
fn the_summary_names_the_agency_of_web_page_and_word_reports_from_their_title() {
    let containers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/containers");
    let d = std::env::temp_dir().join(format!("gouji-batch-containers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let page = d.join("汇总.html");
    let table = d.join("汇总.csv");
    let html = s(&containers.join("report-2023.html"));
    let docx = s(&containers.join("report-2023.docx"));
    for summary in [&page, &table] {
        let o = gouji(&["check", "-q", &html, &docx, "--summary", &s(summary)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let csv = std::fs::read_to_string(&table).unwrap();
    for report in [&html, &docx] {
        let line = csv.lines().find(|l| l.starts_with(report.as_str()));
        assert!(
            line.is_some_and(|l| l.contains(",示例市青禾区文化和旅游局,2023,")),
            "{csv}"
        );
    }
    let page = std::fs::read_to_string(&page).unwrap();
    assert!(!page.contains("&lt;title"), "{page}");
    assert_eq!(
        page.matches("<td>示例市青禾区文化和旅游局</td>").count(),
        2,
        "{page}"
    );
}

#[test]
fn a_report_from_standard_input_is_shown_at_its_lines_for_a_finding_across_reports() {
    use std::io::Write as _;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R072");
    let this_year = std::fs::read(dir.join("水务局2023.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .current_dir(&dir)
        .env("GOUJI_LANG", "en")
        .args(["check", "--color=never", "水务局2022.txt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&this_year).unwrap();
    let o = child.wait_with_output().unwrap();
    let out = stdout(&o);
    assert_eq!(out.matches("warning[R072]").count(), 3, "{out}");
    // The place in this year's report, read from standard input, with its line of text.
    assert!(out.contains("┌─ <stdin>:53:"), "{out}");
    assert!(
        out.contains(" 53 │ 二、上年结转政府信息公开申请数量"),
        "{out}"
    );
}

#[test]
fn no_temporary_file_is_left_behind_by_one_report_or_a_batch_in_any_format() {
    let tmp = std::env::temp_dir().join(format!("gouji-batch-tmpdir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R072");
    for format in ["human", "json", "sarif"] {
        for files in [
            &["水务局2023.txt"][..],
            &["水务局2022.txt", "水务局2023.txt"],
        ] {
            let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
                .current_dir(&dir)
                .env("TMPDIR", &tmp)
                .args(["check", "--format", format])
                .args(files)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let left: Vec<_> = std::fs::read_dir(&tmp)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(left.is_empty(), "{format} {files:?}: {left:?}");
        }
    }
}

/// A finding across reports in a Word file points at the Word file's laid-out text (the line
/// with the cell), as its own findings do — not at an empty first line of the zip's bytes.
#[test]
fn a_finding_across_reports_in_a_word_file_is_shown_at_its_cell() {
    let dir = std::env::temp_dir().join(format!("gouji-batch-word-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("R072/水务局2022.txt"),
        dir.join("水务局2022.txt"),
    )
    .unwrap();
    // Made from R072/水务局2023.txt by scripts/make-containers.sh (LibreOffice).
    std::fs::copy(
        fixtures.join("containers/水务局2023.docx"),
        dir.join("水务局2023.docx"),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .current_dir(&dir)
        .env("GOUJI_LANG", "en")
        .args([
            "check",
            "--color=never",
            "水务局2022.txt",
            "水务局2023.docx",
        ])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(out.matches("warning[R072]").count(), 3, "{out}");
    assert!(!out.contains("┌─ 水务局2023.docx:1:1"), "{out}");
    assert!(out.contains("│ 二、上年结转政府信息公开申请数量"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_tally_is_in_chinese_punctuation_by_default() {
    let d = batch_dir("tally-zh");
    let o = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["check", "-q", &s(&d)])
        .env("GOUJI_LANG", "zh")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        out.contains("4 份报告：2 份没有错误，1 份有错误，1 份无法读取；R"),
        "{out}"
    );
    assert!(
        out.contains("，R001 ×1") || out.contains("；R001 ×1"),
        "{out}"
    );
    assert!(!out.contains("; "), "{out}");
}

#[cfg(unix)]
#[test]
fn a_folder_reached_twice_through_symbolic_links_is_walked_once() {
    let d = batch_dir("links");
    // A link back up the tree (a loop) and a second link to the subfolder.
    std::os::unix::fs::symlink("..", d.join("乙区").join("up")).unwrap();
    std::os::unix::fs::symlink(d.join("乙区"), d.join("again")).unwrap();
    let o = gouji(&["check", "-q", &s(&d)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("4 reports: 2 without errors, 1 with errors, 1 could not be read"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("up/"), "{}", stdout(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_without_end_is_refused_as_too_large_not_read_forever() {
    let o = gouji(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("/dev/zero"), "{}", stderr(&o));
    assert!(stderr(&o).contains("more than the"), "{}", stderr(&o));
}
