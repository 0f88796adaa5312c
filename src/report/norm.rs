//! A matching key for report text: full-width forms folded (NFKC), blanks and punctuation
//! dropped (brackets kept), simple traditional characters mapped to simplified ones, 和 folded
//! into 及. Each key character remembers the byte range of the original character it came from,
//! so a match in the key is a span in the report.

use unicode_normalization::UnicodeNormalization;

pub struct KeyText {
    pub chars: Vec<char>,
    /// Byte range in the original text of each key character.
    pub pos: Vec<(usize, usize)>,
}

const TRAD: &str = "開开資资訊讯報报項项數数規规範范許许處处罰罚強强製制發发廢废現现總总計计請请結结轉转辦办國国機机關关與与權权內内務务類类過过執执檔档詢询確确認认補补複复復复議议訴诉訟讼維维糾纠審审經经體体況况單单費费額额萬万業业構构會会組组織织學学為为條条獲获據据問问題题進进應应實实際际購购採采對对屬属險险穩稳護护訪访舉举無无當当繳缴納纳區区縣县門门戶户網网監监臺台設设歸归決决減减錄录檢检編编鎮镇鄉乡長长華华義义這这僅仅隻只證证讀读動动傳传責责員员將将說说繼继續续於于並并個个來来後后們们時时間间見见處处號号態态務务";

/// The bits of the ideographs (from U+4E00) that have a simplified form, and the pairs sorted.
type TradMap = (Vec<u64>, Vec<(char, char)>);

fn trad(c: char) -> char {
    // Every traditional form mapped here is a CJK ideograph: nothing else needs a look-up. A
    // sorted table searched by halves: this runs once per character of every report, and a
    // hashed map cost a fifth of reading a large report.
    if !('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    trad_ideograph(trad_map(), c)
}

/// `trad` of a common ideograph, with the map at hand (a caller that folds every character of
/// a report fetches it once).
#[inline(always)]
fn trad_ideograph((bits, map): &TradMap, c: char) -> char {
    let i = c as usize - 0x4E00;
    if bits.get(i / 64).is_none_or(|w| w & (1 << (i % 64)) == 0) {
        return c;
    }
    match map.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => map[i].1,
        Err(_) => c,
    }
}

/// The traditional forms: with a bitmap of the ideographs that have an entry, most characters
/// are answered by one bit, without the search.
fn trad_map() -> &'static TradMap {
    static MAP: std::sync::OnceLock<TradMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let chars: Vec<char> = TRAD.chars().collect();
        let mut pairs: Vec<(char, char)> = chars
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| (p[0], p[1]))
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        let mut bits = vec![0u64; (0x9FFF - 0x4E00) / 64 + 1];
        for &(t, _) in &pairs {
            if let Some(i) = (t as usize).checked_sub(0x4E00) {
                if let Some(w) = bits.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
        }
        (bits, pairs)
    })
}

/// A simple traditional character as its simplified form (`開` → `开`); others unchanged.
pub fn simplified(c: char) -> char {
    trad(c)
}

/// Every character [`simplified`] changes (each a common ideograph), perhaps with others: for a
/// caller that tells most characters apart from them by one bit.
pub fn traditional_forms() -> impl Iterator<Item = char> {
    TRAD.chars().step_by(2)
}

/// Fold one character into zero or more key characters.
pub fn fold(c: char, out: &mut Vec<char>) {
    fold_fast(c, out)
}

/// The key without folding 和 into 及: tells an accepted variant wording from the official one.
pub fn strict_key(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in s.chars() {
        fold_with(c, &mut out, false);
    }
    out
}

/// The folded form of each character of the Basic Multilingual Plane that is neither ASCII nor
/// a common ideograph (full-width forms, CJK punctuation, quotes, dashes), filled in as met:
/// `UNKNOWN` until then, `DROPPED` for a character that folds to nothing, `SEVERAL` for one that
/// folds to several (asked of the memo in `fold_with`), else the one character it folds to, plus
/// `SHIFT`. Reports repeat a few dozen such characters thousands of times; one load answers them.
static FOLDED: [std::sync::atomic::AtomicU32; 0x10000] =
    [const { std::sync::atomic::AtomicU32::new(UNKNOWN) }; 0x10000];
const UNKNOWN: u32 = 0;
const DROPPED: u32 = 1;
const SEVERAL: u32 = 2;
const SHIFT: u32 = 3;

/// `fold(c, out)` for a character of the Basic Multilingual Plane, through [`FOLDED`].
fn fold_bmp(c: char, out: &mut Vec<char>) {
    use std::sync::atomic::Ordering::Relaxed;
    let slot = &FOLDED[c as usize & 0xFFFF];
    let mut v = slot.load(Relaxed);
    if v == UNKNOWN {
        let mut buf = Vec::new();
        fold_with(c, &mut buf, true);
        v = match buf.as_slice() {
            [] => DROPPED,
            [one] => *one as u32 + SHIFT,
            _ => SEVERAL,
        };
        slot.store(v, Relaxed);
    }
    match v {
        DROPPED => {}
        SEVERAL => fold_with(c, out, true),
        _ => out.extend(char::from_u32(v - SHIFT)),
    }
}

/// The key characters of one character of report text (`fold`), on its fast paths.
#[inline]
fn fold_fast(c: char, out: &mut Vec<char>) {
    match common_key(c, true) {
        Common::Key(k) => out.push(k),
        Common::Dropped => {}
        Common::Other if (c as u32) < 0x10000 => fold_bmp(c, out),
        Common::Other => fold_with(c, out, true),
    }
}

/// The key of an ASCII character or a common ideograph (U+4E00–U+9FFF), the characters almost
/// every report is made of: one key character or none each, with no compatibility folding.
enum Common {
    Key(char),
    /// A blank or punctuation: no key character.
    Dropped,
    /// Neither ASCII nor a common ideograph: the general fold.
    Other,
}

#[inline(always)]
fn common_key(c: char, fold_and: bool) -> Common {
    if c.is_ascii() {
        match ASCII_KEY[c as usize] {
            ASCII_DROPPED => Common::Dropped,
            k => Common::Key(k as char),
        }
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        Common::Key(match trad(c) {
            '和' if fold_and => '及',
            k => k,
        })
    } else {
        Common::Other
    }
}

fn fold_with(c: char, out: &mut Vec<char>, fold_and: bool) {
    // Most characters need no compatibility folding: plain ASCII and the common ideographs.
    if c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        fold_one(c, out, fold_and);
        return;
    }
    // The NFKC form of one character, remembered: reports repeat the same few punctuation
    // marks and full-width forms thousands of times.
    thread_local! {
        static NFKC: std::cell::RefCell<rustc_hash::FxHashMap<char, Vec<char>>> =
            Default::default();
    }
    NFKC.with(|m| {
        let mut m = m.borrow_mut();
        for &k in m.entry(c).or_insert_with(|| c.nfkc().collect()).iter() {
            fold_one(k, out, fold_and);
        }
    });
}

/// The key character of each ASCII character (brackets as parentheses, capitals as small
/// letters), or [`ASCII_DROPPED`] for a blank or punctuation: `fold_one`'s ASCII case, one load.
const ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let k = match i as u8 {
            b'[' => b'(',
            b']' => b')',
            c => c.to_ascii_lowercase(),
        };
        // `char::is_whitespace` of ASCII: tab, line feed, vertical tab, form feed, carriage
        // return and space.
        let blank = matches!(k, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        t[i] = if k == b'(' || k == b')' || !(blank || k.is_ascii_punctuation()) {
            k
        } else {
            ASCII_DROPPED
        };
        i += 1;
    }
    t
};
const ASCII_DROPPED: u8 = 0x80;

fn fold_one(k: char, out: &mut Vec<char>, fold_and: bool) {
    // Fast paths with the same result as the general case below: ASCII, and the common
    // ideographs (none of which is a blank or punctuation).
    match common_key(k, fold_and) {
        Common::Key(c) => return out.push(c),
        Common::Dropped => return,
        Common::Other => {}
    }
    let k = match trad(k) {
        '和' if fold_and => '及',
        '〔' | '【' | '[' | '［' => '(',
        '〕' | '】' | ']' | '］' => ')',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    };
    if k == '(' || k == ')' || !(k.is_whitespace() || is_punct(k)) {
        out.push(k);
    }
}

pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '、' | '。'
                | '，'
                | '；'
                | '：'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '「'
                | '」'
                | '『'
                | '』'
                | '—'
                | '…'
                | '·'
                | '！'
                | '？'
                | '～'
                | '－'
                | '–'
                | '―'
                | '•'
                | '　'
                | '\u{feff}'
                | '\u{200b}'
        )
}

/// The key of a label written in a rule file.
pub fn key(s: &str) -> Vec<char> {
    // At most one key character per byte, but for a few rare characters (`㈱`).
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        fold(c, &mut out);
    }
    out
}

pub fn key_string(s: &str) -> String {
    key(s).into_iter().collect()
}

impl KeyText {
    pub fn new(text: &str) -> KeyText {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut pos = Vec::with_capacity(text.len() / 2);
        let map = trad_map();
        for (i, c) in text.char_indices() {
            // `fold_fast`, its common cases (`common_key`: one key character or none) taken
            // here, where every character of a report goes, with the map of traditional forms
            // fetched once.
            if c.is_ascii() {
                let k = ASCII_KEY[c as usize];
                if k != ASCII_DROPPED {
                    chars.push(k as char);
                    pos.push((i, i + 1));
                }
                continue;
            }
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                chars.push(match trad_ideograph(map, c) {
                    '和' => '及',
                    k => k,
                });
                // A common ideograph is three bytes.
                pos.push((i, i + 3));
                continue;
            }
            match common_key(c, true) {
                Common::Key(k) => {
                    chars.push(k);
                    pos.push((i, i + c.len_utf8()));
                }
                Common::Dropped => {}
                Common::Other => {
                    let before = chars.len();
                    fold_fast(c, &mut chars);
                    for _ in before..chars.len() {
                        pos.push((i, i + c.len_utf8()));
                    }
                }
            }
        }
        KeyText { chars, pos }
    }

    /// The key of `new_text`, made from the key of `old_text` by folding only what differs
    /// between the two (the characters between their common start and their common end).
    /// Folding works character by character, so the result is exactly `KeyText::new(new_text)`
    /// (a test holds it to that), in time proportional to the change plus one pass to shift
    /// the positions after it.
    pub fn update(self, old_text: &str, new_text: &str) -> KeyText {
        let (o, n) = (old_text.as_bytes(), new_text.as_bytes());
        let mut prefix = o.iter().zip(n).take_while(|(a, b)| a == b).count();
        while !new_text.is_char_boundary(prefix) || !old_text.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = o.len().min(n.len()) - prefix;
        let mut suffix = o
            .iter()
            .rev()
            .zip(n.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !new_text.is_char_boundary(n.len() - suffix)
            || !old_text.is_char_boundary(o.len() - suffix)
        {
            suffix -= 1;
        }
        let (old_end, new_end) = (o.len() - suffix, n.len() - suffix);
        let kp = self.at_byte(prefix);
        let ks = self.at_byte(old_end);
        let mut chars = Vec::with_capacity(self.chars.len() + (new_end - prefix));
        let mut pos = Vec::with_capacity(self.chars.len() + (new_end - prefix));
        chars.extend_from_slice(&self.chars[..kp]);
        pos.extend_from_slice(&self.pos[..kp]);
        let mut buf = Vec::new();
        for (i, c) in new_text[prefix..new_end].char_indices() {
            buf.clear();
            fold(c, &mut buf);
            for &k in &buf {
                chars.push(k);
                pos.push((prefix + i, prefix + i + c.len_utf8()));
            }
        }
        chars.extend_from_slice(&self.chars[ks..]);
        pos.extend(
            self.pos[ks..]
                .iter()
                .map(|&(a, b)| (a - old_end + new_end, b - old_end + new_end)),
        );
        KeyText { chars, pos }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// First key index whose original byte offset is at or after `byte`.
    pub fn at_byte(&self, byte: usize) -> usize {
        self.pos.partition_point(|p| p.0 < byte)
    }

    /// Byte range of key characters `a..b` (b exclusive, b > a).
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        (self.pos[a].0, self.pos[b - 1].1)
    }

    /// First occurrence of `pat` in key characters `from..to`.
    pub fn find(&self, pat: &[char], from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.chars.len());
        if from >= to {
            return None;
        }
        find_in(&self.chars[from..to], pat).map(|i| from + i)
    }

    /// Every occurrence of `pat` in `from..to`.
    pub fn find_all(&self, pat: &[char], from: usize, to: usize) -> Vec<usize> {
        self.find_iter(pat, from, to).collect()
    }

    /// Every occurrence of `pat` in `from..to`, each searched for only when asked for (a caller
    /// that wants the first few does not scan to `to`).
    pub fn find_iter<'a>(
        &'a self,
        pat: &'a [char],
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let mut at = from;
        std::iter::from_fn(move || {
            let i = self.find(pat, at, to)?;
            at = i + 1;
            Some(i)
        })
    }
}

/// Where a set of labels can start in a report's key (their first two characters, or the one
/// of a one-character label), noted in one pass, so that looking for many labels compares each
/// only where it can start (not by a scan of the whole report per label).
pub struct Starts {
    pairs: rustc_hash::FxHashMap<(char, char), Vec<usize>>,
    singles: rustc_hash::FxHashMap<char, Vec<usize>>,
}

impl Starts {
    pub fn new<'a>(key: &KeyText, labels: impl IntoIterator<Item = &'a [char]>) -> Starts {
        let mut starts = Starts {
            pairs: Default::default(),
            singles: Default::default(),
        };
        // The characters a label starts with, one bit each (those of the Basic Multilingual
        // Plane; `wide` when a label starts past it): most key characters start none, and are
        // passed by one bit, without the two hashed look-ups.
        let mut first = vec![0u64; 0x10000 / 64];
        let mut wide = false;
        for k in labels {
            match *k {
                [] => continue,
                [c] => {
                    starts.singles.insert(c, Vec::new());
                }
                [a, b, ..] => {
                    starts.pairs.insert((a, b), Vec::new());
                }
            }
            let c = k[0] as usize;
            if c < 0x10000 {
                first[c / 64] |= 1 << (c % 64);
            } else {
                wide = true;
            }
        }
        for (i, &c) in key.chars.iter().enumerate() {
            let ci = c as usize;
            if ci < 0x10000 {
                if first[ci / 64] & (1 << (ci % 64)) == 0 {
                    continue;
                }
            } else if !wide {
                continue;
            }
            if let Some(v) = starts.singles.get_mut(&c) {
                v.push(i);
            }
            if let Some(&next) = key.chars.get(i + 1) {
                if let Some(v) = starts.pairs.get_mut(&(c, next)) {
                    v.push(i);
                }
            }
        }
        starts
    }

    /// Every occurrence of `pat` in `key` from `from` on, in order, as [`KeyText::find_all`]
    /// finds them; none when `pat` is empty or was not among the labels noted.
    pub fn find_from<'s>(
        &'s self,
        key: &'s KeyText,
        pat: &'s [char],
        from: usize,
    ) -> impl Iterator<Item = usize> + 's {
        let at = match *pat {
            [] => None,
            [c] => self.singles.get(&c),
            [a, b, ..] => self.pairs.get(&(a, b)),
        };
        let at: &[usize] = at.map_or(&[], |v| v.as_slice());
        let begin = at.partition_point(|&i| i < from);
        at[begin..]
            .iter()
            .copied()
            .filter(move |&i| key.find(pat, i, i + pat.len()) == Some(i))
    }
}

/// Whether `pat` occurs in `hay` (an empty `pat` never does).
pub fn contains(hay: &[char], pat: &[char]) -> bool {
    find_in(hay, pat).is_some()
}

/// First occurrence of `pat` in `hay` (an empty `pat` has none). Only the windows that start
/// with `pat`'s first character ([`position`], eight at a time) are compared.
fn find_in(hay: &[char], pat: &[char]) -> Option<usize> {
    let (&first, _) = pat.split_first()?;
    let last = hay.len().checked_sub(pat.len())?;
    let mut i = 0;
    while i <= last {
        i += position(&hay[i..=last], first)?;
        if hay[i..i + pat.len()] == *pat {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where `c` first stands in `hay`: sixteen characters at a time, compared without a branch each
/// (which the compiler turns into vector instructions), then one by one in the sixteen that hold it.
pub fn position(hay: &[char], c: char) -> Option<usize> {
    let mut chunks = hay.chunks_exact(16);
    let mut at = 0;
    for chunk in &mut chunks {
        // Four lanes of four, as the vector registers hold them: compared, packed and tested in
        // about a dozen instructions (one `fold` over the sixteen took half again as many).
        let mut lanes = [false; 4];
        for (k, &x) in chunk.iter().enumerate() {
            lanes[k % 4] |= x == c;
        }
        if lanes != [false; 4] {
            return chunk.iter().position(|&x| x == c).map(|k| at + k);
        }
        at += 16;
    }
    chunks
        .remainder()
        .iter()
        .position(|&x| x == c)
        .map(|k| at + k)
}

/// Similarity of two keys: 2·LCS / (|a| + |b|), in 0..=1.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut lcs = 0;
    lcs_of_prefixes(a, b, |_, l| lcs = l);
    2.0 * lcs as f64 / (a.len() + b.len()) as f64
}

/// The LCS of each prefix of `a` (1, 2, … characters long) with `b`: `each(m, lcs)`, from one
/// table of two rows swapped after each character of `a`.
fn lcs_of_prefixes(a: &[char], b: &[char], mut each: impl FnMut(usize, usize)) {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for (m, &x) in a.iter().enumerate() {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
        each(m + 1, prev[b.len()]);
    }
}

/// `similarity(&a[..m], b)` for every `m` in `0..=a.len()`, from one table: the LCS of each
/// prefix of `a` with `b` is the last cell of the table's row for that prefix.
pub fn prefix_similarities(a: &[char], b: &[char]) -> Vec<f64> {
    let mut out = Vec::with_capacity(a.len() + 1);
    out.push(0.0);
    if b.is_empty() {
        out.resize(a.len() + 1, 0.0);
        return out;
    }
    lcs_of_prefixes(a, b, |m, lcs| {
        out.push(2.0 * lcs as f64 / (m + b.len()) as f64)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_find_what_a_scan_of_the_key_finds() {
        let text = "一、总体情况（一）主动公开 总体情况；主动公开。总体";
        let kt = KeyText::new(text);
        let labels = [
            key("总体情况"),
            key("主动公开"),
            key("总体"),
            key("况"),
            vec![],
        ];
        let starts = Starts::new(&kt, labels.iter().map(|k| k.as_slice()));
        for k in &labels {
            for from in 0..=kt.len() {
                let found: Vec<usize> = starts.find_from(&kt, k, from).collect();
                assert_eq!(found, kt.find_all(k, from, kt.len()), "{k:?} from {from}");
            }
        }
        // A label not noted is found nowhere, even where it stands.
        assert_eq!(starts.find_from(&kt, &key("情况"), 0).count(), 0);
        assert_eq!(starts.find_from(&kt, &key("总"), 0).count(), 0);
    }

    #[test]
    fn contains_finds_a_key_anywhere_and_an_empty_key_nowhere() {
        let hay = key("2023年政府信息公开工作年度报告");
        assert!(contains(&hay, &key("年度报告")));
        assert!(contains(&hay, &key("2023年")));
        assert!(contains(&hay, &hay));
        assert!(!contains(&hay, &key("年报")));
        assert!(!contains(&key("年度"), &key("年度报告")));
        assert!(!contains(&hay, &[]));
    }

    #[test]
    fn keys_fold_width_brackets_spaces_and_traditional_forms() {
        assert_eq!(key_string("（七） 总 计"), key_string("(七)总计"));
        assert_eq!(key_string("結果 維持"), key_string("结果维持"));
        assert_eq!(
            key_string("存在的主要问题和改进情况"),
            key_string("存在的主要问题及改进情况")
        );
        assert_eq!(key_string("１．属于国家秘密"), key_string("1.属于国家秘密"));
    }

    #[test]
    fn an_updated_key_is_the_key_of_the_new_text() {
        let base = "一、本年新收（七）總計\t13\r\n  第二行 ＡＢ和ｃ１２\n第三行\t0";
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let pieces = ["", "0", "12", "總", "（", "\n", " ", "和", "ｃ", "𐐀", "abc"];
        let mut old = base.to_string();
        let mut key = KeyText::new(&old);
        for _ in 0..500 {
            let bounds: Vec<usize> = (0..=old.len())
                .filter(|&i| old.is_char_boundary(i))
                .collect();
            let a = bounds[next(bounds.len())];
            let b = bounds[next(bounds.len())];
            let (a, b) = (a.min(b), a.max(b));
            let mut new = old.clone();
            new.replace_range(a..b, pieces[next(pieces.len())]);
            key = key.update(&old, &new);
            let fresh = KeyText::new(&new);
            assert_eq!(key.chars, fresh.chars, "{new:?}");
            assert_eq!(key.pos, fresh.pos, "{new:?}");
            old = new;
        }
    }

    #[test]
    fn the_remembered_fold_of_a_character_is_its_fold() {
        // Every character of the Basic Multilingual Plane, twice (computed, then remembered),
        // against the general case.
        for pass in 0..2 {
            for c in (0..0x10000u32).filter_map(char::from_u32) {
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                fold(c, &mut fast);
                fold_with(c, &mut slow, true);
                assert_eq!(fast, slow, "{c:?} (pass {pass})");
            }
        }
    }

    #[test]
    fn a_character_is_found_where_it_first_stands_in_any_length_of_text() {
        let text: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉".chars().collect();
        for n in 0..=text.len() {
            for (k, &c) in text[..n].iter().enumerate() {
                assert_eq!(position(&text[..n], c), Some(k));
            }
            assert_eq!(position(&text[..n], '亥'), None);
        }
        let k = KeyText::new("表一表二表二");
        assert_eq!(k.find(&key("表二"), 0, k.len()), Some(2));
        assert_eq!(k.find(&key("表二"), 3, k.len()), Some(4));
        assert_eq!(k.find(&key("表二"), 5, k.len()), None);
    }

    #[test]
    fn the_key_of_a_text_is_its_characters_folded_one_by_one() {
        let mut text: String = (0..0x80u8).map(char::from).collect();
        text.push_str("一、總計和（七）ＡＢｃ１２\u{3000}開\u{2F00}𐐀ﬁ和及");
        let k = KeyText::new(&text);
        let (mut chars, mut pos) = (Vec::new(), Vec::new());
        for (i, c) in text.char_indices() {
            let before = chars.len();
            if c.is_ascii() {
                // The ASCII case as it was written before its table.
                let k = match c {
                    '[' => '(',
                    ']' => ')',
                    c => c.to_ascii_lowercase(),
                };
                if k == '(' || k == ')' || !(k.is_whitespace() || k.is_ascii_punctuation()) {
                    chars.push(k);
                }
            } else {
                fold_with(c, &mut chars, true);
            }
            pos.extend((before..chars.len()).map(|_| (i, i + c.len_utf8())));
        }
        assert_eq!(k.chars, chars);
        assert_eq!(k.pos, pos);
    }

    #[test]
    fn prefix_similarities_are_the_similarities_of_the_prefixes() {
        let a = key("2019年政府信息公开工作的总体情况和主要问题");
        for b in [
            key("总体情况"),
            key("政府信息公开总体情况"),
            vec![],
            key("年"),
        ] {
            let sims = prefix_similarities(&a, &b);
            assert_eq!(sims.len(), a.len() + 1);
            for (m, &s) in sims.iter().enumerate() {
                assert_eq!(s.to_bits(), similarity(&a[..m], &b).to_bits(), "{m}");
            }
        }
        assert_eq!(prefix_similarities(&[], &key("年")), vec![0.0]);
    }

    #[test]
    fn key_positions_point_back_into_the_text() {
        let text = "前言（七）总计\t3";
        let k = KeyText::new(text);
        let i = k.find(&key("(七)总计"), 0, k.len()).unwrap_or(usize::MAX);
        let (a, b) = k.bytes(i, i + key("(七)总计").len());
        assert_eq!(&text[a..b], "（七）总计");
    }
}
