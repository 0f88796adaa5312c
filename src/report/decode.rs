//! Bytes → text. UTF-8 (with or without BOM) is taken as is; anything else is identified
//! (GB18030/GBK is the common case) and decoded without loss, or refused with a reason.

use encoding_rs::Encoding;

/// Reports larger than this are refused rather than read slowly into memory.
pub const MAX_REPORT_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were in, when it was not UTF-8 (`GBK`, `Big5`, …).
    pub encoding: Option<&'static str>,
    pub had_bom: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    Empty,
    TooLarge(usize),
    Binary,
    UnknownEncoding,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str(&crate::tr!("decode-empty")),
            DecodeError::TooLarge(n) => f.write_str(&crate::tr!(
                "decode-too-large",
                size = n.to_string(),
                max = MAX_REPORT_BYTES.to_string()
            )),
            DecodeError::Binary => f.write_str(&crate::tr!("decode-binary")),
            DecodeError::UnknownEncoding => f.write_str(&crate::tr!("decode-unknown-encoding")),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_REPORT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    // encoding_rs's check of UTF-8 runs through Chinese text faster than `str::from_utf8`.
    if let Some(s) = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(Decoded {
            text: s.into_owned(),
            encoding: None,
            had_bom,
        });
    }
    // Not UTF-8: ask the detector, but prefer GB18030 (a superset of GBK and GB2312) whenever
    // the bytes decode under it without error, as Chinese government pages mostly are.
    let (text, _, errors) = encoding_rs::GB18030.decode(bytes);
    if !errors {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: Some("GB18030"),
            had_bom,
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc: &'static Encoding = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, errors) = enc.decode(bytes);
    if errors {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some(enc.name()),
        had_bom,
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    // Counted in blocks of 255 with a byte counter and no branch (the compiler can then count
    // many bytes in one step): this looks at the first 8 KB of every report.
    let control: usize = sample
        .chunks(255)
        .map(|block| {
            let n = block.iter().fold(0u8, |n, &b| {
                let control = (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c);
                n + u8::from(control)
            });
            usize::from(n)
        })
        .sum();
    control * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_decode_to_the_same_text() {
        let text = "一、总体情况\r\n（七）总计\t０\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Some("GB18030"));
    }

    #[test]
    fn bom_is_dropped_and_remembered() {
        let d = decode("\u{feff}一、总体情况".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text, "一、总体情况");
        assert!(d.had_bom);
    }

    #[test]
    fn a_file_larger_than_a_report_can_be_is_refused_with_its_size() {
        let big = vec![b'a'; MAX_REPORT_BYTES + 1];
        assert_eq!(
            decode(&big),
            Err(DecodeError::TooLarge(MAX_REPORT_BYTES + 1))
        );
        let said = crate::i18n::with_lang(crate::i18n::Lang::Zh, || {
            DecodeError::TooLarge(MAX_REPORT_BYTES + 1).to_string()
        });
        assert!(
            said.contains(&(MAX_REPORT_BYTES + 1).to_string()) && said.contains("超过"),
            "{said}"
        );
    }

    #[test]
    fn control_bytes_are_counted_as_one_by_one() {
        for len in [0, 1, 254, 255, 256, 600, 9000] {
            let bytes: Vec<u8> = (0..len).map(|i| ((i * 7) % 41) as u8 + 1).collect();
            let sample = &bytes[..bytes.len().min(8192)];
            let want = sample
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            assert_eq!(looks_binary(&bytes), want * 20 > sample.len(), "{len}");
        }
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\x00\x01\x02binary\x00"), Err(DecodeError::Binary));
    }
}
