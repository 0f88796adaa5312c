//! PDF text layer through pdf-extract (CID fonts with ToUnicode maps): every glyph with its
//! position and width, and the ruling lines drawn with `S`/`f` (table borders).
//! pdf-extract panics on some malformed files; those panics are caught and become errors.

use super::{Block, FixedError, Glyph, Laid, LaidCell, Page, Segment};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

#[derive(Default)]
struct Collect {
    pages: Vec<Page>,
    height: f64,
    lly: f64,
    llx: f64,
}

impl Collect {
    fn page(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }
    /// PDF user space (y up from the bottom) → page space (y down from the top).
    fn flip(&self, x: f64, y: f64) -> (f64, f64) {
        (x - self.llx, self.height - (y - self.lly))
    }
    fn path(&mut self, ctm: &Transform, path: &Path, fill: bool) {
        let pt = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        let mut segs = Vec::new();
        let mut cur: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    cur = Some(pt(x, y));
                    start = cur;
                }
                PathOp::LineTo(x, y) => {
                    let p = pt(x, y);
                    if let Some(c) = cur {
                        segs.push((c, p));
                    }
                    cur = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = Some(pt(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (pt(x, y), pt(x + w, y + h));
                    let (wa, ha) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                    if fill && (wa < 1.5 || ha < 1.5) {
                        // A thin filled rectangle is how many producers draw a border.
                        let (cx, cy) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                        if wa < ha {
                            segs.push(((cx, a.1), (cx, b.1)));
                        } else {
                            segs.push(((a.0, cy), (b.0, cy)));
                        }
                    } else if !fill {
                        segs.push(((a.0, a.1), (b.0, a.1)));
                        segs.push(((b.0, a.1), (b.0, b.1)));
                        segs.push(((b.0, b.1), (a.0, b.1)));
                        segs.push(((a.0, b.1), (a.0, a.1)));
                    }
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (cur, start) {
                        segs.push((c, s));
                    }
                    cur = start;
                }
            }
        }
        let flipped: Vec<Segment> = segs
            .into_iter()
            .map(|(a, b)| {
                let (x0, y0) = self.flip(a.0, a.1);
                let (x1, y1) = self.flip(b.0, b.1);
                Segment { x0, y0, x1, y1 }
            })
            .filter(|s| s.horizontal() || s.vertical())
            .collect();
        if let Some(p) = self.page() {
            p.segments.extend(flipped);
        }
    }
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.lly = media_box.lly;
        self.llx = media_box.llx;
        self.pages.push(Page {
            number: page_num,
            width: media_box.urx - media_box.llx,
            height: self.height,
            ..Page::default()
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let scale_x = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let scale_y = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let (x, y) = self.flip(trm.m31, trm.m32);
        let glyph = Glyph {
            x,
            y,
            width: (width * font_size + spacing.max(0.0)) * scale_x,
            size: font_size * scale_y,
            text: char.to_string(),
            // The text space's x axis on the page; the page's y runs downwards, the PDF's up.
            turn: super::turn_of(trm.m11, -trm.m12),
        };
        if let Some(p) = self.page() {
            p.glyphs.push(glyph);
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, true);
        Ok(())
    }
}

/// The pages of a PDF with their glyphs and ruling lines.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, FixedError> {
    let doc = match quietly(|| pdf_extract::Document::load_mem(bytes)) {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return Err(load_error(&e)),
        Err(why) => return Err(FixedError::Corrupt(why)),
    };
    if doc.is_encrypted() {
        return Err(FixedError::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(FixedError::Corrupt(crate::tr!("pdf-no-pages")));
    }
    let mut out = Collect::default();
    match quietly(|| pdf_extract::output_doc(&doc, &mut out).map(|_| out)) {
        Ok(Ok(out)) => Ok(out.pages),
        Ok(Err(e)) => Err(FixedError::Extractor(e.to_string())),
        Err(why) => Err(FixedError::Extractor(why)),
    }
}

fn load_error(e: &pdf_extract::Error) -> FixedError {
    let text = e.to_string();
    if matches!(e, pdf_extract::Error::Decryption(_)) || text.to_lowercase().contains("decrypt") {
        FixedError::Encrypted
    } else {
        FixedError::Corrupt(text)
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic inside the extractor into an error message, without printing the
/// panic (other threads' panics still print through the previous hook).
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::tr!("pdf-internal-error"));
        crate::tr!("pdf-reader-stopped", message = msg)
    })
}

/// `--pdf-tool pdftotext`: poppler's layout text, pages split at form feeds, table rows split
/// where two or more spaces separate columns. Cells are as good as the layout text is.
pub fn with_pdftotext(bytes: &[u8]) -> Result<Laid, FixedError> {
    let dir = std::env::temp_dir().join(format!("gouji-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| FixedError::Tool(e.to_string()))?;
    let input = dir.join("in.pdf");
    std::fs::write(&input, bytes).map_err(|e| FixedError::Tool(e.to_string()))?;
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&input)
        .arg("-")
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = out.map_err(|e| {
        FixedError::Tool(crate::tr!(
            "pdf-cannot-run-pdftotext",
            error = e.to_string()
        ))
    })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("ncrypt") || err.contains("password") {
            return Err(FixedError::Encrypted);
        }
        // poppler prints every syntax error it met; the last line says why it gave up.
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(FixedError::Tool(last.trim().to_string()));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut laid = Laid::default();
    for (i, page) in text.split('\u{c}').enumerate() {
        let number = i as u32 + 1;
        if page.trim().is_empty() {
            continue;
        }
        laid.pages = number;
        // pdftotext gives no positions: `y` is the line on the page, `x` the cell's index.
        for (line_no, line) in page.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if cells.len() > 1 {
                let row = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| LaidCell {
                        text: c.to_string(),
                        page: number,
                        x: i as f64,
                        y: line_no as f64,
                        row_span: 1,
                        col_span: 1,
                        covered: false,
                        right: i as f64,
                    })
                    .collect();
                match laid.blocks.last_mut() {
                    Some(Block::Table { rows }) => rows.push(row),
                    _ => laid.blocks.push(Block::Table { rows: vec![row] }),
                }
            } else {
                laid.blocks.push(Block::Paragraph {
                    text: line.to_string(),
                    page: number,
                    x: 0.0,
                    y: line_no as f64,
                });
            }
        }
    }
    if laid.blocks.is_empty() {
        return Err(FixedError::NoTextLayer {
            pages: text.split('\u{c}').count().saturating_sub(1).max(1) as u32,
        });
    }
    Ok(laid)
}
