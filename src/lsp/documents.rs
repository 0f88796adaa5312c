//! The documents the editor has open: their text as typed (unsaved), version and kind.

use super::position::{self, Encoding};
use super::uri;
use crate::source::SourceFile;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `.gouji` rule file.
    Rules,
    /// A report (`.txt`, `.md`, a saved web page `.html`).
    Report,
    /// `gouji.toml`.
    Config,
    Other,
}

impl Kind {
    pub fn of(uri: &Uri, language_id: &str) -> Kind {
        match (uri::extension(uri).as_str(), language_id) {
            (_, "gouji") | ("gouji", _) => Kind::Rules,
            // The VS Code extension's language for reports it recognises by name.
            (_, "gouji-report") => Kind::Report,
            ("txt" | "md" | "markdown", _) => Kind::Report,
            // A saved web page: findings at the page's own lines and columns.
            ("html" | "htm" | "shtml", _) => Kind::Report,
            ("toml", _) if uri::display_name(uri) == "gouji.toml" => Kind::Config,
            _ => Kind::Other,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    pub kind: Kind,
    /// The decoded, normalized path of a `file:` URI.
    pub path: Option<PathBuf>,
}

/// Open documents by URI, in a stable order.
#[derive(Debug, Default)]
pub struct Documents {
    docs: BTreeMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, language_id: &str, version: i32, text: String) {
        let kind = Kind::of(&uri, language_id);
        let path = uri::to_path(&uri).map(|p| uri::normalize(&p));
        self.docs.insert(
            uri.as_str().to_string(),
            Document {
                uri,
                text,
                version,
                kind,
                path,
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.docs.remove(uri.as_str())
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.docs.values()
    }

    /// The open document at a (normalized) path.
    pub fn at_path(&self, path: &std::path::Path) -> Option<&Document> {
        self.docs.values().find(|d| d.path.as_deref() == Some(path))
    }

    /// Apply edits in order; a change without a range replaces the whole text. Returns false
    /// when the document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> bool {
        let Some(doc) = self.docs.get_mut(uri.as_str()) else {
            return false;
        };
        for change in changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let file = SourceFile::new("", std::mem::take(&mut doc.text));
                    let start = position::offset(&file, range.start, enc);
                    let end = position::offset(&file, range.end, enc).max(start);
                    let mut text = file.text;
                    text.replace_range(start..end, &change.text);
                    doc.text = text;
                }
            }
        }
        doc.version = version;
        true
    }
}
