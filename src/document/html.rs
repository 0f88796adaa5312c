//! HTML (a saved web page) → [`Layout`], with html5gum's tokenizer, whose tokens carry byte
//! spans into the decoded page: every character of a paragraph or cell keeps its offset in the
//! file, so findings point at the page's own line and column. The page is decoded by its BOM,
//! then its `<meta charset>` / `http-equiv` declaration, else its encoding is detected. Scripts,
//! styles, the `<head>` and navigation are dropped; `<table>`s become rows of cells with their
//! `rowspan`/`colspan`; a table holding other tables (page layout) or one cell per row is read
//! as the paragraphs and tables inside it. Nothing is ever fetched: links, images and frames are
//! only tags. A frame whose page is written into the tag itself (`<iframe srcdoc="…">`, as some
//! sites' editors embed an article) is read in its place, each character at its offset inside
//! the attribute; so is a frame whose page was saved with it (an MHTML file's part, laid after
//! the page in the source: [`read_with_frames`]).

use super::{Block, Image, Layout, Piece, Place, Table, TableCell};
use crate::report::decode::{self, DecodeError};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Decode the bytes of a page: BOM, then a declared charset, then UTF-8, then detection.
pub fn decode_page(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_page_declared(bytes, None).map(|(text, _, _)| text)
}

/// Decode the bytes of a page whose container declares its charset (`declared`, as an MHTML
/// part's `Content-Type` does): BOM, then `declared`, then the page's own declaration, then
/// UTF-8, then detection. Also gives the encoding used and the length of the BOM left out, so
/// a container can tell where each character stands in its bytes.
pub fn decode_page_declared(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<(String, &'static encoding_rs::Encoding, usize), DecodeError> {
    if bytes.len() > decode::MAX_REPORT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), enc, bom));
    }
    for enc in [declared, declared_charset(bytes)].into_iter().flatten() {
        // A page may declare gb2312 and use characters only GB18030 has: decode with the
        // superset, which reads gb2312 and GBK text the same.
        let enc = if enc == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            enc
        };
        let (text, _, errors) = enc.decode(bytes);
        if !errors {
            return Ok((text.into_owned(), enc, 0));
        }
    }
    let d = decode::decode(bytes)?;
    let enc = d
        .encoding
        .and_then(|e| encoding_rs::Encoding::for_label(e.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    Ok((d.text, enc, if d.had_bom { 3 } else { 0 }))
}

/// The charset a page declares in its first 4096 bytes (`<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
            .map_or(lower.len(), |p| j + p);
        if end > j {
            if let Some(enc) = encoding_rs::Encoding::for_label(&lower[j..end]) {
                // A page that says UTF-16 in ASCII bytes is not UTF-16.
                if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                    return Some(enc);
                }
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The most rows or columns one cell may span, and the widest grid laid out.
const MAX_SPAN: usize = 100;
const MAX_GRID_COLS: usize = 1000;
const MAX_TABLE_DEPTH: usize = 16;

/// Elements whose content is never part of the report.
const SKIP: &[&str] = &[
    "script", "style", "head", "nav", "noscript", "template", "select", "iframe", "svg", "object",
    "button", "textarea", "aside",
];
/// Elements that start or end a line of text.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "center",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "dl",
    "caption",
    "form",
    "address",
    "figure",
    "figcaption",
];

/// Text being gathered, with the source offset of every run of it.
#[derive(Debug, Default, Clone)]
struct Builder {
    text: String,
    runs: Vec<(usize, usize)>,
    next_src: Option<usize>,
    space: bool,
}

impl Builder {
    fn push(&mut self, c: char, src: usize, len: usize) {
        if c.is_whitespace() {
            // Blanks run together are one blank; leading ones are dropped.
            if !self.text.is_empty() {
                self.space = true;
            }
            self.next_src = None;
            return;
        }
        if self.space {
            self.space = false;
            self.runs.push((self.text.len(), src.saturating_sub(1)));
            self.text.push(' ');
            self.next_src = None;
        }
        if self.next_src != Some(src) {
            self.runs.push((self.text.len(), src));
        }
        self.text.push(c);
        // A character written as an entity (`&gt;`) is longer in the page than in the text:
        // the next character starts a run of its own.
        self.next_src = (len == c.len_utf8()).then_some(src + len);
    }
    fn take(&mut self) -> Option<Piece> {
        let b = std::mem::take(self);
        if b.text.is_empty() {
            return None;
        }
        Some(Piece {
            text: b.text,
            at: Place::Source { runs: b.runs },
        })
    }
}

#[derive(Debug)]
enum Node {
    Para(Piece),
    Table(Vec<Vec<RawCell>>),
    /// A table already laid out (a frame's page read on its own).
    Grid(Table),
}

#[derive(Debug)]
struct RawCell {
    content: Vec<Node>,
    row_span: usize,
    col_span: usize,
}

#[derive(Debug)]
enum Frame {
    Flow {
        nodes: Vec<Node>,
        para: Builder,
        /// `Some((rowspan, colspan))` for a table cell.
        cell: Option<(usize, usize)>,
    },
    Table(Vec<Vec<RawCell>>),
}

struct Walk {
    stack: Vec<Frame>,
}

impl Walk {
    fn flush(&mut self) {
        if let Some(Frame::Flow { nodes, para, .. }) = self.stack.last_mut() {
            if let Some(p) = para.take() {
                nodes.push(Node::Para(p));
            }
        }
    }
    fn in_cell(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Flow { cell: Some(_), .. }))
    }
    fn close_cell(&mut self) {
        if !self.in_cell() {
            return;
        }
        self.flush();
        if let Some(Frame::Flow {
            nodes,
            cell: Some((row_span, col_span)),
            ..
        }) = self.stack.pop()
        {
            if let Some(Frame::Table(rows)) = self.stack.last_mut() {
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                if let Some(row) = rows.last_mut() {
                    row.push(RawCell {
                        content: nodes,
                        row_span,
                        col_span,
                    });
                }
            }
        }
    }
    fn close_table(&mut self) {
        self.close_cell();
        if let Some(Frame::Table(rows)) = self.stack.last() {
            let _ = rows;
            if let Some(Frame::Table(rows)) = self.stack.pop() {
                if let Some(Frame::Flow { nodes, .. }) = self.stack.last_mut() {
                    nodes.push(Node::Table(rows));
                }
            }
        }
    }
    fn text(&mut self, s: &str, src: usize) {
        if let Some(Frame::Flow { para, .. }) = self.stack.last_mut() {
            for (i, c) in s.char_indices() {
                para.push(c, src + i, c.len_utf8());
            }
        }
    }
    /// Characters of the page text `raw` (from `src`) decoded as `value`: each character with
    /// its own offset, an entity's character at the entity.
    fn decoded_text(&mut self, raw: &str, value: &str, src: usize) {
        if raw == value {
            self.text(value, src);
            return;
        }
        if let Some(Frame::Flow { para, .. }) = self.stack.last_mut() {
            walk_decoded(raw, value, |c, i, len| para.push(c, src + i, len));
        }
    }
}

/// Walk `value`, the decoded form of the page text `raw`: each character with its offset in
/// `raw` and its length there (an entity's length for a character written as one).
fn walk_decoded(raw: &str, value: &str, mut each: impl FnMut(char, usize, usize)) {
    let mut i = 0;
    for c in value.chars() {
        // Carriage returns the tokenizer folded away.
        while raw[i..].starts_with('\r') && c != '\r' {
            i += 1;
        }
        let len = if raw[i..].starts_with('&') && (c != '&' || entity_for_ampersand(&raw[i..])) {
            entity_len(&raw[i..])
        } else if raw[i..].starts_with(c) {
            c.len_utf8()
        } else {
            raw[i..].chars().next().map_or(0, char::len_utf8)
        };
        each(c, i, len);
        i = (i + len).min(raw.len());
    }
}

/// Whether `raw` (starting with `&`) is an entity for `&` itself (`&amp;`, `&#38;`, `&#x26;`),
/// not a bare ampersand.
fn entity_for_ampersand(raw: &str) -> bool {
    let head = raw.as_bytes()[..raw.len().min(8)].to_ascii_lowercase();
    head.starts_with(b"&amp") || head.starts_with(b"&#38") || head.starts_with(b"&#x26")
}

/// The length of the entity at the start of `raw` (`&gt;`, `&#51;`, or a name without its `;`).
fn entity_len(raw: &str) -> usize {
    raw.char_indices()
        .take(40)
        .find(|&(_, d)| d == ';')
        .map_or_else(
            || {
                raw[1..]
                    .find(|d: char| !d.is_ascii_alphanumeric() && d != '#')
                    .map_or(raw.len(), |p| p + 1)
            },
            |(p, _)| p + 1,
        )
}

/// Read a decoded page.
pub fn read(page: &str) -> Layout {
    let (blocks, images) = read_blocks(page, 0, 0, &|_| None);
    Layout {
        blocks,
        source: Some(page.to_string()),
        images,
    }
}

/// Where a frame's page is: given an `<iframe src>` value, the byte range of the frame's decoded
/// page in the source (an MHTML file's frames, saved as parts of their own, are laid after the
/// main page), or `None` for a frame not saved with the page (never fetched).
pub type Frames<'a> = dyn Fn(&str) -> Option<std::ops::Range<usize>> + 'a;

/// A frame's page itself: where it starts in the source, and its text.
type Resolve<'a> = dyn Fn(&str) -> Option<(usize, &'a str)> + 'a;

/// Read a page that is the first `page_len` bytes of `source`, whose frames' pages are in
/// `source` too, where `frames` says: each frame read in its place, as a `srcdoc` frame is, and
/// as deep.
pub fn read_with_frames(source: &str, page_len: usize, frames: &Frames) -> Layout {
    let resolve = |src: &str| {
        let range = frames(src)?;
        Some((range.start, source.get(range)?))
    };
    let (blocks, images) = read_blocks(source.get(..page_len).unwrap_or(source), 0, 0, &resolve);
    Layout {
        blocks,
        source: Some(source.to_string()),
        images,
    }
}

/// At most this many pictures of a page are kept (a hostile page may hold millions of tags).
const MAX_IMAGES: usize = 1000;

/// A picture's name for a message: its `alt` text, else the last part of its `src` (`(嵌入)`
/// for one written into the page as `data:`), at most 40 characters.
fn image_name(tag: &html5gum::StartTag<usize>) -> String {
    let attr = |a: &[u8]| {
        tag.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(a))
            .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let name = match (attr(b"alt"), attr(b"src")) {
        (Some(alt), _) => alt,
        (None, Some(src)) if src.starts_with("data:") => crate::tr!("document-image-embedded"),
        (None, Some(src)) => src
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string(),
        (None, None) => String::new(),
    };
    name.chars().take(40).collect()
}

/// How many frames written into their tags (`srcdoc`) may stand one inside another; deeper ones
/// are not read (each level writes the one inside it with its entities once more).
const MAX_SRCDOC_DEPTH: usize = 3;

/// The blocks of a page (or of a frame's `srcdoc`, `depth` frames down), each piece's place an
/// offset into `page` plus `base` (where `page` starts in the source), and the pictures of its
/// body (`<img>` outside the skipped elements).
fn read_blocks(
    page: &str,
    depth: usize,
    base: usize,
    frames: &Resolve,
) -> (Vec<Block>, Vec<Image>) {
    let mut images = Vec::new();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokens = Tokenizer::new_with_emitter(page, emitter);
    let mut w = Walk {
        stack: vec![Frame::Flow {
            nodes: Vec::new(),
            para: Builder::default(),
            cell: None,
        }],
    };
    let mut skip: Vec<String> = Vec::new();
    for tok in tokens.flatten() {
        match tok {
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if !skip.is_empty() {
                    if SKIP.contains(&name.as_str()) && !t.self_closing {
                        skip.push(name);
                    }
                    continue;
                }
                if SKIP.contains(&name.as_str()) {
                    if name == "iframe" && depth < MAX_SRCDOC_DEPTH {
                        if let Some(nodes) =
                            srcdoc(page, &t, depth, base).or_else(|| saved_frame(&t, depth, frames))
                        {
                            w.flush();
                            if let Some(Frame::Flow { nodes: into, .. }) = w.stack.last_mut() {
                                into.extend(nodes);
                            }
                        }
                    }
                    if !t.self_closing {
                        skip.push(name);
                    }
                    continue;
                }
                let span_attr = |a: &str| {
                    t.attributes
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(a.as_bytes()))
                        .and_then(|(_, v)| String::from_utf8_lossy(v).trim().parse::<usize>().ok())
                        // No report table spans more than a few dozen rows or columns; the cap
                        // keeps a hostile page from making the grid huge.
                        .map_or(1, |n| n.clamp(1, MAX_SPAN))
                };
                match name.as_str() {
                    "img" if images.len() < MAX_IMAGES => images.push(Image {
                        name: image_name(&t),
                        at: Place::Source {
                            runs: vec![(0, base + t.span.start)],
                        },
                        len: t.span.end.saturating_sub(t.span.start),
                    }),
                    "table" => {
                        w.flush();
                        // Tables nested deeper than any page needs are read as part of the
                        // cell they stand in (and the reading stays shallow).
                        let depth = w
                            .stack
                            .iter()
                            .filter(|f| matches!(f, Frame::Table(_)))
                            .count();
                        if depth < MAX_TABLE_DEPTH {
                            w.stack.push(Frame::Table(Vec::new()));
                        }
                    }
                    "tr" => {
                        w.close_cell();
                        if let Some(Frame::Table(rows)) = w.stack.last_mut() {
                            rows.push(Vec::new());
                        }
                    }
                    "td" | "th" => {
                        w.close_cell();
                        if matches!(w.stack.last(), Some(Frame::Table(_))) {
                            w.stack.push(Frame::Flow {
                                nodes: Vec::new(),
                                para: Builder::default(),
                                cell: Some((span_attr("rowspan"), span_attr("colspan"))),
                            });
                        }
                    }
                    n if BREAKS.contains(&n) => w.flush(),
                    _ => {}
                }
            }
            Token::EndTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if !skip.is_empty() {
                    if skip.last() == Some(&name) {
                        skip.pop();
                    }
                    continue;
                }
                match name.as_str() {
                    "table" => {
                        // Close what is open inside the table.
                        while !matches!(w.stack.last(), Some(Frame::Table(_))) && w.stack.len() > 1
                        {
                            if w.in_cell() {
                                w.close_cell();
                            } else {
                                break;
                            }
                        }
                        w.close_table();
                    }
                    "td" | "th" | "tr" => w.close_cell(),
                    n if BREAKS.contains(&n) => w.flush(),
                    _ => {}
                }
            }
            Token::String(s) if skip.is_empty() => {
                let raw = page.get(s.span.start..s.span.end).unwrap_or("");
                let value = String::from_utf8_lossy(&s.value);
                w.decoded_text(raw, &value, base + s.span.start);
            }
            _ => {}
        }
    }
    // Close what the page left open.
    while w.stack.len() > 1 {
        if w.in_cell() {
            w.close_cell();
        } else if matches!(w.stack.last(), Some(Frame::Table(_))) {
            w.close_table();
        } else {
            w.flush();
            w.stack.pop();
        }
    }
    w.flush();
    let mut blocks = Vec::new();
    if let Some(Frame::Flow { nodes, .. }) = w.stack.pop() {
        for n in nodes {
            emit(n, &mut blocks);
        }
    }
    (blocks, images)
}

/// The page an `<iframe srcdoc="…">` holds, read as a page of its own: its blocks as nodes of
/// the frame's place, every piece's offsets moved from the attribute's decoded value to the
/// page (`None` without a `srcdoc`).
fn srcdoc(
    page: &str,
    tag: &html5gum::StartTag<usize>,
    depth: usize,
    base: usize,
) -> Option<Vec<Node>> {
    let attr = tag
        .attributes
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(b"srcdoc"))
        .map(|(_, v)| v)?;
    let value = String::from_utf8_lossy(&attr.value);
    // The attribute's span runs from its name to the end of its value (and closing quote).
    let whole = page.get(attr.span.start..attr.span.end.min(page.len()))?;
    let eq = whole.find('=')?;
    let after = &whole[eq + 1..];
    let lead = after.len() - after.trim_start().len();
    let mut raw_start = attr.span.start + eq + 1 + lead;
    let mut raw_end = attr.span.start + whole.len();
    if let Some(q) = page[raw_start..]
        .chars()
        .next()
        .filter(|&q| q == '"' || q == '\'')
    {
        raw_start += 1;
        if page[..raw_end].ends_with(q) && raw_end > raw_start {
            raw_end -= 1;
        }
    }
    let raw = page.get(raw_start..raw_end)?;
    // Where each run of the decoded value stands in the page.
    let mut map: Vec<(usize, usize)> = Vec::new();
    let mut next: Option<usize> = None;
    let mut at = 0;
    walk_decoded(raw, &value, |c, i, len| {
        if next != Some(i) {
            map.push((at, raw_start + i));
        }
        at += c.len_utf8();
        next = (len == c.len_utf8()).then_some(i + len);
    });
    let moved = |piece: Piece| -> Piece {
        let Place::Source { runs } = piece.at else {
            return piece;
        };
        let mut out = Vec::new();
        for (k, &(t, s)) in runs.iter().enumerate() {
            let t_end = runs.get(k + 1).map_or(piece.text.len(), |r| r.0);
            let s_end = s + (t_end - t);
            // The page runs that cover the value's bytes s..s_end.
            let first = map.partition_point(|&(v, _)| v <= s).saturating_sub(1);
            for (j, &(v, p)) in map.iter().enumerate().skip(first) {
                if v >= s_end {
                    break;
                }
                let v_end = map.get(j + 1).map_or(usize::MAX, |m| m.0);
                if v_end <= s {
                    continue;
                }
                let from = v.max(s);
                out.push((t + (from - s), base + p + (from - v)));
            }
        }
        Piece {
            text: piece.text,
            at: Place::Source { runs: out },
        }
    };
    // A frame's pictures are not kept: their places would be in the attribute's value.
    let nodes = read_blocks(&value, depth + 1, 0, &|_| None)
        .0
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => Node::Para(moved(p)),
            Block::Table(mut t) => {
                for cell in t.rows.iter_mut().flatten() {
                    let piece = std::mem::replace(
                        &mut cell.piece,
                        Piece {
                            text: String::new(),
                            at: Place::None,
                        },
                    );
                    cell.piece = moved(piece);
                }
                Node::Grid(t)
            }
        })
        .collect();
    Some(nodes)
}

/// The page of an `<iframe src>` saved with the page (`frames`), read in the frame's place.
fn saved_frame(
    tag: &html5gum::StartTag<usize>,
    depth: usize,
    frames: &Resolve,
) -> Option<Vec<Node>> {
    let src = tag
        .attributes
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(b"src"))
        .map(|(_, v)| String::from_utf8_lossy(&v.value))?;
    let (start, page) = frames(src.trim())?;
    // A frame's pictures are not kept, as a `srcdoc` frame's are not.
    let nodes = read_blocks(page, depth + 1, start, frames)
        .0
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => Node::Para(p),
            Block::Table(t) => Node::Grid(t),
        })
        .collect();
    Some(nodes)
}

fn emit(node: Node, out: &mut Vec<Block>) {
    match node {
        Node::Para(p) => out.push(Block::Paragraph(p)),
        Node::Grid(t) => out.push(Block::Table(t)),
        Node::Table(rows) => {
            let layout = rows.iter().flatten().any(|c| {
                c.content
                    .iter()
                    .any(|n| matches!(n, Node::Table(_) | Node::Grid(_)))
            }) || rows.iter().all(|r| r.len() <= 1);
            if layout {
                for c in rows.into_iter().flatten() {
                    for n in c.content {
                        emit(n, out);
                    }
                }
            } else {
                out.push(Block::Table(grid(rows)));
            }
        }
    }
}

/// Rows of raw cells → a table with each cell's grid column (cells spanning rows from above
/// take their columns).
fn grid(rows: Vec<Vec<RawCell>>) -> Table {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        if taken.len() <= r {
            taken.resize(r + 1, Vec::new());
        }
        let mut col = 0;
        let mut cells = Vec::new();
        for c in row {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            // Past the widest grid, cells are only counted, not marked.
            let marked = if col + c.col_span <= MAX_GRID_COLS {
                c.row_span
            } else {
                0
            };
            for rr in r..r + marked {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                let line = &mut taken[rr];
                if line.len() < col + c.col_span {
                    line.resize(col + c.col_span, false);
                }
                for cell in &mut line[col..col + c.col_span] {
                    *cell = true;
                }
            }
            cells.push(TableCell {
                piece: join(c.content),
                col,
                row_span: c.row_span,
                col_span: c.col_span,
            });
            col += c.col_span;
        }
        out.push(cells);
    }
    Table { rows: out }
}

/// A cell's paragraphs as one piece, joined by line breaks.
fn join(content: Vec<Node>) -> Piece {
    let mut text = String::new();
    let mut runs = Vec::new();
    for n in content {
        if let Node::Para(p) = n {
            if !text.is_empty() {
                text.push('\n');
            }
            if let Place::Source { runs: r } = p.at {
                runs.extend(r.into_iter().map(|(t, s)| (t + text.len(), s)));
            }
            text.push_str(&p.text);
        }
    }
    Piece {
        text,
        at: Place::Source { runs },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(l: &Layout) -> Vec<Vec<String>> {
        l.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .flat_map(|t| {
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.piece.text.clone()).collect())
            })
            .collect()
    }

    #[test]
    fn pictures_are_kept_with_their_tag_and_name_never_as_text() {
        let page = "<p>二、情况</p><img alt=\"表二\" src=\"a.png\"><script><img src=x.png></script>\
                    <p><img src=\"/up/2024/b.jpg?x=1\"><img src=\"data:image/png;base64,AAAA\"></p>";
        let l = read(page);
        let names: Vec<&str> = l.images.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "表二",
                "b.jpg",
                crate::tr!("document-image-embedded").as_str()
            ]
        );
        let Place::Source { runs } = &l.images[0].at else {
            panic!()
        };
        let at = runs[0].1;
        assert_eq!(
            &page[at..at + l.images[0].len],
            "<img alt=\"表二\" src=\"a.png\">"
        );
        // Not text: the paragraphs are as without them.
        assert_eq!(l.blocks.len(), 1);
        let view = super::super::View::new(&l);
        // Each stands at the end of the heading's line, the text before it.
        let end = view.text.find('\n').unwrap();
        assert!(
            view.images.iter().all(|(off, _)| *off == end),
            "{:?}",
            view.images
        );
    }

    #[test]
    fn cells_keep_their_offsets_in_the_page() {
        let page = "<html><body><p>一、总体情况</p><table><tr><td rowspan=2>甲</td><td colspan=2>乙&nbsp;丙</td></tr><tr><td>1<br>2</td><td>&#51;</td></tr></table><script>x=1</script></body></html>";
        let l = read(page);
        assert_eq!(cells(&l), vec![vec!["甲", "乙 丙"], vec!["1\n2", "3"]]);
        let Block::Table(t) = &l.blocks[1] else {
            panic!("no table")
        };
        assert_eq!(t.rows[1][0].col, 1);
        assert_eq!(t.rows[1][1].col, 2);
        let three = &t.rows[1][1].piece.at;
        let at = three.source_offset(0).unwrap();
        assert!(page[at..].starts_with("&#51;"));
        let Block::Paragraph(p) = &l.blocks[0] else {
            panic!("no paragraph")
        };
        assert!(page[p.at.source_offset(6).unwrap()..].starts_with("总体"));
    }

    #[test]
    fn text_after_entities_keeps_its_offset_in_the_page() {
        let page = "<html><body><p>时间：11:38 --&gt; 微信&lt;QQ&gt;一、总体情况</p></body></html>";
        let l = read(page);
        let Block::Paragraph(p) = &l.blocks[0] else {
            panic!("no paragraph")
        };
        let off = p.text.find("一、总体").unwrap();
        let at = p.at.source_offset(off).unwrap();
        assert!(page[at..].starts_with("一、总体情况"), "{}", &page[at..]);
        let gt = p.text.find('>').unwrap();
        assert!(page[p.at.source_offset(gt).unwrap()..].starts_with("&gt;"));
    }

    #[test]
    fn text_after_an_escaped_ampersand_keeps_its_offset_in_the_page() {
        let page = "<p>A&amp;B 一、总体情况</p>";
        let l = read(page);
        let Block::Paragraph(p) = &l.blocks[0] else {
            panic!("no paragraph")
        };
        assert_eq!(p.text, "A&B 一、总体情况");
        let at = p.at.source_offset(p.text.find('一').unwrap()).unwrap();
        assert!(page[at..].starts_with("一、总体"), "{}", &page[at..]);
        let amp = p.at.source_offset(1).unwrap();
        assert!(page[amp..].starts_with("&amp;B"));
    }

    #[test]
    fn a_frame_written_into_its_tag_is_read_in_its_place() {
        let page = r#"<p>前</p><iframe srcdoc="&lt;p&gt;一、总体&amp;amp;情况&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;甲&lt;/td&gt;&lt;td&gt;7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;">后备</iframe><p>后</p>"#;
        let l = read(page);
        let texts: Vec<&str> = l
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["前", "一、总体&情况", "后"]);
        assert_eq!(cells(&l), vec![vec!["甲", "7"]]);
        let Block::Paragraph(p) = &l.blocks[1] else {
            panic!("no paragraph")
        };
        let qing = p.at.source_offset(p.text.find('情').unwrap()).unwrap();
        assert!(page[qing..].starts_with("情况&lt;/p"), "{}", &page[qing..]);
        let amp = p.at.source_offset(p.text.find('&').unwrap()).unwrap();
        assert!(page[amp..].starts_with("&amp;amp;"), "{}", &page[amp..]);
        let Block::Table(t) = &l.blocks[2] else {
            panic!("no table")
        };
        let seven = t.rows[0][1].piece.at.source_offset(0).unwrap();
        assert!(page[seven..].starts_with("7&lt;/td"));
    }

    #[test]
    fn frames_written_into_frames_are_read_only_so_deep() {
        let mut inner = "<p>一、总体情况</p>".to_string();
        for level in 0..5 {
            if level == 3 {
                assert_eq!(read(&inner).blocks.len(), 1, "three frames deep");
            }
            let attr = inner
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            inner = format!(r#"<iframe srcdoc="{attr}"></iframe>"#);
        }
        assert!(read(&inner).blocks.is_empty());
    }

    #[test]
    fn layout_tables_are_read_as_their_content() {
        let page = "<table><tr><td><p>标题</p><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>";
        let l = read(page);
        assert_eq!(cells(&l), vec![vec!["a", "1"]]);
        assert!(matches!(&l.blocks[0], Block::Paragraph(p) if p.text == "标题"));
    }

    #[test]
    fn declared_gbk_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta charset=\"gb2312\"><p>政府信息公开</p>");
        assert!(decode_page(&bytes).unwrap().contains("政府信息公开"));
    }
}
