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
];

/// The Chinese form of every keyword, accepted as an equal of the English one (`规定` is
/// `regulation`). `每行`, `每列` and `若提及` are one word each for two English words. The
/// bundled rule files are written in the Chinese form; `gouji fmt --keywords zh|en` converts.
pub const KEYWORDS_ZH: &[(&str, &str)] = &[
    ("regulation", "规定"),
    ("version", "版本"),
    ("extends", "继承"),
    ("issued_by", "文号"),
    ("report_years", "适用年度"),
    ("title", "标题"),
    ("section", "部分"),
    ("aliases", "别名"),
    ("topic", "要点"),
    ("optional", "可选"),
    ("table", "表"),
    ("inline", "连排"),
    ("block", "分块"),
    ("group", "组"),
    ("columns", "各列"),
    ("column", "列"),
    ("row", "行"),
    ("header", "表头"),
    ("check", "检查"),
    ("each row", "每行"),
    ("each column", "每列"),
    ("sum", "求和"),
    ("message", "提示语"),
    ("code", "代码"),
    ("tolerance", "容差"),
    ("require", "要求"),
    ("text", "文字"),
    ("mention", "提及"),
    ("error", "错误"),
    ("warning", "警告"),
    ("note", "提示"),
    ("amend", "修订"),
    ("remove", "删除"),
    ("count", "计数"),
    ("signed", "可负"),
    ("amount", "金额"),
    ("precision", "精度"),
    ("example", "示例"),
    ("passes", "应通过"),
    ("expects", "应报"),
    ("when mentioned", "若提及"),
];

/// The Chinese form of an English keyword (or of `each row`, `each column`, `when mentioned`).
pub fn keyword_zh(en: &str) -> Option<&'static str> {
    KEYWORDS_ZH.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// The English form of a Chinese keyword.
pub fn keyword_en(zh: &str) -> Option<&'static str> {
    KEYWORDS_ZH.iter().find(|(_, z)| *z == zh).map(|(e, _)| *e)
}

/// Every keyword in both forms, for the editor: English words and Chinese words.
pub fn all_keywords() -> impl Iterator<Item = &'static str> {
    KEYWORDS
        .iter()
        .copied()
        .chain(KEYWORDS_ZH.iter().map(|(_, z)| *z))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_keyword_list_is_the_grammars() {
        let grammar = include_str!("../../grammar/gouji.pest");
        let start = grammar.find("keyword = @{").unwrap_or(0);
        let end = start + grammar[start..].find('}').unwrap_or(0);
        let mut in_grammar: Vec<&str> = grammar[start..end].split('"').skip(1).step_by(2).collect();
        let mut ours: Vec<&str> = super::all_keywords().collect();
        in_grammar.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, in_grammar);
    }

    #[test]
    fn every_english_keyword_has_one_chinese_form() {
        for k in super::KEYWORDS {
            if matches!(*k, "each" | "when" | "mentioned") {
                continue;
            }
            assert!(super::keyword_zh(k).is_some(), "{k} has no Chinese form");
        }
        let mut zh: Vec<&str> = super::KEYWORDS_ZH.iter().map(|(_, z)| *z).collect();
        zh.sort_unstable();
        zh.dedup();
        assert_eq!(zh.len(), super::KEYWORDS_ZH.len(), "two keywords share a Chinese form");
    }
}
