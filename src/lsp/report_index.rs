//! What is where in a checked report: the cell, row label or heading under the cursor, and the
//! identities a cell takes part in, evaluated with the report's numbers.

use crate::compile::{Check, Compiled, Quantifier, RuleSet, Table};
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
            let at = line.unwrap_or(0);
            let reads_it = ch
                .lhs
                .iter()
                .chain(&ch.rhs)
                .any(|o| o.cells(t, ch.quantifier, at).contains(&(row, col)));
            if !reads_it {
                continue;
            }
            let evaluated = ch.evaluate(t, at, &mut |r, c| match read
                .cell(r, c)
                .map(|cell| &cell.value)
            {
                Some(Value::Number(v)) => Some(*v),
                _ => None,
            });
            out.push(Use {
                check: ch,
                line,
                values: evaluated.map(|(l, r, _)| (l, r)),
                holds: evaluated.map(|(_, _, h)| h),
            });
        }
    }
    out
}
