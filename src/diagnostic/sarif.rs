//! SARIF 2.1.0 output (`gouji check --format sarif`), for code-scanning dashboards and CI.
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), like the JSON output.
//!
//! Every run writes a valid log (tests validate it against the official schema): findings are
//! results; files that could not be read are `toolExecutionNotifications` of the invocation
//! (with `executionSuccessful: false`); rule-file errors are results too, in a log of their own.
//! Locations in the bundled rule files (which users do not have as files) point into artifacts
//! that carry the bundled rule text, under the base id `GOUJI_BUNDLED`.

use super::{json, Code, Diagnostic, Severity};
use crate::source::{FileId, Sources, Span};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use serde_json::{json, Value};
use std::borrow::Cow;

/// The `uriBaseId` of the bundled rule files.
pub const BUNDLED_BASE: &str = "GOUJI_BUNDLED";

/// Characters escaped in artifact URIs: what a relative URI reference cannot hold.
const URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file path as a URI reference (`报告.txt` → `%E6%8A%A5%E5%91%8A.txt`, `\` → `/`).
pub fn uri_of(path: &str) -> String {
    utf8_percent_encode(&path.replace('\\', "/"), URI).to_string()
}

/// A file gouji could not read (or not as a report), for the invocation's notifications.
pub struct Unread {
    pub path: String,
    pub message: String,
    /// `R001` when the file was read but is not a report's text: also a result at the file.
    pub code: Option<Code>,
}

// A result's parts as typed structures, printed straight into the output: a finding's SARIF
// result used to be built as a `serde_json::Value` tree first (maps of owned strings), which cost
// about as much as reading the report. The fields are declared in the order `serde_json::Value`
// prints its keys (sorted), so the output is the same byte for byte.

/// `{"text": …}`: SARIF's message object.
#[derive(Serialize)]
struct Text<T> {
    text: T,
}

/// A finding's SARIF result (a batch writes them one by one).
#[derive(Serialize)]
pub struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<String>,
    #[serde(rename = "relatedLocations")]
    related_locations: Vec<Location<'a>>,
    #[serde(rename = "ruleId")]
    rule_id: &'static str,
}

#[derive(Serialize)]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<Cow<'a, str>>>,
    #[serde(rename = "physicalLocation")]
    physical_location: Physical,
}

#[derive(Serialize)]
struct Physical {
    #[serde(rename = "artifactLocation")]
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    /// The bundled rule file's index among the run's artifacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    uri: String,
    #[serde(rename = "uriBaseId", skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
struct Region {
    #[serde(rename = "endColumn")]
    end_column: usize,
    #[serde(rename = "endLine")]
    end_line: usize,
    #[serde(rename = "startColumn")]
    start_column: usize,
    #[serde(rename = "startLine")]
    start_line: usize,
}

fn artifact(sources: &Sources, file: FileId) -> Artifact {
    let uri = uri_of(&sources.get(file).name);
    match crate::rules::bundled_index(sources, file) {
        Some(i) => Artifact {
            index: Some(i),
            uri,
            uri_base_id: Some(BUNDLED_BASE),
        },
        None => Artifact {
            index: None,
            uri,
            uri_base_id: None,
        },
    }
}

fn location<'a>(sources: &Sources, span: Span, message: Option<&'a str>) -> Location<'a> {
    let p = json::pos(sources, span);
    Location {
        message: message.filter(|m| !m.is_empty()).map(|m| Text {
            text: Cow::Borrowed(m),
        }),
        physical_location: Physical {
            artifact_location: artifact(sources, span.file),
            region: Region {
                end_column: p.end_column,
                end_line: p.end_line,
                start_column: p.column,
                start_line: p.line,
            },
        },
    }
}

/// One SARIF result: a finding with its locations (a batch writes them one by one).
pub fn result<'a>(sources: &Sources, d: &'a Diagnostic) -> SarifResult<'a> {
    let mut text = d.message.clone();
    for n in &d.notes {
        text.push('\n');
        text.push_str(&crate::tr!("render-note", note = n.as_str()));
    }
    if let Some(h) = &d.help {
        text.push('\n');
        text.push_str(&crate::tr!("render-help", help = h.as_str()));
    }
    let mut related: Vec<Location<'a>> = Vec::with_capacity(d.labels.len() + 1);
    related.extend(
        d.labels
            .iter()
            .map(|l| location(sources, l.span, Some(&l.message))),
    );
    if let Some(rule) = d.rule {
        let mut loc = location(sources, rule, None);
        let label = crate::tr!("render-rule-label");
        loc.message = (!label.is_empty()).then_some(Text {
            text: Cow::Owned(label),
        });
        related.push(loc);
    }
    SarifResult {
        level: level(d.severity),
        locations: [location(sources, d.primary, Some(&d.primary_message))],
        message: Text { text },
        related_locations: related,
        rule_id: d.code.as_str(),
    }
}

/// The result of a file that is not a report at all (binary, empty): it has a code.
pub fn unread_result(u: &Unread) -> Option<Value> {
    let code = u.code?;
    Some(json!({
        "ruleId": code.as_str(),
        "level": level(code.default_severity()),
        "message": {"text": u.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_of(&u.path)}}}],
    }))
}

/// One SARIF log for all the files of a run, with the files that could not be read.
pub fn log(sources: &Sources, diags: &[Diagnostic], unread: &[Unread]) -> Value {
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
    let mut results: Vec<Value> = diags.iter().map(|d| json!(result(sources, d))).collect();
    results.extend(unread.iter().filter_map(unread_result));
    let notifications: Vec<Value> = unread
        .iter()
        .map(|u| {
            json!({
                "level": "error",
                "message": {"text": u.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_of(&u.path)}}}],
            })
        })
        .collect();
    let rule_errors = diags
        .iter()
        .any(|d| d.severity == Severity::Error && d.code.as_str().starts_with('G'));
    // The bundled rule files, by their index in `BUNDLED`, with their text.
    let artifacts: Vec<Value> = crate::rules::BUNDLED
        .iter()
        .map(|(name, text)| {
            json!({
                "location": {"uri": uri_of(name), "uriBaseId": BUNDLED_BASE},
                "contents": {"text": text},
                "mimeType": "text/plain",
                "encoding": "utf-8",
            })
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {
                "name": "gouji",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": unread.is_empty() && !rule_errors,
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {
                BUNDLED_BASE: {
                    "uri": "gouji-bundled:///",
                    "description": {"text": crate::tr!("sarif-bundled-rules")},
                },
            },
            "artifacts": artifacts,
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
