//! Figures the prose states (`fact`): find each phrase in the sections it reads, take the number
//! it holds, and compare it with what the rule says it must equal (cells of a table, or the
//! report year).
//!
//! The matcher is deliberately small and predictable, so a rule's author can tell what it finds:
//! - blanks and line breaks inside a phrase are ignored (PDF text wraps anywhere);
//! - full-width digits read as digits; small Chinese numerals (`三`, `十二`, `一百零五`) as numbers;
//!   simple traditional characters as simplified ones;
//! - after the number, `件`, `份`, `条` and `起` stand for each other;
//! - `…` stands for at most [`MAX_GAP`] characters of one clause: it never crosses `。；，！？`;
//! - a number is whole: never the tail of a longer one; the table's value is compared at as
//!   many decimals as the sentence gives (`12.5万元` agrees with 12.46);
//! - a clause (the text between two of `。；，！？`) that contains a word of the fact's `unless`
//!   list is not compared; nor, for facts about a table, one that names another year than the
//!   report's (`2022年为70件` speaks of 2022).

use crate::compile::{Compiled, Fact, OperandKind, Piece, RuleSet};
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{short, Document, Value};
use crate::source::Span;

/// How many characters a `…` may stand for.
pub const MAX_GAP: usize = 30;

/// Characters that end a clause: a gap never crosses them, and `unless` looks no further.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | ';' | '，' | ',' | '！' | '!' | '？' | '?' | '：' | ':'
    )
}

/// Units that stand for each other right after the number.
fn is_unit(c: char) -> bool {
    matches!(c, '件' | '份' | '条' | '起')
}

/// The form a character is compared in: full-width digits and the full-width point as ASCII,
/// simple traditional characters as simplified ones (`申請` reads as `申请`).
pub fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        _ => crate::report::norm::simplified(c),
    }
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// The common ideographs (U+4E00–U+9FFF) the prose must look at closely, one bit each: those
/// [`fold`] changes (traditional forms), the numerals, and the first characters of the phrases
/// searched for. Any other ideograph (most of a report) is its own folded form, no numeral and
/// the start of no phrase: told by one bit, where folding it and asking whether it is a numeral
/// cost most of the prose's making.
struct Notable {
    bits: Vec<u64>,
    /// The phrases' first characters that are ideographs: where [`Prose::starts`] notes them.
    firsts: Vec<char>,
}

/// The first ideograph and how many bits cover the ideographs.
const IDEOGRAPHS: (u32, usize) = (0x4E00, (0x9FFF - 0x4E00) / 64 + 1);

fn ideograph(c: char) -> Option<usize> {
    (c as u32)
        .checked_sub(IDEOGRAPHS.0)
        .map(|i| i as usize)
        .filter(|&i| i < IDEOGRAPHS.1 * 64)
}

impl Notable {
    /// For phrases opening with `firsts` (those that are not ideographs are left out).
    fn new(firsts: impl IntoIterator<Item = char>) -> Notable {
        // The traditional forms and the numerals, the same for every rule set: set once.
        static BASE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
        let base = BASE.get_or_init(|| {
            let mut bits = vec![0u64; IDEOGRAPHS.1];
            let numerals = "零一二两三四五六七八九十百千".chars();
            for c in crate::report::norm::traditional_forms().chain(numerals) {
                set(&mut bits, c);
            }
            bits
        });
        let mut notable = Notable {
            bits: base.clone(),
            firsts: Vec::new(),
        };
        for c in firsts {
            if ideograph(c).is_some() && !notable.firsts.contains(&c) {
                set(&mut notable.bits, c);
                notable.firsts.push(c);
            }
        }
        notable
    }

    /// Whether the ideograph at bit `i` is notable.
    fn has(&self, i: usize) -> bool {
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

fn set(bits: &mut [u64], c: char) {
    if let Some(i) = ideograph(c) {
        bits[i / 64] |= 1 << (i % 64);
    }
}

/// The prose as the matcher sees it: characters without blanks, folded, each with its byte range.
struct Prose {
    chars: Vec<char>,
    /// Where each character starts in the text (where it ends is read from the text).
    at: Vec<usize>,
    /// Where each run of numerals starts (a numeral not right after another): the only places a
    /// phrase that opens with its number can match, found once for every such phrase.
    numbers: Vec<usize>,
    /// Where a character of [`Notable::firsts`] stands: the only places a phrase that opens with
    /// one can match, found in the one pass that makes the prose (not in a scan per phrase).
    starts: Vec<usize>,
    /// The characters `starts` notes.
    firsts: Vec<char>,
    /// Each character that stands right after a run of numerals, once: the only characters a
    /// phrase's number can be followed by (but numerals), so a phrase whose number must be
    /// followed by another is not looked for.
    after_numbers: Vec<char>,
}

impl Prose {
    fn new(text: &str, from: usize, to: usize, notable: &Notable) -> Prose {
        let mut prose = Prose {
            chars: Vec::new(),
            at: Vec::new(),
            numbers: Vec::new(),
            starts: Vec::new(),
            firsts: notable.firsts.clone(),
            after_numbers: Vec::new(),
        };
        let Some(body) = text.get(from..to) else {
            return prose;
        };
        // Sized once: the vectors are at most as long as the section's characters.
        let n = body.chars().count();
        let Prose {
            chars,
            at,
            numbers,
            starts,
            after_numbers,
            ..
        } = &mut prose;
        chars.reserve_exact(n);
        at.reserve_exact(n);
        let mut after_numeral = false;
        for (i, c) in body.char_indices() {
            // ASCII first: it folds to itself, and its only numerals are digits.
            let (folded, numeral) = if c.is_ascii() {
                if c.is_ascii_whitespace() || c == '\u{0B}' {
                    continue;
                }
                (c, c.is_ascii_digit())
            } else if let Some(bit) = ideograph(c) {
                // A common ideograph (most of the prose): no blank, and of `fold` only the
                // traditional form can change it.
                if !notable.has(bit) {
                    if after_numeral && !after_numbers.contains(&c) {
                        after_numbers.push(c);
                    }
                    after_numeral = false;
                    chars.push(c);
                    at.push(from + i);
                    continue;
                }
                let folded = crate::report::norm::simplified(c);
                if notable.firsts.contains(&folded) {
                    starts.push(chars.len());
                }
                (folded, is_numeral(folded))
            } else {
                if c.is_whitespace() || c == '\u{FEFF}' {
                    continue;
                }
                let folded = fold(c);
                (folded, is_numeral(folded))
            };
            if numeral && !after_numeral {
                numbers.push(chars.len());
            }
            if after_numeral && !numeral && !after_numbers.contains(&folded) {
                after_numbers.push(folded);
            }
            after_numeral = numeral;
            chars.push(folded);
            at.push(from + i);
        }
        prose
    }

    /// Whether a phrase whose number must be followed by one of `need` (see [`after_number`])
    /// can be found.
    fn may_follow(&self, need: &Option<Follow>) -> bool {
        need.as_ref()
            .is_none_or(|need| need.chars().iter().any(|c| self.after_numbers.contains(c)))
    }

    /// Where character `k` ends in `text`.
    fn end(&self, text: &str, k: usize) -> usize {
        let a = self.at[k];
        a + text
            .get(a..)
            .and_then(|t| t.chars().next())
            .map_or(0, char::len_utf8)
    }
}

/// How long the number read at `i` is, in characters: what matching needs. Its value
/// (`number_at`) is worked out only for a phrase found.
fn number_len(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && is_numeral(chars[i - 1]) {
        return None;
    }
    if chars.get(i)?.is_ascii_digit() {
        return Some(digits_end(chars, i) - i);
    }
    number_at(chars, i).map(|(_, len)| len)
}

/// Where the Arabic number starting at `i` ends: its digits, and a decimal point followed by
/// digits.
fn digits_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while chars.get(j).is_some_and(char::is_ascii_digit) {
        j += 1;
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        j += 1;
        while chars.get(j).is_some_and(char::is_ascii_digit) {
            j += 1;
        }
    }
    j
}

/// A number read at `i`: its value and length in characters.
fn number_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    if i > 0 && is_numeral(chars[i - 1]) {
        return None;
    }
    let first = *chars.get(i)?;
    if first.is_ascii_digit() {
        let j = digits_end(chars, i);
        let s: String = chars[i..j].iter().collect();
        return s.parse().ok().map(|v| (v, j - i));
    }
    // Small Chinese numerals: 三, 十二, 二十, 一百零五, 两千.
    let mut j = i;
    let (mut total, mut cur, mut any) = (0u32, 0u32, false);
    while let Some(&c) = chars.get(j) {
        if let Some(d) = cn_digit(c) {
            cur = d;
        } else {
            let m = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => break,
            };
            total += if cur == 0 && m == 10 { 1 } else { cur } * m;
            cur = 0;
        }
        any = true;
        j += 1;
    }
    any.then(|| (f64::from(total + cur), j - i))
}

/// A phrase found: the characters it covers and where its number stands.
struct Hit {
    start: usize,
    end: usize,
    num: (usize, usize),
    value: f64,
}

/// Match `pieces` at `i`; the shortest match wins.
fn match_at(
    chars: &[char],
    pieces: &[Piece],
    i: usize,
    num: &mut Option<(usize, usize)>,
) -> Option<usize> {
    let Some((first, rest)) = pieces.split_first() else {
        return Some(i);
    };
    match first {
        Piece::Text(t) => {
            let after_number = num.is_some_and(|n| n.1 == i);
            for (k, want) in t.iter().enumerate() {
                let got = *chars.get(i + k)?;
                let same =
                    got == *want || (k == 0 && after_number && is_unit(*want) && is_unit(got));
                if !same {
                    return None;
                }
            }
            match_at(chars, rest, i + t.len(), num)
        }
        Piece::Gap => {
            for g in 0..=MAX_GAP {
                if g > 0 && chars.get(i + g - 1).is_none_or(|&c| ends_clause(c)) {
                    return None;
                }
                if let Some(end) = match_at(chars, rest, i + g, num) {
                    return Some(end);
                }
            }
            None
        }
        Piece::Number => {
            let len = number_len(chars, i)?;
            let saved = *num;
            *num = Some((i, i + len));
            match match_at(chars, rest, i + len, num) {
                Some(end) => Some(end),
                None => {
                    *num = saved;
                    None
                }
            }
        }
    }
}

fn find(prose: &Prose, pieces: &[Piece]) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    // Where a match can start: at the phrase's first character, or at a numeral.
    let first = match pieces.first() {
        Some(Piece::Text(t)) => t.first().copied(),
        _ => None,
    };
    let mut i = 0;
    let mut runs = prose.numbers.iter();
    let opens_with_number = matches!(pieces.first(), Some(Piece::Number));
    // A first character the prose noted where it stands.
    let noted = first.filter(|f| prose.firsts.contains(f));
    let mut starts = prose
        .starts
        .iter()
        .copied()
        .filter(|&p| Some(prose.chars[p]) == noted);
    while i < prose.chars.len() {
        // A phrase that opens with its number can only start where a run of numerals does
        // (elsewhere the number would be the tail of a longer one).
        if opens_with_number {
            let Some(&p) = runs.find(|&&p| p >= i) else {
                break;
            };
            i = p;
        } else if noted.is_some() {
            let Some(p) = starts.find(|&p| p >= i) else {
                break;
            };
            i = p;
        } else {
            // On to the next place a match can start.
            let rest = &prose.chars[i..];
            let next = match first {
                Some(f) => crate::report::norm::position(rest, f),
                None => rest.iter().position(|&c| is_numeral(c)),
            };
            let Some(k) = next else { break };
            i += k;
        }
        let mut num = None;
        if let Some(end) = match_at(&prose.chars, pieces, i, &mut num) {
            if let Some((a, b)) = num {
                let Some((value, _)) = number_at(&prose.chars, a) else {
                    i += 1;
                    continue;
                };
                out.push(Hit {
                    start: i,
                    end,
                    num: (a, b),
                    value,
                });
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
}

/// Where `unless` looks for a phrase found at `start..end`: from the start of its sentence (what
/// leads up to the figure says what it counts) to the end of the clause after it (`较上年增加5件`
/// right after a figure is about last year's figure, not this one).
fn context(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let mut a = start;
    while a > 0 && !ends_sentence(chars[a - 1]) {
        a -= 1;
    }
    let mut b = end;
    while b < chars.len() && !ends_clause(chars[b]) {
        b += 1;
    }
    (a, b)
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    // The first character told apart before the rest is compared.
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    hay.windows(needle.len())
        .any(|w| w[0] == first && w[1..] == *rest)
}

/// Does the clause name a year (`2022年`) other than `year`?
fn names_other_year(clause: &[char], year: u32) -> bool {
    let mut i = 0;
    while i + 4 < clause.len() {
        let w = &clause[i..i + 4];
        if w.iter().all(char::is_ascii_digit)
            && (i == 0 || !clause[i - 1].is_ascii_digit())
            && clause[i + 4] == '年'
        {
            let y: u32 = w
                .iter()
                .filter_map(|c| c.to_digit(10))
                .fold(0, |a, d| a * 10 + d);
            if (1990..=2100).contains(&y) && y != year {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// A cell a fact read: its table (as read) and place. Named only when a finding is made.
struct CellName<'a> {
    table: &'a crate::compile::Table,
    row: usize,
    col: usize,
}

impl CellName<'_> {
    fn words(&self) -> String {
        crate::tr!(
            "check-cell",
            row = short(&self.table.rows[self.row].label),
            column = short(&self.table.columns[self.col].label)
        )
    }
}

/// One meaning of a fact evaluated: its value and the cells it read, or `None` when a cell it
/// needs has no number (or is not in the report).
struct Meaning<'a> {
    value: f64,
    cells: Vec<(Span, CellName<'a>, f64)>,
    ops: &'a [crate::compile::Operand],
}

impl Meaning<'_> {
    /// The meaning in the report's terms (`a + b - c`), for a finding.
    fn text(&self, rs: &RuleSet) -> String {
        let parts: Vec<String> = self
            .ops
            .iter()
            .map(|o| format!("{}{}", if o.negative { "- " } else { "" }, describe(rs, o)))
            .collect();
        parts.join(" + ").replace("+ - ", "- ")
    }
}

fn evaluate<'a>(
    compiled: &'a Compiled,
    rs: &RuleSet,
    doc: &Document,
    ops: &'a [crate::compile::Operand],
) -> Option<Meaning<'a>> {
    let mut value = 0.0;
    let mut cells = Vec::new();
    for o in ops {
        let v = match &o.kind {
            OperandKind::Const(c) => *c,
            OperandKind::ReportYear => f64::from(doc.year?),
            OperandKind::Cells(cs) => {
                let mut s = 0.0;
                for c in cs {
                    let (n, span, name) = cell_value(compiled, rs, doc, c)?;
                    s += n;
                    cells.push((span, name, n));
                }
                s
            }
            OperandKind::Lines(_) => return None,
        };
        let v = o.scale.apply(v);
        value += if o.negative { -v } else { v };
    }
    Some(Meaning { value, cells, ops })
}

/// An operand in the report's terms: `（三）不予公开` × `总计` for the cells of a row group.
fn describe(rs: &RuleSet, o: &crate::compile::Operand) -> String {
    let base = describe_cells(rs, o);
    if o.scale.is_one() {
        base
    } else {
        format!("{base} × {}", crate::compile::fmt_num(o.scale.apply(1.0)))
    }
}

fn describe_cells(rs: &RuleSet, o: &crate::compile::Operand) -> String {
    let OperandKind::Cells(cs) = &o.kind else {
        return o.text.clone();
    };
    let Some(first) = cs.first() else {
        return o.text.clone();
    };
    let Some(t) = rs.tables.get(first.table) else {
        return o.text.clone();
    };
    let col = short(&t.columns[first.col].label);
    if let [one] = cs.as_slice() {
        return crate::tr!(
            "check-cell",
            row = short(&t.rows[one.row].label),
            column = col
        );
    }
    let rows: Vec<usize> = cs.iter().map(|c| c.row).collect();
    match t.row_groups.iter().find(|g| g.members == rows) {
        Some(g) => crate::tr!("check-cell", row = short(&g.label), column = col),
        None => o.text.clone(),
    }
}

/// The number in a cell named by a fact. The table is found by its name, whatever format it
/// was read with (a 2024 report may print a table in the 2019 layout); `None` when the cell is
/// not there or holds no number.
fn cell_value<'a>(
    compiled: &'a Compiled,
    rs: &RuleSet,
    doc: &Document,
    c: &crate::compile::CellRef,
) -> Option<(f64, Span, CellName<'a>)> {
    let want = rs.tables.get(c.table)?;
    let (row_id, col_id) = (&want.rows.get(c.row)?.id, &want.columns.get(c.col)?.id);
    for read in &doc.tables {
        let Some(t) = compiled
            .rule_sets
            .get(read.rule_set)
            .and_then(|r| r.tables.get(read.table))
        else {
            continue;
        };
        if t.id != want.id {
            continue;
        }
        let Some(row) = t.row(row_id) else { continue };
        let Some(col) = t
            .columns
            .iter()
            .position(|x| x.id == *col_id && x.block == t.rows[row].block)
        else {
            continue;
        };
        let cell = read.cell(row, col)?;
        let Value::Number(n) = cell.value else {
            return None;
        };
        return Some((n, cell.span, CellName { table: t, row, col }));
    }
    None
}

/// The characters a phrase's number must be followed by in the prose (its text right after the
/// number: any unit for a unit), or `None` when that says nothing a search of the raw text can
/// tell: a gap or the end after the number, a character other than a common ideograph, or a
/// numeral (a number can end inside a run of numerals, `3十`).
fn after_number(pieces: &[Piece]) -> Option<Follow> {
    let at = pieces.iter().position(|p| matches!(p, Piece::Number))?;
    let Some(Piece::Text(t)) = pieces.get(at + 1) else {
        return None;
    };
    let c = *t.first()?;
    if is_unit(c) {
        Some(Follow::Unit)
    } else {
        ideograph(c)
            .filter(|_| !is_numeral(c))
            .map(|_| Follow::Char(c))
    }
}

/// What a phrase's number must be followed by: any unit, or one character.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Follow {
    Unit,
    Char(char),
}

impl Follow {
    fn chars(&self) -> &[char] {
        match self {
            Follow::Unit => &['件', '份', '条', '起'],
            Follow::Char(c) => std::slice::from_ref(c),
        }
    }
}

/// Which characters stand right after a numeral in the prose of a section (blanks between, as
/// the prose drops them), each asked at most once. A character is found by a vectorised search
/// of the raw text for it and for the traditional forms that fold to it, which costs a fraction
/// of folding the section into its prose: a section where no phrase's number can be followed as
/// the phrase says (a table of figures, no unit after any) has no phrase to find, and is not
/// made into prose at all.
struct Followers<'t> {
    body: &'t str,
    /// For each character of the check's list (see [`Followers::has`]), once asked.
    known: Vec<Option<bool>>,
}

impl<'t> Followers<'t> {
    fn new(text: &'t str, from: usize, to: usize, wanted: usize) -> Followers<'t> {
        Followers {
            // A range off the characters' boundaries has no prose.
            body: text.get(from..to).unwrap_or(""),
            known: vec![None; wanted],
        }
    }

    /// Whether `wanted[k]` (a common ideograph in its folded form) follows a numeral.
    fn has(&mut self, wanted: &[char], k: usize) -> bool {
        let body = self.body;
        *self.known[k].get_or_insert_with(|| {
            let mut buf = [0u8; 4];
            std::iter::once(wanted[k])
                .chain(traditional_of(wanted[k]))
                .any(|form| {
                    let needle = form.encode_utf8(&mut buf).as_bytes();
                    memchr::memmem::find_iter(body.as_bytes(), needle).any(|p| {
                        body[..p]
                            .chars()
                            .rev()
                            .find(|&c| !(c.is_whitespace() || c == '\u{FEFF}'))
                            .is_some_and(|c| is_numeral(fold(c)))
                    })
                })
        })
    }

    /// Whether a phrase whose number must be followed by one of `need` can be found.
    fn can_match(&mut self, wanted: &[char], need: &Option<Follow>) -> bool {
        need.as_ref().is_none_or(|need| {
            need.chars().iter().any(|c| {
                wanted
                    .iter()
                    .position(|w| w == c)
                    .is_some_and(|k| self.has(wanted, k))
            })
        })
    }
}

/// The traditional forms [`fold`] makes `c`.
fn traditional_of(c: char) -> impl Iterator<Item = char> {
    static PAIRS: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    PAIRS
        .get_or_init(|| {
            crate::report::norm::traditional_forms()
                .map(|t| (crate::report::norm::simplified(t), t))
                .filter(|(s, t)| s != t)
                .collect()
        })
        .iter()
        .filter(move |(s, _)| *s == c)
        .map(|(_, t)| *t)
}

/// Check every fact of the report's rule set against its prose.
pub fn check(compiled: &Compiled, doc: &Document, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(ri) = doc.rule_set else {
        return out;
    };
    let Some(rs) = compiled.rule_sets.get(ri) else {
        return out;
    };
    if rs.facts.is_empty() {
        return out;
    }
    // Each section's prose, read once for every fact.
    let notable =
        Notable::new(rs.facts.iter().flat_map(|f| &f.phrases).filter_map(
            |p| match p.pieces.first() {
                Some(Piece::Text(t)) => t.first().copied(),
                _ => None,
            },
        ));
    // What must follow each phrase's number, and every character that must.
    let follow: Vec<Vec<Option<Follow>>> = rs
        .facts
        .iter()
        .map(|f| f.phrases.iter().map(|p| after_number(&p.pieces)).collect())
        .collect();
    let mut wanted: Vec<char> = Vec::new();
    for c in follow.iter().flatten().flatten().flat_map(Follow::chars) {
        if !wanted.contains(c) {
            wanted.push(*c);
        }
    }
    // The sections read by some fact, each made into prose when some phrase can be found there
    // (only where its number can be followed as it says).
    let proses: Vec<(usize, Prose)> = doc
        .sections
        .iter()
        .filter(|s| rs.facts.iter().any(|f| within(rs, s.section, &f.sections)))
        .filter_map(|s| {
            let mut followers = Followers::new(text, s.body.0, s.body.1, wanted.len());
            let some = rs.facts.iter().zip(&follow).any(|(f, need)| {
                within(rs, s.section, &f.sections)
                    && need.iter().any(|n| followers.can_match(&wanted, n))
            });
            some.then(|| (s.section, Prose::new(text, s.body.0, s.body.1, &notable)))
        })
        .collect();
    // Number spans already reported, so one figure found by two phrases is reported once.
    let mut seen: Vec<(usize, usize, usize)> = Vec::new();
    for (fi, fact) in rs.facts.iter().enumerate() {
        let about_year = fact.about_year();
        // The `unless` words in the prose's form, made at the fact's first phrase found.
        let mut unless: Option<Vec<Vec<char>>> = None;
        for (_, prose) in proses
            .iter()
            .filter(|(s, _)| within(rs, *s, &fact.sections))
        {
            for (phrase, need) in fact.phrases.iter().zip(&follow[fi]) {
                if !prose.may_follow(need) {
                    continue;
                }
                for hit in find(prose, &phrase.pieces) {
                    let num_span = Span::new(
                        doc.file,
                        prose.at[hit.num.0],
                        prose.end(text, hit.num.1 - 1),
                    );
                    if seen.contains(&(fi, num_span.start, num_span.end)) {
                        continue;
                    }
                    let (a, b) = context(&prose.chars, hit.start, hit.end);
                    let around = &prose.chars[a..b];
                    let unless = unless.get_or_insert_with(|| {
                        fact.unless
                            .iter()
                            .map(|u| u.chars().filter(|c| !c.is_whitespace()).map(fold).collect())
                            .collect()
                    });
                    if unless.iter().any(|u| contains(around, u)) {
                        continue;
                    }
                    let raw: String = prose.chars[hit.num.0..hit.num.1].iter().collect();
                    if about_year {
                        // A year is four digits; other numbers before `年` are durations.
                        if raw.len() != 4 || !raw.chars().all(|c| c.is_ascii_digit()) {
                            continue;
                        }
                    } else if doc.year.is_some_and(|y| names_other_year(around, y)) {
                        continue;
                    }
                    seen.push((fi, num_span.start, num_span.end));
                    let phrase_span =
                        Span::new(doc.file, prose.at[hit.start], prose.end(text, hit.end - 1));
                    if let Some(d) = compare(
                        compiled,
                        rs,
                        doc,
                        fact,
                        hit.value,
                        &raw,
                        num_span,
                        phrase_span,
                    ) {
                        out.push(d);
                    }
                }
            }
        }
    }
    out
}

/// Is section `s` one of `scope` or inside one of them?
fn within(rs: &RuleSet, s: usize, scope: &[usize]) -> bool {
    let mut cur = Some(s);
    while let Some(c) = cur {
        if scope.contains(&c) {
            return true;
        }
        cur = rs.sections.get(c).and_then(|x| x.parent);
    }
    false
}

#[allow(
    clippy::too_many_arguments,
    reason = "one finding, told from all its parts"
)]
fn compare(
    compiled: &Compiled,
    rs: &RuleSet,
    doc: &Document,
    fact: &Fact,
    value: f64,
    raw: &str,
    num_span: Span,
    phrase_span: Span,
) -> Option<Diagnostic> {
    let meanings: Vec<Option<Meaning>> = fact
        .options
        .iter()
        .map(|o| evaluate(compiled, rs, doc, o))
        .collect();
    let known: Vec<&Meaning> = meanings.iter().flatten().collect();
    // Nothing to compare with (blank or missing cells): the reader has said so already.
    let first = known.first()?;
    // The prose rounds: `12.5万元` agrees with a cell of 12.46. The table's value is compared
    // at as many decimals as the sentence gives.
    let decimals = raw.split_once('.').map(|(_, d)| d.len()).unwrap_or(0);
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0).min(9));
    let rounded = |v: f64| (v * scale).round() / scale;
    if known
        .iter()
        .any(|m| crate::compile::compare(value, fact.cmp, rounded(m.value), 1e-9))
    {
        return None;
    }
    let fmt = crate::compile::fmt_num;
    let mut d = if fact.about_year() {
        let year = doc.year?;
        Diagnostic::new(
            Code::OtherYear,
            fact.severity,
            crate::tr!("fact-other-year", raw = raw, year = year.to_string()),
            num_span,
        )
        .with_primary_message(crate::tr!(
            "fact-other-year-here",
            raw = raw,
            year = fmt(first.value)
        ))
        .with_note(crate::tr!("fact-other-year-note", year = year.to_string()))
        .with_help(crate::tr!("fact-other-year-help"))
    } else {
        let first_text = first.text(rs);
        let subject = match first.cells.as_slice() {
            [(_, name, v)] if (v - first.value).abs() < 1e-9 => {
                crate::tr!("fact-cell-is", name = name.words(), value = fmt(*v))
            }
            [_, _, ..] if !first_text.contains(" + ") && !first_text.contains('.') => {
                crate::tr!(
                    "fact-adds-up-to",
                    name = first_text.as_str(),
                    value = fmt(first.value)
                )
            }
            _ => crate::tr!(
                "fact-comes-to",
                name = first_text.as_str(),
                value = fmt(first.value)
            ),
        };
        Diagnostic::new(
            Code::TextContradictsTable,
            fact.severity,
            crate::tr!("fact-differs", raw = raw, subject = subject),
            num_span,
        )
        .with_primary_message(crate::tr!(
            "fact-differs-here",
            raw = raw,
            value = fmt(first.value)
        ))
        .with_help(crate::tr!("fact-differs-help"))
    };
    d = d
        .with_label(phrase_span, crate::tr!("fact-the-sentence"))
        .with_rule(fact.span);
    for m in &known {
        // Long sums (a group of rows) show the cells that are not 0.
        let shown: Vec<(Span, String, f64)> = m
            .cells
            .iter()
            .filter(|c| m.cells.len() <= 3 || c.2 != 0.0)
            .map(|(span, name, v)| (*span, name.words(), *v))
            .collect();
        let zeros = m.cells.len() - shown.len();
        let mut cells: Vec<String> = shown
            .iter()
            .map(|(_, n, v)| format!("{n} {}", fmt(*v)))
            .collect();
        let text = m.text(rs);
        if zeros > 0 {
            cells.push(crate::tr!("fact-zeros", zeros = zeros));
        }
        // One cell is named in full already; a sum lists its cells.
        d = d.with_note(if m.cells.len() <= 1 {
            format!(
                "{} {} {} = {}",
                fmt(value),
                fact.cmp.negated_symbol(),
                fmt(m.value),
                text
            )
        } else {
            format!(
                "{} {} {} = {}",
                fmt(value),
                fact.cmp.negated_symbol(),
                fmt(m.value),
                crate::tr!(
                    "check-with-value",
                    text = text.as_str(),
                    value = crate::i18n::join(&cells)
                )
            )
        });
        for (span, name, v) in shown {
            if !d.labels.iter().any(|l| l.span == span) {
                d = d.with_label(span, format!("{name} {}", fmt(v)));
            }
        }
    }
    let unknown = meanings.len() - known.len();
    if unknown > 0 {
        d = d.with_note(crate::tr!("fact-meanings-unchecked", count = unknown));
    }
    if let Some(m) = &fact.message {
        d = d.with_note(crate::tr!("check-rule-says", message = m.as_str()));
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(p: &str) -> Vec<Piece> {
        crate::compile::phrase::parse(p).unwrap_or_default()
    }

    fn values(text: &str, p: &str) -> Vec<f64> {
        let pieces = pieces(p);
        let first = match pieces.first() {
            Some(Piece::Text(t)) => t.first().copied(),
            _ => None,
        };
        // Found alike whether the prose notes where the phrase's first character stands or not.
        let noted = find(
            &Prose::new(text, 0, text.len(), &Notable::new(first)),
            &pieces,
        );
        let scanned = find(
            &Prose::new(text, 0, text.len(), &Notable::new(None)),
            &pieces,
        );
        let spans =
            |h: &[Hit]| -> Vec<(usize, usize)> { h.iter().map(|h| (h.start, h.end)).collect() };
        assert_eq!(spans(&noted), spans(&scanned));
        noted.iter().map(|h| h.value).collect()
    }

    #[test]
    fn notable_ideographs_are_those_folded_numerals_and_firsts() {
        let notable = Notable::new(['收', 'a']);
        assert_eq!(notable.firsts, vec!['收']);
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| fold(c) != c || is_numeral(c) || c == '收')
        {
            assert!(ideograph(c).is_some_and(|i| notable.has(i)), "{c}");
        }
        assert!(ideograph('〇').is_none() && ideograph('A').is_none());
        assert!(!notable.has(ideograph('的').unwrap_or(0)));
    }

    #[test]
    fn a_gap_bridges_a_few_words_and_line_breaks() {
        assert_eq!(
            values("全年共收到政府信息\n公开申请 75 件。", "收到…申请{n}件"),
            vec![75.0]
        );
    }

    #[test]
    fn full_width_digits_chinese_numerals_and_units() {
        assert_eq!(values("收到申请７５份", "收到申请{n}件"), vec![75.0]);
        assert_eq!(values("收到申请十二条", "收到申请{n}件"), vec![12.0]);
        assert_eq!(values("收到申请三件", "收到申请{n}件"), vec![3.0]);
        assert_eq!(values("收到申请一百零五件", "收到申请{n}件"), vec![105.0]);
        assert_eq!(values("收到申请二十起", "收到申请{n}件"), vec![20.0]);
        assert_eq!(values("收到申請１２件", "收到申请{n}件"), vec![12.0]);
    }

    #[test]
    fn a_gap_never_crosses_a_clause_end() {
        assert!(values("收到群众来信。办理申请5件", "收到…申请{n}件").is_empty());
        assert!(values("收到群众来信，办理申请5件", "收到…申请{n}件").is_empty());
        let long = format!("收到{}申请5件", "很".repeat(MAX_GAP + 1));
        assert!(values(&long, "收到…申请{n}件").is_empty());
    }

    #[test]
    fn a_numeral_followed_as_the_prose_reads_it() {
        let text = "共5 件，十二條；今年度，第3\u{3000}起，二〇年";
        let at = |from: usize, to: usize, w: &[char]| -> Vec<bool> {
            let mut f = Followers::new(text, from, to, w.len());
            (0..w.len()).map(|k| f.has(w, k)).collect()
        };
        let all = text.len();
        assert_eq!(
            at(0, all, &['件', '条', '起', '份', '年']),
            vec![true, true, true, false, true]
        );
        // Not where the numeral is outside the range.
        assert_eq!(at(text.find('件').unwrap_or(0), all, &['件']), vec![false]);
        assert_eq!(at(0, text.rfind('二').unwrap_or(0), &['年']), vec![false]);
        let units = Some(Follow::Unit);
        assert_eq!(after_number(&pieces("收到申请{n}份")), units);
        assert_eq!(after_number(&pieces("{n}年，")), Some(Follow::Char('年')));
        assert_eq!(after_number(&pieces("共{n}…件")), None);
        let mut f = Followers::new(text, 0, all, 2);
        assert!(f.can_match(&['份', '条'], &units));
        assert!(!f.can_match(&['份', '条'], &Some(Follow::Char('份'))));
        assert!(f.can_match(&['份', '条'], &None));
        assert_eq!(after_number(&pieces("{n}十")), None);
        // The prose knows the same of itself.
        let prose = Prose::new(text, 0, all, &Notable::new(None));
        assert_eq!(prose.after_numbers, vec!['件', '条', '起', '年']);
        assert!(prose.may_follow(&units) && !prose.may_follow(&Some(Follow::Char('份'))));
        let decimal = Prose::new("12.5万元", 0, "12.5万元".len(), &Notable::new(None));
        assert_eq!(decimal.after_numbers, vec!['.', '万']);
    }

    #[test]
    fn a_number_is_never_the_tail_of_a_longer_one() {
        assert_eq!(values("自然人175件", "自然人…{n}件"), vec![175.0]);
    }

    #[test]
    fn clauses_naming_another_year() {
        let c: Vec<char> = "2022年为70件".chars().collect();
        assert!(names_other_year(&c, 2023));
        assert!(!names_other_year(&c, 2022));
    }
}
