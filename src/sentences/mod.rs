//! Sentence segmentation for news text.
//!
//! [`sentences`] splits a page into sentences and returns their byte ranges. It is written for
//! the text a browser extracts from a news article: one paragraph per line (or hard-wrapped
//! paragraphs), headlines and datelines on lines of their own, bullet lists, Markdown tables,
//! quotations with attributions, and the usual crowd of abbreviations.
//!
//! # How it works
//!
//! The text is read in two linear passes.
//!
//! 1. **Lines into blocks.** Lines are cut at `\n`, `\r\n`, a lone `\r`, U+2028 and U+2029.
//!    A blank line ends a block. A Markdown table row (a line starting with `|`) is a segment of
//!    its own, and a separator row such as `|---|:--:|` is dropped. A bullet or numbered item
//!    (`- `, `* `, `+ `, `• `, `– `, `1. `, `2) `) and a Markdown heading (`# `) start a new
//!    block, and the marker is *excluded* from the range. Leading blockquote markers (`> `) are
//!    skipped. A plain text line continues the previous block (the line break is *soft*) when
//!    - it starts with a lower-case letter (a paragraph hard-wrapped mid-sentence), or
//!    - the previous line ends with `,`, `;`, `(`, `&` or `/`, or with a lower-case function
//!      word (`the`, `of`, `and`, `to`, ...), or with `:` and the line opens a quotation
//!      (`Hegseth said:` / `"It is over."`), or
//!    - the previous line ends with a title abbreviation (`Mr.`, `Dr.`, `Gen.`, ...), or with
//!      a single initial (`John F.`) not followed by a common sentence starter.
//!
//!    Otherwise the line break is *hard*: headlines, datelines (`HANOI, Vietnam —`) and
//!    paragraphs without final punctuation end where their line ends.
//! 2. **Blocks into sentences.** Inside a block, a run of terminators (`.`, `!`, `?`, `…`) and
//!    the closing quotes, brackets and emphasis marks that follow it (`."`, `?”`, `.)`, `!**`)
//!    ends a sentence when it is followed by white space and the next sentence plausibly starts:
//!    - never when the next word starts with a lower-case letter (`wait... then`, `U.S.
//!      officials`, `"We will win!" she said.`);
//!    - never when the run closes a quotation and an attribution follows: up to four capitalised
//!      words and then a speech verb (`"Stop!" Defense Secretary Pete Hegseth said.`);
//!    - after `!`, `?` or an ellipsis: always (otherwise);
//!    - after `.` followed by a closing quote or bracket: always;
//!    - after `.` ending a title or Latin abbreviation (`Mr.`, `Dr.`, `Gen.`, `Sen.`, `e.g.`,
//!      `i.e.`, `vs.`, ...): never;
//!    - after `No.`, `Fig.`, `Vol.`, `pp.`, `Art.`: unless a number follows;
//!    - after `etc.`: unless a number follows;
//!    - after an abbreviation that can also end a sentence (dotted acronyms such as `U.S.`,
//!      `U.N.`, `a.m.`, `p.m.`, `Ph.D.`; `Inc.`, `Corp.`, `Co.`, `Ltd.`, `Jr.`, `Sr.`, `St.`;
//!      months such as `Jan.`, `Sept.`) and after a single initial (`F.`): only when the next
//!      word is a common sentence starter (`He`, `She`, `It`, `They`, `The`, `This`, `But`,
//!      `In`, `A`, ...), or, for the abbreviations but not the initials, an opening quote. So
//!      "He lives in the U.S. He works" splits, while "U.S. Defense Secretary" and "John F.
//!      Kennedy" do not;
//!    - after any other word: always.
//!
//!    A full stop not followed by white space never ends a sentence, which keeps decimals
//!    (`3.5`), times (`10.30`), versions (`1.2.3`), URLs, e-mail addresses and `U.S.-Vietnam`
//!    whole. The CJK terminators `。`, `！`, `？` end a sentence even without a following space.
//!
//! Every range is trimmed of white space (including no-break and zero-width spaces and a BOM),
//! lies on char boundaries, and contains at least one letter or digit: segments made only of
//! punctuation or symbols (`***`, `—`, a lone emoji) are dropped.
//!
//! ```
//! let text = "HANOI, Vietnam —\nU.S. Defense Secretary Pete Hegseth visited Hanoi. \
//!             \"Today we will exchange artifacts,\" Hegseth said.\n- Talks went well.";
//! let got: Vec<&str> = corroborate::sentences(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(got, [
//!     "HANOI, Vietnam —",
//!     "U.S. Defense Secretary Pete Hegseth visited Hanoi.",
//!     "\"Today we will exchange artifacts,\" Hegseth said.",
//!     "Talks went well.",
//! ]);
//! ```

use crate::words;
use std::ops::Range;

/// Split `text` into sentences, as byte ranges into `text`.
///
/// The ranges are in order, do not overlap, are trimmed of surrounding white space, are never
/// empty and always lie on char boundaries. Bullet markers are excluded, Markdown table rows are
/// one segment each and table separator rows are dropped. See the [module docs](self) for the
/// rules.
///
/// ```
/// let text = "He lives in the U.S. He works for Acme Corp. in New York.\n\
///             | Area | Goal |\n|---|---|\n| Trade | Open markets |";
/// let got: Vec<&str> = corroborate::sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(got, [
///     "He lives in the U.S.",
///     "He works for Acme Corp. in New York.",
///     "| Area | Goal |",
///     "| Trade | Open markets |",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    segments(text).0
}

/// What kind of line a segment starts: the claim rules ([`claim_spans`](crate::claim_spans))
/// treat list items and headings apart from running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A sentence of running text, or a later sentence of a list item or heading.
    Text,
    /// The first sentence of a bullet or numbered item (its marker excluded).
    Item,
    /// The first sentence of a Markdown heading (`# `).
    Heading,
    /// A Markdown table row.
    Row,
}

/// [`sentences`] with the kind of each segment: `kinds[i]` is the kind of `ranges[i]`.
pub(crate) fn segments(text: &str) -> (Vec<Range<usize>>, Vec<Kind>) {
    let mut out = Out::default();
    let mut block: Option<Block> = None;
    let mut pos = 0;
    loop {
        let (line_end, next) = line_break(text, pos);
        line(text, pos..line_end, &mut block, &mut out);
        match next {
            Some(n) => pos = n,
            None => break,
        }
    }
    flush(text, &mut block, &mut out);
    (out.ranges, out.kinds)
}

/// The segments found so far, with their kinds.
#[derive(Default)]
struct Out {
    ranges: Vec<Range<usize>>,
    kinds: Vec<Kind>,
}

/// The block being built: its range and the kind of its first sentence.
struct Block {
    range: Range<usize>,
    kind: Kind,
}

/// The end of the line starting at `pos`, and the start of the next line (`None` at the end).
fn line_break(text: &str, pos: usize) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let mut i = pos;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => return (i, Some(i + 1)),
            b'\r' => {
                let skip = if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                return (i, Some(i + skip));
            }
            // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
            {
                return (i, Some(i + 3));
            }
            _ => i += 1,
        }
    }
    (bytes.len(), None)
}

/// Process one line: extend or flush the current block, or emit a table row.
fn line(text: &str, r: Range<usize>, block: &mut Option<Block>, out: &mut Out) {
    let (mut cs, ce) = trim(text, r);
    // Blockquote markers are transparent.
    while cs < ce && char_at(text, cs) == Some('>') {
        cs = skip_spaces(text, cs + 1, ce);
    }
    if cs >= ce {
        flush(text, block, out);
        return;
    }
    if char_at(text, cs) == Some('|') {
        flush(text, block, out);
        if !is_table_separator(text.get(cs..ce).unwrap_or("")) {
            push(text, cs..ce, &mut out.ranges);
            out.kinds.resize(out.ranges.len(), Kind::Row);
        }
        return;
    }
    if let Some(content) = item_marker(text, cs, ce) {
        flush(text, block, out);
        let kind = if char_at(text, cs) == Some('#') {
            Kind::Heading
        } else {
            Kind::Item
        };
        *block = Some(Block {
            range: content..ce,
            kind,
        });
        return;
    }
    match block {
        Some(b) if joins(text, b.range.end, cs) => b.range.end = ce,
        _ => {
            flush(text, block, out);
            *block = Some(Block {
                range: cs..ce,
                kind: Kind::Text,
            });
        }
    }
}

fn flush(text: &str, block: &mut Option<Block>, out: &mut Out) {
    if let Some(b) = block.take() {
        let first = out.ranges.len();
        split_block(text, b.range, &mut out.ranges);
        if out.ranges.len() > first {
            out.kinds.push(b.kind);
        }
        out.kinds.resize(out.ranges.len(), Kind::Text);
    }
}

/// True for a Markdown table separator row: only `|`, `-`, `:` and spaces, with a `-`.
fn is_table_separator(row: &str) -> bool {
    row.contains('-')
        && row
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':') || is_space(c))
}

/// When a bullet, numbered item or heading marker starts at `cs`, the start of its content.
fn item_marker(text: &str, cs: usize, ce: usize) -> Option<usize> {
    let s = text.get(cs..ce)?;
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let after = match first {
        '-' | '*' | '+' | '•' | '◦' | '▪' | '‣' | '·' | '–' => first.len_utf8(),
        '#' => {
            let n = s.bytes().take_while(|&b| b == b'#').count();
            if n > 6 {
                return None;
            }
            n
        }
        '0'..='9' => {
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            if n > 3 || !matches!(s.as_bytes().get(n), Some(b'.') | Some(b')')) {
                return None;
            }
            n + 1
        }
        _ => return None,
    };
    let c = s.get(after..)?.chars().next()?;
    if !is_space(c) {
        return None;
    }
    Some(skip_spaces(text, cs + after, ce))
}

/// Whether a plain text line starting at `next` continues the block that ends at `prev_end`.
fn joins(text: &str, prev_end: usize, next: usize) -> bool {
    let Some(first) = char_at(text, next) else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    let head = text.get(..prev_end).unwrap_or("");
    let Some(last) = head.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | ';' | '(' | '&' | '/') || (last == ':' && is_opener_quote(first)) {
        return true;
    }
    // The last word of the previous line, looked at only when short.
    let word_start = head
        .char_indices()
        .rev()
        .take(24)
        .find(|&(_, c)| is_space(c))
        .map(|(i, c)| i + c.len_utf8());
    let Some(ws) = word_start else {
        return false;
    };
    let word = head.get(ws..).unwrap_or("");
    if let Some(core) = word.strip_suffix('.') {
        if core.ends_with('.') {
            return false;
        }
        return match classify(strip_word(core)) {
            Class::NeverEnd => true,
            Class::NumberTaking => char_at(text, next).is_some_and(|c| c.is_ascii_digit()),
            Class::Initial => !starts_sentence(text, next),
            _ => false,
        };
    }
    words::contains(words::CONNECTORS, word)
}

/// True when the word at `k` is a common sentence starter.
fn starts_sentence(text: &str, k: usize) -> bool {
    let rest = text.get(k..).unwrap_or("");
    let end = rest
        .char_indices()
        .take(10)
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    rest.get(..end)
        .is_some_and(|w| words::contains(words::SENTENCE_STARTERS, w))
}

/// What kind of word precedes a full stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A title or Latin abbreviation that never ends a sentence.
    NeverEnd,
    /// `No.`, `Fig.`, ...: does not end a sentence before a number.
    NumberTaking,
    /// `etc.`: ends a sentence unless a number follows.
    Etc,
    /// An abbreviation that can end a sentence: only before a sentence starter or a quote.
    CanEnd,
    /// A single letter: ends a sentence only before a sentence starter.
    Initial,
    /// Any other word: the full stop ends the sentence.
    Regular,
}

/// Classify the word before a full stop (already stripped of quotes and brackets).
fn classify(w: &str) -> Class {
    if w.is_empty() || w.len() > 12 || (w.len() > 6 && !w.contains('.')) {
        return Class::Regular;
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_alphabetic() {
            Class::Initial
        } else {
            Class::Regular
        };
    }
    if words::contains(words::TITLES_ABBREVIATED, w)
        || words::ABBREVIATIONS_INNER
            .iter()
            .any(|a| a.eq_ignore_ascii_case(w))
    {
        return Class::NeverEnd;
    }
    if words::ABBREVIATIONS_NUMBERED
        .iter()
        .any(|a| a.eq_ignore_ascii_case(w))
    {
        return Class::NumberTaking;
    }
    if w.eq_ignore_ascii_case("etc") {
        return Class::Etc;
    }
    if words::contains(words::ABBREVIATIONS_FINAL, w) || is_dotted_acronym(w) {
        return Class::CanEnd;
    }
    Class::Regular
}

/// `U.S`, `a.m`, `Ph.D`: at least two dot-separated parts of one or two letters.
fn is_dotted_acronym(w: &str) -> bool {
    let mut parts = 0;
    for p in w.split('.') {
        let n = p.chars().count();
        if n == 0 || n > 2 || !p.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// What a run of terminators and closers contains.
#[derive(Default)]
struct Run {
    /// `!` or `?` (or their variants).
    strong: bool,
    /// An ellipsis: `…` or two or more full stops.
    ellipsis: bool,
    /// A CJK terminator, which ends a sentence without a following space.
    cjk: bool,
    dots: usize,
    /// A closing quote, bracket or emphasis mark after a terminator.
    closer: bool,
    /// A closing quotation mark.
    quote: bool,
}

/// Split one block into sentences.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(block.clone()) else {
        return;
    };
    let base = block.start;
    let mut seg = 0;
    let mut word = 0;
    let mut content = false;
    let mut i = 0;
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(i) {
        // Fast path for ASCII that is neither white space nor a terminator.
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => {
                i += 1;
                word = i;
                continue;
            }
            b'.' | b'!' | b'?' | 0x80.. => {}
            _ => {
                content |= b.is_ascii_alphanumeric();
                i += 1;
                continue;
            }
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if is_space(c) {
            i += c.len_utf8();
            word = i;
            continue;
        }
        if !is_terminator(c) {
            content |= c.is_alphanumeric();
            i += c.len_utf8();
            continue;
        }
        let run_start = i;
        let mut run = Run::default();
        while let Some(d) = s.get(i..).and_then(|t| t.chars().next()) {
            if is_terminator(d) {
                match d {
                    '.' => run.dots += 1,
                    '…' => run.ellipsis = true,
                    '。' | '！' | '？' | '｡' => run.cjk = true,
                    _ => run.strong = true,
                }
            } else if is_closer(d) {
                run.closer = true;
                run.quote |= is_quote_closer(d);
            } else {
                break;
            }
            i += d.len_utf8();
        }
        run.ellipsis |= run.dots >= 2;
        let boundary = content
            && match s.get(i..).and_then(|t| t.chars().next()) {
                None => false,
                Some(_) if run.cjk => true,
                Some(n) if !is_space(n) => false,
                Some(_) => ends_sentence(s, word, run_start, i, &run),
            };
        if boundary {
            push(text, base + seg..base + i, out);
            seg = skip_gap(s, i);
            content = false;
        }
    }
    push(text, base + seg..block.end, out);
}

/// Whether the run `run_start..run_end` (followed by white space) ends a sentence; `word` is
/// where the word before it starts.
fn ends_sentence(s: &str, word: usize, run_start: usize, run_end: usize, run: &Run) -> bool {
    let k = skip_gap(s, run_end);
    let Some(n) = char_at(s, k) else {
        return false;
    };
    if n.is_lowercase() {
        return false;
    }
    if run.quote && attribution_follows(s, k) {
        return false;
    }
    let raw = s.get(word..run_start).unwrap_or("");
    if run.strong || run.ellipsis {
        // "[...] The" or a lone "... " elides, it does not end anything.
        return run.strong || !(raw.is_empty() || raw.ends_with(['[', '(']));
    }
    let before = strip_word(raw);
    if run.closer || run.dots == 0 {
        return true;
    }
    match classify(before) {
        Class::NeverEnd => false,
        Class::NumberTaking | Class::Etc => !n.is_ascii_digit(),
        Class::CanEnd => is_opener_quote(n) || starts_sentence(s, k),
        Class::Initial => starts_sentence(s, k),
        Class::Regular => true,
    }
}

/// True when the text at `k` is an attribution: up to four capitalised words, then a speech verb.
fn attribution_follows(s: &str, k: usize) -> bool {
    let mut p = k;
    for _ in 0..5 {
        let rest = s.get(p..).unwrap_or("");
        let end = rest
            .char_indices()
            .take(41)
            .find(|&(_, c)| is_space(c))
            .map_or(rest.len(), |(i, _)| i);
        if end == 0 || end > 40 {
            return false;
        }
        let w = rest.get(..end).unwrap_or("");
        let core = w.trim_end_matches([',', '.', ':', ';']);
        if words::SPEECH_VERBS
            .iter()
            .any(|v| v.eq_ignore_ascii_case(core))
        {
            return true;
        }
        let name_like = core.starts_with(char::is_uppercase)
            && core == w
            && core
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'));
        if !name_like {
            return false;
        }
        p = skip_spaces(s, p + end, s.len());
    }
    false
}

/// Skip white space after `i`, and the blockquote markers at the start of a joined line.
fn skip_gap(s: &str, i: usize) -> usize {
    let k = skip_spaces(s, i, s.len());
    let gap = s.get(i..k).unwrap_or("");
    if char_at(s, k) == Some('>') && gap.contains(['\n', '\r']) {
        let rest = s.get(k..).unwrap_or("");
        return k + (rest.len() - rest.trim_start_matches(|c| c == '>' || is_space(c)).len());
    }
    k
}

/// Strip opening punctuation from the front and closing punctuation from the back of a word.
fn strip_word(w: &str) -> &str {
    w.trim_start_matches(is_opener).trim_end_matches(is_closer)
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '؟'
            | '।'
            | '۔'
            | '。'
            | '！'
            | '？'
            | '｡'
    )
}

fn is_closer(c: char) -> bool {
    is_quote_closer(c) || matches!(c, ')' | ']' | '}' | '）' | '】' | '》' | '〉' | '*' | '_')
}

fn is_quote_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '¿' | '¡' | '（' | '【' | '《' | '〈' | '*' | '_'
    ) || is_opener_quote(c)
}

fn is_opener_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '「' | '『')
}

/// White space for segmentation: Unicode white space plus zero-width spaces and the BOM.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|t| t.chars().next())
}

/// The first position at or after `i` (and before `end`) that is not white space.
fn skip_spaces(text: &str, i: usize, end: usize) -> usize {
    let rest = text.get(i..end).unwrap_or("");
    rest.char_indices()
        .find(|&(_, c)| !is_space(c))
        .map_or(end.max(i), |(j, _)| i + j)
}

/// `r` without its leading and trailing white space, as `(start, end)`.
fn trim(text: &str, r: Range<usize>) -> (usize, usize) {
    let s = text.get(r.clone()).unwrap_or("");
    let start = r.start + (s.len() - s.trim_start_matches(is_space).len());
    let end = r.end - (s.len() - s.trim_end_matches(is_space).len());
    (start, end.max(start))
}

/// Push `r` trimmed, when it contains a letter or digit.
fn push(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (start, end) = trim(text, r);
    if text
        .get(start..end)
        .is_some_and(|s| s.chars().any(char::is_alphanumeric))
    {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &[&str])] = &[
            // Basics.
            ("", &[]),
            ("   \n\t ", &[]),
            ("One sentence.", &["One sentence."]),
            ("No final stop", &["No final stop"]),
            ("First one. Second one.", &["First one.", "Second one."]),
            ("Really? Yes! Fine.", &["Really?", "Yes!", "Fine."]),
            ("What?! No way.", &["What?!", "No way."]),
            ("  padded.   Both sides.  ", &["padded.", "Both sides."]),
            // Titles and Latin abbreviations never end a sentence.
            (
                "Mr. Smith met Mrs. Jones and Ms. Lee.",
                &["Mr. Smith met Mrs. Jones and Ms. Lee."],
            ),
            (
                "Dr. Who and Gen. Lee met Lt. Col. Smith.",
                &["Dr. Who and Gen. Lee met Lt. Col. Smith."],
            ),
            (
                "Sgt. Pepper, Capt. Hook and Adm. Byrd sailed.",
                &["Sgt. Pepper, Capt. Hook and Adm. Byrd sailed."],
            ),
            (
                "Gov. Newsom, Sen. Warren and Rep. Ocasio-Cortez spoke.",
                &["Gov. Newsom, Sen. Warren and Rep. Ocasio-Cortez spoke."],
            ),
            (
                "Rev. King preached. He was loved.",
                &["Rev. King preached.", "He was loved."],
            ),
            (
                "Fruit, e.g. apples, and tools, i.e. hammers.",
                &["Fruit, e.g. apples, and tools, i.e. hammers."],
            ),
            (
                "Some fruit, e.g. The Big Apple, was sold.",
                &["Some fruit, e.g. The Big Apple, was sold."],
            ),
            (
                "It was Ali vs. Frazier. Ali won.",
                &["It was Ali vs. Frazier.", "Ali won."],
            ),
            // Abbreviations that can end a sentence.
            ("U.S. officials said so.", &["U.S. officials said so."]),
            (
                "The U.S. Defense Secretary visited.",
                &["The U.S. Defense Secretary visited."],
            ),
            (
                "He lives in the U.S. He works in Hanoi.",
                &["He lives in the U.S.", "He works in Hanoi."],
            ),
            (
                "Both the U.K. and the E.U. agreed with the U.N. on it.",
                &["Both the U.K. and the E.U. agreed with the U.N. on it."],
            ),
            (
                "Troops left the U.S. The war was over.",
                &["Troops left the U.S.", "The war was over."],
            ),
            (
                "It ended at 5 p.m. The crowd left.",
                &["It ended at 5 p.m.", "The crowd left."],
            ),
            (
                "At 10 a.m. Sunday the talks began.",
                &["At 10 a.m. Sunday the talks began."],
            ),
            (
                "He met at 9 a.m. in Hanoi.",
                &["He met at 9 a.m. in Hanoi."],
            ),
            (
                "She works for Acme Inc. The firm is big.",
                &["She works for Acme Inc.", "The firm is big."],
            ),
            (
                "Acme Inc. Chief Executive Jo Bloggs resigned.",
                &["Acme Inc. Chief Executive Jo Bloggs resigned."],
            ),
            (
                "Acme Corp. and Foo Co. and Bar Ltd. merged.",
                &["Acme Corp. and Foo Co. and Bar Ltd. merged."],
            ),
            (
                "Martin Luther King Jr. was born in 1929.",
                &["Martin Luther King Jr. was born in 1929."],
            ),
            (
                "Martin Luther King Jr. Day is a holiday.",
                &["Martin Luther King Jr. Day is a holiday."],
            ),
            (
                "He lived on St. Mark's Place.",
                &["He lived on St. Mark's Place."],
            ),
            ("He was a Ph.D. student.", &["He was a Ph.D. student."]),
            (
                "The story is in the Washington, D.C. Post.",
                &["The story is in the Washington, D.C. Post."],
            ),
            (
                "Ask the U.S. “Why not?” he said.",
                &["Ask the U.S.", "“Why not?” he said."],
            ),
            // Numbers after abbreviations.
            (
                "He ranked No. 1 in the world.",
                &["He ranked No. 1 in the world."],
            ),
            (
                "See Fig. 3 and Vol. 2 on pp. 10-12.",
                &["See Fig. 3 and Vol. 2 on pp. 10-12."],
            ),
            (
                "The answer was No. The vote failed.",
                &["The answer was No.", "The vote failed."],
            ),
            (
                "On Jan. 5 and Feb. 6 they met.",
                &["On Jan. 5 and Feb. 6 they met."],
            ),
            (
                "From Aug. 1 to Sept. 30 and Oct. 2 to Nov. 3 and Dec. 4.",
                &["From Aug. 1 to Sept. 30 and Oct. 2 to Nov. 3 and Dec. 4."],
            ),
            (
                "They came in Dec. The snow fell.",
                &["They came in Dec.", "The snow fell."],
            ),
            // etc.
            (
                "Pens, paper, etc. were sold.",
                &["Pens, paper, etc. were sold."],
            ),
            (
                "Pens, paper, etc. Prices rose.",
                &["Pens, paper, etc.", "Prices rose."],
            ),
            (
                "Items 1, 2, etc. 5 were left.",
                &["Items 1, 2, etc. 5 were left."],
            ),
            // Initials.
            (
                "John F. Kennedy was president.",
                &["John F. Kennedy was president."],
            ),
            (
                "J. R. R. Tolkien wrote books.",
                &["J. R. R. Tolkien wrote books."],
            ),
            (
                "They took vitamin C. It helped.",
                &["They took vitamin C.", "It helped."],
            ),
            // Decimals, versions, times, URLs, e-mail.
            (
                "Growth was 3.5 percent. Prices fell.",
                &["Growth was 3.5 percent.", "Prices fell."],
            ),
            (
                "Version 1.2.3 shipped at 10.30 today.",
                &["Version 1.2.3 shipped at 10.30 today."],
            ),
            (
                "Visit example.com or www.ap.org now. Write to a.b@c.org today.",
                &[
                    "Visit example.com or www.ap.org now.",
                    "Write to a.b@c.org today.",
                ],
            ),
            (
                "See https://example.com/a.html. Then go.",
                &["See https://example.com/a.html.", "Then go."],
            ),
            (
                "It cost $4.99. That was cheap.",
                &["It cost $4.99.", "That was cheap."],
            ),
            ("U.S.-Vietnam ties grew.", &["U.S.-Vietnam ties grew."]),
            (
                "Ties with the U.S., Japan and India grew.",
                &["Ties with the U.S., Japan and India grew."],
            ),
            // Ellipses.
            ("Wait... then go.", &["Wait... then go."]),
            ("Wait… then go.", &["Wait… then go."]),
            (
                "He paused... Then he left.",
                &["He paused...", "Then he left."],
            ),
            (
                "He said \"...\". Then he left.",
                &["He said \"...\".", "Then he left."],
            ),
            ("The text [...] The end.", &["The text [...] The end."]),
            ("...and then it rained.", &["...and then it rained."]),
            // Quotes and brackets after the stop.
            (
                "He said: \"It is over.\" Then he left.",
                &["He said: \"It is over.\"", "Then he left."],
            ),
            (
                "He said: “It is over.” Then he left.",
                &["He said: “It is over.”", "Then he left."],
            ),
            (
                "He said ‘no.’ She agreed.",
                &["He said ‘no.’", "She agreed."],
            ),
            (
                "(The ministry declined to comment.) Talks resumed.",
                &["(The ministry declined to comment.)", "Talks resumed."],
            ),
            (
                "It grew [as expected.] Then it fell.",
                &["It grew [as expected.]", "Then it fell."],
            ),
            (
                "He said “no”. She agreed.",
                &["He said “no”.", "She agreed."],
            ),
            (
                "It was **done.** Next item.",
                &["It was **done.**", "Next item."],
            ),
            // Attributions stay with their quote.
            (
                "“Today we will help families find peace,” Hegseth said.",
                &["“Today we will help families find peace,” Hegseth said."],
            ),
            (
                "\"We will win!\" she said.",
                &["\"We will win!\" she said."],
            ),
            (
                "“Will it work?” asked the minister.",
                &["“Will it work?” asked the minister."],
            ),
            (
                "\"We will win!\" Hegseth said. Then he left.",
                &["\"We will win!\" Hegseth said.", "Then he left."],
            ),
            (
                "“It is over.” Defense Secretary Pete Hegseth told reporters.",
                &["“It is over.” Defense Secretary Pete Hegseth told reporters."],
            ),
            (
                "“Stop!” He turned around.",
                &["“Stop!”", "He turned around."],
            ),
            (
                "“It is good,” he said. “For Hanoi, it is better.”",
                &["“It is good,” he said.", "“For Hanoi, it is better.”"],
            ),
            // Headlines and datelines.
            (
                "Hegseth Visits Hanoi\nThe defense secretary arrived on Sunday.",
                &[
                    "Hegseth Visits Hanoi",
                    "The defense secretary arrived on Sunday.",
                ],
            ),
            (
                "HANOI, Vietnam —\nU.S. Defense Secretary Pete Hegseth visited Hanoi.",
                &[
                    "HANOI, Vietnam —",
                    "U.S. Defense Secretary Pete Hegseth visited Hanoi.",
                ],
            ),
            (
                "HANOI, Vietnam — U.S. Defense Secretary Pete Hegseth visited Hanoi.",
                &["HANOI, Vietnam — U.S. Defense Secretary Pete Hegseth visited Hanoi."],
            ),
            (
                "HANOI (Reuters) - Talks began. They ended.",
                &["HANOI (Reuters) - Talks began.", "They ended."],
            ),
            (
                "Closing Remarks\nIn conclusion, it went well.",
                &["Closing Remarks", "In conclusion, it went well."],
            ),
            (
                "First paragraph here.\n\nSecond paragraph here.",
                &["First paragraph here.", "Second paragraph here."],
            ),
            // Hard-wrapped paragraphs.
            (
                "The secretary visited\nthe capital on Sunday.",
                &["The secretary visited\nthe capital on Sunday."],
            ),
            (
                "Officials from the\nPentagon arrived.",
                &["Officials from the\nPentagon arrived."],
            ),
            (
                "He met Hanoi officials,\nVietnamese generals and others.",
                &["He met Hanoi officials,\nVietnamese generals and others."],
            ),
            (
                "He met Mr.\nSmith in Hanoi.",
                &["He met Mr.\nSmith in Hanoi."],
            ),
            (
                "He returned to the U.S.\nofficials said.",
                &["He returned to the U.S.\nofficials said."],
            ),
            (
                "He lives in the U.S.\nDefense talks went on.",
                &["He lives in the U.S.", "Defense talks went on."],
            ),
            (
                "It ended. He\nleft. She stayed.",
                &["It ended.", "He\nleft.", "She stayed."],
            ),
            // Bullets and numbered items: the marker is excluded.
            (
                "Key points:\n- First item here\n- Second item here",
                &["Key points:", "First item here", "Second item here"],
            ),
            (
                "* Star item.\n+ Plus item.\n• Dot item.\n– Dash item.",
                &["Star item.", "Plus item.", "Dot item.", "Dash item."],
            ),
            (
                "1. First step.\n2) Second step.\n10. Tenth step.",
                &["First step.", "Second step.", "Tenth step."],
            ),
            (
                "- Item one. It has two sentences.\n- Item two",
                &["Item one.", "It has two sentences.", "Item two"],
            ),
            (
                "- A long item that wraps\n  onto the next line.\n- Next",
                &["A long item that wraps\n  onto the next line.", "Next"],
            ),
            (
                "TL;DR\n- U.S. Defense Secretary visited.\n- Relics were returned.",
                &[
                    "TL;DR",
                    "U.S. Defense Secretary visited.",
                    "Relics were returned.",
                ],
            ),
            (
                "1995. The year ties resumed.",
                &["1995.", "The year ties resumed."],
            ),
            ("-5 degrees was the low.", &["-5 degrees was the low."]),
            (
                "## A heading\nBody text here.",
                &["A heading", "Body text here."],
            ),
            (
                "> Quoted line one.\n> Quoted line two.",
                &["Quoted line one.", "Quoted line two."],
            ),
            (
                "> A quote that\n> wraps. Then ends.",
                &["A quote that\n> wraps.", "Then ends."],
            ),
            (
                "> A quote. That\n> wraps here.",
                &["A quote.", "That\n> wraps here."],
            ),
            // Markdown tables.
            (
                "| Focus Area | Goal |\n|---|---|\n| Military Training | Enhance capabilities. |",
                &[
                    "| Focus Area | Goal |",
                    "| Military Training | Enhance capabilities. |",
                ],
            ),
            (
                "Intro line.\n| A | B |\n| :--- | ---: |\n| 1 | 2 |\nAfter.",
                &["Intro line.", "| A | B |", "| 1 | 2 |", "After."],
            ),
            ("|---|---|", &[]),
            // Punctuation-only lines are dropped.
            ("***\n---\n—\nText.", &["Text."]),
            // Line endings, tabs, no-break spaces, BOM.
            ("First.\r\nSecond.\r\n", &["First.", "Second."]),
            (
                "Headline here\r\nBody. More body.\r\n\r\nNext.",
                &["Headline here", "Body.", "More body.", "Next."],
            ),
            ("Old Mac.\rLine two.", &["Old Mac.", "Line two."]),
            (
                "Tab\tseparated. Next\u{a0}one.\u{a0}",
                &["Tab\tseparated.", "Next\u{a0}one."],
            ),
            (
                "\u{feff}Byte order mark. Next.",
                &["Byte order mark.", "Next."],
            ),
            (
                "Line one.\u{2028}Line two.\u{2029}Line three.",
                &["Line one.", "Line two.", "Line three."],
            ),
            (
                "Non-breaking.\u{a0}Next one.",
                &["Non-breaking.", "Next one."],
            ),
            // Other scripts and emoji.
            (
                "He smiled 😀. Then he left 🎉.",
                &["He smiled 😀.", "Then he left 🎉."],
            ),
            (
                "Đà Nẵng is big. Hà Nội is the capital.",
                &["Đà Nẵng is big.", "Hà Nội is the capital."],
            ),
            (
                "他来了。她走了！你呢？",
                &["他来了。", "她走了！", "你呢？"],
            ),
            ("他说：“好。”然后走了。", &["他说：“好。”", "然后走了。"]),
            (
                "Москва большая. Киев тоже.",
                &["Москва большая.", "Киев тоже."],
            ),
            ("Это Москва. это тоже.", &["Это Москва. это тоже."]),
        ];
        let mut failed = 0;
        for (input, want) in cases {
            let got = split(input);
            if got != *want {
                failed += 1;
                eprintln!("{input:?}\n   got: {got:?}\n  want: {want:?}");
            }
        }
        assert_eq!(failed, 0, "{failed} of {} cases failed", cases.len());
    }

    /// Check the invariants of the output for one input.
    fn check_invariants(text: &str) {
        let got = sentences(text);
        let mut last = 0;
        for r in &got {
            assert!(r.start < r.end, "empty {r:?} in {text:?}");
            assert!(r.start >= last, "overlap or disorder {r:?} in {text:?}");
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{text:?}"
            );
            let s = &text[r.clone()];
            assert_eq!(s.trim_matches(is_space), s, "untrimmed {s:?} in {text:?}");
            last = r.end;
        }
    }

    const TRICKY: &str =
        "HANOI, Vietnam —\r\n“We will win!” she said. U.S. officials met at 10 a.m.\n\
        - J. R. R. Tolkien… wait... Then 3.5 (sic.) “No.” He left the U.S. The end?!\n\
        | A | B |\n|---|---|\n| x | y. |\n1) 他来了。她走了！\u{a0}\u{feff}😀 e.g. Mr.\n\n\
        > quote «Oui.» Non. St.\u{2028}etc. 5 ...\"”)] .";

    #[test]
    fn invariants_on_prefixes_and_suffixes() {
        for (i, _) in TRICKY.char_indices() {
            check_invariants(&TRICKY[..i]);
            check_invariants(&TRICKY[i..]);
        }
        check_invariants(TRICKY);
    }

    #[test]
    fn invariants_on_random_strings() {
        const ALPHABET: &[&str] = &[
            "a",
            "B",
            "U.S.",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            ".",
            "...",
            "…",
            "!",
            "?",
            "\"",
            "“",
            "”",
            "’",
            "'",
            "(",
            ")",
            "[",
            "]",
            "|",
            "|---|",
            "- ",
            "* ",
            "1. ",
            "2) ",
            "#",
            "> ",
            "Mr.",
            "He",
            "the",
            "3.5",
            "é",
            "😀",
            "。",
            "！",
            "\u{a0}",
            "\u{feff}",
            "\u{2028}",
            ",",
            ";",
            ":",
            "—",
            "said",
            "*",
            "_",
            "etc.",
            "No.",
            "F.",
            "_",
            "Hà Nội",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            // xorshift64*: small, deterministic, good enough to stir the alphabet.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
            }
            check_invariants(&s);
        }
    }

    #[test]
    fn pathological_inputs_are_fast_enough() {
        // Long runs without spaces or with many terminators must stay linear.
        let dots = ".".repeat(200_000);
        let words = "a.".repeat(100_000);
        let spaces = format!("x.{}y", " ".repeat(200_000));
        let quotes = "\"! ".repeat(50_000);
        for text in [
            dots.as_str(),
            words.as_str(),
            spaces.as_str(),
            quotes.as_str(),
        ] {
            let t = std::time::Instant::now();
            check_invariants(text);
            assert!(
                t.elapsed().as_secs() < 5,
                "too slow on a {}-byte input",
                text.len()
            );
        }
    }
}
