//! Text primitives: normalisation for matching, tokens with byte spans, light stemming,
//! stop words, and the one-pass byte → UTF-16 offset table used at the wasm boundary.
//!
//! Everything in the core works in byte offsets into the original `&str`. Only the boundary
//! (the CLI's JSON and the wasm module) converts to UTF-16 code units, with [`Utf16Map`].

pub(crate) mod source;

use crate::words;
use std::ops::Range;

/// A word of the original text: its byte span and its normalised form.
///
/// The normalised form is lower case, with diacritics folded ("é" → "e"), curly quotes made
/// straight and a possessive "'s" removed, so that two retellings of the same sentence produce
/// the same tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the word in the original text.
    pub start: usize,
    /// Byte offset one past the last byte of the word.
    pub end: usize,
    /// Normalised form used for matching.
    pub norm: String,
}

impl Token {
    /// The byte range of the token in the text it came from.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the token is made of digits (with `,` or `.` separators).
    pub fn is_numeric(&self) -> bool {
        self.norm.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && self
                .norm
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    }
}

/// Fold one character for matching: `None` when it stays as it is (after lower-casing).
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ'
        | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă'
        | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể'
        | 'ễ' | 'ệ' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'ỉ' | 'ị' | 'ĩ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī'
        | 'İ' => "i",
        'ł' | 'ľ' | 'ĺ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ'
        | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő'
        | 'Ơ' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'ŕ' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'ư' | 'ụ' | 'ủ' | 'ũ' | 'ứ' | 'ừ' | 'ử'
        | 'ữ' | 'ự' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ư' => "u",
        'ý' | 'ÿ' | 'ỳ' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// True for combining marks (accents written as separate code points), which matching drops.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Append the matching form of `c` to `out`: folded, lower-cased, combining marks dropped.
fn push_folded(out: &mut String, c: char) {
    if is_combining(c) {
        return;
    }
    if let Some(f) = fold_char(c) {
        out.push_str(f);
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Normalise a whole text for matching: lower case, diacritics folded, curly quotes and dashes
/// made plain, every run of white space (including CRLF and no-break spaces) folded to one space,
/// and no space at either end.
///
/// ```
/// assert_eq!(corroborate::normalize("  Hé said “Hanoi” —\r\n twice "), "he said \"hanoi\" - twice");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        push_folded(&mut out, c);
    }
    out
}

/// True for characters that can be part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Split `text` into word tokens with byte spans.
///
/// A token is a run of letters and digits. It continues across an apostrophe between letters
/// ("don't", "Giang's"), across `.` or `,` between digits ("3.5", "1,000"), and across the dots
/// of an initialism ("U.S."). Hyphens and dashes split words, so "war-legacy" and "war legacy"
/// give the same tokens.
///
/// ```
/// let t = corroborate::tokenize("U.S. troops seized 1,200 Su-35s, Hegseth’s aides said.");
/// let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
/// assert_eq!(norms, ["u.s", "troops", "seized", "1200", "su", "35s", "hegseth", "aides", "said"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        // Single letters joined by dots form an initialism: U.S., a.m.
        let mut initialism = c.is_alphabetic();
        let mut run_len = 1;
        while let Some(&(i, d)) = chars.peek() {
            if is_word_char(d) {
                chars.next();
                end = i + d.len_utf8();
                prev = d;
                run_len += 1;
                continue;
            }
            // Look one character past the separator.
            let rest = &text[i + d.len_utf8()..];
            let next = rest.chars().next();
            let joins = match (d, next) {
                (_, None) => false,
                (sep, Some(n)) if is_apostrophe(sep) => prev.is_alphabetic() && n.is_alphabetic(),
                ('.', Some(n)) if prev.is_ascii_digit() && n.is_ascii_digit() => true,
                (',', Some(n)) if prev.is_ascii_digit() && n.is_ascii_digit() => {
                    rest.len() >= 3
                        && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                        && rest.as_bytes().get(3).is_none_or(|b| !b.is_ascii_digit())
                }
                ('.', Some(n)) => {
                    initialism && run_len == 1 && n.is_alphabetic() && {
                        // the next run must be a single letter too ("U.S", not "U.Senate")
                        let mut it = rest.chars();
                        it.next();
                        it.next().is_none_or(|m| !is_word_char(m))
                    }
                }
                _ => false,
            };
            if !joins {
                break;
            }
            if d != '.' {
                initialism = false;
            }
            chars.next();
            if let Some(&(j, n)) = chars.peek() {
                chars.next();
                end = j + n.len_utf8();
                prev = n;
                run_len = 1;
            }
        }
        let raw = &text[start..end];
        let mut norm = String::with_capacity(raw.len());
        for ch in raw.chars() {
            if ch == ',' {
                continue;
            }
            push_folded(&mut norm, ch);
        }
        if let Some(stripped) = norm.strip_suffix("'s") {
            norm.truncate(stripped.len());
        }
        tokens.push(Token { start, end, norm });
    }
    tokens
}

/// A light, rule-based stem of a normalised token: enough to match "seized"/"seize",
/// "talks"/"talk", "visiting"/"visit", "agencies"/"agency". Numbers, short words and non-ASCII
/// words are returned as they are.
///
/// ```
/// assert_eq!(corroborate::stem("seized"), "seiz");
/// assert_eq!(corroborate::stem("seize"), "seiz");
/// assert_eq!(corroborate::stem("talks"), "talk");
/// assert_eq!(corroborate::stem("agencies"), "agency");
/// ```
pub fn stem(w: &str) -> String {
    if w.len() <= 3 || !w.is_ascii() || w.as_bytes()[0].is_ascii_digit() {
        return w.to_string();
    }
    for suffix in ["ies", "ied"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.len() >= 3 {
                return format!("{base}y");
            }
        }
    }
    let mut s = w;
    for (suffix, min) in [
        ("ations", 4),
        ("ation", 4),
        ("ings", 4),
        ("ing", 4),
        ("edly", 4),
        ("ed", 3),
        ("ly", 4),
        ("s", 3),
    ] {
        if let Some(base) = s.strip_suffix(suffix) {
            let keeps_s = suffix == "s"
                && (base.ends_with('s') || base.ends_with('u') || base.ends_with('i'));
            if base.len() >= min && !keeps_s {
                s = base;
                break;
            }
        }
    }
    if let Some(base) = s.strip_suffix('e') {
        if base.len() >= 3 {
            s = base;
        }
    }
    s.to_string()
}

/// Very common English words that carry no content for retrieval.
pub fn is_stopword(norm: &str) -> bool {
    words::contains(words::STOPWORDS, norm)
}

/// Byte offset → UTF-16 offset table, built in one pass over the text.
///
/// The DOM counts in UTF-16 code units; Rust in bytes. The table holds, for every byte offset
/// that starts a character (and the end of the text), the UTF-16 offset of that position.
///
/// ```
/// let text = "a😀é\r\n中";
/// let map = corroborate::Utf16Map::new(text);
/// assert_eq!(map.utf16(0), Some(0));
/// assert_eq!(map.utf16(1), Some(1)); // after "a"
/// assert_eq!(map.utf16(5), Some(3)); // after the emoji (two code units)
/// assert_eq!(map.utf16(text.len()), Some(text.encode_utf16().count()));
/// assert_eq!(map.utf16(2), None);    // inside the emoji
/// ```
#[derive(Clone, Debug)]
pub struct Utf16Map {
    /// `units[b]` is the UTF-16 offset of byte `b`, or `u32::MAX` inside a character.
    units: Vec<u32>,
}

impl Utf16Map {
    /// Build the table for `text` in one pass.
    pub fn new(text: &str) -> Utf16Map {
        let mut units = vec![u32::MAX; text.len() + 1];
        let mut u: u32 = 0;
        for (b, c) in text.char_indices() {
            units[b] = u;
            u += c.len_utf16() as u32;
        }
        units[text.len()] = u;
        Utf16Map { units }
    }

    /// The UTF-16 offset of byte offset `byte`, or `None` when it is not on a character boundary
    /// or past the end.
    pub fn utf16(&self, byte: usize) -> Option<usize> {
        match self.units.get(byte) {
            Some(&u) if u != u32::MAX => Some(u as usize),
            _ => None,
        }
    }

    /// Convert a byte range; `None` when either end is not a character boundary.
    pub fn range(&self, r: Range<usize>) -> Option<Range<usize>> {
        Some(self.utf16(r.start)?..self.utf16(r.end)?)
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.units.last().map_or(0, |&u| u as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn tokenize_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Hello, world", &["hello", "world"]),
            ("U.S. Defense Secretary", &["u.s", "defense", "secretary"]),
            ("at 9 a.m. on Monday", &["at", "9", "a.m", "on", "monday"]),
            (
                "3.5 million and 1,000 people",
                &["3.5", "million", "and", "1000", "people"],
            ),
            ("in 2016, 40 jets", &["in", "2016", "40", "jets"]),
            ("don’t stop", &["don't", "stop"]),
            ("Hegseth's visit", &["hegseth", "visit"]),
            ("war-legacy issues", &["war", "legacy", "issues"]),
            ("Phan Văn Giang", &["phan", "van", "giang"]),
            ("Zoe\u{0301} left", &["zoe", "left"]),
            ("東京 and 😀 fun", &["東京", "and", "fun"]),
            ("line one\r\nline two", &["line", "one", "line", "two"]),
            ("end.", &["end"]),
            ("U.S.-Vietnam ties", &["u.s", "vietnam", "ties"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(norms(text), *want, "tokenizing {text:?}");
        }
    }

    #[test]
    fn token_spans_slice_the_original() {
        let text = "Zoe\u{0301} 😀 said “no” in Hà Nội\r\n";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!text[t.span()].trim().is_empty());
        }
    }

    #[test]
    fn normalize_table() {
        let cases = [
            ("Defense  Secretary", "defense secretary"),
            ("“quoted”", "\"quoted\""),
            ("a — b", "a - b"),
            ("Crème brûlée", "creme brulee"),
            ("x\r\n\r\ny", "x y"),
            ("\u{00A0}lead", "lead"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "normalising {input:?}");
        }
    }

    #[test]
    fn stem_table() {
        let cases = [
            ("seized", "seiz"),
            ("seize", "seiz"),
            ("seizes", "seiz"),
            ("visiting", "visit"),
            ("visited", "visit"),
            ("visits", "visit"),
            ("talks", "talk"),
            ("bus", "bus"),
            ("news", "new"),
            ("process", "process"),
            ("2016", "2016"),
            ("agencies", "agency"),
            ("relics", "relic"),
            ("bases", "bas"),
            ("base", "bas"),
        ];
        for (w, want) in cases {
            assert_eq!(stem(w), want, "stemming {w:?}");
        }
    }

    #[test]
    fn utf16_map_matches_encode_utf16() {
        let text = "e\u{0301}😀中文\r\n\u{1F468}\u{200D}\u{1F469}x";
        let map = Utf16Map::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(map.utf16(b), Some(text[..b].encode_utf16().count()));
        }
        assert_eq!(map.len_utf16(), text.encode_utf16().count());
        assert_eq!(map.utf16(text.len() + 1), None);
    }
}
