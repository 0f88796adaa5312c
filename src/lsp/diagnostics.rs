//! Our [`Diagnostic`] → LSP diagnostics: code with a link to its explanation, severity, the
//! headline with notes and help on the lines below, and the cells and the rule behind a
//! finding as related information.

use super::analysis::{Analysis, Role, Rules};
use super::position::{self, Encoding};
use super::uri;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, Span};
use lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, Location, NumberOrString, Uri,
};
use std::str::FromStr;

/// Where `gouji explain CODE` is published. `.invalid` never resolves: the server makes no
/// network requests, and no page exists yet; clients just show the link.
pub const EXPLAIN_URL: &str = "https://gouji.invalid/codes/";

/// At most this many rule-file errors are quoted in the "rules could not be compiled" finding.
const MAX_CAUSES: usize = 5;

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The LSP location of a span in any file of the analysis.
pub fn location(a: &Analysis, span: Span, enc: Encoding) -> Option<Location> {
    let uri = a.uri(span.file)?.clone();
    Some(Location {
        uri,
        range: position::range(a.sources.get(span.file), span, enc),
    })
}

/// A rule's span without the `///` lines above it (they belong to the rule, but a location
/// should land on the rule itself).
pub fn without_docs(a: &Analysis, span: Span) -> Span {
    let text = &a.sources.get(span.file).text;
    let mut start = span.start;
    loop {
        let rest = text.get(start..span.end).unwrap_or("");
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        if trimmed.starts_with("///") {
            match trimmed.find(['\n', '\r']) {
                Some(nl) => start += skipped + nl + 1,
                None => break,
            }
        } else {
            start += skipped;
            break;
        }
    }
    Span::new(span.file, start.min(span.end), span.end)
}

/// The message shown in the editor: the headline, then each note and the help on its own line.
pub fn message(d: &Diagnostic) -> String {
    let mut m = match &d.baselined {
        Some(reason) if reason.is_empty() => {
            crate::tr!("baseline-marked", message = d.message.as_str())
        }
        Some(reason) => crate::tr!(
            "baseline-marked-because",
            reason = reason.as_str(),
            message = d.message.as_str()
        ),
        None => d.message.clone(),
    };
    for n in &d.notes {
        m.push('\n');
        m.push_str(&crate::tr!("render-note", note = n.as_str()));
    }
    if let Some(h) = &d.help {
        m.push('\n');
        m.push_str(&crate::tr!("render-help", help = h.as_str()));
    }
    m
}

pub fn code_description(code: &str) -> Option<CodeDescription> {
    Uri::from_str(&format!("{EXPLAIN_URL}{code}"))
        .ok()
        .map(|href| CodeDescription { href })
}

pub fn to_lsp(a: &Analysis, d: &Diagnostic, enc: Encoding) -> lsp::Diagnostic {
    let file = a.sources.get(d.primary.file);
    let mut related = Vec::new();
    let mut relate = |span: Span, message: &str| {
        if let Some(location) = location(a, span, enc) {
            related.push(DiagnosticRelatedInformation {
                location,
                message: message.to_string(),
            });
        }
    };
    if !d.primary_message.is_empty() {
        relate(d.primary, &d.primary_message);
    }
    for l in &d.labels {
        relate(l.span, &l.message);
    }
    if let Some(rule) = d.rule {
        relate(without_docs(a, rule), &crate::tr!("render-rule-label"));
    }
    lsp::Diagnostic {
        range: position::range(file, d.primary, enc),
        // A reviewed finding (in the workspace's baseline) is a hint, not an error.
        severity: Some(if d.baselined.is_some() {
            lsp::DiagnosticSeverity::HINT
        } else {
            severity(d.severity)
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: code_description(d.code.as_str()),
        source: Some("gouji".into()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The finding on every report while the governing rules are broken: the report is not checked,
/// and says why, instead of going silently clean.
fn rules_broken(
    a: &Analysis,
    report: FileId,
    errors: &[Diagnostic],
    problems: &[String],
    enc: Encoding,
) -> lsp::Diagnostic {
    let file = a.sources.get(report);
    let first_line = Span::new(
        report,
        0,
        file.text.find(['\n', '\r']).unwrap_or(file.text.len()),
    );
    let mut lines = Vec::new();
    let mut related = Vec::new();
    for p in problems {
        lines.push(crate::tr!("render-note", note = p.as_str()));
    }
    for e in errors.iter().take(MAX_CAUSES) {
        let name = a
            .uri(e.primary.file)
            .map(uri::display_name)
            .unwrap_or_default();
        let line = a.sources.get(e.primary.file).line_of(e.primary.start) + 1;
        lines.push(crate::tr!(
            "render-note",
            note = format!("{name}:{line}: {} [{}]", e.message, e.code)
        ));
        if let Some(location) = location(a, e.primary, enc) {
            related.push(DiagnosticRelatedInformation {
                location,
                message: e.message.clone(),
            });
        }
    }
    if errors.len() > MAX_CAUSES {
        lines.push(crate::tr!(
            "render-note",
            note = crate::tr!("lsp-and-more", count = errors.len() - MAX_CAUSES)
        ));
    }
    let headline = if errors.is_empty() {
        crate::tr!("lsp-rules-not-loaded")
    } else {
        crate::tr!("lsp-rules-not-compiled", count = errors.len())
    };
    lsp::Diagnostic {
        range: position::range(file, first_line, enc),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("gouji".into()),
        message: format!(
            "{headline}\n{}\n{}",
            lines.join("\n"),
            crate::tr!("render-help", help = crate::tr!("lsp-fix-rules"))
        ),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Everything to publish for one file.
pub fn for_file(a: &Analysis, id: FileId, enc: Encoding) -> Vec<lsp::Diagnostic> {
    let mut out: Vec<lsp::Diagnostic> = a
        .diagnostics
        .get(&id)
        .map(|ds| ds.iter().map(|d| to_lsp(a, d, enc)).collect())
        .unwrap_or_default();
    if let (Some((Role::Report, true)), Rules::Broken { errors, problems }) =
        (a.entry(id).map(|e| (e.role, e.open)), &a.rules)
    {
        out.insert(0, rules_broken(a, id, errors, problems, enc));
    }
    out
}
