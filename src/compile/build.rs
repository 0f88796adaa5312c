//! Resolved syntax items → a [`RuleSet`]: names, kinds, and what each check applies to.

mod form;

use super::model::*;
use super::{did_you_mean, Header};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::Span;
use crate::syntax::ast;
use std::collections::HashMap;

fn doc(d: &[String]) -> String {
    d.join("\n")
}

pub(super) fn build(
    reg: &ast::Regulation,
    items: Vec<ast::Item>,
    header: Header,
    diags: &mut Vec<Diagnostic>,
) -> Option<RuleSet> {
    let version = reg
        .version
        .as_ref()
        .map(|v| v.name.clone())
        .unwrap_or_default();
    let years_span = header.years.map(|y| y.span).unwrap_or(reg.name.span);
    let (from_year, to_year) = match header.years {
        Some(y) => {
            if let Some(t) = y.to {
                if t < y.from {
                    diags.push(
                        Diagnostic::of(
                            Code::BadValue,
                            crate::tr!(
                                "build-years-backwards",
                                from = y.from.to_string(),
                                to = t.to_string()
                            ),
                            y.span,
                        )
                        .with_primary_message(crate::tr!("build-years-backwards-here")),
                    );
                }
            }
            (y.from, y.to)
        }
        None => {
            diags.push(
                Diagnostic::of(
                    Code::BadValue,
                    crate::tr!("build-no-years", name = reg.name.name.as_str()),
                    reg.name.span,
                )
                .with_primary_message(crate::tr!("build-no-years-here"))
                .with_help(crate::tr!("build-no-years-help")),
            );
            return None;
        }
    };
    let mut b = Builder {
        sections: Vec::new(),
        tables: Vec::new(),
        examples: Vec::new(),
        pending_checks: Vec::new(),
        pending_facts: Vec::new(),
        facts: Vec::new(),
        diags,
        section_ids: HashMap::new(),
        table_ids: HashMap::new(),
    };
    for it in items {
        match it {
            ast::Item::Section(s) => b.section(s, None),
            ast::Item::Example(e) => b.example(e, None, None),
            ast::Item::Form(f) => b.form(f),
            other => b.misplaced(&other, "regulation"),
        }
    }
    for (ti, checks) in std::mem::take(&mut b.pending_checks) {
        let table = b.tables[ti].clone();
        for c in checks {
            if let Some(ch) = b.check(&table, ti, c) {
                if !b.form_check_kinds(&table, &ch) {
                    continue;
                }
                b.tables[ti].checks.push(ch);
            }
        }
    }
    for (si, f) in std::mem::take(&mut b.pending_facts) {
        if let Some(fact) = b.fact(si, f) {
            b.facts.push(fact);
        }
    }
    let (sections, tables, examples, facts) = (b.sections, b.tables, b.examples, b.facts);
    Some(RuleSet {
        regulation: reg.name.name.clone(),
        version,
        extends: reg.extends.as_ref().map(|e| e.name.clone()),
        issued_by: header.issued_by.map(|s| s.value),
        title: header.title.map(|s| s.value),
        from_year,
        to_year,
        doc: doc(&header.doc),
        sections,
        tables,
        facts,
        examples,
        span: reg.name.span,
        years_span,
    })
}

struct Builder<'d> {
    sections: Vec<Section>,
    tables: Vec<Table>,
    examples: Vec<Example>,
    pending_checks: Vec<(usize, Vec<ast::Check>)>,
    /// Facts with the section they are declared in, built once every table is known.
    pending_facts: Vec<(usize, ast::Fact)>,
    facts: Vec<Fact>,
    diags: &'d mut Vec<Diagnostic>,
    section_ids: HashMap<String, Span>,
    table_ids: HashMap<String, Span>,
}

fn item_span(it: &ast::Item) -> Option<Span> {
    Some(match it {
        ast::Item::Section(s) => s.span,
        ast::Item::Aliases(a) | ast::Item::Header(a) => a.first()?.span,
        ast::Item::Topic(t) => t.span,
        ast::Item::Require(r) => r.span,
        ast::Item::Table(t) => t.span,
        ast::Item::Block(c) | ast::Item::Group(c) => c.span,
        ast::Item::Columns(_, _, s) => *s,
        ast::Item::Column(c) => c.span,
        ast::Item::Row(r) => r.span,
        ast::Item::Check(c) => c.span,
        ast::Item::Fact(f) => f.span,
        ast::Item::Rollup(r) => r.span,
        ast::Item::Example(e) => e.span,
        ast::Item::Amend(a) => a.span,
        ast::Item::Remove(i) => i.span,
        ast::Item::Form(f) => f.span,
        ast::Item::Field(f) => f.span,
        ast::Item::FormGroup(g) => g.span,
    })
}

/// The keyword of an item, the key of its words in the catalogue (`build-item`).
fn item_word(it: &ast::Item) -> &'static str {
    match it {
        ast::Item::Section(_) => "section",
        ast::Item::Aliases(_) => "aliases",
        ast::Item::Header(_) => "header",
        ast::Item::Topic(_) => "topic",
        ast::Item::Require(_) => "require",
        ast::Item::Table(_) => "table",
        ast::Item::Block(_) => "block",
        ast::Item::Group(_) => "group",
        ast::Item::Columns(..) | ast::Item::Column(_) => "column",
        ast::Item::Row(_) => "row",
        ast::Item::Check(_) => "check",
        ast::Item::Fact(_) => "fact",
        ast::Item::Rollup(_) => "rollup",
        ast::Item::Example(_) => "example",
        ast::Item::Amend(_) => "amend",
        ast::Item::Remove(_) => "remove",
        ast::Item::Form(_) => "form",
        ast::Item::Field(_) => "field",
        ast::Item::FormGroup(_) => "group-when",
    }
}

/// What a name names (`section`, `row`, `column-group`…), in words of the current language.
fn kind_word(kind: &str) -> String {
    crate::tr!("build-kind", kind = kind)
}

impl Builder<'_> {
    fn misplaced(&mut self, it: &ast::Item, where_: &str) {
        if let Some(span) = item_span(it) {
            self.diags.push(
                Diagnostic::of(
                    Code::SyntaxError,
                    crate::tr!("build-misplaced", item = item_word(it), place = where_),
                    span,
                )
                .with_primary_message(crate::tr!("build-not-allowed-here")),
            );
        }
    }

    /// A label that is empty, or only punctuation, can never be found in a report.
    fn check_label(&mut self, label: &Option<ast::Str>, what: &str) {
        if let Some(l) = label {
            if crate::report::norm::key(&l.value).is_empty() {
                self.diags.push(
                    Diagnostic::of(
                        Code::BadValue,
                        crate::tr!("build-empty-label", what = kind_word(what)),
                        l.span,
                    )
                    .with_primary_message(crate::tr!("build-empty-label-here"))
                    .with_help(crate::tr!("build-empty-label-help")),
                );
            }
        }
    }

    fn dup(&mut self, what: &str, id: &ast::Ident, first: Span) {
        self.diags.push(
            Diagnostic::of(
                Code::DuplicateName,
                crate::tr!(
                    "build-duplicate",
                    what = kind_word(what),
                    name = id.name.as_str()
                ),
                id.span,
            )
            .with_primary_message(crate::tr!("build-declared-again"))
            .with_label(first, crate::tr!("build-first-declared"))
            .with_help(crate::tr!("build-duplicate-help")),
        );
    }

    fn example(&mut self, e: ast::Example, table: Option<usize>, section: Option<usize>) {
        let expects = e.expects.map(|codes| {
            codes
                .into_iter()
                .filter_map(|c| {
                    let code = crate::diagnostic::Code::parse(&c.name);
                    if code.is_none() {
                        self.diags.push(
                            Diagnostic::of(
                                Code::BadValue,
                                crate::tr!("build-no-code", code = c.name.as_str()),
                                c.span,
                            )
                            .with_primary_message(crate::tr!("build-not-a-code"))
                            .with_help(crate::tr!("build-no-code-help")),
                        );
                    }
                    code
                })
                .collect()
        });
        self.examples.push(Example {
            id: e.id.name,
            table,
            section,
            previous: e.previous.map(|p| p.value),
            children: e.children.into_iter().map(|c| c.value).collect(),
            expects,
            text: e.text.value,
            text_span: e.text.span,
            doc: doc(&e.doc),
            span: e.span,
        });
    }

    fn section(&mut self, s: ast::Section, parent: Option<usize>) {
        self.check_label(&s.label, "section");
        if let Some(&first) = self.section_ids.get(&s.id.name) {
            self.dup("section", &s.id, first);
        } else {
            self.section_ids.insert(s.id.name.clone(), s.id.span);
        }
        let idx = self.sections.len();
        self.sections.push(Section {
            id: s.id.name.clone(),
            label: s
                .label
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_else(|| s.id.name.clone()),
            aliases: Vec::new(),
            optional: s.optional,
            parent,
            topics: Vec::new(),
            requires: Vec::new(),
            doc: doc(&s.doc),
            span: s.span,
            id_span: s.id.span,
            keys: Vec::new(),
        });
        for it in s.items {
            match it {
                ast::Item::Section(c) => self.section(c, Some(idx)),
                ast::Item::Aliases(a) => {
                    self.sections[idx].aliases = a.into_iter().map(|s| s.value).collect()
                }
                ast::Item::Topic(t) => self.sections[idx].topics.push(Topic {
                    label: t
                        .label
                        .map(|l| l.value)
                        .unwrap_or_else(|| t.id.name.clone()),
                    id: t.id.name,
                    doc: doc(&t.doc),
                    span: t.span,
                }),
                ast::Item::Require(r) => {
                    let kind = match r.kind {
                        ast::RequireKind::Text(min) => RequireKind::Text {
                            min: min.map(|(n, _)| n),
                        },
                        ast::RequireKind::Mention(list) => {
                            RequireKind::Mention(list.into_iter().map(|s| s.value).collect())
                        }
                    };
                    self.sections[idx].requires.push(Require {
                        kind,
                        severity: r.opts.severity.map(|s| s.0).unwrap_or(Severity::Warning),
                        message: r.opts.message.map(|m| m.value),
                        doc: doc(&r.doc),
                        span: r.span,
                    });
                }
                ast::Item::Table(t) => self.table(t, idx),
                ast::Item::Fact(f) => self.pending_facts.push((idx, f)),
                ast::Item::Example(e) => self.example(e, None, Some(idx)),
                other => self.misplaced(&other, "section"),
            }
        }
    }

    fn table(&mut self, t: ast::Table, section: usize) {
        self.check_label(&t.label, "table");
        if let Some(&first) = self.table_ids.get(&t.id.name) {
            self.dup("table", &t.id, first);
        } else {
            self.table_ids.insert(t.id.name.clone(), t.id.span);
        }
        let mut tb = TableBuilder {
            blocks: vec![Block {
                id: String::new(),
                label: None,
                columns: Vec::new(),
                rows: Vec::new(),
                span: t.span,
            }],
            columns: Vec::new(),
            rows: Vec::new(),
            row_groups: Vec::new(),
            col_groups: Vec::new(),
            checks: Vec::new(),
            check_names: HashMap::new(),
            rollups: Vec::new(),
            names: HashMap::new(),
            header: Vec::new(),
            examples: Vec::new(),
        };
        for it in t.items {
            self.table_item(&mut tb, it, 0, &mut Vec::new(), &mut Vec::new());
        }
        // Drop the implicit block when everything lives in named blocks.
        if tb.blocks.len() > 1 && tb.blocks[0].columns.is_empty() && tb.blocks[0].rows.is_empty() {
            tb.blocks.remove(0);
            for c in &mut tb.columns {
                c.block -= 1;
            }
            for r in &mut tb.rows {
                r.block -= 1;
            }
        }
        if tb.rows.is_empty() {
            self.diags.push(
                Diagnostic::of(
                    Code::NeverEvaluable,
                    crate::tr!("build-table-no-rows", name = t.id.name.as_str()),
                    t.id.span,
                )
                .with_primary_message(crate::tr!("build-table-no-rows-here"))
                .with_help(crate::tr!("build-table-no-rows-help")),
            );
        }
        for (bi, bl) in tb.blocks.iter().enumerate() {
            if !bl.rows.is_empty() && bl.columns.is_empty() {
                let (what, name) = if bi == 0 && bl.id.is_empty() {
                    ("table", t.id.name.as_str())
                } else {
                    ("block", bl.id.as_str())
                };
                self.diags.push(
                    Diagnostic::of(
                        Code::NeverEvaluable,
                        crate::tr!("build-no-columns", what = kind_word(what), name = name),
                        bl.span,
                    )
                    .with_primary_message(crate::tr!("build-no-columns-here"))
                    .with_help(crate::tr!("build-no-columns-help")),
                );
            }
        }
        if t.inline && tb.blocks.len() > 1 {
            self.diags.push(
                Diagnostic::of(
                    Code::BadValue,
                    crate::tr!("build-inline-blocks", name = t.id.name.as_str()),
                    t.id.span,
                )
                .with_primary_message(crate::tr!("build-inline-blocks-here")),
            );
        }
        let table_idx = self.tables.len();
        let mut table = Table {
            id: t.id.name.clone(),
            label: t
                .label
                .map(|l| l.value)
                .unwrap_or_else(|| t.id.name.clone()),
            inline: t.inline,
            section,
            blocks: tb.blocks,
            columns: tb.columns,
            rows: tb.rows,
            row_groups: tb.row_groups,
            col_groups: tb.col_groups,
            checks: Vec::new(),
            rollups: std::mem::take(&mut tb.rollups),
            header: tb.header,
            doc: doc(&t.doc),
            span: t.span,
            id_span: t.id.span,
            form: None,
            keys: Default::default(),
            names: NameIndex::default(),
        };
        table.index_names();
        // Checks are resolved once every table exists: they may name cells of later tables.
        self.pending_checks.push((table_idx, tb.checks));
        for e in tb.examples {
            self.example(e, Some(table_idx), None);
        }
        self.tables.push(table);
    }

    fn name(&mut self, tb: &mut TableBuilder, id: &ast::Ident, what: &str) {
        if let Some(&first) = tb.names.get(&id.name) {
            self.dup(what, id, first);
        } else {
            tb.names.insert(id.name.clone(), id.span);
        }
    }

    fn table_item(
        &mut self,
        tb: &mut TableBuilder,
        it: ast::Item,
        block: usize,
        row_groups: &mut Vec<usize>,
        col_groups: &mut Vec<usize>,
    ) {
        match it {
            ast::Item::Block(c) => {
                if block != 0 || !row_groups.is_empty() || !col_groups.is_empty() {
                    self.misplaced(&ast::Item::Block(c), "block");
                    return;
                }
                self.name(tb, &c.id, "block");
                let bi = tb.blocks.len();
                tb.blocks.push(Block {
                    id: c.id.name.clone(),
                    label: c.label.map(|l| l.value),
                    columns: Vec::new(),
                    rows: Vec::new(),
                    span: c.span,
                });
                for i in c.items {
                    self.table_item(tb, i, bi, row_groups, col_groups);
                }
            }
            ast::Item::Group(c) => {
                self.name(tb, &c.id, "group");
                let holds_rows = has_rows(&c.items);
                let g = Group {
                    id: c.id.name.clone(),
                    label: c
                        .label
                        .map(|l| l.value)
                        .unwrap_or_else(|| c.id.name.clone()),
                    members: Vec::new(),
                    doc: doc(&c.doc),
                    span: c.span,
                };
                if holds_rows {
                    tb.row_groups.push(g);
                    row_groups.push(tb.row_groups.len() - 1);
                } else {
                    tb.col_groups.push(g);
                    col_groups.push(tb.col_groups.len() - 1);
                }
                for i in c.items {
                    self.table_item(tb, i, block, row_groups, col_groups);
                }
                if holds_rows {
                    row_groups.pop();
                } else {
                    col_groups.pop();
                }
            }
            ast::Item::Column(c) => {
                self.check_label(&c.label, "column");
                // Column names are per block: two blocks may both have 上一年项目数量.
                let key = ast::Ident {
                    name: format!("{}\u{0}{}", block, c.id.name),
                    span: c.id.span,
                };
                if let Some(&first) = tb.names.get(&key.name).or_else(|| tb.names.get(&c.id.name)) {
                    self.dup("column", &c.id, first);
                } else {
                    tb.names.insert(key.name, c.id.span);
                }
                let kind = match c.kind {
                    None | Some(ast::CellKind::Count) => CellKind::Count,
                    Some(ast::CellKind::Signed) => CellKind::Signed,
                    Some(ast::CellKind::Text) => CellKind::Text,
                    Some(ast::CellKind::Amount { unit, precision }) => CellKind::Amount {
                        unit: unit.map(|u| u.value),
                        precision,
                    },
                };
                let ci = tb.columns.len();
                tb.columns.push(Column {
                    label: c
                        .label
                        .map(|l| l.value)
                        .unwrap_or_else(|| c.id.name.clone()),
                    id: c.id.name,
                    kind,
                    block,
                    doc: doc(&c.doc),
                    span: c.span,
                });
                tb.blocks[block].columns.push(ci);
                for &g in col_groups.iter() {
                    tb.col_groups[g].members.push(ci);
                }
            }
            ast::Item::Row(r) => {
                self.check_label(&r.label, "row");
                self.name(tb, &r.id, "row");
                let ri = tb.rows.len();
                tb.rows.push(Row {
                    label: r
                        .label
                        .map(|l| l.value)
                        .unwrap_or_else(|| r.id.name.clone()),
                    id: r.id.name,
                    block,
                    groups: row_groups.clone(),
                    doc: doc(&r.doc),
                    span: r.span,
                });
                tb.blocks[block].rows.push(ri);
                for &g in row_groups.iter() {
                    tb.row_groups[g].members.push(ri);
                }
            }
            ast::Item::Header(list) => tb.header.extend(list.into_iter().map(|s| s.value)),
            ast::Item::Example(e) => tb.examples.push(e),
            ast::Item::Rollup(r) => tb.rollups.push(RollupRule {
                id: r.id.map(|i| i.name).unwrap_or_else(|| "rollup".into()),
                severity: r.opts.severity.map(|s| s.0).unwrap_or(Severity::Warning),
                message: r.opts.message.map(|m| m.value),
                doc: doc(&r.doc),
                span: r.span,
            }),
            ast::Item::Check(c) => {
                if let Some(id) = &c.id {
                    match tb.check_names.get(&id.name) {
                        Some(&first) => self.dup("check", id, first),
                        None => {
                            tb.check_names.insert(id.name.clone(), id.span);
                        }
                    }
                }
                tb.checks.push(c)
            }
            other => self.misplaced(&other, "table"),
        }
    }

    fn check(&mut self, table: &Table, table_idx: usize, c: ast::Check) -> Option<Check> {
        let id =
            c.id.as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_else(|| format!("{}:{}", table.id, c.span.start));
        let mut ok = true;
        let mut lhs = Vec::new();
        let mut rhs = Vec::new();
        for (side, out) in [(&c.lhs, &mut lhs), (&c.rhs, &mut rhs)] {
            for (neg, term) in &side.terms {
                match self.operand(table, table_idx, c.quantifier, *neg, term) {
                    Some(o) => out.push(o),
                    None => ok = false,
                }
            }
        }
        let guard = match c.guard.as_deref() {
            None => None,
            Some(g) => match self.guard(table, table_idx, c.quantifier, g) {
                Some(g) => Some(g),
                None => {
                    ok = false;
                    None
                }
            },
        };
        if !ok {
            return None;
        }
        let all: Vec<&Operand> = lhs.iter().chain(rhs.iter()).collect();
        // Which rows / columns the check applies to: those whose block holds every referenced line.
        let applies_to: Vec<usize> = match c.quantifier {
            Some(ast::Quantifier::EachRow) => (0..table.rows.len())
                .filter(|&r| {
                    all.iter()
                        .filter(|o| !matches!(o.kind, OperandKind::Const(_)))
                        .all(|o| {
                            lines(o)
                                .iter()
                                .any(|&col| table.columns[col].block == table.rows[r].block)
                        })
                })
                .collect(),
            Some(ast::Quantifier::EachColumn) => {
                let rows: Vec<usize> = all.iter().flat_map(|o| lines(o)).collect();
                (0..table.columns.len())
                    .filter(|&col| {
                        rows.iter()
                            .all(|&r| table.rows[r].block == table.columns[col].block)
                    })
                    .collect()
            }
            None => vec![0],
        };
        if all.iter().all(|o| matches!(o.kind, OperandKind::Const(_))) {
            self.diags.push(
                Diagnostic::of(Code::NeverEvaluable, crate::tr!("build-no-cell"), c.span)
                    .with_primary_message(crate::tr!("build-no-cell-here"))
                    .with_help(crate::tr!("build-no-cell-help")),
            );
            return None;
        }
        if applies_to.is_empty() {
            let headline = if c.quantifier == Some(ast::Quantifier::EachRow) {
                crate::tr!("build-never-rows")
            } else {
                crate::tr!("build-never-columns")
            };
            self.diags.push(
                Diagnostic::of(Code::NeverEvaluable, headline, c.span)
                    .with_primary_message(crate::tr!("build-different-blocks"))
                    .with_help(crate::tr!("build-one-block-help")),
            );
            return None;
        }
        // Kinds: counts and amounts do not mix.
        let mut kinds: Vec<(CellKind, Span)> = Vec::new();
        for o in &all {
            if let OperandKind::Cells(cells) = &o.kind {
                // Cells named in full may live in another table.
                for cr in cells {
                    let t = if cr.table == table_idx {
                        Some(table)
                    } else {
                        self.tables.get(cr.table)
                    };
                    if let Some(col) = t.and_then(|t| t.columns.get(cr.col)) {
                        kinds.push((col.kind.clone(), o.span));
                    }
                }
                continue;
            }
            for col in operand_columns(c.quantifier, o) {
                kinds.push((table.columns[col].kind.clone(), o.span));
            }
        }
        if let Some((_, span)) = kinds.iter().find(|(k, _)| *k == CellKind::Text) {
            self.diags.push(
                Diagnostic::of(Code::TypeMismatch, crate::tr!("build-text-cells"), *span)
                    .with_primary_message(crate::tr!("build-text-cells-here")),
            );
            return None;
        }
        if let (Some(a), Some(n)) = (
            kinds.iter().find(|(k, _)| k.is_amount()),
            kinds.iter().find(|(k, _)| !k.is_amount()),
        ) {
            self.diags.push(
                Diagnostic::of(Code::TypeMismatch, crate::tr!("build-mixes-kinds"), n.1)
                    .with_primary_message(crate::tr!("build-this-is", kind = n.0.describe()))
                    .with_label(a.1, crate::tr!("build-this-is", kind = a.0.describe()))
                    .with_help(crate::tr!("build-mixes-kinds-help")),
            );
            return None;
        }
        let text = equation(&lhs, c.cmp, &rhs, |o| o.text.clone());
        // The same in the report's terms: `一 + 二 = （七） + 四`.
        let report_text = {
            let name = |o: &Operand| -> String {
                match (&o.kind, c.quantifier) {
                    (OperandKind::Const(_), _) => o.text.clone(),
                    (OperandKind::Lines(ls), Some(q)) => {
                        let label = |i: usize| {
                            if q == ast::Quantifier::EachColumn {
                                &table.rows[i].label
                            } else {
                                &table.columns[i].label
                            }
                        };
                        let group = if q == ast::Quantifier::EachColumn {
                            &table.row_groups
                        } else {
                            &table.col_groups
                        };
                        match ls.as_slice() {
                            [one] => handle(label(*one)),
                            _ => group
                                .iter()
                                .find(|g| g.members == *ls)
                                .map(|g| {
                                    format!(
                                        "{}各项之和",
                                        g.label
                                            .split_once('、')
                                            .map(|(_, rest)| rest)
                                            .unwrap_or(&g.label)
                                    )
                                })
                                .unwrap_or_else(|| o.text.clone()),
                        }
                    }
                    _ => o.text.clone(),
                }
            };
            let scaled = |o: &Operand| {
                let n = name(o);
                if matches!(o.kind, OperandKind::Lines(_)) && !o.scale.is_one() && n != o.text {
                    scaled_text(&n, o.scale)
                } else {
                    n
                }
            };
            equation(&lhs, c.cmp, &rhs, scaled)
        };
        Some(Check {
            id,
            table: table_idx,
            quantifier: c.quantifier,
            when: c.when.into_iter().map(|w| w.value).collect(),
            guard,
            lhs,
            cmp: c.cmp,
            rhs,
            tolerance: c.opts.tolerance.map(|t| t.0).unwrap_or(0.0),
            tolerance_given: c.opts.tolerance.is_some(),
            severity: c.opts.severity.map(|s| s.0).unwrap_or(Severity::Error),
            message: c.opts.message.map(|m| m.value),
            doc: doc(&c.doc),
            applies_to,
            span: c.span,
            text,
            report_text,
        })
    }

    /// A `fact`: its phrases, the sections it reads and its meanings, with cells named in full.
    fn fact(&mut self, section: usize, f: ast::Fact) -> Option<Fact> {
        let mut ok = true;
        let mut phrases = Vec::new();
        for p in &f.phrases {
            match super::phrase::parse(&p.value) {
                Ok(pieces) => phrases.push(Phrase {
                    text: p.value.clone(),
                    pieces,
                    span: p.span,
                }),
                Err(why) => {
                    ok = false;
                    self.diags.push(
                        Diagnostic::of(
                            Code::BadPhrase,
                            crate::tr!("fact-bad-phrase", why = why),
                            p.span,
                        )
                        .with_primary_message(crate::tr!("fact-the-phrase"))
                        .with_help(crate::tr!("fact-bad-phrase-help")),
                    );
                }
            }
        }
        let mut sections = Vec::new();
        for id in &f.scope {
            match self.sections.iter().position(|s| s.id == id.name) {
                Some(i) => sections.push(i),
                None => {
                    ok = false;
                    let cands: Vec<String> = self.sections.iter().map(|s| s.id.clone()).collect();
                    self.unknown(id, "section", cands.iter().map(String::as_str).collect());
                }
            }
        }
        if sections.is_empty() {
            sections.push(section);
        }
        let mut options = Vec::new();
        for e in &f.options {
            let mut ops = Vec::new();
            for (neg, term) in &e.terms {
                match self.fact_operand(*neg, term) {
                    Some(o) => ops.push(o),
                    None => ok = false,
                }
            }
            options.push(ops);
        }
        // Counts and amounts do not mix, and a year is compared with nothing else.
        for ops in &options {
            let mut kinds: Vec<(bool, Span)> = Vec::new();
            for o in ops {
                if let OperandKind::Cells(cs) = &o.kind {
                    for c in cs {
                        if let Some(col) =
                            self.tables.get(c.table).and_then(|t| t.columns.get(c.col))
                        {
                            kinds.push((col.kind.is_amount(), o.span));
                        }
                    }
                }
            }
            if let (Some(a), Some(n)) = (kinds.iter().find(|k| k.0), kinds.iter().find(|k| !k.0)) {
                ok = false;
                self.diags.push(
                    Diagnostic::of(Code::TypeMismatch, crate::tr!("fact-mixes-kinds"), n.1)
                        .with_primary_message(crate::tr!(
                            "build-this-is",
                            kind = crate::tr!("cell-kind-count")
                        ))
                        .with_label(
                            a.1,
                            crate::tr!("build-this-is", kind = crate::tr!("cell-kind-amount")),
                        )
                        .with_help(crate::tr!("build-mixes-kinds-help")),
                );
            }
            let year = ops
                .iter()
                .find(|o| matches!(o.kind, OperandKind::ReportYear));
            let cell = ops.iter().find(|o| matches!(o.kind, OperandKind::Cells(_)));
            if let (Some(y), Some(c)) = (year, cell) {
                ok = false;
                self.diags.push(
                    Diagnostic::of(
                        Code::TypeMismatch,
                        crate::tr!("fact-year-and-cells"),
                        c.span,
                    )
                    .with_primary_message(crate::tr!("fact-a-cell"))
                    .with_label(y.span, crate::tr!("fact-a-year"))
                    .with_help(crate::tr!("fact-year-and-cells-help")),
                );
            }
        }
        if !ok {
            return None;
        }
        Some(Fact {
            id: f.id.name,
            sections,
            phrases,
            cmp: f.cmp,
            options,
            unless: f.unless.into_iter().map(|s| s.value).collect(),
            severity: f.opts.severity.map(|s| s.0).unwrap_or(Severity::Warning),
            message: f.opts.message.map(|m| m.value),
            doc: doc(&f.doc),
            span: f.span,
        })
    }

    /// One term of a fact's meaning: a number, `report_year`, a cell named in full
    /// (`表三.新收.总计`) or the cells of a row group in one column (`sum(表三.不予公开.总计)`).
    fn fact_operand(&mut self, negative: bool, term: &ast::Term) -> Option<Operand> {
        let span = term.span();
        let (kind, text) = match term {
            ast::Term::Number(n, _) => (OperandKind::Const(*n), fmt_num(*n)),
            ast::Term::ReportYear(_) => (OperandKind::ReportYear, "report_year".to_string()),
            ast::Term::Scaled(inner, scale, _) => {
                let mut o = self.fact_operand(negative, inner)?;
                o.scale = *scale;
                o.text = format!("{} × {}", o.text, fmt_num(scale.apply(1.0)));
                o.span = span;
                return Some(o);
            }
            ast::Term::Previous(..) => {
                self.diags.push(
                    Diagnostic::of(Code::PreviousMisplaced, crate::tr!("fact-previous"), span)
                        .with_primary_message(crate::tr!("fact-previous-here"))
                        .with_help(crate::tr!("fact-previous-help")),
                );
                return None;
            }
            ast::Term::Ref(path, _) | ast::Term::Sum(path, _) => {
                let is_sum = matches!(term, ast::Term::Sum(..));
                let [t, r, c] = path.as_slice() else {
                    self.diags.push(
                        Diagnostic::of(Code::NeverEvaluable, crate::tr!("fact-name-in-full"), span)
                            .with_primary_message(crate::tr!("fact-which-table"))
                            .with_help(crate::tr!("fact-name-in-full-help")),
                    );
                    return None;
                };
                let Some(ti) = self.tables.iter().position(|o| o.id == t.name) else {
                    let cands: Vec<String> = self.tables.iter().map(|o| o.id.clone()).collect();
                    self.unknown(t, "table", cands.iter().map(String::as_str).collect());
                    return None;
                };
                let table = self.tables[ti].clone();
                let rows: Vec<usize> = if is_sum {
                    match table.row_groups.iter().find(|g| g.id == r.name) {
                        Some(g) => g.members.clone(),
                        None => {
                            let cands: Vec<&str> =
                                table.row_groups.iter().map(|g| g.id.as_str()).collect();
                            self.unknown(r, "row-group", cands);
                            return None;
                        }
                    }
                } else {
                    match table.row(&r.name) {
                        Some(i) => vec![i],
                        None => {
                            let cands: Vec<&str> =
                                table.rows.iter().map(|x| x.id.as_str()).collect();
                            self.unknown(r, "row", cands);
                            return None;
                        }
                    }
                };
                let mut cells = Vec::new();
                for ri in rows {
                    let Some(ci) = table
                        .columns
                        .iter()
                        .position(|x| x.id == c.name && x.block == table.rows[ri].block)
                    else {
                        let cands: Vec<&str> =
                            table.columns.iter().map(|x| x.id.as_str()).collect();
                        self.unknown(c, "column", cands);
                        return None;
                    };
                    cells.push(CellRef {
                        table: ti,
                        row: ri,
                        col: ci,
                    });
                }
                let name = format!("{}.{}.{}", t.name, r.name, c.name);
                (
                    OperandKind::Cells(cells),
                    if is_sum { format!("sum({name})") } else { name },
                )
            }
        };
        Some(Operand {
            negative,
            previous: false,
            scale: ast::Scale::ONE,
            kind,
            text,
            span,
        })
    }

    fn unknown(&mut self, ident: &ast::Ident, what: &str, candidates: Vec<&str>) {
        let mut d = Diagnostic::of(
            Code::UnknownName,
            crate::tr!(
                "build-unknown",
                what = kind_word(what),
                name = crate::diagnostic::excerpt(&ident.name).into_owned()
            ),
            ident.span,
        )
        .with_primary_message(crate::tr!("build-not-declared"));
        if let Some(s) = did_you_mean(&ident.name, candidates.iter().copied()) {
            d = d.with_help(crate::tr!("build-did-you-mean", name = s.as_str()));
            d = d.with_fix(
                crate::tr!("build-fix-replace", name = s.as_str()),
                ident.span,
                s,
            );
        }
        self.diags.push(d);
    }

    /// `when 复议.总计 > 0` (operands read on the check's own line) or `when text(四) < 10`.
    fn guard(
        &mut self,
        table: &Table,
        table_idx: usize,
        q: Option<ast::Quantifier>,
        g: &ast::Guard,
    ) -> Option<Guard> {
        match g {
            ast::Guard::Prose {
                section,
                cmp,
                chars,
                ..
            } => {
                // By its name, or by the number its heading carries (`四` for `四、…`).
                let by_number = |s: &Section| {
                    s.parent.is_none()
                        && s.label
                            .strip_prefix(section.name.as_str())
                            .is_some_and(|r| {
                                r.starts_with('、') || r.starts_with('.') || r.starts_with('．')
                            })
                };
                let Some(si) = self
                    .sections
                    .iter()
                    .position(|s| s.id == section.name)
                    .or_else(|| self.sections.iter().position(by_number))
                else {
                    let names: Vec<String> = self.sections.iter().map(|s| s.id.clone()).collect();
                    self.unknown(
                        section,
                        "section",
                        names.iter().map(String::as_str).collect(),
                    );
                    return None;
                };
                Some(Guard::Prose {
                    section: si,
                    cmp: *cmp,
                    chars: *chars,
                    text: format!("text({}) {} {chars}", section.name, cmp.symbol()),
                })
            }
            ast::Guard::Compare { lhs, cmp, rhs, .. } => {
                let mut ops = (Vec::new(), Vec::new());
                let mut ok = true;
                for (side, out) in [(lhs, &mut ops.0), (rhs, &mut ops.1)] {
                    for (neg, term) in &side.terms {
                        match self.operand(table, table_idx, q, *neg, term) {
                            Some(o) => out.push(o),
                            None => ok = false,
                        }
                    }
                }
                if !ok {
                    return None;
                }
                let text = equation(&ops.0, *cmp, &ops.1, |o| o.text.clone());
                Some(Guard::Compare {
                    lhs: ops.0,
                    cmp: *cmp,
                    rhs: ops.1,
                    text,
                })
            }
        }
    }

    fn operand(
        &mut self,
        table: &Table,
        table_idx: usize,
        q: Option<ast::Quantifier>,
        negative: bool,
        term: &ast::Term,
    ) -> Option<Operand> {
        let span = term.span();
        if let ast::Term::Scaled(inner, scale, _) = term {
            if scale.div == 0.0 {
                self.diags.push(
                    Diagnostic::of(Code::BadValue, crate::tr!("build-division-by-zero"), span)
                        .with_primary_message(crate::tr!("build-division-by-zero-here")),
                );
                return None;
            }
            let mut o = self.operand(table, table_idx, q, negative, inner)?;
            let scale = ast::Scale {
                mul: o.scale.mul * scale.mul,
                div: o.scale.div * scale.div,
            };
            if let OperandKind::Const(c) = o.kind {
                o.kind = OperandKind::Const(scale.apply(c));
                o.text = fmt_num(scale.apply(c));
            } else {
                o.text = scaled_text(&o.text, scale);
                o.scale = scale;
            }
            o.span = span;
            return Some(o);
        }
        let (kind, text) = match (term, q) {
            (ast::Term::Number(n, _), _) => (OperandKind::Const(*n), fmt_num(*n)),
            (ast::Term::Previous(path, _), q) => {
                let inner = ast::Term::Ref(path.clone(), span);
                let mut o = self.operand(table, table_idx, q, negative, &inner)?;
                o.previous = true;
                o.text = format!("previous.{}", o.text);
                return Some(o);
            }
            (ast::Term::ReportYear(_), _) => {
                self.diags.push(
                    Diagnostic::of(Code::OnlyInFact, crate::tr!("fact-report-year-only"), span)
                        .with_primary_message(crate::tr!("fact-report-year-only-here"))
                        .with_help(crate::tr!("fact-report-year-only-help")),
                );
                return None;
            }
            (ast::Term::Ref(path, _), Some(q)) | (ast::Term::Sum(path, _), Some(q)) => {
                let is_sum = matches!(term, ast::Term::Sum(..));
                let [name] = path.as_slice() else {
                    self.diags.push(
                        Diagnostic::of(
                            Code::NeverEvaluable,
                            crate::tr!("build-qualified-in-each"),
                            span,
                        )
                        .with_primary_message(crate::tr!("build-qualified-in-each-here")),
                    );
                    return None;
                };
                let rows = q == ast::Quantifier::EachColumn;
                // Looked up by name in the table's index: never a scan of every line.
                let (line_ix, group_ix, groups, other_ix) = if rows {
                    (
                        &table.names.rows,
                        &table.names.row_groups,
                        &table.row_groups,
                        &table.names.columns,
                    )
                } else {
                    (
                        &table.names.columns,
                        &table.names.col_groups,
                        &table.col_groups,
                        &table.names.rows,
                    )
                };
                let other_lines = other_ix.contains_key(&name.name);
                let is_line = line_ix.contains_key(&name.name);
                let group = group_ix.get(&name.name).map(|&g| &groups[g]);
                let found = if is_sum {
                    group.map(|g| g.members.clone())
                } else {
                    line_ix.get(&name.name).cloned()
                };
                match found {
                    Some(m) if m.is_empty() => {
                        self.diags.push(
                            Diagnostic::of(
                                Code::NeverEvaluable,
                                crate::tr!("build-group-empty", name = name.name.as_str()),
                                name.span,
                            )
                            .with_primary_message(crate::tr!("build-group-empty-here")),
                        );
                        return None;
                    }
                    Some(m) => (
                        OperandKind::Lines(m),
                        if is_sum {
                            crate::tr!("build-sum-text", name = name.name.as_str())
                        } else {
                            name.name.clone()
                        },
                    ),
                    None => {
                        let what = if rows { "row" } else { "column" };
                        if is_sum && is_line {
                            self.diags.push(
                                Diagnostic::of(
                                    Code::NeverEvaluable,
                                    crate::tr!(
                                        "build-sum-single",
                                        name = name.name.as_str(),
                                        what = kind_word(what)
                                    ),
                                    span,
                                )
                                .with_primary_message(crate::tr!("build-not-a-group"))
                                .with_help(crate::tr!(
                                    "build-sum-single-help",
                                    name = name.name.as_str()
                                )),
                            );
                        } else if other_lines || (!is_sum && group.is_some()) {
                            let is_group = group.is_some();
                            let msg = if is_group {
                                crate::tr!("build-is-group", name = name.name.as_str())
                            } else {
                                crate::tr!(
                                    "build-not-in-lines",
                                    name = name.name.as_str(),
                                    what = kind_word(what)
                                )
                            };
                            self.diags.push(
                                Diagnostic::of(Code::NeverEvaluable, msg, name.span)
                                    .with_primary_message(if is_group {
                                        crate::tr!("build-a-group")
                                    } else if rows {
                                        crate::tr!("build-this-is-column")
                                    } else {
                                        crate::tr!("build-this-is-row")
                                    })
                                    .with_help(crate::tr!("build-each-help")),
                            );
                        } else if is_sum {
                            let cands: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
                            self.unknown(
                                name,
                                if rows { "row-group" } else { "column-group" },
                                cands,
                            );
                        } else {
                            let cands: Vec<&str> = if rows {
                                table.rows.iter().map(|r| r.id.as_str()).collect()
                            } else {
                                table.columns.iter().map(|c| c.id.as_str()).collect()
                            };
                            self.unknown(name, what, cands);
                        }
                        return None;
                    }
                }
            }
            (ast::Term::Scaled(..), _) => return None,
            (ast::Term::Ref(path, _), None) | (ast::Term::Sum(path, _), None) => {
                // `row.column` in this table, or `table.row.column` in another table of the rule set.
                let (other, row, col) = match path.as_slice() {
                    [r, c] => (None, r, c),
                    [t, r, c] => (Some(t), r, c),
                    _ => {
                        self.diags.push(
                            Diagnostic::of(
                                Code::NeverEvaluable,
                                crate::tr!("build-which-cell"),
                                span,
                            )
                            .with_primary_message(crate::tr!("build-which-cell-here")),
                        );
                        return None;
                    }
                };
                let (table, table_idx) = match other {
                    None => (table, table_idx),
                    Some(t) if t.name == table.id => (table, table_idx),
                    Some(t) => match self.tables.iter().position(|o| o.id == t.name) {
                        Some(i) => (&self.tables[i], i),
                        None => {
                            let cands: Vec<String> = self
                                .tables
                                .iter()
                                .map(|o| o.id.clone())
                                .chain(std::iter::once(table.id.clone()))
                                .collect();
                            self.unknown(t, "table", cands.iter().map(String::as_str).collect());
                            return None;
                        }
                    },
                };
                // Names are looked up in the table's index; the candidates for "did you mean"
                // are only gathered when a name is not found.
                let Some(ri) = table.row(&row.name) else {
                    let cands: Vec<String> = table.rows.iter().map(|r| r.id.clone()).collect();
                    self.unknown(row, "row", cands.iter().map(String::as_str).collect());
                    return None;
                };
                let block = table.rows[ri].block;
                let in_block = table
                    .names
                    .columns
                    .get(&col.name)
                    .and_then(|v| v.iter().copied().find(|&c| table.columns[c].block == block));
                let Some(ci) = in_block.or_else(|| table.column(&col.name)) else {
                    let cands: Vec<String> = table.columns.iter().map(|c| c.id.clone()).collect();
                    self.unknown(col, "column", cands.iter().map(String::as_str).collect());
                    return None;
                };
                if table.columns[ci].block != table.rows[ri].block {
                    self.diags.push(
                        Diagnostic::of(
                            Code::NeverEvaluable,
                            crate::tr!(
                                "build-no-cell-in-column",
                                row = row.name.as_str(),
                                column = col.name.as_str()
                            ),
                            span,
                        )
                        .with_primary_message(crate::tr!("build-row-column-blocks")),
                    );
                    return None;
                }
                (
                    OperandKind::Cells(vec![CellRef {
                        table: table_idx,
                        row: ri,
                        col: ci,
                    }]),
                    match other {
                        Some(t) => format!("{}.{}.{}", t.name, row.name, col.name),
                        None => format!("{}.{}", row.name, col.name),
                    },
                )
            }
        };
        Some(Operand {
            negative,
            previous: false,
            kind,
            scale: ast::Scale::ONE,
            text,
            span,
        })
    }
}

struct TableBuilder {
    blocks: Vec<Block>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    row_groups: Vec<Group>,
    col_groups: Vec<Group>,
    checks: Vec<ast::Check>,
    /// The first span of each named check, for reporting a second one.
    check_names: HashMap<String, Span>,
    rollups: Vec<RollupRule>,
    names: HashMap<String, Span>,
    header: Vec<String>,
    examples: Vec<ast::Example>,
}

fn has_rows(items: &[ast::Item]) -> bool {
    items.iter().any(|i| match i {
        ast::Item::Row(_) => true,
        ast::Item::Group(g) => has_rows(&g.items),
        _ => false,
    })
}

fn lines(o: &Operand) -> Vec<usize> {
    match &o.kind {
        OperandKind::Lines(l) => l.clone(),
        _ => Vec::new(),
    }
}

/// The columns an operand reads, for kind checking.
/// The columns an operand reads, for kind checking (cells named in full are handled apart).
fn operand_columns(q: Option<ast::Quantifier>, o: &Operand) -> Vec<usize> {
    match (&o.kind, q) {
        (OperandKind::Lines(l), Some(ast::Quantifier::EachRow)) => l.clone(),
        // Every operand of an `each column` check reads the same column: kinds cannot mix.
        _ => Vec::new(),
    }
}

/// `50% × 总计`, `新收 ÷ 2`: a scaled operand for messages.
fn scaled_text(inner: &str, scale: ast::Scale) -> String {
    let mut t = String::new();
    if scale.mul != 1.0 {
        let pct = scale.mul * 100.0;
        if scale.mul < 1.0 && (pct - pct.round()).abs() < 1e-9 {
            t.push_str(&format!("{}% × ", fmt_num(pct.round())));
        } else {
            t.push_str(&format!("{} × ", fmt_num(scale.mul)));
        }
    }
    t.push_str(inner);
    if scale.div != 1.0 {
        t.push_str(&format!(" ÷ {}", fmt_num(scale.div)));
    }
    t
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// How a report refers to a line: its number when it has one (`一`, `（七）`, `1.`), else the
/// label without its parenthesised explanation.
pub fn handle(label: &str) -> String {
    const NUMERALS: &str = "一二三四五六七八九十";
    let trimmed = label.trim();
    if let Some(rest) = trimmed
        .strip_prefix('（')
        .or_else(|| trimmed.strip_prefix('('))
    {
        if let Some(close) = rest.find(['）', ')']) {
            let inner = &rest[..close];
            if !inner.is_empty() && inner.chars().all(|c| NUMERALS.contains(c)) {
                let open = trimmed.chars().next().map(char::len_utf8).unwrap_or(1);
                let close_len = rest[close..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(1);
                return trimmed[..open + close + close_len].to_string();
            }
        }
    }
    let num: String = trimmed
        .chars()
        .take_while(|c| NUMERALS.contains(*c))
        .collect();
    if !num.is_empty() && trimmed[num.len()..].starts_with(['、', '.', '．']) {
        return num;
    }
    // `（二）部分公开（区分处理的…）` → `（二）部分公开`
    let skip = if trimmed.starts_with(['（', '(']) {
        trimmed.find(['）', ')']).map(|i| i + 1).unwrap_or(0)
    } else {
        0
    };
    for (i, c) in trimmed.char_indices() {
        if i >= skip && i > 0 && (c == '（' || c == '(') {
            return trimmed[..i].to_string();
        }
    }
    trimmed.to_string()
}

/// `a + b - c = d`, each operand named by `name`.
fn equation(
    lhs: &[Operand],
    cmp: ast::Cmp,
    rhs: &[Operand],
    name: impl Fn(&Operand) -> String,
) -> String {
    let side = |ops: &[Operand]| -> String {
        ops.iter()
            .enumerate()
            .map(|(i, o)| {
                format!(
                    "{}{}",
                    if o.negative {
                        " - "
                    } else if i > 0 {
                        " + "
                    } else {
                        ""
                    },
                    name(o)
                )
            })
            .collect()
    };
    format!("{} {} {}", side(lhs), cmp.symbol(), side(rhs))
}
