//! OFD (GB/T 33190) → [`Layout`]: text objects and path strokes rebuilt into paragraphs and
//! tables by [`crate::fixed`], every piece placed on its page.

use super::{ContainerError, Layout};
use crate::fixed::{self, PdfTool};

pub fn read(bytes: &[u8]) -> Result<Layout, ContainerError> {
    fixed::read(bytes, PdfTool::Builtin)
        .map(|laid| laid.to_layout())
        .map_err(ContainerError::Fixed)
}
