//! `gouji extract`: what was read from each report, as JSON or CSV.

use super::{load_report, load_rules, ExtractFormat, Loaded, RuleArgs};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::compile::CellKind;
use gouji::report::{short, ReadOptions, Value};
use gouji::source::Sources;
use serde::Serialize;
use serde_json::json;
use serde_json::value::RawValue;
use std::io::Write;
use std::process::ExitCode;

/// The byte-order mark that makes Excel and WPS read a CSV file as UTF-8.
const BOM: &str = "\u{feff}";

#[derive(Serialize)]
struct Out<'a> {
    files: Vec<FileOut<'a>>,
}

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
    let mut out = std::io::stdout();
    let mut all = Vec::new();
    let mut failed = false;
    if format == ExtractFormat::Csv {
        let _ = writeln!(
            out,
            "{}file,year,rule_set,table,row,column,row_label,column_label,value,raw,line",
            if bom { BOM } else { "" }
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
                let row = &table.rows[c.row];
                let col = &table.columns[c.col];
                let text = match c.value {
                    Value::Number(v) => Some(number_text(v, &col.kind, &c.raw)),
                    _ => None,
                };
                let state = match c.value {
                    Value::Number(_) => "number",
                    Value::NoValue => "blank",
                    Value::Unreadable => "unreadable",
                };
                let line = src.line_col_chars(c.span.start).0;
                if format == ExtractFormat::Csv {
                    let v = text.clone().unwrap_or_default();
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
                cells.push(CellOut {
                    table: &table.id,
                    row: &row.id,
                    column: &col.id,
                    row_label: &row.label,
                    column_label: &col.label,
                    value: text.and_then(|t| RawValue::from_string(t).ok()),
                    state,
                    raw: c.raw.clone(),
                    line,
                    rule_set: &trs.version,
                });
            }
        }
        all.push(FileOut {
            path,
            year: doc.year,
            regulation: rs.map(|r| r.regulation.clone()),
            rule_set: rs.map(|r| r.version.clone()),
            truncated: doc.truncated,
            sections,
            cells,
        });
    }
    if format == ExtractFormat::Json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&Out { files: all }).unwrap_or_default()
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
