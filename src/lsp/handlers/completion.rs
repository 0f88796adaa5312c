//! `textDocument/completion` in rule files: the language's keywords, and the names in scope —
//! inside a table its rows, columns, groups and blocks (also inherited ones), everywhere the
//! sections and tables of the rule set and of the rule sets it extends.

use super::Ctx;
use crate::lsp::analysis::Role;
use crate::lsp::rule_index::{Decl, DeclKind, RefKind};
use crate::syntax::ast::AmendKind;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Documentation,
    MarkupContent, MarkupKind,
};

pub use crate::syntax::KEYWORDS;

fn kind(k: DeclKind) -> CompletionItemKind {
    match k {
        DeclKind::Regulation => CompletionItemKind::MODULE,
        DeclKind::Section => CompletionItemKind::MODULE,
        DeclKind::Table => CompletionItemKind::CLASS,
        DeclKind::Block | DeclKind::Group => CompletionItemKind::STRUCT,
        DeclKind::Row => CompletionItemKind::FIELD,
        DeclKind::Column => CompletionItemKind::PROPERTY,
        DeclKind::Topic | DeclKind::Require | DeclKind::Check => CompletionItemKind::EVENT,
    }
}

fn item(d: &Decl) -> CompletionItem {
    let doc = d.doc.join("\n");
    CompletionItem {
        label: d.name.clone(),
        kind: Some(kind(d.kind)),
        detail: Some(match &d.label {
            Some(l) => format!("{} — {l}", d.kind.shown()),
            None => d.kind.shown(),
        }),
        documentation: (!doc.is_empty()).then_some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: doc,
        })),
        // Names before keywords.
        sort_text: Some(format!("0{}", d.name)),
        ..CompletionItem::default()
    }
}

pub fn completion(cx: &Ctx, p: CompletionParams) -> Option<CompletionResponse> {
    let at = p.text_document_position;
    let (file, role) = cx.file(&at.text_document.uri)?;
    if role == Role::Report {
        return None;
    }
    let offset = cx.offset(file, at.position);
    let mut items: Vec<CompletionItem> = Vec::new();
    if let Some(ix) = cx.indexes.of(file) {
        let inside = |s: crate::source::Span| s.start <= offset && offset <= s.end;
        if let Some(reg) = ix.regulations.iter().find(|r| inside(r.span)) {
            // The innermost table the cursor is in: declared here, or amended.
            let tables = ix
                .decls
                .iter()
                .filter(|d| d.kind == DeclKind::Table && inside(d.span))
                .map(|d| (d.span, d.name.clone()));
            let amended = ix
                .refs
                .iter()
                .filter(|r| r.kind == RefKind::Amend(AmendKind::Table) && inside(r.extent))
                .map(|r| (r.extent, r.name.clone()));
            let table = tables
                .chain(amended)
                .min_by_key(|(s, _)| s.end - s.start)
                .map(|(_, n)| n);
            let mut seen: Vec<(DeclKind, &str)> = Vec::new();
            for d in cx.indexes.visible(&reg.key, file) {
                let wanted = match d.kind {
                    DeclKind::Row | DeclKind::Column | DeclKind::Group | DeclKind::Block => {
                        table.is_some() && d.table == table
                    }
                    DeclKind::Section | DeclKind::Table => true,
                    _ => false,
                };
                if wanted && !seen.contains(&(d.kind, d.name.as_str())) {
                    seen.push((d.kind, &d.name));
                    items.push(item(d));
                }
            }
        }
    }
    // Keywords in both forms: the Chinese ones first (the bundled rules are written in them),
    // each with its other form as detail, so either can be typed and both are learnt.
    let zh_first = crate::i18n::current() == crate::i18n::Lang::Zh;
    items.extend(
        crate::syntax::KEYWORDS_ZH
            .iter()
            .map(|(en, zh)| CompletionItem {
                label: zh.to_string(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(crate::tr!("completion-keyword-zh", en = *en)),
                sort_text: Some(format!("{}{zh}", if zh_first { "1" } else { "2" })),
                ..CompletionItem::default()
            }),
    );
    items.extend(KEYWORDS.iter().map(|k| CompletionItem {
        label: k.to_string(),
        kind: Some(CompletionItemKind::KEYWORD),
        detail: crate::syntax::keyword_zh(k).map(|zh| crate::tr!("completion-keyword-en", zh = zh)),
        sort_text: Some(format!("{}{k}", if zh_first { "2" } else { "1" })),
        ..CompletionItem::default()
    }));
    Some(CompletionResponse::Array(items))
}
