//! The command line: argument parsing, file IO, output formats and exit codes.

mod baseline;
mod cross;
mod extract;
mod fmt;
mod impact;
mod test;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use gouji::compile::Compiled;
use gouji::diagnostic::{self, json, Code, Severity};
use gouji::report::decode;
use gouji::report::ReadOptions;
use gouji::source::{FileId, Sources};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "gouji", version, about = "勾稽 — checks 政府信息公开工作年度报告 against their format's rules", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports: every broken rule, pointing at the report's own cells.
    Check {
        /// Report files (`.txt`, `.md`); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// The report year, when the title does not say it (or says it wrongly).
        #[arg(long)]
        year: Option<u32>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Print only the summary line (and errors reading files).
        #[arg(long, short)]
        quiet: bool,
        /// Name shown for standard input.
        #[arg(long, default_value = "<stdin>")]
        stdin_filename: String,
        #[command(flatten)]
        baseline: baseline::BaselineArgs,
    },
    /// Print what was read from reports: year, sections, every cell with its labels and line.
    Extract {
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long)]
        year: Option<u32>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// What a rule change does to a folder of reports: findings that appear and disappear.
    Impact(impact::ImpactArgs),
    /// Explain a diagnostic code (`gouji explain R040`); without a code, list them all.
    Explain { code: Option<String> },
    /// List the rule sets: their years and issuing documents.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the examples written in rule files; fail when one fails or a check is never exercised.
    Test {
        /// Rule files (default: the bundled rules).
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Run the language server over stdio (started by an editor).
    Lsp,
    /// Format rule files in place (or check that they are formatted).
    Fmt {
        #[arg(required = true)]
        files: Vec<String>,
        /// Change nothing; exit 1 if a file is not formatted.
        #[arg(long)]
        check: bool,
    },
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// Add these rule files to the bundled rules: a rule set of yours (which may `extends` a
    /// bundled one) governs the report years it names, the bundled ones the other years.
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<String>,
    /// Check with the `--rules` files alone, not with the bundled rules for the other years.
    #[arg(long = "no-bundled", requires = "rule_files")]
    pub no_bundled: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum ExtractFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Color {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check {
            files,
            rules,
            year,
            format,
            color,
            quiet,
            stdin_filename,
            baseline,
        } => check(
            &files,
            &rules,
            year,
            format,
            color,
            quiet,
            &stdin_filename,
            &baseline,
        ),
        Command::Extract {
            files,
            rules,
            year,
            format,
        } => extract::run(&files, &rules, year, format),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Rules { rules } => list_rules(&rules),
        Command::Impact(args) => impact::run(&args),
        Command::Test { files, color } => {
            test::run(&files, color_choice(color, std::io::stdout().is_terminal()))
        }
        Command::Lsp => lsp(),
        Command::Fmt { files, check } => fmt::run(&files, check),
    }
}

fn stderr(msg: &str) {
    let _ = writeln!(std::io::stderr(), "gouji: {msg}");
}

/// Read a file (or stdin for `-`) as bytes.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(buf);
    }
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read `{path}`: {}", io_words(&e)))?;
    if meta.is_dir() {
        return Err(format!("`{path}` is a folder; name the report files in it"));
    }
    if meta.len() as usize > decode::MAX_REPORT_BYTES {
        return Err(format!(
            "`{path}`: {}",
            decode::DecodeError::TooLarge(meta.len() as usize)
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {}", io_words(&e)))
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Load the rules: bundled, or the user's files. Rule-file errors are printed; `None` then.
pub fn load_rules(
    sources: &mut Sources,
    files: &[String],
    replace: bool,
    color: ColorChoice,
) -> Option<Compiled> {
    load_rules_as(sources, files, replace, color, false)
}

/// As [`load_rules`]; with `json`, rule-file findings go to standard output as the JSON document
/// of `gouji check --format json` (one entry per rule file).
pub fn load_rules_as(
    sources: &mut Sources,
    files: &[String],
    replace: bool,
    color: ColorChoice,
    json: bool,
) -> Option<Compiled> {
    let mut user = Vec::new();
    for f in files {
        match read_bytes(f) {
            Ok(b) => match String::from_utf8(b) {
                Ok(t) => user.push((f.clone(), t.trim_start_matches('\u{feff}').to_string())),
                Err(_) => {
                    stderr(&format!(
                        "rule file `{f}` is not UTF-8 text; save it as UTF-8"
                    ));
                    return None;
                }
            },
            Err(e) => {
                stderr(&e);
                return None;
            }
        }
    }
    let compiled = if replace {
        gouji::rules::load_replacing(sources, &user)
    } else {
        gouji::rules::load(sources, &user)
    };
    if json && compiled.has_errors() {
        let mut by_file: Vec<serde_json::Value> = Vec::new();
        for f in files {
            let diags: Vec<_> = compiled
                .diagnostics
                .iter()
                .filter(|d| sources.get(d.primary.file).name == *f)
                .map(|d| json::diagnostic(sources, d))
                .collect();
            by_file.push(serde_json::json!({"path": f, "regulation": null, "report_year": null, "diagnostics": diags}));
        }
        let errors = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let doc = serde_json::json!({
            "files": by_file,
            "summary": {"files": 0, "errors": errors, "warnings": 0, "notes": 0, "unreadable_files": 0, "rule_errors": errors},
        });
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        );
    } else if !compiled.diagnostics.is_empty() {
        let mut out = StandardStream::stderr(color);
        let _ = diagnostic::render::emit(&mut out, sources, &compiled.diagnostics);
    }
    if compiled.has_errors() {
        let n = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        stderr(&format!(
            "the rule files have {n} error{}; fix them before checking reports",
            if n == 1 { "" } else { "s" }
        ));
        return None;
    }
    if compiled.rule_sets.is_empty() {
        stderr("the rule files define no rule set");
        return None;
    }
    Some(compiled)
}

fn color_choice(c: Color, stream_is_tty: bool) -> ColorChoice {
    match c {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || !stream_is_tty {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            }
        }
    }
}

/// One report file: decoded text in `sources`, or why it could not be read.
pub enum Loaded {
    Ok(FileId),
    /// The file could not be opened (no such file, a folder, permissions).
    Failed(String),
    /// The file was read but is not a report's text (empty, binary, unknown encoding): R001.
    NotText(String),
}

pub fn load_report(sources: &mut Sources, path: &str, display: &str) -> Loaded {
    match read_bytes(path) {
        Err(e) => Loaded::Failed(e),
        Ok(bytes) => match decode::decode(&bytes) {
            Ok(d) => Loaded::Ok(sources.add(display, d.text)),
            Err(e) => Loaded::NotText(format!("`{display}`: {e}")),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    files: &[String],
    rules: &RuleArgs,
    year: Option<u32>,
    format: Format,
    color: Color,
    quiet: bool,
    stdin_name: &str,
    baseline: &baseline::BaselineArgs,
) -> ExitCode {
    let mut reviewed = match baseline::Reviewed::new(baseline) {
        Ok(r) => r,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let choice = color_choice(color, std::io::stdout().is_terminal());
    let files = match expand_inputs(files) {
        Ok(f) => f,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let files = &files[..];
    let mut sources = Sources::new();
    let Some(compiled) = load_rules_as(
        &mut sources,
        &rules.rule_files,
        rules.no_bundled,
        color_choice(color, std::io::stderr().is_terminal()),
        format != Format::Human,
    ) else {
        return ExitCode::from(2);
    };
    let workspace = match cross::workspace() {
        Ok(w) => w,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let mut out = StandardStream::stdout(choice);
    let (mut errors, mut warnings, mut notes, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let mut json_files = Vec::new();
    let mut all_findings = Vec::new();
    // Reports kept for the checks that need several of them (across years, roll-ups).
    let mut kept: Vec<cross::Kept> = Vec::new();
    for path in files {
        let display = if path == "-" {
            stdin_name
        } else {
            path.as_str()
        };
        let file = match load_report(&mut sources, path, display) {
            Loaded::Ok(f) => f,
            Loaded::Failed(msg) => {
                failed += 1;
                stderr(&msg);
                if format == Format::Json {
                    json_files.push(serde_json::json!({"path": display, "regulation": null, "report_year": null, "error": msg, "diagnostics": []}));
                }
                continue;
            }
            Loaded::NotText(msg) => {
                failed += 1;
                errors += 1;
                let code = Code::Unreadable;
                let _ = writeln!(std::io::stderr(), "error[{code}]: {msg}");
                if format == Format::Json {
                    json_files.push(serde_json::json!({"path": display, "regulation": null, "report_year": null, "error": msg, "diagnostics": [{
                        "code": code.as_str(), "severity": "error", "message": msg,
                        "line": 1, "column": 1, "end_line": 1, "end_column": 1, "labels": [], "notes": [], "help": null, "rule": null,
                    }]}));
                }
                continue;
            }
        };
        let mut checked = gouji::check_report(
            &compiled,
            file,
            &sources.get(file).text,
            &ReadOptions { year },
        );
        reviewed.apply(display, &mut checked.findings);
        for d in checked
            .findings
            .iter()
            .filter(|d| baseline::Reviewed::counts(d))
        {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => notes += 1,
            }
        }
        match format {
            Format::Human => {
                if !quiet {
                    let _ = diagnostic::render::emit(&mut out, &sources, &checked.findings);
                }
            }
            Format::Sarif => all_findings.extend(checked.findings.iter().cloned()),
            Format::Json => {
                let rs = checked.document.rule_set.map(|i| &compiled.rule_sets[i]);
                json_files.push(serde_json::json!({
                    "path": display,
                    "regulation": rs.map(|r| r.regulation.clone()),
                    "rule_set": rs.map(|r| r.version.clone()),
                    "report_year": checked.document.year,
                    "diagnostics": checked.findings.iter().map(|d| json::diagnostic(&sources, d)).collect::<Vec<_>>(),
                }));
            }
        }
        if files.len() > 1 {
            kept.push(cross::Kept {
                display: display.to_string(),
                file,
                document: checked.document,
            });
        }
    }
    // Findings that need several reports: shown after the reports, each at its own file.
    let several = cross::findings(&compiled, &sources, &kept, &workspace);
    for d in &several {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Note => notes += 1,
        }
    }
    match format {
        Format::Human if !quiet => {
            let _ = diagnostic::render::emit(&mut out, &sources, &several);
        }
        Format::Human => {}
        Format::Sarif => all_findings.extend(several.iter().cloned()),
        Format::Json => {
            for d in &several {
                let name = &sources.get(d.primary.file).name;
                if let Some(list) = json_files
                    .iter_mut()
                    .find(|f| f["path"].as_str() == Some(name.as_str()))
                    .and_then(|f| f["diagnostics"].as_array_mut())
                {
                    list.push(
                        serde_json::to_value(json::diagnostic(&sources, d)).unwrap_or_default(),
                    );
                }
            }
        }
    }
    let n = files.len();
    match format {
        Format::Human => {
            let _ =
                out.set_color(codespan_reporting::term::termcolor::ColorSpec::new().set_bold(true));
            let _ = writeln!(
                out,
                "checked {n} file{}: {errors} error{}, {warnings} warning{}, {notes} note{}{}{}",
                plural(n),
                plural(errors),
                plural(warnings),
                plural(notes),
                reviewed.summary(),
                if failed > 0 {
                    format!(", {failed} file{} could not be read", plural(failed))
                } else {
                    String::new()
                }
            );
            let _ = out.reset();
        }
        Format::Sarif => {
            let log = diagnostic::sarif::log(&sources, &all_findings);
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&log).unwrap_or_default()
            );
        }
        Format::Json => {
            let doc = serde_json::json!({
                "files": json_files,
                "summary": {"files": n, "errors": errors, "warnings": warnings, "notes": notes, "unreadable_files": failed, "baselined": reviewed.hidden},
            });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
    }
    match reviewed.finish() {
        Ok(Some(msg)) => stderr(&msg),
        Ok(None) => {}
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    }
    if failed > 0 {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn explain(code: Option<&str>) -> ExitCode {
    let mut out = std::io::stdout();
    match code {
        None => {
            for c in Code::ALL {
                let _ = writeln!(
                    out,
                    "{}  {:<7}  {}",
                    c.as_str(),
                    c.default_severity().as_str(),
                    c.title()
                );
            }
            ExitCode::SUCCESS
        }
        Some(s) => match Code::parse(s) {
            Some(c) => {
                let _ = write!(out, "{}", c.explanation());
                ExitCode::SUCCESS
            }
            None => {
                stderr(&format!(
                    "no diagnostic code `{s}`; `gouji explain` lists them all"
                ));
                ExitCode::from(2)
            }
        },
    }
}

fn list_rules(rules: &RuleArgs) -> ExitCode {
    let mut sources = Sources::new();
    let Some(compiled) = load_rules(
        &mut sources,
        &rules.rule_files,
        rules.no_bundled,
        ColorChoice::Never,
    ) else {
        return ExitCode::from(2);
    };
    let mut out = std::io::stdout();
    for (i, rs) in compiled.rule_sets.iter().enumerate() {
        let file = &sources.get(rs.span.file).name;
        let _ = writeln!(
            out,
            "{} {}\treport years {}{}\t{}\t{}{}",
            rs.regulation,
            rs.version,
            rs.years_human(),
            governs(&compiled.rule_sets, i),
            rs.issued_by.as_deref().unwrap_or("-"),
            file,
            rs.extends
                .as_ref()
                .map(|e| format!("\t(extends {e})"))
                .unwrap_or_default()
        );
    }
    ExitCode::SUCCESS
}

/// When rule sets listed earlier (your rules) take some of a rule set's years: which years it
/// still governs, e.g. ` (governs 2021–2022; the other years: 本省2023)`.
fn governs(all: &[gouji::compile::RuleSet], i: usize) -> String {
    let rs = &all[i];
    let earlier: Vec<&gouji::compile::RuleSet> = all[..i]
        .iter()
        .filter(|e| e.regulation == rs.regulation)
        .collect();
    let taken: Vec<&str> = earlier
        .iter()
        .filter(|e| {
            let (a, b) = (e.from_year, e.to_year.unwrap_or(u32::MAX));
            a <= rs.to_year.unwrap_or(u32::MAX) && rs.from_year <= b
        })
        .map(|e| e.version.as_str())
        .collect();
    if taken.is_empty() {
        return String::new();
    }
    let years: Vec<u32> = (rs.from_year..=rs.to_year.unwrap_or(rs.from_year.max(2100)))
        .filter(|&y| !earlier.iter().any(|e| e.covers(y)))
        .collect();
    let what = match (years.first(), years.last()) {
        (None, _) | (_, None) => "governs no year".to_string(),
        (Some(a), Some(b)) if rs.to_year.is_none() && *b >= 2100 => format!("governs {a} onward"),
        (Some(a), Some(b)) if a == b => format!("governs {a}"),
        (Some(a), Some(b)) => format!("governs {a}–{b}"),
    };
    format!(" ({what}; the other years: {})", taken.join(", "))
}

fn lsp() -> ExitCode {
    if std::io::stdin().is_terminal() {
        stderr("this is the gouji language server; an editor starts it and talks to it over standard input and output (see README.md, \"Editors\")");
    }
    match gouji::lsp::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            stderr(&e);
            ExitCode::from(2)
        }
    }
}

/// Files named on the command line, with folders replaced by the reports in them (`.txt` and
/// `.md`, walked recursively, in a stable order). `-` stays standard input.
pub fn expand_inputs(args: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for a in args {
        let p = std::path::Path::new(a);
        if a != "-" && p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)
                .map_err(|e| format!("cannot read the folder `{a}`: {}", io_words(&e)))?;
            if found.is_empty() {
                return Err(format!(
                    "the folder `{a}` holds no report (.txt or .md files)"
                ));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &std::path::Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        {
            out.push(path.to_string_lossy().into_owned());
        }
    }
    Ok(())
}
