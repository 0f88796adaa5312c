//! Embeds the message catalogue: every `locales/LANG/*.ftl` file becomes one entry of
//! `$OUT_DIR/locales.rs`, so adding a file to the catalogue needs no change in the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from("pub static FILES: &[(&str, &str, &str)] = &[\n");
    let mut langs: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    langs.sort();
    for lang in langs.iter().filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", lang.display());
        let mut files: Vec<_> = std::fs::read_dir(lang)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = |p: &Path| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            let _ = writeln!(
                out,
                "    ({:?}, {:?}, include_str!({:?})),",
                name(lang),
                name(f),
                f.display().to_string()
            );
        }
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("locales.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
        std::process::exit(1);
    }
}
