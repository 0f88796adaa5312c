//! Which container a file is: by its content first (magic bytes, the parts of a zip), then by
//! its extension.

use super::{ContainerError, Kind};

/// What the first bytes (and, for a zip, its part names) say a file is.
pub fn detect(bytes: &[u8], name: &str) -> Result<Kind, ContainerError> {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    // A saved page (MHTML) starts with its MIME headers, which no other kind does; they may run
    // to a few KB (a long page title in `Subject`).
    if super::mhtml::looks_mhtml(&bytes[..bytes.len().min(16 * 1024)]) {
        return Ok(Kind::Mhtml);
    }
    if find(head, b"%PDF-").is_some() {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ole_kind(bytes, &ext));
    }
    if looks_html(head) {
        return Ok(Kind::Html);
    }
    match ext.as_str() {
        "html" | "htm" | "shtml" | "xhtml" => Ok(Kind::Html),
        "mhtml" | "mht" => Ok(Kind::Mhtml),
        "docx" => Err(ContainerError::Corrupt(crate::tr!("document-docx-not-zip"))),
        "pdf" => Err(ContainerError::Corrupt(crate::tr!(
            "document-pdf-no-header"
        ))),
        "ofd" => Err(ContainerError::Corrupt(crate::tr!("document-ofd-not-zip"))),
        "doc" => Err(ContainerError::OldOffice("Word (.doc)")),
        "wps" => Err(ContainerError::OldOffice("WPS (.wps)")),
        "xls" | "et" => Err(ContainerError::OldOffice("Excel (.xls)")),
        _ => Ok(Kind::Text),
    }
}

/// The extensions of the files a folder is searched for.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "shtml", "mhtml", "mht", "docx", "pdf", "ofd", "doc", "wps", "xls",
    "et",
];

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn looks_html(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
        .unwrap_or(0);
    // Every test below needs a `<` first: a plain-text report is not lowercased for them.
    if head.get(start) != Some(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head[start..]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let s = &lower[..];
    s.starts_with(b"<!doctype html")
        || s.starts_with(b"<html")
        || (s.starts_with(b"<") && (find(s, b"<html").is_some() || find(s, b"<body").is_some()))
        || (s.starts_with(b"<?xml") && find(s, b"<html").is_some())
}

/// A zip: Word when it has `word/document.xml`, OFD when it has `OFD.xml`.
fn zip_kind(bytes: &[u8]) -> Result<Kind, ContainerError> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ContainerError::Corrupt(crate::tr!("document-zip-unopenable", error = e.to_string()))
    })?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    if names.iter().any(|n| n == "word/document.xml") {
        Ok(Kind::Docx)
    } else if names.iter().any(|n| n.eq_ignore_ascii_case("OFD.xml")) {
        Ok(Kind::Ofd)
    } else {
        Err(ContainerError::OtherZip)
    }
}

/// An OLE compound file: an encrypted Office file (its `EncryptedPackage` stream), else an
/// old Word, WPS or Excel file.
fn ole_kind(bytes: &[u8], ext: &str) -> ContainerError {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if find(bytes, &utf16("EncryptedPackage")).is_some() {
        return ContainerError::Encrypted;
    }
    if ext == "wps" || find(bytes, &utf16("WpsCustomData")).is_some() {
        return ContainerError::OldOffice("WPS (.wps)");
    }
    if ext == "xls" || ext == "et" || find(bytes, &utf16("Workbook")).is_some() {
        return ContainerError::OldOffice("Excel (.xls)");
    }
    ContainerError::OldOffice("Word (.doc)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_the_extension() {
        assert_eq!(
            detect(b"<!DOCTYPE html><html></html>", "a.txt"),
            Ok(Kind::Html)
        );
        assert_eq!(detect(b"%PDF-1.7\n", "a.html"), Ok(Kind::Pdf));
        assert_eq!(detect("一、总体情况".as_bytes(), "a.txt"), Ok(Kind::Text));
        assert_eq!(detect(b"<p>x</p>", "a.htm"), Ok(Kind::Html));
        let saved = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\"; boundary=\"b\"\r\n\r\n--b\r\n";
        assert_eq!(detect(saved, "a.txt"), Ok(Kind::Mhtml));
        assert_eq!(detect("一、总体情况".as_bytes(), "a.mht"), Ok(Kind::Mhtml));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(vec![0; 100]);
        assert_eq!(
            detect(&ole, "a.doc"),
            Err(ContainerError::OldOffice("Word (.doc)"))
        );
        assert!(matches!(
            detect(b"PK\x03\x04garbage", "a.docx"),
            Err(ContainerError::Corrupt(_))
        ));
    }
}
