//! `gouji impact --rules new.gouji [--base old.gouji | --base bundled] DIR…`: what a rule change
//! does to a folder of reports. Every report is checked with both rule sets; findings that
//! appear and disappear are grouped by rule and by report, with counts and the first examples
//! of each, in Chinese for the policy staff who review rule changes. Exit 1 when the change adds
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

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Note => "提示",
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
            let result = gouji::document::check(compiled, file, &opened, &ReadOptions::default());
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
        "内置规则".to_string()
    } else {
        format!("内置规则加 {}", base_files.join("、"))
    };
    let new_name = format!("内置规则加 {}", args.rules.join("、"));
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
            let _ = writeln!(
                out,
                "规则变更的影响：{new_name}，对比{base_name}；共检查 {checked} 份报告"
            );
            let _ = writeln!(
                out,
                "新增 {} 条（{} 份报告），消失 {} 条（{} 份报告）；新增错误 {new_errors} 条",
                appeared.len(),
                reports_of(&appeared.iter().collect::<Vec<_>>()),
                disappeared.len(),
                reports_of(&disappeared.iter().collect::<Vec<_>>()),
            );
            if affected > 0 {
                let _ = writeln!(
                    out,
                    "受影响的报告 {affected} 份，占所查报告的 {}%",
                    percent(affected, checked)
                );
            }
            for (title, items) in [("新增", &appeared), ("消失", &disappeared)] {
                if items.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "\n{title}的问题（按规则）：");
                for ((place, code, sev, rule), fs) in group(items) {
                    let at = if place.is_empty() {
                        String::new()
                    } else {
                        format!("（{place}）")
                    };
                    let _ = writeln!(
                        out,
                        "  {code} {} {rule}{at}：{title} {} 条（{} 份报告）",
                        severity_zh(sev),
                        fs.len(),
                        reports_of(&fs)
                    );
                    for f in fs.iter().take(args.examples) {
                        let _ = writeln!(
                            out,
                            "    例：{}:{}:{} {}",
                            f.report, f.line, f.column, f.message
                        );
                    }
                    if fs.len() > args.examples {
                        let _ = writeln!(out, "    …另有 {} 条", fs.len() - args.examples);
                    }
                }
            }
            if !changed.is_empty() {
                let _ = writeln!(
                    out,
                    "\n同一位置的问题措辞改变 {} 条（不计入新增或消失）：",
                    changed.len()
                );
                for (b, a) in changed.iter().take(args.examples) {
                    let _ = writeln!(
                        out,
                        "    例：{}:{}:{} {}",
                        a.report, a.line, a.column, a.code
                    );
                    let _ = writeln!(out, "      原：{}", b.message);
                    let _ = writeln!(out, "      现：{}", a.message);
                }
                if changed.len() > args.examples {
                    let _ = writeln!(out, "    …另有 {} 条", changed.len() - args.examples);
                }
            }
            if !by_report.is_empty() {
                let _ = writeln!(out, "\n按报告：");
                for (p, (a, d)) in &by_report {
                    let _ = writeln!(out, "  {p}：新增 {a} 条，消失 {d} 条");
                }
            }
            if !unreadable.is_empty() {
                let _ = writeln!(out, "\n无法读取的文件 {} 个：", unreadable.len());
                for u in &unreadable {
                    let _ = writeln!(out, "  {u}");
                }
            }
            if appeared.is_empty() && disappeared.is_empty() && changed.is_empty() {
                let _ = writeln!(out, "这次规则变更不改变任何检查结果。");
            }
        }
    }
    if new_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
