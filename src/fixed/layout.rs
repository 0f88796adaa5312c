//! Positions → blocks: text lines from glyph rows, table grids from ruling lines (cells merged
//! where a border is missing), wrapped lines inside a cell joined, borderless rows split at wide
//! gaps, tables continued across page breaks.

use std::borrow::Cow;

use super::{Block, Glyph, Laid, LaidCell, Page, Segment};

/// A text line outside tables.
#[derive(Debug, Clone)]
struct Line {
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    size: f64,
    /// Chunks of the line separated by wide gaps: `(left, text)`.
    chunks: Vec<(f64, String)>,
    /// The right edge of each chunk.
    rights: Vec<f64>,
}

enum Item {
    Line(Line),
    Table { top: f64, rows: Vec<Vec<GridCell>> },
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.top,
            Item::Table { top, .. } => *top,
        }
    }
}

pub fn lay_out(pages: &[Page]) -> Laid {
    let mut blocks: Vec<Block> = Vec::new();
    // Right edge of full paragraph lines, over the whole document.
    let mut last_line: Option<(Line, u32, f64)> = None;
    // The last borderless row pushed: its page, the bottom of its last line, its text size.
    let mut last_row: Option<(u32, f64, f64)> = None;
    // Tables made of borderless rows: their block and text size.
    let mut borderless: Vec<(usize, f64)> = Vec::new();
    let laid: Vec<Vec<Item>> = pages.iter().map(page_items).collect();
    let margins: Vec<f64> = laid.iter().map(|items| right_margin(items)).collect();
    for ((page, items), own_margin) in pages.iter().zip(laid).zip(&margins) {
        // Where full lines end on pages of this width over the whole document: a page of short
        // lines (table rows written as lines) whose two longest lines end alike has no full
        // line, so its heading is not taken for a wrapped paragraph.
        let widest = pages
            .iter()
            .zip(&margins)
            .filter(|(p, m)| (p.width - page.width).abs() < 1.0 && **m < f64::MAX)
            .map(|(_, m)| *m)
            .fold(f64::MIN, f64::max);
        let right_margin = own_margin.max(widest);
        let mut first_on_page = true;
        for item in items {
            match item {
                Item::Table { rows, .. } => {
                    let rows: Vec<Vec<LaidCell>> = rows
                        .into_iter()
                        .map(|r| {
                            r.into_iter()
                                .map(|g| LaidCell {
                                    text: g.text,
                                    page: page.number,
                                    x: g.x,
                                    y: g.y,
                                    row_span: g.row_span,
                                    col_span: g.col_span,
                                    covered: g.covered,
                                    right: g.x,
                                })
                                .collect()
                        })
                        .collect();
                    if first_on_page {
                        if let Some(Block::Table { rows: prev }) = blocks.last_mut() {
                            if prev.last().map(|r| r.len()) == rows.first().map(|r| r.len()) {
                                let rest = continue_table(prev, rows);
                                prev.extend(rest);
                                last_line = None;
                                first_on_page = false;
                                continue;
                            }
                        }
                    }
                    blocks.push(Block::Table { rows });
                    last_line = None;
                    last_row = None;
                }
                Item::Line(mut line) => {
                    if let Some((row_page, bottom, size)) = last_row {
                        if row_page == page.number
                            && line.top - bottom < 0.5 * size
                            && line.chunks.iter().all(|c| !is_number(&c.1))
                        {
                            if let Some(Block::Table { rows }) = blocks.last_mut() {
                                if let Some(row) = rows.last_mut() {
                                    if wrap_into_row(row, &line.chunks, size) {
                                        last_row = Some((row_page, line.bottom, size));
                                        first_on_page = false;
                                        continue;
                                    }
                                }
                            }
                        }
                    }
                    last_row = None;
                    // The last line of a wrapped paragraph with a wide blank in it (`…社会事业局
                    // 2024年1月26日`, a full-width space before the date) is that paragraph's
                    // text, not a table row: no value stands in it.
                    if line.chunks.len() > 1 && line.chunks.iter().all(|c| !is_value(&c.1)) {
                        if let Some((prev, prev_page, prev_margin)) = &last_line {
                            if *prev_page == page.number
                                && continues_paragraph(prev, *prev_margin, &line)
                            {
                                let text: Vec<&str> =
                                    line.chunks.iter().map(|c| c.1.as_str()).collect();
                                line.chunks = vec![(line.left, text.join(" "))];
                                line.rights = vec![line.right];
                            }
                        }
                    }
                    if line.chunks.len() > 1 {
                        let mut row: Vec<LaidCell> = line
                            .chunks
                            .iter()
                            .zip(&line.rights)
                            .map(|((x, t), right)| LaidCell {
                                text: t.clone(),
                                page: page.number,
                                x: *x,
                                y: line.top,
                                row_span: 1,
                                col_span: 1,
                                covered: false,
                                right: *right,
                            })
                            .collect();
                        // A number-less line just above, starting where the row's cells
                        // start: the top of labels wrapped around the row's numbers.
                        if let Some((prev, prev_page, _)) = &last_line {
                            let above = *prev_page == page.number
                                && line.top - prev.bottom < 0.5 * line.size
                                && prev.chunks.iter().all(|c| !is_number(&c.1));
                            if above {
                                if let Some(Block::Paragraph { text, .. }) = blocks.last() {
                                    let single = prev.chunks.len() == 1
                                        && prev.chunks.first().map(|c| &c.1) == Some(text);
                                    let mut merged = row.clone();
                                    let mut ok = single || prev.chunks.len() > 1;
                                    for (x, t) in &prev.chunks {
                                        match merged
                                            .iter()
                                            .position(|c| (c.x - x).abs() < line.size)
                                        {
                                            Some(i) => {
                                                let mut s = t.clone();
                                                join_wrapped(&mut s, &merged[i].text);
                                                merged[i].text = s;
                                            }
                                            None => ok = false,
                                        }
                                    }
                                    if ok && single {
                                        blocks.pop();
                                        row = merged;
                                    }
                                }
                            }
                        }
                        match blocks.last_mut() {
                            Some(Block::Table { rows }) if last_line.is_none() => rows.push(row),
                            _ => {
                                blocks.push(Block::Table { rows: vec![row] });
                                borderless.push((blocks.len() - 1, line.size));
                            }
                        }
                        last_row = Some((page.number, line.bottom, line.size));
                        last_line = None;
                        first_on_page = false;
                        continue;
                    }
                    let text = line.chunks.first().map(|c| c.1.clone()).unwrap_or_default();
                    let joins = match &last_line {
                        Some((prev, prev_page, prev_margin)) => {
                            continues_paragraph(prev, *prev_margin, &line)
                                && (*prev_page == page.number || first_on_page)
                        }
                        None => false,
                    };
                    if joins {
                        if let Some(Block::Paragraph { text: t, .. }) = blocks.last_mut() {
                            join_wrapped(t, &text);
                        }
                    } else {
                        blocks.push(Block::Paragraph {
                            text,
                            page: page.number,
                            x: line.left,
                            y: line.top,
                        });
                    }
                    last_line = Some((line, page.number, right_margin));
                }
            }
            first_on_page = false;
        }
    }
    for (i, size) in borderless {
        if let Some(Block::Table { rows }) = blocks.get_mut(i) {
            fill_blanks(rows, size);
        }
    }
    Laid {
        pages: pages.len() as u32,
        blocks,
    }
}

/// A table of borderless rows: a row with fewer values than the fullest one gets a blank cell
/// under each value column it leaves empty — but only where every value it has lines up (by its
/// left edge, centre or right edge) with exactly one of the fullest row's value columns, in
/// order, and its last value stands under the last column. Otherwise the row stays as it is
/// (too few values: unreadable), never a value moved to another column.
fn fill_blanks(rows: &mut [Vec<LaidCell>], size: f64) {
    let values = |r: &[LaidCell]| r.iter().rev().take_while(|c| is_value(&c.text)).count();
    let Some(full) = rows.iter().max_by_key(|r| values(r)) else {
        return;
    };
    let n = values(full);
    if n < 2 {
        return;
    }
    let columns: Vec<(f64, f64)> = full[full.len() - n..]
        .iter()
        .map(|c| (c.x, c.right))
        .collect();
    let tol = 0.6 * size;
    let lines_up = |c: &LaidCell, (x, right): (f64, f64)| {
        (c.x - x).abs() < tol
            || (c.right - right).abs() < tol
            || ((c.x + c.right) / 2.0 - (x + right) / 2.0).abs() < tol
    };
    for row in rows.iter_mut() {
        let k = values(row);
        if k == 0 || k >= n {
            continue;
        }
        let first = row.len() - k;
        let mut at: Vec<usize> = Vec::with_capacity(k);
        for c in &row[first..] {
            let mut under = (0..n).filter(|&j| lines_up(c, columns[j]));
            match (under.next(), under.next()) {
                (Some(j), None) if at.last().is_none_or(|&p| j > p) => at.push(j),
                _ => break,
            }
        }
        if at.len() != k || at.last() != Some(&(n - 1)) {
            continue;
        }
        let (page, y) = (row[first].page, row[first].y);
        let mut vals = row.split_off(first).into_iter();
        for (j, &(x, right)) in columns.iter().enumerate() {
            let cell = if at.contains(&j) { vals.next() } else { None };
            row.push(cell.unwrap_or(LaidCell {
                text: String::new(),
                page,
                x,
                y,
                row_span: 1,
                col_span: 1,
                covered: false,
                right,
            }));
        }
    }
}

/// What stands in a value cell: a number, or a mark for none (`-`, `—`, `/`, `无`).
fn is_value(s: &str) -> bool {
    is_number(s) || matches!(s.trim(), "-" | "—" | "－" | "/" | "／" | "无")
}

/// The right edge full lines of text reach: the rightmost edge, when at least two lines reach
/// it (one long title alone says nothing of the text width); otherwise no line is full.
fn right_margin(items: &[Item]) -> f64 {
    let lines: Vec<&Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let max = lines.iter().map(|l| l.right).fold(f64::MIN, f64::max);
    let full = lines
        .iter()
        .filter(|l| l.right >= max - 2.0 * l.size)
        .count();
    if full >= 2 {
        max
    } else {
        f64::MAX
    }
}

/// A table's rows continued on the next page: a first row that carries no number and only
/// fills cells the previous row also fills is that row's text broken by the page.
fn continue_table(prev: &mut [Vec<LaidCell>], rows: Vec<Vec<LaidCell>>) -> Vec<Vec<LaidCell>> {
    let mut rows = rows.into_iter();
    let mut rest = Vec::new();
    if let (Some(first), Some(last)) = (rows.next(), prev.last_mut()) {
        let broken = first.iter().all(|c| !is_number(&c.text))
            && first
                .iter()
                .zip(last.iter())
                .all(|(c, p)| c.text.is_empty() || !p.text.is_empty());
        if broken {
            for (c, p) in first.into_iter().zip(last.iter_mut()) {
                join_wrapped(&mut p.text, &c.text);
            }
        } else {
            rest.push(first);
        }
    }
    rest.extend(rows);
    rest
}

/// Lines right under a borderless row that carry no number and each start where one of the
/// row's cells starts: the cells' text wrapped (`一、本年新收政府信息` / `公开申请数量`).
fn wrap_into_row(row: &mut [LaidCell], chunks: &[(f64, String)], size: f64) -> bool {
    let mut targets = Vec::new();
    for (x, _) in chunks {
        match row.iter().position(|c| (c.x - x).abs() < size) {
            Some(i) => targets.push(i),
            None => return false,
        }
    }
    for (i, (_, text)) in targets.into_iter().zip(chunks) {
        join_wrapped(&mut row[i].text, text);
    }
    true
}

/// A cell's worth of number: digits with separators, a sign, a decimal point or `%` only.
fn is_number(s: &str) -> bool {
    let s = s.trim();
    has_digit(s)
        && s.chars()
            .all(|c| c.is_ascii_digit() || ",.%+-， ".contains(c))
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Join a wrapped line onto text: no space between CJK, one between two Latin words.
fn join_wrapped(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    let a = text.chars().last();
    let b = more.chars().next();
    if let (Some(a), Some(b)) = (a, b) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            text.push(' ');
        }
    }
    text.push_str(more);
}

/// The next line continues a paragraph when the previous one ran to the right margin and the
/// next starts at the same left edge (no indent, no new heading) in the same size. A line that
/// ends in two or more values set apart by spaces is a table row written as a line: however far
/// right it reaches, the next line is never joined onto its numbers; nor is a line that is a
/// value alone (a table written one cell per line: `0` and `0` are not `00`).
fn continues_paragraph(prev: &Line, margin: f64, next: &Line) -> bool {
    let size = prev.size.max(next.size);
    let text = |l: &Line| l.chunks.iter().map(|c| c.1.as_str()).collect::<String>();
    let (a, b) = (text(prev), text(next));
    !ends_in_values(prev)
        && !is_value(&a)
        && !is_value(&b)
        && prev.right >= margin - 2.0 * size
        && (next.left - prev.left).abs() < 2.5 * size
        && next.left <= prev.left + 0.5 * size
        && (prev.size - next.size).abs() < 0.2 * size
        && next.top - prev.bottom < 1.2 * size
}

/// The line's last two words (split at spaces) are both values: `… 10 0 0 10`.
fn ends_in_values(line: &Line) -> bool {
    let Some((_, text)) = line.chunks.last() else {
        return false;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 3 && words[words.len() - 2..].iter().all(|w| is_value(w))
}

fn median_size(glyphs: &[&Glyph]) -> f64 {
    let mut s: Vec<f64> = glyphs.iter().map(|g| g.size).filter(|s| *s > 0.0).collect();
    if s.is_empty() {
        return 10.0;
    }
    s.sort_by(f64::total_cmp);
    s[s.len() / 2]
}

fn page_items(page: &Page) -> Vec<Item> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let size = median_size(&glyphs);
    let tol = (0.15 * size).max(0.3);
    let mut used = vec![false; glyphs.len()];
    let mut items = Vec::new();
    for region in regions(&page.segments, tol) {
        if let Some((top, rows)) = grid(&region, &glyphs, &mut used, tol) {
            items.push(Item::Table { top, rows });
        }
    }
    let rest: Vec<&Glyph> = glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| *g)
        .collect();
    for line in merge_side_by_side(lines(&rest)) {
        if is_page_number(&line, page) {
            continue;
        }
        items.push(Item::Line(line));
    }
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    items
}

/// Two lines that overlap vertically but not horizontally are one row whose cells are set at
/// different heights (a row's numbers centred against a label wrapped over two lines).
fn merge_side_by_side(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let size = prev.size.max(line.size);
            let overlaps = line.top < prev.bottom - 0.1 * size;
            let disjoint = line.chunks.iter().zip(&line.rights).all(|((l, _), r)| {
                prev.chunks
                    .iter()
                    .zip(&prev.rights)
                    .all(|((pl, _), pr)| *r <= pl + 0.1 * size || *l >= pr - 0.1 * size)
            });
            if overlaps && disjoint {
                let mut parts: Vec<((f64, String), f64)> = prev
                    .chunks
                    .drain(..)
                    .zip(prev.rights.drain(..))
                    .chain(line.chunks.into_iter().zip(line.rights))
                    .collect();
                parts.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
                for (c, r) in parts {
                    prev.chunks.push(c);
                    prev.rights.push(r);
                }
                prev.top = prev.top.min(line.top);
                prev.bottom = prev.bottom.max(line.bottom);
                prev.left = prev.left.min(line.left);
                prev.right = prev.right.max(line.right);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// `- 3 -`, `第3页`, `第 3 页 共 9 页` near the top or bottom edge of the page. A bare number
/// (`3`) there is a page number only when it is this page's number or stands centred on the
/// page: a value such as `0` at the margin, the last cell of a table written one cell per line,
/// is never dropped as a page number.
fn is_page_number(line: &Line, page: &Page) -> bool {
    if page.height <= 0.0 {
        return false;
    }
    let edge = line.top > page.height * 0.9 || line.bottom < page.height * 0.06;
    let text: String = line.chunks.iter().map(|c| c.1.as_str()).collect();
    let shaped = edge
        && line.chunks.len() == 1
        && text.chars().count() <= 16
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " -—/第页共".contains(c));
    if !shaped {
        return false;
    }
    let bare = text.trim();
    if !bare.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let centred = page.width > 0.0
        && ((line.left + line.right) / 2.0 - page.width / 2.0).abs() < 0.1 * page.width;
    centred || bare.parse::<u32>().ok() == Some(page.number)
}

/// Group glyphs into lines by their vertical middles, left to right; split a line into chunks
/// where the gap is wider than two characters.
fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| mid(a).total_cmp(&mid(b)).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Cow<Glyph>>> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            Some(l) if (mid(g) - mid(&l[0])).abs() < 0.45 * g.size.max(l[0].size) => {
                l.push(Cow::Borrowed(g))
            }
            _ => groups.push(vec![Cow::Borrowed(g)]),
        }
    }
    for gs in &mut groups {
        gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    join_wrapped_bar_rows(groups)
        .into_iter()
        .map(|gs| {
            let refs: Vec<&Glyph> = gs.iter().map(|g| &**g).collect();
            let size = median_size(&refs);
            let mut chunks: Vec<(f64, String)> = Vec::new();
            let mut rights: Vec<f64> = Vec::new();
            let mut end = f64::MIN;
            // A row drawn with bars (`| 一、… | 32 | 0 |  |`, crawled text laid out as it is):
            // each bar is a cell border, never text, and two bars with nothing between them
            // hold an empty cell.
            // A line of bars alone (`|||||`) separates rows; it is no row of empty cells.
            let barred = gs.first().is_some_and(|g| is_bar(&g.text))
                && gs.iter().filter(|g| is_bar(&g.text)).count() >= 2
                && gs.iter().any(|g| !is_bar(&g.text));
            // Where the last bar stood, while no text followed it yet.
            let mut open_bar: Option<f64> = None;
            for g in &gs {
                if barred && is_bar(&g.text) {
                    if let Some(x) = open_bar {
                        chunks.push((x, String::new()));
                        rights.push(g.x);
                    }
                    open_bar = Some(g.x + g.width);
                    end = end.max(g.x + g.width);
                    continue;
                }
                let gap = g.x - end;
                let after_bar = open_bar.take().is_some();
                match chunks.last_mut() {
                    Some((_, t)) if gap < 0.6 * size && !after_bar => {
                        // A word space: over 0.15 of a character between two Latin words or
                        // numbers; over 0.22 between two CJK words (`结果 维持` in a header
                        // written as a line: a space glyph is about a quarter of a character).
                        // Glyphs set edge to edge are one word, and the narrow gap producers
                        // put between CJK and a number (`某局 2023年`) is no word space; a gap
                        // of nearly half a character is a space between any two glyphs
                        // (`| 32 |`, `信息 10`).
                        let last = t.chars().last();
                        let first = g.text.chars().next();
                        let alnum = last.is_some_and(|c| c.is_ascii_alphanumeric())
                            && first.is_some_and(|c| c.is_ascii_alphanumeric());
                        let cjk = last.is_some_and(is_cjk) && first.is_some_and(is_cjk);
                        if (alnum && gap > 0.15 * size)
                            || (cjk && gap > 0.22 * size)
                            || gap > 0.4 * size
                        {
                            t.push(' ');
                        }
                        t.push_str(&g.text);
                    }
                    _ => {
                        chunks.push((g.x, g.text.clone()));
                        rights.push(g.x + g.width);
                    }
                }
                end = end.max(g.x + g.width);
                if let Some(r) = rights.last_mut() {
                    *r = r.max(g.x + g.width);
                }
            }
            Line {
                top: gs.iter().map(|g| g.y - g.size).fold(f64::MAX, f64::min),
                bottom: gs.iter().map(|g| g.y).fold(f64::MIN, f64::max),
                left: gs.first().map(|g| g.x).unwrap_or(0.0),
                right: end,
                size,
                chunks,
                rights,
            }
        })
        .collect()
}

/// A row drawn with bars that is too long for the line wraps (`| （二）部分公开… | 2 | 0 | 0` /
/// `| 2 |  |`): the row's line does not end with a bar, or the next line, right under it, does
/// not start with one, and that next line ends with the row's last bar. Its glyphs are set after the row's, so the row is one line again: a cell broken at the
/// wrap goes on (text) or, where the break falls between two digits, keeps a blank between
/// them (one number or two cannot be told: the cell is unreadable, never a number made up).
fn join_wrapped_bar_rows(groups: Vec<Vec<Cow<Glyph>>>) -> Vec<Vec<Cow<Glyph>>> {
    let mut out: Vec<Vec<Cow<Glyph>>> = Vec::new();
    for gs in groups {
        let wraps = out.last().is_some_and(|prev| {
            let (Some(first), Some(last), Some(p0), Some(pl)) =
                (gs.first(), gs.last(), prev.first(), prev.last())
            else {
                return false;
            };
            let size = p0.size.max(first.size);
            let bottom = prev.iter().map(|g| g.y).fold(f64::MIN, f64::max);
            let top = gs.iter().map(|g| g.y - g.size).fold(f64::MAX, f64::min);
            is_bar(&p0.text)
                && (!is_bar(&pl.text) || !is_bar(&first.text))
                && is_bar(&last.text)
                && top - bottom < 0.6 * size
                && first.x < pl.x
        });
        let Some(prev) = out.last_mut().filter(|_| wraps) else {
            out.push(gs);
            continue;
        };
        let (pl, first) = (&prev[prev.len() - 1], &gs[0]);
        let end = prev.iter().map(|g| g.x + g.width).fold(f64::MIN, f64::max);
        let digits = pl.text.chars().all(|c| c.is_ascii_digit())
            && first.text.chars().all(|c| c.is_ascii_digit());
        let pad = if is_bar(&pl.text) || is_bar(&first.text) {
            first.size
        } else if digits {
            0.5 * first.size
        } else {
            0.0
        };
        let shift = end + pad - first.x;
        for g in gs {
            let mut g = g.into_owned();
            g.x += shift;
            prev.push(Cow::Owned(g));
        }
    }
    out
}

/// A bar drawn as text between cells (`|`, `｜`).
fn is_bar(s: &str) -> bool {
    matches!(s.trim(), "|" | "｜")
}

/// A Chinese character or CJK punctuation (full-width forms included).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Vertical middle of a glyph (y is its baseline).
fn mid(g: &Glyph) -> f64 {
    g.y - 0.35 * g.size
}

/// Ruling segments grouped into connected tables.
fn regions(segments: &[Segment], tol: f64) -> Vec<Vec<Segment>> {
    let segs: Vec<Segment> = segments
        .iter()
        .map(|s| Segment {
            x0: s.x0.min(s.x1),
            x1: s.x0.max(s.x1),
            y0: s.y0.min(s.y1),
            y1: s.y0.max(s.y1),
        })
        .filter(|s| s.horizontal() || s.vertical())
        .collect();
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |a: &Segment, b: &Segment| {
        a.x0 <= b.x1 + tol && b.x0 <= a.x1 + tol && a.y0 <= b.y1 + tol && b.y0 <= a.y1 + tol
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&segs[i], &segs[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Segment>> = Default::default();
    for (i, s) in segs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*s);
    }
    groups.into_values().collect()
}

fn distinct(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|l| x - l > tol * 2.0) {
            out.push(x);
        }
    }
    out
}

/// One bordered table: the grid of its ruling lines, cells merged where a border is missing,
/// each glyph inside placed in its cell. `None` for a lone box or rule (a frame, a separator).
/// A grid cell as found: text, position, spans, and whether a spanning cell covers it.
struct GridCell {
    text: String,
    x: f64,
    y: f64,
    row_span: usize,
    col_span: usize,
    covered: bool,
}

fn grid(
    segs: &[Segment],
    glyphs: &[&Glyph],
    used: &mut [bool],
    tol: f64,
) -> Option<(f64, Vec<Vec<GridCell>>)> {
    let xs = distinct(
        segs.iter().filter(|s| s.vertical()).map(|s| s.x0).collect(),
        tol,
    );
    let ys = distinct(
        segs.iter()
            .filter(|s| s.horizontal())
            .map(|s| s.y0)
            .collect(),
        tol,
    );
    if xs.len() < 2 || ys.len() < 2 || (xs.len() == 2 && ys.len() == 2) {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let vborder = |xi: usize, r: usize| {
        let y = (ys[r] + ys[r + 1]) / 2.0;
        segs.iter()
            .any(|s| s.vertical() && (s.x0 - xs[xi]).abs() <= tol * 2.0 && s.y0 <= y && s.y1 >= y)
    };
    let hborder = |yi: usize, c: usize| {
        let x = (xs[c] + xs[c + 1]) / 2.0;
        segs.iter()
            .any(|s| s.horizontal() && (s.y0 - ys[yi]).abs() <= tol * 2.0 && s.x0 <= x && s.x1 >= x)
    };
    // owner[r][c] = top-left grid cell of the merged cell covering (r, c).
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; nc]; nr];
    for r in 0..nr {
        for c in 0..nc {
            if owner[r][c].is_some() {
                continue;
            }
            let mut c2 = c;
            while c2 + 1 < nc && !vborder(c2 + 1, r) && owner[r][c2 + 1].is_none() {
                c2 += 1;
            }
            let mut r2 = r;
            while r2 + 1 < nr && !hborder(r2 + 1, c) && owner[r2 + 1][c].is_none() {
                r2 += 1;
            }
            for row in owner.iter_mut().take(r2 + 1).skip(r) {
                for cell in row.iter_mut().take(c2 + 1).skip(c) {
                    *cell = Some((r, c));
                }
            }
        }
    }
    let mut inside: Vec<Vec<Vec<&Glyph>>> = vec![vec![Vec::new(); nc]; nr];
    let (left, right, top, bottom) = (xs[0], xs[nc], ys[0], ys[nr]);
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.x + g.width / 2.0, mid(g));
        if cx < left || cx > right || cy < top || cy > bottom {
            continue;
        }
        let c = xs.iter().rposition(|x| *x <= cx).unwrap_or(0).min(nc - 1);
        let r = ys.iter().rposition(|y| *y <= cy).unwrap_or(0).min(nr - 1);
        if let Some((or, oc)) = owner[r][c] {
            inside[or][oc].push(g);
            used[i] = true;
        }
    }
    let texts: Vec<Vec<String>> = inside
        .iter()
        .map(|row| row.iter().map(|g| cell_text(g)).collect())
        .collect();
    // Rows with no text at all (only covered by cells spanning from above) are dropped, and the
    // spans over them shrink with them.
    let kept: Vec<bool> = texts
        .iter()
        .map(|r| r.iter().any(|t| !t.is_empty()))
        .collect();
    let mut rows = Vec::new();
    for r in 0..nr {
        if !kept[r] {
            continue;
        }
        let row: Vec<GridCell> = (0..nc)
            .map(|c| {
                let own = owner[r][c] == Some((r, c));
                let col_span = (c..nc)
                    .take_while(|&c2| owner[r][c2] == Some((r, c)))
                    .count();
                let row_span = (r..nr)
                    .take_while(|&r2| owner[r2][c] == Some((r, c)))
                    .filter(|&r2| kept[r2])
                    .count();
                let first = inside[r][c].first();
                GridCell {
                    text: if own {
                        texts[r][c].clone()
                    } else {
                        String::new()
                    },
                    x: first.map(|g| g.x).unwrap_or(xs[c]),
                    y: first.map(|g| g.y - g.size).unwrap_or(ys[r]),
                    row_span: row_span.max(1),
                    col_span: col_span.max(1),
                    covered: !own,
                }
            })
            .collect();
        rows.push(row);
    }
    Some((top, rows))
}

/// A cell's lines joined: wrapped labels and one-character-per-line headers become one text.
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut text = String::new();
    for line in lines(glyphs) {
        let t: Vec<&str> = line.chunks.iter().map(|c| c.1.as_str()).collect();
        join_wrapped(&mut text, &t.join(" "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from (x, baseline y), one character per `size` (ASCII half).
    fn run(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let w = if c.is_ascii() { size / 2.0 } else { size };
            out.push(Glyph {
                x,
                y,
                width: w,
                size,
                text: c.to_string(),
                turn: 0,
            });
            x += w;
        }
        out
    }

    fn hline(y: f64, x0: f64, x1: f64) -> Segment {
        Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn vline(x: f64, y0: f64, y1: f64) -> Segment {
        Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// A grid with column edges `xs` and row edges `ys`, every border drawn.
    fn grid_lines(xs: &[f64], ys: &[f64]) -> Vec<Segment> {
        let mut v = Vec::new();
        for y in ys {
            v.push(hline(*y, xs[0], xs[xs.len() - 1]));
        }
        for x in xs {
            v.push(vline(*x, ys[0], ys[ys.len() - 1]));
        }
        v
    }

    fn page(number: u32, glyphs: Vec<Glyph>, segments: Vec<Segment>) -> Page {
        Page {
            number,
            width: 595.0,
            height: 842.0,
            glyphs,
            segments,
        }
    }

    #[test]
    fn a_header_written_one_character_per_line_is_one_cell() {
        let xs = [50.0, 150.0, 170.0, 250.0];
        let ys = [100.0, 160.0, 180.0];
        let mut g = Vec::new();
        g.extend(run(52.0, 112.0, 10.0, "信息内容"));
        for (i, c) in ["总", "计"].iter().enumerate() {
            g.extend(run(155.0, 112.0 + 12.0 * i as f64, 10.0, c));
        }
        g.extend(run(172.0, 112.0, 10.0, "备注"));
        g.extend(run(52.0, 172.0, 10.0, "规章"));
        g.extend(run(155.0, 172.0, 10.0, "3"));
        let laid = lay_out(&[page(1, g, grid_lines(&xs, &ys))]);
        assert_eq!(
            laid.tables(),
            [[["信息内容", "总计", "备注"], ["规章", "3", ""]]]
        );
    }

    #[test]
    fn a_missing_border_merges_cells_and_marks_the_covered_ones() {
        // Row 1's first cell spans two rows (no border between them in column 0).
        let xs = [50.0, 150.0, 200.0];
        let mut segs = vec![
            hline(100.0, 50.0, 200.0),
            hline(140.0, 50.0, 200.0),
            hline(120.0, 150.0, 200.0),
        ];
        for x in xs {
            segs.push(vline(x, 100.0, 140.0));
        }
        let mut g = run(52.0, 115.0, 10.0, "（一）予以公开");
        g.extend(run(152.0, 112.0, 10.0, "6"));
        g.extend(run(152.0, 132.0, 10.0, "2"));
        let laid = lay_out(&[page(1, g, segs)]);
        let Block::Table { rows } = &laid.blocks[0] else {
            panic!("a table: {:?}", laid.blocks)
        };
        assert_eq!(rows[0][0].text, "（一）予以公开");
        assert_eq!(rows[0][0].row_span, 2);
        assert!(rows[1][0].covered && rows[1][0].text.is_empty());
        assert_eq!(rows[1][1].text, "2");
    }

    #[test]
    fn a_table_continues_on_the_next_page_and_a_row_broken_by_the_page_is_joined() {
        let xs = [50.0, 150.0, 200.0];
        let mut g1 = run(52.0, 712.0, 10.0, "一、本年新收政府");
        g1.extend(run(152.0, 712.0, 10.0, "12"));
        let p1 = page(1, g1, grid_lines(&xs, &[700.0, 720.0]));
        // The row's label goes on at the top of page 2, then the next row.
        let mut g2 = run(52.0, 62.0, 10.0, "信息公开申请数量");
        g2.extend(run(52.0, 82.0, 10.0, "二、上年结转"));
        g2.extend(run(152.0, 82.0, 10.0, "1"));
        let p2 = page(2, g2, grid_lines(&xs, &[50.0, 70.0, 90.0]));
        let laid = lay_out(&[p1, p2]);
        assert_eq!(
            laid.tables(),
            [[
                ["一、本年新收政府信息公开申请数量", "12"],
                ["二、上年结转", "1"]
            ]]
        );
        let Block::Table { rows } = &laid.blocks[0] else {
            panic!("a table")
        };
        assert_eq!((rows[0][0].page, rows[1][0].page), (1, 2));
    }

    #[test]
    fn wrapped_paragraph_lines_are_one_paragraph_and_headings_stay_apart() {
        let mut g = run(50.0, 100.0, 10.0, "一、总体情况");
        // Two full lines (to the right margin at 250) and a short last one.
        g.extend(run(
            50.0,
            120.0,
            10.0,
            "本局通过门户网站公开文旅项目审批演出备案",
        ));
        g.extend(run(
            50.0,
            133.0,
            10.0,
            "和节庆活动安排等信息全年主动公开信息条目",
        ));
        g.extend(run(50.0, 146.0, 10.0, "共计128条。"));
        g.extend(run(50.0, 800.0, 10.0, "- 1 -"));
        let laid = lay_out(&[page(1, g, Vec::new())]);
        let paras: Vec<&str> = laid
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            paras,
            [
                "一、总体情况",
                "本局通过门户网站公开文旅项目审批演出备案和节庆活动安排等信息全年主动公开信息条目共计128条。"
            ]
        );
    }

    fn paragraphs(laid: &Laid) -> Vec<&str> {
        laid.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_row_drawn_with_bars_has_its_cells_between_the_bars() {
        // Crawled text laid out as it is: the bars are the cells' borders, a wide blank between
        // two bars is an empty cell, and a label with its numbers is never one cell.
        let mut g = run(
            50.0,
            100.0,
            10.0,
            "| 一、本年新收政府信息公开申请数量 | 32 | 2 |  | 34 |  |",
        );
        g.extend(run(50.0, 113.0, 10.0, "| 二、上年结转 | 2 | 0 | 0 | 2 |"));
        // Rows too long for the line, wrapped: inside a label, before a bar, and between two
        // digits (`1` / `3`: one number or two cannot be told, so never `13`).
        g.extend(run(50.0, 126.0, 10.0, "| （二）部分公开（区分处理的，"));
        g.extend(run(50.0, 139.0, 10.0, "只计这一情形） | 2 | 0 | 0 | 2 |"));
        g.extend(run(50.0, 152.0, 10.0, "| （三）不予公开 | 0 | 0 | 0"));
        g.extend(run(50.0, 165.0, 10.0, "| 0 |"));
        g.extend(run(50.0, 178.0, 10.0, "| 四、结转下年度继续办理 | 1"));
        g.extend(run(50.0, 191.0, 10.0, "3 | 0 | 0 | 13 |"));
        // A bar inside a sentence is text.
        g.extend(run(50.0, 204.0, 10.0, "本报告（全文|摘要）见附件。"));
        let laid = lay_out(&[page(1, g, Vec::new())]);
        assert_eq!(
            laid.tables(),
            [vec![
                vec!["一、本年新收政府信息公开申请数量", "32", "2", "", "34", ""],
                vec!["二、上年结转", "2", "0", "0", "2"],
                vec![
                    "（二）部分公开（区分处理的，只计这一情形）",
                    "2",
                    "0",
                    "0",
                    "2"
                ],
                vec!["（三）不予公开", "0", "0", "0", "0"],
                vec!["四、结转下年度继续办理", "1 3", "0", "0", "13"],
            ]]
        );
        assert_eq!(paragraphs(&laid), ["本报告（全文|摘要）见附件。"]);
    }

    #[test]
    fn the_last_line_of_a_paragraph_with_a_wide_blank_before_the_date_is_text() {
        // Two full lines (to the right margin at 250), then the last one: the agency and,
        // after a full-width space, the date. No value stands in it: no table row.
        let mut g = run(50.0, 120.0, 10.0, "六、其他需要报告的事项本年度未产生信息");
        g.extend(run(
            50.0,
            133.0,
            10.0,
            "公开处理费。本局认真落实有关规定，做好",
        ));
        g.extend(run(50.0, 146.0, 10.0, "各项工作。某某局"));
        g.extend(run(140.0, 146.0, 10.0, "2024年1月26日"));
        let laid = lay_out(&[page(1, g, Vec::new())]);
        assert!(laid.tables().is_empty(), "{:?}", laid.tables());
        assert_eq!(
            paragraphs(&laid),
            ["六、其他需要报告的事项本年度未产生信息公开处理费。本局认真落实有关规定，做好各项工作。某某局 2024年1月26日"]
        );
    }

    #[test]
    fn a_heading_as_long_as_the_longest_lines_of_its_page_is_not_a_wrapped_paragraph() {
        // Page 1 has full lines to 250; page 2 holds a heading and header words written as
        // lines, its two longest lines ending alike at 180: they are not full lines.
        let mut g1 = run(
            50.0,
            120.0,
            10.0,
            "本局通过门户网站公开文旅项目审批演出备案",
        );
        g1.extend(run(
            50.0,
            133.0,
            10.0,
            "和节庆活动安排等信息全年主动公开信息条目",
        ));
        g1.extend(run(50.0, 146.0, 10.0, "共计128条。"));
        let mut g2 = run(50.0, 100.0, 10.0, "四、行政复议、行政诉讼情况");
        g2.extend(run(50.0, 113.0, 10.0, "行政复议"));
        g2.extend(run(50.0, 126.0, 10.0, "未经复议直接起诉复议后起诉"));
        let laid = lay_out(&[page(1, g1, Vec::new()), page(2, g2, Vec::new())]);
        let paras = paragraphs(&laid);
        assert!(paras.contains(&"四、行政复议、行政诉讼情况"), "{paras:?}");
    }

    #[test]
    fn rows_written_as_lines_never_take_the_next_line_as_a_wrapped_paragraph() {
        // A page holding only table rows written as lines: they are its longest lines, so they
        // reach the "right margin"; the group label below one of them is still its own line.
        let mut g = run(
            50.0,
            100.0,
            10.0,
            "1.本机关不掌握相关政府信息 10 0 0 0 0 0 10",
        );
        g.extend(run(50.0, 113.0, 10.0, "（四）无法提供"));
        g.extend(run(
            50.0,
            126.0,
            10.0,
            "2.没有现成信息需要另行制作 3 0 0 0 0 0 3",
        ));
        g.extend(run(50.0, 139.0, 10.0, "-3-"));
        g.extend(run(
            50.0,
            152.0,
            10.0,
            "3.补正后申请内容仍不明确 0 0 0 0 0 0 0",
        ));
        let laid = lay_out(&[page(1, g, Vec::new())]);
        assert_eq!(
            paragraphs(&laid),
            [
                "1.本机关不掌握相关政府信息 10 0 0 0 0 0 10",
                "（四）无法提供",
                "2.没有现成信息需要另行制作 3 0 0 0 0 0 3",
                "-3-",
                "3.补正后申请内容仍不明确 0 0 0 0 0 0 0",
            ]
        );
    }

    #[test]
    fn a_word_space_between_cjk_words_is_kept_and_set_glyphs_are_one_word() {
        // `结果 维持 其他` with a quarter-character space between words; then a line whose
        // glyphs are spread by a tenth of a character (letter-spacing), which stays one word.
        let mut g = Vec::new();
        let mut x = 50.0;
        for w in ["结果", "维持", "其他"] {
            let r = run(x, 100.0, 10.0, w);
            x = r.last().map(|g| g.x + g.width).unwrap_or(x) + 2.6;
            g.extend(r);
        }
        for (i, c) in "尚未审结".chars().enumerate() {
            g.extend(run(50.0 + 11.0 * i as f64, 120.0, 10.0, &c.to_string()));
        }
        let laid = lay_out(&[page(1, g, Vec::new())]);
        assert_eq!(paragraphs(&laid), ["结果 维持 其他", "尚未审结"]);
    }

    #[test]
    fn a_value_alone_at_the_page_edge_is_kept_and_only_page_numbers_are_dropped() {
        // A table written one cell per line runs to the bottom of page 1: its last `0` stands
        // at the margin in the bottom band, where page numbers are. Page 2 ends in its own
        // page number `2` at the margin, and page 3 in a centred `7` (numbered from a cover).
        let mut g = run(50.0, 700.0, 10.0, "行政强制");
        g.extend(run(50.0, 800.0, 10.0, "0"));
        let p1 = page(1, g, Vec::new());
        let mut g = run(50.0, 100.0, 10.0, "第二十条第（八）项");
        g.extend(run(50.0, 800.0, 10.0, "2"));
        let p2 = page(2, g, Vec::new());
        let mut g = run(50.0, 100.0, 10.0, "信息内容");
        g.extend(run(295.0, 800.0, 10.0, "7"));
        g.extend(run(50.0, 830.0, 10.0, "- 7 -"));
        let p3 = page(3, g, Vec::new());
        let laid = lay_out(&[p1, p2, p3]);
        assert_eq!(
            paragraphs(&laid),
            ["行政强制", "0", "第二十条第（八）项", "信息内容"]
        );
    }

    #[test]
    fn values_on_lines_of_their_own_are_never_joined_into_one_number() {
        // Every line reaches the page's right margin (they are all one character wide), as in
        // a table written one cell per line: still each value stays itself, never `000`.
        let mut g = Vec::new();
        for (i, v) in ["0", "12", "0", "3"].iter().enumerate() {
            g.extend(run(50.0, 100.0 + 13.0 * i as f64, 10.0, v));
        }
        let laid = lay_out(&[page(1, g, Vec::new())]);
        assert_eq!(paragraphs(&laid), ["0", "12", "0", "3"]);
    }
}
