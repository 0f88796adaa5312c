//! Rule model × document → findings for identities that do not hold or cannot be checked.

pub mod narrative;

use crate::compile::{
    compare, Check, Cmp, Compiled, Guard, Operand, OperandKind, Quantifier, RuleSet, Scale, Table,
};
use crate::diagnostic::{CellFact, Code, Diagnostic};
use crate::report::short;
use crate::report::{Document, TableRead, Value};
use crate::source::Span;

/// One line (row or column) of one check that did not hold.
struct Failure<'a> {
    table: &'a Table,
    read: &'a TableRead,
    check: &'a Check,
    /// The row (each row) or column (each column) the check was evaluated on.
    line: Option<usize>,
    lhs: Vec<Term<'a>>,
    rhs: Vec<Term<'a>>,
    lhs_val: f64,
    rhs_val: f64,
    /// Where the report says the phrase of a `when mentioned` condition, and the phrase.
    mention: Option<(Span, String)>,
    /// The tolerance the comparison allowed, and whether it came from the printed precision.
    tolerance: f64,
    rounding: bool,
    /// Why a conditional check applied (`复议.总计 > 0 here: 3 > 0`).
    guard: Option<String>,
}

#[derive(Clone)]
struct Term<'a> {
    /// The table of the cell (cells named in full may be in another table than the check's).
    table: usize,
    row: usize,
    col: usize,
    /// The cell's row and column labels, for messages.
    row_label: std::borrow::Cow<'a, str>,
    col_label: &'a str,
    value: f64,
    negative: bool,
    /// Constant factors of the operand the cell is read for (`50% * 总计`).
    scale: Scale,
    /// The cell holds an amount (rounded as printed), not a count.
    amount: bool,
    span: Span,
    raw: &'a str,
}

impl Term<'_> {
    /// What the cell contributes to its side.
    fn signed(&self) -> f64 {
        let v = self.scale.apply(self.value);
        if self.negative {
            -v
        } else {
            v
        }
    }
}

/// A check on one line that blank or unreadable cells keep from being checked: the check, the
/// line's name, the cells' spans, their names and the cells.
type Unchecked<'a> = (&'a Check, String, Vec<Span>, Vec<String>, Vec<CellFact>);

enum Eval<'a> {
    Values(Vec<Term<'a>>, Vec<Term<'a>>),
    /// A cell is blank or unreadable: where, which (for people), and the cells (labels, text).
    Unknown(Vec<Span>, Vec<String>, Vec<CellFact>),
    /// A row the identity needs was not found (already reported by the reader): which cells.
    Absent(Vec<String>),
}

/// Evaluate every check of every table read, returning the findings.
pub fn check(compiled: &Compiled, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut failures: Vec<Failure> = Vec::new();
    for read in &doc.tables {
        let table = &compiled.rule_sets[read.rule_set].tables[read.table];
        let mut unknown: Vec<Unchecked> = Vec::new();
        for (ci, ch) in table.checks.iter().enumerate() {
            // A check across years needs last year's report too: see `crate::cross`.
            if ch.across_years() {
                continue;
            }
            // A conditional check applies only where the report says what it is about.
            let mention = read.mentions.get(ci).cloned().flatten();
            if !ch.when.is_empty() && mention.is_none() {
                continue;
            }
            let lines: Vec<Option<usize>> = match ch.quantifier {
                Some(_) => ch.applies_to.iter().map(|&l| Some(l)).collect(),
                None => vec![None],
            };
            let rs = &compiled.rule_sets[read.rule_set];
            for line in lines {
                // A condition on numbers or on prose: the check applies only where it holds.
                let guard = match &ch.guard {
                    None => None,
                    Some(g) => match guard_holds(rs, doc, read, ch, g, line) {
                        Some(why) => Some(why),
                        None => continue,
                    },
                };
                match eval(rs, &doc.tables, read, ch.quantifier, &ch.lhs, &ch.rhs, line) {
                    Eval::Absent(_) => {}
                    Eval::Unknown(spans, what, facts) => {
                        unknown.push((ch, line_name(table, ch, line), spans, what, facts))
                    }
                    Eval::Values(lhs, rhs) => {
                        let lv = sum(&lhs) + consts(&ch.lhs);
                        let rv = sum(&rhs) + consts(&ch.rhs);
                        let (tolerance, rounding) = tolerance(ch, &lhs, &rhs);
                        if !compare(lv, ch.cmp, rv, tolerance) {
                            failures.push(Failure {
                                table,
                                read,
                                check: ch,
                                line,
                                lhs,
                                rhs,
                                lhs_val: lv,
                                rhs_val: rv,
                                mention: mention.clone(),
                                tolerance,
                                rounding,
                                guard,
                            });
                        }
                    }
                }
            }
        }
        if !unknown.is_empty() {
            out.push(uncheckable(table, &unknown));
        }
    }
    for f in &failures {
        out.push(render_failure(f, &failures));
    }
    out
}

/// What each check did with a document, in words, for `gouji test` to say why an example that
/// should fail does not: not applied (its condition), not evaluated (cells not there), not
/// checkable (cells without a number), or held (with the numbers it computed).
pub fn trace(compiled: &Compiled, doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for read in &doc.tables {
        let rs = &compiled.rule_sets[read.rule_set];
        let table = &rs.tables[read.table];
        for (ci, ch) in table.checks.iter().enumerate() {
            let name = format!("check `{}`", ch.id);
            // A check across years is evaluated with last year's report (`crate::cross`).
            if ch.across_years() {
                continue;
            }
            if !ch.when.is_empty() && read.mentions.get(ci).cloned().flatten().is_none() {
                let phrases: Vec<String> = ch.when.iter().map(|w| format!("`{w}`")).collect();
                out.push(format!(
                    "{name} does not apply: the text says none of {}",
                    phrases.join(", ")
                ));
                continue;
            }
            let lines: Vec<Option<usize>> = match ch.quantifier {
                Some(_) => ch.applies_to.iter().map(|&l| Some(l)).collect(),
                None => vec![None],
            };
            let (mut missing, mut unknown, mut held, mut unguarded) =
                (Vec::new(), Vec::new(), Vec::new(), 0);
            for line in lines {
                if let Some(g) = &ch.guard {
                    if guard_holds(rs, doc, read, ch, g, line).is_none() {
                        unguarded += 1;
                        continue;
                    }
                }
                match eval(rs, &doc.tables, read, ch.quantifier, &ch.lhs, &ch.rhs, line) {
                    Eval::Absent(rows) => {
                        for c in rows {
                            if !missing.contains(&c) {
                                missing.push(c);
                            }
                        }
                    }
                    Eval::Unknown(_, what, _) => unknown.extend(what),
                    Eval::Values(l, r) => {
                        let lv = sum(&l) + consts(&ch.lhs);
                        let rv = sum(&r) + consts(&ch.rhs);
                        held.push(format!(
                            "{} {} {} in {}",
                            fmt(lv),
                            ch.cmp.symbol(),
                            fmt(rv),
                            line_name(table, ch, line)
                        ));
                    }
                }
            }
            let few = |v: &[String]| {
                let shown: Vec<&str> = v.iter().take(4).map(String::as_str).collect();
                if v.len() > shown.len() {
                    format!("{} and {} more", shown.join(", "), v.len() - shown.len())
                } else {
                    shown.join(", ")
                }
            };
            if !held.is_empty() {
                out.push(format!("{name} holds: it computed {}", few(&held)));
            }
            if !unknown.is_empty() {
                out.push(format!(
                    "{name} cannot be checked: no number in {}",
                    few(&unknown)
                ));
            }
            if !missing.is_empty() && held.is_empty() && unknown.is_empty() {
                out.push(format!(
                    "{name} is not evaluated: the example lacks {}",
                    few(&missing)
                ));
            }
            if unguarded > 0 {
                if let Some(Guard::Compare { text, .. } | Guard::Prose { text, .. }) = &ch.guard {
                    out.push(format!(
                        "{name} does not apply where `{text}` does not hold ({unguarded} place{})",
                        if unguarded == 1 { "" } else { "s" }
                    ));
                }
            }
        }
    }
    out
}

fn sum(ts: &[Term]) -> f64 {
    ts.iter().map(Term::signed).sum()
}

/// The tolerance of one comparison: the rule's, or, for amounts without one, half a unit of the
/// last digit printed in each cell that is not 0 (a sum of rounded parts may differ from the
/// rounded total by that much). Counts stay exact. `(tolerance, derived from the printing)`.
fn tolerance(ch: &Check, lhs: &[Term], rhs: &[Term]) -> (f64, bool) {
    if ch.tolerance_given {
        return (ch.tolerance, false);
    }
    let derived: f64 = lhs
        .iter()
        .chain(rhs)
        .filter(|t| t.amount && t.value != 0.0)
        .map(|t| t.scale.apply(half_unit(t.raw)).abs())
        .sum();
    if derived > 0.0 {
        (derived, true)
    } else {
        (ch.tolerance, false)
    }
}

/// Half a unit of the last digit printed: `12.3` → 0.05, `0.85` → 0.005, `12` → 0.5.
fn half_unit(raw: &str) -> f64 {
    let digits: String = raw
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '．')
        .collect();
    let decimals = digits
        .split(['.', '．'])
        .nth(1)
        .map_or(0, |d| d.chars().count());
    0.5 / 10f64.powi(decimals.min(9) as i32)
}

/// Whether a check's condition holds on this line: `Some(why)` when it does, `None` when it
/// does not or cannot be known (a cell blank, a section not found), so the check is not applied.
fn guard_holds(
    rs: &RuleSet,
    doc: &Document,
    read: &TableRead,
    ch: &Check,
    g: &Guard,
    line: Option<usize>,
) -> Option<String> {
    match g {
        Guard::Prose {
            section,
            cmp,
            chars,
            text,
        } => {
            let n = doc.prose(*section)?.chars().count();
            compare(n as f64, *cmp, f64::from(*chars), 0.0).then(|| {
                format!(
                    "the check applies because `{text}`: the text of `{}` has {n} characters besides its tables",
                    rs.sections.get(*section).map_or("", |s| s.label.as_str())
                )
            })
        }
        Guard::Compare {
            lhs,
            cmp,
            rhs,
            text,
        } => match eval(rs, &doc.tables, read, ch.quantifier, lhs, rhs, line) {
            Eval::Values(l, r) => {
                let lv = sum(&l) + consts(lhs);
                let rv = sum(&r) + consts(rhs);
                compare(lv, *cmp, rv, 0.0).then(|| {
                    format!(
                        "the check applies because `{text}`: {} {} {}",
                        fmt(lv),
                        cmp.symbol(),
                        fmt(rv)
                    )
                })
            }
            _ => None,
        },
    }
}

fn consts(ops: &[Operand]) -> f64 {
    ops.iter()
        .map(|o| match o.kind {
            OperandKind::Const(c) => {
                if o.negative {
                    -c
                } else {
                    c
                }
            }
            _ => 0.0,
        })
        .sum()
}

/// A row's label for people. In a form, a label several fields share (`总数`) is named with
/// its group (`办件量 › 总数`).
fn row_label(t: &Table, r: usize) -> std::borrow::Cow<'_, str> {
    let label = short(&t.rows[r].label);
    let shared = t.rows.iter().filter(|o| o.label == t.rows[r].label).count() > 1;
    match (&t.form, t.rows[r].groups.last()) {
        (Some(_), Some(&g)) if shared => format!("{} › {label}", t.row_groups[g].label).into(),
        _ => label.into(),
    }
}

fn line_name(t: &Table, ch: &Check, line: Option<usize>) -> String {
    if t.form.is_some() {
        return format!("form `{}`", t.label);
    }
    match (ch.quantifier, line) {
        (Some(Quantifier::EachRow), Some(r)) => format!("row `{}`", short(&t.rows[r].label)),
        (Some(Quantifier::EachColumn), Some(c)) => {
            format!("column `{}`", short(&t.columns[c].label))
        }
        _ => format!("table `{}`", t.label),
    }
}

fn eval<'a>(
    rs: &'a RuleSet,
    reads: &'a [TableRead],
    read: &TableRead,
    quantifier: Option<Quantifier>,
    lhs: &[Operand],
    rhs: &[Operand],
    line: Option<usize>,
) -> Eval<'a> {
    let t = &rs.tables[read.table];
    let mut spans = Vec::new();
    let mut what = Vec::new();
    let mut facts = Vec::new();
    let mut absent: Vec<String> = Vec::new();
    let mut side = |ops: &[Operand]| -> Vec<Term<'a>> {
        let mut terms = Vec::new();
        for o in ops {
            // Each cell with the table it is in: this one, or another for cells named in full.
            let cells: Vec<(usize, usize, usize)> = match &o.kind {
                OperandKind::Cells(cs) => cs.iter().map(|c| (c.table, c.row, c.col)).collect(),
                _ => o
                    .cells(t, quantifier, line.unwrap_or(0))
                    .into_iter()
                    .map(|(r, c)| (read.table, r, c))
                    .collect(),
            };
            for (ti, r, c) in cells {
                let (Some(table), Some(tr)) = (
                    rs.tables.get(ti),
                    reads
                        .iter()
                        .find(|x| x.table == ti && x.rule_set == read.rule_set),
                ) else {
                    absent.push(format!(
                        "table `{}`",
                        rs.tables.get(ti).map_or("", |t| t.label.as_str())
                    ));
                    continue;
                };
                let (row_label, col_label) = (row_label(table, r), short(&table.columns[c].label));
                match tr.cell(r, c) {
                    None => absent.push(format!("row `{row_label}`")),
                    Some(cell) => match cell.value {
                        Value::Number(v) => terms.push(Term {
                            table: ti,
                            row: r,
                            col: c,
                            row_label,
                            col_label,
                            value: v,
                            negative: o.negative,
                            scale: o.scale,
                            amount: table.columns[c].kind.is_amount(),
                            span: cell.span,
                            raw: &cell.raw,
                        }),
                        Value::NoValue | Value::Unreadable => {
                            spans.push(cell.span);
                            what.push(format!("`{row_label}` × `{col_label}`"));
                            facts.push(CellFact {
                                row: row_label.to_string(),
                                column: col_label.to_string(),
                                value: cell.raw.clone(),
                            });
                        }
                    },
                }
            }
        }
        terms
    };
    let lhs = side(lhs);
    let rhs = side(rhs);
    if !absent.is_empty() {
        absent.dedup();
        Eval::Absent(absent)
    } else if !spans.is_empty() {
        Eval::Unknown(spans, what, facts)
    } else {
        Eval::Values(lhs, rhs)
    }
}

/// One finding per table for the identities that blank or unreadable cells keep from being checked.
fn uncheckable(t: &Table, unknown: &[Unchecked]) -> Diagnostic {
    let first = &unknown[0];
    let mut cells: Vec<&str> = Vec::new();
    for u in unknown {
        for w in &u.3 {
            if !cells.contains(&w.as_str()) {
                cells.push(w);
            }
        }
    }
    let mut checks: Vec<String> = Vec::new();
    for u in unknown {
        let lines: Vec<&str> = unknown
            .iter()
            .filter(|o| std::ptr::eq(o.0, u.0))
            .map(|o| o.1.as_str())
            .collect();
        let entry = format!("`{}` in {}", u.0.report_text, lines.join(", "));
        if !checks.contains(&entry) {
            checks.push(entry);
        }
    }
    let n = checks.len();
    let headline = if n == 1 {
        format!(
            "`{}` cannot be checked in {}",
            first.0.report_text,
            if unknown.len() == 1 {
                first.1.clone()
            } else {
                format!("{} places", unknown.len())
            }
        )
    } else {
        format!("{n} identities of table `{}` cannot be checked", t.label)
    };
    let shown: Vec<&str> = cells.iter().take(6).copied().collect();
    let mut d = Diagnostic::of(Code::IdentityUncheckable, headline, first.2[0])
        .with_primary_message("no number here")
        .with_note(format!(
            "cells without a number: {}{}",
            shown.join(", "),
            if cells.len() > shown.len() {
                format!(" and {} more", cells.len() - shown.len())
            } else {
                String::new()
            }
        ))
        .with_rule(first.0.span);
    if n > 1 || unknown.len() > 1 {
        d = d.with_note(format!("not checked: {}", checks.join("; ")));
    }
    let mut facts: Vec<CellFact> = unknown.iter().flat_map(|u| u.4.clone()).collect();
    facts.sort();
    facts.dedup();
    d.cells = facts;
    d.with_help(
        "fill in every cell (0 where there is nothing to report) so the identities can be checked",
    )
}

fn fmt(v: f64) -> String {
    crate::compile::fmt_num(v)
}

/// A cell's value as it enters the arithmetic: `20`, or `20 × 50%` when its operand is scaled.
fn term_text(t: &Term) -> String {
    let mut out = fmt(t.value);
    if t.scale.mul != 1.0 {
        let pct = t.scale.mul * 100.0;
        if t.scale.mul < 1.0 && (pct - pct.round()).abs() < 1e-9 {
            out.push_str(&format!(" × {}%", fmt(pct.round())));
        } else {
            out.push_str(&format!(" × {}", fmt(t.scale.mul)));
        }
    }
    if t.scale.div != 1.0 {
        out.push_str(&format!(" ÷ {}", fmt(t.scale.div)));
    }
    out
}

/// `a + b + c` with the real numbers, or just `a` for one term.
fn arithmetic(ts: &[Term], total: f64, lhs: bool) -> String {
    if ts.len() == 1 && !ts[0].scale.is_one() && !ts[0].negative {
        return if lhs {
            format!("{} = {}", term_text(&ts[0]), fmt(total))
        } else {
            format!("{} = {}", fmt(total), term_text(&ts[0]))
        };
    }
    if ts.len() <= 1 {
        return fmt(total);
    }
    // Long sums show the cells that are not 0 and say how many zeros they leave out.
    let shown: Vec<&Term> = if ts.len() > 8 {
        ts.iter().filter(|t| t.value != 0.0).collect()
    } else {
        ts.iter().collect()
    };
    let zeros = ts.len() - shown.len();
    let mut parts: String = shown
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{}{}",
                if t.negative {
                    " - "
                } else if i > 0 {
                    " + "
                } else {
                    ""
                },
                term_text(t)
            )
        })
        .collect();
    if shown.is_empty() {
        parts = "0".into();
    }
    if zeros > 0 {
        parts = format!("{parts} (and {zeros} cells of 0)");
    }
    if lhs {
        format!("{parts} = {}", fmt(total))
    } else {
        format!("{} = {parts}", fmt(total))
    }
}

fn render_failure(f: &Failure, all: &[Failure]) -> Diagnostic {
    let t = f.table;
    let ch = f.check;
    let in_line = match (ch.quantifier, f.line) {
        _ if t.form.is_some() => format!("in form `{}`", t.label),
        (Some(Quantifier::EachRow), Some(r)) => format!("in row `{}`", short(&t.rows[r].label)),
        (Some(Quantifier::EachColumn), Some(c)) => {
            format!("in column `{}`", short(&t.columns[c].label))
        }
        _ => format!("in table `{}`", t.label),
    };
    let subject = (f.lhs.len() == 1 && ch.lhs.len() == 1).then(|| f.lhs[0].clone());
    let message = match &subject {
        // A condition on what the text says: the text and the table disagree.
        Some(s) if !ch.when.is_empty() => format!(
            "the text says `{}`, but `{}` × `{}` is {}",
            f.mention.as_ref().map(|m| m.1.as_str()).unwrap_or_default(),
            s.row_label,
            s.col_label,
            s.raw
        ),
        Some(s) => {
            let name = match ch.quantifier {
                Some(Quantifier::EachRow) => s.col_label,
                Some(Quantifier::EachColumn) => &s.row_label,
                None => &format!("{} × {}", s.row_label, s.col_label),
            };
            let other = other_side(f);
            match ch.cmp {
                Cmp::Eq if f.rhs.len() > 1 => format!("`{name}` does not add up {in_line}"),
                Cmp::Eq => format!("`{name}` is not equal to {other} {in_line}"),
                Cmp::Ne => format!("`{name}` equals {other} {in_line}, but must differ from it"),
                Cmp::Ge => format!("`{name}` is less than {other} {in_line}"),
                Cmp::Le => format!("`{name}` is more than {other} {in_line}"),
                Cmp::Gt => format!("`{name}` is not more than {other} {in_line}"),
                Cmp::Lt => format!("`{name}` is not less than {other} {in_line}"),
            }
        }
        None => format!("`{}` does not hold {in_line}", ch.report_text),
    };
    let culprit = find_culprit(f, all);
    let in_check = |c: &Term| {
        f.lhs
            .iter()
            .chain(f.rhs.iter())
            .any(|t| t.table == c.table && t.row == c.row && t.col == c.col)
    };
    let primary = subject
        .as_ref()
        .map(|s| s.span)
        .or_else(|| culprit.as_ref().filter(|c| in_check(c)).map(|c| c.span))
        .or_else(|| f.lhs.first().map(|s| s.span))
        .or_else(|| f.rhs.first().map(|s| s.span))
        .unwrap_or(ch.span);
    let arithmetic_note = format!(
        "{} {} {}",
        arithmetic(&f.lhs, f.lhs_val, true),
        ch.cmp.negated_symbol(),
        arithmetic(&f.rhs, f.rhs_val, false)
    );
    let mut d = Diagnostic::new(Code::IdentityFails, ch.severity, message, primary)
        .with_primary_message(match (&subject, &culprit) {
            (Some(s), _) if !ch.when.is_empty() => match ch.cmp {
                Cmp::Eq => format!("this is {}, not {}", s.raw, fmt(f.rhs_val)),
                cmp => format!(
                    "this is {}, expected {} {}",
                    s.raw,
                    cmp.symbol(),
                    fmt(f.rhs_val)
                ),
            },
            (Some(s), _) if ch.cmp == Cmp::Eq && f.rhs.len() > 1 => format!(
                "this is {}, but the cells it sums give {}",
                s.raw,
                fmt(f.rhs_val)
            ),
            (Some(s), _) => format!(
                "this is {}, {}",
                s.raw,
                match ch.cmp {
                    Cmp::Eq => format!("not {}", fmt(f.rhs_val)),
                    Cmp::Ne => format!("the same as {}", fmt(f.rhs_val)),
                    Cmp::Ge => format!("less than {}", fmt(f.rhs_val)),
                    Cmp::Le => format!("more than {}", fmt(f.rhs_val)),
                    Cmp::Gt => format!("not more than {}", fmt(f.rhs_val)),
                    Cmp::Lt => format!("not less than {}", fmt(f.rhs_val)),
                }
            ),
            (None, Some(c)) if c.span == primary => format!("{} here is the likely culprit", c.raw),
            (None, _) => format!(
                "one side comes to {}, the other to {}",
                fmt(f.lhs_val),
                fmt(f.rhs_val)
            ),
        })
        .with_note(arithmetic_note)
        .with_rule(ch.span);
    if f.rounding {
        d = d.with_note(format!(
            "按打印精度允许误差 ±{} (half a unit of the last digit printed in each amount; the rule gives no `tolerance`)",
            fmt(f.tolerance)
        ));
    } else if f.tolerance > 0.0 {
        d = d.with_note(format!(
            "the rule allows a difference of ±{}",
            fmt(f.tolerance)
        ));
    }
    if let Some(why) = &f.guard {
        d = d.with_note(why.clone());
    }
    for term in f.lhs.iter().chain(f.rhs.iter()) {
        d = d.with_cell(term.row_label.as_ref(), term.col_label, term.raw);
    }
    let mut labelled = 0;
    for term in f.lhs.iter().chain(f.rhs.iter()) {
        if term.span == primary
            || labelled >= 10
            || (term.value == 0.0 && f.lhs.len() + f.rhs.len() > 8)
        {
            continue;
        }
        labelled += 1;
        let name = match ch.quantifier {
            Some(Quantifier::EachRow) => term.col_label.to_string(),
            Some(Quantifier::EachColumn) => term.row_label.to_string(),
            None => format!("{} × {}", term.row_label, term.col_label),
        };
        d = d.with_label(term.span, format!("{name} {}", fmt(term.value)));
    }
    if let Some(m) = &ch.message {
        d = d.with_note(format!("the rule: {m}"));
    }
    if let Some((at, _)) = &f.mention {
        d = d.with_label(*at, "the report says this");
    }
    if let Some(c) = &culprit {
        d = d.with_note(format!(
            "the likely culprit is the cell `{}` × `{}` ({}): it also breaks {}",
            c.row_label,
            c.col_label,
            c.raw,
            if ch.quantifier == Some(Quantifier::EachRow) {
                "an identity of its column"
            } else {
                "an identity of its row"
            }
        ));
    }
    // An editor action may offer the computed total, where exactly this one cell is at fault.
    if let Some(s) = &subject {
        let fault_is_elsewhere = culprit
            .as_ref()
            .is_some_and(|c| c.row != s.row || c.col != s.col);
        if !fault_is_elsewhere
            && ch.cmp == Cmp::Eq
            && s.scale.is_one()
            && !f.rounding
            && s.raw.chars().all(|c| c.is_ascii_digit())
            && !s.negative
        {
            d = d.with_fix(
                format!("replace {} with the computed sum {}", s.raw, fmt(f.rhs_val)),
                s.span,
                fmt(f.rhs_val),
            );
        }
    }
    d
}

/// One wrong cell breaks one row identity and one column identity by the same amount: when
/// exactly one cell is shared by this failure and failures of the other direction, that cell.
/// The side a single cell is compared with, for the headline: the other cell's label, the
/// number, or the other side of the rule in the report's terms.
fn other_side(f: &Failure) -> String {
    let ch = f.check;
    match (f.rhs.as_slice(), ch.rhs.as_slice()) {
        ([t], [o]) if !matches!(o.kind, OperandKind::Const(_)) => {
            let name = match ch.quantifier {
                Some(Quantifier::EachRow) => format!("`{}`", t.col_label),
                Some(Quantifier::EachColumn) => format!("`{}`", t.row_label),
                None => format!("`{} × {}`", t.row_label, t.col_label),
            };
            if t.scale.is_one() {
                name
            } else {
                let mut scaled = term_text(t);
                scaled.replace_range(..fmt(t.value).len(), &name);
                format!("{scaled} ({})", fmt(f.rhs_val))
            }
        }
        ([], _) => fmt(f.rhs_val),
        _ => {
            let sym = format!(" {} ", ch.cmp.symbol());
            match ch.report_text.split_once(&sym) {
                Some((_, r)) => format!("`{r}` ({})", fmt(f.rhs_val)),
                None => fmt(f.rhs_val),
            }
        }
    }
}

fn find_culprit<'a>(f: &Failure<'a>, all: &[Failure<'a>]) -> Option<Term<'a>> {
    let ch = f.check;
    let diff = f.lhs_val - f.rhs_val;
    let candidates: Vec<Term<'a>> = all
        .iter()
        .filter(|o| {
            !std::ptr::eq(*o, f)
                && std::ptr::eq(o.read, f.read)
                && o.check.quantifier.is_some()
                && o.check.quantifier != ch.quantifier
        })
        .filter_map(|o| {
            let shared: Vec<&Term> = f
                .lhs
                .iter()
                .chain(f.rhs.iter())
                .filter(|m| {
                    o.lhs
                        .iter()
                        .chain(o.rhs.iter())
                        .any(|t| t.table == m.table && t.row == m.row && t.col == m.col)
                })
                .collect();
            let same_size = ((o.lhs_val - o.rhs_val).abs() - diff.abs()).abs() < 1e-9;
            (same_size && shared.len() == 1 && diff != 0.0).then(|| shared[0].clone())
        })
        .collect();
    let mut cells: Vec<(usize, usize)> = candidates.iter().map(|c| (c.row, c.col)).collect();
    cells.dedup();
    if cells.len() == 1 {
        candidates.into_iter().next()
    } else {
        None
    }
}
