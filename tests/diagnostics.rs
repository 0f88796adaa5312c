//! Snapshots of diagnostics as a person sees them (`gouji check` without colour), for a few
//! representative fixtures. Review changes with `cargo insta review`: read each snapshot as a
//! policy officer would — is the headline clear, does it point at the right cell, are the numbers
//! right?

use gouji::diagnostic::render;
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

#[test]
fn a_wrong_seventh_total_shows_the_arithmetic_and_every_cell_added_up() -> Result<(), String> {
    insta::assert_snapshot!("r040_seventh_total_does_not_add_up", check("R040.txt")?);
    Ok(())
}

#[test]
fn a_broken_balance_names_the_official_rule() -> Result<(), String> {
    insta::assert_snapshot!("r040_balance_does_not_hold", check("R040-balance.txt")?);
    Ok(())
}

#[test]
fn a_blank_cell_is_reported_with_the_identities_it_leaves_unchecked() -> Result<(), String> {
    insta::assert_snapshot!("r030_blank_cell", check("R030.txt")?);
    Ok(())
}

#[test]
fn the_letter_o_for_zero_is_not_guessed() -> Result<(), String> {
    insta::assert_snapshot!("r031_letter_o_for_zero", check("R031.txt")?);
    Ok(())
}

#[test]
fn a_misspelled_name_in_a_rule_file_gets_a_did_you_mean() -> Result<(), String> {
    insta::assert_snapshot!("g002_misspelled_column", compile("G002.gouji")?);
    Ok(())
}

#[test]
fn a_syntax_error_in_a_rule_file_is_explained_in_words() -> Result<(), String> {
    insta::assert_snapshot!("g001_missing_colon", compile("G001.gouji")?);
    Ok(())
}

#[test]
fn a_misnumbered_heading_says_which_number_belongs() -> Result<(), String> {
    insta::assert_snapshot!("r011_misnumbered_heading", check("R011.txt")?);
    Ok(())
}

#[test]
fn a_stale_2019_table_in_a_2022_report_names_both_formats() -> Result<(), String> {
    insta::assert_snapshot!("r004_stale_2019_table", check("R004.txt")?);
    Ok(())
}

#[test]
fn a_figure_in_the_text_that_differs_from_the_table_points_at_both() -> Result<(), String> {
    insta::assert_snapshot!("r070_text_contradicts_table", check("R070.txt")?);
    Ok(())
}

#[test]
fn a_year_copied_from_last_years_report_is_a_warning() -> Result<(), String> {
    insta::assert_snapshot!("r071_year_mismatch", check("R071.txt")?);
    Ok(())
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
    insta::assert_snapshot!("r072_cross_year_pair", check_batch("R072")?);
    Ok(())
}

#[test]
fn a_roll_up_cell_shows_each_report_it_sums() -> Result<(), String> {
    insta::assert_snapshot!("r073_rollup", check_batch("R073")?);
    Ok(())
}

#[test]
fn a_roll_up_with_reports_missing_lists_who_is_missing() -> Result<(), String> {
    insta::assert_snapshot!("r074_rollup_incomplete", check_batch("R074")?);
    Ok(())
}
