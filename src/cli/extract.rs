//! `gouji extract`: what was read from each report, as JSON or CSV.

use super::{batch, load_report, load_rules, ExtractFormat, Loaded, RuleArgs};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::compile::Compiled;
use gouji::report::{short, ReadOptions, Value};
use gouji::source::{FileId, SourceFile, Sources};
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    files: &[String],
    rules: &RuleArgs,
    year: Option<u32>,
    format: ExtractFormat,
    opts: batch::Options,
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
    let frame = batch::Frame::split(&json!({"files": []}), "files");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match format {
        ExtractFormat::Csv => {
            let _ = writeln!(
                out,
                "file,year,rule_set,table,row,column,row_label,column_label,value,raw,line"
            );
        }
        ExtractFormat::Json => {
            let _ = out.write_all(frame.head.as_bytes());
        }
    }
    let work = |src: &mut Sources, path: &str| -> Result<String, String> {
        let file = match load_report(src, path, path) {
            Loaded::Ok(f) => f,
            Loaded::Failed(m) | Loaded::NotText(m) => return Err(m),
        };
        Ok(one(
            &compiled,
            src.get(file),
            file,
            path,
            year,
            format,
            frame.depth,
        ))
    };
    let (mut failed, mut first) = (false, true);
    batch::run(
        &files,
        &sources,
        opts,
        work,
        |r: Result<String, String>| match r {
            Ok(text) => {
                if format == ExtractFormat::Json {
                    let _ = out.write_all(if first { b"\n" } else { b",\n" });
                    first = false;
                }
                let _ = out.write_all(text.as_bytes());
            }
            Err(m) => {
                let _ = out.flush();
                let _ = writeln!(std::io::stderr(), "gouji: {m}");
                failed = true;
            }
        },
    );
    if format == ExtractFormat::Json {
        let _ = writeln!(out, "{}", frame.close(first));
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// What was read from one report: its CSV lines, or its element of the JSON `files` array.
fn one(
    compiled: &Compiled,
    src: &SourceFile,
    file: FileId,
    path: &str,
    year: Option<u32>,
    format: ExtractFormat,
    depth: usize,
) -> String {
    let doc = gouji::report::read(compiled, file, &src.text, &ReadOptions { year });
    let rs = doc.rule_set.map(|i| &compiled.rule_sets[i]);
    let mut text = String::new();
    let mut cells = Vec::new();
    for t in &doc.tables {
        let trs = &compiled.rule_sets[t.rule_set];
        let table = &trs.tables[t.table];
        for c in &t.cells {
            let line = src.line_col_chars(c.span.start).0;
            let row = &table.rows[c.row];
            let col = &table.columns[c.col];
            if format == ExtractFormat::Csv {
                let v = match c.value {
                    Value::Number(v) => gouji::compile::fmt_num(v),
                    _ => String::new(),
                };
                let _ = writeln!(
                    text,
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
                continue;
            }
            let value = match c.value {
                Value::Number(v) => json!(v),
                _ => serde_json::Value::Null,
            };
            let state = match c.value {
                Value::Number(_) => "number",
                Value::NoValue => "blank",
                Value::Unreadable => "unreadable",
            };
            cells.push(json!({
                "table": table.id, "row": row.id, "column": col.id,
                "row_label": row.label, "column_label": col.label,
                "value": value, "state": state, "raw": c.raw, "line": line, "rule_set": trs.version,
            }));
        }
    }
    // Forms: every field as written, whatever its kind (count fields are also cells above).
    let mut fields = Vec::new();
    for t in &doc.tables {
        let trs = &compiled.rule_sets[t.rule_set];
        let table = &trs.tables[t.table];
        let Some(form) = &table.form else { continue };
        for f in &t.fields {
            let row = &table.rows[f.row];
            let kind = &form.fields[f.row].kind;
            let line = src.line_col_chars(f.span.start).0;
            if format == ExtractFormat::Csv {
                if *kind != gouji::compile::FieldKind::Count {
                    let _ = writeln!(
                        text,
                        "{},{},{},{},{},,{},,,{},{}",
                        csv(path),
                        doc.year.map(|y| y.to_string()).unwrap_or_default(),
                        csv(&trs.version),
                        csv(&table.id),
                        csv(&row.id),
                        csv(&row.label),
                        csv(&f.raw),
                        line
                    );
                }
                continue;
            }
            fields.push(json!({
                "form": table.id, "field": row.id, "label": row.label,
                "kind": kind.word(),
                "value": if f.blank { serde_json::Value::Null } else { json!(f.raw) },
                "line": line, "rule_set": trs.version,
            }));
        }
    }
    if format == ExtractFormat::Csv {
        return text;
    }
    let sections: Vec<_> = doc
        .sections
        .iter()
        .map(|s| json!({"id": rs.map(|r| r.sections[s.section].id.clone()), "heading": src.text[s.heading.range()].to_string(), "line": src.line_col_chars(s.heading.start).0}))
        .collect();
    batch::json_item(
        &json!({
            "path": path,
            "year": doc.year,
            "regulation": rs.map(|r| r.regulation.clone()),
            "rule_set": rs.map(|r| r.version.clone()),
            "truncated": doc.truncated,
            "sections": sections,
            "cells": cells,
            "fields": fields,
        }),
        depth,
    )
}

fn csv(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}
