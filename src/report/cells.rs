//! The text between one row label and the next → the row's cells. Handles tab- and
//! `|`-separated fields (where an empty field is a blank cell), blank-separated numbers (PDF
//! text, one cell per line or paragraph), label fragments between numbers, page numbers, and
//! digits run together by web crawlers (split only where the split is certain).

use super::norm;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokKind {
    /// A number; `unit` when a unit is written in the cell (`251000元`).
    Num {
        value: f64,
        plain_digits: bool,
        unit: Option<&'static str>,
    },
    /// `-`, `/`, `—`, `不适用`, `无`.
    NoValue,
    /// An empty field between separators.
    Blank,
    /// A letter where a digit belongs (`O`, `l0`).
    Letter,
    /// Digits that run into a date, a year or a percentage in the prose after them
    /// (`012月`): where the cell's number ends cannot be told.
    Glued,
    /// Text that is not part of any label.
    Text,
    /// A line holding nothing, or only a separator, between the cells of one-cell-per-line
    /// text: spacing, or a blank cell; [`assign`] tells which where the count makes it certain.
    Gap,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tok<'a> {
    pub kind: TokKind,
    /// The token's text: a piece of the report's text (`text[start..end]`, except a run of
    /// separators read as a gap, which stands at the run's start), never a copy.
    pub raw: &'a str,
    pub start: usize,
    pub end: usize,
    /// From a tab- or `|`-separated line (where text stands in a cell of its own).
    pub delimited: bool,
}

/// What tells label fragments (left between numbers by wrapped or vertical labels) from text.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    keys: Vec<Vec<char>>,
    chars: rustc_hash::FxHashSet<char>,
    /// Where each character stands in the keys: (key, position).
    at: rustc_hash::FxHashMap<char, Vec<(u32, u32)>>,
    /// Which set of labels this is, for the memo of [`remembered`]: a number that no other set
    /// built in this process has (a clone, holding the same labels, keeps it; every empty set
    /// made by `default` has 0).
    id: u64,
}

impl Labels {
    pub fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Labels {
        let keys: Vec<Vec<char>> = labels
            .into_iter()
            .map(norm::key)
            .filter(|k| !k.is_empty())
            .collect();
        let chars = keys.iter().flatten().copied().collect();
        let mut at: rustc_hash::FxHashMap<char, Vec<(u32, u32)>> = Default::default();
        for (l, k) in keys.iter().enumerate() {
            for (p, c) in k.iter().enumerate() {
                at.entry(*c).or_default().push((l as u32, p as u32));
            }
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Labels {
            keys,
            chars,
            at,
            id,
        }
    }
    /// Is this text a piece of some label (a wrapped label's tail, a scattered vertical label)?
    pub fn is_fragment(&self, s: &str) -> bool {
        remembered((self.id, u64::MAX), s, || fragment_of(&[self], s))
    }
    /// Does `c` stand in the key of some label?
    pub fn has_char(&self, c: char) -> bool {
        self.chars.contains(&c)
    }
}

/// What tells label fragments from text: one table's [`Labels`], or two tables' together.
pub trait Fragments {
    fn is_fragment(&self, s: &str) -> bool;
}

impl Fragments for Labels {
    fn is_fragment(&self, s: &str) -> bool {
        Labels::is_fragment(self, s)
    }
}

/// The labels of two tables together (a table and another format's table of the same id),
/// without building their union: a text is a piece of a label of either exactly as it is of
/// the labels of both put in one [`Labels`].
pub struct Both<'a>(pub &'a Labels, pub &'a Labels);

impl Fragments for Both<'_> {
    fn is_fragment(&self, s: &str) -> bool {
        remembered((self.0.id, self.1.id), s, || {
            fragment_of(&[self.0, self.1], s)
        })
    }
}

/// `answer` for the text `s` and the label sets `ids`, remembered. The same few texts (a
/// template's header words, its block labels) come back in report after report, and telling
/// whether a text is a piece of a label costs far more than looking the answer up. Per thread,
/// at most `KEPT` texts for one set of labels and `SETS` sets, so memory stays flat.
fn remembered(ids: (u64, u64), s: &str, answer: impl FnOnce() -> bool) -> bool {
    const KEPT: usize = 4096;
    const SETS: usize = 64;
    type Answers = rustc_hash::FxHashMap<String, bool>;
    thread_local! {
        static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<(u64, u64), Answers>> =
            Default::default();
    }
    if let Some(known) = MEMO.with(|m| m.borrow().get(&ids).and_then(|a| a.get(s)).copied()) {
        return known;
    }
    let a = answer();
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= SETS && !m.contains_key(&ids) {
            m.clear();
        }
        let answers = m.entry(ids).or_default();
        if answers.len() >= KEPT {
            answers.clear();
        }
        answers.insert(s.to_string(), a);
    });
    a
}

/// Is `s` a piece of some label of `sets`?
fn fragment_of(sets: &[&Labels], s: &str) -> bool {
    let k = norm::key(s);
    if k.is_empty() {
        return true;
    }
    if k.len() <= 6 && k.iter().all(|c| sets.iter().any(|l| l.chars.contains(c))) {
        return true;
    }
    if k.len() > 400 {
        return false;
    }
    // A character that stands in no label is in no piece of one (the parentheses, left out of
    // the pieces below, aside): most prose is answered here, without the search below.
    if k.iter()
        .any(|&c| c != '(' && c != ')' && !sets.iter().any(|l| l.chars.contains(&c)))
    {
        return false;
    }
    // Several labels run together (`第二十条第（五）项信息内容本年处理决定数量`): can the text be
    // cut into pieces of labels, each at least two characters long?
    let k: Vec<char> = k.into_iter().filter(|&c| c != '(' && c != ')').collect();
    // For each start, the longest piece of some label that the text has there: `k[a..b]` is
    // within a label exactly when `b - a` is at most that.
    // No piece is longer than the rest of the text: one that long ends the search at `a`.
    let longest = |a: usize| -> usize {
        let most = k.len() - a;
        let mut best = 0;
        for l in sets {
            for &(i, p) in l.at.get(&k[a]).map_or(&[][..], Vec::as_slice) {
                let m = l.keys[i as usize][p as usize..]
                    .iter()
                    .zip(&k[a..])
                    .take_while(|(x, y)| x == y)
                    .count();
                if m >= most {
                    return m;
                }
                best = best.max(m);
            }
        }
        best
    };
    // `k[..b]` can be cut into pieces when some start `a <= b - 2` that can be reached (`ok[a]`)
    // has a piece reaching `b`: the farthest such piece reaches is kept as `b` goes on, and the
    // longest piece is looked for only at the starts that can be reached.
    let n = k.len();
    let mut ok = vec![false; n + 1];
    ok[0] = true;
    let mut reach = 0;
    for b in 2..=n {
        let a = b - 2;
        if ok[a] {
            reach = reach.max(a + longest(a));
            // `reach` never shrinks, so `ok[n]` is already known to hold: the rest of the
            // search (a piece looked for at every later start) cannot change it.
            if reach >= n {
                return true;
            }
        }
        ok[b] = reach >= b;
    }
    ok[n]
}

const NO_VALUE: &[&str] = &[
    "-",
    "/",
    "—",
    "——",
    "－",
    "／",
    "–",
    "―",
    "不适用",
    "無",
    "无",
    "\\",
    "&nbsp;",
];
const UNITS: &[&str] = &["万元", "元", "件", "个", "项", "条", "宗", "次", "笔"];

/// `then` of the NFKC form of `s` (with `，` as `,`), lent rather than copied out of the memo.
/// `then` must not fold in its turn (the memo is borrowed while it runs).
fn with_folded<R>(s: &str, then: impl FnOnce(&str) -> R) -> R {
    // ASCII and the common ideographs are their own NFKC form (and hold no `，`).
    if s.chars()
        .all(|c| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c))
    {
        return then(s);
    }
    // The same few fields (`（三）`, `0.5万元`) come back in report after report: their folded
    // form is remembered (per thread, at most `FOLDS_KEPT` of them, so memory stays flat).
    const FOLDS_KEPT: usize = 4096;
    thread_local! {
        static FOLDS: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
            Default::default();
    }
    FOLDS.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(f) = m.get(s) {
            return then(f);
        }
        let f = s.nfkc().collect::<String>().replace(['，'], ",");
        let r = then(&f);
        if m.len() >= FOLDS_KEPT {
            m.clear();
        }
        m.insert(s.to_string(), f);
        r
    })
}

/// Is the line page furniture (`-3-`, `— 7 —`, `第 3 页`)?
fn furniture(line: &str) -> bool {
    // Furniture is dashes and digits, or 第 digits 页. ASCII and the common ideographs are
    // their own folded form, so a line with any other of them is not furniture: most lines are
    // answered here without folding or copying them.
    let other = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_digit() || c == '-' || c.is_ascii_whitespace())
        } else {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) && c != '第' && c != '页'
        }
    };
    // A digit or 页 (their own folded form) at the start is neither a dash nor 第: a line of
    // numbers is answered here, first, without looking at the rest of it.
    if line
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() || c == '页')
    {
        return false;
    }
    if line.chars().any(other) {
        return false;
    }
    let t: String = with_folded(line, |f| f.chars().filter(|c| !c.is_whitespace()).collect());
    if t.is_empty() {
        return false;
    }
    // `-3-`, `— 7 —`: a dash on both sides (`-36` alone is a negative number).
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let inner = t.trim_matches(dash);
    (t.starts_with(dash)
        && t.ends_with(dash)
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit()))
        || (t.starts_with('第')
            && t.ends_with('页')
            && t[3..t.len() - 3].chars().all(|c| c.is_ascii_digit()))
}

fn markdown_rule(line: &str) -> bool {
    // The first character that is not white space fails the test below on most lines: looked
    // at alone, before the line is trimmed at both ends.
    if !line.trim_start().starts_with(['|', '-', ':']) {
        return false;
    }
    let t = line.trim();
    // The character test first: it fails at the first character of most lines.
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && t.contains("---")
}

/// Classify one field (already trimmed) that is not to be split further.
fn classify(raw: &str) -> TokKind {
    // Most cells are plain digits: what the general case below gives them, without its folding,
    // look-ups and copies.
    // Valued without the parse where that is exact (up to 15 digits).
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return plain_number(raw);
    }
    // Text, most often: known without folding it (through the memo) or trying it as a number.
    if surely_text(raw) {
        return TokKind::Text;
    }
    with_folded(raw, |f| classify_folded(raw, f.trim()))
}

/// The kind of a field of plain ASCII digits (not empty): what parsing it gives (a run of
/// digits always parses), valued without the parse where that is exact.
fn plain_number(raw: &str) -> TokKind {
    TokKind::Num {
        value: digits_value(raw.as_bytes()),
        plain_digits: true,
        unit: None,
    }
}

/// The ideographs that stand in a number's sign or unit or in a mark of no value.
const NUMBER_WORDS: &str = "减增万元件个项条宗次笔不适用無无";

/// Is `raw` text whatever its folded form? A common ideograph is its own NFKC form, so one that
/// stands in no number, unit or mark of no value ([`NUMBER_WORDS`]) makes it text.
fn surely_text(raw: &str) -> bool {
    raw.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) && !NUMBER_WORDS.contains(c))
}

/// Classify a field that is not plain digits, `f` its folded form, trimmed.
fn classify_folded(raw: &str, f: &str) -> TokKind {
    if f.is_empty() {
        return TokKind::Blank;
    }
    if NO_VALUE.contains(&f) || NO_VALUE.contains(&raw.trim()) {
        return TokKind::NoValue;
    }
    if let Some(k) = number(f) {
        return k;
    }
    if f.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'l' | 'I'))
        && f.chars().any(|c| matches!(c, 'O' | 'o' | 'l' | 'I'))
        && f.chars().count() <= 12
    {
        return TokKind::Letter;
    }
    TokKind::Text
}

/// A number with an optional sign (`-4`, `减4`, `+2`) and an optional unit (`0.37万元`).
fn number(f: &str) -> Option<TokKind> {
    let mut s = f;
    let mut neg = false;
    for (p, n) in [
        ("减", true),
        ("增", false),
        ("-", true),
        ("−", true),
        ("+", false),
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
            neg = n;
            break;
        }
    }
    let mut unit = None;
    for u in UNITS {
        if let Some(r) = s.strip_suffix(u) {
            s = r;
            unit = Some(*u);
            break;
        }
    }
    let bytes = s.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.contains(',');
    if dots > 1
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if commas {
        // Only thousands separators: 1,234 or 12,345,678.
        let int = s.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    let v: f64 = clean.parse().ok()?;
    let plain = dots == 0 && !commas && unit.is_none() && f == s && clean.len() == s.len();
    Some(TokKind::Num {
        value: if neg { -v } else { v },
        plain_digits: plain && !neg,
        unit,
    })
}

/// Split a blank-free run of text into number and text pieces (`00（三）不予公开` → `00`,
/// `（三）不予公开`). A sign word before a number (`减4`) and a unit after it (`0.37万元`) stay
/// with the number.
fn pieces<'a>(raw: &'a str, start: usize, out: &mut Vec<Tok<'a>>) {
    // The whole run is classified once: a piece that is all of it (a word of text without
    // numbers, most often) keeps that kind.
    let whole = classify(raw);
    let push = |out: &mut Vec<Tok<'a>>, a: usize, b: usize| {
        let piece = &raw[a..b];
        if !piece.trim().is_empty() {
            out.push(Tok {
                kind: if a == 0 && b == raw.len() {
                    whole
                } else {
                    classify(piece)
                },
                raw: piece,
                start: start + a,
                end: start + b,
                delimited: false,
            });
        }
    };
    if whole != TokKind::Text {
        push(out, 0, raw.len());
        return;
    }
    // Letters that stand for digits (`O` for 0, `l` for 1) stay with the numbers around them, so
    // `O第二十条` gives the cell `O` (reported as a letter) and the label after it.
    let numish = |c: char| {
        let own = |d: char| d.is_ascii_digit() || matches!(d, '.' | 'O' | 'o' | 'l' | 'I');
        // ASCII and the common ideographs are their own NFKC form.
        if c.is_ascii() {
            own(c)
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            false
        } else {
            c.nfkc().all(own)
        }
    };
    let mut done = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((a, c)) = chars.next() {
        if !numish(c) {
            continue;
        }
        // The whole run of number-ish characters.
        let mut b = a + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if !numish(d) {
                break;
            }
            b = i + d.len_utf8();
            chars.next();
        }
        // A sign word before the number (`减4`), or a sign between two runs of digits
        // (`15-15`, `3+2`): the sign belongs to the number after it.
        let sign = ['减', '增']
            .into_iter()
            .find(|w| raw[done..a].ends_with(*w))
            .or_else(|| {
                ['-', '+', '−', '－', '＋']
                    .into_iter()
                    .find(|w| raw[done..a] == *w.encode_utf8(&mut [0; 4]))
            })
            .map(char::len_utf8)
            .unwrap_or(0);
        let unit = UNITS
            .iter()
            .find(|u| raw[b..].starts_with(*u))
            .map(|u| u.len())
            .unwrap_or(0);
        // Digits that run into a year, a date or a percentage of the prose after them
        // (`02025年，本机关…`): the year is cut off only where it is certain (a year of four
        // digits, with a whole number before it); otherwise the digits are unreadable.
        if unit == 0 {
            if let Some(at) = date_word(&raw[b..]) {
                let digits = &raw[a..b];
                match year_cut(digits, at) {
                    Some(0) => {
                        push(out, done, raw.len());
                        return;
                    }
                    Some(cut) => {
                        push(out, done, a - sign);
                        push(out, a - sign, a + cut);
                        push(out, a + cut, raw.len());
                        return;
                    }
                    None => {
                        push(out, done, a - sign);
                        out.push(Tok {
                            kind: TokKind::Glued,
                            raw: &raw[a - sign..b],
                            start: start + a - sign,
                            end: start + b,
                            delimited: false,
                        });
                        let rest = &raw[b..];
                        if !rest.trim().is_empty() {
                            out.push(Tok {
                                kind: TokKind::Text,
                                raw: rest,
                                start: start + b,
                                end: start + raw.len(),
                                delimited: false,
                            });
                        }
                        return;
                    }
                }
            }
        }
        push(out, done, a - sign);
        push(out, a - sign, b + unit);
        done = b + unit;
        while chars.peek().is_some_and(|&(i, _)| i < done) {
            chars.next();
        }
    }
    push(out, done, raw.len());
}

/// The word after a run of digits that makes it part of a date, a year or a percentage.
fn date_word(rest: &str) -> Option<char> {
    let c = rest.chars().next()?;
    matches!(c, '年' | '月' | '日' | '号' | '%' | '％').then_some(c)
}

/// Where a run of digits before `年` splits into a cell and a year: `Some(0)` when the run is
/// the year itself, `Some(k)` when `digits[..k]` is a whole number and `digits[k..]` a year of
/// four digits, `None` when that is not certain.
fn year_cut(digits: &str, word: char) -> Option<usize> {
    if word != '年' || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() < 4 {
        return None;
    }
    let cut = digits.len() - 4;
    let year: u32 = digits[cut..].parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let cell = &digits[..cut];
    if cell.is_empty() {
        return Some(0);
    }
    (cell == "0" || !cell.starts_with('0')).then_some(cut)
}

/// The tokens of a table row whose cells are known (an HTML or Word table): one token per cell
/// after the label (`label_end`), each classified as it stands, never split or re-guessed.
/// Cells that are a piece of some label (a label split over two cells) are dropped.
pub fn known_tokens<'a>(
    text: &'a str,
    cells: &[(usize, usize)],
    label_end: usize,
    labels: &Labels,
) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    for &(a, b) in cells.iter().filter(|&&(a, _)| a >= label_end) {
        let f = &text[a..b];
        let t = f.trim_matches(|c: char| c.is_whitespace());
        let start = a + (f.len() - f.trim_start_matches(|c: char| c.is_whitespace()).len());
        let kind = classify(t);
        if kind == TokKind::Text && labels.is_fragment(t) {
            continue;
        }
        out.push(Tok {
            kind,
            raw: t,
            start,
            end: start + t.len(),
            delimited: true,
        });
    }
    out
}

/// Tokens of `text[from..to]`, the region after a row label. Label fragments are dropped;
/// reading stops at text that belongs to no label (prose after the table).
pub fn tokenize<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    labels: &impl Fragments,
) -> Vec<Tok<'a>> {
    let mut out = tokenize_lines(text, from, to, labels);
    // Gaps matter only in one-cell-per-line text: where a line holds several values, empty
    // lines are spacing.
    // So do they where the first value stands on the label's own line (a row laid out on a line).
    let mut at = from;
    let mut several = false;
    for t in out.iter().filter(|t| t.kind != TokKind::Gap) {
        let start = t.start.max(at);
        if !text[at..start].contains('\n') {
            several = true;
            break;
        }
        at = t.end.max(start);
    }
    if several {
        out.retain(|t| t.kind != TokKind::Gap);
    }
    out
}

fn tokenize_lines<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    labels: &impl Fragments,
) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    // One line's tokens, and which of them are label text: buffers reused from line to line.
    // Room for a row of eight cells at once; the first line's buffer becomes `out` (below).
    let mut line_toks: Vec<Tok<'a>> = Vec::with_capacity(8);
    let mut fragment: Vec<bool> = Vec::new();
    let region = &text[from..to];
    let mut offset = from;
    for (n, line) in region.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if furniture(body) || markdown_rule(body) {
            continue;
        }
        line_toks.clear();
        let delimited = body.contains('\t') || body.contains('|');
        if delimited {
            // Trim spaces (not tabs), one trailing `|`, and one leading separator.
            let lead = body.len() - body.trim_start_matches([' ', '\u{3000}']).len();
            let mut s = lead;
            let mut e = body.trim_end_matches([' ', '\u{3000}']).len().max(s);
            // A line of separators only: spacing between cells, or a blank cell.
            let separators_only = body
                .chars()
                .all(|c| matches!(c, '|' | '\t' | ' ' | '\u{3000}'));
            if separators_only {
                if n > 0 && line.ends_with('\n') {
                    // Several separators (`|||||`) stand for several empty cells run together.
                    let mut g = gap(line_start + s);
                    if body.matches(['|', '\t']).count() > 1 {
                        g.raw = body.trim();
                    }
                    out.push(g);
                }
                continue;
            }
            if body[s..e].ends_with('|') {
                e -= 1;
            }
            if e > s && (body[s..].starts_with('\t') || body[s..].starts_with('|')) {
                s += 1;
            }
            if e <= s {
                continue;
            }
            let seg = &body[s..e];
            // Text that ends the row inside a field.
            let mut ends: Option<Tok> = None;
            for f in seg.split(['\t', '|']) {
                // Where the field stands in `body` (a piece of it, so its address tells).
                let a = s + (f.as_ptr() as usize - seg.as_ptr() as usize);
                // A field of plain digits (most fields of a table) is one number as it stands:
                // what the general case below gives it, without its trimming and splitting.
                if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) {
                    line_toks.push(Tok {
                        kind: plain_number(f),
                        raw: f,
                        start: line_start + a,
                        end: line_start + a + f.len(),
                        delimited: false,
                    });
                    continue;
                }
                let t = f.trim();
                let ta = a + (f.len() - f.trim_start().len());
                if t.is_empty() {
                    let at = line_start + a;
                    line_toks.push(Tok {
                        kind: TokKind::Blank,
                        raw: "",
                        start: at,
                        end: at,
                        delimited: false,
                    });
                    continue;
                }
                // A field may hold several blank-separated numbers (`0 0 0`). `t` is trimmed,
                // so it holds several words exactly when it holds a blank.
                let several = t.contains(char::is_whitespace);
                let mut words = t.split_whitespace();
                let first = words.next().unwrap_or(t);
                let first_kind = classify(first);
                // Blank-separated values (`0 0 0`), perhaps followed by text (a table given as
                // one line with its rows run on: `5 第二十条第（五）项 信息内容`): read like
                // blank-separated text, the values this row's, label words dropped, and other
                // text the end of the row.
                if several && !matches!(first_kind, TokKind::Text) {
                    let rest = words.map(|p| (p, classify(p)));
                    for (p, kind) in std::iter::once((first, first_kind)).chain(rest) {
                        // Where `p` stands in `t` (a piece of it, so its address tells).
                        let i = p.as_ptr() as usize - t.as_ptr() as usize;
                        let text = matches!(kind, TokKind::Text);
                        if text && labels.is_fragment(p) {
                            continue;
                        }
                        let tok = Tok {
                            kind,
                            raw: p,
                            start: line_start + ta + i,
                            end: line_start + ta + i + p.len(),
                            delimited: false,
                        };
                        if text {
                            ends = Some(tok);
                            break;
                        }
                        line_toks.push(tok);
                    }
                    if ends.is_some() {
                        break;
                    }
                } else if !several && matches!(first_kind, TokKind::Text) && !labels.is_fragment(t)
                {
                    // Text glued to numbers in one field (`0.37万元`, `00（三）`) is split like blank-separated text.
                    pieces(t, line_start + ta, &mut line_toks);
                } else {
                    // One word is its own first word, classified already.
                    line_toks.push(Tok {
                        kind: if several { classify(t) } else { first_kind },
                        raw: t,
                        start: line_start + ta,
                        end: line_start + ta + t.len(),
                        delimited: false,
                    });
                }
            }
            for t in &mut line_toks {
                t.delimited = true;
            }
            // Which fields are label text (each asked once; none asked, and no flags kept, in a
            // line of numbers).
            fragment.clear();
            if line_toks.iter().any(|t| t.kind == TokKind::Text) {
                fragment.extend(
                    line_toks
                        .iter()
                        .map(|t| t.kind == TokKind::Text && labels.is_fragment(t.raw)),
                );
            }
            if fragment.contains(&true) {
                // A line that carries label text is a header or label line: its empty fields
                // are not cells, and its label text is dropped.
                let mut frag = fragment.iter();
                line_toks.retain(|t| !frag.next().is_some_and(|&f| f) && t.kind != TokKind::Blank);
            } else {
                // The start of the next row's line (its indentation before the label): no cells.
                let partial = !line.ends_with('\n') && to < text.len();
                if partial && line_toks.iter().all(|t| t.kind == TokKind::Blank) {
                    line_toks.clear();
                }
            }
            let has_value = line_toks.iter().any(|t| {
                matches!(
                    t.kind,
                    TokKind::Num { .. } | TokKind::Letter | TokKind::NoValue
                )
            });
            // Text in the field right after the label on its own line (`行政许可\t约 356`) is
            // what the row's cell holds, unreadable, not the end of a row without values.
            let own_cell = n == 0
                && line_start == from
                && line_toks.first().is_some_and(|t| t.kind == TokKind::Text)
                && body[..s].trim().is_empty();
            if line_toks.iter().any(|t| t.kind == TokKind::Text) && !has_value && !own_cell {
                // A separated line of text and no numbers: not a row of this table any more.
                if let Some(&first) = line_toks.iter().find(|t| t.kind == TokKind::Text) {
                    out.push(Tok {
                        delimited: false,
                        ..first
                    });
                }
                break;
            }
            // In a data line, text stands in a cell of its own.
            if out.is_empty() {
                // The tokens as they stand, without a copy (the row's first line, most often).
                std::mem::swap(&mut out, &mut line_toks);
            } else {
                out.append(&mut line_toks);
            }
            if let Some(end) = ends {
                out.push(end);
                return out;
            }
            continue;
        } else {
            if body.trim().is_empty() {
                if n > 0 && line.ends_with('\n') {
                    out.push(gap(line_start));
                }
                continue;
            }
            for w in body.split_whitespace() {
                // Where `w` stands in `body` (a piece of it, so its address tells).
                let i = w.as_ptr() as usize - body.as_ptr() as usize;
                pieces(w, line_start + i, &mut line_toks);
            }
        }
        // Blank-separated text: label fragments are dropped; other text is prose and ends the row.
        for &t in &line_toks {
            if t.kind == TokKind::Text {
                if labels.is_fragment(t.raw) {
                    continue;
                }
                out.push(t);
                return out;
            }
            out.push(t);
        }
    }
    out
}

/// Which tokens are runs of digits that may hold several numbers.
fn splittable_runs(toks: &[Tok]) -> Vec<bool> {
    toks.iter()
        .map(|t| matches!(t.kind, TokKind::Num { .. }) && long_run(t.raw, 1))
        .collect()
}

fn gap(at: usize) -> Tok<'static> {
    Tok {
        kind: TokKind::Gap,
        raw: "",
        start: at,
        end: at,
        delimited: false,
    }
}

/// Resolve the gaps (empty or separator-only lines) of a row's tokens: spacing when the other
/// tokens fill the row (or overfill it), blank cells when counting every line as a cell gives
/// exactly the row's cells. `Err` (with the values) when neither is certain: which cell each
/// value belongs to cannot be told.
fn resolve_gaps(toks: Vec<Tok<'_>>, n: usize) -> Result<Vec<Tok<'_>>, Vec<Tok<'_>>> {
    if toks.iter().all(|t| t.kind != TokKind::Gap) {
        return Ok(toks);
    }
    let values: Vec<Tok> = toks
        .iter()
        .filter(|t| t.kind != TokKind::Gap)
        .cloned()
        .collect();
    if values.len() >= n || values.is_empty() {
        return Ok(values);
    }
    let first = toks
        .iter()
        .position(|t| t.kind != TokKind::Gap)
        .unwrap_or(0);
    let last = toks
        .iter()
        .rposition(|t| t.kind != TokKind::Gap)
        .unwrap_or(0);
    let inner = &toks[first..=last];
    // Gaps after the last value only: spacing before the next row (unless a run of separators
    // stands for empty cells there).
    if first == 0
        && inner.iter().all(|t| t.kind != TokKind::Gap)
        && toks[last..]
            .iter()
            .all(|t| t.raw.is_empty() || t.kind != TokKind::Gap)
    {
        return Ok(values);
    }
    // Lines of one cell each, with the row's blank cells as empty lines: as many lines as
    // cells, counting the gaps before the first value where the values alone end the row.
    for lead in [0, first] {
        let lines = &toks[first - lead..=last];
        if lines.len() == n && lines.iter().all(|t| t.kind != TokKind::Blank) {
            return Ok(lines
                .iter()
                .map(|t| match t.kind {
                    TokKind::Gap => Tok {
                        kind: TokKind::Blank,
                        ..*t
                    },
                    _ => *t,
                })
                .collect());
        }
    }
    // Digits run together may still fill the row.
    let splittable = splittable_runs(&values);
    let capacity: usize = values
        .iter()
        .zip(&splittable)
        .map(|(t, &s)| if s { run_len(t.raw) - 1 } else { 0 })
        .sum();
    if inner.len() < n && capacity >= n - values.len() {
        return Ok(values);
    }
    Err(values)
}

/// One cell as assigned from tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Assigned<'a> {
    pub tok: Tok<'a>,
    /// Set when the number came from splitting a run of digits and every possible split agrees.
    pub split_from: Option<(usize, usize)>,
    /// The split could not be decided: the cell is unreadable.
    pub ambiguous: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<'a> {
    /// Exactly the cells needed.
    Cells {
        cells: Vec<Assigned<'a>>,
        split: SplitUse,
        /// The splits weighed; `None` when no run of digits was split (most rows: nothing
        /// allocated for them).
        pool: Option<Box<Pool<'a>>>,
    },
    TooFew {
        found: usize,
        toks: Vec<Tok<'a>>,
    },
    TooMany {
        found: usize,
        toks: Vec<Tok<'a>>,
    },
    /// Fewer values than cells, with empty lines between them that may or may not stand for
    /// blank cells: where each value belongs cannot be told.
    Unplaced {
        found: usize,
        toks: Vec<Tok<'a>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitUse {
    None,
    /// Runs of digits were split and only one split was possible.
    Forced,
    /// Several splits were possible; the table's identities picked them.
    ByIdentity,
    /// Several splits remain possible for some cells.
    Ambiguous,
}

const MAX_CANDIDATES: usize = 20_000;
/// The most digits one cell can hold and still be read exactly.
const MAX_DIGITS: usize = 15;

/// The outcome for a row whose digits cannot be split with any confidence: `n` unreadable
/// cells over the longest run, and `total` splits (`usize::MAX`: a number too long for a cell).
fn unreadable_run(toks: Vec<Tok<'_>>, n: usize, total: usize) -> Outcome<'_> {
    let Some(run) = toks
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Num { .. }))
        .max_by_key(|t| run_len(t.raw))
        .cloned()
    else {
        return Outcome::TooFew {
            found: toks.len(),
            toks,
        };
    };
    let cells = (0..n)
        .map(|_| Assigned {
            tok: run,
            split_from: Some((run.start, run.end)),
            ambiguous: true,
        })
        .collect();
    Outcome::Cells {
        cells,
        split: SplitUse::Ambiguous,
        pool: Some(Box::new(Pool {
            toks,
            candidates: Vec::new(),
            overflow: true,
            total,
        })),
    }
}

/// Split counts, saturating just above the cap: `per[i][k]` ways to cut token `i` into `k + 1`
/// numbers, `suffix[i][e]` ways for tokens `i..` to yield `e` extra numbers.
struct Ways {
    /// `suffix[i][e]` at `i * (extra + 1) + e` (one table, not a vector per token).
    suffix: Vec<usize>,
    extra: usize,
}

impl Ways {
    fn new(toks: &[Tok], splittable: &[bool], extra: usize) -> Ways {
        let cap = MAX_CANDIDATES + 1;
        let w = extra + 1;
        let mut suffix = vec![0usize; w * (toks.len() + 1)];
        suffix[toks.len() * w] = 1;
        for i in (0..toks.len()).rev() {
            // A token that is not a run to split is one number, one way (`per[i] == [1]`).
            let runs;
            let per: &[usize] = if splittable[i] {
                let t = &toks[i];
                let (sl, nd) = digits_of(t.raw);
                runs = run_ways(&t.raw.as_bytes()[sl..sl + nd], extra + 1, cap);
                &runs
            } else {
                &[1]
            };
            let (here, next) = suffix[i * w..].split_at_mut(w);
            for e in 0..=extra {
                let mut sum = 0usize;
                for (k, &ways) in per.iter().enumerate().take(e + 1) {
                    sum = sum.saturating_add(ways.saturating_mul(next[e - k]));
                }
                here[e] = sum.min(cap);
            }
        }
        Ways { suffix, extra }
    }
    fn total(&self) -> usize {
        self.suffix.get(self.extra).copied().unwrap_or(0)
    }
    /// Can tokens `i..` yield exactly `e` extra numbers?
    fn possible(&self, i: usize, e: usize) -> bool {
        e <= self.extra
            && self
                .suffix
                .get(i * (self.extra + 1) + e)
                .is_some_and(|&w| w > 0)
    }
}

/// `out[k]`: the ways to cut the digit run `d` into `k + 1` numbers of at most [`MAX_DIGITS`]
/// digits, none with a leading zero (a lone `0` is fine), for `k + 1 <= max_pieces`. Linear in
/// the run's length times `max_pieces`.
fn run_ways(d: &[u8], max_pieces: usize, cap: usize) -> Vec<usize> {
    let len = d.len();
    let pieces = max_pieces.min(len.max(1));
    // w[p][j]: ways to cut d[j..] into p + 1 numbers; only rows p - 1 (`prev`) and p (`cur`)
    // are kept.
    let mut prev = vec![0usize; len + 1];
    let mut cur = vec![0usize; len + 1];
    let mut out = Vec::with_capacity(pieces);
    for p in 0..pieces {
        for j in (0..len).rev() {
            let mut sum = 0usize;
            let longest = if d[j] == b'0' { 1 } else { MAX_DIGITS };
            for l in 1..=longest.min(len - j) {
                let rest = j + l;
                let add = if p == 0 {
                    usize::from(rest == len)
                } else if rest < len {
                    prev[rest]
                } else {
                    0
                };
                sum = sum.saturating_add(add);
            }
            cur[j] = sum.min(cap);
        }
        out.push(cur[0]);
        std::mem::swap(&mut prev, &mut cur);
    }
    out
}

/// One candidate split: per cell (value, start, end, token index).
pub type Candidate = Vec<(f64, usize, usize, usize)>;

/// The splits still possible for a row whose digits ran together (empty when none was needed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pool<'a> {
    pub toks: Vec<Tok<'a>>,
    pub candidates: Vec<Candidate>,
    /// More splits existed than were enumerated.
    pub overflow: bool,
    /// How many splits fitted the cell count before the identities were applied.
    pub total: usize,
}

/// Assign `n` cells from tokens. Text ends the row (it was kept by `tokenize` only as a stop
/// mark) unless it stands where a cell is still due, where it is a cell of its own.
/// `holds` tells whether a full assignment of numbers satisfies the row's identities.
pub fn assign<'a>(
    mut toks: Vec<Tok<'a>>,
    n: usize,
    holds: &dyn Fn(&[Option<f64>]) -> Option<bool>,
) -> Outcome<'a> {
    // Prose closes the row (`tokenize` keeps it only as a stop mark); text in a separated data
    // line stands in a cell of its own.
    if let Some(p) = toks
        .iter()
        .position(|t| t.kind == TokKind::Text && !t.delimited)
    {
        toks.truncate(p);
    }
    let mut toks = match resolve_gaps(toks, n) {
        Ok(t) => t,
        Err(values) => {
            return Outcome::Unplaced {
                found: values.len(),
                toks: values,
            }
        }
    };
    while toks.len() > n && toks.last().is_some_and(|t| t.kind == TokKind::Blank) {
        toks.pop();
    }
    while toks.len() > n && toks.first().is_some_and(|t| t.kind == TokKind::Blank) {
        toks.remove(0);
    }
    // A number too long to be one cell (more digits than a cell can hold exactly), or a run
    // with more splits than can be weighed: every cell of the row is unreadable, decided before
    // a single split is built.
    let overlong = toks
        .iter()
        .any(|t| matches!(t.kind, TokKind::Num { .. }) && long_run(t.raw, MAX_DIGITS));
    if overlong && toks.len() <= n {
        let total = if toks.len() == n {
            0
        } else {
            Ways::new(&toks, &splittable_runs(&toks), n - toks.len()).total()
        };
        if total == 0 || total > MAX_CANDIDATES {
            return unreadable_run(toks, n, if total == 0 { usize::MAX } else { total });
        }
    }
    if toks.len() == n {
        return Outcome::Cells {
            cells: toks
                .into_iter()
                .map(|tok| Assigned {
                    tok,
                    split_from: None,
                    ambiguous: false,
                })
                .collect(),
            split: SplitUse::None,
            pool: None,
        };
    }
    if toks.len() > n {
        return Outcome::TooMany {
            found: toks.len(),
            toks,
        };
    }
    let extra = n - toks.len();
    let splittable = splittable_runs(&toks);
    let capacity: usize = toks
        .iter()
        .zip(&splittable)
        .map(|(t, &s)| if s { run_len(t.raw) - 1 } else { 0 })
        .sum();
    if capacity < extra {
        return Outcome::TooFew {
            found: toks.len(),
            toks,
        };
    }
    // How many ways there are to split the runs into exactly `n` numbers without leading
    // zeros, counted before any is built: too many, and the row is unreadable.
    let ways = Ways::new(&toks, &splittable, extra);
    let total = ways.total();
    if total > MAX_CANDIDATES {
        return unreadable_run(toks, n, total);
    }
    let mut candidates: Vec<Vec<(f64, usize, usize, usize)>> = Vec::new();
    let mut overflow = false;
    enumerate(
        &toks,
        &splittable,
        &ways,
        0,
        extra,
        &mut Vec::new(),
        &mut candidates,
        &mut overflow,
    );
    if candidates.is_empty() {
        return Outcome::TooFew {
            found: toks.len(),
            toks,
        };
    }
    let total = candidates.len();
    // The candidates that fit the identities (one buffer for their values), or all of them
    // when none does.
    let mut vals: Vec<Option<f64>> = Vec::with_capacity(n);
    let fits: Vec<bool> = candidates
        .iter()
        .map(|c| {
            vals.clear();
            vals.extend(
                c.iter()
                    .map(|x| if x.0.is_nan() { None } else { Some(x.0) }),
            );
            holds(&vals) != Some(false)
        })
        .collect();
    let kept: Vec<Candidate> = if fits.contains(&true) {
        candidates
            .into_iter()
            .zip(fits)
            .filter_map(|(c, f)| f.then_some(c))
            .collect()
    } else {
        candidates
    };
    let pool = Pool {
        toks,
        candidates: kept,
        overflow,
        total,
    };
    let (cells, split) = consensus(&pool);
    Outcome::Cells {
        cells,
        split,
        pool: Some(Box::new(pool)),
    }
}

/// The cells every remaining candidate agrees on; the others are unreadable.
pub fn consensus<'a>(pool: &Pool<'a>) -> (Vec<Assigned<'a>>, SplitUse) {
    let toks = &pool.toks;
    let first = &pool.candidates[0];
    let mut cells = Vec::with_capacity(first.len());
    let mut any_ambiguous = pool.overflow;
    for (i, &(v, s, e, ti)) in first.iter().enumerate() {
        let agree = !pool.overflow
            && pool
                .candidates
                .iter()
                .all(|c| c[i].0.to_bits() == v.to_bits() && c[i].1 == s && c[i].2 == e);
        let t = &toks[ti];
        let was_split = t.end > t.start && (s != t.start || e != t.end);
        if agree {
            let tok = if was_split {
                let raw = &t.raw[s - t.start..e - t.start];
                Tok {
                    kind: TokKind::Num {
                        value: v,
                        plain_digits: true,
                        unit: None,
                    },
                    raw,
                    start: s,
                    end: e,
                    delimited: t.delimited,
                }
            } else {
                *t
            };
            cells.push(Assigned {
                tok,
                split_from: was_split.then_some((t.start, t.end)),
                ambiguous: false,
            });
        } else {
            any_ambiguous = true;
            cells.push(Assigned {
                tok: *t,
                split_from: Some((t.start, t.end)),
                ambiguous: true,
            });
        }
    }
    let split = if any_ambiguous {
        SplitUse::Ambiguous
    } else if pool.total > 1 {
        SplitUse::ByIdentity
    } else {
        SplitUse::Forced
    };
    (cells, split)
}

#[allow(clippy::too_many_arguments)]
fn enumerate(
    toks: &[Tok],
    splittable: &[bool],
    ways: &Ways,
    i: usize,
    extra: usize,
    acc: &mut Vec<(f64, usize, usize, usize)>,
    out: &mut Vec<Vec<(f64, usize, usize, usize)>>,
    overflow: &mut bool,
) {
    if out.len() >= MAX_CANDIDATES {
        *overflow = true;
        return;
    }
    if i == toks.len() {
        if extra == 0 {
            out.push(acc.clone());
        }
        return;
    }
    let t = &toks[i];
    let value = match t.kind {
        TokKind::Num { value, .. } => value,
        _ => f64::NAN,
    };
    if !splittable[i] {
        acc.push((value, t.start, t.end, i));
        enumerate(toks, splittable, ways, i + 1, extra, acc, out, overflow);
        acc.pop();
        return;
    }
    // Only the leading digits can be cut; a sign stays with the first piece, a fraction or a
    // unit with the last.
    let (sl, nd) = digits_of(t.raw);
    let digits = &t.raw.as_bytes()[sl..sl + nd];
    let last_value = match t.kind {
        TokKind::Num { value, .. } => value,
        _ => f64::NAN,
    };
    let int_all = digits_value(digits);
    let neg = last_value < 0.0;
    // Split this run into k = 1..=extra+1 pieces.
    for k in 1..=(extra + 1).min(digits.len()) {
        if !ways.possible(i + 1, extra - (k - 1)) {
            continue;
        }
        let mut parts = Vec::new();
        split_run(digits, k, 0, &mut Vec::new(), &mut parts);
        for p in parts {
            let mut pushed = 0;
            let mut a = 0;
            let cuts: Vec<usize> = p
                .iter()
                .copied()
                .chain(std::iter::once(t.raw.len() - sl))
                .collect();
            for (ci, &b) in cuts.iter().enumerate() {
                let v = if ci + 1 == cuts.len() {
                    // The last piece: the value of the whole token minus what was cut off in front.
                    if a == 0 {
                        last_value
                    } else {
                        let int_rest = digits_value(&digits[a..]);
                        if neg {
                            // The sign went with the first piece.
                            -last_value - int_all + int_rest
                        } else {
                            last_value - int_all + int_rest
                        }
                    }
                } else {
                    let v = digits_value(&digits[a..b]);
                    if neg && a == 0 {
                        -v
                    } else {
                        v
                    }
                };
                let start = if a == 0 { t.start } else { t.start + sl + a };
                acc.push((v, start, t.start + sl + b, i));
                pushed += 1;
                a = b;
            }
            enumerate(
                toks,
                splittable,
                ways,
                i + 1,
                extra - (k - 1),
                acc,
                out,
                overflow,
            );
            for _ in 0..pushed {
                acc.pop();
            }
        }
    }
}

/// The number written by ASCII digits: what parsing them gives, without the parse for up to 15
/// digits (exact in an `f64`).
fn digits_value(d: &[u8]) -> f64 {
    if d.is_empty() || d.len() > 15 || !d.iter().all(u8::is_ascii_digit) {
        return std::str::from_utf8(d)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
    }
    d.iter().fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64
}

/// The length of a leading sign (`-`, `+`, `−`, `减`, `增`) and of the run of digits after it.
fn digits_of(raw: &str) -> (usize, usize) {
    let sl = ['-', '+', '−', '－', '＋', '减', '增']
        .into_iter()
        .find(|c| raw.starts_with(*c))
        .map_or(0, char::len_utf8);
    (sl, int_digits(&raw[sl..]))
}

/// How many digits a number token has before any fraction or unit (after its sign).
fn run_len(raw: &str) -> usize {
    digits_of(raw).1
}

/// Does the token's run of digits have more than `n` of them? A token no longer than `n` bytes
/// cannot (the run is part of it): most cells are answered so, without looking for a sign.
fn long_run(raw: &str, n: usize) -> bool {
    raw.len() > n && run_len(raw) > n
}

/// How many ASCII digits the token starts with.
fn int_digits(raw: &str) -> usize {
    raw.bytes().take_while(u8::is_ascii_digit).count()
}

/// Cut points splitting `d` into `k` numbers, none with a leading zero (a lone `0` is fine).
fn split_run(d: &[u8], k: usize, from: usize, cuts: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if k == 1 {
        if (d[from] != b'0' || d.len() - from == 1) && d.len() - from <= MAX_DIGITS {
            out.push(cuts.clone());
        }
        return;
    }
    if d[from] == b'0' {
        // A zero stands alone.
        if from + 1 < d.len() {
            cuts.push(from + 1);
            split_run(d, k - 1, from + 1, cuts, out);
            cuts.pop();
        }
        return;
    }
    for cut in from + 1..d.len().min(from + MAX_DIGITS + 1) {
        if d.len() - cut < k - 1 {
            break;
        }
        cuts.push(cut);
        split_run(d, k - 1, cut, cuts, out);
        cuts.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        Labels::new([
            "（三）不予公开",
            "1.属于国家秘密",
            "第二十条第（五）项",
            "信息内容",
        ])
    }

    fn values(o: &Outcome) -> Vec<Option<f64>> {
        match o {
            Outcome::Cells { cells, .. } => cells
                .iter()
                .map(|c| match (&c.tok.kind, c.ambiguous) {
                    (TokKind::Num { value, .. }, false) => Some(*value),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn digit_values_are_what_parsing_gives() {
        for d in [
            "0",
            "7",
            "0012",
            "123456789012345",
            "1234567890123456789",
            "",
        ] {
            let parsed: f64 = d.parse().unwrap_or(f64::NAN);
            let v = digits_value(d.as_bytes());
            assert!(v == parsed || (v.is_nan() && parsed.is_nan()), "{d}");
        }
    }

    #[test]
    fn tab_fields_keep_blank_cells_in_place() {
        let text = "\t26\t\t\t\t\t\t26\n";
        let toks = tokenize(text, 0, text.len(), &labels());
        let o = assign(toks, 7, &|_| None);
        let v = values(&o);
        assert_eq!(v.len(), 7);
        assert_eq!(v[0], Some(26.0));
        assert_eq!(v[6], Some(26.0));
        assert!(
            matches!(o, Outcome::Cells { ref cells, .. } if cells[1].tok.kind == TokKind::Blank)
        );
    }

    #[test]
    fn run_together_zeros_split_only_one_way() {
        let text = "0 0 0 0 0 00（三）不予公开";
        let toks = tokenize(text, 0, text.len(), &labels());
        let o = assign(toks, 7, &|_| None);
        assert_eq!(values(&o), vec![Some(0.0); 7]);
        assert!(matches!(
            o,
            Outcome::Cells {
                split: SplitUse::Forced,
                ..
            }
        ));
    }

    #[test]
    fn an_undecidable_split_is_unreadable_not_guessed() {
        // "12" could be 1,2 or the "34" could be 3,4: two splits, nothing to choose between them.
        let text = "12 34";
        let toks = tokenize(text, 0, text.len(), &labels());
        let o = assign(toks, 3, &|_| None);
        assert_eq!(values(&o), vec![None, None, None]);
        assert!(matches!(
            o,
            Outcome::Cells {
                split: SplitUse::Ambiguous,
                ..
            }
        ));
    }

    #[test]
    fn identities_pick_the_split() {
        // 80 1 0 0 0 0 81 vs 8 0 1 ... : only one split makes the total right.
        let text = "801 0 0 0 081";
        let toks = tokenize(text, 0, text.len(), &labels());
        let holds = |v: &[Option<f64>]| -> Option<bool> {
            let s: f64 = v[..6].iter().map(|x| x.unwrap_or(0.0)).sum();
            Some(v[6]? == s)
        };
        let o = assign(toks, 7, &holds);
        assert_eq!(
            values(&o),
            vec![
                Some(80.0),
                Some(1.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(81.0)
            ]
        );
    }

    fn all_unreadable(o: &Outcome, n: usize) -> bool {
        matches!(o, Outcome::Cells { cells, split: SplitUse::Ambiguous, .. }
            if cells.len() == n && cells.iter().all(|c| c.ambiguous))
    }

    #[test]
    fn a_long_digit_run_is_unreadable_without_building_its_splits() {
        // 45 and 60 ones for seven cells: millions of splits, so none is built; a 10,000-digit
        // run is no number at all. Each comes back at once, every cell unreadable.
        for len in [45, 60, 10_000] {
            let text = "1".repeat(len);
            let toks = tokenize(&text, 0, text.len(), &labels());
            let o = assign(toks, 7, &|_| None);
            assert!(all_unreadable(&o, 7), "{len} digits: {o:?}");
            assert!(
                matches!(&o, Outcome::Cells { pool: Some(pool), .. } if pool.overflow && pool.candidates.is_empty())
            );
        }
        // Too long for one cell, even where it is the only cell.
        let text = "1".repeat(45);
        let toks = tokenize(&text, 0, text.len(), &labels());
        assert!(all_unreadable(&assign(toks, 1, &|_| None), 1));
    }

    #[test]
    fn split_counts_match_the_splits_built() {
        for (digits, n) in [("3000003", 7), ("1234", 2), ("1020304", 4), ("100", 2)] {
            let toks = tokenize(digits, 0, digits.len(), &labels());
            let splittable = vec![true; toks.len()];
            let ways = Ways::new(&toks, &splittable, n - 1);
            let mut out = Vec::new();
            let mut overflow = false;
            enumerate(
                &toks,
                &splittable,
                &ways,
                0,
                n - 1,
                &mut Vec::new(),
                &mut out,
                &mut overflow,
            );
            assert_eq!(ways.total(), out.len(), "{digits} into {n}");
        }
    }

    #[test]
    fn a_sign_or_sign_word_between_runs_of_digits_separates_cells() {
        for (text, want) in [
            ("15-15", [15.0, -15.0]),
            ("3+2", [3.0, 2.0]),
            ("0减4", [0.0, -4.0]),
        ] {
            let toks = tokenize(text, 0, text.len(), &labels());
            let got = values(&assign(toks, 2, &|_| None));
            assert_eq!(got, vec![Some(want[0]), Some(want[1])], "{text}");
        }
    }

    #[test]
    fn a_signed_run_keeps_its_sign_on_the_first_piece() {
        // `3-120` for three cells: 3, then -1 20 or -12 0: 3 is certain, the rest is not.
        let text = "3-120";
        let toks = tokenize(text, 0, text.len(), &labels());
        assert_eq!(
            values(&assign(toks, 3, &|_| None)),
            vec![Some(3.0), None, None]
        );
        // `-120` for two cells where the identity wants the first to be -1.
        let text = "-120";
        let toks = tokenize(text, 0, text.len(), &labels());
        let holds = |v: &[Option<f64>]| Some(v[0]? == -1.0);
        let o = assign(toks, 2, &holds);
        assert_eq!(values(&o), vec![Some(-1.0), Some(20.0)]);
        assert!(
            matches!(&o, Outcome::Cells { cells, .. } if cells[0].tok.raw == "-1" && cells[1].tok.raw == "20")
        );
    }

    #[test]
    fn digits_running_into_a_year_lose_only_a_certain_year() {
        let cut = |t: &str| {
            let toks = tokenize(t, 0, t.len(), &labels());
            toks.into_iter()
                .map(|t| (t.raw.to_string(), t.kind))
                .collect::<Vec<_>>()
        };
        let toks = cut("02025年，本机关");
        assert_eq!(toks[0].0, "0");
        assert_eq!(toks[1].1, TokKind::Text);
        // `2025年` alone is the year: no number at all.
        assert_eq!(cut("2025年，本机关")[0].1, TokKind::Text);
        // A month, a day or a percentage: where the cell ends is not certain.
        assert_eq!(cut("012月31日")[0].1, TokKind::Glued);
        assert_eq!(cut("350%")[0].1, TokKind::Glued);
        // A leading zero before the year is no number of its own: `05` cannot be a cell.
        assert_eq!(cut("052025年")[0].1, TokKind::Glued);
    }

    #[test]
    fn letters_units_and_markers_are_told_apart() {
        assert_eq!(classify("O"), TokKind::Letter);
        assert_eq!(classify("1O"), TokKind::Letter);
        assert_eq!(classify("/"), TokKind::NoValue);
        assert_eq!(classify("不适用"), TokKind::NoValue);
        assert_eq!(
            classify("０"),
            TokKind::Num {
                value: 0.0,
                plain_digits: true,
                unit: None
            }
        );
        assert_eq!(
            classify("0.37万元"),
            TokKind::Num {
                value: 0.37,
                plain_digits: false,
                unit: Some("万元")
            }
        );
        assert_eq!(
            classify("减4"),
            TokKind::Num {
                value: -4.0,
                plain_digits: false,
                unit: None
            }
        );
        assert!(furniture("-3-"));
        assert!(furniture("— 7 —"));
    }

    #[test]
    fn every_ideograph_of_a_sign_unit_or_no_value_mark_is_a_number_word() {
        let words = NO_VALUE.iter().chain(UNITS).chain(&["减", "增"]);
        for c in words.flat_map(|w| w.chars()) {
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                assert!(NUMBER_WORDS.contains(c), "{c} missing from NUMBER_WORDS");
            }
        }
        assert_eq!(classify("（三）不予公开"), TokKind::Text);
    }

    #[test]
    fn sign_words_and_units_stay_with_their_numbers_in_run_together_text() {
        let mut out = Vec::new();
        pieces("规章减4第五项0.37万元其他", 10, &mut out);
        let kinds: Vec<(&str, &TokKind)> = out.iter().map(|t| (t.raw, &t.kind)).collect();
        assert_eq!(kinds[0].0, "规章");
        assert_eq!(
            kinds[1],
            (
                "减4",
                &TokKind::Num {
                    value: -4.0,
                    plain_digits: false,
                    unit: None
                }
            )
        );
        assert_eq!(kinds[2].0, "第五项");
        assert_eq!(
            kinds[3],
            (
                "0.37万元",
                &TokKind::Num {
                    value: 0.37,
                    plain_digits: false,
                    unit: Some("万元")
                }
            )
        );
        assert_eq!(kinds[4].0, "其他");
        assert_eq!(out[1].start, 10 + "规章".len());
    }

    #[test]
    fn wrapped_label_tails_are_not_cells() {
        let labels = Labels::new(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]);
        let text = "\n4 0 0 0 0 0 4\n计其他情形）\n";
        let toks = tokenize(text, 0, text.len(), &labels);
        assert_eq!(
            values(&assign(toks, 7, &|_| None)),
            vec![
                Some(4.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(4.0)
            ]
        );
    }
}
