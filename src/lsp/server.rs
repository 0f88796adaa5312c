//! The main loop: a closed set of events (a message from the client, or "the edits have
//! settled, re-check now"), every request answered exactly once, `shutdown` before `exit`.

use super::analysis::{self, Analysis};
use super::capabilities;
use super::config::Settings;
use super::diagnostics;
use super::documents::Documents;
use super::handlers::{self, Ctx};
use super::position::Encoding;
use super::rule_index::Indexes;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{Request as _, Shutdown};
use lsp_types::{PublishDiagnosticsParams, Uri};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// How long typing must pause before the open files are re-checked.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

enum Event {
    Message(Message),
    /// The last edit is `DEBOUNCE` old: re-check.
    Settled,
    /// The client closed the connection.
    Disconnected,
}

/// What was last published for a URI: the document version and the list.
type Published = (Option<i32>, Vec<lsp_types::Diagnostic>);

pub struct Server {
    connection: Connection,
    enc: Encoding,
    settings: Settings,
    docs: Documents,
    analysis: Analysis,
    /// The open reports' matching keys, kept between re-checks.
    keys: analysis::Keys,
    indexes: Indexes,
    /// When the pending re-check is due, if one is.
    due: Option<Instant>,
    published: BTreeMap<String, Published>,
    shutting_down: bool,
}

pub fn serve(connection: Connection) -> Result<(), String> {
    let (id, mut params) = connection
        .initialize_start()
        .map_err(|e| crate::tr!("lsp-no-initialize", error = e.to_string()))?;
    super::uri::encode_raw_uris(&mut params);
    // The editor's language (VS Code sends its display language): `en…` is English,
    // anything else Chinese; without one, the language of the process. It holds for this
    // thread, which answers every request of this client.
    if let Some(locale) = params.get("locale").and_then(|l| l.as_str()) {
        crate::i18n::set_thread_lang(crate::i18n::Lang::from_locale(locale));
    }
    let offered: Vec<String> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|e| e.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let enc = Encoding::negotiate(&offered);
    let settings = Settings::from_initialize(&params);
    let result = serde_json::json!({
        "capabilities": capabilities::server_capabilities(enc),
        "serverInfo": { "name": "gouji", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| crate::tr!("lsp-initialize-failed", error = e.to_string()))?;
    let docs = Documents::default();
    let mut keys = analysis::Keys::default();
    let analysis = analysis::analyze(&docs, &settings, &mut keys);
    let indexes = Indexes::build(&analysis);
    let mut server = Server {
        connection,
        enc,
        settings,
        docs,
        analysis,
        keys,
        indexes,
        due: None,
        published: BTreeMap::new(),
        shutting_down: false,
    };
    server.run()
}

impl Server {
    fn next_event(&self) -> Event {
        match self.due {
            Some(due) => match self
                .connection
                .receiver
                .recv_timeout(due.saturating_duration_since(Instant::now()))
            {
                Ok(m) => Event::Message(m),
                Err(e) if e.is_timeout() => Event::Settled,
                Err(_) => Event::Disconnected,
            },
            None => match self.connection.receiver.recv() {
                Ok(m) => Event::Message(m),
                Err(_) => Event::Disconnected,
            },
        }
    }

    fn run(&mut self) -> Result<(), String> {
        loop {
            match self.next_event() {
                Event::Settled => self.recheck(),
                Event::Disconnected if self.shutting_down => return Ok(()),
                Event::Disconnected => return Err(crate::tr!("lsp-closed-without-exit")),
                Event::Message(Message::Request(mut req)) => {
                    super::uri::encode_raw_uris(&mut req.params);
                    self.on_request(req)
                }
                Event::Message(Message::Notification(n)) if n.method == notif::Exit::METHOD => {
                    return if self.shutting_down {
                        Ok(())
                    } else {
                        Err(crate::tr!("lsp-exit-before-shutdown"))
                    };
                }
                Event::Message(Message::Notification(mut n)) => {
                    super::uri::encode_raw_uris(&mut n.params);
                    self.on_notification(n)
                }
                // We send no requests, so there are no responses to wait for.
                Event::Message(Message::Response(_)) => {}
            }
        }
    }

    fn send(&self, m: impl Into<Message>) {
        // A closed channel means the client is gone; the loop notices on its next receive.
        let _ = self.connection.sender.send(m.into());
    }

    fn on_request(&mut self, req: Request) {
        let response = if self.shutting_down {
            Response::new_err(
                req.id,
                ErrorCode::InvalidRequest as i32,
                crate::tr!("lsp-shutting-down"),
            )
        } else if req.method == Shutdown::METHOD {
            self.shutting_down = true;
            Response::new_ok(req.id, ())
        } else {
            // Answer from the text the editor has now, not from before the last edits.
            self.flush();
            let cx = Ctx {
                analysis: &self.analysis,
                indexes: &self.indexes,
                docs: &self.docs,
                enc: self.enc,
            };
            handlers::dispatch(&cx, req)
        };
        self.send(response);
    }

    fn on_notification(&mut self, n: Notification) {
        let now = Instant::now();
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<notif::DidOpenTextDocument>(n) {
                    let d = p.text_document;
                    self.docs.open(d.uri, &d.language_id, d.version, d.text);
                    self.schedule(now);
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<notif::DidChangeTextDocument>(n) {
                    if self.docs.change(
                        &p.text_document.uri,
                        p.text_document.version,
                        p.content_changes,
                        self.enc,
                    ) {
                        self.due = Some(now + DEBOUNCE);
                    }
                }
            }
            // A saved file, or a rule file changed on disk (the VS Code extension watches
            // `**/*.gouji`): governing rule files that are not open are read from disk.
            notif::DidSaveTextDocument::METHOD | notif::DidChangeWatchedFiles::METHOD => {
                self.schedule(now)
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<notif::DidCloseTextDocument>(n) {
                    self.docs.close(&p.text_document.uri);
                    self.schedule(now);
                }
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once), settings.
            _ => {}
        }
    }

    /// Re-check at `at` or earlier.
    fn schedule(&mut self, at: Instant) {
        self.due = Some(self.due.map_or(at, |d| d.min(at)));
    }

    /// Re-check now if edits are pending.
    fn flush(&mut self) {
        if self.due.is_some() {
            self.recheck();
        }
    }

    fn recheck(&mut self) {
        self.due = None;
        let (docs, settings, keys) = (&self.docs, &self.settings, &mut self.keys);
        match catch_unwind(AssertUnwindSafe(|| analysis::analyze(docs, settings, keys))) {
            Ok(a) => {
                self.indexes = Indexes::build(&a);
                self.analysis = a;
            }
            // The reader or checker failed on this text: keep the last good analysis.
            Err(_) => {
                // The cache may be half updated: start it afresh.
                self.keys = analysis::Keys::default();
                eprintln!("gouji lsp: {}", crate::tr!("lsp-check-failed"))
            }
        }
        self.publish();
    }

    /// Publish each file's full list when it or the document changed; an empty list for files
    /// that are gone.
    fn publish(&mut self) {
        let mut next: BTreeMap<String, (Uri, Published)> = BTreeMap::new();
        for (i, e) in self.analysis.entries.iter().enumerate() {
            if e.role == analysis::Role::Bundled {
                continue;
            }
            let list = diagnostics::for_file(&self.analysis, crate::source::FileId(i), self.enc);
            let key = e.uri.as_str().to_string();
            if !e.open && list.is_empty() && !self.published.contains_key(&key) {
                continue;
            }
            next.insert(key, (e.uri.clone(), (e.version, list)));
        }
        for (key, (uri, (version, list))) in &next {
            if self.published.get(key) != Some(&(*version, list.clone())) {
                self.send_diagnostics(uri.clone(), list.clone(), *version);
            }
        }
        for key in self.published.keys() {
            if !next.contains_key(key) {
                if let Ok(uri) = Uri::from_str(key) {
                    self.send_diagnostics(uri, Vec::new(), None);
                }
            }
        }
        self.published = next.into_iter().map(|(k, (_, p))| (k, p)).collect();
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            notif::PublishDiagnostics::METHOD.to_string(),
            params,
        ));
    }
}

/// A notification's parameters; malformed ones are reported on stderr and dropped.
fn params<N: notif::Notification>(n: Notification) -> Option<N::Params> {
    match serde_json::from_value(n.params) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!(
                "gouji lsp: {}",
                crate::tr!("lsp-malformed", method = N::METHOD, error = e.to_string())
            );
            None
        }
    }
}
