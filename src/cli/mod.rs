//! The command line: argument parsing, file IO, output formats and exit codes.
//!
//! Every word of the help and of the messages comes from the catalogue (`locales/*/cli.ftl`),
//! in the language chosen once per run: `--lang`, `GOUJI_LANG`, `lang` in `gouji.toml`, the
//! locale. The help is built by clap from the derive below and then given its words
//! (`cli-about-COMMAND`, `cli-arg-COMMAND-ARG` or `cli-arg-ARG`, `cli-value-ARG`).

mod baseline;
mod batch;
mod cross;
mod extract;
mod fmt;
mod impact;
mod summary;
mod test;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{
    BufferWriter, ColorChoice, ColorSpec, StandardStream, WriteColor,
};
use gouji::compile::Compiled;
use gouji::diagnostic::{self, json, Code, Severity};
use gouji::i18n::{self, Lang};
use gouji::report::decode;
use gouji::report::ReadOptions;
use gouji::source::{FileId, Sources};
use gouji::tr;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

// `after_help = "-"` marks the commands whose help ends with the exit codes
// (`cli-exit-codes`); the words come from the catalogue.

#[derive(Parser)]
#[command(name = "gouji", version, after_help = "-")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Which program reads PDF text: gouji's own reader, or poppler's `pdftotext` when gouji's
    /// reader fails on a file (cells are then rebuilt from spacing only).
    #[arg(long, global = true, value_enum, default_value_t = PdfToolArg::Builtin)]
    pdf_tool: PdfToolArg,
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    /// What standard input (`-`) holds; by default its kind is told by its content.
    #[arg(long, global = true, value_enum)]
    stdin_format: Option<StdinFormat>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum StdinFormat {
    Text,
    Html,
    Mhtml,
    Docx,
    Pdf,
    Ofd,
}

/// `--stdin-format`, for the whole run: the kind standard input is opened as.
static STDIN_KIND: std::sync::OnceLock<gouji::document::Kind> = std::sync::OnceLock::new();

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum PdfToolArg {
    Builtin,
    Pdftotext,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports: every broken rule, pointing at the report's own cells.
    #[command(after_help = "-")]
    Check {
        /// Report files (text, web pages, Word `.docx`; folders are searched); `-` reads
        /// standard input (its kind told by content, or by `--stdin-filename`'s extension).
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long)]
        year: Option<u32>,
        /// How to print the findings: for people, as JSON (stable fields) or as a SARIF 2.1.0 log.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Colour the output: `auto` colours a terminal unless NO_COLOR is set.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[arg(long, short)]
        quiet: bool,
        #[arg(long, default_value = "<stdin>")]
        stdin_filename: String,
        #[command(flatten)]
        baseline: baseline::BaselineArgs,
        /// Also write an overview of the batch: a Chinese web page (`.html`) or a table (`.csv`).
        #[arg(long, value_name = "FILE")]
        summary: Option<String>,
        #[command(flatten)]
        batch: BatchArgs,
    },
    /// Print what was read from reports: year, sections, every cell with its labels and line.
    #[command(after_help = "-")]
    Extract {
        /// Report files (`.txt`, `.md`) or folders of them; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// The report year, when the title does not say it (or says it wrongly).
        #[arg(long)]
        year: Option<u32>,
        /// JSON (one document, every cell; the default) or CSV (one line per cell, for a
        /// spreadsheet). With `--text`: `json` gives the lines read as JSON (paragraphs, and
        /// rows with each cell's text as the report has it).
        #[arg(long, value_enum)]
        format: Option<ExtractFormat>,
        #[command(flatten)]
        batch: BatchArgs,
        /// With `--format csv`: no UTF-8 byte-order mark at the start (by default it is written,
        /// so that Excel and WPS show the Chinese labels correctly).
        #[arg(long)]
        no_bom: bool,
        /// Print the text gouji read instead (one table row per line, `|` between cells).
        #[arg(long)]
        text: bool,
    },
    Impact(impact::ImpactArgs),
    /// Explain a diagnostic code (`gouji explain R040`); without a code, list them all.
    Explain {
        /// A diagnostic code such as `R040` or `G002`.
        code: Option<String>,
    },
    /// List the rule sets: their years and issuing documents.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the examples written in rule files; fail when one fails or a check is never exercised.
    #[command(after_help = "-")]
    Test {
        files: Vec<String>,
        /// Colour the output: `auto` colours a terminal unless NO_COLOR is set.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    Lsp,
    /// Format rule files in place (or check that they are formatted).
    #[command(after_help = "-")]
    Fmt {
        /// Rule files (`.gouji`).
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

#[derive(clap::Args)]
struct BatchArgs {
    /// Check this many reports at once (default: one per core).
    #[arg(
        long,
        short,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    jobs: usize,
    /// No progress bar (it is shown only on a terminal, for batches longer than a second).
    #[arg(long)]
    no_progress: bool,
}

impl BatchArgs {
    fn options(&self) -> batch::Options {
        batch::Options {
            jobs: self.jobs,
            progress: !self.no_progress,
        }
    }
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
        let has_exit_codes = cmd.get_after_help().is_some();
        let mut cmd = cmd
            .about(i18n::t(&about_id, None))
            .help_template(tr!("cli-help-template"))
            .subcommand_help_heading(tr!("cli-heading-commands"))
            .subcommand_value_name(tr!("cli-value-command"))
            .after_help(if has_exit_codes {
                tr!("cli-exit-codes")
            } else {
                String::new()
            })
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
    if let Some(f) = cli.stdin_format {
        use gouji::document::Kind;
        let _ = STDIN_KIND.set(match f {
            StdinFormat::Text => Kind::Text,
            StdinFormat::Html => Kind::Html,
            StdinFormat::Mhtml => Kind::Mhtml,
            StdinFormat::Docx => Kind::Docx,
            StdinFormat::Pdf => Kind::Pdf,
            StdinFormat::Ofd => Kind::Ofd,
        });
    }
    gouji::fixed::set_pdf_tool(match cli.pdf_tool {
        PdfToolArg::Builtin => gouji::fixed::PdfTool::Builtin,
        PdfToolArg::Pdftotext => gouji::fixed::PdfTool::Pdftotext,
    });
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
            summary,
            batch,
        } => check(&CheckArgs {
            files: &files,
            rules: &rules,
            year,
            format,
            color,
            quiet,
            stdin_name: &stdin_filename,
            baseline: &baseline,
            summary: summary.as_deref(),
            batch: batch.options(),
        }),
        Command::Extract {
            files,
            rules,
            year,
            format,
            batch,
            no_bom,
            text,
        } => match (text, format) {
            (true, Some(ExtractFormat::Csv)) => {
                let _ = writeln!(std::io::stderr(), "gouji: {}", tr!("cli-text-no-csv"));
                ExitCode::from(2)
            }
            (true, f) => extract::text(&files, &rules, year, f == Some(ExtractFormat::Json)),
            (false, f) => extract::run(
                &files,
                &rules,
                year,
                f.unwrap_or(ExtractFormat::Json),
                batch.options(),
                !no_bom,
            ),
        },
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

/// Read a file (or stdin for `-`) as bytes, never more than one byte over the size limit: a
/// file whose size the file system does not know (a device such as `/dev/zero`, a pipe) is cut
/// off there and refused as too large, instead of being read without end.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let too_large = |len: usize| {
        tr!(
            "cli-file-problem",
            path = path,
            problem = decode::DecodeError::TooLarge(len).to_string()
        )
    };
    // Read up to one byte over the limit: its real length is not known (a device or pipe).
    let within_limit = |buf: Vec<u8>| match buf.len() > decode::MAX_REPORT_BYTES {
        true => Err(tr!(
            "cli-too-large-unsized",
            path = path,
            max = decode::MAX_REPORT_BYTES.to_string()
        )),
        false => Ok(buf),
    };
    if path == "-" {
        let buf = read_capped(std::io::stdin().lock(), 0)
            .map_err(|e| tr!("cli-cannot-read-stdin", error = e.to_string()))?;
        return within_limit(buf);
    }
    let cannot_read = |e: std::io::Error| tr!("cli-cannot-read", path = path, error = io_words(&e));
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(tr!("cli-is-a-folder", path = path));
    }
    // A regular file's size is known before reading; a device or pipe is cut at the limit.
    if meta.len() as usize > decode::MAX_REPORT_BYTES {
        return Err(too_large(meta.len() as usize));
    }
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    within_limit(read_capped(file, meta.len() as usize).map_err(cannot_read)?)
}

/// Everything `from` gives, up to one byte over [`decode::MAX_REPORT_BYTES`] (so that "too
/// large" can be told from "exactly the limit"). `size` is what the file is expected to hold
/// (0 when unknown): with room for it, a file is read in one call and a second that finds its
/// end, instead of the many small growing reads of an unsized buffer behind `take`.
fn read_capped(from: impl Read, size: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(size.min(decode::MAX_REPORT_BYTES) + 1);
    from.take(decode::MAX_REPORT_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
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
    load_rules_as(sources, files, replace, color, Format::Human)
}

fn print_sarif(
    sources: &Sources,
    diags: &[diagnostic::Diagnostic],
    unread: &[diagnostic::sarif::Unread],
) {
    let log = diagnostic::sarif::log(sources, diags, unread);
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    );
}

/// As [`load_rules`]; in JSON, rule-file findings go to standard output as the JSON document
/// of `gouji check --format json` (one entry per rule file); in SARIF, as a SARIF log whose
/// results are the rule-file findings.
fn load_rules_as(
    sources: &mut Sources,
    files: &[String],
    replace: bool,
    color: ColorChoice,
    format: Format,
) -> Option<Compiled> {
    // A rule file that cannot be used: said on standard error and, in SARIF, as the log's one
    // unread artifact; nothing is checked.
    let refuse = |sources: &Sources, path: &str, message: String| {
        stderr(&message);
        if format == Format::Sarif {
            let unread = diagnostic::sarif::Unread {
                path: path.to_string(),
                message,
                code: None,
            };
            print_sarif(sources, &[], &[unread]);
        }
    };
    let mut user = Vec::new();
    for f in files {
        let text = match read_bytes(f) {
            Ok(b) => String::from_utf8(b).map_err(|_| tr!("cli-rules-not-utf8", path = f.as_str())),
            Err(e) => Err(e),
        };
        match text {
            Ok(t) if looks_like_report(f, &t) => {
                refuse(sources, f, report_not_rules(f));
                return None;
            }
            Ok(t) => user.push((f.clone(), t.trim_start_matches('\u{feff}').to_string())),
            Err(message) => {
                refuse(sources, f, message);
                return None;
            }
        }
    }
    let compiled = if replace {
        gouji::rules::load_replacing(sources, &user)
    } else {
        gouji::rules::load(sources, &user)
    };
    if format == Format::Sarif && compiled.has_errors() {
        print_sarif(sources, &compiled.diagnostics, &[]);
    } else if format == Format::Json && compiled.has_errors() {
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

/// A file given where a rule file belongs that is a report: named like one (`.txt`, `.md`, …) or
/// talking like one, and with no `regulation` line. Said once instead of a syntax error per line.
pub fn looks_like_report(path: &str, text: &str) -> bool {
    let has_regulation = text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("regulation") || l.starts_with("规定")
    });
    if has_regulation {
        return false;
    }
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "txt" | "md" | "htm" | "html" | "doc" | "docx" | "pdf" | "wps"
    ) || text.contains("年度报告")
        || text.contains("政府信息公开")
}

pub fn report_not_rules(path: &str) -> String {
    tr!("cli-report-not-rules", path = path)
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

/// One report file: its text in `sources` and the file as opened, or why it could not be read.
pub enum Loaded {
    Ok(FileId, Box<gouji::document::Opened>),
    /// The file could not be opened (no such file, a folder, permissions).
    Failed(String),
    /// The file was read but is not a report (empty, binary, unknown encoding: R001; a
    /// container that cannot be read: R100–R105).
    NotText(String, Code),
}

/// Read a report file: its kind by content (then the extension of `display`), decoded and laid
/// out; the text findings are shown against moves into `sources` under `display` (the file as
/// opened keeps its layout, not the text: check it with [`check_loaded`]).
pub fn load_report(sources: &mut Sources, path: &str, display: &str) -> Loaded {
    match read_bytes(path) {
        Err(e) => Loaded::Failed(e),
        Ok(bytes) => match open_bytes(&bytes, path, display) {
            Ok(mut o) => {
                let text = std::mem::take(&mut o.source);
                Loaded::Ok(sources.add(display, text), Box::new(o))
            }
            Err(e) => Loaded::NotText(
                tr!("cli-file-problem", path = display, problem = e.to_string()),
                e.code(),
            ),
        },
    }
}

/// A report's bytes opened as `--stdin-format` says (standard input only, still under the size
/// limit of every file), else as their content (then the extension of `display`) says.
fn open_bytes(
    bytes: &[u8],
    path: &str,
    display: &str,
) -> Result<gouji::document::Opened, gouji::document::OpenError> {
    match STDIN_KIND.get().filter(|_| path == "-") {
        Some(&kind) if bytes.len() <= decode::MAX_REPORT_BYTES => {
            gouji::document::open_as(bytes, kind)
        }
        _ => gouji::document::open(bytes, display),
    }
}

/// Read and check a report [`load_report`] put into the sources as `file`, with `text`, its text
/// there.
pub fn check_loaded(
    compiled: &gouji::compile::Compiled,
    file: FileId,
    text: &str,
    opened: &gouji::document::Opened,
    opts: &ReadOptions,
) -> gouji::Checked {
    match opened.view {
        None => gouji::check_report(compiled, file, text, opts),
        Some(_) => gouji::document::check(compiled, file, opened, opts),
    }
}

struct CheckArgs<'a> {
    files: &'a [String],
    rules: &'a RuleArgs,
    year: Option<u32>,
    format: Format,
    color: Color,
    quiet: bool,
    stdin_name: &'a str,
    baseline: &'a baseline::BaselineArgs,
    summary: Option<&'a str>,
    batch: batch::Options,
}

/// What one report of a batch leaves once it has been read, checked and rendered (and dropped).
#[derive(Default)]
struct Outcome {
    /// The rendered findings (human format).
    out: Vec<u8>,
    /// Elements of the JSON `files` or SARIF `results` array, printed.
    items: Vec<Vec<u8>>,
    /// A line for standard error: the file could not be read.
    err: Option<String>,
    errors: usize,
    warnings: usize,
    notes: usize,
    /// The file could not be read as a report at all.
    failed: bool,
    /// The code of every error and warning, for the tally.
    codes: Vec<Code>,
    /// The report's line of the `--summary` overview.
    row: Option<summary::Row>,
    /// Findings the baseline matched (hidden or shown as reviewed).
    hidden: usize,
    /// What the checks across reports need of it: its path, its text when it cannot be read
    /// again (standard input), and its numbers.
    kept: Option<(String, Option<String>, gouji::cross::Kept)>,
    /// The file could not be read: a notification (and maybe a result) of the SARIF log.
    unread: Option<diagnostic::sarif::Unread>,
    /// The report's findings before the baseline, for `--write-baseline`.
    to_record: Option<(String, Vec<gouji::diagnostic::Diagnostic>)>,
}

/// Counts over a batch: findings by severity, reports by verdict, findings by code.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    notes: usize,
    failed: usize,
    clean: usize,
    with_errors: usize,
    by_code: std::collections::BTreeMap<Code, usize>,
}

impl Tally {
    fn add(&mut self, o: &Outcome) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.notes += o.notes;
        if o.failed {
            self.failed += 1;
        } else if o.errors > 0 {
            self.with_errors += 1;
        } else {
            self.clean += 1;
        }
        for c in &o.codes {
            *self.by_code.entry(*c).or_default() += 1;
        }
    }

    /// `63 reports: 41 without errors, 18 with errors, 4 could not be read; R040 ×27, R041 ×12`
    fn line(&self, n: usize) -> String {
        let mut s = tr!(
            "cli-tally",
            reports = n,
            clean = self.clean,
            errors = self.with_errors
        );
        if self.failed > 0 {
            s.push_str(&tr!("cli-tally-unreadable", count = self.failed));
        }
        let mut codes: Vec<_> = self.by_code.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (i, (c, k)) in codes.iter().enumerate() {
            let (code, count) = (c.to_string(), **k);
            s.push_str(&if i == 0 {
                tr!("cli-tally-first-code", code = code, count = count)
            } else {
                tr!("cli-tally-next-code", code = code, count = count)
            });
        }
        s
    }
}

fn check(a: &CheckArgs) -> ExitCode {
    let mut reviewed = match baseline::Reviewed::new(a.baseline) {
        Ok(r) => r,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let choice = color_choice(a.color, std::io::stdout().is_terminal());
    let files = match expand_inputs(a.files) {
        Ok(f) => f,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let summary_kind = match a.summary.map(summary::Kind::of).transpose() {
        Ok(k) => k,
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    };
    let mut sources = Sources::new();
    let Some(compiled) = load_rules_as(
        &mut sources,
        &a.rules.rule_files,
        a.rules.no_bundled,
        color_choice(a.color, std::io::stderr().is_terminal()),
        a.format,
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
    // What the checks across reports read; nothing is kept when they read nothing.
    let needs = gouji::cross::Needs::new(&compiled, &workspace);
    let several_reports = files.len() > 1 && !needs.is_empty();
    let format = a.format;
    let frame = match format {
        Format::Human => None,
        Format::Json => Some(batch::Frame::split(
            &serde_json::json!({"files": [], "summary": {}}),
            "files",
        )),
        Format::Sarif => Some(batch::Frame::split(
            &diagnostic::sarif::log(&sources, &[], &[]),
            "results",
        )),
    };
    let depth = frame.as_ref().map_or(0, |f| f.depth);
    let writer = BufferWriter::stdout(choice);
    let (hider, writes_baseline) = (reviewed.hider(), reviewed.writes());
    let work = |src: &mut Sources, path: &str| -> Outcome {
        let display = if path == "-" { a.stdin_name } else { path };
        let mut o = Outcome::default();
        let (file, opened) = match load_report(src, path, display) {
            Loaded::Ok(f, o) => (f, o),
            Loaded::Failed(msg) => {
                o.failed = true;
                o.err = Some(format!("gouji: {msg}"));
                o.unread = Some(diagnostic::sarif::Unread {
                    path: display.to_string(),
                    message: msg.clone(),
                    code: None,
                });
                if format == Format::Json {
                    o.items.push(batch::json_item_bytes(&serde_json::json!({"path": display, "regulation": null, "report_year": null, "error": msg, "diagnostics": []}), depth));
                }
                if summary_kind.is_some() {
                    o.row = Some(summary::Row::unreadable(display, &msg));
                }
                return o;
            }
            Loaded::NotText(msg, code) => {
                o.failed = true;
                o.errors = 1;
                o.codes.push(code);
                o.err = Some(format!("{}[{code}]: {msg}", Severity::Error.word()));
                o.unread = Some(diagnostic::sarif::Unread {
                    path: display.to_string(),
                    message: msg.clone(),
                    code: Some(code),
                });
                if format == Format::Json {
                    o.items.push(batch::json_item_bytes(&serde_json::json!({"path": display, "regulation": null, "report_year": null, "error": msg, "diagnostics": [{
                        "code": code.as_str(), "severity": "error", "message": msg,
                        "line": 1, "column": 1, "end_line": 1, "end_column": 1, "labels": [], "notes": [], "help": null, "rule": null,
                    }]}), depth));
                }
                if summary_kind.is_some() {
                    o.row = Some(summary::Row::unreadable(display, &msg));
                }
                return o;
            }
        };
        let mut checked = check_loaded(
            &compiled,
            file,
            &src.get(file).text,
            &opened,
            &ReadOptions { year: a.year },
        );
        if writes_baseline {
            o.to_record = Some((display.to_string(), checked.findings.clone()));
        }
        o.hidden = hider.hide(display, &mut checked.findings);
        // Not a report at all (R001 from the checker): counted with the files that could not
        // be read, as R001 says.
        o.failed = checked.findings.iter().any(|d| d.code == Code::Unreadable);
        for d in checked
            .findings
            .iter()
            .filter(|d| baseline::Reviewed::counts(d))
        {
            match d.severity {
                Severity::Error => o.errors += 1,
                Severity::Warning => o.warnings += 1,
                Severity::Note => o.notes += 1,
            }
            if d.severity != Severity::Note {
                o.codes.push(d.code);
            }
        }
        match format {
            Format::Human => {
                if !a.quiet && !checked.findings.is_empty() {
                    let mut buf = writer.buffer();
                    let _ = diagnostic::render::emit(&mut buf, src, &checked.findings);
                    o.out = buf.into_inner();
                }
            }
            Format::Sarif => {
                for d in &checked.findings {
                    o.items.push(batch::json_item_bytes(
                        &diagnostic::sarif::result(src, d),
                        depth,
                    ));
                }
            }
            Format::Json => {
                let rs = checked.document.rule_set.map(|i| &compiled.rule_sets[i]);
                let diagnostics: Vec<_> = checked
                    .findings
                    .iter()
                    .map(|d| json::diagnostic(src, d))
                    .collect();
                o.items.push(batch::json_entry_bytes(
                    &batch::ReportEntry {
                        path: display,
                        regulation: rs.map(|r| r.regulation.as_str()),
                        rule_set: rs.map(|r| r.version.as_str()),
                        report_year: checked.document.year,
                        diagnostics: &diagnostics,
                    },
                    depth,
                ));
            }
        }
        if summary_kind.is_some() {
            o.row = Some(summary::Row::new(&compiled, src, display, &checked));
        }
        if several_reports {
            let text = &src.get(file).text;
            o.kept = Some((
                path.to_string(),
                (path == "-").then(|| text.clone()),
                gouji::cross::Kept::new(
                    &needs,
                    &workspace,
                    &gouji::cross::Report {
                        name: display,
                        doc: &checked.document,
                        text,
                    },
                ),
            ));
        }
        o
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    // SARIF results wait in a spool until the files that could not be read are known.
    let mut spool = (format == Format::Sarif).then(batch::Spool::new);
    if let (Some(f), None) = (&frame, &spool) {
        let _ = out.write_all(f.head.as_bytes());
    }
    let mut unread: Vec<diagnostic::sarif::Unread> = Vec::new();
    let mut tally = Tally::default();
    let mut summary_writer = match (a.summary, summary_kind) {
        (Some(path), Some(kind)) => match summary::Writer::create(path, kind) {
            Ok(w) => Some(w),
            Err(e) => {
                stderr(&tr!(
                    "cli-cannot-write-summary",
                    path = path,
                    error = io_words(&e)
                ));
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let mut summary_error = None;
    // Reports kept (in a small form, on disk) for the checks that need several of them.
    let mut kept = several_reports.then(cross::Store::new);
    let mut items = 0usize;
    let mut index = 0usize;
    batch::run(&files, &sources, a.batch, work, |mut o: Outcome| {
        if let Some(e) = &o.err {
            let _ = out.flush();
            let _ = writeln!(std::io::stderr(), "{e}");
        }
        let _ = out.write_all(&o.out);
        let sink: &mut dyn Write = match spool.as_mut() {
            Some(sp) => sp,
            None => &mut out,
        };
        for it in &o.items {
            let _ = sink.write_all(if items == 0 { b"\n" } else { b",\n" });
            let _ = sink.write_all(it);
            items += 1;
        }
        if let Some(u) = o.unread.take() {
            unread.push(u);
        }
        tally.add(&o);
        reviewed.hidden += o.hidden;
        if let Some((report, findings)) = &o.to_record {
            reviewed.record(report, findings);
        }
        if let (Some((path, text, k)), Some(store)) = (o.kept.take(), kept.as_mut()) {
            store.add(&path, text, index, o.errors, &k);
        }
        index += 1;
        if let (Some(w), Some(r)) = (summary_writer.as_mut(), &o.row) {
            if let Err(e) = w.add(r) {
                summary_error.get_or_insert(e);
            }
        }
    });
    // Findings that need several reports: shown after the reports, each at its own file.
    if let Some(kept) = kept {
        // Read again as the batch read it (a Word file or PDF as its laid-out text, which the
        // findings' places point into), not merely decoded.
        let read = |path: &str| -> Option<String> {
            if path == "-" {
                return None;
            }
            let mut again = Sources::new();
            match load_report(&mut again, path, path) {
                Loaded::Ok(id, _) => Some(again.get(id).text.clone()),
                Loaded::Failed(_) | Loaded::NotText(..) => None,
            }
        };
        let (all, several, shown) = match kept.findings(&compiled, &sources, &workspace, read) {
            Ok(f) => f,
            Err(e) => {
                let _ = out.flush();
                stderr(&tr!("cli-cannot-keep", error = io_words(&e)));
                return ExitCode::from(2);
            }
        };
        // A report without errors of its own that gets one across reports has errors; its row
        // of the summary shows the findings.
        for k in &shown {
            let file = k.file;
            let mine = || several.iter().filter(move |d| d.primary.file == file);
            let (errors, _) = cross::counts(mine());
            if k.errors == 0 && errors > 0 {
                tally.clean = tally.clean.saturating_sub(1);
                tally.with_errors += 1;
            }
            if let Some(w) = summary_writer.as_mut() {
                let src = all.get(file);
                w.amend(k.index, mine().map(|d| summary::finding(src, d)).collect());
            }
        }
        for d in &several {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
            if d.severity != Severity::Note {
                *tally.by_code.entry(d.code).or_default() += 1;
            }
        }
        match format {
            Format::Human => {
                if !a.quiet && !several.is_empty() {
                    let mut buf = writer.buffer();
                    let _ = diagnostic::render::emit(&mut buf, &all, &several);
                    let _ = out.write_all(buf.as_slice());
                }
            }
            Format::Sarif => {
                let sink: &mut dyn Write = match spool.as_mut() {
                    Some(sp) => sp,
                    None => &mut out,
                };
                for d in &several {
                    let _ = sink.write_all(if items == 0 { b"\n" } else { b",\n" });
                    let item = batch::json_item_bytes(&diagnostic::sarif::result(&all, d), depth);
                    let _ = sink.write_all(&item);
                    items += 1;
                }
            }
            Format::Json => {
                // One more entry per report with findings across reports, after the reports.
                for k in &shown {
                    let id = k.file;
                    let mine: Vec<_> = several
                        .iter()
                        .filter(|d| d.primary.file == id)
                        .map(|d| json::diagnostic(&all, d))
                        .collect();
                    if mine.is_empty() {
                        continue;
                    }
                    let rs = k.kept.rule_set.map(|i| &compiled.rule_sets[i]);
                    let entry = serde_json::json!({
                        "path": k.kept.name,
                        "across_reports": true,
                        "regulation": rs.map(|r| r.regulation.clone()),
                        "rule_set": rs.map(|r| r.version.clone()),
                        "report_year": k.kept.year,
                        "diagnostics": mine,
                    });
                    let _ = out.write_all(if items == 0 { b"\n" } else { b",\n" });
                    let _ = out.write_all(&batch::json_item_bytes(&entry, depth));
                    items += 1;
                }
            }
        }
    }
    let n = files.len();
    let t = &tally;
    match format {
        Format::Human => {
            let mut buf = writer.buffer();
            let _ = buf.set_color(ColorSpec::new().set_bold(true));
            let summary = tr!(
                "cli-summary",
                files = n,
                errors = t.errors,
                warnings = t.warnings,
                notes = t.notes
            ) + &reviewed.summary();
            let _ = write!(
                buf,
                "{}",
                if t.failed > 0 {
                    tr!(
                        "cli-summary-unreadable",
                        summary = summary,
                        failed = t.failed
                    )
                } else {
                    summary
                }
            );
            let _ = buf.reset();
            let _ = writeln!(buf);
            if n > 1 {
                let _ = writeln!(buf, "{}", t.line(n));
            }
            let _ = out.write_all(buf.as_slice());
        }
        Format::Sarif => {
            if let Some(spool) = spool.take() {
                // The head is written now that the unread files are known (their notifications
                // stand before the results); then the spooled results, then the unread ones.
                let mut log = diagnostic::sarif::log(&sources, &[], &unread);
                log["runs"][0]["results"] = serde_json::json!([]);
                let f = batch::Frame::split(&log, "results");
                let _ = out.write_all(f.head.as_bytes());
                let _ = spool.copy_to(&mut out);
                for u in &unread {
                    if let Some(r) = diagnostic::sarif::unread_result(u) {
                        let _ = out.write_all(if items == 0 { b"\n" } else { b",\n" });
                        let _ = out.write_all(&batch::json_item_bytes(&r, f.depth));
                        items += 1;
                    }
                }
                let _ = writeln!(out, "{}", f.close(items == 0));
            }
        }
        Format::Json => {
            let end = batch::Frame::split(
                &serde_json::json!({
                    "files": [],
                    "summary": {"files": n, "errors": t.errors, "warnings": t.warnings, "notes": t.notes, "unreadable_files": t.failed, "baselined": reviewed.hidden},
                }),
                "files",
            );
            let _ = writeln!(out, "{}", end.close(items == 0));
        }
    }
    let _ = out.flush();
    drop(out);
    if format != Format::Human && n > 1 && !a.quiet && std::io::stderr().is_terminal() {
        stderr(&t.line(n));
    }
    match reviewed.finish() {
        Ok(Some(msg)) => stderr(&msg),
        Ok(None) => {}
        Err(e) => {
            stderr(&e);
            return ExitCode::from(2);
        }
    }
    if let (Some(path), Some(w)) = (a.summary, summary_writer) {
        let written = match summary_error {
            Some(e) => Err(e),
            None => w.finish(&t.by_code),
        };
        if let Err(e) = written {
            stderr(&tr!(
                "cli-cannot-write-summary",
                path = path,
                error = io_words(&e)
            ));
            return ExitCode::from(2);
        }
    }
    if t.failed > 0 {
        ExitCode::from(2)
    } else if t.errors > 0 {
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

/// Files named on the command line, with folders replaced by the reports in them (text, web
/// pages, Word, PDF and OFD files, and the old Office files that are refused one by one; walked
/// recursively, in a stable order). `-` stays standard input.
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
    let mut seen = std::collections::HashSet::new();
    walk_from(dir, &mut seen, out)
}

/// One folder of [`walk`]. A folder reached a second time (a symbolic link back up the tree, or
/// two links to one folder) is not walked again: its reports are listed once.
fn walk_from(
    dir: &std::path::Path,
    seen: &mut std::collections::HashSet<std::path::PathBuf>,
    out: &mut Vec<String>,
) -> std::io::Result<()> {
    if !seen.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
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
            walk_from(&path, seen, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            gouji::document::detect::REPORT_EXTENSIONS
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        }) {
            out.push(path.to_string_lossy().into_owned());
        }
    }
    Ok(())
}
