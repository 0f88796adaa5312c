//! The stable JSON output (documented in README.md, "JSON output"). Lines and columns are
//! 1-based; columns count characters.

use super::Diagnostic;
use crate::source::{Sources, Span};
use serde::Serialize;

#[derive(Serialize, Clone, Copy)]
pub struct JsonPos {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Serialize)]
pub struct JsonLabel {
    pub file: String,
    #[serde(flatten)]
    pub pos: JsonPos,
    pub message: String,
}

#[derive(Serialize)]
pub struct JsonRule {
    pub file: String,
    pub line: usize,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub pos: JsonPos,
    pub labels: Vec<JsonLabel>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub rule: Option<JsonRule>,
    /// The cells the finding is about (labels and values), when it is about cells.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<super::CellFact>,
    /// Present when the finding was reviewed and kept (`--show-baselined`): the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<String>,
}

pub fn pos(sources: &Sources, span: Span) -> JsonPos {
    let f = sources.get(span.file);
    let ((line, column), (end_line, end_column)) = f.span_line_col_chars(span.start, span.end);
    JsonPos {
        line,
        column,
        end_line,
        end_column,
    }
}

pub fn diagnostic(sources: &Sources, d: &Diagnostic) -> JsonDiagnostic {
    let mut labels: Vec<JsonLabel> = Vec::with_capacity(d.labels.len() + 1);
    let primary = pos(sources, d.primary);
    if !d.primary_message.is_empty() {
        labels.push(JsonLabel {
            file: sources.get(d.primary.file).name.clone(),
            pos: primary,
            message: d.primary_message.clone(),
        });
    }
    labels.extend(d.labels.iter().map(|l| JsonLabel {
        file: sources.get(l.span.file).name.clone(),
        pos: pos(sources, l.span),
        message: l.message.clone(),
    }));
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: d.message.clone(),
        pos: primary,
        labels,
        notes: d.notes.clone(),
        help: d.help.clone(),
        rule: d.rule.map(|r| JsonRule {
            file: sources.get(r.file).name.clone(),
            line: sources.get(r.file).line_1(r.start),
        }),
        cells: d.cells.clone(),
        baselined: d.baselined.clone(),
    }
}
