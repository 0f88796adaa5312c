//! `gouji/bundledRuleFile` (ours, not LSP's): the text of a rule file compiled into the binary,
//! so an editor can show the `gouji-bundled:///rules/….gouji` locations that diagnostics and
//! go to definition point at (in VS Code, from a `TextDocumentContentProvider`).

use crate::lsp::uri::BUNDLED_SCHEME;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

pub enum BundledRuleFile {}

#[derive(Debug, Serialize, Deserialize)]
pub struct BundledRuleFileParams {
    /// `gouji-bundled:///rules/gov-info-disclosure-2021.gouji`
    pub uri: String,
}

impl lsp_types::request::Request for BundledRuleFile {
    type Params = BundledRuleFileParams;
    /// The file's text; `null` for a URI that names no bundled file.
    type Result = Option<String>;
    const METHOD: &'static str = "gouji/bundledRuleFile";
}

pub fn bundled_rule_file(p: BundledRuleFileParams) -> Option<String> {
    // `gouji-bundled:///rules/…` as the server writes it, or `gouji-bundled:/rules/…` as VS Code
    // writes an empty authority.
    let rest = p.uri.strip_prefix(BUNDLED_SCHEME)?.strip_prefix(':')?;
    let path = rest.trim_start_matches('/');
    let name = percent_decode_str(path).decode_utf8().ok()?;
    crate::rules::BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| text.to_string())
}
