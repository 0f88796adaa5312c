//! `textDocument/documentSymbol` (the outline): a report's sections and the tables read in
//! them; a rule file's regulations, sections, tables and checks (with `amend`ed ones).

use super::Ctx;
use crate::lsp::analysis::Role;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, AmendKind, Item};
use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

pub fn document_symbol(cx: &Ctx, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let (file, role) = cx.file(&p.text_document.uri)?;
    let symbols = match role {
        Role::Report => report(cx, file)?,
        _ => cx
            .analysis
            .trees
            .get(&file)?
            .regulations
            .iter()
            .map(|r| regulation(cx, r))
            .collect(),
    };
    Some(DocumentSymbolResponse::Nested(symbols))
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though it is deprecated.
fn symbol(
    cx: &Ctx,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let span = span.to(selection);
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: cx.range(span),
        selection_range: cx.range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}

fn report(cx: &Ctx, file: FileId) -> Option<Vec<DocumentSymbol>> {
    let compiled = cx.analysis.compiled()?;
    let doc = &cx.analysis.reports.get(&file)?.document;
    let rs = compiled.rule_sets.get(doc.rule_set?)?;
    let mut found: Vec<_> = doc.sections.iter().collect();
    found.sort_by_key(|s| s.heading.start);
    let mut out = Vec::new();
    for s in found {
        let Some(sec) = rs.sections.get(s.section) else {
            continue;
        };
        let extent = Span::new(file, s.heading.start, s.body.1.max(s.heading.end));
        let mut tables = Vec::new();
        for read in &doc.tables {
            let Some(t) = compiled
                .rule_sets
                .get(read.rule_set)
                .and_then(|r| r.tables.get(read.table))
            else {
                continue;
            };
            let first = read.start.or_else(|| read.cells.first().map(|c| c.span));
            let Some(first) = first else { continue };
            if first.start < extent.start || first.start > extent.end {
                continue;
            }
            let end = read
                .cells
                .iter()
                .map(|c| c.span.end)
                .max()
                .unwrap_or(first.end)
                .max(first.end);
            tables.push(symbol(
                cx,
                t.label.clone(),
                Some(t.id.clone()),
                SymbolKind::STRUCT,
                Span::new(file, first.start, end),
                first,
                Vec::new(),
            ));
        }
        out.push(symbol(
            cx,
            sec.label.clone(),
            Some(sec.id.clone()),
            SymbolKind::MODULE,
            extent,
            s.heading,
            tables,
        ));
    }
    Some(out)
}

fn regulation(cx: &Ctx, r: &ast::Regulation) -> DocumentSymbol {
    let version = r.version.as_ref().map(|v| v.name.clone());
    let detail = match (&version, &r.extends) {
        (Some(v), Some(e)) => Some(format!("version {v} extends {}", e.name)),
        (Some(v), None) => Some(format!("version {v}")),
        _ => None,
    };
    let children = items(cx, &r.items);
    symbol(
        cx,
        r.name.name.clone(),
        detail,
        SymbolKind::NAMESPACE,
        r.span,
        r.name.span,
        children,
    )
}

fn label(l: &Option<ast::Str>) -> Option<String> {
    l.as_ref().map(|s| s.value.clone())
}

fn items(cx: &Ctx, items: &[Item]) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for it in items {
        match it {
            Item::Section(s) => out.push(symbol(
                cx,
                s.id.name.clone(),
                label(&s.label),
                SymbolKind::MODULE,
                s.span,
                s.id.span,
                self::items(cx, &s.items),
            )),
            Item::Table(t) => out.push(symbol(
                cx,
                t.id.name.clone(),
                label(&t.label),
                SymbolKind::STRUCT,
                t.span,
                t.id.span,
                self::items(cx, &t.items),
            )),
            Item::Form(f) => out.push(symbol(
                cx,
                f.id.name.clone(),
                label(&f.label),
                SymbolKind::STRUCT,
                f.span,
                f.id.span,
                self::items(cx, &f.items),
            )),
            // Checks inside blocks and groups belong to the table's outline too.
            Item::Block(c) | Item::Group(c) => out.extend(self::items(cx, &c.items)),
            Item::FormGroup(g) => out.extend(self::items(cx, &g.items)),
            Item::Check(c) => {
                let text = cx
                    .analysis
                    .sources
                    .get(c.lhs.span.file)
                    .text
                    .get(c.lhs.span.start..c.rhs.span.end)
                    .unwrap_or("")
                    .to_string();
                let (name, selection) = match &c.id {
                    Some(id) => (id.name.clone(), id.span),
                    None => (text.clone(), c.lhs.span),
                };
                out.push(symbol(
                    cx,
                    name,
                    Some(text),
                    SymbolKind::FUNCTION,
                    c.span,
                    selection,
                    Vec::new(),
                ));
            }
            Item::Amend(a) => {
                let (word, kind) = match a.kind {
                    AmendKind::Section => ("section", SymbolKind::MODULE),
                    AmendKind::Table => ("table", SymbolKind::STRUCT),
                    AmendKind::Group => ("group", SymbolKind::STRUCT),
                    AmendKind::Block => ("block", SymbolKind::STRUCT),
                };
                out.push(symbol(
                    cx,
                    a.id.name.clone(),
                    Some(format!("amend {word}")),
                    kind,
                    a.span,
                    a.id.span,
                    self::items(cx, &a.items),
                ));
            }
            _ => {}
        }
    }
    out
}
