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
            let file = sources.add(name.clone(), ex.text.clone());
            let (findings, trace) = match (ex.table, ex.section) {
                (_, Some(s)) => {
                    // Prose of one section, perhaps with rows of the tables its facts name.
                    let mut tables: Vec<usize> = rs
                        .facts
                        .iter()
                        .filter(|f| f.sections.contains(&s))
                        .flat_map(|f| f.options.iter().flatten())
                        .filter_map(|o| match &o.kind {
                            crate::compile::OperandKind::Cells(cs) => {
                                Some(cs.iter().map(|c| c.table))
                            }
                            _ => None,
                        })
                        .flatten()
                        .collect();
                    tables.sort_unstable();
                    tables.dedup();
                    let doc =
                        report::read_section_snippet(compiled, ri, s, &tables, file, &ex.text);
                    let mut f = doc.findings.clone();
                    f.extend(crate::check::narrative::check(compiled, &doc, &ex.text));
                    (f, Vec::new())
                }
                (Some(t), None) => {
                    let doc = report::read_table_snippet(compiled, ri, t, file, &ex.text);
                    let mut f = doc.findings.clone();
                    f.extend(crate::check::check(compiled, &doc));
                    f.extend(several(compiled, sources, ri, t, ex, &name, &doc));
                    (f, crate::check::trace(compiled, &doc))
                }
                (None, None) => {
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

/// The findings of an example of two or more reports: `previous """…"""` (last year's rows of
/// the same table) or `children """…""" …` (the reports a roll-up aggregates).
fn several(
    compiled: &Compiled,
    sources: &mut Sources,
    ri: usize,
    table: usize,
    ex: &crate::compile::Example,
    name: &str,
    doc: &report::Document,
) -> Vec<Diagnostic> {
    let this_text = ex.text.clone();
    let this = crate::cross::Report {
        name,
        doc,
        text: &this_text,
    };
    if let Some(prev) = &ex.previous {
        let pname = format!("{name} › previous");
        let pfile = sources.add(pname.clone(), prev.clone());
        let mut pdoc = report::read_table_snippet(compiled, ri, table, pfile, prev);
        pdoc.year = doc.year.map(|y| y.saturating_sub(1));
        let p = crate::cross::Report {
            name: &pname,
            doc: &pdoc,
            text: prev,
        };
        let mut f = pdoc.findings.clone();
        f.extend(crate::cross::check_pair(compiled, &this, &p));
        return f;
    }
    if ex.children.is_empty() {
        return Vec::new();
    }
    let mut docs = Vec::new();
    for (i, c) in ex.children.iter().enumerate() {
        let cname = format!("{name} › child {}", i + 1);
        let cfile = sources.add(cname.clone(), c.clone());
        docs.push((
            cname,
            report::read_table_snippet(compiled, ri, table, cfile, c),
            c,
        ));
    }
    let children: Vec<crate::cross::Report> = docs
        .iter()
        .map(|(n, d, t)| crate::cross::Report {
            name: n,
            doc: d,
            text: t,
        })
        .collect();
    let mut f: Vec<Diagnostic> = docs.iter().flat_map(|d| d.1.findings.clone()).collect();
    f.extend(crate::cross::check_rollup(compiled, &this, &children));
    f
}

/// Which checks of rule set `ri` the findings come from (identity findings carry the check's span).
fn exercised(compiled: &Compiled, ri: usize, findings: &[Diagnostic]) -> Vec<(usize, usize)> {
    let rs = &compiled.rule_sets[ri];
    let mut out = Vec::new();
    for d in findings
        .iter()
        .filter(|d| matches!(d.code, Code::IdentityFails | Code::YearsDoNotFollow))
    {
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

/// The facts of rule set `ri` (figures in the prose) that no example makes fail.
pub fn facts_never_fired(
    compiled: &Compiled,
    ri: usize,
    runs: &[ExampleRun],
) -> Vec<(usize, Span)> {
    let rs = &compiled.rule_sets[ri];
    rs.facts
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            !runs.iter().filter(|r| r.rule_set == ri).any(|r| {
                r.findings.iter().any(|d| {
                    matches!(d.code, Code::TextContradictsTable | Code::OtherYear)
                        && d.rule == Some(f.span)
                })
            })
        })
        .map(|(i, f)| (i, f.span))
        .collect()
}
