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
        Value::Number(v) => crate::tr!(
            "hover-value-written",
            value = fmt_num(*v),
            raw = cell.raw.as_ref()
        ),
        Value::NoValue if cell.raw.is_empty() => crate::tr!("hover-blank"),
        Value::NoValue => crate::tr!("hover-no-value", raw = cell.raw.as_ref()),
        Value::Unreadable => crate::tr!("hover-unreadable", raw = cell.raw.as_ref()),
    }
}

fn cell_text(t: &Table, read: &TableRead, cell: &Cell) -> String {
    let (Some(row), Some(col)) = (t.rows.get(cell.row), t.columns.get(cell.col)) else {
        return String::new();
    };
    let mut out = format!("**{}** × **{}**\n\n", row.label, column_name(t, cell.col));
    let block = t
        .blocks
        .get(row.block)
        .and_then(|b| b.label.as_deref())
        .unwrap_or("none");
    out.push_str(&crate::tr!(
        "hover-cell",
        table = t.id.as_str(),
        label = t.label.as_str(),
        block = block,
        row = row.id.as_str(),
        column = col.id.as_str(),
        kind = col.kind.describe(),
        value = value_text(cell)
    ));
    out.push('\n');
    let uses = report_index::uses(t, read, cell.row, cell.col);
    if uses.is_empty() {
        out.push('\n');
        out.push_str(&crate::tr!("hover-no-identity"));
        out.push('\n');
        return out;
    }
    out.push('\n');
    out.push_str(&crate::tr!("hover-identities"));
    out.push('\n');
    for u in uses {
        let ch = u.check;
        let name = if ch.id.contains(':') {
            String::new()
        } else {
            format!("`{}` ", ch.id)
        };
        let line = match (ch.quantifier, u.line) {
            (Some(Quantifier::EachRow), Some(r)) => {
                crate::tr!("hover-in-row", row = short(&t.rows[r].label))
            }
            (Some(Quantifier::EachColumn), Some(c)) => {
                crate::tr!("hover-in-column", column = short(&t.columns[c].label))
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
            (None, _) => crate::tr!("hover-cannot-check"),
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
    let mut out = format!("**{}** `{}`", d.kind.shown(), d.name);
    if d.kind == rule_index::DeclKind::Regulation && !d.reg.1.is_empty() {
        out.push_str(&crate::tr!("hover-version", version = d.reg.1.as_str()));
    }
    if let Some(label) = &d.label {
        out.push_str(&format!(" — {label}"));
    }
    if let Some(t) = d.table.as_ref().filter(|t| **t != d.name) {
        out.push_str("\n\n");
        out.push_str(&crate::tr!("hover-in-table", table = t.as_str()));
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
            out.push_str("\n\n");
            out.push_str(&crate::tr!(
                "hover-declared-in",
                file = crate::lsp::uri::display_name(uri)
            ));
        }
    }
    out
}
