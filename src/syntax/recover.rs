//! A missing `}` is found by the indentation, not at the end of the file: the first line that
//! stands at (or left of) the indentation of a block still open most likely follows the place
//! where that block's `}` was forgotten. The rule file is then read as if the `}` stood there
//! (one blank of that line's indentation stands in for it, so every byte offset stays the
//! same), so the items after it are read in their real place and nothing else is reported.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Where a `}` is missing.
pub(super) struct MissingClose {
    /// The line that opens the block (byte range, without its line break).
    opener: (usize, usize),
    /// The end of the block's last line, where the `}` belongs.
    at: usize,
    /// The opener's indentation, to lay out the suggested `}`.
    indent: String,
    /// The text with one blank replaced by `}`, when there is a blank to replace.
    pub patched: Option<String>,
}

fn indentation(line: &str) -> &str {
    let body = line.trim_start_matches([' ', '\t', '\u{3000}']);
    &line[..line.len() - body.len()]
}

/// Braces of a line outside strings and comments; `in_block` tracks `"""` text blocks.
fn braces(line: &str, in_block: &mut bool) -> Vec<char> {
    let mut out = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if *in_block {
            match rest.find("\"\"\"") {
                Some(i) => {
                    *in_block = false;
                    rest = &rest[i + 3..];
                    continue;
                }
                None => break,
            }
        }
        if rest.starts_with("\"\"\"") {
            *in_block = true;
            rest = &rest[3..];
            continue;
        }
        if rest.starts_with("//") {
            break;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '"' | '「' => {
                let close = if c == '"' { '"' } else { '」' };
                let after = &rest[c.len_utf8()..];
                rest = match after.find(close) {
                    Some(i) => &after[i + close.len_utf8()..],
                    None => "",
                };
                continue;
            }
            '{' | '}' => out.push(c),
            _ => {}
        }
        rest = chars.as_str();
    }
    out
}

/// The first block whose `}` is missing, judged by indentation.
pub(super) fn missing_close(text: &str) -> Option<MissingClose> {
    // (line start, line without break, indentation in chars, a line inside it was indented more)
    let mut open: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut in_block = false;
    let mut at = 0;
    let mut last_content_end = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = at;
        at += raw.len();
        let code = line.trim();
        let was_in_block = in_block;
        if !was_in_block && !code.is_empty() && !code.starts_with("//") {
            let indent = indentation(line).chars().count();
            if !code.starts_with('}') {
                if let Some(&(o_start, o_end, o_indent, deeper)) = open.last() {
                    if indent <= o_indent && deeper {
                        let opener_line = &text[o_start..o_end];
                        let ind = indentation(line);
                        let patched = if let Some(c) =
                            ind.chars().next().filter(|c| *c == ' ' || *c == '\t')
                        {
                            let mut p = text.to_string();
                            p.replace_range(start..start + c.len_utf8(), "}");
                            Some(p)
                        } else {
                            None
                        };
                        return Some(MissingClose {
                            opener: (o_start, o_end),
                            at: last_content_end,
                            indent: indentation(opener_line).to_string(),
                            patched,
                        });
                    }
                }
            }
            for o in open.iter_mut() {
                if indent > o.2 {
                    o.3 = true;
                }
            }
        }
        for b in braces(line, &mut in_block) {
            if b == '{' {
                open.push((
                    start,
                    start + line.len(),
                    indentation(line).chars().count(),
                    false,
                ));
            } else {
                open.pop();
            }
        }
        if !code.is_empty() {
            last_content_end = start + line.trim_end().len();
        }
    }
    None
}

impl MissingClose {
    pub(super) fn diagnostic(&self, file: FileId, text: &str) -> Diagnostic {
        let line_of = |b: usize| text[..b].matches('\n').count() + 1;
        let opener = text[self.opener.0..self.opener.1].trim();
        Diagnostic::of(
            Code::SyntaxError,
            crate::tr!(
                "recover-not-closed",
                opener = opener,
                line = line_of(self.opener.0)
            ),
            Span::new(file, self.at, self.at),
        )
        .with_primary_message(crate::tr!("recover-end-here"))
        .with_label(
            Span::new(
                file,
                self.opener.0
                    + (self.opener.1
                        - self.opener.0
                        - text[self.opener.0..self.opener.1].trim_start().len()),
                self.opener.1,
            ),
            crate::tr!("recover-this-block"),
        )
        .with_note(crate::tr!("recover-indented-note"))
        .with_help(crate::tr!("recover-help", line = line_of(self.at)))
        .with_fix(
            crate::tr!("syntax-unclosed-help"),
            Span::new(file, self.at, self.at),
            format!("\n{}}}", self.indent),
        )
    }
}
