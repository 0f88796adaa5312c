//! The rule-file formatter (`gouji fmt`, and formatting in the editor).
//!
//! The formatter works on tokens and lines, never on the syntax tree, so nothing the tree does
//! not hold (comments, blank lines, the author's line breaks) can be lost. The text is cut into
//! tokens — words, strings, punctuation, comments, line breaks — with strings and comments kept
//! byte for byte, and then laid out again:
//!
//! - every item starts its own line (`section`, `row`, `check`, …; not the `row` of `each row`
//!   nor the `section` of `amend section`), a `{` ends the line of its header (a `{` the author
//!   put on a line of its own is pulled up, before any comment that line ends with), and a `}`
//!   stands on its own line; other line breaks inside an item (before `message`, inside a long
//!   expression) are the author's and are kept — lines are never joined;
//! - a line is indented two spaces per open brace; a line that continues an item (`message`,
//!   `code`, `tolerance`, a severity, the rest of an expression, …) gets one level more; a
//!   comment line is indented like the code line after it (like the inside of the block when
//!   that line is a `}`);
//! - between tokens: one space, none before `,` `:` `)` and after `(`, none around `..` and
//!   between `sum` and `(`, one around `+` `-` and comparisons, one before a trailing comment;
//! - blank lines are kept where the author put them, at most one in a row, none at the start or
//!   end of the file, directly after a `{` or directly before a `}`; trailing whitespace goes, and
//!   the text ends with exactly one line break.
//!
//! Line endings follow the first line break of the input: if it is CRLF, every line ends in CRLF,
//! otherwise in LF (a lone CR counts as a line break, as it does for the parser). A leading
//! byte-order mark is kept.
//!
//! The result is checked before it is returned: it must parse to the same tree as the input
//! (spans aside) and hold the same comments in the same order. Should it ever not, the formatter
//! falls back to re-indenting lines without touching their insides, and should that not hold
//! either, it returns the input unchanged; it never returns a text that means something else.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::ast::*;

/// Format a rule file. Returns the syntax errors instead when the file does not parse.
pub fn format(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let (tree, errors) = crate::syntax::parse(file, text);
    if !errors.is_empty() {
        return Err(errors);
    }
    let tree = without_spans(tree);
    let comments = comments(text);
    for mode in [Mode::Full, Mode::KeepLines] {
        let out = layout(text, mode);
        let (out_tree, out_errors) = crate::syntax::parse(file, &out);
        if out_errors.is_empty()
            && without_spans(out_tree) == tree
            && self::comments(&out) == comments
        {
            return Ok(out);
        }
    }
    Ok(text.to_string())
}

/// The form keywords are written in: `规定`, `检查 … 每行：` or `regulation`, `check … each row:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordForm {
    Zh,
    En,
}

/// Why keywords could not be converted.
#[derive(Debug)]
pub enum ConvertError {
    /// The file does not parse.
    Syntax(Vec<Diagnostic>),
    /// The converted text would mean something else (never expected; the file is left alone).
    Meaning,
}

/// Write every keyword of a rule file in one form — with the punctuation that goes with it
/// (`：`, `，`, `（）` in Chinese) — then format it. Strings, comments, names and the layout the
/// formatter keeps are untouched; the result must parse to the same tree as the input.
pub fn convert_keywords(file: FileId, text: &str, to: KeywordForm) -> Result<String, ConvertError> {
    let (tree, errors) = crate::syntax::parse(file, text);
    if !errors.is_empty() {
        return Err(ConvertError::Syntax(errors));
    }
    // Keywords where the parser read them (a name that looks like a keyword stays a name);
    // `each row` and `when mentioned` are one Chinese word each.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let spans = crate::syntax::keyword_spans(text).unwrap_or_default();
    let mut k = 0;
    while k < spans.len() {
        let (r, en) = (&spans[k], spans[k].1);
        let r = &r.0;
        let next = spans.get(k + 1);
        let two = next.and_then(|(n, nen)| match (en, *nen) {
            ("each", "row") => Some((n.end, "每行")),
            ("each", "column") => Some((n.end, "每列")),
            ("when", "mentioned") => Some((n.end, "若提及")),
            _ => None,
        });
        match to {
            KeywordForm::Zh => match two {
                Some((end, zh)) => {
                    edits.push((r.start, end, zh));
                    k += 1;
                }
                None => {
                    if let Some(zh) = crate::syntax::keyword_zh(en) {
                        edits.push((r.start, r.end, zh));
                    }
                }
            },
            KeywordForm::En => {
                if text[r.clone()] != *en {
                    edits.push((r.start, r.end, en));
                }
            }
        }
        k += 1;
    }
    for t in lex(text) {
        let replacement: Option<&str> = match (to, t.kind) {
            (KeywordForm::Zh, Kind::Comma) if t.text == "," => Some("，"),
            (KeywordForm::Zh, Kind::Colon) if t.text == ":" => Some("："),
            (KeywordForm::Zh, Kind::LParen) if t.text == "(" => Some("（"),
            (KeywordForm::Zh, Kind::RParen) if t.text == ")" => Some("）"),
            (KeywordForm::En, Kind::Comma) if t.text != "," => Some(","),
            (KeywordForm::En, Kind::Colon) if t.text != ":" => Some(":"),
            (KeywordForm::En, Kind::LParen) if t.text != "(" => Some("("),
            (KeywordForm::En, Kind::RParen) if t.text != ")" => Some(")"),
            _ => None,
        };
        if let Some(r) = replacement {
            edits.push((t.start, t.start + t.text.len(), r));
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for (start, end, r) in edits {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(r);
        at = end;
    }
    out.push_str(&text[at..]);
    let (converted, errors) = crate::syntax::parse(file, &out);
    if !errors.is_empty() || without_spans(converted) != without_spans(tree) {
        return Err(ConvertError::Meaning);
    }
    format(file, &out).map_err(ConvertError::Syntax)
}

/// How much of the layout to redo.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Everything described in the module documentation.
    Full,
    /// Only indentation, blank lines and trailing whitespace; each line's inside is kept as is.
    KeepLines,
}

// ───────────── tokens ─────────────

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A keyword, identifier, number or year.
    Word,
    /// A version name or an amount's unit: read as one piece and never a keyword.
    Name,
    /// `"…"` or `「…」`, with its quotes.
    Str,
    LBrace,
    RBrace,
    Comma,
    Colon,
    LParen,
    RParen,
    /// `..`
    Dots,
    /// `+` or `-`
    Op,
    /// A comparison: `=`, `>=`, `≥`, …
    Cmp,
    /// `// …` or `/// …` to the end of the line.
    Comment,
    Newline,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'t> {
    kind: Kind,
    text: &'t str,
    start: usize,
}

impl Tok<'_> {
    fn is_code(&self) -> bool {
        !matches!(self.kind, Kind::Comment | Kind::Newline)
    }
    fn is_word(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.text)
    }
    /// The text as printed: comments lose their trailing whitespace.
    fn shown(&self) -> &str {
        if self.kind == Kind::Comment {
            self.text.trim_end()
        } else {
            self.text
        }
    }
}

/// Blanks between tokens (`WHITESPACE` in the grammar, less the line breaks).
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{FEFF}')
}

/// Words that start an item (or a regulation), unless they follow `each` or `amend`.
const ITEM_STARTS: &[&str] = &[
    "regulation",
    "issued_by",
    "report_years",
    "title",
    "section",
    "aliases",
    "topic",
    "require",
    "table",
    "header",
    "block",
    "group",
    "columns",
    "column",
    "row",
    "check",
    "fact",
    "rollup",
    "example",
    "amend",
    "remove",
    "form",
    "field",
    "规定",
    "文号",
    "适用年度",
    "标题",
    "部分",
    "别名",
    "要点",
    "要求",
    "表",
    "表头",
    "分块",
    "组",
    "各列",
    "列",
    "行",
    "检查",
    "正文数字",
    "汇总",
    "示例",
    "修订",
    "删除",
    "表单",
    "栏目",
];

/// What the next word is, by the word before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Any,
    /// After `amount`: a unit, unless the next word starts with a keyword.
    Unit,
    /// After `version` or `extends`: a version name.
    Version,
}

/// Cut the text into tokens. Strings and comments are kept whole; whitespace is dropped, except
/// line breaks outside strings, which become `Newline` tokens.
fn lex(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut expect = Expect::Any;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        let (kind, len) = if c == '\r' || c == '\n' {
            (Kind::Newline, if rest.starts_with("\r\n") { 2 } else { 1 })
        } else if is_blank(c) {
            i += c.len_utf8();
            continue;
        } else if rest.starts_with("//") {
            (Kind::Comment, rest.find(['\r', '\n']).unwrap_or(rest.len()))
        } else if let Some(len) = name_len(rest, expect) {
            (Kind::Name, len)
        } else {
            match c {
                // A text block keeps its lines, indentation and all, as written.
                '"' if rest.starts_with("\"\"\"") => (
                    Kind::Str,
                    rest[3..]
                        .find("\"\"\"")
                        .map(|j| j + 6)
                        .unwrap_or(rest.len()),
                ),
                '"' => (Kind::Str, string_len(rest, '"')),
                '「' => (Kind::Str, string_len(rest, '」')),
                '“' => (Kind::Str, string_len(rest, '”')),
                '{' => (Kind::LBrace, 1),
                '}' => (Kind::RBrace, 1),
                ',' | '，' | '、' => (Kind::Comma, c.len_utf8()),
                ':' | '：' => (Kind::Colon, c.len_utf8()),
                '(' | '（' => (Kind::LParen, c.len_utf8()),
                ')' | '）' => (Kind::RParen, c.len_utf8()),
                '.' if rest.starts_with("..") => (Kind::Dots, 2),
                '+' | '-' | '*' => (Kind::Op, 1),
                '＋' | '－' | '＊' | '×' | '÷' => (Kind::Op, c.len_utf8()),
                '/' if !rest.starts_with("//") => (Kind::Op, 1),
                '＞' | '＜' if rest[c.len_utf8()..].starts_with('＝') => (Kind::Cmp, 6),
                '≥' | '≤' | '≠' | '＝' | '＞' | '＜' => (Kind::Cmp, c.len_utf8()),
                '>' | '<' | '=' | '!' if rest[1..].starts_with('=') => (Kind::Cmp, 2),
                '>' | '<' | '=' => (Kind::Cmp, 1),
                _ => (Kind::Word, word_len(rest)),
            }
        };
        let tok = Tok {
            kind,
            text: &text[i..i + len],
            start: i,
        };
        match kind {
            Kind::Comment | Kind::Newline => {}
            Kind::Word if matches!(tok.text, "amount" | "金额") => expect = Expect::Unit,
            Kind::Word if matches!(tok.text, "version" | "extends" | "版本" | "继承") => {
                expect = Expect::Version
            }
            _ => expect = Expect::Any,
        }
        toks.push(tok);
        i += len;
    }
    toks
}

/// The length of the unit or version name `rest` starts with, when one is expected there.
fn name_len(rest: &str, expect: Expect) -> Option<usize> {
    let len = match expect {
        Expect::Any => return None,
        Expect::Unit => {
            let len = rest
                .find(|c: char| {
                    is_blank(c) || matches!(c, '\r' | '\n' | ',' | '，' | '}' | '{' | '/')
                })
                .unwrap_or(rest.len());
            if crate::syntax::all_keywords().any(|k| rest.starts_with(k)) {
                return None;
            }
            len
        }
        Expect::Version => rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(rest.len()),
    };
    (len > 0).then_some(len)
}

/// The length of the string `rest` starts with, quotes included. A `\` escapes any character in
/// a `"…"` string (a line break too); an unterminated string stops at the end of its line.
fn string_len(rest: &str, close: char) -> usize {
    let mut chars = rest.char_indices().skip(1);
    while let Some((j, c)) = chars.next() {
        match c {
            '\\' if close == '"' => {
                chars.next();
            }
            '\r' | '\n' => return j,
            c if c == close => return j + c.len_utf8(),
            _ => {}
        }
    }
    rest.len()
}

/// The length of the word `rest` starts with: up to a blank, a line break, punctuation, a string,
/// a comment or `..`. A single `.` belongs to the word (`表三.总计`, `0.5`).
fn word_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = is_blank(c)
            || matches!(
                c,
                '\r' | '\n'
                    | '{'
                    | '}'
                    | ','
                    | '，'
                    | '、'
                    | ':'
                    | '：'
                    | '('
                    | '（'
                    | ')'
                    | '）'
                    | '+'
                    | '＋'
                    | '-'
                    | '－'
                    | '*'
                    | '＊'
                    | '×'
                    | '÷'
                    | '/'
                    | '='
                    | '＝'
                    | '<'
                    | '＜'
                    | '>'
                    | '＞'
                    | '≥'
                    | '≤'
                    | '≠'
                    | '"'
                    | '「'
                    | '“'
            )
            || (c == '.' && next == Some('.'))
            || (c == '!' && next == Some('='));
        if ends {
            // A word is never empty: a character no other token takes is a word of its own.
            return if j == 0 { c.len_utf8() } else { j };
        }
    }
    rest.len()
}

/// Every comment of a text, in order, without trailing whitespace.
fn comments(text: &str) -> Vec<&str> {
    lex(text)
        .into_iter()
        .filter(|t| t.kind == Kind::Comment)
        .map(|t| t.text.trim_end())
        .collect()
}

// ───────────── layout ─────────────

type Line<'t> = Vec<Tok<'t>>;

fn layout(text: &str, mode: Mode) -> String {
    let toks = lex(text);
    let eol = match toks.iter().find(|t| t.kind == Kind::Newline) {
        Some(t) if t.text == "\r\n" => "\r\n",
        _ => "\n",
    };
    let mut lines: Vec<Line> = vec![Vec::new()];
    for t in toks {
        match (t.kind, lines.last_mut()) {
            (Kind::Newline, _) | (_, None) => lines.push(Vec::new()),
            (_, Some(line)) => line.push(t),
        }
    }
    if mode == Mode::Full {
        // Where the parser read keywords: a Chinese keyword may also be a name (`表 表`).
        let keywords: Option<std::collections::HashSet<usize>> = crate::syntax::keyword_spans(text)
            .map(|s| s.into_iter().map(|(r, _)| r.start).collect());
        lines = split_items(pull_up_braces(lines), keywords.as_ref());
    }
    let lines = drop_blank_lines(lines);
    let indents = indents(&lines);

    let mut out = String::new();
    if text.starts_with('\u{FEFF}') {
        out.push('\u{FEFF}');
    }
    for (line, indent) in lines.iter().zip(indents) {
        if !line.is_empty() {
            out.push_str(&"  ".repeat(indent));
            match mode {
                Mode::Full => render(&mut out, line),
                Mode::KeepLines => {
                    if let (Some(first), Some(last)) = (line.first(), line.last()) {
                        out.push_str(&text[first.start..last.start + last.shown().len()]);
                    }
                }
            }
        }
        out.push_str(eol);
    }
    out
}

/// Move each `{` that begins a line to the end of the code line before it, ahead of any comment
/// that line ends with. A comment after the `{` goes along when the code line is the line just
/// before and has no comment of its own; a line left empty goes.
fn pull_up_braces(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for mut line in lines {
        if line.first().is_some_and(|t| t.kind == Kind::LBrace) {
            let last = out.len().saturating_sub(1);
            if let Some((n, header)) = out
                .iter_mut()
                .enumerate()
                .rev()
                .find(|(_, l)| l.iter().any(Tok::is_code))
            {
                let brace = line.remove(0);
                let commented = header.last().is_some_and(|t| t.kind == Kind::Comment);
                header.insert(
                    if commented {
                        header.len() - 1
                    } else {
                        header.len()
                    },
                    brace,
                );
                if n == last && !commented && line.len() == 1 && line[0].kind == Kind::Comment {
                    header.append(&mut line);
                }
                if line.is_empty() {
                    continue;
                }
            }
        }
        out.push(line);
    }
    out
}

/// Break lines so that every item starts a line, a `{` ends one and a `}` stands alone. A
/// trailing comment stays with the last piece of its line.
fn split_items<'t>(
    lines: Vec<Line<'t>>,
    keywords: Option<&std::collections::HashSet<usize>>,
) -> Vec<Line<'t>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut prev: Option<Tok> = None;
    for line in lines {
        let mut piece: Line = Vec::new();
        for t in line {
            if t.is_code() && piece.iter().any(Tok::is_code) {
                let after_brace =
                    prev.is_some_and(|p| matches!(p.kind, Kind::LBrace | Kind::RBrace));
                let keyword = t.text.is_ascii() || keywords.is_none_or(|k| k.contains(&t.start));
                if t.kind == Kind::RBrace
                    || after_brace
                    || (keyword && starts_item(&t, prev.as_ref()))
                {
                    out.push(std::mem::take(&mut piece));
                }
            }
            if t.is_code() {
                prev = Some(t);
            }
            piece.push(t);
        }
        out.push(piece);
    }
    out
}

/// Whether `t` starts an item (or a regulation), given the code token before it.
fn starts_item(t: &Tok, prev: Option<&Tok>) -> bool {
    t.is_word(ITEM_STARTS) && !prev.is_some_and(|p| p.is_word(&["each", "amend", "修订"]))
}

/// At most one blank line in a row, and none at either end, after a `{` or before a `}`.
fn drop_blank_lines(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut pending_blank = false;
    for line in lines {
        let Some(first) = line.first() else {
            pending_blank = true;
            continue;
        };
        if pending_blank {
            let after_open = out
                .last()
                .and_then(|l| l.iter().rev().find(|t| t.is_code()))
                .is_some_and(|t| t.kind == Kind::LBrace);
            if !out.is_empty() && !after_open && first.kind != Kind::RBrace {
                out.push(Vec::new());
            }
            pending_blank = false;
        }
        out.push(line);
    }
    out
}

/// The indentation level of each line (blank lines get 0).
fn indents(lines: &[Line]) -> Vec<usize> {
    let mut indents = vec![0; lines.len()];
    let mut depth: usize = 0;
    let mut prev: Option<Tok> = None;
    // Comment-only lines waiting for the code line whose indentation they take.
    let mut comments: Vec<usize> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let Some(first) = line.iter().find(|t| t.is_code()) else {
            if !line.is_empty() {
                comments.push(n);
            }
            continue;
        };
        let closes = line.iter().take_while(|t| t.kind == Kind::RBrace).count();
        let continues = !matches!(first.kind, Kind::RBrace | Kind::LBrace)
            && !starts_item(first, prev.as_ref());
        let indent = depth.saturating_sub(closes) + usize::from(continues);
        let comment_indent = if closes > 0 { depth } else { indent };
        for c in comments.drain(..) {
            indents[c] = comment_indent;
        }
        indents[n] = indent;
        for t in line {
            match t.kind {
                Kind::LBrace => depth += 1,
                Kind::RBrace => depth = depth.saturating_sub(1),
                _ => {}
            }
            if t.is_code() {
                prev = Some(*t);
            }
        }
    }
    for c in comments {
        indents[c] = depth;
    }
    indents
}

/// Print a line's tokens with the spacing of the house style.
fn render(out: &mut String, line: &[Tok]) {
    let mut prev: Option<&Tok> = None;
    for t in line {
        if prev.is_some_and(|p| space_between(p, t)) {
            out.push(' ');
        }
        out.push_str(t.shown());
        prev = Some(t);
    }
}

fn space_between(p: &Tok, t: &Tok) -> bool {
    use Kind::*;
    match (p.kind, t.kind) {
        (_, Comment) => true,
        (_, Comma | Colon | RParen | Dots) | (LParen, _) => false,
        // No blank after full-width punctuation: `每行：总计`, `商业企业，科研机构`.
        (Comma | Colon, _) if !p.text.is_ascii() => false,
        (Word, LParen) => false,
        (Dots, Word) => !(t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit())),
        _ => true,
    }
}

// ───────────── meaning ─────────────

/// The tree with every span set to the same empty one, so two trees compare by content alone.
fn without_spans(mut tree: RuleFile) -> RuleFile {
    for r in &mut tree.regulations {
        let Regulation {
            doc: _,
            name,
            version,
            extends,
            issued_by,
            title,
            years,
            items,
            span,
        } = r;
        ident(name);
        version.iter_mut().chain(extends.iter_mut()).for_each(ident);
        issued_by
            .iter_mut()
            .chain(title.iter_mut())
            .for_each(string);
        if let Some(YearRange {
            from: _,
            to: _,
            span,
        }) = years
        {
            *span = NO_SPAN;
        }
        items.iter_mut().for_each(item);
        *span = NO_SPAN;
    }
    tree
}

const NO_SPAN: Span = Span {
    file: FileId(0),
    start: 0,
    end: 0,
};

fn ident(i: &mut Ident) {
    i.span = NO_SPAN;
}

fn string(s: &mut Str) {
    s.span = NO_SPAN;
}

fn item(item: &mut Item) {
    match item {
        Item::Section(Section {
            doc: _,
            id,
            label,
            optional: _,
            items,
            span,
        })
        | Item::Table(Table {
            doc: _,
            id,
            label,
            inline: _,
            items,
            span,
        })
        | Item::Block(Container {
            doc: _,
            id,
            label,
            items,
            span,
        })
        | Item::Group(Container {
            doc: _,
            id,
            label,
            items,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            items.iter_mut().for_each(self::item);
            *span = NO_SPAN;
        }
        Item::Aliases(strings) | Item::Header(strings) => strings.iter_mut().for_each(string),
        Item::Example(Example {
            doc: _,
            id,
            expects,
            text,
            previous,
            children,
            span,
        }) => {
            ident(id);
            expects.iter_mut().flatten().for_each(ident);
            string(text);
            previous.iter_mut().for_each(string);
            children.iter_mut().for_each(string);
            *span = NO_SPAN;
        }
        Item::Topic(Topic {
            doc: _,
            id,
            label,
            span,
        })
        | Item::Row(Row {
            doc: _,
            id,
            label,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            *span = NO_SPAN;
        }
        Item::Require(Require {
            doc: _,
            id,
            kind,
            opts: o,
            span,
        }) => {
            id.iter_mut().for_each(ident);
            match kind {
                RequireKind::Mention(strings) => strings.iter_mut().for_each(string),
                RequireKind::Text(min) => {
                    if let Some((_, s)) = min {
                        *s = NO_SPAN;
                    }
                }
            }
            opts(o);
            *span = NO_SPAN;
        }
        Item::Columns(ids, kind, span) => {
            ids.iter_mut().for_each(ident);
            kind.iter_mut().for_each(cell_kind);
            *span = NO_SPAN;
        }
        Item::Column(Column {
            doc: _,
            id,
            label,
            kind,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            kind.iter_mut().for_each(cell_kind);
            *span = NO_SPAN;
        }
        Item::Check(Check {
            doc: _,
            id,
            quantifier: _,
            when,
            guard,
            lhs,
            cmp: _,
            rhs,
            opts: o,
            span,
        }) => {
            id.iter_mut().for_each(ident);
            when.iter_mut().for_each(string);
            match guard.as_deref_mut() {
                Some(Guard::Compare { lhs, rhs, span, .. }) => {
                    expr(lhs);
                    expr(rhs);
                    *span = NO_SPAN;
                }
                Some(Guard::Prose { section, span, .. }) => {
                    ident(section);
                    *span = NO_SPAN;
                }
                None => {}
            }
            expr(lhs);
            expr(rhs);
            opts(o);
            *span = NO_SPAN;
        }
        Item::Fact(Fact {
            doc: _,
            id,
            scope,
            phrases,
            cmp: _,
            options,
            unless,
            opts: o,
            span,
        }) => {
            ident(id);
            scope.iter_mut().for_each(ident);
            phrases.iter_mut().for_each(string);
            options.iter_mut().for_each(expr);
            unless.iter_mut().for_each(string);
            opts(o);
            *span = NO_SPAN;
        }
        Item::Rollup(Rollup {
            doc: _,
            id,
            opts: o,
            span,
        }) => {
            id.iter_mut().for_each(ident);
            opts(o);
            *span = NO_SPAN;
        }
        Item::Amend(Amend {
            kind: _,
            id,
            items,
            span,
        }) => {
            ident(id);
            items.iter_mut().for_each(self::item);
            *span = NO_SPAN;
        }
        Item::Remove(id) => ident(id),
        Item::Form(Form {
            doc: _,
            id,
            label,
            items,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            items.iter_mut().for_each(self::item);
            *span = NO_SPAN;
        }
        Item::FormGroup(FormGroup {
            doc: _,
            id,
            label,
            when,
            items,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            if let Some(w) = when {
                ident(&mut w.field);
                string(&mut w.value);
                w.span = NO_SPAN;
            }
            items.iter_mut().for_each(self::item);
            *span = NO_SPAN;
        }
        Item::Field(Field {
            doc: _,
            id,
            label,
            kind,
            optional: _,
            pattern,
            opts: o,
            span,
        }) => {
            ident(id);
            label.iter_mut().for_each(string);
            match kind {
                FieldKind::Choice { options, .. } => options.iter_mut().for_each(string),
                FieldKind::Date(Some(w)) => w.span = NO_SPAN,
                _ => {}
            }
            pattern.iter_mut().for_each(string);
            opts(o);
            *span = NO_SPAN;
        }
    }
}

fn cell_kind(kind: &mut CellKind) {
    match kind {
        CellKind::Amount { unit, precision: _ } => unit.iter_mut().for_each(string),
        CellKind::Count | CellKind::Signed | CellKind::Text => {}
    }
}

fn opts(o: &mut CheckOpts) {
    let CheckOpts {
        severity,
        tolerance,
        message,
        code,
    } = o;
    if let Some((_, span)) = severity {
        *span = NO_SPAN;
    }
    if let Some((_, span)) = tolerance {
        *span = NO_SPAN;
    }
    message.iter_mut().chain(code.iter_mut()).for_each(string);
}

fn expr(e: &mut Expr) {
    let Expr { terms, span } = e;
    for (_, t) in terms {
        term(t);
    }
    *span = NO_SPAN;
}

fn term(t: &mut Term) {
    match t {
        Term::Number(_, span) | Term::ReportYear(span) => *span = NO_SPAN,
        Term::Ref(path, span) | Term::Sum(path, span) | Term::Previous(path, span) => {
            path.iter_mut().for_each(ident);
            *span = NO_SPAN;
        }
        Term::Scaled(inner, _, span) => {
            term(inner);
            *span = NO_SPAN;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        lex(text).into_iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn units_and_version_names_are_one_piece() {
        use Kind::*;
        assert_eq!(
            kinds("amount 万元(人民币):x"),
            vec![(Word, "amount"), (Name, "万元(人民币):x")]
        );
        assert_eq!(
            kinds("amount precision 2"),
            vec![(Word, "amount"), (Word, "precision"), (Word, "2")]
        );
        assert_eq!(
            kinds("version 2019-rev extends row"),
            vec![
                (Word, "version"),
                (Name, "2019-rev"),
                (Word, "extends"),
                (Name, "row")
            ]
        );
    }

    #[test]
    fn operators_dots_and_comments() {
        use Kind::*;
        assert_eq!(
            kinds("a.b-1.5>=sum(c)// x\r\n2021 .. \"//\\\"\""),
            vec![
                (Word, "a.b"),
                (Op, "-"),
                (Word, "1.5"),
                (Cmp, ">="),
                (Word, "sum"),
                (LParen, "("),
                (Word, "c"),
                (RParen, ")"),
                (Comment, "// x"),
                (Newline, "\r\n"),
                (Word, "2021"),
                (Dots, ".."),
                (Str, "\"//\\\"\""),
            ]
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_comment() {
        use Kind::*;
        assert_eq!(
            kinds("// a\rrow b"),
            vec![
                (Comment, "// a"),
                (Newline, "\r"),
                (Word, "row"),
                (Word, "b")
            ]
        );
    }

    #[test]
    fn keep_lines_mode_only_reindents() {
        let text =
            "regulation R version 1 {\n\t\ttitle   \"t\"   // c  \n\n\n  section s {  row a\n}}\n";
        assert_eq!(
            layout(text, Mode::KeepLines),
            "regulation R version 1 {\n  title   \"t\"   // c\n\n  section s {  row a\n}}\n"
        );
    }

    #[test]
    fn the_bundled_rule_files_need_no_fallback() {
        for text in [
            include_str!("../rules/gov-info-disclosure-2021.gouji"),
            include_str!("../rules/gov-info-disclosure-2019.gouji"),
        ] {
            assert_eq!(layout(text, Mode::Full), text);
        }
    }
}
