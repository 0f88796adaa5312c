//! Human rendering with codespan-reporting.

use super::{Diagnostic, Severity};
use crate::source::Sources;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor, termcolor::WriteColor};

pub fn to_codespan(d: &Diagnostic, sources: &Sources) -> cs::Diagnostic<usize> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut labels = vec![
        cs::Label::primary(d.primary.file.0, clamp(sources, d.primary))
            .with_message(&d.primary_message),
    ];
    for l in &d.labels {
        labels.push(
            cs::Label::secondary(l.span.file.0, clamp(sources, l.span)).with_message(&l.message),
        );
    }
    if let Some(rule) = d.rule {
        labels.push(
            cs::Label::secondary(rule.file.0, clamp(sources, rule))
                .with_message(crate::tr!("render-rule-label")),
        );
    }
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| crate::tr!("render-note", note = n.as_str()))
        .collect();
    if let Some(h) = &d.help {
        notes.push(crate::tr!("render-help", help = h.as_str()));
    }
    notes.push(crate::tr!("render-explain", code = d.code.as_str()));
    cs::Diagnostic::new(sev)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Only the first line of a multi-line span is underlined; whole-table spans would flood the screen.
fn clamp(sources: &Sources, span: crate::source::Span) -> std::ops::Range<usize> {
    let f = sources.get(span.file);
    let start = f.clamp(span.start);
    let mut end = f.clamp(span.end.max(start));
    let line = f.line_of(start);
    let line_end = f.line_start(line + 1).saturating_sub(1).max(start);
    if f.line_of(end) != line && end > line_end {
        end = f.clamp(line_end);
    }
    start..end
}

/// Lines longer than this (in characters) are shown as an excerpt around the labels: pages saved
/// by web crawlers hold a whole report on one line.
const LONG_LINE: usize = 160;
const CONTEXT: usize = 20;

/// One shown part of a line.
struct Window {
    /// Byte range of the original text shown.
    start: usize,
    end: usize,
    /// Where it starts in the excerpt.
    ex: usize,
}

/// A file as shown: long lines cut down to windows around the spans of one diagnostic, joined
/// by ` … `.
struct View<'s> {
    orig: &'s crate::source::SourceFile,
    text: String,
    starts: Vec<usize>,
    /// Per line, the windows shown (one window, the whole line, for ordinary lines).
    lines: Vec<Vec<Window>>,
}

impl<'s> View<'s> {
    fn new(orig: &'s crate::source::SourceFile, spans: &[std::ops::Range<usize>]) -> View<'s> {
        let mut text = String::with_capacity(orig.text.len().min(1 << 16));
        let mut starts = Vec::with_capacity(orig.line_count());
        let mut lines = Vec::with_capacity(orig.line_count());
        for line in 0..orig.line_count() {
            let ls = orig.line_start(line);
            let next = orig.line_start(line + 1);
            let line = &orig.text[ls..next];
            let body_end = ls + line.trim_end_matches(['\n', '\r']).len();
            let body = &orig.text[ls..body_end];
            let mut ranges: Vec<(usize, usize)> = if is_long(body) {
                let mut here: Vec<(usize, usize)> = spans
                    .iter()
                    .filter(|r| r.start >= ls && r.start <= body_end)
                    .map(|r| {
                        // A span longer than half a long line is shown by its start only.
                        let end =
                            r.end
                                .min(body_end)
                                .min(forward(&orig.text, r.start, LONG_LINE / 2));
                        (
                            back(&orig.text, r.start, CONTEXT).max(ls),
                            forward(&orig.text, end, CONTEXT).min(body_end),
                        )
                    })
                    .collect();
                here.sort_unstable();
                // Merge windows that touch.
                let mut merged: Vec<(usize, usize)> = Vec::new();
                for (a, b) in here {
                    match merged.last_mut() {
                        Some(last) if a <= last.1 => last.1 = last.1.max(b),
                        _ => merged.push((a, b)),
                    }
                }
                if merged.is_empty() {
                    merged.push((ls, forward(&orig.text, ls, 2 * CONTEXT).min(body_end)));
                }
                merged
            } else {
                vec![(ls, body_end)]
            };
            ranges.dedup();
            starts.push(text.len());
            let mut windows = Vec::with_capacity(ranges.len());
            for (i, &(a, b)) in ranges.iter().enumerate() {
                if i > 0 || a > ls {
                    text.push_str(if i == 0 { "… " } else { " … " });
                }
                windows.push(Window {
                    start: a,
                    end: b,
                    ex: text.len(),
                });
                text.push_str(&orig.text[a..b]);
            }
            if ranges.last().is_some_and(|&(_, b)| b < body_end) {
                text.push_str(" …");
            }
            // A lone `\r` ends the line as `\n` would (same length, so offsets hold).
            let eol = &orig.text[body_end..next];
            text.push_str(if eol == "\r" { "\n" } else { eol });
            lines.push(windows);
        }
        View {
            orig,
            text,
            starts,
            lines,
        }
    }

    /// An original byte offset → the offset in the excerpt.
    fn to_view(&self, b: usize) -> usize {
        let line = self.orig.line_of(self.orig.clamp(b));
        let Some(ws) = self.lines.get(line) else {
            return self.text.len();
        };
        let w = ws.iter().rev().find(|w| w.start <= b).or(ws.first());
        match w {
            Some(w) => w.ex + (b.clamp(w.start, w.end) - w.start),
            None => self.starts.get(line).copied().unwrap_or(self.text.len()),
        }
    }

    /// An offset in the excerpt → the original byte offset.
    fn to_orig(&self, v: usize) -> usize {
        let line = match self.starts.binary_search(&v) {
            Ok(l) => l,
            Err(l) => l.saturating_sub(1),
        };
        let Some(ws) = self.lines.get(line) else {
            return self.orig.text.len();
        };
        match ws.iter().rev().find(|w| w.ex <= v).or(ws.first()) {
            Some(w) => (w.start + v.saturating_sub(w.ex)).min(w.end),
            None => self.orig.line_start(line),
        }
    }
}

/// Whether `line` has more than [`LONG_LINE`] characters, counted no further than that (a line of
/// no more bytes than that is not counted at all).
fn is_long(line: &str) -> bool {
    line.len() > LONG_LINE && line.chars().nth(LONG_LINE).is_some()
}

fn back(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

fn forward(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map(|(i, _)| at + i)
        .unwrap_or(text.len())
}

struct Views<'s> {
    views: std::collections::HashMap<usize, View<'s>>,
}

impl<'a> codespan_reporting::files::Files<'a> for Views<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.views
            .get(&id)
            .map(|v| v.orig.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.views
            .get(&id)
            .map(|v| v.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
    fn line_index(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let v = self
            .views
            .get(&id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(match v.starts.binary_search(&byte_index) {
            Ok(l) => l,
            Err(l) => l.saturating_sub(1),
        })
    }
    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let v = self
            .views
            .get(&id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        let start =
            *v.starts
                .get(line_index)
                .ok_or(codespan_reporting::files::Error::LineTooLarge {
                    given: line_index,
                    max: v.starts.len(),
                })?;
        let end = v
            .starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(v.text.len());
        Ok(start..end)
    }
    /// Lines and columns of the original text, not of the excerpt.
    fn location(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        let v = self
            .views
            .get(&id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        let (line_number, column_number) = v.orig.line_col_chars(v.to_orig(byte_index));
        Ok(codespan_reporting::files::Location {
            line_number,
            column_number,
        })
    }
}

/// The diagnostic in codespan's terms, with its files cut down to what it shows.
fn prepared<'s>(d: &Diagnostic, sources: &'s Sources) -> (Views<'s>, cs::Diagnostic<usize>) {
    let mut cd = to_codespan(d, sources);
    let mut by_file: std::collections::HashMap<usize, Vec<std::ops::Range<usize>>> =
        std::collections::HashMap::new();
    for l in &cd.labels {
        by_file.entry(l.file_id).or_default().push(l.range.clone());
    }
    let views: std::collections::HashMap<usize, View<'s>> = by_file
        .iter()
        .map(|(&id, spans)| (id, View::new(sources.get(crate::source::FileId(id)), spans)))
        .collect();
    for l in &mut cd.labels {
        if let Some(v) = views.get(&l.file_id) {
            l.range = v.to_view(l.range.start)..v.to_view(l.range.end);
        }
    }
    (Views { views }, cd)
}

pub fn emit(
    out: &mut dyn WriteColor,
    sources: &Sources,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let config = term::Config::default();
    for d in diags {
        let (views, cd) = prepared(d, sources);
        let mut w = Localized {
            inner: &mut *out,
            header_pending: true,
        };
        term::emit_to_write_style(&mut w, &config, &views, &cd)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// Render to a plain string (no colour); what tests snapshot.
pub fn to_string(sources: &Sources, diags: &[Diagnostic]) -> String {
    let mut buf = termcolor::NoColor::new(Vec::new());
    let _ = emit(&mut buf, sources, diags);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

/// codespan writes the severity of a finding in English (`error[R040]: …`); this writer puts
/// the word of the current language in its place (`错误[R040]：…`). The severity is the first
/// text codespan writes for a finding (ours carry no locus before it).
struct Localized<'w> {
    inner: &'w mut dyn WriteColor,
    header_pending: bool,
}

impl std::io::Write for Localized<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.header_pending && !buf.is_empty() {
            self.header_pending = false;
            let id = match buf {
                b"error" => Some("severity-error"),
                b"warning" => Some("severity-warning"),
                b"note" => Some("severity-note"),
                b"help" => Some("severity-help"),
                _ => None,
            };
            if let Some(id) = id {
                self.inner.write_all(crate::i18n::t(id, None).as_bytes())?;
                return Ok(buf.len());
            }
        }
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl WriteColor for Localized<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }
    fn set_color(&mut self, spec: &termcolor::ColorSpec) -> std::io::Result<()> {
        self.inner.set_color(spec)
    }
    fn reset(&mut self) -> std::io::Result<()> {
        self.inner.reset()
    }
}
