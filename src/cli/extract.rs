//! `gouji extract`: what was read from each report, as JSON or CSV.

use super::{batch, load_report, load_rules, ExtractFormat, Loaded, RuleArgs};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::compile::{CellKind, Compiled};
use gouji::report::{short, ReadOptions, Value};
use gouji::source::{FileId, SourceFile, Sources};
use serde::Serialize;
use serde_json::json;
use serde_json::value::RawValue;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

/// The byte-order mark that makes Excel and WPS read a CSV file as UTF-8.
const BOM: &str = "\u{feff}";

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    year: Option<u32>,
    regulation: Option<String>,
    rule_set: Option<String>,
    truncated: bool,
    sections: Vec<serde_json::Value>,
    cells: Vec<CellOut<'a>>,
}

#[derive(Serialize)]
struct CellOut<'a> {
    table: &'a str,
    row: &'a str,
    column: &'a str,
    row_label: &'a str,
    column_label: &'a str,
    /// The number as the report printed it: counts as integers, amounts with their decimals.
    value: Option<Box<RawValue>>,
    state: &'static str,
    raw: String,
    line: usize,
    rule_set: &'a str,
}

/// A cell's number as text: a count as an integer (`3`, not `3.0`); an amount with as many
/// decimals as the report printed (`12.50` stays `12.50`).
pub fn number_text(v: f64, kind: &CellKind, raw: &str) -> String {
    if kind.is_amount() {
        let norm: String = raw
            .chars()
            .map(|c| match c {
                '．' => '.',
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        if let Some(dot) = norm.rfind('.') {
            let decimals = norm[dot + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            if decimals > 0 && decimals <= 6 {
                return format!("{v:.decimals$}");
            }
        }
    }
    gouji::compile::fmt_num(v)
}

pub fn run(
    files: &[String],
    rules: &RuleArgs,
    year: Option<u32>,
    format: ExtractFormat,
    opts: batch::Options,
    bom: bool,
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
                "{}file,year,rule_set,table,row,column,row_label,column_label,value,raw,line",
                if bom { BOM } else { "" }
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
                    Value::Number(v) => number_text(v, &col.kind, &c.raw),
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
                Value::Number(v) => RawValue::from_string(number_text(v, &col.kind, &c.raw)).ok(),
                _ => None,
            };
            let state = match c.value {
                Value::Number(_) => "number",
                Value::NoValue => "blank",
                Value::Unreadable => "unreadable",
            };
            cells.push(CellOut {
                table: &table.id,
                row: &row.id,
                column: &col.id,
                row_label: &row.label,
                column_label: &col.label,
                value,
                state,
                raw: c.raw.clone(),
                line,
                rule_set: &trs.version,
            });
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
        &FileOut {
            path,
            year: doc.year,
            regulation: rs.map(|r| r.regulation.clone()),
            rule_set: rs.map(|r| r.version.clone()),
            truncated: doc.truncated,
            sections,
            cells,
        },
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
