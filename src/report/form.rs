//! Reading a key–value form (`form` in the rules): each field's label, in the order the rules
//! give them, then its value — after the label on the same line (`标签：值`, `标签 | 值`, a table
//! of two or four columns), or on the next line when nothing follows the label. Values are
//! checked against their kind (count, text with a pattern, 是/否, choice, date) and whether the
//! field is asked (a group that depends on an answer). Count fields become cells, so the form's
//! checks are evaluated like a table's.

use super::norm::{self, KeyText};
use super::{Cell, Document, FieldText, FoundRow, TableRead, Value};
use crate::compile::{Compiled, Field, FieldKind, Form, Table};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// What one field holds, as read.
#[derive(Debug, Clone)]
struct Read {
    /// Byte range of the label.
    label: (usize, usize),
    /// Byte range of the value (empty at the label's end when blank).
    value: (usize, usize),
    raw: String,
}

impl Read {
    fn blank(&self) -> bool {
        is_blank(&self.raw)
    }
}

fn is_blank(raw: &str) -> bool {
    matches!(
        raw.trim(),
        "" | "-" | "－" | "—" | "——" | "/" | "／" | "不适用"
    )
}

/// Read every form of the chosen rule set over the whole text.
pub(super) fn read_forms(
    compiled: &Compiled,
    chosen: usize,
    key: &KeyText,
    text: &str,
    doc: &mut Document,
) {
    let rs = &compiled.rule_sets[chosen];
    for (ti, t) in rs.tables.iter().enumerate() {
        if t.form.is_some() {
            let read = read_form(t, chosen, ti, key, text, doc);
            doc.tables.push(read);
        }
    }
}

pub(super) fn read_form(
    t: &Table,
    rs_idx: usize,
    ti: usize,
    key: &KeyText,
    text: &str,
    doc: &mut Document,
) -> TableRead {
    let mut out = TableRead {
        rule_set: rs_idx,
        table: ti,
        rows: Vec::new(),
        cells: Vec::new(),
        start: None,
        mentions: super::tables::mentions(t, key, doc.file),
        fields: Vec::new(),
    };
    let Some(form) = &t.form else {
        return out;
    };
    // Every label of the form (fields, then groups), folded when the rules were compiled.
    let group_keys: Vec<Vec<char>> = form.groups.iter().map(|g| norm::key(&g.label)).collect();
    let all: Vec<&Vec<char>> = t.keys.rows.iter().chain(&group_keys).collect();
    // To tell a label standing where a value should be from a value.
    let labels: Vec<&[char]> = all
        .iter()
        .filter(|k| k.len() >= 2)
        .map(|k| k.as_slice())
        .collect();
    // Where the labels can start in the report, noted once for all the look-ups below.
    let starts = norm::Starts::new(key, all.iter().map(|k| k.as_slice()));
    // Each label with the longer labels that contain it, so that `信息发布` is not taken inside
    // `解读信息发布`, nor `移动新媒体` inside `是否有移动新媒体`.
    let find = |lk: &[char], from: usize| -> Option<usize> {
        let covers: Vec<(&Vec<char>, usize)> = all
            .iter()
            .copied()
            .filter(|o| o.len() > lk.len())
            .flat_map(|o| {
                (0..=o.len() - lk.len())
                    .filter(|&off| {
                        lk.first().is_none_or(|f| o[off] == *f) && o[off..off + lk.len()] == *lk
                    })
                    .map(move |off| (o, off))
            })
            .collect();
        starts.find_from(key, lk, from).find(|&k| {
            !covers.iter().any(|(o, off)| {
                k >= *off
                    && key.find(o, k - off, (k - off + o.len()).min(key.len())) == Some(k - off)
            })
        })
    };
    // A label several fields share (`总数`, `名称`) is placed only after its group's label.
    // (Counted once for the form, not per field.)
    let mut counts: rustc_hash::FxHashMap<&[char], usize> = rustc_hash::FxHashMap::default();
    for k in &t.keys.rows {
        *counts.entry(k.as_slice()).or_default() += 1;
    }
    let shared = |lk: &[char]| counts.get(lk).is_some_and(|&n| n > 1);
    let mut found_group: Vec<bool> = vec![false; form.groups.len()];
    let mut cursor = 0usize;
    let mut entered: Vec<bool> = vec![false; form.groups.len()];
    let mut reads: Vec<Option<Read>> = Vec::with_capacity(t.rows.len());
    for (i, row) in t.rows.iter().enumerate() {
        // Entering a group: its label, when the report prints it, moves the search past it.
        for &g in &row.groups {
            if !entered[g] {
                entered[g] = true;
                let gk = &group_keys[g];
                if let Some(k) = find(gk, cursor) {
                    cursor = k + gk.len();
                    found_group[g] = true;
                }
            }
        }
        let lk = &t.keys.rows[i];
        let placed = !shared(lk) || row.groups.last().is_some_and(|&g| found_group[g]);
        let Some(k) = find(lk, cursor).filter(|_| placed) else {
            reads.push(None);
            continue;
        };
        cursor = k + lk.len();
        let (a, b) = key.bytes(k, k + lk.len());
        let (va, vb) = value_after(text, b, &labels);
        let raw = text[va..vb].to_string();
        if out.start.is_none() {
            out.start = Some(Span::new(doc.file, a, b));
        }
        out.rows.push(FoundRow {
            row: i,
            label: Span::new(doc.file, a, b),
        });
        reads.push(Some(Read {
            label: (a, b),
            value: (va, vb),
            raw,
        }));
    }

    // Which fields are asked: a group with `when` asks its fields only for that answer.
    let asked: Vec<Option<bool>> = (0..t.rows.len())
        .map(|i| field_asked(form, &form.fields[i], &reads))
        .collect();

    let file = doc.file;
    let sp = |r: (usize, usize)| Span::new(file, r.0, r.1);
    let mut not_asked: Vec<Vec<usize>> = vec![Vec::new(); form.groups.len()];
    for (i, (row, field)) in t.rows.iter().zip(&form.fields).enumerate() {
        let Some(r) = &reads[i] else {
            if field.required && asked[i] != Some(false) && !doc.snippet {
                // At the end of the field before it.
                let at = reads[..i]
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .map(|p| {
                        let end = p.value_or_label().1;
                        Span::new(file, end, end)
                    })
                    .unwrap_or(Span::new(file, 0, 0));
                doc.findings.push(
                    Diagnostic::of(
                        Code::FieldMissing,
                        crate::tr!("form-field-missing", label = row.label.as_str()),
                        at,
                    )
                    .with_primary_message(crate::tr!(
                        "form-field-missing-here",
                        label = row.label.as_str()
                    ))
                    .with_help(crate::tr!(
                        "form-field-missing-help",
                        label = row.label.as_str()
                    ))
                    .with_rule(row.span),
                );
            }
            continue;
        };
        let blank = r.blank();
        out.fields.push(FieldText {
            row: i,
            raw: r.raw.trim().to_string(),
            blank,
            span: sp(r.value_or_label()),
        });
        if asked[i] == Some(false) {
            let zero = field.kind == FieldKind::Count && parse_count(&r.raw) == Some(0.0);
            if !blank && !zero {
                if let Some(g) = field.group.and_then(|g| failing_group(form, g, &reads)) {
                    not_asked[g].push(i);
                }
            }
        } else if blank {
            if field.required && asked[i] == Some(true) {
                let what = match &field.message {
                    Some(m) => m.clone(),
                    None => crate::tr!("form-field-blank", label = row.label.as_str()),
                };
                let mut d = Diagnostic::of(Code::FieldBlank, what, sp(r.value_or_label()))
                    .with_primary_message(if r.raw.trim().is_empty() {
                        crate::tr!("form-no-value-here")
                    } else {
                        crate::tr!("form-says-no-value", raw = r.raw.trim())
                    })
                    .with_help(crate::tr!("form-fill-in", kind = field.kind.describe()))
                    .with_rule(row.span);
                // A blank with a place of its own (`-`, an empty cell) is marked beside its label.
                if r.value.0 < r.value.1 {
                    d = d.with_label(sp(r.label), crate::tr!("form-the-field"));
                }
                doc.findings.push(d);
            }
        } else if let Some(d) = check_value(row.label.as_str(), field, r, doc.year, file) {
            doc.findings.push(d.with_rule(row.span));
        }
        if field.kind == FieldKind::Count {
            let value = if blank {
                Value::NoValue
            } else {
                match parse_count(&r.raw) {
                    Some(n) => Value::Number(n),
                    None => Value::Unreadable,
                }
            };
            out.cells.push(Cell {
                row: i,
                col: 0,
                value,
                raw: Cell::raw_of(&r.raw),
                span: sp(r.value_or_label()),
            });
        }
    }
    for (g, fields) in not_asked.iter().enumerate() {
        let Some(&first) = fields.first() else {
            continue;
        };
        let Some(cond) = &form.groups[g].when else {
            continue;
        };
        let Some(r) = &reads[first] else { continue };
        let names: Vec<String> = fields
            .iter()
            .map(|&f| crate::tr!("quoted", text = t.rows[f].label.as_str()))
            .collect();
        let mut d = Diagnostic::of(
            Code::FieldNotAsked,
            crate::tr!(
                "form-not-asked",
                fields = crate::i18n::join(&names),
                group = form.groups[g].label.as_str(),
                condition = cond.text.as_str()
            ),
            sp(r.value),
        )
        .with_primary_message(crate::tr!("form-is-filled-in", raw = r.raw.trim()))
        .with_rule(form.groups[g].span);
        if let Some(c) = &reads[cond.field] {
            d = d.with_label(
                sp(c.value_or_label()),
                crate::tr!(
                    "form-answers",
                    label = t.rows[cond.field].label.as_str(),
                    raw = c.raw.trim()
                ),
            );
        }
        for &f in fields.iter().skip(1) {
            if let Some(o) = &reads[f] {
                d = d.with_label(sp(o.value), crate::tr!("form-filled-in-too"));
            }
        }
        doc.findings
            .push(d.with_help(crate::tr!("form-not-asked-help")));
    }
    out
}

impl Read {
    fn value_or_label(&self) -> (usize, usize) {
        if self.value.0 < self.value.1 {
            self.value
        } else {
            self.label
        }
    }
}

fn with_severity(mut d: Diagnostic, field: &Field) -> Diagnostic {
    if let Some(s) = field.severity {
        d.severity = s;
    }
    d
}

/// The answer a field gives, normalised (`是`, `否`, an option), or `None` when blank/missing.
fn answer(reads: &[Option<Read>], field: usize) -> Option<String> {
    let r = reads.get(field)?.as_ref()?;
    if r.blank() {
        return None;
    }
    Some(norm::key_string(&r.raw))
}

/// Whether a group's condition holds: `None` when its field is blank or missing.
fn group_holds(form: &Form, g: usize, reads: &[Option<Read>]) -> Option<bool> {
    let Some(c) = &form.groups[g].when else {
        return Some(true);
    };
    let a = answer(reads, c.field)?;
    let is = a == norm::key_string(&c.value);
    Some(is == c.equal)
}

/// The outermost group of `g`'s chain whose condition does not hold.
fn failing_group(form: &Form, g: usize, reads: &[Option<Read>]) -> Option<usize> {
    let mut chain = Vec::new();
    let mut at = Some(g);
    while let Some(x) = at {
        chain.push(x);
        at = form.groups[x].parent;
    }
    chain
        .into_iter()
        .rev()
        .find(|&x| group_holds(form, x, reads) == Some(false))
}

/// `Some(true)` asked, `Some(false)` not asked (an answer says so), `None` cannot tell.
fn field_asked(form: &Form, field: &Field, reads: &[Option<Read>]) -> Option<bool> {
    let mut at = field.group;
    let mut known = true;
    while let Some(g) = at {
        match group_holds(form, g, reads) {
            Some(false) => return Some(false),
            None => known = false,
            Some(true) => {}
        }
        at = form.groups[g].parent;
    }
    known.then_some(true)
}

/// The byte range of the value after a label ending at `end`.
fn value_after(text: &str, end: usize, labels: &[&[char]]) -> (usize, usize) {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut at = end;
    let rest = &text[at..line_end];
    // A bracketed note right after the label (`（单位：个）`) is part of the label.
    let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
    if let Some(open) = trimmed.chars().next().filter(|c| matches!(c, '（' | '(')) {
        let close = if open == '（' { '）' } else { ')' };
        if let Some(i) = trimmed.find(close) {
            if trimmed[..i].chars().count() <= 16 {
                at += rest.len() - trimmed.len() + i + close.len_utf8();
            }
        }
    }
    let rest = &text[at..line_end];
    let lead = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    let mut s = at + lead;
    let mut separated = false;
    if let Some(c) = text[s..line_end].chars().next() {
        if matches!(c, ':' | '：' | '|' | '｜' | '\t') {
            separated = matches!(c, '|' | '｜' | '\t');
            s += c.len_utf8();
        }
    }
    let cell = |from: usize, to: usize| -> (usize, usize) {
        let seg = &text[from..to];
        let lead = seg.len() - seg.trim_start().len();
        let from = from + lead;
        let seg = &text[from..to];
        let mut stop = seg.len();
        let mut spaces = 0;
        for (i, c) in seg.char_indices() {
            if matches!(c, '|' | '｜' | '\t' | '\r') {
                stop = i;
                break;
            }
            if c == ' ' || c == '\u{3000}' {
                spaces += 1;
                if spaces >= 2 {
                    // Back to the first blank of the run.
                    let run_start = seg[..i + c.len_utf8()]
                        .char_indices()
                        .rev()
                        .take_while(|(_, ch)| *ch == ' ' || *ch == '\u{3000}')
                        .last()
                        .map_or(i, |(j, _)| j);
                    stop = run_start;
                    break;
                }
            } else {
                spaces = 0;
            }
        }
        let v = seg[..stop].trim_end();
        (from, from + v.len())
    };
    let (va, vb) = cell(s, line_end);
    let starts_with_label = |a: usize, b: usize| {
        let k = norm::key(&text[a..b]);
        labels
            .iter()
            .any(|l| k.len() >= l.len() && k[..l.len()] == l[..])
    };
    if va < vb {
        if starts_with_label(va, vb) {
            return (end, end);
        }
        // `网站名称：某网站　首页网址：…`: a single blank before another label ends the value.
        let cut = text[va..vb]
            .char_indices()
            .filter(|(_, c)| *c == ' ' || *c == '\u{3000}')
            .map(|(i, c)| (va + i, va + i + c.len_utf8()))
            .find(|&(_, after)| starts_with_label(after, vb))
            .map_or(vb, |(at, _)| at);
        return (va, va + text[va..cut].trim_end().len());
    }
    if separated || !text[s..line_end].trim().is_empty() {
        // An empty cell between separators: a blank value.
        return (va, va);
    }
    // Nothing after the label on its line: the value is on the next line with something on it.
    let mut at = line_end;
    for _ in 0..2 {
        if at >= text.len() {
            break;
        }
        let from = at + 1;
        let to = text[from..].find('\n').map_or(text.len(), |i| from + i);
        if text[from..to].trim().is_empty() {
            at = to;
            continue;
        }
        let line = &text[from..to];
        let skip = line.len()
            - line
                .trim_start_matches([' ', '\u{3000}', '|', '｜', '\t'])
                .len();
        let (na, nb) = cell(from + skip, to);
        if na < nb && !starts_with_label(na, nb) {
            return (na, nb);
        }
        break;
    }
    (end, end)
}

/// A whole count (`12345`, `12,345`, with a unit such as `个` after it), or `None`.
fn parse_count(raw: &str) -> Option<f64> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let s = s.trim_end_matches(['个', '次', '条', '件', '人', '期', '项', '篇']);
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if s.starts_with(',') || s.ends_with(',') {
        return None;
    }
    s.replace(',', "").parse::<f64>().ok()
}

fn is_yes_no(raw: &str) -> Option<bool> {
    match norm::key_string(raw).as_str() {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    }
}

/// A date such as `2024年1月15日`, `2024-01-15`, `2024/1/15`, `2024.1.15`.
pub fn parse_date(raw: &str) -> Option<(i32, u32, u32)> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = s
        .split(['年', '月', '日', '-', '/', '.', '－', '／', '．'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A finding about a value that is there but not what its kind asks for.
fn check_value(
    label: &str,
    field: &Field,
    r: &Read,
    year: Option<u32>,
    file: crate::source::FileId,
) -> Option<Diagnostic> {
    let raw = r.raw.trim();
    let at = Span::new(file, r.value.0, r.value.1);
    let wrong = |code: Code, msg: String, primary: String| {
        let d = Diagnostic::of(code, field.message.clone().unwrap_or(msg), at)
            .with_primary_message(primary)
            .with_label(
                Span::new(file, r.label.0, r.label.1),
                crate::tr!("form-the-field"),
            );
        Some(with_severity(d, field))
    };
    match &field.kind {
        FieldKind::Count => {
            if parse_count(raw).is_some() {
                return None;
            }
            let primary = if is_yes_no(raw).is_some() {
                crate::tr!("form-count-yesno", raw = raw)
            } else {
                crate::tr!("form-not-whole", raw = raw)
            };
            wrong(
                Code::FieldKindWrong,
                crate::tr!("form-asks-count", label = label, raw = raw),
                primary,
            )
        }
        FieldKind::YesNo => {
            if is_yes_no(raw).is_some() {
                return None;
            }
            let primary = if parse_count(raw).is_some() {
                crate::tr!("form-yesno-number", raw = raw)
            } else {
                crate::tr!("form-not-yesno", raw = raw)
            };
            wrong(
                Code::FieldKindWrong,
                crate::tr!("form-asks-yesno", label = label, raw = raw),
                primary,
            )
        }
        FieldKind::Text => {
            let p = field.pattern.as_ref()?;
            if p.is_match(raw) {
                return None;
            }
            wrong(
                Code::FieldNoMatch,
                crate::tr!("form-not-as-asked", label = label),
                crate::tr!(
                    "form-no-match",
                    raw = raw,
                    pattern = field.pattern_text.clone().unwrap_or_default()
                ),
            )
        }
        FieldKind::Choice { multiple, options } => {
            let keys: Vec<String> = options.iter().map(|o| norm::key_string(o)).collect();
            let picked = picks(raw, *multiple);
            let bad: Vec<&String> = picked.iter().filter(|p| !keys.contains(p)).collect();
            if !picked.is_empty() && bad.is_empty() && (*multiple || picked.len() == 1) {
                return None;
            }
            if *multiple && picked.is_empty() {
                return None;
            }
            wrong(
                Code::FieldNoMatch,
                crate::tr!("form-must-be", label = label, kind = field.kind.describe()),
                match bad.first() {
                    Some(b) => crate::tr!("form-not-option", item = b.as_str()),
                    None => crate::tr!("form-several", raw = raw),
                },
            )
        }
        FieldKind::Date(window) => {
            let Some((y, m, d)) = parse_date(raw) else {
                return wrong(
                    Code::FieldKindWrong,
                    crate::tr!("form-asks-date", label = label, raw = raw),
                    crate::tr!("form-not-date", raw = raw),
                );
            };
            let (w, year) = (window.as_ref()?, year?);
            let wy = year as i32 + w.year_offset;
            let to_day = w.to.1.min(days_in(wy, w.to.0));
            let inside = (m, d) >= w.from && (m, d) <= (w.to.0, to_day) && y == wy;
            if inside {
                return None;
            }
            let d = Diagnostic::of(
                Code::DateOutOfRange,
                field.message.clone().unwrap_or_else(|| {
                    crate::tr!(
                        "form-date-range",
                        label = label,
                        from = format!("{wy}年{}月{}日", w.from.0, w.from.1),
                        to = format!("{wy}年{}月{}日", w.to.0, to_day),
                        year = year.to_string()
                    )
                }),
                at,
            )
            .with_primary_message(crate::tr!(
                "form-date-outside",
                date = format!("{y}年{m}月{d}日")
            ))
            .with_label(
                Span::new(file, r.label.0, r.label.1),
                crate::tr!("form-the-field"),
            )
            .with_note(crate::tr!("form-year-from-title", year = year.to_string()));
            Some(with_severity(d, field))
        }
    }
}

/// The options a choice value picks, as keys: `甲、乙`, `☑甲 ☐乙`, `甲，乙`.
fn picks(raw: &str, multiple: bool) -> Vec<String> {
    let ticks = ['☑', '√', '✓', '✔', '■', '☒'];
    let unticks = ['☐', '□'];
    let marked = raw.contains(ticks) || raw.contains(unticks);
    let mut out = Vec::new();
    if marked {
        // Each mark starts an item; the item is picked when its mark is a tick.
        let mut cur = String::new();
        let mut on = false;
        for c in raw.chars().chain(std::iter::once('□')) {
            if ticks.contains(&c) || unticks.contains(&c) {
                let k = norm::key_string(&cur);
                if on && !k.is_empty() {
                    out.push(k);
                }
                cur.clear();
                on = ticks.contains(&c);
            } else {
                cur.push(c);
            }
        }
        return out;
    }
    if !multiple {
        let k = norm::key_string(raw);
        return if k.is_empty() { Vec::new() } else { vec![k] };
    }
    if norm::key_string(raw) == "无" {
        return Vec::new();
    }
    raw.split(['、', ',', '，', ';', '；', '/', ' ', '\u{3000}'])
        .map(norm::key_string)
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, label: &str) -> String {
        let end = text.find(label).map(|i| i + label.len()).unwrap_or(0);
        let keys = [
            norm::key("首页网址"),
            norm::key("审核人"),
            norm::key("名称"),
        ];
        let labels: Vec<&[char]> = keys.iter().map(Vec::as_slice).collect();
        let (a, b) = value_after(text, end, &labels);
        text[a..b].to_string()
    }

    #[test]
    fn a_value_stands_after_its_label_in_every_layout() {
        assert_eq!(value("网站名称：某网站\n", "网站名称"), "某网站");
        assert_eq!(
            value("网站名称: 某网站  首页网址: x.gov.cn", "网站名称"),
            "某网站"
        );
        assert_eq!(
            value("网站名称　　某网站　　首页网址", "网站名称"),
            "某网站"
        );
        assert_eq!(
            value("| 网站名称 | 某网站 | 首页网址 | x |", "网站名称"),
            "某网站"
        );
        assert_eq!(value("网站名称\t某 网站\t首页网址", "网站名称"), "某 网站");
        assert_eq!(value("网站名称\n\n某网站\n首页网址", "网站名称"), "某网站");
        assert_eq!(value("访问量（单位：个）：12", "访问量"), "12");
        assert_eq!(
            value("网站名称：某网站　首页网址：x.gov.cn", "网站名称"),
            "某网站"
        );
        assert_eq!(
            value("网站名称：某 网站 首页网址：x", "网站名称"),
            "某 网站"
        );
    }

    #[test]
    fn a_blank_value_is_not_taken_from_the_next_label() {
        assert_eq!(value("单位负责人 | 张三 | 审核人 | | 填报人", "审核人"), "");
        assert_eq!(value("网站名称    首页网址  x.gov.cn", "网站名称"), "");
        assert_eq!(value("网站名称\n首页网址\nx", "网站名称"), "");
        assert_eq!(value("微博\n名称\n信息发布量", "名称"), "信息发布量");
        assert_eq!(value("网站名称", "网站名称"), "");
    }

    #[test]
    fn dates_are_read_in_the_usual_ways_and_impossible_ones_refused() {
        assert_eq!(parse_date("2024年1月15日"), Some((2024, 1, 15)));
        assert_eq!(parse_date("２０２４－０１－１５"), Some((2024, 1, 15)));
        assert_eq!(parse_date("2024-01-15"), Some((2024, 1, 15)));
        assert_eq!(parse_date("2024/1/5"), Some((2024, 1, 5)));
        assert_eq!(parse_date("2024.2.29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023.2.29"), None);
        assert_eq!(parse_date("2024年13月1日"), None);
        assert_eq!(parse_date("一月"), None);
    }

    #[test]
    fn counts_take_separators_and_a_unit_but_nothing_else() {
        assert_eq!(parse_count("12,345"), Some(12345.0));
        assert_eq!(parse_count("12个"), Some(12.0));
        assert_eq!(parse_count("１２"), Some(12.0));
        assert_eq!(parse_count("是"), None);
        assert_eq!(parse_count("3.5"), None);
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count(",1"), None);
    }

    #[test]
    fn choices_are_read_from_lists_and_ticks() {
        assert_eq!(picks("甲、乙", true), ["甲", "乙"]);
        assert_eq!(picks("☑甲 ☐乙 √丙", true), ["甲", "丙"]);
        assert_eq!(picks("无", true), Vec::<String>::new());
        assert_eq!(picks("□甲 ■乙", false), ["乙"]);
    }
}
