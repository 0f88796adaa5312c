//! `gouji extract`: what was read from each report, as JSON or CSV; `--text`: the text read.

// A CSV field is quoted as in the summary table.
use super::summary::csv_field as csv;
use super::{batch, load_report, load_rules, ExtractFormat, Loaded, RuleArgs};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::compile::{CellKind, Compiled};
use gouji::diagnostic::Code;
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
    /// A form's fields as written (empty for reports that are not forms).
    fields: Vec<serde_json::Value>,
}

/// A cell as printed. The names and labels from the rules are printed as escaped once per run
/// ([`Names`]): they repeat in every cell of every report, and escaping them again each time was
/// about 5 % of `extract`'s work.
#[derive(Serialize)]
struct CellOut<'a> {
    table: &'a RawValue,
    row: &'a RawValue,
    column: &'a RawValue,
    row_label: &'a RawValue,
    column_label: &'a RawValue,
    /// The number as the report printed it: counts as integers, amounts with their decimals.
    value: Option<Box<RawValue>>,
    state: &'static str,
    raw: &'a str,
    line: usize,
    rule_set: &'a RawValue,
}

/// The rules' names and labels that cells print, each as a JSON string (quoted and escaped),
/// made once for the run.
struct Names {
    /// By rule set: its version, then by table: the table's id, its rows' (id, label) and its
    /// columns' (id, label).
    sets: Vec<(Box<RawValue>, Vec<TableNames>)>,
}

struct TableNames {
    id: Box<RawValue>,
    rows: Vec<(Box<RawValue>, Box<RawValue>)>,
    columns: Vec<(Box<RawValue>, Box<RawValue>)>,
}

/// `s` as a JSON string. A string always prints as valid JSON; the fallback is never taken.
fn json_string(s: &str) -> Box<RawValue> {
    serde_json::value::to_raw_value(s).unwrap_or_default()
}

impl Names {
    fn new(compiled: &Compiled) -> Names {
        let sets = compiled
            .rule_sets
            .iter()
            .map(|rs| {
                let tables = rs
                    .tables
                    .iter()
                    .map(|t| TableNames {
                        id: json_string(&t.id),
                        rows: t
                            .rows
                            .iter()
                            .map(|r| (json_string(&r.id), json_string(&r.label)))
                            .collect(),
                        columns: t
                            .columns
                            .iter()
                            .map(|c| (json_string(&c.id), json_string(&c.label)))
                            .collect(),
                    })
                    .collect();
                (json_string(&rs.version), tables)
            })
            .collect();
        Names { sets }
    }
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

/// The report files named (folders expanded) and the compiled rules, or the exit code of a
/// usage or rule-file error (already reported).
fn prepare(
    files: &[String],
    rules: &RuleArgs,
) -> Result<(Vec<String>, Sources, Compiled), ExitCode> {
    let files = match super::expand_inputs(files) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gouji: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let mut sources = Sources::new();
    let Some(compiled) = load_rules(
        &mut sources,
        &rules.rule_files,
        rules.no_bundled,
        ColorChoice::Never,
    ) else {
        return Err(ExitCode::from(2));
    };
    Ok((files, sources, compiled))
}

pub fn run(
    files: &[String],
    rules: &RuleArgs,
    year: Option<u32>,
    format: ExtractFormat,
    opts: batch::Options,
    bom: bool,
) -> ExitCode {
    let (files, sources, compiled) = match prepare(files, rules) {
        Ok(p) => p,
        Err(code) => return code,
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
    let names = Names::new(&compiled);
    let work = |src: &mut Sources, path: &str| -> Result<Vec<u8>, String> {
        let (file, opened) = match load_report(src, path, path) {
            Loaded::Ok(f, o) => (f, o),
            Loaded::Failed(m) | Loaded::NotText(m, _) => return Err(m),
        };
        Ok(one(
            &compiled,
            &names,
            src.get(file),
            file,
            &opened,
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
        |r: Result<Vec<u8>, String>| match r {
            Ok(text) => {
                if format == ExtractFormat::Json {
                    let _ = out.write_all(if first { b"\n" } else { b",\n" });
                    first = false;
                }
                let _ = out.write_all(&text);
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

/// What was read from one report: its CSV lines, or its element of the JSON `files` array, as
/// the bytes written out.
#[expect(
    clippy::too_many_arguments,
    reason = "one report's extraction: the run's settings and the report, each used once"
)]
fn one(
    compiled: &Compiled,
    names: &Names,
    src: &SourceFile,
    file: FileId,
    opened: &gouji::document::Opened,
    path: &str,
    year: Option<u32>,
    format: ExtractFormat,
    depth: usize,
) -> Vec<u8> {
    let doc =
        super::check_loaded(compiled, file, &src.text, opened, &ReadOptions { year }).document;
    let rs = doc.rule_set.map(|i| &compiled.rule_sets[i]);
    // Sized once: about 200 bytes a cell's CSV line.
    let n: usize = doc.tables.iter().map(|t| t.cells.len()).sum();
    let csv_out = format == ExtractFormat::Csv;
    // A CSV line's first fields: the file and its year.
    let head = if csv_out {
        format!(
            "{},{},",
            csv(path),
            doc.year.map(|y| y.to_string()).unwrap_or_default()
        )
    } else {
        String::new()
    };
    let mut text = String::with_capacity(if csv_out { 200 * n + 256 } else { 0 });
    let mut cells = Vec::with_capacity(if csv_out { 0 } else { n });
    for t in &doc.tables {
        let trs = &compiled.rule_sets[t.rule_set];
        let table = &trs.tables[t.table];
        for c in &t.cells {
            let line = src.line_1(c.span.start);
            let row = &table.rows[c.row];
            let col = &table.columns[c.col];
            if format == ExtractFormat::Csv {
                let v = match c.value {
                    Value::Number(v) => number_text(v, &col.kind, &c.raw),
                    _ => String::new(),
                };
                // The file's fields made once, then the cell's pushed one by one (a `write!` of
                // eleven arguments a cell was a tenth of `extract --format csv`).
                text.push_str(&head);
                push_csv_fields(
                    &mut text,
                    &[
                        &trs.version,
                        &table.id,
                        &row.id,
                        &col.id,
                        short(&row.label),
                        &col.label,
                    ],
                );
                text.push_str(&v);
                text.push(',');
                push_csv_fields(&mut text, &[&c.raw]);
                let _ = writeln!(text, "{line}");
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
            let (version, tables) = &names.sets[t.rule_set];
            let tn = &tables[t.table];
            let (row_id, row_label) = &tn.rows[c.row];
            let (col_id, col_label) = &tn.columns[c.col];
            cells.push(CellOut {
                table: &tn.id,
                row: row_id,
                column: col_id,
                row_label,
                column_label: col_label,
                value,
                state,
                raw: &c.raw,
                line,
                rule_set: version,
            });
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
            let line = src.line_1(f.span.start);
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
        return text.into_bytes();
    }
    let sections: Vec<_> = doc
        .sections
        .iter()
        .map(|s| json!({"id": rs.map(|r| r.sections[s.section].id.clone()), "heading": src.text[s.heading.range()].to_string(), "line": src.line_1(s.heading.start)}))
        .collect();
    // About 300 bytes a cell printed (a report's entry is 50 KB on average over the corpus):
    // room enough from the start that printing seldom moves it.
    batch::json_item_sized(
        300 * cells.len() + 4096,
        &FileOut {
            path,
            year: doc.year,
            regulation: rs.map(|r| r.regulation.clone()),
            rule_set: rs.map(|r| r.version.clone()),
            truncated: doc.truncated,
            sections,
            cells,
            fields,
        },
        depth,
    )
}

/// Each of `fields` as a CSV field followed by a comma.
fn push_csv_fields(out: &mut String, fields: &[&str]) {
    for f in fields {
        out.push_str(&csv(f));
        out.push(',');
    }
}

/// `gouji extract --text`: the text gouji read from each file, one table row per line with `|`
/// between its cells, so a user sees what went in (a web page without its markup, a Word
/// file's paragraphs and tables; for a plain-text file, each row as its cells were read).
/// With `json`, the same lines as JSON: each line a paragraph (`text`) or a table row (`cells`,
/// each with its text exactly as the report has it and the columns it covers), so a tool can
/// rebuild the tables without losing what gouji was unsure of (digits run together stay one
/// cell's text over the columns they fill).
pub fn text(files: &[String], rules: &RuleArgs, year: Option<u32>, json: bool) -> ExitCode {
    let (files, mut sources, compiled) = match prepare(files, rules) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let frame = batch::Frame::split(&json!({"files": []}), "files");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        let _ = out.write_all(frame.head.as_bytes());
    }
    let mut failed = false;
    let mut first = true;
    for path in &files {
        let (file, opened) = match load_report(&mut sources, path, path) {
            Loaded::Ok(f, o) => (f, o),
            Loaded::Failed(m) | Loaded::NotText(m, _) => {
                let _ = out.flush();
                let _ = writeln!(std::io::stderr(), "gouji: {m}");
                failed = true;
                continue;
            }
        };
        let lines = match &opened.view {
            Some(view) => view
                .text
                .lines()
                .map(|l| {
                    if l.contains('\t') {
                        Line::Row(
                            l.split('\t')
                                .map(|c| RowCell::one(c.trim().to_string()))
                                .collect(),
                        )
                    } else {
                        Line::Text(l.trim_end().to_string())
                    }
                })
                .collect(),
            None => {
                let text = &sources.get(file).text;
                let doc =
                    super::check_loaded(&compiled, file, text, &opened, &ReadOptions { year })
                        .document;
                plain_rows(text, &doc)
            }
        };
        if json {
            let _ = out.write_all(if first { b"\n" } else { b",\n" });
            first = false;
            let item = json!({"path": path, "kind": opened.kind.name(), "lines": lines});
            let _ = out.write_all(&batch::json_item_bytes(&item, frame.depth));
            continue;
        }
        if files.len() > 1 {
            let _ = writeln!(out, "==> {path} ({}) <==", opened.kind.name());
        }
        for line in &lines {
            let _ = writeln!(out, "{line}");
        }
    }
    if json {
        let _ = writeln!(out, "{}", frame.close(first));
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One line of what was read: a paragraph's line, or a table row (its label first).
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Line {
    Text(String),
    #[serde(rename = "cells")]
    Row(Vec<RowCell>),
}

/// A cell of a row as the report has it: its text, and how many of the row's cells it fills
/// (more than one for digits run together that gouji split, or could not split).
#[derive(Serialize)]
struct RowCell {
    text: String,
    columns: usize,
    /// What was read in each of those cells (the pieces a run was split into).
    #[serde(skip)]
    read: Vec<String>,
    /// The byte range of a cell's text in the report (empty for a label).
    #[serde(skip)]
    at: (usize, usize),
}

impl RowCell {
    fn one(text: String) -> RowCell {
        RowCell {
            read: vec![text.clone()],
            text,
            columns: 1,
            at: (0, 0),
        }
    }
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Line::Text(t) => f.write_str(t),
            Line::Row(cells) => {
                // A run filling several cells is shown as it was read, cell by cell.
                for (i, r) in cells.iter().flat_map(|c| &c.read).enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    f.write_str(r)?;
                }
                Ok(())
            }
        }
    }
}

/// A plain-text report with each table row read on one line of its own: `label | cell | cell`;
/// the text between the rows as it is.
fn plain_rows(text: &str, doc: &gouji::report::Document) -> Vec<Line> {
    let mut rows: Vec<(usize, usize, Vec<RowCell>)> = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            let mut own: Vec<&gouji::report::Cell> =
                t.cells.iter().filter(|c| c.row == r.row).collect();
            own.sort_by_key(|c| c.col);
            // The label as written: where the reader found it worded differently (R024), all
            // of it (`2.其他法律行政止公开`), not only the part that matched.
            let mut end = doc
                .findings
                .iter()
                .filter(|d| {
                    d.code == Code::LabelWording
                        && d.primary.file == r.label.file
                        && d.primary.start == r.label.start
                })
                .map(|d| d.primary.end)
                .fold(r.label.end, usize::max);
            // A row read by its position (R024: no label, its numbers alone) has an empty label
            // cell: the place the reader gives as its label is its own numbers.
            let unlabelled = own
                .first()
                .is_some_and(|c| !c.raw.is_empty() && c.span.start == r.label.start);
            // A label wrapped over lines stays as the report wraps it.
            let label = if unlabelled {
                String::new()
            } else {
                text[r.label.start..end].trim().to_string()
            };
            let mut cells = vec![RowCell::one(label)];
            // A row none of whose values could be placed (cells with no text of their own, at
            // the label): only its label is a row; its text stays as it stands.
            if own.iter().all(|c| c.raw.is_empty() && c.span == r.label) {
                own.clear();
            }
            let mut prev: Option<&gouji::report::Cell> = None;
            let (mut run_start, mut run_end) = (0, 0);
            for c in own {
                end = end.max(c.span.end);
                // Digits run together: the cells of one run (or the pieces it was split into,
                // with nothing between them, or a piece read from within a run left unread:
                // `7400` as `?` `?` `0`) are one cell of the report, over their columns.
                let joined = cells.len() > 1
                    && prev.is_some_and(|p| {
                        !c.raw.is_empty()
                            && !p.raw.is_empty()
                            && c.span.start >= run_start
                            && c.span.start <= run_end
                    });
                if let (true, Some(cell)) = (joined, cells.last_mut()) {
                    run_end = run_end.max(c.span.end);
                    cell.text = text[run_start..run_end].to_string();
                    cell.columns += 1;
                    cell.read.push(c.raw.to_string());
                    cell.at = (run_start, run_end);
                } else {
                    (run_start, run_end) = (c.span.start, c.span.end);
                    let mut cell = RowCell::one(c.raw.to_string());
                    cell.at = (run_start, run_end);
                    cells.push(cell);
                }
                prev = Some(c);
            }
            rows.push((r.label.start, end, cells));
        }
    }
    rows.sort_by_key(|r| (r.0, r.1));
    let rows = one_line_per_label(text, rows);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut last_row_end = 0;
    let mut pending = String::new();
    for (start, end, row) in rows {
        if start > pos {
            pending.push_str(text[pos..start].trim_end_matches([' ', '\t', '\u{3000}']));
        }
        flush_text(&mut pending, &mut out);
        out.push(Line::Row(row));
        pos = pos.max(end);
        last_row_end = pos;
        // The rest of the row's last line, when it holds nothing but blanks.
        let rest = &text[pos..];
        let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}', '|']).len();
        pos += blank;
        if text[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    // A report that ends early inside its last row: what stands after the row's last cell on
    // its line (a number the reader left out, as it may be cut off mid-number) is still a cell
    // of that row, as in the text, not a paragraph after the table.
    let rest = text[pos..].trim_end();
    let same_line = !text[last_row_end..pos].contains('\n');
    let numbers_only = same_line
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '|' | '\t' | ' ' | '\u{3000}' | '.' | ',' | '-' | '/')
        });
    if let (true, Some(Line::Row(cells))) = (doc.truncated && numbers_only, out.last_mut()) {
        cells.extend(
            rest.split(['|', '\t'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(|c| RowCell::one(c.to_string())),
        );
        pos = text.len();
    }
    pending.push_str(&text[pos..]);
    flush_text(&mut pending, &mut out);
    out
}

/// Rows the reader found under one label of the report (table 四's three row groups after one
/// `行政复议`, their fifteen numbers one run of digits) are one line, as the report has them: the
/// label once, then every row's cells, a run that goes on from one row into the next one cell.
fn one_line_per_label(
    text: &str,
    rows: Vec<(usize, usize, Vec<RowCell>)>,
) -> Vec<(usize, usize, Vec<RowCell>)> {
    let mut out: Vec<(usize, usize, Vec<RowCell>)> = Vec::new();
    for (start, end, row) in rows {
        let same_label = out.last().is_some_and(|(s, _, last)| {
            *s == start && row.len() > 1 && !row[0].text.is_empty() && last[0].text == row[0].text
        });
        let Some(last) = out.last_mut().filter(|_| same_label) else {
            out.push((start, end, row));
            continue;
        };
        last.1 = last.1.max(end);
        for cell in row.into_iter().skip(1) {
            let has_values = last.2.len() > 1;
            let prev = last.2.last_mut().filter(|p| {
                has_values && p.at.0 < p.at.1 && cell.at.0 < cell.at.1 && p.at.1 == cell.at.0
            });
            match prev {
                Some(p) => {
                    p.at.1 = cell.at.1;
                    p.text = text[p.at.0..p.at.1].to_string();
                    p.columns += cell.columns;
                    p.read.extend(cell.read);
                }
                None => last.2.push(cell),
            }
        }
    }
    out
}

/// The text gathered between rows, one [`Line::Text`] per line.
fn flush_text(pending: &mut String, out: &mut Vec<Line>) {
    if pending.is_empty() {
        return;
    }
    let s = std::mem::take(pending);
    let s = s.strip_suffix('\n').unwrap_or(&s);
    out.extend(s.split('\n').map(|l| Line::Text(l.to_string())));
}
