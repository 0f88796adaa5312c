//! `gouji test`: the examples in rule files, and which checks they exercise.

use super::load_rules;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use gouji::examples;
use gouji::report::short;
use gouji::source::Sources;
use std::io::Write;
use std::process::ExitCode;

pub fn run(files: &[String], color: ColorChoice) -> ExitCode {
    let mut sources = Sources::new();
    let Some(compiled) = load_rules(&mut sources, files, true, color) else {
        return ExitCode::from(2);
    };
    let runs = examples::run(&compiled, &mut sources);
    let mut out = StandardStream::stdout(color);
    let (mut passed, mut failed, mut unfired) = (0, 0, 0);
    for (ri, rs) in compiled.rule_sets.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}",
            gouji::tr!(
                "test-rule-set",
                regulation = rs.regulation.as_str(),
                version = rs.version.as_str(),
                file = sources.get(rs.span.file).name.as_str()
            )
        );
        for run in runs.iter().filter(|r| r.rule_set == ri) {
            let ex = &rs.examples[run.example];
            let place = match ex.table {
                Some(t) => format!("{} › {}", rs.tables[t].id, ex.id),
                None => ex.id.clone(),
            };
            let at = |span: gouji::source::Span| {
                let f = sources.get(span.file);
                let line = f.line_col_chars(span.start).0;
                if span.file == rs.span.file {
                    gouji::tr!("test-line", line = line)
                } else {
                    format!("{}:{line}", f.name)
                }
            };
            let line = at(ex.span);
            let fired: Vec<String> = run
                .exercised
                .iter()
                .map(|&(t, c)| {
                    let ch = &rs.tables[t].checks[c];
                    gouji::tr!("test-check-at", check = ch.id.as_str(), place = at(ch.span))
                })
                .collect();
            if run.passed() {
                passed += 1;
                let what = match &ex.expects {
                    None => gouji::tr!("test-passes"),
                    Some(codes) => gouji::tr!(
                        "test-produces",
                        codes = codes
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let what = if fired.is_empty() {
                    what
                } else {
                    gouji::tr!(
                        "test-exercises",
                        result = what,
                        checks = gouji::i18n::join(&fired)
                    )
                };
                let _ = writeln!(
                    out,
                    "  {}",
                    gouji::tr!(
                        "test-ok",
                        place = place.as_str(),
                        line = line.as_str(),
                        result = what
                    )
                );
            } else {
                failed += 1;
                let _ = writeln!(
                    out,
                    "  {}",
                    gouji::tr!("test-fail", place = place.as_str(), line = line.as_str())
                );
                for p in &run.problems {
                    let _ = writeln!(out, "        {p}");
                }
                let _ = gouji::diagnostic::render::emit(&mut out, &sources, &run.findings);
            }
        }
        for (t, c, span) in examples::never_fired(&compiled, ri, &runs) {
            unfired += 1;
            let ch = &rs.tables[t].checks[c];
            let _ = writeln!(
                out,
                "  {}",
                gouji::tr!(
                    "test-missing",
                    check = ch.id.as_str(),
                    table = short(&rs.tables[t].label),
                    place = format!(
                        "{}:{}",
                        sources.get(span.file).name,
                        sources.get(span.file).line_col_chars(span.start).0
                    )
                )
            );
        }
        for (f, span) in examples::facts_never_fired(&compiled, ri, &runs) {
            unfired += 1;
            let _ = writeln!(
                out,
                "  {}",
                gouji::tr!(
                    "test-missing-fact",
                    fact = rs.facts[f].id.as_str(),
                    place = format!(
                        "{}:{}",
                        sources.get(span.file).name,
                        sources.get(span.file).line_col_chars(span.start).0
                    )
                )
            );
        }
    }
    let _ = writeln!(
        out,
        "{}",
        gouji::tr!(
            "test-summary",
            examples = passed + failed,
            passed = passed,
            failed = failed,
            unfired = unfired
        )
    );
    if failed > 0 || unfired > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
