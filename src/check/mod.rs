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
    /// The cell's table, whose row and column labels name it in messages (made only when a
    /// message is).
    def: &'a Table,
    value: f64,
    negative: bool,
    /// Constant factors of the operand the cell is read for (`50% * 总计`).
    scale: Scale,
    /// The cell holds an amount (rounded as printed), not a count.
    amount: bool,
    span: Span,
    raw: &'a str,
}

impl<'a> Term<'a> {
    /// The cell's row label, for messages.
    fn row_label(&self) -> std::borrow::Cow<'a, str> {
        row_label(self.def, self.row)
    }
    /// The cell's column label, for messages.
    fn col_label(&self) -> &'a str {
        short(&self.def.columns[self.col].label)
    }
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
/// line's name and the cells.
type Unchecked<'a> = (&'a Check, String, Vec<Blank<'a>>);

/// A blank or unreadable cell an identity needs. Its words (`what`, `fact`) are made only when
/// a finding or a trace names it: most evaluations never do.
#[derive(Clone, Copy)]
struct Blank<'a> {
    def: &'a Table,
    row: usize,
    col: usize,
    span: Span,
    raw: &'a str,
}

impl Blank<'_> {
    /// The cell for people: `row` × `column`.
    fn what(&self) -> String {
        let row = row_label(self.def, self.row);
        crate::tr!(
            "check-cell",
            row = row.as_ref(),
            column = short(&self.def.columns[self.col].label)
        )
    }
    /// The cell as a finding records it (labels and text).
    fn fact(&self) -> CellFact {
        CellFact {
            row: row_label(self.def, self.row).to_string(),
            column: short(&self.def.columns[self.col].label).to_string(),
            value: self.raw.to_string(),
        }
    }
    /// The same cell of the same table.
    fn same(&self, o: &Blank) -> bool {
        std::ptr::eq(self.def, o.def) && self.row == o.row && self.col == o.col
    }
}

/// What an identity needs and the report does not have (already reported by the reader): a
/// table, or a row of one. Named only for a trace.
#[derive(Clone, Copy)]
enum Missing<'a> {
    Table(&'a str),
    Row(&'a Table, usize),
}

impl Missing<'_> {
    fn words(&self) -> String {
        match *self {
            Missing::Table(label) => crate::tr!("trace-table", label = label),
            Missing::Row(t, r) => crate::tr!("trace-row", row = row_label(t, r)),
        }
    }
}

/// What one evaluation found (its cells are in the [`Scratch`] it filled).
enum Eval {
    /// Every cell has a number.
    Values,
    /// Cells are blank or unreadable.
    Unknown,
    /// A table or row the identity needs was not found.
    Absent,
}

/// Evaluate every check of every table read, returning the findings.
pub fn check(compiled: &Compiled, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let grids = grids(compiled, &doc.tables);
    let mut failures: Vec<Failure> = Vec::new();
    let mut s = Scratch::default();
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
            let rs = &compiled.rule_sets[read.rule_set];
            let at = Reads {
                rs,
                reads: &doc.tables,
                grids: Some(&grids),
                read,
            };
            for line in lines(ch) {
                // A condition on numbers or on prose: the check applies only where it holds.
                let guard = match &ch.guard {
                    None => None,
                    Some(g) => match guard_holds(rs, doc, read, ch, g, line) {
                        Some(why) => Some(why),
                        None => continue,
                    },
                };
                match eval(&at, ch.quantifier, (&ch.lhs, &ch.rhs), line, &mut s) {
                    Eval::Absent => {}
                    Eval::Unknown => {
                        unknown.push((ch, line_name(table, ch, line), s.blanks.clone()))
                    }
                    Eval::Values => {
                        let lv = sum(&s.lhs) + consts(&ch.lhs);
                        let rv = sum(&s.rhs) + consts(&ch.rhs);
                        let (tolerance, rounding) = tolerance(ch, &s.lhs, &s.rhs);
                        if !compare(lv, ch.cmp, rv, tolerance) {
                            failures.push(Failure {
                                table,
                                read,
                                check: ch,
                                line,
                                lhs: s.lhs.clone(),
                                rhs: s.rhs.clone(),
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
    let grids = grids(compiled, &doc.tables);
    let mut s = Scratch::default();
    for read in &doc.tables {
        let rs = &compiled.rule_sets[read.rule_set];
        let at = Reads {
            rs,
            reads: &doc.tables,
            grids: Some(&grids),
            read,
        };
        let table = &rs.tables[read.table];
        for (ci, ch) in table.checks.iter().enumerate() {
            let name = ch.id.as_str();
            // A check across years is evaluated with last year's report (`crate::cross`).
            if ch.across_years() {
                continue;
            }
            if !ch.when.is_empty() && read.mentions.get(ci).cloned().flatten().is_none() {
                let phrases: Vec<String> = ch
                    .when
                    .iter()
                    .map(|w| crate::tr!("quoted", text = w.as_str()))
                    .collect();
                out.push(crate::tr!(
                    "trace-not-mentioned",
                    check = name,
                    phrases = crate::i18n::join(&phrases)
                ));
                continue;
            }
            let (mut missing, mut unknown, mut held, mut unguarded) =
                (Vec::new(), Vec::new(), Vec::new(), 0);
            for line in lines(ch) {
                if let Some(g) = &ch.guard {
                    if guard_holds(rs, doc, read, ch, g, line).is_none() {
                        unguarded += 1;
                        continue;
                    }
                }
                match eval(&at, ch.quantifier, (&ch.lhs, &ch.rhs), line, &mut s) {
                    Eval::Absent => {
                        for c in s.absent.iter().map(Missing::words) {
                            if !missing.contains(&c) {
                                missing.push(c);
                            }
                        }
                    }
                    Eval::Unknown => unknown.extend(s.blanks.iter().map(Blank::what)),
                    Eval::Values => {
                        let lv = sum(&s.lhs) + consts(&ch.lhs);
                        let rv = sum(&s.rhs) + consts(&ch.rhs);
                        held.push(crate::tr!(
                            "trace-computed",
                            left = fmt(lv),
                            symbol = ch.cmp.symbol(),
                            right = fmt(rv),
                            place = line_name(table, ch, line)
                        ));
                    }
                }
            }
            let few = |v: &[String]| {
                let shown: Vec<&str> = v.iter().take(4).map(String::as_str).collect();
                let shown: Vec<String> = shown.iter().map(|s| s.to_string()).collect();
                if v.len() > shown.len() {
                    crate::tr!(
                        "trace-and-more",
                        items = crate::i18n::join(&shown),
                        more = v.len() - shown.len()
                    )
                } else {
                    crate::i18n::join(&shown)
                }
            };
            if !held.is_empty() {
                out.push(crate::tr!(
                    "trace-holds",
                    check = name,
                    computed = few(&held)
                ));
            }
            if !unknown.is_empty() {
                out.push(crate::tr!(
                    "trace-uncheckable",
                    check = name,
                    cells = few(&unknown)
                ));
            }
            if !missing.is_empty() && held.is_empty() && unknown.is_empty() {
                out.push(crate::tr!(
                    "trace-not-evaluated",
                    check = name,
                    missing = few(&missing)
                ));
            }
            if unguarded > 0 {
                if let Some(Guard::Compare { text, .. } | Guard::Prose { text, .. }) = &ch.guard {
                    out.push(crate::tr!(
                        "trace-guard-false",
                        check = name,
                        condition = text.as_str(),
                        count = unguarded
                    ));
                }
            }
        }
    }
    out
}

/// The lines a check is evaluated on: each of its rows or columns, or the table once (`None`).
fn lines(ch: &Check) -> impl Iterator<Item = Option<usize>> + '_ {
    let n = match ch.quantifier {
        Some(_) => ch.applies_to.len(),
        None => 1,
    };
    (0..n).map(move |i| ch.quantifier.and(ch.applies_to.get(i).copied()))
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
            let n = doc.prose(*section)?.len;
            compare(n as f64, *cmp, f64::from(*chars), 0.0).then(|| {
                crate::tr!(
                    "check-guard-prose",
                    condition = text.as_str(),
                    section = rs.sections.get(*section).map_or("", |s| s.label.as_str()),
                    count = n
                )
            })
        }
        Guard::Compare {
            lhs,
            cmp,
            rhs,
            text,
        } => {
            let at = Reads {
                rs,
                reads: &doc.tables,
                grids: None,
                read,
            };
            let mut s = Scratch::default();
            let Eval::Values = eval(&at, ch.quantifier, (lhs, rhs), line, &mut s) else {
                return None;
            };
            let lv = sum(&s.lhs) + consts(lhs);
            let rv = sum(&s.rhs) + consts(rhs);
            compare(lv, *cmp, rv, 0.0).then(|| {
                crate::tr!(
                    "check-guard-compare",
                    condition = text.as_str(),
                    left = fmt(lv),
                    symbol = cmp.symbol(),
                    right = fmt(rv)
                )
            })
        }
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
        return crate::tr!("check-place-form", label = t.label.as_str());
    }
    match (ch.quantifier, line) {
        (Some(Quantifier::EachRow), Some(r)) => crate::tr!(
            "check-place-row",
            table = t.id.as_str(),
            label = t.label.as_str(),
            row = short(&t.rows[r].label)
        ),
        (Some(Quantifier::EachColumn), Some(c)) => crate::tr!(
            "check-place-column",
            table = t.id.as_str(),
            label = t.label.as_str(),
            column = short(&t.columns[c].label)
        ),
        _ => crate::tr!(
            "check-place-table",
            table = t.id.as_str(),
            label = t.label.as_str()
        ),
    }
}

/// For each table read, where each of its cells is: `grid[row × columns + column]` is the index
/// of the first cell read there, plus one (0: none). The checks look a cell up by its place
/// thousands of times per report; a table's cells are a list in the order they were read.
fn grids(compiled: &Compiled, reads: &[TableRead]) -> Vec<Vec<u32>> {
    reads
        .iter()
        .map(|read| {
            let Some(t) = compiled
                .rule_sets
                .get(read.rule_set)
                .and_then(|rs| rs.tables.get(read.table))
            else {
                return Vec::new();
            };
            let cols = t.columns.len();
            let mut grid = vec![0u32; t.rows.len() * cols];
            // Backwards, so that the first cell read at a place is the one kept.
            for (i, c) in read.cells.iter().enumerate().rev() {
                if c.row < t.rows.len() && c.col < cols {
                    grid[c.row * cols + c.col] = u32::try_from(i + 1).unwrap_or(0);
                }
            }
            grid
        })
        .collect()
}

/// The cell read at `row`, `col` of `read` (the `i`th of `reads`): by its grid when there is
/// one, else by looking through its cells.
fn cell_at<'a>(
    read: &'a TableRead,
    def: &Table,
    grid: Option<&[u32]>,
    row: usize,
    col: usize,
) -> Option<&'a crate::report::Cell> {
    let cols = def.columns.len();
    match grid {
        Some(g) if row < def.rows.len() && col < cols && !g.is_empty() => {
            match g[row * cols + col] {
                0 => None,
                i => read.cells.get(i as usize - 1),
            }
        }
        _ => read.cell(row, col),
    }
}

/// The lists one evaluation fills (the cells of each side, blank cells, what is missing), kept
/// across the evaluations of a report: thousands of evaluations each making their own lists
/// cost more in allocation than in evaluating. `eval` clears them; a finding copies what it keeps.
#[derive(Default)]
struct Scratch<'a> {
    lhs: Vec<Term<'a>>,
    rhs: Vec<Term<'a>>,
    blanks: Vec<Blank<'a>>,
    absent: Vec<Missing<'a>>,
}

/// The tables read and the one a check is on: where `eval` finds the cells it names.
struct Reads<'a, 'g> {
    rs: &'a RuleSet,
    reads: &'a [TableRead],
    grids: Option<&'g [Vec<u32>]>,
    read: &'a TableRead,
}

impl<'a> Reads<'a, '_> {
    /// The index of the read of table `ti` of this rule set (the first, as there is one).
    fn find(&self, ti: usize) -> Option<usize> {
        self.reads
            .iter()
            .position(|x| x.table == ti && x.rule_set == self.read.rule_set)
    }

    /// Read the cell `r`, `c` of table `ti` (read as `self.reads[found]`) into the lists.
    fn cell(
        &self,
        ti: usize,
        found: Option<usize>,
        r: usize,
        c: usize,
        o: &Operand,
        s: &mut Side<'a, '_>,
    ) {
        let (Some(table), Some(tr)) = (self.rs.tables.get(ti), found.map(|i| &self.reads[i]))
        else {
            s.absent.push(Missing::Table(
                self.rs.tables.get(ti).map_or("", |t| t.label.as_str()),
            ));
            return;
        };
        let grid = self.grids.and_then(|g| Some(g.get(found?)?.as_slice()));
        match cell_at(tr, table, grid, r, c) {
            None => s.absent.push(Missing::Row(table, r)),
            Some(cell) => match cell.value {
                Value::Number(v) => s.terms.push(Term {
                    table: ti,
                    row: r,
                    col: c,
                    def: table,
                    value: v,
                    negative: o.negative,
                    scale: o.scale,
                    amount: table.columns[c].kind.is_amount(),
                    span: cell.span,
                    raw: &cell.raw,
                }),
                Value::NoValue | Value::Unreadable => s.blanks.push(Blank {
                    def: table,
                    row: r,
                    col: c,
                    span: cell.span,
                    raw: &cell.raw,
                }),
            },
        }
    }

    /// Read the cells of one side's operands on `line` into the lists.
    fn side(
        &self,
        ops: &[Operand],
        quantifier: Option<Quantifier>,
        line: usize,
        mut s: Side<'a, '_>,
    ) {
        let t = &self.rs.tables[self.read.table];
        // The read of the check's own table, looked up once for all its cells.
        let own = self.find(self.read.table);
        for o in ops {
            // Each cell with the table it is in: this one, or another for cells named in full.
            match &o.kind {
                OperandKind::Cells(cs) => {
                    for c in cs {
                        let found = if c.table == self.read.table {
                            own
                        } else {
                            self.find(c.table)
                        };
                        self.cell(c.table, found, c.row, c.col, o, &mut s);
                    }
                }
                _ => o.for_each_cell(t, quantifier, line, |r, c| {
                    self.cell(self.read.table, own, r, c, o, &mut s)
                }),
            }
        }
    }
}

/// Where one side's cells go: its terms, and the report's blank and missing cells.
struct Side<'a, 's> {
    terms: &'s mut Vec<Term<'a>>,
    blanks: &'s mut Vec<Blank<'a>>,
    absent: &'s mut Vec<Missing<'a>>,
}

/// Evaluate both sides of a check on one line into `s`: `Values` (in `s.lhs`, `s.rhs`),
/// `Unknown` (blank cells in `s.blanks`) or `Absent` (`s.absent`).
fn eval<'a>(
    at: &Reads<'a, '_>,
    quantifier: Option<Quantifier>,
    (lhs, rhs): (&[Operand], &[Operand]),
    line: Option<usize>,
    s: &mut Scratch<'a>,
) -> Eval {
    s.lhs.clear();
    s.rhs.clear();
    s.blanks.clear();
    s.absent.clear();
    let line = line.unwrap_or(0);
    for (ops, terms) in [(lhs, &mut s.lhs), (rhs, &mut s.rhs)] {
        let side = Side {
            terms,
            blanks: &mut s.blanks,
            absent: &mut s.absent,
        };
        at.side(ops, quantifier, line, side);
    }
    if !s.absent.is_empty() {
        Eval::Absent
    } else if !s.blanks.is_empty() {
        Eval::Unknown
    } else {
        Eval::Values
    }
}

/// One finding per table for the identities that blank or unreadable cells keep from being checked.
fn uncheckable(t: &Table, unknown: &[Unchecked]) -> Diagnostic {
    let first = &unknown[0];
    // Each cell named once, in the order the checks met them.
    let mut distinct: Vec<Blank> = Vec::new();
    for b in unknown.iter().flat_map(|u| &u.2) {
        if !distinct.iter().any(|d| d.same(b)) {
            distinct.push(*b);
        }
    }
    let mut cells: Vec<String> = Vec::new();
    for w in distinct.iter().map(Blank::what) {
        if !cells.contains(&w) {
            cells.push(w);
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
    let mut d = Diagnostic::of(Code::IdentityUncheckable, headline, first.2[0].span)
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
    let mut facts: Vec<CellFact> = distinct.iter().map(Blank::fact).collect();
    facts.sort();
    facts.dedup();
    d.cells = facts;
    d.with_help(crate::tr!("check-uncheckable-help"))
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

/// `a + b + c = total` (or `total = a + b + c` for the right side) with the numbers alone, or
/// just the number for one term; long sums leave out their zeros and say how many.
fn numbers(ts: &[Term], total: f64, lhs: bool) -> String {
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
        .map(|(i, t)| format!("{}{}", sign(t, i), term_text(t)))
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

fn sign(t: &Term, i: usize) -> &'static str {
    if t.negative {
        " - "
    } else if i > 0 {
        " + "
    } else {
        ""
    }
}

/// One side of an identity with each term named by its label: `新收 12 + 上年结转 1 = 13`, or
/// `（七）总计 13` for one term. Long sums show the cells that are not 0 without their names.
fn arithmetic(ts: &[Term], total: f64, q: Option<Quantifier>) -> String {
    let name = |t: &Term| match q {
        Some(Quantifier::EachRow) => t.col_label().to_string(),
        Some(Quantifier::EachColumn) => t.row_label().to_string(),
        None => crate::tr!(
            "check-cell-plain",
            row = t.row_label(),
            column = t.col_label()
        ),
    };
    let named = |t: &Term| crate::tr!("check-term", name = name(t), value = term_text(t));
    if ts.is_empty() {
        return fmt(total);
    }
    if ts.len() == 1 && !ts[0].negative {
        return if ts[0].scale.is_one() {
            named(&ts[0])
        } else {
            format!("{} = {}", named(&ts[0]), fmt(total))
        };
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
            if long {
                format!("{}{}", sign(t, i), term_text(t))
            } else {
                format!("{}{}", sign(t, i), named(t))
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

/// The comparison of a rule, as a key of the catalogue's selectors.
fn cmp_key(cmp: Cmp) -> &'static str {
    match cmp {
        Cmp::Eq => "eq",
        Cmp::Ne => "ne",
        Cmp::Ge => "ge",
        Cmp::Le => "le",
        Cmp::Gt => "gt",
        Cmp::Lt => "lt",
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
            row = s.row_label(),
            column = s.col_label(),
            value = s.raw
        ),
        Some(s) => {
            let name = match ch.quantifier {
                Some(Quantifier::EachRow) => s.col_label().to_string(),
                Some(Quantifier::EachColumn) => s.row_label().to_string(),
                None => crate::tr!(
                    "check-cell-plain",
                    row = s.row_label(),
                    column = s.col_label()
                ),
            };
            if ch.cmp == Cmp::Eq && f.rhs.len() > 1 {
                crate::tr!(
                    "check-sum-does-not-add-up",
                    name = name,
                    place = place.as_str(),
                    value = s.raw,
                    sum = fmt(f.rhs_val)
                )
            } else {
                crate::tr!(
                    "check-compare-fails",
                    name = name,
                    place = place.as_str(),
                    value = s.raw,
                    cmp = cmp_key(ch.cmp),
                    other = other_side(f)
                )
            }
        }
        None => crate::tr!(
            "check-identity-does-not-hold",
            identity = ch.report_text.as_str(),
            place = place.as_str(),
            left = fmt(f.lhs_val),
            negated = ch.cmp.negated_symbol(),
            right = fmt(f.rhs_val)
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
    // Both forms of the arithmetic; each language takes the one it reads best in: with the
    // labels (`新收 12 + 上年结转 1 = 13`) or the numbers alone (`12 + 1 = 13 ≠ 14 = 13 + 1`).
    let arithmetic_note = crate::tr!(
        "check-arithmetic",
        cmp = cmp_key(ch.cmp),
        left = arithmetic(&f.lhs, f.lhs_val, ch.quantifier),
        right = arithmetic(&f.rhs, f.rhs_val, ch.quantifier),
        left_numbers = numbers(&f.lhs, f.lhs_val, true),
        right_numbers = numbers(&f.rhs, f.rhs_val, false),
        negated = ch.cmp.negated_symbol(),
        difference = fmt((f.lhs_val - f.rhs_val).abs())
    );
    let mut d = Diagnostic::new(Code::IdentityFails, ch.severity, message, primary)
        .with_primary_message(match (&subject, &culprit) {
            (Some(s), _) if !ch.when.is_empty() => match ch.cmp {
                Cmp::Eq => crate::tr!("check-here-not", value = s.raw, expected = fmt(f.rhs_val)),
                cmp => crate::tr!(
                    "check-here-expected",
                    value = s.raw,
                    symbol = cmp.symbol(),
                    expected = fmt(f.rhs_val)
                ),
            },
            (Some(s), _) if ch.cmp == Cmp::Eq && f.rhs.len() > 1 => {
                crate::tr!("check-here-sum", value = s.raw, sum = fmt(f.rhs_val))
            }
            (Some(s), _) => crate::tr!(
                "check-here-compare",
                value = s.raw,
                cmp = cmp_key(ch.cmp),
                other = fmt(f.rhs_val)
            ),
            (None, Some(c)) if c.span == primary => {
                crate::tr!("check-here-culprit", value = c.raw)
            }
            (None, _) => crate::tr!("check-sides", left = fmt(f.lhs_val), right = fmt(f.rhs_val)),
        })
        .with_note(arithmetic_note)
        .with_rule(ch.span);
    if f.rounding {
        d = d.with_note(crate::tr!(
            "check-rounding-tolerance",
            tolerance = fmt(f.tolerance)
        ));
    } else if f.tolerance > 0.0 {
        d = d.with_note(crate::tr!(
            "check-rule-tolerance",
            tolerance = fmt(f.tolerance)
        ));
    }
    if let Some(why) = &f.guard {
        d = d.with_note(why.clone());
    }
    for term in f.lhs.iter().chain(f.rhs.iter()) {
        d = d.with_cell(term.row_label(), term.col_label(), term.raw);
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
            Some(Quantifier::EachRow) => term.col_label().to_string(),
            Some(Quantifier::EachColumn) => term.row_label().to_string(),
            None => format!("{} × {}", term.row_label(), term.col_label()),
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
                row = c.row_label(),
                column = c.col_label(),
                value = c.raw
            )
        } else {
            crate::tr!(
                "check-culprit-row",
                row = c.row_label(),
                column = c.col_label(),
                value = c.raw
            )
        });
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
                crate::tr!("check-fix-replace", value = s.raw, sum = fmt(f.rhs_val)),
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
                Some(Quantifier::EachRow) => crate::tr!("quoted", text = t.col_label()),
                Some(Quantifier::EachColumn) => crate::tr!("quoted", text = t.row_label()),
                None => crate::tr!(
                    "quoted",
                    text = crate::tr!(
                        "check-cell-plain",
                        row = t.row_label(),
                        column = t.col_label()
                    )
                ),
            };
            if t.scale.is_one() {
                name
            } else {
                let mut scaled = term_text(t);
                scaled.replace_range(..fmt(t.value).len(), &name);
                crate::tr!("check-with-value", text = scaled, value = fmt(f.rhs_val))
            }
        }
        ([], _) => fmt(f.rhs_val),
        _ => {
            let sym = format!(" {} ", ch.cmp.symbol());
            match ch.report_text.split_once(&sym) {
                Some((_, r)) => crate::tr!(
                    "check-with-value",
                    text = crate::tr!("quoted", text = r),
                    value = fmt(f.rhs_val)
                ),
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
