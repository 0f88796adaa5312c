//! Report text → a [`Document`]: the year, the sections found, and every table cell with its
//! span. The reader knows nothing of any regulation: headings, labels, cell counts and kinds
//! all come from the compiled rules. What it cannot read is a finding at the place it looked.

pub mod cells;
pub mod decode;
mod form;
pub mod norm;
mod prose;
pub use prose::Prose;
mod sections;
mod tables;

pub use tables::short;

use crate::compile::{Compiled, RuleSet};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use norm::KeyText;

/// What one cell of the report holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    /// Blank, `-`, `/`, `—`, `不适用`: the report gives no value.
    NoValue,
    /// Something is there but gouji cannot be sure what number it is.
    Unreadable,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub value: Value,
    /// The cell's text as written (empty for a blank between separators): borrowed, not copied,
    /// when it is one to three ASCII digits (most cells; see [`Cell::raw_of`]).
    pub raw: std::borrow::Cow<'static, str>,
    pub span: Span,
}

impl Cell {
    /// The text of a cell as written, for [`Cell::raw`]: a number of one to three ASCII digits
    /// (most cells of a report) is borrowed from written-out tables of them, so that a cell
    /// costs no allocation; any other text is copied.
    #[inline]
    pub fn raw_of(raw: &str) -> std::borrow::Cow<'static, str> {
        let b = raw.as_bytes();
        if let [d @ b'0'..=b'9'] = b {
            return std::borrow::Cow::Borrowed(ONE_DIGIT[usize::from(d - b'0')]);
        }
        if (2..=3).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
            let n = b.iter().fold(0usize, |v, d| v * 10 + usize::from(d - b'0'));
            let (w, all) = if b.len() == 2 {
                (2, DIGITS_2)
            } else {
                (3, DIGITS_3)
            };
            if let Some(kept) = all.get(n * w..(n + 1) * w) {
                return std::borrow::Cow::Borrowed(kept);
            }
        }
        std::borrow::Cow::Owned(raw.to_string())
    }
}

const ONE_DIGIT: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// Every number of `W` digits written out with its leading zeros, one after the other
/// (`000001002…999` for three): `N` is `W` times `10^W`.
const fn digit_runs<const N: usize, const W: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N / W {
        let mut n = i;
        let mut k = W;
        while k > 0 {
            k -= 1;
            out[i * W + k] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        i += 1;
    }
    out
}

const DIGIT_BYTES_2: [u8; 200] = digit_runs::<200, 2>();
const DIGIT_BYTES_3: [u8; 3000] = digit_runs::<3000, 3>();
const DIGITS_2: &str = as_text(&DIGIT_BYTES_2);
const DIGITS_3: &str = as_text(&DIGIT_BYTES_3);

/// ASCII digits as text (checked when compiled; digits are always UTF-8, so never empty).
const fn as_text(b: &'static [u8]) -> &'static str {
    match std::str::from_utf8(b) {
        Ok(s) => s,
        Err(_) => "",
    }
}

#[derive(Debug, Clone)]
pub struct FoundSection {
    /// Index into the rule set's sections.
    pub section: usize,
    pub heading: Span,
    /// Byte range of the section's body: from the end of its heading to the next heading.
    pub body: (usize, usize),
}

#[derive(Debug, Clone)]
pub struct FoundRow {
    pub row: usize,
    pub label: Span,
}

/// One table as read, with the rule set (format) it was read with.
#[derive(Debug, Clone)]
pub struct TableRead {
    pub rule_set: usize,
    pub table: usize,
    pub rows: Vec<FoundRow>,
    pub cells: Vec<Cell>,
    /// Where the table starts in the report.
    pub start: Option<Span>,
    /// For each check of the table: where the report says one of its `when mentioned` phrases
    /// (`None` when it says none, or the check has no condition).
    pub mentions: Vec<Option<(Span, String)>>,
    /// A form's fields as written, every kind (forms only; count fields are also `cells`).
    pub fields: Vec<FieldText>,
}

/// One field of a form as read: its row, its value as written (empty when blank), and where.
#[derive(Debug, Clone)]
pub struct FieldText {
    pub row: usize,
    pub raw: String,
    pub blank: bool,
    pub span: Span,
}

impl TableRead {
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileId,
    pub year: Option<u32>,
    pub year_span: Option<Span>,
    /// Index into `Compiled::rule_sets` of the rule set the report is checked against.
    pub rule_set: Option<usize>,
    pub sections: Vec<FoundSection>,
    pub tables: Vec<TableRead>,
    /// The report ends before its last required sections.
    pub truncated: bool,
    /// Findings of the reader (structure, cells); identities come from `check`.
    pub findings: Vec<Diagnostic>,
    /// Read from an example of a rule file: only some rows of one table, so rows that are not
    /// there are not reported.
    pub snippet: bool,
    /// Each section found with its prose (tables not counted) as a matching key: no blanks or
    /// punctuation, so its length counts characters that say something.
    pub prose: Vec<(usize, Prose)>,
    /// Sections missing between found ones (section index, byte offset of the next found heading),
    /// reported once the tables are read.
    missing: Vec<(usize, usize)>,
    /// The table rows whose cells the container gave (HTML, Word): read as they are. Emptied
    /// once the report is read.
    known: Vec<crate::document::KnownRow>,
}

impl Document {
    /// The known table row (from an HTML or Word table) holding byte `off` of the text.
    fn known_row(&self, off: usize) -> Option<&crate::document::KnownRow> {
        let i = self.known.partition_point(|r| r.end < off);
        self.known.get(i).filter(|r| r.start <= off && off <= r.end)
    }
    pub fn section(&self, idx: usize) -> Option<&FoundSection> {
        self.sections.iter().find(|s| s.section == idx)
    }

    /// The prose of a section found (its tables not counted), as a matching key.
    pub fn prose(&self, section: usize) -> Option<&Prose> {
        self.prose
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, p)| p)
    }
}

#[derive(Default)]
pub struct ReadOptions {
    pub year: Option<u32>,
}

/// The text with every lone `\r` (old Mac line endings) made a `\n`, so that the reader sees
/// the lines the editor and the line numbers see. One byte for one: spans stay valid.
pub fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !text.contains('\r') || !(0..b.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = b.to_vec();
    for (i, c) in out.iter_mut().enumerate() {
        if lone(i) {
            *c = b'\n';
        }
    }
    // Only ASCII bytes changed.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// Read some rows of one table (an example in a rule file) with the given rule set.
pub fn read_table_snippet(
    compiled: &Compiled,
    rule_set: usize,
    table: usize,
    file: FileId,
    text: &str,
) -> Document {
    let text = &*lone_cr_as_lf(text);
    let key = KeyText::new(text);
    let rs = &compiled.rule_sets[rule_set];
    let mut doc = Document {
        file,
        year: Some(rs.from_year),
        year_span: None,
        rule_set: Some(rule_set),
        sections: Vec::new(),
        tables: Vec::new(),
        truncated: false,
        findings: Vec::new(),
        snippet: true,
        prose: Vec::new(),
        missing: Vec::new(),
        known: Vec::new(),
    };
    let read = if rs.tables[table].form.is_some() {
        form::read_form(&rs.tables[table], rule_set, table, &key, text, &mut doc)
    } else {
        tables::read_one(&rs.tables[table], rule_set, table, &key, text, &mut doc)
    };
    doc.tables.push(read);
    crate::diagnostic::sort(&mut doc.findings);
    doc
}

/// Read an example of a section (some of its prose, perhaps with rows of `tables`) with the given
/// rule set. The year comes from a title line in the text (`某局2023年政府信息公开工作年度报告`),
/// else it is the rule set's first year.
pub fn read_section_snippet(
    compiled: &Compiled,
    rule_set: usize,
    section: usize,
    tables: &[usize],
    file: FileId,
    text: &str,
) -> Document {
    let key = KeyText::new(text);
    let rs = &compiled.rule_sets[rule_set];
    let found = find_year(compiled, file, text, &key);
    let mut doc = Document {
        file,
        year: Some(found.map(|f| f.0).unwrap_or(rs.from_year)),
        year_span: found.map(|f| f.1),
        rule_set: Some(rule_set),
        sections: vec![FoundSection {
            section,
            heading: Span::new(file, 0, 0),
            body: (0, text.len()),
        }],
        prose: Vec::new(),
        tables: Vec::new(),
        truncated: false,
        findings: Vec::new(),
        snippet: true,
        missing: Vec::new(),
        known: Vec::new(),
    };
    for &t in tables {
        // A table the example does not show is not there to be missed.
        let before = doc.findings.len();
        let read = tables::read_one(&rs.tables[t], rule_set, t, &key, text, &mut doc);
        if read.cells.is_empty() {
            doc.findings.truncate(before);
        } else {
            doc.tables.push(read);
        }
    }
    crate::diagnostic::sort(&mut doc.findings);
    doc
}

/// Read a decoded report against the compiled rules.
pub fn read(compiled: &Compiled, file: FileId, text: &str, opts: &ReadOptions) -> Document {
    read_keyed(compiled, file, text, &KeyText::new(text), opts)
}

/// As [`read`], with the report's matching key already made (the language server keeps it
/// between edits and updates only what an edit changed: [`KeyText::update`]). `key` must be
/// the key of `text`.
pub fn read_keyed(
    compiled: &Compiled,
    file: FileId,
    text: &str,
    key: &KeyText,
    opts: &ReadOptions,
) -> Document {
    read_known(compiled, file, text, key, opts, &[])
}

/// Read a report laid out from a container ([`crate::document::View`]): the text, and the
/// table rows whose cells are known, which are taken as they are.
pub fn read_view(
    compiled: &Compiled,
    file: FileId,
    view: &crate::document::View,
    opts: &ReadOptions,
) -> Document {
    read_known(
        compiled,
        file,
        &view.text,
        &KeyText::new(&view.text),
        opts,
        &view.rows,
    )
}

fn read_known(
    compiled: &Compiled,
    file: FileId,
    text: &str,
    key: &KeyText,
    opts: &ReadOptions,
    known: &[crate::document::KnownRow],
) -> Document {
    // A lone `\r` and `\n` fold to the same (no) key characters: the key holds for both.
    let text = &*lone_cr_as_lf(text);
    let mut doc = Document {
        file,
        year: None,
        year_span: None,
        rule_set: None,
        sections: Vec::new(),
        tables: Vec::new(),
        truncated: false,
        findings: Vec::new(),
        snippet: false,
        prose: Vec::new(),
        missing: Vec::new(),
        known: known.to_vec(),
    };
    // The first line with something on it: where the title should be.
    let first_line = {
        let mut at = 0;
        let mut span = (0, 0);
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            let comment = t.starts_with("<!--") && t.ends_with("-->");
            if !t.is_empty() && !comment {
                let lead = line.len() - line.trim_start().len();
                span = (at + lead, at + lead + t.len());
                break;
            }
            at += line.len();
        }
        span
    };
    let whole = Span::new(file, first_line.0, first_line.1);

    if compiled.rule_sets.is_empty() {
        doc.findings.push(Diagnostic::of(
            Code::NoRuleSet,
            crate::tr!("report-no-rules"),
            whole,
        ));
        return doc;
    }

    // The year: from --year, else from the title.
    match opts.year {
        Some(y) => doc.year = Some(y),
        None => {
            if let Some((y, span)) = find_year(compiled, file, text, key) {
                doc.year = Some(y);
                doc.year_span = Some(span);
            }
        }
    }

    let titled = titled_regulation(compiled, text, key);
    // The rule set: the one whose years hold the report year; without a year, the format the
    // tables match best.
    let chosen = match doc.year {
        Some(y) => {
            let mut cands: Vec<usize> = (0..compiled.rule_sets.len())
                .filter(|&i| compiled.rule_sets[i].covers(y))
                .collect();
            // The regulation named by the title comes first; then the year picks its rule set.
            if let Some(reg) = &titled {
                if cands
                    .iter()
                    .any(|&i| &compiled.rule_sets[i].regulation == reg)
                {
                    cands.retain(|&i| &compiled.rule_sets[i].regulation == reg);
                }
            }
            // No title names a regulation, and several regulations govern the year: the one
            // whose labels the report holds most (the first on a tie).
            if titled.is_none() {
                let regs: Vec<&str> = cands
                    .iter()
                    .map(|&i| compiled.rule_sets[i].regulation.as_str())
                    .collect();
                if regs.iter().any(|r| *r != regs[0]) {
                    let mut best: Option<(usize, usize)> = None;
                    for &i in &cands {
                        let score = format_score(&compiled.rule_sets[i], key);
                        if best.is_none_or(|(_, b)| score > b) {
                            best = Some((i, score));
                        }
                    }
                    if let Some((i, _)) = best {
                        let reg = compiled.rule_sets[i].regulation.clone();
                        cands.retain(|&c| compiled.rule_sets[c].regulation == reg);
                    }
                }
            }
            match cands.first() {
                Some(&i) => i,
                None => {
                    let known: Vec<String> = compiled
                        .rule_sets
                        .iter()
                        .map(|r| {
                            crate::tr!(
                                "report-rule-set-covers",
                                regulation = r.regulation.as_str(),
                                version = r.version.as_str(),
                                years = r.years_human()
                            )
                        })
                        .collect();
                    doc.findings.push(
                        Diagnostic::of(
                            Code::NoRuleSet,
                            crate::tr!("report-no-rule-set-for-year", year = y.to_string()),
                            doc.year_span.unwrap_or(whole),
                        )
                        .with_primary_message(crate::tr!("report-year-is", year = y.to_string()))
                        .with_note(known.join(&crate::tr!("list-separator-long")))
                        .with_help(crate::tr!("report-no-rule-set-help")),
                    );
                    return doc;
                }
            }
        }
        None => {
            let best = (0..compiled.rule_sets.len())
                .filter(|&i| {
                    titled
                        .as_ref()
                        .is_none_or(|r| &compiled.rule_sets[i].regulation == r)
                })
                .max_by_key(|&i| format_score(&compiled.rule_sets[i], key))
                .unwrap_or(0);
            let rs = &compiled.rule_sets[best];
            doc.findings.push(
                Diagnostic::of(Code::NoYear, crate::tr!("report-no-year"), whole)
                    .with_primary_message(crate::tr!("report-no-year-here"))
                    .with_note(crate::tr!(
                        "report-no-year-checked-against",
                        rule_set = rs.display_name(),
                        years = rs.years_human()
                    ))
                    .with_help(crate::tr!("report-no-year-help")),
            );
            best
        }
    };
    doc.rule_set = Some(chosen);
    let rs = &compiled.rule_sets[chosen];

    sections::read_sections(rs, key, text, &mut doc);
    tables::read_tables(compiled, chosen, key, text, &mut doc);
    form::read_forms(compiled, chosen, key, text, &mut doc);
    sections::report_missing(rs, text, &mut doc);
    doc.prose = prose::measure(compiled, text, key, &doc);
    sections::check_requirements(rs, key, text, &mut doc);
    crate::diagnostic::sort(&mut doc.findings);
    doc.known = Vec::new();
    doc
}

/// The regulation whose title (`title "…"`) the report's title names: the earliest short line
/// near the top that holds a rule set's title, the longest title on it. `None` when no title is
/// found.
/// The key of `text[a..b]`, cut from the key of the whole text (folding goes character by
/// character, so this is the key of that slice, without folding it again).
fn key_of(key: &KeyText, a: usize, b: usize) -> &[char] {
    let (i, j) = (key.at_byte(a), key.at_byte(b));
    &key.chars[i..j.max(i)]
}

fn titled_regulation(compiled: &Compiled, text: &str, key: &KeyText) -> Option<String> {
    let titles: Vec<(Vec<char>, &str)> = compiled
        .rule_sets
        .iter()
        .filter_map(|rs| {
            rs.title
                .as_ref()
                .map(|t| (norm::key(t), rs.regulation.as_str()))
        })
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(41) {
        if offset > 4000 {
            break;
        }
        let line_start = offset;
        offset += line.len();
        // A title is a short line without sentence punctuation; prose may mention another
        // report's name.
        let t = line.trim();
        if t.chars().count() > 60 || t.contains('，') || t.ends_with('。') {
            continue;
        }
        let lk = key_of(key, line_start, offset);
        let best = titles
            .iter()
            .filter(|(t, _)| norm::contains(lk, t))
            .max_by_key(|(t, _)| t.len());
        if let Some((_, reg)) = best {
            return Some((*reg).to_string());
        }
    }
    None
}

/// How many of a rule set's row and column labels occur in the report (for telling formats apart).
fn format_score(rs: &RuleSet, key: &KeyText) -> usize {
    // The labels' keys were folded when the rules were compiled.
    let labels = || {
        rs.tables
            .iter()
            .flat_map(|t| t.keys.rows.iter().chain(&t.keys.columns))
            .map(|k| k.as_slice())
    };
    let starts = norm::Starts::new(key, labels());
    labels()
        .filter(|k| starts.find_from(key, k, 0).next().is_some())
        .count()
}

/// The report year, from a title line near the top: the first `20xx年` on a line that names
/// the report (`…年度报告`, `…年报`, or a rule set's title).
fn find_year(compiled: &Compiled, file: FileId, text: &str, key: &KeyText) -> Option<(u32, Span)> {
    let mut titles: Vec<Vec<char>> = vec![norm::key("年度报告"), norm::key("年报")];
    for rs in &compiled.rule_sets {
        if let Some(t) = &rs.title {
            titles.push(norm::key(t));
        }
    }
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').take(41).collect();
    for (n, line) in lines.iter().enumerate() {
        if offset > 4000 {
            break;
        }
        // A title may wrap onto the next line: the key of the line without its trailing blanks,
        // then the next line's, cut from the report's key.
        let next_start = offset + line.len();
        let next_end = next_start + lines.get(n + 1).map_or(0, |l| l.len());
        let mut lk = key_of(key, offset, offset + line.trim_end().len()).to_vec();
        lk.extend_from_slice(key_of(key, next_start, next_end));
        let named = titles.iter().any(|t| norm::contains(&lk, t));
        if named {
            if let Some((y, a, b)) = year_in(line) {
                return Some((y, Span::new(file, offset + a, offset + b)));
            }
            // The year on a short line of its own under the title: `（2023年度）`.
            if let Some(next) = lines.get(n + 1) {
                let t = next.trim();
                if t.chars().count() <= 12 && t.contains("年度") {
                    if let Some((y, a, b)) = year_in(next) {
                        let at = offset + line.len();
                        return Some((y, Span::new(file, at + a, at + b)));
                    }
                }
            }
        }
        offset += line.len();
    }
    None
}

/// The first `YYYY年` / `YYYY 年` (also full-width digits) in a line.
fn year_in(line: &str) -> Option<(u32, usize, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for i in 0..chars.len() {
        let digits: Option<Vec<u32>> = (0..4)
            .map(|k| chars.get(i + k).and_then(|(_, c)| digit(*c)))
            .collect();
        let Some(d) = digits else { continue };
        if i > 0 && digit(chars[i - 1].1).is_some() {
            continue;
        }
        let mut j = i + 4;
        if chars.get(j).is_some_and(|(_, c)| digit(*c).is_some()) {
            continue;
        }
        while chars
            .get(j)
            .is_some_and(|(_, c)| *c == ' ' || *c == '\u{3000}')
        {
            j += 1;
        }
        if chars.get(j).is_some_and(|(_, c)| *c == '年') {
            let y = d.iter().fold(0, |a, x| a * 10 + x);
            if (1990..=2100).contains(&y) {
                let start = chars[i].0;
                let end = chars[j].0 + '年'.len_utf8();
                return Some((y, start, end));
            }
        }
    }
    None
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Cell;

    #[test]
    fn a_cell_keeps_its_text_as_written_borrowed_or_copied() {
        for n in 0..1000 {
            for raw in [format!("{n}"), format!("{n:02}"), format!("{n:03}")] {
                let kept = Cell::raw_of(&raw);
                assert_eq!(kept, raw);
                assert!(matches!(kept, std::borrow::Cow::Borrowed(_)), "{raw}");
            }
        }
        for raw in ["", "1234", "0.5", "-3", "１", "不适用", " 7"] {
            assert_eq!(Cell::raw_of(raw), raw);
        }
    }
}
