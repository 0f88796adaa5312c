//! The message catalogue: every message exists in Chinese and English with the same variables,
//! every id the code asks for exists, and no user-facing English is left in the code outside it.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use gouji::i18n::{self, Lang};
use std::collections::{BTreeMap, BTreeSet};

/// id → the variables its text uses, for one language, read from the embedded files. A message
/// may leave out variables that the other language uses, when a comment right above it says so:
/// `# leaves out: label` (they are then counted as used).
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut left_out: Vec<String> = Vec::new();
    for (tag, file, text) in i18n::catalogue_files() {
        if *tag != lang.tag() {
            continue;
        }
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.to_string()) {
            panic!("locales/{tag}/{file} does not parse: {errors:?}");
        }
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message =
                line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains(" =");
            if starts_message {
                let id = line.split(" =").next().unwrap_or("").trim().to_string();
                let declared: BTreeSet<String> =
                    std::mem::take(&mut left_out).into_iter().collect();
                assert!(
                    out.insert(id.clone(), declared).is_none(),
                    "{id} is defined twice in {tag}"
                );
                current = Some(id);
            } else if line.starts_with('#') || line.trim().is_empty() {
                if let Some(vars) = line.strip_prefix("# leaves out:") {
                    left_out.extend(vars.split(',').map(|v| v.trim().to_string()));
                }
                current = None;
                continue;
            }
            if let Some(id) = &current {
                let vars = out.get_mut(id).expect("just inserted");
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    rest = &rest[i + 1..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    vars.insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_variables() {
    let zh = messages(Lang::Zh);
    let en = messages(Lang::En);
    assert!(zh.len() > 200, "the catalogue holds {} messages", zh.len());
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "only in zh-CN: {only_zh:?}");
    assert!(only_en.is_empty(), "only in en: {only_en:?}");
    for (id, vars) in &zh {
        // A message may leave out a variable that only chooses a plural form in English.
        let en_vars = &en[id];
        let missing: Vec<_> = vars.difference(en_vars).collect();
        assert!(missing.is_empty(), "{id}: en does not use {missing:?}");
        let extra: Vec<_> = en_vars
            .difference(vars)
            .filter(|v| !matches!(v.as_str(), "count"))
            .collect();
        assert!(extra.is_empty(), "{id}: zh-CN does not use {extra:?}");
    }
}

#[test]
fn both_languages_have_the_same_catalogue_files() {
    let files = |l: Lang| -> BTreeSet<&str> {
        i18n::catalogue_files()
            .iter()
            .filter(|(t, _, _)| *t == l.tag())
            .map(|(_, f, _)| *f)
            .collect()
    };
    assert_eq!(files(Lang::Zh), files(Lang::En));
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its `#[cfg(test)]` module (tests may say what they like).
fn code_of(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    }
}

#[test]
fn every_id_the_code_asks_for_exists_in_both_languages() {
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src"), &mut files);
    let zh = messages(Lang::Zh);
    let en = messages(Lang::En);
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        if f.ends_with("i18n.rs") {
            continue;
        }
        let mut rest = text.as_str();
        while let Some(i) = rest.find("tr!(") {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + 4..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let after = rest.trim_start();
            if let Some(stripped) = after.strip_prefix('"') {
                let id: String = stripped.chars().take_while(|c| *c != '"').collect();
                if !zh.contains_key(&id) || !en.contains_key(&id) {
                    missing.push(format!("{}: {id}", f.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "ids not in the catalogue: {missing:#?}");
}

/// A string literal that reads as English prose: two English words in a row.
fn is_english_prose(lit: &str) -> bool {
    let words: Vec<&str> = lit
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .filter(|w| w.len() >= 2)
        .collect();
    if words.len() < 2 {
        return false;
    }
    // Two words next to each other, separated by a blank (not `a.b`, `a_b`, `a::b`, `a/b`).
    let b = lit.as_bytes();
    let mut prev_alpha_end = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'\'') {
                i += 1;
            }
            if let Some(pe) = prev_alpha_end {
                let between = &lit[pe..s];
                if !between.is_empty()
                    && between.chars().all(|c| c == ' ' || c == ',')
                    && between.contains(' ')
                    && i - s >= 2
                {
                    return true;
                }
            }
            prev_alpha_end = Some(i);
        } else {
            i += 1;
        }
    }
    false
}

/// String literals of Rust code, with the line they start on. Raw strings are read too.
fn literals(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal or a lifetime: skip `'x'`, `'\n'`, `'\''`.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    i += 1;
                    // A multi-byte char literal.
                    if let Some(c) = code[i..].chars().next() {
                        if code[i + c.len_utf8()..].starts_with('\'') {
                            i += c.len_utf8() + 1;
                        }
                    }
                }
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = j + 1;
                let end = code[start..]
                    .find(&close)
                    .map(|e| start + e)
                    .unwrap_or(b.len());
                out.push((line, code[start..end].to_string()));
                line += code[start..end].matches('\n').count();
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                // `reason = "…"` of a lint attribute is for programmers.
                let attribute_reason = code[..i].trim_end().ends_with("reason =");
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let lit = &code[start..j.min(b.len())];
                if !attribute_reason {
                    out.push((line, lit.to_string()));
                }
                line += lit.matches('\n').count();
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Strings in the code that no user reads as prose, each with why.
const ALLOWED: &[(&str, &str)] = &[
    // JSON-RPC and LSP protocol words.
    ("src/lsp/", "jsonrpc"),
    // The titles of the codes in English, next to the codes; the catalogue test checks that
    // locales/en/codes.ftl says the same (tests/codes.rs), and people read the catalogue's.
    ("src/diagnostic/codes.rs", ""),
    // The prefix of the server's log lines on stderr: the command's name.
    ("src/lsp/server.rs", "gouji lsp: "),
    // Left for a later pass (reported): the batch summary page is written in Chinese only, its
    // markup, style sheet and script are not prose; its words are not yet in the catalogue.
    ("src/cli/summary.rs", "<"),
    ("src/cli/summary.rs", "{font-family"),
    ("src/cli/summary.rs", "(function(){"),
    // Left for a later pass (reported): errors of the LSP byte stream, for the editor's log.
    ("src/lsp/transport.rs", ""),
    // The fuzz harness's assertions, for developers.
    ("src/fuzzing.rs", ""),
    // Keywords of the rules language, not prose.
    ("src/syntax/", "each row"),
    ("src/syntax/", "each column"),
    ("src/syntax/", "when mentioned"),
    // Markup the container detector looks for, not prose.
    ("src/document/detect.rs", "<!doctype html"),
];

#[test]
fn no_user_facing_english_outside_the_catalogue() {
    let mut files = Vec::new();
    rust_files(std::path::Path::new("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        let name = f.display().to_string();
        for (line, lit) in literals(code_of(&text)) {
            if !is_english_prose(&lit) {
                continue;
            }
            if ALLOWED
                .iter()
                .any(|(file, s)| name.starts_with(file) && lit.contains(s))
            {
                continue;
            }
            found.push(format!("{name}:{line}: {lit:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "English text in the code; put it in locales/*/ and use tr!:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_prose_detector_tells_prose_from_names() {
    assert!(is_english_prose("the file is empty"));
    assert!(is_english_prose("cannot read `{path}`: {}"));
    assert!(!is_english_prose("textDocument/didOpen"));
    assert!(!is_english_prose("row.column"));
    assert!(!is_english_prose("check-place-row"));
    assert!(!is_english_prose("R040"));
    assert!(!is_english_prose("{} {}"));
}

#[test]
fn a_language_is_chosen_from_the_flag_then_gouji_lang_then_the_config_then_the_locale() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::choose(Some("en"), None, &env(&[("GOUJI_LANG", "zh")])),
        Lang::En
    );
    assert_eq!(
        Lang::choose(None, Some("en"), &env(&[("GOUJI_LANG", "zh")])),
        Lang::Zh
    );
    assert_eq!(
        Lang::choose(None, Some("en"), &env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::choose(None, None, &env(&[("LANG", "en_US.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::choose(
            None,
            None,
            &env(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")])
        ),
        Lang::Zh,
        "C and POSIX are Chinese: the users are Chinese"
    );
    assert_eq!(
        Lang::choose(None, None, &env(&[("LC_MESSAGES", "POSIX")])),
        Lang::Zh
    );
    assert_eq!(Lang::choose(None, None, &env(&[])), Lang::Zh);
    assert_eq!(
        Lang::choose(Some("klingon"), None, &env(&[("LANG", "en")])),
        Lang::En
    );
}

#[test]
fn with_lang_holds_for_its_closure_and_this_thread_only() {
    let zh = i18n::with_lang(Lang::Zh, || gouji::tr!("severity-error"));
    let en = i18n::with_lang(Lang::En, || {
        let inner = i18n::with_lang(Lang::Zh, || gouji::tr!("severity-error"));
        assert_eq!(inner, "错误");
        gouji::tr!("severity-error")
    });
    assert_eq!((zh.as_str(), en.as_str()), ("错误", "error"));
    let other = i18n::with_lang(Lang::En, || {
        std::thread::spawn(|| gouji::tr!("severity-error"))
            .join()
            .expect("thread")
    });
    assert_eq!(other, "错误", "another thread keeps the default");
}
