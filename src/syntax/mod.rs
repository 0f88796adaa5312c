//! Rule-file text → [`ast::RuleFile`]. pest types never leave this module.

pub mod ast;
mod expected;
mod lower;
mod recover;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/gouji.pest"]
pub(crate) struct GoujiParser;

/// Parse a rule file. Always returns a tree (possibly partial) and every syntax error found;
/// a line that cannot be parsed is reported and skipped, so one typo hides nothing else.
pub fn parse(file: FileId, text: &str) -> (ast::RuleFile, Vec<Diagnostic>) {
    let (tree, diags) = lower::parse_file(file, text);
    let unclosed = |ds: &[Diagnostic]| {
        ds.iter()
            .any(|d| d.message.starts_with("the file ends before"))
    };
    if !unclosed(&diags) {
        return (tree, diags);
    }
    // A `}` is missing: say where (by the indentation), and read the rest in its real place.
    let Some(missing) = recover::missing_close(text) else {
        return (tree, diags);
    };
    let d = missing.diagnostic(file, text);
    if let Some(patched) = &missing.patched {
        let (tree2, mut diags2) = lower::parse_file(file, patched);
        if !unclosed(&diags2) {
            diags2.push(d);
            crate::diagnostic::sort(&mut diags2);
            return (tree2, diags2);
        }
    }
    let mut diags = diags;
    diags.retain(|x| !x.message.starts_with("the file ends before"));
    diags.push(d);
    crate::diagnostic::sort(&mut diags);
    (tree, diags)
}

/// Every keyword of the rules language (the `keyword` rule of grammar/gouji.pest; a test keeps
/// the two in step). The formatter and editor completion use it.
pub const KEYWORDS: &[&str] = &[
    "regulation",
    "version",
    "extends",
    "issued_by",
    "report_years",
    "title",
    "section",
    "aliases",
    "topic",
    "optional",
    "table",
    "inline",
    "block",
    "group",
    "columns",
    "column",
    "row",
    "header",
    "check",
    "each",
    "sum",
    "message",
    "code",
    "tolerance",
    "require",
    "text",
    "mention",
    "error",
    "warning",
    "note",
    "amend",
    "remove",
    "count",
    "signed",
    "amount",
    "precision",
    "example",
    "passes",
    "expects",
    "when",
    "mentioned",
    "fact",
    "in",
    "or",
    "unless",
    "report_year",
    "previous",
    "rollup",
    "children",
    "form",
    "field",
    "yesno",
    "choice",
    "multiple",
    "date",
    "within",
    "pattern",
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_keyword_list_is_the_grammars() {
        let grammar = include_str!("../../grammar/gouji.pest");
        let start = grammar.find("keyword = @{").unwrap_or(0);
        let end = start + grammar[start..].find('}').unwrap_or(0);
        let mut in_grammar: Vec<&str> = grammar[start..end].split('"').skip(1).step_by(2).collect();
        let mut ours: Vec<&str> = super::KEYWORDS.to_vec();
        in_grammar.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, in_grammar);
    }
}
