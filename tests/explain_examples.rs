//! The examples in the explanations of the rule-file codes (`gouji explain G…`) do what the
//! explanation says: each example, completed into a rule file where it is a fragment (a table
//! body, a few rows, `…` left out), makes the compiler emit that code. An explanation whose
//! example drifts from the language fails here.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::diagnostic::Code;
use gouji::source::Sources;

/// The first fenced block after `## Example`.
fn example(explanation: &str) -> Option<String> {
    let rest = &explanation[explanation.find("## Example")?..];
    let start = rest.find("```")?;
    let body = &rest[start..];
    let body = &body[body.find('\n')? + 1..];
    Some(body[..body.find("```")?].to_string())
}

/// A fragment made a whole rule file: a regulation around sections, a section around a table,
/// a table around rows and checks; lines of `…` left out.
fn complete(fragment: &str) -> String {
    let mut body = String::new();
    for l in fragment.lines() {
        let t = l.trim();
        if t == "…" {
            continue;
        }
        // `… (sixty more levels) …`: the levels written out.
        if t.starts_with("… (") {
            for i in 0..61 {
                body.push_str(&format!("group 层{i} \"层{i}\" {{\n"));
            }
            continue;
        }
        body.push_str(l);
        body.push('\n');
    }
    let first = body.trim_start();
    if first.starts_with("regulation") {
        return body;
    }
    let head = "regulation 示范年报 version 1 {\n  report_years 2021..\n  section 总体情况 \"一、总体情况\" {\n";
    if first.starts_with("table") {
        format!("{head}{body}  }}\n}}\n")
    } else if first.starts_with("fact") {
        // A fact stands in a section, next to the table it names.
        let table = "    table 申请表 \"申请表\" {\n      column 总计 \"总计\"\n      row 新收 \"一、本年新收\"\n    }\n";
        format!("{head}{table}{body}  }}\n}}\n")
    } else {
        format!("{head}    table 表 \"表\" {{\n{body}    }}\n  }}\n}}\n")
    }
}

#[test]
fn every_rule_file_code_explanation_has_an_example_that_emits_it() {
    // The English explanations (their examples use the English keywords).
    gouji::i18n::set_thread_lang(gouji::i18n::Lang::En);
    let mut checked = 0;
    for &code in Code::ALL {
        if !code.as_str().starts_with('G') {
            continue;
        }
        let Some(fragment) = example(code.explanation()) else {
            panic!("{code}: the explanation has no example");
        };
        let text = complete(&fragment);
        let mut sources = Sources::new();
        let compiled =
            gouji::rules::load(&mut sources, &[("example.gouji".to_string(), text.clone())]);
        let codes: Vec<&str> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(
            codes.contains(&code.as_str()),
            "{code}: the example emits {codes:?}\n{text}"
        );
        checked += 1;
    }
    assert!(checked >= 9);
}
