//! The README's commands and their output, run for real (trycmd reads the ```console blocks of
//! README.md): an example that no longer matches what gouji prints fails the test.
//! `TRYCMD=overwrite cargo test --test readme` rewrites the expected output after a deliberate
//! change. Also: the documentation's install lists agree with the scripts that need them.

#[test]
fn readme_examples_print_what_the_readme_says() {
    trycmd::TestCases::new()
        .register_bin("gouji", std::path::Path::new(env!("CARGO_BIN_EXE_gouji")))
        .env("NO_COLOR", "1")
        // The English section's examples; the Chinese ones say `--lang zh`.
        .env("GOUJI_LANG", "en")
        .case("README.md");
}

/// The VS Code end-to-end script names the Debian packages it needs; the extension's README
/// lists every one of them.
#[test]
fn the_vscode_readme_names_every_package_the_end_to_end_test_needs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let script = std::fs::read_to_string(format!("{root}/editors/vscode/scripts/e2e.sh"))
        .unwrap_or_default();
    let readme =
        std::fs::read_to_string(format!("{root}/editors/vscode/README.md")).unwrap_or_default();
    let needs = script
        .lines()
        .find_map(|l| l.split_once("apt-get install ").map(|(_, p)| p.to_string()))
        .unwrap_or_default();
    let packages: Vec<&str> = needs.split_whitespace().collect();
    assert!(packages.len() >= 6, "{packages:?}");
    for p in packages {
        assert!(
            readme
                .split(|c: char| c.is_whitespace() || c == '`' || c == ',')
                .any(|w| w == p),
            "editors/vscode/README.md does not name `{p}`"
        );
    }
}
