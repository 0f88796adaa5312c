//! Rule-file text → [`ast::RuleFile`]. pest types never leave this module.

pub mod ast;
mod expected;
mod lower;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/gouji.pest"]
pub(crate) struct GoujiParser;

/// Parse a rule file. Always returns a tree (possibly partial) and every syntax error found;
/// a line that cannot be parsed is reported and skipped, so one typo hides nothing else.
pub fn parse(file: FileId, text: &str) -> (ast::RuleFile, Vec<Diagnostic>) {
    lower::parse_file(file, text)
}
