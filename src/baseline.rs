//! Reviewed findings (a baseline): findings a supervising office has looked at with the agency
//! and kept, so that later runs show only what is new. Entries are keyed on the finding's code,
//! the report's file name and the cells the finding is about (their row and column labels and
//! the values as written), never on line numbers: a moved line or another cell corrected keeps
//! the entry matching; a changed number involved stops it. Findings not about cells are keyed
//! on their message. The library does no IO; the command line reads and writes the file.

use crate::diagnostic::{CellFact, Diagnostic};
use serde::{Deserialize, Serialize};

/// The baseline file: `{"version": 1, "findings": [ … ]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub findings: Vec<Entry>,
}

fn one() -> u32 {
    1
}

impl Default for Baseline {
    fn default() -> Baseline {
        Baseline {
            version: 1,
            findings: Vec::new(),
        }
    }
}

/// One reviewed finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `R040`.
    pub code: String,
    /// The report's file name (a path is compared by its last part).
    pub report: String,
    /// The cells the finding is about; empty for findings about something else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellFact>,
    /// The finding's headline; what matches when there are no cells.
    #[serde(default)]
    pub message: String,
    /// Why the finding is kept (filled in by the reviewer).
    #[serde(default)]
    pub reason: String,
}

/// The last part of a path (`/` or `\` separated).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn sorted(cells: &[CellFact]) -> Vec<CellFact> {
    let mut v: Vec<CellFact> = cells
        .iter()
        .map(|c| CellFact {
            row: c.row.trim().to_string(),
            column: c.column.trim().to_string(),
            value: c.value.trim().to_string(),
        })
        .collect();
    v.sort();
    v
}

impl Entry {
    /// The entry that records `d`, found in the report `report`.
    pub fn of(d: &Diagnostic, report: &str) -> Entry {
        Entry {
            code: d.code.as_str().to_string(),
            report: report.to_string(),
            cells: sorted(&d.cells),
            message: d.message.clone(),
            reason: String::new(),
        }
    }

    /// Whether this entry records `d` in `report`.
    pub fn matches(&self, d: &Diagnostic, report: &str) -> bool {
        if !self.code.trim().eq_ignore_ascii_case(d.code.as_str())
            || file_name(self.report.trim()) != file_name(report)
        {
            return false;
        }
        if self.cells.is_empty() && d.cells.is_empty() {
            self.message.trim() == d.message.trim()
        } else {
            sorted(&self.cells) == sorted(&d.cells)
        }
    }
}

impl Baseline {
    /// Read a baseline file's text; the error says what is wrong, in words.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
            crate::tr!(
                "baseline-json-error",
                line = e.line(),
                column = e.column(),
                error = e.to_string()
            )
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The entry that records `d`, if any.
    pub fn find(&self, d: &Diagnostic, report: &str) -> Option<&Entry> {
        self.findings.iter().find(|e| e.matches(d, report))
    }

    /// Mark the findings of `report` this baseline records (their `baselined` holds the reason)
    /// and, unless `keep`, remove them. Returns how many were matched.
    pub fn apply(&self, report: &str, findings: &mut Vec<Diagnostic>, keep: bool) -> usize {
        let mut n = 0;
        for d in findings.iter_mut() {
            if let Some(e) = self.find(d, report) {
                n += 1;
                d.baselined = Some(e.reason.clone());
            }
        }
        if !keep {
            findings.retain(|d| d.baselined.is_none());
        }
        n
    }

    /// Record `findings` of `report`, keeping the reason of an entry of `previous` that matches.
    pub fn record(&mut self, report: &str, findings: &[Diagnostic], previous: Option<&Baseline>) {
        for d in findings {
            let mut e = Entry::of(d, report);
            if let Some(old) = previous.and_then(|p| p.find(d, report)) {
                e.reason = old.reason.clone();
            }
            if !self.findings.contains(&e) {
                self.findings.push(e);
            }
        }
    }
}
