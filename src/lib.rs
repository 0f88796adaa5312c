//! gouji (勾稽): checks 政府信息公开工作年度报告 against rule files.
//!
//! Flow: rule text → [`syntax`] (AST) → [`compile`] (rule model); report bytes →
//! [`report`] (document with sections, tables, cells) → [`check`] (findings) →
//! [`diagnostic`] renderers. The library does no file IO; `main.rs`, `cli/` and `lsp/` do.

pub mod baseline;
pub mod check;
pub mod compile;
pub mod cross;
pub mod diagnostic;
pub mod document;
pub mod examples;
pub mod fixed;
pub mod fmt;
/// What one fuzz input does (the targets in `fuzz/` and `tests/fuzz_seeds.rs` call it).
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod source;
pub mod syntax;

use compile::Compiled;
use diagnostic::Diagnostic;
use report::{Document, ReadOptions};
use source::FileId;

/// A report read and checked: what was read, and every finding (reader's and checker's).
#[derive(Debug, Clone)]
pub struct Checked {
    pub document: Document,
    pub findings: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == diagnostic::Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == diagnostic::Severity::Warning)
            .count()
    }
}

/// As [`check_report`], with the report's matching key already made (see
/// [`report::read_keyed`]).
pub fn check_report_keyed(
    compiled: &Compiled,
    file: FileId,
    text: &str,
    key: &report::norm::KeyText,
    opts: &ReadOptions,
) -> Checked {
    let document = report::read_keyed(compiled, file, text, key, opts);
    let findings = findings_of(compiled, &document, text);
    Checked { document, findings }
}

/// Every finding of a report read from `text`: the reader's, the checks', the prose's, in
/// order; or, when nothing of any report format was found, only that (R001).
pub fn findings_of(compiled: &Compiled, document: &Document, text: &str) -> Vec<Diagnostic> {
    if let Some(d) = not_a_report(compiled, document, text) {
        return vec![d];
    }
    let mut findings = document.findings.clone();
    findings.extend(check::check(compiled, document));
    findings.extend(check::narrative::check(compiled, document, text));
    diagnostic::sort(&mut findings);
    findings
}

/// A text in which nothing of any report format was found (no heading of a section, no row of
/// a table, no field of a form): one R001 saying so, instead of every part of the closest
/// format reported missing (a folder often holds other documents next to the reports).
fn not_a_report(compiled: &Compiled, doc: &Document, text: &str) -> Option<Diagnostic> {
    // No rule set for the report's year (R003) is its own finding.
    let found_any = doc.snippet
        || doc.rule_set.is_none()
        || !doc.sections.is_empty()
        || doc
            .tables
            .iter()
            .any(|t| !t.rows.is_empty() || !t.fields.is_empty());
    if found_any {
        return None;
    }
    let mut formats: Vec<&str> = Vec::new();
    for rs in &compiled.rule_sets {
        if !formats.contains(&rs.regulation.as_str()) {
            formats.push(&rs.regulation);
        }
    }
    let first_line = text.find(['\n', '\r']).unwrap_or(text.len());
    let at = source::Span::new(doc.file, 0, first_line.min(text.len()));
    Some(
        Diagnostic::of(diagnostic::Code::Unreadable, tr!("report-not-a-report"), at)
            .with_primary_message(tr!("report-not-a-report-here"))
            .with_note(tr!(
                "report-not-a-report-formats",
                formats = formats.join(&tr!("list-separator"))
            ))
            .with_help(tr!("report-not-a-report-help")),
    )
}

/// Read a decoded report and check it against compiled rules.
pub fn check_report(compiled: &Compiled, file: FileId, text: &str, opts: &ReadOptions) -> Checked {
    check_report_keyed(
        compiled,
        file,
        text,
        &report::norm::KeyText::new(text),
        opts,
    )
}
