//! The batch's findings that need several reports (`crate::cross`), for `gouji check`.
//!
//! The batch drops each report once it is written; what the checks across reports need of it is
//! kept in a compact form ([`cross::Kept`]: agency, year, and only the numbers those checks can
//! read, with their places), and nothing at all when no rule reads across reports. A report
//! that gets a finding across reports is read again from its file to show it.

use gouji::compile::Compiled;
use gouji::cross::{self, Workspace};
use gouji::diagnostic::{Diagnostic, Severity};
use gouji::source::{FileId, Sources, Span};

/// A report of the batch kept for the checks across reports.
pub struct Kept {
    /// The path to read the report again from.
    pub path: String,
    /// Its text, when it cannot be read again (standard input).
    pub text: Option<String>,
    /// The report's place among the files (its row of the summary).
    pub index: usize,
    /// Its own errors (before the checks across reports), for its verdict.
    pub errors: usize,
    pub kept: cross::Kept,
}

/// `gouji.toml` in the current folder, if there is one.
pub fn workspace() -> Result<Workspace, String> {
    let path = std::path::Path::new("gouji.toml");
    match std::fs::read_to_string(path) {
        Ok(text) => Workspace::parse(&text)
            .map_err(|e| format!("gouji: {}", gouji::tr!("lsp-config-unreadable", error = e))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Workspace::default()),
        Err(e) => Err(format!(
            "gouji: {}",
            gouji::tr!("lsp-config-unreadable", error = e.to_string())
        )),
    }
}

/// The findings across years and roll-ups of the batch, with the sources to show them: the rule
/// files of `base`, then each report with a finding, read again. The third value gives, for
/// each kept report, its file in those sources when it has a finding.
pub fn findings(
    compiled: &Compiled,
    base: &Sources,
    kept: &mut [Kept],
    ws: &Workspace,
    read: impl Fn(&str) -> Option<String>,
) -> (Sources, Vec<Diagnostic>, Vec<Option<FileId>>) {
    // While checking, report `i` is file `first + i`; then each one with a finding gets a file.
    let first = base.len();
    for (i, k) in kept.iter_mut().enumerate() {
        k.kept.set_file(FileId(first + i));
    }
    let mut found = {
        let all: Vec<&cross::Kept> = kept.iter().map(|k| &k.kept).collect();
        cross::check_kept(compiled, &all, ws)
    };
    let mut sources = base.clone();
    let mut files: Vec<Option<FileId>> = vec![None; kept.len()];
    let mut place = |s: &mut Span| {
        let Some(i) = s.file.0.checked_sub(first) else {
            return;
        };
        let Some(k) = kept.get_mut(i) else {
            return;
        };
        let id = *files[i].get_or_insert_with(|| {
            let text = k.text.take().or_else(|| read(&k.path)).unwrap_or_default();
            sources.add(k.kept.name.clone(), text)
        });
        s.file = id;
    };
    for d in &mut found {
        place(&mut d.primary);
        for l in &mut d.labels {
            place(&mut l.span);
        }
    }
    (sources, found, files)
}

/// The errors and warnings among `found`.
pub fn counts<'a>(found: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    found.fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
        Severity::Note => (e, w),
    })
}
