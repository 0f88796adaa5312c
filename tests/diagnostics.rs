//! Snapshots of diagnostics as a person sees them (`gouji check` without colour), for a few
//! representative fixtures, in Chinese (the default) and in English (`_en`), and one finding of
//! every code in both languages. Review changes with `cargo insta review`: read each snapshot as a
//! policy officer would — is the headline clear, does it point at the right cell, are the numbers
//! right?

use gouji::diagnostic::{render, Code};
use gouji::i18n::{with_lang, Lang};
use gouji::report::ReadOptions;
use gouji::source::Sources;
use std::path::Path;

fn read_fixture(name: &str) -> Result<(String, String), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok((format!("tests/fixtures/{name}"), text))
}

/// A report fixture checked against the bundled rules, rendered as `gouji check` prints it.
fn check(name: &str) -> Result<String, String> {
    let (display, text) = read_fixture(name)?;
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    assert!(
        compiled.diagnostics.is_empty(),
        "the bundled rules have problems"
    );
    let file = sources.add(display, text.clone());
    let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
    assert!(!checked.findings.is_empty(), "{name} gives no findings");
    Ok(render::to_string(&sources, &checked.findings))
}

/// A rule-file fixture compiled on top of the bundled rules, rendered as `gouji check --rules` prints it.
fn compile(name: &str) -> Result<String, String> {
    let (display, text) = read_fixture(name)?;
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[(display, text)]);
    assert!(!compiled.diagnostics.is_empty(), "{name} gives no findings");
    Ok(render::to_string(&sources, &compiled.diagnostics))
}

/// Both languages of one rendering: the Chinese snapshot under `name`, the English one under
/// `name_en`.
fn both(name: &str, render: impl Fn() -> Result<String, String>) -> Result<(), String> {
    let zh = with_lang(Lang::Zh, &render)?;
    let en = with_lang(Lang::En, &render)?;
    insta::assert_snapshot!(name.to_string(), zh);
    insta::assert_snapshot!(format!("{name}_en"), en);
    Ok(())
}

#[test]
fn a_wrong_seventh_total_shows_the_arithmetic_and_every_cell_added_up() -> Result<(), String> {
    both("r040_seventh_total_does_not_add_up", || check("R040.txt"))
}

#[test]
fn a_broken_balance_names_the_official_rule() -> Result<(), String> {
    both("r040_balance_does_not_hold", || check("R040-balance.txt"))
}

#[test]
fn a_blank_cell_is_reported_with_the_identities_it_leaves_unchecked() -> Result<(), String> {
    both("r030_blank_cell", || check("R030.txt"))
}

#[test]
fn the_letter_o_for_zero_is_not_guessed() -> Result<(), String> {
    both("r031_letter_o_for_zero", || check("R031.txt"))
}

#[test]
fn a_misspelled_name_in_a_rule_file_gets_a_did_you_mean() -> Result<(), String> {
    both("g002_misspelled_column", || compile("G002.gouji"))
}

#[test]
fn a_syntax_error_in_a_rule_file_is_explained_in_words() -> Result<(), String> {
    both("g001_missing_colon", || compile("G001.gouji"))
}

#[test]
fn a_misnumbered_heading_says_which_number_belongs() -> Result<(), String> {
    both("r011_misnumbered_heading", || check("R011.txt"))
}

#[test]
fn a_stale_2019_table_in_a_2022_report_names_both_formats() -> Result<(), String> {
    both("r004_stale_2019_table", || check("R004.txt"))
}

/// A row typed with full-width spaces, digits and dashes, as a Chinese word processor leaves it:
/// the carets stand under the blank cell (a CJK or full-width character is two columns).
#[test]
fn carets_line_up_under_full_width_text() -> Result<(), String> {
    let (display, text) = read_fixture("R030.txt")?;
    let text = text.replace(
        "\t（四）无法提供\t1.本机关不掌握相关政府信息\t2\t1\t\t0\t0\t0\t3",
        "　（四）无法提供　1.本机关不掌握相关政府信息　２　１　—　０　０　０　３",
    );
    assert!(text.contains("　—　"), "the fixture line was rewritten");
    let render = || -> Result<String, String> {
        let mut sources = Sources::new();
        let compiled = gouji::rules::load(&mut sources, &[]);
        let file = sources.add(display.clone(), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        let blank: Vec<_> = checked
            .findings
            .into_iter()
            .filter(|d| d.code == Code::BlankCell)
            .collect();
        assert_eq!(blank.len(), 1, "one blank cell");
        Ok(render::to_string(&sources, &blank))
    };
    let zh = with_lang(Lang::Zh, render)?;
    // The caret under `—`: the line before it is the report line; count display columns.
    let lines: Vec<&str> = zh.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("　—　"))
        .ok_or("the line is shown")?;
    let width = |s: &str| -> usize { s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() };
    let line = lines[at];
    let caret_line = lines[at + 1];
    let dash = line.find('—').ok_or("dash")?;
    let caret = caret_line.find('^').ok_or("caret")?;
    assert_eq!(
        width(&line[..dash]),
        width(&caret_line[..caret]),
        "the caret stands under the dash:\n{line}\n{caret_line}"
    );
    both("r030_full_width_line", render)
}

/// The first finding of each code, from its fixture, in the current language.
fn one_finding_of_every_code() -> Result<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures");
    let mut out = String::new();
    for &code in Code::ALL {
        // A code about several reports has a folder of reports: its findings come from the
        // batch, snapshot in both languages by their own tests above.
        if dir.join(code.as_str()).is_dir() {
            continue;
        }
        // A file that cannot be read (R100-R105, R110-R117) is a container fixture (`R100.doc`,
        // `R110.pdf`, …) refused by the command line: tests/codes.rs checks it in Chinese and
        // tests/containers.rs and tests/fixed.rs in English.
        let container = ["doc", "docx", "wps", "xls", "zip", "ofd", "pdf"]
            .iter()
            .any(|ext| dir.join(format!("{code}.{ext}")).is_file());
        if container {
            continue;
        }
        let name = [format!("{code}.txt"), format!("{code}.gouji")]
            .into_iter()
            .find(|n| dir.join(n).is_file())
            .ok_or(format!("no fixture for {code}"))?;
        if code == Code::Unreadable {
            // Not a library finding: the command line prints the decoding error with the code.
            let bytes = std::fs::read(dir.join(&name)).map_err(|e| e.to_string())?;
            let err = gouji::report::decode::decode(&bytes)
                .err()
                .ok_or("R001.txt decodes")?;
            out.push_str(&format!(
                "{}[{code}]: {}\n\n",
                gouji::diagnostic::Severity::Error.word(),
                err
            ));
            continue;
        }
        let (display, text) = read_fixture(&name)?;
        let mut sources = Sources::new();
        let diags = if name.ends_with(".gouji") {
            gouji::rules::load(&mut sources, &[(display, text)]).diagnostics
        } else {
            let compiled = gouji::rules::load(&mut sources, &[]);
            let file = sources.add(display, text.clone());
            gouji::check_report(&compiled, file, &text, &ReadOptions { year: None }).findings
        };
        let first: Vec<_> = diags
            .into_iter()
            .filter(|d| d.code == code)
            .take(1)
            .collect();
        if first.is_empty() {
            return Err(format!("{name} gives no {code}"));
        }
        out.push_str(&render::to_string(&sources, &first));
    }
    Ok(out)
}

#[test]
fn one_finding_of_every_code_in_both_languages() -> Result<(), String> {
    both("every_code", one_finding_of_every_code)
}

#[test]
fn a_figure_in_the_text_that_differs_from_the_table_points_at_both() -> Result<(), String> {
    both("r070_text_contradicts_table", || check("R070.txt"))
}

#[test]
fn a_year_copied_from_last_years_report_is_a_warning() -> Result<(), String> {
    both("r071_year_mismatch", || check("R071.txt"))
}

/// The reports of a batch fixture (`tests/fixtures/R072/`) checked together, as `gouji check
/// *.txt` prints the findings that need several reports.
fn check_batch(dir: &str) -> Result<String, String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    paths.sort();
    let mut sources = Sources::new();
    let compiled = gouji::rules::load(&mut sources, &[]);
    let mut docs = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).map_err(|e| e.to_string())?;
        let name = format!(
            "tests/fixtures/{dir}/{}",
            p.file_name().and_then(|n| n.to_str()).unwrap_or_default()
        );
        let file = sources.add(name.clone(), text.clone());
        let checked = gouji::check_report(&compiled, file, &text, &ReadOptions { year: None });
        docs.push((name, checked.document, text));
    }
    let ws = match std::fs::read_to_string(folder.join("gouji.toml")) {
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
    let found = gouji::cross::check(&compiled, &reports, &ws);
    assert!(!found.is_empty(), "{dir} gives no findings across reports");
    Ok(render::to_string(&sources, &found))
}

#[test]
fn a_carry_over_that_is_not_last_years_points_into_both_reports() -> Result<(), String> {
    both("r072_cross_year_pair", || check_batch("R072"))
}

#[test]
fn a_roll_up_cell_shows_each_report_it_sums() -> Result<(), String> {
    both("r073_rollup", || check_batch("R073"))
}

#[test]
fn a_roll_up_with_reports_missing_lists_who_is_missing() -> Result<(), String> {
    both("r074_rollup_incomplete", || check_batch("R074"))
}
