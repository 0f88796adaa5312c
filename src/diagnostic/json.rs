//! The stable JSON output (documented in README.md, "JSON output"). Lines and columns are
//! 1-based; columns count characters.

use super::Diagnostic;
use crate::source::{Sources, Span};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize, Clone, Copy)]
pub struct JsonPos {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A label of a finding as printed: its texts borrowed from the finding and its sources.
#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub file: Cow<'a, str>,
    #[serde(flatten)]
    pub pos: JsonPos,
    pub message: Cow<'a, str>,
}

#[derive(Serialize)]
pub struct JsonRule<'a> {
    pub file: Cow<'a, str>,
    pub line: usize,
}

#[derive(Serialize)]
/// A finding as printed. Its texts are borrowed from the finding and its sources, not copied.
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: Cow<'a, str>,
    #[serde(flatten)]
    pub pos: JsonPos,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: Cow<'a, [String]>,
    pub help: Option<Cow<'a, str>>,
    pub rule: Option<JsonRule<'a>>,
    /// The cells the finding is about (labels and values), when it is about cells.
    #[serde(skip_serializing_if = "cells_empty")]
    pub cells: Cow<'a, [super::CellFact]>,
    /// Present when the finding was reviewed and kept (`--show-baselined`): the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<Cow<'a, str>>,
}

fn cells_empty(c: &[super::CellFact]) -> bool {
    c.is_empty()
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

pub fn diagnostic<'a>(sources: &'a Sources, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let mut labels: Vec<JsonLabel> = Vec::with_capacity(d.labels.len() + 1);
    let primary = pos(sources, d.primary);
    if !d.primary_message.is_empty() {
        labels.push(JsonLabel {
            file: Cow::Borrowed(&sources.get(d.primary.file).name),
            pos: primary,
            message: Cow::Borrowed(&d.primary_message),
        });
    }
    labels.extend(d.labels.iter().map(|l| JsonLabel {
        file: Cow::Borrowed(&sources.get(l.span.file).name),
        pos: pos(sources, l.span),
        message: Cow::Borrowed(&l.message),
    }));
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: Cow::Borrowed(&d.message),
        pos: primary,
        labels,
        notes: Cow::Borrowed(&d.notes),
        help: d.help.as_deref().map(Cow::Borrowed),
        rule: d.rule.map(|r| JsonRule {
            file: Cow::Borrowed(&sources.get(r.file).name),
            line: sources.get(r.file).line_1(r.start),
        }),
        cells: Cow::Borrowed(&d.cells),
        baselined: d.baselined.as_deref().map(Cow::Borrowed),
    }
}
