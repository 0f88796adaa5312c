//! Plain words for grammar rules, so syntax errors never show pest's rule names.

use super::Rule;

/// What the parser expected, as the user reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    /// A keyword by its English form; shown in the form of the current language.
    Keyword(&'static str),
    /// Punctuation, shown as it is.
    Punct(&'static str),
    /// Words of the catalogue (`syntax-thing`, selected by this key).
    Words(&'static str),
}

impl Expected {
    /// In the current language: `“规定”` / `` `regulation` ``, `一个名称` / `a name`.
    pub(crate) fn shown(self) -> String {
        match self {
            Expected::Keyword(en) => crate::tr!(
                "syntax-keyword",
                en = en,
                zh = super::keyword_zh(en).unwrap_or(en)
            ),
            Expected::Punct(p) => {
                // A Chinese typist types the full-width form, and the grammar takes it.
                let shown = match (crate::i18n::current(), p) {
                    (crate::i18n::Lang::Zh, ":") => "：",
                    (crate::i18n::Lang::Zh, "(") => "（",
                    (crate::i18n::Lang::Zh, ")") => "）",
                    _ => p,
                };
                crate::tr!("syntax-punct", text = shown)
            }
            Expected::Words(key) => crate::tr!("syntax-thing", thing = key),
        }
    }
}

pub(crate) fn describe(rule: Rule) -> Option<Expected> {
    use Expected::{Keyword as K, Punct as P, Words as W};
    Some(match rule {
        Rule::EOI => W("eof"),
        Rule::colon => P(":"),
        Rule::lparen => P("("),
        Rule::rparen => P(")"),
        Rule::lbrace => P("{"),
        Rule::close => P("}"),
        Rule::regulation | Rule::kw_regulation => K("regulation"),
        Rule::ident => W("name"),
        Rule::version_name => W("version-name"),
        Rule::kw_version => K("version"),
        Rule::kw_extends => K("extends"),
        Rule::issued_by | Rule::kw_issued_by => K("issued_by"),
        Rule::title | Rule::kw_title => K("title"),
        Rule::report_years | Rule::kw_report_years => K("report_years"),
        Rule::year => W("year"),
        Rule::range_dots => P(".."),
        Rule::section | Rule::kw_section => K("section"),
        Rule::optional_flag | Rule::kw_optional => K("optional"),
        Rule::aliases | Rule::kw_aliases => K("aliases"),
        Rule::topic | Rule::kw_topic => K("topic"),
        Rule::require | Rule::kw_require => K("require"),
        Rule::req_text | Rule::kw_text | Rule::kind_text => K("text"),
        Rule::req_mention | Rule::kw_mention => K("mention"),
        Rule::table | Rule::kw_table => K("table"),
        Rule::inline_flag | Rule::kw_inline => K("inline"),
        Rule::block | Rule::kw_block => K("block"),
        Rule::group | Rule::kw_group => K("group"),
        Rule::columns | Rule::kw_columns => K("columns"),
        Rule::column | Rule::kw_column => K("column"),
        Rule::row | Rule::kw_row => K("row"),
        Rule::cell_kind => W("cell-kind"),
        Rule::kind_count | Rule::kw_count => K("count"),
        Rule::kind_signed | Rule::kw_signed => K("signed"),
        Rule::kind_amount | Rule::kw_amount => K("amount"),
        Rule::kw_precision => K("precision"),
        Rule::unit => W("unit"),
        Rule::int => W("int"),
        Rule::check | Rule::kw_check => K("check"),
        Rule::quantifier | Rule::kw_each | Rule::kw_each_row | Rule::kw_each_column => {
            W("quantifier")
        }
        Rule::severity | Rule::kw_error | Rule::kw_warning | Rule::kw_note => W("severity"),
        Rule::tolerance | Rule::kw_tolerance => K("tolerance"),
        Rule::message | Rule::kw_message => K("message"),
        Rule::code | Rule::kw_code => K("code"),
        Rule::expr => W("expr"),
        Rule::op => W("op"),
        Rule::sum | Rule::kw_sum => W("sum"),
        Rule::reference => W("reference"),
        Rule::cmp => W("cmp"),
        Rule::number => W("number"),
        Rule::string | Rule::dq_inner | Rule::cb_inner | Rule::cq_inner => W("string"),
        Rule::amend | Rule::kw_amend => K("amend"),
        Rule::amend_kind => W("amend-kind"),
        Rule::remove | Rule::kw_remove => K("remove"),
        Rule::header | Rule::kw_header => K("header"),
        Rule::example | Rule::kw_example => K("example"),
        Rule::kw_passes => K("passes"),
        // `when` also starts conditions on numbers and prose; the words name the common one.
        Rule::condition | Rule::kw_when_mentioned | Rule::kw_when => K("when mentioned"),
        Rule::kw_mentioned => W("mentioned"),
        Rule::kw_expects => K("expects"),
        Rule::code_name => W("code-name"),
        Rule::text_block | Rule::tb_inner => W("text-block"),
        Rule::doc => W("doc"),
        Rule::scaled => W("scaled"),
        Rule::factor => W("factor"),
        Rule::times => P("*"),
        Rule::divide => P("/"),
        Rule::percent => P("%"),
        Rule::when_prose => W("when-prose"),
        Rule::when_number => W("when-number"),
        Rule::zh_text => P("的文字"),
        Rule::zh_cmp => W("zh-cmp"),
        Rule::zh_chars => P("字"),
        Rule::fact | Rule::kw_fact => K("fact"),
        Rule::fact_scope | Rule::kw_in => K("in"),
        Rule::fact_or | Rule::kw_or => K("or"),
        Rule::unless | Rule::kw_unless => K("unless"),
        Rule::phrase => W("phrase"),
        Rule::report_year | Rule::kw_report_year => K("report_year"),
        Rule::previous_ref | Rule::kw_previous | Rule::example_previous => K("previous"),
        Rule::rollup | Rule::kw_rollup => K("rollup"),
        Rule::example_children | Rule::kw_children => K("children"),
        Rule::kw_min => K("min"),
        Rule::form | Rule::kw_form => K("form"),
        Rule::field | Rule::kw_field => K("field"),
        Rule::field_kind => W("field-kind"),
        Rule::kind_yesno | Rule::kw_yesno => K("yesno"),
        Rule::kind_choice | Rule::kw_choice => K("choice"),
        Rule::multiple_flag | Rule::kw_multiple => K("multiple"),
        Rule::kind_date | Rule::kw_date => K("date"),
        Rule::kw_within => K("within"),
        Rule::year_offset => W("year-offset"),
        Rule::sign => W("op"),
        Rule::month_day => W("month-day"),
        Rule::pattern | Rule::kw_pattern => K("pattern"),
        Rule::form_group => K("group"),
        Rule::group_when => W("group-when"),
        _ => return None,
    })
}
