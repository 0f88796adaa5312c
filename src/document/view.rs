//! A [`Layout`] laid out as text for the report reader: each paragraph on its own line(s), each
//! table row on one line with its cells between tabs. The cells of every row are kept, so the
//! reader takes them as they are ([`KnownRow`]); offsets map back to the [`Place`] of each piece.

use super::{Block, Image, Layout, Place};

/// A table row of the view: its byte range and its cells' ranges, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownRow {
    pub start: usize,
    pub end: usize,
    pub cells: Vec<KnownCell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KnownCell {
    pub start: usize,
    pub end: usize,
    /// How many grid columns the cell spans (a cell over several may hold several values run
    /// together; a cell of one column holds one).
    pub columns: usize,
}

/// The text the reader reads, and where each byte of it came from.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub text: String,
    /// Every table row, in text order.
    pub rows: Vec<KnownRow>,
    /// `(start, end, place)` of each piece in the text, in order.
    pieces: Vec<(usize, usize, Place)>,
    /// The layout's pictures, each with the offset in the text where it stands (before the
    /// first piece that follows it in the file).
    pub images: Vec<(usize, Image)>,
}

impl View {
    pub fn new(layout: &Layout) -> View {
        let mut v = View::default();
        for block in &layout.blocks {
            match block {
                Block::Paragraph(p) => {
                    let start = v.text.len();
                    v.text.push_str(&p.text.replace(['\r', '\t'], " "));
                    v.pieces.push((start, v.text.len(), p.at.clone()));
                    v.text.push('\n');
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        if row.is_empty() {
                            continue;
                        }
                        let rstart = v.text.len();
                        let mut cells = Vec::new();
                        for (i, c) in row.iter().enumerate() {
                            if i > 0 {
                                v.text.push('\t');
                            }
                            // Cells left empty by spans are not in the row; a cell spanning
                            // columns is one cell.
                            let line = one_line(&c.piece.text);
                            let start = v.text.len();
                            v.text.push_str(&line);
                            v.pieces.push((start, v.text.len(), c.piece.at.clone()));
                            cells.push(KnownCell {
                                start,
                                end: v.text.len(),
                                columns: c.col_span.max(1),
                            });
                        }
                        v.rows.push(KnownRow {
                            start: rstart,
                            end: v.text.len(),
                            cells,
                        });
                        v.text.push('\n');
                    }
                    v.text.push('\n');
                }
            }
        }
        v.images = layout
            .images
            .iter()
            .map(|img| (v.offset_before(&img.at), img.clone()))
            .collect();
        v
    }

    /// Where in the text something at `place` in the file stands: the start of the first piece
    /// at or after it (the text's end after the last). Pictures of a page (by source offset) and
    /// of a Word body (by paragraph) are placed so.
    fn offset_before(&self, place: &Place) -> usize {
        let after = |p: &Place| match (place, p) {
            (Place::Source { runs }, Place::Source { runs: r }) => {
                match (runs.first(), r.first()) {
                    (Some(a), Some(b)) => b.1 >= a.1,
                    _ => false,
                }
            }
            (Place::WordParagraph(n), Place::WordParagraph(m)) => m >= n,
            _ => false,
        };
        self.pieces
            .iter()
            .find(|p| after(&p.2))
            .map_or(self.text.len(), |p| p.0)
    }

    /// The table row holding byte `off` of the text.
    pub fn row_at(&self, off: usize) -> Option<&KnownRow> {
        let i = self.rows.partition_point(|r| r.end < off);
        self.rows.get(i).filter(|r| r.start <= off && off <= r.end)
    }

    /// The piece holding byte `off`: its place and the offset within it.
    pub fn place_at(&self, off: usize) -> Option<(&Place, usize)> {
        let i = self.pieces.partition_point(|p| p.1 < off);
        self.pieces
            .get(i)
            .filter(|p| p.0 <= off && off <= p.1)
            .map(|p| (&p.2, off - p.0))
    }

    /// The source offset of byte `off` of the view (HTML): the nearest piece's place, else
    /// `None` (a separator gouji wrote).
    pub fn to_source(&self, off: usize) -> Option<usize> {
        let (place, within) = self.place_at(off)?;
        place.source_offset(within)
    }
}

/// A piece's text on one line: line breaks inside a cell or paragraph become spaces, since a
/// cell's own breaks are not the table's rows. Lengths are kept (one byte for one byte) so
/// offsets within the piece hold.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect()
}
