//! Which sentences are claims: bylines, boilerplate, questions, fragments and list items that
//! continue their lead-in are not.
//!
//! [`is_claim`] looks at one segment from [`sentences`](crate::sentences) and decides whether it
//! states something a source could confirm or contradict. The rules, in order:
//!
//! 1. **Tables.** A Markdown separator row (`|---|---|`) is not a claim, nor is a header row:
//!    one whose every cell is a short label (at most four words, each capitalised or not a
//!    word). Other rows go through the rules below, except the headline rule.
//! 2. **Questions.** A sentence ending in `?` (also `？`, or `?` inside closing quotes or
//!    brackets) asks rather than states.
//! 3. **Lead-ins and datelines.** A sentence ending in `:` introduces a list or table
//!    ("Key elements of the mission included:"); one ending in a dash is a dateline alone
//!    ("HANOI, Vietnam —") or a cut-off fragment.
//! 4. **Boilerplate.** Copyright lines, "All rights reserved", newsletter and "click here"
//!    prompts, "Read more", "Follow us on", "contributed to this report", the AP's funding and
//!    standards notes, "This article explores ...", "TL;DR", "Closing Remarks", photo credits.
//! 5. **Bylines and credits.** "By Jane Doe", "By JANE DOE and JOHN ROE of The Associated
//!    Press" (the first word `By` and every later word a name, or `and`, `of`, `the`, ...),
//!    "Reporting by ...; Editing by ...".
//! 6. **Fragments.** Fewer than five words, or fewer than three content words (words that are
//!    not stop words, of two or more characters, or numbers).
//! 7. **Headlines.** A segment with no final punctuation whose words are mostly capitalised
//!    (title case) is a claim only when it shows a verb: a finite verb from a small list (`is`,
//!    `was`, `has`, `will`, `says`, ...), a capitalised word ending in `-s` between two
//!    capitalised words ("Defense Chief **Returns** Wartime Artifacts"), or a word ending in
//!    `-ed` followed by another word ("Hegseth **Visited** Hanoi"). "Key Outcomes from
//!    Hegseth's Visit: Enhancing Military Collaboration" is a label, not a claim.
//!
//! # Lists and lead-ins
//!
//! A list item states nothing on its own when it continues its lead-in: "Passengers were
//! advised to:" + "- check the operator's website", "- allow extra time". Joining the item to
//! its lead-in would make a claim of two separate pieces of the page, while a claim must be one
//! contiguous range (it is highlighted as one DOM range), so such an item is skipped instead.
//! [`claim_spans`] applies rules 1-7 to every segment of a text and, looking at the line a
//! segment starts and at the segment before it, these rules as well:
//!
//! 8. **List items.** The first sentence of a bullet or numbered item (`- `, `* `, `+ `, `• `,
//!    `– `, `1. `, `2) `: the lines the segmenter reads as items) is a claim only when it is a
//!    *full sentence*:
//!    - it starts with a capital letter or a digit (after opening quotes, brackets or symbols),
//!    - it ends with a full stop, `!` or an ellipsis (before closing quotes or brackets),
//!    - it does not start with a bare verb (an imperative: "Check the website for timetables.",
//!      "Keep your tickets, which will be refunded."), `Please` or `Do not`, nor with a
//!      to-infinitive ("To ensure that the pier is safe."), and
//!    - it shows a finite verb after its first word: an auxiliary or modal (`is`, `was`, `has`,
//!      `will`, `can`, ...), a contraction (`isn't`, `they're`), a common irregular past
//!      (`said`, `met`, `struck`, ...), a lower-case word ending in `-ed`, or a common verb in
//!      `-s` (`says`, `plans`, `remains`, ...).
//!
//!    A leading label is set aside first: in "Direct Engagement: Hegseth met with officials."
//!    the test is made on "Hegseth met with officials.". So "- The ferry carried 212
//!    passengers." and "* Police said five people were injured." are claims, while "- check the
//!    operator's website", "- Check the website for timetables" and "- 212 passengers" are
//!    not. A full-sentence item stays a claim after a lead-in too: "The authority listed the
//!    injuries:" + "- Two passengers suffered broken arms." states a fact of its own. Later
//!    sentences of an item are read as running text.
//! 9. **Unmarked items after a lead-in.** HTML lists reach the engine without markers: the
//!    extension puts each `<li>` in a block of its own and `html_to_text` (the command-line tool's HTML reader)
//!    puts each on a line of its own. So after a segment that ends in `:` (a lead-in, rule 3),
//!    the following segments are read as list items (rule 8) until one is a full sentence, a
//!    heading or a table row; that one and those after it are read as usual. A plain-text item
//!    on the line right after its lead-in that starts in lower case is part of the lead-in's
//!    segment (the segmenter joins such lines), and that segment, lead-in and items in one
//!    contiguous range, is judged as a whole by rules 1-7.
//! 10. **Fragments after a dash.** A segment that starts with a lower-case letter right after a
//!     segment ending in a dash ("The operator offered three things —" + "a refund, a voucher
//!     and a free crossing") continues that segment and is not a claim on its own.
//!
//! What this costs: an unpunctuated paragraph right after an unmarked list is read as one more
//! item, and bullets that are full sentences but lack their final full stop are not claims.
//!
//! ```
//! use corroborate::is_claim;
//! assert!(is_claim("U.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday."));
//! assert!(!is_claim("By Jane Doe and John Roe"));
//! assert!(!is_claim("Will the talks lead to an arms deal?"));
//! assert!(!is_claim("HANOI, Vietnam —"));
//!
//! let text = "Passengers were advised to:\n\n- check the operator's website for timetables\n\
//!             - The ferry carried 212 passengers and 14 crew.";
//! let claims: Vec<&str> = corroborate::claim_spans(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(claims, ["The ferry carried 212 passengers and 14 crew."]);
//! ```

use crate::sentences::{segments, Kind};
use crate::text::is_stopword;
use crate::words;
use std::ops::Range;

/// True when the sentence states something checkable; false for bylines, datelines,
/// boilerplate, questions, lead-ins ending in `:`, table separators and header rows, short
/// fragments and verbless headlines. See the [module docs](self) for the rules.
///
/// It judges the sentence alone: whether it is a list item that continues a lead-in is seen
/// only in its text, by [`claim_spans`].
///
/// ```
/// use corroborate::is_claim;
/// assert!(is_claim("“Today we will exchange artifacts,” Hegseth said."));
/// assert!(is_claim("Hegseth in Hanoi: U.S. Defense Chief Returns Wartime Artifacts"));
/// assert!(!is_claim("Key Outcomes from the Visit: Enhancing Military Collaboration"));
/// assert!(!is_claim("| Focus Area | Goal |"));
/// assert!(!is_claim("All rights reserved."));
/// ```
pub fn is_claim(sentence: &str) -> bool {
    let t = sentence.trim();
    let table = t.starts_with('|');
    if table && !is_table_row_claim(t) {
        return false;
    }
    let tail = t.trim_end_matches(is_closer);
    let Some(last) = tail.chars().next_back() else {
        return false;
    };
    if matches!(
        last,
        '?' | '？' | '⁇' | '⁈' | '؟' | ':' | '：' | '—' | '–' | '-'
    ) {
        return false;
    }
    let lower = fold_lower(t);
    if is_boilerplate(&lower) || is_byline(t) {
        return false;
    }
    let has_alnum = |w: &&str| w.chars().any(char::is_alphanumeric);
    if t.split_whitespace().filter(has_alnum).take(5).count() < 5 {
        return false;
    }
    let content = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                || (w.chars().nth(1).is_some() && !is_stopword(w))
        })
        .take(3)
        .count();
    if content < 3 {
        return false;
    }
    let unpunctuated = !matches!(last, '.' | '!' | '…' | '。' | '！' | '|');
    if !table && unpunctuated {
        let words: Vec<&str> = t.split_whitespace().filter(has_alnum).collect();
        if is_title_case(&words) {
            return has_headline_verb(&words);
        }
    }
    true
}

/// The claims of `text` as byte ranges, in order: the segments of
/// [`sentences`](crate::sentences) that [`is_claim`] accepts and that the list rules (8-10 of
/// the [module docs](self)) keep, which look at a segment's line and at the segment before it.
/// [`extract_claims`](crate::extract_claims) (pages) and [`claim_terms`](crate::claim_terms)
/// (sources) both read claims from here.
///
/// ```
/// let text = "Selkie Line asked customers to:\n\n- check the website for updated timetables\n\
///             - keep their tickets, which will be refunded in full\n\n\
///             The ferry has since been moved to a berth on the far side of the harbour.";
/// let claims: Vec<&str> = corroborate::claim_spans(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(claims, ["The ferry has since been moved to a berth on the far side of the harbour."]);
/// ```
pub fn claim_spans(text: &str) -> Vec<Range<usize>> {
    let (ranges, kinds) = segments(text);
    let mut out = Vec::new();
    // What the previous segment leaves open for this one.
    let mut open = Open::Nothing;
    for (r, kind) in ranges.into_iter().zip(kinds) {
        let Some(s) = text.get(r.clone()) else {
            continue;
        };
        let (claim, list_goes_on) = match (kind, open) {
            (Kind::Row | Kind::Heading, _) => (is_claim(s), false),
            (Kind::Item, _) => (is_full_sentence(s) && is_claim(s), false),
            (Kind::Text, Open::List) => {
                let full = is_full_sentence(s);
                (full && is_claim(s), !full)
            }
            (Kind::Text, Open::Dash) => (!starts_lower(s) && is_claim(s), false),
            (Kind::Text, Open::Nothing) => (is_claim(s), false),
        };
        if claim {
            out.push(r);
        }
        open = match last_mark(s) {
            Some(':' | '：') if kind != Kind::Row => Open::List,
            Some('—' | '–' | '-') if kind != Kind::Row => Open::Dash,
            _ if list_goes_on => Open::List,
            _ => Open::Nothing,
        };
    }
    out
}

/// What a segment leaves open for the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    /// A lead-in ending in `:`, or an unmarked list item after one.
    List,
    /// A segment ending in a dash.
    Dash,
}

/// The last character of `s` before closing quotes, brackets and emphasis marks.
fn last_mark(s: &str) -> Option<char> {
    s.trim_end().trim_end_matches(is_closer).chars().next_back()
}

/// True when the first letter or digit of `s` is a lower-case letter.
fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// True when a list item is a sentence of its own (rule 8 of the [module docs](self)).
fn is_full_sentence(item: &str) -> bool {
    if !matches!(last_mark(item), Some('.' | '!' | '…' | '。' | '！' | '｡')) {
        return false;
    }
    let body = without_label(item.trim());
    let Some(first) = body.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    if first.is_alphabetic() && !first.is_uppercase() {
        // A script without case (CJK, Arabic, ...): the English word tests do not apply.
        return true;
    }
    let words: Vec<String> = body
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .replace('’', "'")
        })
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(w0), w1) = (words.first(), words.get(1)) else {
        return false;
    };
    let w1 = w1.map_or("", String::as_str);
    if is_imperative(w0, w1) {
        return false;
    }
    if w0 == "to" && w1.starts_with(char::is_lowercase) && !body.contains(',') {
        return false;
    }
    let originals = body
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric));
    let mut prev = "";
    for (i, (w, orig)) in words.iter().zip(originals).enumerate() {
        if i > 0 && is_finite_verb(w, orig, prev) {
            return true;
        }
        prev = w;
    }
    false
}

/// `s` without a leading label of up to five capitalised words and a colon ("Direct
/// Engagement: Hegseth met ..."), or `s` itself.
fn without_label(s: &str) -> &str {
    let head_end = s.char_indices().nth(60).map_or(s.len(), |(i, _)| i);
    let Some(colon) = s.get(..head_end).and_then(|h| h.find(": ")) else {
        return s;
    };
    let label = s.get(..colon).unwrap_or("");
    let words: Vec<&str> = label.split_whitespace().collect();
    let is_label = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            is_minor(w)
                || w.chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        });
    if is_label {
        s.get(colon + 2..).map_or(s, str::trim_start)
    } else {
        s
    }
}

/// True when the first two words (in lower case) open an imperative: a bare verb not followed
/// by a preposition or a verb ("Support for the plan was strong" is not), `please` or `do not`.
fn is_imperative(w0: &str, w1: &str) -> bool {
    if w0 == "please" || w0 == "don't" || (w0 == "do" && w1 == "not") {
        return true;
    }
    if !words::contains(words::IMPERATIVES, w0) {
        return false;
    }
    let verb_next = words::contains(words::HEADLINE_VERBS, w1)
        || (w1.len() >= 4 && w1.ends_with('s') && !w1.ends_with("ss"))
        || (w1.len() >= 4 && w1.ends_with("ed"));
    !(words::contains(words::NOT_OBJECT, w1) || verb_next)
}

/// True when `w` (a word in lower case, `orig` as written, after the word `prev` in lower
/// case) is a finite verb (rule 8).
fn is_finite_verb(w: &str, orig: &str, prev: &str) -> bool {
    if words::contains(words::AUXILIARIES, w)
        || words::contains(words::IRREGULAR_PAST, w)
        || words::contains(words::PRESENT_VERBS, w)
    {
        return true;
    }
    if ["n't", "'re", "'ve", "'ll", "'d"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        return true;
    }
    let lower_case = orig
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let adjective =
        words::contains(words::DETERMINERS, prev) || prev.starts_with(|c: char| c.is_numeric());
    lower_case
        && !adjective
        && w.len() >= 4
        && w.ends_with("ed")
        && w.chars().all(char::is_alphabetic)
        && !words::contains(words::NOT_ED_VERBS, w)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_' | '」' | '』' | '）'
    )
}

/// A table row that may be a claim: not a separator row and not a header row of labels.
fn is_table_row_claim(row: &str) -> bool {
    let cells: Vec<&str> = row
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.iter().all(|c| {
        c.chars()
            .all(|ch| matches!(ch, '-' | ':') || ch.is_whitespace())
    }) {
        return false;
    }
    !cells.iter().all(|cell| {
        let words: Vec<&str> = cell.split_whitespace().collect();
        words.len() <= 4
            && !cell.ends_with('.')
            && words.iter().all(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_none_or(char::is_uppercase)
            })
    })
}

/// Phrases (in lower case, straight apostrophes) that only boilerplate contains, by the first
/// byte of the phrase, so that each word start is compared with a few phrases only.
fn boilerplate_phrases(first: u8) -> &'static [&'static str] {
    match first {
        b'a' => &["all rights reserved"],
        b's' => &[
            "sign up for",
            "sign up to",
            "subscribe to our",
            "share this article",
        ],
        b'o' => &["our newsletter"],
        b'c' => &[
            "click here",
            "contributed to this report",
            "contributed reporting",
            "coverage receives financial support",
        ],
        b'f' => &["follow us on", "for ap's standards"],
        b'i' => &[
            "is solely responsible for all content",
            "in this article, we",
        ],
        b't' => &[
            "this article explores",
            "this article examines",
            "this article discusses",
            "tl;dr",
            "terms of use",
        ],
        b'd' => &["download our app"],
        b'p' => &["privacy policy"],
        b'(' => &["(ap photo"],
        b'g' => &["getty images"],
        _ => &[],
    }
}

/// Prefixes (in lower case) of boilerplate and credit lines.
const BOILERPLATE_START: &[&str] = &[
    "copyright",
    "©",
    "(c) ",
    "read more",
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "edited by",
    "compiled by",
    "photo:",
    "photo by",
    "image:",
    "caption:",
    "file photo",
    "advertisement",
    "closing remarks",
    "key takeaways",
    "last updated",
    "updated:",
    "published:",
];

/// `t` with ASCII letters in lower case and curly apostrophes made straight.
fn fold_lower(t: &str) -> String {
    let lower = t.to_ascii_lowercase();
    if lower.contains(['’', '‘']) {
        lower.replace(['’', '‘'], "'")
    } else {
        lower
    }
}

/// True when `lower` (from [`fold_lower`]) is boilerplate. Phrases are matched at word starts.
fn is_boilerplate(lower: &str) -> bool {
    if lower.contains('©') || BOILERPLATE_START.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let bytes = lower.as_bytes();
    let mut at_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if at_start {
            let rest = bytes.get(i..).unwrap_or_default();
            let second = bytes.get(i + 1);
            if boilerplate_phrases(b)
                .iter()
                .any(|p| p.as_bytes().get(1) == second && rest.starts_with(p.as_bytes()))
            {
                return true;
            }
        }
        at_start = b.is_ascii_whitespace();
    }
    false
}

/// "By Jane Doe", "By JANE DOE and JOHN ROE of The Associated Press".
fn is_byline(t: &str) -> bool {
    let mut words = t.split_whitespace();
    if !matches!(words.next(), Some("By" | "BY")) {
        return false;
    }
    let mut n = 0;
    for w in words {
        n += 1;
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let name = core.starts_with(char::is_uppercase);
        if n > 12 || !(name || words::contains(words::BYLINE_GLUE, w) || core.is_empty()) {
            return false;
        }
    }
    n > 0
}

/// Words that title case leaves in lower case.
fn is_minor(w: &str) -> bool {
    words::contains(words::TITLE_CASE_MINOR, w)
}

/// True when at least 60% of the words that title case would capitalise are capitalised.
fn is_title_case(words: &[&str]) -> bool {
    let mut major = 0;
    let mut upper = 0;
    for w in words {
        let core = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if is_minor(core) {
            continue;
        }
        let Some(first) = core.chars().next() else {
            continue;
        };
        major += 1;
        if first.is_uppercase() || first.is_numeric() {
            upper += 1;
        }
    }
    major > 0 && upper * 10 >= major * 6
}

/// True when a title-case headline shows a verb (see the module docs).
fn has_headline_verb(words: &[&str]) -> bool {
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if words::contains(words::HEADLINE_VERBS, lower.as_str()) {
            return true;
        }
        let plain = w.chars().all(char::is_alphabetic);
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        let next_core = next.trim_start_matches(|c: char| !c.is_alphanumeric());
        let next_lower = next_core.to_lowercase();
        let object = next_core.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !words::contains(
                words::NOT_OBJECT,
                next_lower.trim_end_matches(|c: char| !c.is_alphanumeric()),
            );
        let subject = i > 0
            && words
                .get(i - 1)
                .is_some_and(|p| p.starts_with(char::is_uppercase) && !p.ends_with([':', ',']));
        let third_person = plain
            && lower.len() >= 4
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is")
            && w.starts_with(char::is_uppercase);
        if third_person && subject && object {
            return true;
        }
        if plain && lower.len() >= 5 && lower.ends_with("ed") {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_cases() {
        let cases = [
            // Claims.
            ("U.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday.", true),
            ("“Today we will exchange artifacts and information from the war,” Hegseth said.", true),
            ("The Vietnam War formally ended 50 years ago in April.", true),
            ("He was not charged with any crime.", true),
            ("Five people were injured in the blast!", true),
            ("The Associated Press has previously reported that Moscow and Hanoi explored ways.", true),
            ("HANOI, Vietnam — U.S. Defense Secretary Pete Hegseth visited Hanoi.", true),
            ("Direct Engagement: Hegseth met with defense officials to discuss strategies.", true),
            ("By Sunday, the troops had left the capital.", true),
            ("By 2030 the country plans to double its exports.", true),
            ("He asked whether the deal would hold, officials said.", true),
            ("Hegseth in Hanoi: U.S. Defense Chief Returns Wartime Artifacts and Seeks Stronger Vietnam Ties", true),
            ("U.S. Secretary of War Hegseth Strengthens Defense Ties with Vietnam, Marking 30 Years", true),
            ("Defense Chief Hegseth Visited Hanoi on Sunday", true),
            ("Hanoi Is Seeking New Arms Suppliers Amid Tensions", true),
            ("the talks were held behind closed doors in the capital", true),
            ("| Military Training | Enhance capabilities of Vietnamese armed forces |", true),
            ("| Trade Expansion | Identify key sectors and negotiate trade frameworks | 2024-2026 |", true),
            ("Giang said the visit was “productive.”", true),
            ("他说会议很成功 双方 同意 加强 合作 关系", true),
            // Bylines and credits.
            ("By Jane Doe", false),
            ("By JANE DOE and JOHN ROE", false),
            ("By Jane Doe and John Roe of The Associated Press", false),
            ("BY AISHA KHAN, Reuters", false),
            ("Reporting by Jane Doe; Editing by John Roe", false),
            ("Additional reporting by Jane Doe in Hanoi.", false),
            ("Associated Press writer Jane Doe in Bangkok contributed to this report.", false),
            // Datelines, lead-ins.
            ("HANOI, Vietnam —", false),
            ("WASHINGTON (AP) -", false),
            ("Key elements of the mission included:", false),
            ("The following table outlines the main objectives identified during the visit:", false),
            // Boilerplate.
            ("Copyright 2025 The Associated Press. All rights reserved.", false),
            ("© 2025 Reuters. This material may not be published or redistributed.", false),
            ("Sign up for our daily newsletter to get the latest news.", false),
            ("Click here to read the full report from the ministry.", false),
            ("Read more: Hegseth visits Malaysia for ASEAN talks", false),
            ("Follow us on Facebook and Twitter for more updates.", false),
            ("The Associated Press’ climate and environmental coverage receives financial support from multiple private foundations.", false),
            ("AP is solely responsible for all content.", false),
            ("For AP’s standards on working with philanthropies and a list of supporters, visit AP.org.", false),
            ("This article explores the implications of Hegseth’s visit for the region.", false),
            ("TL;DR", false),
            ("TL;DR: the visit went well and ties grew stronger.", false),
            ("Closing Remarks", false),
            ("(AP Photo/Jane Doe) Hegseth arrives at the ministry in Hanoi.", false),
            // Questions.
            ("Will the talks lead to an arms deal?", false),
            ("“Will the talks lead to an arms deal?”", false),
            ("Is this the end of the war (for now?)", false),
            // Short fragments.
            ("In recent times.", false),
            ("He said so.", false),
            ("Hegseth visited Hanoi.", false),
            ("It is what it is, and it was.", false),
            ("—", false),
            ("", false),
            // Tables.
            ("|---|---|", false),
            ("| :--- | ---: |", false),
            ("| Focus Area | Goal |", false),
            ("| Objective | Action Steps | Timeline |", false),
            // Verbless headlines.
            ("Key Outcomes from Hegseth’s Visit: Enhancing Military Collaboration and Strategic Partnerships", false),
            ("Recommendations for Strengthening U.S.-Vietnam Relations: A Roadmap for Future Engagement", false),
            ("Hegseth’s Diplomatic Mission: Building Trust in U.S.-Vietnam Defense Cooperation", false),
        ];
        let mut failed = 0;
        for (input, want) in cases {
            if is_claim(input) != want {
                failed += 1;
                eprintln!("{input:?}: want {want}");
            }
        }
        assert_eq!(failed, 0, "{failed} of {} cases failed", cases.len());
    }

    /// The claims of `text`, as text.
    fn claims_of(text: &str) -> Vec<&str> {
        claim_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    /// The list rules (8-10): each case is a text and the claims it must give, in order.
    #[test]
    fn list_items_and_lead_ins() {
        // The text the HTML reader (crates/cli, `html_to_text`) gives for a lead-in paragraph
        // and a `<ul>` of lower-case and of capitalised items: one line per item.
        let html = "Passengers were advised to:\n\ncheck the operator's website for updated \
                    timetables\nallow extra time for the crossing to Wrenfield\n\nThe ferry was \
                    moved to a berth on the far side of the harbour.";
        let html_capitalised = "Passengers were advised to:\n\nCheck the operator's website for \
                                timetables\nAllow extra time for the crossing\n\nThe ferry was \
                                moved to a berth on the far side of the harbour.";
        let moved = "The ferry was moved to a berth on the far side of the harbour.";
        let cases: Vec<(&str, &str, Vec<&str>)> = vec![
            (
                "markdown items after a lead-in",
                "Passengers were advised to:\n\n- check the operator's website for updated \
                 timetables\n- keep their tickets, which will be refunded in full\n\n\
                 The ferry was moved to a berth on the far side of the harbour.",
                vec![moved],
            ),
            (
                "markdown items right under the lead-in, star and plus bullets",
                "Passengers were advised to:\n* check the operator's website for timetables\n\
                 + allow extra time for the crossing to Wrenfield",
                vec![],
            ),
            (
                "plain-text bullet and en dash items",
                "Passengers were advised to:\n• check the operator's website for timetables\n\
                 – allow extra time for the crossing to Wrenfield\n\
                 • Keep your tickets, which will be refunded in full.",
                vec![],
            ),
            ("html_to_text list after a lead-in", html, vec![moved]),
            (
                "html_to_text list of capitalised items",
                html_capitalised,
                vec![moved],
            ),
            (
                "browser blocks: each item a block of its own",
                "Passengers were advised to:\n\nCheck the operator's website for timetables\n\n\
                 Allow extra time for the crossing\n\n\
                 The ferry was moved to a berth on the far side of the harbour.",
                vec![moved],
            ),
            (
                "full-sentence bullets stay claims",
                "- The ferry carried 212 passengers.\n\
                 * Police said five people were injured.\n\
                 - \"We will support them in every way we can,\" the operator said.\n\
                 - There were 40 cars on the vehicle deck at the time.",
                vec![
                    "The ferry carried 212 passengers.",
                    "Police said five people were injured.",
                    "\"We will support them in every way we can,\" the operator said.",
                    "There were 40 cars on the vehicle deck at the time.",
                ],
            ),
            (
                "full-sentence bullets after a lead-in",
                "The harbour authority listed the injuries:\n\n\
                 - Two passengers suffered broken arms in the lounge.\n\
                 - One crew member was treated for shock at the scene.",
                vec![
                    "Two passengers suffered broken arms in the lounge.",
                    "One crew member was treated for shock at the scene.",
                ],
            ),
            (
                "labelled bullets",
                "- Direct Engagement: Hegseth met with defense officials to discuss strategies.\n\
                 - Joint Exercises: Proposals for expanded exercises were shared by both sides.\n\
                 - Enhance Security Cooperation: Increase joint military exercises and training.",
                vec![
                    "Direct Engagement: Hegseth met with defense officials to discuss strategies.",
                    "Joint Exercises: Proposals for expanded exercises were shared by both sides.",
                ],
            ),
            (
                "numbered lists",
                "The operator gave two reasons:\n1. The wind was gusting at 90 km/h.\n\
                 2. the pier lights had failed before the ferry arrived\n\
                 3) Sailings will resume on Friday, the operator said.\n\
                 4) check the website for updated timetables",
                vec![
                    "The wind was gusting at 90 km/h.",
                    "Sailings will resume on Friday, the operator said.",
                ],
            ),
            (
                "imperative bullets without a lead-in",
                "- Check the website for timetables\n\
                 - Check the website for updated timetables before you travel.\n\
                 - Keep your tickets, which will be refunded in full.\n\
                 - Please allow extra time for the crossing to Wrenfield.\n\
                 - Do not travel to the harbour unless your journey is essential.\n\
                 - To ensure that the pier is safe, engineers will inspect it on Thursday.\n\
                 - To ensure that the pier is safe before it reopens.",
                vec!["To ensure that the pier is safe, engineers will inspect it on Thursday."],
            ),
            (
                "a noun phrase is not a verb",
                "- Support for the new ferry service was strong in both towns.",
                vec!["Support for the new ferry service was strong in both towns."],
            ),
            (
                "noun-phrase lists",
                "On board were:\n- 212 passengers\n- 14 crew\n- 40 cars and two lorries on the \
                 vehicle deck\n- Damage to the bow, the ramp and two parked cars.",
                vec![],
            ),
            (
                "lower-case fragment after a dash",
                "The operator offered three things —\n\n\
                 a refund, a voucher and a free crossing for every passenger\n\n\
                 HANOI, Vietnam —\n\n\
                 U.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday.",
                vec!["U.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday."],
            ),
            (
                "a lower-case line under its lead-in is part of the lead-in's segment",
                "Passengers were advised to:\ncheck the operator's website for timetables",
                vec!["Passengers were advised to:\ncheck the operator's website for timetables"],
            ),
            (
                "the list ends at a full sentence, a heading or a table row",
                "Passengers were advised to:\n\ncheck the website for updated timetables\n\n\
                 The ferry was moved to a berth on the far side of the harbour.\n\n\
                 Sailings between the two towns resume on Friday morning\n\n\
                 The following table lists the sailings:\n\
                 | Route | Note |\n|---|---|\n\
                 | Caldmoor to Wrenfield | Sailings resume on Friday morning |",
                vec![
                    moved,
                    "Sailings between the two towns resume on Friday morning",
                    "| Caldmoor to Wrenfield | Sailings resume on Friday morning |",
                ],
            ),
            (
                "headings are read as before",
                "# Three hurt as ferry strikes pier at Caldmoor\n\n## What passengers should do\n\n\
                 ## Key Outcomes from the Visit: Enhancing Military Collaboration",
                vec!["Three hurt as ferry strikes pier at Caldmoor"],
            ),
            (
                "emoji, CJK and CRLF line ends",
                "Passengers were advised to:\r\n\r\n- 🚢 check the website for timetables 🚢\r\n\
                 - 🚢 The ferry carried 212 passengers and 14 crew. 🚢\r\n\
                 - 他说会议很成功 双方 同意 加强 合作 关系。\r\n- 渡轮 撞上 码头 双方 同意 加强\r\n\
                 - 😀\r\n•\u{2028}– é\r\n",
                vec![
                    // The emoji after the full stop is a segment of its own, without letters.
                    "🚢 The ferry carried 212 passengers and 14 crew.",
                    "他说会议很成功 双方 同意 加强 合作 关系。",
                ],
            ),
        ];
        let mut failed = 0;
        for (name, text, want) in &cases {
            let got = claims_of(text);
            if &got != want {
                failed += 1;
                eprintln!("{name}: got {got:?}, want {want:?}");
            }
        }
        assert_eq!(failed, 0, "{failed} of {} cases failed", cases.len());
    }

    /// Spans lie on char boundaries and nothing panics, on any mix of list markers, lead-ins,
    /// multi-byte characters and line ends; a 10,000-item list is read in one pass.
    #[test]
    fn list_rules_never_panic_and_stay_on_char_boundaries() {
        let pieces = [
            "- ",
            "* ",
            "1. ",
            "• ",
            "– ",
            ":",
            "—",
            "\r\n",
            "\n",
            "\n\n",
            "é",
            "🚢",
            "他说",
            "check the website",
            "The ferry carried 212 passengers.",
            "To ",
            "Direct: ",
            "|",
            " ",
            ".",
            "\u{2028}",
            "Please ",
            "Keep ",
        ];
        let mut seed = 7u32;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            for r in claim_spans(&text) {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                assert!(r.start < r.end && r.end <= text.len(), "{text:?}");
            }
        }
        let mut long = String::from("Passengers were advised to:\n");
        for i in 0..10_000 {
            long.push_str(&format!("- check the website for timetable {i}\n"));
            if i % 100 == 0 {
                long.push_str("- The ferry carried 212 passengers and 14 crew.\r\n");
            }
        }
        let claims = claims_of(&long);
        assert_eq!(claims.len(), 100);
        assert!(claims
            .iter()
            .all(|c| *c == "The ferry carried 212 passengers and 14 crew."));
    }
}
