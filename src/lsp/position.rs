//! Byte offsets ↔ LSP positions in the negotiated encoding (UTF-16 by default, UTF-8 when the
//! client offers it). Everything inside gouji is a byte span; only this file counts columns.

use crate::source::{SourceFile, Span};
use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it (no counting needed), else the protocol's default UTF-16.
    pub fn negotiate(offered: &[String]) -> Encoding {
        if offered
            .iter()
            .any(|e| e == PositionEncodingKind::UTF8.as_str())
        {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The position of a byte offset.
pub fn position(file: &SourceFile, offset: usize, enc: Encoding) -> Position {
    match enc {
        Encoding::Utf16 => {
            let (line, character) = file.line_col_utf16(offset);
            Position { line, character }
        }
        Encoding::Utf8 => {
            let offset = file.clamp(offset);
            let line = file.line_of(offset);
            Position {
                line: line as u32,
                character: (offset - file.line_start(line)) as u32,
            }
        }
    }
}

pub fn range(file: &SourceFile, span: Span, enc: Encoding) -> Range {
    Range {
        start: position(file, span.start, enc),
        end: position(file, span.end, enc),
    }
}

/// The byte offset of a position; past the end of a line means the end of that line, past the
/// last line the end of the text. Never inside a character.
pub fn offset(file: &SourceFile, pos: Position, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf16 => file.offset_utf16(pos.line, pos.character),
        Encoding::Utf8 => {
            let line = pos.line as usize;
            if line >= file.line_count() {
                return file.text.len();
            }
            let start = file.line_start(line);
            let rest = &file.text[start..];
            let end = start + rest.find(['\n', '\r']).unwrap_or(rest.len());
            file.clamp((start + pos.character as usize).min(end))
        }
    }
}

/// The range covering a whole text (for whole-document edits).
pub fn whole(file: &SourceFile, enc: Encoding) -> Range {
    Range {
        start: Position {
            line: 0,
            character: 0,
        },
        end: position(file, file.text.len(), enc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "（七）总计𐐀\t5\n第二行";

    #[test]
    fn utf16_counts_wide_chars_once_and_astral_chars_twice() {
        let f = SourceFile::new("r", LINE);
        let five = LINE.find('5').unwrap_or(0);
        assert_eq!(
            position(&f, five, Encoding::Utf16),
            Position {
                line: 0,
                character: 8
            }
        );
        assert_eq!(
            offset(
                &f,
                Position {
                    line: 0,
                    character: 8
                },
                Encoding::Utf16
            ),
            five
        );
    }

    #[test]
    fn utf8_columns_are_bytes_and_never_split_a_char() {
        let f = SourceFile::new("r", LINE);
        let five = LINE.find('5').unwrap_or(0);
        assert_eq!(
            position(&f, five, Encoding::Utf8),
            Position {
                line: 0,
                character: five as u32
            }
        );
        assert_eq!(
            offset(
                &f,
                Position {
                    line: 0,
                    character: 1
                },
                Encoding::Utf8
            ),
            0
        );
        assert_eq!(
            offset(
                &f,
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf8
            ),
            LINE.find('\n').unwrap_or(0)
        );
        assert_eq!(
            offset(
                &f,
                Position {
                    line: 7,
                    character: 0
                },
                Encoding::Utf8
            ),
            LINE.len()
        );
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(
            Encoding::negotiate(&["utf-16".into(), "utf-8".into()]),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(&["utf-32".into()]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }
}
