//! Every stable diagnostic code has an explanation (`gouji explain CODE`) and a fixture under
//! `tests/fixtures/`, and every fixture emits exactly the findings its header lists.
//! The header format is described in `tests/fixtures/README.md`.

use gouji::diagnostic::{Code, Diagnostic};
use gouji::i18n::{self, Lang};
use gouji::report::{decode, ReadOptions};
use gouji::source::Sources;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// One header line: `Should emit: CODE on line N` (no line: the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    code: String,
    line: Option<usize>,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{} on line {l}", self.code),
            None => write!(f, "{} (whole file)", self.code),
        }
    }
}

/// The expectations at the top of a fixture: consecutive comment lines holding `Should emit:`.
fn header(bytes: &[u8]) -> Result<Vec<Expected>, String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let inner = if let Some(rest) = line.strip_prefix("<!--") {
            rest.trim_end_matches("-->").trim()
        } else if let Some(rest) = line.strip_prefix("//") {
            rest.trim()
        } else {
            break;
        };
        let Some(rest) = inner.strip_prefix("Should emit:") else {
            break;
        };
        let mut words = rest.split_whitespace();
        let code = words
            .next()
            .ok_or_else(|| format!("no code after `Should emit:` in `{line}`"))?;
        if Code::parse(code).is_none() {
            return Err(format!("`{code}` in `{line}` is not a diagnostic code"));
        }
        let line_no = match (words.next(), words.next(), words.next()) {
            (Some("on"), Some("line"), Some(n)) => Some(
                n.parse::<usize>()
                    .map_err(|_| format!("`{n}` in `{line}` is not a line number"))?,
            ),
            _ => None,
        };
        out.push(Expected {
            code: code.to_string(),
            line: line_no,
        });
    }
    if out.is_empty() {
        return Err("no `Should emit:` header in the first lines".to_string());
    }
    Ok(out)
}

/// Every fixture file (`.txt` reports, `.gouji` rule files), sorted by name.
fn fixture_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "gouji")
        ) || (p.is_dir() && named_code(p).is_some())
            || p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CONTAINER_EXTS.contains(&e))
    });
    v.sort();
    v
}

/// The code a fixture is named after: `R040-balance.txt` → `R040`.
fn named_code(path: &Path) -> Option<Code> {
    let stem = path.file_stem()?.to_str()?;
    Code::parse(stem.split('-').next()?)
}

fn display_name(path: &Path) -> String {
    format!(
        "tests/fixtures/{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("?")
    )
}

fn found(sources: &Sources, diags: &[Diagnostic]) -> Vec<Expected> {
    let mut v: Vec<Expected> = diags
        .iter()
        .map(|d| Expected {
            code: d.code.as_str().to_string(),
            line: Some(
                sources
                    .get(d.primary.file)
                    .line_col_chars(d.primary.start)
                    .0,
            ),
        })
        .collect();
    v.sort();
    v
}

/// What gouji finds in a fixture, as (code, line) of each finding's primary place.
fn emitted(path: &Path, bytes: &[u8]) -> Result<Vec<Expected>, String> {
    let name = display_name(path);
    let mut sources = Sources::new();
    if path.extension().and_then(|e| e.to_str()) == Some("gouji") {
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| format!("{name} is not UTF-8"))?;
        let compiled = gouji::rules::load(&mut sources, &[(name, text)]);
        return Ok(found(&sources, &compiled.diagnostics));
    }
    let decoded = decode::decode(bytes).map_err(|e| format!("{name} cannot be decoded: {e}"))?;
    let compiled = gouji::rules::load(&mut sources, &[]);
    if !compiled.diagnostics.is_empty() {
        return Err(format!(
            "the bundled rules have problems: {:?}",
            compiled.diagnostics
        ));
    }
    let file = sources.add(name, decoded.text.clone());
    let checked = gouji::check_report(&compiled, file, &decoded.text, &ReadOptions { year: None });
    Ok(found(&sources, &checked.findings))
}

/// R001 for a file that is not text is not a library `Diagnostic` (R001 on a line is: a text
/// with nothing of any report in it): the command line refuses a file that is not text
/// (empty, binary, undecodable) with `错误[R001]: …` on standard error and exit code 2, and an
/// R001 entry in `--format json`. Check the real binary for both.
fn cli_refuses(path: &Path) -> Result<(), String> {
    cli_refuses_with(path, "R001")
}

/// Container fixtures (`R100.doc`, `R103.docx`, …): files that are not text, so they carry no
/// header; the code in the name is what the command line must refuse them with.
const CONTAINER_EXTS: &[&str] = &["doc", "docx", "wps", "xls", "zip", "ofd", "pdf"];

fn cli_refuses_with(path: &Path, want: &str) -> Result<(), String> {
    // Options the fixture needs (`R116.pdf.args`: `--pdf-tool pdftotext`), one per line.
    let extra: Vec<String> = std::fs::read_to_string(format!("{}.args", path.display()))
        .map(|s| {
            s.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gouji"))
            .arg("check")
            .args(&extra)
            .args(args)
            .arg(path)
            .output()
            .map_err(|e| format!("cannot run gouji: {e}"))
    };
    let human = run(&["--color=never"])?;
    let stderr = String::from_utf8_lossy(&human.stderr);
    if human.status.code() != Some(2) {
        return Err(format!(
            "expected exit code 2 for a file that is not text, got {:?}\nstderr: {stderr}",
            human.status.code()
        ));
    }
    if !stderr.contains(&format!("错误[{want}]")) {
        return Err(format!(
            "expected `错误[{want}]` on standard error, got\n{stderr}"
        ));
    }
    let json = run(&["--format=json"])?;
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout)
        .map_err(|e| format!("--format json did not print JSON: {e}"))?;
    let codes: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    if codes != [want] {
        return Err(format!(
            "expected exactly {want} in the JSON output, got {codes:?}"
        ));
    }
    Ok(())
}

/// A fixture of a code about several reports is a folder (`R072/`): its reports are checked
/// as one batch (with its `gouji.toml`, if any), as `gouji check R072/*.txt` would from inside
/// it. Each report's header lists the findings placed in that report.
fn check_batch(dir: &Path) -> Result<(), String> {
    let own = named_code(dir).ok_or("the folder name is not a diagnostic code")?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    paths.sort();
    if paths.len() < 2 {
        return Err("a batch fixture needs two reports or more".into());
    }
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let mut expected: Vec<(String, Expected)> = Vec::new();
    let mut docs = Vec::new();
    let mut findings = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read: {e}"))?;
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if let Ok(h) = header(&bytes) {
            expected.extend(h.into_iter().map(|e| (name.clone(), e)));
        }
        let text = decode::decode(&bytes)
            .map_err(|e| format!("{name} cannot be decoded: {e}"))?
            .text;
        let file = sources.add(name.clone(), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        findings.extend(checked.findings.iter().cloned());
        docs.push((name, checked.document, text));
    }
    if !expected.iter().any(|(_, e)| e.code == own.as_str()) {
        return Err(format!(
            "no report's header lists {own}, the code the folder is named after"
        ));
    }
    let ws = match std::fs::read_to_string(dir.join("gouji.toml")) {
        Ok(t) => gouji::cross::Workspace::parse(&t)?,
        Err(_) => gouji::cross::Workspace::default(),
    };
    let reports: Vec<gouji::cross::Report> = docs
        .iter()
        .map(|(n, d, t)| gouji::cross::Report {
            name: n,
            doc: d,
            text: t,
        })
        .collect();
    findings.extend(gouji::cross::check(&compiled, &reports, &ws));
    let mut got: Vec<(String, Expected)> = findings
        .iter()
        .map(|d| {
            let f = sources.get(d.primary.file);
            (
                f.name.clone(),
                Expected {
                    code: d.code.as_str().to_string(),
                    line: Some(f.line_col_chars(d.primary.start).0),
                },
            )
        })
        .collect();
    got.sort();
    expected.sort();
    if got == expected {
        return Ok(());
    }
    Err(format!(
        "expected {:?}, emitted {:?}",
        expected
            .iter()
            .map(|(f, e)| format!("{f}: {e}"))
            .collect::<Vec<_>>(),
        got.iter()
            .map(|(f, e)| format!("{f}: {e}"))
            .collect::<Vec<_>>()
    ))
}

fn check_fixture(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return check_batch(path);
    }
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        if CONTAINER_EXTS.contains(&ext) {
            let own =
                named_code(path).ok_or("the file name does not start with a diagnostic code")?;
            return cli_refuses_with(path, own.as_str());
        }
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut expected = header(&bytes)?;
    expected.sort();
    let own = named_code(path).ok_or("the file name does not start with a diagnostic code")?;
    if !expected.iter().any(|e| e.code == own.as_str()) {
        return Err(format!(
            "the header does not list {own}, the code the file is named after"
        ));
    }
    // R001 without a line: a file the command line refuses before reading; with a line, a text
    // read and found to be no report at all (a library finding like any other).
    if expected
        .iter()
        .any(|e| e.code == Code::Unreadable.as_str() && e.line.is_none())
    {
        return cli_refuses(path);
    }
    let got = emitted(path, &bytes)?;
    if got == expected {
        return Ok(());
    }
    let missing: Vec<String> = multiset_minus(&expected, &got)
        .iter()
        .map(ToString::to_string)
        .collect();
    let extra: Vec<String> = multiset_minus(&got, &expected)
        .iter()
        .map(ToString::to_string)
        .collect();
    Err(format!(
        "expected but not emitted: [{}]; emitted but not in the header: [{}]",
        missing.join(", "),
        extra.join(", ")
    ))
}

fn multiset_minus(a: &[Expected], b: &[Expected]) -> Vec<Expected> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        match rest.iter().position(|y| y == x) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(x.clone()),
        }
    }
    out
}

#[test]
fn every_code_has_an_explanation_with_a_real_body_in_both_languages() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        i18n::with_lang(lang, || {
            for &code in Code::ALL {
                let text = code.explanation();
                let mut lines = text.lines();
                let (title, severity, headings, min) = match lang {
                    Lang::En => (
                        format!("# {}: {}", code.as_str(), code.title()),
                        format!("Default severity: {}.", code.default_severity().as_str()),
                        [
                            "## What it means",
                            "## Why it matters",
                            "## Example",
                            "## What to do",
                        ],
                        300,
                    ),
                    Lang::Zh => (
                        format!("# {}：{}", code.as_str(), code.title()),
                        format!("默认级别：{}。", code.default_severity().word()),
                        ["## 含义", "## 为什么重要", "## 示例", "## 怎么改"],
                        200,
                    ),
                };
                if lines.next() != Some(title.as_str()) {
                    problems.push(format!(
                        "{code} ({lang:?}): the first line must be `{title}`"
                    ));
                }
                if !text.lines().any(|l| l.trim() == severity) {
                    problems.push(format!("{code} ({lang:?}): no line `{severity}`"));
                }
                for heading in headings {
                    if !text.lines().any(|l| l.trim() == heading) {
                        problems.push(format!("{code} ({lang:?}): no `{heading}` part"));
                    }
                }
                let body: usize = text
                    .lines()
                    .skip(1)
                    .filter(|l| !l.starts_with('#') && l.trim() != severity)
                    .map(|l| l.trim().chars().count())
                    .sum();
                if body < min {
                    problems.push(format!(
                        "{code} ({lang:?}): the explanation says too little ({body} characters besides the headings)"
                    ));
                }
            }
        });
    }
    for &code in Code::ALL {
        let en = i18n::with_lang(Lang::En, || code.title());
        if en != code.title_en() {
            problems.push(format!(
                "{code}: locales/en/codes.ftl says `{en}`, src/diagnostic/codes.rs says `{}`",
                code.title_en()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "explanations in src/diagnostic/explanations/ need work:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_code_has_a_fixture() {
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let ext = if code.as_str().starts_with('G') {
            "gouji"
        } else {
            "txt"
        };
        let path = fixtures_dir().join(format!("{}.{ext}", code.as_str()));
        // A code about several reports has a folder of them.
        let folder = fixtures_dir().join(code.as_str());
        let container = CONTAINER_EXTS.iter().any(|e| {
            fixtures_dir()
                .join(format!("{}.{e}", code.as_str()))
                .is_file()
        });
        if !path.is_file() && !folder.is_dir() && !container {
            problems.push(format!("{code}: no fixture {}", display_name(&path)));
        }
    }
    assert!(
        problems.is_empty(),
        "codes without a fixture (see tests/fixtures/README.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_fixture_emits_exactly_the_findings_its_header_lists() {
    let files = fixture_files();
    assert!(
        files.len() >= Code::ALL.len(),
        "only {} fixtures in {}",
        files.len(),
        fixtures_dir().display()
    );
    let problems: Vec<String> = files
        .iter()
        .filter_map(|p| {
            check_fixture(p)
                .err()
                .map(|e| format!("{}: {e}", display_name(p)))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "fixtures that do not behave as their header says:\n{}",
        problems.join("\n")
    );
}

#[test]
fn fixture_headers_are_read_as_written() {
    let h = header(
        b"<!-- Should emit: R030 on line 64 -->\n<!-- Should emit: R041 on line 64 -->\n\nreport",
    )
    .unwrap_or_default();
    assert_eq!(
        h,
        vec![
            Expected {
                code: "R030".into(),
                line: Some(64)
            },
            Expected {
                code: "R041".into(),
                line: Some(64)
            }
        ]
    );
    let g = header(b"// Should emit: G002 on line 11\nregulation").unwrap_or_default();
    assert_eq!(
        g,
        vec![Expected {
            code: "G002".into(),
            line: Some(11)
        }]
    );
    assert_eq!(
        header(b"<!-- Should emit: R001 (binary) -->\n\x00").unwrap_or_default(),
        vec![Expected {
            code: "R001".into(),
            line: None
        }]
    );
    assert!(header(b"<!-- Should emit: X999 on line 1 -->").is_err());
    assert!(header(b"just a report").is_err());
}
