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
    // The parser's "the file ends before this … is closed" (built on this thread, in its
    // language), told by its help.
    let unclosed_help = crate::tr!("syntax-unclosed-help");
    let is_unclosed = |d: &Diagnostic| d.help.as_deref() == Some(unclosed_help.as_str());
    let unclosed = |ds: &[Diagnostic]| ds.iter().any(is_unclosed);
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
    diags.retain(|x| !is_unclosed(x));
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
    "min",
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
    ("when", "若"),
    ("fact", "正文数字"),
    ("in", "见于"),
    ("or", "或"),
    ("unless", "除非"),
    ("report_year", "报告年度"),
    ("previous", "上年"),
    ("rollup", "汇总"),
    ("children", "下级报告"),
    ("min", "至少"),
    ("form", "表单"),
    ("field", "栏目"),
    ("yesno", "是否"),
    ("choice", "选项"),
    ("multiple", "多选"),
    ("date", "日期"),
    ("within", "限于"),
    ("pattern", "格式"),
];

/// The Chinese form of an English keyword (or of `each row`, `each column`, `when mentioned`).
pub fn keyword_zh(en: &str) -> Option<&'static str> {
    KEYWORDS_ZH.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// The English form of a Chinese keyword.
pub fn keyword_en(zh: &str) -> Option<&'static str> {
    KEYWORDS_ZH.iter().find(|(_, z)| *z == zh).map(|(e, _)| *e)
}

/// Where the keywords of a rule file stand, each with its English form (`each row` for `每行`),
/// in order; `None` when the file does not parse. Only words the grammar read as keywords are
/// listed, so a column that happens to be called `金额` stays a name.
pub fn keyword_spans(text: &str) -> Option<Vec<(std::ops::Range<usize>, &'static str)>> {
    use pest::Parser;
    let pairs = GoujiParser::parse(Rule::file, text).ok()?;
    let mut out = Vec::new();
    for p in pairs.flatten() {
        let en = match p.as_rule() {
            Rule::kw_regulation => "regulation",
            Rule::kw_version => "version",
            Rule::kw_extends => "extends",
            Rule::kw_issued_by => "issued_by",
            Rule::kw_report_years => "report_years",
            Rule::kw_title => "title",
            Rule::kw_section => "section",
            Rule::kw_aliases => "aliases",
            Rule::kw_topic => "topic",
            Rule::kw_optional => "optional",
            Rule::kw_table => "table",
            Rule::kw_inline => "inline",
            Rule::kw_block => "block",
            Rule::kw_group => "group",
            Rule::kw_columns => "columns",
            Rule::kw_column => "column",
            Rule::kw_row => "row",
            Rule::kw_header => "header",
            Rule::kw_check => "check",
            Rule::kw_each => "each",
            Rule::kw_each_row => "each row",
            Rule::kw_each_column => "each column",
            Rule::kw_sum => "sum",
            Rule::kw_message => "message",
            Rule::kw_code => "code",
            Rule::kw_tolerance => "tolerance",
            Rule::kw_require => "require",
            Rule::kw_text => "text",
            Rule::kw_mention => "mention",
            Rule::kw_error => "error",
            Rule::kw_warning => "warning",
            Rule::kw_note => "note",
            Rule::kw_amend => "amend",
            Rule::kw_remove => "remove",
            Rule::kw_count => "count",
            Rule::kw_signed => "signed",
            Rule::kw_amount => "amount",
            Rule::kw_precision => "precision",
            Rule::kw_example => "example",
            Rule::kw_passes => "passes",
            Rule::kw_expects => "expects",
            Rule::kw_when => "when",
            Rule::kw_mentioned => "mentioned",
            Rule::kw_when_mentioned => "when mentioned",
            Rule::kw_fact => "fact",
            Rule::kw_in => "in",
            Rule::kw_or => "or",
            Rule::kw_unless => "unless",
            Rule::kw_report_year => "report_year",
            Rule::kw_previous => "previous",
            Rule::kw_rollup => "rollup",
            Rule::kw_children => "children",
            Rule::kw_min => "min",
            Rule::kw_form => "form",
            Rule::kw_field => "field",
            Rule::kw_yesno => "yesno",
            Rule::kw_choice => "choice",
            Rule::kw_multiple => "multiple",
            Rule::kw_date => "date",
            Rule::kw_within => "within",
            Rule::kw_pattern => "pattern",
            _ => continue,
        };
        let s = p.as_span();
        out.push((s.start()..s.end(), en));
    }
    Some(out)
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
        let block = |name: &str| -> Vec<&str> {
            let start = grammar.find(name).unwrap_or(0);
            let end = start + grammar[start..].find("\n}").unwrap_or(0);
            grammar[start..end].split('"').skip(1).step_by(2).collect()
        };
        let mut in_grammar: Vec<&str> = block("\nkeyword = @{");
        in_grammar.extend(block("\nkeyword_en = @{"));
        let mut ours: Vec<&str> = super::all_keywords().collect();
        in_grammar.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, in_grammar);
    }

    #[test]
    fn every_english_keyword_has_one_chinese_form() {
        for k in super::KEYWORDS {
            if matches!(*k, "each" | "mentioned") {
                continue;
            }
            assert!(super::keyword_zh(k).is_some(), "{k} has no Chinese form");
        }
        let mut zh: Vec<&str> = super::KEYWORDS_ZH.iter().map(|(_, z)| *z).collect();
        zh.sort_unstable();
        zh.dedup();
        assert_eq!(
            zh.len(),
            super::KEYWORDS_ZH.len(),
            "two keywords share a Chinese form"
        );
    }
}
