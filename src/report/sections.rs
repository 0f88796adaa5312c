//! Finding the required sections: exact headings first, then (between the sections already
//! placed) a heading with the wrong number, a heading without its number, or one worded
//! differently. What is missing at the end means the report ends early.

use super::norm::{self, KeyText};
use super::{Document, FoundSection, Prose};
use crate::compile::{RequireKind, RuleSet};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The numbering in front of a heading (`一、`, `（一）`, `1.`) and the title after it.
pub fn split_numbering(label: &str) -> (String, String) {
    let k = norm::key(label);
    let i = numbering_len(&k);
    (k[..i].iter().collect(), k[i..].iter().collect())
}

/// How many characters at the start of a label's key are its numbering (`一`, `(一)`, `1`).
pub(super) fn numbering_len(k: &[char]) -> usize {
    let mut i = 0;
    if k.first() == Some(&'(') {
        if let Some(close) = k.iter().position(|&c| c == ')') {
            if close <= 4 {
                i = close + 1;
            }
        }
    } else {
        while i < k.len() && (NUMERALS.contains(&k[i]) || k[i].is_ascii_digit()) && i < 3 {
            i += 1;
        }
    }
    i
}

struct Place {
    start: usize,
    end: usize,
}

pub(super) fn read_sections(rs: &RuleSet, key: &KeyText, text: &str, doc: &mut Document) {
    let tops: Vec<usize> = rs.top_sections().map(|(i, _)| i).collect();
    let mut found: Vec<Option<Place>> = tops.iter().map(|_| None).collect();
    // Headings placed through an accepted variant or a near match: worth a wording warning.
    let mut reworded: Vec<bool> = vec![false; tops.len()];
    place_exact(rs, key, text, &tops, &mut found, &mut reworded);
    place_between(rs, key, text, &tops, &mut found, &mut reworded, doc);
    report_wording(rs, key, text, &tops, &found, &reworded, doc);
    report_missing_end(rs, key, text, &tops, &found, doc);
    record_bodies(key, text, &tops, &found, doc);
    duplicates_and_extras(rs, key, text, doc, &tops);
    children(rs, key, doc);
}

/// Pass 1: the official heading (or an accepted variant) of each section, in order.
fn place_exact(
    rs: &RuleSet,
    key: &KeyText,
    text: &str,
    tops: &[usize],
    found: &mut [Option<Place>],
    reworded: &mut [bool],
) {
    // Pass 1: the official heading (or an accepted variant) in order.
    let mut cursor = 0;
    for (n, &si) in tops.iter().enumerate() {
        let s = &rs.sections[si];
        let mut best: Option<(usize, usize)> = None;
        for k in &s.keys {
            if let Some(i) = key
                .find_iter(k, cursor, key.len())
                .find(|&i| !compound(key, i))
            {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, i + k.len()));
                }
            }
        }
        if let Some((a, b)) = best {
            found[n] = Some(Place { start: a, end: b });
            // An accepted variant, or the heading matched through 和/及 folding: the format
            // writes it one way.
            let (ba, bb) = key.bytes(a, b);
            // A heading printed as the label is: the same key without folding either (most are).
            let heading = &text[ba..bb];
            reworded[n] =
                heading != s.label && norm::strict_key(heading) != norm::strict_key(&s.label);
            // Words the template does not have after the heading on its line
            // (`一、总体情况（数据准确、要素齐全）`, `…情况统计表`, `…情况：`).
            if let Some(e) = heading_suffix(text, ba, bb) {
                reworded[n] = true;
                found[n] = Some(Place {
                    start: a,
                    end: key.at_byte(e),
                });
            }
            // Words before it on its line (`第二部分 二、主动公开政府信息情况`).
            if let Some(p) = heading_prefix(text, ba, bb) {
                reworded[n] = true;
                if let Some(place) = found[n].as_mut() {
                    place.start = key.at_byte(p);
                }
            }
            cursor = b;
        }
    }
}

/// Pass 2: between placed neighbours, the title under another number (R011), without a
/// number (R014), or reworded.
fn place_between(
    rs: &RuleSet,
    key: &KeyText,
    text: &str,
    tops: &[usize],
    found: &mut [Option<Place>],
    reworded: &mut [bool],
    doc: &mut Document,
) {
    let file = doc.file;
    // Pass 2: between placed neighbours, the title under another number, or without one, or reworded.
    for n in 0..tops.len() {
        if found[n].is_some() {
            continue;
        }
        let lo = found[..n]
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|p| p.end)
            .unwrap_or(0);
        let hi = found[n + 1..]
            .iter()
            .flatten()
            .next()
            .map(|p| p.start)
            .unwrap_or(key.len());
        let s = &rs.sections[tops[n]];
        let (numbering, title) = split_numbering(&s.label);
        let title_k: Vec<char> = title.chars().collect();
        let mut placed = false;
        for i in key.find_iter(&title_k, lo, hi) {
            if i > 0 && compound(key, i - 1) {
                continue;
            }
            let before = if i > 0 { Some(key.chars[i - 1]) } else { None };
            let (a, b) = key.bytes(i, i + title_k.len());
            match before {
                Some(c) if NUMERALS.contains(&c) && numbering.chars().count() == 1 => {
                    let (na, _) = key.bytes(i - 1, i);
                    let span = Span::new(file, na, b);
                    doc.findings.push(
                        Diagnostic::of(
                            Code::SectionMisnumbered,
                            crate::tr!(
                                "sections-misnumbered",
                                heading = &text[na..b],
                                found = c.to_string(),
                                expected = numbering.as_str()
                            ),
                            span,
                        )
                        .with_primary_message(crate::tr!(
                            "sections-should-be",
                            label = s.label.as_str()
                        ))
                        .with_rule(s.id_span)
                        .with_fix(
                            crate::tr!("sections-fix-renumber", label = s.label.as_str()),
                            Span::new(file, na, key.pos[i - 1].1),
                            numbering.clone(),
                        ),
                    );
                    found[n] = Some(Place {
                        start: i - 1,
                        end: i + title_k.len(),
                    });
                    placed = true;
                }
                _ if at_line_start(text, a) => {
                    doc.findings.push(
                        Diagnostic::of(
                            Code::HeadingWording,
                            crate::tr!("sections-no-number", heading = &text[a..b]),
                            Span::new(file, a, b),
                        )
                        .with_primary_message(crate::tr!(
                            "sections-format-writes",
                            label = s.label.as_str()
                        ))
                        .with_rule(s.id_span),
                    );
                    found[n] = Some(Place {
                        start: i,
                        end: i + title_k.len(),
                    });
                    placed = true;
                }
                _ => {
                    let Some((la, le)) = unnumbered_heading_line(text, a, b, title_k.len()) else {
                        continue;
                    };
                    doc.findings.push(wording_finding(
                        s,
                        Span::new(file, la, le),
                        crate::tr!("sections-no-number", heading = &text[la..le]),
                        crate::tr!("sections-read-as-format-writes", label = s.label.as_str()),
                    ));
                    found[n] = Some(Place {
                        start: key.at_byte(la),
                        end: i + title_k.len(),
                    });
                    placed = true;
                }
            }
            break;
        }
        if placed {
            continue;
        }
        // Reworded: the right number followed by something like the title.
        if let Some(num) = numbering
            .chars()
            .next()
            .filter(|_| numbering.chars().count() == 1)
        {
            let mut best: Option<(f64, usize, usize)> = None;
            for i in key.find_all(&[num], lo, hi) {
                if i > 0
                    && (NUMERALS.contains(&key.chars[i - 1])
                        || key.chars[i - 1] == '('
                        || compound(key, i))
                {
                    continue;
                }
                // The character after the numeral in the text must be a list mark (、.．) or a blank.
                let after = text[key.pos[i].1..].chars().next();
                if !matches!(after, Some('、' | '.' | '．' | ' ' | '\u{3000}')) {
                    continue;
                }
                let line_end = heading_end(key, text, i + 1, title_k.len() + 6);
                // The heading's own length is unknown (in crawler text it runs into the body):
                // take the length that is most like the title.
                let mut local: Option<(f64, usize)> = None;
                let shortest = i + 1 + title_k.len().saturating_sub(4).max(2);
                if shortest <= line_end {
                    // Every length's similarity from one table.
                    let sims = norm::prefix_similarities(&key.chars[i + 1..line_end], &title_k);
                    for end in shortest..=line_end {
                        let sim = sims[end - (i + 1)];
                        if local.is_none_or(|(b, _)| sim > b) {
                            local = Some((sim, end));
                        }
                    }
                }
                // A heading that holds the whole title (`一、2019年政府信息公开工作的总体情况`).
                if title_k.len() >= 3 {
                    let whole_line = heading_end(key, text, i + 1, title_k.len() + 30);
                    if let Some(j) = key.find(&title_k, i + 1, whole_line.max(i + 1)) {
                        local = Some((0.99, j + title_k.len()));
                    }
                }
                if let Some((sim, end)) = local {
                    if sim >= 0.45 && best.is_none_or(|(bs, _, _)| sim > bs) {
                        best = Some((sim, i, end));
                    }
                }
            }
            if let Some((_, i, e)) = best {
                found[n] = Some(Place { start: i, end: e });
                reworded[n] = true;
            }
        }
    }
}

/// Wording warnings (R014) for headings placed through an alias, a near match or a suffix.
fn report_wording(
    rs: &RuleSet,
    key: &KeyText,
    text: &str,
    tops: &[usize],
    found: &[Option<Place>],
    reworded: &[bool],
    doc: &mut Document,
) {
    let file = doc.file;
    // Wording warnings for headings placed through an alias or a near match.
    for (n, p) in found.iter().enumerate() {
        let (Some(p), true) = (p, reworded[n]) else {
            continue;
        };
        let s = &rs.sections[tops[n]];
        let (a, b) = key.bytes(p.start, p.end);
        let b = heading_suffix(text, a, b).unwrap_or(b);
        doc.findings.push(wording_finding(
            s,
            Span::new(file, a, b),
            crate::tr!("sections-reworded", heading = &text[a..b]),
            crate::tr!("sections-format-writes", label = s.label.as_str()),
        ));
    }
}

/// Sections missing in the middle (reported once the tables are read), and at the end: missing
/// before a page footer (R010), or the report ends early (R016).
fn report_missing_end(
    rs: &RuleSet,
    key: &KeyText,
    text: &str,
    tops: &[usize],
    found: &[Option<Place>],
    doc: &mut Document,
) {
    let file = doc.file;
    // Missing sections; the ones missing at the end mean the report ends early.
    let last_found = found.iter().rposition(|p| p.is_some());
    for (n, p) in found.iter().enumerate() {
        if p.is_some() {
            continue;
        }
        let s = &rs.sections[tops[n]];
        if s.optional {
            continue;
        }
        if last_found.is_some_and(|l| n > l) || last_found.is_none() {
            continue;
        }
        let next = found[n + 1..]
            .iter()
            .flatten()
            .next()
            .map(|p| key.bytes(p.start, p.end).0)
            .unwrap_or(text.len());
        doc.missing.push((tops[n], next));
    }
    let tail_missing: Vec<&str> = match last_found {
        Some(l) => tops[l + 1..]
            .iter()
            .map(|&i| &rs.sections[i])
            .filter(|s| !s.optional)
            .map(|s| s.label.as_str())
            .collect(),
        None => tops
            .iter()
            .map(|&i| &rs.sections[i])
            .filter(|s| !s.optional)
            .map(|s| s.label.as_str())
            .collect(),
    };
    // A page footer after the last section found (site name, 主办单位, ICP备案号, copyright,
    // 打印本页): the page is complete, so the sections after it are missing, not cut off.
    let footer = last_found
        .and_then(|l| found[l].as_ref())
        .and_then(|p| footer_start(text, key.bytes(p.start, p.end).1));
    if let (Some(at), false) = (footer, tail_missing.is_empty()) {
        let (la, lb) = line_of(text, at);
        for &si in tops[last_found.map_or(0, |l| l + 1)..].iter() {
            let s = &rs.sections[si];
            if s.optional {
                continue;
            }
            doc.findings.push(
                Diagnostic::of(
                    Code::SectionMissing,
                    crate::tr!("sections-missing", label = s.label.as_str()),
                    Span::new(file, la, lb),
                )
                .with_primary_message(crate::tr!(
                    "sections-before-footer",
                    label = s.label.as_str()
                ))
                .with_note(crate::tr!("sections-footer-note"))
                .with_rule(s.id_span)
                .with_help(crate::tr!(
                    "sections-missing-help",
                    label = s.label.as_str()
                )),
            );
        }
    } else if !tail_missing.is_empty() {
        doc.truncated = true;
        // The last character of the report's own text: a table's trailing cell separator is
        // layout, not text (a web page or Word table has none).
        let end = text
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '｜'))
            .len();
        let start = text[..end]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(0);
        let msg = match last_found {
            Some(l) => crate::tr!(
                "sections-truncated",
                label = rs.sections[tops[l]].label.as_str()
            ),
            None => crate::tr!("sections-none-found"),
        };
        doc.findings.push(
            Diagnostic::of(Code::Truncated, msg, Span::new(file, start, end))
                .with_primary_message(crate::tr!("sections-text-ends-here"))
                .with_note(crate::tr!(
                    "sections-not-found-after",
                    labels = crate::i18n::join(
                        &tail_missing
                            .iter()
                            .map(|s| crate::tr!("quoted", text = s.to_string()))
                            .collect::<Vec<_>>()
                    )
                ))
                .with_help(crate::tr!("sections-truncated-help")),
        );
    }
}

/// Each section's body: from its heading to the next heading (or the page footer).
fn record_bodies(
    key: &KeyText,
    text: &str,
    tops: &[usize],
    found: &[Option<Place>],
    doc: &mut Document,
) {
    let file = doc.file;
    // Record bodies.
    let placed: Vec<(usize, (usize, usize))> = found
        .iter()
        .enumerate()
        .filter_map(|(n, p)| p.as_ref().map(|p| (n, key.bytes(p.start, p.end))))
        .collect();
    for (k, &(n, (a, b))) in placed.iter().enumerate() {
        let body_end = placed
            .get(k + 1)
            .map(|x| x.1 .0)
            .unwrap_or_else(|| footer_start(text, b).unwrap_or(text.len()));
        doc.sections.push(FoundSection {
            section: tops[n],
            heading: Span::new(file, a, b),
            body: (b, body_end.max(b)),
        });
    }
}

/// Words of a web page's footer, never of a report.
const FOOTER: &[&str] = &[
    "主办单位",
    "承办单位",
    "ICP备",
    "备案号",
    "版权所有",
    "Copyright",
    "©",
    "打印本页",
    "关闭窗口",
    "联系我们",
    "网站地图",
    "网站标识码",
    "公网安备",
];

/// Where a web page's footer starts after byte `from`: the first of the last lines of the
/// text that are all short and at least two of which carry footer words.
fn footer_start(text: &str, from: usize) -> Option<usize> {
    let from = from.min(text.len());
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let footerish = |l: &str| FOOTER.iter().any(|w| l.contains(w));
    let mut start = None;
    let mut hits = 0;
    for &(at, line) in lines.iter().rev() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if footerish(t) {
            hits += 1;
            start = Some(at);
        } else if t.chars().count() <= 40
            && !t.contains(['。', '\t', '|'])
            && !t.chars().any(|c| c.is_ascii_digit())
            && hits > 0
        {
            // A site name or a menu line between footer lines.
            start = Some(at);
        } else {
            break;
        }
    }
    let start = start.filter(|_| hits >= 2)?;
    // Lines of the footer that are not footer words (a site name above it) count only when a
    // footer line comes after them: start at the first footer-word line or menu line.
    Some(start + (text[start..].len() - text[start..].trim_start().len()))
}

/// The end of a heading line that carries words after the template's heading (`（数据准确）`,
/// `统计表`, a colon): `None` when the heading ends its line, or when what follows is the body
/// run into the heading (a sentence, numbers, a table row).
fn heading_suffix(text: &str, a: usize, b: usize) -> Option<usize> {
    if !at_line_start(text, a) {
        return None;
    }
    let line_end = text[b..].find('\n').map(|i| b + i).unwrap_or(text.len());
    let rest = text[b..line_end].trim_end();
    let extra = rest.trim_start();
    if extra.is_empty()
        || extra.chars().count() > 16
        || extra.contains(['。', '\t', '|', '；', ';'])
        || extra
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    // Closing quotes and brackets of the heading itself are not a suffix.
    if extra
        .chars()
        .all(|c| matches!(c, '”' | '’' | '"' | '）' | ')' | '》' | '*' | '#'))
    {
        return None;
    }
    Some(b + rest.len())
}

/// The start of a heading line that carries words before the template's heading
/// (`第二部分 二、…`): `None` when the heading starts its line, or when what stands before it or
/// after it is the body of the report run into the heading.
fn heading_prefix(text: &str, a: usize, b: usize) -> Option<usize> {
    let (ls, le) = line_of(text, a);
    if b > le {
        return None;
    }
    let line = &text[ls..le];
    let p0 = ls
        + (line.len()
            - line
                .trim_start_matches([' ', '\u{3000}', '\t', '#', '*'])
                .len());
    if p0 >= a {
        return None;
    }
    let prefix = text[p0..a].trim();
    let rest = text[b..le].trim();
    let plain = |t: &str, max: usize| {
        t.chars().count() <= max
            && !t.contains(['。', '，', '\t', '|', '；', ';'])
            && !t
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    (!prefix.is_empty() && plain(prefix, 10) && plain(rest, 16)).then_some(p0)
}

/// A short line of its own that ends with a section's title and carries no number
/// (`政府信息公开工作总体情况` where `一、总体情况` belongs): the span of the line's words.
fn unnumbered_heading_line(
    text: &str,
    a: usize,
    b: usize,
    title_len: usize,
) -> Option<(usize, usize)> {
    let (la, le) = line_of(text, a);
    if b > le {
        // The title runs over a line break: no heading line of its own.
        return None;
    }
    let line = &text[la..le];
    let lead = line.len()
        - line
            .trim_start_matches([' ', '\u{3000}', '\t', '#', '*'])
            .len();
    let words = line.trim();
    let tail = text[b..le].trim();
    let tail_ok = tail
        .chars()
        .all(|c| norm::is_punct(c) || c == '*' || c.is_whitespace());
    let first = words.trim_start_matches(['#', '*', ' ']).chars().next();
    let numbered =
        first.is_some_and(|c| NUMERALS.contains(&c) || c == '（' || c == '(' || c.is_ascii_digit());
    let n = norm::key(words).len();
    (tail_ok && !numbered && !words.contains('。') && n <= title_len + 10)
        .then_some((la + lead, le))
}

/// Is the numeral at key position `i` part of a word such as `表二` or `第三` rather than a heading number?
fn compound(key: &KeyText, i: usize) -> bool {
    i > 0 && matches!(key.chars[i - 1], '表' | '第' | '附' | '图' | '之')
}

fn at_line_start(text: &str, byte: usize) -> bool {
    // Read back from `byte`: the first other character answers, without going to the start
    // of a long line.
    text[..byte]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| c.is_whitespace() || c == '#' || c == '*')
}

/// The end (key index) of a heading that starts at `from`: the end of its line, at most `max` key chars.
fn heading_end(key: &KeyText, text: &str, from: usize, max: usize) -> usize {
    let mut i = from;
    while i < key.len() && i < from + max {
        // Key characters folded from one text character (`∰` → `∫∫∫`) share its byte range:
        // no text stands between them.
        let (a, b) = (key.pos[i - 1].1, key.pos[i].0);
        if a < b && text[a..b].contains('\n') {
            break;
        }
        i += 1;
    }
    i
}

/// The byte range of the line holding `byte` (without its newline).
pub(super) fn line_of(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let a = text[..byte].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let b = text[byte..]
        .find('\n')
        .map(|i| byte + i)
        .unwrap_or(text.len());
    let b = if b > a && text.as_bytes()[b - 1] == b'\r' {
        b - 1
    } else {
        b
    };
    (a, b.max(a))
}

/// A section heading that appears twice, and numbered headings the format does not have.
fn duplicates_and_extras(
    rs: &RuleSet,
    key: &KeyText,
    text: &str,
    doc: &mut Document,
    tops: &[usize],
) {
    let file = doc.file;
    for fs in doc.sections.clone() {
        let s = &rs.sections[fs.section];
        let k = norm::key(&s.label);
        let from = key.at_byte(fs.heading.end);
        if let Some(i) = key.find(&k, from, key.len()) {
            let (a, b) = key.bytes(i, i + k.len());
            if at_line_start(text, a) {
                doc.findings.push(
                    Diagnostic::of(
                        Code::SectionDuplicated,
                        crate::tr!("sections-twice", label = s.label.as_str()),
                        Span::new(file, a, b),
                    )
                    .with_primary_message(crate::tr!("sections-again-here"))
                    .with_label(fs.heading, crate::tr!("sections-first-here"))
                    .with_rule(s.id_span),
                );
            }
        }
    }
    // Numbered headings on lines of their own that are not sections of the format.
    let table_labels: Vec<&Vec<char>> = rs.tables.iter().flat_map(|t| &t.keys.all).collect();
    let count = tops.len();
    let mut next_expected = 0usize;
    let mut offset = 0;
    let mut flagged_claim = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let lead_trimmed = line.trim_start();
        let lead = line.len() - lead_trimmed.len();
        if let Some(fs) = doc
            .sections
            .iter()
            .find(|s| s.heading.start >= start && s.heading.start < offset)
        {
            next_expected = tops
                .iter()
                .position(|&t| t == fs.section)
                .map(|p| p + 1)
                .unwrap_or(next_expected);
            continue;
        }
        // The line's start first: most lines do not open with a numeral, and need no more.
        let t = lead_trimmed.trim_start_matches(['#', ' ']);
        let mut chars = t.chars();
        let (Some(c0), Some(c1)) = (chars.next(), chars.next()) else {
            continue;
        };
        let Some(num) = NUMERALS.iter().position(|&n| n == c0) else {
            continue;
        };
        // A numeral is not a blank: trimming the line's end first leaves the same start.
        let (trimmed, t) = (lead_trimmed.trim_end(), t.trim_end());
        if !matches!(c1, '、' | '.' | '．')
            || t.chars().count() > 40
            || trimmed.contains('\t')
            || trimmed.contains('|')
        {
            continue;
        }
        let k = norm::key(t);
        if table_labels
            .iter()
            .any(|l| l.len() >= 3 && (k.starts_with(l) || l.starts_with(&k)))
        {
            continue;
        }
        let a = start + lead + (trimmed.len() - t.len());
        let b = start + lead + trimmed.len();
        let span = Span::new(file, a, b);
        if num >= count {
            doc.findings.push(
                Diagnostic::of(
                    Code::SectionExtra,
                    crate::tr!("sections-extra", heading = t),
                    span,
                )
                .with_primary_message(crate::tr!("sections-format-has", count = count))
                .with_help(crate::tr!("sections-extra-help")),
            );
        } else if num == next_expected
            && !flagged_claim
            && doc.section(tops[num]).is_none_or(|f| f.heading.start > a)
        {
            flagged_claim = true;
            let s = &rs.sections[tops[num]];
            doc.findings.push(
                Diagnostic::of(
                    Code::SectionExtra,
                    crate::tr!(
                        "sections-takes-number",
                        heading = t,
                        label = s.label.as_str()
                    ),
                    span,
                )
                .with_primary_message(crate::tr!(
                    "sections-format-section-is",
                    number = c0.to_string(),
                    label = s.label.as_str()
                ))
                .with_rule(s.id_span)
                .with_help(crate::tr!("sections-takes-number-help")),
            );
        }
    }
}

/// Nested sections and topics inside each found section.
fn children(rs: &RuleSet, key: &KeyText, doc: &mut Document) {
    let file = doc.file;
    for fs in doc.sections.clone() {
        let s = &rs.sections[fs.section];
        let (ka, kb) = (key.at_byte(fs.body.0), key.at_byte(fs.body.1));
        let missing: Vec<&crate::compile::Topic> = s
            .topics
            .iter()
            .filter(|t| {
                // Covered when the topic's title appears, or its last four characters (reports
                // write 平台建设 for 政府信息公开平台建设, 信息管理 for 政府信息管理).
                let (_, title) = split_numbering(&t.label);
                let tk: Vec<char> = title.chars().collect();
                let tail = &tk[tk.len().saturating_sub(4)..];
                key.find(&tk, ka, kb).is_none() && key.find(tail, ka, kb).is_none()
            })
            .collect();
        if let Some(first) = missing.first() {
            let names: Vec<String> = missing
                .iter()
                .map(|t| crate::tr!("quoted", text = t.label.as_str()))
                .collect();
            let headline = if missing.len() == 1 {
                crate::tr!(
                    "sections-topic-missing",
                    label = s.label.as_str(),
                    topic = first.label.as_str()
                )
            } else {
                crate::tr!(
                    "sections-topics-missing",
                    label = s.label.as_str(),
                    count = missing.len(),
                    total = s.topics.len()
                )
            };
            let mut d = Diagnostic::of(Code::TopicMissing, headline, fs.heading)
                .with_primary_message(crate::tr!("sections-topic-expected-here"))
                .with_rule(first.span);
            if missing.len() > 1 {
                d = d.with_note(crate::tr!(
                    "sections-not-mentioned",
                    topics = crate::i18n::join(&names)
                ));
            }
            doc.findings
                .push(d.with_help(crate::tr!("sections-topic-help")));
        }
        for (ci, c) in rs
            .sections
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent == Some(fs.section))
        {
            let k = norm::key(&c.label);
            if let Some(i) = key.find(&k, ka, kb) {
                let (a, b) = key.bytes(i, i + k.len());
                let body_end = fs.body.1;
                doc.sections.push(FoundSection {
                    section: ci,
                    heading: Span::new(file, a, b),
                    body: (b, body_end),
                });
            } else if !c.optional {
                doc.findings.push(
                    Diagnostic::of(
                        Code::SectionMissing,
                        crate::tr!("sections-missing", label = c.label.as_str()),
                        fs.heading,
                    )
                    .with_primary_message(crate::tr!(
                        "sections-should-be-inside",
                        label = c.label.as_str()
                    ))
                    .with_rule(c.id_span),
                );
            }
        }
    }
}

pub(super) fn check_requirements(rs: &RuleSet, key: &KeyText, text: &str, doc: &mut Document) {
    for fs in doc.sections.clone() {
        let s = &rs.sections[fs.section];
        let body = &text[fs.body.0..fs.body.1];
        for r in &s.requires {
            match &r.kind {
                RequireKind::Text { min } => {
                    // Prose only: a table in the section does not count as text.
                    let whole;
                    let prose = match doc.prose(fs.section) {
                        Some(p) => p,
                        None => {
                            whole = Prose::of_key(&norm::key(body));
                            &whole
                        }
                    };
                    let n = prose.len;
                    let placeholder = prose.short().is_some_and(|k| PLACEHOLDERS.contains(&k));
                    let short = min.is_some_and(|m| n < m);
                    if n == 0 || placeholder || short {
                        let shown = body.trim();
                        let label = s.label.as_str();
                        let headline = if n == 0 && !norm::key(body).is_empty() {
                            crate::tr!("sections-table-no-text", label = label)
                        } else if n == 0 {
                            crate::tr!("sections-empty", label = label)
                        } else if placeholder {
                            crate::tr!("sections-only-says", label = label, text = shown)
                        } else {
                            crate::tr!(
                                "sections-too-short",
                                label = label,
                                count = n,
                                text = shown.chars().take(40).collect::<String>()
                            )
                        };
                        let mut d =
                            Diagnostic::new(Code::SectionEmpty, r.severity, headline, fs.heading)
                                .with_primary_message(crate::tr!("sections-needs-content"))
                                .with_rule(r.span);
                        if let Some(m) = min {
                            d = d.with_note(crate::tr!("sections-min-chars", count = m));
                        }
                        doc.findings.push(with_message(d, &r.message));
                    }
                }
                RequireKind::Mention(phrases) => {
                    let (ka, kb) = (key.at_byte(fs.body.0), key.at_byte(fs.body.1));
                    if !phrases
                        .iter()
                        .any(|p| key.find(&norm::key(p), ka, kb).is_some())
                    {
                        let list: Vec<String> = phrases
                            .iter()
                            .map(|p| crate::tr!("quoted", text = p.as_str()))
                            .collect();
                        let d = Diagnostic::new(
                            Code::MentionMissing,
                            r.severity,
                            crate::tr!(
                                "sections-mention-missing",
                                label = s.label.as_str(),
                                phrases = list.join(&crate::tr!("list-or"))
                            ),
                            fs.heading,
                        )
                        .with_primary_message(crate::tr!("sections-mention-nothing"))
                        .with_rule(r.span);
                        doc.findings.push(with_message(d, &r.message));
                    }
                }
            }
        }
    }
}

/// Section bodies that say nothing: a bare "none" or "omitted".
const PLACEHOLDERS: &[&str] = &["无", "略", "暂无", "暂无问题", "没有"];

fn with_message(d: Diagnostic, m: &Option<String>) -> Diagnostic {
    match m {
        Some(m) => d.with_note(m.clone()),
        None => d,
    }
}

/// Report sections missing in the middle of the report. Called after the tables are read: where
/// the section before has a table, the missing section's content most likely starts on the first
/// line after that table.
pub(super) fn report_missing(rs: &RuleSet, text: &str, doc: &mut Document) {
    let file = doc.file;
    for (si, next) in std::mem::take(&mut doc.missing) {
        let s = &rs.sections[si];
        let prev = rs
            .top_sections()
            .map(|(i, _)| i)
            .take_while(|&i| i != si)
            .filter_map(|i| doc.section(i))
            .last()
            .map(|f| f.section);
        let after_table = prev
            .and_then(|p| {
                doc.tables
                    .iter()
                    .filter(|t| {
                        t.cells.first().is_some_and(|c| {
                            doc.section(p).is_some_and(|f| {
                                c.span.start >= f.body.0 && c.span.start < f.body.1
                            })
                        })
                    })
                    .flat_map(|t| t.cells.iter().map(|c| c.span.end))
                    .max()
            })
            .map(|end| {
                let after = text[end..]
                    .find('\n')
                    .map(|i| end + i + 1)
                    .unwrap_or(text.len());
                // The first line with words on it (not numbers or table rules).
                let mut at = after;
                for line in text[after..].split_inclusive('\n') {
                    if line.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                        break;
                    }
                    at += line.len();
                }
                at
            })
            .filter(|&at| at < next);
        let (a, b) = line_of(text, after_table.unwrap_or(next));
        let msg = if after_table.is_some() {
            crate::tr!("sections-should-stand-here", label = s.label.as_str())
        } else {
            crate::tr!("sections-should-come-before", label = s.label.as_str())
        };
        doc.findings.push(
            Diagnostic::of(
                Code::SectionMissing,
                crate::tr!("sections-missing", label = s.label.as_str()),
                Span::new(file, a, b),
            )
            .with_primary_message(msg)
            .with_rule(s.id_span)
            .with_help(crate::tr!(
                "sections-missing-help",
                label = s.label.as_str()
            )),
        );
    }
}

/// R014 at a heading worded otherwise than the format: the format's wording offered as the fix.
fn wording_finding(
    s: &crate::compile::Section,
    at: Span,
    headline: String,
    primary: String,
) -> Diagnostic {
    Diagnostic::of(Code::HeadingWording, headline, at)
        .with_primary_message(primary)
        .with_rule(s.id_span)
        .with_fix(
            crate::tr!("sections-fix-wording", label = s.label.as_str()),
            at,
            s.label.clone(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_short_enough_to_be_kept_as_text() {
        // A section's prose keeps its key only up to `Prose::SHORT` characters: a longer
        // placeholder could never be told.
        for p in PLACEHOLDERS {
            assert!(norm::key(p).len() <= Prose::SHORT, "{p}");
            assert_eq!(norm::key_string(p), *p);
        }
    }
}
