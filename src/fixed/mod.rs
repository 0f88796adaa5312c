//! Fixed-layout reports (PDF with a text layer, OFD): glyphs placed by position on pages are
//! rebuilt into lines, paragraphs and table rows of cells, every piece keeping its page.
//!
//! The producers ([`pdf`], [`ofd`]) only collect [`Page`]s of positioned [`Glyph`]s and ruling
//! [`Segment`]s; [`layout`] turns them into [`Block`]s. [`Laid::to_text`] writes the blocks the
//! way the plain-text reader reads a report (one paragraph per line, one table row per line,
//! cells between tabs) and keeps which page each byte came from, so a finding names `第N页`.

pub mod layout;
pub mod ofd;
pub mod pdf;

/// Reports larger than this are refused before parsing (same order as the text limit).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// One glyph (or a run of text drawn at one place) in page space: x to the right, y downwards
/// from the top of the page, in points. `size` is the font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
    /// Quarter turns of the glyph's baseline from left-to-right, counterclockwise as the page is
    /// seen ([`turn_of`]): 0 upright, 1 reading upwards, 2 upside down, 3 reading downwards;
    /// [`SLANTED`] for a baseline off every axis.
    pub turn: u8,
}

/// [`Glyph::turn`] of a glyph whose baseline is slanted, more than about ten degrees off every
/// axis: a watermark or a stamp drawn across the page, never the report's own lines.
pub const SLANTED: u8 = 4;

/// The quarter turns of a baseline whose direction in page space (y downwards) is `(dx, dy)`,
/// or [`SLANTED`].
pub fn turn_of(dx: f64, dy: f64) -> u8 {
    let (long, short) = (dx.abs().max(dy.abs()), dx.abs().min(dy.abs()));
    // tan 10° ≈ 0.176
    if short > long * 0.176 {
        return SLANTED;
    }
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            0
        } else {
            2
        }
    } else if dy < 0.0 {
        1
    } else {
        3
    }
}

/// A drawn ruling line (a table border), horizontal or vertical, in the same space as glyphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Segment {
    pub fn horizontal(&self) -> bool {
        (self.y0 - self.y1).abs() < 0.8 && (self.x1 - self.x0).abs() > 2.0
    }
    pub fn vertical(&self) -> bool {
        (self.x0 - self.x1).abs() < 0.8 && (self.y1 - self.y0).abs() > 2.0
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based page number as a reader counts them.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
}

impl Page {
    /// The page turned so that most of its text reads left to right, and without the glyphs
    /// drawn slanted across it (a watermark, `政务公开` or the agency's name at 45°, whose
    /// characters and digits would land in the table's cells and lines): a landscape table printed
    /// on a portrait page and shown turned (a printer driver's PDF, `/Rotate` with the content
    /// drawn turned) has its text running up or down the page, and the layout reads rows of
    /// text. Glyphs and ruling lines turn together, the page's width and height swap; a page
    /// whose text mostly reads left to right stays as it is, its few turned glyphs with it.
    pub fn upright(&mut self) {
        let mut count = [0usize; 4];
        for g in self.glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
            if let Some(c) = count.get_mut(usize::from(g.turn)) {
                *c += 1;
            }
        }
        let total: usize = count.iter().sum();
        let (turn, most) = (1..4)
            .map(|t| (t, count[t]))
            .max_by_key(|c| c.1)
            .unwrap_or((0, 0));
        self.glyphs.retain(|g| g.turn != SLANTED);
        if most * 2 <= total {
            return;
        }
        let (w, h) = (self.width, self.height);
        // Each a rotation (never a mirror) taking the text's direction to left-to-right.
        let map = |x: f64, y: f64| match turn {
            1 => (h - y, x),
            3 => (y, w - x),
            _ => (w - x, h - y),
        };
        for g in &mut self.glyphs {
            (g.x, g.y) = map(g.x, g.y);
            if g.turn != SLANTED {
                g.turn = (g.turn + 4 - turn as u8) & 3;
            }
        }
        for s in &mut self.segments {
            (s.x0, s.y0) = map(s.x0, s.y0);
            (s.x1, s.y1) = map(s.x1, s.y1);
        }
        if turn != 2 {
            (self.width, self.height) = (h, w);
        }
    }
}

/// A cell as laid out: its text (wrapped lines joined), the page it starts on and where on it
/// (top left of its first glyph, or of the cell when blank), and its spans in grid cells.
/// A row holds one cell per grid column: the columns and rows a spanning cell covers hold
/// `covered` cells with no text.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidCell {
    pub text: String,
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub row_span: usize,
    pub col_span: usize,
    pub covered: bool,
    /// Where the cell's text ends on the line (for a cell of a borderless row; `x` elsewhere).
    pub right: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph {
        text: String,
        page: u32,
        x: f64,
        y: f64,
    },
    /// Rows of cells, in reading order; a cell spanning several grid columns is followed by
    /// empty cells, one spanning several rows is empty in the rows below its first.
    Table { rows: Vec<Vec<LaidCell>> },
}

/// A fixed-layout report read into blocks.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub pages: u32,
    pub blocks: Vec<Block>,
}

/// The text written for the plain-text reader, with the page of every line.
#[derive(Debug, Clone)]
pub struct PagedText {
    pub text: String,
    /// `(byte offset where a run of text starts, its page)`, offsets increasing.
    pub pages: Vec<(usize, u32)>,
}

impl Laid {
    pub fn to_text(&self) -> PagedText {
        let mut text = String::new();
        let mut pages: Vec<(usize, u32)> = Vec::new();
        let mark = |at: usize, page: u32, pages: &mut Vec<(usize, u32)>| {
            if pages.last().map(|p| p.1) != Some(page) {
                pages.push((at, page));
            }
        };
        for b in &self.blocks {
            match b {
                Block::Paragraph { text: t, page, .. } => {
                    mark(text.len(), *page, &mut pages);
                    text.push_str(t);
                    text.push('\n');
                }
                Block::Table { rows } => {
                    for row in rows {
                        for (i, c) in row.iter().enumerate() {
                            if i > 0 {
                                text.push('\t');
                            }
                            if !c.text.is_empty() {
                                mark(text.len(), c.page, &mut pages);
                            }
                            text.push_str(&c.text);
                        }
                        text.push('\n');
                    }
                }
            }
        }
        PagedText { text, pages }
    }

    /// The blocks in the document model every container produces: paragraphs and tables whose
    /// rows hold the cells that start in them (covered grid cells left out), each piece placed
    /// on its page.
    pub fn to_layout(&self) -> crate::document::Layout {
        use crate::document::{Block as B, Layout, Piece, Place, Table, TableCell};
        let place = |page: u32, x: f64, y: f64| Place::Page {
            page: page as usize,
            x: x as f32,
            y: y as f32,
        };
        let blocks = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { text, page, x, y } => B::Paragraph(Piece {
                    text: text.clone(),
                    at: place(*page, *x, *y),
                }),
                Block::Table { rows } => B::Table(Table {
                    rows: rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .enumerate()
                                .filter(|(_, c)| !c.covered)
                                .map(|(col, c)| TableCell {
                                    piece: Piece {
                                        text: c.text.clone(),
                                        at: place(c.page, c.x, c.y),
                                    },
                                    col,
                                    row_span: c.row_span,
                                    col_span: c.col_span,
                                })
                                .collect()
                        })
                        .collect(),
                }),
            })
            .collect();
        Layout {
            blocks,
            source: None,
            images: Vec::new(),
        }
    }

    /// Every table of the report as rows of cell texts (for tests and `extract`).
    pub fn tables(&self) -> Vec<Vec<Vec<String>>> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { rows } => Some(
                    rows.iter()
                        .map(|r| r.iter().map(|c| c.text.clone()).collect())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }
}

/// Why a fixed-layout file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum FixedError {
    /// Pages but no text on any of them: a scanned image.
    NoTextLayer {
        pages: u32,
    },
    Encrypted,
    /// The file is damaged or not what its first bytes claim.
    Corrupt(String),
    /// The built-in extractor failed on a file that looks sound.
    Extractor(String),
    /// A part inflates beyond the cap (zip bomb) or the file is over the size limit.
    TooLarge(String),
    /// XML with a DOCTYPE or entity definitions (never expanded).
    Doctype(String),
    /// `--pdf-tool pdftotext` was asked for and failed.
    Tool(String),
    /// Pages (1-based) whose text layer holds glyph codes, not characters: their fonts carry
    /// no Unicode map (no `ToUnicode`), so what they "say" is symbols, and their digits are
    /// not the digits drawn.
    Unmapped {
        pages: Vec<u32>,
    },
}

impl std::fmt::Display for FixedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            FixedError::NoTextLayer { pages } => {
                crate::tr!("fixed-no-text-layer", pages = pages.to_string())
            }
            FixedError::Encrypted => crate::tr!("fixed-encrypted"),
            FixedError::Corrupt(why) => crate::tr!("fixed-corrupt", why = why.as_str()),
            FixedError::Extractor(why) => {
                if pdftotext_available() {
                    crate::tr!("fixed-extractor-try-pdftotext", why = why.as_str())
                } else {
                    crate::tr!("fixed-extractor", why = why.as_str())
                }
            }
            FixedError::TooLarge(why) => crate::tr!("fixed-too-large", why = why.as_str()),
            FixedError::Doctype(part) => crate::tr!("fixed-doctype", part = part.as_str()),
            FixedError::Tool(why) => crate::tr!("fixed-tool", why = why.as_str()),
            FixedError::Unmapped { pages } => crate::tr!(
                "fixed-unmapped",
                pages = pages
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(&crate::tr!("list-separator")),
                count = pages.len().to_string()
            ),
        };
        f.write_str(&text)
    }
}

impl FixedError {
    /// The diagnostic code of this error.
    pub fn diagnostic_code(&self) -> crate::diagnostic::Code {
        use crate::diagnostic::Code;
        match self {
            FixedError::NoTextLayer { .. } => Code::ScannedImage,
            FixedError::Encrypted => Code::Encrypted,
            FixedError::Corrupt(_) => Code::CorruptFixed,
            FixedError::Extractor(_) => Code::PdfReaderFailed,
            FixedError::TooLarge(_) => Code::FixedTooLarge,
            FixedError::Doctype(_) => Code::XmlDoctype,
            FixedError::Tool(_) => Code::PdfToolFailed,
            FixedError::Unmapped { .. } => Code::UnmappedText,
        }
    }

    /// The stable diagnostic code of this error, as text.
    pub fn code(&self) -> &'static str {
        match self {
            FixedError::NoTextLayer { .. } => "R110",
            FixedError::Encrypted => "R111",
            FixedError::Corrupt(_) => "R112",
            FixedError::Extractor(_) => "R113",
            FixedError::TooLarge(_) => "R114",
            FixedError::Doctype(_) => "R115",
            FixedError::Tool(_) => "R116",
            FixedError::Unmapped { .. } => "R117",
        }
    }
}

/// Which fixed-layout kind the bytes are, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Ofd,
}

pub fn detect(bytes: &[u8]) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") && ofd::is_ofd(bytes) {
        return Some(Kind::Ofd);
    }
    None
}

/// Which tool reads PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfTool {
    #[default]
    Builtin,
    Pdftotext,
}

static USE_PDFTOTEXT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The tool `document::pdf::read` uses in this process: set once by the command line
/// (`--pdf-tool pdftotext`); gouji's own reader unless the user chose otherwise.
pub fn set_pdf_tool(tool: PdfTool) {
    USE_PDFTOTEXT.store(
        tool == PdfTool::Pdftotext,
        std::sync::atomic::Ordering::Relaxed,
    );
}

pub fn pdf_tool() -> PdfTool {
    if USE_PDFTOTEXT.load(std::sync::atomic::Ordering::Relaxed) {
        PdfTool::Pdftotext
    } else {
        PdfTool::Builtin
    }
}

/// Read a PDF or OFD file's bytes into blocks.
pub fn read(bytes: &[u8], tool: PdfTool) -> Result<Laid, FixedError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FixedError::TooLarge(crate::tr!(
            "fixed-file-bytes",
            size = bytes.len().to_string(),
            max = MAX_FILE_BYTES.to_string()
        )));
    }
    let pages = match detect(bytes) {
        Some(Kind::Ofd) => ofd::pages(bytes)?,
        Some(Kind::Pdf) if tool == PdfTool::Pdftotext => return pdf::with_pdftotext(bytes),
        Some(Kind::Pdf) => pdf::pages(bytes)?,
        None => return Err(FixedError::Corrupt(crate::tr!("fixed-neither"))),
    };
    let mut pages = pages;
    for p in &mut pages {
        p.upright();
    }
    let laid = layout::lay_out(&pages);
    // No text: no glyphs, or blanks only. Glyphs without characters are a text layer that
    // cannot be mapped (below), not a scan.
    if pages.iter().all(|p| {
        p.glyphs
            .iter()
            .all(|g| !g.text.is_empty() && g.text.trim().is_empty())
    }) {
        return Err(FixedError::NoTextLayer {
            pages: pages.len() as u32,
        });
    }
    let unmapped: Vec<u32> = pages
        .iter()
        .filter(|p| unmapped(p))
        .map(|p| p.number)
        .collect();
    if !unmapped.is_empty() {
        return Err(FixedError::Unmapped { pages: unmapped });
    }
    Ok(laid)
}

/// Whether a page's text layer is glyph codes rather than characters. A PDF font without a
/// Unicode map (`ToUnicode`) gives its codes through some standard encoding; a subset font
/// numbers its glyphs from 1, so its first 31 codes come out as control characters and as the
/// eight accents PDFDocEncoding puts at 24-31 (`˘ˇˆ˙˝˛˚˜`), a composite font's as glyphs
/// with no character at all (what pdf-extract gives for a code it cannot map), and a Chinese page as a whole as
/// Latin-1 letters, accents and ASCII symbols (`˘ˇˆ˙ !"#$ %&'()*+`), its digits other digits
/// than the ones drawn. Such a page is told either by three or more of those code marks (a
/// character map never gives them for text, even where only one of a page's fonts lacks one),
/// or by what it lacks and what it has in excess: almost no ideographs or Chinese punctuation
/// (under a tenth of what it says), and at least three tenths symbols that plain text, Chinese
/// or English, uses seldom; a page that says little (under 40 characters: a page number, a
/// stamp) is no evidence for the second. Never a guess about the characters: the file is not
/// read, and is reported (R117).
fn unmapped(page: &Page) -> bool {
    let (mut n, mut han, mut odd) = (0usize, 0usize, 0usize);
    // A glyph drawn with no character at all: a composite (CID) font without a map gives none.
    let mut marks = page.glyphs.iter().filter(|g| g.text.is_empty()).count();
    for c in page.glyphs.iter().flat_map(|g| g.text.chars()) {
        if matches!(
            c,
            '\u{0}'..='\u{8}'
                | '\u{b}'
                | '\u{c}'
                | '\u{e}'..='\u{1f}'
                | '˘'
                | 'ˇ'
                | 'ˆ'
                | '˙'
                | '˝'
                | '˛'
                | '˚'
                | '˜'
        ) {
            marks += 1;
        }
        if c.is_whitespace() {
            continue;
        }
        n += 1;
        match c as u32 {
            // Ideographs (and their extensions), Chinese punctuation, full-width forms.
            0x3000..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => han += 1,
            // ASCII symbols a number or a sentence seldom needs.
            _ if c.is_ascii_punctuation() && !".,%-()/:;".contains(c) => odd += 1,
            // Control characters, Latin-1 and Latin Extended letters and symbols, spacing
            // modifiers (what codes 128-255 become), the private use area, U+FFFD.
            0x00..=0x1F | 0x7F..=0x2FF | 0xE000..=0xF8FF | 0xFFFD => odd += 1,
            _ => {}
        }
    }
    marks >= 3 || (n >= 40 && han * 10 < n && odd * 10 >= n * 3)
}

pub fn pdftotext_available() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        Page {
            number: 1,
            glyphs: text
                .chars()
                .map(|c| Glyph {
                    x: 0.0,
                    y: 0.0,
                    width: 1.0,
                    size: 10.0,
                    text: c.to_string(),
                    turn: 0,
                })
                .collect(),
            ..Page::default()
        }
    }

    #[test]
    fn a_page_whose_text_runs_up_or_down_is_turned_upright_with_its_lines() {
        // Two glyphs reading upwards from (10, 500) on a 300 × 600 page, a border beside them.
        let glyph = |x: f64, y: f64, c: &str, turn: u8| Glyph {
            x,
            y,
            width: 12.0,
            size: 12.0,
            text: c.to_string(),
            turn,
        };
        let mut p = Page {
            number: 1,
            width: 300.0,
            height: 600.0,
            glyphs: vec![glyph(10.0, 500.0, "一", 1), glyph(10.0, 488.0, "二", 1)],
            segments: vec![Segment {
                x0: 20.0,
                y0: 100.0,
                x1: 20.0,
                y1: 500.0,
            }],
        };
        p.upright();
        assert_eq!((p.width, p.height), (600.0, 300.0));
        let at: Vec<(f64, f64, u8)> = p.glyphs.iter().map(|g| (g.x, g.y, g.turn)).collect();
        // Left to right on one line now, the first glyph first.
        assert_eq!(at, vec![(100.0, 10.0, 0), (112.0, 10.0, 0)]);
        assert!(p.segments[0].horizontal());
        // Reading downwards: turned the other way, the same order.
        let mut q = Page {
            width: 300.0,
            height: 600.0,
            glyphs: vec![glyph(290.0, 100.0, "一", 3), glyph(290.0, 112.0, "二", 3)],
            ..Page::default()
        };
        q.upright();
        let at: Vec<(f64, f64)> = q.glyphs.iter().map(|g| (g.x, g.y)).collect();
        assert_eq!(at, vec![(100.0, 10.0), (112.0, 10.0)]);
        // Mostly upright text with a turned stamp: left as it is.
        let mut r = Page {
            width: 300.0,
            height: 600.0,
            glyphs: vec![
                glyph(10.0, 10.0, "一", 0),
                glyph(22.0, 10.0, "二", 0),
                glyph(50.0, 50.0, "印", 1),
            ],
            ..Page::default()
        };
        r.upright();
        assert_eq!((r.glyphs[2].x, r.glyphs[2].turn), (50.0, 1));
        assert_eq!(turn_of(0.0, -1.0), 1);
        // A watermark at 40°, among upright text: gone; a baseline 5° off: still upright.
        assert_eq!(turn_of(0.77, -0.64), SLANTED);
        assert_eq!(turn_of(1.0, 0.09), 0);
        let mut w = Page {
            glyphs: vec![glyph(10.0, 10.0, "一", 0), glyph(50.0, 50.0, "2", SLANTED)],
            ..Page::default()
        };
        w.upright();
        assert_eq!(w.glyphs.len(), 1);
        assert_eq!(turn_of(-1.0, 0.1), 2);
    }

    #[test]
    fn glyph_codes_are_told_from_text_of_any_language_and_from_tables_of_numbers() {
        // What a Chinese page without character maps reads as.
        let codes =
            "˝ˆ˙˛˚˜ | !\"#$ | %&'()*+,-˚./0123 |  4 5 4 678 | 4 | 54 69:;<=>?@ABC>D(E.*FGH-IJ<KL:";
        assert!(unmapped(&page(codes)));
        // Three code marks among ideographs: one font of the page without a map.
        assert!(unmapped(&page(
            "申请人无理˚期不、行政机关不˜处理其政府信息公开申请˘"
        )));
        assert!(unmapped(&page("本机关\u{3}不掌握\u{5}相关\u{7}政府信息")));
        // Glyphs drawn without a character (a composite font without a map): the digits of a
        // table gone, never read as blank cells.
        let mut gone = page("本年新收政府信息公开申请数量");
        for _ in 0..3 {
            gone.glyphs.push(Glyph {
                text: String::new(),
                ..gone.glyphs[0].clone()
            });
        }
        assert!(unmapped(&gone));
        // Text, Chinese or English, a table of numbers, a page that says little: read.
        let zh = "本机关不掌握相关政府信息，申请人逾期未按收费通知要求缴纳费用。".repeat(3);
        assert!(!unmapped(&page(&zh)));
        let en = "The agency received 12 requests (3 of them online); 9 were answered in time, \
                  \"as the rules ask\", and 3 were carried over.";
        assert!(!unmapped(&page(en)));
        assert!(!unmapped(&page(&"1,234.56 12.5% (3) 0 -/ ".repeat(10))));
        assert!(!unmapped(&page("!@#$%^&*~<>?")));
        // Two marks are not enough (a pinyin tone, a stray accent).
        assert!(!unmapped(&page(&format!("{zh}ˇ˙"))));
    }
}
