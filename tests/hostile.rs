//! Hostile rule files, found by hand: each once crashed gouji, hung it or flooded its output.
//! Run through the real binary, as a user (or a language server) would meet them.

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
        // These tests read the English words; the Chinese ones: tests/cli.rs.
        .env("GOUJI_LANG", "en")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn write(dir: &tempdir::Dir, name: &str, text: &str) -> String {
    let p = dir.0.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

mod tempdir {
    /// A fresh folder under the target directory, removed at the end.
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new(tag: &str) -> Dir {
            let p =
                std::env::temp_dir().join(format!("gouji-hostile-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const HEAD: &str = "regulation 示范年报 version 1 {\n  report_years 2021..\n  section 总体情况 \"一、总体情况\" {\n    table 表 \"表\" {\n      column 数 \"数\"\n";
const TAIL: &str = "    }\n  }\n}\n";

fn report() -> String {
    format!("{}/examples/report-2023.txt", env!("CARGO_MANIFEST_DIR"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn four_thousand_nested_groups_are_refused_with_g009_not_a_stack_overflow() {
    let dir = tempdir::Dir::new("nest");
    let n = 4000;
    let mut s = HEAD.to_string();
    for i in 0..n {
        s.push_str(&format!("      group 组{i} \"组{i}\" {{\n"));
    }
    s.push_str("      row 行 \"行\"\n");
    for _ in 0..n {
        s.push_str("      }\n");
    }
    s.push_str(TAIL);
    let f = write(&dir, "nest.gouji", &s);
    for args in [
        vec!["check", "--rules", &f, &report()],
        vec!["fmt", "--check", &f],
        vec!["test", &f],
        vec!["rules", "--rules", &f],
    ] {
        let o = gouji(&args);
        let out = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}");
        assert!(out.contains("error[G009]"), "{args:?}: {out}");
        assert!(out.contains("nested more than 64 deep"), "{args:?}: {out}");
    }
}

#[test]
fn nesting_up_to_the_limit_is_read() {
    let dir = tempdir::Dir::new("nest-ok");
    // regulation, section, table and 61 groups: 64 levels.
    let n = 61;
    let mut s = HEAD.to_string();
    for i in 0..n {
        s.push_str(&format!("      group 组{i} \"组{i}\" {{\n"));
    }
    s.push_str("      row 行 \"行\"\n");
    for _ in 0..n {
        s.push_str("      }\n");
    }
    s.push_str(TAIL);
    let f = write(&dir, "nest.gouji", &s);
    let o = gouji(&["rules", "--rules", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn a_syntax_error_on_100k_braces_quotes_a_short_excerpt() {
    let dir = tempdir::Dir::new("braces");
    let f = write(&dir, "braces.gouji", &"{".repeat(100_000));
    let o = gouji(&["fmt", "--check", &f]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.len() < 2_000, "{} bytes of output", out.len());
    // Braces below the nesting limit but a long run of junk on one line: still an excerpt.
    let junk = format!(
        "regulation 示范年报 version 1 {{\n  {}\n}}\n",
        "%".repeat(100_000)
    );
    let f = write(&dir, "junk.gouji", &junk);
    let o = gouji(&["check", "--rules", &f, &report()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("error[G001]"), "{out}");
    assert!(out.len() < 2_000, "{} bytes of output", out.len());
    // An unclosed label of 100k characters.
    let open = format!(
        "regulation 示范年报 version 1 {{\n  issued_by \"{}\n}}\n",
        "某".repeat(100_000)
    );
    let f = write(&dir, "open.gouji", &open);
    let o = gouji(&["check", "--rules", &f, &report()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.len() < 2_000, "{} bytes of output", out.len());
}

#[test]
fn a_30000_character_misspelt_name_gets_no_suggestion_and_a_short_message() {
    let dir = tempdir::Dir::new("dym");
    let mut s = HEAD.to_string();
    for i in 0..3000 {
        s.push_str(&format!("      row r{i} \"行{i}\"\n"));
    }
    s.push_str(&format!(
        "      check k each column: r1 = {}\n",
        "r".repeat(30_000)
    ));
    s.push_str(TAIL);
    let f = write(&dir, "dym.gouji", &s);
    let o = gouji(&["check", "--rules", &f, &report()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("error[G002]"), "{out}");
    assert!(!out.contains("did you mean"), "{out}");
    assert!(out.len() < 2_000, "{} bytes of output", out.len());
    // An ordinary misspelling still gets its suggestion.
    let mut s = HEAD.to_string();
    s.push_str(
        "      row 上年结转 \"二、上年结转\"\n      check k each column: 上年接转 = 上年结转\n",
    );
    s.push_str(TAIL);
    let f = write(&dir, "typo.gouji", &s);
    let o = gouji(&["check", "--rules", &f, &report()]);
    assert!(
        text(&o).contains("did you mean `上年结转`?"),
        "{}",
        text(&o)
    );
}

/// 20,000 rows with a check each: compiling once scanned every row for every operand (16k rows
/// took 4 s in a release build, 32k rows 21 s). Names are now indexed; `cargo bench` measures it.
#[test]
fn twenty_thousand_rows_each_with_a_check_compile() {
    let dir = tempdir::Dir::new("rows");
    let n = 20_000;
    let mut s = HEAD.to_string();
    for i in 0..n {
        s.push_str(&format!(
            "      row r{i} \"行{i}\"\n      check k{i} each column: r{i} = r{i}\n"
        ));
    }
    // Cells named `row.column`, the other lookup path.
    for i in 0..n {
        s.push_str(&format!("      check c{i}: r{i}.数 >= 0\n"));
    }
    s.push_str(TAIL);
    let f = write(&dir, "rows.gouji", &s);
    let o = gouji(&["rules", "--rules", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("示范年报 1"), "{}", text(&o));
}

/// Found by the `report` fuzz target: a heading numeral (`三、`) followed by a character that
/// folds into several key characters (`∰` is three `∫`), whose key characters share one byte
/// range. Looking for the end of the heading's line sliced the text backwards and panicked.
#[test]
fn a_heading_numeral_before_a_character_that_folds_into_three_is_read_without_a_panic() {
    let dir = tempdir::Dir::new("fold-three");
    let path = write(&dir, "report.txt", "采购总金额三、∰");
    let o = gouji(&["check", &path]);
    let said = text(&o);
    assert!(!said.contains("panicked"), "{said}");
    // Read to the end: not an annual report (R001, exit 2), rather than a crash (101).
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("error[R001]"), "{said}");
}
