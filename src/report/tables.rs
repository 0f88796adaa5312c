//! Finding each table of the rule set in its section, its rows by their labels, and the cells
//! after each label. Tables that follow another rule set's format (a stale template) are read
//! with that format and reported.

use super::cells::{self, Labels, Outcome, SplitUse, TokKind};
use super::norm::{self, KeyText};
use super::{Cell, Document, FoundRow, TableRead, Value};
use crate::compile::{CellKind, Compiled, Quantifier, RuleSet, Table};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

pub(super) fn read_tables(
    compiled: &Compiled,
    chosen: usize,
    key: &KeyText,
    text: &str,
    doc: &mut Document,
) {
    let rs = &compiled.rule_sets[chosen];
    let mut stale: Vec<(usize, Span, &RuleSet)> = Vec::new();
    for (ti, t) in rs.tables.iter().enumerate() {
        if t.form.is_some() {
            continue;
        }
        let region = region_for(rs, t, doc, text);
        let Some((from, to)) = region else { continue };
        // Which format does this table follow? Compare labels only one format has.
        let (use_rs, use_ti) = match pick_format(compiled, chosen, t, key, text, from, to, doc) {
            Some(p) if p.header_only => {
                stale_header(rs, ti, &compiled.rule_sets[p.rule_set], p.marker, doc);
                (chosen, ti)
            }
            Some(p) => {
                if doc.year.is_some() {
                    stale.push((
                        ti,
                        Span::new(doc.file, p.marker.0, p.marker.1),
                        &compiled.rule_sets[p.rule_set],
                    ));
                }
                (p.rule_set, p.table)
            }
            None => (chosen, ti),
        };
        let table = &compiled.rule_sets[use_rs].tables[use_ti];
        let read = read_table(table, use_rs, use_ti, key, text, from, to, doc);
        doc.tables.push(read);
    }
    if !stale.is_empty() {
        let year = doc.year.unwrap_or_default();
        let (_, first_span, other) = stale[0];
        let names: Vec<String> = stale
            .iter()
            .map(|(ti, _, _)| crate::tr!("quoted", text = rs.tables[*ti].label.as_str()))
            .collect();
        let mut d = Diagnostic::of(
            Code::WrongFormat,
            crate::tr!(
                "tables-wrong-format",
                tables = names.join(&crate::tr!("list-and")),
                count = names.len(),
                other = fmt_name(other),
                year = year.to_string(),
                format = fmt_name(rs)
            ),
            first_span,
        )
        .with_primary_message(crate::tr!(
            "tables-label-belongs-to",
            version = other.version.as_str()
        ))
        .with_note(crate::tr!(
            "tables-formats-govern",
            other = fmt_name(other),
            other_years = other.years_human(),
            format = fmt_name(rs),
            years = rs.years_human()
        ))
        .with_note(crate::tr!(
            "tables-read-with",
            version = other.version.as_str()
        ))
        .with_help(crate::tr!("tables-use-format", format = fmt_name(rs)))
        .with_rule(rs.tables[stale[0].0].id_span);
        for (_, span, _) in stale.iter().skip(1) {
            d = d.with_label(*span, crate::tr!("tables-this-table-too"));
        }
        doc.findings.push(d);
    }
}

/// A table whose rows follow the report year's format under another format's header words:
/// read with the year's format, and the header reported.
fn stale_header(
    rs: &RuleSet,
    ti: usize,
    other: &RuleSet,
    marker: (usize, usize),
    doc: &mut Document,
) {
    let t = &rs.tables[ti];
    let year = doc
        .year
        .map(|y| crate::tr!("tables-a-year-report", year = y.to_string()))
        .unwrap_or_else(|| crate::tr!("tables-this-report"));
    doc.findings.push(
        Diagnostic::of(
            Code::WrongFormat,
            crate::tr!(
                "tables-header-wrong-format",
                label = t.label.as_str(),
                other = fmt_name(other),
                report = year,
                format = fmt_name(rs)
            ),
            Span::new(doc.file, marker.0, marker.1),
        )
        .with_primary_message(crate::tr!(
            "tables-header-word",
            version = other.version.as_str()
        ))
        .with_note(crate::tr!(
            "tables-rows-of-format",
            version = rs.version.as_str()
        ))
        .with_help(crate::tr!("tables-use-header", format = fmt_name(rs)))
        .with_rule(t.id_span),
    );
}

/// Where the report says a phrase of each check's `when mentioned` condition.
pub(super) fn mentions(
    t: &Table,
    key: &KeyText,
    file: crate::source::FileId,
) -> Vec<Option<(Span, String)>> {
    t.checks
        .iter()
        .map(|c| {
            c.when.iter().find_map(|w| {
                let k = norm::key(w);
                key.find(&k, 0, key.len()).map(|i| {
                    let (a, b) = key.bytes(i, i + k.len());
                    (Span::new(file, a, b), w.clone())
                })
            })
        })
        .collect()
}

/// Read one table over the whole text (an example's rows).
pub(super) fn read_one(
    t: &Table,
    rs_idx: usize,
    ti: usize,
    key: &KeyText,
    text: &str,
    doc: &mut Document,
) -> TableRead {
    read_table(t, rs_idx, ti, key, text, 0, text.len(), doc)
}

fn fmt_name(rs: &RuleSet) -> String {
    match &rs.issued_by {
        Some(i) => format!("{}（{}）", rs.version, i),
        None => rs.version.clone(),
    }
}

/// Byte range to look for a table in: its section's body, or, when the section heading was not
/// found, the stretch between the neighbouring sections that were.
fn region_for(rs: &RuleSet, t: &Table, doc: &Document, text: &str) -> Option<(usize, usize)> {
    if let Some(fs) = doc.section(t.section) {
        return Some(fs.body);
    }
    let tops: Vec<usize> = rs.top_sections().map(|(i, _)| i).collect();
    let pos = tops.iter().position(|&i| i == t.section)?;
    let lo = tops[..pos]
        .iter()
        .rev()
        .find_map(|&i| doc.section(i))
        .map(|f| f.heading.end);
    let hi = tops[pos + 1..]
        .iter()
        .find_map(|&i| doc.section(i))
        .map(|f| f.heading.start);
    if lo.is_none() && hi.is_none() {
        return None;
    }
    if doc.truncated && hi.is_none() {
        // The section is in the part that was cut off.
        return None;
    }
    Some((lo.unwrap_or(0), hi.unwrap_or(text.len())))
}

/// The keys of a table's row, column and block labels (borrowed: the vote compares them only).
fn labels_of(t: &Table) -> Vec<&[char]> {
    let k = &t.keys;
    k.rows
        .iter()
        .chain(&k.columns)
        .chain(&k.blocks)
        .map(Vec::as_slice)
        .collect()
}

/// If another rule set of the same regulation has a table of this id whose own labels match the
/// report better, that (rule set, table, byte range where its first own label stands).
#[allow(clippy::too_many_arguments)]
fn pick_format(
    compiled: &Compiled,
    chosen: usize,
    t: &Table,
    key: &KeyText,
    text: &str,
    from: usize,
    to: usize,
    doc: &Document,
) -> Option<Picked> {
    let rs = &compiled.rule_sets[chosen];
    let (ka, kb) = (key.at_byte(from), key.at_byte(to));
    let mine = labels_of(t);
    // The best other format so far, with how many of its own labels were found.
    let mut best: Option<(Picked, usize)> = None;
    for (oi, other) in compiled.rule_sets.iter().enumerate() {
        if oi == chosen || other.regulation != rs.regulation {
            continue;
        }
        let Some(oti) = other.tables.iter().position(|o| o.id == t.id) else {
            continue;
        };
        let theirs = labels_of(&other.tables[oti]);
        let only_theirs: Vec<&[char]> = theirs
            .iter()
            .copied()
            .filter(|l| !mine.contains(l))
            .collect();
        let found = |ls: &[&[char]]| -> (usize, Option<usize>) {
            let mut n = 0;
            let mut first: Option<usize> = None;
            for l in ls {
                if let Some(i) = key.find(l, ka, kb) {
                    n += 1;
                    first = Some(first.map_or(i, |f: usize| f.min(i)));
                }
            }
            (n, first)
        };
        // This format's own labels are counted only as far as they can outnumber the other's.
        let (o, first) = found(&only_theirs);
        if o == 0 {
            continue;
        }
        let m = mine
            .iter()
            .filter(|l| !theirs.contains(l) && key.find(l, ka, kb).is_some())
            .take(o)
            .count();
        if o > m {
            let Some(mut i) = first else { continue };
            // The rows say which format the body holds; header words only decide where the rows
            // do not (a 2021 table printed under the 2019 header words, with one number after
            // 行政许可, is a 2021 table). Counted only for a format whose labels won (the count
            // tokenizes rows).
            let (rm, ro) = cell_count_votes(t, &other.tables[oti], key, text, ka, kb, doc);
            let header_only = rm > ro;
            let mut len = only_theirs
                .iter()
                .find(|l| key.find(l, ka, kb) == Some(i))
                .map(|l| l.len())
                .unwrap_or(1);
            // The earliest trace of the other format: its own labels, or their first characters
            // when a header is wrapped (`本年新` / `制作数量`), as long as no label of this format has them.
            for l in &only_theirs {
                for n in (3..=l.len()).rev() {
                    let piece = &l[..n];
                    if mine.iter().any(|m| m.windows(n).any(|w| w == piece)) {
                        break;
                    }
                    if let Some(j) = key.find(piece, ka, kb) {
                        if j < i {
                            i = j;
                            len = n;
                        }
                    }
                }
            }
            let (a, b) = key.bytes(i, i + len);
            if best.as_ref().is_none_or(|(_, bo)| o > *bo) {
                let picked = Picked {
                    rule_set: oi,
                    table: oti,
                    marker: (a, b),
                    header_only,
                };
                best = Some((picked, o));
            }
        }
    }
    best.map(|(p, _)| p)
}

/// Another format's table that a table of the report follows.
struct Picked {
    rule_set: usize,
    table: usize,
    /// Where the other format's first own label stands.
    marker: (usize, usize),
    /// Only the header words are the other format's: the rows are this format's, and the table
    /// is read with it.
    header_only: bool,
}

/// Votes of the rows both formats share but with different cell counts (行政许可: one cell in
/// one format, three in the other): how many rows carry exactly `mine`'s count of separated
/// values, and how many exactly `theirs`'. Run-together digits do not vote, nor does one value
/// in a container's cell over several grid columns with at least as many digits as the larger
/// count (`89741888` over three columns: one number, or three run together).
fn cell_count_votes(
    mine: &Table,
    theirs: &Table,
    key: &KeyText,
    text: &str,
    ka: usize,
    kb: usize,
    doc: &Document,
) -> (usize, usize) {
    let labels = mine.keys.rows.iter().chain(&theirs.keys.rows);
    let all = cells::Both(&mine.keys.labels, &theirs.keys.labels);
    let (mut vm, mut vt) = (0, 0);
    for (ri, r) in mine.rows.iter().enumerate() {
        let Some(oi) = theirs.rows.iter().position(|o| o.id == r.id) else {
            continue;
        };
        let (nm, nt) = (mine.row_columns(ri).len(), theirs.row_columns(oi).len());
        if nm == nt {
            continue;
        }
        let k = &mine.keys.rows[ri];
        let Some(i) = key.find(k, ka, kb) else {
            continue;
        };
        let next = labels
            .clone()
            .filter_map(|l| key.find(l, i + k.len(), kb))
            .min()
            .unwrap_or(kb);
        let (_, from) = key.bytes(i, i + k.len());
        let to = if next < key.len() {
            key.bytes(next, next + 1).0
        } else {
            text.len()
        };
        let toks = cells::tokenize(text, from, to.max(from), &all);
        let values: Vec<&cells::Tok> = toks
            .iter()
            .filter(|t| matches!(t.kind, TokKind::Num { .. } | TokKind::NoValue))
            .collect();
        // A single value counts only when it is not glued to the next label.
        let separated = values.len() >= 2
            || values.first().is_some_and(|t| {
                text[t.end..].starts_with(|c: char| c.is_whitespace() || c == '|')
            });
        if !separated {
            continue;
        }
        if let [one] = values[..] {
            let digits = one.raw.chars().filter(char::is_ascii_digit).count();
            let wide = doc.known_row(one.start).is_some_and(|row| {
                row.cells
                    .iter()
                    .any(|c| c.start <= one.start && one.end <= c.end && c.columns > 1)
            });
            if wide && digits >= nm.max(nt) {
                continue;
            }
        }
        if values.len() == nm {
            vm += 1;
        } else if values.len() == nt {
            vt += 1;
        }
    }
    (vm, vt)
}

struct Anchor {
    /// Key indices of the label.
    ks: usize,
    ke: usize,
    /// The label as written differs from the format's.
    drift: bool,
}

#[allow(clippy::too_many_arguments)]
fn read_table(
    t: &Table,
    rs_idx: usize,
    ti: usize,
    key: &KeyText,
    text: &str,
    from: usize,
    to: usize,
    doc: &mut Document,
) -> TableRead {
    let file = doc.file;
    let mut read = TableRead {
        rule_set: rs_idx,
        table: ti,
        rows: Vec::new(),
        // Room for every cell of the table, not grown one push at a time.
        cells: Vec::with_capacity(t.cell_count()),
        start: None,
        mentions: mentions(t, key, doc.file),
        fields: Vec::new(),
    };
    let (ka, kb) = (key.at_byte(from), key.at_byte(to));
    let cx = Ctx {
        t,
        key,
        text,
        from,
        to,
        ka,
        kb,
        labels: &t.keys.labels,
    };

    if t.inline {
        read_inline(t, key, text, ka, kb, cx.labels, &mut read, doc);
        return read;
    }
    let mut anchors = place_exact_rows(&cx);
    place_rows_between(&cx, &mut anchors);
    follow_repeated_labels(&cx, &mut anchors);
    let placed: Vec<&Anchor> = anchors.iter().flatten().collect();
    if placed.is_empty() {
        report_table_missing(&cx, doc);
        return read;
    }
    let (fa, _) = key.bytes(placed[0].ks, placed[0].ke);
    read.start = Some(Span::new(file, fa, fa));
    let lost = read_lost_first_row(&cx, &anchors, &mut read, doc);
    report_missing_rows(&cx, &anchors, &lost, doc);
    read_rows(&cx, &anchors, &mut read, doc);
    read
}

/// What every step of reading one table needs: the table, the text, and where to look.
struct Ctx<'a> {
    t: &'a Table,
    key: &'a KeyText,
    text: &'a str,
    from: usize,
    to: usize,
    ka: usize,
    kb: usize,
    labels: &'a Labels,
}

/// Pass 1: exact labels, as many rows as possible in the table's order.
fn place_exact_rows(cx: &Ctx) -> Vec<Option<Anchor>> {
    let (t, key, ka, kb) = (cx.t, cx.key, cx.ka, cx.kb);
    // Pass 1: exact labels, as many rows as possible in the table's order (a label found far
    // ahead must not push every row between out of reach).
    let keys: &[Vec<char>] = &t.keys.rows;
    let occurrences = row_occurrences(key, keys, ka, kb);
    let mut anchors: Vec<Option<Anchor>> = t.rows.iter().map(|_| None).collect();
    let chains = Chains::new(&occurrences, keys);
    let mut cursor = ka;
    for ri in 0..t.rows.len() {
        let take = occurrences[ri].iter().copied().find(|&i| i >= cursor);
        let skip_value = chains.after(ri + 1, cursor);
        if let Some(i) = take {
            let take_value = 1 + chains.after(ri + 1, i + keys[ri].len());
            if take_value >= skip_value {
                anchors[ri] = Some(Anchor {
                    ks: i,
                    ke: i + keys[ri].len(),
                    drift: false,
                });
                cursor = i + keys[ri].len();
            }
        }
    }
    anchors
}

/// The first 32 occurrences of each row's key in key characters `ka..kb` (as
/// [`KeyText::find_iter`] finds them, overlapping ones included), with one pass over the region
/// per first character the keys start with rather than one per row (the rows of a table mostly
/// start alike: `（一）`, `（二）`, …); where that character stands, each key starting with it
/// is compared.
fn row_occurrences(key: &KeyText, keys: &[Vec<char>], ka: usize, kb: usize) -> Vec<Vec<usize>> {
    let mut occ: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    let hay = &key.chars[..kb.min(key.len())];
    let mut firsts: Vec<char> = keys.iter().filter_map(|k| k.first().copied()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    for c in firsts {
        let mut i = ka;
        while let Some(j) = hay.get(i..).and_then(|h| norm::position(h, c)) {
            let at = i + j;
            for (k, o) in keys.iter().zip(occ.iter_mut()) {
                if k.first() == Some(&c) && o.len() < 32 && hay[at..].starts_with(k) {
                    o.push(at);
                }
            }
            i = at + 1;
        }
    }
    occ
}

/// Pass 2: between placed neighbours, a label cut short or worded differently.
fn place_rows_between(cx: &Ctx, anchors: &mut [Option<Anchor>]) {
    let (t, key, ka, kb) = (cx.t, cx.key, cx.ka, cx.kb);
    // Pass 2: between placed neighbours, a label cut short (wrapped in PDF text) or worded differently.
    for ri in 0..t.rows.len() {
        if anchors[ri].is_some() {
            continue;
        }
        let lo = anchors[..ri]
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|a| a.ke)
            .unwrap_or(ka);
        let hi = anchors[ri + 1..]
            .iter()
            .flatten()
            .next()
            .map(|a| a.ks)
            .unwrap_or(kb);
        if lo >= hi {
            continue;
        }
        let k = &t.keys.rows[ri];
        if let Some(a) = prefix_match(key, k, lo, hi).or_else(|| fuzzy_match(key, k, lo, hi)) {
            anchors[ri] = Some(a);
        }
    }
}

/// A label repeated before the next row: the numbers follow the last occurrence.
fn follow_repeated_labels(cx: &Ctx, anchors: &mut [Option<Anchor>]) {
    let (t, key, text, kb, labels) = (cx.t, cx.key, cx.text, cx.kb, cx.labels);
    // A label repeated before the next row (a heading above a one-row table, then the row itself):
    // the numbers follow the last occurrence.
    for ri in 0..anchors.len() {
        let Some(a) = anchors[ri].as_ref() else {
            continue;
        };
        let next = anchors[ri + 1..]
            .iter()
            .flatten()
            .next()
            .map(|n| n.ks)
            .unwrap_or(kb);
        // The label's key without its numbering (folded once, when the rules were compiled).
        let k = &t.keys.rows[ri];
        let tk = &k[super::sections::numbering_len(k)..];
        if tk.len() < 4 {
            continue;
        }
        if let Some(i) = key.find_all(tk, a.ke, next).last().copied() {
            // Numbers after the first occurrence and none after the later one: the first is the
            // row, the later one the label mentioned again in the prose after the table.
            let has_values = |toks: Vec<cells::Tok>| {
                toks.iter().any(|t| {
                    matches!(
                        t.kind,
                        TokKind::Num { .. } | TokKind::Letter | TokKind::Glued
                    )
                })
            };
            let (_, after) = key.bytes(a.ks, a.ke);
            let (later, later_end) = key.bytes(i, i + tk.len());
            let end = if next < key.len() {
                key.bytes(next, next + 1).0
            } else {
                text.len()
            };
            let first_has = has_values(cells::tokenize(text, after, later.max(after), labels));
            let later_has =
                has_values(cells::tokenize(text, later_end, end.max(later_end), labels));
            if first_has && !later_has {
                continue;
            }
            anchors[ri] = Some(Anchor {
                ks: i,
                ke: i + tk.len(),
                drift: false,
            });
        }
    }
}

/// No row of the table found (R020), except where a truncated report stops before it.
fn report_table_missing(cx: &Ctx, doc: &mut Document) {
    let (t, text, from) = (cx.t, cx.text, cx.from);
    let file = doc.file;
    // In a report that ends early, the last section found may stop before its table.
    let last_found = doc
        .sections
        .iter()
        .filter(|s| s.body.1 >= text.len())
        .any(|s| s.section == t.section);
    if !(doc.truncated && last_found) {
        let at = doc
            .section(t.section)
            .map(|s| s.heading)
            .unwrap_or(Span::new(file, from, from));
        doc.findings.push(
            Diagnostic::of(
                Code::TableMissing,
                crate::tr!("tables-missing", label = t.label.as_str()),
                at,
            )
            .with_primary_message(crate::tr!("tables-no-row-here"))
            .with_note(crate::tr!(
                "tables-looked-for",
                label = t.rows.first().map(|r| r.label.as_str()).unwrap_or("")
            ))
            .with_help(crate::tr!("tables-image-help"))
            .with_rule(t.id_span),
        );
    }
}

/// A first row whose label is lost, with exactly its numbers before the next row: read by
/// position (R024). Returns the rows read so.
fn read_lost_first_row(
    cx: &Ctx,
    anchors: &[Option<Anchor>],
    read: &mut TableRead,
    doc: &mut Document,
) -> Vec<usize> {
    let (t, key, text, from, labels) = (cx.t, cx.key, cx.text, cx.from, cx.labels);
    let file = doc.file;
    // A first row whose label is lost, with exactly its numbers before the next row: read by position.
    let mut by_position: Vec<(usize, Vec<cells::Tok>)> = Vec::new();
    if anchors[0].is_none() {
        if let Some(next) = anchors.iter().position(|a| a.is_some()).filter(|&n| n == 1) {
            let next_start = anchors[next]
                .as_ref()
                .map(|a| key.bytes(a.ks, a.ke).0)
                .unwrap_or(from);
            let mut toks = cells::tokenize(text, from, next_start, labels);
            toks.retain(|t| t.kind != TokKind::Gap);
            let n = t.row_columns(0).len();
            if toks.len() == n && toks.iter().all(|t| matches!(t.kind, TokKind::Num { .. })) {
                by_position.push((0, toks));
            }
        }
    }
    for (ri, toks) in &by_position {
        let r = &t.rows[*ri];
        let span = Span::new(file, toks[0].start, toks[toks.len() - 1].end);
        doc.findings.push(
            Diagnostic::of(
                Code::LabelWording,
                crate::tr!("tables-row-no-label", row = short(&r.label)),
                span,
            )
            .with_primary_message(crate::tr!("tables-read-as", label = r.label.as_str()))
            .with_rule(r.span)
            .with_help(crate::tr!("tables-write-label", label = r.label.as_str())),
        );
        for (tok, &c) in toks.iter().zip(t.row_columns(*ri)) {
            let value = match tok.kind {
                TokKind::Num { value, .. } => Value::Number(value),
                _ => Value::Unreadable,
            };
            read.cells.push(Cell {
                row: *ri,
                col: c,
                value,
                raw: Cell::raw_of(tok.raw),
                span: Span::new(file, tok.start, tok.end),
            });
        }
        read.rows.push(FoundRow {
            row: *ri,
            label: span,
        });
    }
    by_position.into_iter().map(|(r, _)| r).collect()
}

/// Rows that are not there (R021), except after the point where a truncated report ends.
fn report_missing_rows(cx: &Ctx, anchors: &[Option<Anchor>], lost: &[usize], doc: &mut Document) {
    let (t, key, text, from) = (cx.t, cx.key, cx.text, cx.from);
    let file = doc.file;
    // Rows that are not there: reported, except after the point where a truncated report ends.
    let last_placed = anchors.iter().rposition(|a| a.is_some()).unwrap_or(0);
    for (ri, a) in anchors.iter().enumerate() {
        if a.is_some() || lost.contains(&ri) || doc.snippet {
            continue;
        }
        if doc.truncated && ri > last_placed {
            continue;
        }
        // Point at the label of the row after it (or before it), not at a whole line: in
        // crawler text the line is the whole report.
        let next = anchors[ri + 1..]
            .iter()
            .flatten()
            .next()
            .map(|a| key.bytes(a.ks, a.ke));
        let prev = anchors[..ri]
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|a| key.bytes(a.ks, a.ke));
        let (la, lb) = next
            .or(prev)
            .unwrap_or_else(|| super::sections::line_of(text, from));
        let r = &t.rows[ri];
        doc.findings.push(
            Diagnostic::of(
                Code::RowMissing,
                crate::tr!(
                    "tables-row-missing",
                    row = short(&r.label),
                    table = t.id.as_str(),
                    label = t.label.as_str()
                ),
                Span::new(file, la, lb),
            )
            .with_primary_message(if next.is_some() {
                crate::tr!("tables-row-before", row = short(&r.label))
            } else {
                crate::tr!("tables-row-after", row = short(&r.label))
            })
            .with_rule(r.span)
            .with_help(crate::tr!("tables-row-missing-help")),
        );
    }
}

/// The cells of each placed row, then the narrowing of run-together digits by the columns.
fn read_rows(cx: &Ctx, anchors: &[Option<Anchor>], read: &mut TableRead, doc: &mut Document) {
    let (t, key, text, to, labels) = (cx.t, cx.key, cx.text, cx.to, cx.labels);
    let file = doc.file;
    // Cells of each placed row.
    let mut pending: Vec<Pending> = Vec::new();
    let mut displaced = false;
    let mut empty_rows: Vec<usize> = Vec::new();
    let placed_idx: Vec<usize> = (0..anchors.len())
        .filter(|&i| anchors[i].is_some())
        .collect();
    let mut lines = LineCursor::default();
    for (pi, &ri) in placed_idx.iter().enumerate() {
        let Some(a) = anchors[ri].as_ref() else {
            continue;
        };
        let (la, lb) = key.bytes(a.ks, a.ke);
        let label_span = Span::new(file, la, lb);
        read.rows.push(FoundRow {
            row: ri,
            label: label_span,
        });
        if a.drift {
            label_drift(t, ri, key, text, a, file, doc);
        }
        let region_end = placed_idx
            .get(pi + 1)
            .and_then(|&n| anchors[n].as_ref())
            .map(|n| key.bytes(n.ks, n.ke).0)
            .unwrap_or(to);
        // Closing quotes and brackets the key dropped still belong to the label.
        let lb = lb
            + text[lb..]
                .chars()
                .take_while(|c| {
                    matches!(
                        c,
                        '”' | '’' | '"' | '\'' | '）' | ')' | '》' | '」' | '』' | '】'
                    )
                })
                .map(char::len_utf8)
                .sum::<usize>();
        // A label cut short continues after the numbers; start after the matched part.
        // A row whose cells the container gave (HTML, Word) is read as they are.
        // Cells of a container's table that each span one column hold one value each: never
        // split into several (a row with a cell missing is short, not run together).
        let mut whole_cells = false;
        let mut toks = match doc.known_row(lb) {
            Some(row) => {
                let spans: Vec<(usize, usize)> =
                    row.cells.iter().map(|c| (c.start, c.end)).collect();
                whole_cells = row
                    .cells
                    .iter()
                    .filter(|c| c.start >= lb)
                    .all(|c| c.columns == 1);
                cells::known_tokens(text, &spans, lb, labels)
            }
            None => cells::tokenize(text, lb, region_end.max(lb), labels),
        };
        let cols = t.row_columns(ri);
        // The next row's label is lost (only its numbers are there): this row's cells are the
        // values on its own line(s), up to the line break after the row's count of values; the
        // rest belongs to the row whose label is missing (R021), not to this one.
        // So are they where the label's line is a row drawn with bars (`| 三、 | （一）予以公开 |
        // 9 | … | 9 |`) holding exactly the row's count of values: the bar closes the row, and a
        // bar line of numbers after it is another row's (its label scattered elsewhere).
        if anchors.get(ri + 1).is_some_and(Option::is_none)
            || closed_bar_row(&toks, cols.len(), text, lines.line(text, lb))
        {
            own_lines_only(&mut toks, cols.len(), text);
        }
        // The last row of a report that ends early: the numbers there are read in order, except
        // the last one, which may have been cut off mid-number.
        let text_end = text.trim_end().len();
        if doc.truncated && region_end >= text_end && toks.is_empty() {
            continue;
        }
        let mut values = toks.iter().filter(|t| t.kind != TokKind::Gap);
        let (n_values, last_value) = (values.clone().count(), values.next_back());
        // The row runs to the end of the text (a separator may close it: `| 1 | 0 |`).
        let runs_to_end = last_value.is_some_and(|t| {
            t.end >= text_end
                || text[t.end..text_end]
                    .chars()
                    .all(|c| matches!(c, '|' | '\t' | ' ' | '\u{3000}'))
        });
        if doc.truncated && region_end >= text_end && n_values < cols.len() && runs_to_end {
            toks.retain(|t| t.kind != TokKind::Gap);
            // A number that touches the end of the text may have been cut off mid-number.
            if toks.last().is_some_and(|t| t.end >= text_end) {
                toks.pop();
            }
            let file = doc.file;
            for (tok, &c) in toks.iter().zip(cols.iter()) {
                let value = match tok.kind {
                    TokKind::Num { value, .. } if value >= 0.0 => Value::Number(value),
                    TokKind::Blank | TokKind::NoValue => Value::NoValue,
                    _ => Value::Unreadable,
                };
                read.cells.push(Cell {
                    row: ri,
                    col: c,
                    value,
                    raw: Cell::raw_of(tok.raw),
                    span: Span::new(file, tok.start, tok.end),
                });
            }
            continue;
        }
        let line = [(ri, cols)];
        let holds = |vals: &[Option<f64>]| row_identities_hold(t, &line, vals);
        let found = toks.iter().filter(|t| t.kind != TokKind::Gap).count();
        let outcome = if whole_cells && found < cols.len() {
            Outcome::TooFew { found, toks }
        } else {
            cells::assign(toks, cols.len(), &holds)
        };
        match &outcome {
            Outcome::TooMany { .. } => displaced = true,
            Outcome::TooFew { found: 0, .. } => empty_rows.push(ri),
            _ => {}
        }
        store(t, &line, outcome, label_span, read, doc, &mut pending);
    }
    narrow(t, read, &mut pending);
    report_splits(&pending, read, doc);
    // Where some row has more numbers than cells, numbers have been displaced from their rows:
    // a row left with no numbers is then not known to be blank.
    if displaced {
        for c in read
            .cells
            .iter_mut()
            .filter(|c| empty_rows.contains(&c.row))
        {
            c.value = Value::Unreadable;
        }
    }
}

/// The line holding a byte, for bytes asked in mostly increasing order: each search starts
/// where the last one ended, so the rows of a table written as one long line cost one pass over
/// it, not one per row.
#[derive(Default)]
struct LineCursor {
    /// The last byte asked, and the start and end (its line break, or the text's end) of its line.
    at: usize,
    start: usize,
    end: usize,
    known: bool,
}

impl LineCursor {
    fn line(&mut self, text: &str, at: usize) -> (usize, usize) {
        let start = if self.known && at >= self.at {
            text[self.at..at]
                .rfind('\n')
                .map_or(self.start, |i| self.at + i + 1)
        } else {
            text[..at].rfind('\n').map_or(0, |i| i + 1)
        };
        let end = if self.known && at >= self.at && at <= self.end {
            self.end
        } else {
            text[at..].find('\n').map_or(text.len(), |i| at + i)
        };
        *self = LineCursor {
            at,
            start,
            end,
            known: true,
        };
        (start, end)
    }
}

/// Keep the first `n` values when a line break follows them and more values come after.
/// Whether the line `(start, end)` of a row's label is drawn with bars (it starts and ends with
/// `|`) and holds exactly `n` values after the label.
fn closed_bar_row(toks: &[cells::Tok], n: usize, text: &str, (start, end): (usize, usize)) -> bool {
    let line = text[start..end].trim_matches([' ', '\u{3000}', '\r']);
    if !(line.len() > 1 && line.starts_with('|') && line.ends_with('|')) {
        return false;
    }
    let on_line = toks
        .iter()
        .filter(|t| t.start < end && !matches!(t.kind, TokKind::Gap | TokKind::Text))
        .count();
    on_line == n
}

fn own_lines_only(toks: &mut Vec<cells::Tok>, n: usize, text: &str) {
    let values: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.kind, TokKind::Gap | TokKind::Text))
        .map(|(i, _)| i)
        .collect();
    if n == 0 || values.len() <= n {
        return;
    }
    let (last, next) = (values[n - 1], values[n]);
    let (end, start) = (toks[last].end, toks[next].start);
    if end <= start && text[end..start].contains('\n') {
        toks.truncate(last + 1);
    }
}

/// For every row `ri` and key position `pos`: how many of rows `ri..` can be placed, in order,
/// at their exact labels' occurrences after `pos`. Which occurrences lie at or after `pos` is all
/// that matters, so positions are ranked among the occurrences' starts and the counts filled in
/// one table, last row first (rows × occurrences; no hashing). A table too large for that (a
/// rule file with thousands of rows) is searched from the positions asked, remembering each.
enum Chains<'a> {
    Table {
        /// Every start of an occurrence, sorted, without repeats.
        starts: Vec<usize>,
        /// `best[ri * (starts.len() + 1) + rank]`; the row past the last holds zeros.
        best: Vec<u32>,
    },
    Search {
        occ: &'a [Vec<usize>],
        keys: &'a [Vec<char>],
        memo: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), usize>>,
    },
}

impl<'a> Chains<'a> {
    const MAX_TABLE: usize = 1 << 20;

    fn new(occ: &'a [Vec<usize>], keys: &'a [Vec<char>]) -> Chains<'a> {
        let mut starts: Vec<usize> = occ.iter().flatten().copied().collect();
        starts.sort_unstable();
        starts.dedup();
        let w = starts.len() + 1;
        if (occ.len() + 1).saturating_mul(w) > Self::MAX_TABLE {
            return Chains::Search {
                occ,
                keys,
                memo: Default::default(),
            };
        }
        let mut best = vec![0u32; (occ.len() + 1) * w];
        // For each occurrence of a row, the rank of the first start after it (where the rows
        // after it can go on): one search per occurrence, not one per rank.
        let mut after: Vec<usize> = Vec::new();
        for ri in (0..occ.len()).rev() {
            let here = &occ[ri];
            after.clear();
            after.extend(
                here.iter()
                    .map(|&i| starts.partition_point(|&s| s < i + keys[ri].len())),
            );
            // The first occurrence of this row at or after the position of rank `r`: the
            // occurrences are in order and the ranks go up, so it only moves on.
            let mut j = 0;
            for r in 0..w {
                let skip = best[(ri + 1) * w + r];
                let take = starts.get(r).and_then(|&from| {
                    while j < here.len() && here[j] < from {
                        j += 1;
                    }
                    (j < here.len()).then(|| 1 + best[(ri + 1) * w + after[j]])
                });
                best[ri * w + r] = skip.max(take.unwrap_or(0));
            }
        }
        Chains::Table { starts, best }
    }

    fn after(&self, ri: usize, pos: usize) -> usize {
        match self {
            Chains::Table { starts, best } => {
                let w = starts.len() + 1;
                let r = starts.partition_point(|&s| s < pos);
                best.get(ri * w + r).map_or(0, |&v| v as usize)
            }
            Chains::Search { occ, keys, memo } => chain(occ, keys, ri, pos, &mut memo.borrow_mut()),
        }
    }
}

/// How many of rows `ri..` can be placed, in order, after key position `pos`.
fn chain(
    occ: &[Vec<usize>],
    keys: &[Vec<char>],
    ri: usize,
    pos: usize,
    memo: &mut rustc_hash::FxHashMap<(usize, usize), usize>,
) -> usize {
    if ri >= occ.len() {
        return 0;
    }
    if let Some(&v) = memo.get(&(ri, pos)) {
        return v;
    }
    let skip = chain(occ, keys, ri + 1, pos, memo);
    let take = occ[ri]
        .iter()
        .copied()
        .find(|&i| i >= pos)
        .map(|i| 1 + chain(occ, keys, ri + 1, i + keys[ri].len(), memo))
        .unwrap_or(0);
    let v = skip.max(take);
    memo.insert((ri, pos), v);
    v
}

/// `（二）部分公开` → the label without its parenthesised explanation, for messages.
pub fn short(label: &str) -> &str {
    let mut chars = label.char_indices();
    let skip = if label.starts_with('（') || label.starts_with('(') {
        label.find(['）', ')']).map(|i| i + 1).unwrap_or(0)
    } else {
        0
    };
    for (i, c) in chars.by_ref() {
        if i >= skip && i > 0 && (c == '（' || c == '(') {
            return &label[..i];
        }
    }
    label
}

fn prefix_match(key: &KeyText, k: &[char], lo: usize, hi: usize) -> Option<Anchor> {
    let min = (k.len() / 2).max(4);
    let mut len = k.len().saturating_sub(1);
    while len >= min {
        if let Some(i) = key.find(&k[..len], lo, hi) {
            return Some(Anchor {
                ks: i,
                ke: i + len,
                drift: true,
            });
        }
        len -= 1;
    }
    None
}

/// The run of label-like text between `lo` and `hi` most like the label (similarity ≥ 0.6).
fn fuzzy_match(key: &KeyText, k: &[char], lo: usize, hi: usize) -> Option<Anchor> {
    let numbered = k.first().is_some_and(|c| c.is_ascii_digit());
    let mut best: Option<(f64, usize, usize)> = None;
    let mut i = lo;
    while i < hi {
        if key.chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < hi && !key.chars[j].is_ascii_digit() {
            j += 1;
        }
        let start = if numbered && i > lo && key.chars[i - 1] == k[0] {
            i - 1
        } else {
            i
        };
        let cand = &key.chars[start..j];
        // The most the similarity can be (every character of the shorter in common): where that
        // cannot pass, the table is not worked out.
        let (short, total) = (cand.len().min(k.len()), cand.len() + k.len());
        let most = if short == 0 {
            0.0
        } else {
            2.0 * short as f64 / total as f64
        };
        if most < 0.6 || best.is_some_and(|(b, _, _)| most <= b) {
            i = j;
            continue;
        }
        let sim = norm::similarity(cand, k);
        if sim >= 0.6 && best.is_none_or(|(b, _, _)| sim > b) {
            best = Some((sim, start, j));
        }
        i = j;
    }
    if let Some((_, s, e)) = best {
        return Some(Anchor {
            ks: s,
            ke: e,
            drift: true,
        });
    }
    // The label shortened (`规范性文件` for `行政规范性文件`): the longest piece of it, at least
    // 60% of it, that ends where the numbers begin.
    let min = ((k.len() * 3).div_ceil(5)).max(3);
    for len in (min..k.len()).rev() {
        for off in 0..=k.len() - len {
            let piece = &k[off..off + len];
            for i in key.find_iter(piece, lo, hi) {
                let end = i + len;
                if end < key.len() && key.chars[end].is_ascii_digit() && (off + len == k.len()) {
                    return Some(Anchor {
                        ks: i,
                        ke: end,
                        drift: true,
                    });
                }
            }
        }
    }
    None
}

fn label_drift(
    t: &Table,
    ri: usize,
    key: &KeyText,
    text: &str,
    a: &Anchor,
    file: crate::source::FileId,
    doc: &mut Document,
) {
    // The label as written: from the match to the first digit, separator or line end.
    let (la, lb) = key.bytes(a.ks, a.ke);
    let rest = &text[lb..];
    let stop = rest
        .find(|c: char| {
            c == '\n' || c == '\t' || c == '|' || c.is_ascii_digit() || ('０'..='９').contains(&c)
        })
        .unwrap_or(rest.len());
    let written = text[la..lb + stop].trim();
    let wk = norm::key(written);
    let official = &t.keys.rows[ri];
    if wk == *official || (official.starts_with(&wk) && wk.len() >= official.len() / 2) {
        return;
    }
    let r = &t.rows[ri];
    let span = Span::new(file, la, la + written.len());
    doc.findings.push(
        Diagnostic::of(
            Code::LabelWording,
            crate::tr!(
                "tables-label-differs",
                written = written,
                label = r.label.as_str()
            ),
            span,
        )
        .with_primary_message(crate::tr!("tables-read-as-this-row"))
        .with_rule(r.span)
        .with_fix(
            crate::tr!("tables-fix-label", label = r.label.as_str()),
            span,
            r.label.clone(),
        ),
    );
}

#[allow(clippy::too_many_arguments)]
fn read_inline(
    t: &Table,
    key: &KeyText,
    text: &str,
    ka: usize,
    kb: usize,
    labels: &Labels,
    read: &mut TableRead,
    doc: &mut Document,
) {
    let file = doc.file;
    let header: Vec<&Vec<char>> = t.keys.rows.iter().chain(&t.keys.columns).collect();
    let lines: Vec<(usize, &[usize])> = (0..t.rows.len())
        .map(|ri| (ri, t.row_columns(ri)))
        .collect();
    let n: usize = lines.iter().map(|(_, c)| c.len()).sum();
    let mut at = ka;
    while at < kb {
        // The next header label.
        let next = header
            .iter()
            .filter_map(|h| key.find(h, at, kb).map(|i| (i, h.len())))
            .min();
        let Some((i, len)) = next else { break };
        let (ha, hb) = key.bytes(i, i + len);
        let (_, end) = key.bytes(kb.saturating_sub(1).max(i), kb.max(i + 1));
        let mut toks = cells::tokenize(text, hb, end.min(text.len()), labels);
        // Header lines: skip everything up to the first number.
        while toks
            .first()
            .is_some_and(|t| matches!(t.kind, TokKind::Blank))
        {
            toks.remove(0);
        }
        if toks
            .first()
            .is_some_and(|t| !matches!(t.kind, TokKind::Text))
        {
            read.start = Some(Span::new(file, ha, hb));
            let outcome = cells::assign(toks, n, &|vals| row_identities_hold(t, &lines, vals));
            let header_span = Span::new(file, ha, hb);
            for (ri, _) in &lines {
                read.rows.push(FoundRow {
                    row: *ri,
                    label: header_span,
                });
            }
            let mut pending = Vec::new();
            store(t, &lines, outcome, header_span, read, doc, &mut pending);
            report_splits(&pending, read, doc);
            return;
        }
        at = i + len;
    }
    let at = doc
        .section(t.section)
        .map(|s| s.heading)
        .unwrap_or(Span::new(file, 0, 0));
    doc.findings.push(
        Diagnostic::of(
            Code::TableMissing,
            crate::tr!("tables-missing", label = t.label.as_str()),
            at,
        )
        .with_primary_message(crate::tr!("tables-no-numbers-after-header", count = n))
        .with_help(crate::tr!("tables-image-help"))
        .with_rule(t.id_span),
    );
}

/// Do the `each row` identities hold for a full assignment of these lines' cells?
/// `None` when they cannot be evaluated (a cell is not a number).
fn row_identities_hold(
    t: &Table,
    lines: &[(usize, &[usize])],
    vals: &[Option<f64>],
) -> Option<bool> {
    let mut offset = 0;
    let mut result = None;
    for (ri, cols) in lines {
        let mut get = |_: usize, c: usize| {
            cols.iter()
                .position(|&x| x == c)
                .and_then(|p| vals.get(offset + p).copied().flatten())
        };
        for ch in t.checks.iter().filter(|c| {
            c.quantifier == Some(Quantifier::EachRow)
                && c.applies_to.contains(ri)
                && c.is_identity()
        }) {
            if let Some((_, _, holds)) = ch.evaluate(t, *ri, &mut get) {
                if !holds {
                    return Some(false);
                }
                result = Some(true);
            }
        }
        offset += cols.len();
    }
    result
}

/// Turn a row's (or an inline table's) outcome into cells and reader findings.
fn store<'a>(
    t: &'a Table,
    lines: &[(usize, &'a [usize])],
    outcome: Outcome<'a>,
    label: Span,
    read: &mut TableRead,
    doc: &mut Document,
    pending: &mut Vec<Pending<'a>>,
) {
    let file = doc.file;
    let n: usize = lines.iter().map(|(_, c)| c.len()).sum();
    let slots = || cells_of(lines);
    // Only a finding needs it.
    let what = || {
        if lines.len() == 1 {
            crate::tr!(
                "check-place-row",
                table = t.id.as_str(),
                label = t.label.as_str(),
                row = short(&t.rows[lines[0].0].label)
            )
        } else {
            crate::tr!(
                "check-place-table",
                table = t.id.as_str(),
                label = t.label.as_str()
            )
        }
    };
    match outcome {
        // A row with no value at all: its cells are blank (a warning, like any blank cell).
        Outcome::TooFew { found: 0, .. } => {
            doc.findings.push(
                Diagnostic::of(
                    Code::BlankCell,
                    crate::tr!("tables-holds-no-values", what = what()),
                    label,
                )
                .with_primary_message(crate::tr!("tables-no-values-after-label"))
                .with_note(crate::tr!("tables-blank-row-note"))
                .with_help(crate::tr!("tables-one-value-per-cell"))
                .with_rule(t.rows[lines[0].0].span),
            );
            for (r, c) in slots() {
                read.cells.push(Cell {
                    row: r,
                    col: c,
                    value: Value::NoValue,
                    raw: std::borrow::Cow::Borrowed(""),
                    span: label,
                });
            }
        }
        Outcome::TooFew { found, toks } | Outcome::TooMany { found, toks } if found != n => {
            let too_few = found < n;
            let span = match (toks.first(), toks.last()) {
                (Some(a), Some(b)) if b.end > a.start => Span::new(file, a.start, b.end),
                _ => label,
            };
            let msg = if found == 0 {
                crate::tr!("tables-no-numbers", what = what())
            } else if too_few {
                crate::tr!("tables-too-few", what = what(), found = found, cells = n)
            } else {
                crate::tr!("tables-too-many", what = what(), found = found, cells = n)
            };
            let mut d = Diagnostic::of(
                if too_few {
                    Code::RowTooFewCells
                } else {
                    Code::RowTooManyCells
                },
                msg,
                span,
            )
            .with_primary_message(if found == 0 {
                crate::tr!("tables-expected-numbers")
            } else {
                crate::tr!("tables-values-here", found = found)
            })
            .with_note(if found == 0 {
                crate::tr!("tables-label-after-label")
            } else {
                crate::tr!("tables-cannot-tell-cells")
            })
            .with_help(crate::tr!("tables-one-value-per-cell"));
            if span != label {
                d = d.with_label(label, crate::tr!("tables-this-row"));
            }
            doc.findings.push(d.with_rule(t.rows[lines[0].0].span));
            // No numbers at all: the cells are blank. Some numbers: which is which cannot be told.
            let value = if found == 0 {
                Value::NoValue
            } else {
                Value::Unreadable
            };
            for (r, c) in slots() {
                read.cells.push(Cell {
                    row: r,
                    col: c,
                    value: value.clone(),
                    raw: std::borrow::Cow::Borrowed(""),
                    span: label,
                });
            }
        }
        Outcome::TooFew { .. } | Outcome::TooMany { .. } => {}
        Outcome::Unplaced { found, toks } => {
            let span = match (toks.first(), toks.last()) {
                (Some(a), Some(b)) if b.end > a.start => Span::new(file, a.start, b.end),
                _ => label,
            };
            let mut d = Diagnostic::of(
                Code::CellsUnplaced,
                crate::tr!("tables-unplaced", what = what(), count = found, cells = n),
                span,
            )
            .with_primary_message(crate::tr!("tables-values-here", found = found))
            .with_note(crate::tr!("tables-unplaced-note"))
            .with_help(crate::tr!("tables-one-value-per-cell"));
            if span != label {
                d = d.with_label(label, crate::tr!("tables-this-row"));
            }
            doc.findings.push(d.with_rule(t.rows[lines[0].0].span));
            for (r, c) in slots() {
                read.cells.push(Cell {
                    row: r,
                    col: c,
                    value: Value::Unreadable,
                    raw: std::borrow::Cow::Borrowed(""),
                    span: label,
                });
            }
        }
        Outcome::Cells { cells, split, pool } => {
            let first_cell = read.cells.len();
            let mut blanks: Vec<Span> = Vec::new();
            let mut blank_cols: Vec<String> = Vec::new();
            let mut ambiguous: Vec<Span> = Vec::new();
            for (a, (r, c)) in cells.into_iter().zip(slots()) {
                let span = Span::new(file, a.tok.start, a.tok.end);
                let col = &t.columns[c];
                let value = if a.ambiguous {
                    ambiguous.push(span);
                    Value::Unreadable
                } else {
                    cell_value(
                        t,
                        r,
                        c,
                        &a.tok,
                        span,
                        doc,
                        &mut blanks,
                        &mut blank_cols,
                        col,
                    )
                };
                read.cells.push(Cell {
                    row: r,
                    col: c,
                    value,
                    raw: Cell::raw_of(a.tok.raw),
                    span,
                });
            }
            if !blanks.is_empty() {
                let mut d = Diagnostic::of(
                    Code::BlankCell,
                    crate::tr!(
                        "tables-blank",
                        what = what(),
                        columns = crate::i18n::join(&blank_cols),
                        count = blanks.len()
                    ),
                    blanks[0],
                )
                .with_primary_message(crate::tr!("tables-no-value-here"))
                .with_note(crate::tr!("tables-blank-note"))
                .with_help(crate::tr!("tables-blank-help"));
                for b in blanks.iter().skip(1).take(7) {
                    d = d.with_label(*b, crate::tr!("tables-no-value"));
                }
                if lines.len() == 1 {
                    d = d.with_label(label, crate::tr!("tables-in-this-row"));
                }
                doc.findings.push(d);
            }
            if matches!(split, SplitUse::Ambiguous | SplitUse::ByIdentity) {
                pending.push(Pending {
                    lines: lines.to_vec(),
                    pool: pool.map(|p| *p).unwrap_or_default(),
                    label,
                    what: what(),
                    first_cell,
                });
            }
        }
    }
}

/// The (row, column) of each cell of these lines, in order.
fn cells_of<'l>(lines: &'l [(usize, &[usize])]) -> impl Iterator<Item = (usize, usize)> + 'l {
    lines
        .iter()
        .flat_map(|&(r, cols)| cols.iter().map(move |&c| (r, c)))
}

/// A row (or inline table) whose digits ran together, with the splits still possible.
struct Pending<'a> {
    lines: Vec<(usize, &'a [usize])>,
    pool: cells::Pool<'a>,
    label: Span,
    what: String,
    first_cell: usize,
}

/// Narrow undecided splits with the column identities: a split that makes an identity of a
/// column fail (where every other cell it needs is known) is dropped.
fn narrow(t: &Table, read: &mut TableRead, pending: &mut [Pending]) {
    let col_checks: Vec<&crate::compile::Check> = t
        .checks
        .iter()
        .filter(|c| c.quantifier == Some(Quantifier::EachColumn) && c.is_identity())
        .collect();
    if col_checks.is_empty() {
        return;
    }
    for _round in 0..4 {
        let mut changed = false;
        for p in pending.iter_mut() {
            if p.pool.candidates.len() < 2 {
                continue;
            }
            let slots: Vec<(usize, usize)> = cells_of(&p.lines).collect();
            let kept: Vec<cells::Candidate> = p
                .pool
                .candidates
                .iter()
                .filter(|cand| {
                    let value = |r: usize, c: usize| -> Option<f64> {
                        if let Some(i) = slots.iter().position(|&x| x == (r, c)) {
                            let v = cand[i].0;
                            return (!v.is_nan()).then_some(v);
                        }
                        match read.cell(r, c).map(|x| &x.value) {
                            Some(Value::Number(v)) => Some(*v),
                            _ => None,
                        }
                    };
                    col_checks.iter().all(|ch| {
                        ch.applies_to
                            .iter()
                            .all(|&col| column_holds(t, ch, col, &value) != Some(false))
                    })
                })
                .cloned()
                .collect();
            if !kept.is_empty() && kept.len() < p.pool.candidates.len() {
                p.pool.candidates = kept;
                changed = true;
                let (assigned, _) = cells::consensus(&p.pool);
                for (k, a) in assigned.into_iter().enumerate() {
                    let cell = &mut read.cells[p.first_cell + k];
                    cell.value = if a.ambiguous {
                        Value::Unreadable
                    } else {
                        match a.tok.kind {
                            TokKind::Num { value, .. } => Value::Number(value),
                            _ => cell.value.clone(),
                        }
                    };
                    cell.raw = Cell::raw_of(a.tok.raw);
                    cell.span = Span::new(cell.span.file, a.tok.start, a.tok.end);
                }
            }
        }
        if !changed {
            break;
        }
    }
}

fn column_holds(
    t: &Table,
    ch: &crate::compile::Check,
    col: usize,
    value: &dyn Fn(usize, usize) -> Option<f64>,
) -> Option<bool> {
    ch.evaluate(t, col, &mut |r, c| value(r, c))
        .map(|(_, _, holds)| holds)
}

fn report_splits(pending: &[Pending], read: &TableRead, doc: &mut Document) {
    let file = doc.file;
    for p in pending {
        let n: usize = p.lines.iter().map(|(_, c)| c.len()).sum();
        let cells = &read.cells[p.first_cell..p.first_cell + n];
        let unreadable: Vec<&Cell> = cells
            .iter()
            .filter(|c| c.value == Value::Unreadable && !c.raw.is_empty())
            .collect();
        let (a, b) = match (cells.first(), cells.last()) {
            (Some(x), Some(y)) => (x.span.start, y.span.end.max(x.span.start)),
            _ => (p.label.start, p.label.end),
        };
        if p.pool.candidates.len() > 1 || p.pool.overflow {
            let (ua, ub) = (
                unreadable.first().map(|c| c.span.start).unwrap_or(a),
                unreadable.last().map(|c| c.span.end).unwrap_or(b),
            );
            doc.findings.push(
                Diagnostic::of(
                    Code::DigitsRunTogether,
                    crate::tr!("tables-run-together", what = p.what.as_str()),
                    Span::new(file, ua, ub.max(ua)),
                )
                .with_primary_message(crate::tr!("tables-no-separators"))
                .with_label(p.label, crate::tr!("tables-in-this-row"))
                .with_note({
                    let unreadable = cells
                        .iter()
                        .filter(|c| c.value == Value::Unreadable)
                        .count();
                    if cells.iter().any(|c| matches!(c.value, Value::Number(_))) {
                        crate::tr!("tables-left-unreadable-some", count = unreadable, cells = n)
                    } else {
                        crate::tr!("tables-left-unreadable", count = unreadable, cells = n)
                    }
                })
                .with_note(if p.pool.candidates.is_empty() {
                    if p.pool.total == usize::MAX {
                        crate::tr!("tables-digits-too-long")
                    } else {
                        crate::tr!(
                            "tables-too-many-splits",
                            count = p.pool.total.saturating_sub(1)
                        )
                    }
                } else {
                    crate::tr!("tables-splits-fit", count = p.pool.candidates.len())
                })
                .with_help(crate::tr!("tables-separate-help")),
            );
        } else if p.pool.total > 1 {
            let vals: Vec<&str> = cells.iter().map(|c| c.raw.as_ref()).collect();
            doc.findings.push(
                Diagnostic::of(
                    Code::DigitsSplit,
                    crate::tr!(
                        "tables-split",
                        what = p.what.as_str(),
                        values = vals.join(" ")
                    ),
                    Span::new(file, a, b),
                )
                .with_primary_message(crate::tr!("tables-no-separators"))
                .with_note(crate::tr!("tables-split-note", count = p.pool.total))
                .with_help(crate::tr!("tables-separate-help")),
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn cell_value(
    t: &Table,
    r: usize,
    _c: usize,
    tok: &cells::Tok,
    span: Span,
    doc: &mut Document,
    blanks: &mut Vec<Span>,
    blank_cols: &mut Vec<String>,
    col: &crate::compile::Column,
) -> Value {
    // Built only for a finding: most cells are plain numbers.
    let here = || {
        crate::tr!(
            "check-cell",
            row = short(&t.rows[r].label),
            column = short(&col.label)
        )
    };
    match &tok.kind {
        TokKind::Blank | TokKind::NoValue | TokKind::Gap => {
            blanks.push(span);
            blank_cols.push(crate::tr!("quoted", text = short(&col.label)));
            Value::NoValue
        }
        TokKind::Letter => {
            let guess: String = tok
                .raw
                .chars()
                .map(|c| match c {
                    'O' | 'o' => '0',
                    'l' | 'I' => '1',
                    c => c,
                })
                .collect();
            doc.findings.push(
                Diagnostic::of(
                    Code::LetterForDigit,
                    crate::tr!(
                        "cells-letter",
                        cell = here(),
                        raw = tok.raw,
                        guess = guess.as_str(),
                        count = guess.chars().count()
                    ),
                    span,
                )
                .with_primary_message(crate::tr!("cells-letter-here"))
                .with_note(crate::tr!("cells-letter-note"))
                .with_help(crate::tr!(
                    "cells-letter-help",
                    guess = guess.as_str(),
                    count = guess.chars().count()
                )),
            );
            Value::Unreadable
        }
        TokKind::Glued => {
            doc.findings.push(
                Diagnostic::of(
                    Code::DigitsRunTogether,
                    crate::tr!("cells-glued", cell = here(), raw = tok.raw),
                    span,
                )
                .with_primary_message(crate::tr!("cells-glued-here"))
                .with_note(crate::tr!("cells-glued-note"))
                .with_help(crate::tr!("cells-glued-help")),
            );
            Value::Unreadable
        }
        TokKind::Text => {
            doc.findings.push(
                Diagnostic::of(
                    Code::TextInCell,
                    crate::tr!("cells-text", cell = here(), raw = tok.raw),
                    span,
                )
                .with_primary_message(crate::tr!("cells-not-a-number"))
                .with_help(crate::tr!("cells-text-help")),
            );
            Value::Unreadable
        }
        TokKind::Num { value, unit, .. } => {
            let value = *value;
            match &col.kind {
                CellKind::Count if value < 0.0 => {
                    doc.findings.push(
                        Diagnostic::of(
                            Code::NegativeCount,
                            crate::tr!("cells-negative", cell = here(), raw = tok.raw),
                            span,
                        )
                        .with_primary_message(crate::tr!("cells-negative-here")),
                    );
                }
                CellKind::Amount { .. } if value < 0.0 => {
                    doc.findings.push(
                        Diagnostic::of(
                            Code::NegativeCount,
                            crate::tr!("cells-negative-amount", cell = here(), raw = tok.raw),
                            span,
                        )
                        .with_primary_message(crate::tr!("cells-negative-amount-here"))
                        .with_help(crate::tr!("cells-negative-amount-help")),
                    );
                }
                CellKind::Count | CellKind::Signed if value.fract() != 0.0 => {
                    doc.findings.push(
                        Diagnostic::of(
                            Code::TextInCell,
                            crate::tr!("cells-fraction", cell = here(), raw = tok.raw),
                            span,
                        )
                        .with_primary_message(crate::tr!("cells-fraction-here")),
                    );
                    return Value::Unreadable;
                }
                _ => {}
            }
            if let Some(u) = unit {
                match &col.kind {
                    CellKind::Amount { unit: Some(cu), .. } if cu != u => {
                        doc.findings.push(
                            Diagnostic::of(
                                Code::UnitInCell,
                                crate::tr!(
                                    "cells-other-unit",
                                    cell = here(),
                                    unit = *u,
                                    column_unit = cu.as_str()
                                ),
                                span,
                            )
                            .with_primary_message(crate::tr!("cells-written-in", unit = *u))
                            .with_note(crate::tr!("cells-other-unit-note"))
                            .with_help(crate::tr!(
                                "cells-other-unit-help",
                                column_unit = cu.as_str()
                            )),
                        );
                        return Value::Unreadable;
                    }
                    CellKind::Amount { unit: None, .. } => {}
                    _ => {
                        doc.findings.push(
                            Diagnostic::of(
                                Code::UnitInCell,
                                crate::tr!("cells-unit", cell = here(), raw = tok.raw),
                                span,
                            )
                            .with_primary_message(crate::tr!("cells-unit-here", unit = *u))
                            .with_help(crate::tr!("cells-unit-help")),
                        );
                    }
                }
            }
            Value::Number(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_chains_counts_what_the_search_counts() {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for _ in 0..200 {
            let rows = 1 + next(12);
            let keys: Vec<Vec<char>> = (0..rows).map(|_| vec!['x'; 1 + next(5)]).collect();
            let occ: Vec<Vec<usize>> = (0..rows)
                .map(|_| {
                    let mut o: Vec<usize> = (0..next(5)).map(|_| next(60)).collect();
                    o.sort_unstable();
                    o.dedup();
                    o
                })
                .collect();
            let table = Chains::new(&occ, &keys);
            assert!(matches!(table, Chains::Table { .. }));
            let search = Chains::Search {
                occ: &occ,
                keys: &keys,
                memo: Default::default(),
            };
            for ri in 0..=rows + 1 {
                for pos in 0..70 {
                    assert_eq!(
                        table.after(ri, pos),
                        search.after(ri, pos),
                        "{occ:?} {ri} {pos}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_row_occurrences_are_what_the_search_finds() {
        let key = KeyText::new("（一）aab（一）aaab 一）aa（二）ab（一）aab aaaa");
        let keys: Vec<Vec<char>> = ["（一）aab", "aa", "a", "", "（二）", "b", "zz"]
            .iter()
            .map(|k| norm::key(k))
            .collect();
        for ka in 0..key.len() + 2 {
            for kb in [ka, ka + 3, key.len() - 1, key.len(), key.len() + 5] {
                let want: Vec<Vec<usize>> = keys
                    .iter()
                    .map(|k| key.find_iter(k, ka, kb).take(32).collect())
                    .collect();
                assert_eq!(row_occurrences(&key, &keys, ka, kb), want, "{ka} {kb}");
            }
        }
        let long = KeyText::new(&"ab".repeat(50));
        let ab = vec![vec!['a', 'b']];
        assert_eq!(row_occurrences(&long, &ab, 0, long.len())[0].len(), 32);
    }
}
