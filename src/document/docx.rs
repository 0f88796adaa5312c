//! Word (.docx) → [`Layout`], with `zip` and `quick-xml`: the body's paragraphs in order and its
//! tables with `gridSpan` (columns) and `vMerge` (rows); runs joined (Word splits one number
//! into several runs); inserted text kept and deleted text dropped (the accepted text); a
//! field's result kept and its instruction dropped. Every piece is placed as a Word user finds
//! it: `第N段` (paragraphs of the body, counted as Word counts them) or `表N 第R行第C列`.
//! A text box's paragraphs (`w:txbxContent`) are paragraphs of their own, at the paragraph that
//! holds the box, read once: of `mc:AlternateContent` only the `mc:Choice` branch is read (the
//! `mc:Fallback` repeats it for old readers). Headers and footers are parts of their own
//! (`word/header1.xml`, …) and never read into the body.
//! A paragraph Word numbers automatically (编号: `w:numPr`, its own or its style's) reads with
//! the number Word shows before it (`一、总体情况`, a cell's `（一）予以公开`), from the
//! numbering part (`word/numbering.xml`) and the styles (`word/styles.xml`), read by the
//! `numbering` module; a number gouji cannot render for sure is left out, never guessed.
//! Never trusted: the inflated size of every part read is capped (zip bombs), a DOCTYPE is
//! refused and entities are never expanded.

use super::{Block, ContainerError, Layout, Piece, Place, Table, TableCell};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The most `word/document.xml` may inflate to.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;
/// The most `word/numbering.xml` or `word/styles.xml` may inflate to: a report's lists and
/// styles take some kilobytes.
pub const MAX_PART_INFLATED: u64 = 8 * 1024 * 1024;

mod numbering;
use numbering::{Numbering, ParaNum};

/// Read a .docx file's bytes.
pub fn read(bytes: &[u8]) -> Result<Layout, ContainerError> {
    if bytes.len() > crate::report::decode::MAX_REPORT_BYTES {
        return Err(ContainerError::TooLarge(bytes.len()));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ContainerError::Corrupt(crate::tr!("document-zip-unopenable", error = e.to_string()))
    })?;
    let xml = {
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
        String::from_utf8(xml)
            .map_err(|_| ContainerError::Corrupt(crate::tr!("document-docx-not-utf8")))?
    };
    // The numbering Word draws before paragraphs, and the styles that may carry it.
    let numbering = part(&mut archive, "word/numbering.xml")?;
    let styles = match numbering {
        Some(_) => part(&mut archive, "word/styles.xml")?,
        None => None,
    };
    let mut numbering = Numbering::read(numbering.as_deref(), styles.as_deref())?;
    parse_numbered(&xml, &mut numbering)
}

/// An optional part of the file (`None` if it is absent), capped at [`MAX_PART_INFLATED`].
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ContainerError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(ContainerError::Corrupt(crate::tr!(
                "document-docx-part-unpack",
                part = name,
                error = e.to_string()
            )))
        }
    };
    if file.encrypted() {
        return Err(ContainerError::Encrypted);
    }
    if file.size() > MAX_PART_INFLATED {
        return Err(ContainerError::ZipBomb {
            inflated: MAX_PART_INFLATED,
        });
    }
    let mut xml = Vec::new();
    file.take(MAX_PART_INFLATED + 1)
        .read_to_end(&mut xml)
        .map_err(|e| {
            ContainerError::Corrupt(crate::tr!(
                "document-docx-part-unpack",
                part = name,
                error = e.to_string()
            ))
        })?;
    if xml.len() as u64 > MAX_PART_INFLATED {
        return Err(ContainerError::ZipBomb {
            inflated: MAX_PART_INFLATED,
        });
    }
    String::from_utf8(xml).map(Some).map_err(|_| {
        ContainerError::Corrupt(crate::tr!("document-docx-part-not-utf8", part = name))
    })
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

/// The body's XML → layout, without numbering.
pub fn parse(xml: &str) -> Result<Layout, ContainerError> {
    parse_numbered(xml, &mut Numbering::default())
}

/// The body's XML → layout, each numbered paragraph's number text (as Word draws it from
/// `numbering`) put before its text.
fn parse_numbered(xml: &str, numbering: &mut Numbering) -> Result<Layout, ContainerError> {
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
    let mut outer: Vec<(String, ParaNum, bool)> = Vec::new();
    // The numbering the paragraph being read asks for (`w:pPr`), whether its number was put
    // before its text yet, and whether its `w:pPr` is being read.
    let mut num = ParaNum::default();
    let mut labelled = false;
    let mut in_ppr = false;
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
                    // `w:pPrChange`: the paragraph's properties before a tracked change.
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" | "pPrChange" => {
                        skip = 1
                    }
                    "p" => {
                        if in_para {
                            // A paragraph inside a paragraph: a text box's. The paragraph
                            // around it goes on after it.
                            outer.push((
                                std::mem::take(&mut text),
                                std::mem::take(&mut num),
                                labelled,
                            ));
                        }
                        in_para = true;
                        text.clear();
                        num = ParaNum::default();
                        labelled = false;
                    }
                    "pPr" if in_para => in_ppr = true,
                    "pStyle" | "numId" | "ilvl" if in_ppr => para_numbering(&name, &e, &mut num),
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
                    "pStyle" | "numId" | "ilvl" if in_ppr => {
                        para_numbering(&local(&e), &e, &mut num)
                    }
                    "p" if !in_para => {
                        // A paragraph without properties: numbered only by the default
                        // paragraph style, and then only counted (it has no text).
                        numbering.label(&ParaNum::default());
                        if tables.is_empty() && outer.is_empty() {
                            para_no += 1;
                        }
                    }
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
                    "pPr" if in_ppr => {
                        in_ppr = false;
                        if !labelled {
                            labelled = true;
                            if let Some(label) = numbering.label(&num) {
                                text.insert_str(0, &label);
                            }
                        }
                    }
                    "p" if in_para => {
                        in_para = false;
                        if !labelled {
                            // No `w:pPr`: the default paragraph style's numbering, if any.
                            if let Some(label) = numbering.label(&num) {
                                text.insert_str(0, &label);
                            }
                        }
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
                        if let Some((t, n, l)) = outer.pop() {
                            text = t;
                            num = n;
                            labelled = l;
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

/// A numbering property of a paragraph's `w:pPr`: its style, or its `w:numPr`'s list and level.
fn para_numbering(name: &str, e: &BytesStart, num: &mut ParaNum) {
    match name {
        "pStyle" => num.style = val(e),
        "numId" => num.num_id = val(e),
        "ilvl" => num.ilvl = val(e).and_then(|v| v.parse().ok()).filter(|&l| l < 9),
        _ => {}
    }
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

    /// The paragraphs and cells of a body read with this numbering part (one list: `一、`
    /// then `（一）`, followed by nothing; a second num of it starting `（一）` again) and a
    /// heading style numbered by it.
    fn numbered(body: &str) -> Layout {
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
        );
        let mut n = Numbering::read(Some(&numbering), Some(&styles)).unwrap();
        parse_numbered(
            &format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#),
            &mut n,
        )
        .unwrap()
    }

    fn para(ppr: &str, text: &str) -> String {
        format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    }

    fn num(id: u32, ilvl: u32) -> String {
        format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{id}"/></w:numPr>"#)
    }

    #[test]
    fn numbered_paragraphs_read_with_the_number_word_shows_at_their_place() {
        let heading = r#"<w:pStyle w:val="1"/>"#;
        let body = [
            para(heading, "总体情况"),
            para(&num(1, 1), "主动公开"),
            // A tracked change of the numbering: the properties before it are not in force.
            para(
                &format!(
                    r#"{}<w:pPrChange w:id="1" w:author="a"><w:pPr>{}</w:pPr></w:pPrChange>"#,
                    num(1, 1),
                    num(1, 0)
                ),
                "依申请公开",
            ),
            // numId 0: no numbering, though the style has one.
            para(
                &format!(r#"{heading}<w:numPr><w:numId w:val="0"/></w:numPr>"#),
                "说明",
            ),
            "<w:p/>".to_string(),
            para(heading, "主动公开政府信息情况"),
        ]
        .concat();
        assert_eq!(
            paragraphs(&numbered(&body)),
            [
                ("一、总体情况", "第1段"),
                ("（一）主动公开", "第2段"),
                ("（二）依申请公开", "第3段"),
                ("说明", "第4段"),
                ("二、主动公开政府信息情况", "第6段"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn numbered_paragraphs_in_cells_continue_the_list_and_keep_their_cell() {
        let cell = |ppr: &str, text: &str| format!("<w:tc>{}</w:tc>", para(ppr, text));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            para(&num(1, 0), "本年度办理结果"),
            cell(&num(1, 1), "予以公开"),
            cell("", "6"),
            // A num with a start override: its own list, starting again.
            cell(&num(2, 1), "部分公开"),
            cell(&num(1, 1), "不予公开"),
        );
        let l = numbered(&body);
        let Block::Table(t) = &l.blocks[1] else {
            panic!()
        };
        let cells: Vec<_> = t
            .rows
            .iter()
            .flatten()
            .map(|c| (c.piece.text.as_str(), c.piece.at.words().unwrap()))
            .collect();
        assert_eq!(
            cells,
            [
                ("（一）予以公开", "表1 第1行第1列".to_string()),
                ("6", "表1 第1行第2列".to_string()),
                ("（一）部分公开", "表1 第2行第1列".to_string()),
                ("（二）不予公开", "表1 第2行第2列".to_string()),
            ]
        );
    }

    #[test]
    fn a_text_box_in_a_numbered_paragraph_leaves_the_number_with_its_paragraph() {
        let body = format!(
            r#"<w:p><w:pPr>{}</w:pPr><w:r><w:t>总体</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>注</w:t></w:r></w:p></w:txbxContent></w:r><w:r><w:t>情况</w:t></w:r></w:p>"#,
            num(1, 0)
        );
        assert_eq!(
            paragraphs(&numbered(&body)),
            [("注", "第1段"), ("一、总体情况", "第1段")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn a_doctype_is_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><w:document><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(parse(xml).unwrap_err(), ContainerError::Doctype);
    }
}
