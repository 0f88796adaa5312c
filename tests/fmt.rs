//! The rule-file formatter: the bundled rules are already in its layout, it is idempotent, it
//! never changes what a file means nor loses a comment, it refuses files with syntax errors, and
//! `gouji fmt` rewrites files in place or, with `--check`, only reports them.

// Tests may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gouji::fmt::format;
use gouji::source::FileId;
use gouji::syntax;
use std::path::PathBuf;
use std::process::Command;

const RULES_2021: &str = include_str!("../rules/gov-info-disclosure-2021.gouji");
const RULES_2019: &str = include_str!("../rules/gov-info-disclosure-2019.gouji");
/// A rule file without its `example` items (and their `///` lines): the whitespace-scrambling
/// tests below work line by line and would scramble the text blocks, which are kept as written.
fn without_examples(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if in_block {
            // `""" previous """` and `""" """` close one text block and open the next.
            if line.matches("\"\"\"").count() % 2 == 1 {
                in_block = false;
            }
            continue;
        }
        if line.trim_start().starts_with("example ") || line.trim_start().starts_with("示例 ") {
            while out
                .last()
                .is_some_and(|l| l.trim_start().starts_with("///"))
            {
                out.pop();
            }
            if out.last().is_some_and(|l| l.trim().is_empty()) {
                out.pop();
            }
            in_block = line.matches("\"\"\"").count() == 1;
            continue;
        }
        out.push(line);
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[test]
fn text_blocks_are_kept_as_written() {
    for (name, text) in BUNDLED {
        assert!(text.contains("示例 "), "{name} has examples");
        let messy = text
            .replace("\n      示例", "\n 示例")
            .replace("\n    示例", "\n\t示例");
        assert_eq!(fmt(&messy), text, "{name}");
    }
}

const BUNDLED: [(&str, &str); 2] = [
    ("gov-info-disclosure-2021.gouji", RULES_2021),
    ("gov-info-disclosure-2019.gouji", RULES_2019),
];

/// Everything at once: braces on lines of their own, several items on a line, tabs, odd
/// indentation, extra and missing spaces, runs of blank lines, comments everywhere, a check whose
/// expression is broken over lines, Chinese identifiers and 「」 strings.
const MESSY_LAYOUT: &str = "


// 头注释\t\x20\x20
/// 文档：规定的说明
regulation   测试规定 version 2019-rev extends 2021
{ // 开括号上的注释
\tissued_by    \"国办〔2019〕60号\"
report_years 2019 .. 2020   title 「年度  报告」



     section 总体 \"一、总体情况\" optional {aliases \"一、概述\" ,\"一、工作\"
  topic 主动 「（一）主动公开」
  }
  section 表格 { table 表三 \"申请\" inline { header \"信息内容\",\"申请人情况\"
  columns  自然人 ,商业企业,总计   count
        column 金额 \"金额（万元）\" amount 万元(人民币) precision 2
    //  块前注释，两个空格
    block 第一 { row 新收 \"一、新收\" row 结转 }
    group 结果 \"三、结果\"
    // 大括号前的注释
    {

      row 公开

    }
  check 平衡 each
  row :总计=自然人+sum( 结果 )-0.5   // 行内注释
  message \"应相等\"   tolerance 0.5
      error
/// 列检查
check each column:新收>=结转 code \"X1\"
  // 结尾注释
  }}
  amend section 其他 { remove 信息处理费
  require 费用 mention \"收费\" ,「费用」 warning message \"说明\"
  }
}
// 末尾注释



";

/// Spacing: tabs and ideographic spaces between tokens, spaces inside `sum( )` and around `..`,
/// comparisons without spaces, trailing whitespace everywhere, strings that hold `//`, braces and
/// runs of spaces (which must stay as they are).
const MESSY_SPACING: &str = "regulation\u{3000}规定 version 2021 {   \n\
\x20   title\t\t\"含 // 的  标题 { }\"\t\n\
\x20 report_years 2021  ..   \n\
\x20 section 节 \"二、 情况\" {\u{3000}\n\
\x20\x20\x20\x20\x20\x20table 表 {\n\
\t\t\tcolumns a,b ,  c\n\
\t\t\trow 行一 「一、 行  一」\n\
\t\t\tcheck 和 each row : c = a+b // a+b  不要动\n\
\t\t\t\x20\x20\x20message \"a+b=c \\\"引号\\\"\" code\"C1\"\n\
\t\t\tcheck each column: 表.c <= sum ( 表.a ) + 1.5 - b\n\
\t\t\tcheck : 0≤a\n\
\t\t\tcheck:a!=b warning\n\
\t\t}\n\
\x20\x20}\n\
}";

fn fmt(text: &str) -> String {
    match format(FileId(0), text) {
        Ok(out) => out,
        Err(errors) => panic!("unexpected syntax errors: {errors:#?}\nin:\n{text}"),
    }
}

/// The parse tree with every span blanked out: what a rule file means.
fn meaning(text: &str) -> String {
    let (tree, errors) = syntax::parse(FileId(0), text);
    assert!(errors.is_empty(), "syntax errors: {errors:#?}\nin:\n{text}");
    strip_spans(&format!("{tree:?}"))
}

/// `Span { file: FileId(0), start: 3, end: 9 }` → `Span`.
fn strip_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find("Span { file: ") {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let end = rest[at..]
            .find('}')
            .map(|e| at + e + 1)
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Each line cut into its code (with every string replaced by `S`) and its comment, if any: what
/// follows the first `//` that is not inside a string. (Written without the formatter's lexer,
/// so the two check each other.)
fn code_and_comments(text: &str) -> Vec<(String, Option<String>)> {
    let mut lines = Vec::new();
    for line in text.split(['\n', '\r']) {
        let chars: Vec<char> = line.chars().collect();
        let mut code = String::new();
        let mut comment = None;
        let mut i = 0;
        let mut quote: Option<char> = None;
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some('"') if c == '\\' => i += 1,
                Some(close) if c == close => quote = None,
                Some(_) => {}
                None if c == '"' => (quote, code) = (Some('"'), code + "S"),
                None if c == '「' => (quote, code) = (Some('」'), code + "S"),
                None if c == '/' && chars.get(i + 1) == Some(&'/') => {
                    comment = Some(chars[i..].iter().collect::<String>().trim_end().to_string());
                    break;
                }
                None => code.push(c),
            }
            i += 1;
        }
        lines.push((code, comment));
    }
    lines
}

/// The comments of a text, in order.
fn comments(text: &str) -> Vec<String> {
    code_and_comments(text)
        .into_iter()
        .filter_map(|(_, comment)| comment)
        .collect()
}

/// The house layout, as far as it can be seen line by line: two spaces per level, single spaces
/// between tokens, a `{` only at the end of a line and a `}` only at its start.
fn assert_house_layout(name: &str, out: &str) {
    for (code, _) in code_and_comments(out) {
        let inner = code.trim_start_matches(' ');
        let indent = code.len() - inner.len();
        let inner = inner.trim_end();
        assert!(indent % 2 == 0, "{name}: odd indentation in `{code}`");
        assert!(
            !inner.contains("  ") && !inner.contains(['\t', '\u{3000}']),
            "{name}: loose spacing in `{code}`"
        );
        assert!(
            !inner.trim_end_matches('{').contains('{'),
            "{name}: `{{` inside `{code}`"
        );
        assert!(
            !inner.trim_start_matches('}').contains('}'),
            "{name}: `}}` inside `{code}`"
        );
        assert!(!inner.starts_with("}}"), "{name}: two `}}` on `{code}`");
    }
}

/// Format, and check everything the formatter promises about the result.
fn check_formatting(name: &str, text: &str) -> String {
    let out = fmt(text);
    assert_eq!(
        meaning(&out),
        meaning(text),
        "{name}: formatting changed the meaning\n{out}"
    );
    assert_eq!(
        comments(&out),
        comments(text),
        "{name}: comments changed\n{out}"
    );
    let out_lines: Vec<&str> = out.split(['\n', '\r']).map(str::trim).collect();
    for line in text
        .split(['\n', '\r'])
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
    {
        if line.starts_with("//") {
            assert!(
                out_lines.contains(&line),
                "{name}: comment line `{line}` lost\n{out}"
            );
        }
    }
    assert_eq!(fmt(&out), out, "{name}: formatting is not idempotent");
    assert_house_layout(name, &out);
    let lf = out.replace("\r\n", "\n");
    assert!(
        lf.is_empty() || (lf.ends_with('\n') && !lf.ends_with("\n\n")),
        "{name}: must end with one line break"
    );
    for line in lf.lines() {
        assert_eq!(
            line,
            line.trim_end(),
            "{name}: trailing whitespace in `{line}`"
        );
        assert!(
            !line.starts_with('\t'),
            "{name}: tab indentation in `{line}`"
        );
    }
    assert!(
        !lf.contains("\n\n\n"),
        "{name}: a run of blank lines survived"
    );
    out
}

#[test]
fn bundled_rule_files_are_already_formatted() {
    for (name, text) in BUNDLED {
        assert_eq!(fmt(text), text, "{name} is not in the formatter's layout");
    }
}

#[test]
fn messy_layout_before_after() {
    let out = check_formatting("messy layout", MESSY_LAYOUT);
    insta::assert_snapshot!("messy_layout", out);
}

#[test]
fn messy_spacing_before_after() {
    let out = check_formatting("messy spacing", MESSY_SPACING);
    insta::assert_snapshot!("messy_spacing", out);
}

/// The bundled files, disordered in ways the formatter must undo exactly.
#[test]
fn disordered_bundled_files_come_back_unchanged() {
    for (name, text) in BUNDLED {
        let owned = without_examples(text);
        let text = owned.as_str();
        let flattened: String = text
            .lines()
            .map(|l| format!("{}\n", l.trim_start()))
            .collect();
        let tabbed: String = text
            .lines()
            .enumerate()
            .map(|(n, l)| format!("{}{}\n", "\t".repeat(n % 5), l.trim_start()))
            .collect();
        let spread: String = text
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n \n\t\n\n".to_string()
                } else {
                    format!("{l}   \t\n")
                }
            })
            .collect();
        let loose: String = text
            .lines()
            .map(|l| {
                if l.contains(['"', '「', '/']) {
                    format!("{l}\n")
                } else {
                    let l = l
                        .replace(", ", " ,")
                        .replace(": ", " :")
                        .replace(" = ", "=")
                        .replace(" + ", "+");
                    let l = l
                        .replace("..", " .. ")
                        .replace('(', " ( ")
                        .replace(')', " ) ");
                    format!("{l}\n")
                }
            })
            .collect();
        let padded = format!("\n\n\n{text}\n\n\n");
        for (how, variant) in [
            ("flattened", flattened),
            ("tabbed", tabbed),
            ("spread", spread),
            ("loose", loose),
            ("padded", padded),
        ] {
            assert_ne!(variant, text, "{name} {how}: the variant should differ");
            assert_eq!(
                check_formatting(&format!("{name} {how}"), &variant),
                text,
                "{name} {how}"
            );
        }
    }
}

/// Replace every run of spaces outside strings and comments with one of `blanks`, chosen by a
/// small deterministic generator.
fn reblank(text: &str, blanks: &[&str], seed: u64) -> String {
    let mut state = seed;
    let mut pick = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        blanks[(state >> 33) as usize % blanks.len()]
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut quote: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    out.push(c);
                    if let Some((_, n)) = chars.next() {
                        out.push(n);
                    }
                    continue;
                }
                Some(close) if c == close => quote = None,
                Some(_) => {}
                None if c == '"' => quote = Some('"'),
                None if c == '「' => quote = Some('」'),
                None if line[i..].starts_with("//") => {
                    out.push_str(&line[i..]);
                    break;
                }
                None if c == ' ' => {
                    while chars.next_if(|&(_, n)| n == ' ').is_some() {}
                    out.push_str(pick());
                    continue;
                }
                None => {}
            }
            out.push(c);
        }
    }
    out
}

/// Blanks of every kind between tokens are undone exactly; line breaks between tokens keep the
/// meaning and every comment.
#[test]
fn random_blanks_between_tokens() {
    for (name, text) in BUNDLED {
        let owned = without_examples(text);
        let text = owned.as_str();
        for seed in 0..20 {
            let blanks = reblank(text, &[" ", "  ", "\t", " \t ", "\u{3000}", "   "], seed);
            assert_ne!(blanks, text);
            assert_eq!(
                check_formatting(&format!("{name} blanks {seed}"), &blanks),
                text,
                "{name} blanks {seed}"
            );
            let breaks = reblank(text, &[" ", " ", " ", "\n", "\n\n\n", "\t\n  "], seed);
            check_formatting(&format!("{name} breaks {seed}"), &breaks);
        }
    }
}

#[test]
fn idempotent_on_messy_inputs() {
    let inputs = [
        ("messy layout", MESSY_LAYOUT.to_string()),
        ("messy spacing", MESSY_SPACING.to_string()),
        (
            "one line",
            RULES_2019
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ("no final newline", RULES_2021.trim_end().to_string()),
        ("crlf", MESSY_LAYOUT.replace('\n', "\r\n")),
        ("lone cr", MESSY_LAYOUT.replace('\n', "\r")),
        (
            "empty blocks",
            "regulation R version 1 {section s {\n\n\n table t \"x\" {    }  }}".to_string(),
        ),
        (
            "braces alone",
            "regulation R\n{\n  section s\n\n  // c\n\n  {\n  }\n}\n".to_string(),
        ),
        (
            "amend over lines",
            "regulation R version 1 extends 2 {\n  amend\n  table t {\n  remove x }\n}".to_string(),
        ),
    ];
    for (name, text) in inputs {
        check_formatting(name, &text);
    }
}

#[test]
fn a_file_on_one_line_gets_one_item_per_line() {
    let rules = without_examples(RULES_2019);
    let one_line = rules
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    let expected: String = rules
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(fmt(&one_line), expected);
}

#[test]
fn every_comment_survives() {
    let text = "// 文件头
/// 规定
regulation R version 1 { // 行尾
  // 节前
  /// 节文档
  section s // 节头之后
  { // 括号之后
    topic a // 行一
    // 块尾
  } // 收尾
  //// 四条斜线：文档，以“/”开头
  section t
} // 最后
// 文件尾";
    let out = check_formatting("comments", text);
    assert_eq!(
        out,
        "// 文件头
/// 规定
regulation R version 1 { // 行尾
  // 节前
  /// 节文档
  section s { // 节头之后
    // 括号之后
    topic a // 行一
    // 块尾
  } // 收尾
  //// 四条斜线：文档，以“/”开头
  section t
} // 最后
// 文件尾
"
    );
}

#[test]
fn strings_units_and_version_names_are_kept_byte_for_byte() {
    let text = "regulation R version 2019-rev_2 extends 2021-a {\n  title \"a  b // c { } \\\" d\"\n  section s 「 x  , y 」 {\n    table t {\n      column c amount 万元(人民币):x precision 2\n      column d \"金额\" amount \"元\"\n    }\n  }\n}\n";
    let out = check_formatting("verbatim", text);
    assert_eq!(out, text);
}

#[test]
fn a_string_continued_over_a_line_break_is_left_alone() {
    // A `\` escapes the line break; the next line is inside the string, so it is not re-indented.
    let text = "regulation R version 1 {\n    title \"第一行\\\n   第二行\"\n}\n";
    let out = fmt(text);
    assert_eq!(meaning(&out), meaning(text));
    assert_eq!(fmt(&out), out);
    assert_eq!(
        out,
        "regulation R version 1 {\n  title \"第一行\\\n   第二行\"\n}\n"
    );
}

#[test]
fn blank_lines_are_collapsed_and_trimmed() {
    let text = "\n\n\nregulation R version 1 {\n\n\n  title \"t\"\n\n\n\n  section a\n  \t \n  section b\n\n}\n\n\n";
    assert_eq!(
        fmt(text),
        "regulation R version 1 {\n  title \"t\"\n\n  section a\n\n  section b\n}\n"
    );
}

#[test]
fn crlf_input_stays_crlf() {
    let crlf = MESSY_LAYOUT.replace('\n', "\r\n");
    let out = check_formatting("crlf", &crlf);
    assert_eq!(out, fmt(MESSY_LAYOUT).replace('\n', "\r\n"));
    assert!(
        !out.replace("\r\n", "").contains(['\r', '\n']),
        "every line break is CRLF"
    );
    for (_, text) in BUNDLED {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(fmt(&crlf), crlf);
    }
}

#[test]
fn mixed_line_endings_follow_the_first_one() {
    assert_eq!(
        fmt("regulation R version 1 {\r\n  title \"t\"\n}\r"),
        "regulation R version 1 {\r\n  title \"t\"\r\n}\r\n"
    );
    assert_eq!(
        fmt("regulation R version 1 {\n  title \"t\"\r\n}\r"),
        "regulation R version 1 {\n  title \"t\"\n}\n"
    );
    assert_eq!(
        fmt("regulation R version 1 {\r  title \"t\"\r}"),
        "regulation R version 1 {\n  title \"t\"\n}\n"
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    assert_eq!(
        fmt("\u{FEFF}regulation R version 1 {\ntitle \"t\"}"),
        "\u{FEFF}regulation R version 1 {\n  title \"t\"\n}\n"
    );
}

#[test]
fn empty_and_blank_files_stay_empty() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n \n\t\r\n"), "");
    assert_eq!(fmt("  // 只有注释  \n\n\n"), "// 只有注释\n");
}

#[test]
fn syntax_errors_are_refused_with_the_errors() {
    let broken = [
        "regulation R version 1 {\n  title \"t\"\n",
        "regulation R version 1 {\n  title \"t\"\n  rwo a\n}\n",
        "regulation R version 1 {\n}\n}\n",
        "regulation R version 1 {\n  title \"unterminated\n}\n",
        "regulation R version 1 {\n  section s {\n    table t {\n      check each row: a = \n    }\n  }\n}\n",
    ];
    for text in broken {
        let (_, expected) = syntax::parse(FileId(0), text);
        assert!(
            !expected.is_empty(),
            "the test input should not parse:\n{text}"
        );
        match format(FileId(0), text) {
            Ok(out) => panic!("formatted a file with syntax errors:\n{text}\ninto:\n{out}"),
            Err(errors) => assert_eq!(errors, expected),
        }
    }
}

// ───────────── the command ─────────────

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fmt-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gouji(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_check_exit_codes() {
    let dir = scratch("check");
    let tidy = dir.join("tidy.gouji");
    let messy = dir.join("messy.gouji");
    let broken = dir.join("broken.gouji");
    std::fs::write(&tidy, RULES_2021).unwrap();
    std::fs::write(&messy, MESSY_LAYOUT).unwrap();
    std::fs::write(&broken, "regulation R version 1 {\n  rwo a\n}\n").unwrap();
    let (tidy, messy, broken) = (
        tidy.to_str().unwrap(),
        messy.to_str().unwrap(),
        broken.to_str().unwrap(),
    );

    let (code, stdout, stderr) = gouji(&["fmt", "--check", tidy]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, "");

    let (code, stdout, stderr) = gouji(&["fmt", "--check", tidy, messy]);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, format!("需要重新格式化：{messy}\n"));
    assert_eq!(
        std::fs::read_to_string(messy).unwrap(),
        MESSY_LAYOUT,
        "--check must not write"
    );

    let (code, _, stderr) = gouji(&["fmt", "--check", broken]);
    assert_eq!(code, 2);
    assert!(stderr.contains("有语法错误，未作格式化"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_rewrites_files_in_place() {
    let dir = scratch("rewrite");
    let messy = dir.join("messy.gouji");
    let broken = dir.join("broken.gouji");
    let broken_text = "regulation R version 1 {\n  rwo   a\n}\n";
    std::fs::write(&messy, MESSY_LAYOUT).unwrap();
    std::fs::write(&broken, broken_text).unwrap();
    let (messy, broken) = (messy.to_str().unwrap(), broken.to_str().unwrap());

    let (code, stdout, stderr) = gouji(&["fmt", messy]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, format!("已格式化：{messy}\n"));
    assert_eq!(std::fs::read_to_string(messy).unwrap(), fmt(MESSY_LAYOUT));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left behind: {leftovers:?}"
    );

    let (code, stdout, _) = gouji(&["fmt", messy]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, ""),
        "a formatted file is left alone"
    );
    let (code, _, _) = gouji(&["fmt", "--check", messy]);
    assert_eq!(code, 0);

    let (code, _, _) = gouji(&["fmt", broken]);
    assert_eq!(code, 2);
    assert_eq!(
        std::fs::read_to_string(broken).unwrap(),
        broken_text,
        "a file with syntax errors is not touched"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(target_os = "linux")]
#[test]
fn fmt_refuses_a_file_without_end_instead_of_reading_it_forever() {
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["fmt", "--check", "/dev/zero"])
        .env("GOUJI_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero") && err.contains("more than the"),
        "{err}"
    );
}
