//! Which rules govern the workspace's reports: the rule files named in `gouji.toml` at the
//! workspace root (`rules = ["my.gouji"]`, relative to the root) plus the client's
//! `initializationOptions.extraRuleFiles`; the bundled rules when neither names any.

use super::documents::Documents;
use super::uri;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What the client told us at `initialize`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The workspace root folder.
    pub root: Option<PathBuf>,
    /// Extra rule files (relative to the root, or absolute).
    pub extra_rule_files: Vec<String>,
}

impl Settings {
    /// Read the parts of `InitializeParams` we use, leniently: a malformed field is ignored.
    pub fn from_initialize(params: &serde_json::Value) -> Settings {
        let root_uri = params
            .pointer("/workspaceFolders/0/uri")
            .and_then(|v| v.as_str())
            .or_else(|| params.get("rootUri").and_then(|v| v.as_str()))
            .and_then(|s| s.parse::<lsp_types::Uri>().ok());
        let root = root_uri
            .as_ref()
            .and_then(uri::to_path)
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(|v| v.as_str())
                    .map(PathBuf::from)
            })
            .map(|p| uri::normalize(&p));
        let extra_rule_files = params
            .pointer("/initializationOptions/extraRuleFiles")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Settings {
            root,
            extra_rule_files,
        }
    }

    fn resolve(&self, name: &str) -> PathBuf {
        let p = Path::new(name);
        let full = match &self.root {
            Some(root) if p.is_relative() => root.join(p),
            _ => p.to_path_buf(),
        };
        uri::normalize(&full)
    }

    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join("gouji.toml"))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoujiToml {
    #[serde(default)]
    rules: Vec<String>,
    /// The language of the command line's messages (`zh` or `en`); the editor's own language
    /// decides in the editor.
    #[serde(default)]
    #[allow(dead_code)]
    lang: Option<String>,
    /// Read by `crate::cross` (reports across years and roll-ups); accepted here.
    #[serde(default, rename = "agencies")]
    _agencies: toml::Table,
    #[serde(default, rename = "rollup")]
    _rollup: Vec<toml::Table>,
    /// Reviewed findings (`gouji check --write-baseline`): shown as hints, not errors.
    #[serde(default)]
    baseline: Option<String>,
}

/// The rule files that govern reports, and what went wrong finding them.
#[derive(Debug, Default)]
pub struct RuleFiles {
    pub paths: Vec<PathBuf>,
    /// The baseline file named in `gouji.toml`.
    pub baseline: Option<PathBuf>,
    pub problems: Vec<String>,
}

/// Read `gouji.toml` (the open buffer if the editor has it, else the file on disk).
pub fn rule_files(settings: &Settings, docs: &Documents) -> RuleFiles {
    let mut out = RuleFiles::default();
    if let Some(path) = settings.config_path() {
        let normalized = uri::normalize(&path);
        let text = match docs.at_path(&normalized) {
            Some(d) => Some(d.text.clone()),
            None => std::fs::read_to_string(&path).ok(),
        };
        if let Some(text) = text {
            match toml::from_str::<GoujiToml>(&text) {
                Ok(cfg) => {
                    out.paths
                        .extend(cfg.rules.iter().map(|r| settings.resolve(r)));
                    out.baseline = cfg.baseline.map(|b| settings.resolve(&b));
                }
                Err(e) => out
                    .problems
                    .push(crate::tr!("lsp-config-unreadable", error = e.message())),
            }
        }
    }
    for extra in &settings.extra_rule_files {
        let p = settings.resolve(extra);
        if !out.paths.contains(&p) {
            out.paths.push(p);
        }
    }
    out
}

/// What `gouji.toml` says about several reports (agencies, roll-ups); empty when there is no
/// file or it cannot be read (`rule_files` reports that).
pub fn workspace(settings: &Settings, docs: &Documents) -> crate::cross::Workspace {
    let Some(path) = settings.config_path() else {
        return crate::cross::Workspace::default();
    };
    let normalized = uri::normalize(&path);
    let text = match docs.at_path(&normalized) {
        Some(d) => Some(d.text.clone()),
        None => std::fs::read_to_string(&path).ok(),
    };
    text.and_then(|t| crate::cross::Workspace::parse(&t).ok())
        .unwrap_or_default()
}
