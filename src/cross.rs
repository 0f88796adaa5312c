//! Several reports at once: checks across years (`previous.…` in a table `check`: this year's
//! 上年结转 is last year's 结转下年度) and roll-ups (`rollup` in a table: a county's report is the
//! sum of its departments'; who aggregates whom is declared in `gouji.toml`).
//!
//! Reports are first read and checked one by one; this module then looks at the batch (the
//! command line's files, or the editor's workspace) and adds findings that need two reports.
//! Reports are matched by agency and year: the agency is read from the title
//! (`青禾县水务局2023年政府信息公开工作年度报告` → `青禾县水务局`), or mapped in `gouji.toml`.

use crate::compile::{Check, Compiled, Quantifier, RuleSet, Table};
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{short, Document, Value};
use crate::source::{FileId, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One report of the batch, as read and checked.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The name the user gave (a path).
    pub name: &'a str,
    pub doc: &'a Document,
    pub text: &'a str,
}

/// What `gouji.toml` says about several reports.
///
/// ```toml
/// rules = ["本省.gouji"]           # (read by the editor; see docs/lsp.md)
///
/// [agencies]                      # reports whose title does not name the agency plainly
/// "2023/水务.txt" = "青禾县水务局"
///
/// [[rollup]]                      # a report that aggregates others
/// parent = "青禾县人民政府"          # an agency (or a file)
/// children = ["青禾县水务局", "青禾县教育局"]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Workspace {
    #[serde(default)]
    pub rules: Vec<String>,
    /// File (a path, or its end) → agency.
    #[serde(default)]
    pub agencies: BTreeMap<String, String>,
    #[serde(default)]
    pub rollup: Vec<RollupDecl>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RollupDecl {
    /// The aggregating report: an agency, or a file.
    pub parent: String,
    /// The reports it aggregates: agencies, or files.
    pub children: Vec<String>,
}

impl Workspace {
    /// Read `gouji.toml`; the message says what is wrong in words.
    pub fn parse(text: &str) -> Result<Workspace, String> {
        toml::from_str::<Workspace>(text).map_err(|e| e.message().to_string())
    }

    /// The agency of a report: mapped in `[agencies]` (by path or the path's end), else read
    /// from its title.
    pub fn agency(&self, r: &Report) -> Option<String> {
        let name = r.name.replace('\\', "/");
        for (file, agency) in &self.agencies {
            let file = file.replace('\\', "/");
            if name == file || name.ends_with(&format!("/{file}")) {
                return Some(same(agency));
            }
        }
        agency_from_title(r.text, r.doc)
    }
}

/// An agency name as compared: without blanks.
fn same(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The agency named in the title line: the words around the year, before `政府信息公开`.
pub fn agency_from_title(text: &str, doc: &Document) -> Option<String> {
    let at = doc.year_span?;
    let line_start = text
        .get(..at.start)?
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_end = text
        .get(at.end..)?
        .find('\n')
        .map(|i| at.end + i)
        .unwrap_or(text.len());
    let before = text.get(line_start..at.start)?;
    let mut after = text.get(at.end..line_end)?;
    after = after.strip_prefix('度').unwrap_or(after);
    let cut = |s: &str| -> String {
        let s = s.split("政府信息公开").next().unwrap_or_default();
        let s = s.split("年度报告").next().unwrap_or_default();
        same(s)
            .trim_matches(|c: char| c == '#' || c == '*' || crate::report::norm::is_punct(c))
            .trim_start_matches("关于")
            .to_string()
    };
    // A label before the title (`标题：`, `名称`) is not part of the name.
    let before = before
        .rsplit([':', '：'])
        .next()
        .unwrap_or(before)
        .trim_start();
    let before = ["标题", "名称", "题目"]
        .iter()
        .find_map(|l| before.strip_prefix(l))
        .unwrap_or(before);
    let name = format!("{}{}", cut(before), cut(after));
    // A sentence that happens to hold the year (`根据《条例》…，现将我局2021年…`) names no agency.
    let n = name.chars().count();
    let sentence = name.contains(['《', '》', '，', ',', '。']) || n > 30;
    (n >= 2 && !sentence).then_some(name)
}

/// The cells that checks across reports can read, by rule set and table: computed once from the
/// compiled rules, so that a batch keeps of each report only those cells ([`Kept`]).
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// `[rule set][table]`: `None` when no check across reports reads the table.
    tables: Vec<Vec<Option<Need>>>,
    /// Roll-ups are checked: their messages quote the parent's cells as written.
    raw: bool,
}

/// What is needed of one table: its presence, and some or all of its cells.
#[derive(Debug, Clone)]
enum Need {
    /// Every cell (a roll-up sums them all).
    All,
    /// These cells (row, column), sorted; maybe none (the table must only be there).
    Cells(Vec<(usize, usize)>),
}

impl Needs {
    /// What the checks across years of `compiled` read, and, when `ws` declares roll-ups, what
    /// they read.
    pub fn new(compiled: &Compiled, ws: &Workspace) -> Needs {
        Needs::with(compiled, !ws.rollup.is_empty())
    }

    fn with(compiled: &Compiled, rollups: bool) -> Needs {
        let mut tables: Vec<Vec<Option<Need>>> = compiled
            .rule_sets
            .iter()
            .map(|rs| vec![None; rs.tables.len()])
            .collect();
        let add = |tables: &mut Vec<Vec<Option<Need>>>,
                   ri: usize,
                   ti: usize,
                   cell: Option<(usize, usize)>| {
            let need = tables[ri][ti].get_or_insert(Need::Cells(Vec::new()));
            if let (Need::Cells(cells), Some(c)) = (need, cell) {
                if let Err(at) = cells.binary_search(&c) {
                    cells.insert(at, c);
                }
            }
        };
        // Cells of last year's report, by the ids of table, row and column.
        let mut previous: Vec<(&str, &str, &str)> = Vec::new();
        for (ri, rs) in compiled.rule_sets.iter().enumerate() {
            for (ti, table) in rs.tables.iter().enumerate() {
                for ch in table.checks.iter().filter(|c| c.across_years()) {
                    add(&mut tables, ri, ti, None);
                    for line in lines(ch) {
                        for o in ch.lhs.iter().chain(ch.rhs.iter()) {
                            for (row, col) in o.cells(table, ch.quantifier, line.unwrap_or(0)) {
                                if o.previous {
                                    previous.push((
                                        &table.id,
                                        &table.rows[row].id,
                                        &table.columns[col].id,
                                    ));
                                } else {
                                    add(&mut tables, ri, ti, Some((row, col)));
                                }
                            }
                        }
                    }
                }
            }
        }
        previous.sort_unstable();
        previous.dedup();
        for (ri, rs) in compiled.rule_sets.iter().enumerate() {
            for (ti, table) in rs.tables.iter().enumerate() {
                for (_, row, col) in previous.iter().filter(|p| p.0 == table.id) {
                    add(&mut tables, ri, ti, None);
                    if let Some(cell) = cell_at(table, row, col) {
                        add(&mut tables, ri, ti, Some(cell));
                    }
                }
            }
        }
        if rollups {
            let ids: Vec<&str> = compiled
                .rule_sets
                .iter()
                .flat_map(|rs| &rs.tables)
                .filter(|t| !t.rollups.is_empty())
                .map(|t| t.id.as_str())
                .collect();
            for (ri, rs) in compiled.rule_sets.iter().enumerate() {
                for (ti, table) in rs.tables.iter().enumerate() {
                    if ids.contains(&table.id.as_str()) {
                        tables[ri][ti] = Some(Need::All);
                    }
                }
            }
        }
        Needs {
            tables,
            raw: rollups,
        }
    }

    /// No check reads anything across reports: a batch need keep nothing.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().flatten().all(Option::is_none)
    }

    fn get(&self, rule_set: usize, table: usize) -> Option<&Need> {
        self.tables.get(rule_set)?.get(table)?.as_ref()
    }
}

/// The lines a check is evaluated on: each of its rows or columns, or once.
fn lines(ch: &Check) -> Vec<Option<usize>> {
    match ch.quantifier {
        Some(_) => ch.applies_to.iter().map(|&l| Some(l)).collect(),
        None => vec![None],
    }
}

/// A cell found by the ids of its row and column (the two reports may use different formats).
fn cell_at(t: &Table, row: &str, col: &str) -> Option<(usize, usize)> {
    let r = t.row(row)?;
    let c = t
        .columns
        .iter()
        .position(|x| x.id == col && x.block == t.rows[r].block)?;
    Some((r, c))
}

/// What a batch keeps of one report for the checks across reports: who and when it is, and the
/// numbers those checks can read ([`Needs`]) with where they stand; nothing of its text.
#[derive(Debug, Clone)]
pub struct Kept {
    /// The name the user gave (a path).
    pub name: String,
    pub agency: Option<String>,
    pub year: Option<u32>,
    /// Index into `Compiled::rule_sets`.
    pub rule_set: Option<usize>,
    /// The file every place kept is in.
    file: FileId,
    /// Where a finding about the whole report points (byte range in `file`): the year in its
    /// title, else the start of its first table, else its start.
    anchor: (usize, usize),
    tables: Vec<KeptTable>,
}

#[derive(Debug, Clone)]
struct KeptTable {
    rule_set: usize,
    table: usize,
    /// The cells with a number, in the order read.
    cells: Vec<KeptCell>,
    /// Each cell as written (for roll-ups only; empty otherwise).
    raw: Vec<Box<str>>,
}

#[derive(Debug, Clone)]
struct KeptCell {
    row: u32,
    col: u32,
    value: f64,
    /// Where it stands in the report's file.
    start: usize,
    end: usize,
}

impl KeptCell {
    fn span(&self, file: FileId) -> Span {
        Span::new(file, self.start, self.end)
    }
}

impl Kept {
    /// Keep of `r` what `needs` says.
    pub fn new(needs: &Needs, ws: &Workspace, r: &Report) -> Kept {
        let doc = r.doc;
        let mut tables: Vec<KeptTable> = Vec::new();
        for read in &doc.tables {
            let Some(need) = needs.get(read.rule_set, read.table) else {
                continue;
            };
            // The first read of a table is the one the checks look at.
            if tables
                .iter()
                .any(|t| t.rule_set == read.rule_set && t.table == read.table)
            {
                continue;
            }
            let mut cells: Vec<KeptCell> = Vec::new();
            let mut raw: Vec<Box<str>> = Vec::new();
            let mut seen: Vec<(usize, usize)> = Vec::new();
            for c in &read.cells {
                let at = (c.row, c.col);
                let wanted = match need {
                    Need::All => true,
                    Need::Cells(cs) => cs.binary_search(&at).is_ok(),
                };
                // The first cell at a place is the one read (a later one does not count).
                if !wanted || seen.contains(&at) {
                    continue;
                }
                seen.push(at);
                let (&Value::Number(value), Ok(row), Ok(col)) =
                    (&c.value, u32::try_from(c.row), u32::try_from(c.col))
                else {
                    continue;
                };
                cells.push(KeptCell {
                    row,
                    col,
                    value,
                    start: c.span.start,
                    end: c.span.end,
                });
                if needs.raw {
                    raw.push(c.raw.as_ref().into());
                }
            }
            cells.shrink_to_fit();
            raw.shrink_to_fit();
            tables.push(KeptTable {
                rule_set: read.rule_set,
                table: read.table,
                cells,
                raw,
            });
        }
        tables.shrink_to_fit();
        Kept {
            name: r.name.to_string(),
            agency: ws.agency(r),
            year: doc.year,
            rule_set: doc.rule_set,
            file: doc.file,
            anchor: doc
                .year_span
                .or_else(|| doc.tables.first().and_then(|t| t.start))
                .map_or((0, 0), |s| (s.start, s.end)),
            tables,
        }
    }

    /// Where a finding about the whole report points.
    fn anchor(&self) -> Span {
        Span::new(self.file, self.anchor.0, self.anchor.1)
    }

    /// The table of rule set `ri` and index `ti`, if the report has it.
    fn table(&self, ri: usize, ti: usize) -> Option<&KeptTable> {
        self.tables
            .iter()
            .find(|t| t.rule_set == ri && t.table == ti)
    }

    /// The table with id `id` (in whatever rule set the report was read with).
    fn table_by_id<'a>(
        &'a self,
        compiled: &'a Compiled,
        id: &str,
    ) -> Option<(&'a Table, &'a KeptTable)> {
        self.tables.iter().find_map(|k| {
            let t = compiled.rule_sets.get(k.rule_set)?.tables.get(k.table)?;
            (t.id == id).then_some((t, k))
        })
    }
}

impl KeptTable {
    fn cell(&self, row: usize, col: usize) -> Option<&KeptCell> {
        self.cells
            .iter()
            .find(|c| c.row as usize == row && c.col as usize == col)
    }

    /// A number found by the ids of its row and column.
    fn by_ids(&self, t: &Table, row: &str, col: &str) -> Option<&KeptCell> {
        let (r, c) = cell_at(t, row, col)?;
        self.cell(r, c)
    }
}

/// Does `who` (an agency or a file from `gouji.toml`) name this report?
fn names(who: &str, k: &Kept) -> bool {
    names_report(who, &k.name, k.agency.as_deref())
}

fn names_report(who: &str, name: &str, agency: Option<&str>) -> bool {
    let name = name.replace('\\', "/");
    let who_file = who.replace('\\', "/");
    agency == Some(same(who).as_str())
        || name == who_file
        || name.ends_with(&format!("/{who_file}"))
}

/// Which reports of a batch (each given by its name, agency and year) a check across reports
/// may read: those with the same agency's report of the year before or after, and those a
/// roll-up of `ws` names. [`check_kept`] over only these, in the batch's order, finds what it
/// finds over them all, so a batch need hold no more than these at the end.
pub fn involved(reports: &[(&str, Option<&str>, Option<u32>)], ws: &Workspace) -> Vec<bool> {
    let keys: Vec<(Option<&str>, Option<u32>)> = reports.iter().map(|r| (r.1, r.2)).collect();
    let mut out = vec![false; reports.len()];
    for (i, j) in pairs(&keys) {
        out[i] = true;
        out[j] = true;
    }
    for decl in &ws.rollup {
        for (i, r) in reports.iter().enumerate() {
            if names_report(&decl.parent, r.0, r.1)
                || decl.children.iter().any(|c| names_report(c, r.0, r.1))
            {
                out[i] = true;
            }
        }
    }
    out
}

/// Little-endian bytes of what a [`Kept`] holds, for a batch to set it aside on disk.
impl Kept {
    pub fn encode(&self, out: &mut Vec<u8>) {
        fn n(out: &mut Vec<u8>, v: u64) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        fn text(out: &mut Vec<u8>, s: &str) {
            n(out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        let opt = |v: Option<u64>| v.map_or(u64::MAX, |v| v);
        text(out, &self.name);
        match &self.agency {
            Some(a) => {
                n(out, 1);
                text(out, a);
            }
            None => n(out, 0),
        }
        n(out, opt(self.year.map(u64::from)));
        n(out, opt(self.rule_set.map(|r| r as u64)));
        n(out, self.anchor.0 as u64);
        n(out, self.anchor.1 as u64);
        n(out, self.tables.len() as u64);
        for t in &self.tables {
            n(out, t.rule_set as u64);
            n(out, t.table as u64);
            n(out, t.cells.len() as u64);
            for c in &t.cells {
                n(out, (u64::from(c.row) << 32) | u64::from(c.col));
                n(out, c.value.to_bits());
                n(out, c.start as u64);
                n(out, c.end as u64);
            }
            n(out, t.raw.len() as u64);
            for r in &t.raw {
                text(out, r);
            }
        }
    }

    /// A [`Kept`] from [`Kept::encode`]'s bytes, its places in `file`; `None` if they are not such.
    pub fn decode(bytes: &[u8], file: FileId) -> Option<Kept> {
        let mut at = 0usize;
        let num = |at: &mut usize| -> Option<u64> {
            let b = bytes.get(*at..at.checked_add(8)?)?;
            *at += 8;
            Some(u64::from_le_bytes(b.try_into().ok()?))
        };
        let take = |at: &mut usize, len: u64| -> Option<String> {
            let len = usize::try_from(len).ok()?;
            let s = std::str::from_utf8(bytes.get(*at..at.checked_add(len)?)?).ok()?;
            *at += len;
            Some(s.to_string())
        };
        let len = num(&mut at)?;
        let name = take(&mut at, len)?;
        let agency = match num(&mut at)? {
            0 => None,
            _ => {
                let len = num(&mut at)?;
                Some(take(&mut at, len)?)
            }
        };
        let opt = |v: u64| (v != u64::MAX).then_some(v);
        let year = opt(num(&mut at)?).and_then(|y| u32::try_from(y).ok());
        let rule_set = opt(num(&mut at)?).and_then(|r| usize::try_from(r).ok());
        let start = usize::try_from(num(&mut at)?).ok()?;
        let end = usize::try_from(num(&mut at)?).ok()?;
        let count = usize::try_from(num(&mut at)?).ok()?;
        let mut tables = Vec::with_capacity(count.min(64));
        for _ in 0..count {
            let rule_set = usize::try_from(num(&mut at)?).ok()?;
            let table = usize::try_from(num(&mut at)?).ok()?;
            let k = usize::try_from(num(&mut at)?).ok()?;
            let mut cells = Vec::with_capacity(k.min(4096));
            for _ in 0..k {
                let rc = num(&mut at)?;
                cells.push(KeptCell {
                    row: u32::try_from(rc >> 32).ok()?,
                    col: u32::try_from(rc & u64::from(u32::MAX)).ok()?,
                    value: f64::from_bits(num(&mut at)?),
                    start: usize::try_from(num(&mut at)?).ok()?,
                    end: usize::try_from(num(&mut at)?).ok()?,
                });
            }
            let k = usize::try_from(num(&mut at)?).ok()?;
            let mut raw = Vec::with_capacity(k.min(4096));
            for _ in 0..k {
                let len = num(&mut at)?;
                raw.push(take(&mut at, len)?.into_boxed_str());
            }
            tables.push(KeptTable {
                rule_set,
                table,
                cells,
                raw,
            });
        }
        (at == bytes.len()).then_some(Kept {
            name,
            agency,
            year,
            rule_set,
            file,
            anchor: (start, end),
            tables,
        })
    }
}

/// The pairs (this year, the year before) of the same agency's reports, given each report's
/// agency and year: the year before is the first such report.
fn pairs(keys: &[(Option<&str>, Option<u32>)]) -> Vec<(usize, usize)> {
    let mut first: std::collections::HashMap<(&str, u32), usize> = Default::default();
    for (j, k) in keys.iter().enumerate() {
        if let (Some(a), Some(y)) = *k {
            first.entry((a, y)).or_insert(j);
        }
    }
    let mut out = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let (Some(a), Some(y)) = *k else {
            continue;
        };
        if let Some(&j) = first.get(&(a, y.saturating_sub(1))) {
            out.push((i, j));
        }
    }
    out
}

/// The pairs (this year, the year before) of the same agency's reports in the batch.
pub fn year_pairs(reports: &[Report], ws: &Workspace) -> Vec<(usize, usize)> {
    let agencies: Vec<Option<String>> = reports.iter().map(|r| ws.agency(r)).collect();
    let keys: Vec<(Option<&str>, Option<u32>)> = agencies
        .iter()
        .zip(reports)
        .map(|(a, r)| (a.as_deref(), r.doc.year))
        .collect();
    pairs(&keys)
}

/// Every finding that needs more than one report of the batch.
pub fn check(compiled: &Compiled, reports: &[Report], ws: &Workspace) -> Vec<Diagnostic> {
    let needs = Needs::new(compiled, ws);
    let kept: Vec<Kept> = reports.iter().map(|r| Kept::new(&needs, ws, r)).collect();
    check_kept(compiled, &kept, ws)
}

/// Every finding that needs more than one report of the batch, from what was kept of each.
pub fn check_kept<K: std::borrow::Borrow<Kept>>(
    compiled: &Compiled,
    kept: &[K],
    ws: &Workspace,
) -> Vec<Diagnostic> {
    let kept: Vec<&Kept> = kept.iter().map(|k| k.borrow()).collect();
    let mut out = Vec::new();
    // Across years: the same agency's report on the year before.
    let keys: Vec<(Option<&str>, Option<u32>)> =
        kept.iter().map(|k| (k.agency.as_deref(), k.year)).collect();
    for (i, j) in pairs(&keys) {
        out.extend(across_years(compiled, kept[i], kept[j]));
    }
    // Roll-ups.
    for decl in &ws.rollup {
        for (i, parent) in kept.iter().enumerate() {
            if !names(&decl.parent, parent) {
                continue;
            }
            let mut children = Vec::new();
            let mut missing = Vec::new();
            for who in &decl.children {
                let found = kept.iter().enumerate().find(|(j, c)| {
                    *j != i && names(who, c) && (parent.year.is_none() || c.year == parent.year)
                });
                match found {
                    Some((_, &c)) => {
                        children.push((c, c.agency.clone().unwrap_or_else(|| c.name.clone())))
                    }
                    None => missing.push(who.as_str()),
                }
            }
            out.extend(rollup(compiled, parent, &children, &missing));
        }
    }
    crate::diagnostic::sort(&mut out);
    out
}

/// The checks across years of `this` against `previous`, the same agency's report on the year
/// before (for `gouji test` examples with `previous """…"""`).
pub fn check_pair(compiled: &Compiled, this: &Report, previous: &Report) -> Vec<Diagnostic> {
    let needs = Needs::with(compiled, false);
    let ws = Workspace::default();
    across_years(
        compiled,
        &Kept::new(&needs, &ws, this),
        &Kept::new(&needs, &ws, previous),
    )
}

/// The roll-up of `parent` from `children` (for `gouji test` examples with `children """…"""`).
pub fn check_rollup(compiled: &Compiled, parent: &Report, children: &[Report]) -> Vec<Diagnostic> {
    let needs = Needs::with(compiled, true);
    let ws = Workspace::default();
    let kept: Vec<Kept> = children.iter().map(|c| Kept::new(&needs, &ws, c)).collect();
    let named: Vec<(&Kept, String)> = kept.iter().map(|c| (c, c.name.clone())).collect();
    rollup(compiled, &Kept::new(&needs, &ws, parent), &named, &[])
}

fn label(t: &Table, row: usize, col: usize) -> String {
    crate::tr!(
        "check-cell",
        row = short(&t.rows[row].label),
        column = short(&t.columns[col].label)
    )
}

struct Term {
    /// The row and column labels, for messages.
    row: String,
    col: String,
    value: f64,
    negative: bool,
    span: Span,
    name: String,
    previous: bool,
}

fn across_years(compiled: &Compiled, r: &Kept, p: &Kept) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(ri) = r.rule_set else {
        return out;
    };
    let Some(rs) = compiled.rule_sets.get(ri) else {
        return out;
    };
    for (ti, table) in rs.tables.iter().enumerate() {
        let Some(read) = r.table(ri, ti) else {
            continue;
        };
        let Some((pt, pread)) = p.table_by_id(compiled, &table.id) else {
            continue;
        };
        for ch in table.checks.iter().filter(|c| c.across_years()) {
            for line in lines(ch) {
                let side = |ops: &[crate::compile::Operand]| -> Option<(f64, Vec<Term>)> {
                    let mut total = 0.0;
                    let mut terms = Vec::new();
                    for o in ops {
                        if let crate::compile::OperandKind::Const(c) = o.kind {
                            let c = o.scale.apply(c);
                            total += if o.negative { -c } else { c };
                            continue;
                        }
                        for (row, col) in o.cells(table, ch.quantifier, line.unwrap_or(0)) {
                            let (value, span) = if o.previous {
                                let cell = pread.by_ids(
                                    pt,
                                    &table.rows[row].id,
                                    &table.columns[col].id,
                                )?;
                                (cell.value, cell.span(p.file))
                            } else {
                                let cell = read.cell(row, col)?;
                                (cell.value, cell.span(r.file))
                            };
                            let scaled = o.scale.apply(value);
                            total += if o.negative { -scaled } else { scaled };
                            terms.push(Term {
                                row: short(&table.rows[row].label).to_string(),
                                col: short(&table.columns[col].label).to_string(),
                                value,
                                negative: o.negative,
                                span,
                                name: label(table, row, col),
                                previous: o.previous,
                            });
                        }
                    }
                    Some((total, terms))
                };
                // A cell without a number (in either report) has its own finding.
                let (Some((lv, lt)), Some((rv, rt))) = (side(&ch.lhs), side(&ch.rhs)) else {
                    continue;
                };
                if crate::compile::compare(lv, ch.cmp, rv, ch.tolerance) {
                    continue;
                }
                out.push(year_finding(table, ch, line, p, (lv, &lt), (rv, &rt)));
            }
        }
    }
    out
}

fn year_finding(
    table: &Table,
    ch: &Check,
    line: Option<usize>,
    p: &Kept,
    (lv, lt): (f64, &[Term]),
    (rv, rt): (f64, &[Term]),
) -> Diagnostic {
    let fmt = crate::compile::fmt_num;
    let in_line = match (ch.quantifier, line) {
        (Some(Quantifier::EachRow), Some(l)) => {
            crate::tr!("cross-in-row", row = short(&table.rows[l].label))
        }
        (Some(Quantifier::EachColumn), Some(l)) => {
            crate::tr!("cross-in-column", column = short(&table.columns[l].label))
        }
        _ => String::new(),
    };
    // The primary place: this year's first cell.
    let this_year: Vec<&Term> = lt.iter().chain(rt.iter()).filter(|t| !t.previous).collect();
    let primary = this_year.first().map(|t| t.span).unwrap_or(ch.span);
    let subject = this_year
        .first()
        .map(|t| match ch.quantifier {
            Some(Quantifier::EachColumn) => crate::tr!("quoted", text = t.row.as_str()),
            Some(Quantifier::EachRow) => crate::tr!("quoted", text = t.col.as_str()),
            None => t.name.clone(),
        })
        .unwrap_or_else(|| crate::tr!("quoted", text = ch.text.as_str()));
    let year = p.year.map(|y| format!("{y}")).unwrap_or_default();
    let arith = |ts: &[Term], v: f64| -> String {
        let parts: Vec<String> = ts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let sign = match (i, t.negative) {
                    (0, false) => "",
                    (0, true) => "-",
                    (_, true) => " - ",
                    _ => " + ",
                };
                if t.previous && ts.len() > 1 {
                    format!(
                        "{sign}{}",
                        crate::tr!("cross-last-year-value", value = fmt(t.value))
                    )
                } else {
                    format!("{sign}{}", fmt(t.value))
                }
            })
            .collect();
        if ts.len() <= 1 {
            parts.join("")
        } else {
            format!("{} = {}", fmt(v), parts.join(""))
        }
    };
    let mut d = Diagnostic::new(
        Code::YearsDoNotFollow,
        ch.severity,
        crate::tr!(
            "cross-does-not-follow",
            subject = subject,
            year = year.as_str(),
            place = in_line
        ),
        primary,
    )
    .with_primary_message(if this_year.len() == 1 && lt.len() == 1 {
        crate::tr!("cross-here", value = fmt(lv), expected = fmt(rv))
    } else {
        format!(
            "{}: {} {} {}",
            crate::tr!("quoted", text = ch.text.as_str()),
            fmt(lv),
            ch.cmp.negated_symbol(),
            fmt(rv)
        )
    })
    .with_note(format!(
        "{} {} {}",
        arith(lt, lv),
        ch.cmp.negated_symbol(),
        arith(rt, rv)
    ))
    .with_note(crate::tr!(
        "cross-last-years-report",
        name = p.name.as_str(),
        year = year.as_str()
    ))
    .with_rule(ch.span);
    for t in lt.iter().chain(rt.iter()) {
        if t.span == primary {
            continue;
        }
        let label = format!("{} {}", t.name, fmt(t.value));
        d = d.with_label(
            t.span,
            if t.previous {
                crate::tr!("cross-last-year-label", label = label)
            } else {
                label
            },
        );
    }
    if let Some(m) = &ch.message {
        d = d.with_note(crate::tr!("check-rule-says", message = m.as_str()));
    }
    d.with_help(crate::tr!("cross-help"))
}

/// `children`: each report the parent aggregates, with the name to show (its agency).
fn rollup(
    compiled: &Compiled,
    parent: &Kept,
    children: &[(&Kept, String)],
    missing: &[&str],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(ri) = parent.rule_set else {
        return out;
    };
    let Some(rs): Option<&RuleSet> = compiled.rule_sets.get(ri) else {
        return out;
    };
    let tables: Vec<(usize, &Table)> = rs
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.rollups.is_empty())
        .collect();
    if tables.is_empty() {
        return out;
    }
    if !missing.is_empty() {
        let at = parent.anchor();
        let rule = tables[0].1.rollups[0].span;
        out.push(
            Diagnostic::of(
                Code::RollupIncomplete,
                crate::tr!(
                    "rollup-incomplete",
                    total = missing.len() + children.len(),
                    count = missing.len()
                ),
                at,
            )
            .with_primary_message(crate::tr!("rollup-not-checked"))
            .with_note(crate::tr!(
                "rollup-missing",
                names =
                    crate::i18n::join(&missing.iter().map(|m| m.to_string()).collect::<Vec<_>>())
            ))
            .with_note(if children.is_empty() {
                crate::tr!("rollup-found-none")
            } else {
                crate::tr!(
                    "rollup-found",
                    names = crate::i18n::join(
                        &children
                            .iter()
                            .map(|c| crate::tr!(
                                "check-with-value",
                                text = c.1.to_string(),
                                value = c.0.name.as_str()
                            ))
                            .collect::<Vec<_>>()
                    )
                )
            })
            .with_rule(rule)
            .with_help(crate::tr!("rollup-incomplete-help")),
        );
        return out;
    }
    let fmt = crate::compile::fmt_num;
    for (ti, table) in tables {
        let Some(read) = parent.table(ri, ti) else {
            continue;
        };
        let rule = &table.rollups[0];
        for (i, cell) in read.cells.iter().enumerate() {
            let v = cell.value;
            let (at_row, at_col) = (cell.row as usize, cell.col as usize);
            let raw = read.raw.get(i).map_or("", |r| r);
            let (row, col) = (&table.rows[at_row].id, &table.columns[at_col].id);
            let mut parts = Vec::new();
            for (c, who) in children {
                let Some((t, r)) = c.table_by_id(compiled, &table.id) else {
                    break;
                };
                let Some(cell) = r.by_ids(t, row, col) else {
                    break;
                };
                parts.push((who, cell.value, cell.span(c.file)));
            }
            if parts.len() != children.len() {
                // A child's cell has no number: its own report says so.
                continue;
            }
            let sum: f64 = parts.iter().map(|p| p.1).sum();
            if crate::compile::compare(v, crate::compile::Cmp::Eq, sum, 1e-6) {
                continue;
            }
            let name = label(table, at_row, at_col);
            let mut d = Diagnostic::new(
                Code::RollupMismatch,
                rule.severity,
                crate::tr!(
                    "rollup-mismatch",
                    name = name.as_str(),
                    value = raw,
                    count = children.len(),
                    sum = fmt(sum)
                ),
                cell.span(parent.file),
            )
            .with_primary_message(crate::tr!(
                "rollup-mismatch-here",
                value = raw,
                sum = fmt(sum)
            ))
            .with_note(format!(
                "{} ≠ {} = {}",
                fmt(v),
                fmt(sum),
                parts
                    .iter()
                    .map(|p| crate::tr!(
                        "check-with-value",
                        text = fmt(p.1),
                        value = p.0.to_string()
                    ))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ))
            .with_rule(rule.span);
            for (c, n, span) in parts.iter().take(10) {
                d = d.with_label(*span, format!("{c}: {}", fmt(*n)));
            }
            if let Some(m) = &rule.message {
                d = d.with_note(crate::tr!("check-rule-says", message = m.as_str()));
            }
            out.push(d.with_help(crate::tr!("rollup-mismatch-help")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(title: &str) -> Option<String> {
        let text = format!("{title}\n一、总体情况\n");
        let year = title.find("2023").unwrap_or(0);
        let compiled = crate::rules::load(&mut crate::source::Sources::new(), &[]);
        let mut doc =
            crate::report::read_section_snippet(&compiled, 0, 0, &[], crate::source::FileId(0), "");
        doc.year = Some(2023);
        doc.year_span = Some(Span::new(
            crate::source::FileId(0),
            year,
            year + "2023年".len(),
        ));
        agency_from_title(&text, &doc)
    }

    #[test]
    fn the_agency_is_read_from_the_title() {
        assert_eq!(
            agency("青禾县水务局2023年政府信息公开工作年度报告").as_deref(),
            Some("青禾县水务局")
        );
        assert_eq!(
            agency("2023年青禾县水务局政府信息公开工作年度报告").as_deref(),
            Some("青禾县水务局")
        );
        assert_eq!(
            agency("标题: 青禾县 水务局2023年度政府信息公开工作年度报告").as_deref(),
            Some("青禾县水务局")
        );
        assert_eq!(agency("2023年政府信息公开工作年度报告"), None);
        assert_eq!(
            agency("根据《条例》规定，现将我局2023年政府信息公开工作年度报告公布如下"),
            None
        );
    }

    fn bundled() -> Compiled {
        crate::rules::load(&mut crate::source::Sources::new(), &[])
    }

    /// The cells `needs` asks of table `id` of rule set version `version`, by row and column ids.
    fn asked(
        c: &Compiled,
        needs: &Needs,
        version: &str,
        id: &str,
    ) -> Option<Vec<(String, String)>> {
        let ri = c.rule_sets.iter().position(|r| r.version == version)?;
        let ti = c.rule_sets[ri].tables.iter().position(|t| t.id == id)?;
        let t = &c.rule_sets[ri].tables[ti];
        match needs.get(ri, ti)? {
            Need::All => Some(vec![("*".into(), "*".into())]),
            Need::Cells(cells) => Some(
                cells
                    .iter()
                    .map(|&(r, c)| (t.rows[r].id.clone(), t.columns[c].id.clone()))
                    .collect(),
            ),
        }
    }

    #[test]
    fn the_bundled_rules_need_only_the_cells_their_checks_across_years_compare() {
        let c = bundled();
        let needs = Needs::new(&c, &Workspace::default());
        assert!(!needs.is_empty());
        // 表三: this year's 上年结转 and last year's 结转下年度, in each column; nothing else.
        let t3 = asked(&c, &needs, "2021", "表三").unwrap_or_default();
        assert!(!t3.is_empty());
        assert!(
            t3.iter().all(|(r, _)| r == "上年结转" || r == "结转下年度"),
            "{t3:?}"
        );
        assert!(t3.iter().any(|(r, _)| r == "上年结转"));
        assert!(t3.iter().any(|(r, _)| r == "结转下年度"));
        // A table no check across years reads is not kept.
        assert!(asked(&c, &needs, "2021", "表四").is_none());
        // With roll-ups declared, every cell of a table with a roll-up is kept.
        let ws = Workspace::parse("[[rollup]]\nparent = \"甲\"\nchildren = [\"乙\"]\n")
            .unwrap_or_default();
        let with_rollups = Needs::new(&c, &ws);
        assert_eq!(
            asked(&c, &with_rollups, "2021", "表三"),
            Some(vec![("*".to_string(), "*".to_string())])
        );
    }

    #[test]
    fn rules_without_checks_across_reports_need_nothing_kept() {
        let mut c = bundled();
        for t in c.rule_sets.iter_mut().flat_map(|rs| rs.tables.iter_mut()) {
            t.checks.retain(|ch| !ch.across_years());
        }
        assert!(Needs::new(&c, &Workspace::default()).is_empty());
        // Roll-ups declared but no table with a roll-up rule: still nothing.
        for t in c.rule_sets.iter_mut().flat_map(|rs| rs.tables.iter_mut()) {
            t.rollups.clear();
        }
        let ws = Workspace::parse("[[rollup]]\nparent = \"甲\"\nchildren = [\"乙\"]\n")
            .unwrap_or_default();
        assert!(Needs::new(&c, &ws).is_empty());
    }

    #[test]
    fn a_kept_report_holds_its_agency_year_and_only_the_needed_numbers() {
        let c = bundled();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/report-2023.txt"
        ))
        .unwrap_or_default();
        let checked = crate::check_report(
            &c,
            crate::source::FileId(0),
            &text,
            &crate::report::ReadOptions::default(),
        );
        let needs = Needs::new(&c, &Workspace::default());
        let r = Report {
            name: "a/report-2023.txt",
            doc: &checked.document,
            text: &text,
        };
        let k = Kept::new(&needs, &Workspace::default(), &r);
        assert_eq!(k.agency.as_deref(), Some("示例市青禾区文化和旅游局"));
        assert_eq!(k.year, Some(2023));
        let all: usize = checked.document.tables.iter().map(|t| t.cells.len()).sum();
        let kept: usize = k.tables.iter().map(|t| t.cells.len()).sum();
        assert!(kept > 0 && kept * 4 < all, "{kept} of {all}");
        // Set aside on disk and read back, it is the same.
        let mut bytes = Vec::new();
        k.encode(&mut bytes);
        let back = Kept::decode(&bytes, crate::source::FileId(7));
        let mut moved = k.clone();
        moved.file = crate::source::FileId(7);
        assert_eq!(back.map(|b| format!("{b:?}")), Some(format!("{moved:?}")));
        assert!(Kept::decode(&bytes[..bytes.len() - 1], crate::source::FileId(7)).is_none());
        for t in &k.tables {
            let Some(Need::Cells(cells)) = needs.get(t.rule_set, t.table) else {
                panic!("a table kept that nothing needs");
            };
            assert!(t
                .cells
                .iter()
                .all(|x| cells.contains(&(x.row as usize, x.col as usize))));
            assert!(t.raw.is_empty());
        }
    }

    #[test]
    fn only_reports_with_a_neighbouring_year_or_named_by_a_roll_up_are_involved() {
        let reports = [
            ("a/水务局2023.txt", Some("水务局"), Some(2023)),
            ("a/教育局2023.txt", Some("教育局"), Some(2023)),
            ("b/水务局2022.txt", Some("水务局"), Some(2022)),
            ("b/无标题.txt", None, Some(2022)),
            ("b/县政府2023.txt", Some("县政府"), Some(2023)),
        ];
        assert_eq!(
            involved(&reports, &Workspace::default()),
            [true, false, true, false, false]
        );
        let ws = Workspace::parse(
            "[[rollup]]\nparent = \"县政府\"\nchildren = [\"教育局\", \"b/无标题.txt\"]\n",
        )
        .unwrap_or_default();
        assert_eq!(involved(&reports, &ws), [true, true, true, true, true]);
    }

    #[test]
    fn workspace_reads_agencies_and_rollups() {
        let ws = Workspace::parse(
            "[agencies]\n\"2023/a.txt\" = \"青禾县 水务局\"\n[[rollup]]\nparent = \"青禾县\"\nchildren = [\"甲\", \"乙\"]\n",
        )
        .unwrap_or_default();
        assert_eq!(
            ws.agencies.get("2023/a.txt").map(String::as_str),
            Some("青禾县 水务局")
        );
        assert_eq!(ws.rollup.len(), 1);
        assert!(Workspace::parse("[[rollup]]\nparent = 3\n").is_err());
    }
}
