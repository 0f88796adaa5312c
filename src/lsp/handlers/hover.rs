//! `textDocument/hover`: on a report cell, its labels, value and the identities it takes part
//! in with their values; on a row label or heading, what the rules say of it; on a name in a
//! rule file, its label and doc comment.

use super::Ctx;
use crate::compile::{fmt_num, Quantifier, Table};
use crate::lsp::analysis::Role;
use crate::lsp::report_index::{self, Hit as ReportHit};
use crate::lsp::rule_index::{self, Decl, Hit as RuleHit};
use crate::report::{short, Cell, TableRead, Value};
use crate::source::{FileId, Span};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub fn hover(cx: &Ctx, p: HoverParams) -> Option<Hover> {
    let at = p.text_document_position_params;
    let (file, role) = cx.file(&at.text_document.uri)?;
    let offset = cx.offset(file, at.position);
    let (text, span) = match role {
        Role::Report => report(cx, file, offset)?,
        _ => rules(cx, file, offset)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(cx.range(span)),
    })
}

fn report(cx: &Ctx, file: FileId, offset: usize) -> Option<(String, Span)> {
    let compiled = cx.analysis.compiled()?;
    let checked = cx.analysis.reports.get(&file)?;
    match report_index::hit_at(&checked.document, offset)? {
        ReportHit::Cell { read, cell } => {
            let table = report_index::table(compiled, read)?;
            Some((cell_text(table, read, cell), cell.span))
        }
        ReportHit::RowLabel { read, row } => {
            let table = report_index::table(compiled, read)?;
            let r = table.rows.get(row)?;
            let span = read.rows.iter().find(|f| f.row == row)?.label;
            Some((
                with_doc(
                    format!("**row** `{}` of `{}` — {}", r.id, table.id, r.label),
                    &r.doc,
                ),
                span,
            ))
        }
        ReportHit::Heading { section } => {
            let s = report_index::rule_set(compiled, checked)?
                .sections
                .get(section)?;
            let span = checked.document.section(section)?.heading;
            Some((
                with_doc(format!("**section** `{}` — {}", s.id, s.label), &s.doc),
                span,
            ))
        }
    }
}

fn with_doc(mut text: String, doc: &str) -> String {
    if !doc.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(doc.trim());
    }
    text
}

fn column_name(t: &Table, col: usize) -> String {
    let c = &t.columns[col];
    let mut parts: Vec<&str> = t
        .col_groups
        .iter()
        .filter(|g| g.members.contains(&col))
        .map(|g| g.label.as_str())
        .collect();
    parts.push(&c.label);
    parts.join(" › ")
}

fn value_text(cell: &Cell) -> String {
    match &cell.value {
        Value::Number(v) if fmt_num(*v) == cell.raw => format!("`{}`", cell.raw),
        Value::Number(v) => format!("`{}` (written `{}`)", fmt_num(*v), cell.raw),
        Value::NoValue if cell.raw.is_empty() => "no value (blank)".into(),
        Value::NoValue => format!("no value (`{}`)", cell.raw),
        Value::Unreadable => format!("unreadable: `{}`", cell.raw),
    }
}

fn cell_text(t: &Table, read: &TableRead, cell: &Cell) -> String {
    let (Some(row), Some(col)) = (t.rows.get(cell.row), t.columns.get(cell.col)) else {
        return String::new();
    };
    let mut out = format!("**{}** × **{}**\n\n", row.label, column_name(t, cell.col));
    out.push_str(&format!("table `{}` {}", t.id, t.label));
    if let Some(label) = t.blocks.get(row.block).and_then(|b| b.label.as_deref()) {
        out.push_str(&format!(", {label}"));
    }
    out.push_str(&format!(
        "; row `{}`, column `{}` ({})\n\nvalue: {}\n",
        row.id,
        col.id,
        col.kind.describe(),
        value_text(cell)
    ));
    let uses = report_index::uses(t, read, cell.row, cell.col);
    if uses.is_empty() {
        out.push_str("\nno identity reads this cell\n");
        return out;
    }
    out.push_str("\nidentities:\n");
    for u in uses {
        let ch = u.check;
        let name = if ch.id.contains(':') {
            String::new()
        } else {
            format!("`{}` ", ch.id)
        };
        let line = match (ch.quantifier, u.line) {
            (Some(Quantifier::EachRow), Some(r)) => {
                format!(" in row `{}`", short(&t.rows[r].label))
            }
            (Some(Quantifier::EachColumn), Some(c)) => {
                format!(" in column `{}`", short(&t.columns[c].label))
            }
            _ => String::new(),
        };
        let verdict = match (u.values, u.holds) {
            (Some((l, r)), Some(true)) => {
                format!("✓ {} {} {}", fmt_num(l), ch.cmp.symbol(), fmt_num(r))
            }
            (Some((l, r)), _) => format!(
                "✗ {} {} {}",
                fmt_num(l),
                ch.cmp.negated_symbol(),
                fmt_num(r)
            ),
            (None, _) => "cannot be checked: a cell holds no number".into(),
        };
        out.push_str(&format!("- {name}`{}`{line}: {verdict}\n", ch.text));
    }
    out
}

fn rules(cx: &Ctx, file: FileId, offset: usize) -> Option<(String, Span)> {
    let ix = cx.indexes.of(file)?;
    let (decl, span) = match rule_index::hit_at(ix, offset)? {
        RuleHit::Decl(d) => (d, d.id_span),
        RuleHit::Ref(r) => (cx.indexes.resolve(r, file)?, r.span),
    };
    Some((decl_text(cx, decl, file), span))
}

fn decl_text(cx: &Ctx, d: &Decl, from: FileId) -> String {
    let mut out = format!("**{}** `{}`", d.kind.word(), d.name);
    if d.kind == rule_index::DeclKind::Regulation && !d.reg.1.is_empty() {
        out.push_str(&format!(" version `{}`", d.reg.1));
    }
    if let Some(label) = &d.label {
        out.push_str(&format!(" — {label}"));
    }
    if let Some(t) = d.table.as_ref().filter(|t| **t != d.name) {
        out.push_str(&format!("\n\nin table `{t}`"));
    }
    let doc = d
        .doc
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n");
    out = with_doc(out, &doc);
    if d.id_span.file != from {
        if let Some(uri) = cx.analysis.uri(d.id_span.file) {
            out.push_str(&format!(
                "\n\ndeclared in `{}`",
                crate::lsp::uri::display_name(uri)
            ));
        }
    }
    out
}
