//! The rule-file formatter (`gouji fmt`, and formatting in the editor).

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// Format a rule file. Returns the syntax errors instead when the file does not parse.
pub fn format(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let (_, errors) = crate::syntax::parse(file, text);
    if errors.is_empty() {
        Ok(text.to_string())
    } else {
        Err(errors)
    }
}
