//! Reuse: a rule set that `extends` another starts from the other's items and changes only
//! what it names. Works on the syntax tree, so inherited items keep the spans of the file that
//! declared them (go-to-definition lands in the base rule file).

use crate::syntax::ast::*;

/// Split `columns a, b, c` into one `column` item per name so each can be replaced on its own.
pub fn expand(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::new();
    for it in items {
        match it {
            Item::Columns(ids, kind, span) => {
                for id in ids {
                    out.push(Item::Column(Column {
                        doc: Vec::new(),
                        label: None,
                        kind: kind.clone(),
                        span: id.span.to(span).to(id.span),
                        id,
                    }));
                }
            }
            Item::Section(mut s) => {
                s.items = expand(s.items);
                out.push(Item::Section(s));
            }
            Item::Table(mut t) => {
                t.items = expand(t.items);
                out.push(Item::Table(t));
            }
            Item::Block(mut c) => {
                c.items = expand(c.items);
                out.push(Item::Block(c));
            }
            Item::Group(mut c) => {
                c.items = expand(c.items);
                out.push(Item::Group(c));
            }
            Item::Amend(mut a) => {
                a.items = expand(a.items);
                out.push(Item::Amend(a));
            }
            other => out.push(other),
        }
    }
    out
}

pub fn item_id(it: &Item) -> Option<&str> {
    match it {
        Item::Section(s) => Some(&s.id.name),
        Item::Topic(t) => Some(&t.id.name),
        Item::Require(r) => r.id.as_ref().map(|i| i.name.as_str()),
        Item::Table(t) => Some(&t.id.name),
        Item::Block(c) | Item::Group(c) => Some(&c.id.name),
        Item::Column(c) => Some(&c.id.name),
        Item::Row(r) => Some(&r.id.name),
        Item::Check(c) => c.id.as_ref().map(|i| i.name.as_str()),
        Item::Example(e) => Some(&e.id.name),
        Item::Fact(f) => Some(&f.id.name),
        _ => None,
    }
}

fn children_mut(it: &mut Item) -> Option<&mut Vec<Item>> {
    match it {
        Item::Section(s) => Some(&mut s.items),
        Item::Table(t) => Some(&mut t.items),
        Item::Block(c) | Item::Group(c) => Some(&mut c.items),
        _ => None,
    }
}

/// Find the item with this id anywhere below `items` (depth first).
fn find_mut<'a>(items: &'a mut [Item], id: &str) -> Option<&'a mut Item> {
    for it in items.iter_mut() {
        if item_id(it) == Some(id) {
            return Some(it);
        }
        if let Some(ch) = children_mut(it) {
            if let Some(found) = find_mut(ch, id) {
                return Some(found);
            }
        }
    }
    None
}

fn remove_rec(items: &mut Vec<Item>, id: &str) -> bool {
    if let Some(pos) = items.iter().position(|i| item_id(i) == Some(id)) {
        items.remove(pos);
        return true;
    }
    items
        .iter_mut()
        .filter_map(children_mut)
        .any(|ch| remove_rec(ch, id))
}

/// Outcome of applying a child's items; names that matched nothing are returned for reporting.
#[derive(Default)]
pub struct MergeProblems {
    pub unknown: Vec<Ident>,
}

/// Apply `changes` onto `base`: an item whose id exists below `base` replaces it in place,
/// `amend X { … }` changes X's own items the same way, `remove X` drops X, anything else is added.
pub fn apply(base: &mut Vec<Item>, changes: Vec<Item>, problems: &mut MergeProblems) {
    for ch in changes {
        match ch {
            Item::Amend(a) => match find_mut(base, &a.id.name) {
                Some(target) => {
                    if let Some(items) = children_mut(target) {
                        apply(items, a.items, problems);
                    }
                }
                None => problems.unknown.push(a.id),
            },
            Item::Remove(id) => {
                if !remove_rec(base, &id.name) {
                    problems.unknown.push(id);
                }
            }
            Item::Header(list) => base.push(Item::Header(list)),
            Item::Aliases(list) => {
                if let Some(pos) = base.iter().position(|i| matches!(i, Item::Aliases(_))) {
                    base[pos] = Item::Aliases(list);
                } else {
                    base.push(Item::Aliases(list));
                }
            }
            other => {
                let slot = item_id(&other)
                    .map(str::to_string)
                    .and_then(|id| find_mut(base, &id));
                match slot {
                    Some(s) => *s = other,
                    None => base.push(other),
                }
            }
        }
    }
}
