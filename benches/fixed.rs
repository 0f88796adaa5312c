//! PDF and OFD throughput against text: the same invented report (examples/report-2023-broken.txt)
//! as text, as the PDF LibreOffice made of it and as the OFD scripts/make-ofd.py laid out, each
//! read and checked end to end. Figures are recorded in README.md ("Speed").
//! Run: `cargo bench --bench fixed`.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly"
)]

use gouji::fixed::{self, PdfTool};
use gouji::report::ReadOptions;
use gouji::source::Sources;

fn main() {
    divan::main();
}

const TEXT: &str = include_str!("../examples/report-2023-broken.txt");
const PDF: &[u8] = include_bytes!("../tests/fixtures/containers/report-2023-broken.pdf");
const OFD: &[u8] = include_bytes!("../tests/fixtures/containers/report-2023-broken.ofd");

fn check(text: &str) -> usize {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("bench", text.to_string());
    gouji::check_report(&compiled, f, text, &ReadOptions { year: None })
        .findings
        .len()
}

#[divan::bench]
fn text_check() -> usize {
    check(divan::black_box(TEXT))
}

#[divan::bench]
fn pdf_read() -> usize {
    fixed::read(divan::black_box(PDF), PdfTool::Builtin)
        .unwrap()
        .blocks
        .len()
}

#[divan::bench]
fn pdf_read_and_check() -> usize {
    let laid = fixed::read(divan::black_box(PDF), PdfTool::Builtin).unwrap();
    check(&laid.to_text().text)
}

#[divan::bench]
fn ofd_read() -> usize {
    fixed::read(divan::black_box(OFD), PdfTool::Builtin)
        .unwrap()
        .blocks
        .len()
}

#[divan::bench]
fn ofd_read_and_check() -> usize {
    let laid = fixed::read(divan::black_box(OFD), PdfTool::Builtin).unwrap();
    check(&laid.to_text().text)
}
