//! `gouji fmt`: format rule files in place, atomically, or check them; with `--keywords zh|en`,
//! also write every keyword in Chinese or English.

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use gouji::fmt::{ConvertError, KeywordForm};
use gouji::source::Sources;
use gouji::tr;
use std::io::Write;
use std::process::ExitCode;

pub fn run(files: &[String], check: bool, keywords: Option<super::Keywords>) -> ExitCode {
    let mut unformatted = 0;
    let mut failed = false;
    for path in files {
        // Read as a report is (never more than the size limit: a device or pipe without end
        // is refused, not read forever); `-` is a file of that name here, not standard input.
        let read = match path.as_str() {
            "-" => std::fs::read(path).map_err(|e| {
                tr!(
                    "fmt-cannot-read",
                    path = path.as_str(),
                    error = e.to_string()
                )
            }),
            _ => super::read_bytes(path),
        };
        let text = match read.and_then(|b| {
            String::from_utf8(b).map_err(|_| {
                tr!(
                    "fmt-cannot-read",
                    path = path.as_str(),
                    error = tr!("fmt-not-utf8")
                )
            })
        }) {
            Ok(t) => t,
            Err(e) => {
                let msg = match super::looks_like_report(path, "") {
                    true => super::report_not_rules(path),
                    false => e,
                };
                let _ = writeln!(std::io::stderr(), "gouji: {msg}");
                failed = true;
                continue;
            }
        };
        let mut sources = Sources::new();
        let file = sources.add(path.clone(), text.clone());
        let result = match keywords {
            None => gouji::fmt::format(file, &text).map_err(ConvertError::Syntax),
            Some(k) => gouji::fmt::convert_keywords(
                file,
                &text,
                match k {
                    super::Keywords::Zh => KeywordForm::Zh,
                    super::Keywords::En => KeywordForm::En,
                },
            ),
        };
        match result {
            Err(ConvertError::Syntax(_)) if super::looks_like_report(path, &text) => {
                // One line, not a syntax error for every line of the report.
                let _ = writeln!(
                    std::io::stderr(),
                    "gouji: {}",
                    super::report_not_rules(path)
                );
                failed = true;
            }
            Err(ConvertError::Syntax(errors)) => {
                let mut out = StandardStream::stderr(ColorChoice::Never);
                let _ = gouji::diagnostic::render::emit(&mut out, &sources, &errors);
                let _ = writeln!(
                    std::io::stderr(),
                    "gouji: {}",
                    tr!("fmt-has-errors", path = path.as_str())
                );
                failed = true;
            }
            Err(ConvertError::Meaning) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "gouji: {}",
                    tr!("fmt-cannot-convert", path = path.as_str())
                );
                failed = true;
            }
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                unformatted += 1;
                if check {
                    let _ = writeln!(
                        std::io::stdout(),
                        "{}",
                        tr!("fmt-would-reformat", path = path.as_str())
                    );
                } else if let Err(e) = write_atomically(path, &formatted) {
                    let _ = writeln!(
                        std::io::stderr(),
                        "gouji: {}",
                        tr!(
                            "fmt-cannot-write",
                            path = path.as_str(),
                            error = e.to_string()
                        )
                    );
                    failed = true;
                } else {
                    let _ = writeln!(
                        std::io::stdout(),
                        "{}",
                        tr!("fmt-formatted", path = path.as_str())
                    );
                }
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else if check && unformatted > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Write to a temporary file beside the target, then rename it over the target.
pub(super) fn write_atomically(path: &str, text: &str) -> std::io::Result<()> {
    let target = std::path::Path::new(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.gouji-fmt.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    if let Ok(meta) = std::fs::metadata(target) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
