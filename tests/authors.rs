//! What rule writers and reviewers use: rules added to the bundled ones, richer checks, the
//! impact of a rule change, reviewed findings (baseline) and rounding. Runs the real binary.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::process::{Command, Output};

fn gouji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("gouji-authors-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

const AMEND_2021: &str = "tests/fixtures/authors/amend-2021.gouji";

#[test]
fn user_rules_add_to_the_bundled_ones_so_a_stale_2019_table_is_still_named() {
    let o = gouji(&["check", "--rules", AMEND_2021, "tests/fixtures/R004.txt"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("error[R004]"), "{text}");
    assert!(!text.contains("R021") && !text.contains("R023"), "{text}");
}

#[test]
fn adding_the_bundled_file_again_is_not_an_overlap() {
    let o = gouji(&[
        "check",
        "--rules",
        "rules/gov-info-disclosure-2021.gouji",
        "--rules",
        AMEND_2021,
        "examples/report-2023.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

#[test]
fn no_bundled_checks_with_the_given_rules_alone() {
    let o = gouji(&["rules", "--no-bundled", "--rules", AMEND_2021]);
    let text = out(&o);
    assert!(text.contains("本省"), "{text}");
    assert!(!text.contains("2019"), "{text}");
    let o = gouji(&["rules", "--rules", AMEND_2021]);
    let text = out(&o);
    assert!(text.contains("本省") && text.contains("2019"), "{text}");
}
