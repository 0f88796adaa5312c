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
    let mut findings = document.findings.clone();
    findings.extend(check::check(compiled, &document));
    findings.extend(check::narrative::check(compiled, &document, text));
    diagnostic::sort(&mut findings);
    Checked { document, findings }
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
