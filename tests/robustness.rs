//! No input makes gouji panic: rule files and reports cut, scrambled and filled with junk at
//! random (a fixed seed, so a failure can be replayed).

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::report::ReadOptions;
use gouji::source::Sources;

/// A small deterministic generator (xorshift); no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "\"",
    "「",
    "」",
    "\"\"\"",
    "(",
    ")",
    ":",
    ",",
    "..",
    "=",
    "+",
    "-",
    "|",
    "\t",
    "\n",
    "\r\n",
    "０",
    "O",
    "l",
    "—",
    "/",
    "１２３",
    "（七）总计",
    "一、",
    "sum(",
    "each row",
    "check",
    "row",
    "𐐀",
    "\u{feff}",
    "\u{0}",
];

/// Cut, delete, duplicate and insert at random, always on character boundaries.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(8) {
        if chars.is_empty() {
            break;
        }
        let at = rng.below(chars.len());
        match rng.below(5) {
            0 => chars.truncate(at),
            1 => {
                let len = rng.below(40).min(chars.len() - at);
                chars.drain(at..at + len);
            }
            2 => {
                let len = rng.below(60).min(chars.len() - at);
                let copy: Vec<char> = chars[at..at + len].to_vec();
                let to = rng.below(chars.len());
                chars.splice(to..to, copy);
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())];
                chars.splice(at..at, piece.chars());
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_rule_files_give_diagnostics_never_a_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for (i, (_, text)) in gouji::rules::BUNDLED.iter().cycle().take(300).enumerate() {
        let mangled = mutate(text, &mut rng);
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(
            &mut sources,
            &[(format!("mangled-{i}.gouji"), mangled.clone())],
        );
        for d in &compiled.diagnostics {
            let f = sources.get(d.primary.file);
            assert!(
                d.primary.start <= d.primary.end && d.primary.end <= f.text.len(),
                "span out of the file in case {i}"
            );
            assert!(
                f.text.is_char_boundary(d.primary.start) && f.text.is_char_boundary(d.primary.end),
                "span not on a character boundary in case {i}"
            );
        }
        let _ = gouji::diagnostic::render::to_string(&sources, &compiled.diagnostics);
        let _ = gouji::fmt::format(gouji::source::FileId(0), &mangled);
        // Whatever still compiles must check a report without panicking.
        if !compiled.has_errors() && !compiled.rule_sets.is_empty() {
            let report = include_str!("../examples/report-2023-broken.txt");
            let f = sources.add(format!("report-{i}.txt"), report);
            let checked = gouji::check_report(
                &compiled,
                f,
                report,
                &ReadOptions {
                    year: Some(compiled.rule_sets[0].from_year),
                },
            );
            let _ = gouji::diagnostic::render::to_string(&sources, &checked.findings);
        }
    }
}

#[test]
fn mangled_reports_are_checked_never_a_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut examples: Vec<String> = vec![
        include_str!("../examples/report-2023.txt").into(),
        include_str!("../examples/report-2023-broken.txt").into(),
    ];
    // Real layouts too, when the corpus is beside the checkout: crawler text, PDF text, `|` rows.
    for name in ["001", "006", "012", "034", "202"] {
        let p = format!(
            "{}/../shared/corpus/reports/{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        if let Ok(t) = std::fs::read_to_string(p) {
            examples.push(t);
        }
    }
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    for i in 0..600 {
        let mangled = mutate(&examples[i % examples.len()], &mut rng);
        let f = sources.add(format!("mangled-{i}.txt"), mangled.clone());
        let checked = gouji::check_report(&compiled, f, &mangled, &ReadOptions { year: None });
        for d in &checked.findings {
            let file = sources.get(d.primary.file);
            assert!(
                d.primary.end <= file.text.len()
                    && file.text.is_char_boundary(d.primary.start)
                    && file.text.is_char_boundary(d.primary.end),
                "bad span in case {i}: {d:?}"
            );
        }
        let _ = gouji::diagnostic::render::to_string(&sources, &checked.findings);
    }
}

#[test]
fn random_bytes_are_refused_or_read_never_a_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    for i in 0..200 {
        let len = rng.below(3000);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        if let Ok(d) = gouji::report::decode::decode(&bytes) {
            let f = sources.add(format!("random-{i}.txt"), d.text.clone());
            let _ = gouji::check_report(&compiled, f, &d.text, &ReadOptions { year: None });
        }
    }
}

#[test]
fn degenerate_rule_files_are_reported_or_used_never_a_panic() {
    let cases = [
        // A table with columns but no rows, inline or not.
        "regulation 甲 version 1 {\n  report_years 2023..\n  section 一 \"一、总体情况\" {\n    table 表 {\n      columns 甲, 乙\n    }\n  }\n}\n",
        "regulation 甲 version 1 {\n  report_years 2023..\n  section 一 \"一、总体情况\" {\n    table 表 inline {\n      columns 甲, 乙\n    }\n  }\n}\n",
        // Rows but no columns.
        "regulation 甲 version 1 {\n  report_years 2023..\n  section 一 \"一、总体情况\" {\n    table 表 {\n      row 行\n    }\n  }\n}\n",
        // No sections at all.
        "regulation 甲 version 1 {\n  report_years 2023..\n}\n",
        // An empty group summed.
        "regulation 甲 version 1 {\n  report_years 2023..\n  section 一 \"一、总体情况\" {\n    table 表 {\n      columns 甲\n      group 空 \"空\" {\n      }\n      row 行\n      check each column: 行 = sum(空)\n    }\n  }\n}\n",
        // Labels that are empty or only punctuation.
        "regulation 甲 version 1 {\n  report_years 2023..\n  section 一 \"\" {\n    table 表 \"、\" {\n      column 甲 \"（）\"\n      row 行 \"\"\n    }\n  }\n}\n",
    ];
    let report = include_str!("../examples/report-2023-broken.txt");
    for (i, rules) in cases.iter().enumerate() {
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(
            &mut sources,
            &[(format!("case-{i}.gouji"), rules.to_string())],
        );
        let _ = gouji::diagnostic::render::to_string(&sources, &compiled.diagnostics);
        if !compiled.has_errors() && !compiled.rule_sets.is_empty() {
            let f = sources.add(format!("report-{i}.txt"), report);
            let checked = gouji::check_report(&compiled, f, report, &ReadOptions { year: None });
            let _ = gouji::diagnostic::render::to_string(&sources, &checked.findings);
        }
    }
}
