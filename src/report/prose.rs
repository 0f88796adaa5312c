//! A section's prose: its text without the tables in it (rows, cells, the header lines of
//! labels above them, and lines laid out as a table). `require text` and `when text(…)` count
//! this, so a section whose only content is a table has no prose.

use super::cells::Labels;
use super::norm::KeyText;
use super::Document;
use crate::compile::Compiled;

/// A section's prose as a matching key (no blanks or punctuation), as far as it is used: how
/// many characters it has, and the key itself only when it is short. Its users count it, and
/// tell a placeholder (`暂无`) by its text; a key of a whole section built for that alone cost a
/// tenth of reading a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    /// How many key characters the prose has.
    pub len: usize,
    /// The key, when at most [`Prose::SHORT`] characters long; else empty.
    short: String,
}

impl Prose {
    /// The longest prose kept as text (longer than any placeholder a section may hold).
    pub const SHORT: usize = 8;

    /// The prose of the key characters `key`.
    pub fn of_key(key: &[char]) -> Prose {
        Prose::of_pieces(key.len(), || key.iter())
    }

    /// The prose made of the key characters `pieces` yields, `len` of them.
    fn of_pieces<'a, I: Iterator<Item = &'a char>>(len: usize, pieces: impl Fn() -> I) -> Prose {
        Prose {
            len,
            short: if len <= Prose::SHORT {
                pieces().collect()
            } else {
                String::new()
            },
        }
    }

    /// The key, when the prose is at most [`Prose::SHORT`] characters long.
    pub fn short(&self) -> Option<&str> {
        (self.len <= Prose::SHORT).then_some(self.short.as_str())
    }
}

/// For each section found, its prose (see [`Prose`]). `key` is the key of `text`: the prose's
/// key is taken from it, not folded again.
pub(super) fn measure(
    compiled: &Compiled,
    text: &str,
    key: &KeyText,
    doc: &Document,
) -> Vec<(usize, Prose)> {
    // Byte ranges that belong to tables: from the line of the first row label to the end of the
    // line of the last cell or label read.
    let mut tables: Vec<(usize, usize, Option<&Labels>)> = Vec::new();
    for read in &doc.tables {
        let Some(start) = read.start else { continue };
        let end = read
            .cells
            .iter()
            .map(|c| c.span.end)
            .chain(read.rows.iter().map(|r| r.label.end))
            .max()
            .unwrap_or(start.end)
            .max(start.end);
        // To the ends of the lines, where the table has lines of its own (not text saved with
        // everything on one line, where the lines are the whole report).
        let line_start = text[..start.start]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(start.start.saturating_sub(NEAR));
        let line_end = text[end..]
            .find('\n')
            .map_or(text.len(), |i| end + i)
            .min(end + NEAR);
        let (line_start, line_end) = (
            floor_char(text, line_start),
            floor_char(text, line_end.min(text.len())),
        );
        // The characters of the table's labels (those of `keys.all`), as compiled with them.
        let labels = compiled
            .rule_sets
            .get(read.rule_set)
            .and_then(|rs| rs.tables.get(read.table))
            .map(|t| &t.keys.labels);
        tables.push((line_start, line_end, labels));
    }
    doc.sections
        .iter()
        .map(|fs| (fs.section, prose_key(text, key, fs.body, &tables)))
        .collect()
}

/// A line laid out as a table row: a bar, or a tab between its words.
fn table_like(line: &str) -> bool {
    // Most lines have neither a bar nor a tab: told by one pass over their bytes, sixteen at a
    // time without a branch each, before the line is trimmed and searched.
    let has = |b: &[u8]| {
        b.iter()
            .fold(false, |any, &x| any | (x == b'|') | (x == b'\t'))
    };
    let mut chunks = line.as_bytes().chunks_exact(16);
    if !chunks.any(has) && !has(chunks.remainder()) {
        return false;
    }
    let t = line.trim();
    t.contains('|') || t.trim_matches('\t').contains('\t')
}

/// How far (bytes) a table's extent reaches out to the ends of its first and last lines.
const NEAR: usize = 120;

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The key of the characters of `text[a..b]` (a key character stands for the character it
/// came from: its position's start is in the range).
fn key_of(key: &KeyText, a: usize, b: usize) -> &[char] {
    let (i, j) = (key.at_byte(a), key.at_byte(b));
    &key.chars[i..j.max(i)]
}

fn prose_key(
    text: &str,
    key: &KeyText,
    body: (usize, usize),
    tables: &[(usize, usize, Option<&Labels>)],
) -> Prose {
    let (from, to) = (body.0.min(text.len()), body.1.min(text.len()));
    let body = &text[from..to];
    // The lines with their line breaks (as `split_inclusive('\n')` cuts them), found by a
    // vectorised search for the breaks: the library's search for a character cost a fifth of
    // measuring the prose.
    let mut lines: Vec<(usize, &str)> = Vec::with_capacity(body.len() / 32 + 1);
    let mut at = 0;
    for nl in memchr::memchr_iter(b'\n', body.as_bytes()) {
        lines.push((from + at, &body[at..=nl]));
        at = nl + 1;
    }
    if at < body.len() {
        lines.push((from + at, &body[at..]));
    }
    let mut keep = vec![true; lines.len()];
    // The byte ranges of each line that are prose, with the line they are on (one list for the
    // whole section, not one per line).
    let mut pieces: Vec<(usize, usize, usize)> = Vec::with_capacity(lines.len());
    for (i, (a, line)) in lines.iter().enumerate() {
        // A line laid out as a table row.
        if table_like(line) {
            keep[i] = false;
            continue;
        }
        // The line without the parts inside a table read (the tables' ranges start and end on
        // character boundaries).
        let end = a + line.len();
        let mut cut: Vec<(usize, usize)> = tables
            .iter()
            .filter(|(s, e, _)| *s < end && *e > *a)
            .map(|(s, e, _)| ((*s).max(*a), (*e).min(end)))
            .collect();
        cut.sort_unstable();
        let mut from = *a;
        for (s, e) in cut {
            if s > from {
                pieces.push((i, from, s));
            }
            from = from.max(e);
        }
        if from < end {
            pieces.push((i, from, end));
        }
    }
    // Header lines above a table: lines made only of the table's labels.
    for (s, _, labels) in tables {
        let Some(first) = lines.iter().position(|(a, _)| a >= s) else {
            continue;
        };
        let mut i = first;
        while i > 0 {
            i -= 1;
            let (a, line) = lines[i];
            let k = key_of(key, a, a + line.len());
            if k.is_empty() {
                continue;
            }
            let only_labels = k
                .iter()
                .all(|&c| c.is_ascii_digit() || labels.is_some_and(|l| l.has_char(c)));
            if !only_labels {
                break;
            }
            keep[i] = false;
        }
    }
    // The key of each kept piece: counted, and read again only for a short prose.
    let kept = || {
        pieces
            .iter()
            .filter(|&&(i, _, _)| keep[i])
            .map(|&(_, a, b)| key_of(key, a, b))
    };
    let len = kept().map(<[char]>::len).sum();
    Prose::of_pieces(len, || kept().flatten())
}
