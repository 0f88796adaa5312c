//! The real published reports in `../shared/corpus` against `EXPECTED.md` and `truth/*.json`.
//! Reports are read from there (or from the folder `GOUJI_CORPUS` names), never copied into the
//! repository. Without the corpus the test is skipped with one printed line, so that `cargo test`
//! passes in a fresh clone; `.ci/run` sets GOUJI_REQUIRE_CORPUS=1, so CI always runs it.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::diagnostic::{Code, Severity};
use gouji::report::{decode, ReadOptions, Value};
use gouji::source::Sources;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn default_corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Where the corpus is: `GOUJI_CORPUS` when set, else `../shared/corpus`. `Ok(None)` (skip, with
/// the line to print) when it is absent and not required; `Err` when it is required and absent.
fn locate_corpus(
    env_dir: Option<&str>,
    required: bool,
    default: PathBuf,
) -> Result<Result<PathBuf, String>, String> {
    let dir = env_dir
        .filter(|d| !d.is_empty())
        .map_or(default, PathBuf::from);
    if dir.join("EXPECTED.md").is_file() {
        return Ok(Ok(dir));
    }
    let why = format!(
        "the corpus of real reports is not at {} (set GOUJI_CORPUS to its folder)",
        dir.display()
    );
    if required {
        Err(format!("{why}; GOUJI_REQUIRE_CORPUS=1 requires it"))
    } else {
        Ok(Err(format!("corpus test skipped: {why}")))
    }
}

/// The corpus for a test, or `None` after printing the one line that says it is skipped
/// (GOUJI_REQUIRE_CORPUS=1 makes a missing corpus a failure instead).
fn corpus_or_skip() -> Option<PathBuf> {
    let required = std::env::var("GOUJI_REQUIRE_CORPUS").as_deref() == Ok("1");
    let env_dir = std::env::var("GOUJI_CORPUS").ok();
    match locate_corpus(env_dir.as_deref(), required, default_corpus_dir()) {
        Ok(Ok(dir)) => Some(dir),
        Ok(Err(skip)) => {
            // Once per run, past the test harness's capture, so that it shows in `cargo test`.
            static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
            if !SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "{skip}");
            }
            None
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_missing_corpus_skips_with_one_line_unless_required() {
    let absent = PathBuf::from("/nonexistent/gouji-corpus");
    let skip = locate_corpus(None, false, absent.clone())
        .unwrap()
        .unwrap_err();
    assert!(skip.starts_with("corpus test skipped: "), "{skip}");
    assert!(!skip.contains('\n'), "one line: {skip}");
    assert!(locate_corpus(None, true, absent.clone()).is_err());
    // GOUJI_CORPUS wins over the default place.
    let found = locate_corpus(Some(default_corpus_dir().to_str().unwrap()), false, absent);
    if default_corpus_dir().join("EXPECTED.md").is_file() {
        assert_eq!(found.unwrap().unwrap(), default_corpus_dir());
    }
}

/// Cells the truth gives from the report's narrative (a sentence stating the number), which the
/// table reader does not use: gouji must report them unreadable, never guess them.
const FROM_NARRATIVE: &[(&str, &str)] = &[
    ("001", "T2|行政规范性文件|本年制发件数"),
    ("003", "T2|行政规范性文件|本年制发件数"),
    ("003", "T2|行政规范性文件|本年废止件数"),
    ("003", "T2|行政规范性文件|现行有效件数"),
    ("221", "T2|行政规范性文件|本年制发件数"),
    ("221", "T2|行政规范性文件|本年废止件数"),
    ("221", "T2|行政规范性文件|现行有效件数"),
    ("255", "T2|行政规范性文件|本年制发件数"),
    ("255", "T2|行政规范性文件|本年废止件数"),
    ("255", "T2|行政规范性文件|现行有效件数"),
];

/// PDF-to-markdown conversions whose rows the converter displaced (values before their labels,
/// labels split across table fragments); the truth places them by reading the whole page. gouji
/// reads what it can be sure of. The number is a ratchet: it may only go down.
const DISPLACED_ROWS: &[(&str, usize)] = &[("202", 69), ("203", 13)];

/// The truth files of the corpus (`truth/*.json`), in name order.
fn truth_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut truths: Vec<PathBuf> = std::fs::read_dir(dir.join("truth"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    truths.sort();
    truths
}

fn truth_key(table: &str, row: &str, col: &str) -> String {
    let t = match table {
        "表二" => "T2",
        "表三" => "T3",
        "表四" => "T4",
        other => other,
    };
    let c = if col == "本年增减" {
        "本年增/减"
    } else {
        col
    };
    format!("{t}|{row}|{c}")
}

#[derive(Debug)]
struct Mistake {
    kind: String,
    what: String,
    line: usize,
}

fn warn_only(m: &Mistake) -> bool {
    m.what.starts_with("label:")
        || m.what.starts_with("heading wording (warn)")
        || m.kind == "text-vs-table"
}

#[test]
fn every_corpus_report_reads_and_checks_as_expected() {
    // The expectations read the English wording of findings (a cell named `row` × `column`); the
    // Chinese wording of the same findings is snapshot in tests/diagnostics.rs.
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let Some(dir) = corpus_or_skip() else {
        return;
    };
    let mut truths: Vec<PathBuf> = std::fs::read_dir(dir.join("truth"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    truths.sort();
    assert!(
        truths.len() >= 60,
        "expected the whole corpus, found {} truth files",
        truths.len()
    );

    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0;
    let (mut narrative_found, mut narrative_expected) = (0, 0);
    for tp in &truths {
        let name = tp
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(tp).unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}"));
        let bytes = std::fs::read(dir.join("reports").join(format!("{name}.txt")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = decode::decode(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .text;

        let mut sources = Sources::new();
        let compiled = gouji::rules::load(&mut sources, &[]);
        let file = sources.add(format!("{name}.txt"), text.clone());
        let checked_report =
            gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        checked += 1;
        let src = sources.get(file);
        let line_of = |off: usize| src.line_col_chars(off).0;

        // Cells.
        let mut got: BTreeMap<String, (Value, usize)> = BTreeMap::new();
        for t in &checked_report.document.tables {
            let table = &compiled.rule_sets[t.rule_set].tables[t.table];
            for c in &t.cells {
                got.insert(
                    truth_key(&table.id, &table.rows[c.row].id, &table.columns[c.col].id),
                    (c.value.clone(), line_of(c.span.start)),
                );
            }
        }
        let missing_rows: Vec<String> = checked_report
            .findings
            .iter()
            .filter(|d| d.code == Code::RowMissing)
            .map(|d| d.message.clone())
            .collect();
        let unreadable: Vec<String> = truth["unreadable"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let narrative: Vec<&str> = FROM_NARRATIVE
            .iter()
            .filter(|(f, _)| *f == name)
            .map(|(_, k)| *k)
            .collect();
        let mut not_read = 0;
        if let Some(cells) = truth["cells"].as_object() {
            for (k, v) in cells {
                let g = got.get(k);
                if unreadable.contains(k) || narrative.contains(&k.as_str()) {
                    match g {
                        Some((Value::Number(n), _)) => failures.push(format!(
                            "{name}: {k} is unreadable in the truth, but gouji read {n}"
                        )),
                        Some(_) => {}
                        None => {
                            let row = k.split('|').nth(1).unwrap_or_default();
                            if !missing_rows.iter().any(|m| m.contains(&format!("`{row}`"))) {
                                failures.push(format!("{name}: {k} should be reported unreadable, but gouji says nothing of it"));
                            }
                        }
                    }
                    continue;
                }
                match (v.as_f64(), g) {
                    (Some(want), Some((Value::Number(n), _))) if (want - n).abs() < 1e-6 => {}
                    (None, Some((Value::NoValue, _))) => {}
                    (_, Some((Value::Number(n), line))) => failures.push(format!(
                        "{name}: {k} read as {n} (line {line}), truth says {v}"
                    )),
                    (_, Some((Value::NoValue, _))) => {
                        failures.push(format!("{name}: {k} read as blank, truth says {v}"))
                    }
                    (_, Some((Value::Unreadable, _))) | (_, None) => not_read += 1,
                }
            }
        }
        let allowed = DISPLACED_ROWS
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if not_read > allowed {
            failures.push(format!(
                "{name}: {not_read} cells of the truth were not read (allowed: {allowed})"
            ));
        }

        // Findings.
        let mistakes: Vec<Mistake> = truth["mistakes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|m| Mistake {
                        kind: m["kind"].as_str().unwrap_or_default().to_string(),
                        what: m["what"].as_str().unwrap_or_default().to_string(),
                        line: m["line"].as_u64().unwrap_or(0) as usize,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let truncated = truth["truncated"].as_bool().unwrap_or(false);
        let errors: Vec<(usize, &str)> = checked_report
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (line_of(d.primary.start), d.message.as_str()))
            .collect();
        let warnings: Vec<usize> = checked_report
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| line_of(d.primary.start))
            .collect();
        for m in mistakes.iter().filter(|m| !warn_only(m)) {
            let hit = if m.kind == "blank" {
                // Blank cells are warnings (EXPECTED.md: a blank cell is not proof of a wrong
                // figure), a row with no value at all included.
                warnings.contains(&m.line)
            } else {
                errors.iter().any(|(l, _)| *l == m.line)
            };
            if !hit {
                failures.push(format!(
                    "{name}: expected an error at line {}: [{}] {}",
                    m.line, m.kind, m.what
                ));
            }
        }
        // Text against table: every such mistake is a warning at its sentence that names the
        // cell it contradicts; and the narrative rules find nothing else (clean reports get none).
        let narrative: Vec<(usize, &gouji::diagnostic::Diagnostic)> = checked_report
            .findings
            .iter()
            .filter(|d| matches!(d.code, Code::TextContradictsTable | Code::OtherYear))
            .map(|d| (line_of(d.primary.start), d))
            .collect();
        let tvt: Vec<&Mistake> = mistakes
            .iter()
            .filter(|m| m.kind == "text-vs-table")
            .collect();
        for m in &tvt {
            let hit = narrative.iter().any(|(l, d)| {
                *l == m.line
                    && d.code == Code::TextContradictsTable
                    && d.severity == Severity::Warning
                    && d.message.contains('×')
                    && !d.labels.is_empty()
            });
            if !hit {
                failures.push(format!(
                    "{name}: expected a text-vs-table warning at line {}: {}",
                    m.line, m.what
                ));
            }
        }
        for (l, d) in &narrative {
            if !tvt.iter().any(|m| m.line == *l) || d.code == Code::OtherYear {
                failures.push(format!(
                    "{name}: no narrative finding expected, got {} at line {l}: {}",
                    d.code, d.message
                ));
            }
        }
        narrative_found += narrative.len();
        narrative_expected += tvt.len();

        if mistakes.iter().all(warn_only) && !truncated {
            for (l, msg) in &errors {
                failures.push(format!("{name}: no error expected, got line {l}: {msg}"));
            }
        }
        if truncated
            && !checked_report
                .findings
                .iter()
                .any(|d| d.code == Code::Truncated)
        {
            failures.push(format!(
                "{name}: the report is cut off, but gouji does not say it ends early"
            ));
        }
        if !truncated
            && checked_report
                .findings
                .iter()
                .any(|d| d.code == Code::Truncated)
        {
            failures.push(format!(
                "{name}: gouji says the report ends early, but it is complete"
            ));
        }
        if let Some(y) = truth["year"].as_u64() {
            if let Some(got_year) = checked_report.document.year {
                if got_year as u64 != y {
                    failures.push(format!("{name}: year read as {got_year}, truth says {y}"));
                }
            }
        }
    }
    println!("{checked} corpus reports checked");
    println!(
        "text-vs-table: {narrative_expected} mistakes in the truth, {narrative_found} narrative findings"
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The reader's fidelity over the whole corpus, as stated in the README ("Reading reports"):
/// run `cargo test --test corpus fidelity -- --nocapture` to print the figures.
/// Cells read right (the truth's number, a blank where the truth has none, or unreadable where
/// the truth says it cannot be read), misread (a number or a blank the truth contradicts),
/// unread (reported unreadable, or not found, where the truth has a value), and errors at a
/// line where the truth records no mistake.
#[test]
fn fidelity_figures_over_the_corpus() {
    let Some(dir) = corpus_or_skip() else {
        return;
    };
    let truths = truth_files(&dir);
    let (mut right, mut misread, mut unread, mut false_errors, mut errors) = (0, 0, 0, 0, 0);
    let mut total = 0;
    for tp in &truths {
        let name = tp.file_stem().unwrap().to_str().unwrap().to_string();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(tp).unwrap()).unwrap();
        let bytes = std::fs::read(dir.join("reports").join(format!("{name}.txt"))).unwrap();
        let text = decode::decode(&bytes).unwrap().text;
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(&mut sources, &[]);
        let file = sources.add(format!("{name}.txt"), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        let src = sources.get(file);
        let mut got: BTreeMap<String, Value> = BTreeMap::new();
        for t in &checked.document.tables {
            let table = &compiled.rule_sets[t.rule_set].tables[t.table];
            for c in &t.cells {
                got.insert(
                    truth_key(&table.id, &table.rows[c.row].id, &table.columns[c.col].id),
                    c.value.clone(),
                );
            }
        }
        let unreadable: Vec<&str> = truth["unreadable"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let narrative: Vec<&str> = FROM_NARRATIVE
            .iter()
            .filter(|(f, _)| *f == name)
            .map(|(_, k)| *k)
            .collect();
        if let Some(cells) = truth["cells"].as_object() {
            for (k, v) in cells {
                total += 1;
                let g = got.get(k);
                if unreadable.contains(&k.as_str()) || narrative.contains(&k.as_str()) {
                    match g {
                        Some(Value::Number(_)) => misread += 1,
                        _ => right += 1,
                    }
                    continue;
                }
                match (v.as_f64(), g) {
                    (Some(want), Some(Value::Number(n))) if (want - n).abs() < 1e-6 => right += 1,
                    (None, Some(Value::NoValue)) => right += 1,
                    (_, Some(Value::Number(_))) | (_, Some(Value::NoValue)) => misread += 1,
                    (_, Some(Value::Unreadable)) | (_, None) => unread += 1,
                }
            }
        }
        let lines: Vec<u64> = truth["mistakes"]
            .as_array()
            .map(|a| a.iter().filter_map(|m| m["line"].as_u64()).collect())
            .unwrap_or_default();
        let truncated = truth["truncated"].as_bool().unwrap_or(false);
        for d in checked
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            errors += 1;
            let line = src.line_col_chars(d.primary.start).0 as u64;
            let expected = lines.contains(&line) || (truncated && d.code == Code::Truncated);
            if !expected {
                false_errors += 1;
            }
        }
    }
    println!(
        "fidelity over {} corpus reports, {total} cells of the truth:",
        truths.len()
    );
    println!("  read right: {right}");
    println!("  misread:    {misread}");
    println!("  unread:     {unread}");
    println!("  errors: {errors}, at a line where the truth records no mistake: {false_errors}");
    assert_eq!(right + misread + unread, total);
    assert_eq!(misread, 0, "a wrong number is worse than none");
}

/// The whole corpus as one batch, as a supervising office checks a folder: the same agency's
/// consecutive reports are paired, and the truth lists no mistake across years, so the checks
/// across years (R072) and roll-ups (none declared) find nothing.
#[test]
fn the_corpus_as_one_batch_has_no_finding_across_reports() {
    let Some(dir) = corpus_or_skip() else {
        return;
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("reports"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    paths.sort();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let mut docs = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
        let text = decode::decode(&bytes)
            .unwrap_or_else(|e| panic!("{e}"))
            .text;
        let name = p.display().to_string();
        let file = sources.add(name.clone(), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        docs.push((name, checked.document, text));
    }
    let reports: Vec<gouji::cross::Report> = docs
        .iter()
        .map(|(n, d, t)| gouji::cross::Report {
            name: n,
            doc: d,
            text: t,
        })
        .collect();
    let ws = gouji::cross::Workspace::default();
    let pairs = gouji::cross::year_pairs(&reports, &ws);
    println!("{} pairs of consecutive years", pairs.len());
    assert!(
        pairs.len() >= 3,
        "the corpus holds at least 3 agencies' consecutive years, paired: {pairs:?}"
    );
    let found = gouji::cross::check(&compiled, &reports, &ws);
    assert!(
        found.is_empty(),
        "no finding across reports expected, got: {:?}",
        found.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

/// One way a table row can be laid out as text: the row's label and its cells as written
/// (empty for a blank cell) → the row's text.
type RowLayout = fn(&str, &[String]) -> String;

/// The layouts every corpus report's rows are re-laid in: the reports of other agencies come
/// laid out in all of them (copied from a page, a Word table, a PDF, typed by hand).
const LAYOUTS: &[(&str, RowLayout)] = &[
    ("tabs", |l, c| format!("{l}\t{}", c.join("\t"))),
    // Rows left where they stood: a page that gave its whole table as one line gives its rows
    // one after another on it.
    ("tabs, rows run on", |l, c| {
        format!("{INLINE}{l}\t{}", c.join("\t"))
    }),
    ("bars", |l, c| format!("| {l} | {} |", c.join(" | "))),
    ("a cell per line", |l, c| format!("{l}\n{}", c.join("\n"))),
    ("label on its own line", |l, c| {
        format!("{l}\n{}", c.join("\t"))
    }),
    ("spaces", |l, c| format!("{l}   {}", c.join("   "))),
    ("wrapped label", |l, c| {
        let chars: Vec<char> = l.chars().collect();
        if chars.len() < 8 {
            return format!("{l}\t{}", c.join("\t"));
        }
        let (a, b) = chars.split_at(chars.len() / 2);
        let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
        format!("{a}\n{b}\t{}", c.join("\t"))
    }),
    ("full-width digits", |l, c| {
        let wide: Vec<String> = c
            .iter()
            .map(|s| {
                s.chars()
                    .map(|ch| match ch {
                        '0'..='9' => char::from_u32(ch as u32 - '0' as u32 + 0xFF10).unwrap(),
                        ch => ch,
                    })
                    .collect()
            })
            .collect();
        format!("{l}\t{}", wide.join("\t"))
    }),
    ("thousands separators", |l, c| {
        let grouped: Vec<String> = c
            .iter()
            .map(|s| {
                if s.len() <= 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
                    return s.clone();
                }
                let mut out = String::new();
                for (i, ch) in s.chars().enumerate() {
                    if i > 0 && (s.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(ch);
                }
                out
            })
            .collect();
        format!("{l}\t{}", grouped.join("\t"))
    }),
];

/// Marks a row laid out where it stood, not on a line of its own.
const INLINE: &str = "\u{0}";

/// The report's text with every table row gouji read whole (its label, then only its cells and
/// separators) laid out again by `layout`; the rest of the text as it was.
fn relaid(text: &str, doc: &gouji::report::Document, layout: RowLayout) -> String {
    let mut regions: Vec<(usize, usize, String)> = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            let mut cells: Vec<&gouji::report::Cell> =
                t.cells.iter().filter(|c| c.row == r.row).collect();
            cells.sort_by_key(|c| c.col);
            let (start, label_end) = (r.label.start, r.label.end);
            if cells.is_empty() || cells.iter().any(|c| c.span.start < label_end) {
                continue;
            }
            // Cells in their columns' order, and nothing but them and separators after the label.
            if cells.windows(2).any(|w| w[0].span.start > w[1].span.start) {
                continue;
            }
            // Cells of their own (not digits run together in one place).
            if cells.windows(2).any(|w| w[0].span.end > w[1].span.start) {
                continue;
            }
            let end = cells.iter().map(|c| c.span.end).max().unwrap_or(label_end);
            let mut between = String::new();
            let mut at = label_end;
            for c in &cells {
                between.push_str(&text[at..c.span.start]);
                at = c.span.end;
            }
            if !between
                .chars()
                .all(|ch| ch.is_whitespace() || matches!(ch, '|' | '｜'))
            {
                continue;
            }
            let label: String = text[start..label_end].split_whitespace().collect();
            let raws: Vec<String> = cells.iter().map(|c| c.raw.trim().to_string()).collect();
            regions.push((start, end, layout(&label, &raws)));
        }
    }
    regions.sort_by_key(|r| r.0);
    let mut out = String::new();
    let mut at = 0;
    for (start, end, row) in regions {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        at = end;
        if let Some(row) = row.strip_prefix(INLINE) {
            out.push_str(row);
            continue;
        }
        // Each row a line of its own (many pages gave their whole table as one line).
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&row);
        if !text[end..].starts_with(['\n', '\r']) {
            out.push('\n');
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The cells of the truth read right in each layout: a ratchet, the figures may only go up. CRLF
/// and GB18030 change no character and must read exactly as the report itself; a layout that
/// keeps every cell (tabs, bars) loses a few where a label read in the report's own layout is no
/// longer found; spaces lose blank cells; rows run on glue a last cell to the next label's
/// number (`0` `3.补正…` → `03.`), which is unreadable.
const RELAID_RIGHT: &[(&str, usize)] = &[
    ("tabs", 8735),
    ("tabs, rows run on", 7774),
    ("bars", 8742),
    ("a cell per line", 8726),
    ("label on its own line", 8672),
    ("spaces", 8488),
    ("wrapped label", 8735),
    ("full-width digits", 8735),
    ("thousands separators", 8735),
    ("CRLF", 8742),
    ("GB18030", 8742),
];

/// Every corpus report's rows re-laid in other layouts (tabs, bars, a cell per line, spaces,
/// wrapped labels, full-width digits, thousands separators), and the whole text as CRLF and as
/// GB18030: no cell of the truth is ever misread in any of them. A layout that loses blank
/// cells (spaces) may leave cells unread; it must never move a number into another cell.
/// `GOUJI_RELAID_DUMP=DIR` writes every re-laid report into DIR, to look at.
#[test]
fn corpus_reports_laid_out_in_other_ways_are_never_misread() {
    let Some(dir) = corpus_or_skip() else {
        return;
    };
    let truths = truth_files(&dir);
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let read = |sources: &mut Sources, name: &str, bytes: &[u8]| {
        let text = decode::decode(bytes).unwrap().text;
        let file = sources.add(name.to_string(), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        (text, checked.document)
    };
    // (layout, right, misread, unread)
    let mut figures: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut misreads: Vec<String> = Vec::new();
    let names: Vec<String> = LAYOUTS
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(["CRLF".to_string(), "GB18030".to_string()])
        .collect();
    for n in &names {
        figures.push((n.clone(), 0, 0, 0));
    }
    for tp in &truths {
        let name = tp.file_stem().unwrap().to_str().unwrap().to_string();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(tp).unwrap()).unwrap();
        let bytes = std::fs::read(dir.join("reports").join(format!("{name}.txt"))).unwrap();
        let (text, doc) = read(&mut sources, &name, &bytes);
        let unreadable: Vec<&str> = truth["unreadable"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        for (i, n) in names.iter().enumerate() {
            let other: Vec<u8> = match n.as_str() {
                "CRLF" => text
                    .replace("\r\n", "\n")
                    .replace('\n', "\r\n")
                    .into_bytes(),
                "GB18030" => {
                    let (b, _, unmappable) = encoding_rs::GB18030.encode(&text);
                    assert!(!unmappable, "{name}: GB18030 cannot hold it");
                    b.into_owned()
                }
                _ => relaid(&text, &doc, LAYOUTS[i].1).into_bytes(),
            };
            if let Ok(d) = std::env::var("GOUJI_RELAID_DUMP") {
                let n = n.replace([' ', ','], "_");
                std::fs::write(format!("{d}/{name}-{n}.txt"), &other).unwrap();
            }
            let (_, again) = read(&mut sources, &format!("{name}-{n}.txt"), &other);
            let mut got: BTreeMap<String, Value> = BTreeMap::new();
            for t in &again.tables {
                let table = &compiled.rule_sets[t.rule_set].tables[t.table];
                for c in &t.cells {
                    got.insert(
                        truth_key(&table.id, &table.rows[c.row].id, &table.columns[c.col].id),
                        c.value.clone(),
                    );
                }
            }
            let Some(cells) = truth["cells"].as_object() else {
                continue;
            };
            for (k, v) in cells {
                let g = got.get(k);
                let f = &mut figures[i];
                let no_number = unreadable.contains(&k.as_str())
                    || FROM_NARRATIVE.iter().any(|(f, c)| *f == name && c == k);
                let wrong = if no_number {
                    // The truth has no number in the table here: any number read is wrong.
                    matches!(g, Some(Value::Number(_)))
                } else {
                    match (v.as_f64(), g) {
                        (Some(want), Some(Value::Number(x))) => (want - x).abs() > 1e-6,
                        (None, Some(Value::NoValue)) => false,
                        (_, Some(Value::Number(_))) | (_, Some(Value::NoValue)) => true,
                        _ => {
                            f.3 += 1;
                            continue;
                        }
                    }
                };
                if wrong {
                    f.2 += 1;
                    misreads.push(format!("{name} laid out as {n}: {k} is {v}, read {g:?}"));
                } else {
                    f.1 += 1;
                }
            }
        }
    }
    println!("corpus reports re-laid (cells of the truth: read right / misread / unread):");
    for (n, right, wrong, unread) in &figures {
        println!("  {n:<24} {right:>6} {wrong:>4} {unread:>5}");
    }
    assert!(
        misreads.is_empty(),
        "a wrong number is worse than none:\n{}",
        misreads.join("\n")
    );
    for (n, right, _, _) in &figures {
        let (_, floor) = RELAID_RIGHT.iter().find(|(l, _)| l == n).unwrap();
        assert!(
            right >= floor,
            "laid out as {n}: {right} cells read right, fewer than the {floor} before"
        );
    }
}
