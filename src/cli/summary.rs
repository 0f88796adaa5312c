//! `gouji check DIR --summary 汇总.html` (or `.csv`): an overview of a batch for a supervising
//! office. The HTML page is one self-contained file in Chinese (CSS, SVG charts and a few lines
//! of script inline, nothing fetched): a row per report with its agency, year, format, verdict,
//! counts and key figures, each finding's headline linking to the report's section with the
//! excerpt. Sorting and filtering need the script; without it the page is complete and readable.
//!
//! Each report leaves only a small [`Row`] behind, so a summary of thousands of reports stays a
//! few megabytes.

use gouji::compile::{fmt_num, Compiled};
use gouji::diagnostic::{Code, Diagnostic, Severity};
use gouji::report::{Document, Value};
use gouji::source::{SourceFile, Sources};
use gouji::Checked;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

/// What kind of file `--summary` writes, from its extension.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    Html,
    Csv,
}

impl Kind {
    pub fn of(path: &str) -> Result<Kind, String> {
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm") => Ok(Kind::Html),
            Some("csv") => Ok(Kind::Csv),
            _ => Err(gouji::tr!("cli-summary-kind", path = path)),
        }
    }
}

/// A report's verdict, worst first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub enum Verdict {
    Unreadable,
    Errors,
    Warnings,
    Clean,
}

impl Verdict {
    const ALL: [Verdict; 4] = [
        Verdict::Errors,
        Verdict::Warnings,
        Verdict::Clean,
        Verdict::Unreadable,
    ];
    fn zh(self) -> &'static str {
        match self {
            Verdict::Unreadable => "无法读取",
            Verdict::Errors => "有错误",
            Verdict::Warnings => "仅有警告",
            Verdict::Clean => "未发现问题",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Verdict::Unreadable => "unreadable",
            Verdict::Errors => "errors",
            Verdict::Warnings => "warnings",
            Verdict::Clean => "clean",
        }
    }
    fn color(self) -> &'static str {
        match self {
            Verdict::Unreadable => "#6b6b6b",
            Verdict::Errors => "#c0392b",
            Verdict::Warnings => "#d68910",
            Verdict::Clean => "#1e8449",
        }
    }
}

/// One finding as the page shows it: the headline and the report line it points at.
#[derive(Serialize, Deserialize)]
pub struct Finding {
    #[serde(with = "code_text")]
    code: Code,
    #[serde(with = "severity_text")]
    severity: Severity,
    message: String,
    line: usize,
    /// The line's text before, at and after the finding's place (shortened around it).
    excerpt: (String, String, String),
}

/// The key figures of a report: 申请总数 (new applications), 予以公开, 行政复议, 行政诉讼.
const FIGURES: [&str; 4] = ["申请总数", "予以公开", "复议", "诉讼"];

/// Headlines shown in a report's row before the rest are folded away.
const FOLD_AFTER: usize = 4;

/// What the summary keeps of one report.
#[derive(Serialize, Deserialize)]
pub struct Row {
    path: String,
    title: Option<String>,
    agency: Option<String>,
    year: Option<u32>,
    format: Option<String>,
    verdict: Verdict,
    errors: usize,
    warnings: usize,
    figures: [Option<f64>; 4],
    findings: Vec<Finding>,
    /// Why the file could not be read.
    problem: Option<String>,
}

impl Row {
    pub fn new(compiled: &Compiled, sources: &Sources, path: &str, checked: &Checked) -> Row {
        let doc = &checked.document;
        let src = sources.get(doc.file);
        let title = title(src, doc);
        let agency = title.as_deref().and_then(agency);
        let (errors, warnings) = (checked.errors(), checked.warnings());
        let unread = checked.findings.iter().any(|d| d.code == Code::Unreadable);
        let was = if unread {
            Verdict::Unreadable
        } else {
            Verdict::Clean
        };
        let verdict = verdict(was, errors, warnings);
        Row {
            path: path.to_string(),
            title,
            agency,
            year: doc.year,
            format: doc
                .rule_set
                .map(|i| format!("{}年格式", compiled.rule_sets[i].version)),
            verdict,
            errors,
            warnings,
            figures: figures(compiled, doc),
            findings: checked
                .findings
                .iter()
                .filter(|d| d.primary.file == doc.file)
                .map(|d| finding(src, d))
                .collect(),
            problem: None,
        }
    }

    /// A file that could not be read as a report at all.
    pub fn unreadable(path: &str, why: &str) -> Row {
        Row {
            path: path.to_string(),
            title: None,
            agency: None,
            year: None,
            format: None,
            verdict: Verdict::Unreadable,
            errors: 0,
            warnings: 0,
            figures: [None; 4],
            findings: Vec::new(),
            problem: Some(why.to_string()),
        }
    }
}

/// A code as its text (`R040`) in the rows kept on disk.
mod code_text {
    use gouji::diagnostic::Code;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(c: &Code, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(c.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let text = String::deserialize(d)?;
        Code::parse(&text).ok_or_else(|| serde::de::Error::custom(text))
    }
}

/// A severity as its text (`error`) in the rows kept on disk.
mod severity_text {
    use gouji::diagnostic::Severity;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Severity, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        let text = String::deserialize(d)?;
        [Severity::Error, Severity::Warning, Severity::Note]
            .into_iter()
            .find(|v| v.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(text))
    }
}

/// The finding `d` as the summary shows it, with its excerpt from `src` (the report it points at).
pub fn finding(src: &SourceFile, d: &Diagnostic) -> Finding {
    let start = src.clamp(d.primary.start);
    let end = src.clamp(d.primary.end.max(start));
    let line = src.line_of(start);
    let line_start = src.line_start(line);
    let line_end = src.text[start..]
        .find('\n')
        .map_or(src.text.len(), |i| start + i);
    let end = end.min(line_end).max(start);
    let before: String = {
        let s = &src.text[line_start..start];
        let n = s.chars().count();
        s.chars().skip(n.saturating_sub(40)).collect()
    };
    let at: String = src.text[start..end].chars().take(80).collect();
    let after: String = src.text[end..line_end].chars().take(40).collect();
    Finding {
        code: d.code,
        severity: d.severity,
        message: d.message.clone(),
        line: line + 1,
        excerpt: (before, at, after.trim_end().to_string()),
    }
}

/// The report's title: the first line before the first section that names the report.
fn title(src: &SourceFile, doc: &Document) -> Option<String> {
    let head_end = doc
        .sections
        .iter()
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(src.text.len())
        .min(4000);
    let head = &src.text[..src.clamp(head_end)];
    head.lines().find_map(|l| {
        let l = without_tags(l);
        let l = l
            .trim()
            .trim_start_matches('#')
            .trim_start_matches("标题")
            .trim_start_matches("名称")
            .trim_start_matches([':', '：'])
            .trim();
        let names_the_report = l.chars().count() <= 80
            && (l.contains("年度报告")
                || l.contains("年报")
                || l.contains("工作报告")
                || l.contains("年度報告"));
        names_the_report.then(|| l.split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

/// A line of a web page without its markup (`<title>…</title>` → `…`). As in HTML, only a `<`
/// before a letter (or `/`, `!` and a letter) opens a tag: `<青禾区>` in plain text stays.
fn without_tags(line: &str) -> std::borrow::Cow<'_, str> {
    let opens = |at: &str| {
        let mut c = at.chars().skip(1);
        match c.next() {
            Some('/' | '!') => c
                .next()
                .is_some_and(|x| x.is_ascii_alphabetic() || x == '-'),
            Some(x) => x.is_ascii_alphabetic(),
            None => false,
        }
    };
    if !line.match_indices('<').any(|(i, _)| opens(&line[i..])) {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>');
        match close {
            Some(close) if opens(&rest[open..]) => rest = &rest[open + close + 1..],
            _ => {
                out.push('<');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The agency from a title: what comes before the year (`示例县自然资源局 2023 年…`), or, when the
/// title starts with the year, what comes between it and 政府信息公开.
fn agency(title: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let year_at = chars.windows(4).position(|w| {
        w.iter().all(|(_, c)| c.is_ascii_digit()) && (w[0].1 == '1' || w[0].1 == '2')
    });
    let cut = |s: &str| {
        let s = s.trim().trim_end_matches(['(', '（']).trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    match year_at {
        Some(0) => {
            let rest = &title[chars.get(4).map_or(title.len(), |c| c.0)..];
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix("年度")
                .or_else(|| rest.strip_prefix('年'))
                .unwrap_or(rest);
            let end = rest.find("政府信息公开").unwrap_or(rest.len());
            cut(&rest[..end])
        }
        Some(i) => cut(&title[..chars[i].0]),
        None => {
            let end = title.find("政府信息公开")?;
            cut(&title[..end])
        }
    }
}

/// 申请总数 (表三 新收, 总计), 予以公开 (表三, 总计), 复议 (表四 行政复议, 总计) and 诉讼 (表四,
/// 未经复议直接起诉 plus 复议后起诉, 总计): looked up by the ids of the bundled rules.
fn figures(compiled: &Compiled, doc: &Document) -> [Option<f64>; 4] {
    let cell = |table: &str, row: &str, col: &str| -> Option<f64> {
        doc.tables.iter().find_map(|t| {
            let tm = &compiled.rule_sets[t.rule_set].tables[t.table];
            if tm.id != table {
                return None;
            }
            let r = tm.rows.iter().position(|r| r.id == row)?;
            let c = tm.columns.iter().position(|c| c.id == col)?;
            match t.cell(r, c)?.value {
                Value::Number(v) => Some(v),
                _ => None,
            }
        })
    };
    let suits = match (
        cell("表四", "未经复议直接起诉", "总计"),
        cell("表四", "复议后起诉", "总计"),
    ) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };
    [
        cell("表三", "新收", "总计"),
        cell("表三", "予以公开", "总计"),
        cell("表四", "行政复议", "总计"),
        suits,
    ]
}

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Note => "提示",
    }
}

/// The names of the codes for the chart: their titles in the catalogue.
fn code_zh(c: Code) -> String {
    c.title()
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    // The text between the characters to escape is copied in runs (they are ASCII, so every
    // place they stand is a character boundary), not pushed a character at a time.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

fn num(v: Option<f64>) -> String {
    v.map(fmt_num).unwrap_or_default()
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222;line-height:1.5}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
.lead{font-size:1.05em}.charts{display:flex;flex-wrap:wrap;gap:2em;margin:1em 0}
.charts figure{margin:0}.charts figcaption{font-weight:bold;margin-bottom:.3em}
table{border-collapse:collapse;font-size:.9em;width:100%}
th,td{border:1px solid #d0d0d0;padding:.25em .45em;vertical-align:top;text-align:left}
th{background:#f0f2f5;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
th.sortable{cursor:pointer}th.sortable::after{content:" ⇅";color:#999}
th[aria-sort=ascending]::after{content:" ▲";color:#333}th[aria-sort=descending]::after{content:" ▼";color:#333}
tr:nth-child(even) td{background:#fafafa}
.v{font-weight:bold;white-space:nowrap}.v-errors{color:#c0392b}.v-warnings{color:#b9770e}.v-clean{color:#1e8449}.v-unreadable{color:#6b6b6b}
.f{margin:0;padding-left:1.1em}details summary{cursor:pointer;color:#555}.f li{margin:0}.code{font-family:monospace;font-weight:bold}
.controls{margin:.8em 0;display:flex;gap:1em;align-items:center;flex-wrap:wrap}
.controls input{padding:.3em;width:18em}.report{margin:1em 0;padding:.5em 1em;border-left:4px solid #ccc;background:#fcfcfc}
.report h3{margin:.2em 0;font-size:1em}.report.v-errors{border-color:#c0392b}.report.v-warnings{border-color:#d68910}.report.v-unreadable{border-color:#6b6b6b}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.3em .6em;margin:.2em 0 .8em;font-size:.92em}
mark{background:#ffe08a}.sev-error{color:#c0392b}.sev-warning{color:#b9770e}.sev-note{color:#2e86c1}
:target{outline:2px solid #2e86c1}
"#;

const SCRIPT: &str = r#"
(function(){
  var t=document.getElementById('reports'),b=t.tBodies[0],rows=[].slice.call(b.rows),ths=t.tHead.rows[0].cells;
  document.getElementById('controls').hidden=false;
  [].forEach.call(ths,function(th,i){th.classList.add('sortable');th.tabIndex=0;
    th.onclick=th.onkeydown=function(e){if(e.type==='keydown'&&e.key!=='Enter')return;
      var asc=th.getAttribute('aria-sort')!=='ascending',n=th.dataset.type==='num';
      [].forEach.call(ths,function(h){h.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');
      var k=function(r){var c=r.cells[i];return c.dataset.v!==undefined?c.dataset.v:c.textContent};
      rows.sort(function(x,y){var a=k(x),c=k(y);if(n){a=a===''?-1:+a;c=c===''?-1:+c;return asc?a-c:c-a}return asc?a.localeCompare(c,'zh'):c.localeCompare(a,'zh')});
      rows.forEach(function(r){b.appendChild(r)})}});
  var q=document.getElementById('q'),v=document.getElementById('verdict'),shown=document.getElementById('shown');
  function filter(){var s=q.value.trim().toLowerCase(),n=0;rows.forEach(function(r){
    var ok=(!s||r.textContent.toLowerCase().indexOf(s)>=0)&&(!v.value||r.dataset.verdict===v.value);r.hidden=!ok;if(ok)n++});shown.textContent=n}
  q.oninput=filter;v.onchange=filter;
})();
"#;

/// A horizontal bar chart as inline SVG: one bar per (label, value, colour).
fn bars(title: &str, items: &[(String, usize, &str)]) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (230usize, 260usize, 24usize);
    let h = items.len().max(1) * row_h + 8;
    let w = label_w + bar_w + 60;
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    for (i, (label, value, color)) in items.iter().enumerate() {
        let y = 4 + i * row_h;
        let len = if *value == 0 {
            0
        } else {
            (value * bar_w / max).max(2)
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{len}\" height=\"{}\" fill=\"{color}\"><title>{}：{value}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"13\">{value}</text>",
            label_w - 6,
            y + 16,
            esc(label),
            y + 3,
            row_h - 6,
            esc(label),
            label_w + len + 5,
            y + 16,
        );
    }
    s.push_str("</svg></figure>");
    s
}

/// The page up to the first row of the table: title, counts, charts, controls, table header.
fn html_head(
    n: usize,
    counts: &BTreeMap<Verdict, usize>,
    by_code: &BTreeMap<Code, usize>,
) -> String {
    let count = |v: Verdict| counts.get(&v).copied().unwrap_or(0);
    let mut s = String::with_capacity(8192);
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>政府信息公开工作年度报告检查汇总</title>\n<style>");
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n<h1>政府信息公开工作年度报告检查汇总</h1>\n");
    let _ = writeln!(
        s,
        "<p class=\"lead\">共检查 <strong>{}</strong> 份报告：{}。由 勾稽（gouji {}）生成。</p>",
        n,
        Verdict::ALL
            .iter()
            .map(|v| format!(
                "<span class=\"v v-{}\">{} {} 份</span>",
                v.key(),
                v.zh(),
                count(*v)
            ))
            .collect::<Vec<_>>()
            .join("，"),
        env!("CARGO_PKG_VERSION")
    );
    // Charts.
    s.push_str("<div class=\"charts\">");
    let verdicts: Vec<(String, usize, &str)> = Verdict::ALL
        .iter()
        .map(|v| (v.zh().to_string(), count(*v), v.color()))
        .collect();
    s.push_str(&bars("各结论的报告数", &verdicts));
    let mut codes: Vec<(&Code, &usize)> = by_code.iter().collect();
    codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<(String, usize, &str)> = codes
        .iter()
        .take(10)
        .map(|(c, n)| {
            (
                format!("{} {}", c.as_str(), code_zh(**c)),
                **n,
                if c.default_severity() == Severity::Error {
                    "#c0392b"
                } else {
                    "#d68910"
                },
            )
        })
        .collect();
    if !top.is_empty() {
        s.push_str(&bars("最常见的问题（处数）", &top));
    }
    s.push_str("</div>\n");
    // Controls, shown by the script.
    s.push_str("<div class=\"controls\" id=\"controls\" hidden><label>筛选：<input id=\"q\" type=\"search\" placeholder=\"单位、文件名、问题代码……\"></label><label>结论：<select id=\"verdict\"><option value=\"\">全部</option>");
    for v in Verdict::ALL {
        let _ = write!(s, "<option value=\"{}\">{}</option>", v.key(), v.zh());
    }
    let _ = writeln!(
        s,
        "</select></label><span>显示 <span id=\"shown\">{}</span> 份；点击表头排序</span></div>",
        n
    );
    // The table.
    s.push_str("<table id=\"reports\">\n<thead><tr><th data-type=\"num\">序号</th><th>单位</th><th>文件</th><th data-type=\"num\">年度</th><th>格式</th><th>结论</th><th data-type=\"num\">错误</th><th data-type=\"num\">警告</th>");
    for f in FIGURES {
        let _ = write!(s, "<th data-type=\"num\">{f}</th>");
    }
    s.push_str("<th>问题</th></tr></thead>\n<tbody>\n");
    s
}

/// The table row of report `i` (0-based).
fn html_row(s: &mut String, i: usize, r: &Row) {
    {
        let _ = write!(
            s,
            "<tr data-verdict=\"{}\"><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"v v-{}\" data-v=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            r.verdict.key(),
            i + 1,
            esc(r.agency.as_deref().unwrap_or("")),
            esc(&r.path),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            esc(r.format.as_deref().unwrap_or("")),
            r.verdict.key(),
            r.verdict as u8,
            r.verdict.zh(),
            r.errors,
            r.warnings,
        );
        for f in r.figures {
            let _ = write!(s, "<td class=\"n\">{}</td>", num(f));
        }
        s.push_str("<td>");
        if let Some(p) = &r.problem {
            let _ = write!(s, "<a href=\"#r{}\">{}</a>", i + 1, esc(p));
        } else if !r.findings.is_empty() {
            // The first few headlines; the rest folded (a `<details>` opens without the script).
            let item = |s: &mut String, j: usize, f: &Finding| {
                let _ = write!(
                    s,
                    "<li><a href=\"#r{}-{}\"><span class=\"code sev-{}\">{}</span> {}</a></li>",
                    i + 1,
                    j + 1,
                    f.severity.as_str(),
                    f.code,
                    esc(&f.message)
                );
            };
            let shown = if r.findings.len() > FOLD_AFTER + 1 {
                FOLD_AFTER
            } else {
                r.findings.len()
            };
            s.push_str("<ul class=\"f\">");
            for (j, f) in r.findings.iter().enumerate().take(shown) {
                item(s, j, f);
            }
            s.push_str("</ul>");
            if shown < r.findings.len() {
                let _ = write!(
                    s,
                    "<details><summary>另有 {} 处</summary><ul class=\"f\">",
                    r.findings.len() - shown
                );
                for (j, f) in r.findings.iter().enumerate().skip(shown) {
                    item(s, j, f);
                }
                s.push_str("</ul></details>");
            }
        }
        s.push_str("</td></tr>\n");
    }
}

/// Between the table and the reports' sections.
const HTML_MIDDLE: &str = "</tbody>\n</table>\n<h2>各报告的问题</h2>\n";

/// The section of report `i` (0-based) with each finding's excerpt; false when it has none.
fn html_section(s: &mut String, i: usize, r: &Row) -> bool {
    {
        if r.findings.is_empty() && r.problem.is_none() {
            return false;
        }
        let _ = write!(
            s,
            "<section class=\"report v-{}\" id=\"r{}\"><h3>{}. {}{}</h3>",
            r.verdict.key(),
            i + 1,
            i + 1,
            esc(&r.path),
            r.title
                .as_deref()
                .map(|t| format!(" — {}", esc(t)))
                .unwrap_or_default()
        );
        if let Some(p) = &r.problem {
            let _ = write!(s, "<p>无法读取：{}</p>", esc(p));
        }
        for (j, f) in r.findings.iter().enumerate() {
            let _ = write!(
                s,
                "<div id=\"r{}-{}\"><p><span class=\"code sev-{}\">{}</span> <span class=\"sev-{}\">{}</span> 第 {} 行：{}</p><pre>{}<mark>{}</mark>{}</pre></div>",
                i + 1,
                j + 1,
                f.severity.as_str(),
                f.code,
                f.severity.as_str(),
                severity_zh(f.severity),
                f.line,
                esc(&f.message),
                esc(&f.excerpt.0),
                esc(&f.excerpt.1),
                esc(&f.excerpt.2),
            );
        }
        s.push_str("</section>\n");
    }
    true
}

/// The end of the page.
fn html_tail(any_section: bool) -> String {
    let mut s = String::new();
    if !any_section {
        s.push_str("<p>所有报告均未发现问题。</p>\n");
    }
    s.push_str("<script>");
    s.push_str(SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    s
}

/// `s` as a CSV field: quoted (its quotes doubled) when it holds a comma, a quote or a line
/// break, as RFC 4180 asks; as it is otherwise (`extract --format csv` quotes the same way).
pub(super) fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    if memchr::memchr3(b',', b'"', b'\n', b).is_some() || memchr::memchr(b'\r', b).is_some() {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// The header of the CSV table, with a byte-order mark so that spreadsheet programs read it as UTF-8.
fn csv_head() -> String {
    let mut s = String::from("\u{feff}文件,单位,年度,格式,结论,错误,警告,");
    s.push_str(&FIGURES.join(","));
    s.push_str(",问题\r\n");
    s
}

/// One report's line of the CSV table.
fn csv_row(s: &mut String, r: &Row) {
    {
        let problems = match &r.problem {
            Some(p) => p.clone(),
            None => r
                .findings
                .iter()
                .map(|f| format!("{} 第{}行 {}", f.code, f.line, f.message))
                .collect::<Vec<_>>()
                .join("；"),
        };
        let _ = write!(
            s,
            "{},{},{},{},{},{},{}",
            csv_field(&r.path),
            csv_field(r.agency.as_deref().unwrap_or("")),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            csv_field(r.format.as_deref().unwrap_or("")),
            r.verdict.zh(),
            r.errors,
            r.warnings
        );
        for f in r.figures {
            let _ = write!(s, ",{}", num(f));
        }
        let _ = write!(s, ",{}\r\n", csv_field(&problems));
    }
}

/// Writes the summary while the batch runs, so that memory does not grow with it: each report's
/// row goes, as a line of JSON, to a part file beside the target; [`Writer::finish`] puts the
/// page together (the counts and charts at the top are known only then, and the checks across
/// reports may add findings to some rows: [`Writer::amend`]) and renames it over the target, so
/// the target is written whole or not at all.
pub struct Writer {
    kind: Kind,
    target: PathBuf,
    rows: (PathBuf, BufWriter<File>),
    /// Each row's verdict, in order.
    verdicts: Vec<Verdict>,
    /// Findings across reports, by row.
    more: BTreeMap<usize, Vec<Finding>>,
    buf: Vec<u8>,
}

fn part(target: &Path, what: &str) -> PathBuf {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.{what}", std::process::id()))
}

/// The verdict of a report with these counts (one that could not be read stays so).
fn verdict(was: Verdict, errors: usize, warnings: usize) -> Verdict {
    if was == Verdict::Unreadable {
        Verdict::Unreadable
    } else if errors > 0 {
        Verdict::Errors
    } else if warnings > 0 {
        Verdict::Warnings
    } else {
        Verdict::Clean
    }
}

impl Row {
    /// The row with the findings across reports added (counts and verdict follow).
    fn with(mut self, more: Option<&Vec<Finding>>) -> Row {
        let Some(more) = more else {
            return self;
        };
        for f in more {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => {}
            }
            self.findings.push(Finding {
                code: f.code,
                severity: f.severity,
                message: f.message.clone(),
                line: f.line,
                excerpt: f.excerpt.clone(),
            });
        }
        self.verdict = verdict(self.verdict, self.errors, self.warnings);
        self
    }
}

impl Writer {
    pub fn create(path: &str, kind: Kind) -> std::io::Result<Writer> {
        let target = PathBuf::from(path);
        let p = part(&target, "rows.part");
        let f = File::create(&p)?;
        Ok(Writer {
            kind,
            target,
            rows: (p, BufWriter::new(f)),
            verdicts: Vec::new(),
            more: BTreeMap::new(),
            buf: Vec::new(),
        })
    }

    /// The next report's row (in the order of the files).
    pub fn add(&mut self, r: &Row) -> std::io::Result<()> {
        self.verdicts.push(r.verdict);
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, r)?;
        self.buf.push(b'\n');
        self.rows.1.write_all(&self.buf)
    }

    /// Findings across reports for row `i` (0-based, in the order of the files).
    pub fn amend(&mut self, i: usize, findings: Vec<Finding>) {
        self.more.entry(i).or_default().extend(findings);
    }

    /// Every row, read back from the part file, with its findings across reports.
    fn each_row(
        &self,
        mut f: impl FnMut(usize, Row) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        use std::io::BufRead;
        let file = std::io::BufReader::new(File::open(&self.rows.0)?);
        for (i, line) in file.lines().enumerate() {
            let r: Row = serde_json::from_str(&line?)?;
            f(i, r.with(self.more.get(&i)))?;
        }
        Ok(())
    }

    /// Put the page (or table) together and rename it over the target.
    pub fn finish(mut self, by_code: &BTreeMap<Code, usize>) -> std::io::Result<()> {
        self.rows.1.flush()?;
        let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
        for (i, v) in self.verdicts.iter().enumerate() {
            // Findings across reports only make a verdict worse.
            let v = match self.more.get(&i) {
                Some(more) => {
                    let (errors, warnings) =
                        more.iter().fold((0, 0), |(e, w), f| match f.severity {
                            Severity::Error => (e + 1, w),
                            Severity::Warning => (e, w + 1),
                            Severity::Note => (e, w),
                        });
                    (*v).min(verdict(Verdict::Clean, errors, warnings))
                }
                None => *v,
            };
            *counts.entry(v).or_insert(0) += 1;
        }
        let n = self.verdicts.len();
        let tmp = part(&self.target, "tmp");
        let result = (|| {
            let mut out = BufWriter::new(File::create(&tmp)?);
            let mut s = String::new();
            match self.kind {
                Kind::Csv => out.write_all(csv_head().as_bytes())?,
                Kind::Html => out.write_all(html_head(n, &counts, by_code).as_bytes())?,
            }
            self.each_row(|i, r| {
                s.clear();
                match self.kind {
                    Kind::Csv => csv_row(&mut s, &r),
                    Kind::Html => html_row(&mut s, i, &r),
                }
                out.write_all(s.as_bytes())
            })?;
            if self.kind == Kind::Html {
                out.write_all(HTML_MIDDLE.as_bytes())?;
                let mut any_section = false;
                self.each_row(|i, r| {
                    s.clear();
                    if html_section(&mut s, i, &r) {
                        any_section = true;
                        out.write_all(s.as_bytes())?;
                    }
                    Ok(())
                })?;
                out.write_all(html_tail(any_section).as_bytes())?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, &self.target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.rows.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agency_is_read_from_the_title_around_the_year() {
        assert_eq!(
            agency("示例县自然资源局 2023 年政府信息公开工作年度报告").as_deref(),
            Some("示例县自然资源局")
        );
        assert_eq!(
            agency("青禾综合试验区财政金融局2025年度政府信息公开工作年度报告").as_deref(),
            Some("青禾综合试验区财政金融局")
        );
        assert_eq!(
            agency("2021年区青禾产业发展服务署政府信息公开工作年度报告").as_deref(),
            Some("区青禾产业发展服务署")
        );
        assert_eq!(
            agency("某某县人民政府政府信息公开工作年度报告").as_deref(),
            Some("某某县人民政府")
        );
        assert_eq!(agency("政府信息公开工作年度报告"), None);
    }

    #[test]
    fn a_web_page_title_is_read_without_its_markup() {
        assert_eq!(
            without_tags("<title>示例县水务局2023年政府信息公开工作年度报告</title>"),
            "示例县水务局2023年政府信息公开工作年度报告"
        );
        assert_eq!(without_tags("<h1 class=\"t\">甲</h1> 乙"), "甲 乙");
        assert_eq!(without_tags("1 < 2"), "1 < 2");
        assert_eq!(without_tags("示例市<青禾区>局"), "示例市<青禾区>局");
        assert_eq!(without_tags("<!-- 注 -->甲"), "甲");
        assert_eq!(without_tags("纯文本"), "纯文本");
    }

    #[test]
    fn the_summary_kind_follows_the_extension() {
        assert_eq!(Kind::of("汇总.html"), Ok(Kind::Html));
        assert_eq!(Kind::of("out/汇总.CSV"), Ok(Kind::Csv));
        assert!(Kind::of("汇总.pdf").is_err());
        assert!(Kind::of("汇总").is_err());
    }

    #[test]
    fn a_csv_field_is_quoted_only_when_it_must_be() {
        assert_eq!(csv_field("行政许可"), "行政许可");
        assert_eq!(csv_field("甲,乙"), "\"甲,乙\"");
        assert_eq!(csv_field("说“是\"的"), "\"说“是\"\"的\"");
        // A line break of either kind, as a report saved on Windows may hold.
        assert_eq!(csv_field("一\r\n二"), "\"一\r\n二\"");
        assert_eq!(csv_field("一\r二"), "\"一\r二\"");
    }

    #[test]
    fn text_is_escaped_in_the_page() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        // Chinese text between and after the escaped characters is kept whole.
        assert_eq!(esc("表二<合计>为“3”"), "表二&lt;合计&gt;为“3”");
        assert_eq!(esc("无需转义的文字"), "无需转义的文字");
    }
}
