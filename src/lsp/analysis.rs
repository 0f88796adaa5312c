//! One consistent view of everything open: every rule file and report in one [`Sources`], the
//! rules that govern reports, each report checked, and every file's own diagnostics. Rebuilt
//! after each burst of edits (it takes milliseconds); handlers only read it. What did not change
//! since the last build is reused ([`Keys`]): the parsed and compiled rules, each open report's
//! matching key.

use super::config::{self, Settings};
use super::documents::{Documents, Kind};
use super::uri;
use crate::compile::{self, Compiled};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::norm::KeyText;
use crate::report::ReadOptions;
use crate::source::{FileId, Sources};
use crate::syntax::ast;
use crate::Checked;
use lsp_types::Uri;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A rule file compiled into the binary.
    Bundled,
    /// A rule file named in `gouji.toml` or `extraRuleFiles`: it checks the reports.
    Governing,
    /// A rule file open in the editor that governs nothing; checked for its own errors.
    Standalone,
    Report,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub uri: Uri,
    pub role: Role,
    /// The editor has it open (its text is the editor's, maybe unsaved).
    pub open: bool,
    pub version: Option<i32>,
}

/// The rules reports are checked against, or why there are none.
#[derive(Debug)]
pub enum Rules {
    /// Shared with the cache of the next analysis ([`Keys`]): unchanged rules are not compiled again.
    Ready(Arc<Compiled>),
    /// The governing rule files have errors (kept on the rule files) or could not be read.
    Broken {
        errors: Vec<Diagnostic>,
        problems: Vec<String>,
    },
}

#[derive(Debug)]
pub struct Analysis {
    pub sources: Sources,
    pub entries: Vec<Entry>,
    pub rules: Rules,
    pub reports: BTreeMap<FileId, Checked>,
    /// Each rule file's and report's own findings (for reports: what `gouji check` prints).
    pub diagnostics: BTreeMap<FileId, Vec<Diagnostic>>,
    /// The syntax tree of every rule file, for names, outlines and completion.
    pub trees: BTreeMap<FileId, ast::RuleFile>,
}

impl Analysis {
    pub fn entry(&self, id: FileId) -> Option<&Entry> {
        self.entries.get(id.0)
    }

    pub fn uri(&self, id: FileId) -> Option<&Uri> {
        self.entry(id).map(|e| &e.uri)
    }

    /// The file a URI names; an open document wins over a bundled file with the same URI.
    pub fn file(&self, uri: &Uri) -> Option<FileId> {
        let mut found = None;
        for (i, e) in self.entries.iter().enumerate() {
            if e.uri == *uri {
                if e.role != Role::Bundled {
                    return Some(FileId(i));
                }
                found = found.or(Some(FileId(i)));
            }
        }
        found
    }

    /// Rule files in the order names are looked up in: open ones, governing, bundled.
    pub fn rule_files(&self) -> Vec<FileId> {
        let rank = |r: Role| match r {
            Role::Standalone => 0,
            Role::Governing => 1,
            _ => 2,
        };
        let mut v: Vec<FileId> = self.trees.keys().copied().collect();
        v.sort_by_key(|f| (self.entry(*f).map(|e| rank(e.role)).unwrap_or(3), f.0));
        v
    }

    /// The compiled rules reports are checked against, when they compile.
    pub fn compiled(&self) -> Option<&Compiled> {
        match &self.rules {
            Rules::Ready(c) => Some(c.as_ref()),
            Rules::Broken { .. } => None,
        }
    }
}

/// How many reports beside the open ones are read for the checks across reports.
const MAX_BESIDE: usize = 200;

fn reports_open(entries: &[Entry], f: FileId) -> bool {
    entries
        .get(f.0)
        .is_some_and(|e| e.open && e.role == Role::Report)
}

struct Builder {
    sources: Sources,
    entries: Vec<Entry>,
}

impl Builder {
    fn add(&mut self, name: String, text: String, entry: Entry) -> FileId {
        self.entries.push(entry);
        self.sources.add(name, text)
    }
}

fn strip_bom(s: &str) -> String {
    s.trim_start_matches('\u{feff}').to_string()
}

/// What the last analysis made that the next one can reuse.
#[derive(Default)]
pub struct Keys {
    /// Each open report's text and matching key, by URI: after an edit only the changed part
    /// of the key is folded again ([`KeyText::update`]), which is most of the work of
    /// re-reading a large report.
    reports: HashMap<String, (String, KeyText)>,
    /// Each rule file's syntax tree, by its place in the sources and its text.
    trees: HashMap<FileId, (String, ast::RuleFile)>,
    /// The governing rules as compiled, with what they were compiled from.
    compiled: Option<(RulesInput, Arc<Compiled>)>,
}

/// Everything the compiled governing rules depend on: which way they were compiled, and each
/// rule file's place, name and text.
#[derive(PartialEq)]
struct RulesInput {
    adding: bool,
    files: Vec<(FileId, String, String)>,
}

impl RulesInput {
    fn new(sources: &Sources, adding: bool, files: &[FileId]) -> RulesInput {
        let files = files
            .iter()
            .map(|&f| {
                let s = sources.get(f);
                (f, s.name.clone(), s.text.clone())
            })
            .collect();
        RulesInput { adding, files }
    }
}

/// Build the view of the open documents under the workspace settings.
pub fn analyze(docs: &Documents, settings: &Settings, keys: &mut Keys) -> Analysis {
    let mut b = Builder {
        sources: Sources::new(),
        entries: Vec::new(),
    };

    // Bundled rules; a workspace holding the identical file (gouji's own repository) gets
    // locations in that file, others get the stable `gouji-bundled:` URI.
    let mut bundled = Vec::new();
    for (name, text) in crate::rules::BUNDLED {
        let local = settings
            .root
            .as_ref()
            .map(|r| uri::normalize(&r.join(name)));
        let local_text = local.as_ref().and_then(|p| match docs.at_path(p) {
            Some(d) => Some(d.text.clone()),
            None => std::fs::read_to_string(p).ok(),
        });
        let file_uri = match (&local, local_text) {
            (Some(p), Some(t)) if t == *text => uri::from_path(p),
            _ => None,
        };
        let Some(u) = file_uri.or_else(|| uri::bundled(name)) else {
            continue;
        };
        bundled.push(b.add(
            name.to_string(),
            text.to_string(),
            Entry {
                uri: u,
                role: Role::Bundled,
                open: false,
                version: None,
            },
        ));
    }

    // The governing rule files.
    let wanted = config::rule_files(settings, docs);
    let mut problems = wanted.problems;
    // Reviewed findings: shown as hints on the reports they were reviewed in.
    let baseline = match &wanted.baseline {
        None => None,
        Some(path) => {
            let text = match docs.at_path(path) {
                Some(d) => Ok(d.text.clone()),
                None => std::fs::read_to_string(path).map_err(|e| e.to_string()),
            };
            match text.and_then(|t| crate::baseline::Baseline::parse(&t)) {
                Ok(b) => Some(b),
                Err(e) => {
                    problems.push(crate::tr!(
                        "lsp-baseline-unreadable",
                        file = path.display().to_string(),
                        error = e
                    ));
                    None
                }
            }
        }
    };
    let mut governing = Vec::new();
    for path in &wanted.paths {
        let shown = path.display().to_string();
        if let Some(d) = docs.at_path(path) {
            governing.push(b.add(
                uri::display_name(&d.uri),
                strip_bom(&d.text),
                Entry {
                    uri: d.uri.clone(),
                    role: Role::Governing,
                    open: true,
                    version: Some(d.version),
                },
            ));
            continue;
        }
        let Some(u) = uri::from_path(path) else {
            problems.push(crate::tr!("lsp-rule-file-no-uri", file = shown.as_str()));
            continue;
        };
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => governing.push(b.add(
                uri::display_name(&u),
                strip_bom(&text),
                Entry {
                    uri: u,
                    role: Role::Governing,
                    open: false,
                    version: None,
                },
            )),
            Ok(Err(_)) => {
                problems.push(crate::tr!("lsp-rule-file-not-utf8", file = shown.as_str()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(crate::tr!("lsp-rule-file-missing", file = shown.as_str()))
            }
            Err(e) => problems.push(crate::tr!(
                "lsp-rule-file-unreadable",
                file = shown.as_str(),
                error = e.to_string()
            )),
        }
    }

    // Open rule files that govern nothing, and open reports.
    let mut standalone = Vec::new();
    let mut reports = Vec::new();
    for d in docs.iter() {
        let entry = |role| Entry {
            uri: d.uri.clone(),
            role,
            open: true,
            version: Some(d.version),
        };
        match d.kind {
            Kind::Rules if !d.path.as_ref().is_some_and(|p| wanted.paths.contains(p)) => {
                standalone.push(b.add(
                    uri::display_name(&d.uri),
                    strip_bom(&d.text),
                    entry(Role::Standalone),
                ));
            }
            Kind::Report => reports.push(b.add(
                uri::display_name(&d.uri),
                d.text.clone(),
                entry(Role::Report),
            )),
            _ => {}
        }
    }

    // Reports beside the open ones (same folder, not open): read so that findings needing two
    // reports (last year's, a roll-up's) appear when the workspace holds the other report.
    // Their own findings are not published.
    let mut beside = Vec::new();
    let mut folders: Vec<std::path::PathBuf> = docs
        .iter()
        .filter(|d| d.kind == Kind::Report)
        .filter_map(|d| {
            d.path
                .as_ref()
                .and_then(|p| p.parent().map(|f| f.to_path_buf()))
        })
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
                && docs.at_path(&uri::normalize(p)).is_none()
        });
        files.sort();
        for path in files {
            if beside.len() >= MAX_BESIDE {
                break;
            }
            let (Some(u), Ok(bytes)) = (uri::from_path(&path), std::fs::read(&path)) else {
                continue;
            };
            let Ok(decoded) = crate::report::decode::decode(&bytes) else {
                continue;
            };
            beside.push(b.add(
                uri::display_name(&u),
                decoded.text,
                Entry {
                    uri: u,
                    role: Role::Report,
                    open: false,
                    version: None,
                },
            ));
        }
    }

    let sources = b.sources;
    let mut diagnostics: BTreeMap<FileId, Vec<Diagnostic>> = BTreeMap::new();
    let mut trees = BTreeMap::new();
    let mut next_trees = HashMap::new();
    for &f in bundled.iter().chain(&governing).chain(&standalone) {
        let text = &sources.get(f).text;
        let tree = match keys.trees.remove(&f) {
            Some((old, tree)) if old == *text => tree,
            _ => crate::syntax::parse(f, text).0,
        };
        next_trees.insert(f, (text.clone(), tree.clone()));
        trees.insert(f, tree);
    }
    keys.trees = next_trees;

    // Compile the governing rules (the bundled ones when the workspace names none), unless
    // they are the same as last time.
    let adding = !(governing.is_empty() && problems.is_empty());
    let all: Vec<FileId> = bundled.iter().chain(&governing).copied().collect();
    let input = RulesInput::new(&sources, adding, &all);
    let compiled = match keys.compiled.take() {
        Some((old, compiled)) if old == input => compiled,
        _ if adding => Arc::new(compile::compile_adding(&sources, &bundled, &governing)),
        _ => Arc::new(compile::compile(&sources, &bundled)),
    };
    keys.compiled = Some((input, Arc::clone(&compiled)));
    for &f in &governing {
        diagnostics.insert(f, Vec::new());
    }
    for d in &compiled.diagnostics {
        diagnostics
            .entry(d.primary.file)
            .or_default()
            .push(d.clone());
    }
    if compiled.rule_sets.is_empty() && problems.is_empty() && !compiled.has_errors() {
        problems.push(crate::tr!("lsp-no-rule-set"));
    }
    let rules = if compiled.has_errors() || !problems.is_empty() {
        let errors = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        Rules::Broken { errors, problems }
    } else {
        Rules::Ready(compiled)
    };

    for &f in &standalone {
        diagnostics.insert(
            f,
            compile::compile_with_base(&sources, &bundled, &[f]).diagnostics,
        );
    }

    let mut checked = BTreeMap::new();
    let mut next_keys = HashMap::new();
    for &f in &reports {
        let text = &sources.get(f).text;
        let name = b.entries[f.0].uri.as_str().to_string();
        let key = match keys.reports.remove(&name) {
            Some((old_text, old_key)) => old_key.update(&old_text, text),
            None => KeyText::new(text),
        };
        match &rules {
            Rules::Ready(c) => {
                let name = &sources.get(f).name;
                let mut result = if crate::document::is_web_page(text, name) {
                    crate::document::check_text(c, f, name, text, &ReadOptions { year: None })
                } else {
                    crate::check_report_keyed(c, f, text, &key, &ReadOptions { year: None })
                };
                if let Some(b) = &baseline {
                    b.apply(&sources.get(f).name, &mut result.findings, true);
                }
                diagnostics.insert(f, result.findings.clone());
                checked.insert(f, result);
            }
            Rules::Broken { .. } => {
                diagnostics.insert(f, Vec::new());
            }
        }
        next_keys.insert(name, (text.clone(), key));
    }
    // Closed reports are forgotten.
    keys.reports = next_keys;

    // Findings that need several reports, kept on the open reports they stand in.
    if let Rules::Ready(c) = &rules {
        let mut others = BTreeMap::new();
        for &f in &beside {
            let src = sources.get(f);
            let r = crate::document::check_text(
                c,
                f,
                &src.name,
                &src.text,
                &ReadOptions { year: None },
            );
            others.insert(f, r);
        }
        let reports: Vec<crate::cross::Report> = checked
            .iter()
            .chain(others.iter())
            .map(|(f, r)| crate::cross::Report {
                name: &sources.get(*f).name,
                doc: &r.document,
                text: &sources.get(*f).text,
            })
            .collect();
        let ws = config::workspace(settings, docs);
        for d in crate::cross::check(c, &reports, &ws) {
            if let Some(list) = diagnostics.get_mut(&d.primary.file) {
                if reports_open(&b.entries, d.primary.file) {
                    list.push(d);
                }
            }
        }
    }

    Analysis {
        sources,
        entries: b.entries,
        rules,
        reports: checked,
        diagnostics,
        trees,
    }
}
