//! The document model every container reader produces (text, HTML, Word, PDF, OFD): blocks in
//! order, each a paragraph or a table of rows of cells with their spans, every piece carrying
//! where it is in the file as published. The report reader reads a [`View`] of it: the blocks
//! laid out as text (one table row per line, cells between tabs) together with the table rows'
//! cells, which it takes as they are, never re-guessing them from the text.

pub mod detect;
pub mod docx;
pub mod html;
pub mod mhtml;
pub mod ofd;
pub mod pdf;
mod view;

pub use view::{KnownCell, KnownRow, View};

/// What kind of file a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    /// A web page saved as one file (`.mhtml`, `.mht`): a MIME message holding the page.
    Mhtml,
    Docx,
    Pdf,
    Ofd,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "HTML",
            Kind::Mhtml => "MHTML",
            Kind::Docx => "Word (.docx)",
            Kind::Pdf => "PDF",
            Kind::Ofd => "OFD",
        }
    }
}

/// A report as its container gives it: blocks in reading order.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// For HTML: the decoded text of the file, which [`Place::Source`] offsets point into (and
    /// which findings are shown against). `None` for containers that are not text (Word, PDF,
    /// OFD): findings are shown against the view's text, with the place named in words.
    pub source: Option<String>,
    /// The pictures of the report's body (`<img>`), in order: not text, so never read, but where
    /// a table cannot be found, a picture in its section is likely the table published as an
    /// image (a limit of the reader, not necessarily a table missing).
    pub images: Vec<Image>,
}

/// A picture in a report's body.
#[derive(Debug, Clone)]
pub struct Image {
    /// What names it: its `alt` text, else its file name.
    pub name: String,
    /// Where it stands.
    pub at: Place,
    /// Its tag's length in the source (HTML: `<img …>`), to point at it.
    pub len: usize,
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Piece),
    Table(Table),
}

/// A table: rows of the cells that start in them (a cell spanning several rows appears once,
/// in its first row, with `row_span > 1`).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<TableCell>>,
}

#[derive(Debug, Clone)]
pub struct TableCell {
    /// The cell's text, its paragraphs and line breaks joined by `\n`.
    pub piece: Piece,
    /// Grid column (0-based) where the cell starts, spans counted.
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
}

/// Some text and where it is in the file.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub at: Place,
}

/// Where a piece of text is in the file as published.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// Byte offsets into [`Layout::source`]: `runs[i] = (offset in the piece's text, offset in
    /// the source)`, each the start of a run copied verbatim (an entity or a tag starts a new
    /// run); sorted by both offsets.
    Source { runs: Vec<(usize, usize)> },
    /// A Word paragraph of the body, 1-based, counting every paragraph outside tables (第N段).
    WordParagraph(usize),
    /// A cell of a Word table: table, row and column 1-based, as Word counts them (表N 第R行第C列).
    WordCell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A page of a PDF or OFD file (1-based) and where on it (points from the top left).
    Page { page: usize, x: f32, y: f32 },
    /// Made by gouji (a separator), in no file.
    None,
}

impl Place {
    /// Where the piece is, in words a user can find it by (`第12段`, `表2 第3行第4列`, `第3页`);
    /// `None` for places shown by line and column.
    pub fn words(&self) -> Option<String> {
        match self {
            Place::WordParagraph(n) => Some(format!("第{n}段")),
            Place::WordCell { table, row, col } => Some(format!("表{table} 第{row}行第{col}列")),
            Place::Page { page, .. } => Some(format!("第{page}页")),
            Place::Source { .. } | Place::None => None,
        }
    }

    /// The source offset of byte `off` of the piece's text (for [`Place::Source`]).
    pub fn source_offset(&self, off: usize) -> Option<usize> {
        let Place::Source { runs } = self else {
            return None;
        };
        let i = runs.partition_point(|&(t, _)| t <= off);
        let (t, s) = *runs.get(i.checked_sub(1)?)?;
        Some(s + (off - t))
    }
}

/// Why a file cannot be read as a report: each kind its own message (and code).
#[derive(Debug, Clone, PartialEq)]
pub enum ContainerError {
    /// An old binary Word (`.doc`), WPS or Excel file (OLE compound file).
    OldOffice(&'static str),
    /// An encrypted or password-protected Office file.
    Encrypted,
    /// A zip that cannot be opened, or a Word file whose parts are missing or broken.
    Corrupt(String),
    /// The zip inflates to more than the cap.
    ZipBomb { inflated: u64 },
    /// XML with a DOCTYPE (entity definitions are never expanded).
    Doctype,
    /// The file is larger than a report can be.
    TooLarge(usize),
    /// A zip that is neither a Word nor an OFD file (an .xlsx, .pptx, …).
    OtherZip,
    /// The text layer of a PDF or OFD could not be read (filled in by those readers).
    Unsupported(String),
    /// A PDF or OFD that cannot be read: scanned, encrypted, damaged, … (its own code, R110-R117:
    /// [`crate::fixed::FixedError::code`]).
    Fixed(crate::fixed::FixedError),
}

impl std::fmt::Display for ContainerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ContainerError::OldOffice(what) => crate::tr!("container-old-office", what = *what),
            ContainerError::Encrypted => crate::tr!("container-encrypted"),
            ContainerError::Corrupt(why) => crate::tr!("container-corrupt", why = why.as_str()),
            ContainerError::ZipBomb { inflated } => {
                crate::tr!("container-zip-bomb", inflated = inflated.to_string())
            }
            ContainerError::Doctype => crate::tr!("container-doctype"),
            ContainerError::TooLarge(n) => crate::tr!(
                "container-too-large",
                size = n.to_string(),
                max = crate::report::decode::MAX_REPORT_BYTES.to_string()
            ),
            ContainerError::OtherZip => crate::tr!("container-other-zip"),
            ContainerError::Unsupported(why) => why.clone(),
            ContainerError::Fixed(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

/// A report file opened: its kind, the text findings are shown against (the decoded file for
/// text and HTML; the text read for Word, PDF and OFD), and the view the reader reads (`None`
/// for plain text, which is read as it is).
#[derive(Debug, Clone)]
pub struct Opened {
    pub kind: Kind,
    pub source: String,
    pub view: Option<View>,
    /// For a saved page (MHTML), the line of the file each stretch of `source` came from:
    /// findings are shown against the decoded page and name that line too.
    pub file_lines: Option<mhtml::FileLines>,
}

/// Why a file could not be opened as a report.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// Plain text that is empty, binary or in an unknown encoding (R001).
    Text(crate::report::decode::DecodeError),
    /// A container that cannot be read (R100–R105).
    Container(ContainerError),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Text(e) => write!(f, "{e}"),
            OpenError::Container(e) => write!(f, "{e}"),
        }
    }
}

impl OpenError {
    pub fn code(&self) -> crate::diagnostic::Code {
        use crate::diagnostic::Code;
        match self {
            OpenError::Text(_) => Code::Unreadable,
            OpenError::Container(e) => match e {
                ContainerError::OldOffice(_) => Code::OldOfficeFile,
                ContainerError::Encrypted => Code::EncryptedFile,
                ContainerError::Corrupt(_) | ContainerError::Unsupported(_) => Code::DamagedFile,
                ContainerError::ZipBomb { .. } | ContainerError::TooLarge(_) => Code::FileTooLarge,
                ContainerError::Doctype => Code::XmlEntities,
                ContainerError::OtherZip => Code::NotAReportContainer,
                ContainerError::Fixed(e) => e.diagnostic_code(),
            },
        }
    }
}

/// Open a report file's bytes (`name` for its extension): detect its kind by content, decode
/// it and lay it out.
pub fn open(bytes: &[u8], name: &str) -> Result<Opened, OpenError> {
    if bytes.len() > crate::report::decode::MAX_REPORT_BYTES {
        return Err(OpenError::Container(ContainerError::TooLarge(bytes.len())));
    }
    let kind = detect::detect(bytes, name).map_err(OpenError::Container)?;
    open_as(bytes, kind)
}

/// Open bytes known to be of one kind (`--stdin-format`).
pub fn open_as(bytes: &[u8], kind: Kind) -> Result<Opened, OpenError> {
    match kind {
        Kind::Text => {
            let d = crate::report::decode::decode(bytes).map_err(OpenError::Text)?;
            Ok(Opened {
                kind,
                source: d.text,
                view: None,
                file_lines: None,
            })
        }
        Kind::Html => {
            let page = html::decode_page(bytes).map_err(OpenError::Text)?;
            let layout = html::read(&page);
            let view = View::new(&layout);
            Ok(Opened {
                kind,
                source: page,
                view: Some(view),
                file_lines: None,
            })
        }
        Kind::Mhtml => {
            let read = mhtml::read(bytes).map_err(OpenError::Container)?;
            let view = View::new(&read.layout);
            Ok(Opened {
                kind,
                source: read.text,
                view: Some(view),
                file_lines: Some(read.lines),
            })
        }
        Kind::Docx | Kind::Pdf | Kind::Ofd => {
            let layout = match kind {
                Kind::Docx => docx::read(bytes),
                _ => read_fixed_layout(bytes, kind),
            }
            .map_err(OpenError::Container)?;
            let view = View::new(&layout);
            Ok(Opened {
                kind,
                source: view.text.clone(),
                view: Some(view),
                file_lines: None,
            })
        }
    }
}

/// PDF and OFD: positions rebuilt into paragraphs and tables (`crate::fixed`).
fn read_fixed_layout(bytes: &[u8], kind: Kind) -> Result<Layout, ContainerError> {
    match kind {
        Kind::Ofd => ofd::read(bytes),
        _ => pdf::read(bytes),
    }
}

/// Read and check an opened report whose `source` is `file` in the run's sources.
pub fn check(
    compiled: &crate::compile::Compiled,
    file: crate::source::FileId,
    opened: &Opened,
    opts: &crate::report::ReadOptions,
) -> crate::Checked {
    let Some(view) = &opened.view else {
        return crate::check_report(compiled, file, &opened.source, opts);
    };
    let mut document = crate::report::read_view(compiled, file, view, opts);
    let mut findings = crate::findings_of(compiled, &document, &view.text);
    let pictures = pictures_of_missing_tables(&document, &findings, view);
    if matches!(opened.kind, Kind::Html | Kind::Mhtml) {
        if let Some(lines) = &opened.file_lines {
            // A saved page is shown decoded; the line of the file (quoted-printable or base64
            // there) is named in words, for a user who opens the file itself.
            for d in &mut findings {
                if d.primary.file != file {
                    continue;
                }
                let at = source_offset(view, d.primary.start);
                if let Some(line) = lines.line_at(at) {
                    d.notes.push(crate::tr!(
                        "document-place",
                        kind = opened.kind.name(),
                        place = crate::tr!("document-file-line", line = line.to_string()),
                        excerpt = excerpt(view, d.primary.start)
                    ));
                }
            }
        }
        // Shown against the page itself: every span of the report back to the page's bytes.
        let map = |s: &mut crate::source::Span| {
            if s.file == file {
                let a = source_offset(view, s.start);
                let b = source_offset(view, s.end).max(a);
                *s = crate::source::Span::new(file, a, b);
            }
        };
        remap_document(&mut document, &map);
        for d in &mut findings {
            remap_diagnostic(d, &map);
        }
    } else {
        for d in &mut findings {
            if d.primary.file != file {
                continue;
            }
            if let Some((place, _)) = view.place_at(d.primary.start) {
                if let Some(words) = place.words() {
                    d.notes.push(crate::tr!(
                        "document-place",
                        kind = opened.kind.name(),
                        place = words,
                        excerpt = excerpt(view, d.primary.start)
                    ));
                }
            }
        }
    }
    for (i, images) in pictures {
        let d = &mut findings[i];
        for img in &images {
            // A page's picture is pointed at (the findings are the page's own places by now).
            if let Place::Source { runs } = &img.at {
                if let Some(&(_, at)) = runs.first() {
                    d.labels.push(crate::diagnostic::Label {
                        span: crate::source::Span::new(file, at, at + img.len),
                        message: crate::tr!("document-image-here"),
                    });
                }
            }
        }
        let names: Vec<String> = images
            .iter()
            .map(|img| match img.at.words() {
                Some(w) if img.name.is_empty() => w,
                Some(w) => format!("{w}“{}”", img.name),
                None if img.name.is_empty() => crate::tr!("document-image-unnamed"),
                None => format!("“{}”", img.name),
            })
            .collect();
        d.notes.push(crate::tr!(
            "document-images-in-section",
            count = images.len().to_string(),
            names = names.join(&crate::tr!("list-separator"))
        ));
    }
    crate::diagnostic::sort(&mut findings);
    crate::Checked { document, findings }
}

/// The text of the piece at view offset `off`: up to the end of its line or cell (the view puts
/// a tab between a row's cells), at most 24 characters.
fn excerpt(view: &View, off: usize) -> String {
    let s: String = view
        .text
        .get(off..)
        .unwrap_or("")
        .split(['\n', '\t'])
        .next()
        .unwrap_or("")
        .chars()
        .take(24)
        .collect();
    s.trim().to_string()
}

/// For each finding of a table that cannot be found (R020), the pictures that stand in its
/// section (from its heading to the next one): likely the table, published as an image.
fn pictures_of_missing_tables(
    document: &crate::report::Document,
    findings: &[crate::diagnostic::Diagnostic],
    view: &View,
) -> Vec<(usize, Vec<Image>)> {
    if view.images.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, d) in findings.iter().enumerate() {
        if d.code != crate::diagnostic::Code::TableMissing {
            continue;
        }
        let Some(s) = document.sections.iter().find(|s| s.heading == d.primary) else {
            continue;
        };
        // A PDF's or OFD's pictures are known by their page only: those of the pages the
        // section runs over.
        let page = |off: usize| match view.place_at(off) {
            Some((Place::Page { page, .. }, _)) => Some(*page),
            _ => None,
        };
        let pages =
            page(s.heading.start).zip(page(s.body.1.saturating_sub(1).max(s.heading.start)));
        let images: Vec<Image> = view
            .images
            .iter()
            .filter(|(at, img)| match (&img.at, pages) {
                (Place::Page { page, .. }, Some((a, b))) => (a..=b).contains(page),
                (Place::Page { .. }, None) => false,
                _ => (s.heading.start..=s.body.1).contains(at),
            })
            .map(|(_, img)| img.clone())
            .take(5)
            .collect();
        if !images.is_empty() {
            out.push((i, images));
        }
    }
    out
}

/// A view offset in the page: within a piece, its own place; between pieces (a separator gouji
/// wrote), the end of the piece before.
fn source_offset(view: &View, off: usize) -> usize {
    if let Some(s) = view.to_source(off) {
        return s;
    }
    let mut at = off;
    while at > 0 {
        at -= 1;
        if let Some(s) = view.to_source(at) {
            return s + 1;
        }
    }
    0
}

fn remap_diagnostic(
    d: &mut crate::diagnostic::Diagnostic,
    map: &impl Fn(&mut crate::source::Span),
) {
    map(&mut d.primary);
    for l in &mut d.labels {
        map(&mut l.span);
    }
    if let Some(f) = &mut d.fix {
        map(&mut f.span);
    }
}

fn remap_document(doc: &mut crate::report::Document, map: &impl Fn(&mut crate::source::Span)) {
    if let Some(s) = &mut doc.year_span {
        map(s);
    }
    for s in &mut doc.sections {
        map(&mut s.heading);
        let mut body = crate::source::Span::new(doc.file, s.body.0, s.body.1);
        map(&mut body);
        s.body = (body.start, body.end);
    }
    for t in &mut doc.tables {
        for r in &mut t.rows {
            map(&mut r.label);
        }
        for c in &mut t.cells {
            map(&mut c.span);
        }
        if let Some(s) = &mut t.start {
            map(s);
        }
        for (s, _) in t.mentions.iter_mut().flatten() {
            map(s);
        }
    }
    for d in &mut doc.findings {
        remap_diagnostic(d, map);
    }
}

/// Whether an editor's buffer is a web page (by its name or content), read as HTML.
pub fn is_web_page(text: &str, name: &str) -> bool {
    detect::detect(text.as_bytes(), name) == Ok(Kind::Html)
}

/// Check a report given as text (an editor's buffer): a web page (by its name or content) is
/// read as HTML, with findings at the page's own places; anything else as plain text.
pub fn check_text(
    compiled: &crate::compile::Compiled,
    file: crate::source::FileId,
    name: &str,
    text: &str,
    opts: &crate::report::ReadOptions,
) -> crate::Checked {
    if is_web_page(text, name) {
        let opened = Opened {
            kind: Kind::Html,
            source: text.to_string(),
            view: Some(View::new(&html::read(text))),
            file_lines: None,
        };
        return check(compiled, file, &opened, opts);
    }
    crate::check_report(compiled, file, text, opts)
}
