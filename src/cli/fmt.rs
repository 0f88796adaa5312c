//! `gouji fmt`: format rule files in place, atomically, or check them.

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use gouji::source::Sources;
use std::io::Write;
use std::process::ExitCode;

pub fn run(files: &[String], check: bool) -> ExitCode {
    let mut unformatted = 0;
    let mut failed = false;
    for path in files {
        let text = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
        {
            Ok(t) => t,
            Err(e) => {
                let msg = match super::looks_like_report(path, "") {
                    true => super::report_not_rules(path),
                    false => format!("cannot read `{path}`: {e}"),
                };
                let _ = writeln!(std::io::stderr(), "gouji: {msg}");
                failed = true;
                continue;
            }
        };
        let mut sources = Sources::new();
        let file = sources.add(path.clone(), text.clone());
        match gouji::fmt::format(file, &text) {
            Err(_) if super::looks_like_report(path, &text) => {
                // One line, not a syntax error for every line of the report.
                let _ = writeln!(
                    std::io::stderr(),
                    "gouji: {}",
                    super::report_not_rules(path)
                );
                failed = true;
            }
            Err(errors) => {
                let mut out = StandardStream::stderr(ColorChoice::Never);
                let _ = gouji::diagnostic::render::emit(&mut out, &sources, &errors);
                let _ = writeln!(
                    std::io::stderr(),
                    "gouji: `{path}` has syntax errors; it was not formatted"
                );
                failed = true;
            }
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                unformatted += 1;
                if check {
                    let _ = writeln!(std::io::stdout(), "would reformat {path}");
                } else if let Err(e) = write_atomically(path, &formatted) {
                    let _ = writeln!(std::io::stderr(), "gouji: cannot write `{path}`: {e}");
                    failed = true;
                } else {
                    let _ = writeln!(std::io::stdout(), "formatted {path}");
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
