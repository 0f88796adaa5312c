//! `textDocument/formatting` of rule files through [`crate::fmt::format`]: one edit replacing
//! the whole document when the formatter changes anything; nothing when the file does not
//! parse (its syntax errors are already on screen).

use super::Ctx;
use crate::lsp::analysis::Role;
use crate::lsp::position;
use crate::source::SourceFile;
use lsp_types::{DocumentFormattingParams, TextEdit};

pub fn formatting(cx: &Ctx, p: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let (file, role) = cx.file(&p.text_document.uri)?;
    if !matches!(role, Role::Governing | Role::Standalone) {
        return None;
    }
    // The editor's text exactly as typed (the analysis strips a byte-order mark).
    let text = cx
        .docs
        .get(&p.text_document.uri)
        .map(|d| d.text.as_str())
        .unwrap_or(&cx.analysis.sources.get(file).text);
    let formatted = crate::fmt::format(file, text).ok()?;
    if formatted == text {
        return Some(Vec::new());
    }
    let whole = position::whole(&SourceFile::new("", text), cx.enc);
    Some(vec![TextEdit {
        range: whole,
        new_text: formatted,
    }])
}
