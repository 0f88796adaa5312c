//! Every container of a report reads the same as its text: the same cells (table, row, column,
//! value, text) and the same findings, cell by cell. The web pages and Word files under
//! `tests/fixtures/containers/` were made from `examples/*.txt` by `scripts/make-containers.sh`
//! (LibreOffice); corpus reports are converted at test time when LibreOffice is installed.
//! And every container that cannot be read gets its own code, exit code 2, and the rest of the
//! batch still runs.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::report::{ReadOptions, Value};
use gouji::source::Sources;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(Debug, PartialEq)]
struct Read {
    cells: Vec<(usize, usize, usize, String, String)>,
    findings: Vec<(String, String, String)>,
}

/// What gouji reads and finds in one file: cells, and findings with the text at their place.
fn read(path: &Path) -> Read {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let opened = gouji::document::open(&bytes, name).unwrap();
    let file = sources.add(name, opened.source.clone());
    let checked = gouji::document::check(&compiled, file, &opened, &ReadOptions::default());
    let src = &sources.get(file).text;
    let mut cells: Vec<_> = checked
        .document
        .tables
        .iter()
        .flat_map(|t| {
            t.cells.iter().map(move |c| {
                // The cell's span shows its text in the file it was read from.
                let at = if matches!(opened.kind, gouji::document::Kind::Docx) {
                    c.raw.to_string()
                } else {
                    src[c.span.range()].trim().to_string()
                };
                assert!(
                    at.contains(c.raw.trim()) || c.raw.is_empty(),
                    "{name}: cell {}:{} spans `{at}`, not `{}`",
                    c.row,
                    c.col,
                    c.raw
                );
                let v = match c.value {
                    Value::Number(n) => format!("{n}"),
                    Value::NoValue => "-".into(),
                    Value::Unreadable => "?".into(),
                };
                (t.table, c.row, c.col, v, c.raw.to_string())
            })
        })
        .collect();
    cells.sort_by_key(|c| (c.0, c.1, c.2));
    let mut findings: Vec<_> = checked
        .findings
        .iter()
        .filter(|d| d.primary.file == file)
        .map(|d| {
            (
                d.code.as_str().to_string(),
                // A label the text wraps over lines is quoted with its line breaks; in a table
                // cell the same breaks are blanks (a row is one line): the same words either way.
                d.message.split_whitespace().collect::<Vec<_>>().join(" "),
                words(&src[d.primary.range()]),
            )
        })
        .collect();
    findings.sort();
    Read { cells, findings }
}

/// The words of a piece of a file: markup (a label that runs over paragraphs of a page) and
/// blanks left out.
fn words(s: &str) -> String {
    // Markup written into an attribute (`<iframe srcdoc>`) is markup too.
    let s = s
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

fn same_as_text(text: &Path, other: &Path) {
    if read(text).cells.is_empty() {
        panic!("{} has no cells", text.display());
    }
    if let Err(e) = differences(text, other) {
        panic!("{e}");
    }
}

/// `Err` naming the first cell or the findings that differ between a text and a container
/// made from it.
fn differences(text: &Path, other: &Path) -> Result<(), String> {
    let a = read(text);
    let b = read(other);
    if let Some((x, y)) = a.cells.iter().zip(b.cells.iter()).find(|(x, y)| x != y) {
        return Err(format!(
            "{} differs from {}: {x:?} / {y:?}",
            other.display(),
            text.display()
        ));
    }
    if a.cells.len() != b.cells.len() {
        return Err(format!(
            "{}: {} cells, the text {}",
            other.display(),
            b.cells.len(),
            a.cells.len()
        ));
    }
    if a.findings != b.findings {
        let only_a: Vec<_> = a
            .findings
            .iter()
            .filter(|f| !b.findings.contains(f))
            .collect();
        let only_b: Vec<_> = b
            .findings
            .iter()
            .filter(|f| !a.findings.contains(f))
            .collect();
        return Err(format!(
            "{}: findings only in the text {only_a:?}; only in the container {only_b:?}",
            other.display()
        ));
    }
    Ok(())
}

#[test]
fn web_page_and_word_file_of_the_example_read_like_its_text() {
    for name in ["report-2023", "report-2023-broken"] {
        let text = root().join("examples").join(format!("{name}.txt"));
        // The broken example's web page and Word file are in examples/ (the README shows them).
        let dir = if name == "report-2023-broken" {
            "examples"
        } else {
            "tests/fixtures/containers"
        };
        for ext in ["html", "docx"] {
            let f = root().join(dir).join(format!("{name}.{ext}"));
            same_as_text(&text, &f);
        }
    }
}

#[test]
fn the_broken_example_has_findings_in_every_container() {
    let r = read(&root().join("examples/report-2023-broken.html"));
    let codes: Vec<&str> = r.findings.iter().map(|f| f.0.as_str()).collect();
    assert!(
        codes.contains(&"R040") && codes.contains(&"R031"),
        "{codes:?}"
    );
}

/// Table 二 under the 2019 header words with every row's digits run together (`行政许可3564812`):
/// the text reads it with the 2019 columns. The page made from it has the header words in a
/// paragraph and each run in one cell over the row's columns, which says no more than the text:
/// such a cell is one number or several run together, so it does not vote for the format with
/// one cell, and the page and Word file read the 2019 columns too (rows missing, runs
/// unreadable), never one made-up 2021 number per row.
#[test]
fn runs_in_wide_cells_under_another_formats_header_words_read_like_the_text() {
    let dir = root().join("tests/fixtures/containers");
    let text = dir.join("report-2023-mixed-header.txt");
    let r = read(&text);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.0.as_str()).collect();
    assert!(
        codes.contains(&"R004") && codes.contains(&"R021"),
        "{codes:?}"
    );
    assert!(
        r.cells.iter().any(|c| c.3 == "?" && c.4 == "3564812"),
        "{:?}",
        r.cells
    );
    for ext in ["html", "docx"] {
        same_as_text(&text, &dir.join(format!("report-2023-mixed-header.{ext}")));
    }
}

/// Table 四's fifteen numbers as one run of digits after `行政复议` (the three row groups share
/// that one label): `extract --text --format json` gives them as one row, the label once and the
/// run one cell over the fifteen columns, as the report has them; so the page made from it reads
/// the same cells and findings as the text, the split run's note (R036) at the run itself, not
/// over group labels a page would put between three pieces.
#[test]
fn one_run_over_table_fours_row_groups_is_one_row_of_the_page() {
    let dir = root().join("tests/fixtures/containers");
    let text = dir.join("report-2023-table4-run.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["extract", "--text", "--format", "json"])
        .arg(&text)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<&serde_json::Value> = v["files"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["cells"][0]["text"] == "行政复议")
        .collect();
    assert_eq!(
        rows.iter().map(|r| r["cells"].clone()).collect::<Vec<_>>(),
        [serde_json::json!([
            {"text": "行政复议", "columns": 1},
            {"text": "12001130001100000", "columns": 15}
        ])]
    );
    let r = read(&text);
    assert!(
        r.findings
            .iter()
            .any(|f| f.0 == "R036" && f.2 == "12001130001100000"),
        "{:?}",
        r.findings
    );
    for ext in ["html", "docx"] {
        same_as_text(&text, &dir.join(format!("report-2023-table4-run.{ext}")));
    }
}

/// `gouji check --format json FILE`, in English.
fn check_json(path: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_web_page_finding_points_at_the_page_line_and_column() {
    let v = check_json(&root().join("examples/report-2023-broken.html"));
    let d = &v["files"][0]["diagnostics"];
    let r031 = d
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "R031")
        .unwrap();
    // The page's own line holding `<td>O</td>`.
    let page = std::fs::read(root().join("examples/report-2023-broken.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    let (line, text) = page
        .lines()
        .enumerate()
        .find(|(_, l)| l.ends_with(">O</td>"))
        .unwrap();
    assert_eq!(r031["line"].as_u64(), Some(line as u64 + 1));
    let column = text.chars().count() - "O</td>".len() + 1;
    assert_eq!(r031["column"].as_u64(), Some(column as u64));
}

#[test]
fn a_table_published_as_a_picture_is_pointed_at_where_the_table_is_missing() {
    // The example page with section 二's table replaced by a picture of it, as many agencies
    // publish it: the table cannot be found (R020), and the finding points at the picture and
    // says it is likely the table, a limit of the reader rather than a table missing.
    let page = std::fs::read(root().join("tests/fixtures/containers/report-2023.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    let (start, next) = (
        page.find("<table").unwrap(),
        page.find("三、收到和处理").unwrap(),
    );
    let end = page[..next].rfind("</table>").unwrap() + "</table>".len();
    let img = r#"<img src="/uploads/2024/01/biao2.png?v=3" width="600">"#;
    let pictured = format!("{}{img}{}", &page[..start], &page[end..]);
    let dir = std::env::temp_dir().join(format!("gouji-picture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("年度报告.html");
    std::fs::write(&path, &pictured).unwrap();
    let v = check_json(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    let r020: Vec<_> = d.iter().filter(|x| x["code"] == "R020").collect();
    assert_eq!(r020.len(), 1, "{d:#?}");
    let notes = r020[0]["notes"].to_string();
    assert!(
        notes.contains("1 picture(s) (“biao2.png”)") && notes.contains("published as an image"),
        "{notes}"
    );
    // The picture's tag, by the page's own line and column.
    let label = r020[0]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| {
            l["message"]
                .as_str()
                .unwrap()
                .contains("picture stands here")
        })
        .unwrap();
    let line = pictured[..pictured.find("<img").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(label["line"].as_u64(), Some(line as u64), "{label}");
    // Without the picture (the table simply not there), nothing is said of pictures.
    let bare = format!("{}{}", &page[..start], &page[end..]);
    let opened = gouji::document::open(bare.as_bytes(), "年度报告.html").unwrap();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let file = sources.add("年度报告.html", opened.source.clone());
    let checked = gouji::document::check(&compiled, file, &opened, &ReadOptions::default());
    let missing: Vec<_> = checked
        .findings
        .iter()
        .filter(|d| d.code.as_str() == "R020")
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].labels.is_empty() && missing[0].notes.len() == 1);
}

#[test]
fn a_word_file_with_its_table_as_a_picture_names_the_pictures_paragraph() {
    // LibreOffice's Word file of the page whose table 二 is a picture (scripts/make-pictured.sh):
    // the picture is a DrawingML picture of the paragraph after the heading.
    let v = check_json(&root().join("tests/fixtures/containers/report-2023-pictured.docx"));
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = d.iter().map(|x| x["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["R020"], "{d:#?}");
    let notes = d[0]["notes"].to_string();
    assert!(
        notes.contains("1 picture(s) (第16段“Image1”)") && notes.contains("第15段"),
        "{notes}"
    );
    // The same page as a web page: the picture's tag is pointed at.
    let html = root().join("tests/fixtures/containers/report-2023-pictured.html");
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--color=never"])
        .arg(&html)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("a picture stands here"), "{out}");
}

#[test]
fn a_word_finding_names_the_table_row_and_column() {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--color", "never"])
        .arg(root().join("examples/report-2023-broken.docx"))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("in the Word (.docx) file: 表1 第11行第2列"),
        "{s}"
    );
    // The excerpt is the cell's own text, not the rest of its row.
    assert!(
        s.contains("in the Word (.docx) file: 表2 第27行第3列, at “13”\n"),
        "{s}"
    );
}

#[test]
fn extract_text_prints_one_row_per_line_with_its_cells() {
    for f in [
        "tests/fixtures/containers/report-2023.html",
        "tests/fixtures/containers/report-2023.docx",
        "examples/report-2023.txt",
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
            .env("GOUJI_LANG", "en")
            .args(["extract", "--text"])
            .arg(root().join(f))
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{f}");
        assert!(
            s.lines()
                .any(|l| l.replace(' ', "") == "一、本年新收政府信息公开申请数量|12|3|0|0|0|0|15"),
            "{f}:\n{s}"
        );
        assert!(!s.contains("<td"), "{f}");
        if f.ends_with(".html") {
            assert!(!s.contains("首页"), "{f}: navigation kept");
        }
    }
}

/// A zip holding the given parts (stored or deflated).
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        std::io::Write::write_all(&mut w, data).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

/// `gouji check DIR` (English, no colour) over a folder holding `files` (name, bytes, code):
/// exit code 2, and each file refused with its own code on a line naming it. Returns standard
/// error and standard output.
fn check_folder_refusing(dir: &Path, files: &[(&str, Vec<u8>, &str)]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--color", "never"])
        .arg(dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    for (n, _, code) in files {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("error[{code}]")) && l.contains(n)),
            "{n}: expected {code} in\n{err}"
        );
    }
    (err, stdout)
}

#[test]
fn files_that_cannot_be_read_each_get_their_own_code_and_the_batch_goes_on() {
    let dir = std::env::temp_dir().join(format!("gouji-containers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let ole = |stream: &str| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend(vec![0u8; 504]);
        b.extend(utf16(stream));
        b.extend(vec![0u8; 512]);
        b
    };
    let bomb = vec![b' '; 70 * 1024 * 1024];
    let doctype = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a-old.doc", ole("WordDocument"), "R100"),
        ("b-old.wps", ole("WpsCustomData"), "R100"),
        ("c-sheet.xls", ole("Workbook"), "R100"),
        ("d-locked.docx", ole("EncryptedPackage"), "R101"),
        (
            "e-cut.docx",
            b"PK\x03\x04\x14\x00\x00\x00broken".to_vec(),
            "R102",
        ),
        (
            "f-bomb.docx",
            zip_of(&[("word/document.xml", &bomb)]),
            "R103",
        ),
        (
            "g-entities.docx",
            zip_of(&[("word/document.xml", doctype)]),
            "R104",
        ),
        (
            "h-book.docx",
            zip_of(&[("xl/workbook.xml", b"<workbook/>")]),
            "R105",
        ),
    ];
    for (n, b, _) in &files {
        std::fs::write(dir.join(n), b).unwrap();
    }
    std::fs::copy(
        root().join("tests/fixtures/containers/report-2023.docx"),
        dir.join("z-good.docx"),
    )
    .unwrap();
    let (err, stdout) = check_folder_refusing(&dir, &files);
    assert!(!err.contains("panicked"), "{err}");
    // The good report of the batch was read and checked.
    assert!(stdout.contains("checked 9 files"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Corpus reports whose web page and Word file cannot read the same as the text, and why (none
/// now). Each is still converted and compared: the test fails when one of them starts to read
/// the same (take it off the list) as when any other report differs.
const CORPUS_EXCEPTIONS: &[(&str, &str)] = &[];

/// Every corpus report converted to a web page and a Word file at test time (never committed),
/// in one run of the script (one LibreOffice run for all), reads the same cells and findings as
/// its text, but for the listed exceptions.
#[test]
fn corpus_reports_read_the_same_from_web_page_and_word_file() {
    let corpus = root().join("../shared/corpus/reports");
    let required = std::env::var("GOUJI_REQUIRE_CORPUS").as_deref() == Ok("1");
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !corpus.is_dir() || !has_soffice {
        assert!(
            !required,
            "GOUJI_REQUIRE_CORPUS=1: the corpus round trip needs ../shared/corpus and LibreOffice \
             (apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
        );
        println!("skipped: corpus reports are converted only where LibreOffice (soffice) and ../shared/corpus are present");
        return;
    }
    let dir = std::env::temp_dir().join(format!("gouji-corpus-containers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    assert!(texts.len() >= 60, "{} corpus reports", texts.len());
    let st = Command::new(root().join("scripts/make-containers.sh"))
        .arg("--no-pdf")
        .args(&texts)
        .arg(&dir)
        .env("GOUJI", env!("CARGO_BIN_EXE_gouji"))
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let mut unexpected = Vec::new();
    for text in &texts {
        let name = text.file_stem().unwrap().to_str().unwrap();
        let excepted = CORPUS_EXCEPTIONS.iter().any(|(n, _)| *n == name);
        let whole: Vec<String> = ["html", "docx"]
            .iter()
            .filter_map(|ext| differences(text, &dir.join(format!("{name}.{ext}"))).err())
            .collect();
        if !excepted {
            unexpected.extend(whole);
        } else if whole.is_empty() {
            unexpected.push(format!(
                "{name} reads the same in every container now: take it off CORPUS_EXCEPTIONS"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[test]
fn hostile_pages_are_read_without_panics_or_huge_grids() {
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let spans = "<tr><td colspan=99999 rowspan=99999>1</td></tr>".repeat(2000);
    let nested = "<table><tr><td>".repeat(3000);
    let pages = [
        format!("<html><table>{spans}</table>"),
        format!("<html>{nested}一、总体情况"),
        "<html><body><td><tr><p></table></td>&#xFFFFFF;&bogus;<script>".to_string(),
        "<!DOCTYPE html><meta charset=utf-16><p>二、主动公开政府信息情况".to_string(),
        // Frames written into their tags: unclosed, unquoted, broken entities, many of them.
        "<iframe srcdoc=\"&lt;p&gt;一、总体&amp;amp;情况&lt;iframe srcdoc='&amp;lt;td&amp;gt;∰"
            .to_string(),
        "<iframe srcdoc=&lt;table&gt;&lt;tr&gt;&lt;td&gt;１２&#x4e00;&bogus &gt;é</iframe>"
            .to_string(),
        "<iframe srcdoc=\"&lt;p&gt;一、总体情况&lt;/p&gt;\"></iframe>".repeat(5000),
    ];
    for (i, page) in pages.iter().enumerate() {
        let started = std::time::Instant::now();
        let opened = gouji::document::open(page.as_bytes(), "p.html").unwrap();
        let file = sources.add(format!("p{i}.html"), opened.source.clone());
        gouji::document::check(&compiled, file, &opened, &ReadOptions::default());
        assert!(
            started.elapsed().as_secs() < 20,
            "page {i} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn extract_text_json_keeps_digits_run_together_as_one_cell_over_their_columns() {
    // The example with one row's three numbers run together (`219`).
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    let run = text.replacen("行政规范性文件\t2\t1\t9", "行政规范性文件\t219", 1);
    assert_ne!(run, text);
    let dir = std::env::temp_dir().join(format!("gouji-run-together-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("run.txt");
    std::fs::write(&file, run).unwrap();
    let gouji = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gouji"))
            .env("GOUJI_LANG", "en")
            .args(args)
            .arg(&file)
            .output()
            .unwrap()
    };
    let out = gouji(&["extract", "--text", "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = v["files"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["cells"][0]["text"] == "行政规范性文件")
        .unwrap();
    assert_eq!(
        row["cells"],
        serde_json::json!([
            {"text": "行政规范性文件", "columns": 1},
            {"text": "219", "columns": 3}
        ])
    );
    // As text, the row shows the cells it was read as.
    let out = gouji(&["extract", "--text"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.lines().any(|l| l == "行政规范性文件 | 2 | 1 | 9"), "{s}");
    // Text has no CSV form.
    let out = gouji(&["extract", "--text", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no CSV form"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `gouji ARGS -` with `input` on standard input: exit code, stdout, stderr.
fn with_stdin(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(args)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stdin_format_tells_what_standard_input_holds_else_its_content_does() {
    let fixture = |n: &str| {
        let dir = if n.starts_with("report-2023-broken") {
            "examples"
        } else {
            "tests/fixtures/containers"
        };
        std::fs::read(root().join(dir).join(n)).unwrap()
    };
    let check = ["check", "--color", "never"];
    let summary = "checked 1 file: 4 errors, 3 warnings, 0 notes";
    // Told by content: a Word file and a web page on standard input, no flag.
    for n in ["report-2023-broken.docx", "report-2023-broken.html"] {
        let (code, out, err) = with_stdin(&check, &fixture(n));
        assert_eq!(code, Some(1), "{n}: {err}");
        assert!(out.contains(summary), "{n}: {out}");
    }
    // Told by the flag, for `check` and `extract`.
    let (code, out, _) = with_stdin(
        &["check", "--color", "never", "--stdin-format", "docx"],
        &fixture("report-2023-broken.docx"),
    );
    assert_eq!(code, Some(1));
    assert!(out.contains(summary), "{out}");
    let (code, out, _) = with_stdin(
        &["extract", "--text", "--stdin-format", "html"],
        &fixture("report-2023.html"),
    );
    assert_eq!(code, Some(0));
    assert!(
        out.lines()
            .any(|l| l.replace(' ', "") == "一、本年新收政府信息公开申请数量|12|3|0|0|0|0|15"),
        "{out}"
    );
    // A page named as plain text is read as text: its markup is not taken apart.
    let (_, out, _) = with_stdin(
        &["extract", "--text", "--stdin-format", "text"],
        &fixture("report-2023.html"),
    );
    assert!(out.contains("<td"), "{out}");
    // Input that is not what the flag says: its own error and exit code 2, never a guess.
    let text = std::fs::read(root().join("examples/report-2023.txt")).unwrap();
    let (code, _, err) = with_stdin(
        &["check", "--color", "never", "--stdin-format", "docx"],
        &text,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("error[R102]"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The broken example's Word file with its `word/document.xml` rewritten by `edit`, compared
/// with the text version.
fn word_file_edited_reads_like_the_text(name: &str, edit: impl Fn(String) -> String) {
    use std::io::Read as _;
    let bytes = std::fs::read(root().join("examples/report-2023-broken.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        parts.push((f.name().unwrap().to_string(), data));
    }
    let doc = parts
        .iter_mut()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    let xml = String::from_utf8(doc.1.clone()).unwrap();
    let edited = edit(xml.clone());
    assert_ne!(edited, xml, "{name}: the edit changed nothing");
    doc.1 = edited.into_bytes();
    let dir = std::env::temp_dir().join(format!("gouji-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(format!("{name}.docx"));
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), &d[..])).collect();
    std::fs::write(&f, zip_of(&refs)).unwrap();
    let result = differences(&root().join("examples/report-2023-broken.txt"), &f);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A Word file whose tables and cells sit in content controls (`w:sdt`, as WPS and form
/// templates write them), with a placeholder in the control's properties and the WPS and Word
/// 2010 namespaces on the root: it reads the cells and findings of its text.
#[test]
fn word_content_controls_around_tables_and_cells_read_like_the_text() {
    let sdt = |tag: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:placeholder><w:docPart w:val="请输入"/></w:placeholder><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent>"#
        )
    };
    let end = "</w:sdtContent></w:sdt>";
    word_file_edited_reads_like_the_text("sdt", |xml| {
        let wrapped = xml
            .replace("<w:tbl>", &format!("{}<w:tbl>", sdt("表格")))
            .replace("</w:tbl>", &format!("</w:tbl>{end}"))
            .replace("<w:tc>", &format!("{}<w:tc>", sdt("单元格")))
            .replace("</w:tc>", &format!("</w:tc>{end}"))
            .replacen(
                "<w:document ",
                r#"<w:document xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
                1,
            );
        assert!(
            wrapped.matches("<w:sdt>").count() > 100,
            "cells were wrapped"
        );
        wrapped
    });
}

/// Word writes a merged cell's continuation as a bare `<w:vMerge/>` (LibreOffice writes
/// `w:val="continue"`), the 申请人情况 header's cells among them: the same cells either way.
#[test]
fn word_vmerge_continuations_without_a_value_read_like_the_text() {
    word_file_edited_reads_like_the_text("vmerge", |xml| {
        xml.replace(r#"<w:vMerge w:val="continue"/>"#, "<w:vMerge/>")
    });
}

/// Tracked changes inside the numbers (`1` kept, `9` deleted, `5` inserted: the accepted `15`),
/// each number split over runs as Word writes them: the accepted text, the same cells.
#[test]
fn word_tracked_changes_inside_numbers_read_as_the_accepted_text() {
    word_file_edited_reads_like_the_text("tracked", |xml| {
        xml.replace(
            "<w:t>15</w:t></w:r>",
            r#"<w:t>1</w:t></w:r><w:del w:id="90" w:author="审核"><w:r><w:delText>9</w:delText></w:r></w:del><w:ins w:id="91" w:author="审核"><w:r><w:t>5</w:t></w:r></w:ins><w:r><w:rPr></w:rPr><w:t></w:t></w:r>"#,
        )
    });
}

/// A web page whose tables mark their row labels as header cells (`<th scope="row">`, the group
/// labels spanning rows among them), its rows in a `<tbody>`: the same cells and findings as
/// the text.
#[test]
fn a_page_with_row_labels_in_header_cells_reads_like_the_text() {
    let page = std::fs::read(root().join("examples/report-2023-broken.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    // Every cell that holds no number becomes a header cell.
    let mut out = String::new();
    let mut rest = page.as_str();
    let mut changed = 0;
    while let Some(i) = rest.find("<td") {
        out.push_str(&rest[..i]);
        let close = rest[i..].find("</td>").unwrap() + i;
        let open_end = rest[i..].find('>').unwrap() + i;
        let inner = &rest[open_end + 1..close];
        let number = inner.trim().chars().all(|c| c.is_ascii_digit() || c == '.');
        if number {
            out.push_str(&rest[i..close + 5]);
        } else {
            out.push_str(&format!(
                "<th scope=\"row\"{}>{inner}</th>",
                &rest[i + 3..open_end]
            ));
            changed += 1;
        }
        rest = &rest[close + 5..];
    }
    out.push_str(rest);
    assert!(changed > 40, "{changed} labels");
    // Each table's rows in a `<tbody>`.
    let out = out
        .replace("</table>", "</tbody></table>")
        .replace(r#"cellpadding="2">"#, r#"cellpadding="2"><tbody>"#)
        .replace("charset=gbk", "charset=utf-8");
    assert_eq!(
        out.matches("<tbody>").count(),
        out.matches("</tbody>").count()
    );
    let dir = std::env::temp_dir().join(format!("gouji-th-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("th.html");
    std::fs::write(&f, out).unwrap();
    let result = differences(&root().join("examples/report-2023-broken.txt"), &f);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A page whose article is written into a frame's tag (`<iframe srcdoc="…">`, its markup as
/// entities): read in its place like the text, each finding at the page's own bytes inside the
/// attribute; the frame's fallback content and the page's chrome are not read.
#[test]
fn a_report_in_an_iframe_srcdoc_reads_like_the_text_at_its_place_in_the_page() {
    let page = std::fs::read(root().join("examples/report-2023-broken.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    let body = &page[page.find("<body>").unwrap() + 6..page.find("</body>").unwrap()];
    // An ampersand of the text is written twice over: `&amp;amp;` in the attribute.
    let body = body.replacen("均为虚构。", "均为虚构（A&amp;B）。", 1);
    let attr = body
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let out = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政务公开</title></head><body>\n\
         <div class=\"header\">网站首页 &gt; 政务公开</div>\n\
         <iframe width=\"100%\" srcdoc=\"{attr}\">你的浏览器不支持框架。二、主动公开政府信息情况</iframe>\n\
         </body></html>\n"
    );
    let dir = std::env::temp_dir().join(format!("gouji-srcdoc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("srcdoc.html");
    std::fs::write(&f, &out).unwrap();
    let result = differences(&root().join("examples/report-2023-broken.txt"), &f);
    // The report's `O` for zero, found at its own bytes of the attribute.
    let json = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let r031 = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "R031")
        .cloned()
        .unwrap();
    // The attribute keeps the article's line breaks: the page's line with the `O`.
    let (n, line) = out
        .lines()
        .enumerate()
        .find(|(_, l)| l.ends_with("&gt;O&lt;/td&gt;"))
        .unwrap();
    assert!(out.lines().nth(2).unwrap().ends_with("srcdoc=\""));
    assert_eq!(r031["line"].as_u64(), Some(n as u64 + 1));
    let column = r031["column"].as_u64().unwrap() as usize;
    let at: String = line.chars().skip(column - 1).take(12).collect();
    assert!(at.starts_with("O&lt;/td"), "{at}");
}

#[test]
fn word_headers_and_footers_stay_out_of_the_body() {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let body = format!(
        r#"<w:document {w}><w:body><w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId1" xmlns:r="r"/></w:sectPr></w:body></w:document>"#
    );
    let header = format!(
        r#"<w:hdr {w}><w:p><w:r><w:t>某局政府信息公开专栏 二、主动公开政府信息情况</w:t></w:r></w:p></w:hdr>"#
    );
    let footer = format!(r#"<w:ftr {w}><w:p><w:r><w:t>第 1 页 共 3 页</w:t></w:r></w:p></w:ftr>"#);
    let bytes = zip_of(&[
        ("word/document.xml", body.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer1.xml", footer.as_bytes()),
    ]);
    let opened = gouji::document::open(&bytes, "r.docx").unwrap();
    let text = &opened.view.as_ref().unwrap().text;
    assert!(text.contains("一、总体情况"), "{text}");
    assert!(
        !text.contains("专栏") && !text.contains("主动公开"),
        "{text}"
    );
    assert!(!text.contains("第 1 页"), "{text}");
}

#[test]
fn a_table_row_with_a_cell_missing_is_short_never_split_into_more_numbers() {
    // The example's web page with one `0` cell of `一、本年新收…` left out: `12 | 3 | 0 | 0 | 0 |
    // 15` in one-column cells. Splitting `12` or `15` would make seven numbers; a table's cell
    // holds one value, so the row is short (R022) and its cells unreadable.
    let page = std::fs::read(root().join("tests/fixtures/containers/report-2023.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.into_owned();
    let at = page.find("一、本年新收政府信息公开申请数量</td>").unwrap();
    let (head, rest) = page.split_at(at);
    let end = rest.find("</tr>").unwrap();
    let row = rest[..end].replacen("<td>0</td>\n", "", 1).replacen(
        r#"<td colspan="2">15</td>"#,
        "<td>15</td>",
        1,
    );
    assert_eq!(row.matches("<td>").count(), 6, "{row}");
    let page = format!("{head}{row}{}", &rest[end..]).replace("charset=gbk", "charset=utf-8");
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let opened = gouji::document::open(page.as_bytes(), "missing.html").unwrap();
    let file = sources.add("missing.html", opened.source.clone());
    let checked = gouji::document::check(&compiled, file, &opened, &ReadOptions::default());
    let codes: Vec<&str> = checked.findings.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"R022"), "{codes:?}");
    assert!(
        !codes.iter().any(|c| matches!(*c, "R035" | "R036" | "R040")),
        "{codes:?}"
    );
    let row_cells: Vec<&Value> = checked
        .document
        .tables
        .iter()
        .flat_map(|t| &t.cells)
        .filter(|c| c.raw.is_empty() && c.value == Value::Unreadable)
        .map(|c| &c.value)
        .collect();
    assert_eq!(row_cells.len(), 7, "the row's seven cells are unreadable");
}

/// A web page whose first row of table 二 has an empty label cell (`<td></td>`, or `&nbsp;` as
/// pages have it) between the column header and the next known row reads that row by its
/// position (R024), as the text without the label does, never as a missing row (R021). (The
/// table starts at its column header, as corpus report 116's does: the text reader reads a lost
/// first row by position only when nothing but its numbers stands before the next row.)
#[test]
fn a_page_row_with_an_empty_label_cell_is_read_by_position_like_the_text() {
    let dir = std::env::temp_dir().join(format!("gouji-empty-label-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    let text = text.replacen("第二十条第（一）项\t\t\t\n", "", 1);
    let unlabelled = text.replacen("规章\t0\t0\t0", "\t0\t0\t0", 1);
    assert_ne!(unlabelled, text);
    let txt = dir.join("unlabelled.txt");
    std::fs::write(&txt, unlabelled).unwrap();
    let page = std::fs::read(root().join("tests/fixtures/containers/report-2023.html")).unwrap();
    let page = encoding_rs::GBK.decode(&page).0.replacen(
        "<tr>\n<th colspan=\"4\">第二十条第（一）项</th>\n</tr>\n",
        "",
        1,
    );
    for (i, empty) in ["<td></td>", "<td>&nbsp;</td>"].iter().enumerate() {
        let html = page.replacen("<td>规章</td>", empty, 1);
        assert_ne!(html, page);
        let f = dir.join(format!("unlabelled-{i}.html"));
        std::fs::write(&f, encoding_rs::GBK.encode(&html).0).unwrap();
        let r = read(&f);
        let codes: Vec<&str> = r.findings.iter().map(|f| f.0.as_str()).collect();
        assert!(
            codes.contains(&"R024") && !codes.contains(&"R021"),
            "{codes:?}"
        );
        if let Err(e) = differences(&txt, &f) {
            panic!("{e}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `extract --text --format json` gives a row read by its position (R024) an empty label cell
/// and its numbers once each, so a page made from it has the row as the report has it.
#[test]
fn extract_text_json_gives_a_row_read_by_position_an_empty_label() {
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    // The layout of crawled text: one cell a line, the label lost.
    let lost = text.replacen("第二十条第（一）项\t\t\t\n", "", 1).replacen(
        "规章\t0\t0\t0",
        "  \n\n0\n\n0\n\n0",
        1,
    );
    assert_ne!(lost, text);
    let dir = std::env::temp_dir().join(format!("gouji-lost-label-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lost.txt");
    std::fs::write(&file, lost).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["extract", "--text", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = v["files"][0]["lines"].as_array().unwrap();
    let at = lines
        .iter()
        .position(|l| l["cells"][0]["text"] == "行政规范性文件")
        .unwrap();
    let texts: Vec<&str> = lines[at - 1]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["", "0", "0", "0"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A report that ends early inside a row of table 三, its cells between `|` as crawled text has
/// them: `extract --text --format json` keeps the last number (left unread: it may be cut off
/// mid-number) a cell of that row, so the page and Word file made from it end inside the row
/// too and read the same cells, with no short row (R022) the text does not have.
#[test]
fn a_report_cut_off_inside_a_row_converts_to_a_page_that_ends_inside_it() {
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    let at = text.find("6.属于四类过程性信息").unwrap();
    let row = &text[at..at + text[at..].find('\n').unwrap()];
    // Six of its seven numbers, the report's last line.
    let cut = format!("{}{}\n", &text[..at], &row[..row.rfind('\t').unwrap()]);
    let cut = cut.replace('\t', " | ");
    let dir = std::env::temp_dir().join(format!("gouji-cut-row-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("cut.txt");
    std::fs::write(&txt, &cut).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["extract", "--text", "--format", "json"])
        .arg(&txt)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = v["files"][0]["lines"].as_array().unwrap().last().unwrap();
    let texts: Vec<&str> = last["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["6.属于四类过程性信息", "0", "0", "0", "0", "0", "0"]
    );
    let st = Command::new(root().join("scripts/make-containers.sh"))
        .arg("--no-pdf")
        .arg(&txt)
        .arg(&dir)
        .env("GOUJI", env!("CARGO_BIN_EXE_gouji"))
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let r = read(&txt);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.0.as_str()).collect();
    assert!(
        codes.contains(&"R016") && !codes.contains(&"R022"),
        "{codes:?}"
    );
    for ext in ["html", "docx"] {
        let f = dir.join(format!("cut.{ext}"));
        // The Word file only where LibreOffice made one.
        if f.exists() {
            if let Err(e) = differences(&txt, &f) {
                panic!("{e}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run of digits of which only a piece could be read (`7400` over three cells: `7 40 0` or
/// `74 0 0`, so only the last cell, `0`, is certain) is one cell of the report over its three
/// columns in `extract --text --format json`, not the run plus its last digit again: a page
/// made from it must not hold a `0` the report does not have twice.
#[test]
fn extract_text_json_keeps_a_partly_read_run_one_cell_without_repeating_its_digits() {
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    let run = text.replacen("规章\t0\t0\t0", "规章\t7400", 1);
    assert_ne!(run, text);
    let dir = std::env::temp_dir().join(format!("gouji-partly-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("run.txt");
    std::fs::write(&file, run).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["extract", "--text", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = v["files"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["cells"][0]["text"] == "规章")
        .unwrap();
    assert_eq!(
        row["cells"],
        serde_json::json!([{"text": "规章", "columns": 1}, {"text": "7400", "columns": 3}])
    );
    // What was read stays visible cell by cell: the two unsure cells and the certain `0`.
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["extract", "--text"])
        .arg(&file)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.lines().any(|l| l == "规章 | 7400 | 7400 | 0"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A report that ends early after a whole row, with a number on a line of its own after it (a
/// page number): that number is not taken into the row by `extract --text --format json`.
#[test]
fn extract_text_json_keeps_a_number_on_the_line_after_the_last_row_out_of_it() {
    let text = std::fs::read_to_string(root().join("examples/report-2023.txt")).unwrap();
    let at = text.find("6.属于四类过程性信息").unwrap();
    let cut = format!("{}12\n", &text[..at]).replace('\t', " | ");
    let dir = std::env::temp_dir().join(format!("gouji-cut-after-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("cut.txt");
    std::fs::write(&txt, &cut).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["extract", "--text", "--format", "json"])
        .arg(&txt)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = v["files"][0]["lines"].as_array().unwrap();
    let row = lines
        .iter()
        .rev()
        .find(|l| l.get("cells").is_some())
        .unwrap();
    assert_eq!(row["cells"][0]["text"], "5.属于三类内部事务信息");
    assert_eq!(row["cells"].as_array().unwrap().len(), 8);
    assert!(lines.last().unwrap()["text"]
        .as_str()
        .unwrap()
        .ends_with("12"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The web pages saved as one file (MHTML) by `scripts/make-mhtml.py`: by headless Chromium
/// (quoted-printable, the GBK page's charset only in its `<meta>`; a UTF-8 page), and by Python's
/// `email` package (the page part in base64; a `.mht` whose only charset is the part header's).
fn saved(name: &str) -> PathBuf {
    root().join("tests/fixtures/containers").join(name)
}

#[test]
fn a_saved_page_reads_like_the_page_it_was_saved_from() {
    let seed = saved("report-2023.html");
    for name in [
        "report-2023.mhtml",
        "report-2023-utf8.mhtml",
        "report-2023-base64.mhtml",
        "report-2023-gbk-part-charset.mht",
    ] {
        same_as_text(&seed, &saved(name));
        same_as_text(&root().join("examples/report-2023.txt"), &saved(name));
    }
    same_as_text(
        &saved("report-2023-mixed-header.html"),
        &saved("report-2023-mixed-header.mhtml"),
    );
    same_as_text(
        &root().join("examples/report-2023-broken.html"),
        &saved("report-2023-broken.mhtml"),
    );
    // The broken example keeps its findings when saved.
    let codes: Vec<String> = read(&saved("report-2023-broken.mhtml"))
        .findings
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert!(codes.contains(&"R031".to_string()), "{codes:?}");
}

#[test]
fn a_frame_saved_as_a_part_of_its_own_is_read_in_its_place() {
    let framed = saved("report-2023-framed.mhtml");
    same_as_text(&saved("report-2023.html"), &framed);
    // The page around the frame is read too, around it.
    let bytes = std::fs::read(&framed).unwrap();
    let opened = gouji::document::open(&bytes, "report-2023-framed.mhtml").unwrap();
    let text = opened.view.as_ref().unwrap().text.clone();
    let report = text.find("一、总体情况").unwrap();
    let footer = text.find("主办单位").unwrap();
    assert!(report < footer, "{text}");
    // The frame's page is laid after the outer page in the text shown: cells point there.
    let outer_end = opened.source.find("</html>").unwrap();
    let Some(Some(at)) = opened.view.as_ref().unwrap().rows.first().map(|r| {
        opened
            .view
            .as_ref()
            .unwrap()
            .to_source(r.cells.first().map_or(r.start, |c| c.start))
    }) else {
        panic!("no rows")
    };
    assert!(at > outer_end, "{at} {outer_end}");
}

#[test]
fn a_saved_page_finding_points_at_the_decoded_page_and_names_the_files_line() {
    let path = saved("report-2023-broken.mhtml");
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .env("GOUJI_LANG", "en")
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r031 = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "R031")
        .unwrap()
        .clone();
    // Line and column are the decoded page's, as the human output shows it.
    let bytes = std::fs::read(&path).unwrap();
    let page = gouji::document::open(&bytes, "report-2023-broken.mhtml")
        .unwrap()
        .source;
    let (line, text) = page
        .lines()
        .enumerate()
        .find(|(_, l)| l.ends_with(">O</td>"))
        .unwrap();
    assert_eq!(r031["line"].as_u64(), Some(line as u64 + 1));
    let column = text.chars().count() - "O</td>".len() + 1;
    assert_eq!(r031["column"].as_u64(), Some(column as u64));
    // A note names the line of the file itself, where the cell is written quoted-printable.
    let note = r031["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .find(|n| n.starts_with("in the MHTML file: line "))
        .unwrap()
        .to_string();
    let n: usize = note["in the MHTML file: line ".len()..]
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let file = String::from_utf8(bytes).unwrap();
    let file_line = file.lines().nth(n - 1).unwrap();
    assert!(file_line.ends_with(">O</td>"), "line {n}: {file_line}");
    assert_ne!(n, line + 1, "the file's line and the page's differ here");
    assert!(note.ends_with("at “O”"), "{note}");
}

#[test]
fn extract_text_of_a_saved_page_is_the_pages_text() {
    let run = |p: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
            .args(["extract", "--text"])
            .arg(p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let page = run(&saved("report-2023.html"));
    assert!(page.contains("一、总体情况"), "{page}");
    for name in ["report-2023.mhtml", "report-2023-gbk-part-charset.mht"] {
        assert_eq!(run(&saved(name)), page, "{name}");
    }
}

#[test]
fn damaged_saved_pages_each_get_their_code_and_a_folder_of_every_kind_goes_on() {
    let dir = std::env::temp_dir().join(format!("gouji-mhtml-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(saved("report-2023.mhtml")).unwrap();
    let b64 = std::fs::read_to_string(saved("report-2023-base64.mhtml")).unwrap();
    let boundary = good
        .lines()
        .find_map(|l| l.trim().strip_prefix("boundary=\""))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    // Everything but the closing delimiter line, as a download cut off after the page.
    let cut = &good[..good.rfind(&format!("--{boundary}--")).unwrap()];
    let no_page = good
        .replacen("Content-Type: text/html", "Content-Type: image/png", 1)
        .replacen("Content-Type: text/html", "Content-Type: image/png", 1);
    let odd = good.replacen(
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Transfer-Encoding: x-uuencode",
        1,
    );
    let bad_qp = good.replacen("=3D", "=ZZ", 1);
    let at = b64.find("base64\r\n\r\n").unwrap() + 40;
    let bad_b64 = format!("{}!{}", &b64[..at], &b64[at..]);
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a-cut.mhtml", cut.as_bytes().to_vec(), "R102"),
        ("b-no-page.mhtml", no_page.into_bytes(), "R102"),
        ("c-encoding.mhtml", odd.into_bytes(), "R102"),
        ("d-qp.mhtml", bad_qp.into_bytes(), "R102"),
        ("e-base64.mhtml", bad_b64.into_bytes(), "R102"),
        ("f-text.mht", "一、总体情况\n".as_bytes().to_vec(), "R102"),
    ];
    for (n, b, _) in &files {
        std::fs::write(dir.join(n), b).unwrap();
    }
    for (from, to) in [
        (
            "tests/fixtures/containers/report-2023-broken.mhtml",
            "z1.mhtml",
        ),
        (
            "tests/fixtures/containers/report-2023-gbk-part-charset.mht",
            "z2.mht",
        ),
        ("examples/report-2023-broken.html", "z3.html"),
        ("examples/report-2023-broken.docx", "z4.docx"),
        ("examples/report-2023-broken.txt", "z5.txt"),
    ] {
        std::fs::copy(root().join(from), dir.join(to)).unwrap();
    }
    let (err, stdout) = check_folder_refusing(&dir, &files);
    assert!(err.contains("cut off"), "{err}");
    assert!(err.contains("x-uuencode"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The broken example in four kinds: each read, each with its own 4 errors and 3 warnings
    // (and the seed page saved by Internet Explorer, without any); an error for each damaged one.
    assert!(
        stdout.contains(
            "checked 11 files: 22 errors, 12 warnings, 0 notes, 6 files could not be read"
        ),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_format_mhtml_and_a_saved_page_on_standard_input() {
    let page = std::fs::read(saved("report-2023-broken.mhtml")).unwrap();
    let summary = "checked 1 file: 4 errors, 3 warnings, 0 notes";
    for args in [
        &["check", "--color", "never"][..],
        &["check", "--color", "never", "--stdin-format", "mhtml"][..],
    ] {
        let (code, out, err) = with_stdin(args, &page);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(out.contains(summary), "{args:?}: {out}");
    }
    let text = std::fs::read(root().join("examples/report-2023.txt")).unwrap();
    let (code, _, err) = with_stdin(
        &["check", "--color", "never", "--stdin-format", "mhtml"],
        &text,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("error[R102]"), "{err}");
}

/// The parts of a Word file, by name.
fn docx_parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read as _;
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// A Word file of these parts written into a fresh folder, and `check` run on it by `compare`.
fn with_docx<T>(name: &str, parts: &[(String, Vec<u8>)], compare: impl Fn(&Path) -> T) -> T {
    let dir = std::env::temp_dir().join(format!("gouji-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(format!("{name}.docx"));
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), &d[..])).collect();
    std::fs::write(&f, zip_of(&refs)).unwrap();
    let result = compare(&f);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Word files whose section headings (`一、`, `（一）`, by their heading styles) and table 三's
/// row labels (`一、`, `（一）`, `1.`, by `w:numPr`) are Word's automatic numbering, as
/// `scripts/make-numbered-docx.sh` made them with LibreOffice: the heading's text is `总体情况`
/// and the number is in `word/numbering.xml`. They read the cells and findings of their text
/// (no R014 “没有序号”, no R024 for a label's `（一）`); without the numbering part they do not.
#[test]
fn word_files_with_automatic_numbering_read_like_their_text() {
    for name in ["report-2023", "report-2023-broken"] {
        let text = root().join("examples").join(format!("{name}.txt"));
        let docx = root()
            .join("tests/fixtures/containers")
            .join(format!("{name}-numbered.docx"));
        let parts = docx_parts(&docx);
        let part = |n: &str| {
            let (_, d) = parts.iter().find(|(p, _)| p == n).unwrap();
            String::from_utf8(d.clone()).unwrap()
        };
        // The numbers are Word's, not typed: the fixture is what it claims.
        let document = part("word/document.xml");
        assert!(document.contains("<w:t>总体情况</w:t>"), "{name}");
        assert!(document.contains("<w:t>予以公开</w:t>"), "{name}");
        assert!(!document.contains("一、总体情况"), "{name}");
        assert!(
            part("word/numbering.xml").contains(r#"<w:numFmt w:val="chineseCountingThousand"/>"#),
            "{name}"
        );
        same_as_text(&text, &docx);
        // Without its numbering part the same file lacks every number.
        let bare: Vec<_> = parts
            .iter()
            .filter(|(n, _)| n != "word/numbering.xml")
            .cloned()
            .collect();
        let without = with_docx(&format!("{name}-bare"), &bare, read);
        assert!(
            without.findings.iter().any(|f| f.0 == "R014"),
            "{name}: {:?}",
            without.findings
        );
    }
}

/// Word's default after a number is a tab (`w:suff` absent): `一、` and the heading with a blank
/// between them, read as the text's heading still; the example has no finding either way.
#[test]
fn word_numbers_followed_by_a_tab_read_as_the_headings_of_the_text() {
    let docx = root().join("tests/fixtures/containers/report-2023-numbered.docx");
    let mut parts = docx_parts(&docx);
    let numbering = parts
        .iter_mut()
        .find(|(n, _)| n == "word/numbering.xml")
        .unwrap();
    let xml = String::from_utf8(numbering.1.clone()).unwrap();
    let tabbed = xml.replace(r#"<w:suff w:val="nothing"/>"#, "");
    assert_ne!(tabbed, xml);
    numbering.1 = tabbed.into_bytes();
    let (text, findings) = with_docx("tabbed", &parts, |f| {
        let opened = gouji::document::open(&std::fs::read(f).unwrap(), "tabbed.docx").unwrap();
        (opened.view.unwrap().text, read(f).findings)
    });
    assert!(text.contains("\n一、 总体情况\n"), "{text}");
    assert!(text.contains("（一） 予以公开"), "{text}");
    assert_eq!(
        findings,
        read(&root().join("examples/report-2023.txt")).findings
    );
    assert!(findings.is_empty(), "{findings:?}");
}

/// The numbering and styles parts are as untrusted as the body: a DOCTYPE is refused (R104),
/// a part inflating past its cap is not unpacked (R103), a part that is not XML is a damaged
/// file (R102).
#[test]
fn a_numbering_part_with_a_doctype_or_too_large_gets_the_containers_error() {
    let body = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"#;
    let doctype =
        br#"<?xml version="1.0"?><!DOCTYPE n [<!ENTITY a "aaaa">]><w:numbering xmlns:w="x"/>"#;
    let huge = vec![b' '; 9 * 1024 * 1024];
    let cases: [(&str, &[u8], &str); 5] = [
        ("word/numbering.xml", doctype, "R104"),
        ("word/styles.xml", doctype, "R104"),
        ("word/numbering.xml", &huge, "R103"),
        ("word/styles.xml", &huge, "R103"),
        ("word/numbering.xml", b"<w:numbering><w:num", "R102"),
    ];
    let numbering: &[u8] = br#"<w:numbering xmlns:w="x"/>"#;
    for (part, data, code) in cases {
        let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", body), (part, data)];
        if part == "word/styles.xml" {
            // Styles are read for a file that has numbering.
            parts.push(("word/numbering.xml", numbering));
        }
        let err = gouji::document::open(&zip_of(&parts), "n.docx").unwrap_err();
        assert_eq!(err.code().as_str(), code, "{part}: {err}");
    }
}
