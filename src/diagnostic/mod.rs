//! gouji's own diagnostic type. Renderers (codespan for people, JSON for programs, LSP for
//! editors) convert from it at the edges; nothing else in the crate knows about them.

pub mod codes;
pub mod json;
pub mod render;
pub mod sarif;

pub use codes::Code;

use crate::source::Span;
use serde::Serialize;

/// How many characters of quoted text a message shows at most.
pub const EXCERPT_CHARS: usize = 40;

/// Text quoted in a message, cut to [`EXCERPT_CHARS`] characters with `…` when longer, so that
/// a hostile input is never echoed whole into a message.
pub fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..cut])),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// The word for people, in the current language (`错误` / `error`).
    pub fn word(self) -> String {
        match self {
            Severity::Note => crate::tr!("severity-note"),
            Severity::Warning => crate::tr!("severity-warning"),
            Severity::Error => crate::tr!("severity-error"),
        }
    }
}

/// A secondary place that explains a finding: a cell an identity was computed from, the rule
/// that states it, the earlier declaration of a duplicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// One terse headline, in the report's (or rule author's) terms.
    pub message: String,
    /// Where: the cell, heading or rule text at fault.
    pub primary: Span,
    pub primary_message: String,
    pub labels: Vec<Label>,
    /// Why: the arithmetic, what was expected.
    pub notes: Vec<String>,
    /// What to do.
    pub help: Option<String>,
    /// The rule (in a rule file) that this finding enforces.
    pub rule: Option<Span>,
    /// A replacement the user may choose to apply (an editor action); never applied by gouji.
    pub fix: Option<Fix>,
    /// The report's cells the finding is about, by their labels and values as written: what a
    /// baseline (reviewed findings) is keyed on, so it survives moved lines and stops matching
    /// when the numbers change.
    pub cells: Vec<CellFact>,
    /// Set when the finding was reviewed and kept (a baseline entry matches it): the reason.
    pub baselined: Option<String>,
}

/// One cell a finding is about: row and column labels and the text of the cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct CellFact {
    pub row: String,
    pub column: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        severity: Severity,
        message: impl Into<String>,
        primary: Span,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary,
            primary_message: String::new(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            rule: None,
            fix: None,
            cells: Vec::new(),
            baselined: None,
        }
    }
    /// A diagnostic with the code's default severity.
    pub fn of(code: Code, message: impl Into<String>, primary: Span) -> Diagnostic {
        Diagnostic::new(code, code.default_severity(), message, primary)
    }
    pub fn with_primary_message(mut self, m: impl Into<String>) -> Self {
        self.primary_message = m.into();
        self
    }
    pub fn with_label(mut self, span: Span, m: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: m.into(),
        });
        self
    }
    pub fn with_note(mut self, n: impl Into<String>) -> Self {
        self.notes.push(n.into());
        self
    }
    pub fn with_help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    pub fn with_rule(mut self, rule: Span) -> Self {
        self.rule = Some(rule);
        self
    }
    pub fn with_cell(
        mut self,
        row: impl Into<String>,
        column: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.cells.push(CellFact {
            row: row.into(),
            column: column.into(),
            value: value.into(),
        });
        self
    }
    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            span,
            replacement: replacement.into(),
        });
        self
    }
}

/// Sort findings by place, then by code, so every output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.primary.file, a.primary.start, a.code, &a.message).cmp(&(
            b.primary.file,
            b.primary.start,
            b.code,
            &b.message,
        ))
    });
}
