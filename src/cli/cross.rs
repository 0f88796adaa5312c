//! The batch's findings that need several reports (`crate::cross`), for `gouji check`.
//!
//! The batch drops each report once it is written; what the checks across reports need of it is
//! kept in a compact form ([`cross::Kept`]: agency, year, and only the numbers those checks can
//! read, with their places), and nothing at all when no rule reads across reports. A report
//! that gets a finding across reports is read again from its file to show it.

use super::batch;
use gouji::compile::Compiled;
use gouji::cross::{self, Workspace};
use gouji::diagnostic::{Diagnostic, Severity};
use gouji::source::{FileId, Sources, Span};
use std::io::{Read, Write};

/// A report of the batch kept for the checks across reports: who and when it is in memory, its
/// numbers ([`cross::Kept`]) set aside on disk until the end of the batch.
pub struct Kept {
    /// The path to read the report again from.
    path: String,
    /// Its text, when it cannot be read again (standard input).
    text: Option<String>,
    /// The report's place among the files (its row of the summary).
    pub index: usize,
    /// Its own errors (before the checks across reports), for its verdict.
    pub errors: usize,
    name: String,
    agency: Option<String>,
    year: Option<u32>,
}

/// The reports kept for the checks across reports, in the order of the files.
pub struct Store {
    kept: Vec<Kept>,
    spool: batch::Spool,
    buf: Vec<u8>,
    /// Writing to the spool failed: the error, reported at the end.
    failed: Option<std::io::Error>,
}

/// A report with a finding across reports.
pub struct Shown {
    /// Its place among the files (its row of the summary).
    pub index: usize,
    /// Its own errors (before the checks across reports).
    pub errors: usize,
    /// Its file in the sources that show the findings.
    pub file: FileId,
    pub kept: cross::Kept,
}

impl Store {
    pub fn new() -> Store {
        Store {
            kept: Vec::new(),
            spool: batch::Spool::new(),
            buf: Vec::new(),
            failed: None,
        }
    }

    /// Keep report `index` (read from `path`, `text` when it cannot be read again), with its
    /// own `errors`.
    pub fn add(
        &mut self,
        path: &str,
        text: Option<String>,
        index: usize,
        errors: usize,
        k: &cross::Kept,
    ) {
        self.buf.clear();
        k.encode(&mut self.buf);
        let len = (self.buf.len() as u64).to_le_bytes();
        if self.failed.is_none() {
            if let Err(e) = self
                .spool
                .write_all(&len)
                .and_then(|()| self.spool.write_all(&self.buf))
            {
                self.failed = Some(e);
            }
        }
        self.kept.push(Kept {
            path: path.to_string(),
            text,
            index,
            errors,
            name: k.name.clone(),
            agency: k.agency.clone(),
            year: k.year,
        });
    }

    /// The findings across years and roll-ups of the batch, with the sources to show them: the
    /// rule files of `base`, then each report with a finding, read again. Only the reports a
    /// check across reports can read ([`cross::involved`]) are read back from the spool.
    pub fn findings(
        self,
        compiled: &Compiled,
        base: &Sources,
        ws: &Workspace,
        read: impl Fn(&str) -> Option<String>,
    ) -> std::io::Result<(Sources, Vec<Diagnostic>, Vec<Shown>)> {
        let Store {
            mut kept,
            spool,
            failed,
            ..
        } = self;
        if let Some(e) = failed {
            return Err(e);
        }
        let who: Vec<(&str, Option<&str>, Option<u32>)> = kept
            .iter()
            .map(|k| (k.name.as_str(), k.agency.as_deref(), k.year))
            .collect();
        let involved = cross::involved(&who, ws);
        // While checking, report `i` is file `first + i`; then each one with a finding gets a file.
        let first = base.len();
        let mut reader = spool.reader()?;
        let mut held: Vec<(usize, cross::Kept)> = Vec::new();
        let mut bytes = Vec::new();
        for (i, wanted) in involved.iter().enumerate() {
            let mut len = [0u8; 8];
            reader.read_exact(&mut len)?;
            let len = usize::try_from(u64::from_le_bytes(len)).map_err(std::io::Error::other)?;
            bytes.resize(len, 0);
            reader.read_exact(&mut bytes)?;
            if *wanted {
                let k = cross::Kept::decode(&bytes, FileId(first + i))
                    .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
                held.push((i, k));
            }
        }
        drop(reader);
        let mut found = {
            let all: Vec<&cross::Kept> = held.iter().map(|h| &h.1).collect();
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
                sources.add(k.name.clone(), text)
            });
            s.file = id;
        };
        for d in &mut found {
            place(&mut d.primary);
            for l in &mut d.labels {
                place(&mut l.span);
            }
        }
        let shown = held
            .into_iter()
            .filter_map(|(i, k)| {
                let file = files[i]?;
                Some(Shown {
                    index: kept[i].index,
                    errors: kept[i].errors,
                    file,
                    kept: k,
                })
            })
            .collect();
        Ok((sources, found, shown))
    }
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

/// The errors and warnings among `found`.
pub fn counts<'a>(found: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    found.fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
        Severity::Note => (e, w),
    })
}
