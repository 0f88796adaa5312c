//! The batch's findings that need several reports (`crate::cross`), for `gouji check`.

use gouji::compile::Compiled;
use gouji::cross::{self, Report, Workspace};
use gouji::diagnostic::Diagnostic;
use gouji::report::Document;
use gouji::source::{FileId, Sources};

/// A report of the batch kept for the checks across reports.
pub struct Kept {
    pub display: String,
    pub file: FileId,
    pub document: Document,
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

/// The findings across years and roll-ups of the batch.
pub fn findings(
    compiled: &Compiled,
    sources: &Sources,
    kept: &[Kept],
    ws: &Workspace,
) -> Vec<Diagnostic> {
    let reports: Vec<Report> = kept
        .iter()
        .map(|k| Report {
            name: &k.display,
            doc: &k.document,
            text: &sources.get(k.file).text,
        })
        .collect();
    cross::check(compiled, &reports, ws)
}
