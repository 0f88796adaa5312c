//! Rule files → checked rule sets. Reports every mistake it finds (never stops at the first)
//! with a code and a span in the rule file.

mod build;
pub use build::{fmt_num, handle};
mod merge;
pub mod model;
pub mod phrase;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Sources};
use crate::syntax::{self, ast};
use std::collections::HashMap;

pub use model::*;

/// Compiled rule sets and every problem found in the rule files.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    pub rule_sets: Vec<RuleSet>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Compile rule files that are already in `sources`. Files later in the list may extend rule
/// sets of earlier ones (bundled rules first, then the user's).
pub fn compile(sources: &Sources, files: &[FileId]) -> Compiled {
    compile_with_base(sources, &[], files)
}

/// Compile `files`, which may extend rule sets of `base` files (the bundled rules). Only the
/// rule sets of `files` are returned and checked against each other; problems are reported
/// only for `files`.
pub fn compile_with_base(sources: &Sources, base: &[FileId], files: &[FileId]) -> Compiled {
    let mut diags = Vec::new();
    let mut regs: Vec<ast::Regulation> = Vec::new();
    for &f in base.iter().chain(files) {
        let (tree, d) = syntax::parse(f, &sources.get(f).text);
        if files.contains(&f) {
            diags.extend(d);
        }
        regs.extend(tree.regulations);
    }
    let mut out = compile_regulations(regs, &mut diags, sources, files, false);
    out.diagnostics.retain(|d| files.contains(&d.primary.file));
    out
}

/// Compile `files` on top of `base` (the bundled rules): the result holds the rule sets of
/// `files` and those of `base` (a report picks its regulation by its title, then the year). A rule set of a later
/// file takes precedence over one of an earlier file for the years it names (it comes first in
/// `rule_sets`, and a report picks the first rule set covering its year), so a province file
/// for `2023..` adds to the bundled rules: 2019–2022 reports keep the bundled rule sets, and
/// the other format stays known (a stale 2019 table is still reported as such). Overlapping
/// years are an error only within one file. Problems are reported only for `files`.
pub fn compile_adding(sources: &Sources, base: &[FileId], files: &[FileId]) -> Compiled {
    let mut diags = Vec::new();
    let mut regs: Vec<ast::Regulation> = Vec::new();
    let all: Vec<FileId> = base.iter().chain(files).copied().collect();
    for &f in &all {
        let (tree, d) = syntax::parse(f, &sources.get(f).text);
        if files.contains(&f) {
            diags.extend(d);
        }
        regs.extend(tree.regulations);
    }
    let mut out = compile_regulations(regs, &mut diags, sources, &all, true);
    out.diagnostics.retain(|d| files.contains(&d.primary.file));
    // Later files first; within a file, the order written.
    let rank = |r: &RuleSet| all.iter().position(|&f| f == r.span.file).unwrap_or(0);
    out.rule_sets.sort_by_key(|r| std::cmp::Reverse(rank(r)));
    out
}

fn key(r: &ast::Regulation) -> (String, String) {
    (
        r.name.name.clone(),
        r.version
            .as_ref()
            .map(|v| v.name.clone())
            .unwrap_or_default(),
    )
}

fn compile_regulations(
    regs: Vec<ast::Regulation>,
    diags: &mut Vec<Diagnostic>,
    _sources: &Sources,
    keep: &[FileId],
    same_file_overlaps_only: bool,
) -> Compiled {
    // Index; a later definition of the same regulation and version replaces an earlier one only
    // when it comes from another file (a user's file overriding a bundled one); in one file it is a duplicate.
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut kept: Vec<Option<ast::Regulation>> = Vec::new();
    for r in regs {
        let k = key(&r);
        if let Some(&i) = index.get(&k) {
            let prev = kept[i].as_ref().map(|p| (p.span, p.name.span));
            if let Some((pspan, pname)) = prev {
                if pspan.file == r.span.file {
                    diags.push(
                        Diagnostic::of(
                            Code::DuplicateName,
                            crate::tr!(
                                "build-rule-set-twice",
                                name = k.0.as_str(),
                                version = k.1.as_str()
                            ),
                            r.name.span,
                        )
                        .with_primary_message(crate::tr!("build-declared-again"))
                        .with_label(pname, crate::tr!("build-first-declared")),
                    );
                    continue;
                }
            }
            kept[i] = Some(r);
        } else {
            index.insert(k, kept.len());
            kept.push(Some(r));
        }
    }
    let regs: Vec<ast::Regulation> = kept.into_iter().flatten().collect();
    let index: HashMap<(String, String), usize> =
        regs.iter().enumerate().map(|(i, r)| (key(r), i)).collect();

    // Resolve inheritance on the syntax tree.
    let mut resolved: Vec<Option<Resolved>> = vec![None; regs.len()];
    for i in 0..regs.len() {
        resolve(i, &regs, &index, &mut resolved, &mut Vec::new(), diags);
    }

    let mut out = Compiled::default();
    for (i, r) in regs.iter().enumerate() {
        let Some(res) = resolved[i].clone() else {
            continue;
        };
        let mut own = Vec::new();
        let mut built = build::build(r, res.items, res.header, &mut own);
        built.iter_mut().for_each(RuleSet::prepare_keys);
        if keep.contains(&r.span.file) {
            diags.extend(own);
            out.rule_sets.extend(built);
        }
    }

    // Two rule sets of one regulation must not claim the same year.
    for (i, a) in out.rule_sets.iter().enumerate() {
        for b in out.rule_sets.iter().skip(i + 1) {
            if a.regulation != b.regulation
                || (same_file_overlaps_only && a.span.file != b.span.file)
            {
                continue;
            }
            let a_to = a.to_year.unwrap_or(u32::MAX);
            let b_to = b.to_year.unwrap_or(u32::MAX);
            if a.from_year <= b_to && b.from_year <= a_to {
                let (first, second) = if a.span.file <= b.span.file {
                    (a, b)
                } else {
                    (b, a)
                };
                diags.push(
                    Diagnostic::of(
                        Code::OverlappingYears,
                        crate::tr!(
                            "build-years-overlap",
                            years = second.years_human(),
                            name = second.regulation.as_str(),
                            version = second.version.as_str(),
                            other_years = first.years_human(),
                            other_name = first.regulation.as_str(),
                            other_version = first.version.as_str()
                        ),
                        if second.years_span.file == second.span.file {
                            second.years_span
                        } else {
                            second.span
                        },
                    )
                    .with_primary_message(crate::tr!("build-these-years"))
                    .with_label(first.years_span, crate::tr!("build-overlap-these"))
                    .with_help(crate::tr!("build-years-overlap-help")),
                );
            }
        }
    }
    out.diagnostics = std::mem::take(diags);
    crate::diagnostic::sort(&mut out.diagnostics);
    out
}

#[derive(Debug, Clone)]
struct Header {
    issued_by: Option<ast::Str>,
    title: Option<ast::Str>,
    years: Option<ast::YearRange>,
    doc: Vec<String>,
}

#[derive(Debug, Clone)]
struct Resolved {
    items: Vec<ast::Item>,
    header: Header,
}

fn resolve(
    i: usize,
    regs: &[ast::Regulation],
    index: &HashMap<(String, String), usize>,
    resolved: &mut Vec<Option<Resolved>>,
    stack: &mut Vec<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Resolved> {
    if let Some(r) = &resolved[i] {
        return Some(r.clone());
    }
    let r = &regs[i];
    if stack.contains(&i) {
        diags.push(Diagnostic::of(
            Code::UnknownBase,
            crate::tr!("build-extends-cycle", name = r.name.name.as_str()),
            r.name.span,
        ));
        return None;
    }
    stack.push(i);
    let own_header = Header {
        issued_by: r.issued_by.clone(),
        title: r.title.clone(),
        years: r.years,
        doc: r.doc.clone(),
    };
    let result = match &r.extends {
        None => Some(Resolved {
            items: merge::expand(r.items.clone()),
            header: own_header,
        }),
        Some(base_v) => match index.get(&(r.name.name.clone(), base_v.name.clone())) {
            None => {
                let known: Vec<String> = regs
                    .iter()
                    .filter(|o| o.name.name == r.name.name && !std::ptr::eq(*o, r))
                    .filter_map(|o| o.version.as_ref().map(|v| v.name.clone()))
                    .collect();
                let mut d = Diagnostic::of(
                    Code::UnknownBase,
                    crate::tr!(
                        "build-no-base",
                        name = r.name.name.as_str(),
                        version = base_v.name.as_str()
                    ),
                    base_v.span,
                )
                .with_primary_message(crate::tr!("build-not-found"));
                if let Some(s) = did_you_mean(&base_v.name, known.iter().map(String::as_str)) {
                    d = d
                        .with_help(crate::tr!("build-did-you-mean", name = s.as_str()))
                        .with_fix(
                            crate::tr!("build-fix-extend", version = s.as_str()),
                            base_v.span,
                            s,
                        );
                }
                if !known.is_empty() {
                    d = d.with_note(crate::tr!(
                        "build-known-versions",
                        name = r.name.name.as_str(),
                        versions = crate::i18n::join(&known)
                    ));
                }
                diags.push(d);
                None
            }
            Some(&b) => resolve(b, regs, index, resolved, stack, diags).map(|base| {
                let mut items = base.items;
                let mut problems = merge::MergeProblems::default();
                merge::apply(&mut items, merge::expand(r.items.clone()), &mut problems);
                for id in problems.unknown {
                    diags.push(
                        Diagnostic::of(
                            Code::UnknownName,
                            crate::tr!("build-not-in-base", name = id.name.as_str()),
                            id.span,
                        )
                        .with_primary_message(crate::tr!("build-nothing-to-change")),
                    );
                }
                Resolved {
                    items,
                    header: Header {
                        issued_by: own_header.issued_by.or(base.header.issued_by),
                        title: own_header.title.or(base.header.title),
                        years: own_header.years.or(base.header.years),
                        doc: if own_header.doc.is_empty() {
                            base.header.doc
                        } else {
                            own_header.doc
                        },
                    },
                }
            }),
        },
    };
    stack.pop();
    resolved[i] = result.clone();
    result
}

/// Names longer than this get no "did you mean" (real names are a few characters).
pub const MAX_SUGGEST_CHARS: usize = 64;
/// At most this many candidates are compared for one "did you mean".
pub const MAX_SUGGEST_CANDIDATES: usize = 2_000;

/// The closest names to `name` among `candidates` (for "did you mean").
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    // Bounded: names are short, so a name longer than any real one gets no suggestion, and only
    // so many candidates are compared (a hostile file must not cost seconds per misspelling).
    let len = name.chars().count();
    if len > MAX_SUGGEST_CHARS {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates.into_iter().take(MAX_SUGGEST_CANDIDATES) {
        let c_len = c.chars().count();
        if c_len > MAX_SUGGEST_CHARS || len.abs_diff(c_len) > len.max(c_len) / 2 {
            continue;
        }
        let d = edit_distance(name, c);
        let longest = len.max(c_len);
        let limit = (longest / 2).max(1);
        if d <= limit && d < longest && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}
