//! `form` → a [`Table`] whose rows are the form's fields (one value column), with the fields'
//! kinds, requirements and groups in [`Form`]. Checks of a form compare fields by name.

use super::{doc, Builder};
use crate::compile::model::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast;
use std::collections::HashMap;

/// What walking a form's items collects.
#[derive(Default)]
struct Walk {
    rows: Vec<Row>,
    fields: Vec<Field>,
    groups: Vec<FieldGroup>,
    row_groups: Vec<Group>,
    /// Group index → its `when` as written, resolved once every field is known.
    whens: Vec<(usize, ast::GroupWhen)>,
    checks: Vec<ast::Check>,
    examples: Vec<ast::Example>,
    names: HashMap<String, Span>,
}

impl Builder<'_> {
    pub(super) fn form(&mut self, f: ast::Form) {
        self.check_label(&f.label, "form");
        if let Some(&first) = self.table_ids.get(&f.id.name) {
            self.dup("form", &f.id, first);
        } else {
            self.table_ids.insert(f.id.name.clone(), f.id.span);
        }
        let label = f
            .label
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_else(|| f.id.name.clone());
        let mut w = Walk::default();
        for it in f.items {
            self.form_item(&mut w, it, None);
        }
        if w.rows.is_empty() {
            self.diags.push(
                Diagnostic::of(
                    Code::NeverEvaluable,
                    crate::tr!("form-no-fields", name = f.id.name.as_str()),
                    f.id.span,
                )
                .with_primary_message(crate::tr!("form-no-fields-here"))
                .with_help(crate::tr!("form-no-fields-help")),
            );
        }
        for (gi, when) in std::mem::take(&mut w.whens) {
            w.groups[gi].when = self.field_condition(&w, &when);
        }
        let table_idx = self.tables.len();
        let rows: Vec<usize> = (0..w.rows.len()).collect();
        let mut table = Table {
            id: f.id.name.clone(),
            label: label.clone(),
            inline: false,
            // A form stands in no section: it is read over the whole report.
            section: usize::MAX,
            blocks: vec![Block {
                id: String::new(),
                label: None,
                columns: vec![0],
                rows,
                span: f.span,
            }],
            columns: vec![Column {
                id: label.clone(),
                label,
                kind: CellKind::Count,
                block: 0,
                doc: String::new(),
                span: f.span,
            }],
            rows: w.rows,
            row_groups: w.row_groups,
            col_groups: Vec::new(),
            checks: Vec::new(),
            rollups: Vec::new(),
            header: Vec::new(),
            doc: doc(&f.doc),
            span: f.span,
            id_span: f.id.span,
            keys: Default::default(),
            names: NameIndex::default(),
            form: Some(Form {
                fields: w.fields,
                groups: w.groups,
            }),
        };
        table.index_names();
        // In a form every check compares fields: names are fields (rows of the one value column).
        let checks = w
            .checks
            .into_iter()
            .filter_map(|mut c| {
                if c.quantifier.is_some() {
                    self.diags.push(
                        Diagnostic::of(Code::BadValue, crate::tr!("form-check-no-each"), c.span)
                            .with_primary_message(crate::tr!("form-check-no-each-here"))
                            .with_help(crate::tr!("form-check-no-each-help")),
                    );
                    return None;
                }
                c.quantifier = Some(ast::Quantifier::EachColumn);
                Some(c)
            })
            .collect();
        self.pending_checks.push((table_idx, checks));
        for e in w.examples {
            self.example(e, Some(table_idx), None);
        }
        self.tables.push(table);
    }

    fn form_item(&mut self, w: &mut Walk, it: ast::Item, group: Option<usize>) {
        match it {
            ast::Item::Field(f) => {
                self.check_label(&f.label, "field");
                if let Some(&first) = w.names.get(&f.id.name) {
                    self.dup("field", &f.id, first);
                } else {
                    w.names.insert(f.id.name.clone(), f.id.span);
                }
                let (pattern, pattern_text) = match &f.pattern {
                    None => (None, None),
                    Some(p) => match regex_lite::Regex::new(&p.value) {
                        Ok(r) => (Some(r), Some(p.value.clone())),
                        Err(e) => {
                            self.diags.push(
                                Diagnostic::of(
                                    Code::BadPattern,
                                    crate::tr!("form-bad-pattern"),
                                    p.span,
                                )
                                .with_primary_message(e.to_string())
                                .with_help(crate::tr!("form-bad-pattern-help")),
                            );
                            (None, None)
                        }
                    },
                };
                if pattern.is_some() && !matches!(f.kind, ast::FieldKind::Text) {
                    if let Some(p) = &f.pattern {
                        self.diags.push(
                            Diagnostic::of(
                                Code::BadPattern,
                                crate::tr!("form-pattern-not-text"),
                                p.span,
                            )
                            .with_primary_message(crate::tr!("form-pattern-not-text-here")),
                        );
                    }
                }
                let kind = match f.kind {
                    ast::FieldKind::Count => FieldKind::Count,
                    ast::FieldKind::Text => FieldKind::Text,
                    ast::FieldKind::YesNo => FieldKind::YesNo,
                    ast::FieldKind::Choice { multiple, options } => {
                        for o in &options {
                            self.check_label(&Some(o.clone()), "option");
                        }
                        FieldKind::Choice {
                            multiple,
                            options: options.into_iter().map(|o| o.value).collect(),
                        }
                    }
                    ast::FieldKind::Date(win) => FieldKind::Date(win.and_then(|d| {
                        let ok =
                            |(m, day): (u32, u32)| (1..=12).contains(&m) && (1..=31).contains(&day);
                        if ok(d.from) && ok(d.to) && d.from <= d.to {
                            Some(DateWindow {
                                year_offset: d.year_offset,
                                from: d.from,
                                to: d.to,
                            })
                        } else {
                            self.diags.push(
                                Diagnostic::of(
                                    Code::BadValue,
                                    crate::tr!("form-bad-dates"),
                                    d.span,
                                )
                                .with_primary_message(crate::tr!("form-bad-dates-here"))
                                .with_help(crate::tr!("form-bad-dates-help")),
                            );
                            None
                        }
                    })),
                };
                let ri = w.rows.len();
                let mut groups = Vec::new();
                let mut g = group;
                while let Some(gi) = g {
                    groups.push(gi);
                    w.row_groups[gi].members.push(ri);
                    g = w.groups[gi].parent;
                }
                groups.reverse();
                w.rows.push(Row {
                    label: f
                        .label
                        .map(|l| l.value)
                        .unwrap_or_else(|| f.id.name.clone()),
                    id: f.id.name,
                    block: 0,
                    groups,
                    doc: doc(&f.doc),
                    span: f.span,
                });
                w.fields.push(Field {
                    kind,
                    required: !f.optional,
                    pattern,
                    pattern_text,
                    severity: f.opts.severity.map(|s| s.0),
                    message: f.opts.message.map(|m| m.value),
                    group,
                });
            }
            ast::Item::FormGroup(g) => {
                self.check_label(&g.label, "group");
                if let Some(&first) = w.names.get(&g.id.name) {
                    self.dup("group", &g.id, first);
                } else {
                    w.names.insert(g.id.name.clone(), g.id.span);
                }
                let gi = w.groups.len();
                let label = g
                    .label
                    .map(|l| l.value)
                    .unwrap_or_else(|| g.id.name.clone());
                w.groups.push(FieldGroup {
                    id: g.id.name.clone(),
                    label: label.clone(),
                    parent: group,
                    when: None,
                    span: g.span,
                });
                w.row_groups.push(Group {
                    id: g.id.name,
                    label,
                    members: Vec::new(),
                    doc: doc(&g.doc),
                    span: g.span,
                });
                if let Some(when) = g.when {
                    w.whens.push((gi, when));
                }
                for i in g.items {
                    self.form_item(w, i, Some(gi));
                }
            }
            ast::Item::Check(c) => w.checks.push(c),
            ast::Item::Example(e) => w.examples.push(e),
            other => self.misplaced(&other, "form"),
        }
    }

    /// `when FIELD = "是"`: the field must be a yes/no or choice field, the value one of its answers.
    fn field_condition(&mut self, w: &Walk, when: &ast::GroupWhen) -> Option<FieldCondition> {
        let Some(fi) = w.rows.iter().position(|r| r.id == when.field.name) else {
            let names: Vec<&str> = w.rows.iter().map(|r| r.id.as_str()).collect();
            self.unknown(&when.field, "field", names);
            return None;
        };
        let answers: Vec<String> = match &w.fields[fi].kind {
            FieldKind::YesNo => vec!["是".into(), "否".into()],
            FieldKind::Choice {
                multiple: false,
                options,
            } => options.clone(),
            other => {
                self.diags.push(
                    Diagnostic::of(
                        Code::BadCondition,
                        crate::tr!(
                            "form-when-kind",
                            name = when.field.name.as_str(),
                            kind = other.describe()
                        ),
                        when.field.span,
                    )
                    .with_primary_message(crate::tr!("form-when-kind-here")),
                );
                return None;
            }
        };
        let equal = match when.cmp {
            Cmp::Eq => true,
            Cmp::Ne => false,
            _ => {
                self.diags.push(
                    Diagnostic::of(Code::BadCondition, crate::tr!("form-when-cmp"), when.span)
                        .with_primary_message(crate::tr!("form-when-cmp-here")),
                );
                return None;
            }
        };
        if !answers.contains(&when.value.value) {
            let list = crate::i18n::join(
                &answers
                    .iter()
                    .map(|a| crate::tr!("quoted", text = a.as_str()))
                    .collect::<Vec<_>>(),
            );
            self.diags.push(
                Diagnostic::of(
                    Code::BadCondition,
                    crate::tr!(
                        "form-when-answer",
                        value = when.value.value.as_str(),
                        name = when.field.name.as_str()
                    ),
                    when.value.span,
                )
                .with_primary_message(crate::tr!("form-when-answers", list = list)),
            );
            return None;
        }
        Some(FieldCondition {
            field: fi,
            equal,
            value: when.value.value.clone(),
            text: format!(
                "`{}` {} \"{}\"",
                w.rows[fi].label,
                when.cmp.symbol(),
                when.value.value
            ),
        })
    }

    /// A check of a form may only add up fields that hold counts.
    pub(super) fn form_check_kinds(&mut self, table: &Table, check: &Check) -> bool {
        let Some(form) = &table.form else {
            return true;
        };
        let mut ok = true;
        let mut ops: Vec<&Operand> = check.lhs.iter().chain(check.rhs.iter()).collect();
        if let Some(Guard::Compare { lhs, rhs, .. }) = &check.guard {
            ops.extend(lhs.iter().chain(rhs.iter()));
        }
        for o in ops {
            if let OperandKind::Lines(rows) = &o.kind {
                if let Some(&r) = rows
                    .iter()
                    .find(|&&r| form.fields[r].kind != FieldKind::Count)
                {
                    self.diags.push(
                        Diagnostic::of(
                            Code::FieldNotNumber,
                            crate::tr!(
                                "form-field-not-number",
                                name = table.rows[r].id.as_str(),
                                kind = form.fields[r].kind.describe()
                            ),
                            o.span,
                        )
                        .with_primary_message(crate::tr!("form-field-not-number-here"))
                        .with_help(crate::tr!("form-field-not-number-help")),
                    );
                    ok = false;
                }
            }
        }
        ok
    }
}
