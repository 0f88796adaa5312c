//! File URIs ↔ paths. URIs arrive percent-encoded (`%E6%8A%A5%E5%91%8A.txt`); paths are decoded
//! here and nowhere else. Bundled rule files get the stable `gouji-bundled:` URIs.

use lsp_types::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// The scheme of the rule files compiled into the binary.
pub const BUNDLED_SCHEME: &str = "gouji-bundled";

/// Characters escaped in a URI a client sent with raw characters: controls and spaces (and,
/// always, every non-ASCII byte); `%` is kept, so encoded URIs pass unchanged.
const RAW: &AsciiSet = &CONTROLS.add(b' ');

/// URIs sent with raw (not percent-encoded) characters, like `file:///ws/年报.txt`, are encoded
/// in place (`file:///ws/%E5%B9%B4%E6%8A%A5.txt`) so they parse; LSP requires encoded URIs but
/// some clients send them raw. Every `uri`, `rootUri` and `targetUri` string in `params`.
pub fn encode_raw_uris(params: &mut serde_json::Value) {
    match params {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(s)
                        if matches!(k.as_str(), "uri" | "rootUri" | "targetUri")
                            && s.bytes().any(|b| !b.is_ascii_graphic()) =>
                    {
                        *s = utf8_percent_encode(s, RAW).to_string();
                    }
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                        encode_raw_uris(v)
                    }
                    _ => {}
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(encode_raw_uris),
        _ => {}
    }
}

/// The decoded path of a `file:` URI.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // Skip an authority (`file://host/path`); local files have none.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?.into_owned();
    // `file:///C:/x` on Windows.
    let bytes = decoded.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':' && bytes[1].is_ascii_alphabetic() {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    // Escaped as every path gouji writes into a URI (`\` → `/`, everything but unreserved).
    let text = crate::diagnostic::sarif::uri_of(path.to_str()?);
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    Uri::from_str(&format!("file://{text}")).ok()
}

/// `gouji-bundled:///rules/gov-info-disclosure-2021.gouji`
pub fn bundled(name: &str) -> Option<Uri> {
    Uri::from_str(&format!(
        "{BUNDLED_SCHEME}:///{}",
        crate::diagnostic::sarif::uri_of(name)
    ))
    .ok()
}

/// A short name for a URI, for messages: the decoded file name.
pub fn display_name(uri: &Uri) -> String {
    let decoded = percent_decode_str(uri.as_str())
        .decode_utf8_lossy()
        .into_owned();
    let path = decoded.split(['?', '#']).next().unwrap_or(&decoded);
    path.rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or(path)
        .to_string()
}

/// The file name's extension, lowercased (`gouji`, `txt`, `md`, `toml`).
pub fn extension(uri: &Uri) -> String {
    let name = display_name(uri);
    match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// A path made comparable: canonical when it exists, else with `.` and `..` resolved by hand.
pub fn normalize(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_round_trip_through_percent_encoding() {
        let path = PathBuf::from("/tmp/年报 2023/青石县报告.txt");
        let uri = from_path(&path);
        let text = uri
            .as_ref()
            .map(|u| u.as_str().to_string())
            .unwrap_or_default();
        assert!(
            text.starts_with("file:///tmp/%E5%B9%B4%E6%8A%A5%202023/"),
            "{text}"
        );
        assert_eq!(uri.as_ref().and_then(to_path), Some(path));
        assert_eq!(
            uri.as_ref().map(display_name).as_deref(),
            Some("青石县报告.txt")
        );
    }

    #[test]
    fn windows_drive_letters_lose_their_leading_slash() {
        let uri = Uri::from_str("file:///C:/reports/a.txt").ok();
        assert_eq!(
            uri.as_ref().and_then(to_path),
            Some(PathBuf::from("C:/reports/a.txt"))
        );
    }
}
