//! The command line: argument parsing, file IO, output formats and exit codes.
//!
//! Every word of the help and of the messages comes from the catalogue (`locales/*/cli.ftl`),
//! in the language chosen once per run: `--lang`, `GOUJI_LANG`, `lang` in `gouji.toml`, the
//! locale. The help is built by clap from the derive below and then given its words
//! (`cli-about-COMMAND`, `cli-arg-COMMAND-ARG` or `cli-arg-ARG`, `cli-value-ARG`).

mod baseline;
mod cross;
mod extract;
mod fmt;
mod impact;
mod test;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use gouji::compile::Compiled;
use gouji::diagnostic::{self, json, Code, Severity};
use gouji::i18n::{self, Lang};
use gouji::report::decode;
use gouji::report::ReadOptions;
use gouji::source::{FileId, Sources};
use gouji::tr;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "gouji", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    Check {
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long)]
        year: Option<u32>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[arg(long, short)]
        quiet: bool,
        #[arg(long, default_value = "<stdin>")]
        stdin_filename: String,
        #[command(flatten)]
        baseline: baseline::BaselineArgs,
    },
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
    Impact(impact::ImpactArgs),
    Explain {
        code: Option<String>,
    },
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    Test {
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    Lsp,
    Fmt {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum)]
        keywords: Option<Keywords>,
    },
}

#[derive(clap::Args)]
pub struct RuleArgs {
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<String>,
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

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum Keywords {
    Zh,
    En,
}

/// The language of this run: `--lang` (read before parsing, so the help is in it too), then
/// `GOUJI_LANG`, then `lang` in the `gouji.toml` of this folder or one above, then the locale.
fn run_language(args: &[String]) -> Lang {
    let mut flag: Option<&str> = None;
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v);
        } else if a == "--lang" {
            flag = args.get(i + 1).map(String::as_str);
        } else if a == "--" {
            break;
        }
    }
    let config = config_lang();
    Lang::choose(flag, config.as_deref(), &|k| std::env::var(k).ok())
}

/// `lang = "…"` in the nearest `gouji.toml`.
fn config_lang() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let path = cwd
        .ancestors()
        .map(|d| d.join("gouji.toml"))
        .find(|p| p.is_file())?;
    let text = std::fs::read_to_string(path).ok()?;
    let value: toml::Table = toml::from_str(&text).ok()?;
    value.get("lang")?.as_str().map(str::to_string)
}

/// The command with the words of the current language: about, help of every argument, value
/// names, headings and clap's own help and version flags.
fn localized_command() -> clap::Command {
    fn words(cmd: clap::Command, path: &str) -> clap::Command {
        let about_id = if path.is_empty() {
            "cli-about".to_string()
        } else {
            format!("cli-about-{path}")
        };
        let mut cmd = cmd
            .about(i18n::t(&about_id, None))
            .help_template(tr!("cli-help-template"))
            .subcommand_help_heading(tr!("cli-heading-commands"))
            .subcommand_value_name(tr!("cli-value-command"))
            .disable_help_flag(true)
            .disable_help_subcommand(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(tr!("cli-arg-help"))
                    .global(false),
            );
        if path.is_empty() {
            cmd = cmd.disable_version_flag(true).arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(tr!("cli-arg-version")),
            );
        }
        let path_owned = path.to_string();
        cmd = cmd.mut_args(|a| {
            let id = a.get_id().as_str().to_string();
            if id == "help" || id == "version" {
                return a.help_heading(tr!("cli-heading-options"));
            }
            let specific = format!("cli-arg-{path_owned}-{id}");
            let shared = format!("cli-arg-{id}");
            // An argument the catalogue does not know keeps the words of its doc comment (the
            // CLI test of the help in Chinese fails on them).
            let lang = i18n::current();
            let mut a = if i18n::has(lang, &specific) {
                a.help(i18n::t(&specific, None))
            } else if i18n::has(lang, &shared) {
                a.help(i18n::t(&shared, None))
            } else {
                a
            };
            let value = format!("cli-value-{id}");
            if a.get_action().takes_values() {
                a = a.hide_possible_values(true).hide_default_value(true);
            }
            if i18n::has(lang, &value) {
                a = a.value_name(i18n::t(&value, None));
            }
            let heading = if a.is_positional() {
                tr!("cli-heading-arguments")
            } else {
                tr!("cli-heading-options")
            };
            a.help_heading(heading)
        });
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for n in names {
            let sub_path = if path.is_empty() {
                n.clone()
            } else {
                format!("{path}-{n}")
            };
            cmd = cmd.mut_subcommand(&n, |s| words(s, &sub_path));
        }
        cmd
    }
    words(Cli::command(), "")
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let lang = run_language(&args);
    i18n::set_process_lang(lang);
    let mut cmd = localized_command();
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return usage_error(&mut cmd, e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(&mut cmd, e),
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
        Command::Fmt {
            files,
            check,
            keywords,
        } => fmt::run(&files, check, keywords),
    }
}

/// A mistake on the command line (exit 2), or the help or version asked for (exit 0), in the
/// words of the current language.
fn usage_error(cmd: &mut clap::Command, e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        if i18n::current() == Lang::En {
            let _ = e.print();
        } else {
            // clap's own words left in the help: `[OPTIONS]`, the colon after a heading.
            let text = e.render().to_string();
            let text = text.replace("[OPTIONS]", &tr!("cli-options-placeholder"));
            let text = [
                tr!("cli-heading-commands"),
                tr!("cli-heading-arguments"),
                tr!("cli-heading-options"),
            ]
            .iter()
            .fold(text, |t, h| {
                t.replace(&format!("\n{h}:\n"), &format!("\n{h}：\n"))
            });
            let _ = write!(std::io::stdout(), "{text}");
            if !text.ends_with('\n') {
                let _ = writeln!(std::io::stdout());
            }
        }
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => i18n::join(v),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => {
                i18n::join(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            }
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => tr!("cli-error-unknown-argument", arg = arg.as_str()),
        ErrorKind::InvalidSubcommand => tr!(
            "cli-error-unknown-command",
            command = ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => tr!(
            "cli-error-invalid-value",
            arg = arg.as_str(),
            value = ctx(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => tr!("cli-error-missing", arg = arg.as_str()),
        ErrorKind::MissingSubcommand => tr!("cli-error-missing-command"),
        ErrorKind::ArgumentConflict => tr!(
            "cli-error-conflict",
            arg = arg.as_str(),
            other = ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr!("cli-error-values", arg = arg.as_str())
        }
        _ => tr!("cli-error-other"),
    };
    let valid = ctx(ContextKind::ValidValue);
    if !valid.is_empty() {
        msg.push('\n');
        msg.push_str(&tr!("cli-error-valid-values", values = valid));
    }
    for k in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let s = ctx(k);
        if !s.is_empty() {
            msg.push('\n');
            msg.push_str(&tr!("cli-error-did-you-mean", suggestion = s));
        }
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => cmd.render_usage().to_string(),
    };
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", &tr!("cli-options-placeholder"));
    let _ = writeln!(
        std::io::stderr(),
        "gouji: {msg}\n\n{}\n{}",
        tr!("cli-usage-line", usage = usage),
        tr!("cli-more-help")
    );
    ExitCode::from(2)
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
            .map_err(|e| tr!("cli-cannot-read-stdin", error = e.to_string()))?;
        return Ok(buf);
    }
    let cannot_read = |e: std::io::Error| tr!("cli-cannot-read", path = path, error = io_words(&e));
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(tr!("cli-is-a-folder", path = path));
    }
    if meta.len() as usize > decode::MAX_REPORT_BYTES {
        return Err(tr!(
            "cli-file-problem",
            path = path,
            problem = decode::DecodeError::TooLarge(meta.len() as usize).to_string()
        ));
    }
    std::fs::read(path).map_err(cannot_read)
}

/// Why a file could not be read, in words.
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => tr!("cli-no-such-file"),
        std::io::ErrorKind::PermissionDenied => tr!("cli-permission-denied"),
        _ => tr!("cli-io-error", error = e.to_string()),
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
                    stderr(&tr!("cli-rules-not-utf8", path = f.as_str()));
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
        stderr(&tr!("cli-rules-have-errors", count = n));
        return None;
    }
    if compiled.rule_sets.is_empty() {
        stderr(&tr!("cli-rules-define-nothing"));
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
            Err(e) => Loaded::NotText(tr!(
                "cli-file-problem",
                path = display,
                problem = e.to_string()
            )),
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
                let _ = writeln!(
                    std::io::stderr(),
                    "{}[{code}]: {msg}",
                    Severity::Error.word()
                );
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
            let summary = tr!(
                "cli-summary",
                files = n,
                errors = errors,
                warnings = warnings,
                notes = notes
            ) + &reviewed.summary();
            let _ = writeln!(
                out,
                "{}",
                if failed > 0 {
                    tr!("cli-summary-unreadable", summary = summary, failed = failed)
                } else {
                    summary
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

fn explain(code: Option<&str>) -> ExitCode {
    let mut out = std::io::stdout();
    match code {
        None => {
            for c in Code::ALL {
                let sev = c.default_severity().word();
                // Pad by display width: a Chinese character takes two columns.
                let width: usize = sev
                    .chars()
                    .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                    .sum();
                let _ = writeln!(
                    out,
                    "{}  {sev}{}  {}",
                    c.as_str(),
                    " ".repeat(7usize.saturating_sub(width)),
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
                stderr(&tr!("cli-no-such-code", code = s));
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
            "{} {}\t{}{}\t{}\t{}{}",
            rs.regulation,
            rs.version,
            tr!("cli-rules-years", years = rs.years_human()),
            governs(&compiled.rule_sets, i),
            rs.issued_by.as_deref().unwrap_or("-"),
            file,
            rs.extends
                .as_ref()
                .map(|e| format!("\t{}", tr!("cli-rules-extends", version = e.as_str())))
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
        (None, _) | (_, None) => tr!("cli-governs-none"),
        (Some(a), Some(b)) if rs.to_year.is_none() && *b >= 2100 => tr!(
            "cli-governs",
            years = tr!("years-onward", from = a.to_string())
        ),
        (Some(a), Some(b)) if a == b => tr!(
            "cli-governs",
            years = tr!("years-one", year = a.to_string())
        ),
        (Some(a), Some(b)) => tr!(
            "cli-governs",
            years = tr!("years-range", from = a.to_string(), to = b.to_string())
        ),
    };
    tr!(
        "cli-governs-other-years",
        what = what,
        versions = i18n::join(&taken.iter().map(|v| v.to_string()).collect::<Vec<_>>())
    )
}

fn lsp() -> ExitCode {
    if std::io::stdin().is_terminal() {
        stderr(&tr!("cli-lsp-on-a-terminal"));
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
            walk(p, &mut found).map_err(|e| {
                tr!(
                    "cli-cannot-read-folder",
                    path = a.as_str(),
                    error = io_words(&e)
                )
            })?;
            if found.is_empty() {
                return Err(tr!("cli-empty-folder", path = a.as_str()));
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
