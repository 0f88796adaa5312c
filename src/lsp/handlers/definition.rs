//! `textDocument/definition`: from a report cell (or a finding on it) to the rules that check
//! it and its row's declaration; from a row label or heading to its declaration; from a name in
//! a rule file to where it is declared, also in the rule set it `extends` (a bundled file).

use super::Ctx;
use crate::lsp::analysis::{Analysis, Role};
use crate::lsp::diagnostics::{location, without_docs};
use crate::lsp::report_index::{self, Hit as ReportHit};
use crate::lsp::rule_index::{self, Hit as RuleHit};
use crate::source::{FileId, Span};
use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

pub fn definition(cx: &Ctx, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let at = p.text_document_position_params;
    let (file, role) = cx.file(&at.text_document.uri)?;
    let offset = cx.offset(file, at.position);
    let spans = match role {
        Role::Report => report(cx, file, offset),
        _ => rules(cx, file, offset),
    };
    let mut locations: Vec<Location> = Vec::new();
    for s in spans {
        if let Some(l) = location(cx.analysis, s, cx.enc) {
            if !locations.contains(&l) {
                locations.push(l);
            }
        }
    }
    match locations.len() {
        0 => None,
        1 => locations.pop().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

/// The name `id` inside a declaration's span (rows and columns keep only the whole span).
fn name_in(a: &Analysis, span: Span, id: &str) -> Span {
    let span = without_docs(a, span);
    let text = a
        .sources
        .get(span.file)
        .text
        .get(span.start..span.end)
        .unwrap_or("");
    // Skip the keyword: the first whole-word occurrence after it.
    let after_kw = text.find(char::is_whitespace).unwrap_or(0);
    match text[after_kw..].find(id) {
        Some(i) => Span::new(
            span.file,
            span.start + after_kw + i,
            span.start + after_kw + i + id.len(),
        ),
        None => span,
    }
}

fn report(cx: &Ctx, file: FileId, offset: usize) -> Vec<Span> {
    let a = cx.analysis;
    let (Some(compiled), Some(checked)) = (a.compiled(), a.reports.get(&file)) else {
        return Vec::new();
    };
    // The rules of the findings under the cursor come first.
    let mut out: Vec<Span> = a
        .diagnostics
        .get(&file)
        .into_iter()
        .flatten()
        .filter(|d| d.primary.start <= offset && offset <= d.primary.end)
        .filter_map(|d| d.rule.map(|r| without_docs(a, r)))
        .collect();
    match report_index::hit_at(&checked.document, offset) {
        Some(ReportHit::Cell { read, cell }) => {
            if let Some(t) = report_index::table(compiled, read) {
                if out.is_empty() {
                    out.extend(
                        report_index::uses(t, read, cell.row, cell.col)
                            .iter()
                            .map(|u| without_docs(a, u.check.span)),
                    );
                }
                if let Some(row) = t.rows.get(cell.row) {
                    out.push(name_in(a, row.span, &row.id));
                }
            }
        }
        Some(ReportHit::RowLabel { read, row }) => {
            if let Some(r) = report_index::table(compiled, read).and_then(|t| t.rows.get(row)) {
                out.push(name_in(a, r.span, &r.id));
            }
        }
        Some(ReportHit::Heading { section }) => {
            if let Some(s) =
                report_index::rule_set(compiled, checked).and_then(|rs| rs.sections.get(section))
            {
                out.push(s.id_span);
            }
        }
        None => {}
    }
    out
}

fn rules(cx: &Ctx, file: FileId, offset: usize) -> Vec<Span> {
    let Some(ix) = cx.indexes.of(file) else {
        return Vec::new();
    };
    match rule_index::hit_at(ix, offset) {
        Some(RuleHit::Decl(d)) => vec![d.id_span],
        Some(RuleHit::Ref(r)) => cx
            .indexes
            .resolve(r, file)
            .map(|d| vec![d.id_span])
            .unwrap_or_default(),
        None => Vec::new(),
    }
}
