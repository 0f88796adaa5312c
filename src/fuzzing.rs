//! The work of one fuzz input, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/`) and the
//! plain test that runs them over the committed seeds (`tests/fuzz_seeds.rs`), so that both
//! check the same things: no panic, and every finding's place inside its file, on character
//! boundaries. Each function panics (the fuzzer's signal) when an invariant breaks.

use crate::compile::Compiled;
use crate::diagnostic::Diagnostic;
use crate::report::{decode, ReadOptions};
use crate::source::{FileId, Sources};
use std::sync::OnceLock;

/// The bundled rules, compiled once per process (a fuzzer runs thousands of inputs a second).
fn bundled() -> &'static (Sources, Compiled) {
    static RULES: OnceLock<(Sources, Compiled)> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut sources = Sources::new();
        let compiled = crate::rules::load(&mut sources, &[]);
        (sources, compiled)
    })
}

/// Panics when a finding points outside its file or inside a character.
fn places_are_sound(sources: &Sources, diags: &[Diagnostic]) {
    places_are_sound_in(|f| sources.get(f).text.as_str(), diags);
}

/// As [`places_are_sound`], with each file's text given by `text_of`.
fn places_are_sound_in<'a>(text_of: impl Fn(FileId) -> &'a str, diags: &[Diagnostic]) {
    for d in diags {
        let spans = std::iter::once(d.primary)
            .chain(d.labels.iter().map(|l| l.span))
            .chain(d.rule);
        for s in spans {
            let text = text_of(s.file);
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{} at {}..{} outside a text of {} bytes",
                d.code,
                s.start,
                s.end,
                text.len()
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{} at {}..{} inside a character",
                d.code,
                s.start,
                s.end
            );
        }
    }
}

/// One rule file: parse, compile against the bundled rules (it may `extends` them), format.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = Sources::new();
    let compiled = crate::rules::load(&mut sources, &[("fuzz.gouji".into(), text.into())]);
    places_are_sound(&sources, &compiled.diagnostics);
    let mut fmt_sources = Sources::new();
    let file = fmt_sources.add("fuzz.gouji", text);
    match crate::fmt::format(file, text) {
        // Formatting is stable: formatting the output again changes nothing.
        Ok(once) => {
            let again = crate::fmt::format(file, &once);
            assert!(
                again.as_deref() == Ok(once.as_str()),
                "formatting is not idempotent"
            );
        }
        Err(diags) => places_are_sound(&fmt_sources, &diags),
    }
}

/// One report: decoded as a file would be, read and checked against the bundled rules.
pub fn report(data: &[u8]) {
    let Ok(decoded) = decode::decode(data) else {
        return;
    };
    let (rules, compiled) = bundled();
    // The report is the file after the rules, as `Sources::add` would number it; its text is
    // not copied into a clone of the rules' sources for every input.
    let file = FileId(rules.len());
    let text = decoded.text.as_str();
    let checked = crate::check_report(compiled, file, text, &ReadOptions::default());
    places_are_sound_in(
        |f| {
            if f == file {
                text
            } else {
                rules.get(f).text.as_str()
            }
        },
        &checked.findings,
    );
}
