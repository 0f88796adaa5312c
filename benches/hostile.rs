//! Time against the size of hostile input (issue "trustworthy at the edges"): each input at two
//! sizes, four times apart, so the README can show that the time grows linearly (×4), not
//! quadratically (×16). Run: `cargo bench --bench hostile`. Figures in README.md ("Hostile input").

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly"
)]

use gouji::report::ReadOptions;
use gouji::source::Sources;

fn main() {
    divan::main();
}

const EXAMPLE: &str = include_str!("../examples/report-2023-broken.txt");

/// Read and check a report against the bundled rules (compiled before the timing).
fn check(bencher: divan::Bencher, text: String) {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("hostile.txt", text.clone());
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            gouji::check_report(
                &compiled,
                f,
                divan::black_box(&text),
                &ReadOptions { year: None },
            )
            .findings
            .len()
        });
}

/// The example report run into one line (a crawler page saved without line breaks) and grown to
/// `mb` megabytes with prose in the same line.
#[divan::bench(args = [5, 20], sample_count = 5)]
fn one_line_of_mb(bencher: divan::Bencher, mb: usize) {
    let filler = "本局持续推进政务公开标准化规范化建设，编号第12345号文件已按要求公开。";
    let mut text = EXAMPLE.replace("\r\n", " ").replace('\n', " ");
    while text.len() < mb * 1_000_000 {
        text.push_str(filler);
    }
    check(bencher, text);
}

/// The example report followed by `lines` lines of table separators only.
#[divan::bench(args = [25_000, 100_000], sample_count = 5)]
fn lines_of_bars(bencher: divan::Bencher, lines: usize) {
    let mut text = EXAMPLE.to_string();
    text.push_str(&"| | | | | | | |\n".repeat(lines));
    check(bencher, text);
}

/// A rule file whose one check adds `terms` cells, compiled (with the bundled rules).
#[divan::bench(args = [2_500, 10_000], sample_count = 5)]
fn a_check_of_terms(bencher: divan::Bencher, terms: usize) {
    let mut s = String::from(
        "regulation 示范年报 version 1 {\n  report_years 2021..\n  section 总体情况 \"一、总体情况\" {\n    table 表 \"表\" {\n      column 数 \"数\"\n      row 合计 \"合计\"\n",
    );
    for i in 0..terms {
        s.push_str(&format!("      row r{i} \"行{i}\"\n"));
    }
    let sum: Vec<String> = (0..terms).map(|i| format!("r{i}")).collect();
    s.push_str(&format!(
        "      check 和 each column: 合计 = {}\n",
        sum.join(" + ")
    ));
    s.push_str("    }\n  }\n}\n");
    bencher
        .counter(divan::counter::BytesCount::new(s.len()))
        .bench(|| {
            let mut sources = Sources::new();
            let compiled = gouji::rules::load(&mut sources, &[("terms.gouji".into(), s.clone())]);
            assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics.first());
            compiled.rule_sets.len()
        });
}
