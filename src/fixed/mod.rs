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
    let laid = layout::lay_out(&pages);
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(FixedError::NoTextLayer {
            pages: pages.len() as u32,
        });
    }
    Ok(laid)
}

pub fn pdftotext_available() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}
