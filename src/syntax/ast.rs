//! The owned syntax tree of a rule file. Every node carries the span of its text.

use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleFile {
    pub regulations: Vec<Regulation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Regulation {
    pub doc: Vec<String>,
    pub name: Ident,
    pub version: Option<Ident>,
    pub extends: Option<Ident>,
    pub issued_by: Option<Str>,
    pub title: Option<Str>,
    pub years: Option<YearRange>,
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearRange {
    pub from: u32,
    /// `None` for an open range (`2021..`).
    pub to: Option<u32>,
    pub span: Span,
}

/// Anything that can stand inside a regulation, section, table, block or group.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Section(Section),
    Aliases(Vec<Str>),
    Topic(Topic),
    Require(Require),
    Table(Table),
    Block(Container),
    Group(Container),
    Columns(Vec<Ident>, Option<CellKind>, Span),
    Header(Vec<Str>),
    Example(Example),
    Column(Column),
    Row(Row),
    Check(Check),
    Fact(Fact),
    Rollup(Rollup),
    Amend(Amend),
    Remove(Ident),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub optional: bool,
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequireKind {
    /// `require text [min N]`: N characters at least (without punctuation and blanks).
    Text(Option<(usize, Span)>),
    Mention(Vec<Str>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Require {
    pub doc: Vec<String>,
    pub id: Option<Ident>,
    pub kind: RequireKind,
    pub opts: CheckOpts,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub inline: bool,
    pub items: Vec<Item>,
    pub span: Span,
}

/// A block (a part of a table with its own columns) or a group (rows or columns that belong together).
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    Count,
    Signed,
    Amount {
        unit: Option<Str>,
        precision: Option<u32>,
    },
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub kind: Option<CellKind>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub doc: Vec<String>,
    pub id: Ident,
    pub label: Option<Str>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    EachRow,
    EachColumn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "≠",
            Cmp::Ge => "≥",
            Cmp::Le => "≤",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
    /// The symbol shown when the comparison fails (`95 ≠ 93`).
    pub fn negated_symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "≠",
            Cmp::Ne => "=",
            Cmp::Ge => "<",
            Cmp::Le => ">",
            Cmp::Gt => "≤",
            Cmp::Lt => "≥",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Number(f64, Span),
    Ref(Vec<Ident>, Span),
    Sum(Vec<Ident>, Span),
    /// `report_year`: the year the report is about (in a `fact`).
    ReportYear(Span),
    /// `previous.NAME…`: the same name in the same agency's report on the year before.
    Previous(Vec<Ident>, Span),
    /// A term multiplied and divided by constants (`50% * 总计`, `新收 / 2`).
    Scaled(Box<Term>, Scale, Span),
}

/// Constant factors of a scaled term: the value is `v * mul / div`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub mul: f64,
    pub div: f64,
}

impl Scale {
    pub const ONE: Scale = Scale { mul: 1.0, div: 1.0 };

    pub fn apply(self, v: f64) -> f64 {
        v * self.mul / self.div
    }

    pub fn is_one(self) -> bool {
        self.mul == 1.0 && self.div == 1.0
    }
}

impl Term {
    pub fn span(&self) -> Span {
        match self {
            Term::Number(_, s)
            | Term::Ref(_, s)
            | Term::Sum(_, s)
            | Term::ReportYear(s)
            | Term::Previous(_, s)
            | Term::Scaled(_, _, s) => *s,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// Terms with their sign (`true` for minus).
    pub terms: Vec<(bool, Term)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckOpts {
    pub severity: Option<(crate::diagnostic::Severity, Span)>,
    pub tolerance: Option<(f64, Span)>,
    pub message: Option<Str>,
    pub code: Option<Str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub doc: Vec<String>,
    pub id: Option<Ident>,
    pub quantifier: Option<Quantifier>,
    /// `when mentioned "…"`: phrases one of which the report must contain for the check to apply.
    pub when: Vec<Str>,
    /// `when 复议.总计 > 0` or `when text(四) < 10`: another condition for the check to apply.
    pub guard: Option<Box<Guard>>,
    pub lhs: Expr,
    pub cmp: Cmp,
    pub rhs: Expr,
    pub opts: CheckOpts,
    pub span: Span,
}

/// `fact NAME [in SECTION, …]: "phrase {n}件", … = expr [or expr …] [unless "…", …] [warning] [message "…"]`:
/// a figure the prose states, and what it must equal.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub doc: Vec<String>,
    pub id: Ident,
    /// The sections whose prose is read (`in …`); empty: the section the fact is declared in.
    pub scope: Vec<Ident>,
    /// The phrases, each with one `{…}` where the number stands.
    pub phrases: Vec<Str>,
    pub cmp: Cmp,
    /// The accepted meanings (`or`): the figure is right when it matches one of them.
    pub options: Vec<Expr>,
    /// Clauses containing one of these words are not compared.
    pub unless: Vec<Str>,
    pub opts: CheckOpts,
    pub span: Span,
}

/// `rollup [NAME] [severity] [message "…"]`: every cell of the table equals the sum of the same
/// cell in the reports this one aggregates.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub doc: Vec<String>,
    pub id: Option<Ident>,
    pub opts: CheckOpts,
    pub span: Span,
}

/// A condition on numbers or on a section's prose under which a check applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Guard {
    /// `when 复议.总计 > 0`
    Compare {
        lhs: Expr,
        cmp: Cmp,
        rhs: Expr,
        span: Span,
    },
    /// `when text(四) < 10`: the section's prose (tables not counted), in characters.
    Prose {
        section: Ident,
        cmp: Cmp,
        chars: u32,
        span: Span,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmendKind {
    Section,
    Table,
    Group,
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Amend {
    pub kind: AmendKind,
    pub id: Ident,
    pub items: Vec<Item>,
    pub span: Span,
}

/// An example report (in a regulation) or rows of a table (in a table) for `gouji test`.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub doc: Vec<String>,
    pub id: Ident,
    /// The codes it must produce; `None` for `passes`.
    pub expects: Option<Vec<Ident>>,
    pub text: Str,
    /// `previous """…"""`: last year's report of the same agency.
    pub previous: Option<Str>,
    /// `children """…""" …`: the reports this one aggregates.
    pub children: Vec<Str>,
    pub span: Span,
}
