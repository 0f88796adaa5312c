//! PDF with a text layer → [`Layout`]: glyph positions and ruling lines rebuilt into paragraphs
//! and tables by [`crate::fixed`], every piece placed on its page.

use super::{ContainerError, Layout};
use crate::fixed::{self, PdfTool};

/// Read a PDF with the tool chosen for this process ([`fixed::set_pdf_tool`]; gouji's own
/// reader unless `--pdf-tool pdftotext` was given).
pub fn read(bytes: &[u8]) -> Result<Layout, ContainerError> {
    read_with(bytes, fixed::pdf_tool())
}

/// Read a PDF with the chosen tool (`--pdf-tool pdftotext`).
pub fn read_with(bytes: &[u8], tool: PdfTool) -> Result<Layout, ContainerError> {
    fixed::read(bytes, tool)
        .map(|laid| laid.to_layout())
        .map_err(ContainerError::Fixed)
}
