//! Word's automatic numbering (编号, 多级列表): the number Word draws before a paragraph from
//! `word/numbering.xml`, as text. Many Word files of a 年度报告 number their headings and row
//! labels this way: the paragraph's own text is `总体情况` and Word shows `一、总体情况`. Read
//! without it, every heading would lack its number (R014) and a label its `（一）`.
//!
//! A paragraph is numbered by its `w:numPr` (`w:numId`, `w:ilvl`) or by its paragraph style's
//! (`w:pStyle`, following `w:basedOn`; heading styles often carry the numbering); `w:numId` 0 is
//! no numbering. `w:num` → `w:abstractNum` (through `w:numStyleLink` → a numbering style →
//! another `w:num`), its levels' `w:start`, `w:numFmt`, `w:lvlText`, `w:lvlRestart`, `w:isLgl`,
//! `w:suff`, as overridden by the `w:num`'s `w:lvlOverride` (`w:startOverride`, or a whole
//! `w:lvl`). Counters are kept as Word keeps them: per list (the `w:num`s sharing one
//! `w:abstractNum` share its counters; one with a `w:startOverride` is a list of its own), a
//! level's counter advancing per paragraph at that level, deeper levels starting again when a
//! shallower one advances (unless `w:lvlRestart` says otherwise).
//!
//! Never guessed: a number format gouji cannot render for sure (an unknown `w:numFmt`, a value
//! beyond what a format is known to write), a level missing, or a `%N` whose level has no
//! counter yet gives no number, and the paragraph's text stays as it is. A bullet is not a
//! number: nothing is added for it (its symbol is a private-use glyph of a symbol font).

use crate::document::ContainerError;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// Levels a list has (`w:ilvl` 0–8).
const LEVELS: usize = 9;
/// How many styles or links are followed at most (a `w:basedOn` or `w:numStyleLink` loop ends).
const MAX_CHAIN: usize = 32;

/// A number format (`w:numFmt`) gouji renders, or not.
#[derive(Debug, Clone, PartialEq)]
enum Format {
    Decimal,
    /// Zero-padded decimal to this many digits (`decimalZero`: 2; Word 2010's custom
    /// `001, 002, 003, ...`: 3).
    DecimalZero(usize),
    DecimalFullWidth,
    /// ① … ⑳ (`decimalEnclosedCircle`, `decimalEnclosedCircleChinese`).
    Circle,
    /// ⑴ … ⒇.
    Paren,
    /// ⒈ … ⒛.
    Fullstop,
    /// ㈠ … ㈩.
    IdeographCircle,
    /// 一 … 十, 十一 … 九十九.
    ChineseCounting,
    /// As `ChineseCounting`, and hundreds (一百, 一百一十).
    ChineseCountingThousand,
    /// 壹 … 玖.
    ChineseLegal,
    /// 甲 … 癸.
    IdeographTraditional,
    /// 子 … 亥.
    IdeographZodiac,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    Bullet,
    /// The level shows no number (`none`); its literal text still shows.
    Nothing,
    Unknown,
}

impl Format {
    fn parse(val: &str, custom: Option<&str>) -> Format {
        match val {
            "decimal" | "decimalHalfWidth" => Format::Decimal,
            "decimalZero" => Format::DecimalZero(2),
            "decimalFullWidth" => Format::DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circle,
            "decimalEnclosedParen" => Format::Paren,
            "decimalEnclosedFullstop" => Format::Fullstop,
            "ideographEnclosedCircle" => Format::IdeographCircle,
            "chineseCounting" => Format::ChineseCounting,
            "chineseCountingThousand" => Format::ChineseCountingThousand,
            "chineseLegalSimplified" => Format::ChineseLegal,
            "ideographTraditional" => Format::IdeographTraditional,
            "ideographZodiac" => Format::IdeographZodiac,
            "upperLetter" => Format::UpperLetter,
            "lowerLetter" => Format::LowerLetter,
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "bullet" => Format::Bullet,
            "none" => Format::Nothing,
            // Word 2010's zero-padded numbers: `01, 02, 03, ...`, `001, 002, 003, ...`.
            "custom" => custom.and_then(zero_padded).unwrap_or(Format::Unknown),
            _ => Format::Unknown,
        }
    }

    /// `n` as this format writes it; `None` where gouji is not sure what Word writes.
    fn render(&self, n: u32) -> Option<String> {
        let enclosed = |first: u32, last: u32| {
            (1..=last - first + 1)
                .contains(&n)
                .then(|| char::from_u32(first + n - 1).map(String::from))
                .flatten()
        };
        match self {
            Format::Decimal => Some(n.to_string()),
            Format::DecimalZero(width) => Some(format!("{n:0width$}")),
            Format::DecimalFullWidth => Some(
                n.to_string()
                    .chars()
                    .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
                    .collect(),
            ),
            Format::Circle => enclosed(0x2460, 0x2473),
            Format::Paren => enclosed(0x2474, 0x2487),
            Format::Fullstop => enclosed(0x2488, 0x249B),
            Format::IdeographCircle => enclosed(0x3220, 0x3229),
            Format::ChineseCounting => chinese(n, false),
            Format::ChineseCountingThousand => chinese(n, true),
            Format::ChineseLegal => nth("壹贰叁肆伍陆柒捌玖", n),
            Format::IdeographTraditional => nth("甲乙丙丁戊己庚辛壬癸", n),
            Format::IdeographZodiac => nth("子丑寅卯辰巳午未申酉戌亥", n),
            Format::UpperLetter => letters(n, b'A'),
            Format::LowerLetter => letters(n, b'a'),
            Format::UpperRoman => roman(n),
            Format::LowerRoman => roman(n).map(|r| r.to_lowercase()),
            Format::Nothing => Some(String::new()),
            Format::Bullet | Format::Unknown => None,
        }
    }
}

/// Word 2010's custom format `01, 02, 03, ...` (or with more zeros): zero-padded decimal.
fn zero_padded(format: &str) -> Option<Format> {
    let parts: Vec<&str> = format.split(", ").collect();
    let [a, b, c, "..."] = parts[..] else {
        return None;
    };
    let width = a.len();
    let padded = |s: &str, d: char| {
        s.len() == width && s.ends_with(d) && s[..width - 1].bytes().all(|b| b == b'0')
    };
    (width >= 2 && padded(a, '1') && padded(b, '2') && padded(c, '3'))
        .then_some(Format::DecimalZero(width))
}

/// The `n`th (1-based) character of `chars`.
fn nth(chars: &str, n: u32) -> Option<String> {
    let i = usize::try_from(n.checked_sub(1)?).ok()?;
    chars.chars().nth(i).map(String::from)
}

/// Chinese counting as Word writes it: 一 … 九, 十, 十一 … 十九, 二十, 二十一 … 九十九 (Word
/// writes 十, not 一十, for 10–19). With `hundreds` (`chineseCountingThousand`) also 一百,
/// 一百一十 … 九百九十九 where no zero is spoken; a number with a spoken zero (一百〇一) and
/// `chineseCounting` from 100 on (written digit by digit) are left unrendered: gouji has not
/// seen which zero sign Word writes there.
fn chinese(n: u32, hundreds: bool) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let below_hundred = |n: u32| -> String {
        let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
        match tens {
            0 => DIGITS[ones].to_string(),
            1 => format!("十{}", DIGITS[ones]),
            _ => format!("{}十{}", DIGITS[tens], DIGITS[ones]),
        }
    };
    match n {
        1..=99 => Some(below_hundred(n)),
        100..=999 if hundreds => {
            let rest = n % 100;
            let head = format!("{}百", DIGITS[(n / 100) as usize]);
            match rest {
                0 => Some(head),
                // 一百一十: under a hundred the ten is counted (一十).
                10..=19 => Some(format!("{head}一{}", below_hundred(rest))),
                20..=99 => Some(format!("{head}{}", below_hundred(rest))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A, B, … Z, AA, BB, … (Word repeats the letter).
fn letters(n: u32, first: u8) -> Option<String> {
    let i = n.checked_sub(1)?;
    let times = usize::try_from(i / 26 + 1).ok().filter(|&t| t <= 100)?;
    let c = char::from(first + (i % 26) as u8);
    Some(std::iter::repeat_n(c, times).collect())
}

fn roman(mut n: u32) -> Option<String> {
    if !(1..=3999).contains(&n) {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// What follows the number (`w:suff`): a tab (Word's default) and a space are a blank (a tab in
/// gouji's text separates table cells), `nothing` nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list (`w:lvl`).
#[derive(Debug, Clone)]
struct Level {
    /// `w:start`; Word's default is 0.
    start: u32,
    format: Format,
    /// `w:lvlText`; `None` if absent or unreadable.
    text: Option<String>,
    /// `w:lvlRestart`: 0 never, n after a level up to n (1-based) advances; `None`: after any
    /// shallower level.
    restart: Option<u32>,
    /// `w:isLgl`: every level's number in decimal.
    legal: bool,
    suffix: Suffix,
    /// The number is hidden (`w:rPr/w:vanish`).
    hidden: bool,
    /// The paragraph style this level belongs to (`w:pStyle`).
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 0,
            format: Format::Decimal,
            text: None,
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
            hidden: false,
            style: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of the list this numbering style names.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<String>,
    /// `w:lvlOverride`: a start value, or a whole level, per level.
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

/// A style's numbering (`w:pPr/w:numPr`) and what it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// The numbering a paragraph asks for: its own `w:numPr` and its style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaNum {
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
    pub style: Option<String>,
}

/// Which counters a paragraph's list advances.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(String),
    Num(String),
}

/// The numbering definitions of a Word file and the counters as the paragraphs are read.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    counters: HashMap<ListKey, [Option<u32>; LEVELS]>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An on/off property (`w:isLgl`, `w:vanish`): on unless `w:val` says off.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

fn level_index(e: &BytesStart) -> Option<usize> {
    attr(e, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&l| l < LEVELS)
}

/// Events of a part, a DOCTYPE refused and a bad XML an error naming the part.
fn events(
    xml: &str,
    part: &str,
    mut each: impl FnMut(Event) -> Option<()>,
) -> Result<(), ContainerError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let ev = reader.read_event().map_err(|e| {
            ContainerError::Corrupt(crate::tr!(
                "document-docx-part-bad-xml",
                part = part,
                error = e.to_string()
            ))
        })?;
        match ev {
            Event::DocType(_) => return Err(ContainerError::Doctype),
            Event::Eof => return Ok(()),
            ev => {
                each(ev);
            }
        }
    }
}

impl Numbering {
    /// The numbering part (`word/numbering.xml`) and the styles part (`word/styles.xml`), either
    /// absent.
    pub fn read(
        numbering: Option<&str>,
        styles: Option<&str>,
    ) -> Result<Numbering, ContainerError> {
        let mut n = Numbering::default();
        if let Some(xml) = numbering {
            n.read_numbering(xml)?;
        }
        if let Some(xml) = styles {
            n.read_styles(xml)?;
        }
        Ok(n)
    }

    fn read_numbering(&mut self, xml: &str) -> Result<(), ContainerError> {
        let mut abs: Option<(String, Abstract)> = None;
        let mut num: Option<(String, Num)> = None;
        // The level being read, and which level of the override it is.
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        // Inside `mc:Choice` / `mc:Fallback` (Word 2010 writes a custom format in the choice
        // and an older format in the fallback): a format from the choice wins.
        let mut in_choice = false;
        let mut in_fallback = false;
        let mut chose_format = false;
        let mut in_rpr = false;
        events(xml, "word/numbering.xml", |ev| {
            let (e, open) = match &ev {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                self.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                self.nums.insert(id, n);
                            }
                        }
                        "lvl" => {
                            let (i, l) = level.take()?;
                            if let Some((_, n)) = num.as_mut() {
                                n.level_override[i] = Some(l);
                            } else if let Some((_, a)) = abs.as_mut() {
                                a.levels[i] = Some(l);
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "Choice" => in_choice = false,
                        "Fallback" => in_fallback = false,
                        "rPr" => in_rpr = false,
                        _ => {}
                    }
                    return Some(());
                }
                _ => return Some(()),
            };
            let name = e.local_name();
            match name.as_ref() {
                "abstractNum" if open => {
                    abs = Some((attr(e, "abstractNumId")?, Abstract::default()));
                }
                "num" if open => num = Some((attr(e, "numId")?, Num::default())),
                "abstractNumId" => {
                    if let Some((_, n)) = num.as_mut() {
                        n.abstract_id = attr(e, "val");
                    }
                }
                "numStyleLink" => {
                    if let Some((_, a)) = abs.as_mut() {
                        a.style_link = attr(e, "val");
                    }
                }
                "lvlOverride" if open => override_level = level_index(e),
                "startOverride" => {
                    if let (Some((_, n)), Some(i)) = (num.as_mut(), override_level) {
                        n.start_override[i] = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                "lvl" if open => {
                    let i = if num.is_some() {
                        override_level
                    } else {
                        level_index(e)
                    };
                    level = Some((i?, Level::default()));
                    chose_format = false;
                }
                "Choice" if open => in_choice = true,
                "Fallback" if open => in_fallback = true,
                "rPr" if open => in_rpr = true,
                _ => {
                    let (_, l) = level.as_mut()?;
                    match name.as_ref() {
                        "start" => l.start = attr(e, "val")?.parse().ok()?,
                        "numFmt" => {
                            if in_fallback && chose_format {
                                return Some(());
                            }
                            l.format =
                                Format::parse(&attr(e, "val")?, attr(e, "format").as_deref());
                            chose_format = in_choice;
                        }
                        "lvlText" => l.text = attr(e, "val"),
                        "lvlRestart" => l.restart = attr(e, "val")?.parse().ok(),
                        "isLgl" => l.legal = on(e),
                        "suff" => {
                            l.suffix = match attr(e, "val")?.as_str() {
                                "space" => Suffix::Space,
                                "nothing" => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        "pStyle" => l.style = attr(e, "val"),
                        "vanish" if in_rpr => l.hidden = on(e),
                        _ => {}
                    }
                }
            }
            Some(())
        })
    }

    fn read_styles(&mut self, xml: &str) -> Result<(), ContainerError> {
        let mut style: Option<(String, Style)> = None;
        // Depth inside `w:pPrChange` (the properties before a tracked change: not in force).
        let mut changed = 0usize;
        events(xml, "word/styles.xml", |ev| {
            let (e, open) = match &ev {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((id, s)) = style.take() {
                                self.styles.insert(id, s);
                            }
                        }
                        "pPrChange" => changed = changed.saturating_sub(1),
                        _ => {}
                    }
                    return Some(());
                }
                _ => return Some(()),
            };
            let name = e.local_name();
            match name.as_ref() {
                "style" if open => {
                    let id = attr(e, "styleId")?;
                    let paragraph = attr(e, "type").as_deref() == Some("paragraph");
                    if paragraph && attr(e, "default").is_some_and(|d| d == "1" || d == "true") {
                        self.default_style = Some(id.clone());
                    }
                    style = Some((id, Style::default()));
                }
                "pPrChange" if open => changed += 1,
                _ if changed > 0 => {}
                "basedOn" => {
                    if let Some((_, s)) = style.as_mut() {
                        s.based_on = attr(e, "val");
                    }
                }
                "numId" => {
                    if let Some((_, s)) = style.as_mut() {
                        s.num_id = attr(e, "val");
                    }
                }
                "ilvl" => {
                    if let Some((_, s)) = style.as_mut() {
                        s.ilvl = attr(e, "val")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l| l < LEVELS);
                    }
                }
                _ => {}
            }
            Some(())
        })
    }

    /// The number text Word shows before a paragraph (with what follows it), advancing the
    /// counters as Word does; `None` if the paragraph has none or gouji cannot render it for
    /// sure. Called once per paragraph, in document order.
    pub fn label(&mut self, p: &ParaNum) -> Option<String> {
        if self.nums.is_empty() {
            return None;
        }
        // The style that gives the numbering, following `w:basedOn`.
        let mut from_style: Option<(String, &Style)> = None;
        let mut at = p.style.clone().or_else(|| self.default_style.clone());
        for _ in 0..MAX_CHAIN {
            let Some(id) = at else { break };
            let Some(s) = self.styles.get(&id) else { break };
            if s.num_id.is_some() {
                from_style = Some((id, s));
                break;
            }
            at = s.based_on.clone();
        }
        let num_id = p
            .num_id
            .clone()
            .or_else(|| from_style.as_ref().and_then(|(_, s)| s.num_id.clone()))?;
        if num_id == "0" {
            return None;
        }
        let num = self.nums.get(&num_id)?;
        let (abstract_id, abs) = self.resolve(num)?;
        let mut levels = abs.levels.clone();
        for (i, l) in num.level_override.iter().enumerate() {
            if let Some(l) = l {
                levels[i] = Some(l.clone());
            }
        }
        for (i, s) in num.start_override.iter().enumerate() {
            if let (Some(s), Some(l)) = (s, levels[i].as_mut()) {
                l.start = *s;
            }
        }
        let ilvl = p
            .ilvl
            .or_else(|| from_style.as_ref().and_then(|(_, s)| s.ilvl))
            .or_else(|| {
                // A style without its level: the level linked to the style.
                let (id, _) = from_style.as_ref()?;
                levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style.as_ref()) == Some(id))
            })
            .unwrap_or(0);
        let key = if num.start_override.iter().any(Option::is_some)
            || num.level_override.iter().any(Option::is_some)
        {
            ListKey::Num(num_id)
        } else {
            ListKey::Abstract(abstract_id)
        };
        let level = levels[ilvl].as_ref()?;
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        counters[ilvl] = Some(counters[ilvl].map_or(level.start, |v| v.saturating_add(1)));
        for (deeper, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels[deeper].as_ref().and_then(|l| l.restart);
            // `w:lvlRestart` n: the level starts again after a level up to n (1-based).
            if restart.is_none_or(|n| n > 0 && (ilvl as u32) < n) {
                *c = None;
            }
        }
        if level.hidden || level.format == Format::Bullet {
            return None;
        }
        let text = level.text.as_deref()?;
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|&d| (1..=9).contains(&d));
            match (c, k) {
                ('%', Some(k)) => {
                    chars.next();
                    let i = k as usize - 1;
                    if i > ilvl {
                        return None;
                    }
                    let value = counters[i]?;
                    let format = if level.legal {
                        &Format::Decimal
                    } else {
                        &levels[i].as_ref()?.format
                    };
                    out.push_str(&format.render(value)?);
                }
                _ => out.push(c),
            }
        }
        if out.trim().is_empty() {
            return None;
        }
        match level.suffix {
            Suffix::Tab | Suffix::Space => out.push(' '),
            Suffix::Nothing => {}
        }
        Some(out)
    }

    /// The abstract numbering a `w:num` uses, following `w:numStyleLink` to the list its
    /// numbering style names.
    fn resolve(&self, num: &Num) -> Option<(String, &Abstract)> {
        let mut id = num.abstract_id.clone()?;
        for _ in 0..MAX_CHAIN {
            let abs = self.abstracts.get(&id)?;
            let Some(link) = &abs.style_link else {
                return Some((id, abs));
            };
            let linked = self.styles.get(link)?.num_id.as_ref()?;
            id = self.nums.get(linked)?.abstract_id.clone()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn render(format: &str, n: u32) -> Option<String> {
        Format::parse(format, None).render(n)
    }

    #[test]
    fn chinese_counting_is_written_as_word_writes_it() {
        let got: Vec<_> = [1, 9, 10, 11, 19, 20, 21, 99]
            .map(|n| render("chineseCounting", n).unwrap())
            .to_vec();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九"]
        );
        // From 100 on Word writes digit by digit with a zero sign gouji has not seen: none.
        assert_eq!(render("chineseCounting", 100), None);
        assert_eq!(render("chineseCounting", 0), None);
        assert_eq!(render("chineseCountingThousand", 10).unwrap(), "十");
        assert_eq!(render("chineseCountingThousand", 21).unwrap(), "二十一");
        assert_eq!(render("chineseCountingThousand", 100).unwrap(), "一百");
        assert_eq!(render("chineseCountingThousand", 110).unwrap(), "一百一十");
        assert_eq!(
            render("chineseCountingThousand", 235).unwrap(),
            "二百三十五"
        );
        assert_eq!(render("chineseCountingThousand", 101), None);
        assert_eq!(render("chineseLegalSimplified", 3).unwrap(), "叁");
        assert_eq!(render("chineseLegalSimplified", 10), None);
        assert_eq!(render("ideographTraditional", 3).unwrap(), "丙");
        assert_eq!(render("ideographTraditional", 11), None);
    }

    #[test]
    fn other_formats_are_written_as_word_writes_them() {
        assert_eq!(render("decimal", 12).unwrap(), "12");
        assert_eq!(render("decimalZero", 7).unwrap(), "07");
        assert_eq!(render("decimalZero", 12).unwrap(), "12");
        assert_eq!(render("decimalFullWidth", 12).unwrap(), "１２");
        assert_eq!(render("decimalEnclosedCircle", 3).unwrap(), "③");
        assert_eq!(render("decimalEnclosedCircle", 20).unwrap(), "⑳");
        assert_eq!(render("decimalEnclosedCircle", 21), None);
        assert_eq!(render("decimalEnclosedParen", 2).unwrap(), "⑵");
        assert_eq!(render("decimalEnclosedFullstop", 2).unwrap(), "⒉");
        assert_eq!(render("ideographEnclosedCircle", 1).unwrap(), "㈠");
        assert_eq!(render("upperLetter", 1).unwrap(), "A");
        assert_eq!(render("lowerLetter", 28).unwrap(), "bb");
        assert_eq!(render("upperRoman", 14).unwrap(), "XIV");
        assert_eq!(render("lowerRoman", 4).unwrap(), "iv");
        assert_eq!(render("none", 4).unwrap(), "");
        assert_eq!(render("bullet", 1), None);
        assert_eq!(render("ordinalText", 1), None);
        assert_eq!(
            Format::parse("custom", Some("001, 002, 003, ..."))
                .render(7)
                .unwrap(),
            "007"
        );
        assert_eq!(
            Format::parse("custom", Some("一, 二, 三, ...")).render(7),
            None
        );
    }

    /// A numbering part of these abstract numberings (`<w:abstractNum>` bodies by id) and nums
    /// (`(numId, abstractNumId, extra)`).
    fn numbering(
        abstracts: &[(&str, &str)],
        nums: &[(&str, &str, &str)],
        styles: &str,
    ) -> Numbering {
        let mut xml = format!("<w:numbering {W}>");
        for (id, body) in abstracts {
            xml += &format!(r#"<w:abstractNum w:abstractNumId="{id}">{body}</w:abstractNum>"#);
        }
        for (id, abs, extra) in nums {
            xml += &format!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{abs}"/>{extra}</w:num>"#
            );
        }
        xml += "</w:numbering>";
        let styles = format!("<w:styles {W}>{styles}</w:styles>");
        Numbering::read(Some(&xml), Some(&styles)).unwrap()
    }

    fn lvl(ilvl: usize, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
        )
    }

    fn at(num: &str, ilvl: usize) -> ParaNum {
        ParaNum {
            num_id: Some(num.into()),
            ilvl: Some(ilvl),
            style: None,
        }
    }

    /// Labels of paragraphs in order.
    fn labels(n: &mut Numbering, paras: &[ParaNum]) -> Vec<Option<String>> {
        paras.iter().map(|p| n.label(p)).collect()
    }

    fn some(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| Some(s.to_string())).collect()
    }

    #[test]
    fn deeper_levels_start_again_when_a_shallower_one_advances() {
        let two = lvl(0, "chineseCounting", "%1、", r#"<w:suff w:val="nothing"/>"#)
            + &lvl(
                1,
                "chineseCounting",
                "（%2）",
                r#"<w:suff w:val="nothing"/>"#,
            )
            + &lvl(2, "decimal", "%1.%2.%3", "");
        let mut n = numbering(&[("1", &two)], &[("5", "1", "")], "");
        let got = labels(
            &mut n,
            &[
                at("5", 0),
                at("5", 1),
                at("5", 1),
                at("5", 0),
                at("5", 1),
                at("5", 2),
            ],
        );
        // Each `%N` in the level's own format (without `w:isLgl`).
        assert_eq!(
            got,
            some(&["一、", "（一）", "（二）", "二、", "（一）", "二.一.1 "])
        );
    }

    #[test]
    fn a_level_past_ten_counts_in_chinese_as_word_does() {
        let one = lvl(0, "chineseCounting", "%1、", r#"<w:suff w:val="nothing"/>"#);
        let mut n = numbering(&[("1", &one)], &[("1", "1", "")], "");
        let got = labels(&mut n, &vec![at("1", 0); 21]);
        assert_eq!(got[9].as_deref(), Some("十、"));
        assert_eq!(got[10].as_deref(), Some("十一、"));
        assert_eq!(got[19].as_deref(), Some("二十、"));
        assert_eq!(got[20].as_deref(), Some("二十一、"));
    }

    #[test]
    fn lvl_restart_zero_keeps_counting_over_shallower_levels() {
        let two = lvl(0, "decimal", "%1.", "")
            + &lvl(1, "decimal", "(%2)", r#"<w:lvlRestart w:val="0"/>"#);
        let mut n = numbering(&[("1", &two)], &[("1", "1", "")], "");
        let got = labels(&mut n, &[at("1", 0), at("1", 1), at("1", 0), at("1", 1)]);
        assert_eq!(got, some(&["1. ", "(1) ", "2. ", "(2) "]));
    }

    #[test]
    fn nums_of_one_abstract_share_counters_and_a_start_override_restarts() {
        let one = lvl(0, "decimal", "%1.", r#"<w:suff w:val="nothing"/>"#);
        let mut n = numbering(
            &[("1", &one)],
            &[
                ("1", "1", ""),
                ("2", "1", ""),
                (
                    "3",
                    "1",
                    r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#,
                ),
            ],
            "",
        );
        let got = labels(
            &mut n,
            &[at("1", 0), at("2", 0), at("3", 0), at("3", 0), at("1", 0)],
        );
        assert_eq!(got, some(&["1.", "2.", "1.", "2.", "3."]));
    }

    #[test]
    fn is_lgl_writes_every_level_in_decimal() {
        let two = lvl(0, "chineseCounting", "%1、", "")
            + &lvl(
                1,
                "decimal",
                "%1.%2",
                r#"<w:isLgl/><w:suff w:val="space"/>"#,
            );
        let mut n = numbering(&[("1", &two)], &[("1", "1", "")], "");
        let got = labels(&mut n, &[at("1", 0), at("1", 0), at("1", 1)]);
        assert_eq!(got, some(&["一、 ", "二、 ", "2.1 "]));
    }

    #[test]
    fn numbering_comes_from_the_paragraph_style_and_its_base() {
        let two = lvl(
            0,
            "chineseCounting",
            "%1、",
            r#"<w:pStyle w:val="1"/><w:suff w:val="nothing"/>"#,
        ) + &lvl(
            1,
            "chineseCounting",
            "（%2）",
            r#"<w:pStyle w:val="2"/><w:suff w:val="nothing"/>"#,
        );
        let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="My2"><w:basedOn w:val="2"/></w:style>"#;
        let mut n = numbering(&[("3", &two)], &[("7", "3", "")], styles);
        let style = |s: &str| ParaNum {
            style: Some(s.into()),
            ..ParaNum::default()
        };
        let off = ParaNum {
            num_id: Some("0".into()),
            style: Some("1".into()),
            ilvl: None,
        };
        let got = labels(
            &mut n,
            &[
                style("1"),
                style("My2"),
                style("2"),
                off,
                style("a"),
                style("1"),
                style("2"),
            ],
        );
        let want = [
            Some("一、"),
            Some("（一）"),
            Some("（二）"),
            None,
            None,
            Some("二、"),
            Some("（一）"),
        ];
        assert_eq!(got, want.map(|s| s.map(String::from)).to_vec());
    }

    #[test]
    fn a_num_style_link_reads_the_linked_list() {
        let linked = lvl(0, "upperLetter", "%1)", "");
        let styles = r#"<w:style w:type="numbering" w:styleId="Outline"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#;
        let mut n = numbering(
            &[
                ("1", r#"<w:numStyleLink w:val="Outline"/>"#),
                (
                    "2",
                    &(r#"<w:styleLink w:val="Outline"/>"#.to_string() + &linked),
                ),
            ],
            &[("1", "1", ""), ("2", "2", "")],
            styles,
        );
        assert_eq!(
            labels(&mut n, &[at("1", 0), at("2", 0)]),
            some(&["A) ", "B) "])
        );
    }

    #[test]
    fn what_cannot_be_rendered_for_sure_gives_no_number() {
        let levels = lvl(0, "ordinalText", "%1", "")
            + &lvl(1, "decimal", "%1.%2", "")
            + &lvl(2, "bullet", "\u{F0B7}", "")
            + &lvl(3, "decimal", "%4", r#"<w:rPr><w:vanish/></w:rPr>"#);
        let mut n = numbering(&[("1", &levels)], &[("1", "1", "")], "");
        // Level 0's format is unknown, so is level 1's `%1`; a bullet and a hidden number add
        // nothing; a num or level that does not exist neither.
        let got = labels(
            &mut n,
            &[
                at("1", 0),
                at("1", 1),
                at("1", 2),
                at("1", 3),
                at("9", 0),
                at("1", 5),
            ],
        );
        assert_eq!(got, vec![None; 6]);
        // A `%N` whose level never had a paragraph yet.
        let two = lvl(0, "decimal", "%1.", "") + &lvl(1, "decimal", "%1.%2", "");
        let mut n = numbering(&[("1", &two)], &[("1", "1", "")], "");
        assert_eq!(
            labels(&mut n, &[at("1", 1), at("1", 0), at("1", 1)]),
            vec![None, Some("1. ".into()), Some("1.1 ".into())]
        );
    }

    #[test]
    fn word_2010_custom_formats_win_over_their_fallback() {
        let body = r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="m"><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl>"#;
        let mut n = numbering(&[("1", body)], &[("1", "1", "")], "");
        assert_eq!(labels(&mut n, &[at("1", 0)]), some(&["001"]));
    }

    #[test]
    fn a_doctype_in_the_numbering_or_styles_part_is_refused() {
        let bad = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><w:numbering/>"#;
        assert_eq!(
            Numbering::read(Some(bad), None).unwrap_err(),
            ContainerError::Doctype
        );
        assert_eq!(
            Numbering::read(None, Some(bad)).unwrap_err(),
            ContainerError::Doctype
        );
    }
}
