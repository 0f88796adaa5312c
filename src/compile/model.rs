//! The checked rule model: what the reader and the checker work from.

use crate::diagnostic::Severity;
use crate::source::Span;
pub use crate::syntax::ast::{Cmp, Quantifier, Scale};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub regulation: String,
    pub version: String,
    pub extends: Option<String>,
    pub issued_by: Option<String>,
    pub title: Option<String>,
    pub from_year: u32,
    pub to_year: Option<u32>,
    pub doc: String,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    /// Figures the prose states (`fact`), checked against the tables or the report year.
    pub facts: Vec<Fact>,
    /// Examples for `gouji test`.
    pub examples: Vec<Example>,
    /// The regulation's name in its `regulation` line.
    pub span: Span,
    /// The `report_years` line (possibly inherited from the rule set extended).
    pub years_span: Span,
}

impl RuleSet {
    /// Fold every label into its matching key (done once, after the rule set is built).
    pub fn prepare_keys(&mut self) {
        for s in &mut self.sections {
            s.keys = std::iter::once(&s.label)
                .chain(s.aliases.iter())
                .map(|l| crate::report::norm::key(l))
                .collect();
        }
        for t in &mut self.tables {
            t.keys = TableKeys::of(t);
        }
    }

    pub fn covers(&self, year: u32) -> bool {
        year >= self.from_year && self.to_year.is_none_or(|t| year <= t)
    }
    /// The years for people: `2019–2020`, `2021 onward`, `2023`.
    pub fn years_human(&self) -> String {
        match self.to_year {
            None => crate::tr!("years-onward", from = self.from_year.to_string()),
            Some(t) if t == self.from_year => crate::tr!("years-one", year = t.to_string()),
            Some(t) => crate::tr!(
                "years-range",
                from = self.from_year.to_string(),
                to = t.to_string()
            ),
        }
    }
    /// A name for messages: `政府信息公开工作年度报告 2021 (国办公开办函〔2021〕30号)`.
    pub fn display_name(&self) -> String {
        match &self.issued_by {
            Some(i) => format!("{} {}（{}）", self.regulation, self.version, i),
            None => format!("{} {}", self.regulation, self.version),
        }
    }
    pub fn top_sections(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent.is_none())
    }
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub optional: bool,
    pub parent: Option<usize>,
    pub topics: Vec<Topic>,
    pub requires: Vec<Require>,
    pub doc: String,
    pub span: Span,
    pub id_span: Span,
    /// Matching keys of the label and then of each alias, folded once at compile time.
    pub keys: Vec<Vec<char>>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum RequireKind {
    /// The section must hold more than nothing or a bare `无`; with `min`, at least this many
    /// characters (punctuation and blanks not counted).
    Text { min: Option<usize> },
    /// The section must mention one of these phrases.
    Mention(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Require {
    pub kind: RequireKind,
    pub severity: Severity,
    pub message: Option<String>,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    Count,
    Signed,
    Amount {
        unit: Option<String>,
        precision: Option<u32>,
    },
    Text,
}

impl CellKind {
    pub fn is_amount(&self) -> bool {
        matches!(self, CellKind::Amount { .. })
    }
    pub fn describe(&self) -> String {
        match self {
            CellKind::Count => crate::tr!("cell-kind-count"),
            CellKind::Signed => crate::tr!("cell-kind-signed"),
            CellKind::Amount { unit: Some(u), .. } => {
                crate::tr!("cell-kind-amount-in", unit = u.as_str())
            }
            CellKind::Amount { unit: None, .. } => crate::tr!("cell-kind-amount"),
            CellKind::Text => crate::tr!("cell-kind-text"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: String,
    pub label: String,
    /// All cells of all rows stand in one run after the header (no row labels in the report).
    pub inline: bool,
    pub section: usize,
    pub blocks: Vec<Block>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub row_groups: Vec<Group>,
    pub col_groups: Vec<Group>,
    pub checks: Vec<Check>,
    /// `rollup`: in a report that aggregates others, every cell equals the sum of theirs.
    pub rollups: Vec<RollupRule>,
    /// Header text besides the labels (`信息内容`, the 勾稽 note), for telling headers from cells.
    pub header: Vec<String>,
    pub doc: String,
    pub span: Span,
    pub id_span: Span,
    /// Matching keys of the labels, folded once at compile time.
    pub keys: TableKeys,
    /// The rows, columns and groups by name (built once with [`Table::index_names`]), so that
    /// compiling a check is not a scan of every row: a rule file with thousands of rows each with
    /// a check compiles in linear time.
    pub names: NameIndex,
    /// A key–value form (`form`): one value per row (field), read by label wherever it stands.
    pub form: Option<Form>,
}

/// A key–value form: its fields (one per row of the table, in the same order) and groups.
#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub groups: Vec<FieldGroup>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub kind: FieldKind,
    /// Must be present and not blank (not `optional`).
    pub required: bool,
    /// A regular expression the value must match (text fields).
    pub pattern: Option<regex_lite::Regex>,
    pub pattern_text: Option<String>,
    /// The severity of findings about this field's value, when the rule gives one.
    pub severity: Option<Severity>,
    pub message: Option<String>,
    /// The innermost group the field is in.
    pub group: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Count,
    Text,
    YesNo,
    Choice {
        multiple: bool,
        options: Vec<String>,
    },
    /// A date, optionally within a stretch of the year `year_offset` after the report year.
    Date(Option<DateWindow>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateWindow {
    pub year_offset: i32,
    pub from: (u32, u32),
    pub to: (u32, u32),
}

impl FieldKind {
    /// The kind's keyword: `count`, `text`, `yesno`, `choice`, `date`.
    pub fn word(&self) -> &'static str {
        match self {
            FieldKind::Count => "count",
            FieldKind::Text => "text",
            FieldKind::YesNo => "yesno",
            FieldKind::Choice { .. } => "choice",
            FieldKind::Date(_) => "date",
        }
    }
    pub fn describe(&self) -> String {
        match self {
            FieldKind::Count => crate::tr!("form-kind-count"),
            FieldKind::Text => crate::tr!("form-kind-text"),
            FieldKind::YesNo => crate::tr!("form-kind-yesno"),
            FieldKind::Choice { multiple, options } => {
                let list = crate::i18n::join(
                    &options
                        .iter()
                        .map(|o| crate::tr!("quoted", text = o.as_str()))
                        .collect::<Vec<_>>(),
                );
                if *multiple {
                    crate::tr!("form-kind-any-of", options = list)
                } else {
                    crate::tr!("form-kind-one-of", options = list)
                }
            }
            FieldKind::Date(_) => crate::tr!("form-kind-date"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FieldGroup {
    pub id: String,
    pub label: String,
    pub parent: Option<usize>,
    /// The group's fields are asked only when this holds (`when 是否有移动新媒体 = "是"`).
    pub when: Option<FieldCondition>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct FieldCondition {
    /// The field (row) answered.
    pub field: usize,
    /// `=` (true) or `≠` (false).
    pub equal: bool,
    pub value: String,
    /// As written, for messages.
    pub text: String,
}

/// A table's labels folded into matching keys ([`crate::report::norm::key`]) once, when the
/// rules are compiled, instead of for every report.
#[derive(Debug, Clone, Default)]
pub struct TableKeys {
    pub rows: Vec<Vec<char>>,
    pub columns: Vec<Vec<char>>,
    /// Keys of the labelled blocks.
    pub blocks: Vec<Vec<char>>,
    /// Keys of every label of the table ([`Table::all_labels`]).
    pub all: Vec<Vec<char>>,
    /// For telling label fragments from cell contents.
    pub labels: crate::report::cells::Labels,
}

impl TableKeys {
    pub fn of(t: &Table) -> TableKeys {
        use crate::report::norm::key;
        TableKeys {
            rows: t.rows.iter().map(|r| key(&r.label)).collect(),
            columns: t.columns.iter().map(|c| key(&c.label)).collect(),
            blocks: t
                .blocks
                .iter()
                .filter_map(|b| b.label.as_deref())
                .map(key)
                .collect(),
            all: t.all_labels().map(key).collect(),
            labels: crate::report::cells::Labels::new(t.all_labels()),
        }
    }
}

/// Positions by name in a table; a name can stand in several blocks.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    pub rows: HashMap<String, Vec<usize>>,
    pub columns: HashMap<String, Vec<usize>>,
    pub row_groups: HashMap<String, usize>,
    pub col_groups: HashMap<String, usize>,
}

impl Table {
    /// Fill [`Table::names`] from the rows, columns and groups (the first of a repeated group).
    pub fn index_names(&mut self) {
        let mut ix = NameIndex::default();
        for (i, r) in self.rows.iter().enumerate() {
            ix.rows.entry(r.id.clone()).or_default().push(i);
        }
        for (i, c) in self.columns.iter().enumerate() {
            ix.columns.entry(c.id.clone()).or_default().push(i);
        }
        for (i, g) in self.row_groups.iter().enumerate() {
            ix.row_groups.entry(g.id.clone()).or_insert(i);
        }
        for (i, g) in self.col_groups.iter().enumerate() {
            ix.col_groups.entry(g.id.clone()).or_insert(i);
        }
        self.names = ix;
    }
    pub fn row(&self, id: &str) -> Option<usize> {
        match self.names.rows.get(id) {
            Some(v) => v.first().copied(),
            None if self.names.rows.is_empty() => self.rows.iter().position(|r| r.id == id),
            None => None,
        }
    }
    pub fn column(&self, id: &str) -> Option<usize> {
        match self.names.columns.get(id) {
            Some(v) => v.first().copied(),
            None if self.names.columns.is_empty() => self.columns.iter().position(|c| c.id == id),
            None => None,
        }
    }
    /// The columns a row has cells in.
    pub fn row_columns(&self, row: usize) -> &[usize] {
        &self.blocks[self.rows[row].block].columns
    }
    pub fn cell_count(&self) -> usize {
        self.rows
            .iter()
            .map(|r| self.blocks[r.block].columns.len())
            .sum()
    }
    /// Every label of the table (block, group, column and row labels), for telling label
    /// fragments from cell contents.
    pub fn all_labels(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .filter_map(|b| b.label.as_deref())
            .chain(self.columns.iter().map(|c| c.label.as_str()))
            .chain(self.rows.iter().map(|r| r.label.as_str()))
            .chain(self.row_groups.iter().map(|g| g.label.as_str()))
            .chain(self.col_groups.iter().map(|g| g.label.as_str()))
            .chain(self.header.iter().map(String::as_str))
            .chain(std::iter::once(self.label.as_str()))
    }
}

/// `rollup` in a table: every cell of an aggregating report equals the sum of the same cell in
/// the reports it aggregates (declared in `gouji.toml`).
#[derive(Debug, Clone)]
pub struct RollupRule {
    pub id: String,
    pub severity: Severity,
    pub message: Option<String>,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub id: String,
    pub label: Option<String>,
    pub columns: Vec<usize>,
    pub rows: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub kind: CellKind,
    pub block: usize,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub block: usize,
    pub groups: Vec<usize>,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub members: Vec<usize>,
    pub doc: String,
    pub span: Span,
}

/// One operand of a check after name resolution.
#[derive(Debug, Clone)]
pub enum OperandKind {
    Const(f64),
    /// Columns (in an `each row` check) or rows (in an `each column` check), summed.
    Lines(Vec<usize>),
    /// Cells named in full (`表三.新收.总计`), summed.
    Cells(Vec<CellRef>),
    /// `report_year`: the year the report is about (in a `fact`).
    ReportYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellRef {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Debug, Clone)]
pub struct Operand {
    pub negative: bool,
    /// `previous.…`: read from the same agency's report on the year before.
    pub previous: bool,
    pub kind: OperandKind,
    /// Constant factors (`50% * 总计`, `新收 / 2`); [`Scale::ONE`] for a plain term.
    pub scale: Scale,
    /// The operand as written (`sum(办理结果)`).
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    /// The table the check is declared in (cells named in full may be in other tables).
    pub table: usize,
    pub quantifier: Option<Quantifier>,
    /// The check applies only when the report contains one of these phrases (`when mentioned`).
    pub when: Vec<String>,
    /// A condition on numbers or on a section's prose (`when 复议.总计 > 0`, `when text(四) < 10`).
    pub guard: Option<Guard>,
    pub lhs: Vec<Operand>,
    pub cmp: Cmp,
    pub rhs: Vec<Operand>,
    pub tolerance: f64,
    /// The rule gives a `tolerance`; without one, comparisons of amounts allow for the rounding
    /// of the numbers as printed.
    pub tolerance_given: bool,
    pub severity: Severity,
    pub message: Option<String>,
    pub doc: String,
    /// Rows (each row) or columns (each column) the check applies to.
    pub applies_to: Vec<usize>,
    pub span: Span,
    /// The check as written, for messages.
    pub text: String,
    /// The check in the report's terms (`一 + 二 = （七） + 四`).
    pub report_text: String,
}

/// A condition under which a check applies.
#[derive(Debug, Clone)]
pub enum Guard {
    /// A comparison of cells, evaluated on the same line as the check.
    Compare {
        lhs: Vec<Operand>,
        cmp: Cmp,
        rhs: Vec<Operand>,
        /// As written, for messages (`复议.总计 > 0`).
        text: String,
    },
    /// The length of a section's prose in characters (its tables not counted).
    Prose {
        section: usize,
        cmp: Cmp,
        chars: u32,
        text: String,
    },
}

/// A figure the prose states: a phrase with a number in it, and what that number must equal.
#[derive(Debug, Clone)]
pub struct Fact {
    pub id: String,
    /// The sections whose prose is read (with their sub-sections).
    pub sections: Vec<usize>,
    pub phrases: Vec<Phrase>,
    pub cmp: Cmp,
    /// The accepted meanings: the figure is right when it matches one of them.
    pub options: Vec<Vec<Operand>>,
    /// Clauses containing one of these words are not compared.
    pub unless: Vec<String>,
    pub severity: Severity,
    pub message: Option<String>,
    pub doc: String,
    pub span: Span,
}

impl Fact {
    /// A fact about the report's year (its meanings name `report_year`) rather than a table.
    pub fn about_year(&self) -> bool {
        self.options
            .iter()
            .flatten()
            .any(|o| matches!(o.kind, OperandKind::ReportYear))
    }
}

/// A phrase of a `fact`, cut into the pieces the matcher walks.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub text: String,
    pub pieces: Vec<Piece>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Words that must stand in the text (compared after normalising, blanks left out).
    Text(Vec<char>),
    /// `…`: a few characters of anything, within one clause.
    Gap,
    /// `{…}`: the number.
    Number,
}

/// An example for `gouji test`: a whole report, or (with `table`) some rows of one table, or
/// (with `section`) some prose of one section with some table rows.
#[derive(Debug, Clone)]
pub struct Example {
    pub id: String,
    pub table: Option<usize>,
    pub section: Option<usize>,
    /// Last year's report of the same agency (`previous """…"""`), for checks across years.
    pub previous: Option<String>,
    /// The reports this one aggregates (`children """…"""`), for roll-ups.
    pub children: Vec<String>,
    /// The codes it must produce; `None` when it must pass (no error, no warning).
    pub expects: Option<Vec<crate::diagnostic::Code>>,
    pub text: String,
    /// Where the text stands in the rule file.
    pub text_span: Span,
    pub doc: String,
    pub span: Span,
}

impl Operand {
    /// The cells (row, column) this operand reads on one line of its check: the line is a row
    /// for `each row`, a column for `each column`, ignored for cells named in full.
    pub fn cells(
        &self,
        table: &Table,
        quantifier: Option<Quantifier>,
        line: usize,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.for_each_cell(table, quantifier, line, |r, c| out.push((r, c)));
        out
    }

    /// `each(row, column)` for the cells of [`Operand::cells`], in the same order, without a list
    /// made: the checks evaluate thousands of operands per report.
    pub fn for_each_cell(
        &self,
        table: &Table,
        quantifier: Option<Quantifier>,
        line: usize,
        mut each: impl FnMut(usize, usize),
    ) {
        match (&self.kind, quantifier) {
            (OperandKind::Lines(ls), Some(Quantifier::EachRow)) => {
                let Some(row) = table.rows.get(line) else {
                    return;
                };
                for &c in ls {
                    if table
                        .columns
                        .get(c)
                        .is_some_and(|col| col.block == row.block)
                    {
                        each(line, c);
                    }
                }
            }
            (OperandKind::Lines(ls), Some(Quantifier::EachColumn)) => {
                let Some(col) = table.columns.get(line) else {
                    return;
                };
                for &r in ls {
                    if table.rows.get(r).is_some_and(|row| row.block == col.block) {
                        each(r, line);
                    }
                }
            }
            (OperandKind::Cells(cs), _) => cs.iter().for_each(|c| each(c.row, c.col)),
            (OperandKind::Const(_) | OperandKind::ReportYear | OperandKind::Lines(_), _) => {}
        }
    }
}

impl Check {
    /// A check across years: it names cells of last year's report (`previous.…`), so it is
    /// evaluated only where a batch or workspace holds both reports.
    pub fn across_years(&self) -> bool {
        self.lhs.iter().chain(self.rhs.iter()).any(|o| o.previous)
    }

    /// An identity the reader may trust to split run-together digits: an unconditional `=`.
    /// Inequalities and conditional checks say what should be, not what the numbers are.
    pub fn is_identity(&self) -> bool {
        self.cmp == Cmp::Eq && self.when.is_empty() && self.guard.is_none() && !self.across_years()
    }

    /// Both sides on one line, reading cells with `value` (`None` when a cell holds no number):
    /// `(left, right, holds)`, or `None` when a cell it needs has no number.
    pub fn evaluate(
        &self,
        table: &Table,
        line: usize,
        value: &mut dyn FnMut(usize, usize) -> Option<f64>,
    ) -> Option<(f64, f64, bool)> {
        let mut side = |ops: &[Operand]| -> Option<f64> {
            let mut total = 0.0;
            for o in ops {
                let v = match o.kind {
                    OperandKind::Const(c) => c,
                    _ => {
                        let mut s = 0.0;
                        for (r, c) in o.cells(table, self.quantifier, line) {
                            s += value(r, c)?;
                        }
                        o.scale.apply(s)
                    }
                };
                total += if o.negative { -v } else { v };
            }
            Some(total)
        };
        let l = side(&self.lhs)?;
        let r = side(&self.rhs)?;
        Some((l, r, compare(l, self.cmp, r, self.tolerance)))
    }
}

/// Compare two sides of a check with a tolerance (for rounded amounts).
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
