//! `textDocument/codeAction`: a finding's `fix` (the computed sum for a total that does not add
//! up where exactly one cell is at fault, "did you mean" for an unknown name, the official
//! wording of a label) as a quick fix.

use super::Ctx;
use crate::lsp::diagnostics::to_lsp;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Range,
    TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

pub fn code_action(cx: &Ctx, p: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = p.text_document.uri;
    let (file, _) = cx.file(&uri)?;
    let mut actions = Vec::new();
    for d in cx.analysis.diagnostics.get(&file).into_iter().flatten() {
        let Some(fix) = &d.fix else { continue };
        if fix.span.file != file
            || !(overlaps(cx.range(d.primary), p.range) || overlaps(cx.range(fix.span), p.range))
        {
            continue;
        }
        let edit = TextEdit {
            range: cx.range(fix.span),
            new_text: fix.replacement.clone(),
        };
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(cx.analysis, d, cx.enc)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    Some(actions)
}
