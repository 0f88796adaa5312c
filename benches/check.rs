//! Check throughput: the starting report (from ../shared/corpus when present, else the bundled
//! example) and a large synthetic report. Figures are recorded in README.md ("Speed").
//! Run: `cargo bench --bench check`.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::report::ReadOptions;
use gouji::source::Sources;

/// The allocator of the `gouji` binary (src/main.rs), so a report costs here what it costs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // `GOUJI_PROFILE_REPEAT=N`: check the starting report N times (rules compiled once) and
    // exit, for counting instructions per report under `valgrind --tool=callgrind`, which is
    // repeatable on a loaded machine where timings are not.
    if let Some(n) = std::env::var("GOUJI_PROFILE_REPEAT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let text = seed_text();
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(&mut sources, &[]);
        let f = sources.add("seed.txt", text.clone());
        let found: usize = (0..n)
            .map(|_| {
                gouji::check_report(&compiled, f, &text, &ReadOptions { year: None })
                    .findings
                    .len()
            })
            .sum();
        println!("{found} findings in {n} checks");
        return;
    }
    divan::main();
}

fn seed_text() -> String {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/seed-2023-weibin.txt"
    );
    std::fs::read_to_string(seed)
        .unwrap_or_else(|_| include_str!("../examples/report-2023.txt").to_string())
}

/// The example report with its narrative sections grown to about 4 MB of prose, the size of a
/// consolidated report with long appendices: the tables stay, the reader must get past the rest.
fn large_text() -> String {
    let base = include_str!("../examples/report-2023-broken.txt");
    let filler = "本局持续推进政务公开标准化规范化建设，围绕重点领域信息公开、政策解读和回应关切开展工作，编号第12345号文件已按要求公开。\n";
    let mut out = String::with_capacity(4_300_000);
    for line in base.lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("（五）监督保障") || line.starts_with("（二）改进情况") {
            while out.len() < 2_000_000 * if line.starts_with("（五）") { 1 } else { 2 } {
                out.push_str(filler);
            }
        }
    }
    out
}

fn check_once(text: &str) -> usize {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("bench.txt", text.to_string());
    gouji::check_report(&compiled, f, text, &ReadOptions { year: None })
        .findings
        .len()
}

#[divan::bench]
fn compile_bundled_rules() -> usize {
    let mut sources = Sources::new();
    gouji::rules::load(&mut sources, &[]).rule_sets.len()
}

#[divan::bench]
fn seed_report(bencher: divan::Bencher) {
    let text = seed_text();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| check_once(divan::black_box(&text)));
}

#[divan::bench]
fn seed_report_rules_compiled_once(bencher: divan::Bencher) {
    let text = seed_text();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("seed.txt", text.clone());
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

#[divan::bench(sample_count = 10)]
fn large_synthetic_report(bencher: divan::Bencher) {
    let text = large_text();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| check_once(divan::black_box(&text)));
}

/// The example report with the first row of 表三 replaced by one run of `digits` ones, as a
/// crawler may leave it: the reader must give up on the run at once, in time and memory linear
/// in its length.
fn long_run_text(digits: usize) -> String {
    let base = include_str!("../examples/report-2023-broken.txt");
    let mut out = String::with_capacity(base.len() + digits);
    let mut done = false;
    for line in base.lines() {
        if !done && line.starts_with("一、本年新收政府信息公开申请数量") {
            out.push_str("一、本年新收政府信息公开申请数量 ");
            out.push_str(&"1".repeat(digits));
            done = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[divan::bench(args = [45, 60, 10_000, 100_000])]
fn long_digit_run(bencher: divan::Bencher, digits: usize) {
    let text = long_run_text(digits);
    bencher.bench(|| check_once(divan::black_box(&text)));
}

/// The `fact`s of the bundled rules alone (figures in the prose) over the 4 MB report, whose
/// long prose is where they search.
#[divan::bench(sample_count = 10)]
fn narrative_facts_large_report(bencher: divan::Bencher) {
    let text = large_text();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("bench.txt", text.clone());
    let doc = gouji::report::read(&compiled, f, &text, &ReadOptions { year: None });
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| gouji::check::narrative::check(&compiled, &doc, divan::black_box(&text)).len());
}

/// Every report of the corpus (../shared/corpus/reports), rules compiled once: the mix a
/// supervising office sees (PDF and web-page text, run-together digits, broken tables).
#[divan::bench(sample_count = 20)]
fn corpus_reports_rules_compiled_once(bencher: divan::Bencher) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/reports");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let reports: Vec<(gouji::source::FileId, String)> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| gouji::report::decode::decode(&b).ok())
        .map(|d| (sources.add("r.txt", d.text.clone()), d.text))
        .collect();
    let bytes: usize = reports.iter().map(|r| r.1.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            reports
                .iter()
                .map(|(f, t)| {
                    gouji::check_report(&compiled, *f, t, &ReadOptions { year: None })
                        .findings
                        .len()
                })
                .sum::<usize>()
        });
}
/// One report in each container (the example made by `scripts/make-containers.sh`): open
/// (detect, decode, lay out) and check, rules compiled once.
fn container_bench(bencher: divan::Bencher, file: &str) {
    let path = format!(
        "{}/tests/fixtures/containers/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add(file, String::new());
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let opened = gouji::document::open(divan::black_box(&bytes), file).unwrap();
            gouji::document::check(&compiled, f, &opened, &ReadOptions { year: None })
                .findings
                .len()
        });
}

#[divan::bench]
fn container_text(bencher: divan::Bencher) {
    let path = format!("{}/examples/report-2023.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let f = sources.add("report-2023.txt", String::new());
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let opened =
                gouji::document::open(divan::black_box(&bytes), "report-2023.txt").unwrap();
            gouji::document::check(&compiled, f, &opened, &ReadOptions { year: None })
                .findings
                .len()
        });
}

#[divan::bench]
fn container_html(bencher: divan::Bencher) {
    container_bench(bencher, "report-2023.html");
}

#[divan::bench]
fn container_mhtml(bencher: divan::Bencher) {
    container_bench(bencher, "report-2023.mhtml");
}

#[divan::bench]
fn container_docx(bencher: divan::Bencher) {
    container_bench(bencher, "report-2023.docx");
}

#[divan::bench]
fn container_pdf(bencher: divan::Bencher) {
    container_bench(bencher, "report-2023.pdf");
}

#[divan::bench]
fn container_ofd(bencher: divan::Bencher) {
    container_bench(bencher, "report-2023.ofd");
}
