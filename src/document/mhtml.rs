//! A web page saved as one file (MHTML: `.mhtml` from Chrome or Edge, `.mht` from Internet
//! Explorer): a MIME `multipart/related` message whose main `text/html` part is the page. The
//! part is taken out, its transfer encoding (quoted-printable, base64, 7bit/8bit) undone, and the
//! page read by the HTML reader with the part's charset as the declared one. Frames the browser
//! saved as parts of their own (`<iframe src="cid:…">`, or a part's `Content-Location`) are laid
//! after the page in the text findings are shown against and read in their place, as deep as
//! `srcdoc` frames. Nothing is fetched: a `Content-Location` is only a name.
//!
//! Our own splitter rather than a mail crate: the page must keep, for every decoded byte, the
//! line of the file it came from (a finding names that line too), and a damaged encoding must be
//! refused, never skipped over as a lenient mail reader does.

use super::{ContainerError, Layout};

/// The header lines of a part (or of the file): names lowercased, folded lines joined.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The most header bytes read before the blank line that ends them.
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// How many multiparts may stand one inside another.
const MAX_NESTING: usize = 4;

/// The headers starting at `from`, and where the body after their blank line starts; `None`
/// when no blank line ends them within [`MAX_HEADER_BYTES`] (or before `end`), or a line is not
/// a header.
fn headers(bytes: &[u8], from: usize, end: usize) -> Option<(Headers, usize)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut at = from;
    let limit = end.min(from.saturating_add(MAX_HEADER_BYTES));
    while at < limit {
        let eol = memchr::memchr(b'\n', &bytes[at..limit]).map(|p| at + p)?;
        let line = &bytes[at..eol];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at = eol + 1;
        if line.is_empty() {
            return Some((Headers(fields), at));
        }
        let text = String::from_utf8_lossy(line);
        if line[0] == b' ' || line[0] == b'\t' {
            // A folded line goes on the header before it.
            let (_, v) = fields.last_mut()?;
            v.push(' ');
            v.push_str(text.trim());
            continue;
        }
        let (name, value) = text.split_once(':')?;
        let name = name.trim_end();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        fields.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    None
}

/// A `Content-Type` value: the media type lowercased, and its parameters (names lowercased,
/// quotes taken off).
fn content_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => pieces.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    pieces.push(cur);
    let mime = pieces[0].trim().to_ascii_lowercase();
    let params = pieces[1..]
        .iter()
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect();
    (mime, params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Whether the first bytes of a file are a MIME message holding a saved page: a header block
/// with `MIME-Version` and a `multipart/related` `Content-Type` (any case, CRLF or LF, folded
/// lines).
pub fn looks_mhtml(head: &[u8]) -> bool {
    let from = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // The header block may run past the bytes looked at: read the whole header lines that are
    // there.
    let head = &head[from..];
    // A header's name comes first: most files are told apart by their first byte.
    if !head.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let whole = memchr::memrchr(b'\n', head).map_or(0, |p| p + 1);
    let mut text = head[..whole].to_vec();
    text.extend_from_slice(b"\n\n");
    let Some((h, _)) = headers(&text, 0, text.len()) else {
        return false;
    };
    h.get("mime-version").is_some()
        && h.get("content-type")
            .is_some_and(|v| content_type(v).0 == "multipart/related")
}

/// One part of the message: its headers and where its body is in the file.
#[derive(Debug)]
struct Part {
    headers: Headers,
    body: std::ops::Range<usize>,
}

impl Part {
    fn mime(&self) -> (String, Vec<(String, String)>) {
        content_type(self.headers.get("content-type").unwrap_or("text/plain"))
    }
    fn is_html(&self) -> bool {
        matches!(
            self.mime().0.as_str(),
            "text/html" | "application/xhtml+xml"
        )
    }
    /// The `Content-ID` without its angle brackets.
    fn id(&self) -> Option<&str> {
        self.headers
            .get("content-id")
            .map(|v| v.trim().trim_start_matches('<').trim_end_matches('>'))
    }
    fn location(&self) -> Option<&str> {
        self.headers.get("content-location").map(str::trim)
    }
}

fn corrupt(why: String) -> ContainerError {
    ContainerError::Corrupt(why)
}

/// The leaf parts of the multipart body `body` (parts of nested multiparts in their place).
fn split(
    bytes: &[u8],
    body: std::ops::Range<usize>,
    boundary: &str,
    nesting: usize,
    out: &mut Vec<Part>,
) -> Result<(), ContainerError> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    // (where the delimiter line starts, where the line after it starts, closing).
    let mut marks: Vec<(usize, usize, bool)> = Vec::new();
    let mut line = body.start;
    while line < body.end {
        let eol = memchr::memchr(b'\n', &bytes[line..body.end]).map_or(body.end, |p| line + p);
        let text = &bytes[line..eol];
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if let Some(rest) = text.strip_prefix(delim) {
            let (closing, rest) = match rest.strip_prefix(b"--") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            if rest.iter().all(|b| matches!(b, b' ' | b'\t')) {
                marks.push((line, (eol + 1).min(body.end), closing));
                if closing {
                    break;
                }
            }
        }
        line = eol + 1;
    }
    if marks.is_empty() {
        return Err(corrupt(crate::tr!("mhtml-no-parts", boundary = boundary)));
    }
    if !marks.last().is_some_and(|m| m.2) {
        return Err(corrupt(crate::tr!(
            "mhtml-unterminated",
            boundary = boundary
        )));
    }
    for w in marks.windows(2) {
        let start = w[0].1;
        // The line break before a delimiter belongs to it.
        let mut end = w[1].0.max(start);
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let Some((headers, body_start)) = headers(bytes, start, end.max(start)).or_else(|| {
            // A part whose headers run to its end (no body): read its headers anyway.
            let mut with_end = bytes[start..end].to_vec();
            with_end.extend_from_slice(b"\n\n");
            headers(&with_end, 0, with_end.len()).map(|(h, _)| (h, end))
        }) else {
            return Err(corrupt(crate::tr!(
                "mhtml-bad-headers",
                line = line_of(bytes, start).to_string()
            )));
        };
        let part = Part {
            headers,
            body: body_start.min(end)..end,
        };
        let (mime, params) = part.mime();
        if mime.starts_with("multipart/") {
            if nesting >= MAX_NESTING {
                return Err(corrupt(crate::tr!("mhtml-too-deep")));
            }
            let b = param(&params, "boundary")
                .ok_or_else(|| corrupt(crate::tr!("mhtml-no-boundary")))?
                .to_string();
            split(bytes, part.body.clone(), &b, nesting + 1, out)?;
        } else {
            out.push(part);
        }
    }
    Ok(())
}

/// The 1-based line of byte `at` of the file.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count()
}

/// A part's body with its transfer encoding undone, and the line of the file each stretch of
/// it came from: `(offset in the decoded bytes, file line)`, one entry where the line changes.
struct Decoded {
    bytes: Vec<u8>,
    lines: Vec<(usize, u32)>,
}

impl Decoded {
    fn push(&mut self, b: u8, line: u32) {
        if self.lines.last().map(|l| l.1) != Some(line) {
            self.lines.push((self.bytes.len(), line));
        }
        self.bytes.push(b);
    }
}

fn transfer_decode(bytes: &[u8], part: &Part) -> Result<Decoded, ContainerError> {
    let encoding = part
        .headers
        .get("content-transfer-encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let body = part.body.clone();
    let first = u32::try_from(line_of(bytes, body.start)).unwrap_or(u32::MAX);
    let mut out = Decoded {
        bytes: Vec::with_capacity(body.len()),
        lines: Vec::new(),
    };
    match encoding.as_str() {
        "7bit" | "8bit" | "binary" | "" => {
            let mut line = first;
            for &b in &bytes[body] {
                out.push(b, line);
                if b == b'\n' {
                    line = line.saturating_add(1);
                }
            }
        }
        "quoted-printable" => quoted_printable(&bytes[body], first, &mut out)?,
        "base64" => base64(&bytes[body], first, &mut out)?,
        other => {
            return Err(corrupt(crate::tr!(
                "mhtml-unknown-encoding",
                encoding = other.to_string()
            )))
        }
    }
    Ok(out)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Quoted-printable (RFC 2045 6.7): `=XX` a byte, `=` at a line's end a soft break (no byte),
/// blanks before a line's end added in transport and dropped. Any other `=` is damage: refused.
fn quoted_printable(body: &[u8], first: u32, out: &mut Decoded) -> Result<(), ContainerError> {
    let mut line = first;
    let mut i = 0;
    // Where the blanks written as themselves at the end of the decoded bytes start.
    let mut blanks: Option<usize> = None;
    while i < body.len() {
        let b = body[i];
        if b == b'=' {
            let mut j = i + 1;
            while j < body.len() && matches!(body[j], b' ' | b'\t') {
                j += 1;
            }
            if j < body.len() && body[j] == b'\r' {
                j += 1;
            }
            if j == body.len() || body[j] == b'\n' {
                i = j + 1;
                line = line.saturating_add(1);
                continue;
            }
            match (hex(body[i + 1]), body.get(i + 2).copied().and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l, line);
                    blanks = None;
                    i += 3;
                }
                _ => {
                    return Err(corrupt(crate::tr!(
                        "mhtml-bad-quoted-printable",
                        line = line.to_string()
                    )))
                }
            }
            continue;
        }
        if b == b'\r' || b == b'\n' {
            if let Some(k) = blanks.take() {
                out.bytes.truncate(k);
                while out.lines.last().is_some_and(|l| l.0 >= k) {
                    out.lines.pop();
                }
            }
        } else if b == b' ' || b == b'\t' {
            blanks.get_or_insert(out.bytes.len());
        } else {
            blanks = None;
        }
        out.push(b, line);
        if b == b'\n' {
            line = line.saturating_add(1);
        }
        i += 1;
    }
    if let Some(k) = blanks {
        out.bytes.truncate(k);
        while out.lines.last().is_some_and(|l| l.0 >= k) {
            out.lines.pop();
        }
    }
    Ok(())
}

/// Base64 (RFC 2045 6.8): line breaks and blanks between the characters are skipped; any other
/// character, padding anywhere but at the end, or a last group cut short is damage: refused.
fn base64(body: &[u8], first: u32, out: &mut Decoded) -> Result<(), ContainerError> {
    let mut line = first;
    let mut group = [0u8; 4];
    let mut n = 0;
    let mut group_line = line;
    let mut pad = 0;
    // Padding ends the data: after a padded group only blanks and line breaks.
    let mut ended = false;
    let bad = |line: u32| corrupt(crate::tr!("mhtml-bad-base64", line = line.to_string()));
    for &c in body {
        let v = match c {
            b'\n' => {
                line = line.saturating_add(1);
                continue;
            }
            b'\r' | b' ' | b'\t' => continue,
            _ if ended => return Err(bad(line)),
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' if n >= 2 => {
                pad += 1;
                0
            }
            _ => return Err(bad(line)),
        };
        if pad > 0 && c != b'=' {
            return Err(bad(line));
        }
        if n == 0 {
            group_line = line;
        }
        group[n] = v;
        n += 1;
        if n == 4 {
            let bytes = [
                (group[0] << 2) | (group[1] >> 4),
                (group[1] << 4) | (group[2] >> 2),
                (group[2] << 6) | group[3],
            ];
            for &b in &bytes[..3 - pad] {
                out.push(b, group_line);
            }
            n = 0;
            ended = pad > 0;
        }
    }
    if n != 0 {
        return Err(bad(line));
    }
    Ok(())
}

/// Where each stretch of the text findings are shown against came from in the file: the file's
/// line of every byte offset, as `(offset, line)` where the line changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileLines(Vec<(usize, u32)>);

impl FileLines {
    /// The 1-based line of the file that byte `off` of the text came from.
    pub fn line_at(&self, off: usize) -> Option<u32> {
        let i = self.0.partition_point(|&(o, _)| o <= off);
        self.0.get(i.checked_sub(1)?).map(|&(_, l)| l)
    }
}

/// A page decoded into `text` (appended), with its file lines moved from the part's decoded
/// bytes to the characters of the text.
fn decode_part(
    decoded: &Decoded,
    charset: Option<&str>,
    text: &mut String,
    lines: &mut Vec<(usize, u32)>,
) -> Result<(), ContainerError> {
    let declared = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        // A part said to be UTF-16 whose bytes have no zero byte is not: ASCII bytes decoded as
        // UTF-16 would be made-up characters.
        .filter(|&e| {
            (e != encoding_rs::UTF_16LE && e != encoding_rs::UTF_16BE) || decoded.bytes.contains(&0)
        });
    let (page, enc, bom) = super::html::decode_page_declared(&decoded.bytes, declared)
        .map_err(|e| corrupt(crate::tr!("mhtml-page-unreadable", why = e.to_string())))?;
    // Decode again stretch by stretch with the encoding the page was read in: the text written
    // so far when a stretch starts is where its line starts in the page.
    let base = text.len();
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut again = String::with_capacity(page.len());
    let stretches = &decoded.lines;
    for (k, &(from, line)) in stretches.iter().enumerate() {
        let to = stretches.get(k + 1).map_or(decoded.bytes.len(), |s| s.0);
        let from = from.max(bom);
        if from >= to {
            continue;
        }
        lines.push((base + again.len(), line));
        let chunk = &decoded.bytes[from..to];
        let need = decoder
            .max_utf8_buffer_length(chunk.len())
            .unwrap_or(chunk.len() * 3 + 16);
        again.reserve(need);
        let _ = decoder.decode_to_string(chunk, &mut again, false);
    }
    let mut tail = String::with_capacity(16);
    let _ = decoder.decode_to_string(b"", &mut tail, true);
    again.push_str(&tail);
    if again != page {
        // Not the same characters (cannot happen for a page decoded without loss): no lines.
        lines.retain(|&(o, _)| o < base);
    }
    text.push_str(&page);
    Ok(())
}

/// A saved page read: the text findings are shown against (the main page, then each other
/// saved page), its lines in the file, and its layout.
pub struct Read {
    pub text: String,
    pub lines: FileLines,
    pub layout: Layout,
}

/// Read an MHTML file.
pub fn read(bytes: &[u8]) -> Result<Read, ContainerError> {
    read_capped(bytes, crate::report::decode::MAX_REPORT_BYTES)
}

fn read_capped(bytes: &[u8], cap: usize) -> Result<Read, ContainerError> {
    let from = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let (top, body) = headers(bytes, from, bytes.len())
        .filter(|(h, _)| h.get("content-type").is_some())
        .ok_or_else(|| corrupt(crate::tr!("mhtml-no-headers")))?;
    let (mime, params) = content_type(top.get("content-type").unwrap_or(""));
    let snapshot = top
        .get("snapshot-content-location")
        .map(|s| s.trim().to_string());
    let mut parts = Vec::new();
    if mime.starts_with("multipart/") {
        let boundary =
            param(&params, "boundary").ok_or_else(|| corrupt(crate::tr!("mhtml-no-boundary")))?;
        split(bytes, body..bytes.len(), boundary, 0, &mut parts)?;
    } else {
        // A page saved as a single part.
        parts.push(Part {
            headers: top,
            body: body..bytes.len(),
        });
    }
    // The main page: the part `start` names, else the one at the snapshot's location, else
    // the first page.
    let start =
        param(&params, "start").map(|s| s.trim().trim_start_matches('<').trim_end_matches('>'));
    let main = start
        .and_then(|s| parts.iter().position(|p| p.is_html() && p.id() == Some(s)))
        .or_else(|| {
            let snap = snapshot.as_deref()?;
            parts
                .iter()
                .position(|p| p.is_html() && p.location() == Some(snap))
        })
        .or_else(|| parts.iter().position(Part::is_html))
        .ok_or_else(|| corrupt(crate::tr!("mhtml-no-page")))?;
    // The main page first, then every other saved page (a frame's), in the file's order.
    let order: Vec<usize> = std::iter::once(main)
        .chain((0..parts.len()).filter(|&i| i != main && parts[i].is_html()))
        .collect();
    let mut text = String::new();
    let mut lines = Vec::new();
    // Where each saved page is in the text.
    let mut ranges: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut page_len = 0;
    for (n, &i) in order.iter().enumerate() {
        let part = &parts[i];
        let decoded = transfer_decode(bytes, part)?;
        if decoded.bytes.len() > cap {
            return Err(ContainerError::TooLarge(decoded.bytes.len()));
        }
        if n > 0 {
            text.push('\n');
        }
        let start = text.len();
        let charset = param(&part.mime().1, "charset").map(str::to_string);
        decode_part(&decoded, charset.as_deref(), &mut text, &mut lines)?;
        if text.len() > cap {
            return Err(ContainerError::TooLarge(text.len()));
        }
        if n == 0 {
            page_len = text.len();
        }
        ranges.push((i, start..text.len()));
    }
    let frames = |src: &str| -> Option<std::ops::Range<usize>> {
        let by_id = src
            .strip_prefix("cid:")
            .or_else(|| src.strip_prefix("CID:"))
            .map(|id| {
                percent_encoding::percent_decode_str(id)
                    .decode_utf8_lossy()
                    .into_owned()
            });
        ranges.iter().find_map(|(i, r)| {
            let p = &parts[*i];
            let hit = match &by_id {
                Some(id) => p.id() == Some(id.as_str()),
                None => p.location() == Some(src),
            };
            hit.then(|| r.clone())
        })
    };
    let layout = super::html::read_with_frames(&text, page_len, &frames);
    Ok(Read {
        text,
        lines: FileLines(lines),
        layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(file: &str) -> Result<String, ContainerError> {
        read(file.as_bytes()).map(|r| r.text)
    }

    const HEAD: &str = "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"--B--\"\r\n\r\n";

    #[test]
    fn a_saved_page_is_told_by_its_headers() {
        assert!(looks_mhtml(HEAD.as_bytes()));
        assert!(looks_mhtml(
            b"mime-version: 1.0\ncontent-type: Multipart/Related; boundary=x\n"
        ));
        assert!(!looks_mhtml(
            b"MIME-Version: 1.0\nContent-Type: text/plain\n\n"
        ));
        assert!(!looks_mhtml("一、总体情况\n".as_bytes()));
        assert!(!looks_mhtml(
            b"Content-Type: multipart/related\n\nMIME-Version: 1.0\n"
        ));
    }

    #[test]
    fn quoted_printable_soft_breaks_and_escapes_are_undone() {
        let file = format!(
            "{HEAD}----B--\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80=E3=80=81=E6=80=BB=E4=BD=93=\r\n=E6=83=85=E5=86=B5</p> =20\r\n<p a=3D\"b\">x</p>  \r\n----B----\r\n"
        );
        assert_eq!(
            page_of(&file).unwrap(),
            "<p>一、总体情况</p>  \r\n<p a=\"b\">x</p>"
        );
        let r = read(file.as_bytes()).unwrap();
        // `情` was written on the file's 11th line, after the soft break.
        let at = r.text.find('情').unwrap();
        assert_eq!(r.lines.line_at(at), Some(12));
        assert_eq!(r.lines.line_at(r.text.find('总').unwrap()), Some(11));
        assert_eq!(r.lines.line_at(r.text.find('x').unwrap()), Some(13));
    }

    #[test]
    fn base64_and_the_parts_charset_are_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>政府信息公开</p>");
        let b64: String = {
            const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut s = String::new();
            for c in gbk.chunks(3) {
                let n = c.len();
                let v = (u32::from(c[0]) << 16)
                    | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*c.get(2).unwrap_or(&0));
                for k in 0..4 {
                    if k <= n {
                        s.push(A[((v >> (18 - 6 * k)) & 63) as usize] as char);
                    } else {
                        s.push('=');
                    }
                }
            }
            s
        };
        let (a, b) = b64.split_at(8);
        let file = format!(
            "{HEAD}----B--\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{a}\r\n{b}\r\n----B----\r\n"
        );
        assert_eq!(page_of(&file).unwrap(), "<p>政府信息公开</p>");
        let bad = file.replace(&b[..2], "!?");
        assert!(matches!(
            read(bad.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        let cut = file.replace(b, &b[..b.len() - 1]);
        assert!(matches!(
            read(cut.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
    }

    #[test]
    fn damage_is_refused_never_read_around() {
        let part = "----B--\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80</p>\r\n";
        // No closing delimiter: cut off.
        let cut = format!("{HEAD}{part}");
        assert!(matches!(
            read(cut.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        // A bad escape.
        let bad = format!("{HEAD}{}----B----\r\n", part.replace("=B8", "=ZZ"));
        assert!(matches!(
            read(bad.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        // An encoding nobody knows.
        let odd = format!(
            "{HEAD}{}----B----\r\n",
            part.replace("quoted-printable", "x-uuencode")
        );
        assert!(matches!(
            read(odd.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        // No page at all.
        let none = format!("{HEAD}----B--\r\nContent-Type: image/png\r\n\r\nxx\r\n----B----\r\n");
        assert!(matches!(
            read(none.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        // No delimiter at all.
        let no = format!("{HEAD}<p>x</p>\r\n");
        assert!(matches!(
            read(no.as_bytes()),
            Err(ContainerError::Corrupt(_))
        ));
        // A part past the cap.
        let ok = format!("{HEAD}{part}----B----\r\n");
        assert!(read(ok.as_bytes()).is_ok());
        assert!(matches!(
            read_capped(ok.as_bytes(), 8),
            Err(ContainerError::TooLarge(_))
        ));
    }

    #[test]
    fn the_start_part_is_the_page_and_a_saved_frame_is_read_in_its_place() {
        let file = format!(
            "{}----B--\r\nContent-Type: text/html\r\nContent-ID: <frame-2@mhtml.blink>\r\n\r\n<p>一、总体情况</p>\r\n----B--\r\nContent-Type: text/html\r\nContent-ID: <main@x>\r\n\r\n<p>前</p><iframe src=\"cid:frame-2@mhtml.blink\"></iframe><p>后</p>\r\n----B----\r\n",
            HEAD.replace("boundary=", "start=\"<main@x>\"; boundary=")
        );
        let r = read(file.as_bytes()).unwrap();
        let texts: Vec<String> = r
            .layout
            .blocks
            .iter()
            .filter_map(|b| match b {
                super::super::Block::Paragraph(p) => Some(p.text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["前", "一、总体情况", "后"]);
        let super::super::Block::Paragraph(p) = &r.layout.blocks[1] else {
            panic!("no paragraph")
        };
        let at = p.at.source_offset(0).unwrap();
        assert!(r.text[at..].starts_with("一、总体情况"));
        assert_eq!(r.lines.line_at(at), Some(11));
    }

    #[test]
    fn a_saved_page_cut_off_is_an_error_and_one_garbled_anywhere_never_a_panic() {
        for file in [
            &include_bytes!("../../tests/fixtures/containers/report-2023-framed.mhtml")[..],
            &include_bytes!("../../tests/fixtures/containers/report-2023-base64.mhtml")[..],
        ] {
            // Cut off before its closing delimiter line: never read as a page.
            let closing = memchr::memmem::rfind(file, b"\n--").unwrap_or(0);
            for cut in (0..closing).step_by(97) {
                assert!(read(&file[..cut]).is_err(), "cut at {cut}");
            }
            for at in (0..file.len()).step_by(89) {
                for b in [b'=', b'-', b'\n', 0xFF, b'!'] {
                    let mut f = file.to_vec();
                    f[at] = b;
                    let _ = read(&f);
                }
            }
        }
    }
}
