//! Source files and byte spans. Every position in gouji is a byte range into the text of one
//! file; conversion to lines and columns happens only at the edges (rendering, JSON, LSP).

use serde::Serialize;

/// Index of a file in a [`Sources`] map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub usize);

/// A byte range `start..end` into one file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start, end }
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One loaded file: a display name and its (decoded, UTF-8) text.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The last column counted ([`SourceFile::line_col_chars`]): its offset in the high half,
    /// its characters from the start of its line in the low half (0 when none). A finding's
    /// positions come in order along long lines (a crawled page is often one line of thousands of
    /// characters), so the next column is counted on from the last one instead of from the
    /// line's start. One word, so threads sharing the file never see half of an update.
    last_col: std::sync::atomic::AtomicU64,
}

impl Clone for SourceFile {
    fn clone(&self) -> SourceFile {
        SourceFile {
            name: self.name.clone(),
            text: self.text.clone(),
            line_starts: self.line_starts.clone(),
            last_col: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        // `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line, as in LSP.
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        // memchr's vectorised search for the two line-ending bytes; a `\r` ends a line unless a
        // `\n` follows it.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            last_col: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Clamp an offset into the text and onto a char boundary.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// 1-based line of a byte offset (what `line_col_chars(offset).0` says, without counting
    /// the column).
    pub fn line_1(&self, offset: usize) -> usize {
        self.line_of(self.clamp(offset)) + 1
    }

    /// 1-based lines and columns (counted in characters) of a span's start and end: the end's
    /// column counted on from the start's when both are on one line.
    pub fn span_line_col_chars(
        &self,
        start: usize,
        end: usize,
    ) -> ((usize, usize), (usize, usize)) {
        let (line, col) = self.line_col_chars(start);
        let (s, e) = (self.clamp(start), self.clamp(end));
        if e >= s && self.line_of(e) + 1 == line {
            let more = self.text[s..e].chars().count();
            return ((line, col), (line, col + more));
        }
        ((line, col), self.line_col_chars(end))
    }

    /// 1-based line and 1-based column counted in characters (the JSON output's convention).
    pub fn line_col_chars(&self, offset: usize) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        // Counted on from the last column when that was on this line, at or before `offset`.
        let last = self.last_col.load(Relaxed);
        let (last_at, last_col) = ((last >> 32) as usize, (last & 0xFFFF_FFFF) as usize);
        let col = if last != 0 && (start..=offset).contains(&last_at) {
            last_col + self.text[last_at..offset].chars().count()
        } else {
            self.text[start..offset].chars().count()
        };
        if let (Ok(at), Ok(c)) = (u32::try_from(offset), u32::try_from(col)) {
            self.last_col
                .store((u64::from(at) << 32) | u64::from(c), Relaxed);
        }
        (line + 1, col + 1)
    }

    /// 0-based line and column counted in UTF-16 code units (the LSP default).
    pub fn line_col_utf16(&self, offset: usize) -> (u32, u32) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column; clamps past the end of the line.
    pub fn offset_utf16(&self, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= col || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

/// All the files of one run: rule files and reports.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name, text));
        FileId(self.files.len() - 1)
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    /// Drop the files added after the first `len` (a batch drops each report once it is written).
    pub fn truncate(&mut self, len: usize) {
        self.files.truncate(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_wide_chars() {
        let f = SourceFile::new("x", "（七）总计𐐀x\n第二行");
        let x = f.text.find('x').unwrap_or(0);
        assert_eq!(f.line_col_utf16(x), (0, 7));
        assert_eq!(f.line_col_chars(x), (1, 7));
        assert_eq!(f.offset_utf16(0, 7), x);
        let second = f.text.find('第').unwrap_or(0);
        assert_eq!(f.line_col_utf16(second), (1, 0));
        assert_eq!(f.offset_utf16(1, 99), f.text.len());
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_like_lf_and_crlf() {
        let f = SourceFile::new("x", "一\r二\r\n三\n四");
        assert_eq!(f.line_count(), 4);
        let four = f.text.find('四').unwrap_or(0);
        assert_eq!(f.line_col_chars(four), (4, 1));
        assert_eq!(f.line_col_chars(f.text.find('二').unwrap_or(0)), (2, 1));
        // Past the end of line 1 is its end, before the `\r`.
        assert_eq!(f.offset_utf16(0, 99), "一".len());
    }

    #[test]
    fn line_ends_found_by_the_vectorised_search_are_the_ones_found_one_by_one() {
        let text = "一二三四五六七八九十\r\nabcdefgh\rijklmnopqrstu\n\n总计\r";
        let f = SourceFile::new("x", text);
        let mut want = vec![0];
        let b = text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                want.push(i + 1);
            }
        }
        assert_eq!(f.line_starts, want);
        for s in 0..=text.len() {
            for e in s..=text.len() {
                if text.is_char_boundary(s) && text.is_char_boundary(e) {
                    let (a, z) = f.span_line_col_chars(s, e);
                    assert_eq!((a, z), (f.line_col_chars(s), f.line_col_chars(e)));
                }
            }
        }
        assert_eq!(f.line_1(text.find('总').unwrap_or(0)), 5);
    }
}
