//! pest pairs → owned AST, one `lower_<rule>` function per grammar rule.

use super::ast::*;
use super::expected::{describe, Expected};
use super::{GoujiParser, Rule};
use crate::diagnostic::{excerpt, Code, Diagnostic, Severity};
use crate::source::{FileId, Span};
use pest::iterators::Pair;
use pest::Parser;

struct Lowerer<'t> {
    file: FileId,
    text: &'t str,
    diags: Vec<Diagnostic>,
}

#[derive(Clone, Copy)]
enum Context {
    Top,
    Regulation,
    Section,
    Table,
    Amend,
    Form,
}

/// The deepest nesting of `{ … }` a rule file may have. The bundled rules nest five deep; the
/// parser and the lowering recurse once per level, so a hostile file nested thousands deep would
/// overflow the stack.
pub const MAX_NESTING: usize = 64;

pub(crate) fn parse_file(file: FileId, text: &str) -> (RuleFile, Vec<Diagnostic>) {
    let mut l = Lowerer {
        file,
        text,
        diags: Vec::new(),
    };
    if let Some(at) = too_deep(text) {
        let d = Diagnostic::of(
            Code::TooDeep,
            crate::tr!("syntax-too-deep", max = MAX_NESTING),
            Span::new(file, at, at + 1),
        )
        .with_primary_message(crate::tr!("syntax-too-deep-here", level = MAX_NESTING + 1))
        .with_note(crate::tr!("syntax-too-deep-note", max = MAX_NESTING));
        l.diags.push(d);
        return (RuleFile::default(), l.diags);
    }
    let tree = match GoujiParser::parse(Rule::file, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(p) => l.lower_file(p),
            None => RuleFile::default(),
        },
        Err(e) => {
            let (d, _) = l.pest_error(e, 0);
            l.diags.push(d);
            RuleFile::default()
        }
    };
    (tree, l.diags)
}

impl<'t> Lowerer<'t> {
    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    /// The span of an item without the `///` comments above it.
    fn item_span(&self, p: &Pair<Rule>) -> Span {
        let start = p
            .clone()
            .into_inner()
            .find(|c| c.as_rule() != Rule::doc)
            .map(|c| c.as_span().start())
            .unwrap_or(p.as_span().start());
        Span::new(self.file, start, p.as_span().end())
    }

    fn ident(&self, p: Pair<Rule>) -> Ident {
        Ident {
            name: p.as_str().to_string(),
            span: self.span(&p),
        }
    }

    fn string(&self, p: Pair<Rule>) -> Str {
        let span = self.span(&p);
        let raw = p
            .into_inner()
            .next()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default();
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(o) => value.push(o),
                    None => {}
                }
            } else {
                value.push(c);
            }
        }
        Str { value, span }
    }

    fn doc(&self, p: &Pair<Rule>) -> Option<String> {
        (p.as_rule() == Rule::doc).then(|| {
            p.clone()
                .into_inner()
                .next()
                .map(|t| t.as_str().trim().to_string())
                .unwrap_or_default()
        })
    }

    fn lower_file(&mut self, p: Pair<'t, Rule>) -> RuleFile {
        let mut out = RuleFile::default();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::regulation => {
                    if let Some(r) = self.lower_regulation(c) {
                        out.regulations.push(r);
                    }
                }
                Rule::bad_line | Rule::bad_block => self.bad_line(c, Context::Top),
                Rule::stray_close => {
                    let d = Diagnostic::of(
                        Code::SyntaxError,
                        crate::tr!("syntax-stray-close"),
                        self.span(&c),
                    )
                    .with_primary_message(crate::tr!("syntax-stray-close-here"))
                    .with_help(crate::tr!("syntax-stray-close-help"));
                    self.diags.push(d);
                }
                _ => {}
            }
        }
        out
    }

    fn lower_regulation(&mut self, p: Pair<'t, Rule>) -> Option<Regulation> {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut name = None;
        let mut version = None;
        let mut extends = None;
        let mut issued_by = None;
        let mut title = None;
        let mut years = None;
        let mut items = Vec::new();
        let mut after_extends = false;
        let mut after_version = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => name = Some(self.ident(c)),
                Rule::kw_version => after_version = true,
                Rule::kw_extends => after_extends = true,
                Rule::version_name => {
                    let id = self.ident(c);
                    if after_extends {
                        extends = Some(id);
                    } else if after_version {
                        version = Some(id);
                    }
                }
                Rule::issued_by => {
                    issued_by = c
                        .into_inner()
                        .find(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s))
                }
                Rule::title => {
                    title = c
                        .into_inner()
                        .find(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s))
                }
                Rule::report_years => years = self.lower_years(c),
                Rule::close => self.close(c, "regulation"),
                _ => {
                    if let Some(i) = self.lower_item(c, Context::Regulation) {
                        items.push(i);
                    }
                }
            }
        }
        Some(Regulation {
            doc,
            name: name?,
            version,
            extends,
            issued_by,
            title,
            years,
            items,
            span,
        })
    }

    fn lower_years(&mut self, p: Pair<'t, Rule>) -> Option<YearRange> {
        let span = self.span(&p);
        let mut years = Vec::new();
        let mut dots = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::year => years.push(c.as_str().parse::<u32>().ok()?),
                Rule::range_dots => dots = true,
                _ => {}
            }
        }
        let from = *years.first()?;
        let to = if dots {
            years.get(1).copied()
        } else {
            Some(from)
        };
        Some(YearRange { from, to, span })
    }

    fn close(&mut self, p: Pair<Rule>, what: &str) {
        if p.into_inner()
            .next()
            .is_some_and(|i| i.as_rule() == Rule::missing_close)
        {
            let end = self.text.len();
            let d = Diagnostic::of(
                Code::SyntaxError,
                crate::tr!("syntax-unclosed", what = what),
                Span::new(self.file, end, end),
            )
            .with_primary_message(crate::tr!("syntax-unclosed-here"))
            .with_help(crate::tr!("syntax-unclosed-help"));
            self.diags.push(d);
        }
    }

    fn lower_item(&mut self, c: Pair<'t, Rule>, ctx: Context) -> Option<Item> {
        Some(match c.as_rule() {
            Rule::section => Item::Section(self.lower_section(c)?),
            Rule::header => Item::Header(
                c.into_inner()
                    .filter(|i| i.as_rule() == Rule::string)
                    .map(|s| self.string(s))
                    .collect(),
            ),
            Rule::aliases => Item::Aliases(
                c.into_inner()
                    .filter(|i| i.as_rule() == Rule::string)
                    .map(|s| self.string(s))
                    .collect(),
            ),
            Rule::topic => Item::Topic(self.lower_topic(c)?),
            Rule::require => Item::Require(self.lower_require(c)),
            Rule::table => Item::Table(self.lower_table(c)?),
            Rule::block => Item::Block(self.lower_container(c, "block")?),
            Rule::group => Item::Group(self.lower_container(c, "group")?),
            Rule::columns => {
                let span = self.span(&c);
                let mut ids = Vec::new();
                let mut kind = None;
                for i in c.into_inner() {
                    match i.as_rule() {
                        Rule::ident => ids.push(self.ident(i)),
                        Rule::cell_kind => kind = Some(self.lower_kind(i)),
                        _ => {}
                    }
                }
                Item::Columns(ids, kind, span)
            }
            Rule::column => Item::Column(self.lower_column(c)?),
            Rule::row => Item::Row(self.lower_row(c)?),
            Rule::check => Item::Check(self.lower_check(c)?),
            Rule::fact => Item::Fact(self.lower_fact(c)?),
            Rule::rollup => Item::Rollup(self.lower_rollup(c)),
            Rule::example => Item::Example(self.lower_example(c)?),
            Rule::amend => Item::Amend(self.lower_amend(c)?),
            Rule::form => Item::Form(self.lower_form(c)?),
            Rule::field => Item::Field(self.lower_field(c)?),
            Rule::form_group => Item::FormGroup(self.lower_form_group(c)?),
            Rule::remove => Item::Remove(
                c.into_inner()
                    .find(|i| i.as_rule() == Rule::ident)
                    .map(|i| self.ident(i))?,
            ),
            Rule::bad_line | Rule::bad_block => {
                self.bad_line(c, ctx);
                return None;
            }
            _ => return None,
        })
    }

    fn head(
        &mut self,
        p: Pair<'t, Rule>,
    ) -> (Vec<String>, Option<Ident>, Option<Str>, Vec<Pair<'t, Rule>>) {
        let mut doc = Vec::new();
        let mut id = None;
        let mut label = None;
        let mut rest = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident if id.is_none() => id = Some(self.ident(c)),
                Rule::string if label.is_none() => label = Some(self.string(c)),
                _ => rest.push(c),
            }
        }
        (doc, id, label, rest)
    }

    fn lower_section(&mut self, p: Pair<'t, Rule>) -> Option<Section> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut optional = false;
        let mut items = Vec::new();
        for c in rest {
            match c.as_rule() {
                Rule::optional_flag => optional = true,
                Rule::close => self.close(c, "section"),
                _ => items.extend(self.lower_item(c, Context::Section)),
            }
        }
        Some(Section {
            doc,
            id: id?,
            label,
            optional,
            items,
            span,
        })
    }

    fn lower_topic(&mut self, p: Pair<'t, Rule>) -> Option<Topic> {
        let span = self.item_span(&p);
        let (doc, id, label, _) = self.head(p);
        Some(Topic {
            doc,
            id: id?,
            label,
            span,
        })
    }

    fn lower_require(&mut self, p: Pair<'t, Rule>) -> Require {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut kind = RequireKind::Text(None);
        let mut opts = CheckOpts::default();
        let mut id = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => id = Some(self.ident(c)),
                Rule::req_text => {
                    if let Some(n) = c.into_inner().find(|i| i.as_rule() == Rule::number) {
                        let span = self.span(&n);
                        kind = RequireKind::Text(Some((
                            n.as_str().parse().unwrap_or(usize::MAX),
                            span,
                        )));
                    }
                }
                Rule::req_mention => {
                    kind = RequireKind::Mention(
                        c.into_inner()
                            .filter(|i| i.as_rule() == Rule::string)
                            .map(|s| self.string(s))
                            .collect(),
                    )
                }
                _ => self.lower_opt(c, &mut opts),
            }
        }
        Require {
            doc,
            id,
            kind,
            opts,
            span,
        }
    }

    fn lower_table(&mut self, p: Pair<'t, Rule>) -> Option<Table> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut inline = false;
        let mut items = Vec::new();
        for c in rest {
            match c.as_rule() {
                Rule::inline_flag => inline = true,
                Rule::close => self.close(c, "table"),
                _ => items.extend(self.lower_item(c, Context::Table)),
            }
        }
        Some(Table {
            doc,
            id: id?,
            label,
            inline,
            items,
            span,
        })
    }

    fn lower_container(&mut self, p: Pair<'t, Rule>, what: &str) -> Option<Container> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut items = Vec::new();
        for c in rest {
            match c.as_rule() {
                Rule::close => self.close(c, what),
                _ => items.extend(self.lower_item(c, Context::Table)),
            }
        }
        Some(Container {
            doc,
            id: id?,
            label,
            items,
            span,
        })
    }

    fn lower_form(&mut self, p: Pair<'t, Rule>) -> Option<Form> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut items = Vec::new();
        for c in rest {
            match c.as_rule() {
                Rule::close => self.close(c, "form"),
                _ => items.extend(self.lower_item(c, Context::Form)),
            }
        }
        Some(Form {
            doc,
            id: id?,
            label,
            items,
            span,
        })
    }

    fn lower_form_group(&mut self, p: Pair<'t, Rule>) -> Option<FormGroup> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut items = Vec::new();
        let mut when = None;
        for c in rest {
            match c.as_rule() {
                Rule::close => self.close(c, "group"),
                Rule::group_when => {
                    let wspan = self.span(&c);
                    let mut field = None;
                    let mut cmp = Cmp::Eq;
                    let mut value = None;
                    for i in c.into_inner() {
                        match i.as_rule() {
                            Rule::ident => field = Some(self.ident(i)),
                            Rule::cmp => cmp = cmp_of(i.as_str()),
                            Rule::string => value = Some(self.string(i)),
                            _ => {}
                        }
                    }
                    if let (Some(field), Some(value)) = (field, value) {
                        when = Some(GroupWhen {
                            field,
                            cmp,
                            value,
                            span: wspan,
                        });
                    }
                }
                _ => items.extend(self.lower_item(c, Context::Form)),
            }
        }
        Some(FormGroup {
            doc,
            id: id?,
            label,
            when,
            items,
            span,
        })
    }

    fn lower_field(&mut self, p: Pair<'t, Rule>) -> Option<Field> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let mut kind = FieldKind::Count;
        let mut optional = false;
        let mut pattern = None;
        let mut opts = CheckOpts::default();
        for c in rest {
            match c.as_rule() {
                Rule::field_kind => {
                    if let Some(k) = c.into_inner().next() {
                        kind = self.lower_field_kind(k);
                    }
                }
                Rule::optional_flag => optional = true,
                Rule::pattern => {
                    pattern = c
                        .into_inner()
                        .find(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s))
                }
                _ => self.lower_opt(c, &mut opts),
            }
        }
        Some(Field {
            doc,
            id: id?,
            label,
            kind,
            optional,
            pattern,
            opts,
            span,
        })
    }

    fn lower_field_kind(&mut self, k: Pair<'t, Rule>) -> FieldKind {
        match k.as_rule() {
            Rule::kind_text => FieldKind::Text,
            Rule::kind_yesno => FieldKind::YesNo,
            Rule::kind_choice => {
                let mut multiple = false;
                let mut options = Vec::new();
                for i in k.into_inner() {
                    match i.as_rule() {
                        Rule::multiple_flag => multiple = true,
                        Rule::string => options.push(self.string(i)),
                        _ => {}
                    }
                }
                FieldKind::Choice { multiple, options }
            }
            Rule::kind_date => {
                let span = self.span(&k);
                let mut offset = 0i32;
                let mut days = Vec::new();
                let mut windowed = false;
                for i in k.into_inner() {
                    match i.as_rule() {
                        Rule::kw_within => windowed = true,
                        Rule::year_offset => {
                            let mut neg = false;
                            for j in i.into_inner() {
                                match j.as_rule() {
                                    Rule::sign => neg = j.as_str() == "-",
                                    Rule::int => {
                                        let n: i32 = j.as_str().parse().unwrap_or(0);
                                        offset = if neg { -n } else { n };
                                    }
                                    _ => {}
                                }
                            }
                        }
                        Rule::month_day => {
                            let mut parts = i.as_str().split('-');
                            let m = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
                            let d = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
                            days.push((m, d));
                        }
                        _ => {}
                    }
                }
                let window = (windowed && days.len() == 2).then(|| DateWindow {
                    year_offset: offset,
                    from: days[0],
                    to: days[1],
                    span,
                });
                FieldKind::Date(window)
            }
            _ => FieldKind::Count,
        }
    }

    fn lower_kind(&mut self, p: Pair<'t, Rule>) -> CellKind {
        let Some(k) = p.into_inner().next() else {
            return CellKind::Count;
        };
        match k.as_rule() {
            Rule::kind_signed => CellKind::Signed,
            Rule::kind_text => CellKind::Text,
            Rule::kind_amount => {
                let mut unit = None;
                let mut precision = None;
                for i in k.into_inner() {
                    match i.as_rule() {
                        Rule::unit => {
                            unit = Some(Str {
                                value: i.as_str().to_string(),
                                span: self.span(&i),
                            })
                        }
                        Rule::int => precision = i.as_str().parse().ok(),
                        _ => {}
                    }
                }
                CellKind::Amount { unit, precision }
            }
            _ => CellKind::Count,
        }
    }

    fn lower_column(&mut self, p: Pair<'t, Rule>) -> Option<Column> {
        let span = self.item_span(&p);
        let (doc, id, label, rest) = self.head(p);
        let kind = rest
            .into_iter()
            .find(|c| c.as_rule() == Rule::cell_kind)
            .map(|c| self.lower_kind(c));
        Some(Column {
            doc,
            id: id?,
            label,
            kind,
            span,
        })
    }

    fn lower_row(&mut self, p: Pair<'t, Rule>) -> Option<Row> {
        let span = self.item_span(&p);
        let (doc, id, label, _) = self.head(p);
        Some(Row {
            doc,
            id: id?,
            label,
            span,
        })
    }

    fn lower_opt(&mut self, c: Pair<'t, Rule>, opts: &mut CheckOpts) {
        let span = self.span(&c);
        match c.as_rule() {
            Rule::severity => {
                let sev = match c.into_inner().next().map(|i| i.as_rule()) {
                    Some(Rule::kw_error) => Severity::Error,
                    Some(Rule::kw_note) => Severity::Note,
                    _ => Severity::Warning,
                };
                opts.severity = Some((sev, span));
            }
            Rule::tolerance => {
                let v = c
                    .into_inner()
                    .find(|i| i.as_rule() == Rule::number)
                    .and_then(|n| n.as_str().parse().ok())
                    .unwrap_or(0.0);
                opts.tolerance = Some((v, span));
            }
            Rule::message => {
                opts.message = c
                    .into_inner()
                    .find(|i| i.as_rule() == Rule::string)
                    .map(|s| self.string(s))
            }
            Rule::code => {
                opts.code = c
                    .into_inner()
                    .find(|i| i.as_rule() == Rule::string)
                    .map(|s| self.string(s))
            }
            _ => {}
        }
    }

    fn lower_check(&mut self, p: Pair<'t, Rule>) -> Option<Check> {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut id = None;
        let mut quantifier = None;
        let mut when = Vec::new();
        let mut guard = None;
        let mut exprs = Vec::new();
        let mut cmp = Cmp::Eq;
        let mut opts = CheckOpts::default();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => id = Some(self.ident(c)),
                Rule::quantifier => {
                    quantifier = Some(
                        if c.into_inner()
                            .any(|i| matches!(i.as_rule(), Rule::kw_row | Rule::kw_each_row))
                        {
                            Quantifier::EachRow
                        } else {
                            Quantifier::EachColumn
                        },
                    )
                }
                Rule::expr => exprs.push(self.lower_expr(c)),
                Rule::condition => {
                    when = c
                        .into_inner()
                        .filter(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s))
                        .collect()
                }
                Rule::cmp => cmp = cmp_of(c.as_str()),
                Rule::when_prose | Rule::when_number => guard = self.lower_guard(c).map(Box::new),
                _ => self.lower_opt(c, &mut opts),
            }
        }
        let rhs = exprs.pop()?;
        let lhs = exprs.pop()?;
        Some(Check {
            doc,
            id,
            quantifier,
            when,
            guard,
            lhs,
            cmp,
            rhs,
            opts,
            span,
        })
    }

    fn lower_fact(&mut self, p: Pair<'t, Rule>) -> Option<Fact> {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut id = None;
        let mut scope = Vec::new();
        let mut phrases = Vec::new();
        let mut options = Vec::new();
        let mut unless = Vec::new();
        let mut cmp = Cmp::Eq;
        let mut opts = CheckOpts::default();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => id = Some(self.ident(c)),
                Rule::fact_scope => scope.extend(
                    c.into_inner()
                        .filter(|i| i.as_rule() == Rule::ident)
                        .map(|i| self.ident(i)),
                ),
                Rule::phrase => phrases.extend(
                    c.into_inner()
                        .filter(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s)),
                ),
                Rule::expr => options.push(self.lower_expr(c)),
                Rule::unless => unless.extend(
                    c.into_inner()
                        .filter(|i| i.as_rule() == Rule::string)
                        .map(|s| self.string(s)),
                ),
                Rule::cmp => cmp = cmp_of(c.as_str()),
                _ => self.lower_opt(c, &mut opts),
            }
        }
        Some(Fact {
            doc,
            id: id?,
            scope,
            phrases,
            cmp,
            options,
            unless,
            opts,
            span,
        })
    }

    /// `when text(四) < 10` or `when 复议.总计 > 0`.
    fn lower_guard(&mut self, p: Pair<'t, Rule>) -> Option<Guard> {
        let span = self.span(&p);
        let prose = p.as_rule() == Rule::when_prose;
        let mut section = None;
        let mut chars = 0;
        let mut exprs = Vec::new();
        let mut cmp = Cmp::Eq;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => section = Some(self.ident(c)),
                Rule::int => chars = c.as_str().parse().unwrap_or(u32::MAX),
                Rule::cmp => cmp = cmp_of(c.as_str()),
                Rule::zh_cmp => {
                    cmp = match c.as_str() {
                        "不少于" => Cmp::Ge,
                        "不多于" => Cmp::Le,
                        "少于" => Cmp::Lt,
                        "多于" => Cmp::Gt,
                        _ => Cmp::Eq,
                    }
                }
                Rule::expr => exprs.push(self.lower_expr(c)),
                _ => {}
            }
        }
        if prose {
            return Some(Guard::Prose {
                section: section?,
                cmp,
                chars,
                span,
            });
        }
        let rhs = exprs.pop()?;
        let lhs = exprs.pop()?;
        Some(Guard::Compare {
            lhs,
            cmp,
            rhs,
            span,
        })
    }

    /// `2 * 新收`, `新收 / 2`, `50% * 总计`: the term and its constant factors.
    fn lower_scaled(&mut self, p: Pair<'t, Rule>) -> Option<Term> {
        let span = self.span(&p);
        let mut base = None;
        let mut scale = Scale::ONE;
        let mut dividing = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::times => dividing = false,
                Rule::divide => dividing = true,
                Rule::factor => {
                    let text = c.as_str();
                    let percent = text.ends_with('%') || text.ends_with('％');
                    let digits = text.trim_end_matches(['%', '％']);
                    let mut v: f64 = digits.parse().unwrap_or(0.0);
                    if percent {
                        v /= 100.0;
                    }
                    if dividing {
                        scale.div *= v;
                    } else {
                        scale.mul *= v;
                    }
                }
                _ => {
                    let mut one = self.lower_terms(vec![c]);
                    base = one.pop().map(|(_, t)| t);
                }
            }
        }
        Some(Term::Scaled(Box::new(base?), scale, span))
    }

    fn lower_expr(&mut self, p: Pair<'t, Rule>) -> Expr {
        let span = self.span(&p);
        let terms = self.lower_terms(p.into_inner().collect());
        Expr { terms, span }
    }

    fn lower_terms(&mut self, pairs: Vec<Pair<'t, Rule>>) -> Vec<(bool, Term)> {
        let mut terms = Vec::new();
        let mut minus = false;
        for c in pairs {
            let s = self.span(&c);
            match c.as_rule() {
                Rule::scaled => {
                    if let Some(t) = self.lower_scaled(c) {
                        terms.push((minus, t));
                    }
                    minus = false;
                }
                Rule::op => minus = matches!(c.as_str(), "-" | "－"),
                Rule::number => {
                    terms.push((minus, Term::Number(c.as_str().parse().unwrap_or(0.0), s)));
                    minus = false;
                }
                Rule::report_year => {
                    terms.push((minus, Term::ReportYear(s)));
                    minus = false;
                }
                Rule::previous_ref => {
                    let path = c
                        .into_inner()
                        .filter(|i| i.as_rule() == Rule::ident)
                        .map(|i| self.ident(i))
                        .collect();
                    terms.push((minus, Term::Previous(path, s)));
                    minus = false;
                }
                Rule::reference => {
                    let path = c.into_inner().map(|i| self.ident(i)).collect();
                    terms.push((minus, Term::Ref(path, s)));
                    minus = false;
                }
                Rule::sum => {
                    let path = c
                        .into_inner()
                        .find(|i| i.as_rule() == Rule::reference)
                        .map(|r| r.into_inner().map(|i| self.ident(i)).collect())
                        .unwrap_or_default();
                    terms.push((minus, Term::Sum(path, s)));
                    minus = false;
                }
                _ => {}
            }
        }
        terms
    }

    fn lower_example(&mut self, p: Pair<'t, Rule>) -> Option<Example> {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut id = None;
        let mut codes = Vec::new();
        let mut passes = false;
        let mut text = None;
        let mut previous = None;
        let mut children = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => id = Some(self.ident(c)),
                Rule::kw_passes => passes = true,
                Rule::code_name => codes.push(self.ident(c)),
                Rule::text_block => text = Some(self.text_block(c)),
                Rule::example_previous => {
                    previous = c
                        .into_inner()
                        .find(|i| i.as_rule() == Rule::text_block)
                        .map(|t| self.text_block(t))
                }
                Rule::example_children => children.extend(
                    c.into_inner()
                        .filter(|i| i.as_rule() == Rule::text_block)
                        .map(|t| self.text_block(t)),
                ),
                _ => {}
            }
        }
        Some(Example {
            doc,
            id: id?,
            expects: (!passes).then_some(codes),
            text: text?,
            previous,
            children,
            span,
        })
    }

    fn text_block(&self, c: Pair<'t, Rule>) -> Str {
        let inner = c
            .into_inner()
            .next()
            .map(|i| (i.as_str().to_string(), i.as_span().start()))
            .unwrap_or_default();
        Str {
            value: dedent(&inner.0),
            span: Span::new(self.file, inner.1, inner.1 + inner.0.len()),
        }
    }

    fn lower_rollup(&mut self, p: Pair<'t, Rule>) -> Rollup {
        let span = self.item_span(&p);
        let mut doc = Vec::new();
        let mut id = None;
        let mut opts = CheckOpts::default();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc => doc.extend(self.doc(&c)),
                Rule::ident => id = Some(self.ident(c)),
                Rule::kw_rollup => {}
                _ => self.lower_opt(c, &mut opts),
            }
        }
        Rollup {
            doc,
            id,
            opts,
            span,
        }
    }

    fn lower_amend(&mut self, p: Pair<'t, Rule>) -> Option<Amend> {
        let span = self.span(&p);
        let mut kind = AmendKind::Section;
        let mut id = None;
        let mut items = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::amend_kind => {
                    kind = match c.into_inner().next().map(|i| i.as_rule()) {
                        Some(Rule::kw_table) => AmendKind::Table,
                        Some(Rule::kw_group) => AmendKind::Group,
                        Some(Rule::kw_block) => AmendKind::Block,
                        _ => AmendKind::Section,
                    }
                }
                Rule::ident if id.is_none() => id = Some(self.ident(c)),
                Rule::close => self.close(c, "amend"),
                Rule::kw_amend => {}
                _ => items.extend(self.lower_item(c, Context::Amend)),
            }
        }
        Some(Amend {
            kind,
            id: id?,
            items,
            span,
        })
    }

    /// A line `bad_line` swallowed: re-read it with the probe for its context to say what was expected.
    fn bad_line(&mut self, p: Pair<'t, Rule>, ctx: Context) {
        let start = p.as_span().start();
        // A `///` line documents the item after it: when that item cannot be read, the error
        // is reported on the item's own line (the next bad line), not on the comment.
        if p.as_str().trim_start().starts_with("///") {
            let after = self.text[p.as_span().end()..].trim_start();
            if !after.is_empty() && !after.starts_with('}') {
                return;
            }
        }
        let probe = match ctx {
            Context::Top => Rule::probe_top,
            Context::Regulation => Rule::probe_reg_item,
            Context::Section => Rule::probe_section_item,
            Context::Table => Rule::probe_table_item,
            Context::Amend => Rule::probe_amend_item,
            Context::Form => Rule::probe_form_item,
        };
        let rest = &self.text[start..];
        let (d, at_line_end) = match GoujiParser::parse(probe, rest) {
            Err(e) => self.pest_error(e, start),
            Ok(_) => (
                Diagnostic::of(
                    Code::SyntaxError,
                    crate::tr!("syntax-line-unreadable"),
                    self.span(&p),
                ),
                None,
            ),
        };
        // Clamp the error to the swallowed line so it points where the reader looks.
        let mut d = d;
        let line_end = p.as_span().end().max(start + 1).min(self.text.len());
        if d.primary.start > line_end {
            // What was expected should have come at the end of this line.
            let end = start + self.text[start..p.as_span().end()].trim_end().len();
            d.primary = Span::new(self.file, end, end);
            if let Some(m) = at_line_end {
                d.message = m;
            }
        }
        self.diags.push(d);
    }

    /// The error in words, and its headline for when the expected thing belonged at the end of
    /// the line (when there is one).
    fn pest_error(
        &self,
        e: pest::error::Error<Rule>,
        offset: usize,
    ) -> (Diagnostic, Option<String>) {
        use pest::error::{ErrorVariant, InputLocation};
        let (s, e_) = match e.location {
            InputLocation::Pos(p) => (p, p),
            InputLocation::Span((a, b)) => (a, b),
        };
        let start = offset + s;
        let mut end = offset + e_;
        // Point at the offending token (up to the next blank), not at an empty place.
        if end <= start {
            let tail = &self.text[start..];
            let len = tail
                .char_indices()
                .find(|(_, c)| c.is_whitespace())
                .map(|(i, _)| i)
                .unwrap_or(tail.len());
            end = start + len.max(tail.chars().next().map(char::len_utf8).unwrap_or(0));
        }
        let found = self.text[start..end].trim();
        let (expected, unexpected) = match &e.variant {
            ErrorVariant::ParsingError {
                positives,
                negatives,
            } => (words(positives), words(negatives)),
            ErrorVariant::CustomError { .. } => (vec![], vec![]),
        };
        let what = if found.is_empty() {
            Expected::Words("eof").shown()
        } else {
            crate::tr!("syntax-found", text = excerpt(found).into_owned())
        };
        let line_rest = self.text[start..].lines().next().unwrap_or("");
        if (line_rest.starts_with('"') && line_rest[1..].find('"').is_none())
            || (line_rest.starts_with('「') && !line_rest.contains('」'))
        {
            let close = if line_rest.starts_with('"') {
                "\""
            } else {
                "」"
            };
            let end = start + line_rest.trim_end().len();
            return (
                Diagnostic::of(
                    Code::SyntaxError,
                    crate::tr!(
                        "syntax-label-not-closed",
                        label = excerpt(line_rest.trim_end()).into_owned()
                    ),
                    Span::new(self.file, start, end),
                )
                .with_primary_message(crate::tr!("syntax-label-not-closed-here", close = close)),
                None,
            );
        }
        // Many keywords possible: the line starts with a word that is none of them.
        let many = expected.len() > 4 && expected.iter().all(|e| matches!(e, Expected::Keyword(_)));
        let expected_words = join_or(&expected);
        let message = if expected.is_empty() {
            crate::tr!("syntax-unexpected", found = what.as_str())
        } else if many {
            crate::tr!("syntax-cannot-start-line", found = what.as_str())
        } else {
            crate::tr!(
                "syntax-expected-found",
                expected = expected_words.as_str(),
                found = what.as_str()
            )
        };
        let at_line_end = (!expected.is_empty() && !many).then(|| {
            crate::tr!(
                "syntax-expected-at-line-end",
                expected = expected_words.as_str()
            )
        });
        let mut d = Diagnostic::of(Code::SyntaxError, message, Span::new(self.file, start, end))
            .with_primary_message(if expected.is_empty() {
                crate::tr!("syntax-not-expected-here")
            } else if many {
                crate::tr!("syntax-not-a-keyword-here")
            } else {
                crate::tr!("syntax-expected-here", expected = expected_words.as_str())
            });
        if many {
            d = d.with_note(crate::tr!(
                "syntax-line-starts-with",
                expected = expected_words.as_str()
            ));
        }
        if !unexpected.is_empty() {
            d = d.with_note(crate::tr!(
                "syntax-cannot-stand-here",
                unexpected = join_or(&unexpected)
            ));
        }
        if let Some((span, joined)) = self.split_name(start, end, &expected) {
            d = d
                .with_help(crate::tr!("syntax-name-with-blank", name = joined.as_str()))
                .with_fix(
                    crate::tr!("syntax-fix-write", name = joined.as_str()),
                    span,
                    joined,
                );
        }
        (d, at_line_end)
    }

    /// `予以公 开` in a sum: a name with a blank inside, where an operator was expected. The
    /// span of both parts and the name without the blank.
    fn split_name(
        &self,
        start: usize,
        end: usize,
        expected: &[Expected],
    ) -> Option<(Span, String)> {
        if !expected.contains(&Expected::Words("op")) {
            return None;
        }
        let is_name = |c: char| c.is_alphabetic() || c.is_ascii_digit() || c == '_';
        let found = &self.text[start..end];
        if found.is_empty() || !found.chars().all(is_name) {
            return None;
        }
        let before = &self.text[..start];
        let gap = before.len() - before.trim_end_matches([' ', '\t', '\u{3000}']).len();
        if gap == 0 {
            return None;
        }
        let head_end = start - gap;
        let head_start = self.text[..head_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map(|(i, _)| i)?;
        let head = &self.text[head_start..head_end];
        if crate::syntax::KEYWORDS.contains(&head) {
            return None;
        }
        Some((
            Span::new(self.file, head_start, end),
            format!("{head}{found}"),
        ))
    }
}

/// The byte offset of the first `{` that opens a block deeper than [`MAX_NESTING`], skipping
/// comments, labels and text blocks. A lexical scan with no recursion, run before the parser.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let line_end = |from: usize| {
        b[from..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(b.len(), |p| from + p)
    };
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(i),
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                i = text[i + 3..]
                    .find("\"\"\"")
                    .map_or(b.len(), |p| i + 3 + p + 3);
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && !matches!(b[j], b'"' | b'\n' | b'\r') {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            _ if b[i..].starts_with("「".as_bytes()) => {
                let end = line_end(i);
                i = text[i..end].find('」').map_or(end, |p| i + p + "」".len());
            }
            b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
                i += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn words(rules: &[Rule]) -> Vec<Expected> {
    let mut out: Vec<Expected> = Vec::new();
    for r in rules {
        if let Some(w) = describe(*r) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// `甲、乙或丙` / `a, b or c`.
fn join_or(items: &[Expected]) -> String {
    let shown: Vec<String> = items.iter().map(|e| e.shown()).collect();
    match shown.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n => crate::tr!(
            "syntax-or",
            first = crate::i18n::join(&shown[..n - 1]),
            last = shown[n - 1].as_str()
        ),
    }
}

/// Text of a `"""` block without its first line break and the indentation its lines share.
fn dedent(raw: &str) -> String {
    let body = raw
        .strip_prefix("\r\n")
        .or_else(|| raw.strip_prefix('\n'))
        .unwrap_or(raw);
    let indent = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let cut = line.len() - line.trim_start_matches([' ']).len();
        out.push_str(&line[cut.min(indent)..]);
    }
    // The closing `"""` stands on a line of its own: drop that line's indentation.
    let trimmed = out.trim_end_matches([' ']).len();
    out.truncate(trimmed);
    out
}

fn cmp_of(s: &str) -> Cmp {
    match s {
        ">=" | "≥" | "＞＝" => Cmp::Ge,
        "<=" | "≤" | "＜＝" => Cmp::Le,
        "!=" | "≠" => Cmp::Ne,
        ">" | "＞" => Cmp::Gt,
        "<" | "＜" => Cmp::Lt,
        _ => Cmp::Eq,
    }
}
