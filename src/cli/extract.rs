//! `gouji extract`: what was read from each report, as JSON or CSV.

use super::{load_report, load_rules, ExtractFormat, Loaded, RuleArgs};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::report::{short, ReadOptions, Value};
use gouji::source::Sources;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    files: &[String],
    rules: &RuleArgs,
    year: Option<u32>,
    format: ExtractFormat,
) -> ExitCode {
    let files = match super::expand_inputs(files) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gouji: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sources = Sources::new();
    let Some(compiled) = load_rules(
        &mut sources,
        &rules.rule_files,
        rules.no_bundled,
        ColorChoice::Never,
    ) else {
        return ExitCode::from(2);
    };
    let mut out = std::io::stdout();
    let mut all = Vec::new();
    let mut failed = false;
    if format == ExtractFormat::Csv {
        let _ = writeln!(
            out,
            "file,year,rule_set,table,row,column,row_label,column_label,value,raw,line"
        );
    }
    for path in &files {
        let file = match load_report(&mut sources, path, path) {
            Loaded::Ok(f) => f,
            Loaded::Failed(m) | Loaded::NotText(m) => {
                let _ = writeln!(std::io::stderr(), "gouji: {m}");
                failed = true;
                continue;
            }
        };
        let src = sources.get(file);
        let doc = gouji::report::read(&compiled, file, &src.text, &ReadOptions { year });
        let rs = doc.rule_set.map(|i| &compiled.rule_sets[i]);
        let sections: Vec<_> = doc
            .sections
            .iter()
            .map(|s| json!({"id": rs.map(|r| r.sections[s.section].id.clone()), "heading": src.text[s.heading.range()].to_string(), "line": src.line_col_chars(s.heading.start).0}))
            .collect();
        let mut cells = Vec::new();
        for t in &doc.tables {
            let trs = &compiled.rule_sets[t.rule_set];
            let table = &trs.tables[t.table];
            for c in &t.cells {
                let value = match c.value {
                    Value::Number(v) => json!(v),
                    _ => serde_json::Value::Null,
                };
                let state = match c.value {
                    Value::Number(_) => "number",
                    Value::NoValue => "blank",
                    Value::Unreadable => "unreadable",
                };
                let line = src.line_col_chars(c.span.start).0;
                let row = &table.rows[c.row];
                let col = &table.columns[c.col];
                if format == ExtractFormat::Csv {
                    let v = match c.value {
                        Value::Number(v) => gouji::compile::fmt_num(v),
                        _ => String::new(),
                    };
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{},{},{}",
                        csv(path),
                        doc.year.map(|y| y.to_string()).unwrap_or_default(),
                        csv(&trs.version),
                        csv(&table.id),
                        csv(&row.id),
                        csv(&col.id),
                        csv(short(&row.label)),
                        csv(&col.label),
                        v,
                        csv(&c.raw),
                        line
                    );
                }
                cells.push(json!({
                    "table": table.id, "row": row.id, "column": col.id,
                    "row_label": row.label, "column_label": col.label,
                    "value": value, "state": state, "raw": c.raw, "line": line, "rule_set": trs.version,
                }));
            }
        }
        all.push(json!({
            "path": path,
            "year": doc.year,
            "regulation": rs.map(|r| r.regulation.clone()),
            "rule_set": rs.map(|r| r.version.clone()),
            "truncated": doc.truncated,
            "sections": sections,
            "cells": cells,
        }));
    }
    if format == ExtractFormat::Json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"files": all})).unwrap_or_default()
        );
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
