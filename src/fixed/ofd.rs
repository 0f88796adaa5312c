//! OFD (GB/T 33190): a zip of XML parts. `OFD.xml` names each document's `Document.xml`
//! (`DocBody/DocRoot`), which lists its pages (`Pages/Page/@BaseLoc`) and templates; each page's
//! `Content.xml` holds `TextObject`s (a `Boundary` origin, optional `CTM`, `Size`) with
//! `TextCode`s (`X`, `Y` baseline, `DeltaX`/`DeltaY` advances, `g N d` meaning N advances of d)
//! and `PathObject`s (`AbbreviatedData`) whose straight strokes are table borders.
//! Units are millimetres, y downwards. No DOCTYPE or entity definition is ever expanded, and
//! every part is read with a cap on its inflated size.

use super::{FixedError, Glyph, Page, Segment};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// Cap on one inflated XML part.
const MAX_PART: u64 = 16 * 1024 * 1024;
/// Cap on everything inflated from one file.
const MAX_TOTAL: u64 = 128 * 1024 * 1024;
const MAX_PAGES: usize = 2000;

pub fn is_ofd(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map(|z| z.index_for_name("OFD.xml").is_some())
        .unwrap_or(false)
}

struct Parts<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    total: u64,
}

impl Parts<'_> {
    fn read(&mut self, name: &str) -> Result<String, FixedError> {
        let name = name.trim_start_matches('/');
        let idx = self
            .zip
            .index_for_name(name)
            .ok_or_else(|| FixedError::Corrupt(crate::tr!("ofd-part-missing", name = name)))?;
        let file = self.zip.by_index(idx).map_err(|e| zip_error(&e))?;
        if file.encrypted() {
            return Err(FixedError::Encrypted);
        }
        let mut buf = Vec::new();
        file.take(MAX_PART + 1)
            .read_to_end(&mut buf)
            .map_err(|e| FixedError::Corrupt(format!("`{name}`: {e}")))?;
        self.total += buf.len() as u64;
        if buf.len() as u64 > MAX_PART || self.total > MAX_TOTAL {
            return Err(FixedError::TooLarge(crate::tr!(
                "ofd-part-inflates",
                name = name,
                mb = (MAX_PART / 1024 / 1024).to_string()
            )));
        }
        let text = String::from_utf8(buf)
            .map_err(|_| FixedError::Corrupt(crate::tr!("ofd-part-not-utf8", name = name)))?;
        Ok(text.trim_start_matches('\u{feff}').to_string())
    }
}

fn zip_error(e: &zip::result::ZipError) -> FixedError {
    let s = e.to_string();
    if s.to_lowercase().contains("password") || s.to_lowercase().contains("encrypt") {
        FixedError::Encrypted
    } else {
        FixedError::Corrupt(s)
    }
}

/// A path inside the package, relative to the part that names it unless it starts with `/`.
fn resolve(base_dir: &str, loc: &str) -> String {
    let loc = loc.trim();
    let joined = if loc.starts_with('/') {
        loc.trim_start_matches('/').to_string()
    } else if base_dir.is_empty() {
        loc.to_string()
    } else {
        format!("{base_dir}/{loc}")
    };
    let mut out: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

fn dir_of(path: &str) -> String {
    path.rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

/// A start tag's local name and its attributes (values unescaped; only predefined entities).
fn tag(e: &BytesStart, part: &str) -> Result<(String, Vec<(String, String)>), FixedError> {
    let name = e.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| FixedError::Corrupt(format!("`{part}`: {err}")))?;
        let key = a.key.local_name().as_ref().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| FixedError::Corrupt(format!("`{part}`: {err}")))?;
        attrs.push((key, value.to_string()));
    }
    Ok((name, attrs))
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Walk an XML part, calling `f` for every start tag and text run (`None` tag = text).
fn walk(
    xml: &str,
    part: &str,
    mut f: impl FnMut(XmlItem) -> Result<(), FixedError>,
) -> Result<(), FixedError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::DocType(_)) => return Err(FixedError::Doctype(part.to_string())),
            Ok(Event::Start(e)) => {
                let (n, a) = tag(&e, part)?;
                f(XmlItem::Open(n, a))?;
            }
            Ok(Event::Empty(e)) => {
                let (n, a) = tag(&e, part)?;
                f(XmlItem::Open(n.clone(), a))?;
                f(XmlItem::Close(n))?;
            }
            Ok(Event::End(e)) => {
                f(XmlItem::Close(e.local_name().as_ref().to_string()))?;
            }
            Ok(Event::Text(t)) => f(XmlItem::Text(t.xml10_content().to_string()))?,
            Ok(Event::CData(t)) => f(XmlItem::Text(t.xml10_content().to_string()))?,
            Ok(Event::GeneralRef(r)) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            return Err(FixedError::Corrupt(crate::tr!(
                                "ofd-undefined-entity",
                                part = part,
                                entity = format!("&{other};")
                            )))
                        }
                    },
                };
                f(XmlItem::Text(text))?;
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(FixedError::Corrupt(format!("`{part}`: {e}"))),
        }
    }
}

enum XmlItem {
    Open(String, Vec<(String, String)>),
    Close(String),
    Text(String),
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|t| t.parse::<f64>().ok())
        .collect()
}

/// `DeltaX`/`DeltaY`: numbers, where `g N d` stands for N copies of d.
pub fn deltas(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut it = s.split_whitespace();
    while let Some(t) = it.next() {
        if t == "g" {
            let n = it.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
            let d = it.next().and_then(|d| d.parse::<f64>().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(d, n.min(100_000)));
        } else if let Ok(d) = t.parse::<f64>() {
            out.push(d);
        }
    }
    out
}

/// `a b c d e f` of a CTM (identity when absent or malformed).
fn ctm(attrs: &[(String, String)]) -> [f64; 6] {
    let v = attr(attrs, "CTM").map(numbers).unwrap_or_default();
    if v.len() == 6 {
        [v[0], v[1], v[2], v[3], v[4], v[5]]
    } else {
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    }
}

fn apply(m: &[f64; 6], x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The pages of an OFD package, with glyphs and straight path strokes.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, FixedError> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
    let mut parts = Parts { zip, total: 0 };
    let ofd = parts.read("OFD.xml")?;
    let mut roots = Vec::new();
    let mut in_root = false;
    walk(&ofd, "OFD.xml", |item| {
        match item {
            XmlItem::Open(n, _) if n == "DocRoot" => in_root = true,
            XmlItem::Close(n) if n == "DocRoot" => in_root = false,
            XmlItem::Text(t) if in_root && !t.trim().is_empty() => roots.push(resolve("", &t)),
            _ => {}
        }
        Ok(())
    })?;
    let Some(root) = roots.first().cloned() else {
        return Err(FixedError::Corrupt(crate::tr!("ofd-no-document")));
    };
    let doc = parts.read(&root)?;
    let doc_dir = dir_of(&root);
    let mut page_locs = Vec::new();
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut page_box: Option<Vec<f64>> = None;
    let mut in_box = false;
    let mut in_area = false;
    walk(&doc, &root, |item| {
        match item {
            XmlItem::Open(n, a) if n == "Page" => {
                if let Some(loc) = attr(&a, "BaseLoc") {
                    page_locs.push(resolve(&doc_dir, loc));
                }
            }
            XmlItem::Open(n, a) if n == "TemplatePage" => {
                if let (Some(id), Some(loc)) = (attr(&a, "ID"), attr(&a, "BaseLoc")) {
                    templates.push((id.to_string(), resolve(&doc_dir, loc)));
                }
            }
            XmlItem::Open(n, _) if n == "PageArea" => in_area = true,
            XmlItem::Close(n) if n == "PageArea" => in_area = false,
            XmlItem::Open(n, _) if n == "PhysicalBox" && in_area => in_box = true,
            XmlItem::Close(n) if n == "PhysicalBox" => in_box = false,
            XmlItem::Text(t) if in_box && page_box.is_none() => page_box = Some(numbers(&t)),
            _ => {}
        }
        Ok(())
    })?;
    if page_locs.is_empty() {
        return Err(FixedError::Corrupt(crate::tr!(
            "ofd-no-pages",
            root = root.as_str()
        )));
    }
    if page_locs.len() > MAX_PAGES {
        return Err(FixedError::TooLarge(format!("{} pages", page_locs.len())));
    }
    let (dw, dh) = match page_box.as_deref() {
        Some([_, _, w, h, ..]) => (*w, *h),
        _ => (210.0, 297.0),
    };
    let mut pages = Vec::new();
    for (i, loc) in page_locs.iter().enumerate() {
        let xml = parts.read(loc)?;
        let mut page = Page {
            number: i as u32 + 1,
            width: dw,
            height: dh,
            ..Page::default()
        };
        let mut used_templates = Vec::new();
        walk(&xml, loc, |item| {
            if let XmlItem::Open(n, a) = &item {
                if n == "Template" {
                    if let Some(id) = attr(a, "TemplateID") {
                        used_templates.push(id.to_string());
                    }
                }
            }
            Ok(())
        })?;
        for id in used_templates {
            if let Some((_, tloc)) = templates.iter().find(|(tid, _)| *tid == id) {
                let txml = parts.read(tloc)?;
                content(&txml, tloc, &mut page)?;
            }
        }
        content(&xml, loc, &mut page)?;
        pages.push(page);
    }
    Ok(pages)
}

/// Collect the text and path objects of one content part into the page.
fn content(xml: &str, part: &str, page: &mut Page) -> Result<(), FixedError> {
    struct Obj {
        origin: (f64, f64),
        m: [f64; 6],
        size: f64,
        pen: (f64, f64),
    }
    let mut obj: Option<Obj> = None;
    let mut code: Option<(Vec<f64>, Vec<f64>, String)> = None;
    let mut path: Option<(f64, f64, [f64; 6], bool)> = None;
    let mut abbrev: Option<String> = None;
    walk(xml, part, |item| {
        match item {
            XmlItem::Open(n, a) if n == "TextObject" => {
                let b = attr(&a, "Boundary").map(numbers).unwrap_or_default();
                let size = attr(&a, "Size")
                    .and_then(|s| s.trim().parse::<f64>().ok())
                    .unwrap_or(3.5);
                obj = Some(Obj {
                    origin: (
                        b.first().copied().unwrap_or(0.0),
                        b.get(1).copied().unwrap_or(0.0),
                    ),
                    m: ctm(&a),
                    size,
                    pen: (0.0, 0.0),
                });
            }
            XmlItem::Close(n) if n == "TextObject" => obj = None,
            XmlItem::Open(n, a) if n == "TextCode" => {
                if let Some(o) = obj.as_mut() {
                    if let Some(x) = attr(&a, "X").and_then(|v| v.trim().parse::<f64>().ok()) {
                        o.pen.0 = x;
                    }
                    if let Some(y) = attr(&a, "Y").and_then(|v| v.trim().parse::<f64>().ok()) {
                        o.pen.1 = y;
                    }
                }
                code = Some((
                    attr(&a, "DeltaX").map(deltas).unwrap_or_default(),
                    attr(&a, "DeltaY").map(deltas).unwrap_or_default(),
                    String::new(),
                ));
            }
            XmlItem::Text(t) => {
                if let Some(c) = code.as_mut() {
                    c.2.push_str(&t);
                }
                if let Some(d) = abbrev.as_mut() {
                    d.push_str(&t);
                }
            }
            XmlItem::Close(n) if n == "TextCode" => {
                if let (Some(o), Some((dx, dy, text))) = (obj.as_mut(), code.take()) {
                    let scale = (o.m[2] * o.m[2] + o.m[3] * o.m[3]).sqrt().max(1e-6);
                    let chars: Vec<char> = text.chars().collect();
                    for (i, ch) in chars.iter().enumerate() {
                        let fallback = if ch.is_ascii() { o.size / 2.0 } else { o.size };
                        let adv = dx.get(i).copied().unwrap_or(fallback);
                        let (px, py) = apply(&o.m, o.pen.0, o.pen.1);
                        // Glyphs of one TextCode are one run: each reaches the next (text
                        // spaced out by its advances stays together), unless the advance jumps
                        // (negative, or a new line through DeltaY).
                        let width = if i + 1 < chars.len() && adv > 0.0 && adv <= o.size * 3.0 {
                            adv
                        } else {
                            fallback
                        };
                        page.glyphs.push(Glyph {
                            x: o.origin.0 + px,
                            y: o.origin.1 + py,
                            width: width * scale,
                            size: o.size * scale,
                            text: ch.to_string(),
                            // The CTM's x axis: where the text runs on the page (y downwards).
                            turn: super::turn_of(o.m[0], o.m[1]),
                        });
                        o.pen.0 += adv;
                        o.pen.1 += dy.get(i).copied().unwrap_or(0.0);
                    }
                }
            }
            XmlItem::Open(n, a) if n == "PathObject" => {
                let b = attr(&a, "Boundary").map(numbers).unwrap_or_default();
                let stroke = attr(&a, "Stroke").is_none_or(|s| s.trim() != "false");
                path = Some((
                    b.first().copied().unwrap_or(0.0),
                    b.get(1).copied().unwrap_or(0.0),
                    ctm(&a),
                    stroke,
                ));
            }
            XmlItem::Open(n, _) if n == "AbbreviatedData" && path.is_some() => {
                abbrev = Some(String::new())
            }
            XmlItem::Close(n) if n == "AbbreviatedData" => {
                if let (Some((ox, oy, m, stroke)), Some(d)) = (path, abbrev.take()) {
                    if stroke {
                        for (a, b) in path_lines(&d) {
                            let (x0, y0) = apply(&m, a.0, a.1);
                            let (x1, y1) = apply(&m, b.0, b.1);
                            page.segments.push(Segment {
                                x0: ox + x0,
                                y0: oy + y0,
                                x1: ox + x1,
                                y1: oy + y1,
                            });
                        }
                    }
                }
            }
            XmlItem::Close(n) if n == "PathObject" => path = None,
            _ => {}
        }
        Ok(())
    })
}

type Pt = (f64, f64);

/// Straight segments of an `AbbreviatedData` path (`S`/`M` move, `L` line, `C` close; curves
/// and arcs only move the pen).
fn path_lines(d: &str) -> Vec<(Pt, Pt)> {
    let toks: Vec<&str> = d.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut cur: Option<Pt> = None;
    let mut start: Option<Pt> = None;
    let num = |i: usize| toks.get(i).and_then(|t| t.parse::<f64>().ok());
    while i < toks.len() {
        let cmd = toks[i];
        let argc = match cmd {
            "S" | "M" | "L" => 2,
            "Q" => 4,
            "B" => 6,
            "A" => 7,
            "C" | "Z" => 0,
            _ => {
                i += 1;
                continue;
            }
        };
        let args: Vec<f64> = (1..=argc).filter_map(|k| num(i + k)).collect();
        if args.len() < argc {
            break;
        }
        match cmd {
            "S" | "M" => {
                cur = Some((args[0], args[1]));
                start = cur;
            }
            "L" => {
                let p = (args[0], args[1]);
                if let Some(c) = cur {
                    out.push((c, p));
                }
                cur = Some(p);
            }
            "C" | "Z" => {
                if let (Some(c), Some(s)) = (cur, start) {
                    out.push((c, s));
                }
                cur = start;
            }
            _ => cur = Some((args[argc - 2], args[argc - 1])),
        }
        i += argc + 1;
    }
    out
}
