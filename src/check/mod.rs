//! Rule model × document → findings for identities that do not hold or cannot be checked.

use crate::syntax::ast::Cmp;

/// Compare with a tolerance (for rounded amounts).
pub fn compare(l: f64, cmp: Cmp, r: f64, tol: f64) -> bool {
    let tol = tol.max(1e-9);
    match cmp {
        Cmp::Eq => (l - r).abs() <= tol,
        Cmp::Ne => (l - r).abs() > tol,
        Cmp::Ge => l >= r - tol,
        Cmp::Le => l <= r + tol,
        Cmp::Gt => l > r + tol,
        Cmp::Lt => l < r - tol,
    }
}

use crate::compile::{Check, Compiled, OperandKind, Quantifier, RuleSet, Table};
use crate::diagnostic::{Code, Diagnostic};
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
    lhs: Vec<Term>,
    rhs: Vec<Term>,
    lhs_val: f64,
    rhs_val: f64,
    /// Where the report says the phrase of a `when mentioned` condition, and the phrase.
    mention: Option<(Span, String)>,
}

#[derive(Clone)]
struct Term {
    /// The table of the cell (cells named in full may be in another table than the check's).
    table: usize,
    row: usize,
    col: usize,
    /// The cell's row and column labels, for messages.
    row_label: String,
    col_label: String,
    value: f64,
    negative: bool,
    span: Span,
    raw: String,
}

enum Eval {
    Values(Vec<Term>, Vec<Term>),
    /// A cell is blank or unreadable.
    Unknown(Vec<Span>, Vec<String>),
    /// A row the identity needs was not found (already reported by the reader).
    Absent,
}

/// Evaluate every check of every table read, returning the findings.
pub fn check(compiled: &Compiled, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut failures: Vec<Failure> = Vec::new();
    for read in &doc.tables {
        let table = &compiled.rule_sets[read.rule_set].tables[read.table];
        let mut unknown: Vec<(&Check, String, Vec<Span>, Vec<String>)> = Vec::new();
        for (ci, ch) in table.checks.iter().enumerate() {
            // A conditional check applies only where the report says what it is about.
            let mention = read.mentions.get(ci).cloned().flatten();
            if !ch.when.is_empty() && mention.is_none() {
                continue;
            }
            let lines: Vec<Option<usize>> = match ch.quantifier {
                Some(_) => ch.applies_to.iter().map(|&l| Some(l)).collect(),
                None => vec![None],
            };
            for line in lines {
                match eval(
                    &compiled.rule_sets[read.rule_set],
                    &doc.tables,
                    read,
                    ch,
                    line,
                ) {
                    Eval::Absent => {}
                    Eval::Unknown(spans, what) => {
                        unknown.push((ch, line_name(table, ch, line), spans, what))
                    }
                    Eval::Values(lhs, rhs) => {
                        let lv = sum(&lhs) + consts(&ch.lhs);
                        let rv = sum(&rhs) + consts(&ch.rhs);
                        if !compare(lv, ch.cmp, rv, ch.tolerance) {
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

fn sum(ts: &[Term]) -> f64 {
    ts.iter()
        .map(|t| if t.negative { -t.value } else { t.value })
        .sum()
}

fn consts(ops: &[crate::compile::Operand]) -> f64 {
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

fn line_name(t: &Table, ch: &Check, line: Option<usize>) -> String {
    match (ch.quantifier, line) {
        (Some(Quantifier::EachRow), Some(r)) => {
            crate::tr!(
                "check-place-row",
                table = t.id.as_str(),
                label = t.label.as_str(),
                row = short(&t.rows[r].label)
            )
        }
        (Some(Quantifier::EachColumn), Some(c)) => {
            crate::tr!(
                "check-place-column",
                table = t.id.as_str(),
                label = t.label.as_str(),
                column = short(&t.columns[c].label)
            )
        }
        _ => crate::tr!(
            "check-place-table",
            table = t.id.as_str(),
            label = t.label.as_str()
        ),
    }
}

fn eval(
    rs: &RuleSet,
    reads: &[TableRead],
    read: &TableRead,
    ch: &Check,
    line: Option<usize>,
) -> Eval {
    let t = &rs.tables[read.table];
    let mut spans = Vec::new();
    let mut what = Vec::new();
    let mut absent = false;
    let mut side = |ops: &[crate::compile::Operand]| -> Vec<Term> {
        let mut terms = Vec::new();
        for o in ops {
            // Each cell with the table it is in: this one, or another for cells named in full.
            let cells: Vec<(usize, usize, usize)> = match &o.kind {
                OperandKind::Cells(cs) => cs.iter().map(|c| (c.table, c.row, c.col)).collect(),
                _ => o
                    .cells(t, ch.quantifier, line.unwrap_or(0))
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
                    absent = true;
                    continue;
                };
                let (row_label, col_label) = (
                    short(&table.rows[r].label).to_string(),
                    short(&table.columns[c].label).to_string(),
                );
                match tr.cell(r, c) {
                    None => absent = true,
                    Some(cell) => match cell.value {
                        Value::Number(v) => terms.push(Term {
                            table: ti,
                            row: r,
                            col: c,
                            row_label,
                            col_label,
                            value: v,
                            negative: o.negative,
                            span: cell.span,
                            raw: cell.raw.clone(),
                        }),
                        Value::NoValue | Value::Unreadable => {
                            spans.push(cell.span);
                            what.push(crate::tr!(
                                "check-cell",
                                row = row_label.as_str(),
                                column = col_label.as_str()
                            ));
                        }
                    },
                }
            }
        }
        terms
    };
    let lhs = side(&ch.lhs);
    let rhs = side(&ch.rhs);
    if absent {
        Eval::Absent
    } else if !spans.is_empty() {
        Eval::Unknown(spans, what)
    } else {
        Eval::Values(lhs, rhs)
    }
}

/// One finding per table for the identities that blank or unreadable cells keep from being checked.
fn uncheckable(t: &Table, unknown: &[(&Check, String, Vec<Span>, Vec<String>)]) -> Diagnostic {
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
        let entry = crate::tr!(
            "check-uncheckable-entry",
            identity = u.0.report_text.as_str(),
            places = crate::i18n::join(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
        );
        if !checks.contains(&entry) {
            checks.push(entry);
        }
    }
    let n = checks.len();
    let headline = if n == 1 {
        if unknown.len() == 1 {
            crate::tr!(
                "check-uncheckable-one",
                identity = first.0.report_text.as_str(),
                place = first.1.as_str()
            )
        } else {
            crate::tr!(
                "check-uncheckable-places",
                identity = first.0.report_text.as_str(),
                count = unknown.len()
            )
        }
    } else {
        crate::tr!(
            "check-uncheckable-many",
            count = n,
            table = t.id.as_str(),
            label = t.label.as_str()
        )
    };
    let shown: Vec<String> = cells.iter().take(6).map(|c| c.to_string()).collect();
    let mut d = Diagnostic::of(Code::IdentityUncheckable, headline, first.2[0])
        .with_primary_message(crate::tr!("check-uncheckable-here"))
        .with_note(if cells.len() > shown.len() {
            crate::tr!(
                "check-uncheckable-cells-more",
                cells = crate::i18n::join(&shown),
                more = cells.len() - shown.len()
            )
        } else {
            crate::tr!("check-uncheckable-cells", cells = crate::i18n::join(&shown))
        })
        .with_rule(first.0.span);
    if n > 1 || unknown.len() > 1 {
        d = d.with_note(crate::tr!(
            "check-uncheckable-not-checked",
            checks = checks.join(&crate::tr!("list-separator-long"))
        ));
    }
    d.with_help(crate::tr!("check-uncheckable-help"))
}

fn fmt(v: f64) -> String {
    crate::compile::fmt_num(v)
}

/// One side of an identity with the real numbers: `新收 12 + 上年结转 1 = 13` (each term named
/// by its label), or just the number for a single term. Long sums show the cells that are not 0
/// without their names and say how many zeros they leave out.
fn arithmetic(ts: &[Term], total: f64, q: Option<Quantifier>) -> String {
    let name = |t: &Term| match q {
        Some(Quantifier::EachRow) => t.col_label.clone(),
        Some(Quantifier::EachColumn) => t.row_label.clone(),
        None => crate::tr!(
            "check-cell-plain",
            row = t.row_label.as_str(),
            column = t.col_label.as_str()
        ),
    };
    if ts.len() == 1 {
        return crate::tr!("check-term", name = name(&ts[0]), value = fmt(ts[0].value));
    }
    if ts.is_empty() {
        return fmt(total);
    }
    let long = ts.len() > 8;
    let shown: Vec<&Term> = if long {
        ts.iter().filter(|t| t.value != 0.0).collect()
    } else {
        ts.iter().collect()
    };
    let zeros = ts.len() - shown.len();
    let mut parts: String = shown
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let sign = if t.negative {
                " - "
            } else if i > 0 {
                " + "
            } else {
                ""
            };
            if long {
                format!("{sign}{}", fmt(t.value))
            } else {
                format!(
                    "{sign}{}",
                    crate::tr!("check-term", name = name(t), value = fmt(t.value))
                )
            }
        })
        .collect();
    if shown.is_empty() {
        parts = "0".into();
    }
    if zeros > 0 {
        parts = crate::tr!("check-zeros-left-out", sum = parts, zeros = zeros);
    }
    format!("{parts} = {}", fmt(total))
}

/// `a + b + c = total` (or `total = a + b + c` for the right side) with the numbers alone, or
/// just the number for one term; long sums leave out their zeros and say how many.
fn numbers(ts: &[Term], total: f64, lhs: bool) -> String {
    if ts.len() <= 1 {
        return fmt(total);
    }
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
            let sign = if t.negative {
                " - "
            } else if i > 0 {
                " + "
            } else {
                ""
            };
            format!("{sign}{}", fmt(t.value))
        })
        .collect();
    if shown.is_empty() {
        parts = "0".into();
    }
    if zeros > 0 {
        parts = crate::tr!("check-zeros-left-out", sum = parts, zeros = zeros);
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
    let place = line_name(t, ch, f.line);
    let subject = (f.lhs.len() == 1 && ch.lhs.len() == 1).then(|| f.lhs[0].clone());
    let message = match &subject {
        // A condition on what the text says: the text and the table disagree.
        Some(s) if !ch.when.is_empty() => crate::tr!(
            "check-mention-disagrees",
            phrase = f.mention.as_ref().map(|m| m.1.as_str()).unwrap_or_default(),
            row = s.row_label.as_str(),
            column = s.col_label.as_str(),
            value = s.raw.as_str()
        ),
        Some(s) => {
            let name = match ch.quantifier {
                Some(Quantifier::EachRow) => s.col_label.as_str(),
                _ => s.row_label.as_str(),
            };
            if ch.cmp == crate::syntax::ast::Cmp::Eq {
                crate::tr!(
                    "check-sum-does-not-add-up",
                    name = name,
                    place = place.as_str(),
                    value = s.raw.as_str(),
                    sum = fmt(f.rhs_val)
                )
            } else {
                crate::tr!(
                    "check-compare-fails",
                    name = name,
                    place = place.as_str(),
                    value = s.raw.as_str(),
                    symbol = ch.cmp.symbol(),
                    expected = fmt(f.rhs_val)
                )
            }
        }
        None => crate::tr!(
            "check-identity-does-not-hold",
            identity = ch.report_text.as_str(),
            place = place.as_str()
        ),
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
    let difference = fmt((f.lhs_val - f.rhs_val).abs());
    // Both forms of the arithmetic; each language takes the one it reads best in: with the
    // labels (`新收 12 + 上年结转 1 = 13`) or the numbers alone (`12 + 1 = 13 ≠ 14 = 13 + 1`).
    let lhs_text = arithmetic(&f.lhs, f.lhs_val, ch.quantifier);
    let rhs_text = arithmetic(&f.rhs, f.rhs_val, ch.quantifier);
    let lhs_numbers = numbers(&f.lhs, f.lhs_val, true);
    let rhs_numbers = numbers(&f.rhs, f.rhs_val, false);
    let arithmetic_note = match ch.cmp {
        crate::syntax::ast::Cmp::Eq => crate::tr!(
            "check-arithmetic-equal",
            left = lhs_text,
            right = rhs_text,
            left_numbers = lhs_numbers,
            right_numbers = rhs_numbers,
            difference = difference
        ),
        cmp => crate::tr!(
            "check-arithmetic-compare",
            left = lhs_text,
            right = rhs_text,
            left_numbers = lhs_numbers,
            right_numbers = rhs_numbers,
            symbol = cmp.symbol(),
            negated = cmp.negated_symbol()
        ),
    };
    let mut d = Diagnostic::new(Code::IdentityFails, ch.severity, message, primary)
        .with_primary_message(match (&subject, &culprit) {
            (Some(s), _) if !ch.when.is_empty() => match ch.cmp {
                crate::syntax::ast::Cmp::Eq => crate::tr!(
                    "check-here-not",
                    value = s.raw.as_str(),
                    expected = fmt(f.rhs_val)
                ),
                cmp => crate::tr!(
                    "check-here-expected",
                    value = s.raw.as_str(),
                    symbol = cmp.symbol(),
                    expected = fmt(f.rhs_val)
                ),
            },
            (Some(s), _) => crate::tr!(
                "check-here-sum",
                value = s.raw.as_str(),
                sum = fmt(f.rhs_val)
            ),
            (None, Some(c)) if c.span == primary => {
                crate::tr!("check-here-culprit", value = c.raw.as_str())
            }
            (None, _) => crate::tr!("check-sides", left = fmt(f.lhs_val), right = fmt(f.rhs_val)),
        })
        .with_note(arithmetic_note)
        .with_rule(ch.span);
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
            Some(Quantifier::EachRow) => term.col_label.clone(),
            Some(Quantifier::EachColumn) => term.row_label.clone(),
            None => format!("{} × {}", term.row_label, term.col_label),
        };
        d = d.with_label(term.span, format!("{name} {}", fmt(term.value)));
    }
    if let Some(m) = &ch.message {
        d = d.with_note(crate::tr!("check-rule-says", message = m.as_str()));
    }
    if let Some((at, _)) = &f.mention {
        d = d.with_label(*at, crate::tr!("check-report-says-this"));
    }
    if let Some(c) = &culprit {
        d = d.with_note(if ch.quantifier == Some(Quantifier::EachRow) {
            crate::tr!(
                "check-culprit-column",
                row = c.row_label.as_str(),
                column = c.col_label.as_str(),
                value = c.raw.as_str()
            )
        } else {
            crate::tr!(
                "check-culprit-row",
                row = c.row_label.as_str(),
                column = c.col_label.as_str(),
                value = c.raw.as_str()
            )
        });
    }
    // An editor action may offer the computed total, where exactly this one cell is at fault.
    if let Some(s) = &subject {
        let fault_is_elsewhere = culprit
            .as_ref()
            .is_some_and(|c| c.row != s.row || c.col != s.col);
        if !fault_is_elsewhere
            && ch.cmp == crate::syntax::ast::Cmp::Eq
            && s.raw.chars().all(|c| c.is_ascii_digit())
            && !s.negative
        {
            d = d.with_fix(
                crate::tr!(
                    "check-fix-replace",
                    value = s.raw.as_str(),
                    sum = fmt(f.rhs_val)
                ),
                s.span,
                fmt(f.rhs_val),
            );
        }
    }
    d
}
/// One wrong cell breaks one row identity and one column identity by the same amount: when
/// exactly one cell is shared by this failure and failures of the other direction, that cell.
fn find_culprit(f: &Failure, all: &[Failure]) -> Option<Term> {
    let ch = f.check;
    let diff = f.lhs_val - f.rhs_val;
    let candidates: Vec<Term> = all
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
