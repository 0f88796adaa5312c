//! Running one piece of work per report over many reports: on all cores (or `--jobs N`), in
//! constant memory, with the results handed back in the order of the files.
//!
//! Each worker thread takes the next file (a shared counter), and the calling thread writes the
//! results in the order of the files as they arrive, so no worker ever waits for the others to
//! finish a group of files; a worker waits only when it has run a fixed window of files ahead of
//! the writer, which keeps the results waiting to be written to a few megabytes. Each worker owns
//! a copy of the run's [`Sources`] (the rule files): a report is added to it, read, checked and
//! rendered, and dropped again before the next one, so memory does not grow with the batch.

use gouji::diagnostic::json::{JsonDiagnostic, JsonLabel, JsonRule};
use gouji::diagnostic::CellFact;
use gouji::source::Sources;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How a batch runs.
#[derive(Clone, Copy)]
pub struct Options {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Show a progress bar on standard error (only ever when it is a terminal).
    pub progress: bool,
}

/// How many reports, per worker, the workers may run ahead of the writer: large enough that a
/// slow report never stops the others, small enough that the results waiting to be written stay
/// a few megabytes.
const AHEAD_PER_WORKER: usize = 32;

/// Files a worker takes at once: few enough that the workers finish together, enough that the
/// writer is woken once for several results rather than for each.
const PER_CLAIM: usize = 4;

/// A progress bar shown on standard error once a batch has run for a second, only on a terminal.
struct Progress {
    enabled: bool,
    total: u64,
    start: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(enabled: bool, total: usize) -> Progress {
        Progress {
            enabled: enabled && total > 1 && std::io::stderr().is_terminal(),
            total: total as u64,
            start: Instant::now(),
            bar: None,
        }
    }

    fn set(&mut self, done: usize) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.start.elapsed() >= Duration::from_secs(1) {
            let bar = ProgressBar::with_draw_target(Some(self.total), ProgressDrawTarget::stderr())
                .with_elapsed(self.start.elapsed());
            if let Ok(style) =
                ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} reports")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Run `work` on every file and hand each result to `sink`, in the order of `files`.
///
/// `work` gets a copy of `base` to add the report to; whatever it adds is dropped after it returns.
pub fn run<T, W, S>(files: &[String], base: &Sources, opts: Options, work: W, mut sink: S)
where
    T: Send,
    W: Fn(&mut Sources, &str) -> T + Sync,
    S: FnMut(T),
{
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    };
    let mut progress = Progress::new(opts.progress, files.len());
    let one = |sources: &mut Sources, path: &String| {
        let keep = sources.len();
        let r = work(sources, path);
        sources.truncate(keep);
        r
    };
    // One report, or one worker: no threads at all.
    if jobs <= 1 || files.len() <= 1 {
        let mut sources = base.clone();
        for (i, path) in files.iter().enumerate() {
            sink(one(&mut sources, path));
            progress.set(i + 1);
        }
        progress.finish();
        return;
    }
    let window = jobs * AHEAD_PER_WORKER;
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    std::thread::scope(|scope| {
        let (tx, rx) = channel::<Vec<(usize, T)>>();
        for _ in 0..jobs.min(files.len()) {
            let tx = tx.clone();
            let (next, gate, one) = (&next, &gate, &one);
            scope.spawn(move || {
                // A worker that panics opens the gate for good, so the others stop instead of
                // waiting for a result that never comes; the panic is raised again at the join.
                let _opens = OpenOnPanic(gate);
                let mut sources = base.clone();
                loop {
                    // A few files at a time, sent together: the writer wakes once for them.
                    let first = next.fetch_add(PER_CLAIM, Ordering::Relaxed);
                    let last = files.len().min(first.saturating_add(PER_CLAIM));
                    if first >= last || !gate.wait_below(last - 1, window) {
                        break;
                    }
                    let results = (first..last)
                        .map(|i| (i, one(&mut sources, &files[i])))
                        .collect();
                    if tx.send(results).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _opens = OpenOnPanic(&gate);
        // Results that came before their turn, by their index less the count written.
        let mut early: VecDeque<Option<T>> = VecDeque::new();
        let mut done = 0;
        for results in rx {
            for (i, r) in results {
                let slot = i - done;
                if early.len() <= slot {
                    early.resize_with(slot + 1, || None);
                }
                early[slot] = Some(r);
            }
            let before = done;
            while let Some(Some(r)) = early.front_mut().map(Option::take) {
                early.pop_front();
                sink(r);
                done += 1;
            }
            if done > before {
                gate.written(done);
                progress.set(done);
            }
        }
    });
    progress.finish();
}

/// What the workers wait on: how many results the writer has taken (or that it never will).
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

#[derive(Default)]
struct GateState {
    written: usize,
    /// A worker panicked: nobody waits any more.
    abandoned: bool,
    /// Workers waiting now: the writer wakes them only when there are some (a worker is rarely
    /// a whole window ahead, and a wake-up is a system call).
    waiting: usize,
}

impl Gate {
    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wait until file `i` is less than `window` files ahead of the writer; false when the batch
    /// is being abandoned (a worker panicked).
    fn wait_below(&self, i: usize, window: usize) -> bool {
        let mut state = self.lock();
        while i >= state.written + window && !state.abandoned {
            state.waiting += 1;
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
        !state.abandoned
    }

    fn written(&self, done: usize) {
        let mut state = self.lock();
        state.written = done;
        if state.waiting > 0 {
            self.moved.notify_all();
        }
    }

    fn abandon(&self) {
        self.lock().abandoned = true;
        self.moved.notify_all();
    }
}

/// Opens the [`Gate`] for good when the thread holding it (a worker, or the writer) unwinds.
struct OpenOnPanic<'a>(&'a Gate);

impl Drop for OpenOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.abandon();
        }
    }
}

/// A JSON value printed with two-space indentation as an element of an array whose elements sit
/// `depth` levels deep in a pretty-printed document (without the comma and newline before it).
/// The program writes bytes ([`json_item_bytes`]); the tests compare texts.
#[cfg(test)]
pub fn json_item<T: serde::Serialize + ?Sized>(item: &T, depth: usize) -> String {
    String::from_utf8(json_item_bytes(item, depth)).unwrap_or_default()
}

/// [`json_item`] as the bytes written out: printed `depth` levels deep at once, instead of
/// printed at the top and each of its lines indented again (a tenth of the JSON output's cost).
pub fn json_item_bytes<T: serde::Serialize + ?Sized>(item: &T, depth: usize) -> Vec<u8> {
    json_item_sized(1024, item, depth)
}

/// [`json_item_bytes`] for a whole report's entry of `check --format json` (8 KB on average over
/// the corpus): room enough from the start that printing it seldom moves it.
pub fn json_entry_bytes<T: serde::Serialize + ?Sized>(item: &T, depth: usize) -> Vec<u8> {
    json_item_sized(16 * 1024, item, depth)
}

/// [`json_item_bytes`] into a buffer of `capacity` bytes (an estimate of the item's size).
pub fn json_item_sized<T: serde::Serialize + ?Sized>(
    capacity: usize,
    item: &T,
    depth: usize,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    out.extend(std::iter::repeat_n(b' ', 2 * depth));
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        Indented {
            level: depth,
            has_value: false,
        },
    );
    if item.serialize(&mut ser).is_err() {
        out.truncate(2 * depth);
    }
    out
}

/// Spaces enough for 32 levels of indentation.
const SPACES: &str = "                                                                ";

/// `serde_json`'s pretty printer (two spaces a level), starting `level` levels deep.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        // The indentation in as few writes as it takes (one for any document under 32 levels).
        let mut left = 2 * self.level;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES.as_bytes()[..n])?;
            left -= n;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One report's entry of `check --format json`, printed straight from its findings with the keys
/// in the order a `serde_json::Value` prints them (sorted): the text is exactly that of the entry
/// built as a value, without building the value (which cost a tenth of a batch).
pub struct ReportEntry<'a> {
    pub path: &'a str,
    pub regulation: Option<&'a str>,
    pub rule_set: Option<&'a str>,
    pub report_year: Option<u32>,
    pub diagnostics: &'a [JsonDiagnostic<'a>],
}

impl Serialize for ReportEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("diagnostics", &Each(self.diagnostics, Sorted))?;
        m.serialize_entry("path", self.path)?;
        m.serialize_entry("regulation", &self.regulation)?;
        m.serialize_entry("report_year", &self.report_year)?;
        m.serialize_entry("rule_set", &self.rule_set)?;
        m.end()
    }
}

/// The items of a slice, each printed as `F` prints it.
struct Each<'a, T, F>(&'a [T], F);

/// A value printed with its keys sorted, as `serde_json::Value` prints it.
#[derive(Clone, Copy)]
struct Sorted;

trait PrintAs<T> {
    fn print<S: Serializer>(&self, item: &T, s: S) -> Result<S::Ok, S::Error>;
}

impl<T, F: PrintAs<T>> Serialize for Each<'_, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct One<'b, T, F>(&'b T, &'b F);
        impl<T, F: PrintAs<T>> Serialize for One<'_, T, F> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.1.print(self.0, s)
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&One(item, &self.1))?;
        }
        seq.end()
    }
}

impl PrintAs<JsonDiagnostic<'_>> for Sorted {
    fn print<S: Serializer>(&self, d: &JsonDiagnostic<'_>, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(b) = &d.baselined {
            m.serialize_entry("baselined", b)?;
        }
        if !d.cells.is_empty() {
            m.serialize_entry("cells", &Each(&d.cells, Sorted))?;
        }
        m.serialize_entry("code", d.code)?;
        m.serialize_entry("column", &d.pos.column)?;
        m.serialize_entry("end_column", &d.pos.end_column)?;
        m.serialize_entry("end_line", &d.pos.end_line)?;
        m.serialize_entry("help", &d.help)?;
        m.serialize_entry("labels", &Each(&d.labels, Sorted))?;
        m.serialize_entry("line", &d.pos.line)?;
        m.serialize_entry("message", &d.message)?;
        m.serialize_entry("notes", &d.notes)?;
        m.serialize_entry("rule", &d.rule.as_ref().map(Rule))?;
        m.serialize_entry("severity", d.severity)?;
        m.end()
    }
}

impl PrintAs<JsonLabel<'_>> for Sorted {
    fn print<S: Serializer>(&self, l: &JsonLabel<'_>, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("column", &l.pos.column)?;
        m.serialize_entry("end_column", &l.pos.end_column)?;
        m.serialize_entry("end_line", &l.pos.end_line)?;
        m.serialize_entry("file", &l.file)?;
        m.serialize_entry("line", &l.pos.line)?;
        m.serialize_entry("message", &l.message)?;
        m.end()
    }
}

impl PrintAs<CellFact> for Sorted {
    fn print<S: Serializer>(&self, c: &CellFact, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("column", &c.column)?;
        m.serialize_entry("row", &c.row)?;
        m.serialize_entry("value", &c.value)?;
        m.end()
    }
}

/// A finding's rule, keys sorted.
struct Rule<'a>(&'a JsonRule<'a>);

impl Serialize for Rule<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("file", &self.0.file)?;
        m.serialize_entry("line", &self.0.line)?;
        m.end()
    }
}

/// A pretty-printed JSON document streamed around one array: the document is printed with the
/// array empty, and split there into the text before its elements and the text after them.
pub struct Frame {
    pub head: String,
    pub tail: String,
    /// Nesting depth of the array's elements (for [`json_item`]).
    pub depth: usize,
}

impl Frame {
    /// `key` names the array (`"files"`, `"results"`); it must occur once in `doc`, empty.
    pub fn split(doc: &serde_json::Value, key: &str) -> Frame {
        let text = serde_json::to_string_pretty(doc).unwrap_or_default();
        let marker = format!("\"{key}\": []");
        let Some(at) = text.find(&marker) else {
            return Frame {
                head: text,
                tail: String::new(),
                depth: 0,
            };
        };
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = at - line_start;
        Frame {
            head: format!("{}\"{key}\": [", &text[..at]),
            tail: text[at + marker.len() - 1..].to_string(),
            depth: indent / 2 + 1,
        }
    }

    /// The text closing the array: on its own line when it has elements.
    pub fn close(&self, empty: bool) -> String {
        if empty {
            self.tail.clone()
        } else {
            format!("\n{}{}", "  ".repeat(self.depth - 1), self.tail)
        }
    }
}

/// Output that must wait (SARIF results, written after the log's head, which names the files
/// that could not be read): kept in a temporary file so that memory stays flat, or in memory
/// when no temporary file can be made.
pub struct Spool {
    file: Option<(std::path::PathBuf, std::io::BufWriter<std::fs::File>)>,
    memory: Vec<u8>,
}

impl Spool {
    pub fn new() -> Spool {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("gouji-{}-{n}.spool", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .ok()
            .map(|f| (path, std::io::BufWriter::new(f)));
        Spool {
            file,
            memory: Vec::new(),
        }
    }

    /// Write everything spooled to `out`, then remove the temporary file.
    pub fn copy_to(mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        if let Some((path, w)) = self.file.take() {
            let result = (|| {
                let mut f = w.into_inner().map_err(|e| e.into_error())?;
                f.seek(SeekFrom::Start(0))?;
                std::io::copy(&mut f, out).map(|_| ())
            })();
            let _ = std::fs::remove_file(&path);
            result?;
        }
        out.write_all(&self.memory)
    }

    /// Everything spooled, to read back from the start (the temporary file is removed: it stays
    /// open only for the reader).
    pub fn reader(mut self) -> std::io::Result<Box<dyn std::io::BufRead>> {
        use std::io::{Seek, SeekFrom};
        match self.file.take() {
            Some((path, w)) => {
                let opened = (|| -> std::io::Result<std::fs::File> {
                    let mut f = w.into_inner().map_err(|e| e.into_error())?;
                    f.seek(SeekFrom::Start(0))?;
                    Ok(f)
                })();
                let _ = std::fs::remove_file(&path);
                Ok(Box::new(std::io::BufReader::new(opened?)))
            }
            None => Ok(Box::new(std::io::Cursor::new(std::mem::take(
                &mut self.memory,
            )))),
        }
    }
}

/// A spool never read (the run stopped early) removes its temporary file.
impl Drop for Spool {
    fn drop(&mut self) {
        if let Some((path, _)) = self.file.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl std::io::Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some((_, w)) => w.write(buf),
            None => self.memory.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some((_, w)) => w.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn streamed(doc_with: &serde_json::Value, doc_empty: &serde_json::Value, key: &str) -> String {
        let frame = Frame::split(doc_empty, key);
        let items = doc_with
            .pointer(&format!("/{key}"))
            .or_else(|| doc_with.pointer(&format!("/runs/0/{key}")))
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default();
        let mut out = frame.head.clone();
        for (i, it) in items.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&json_item(it, frame.depth));
        }
        out.push_str(&frame.close(items.is_empty()));
        out
    }

    fn finding(full: bool) -> JsonDiagnostic<'static> {
        use gouji::diagnostic::json::JsonPos;
        let pos = |l: usize| JsonPos {
            line: l,
            column: 2,
            end_line: l + 1,
            end_column: 4,
        };
        JsonDiagnostic {
            code: "R040",
            severity: "error",
            message: "表三\"合计\"\n不符".into(),
            pos: pos(3),
            labels: if full {
                vec![JsonLabel {
                    file: "a.txt".into(),
                    pos: pos(7),
                    message: "这里".into(),
                }]
            } else {
                Vec::new()
            },
            notes: if full {
                vec!["1 + 2 ≠ 4".to_string()].into()
            } else {
                Vec::new().into()
            },
            help: full.then(|| "改正".into()),
            rule: full.then(|| JsonRule {
                file: "rules/2019.gouji".into(),
                line: 12,
            }),
            cells: if full {
                vec![CellFact {
                    row: "（一）".to_string(),
                    column: "合计".to_string(),
                    value: "12".to_string(),
                }]
                .into()
            } else {
                Vec::new().into()
            },
            baselined: full.then(|| "已核实".into()),
        }
    }

    #[test]
    fn a_report_entry_prints_exactly_as_the_entry_built_as_a_json_value() {
        for full in [true, false] {
            let diagnostics = vec![finding(full), finding(!full)];
            let entry = ReportEntry {
                path: "甲/a.txt",
                regulation: full.then_some("gov-info-disclosure"),
                rule_set: full.then_some("2021"),
                report_year: full.then_some(2023),
                diagnostics: &diagnostics,
            };
            let value = json!({
                "path": "甲/a.txt",
                "regulation": full.then_some("gov-info-disclosure"),
                "rule_set": full.then_some("2021"),
                "report_year": full.then_some(2023),
                "diagnostics": diagnostics,
            });
            assert_eq!(json_item(&entry, 2), json_item(&value, 2));
        }
        let empty = ReportEntry {
            path: "b.txt",
            regulation: None,
            rule_set: None,
            report_year: None,
            diagnostics: &[],
        };
        assert_eq!(
            json_item(&empty, 2),
            json_item(
                &json!({"path": "b.txt", "regulation": null, "rule_set": null, "report_year": null, "diagnostics": []}),
                2
            )
        );
    }

    #[test]
    fn a_streamed_array_prints_exactly_as_the_whole_document_would() {
        let item =
            json!({"path": "a.txt", "diagnostics": [{"code": "R040", "line": 3}], "x": null});
        let whole = json!({"files": [item.clone(), item.clone()], "summary": {"files": 2}});
        let empty = json!({"files": [], "summary": {"files": 2}});
        assert_eq!(
            streamed(&whole, &empty, "files"),
            serde_json::to_string_pretty(&whole).unwrap_or_default()
        );
        let none = json!({"files": [], "summary": {"files": 0}});
        assert_eq!(
            streamed(&none, &none, "files"),
            serde_json::to_string_pretty(&none).unwrap_or_default()
        );
        let sarif = json!({"runs": [{"columnKind": "x", "results": [item.clone()], "tool": {"a": 1}}], "version": "2.1.0"});
        let sarif_empty = json!({"runs": [{"columnKind": "x", "results": [], "tool": {"a": 1}}], "version": "2.1.0"});
        assert_eq!(
            streamed(&sarif, &sarif_empty, "results"),
            serde_json::to_string_pretty(&sarif).unwrap_or_default()
        );
    }

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i}.txt")).collect()
    }

    #[test]
    fn results_reach_the_writer_in_the_order_of_the_files_whatever_order_the_workers_finish_in() {
        let files = names(500);
        let opts = Options {
            jobs: 3,
            progress: false,
        };
        let mut seen = Vec::new();
        run(
            &files,
            &Sources::new(),
            opts,
            |_, path| {
                // The files named 7…, 70…–79…, 700… are slow, so later files finish before them.
                if path.starts_with('7') {
                    std::thread::sleep(Duration::from_millis(2));
                }
                path.to_string()
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, files);
    }

    #[test]
    fn a_worker_that_panics_ends_the_batch_with_its_panic_instead_of_hanging_the_others() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let files = names(2_000);
            let opts = Options {
                jobs: 2,
                progress: false,
            };
            let outcome = std::panic::catch_unwind(|| {
                run(
                    &files,
                    &Sources::new(),
                    opts,
                    |_, path| {
                        assert_ne!(path, "3.txt", "the fourth file fails");
                        std::thread::sleep(Duration::from_micros(50));
                    },
                    |()| {},
                )
            });
            let _ = done.send(outcome.is_err());
        });
        assert_eq!(
            finished.recv_timeout(Duration::from_secs(60)),
            Ok(true),
            "the batch must end, with the worker's panic"
        );
    }
}
