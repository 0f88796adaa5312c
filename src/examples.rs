//! `gouji test`: run the examples written in rule files and say which checks they exercised.

use crate::compile::Compiled;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::report::{self, ReadOptions};
use crate::source::{Sources, Span};

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct ExampleRun {
    pub rule_set: usize,
    pub example: usize,
    /// What the example asked for and did not get (empty when it passed).
    pub problems: Vec<String>,
    pub findings: Vec<Diagnostic>,
    /// The checks (table index, check index) whose findings the example produced.
    pub exercised: Vec<(usize, usize)>,
}

impl ExampleRun {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Run every example of every rule set. Each example's text is added to `sources` (named after
/// the rule file and the example) so its findings can be rendered.
pub fn run(compiled: &Compiled, sources: &mut Sources) -> Vec<ExampleRun> {
    let mut out = Vec::new();
    for (ri, rs) in compiled.rule_sets.iter().enumerate() {
        for (ei, ex) in rs.examples.iter().enumerate() {
            let name = format!("{} › example {}", sources.get(ex.span.file).name, ex.id);
            let file = sources.add(name, ex.text.clone());
            let (findings, trace) = match ex.table {
                Some(t) => {
                    let doc = report::read_table_snippet(compiled, ri, t, file, &ex.text);
                    let mut f = doc.findings.clone();
                    f.extend(crate::check::check(compiled, &doc));
                    (f, crate::check::trace(compiled, &doc))
                }
                None => {
                    let only = Compiled {
                        rule_sets: vec![rs.clone()],
                        diagnostics: Vec::new(),
                    };
                    let checked =
                        crate::check_report(&only, file, &ex.text, &ReadOptions::default());
                    let trace = crate::check::trace(&only, &checked.document);
                    (checked.findings, trace)
                }
            };
            let mut problems = Vec::new();
            match &ex.expects {
                None => {
                    for d in findings.iter().filter(|d| d.severity >= Severity::Warning) {
                        problems.push(crate::tr!(
                            "test-should-pass",
                            severity = d.severity.word(),
                            code = d.code.as_str(),
                            message = d.message.as_str()
                        ));
                    }
                }
                Some(codes) => {
                    for c in codes {
                        if !findings.iter().any(|d| d.code == *c) {
                            problems.push(crate::tr!("test-should-produce", code = c.as_str()));
                            // Why: what each check did with the example.
                            if matches!(c, Code::IdentityFails | Code::IdentityUncheckable) {
                                if trace.is_empty() {
                                    problems
                                        .push(format!("  {}", crate::tr!("test-no-table-read")));
                                }
                                problems.extend(trace.iter().map(|t| format!("  {t}")));
                            }
                        }
                    }
                }
            }
            let exercised = exercised(compiled, ri, &findings);
            out.push(ExampleRun {
                rule_set: ri,
                example: ei,
                problems,
                findings,
                exercised,
            });
        }
    }
    out
}

/// Which checks of rule set `ri` the findings come from (identity findings carry the check's span).
fn exercised(compiled: &Compiled, ri: usize, findings: &[Diagnostic]) -> Vec<(usize, usize)> {
    let rs = &compiled.rule_sets[ri];
    let mut out = Vec::new();
    for d in findings.iter().filter(|d| d.code == Code::IdentityFails) {
        let Some(rule) = d.rule else { continue };
        for (ti, t) in rs.tables.iter().enumerate() {
            for (ci, c) in t.checks.iter().enumerate() {
                if c.span == rule && !out.contains(&(ti, ci)) {
                    out.push((ti, ci));
                }
            }
        }
    }
    out
}

/// The checks of rule set `ri` that no example makes fail.
pub fn never_fired(
    compiled: &Compiled,
    ri: usize,
    runs: &[ExampleRun],
) -> Vec<(usize, usize, Span)> {
    let rs = &compiled.rule_sets[ri];
    let fired: Vec<(usize, usize)> = runs
        .iter()
        .filter(|r| r.rule_set == ri)
        .flat_map(|r| r.exercised.iter().copied())
        .collect();
    let mut out = Vec::new();
    for (ti, t) in rs.tables.iter().enumerate() {
        for (ci, c) in t.checks.iter().enumerate() {
            if !fired.contains(&(ti, ci)) {
                out.push((ti, ci, c.span));
            }
        }
    }
    out
}
