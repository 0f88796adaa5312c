//! Names in rule files, from the syntax tree: what each file declares and where it refers to a
//! name, with enough context (regulation, table) to resolve a reference — also into the rule
//! set a regulation `extends`, which may live in another file (a bundled one).

use super::analysis::Analysis;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, AmendKind, Item};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    Regulation,
    Section,
    Topic,
    Require,
    Table,
    Block,
    Group,
    Column,
    Row,
    Check,
}

impl DeclKind {
    /// The keyword, in the language of the current thread (`部分` / `section`).
    pub fn shown(self) -> String {
        match crate::i18n::current() {
            crate::i18n::Lang::Zh => crate::syntax::keyword_zh(self.word())
                .unwrap_or(self.word())
                .to_string(),
            crate::i18n::Lang::En => self.word().to_string(),
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            DeclKind::Regulation => "regulation",
            DeclKind::Section => "section",
            DeclKind::Topic => "topic",
            DeclKind::Require => "require",
            DeclKind::Table => "table",
            DeclKind::Block => "block",
            DeclKind::Group => "group",
            DeclKind::Column => "column",
            DeclKind::Row => "row",
            DeclKind::Check => "check",
        }
    }
}

/// `(name, version)` of a regulation.
pub type RegKey = (String, String);

#[derive(Debug, Clone)]
pub struct Decl {
    pub kind: DeclKind,
    pub name: String,
    pub label: Option<String>,
    pub doc: Vec<String>,
    /// The name where it is declared.
    pub id_span: Span,
    /// The whole declaration.
    pub span: Span,
    pub reg: RegKey,
    /// The table it belongs to (a table's own id for a table).
    pub table: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Amend(AmendKind),
    Remove,
    /// A name in a check (a row, column or group).
    Term,
    /// The version after `extends`.
    Extends,
    /// A table or section named in a `fact` (`表三.新收.总计`, `in 总体情况`).
    Named(AmendKind),
}

#[derive(Debug, Clone)]
pub struct Ref {
    pub kind: RefKind,
    pub name: String,
    pub span: Span,
    /// The whole item (an `amend` with its body), for telling what the cursor is inside.
    pub extent: Span,
    pub reg: RegKey,
    pub table: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Regulation {
    pub key: RegKey,
    pub extends: Option<String>,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct RuleIndex {
    pub decls: Vec<Decl>,
    pub refs: Vec<Ref>,
    pub regulations: Vec<Regulation>,
}

struct Ctx<'a> {
    out: &'a mut RuleIndex,
    reg: RegKey,
}

pub fn index(tree: &ast::RuleFile) -> RuleIndex {
    let mut out = RuleIndex::default();
    for r in &tree.regulations {
        let key = (
            r.name.name.clone(),
            r.version
                .as_ref()
                .map(|v| v.name.clone())
                .unwrap_or_default(),
        );
        out.regulations.push(Regulation {
            key: key.clone(),
            extends: r.extends.as_ref().map(|e| e.name.clone()),
            span: r.span,
        });
        out.decls.push(Decl {
            kind: DeclKind::Regulation,
            name: r.name.name.clone(),
            label: r.title.as_ref().map(|t| t.value.clone()),
            doc: r.doc.clone(),
            id_span: r.name.span,
            span: r.span,
            reg: key.clone(),
            table: None,
        });
        if let Some(e) = &r.extends {
            out.refs.push(Ref {
                kind: RefKind::Extends,
                name: e.name.clone(),
                span: e.span,
                extent: e.span,
                reg: key.clone(),
                table: None,
            });
        }
        let mut cx = Ctx {
            out: &mut out,
            reg: key,
        };
        cx.items(&r.items, None);
    }
    out
}

impl Ctx<'_> {
    fn decl(
        &mut self,
        kind: DeclKind,
        id: &ast::Ident,
        label: Option<&ast::Str>,
        doc: &[String],
        span: Span,
        table: Option<&str>,
    ) {
        self.out.decls.push(Decl {
            kind,
            name: id.name.clone(),
            label: label.map(|l| l.value.clone()),
            doc: doc.to_vec(),
            id_span: id.span,
            span,
            reg: self.reg.clone(),
            table: table.map(str::to_string),
        });
    }

    fn reference(&mut self, kind: RefKind, id: &ast::Ident, extent: Span, table: Option<&str>) {
        self.out.refs.push(Ref {
            kind,
            name: id.name.clone(),
            span: id.span,
            extent,
            reg: self.reg.clone(),
            table: table.map(str::to_string),
        });
    }

    fn items(&mut self, items: &[Item], table: Option<&str>) {
        for it in items {
            match it {
                Item::Section(s) => {
                    self.decl(
                        DeclKind::Section,
                        &s.id,
                        s.label.as_ref(),
                        &s.doc,
                        s.span,
                        None,
                    );
                    self.items(&s.items, None);
                }
                Item::Topic(t) => self.decl(
                    DeclKind::Topic,
                    &t.id,
                    t.label.as_ref(),
                    &t.doc,
                    t.span,
                    table,
                ),
                Item::Require(r) => {
                    if let Some(id) = &r.id {
                        self.decl(
                            DeclKind::Require,
                            id,
                            r.opts.message.as_ref(),
                            &r.doc,
                            r.span,
                            table,
                        );
                    }
                }
                Item::Table(t) => {
                    self.decl(
                        DeclKind::Table,
                        &t.id,
                        t.label.as_ref(),
                        &t.doc,
                        t.span,
                        Some(&t.id.name),
                    );
                    self.items(&t.items, Some(&t.id.name));
                }
                Item::Block(c) | Item::Group(c) => {
                    let kind = if matches!(it, Item::Block(_)) {
                        DeclKind::Block
                    } else {
                        DeclKind::Group
                    };
                    self.decl(kind, &c.id, c.label.as_ref(), &c.doc, c.span, table);
                    self.items(&c.items, table);
                }
                Item::Columns(ids, _, span) => {
                    for id in ids {
                        self.decl(DeclKind::Column, id, None, &[], *span, table);
                    }
                }
                Item::Column(c) => self.decl(
                    DeclKind::Column,
                    &c.id,
                    c.label.as_ref(),
                    &c.doc,
                    c.span,
                    table,
                ),
                Item::Row(r) => self.decl(
                    DeclKind::Row,
                    &r.id,
                    r.label.as_ref(),
                    &r.doc,
                    r.span,
                    table,
                ),
                Item::Check(c) => {
                    if let Some(id) = &c.id {
                        self.decl(
                            DeclKind::Check,
                            id,
                            c.opts.message.as_ref(),
                            &c.doc,
                            c.span,
                            table,
                        );
                    }
                    let guard_terms = match c.guard.as_deref() {
                        Some(ast::Guard::Compare { lhs, rhs, .. }) => {
                            lhs.terms.iter().chain(&rhs.terms).collect()
                        }
                        _ => Vec::new(),
                    };
                    for (_, term) in c.lhs.terms.iter().chain(&c.rhs.terms).chain(guard_terms) {
                        let mut term = term;
                        while let ast::Term::Scaled(inner, _, _) = term {
                            term = inner;
                        }
                        if let ast::Term::Ref(path, _)
                        | ast::Term::Sum(path, _)
                        | ast::Term::Previous(path, _) = term
                        {
                            for id in path {
                                self.reference(RefKind::Term, id, id.span, table);
                            }
                        }
                    }
                }
                Item::Fact(f) => {
                    // Cells named in full: `表三.新收.总计`.
                    for (_, term) in f.options.iter().flat_map(|e| e.terms.iter()) {
                        if let ast::Term::Ref(path, _) | ast::Term::Sum(path, _) = term {
                            if let [t, rest @ ..] = path.as_slice() {
                                let kind = RefKind::Named(AmendKind::Table);
                                self.reference(kind, t, t.span, None);
                                for id in rest {
                                    self.reference(RefKind::Term, id, id.span, Some(&t.name));
                                }
                            }
                        }
                    }
                    for id in &f.scope {
                        let kind = RefKind::Named(AmendKind::Section);
                        self.reference(kind, id, id.span, table);
                    }
                }
                Item::Amend(a) => {
                    self.reference(RefKind::Amend(a.kind), &a.id, a.span, table);
                    let inner = if a.kind == AmendKind::Table {
                        Some(a.id.name.as_str())
                    } else {
                        table
                    };
                    self.items(&a.items, inner);
                }
                Item::Remove(id) => self.reference(RefKind::Remove, id, id.span, table),
                // A form is a table whose rows are its fields.
                Item::Form(f) => {
                    self.decl(
                        DeclKind::Table,
                        &f.id,
                        f.label.as_ref(),
                        &f.doc,
                        f.span,
                        Some(&f.id.name),
                    );
                    self.items(&f.items, Some(&f.id.name));
                }
                Item::FormGroup(g) => {
                    self.decl(
                        DeclKind::Group,
                        &g.id,
                        g.label.as_ref(),
                        &g.doc,
                        g.span,
                        table,
                    );
                    if let Some(w) = &g.when {
                        self.reference(RefKind::Term, &w.field, w.field.span, table);
                    }
                    self.items(&g.items, table);
                }
                Item::Field(f) => self.decl(
                    DeclKind::Row,
                    &f.id,
                    f.label.as_ref(),
                    &f.doc,
                    f.span,
                    table,
                ),
                // Aliases, header text and anything without a name.
                _ => {}
            }
        }
    }
}

fn contains(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// What is under the cursor in a rule file.
pub enum Hit<'a> {
    Decl(&'a Decl),
    Ref(&'a Ref),
}

pub fn hit_at(ix: &RuleIndex, offset: usize) -> Option<Hit<'_>> {
    if let Some(r) = ix.refs.iter().find(|r| contains(r.span, offset)) {
        return Some(Hit::Ref(r));
    }
    ix.decls
        .iter()
        .find(|d| contains(d.id_span, offset))
        .map(Hit::Decl)
}

/// Which kinds of declaration a reference may name.
fn accepts(kind: RefKind, d: DeclKind) -> bool {
    match kind {
        RefKind::Amend(AmendKind::Section) => d == DeclKind::Section,
        RefKind::Amend(AmendKind::Table) => d == DeclKind::Table,
        RefKind::Amend(AmendKind::Group) => d == DeclKind::Group,
        RefKind::Amend(AmendKind::Block) => d == DeclKind::Block,
        RefKind::Term => matches!(d, DeclKind::Row | DeclKind::Column | DeclKind::Group),
        RefKind::Remove => d != DeclKind::Regulation,
        RefKind::Extends => d == DeclKind::Regulation,
        RefKind::Named(AmendKind::Section) => d == DeclKind::Section,
        RefKind::Named(AmendKind::Table) => d == DeclKind::Table,
        RefKind::Named(_) => false,
    }
}

/// The indexes of every rule file in the analysis, in lookup order.
pub struct Indexes {
    pub files: Vec<(FileId, RuleIndex)>,
}

impl Indexes {
    pub fn build(a: &Analysis) -> Indexes {
        Indexes {
            files: a
                .rule_files()
                .into_iter()
                .filter_map(|f| a.trees.get(&f).map(|t| (f, index(t))))
                .collect(),
        }
    }

    pub fn of(&self, file: FileId) -> Option<&RuleIndex> {
        self.files
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, ix)| ix)
    }

    /// The regulation with this key: in `first` if it has one, else the first file that does.
    fn regulation(&self, key: &RegKey, first: FileId) -> Option<(FileId, &Regulation)> {
        let preferred = self
            .of(first)
            .and_then(|ix| ix.regulations.iter().find(|r| r.key == *key))
            .map(|r| (first, r));
        preferred.or_else(|| {
            self.files.iter().find_map(|(f, ix)| {
                ix.regulations
                    .iter()
                    .find(|r| r.key == *key)
                    .map(|r| (*f, r))
            })
        })
    }

    /// The declarations a regulation can see, nearest first: its own, then those of the rule
    /// sets it extends.
    pub fn visible(&self, key: &RegKey, file: FileId) -> Vec<&Decl> {
        let mut out = Vec::new();
        let mut seen: Vec<RegKey> = Vec::new();
        let mut cur = Some((key.clone(), file));
        while let Some((k, f)) = cur.take() {
            if seen.contains(&k) {
                break;
            }
            seen.push(k.clone());
            let Some((rf, reg)) = self.regulation(&k, f) else {
                break;
            };
            if let Some(ix) = self.of(rf) {
                out.extend(ix.decls.iter().filter(|d| {
                    d.reg == k && d.span.start >= reg.span.start && d.span.end <= reg.span.end
                }));
            }
            cur = reg.extends.clone().map(|base| ((k.0.clone(), base), rf));
        }
        out
    }

    /// Where a reference's name is declared: in its table first, then anywhere in the
    /// regulation, then in the rule sets it extends.
    pub fn resolve(&self, r: &Ref, file: FileId) -> Option<&Decl> {
        if r.kind == RefKind::Extends {
            let key = (r.reg.0.clone(), r.name.clone());
            let (f, reg) = self.regulation(&key, file)?;
            return self
                .of(f)?
                .decls
                .iter()
                .find(|d| d.kind == DeclKind::Regulation && d.reg == key && d.span == reg.span);
        }
        // An `amend` or `remove` names something inherited: skip the regulation's own items.
        let inherited = matches!(r.kind, RefKind::Amend(_) | RefKind::Remove);
        let own_end = self
            .of(file)
            .and_then(|ix| ix.regulations.iter().find(|g| g.key == r.reg))
            .map(|g| g.span);
        let visible: Vec<&Decl> = self
            .visible(&r.reg, file)
            .into_iter()
            .filter(|d| {
                !(inherited
                    && d.id_span.file == file
                    && own_end.is_some_and(|s| d.span.start >= s.start && d.span.end <= s.end))
            })
            .filter(|d| d.name == r.name && accepts(r.kind, d.kind))
            .collect();
        visible
            .iter()
            .find(|d| r.table.is_some() && d.table == r.table)
            .or_else(|| visible.first())
            .copied()
    }
}
