//! `gouji check --baseline FILE`, `--write-baseline FILE`, `--show-baselined`: reviewed findings
//! (see `gouji::baseline`). Each report's findings are recorded ([`Reviewed::record`]) and then
//! hidden or marked ([`Hider::hide`]); [`Reviewed::finish`] runs once at the end.

use gouji::baseline::Baseline;
use gouji::diagnostic::{Diagnostic, Severity};

#[derive(clap::Args, Default)]
pub struct BaselineArgs {
    /// Hide the findings recorded in this file (reviewed and kept); the summary says how many.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record every finding of this run in this file (reasons already given are kept).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    /// Show the findings the baseline records too, marked as reviewed (they do not count).
    #[arg(long, requires = "baseline")]
    pub show_baselined: bool,
}

/// The baseline of one run: what to hide, and what to write.
#[derive(Default)]
pub struct Reviewed {
    hide: Option<Baseline>,
    show: bool,
    write: Option<(String, Baseline, Option<Baseline>)>,
    /// How many findings the baseline matched.
    pub hidden: usize,
}

/// The hiding half of a run's baseline (read-only, so reports can be checked in parallel).
pub struct Hider {
    hide: Option<Baseline>,
    show: bool,
}

impl Hider {
    /// Hide or mark the reviewed findings of a report; how many the baseline matched.
    pub fn hide(&self, report: &str, findings: &mut Vec<Diagnostic>) -> usize {
        let Some(b) = &self.hide else {
            return 0;
        };
        let n = b.apply(report, findings, self.show);
        for d in findings.iter_mut() {
            if let Some(reason) = &d.baselined {
                d.message = gouji::tr!("baseline-marked", message = d.message.as_str());
                d.notes.push(if reason.is_empty() {
                    gouji::tr!("baseline-kept")
                } else {
                    gouji::tr!("baseline-kept-because", reason = reason.as_str())
                });
                d.severity = Severity::Note;
            }
        }
        n
    }
}

fn read(path: &str) -> Result<Baseline, String> {
    let bytes = super::read_bytes(path)?;
    let text =
        String::from_utf8(bytes).map_err(|_| gouji::tr!("baseline-not-utf8", path = path))?;
    Baseline::parse(&text).map_err(|e| gouji::tr!("baseline-unreadable", path = path, error = e))
}

impl Reviewed {
    pub fn new(args: &BaselineArgs) -> Result<Reviewed, String> {
        let hide = args.baseline.as_deref().map(read).transpose()?;
        let write = match &args.write_baseline {
            None => None,
            Some(p) => {
                // An existing file gives its reasons to the entries written again.
                let previous = if std::path::Path::new(p).exists() {
                    Some(read(p)?)
                } else {
                    hide.clone()
                };
                Some((p.clone(), Baseline::default(), previous))
            }
        };
        Ok(Reviewed {
            hide,
            show: args.show_baselined,
            write,
            hidden: 0,
        })
    }

    /// Whether `--write-baseline` asks to record every finding.
    pub fn writes(&self) -> bool {
        self.write.is_some()
    }

    /// Record a report's findings (for `--write-baseline`), as they were before [`Hider::hide`].
    pub fn record(&mut self, report: &str, findings: &[Diagnostic]) {
        if let Some((_, out, previous)) = &mut self.write {
            out.record(report, findings, previous.as_ref());
        }
    }

    /// What hides or marks the reviewed findings; the workers of a batch share it.
    pub fn hider(&self) -> Hider {
        Hider {
            hide: self.hide.clone(),
            show: self.show,
        }
    }

    /// Whether a finding counts in the summary and the exit code.
    pub fn counts(d: &Diagnostic) -> bool {
        d.baselined.is_none()
    }

    /// Write the baseline (atomically), when asked; the message to print.
    pub fn finish(&self) -> Result<Option<String>, String> {
        let Some((path, out, _)) = &self.write else {
            return Ok(None);
        };
        super::fmt::write_atomically(path, &out.to_json()).map_err(|e| {
            gouji::tr!(
                "baseline-cannot-write",
                path = path.as_str(),
                error = e.to_string()
            )
        })?;
        Ok(Some(gouji::tr!(
            "baseline-wrote",
            count = out.findings.len(),
            path = path.as_str()
        )))
    }

    /// `, 3 reviewed findings hidden` for the summary line.
    pub fn summary(&self) -> String {
        if self.hide.is_none() {
            return String::new();
        }
        if self.show {
            gouji::tr!("baseline-summary-shown", count = self.hidden)
        } else {
            gouji::tr!("baseline-summary-hidden", count = self.hidden)
        }
    }
}
