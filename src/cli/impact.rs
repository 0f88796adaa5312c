//! `gouji impact --rules new.gouji [--base old.gouji | --base bundled] DIR…`: what a rule change
//! does to a folder of reports. Every report is checked with both rule sets; findings that
//! appear and disappear are grouped by rule and by report, with counts and the first examples
//! of each, in the words of the policy staff who review rule changes (`locales/*/impact.ftl`). Exit 1 when the change adds
//! errors, so a rule change can be reviewed in CI like code.

use super::{expand_inputs, load_report, load_rules, Loaded};
use codespan_reporting::term::termcolor::ColorChoice;
use gouji::diagnostic::{Diagnostic, Severity};
use gouji::report::ReadOptions;
use gouji::source::Sources;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImpactArgs {
    /// Report files or folders to check with both rule sets.
    #[arg(required = true)]
    files: Vec<String>,
    /// The changed rule files (added to the bundled rules, as in `gouji check --rules`).
    #[arg(long = "rules", value_name = "FILE", required = true)]
    rules: Vec<String>,
    /// The rules to compare with: rule files (added to the bundled rules), or `bundled`
    /// (the default) for the bundled rules alone.
    #[arg(long = "base", value_name = "FILE|bundled")]
    base: Vec<String>,
    /// How many examples to show for each rule.
    #[arg(long, default_value_t = 3)]
    examples: usize,
    #[arg(long, value_enum, default_value_t = ImpactFormat::Human)]
    format: ImpactFormat,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq)]
pub enum ImpactFormat {
    Human,
    Json,
}

/// One finding in one report, for comparing the two runs. The report text is the same in both,
/// so the place is a reliable part of the key.
#[derive(Clone)]
struct Found {
    report: String,
    code: &'static str,
    severity: Severity,
    message: String,
    line: usize,
    column: usize,
    /// The rule it enforces: `file:line` and the rule's first line, or the code's title.
    rule: String,
    rule_place: Option<String>,
    key: (String, &'static str, Severity, usize, usize, String),
}

fn found(sources: &Sources, report: &str, d: &Diagnostic) -> Found {
    let (line, column) = sources.get(d.primary.file).line_col_chars(d.primary.start);
    let (rule, rule_place) = match d.rule {
        Some(r) => {
            let f = sources.get(r.file);
            let text = f.text.get(r.start..r.end).unwrap_or("");
            let first = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("//"))
                .unwrap_or("");
            (
                first.to_string(),
                Some(format!("{}:{}", f.name, f.line_col_chars(r.start).0)),
            )
        }
        None => (d.code.title().to_string(), None),
    };
    Found {
        report: report.to_string(),
        code: d.code.as_str(),
        severity: d.severity,
        message: d.message.clone(),
        line,
        column,
        rule,
        rule_place,
        key: (
            report.to_string(),
            d.code.as_str(),
            d.severity,
            d.primary.start,
            d.primary.end,
            d.message.clone(),
        ),
    }
}

/// A share in whole percent, rounded half up.
fn percent(part: usize, whole: usize) -> usize {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (2 * whole)
    }
}

/// Findings of one change direction grouped by rule (code, severity, rule), in a stable order.
type Groups<'a> = BTreeMap<(String, &'static str, Severity, String), Vec<&'a Found>>;

fn group(items: &[Found]) -> Groups<'_> {
    let mut g: Groups = BTreeMap::new();
    for f in items {
        g.entry((
            f.rule_place.clone().unwrap_or_default(),
            f.code,
            f.severity,
            f.rule.clone(),
        ))
        .or_default()
        .push(f);
    }
    g
}

fn reports_of(items: &[&Found]) -> usize {
    let mut r: Vec<&str> = items.iter().map(|f| f.report.as_str()).collect();
    r.sort();
    r.dedup();
    r.len()
}

pub fn run(args: &ImpactArgs) -> ExitCode {
    let files = match expand_inputs(&args.files) {
        Ok(f) => f,
        Err(e) => {
            super::stderr(&e);
            return ExitCode::from(2);
        }
    };
    let base_files: Vec<String> = args
        .base
        .iter()
        .filter(|b| b.as_str() != "bundled")
        .cloned()
        .collect();
    let mut new_sources = Sources::new();
    let mut base_sources = Sources::new();
    let Some(new_rules) = load_rules(&mut new_sources, &args.rules, false, ColorChoice::Never)
    else {
        return ExitCode::from(2);
    };
    let Some(base_rules) = load_rules(&mut base_sources, &base_files, false, ColorChoice::Never)
    else {
        return ExitCode::from(2);
    };
    let mut appeared: Vec<Found> = Vec::new();
    let mut disappeared: Vec<Found> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    let mut checked = 0usize;
    for path in &files {
        let mut runs = Vec::new();
        for (sources, compiled) in [
            (&mut base_sources, &base_rules),
            (&mut new_sources, &new_rules),
        ] {
            let (file, opened) = match load_report(sources, path, path) {
                Loaded::Ok(f, o) => (f, o),
                Loaded::Failed(e) | Loaded::NotText(e, _) => {
                    unreadable.push(e);
                    break;
                }
            };
            let result = super::check_loaded(
                compiled,
                file,
                &sources.get(file).text,
                &opened,
                &ReadOptions::default(),
            );
            let all: Vec<Found> = result
                .findings
                .iter()
                .map(|d| found(sources, path, d))
                .collect();
            runs.push(all);
        }
        let [before, after] = runs.as_slice() else {
            continue;
        };
        checked += 1;
        for f in after {
            if !before.iter().any(|b| b.key == f.key) {
                appeared.push(f.clone());
            }
        }
        for f in before {
            if !after.iter().any(|a| a.key == f.key) {
                disappeared.push(f.clone());
            }
        }
    }
    // The same finding of the same rule at the same place, only worded differently (the rule
    // set's name, a count in the headline): changed, neither new nor gone.
    let place = |f: &Found| {
        (
            f.key.0.clone(),
            f.key.1,
            f.key.2,
            f.key.3,
            f.key.4,
            f.rule.clone(),
        )
    };
    let mut changed: Vec<(Found, Found)> = Vec::new();
    appeared.retain(
        |a| match disappeared.iter().position(|d| place(d) == place(a)) {
            Some(i) => {
                changed.push((disappeared.remove(i), a.clone()));
                false
            }
            None => true,
        },
    );
    let new_errors = appeared
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let base_name = if base_files.is_empty() {
        gouji::tr!("impact-bundled")
    } else {
        gouji::tr!(
            "impact-bundled-plus",
            files = gouji::i18n::join(&base_files)
        )
    };
    let new_name = gouji::tr!(
        "impact-bundled-plus",
        files = gouji::i18n::join(&args.rules)
    );
    let by_report = {
        let mut m: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for f in &appeared {
            m.entry(f.report.as_str()).or_default().0 += 1;
        }
        for f in &disappeared {
            m.entry(f.report.as_str()).or_default().1 += 1;
        }
        m
    };
    let affected = by_report.len();
    let mut out = std::io::stdout();
    match args.format {
        ImpactFormat::Json => {
            let groups = |items: &[Found], change: &str| -> Vec<serde_json::Value> {
                group(items)
                    .into_iter()
                    .map(|((place, code, sev, rule), fs)| {
                        json!({
                            "change": change,
                            "code": code,
                            "severity": sev.as_str(),
                            "rule": rule,
                            "rule_at": if place.is_empty() { None } else { Some(place) },
                            "count": fs.len(),
                            "reports": reports_of(&fs),
                            "examples": fs.iter().take(args.examples).map(|f| json!({
                                "path": f.report, "line": f.line, "column": f.column, "message": f.message,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect()
            };
            let count = |items: &[Found]| {
                json!({
                    "count": items.len(),
                    "reports": reports_of(&items.iter().collect::<Vec<_>>()),
                    "errors": items.iter().filter(|f| f.severity == Severity::Error).count(),
                })
            };
            let mut by_rule = groups(&appeared, "appeared");
            by_rule.extend(groups(&disappeared, "disappeared"));
            let doc = json!({
                "base": base_name,
                "new": new_name,
                "reports": checked,
                "affected_reports": affected,
                "unreadable": unreadable,
                "appeared": count(&appeared),
                "disappeared": count(&disappeared),
                "reworded": changed.iter().map(|(b, a)| json!({
                    "path": a.report, "line": a.line, "column": a.column, "code": a.code,
                    "before": b.message, "after": a.message,
                })).collect::<Vec<_>>(),
                "by_rule": by_rule,
                "by_report": by_report.iter().map(|(p, (a, d))| json!({"path": p, "appeared": a, "disappeared": d})).collect::<Vec<_>>(),
            });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        ImpactFormat::Human => {
            let mut say = |s: String| {
                let _ = writeln!(out, "{s}");
            };
            say(gouji::tr!(
                "impact-head",
                new = new_name.as_str(),
                base = base_name.as_str(),
                reports = checked
            ));
            say(gouji::tr!(
                "impact-totals",
                appeared = appeared.len(),
                appeared_reports = reports_of(&appeared.iter().collect::<Vec<_>>()),
                disappeared = disappeared.len(),
                disappeared_reports = reports_of(&disappeared.iter().collect::<Vec<_>>()),
                new_errors = new_errors
            ));
            if affected > 0 {
                say(gouji::tr!(
                    "impact-affected",
                    affected = affected,
                    percent = percent(affected, checked)
                ));
            }
            for (direction, items) in [("appeared", &appeared), ("disappeared", &disappeared)] {
                if items.is_empty() {
                    continue;
                }
                say(format!(
                    "\n{}",
                    gouji::tr!("impact-by-rule", direction = direction)
                ));
                for ((place, code, sev, rule), fs) in group(items) {
                    let at = if place.is_empty() {
                        String::new()
                    } else {
                        gouji::tr!("impact-at", place = place.as_str())
                    };
                    say(format!(
                        "  {}",
                        gouji::tr!(
                            "impact-rule",
                            code = code,
                            severity = sev.word(),
                            rule = rule.as_str(),
                            at = at,
                            direction = direction,
                            count = fs.len(),
                            reports = reports_of(&fs)
                        )
                    ));
                    for f in fs.iter().take(args.examples) {
                        say(format!(
                            "    {}",
                            gouji::tr!(
                                "impact-example",
                                place = format!("{}:{}:{}", f.report, f.line, f.column),
                                text = f.message.as_str()
                            )
                        ));
                    }
                    if fs.len() > args.examples {
                        say(format!(
                            "    {}",
                            gouji::tr!("impact-more", count = fs.len() - args.examples)
                        ));
                    }
                }
            }
            if !changed.is_empty() {
                say(format!(
                    "\n{}",
                    gouji::tr!("impact-reworded", count = changed.len())
                ));
                for (b, a) in changed.iter().take(args.examples) {
                    say(format!(
                        "    {}",
                        gouji::tr!(
                            "impact-example",
                            place = format!("{}:{}:{}", a.report, a.line, a.column),
                            text = a.code
                        )
                    ));
                    say(format!(
                        "      {}",
                        gouji::tr!("impact-before", text = b.message.as_str())
                    ));
                    say(format!(
                        "      {}",
                        gouji::tr!("impact-after", text = a.message.as_str())
                    ));
                }
                if changed.len() > args.examples {
                    say(format!(
                        "    {}",
                        gouji::tr!("impact-more", count = changed.len() - args.examples)
                    ));
                }
            }
            if !by_report.is_empty() {
                say(format!("\n{}", gouji::tr!("impact-by-report")));
                for (p, (a, d)) in &by_report {
                    say(format!(
                        "  {}",
                        gouji::tr!("impact-report", path = *p, appeared = *a, disappeared = *d)
                    ));
                }
            }
            if !unreadable.is_empty() {
                say(format!(
                    "\n{}",
                    gouji::tr!("impact-unreadable", count = unreadable.len())
                ));
                for u in &unreadable {
                    say(format!("  {u}"));
                }
            }
            if appeared.is_empty() && disappeared.is_empty() && changed.is_empty() {
                say(gouji::tr!("impact-no-change"));
            }
        }
    }
    if new_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
