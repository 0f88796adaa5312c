//! The bundled rule sets, embedded in the binary.

use crate::compile::{self, Compiled};
use crate::source::{FileId, Sources};

pub const BUNDLED: &[(&str, &str)] = &[
    (
        "rules/gov-info-disclosure-2021.gouji",
        include_str!("../rules/gov-info-disclosure-2021.gouji"),
    ),
    (
        "rules/gov-info-disclosure-2019.gouji",
        include_str!("../rules/gov-info-disclosure-2019.gouji"),
    ),
];

/// The index in [`BUNDLED`] of a file that is a bundled rule file (same name, same text).
pub fn bundled_index(sources: &Sources, file: FileId) -> Option<usize> {
    let f = sources.get(file);
    BUNDLED
        .iter()
        .position(|(name, text)| f.name == *name && f.text == *text)
}

/// Add the bundled rule files to `sources`.
pub fn add_bundled(sources: &mut Sources) -> Vec<FileId> {
    BUNDLED
        .iter()
        .map(|(name, text)| sources.add(*name, *text))
        .collect()
}

/// Compile the bundled rules with the user's rule files added: a user's rule set (which may
/// extend a bundled one) governs the years it names, the bundled rule sets of its regulation
/// the other years (see [`compile::compile_adding`]).
pub fn load(sources: &mut Sources, user: &[(String, String)]) -> Compiled {
    let bundled = add_bundled(sources);
    if user.is_empty() {
        return compile::compile(sources, &bundled);
    }
    let files: Vec<FileId> = user
        .iter()
        .map(|(n, t)| sources.add(n.clone(), t.clone()))
        .collect();
    compile::compile_adding(sources, &bundled, &files)
}

/// Compile the user's rule files alone (they may still extend a bundled rule set): the bundled
/// rule sets check nothing. Without user files, the bundled rules.
pub fn load_replacing(sources: &mut Sources, user: &[(String, String)]) -> Compiled {
    let bundled = add_bundled(sources);
    if user.is_empty() {
        return compile::compile(sources, &bundled);
    }
    let files: Vec<FileId> = user
        .iter()
        .map(|(n, t)| sources.add(n.clone(), t.clone()))
        .collect();
    compile::compile_with_base(sources, &bundled, &files)
}
