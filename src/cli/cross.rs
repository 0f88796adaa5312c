//! The batch's findings that need several reports (`crate::cross`), for `gouji check`.
//!
//! The batch drops each report once it is written; what the checks across reports need is kept
//! in a smaller form ([`Kept`]): the document without its findings, sections and prose, and the
//! text only up to the end of the line that gives the year (where the agency is read). A report
//! that gets a finding across reports is read again from its file to show it.

use gouji::compile::Compiled;
use gouji::cross::{self, Report, Workspace};
use gouji::diagnostic::Diagnostic;
use gouji::report::Document;
use gouji::source::{FileId, Sources, Span};

/// A report of the batch kept for the checks across reports.
pub struct Kept {
    pub display: String,
    /// The path to read the report again from (`-` for standard input: not read again).
    pub path: String,
    pub document: Document,
    /// The start of the text, up to the end of the line with the year (the title).
    pub head: String,
}

impl Kept {
    /// `tables`: the ids of the tables the checks across reports read ([`tables_across`]).
    pub fn new(
        display: &str,
        path: &str,
        text: &str,
        mut document: Document,
        compiled: &Compiled,
        tables: &[String],
        rollups: bool,
    ) -> Kept {
        document.findings = Vec::new();
        document.sections = Vec::new();
        document.prose = Vec::new();
        // Only the tables the checks across reports read, and of them the cells (values, spans, text).
        document.tables.retain(|t| {
            compiled
                .rule_sets
                .get(t.rule_set)
                .and_then(|rs| rs.tables.get(t.table))
                .is_some_and(|m| tables.contains(&m.id))
        });
        for t in &mut document.tables {
            t.rows = Vec::new();
            t.mentions = Vec::new();
            if !rollups {
                // Checks across years read numbers only (a blank or unreadable cell makes them
                // not apply, as a missing one does), and not the cells' text.
                t.cells
                    .retain(|c| matches!(c.value, gouji::report::Value::Number(_)));
                for c in &mut t.cells {
                    c.raw = String::new();
                }
            }
            t.cells.shrink_to_fit();
        }
        document.tables.shrink_to_fit();
        let end = document
            .year_span
            .map(|y| {
                text[y.end.min(text.len())..]
                    .find('\n')
                    .map_or(text.len(), |i| y.end + i)
            })
            .unwrap_or(0);
        Kept {
            display: display.to_string(),
            path: path.to_string(),
            document,
            head: text[..end].to_string(),
        }
    }
}

/// The ids of the tables that checks across reports read: those with a check across years in
/// any rule set, and, when `gouji.toml` declares roll-ups, those with a roll-up.
pub fn tables_across(compiled: &Compiled, ws: &Workspace) -> Vec<String> {
    let mut ids: Vec<String> = compiled
        .rule_sets
        .iter()
        .flat_map(|rs| &rs.tables)
        .filter(|t| {
            t.checks.iter().any(|c| c.across_years())
                || (!ws.rollup.is_empty() && !t.rollups.is_empty())
        })
        .map(|t| t.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
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

/// Give every span of a kept document the file id the report has in the final sources.
fn refile(doc: &mut Document, file: FileId) {
    let re = |s: &mut Span| s.file = file;
    doc.file = file;
    if let Some(s) = doc.year_span.as_mut() {
        re(s);
    }
    for t in &mut doc.tables {
        if let Some(s) = t.start.as_mut() {
            re(s);
        }
        for r in &mut t.rows {
            re(&mut r.label);
        }
        for c in &mut t.cells {
            re(&mut c.span);
        }
        for (s, _) in t.mentions.iter_mut().flatten() {
            re(s);
        }
    }
}

/// The findings across years and roll-ups of the batch, with the sources to show them: the rule
/// files of `base`, then one file per kept report (its whole text when it has a finding).
pub fn findings(
    compiled: &Compiled,
    base: &Sources,
    kept: &mut [Kept],
    ws: &Workspace,
    read: impl Fn(&str) -> Option<String>,
) -> (Sources, Vec<Diagnostic>) {
    let first = base.len();
    for (i, k) in kept.iter_mut().enumerate() {
        refile(&mut k.document, FileId(first + i));
    }
    let found = {
        let reports: Vec<Report> = kept
            .iter()
            .map(|k| Report {
                name: &k.display,
                doc: &k.document,
                text: &k.head,
            })
            .collect();
        cross::check(compiled, &reports, ws)
    };
    let mut sources = base.clone();
    for (i, k) in kept.iter().enumerate() {
        let id = FileId(first + i);
        let whole = found
            .iter()
            .any(|d| d.primary.file == id || d.labels.iter().any(|l| l.span.file == id));
        let text = if whole { read(&k.path) } else { None };
        sources.add(k.display.clone(), text.unwrap_or_else(|| k.head.clone()));
    }
    (sources, found)
}
