//! Word (.docx) → [`Layout`], with `zip` and `quick-xml`: the body's paragraphs in order and its
//! tables with `gridSpan` (columns) and `vMerge` (rows); runs joined (Word splits one number
//! into several runs); inserted text kept and deleted text dropped (the accepted text); a
//! field's result kept and its instruction dropped. Every piece is placed as a Word user finds
//! it: `第N段` (paragraphs of the body, counted as Word counts them) or `表N 第R行第C列`.
//! A text box's paragraphs (`w:txbxContent`) are paragraphs of their own, at the paragraph that
//! holds the box, read once: of `mc:AlternateContent` only the `mc:Choice` branch is read (the
//! `mc:Fallback` repeats it for old readers). Headers and footers are parts of their own
//! (`word/header1.xml`, …) and never read into the body.
//! Never trusted: the inflated size is capped (zip bombs), a DOCTYPE is refused and entities
//! are never expanded.

use super::{Block, ContainerError, Layout, Piece, Place, Table, TableCell};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The most `word/document.xml` may inflate to.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// Read a .docx file's bytes.
pub fn read(bytes: &[u8]) -> Result<Layout, ContainerError> {
    if bytes.len() > crate::report::decode::MAX_REPORT_BYTES {
        return Err(ContainerError::TooLarge(bytes.len()));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ContainerError::Corrupt(crate::tr!("document-zip-unopenable", error = e.to_string()))
    })?;
    let file = archive.by_name("word/document.xml").map_err(|e| {
        ContainerError::Corrupt(crate::tr!(
            "document-docx-unreadable",
            error = e.to_string()
        ))
    })?;
    if file.encrypted() {
        return Err(ContainerError::Encrypted);
    }
    if file.size() > MAX_INFLATED {
        return Err(ContainerError::ZipBomb {
            inflated: MAX_INFLATED,
        });
    }
    // The declared size may lie: read at most one byte more than the cap.
    let mut xml = Vec::new();
    file.take(MAX_INFLATED + 1)
        .read_to_end(&mut xml)
        .map_err(|e| {
            ContainerError::Corrupt(crate::tr!("document-docx-unpack", error = e.to_string()))
        })?;
    if xml.len() as u64 > MAX_INFLATED {
        return Err(ContainerError::ZipBomb {
            inflated: MAX_INFLATED,
        });
    }
    let xml = String::from_utf8(xml)
        .map_err(|_| ContainerError::Corrupt(crate::tr!("document-docx-not-utf8")))?;
    parse(&xml)
}

#[derive(Default)]
struct RawTable {
    /// Rows of (grid column, column span, vMerge state, text).
    rows: Vec<Vec<RawCell>>,
}

struct RawCell {
    col: usize,
    span: usize,
    merge: Merge,
    text: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// The body's XML → layout.
pub fn parse(xml: &str) -> Result<Layout, ContainerError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut para_no = 0usize;
    let mut table_no = 0usize;
    // Open tables (nested ones inside cells), and the cell being read in each.
    let mut tables: Vec<RawTable> = Vec::new();
    let mut cell: Vec<Option<RawCell>> = Vec::new();
    let mut text = String::new();
    let mut in_para = false;
    // Paragraphs holding a text box (`w:txbxContent`, inside a run) while the box's own
    // paragraphs are read: their text so far.
    let mut outer: Vec<String> = Vec::new();
    // Depth inside elements whose text is not the accepted text (`w:del`, `w:moveFrom`,
    // `mc:Fallback`, `w:instrText`).
    let mut skip = 0usize;
    let mut in_t = false;
    loop {
        let ev = reader.read_event().map_err(|e| {
            ContainerError::Corrupt(crate::tr!("document-docx-bad-xml", error = e.to_string()))
        })?;
        match ev {
            Event::DocType(_) => return Err(ContainerError::Doctype),
            Event::Eof => break,
            Event::Start(e) => {
                let name = local(&e);
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name.as_str() {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => skip = 1,
                    "p" => {
                        if in_para {
                            // A paragraph inside a paragraph: a text box's. The paragraph
                            // around it goes on after it.
                            outer.push(std::mem::take(&mut text));
                        }
                        in_para = true;
                        text.clear();
                    }
                    "t" => in_t = true,
                    "tbl" => tables.push(RawTable::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                        cell.push(None);
                    }
                    "tc" => {
                        let col = tables
                            .last()
                            .and_then(|t| t.rows.last())
                            .and_then(|r| r.last())
                            .map_or(0, |c| c.col + c.span);
                        if let Some(slot) = cell.last_mut() {
                            *slot = Some(RawCell {
                                col,
                                span: 1,
                                merge: Merge::None,
                                text: String::new(),
                            });
                        }
                    }
                    "vMerge" => set_merge(&e, &mut cell),
                    "gridSpan" => set_span(&e, &mut cell),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match local(&e).as_str() {
                    "tab" if in_para => text.push(' '),
                    "br" | "cr" if in_para => text.push('\n'),
                    "vMerge" => set_merge(&e, &mut cell),
                    "gridSpan" => set_span(&e, &mut cell),
                    "p" if tables.is_empty() && outer.is_empty() && !in_para => para_no += 1,
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name.as_str() {
                    "t" => in_t = false,
                    "p" if in_para => {
                        in_para = false;
                        let t = std::mem::take(&mut text);
                        if let Some(Some(c)) = cell.last_mut().filter(|_| !tables.is_empty()) {
                            if !c.text.is_empty() {
                                c.text.push('\n');
                            }
                            c.text.push_str(t.trim());
                        } else if !outer.is_empty() {
                            // A text box's paragraph: a paragraph of its own, found at the
                            // paragraph that holds the box (Word does not count it).
                            if !t.trim().is_empty() {
                                blocks.push(Block::Paragraph(Piece {
                                    text: t,
                                    at: Place::WordParagraph(para_no + 1),
                                }));
                            }
                        } else {
                            para_no += 1;
                            if !t.trim().is_empty() {
                                blocks.push(Block::Paragraph(Piece {
                                    text: t,
                                    at: Place::WordParagraph(para_no),
                                }));
                            }
                        }
                        if let Some(t) = outer.pop() {
                            text = t;
                            in_para = true;
                        }
                    }
                    "tc" => {
                        if let Some(c) = cell.last_mut().and_then(Option::take) {
                            if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                                row.push(c);
                            }
                        }
                    }
                    "tr" => {
                        cell.pop();
                    }
                    "tbl" => {
                        let Some(t) = tables.pop() else { continue };
                        if tables.is_empty() {
                            table_no += 1;
                            blocks.push(Block::Table(grid(t, table_no)));
                        } else if let Some(Some(c)) = cell.last_mut() {
                            // A table inside a cell: its text joins the cell's.
                            for row in t.rows {
                                for rc in row {
                                    if !rc.text.is_empty() {
                                        if !c.text.is_empty() {
                                            c.text.push('\n');
                                        }
                                        c.text.push_str(&rc.text);
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) if in_t && in_para && skip == 0 => {
                text.push_str(&e.xml10_content());
            }
            Event::GeneralRef(e) if in_t && in_para && skip == 0 => {
                // Character references and the five XML entities; no other entity is expanded.
                if let Ok(Some(c)) = e.resolve_char_ref() {
                    text.push(c);
                } else {
                    match &*e {
                        "amp" => text.push('&'),
                        "lt" => text.push('<'),
                        "gt" => text.push('>'),
                        "quot" => text.push('"'),
                        "apos" => text.push('\''),
                        _ => return Err(ContainerError::Doctype),
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Layout {
        blocks,
        source: None,
        images: Vec::new(),
    })
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string())
}

fn set_merge(e: &BytesStart, cell: &mut [Option<RawCell>]) {
    if let Some(Some(c)) = cell.last_mut() {
        c.merge = match val(e).as_deref() {
            Some("restart") => Merge::Restart,
            _ => Merge::Continue,
        };
    }
}

fn set_span(e: &BytesStart, cell: &mut [Option<RawCell>]) {
    if let Some(Some(c)) = cell.last_mut() {
        c.span = val(e)
            .and_then(|v| v.parse::<usize>().ok())
            .map_or(1, |n| n.clamp(1, 1000));
    }
}

/// Raw rows → a table: a `vMerge` continuation is no cell of its own but adds a row to the span
/// of the cell above it.
fn grid(t: RawTable, table_no: usize) -> Table {
    let mut rows: Vec<Vec<TableCell>> = Vec::new();
    for (r, raw) in t.rows.into_iter().enumerate() {
        let mut cells = Vec::new();
        for c in raw {
            if c.merge == Merge::Continue {
                // Find the cell above that starts in the same grid column.
                if let Some(above) = rows
                    .iter_mut()
                    .rev()
                    .find_map(|row| row.iter_mut().find(|a| a.col == c.col))
                {
                    above.row_span += 1;
                }
                continue;
            }
            cells.push(TableCell {
                piece: Piece {
                    text: c.text,
                    at: Place::WordCell {
                        table: table_no,
                        row: r + 1,
                        col: c.col + 1,
                    },
                },
                col: c.col,
                row_span: 1,
                col_span: c.span,
            });
        }
        rows.push(cells);
    }
    Table { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn runs_are_joined_and_deletions_dropped() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>共</w:t></w:r><w:r><w:t>12</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:ins><w:r><w:t>3</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>件&amp;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let l = parse(&xml).unwrap();
        let Block::Paragraph(p) = &l.blocks[0] else {
            panic!()
        };
        assert_eq!(p.text, "共123件&");
        assert_eq!(p.at, Place::WordParagraph(1));
    }

    #[test]
    fn merged_cells_keep_their_grid() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p/><w:tbl>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#
        );
        let l = parse(&xml).unwrap();
        let Block::Table(t) = &l.blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows[0][0].row_span, 2);
        assert_eq!(t.rows[1].len(), 2);
        assert_eq!(t.rows[1][1].col, 2);
        assert_eq!(t.rows[1][1].piece.at.words().unwrap(), "表1 第2行第3列");
    }

    /// Every paragraph of a layout: its text and its place in words.
    fn paragraphs(l: &Layout) -> Vec<(String, String)> {
        l.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.clone(), p.at.words().unwrap_or_default())),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_text_box_is_read_once_and_the_paragraph_around_it_whole() {
        // As Word writes a text box: `mc:Choice` (DrawingML) and `mc:Fallback` (VML) hold the
        // same text.
        let box_xml = |text: &str| {
            format!(
                r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p><w:p/></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
            )
        };
        let xml = format!(
            r#"<w:document {W} xmlns:mc="m" xmlns:wps="s" xmlns:v="v"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>本年共收到申请</w:t></w:r>{}<w:r><w:t>12件。</w:t></w:r></w:p><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p></w:body></w:document>"#,
            box_xml("注：数据截至12月31日")
        );
        let l = parse(&xml).unwrap();
        assert_eq!(
            paragraphs(&l),
            [
                ("一、总体情况", "第1段"),
                ("注：数据截至12月31日", "第2段"),
                ("本年共收到申请12件。", "第2段"),
                ("二、主动公开政府信息情况", "第3段"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn a_doctype_is_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><w:document><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(parse(xml).unwrap_err(), ContainerError::Doctype);
    }
}
