//! Human rendering with codespan-reporting.

use super::{Diagnostic, Severity};
use crate::source::Sources;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

fn files(sources: &Sources) -> SimpleFiles<&str, &str> {
    let mut f = SimpleFiles::new();
    for s in sources.files() {
        f.add(s.name.as_str(), s.text.as_str());
    }
    f
}

pub fn to_codespan(d: &Diagnostic, sources: &Sources) -> cs::Diagnostic<usize> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut labels = vec![
        cs::Label::primary(d.primary.file.0, clamp(sources, d.primary))
            .with_message(&d.primary_message),
    ];
    for l in &d.labels {
        labels.push(
            cs::Label::secondary(l.span.file.0, clamp(sources, l.span)).with_message(&l.message),
        );
    }
    if let Some(rule) = d.rule {
        labels.push(
            cs::Label::secondary(rule.file.0, clamp(sources, rule))
                .with_message("the rule this finding enforces"),
        );
    }
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    notes.push(format!("run `gouji explain {}` for more", d.code));
    cs::Diagnostic::new(sev)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Only the first line of a multi-line span is underlined; whole-table spans would flood the screen.
fn clamp(sources: &Sources, span: crate::source::Span) -> std::ops::Range<usize> {
    let f = sources.get(span.file);
    let start = f.clamp(span.start);
    let mut end = f.clamp(span.end.max(start));
    let line = f.line_of(start);
    let line_end = f.line_start(line + 1).saturating_sub(1).max(start);
    if f.line_of(end) != line && end > line_end {
        end = f.clamp(line_end);
    }
    start..end
}

pub fn emit(
    out: &mut dyn WriteColor,
    sources: &Sources,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let files = files(sources);
    let config = term::Config::default();
    for d in diags {
        term::emit_to_write_style(out, &config, &files, &to_codespan(d, sources))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// Render to a plain string (no colour); what tests snapshot.
pub fn to_string(sources: &Sources, diags: &[Diagnostic]) -> String {
    let files = files(sources);
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        let _ = term::emit_to_string(&mut out, &config, &files, &to_codespan(d, sources));
    }
    out
}
