//! The reader's fidelity on kinds of text that real reports use: each fixture under
//! `tests/fixtures/reader/` is an invented report written to show one layout or one mistake,
//! and each test says what must be read from it (cell values, or "unreadable") and which
//! findings it must (or must not) give.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::diagnostic::{Code, Diagnostic, Severity};
use gouji::report::{ReadOptions, Value};
use gouji::source::Sources;
use std::path::Path;

struct Read {
    cells: Vec<(String, String, String, Value, String)>,
    findings: Vec<Diagnostic>,
    text: String,
}

impl Read {
    /// The value of a cell by table, row and column id.
    fn value(&self, table: &str, row: &str, col: &str) -> Option<&Value> {
        self.cells
            .iter()
            .find(|c| c.0 == table && c.1 == row && c.2 == col)
            .map(|c| &c.3)
    }
    fn codes(&self) -> Vec<Code> {
        self.findings.iter().map(|d| d.code).collect()
    }
    fn errors(&self) -> Vec<String> {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect()
    }
    fn line_of(&self, d: &Diagnostic) -> usize {
        self.text[..d.primary.start].matches('\n').count() + 1
    }
    fn with(&self, code: Code) -> Vec<&Diagnostic> {
        self.findings.iter().filter(|d| d.code == code).collect()
    }
}

fn read(name: &str) -> Read {
    // The assertions read the English wording; the Chinese one is snapshot in tests/diagnostics.rs.
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reader")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let file = sources.add(name.to_string(), text.clone());
    let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
    let mut cells = Vec::new();
    for t in &checked.document.tables {
        let table = &compiled.rule_sets[t.rule_set].tables[t.table];
        for c in &t.cells {
            cells.push((
                table.id.clone(),
                table.rows[c.row].id.clone(),
                table.columns[c.col].id.clone(),
                c.value.clone(),
                c.raw.to_string(),
            ));
        }
    }
    Read {
        cells,
        findings: checked.findings,
        text,
    }
}

#[test]
fn a_number_glued_to_a_year_in_the_prose_after_it_is_the_cell_without_the_year() {
    let r = read("year-after-cell.txt");
    assert_eq!(
        r.value("表二", "行政事业性收费", "本年收费金额"),
        Some(&Value::Number(0.0))
    );
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_number_glued_to_a_date_is_unreadable_not_guessed() {
    let r = read("date-after-cell.txt");
    assert_eq!(
        r.value("表二", "行政事业性收费", "本年收费金额"),
        Some(&Value::Unreadable)
    );
    assert!(r.codes().contains(&Code::DigitsRunTogether));
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_sign_between_two_runs_of_digits_separates_cells() {
    let r = read("signed-glued-2019.txt");
    assert_eq!(
        r.value("表二", "行政事业性收费", "上一年项目数量"),
        Some(&Value::Number(15.0))
    );
    assert_eq!(
        r.value("表二", "行政事业性收费", "本年增减"),
        Some(&Value::Number(-15.0))
    );
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_heading_with_words_the_template_lacks_is_the_section_with_a_wording_warning() {
    let r = read("heading-suffix.txt");
    let lines: Vec<usize> = r
        .with(Code::HeadingWording)
        .iter()
        .map(|d| r.line_of(d))
        .collect();
    assert_eq!(lines, vec![5, 27, 44]);
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_heading_with_words_before_it_is_the_section_with_a_wording_warning() {
    let r = read("heading-prefix.txt");
    let w = r.with(Code::HeadingWording);
    assert_eq!(w.len(), 1);
    assert_eq!(r.line_of(w[0]), 27);
    assert!(w[0].message.contains("第二部分"));
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn an_unnumbered_heading_that_is_clearly_the_section_is_a_warning_not_a_missing_section() {
    let r = read("heading-unnumbered.txt");
    let w = r.with(Code::HeadingWording);
    assert_eq!(w.len(), 1);
    assert_eq!(r.line_of(w[0]), 5);
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn every_misnumbered_heading_gets_its_own_finding() {
    let r = read("misnumbered-repeat.txt");
    let lines: Vec<usize> = r
        .with(Code::SectionMisnumbered)
        .iter()
        .map(|d| r.line_of(d))
        .collect();
    assert_eq!(lines, vec![44, 82]);
    let r = read("misnumbered-shift.txt");
    let lines: Vec<usize> = r
        .with(Code::SectionMisnumbered)
        .iter()
        .map(|d| r.line_of(d))
        .collect();
    assert_eq!(lines, vec![27, 44, 75, 82, 86]);
    // The same in a crawler's one-line text.
    let r = read("misnumbered-crawler.txt");
    assert_eq!(r.with(Code::SectionMisnumbered).len(), 2);
}

#[test]
fn a_page_footer_after_section_four_is_not_its_body_and_five_and_six_are_missing() {
    let r = read("footer-after-four.txt");
    assert!(!r.codes().contains(&Code::Truncated), "{:?}", r.errors());
    assert_eq!(r.with(Code::SectionMissing).len(), 2, "{:?}", r.errors());
    assert!(!r.codes().contains(&Code::TableMissing));
    assert_eq!(r.errors().len(), 2, "{:?}", r.errors());
}

#[test]
fn separator_only_lines_and_wrapped_headers_in_one_cell_per_line_tables_are_not_cells() {
    let r = read("one-cell-per-line-separators.txt");
    for (row, col, v) in [
        ("规章", "本年制发件数", 0.0),
        ("行政规范性文件", "本年制发件数", 2.0),
        ("行政规范性文件", "本年废止件数", 1.0),
        ("行政规范性文件", "现行有效件数", 9.0),
        ("行政许可", "本年处理决定数量", 128.0),
        ("行政强制", "本年处理决定数量", 3.0),
        ("行政事业性收费", "本年收费金额", 0.0),
    ] {
        assert_eq!(
            r.value("表二", row, col),
            Some(&Value::Number(v)),
            "{row} {col}"
        );
    }
    assert!(r.findings.is_empty(), "{:?}", r.codes());
}

#[test]
fn empty_lines_that_are_certainly_cells_are_blank_cells() {
    let r = read("blank-lines-certain.txt");
    assert_eq!(
        r.value("表三", "上年结转", "自然人"),
        Some(&Value::Number(1.0))
    );
    assert_eq!(
        r.value("表三", "上年结转", "商业企业"),
        Some(&Value::NoValue)
    );
    assert_eq!(
        r.value("表三", "上年结转", "总计"),
        Some(&Value::Number(1.0))
    );
    assert!(r.codes().contains(&Code::BlankCell));
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn empty_lines_that_may_or_may_not_be_cells_leave_the_row_unreadable_not_short() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/R037.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let file = sources.add("R037.txt".to_string(), text.clone());
    let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
    assert!(checked
        .findings
        .iter()
        .all(|d| d.severity < Severity::Error));
    assert!(checked
        .findings
        .iter()
        .any(|d| d.code == Code::CellsUnplaced));
}

#[test]
fn a_row_cut_off_by_the_end_of_the_text_belongs_to_the_truncation_finding() {
    let r = read("truncated-mid-row.txt");
    assert_eq!(r.errors().len(), 1, "{:?}", r.errors());
    assert!(r.codes().contains(&Code::Truncated));
    // "The text ends here" points at the last cell's text, not at the row's closing `|` (a web
    // page or Word table made from the report has no such separator).
    let end = r.with(Code::Truncated)[0].primary;
    assert_eq!(&r.text[end.start..end.end], "0");
    assert_eq!(
        r.value("表三", "不予公开5", "自然人"),
        Some(&Value::Number(1.0))
    );
    assert_eq!(
        r.value("表三", "不予公开5", "商业企业"),
        Some(&Value::Number(0.0))
    );
}

#[test]
fn a_2021_table_two_under_the_2019_header_words_is_read_by_its_rows() {
    let r = read("table-two-2021-rows-2019-header.txt");
    assert_eq!(
        r.value("表二", "行政许可", "本年处理决定数量"),
        Some(&Value::Number(128.0))
    );
    assert_eq!(
        r.value("表二", "行政规范性文件", "现行有效件数"),
        Some(&Value::Number(9.0))
    );
    // The stale header words are reported once; the 2021 rows raise nothing.
    assert_eq!(r.errors().len(), 1, "{:?}", r.errors());
    assert_eq!(r.with(Code::WrongFormat).len(), 1);
    assert!(r.errors()[0].contains("header"), "{:?}", r.errors());
}

#[test]
fn a_2019_table_two_in_a_later_report_is_stale_whatever_the_layout() {
    for name in ["stale-table-two-pipes.txt", "stale-table-two-glued.txt"] {
        let r = read(name);
        let stale = r.with(Code::WrongFormat);
        assert_eq!(stale.len(), 1, "{name}: {:?}", r.errors());
        assert!(!stale[0].message.contains("header"), "{name}");
        // Nothing else is an error: run-together signed cells (`3-120`) are unreadable, not short.
        assert_eq!(r.errors().len(), 1, "{name}: {:?}", r.errors());
    }
}

#[test]
fn a_2019_refusal_group_whose_rows_lost_their_labels_names_the_missing_labels() {
    let r = read("lost-sublabels-2019.txt");
    let missing: Vec<&str> = r
        .with(Code::RowMissing)
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(missing.len(), 8, "{missing:?}");
    assert!(missing[0].contains("1.属于国家秘密"));
    assert!(missing[7].contains("8.属于行政查询事项"));
    // The row before them keeps its own line; their numbers are not piled onto it.
    assert!(
        !r.codes().contains(&Code::RowTooManyCells),
        "{:?}",
        r.errors()
    );
    assert_eq!(
        r.value("表三", "部分公开", "自然人"),
        Some(&Value::Number(2.0))
    );
    assert_eq!(r.errors().len(), 8, "{:?}", r.errors());
}

#[test]
fn a_row_label_said_again_in_the_prose_after_the_table_does_not_take_the_row() {
    let r = read("label-again-in-prose.txt");
    assert_eq!(
        r.value("表二", "行政事业性收费", "本年收费金额"),
        Some(&Value::Number(0.0))
    );
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_row_without_any_value_is_blank_cells_not_an_error() {
    let r = read("row-without-values.txt");
    assert_eq!(r.value("表三", "上年结转", "自然人"), Some(&Value::NoValue));
    assert!(r.codes().contains(&Code::BlankCell));
    assert!(r.codes().contains(&Code::IdentityUncheckable));
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn wrapped_2019_header_words_and_separator_lines_join_their_header() {
    let r = read("one-cell-per-line-2019-wrapped.txt");
    assert_eq!(
        r.value("表二", "其他对外管理服务事项", "本年增减"),
        Some(&Value::Number(-1.0))
    );
    assert_eq!(
        r.value("表二", "规范性文件", "对外公开总数量"),
        Some(&Value::Number(9.0))
    );
    assert!(r.findings.is_empty(), "{:?}", r.codes());
}

#[test]
fn a_row_drawn_with_bars_that_holds_its_cells_ends_at_its_closing_bar() {
    // `| 三、… | （一）予以公开 | 6 | … | 8 |`, then a bar line of numbers whose label is
    // scattered below it (a PDF converter's table): the numbers are not (一)'s run on.
    let r = read("bar-row-then-scattered-label.txt");
    assert_eq!(
        r.value("表三", "予以公开", "自然人"),
        Some(&Value::Number(6.0))
    );
    assert_eq!(
        r.value("表三", "予以公开", "总计"),
        Some(&Value::Number(8.0))
    );
    assert!(
        !r.codes().contains(&Code::RowTooManyCells),
        "{:?}",
        r.codes()
    );
    assert!(r.errors().is_empty(), "{:?}", r.errors());
}

#[test]
fn a_table_given_as_one_line_with_tabs_reads_each_rows_values_not_blanks() {
    // Table 二 copied as one line: cells between tabs, but each row's last cell and the next
    // rows' header words in one field (`356 第二十条第（六）项 信息内容`). The number is the
    // row's; it was read as a blank cell.
    let r = read("table-two-rows-run-on-with-tabs.txt");
    assert_eq!(
        r.value("表二", "行政许可", "本年处理决定数量"),
        Some(&Value::Number(356.0))
    );
    assert_eq!(
        r.value("表二", "行政强制", "本年处理决定数量"),
        Some(&Value::Number(3.0))
    );
    assert_eq!(
        r.value("表二", "行政规范性文件", "现行有效件数"),
        Some(&Value::Number(9.0))
    );
    assert!(r.findings.is_empty(), "{:?}", r.codes());
}

#[test]
fn text_in_the_cell_after_the_labels_tab_is_text_in_a_cell_not_a_row_without_values() {
    // `行政许可\t约 356`: the cell holds text; it was reported as a row holding no values
    // (a blank), which the report does not say.
    let r = read("text-in-the-cell-after-a-tab.txt");
    assert_eq!(
        r.value("表二", "行政许可", "本年处理决定数量"),
        Some(&Value::Unreadable)
    );
    let text = r.with(Code::TextInCell);
    assert_eq!(text.len(), 1, "{:?}", r.codes());
    assert_eq!(&r.text[text[0].primary.range()], "约 356");
    assert!(r.with(Code::BlankCell).is_empty(), "{:?}", r.codes());
}
