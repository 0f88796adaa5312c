//! SARIF 2.1.0 output (`gouji check --format sarif`), for code-scanning dashboards and CI.
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), like the JSON output.

use super::{json, Code, Diagnostic, Severity};
use crate::source::{Sources, Span};
use serde_json::{json, Value};

fn location(sources: &Sources, span: Span, message: Option<&str>) -> Value {
    let p = json::pos(sources, span);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": sources.get(span.file).name},
            "region": {"startLine": p.line, "startColumn": p.column, "endLine": p.end_line, "endColumn": p.end_column},
        }
    });
    if let Some(m) = message.filter(|m| !m.is_empty()) {
        loc["message"] = json!({"text": m});
    }
    loc
}

/// One SARIF log for all the files of a run.
pub fn log(sources: &Sources, diags: &[Diagnostic]) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": c.title()},
                "fullDescription": {"text": c.explanation()},
                "defaultConfiguration": {"level": level(c.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            for n in &d.notes {
                text.push('\n');
                text.push_str(&crate::tr!("render-note", note = n.as_str()));
            }
            if let Some(h) = &d.help {
                text.push('\n');
                text.push_str(&crate::tr!("render-help", help = h.as_str()));
            }
            let mut related: Vec<Value> = d
                .labels
                .iter()
                .map(|l| location(sources, l.span, Some(&l.message)))
                .collect();
            if let Some(rule) = d.rule {
                related.push(location(
                    sources,
                    rule,
                    Some(&crate::tr!("render-rule-label")),
                ));
            }
            json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location(sources, d.primary, Some(&d.primary_message))],
                "relatedLocations": related,
            })
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "gouji", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}
