//! What is where in a checked report: the cell, row label or heading under the cursor, and the
//! identities a cell takes part in, evaluated with the report's numbers.

use crate::check::compare;
use crate::compile::{Check, Compiled, OperandKind, Quantifier, RuleSet, Table};
use crate::report::{Cell, Document, TableRead, Value};
use crate::Checked;

fn contains(span: crate::source::Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// The thing under the cursor in a report.
pub enum Hit<'a> {
    Cell { read: &'a TableRead, cell: &'a Cell },
    RowLabel { read: &'a TableRead, row: usize },
    Heading { section: usize },
}

pub fn hit_at(doc: &Document, offset: usize) -> Option<Hit<'_>> {
    for read in &doc.tables {
        // A cell's span may be empty (a blank between separators): match its position too.
        if let Some(cell) = read.cells.iter().find(|c| contains(c.span, offset)) {
            return Some(Hit::Cell { read, cell });
        }
        if let Some(r) = read.rows.iter().find(|r| contains(r.label, offset)) {
            return Some(Hit::RowLabel { read, row: r.row });
        }
    }
    doc.sections
        .iter()
        .find(|s| contains(s.heading, offset))
        .map(|s| Hit::Heading { section: s.section })
}

pub fn rule_set<'a>(compiled: &'a Compiled, checked: &Checked) -> Option<&'a RuleSet> {
    checked
        .document
        .rule_set
        .and_then(|i| compiled.rule_sets.get(i))
}

pub fn table<'a>(compiled: &'a Compiled, read: &TableRead) -> Option<&'a Table> {
    compiled
        .rule_sets
        .get(read.rule_set)
        .and_then(|rs| rs.tables.get(read.table))
}

/// One identity a cell takes part in, on one line (row or column) of the table.
pub struct Use<'a> {
    pub check: &'a Check,
    /// The row (`each row`) or column (`each column`) it was evaluated on.
    pub line: Option<usize>,
    /// Both sides' values, when every cell holds a number.
    pub values: Option<(f64, f64)>,
    pub holds: Option<bool>,
}

/// The cells one side of a check reads on a line.
fn side_cells(
    t: &Table,
    ch: &Check,
    line: Option<usize>,
    ops: &[crate::compile::Operand],
) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for o in ops {
        let cells: Vec<(usize, usize)> = match (&o.kind, ch.quantifier, line) {
            (OperandKind::Lines(ls), Some(Quantifier::EachRow), Some(r)) => ls
                .iter()
                .filter(|&&c| {
                    t.columns
                        .get(c)
                        .zip(t.rows.get(r))
                        .is_some_and(|(col, row)| col.block == row.block)
                })
                .map(|&c| (r, c))
                .collect(),
            (OperandKind::Lines(ls), Some(Quantifier::EachColumn), Some(c)) => ls
                .iter()
                .filter(|&&r| {
                    t.rows
                        .get(r)
                        .zip(t.columns.get(c))
                        .is_some_and(|(row, col)| row.block == col.block)
                })
                .map(|&r| (r, c))
                .collect(),
            (OperandKind::Cells(cs), _, _) => cs.iter().map(|c| (c.row, c.col)).collect(),
            _ => Vec::new(),
        };
        out.extend(cells.into_iter().map(|(r, c)| (r, c, o.negative)));
    }
    out
}

fn side_value(
    read: &TableRead,
    cells: &[(usize, usize, bool)],
    ops: &[crate::compile::Operand],
) -> Option<f64> {
    let mut total: f64 = ops
        .iter()
        .map(|o| match o.kind {
            OperandKind::Const(c) if o.negative => -c,
            OperandKind::Const(c) => c,
            _ => 0.0,
        })
        .sum();
    for &(r, c, neg) in cells {
        match read.cell(r, c).map(|cell| &cell.value) {
            Some(Value::Number(v)) => total += if neg { -v } else { *v },
            _ => return None,
        }
    }
    Some(total)
}

/// Every identity of the table that reads this cell, with its values.
pub fn uses<'a>(t: &'a Table, read: &TableRead, row: usize, col: usize) -> Vec<Use<'a>> {
    let mut out = Vec::new();
    for ch in &t.checks {
        let lines: Vec<Option<usize>> = match ch.quantifier {
            Some(Quantifier::EachRow) => ch
                .applies_to
                .iter()
                .filter(|&&r| r == row)
                .map(|&r| Some(r))
                .collect(),
            Some(Quantifier::EachColumn) => ch
                .applies_to
                .iter()
                .filter(|&&c| c == col)
                .map(|&c| Some(c))
                .collect(),
            None => vec![None],
        };
        for line in lines {
            let lhs = side_cells(t, ch, line, &ch.lhs);
            let rhs = side_cells(t, ch, line, &ch.rhs);
            if !lhs
                .iter()
                .chain(&rhs)
                .any(|&(r, c, _)| r == row && c == col)
            {
                continue;
            }
            let values = side_value(read, &lhs, &ch.lhs).zip(side_value(read, &rhs, &ch.rhs));
            let holds = values.map(|(l, r)| compare(l, ch.cmp, r, ch.tolerance));
            out.push(Use {
                check: ch,
                line,
                values,
                holds,
            });
        }
    }
    out
}
