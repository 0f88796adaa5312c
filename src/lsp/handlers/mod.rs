//! One handler per request method; `dispatch` routes on the method name, decodes the
//! parameters and turns the handler's result into exactly one response.

mod bundled_rule_file;
mod code_action;
mod completion;
mod definition;
mod document_symbol;
mod formatting;
mod hover;

use super::analysis::{Analysis, Role};
use super::documents::Documents;
use super::position::{self, Encoding};
use super::rule_index::Indexes;
use crate::source::{FileId, Span};
use bundled_rule_file::BundledRuleFile;
use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Request as LspRequest,
};
use lsp_types::{Position, Range, Uri};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What a handler may read.
pub struct Ctx<'a> {
    pub analysis: &'a Analysis,
    pub indexes: &'a Indexes,
    pub docs: &'a Documents,
    pub enc: Encoding,
}

impl Ctx<'_> {
    /// The file a request is about, with its role.
    pub fn file(&self, uri: &Uri) -> Option<(FileId, Role)> {
        let f = self.analysis.file(uri)?;
        Some((f, self.analysis.entry(f)?.role))
    }
    pub fn offset(&self, file: FileId, pos: Position) -> usize {
        position::offset(self.analysis.sources.get(file), pos, self.enc)
    }
    pub fn range(&self, span: Span) -> Range {
        position::range(self.analysis.sources.get(span.file), span, self.enc)
    }
}

pub fn dispatch(cx: &Ctx, req: Request) -> Response {
    let id = req.id.clone();
    let method = req.method.clone();
    match catch_unwind(AssertUnwindSafe(|| route(cx, req))) {
        Ok(r) => r,
        Err(_) => Response::new_err(
            id,
            ErrorCode::InternalError as i32,
            crate::tr!("lsp-request-failed", method = method.as_str()),
        ),
    }
}

fn route(cx: &Ctx, req: Request) -> Response {
    match req.method.as_str() {
        HoverRequest::METHOD => on::<HoverRequest>(req, |p| hover::hover(cx, p)),
        GotoDefinition::METHOD => on::<GotoDefinition>(req, |p| definition::definition(cx, p)),
        Completion::METHOD => on::<Completion>(req, |p| completion::completion(cx, p)),
        DocumentSymbolRequest::METHOD => {
            on::<DocumentSymbolRequest>(req, |p| document_symbol::document_symbol(cx, p))
        }
        CodeActionRequest::METHOD => {
            on::<CodeActionRequest>(req, |p| code_action::code_action(cx, p))
        }
        Formatting::METHOD => on::<Formatting>(req, |p| formatting::formatting(cx, p)),
        BundledRuleFile::METHOD => on::<BundledRuleFile>(req, bundled_rule_file::bundled_rule_file),
        _ => Response::new_err(
            req.id,
            ErrorCode::MethodNotFound as i32,
            crate::tr!("lsp-method-unknown", method = req.method.as_str()),
        ),
    }
}

fn on<R: LspRequest>(req: Request, handler: impl FnOnce(R::Params) -> R::Result) -> Response {
    match serde_json::from_value::<R::Params>(req.params) {
        Ok(p) => Response::new_ok(req.id, handler(p)),
        Err(e) => Response::new_err(
            req.id,
            ErrorCode::InvalidParams as i32,
            format!("malformed `{}` parameters: {e}", R::METHOD),
        ),
    }
}
